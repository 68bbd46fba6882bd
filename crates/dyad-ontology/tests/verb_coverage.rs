//! dyad's own verb dictionary (`dictionaries/verbs.txt`) against the codebook: every
//! CAMEO code has at least one pattern, every code in the file is a CAMEO code, and the
//! dictionary holds at least 2,500 distinct patterns.

use dyad_ontology::Ontology;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn verbs_file() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries/verbs.txt");
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("note: {} not found; skipping", path.display());
            None
        }
    }
}

/// Positive patterns by code; negative patterns counted apart.
fn parse(text: &str) -> (BTreeMap<String, BTreeSet<String>>, usize) {
    let mut by_code: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut negatives = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (code, patterns) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("verbs.txt:{}: no TAB after the code", i + 1));
        for p in patterns.split(';').map(str::trim) {
            assert!(!p.is_empty(), "verbs.txt:{}: empty pattern", i + 1);
            if p.starts_with('-') {
                negatives += 1;
            } else {
                by_code
                    .entry(code.to_string())
                    .or_default()
                    .insert(p.to_string());
            }
        }
    }
    (by_code, negatives)
}

#[test]
fn every_cameo_code_has_a_pattern() {
    let Some(text) = verbs_file() else { return };
    let (by_code, _) = parse(&text);
    let cameo = Ontology::cameo();
    let missing: Vec<&str> = cameo
        .all_events()
        .map(|e| e.code)
        .filter(|c| by_code.get(*c).map_or(0, BTreeSet::len) == 0)
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a verb pattern: {missing:?}"
    );
    let unknown: Vec<&String> = by_code
        .keys()
        .filter(|c| cameo.event(c).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "codes that are not CAMEO codes: {unknown:?}"
    );
}

#[test]
fn dictionary_is_large_and_consistent() {
    let Some(text) = verbs_file() else { return };
    let (by_code, negatives) = parse(&text);
    let mut code_of: BTreeMap<&str, &str> = BTreeMap::new();
    for (code, pats) in &by_code {
        for p in pats {
            if let Some(other) = code_of.insert(p.as_str(), code.as_str()) {
                panic!("pattern {p:?} is given two codes: {other} and {code}");
            }
        }
    }
    let lemmas: BTreeSet<&str> = code_of
        .keys()
        .filter_map(|p| p.trim_start_matches('~').split_whitespace().next())
        .collect();
    assert!(code_of.len() >= 2500, "only {} patterns", code_of.len());
    assert!(
        lemmas.len() >= 1000,
        "only {} predicate lemmas",
        lemmas.len()
    );
    assert!(negatives >= 100, "only {negatives} negative examples");
    // A few entries the coder relies on.
    for (p, c) in [
        ("~ceasefire", "0871"),
        ("~talk", "040"),
        ("~negotiation", "046"),
        ("impose sanction", "163"),
        ("call for", "020"),
        ("pull out of", "0874"),
        ("back off", "080"),
        ("accuse", "112"),
        ("threaten", "130"),
        ("shell", "194"),
    ] {
        assert_eq!(code_of.get(p).copied(), Some(c), "{p}");
    }
}
