//! Trains the sentence splitter's parser (`models/senter.bin`, see
//! `dyad_nlp::senter`): the sentences of each EWT paragraph (`# newpar` /
//! `# newdoc`) are joined into one word sequence whose sentence roots all hang
//! from 0, and a forest parser ([`FEAT_BREAK`]) learns where trees end.
//!
//! ```text
//! cargo run --release -p dyad-nlp --example train_senter -- TRAIN.conllu DEV.conllu OUT.bin \
//!     [--tagger models/tagger.bin] [--move-bits 20] [--label-bits 16] [--epochs 10]
//! ```
//! With `--tagger`, each training paragraph is used twice: with its gold tags
//! and with the tagger's; the dev paragraphs (epoch choice by dev LAS) get the
//! tagger's tags.
use dyad_nlp::parser::features::FEAT_BREAK;
use dyad_nlp::parser::{sentence_from_conllu, train, TrainConfig};
use dyad_nlp::senter::tag;
use dyad_nlp::tagger::Tagger;
use dyad_nlp::AnalyzedSentence;
use dyad_text::conllu::{read_conllu, ConlluSentence};
use std::path::Path;

/// Joins the sentences of each paragraph into one forest.
fn paragraphs(sents: &[ConlluSentence]) -> Vec<AnalyzedSentence> {
    let mut out: Vec<AnalyzedSentence> = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        if i == 0 || s.newpar || s.newdoc {
            out.push(AnalyzedSentence::default());
        }
        let Some(p) = out.last_mut() else { continue };
        let offset = p.tokens.len();
        for mut t in sentence_from_conllu(s).tokens {
            if t.head != 0 {
                t.head += offset;
            }
            p.tokens.push(t);
        }
    }
    out.retain(|p| !p.tokens.is_empty());
    out
}

fn retag(tagger: &Tagger, p: &AnalyzedSentence) -> AnalyzedSentence {
    let words: Vec<&str> = p.tokens.iter().map(|t| t.form.as_str()).collect();
    let mut a = tag(tagger, &words);
    for (x, g) in a.tokens.iter_mut().zip(&p.tokens) {
        x.head = g.head;
        x.deprel.clone_from(&g.deprel);
    }
    a
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: train_senter TRAIN.conllu DEV.conllu OUT.bin [--tagger FILE] [--move-bits N] [--label-bits N] [--epochs N]".into());
    }
    let mut cfg = TrainConfig {
        epochs: 10,
        move_bits: 20,
        label_bits: 16,
        set: FEAT_BREAK,
        ..TrainConfig::default()
    };
    let mut tagger = None;
    // `--half K`: train on the paragraphs whose index is K modulo 2 (for
    // jackknifed features of a later stage).
    let mut half: Option<usize> = None;
    let mut i = 3;
    while i < args.len() {
        let v = args.get(i + 1).ok_or("option without a value")?;
        match args[i].as_str() {
            "--tagger" => tagger = Some(Tagger::load(Path::new(v))?),
            "--move-bits" => cfg.move_bits = v.parse()?,
            "--label-bits" => cfg.label_bits = v.parse()?,
            "--epochs" => cfg.epochs = v.parse()?,
            "--seed" => cfg.seed = v.parse()?,
            "--half" => half = Some(v.parse::<usize>()?),
            o => return Err(format!("unknown option {o}").into()),
        }
        i += 2;
    }
    let mut train_p = paragraphs(&read_conllu(Path::new(&args[0]))?);
    if let Some(k) = half {
        train_p = train_p
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == k)
            .map(|(_, p)| p)
            .collect();
    }
    let mut dev_p = paragraphs(&read_conllu(Path::new(&args[1]))?);
    let mut train_set = train_p.clone();
    if let Some(t) = &tagger {
        train_set.extend(train_p.iter().map(|p| retag(t, p)));
        dev_p = dev_p.iter().map(|p| retag(t, p)).collect();
    }
    eprintln!(
        "{} training paragraphs ({} words), {} dev paragraphs",
        train_set.len(),
        train_set.iter().map(|p| p.tokens.len()).sum::<usize>(),
        dev_p.len()
    );
    let started = std::time::Instant::now();
    let (parser, report) = train(&train_set, &[], Some((&dev_p, &[])), &cfg, &mut |l| {
        eprintln!("{l}")
    })?;
    eprintln!(
        "kept epoch {} ({} lifted, {} skipped) in {:.0} s",
        report.best_epoch,
        report.lifted,
        report.skipped,
        started.elapsed().as_secs_f64()
    );
    parser.save(Path::new(&args[2]))?;
    Ok(())
}
