//! Verbs: predicates (verbs and event nouns) with their patterns and CAMEO codes.
//!
//! The model follows PETRARCH2's verb dictionary, which dyad's own `verbs.txt` is
//! also read into:
//!
//! - a [`VerbGroup`] is a PETRARCH synonym block (`--- GRANT [070] ---`) or, in
//!   dyad's format, the patterns of one predicate lemma;
//! - a [`VerbEntry`] is one verb of a group with its surface forms (`give`,
//!   `gave`, `given`, ...) and, for multi-word verbs, the words around it
//!   (`cordon off`);
//! - a [`VerbPattern`] is a rule that refines the code by what surrounds the verb:
//!   words before it, words after it (nouns, prepositional phrases), slots for the
//!   source (`$`), target (`+`), a compound actor (`%`) and skipped words (`^`),
//!   and synset references (`&CURRENCY`).
//!
//! The coder matches patterns against dependency trees: `after` items against
//! objects, obliques (with their `case` preposition) and particles; `before`
//! items against the subject side and auxiliaries.

use crate::error::{LexiconError, Origin};
use crate::text::{dyad_lines, petrarch_lines, split_bracket, Line, PetrarchLine};
use std::collections::HashMap;
use std::sync::Arc;

/// Index of a verb in [`VerbDictionary::verbs`].
pub type VerbId = u32;
/// Index of a pattern in [`VerbDictionary::patterns`].
pub type PatternId = u32;
/// Index of a group in [`VerbDictionary::groups`].
pub type GroupId = u32;

/// Whether a predicate is a verb or a noun that is an event in itself (`talks`,
/// `ceasefire`, `sanctions`: dyad's `~` patterns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PredicateKind {
    /// A verb.
    Verb,
    /// An event noun.
    Noun,
}

/// A word or a synset reference in a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// A word, lower case as written (PETRARCH words are surface forms: `talks`).
    Word(String),
    /// A synset reference without the `&` (`CURRENCY`); see [`VerbDictionary::synsets`].
    Synset(String),
}

impl Term {
    fn parse(s: &str) -> Term {
        match s.strip_prefix('&') {
            Some(n) => Term::Synset(n.to_string()),
            None => Term::Word(s.to_lowercase()),
        }
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Term::Word(w) => f.write_str(w),
            Term::Synset(s) => write!(f, "&{s}"),
        }
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PatternItem {
    /// A word the pattern expects near the verb: in PETRARCH2's reading the head
    /// of a noun phrase (`DEAL`, `{ARMS SHIPMENT}`, `SPECIAL_CLAUSE`), with the
    /// words written before the head as modifiers.
    Noun {
        /// The head word (last word of the phrase).
        head: Term,
        /// Words before the head.
        modifiers: Vec<Term>,
    },
    /// A prepositional phrase `(TO BORDER)`, `(FROM ^)`; with no objects it is a
    /// bare preposition or particle (`(WITH)`; dyad's `back off`, `call for`).
    Prep {
        /// The preposition or particle.
        prep: Term,
        /// What it governs.
        objects: Vec<PatternItem>,
    },
    /// `$`: the source actor goes here.
    Source,
    /// `+`: the target actor goes here.
    Target,
    /// `%`: a compound actor (both source and target, as in "A and B met").
    Compound,
    /// `^`: skip a word (TABARI's "any one word").
    Skip,
}

impl std::fmt::Display for PatternItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternItem::Noun { head, modifiers } if modifiers.is_empty() => write!(f, "{head}"),
            PatternItem::Noun { head, modifiers } => {
                f.write_str("{")?;
                for m in modifiers {
                    write!(f, "{m} ")?;
                }
                write!(f, "{head}}}")
            }
            PatternItem::Prep { prep, objects } => {
                write!(f, "({prep}")?;
                for o in objects {
                    write!(f, " {o}")?;
                }
                f.write_str(")")
            }
            PatternItem::Source => f.write_str("$"),
            PatternItem::Target => f.write_str("+"),
            PatternItem::Compound => f.write_str("%"),
            PatternItem::Skip => f.write_str("^"),
        }
    }
}

/// A pattern's code: PETRARCH writes `[042]`, `[---]` (no event) or the TABARI
/// paired form `[042:043]` / `[:190]`, kept here as `code` and `paired`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PatternCode {
    /// The event code; `None` for `---` (the pattern blocks coding).
    pub code: Option<String>,
    /// The second code of a TABARI paired code `[a:b]`, as written (`None` when absent or empty).
    pub paired: Option<String>,
}

impl PatternCode {
    /// Parses the inside of `[...]`: `042`, `042:043`, `:190`, `---` (no code;
    /// any run of dashes), `---:043`.
    pub fn parse(s: &str) -> PatternCode {
        let mut parts = s.trim().split(':');
        let main = parts.next().unwrap_or("").trim();
        let paired = parts
            .next()
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "---")
            .map(str::to_string);
        let code = (!main.is_empty() && !main.starts_with("---")).then(|| main.to_string());
        PatternCode { code, paired }
    }
}

/// A group of verbs sharing patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbGroup {
    /// PETRARCH block name (`GRANT`) or, for dyad's format, the predicate lemma.
    pub name: String,
    /// The block's default code (`None` for `[---]`).
    pub code: Option<String>,
    /// Verbs in the group.
    pub verbs: Vec<VerbId>,
    /// Patterns of the group, in dictionary order.
    pub patterns: Vec<PatternId>,
    /// Where the group starts.
    pub origin: Origin,
}

/// One verb (or event noun) with its forms.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbEntry {
    /// Base form of the head word, lower case (`give`; `cordon` for `cordon off`).
    pub lemma: String,
    /// Words before the head in a multi-word verb (`wire` in `wire tap`).
    pub before: Vec<String>,
    /// Words after the head in a multi-word verb (`off` in `cordon off`).
    pub after: Vec<String>,
    /// Surface forms of the head word, lower case, the lemma first.
    pub forms: Vec<String>,
    /// Code of the verb on its own: its own `[code]` or its group's; `None` when
    /// the bare verb is not an event.
    pub code: Option<String>,
    /// Verb or event noun.
    pub kind: PredicateKind,
    /// Its group.
    pub group: GroupId,
    /// Where it was read.
    pub origin: Origin,
}

/// A pattern: words around the verb that select a code.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbPattern {
    /// The group whose verbs this pattern applies to.
    pub group: GroupId,
    /// The code it gives.
    pub code: PatternCode,
    /// Items before the verb (PETRARCH: left of `*`).
    pub before: Vec<PatternItem>,
    /// Items after the verb (right of `*`; dyad: the words after the lemma).
    pub after: Vec<PatternItem>,
    /// dyad's `-pattern`: the verb in this context is NOT this code.
    pub negative: bool,
    /// The pattern as written.
    pub text: String,
    /// Where it was read.
    pub origin: Origin,
}

impl VerbPattern {
    /// Number of items, a measure of specificity (more specific patterns should be tried first).
    pub fn specificity(&self) -> usize {
        fn count(i: &PatternItem) -> usize {
            match i {
                PatternItem::Noun { modifiers, .. } => 1 + modifiers.len(),
                PatternItem::Prep { objects, .. } => 1 + objects.iter().map(count).sum::<usize>(),
                _ => 1,
            }
        }
        self.before.iter().chain(&self.after).map(count).sum()
    }
}

/// A synonym set (`&CURRENCY`): words and phrases that stand for each other in patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct Synset {
    /// Name without `&` (and without a final `_`).
    pub name: String,
    /// Members, lower case, words joined by single spaces, generated plurals included.
    pub members: Vec<String>,
    /// Synsets included as members (`+&TIETYPES`).
    pub includes: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A PETRARCH verb transformation (`~ a (a b ATTACK) SAY = a b 015`), kept as
/// written for the coder's reported-speech rules.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbTransformation {
    /// Left of `=`, tokens.
    pub pattern: Vec<String>,
    /// Right of `=`, tokens.
    pub result: Vec<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// A verb with the patterns that may apply to it.
#[derive(Debug, Clone)]
pub struct VerbCandidate<'a> {
    /// Its id.
    pub id: VerbId,
    /// The verb.
    pub verb: &'a VerbEntry,
    /// Its group.
    pub group: &'a VerbGroup,
    /// The group's patterns, most specific first.
    pub patterns: Vec<&'a VerbPattern>,
}

/// All verbs, patterns and synsets, indexed by lemma and by surface form.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// Groups in load order.
    pub groups: Vec<VerbGroup>,
    /// Verbs in load order.
    pub verbs: Vec<VerbEntry>,
    /// Patterns in load order.
    pub patterns: Vec<VerbPattern>,
    /// Synsets by name (without `&`).
    pub synsets: HashMap<String, Synset>,
    /// PETRARCH verb transformations.
    pub transformations: Vec<VerbTransformation>,
    by_lemma: HashMap<String, Vec<VerbId>>,
    by_form: HashMap<String, Vec<VerbId>>,
    dyad_groups: HashMap<(String, PredicateKind), GroupId>,
}

/// Regular English forms of a verb: base, -s, -ed, -ing (`agree` → `agrees`,
/// `agreed`, `agreeing`; `deny` → `denies`, `denied`, `denying`). Consonants are
/// not doubled; irregular verbs come from [`irregular_forms`] or the dictionary.
pub fn regular_verb_forms(lemma: &str) -> Vec<String> {
    let l = lemma.to_lowercase();
    let upper = lemma.chars().any(char::is_uppercase) && !lemma.chars().any(char::is_lowercase);
    let case = |s: String| if upper { s.to_uppercase() } else { s };
    let b = l.as_bytes();
    let n = b.len();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let consonant_y = n >= 2 && b[n - 1] == b'y' && !vowel(b[n - 2]);
    let third = if consonant_y {
        format!("{}ies", &l[..n - 1])
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| l.ends_with(e))
    {
        format!("{l}es")
    } else {
        format!("{l}s")
    };
    let past = if l.ends_with('e') {
        format!("{l}d")
    } else if consonant_y {
        format!("{}ied", &l[..n - 1])
    } else {
        format!("{l}ed")
    };
    let ing = if l.ends_with("ee") || l.ends_with("ye") || l.ends_with("oe") || l == "be" {
        format!("{l}ing")
    } else if l.ends_with("ie") {
        format!("{}ying", &l[..n - 2])
    } else if l.ends_with('e') && n > 2 {
        format!("{}ing", &l[..n - 1])
    } else {
        format!("{l}ing")
    };
    vec![case(l.clone()), case(third), case(past), case(ing)]
}

/// Irregular forms of common English verbs (`meet` → `met`), so that dyad's
/// lemma-written patterns also match by surface form.
pub fn irregular_forms(lemma: &str) -> Option<&'static [&'static str]> {
    const TABLE: &[(&str, &[&str])] = &[
        ("be", &["is", "are", "am", "was", "were", "been", "being"]),
        ("bear", &["bore", "borne", "bears", "bearing"]),
        ("beat", &["beat", "beaten", "beats", "beating"]),
        ("become", &["became", "becomes", "becoming"]),
        ("begin", &["began", "begun", "begins", "beginning"]),
        ("bid", &["bid", "bids", "bidding"]),
        ("bind", &["bound", "binds", "binding"]),
        ("blow", &["blew", "blown", "blows", "blowing"]),
        ("break", &["broke", "broken", "breaks", "breaking"]),
        ("bring", &["brought", "brings", "bringing"]),
        ("build", &["built", "builds", "building"]),
        ("burn", &["burnt", "burned", "burns", "burning"]),
        ("buy", &["bought", "buys", "buying"]),
        ("cast", &["cast", "casts", "casting"]),
        ("catch", &["caught", "catches", "catching"]),
        ("choose", &["chose", "chosen", "chooses", "choosing"]),
        ("come", &["came", "comes", "coming"]),
        ("cut", &["cut", "cuts", "cutting"]),
        ("deal", &["dealt", "deals", "dealing"]),
        ("do", &["did", "done", "does", "doing"]),
        ("draw", &["drew", "drawn", "draws", "drawing"]),
        ("drive", &["drove", "driven", "drives", "driving"]),
        ("fall", &["fell", "fallen", "falls", "falling"]),
        ("feed", &["fed", "feeds", "feeding"]),
        ("feel", &["felt", "feels", "feeling"]),
        ("fight", &["fought", "fights", "fighting"]),
        ("find", &["found", "finds", "finding"]),
        ("flee", &["fled", "flees", "fleeing"]),
        ("fly", &["flew", "flown", "flies", "flying"]),
        ("forbid", &["forbade", "forbidden", "forbids", "forbidding"]),
        ("forgive", &["forgave", "forgiven", "forgives", "forgiving"]),
        ("freeze", &["froze", "frozen", "freezes", "freezing"]),
        ("get", &["got", "gotten", "gets", "getting"]),
        ("give", &["gave", "given", "gives", "giving"]),
        ("go", &["went", "gone", "goes", "going"]),
        ("grind", &["ground", "grinds", "grinding"]),
        ("hang", &["hung", "hanged", "hangs", "hanging"]),
        ("have", &["had", "has", "having"]),
        ("hear", &["heard", "hears", "hearing"]),
        ("hide", &["hid", "hidden", "hides", "hiding"]),
        ("hit", &["hit", "hits", "hitting"]),
        ("hold", &["held", "holds", "holding"]),
        ("hurt", &["hurt", "hurts", "hurting"]),
        ("keep", &["kept", "keeps", "keeping"]),
        ("know", &["knew", "known", "knows", "knowing"]),
        ("lay", &["laid", "lays", "laying"]),
        ("lead", &["led", "leads", "leading"]),
        ("leave", &["left", "leaves", "leaving"]),
        ("lend", &["lent", "lends", "lending"]),
        ("let", &["let", "lets", "letting"]),
        ("lie", &["lay", "lain", "lied", "lies", "lying"]),
        ("lose", &["lost", "loses", "losing"]),
        ("make", &["made", "makes", "making"]),
        ("mean", &["meant", "means", "meaning"]),
        ("meet", &["met", "meets", "meeting"]),
        ("overcome", &["overcame", "overcomes", "overcoming"]),
        ("overrun", &["overran", "overruns", "overrunning"]),
        (
            "overthrow",
            &["overthrew", "overthrown", "overthrows", "overthrowing"],
        ),
        ("pay", &["paid", "pays", "paying"]),
        ("put", &["put", "puts", "putting"]),
        ("quit", &["quit", "quits", "quitting"]),
        ("read", &["read", "reads", "reading"]),
        ("rebuild", &["rebuilt", "rebuilds", "rebuilding"]),
        ("rid", &["rid", "rids", "ridding"]),
        ("ride", &["rode", "ridden", "rides", "riding"]),
        ("rise", &["rose", "risen", "rises", "rising"]),
        ("run", &["ran", "runs", "running"]),
        ("say", &["said", "says", "saying"]),
        ("see", &["saw", "seen", "sees", "seeing"]),
        ("seek", &["sought", "seeks", "seeking"]),
        ("sell", &["sold", "sells", "selling"]),
        ("send", &["sent", "sends", "sending"]),
        ("set", &["set", "sets", "setting"]),
        ("shake", &["shook", "shaken", "shakes", "shaking"]),
        ("shoot", &["shot", "shoots", "shooting"]),
        ("show", &["showed", "shown", "shows", "showing"]),
        ("shut", &["shut", "shuts", "shutting"]),
        ("sit", &["sat", "sits", "sitting"]),
        ("slay", &["slew", "slain", "slays", "slaying"]),
        ("speak", &["spoke", "spoken", "speaks", "speaking"]),
        ("spend", &["spent", "spends", "spending"]),
        ("split", &["split", "splits", "splitting"]),
        ("spread", &["spread", "spreads", "spreading"]),
        ("stand", &["stood", "stands", "standing"]),
        ("steal", &["stole", "stolen", "steals", "stealing"]),
        ("stick", &["stuck", "sticks", "sticking"]),
        ("strike", &["struck", "stricken", "strikes", "striking"]),
        ("swear", &["swore", "sworn", "swears", "swearing"]),
        ("take", &["took", "taken", "takes", "taking"]),
        ("teach", &["taught", "teaches", "teaching"]),
        ("tear", &["tore", "torn", "tears", "tearing"]),
        ("tell", &["told", "tells", "telling"]),
        ("think", &["thought", "thinks", "thinking"]),
        ("throw", &["threw", "thrown", "throws", "throwing"]),
        (
            "undergo",
            &["underwent", "undergone", "undergoes", "undergoing"],
        ),
        (
            "understand",
            &["understood", "understands", "understanding"],
        ),
        (
            "undertake",
            &["undertook", "undertaken", "undertakes", "undertaking"],
        ),
        ("uphold", &["upheld", "upholds", "upholding"]),
        ("upset", &["upset", "upsets", "upsetting"]),
        ("wage", &["waged", "wages", "waging"]),
        ("wake", &["woke", "woken", "wakes", "waking"]),
        ("wear", &["wore", "worn", "wears", "wearing"]),
        ("win", &["won", "wins", "winning"]),
        (
            "withdraw",
            &["withdrew", "withdrawn", "withdraws", "withdrawing"],
        ),
        ("withhold", &["withheld", "withholds", "withholding"]),
        ("write", &["wrote", "written", "writes", "writing"]),
        ("stop", &["stopped", "stops", "stopping"]),
        ("ban", &["banned", "bans", "banning"]),
        ("plan", &["planned", "plans", "planning"]),
        ("admit", &["admitted", "admits", "admitting"]),
        ("commit", &["committed", "commits", "committing"]),
        ("submit", &["submitted", "submits", "submitting"]),
        ("permit", &["permitted", "permits", "permitting"]),
        ("omit", &["omitted", "omits", "omitting"]),
        ("transmit", &["transmitted", "transmits", "transmitting"]),
        ("regret", &["regretted", "regrets", "regretting"]),
        ("rebel", &["rebelled", "rebels", "rebelling"]),
        ("expel", &["expelled", "expels", "expelling"]),
        ("compel", &["compelled", "compels", "compelling"]),
        ("propel", &["propelled", "propels", "propelling"]),
        ("repel", &["repelled", "repels", "repelling"]),
        ("control", &["controlled", "controls", "controlling"]),
        ("patrol", &["patrolled", "patrols", "patrolling"]),
        ("refer", &["referred", "refers", "referring"]),
        ("prefer", &["preferred", "prefers", "preferring"]),
        ("defer", &["deferred", "defers", "deferring"]),
        ("confer", &["conferred", "confers", "conferring"]),
        ("transfer", &["transferred", "transfers", "transferring"]),
        ("occur", &["occurred", "occurs", "occurring"]),
        ("drop", &["dropped", "drops", "dropping"]),
        ("grab", &["grabbed", "grabs", "grabbing"]),
        ("jail", &["jailed", "jails", "jailing"]),
        (
            "kidnap",
            &[
                "kidnapped",
                "kidnaps",
                "kidnapping",
                "kidnaped",
                "kidnaping",
            ],
        ),
        ("rob", &["robbed", "robs", "robbing"]),
        ("shun", &["shunned", "shuns", "shunning"]),
        ("slam", &["slammed", "slams", "slamming"]),
        ("snub", &["snubbed", "snubs", "snubbing"]),
        ("step", &["stepped", "steps", "stepping"]),
        ("trap", &["trapped", "traps", "trapping"]),
        ("veto", &["vetoed", "vetoes", "vetoing"]),
        ("embargo", &["embargoed", "embargoes", "embargoing"]),
    ];
    TABLE.iter().find(|(l, _)| *l == lemma).map(|(_, f)| *f)
}

impl VerbDictionary {
    /// Number of verbs (entries, counting each verb of each group).
    pub fn verb_count(&self) -> usize {
        self.verbs.len()
    }

    /// Number of distinct lemmas.
    pub fn lemma_count(&self) -> usize {
        self.by_lemma.len()
    }

    /// Number of distinct surface forms indexed.
    pub fn form_count(&self) -> usize {
        self.by_form.len()
    }

    /// Verbs whose lemma is `lemma` (lower-cased before lookup).
    pub fn verbs_by_lemma(&self, lemma: &str) -> &[VerbId] {
        self.by_lemma
            .get(&lemma.to_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Verbs one of whose surface forms is `form` (lower-cased before lookup);
    /// this is how PETRARCH's inflected entries (`HELD`, `SAID`) are reached.
    pub fn verbs_by_form(&self, form: &str) -> &[VerbId] {
        self.by_form
            .get(&form.to_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The verb with this id.
    pub fn verb(&self, id: VerbId) -> &VerbEntry {
        &self.verbs[id as usize]
    }

    /// The group with this id.
    pub fn group(&self, id: GroupId) -> &VerbGroup {
        &self.groups[id as usize]
    }

    /// The pattern with this id.
    pub fn pattern(&self, id: PatternId) -> &VerbPattern {
        &self.patterns[id as usize]
    }

    fn candidate(&self, id: VerbId) -> VerbCandidate<'_> {
        let verb = self.verb(id);
        let group = self.group(verb.group);
        let mut patterns: Vec<&VerbPattern> =
            group.patterns.iter().map(|&p| self.pattern(p)).collect();
        patterns.sort_by_key(|p| std::cmp::Reverse(p.specificity()));
        VerbCandidate {
            id,
            verb,
            group,
            patterns,
        }
    }

    /// Candidate verbs (with their patterns, most specific first) for a predicate
    /// given its lemma and its surface form: verbs found by either, lemma matches
    /// first, without duplicates.
    ///
    /// ```
    /// use dyad_lexicon::VerbDictionary;
    /// let mut v = VerbDictionary::default();
    /// v.read_dyad("verbs.txt", "036\tmeet; meet with; hold talk; ~talk\n").unwrap();
    /// let c = v.candidates("meet", "met");
    /// assert_eq!(c.len(), 1);
    /// assert_eq!(c[0].verb.code.as_deref(), Some("036"));
    /// assert_eq!(c[0].patterns.len(), 2); // "meet" and "meet with"
    /// assert_eq!(v.candidates("hold", "held")[0].patterns[0].code.code.as_deref(), Some("036"));
    /// ```
    pub fn candidates(&self, lemma: &str, form: &str) -> Vec<VerbCandidate<'_>> {
        let mut ids: Vec<VerbId> = self.verbs_by_lemma(lemma).to_vec();
        for &id in self.verbs_by_form(form) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids.into_iter().map(|id| self.candidate(id)).collect()
    }

    /// True when `phrase` (lower case, words separated by spaces) is a member of
    /// synset `name` (without `&`), following included synsets.
    pub fn synset_contains(&self, name: &str, phrase: &str) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        let mut stack = vec![name];
        let phrase = phrase.to_lowercase();
        while let Some(n) = stack.pop() {
            if seen.contains(&n) {
                continue;
            }
            seen.push(n);
            if let Some(s) = self.synsets.get(n) {
                if s.members.contains(&phrase) {
                    return true;
                }
                stack.extend(s.includes.iter().map(String::as_str));
            }
        }
        false
    }

    /// Every code the dictionary can produce: verb and group codes and pattern
    /// codes (paired ones included), sorted and distinct.
    pub fn codes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for g in &self.groups {
            v.extend(g.code.as_deref());
        }
        for e in &self.verbs {
            v.extend(e.code.as_deref());
        }
        for p in &self.patterns {
            if !p.negative {
                v.extend(p.code.code.as_deref());
                v.extend(p.code.paired.as_deref());
            }
        }
        v.sort_unstable();
        v.dedup();
        v
    }

    fn push_verb(&mut self, entry: VerbEntry) -> VerbId {
        let id = self.verbs.len() as VerbId;
        let lemma_ids = self.by_lemma.entry(entry.lemma.clone()).or_default();
        lemma_ids.push(id);
        for f in &entry.forms {
            let ids = self.by_form.entry(f.clone()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        self.groups[entry.group as usize].verbs.push(id);
        self.verbs.push(entry);
        id
    }

    fn push_pattern(&mut self, p: VerbPattern) -> PatternId {
        let id = self.patterns.len() as PatternId;
        self.groups[p.group as usize].patterns.push(id);
        self.patterns.push(p);
        id
    }

    /// Reads a PETRARCH verb dictionary (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`):
    /// synsets (`&NAME` then `+member` lines), synonym blocks (`--- NAME [code] ---`),
    /// verbs (`GIVE {GAVE GIVEN GIVING}`, `CLARIFY [040]`, `+CORDON_OFF {...}`,
    /// `WIRE_+TAP`), patterns (`- PRE * POST [code]`) and transformations (`~ ...`).
    /// See the module documentation for the pattern model; the file is read by
    /// [`parse_petrarch`].
    pub fn read_petrarch(
        &mut self,
        file: &str,
        text: &str,
        warnings: &mut Vec<LexiconError>,
    ) -> Result<(), LexiconError> {
        let items = parse_petrarch(file, text, warnings)?;
        // Synsets may be used before they are defined: collect their names first.
        let mut synset_names: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                PetrarchVerbItem::Synset { name, .. } => {
                    Some(name.trim_end_matches('_').to_string())
                }
                _ => None,
            })
            .collect();
        synset_names.extend(self.synsets.keys().cloned());
        let mut group: Option<GroupId> = None;
        let mut group_has_verb = false;
        for item in items {
            match item {
                PetrarchVerbItem::Synset {
                    name,
                    members,
                    origin,
                } => {
                    let mut s = Synset {
                        name: name.trim_end_matches('_').to_string(),
                        members: Vec::new(),
                        includes: Vec::new(),
                        origin,
                    };
                    for member in members {
                        if let Some(inc) = member.strip_prefix('&') {
                            s.includes.push(inc.trim_end_matches('_').to_string());
                            continue;
                        }
                        let no_plural = member.ends_with('_') || name.ends_with('_');
                        let words = member.replace('_', " ");
                        let words = words
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_lowercase();
                        if !no_plural {
                            s.members.push(crate::agent::plural_of(&words));
                        }
                        s.members.push(words);
                    }
                    self.synsets.insert(s.name.clone(), s);
                }
                PetrarchVerbItem::Block { name, code, origin } => {
                    let gid = self.groups.len() as GroupId;
                    self.groups.push(VerbGroup {
                        name: name.trim_end_matches('_').to_string(),
                        code: code.code,
                        verbs: Vec::new(),
                        patterns: Vec::new(),
                        origin,
                    });
                    group = Some(gid);
                    group_has_verb = false;
                }
                PetrarchVerbItem::Transformation(t) => self.transformations.push(t),
                PetrarchVerbItem::Pattern { text, origin } => {
                    let gid = group.expect("parse_petrarch puts a block first");
                    if !group_has_verb {
                        warnings.push(origin.error("a pattern in a block that has no verb yet"));
                    }
                    // PETRARCH skips patterns it cannot use; so does dyad, with a warning
                    // naming the line (`dyad dict check` lists them).
                    match parse_petrarch_pattern(&text, gid, &synset_names, &origin) {
                        Ok(p) => {
                            self.push_pattern(p);
                        }
                        Err(mut e) => {
                            e.message.push_str("; pattern skipped");
                            warnings.push(e);
                        }
                    }
                }
                PetrarchVerbItem::Verb(v) => {
                    let gid = group.expect("parse_petrarch puts a block first");
                    let mut surface = vec![v.head.clone()];
                    match &v.forms {
                        Some(fs) => {
                            for h in fs {
                                if !surface.contains(h) {
                                    surface.push(h.clone());
                                }
                            }
                        }
                        None => {
                            for f in regular_verb_forms(&v.head).into_iter().skip(1) {
                                if !surface.contains(&f) {
                                    surface.push(f);
                                }
                            }
                        }
                    }
                    let code = match v.code {
                        Some(c) => c.code,
                        None => self.groups[gid as usize].code.clone(),
                    };
                    self.push_verb(VerbEntry {
                        lemma: v.head,
                        before: v.before,
                        after: v.after,
                        forms: surface,
                        code,
                        kind: PredicateKind::Verb,
                        group: gid,
                        origin: v.origin,
                    });
                    group_has_verb = true;
                }
            }
        }
        Ok(())
    }

    /// Reads dyad's `verbs.txt`: `CODE<TAB>PATTERN; PATTERN ...`. A pattern is
    /// written with lemmas: the predicate first, then the words that must be among
    /// its dependents; `~` marks an event noun, `-` a negative pattern. Words
    /// after the predicate become prepositions/particles (a closed list) with the
    /// words following them as their object, or nouns. The file is read by
    /// [`parse_dyad`].
    pub fn read_dyad(&mut self, file: &str, text: &str) -> Result<(), LexiconError> {
        parse_dyad(file, text, |p| self.add_dyad_pattern(p))
    }

    fn add_dyad_pattern(&mut self, p: DyadVerbPattern) {
        let DyadVerbPattern {
            code,
            text,
            negative,
            kind,
            words,
            origin,
        } = p;
        let (lemma, tail) = words.split_first().expect("parse_dyad checks");
        let gid = match self.dyad_groups.get(&(lemma.clone(), kind)) {
            Some(&g) => g,
            None => {
                let gid = self.groups.len() as GroupId;
                self.groups.push(VerbGroup {
                    name: lemma.clone(),
                    code: None,
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                    origin: origin.clone(),
                });
                self.dyad_groups.insert((lemma.clone(), kind), gid);
                let mut forms = match kind {
                    PredicateKind::Verb => regular_verb_forms(lemma),
                    PredicateKind::Noun => vec![lemma.clone(), crate::agent::plural_of(lemma)],
                };
                if kind == PredicateKind::Verb {
                    if let Some(irr) = irregular_forms(lemma) {
                        forms.truncate(1);
                        forms.extend(irr.iter().map(|s| s.to_string()));
                    }
                }
                self.push_verb(VerbEntry {
                    lemma: lemma.clone(),
                    before: Vec::new(),
                    after: Vec::new(),
                    forms,
                    code: None,
                    kind,
                    group: gid,
                    origin: origin.clone(),
                });
                gid
            }
        };
        if tail.is_empty() && !negative {
            let vid = self.groups[gid as usize].verbs[0];
            let v = &mut self.verbs[vid as usize];
            if v.code.is_none() {
                v.code = Some(code.clone());
            }
        }
        let after = dyad_items(tail);
        self.push_pattern(VerbPattern {
            group: gid,
            code: PatternCode {
                code: Some(code),
                paired: None,
            },
            before: Vec::new(),
            after,
            negative,
            text,
            origin,
        });
    }
}

/// One entry of a PETRARCH verb file, in file order: what [`parse_petrarch`]
/// reads. [`VerbDictionary::read_petrarch`] and the coder (whose patterns are
/// compiled for its own matching) are both built from these.
#[derive(Debug, Clone, PartialEq)]
pub enum PetrarchVerbItem {
    /// `&NAME` and the `+member` lines after it.
    Synset {
        /// The name without `&`, as written (a final `_`, "no plurals", kept).
        name: String,
        /// Members as written (`SWISS FRANCS`, `CASH_`, `&TIETYPES`).
        members: Vec<String>,
        /// The `&NAME` line.
        origin: Origin,
    },
    /// `--- NAME [CODE] ---`.
    Block {
        /// The name as written (`ABANDON`).
        name: String,
        /// The block's code (`[---]` gives no code).
        code: PatternCode,
        /// Where it was read.
        origin: Origin,
    },
    /// A verb line.
    Verb(PetrarchVerb),
    /// `- PRE * POST [CODE]`: the text after the `-`, trimmed, code included;
    /// the pattern itself is read by whoever compiles it.
    Pattern {
        /// The pattern as written.
        text: String,
        /// Where it was read.
        origin: Origin,
    },
    /// `~ PATTERN = RESULT`.
    Transformation(VerbTransformation),
}

/// A verb line of a PETRARCH verb file: `GIVE {GAVE GIVEN GIVING} [071]`,
/// `+CORDON_OFF {+CORDONED_OFF}`, `WIRE_+TAP`.
#[derive(Debug, Clone, PartialEq)]
pub struct PetrarchVerb {
    /// The verb as written, before `{` (`+CORDON_OFF`, `LASH OUT`).
    pub text: String,
    /// Words before the verb word, lower case (`wire` in `WIRE_+TAP`).
    pub before: Vec<String>,
    /// The verb word, lower case (the word marked `+`, else the first).
    pub head: String,
    /// Words after the verb word, lower case (`off` in `+CORDON_OFF`).
    pub after: Vec<String>,
    /// The verb words of the forms listed in `{...}`, lower case; `None`
    /// without braces.
    pub forms: Option<Vec<String>>,
    /// The verb's own `[code]`, if it has one.
    pub code: Option<PatternCode>,
    /// Where it was read.
    pub origin: Origin,
}

/// Splits a PETRARCH multi-word verb (`WIRE_+TAP`, `+BREAK_DOWN`, `LASH OUT`)
/// at `_` and spaces into (words before, verb word, words after), lower case:
/// the verb word is the one marked `+`, else the first.
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
    let verb = parts
        .get(vi)
        .map(|p| p.trim_start_matches('+').to_lowercase())
        .unwrap_or_default();
    let after = parts
        .get(vi + 1..)
        .unwrap_or(&[])
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    (before, verb, after)
}

/// The one reader of PETRARCH verb files: content lines (see
/// [`crate::petrarch_lines`]) sorted into synsets, blocks, verbs, patterns and
/// transformations, with their places. Structural problems (a line before the
/// first block, an empty synset member, an unclosed `{`) are errors naming the
/// file and line; doubtful verb lines are read and reported in `warnings`.
pub fn parse_petrarch(
    file: &str,
    text: &str,
    warnings: &mut Vec<LexiconError>,
) -> Result<Vec<PetrarchVerbItem>, LexiconError> {
    let fname: Arc<str> = file.into();
    let mut items: Vec<PetrarchVerbItem> = Vec::new();
    let mut in_block = false;
    let mut in_synset = false;
    for PetrarchLine { number, text: raw } in petrarch_lines(text) {
        let origin = Origin::at(&fname, number);
        let line = raw.trim();
        if in_synset {
            if let Some(member) = line.strip_prefix('+') {
                let Some(PetrarchVerbItem::Synset { name, members, .. }) = items.last_mut() else {
                    unreachable!("in_synset follows a synset item");
                };
                let member = member.trim();
                if member.is_empty() {
                    return Err(origin.error(format!(
                        "an empty member in synset &{}",
                        name.trim_end_matches('_')
                    )));
                }
                members.push(member.to_string());
                continue;
            }
        }
        in_synset = false;
        if let Some(name) = line.strip_prefix('&') {
            let name = name.trim();
            if name.is_empty() || name.contains(char::is_whitespace) {
                return Err(origin.error(format!("{line:?} is not a synset name (&NAME)")));
            }
            items.push(PetrarchVerbItem::Synset {
                name: name.to_string(),
                members: Vec::new(),
                origin,
            });
            in_synset = true;
            continue;
        }
        if line.starts_with("---") {
            let inner = line.trim_matches('-').trim();
            let (name, code) = match inner.find('[') {
                Some(p) => {
                    if !inner[p..].contains(']') {
                        return Err(origin.error("missing ] in the block's code"));
                    }
                    let (name, code) = split_bracket(inner);
                    (name.trim(), PatternCode::parse(code.unwrap_or("")))
                }
                None => (inner, PatternCode::default()),
            };
            if name.is_empty() {
                return Err(origin.error("a verb block without a name (--- NAME [code] ---)"));
            }
            items.push(PetrarchVerbItem::Block {
                name: name.to_string(),
                code,
                origin,
            });
            in_block = true;
            continue;
        }
        if let Some(t) = line.strip_prefix('~') {
            let Some((lhs, rhs)) = t.split_once('=') else {
                return Err(origin.error("a transformation needs `=` (~ PATTERN = RESULT)"));
            };
            let toks = |s: &str| -> Vec<String> {
                s.replace('(', " ( ")
                    .replace(')', " ) ")
                    .split_whitespace()
                    .map(str::to_string)
                    .collect()
            };
            items.push(PetrarchVerbItem::Transformation(VerbTransformation {
                pattern: toks(lhs),
                result: toks(rhs),
                origin,
            }));
            continue;
        }
        if !in_block {
            return Err(origin.error(format!(
                "{line:?} before the first verb block (--- NAME [code] ---)"
            )));
        }
        if let Some(pat) = line.strip_prefix('-') {
            items.push(PetrarchVerbItem::Pattern {
                text: pat.trim().to_string(),
                origin,
            });
            continue;
        }
        items.push(PetrarchVerbItem::Verb(parse_petrarch_verb(
            line, origin, warnings,
        )?));
    }
    Ok(items)
}

/// A verb line: `GIVE {GAVE GIVEN GIVING } [070]`, `+CORDON_OFF {+CORDONED_OFF}`,
/// `WIRE_+TAP`. Text after the `}` (old `;comments`) is ignored.
fn parse_petrarch_verb(
    line: &str,
    origin: Origin,
    warnings: &mut Vec<LexiconError>,
) -> Result<PetrarchVerb, LexiconError> {
    let (before_code, code) = split_bracket(line);
    let (main, forms): (&str, Option<&str>) = match before_code.find('{') {
        Some(b) => {
            let e = before_code[b..]
                .find('}')
                .map(|e| b + e)
                .ok_or_else(|| origin.error("missing } after the verb forms"))?;
            (&before_code[..b], Some(&before_code[b + 1..e]))
        }
        None => (before_code, None),
    };
    let main = main.trim();
    if main.is_empty() {
        return Err(origin.error("a verb line without a verb"));
    }
    // `LASH OUT`: an old-style multi-word verb written with a space; read as
    // `LASH_OUT` (first word the verb), as PETRARCH reads the first word as the verb.
    if main.contains(char::is_whitespace) {
        let joined = main.split_whitespace().collect::<Vec<_>>().join("_");
        warnings.push(origin.error(format!(
            "{main:?}: a multi-word verb is written with _ (CORDON_OFF); read as {joined}"
        )));
    } else if main.contains('_') && !main.contains('+') {
        warnings.push(origin.error(format!(
            "multi-word verb {main:?} has no + marking the verb; the first word is taken"
        )));
    }
    let (before, head, after) = split_multiword(main);
    if head.is_empty() {
        return Err(origin.error(format!("{main:?}: no verb word")));
    }
    let forms = forms.map(|fs| {
        fs.split_whitespace()
            .map(|f| split_multiword(f).1)
            .filter(|h| !h.is_empty())
            .collect()
    });
    Ok(PetrarchVerb {
        text: main.to_string(),
        before,
        head,
        after,
        forms,
        code: code.map(PatternCode::parse),
        origin,
    })
}

/// A pattern of dyad's `verbs.txt`, as [`parse_dyad`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct DyadVerbPattern {
    /// The CAMEO code of its line.
    pub code: String,
    /// The pattern as written (`-back down`, `~talk`).
    pub text: String,
    /// `-`: the predicate in this context is NOT this code.
    pub negative: bool,
    /// `~`: an event noun.
    pub kind: PredicateKind,
    /// Its words, lower case, the predicate lemma first (never empty).
    pub words: Vec<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// The one reader of dyad's `verbs.txt` (`CODE<TAB>PATTERN; PATTERN ...`): hands
/// every pattern, in file order and checked (2-4 digit codes, plain words), to
/// `each` as it is read (the file has some 14,000: they are not kept); a
/// malformed line is an error naming the file and line.
pub fn parse_dyad(
    file: &str,
    text: &str,
    mut each: impl FnMut(DyadVerbPattern),
) -> Result<(), LexiconError> {
    let fname: Arc<str> = file.into();
    for Line { number, text: line } in dyad_lines(text) {
        let origin = Origin::at(&fname, number);
        let Some((code, patterns)) = line.split_once('\t') else {
            return Err(
                origin.error("expected CODE<TAB>PATTERN[; PATTERN ...] (no TAB after the code)")
            );
        };
        let code = code.trim();
        if code.len() < 2 || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(origin.error(format!(
                "{code:?} is not a CAMEO event code (2 to 4 digits)"
            )));
        }
        for pat in patterns.split(';').map(str::trim) {
            if pat.is_empty() {
                return Err(origin.error("an empty pattern (check the `; ` separators)"));
            }
            let mut rest = pat;
            let negative = match rest.strip_prefix('-') {
                Some(r) => {
                    rest = r.trim_start();
                    true
                }
                None => false,
            };
            let kind = match rest.strip_prefix('~') {
                Some(r) => {
                    rest = r.trim_start();
                    PredicateKind::Noun
                }
                None => PredicateKind::Verb,
            };
            let words: Vec<String> = rest.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                return Err(origin.error(format!("pattern {pat:?} has no predicate")));
            }
            if let Some(bad) = words.iter().find(|w| {
                !w.chars()
                    .all(|c| c.is_alphanumeric() || c == '\'' || c == '-' || c == '.')
            }) {
                return Err(origin.error(format!(
                    "{bad:?} in pattern {pat:?}: patterns are plain words (lemmas)"
                )));
            }
            each(DyadVerbPattern {
                code: code.to_string(),
                text: pat.to_string(),
                negative,
                kind,
                words,
                origin: origin.clone(),
            });
        }
    }
    Ok(())
}

/// Prepositions and particles recognised in dyad's lemma patterns.
pub const PREPOSITIONS: &[&str] = &[
    "aboard",
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "around",
    "as",
    "at",
    "away",
    "back",
    "before",
    "behind",
    "below",
    "beside",
    "between",
    "beyond",
    "by",
    "down",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "outside",
    "over",
    "past",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "via",
    "with",
    "within",
    "without",
];

/// Words after the predicate in a dyad pattern: a preposition opens a phrase that
/// takes the following non-preposition words as one noun phrase; other words
/// before any preposition form the object noun phrase.
fn dyad_items(words: &[String]) -> Vec<PatternItem> {
    let mut items = Vec::new();
    let mut i = 0;
    let noun = |ws: &[String]| -> PatternItem {
        let (head, mods) = ws.split_last().expect("non-empty");
        PatternItem::Noun {
            head: Term::Word(head.clone()),
            modifiers: mods.iter().map(|m| Term::Word(m.clone())).collect(),
        }
    };
    while i < words.len() {
        let w = &words[i];
        let j = words[i + 1..]
            .iter()
            .position(|x| PREPOSITIONS.contains(&x.as_str()))
            .map_or(words.len(), |p| i + 1 + p);
        if PREPOSITIONS.contains(&w.as_str()) {
            let objects = if j > i + 1 {
                vec![noun(&words[i + 1..j])]
            } else {
                Vec::new()
            };
            items.push(PatternItem::Prep {
                prep: Term::Word(w.clone()),
                objects,
            });
        } else {
            items.push(noun(&words[i..j]));
        }
        i = j;
    }
    items
}

/// A token of a PETRARCH pattern.
#[derive(Debug, Clone, PartialEq)]
enum PatTok {
    Open(char),
    Close(char),
    Slot(char),
    /// A word; `joined` when `_` connected it to the previous word.
    Word(String, bool),
}

fn tokenize_pattern(s: &str, synsets: &[String]) -> Vec<PatTok> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut joined_next = false;
    let flush = |word: &mut String, out: &mut Vec<PatTok>, joined: bool| {
        if !word.is_empty() {
            out.push(PatTok::Word(std::mem::take(word), joined));
        }
    };
    let mut word_joined = false;
    for c in s.chars() {
        match c {
            '(' | '{' => {
                flush(&mut word, &mut out, word_joined);
                out.push(PatTok::Open(c));
                joined_next = false;
            }
            ')' | '}' => {
                flush(&mut word, &mut out, word_joined);
                out.push(PatTok::Close(c));
                joined_next = false;
            }
            c if c.is_whitespace() => {
                flush(&mut word, &mut out, word_joined);
                joined_next = false;
            }
            '_' if !word.starts_with('&') => {
                flush(&mut word, &mut out, word_joined);
                joined_next = true;
            }
            '$' | '+' | '%' | '^' if word.is_empty() => {
                out.push(PatTok::Slot(c));
                joined_next = false;
            }
            _ => {
                if word.is_empty() {
                    word_joined = joined_next;
                }
                word.push(c);
            }
        }
    }
    flush(&mut word, &mut out, word_joined);
    // A synset token may have swallowed `_WORD` connectors (`&TIETYPES_RELATIONS`):
    // keep the longest defined synset name and split the rest off as joined words.
    let mut fixed = Vec::with_capacity(out.len());
    for t in out {
        match t {
            PatTok::Word(w, j) if w.starts_with('&') => {
                let name = w[1..].trim_end_matches('_');
                if synsets.iter().any(|s| s == name) || !name.contains('_') {
                    fixed.push(PatTok::Word(format!("&{name}"), j));
                    continue;
                }
                let parts: Vec<&str> = name.split('_').collect();
                let mut cut = parts.len();
                while cut > 1 && !synsets.iter().any(|s| *s == parts[..cut].join("_")) {
                    cut -= 1;
                }
                fixed.push(PatTok::Word(format!("&{}", parts[..cut].join("_")), j));
                for p in &parts[cut..] {
                    if !p.is_empty() {
                        fixed.push(PatTok::Word(p.to_string(), true));
                    }
                }
            }
            other => fixed.push(other),
        }
    }
    fixed
}

fn parse_items(
    toks: &[PatTok],
    origin: &Origin,
    text: &str,
) -> Result<Vec<PatternItem>, LexiconError> {
    let mut items = Vec::new();
    let mut i = 0;
    let err = |m: &str| origin.error(format!("{m} in pattern {text:?}"));
    while i < toks.len() {
        match &toks[i] {
            PatTok::Slot(c) => {
                items.push(match c {
                    '$' => PatternItem::Source,
                    '+' => PatternItem::Target,
                    '%' => PatternItem::Compound,
                    _ => PatternItem::Skip,
                });
                i += 1;
            }
            PatTok::Open('{') => {
                let end = toks[i..]
                    .iter()
                    .position(|t| *t == PatTok::Close('}'))
                    .map(|p| i + p)
                    .ok_or_else(|| err("unclosed {"))?;
                let mut terms: Vec<Term> = Vec::new();
                for t in &toks[i + 1..end] {
                    match t {
                        PatTok::Word(w, _) => terms.push(Term::parse(w)),
                        _ => return Err(err("only words may stand inside { }")),
                    }
                }
                let Some(head) = terms.pop() else {
                    return Err(err("empty { }"));
                };
                items.push(PatternItem::Noun {
                    head,
                    modifiers: terms,
                });
                i = end + 1;
            }
            PatTok::Open(_) => {
                // find the matching ')', allowing { } inside
                let mut depth = 0;
                let mut end = None;
                for (k, t) in toks.iter().enumerate().skip(i) {
                    match t {
                        PatTok::Open('(') => depth += 1,
                        PatTok::Close(')') => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(k);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let end = end.ok_or_else(|| err("unclosed ("))?;
                let inner = &toks[i + 1..end];
                let Some(PatTok::Word(prep, _)) = inner.first() else {
                    return Err(err("a ( ) phrase must start with its preposition"));
                };
                let objects = parse_items(&inner[1..], origin, text)?;
                items.push(PatternItem::Prep {
                    prep: Term::parse(prep),
                    objects,
                });
                i = end + 1;
            }
            PatTok::Close(c) => return Err(err(&format!("unexpected {c}"))),
            PatTok::Word(_, _) => {
                // words joined by `_` form one noun phrase; the last is the head
                let mut j = i + 1;
                while let Some(PatTok::Word(_, true)) = toks.get(j) {
                    j += 1;
                }
                let mut terms: Vec<Term> = toks[i..j]
                    .iter()
                    .map(|t| match t {
                        PatTok::Word(w, _) => Term::parse(w),
                        _ => unreachable!("only words collected"),
                    })
                    .collect();
                let head = terms.pop().expect("at least one word");
                items.push(PatternItem::Noun {
                    head,
                    modifiers: terms,
                });
                i = j;
            }
        }
    }
    Ok(items)
}

fn parse_petrarch_pattern(
    pat: &str,
    group: GroupId,
    synsets: &[String],
    origin: &Origin,
) -> Result<VerbPattern, LexiconError> {
    let text = pat.trim();
    let (body, code) = match text.rfind('[') {
        Some(p) if text.ends_with(']') => (&text[..p], &text[p + 1..text.len() - 1]),
        _ => return Err(origin.error(format!("pattern {text:?} does not end with a [code]"))),
    };
    // `IN_*`, `*_OUT`: the verb marker may be stuck to words with `_`.
    let body = body.replace("_*", " * ").replace("*_", " * ");
    let Some((pre, post)) = body.split_once('*') else {
        return Err(origin.error(format!("pattern {text:?} has no * for the verb")));
    };
    if post.contains('*') {
        return Err(origin.error(format!("pattern {text:?} has more than one *")));
    }
    let before = parse_items(&tokenize_pattern(pre, synsets), origin, text)?;
    let after = parse_items(&tokenize_pattern(post, synsets), origin, text)?;
    for item in before.iter().chain(&after) {
        check_synsets(item, synsets, origin, text)?;
    }
    Ok(VerbPattern {
        group,
        code: PatternCode::parse(code),
        before,
        after,
        negative: false,
        text: text.to_string(),
        origin: origin.clone(),
    })
}

fn check_synsets(
    item: &PatternItem,
    synsets: &[String],
    origin: &Origin,
    text: &str,
) -> Result<(), LexiconError> {
    let check = |t: &Term| match t {
        Term::Synset(s) if !synsets.iter().any(|x| x == s) => {
            Err(origin.error(format!("synset &{s} is not defined (pattern {text:?})")))
        }
        _ => Ok(()),
    };
    match item {
        PatternItem::Noun { head, modifiers } => {
            check(head)?;
            modifiers.iter().try_for_each(check)
        }
        PatternItem::Prep { prep, objects } => {
            check(prep)?;
            objects
                .iter()
                .try_for_each(|o| check_synsets(o, synsets, origin, text))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "####### SYNONYM SETS #######\n\n&CURRENCY\n+MONEY\n+CASH_\n+SWISS FRANCS\n\n&AUXVERB3_\n+HAVE\n+HAS\n\n&MILITARY\n+TROOPS\n+ARMED_FORCES\n\n####### VERB PATTERNS #######\n\n---  ACCELERATE   [---]  ---\nACCELERATE \nHURRY {HURRIES HURRYING HURRIED }\nSPEED {SPEEDING SPEEDS SPED }\n- * (TO)                                              [042:043]     # RUSH\n- * {ARMS SHIPMENT}                                   [072]         # EXPEDITE\n- * POLICE (TO BORDER)                                [153]         # RUSH\n- &MILITARY *                                         [154]         # RUSH\n- * &CURRENCY  [070]\n\n---  GRANT   [070]  ---\nGRANT\nGIVE {GAVE GIVEN GIVING } [071]\n+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF }\nWIRE_+TAP\n+ANGERED_BY {}\n- + WAS_ * TO_ ^ FROM $  [174]  # BK\n- * OFF (FROM ^)   [042]\n- IN_*  [075]\n- * {&MILITARY OPERATION} (IN ^) (AGAINST)   [:190]\n- SAID * TO ATTEND  [082]\n~ a (a b ATTACK) SAY = a b 015\n";

    fn load() -> (VerbDictionary, Vec<LexiconError>) {
        let mut v = VerbDictionary::default();
        let mut w = Vec::new();
        v.read_petrarch("CAMEO.test.txt", SAMPLE, &mut w).unwrap();
        (v, w)
    }

    #[test]
    fn synsets_with_plurals_and_no_plural_markers() {
        let (v, _) = load();
        assert!(v.synset_contains("CURRENCY", "money"));
        assert!(v.synset_contains("CURRENCY", "moneys"));
        assert!(v.synset_contains("CURRENCY", "cash"));
        assert!(!v.synset_contains("CURRENCY", "cashes"));
        assert!(v.synset_contains("CURRENCY", "swiss francs"));
        assert!(v.synset_contains("AUXVERB3", "has"));
        assert!(!v.synset_contains("AUXVERB3", "haves"));
        assert!(v.synset_contains("MILITARY", "armed forces"));
    }

    #[test]
    fn verbs_forms_and_codes() {
        let (v, _) = load();
        assert_eq!(v.groups.len(), 2);
        assert_eq!(v.groups[0].code, None);
        let speed = v.verb(v.verbs_by_form("sped")[0]);
        assert_eq!(speed.lemma, "speed");
        assert_eq!(speed.forms, ["speed", "speeding", "speeds", "sped"]);
        let acc = v.verb(v.verbs_by_lemma("accelerate")[0]);
        assert_eq!(
            acc.forms,
            ["accelerate", "accelerates", "accelerated", "accelerating"]
        );
        let give = v.verb(v.verbs_by_form("gave")[0]);
        assert_eq!(give.code.as_deref(), Some("071"));
        let grant = v.verb(v.verbs_by_form("granted")[0]);
        assert_eq!(grant.code.as_deref(), Some("070"));
        let cordon = v.verb(v.verbs_by_form("cordoned")[0]);
        assert_eq!(
            (cordon.lemma.as_str(), cordon.after.as_slice()),
            ("cordon", &["off".to_string()][..])
        );
        let tap = v.verb(v.verbs_by_form("taps")[0]);
        assert_eq!(tap.before, ["wire"]);
        let angered = v.verb(v.verbs_by_form("angered")[0]);
        assert_eq!(angered.forms, ["angered"]);
        assert_eq!(v.transformations.len(), 1);
        assert_eq!(v.transformations[0].result, ["a", "b", "015"]);
    }

    #[test]
    fn patterns_are_structured() {
        let (v, w) = load();
        assert!(w.is_empty(), "{w:?}");
        let texts: Vec<String> = v
            .patterns
            .iter()
            .map(|p| {
                let side = |items: &[PatternItem]| {
                    items
                        .iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                format!(
                    "{} * {} [{:?}:{:?}]",
                    side(&p.before),
                    side(&p.after),
                    p.code.code,
                    p.code.paired
                )
            })
            .collect();
        assert_eq!(
            texts,
            [
                " * (to) [Some(\"042\"):Some(\"043\")]",
                " * {arms shipment} [Some(\"072\"):None]",
                " * police (to border) [Some(\"153\"):None]",
                "&MILITARY *  [Some(\"154\"):None]",
                " * &CURRENCY [Some(\"070\"):None]",
                "+ was * to ^ from $ [Some(\"174\"):None]",
                " * off (from ^) [Some(\"042\"):None]",
                "in *  [Some(\"075\"):None]",
                " * {&MILITARY operation} (in ^) (against) [None:Some(\"190\")]",
                "said * to attend [Some(\"082\"):None]",
            ]
        );
        let c = v.candidates("give", "gave");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].patterns.len(), 5);
        assert_eq!(c[0].patterns[0].text, "+ WAS_ * TO_ ^ FROM $  [174]");
        assert!(v.codes().contains(&"190"));
    }

    #[test]
    fn pattern_errors_name_the_line() {
        // malformed patterns are skipped with a warning, as PETRARCH skips them
        for (text, msg, line) in [
            ("--- A [010] ---\nA\n- * B\n", "[code]", 3),
            ("--- A [010] ---\nA\n- B [010]\n", "no *", 3),
            ("--- A [010] ---\nA\n- * &NOPE [010]\n", "not defined", 3),
            (
                "--- A [010] ---\nA\n- * (TO BORDER [010]\n",
                "unclosed (",
                3,
            ),
            ("--- A [010] ---\nA\n- * {ARMS [010]\n", "unclosed {", 3),
            (
                "--- A [010] ---\nA\n- * VENTURE (WITH VISIT) VISIT)[042:043]\n",
                "unexpected )",
                3,
            ),
        ] {
            let mut w = Vec::new();
            let mut v = VerbDictionary::default();
            v.read_petrarch("v.txt", text, &mut w).unwrap();
            assert!(v.patterns.is_empty());
            assert_eq!(w.len(), 1, "{text}");
            assert_eq!((w[0].file.as_str(), w[0].line), ("v.txt", line), "{text}");
            assert!(w[0].message.contains(msg), "{text}: {}", w[0]);
        }
        // structural problems are errors
        for (text, msg, line) in [
            ("A\n", "before the first verb block", 1),
            ("--- A [010] ---\nGIVE {GAVE\n", "missing }", 2),
            ("&\n", "not a synset name", 1),
        ] {
            let e = VerbDictionary::default()
                .read_petrarch("v.txt", text, &mut Vec::new())
                .unwrap_err();
            assert_eq!(e.line, line, "{text}");
            assert!(e.message.contains(msg), "{text}: {e}");
        }
    }

    #[test]
    fn dyad_verbs() {
        let mut v = VerbDictionary::default();
        v.read_dyad(
            "verbs.txt",
            "# verbs\n036\tmeet; meet with; hold talk; ~talk; ~summit\n0311\task for economic aid\n0356\tpull out of\n-\n",
        )
        .unwrap_err();
        let mut v2 = VerbDictionary::default();
        v2.read_dyad(
            "verbs.txt",
            "036\tmeet; meet with; hold talk; ~talk; ~summit\n0311\task for economic aid\n0356\tpull out of\n190\tattack\n042\t-attack with praise\n",
        )
        .unwrap();
        assert_eq!(v2.candidates("talk", "talks").len(), 1);
        let talk = &v2.candidates("talk", "talks")[0];
        assert_eq!(talk.verb.kind, PredicateKind::Noun);
        assert_eq!(talk.verb.code.as_deref(), Some("036"));
        let ask = &v2.candidates("ask", "asked")[0];
        assert_eq!(ask.verb.code, None);
        assert_eq!(
            ask.patterns[0]
                .after
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>(),
            ["(for {economic aid})"]
        );
        let pull = &v2.candidates("pull", "pulled")[0];
        assert_eq!(
            pull.patterns[0]
                .after
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>(),
            ["(out)", "(of)"]
        );
        let attack = &v2.candidates("attack", "attacked")[0];
        assert_eq!(attack.verb.code.as_deref(), Some("190"));
        assert!(attack
            .patterns
            .iter()
            .any(|p| p.negative && p.code.code.as_deref() == Some("042")));
        assert_eq!(v2.candidates("meet", "met")[0].verb.lemma, "meet");
        assert_eq!(v2.codes(), ["0311", "0356", "036", "190"]);
        for (bad, msg) in [
            ("036 meet\n", "no TAB"),
            ("36x\tmeet\n", "CAMEO event code"),
            ("036\tmeet;; greet\n", "empty pattern"),
            ("036\t~\n", "no predicate"),
            ("036\tmeet [x]\n", "plain words"),
        ] {
            let e = VerbDictionary::default()
                .read_dyad("verbs.txt", bad)
                .unwrap_err();
            assert_eq!(e.line, 1);
            assert!(e.message.contains(msg), "{bad}: {e}");
        }
    }

    #[test]
    fn regular_forms() {
        assert_eq!(
            regular_verb_forms("agree"),
            ["agree", "agrees", "agreed", "agreeing"]
        );
        assert_eq!(
            regular_verb_forms("deny"),
            ["deny", "denies", "denied", "denying"]
        );
        assert_eq!(regular_verb_forms("TIE"), ["TIE", "TIES", "TIED", "TYING"]);
        assert_eq!(
            regular_verb_forms("approve"),
            ["approve", "approves", "approved", "approving"]
        );
        assert_eq!(
            regular_verb_forms("push"),
            ["push", "pushes", "pushed", "pushing"]
        );
    }
}
