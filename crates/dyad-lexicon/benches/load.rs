//! Load and match benchmark, without a harness so anyone can rerun it:
//!
//! ```text
//! cargo bench -p dyad-lexicon --bench load
//! ```
//!
//! Reads the PETRARCH Phoenix dictionaries and CAMEO.2.0 from
//! `../shared/data/petrarch` (or `$DYAD_PETRARCH_DATA`) and says so when they are
//! absent; loads dyad's own dictionaries (the folder next to the crates, else the
//! embedded copy); then times actor/agent/issue matching over the words of
//! `../shared/data/text` articles (or a built-in paragraph).

use dyad_lexicon::{Lexicon, PetrarchFiles};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn shared() -> Option<PathBuf> {
    let base = std::env::var_os("DYAD_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    base.is_dir().then_some(base)
}

fn petrarch_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("DYAD_PETRARCH_DATA") {
        return Some(PathBuf::from(d));
    }
    shared()
        .map(|s| s.join("petrarch"))
        .filter(|p| p.join("CAMEO.2.0.txt").is_file())
}

/// Runs `f` `n` times; returns (min, median).
fn time<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(n);
    let mut last = None;
    for _ in 0..n {
        let t = Instant::now();
        let v = f();
        times.push(t.elapsed());
        last = Some(v);
    }
    times.sort();
    (times[0], times[n / 2], last.expect("n > 0"))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let runs = 5;
    let phoenix = match petrarch_dir() {
        Some(dir) => {
            let files = PetrarchFiles::phoenix(&dir);
            let (min, med, lex) = time(runs, || {
                Lexicon::load_petrarch(&files).expect("Phoenix set loads")
            });
            let s = dyad_lexicon::stats(&lex);
            println!(
                "Phoenix set + CAMEO.2.0 ({}): load min {} median {} over {runs} runs",
                dir.display(),
                ms(min),
                ms(med)
            );
            println!(
                "  {} actor entries, {} agents, {} verb patterns, {} issue phrases, {} discards, {} warnings",
                lex.actors.len(),
                s.agents,
                s.verb_patterns,
                s.issue_phrases,
                s.discards,
                lex.warnings.len()
            );
            Some(lex)
        }
        None => {
            println!("../shared/data/petrarch not found (set DYAD_PETRARCH_DATA): Phoenix load not measured");
            None
        }
    };
    let ours = match Lexicon::load_default() {
        Ok(_) => {
            let (min, med, ours) = time(runs, || Lexicon::load_default().expect("loaded once"));
            println!(
                "dyad dictionaries ({:?}): load min {} median {}; {} actor entries, {} agents, {} verb patterns",
                ours.source,
                ms(min),
                ms(med),
                ours.actors.len(),
                ours.agents.len(),
                ours.verbs.patterns.len()
            );
            Some(ours)
        }
        Err(e) => {
            println!("dyad dictionaries do not load: {e}");
            None
        }
    };

    // Matching throughput over real words.
    let text = shared()
        .and_then(|s| {
                std::fs::read_dir(s.join("text")).ok()?.filter_map(Result::ok).find_map(|e| std::fs::read_to_string(e.path()).ok())
        })
        .unwrap_or_else(|| {
            "Ukrainian President Volodymyr Zelensky told CNN that Kyiv was ready to discuss neutrality \
             with Russia, while NATO foreign ministers met in Brussels and the United Nations called \
             for a ceasefire. "
                .repeat(2000)
        });
    let words: Vec<&str> = text.split_whitespace().collect();
    let sentences: Vec<&[&str]> = words.chunks(25).collect();
    for (name, lex) in [("Phoenix", phoenix.as_ref()), ("dyad", ours.as_ref())] {
        let Some(lex) = lex else { continue };
        let (min, _, found) = time(3, || {
            let mut n = 0usize;
            for s in &sentences {
                n += lex.actors.find_mentions(s).len();
                n += lex.agents.find_agents(s).len();
                n += lex.issues.find(s).len();
            }
            n
        });
        println!(
            "{name}: matched actors+agents+issues over {} words in {} ({:.1} M words/s; {} matches)",
            words.len(),
            ms(min),
            words.len() as f64 / min.as_secs_f64() / 1e6,
            found
        );
    }
}
