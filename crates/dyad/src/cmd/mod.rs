//! One module per subcommand. `eval` and `train` dispatch to the component modules.

pub mod code;
pub mod dict;
pub mod eval;
pub mod nlp_parser;
pub mod nlp_tagger;
pub mod parse;
pub mod tokenize;
pub mod train;
pub mod validate;

/// CPU time of this thread in seconds (Linux), so throughput figures do not
/// depend on how busy the machine is; `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Prints the throughput lines of `dyad eval`: `{what}_per_second_wall` and,
/// when known, `{what}_per_second_cpu` (`what` names the stage and the unit,
/// e.g. `parse_words`).
fn print_speed(what: &str, units: usize, wall: f64, cpu: Option<f64>) {
    println!(
        "{what}_per_second_wall: {:.0}",
        units as f64 / wall.max(1e-9)
    );
    if let Some(c) = cpu {
        println!("{what}_per_second_cpu: {:.0}", units as f64 / c.max(1e-9));
    }
}

/// Reports a model written by `dyad train`: its path, size and the time since
/// `start` (stderr).
fn report_written(path: &std::path::Path, start: std::time::Instant) {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "wrote {} ({} bytes) in {:.1} s",
        path.display(),
        size,
        start.elapsed().as_secs_f64()
    );
}
