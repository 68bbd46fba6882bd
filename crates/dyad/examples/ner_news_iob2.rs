//! Rebuilds dyad's news NER training data (IOB2) from the standoff annotations
//! in `training/ner-news.tsv` and the source texts, which are not in the
//! repository (see `dyad_nlp::ner::standoff` and models/MODELS.md, ner.bin):
//!
//! ```text
//! cargo run --release -p dyad --example ner_news_iob2 -- \
//!     --standoff training/ner-news.tsv --out /tmp/ner-news.iob2 [--part all|train|dev] \
//!     --wikinews ../shared/data/text/wikinews_2019.csv \
//!     --wikinews ../shared/data/text/wikinews_2020.csv \
//!     --voa ../shared/data/voa/voa_stories.jsonl
//! ```
//!
//! Document ids: `wnYYYY-NNN` is the NNN-th row (1-based) of the Wikinews CSV
//! whose file name holds the year YYYY; `voa-ID` is the VOA story whose `id` is
//! ID. Each document is re-segmented with `dyad_text::segment`; a sentence
//! whose token count or token hash differs from the annotation is reported on
//! standard error with its id and skipped. `--part dev` keeps the documents
//! held out as the news dev set (`doc_bucket(id) < --dev-percent`, default
//! 20), `--part train` the others.

use anyhow::{bail, Context};
use dyad_io::read::{csv_documents, jsonl_documents, ReadOptions};
use dyad_nlp::ner::standoff::{doc_bucket, parse_standoff, to_iob2};
use std::collections::HashMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq)]
enum Part {
    All,
    Train,
    Dev,
}

fn year_of(path: &Path) -> anyhow::Result<String> {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let digits: String = name.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 {
        bail!(
            "{}: cannot tell the year from the file name (want e.g. wikinews_2019.csv)",
            path.display()
        );
    }
    Ok(digits)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut standoff, mut out, mut part, mut percent) = (None, None, Part::All, 20u64);
    let (mut wikinews, mut voa): (Vec<PathBuf>, Vec<PathBuf>) = (Vec::new(), Vec::new());
    while let Some(a) = args.next() {
        let mut value = || args.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--standoff" => standoff = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--wikinews" => wikinews.push(PathBuf::from(value()?)),
            "--voa" => voa.push(PathBuf::from(value()?)),
            "--dev-percent" => percent = value()?.parse().context("--dev-percent")?,
            "--part" => {
                part = match value()?.as_str() {
                    "all" => Part::All,
                    "train" => Part::Train,
                    "dev" => Part::Dev,
                    p => bail!("--part {p}: want all, train or dev"),
                }
            }
            _ => bail!("unknown argument {a:?} (see the example's doc comment)"),
        }
    }
    let (Some(standoff), Some(out)) = (standoff, out) else {
        bail!("give --standoff FILE and --out FILE");
    };
    let text = std::fs::read_to_string(&standoff)
        .with_context(|| format!("reading {}", standoff.display()))?;
    let sentences =
        parse_standoff(&text).map_err(|e| anyhow::anyhow!("{}: {e}", standoff.display()))?;

    let opts = ReadOptions::default();
    let mut docs: HashMap<String, String> = HashMap::new();
    for path in &wikinews {
        let year = year_of(path)?;
        let f = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
        let origin = path.display().to_string();
        // Row n (1-based, after the header) is document wnYYYY-NNN, also when
        // the row is unreadable, so that later rows keep their ids.
        for (n, doc) in csv_documents(BufReader::new(f), &origin, &opts).enumerate() {
            if let Ok(d) = doc {
                docs.insert(format!("wn{year}-{:03}", n + 1), d.text);
            }
        }
    }
    for path in &voa {
        let f = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
        let origin = path.display().to_string();
        for d in jsonl_documents(BufReader::new(f), &origin, &opts).flatten() {
            docs.insert(format!("voa-{}", d.id), d.text);
        }
    }

    let c = to_iob2(&sentences, &docs, |doc| match part {
        Part::All => true,
        Part::Dev => doc_bucket(doc) < percent,
        Part::Train => doc_bucket(doc) >= percent,
    });
    for s in &c.skipped {
        eprintln!("skipped {s}");
    }
    std::fs::write(&out, &c.iob2).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "{}: {} documents, {} sentences, {} entities; {} sentences skipped",
        out.display(),
        c.documents,
        c.sentences,
        c.entities,
        c.skipped.len()
    );
    Ok(())
}
