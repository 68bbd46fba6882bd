//! `dyad validate` (being built; see its issue).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_a: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad validate` is not built yet")
}
