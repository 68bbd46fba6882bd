//! `dyad eval tokenize`: sentence and token boundaries against a CoNLL-U file.
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dyad eval tokenize`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// CoNLL-U gold file; sentences are joined per `# newpar` / `# newdoc` into running text.
    #[arg(long)]
    pub conllu: PathBuf,
    /// Print up to N error examples (missed and spurious spans) to stderr.
    #[arg(long, default_value_t = 0)]
    pub show_errors: usize,
}

/// Runs the evaluation and prints `sentence_f1: X` and `token_f1: X` with
/// precision, recall and counts.
pub fn run_eval(a: EvalArgs) -> anyhow::Result<ExitCode> {
    let sents = dyad_text::conllu::read_conllu(&a.conllu).map_err(anyhow::Error::msg)?;
    let started = std::time::Instant::now();
    let ev = dyad_text::eval::evaluate(&sents, a.show_errors);
    let secs = started.elapsed().as_secs_f64();
    for e in &ev.errors {
        eprintln!("{e}");
    }
    let s = ev.sentences;
    let t = ev.tokens;
    println!("texts: {}", ev.texts);
    println!(
        "sentences: gold {} predicted {} correct {}",
        s.gold, s.predicted, s.correct
    );
    println!("sentence_precision: {:.4}", s.precision());
    println!("sentence_recall: {:.4}", s.recall());
    println!("sentence_f1: {:.4}", s.f1());
    println!(
        "tokens: gold {} predicted {} correct {}",
        t.gold, t.predicted, t.correct
    );
    println!("token_precision: {:.4}", t.precision());
    println!("token_recall: {:.4}", t.recall());
    println!("token_f1: {:.4}", t.f1());
    if ev.misaligned_sentences > 0 {
        println!("gold_sentences_misaligned: {}", ev.misaligned_sentences);
    }
    eprintln!("segmented {} gold tokens in {secs:.3} s", t.gold);
    Ok(ExitCode::SUCCESS)
}
