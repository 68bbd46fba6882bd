//! Sentence and token F1 of `segment` refined by the sentence splitter's
//! parser, for several [`RefineOptions`] (thresholds are chosen on dev only).
//!
//! ```text
//! cargo run --release -p dyad-nlp --example eval_senter -- FILE.conllu models/tagger.bin senter.bin
//! ```
use dyad_nlp::senter::{RefineOptions, Senter};
use dyad_nlp::tagger::Tagger;
use dyad_text::conllu::read_conllu;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: eval_senter FILE.conllu TAGGER SENTER".into());
    }
    let sents = read_conllu(Path::new(&args[0]))?;
    let tagger = Tagger::load(Path::new(&args[1]))?;
    let mut senter = Senter::load(Path::new(&args[2]))?;
    let base = dyad_text::eval::evaluate(&sents, 0);
    println!(
        "segment alone: sentence_f1 {:.4} (P {:.4} R {:.4}) token_f1 {:.4}",
        base.sentences.f1(),
        base.sentences.precision(),
        base.sentences.recall(),
        base.tokens.f1()
    );
    let biases: Vec<i32> = match std::env::var("BIASES") {
        Ok(v) => v.split(',').filter_map(|x| x.parse().ok()).collect(),
        Err(_) => vec![0, 1000, 2000, 4000, 8000, 16000],
    };
    let parts: Vec<usize> = match std::env::var("PARTS") {
        Ok(v) => v.split(',').filter_map(|x| x.parse().ok()).collect(),
        Err(_) => vec![1, 2],
    };
    let loosen: Vec<Option<f32>> = match std::env::var("LOOSEN") {
        Ok(v) => v.split(',').map(|x| x.parse().ok()).collect(),
        Err(_) => vec![None],
    };
    let punct: Vec<bool> = match std::env::var("PUNCT") {
        Ok(v) => v.split(',').map(|x| x == "1").collect(),
        Err(_) => vec![false],
    };
    for &loosen in &loosen {
        for punctuated_too in punct.iter().copied() {
            for &break_bias in &biases {
                for &min_part in &parts {
                    senter.set_options(RefineOptions {
                        min_tokens: 2,
                        punctuated_too,
                        min_part,
                        break_bias,
                        loosen,
                    });
                    let started = std::time::Instant::now();
                    let ev = dyad_text::eval::evaluate_by(&sents, 0, &mut |text| {
                        senter.refine(&tagger, text, dyad_text::segment(text))
                    });
                    println!(
                        "{:?}: sentence_f1 {:.4} (P {:.4} R {:.4}) token_f1 {:.4} in {:.2} s",
                        senter.options(),
                        ev.sentences.f1(),
                        ev.sentences.precision(),
                        ev.sentences.recall(),
                        ev.tokens.f1(),
                        started.elapsed().as_secs_f64()
                    );
                }
            }
        }
    }
    Ok(())
}
