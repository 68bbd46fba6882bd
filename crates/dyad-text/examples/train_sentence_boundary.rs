//! Trains the sentence-boundary perceptron on a CoNLL-U file (UD English-EWT train),
//! optionally picks its decision thresholds on a development file (EWT dev, never
//! test), and writes the model that `dyad-text` embeds:
//! `cargo run --release -p dyad-text --example train_sentence_boundary -- \
//!     ../shared/data/ud/EWT/en_ewt-ud-train.conllu models/sentence-boundary.bin 10 \
//!     ../shared/data/ud/EWT/en_ewt-ud-dev.conllu`
//! Rebuild afterwards so that `include_bytes!` picks the new file up.
use dyad_text::conllu::{read_conllu, ConlluSentence};

fn read(path: &str) -> Vec<ConlluSentence> {
    match read_conllu(std::path::Path::new(path)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: train_sentence_boundary TRAIN.conllu OUT.bin [EPOCHS] [DEV.conllu]");
        std::process::exit(2);
    }
    let epochs: usize = args.get(2).and_then(|e| e.parse().ok()).unwrap_or(10);
    let sents = read(&args[0]);
    let texts: Vec<(String, Vec<dyad_text::Span>)> = dyad_text::eval::gold_texts(&sents)
        .into_iter()
        .map(|g| (g.text, g.sentences))
        .collect();
    let mut model = dyad_text::boundary::train(&texts, epochs);
    if let Some(dev_path) = args.get(3) {
        let dev = read(dev_path);
        let (keep0, add0) = model.thresholds();
        let mut best = (f64::MIN, keep0, add0);
        // Adding boundaries without punctuation is what splits news names
        // apart ("Senators Marco Rubio of Florida, Mike | Lee"), so `add` never
        // goes below 0; of equal scores the higher `add` wins.
        for keep in [-30.0f32, -16.0, -12.0, -8.0, -6.0, -4.0, -2.0] {
            for add in [0.0f32, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0] {
                let m = model.clone().with_thresholds(keep, add);
                let f1 = dyad_text::eval::evaluate_with(&dev, 0, Some(&m))
                    .sentences
                    .f1();
                eprintln!("keep {keep:5.1} add {add:5.1}: dev sentence_f1 {f1:.4}");
                if f1 > best.0 || (f1 == best.0 && add > best.2) {
                    best = (f1, keep, add);
                }
            }
        }
        eprintln!(
            "chosen keep {} add {} (dev sentence_f1 {:.4})",
            best.1, best.2, best.0
        );
        model = model.with_thresholds(best.1, best.2);
    }
    if let Err(e) = std::fs::write(&args[1], model.to_bytes()) {
        eprintln!("{}: {e}", args[1]);
        std::process::exit(1);
    }
    eprintln!("trained on {} texts, wrote {}", texts.len(), args[1]);
}
