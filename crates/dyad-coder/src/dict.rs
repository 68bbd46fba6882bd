//! The dictionaries as the coder uses them: verb patterns compiled for matching
//! over a sentence, agents, discards and issues. Actors come from
//! [`dyad_lexicon::ActorDictionary`].
//!
//! Two verb formats are read:
//! - PETRARCH's (`PETR.Validate.verbs.txt`, `CAMEO.2.0.txt`): synonym sets
//!   (`&NAME` + members), verb blocks (`--- NAME [CODE] ---`, verb lines with
//!   their own code and irregular forms in `{}`, multi-word verbs with `_` and
//!   the verb marked by `+`), and patterns `- UPPER * LOWER [CODE]` where `$` is
//!   the source, `+` the target, `^` skips an actor, `%` a compound actor, `_`
//!   joins adjacent words and `&SET` stands for any member of a set.
//! - dyad's own `verbs.txt` (`CODE<TAB>PATTERN; PATTERN`, see dictionaries/FORMAT.md).

use crate::lemma::{noun_lemma, verb_forms};
use dyad_lexicon::PhraseMatcher;
use std::collections::HashMap;

/// An error in a dictionary file, with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DictError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DictError {}

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

/// A code with its optional paired (reverse) code: `[032:033]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VerbCode {
    /// `None` for `---` (matches, but codes nothing).
    pub code: Option<String>,
    pub paired: Option<String>,
}

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

fn parse_code(s: &str) -> VerbCode {
    let s = s.trim();
    let mut parts = s.split(':');
    let main = parts.next().unwrap_or("").trim();
    let paired = parts
        .next()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty() && p != "---");
    let code = if main.is_empty() || main.starts_with("---") {
        None
    } else {
        Some(main.to_string())
    };
    VerbCode { code, paired }
}

/// Cuts a `#` comment, but not a `#` inside `[...]` (`[###]` is a code).
fn strip_hash(line: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits `text [CODE] # comment` into (text, code).
fn split_bracket(line: &str) -> (&str, Option<&str>) {
    let line = strip_hash(line);
    match (line.find('['), line.find(']')) {
        (Some(a), Some(b)) if b > a => (&line[..a], Some(&line[a + 1..b])),
        // A bracket closed by a typo (`[~ENV}`) or not at all: up to the line end.
        (Some(a), _) => (
            &line[..a],
            Some(line[a + 1..].trim().trim_end_matches(['}', ')'])),
        ),
        _ => (line, None),
    }
}

/// Removes `<!-- -->` comments (possibly over lines), keeping line numbering.
fn content_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(p) => {
                        in_comment = false;
                        rest = &rest[p + 3..];
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(p) => {
                        line.push_str(&rest[..p]);
                        in_comment = true;
                        rest = &rest[p + 4..];
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        let line = strip_hash(&line).to_string();
        if !line.trim().is_empty() {
            out.push((i + 1, line));
        }
    }
    out
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

    /// Reads a PETRARCH-format verb dictionary and adds it.
    pub fn read_petrarch(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let lines = content_lines(text);
        // First pass: synonym sets, so patterns can refer to sets defined later.
        let mut current_set: Option<usize> = None;
        let mut raw_members: Vec<Vec<String>> = Vec::new();
        for (_, line) in &lines {
            let t = line.trim();
            if let Some(name) = t.strip_prefix('&') {
                let name = name
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('_')
                    .to_uppercase();
                let id = self.synsets.len();
                self.synsets.push(Vec::new());
                raw_members.push(Vec::new());
                self.synset_names.insert(name, id);
                current_set = Some(id);
            } else if let (Some(id), Some(m)) = (current_set, t.strip_prefix('+')) {
                raw_members[id].push(m.trim().to_string());
            } else {
                current_set = None;
            }
        }
        // Resolve nested sets (`+&TIETYPES`).
        for id in 0..raw_members.len() {
            let mut members = Vec::new();
            let mut stack: Vec<(String, usize)> =
                raw_members[id].iter().map(|m| (m.clone(), 0)).collect();
            while let Some((m, depth)) = stack.pop() {
                if let Some(n) = m.strip_prefix('&') {
                    let n = n.trim_end_matches('_').to_uppercase();
                    if let Some(&sub) = self.synset_names.get(&n) {
                        if depth < 4 {
                            stack.extend(raw_members[sub].iter().map(|x| (x.clone(), depth + 1)));
                        }
                    }
                } else {
                    let w = words_of(&m);
                    if !w.is_empty() {
                        members.push(w);
                    }
                }
            }
            // Longer members first so the longest alternative is tried first.
            members.sort_by_key(|m| std::cmp::Reverse(m.len()));
            self.synsets[id] = members;
        }
        // Second pass: blocks, verbs and patterns.
        let mut block: Option<usize> = None;
        let mut in_set = false;
        for (number, line) in &lines {
            let t = line.trim();
            let err = |m: &str| DictError {
                file: file.to_string(),
                line: *number,
                message: m.to_string(),
            };
            if t.starts_with('&') {
                in_set = true;
                continue;
            }
            if t.starts_with("---") {
                in_set = false;
                let inner = t.trim_start_matches('-').trim_end_matches('-').trim();
                let (name, code) = split_bracket(inner);
                let id = self.blocks.len();
                self.blocks.push(VerbBlock {
                    name: name.trim().to_string(),
                    code: code.map(parse_code).unwrap_or_default(),
                    patterns: Vec::new(),
                });
                block = Some(id);
                continue;
            }
            if in_set && t.starts_with('+') {
                continue;
            }
            in_set = false;
            let Some(b) = block else {
                if t.starts_with("####") {
                    continue;
                }
                return Err(err(
                    "a verb or pattern line before any `--- VERB [CODE] ---` block",
                ));
            };
            if let Some(p) = t.strip_prefix('-') {
                let pat = self.parse_pattern(p, *number).map_err(|m| err(&m))?;
                // The same words twice in one block: PETRARCH2 keeps its
                // patterns in a tree keyed by their words, so the later line
                // replaces the earlier (CAMEO.2.0 lists `- * &TREATY` under
                // APPROVE [031:031], then again [057] for RATIFY).
                let pats = &mut self.blocks[b].patterns;
                match pats.iter().position(|q| q.same_words(&pat)) {
                    Some(k) => pats[k] = pat,
                    None => pats.push(pat),
                }
            } else {
                self.add_petrarch_verb(t, b).map_err(|m| err(&m))?;
            }
        }
        for blk in &mut self.blocks {
            blk.patterns.sort_by_key(|p| std::cmp::Reverse(p.weight()));
        }
        Ok(())
    }

    fn add_petrarch_verb(&mut self, t: &str, block: usize) -> Result<(), String> {
        // `WORD {FORMS} [CODE]`
        let (before_code, code) = split_bracket(t);
        let (head, forms) = match (before_code.find('{'), before_code.find('}')) {
            (Some(a), Some(b)) if b > a => (&before_code[..a], Some(&before_code[a + 1..b])),
            _ => (before_code, None),
        };
        let head = head.trim();
        if head.is_empty() {
            return Err(format!("no verb in {t:?}"));
        }
        let (before, verb, after) = split_multiword(head);
        if verb.is_empty() {
            return Err(format!("no verb word in {t:?}"));
        }
        let entry = VerbEntry {
            before,
            after,
            code: code.map(parse_code),
            block,
            text: head.to_string(),
        };
        let id = self.entries.len();
        self.entries.push(entry);
        // Regular forms, as PETRARCH generates them, plus the listed irregular ones.
        for f in regular_forms(&verb) {
            self.add_form(f, id);
        }
        if let Some(forms) = forms {
            for f in forms.split_whitespace() {
                let (_, v, _) = split_multiword(f);
                if !v.is_empty() {
                    self.add_form(v, id);
                }
            }
        }
        Ok(())
    }

    fn parse_pattern(&self, p: &str, line: usize) -> Result<Pattern, String> {
        let (body, code) = split_bracket(p);
        let Some(code) = code else {
            return Err(format!("pattern without [CODE]: {p:?}"));
        };
        let code = parse_code(code);
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

    /// Reads dyad's own `verbs.txt`: `CODE<TAB>PATTERN; PATTERN` (see FORMAT.md).
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let mut block_of: HashMap<String, usize> = HashMap::new();
        for dyad_lexicon::Line { number, text: line } in dyad_lexicon::dyad_lines(text) {
            let err = |m: String| DictError {
                file: file.to_string(),
                line: number,
                message: m,
            };
            let mut fields = line.split('\t');
            let code = fields.next().unwrap_or("").trim();
            let Some(pats) = fields.next() else {
                return Err(err("expected CODE<TAB>PATTERNS".into()));
            };
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(err(format!("{code:?} is not a CAMEO code")));
            }
            for pat in pats.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let (negative, pat) = match pat.strip_prefix('-') {
                    Some(p) => (true, p.trim()),
                    None => (false, pat),
                };
                let vc = VerbCode {
                    code: Some(code.to_string()),
                    paired: None,
                };
                if let Some(noun) = pat.strip_prefix('~') {
                    let key = noun.trim().to_lowercase();
                    if !negative {
                        self.nouns.insert(key, vc);
                    }
                    continue;
                }
                let words: Vec<String> = pat.split_whitespace().map(|w| w.to_lowercase()).collect();
                let Some(lemma) = words.first().cloned() else {
                    continue;
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
                        continue;
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
                if !self.entries.iter().any(|e| e.block == b) {
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
        for blk in &mut self.blocks {
            blk.patterns.sort_by_key(|p| std::cmp::Reverse(p.weight()));
        }
        Ok(())
    }
}

/// Splits a PETRARCH multi-word verb (`WIRE_+TAP`, `+BREAK_DOWN`, `KLM_NOP_+RST`)
/// into (words before, verb word, words after). A single word is the verb.
fn split_multiword(s: &str) -> (Vec<String>, String, Vec<String>) {
    let parts: Vec<&str> = s.split(['_', ' ']).filter(|p| !p.is_empty()).collect();
    if parts.len() == 1 {
        return (
            Vec::new(),
            parts[0].trim_start_matches('+').to_lowercase(),
            Vec::new(),
        );
    }
    let vi = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let before = parts[..vi].iter().map(|w| w.to_lowercase()).collect();
    let verb = parts[vi].trim_start_matches('+').to_lowercase();
    let after = parts[vi + 1..].iter().map(|w| w.to_lowercase()).collect();
    (before, verb, after)
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

    /// Reads a PETRARCH agents file: `NAME {PLURALS} [~CODE]`, `!SET! = A, B`.
    pub fn read_petrarch(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let mut subst: HashMap<String, Vec<String>> = HashMap::new();
        for (number, line) in content_lines(text) {
            let t = line.trim();
            let err = |m: String| DictError {
                file: file.to_string(),
                line: number,
                message: m,
            };
            if t.starts_with('!') && t.contains('=') {
                let (name, vals) = t.split_once('=').unwrap_or(("", ""));
                let name = name.trim().trim_matches('!').to_uppercase();
                subst.insert(
                    name,
                    vals.split(',')
                        .map(|v| v.trim().to_string())
                        .filter(|v| !v.is_empty())
                        .collect(),
                );
                continue;
            }
            let (head, code) = split_bracket(t);
            // PETRARCH skips an agent line without a code (Phoenix has a few).
            let Some(code) = code else {
                continue;
            };
            let _ = &err;
            let code = code.trim();
            let agent = if let Some(c) = code.strip_prefix('~') {
                Agent {
                    code: c.trim().to_string(),
                    prefix: false,
                }
            } else if let Some(c) = code.strip_suffix('~') {
                Agent {
                    code: c.trim().to_string(),
                    prefix: true,
                }
            } else {
                Agent {
                    code: code.to_string(),
                    prefix: false,
                }
            };
            let (name, plurals) = match (head.find('{'), head.find('}')) {
                (Some(a), Some(b)) if b > a => (head[..a].trim(), Some(head[a + 1..b].trim())),
                _ => (head.trim(), None),
            };
            // Expand substitution sets (`!PERSON!`, `!MINST!`).
            let mut names = vec![name.to_string()];
            for (k, vals) in &subst {
                let marker = format!("!{k}!");
                let mut next = Vec::new();
                for n in &names {
                    if n.to_uppercase().contains(&marker) {
                        for v in vals {
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

    /// Reads dyad's `agents.txt`: `AGENT<TAB>NOUNS` (`MIL+GOV` for two agents).
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        for dyad_lexicon::Line { number, text: line } in dyad_lexicon::dyad_lines(text) {
            let Some((code, nouns)) = line.split_once('\t') else {
                return Err(DictError {
                    file: file.into(),
                    line: number,
                    message: "expected AGENT<TAB>NOUNS".into(),
                });
            };
            let code = code.trim().replace('+', "");
            for noun in nouns.split(';').map(str::trim).filter(|n| !n.is_empty()) {
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
    /// Reads a PETRARCH discards file.
    pub fn read_petrarch(&mut self, _file: &str, text: &str) -> Result<(), DictError> {
        for (_, line) in content_lines(text) {
            let t = line.trim();
            let (story, phrase) = match t.strip_prefix('+') {
                Some(p) => (true, p),
                None => (false, t),
            };
            let (phrase, _) = split_bracket(phrase);
            let phrase = phrase.replace('_', " ");
            let phrase = phrase.trim();
            if !phrase.is_empty() {
                self.matcher.insert(phrase, story, false);
            }
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
    /// Reads dyad's `issues.txt`: `ISSUE<TAB>PHRASES`.
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        for dyad_lexicon::Line { number, text: line } in dyad_lexicon::dyad_lines(text) {
            let Some((issue, phrases)) = line.split_once('\t') else {
                return Err(DictError {
                    file: file.into(),
                    line: number,
                    message: "expected ISSUE<TAB>PHRASES".into(),
                });
            };
            let id = self.names.len() as u32;
            self.names.push(issue.trim().to_string());
            // An acronym ("SWIFT", "ICC") is a name: it does not match the
            // lowercase word ("a swift end to the war").
            for p in phrases.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                self.matcher.insert(p, id, dyad_lexicon::is_acronym(p));
            }
        }
        Ok(())
    }

    /// Reads PETRARCH's `Phoenix.IssueCoding.txt`: `PHRASE [ISSUE]` lines.
    pub fn read_petrarch(&mut self, _file: &str, text: &str) -> Result<(), DictError> {
        let mut ids: HashMap<String, u32> = HashMap::new();
        for (_, line) in content_lines(text) {
            let (phrase, code) = split_bracket(line.trim());
            let Some(code) = code else { continue };
            let code = code.trim().to_string();
            let id = *ids.entry(code.clone()).or_insert_with(|| {
                self.names.push(code.clone());
                (self.names.len() - 1) as u32
            });
            let phrase = phrase.replace('_', " ");
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
}
