//! Loads the full PETRARCH Phoenix dictionaries plus CAMEO.2.0 from
//! `../shared/data/petrarch` (skipped with a note when the folder is absent) and
//! checks counts and a few lookups.

use dyad_lexicon::{Lexicon, PetrarchFiles};
use std::path::PathBuf;

fn petrarch_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("DYAD_PETRARCH_DATA").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch")),
        Some(PathBuf::from("/work/shared/data/petrarch")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("CAMEO.2.0.txt").is_file())
}

fn date(s: &str) -> Option<dyad_text::Date> {
    Some(s.parse().unwrap())
}

#[test]
fn full_phoenix_set_and_cameo_2_0_load_with_expected_counts() {
    let Some(dir) = petrarch_dir() else {
        eprintln!("note: ../shared/data/petrarch not found; skipping the Phoenix load test");
        return;
    };
    let lex = Lexicon::load_petrarch(&PetrarchFiles::phoenix(&dir)).unwrap();
    let s = dyad_lexicon::stats(&lex);
    eprintln!("{s}");
    eprintln!("{} warnings", lex.warnings.len());
    for w in &lex.warnings {
        eprintln!("  {w}");
    }
    // Counts of the copy of the files in ../shared/data/petrarch.
    assert_eq!(s.actor_entries["countries"], COUNTRY_ENTRIES);
    assert_eq!(s.actor_entries["organisations"], INTERNATIONAL_ENTRIES);
    assert_eq!(s.actor_entries["armed groups"], MILNONSTATE_ENTRIES);
    assert_eq!(s.verb_patterns, VERB_PATTERNS);
    assert_eq!(s.verb_groups, VERB_GROUPS);
    assert_eq!(s.agents, AGENTS);
    assert_eq!(s.issue_phrases, ISSUE_PHRASES);
    assert_eq!(s.discards, DISCARDS);
    assert_eq!(s.synsets, SYNSETS);
    // 4 unusable verb patterns, 12 unreadable actor codes/trailers, 2 agent and
    // 13 issue lines PETRARCH also skips.
    assert_eq!(lex.warnings.len(), 31);

    // date-restricted lookups from Phoenix.Countries.actors.txt
    let a = &lex.actors;
    assert_eq!(
        a.code_for_name("Hamid Karzai", date("2005-01-01")),
        Some("AFGGOV")
    );
    assert_eq!(
        a.code_for_name("Hamid Karzai", date("1990-01-01")),
        Some("AFGELI")
    );
    assert_eq!(a.code_for_name("Afghanistan", None), Some("AFG"));
    let toks = [
        "Russian",
        "President",
        "Vladimir",
        "Putin",
        "met",
        "NATO",
        "officials",
        "in",
        "Kabul",
    ];
    let m = a.find_mentions(&toks);
    // Phoenix lists "Russian President Vladimir Putin" as one name: the longest match wins.
    assert_eq!((m[0].start, m[0].end), (0, 4), "{m:?}");
    let (code, _) = a.code_for_mention(&m[0], date("2010-06-01")).unwrap();
    assert!(code.starts_with("RUS"), "{code}");
    assert_eq!(a.code_for_mention(&m[2], None).map(|c| c.0), Some("AFG"));
    // verbs: inflected forms reach their block
    let c = lex.verbs.candidates("meet", "met");
    assert!(!c.is_empty());
    assert!(lex.verbs.synset_contains("CURRENCY", "dollars"));
    assert!(lex.agents.lookup("foreign ministers").is_some());
}

const COUNTRY_ENTRIES: usize = 18390;
const INTERNATIONAL_ENTRIES: usize = 7841;
const MILNONSTATE_ENTRIES: usize = 1021;
const VERB_PATTERNS: usize = 4664;
const VERB_GROUPS: usize = 397;
const AGENTS: usize = 2244;
const ISSUE_PHRASES: usize = 2976;
const DISCARDS: usize = 506;
const SYNSETS: usize = 40;

#[test]
fn petrarch_validation_dictionaries_load() {
    let Some(dir) = petrarch_dir() else {
        eprintln!("note: ../shared/data/petrarch not found; skipping the validation-set test");
        return;
    };
    let files = PetrarchFiles {
        verbs: Some(dir.join("PETR.Validate.verbs.txt")),
        actors: vec![dir.join("PETR.Validate.actors.txt")],
        agents: Some(dir.join("PETR.Validate.agents.txt")),
        discards: Some(dir.join("PETR.Validate.discards.txt")),
        issues: None,
    };
    let lex = Lexicon::load_petrarch(&files).unwrap();
    for w in &lex.warnings {
        eprintln!("  {w}");
    }
    let s = dyad_lexicon::stats(&lex);
    eprintln!("{s}");
    assert!(lex.actors.len() > 100);
    assert!(s.verb_patterns > 200);
    // the embedded synset test of the validation file: &ACCORDSYN includes &TIETYPES
    assert!(lex.verbs.synset_contains("ACCORDSYN", "military"));
    assert!(lex.verbs.synset_contains("CURRENCY", "swiss francs"));
    let c = lex.verbs.candidates("break", "broke");
    assert!(!c.is_empty());
    assert_eq!(lex.agents.lookup("congressmen").unwrap().code, "LEG");
}
