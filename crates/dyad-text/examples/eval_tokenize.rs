//! Same evaluation as `dyad eval tokenize`, without building the whole CLI:
//! `cargo run --release -p dyad-text --example eval_tokenize -- FILE.conllu [N_ERRORS]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: eval_tokenize FILE.conllu [N_ERRORS]");
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
    let ev = dyad_text::eval::evaluate(&sents, n);
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
