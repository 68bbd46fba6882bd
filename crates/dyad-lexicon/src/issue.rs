//! Issues: phrases that tag an event with what it is about (NEUTRALITY,
//! CEASEFIRE, SANCTIONS, ...).

use crate::error::{LexiconError, Origin};
use crate::matcher::PhraseMatcher;
use crate::text::{dyad_lines, petrarch_lines, Line, PetrarchLine};
use std::sync::Arc;

/// One issue phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    /// The issue code (`NEUTRALITY`, `NUCLEAR_WEAPONS`).
    pub code: String,
    /// The phrase as written (PETRARCH `n:`/`v:`/`+` markers kept).
    pub phrase: String,
    /// The forms compiled for it (plurals, verb forms, space/hyphen variants).
    pub forms: Vec<String>,
    /// PETRARCH `<ISSUE CATEGORY="...">` section, when any.
    pub category: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// A phrase that cancels issue coding when present: PETRARCH `~phrase`
/// (sentence) and `~~phrase` (story).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueExclusion {
    /// The phrase.
    pub phrase: String,
    /// True for `~~`: applies to the whole story.
    pub story_level: bool,
    /// Section it was written in.
    pub category: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// An issue phrase found in a token sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index into [`IssueDictionary::entries`].
    pub entry: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hit {
    Issue(u32),
    Exclusion(u32),
}

/// Issue phrases, exclusions and their compiled matcher.
#[derive(Debug, Clone, Default)]
pub struct IssueDictionary {
    /// Issue phrases in load order.
    pub entries: Vec<IssueEntry>,
    /// Exclusion phrases.
    pub exclusions: Vec<IssueExclusion>,
    matcher: PhraseMatcher<Hit>,
}

impl IssueDictionary {
    /// Adds an issue phrase (all its forms).
    pub fn add(&mut self, entry: IssueEntry) {
        let id = self.entries.len() as u32;
        for f in &entry.forms {
            self.matcher.insert(f, Hit::Issue(id), false);
        }
        self.entries.push(entry);
    }

    /// Adds an exclusion phrase.
    pub fn add_exclusion(&mut self, ex: IssueExclusion) {
        let id = self.exclusions.len() as u32;
        self.matcher.insert(&ex.phrase, Hit::Exclusion(id), false);
        self.exclusions.push(ex);
    }

    /// Number of issue phrases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The distinct issue codes, sorted.
    pub fn codes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.entries.iter().map(|e| e.code.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Issue phrases in a token sequence (leftmost-longest), ignoring exclusions.
    pub fn find<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<IssueMatch> {
        self.matcher
            .find_longest(tokens)
            .into_iter()
            .filter_map(|m| match m.value {
                Hit::Issue(e) => Some(IssueMatch {
                    start: m.start,
                    end: m.end,
                    entry: e,
                }),
                Hit::Exclusion(_) => None,
            })
            .collect()
    }

    /// Exclusion phrases found in a token sequence.
    pub fn find_exclusions<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<&IssueExclusion> {
        self.matcher
            .find_longest(tokens)
            .into_iter()
            .filter_map(|m| match m.value {
                Hit::Exclusion(x) => Some(&self.exclusions[x as usize]),
                Hit::Issue(_) => None,
            })
            .collect()
    }

    /// The issues of a sentence with the number of phrases found for each, in
    /// order of first appearance. An exclusion phrase in the sentence cancels the
    /// issues of its own section (all issues when it has no section); story-level
    /// exclusions are the caller's to apply over the story.
    ///
    /// ```
    /// use dyad_lexicon::IssueDictionary;
    /// let mut d = IssueDictionary::default();
    /// d.read_dyad("issues.txt", "NEUTRALITY\tneutrality; neutral status\nNATO_MEMBERSHIP\tjoin NATO; NATO membership\n").unwrap();
    /// let toks = ["Kyiv", "could", "accept", "neutral", "status", "instead", "of", "NATO", "membership"];
    /// assert_eq!(d.issues_in(&toks), [("NEUTRALITY", 1), ("NATO_MEMBERSHIP", 1)]);
    /// ```
    pub fn issues_in<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<(&str, usize)> {
        let all = self.matcher.find_longest(tokens);
        let mut cancelled_all = false;
        let mut cancelled: Vec<&str> = Vec::new();
        for m in &all {
            if let Hit::Exclusion(x) = m.value {
                let ex = &self.exclusions[x as usize];
                if ex.story_level {
                    continue;
                }
                match &ex.category {
                    Some(c) => cancelled.push(c),
                    None => cancelled_all = true,
                }
            }
        }
        if cancelled_all {
            return Vec::new();
        }
        let mut out: Vec<(&str, usize)> = Vec::new();
        for m in &all {
            let Hit::Issue(e) = m.value else { continue };
            let entry = &self.entries[e as usize];
            if entry
                .category
                .as_deref()
                .is_some_and(|c| cancelled.contains(&c))
            {
                continue;
            }
            match out.iter_mut().find(|(c, _)| *c == entry.code) {
                Some((_, n)) => *n += 1,
                None => out.push((&entry.code, 1)),
            }
        }
        out
    }

    /// Reads a PETRARCH issue file (`Phoenix.IssueCoding.txt`):
    ///
    /// ```text
    /// <ISSUE CATEGORY="ID_ATROCITY">
    /// n:atrocity [ID_ATROCITY]
    /// ethnic v:purge [ID_ATROCITY]
    /// al+zarqawi network [NAMED_TERROR_GROUP]
    /// ~Saturday Night massacre
    /// ~~Armenian genocide
    /// </ISSUE>
    /// ```
    ///
    /// `n:` adds the plural of the next word, `v:` its verb forms (-s, -ed,
    /// -ing), `+` stands for a space or a hyphen. Lines without a code that are
    /// not exclusions or section tags are skipped with a warning, as PETRARCH does.
    pub fn read_petrarch(
        &mut self,
        file: &str,
        text: &str,
        warnings: &mut Vec<LexiconError>,
    ) -> Result<(), LexiconError> {
        let (entries, exclusions) = parse_petrarch(file, text, warnings)?;
        // In file order (one line gives one or the other), as they were read.
        let mut exclusions = exclusions.into_iter().peekable();
        for mut e in entries {
            while let Some(ex) = exclusions.next_if(|x| x.origin.line < e.origin.line) {
                self.add_exclusion(ex);
            }
            e.forms = expand_petrarch_issue(&e.phrase);
            self.add(e);
        }
        exclusions.for_each(|ex| self.add_exclusion(ex));
        Ok(())
    }

    /// Reads dyad's `issues.txt`: `ISSUE<TAB>PHRASES`, phrases separated by `;`.
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        for e in parse_dyad(file, text)? {
            self.add(e);
        }
        Ok(())
    }
}

/// The reader of PETRARCH issue files (see [`IssueDictionary::read_petrarch`]):
/// issue phrases and exclusions in file order, not compiled. The entries'
/// `forms` are left empty: [`IssueDictionary::read_petrarch`] expands the
/// phrase's `n:`, `v:` and `+` markers into them ([`expand_petrarch_issue`]).
pub fn parse_petrarch(
    file: &str,
    text: &str,
    warnings: &mut Vec<LexiconError>,
) -> Result<(Vec<IssueEntry>, Vec<IssueExclusion>), LexiconError> {
    let mut entries = Vec::new();
    let mut exclusions = Vec::new();
    let fname: Arc<str> = file.into();
    let mut category: Option<String> = None;
    for PetrarchLine { number, text: line } in petrarch_lines(text) {
        let origin = Origin::at(&fname, number);
        let line = line.trim();
        if line.starts_with("</ISSUE") {
            category = None;
            continue;
        }
        if line.starts_with("<ISSUE") {
            category = attribute(line, "CATEGORY");
            if category.is_none() {
                warnings.push(origin.error("<ISSUE> without CATEGORY=\"...\""));
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix('~') {
            let (story_level, phrase) = match rest.strip_prefix('~') {
                Some(p) => (true, p.trim()),
                None => (false, rest.trim()),
            };
            if phrase.is_empty() {
                return Err(origin.error("an empty exclusion phrase"));
            }
            exclusions.push(IssueExclusion {
                phrase: phrase.to_string(),
                story_level,
                category: category.clone(),
                origin,
            });
            continue;
        }
        let Some(open) = line.find('[') else {
            warnings
                .push(origin.error("issue phrase without a [CODE]; skipped (as PETRARCH does)"));
            continue;
        };
        let Some(close) = line[open..].find(']') else {
            return Err(origin.error("missing ] after the issue code"));
        };
        let code = line[open + 1..open + close].trim();
        let phrase = line[..open].trim();
        if code.is_empty() || code.contains(char::is_whitespace) {
            return Err(origin.error(format!("{code:?} is not an issue code")));
        }
        if phrase.is_empty() {
            return Err(origin.error("an issue code without a phrase"));
        }
        entries.push(IssueEntry {
            code: code.to_string(),
            phrase: phrase.to_string(),
            forms: Vec::new(),
            category: category.clone(),
            origin,
        });
    }
    Ok((entries, exclusions))
}

/// The reader of dyad's `issues.txt`: one entry a phrase, in file order, not compiled.
pub fn parse_dyad(file: &str, text: &str) -> Result<Vec<IssueEntry>, LexiconError> {
    let mut entries = Vec::new();
    let fname: Arc<str> = file.into();
    for Line { number, text: line } in dyad_lines(text) {
        let origin = Origin::at(&fname, number);
        let Some((code, phrases)) = line.split_once('\t') else {
            return Err(origin.error("expected ISSUE<TAB>PHRASES (no TAB after the issue)"));
        };
        let code = code.trim();
        if code.is_empty()
            || !code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(origin.error(format!(
                "{code:?} is not an issue code (capitals, digits and _)"
            )));
        }
        for phrase in phrases.split(';').map(str::trim) {
            if phrase.is_empty() {
                return Err(origin.error("an empty phrase (check the `; ` separators)"));
            }
            if phrase.contains('\t') {
                return Err(
                    origin.error("a TAB inside the phrase list; phrases are separated by `; `")
                );
            }
            entries.push(IssueEntry {
                code: code.to_string(),
                phrase: phrase.to_string(),
                forms: vec![phrase.to_string()],
                category: None,
                origin: origin.clone(),
            });
        }
    }
    Ok(entries)
}

/// The value of `NAME="value"` in a tag line.
fn attribute(line: &str, name: &str) -> Option<String> {
    let p = line.find(&format!("{name}=\""))? + name.len() + 2;
    let q = line[p..].find('"')?;
    Some(line[p..p + q].to_string())
}

/// Expands PETRARCH's `n:`, `v:` and `+` markers of an issue phrase into the
/// forms to match.
pub fn expand_petrarch_issue(phrase: &str) -> Vec<String> {
    let mut forms: Vec<Vec<String>> = vec![Vec::new()];
    // `+` reads as a space or a hyphen; the matcher treats both alike (a hyphen
    // splits a word into joined pieces), so one form with a space covers both.
    let phrase = phrase.replace('+', " ");
    for word in phrase.split_whitespace() {
        let variants: Vec<String> =
            if let Some(w) = word.strip_prefix("n:").or_else(|| word.strip_prefix("N:")) {
                vec![w.to_string(), crate::agent::plural_of(w)]
            } else if let Some(w) = word.strip_prefix("v:").or_else(|| word.strip_prefix("V:")) {
                crate::verb::regular_verb_forms(w)
            } else {
                vec![word.to_string()]
            };
        let mut next = Vec::with_capacity(forms.len() * variants.len());
        for f in &forms {
            for v in &variants {
                let mut g = f.clone();
                g.push(v.clone());
                next.push(g);
            }
        }
        forms = next;
    }
    forms.into_iter().map(|ws| ws.join(" ")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn petrarch_issue_file_with_sections_markers_and_exclusions() {
        let t = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:preschool [EARLY_CHILDHOOD_EDUCATION]\npre+n:school [EARLY_CHILDHOOD_EDUCATION]\nhead start [EARLY_CHILDHOOD_EDUCATION]\n~a head start\nethnic v:purge [ID_ATROCITY]\n</ISSUE>\njust words\n";
        let mut d = IssueDictionary::default();
        let mut w = Vec::new();
        d.read_petrarch("Phoenix.IssueCoding.txt", t, &mut w)
            .unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 8);
        assert_eq!(d.len(), 4);
        assert_eq!(d.entries[1].forms, ["pre school", "pre schools"]);
        assert_eq!(
            d.issues_in(&["new", "pre-schools", "open"]),
            [("EARLY_CHILDHOOD_EDUCATION", 1)]
        );
        assert_eq!(
            d.issues_in(&["Preschools", "and", "Head", "Start"]),
            [("EARLY_CHILDHOOD_EDUCATION", 2)]
        );
        // the exclusion cancels its section
        assert!(d.issues_in(&["got", "a", "head", "start"]).is_empty());
        assert_eq!(
            d.issues_in(&["they", "purged", "ethnic", "purging"]),
            [("ID_ATROCITY", 1)]
        );
        assert_eq!(d.codes(), ["EARLY_CHILDHOOD_EDUCATION", "ID_ATROCITY"]);
    }

    #[test]
    fn petrarch_issue_errors() {
        let mut w = Vec::new();
        let e = IssueDictionary::default()
            .read_petrarch("i.txt", "ok [A]\nbad [B\n", &mut w)
            .unwrap_err();
        assert_eq!(e.line, 2);
        let e = IssueDictionary::default()
            .read_petrarch("i.txt", "[A]\n", &mut w)
            .unwrap_err();
        assert!(e.message.contains("without a phrase"));
    }

    #[test]
    fn dyad_issues() {
        let mut d = IssueDictionary::default();
        d.read_dyad(
            "issues.txt",
            "# issues\nCEASEFIRE\tceasefire; cease-fire; truce\nSANCTIONS\tsanctions; embargo\n",
        )
        .unwrap();
        assert_eq!(
            d.issues_in(&["a", "cease", "fire", "and", "sanctions"]),
            [("CEASEFIRE", 1), ("SANCTIONS", 1)]
        );
        for (bad, msg) in [
            ("CEASEFIRE ceasefire\n", "no TAB"),
            ("cease\tx\n", "not an issue code"),
            ("A\tx;;y\n", "empty phrase"),
        ] {
            let e = IssueDictionary::default()
                .read_dyad("issues.txt", bad)
                .unwrap_err();
            assert_eq!((e.line, e.file.as_str()), (1, "issues.txt"));
            assert!(e.message.contains(msg), "{e}");
        }
    }
}
