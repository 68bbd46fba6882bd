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
        let (keep0, add0, _) = model.thresholds();
        let score = |m: &dyad_text::boundary::BoundaryModel| {
            dyad_text::eval::evaluate_with(&dev, 0, Some(m))
                .sentences
                .f1()
        };
        let mut best = (f64::MIN, keep0, add0);
        // Adding boundaries without punctuation is what splits news names
        // apart, so `add` never goes below 0; of equal scores the higher wins.
        for keep in [-30.0f32, -16.0, -12.0, -8.0, -6.0, -4.0, -2.0] {
            for add in [0.0f32, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0] {
                let f1 = score(&model.clone().with_thresholds(keep, add, add));
                eprintln!("keep {keep:5.1} add {add:5.1}: dev sentence_f1 {f1:.4}");
                if f1 > best.0 || (f1 == best.0 && add > best.2) {
                    best = (f1, keep, add);
                }
            }
        }
        // Between two capitalized words news has names ("USA | Today"), web
        // text also signatures and lists: take the highest threshold that costs
        // dev at most 0.001.
        let (f0, keep, add) = best;
        let mut names = add;
        for extra in [1.0f32, 2.0, 4.0, 8.0, 16.0, 1000.0] {
            let f1 = score(&model.clone().with_thresholds(keep, add, add + extra));
            eprintln!("add_names {:6.1}: dev sentence_f1 {f1:.4}", add + extra);
            if f1 >= f0 - 0.001 {
                names = add + extra;
            }
        }
        let f1 = score(&model.clone().with_thresholds(keep, add, names));
        eprintln!("chosen keep {keep} add {add} add_names {names} (dev sentence_f1 {f1:.4})");
        model = model.with_thresholds(keep, add, names);
    }
    if let Err(e) = std::fs::write(&args[1], model.to_bytes()) {
        eprintln!("{}: {e}", args[1]);
        std::process::exit(1);
    }
    eprintln!("trained on {} texts, wrote {}", texts.len(), args[1]);
}
