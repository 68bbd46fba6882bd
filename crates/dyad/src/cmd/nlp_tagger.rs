//! `dyad train|eval tagger` and `dyad train|eval ner`.
//!
//! Accuracies are printed as fractions in [0, 1] with 4 decimals.

use anyhow::Context;
use dyad_nlp::clusters::{ClusterConfig, Clusters};
use dyad_nlp::ner::{Gazetteer, Ner, NerConfig, NerSentence};
use dyad_nlp::{GoldSentence, Tagger, TrainConfig};
use dyad_text::conllu::{read_conllu, read_iob2};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::{print_speed, report_written, thread_cpu_seconds};

#[derive(clap::Args)]
pub struct TrainTaggerArgs {
    /// Training CoNLL-U file(s) (e.g. UD English-EWT train); repeat to add more
    /// (read in the order given).
    #[arg(long, required = true)]
    train: Vec<PathBuf>,
    /// Development CoNLL-U file, used to pick the best epoch.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// Maximum number of epochs.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Seed of the shuffling.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Raw text file(s) (any format, e.g. news CSV/JSONL) whose words are
    /// clustered, together with the words of --train and --dev, into word classes
    /// stored in the model; repeatable. Without it the tagger has no cluster features.
    #[arg(long)]
    raw: Vec<PathBuf>,
    /// Numbers of classes of the clusterings, coarse to fine (1-3 sizes below 1024).
    #[arg(long, value_delimiter = ',', default_value = "32,128,512")]
    cluster_sizes: Vec<usize>,
    /// Words seen fewer times in the clustering text get no class.
    #[arg(long, default_value_t = 2)]
    cluster_min_count: usize,
    /// Take the word classes from this tagger model instead of clustering
    /// (--raw then only feeds the casing lexicon; for quick tuning runs with
    /// fixed classes).
    #[arg(long)]
    clusters_from: Option<PathBuf>,
    /// WordNet 3.0 `dict` directory (e.g. /usr/share/wordnet): a part-of-speech
    /// lexicon derived from it is stored in the model and used as features.
    #[arg(long)]
    wordnet: Option<PathBuf>,
    /// Optional feature groups, comma-separated: `lookahead` (ambiguity classes
    /// of the next words with the word) and `casing` (how the word is written in
    /// the words of --train, --dev and --raw away from sentence starts).
    #[arg(long, value_delimiter = ',')]
    features: Vec<String>,
}

#[derive(clap::Args)]
pub struct EvalTaggerArgs {
    /// Gold CoNLL-U file (gold tokenization).
    #[arg(long)]
    conllu: PathBuf,
    /// Tagger model (default: tagger.bin in the models directory).
    #[arg(long)]
    model: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct TrainNerArgs {
    /// Training IOB2 file(s) (e.g. UNER English-EWT train); repeat to add more.
    #[arg(long, required = true)]
    train: Vec<PathBuf>,
    /// Development IOB2 file, used to pick the best epoch.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// Tagger model providing XPOS features (default: tagger.bin in the models directory).
    #[arg(long)]
    tagger: Option<PathBuf>,
    /// Raw text file(s) (news) whose casing statistics feed the casing lexicon; repeatable.
    #[arg(long)]
    raw: Vec<PathBuf>,
    /// Bonus added to entity labels' scores (weight units); default: tuned on --dev
    /// (0 without --dev).
    #[arg(long)]
    entity_bias: Option<f32>,
    /// Directory of dyad actor dictionaries (e.g. dictionaries/actors) whose names
    /// become gazetteer features; they are compiled into the model file.
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// Directory of NER name lists (`KIND<TAB>name`, e.g. dictionaries/ner) added to
    /// the gazetteer; repeatable.
    #[arg(long)]
    names: Vec<PathBuf>,
    /// WordNet 3.0 `dict` directory (e.g. /usr/share/wordnet): noun classes
    /// (person, location, group, artifact, ...) as features; compiled into the model.
    #[arg(long)]
    wordnet: Option<PathBuf>,
    /// Maximum number of epochs.
    #[arg(long, default_value_t = 15)]
    epochs: usize,
    /// Seed of the shuffling.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(clap::Args)]
pub struct EvalNerArgs {
    /// Gold IOB2 file (gold tokenization).
    #[arg(long)]
    iob2: PathBuf,
    /// NER model (default: ner.bin in the models directory).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Tagger model providing XPOS features (default: tagger.bin in the models directory).
    #[arg(long)]
    tagger: Option<PathBuf>,
    /// Also write every token with its gold and predicted label (word, gold, predicted;
    /// a blank line between sentences) to this file, for error analysis.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Treat each sentence as a document of its own: no document-level
    /// consistency pass over the sentences of a `# newdoc` document.
    #[arg(long)]
    sentences: bool,
}

fn model_path(given: &Option<PathBuf>, name: &str) -> anyhow::Result<PathBuf> {
    if let Some(p) = given {
        return Ok(p.clone());
    }
    let dir = dyad_nlp::default_models_dir()
        .context("no models directory found (set DYAD_MODELS or pass the model path)")?;
    Ok(dir.join(name))
}

fn gold_sentences(path: &Path) -> anyhow::Result<Vec<GoldSentence>> {
    let sents = read_conllu(path).map_err(anyhow::Error::msg)?;
    Ok(sents.iter().map(GoldSentence::from_conllu).collect())
}

/// For each sentence of an IOB2 file: does a document start there (a
/// `# newdoc` comment before it)? Counted the way `read_iob2` splits sentences.
fn iob2_newdocs(path: &Path) -> anyhow::Result<Vec<bool>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(newdocs_of(&text))
}

/// [`iob2_newdocs`] of an IOB2 text.
fn newdocs_of(text: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let (mut pending, mut inside) = (false, false);
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            inside = false;
        } else if line.starts_with('#') {
            if line.starts_with("# newdoc") {
                pending = true;
            }
        } else if !inside {
            out.push(pending);
            pending = false;
            inside = true;
        }
    }
    out
}

fn ner_sentences(path: &Path) -> anyhow::Result<Vec<NerSentence>> {
    let sents = read_iob2(path).map_err(anyhow::Error::msg)?;
    Ok(sents
        .into_iter()
        .map(|s| NerSentence {
            words: s.tokens,
            tags: s.tags,
        })
        .collect())
}

pub fn run_train_tagger(a: TrainTaggerArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut train = Vec::new();
    for p in &a.train {
        train.extend(gold_sentences(p)?);
    }
    let dev = match &a.dev {
        Some(p) => gold_sentences(p)?,
        None => Vec::new(),
    };
    let mut features = 0;
    for f in &a.features {
        features |= match f.as_str() {
            "lookahead" => dyad_nlp::tagger::FEAT_LOOKAHEAD,
            "casing" => dyad_nlp::tagger::FEAT_CASING,
            _ => anyhow::bail!("unknown --features value {f:?} (lookahead, casing)"),
        };
    }
    let casing_wanted = features & dyad_nlp::tagger::FEAT_CASING != 0;
    let mut text: Vec<Vec<String>> = Vec::new();
    if casing_wanted || (a.clusters_from.is_none() && !a.raw.is_empty()) {
        text.extend(train.iter().chain(&dev).map(|s| s.words.clone()));
        for p in &a.raw {
            let raw =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            text.extend(Clusters::sentences_of_raw(&raw));
        }
    }
    let casing = if casing_wanted {
        let c = dyad_nlp::tagger::CasingLexicon::from_sentences(&text);
        eprintln!("casing lexicon: {} words", c.len());
        c
    } else {
        Default::default()
    };
    let clusters = if let Some(p) = &a.clusters_from {
        Tagger::load(p)?.clusters().clone()
    } else if a.raw.is_empty() {
        Clusters::default()
    } else {
        let t = Instant::now();
        let ccfg = ClusterConfig {
            sizes: a.cluster_sizes.clone(),
            min_count: a.cluster_min_count,
            verbose: true,
            ..Default::default()
        };
        let c = Clusters::train(&text, &ccfg)?;
        eprintln!(
            "clustered {} word types in {:.1} s",
            c.len(),
            t.elapsed().as_secs_f64()
        );
        c
    };
    let cfg = TrainConfig {
        epochs: a.epochs,
        seed: a.seed,
        verbose: true,
        clusters,
        wordnet: match &a.wordnet {
            Some(dir) => dyad_nlp::wordnet::WordNetPos::from_dir(dir)?,
            None => Default::default(),
        },
        features,
        casing,
    };
    let tagger = Tagger::train(&train, &dev, &cfg)?;
    tagger.save(&a.out)?;
    report_written(&a.out, start);
    if !dev.is_empty() {
        print_tag_scores(&tagger.evaluate(&dev));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_tag_scores(s: &dyad_nlp::TagScores) {
    println!("words: {}", s.words);
    println!("xpos_accuracy: {:.4}", s.xpos_accuracy());
    println!("upos_accuracy: {:.4}", s.upos_accuracy());
    println!("lemma_accuracy: {:.4}", s.lemma_accuracy());
}

pub fn run_eval_tagger(a: EvalTaggerArgs) -> anyhow::Result<ExitCode> {
    let path = model_path(&a.model, "tagger.bin")?;
    let t0 = Instant::now();
    let tagger = Tagger::load(&path)?;
    let load = t0.elapsed().as_secs_f64();
    let gold = gold_sentences(&a.conllu)?;
    let c1 = thread_cpu_seconds();
    let t1 = Instant::now();
    let s = tagger.evaluate(&gold);
    let secs = t1.elapsed().as_secs_f64();
    let cpu = c1.and_then(|c| Some(thread_cpu_seconds()? - c));
    print_tag_scores(&s);
    println!("model_load_seconds: {load:.3}");
    print_speed("tagger_lemmatizer_tokens", s.words, secs, cpu);
    eprintln!("model: {}", path.display());
    Ok(ExitCode::SUCCESS)
}

pub fn run_train_ner(a: TrainNerArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let tagger = Tagger::load(&model_path(&a.tagger, "tagger.bin")?)?;
    let mut train = Vec::new();
    for p in &a.train {
        train.extend(ner_sentences(p)?);
    }
    let dev = match &a.dev {
        Some(p) => ner_sentences(p)?,
        None => Vec::new(),
    };
    let mut dev_newdoc = match &a.dev {
        Some(p) => iob2_newdocs(p)?,
        None => Vec::new(),
    };
    if dev_newdoc.len() != dev.len() {
        dev_newdoc.clear();
    }
    let mut raw_texts = Vec::new();
    for p in &a.raw {
        raw_texts
            .push(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?);
    }
    let mut cfg = NerConfig {
        epochs: a.epochs,
        seed: a.seed,
        verbose: true,
        raw_texts,
        entity_bias: a.entity_bias,
        dev_newdoc,
        gazetteer: match &a.gazetteer {
            Some(dir) => Gazetteer::from_dir(dir)?,
            None => Gazetteer::default(),
        },
        ..Default::default()
    };
    for dir in &a.names {
        cfg.gazetteer.add_name_lists(dir)?;
    }
    if !cfg.gazetteer.is_empty() {
        eprintln!("gazetteer: {} phrases", cfg.gazetteer.len());
    }
    if let Some(dir) = &a.wordnet {
        cfg.senses = dyad_nlp::ner::NounSenses::from_dir(dir)?;
        eprintln!("WordNet noun classes: {} lemmas", cfg.senses.len());
    }
    let ner = Ner::train(&train, &dev, &tagger, &cfg)?;
    ner.save(&a.out)?;
    report_written(&a.out, start);
    if !dev.is_empty() {
        print_ner_scores(&ner.evaluate_documents(&dev, &cfg.dev_newdoc, &tagger));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_ner_scores(s: &dyad_nlp::ner::NerScores) {
    println!("entities_gold: {}", s.gold);
    println!("entities_predicted: {}", s.predicted);
    println!("ner_precision: {:.4}", s.precision());
    println!("ner_recall: {:.4}", s.recall());
    println!("ner_f1: {:.4}", s.f1());
    for (label, t) in &s.by_type {
        println!("ner_f1_{label}: {:.4}", t.f1());
    }
}

pub fn run_eval_ner(a: EvalNerArgs) -> anyhow::Result<ExitCode> {
    let tagger = Tagger::load(&model_path(&a.tagger, "tagger.bin")?)?;
    let path = model_path(&a.model, "ner.bin")?;
    let ner = Ner::load(&path)?;
    let gold = ner_sentences(&a.iob2)?;
    // Documents for the consistency pass (`# newdoc`), unless told to treat
    // each sentence as a document.
    let mut newdoc = if a.sentences {
        Vec::new()
    } else {
        iob2_newdocs(&a.iob2)?
    };
    if newdoc.len() != gold.len() {
        newdoc.clear();
    }
    let words: usize = gold.iter().map(|s| s.words.len()).sum();
    let c1 = thread_cpu_seconds();
    let t = Instant::now();
    let s = ner.evaluate_documents(&gold, &newdoc, &tagger);
    let secs = t.elapsed().as_secs_f64();
    let cpu = c1.and_then(|c| Some(thread_cpu_seconds()? - c));
    print_ner_scores(&s);
    // `evaluate` runs the tagger + lemmatizer, then the NER, on every sentence.
    print_speed("tagger_lemmatizer_ner_tokens", words, secs, cpu);
    if let Some(out) = &a.predictions {
        let mut text = String::new();
        let labels = ner.label_documents(&gold, &newdoc, &tagger);
        for (g, pred) in gold.iter().zip(labels) {
            for ((w, gt), p) in g.words.iter().zip(&g.tags).zip(pred) {
                text.push_str(&format!("{w}\t{gt}\t{p}\n"));
            }
            text.push('\n');
        }
        std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    }
    eprintln!("model: {}", path.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newdocs_follow_newdoc_comments_and_sentence_breaks() {
        let text = "# newdoc id = a\n# sent_id = 1\n1\tHi\tO\n\n# sent_id = 2\n1\tBob\tB-PER\n2\t.\tO\n\n\n# newdoc\n1\tX\tO\n";
        assert_eq!(newdocs_of(text), [true, false, true]);
        assert!(newdocs_of("").is_empty());
        let parsed = dyad_text::conllu::parse_iob2(text).unwrap();
        assert_eq!(parsed.len(), newdocs_of(text).len());
    }
}
