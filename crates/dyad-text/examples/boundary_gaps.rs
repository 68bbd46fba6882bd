//! Gap-level errors of a sentence-boundary model on a CoNLL-U file, each with its
//! score and some context (`|` marks the gap), then counts by rule verdict:
//! `cargo run --release -p dyad-text --example boundary_gaps -- \
//!     ../shared/data/ud/EWT/en_ewt-ud-dev.conllu models/sentence-boundary.bin`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: boundary_gaps FILE.conllu MODEL.bin");
        std::process::exit(2);
    }
    let model = match std::fs::read(&args[1]) {
        Ok(b) => match dyad_text::boundary::BoundaryModel::from_bytes(&b) {
            Some(m) => m,
            None => {
                eprintln!("{}: not a sentence-boundary model", args[1]);
                std::process::exit(1);
            }
        },
        Err(e) => {
            eprintln!("{}: {e}", args[1]);
            std::process::exit(1);
        }
    };
    let sents = match dyad_text::conllu::read_conllu(std::path::Path::new(&args[0])) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let texts = dyad_text::eval::gold_texts(&sents);
    dyad_text::boundary::gap_stats(&texts, &model);
}
