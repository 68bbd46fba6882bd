//! Scores on the UD test files in ../shared (skipped with a note when absent).
//!
//! PUD meets the targets (sentence F1 >= 0.95, token F1 >= 0.99); on EWT
//! test the token target is met and the sentence F1 (0.9033, web text with many
//! unpunctuated sentences; target 0.95 not met) is guarded against regressions only.
use dyad_text::conllu::read_conllu;
use dyad_text::eval::evaluate;
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: {} is absent; UD score test skipped", p.display());
        None
    }
}

#[test]
fn pud_test_meets_targets() {
    let Some(p) = shared("data/ud/PUD/en_pud-ud-test.conllu") else {
        return;
    };
    let ev = evaluate(&read_conllu(&p).unwrap(), 0);
    // Targets 0.95 / 0.99; the floors guard what the splitter reaches (0.9940 / 0.9988).
    assert!(
        ev.sentences.f1() >= 0.99,
        "sentence F1 {}",
        ev.sentences.f1()
    );
    assert!(ev.tokens.f1() >= 0.998, "token F1 {}", ev.tokens.f1());
}

#[test]
fn ewt_test_scores_do_not_regress() {
    let Some(p) = shared("data/ud/EWT/en_ewt-ud-test.conllu") else {
        return;
    };
    let ev = evaluate(&read_conllu(&p).unwrap(), 0);
    assert!(ev.tokens.f1() >= 0.99, "token F1 {}", ev.tokens.f1());
    assert!(
        ev.sentences.f1() >= 0.90,
        "sentence F1 {}",
        ev.sentences.f1()
    );
}
