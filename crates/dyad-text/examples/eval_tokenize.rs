//! Same evaluation as `dyad eval tokenize`, without building the whole CLI:
//! `cargo run --release -p dyad-text --example eval_tokenize -- FILE.conllu [N_ERRORS]`;
//! with `--model MODEL.bin` first, a sentence-boundary model file instead of the
//! embedded one (to score a retrained model before rebuilding).
fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut model = None;
    if args.peek().map(String::as_str) == Some("--model") {
        args.next();
        let path = args.next().unwrap_or_default();
        match std::fs::read(&path)
            .ok()
            .and_then(|b| dyad_text::boundary::BoundaryModel::from_bytes(&b))
        {
            Some(m) => model = Some(m),
            None => {
                eprintln!("{path}: not a readable sentence-boundary model");
                std::process::exit(1);
            }
        }
    }
    let Some(path) = args.next() else {
        eprintln!("usage: eval_tokenize [--model MODEL.bin] FILE.conllu [N_ERRORS]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let sents = match dyad_text::conllu::read_conllu(std::path::Path::new(&path)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let ev = match &model {
        Some(m) => dyad_text::eval::evaluate_with(&sents, n, Some(m)),
        None => dyad_text::eval::evaluate(&sents, n),
    };
    for e in &ev.errors {
        println!("{e}");
    }
    let (s, t) = (ev.sentences, ev.tokens);
    println!(
        "sentences: gold {} predicted {} correct {}",
        s.gold, s.predicted, s.correct
    );
    println!(
        "sentence_precision: {:.4}\nsentence_recall: {:.4}\nsentence_f1: {:.4}",
        s.precision(),
        s.recall(),
        s.f1()
    );
    println!(
        "tokens: gold {} predicted {} correct {}",
        t.gold, t.predicted, t.correct
    );
    println!(
        "token_precision: {:.4}\ntoken_recall: {:.4}\ntoken_f1: {:.4}",
        t.precision(),
        t.recall(),
        t.f1()
    );
    println!("misaligned gold sentences: {}", ev.misaligned_sentences);
}
