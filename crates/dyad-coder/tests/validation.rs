//! PETRARCH's unit-test records coded from their own parses (`dyad validate
//! --use-parse`): a regression guard on ../shared data, skipped without it.

use dyad_coder::validate::{check_record, load_environment, record_parse, Summary};
use dyad_coder::validation::read_validation_file;
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    p.is_file().then_some(p)
}

#[test]
fn petrarch_unit_tests_from_their_parses() {
    let Some(path) = shared("petrarch/PETR.UnitTest.records.xml") else {
        eprintln!("skipped: ../shared/data/petrarch not found");
        return;
    };
    let file = read_validation_file(&path).unwrap();
    let dicts = load_environment(&file, &path, None).unwrap();
    let mut sum = Summary::default();
    for r in &file.records {
        sum.add(&check_record(&dicts, r, record_parse(r)));
    }
    assert_eq!(sum.passed + sum.failed, 284);
    // Measured 270/284 (session 2); fail on a clear regression.
    assert!(
        sum.passed >= 266,
        "{} passed, {} failed",
        sum.passed,
        sum.failed
    );
    assert!(
        sum.extra * 10 < sum.expected,
        "extra {} of {}",
        sum.extra,
        sum.expected
    );
}

#[test]
fn petrarch2_gsr_records_from_their_parses() {
    let Some(path) = shared("upetr/PETR2_GSR_validation.xml") else {
        eprintln!("skipped: ../shared/data/upetr not found");
        return;
    };
    let file = read_validation_file(&path).unwrap();
    let dicts = load_environment(&file, &path, None).unwrap();
    let mut sum = Summary::default();
    for r in &file.records {
        assert!(r.verb_interaction, "the GSR file names a PICOfile");
        sum.add(&check_record(&dicts, r, record_parse(r)));
    }
    // Measured 53/80 expected codings found, 24 extra, when written.
    assert!(
        sum.expected_found >= 50,
        "{} of {} found",
        sum.expected_found,
        sum.expected
    );
    assert!(sum.extra <= 30, "extra {}", sum.extra);
}
