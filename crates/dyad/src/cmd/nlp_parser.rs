//! Parser commands (being built; issue 3).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {}
#[derive(clap::Args)]
pub struct TrainArgs {}

pub fn run_eval(_a: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn run_train(_a: TrainArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
