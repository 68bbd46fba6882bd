//! `dyad dict stats` and `dyad dict check`: counts per dictionary and the
//! consistency checks a dictionary editor needs (duplicates, conflicting codes,
//! overlapping date ranges, unknown CAMEO codes, CAMEO codes without a verb).

use crate::actor::{ActorEntry, ActorKind, DatedCode};
use crate::error::Origin;
use crate::lexicon::Lexicon;
use crate::matcher::{name_key, FxHashMap};
use dyad_ontology::Ontology;
use dyad_text::Date;
use std::collections::BTreeMap;
use std::fmt;

/// How serious a finding is: errors make `dyad dict check` fail, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Must be fixed: the dictionaries give wrong or ambiguous codes.
    Error,
    /// Worth a look; coding still works.
    Warning,
}

/// One problem found by [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The dictionary line, when the finding concerns one.
    pub origin: Option<Origin>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.origin {
            Some(o) => write!(f, "{o}: {sev}: {}", self.message),
            None => write!(f, "{sev}: {}", self.message),
        }
    }
}

/// The findings of [`check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// All findings, errors first, then by file and line.
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    fn push(&mut self, severity: Severity, origin: Option<&Origin>, message: String) {
        self.findings.push(Finding {
            severity,
            origin: origin.cloned(),
            message,
        });
    }
}

/// Counts per dictionary, as `dyad dict stats` prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Actor entries per kind (countries, organisations, armed groups, people, other).
    pub actor_entries: BTreeMap<&'static str, usize>,
    /// Actor names and aliases per kind.
    pub actor_names: BTreeMap<&'static str, usize>,
    /// Actor entries with at least one date-restricted code.
    pub dated_actors: usize,
    /// Agent entries (nouns and titles as written).
    pub agents: usize,
    /// Agent phrases compiled (plurals and substitutions included).
    pub agent_forms: usize,
    /// Verb groups (PETRARCH blocks; dyad: one per predicate).
    pub verb_groups: usize,
    /// Verbs and event nouns.
    pub verbs: usize,
    /// Distinct predicate lemmas.
    pub lemmas: usize,
    /// Distinct surface forms indexed.
    pub verb_forms: usize,
    /// Verb patterns.
    pub verb_patterns: usize,
    /// Synsets.
    pub synsets: usize,
    /// Issue phrases.
    pub issue_phrases: usize,
    /// Distinct issue codes.
    pub issues: usize,
    /// Discard phrases.
    pub discards: usize,
    /// CAMEO event codes (3 and 4 digits) that some verb or pattern gives.
    pub cameo_covered: usize,
    /// CAMEO event codes (3 and 4 digits) in the codebook.
    pub cameo_total: usize,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "actors")?;
        for kind in [
            ActorKind::Country,
            ActorKind::Organisation,
            ActorKind::ArmedGroup,
            ActorKind::Person,
            ActorKind::Other,
        ] {
            let k = kind.as_str();
            let e = self.actor_entries.get(k).copied().unwrap_or(0);
            if e > 0 || kind != ActorKind::Other {
                let n = self.actor_names.get(k).copied().unwrap_or(0);
                writeln!(f, "  {k:<16}{e:>8} entries {n:>8} names")?;
            }
        }
        writeln!(
            f,
            "  {:<16}{:>8} entries",
            "with dated codes", self.dated_actors
        )?;
        writeln!(
            f,
            "agents            {:>8} nouns   {:>8} forms",
            self.agents, self.agent_forms
        )?;
        writeln!(f, "verbs")?;
        writeln!(f, "  patterns        {:>8}", self.verb_patterns)?;
        writeln!(f, "  verbs           {:>8}", self.verbs)?;
        writeln!(f, "  lemmas          {:>8}", self.lemmas)?;
        writeln!(f, "  surface forms   {:>8}", self.verb_forms)?;
        writeln!(f, "  groups          {:>8}", self.verb_groups)?;
        writeln!(f, "  synsets         {:>8}", self.synsets)?;
        writeln!(
            f,
            "  CAMEO codes covered {} of {}",
            self.cameo_covered, self.cameo_total
        )?;
        writeln!(
            f,
            "issues            {:>8} issues  {:>8} phrases",
            self.issues, self.issue_phrases
        )?;
        write!(f, "discards          {:>8}", self.discards)
    }
}

/// CAMEO event codes of 3 and 4 digits (the codes events carry).
fn cameo_codes() -> Vec<&'static str> {
    Ontology::cameo()
        .all_events()
        .map(|e| e.code)
        .filter(|c| c.len() >= 3)
        .collect()
}

/// Counts per dictionary.
pub fn stats(lex: &Lexicon) -> Stats {
    let mut s = Stats::default();
    for e in &lex.actors.entries {
        *s.actor_entries.entry(e.kind.as_str()).or_default() += 1;
        *s.actor_names.entry(e.kind.as_str()).or_default() += e.names.len();
        if e.codes.iter().any(DatedCode::is_dated) {
            s.dated_actors += 1;
        }
    }
    s.agents = lex.agents.len();
    s.agent_forms = lex.agents.form_count();
    s.verb_groups = lex.verbs.groups.len();
    s.verbs = lex.verbs.verb_count();
    s.lemmas = lex.verbs.lemma_count();
    s.verb_forms = lex.verbs.form_count();
    s.verb_patterns = lex.verbs.patterns.len();
    s.synsets = lex.verbs.synsets.len();
    s.issue_phrases = lex.issues.len();
    s.issues = lex.issues.codes().len();
    s.discards = lex.discards.len();
    let given = lex.verbs.codes();
    let all = cameo_codes();
    s.cameo_total = all.len();
    s.cameo_covered = all.iter().filter(|c| given.contains(c)).count();
    s
}

/// Runs every check. Errors: conflicting codes for one name (on some date),
/// overlapping date ranges with different codes in one entry, conflicting agent
/// codes for one noun, unknown CAMEO codes in verbs, conflicting codes for one
/// verb pattern. Warnings: exact duplicates, hand-over-day overlaps, unknown
/// actor/agent code parts, CAMEO codes with no verb pattern, PETRARCH lines
/// skipped while loading.
pub fn check(lex: &Lexicon) -> CheckReport {
    let mut r = CheckReport::default();
    for w in &lex.warnings {
        r.push(Severity::Warning, None, w.to_string());
    }
    check_actors(lex, &mut r);
    check_agents(lex, &mut r);
    check_verbs(lex, &mut r);
    check_issues(lex, &mut r);
    r.findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.severity,
                f.origin.as_ref().map(|o| o.file.to_string()),
                f.origin.as_ref().map(|o| o.line),
            )
        };
        key(a).cmp(&key(b))
    });
    r
}

fn days_between(a: Date, b: Date) -> i64 {
    fn ordinal(d: Date) -> i64 {
        // days since 0000-03-01 (civil calendar), enough for differences
        let (y, m) = if d.month <= 2 {
            (d.year as i64 - 1, d.month as i64 + 9)
        } else {
            (d.year as i64, d.month as i64 - 3)
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d.day as i64
    }
    ordinal(b) - ordinal(a)
}

fn check_actors(lex: &Lexicon, r: &mut CheckReport) {
    let ontology = Ontology::cameo();
    let dyad_format = !matches!(lex.source, Some(crate::LexiconSource::Petrarch));
    let mut by_key: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (id, e) in lex.actors.entries.iter().enumerate() {
        let mut seen: Vec<(String, &str)> = Vec::new();
        for n in &e.names {
            let k = name_key(n);
            if k.is_empty() {
                continue;
            }
            if let Some((_, first)) = seen.iter().find(|(sk, _)| *sk == k) {
                let message = if *first == n.as_str() {
                    format!("name {n:?} is listed twice in this entry")
                } else {
                    format!(
                        "names {first:?} and {n:?} match the same text (case, accents and dots are ignored); one is enough"
                    )
                };
                r.push(Severity::Warning, Some(&e.origin), message);
                continue;
            }
            seen.push((k.clone(), n.as_str()));
            by_key.entry(k).or_default().push(id as u32);
        }
        check_entry_ranges(e, r);
        if dyad_format {
            for c in &e.codes {
                if ontology.split_actor_code(&c.code).is_none() {
                    r.push(
                        Severity::Warning,
                        Some(&e.origin),
                        format!(
                            "actor code {} is not a chain of CAMEO 3-letter codes",
                            c.code
                        ),
                    );
                }
            }
        }
    }
    let mut keys: Vec<(&String, &Vec<u32>)> = by_key.iter().filter(|(_, v)| v.len() > 1).collect();
    keys.sort();
    for (key, ids) in keys {
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                let (ea, eb) = (lex.actors.entry(a), lex.actors.entry(b));
                compare_entries(key, ea, eb, r);
            }
        }
    }
}

/// Dates at which two entries might disagree: every range bound, the day after
/// every end, and the far past and future.
fn probe_dates(a: &ActorEntry, b: &ActorEntry) -> Vec<Option<Date>> {
    let mut v: Vec<Option<Date>> =
        vec![None, Date::new(1, 1, 1).ok(), Date::new(9999, 12, 31).ok()];
    for c in a.codes.iter().chain(&b.codes) {
        v.push(c.from);
        if let Some(t) = c.to {
            v.push(Some(t));
            v.push(next_day(t));
        }
    }
    v.sort();
    v.dedup();
    v
}

fn next_day(d: Date) -> Option<Date> {
    Date::new(d.year, d.month, d.day + 1)
        .or_else(|_| Date::new(d.year, d.month + 1, 1))
        .or_else(|_| Date::new(d.year + 1, 1, 1))
        .ok()
}

fn compare_entries(key: &str, a: &ActorEntry, b: &ActorEntry, r: &mut CheckReport) {
    if a.codes == b.codes {
        r.push(
            Severity::Warning,
            Some(&b.origin),
            format!(
                "duplicate: {key:?} with the same codes is also at {}",
                a.origin
            ),
        );
        return;
    }
    for d in probe_dates(a, b) {
        let (ca, cb) = (a.code_at(d), b.code_at(d));
        if let (Some(x), Some(y)) = (ca, cb) {
            if x != y {
                let when = d.map_or("without a date".to_string(), |d| format!("on {d}"));
                let short_alias = !key.contains(' ');
                let people = a.kind == ActorKind::Person && b.kind == ActorKind::Person;
                let severity = if short_alias && people {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                r.push(
                    severity,
                    Some(&b.origin),
                    format!(
                        "conflicting codes for {key:?} {when}: {y} here, {x} at {}{}",
                        a.origin,
                        if severity == Severity::Warning {
                            " (an ambiguous one-word alias of two people)"
                        } else {
                            ""
                        }
                    ),
                );
                return;
            }
        }
    }
}

fn check_entry_ranges(e: &ActorEntry, r: &mut CheckReport) {
    let dated: Vec<&DatedCode> = e.codes.iter().filter(|c| c.is_dated()).collect();
    for (i, a) in dated.iter().enumerate() {
        for b in &dated[i + 1..] {
            if !a.overlaps(b) {
                continue;
            }
            // length of the overlap, when both ends are known
            let start = match (a.from, b.from) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (x, y) => x.or(y),
            };
            let end = match (a.to, b.to) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            let one_day = matches!((start, end), (Some(s), Some(t)) if days_between(s, t) == 0);
            let refines =
                a.code.starts_with(b.code.as_str()) || b.code.starts_with(a.code.as_str());
            let (severity, what) = if a.code == b.code {
                (
                    Severity::Warning,
                    "overlapping date ranges with the same code",
                )
            } else if refines {
                (
                    Severity::Warning,
                    "overlapping date ranges where one code refines the other (the later start wins)",
                )
            } else if one_day {
                (
                    Severity::Warning,
                    "date ranges share their hand-over day (the later one wins that day)",
                )
            } else {
                (
                    Severity::Error,
                    "overlapping date ranges with different codes",
                )
            };
            r.push(
                severity,
                Some(&e.origin),
                format!("{what} for {:?}: {a} and {b}", e.root()),
            );
        }
    }
}

fn check_agents(lex: &Lexicon, r: &mut CheckReport) {
    let ontology = Ontology::cameo();
    let mut by_key: FxHashMap<String, u32> = FxHashMap::default();
    let mut reported: Vec<(&Origin, &str)> = Vec::new();
    for (id, e) in lex.agents.entries.iter().enumerate() {
        for part in e.codes() {
            if ontology.actor_type(part).is_none()
                && ontology.country(part).is_none()
                && !reported.contains(&(&e.origin, part))
            {
                reported.push((&e.origin, part));
                r.push(
                    Severity::Warning,
                    Some(&e.origin),
                    format!(
                        "agent code {part} (in {}) is not a CAMEO actor type",
                        e.code
                    ),
                );
            }
        }
        let mut keys: Vec<String> = e.forms.iter().map(|f| name_key(f)).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            match by_key.get(&k) {
                Some(&prev) => {
                    let p = lex.agents.entry(prev);
                    if p.code == e.code && p.placement == e.placement {
                        r.push(
                            Severity::Warning,
                            Some(&e.origin),
                            format!("duplicate agent {k:?} (also at {})", p.origin),
                        );
                    } else {
                        r.push(
                            Severity::Error,
                            Some(&e.origin),
                            format!(
                                "conflicting agent codes for {k:?}: {} here, {} at {}",
                                e.code, p.code, p.origin
                            ),
                        );
                    }
                }
                None => {
                    by_key.insert(k, id as u32);
                }
            }
        }
    }
}

fn check_verbs(lex: &Lexicon, r: &mut CheckReport) {
    let ontology = Ontology::cameo();
    let v = &lex.verbs;
    let known = |c: &str| ontology.event(c).is_some();
    for g in &v.groups {
        if let Some(c) = &g.code {
            if !known(c) {
                r.push(
                    Severity::Error,
                    Some(&g.origin),
                    format!("verb block {} has code {c}, not a CAMEO event code", g.name),
                );
            }
        }
    }
    for e in &v.verbs {
        if let Some(c) = &e.code {
            if !known(c) && v.group(e.group).code.as_deref() != Some(c) {
                r.push(
                    Severity::Error,
                    Some(&e.origin),
                    format!("verb {} has code {c}, not a CAMEO event code", e.lemma),
                );
            }
        }
    }
    // duplicates and conflicts: same group, same items
    let mut seen: FxHashMap<(u32, String, bool), usize> = FxHashMap::default();
    for (i, p) in v.patterns.iter().enumerate() {
        for c in p.code.code.iter().chain(p.code.paired.iter()) {
            if !known(c) {
                r.push(
                    Severity::Error,
                    Some(&p.origin),
                    format!("pattern {:?} has code {c}, not a CAMEO event code", p.text),
                );
            }
        }
        let side = |items: &[crate::PatternItem]| {
            items
                .iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let key = (
            p.group,
            format!("{} * {}", side(&p.before), side(&p.after)),
            p.negative,
        );
        match seen.get(&key) {
            Some(&j) => {
                let q = &v.patterns[j];
                let what = if q.code == p.code {
                    (Severity::Warning, "duplicate pattern")
                } else {
                    (Severity::Error, "conflicting codes for the same pattern")
                };
                r.push(
                    what.0,
                    Some(&p.origin),
                    format!(
                        "{} {:?} of {}: {} here, {} at {}",
                        what.1,
                        key.1.trim(),
                        v.group(p.group).name,
                        p.code.code.as_deref().unwrap_or("---"),
                        q.code.code.as_deref().unwrap_or("---"),
                        q.origin
                    ),
                );
            }
            None => {
                seen.insert(key, i);
            }
        }
    }
    let given = v.codes();
    if !v.verbs.is_empty() {
        let missing: Vec<&str> = cameo_codes()
            .into_iter()
            .filter(|c| !given.contains(c))
            .collect();
        if !missing.is_empty() {
            r.push(
                Severity::Warning,
                None,
                format!(
                    "{} CAMEO codes have no verb or pattern: {}",
                    missing.len(),
                    missing.join(" ")
                ),
            );
        }
    }
}

fn check_issues(lex: &Lexicon, r: &mut CheckReport) {
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    for (i, e) in lex.issues.entries.iter().enumerate() {
        for f in &e.forms {
            let k = name_key(f);
            match by_key.get(&k) {
                Some(&j) if j != i => {
                    let p = &lex.issues.entries[j];
                    let (sev, what) = if p.code == e.code {
                        (Severity::Warning, "duplicate issue phrase")
                    } else {
                        (Severity::Warning, "issue phrase in two issues")
                    };
                    r.push(
                        sev,
                        Some(&e.origin),
                        format!("{what} {k:?}: {} here, {} at {}", e.code, p.code, p.origin),
                    );
                }
                Some(_) => {}
                None => {
                    by_key.insert(k, i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(files: &[(&'static str, &'static str)]) -> Lexicon {
        Lexicon::from_dyad_sources(files.iter().copied(), |n| n.to_string()).unwrap()
    }

    #[test]
    fn conflicts_duplicates_and_overlaps() {
        let l = lex(&[
            ("actors/countries.txt", "UKR\tUkraine; Kyiv\nUKR\tUkraine\nGEO\tGeorgia\nUSA\tGeorgia\n"),
            (
                "actors/people.txt",
                "-\tJohn Smith\tGBRGOV@2001..2005\tGBRELI@2004..\n-\tAnn Lee\tGBRGOV@2001..2005-06-01\tGBRELI@2005-06-01..\n-\tA Person; Smith\tFRAGOV@2001..\n",
            ),
            ("agents.txt", "GOV\tpresident\nMIL\tpresident\nGOV\tminister; minister\n"),
            ("verbs.txt", "036\tmeet; meet with\n042\tmeet with\n999\tdo\n"),
        ]);
        let rep = check(&l);
        let text: Vec<String> = rep.findings.iter().map(|f| f.to_string()).collect();
        let has = |s: &str| text.iter().any(|t| t.contains(s));
        assert!(
            has("actors/countries.txt:2: warning: duplicate: \"ukraine\""),
            "{text:#?}"
        );
        assert!(
            has("actors/countries.txt:4: error: conflicting codes for \"georgia\""),
            "{text:#?}"
        );
        assert!(
            has("error: overlapping date ranges with different codes for \"John Smith\""),
            "{text:#?}"
        );
        assert!(has("warning: date ranges share their hand-over day (the later one wins that day) for \"Ann Lee\""), "{text:#?}");
        assert!(
            has("agents.txt:2: error: conflicting agent codes for \"president\""),
            "{text:#?}"
        );
        assert!(
            has("agents.txt:3: warning: duplicate agent \"minister\""),
            "{text:#?}"
        );
        assert!(
            has("verbs.txt:2: error: conflicting codes for the same pattern"),
            "{text:#?}"
        );
        assert!(
            has("verbs.txt:3: error: pattern \"do\" has code 999"),
            "{text:#?}"
        );
        assert!(has("CAMEO codes have no verb or pattern"), "{text:#?}");
        assert!(rep.errors() >= 5);
        // errors sort first
        assert_eq!(rep.findings[0].severity, Severity::Error);
    }

    #[test]
    fn clean_dictionaries_have_no_errors_and_stats_count() {
        let l = lex(&[
            (
                "actors/countries.txt",
                "UKR\tUkraine; Kyiv\nRUS\tRussia; Kremlin\n",
            ),
            (
                "actors/people.txt",
                "-\tVolodymyr Zelensky; Zelensky\tUKRELI@..2019-05-19\tUKRGOV@2019-05-20..\n",
            ),
            ("agents.txt", "GOV\tpresident\n"),
            ("verbs.txt", "036\tmeet; meet with\n0311\task for aid\n"),
            ("issues.txt", "CEASEFIRE\tceasefire; truce\n"),
        ]);
        let rep = check(&l);
        assert_eq!(rep.errors(), 0, "{:#?}", rep.findings);
        let s = stats(&l);
        assert_eq!(s.actor_entries["countries"], 2);
        assert_eq!(s.actor_names["people"], 2);
        assert_eq!(s.dated_actors, 1);
        assert_eq!(s.verb_patterns, 3);
        assert_eq!(s.lemmas, 2);
        assert_eq!(s.cameo_covered, 2);
        assert_eq!(s.cameo_total, 291);
        assert_eq!((s.issues, s.issue_phrases), (1, 2));
        let shown = s.to_string();
        assert!(shown.contains("CAMEO codes covered 2 of 291"), "{shown}");
    }
}
