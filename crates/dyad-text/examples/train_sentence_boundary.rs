//! Trains the sentence-boundary perceptron on a CoNLL-U file (UD English-EWT train)
//! and writes the model that `dyad-text` embeds:
//! `cargo run --release -p dyad-text --example train_sentence_boundary -- \
//!     ../shared/data/ud/EWT/en_ewt-ud-train.conllu models/sentence-boundary.bin [EPOCHS]`
//! Rebuild afterwards so that `include_bytes!` picks the new file up.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: train_sentence_boundary TRAIN.conllu OUT.bin [EPOCHS]");
        std::process::exit(2);
    }
    let epochs: usize = args.get(2).and_then(|e| e.parse().ok()).unwrap_or(10);
    let sents = match dyad_text::conllu::read_conllu(std::path::Path::new(&args[0])) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<(String, Vec<dyad_text::Span>)> = dyad_text::eval::gold_texts(&sents)
        .into_iter()
        .map(|g| (g.text, g.sentences))
        .collect();
    let model = dyad_text::boundary::train(&texts, epochs);
    if let Err(e) = std::fs::write(&args[1], model.to_bytes()) {
        eprintln!("{}: {e}", args[1]);
        std::process::exit(1);
    }
    eprintln!("trained on {} texts, wrote {}", texts.len(), args[1]);
}
