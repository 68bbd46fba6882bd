//! Trains the sentence-boundary perceptron on a CoNLL-U file (UD English-EWT train),
//! optionally picks its decision thresholds on a development file (EWT dev, never
//! test), and writes the model that `dyad-text` embeds:
//! `cargo run --release -p dyad-text --example train_sentence_boundary -- \
//!     ../shared/data/ud/EWT/en_ewt-ud-train.conllu models/sentence-boundary.bin 10 \
//!     ../shared/data/ud/EWT/en_ewt-ud-dev.conllu`
//! Rebuild afterwards so that `include_bytes!` picks the new file up.
//!
//! TRAIN may name several files joined with commas (the shipped model is trained
//! on EWT train + dev); the last argument may then be a model trained and tuned
//! before (a `.bin`) whose decision thresholds the new model takes over, since
//! a file the model was trained on cannot choose them:
//! `... -- ../shared/data/ud/EWT/en_ewt-ud-train.conllu,../shared/data/ud/EWT/en_ewt-ud-dev.conllu \
//!     models/sentence-boundary.bin 10 /tmp/sentence-boundary-trainonly.bin`
use dyad_text::boundary::Thresholds;
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
        eprintln!(
            "usage: train_sentence_boundary TRAIN.conllu[,MORE.conllu] OUT.bin [EPOCHS] [DEV.conllu | TUNED.bin]"
        );
        std::process::exit(2);
    }
    let epochs: usize = args.get(2).and_then(|e| e.parse().ok()).unwrap_or(10);
    // Each file's paragraphs on their own (gold_texts joins only within a file).
    let mut texts = Vec::new();
    for path in args[0].split(',') {
        texts.extend(dyad_text::eval::gold_texts(&read(path)));
    }
    let mut model = dyad_text::boundary::train(&texts, epochs);
    if let Some(tuned) = args.get(3).filter(|a| a.ends_with(".bin")) {
        let t = match std::fs::read(tuned)
            .ok()
            .and_then(|b| dyad_text::boundary::BoundaryModel::from_bytes(&b))
        {
            Some(m) => m.thresholds(),
            None => {
                eprintln!("{tuned}: not a readable sentence-boundary model");
                std::process::exit(1);
            }
        };
        eprintln!("thresholds of {tuned}: {t:?}");
        model = model.with_thresholds(t);
    } else if let Some(dev_path) = args.get(3) {
        let dev = read(dev_path);
        let score = |m: &dyad_text::boundary::BoundaryModel, t: Thresholds| {
            dyad_text::eval::evaluate_with(&dev, 0, Some(&m.clone().with_thresholds(t)))
                .sentences
                .f1()
        };
        // Between two capitalized words without punctuation, in a punctuated
        // block (running text, news), a sentence never ends: news has names
        // there ("Conservative MP | Philip Hammond"), and the model's scores
        // for them are as high as for e-mail signatures.
        let never = f32::INFINITY;
        let all = |keep, add| Thresholds {
            keep,
            add,
            add_names: add,
            add_punctuated: add,
            add_names_punctuated: never,
        };
        let mut best = (f64::MIN, all(-4.0, 0.0));
        // Adding boundaries without punctuation is what splits news names
        // apart, so `add` never goes below 0; of equal scores the higher wins.
        for keep in [-30.0f32, -16.0, -12.0, -8.0, -6.0, -4.0, -2.0] {
            for add in [0.0f32, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0] {
                let f1 = score(&model, all(keep, add));
                eprintln!("keep {keep:5.1} add {add:5.1}: dev sentence_f1 {f1:.4}");
                if f1 > best.0 || (f1 == best.0 && add > best.1.add) {
                    best = (f1, all(keep, add));
                }
            }
        }
        let extras = [0.0f32, 1.0, 2.0, 4.0, 8.0, 16.0, 1000.0];
        // Between two capitalized words in blocks with little punctuation
        // (headers, signatures, lists): the best on dev (of equal, the higher).
        let (_, mut t) = best;
        let mut sparse = (f64::MIN, t.add);
        for extra in extras {
            let add_names = t.add + extra;
            let f1 = score(&model, Thresholds { add_names, ..t });
            eprintln!("add_names {add_names:6.1}: dev sentence_f1 {f1:.4}");
            if f1 >= sparse.0 {
                sparse = (f1, add_names);
            }
        }
        t.add_names = sparse.1;
        // Other gaps without punctuation in punctuated blocks: the highest
        // threshold that costs dev at most 0.001 (news text keeps its sentences
        // whole where the model is unsure).
        let f0 = sparse.0;
        for extra in extras {
            let add_punctuated = t.add + extra;
            let f1 = score(
                &model,
                Thresholds {
                    add_punctuated,
                    ..t
                },
            );
            eprintln!("add_punctuated {add_punctuated:6.1}: dev sentence_f1 {f1:.4}");
            if f1 >= f0 - 0.001 {
                t.add_punctuated = t.add_punctuated.max(add_punctuated);
            }
        }
        model = model.with_thresholds(t);
        let f1 = score(&model, t);
        eprintln!("chosen {t:?} (dev sentence_f1 {f1:.4})");
    }
    if let Err(e) = std::fs::write(&args[1], model.to_bytes()) {
        eprintln!("{}: {e}", args[1]);
        std::process::exit(1);
    }
    eprintln!("trained on {} texts, wrote {}", texts.len(), args[1]);
}
