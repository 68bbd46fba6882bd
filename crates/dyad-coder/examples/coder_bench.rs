//! Speed of raw text -> events on one thread: sentence splitting, tokenization,
//! tagging, lemmas, NER, parsing and coding, over the Wikinews and VOA texts.
//!
//! ```text
//! cargo run --release -p dyad-coder --example coder_bench -- \
//!     --wikinews ../shared/data/text --voa ../shared/data/voa/voa_stories.jsonl \
//!     [--petrarch ../shared/data/petrarch] [--models models] [--repeat 1]
//! ```
//! Run it pinned to one core (`taskset -c 0`); bench/coder_bench.sh does.

use dyad_coder::{load_dyad, load_petrarch, Coder, CoderOptions, PetrarchFiles};
use dyad_text::{Date, Document};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn wikinews(dir: &Path) -> Vec<Document> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    for f in files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|x| x == "csv"))
    {
        let Ok(mut rd) = csv::Reader::from_path(&f) else {
            continue;
        };
        let headers = rd.headers().cloned().unwrap_or_default();
        let col = |n: &str| headers.iter().position(|h| h == n);
        let (Some(ct), Some(cd)) = (col("text"), col("date")) else {
            continue;
        };
        for (i, rec) in rd.records().enumerate() {
            let Ok(rec) = rec else { continue };
            let mut d = Document::new(
                format!("{}:{}", f.display(), i + 2),
                rec.get(ct).unwrap_or(""),
            );
            d.date = rec.get(cd).and_then(|x| Date::parse_lenient(x).ok());
            out.push(d);
        }
    }
    out
}

fn voa(path: &Path) -> Vec<Document> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let mut d = Document::new(
                v["id"].as_str().unwrap_or("").to_string(),
                v["text"].as_str().unwrap_or("").to_string(),
            );
            d.date = v["published"]
                .as_str()
                .and_then(|x| Date::parse_lenient(x).ok());
            d
        })
        .collect()
}

fn run(name: &str, coder: &Coder, docs: &[Document], repeat: usize) {
    // Analyse once outside the timer to report the coder's own share too.
    let mut sentences = 0usize;
    let mut events = 0usize;
    let t = Instant::now();
    for _ in 0..repeat {
        for d in docs {
            let out = coder.code_document(d);
            events += out.events.len();
        }
    }
    let total = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut analysed = Vec::with_capacity(docs.len());
    for d in docs {
        let s = coder.analyze(d).expect("models loaded");
        sentences += s.len();
        analysed.push(s);
    }
    let nlp = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..repeat {
        for (d, s) in docs.iter().zip(&analysed) {
            std::hint::black_box(coder.code_sentences(d, s));
        }
    }
    let code = t.elapsed().as_secs_f64();
    let n = (sentences * repeat) as f64;
    println!(
        "{name}: {} documents, {} sentences, {} events; raw text -> events {:.0} sentences/s; \
         NLP alone {:.0} sentences/s; coding alone {:.0} sentences/s",
        docs.len(),
        sentences,
        events / repeat.max(1),
        n / total,
        sentences as f64 / nlp,
        n / code
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let repeat: usize = arg(&args, "--repeat")
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let mut docs = Vec::new();
    if let Some(d) = arg(&args, "--wikinews") {
        docs.extend(wikinews(Path::new(&d)));
    }
    if let Some(v) = arg(&args, "--voa") {
        docs.extend(voa(Path::new(&v)));
    }
    if docs.is_empty() {
        eprintln!("no documents: pass --wikinews DIR and/or --voa FILE");
        std::process::exit(2);
    }
    let options = CoderOptions {
        models_dir: arg(&args, "--models").map(PathBuf::from),
        ..CoderOptions::default()
    };
    let t = Instant::now();
    let dir =
        dyad_coder::default_dictionaries_dir().expect("dictionaries/ (run from the repository)");
    let dicts = load_dyad(&dir).expect("dyad dictionaries");
    println!(
        "dyad dictionaries loaded in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let coder = Coder::with_dictionaries_and_models(&options, dicts).expect("NLP models");
    run("dyad dictionaries", &coder, &docs, repeat);
    if let Some(p) = arg(&args, "--petrarch") {
        let t = Instant::now();
        let files = PetrarchFiles::from_dir(Path::new(&p)).expect("PETRARCH dictionaries");
        let dicts = load_petrarch(&files).expect("PETRARCH dictionaries");
        println!(
            "Phoenix + CAMEO.2.0 loaded in {:.2} s ({} actor entries, {} verb patterns)",
            t.elapsed().as_secs_f64(),
            dicts.actors.len(),
            dicts
                .verbs
                .blocks
                .iter()
                .map(|b| b.patterns.len())
                .sum::<usize>()
        );
        let coder = Coder::with_dictionaries_and_models(&options, dicts).expect("NLP models");
        run("Phoenix + CAMEO.2.0", &coder, &docs, repeat);
    }
}
