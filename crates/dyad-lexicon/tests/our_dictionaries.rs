//! dyad's own dictionaries (`dictionaries/` in the repository) load and pass
//! `dyad dict check` with no errors, and the verbs cover every CAMEO code.
//! Needs nothing from `../shared`.

use dyad_lexicon::{check, stats, Lexicon, Severity};
use std::path::PathBuf;

fn load() -> Lexicon {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries");
    Lexicon::load_dyad(&dir).unwrap_or_else(|e| panic!("our dictionaries do not load: {e}"))
}

#[test]
fn our_dictionaries_pass_dict_check() {
    let lex = load();
    let report = check(&lex);
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "`dyad dict check` finds {} errors in dictionaries/:\n{}",
        errors.len(),
        errors.join("\n")
    );
    assert!(lex.warnings.is_empty(), "{:?}", lex.warnings);
}

#[test]
fn every_cameo_code_has_a_verb_pattern() {
    let s = stats(&load());
    assert_eq!(
        s.cameo_covered, s.cameo_total,
        "CAMEO codes without a verb pattern (see `dyad dict check`)"
    );
}

#[test]
fn the_embedded_copy_is_the_folder() {
    // The binary embeds dictionaries/ at build time: both load to the same counts.
    let (disk, embedded) = (
        load(),
        Lexicon::embedded().expect("embedded dictionaries load"),
    );
    assert_eq!(stats(&disk), stats(&embedded));
}

#[test]
fn date_aware_lookup_through_the_public_api() {
    let lex = load();
    let d = Some("2022-03-20".parse().unwrap());
    assert_eq!(
        lex.actors.code_for_name("Volodymyr Zelensky", d),
        Some("UKRGOV")
    );
    let toks = [
        "Ukrainian",
        "President",
        "Volodymyr",
        "Zelensky",
        "met",
        "Russian",
        "negotiators",
    ];
    let m = lex.actors.find_mentions(&toks);
    let spans: Vec<(usize, usize)> = m.iter().map(|m| (m.start, m.end)).collect();
    assert!(spans.contains(&(2, 4)), "{spans:?}");
    assert_eq!(
        lex.actors
            .code_for_mention(&m[spans.iter().position(|s| *s == (2, 4)).unwrap()], d)
            .unwrap()
            .0,
        "UKRGOV"
    );
}
