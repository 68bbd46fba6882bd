//! Actors: names and aliases to CAMEO actor codes, with date-restricted codes.

use crate::error::{LexiconError, Origin};
use crate::matcher::{is_acronym, PhraseMatch, PhraseMatcher};
use crate::text::{is_code, petrarch_lines, Line, PetrarchLine};
use dyad_text::Date;
use std::sync::Arc;

/// Index of an entry in [`ActorDictionary::entries`].
pub type ActorId = u32;

/// What kind of actor an entry names; taken from the file it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    /// States and territories, their capitals and cities (`actors/countries.txt`,
    /// `Phoenix.Countries.actors.txt`).
    Country,
    /// International and regional organisations, alliances, NGOs
    /// (`actors/organisations.txt`, `Phoenix.International.actors.txt`).
    Organisation,
    /// Non-state armed groups (`actors/armed_groups.txt`, `Phoenix.MilNonState.actors.txt`).
    ArmedGroup,
    /// People with dated codes (`actors/people*.txt`).
    Person,
    /// Any other actor file.
    Other,
}

impl ActorKind {
    /// The kind implied by a file name (`countries.txt` → Country, ...).
    pub fn from_file_name(name: &str) -> ActorKind {
        let n = name.to_ascii_lowercase();
        let n = n.rsplit(['/', '\\']).next().unwrap_or(&n);
        if n.contains("countr") {
            ActorKind::Country
        } else if n.contains("organi") || n.contains("international") {
            ActorKind::Organisation
        } else if n.contains("armed") || n.contains("milnonstate") {
            ActorKind::ArmedGroup
        } else if n.contains("people") || n.contains("leader") || n.contains("person") {
            ActorKind::Person
        } else {
            ActorKind::Other
        }
    }

    /// Lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Country => "countries",
            ActorKind::Organisation => "organisations",
            ActorKind::ArmedGroup => "armed groups",
            ActorKind::Person => "people",
            ActorKind::Other => "other actors",
        }
    }
}

/// PETRARCH's null code: the name is known but is not an actor (`INDIAN_OCEAN [---]`).
pub const NULL_CODE: &str = "---";

/// A code, possibly restricted to a date range (both ends inclusive, either open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The CAMEO actor code (`UKRGOV`, `NAT`, `IGOUNO`).
    pub code: String,
    /// First day the code applies; `None` for an open start.
    pub from: Option<Date>,
    /// Last day the code applies; `None` for an open end.
    pub to: Option<Date>,
}

impl DatedCode {
    /// A code without date restriction.
    pub fn undated(code: impl Into<String>) -> Self {
        DatedCode {
            code: code.into(),
            from: None,
            to: None,
        }
    }

    /// The codes this stands for: TABARI writes several actors as `ELR/GAL`.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.code.split('/')
    }

    /// True when the code carries a date restriction.
    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// True when `date` falls inside the range.
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    /// True when the two ranges share at least one day.
    pub fn overlaps(&self, other: &DatedCode) -> bool {
        let starts_before_other_ends = match (self.from, other.to) {
            (Some(f), Some(t)) => f <= t,
            _ => true,
        };
        let ends_after_other_starts = match (self.to, other.from) {
            (Some(t), Some(f)) => f <= t,
            _ => true,
        };
        starts_before_other_ends && ends_after_other_starts
    }
}

impl std::fmt::Display for DatedCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.is_dated() {
            return f.write_str(&self.code);
        }
        let d = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        write!(f, "{}@{}..{}", self.code, d(self.from), d(self.to))
    }
}

/// One actor: its names (the first is the root name) and its codes.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    /// Names and aliases as written in the dictionary (PETRARCH names keep their `_`).
    pub names: Vec<String>,
    /// Codes in dictionary order: undated ones are defaults, dated ones apply in their range.
    pub codes: Vec<DatedCode>,
    /// Kind, from the file name.
    pub kind: ActorKind,
    /// Where the entry starts.
    pub origin: Origin,
}

impl ActorEntry {
    /// The code for a document dated `date`.
    ///
    /// With a date: among dated codes whose range contains it, the one starting
    /// latest wins (so on a hand-over day the incoming office holder's code is
    /// used); when none contains it, the first undated (default) code; `None`
    /// when there is neither (a person outside every office they held).
    /// Without a date: the default code, else the code of the most recent range.
    ///
    /// ```
    /// use dyad_lexicon::ActorDictionary;
    /// let mut d = ActorDictionary::default();
    /// d.read_dyad("people.txt", "-\tVolodymyr Zelensky; Zelensky\tUKRELI@..2019-05-19\tUKRGOV@2019-05-20..\n").unwrap();
    /// let e = &d.entries[0];
    /// assert_eq!(e.code_at(Some("2022-03-20".parse().unwrap())), Some("UKRGOV"));
    /// assert_eq!(e.code_at(Some("2018-01-01".parse().unwrap())), Some("UKRELI"));
    /// assert_eq!(e.code_at(None), Some("UKRGOV"));
    /// ```
    pub fn code_at(&self, date: Option<Date>) -> Option<&str> {
        // PETRARCH's null code `---` wins like any other code but means "not an actor".
        self.raw_code_at(date).filter(|c| *c != NULL_CODE)
    }

    fn raw_code_at(&self, date: Option<Date>) -> Option<&str> {
        if let Some(date) = date {
            let dated = self
                .codes
                .iter()
                .filter(|c| c.is_dated() && c.contains(date))
                .max_by_key(|c| c.from);
            if let Some(c) = dated {
                return Some(&c.code);
            }
        }
        if let Some(c) = self.codes.iter().find(|c| !c.is_dated()) {
            return Some(&c.code);
        }
        if date.is_some() {
            return None;
        }
        // No date, no default: the most recent office (open end counts as latest).
        self.codes
            .iter()
            .max_by_key(|c| (c.to.is_none(), c.to, c.from))
            .map(|c| c.code.as_str())
    }

    /// The root (first) name.
    pub fn root(&self) -> &str {
        self.names.first().map(String::as_str).unwrap_or("")
    }
}

/// An actor name found in a token sequence: tokens `start..end` and the entries
/// whose names match there, preferred first (later-loaded entries win, as in
/// PETRARCH where a later definition of a name replaces an earlier one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// First token of the name.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// Matching entries, preferred first (usually one).
    pub entries: Vec<ActorId>,
}

/// Actor entries and their compiled name matcher.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    /// All entries in load order; [`ActorId`] indexes this.
    pub entries: Vec<ActorEntry>,
    matcher: PhraseMatcher<ActorId>,
}

impl ActorDictionary {
    /// Adds an entry and compiles its names into the matcher. `acronym_rule`
    /// applies dyad's acronym rule ([`is_acronym`]: a name written in capitals does
    /// not match an all-lowercase word); PETRARCH names are all capitals and carry
    /// no case information, so they get [`Self::add_petrarch`]'s narrower rule.
    pub fn add(&mut self, entry: ActorEntry, acronym_rule: bool) -> ActorId {
        self.add_with(entry, |name| acronym_rule && is_acronym(name))
    }

    /// Adds an entry read from a PETRARCH file: a one-word name of at most four
    /// letters (`US`, `UN`, `MALE`, `POLE`) does not match an all-lowercase word,
    /// so "told us" or "a male nurse" do not become the USA or the Maldives.
    pub fn add_petrarch(&mut self, entry: ActorEntry) -> ActorId {
        self.add_with(entry, |name| {
            let name = name.trim_end_matches('_');
            let letters = name.chars().filter(|c| c.is_alphabetic()).count();
            !name.contains(['_', ' ', '-']) && letters <= 4
        })
    }

    fn add_with(&mut self, entry: ActorEntry, needs_capitals: impl Fn(&str) -> bool) -> ActorId {
        let id = self.entries.len() as ActorId;
        for name in &entry.names {
            self.matcher.insert(name, id, needs_capitals(name));
        }
        self.entries.push(entry);
        id
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct (name, entry) pairs compiled into the matcher.
    pub fn name_count(&self) -> usize {
        self.matcher.len()
    }

    /// The entry with this id.
    pub fn entry(&self, id: ActorId) -> &ActorEntry {
        &self.entries[id as usize]
    }

    /// Entries whose names normalise to `name` exactly, preferred first.
    pub fn lookup(&self, name: &str) -> Vec<ActorId> {
        let mut v = self.matcher.get(name);
        v.reverse();
        v
    }

    /// The code `name` gets on `date`: the first preferred entry that has a code then.
    ///
    /// ```
    /// use dyad_lexicon::ActorDictionary;
    /// let mut d = ActorDictionary::default();
    /// d.read_petrarch("x.actors.txt", "HAMID_KARZAI_\n+KARZAI_\n\t[AFGELI 750101-000101]\n\t[AFGGOV >011222]\n\t[AFGELI]\n", &mut Vec::new()).unwrap();
    /// assert_eq!(d.code_for_name("Karzai", Some("2005-01-01".parse().unwrap())), Some("AFGGOV"));
    /// assert_eq!(d.code_for_name("Karzai", Some("1999-01-01".parse().unwrap())), Some("AFGELI"));
    /// ```
    pub fn code_for_name(&self, name: &str, date: Option<Date>) -> Option<&str> {
        self.lookup(name)
            .into_iter()
            .find_map(|id| self.entry(id).code_at(date))
    }

    /// The code of entry `id` on `date` (see [`ActorEntry::code_at`]).
    pub fn actor_code(&self, id: ActorId, date: Option<Date>) -> Option<&str> {
        self.entry(id).code_at(date)
    }

    /// The code of a mention on `date`: the first of its entries that has a code
    /// then, with that entry's id.
    pub fn code_for_mention(
        &self,
        mention: &ActorMention,
        date: Option<Date>,
    ) -> Option<(&str, ActorId)> {
        mention
            .entries
            .iter()
            .find_map(|&id| self.entry(id).code_at(date).map(|c| (c, id)))
    }

    /// Leftmost-longest actor names over a token sequence (token forms as they
    /// appear in the text). Matching is case-insensitive on token boundaries; see
    /// [`crate::matcher`] for the normalisation.
    ///
    /// ```
    /// use dyad_lexicon::ActorDictionary;
    /// let mut d = ActorDictionary::default();
    /// d.read_dyad("countries.txt", "UKR\tUkraine; Ukrainian; Kyiv\nRUS\tRussia; Russian; Kremlin\n").unwrap();
    /// let toks = ["The", "Kremlin", "said", "Ukrainian", "troops", "..."];
    /// let m = d.find_mentions(&toks);
    /// assert_eq!(m.len(), 2);
    /// assert_eq!((m[1].start, m[1].end), (3, 4));
    /// assert_eq!(d.entry(m[1].entries[0]).code_at(None), Some("UKR"));
    /// ```
    pub fn find_mentions<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<ActorMention> {
        group_matches(self.matcher.find_longest(tokens))
    }

    /// True when [`Self::find_mentions`] would find something (cheaper: no
    /// list is built).
    pub fn has_mention<S: AsRef<str>>(&self, tokens: &[S]) -> bool {
        self.matcher.has_match(tokens)
    }

    /// Every actor name at every position, overlapping (for candidates and debugging).
    pub fn find_all_mentions<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<ActorMention> {
        group_matches(self.matcher.find_all(tokens))
    }

    /// Reads a PETRARCH/TABARI `.actors` file (see `Phoenix.Countries.actors.txt`):
    ///
    /// ```text
    /// HAMID_KARZAI_  # comment
    /// +KARZAI_
    ///     [AFGELI 750101-000101]
    ///     [AFGGOV >011222]
    ///     [AFGELI]
    /// AFGHANISTAN_  [AFG]
    /// ```
    ///
    /// A line that is not `+synonym` or `[CODE ...]` starts a new entry, optionally
    /// with its code at the end. Dates are `YYMMDD` (00-30 → 20YY, else 19YY) or
    /// `YYYYMMDD`; `>D` means from D, `<D` until D, `A-B` from A to B. Names keep
    /// PETRARCH's whole-word reading (`_` separates words; a trailing `_` is dropped).
    pub fn read_petrarch(
        &mut self,
        file: &str,
        text: &str,
        warnings: &mut Vec<LexiconError>,
    ) -> Result<(), LexiconError> {
        self.read_petrarch_kind(file, text, ActorKind::from_file_name(file), warnings)
    }

    /// [`Self::read_petrarch`] with an explicit kind.
    ///
    /// Code groups PETRARCH cannot use either (a date such as `9008223`) are
    /// skipped with a warning; `[---]` (not an actor) gives an entry without
    /// codes, which still wins the longest match (so `Indian Ocean` is not read
    /// as India) but has no code.
    pub fn read_petrarch_kind(
        &mut self,
        file: &str,
        text: &str,
        kind: ActorKind,
        warnings: &mut Vec<LexiconError>,
    ) -> Result<(), LexiconError> {
        let fname: Arc<str> = file.into();
        let mut current: Option<ActorEntry> = None;
        for PetrarchLine { number, text: line } in petrarch_lines(text) {
            let origin = Origin::at(&fname, number);
            let line = line.trim();
            let (name_part, codes_part) = match line.find('[') {
                Some(p) => (&line[..p], &line[p..]),
                None => (line, ""),
            };
            let codes = parse_petrarch_codes(codes_part, &origin, warnings);
            if name_part.trim().is_empty() {
                match current.as_mut() {
                    Some(e) => e.codes.extend(codes),
                    None => return Err(origin.error("a code line before any actor name")),
                }
            } else if let Some(syn) = name_part.trim().strip_prefix('+') {
                let name = clean_petrarch_name(syn);
                let Some(e) = current.as_mut() else {
                    return Err(origin.error("a synonym (+) before any actor name"));
                };
                if name.is_empty() {
                    return Err(origin.error("an empty synonym"));
                }
                e.names.push(name);
                e.codes.extend(codes);
            } else {
                if let Some(e) = current.take() {
                    self.add_petrarch(e);
                }
                let name = clean_petrarch_name(name_part);
                current = Some(ActorEntry {
                    names: vec![name],
                    codes,
                    kind,
                    origin: origin.clone(),
                });
            }
        }
        if let Some(e) = current.take() {
            self.add_petrarch(e);
        }
        Ok(())
    }

    /// Reads one of dyad's own actor files (`dictionaries/actors/*.txt`, format in
    /// `dictionaries/FORMAT.md`):
    ///
    /// ```text
    /// UKR<TAB>Ukraine; Ukrainian; Ukrainians; Kyiv
    /// -<TAB>Volodymyr Zelensky; Zelensky<TAB>UKRELI@..2019-05-19<TAB>UKRGOV@2019-05-20..
    /// ```
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        self.read_dyad_kind(file, text, ActorKind::from_file_name(file))
    }

    /// [`Self::read_dyad`] with an explicit kind.
    pub fn read_dyad_kind(
        &mut self,
        file: &str,
        text: &str,
        kind: ActorKind,
    ) -> Result<(), LexiconError> {
        let fname: Arc<str> = file.into();
        for Line { number, text: line } in crate::text::dyad_lines(text) {
            let origin = Origin::at(&fname, number);
            let mut fields = line.split('\t').map(str::trim);
            let code = fields.next().unwrap_or("");
            let Some(names) = fields.next() else {
                return Err(origin.error(
                    "expected CODE<TAB>NAMES[<TAB>CODE@FROM..TO ...] (no TAB after the code)",
                ));
            };
            let mut entry = ActorEntry {
                names: Vec::new(),
                codes: Vec::new(),
                kind,
                origin: origin.clone(),
            };
            if code != "-" {
                if !is_code(code) {
                    return Err(origin.error(format!(
                        "{code:?} is not an actor code (capital letters and digits, or - for none)"
                    )));
                }
                entry.codes.push(DatedCode::undated(code));
            }
            if names.is_empty() {
                return Err(origin.error("no names after the code"));
            }
            for name in names.split(';').map(str::trim) {
                if name.is_empty() {
                    return Err(origin.error("an empty name (check the `; ` separators)"));
                }
                entry.names.push(name.to_string());
            }
            for field in fields {
                for dated in field.split_whitespace() {
                    entry.codes.push(parse_dyad_dated_code(dated, &origin)?);
                }
            }
            if entry.codes.is_empty() {
                return Err(
                    origin.error("no code: give a default code or at least one CODE@FROM..TO")
                );
            }
            self.add(entry, true);
        }
        Ok(())
    }
}

fn group_matches(matches: Vec<PhraseMatch<ActorId>>) -> Vec<ActorMention> {
    let mut out: Vec<ActorMention> = Vec::new();
    for m in matches {
        match out.last_mut() {
            Some(last) if last.start == m.start && last.end == m.end => last.entries.push(m.value),
            _ => out.push(ActorMention {
                start: m.start,
                end: m.end,
                entries: vec![m.value],
            }),
        }
    }
    for m in &mut out {
        // later-loaded entries first (PETRARCH: a later definition replaces an earlier one)
        m.entries.sort_unstable_by(|a, b| b.cmp(a));
        m.entries.dedup();
    }
    out
}

/// PETRARCH names: `_` joins words; a trailing `_` (TABARI's "whole word") is dropped.
fn clean_petrarch_name(name: &str) -> String {
    name.trim().trim_end_matches('_').trim().to_string()
}

/// Parses every `[...]` group of a line; groups that cannot be read are
/// reported as warnings and skipped, `[---]` (no code) is dropped.
fn parse_petrarch_codes(
    s: &str,
    origin: &Origin,
    warnings: &mut Vec<LexiconError>,
) -> Vec<DatedCode> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(open) = rest.find('[') else {
            warnings.push(origin.error(format!("unexpected {rest:?} after the codes; ignored")));
            break;
        };
        if !rest[..open].trim().is_empty() {
            warnings.push(origin.error(format!(
                "unexpected {:?} between codes; ignored",
                rest[..open].trim()
            )));
        }
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            warnings.push(origin.error(format!(
                "code {:?} is not closed by ]; skipped",
                &rest[open..]
            )));
            break;
        };
        let group = &rest[open..=close];
        match parse_petrarch_code(group, origin) {
            Ok(c) => out.push(c),
            Err(mut e) => {
                e.message.push_str("; code skipped");
                warnings.push(e);
            }
        }
        rest = rest[close + 1..].trim();
    }
    out
}

/// Parses `[CODE]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`, `[CODE YYMMDD-YYMMDD]`
/// (spaces inside the restriction are tolerated). Codes are upper-cased; TABARI's
/// multiple codes `ELR/GAL`, its `+++` and the null code `---` are kept as written.
fn parse_petrarch_code(s: &str, origin: &Origin) -> Result<DatedCode, LexiconError> {
    let s = s.trim();
    let inner = s
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .ok_or_else(|| origin.error(format!("a code must be written [CODE ...], got {s:?}")))?;
    let mut parts = inner.split_whitespace();
    let code = parts
        .next()
        .ok_or_else(|| origin.error("an empty code []"))?;
    let code = code.to_ascii_uppercase();
    let petrarch_code = code == NULL_CODE || code == "+++" || code.split('/').all(is_code);
    if !petrarch_code {
        return Err(origin.error(format!("{code:?} is not an actor code")));
    }
    let mut dc = DatedCode::undated(code);
    let restr: String = parts.collect();
    let restr = (!restr.is_empty()).then_some(restr);
    if let Some(restr) = restr.as_deref() {
        let date = |t: &str| {
            parse_petrarch_date(t)
                .ok_or_else(|| origin.error(format!("{t:?} is not a YYMMDD or YYYYMMDD date")))
        };
        if let Some(d) = restr.strip_prefix('>') {
            dc.from = Some(date(d)?);
        } else if let Some(d) = restr.strip_prefix('<') {
            dc.to = Some(date(d)?);
        } else if let Some((a, b)) = restr.split_once('-') {
            dc.from = Some(date(a)?);
            dc.to = Some(date(b)?);
        } else {
            return Err(origin.error(format!(
                "date restriction {restr:?} is not >DATE, <DATE or DATE-DATE"
            )));
        }
        if let (Some(f), Some(t)) = (dc.from, dc.to) {
            if t < f {
                return Err(origin.error(format!("date range {restr} ends before it starts")));
            }
        }
    }
    Ok(dc)
}

/// `YYMMDD` (00-30 → 2000s, 31-99 → 1900s, as TABARI) or `YYYYMMDD`.
pub(crate) fn parse_petrarch_date(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |a: &str| a.parse::<u32>().ok();
    let (y, rest) = match s.len() {
        6 => {
            let yy = n(&s[..2])? as i32;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (n(&s[..4])? as i32, &s[4..]),
        _ => return None,
    };
    Date::new(y, n(&rest[..2])? as u8, n(&rest[2..])? as u8).ok()
}

/// `CODE@FROM..TO` with ISO dates, `YYYY-MM` or `YYYY`; either end may be empty.
/// A partial `TO` runs to the end of its month or year.
fn parse_dyad_dated_code(s: &str, origin: &Origin) -> Result<DatedCode, LexiconError> {
    let (code, range) = s.split_once('@').ok_or_else(|| {
        origin.error(format!(
            "{s:?}: a date-restricted code is written CODE@FROM..TO"
        ))
    })?;
    if !is_code(code) {
        return Err(origin.error(format!("{code:?} is not an actor code")));
    }
    let (from, to) = range
        .split_once("..")
        .ok_or_else(|| origin.error(format!("{s:?}: the range needs `..` (FROM..TO)")))?;
    let parse = |d: &str, end: bool| -> Result<Option<Date>, LexiconError> {
        if d.is_empty() {
            return Ok(None);
        }
        parse_iso_bound(d, end).map(Some).ok_or_else(|| {
            origin.error(format!("{d:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
        })
    };
    let dc = DatedCode {
        code: code.to_string(),
        from: parse(from, false)?,
        to: parse(to, true)?,
    };
    if let (Some(f), Some(t)) = (dc.from, dc.to) {
        if t < f {
            return Err(origin.error(format!("{s}: the range ends before it starts")));
        }
    }
    if dc.from.is_none() && dc.to.is_none() {
        return Err(origin.error(format!(
            "{s}: a range open at both ends; write the code as the default instead"
        )));
    }
    Ok(dc)
}

/// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY`; for an end bound a partial date is the
/// last day of its month or year.
pub(crate) fn parse_iso_bound(d: &str, end: bool) -> Option<Date> {
    let parts: Vec<&str> = d.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, dd] if digits(y, 4) && digits(m, 2) && digits(dd, 2) => {
            Date::new(y.parse().ok()?, m.parse().ok()?, dd.parse().ok()?).ok()
        }
        [y, m] if digits(y, 4) && digits(m, 2) => {
            let (y, m) = (y.parse().ok()?, m.parse().ok()?);
            if end {
                (28..=31).rev().find_map(|day| Date::new(y, m, day).ok())
            } else {
                Date::new(y, m, 1).ok()
            }
        }
        [y] if digits(y, 4) => {
            let y = y.parse().ok()?;
            if end {
                Date::new(y, 12, 31).ok()
            } else {
                Date::new(y, 1, 1).ok()
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn petrarch_actor_forms_are_read() {
        let text = "# header\n<!-- a comment\n spanning lines -->\nAFGHANISTAN_  [AFG]\n+AFGHAN_ \n+ISLAMIC_REPUBLIC_OF_AFGHANISTAN\n\nHAMID_KARZAI_  # CountryInfo.txt\n+KARZAI_\n\t[AFGELI 750101-000101]\n\t[AFGGOV >011222]\n\t[AFGELI]\nOLD_KING_\n\t[AFGGOV <19730717]\nNATO_\t[IGOWSTNAT] #comment\t$a,b\n";
        let mut dict = ActorDictionary::default();
        dict.read_petrarch("Phoenix.Countries.actors.txt", text, &mut Vec::new())
            .unwrap();
        assert_eq!(dict.len(), 4);
        let e = &dict.entries[0];
        assert_eq!(
            e.names,
            ["AFGHANISTAN", "AFGHAN", "ISLAMIC_REPUBLIC_OF_AFGHANISTAN"]
        );
        assert_eq!(e.kind, ActorKind::Country);
        assert_eq!(e.origin.line, 4);
        let k = &dict.entries[1];
        assert_eq!(k.codes.len(), 3);
        assert_eq!(k.codes[0].from, Some(d("1975-01-01")));
        assert_eq!(k.codes[0].to, Some(d("2000-01-01")));
        assert_eq!(k.codes[1].from, Some(d("2001-12-22")));
        assert_eq!(k.code_at(Some(d("2010-05-05"))), Some("AFGGOV"));
        assert_eq!(k.code_at(Some(d("1980-05-05"))), Some("AFGELI"));
        assert_eq!(k.code_at(None), Some("AFGELI"));
        assert_eq!(
            dict.entries[2].code_at(Some(d("1970-01-01"))),
            Some("AFGGOV")
        );
        assert_eq!(dict.entries[2].code_at(Some(d("1980-01-01"))), None);
        assert_eq!(dict.code_for_name("nato", None), Some("IGOWSTNAT"));
        let toks = ["Afghan", "President", "Hamid", "Karzai", "met", "NATO"];
        let m = dict.find_mentions(&toks);
        let spans: Vec<_> = m.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(spans, [(0, 1), (2, 4), (5, 6)]);
        // short PETRARCH names need a capital in the text: "nato" alone is not NATO
        assert!(dict.find_mentions(&["nato", "said"]).is_empty());
        assert_eq!(dict.find_mentions(&["Nato", "said"]).len(), 1);
        assert_eq!(dict.find_mentions(&["the", "afghan", "said"]).len(), 1);
    }

    #[test]
    fn petrarch_errors_name_the_line() {
        let mut dict = ActorDictionary::default();
        let e = dict
            .read_petrarch("a.txt", "\n[USA]\n", &mut Vec::new())
            .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("a.txt", 2));
        let e = dict
            .read_petrarch("a.txt", "+USA\n", &mut Vec::new())
            .unwrap_err();
        assert!(e.message.contains("before any actor name"), "{e}");
        // codes PETRARCH cannot read are skipped with a warning naming the line
        let mut w = Vec::new();
        let text = "USA_ [USA]\n\t[USAGOV 990101-980101]\nX_ [XXX 2001]\n\t[XXX >011340]\n\t[ARMUNR 9008223-911221]\nY_ [YYY\nINDIAN_OCEAN [---]\nEGYPT_\n\t[EGYGOV > 140608]\nPASCOE_\t[USAGOV 981022-010811] [IGOUNO  >070201] [---]\n";
        let mut dict = ActorDictionary::default();
        dict.read_petrarch("a.txt", text, &mut w).unwrap();
        let lines: Vec<usize> = w.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6], "{w:?}");
        assert!(w[0].message.contains("ends before it starts"));
        assert!(w[1].message.contains("date restriction"));
        assert!(w[2].message.contains("YYMMDD"));
        assert!(w[4].message.contains("not closed"));
        assert_eq!(
            dict.code_for_name("Egypt", Some(d("2014-07-01"))),
            Some("EGYGOV")
        );
        assert_eq!(
            dict.code_for_name("Pascoe", Some(d("2008-01-01"))),
            Some("IGOUNO")
        );
        assert_eq!(dict.code_for_name("Pascoe", Some(d("1990-01-01"))), None);
        // TABARI odds: lower-case codes, several codes, a null code with a date, spaced ranges
        let text = "PALESTINIAN [pse]\nTHE_SHIRE  [FRO/BIL/SAM]\nOLD_\n\t[--- <950630]\n\t[HOB]\nHOBBIT_\n\t[HOBGOV 19950601 - 19990815]\n";
        let mut w = Vec::new();
        let mut odd = ActorDictionary::default();
        odd.read_petrarch("v.txt", text, &mut w).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(odd.code_for_name("palestinian", None), Some("PSE"));
        let shire = odd.entry(odd.lookup("the shire")[0]);
        assert_eq!(
            shire.codes[0].codes().collect::<Vec<_>>(),
            ["FRO", "BIL", "SAM"]
        );
        assert_eq!(odd.code_for_name("old", Some(d("1990-01-01"))), None);
        assert_eq!(odd.code_for_name("old", Some(d("1996-01-01"))), Some("HOB"));
        assert_eq!(
            odd.code_for_name("hobbit", Some(d("1996-01-01"))),
            Some("HOBGOV")
        );
        // a [---] entry has no code but still takes the longest match
        assert_eq!(dict.code_for_name("Indian Ocean", None), None);
        let m = dict.find_mentions(&["the", "Indian", "Ocean"]);
        assert_eq!((m[0].start, m[0].end), (1, 3));
    }

    #[test]
    fn dyad_actor_lines_with_dated_codes() {
        let text = "# people\n-\tVolodymyr Zelensky; Volodymyr Zelenskyy; Zelensky\tUKRELI@..2019-05-19\tUKRGOV@2019-05-20..\nRUSELI\tSergey Lavrov; Lavrov\tRUSGOV@2004-03-09..\nDEUELI\tAngela Merkel; Merkel\tDEUGOV@2005-11-22..2021-12\n";
        let mut dict = ActorDictionary::default();
        dict.read_dyad("actors/people.txt", text).unwrap();
        assert_eq!(dict.entries[0].kind, ActorKind::Person);
        assert_eq!(
            dict.code_for_name("Volodymyr Zelensky", Some(d("2022-03-20"))),
            Some("UKRGOV")
        );
        assert_eq!(
            dict.code_for_name("volodymyr zelenskyy", Some(d("2019-05-19"))),
            Some("UKRELI")
        );
        assert_eq!(
            dict.code_for_name("Lavrov", Some(d("2003-01-01"))),
            Some("RUSELI")
        );
        assert_eq!(
            dict.code_for_name("Lavrov", Some(d("2022-01-01"))),
            Some("RUSGOV")
        );
        // a partial end date runs to the end of the month
        assert_eq!(
            dict.code_for_name("Merkel", Some(d("2021-12-31"))),
            Some("DEUGOV")
        );
        assert_eq!(
            dict.code_for_name("Merkel", Some(d("2022-01-01"))),
            Some("DEUELI")
        );
    }

    #[test]
    fn a_person_split_over_two_entries_gets_the_code_of_the_one_in_office() {
        let mut dict = ActorDictionary::default();
        dict.read_dyad(
            "people.generated.txt",
            "-\tSergey Lavrov\tRUSGOV@2004-03-09..2012-12-31\n",
        )
        .unwrap();
        dict.read_dyad("people.txt", "-\tSergey Lavrov\tRUSGOV@2013-01-01..\n")
            .unwrap();
        assert_eq!(
            dict.code_for_name("Sergey Lavrov", Some(d("2008-01-01"))),
            Some("RUSGOV")
        );
        assert_eq!(
            dict.code_for_name("Sergey Lavrov", Some(d("2020-01-01"))),
            Some("RUSGOV")
        );
        assert_eq!(
            dict.code_for_name("Sergey Lavrov", Some(d("2000-01-01"))),
            None
        );
        let toks = ["Sergey", "Lavrov"];
        let m = dict.find_mentions(&toks);
        assert_eq!(m[0].entries, [1, 0]);
        assert_eq!(
            dict.code_for_mention(&m[0], Some(d("2008-01-01"))),
            Some(("RUSGOV", 0))
        );
    }

    #[test]
    fn dyad_malformed_lines_are_errors_with_file_and_line() {
        let bad = [
            ("UKR Ukraine\n", "no TAB"),
            ("ukr\tUkraine\n", "not an actor code"),
            ("UKR\tUkraine;; Kyiv\n", "empty name"),
            ("-\tZelensky\tUKRGOV@2019-05-20\n", "`..`"),
            ("-\tZelensky\tUKRGOV2019\n", "CODE@FROM..TO"),
            ("-\tZelensky\tUKRGOV@2019-13-01..\n", "not a date"),
            ("-\tZelensky\tUKRGOV@2020..2019\n", "ends before"),
            ("-\tZelensky\n", "no code"),
        ];
        for (text, msg) in bad {
            let mut dict = ActorDictionary::default();
            let input = format!("# ok\nRUS\tRussia\n{text}");
            let e = dict.read_dyad("actors/x.txt", &input).unwrap_err();
            assert_eq!(e.line, 3, "{text}");
            assert_eq!(e.file, "actors/x.txt");
            assert!(e.message.contains(msg), "{text}: {e}");
        }
    }

    #[test]
    fn petrarch_dates() {
        assert_eq!(parse_petrarch_date("011222"), Some(d("2001-12-22")));
        assert_eq!(parse_petrarch_date("320101"), Some(d("1932-01-01")));
        assert_eq!(parse_petrarch_date("19270101"), Some(d("1927-01-01")));
        assert_eq!(parse_petrarch_date("0101"), None);
    }
}
