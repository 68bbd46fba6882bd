//! Running PETRARCH-format validation records: each record is coded (from its
//! text with our NLP models, or from the parse it carries) and its set of
//! (source, target, code) triples compared with the expected set.

use crate::engine::{expand, CommaLimits, Dictionaries, Engine, EngineOptions, Sent};
use crate::ptb::{conllu_to_sentence, ptb_to_sentence};
use crate::validation::{RecordParse, Triple, ValidationFile, ValidationRecord};
use crate::{load_petrarch, CoderError, PetrarchFiles};
use dyad_nlp::AnalyzedSentence;
use dyad_text::Date;
use std::path::{Path, PathBuf};

/// The outcome of one record.
#[derive(Debug, Clone)]
pub struct RecordOutcome {
    pub id: String,
    pub text: String,
    pub expected: Vec<Triple>,
    pub found: Vec<Triple>,
    pub passed: bool,
    /// Why nothing could be coded (bad parse, discard), if so.
    pub note: Option<String>,
    /// Rules that fired, for `--verbose`.
    pub rules: Vec<String>,
    /// The dependency tree coded (CoNLL-U-like lines), for `--verbose`.
    pub tree: Vec<String>,
}

/// Totals over a file.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub expected: usize,
    pub expected_found: usize,
    pub extra: usize,
}

/// Finds the dictionaries a validation file names: next to the file, or in `dir`.
pub fn environment_files(
    file: &ValidationFile,
    path: &Path,
    dir: Option<&Path>,
) -> Result<PetrarchFiles, CoderError> {
    let near = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let find = |name: &str| -> Option<PathBuf> {
        let mut cands = Vec::new();
        if let Some(d) = dir {
            cands.push(d.join(name));
        }
        cands.push(near.join(name));
        // UniversalPetrarch keeps its file beside a sibling `petrarch` folder.
        cands.push(near.join("../petrarch").join(name));
        cands.into_iter().find(|p| p.is_file())
    };
    let env = &file.environment;
    let mut out = PetrarchFiles::default();
    let mut missing = Vec::new();
    for (names, list, required) in [
        (&env.verb_files, &mut out.verbs, true),
        (&env.actor_files, &mut out.actors, true),
        (&env.agent_files, &mut out.agents, true),
        (&env.discard_files, &mut out.discards, false),
        (&env.issue_files, &mut out.issues, false),
    ] {
        for n in names {
            match find(n) {
                Some(p) => list.push(p),
                None if required => missing.push(n.clone()),
                None => {}
            }
        }
    }
    if !missing.is_empty() {
        return Err(CoderError(format!(
            "{}: dictionaries named in <Environment> not found next to the file{}: {}",
            path.display(),
            dir.map(|d| format!(" or in {}", d.display()))
                .unwrap_or_default(),
            missing.join(", ")
        )));
    }
    Ok(out)
}

/// Loads the dictionaries a validation file names.
pub fn load_environment(
    file: &ValidationFile,
    path: &Path,
    dir: Option<&Path>,
) -> Result<Dictionaries, CoderError> {
    load_petrarch(&environment_files(file, path, dir)?)
}

/// Converts a record's own parse.
pub fn record_parse(r: &ValidationRecord) -> Result<AnalyzedSentence, String> {
    match &r.parse {
        Some(RecordParse::Ptb(p)) => ptb_to_sentence(p, &r.text, 0),
        Some(RecordParse::Conllu(c)) => conllu_to_sentence(c, &r.text, 0),
        None => Err("the record has no <Parse>".into()),
    }
}

/// PETRARCH's comma limits in force for a record (its defaults, then `<Config>`).
pub fn comma_limits(r: &ValidationRecord) -> CommaLimits {
    let mut l = CommaLimits::default();
    let get = |o: &str, d: usize| r.config(o).and_then(|v| v.trim().parse().ok()).unwrap_or(d);
    l.min = get("comma_min", l.min);
    l.max = get("comma_max", l.max);
    l.bmin = get("comma_bmin", l.bmin);
    l.bmax = get("comma_bmax", l.bmax);
    l.emin = get("comma_emin", l.emin);
    l.emax = get("comma_emax", l.emax);
    l
}

/// A record's date: `YYYYMMDD` (PETRARCH) or `YYMMDD` (TABARI; 00-30 are the
/// 2000s, 31-99 the 1900s, as in the actor files' own date restrictions).
pub fn record_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
        let yy: i32 = s[..2].parse().ok()?;
        let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
        return Date::parse_lenient(&format!("{year}{}", &s[2..])).ok();
    }
    Date::parse_lenient(s).ok()
}

/// Codes one analysed record and compares with the expectation.
pub fn check_record(
    dicts: &Dictionaries,
    r: &ValidationRecord,
    sent: Result<AnalyzedSentence, String>,
) -> RecordOutcome {
    let date = record_date(&r.date);
    let mut found: Vec<Triple> = Vec::new();
    let mut note = None;
    let mut rules = Vec::new();
    let mut tree = Vec::new();
    match sent {
        Err(e) => note = Some(format!("not coded: {e}")),
        Ok(sent) => {
            for (i, t) in sent.tokens.iter().enumerate() {
                tree.push(format!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    i + 1,
                    t.form,
                    t.lemma,
                    t.xpos,
                    t.head,
                    t.deprel
                ));
            }
            let options = EngineOptions {
                require_dyad: r
                    .config("require_dyad")
                    .is_none_or(|v| !v.eq_ignore_ascii_case("false")),
                // PETRARCH (1) keeps the subject of an agentless passive as
                // source; PETRARCH2 reads it as the target.
                passive_needs_agent: !r.verb_interaction,
                speech_targets_from_content: true,
                combine_reported_conflict: true,
                commas: Some(comma_limits(r)),
                news_reading: false,
                verb_interaction: r.verb_interaction,
                ..EngineOptions::default()
            };
            let commas = options.commas;
            let engine = Engine { dicts, options };
            let mut prepared = Sent::new(&sent, dicts, date);
            prepared.new_actor_length = r
                .config("new_actor_length")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if let Some(lim) = &commas {
                prepared.eliminate_comma_clauses(lim);
            }
            let res = engine.code(&prepared);
            if let Some(d) = &res.discard {
                note = Some(format!("discarded: {d:?}"));
            }
            for ev in &res.events {
                rules.push(format!("{} {}", ev.code, ev.rule));
                for t in expand(ev, engine.options.require_dyad) {
                    if !found.contains(&t) {
                        found.push(t);
                    }
                }
            }
        }
    }
    let mut exp = r.expected.clone();
    exp.sort();
    exp.dedup();
    let mut f = found.clone();
    f.sort();
    let passed = exp == f;
    RecordOutcome {
        id: r.id.clone(),
        text: r.text.clone(),
        expected: exp,
        found: f,
        passed,
        note,
        rules,
        tree,
    }
}

impl Summary {
    /// Adds one record's outcome.
    pub fn add(&mut self, o: &RecordOutcome) {
        if o.passed {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        self.expected += o.expected.len();
        self.expected_found += o.expected.iter().filter(|t| o.found.contains(t)).count();
        self.extra += o.found.iter().filter(|t| !o.expected.contains(t)).count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digit_dates_are_tabari_style() {
        assert_eq!(
            record_date("121108"),
            Date::parse_lenient("2012-11-08").ok()
        );
        assert_eq!(
            record_date("950112"),
            Date::parse_lenient("1995-01-12").ok()
        );
        assert_eq!(
            record_date("20080806"),
            Date::parse_lenient("2008-08-06").ok()
        );
        assert_eq!(record_date("soon"), None);
    }
}
