//! `dyad train parser` and `dyad eval parser`: the dependency parser, trained,
//! evaluated and run through the same `dyad_nlp::parser` code.

use anyhow::{bail, Context};
use dyad_nlp::parser::{self, Alts, Parser, TrainConfig};
use dyad_nlp::{AnalyzedSentence, GoldSentence, Tagger};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::{print_speed, thread_cpu_seconds};

/// Arguments of `dyad train parser`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Training treebank (CoNLL-U).
    #[arg(long)]
    train: PathBuf,
    /// Development treebank (CoNLL-U): the epoch with the best dev LAS is kept.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "models/parser.bin")]
    out: PathBuf,
    #[arg(long, default_value_t = 15)]
    epochs: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Move table size: 2^bits rows.
    #[arg(long, default_value_t = 22)]
    move_bits: u32,
    /// Label table size: 2^bits rows.
    #[arg(long, default_value_t = 18)]
    label_bits: u32,
    /// Drop weight rows whose largest quantised weight is below this (smaller model).
    #[arg(long, default_value_t = 0)]
    prune: i16,
    /// Tag the dev set with this tagger instead of using its gold tags.
    #[arg(long)]
    dev_tagger: Option<PathBuf>,
    /// Train on predicted tags: split the training set into K folds, train a
    /// tagger on K-1 folds (with --dev) and tag the held-out fold (0 = gold tags).
    #[arg(long, default_value_t = 0)]
    jackknife: usize,
    /// Tagger epochs for each jackknife fold.
    #[arg(long, default_value_t = 8)]
    jackknife_epochs: usize,
    /// With --jackknife: train on both the gold-tag and the jackknifed copy of each sentence.
    #[arg(long)]
    jackknife_keep_gold: bool,
    /// With --jackknife: read the jackknifed tags from this file if it exists
    /// (written by an earlier run with the same training file and settings),
    /// else write them there.
    #[arg(long)]
    jackknife_cache: Option<PathBuf>,
    /// Optional feature sets, comma-separated: `clusters` (word classes of the
    /// --dev-tagger, stored in the model), `alts` (the tagger's runner-up XPOS).
    #[arg(long, default_value = "")]
    features: String,
    /// Margin thresholds of the runner-up XPOS features (two buckets; the
    /// tagger's margins in its real score units: about 1.7% of EWT dev words
    /// are below 5, 4.9% below 15).
    #[arg(long, value_delimiter = ',', default_values_t = [5.0f32, 15.0])]
    margins: Vec<f32>,
    /// Training beam width (1: greedy with the dynamic oracle; more: beam
    /// search with max-violation updates).
    #[arg(long, default_value_t = 1)]
    beam: usize,
    /// First epoch (1-based) trained with the beam; earlier ones are greedy.
    #[arg(long, default_value_t = 1)]
    beam_from: usize,
    /// Decoder for the dev set (see `dyad eval parser --decoder`).
    #[arg(long, default_value = "greedy")]
    decoder: String,
    /// Silver treebank (CoNLL-U, e.g. raw news parsed by a stronger parser
    /// with `dyad parse`): added to the training trees with its own tags
    /// (uptraining). Repeatable.
    #[arg(long)]
    silver: Vec<PathBuf>,
    /// Expected visits of each silver tree per epoch (a training tree: 1).
    #[arg(long, default_value_t = 1.0)]
    silver_weight: f64,
}

/// Arguments of `dyad eval parser`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Gold treebank (CoNLL-U); its tokenization is used.
    #[arg(long)]
    conllu: PathBuf,
    /// Parser model.
    #[arg(long, default_value = "models/parser.bin")]
    model: PathBuf,
    /// Use the file's gold XPOS, UPOS and lemmas instead of our tagger's.
    #[arg(long)]
    gold_tags: bool,
    /// Tagger model for predicted tags and lemmas.
    #[arg(long, default_value = "models/tagger.bin")]
    tagger: PathBuf,
    /// Also write the parsed sentences (with the tags used) as CoNLL-U here.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Decoding: `greedy` (default), `beam:K` or `branch:K:MARGIN`, optionally
    /// followed by `,labels` or `,softmax:T` (how whole sequences compare).
    #[arg(long, default_value = "greedy")]
    decoder: String,
}

fn read_gold(path: &Path) -> anyhow::Result<Vec<AnalyzedSentence>> {
    let sents = dyad_text::conllu::read_conllu(path).map_err(anyhow::Error::msg)?;
    Ok(sents.iter().map(parser::sentence_from_conllu).collect())
}

/// Replaces XPOS, UPOS and lemmas with the tagger's predictions; returns the
/// runner-up XPOS and margin of every word.
pub fn retag(tagger: &Tagger, sentences: &mut [AnalyzedSentence]) -> Vec<Alts> {
    let mut all = Vec::with_capacity(sentences.len());
    for s in sentences {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let (tags, alts) = tagger.tag_with_alternatives(&words);
        let tags: Vec<(String, String, String)> = tags
            .into_iter()
            .map(|t| (t.xpos.to_string(), t.upos.to_string(), t.lemma))
            .collect();
        all.push(
            alts.iter()
                .map(|a| (a.xpos.to_string(), a.margin))
                .collect(),
        );
        for (tok, (x, u, l)) in s.tokens.iter_mut().zip(tags) {
            tok.xpos = x;
            tok.upos = u;
            tok.lemma = l;
        }
    }
    all
}

/// Writes the tags of `train` and their alternatives (one line per word:
/// XPOS, UPOS, lemma, runner-up XPOS, margin; a blank line per sentence).
/// The runner-up list of a sentence whose tags are given, not predicted (gold
/// copies, silver trees): each word's own tag, nothing below it.
fn no_runner_up(s: &AnalyzedSentence) -> Alts {
    s.tokens
        .iter()
        .map(|t| (t.xpos.clone(), f32::INFINITY))
        .collect()
}

fn write_cache(path: &Path, train: &[AnalyzedSentence], alts: &[Alts]) -> anyhow::Result<()> {
    let mut text = String::new();
    for (s, a) in train.iter().zip(alts) {
        for (t, (x, m)) in s.tokens.iter().zip(a) {
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                t.xpos, t.upos, t.lemma, x, m
            ));
        }
        text.push('\n');
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Reads a file of [`write_cache`] over `train` (same sentences and words).
fn read_cache(path: &Path, train: &mut [AnalyzedSentence]) -> anyhow::Result<Vec<Alts>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.lines().enumerate();
    let mut all = Vec::with_capacity(train.len());
    for s in train.iter_mut() {
        let mut a = Vec::with_capacity(s.tokens.len());
        for t in &mut s.tokens {
            let Some((ln, line)) = lines.next() else {
                bail!(
                    "{}: ends early: not a cache of this training file",
                    path.display()
                );
            };
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 5 {
                bail!(
                    "{}:{}: expected 5 tab-separated fields",
                    path.display(),
                    ln + 1
                );
            }
            let m: f32 = f[4]
                .parse()
                .with_context(|| format!("{}:{}: bad margin", path.display(), ln + 1))?;
            t.xpos = f[0].to_string();
            t.upos = f[1].to_string();
            t.lemma = f[2].to_string();
            a.push((f[3].to_string(), m));
        }
        match lines.next() {
            Some((_, "")) => {}
            Some((ln, _)) => bail!(
                "{}:{}: sentence lengths differ: not a cache of this training file",
                path.display(),
                ln + 1
            ),
            None => bail!("{}: ends early", path.display()),
        }
        all.push(a);
    }
    if lines.next().is_some() {
        bail!("{}: more sentences than the training file", path.display());
    }
    Ok(all)
}

/// Replaces the tags of `train` with those of taggers that did not see them:
/// fold `k` holds sentences `i` with `i % folds == k`.
fn jackknife(
    train: &mut [AnalyzedSentence],
    dev: &[GoldSentence],
    folds: usize,
    epochs: usize,
    seed: u64,
    clusters: &dyad_nlp::clusters::Clusters,
) -> anyhow::Result<Vec<Alts>> {
    let gold: Vec<GoldSentence> = train
        .iter()
        .map(|s| GoldSentence {
            words: s.tokens.iter().map(|t| t.form.clone()).collect(),
            xpos: s.tokens.iter().map(|t| t.xpos.clone()).collect(),
            upos: s.tokens.iter().map(|t| t.upos.clone()).collect(),
            lemmas: s.tokens.iter().map(|t| t.lemma.clone()).collect(),
        })
        .collect();
    let mut alts: Vec<Alts> = vec![Vec::new(); train.len()];
    for k in 0..folds {
        let rest: Vec<GoldSentence> = gold
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let cfg = dyad_nlp::TrainConfig {
            epochs,
            seed,
            verbose: false,
            // The fold taggers use the word classes of the --dev-tagger
            // (and no WordNet lexicon).
            clusters: clusters.clone(),
            ..Default::default()
        };
        let tagger = Tagger::train(&rest, dev, &cfg)?;
        let mut held: Vec<AnalyzedSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == k)
            .map(|(_, s)| s.clone())
            .collect();
        let held_alts = retag(&tagger, &mut held);
        for (j, (s, a)) in held.into_iter().zip(held_alts).enumerate() {
            train[j * folds + k] = s;
            alts[j * folds + k] = a;
        }
        eprintln!("jackknife fold {}/{folds} tagged", k + 1);
    }
    Ok(alts)
}

fn load_tagger(path: &Path) -> anyhow::Result<Tagger> {
    Tagger::load(path).with_context(|| {
        format!(
            "cannot load the tagger {} (train it with `dyad train tagger`, or pass --gold-tags)",
            path.display()
        )
    })
}

/// `dyad train parser`.
pub fn run_train(a: TrainArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut train = read_gold(&a.train)?;
    let mut dev = match &a.dev {
        Some(p) => Some(read_gold(p)?),
        None => None,
    };
    let dev_tagger = match &a.dev_tagger {
        Some(p) => Some(load_tagger(p)?),
        None => None,
    };
    let mut dev_alts = Vec::new();
    if let (Some(d), Some(t)) = (dev.as_mut(), &dev_tagger) {
        dev_alts = retag(t, d);
    }
    let mut set = 0;
    for f in a
        .features
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        set |= match f {
            "clusters" => parser::features::FEAT_CLUSTERS,
            "alts" => parser::features::FEAT_ALTS,
            _ => bail!("unknown feature set {f:?} (known: clusters, alts)"),
        };
    }
    if set & parser::features::FEAT_CLUSTERS != 0
        && dev_tagger.as_ref().is_none_or(|t| t.clusters().is_empty())
    {
        bail!("--features clusters needs a --dev-tagger with word classes");
    }
    if a.margins.len() != 2 || a.margins[0] > a.margins[1] {
        bail!("--margins takes two increasing numbers");
    }
    let mut train_alts: Vec<Alts> = Vec::new();
    if a.jackknife == 1 {
        bail!("--jackknife needs at least 2 folds");
    }
    if a.jackknife >= 2 {
        let tagger_dev: Vec<GoldSentence> = match &a.dev {
            Some(p) => dyad_text::conllu::read_conllu(p)
                .map_err(anyhow::Error::msg)?
                .iter()
                .map(GoldSentence::from_conllu)
                .collect(),
            None => Vec::new(),
        };
        let gold_copy = if a.jackknife_keep_gold {
            train.clone()
        } else {
            Vec::new()
        };
        match &a.jackknife_cache {
            Some(c) if c.exists() => {
                train_alts = read_cache(c, &mut train)?;
                eprintln!("jackknifed tags read from {}", c.display());
            }
            cache => {
                train_alts = jackknife(
                    &mut train,
                    &tagger_dev,
                    a.jackknife,
                    a.jackknife_epochs,
                    a.seed,
                    &match &dev_tagger {
                        Some(t) => t.clusters().clone(),
                        None => Default::default(),
                    },
                )?;
                if let Some(c) = cache {
                    write_cache(c, &train, &train_alts)?;
                }
            }
        }
        // Gold-tag copies: no runner-up tags (the tagger did not see them).
        train_alts.extend(gold_copy.iter().map(no_runner_up));
        train.extend(gold_copy);
        eprintln!(
            "jackknifed tags on the training set ({} folds, {:.0}s)",
            a.jackknife,
            start.elapsed().as_secs_f64()
        );
    }
    let mut silver = 0;
    for p in &a.silver {
        let trees = read_gold(p)?;
        eprintln!("{} silver trees from {}", trees.len(), p.display());
        silver += trees.len();
        // No runner-up tags: the file holds one tag per word.
        train_alts.resize(train.len(), Vec::new());
        train_alts.extend(trees.iter().map(no_runner_up));
        train.extend(trees);
    }
    // Each unit of weight is one more pass over the silver trees per epoch:
    // beyond 100 a run would not end (and the visit count overflows).
    if !(a.silver_weight.is_finite() && a.silver_weight > 0.0 && a.silver_weight <= 100.0) {
        bail!("--silver-weight must be a number above 0 and at most 100");
    }
    if !(10..=28).contains(&a.move_bits) || !(8..=24).contains(&a.label_bits) {
        bail!("--move-bits must be in 10..=28 and --label-bits in 8..=24");
    }
    let cfg = TrainConfig {
        epochs: a.epochs,
        seed: a.seed,
        move_bits: a.move_bits,
        label_bits: a.label_bits,
        prune: a.prune,
        set,
        clusters: match &dev_tagger {
            Some(t) if set & parser::features::FEAT_CLUSTERS != 0 => t.clusters().clone(),
            _ => Default::default(),
        },
        margins: [a.margins[0], a.margins[1]],
        beam: a.beam,
        beam_from: a.beam_from.saturating_sub(1),
        decoder: parser::search::Decoder::parse(&a.decoder).map_err(anyhow::Error::msg)?,
        silver,
        silver_weight: a.silver_weight,
        ..TrainConfig::default()
    };
    eprintln!(
        "training on {} sentences: epochs {}, seed {}, move bits {}, label bits {}, prune {}",
        train.len(),
        cfg.epochs,
        cfg.seed,
        cfg.move_bits,
        cfg.label_bits,
        cfg.prune
    );
    let dev_pair = dev.as_deref().map(|d| (d, dev_alts.as_slice()));
    let (model, report) = parser::train(&train, &train_alts, dev_pair, &cfg, &mut |line| {
        eprintln!("{line} ({:.0}s)", start.elapsed().as_secs_f64())
    })?;
    eprintln!(
        "kept epoch {}; {} trees projectivised, {} skipped",
        report.best_epoch, report.lifted, report.skipped
    );
    if let Some(parent) = a.out.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
    }
    model.save(&a.out)?;
    if let Some(d) = &dev {
        let s = parser::score(d, &parser::parse_all_with_alts(&model, d, &dev_alts))?;
        println!("dev_uas: {:.2}", s.uas());
        println!("dev_las: {:.2}", s.las());
    }
    let size = std::fs::metadata(&a.out).map(|m| m.len()).unwrap_or(0);
    println!("model: {} ({:.1} MB)", a.out.display(), size as f64 / 1e6);
    println!("seconds: {:.1}", start.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

/// `dyad eval parser`.
pub fn run_eval(a: EvalArgs) -> anyhow::Result<ExitCode> {
    let mut gold = read_gold(&a.conllu)?;
    let t = Instant::now();
    let mut model = Parser::load(&a.model)?;
    model.set_decoder(parser::search::Decoder::parse(&a.decoder).map_err(anyhow::Error::msg)?);
    let load_s = t.elapsed().as_secs_f64();
    let mut input = gold.clone();
    let mut alts = Vec::new();
    if !a.gold_tags {
        alts = retag(&load_tagger(&a.tagger)?, &mut input);
    }
    let t = Instant::now();
    let cpu0 = thread_cpu_seconds();
    let pred = parser::parse_all_with_alts(&model, &input, &alts);
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu0.and_then(|c0| thread_cpu_seconds().map(|c1| c1 - c0));
    // Scores compare trees only; keep the gold tags in the gold copy.
    for s in &mut gold {
        for tok in &mut s.tokens {
            tok.ner.clear();
        }
    }
    let s = parser::score(&gold, &pred)?;
    if let Some(out) = &a.output {
        let mut text = String::new();
        for (k, sent) in pred.iter().enumerate() {
            text.push_str(&format!("# sent_id = {}\n", k + 1));
            for (i, t) in sent.tokens.iter().enumerate() {
                // MISC: the tagger's runner-up XPOS and margin.
                let misc = match alts.get(k).and_then(|a| a.get(i)) {
                    Some((x, m)) => format!("AltXpos={x}|Margin={m:.3}"),
                    None => "_".into(),
                };
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}\n",
                    i + 1,
                    t.form,
                    t.lemma,
                    t.upos,
                    t.xpos,
                    t.head,
                    t.deprel,
                    misc
                ));
            }
            text.push('\n');
        }
        std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    }
    println!("tags: {}", if a.gold_tags { "gold" } else { "predicted" });
    println!("words: {}", s.words);
    println!("uas: {:.2}", s.uas());
    println!("las: {:.2}", s.las());
    println!("las_full_labels: {:.2}", s.las_full());
    println!("model_load_seconds: {load_s:.3}");
    print_speed("parse_words", s.words, secs, cpu);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences() -> Vec<AnalyzedSentence> {
        let text = "1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
                    2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n\n\
                    1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
        dyad_text::conllu::parse_conllu(text)
            .unwrap()
            .iter()
            .map(parser::sentence_from_conllu)
            .collect()
    }

    #[test]
    fn jackknife_cache_round_trips_and_rejects_other_files() {
        let dir = std::env::temp_dir().join(format!("dyad-jk-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("jk.tsv");
        let mut tagged = sentences();
        tagged[0].tokens[1].xpos = "NN".into();
        tagged[0].tokens[1].lemma = "bark".into();
        let alts: Vec<Alts> = vec![
            vec![("VBZ".into(), 20.5), ("VBP".into(), 1.25)],
            vec![("NN".into(), f32::INFINITY)],
        ];
        write_cache(&path, &tagged, &alts).unwrap();
        let mut back = sentences();
        assert_eq!(read_cache(&path, &mut back).unwrap(), alts);
        assert_eq!(back, tagged);
        // A cache of another training file (other lengths) is refused with its path.
        let mut longer = sentences();
        longer.extend(sentences());
        let e = read_cache(&path, &mut longer).unwrap_err().to_string();
        assert!(e.contains("jk.tsv"), "{e}");
        let mut shorter = sentences();
        shorter.truncate(1);
        assert!(read_cache(&path, &mut shorter).is_err());
        // A damaged line names the file and line.
        std::fs::write(&path, "NNS\tNOUN\tdog\tNN\n").unwrap();
        let e = read_cache(&path, &mut sentences()).unwrap_err().to_string();
        assert!(e.contains("jk.tsv:1"), "{e}");
        std::fs::write(&path, "NNS\tNOUN\tdog\tNN\tmany\n").unwrap();
        let e = format!("{:#}", read_cache(&path, &mut sentences()).unwrap_err());
        assert!(e.contains("jk.tsv:1") && e.contains("margin"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
