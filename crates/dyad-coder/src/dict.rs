//! The dictionaries as the coder uses them: verb patterns compiled for matching
//! over a sentence, agents, discards and issues. Actors come from
//! [`dyad_lexicon::ActorDictionary`].
//!
//! Every dictionary file is read by dyad-lexicon, the one reader of each
//! format (`dyad_lexicon::verb::parse_petrarch`, `parse_dyad`, and likewise for
//! agents, discards and issues); this module compiles the entries it reads into
//! the coder's own structures. Two verb formats:
//! - PETRARCH's (`PETR.Validate.verbs.txt`, `CAMEO.2.0.txt`): synonym sets
//!   (`&NAME` + members), verb blocks (`--- NAME [CODE] ---`, verb lines with
//!   their own code and irregular forms in `{}`, multi-word verbs with `_` and
//!   the verb marked by `+`), and patterns `- UPPER * LOWER [CODE]` where `$` is
//!   the source, `+` the target, `^` skips an actor, `%` a compound actor, `_`
//!   joins adjacent words and `&SET` stands for any member of a set. The coder
//!   compiles the pattern text itself, into flat word sequences with joins
//!   (dyad-lexicon's structured reading skips a few patterns PETRARCH uses).
//! - dyad's own `verbs.txt` (`CODE<TAB>PATTERN; PATTERN`, see dictionaries/FORMAT.md).

use crate::lemma::{noun_lemma, verb_forms};
use dyad_lexicon::{split_bracket, AgentPlacement, PhraseMatcher, PredicateKind};
use std::collections::HashMap;

/// An error in a dictionary file, with its place (dyad-lexicon's reader error).
pub use dyad_lexicon::LexiconError as DictError;

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum PatElem {
    /// A word (lower case).
    Word(String),
    /// Any member of a synonym set (index into [`VerbDictionary::synsets`]).
    Set(usize),
    /// An actor that becomes the source.
    Source,
    /// An actor that becomes the target.
    Target,
    /// An actor to skip.
    Skip,
    /// A compound actor whose members code each other.
    Compound,
}

/// A pattern element and whether it must be adjacent to the next element
/// (PETRARCH's `_`).
#[derive(Debug, Clone, PartialEq)]
pub struct PatItem {
    pub elem: PatElem,
    pub joined_next: bool,
}

/// A code with its optional paired (reverse) code: `[032:033]`; `code` is
/// `None` for `---` (matches, but codes nothing).
pub type VerbCode = dyad_lexicon::PatternCode;

/// A pattern of a verb block.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// Words before the verb, in text order.
    pub upper: Vec<PatItem>,
    /// The last upper element is joined to the verb (`FAILED_TO_*`).
    pub upper_joined: bool,
    /// Words after the verb, in text order.
    pub lower: Vec<PatItem>,
    /// The verb is joined to the first lower element (`*_UPON`).
    pub verb_joined: bool,
    pub code: VerbCode,
    /// The text of the pattern, for evidence.
    pub text: String,
    /// Line in the dictionary.
    pub line: usize,
    /// A negative pattern of dyad's own format: blocks the code.
    pub negative: bool,
    /// Words are lemmas (dyad's format) and match a token's form or lemma;
    /// PETRARCH's words match forms only.
    pub by_lemma: bool,
}

impl Pattern {
    /// Number of elements: longer patterns are tried first.
    pub fn weight(&self) -> usize {
        self.upper.len() + self.lower.len()
    }

    /// Do both patterns read the same words in the same places (codes aside)?
    pub fn same_words(&self, other: &Pattern) -> bool {
        self.upper == other.upper
            && self.lower == other.lower
            && self.upper_joined == other.upper_joined
            && self.verb_joined == other.verb_joined
            && self.negative == other.negative
            && self.by_lemma == other.by_lemma
    }
}

/// A verb (possibly multi-word) of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbEntry {
    /// Words that must come right before the verb word ("wire" in WIRE_+TAP).
    pub before: Vec<String>,
    /// Words that must come after the verb word ("down" in BREAK_DOWN).
    pub after: Vec<String>,
    /// The verb's own code, if it has one; else the block's.
    pub code: Option<VerbCode>,
    pub block: usize,
    /// The dictionary spelling, for evidence.
    pub text: String,
}

/// A verb block: default code and patterns, longest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VerbBlock {
    pub name: String,
    pub code: VerbCode,
    pub patterns: Vec<Pattern>,
}

/// Compiled verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    pub blocks: Vec<VerbBlock>,
    pub entries: Vec<VerbEntry>,
    /// Surface form (lower case) or lemma -> entries.
    pub by_form: HashMap<String, Vec<usize>>,
    /// Synonym sets: each member is a word sequence.
    pub synsets: Vec<Vec<Vec<String>>>,
    pub synset_names: HashMap<String, usize>,
    /// Noun predicates of dyad's format (`~talk`): lemma -> code.
    pub nouns: HashMap<String, VerbCode>,
}

fn words_of(s: &str) -> Vec<String> {
    s.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

impl VerbDictionary {
    /// Entries for a token: by surface form first, then by lemma.
    pub fn lookup(&self, form: &str, lemma: &str) -> &[usize] {
        if let Some(v) = self.by_form.get(form) {
            return v;
        }
        self.by_form.get(lemma).map(|v| v.as_slice()).unwrap_or(&[])
    }

    fn add_form(&mut self, form: String, entry: usize) {
        let v = self.by_form.entry(form).or_default();
        if !v.contains(&entry) {
            v.push(entry);
        }
    }

    /// Reads a PETRARCH-format verb dictionary (through dyad-lexicon's reader)
    /// and adds it. Verb lines PETRARCH reads with doubts are read the same way
    /// (dyad-lexicon's warnings are for `dyad dict check`); transformations are
    /// not used.
    pub fn read_petrarch(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        use dyad_lexicon::PetrarchVerbItem as Item;
        let items = dyad_lexicon::verb::parse_petrarch(file, text, &mut Vec::new())?;
        // First: synonym sets, so patterns can refer to sets defined later.
        let base = self.synsets.len();
        let mut raw_members: Vec<&[String]> = Vec::new();
        for item in &items {
            if let Item::Synset { name, members, .. } = item {
                let name = name.trim_end_matches('_').to_uppercase();
                self.synset_names.insert(name, self.synsets.len());
                self.synsets.push(Vec::new());
                raw_members.push(members);
            }
        }
        // Resolve nested sets (`+&TIETYPES`).
        for (k, raw) in raw_members.iter().enumerate() {
            let mut members = Vec::new();
            let mut stack: Vec<(&str, usize)> = raw.iter().map(|m| (m.as_str(), 0)).collect();
            while let Some((m, depth)) = stack.pop() {
                if let Some(n) = m.strip_prefix('&') {
                    let n = n.trim_end_matches('_').to_uppercase();
                    if let Some(&sub) = self.synset_names.get(&n) {
                        if depth < 4 && sub >= base {
                            stack.extend(
                                raw_members[sub - base]
                                    .iter()
                                    .map(|x| (x.as_str(), depth + 1)),
                            );
                        }
                    }
                } else {
                    let w = words_of(m);
                    if !w.is_empty() {
                        members.push(w);
                    }
                }
            }
            // Longer members first so the longest alternative is tried first.
            members.sort_by_key(|m| std::cmp::Reverse(m.len()));
            self.synsets[base + k] = members;
        }
        // Then blocks, verbs and patterns (the reader puts a block first).
        let mut block = self.blocks.len();
        for item in &items {
            match item {
                Item::Synset { .. } | Item::Transformation(_) => {}
                Item::Block { name, code, .. } => {
                    block = self.blocks.len();
                    self.blocks.push(VerbBlock {
                        name: name.clone(),
                        code: code.clone(),
                        patterns: Vec::new(),
                    });
                }
                Item::Pattern { text, origin } => {
                    let pat = self
                        .parse_pattern(text, origin.line as usize)
                        .map_err(|m| origin.error(m))?;
                    // The same words twice in one block: PETRARCH2 keeps its
                    // patterns in a tree keyed by their words, so the later line
                    // replaces the earlier (CAMEO.2.0 lists `- * &TREATY` under
                    // APPROVE [031:031], then again [057] for RATIFY).
                    let pats = &mut self.blocks[block].patterns;
                    match pats.iter().position(|q| q.same_words(&pat)) {
                        Some(k) => pats[k] = pat,
                        None => pats.push(pat),
                    }
                }
                Item::Verb(v) => {
                    let id = self.entries.len();
                    self.entries.push(VerbEntry {
                        before: v.before.clone(),
                        after: v.after.clone(),
                        code: v.code.clone(),
                        block,
                        text: v.text.clone(),
                    });
                    // Regular forms, as PETRARCH generates them, plus the listed irregular ones.
                    for f in regular_forms(&v.head) {
                        self.add_form(f, id);
                    }
                    for f in v.forms.iter().flatten() {
                        self.add_form(f.clone(), id);
                    }
                }
            }
        }
        for blk in &mut self.blocks {
            blk.patterns.sort_by_key(|p| std::cmp::Reverse(p.weight()));
        }
        Ok(())
    }

    fn parse_pattern(&self, p: &str, line: usize) -> Result<Pattern, String> {
        let (body, code) = split_bracket(p);
        let Some(code) = code else {
            return Err(format!("pattern without [CODE]: {p:?}"));
        };
        let code = VerbCode::parse(code);
        let mut body = body.replace(['(', ')', '{', '}'], " ");
        // A verb marker glued to a word ("*SCEPTICAL") is read as "* SCEPTICAL".
        if let Some(p) = body.find('*') {
            let after = body[p + 1..].chars().next();
            if after.is_some_and(|c| {
                c.is_alphanumeric() || c == '&' || c == '$' || c == '+' || c == '%'
            }) {
                body.insert(p + 1, ' ');
            }
            let before = body[..p].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric()) {
                body.insert(p, ' ');
            }
        }
        let mut upper = Vec::new();
        let mut lower = Vec::new();
        let mut seen_verb = false;
        let mut upper_joined = false;
        let mut verb_joined = false;
        for chunk in body.split_whitespace() {
            let parts: Vec<&str> = chunk.split('_').collect();
            let n = parts.len();
            for (k, part) in parts.iter().enumerate() {
                let joined_next = k + 1 < n && !parts[k + 1].is_empty();
                let part = part.trim();
                if part.is_empty() {
                    continue;
                }
                if part == "*" {
                    seen_verb = true;
                    if k > 0 && !parts[k - 1].is_empty() {
                        upper_joined = true;
                        if let Some(last) = upper.last_mut() {
                            let l: &mut PatItem = last;
                            l.joined_next = true;
                        }
                    }
                    if joined_next {
                        verb_joined = true;
                    }
                    continue;
                }
                let elem = match part {
                    "$" => PatElem::Source,
                    "+" => PatElem::Target,
                    "^" => PatElem::Skip,
                    "%" => PatElem::Compound,
                    s if s.starts_with('&') => {
                        let name = s[1..].trim_end_matches('_').to_uppercase();
                        match self.synset_names.get(&name) {
                            Some(&id) => PatElem::Set(id),
                            None => PatElem::Word(s.to_lowercase()),
                        }
                    }
                    s => PatElem::Word(s.to_lowercase()),
                };
                let item = PatItem { elem, joined_next };
                if seen_verb {
                    lower.push(item);
                } else {
                    upper.push(item);
                }
            }
        }
        if !seen_verb {
            return Err(format!("pattern without the verb marker *: {p:?}"));
        }
        // Joins into the verb are recorded on the verb, not on the last upper item.
        if let Some(last) = upper.last_mut() {
            if upper_joined {
                last.joined_next = true;
            }
        }
        Ok(Pattern {
            upper,
            upper_joined,
            lower,
            verb_joined,
            code,
            text: p.trim().to_string(),
            line,
            negative: false,
            by_lemma: false,
        })
    }

    /// Reads dyad's own `verbs.txt` (through dyad-lexicon's reader):
    /// `CODE<TAB>PATTERN; PATTERN` (see FORMAT.md).
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let mut block_of: HashMap<String, usize> = HashMap::new();
        // Blocks that have their verb entry already (one entry per lemma).
        let mut has_entry = vec![false; self.blocks.len()];
        for e in &self.entries {
            has_entry[e.block] = true;
        }
        dyad_lexicon::verb::parse_dyad(file, text, |p| {
            self.add_dyad_pattern(p, &mut block_of, &mut has_entry)
        })?;
        for blk in &mut self.blocks {
            blk.patterns.sort_by_key(|p| std::cmp::Reverse(p.weight()));
        }
        Ok(())
    }

    /// Adds one pattern of dyad's `verbs.txt`: its lemma's block (and verb
    /// entry), the block's code for a bare lemma, or a by-lemma pattern.
    fn add_dyad_pattern(
        &mut self,
        p: dyad_lexicon::DyadVerbPattern,
        block_of: &mut HashMap<String, usize>,
        has_entry: &mut Vec<bool>,
    ) {
        let number = p.origin.line as usize;
        let negative = p.negative;
        let code = p.code.as_str();
        // The pattern without its `-`.
        let pat = match p.text.strip_prefix('-') {
            Some(rest) => rest.trim(),
            None => p.text.as_str(),
        };
        let vc = VerbCode {
            code: Some(code.to_string()),
            paired: None,
        };
        if p.kind == PredicateKind::Noun {
            let key = pat.strip_prefix('~').unwrap_or(pat).trim().to_lowercase();
            if !negative {
                self.nouns.insert(key, vc);
            }
            return;
        }
        let words = &p.words;
        let Some(lemma) = words.first().cloned() else {
            return;
        };
        let b = *block_of.entry(lemma.clone()).or_insert_with(|| {
            self.blocks.push(VerbBlock {
                name: lemma.clone(),
                code: VerbCode::default(),
                patterns: Vec::new(),
            });
            self.blocks.len() - 1
        });
        if words.len() == 1 {
            if negative {
                self.blocks[b].code = VerbCode::default();
            } else {
                self.blocks[b].code = vc;
            }
        } else {
            let lower = words[1..]
                .iter()
                .map(|w| PatItem {
                    elem: PatElem::Word(w.clone()),
                    joined_next: false,
                })
                .collect();
            // A negative pattern only says "not this code": where another
            // code claims the same words ("-back down" under 051 support,
            // "back down" under 080 yield), the claim wins, in either order.
            let same = |p: &Pattern| p.by_lemma && p.text.eq_ignore_ascii_case(pat);
            if negative
                && self.blocks[b]
                    .patterns
                    .iter()
                    .any(|p| same(p) && !p.negative)
            {
                return;
            }
            if !negative {
                self.blocks[b].patterns.retain(|p| !(same(p) && p.negative));
            }
            self.blocks[b].patterns.push(Pattern {
                upper: Vec::new(),
                upper_joined: false,
                lower,
                verb_joined: false,
                code: if negative { VerbCode::default() } else { vc },
                text: pat.to_string(),
                line: number,
                negative,
                by_lemma: true,
            });
        }
        if b >= has_entry.len() {
            has_entry.resize(b + 1, false);
        }
        if !has_entry[b] {
            has_entry[b] = true;
            let id = self.entries.len();
            self.entries.push(VerbEntry {
                before: Vec::new(),
                after: Vec::new(),
                code: None,
                block: b,
                text: lemma.clone(),
            });
            for f in verb_forms(&lemma) {
                self.add_form(f, id);
            }
        }
    }
}

/// The regular forms PETRARCH generates for a verb: base, -S/-ES, -ED/-D, -ING.
fn regular_forms(verb: &str) -> Vec<String> {
    let v = verb.to_lowercase();
    let mut out = vec![v.clone()];
    let n = v.len();
    if n == 0 {
        return out;
    }
    let b = v.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if v.ends_with('e') {
        out.push(format!("{v}s"));
        out.push(format!("{v}d"));
        out.push(format!("{}ing", &v[..n - 1]));
    } else if v.ends_with('y') && n > 1 && !vowel(b[n - 2]) {
        out.push(format!("{}ies", &v[..n - 1]));
        out.push(format!("{}ied", &v[..n - 1]));
        out.push(format!("{v}ing"));
    } else if v.ends_with('s')
        || v.ends_with('x')
        || v.ends_with("sh")
        || v.ends_with("ch")
        || v.ends_with('z')
    {
        out.push(format!("{v}es"));
        out.push(format!("{v}ed"));
        out.push(format!("{v}ing"));
    } else {
        out.push(format!("{v}s"));
        out.push(format!("{v}ed"));
        out.push(format!("{v}ing"));
        // Short consonant-vowel-consonant verbs double ("ban" -> "banned").
        if n >= 3
            && !vowel(b[n - 1])
            && vowel(b[n - 2])
            && !vowel(b[n - 3])
            && !matches!(b[n - 1], b'w' | b'x' | b'y')
        {
            let c = b[n - 1] as char;
            out.push(format!("{v}{c}ed"));
            out.push(format!("{v}{c}ing"));
        }
    }
    out
}

/// Agent code placement: `[~GOV]` appends, `[NGO~]` prefixes.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    pub code: String,
    pub prefix: bool,
}

/// Agents: nouns that give a role code ("minister" -> GOV).
#[derive(Debug, Clone, Default)]
pub struct AgentDictionary {
    pub agents: Vec<Agent>,
    pub matcher: PhraseMatcher<u32>,
}

impl AgentDictionary {
    fn add(&mut self, phrase: &str, agent: Agent) {
        let id = match self.agents.iter().position(|a| *a == agent) {
            Some(i) => i as u32,
            None => {
                self.agents.push(agent);
                (self.agents.len() - 1) as u32
            }
        };
        self.matcher.insert(phrase, id, false);
    }

    /// Reads a PETRARCH agents file (through dyad-lexicon's reader):
    /// `NAME {PLURALS} [~CODE]`, `!SET! = A, B`. Substitution sets are expanded
    /// as words of their own (`CONGRESS!PERSON!` -> `CONGRESS MAN`), and
    /// generated plurals follow the coder's rule.
    pub fn read_petrarch(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let read = dyad_lexicon::agent::parse_petrarch(file, text, &mut Vec::new())?;
        let mut markers = read.markers.iter().peekable();
        // Sets defined so far (a later definition replaces an earlier one).
        let mut subst: Vec<(String, &[String])> = Vec::new();
        for e in &read.entries {
            while let Some(m) = markers.next_if(|m| m.origin.line < e.origin.line) {
                let name = m.name.to_uppercase();
                match subst.iter_mut().find(|(k, _)| *k == name) {
                    Some(s) => s.1 = &m.forms,
                    None => subst.push((name, &m.forms)),
                }
            }
            let agent = Agent {
                code: e.code.clone(),
                prefix: e.placement == AgentPlacement::Prefix,
            };
            let name = e.noun.as_str();
            let plurals = e.plural.as_deref();
            // Expand substitution sets (`!PERSON!`, `!MINST!`).
            let mut names = vec![name.to_string()];
            for (k, vals) in &subst {
                let marker = format!("!{k}!");
                let mut next = Vec::new();
                for n in &names {
                    if n.to_uppercase().contains(&marker) {
                        for v in vals.iter() {
                            next.push(n.to_uppercase().replace(&marker, &format!("_{v}_")));
                        }
                    } else {
                        next.push(n.clone());
                    }
                }
                names = next;
            }
            for n in names {
                let phrase = n
                    .replace('_', " ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if phrase.is_empty() {
                    continue;
                }
                self.add(&phrase, agent.clone());
                match plurals {
                    // `{}`: no plural form.
                    Some("") => {}
                    Some(ps) => {
                        for p in ps.split_whitespace() {
                            self.add(&p.replace('_', " "), agent.clone());
                        }
                    }
                    None => {
                        let lower = phrase.to_lowercase();
                        let plural = if lower.ends_with('y') && !lower.ends_with("ey") {
                            format!("{}ies", &phrase[..phrase.len() - 1])
                        } else if lower.ends_with('s')
                            || lower.ends_with("ch")
                            || lower.ends_with("sh")
                            || lower.ends_with('x')
                        {
                            format!("{phrase}es")
                        } else {
                            format!("{phrase}s")
                        };
                        self.add(&plural, agent.clone());
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads dyad's `agents.txt` (through dyad-lexicon's reader):
    /// `AGENT<TAB>NOUNS` (`MIL+GOV` for two agents).
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        for e in dyad_lexicon::agent::parse_dyad(file, text)? {
            let code = e.code;
            let noun = e.noun.as_str();
            let agent = Agent {
                code: code.clone(),
                prefix: false,
            };
            self.add(noun, agent.clone());
            let words: Vec<&str> = noun.split_whitespace().collect();
            if let Some(last) = words.last() {
                let lw = last.to_lowercase();
                let plural = if lw.ends_with('y') && !lw.ends_with("ey") {
                    format!("{}ies", &last[..last.len() - 1])
                } else if lw.ends_with('s') || lw.ends_with("ch") || lw.ends_with("sh") {
                    format!("{last}es")
                } else {
                    format!("{last}s")
                };
                if noun_lemma(&plural.to_lowercase()) == lw {
                    let mut p: Vec<String> = words[..words.len() - 1]
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                    p.push(plural);
                    self.add(&p.join(" "), agent);
                }
            }
        }
        Ok(())
    }
}

/// Discard phrases: a sentence (or, with `+`, a story) containing one is not coded.
#[derive(Debug, Clone, Default)]
pub struct DiscardDictionary {
    /// Value: true for a story-level discard.
    pub matcher: PhraseMatcher<bool>,
}

impl DiscardDictionary {
    /// Reads a PETRARCH discards file (through dyad-lexicon's reader).
    pub fn read_petrarch(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        for e in dyad_lexicon::discard::parse_petrarch(file, text)? {
            self.matcher.insert(&e.phrase, e.story_level, false);
        }
        Ok(())
    }
}

/// Issues: phrases naming a topic of negotiation ("neutrality" -> NEUTRALITY).
#[derive(Debug, Clone, Default)]
pub struct IssueDictionary {
    pub names: Vec<String>,
    pub matcher: PhraseMatcher<u32>,
}

impl IssueDictionary {
    /// Reads dyad's `issues.txt` (through dyad-lexicon's reader):
    /// `ISSUE<TAB>PHRASES`, one issue name per line.
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let mut line = None;
        for e in dyad_lexicon::issue::parse_dyad(file, text)? {
            if line != Some(e.origin.line) {
                line = Some(e.origin.line);
                self.names.push(e.code.clone());
            }
            let id = (self.names.len() - 1) as u32;
            // An acronym ("SWIFT", "ICC") is a name: it does not match the
            // lowercase word ("a swift end to the war").
            let p = e.phrase.as_str();
            self.matcher.insert(p, id, dyad_lexicon::is_acronym(p));
        }
        Ok(())
    }

    /// Reads PETRARCH's `Phoenix.IssueCoding.txt` (through dyad-lexicon's
    /// reader): `PHRASE [ISSUE]` lines, the phrase as written (exclusions and
    /// `n:`/`v:` markers are not used).
    pub fn read_petrarch(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let (entries, _) = dyad_lexicon::issue::parse_petrarch(file, text, &mut Vec::new())?;
        for e in entries {
            let id = *ids.entry(e.code.clone()).or_insert_with(|| {
                self.names.push(e.code.clone());
                (self.names.len() - 1) as u32
            });
            let phrase = e.phrase.replace('_', " ");
            let phrase = phrase.trim().trim_start_matches('+').trim();
            if !phrase.is_empty() {
                self.matcher.insert(phrase, id, false);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERBS: &str = "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n&CURRENCY\n+DOLLARS\n+SWISS FRANCS\n\n--- ABANDON  [345]  ---\nABANDON    # c\n- * DIPLOMATIC TIES [901]\n- * &TIETYPES TIES [902]\n\n--- ARRIVE  [032:033]  ---\nARRIVE\n\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN  }\n+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN +BROKEN_DOWN }\n- * TREATY  [161]\n- FAILED_TO_*  [111]\n";

    #[test]
    fn a_negative_pattern_yields_to_another_codes_claim() {
        // "-back down" under support, "back down" under yield: "Russia backed
        // down" is a yield in either order of the lines.
        for text in [
            "051\tback; -back down\n080\tback down; concede\n",
            "080\tback down; concede\n051\tback; -back down\n",
        ] {
            let mut d = VerbDictionary::default();
            d.read_dyad("verbs.txt", text).unwrap();
            let b = d.blocks.iter().find(|b| b.name == "back").unwrap();
            assert_eq!(b.code.code.as_deref(), Some("051"));
            let down: Vec<_> = b
                .patterns
                .iter()
                .filter(|p| p.text == "back down")
                .collect();
            assert_eq!(down.len(), 1);
            assert!(!down[0].negative);
            assert_eq!(down[0].code.code.as_deref(), Some("080"));
        }
        // Alone, a negative pattern still blocks its words.
        let mut d = VerbDictionary::default();
        d.read_dyad("verbs.txt", "051\tback; -back off\n").unwrap();
        assert!(d.blocks[0].patterns[0].negative);
    }

    #[test]
    fn a_repeated_pattern_takes_the_later_code() {
        // Two lines with the same words in one block: the later one stands,
        // as in PETRARCH2's word-keyed pattern tree ("Ukraine ratified the
        // accord" is a signed agreement, not an approval).
        let text = "&ACCORD\n+ACCORD\n+AGREEMENT\n\n--- APPROVE [030] ---\nAPPROVE\nRATIFY {RATIFIES RATIFIED}\n- * &ACCORD [031:031] # APPROVE\n- * BUDGET [---]\n- * &ACCORD [057] # RATIFY\n";
        let mut d = VerbDictionary::default();
        d.read_petrarch("v.txt", text).unwrap();
        let pats = &d.blocks[0].patterns;
        assert_eq!(pats.len(), 2);
        let accord = pats.iter().find(|p| p.text.contains("&ACCORD")).unwrap();
        assert_eq!(accord.code.code.as_deref(), Some("057"));
        assert_eq!(accord.code.paired, None);
    }

    #[test]
    fn reads_petrarch_verbs() {
        let mut d = VerbDictionary::default();
        d.read_petrarch("v.txt", VERBS).unwrap();
        assert_eq!(d.blocks.len(), 3);
        assert_eq!(d.blocks[0].code.code.as_deref(), Some("345"));
        assert_eq!(d.blocks[1].code.paired.as_deref(), Some("033"));
        // Longest pattern first.
        assert_eq!(d.blocks[0].patterns[0].code.code.as_deref(), Some("901"));
        assert!(matches!(
            d.blocks[0].patterns[1].lower[0].elem,
            PatElem::Set(0)
        ));
        assert!(!d.lookup("abandoned", "abandon").is_empty());
        assert!(!d.lookup("broken", "break").is_empty());
        let down = d.lookup("broke", "break");
        assert!(down
            .iter()
            .any(|&e| d.entries[e].after == vec!["down".to_string()]));
        let f = &d.blocks[2]
            .patterns
            .iter()
            .find(|p| p.code.code.as_deref() == Some("111"))
            .unwrap();
        assert!(f.upper_joined && f.upper[0].joined_next);
        assert_eq!(
            d.synsets[1][0],
            vec!["swiss".to_string(), "francs".to_string()]
        );
    }

    #[test]
    fn pattern_without_code_is_an_error_with_line() {
        let mut d = VerbDictionary::default();
        let e = d
            .read_petrarch("v.txt", "--- A [010] ---\nA\n- * B\n")
            .unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn reads_agents_with_plurals() {
        let mut a = AgentDictionary::default();
        a.read_petrarch("a.txt", "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nMSF {}  [NGO~]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\nOFFICIAL [~GOV]\nCONGRESS!PERSON! [~LEG]\n").unwrap();
        let toks = [
            "golden",
            "geese",
            "officials",
            "MSF",
            "congressmen",
            "polices",
        ];
        let m = a.matcher.find_longest(&toks);
        let codes: Vec<&str> = m
            .iter()
            .map(|x| a.agents[x.value as usize].code.as_str())
            .collect();
        assert_eq!(codes, vec!["GGS", "GOV", "NGO"]);
        assert!(a.agents[m[2].value as usize].prefix);
    }

    #[test]
    fn reads_dyad_verbs() {
        let mut d = VerbDictionary::default();
        d.read_dyad(
            "verbs.txt",
            "036\tmeet; meet with; hold talk; ~talk\n163\timpose embargo\n",
        )
        .unwrap();
        assert!(!d.lookup("met", "meet").is_empty());
        assert!(d.nouns.contains_key("talk"));
        let hold = d.lookup("held", "hold");
        assert_eq!(d.blocks[d.entries[hold[0]].block].patterns.len(), 1);
    }

    #[test]
    fn a_broken_line_names_file_and_line_in_every_reader() {
        // Every format is read by dyad-lexicon; its errors reach the coder as they are.
        let check = |r: Result<(), DictError>, file: &str, line: usize| {
            let e = r.expect_err(file);
            assert_eq!((e.file.as_str(), e.line), (file, line), "{e}");
            assert!(
                e.to_string().starts_with(&format!("{file}:{line}: ")),
                "{e}"
            );
        };
        let mut v = VerbDictionary::default();
        check(
            v.read_dyad("verbs.txt", "036\tmeet\n036 greet\n"),
            "verbs.txt",
            2,
        );
        check(v.read_dyad("verbs.txt", "# c\n36x\tmeet\n"), "verbs.txt", 2);
        let cameo = [
            ("--- MEET [036] ---\nMEET\n- * WITH\n", 3),
            ("MEET\n--- MEET [036] ---\n", 1),
            ("--- A [010] ---\nGIVE {GAVE\n", 2),
        ];
        for (text, line) in cameo {
            check(v.read_petrarch("CAMEO.txt", text), "CAMEO.txt", line);
        }
        let mut a = AgentDictionary::default();
        check(
            a.read_dyad("agents.txt", "GOV\tminister\nGOV x\n"),
            "agents.txt",
            2,
        );
        check(a.read_petrarch("a.txt", "A [~GOV]\nB [~gov]\n"), "a.txt", 2);
        let mut i = IssueDictionary::default();
        check(i.read_dyad("issues.txt", "A\tx\nB x\n"), "issues.txt", 2);
        check(i.read_petrarch("i.txt", "ok [A]\nbad [B\n"), "i.txt", 2);
        let mut d = DiscardDictionary::default();
        check(d.read_petrarch("d.txt", "WORLD CUP\n+\n"), "d.txt", 2);
    }

    #[test]
    fn petrarch_transformations_and_code_hashes() {
        // `~` lines are transformations, not verbs; `[###]` is a code, not a comment.
        let mut d = VerbDictionary::default();
        d.read_petrarch(
            "v.txt",
            "--- SAY [010] ---\nSAY\n- * DIPLXMATIC [###] # note\n~ a (a b ATTACK) SAY = a b 015\n",
        )
        .unwrap();
        assert_eq!(d.entries.len(), 1);
        assert!(d.lookup("~", "~").is_empty());
        assert_eq!(d.blocks[0].patterns[0].code.code.as_deref(), Some("###"));
    }
}
