//! `dyad validate FILE.xml`: runs PETRARCH-format validation records and reports
//! which pass. A record passes when the set of (source, target, code) triples
//! found equals the expected set. The last line is always `N passed, N failed`.
use anyhow::Context;
use dyad_coder::validate::{check_record, load_environment, record_parse, RecordOutcome, Summary};
use dyad_coder::validation::read_validation_file;
use dyad_coder::{Coder, CoderOptions};
use dyad_text::Document;
use std::path::PathBuf;

/// `println!` that stops quietly when the reader went away (`dyad validate | head`).
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The validation file (PETR.UnitTest.records.xml, PETR2_GSR_validation.xml).
    pub file: PathBuf,
    /// Folder with the dictionaries named in the file's <Environment> (default: next to the file).
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Code from the record's own parse (Penn Treebank or CoNLL-U) instead of our NLP models.
    #[arg(long)]
    pub use_parse: bool,
    /// Folder of the NLP models (raw-text coding).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Also show passing records and the rules that fired.
    #[arg(long, short)]
    pub verbose: bool,
    /// Only records whose id starts with this.
    #[arg(long)]
    pub only: Option<String>,
}

fn fmt_triples(v: &[(String, String, String)]) -> String {
    if v.is_empty() {
        return "(none)".into();
    }
    v.iter()
        .map(|(s, t, c)| format!("{s} {t} {c}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn print_outcome(o: &RecordOutcome, verbose: bool) {
    if o.passed && !verbose {
        return;
    }
    say!("{} {}", if o.passed { "PASS" } else { "FAIL" }, o.id);
    say!("  text:     {}", o.text);
    say!("  expected: {}", fmt_triples(&o.expected));
    say!("  found:    {}", fmt_triples(&o.found));
    if !o.passed {
        let missing: Vec<_> = o
            .expected
            .iter()
            .filter(|t| !o.found.contains(t))
            .cloned()
            .collect();
        let extra: Vec<_> = o
            .found
            .iter()
            .filter(|t| !o.expected.contains(t))
            .cloned()
            .collect();
        if !missing.is_empty() {
            say!("  missing:  {}", fmt_triples(&missing));
        }
        if !extra.is_empty() {
            say!("  extra:    {}", fmt_triples(&extra));
        }
    }
    if let Some(n) = &o.note {
        say!("  note:     {n}");
    }
    if verbose {
        for r in &o.rules {
            say!("  rule:     {r}");
        }
        if !o.passed {
            for l in &o.tree {
                say!("    {l}");
            }
        }
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let file = read_validation_file(&a.file).map_err(anyhow::Error::msg)?;
    let dicts =
        load_environment(&file, &a.file, a.dictionaries.as_deref()).map_err(anyhow::Error::msg)?;
    let options = CoderOptions {
        models_dir: a.models.clone(),
        ..CoderOptions::default()
    };
    let coder = if a.use_parse {
        Coder::with_dictionaries(&options, dicts)
    } else {
        Coder::with_dictionaries_and_models(&options, dicts)
            .map_err(anyhow::Error::msg)
            .context("coding from raw text needs the NLP models (or use --use-parse)")?
    };
    let mut summary = Summary::default();
    for r in &file.records {
        if a.only.as_deref().is_some_and(|p| !r.id.starts_with(p)) {
            continue;
        }
        let sent = if a.use_parse {
            record_parse(r)
        } else {
            let doc = Document::new(r.id.clone(), r.text.clone());
            coder.analyze(&doc).map_err(|e| e.to_string()).map(merge)
        };
        let o = check_record(coder.dictionaries(), r, sent);
        print_outcome(&o, a.verbose);
        summary.add(&o);
    }
    let total = summary.passed + summary.failed;
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    say!(
        "records fully correct: {}/{} ({:.1}%)",
        summary.passed,
        total,
        pct(summary.passed, total)
    );
    say!(
        "expected triples found: {}/{} ({:.1}%)",
        summary.expected_found,
        summary.expected,
        pct(summary.expected_found, summary.expected)
    );
    say!(
        "extra triples: {} ({:.1}% of expected)",
        summary.extra,
        pct(summary.extra, summary.expected)
    );
    say!("{} passed, {} failed", summary.passed, summary.failed);
    Ok(if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A validation record is one sentence; if our splitter cut it, code the pieces as one.
fn merge(mut sents: Vec<dyad_nlp::AnalyzedSentence>) -> dyad_nlp::AnalyzedSentence {
    if sents.len() <= 1 {
        return sents.pop().unwrap_or_default();
    }
    let mut out = dyad_nlp::AnalyzedSentence {
        span: sents[0].span,
        tokens: Vec::new(),
    };
    let mut root: Option<usize> = None;
    for s in sents {
        let base = out.tokens.len();
        out.span.end = s.span.end;
        for mut t in s.tokens {
            if t.head == 0 {
                match root {
                    None => root = Some(out.tokens.len() + 1),
                    Some(r) => {
                        t.head = r;
                        t.deprel = "parataxis".into();
                        out.tokens.push(t);
                        continue;
                    }
                }
            } else {
                t.head += base;
            }
            out.tokens.push(t);
        }
    }
    out
}
