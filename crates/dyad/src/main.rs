//! `dyad`: one binary that wires the library crates together. Each subcommand
//! lives in `cmd/`, parses its own arguments and calls into the crates.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;

/// dyad turns news text into political event data: who did what to whom, when,
/// on which issue, and who says so (CAMEO, Goldstein, PLOVER).
#[derive(Parser)]
#[command(name = "dyad", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents (text files, folders, JSONL, PETRARCH XML, or --stdin) into event records.
    Code(cmd::code::Args),
    /// Measure accuracy: tokenization, tagger, parser or NER against gold files.
    #[command(subcommand)]
    Eval(cmd::eval::Target),
    /// Train a model (tagger, parser or NER) from CoNLL-U or IOB2 files.
    #[command(subcommand)]
    Train(cmd::train::Target),
    /// Write CoNLL-U (tags, lemmas, dependencies, entities) for raw text.
    Parse(cmd::parse::Args),
    /// Run PETRARCH-format validation records and report which pass.
    Validate(cmd::validate::Args),
    /// Look up, count and check dictionaries.
    #[command(subcommand)]
    Dict(cmd::dict::Command),
}

/// Restores the default action of SIGPIPE (Rust ignores it, so a closed pipe would
/// make the next `println!` panic): `dyad code … | head` then ends quietly, as Unix
/// tools do.
#[cfg(unix)]
fn default_sigpipe() {
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a
    // valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn default_sigpipe() {}

fn main() -> ExitCode {
    default_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(a) => cmd::code::run(a),
        Command::Eval(t) => cmd::eval::run(t),
        Command::Train(t) => cmd::train::run(t),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Validate(a) => cmd::validate::run(a),
        Command::Dict(c) => cmd::dict::run(c),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: {e:#}");
            ExitCode::from(2)
        }
    }
}
