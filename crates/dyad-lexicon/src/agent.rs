//! Agents: nouns and titles ("foreign minister", "troops", "rebels") that give an
//! actor its role codes (GOV, MIL, REB, ...).

use crate::error::{LexiconError, Origin};
use crate::matcher::{PhraseMatch, PhraseMatcher};
use crate::text::{dyad_lines, is_code, petrarch_lines, Line, PetrarchLine};
use std::collections::HashMap;
use std::sync::Arc;

/// Index of an entry in [`AgentDictionary::entries`].
pub type AgentId = u32;

/// Where an agent code goes relative to the actor code. PETRARCH writes `[~GOV]`
/// (appended: `UKR` + `GOV` = `UKRGOV`) or `[NGO~]` (placed first, for
/// organisations: `NGO` + `USA`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentPlacement {
    /// After the actor code (the usual case).
    Suffix,
    /// Before the actor code.
    Prefix,
}

/// One agent noun or title.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentEntry {
    /// The noun as written (singular), PETRARCH `_` kept.
    pub noun: String,
    /// Every phrase that matches this entry: the noun, its plural(s) and, for
    /// PETRARCH substitution markers, each substituted form.
    pub forms: Vec<String>,
    /// The agent code to combine with the actor code, as one string of 3-letter
    /// CAMEO agent codes (`GOV`, `MILGOV`, `GOVFRM`).
    pub code: String,
    /// Where the code goes.
    pub placement: AgentPlacement,
    /// PETRARCH's `{...}` plural as written (`Some("")` for `{}`: no plural);
    /// `None` when the plural is generated (and always in dyad's format).
    pub plural: Option<String>,
    /// Where the entry was read.
    pub origin: Origin,
}

/// A PETRARCH substitution marker: `!MINIST! = MINISTER, MINISTRY` (name without
/// the `!`s, forms in order).
#[derive(Debug, Clone, PartialEq)]
pub struct AgentMarker {
    /// The name between the `!`s.
    pub name: String,
    /// What it stands for.
    pub forms: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// What a PETRARCH agents file holds, in file order, not compiled: the entries
/// (markers already substituted in their `forms`) and the markers themselves
/// (for readers that substitute differently, such as the coder).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PetrarchAgents {
    /// Agent lines.
    pub entries: Vec<AgentEntry>,
    /// Substitution markers.
    pub markers: Vec<AgentMarker>,
}

impl AgentEntry {
    /// The code split into its 3-letter CAMEO agent codes (`MILGOV` → `MIL`, `GOV`).
    pub fn codes(&self) -> Vec<&str> {
        let b = self.code.as_bytes();
        // a remainder means the code is not made of 3-letter parts: keep it whole
        if !b.chunks_exact(3).remainder().is_empty() || !self.code.is_ascii() {
            return vec![self.code.as_str()];
        }
        (0..b.len() / 3)
            .map(|i| &self.code[i * 3..i * 3 + 3])
            .collect()
    }
}

/// An agent noun found in a token sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentMention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The entry (the latest-loaded one when several share the phrase).
    pub entry: AgentId,
}

/// Agent entries and their compiled matcher.
#[derive(Debug, Clone, Default)]
pub struct AgentDictionary {
    /// All entries in load order.
    pub entries: Vec<AgentEntry>,
    matcher: PhraseMatcher<AgentId>,
}

/// Regular English plural of the last word of a phrase (`minister` → `ministers`,
/// `party` → `parties`, `boss` → `bosses`).
pub fn plural_of(phrase: &str) -> String {
    let (head, last) = match phrase.rfind([' ', '_']) {
        Some(p) => (&phrase[..=p], &phrase[p + 1..]),
        None => ("", phrase),
    };
    let lower = last.to_ascii_lowercase();
    let upper = last.chars().any(|c| c.is_ascii_uppercase())
        && !last.chars().any(|c| c.is_ascii_lowercase());
    let suffix = |s: &str| {
        if upper {
            s.to_ascii_uppercase()
        } else {
            s.to_string()
        }
    };
    let vowel_before_y = lower.len() >= 2
        && matches!(
            lower.as_bytes()[lower.len() - 2],
            b'a' | b'e' | b'i' | b'o' | b'u'
        );
    let plural = if lower.ends_with('y') && !vowel_before_y {
        format!("{}{}", &last[..last.len() - 1], suffix("ies"))
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{last}{}", suffix("es"))
    } else {
        format!("{last}{}", suffix("s"))
    };
    format!("{head}{plural}")
}

impl AgentDictionary {
    /// Adds an entry and compiles its forms.
    pub fn add(&mut self, entry: AgentEntry) -> AgentId {
        let id = self.entries.len() as AgentId;
        for f in &entry.forms {
            self.matcher.insert(f, id, false);
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

    /// Number of distinct (phrase, entry) pairs compiled, plurals included.
    pub fn form_count(&self) -> usize {
        self.matcher.len()
    }

    /// The entry with this id.
    pub fn entry(&self, id: AgentId) -> &AgentEntry {
        &self.entries[id as usize]
    }

    /// The agent for a noun or title, singular or plural, case-insensitive
    /// (`"Foreign Ministers"` → the `foreign minister` entry). The latest-loaded
    /// entry wins when several define the phrase.
    ///
    /// ```
    /// use dyad_lexicon::AgentDictionary;
    /// let mut a = AgentDictionary::default();
    /// a.read_dyad("agents.txt", "GOV\tpresident; foreign minister\nMIL+GOV\tdefence minister\n").unwrap();
    /// assert_eq!(a.lookup("Foreign Ministers").unwrap().code, "GOV");
    /// assert_eq!(a.lookup("defence minister").unwrap().codes(), ["MIL", "GOV"]);
    /// assert!(a.lookup("teacher").is_none());
    /// ```
    pub fn lookup(&self, noun: &str) -> Option<&AgentEntry> {
        self.matcher
            .get(noun)
            .into_iter()
            .max()
            .map(|id| self.entry(id))
    }

    /// Leftmost-longest agent phrases over a token sequence.
    pub fn find_agents<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<AgentMention> {
        let mut out: Vec<AgentMention> = Vec::new();
        for PhraseMatch { start, end, value } in self.matcher.find_longest(tokens) {
            match out.last_mut() {
                Some(last) if last.start == start && last.end == end => {
                    last.entry = last.entry.max(value)
                }
                _ => out.push(AgentMention {
                    start,
                    end,
                    entry: value,
                }),
            }
        }
        out
    }

    /// Reads a PETRARCH `.agents` file:
    ///
    /// ```text
    /// !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
    /// FOREIGN_MINISTER [~GOVFRM]
    /// ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
    /// POLICE {} [~COP]
    /// !MINIST!_OF_DEFENSE [~GOVMIL]
    /// HUMAN_RIGHTS_BODY [NGO~]
    /// ```
    ///
    /// Regular plurals are generated; `{...}` gives the plural, `{}` none; a
    /// `!MARKER!` is replaced by each form of its list (no plurals added). Lines
    /// PETRARCH itself skips with a warning (no code, an undefined marker, a
    /// bracket typo such as `[~ENV}`) are reported in `warnings` and skipped or
    /// repaired; structural errors are returned.
    pub fn read_petrarch(
        &mut self,
        file: &str,
        text: &str,
        warnings: &mut Vec<LexiconError>,
    ) -> Result<(), LexiconError> {
        for e in parse_petrarch(file, text, warnings)?.entries {
            self.add(e);
        }
        Ok(())
    }

    /// Reads dyad's `agents.txt`: `AGENT<TAB>NOUNS` with nouns separated by `;`;
    /// `MIL+GOV` combines codes. Regular plurals are added automatically.
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        for e in parse_dyad(file, text)? {
            self.add(e);
        }
        Ok(())
    }
}

/// The reader of PETRARCH agents files (see [`AgentDictionary::read_petrarch`]).
pub fn parse_petrarch(
    file: &str,
    text: &str,
    warnings: &mut Vec<LexiconError>,
) -> Result<PetrarchAgents, LexiconError> {
    let mut out = PetrarchAgents::default();
    let fname: Arc<str> = file.into();
    let mut markers: HashMap<String, Vec<String>> = HashMap::new();
    for PetrarchLine { number, text: line } in petrarch_lines(text) {
        let origin = Origin::at(&fname, number);
        let line = line.trim();
        if line.starts_with('!') && line.contains('=') {
            let (lhs, rhs) = line.split_once('=').expect("checked");
            let name = lhs.trim().trim_matches('!');
            if name.is_empty() || lhs.trim().matches('!').count() != 2 {
                return Err(origin.error(format!(
                    "a substitution marker is written !NAME! = A, B, got {lhs:?}"
                )));
            }
            let items: Vec<String> = rhs
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if items.is_empty() {
                return Err(origin.error(format!("marker !{name}! has no forms")));
            }
            out.markers.push(AgentMarker {
                name: name.to_string(),
                forms: items.clone(),
                origin,
            });
            markers.insert(name.to_string(), items);
            continue;
        }
        let Some(open) = line.find('[') else {
            warnings.push(origin.error("agent without a [code]; skipped (as PETRARCH does)"));
            continue;
        };
        let (phrase_part, code_part) = line.split_at(open);
        let code_raw = code_part[1..].trim();
        let code_inner = match code_raw.strip_suffix(']') {
            Some(c) => c.trim(),
            None => {
                let repaired = code_raw.trim_end_matches(['}', ')']).trim();
                warnings.push(origin.error(format!(
                    "code {code_part:?} is not closed by ]; read as [{repaired}]"
                )));
                repaired
            }
        };
        let (code, placement) = if let Some(c) = code_inner.strip_prefix('~') {
            (c, AgentPlacement::Suffix)
        } else if let Some(c) = code_inner.strip_suffix('~') {
            (c, AgentPlacement::Prefix)
        } else {
            (code_inner, AgentPlacement::Suffix)
        };
        if !is_code(code) {
            return Err(origin.error(format!("{code_inner:?} is not an agent code")));
        }
        let (phrase, plural): (&str, Option<&str>) = match phrase_part.find('{') {
            Some(b) => {
                let Some(e) = phrase_part[b..].find('}') else {
                    return Err(origin.error("missing } after the plural"));
                };
                (&phrase_part[..b], Some(phrase_part[b + 1..b + e].trim()))
            }
            None => (phrase_part, None),
        };
        let phrase = phrase.trim();
        if phrase.is_empty() {
            return Err(origin.error("an agent code without a noun"));
        }
        let mut forms = Vec::new();
        if phrase.contains('!') {
            let parts: Vec<&str> = phrase.splitn(3, '!').collect();
            if parts.len() != 3 {
                return Err(origin.error(format!("unclosed substitution marker in {phrase:?}")));
            }
            let Some(items) = markers.get(parts[1]) else {
                warnings.push(origin.error(format!(
                    "substitution marker !{}! is not defined; skipped (as PETRARCH does)",
                    parts[1]
                )));
                continue;
            };
            for it in items {
                forms.push(format!("{}{}{}", parts[0], it, parts[2]));
            }
        } else {
            forms.push(phrase.to_string());
            match plural {
                Some("") => {}
                Some(p) => forms.push(p.to_string()),
                None => forms.push(plural_of(phrase.trim_end_matches('_'))),
            }
        }
        out.entries.push(AgentEntry {
            noun: phrase.to_string(),
            forms,
            code: code.to_string(),
            placement,
            plural: plural.map(str::to_string),
            origin,
        });
    }
    Ok(out)
}

/// The reader of dyad's `agents.txt` (see [`AgentDictionary::read_dyad`]).
pub fn parse_dyad(file: &str, text: &str) -> Result<Vec<AgentEntry>, LexiconError> {
    let mut entries = Vec::new();
    let fname: Arc<str> = file.into();
    for Line { number, text: line } in dyad_lines(text) {
        let origin = Origin::at(&fname, number);
        let Some((code, nouns)) = line.split_once('\t') else {
            return Err(origin.error("expected AGENT<TAB>NOUNS (no TAB after the code)"));
        };
        let mut joined = String::new();
        for part in code.trim().split('+') {
            if !is_code(part) || part.len() != 3 {
                return Err(origin.error(format!(
                    "{code:?}: agent codes are 3 capital letters, combined with + (MIL+GOV)"
                )));
            }
            joined.push_str(part);
        }
        for noun in nouns.split(';').map(str::trim) {
            if noun.is_empty() {
                return Err(origin.error("an empty noun (check the `; ` separators)"));
            }
            if noun.contains('\t') {
                return Err(origin.error("a TAB inside the noun list; nouns are separated by `; `"));
            }
            let forms = vec![noun.to_string(), plural_of(noun)];
            entries.push(AgentEntry {
                noun: noun.to_string(),
                forms,
                code: joined.clone(),
                placement: AgentPlacement::Suffix,
                plural: None,
                origin: origin.clone(),
            });
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural_of("minister"), "ministers");
        assert_eq!(plural_of("foreign minister"), "foreign ministers");
        assert_eq!(plural_of("party"), "parties");
        assert_eq!(plural_of("attorney"), "attorneys");
        assert_eq!(plural_of("BOSS"), "BOSSES");
        assert_eq!(plural_of("FOREIGN_MINISTRY"), "FOREIGN_MINISTRIES");
    }

    #[test]
    fn petrarch_agents_with_markers_plurals_and_odd_lines() {
        let text = "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES\nCONGRESS!PERSON! [~LEG]\n!MINIST!_OF_DEFENSE [~GOVMIL]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV] # mj\nPOLICE {} [~COP]\nHUMAN_RIGHTS_BODY  [NGO~]\nNO_CODE_HERE\nDEPARMENT_OF_ENVIRONMENT [~ENV}\n!NOPE!_X [~GOV]\n";
        let mut a = AgentDictionary::default();
        let mut w = Vec::new();
        a.read_petrarch("Phoenix.agents.txt", text, &mut w).unwrap();
        assert_eq!(w.len(), 3, "{w:?}");
        assert_eq!(w[0].line, 8);
        assert_eq!(a.lookup("congresswomen").unwrap().code, "LEG");
        assert_eq!(
            a.lookup("Ministry of Defense").unwrap().codes(),
            ["GOV", "MIL"]
        );
        assert_eq!(a.lookup("attorneys general").unwrap().code, "GOV");
        assert!(a.lookup("polices").is_none());
        assert_eq!(a.lookup("police").unwrap().code, "COP");
        let ngo = a.lookup("human rights bodies").unwrap();
        assert_eq!(
            (ngo.code.as_str(), ngo.placement),
            ("NGO", AgentPlacement::Prefix)
        );
        assert_eq!(a.lookup("department of environment"), None);
        assert_eq!(a.lookup("deparment of environment").unwrap().code, "ENV");
        let toks = ["the", "Ministry", "of", "Defense", "and", "police"];
        let m = a.find_agents(&toks);
        assert_eq!(
            m.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
            [(1, 4), (5, 6)]
        );
    }

    #[test]
    fn petrarch_agent_errors() {
        let mut w = Vec::new();
        let e = AgentDictionary::default()
            .read_petrarch("a.txt", "X [~GOV]\nY [~gov]\n", &mut w)
            .unwrap_err();
        assert_eq!(e.line, 2);
        let e = AgentDictionary::default()
            .read_petrarch("a.txt", "X {XS [~GOV]\n", &mut w)
            .unwrap_err();
        assert!(e.message.contains("}"));
    }

    #[test]
    fn dyad_agents() {
        let mut a = AgentDictionary::default();
        a.read_dyad("agents.txt", "# roles\nGOV\tpresident; prime minister\nMIL\ttroops; soldier\nMIL+GOV\tdefence minister\n")
            .unwrap();
        assert_eq!(a.len(), 5);
        assert_eq!(a.lookup("soldiers").unwrap().code, "MIL");
        assert_eq!(a.lookup("Prime Ministers").unwrap().code, "GOV");
        assert_eq!(a.lookup("defence ministers").unwrap().code, "MILGOV");
        for (bad, msg) in [
            ("GOV president\n", "no TAB"),
            ("GOVT\tpresident\n", "3 capital"),
            ("MIL+\ttroops\n", "3 capital"),
            ("GOV\tpresident;;\n", "empty noun"),
        ] {
            let e = AgentDictionary::default()
                .read_dyad("agents.txt", bad)
                .unwrap_err();
            assert_eq!(e.line, 1);
            assert!(e.message.contains(msg), "{bad}: {e}");
        }
    }
}
