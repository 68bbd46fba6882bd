//! `dyad dict` (being built; issue 4).
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Counts per dictionary.
    Stats,
}

pub fn run(_c: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dyad dict` is not built yet")
}
