//! `dyad eval tokenize` (being built; issue 2).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {}

pub fn run_eval(_a: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad eval tokenize` is not built yet")
}
