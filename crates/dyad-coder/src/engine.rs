//! The coding engine: one analysed sentence (tokens, lemmas, dependency tree) in,
//! events out.
//!
//! 1. Mentions: actor names (longest match, dated codes chosen by the document
//!    date) and agent nouns.
//! 2. Actor phrases: a nominal head with its modifiers becomes one or more codes
//!    (country + agents: "Ukrainian President" -> UKRGOV; "the foreign minister of
//!    France" -> FRAGOV; conjoined nominals stay a list).
//! 3. Predicates: every verb the dictionary knows; its patterns are matched over
//!    the words before it and the words of its own clause, longest pattern first.
//! 4. Roles: subject (inherited through xcomp/conj, relative clauses, pronouns),
//!    object or first actor of the clause as target; passive voice swaps them
//!    (`by`-agent is the source); pattern slots `$`/`+` override.
//! 5. Marks: negation, modality and reported speech (speaker, cue, direct quote).

use crate::dict::{
    Agent, AgentDictionary, DiscardDictionary, IssueDictionary, PatElem, PatItem, Pattern,
    VerbCode, VerbDictionary,
};
use dyad_lexicon::ActorDictionary;
use dyad_nlp::{AnalyzedSentence, AnalyzedToken};
use dyad_text::Date;

/// All dictionaries the engine uses.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    pub actors: ActorDictionary,
    pub agents: AgentDictionary,
    pub verbs: VerbDictionary,
    pub discards: DiscardDictionary,
    pub issues: IssueDictionary,
    /// Codes the actor reader cannot hold (`FRO/BIL/SAM`, `###`), stored under a
    /// placeholder code: placeholder -> the codes it stands for.
    pub composite_codes: std::collections::HashMap<String, Vec<String>>,
}

/// Switches of the engine (PETRARCH's config options among them).
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Code an event only when both source and target are found (PETRARCH `require_dyad`).
    pub require_dyad: bool,
    /// Code the speech act of a reporting verb ("said") as its own event (statement).
    pub code_speech_acts: bool,
    /// PETRARCH's reading of the passive: only a `by`-agent turns the roles round;
    /// without one, the grammatical subject stays the source.
    pub passive_needs_agent: bool,
    /// PETRARCH's reading of reporting verbs: the first actor of the reported
    /// clause is the target ("Arnor believes Dagolath can cope" -> ARN DAG). dyad's
    /// own reading takes only an addressee ("told Russia", "said to Russia"): the
    /// reported clause is coded on its own, with its speaker as attribution.
    pub speech_targets_from_content: bool,
    /// PETRARCH2's combination of a reporting verb with a reported attack: "X said
    /// Y attacked Z" -> X accuses Y (112); "X said it will attack Z" -> X claims (015).
    pub combine_reported_conflict: bool,
    /// PETRARCH's comma-clause elimination: comma-delimited clauses whose length in
    /// words falls in these ranges are not coded.
    pub commas: Option<CommaLimits>,
    /// dyad's own news reading (see [`crate::news`]): word sense by participants,
    /// media audiences, an actor and its own state, visits without a visitor,
    /// opinion frames. Off in `dyad validate`, whose records expect PETRARCH's codings.
    pub news_reading: bool,
    /// PETRARCH2's verb interaction (see [`crate::interaction`]): a framing verb
    /// and the verb it governs give one combined code ("wants to help" -> 033),
    /// a negated cooperative act is a rejection ("would not provide support" ->
    /// 121), and a reporting verb whose reported clause is coded gives no event
    /// of its own.
    pub verb_interaction: bool,
}

/// Word-length ranges of comma-delimited clauses to leave out (PETRARCH's
/// `comma_min`/`comma_max`, `comma_bmin`/`comma_bmax`, `comma_emin`/`comma_emax`;
/// a maximum of 0 turns that kind off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    pub min: usize,
    pub max: usize,
    pub bmin: usize,
    pub bmax: usize,
    pub emin: usize,
    pub emax: usize,
}

impl Default for CommaLimits {
    /// PETRARCH's defaults (PETR_config.ini).
    fn default() -> Self {
        CommaLimits {
            min: 2,
            max: 8,
            bmin: 0,
            bmax: 0,
            emin: 2,
            emax: 8,
        }
    }
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            require_dyad: true,
            code_speech_acts: true,
            passive_needs_agent: false,
            speech_targets_from_content: false,
            combine_reported_conflict: false,
            commas: None,
            news_reading: true,
            verb_interaction: false,
        }
    }
}

/// An actor found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundActor {
    /// Full code (`UKRGOV`, `---GOV`).
    pub code: String,
    /// Country or organisation part, if any.
    pub country: Option<String>,
    pub agents: Vec<String>,
    /// Token range `[start, end)` of the phrase.
    pub tokens: (usize, usize),
    /// The head token of the phrase.
    pub head: usize,
}

/// Modality of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    Asserted,
    Intended,
    Hypothetical,
    Future,
    Past,
}

impl Modality {
    /// The name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Intended => "intended",
            Modality::Hypothetical => "hypothetical",
            Modality::Future => "future",
            Modality::Past => "past",
        }
    }
}

/// Who reports an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Speech {
    /// `named`, `anonymous`, `document` or `organisation`.
    pub kind: &'static str,
    /// The speaker's phrase tokens `[start, end)`.
    pub speaker_tokens: (usize, usize),
    pub speaker: Option<FoundActor>,
    /// The reporting verb or cue token.
    pub cue: usize,
    /// The reported content's token range.
    pub content: (usize, usize),
    /// Inside quotation marks.
    pub direct: bool,
}

/// An event found in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundEvent {
    pub sources: Vec<FoundActor>,
    pub targets: Vec<FoundActor>,
    /// The source and target are members of one compound that code each other (`%`).
    pub code: String,
    /// The predicate token.
    pub verb: usize,
    /// Last token of a multi-word verb.
    pub verb_end: usize,
    pub rule: String,
    pub negated: bool,
    pub modality: Modality,
    pub speech: Option<Speech>,
    pub confidence: f32,
    /// How often the act happened, when the sentence says so ("have met four
    /// times", "met twice", "for the third time"); see [`crate::reciprocal::times`].
    pub times: Option<u32>,
}

/// Why a sentence produced nothing on purpose.
#[derive(Debug, Clone, PartialEq)]
pub enum Discard {
    Sentence(String),
    Story(String),
}

/// What coding a sentence gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceResult {
    pub events: Vec<FoundEvent>,
    pub discard: Option<Discard>,
    /// Issues mentioned in the sentence.
    pub issues: Vec<String>,
    /// Actor phrases found (for aliases and candidates).
    pub actors: Vec<FoundActor>,
}

#[derive(Debug, Clone)]
enum MentionKind {
    /// Codes (a PETRARCH entry may name several, `FRO/BIL/SAM`).
    Actor(Vec<String>),
    Agent(Agent),
}

#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    kind: MentionKind,
}

/// Countries and agents of one nominal.
struct Member {
    countries: Vec<String>,
    agents: Vec<Agent>,
    /// Agents from modifiers, not the head noun: shared with conjuncts.
    modifier_agents: Vec<Agent>,
    span: (usize, usize),
}

/// A sentence prepared for coding.
pub struct Sent<'a> {
    pub sent: &'a AnalyzedSentence,
    pub lower: Vec<String>,
    pub head: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    mentions: Vec<Mention>,
    mention_at: Vec<Option<usize>>,
    /// Antecedent for third-person pronouns from earlier sentences.
    pub context_actor: Option<Vec<FoundActor>>,
    /// Tokens left out of coding (eliminated comma clauses).
    hidden: Vec<bool>,
    /// Dependency relations as coded (the parser's, after [`Sent::repair`]).
    rels: Vec<String>,
    /// Tokens the tagger read as verbs that [`Sent::repair`] found to be
    /// nouns ("for the Jeddah talks[VBZ] with").
    noun: Vec<bool>,
    /// Where each token's lower-case lemma is ([`Sent::lemma`]), found once:
    /// the coder asks for lemmas many times per token.
    lemma_at: Vec<LemmaAt>,
    /// The lower-cased lemmas that had capitals, one after the other.
    lemma_buf: String,
    /// PETRARCH's `new_actor_length`: a subject or object phrase of at most this
    /// many words with no actor in the dictionaries becomes an actor of its own,
    /// coded by its words in quotes (`"THE MINISTRY OF MAGIC"`); 0 turns it off.
    pub new_actor_length: usize,
}

/// A day name (the first seven entries of [`DAYS_MONTHS`]).
fn is_day(w: &str) -> bool {
    DAYS_MONTHS[..7].contains(&w)
}

/// Day and month names: a date next to a role noun is no one's name.
const DAYS_MONTHS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
];

const CLAUSAL: &[&str] = &[
    "ccomp",
    "xcomp",
    "advcl",
    "acl",
    "acl:relcl",
    "csubj",
    "parataxis",
];

/// Where a token's lower-case lemma is kept.
#[derive(Debug, Clone, Copy)]
enum LemmaAt {
    /// The token's own lemma, already in lower case.
    Own,
    /// No lemma (empty or `_`): the token's lower-case form.
    Form,
    /// A byte range of [`Sent::lemma_buf`].
    Buf(u32, u32),
}

/// Where the lower-case lemmas of `tokens` are, with the lower-cased ones
/// that had capitals written to `buf` (no allocation per token).
fn lemma_places(tokens: &[AnalyzedToken], buf: &mut String) -> Vec<LemmaAt> {
    tokens
        .iter()
        .map(|t| {
            let l = t.lemma.as_str();
            if l.is_empty() || l == "_" {
                return LemmaAt::Form;
            }
            let start = buf.len() as u32;
            if l.is_ascii() {
                if !l.bytes().any(|b| b.is_ascii_uppercase()) {
                    return LemmaAt::Own;
                }
                buf.extend(l.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                let low = l.to_lowercase();
                if low == l {
                    return LemmaAt::Own;
                }
                buf.push_str(&low);
            }
            LemmaAt::Buf(start, buf.len() as u32)
        })
        .collect()
}

fn rel_base(r: &str) -> &str {
    r.split(':').next().unwrap_or(r)
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "it" | "they" | "we" | "him" | "her" | "them"
    )
}

const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "announce",
    "state",
    "claim",
    "report",
    "add",
    "note",
    "insist",
    "declare",
    "write",
    "warn",
    "confirm",
    "deny",
    "acknowledge",
    "argue",
    "assert",
    "believe",
    "explain",
    "indicate",
    "reveal",
    "suggest",
    "told",
    "said",
    "says",
    "stress",
    "emphasize",
    "emphasise",
    "allege",
    "admit",
    "reiterate",
    "predict",
    "maintain",
    "quote",
    "tweet",
    "post",
    "clarify",
    "remark",
    "recall",
    "observe",
];

const INTENT_HEADS: &[&str] = &[
    "plan", "agree", "intend", "want", "ready", "willing", "prepare", "promise", "vow", "seek",
    "aim", "hope", "pledge", "offer", "propose", "threaten", "expect", "decide", "consider",
    "prepared", "open", "try", "attempt", "wish", "mean", "set", "schedule", "due", "slate",
];

const NEG_HEADS: &[&str] = &[
    "refuse",
    "fail",
    "decline",
    "reject",
    "deny",
    "unwilling",
    "unable",
    "stop",
    "cease",
    "avoid",
];

impl<'a> Sent<'a> {
    /// Prepares a sentence: tree arrays and mentions.
    pub fn new(sent: &'a AnalyzedSentence, dicts: &Dictionaries, date: Option<Date>) -> Sent<'a> {
        let n = sent.tokens.len();
        let lower: Vec<String> = sent.tokens.iter().map(|t| t.form.to_lowercase()).collect();
        let mut head = vec![None; n];
        let mut children = vec![Vec::new(); n];
        for (i, t) in sent.tokens.iter().enumerate() {
            if t.head >= 1 && t.head <= n && t.head - 1 != i {
                head[i] = Some(t.head - 1);
                children[t.head - 1].push(i);
            }
        }
        // A word joined by underscores ("Dol_Amroth", PETRARCH's connector) is
        // matched as its parts; `of` maps each part back to its token.
        // A hyphenated word the tokenizer split with no space around the hyphen
        // ("Barad - dur" from "Barad-dur") is matched whole.
        let mut forms: Vec<std::borrow::Cow<str>> = Vec::with_capacity(n);
        let mut of: Vec<(usize, usize)> = Vec::with_capacity(n);
        let mut i = 0;
        while i < n {
            let t = &sent.tokens[i];
            let f = t.form.as_str();
            let joined = i + 2 < n
                && sent.tokens[i + 1].form == "-"
                && t.span.end == sent.tokens[i + 1].span.start
                && sent.tokens[i + 1].span.end == sent.tokens[i + 2].span.start
                && t.span.end > t.span.start;
            if joined {
                forms.push(format!("{f}-{}", sent.tokens[i + 2].form).into());
                of.push((i, i + 2));
                i += 3;
                continue;
            }
            // The same split as "military" + "-ruled".
            let glued_suffix = i + 1 < n
                && sent.tokens[i + 1].form.len() > 1
                && sent.tokens[i + 1].form.starts_with('-')
                && t.span.end == sent.tokens[i + 1].span.start
                && t.span.end > t.span.start;
            if glued_suffix {
                forms.push(format!("{f}{}", sent.tokens[i + 1].form).into());
                of.push((i, i + 1));
                i += 2;
                continue;
            }
            if f.len() > 2 && f.contains('_') && !f.starts_with('_') && !f.ends_with('_') {
                for part in f.split('_').filter(|p| !p.is_empty()) {
                    forms.push(part.into());
                    of.push((i, i));
                }
            } else {
                forms.push(f.into());
                of.push((i, i));
            }
            i += 1;
        }
        let forms: Vec<&str> = forms.iter().map(|f| f.as_ref()).collect();
        let span = |a: usize, b: usize| (of[a].0, of[b - 1].1 + 1);
        let mut mentions = Vec::new();
        let mut mention_at = vec![None; n];
        for mut m in dicts.actors.find_mentions(&forms) {
            (m.start, m.end) = span(m.start, m.end);
            if let Some((code, _)) = dicts.actors.code_for_mention(&m, date) {
                let code = match dicts.composite_codes.get(code) {
                    Some(list) => list.join("/"),
                    None => code.to_string(),
                };
                let codes: Vec<String> = code
                    .split('/')
                    .map(|c| c.trim().to_uppercase())
                    .filter(|c| !c.is_empty())
                    .collect();
                let id = mentions.len();
                for slot in mention_at.iter_mut().take(m.end).skip(m.start) {
                    *slot = Some(id);
                }
                mentions.push(Mention {
                    start: m.start,
                    end: m.end,
                    kind: MentionKind::Actor(codes),
                });
            }
        }
        for mut m in dicts.agents.matcher.find_longest(&forms) {
            (m.start, m.end) = span(m.start, m.end);
            if (m.start..m.end).any(|i| mention_at[i].is_some()) {
                continue;
            }
            let id = mentions.len();
            for slot in mention_at.iter_mut().take(m.end).skip(m.start) {
                *slot = Some(id);
            }
            mentions.push(Mention {
                start: m.start,
                end: m.end,
                kind: MentionKind::Agent(dicts.agents.agents[m.value as usize].clone()),
            });
        }
        let mut lemma_buf = String::new();
        let lemma_at = lemma_places(&sent.tokens, &mut lemma_buf);
        let mut out = Sent {
            sent,
            lower,
            lemma_at,
            lemma_buf,
            head,
            children,
            mentions,
            mention_at,
            context_actor: None,
            hidden: vec![false; n],
            rels: sent.tokens.iter().map(|t| t.deprel.clone()).collect(),
            noun: vec![false; n],
            new_actor_length: 0,
        };
        out.repair();
        out
    }

    /// Mends parse errors that are plausible and recognisable from the tree
    /// itself (the coder must not lose an event to them):
    /// - a content verb attached as an auxiliary ("Arnor will abandon[aux]
    ///   improved relations"): it heads the clause, the verb it hung from becomes
    ///   its complement;
    /// - a root noun phrase hiding a clause ("Russian police arrested[amod]
    ///   students"): a past participle or past verb between a compound noun and
    ///   its head, with no verb above, becomes the predicate, the compound its
    ///   subject and the head its object;
    /// - two adjacent subjects of one verb with nothing between them ("Dagolath's
    ///   first Deputy | Prime Minister Telemar left"): one phrase;
    /// - "said Tuesday[obj] that ...[acl:relcl]": the day is the time of
    ///   saying, the clause what was said;
    /// - a subject read as a conjunct of the time phrase before it ("Late on
    ///   Tuesday, Foreign Minister Sergey Lavrov[conj] ... criticized NATO");
    /// - a plural noun tagged as a verb in a prepositional phrase ("for the
    ///   Jeddah talks[VBZ] with"): the noun of that phrase.
    fn repair(&mut self) {
        let n = self.lower.len();
        const AUX: &[&str] = &[
            "be", "have", "do", "will", "would", "shall", "should", "can", "could", "may", "might",
            "must", "get", "'ll", "'d", "wo", "ca", "ought", "need", "dare", "to", "become", "'s",
            "'re", "'ve", "'m",
        ];
        // A content verb as an auxiliary.
        for t in 0..n {
            let tok = &self.sent.tokens[t];
            if !matches!(self.rels[t].as_str(), "aux" | "aux:pass") || !tok.xpos.starts_with("VB") {
                continue;
            }
            let lemma = self.lemma(t);
            let lower_form = tok.form.chars().next().is_some_and(|c| c.is_lowercase());
            if AUX.contains(&lemma) || AUX.contains(&self.lower[t].as_str()) || !lower_form {
                continue;
            }
            let Some(h) = self.head[t] else { continue };
            if t > h {
                continue;
            }
            self.set_head(t, self.head[h]);
            self.rels[t] = self.rels[h].clone();
            self.set_head(h, Some(t));
            self.rels[h] = "xcomp".into();
            // Its subject and auxiliaries before it move up with it.
            let before: Vec<usize> = self.children_where(h, |k| k < t);
            for k in before {
                let r = self.rels[k].clone();
                if r.starts_with("nsubj") || r.starts_with("aux") || r == "advmod" {
                    self.set_head(k, Some(t));
                    if r == "nsubj:pass" {
                        self.rels[k] = "nsubj".into();
                    }
                }
            }
        }
        // A to-infinitive hung on a copula ("officials are[cop] about to
        // restore[nsubj of 'are'] ties"): it is the clause's predicate, the
        // copula's head its subject.
        for t in 0..n {
            let Some(c) = self.head[t] else { continue };
            if !self.sent.tokens[t].xpos.starts_with("VB")
                || !matches!(self.rels[c].as_str(), "cop" | "aux")
                || !self.children[t].iter().any(|&m| self.lower[m] == "to")
            {
                continue;
            }
            let Some(h) = self.head[c] else { continue };
            if h > c || !self.sent.tokens[h].xpos.starts_with("NN") || self.head[h].is_some() {
                continue;
            }
            self.set_head(t, None);
            self.rels[t] = "root".into();
            self.set_head(h, Some(t));
            self.rels[h] = "nsubj".into();
            // The copula and what follows it; the subject keeps its own
            // modifiers ("officials in the White House").
            let mut moved: Vec<usize> = self.children_where(h, |k| k != t && k > c);
            moved.push(c);
            for k in moved {
                self.set_head(k, Some(t));
            }
            self.rels[c] = "aux".into();
            break;
        }
        // A clause read as a noun phrase.
        let verb_root = (0..n).any(|i| self.head[i].is_none() && self.is_verbal(i));
        if !verb_root {
            for t in 0..n {
                let x = self.sent.tokens[t].xpos.as_str();
                if self.rels[t] != "amod" || !(x == "VBD" || x == "VBN") {
                    continue;
                }
                let Some(h) = self.head[t] else { continue };
                if h < t || self.head[h].is_some() || !self.sent.tokens[h].xpos.starts_with("NN") {
                    continue;
                }
                let subj = self.children[h].iter().copied().find(|&c| {
                    c < t
                        && self.rels[c] == "compound"
                        && c + 1 == t
                        && self.sent.tokens[c].xpos.starts_with("NN")
                });
                let Some(c) = subj else { continue };
                self.set_head(t, None);
                self.rels[t] = "root".into();
                self.set_head(c, Some(t));
                self.rels[c] = "nsubj".into();
                self.set_head(h, Some(t));
                self.rels[h] = "obj".into();
                break;
            }
        }
        // "Ithilen's militia vowed[acl] on Thursday to wage[acl] war": a root
        // noun whose modifier right after it is a past verb with no subject.
        let verb_root = (0..n).any(|i| self.head[i].is_none() && self.is_verbal(i));
        if !verb_root {
            if let Some(h) = (0..n).find(|&i| self.head[i].is_none()) {
                let t = h + 1;
                let ok = t < n
                    && self.head[t] == Some(h)
                    && self.rels[t] == "acl"
                    && matches!(self.sent.tokens[t].xpos.as_str(), "VBD" | "VBN")
                    && self.sent.tokens[h].xpos.starts_with("NN")
                    && !self.children[t]
                        .iter()
                        .any(|&k| self.rels[k].starts_with("nsubj"));
                // A participle is a headline passive ("10 soldiers killed by
                // police") unless a complement shows a verb of saying or
                // intending ("militia vowed ... to wage war").
                let by_agent = t < n
                    && self.children[t]
                        .iter()
                        .any(|&k| self.children[k].iter().any(|&m| self.lower[m] == "by"));
                let marked = |k: usize| {
                    self.children[k]
                        .iter()
                        .any(|&m| matches!(self.lower[m].as_str(), "to" | "that"))
                };
                let complement = self.children[h]
                    .iter()
                    .any(|&k| k > t && self.rels[k] == "acl" && marked(k))
                    || t < n
                        && self.children[t].iter().any(|&k| {
                            k > t && matches!(self.rels[k].as_str(), "xcomp" | "ccomp") && marked(k)
                        });
                let ok = ok && !by_agent && (self.sent.tokens[t].xpos == "VBD" || complement);
                if ok {
                    self.set_head(t, None);
                    self.rels[t] = "root".into();
                    self.set_head(h, Some(t));
                    self.rels[h] = "nsubj".into();
                    let after: Vec<usize> = self.children_where(h, |k| k > t);
                    for k in after {
                        let to_inf = self.children[k].iter().any(|&m| self.lower[m] == "to");
                        self.set_head(k, Some(t));
                        if self.rels[k] == "acl" && to_inf {
                            self.rels[k] = "xcomp".into();
                        } else if self.rels[k] == "punct" || self.rels[k] == "acl" {
                            // stays as it was, now under the verb
                        } else if rel_base(&self.rels[k]) == "nmod" {
                            self.rels[k] = "obl".into();
                        }
                    }
                }
            }
        }
        // A reduced relative read as a clause of its own ("The prisoners
        // held[advcl] since May were released by the army", with "prisoners"
        // the subject of "held"): a passive verb without subject and a past
        // participle before it, with no auxiliary, whose subject comes right
        // before it. The noun is the passive's subject, the participle its
        // modifier.
        for v in 0..n {
            let passive_aux = self.children[v].iter().any(|&k| {
                k < v && self.rels[k] == "aux:pass" && matches!(self.lemma(k), "be" | "get")
            });
            let has_subj = self.children[v]
                .iter()
                .any(|&k| self.rels[k].starts_with("nsubj"));
            if !passive_aux || has_subj || !self.is_verbal(v) {
                continue;
            }
            let Some(a) = self.children[v].iter().copied().find(|&a| {
                a < v
                    && matches!(self.rels[a].as_str(), "advcl" | "ccomp" | "csubj")
                    && self.sent.tokens[a].xpos == "VBN"
            }) else {
                continue;
            };
            let own_aux = self.children[a]
                .iter()
                .any(|&k| self.rels[k].starts_with("aux") || self.rels[k] == "mark");
            let Some(c) = self.children[a].iter().copied().find(|&c| {
                c < a
                    && self.rels[c] == "nsubj"
                    && self.sent.tokens[c].xpos.starts_with("NN")
                    && c + 1 == a
            }) else {
                continue;
            };
            if own_aux {
                continue;
            }
            self.set_head(c, Some(v));
            self.rels[c] = "nsubj:pass".into();
            self.set_head(a, Some(c));
            self.rels[a] = "acl".into();
            // The noun's own modifiers ("The") stay with it.
            let before: Vec<usize> = self.children_where(a, |k| k < c);
            for k in before {
                if matches!(
                    self.rels[k].as_str(),
                    "det" | "amod" | "compound" | "nummod"
                ) {
                    self.set_head(k, Some(c));
                }
            }
        }
        // A participle read as the main verb ("A report released[root] on
        // Tuesday alleged[advcl] that ..."): a finite verb without subject or
        // marker cannot be an adverbial clause; it is the predicate, and the
        // participle (no auxiliary, no object) modifies the subject. "came"
        // cannot be a participle of a reduced relative ([`Self::participle_form`]).
        if let Some(r) = (0..n)
            .find(|&i| self.head[i].is_none())
            .filter(|&r| self.participle_form(r))
        {
            let root_kids = self.children[r].clone();
            let subj = root_kids.iter().copied().find(|&c| {
                c < r && self.rels[c] == "nsubj" && self.sent.tokens[c].xpos.starts_with("NN")
            });
            let plain = !root_kids
                .iter()
                .any(|&k| self.rels[k].starts_with("aux") || self.rels[k] == "obj");
            let main = root_kids.iter().copied().find(|&a| {
                a > r
                    && self.rels[a] == "advcl"
                    && matches!(self.sent.tokens[a].xpos.as_str(), "VBD" | "VBZ" | "VBP")
                    && !self.children[a].iter().any(|&k| {
                        self.rels[k].starts_with("nsubj")
                            || self.rels[k] == "mark"
                            || self.rels[k].starts_with("aux")
                            || self.lower[k] == "to"
                    })
            });
            if let (Some(c), true, Some(a)) = (subj, plain, main) {
                self.set_head(a, None);
                self.rels[a] = "root".into();
                self.set_head(c, Some(a));
                self.set_head(r, Some(c));
                self.rels[r] = "acl".into();
                for &k in root_kids.iter().filter(|&&k| k > a) {
                    self.set_head(k, Some(a));
                }
            }
        }
        // An existential with a participle ("There were ten soldiers killed
        // in the city", "killed" read as a past verb with "soldiers" its
        // subject): the soldiers underwent the act.
        for v in 0..n {
            let Some(h) = self.head[v] else { continue };
            // The cheap tests first.
            if !self.participle_form(v)
                || self.lemma(h) != "be"
                || !self.children[h].iter().any(|&k| self.rels[k] == "expl")
                || self.children[v].iter().any(|&k| self.rels[k] == "obj")
            {
                continue;
            }
            if let Some(c) = self.children[v]
                .iter()
                .copied()
                .find(|&c| c < v && self.rels[c] == "nsubj")
            {
                self.rels[c] = "nsubj:pass".into();
            }
        }
        // Two adjacent subjects (or an "object" before the verb right before
        // its subject: "Gryffindor's head[obj] Minerva McGonagall[nsubj] left").
        for v in 0..n {
            let subs: Vec<usize> = self.children_where(v, |c| {
                c < v && matches!(self.rels[c].as_str(), "nsubj" | "obj")
            });
            if subs.len() != 2 || !self.is_verbal(v) || self.rels[subs[1]] != "nsubj" {
                continue;
            }
            let (a, b) = (subs[0], subs[1]);
            let mut sa = Vec::new();
            self.collect(a, &mut sa);
            let mut sb = Vec::new();
            self.collect(b, &mut sb);
            let a_end = sa.iter().copied().max().unwrap_or(a);
            let b_start = sb.iter().copied().min().unwrap_or(b);
            if a_end + 1 == b_start && b < v {
                self.set_head(a, Some(b));
                self.rels[a] = "compound".into();
            }
        }
        // "said Tuesday that it would resume cooperation": a bare day after a
        // speech verb is the time of saying, not its object, and the clause
        // after it is what was said, not a relative clause on the day.
        for t in 0..n {
            if !DAYS_MONTHS.contains(&self.lower[t].as_str())
                || !matches!(
                    self.rels[t].as_str(),
                    "obj" | "obl:tmod" | "obl" | "nmod:tmod"
                )
            {
                continue;
            }
            let Some(v) = self.head[t].filter(|&v| v < t) else {
                continue;
            };
            if !self.is_verbal(v) || !SPEECH_VERBS.contains(&self.lemma(v)) {
                continue;
            }
            if self.children[t].iter().any(|&k| self.rels[k] == "det") {
                continue;
            }
            let clause = self.children[t].iter().copied().find(|&r| {
                r > t
                    && matches!(self.rels[r].as_str(), "acl:relcl" | "acl")
                    && self.is_verbal(r)
                    && self.children[r].iter().any(|&k| {
                        self.rels[k] == "mark" && self.lower[k] == "that"
                            || self.rels[k].starts_with("nsubj")
                                && !matches!(self.lower[k].as_str(), "that" | "which" | "who")
                    })
            });
            let Some(r) = clause else { continue };
            self.set_head(r, Some(v));
            self.rels[r] = "ccomp".into();
            self.rels[t] = "obl:tmod".into();
        }
        // A subject read as a conjunct of the time phrase before it ("Late
        // on Tuesday, Russian Foreign Minister Sergey Lavrov[conj of Tuesday]
        // criticized NATO"): a person or role phrase is no date. It becomes
        // the subject of the verb the time phrase hangs on, or, when that
        // verb has a subject right after it, part of that subject's name
        // ("Saudi Crown Prince[conj] Mohammed bin Salman[nsubj] met").
        const TIME: &[&str] = &[
            "today",
            "yesterday",
            "tonight",
            "morning",
            "afternoon",
            "evening",
            "night",
            "week",
            "weekend",
        ];
        for c in 0..n {
            if self.rels[c] != "conj"
                || !matches!(self.sent.tokens[c].upos.as_str(), "PROPN" | "NOUN")
            {
                continue;
            }
            let Some(t) = self.head[c].filter(|&t| t < c) else {
                continue;
            };
            let time = |k: usize| {
                DAYS_MONTHS.contains(&self.lower[k].as_str())
                    || TIME.contains(&self.lower[k].as_str())
            };
            if !time(t) || time(c) {
                continue;
            }
            // The verb the time phrase modifies, after the conjunct.
            let mut v = t;
            let mut found = None;
            for _ in 0..3 {
                if !matches!(
                    self.rels[v].as_str(),
                    "obl" | "obl:tmod" | "advmod" | "nmod:tmod"
                ) {
                    break;
                }
                let Some(h) = self.head[v] else { break };
                if self.is_verbal(h) {
                    found = Some(h);
                    break;
                }
                v = h;
            }
            let Some(v) = found.filter(|&v| v > c) else {
                continue;
            };
            let mut sub = Vec::new();
            self.collect(c, &mut sub);
            let end = sub.iter().copied().max().unwrap_or(c) + 1;
            let subj = self.children[v]
                .iter()
                .copied()
                .find(|&k| self.rels[k].starts_with("nsubj"));
            match subj {
                None => {
                    self.set_head(c, Some(v));
                    self.rels[c] = "nsubj".into();
                }
                Some(sj) => {
                    let mut ssub = Vec::new();
                    self.collect(sj, &mut ssub);
                    let start = sub.iter().copied().min().unwrap_or(c);
                    // Not over a comma: "Burkina Faso[conj], Mali and Niger"
                    // is a list.
                    if ssub.iter().copied().min() == Some(end)
                        && self.sent.tokens[end].upos != "PUNCT"
                    {
                        self.set_head(c, Some(sj));
                        self.rels[c] = "compound".into();
                    } else if ssub.iter().copied().max().map(|m| m + 1) == Some(start) {
                        // "Crown Prince[now the subject] Mohammed bin Salman[conj]".
                        self.set_head(c, Some(sj));
                        self.rels[c] = "appos".into();
                    } else {
                        continue;
                    }
                }
            }
            // The comma before it belonged to the time phrase.
            let commas: Vec<usize> = self.children_where(c, |k| k < c);
            for k in commas {
                if self.rels[k] == "punct" {
                    self.set_head(k, Some(t));
                }
            }
        }
        // A plural noun tagged as a verb inside a prepositional phrase ("will
        // join the adviser for the Jeddah talks[VBZ] with Ukrainian
        // officials", read as "the adviser ... talks with"): a preposition, a
        // determiner and nominal words right before a present-tense verb
        // make it the noun of that phrase. The verb's subject goes back to
        // the verb above as its object.
        for v in 1..n {
            let tok = &self.sent.tokens[v];
            if tok.xpos != "VBZ" || !self.lower[v].ends_with('s') {
                continue;
            }
            let Some(hv) = self.head[v].filter(|&h| h < v && self.is_verbal(h)) else {
                continue;
            };
            let mut d = v - 1;
            while d > 0 && {
                let x = self.sent.tokens[d].xpos.as_str();
                x.starts_with("NN") || x == "JJ"
            } {
                d -= 1;
            }
            if d + 1 == v
                || d == 0
                || !matches!(
                    self.lower[d].as_str(),
                    "the" | "a" | "an" | "this" | "these"
                )
                || self.rels[d - 1] != "case"
                || self.sent.tokens[d - 1].upos != "ADP"
                || self.children[v].iter().any(|k| (d..v).contains(k))
            {
                continue;
            }
            self.noun[v] = true;
            self.set_head(v, Some(hv));
            self.rels[v] = "obl".into();
            for k in d - 1..v {
                // The phrase's preposition and determiner and its outside
                // attachments move to the noun.
                let outside = self.head[k].is_none_or(|h| !(d - 1..=v).contains(&h));
                if outside || k == d - 1 || k == d {
                    self.set_head(k, Some(v));
                    if !matches!(self.rels[k].as_str(), "case" | "det") {
                        self.rels[k] = "compound".into();
                    }
                }
            }
            let kids: Vec<usize> = self.children[v].clone();
            for k in kids {
                if (d - 1..v).contains(&k) {
                    continue;
                }
                match self.rels[k].as_str() {
                    "nsubj" if k < d => {
                        self.set_head(k, Some(hv));
                        self.rels[k] = "obj".into();
                    }
                    "obl" if k > v => self.rels[k] = "nmod".into(),
                    "advcl" | "punct" | "parataxis" => self.set_head(k, Some(hv)),
                    _ => {}
                }
            }
        }
        debug_assert!(self.children_in_step());
    }

    /// Token indices of the subtree of `i` (on the current arrays).
    fn collect(&self, i: usize, out: &mut Vec<usize>) {
        out.push(i);
        for &k in &self.children[i] {
            if !out.contains(&k) {
                self.collect(k, out);
            }
        }
    }

    /// The children of `x` that `keep` accepts, in token order (a copy, so
    /// the caller may move them while walking it).
    fn children_where(&self, x: usize, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        self.children[x]
            .iter()
            .copied()
            .filter(|&k| keep(k))
            .collect()
    }

    /// Sets the head of `k`, keeping `children` in step (each list in token
    /// order, as [`Sent::new`] builds it): the repairs look children up
    /// there instead of scanning the sentence.
    fn set_head(&mut self, k: usize, h: Option<usize>) {
        if self.head[k] == h {
            return;
        }
        if let Some(old) = self.head[k] {
            self.children[old].retain(|&c| c != k);
        }
        if let Some(new) = h {
            let list = &mut self.children[new];
            let at = list.partition_point(|&c| c < k);
            list.insert(at, k);
        }
        self.head[k] = h;
    }

    /// Does `children` list exactly the tokens whose head each token is, in
    /// token order?
    fn children_in_step(&self) -> bool {
        let mut built = vec![Vec::new(); self.head.len()];
        for (i, h) in self.head.iter().enumerate() {
            if let Some(h) = h {
                built[*h].push(i);
            }
        }
        built == self.children
    }

    /// Leaves out comma-delimited clauses whose length falls in the limits. Only
    /// commas at clause level count (a comma inside a noun phrase, "complete, full
    /// ties", does not delimit a clause).
    pub fn eliminate_comma_clauses(&mut self, lim: &CommaLimits) {
        let n = self.lower.len();
        let commas: Vec<usize> = (0..n)
            .filter(|&i| {
                self.lower[i] == ","
                    // A serial comma ("the US, Russia, and Switzerland") is part
                    // of the list whatever the parser attached it to.
                    && !(i > 0
                        && i + 2 < n
                        && matches!(self.lower[i + 1].as_str(), "and" | "or")
                        && self.sent.tokens[i - 1].xpos.starts_with("NNP")
                        && self.sent.tokens[i + 2].xpos.starts_with("NNP"))
                    && self.head[i].is_none_or(|h| {
                        let t = &self.sent.tokens[h];
                        !(matches!(t.upos.as_str(), "NOUN" | "PROPN" | "ADJ" | "NUM" | "PRON")
                            || t.xpos.starts_with("NN")
                            || t.xpos.starts_with("JJ"))
                    })
            })
            .collect();
        if commas.is_empty() {
            return;
        }
        let words = |a: usize, b: usize| {
            (a..b)
                .filter(|&i| {
                    self.sent.tokens[i].upos != "PUNCT"
                        && !self.sent.tokens[i].xpos.starts_with(['.', ',', ':'])
                })
                .count()
        };
        let hide = |a: usize, b: usize, hidden: &mut Vec<bool>| {
            for h in hidden.iter_mut().take(b).skip(a) {
                *h = true;
            }
        };
        let mut hidden = std::mem::take(&mut self.hidden);
        let first = commas[0];
        let w = words(0, first);
        if lim.bmax > 0 && w >= lim.bmin && w <= lim.bmax {
            hide(0, first + 1, &mut hidden);
        }
        for pair in commas.windows(2) {
            let w = words(pair[0] + 1, pair[1]);
            if lim.max > 0 && w >= lim.min && w <= lim.max {
                hide(pair[0], pair[1], &mut hidden);
            }
        }
        let last = *commas.last().unwrap_or(&0);
        let w = words(last + 1, n);
        if lim.emax > 0 && w >= lim.emin && w <= lim.emax {
            hide(last, n, &mut hidden);
        }
        // Mentions inside hidden clauses are gone too.
        for (slot, &h) in self.mention_at.iter_mut().zip(&hidden) {
            if h {
                *slot = None;
            }
        }
        self.hidden = hidden;
    }

    /// Adds document aliases: a proper noun not matched by the dictionaries whose
    /// form is a known short name ("Umerov" after "Defense Minister Rustem Umerov").
    pub fn add_aliases(&mut self, aliases: &std::collections::HashMap<String, FoundActor>) {
        if aliases.is_empty() {
            return;
        }
        for i in 0..self.lower.len() {
            if self.mention_at[i].is_some() {
                continue;
            }
            let t = &self.sent.tokens[i];
            if !(t.upos == "PROPN" || t.xpos.starts_with("NNP")) {
                continue;
            }
            if let Some(a) = aliases.get(&self.lower[i]) {
                let id = self.mentions.len();
                self.mention_at[i] = Some(id);
                self.mentions.push(Mention {
                    start: i,
                    end: i + 1,
                    kind: MentionKind::Actor(vec![a.code.clone()]),
                });
            }
        }
    }

    /// Is token `i` part of any actor name or agent noun?
    pub fn is_mention(&self, i: usize) -> bool {
        self.mention_at[i].is_some()
    }

    /// Is token `i` part of a dictionary actor name (not an agent noun)?
    pub fn is_dictionary_actor(&self, i: usize) -> bool {
        self.mention_at[i].is_some_and(|m| matches!(self.mentions[m].kind, MentionKind::Actor(_)))
    }

    pub(crate) fn rel(&self, i: usize) -> &str {
        &self.rels[i]
    }

    /// The lower-case lemma of token `i` (its lower-case form when the parse
    /// gives no lemma).
    pub(crate) fn lemma(&self, i: usize) -> &str {
        match self.lemma_at[i] {
            LemmaAt::Own => &self.sent.tokens[i].lemma,
            LemmaAt::Form => &self.lower[i],
            LemmaAt::Buf(a, b) => &self.lemma_buf[a as usize..b as usize],
        }
    }

    /// A past participle, or a regular past form ("released"), which reads as
    /// either.
    fn participle_form(&self, i: usize) -> bool {
        match self.sent.tokens[i].xpos.as_str() {
            "VBN" => true,
            "VBD" => self.lower[i].ends_with("ed"),
            _ => false,
        }
    }

    fn is_verbal(&self, i: usize) -> bool {
        let t = &self.sent.tokens[i];
        (t.xpos.starts_with("VB") || t.upos == "VERB" || t.upos == "AUX") && !self.noun[i]
    }

    /// Token indices of the subtree of `i`, leaving out children with the given relations.
    fn subtree(&self, i: usize, skip: &dyn Fn(usize) -> bool, out: &mut Vec<usize>) {
        out.push(i);
        for &c in &self.children[i] {
            if !skip(c) {
                self.subtree(c, skip, out);
            }
        }
    }

    /// The head of the nominal phrase a token belongs to.
    pub(crate) fn phrase_head(&self, mut i: usize) -> usize {
        for _ in 0..6 {
            let r = self.rel(i);
            let climb = matches!(
                r,
                "compound"
                    | "flat"
                    | "flat:name"
                    | "amod"
                    | "nmod:poss"
                    | "nmod:desc"
                    | "det"
                    | "nummod"
                    | "case"
                    | "fixed"
                    | "goeswith"
            );
            match (climb, self.head[i]) {
                (true, Some(h))
                    if !self.is_verbal(h)
                        || self.sent.tokens[h].xpos == "VBG"
                        || self.sent.tokens[h].xpos == "VBN" && r == "amod" =>
                {
                    i = h
                }
                _ => break,
            }
        }
        i
    }

    /// Tokens of the nominal core of `h`: the head and its pre-modifiers.
    fn np_core(&self, h: usize, out: &mut Vec<usize>) {
        out.push(h);
        for &c in &self.children[h] {
            let r = self.rel(c);
            if matches!(
                r,
                "compound"
                    | "flat"
                    | "flat:name"
                    | "amod"
                    | "nmod:poss"
                    | "nmod:desc"
                    | "det"
                    | "nummod"
                    | "case"
                    | "fixed"
                    | "advmod"
            ) {
                self.np_core(c, out);
            }
        }
    }

    /// Countries and agents of one nominal (no conjuncts).
    fn resolve_member(&self, h: usize, depth: usize) -> Member {
        let mut core = Vec::new();
        self.np_core(h, &mut core);
        core.sort_unstable();
        let mut countries: Vec<String> = Vec::new();
        let mut agents: Vec<Agent> = Vec::new();
        let mut modifier_agents: Vec<Agent> = Vec::new();
        let mut seen = Vec::new();
        let (mut lo, mut hi) = (h, h + 1);
        let mut former = false;
        for &t in &core {
            if self.lower[t] == "former" || self.lower[t] == "ex" {
                former = true;
            }
            if let Some(m) = self.mention_at[t] {
                if seen.contains(&m) {
                    continue;
                }
                seen.push(m);
                let men = &self.mentions[m];
                match &men.kind {
                    MentionKind::Actor(codes) => {
                        // One country per nominal: the first named ("Ithilen's minister
                        // Calimehtar" is Ithilen's).
                        if countries.is_empty() {
                            countries = codes.clone();
                        }
                        // The span covers every name in the nominal
                        // ("Ukrainian President Volodymyr Zelenskyy"), even
                        // when the first one gives the code.
                        lo = lo.min(men.start);
                        hi = hi.max(men.end);
                    }
                    MentionKind::Agent(a) => {
                        lo = lo.min(men.start);
                        hi = hi.max(men.end);
                        if !(men.start..men.end).contains(&h) {
                            modifier_agents.push(a.clone());
                        }
                        agents.push(a.clone());
                    }
                }
            }
        }
        // "Eriadori and Calenardhon leaders": coordinated country modifiers give
        // one actor each.
        for &t in &core {
            if t == h || !matches!(self.rel(t), "compound" | "amod" | "nmod:poss") {
                continue;
            }
            for &k in &self.children[t] {
                if self.rel(k) != "conj" || self.is_verbal(k) {
                    continue;
                }
                if let Some(MentionKind::Actor(codes)) =
                    self.mention_at[k].map(|m| &self.mentions[m].kind)
                {
                    for c in codes {
                        if !countries.contains(c) {
                            countries.push(c.clone());
                        }
                    }
                    lo = lo.min(k);
                }
            }
        }
        // "the government of Gondor", "lawmakers in Fornost": the country from a
        // prepositional modifier, only for a role noun without one.
        // A noun without role takes only an `of` phrase ("the goats of Gondor").
        if countries.is_empty() && depth < 3 {
            for &c in &self.children[h] {
                if rel_base(self.rel(c)) != "nmod" && self.rel(c) != "obl" {
                    continue;
                }
                let case = self.children[c]
                    .iter()
                    .find(|&&k| self.rel(k) == "case")
                    .map(|&k| self.lower[k].clone())
                    .unwrap_or_default();
                if !matches!(case.as_str(), "of" | "in" | "from" | "for" | "at")
                    || (agents.is_empty() && case != "of")
                {
                    continue;
                }
                let inner = self.resolve_at(c, depth + 1);
                if !inner.is_empty() {
                    for a in inner {
                        // "exiled leaders of Egypt's Muslim Brotherhood": the
                        // role of the head comes right after the country, the
                        // organisation's own agents after it (EGY OPP MUS).
                        let code = match &a.country {
                            Some(cc)
                                if !agents.is_empty()
                                    && !a.agents.is_empty()
                                    && a.code.starts_with(cc.as_str()) =>
                            {
                                let mut all = agents.clone();
                                all.extend(a.agents.iter().map(|x| Agent {
                                    code: x.clone(),
                                    prefix: false,
                                }));
                                compose(cc, &all)
                            }
                            _ => a.code,
                        };
                        countries.push(code);
                        hi = hi.max(a.tokens.1);
                    }
                    break;
                }
            }
        }
        // "helped the dissidents [from Egypt]": a prepositional phrase right
        // after a role noun that the parser attached to the verb belongs to the
        // noun.
        if countries.is_empty() && !agents.is_empty() && depth < 3 {
            if let Some(v) = self.head[h].filter(|&v| self.is_verbal(v)) {
                let mut sub = Vec::new();
                self.subtree(h, &|c| self.rel(c) == "conj", &mut sub);
                let end = sub.iter().copied().max().unwrap_or(h) + 1;
                for &c in &self.children[v] {
                    if self.rel(c) != "obl" || span_of(self, c).0 != end {
                        continue;
                    }
                    let case = self.children[c]
                        .iter()
                        .find(|&&k| self.rel(k) == "case")
                        .map(|&k| self.lower[k].as_str())
                        .unwrap_or("");
                    if !matches!(case, "of" | "from" | "in") {
                        continue;
                    }
                    let mut inner = self.resolve_at(c, depth + 1);
                    // The country of a phrase like "Egypt assylum".
                    if inner.is_empty() {
                        for &k in &self.children[c] {
                            if matches!(self.rel(k), "compound" | "amod") {
                                inner = self.resolve_at(k, depth + 1);
                                if !inner.is_empty() {
                                    break;
                                }
                            }
                        }
                    }
                    for a in inner.into_iter().filter(|a| a.country.is_some()) {
                        countries.push(a.code);
                        hi = hi.max(a.tokens.1);
                    }
                    break;
                }
            }
        }
        // A title and the name right after it are one mention ("U.S. national
        // security adviser Mike Waltz", "Secretary of State Marco Rubio"): the
        // span takes a proper name in apposition to the role noun with no
        // punctuation before it, only over words of the title's own phrase.
        if !agents.is_empty() {
            let propn = |k: usize| {
                let t = &self.sent.tokens[k];
                t.upos == "PROPN" || t.xpos.starts_with("NNP")
            };
            let under_h = |mut k: usize| {
                for _ in 0..6 {
                    match self.head[k] {
                        Some(x) if x == h => return true,
                        Some(x) => k = x,
                        None => return false,
                    }
                }
                false
            };
            // A person's name, not a place, an organisation or a date
            // ("officials Monday").
            let person = |k: usize| {
                let t = &self.sent.tokens[k];
                !["LOC", "ORG", "GPE", "MISC"]
                    .iter()
                    .any(|x| t.ner.ends_with(x))
                    && !DAYS_MONTHS.contains(&self.lower[k].as_str())
            };
            for &c in &self.children[h] {
                if self.rel(c) != "appos" || c < hi || !propn(c) || !person(c) {
                    continue;
                }
                if (hi..c).any(|k| self.sent.tokens[k].upos == "PUNCT" || !under_h(k)) {
                    continue;
                }
                let mut end = c + 1;
                while end < self.lower.len()
                    && propn(end)
                    && (self.head[end] == Some(c)
                        || self.head[end] == Some(h) && self.rel(end) == "appos")
                {
                    end += 1;
                }
                hi = end;
                break;
            }
        }
        if former && !agents.is_empty() {
            // A former office holder is an elite, whatever the office.
            agents = vec![Agent {
                code: "ELI".into(),
                prefix: false,
            }];
            modifier_agents.clear();
        }
        Member {
            countries,
            agents,
            modifier_agents,
            span: (lo, hi),
        }
    }

    /// The actor phrase(s) headed by `h`, with conjuncts as a list; a head
    /// without an actor takes its apposition ("Neither Galadriel nor Gollum").
    pub fn resolve_at(&self, h: usize, depth: usize) -> Vec<FoundActor> {
        let out = self.resolve_head(h, depth);
        if out.is_empty()
            && depth < 3
            && matches!(self.sent.tokens[h].upos.as_str(), "DET" | "PRON" | "NUM")
        {
            for &c in &self.children[h] {
                if self.rel(c) == "appos" {
                    let a = self.resolve_head(c, depth + 1);
                    if !a.is_empty() {
                        return a;
                    }
                }
            }
        }
        out
    }

    fn resolve_head(&self, h: usize, depth: usize) -> Vec<FoundActor> {
        let mut members = vec![h];
        let mut k = 0;
        while k < members.len() {
            let m = members[k];
            // Conjuncts of the head, or hung by the parser on a later word of
            // its name ("Barack Obama[flat] and Vladimir Putin").
            let mut around: Vec<usize> = self.children[m].clone();
            for &c in &self.children[m] {
                if matches!(self.rel(c), "flat" | "flat:name") {
                    around.extend(self.children[c].iter().copied());
                }
            }
            for &c in &around {
                // `list`: a coordination the parser read as a list; an
                // "apposition" with its own "and" is a conjunct.
                let coordinated_appos = self.rel(c) == "appos"
                    && self.children[c].iter().any(|&k| {
                        self.rel(k) == "cc" && matches!(self.lower[k].as_str(), "and" | "or")
                    });
                if (matches!(self.rel(c), "conj" | "list") || coordinated_appos)
                    && !self.is_verbal(c)
                    && !members.contains(&c)
                {
                    members.push(c);
                }
            }
            k += 1;
        }
        // "satisfaction toward Gondor and Arnor's Elrond": a conjunct the parser
        // hung on the noun above a prepositional phrase, right after it.
        if matches!(rel_base(self.rel(h)), "nmod" | "obl") {
            if let Some(up) = self.head[h] {
                let mut sub = Vec::new();
                self.subtree(h, &|_| false, &mut sub);
                let end = sub.iter().copied().max().unwrap_or(h) + 1;
                for &c in &self.children[up] {
                    if self.rel(c) != "conj" || c < end || members.contains(&c) {
                        continue;
                    }
                    let mut own = Vec::new();
                    self.subtree(
                        c,
                        &|k| matches!(self.rel(k), "cc" | "punct" | "conj"),
                        &mut own,
                    );
                    let start = own.iter().copied().min().unwrap_or(c);
                    // An "and" or "or" between: a comma alone sets off an
                    // apposition ("an armed group, the Syrian Democratic Forces").
                    let between_ok = start > end
                        && (end..start)
                            .all(|t| matches!(self.lower[t].as_str(), "and" | "or" | ","))
                        && (end..start).any(|t| matches!(self.lower[t].as_str(), "and" | "or"));
                    let mem = self.resolve_member(c, depth);
                    if between_ok && !mem.countries.is_empty() {
                        members.push(c);
                    }
                }
            }
        }
        members.sort_unstable();
        let resolved: Vec<(usize, Member)> = members
            .iter()
            .map(|&m| (m, self.resolve_member(m, depth)))
            .collect();
        // A conjunct without a country takes the first conjunct's country and its
        // modifiers ("the Danish Islamist media and government").
        let shared: Option<&Member> = resolved
            .iter()
            .map(|r| &r.1)
            .find(|r| !r.countries.is_empty());
        let mut out = Vec::new();
        for (m, mem) in &resolved {
            if mem.countries.is_empty() && mem.agents.is_empty() {
                if let Some(a) = self.new_actor(*m).filter(|_| depth == 0) {
                    out.push(a);
                }
                continue;
            }
            let mut agents = mem.agents.clone();
            let cs: Vec<String> = if mem.countries.is_empty() {
                match shared {
                    Some(sh) if members.len() > 1 => {
                        let mut a = sh.modifier_agents.clone();
                        a.extend(agents);
                        agents = a;
                        sh.countries.clone()
                    }
                    _ => vec!["---".to_string()],
                }
            } else {
                mem.countries.clone()
            };
            for c in cs {
                let code = compose(&c, &agents);
                out.push(FoundActor {
                    country: if c == "---" {
                        None
                    } else {
                        Some(c.chars().take(3).collect())
                    },
                    agents: agents.iter().map(|a| a.code.clone()).collect(),
                    code,
                    tokens: mem.span,
                    head: *m,
                });
            }
        }
        out
    }

    /// A phrase without dictionary actor as an actor of its own words
    /// (PETRARCH's `new_actor_length`): a common or proper noun head, its
    /// modifiers and `of` phrases, without conjuncts, clauses, possessive marks
    /// or punctuation, at most `new_actor_length` words.
    fn new_actor(&self, m: usize) -> Option<FoundActor> {
        if self.new_actor_length == 0 || !self.sent.tokens[m].xpos.starts_with("NN") {
            return None;
        }
        const TIME: &[&str] = &[
            "today",
            "yesterday",
            "tomorrow",
            "year",
            "years",
            "month",
            "months",
            "week",
            "weeks",
            "day",
            "days",
            "time",
            "morning",
            "evening",
            "night",
        ];
        let w = self.lower[m].as_str();
        if TIME.contains(&w) || is_day(w) {
            return None;
        }
        let mut toks = Vec::new();
        let skip = |c: usize| {
            matches!(
                self.rel(c),
                "conj" | "cc" | "punct" | "acl" | "acl:relcl" | "appos" | "parataxis" | "list"
            ) || (self.head[c] == Some(m) && self.rel(c) == "case")
                || (rel_base(self.rel(c)) == "nmod"
                    && !self.children[c]
                        .iter()
                        .any(|&k| self.rel(k) == "case" && self.lower[k] == "of")
                    && self.rel(c) != "nmod:poss")
        };
        self.subtree(m, &skip, &mut toks);
        toks.sort_unstable();
        let words: Vec<String> = toks
            .iter()
            .filter(|&&t| {
                let x = self.sent.tokens[t].xpos.as_str();
                x != "POS" && !self.lower[t].chars().all(|c| c.is_ascii_punctuation())
            })
            .map(|&t| self.sent.tokens[t].form.to_uppercase())
            .collect();
        if words.is_empty() || words.len() > self.new_actor_length {
            return None;
        }
        Some(FoundActor {
            code: format!("\"{}\"", words.join(" ")),
            country: None,
            agents: Vec::new(),
            tokens: (toks[0], toks[toks.len() - 1] + 1),
            head: m,
        })
    }

    /// The actors of the phrase a token belongs to (the whole coordination).
    fn actors_of_token(&self, t: usize) -> Vec<FoundActor> {
        let mut h = self.phrase_head(t);
        for _ in 0..4 {
            match self.head[h] {
                Some(x) if self.rel(h) == "conj" && !self.is_verbal(x) => h = self.phrase_head(x),
                _ => break,
            }
        }
        self.resolve_at(h, 0)
    }
}

/// Combines an actor code with agent codes: `[~GOV]` is appended, `[NGO~]`
/// prefixed, and an agent the code already carries is not repeated
/// ("Washington officials" stays USAGOV).
pub fn compose(code: &str, agents: &[Agent]) -> String {
    let mut prefix = String::new();
    let mut out = code.to_string();
    for a in agents {
        if a.code.is_empty() {
            continue;
        }
        let body = out.get(3..).unwrap_or("");
        let already = body.as_bytes().chunks(3).any(|c| c == a.code.as_bytes())
            || body.contains(&a.code)
            || (out.starts_with(&a.code) && a.prefix)
            || prefix.contains(&a.code);
        if already {
            continue;
        }
        if a.prefix {
            prefix.push_str(&a.code);
        } else {
            out.push_str(&a.code);
        }
    }
    format!("{prefix}{out}")
}

/// A predicate found in the sentence with its dictionary entry.
struct Predicate {
    verb: usize,
    verb_end: usize,
    /// Candidate entries, best first (a form may belong to several blocks).
    entries: Vec<usize>,
}

/// The binding of pattern slots to actors.
#[derive(Default, Clone)]
struct Slots {
    /// Pattern words are lemmas.
    by_lemma: bool,
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    /// Tokens matched by literal words and synonym sets of the pattern.
    words: Vec<usize>,
}

/// The words a sentence offers to the literal words of verb patterns: its
/// lower-case forms and lemmas, as two 256-bit sets of (length, first byte,
/// last byte) keys. A pattern with a word that no token matches (see
/// [`Engine::word_at`]) cannot match, so it is skipped before the positional
/// matching (CAMEO.2.0 has hundreds of patterns for some verbs). Keys may
/// collide: a collision only lets a hopeless pattern through to the matcher.
struct SentWords {
    forms: [u64; 4],
    /// Lemmas with ASCII letters lower-cased (`word_at` compares them ignoring
    /// ASCII case).
    lemmas: [u64; 4],
}

/// The bit of a word (bytes given ASCII-lower-cased or as they are).
fn word_bit(b: &[u8], lower: bool) -> usize {
    let f = |c: u8| if lower { c.to_ascii_lowercase() } else { c } as usize;
    let first = b.first().map_or(0, |&c| f(c));
    let last = b.last().map_or(0, |&c| f(c));
    (b.len().wrapping_mul(31) ^ first.wrapping_mul(7) ^ last.wrapping_mul(131)) & 255
}

fn has_bit(set: &[u64; 4], bit: usize) -> bool {
    set[bit >> 6] & (1 << (bit & 63)) != 0
}

impl SentWords {
    fn new(s: &Sent) -> SentWords {
        let mut out = SentWords {
            forms: [0; 4],
            lemmas: [0; 4],
        };
        for w in &s.lower {
            let bit = word_bit(w.as_bytes(), false);
            out.forms[bit >> 6] |= 1 << (bit & 63);
        }
        for t in &s.sent.tokens {
            let bit = word_bit(t.lemma.as_bytes(), true);
            out.lemmas[bit >> 6] |= 1 << (bit & 63);
        }
        out
    }

    /// Could [`Engine::word_at`] accept `w` at some token? (Never false when it could.)
    fn has(&self, w: &str, by_lemma: bool) -> bool {
        let bit = word_bit(w.as_bytes(), false);
        has_bit(&self.forms, bit)
            || (w == "n't" && has_bit(&self.forms, word_bit(b"not", false)))
            || (by_lemma
                && (w.bytes().any(|b| b.is_ascii_uppercase()) || has_bit(&self.lemmas, bit)))
    }

    /// False when a literal word of `pat` is missing from the sentence.
    fn may_match(&self, pat: &Pattern) -> bool {
        pat.lower
            .iter()
            .chain(&pat.upper)
            .all(|item| match &item.elem {
                PatElem::Word(w) => self.has(w, pat.by_lemma),
                _ => true,
            })
    }
}

/// The engine: dictionaries plus options.
pub struct Engine<'d> {
    pub dicts: &'d Dictionaries,
    pub options: EngineOptions,
}

impl<'d> Engine<'d> {
    /// Is the sentence discarded by the discard list?
    fn discard(&self, s: &Sent) -> Option<Discard> {
        let forms: Vec<&str> = s.sent.tokens.iter().map(|t| t.form.as_str()).collect();
        let m = self.dicts.discards.matcher.find_longest(&forms);
        m.first().map(|m| {
            let text = forms[m.start..m.end].join(" ");
            if m.value {
                Discard::Story(text)
            } else {
                Discard::Sentence(text)
            }
        })
    }

    fn find_predicates(&self, s: &Sent) -> Vec<Predicate> {
        let mut out = Vec::new();
        let n = s.lower.len();
        for i in 0..n {
            let t = &s.sent.tokens[i];
            if !(t.xpos.starts_with("VB") || t.upos == "VERB") || s.noun[i] {
                continue;
            }
            if matches!(s.rel(i), "aux" | "aux:pass" | "cop") || s.hidden[i] {
                continue;
            }
            // The participle of a hyphenated modifier ("military-ruled
            // Myanmar", "Al-Qaeda-linked rebels") describes a noun; it is no
            // predicate.
            let glued = |a: usize, b: usize| {
                s.sent.tokens[a].span.end == s.sent.tokens[b].span.start
                    && s.sent.tokens[a].span.end > s.sent.tokens[a].span.start
            };
            if (t.form.len() > 1 && t.form.starts_with('-') && i > 0 && glued(i - 1, i))
                || (i >= 2
                    && t.form != "-"
                    && s.lower[i - 1] == "-"
                    && glued(i - 2, i - 1)
                    && glued(i - 1, i))
            {
                continue;
            }
            let entries = self.dicts.verbs.lookup(&s.lower[i], s.lemma(i));
            let mut cands: Vec<(usize, usize, usize)> = Vec::new(); // (score, entry, end)
            for &e in entries {
                let ve = &self.dicts.verbs.entries[e];
                // Words before: immediately preceding tokens.
                let mut ok = true;
                for (k, w) in ve.before.iter().rev().enumerate() {
                    if i < k + 1 || s.lower[i - k - 1] != *w {
                        ok = false;
                    }
                }
                if !ok {
                    continue;
                }
                // Words after: a particle child or the next tokens.
                let mut end = i;
                for w in &ve.after {
                    let prt = s.children[i]
                        .iter()
                        .copied()
                        .find(|&c| s.lower[c] == *w && c > i);
                    if let Some(p) = prt.filter(|&p| p <= end + 3) {
                        end = end.max(p);
                    } else if end + 1 < n && s.lower[end + 1] == *w {
                        end += 1;
                    } else {
                        ok = false;
                        break;
                    }
                }
                if !ok {
                    continue;
                }
                let score = ve.before.len() + ve.after.len();
                cands.push((score, e, end));
            }
            if cands.is_empty() {
                continue;
            }
            // Longest multi-word verb first; among equals, dictionary order.
            cands.sort_by_key(|c| std::cmp::Reverse(c.0));
            let top = cands[0].0;
            let end = cands[0].2;
            let entries = cands.iter().filter(|c| c.0 == top).map(|c| c.1).collect();
            out.push(Predicate {
                verb: i,
                verb_end: end,
                entries,
            });
        }
        out
    }

    /// Tokens after the verb in its own clause, in text order (conjoined verbs excluded).
    fn lower_domain(&self, s: &Sent, p: &Predicate) -> Vec<usize> {
        let mut v = Vec::new();
        let skip = |c: usize| {
            let r = s.rel(c);
            (r == "conj" && s.is_verbal(c))
                || r == "parataxis"
                || (r.starts_with("nsubj") && c < p.verb)
        };
        s.subtree(p.verb, &skip, &mut v);
        v.retain(|&t| t > p.verb_end);
        v.sort_unstable();
        v
    }

    /// Keep [`SentWords::has`] in step: it tells which words no token matches.
    fn word_at(&self, s: &Sent, tok: usize, w: &str, by_lemma: bool) -> bool {
        s.lower[tok] == w
            || (w == "n't" && s.lower[tok] == "not")
            || (by_lemma && s.sent.tokens[tok].lemma.eq_ignore_ascii_case(w))
    }

    /// Matches `items` over `dom` starting at domain position `pos` (forward).
    /// `adjacent_first`: the first item must be at `pos` exactly.
    fn match_forward(
        &self,
        s: &Sent,
        dom: &[usize],
        items: &[PatItem],
        pos: usize,
        adjacent_first: bool,
        slots: &mut Slots,
    ) -> bool {
        let Some(item) = items.first() else {
            return true;
        };
        let last_start = if adjacent_first {
            pos.min(dom.len())
        } else {
            dom.len()
        };
        let mut p = pos;
        while p < dom.len() && p <= last_start {
            if adjacent_first && p > 0 && p == pos && pos > 0 && dom[p] != dom[p - 1] + 1 {
                // Adjacency in the sentence, not just in the domain.
                return false;
            }
            if let Some(next) = self.match_item(s, dom, item, p, true, slots) {
                let mut trial = slots.clone();
                self.bind(item, dom[p], &mut trial);
                if matches!(item.elem, PatElem::Word(_) | PatElem::Set(_)) {
                    trial.words.extend_from_slice(&dom[p..next]);
                }
                if self.match_forward(s, dom, &items[1..], next, item.joined_next, &mut trial) {
                    *slots = trial;
                    return true;
                }
            }
            if adjacent_first {
                return false;
            }
            p += 1;
        }
        false
    }

    /// Matches `items` (in text order) leftwards from domain position `pos`
    /// (exclusive), the last item first.
    fn match_backward(
        &self,
        s: &Sent,
        dom: &[usize],
        items: &[PatItem],
        pos: usize,
        adjacent_last: bool,
        slots: &mut Slots,
    ) -> bool {
        let Some(item) = items.last() else {
            return true;
        };
        let mut p = pos;
        while p > 0 {
            let cand_end = p; // the item must end right before `p`
            if let Some(start) = self.match_item_ending(s, dom, item, cand_end, slots) {
                let mut trial = slots.clone();
                self.bind(item, dom[start], &mut trial);
                if matches!(item.elem, PatElem::Word(_) | PatElem::Set(_)) {
                    trial.words.extend_from_slice(&dom[start..cand_end]);
                }
                let prev_joined = items.len() >= 2 && items[items.len() - 2].joined_next;
                if self.match_backward(
                    s,
                    dom,
                    &items[..items.len() - 1],
                    start,
                    prev_joined,
                    &mut trial,
                ) {
                    *slots = trial;
                    return true;
                }
            }
            if adjacent_last {
                return false;
            }
            p -= 1;
        }
        false
    }

    fn bind(&self, item: &PatItem, tok: usize, slots: &mut Slots) {
        match item.elem {
            PatElem::Source => slots.source = Some(tok),
            PatElem::Target => slots.target = Some(tok),
            PatElem::Compound => slots.compound = Some(tok),
            _ => {}
        }
    }

    /// Does `item` match starting at domain position `p`? Returns the next position.
    fn match_item(
        &self,
        s: &Sent,
        dom: &[usize],
        item: &PatItem,
        p: usize,
        _fwd: bool,
        slots: &Slots,
    ) -> Option<usize> {
        let tok = dom[p];
        match &item.elem {
            PatElem::Word(w) => self.word_at(s, tok, w, slots.by_lemma).then_some(p + 1),
            PatElem::Set(id) => {
                for member in &self.dicts.verbs.synsets[*id] {
                    let mut q = p;
                    let mut ok = true;
                    for (k, w) in member.iter().enumerate() {
                        if q >= dom.len()
                            || !self.word_at(s, dom[q], w, slots.by_lemma)
                            || (k > 0 && dom[q] != dom[q - 1] + 1)
                        {
                            ok = false;
                            break;
                        }
                        q += 1;
                    }
                    if ok {
                        return Some(q);
                    }
                }
                None
            }
            PatElem::Skip if s.mention_at[tok].is_none() => {
                // `^` skips a noun phrase, named or not ("warned their ^
                // populations about"): up to and including its head.
                let x = s.sent.tokens[tok].xpos.as_str();
                if !(x.starts_with("NN") || x.starts_with("JJ") || x == "CD") {
                    return None;
                }
                let h = s.phrase_head(tok);
                if h < tok {
                    return None;
                }
                let mut q = p;
                while q < dom.len() && dom[q] <= h && s.phrase_head(dom[q]) == h {
                    q += 1;
                }
                (q > p && dom[q - 1] == h).then_some(q)
            }
            PatElem::Source | PatElem::Target | PatElem::Skip | PatElem::Compound => {
                let m = s.mention_at[tok]?;
                let men = &s.mentions[m];
                if men.start != tok && p > 0 && s.mention_at[dom[p - 1]] == Some(m) {
                    return None;
                }
                // Skip over the whole mention.
                let mut q = p;
                while q < dom.len() && s.mention_at[dom[q]] == Some(m) {
                    q += 1;
                }
                Some(q)
            }
        }
    }

    /// Does `item` match ending just before domain position `end`? Returns its start.
    fn match_item_ending(
        &self,
        s: &Sent,
        dom: &[usize],
        item: &PatItem,
        end: usize,
        slots: &Slots,
    ) -> Option<usize> {
        if end == 0 {
            return None;
        }
        let tok = dom[end - 1];
        match &item.elem {
            PatElem::Word(w) => self.word_at(s, tok, w, slots.by_lemma).then_some(end - 1),
            PatElem::Set(id) => {
                for member in &self.dicts.verbs.synsets[*id] {
                    let len = member.len();
                    if len > end {
                        continue;
                    }
                    let start = end - len;
                    let ok = member.iter().enumerate().all(|(k, w)| {
                        self.word_at(s, dom[start + k], w, slots.by_lemma)
                            && (k == 0 || dom[start + k] == dom[start + k - 1] + 1)
                    });
                    if ok {
                        return Some(start);
                    }
                }
                None
            }
            _ => {
                let m = s.mention_at[tok]?;
                let mut q = end - 1;
                while q > 0 && s.mention_at[dom[q - 1]] == Some(m) {
                    q -= 1;
                }
                Some(q)
            }
        }
    }

    fn match_pattern(
        &self,
        s: &Sent,
        p: &Predicate,
        pat: &Pattern,
        lower_dom: &[usize],
        upper_dom: &[usize],
    ) -> Option<Slots> {
        let mut slots = Slots {
            by_lemma: pat.by_lemma,
            ..Slots::default()
        };
        if !pat.lower.is_empty() {
            // The lower domain starts right after the verb.
            if pat.verb_joined && lower_dom.first() != Some(&(p.verb_end + 1)) {
                return None;
            }
            if !self.match_forward(s, lower_dom, &pat.lower, 0, pat.verb_joined, &mut slots) {
                return None;
            }
        }
        if !pat.upper.is_empty() {
            let pos = upper_dom.len();
            if pat.upper_joined && upper_dom.last() != Some(&(p.verb - 1)) {
                return None;
            }
            if !self.match_backward(s, upper_dom, &pat.upper, pos, pat.upper_joined, &mut slots) {
                return None;
            }
        }
        Some(slots)
    }

    /// The subject phrase head of a predicate, inherited where the clause has none.
    fn subject_of(&self, s: &Sent, v: usize, depth: usize) -> Option<(usize, bool)> {
        if depth > 5 {
            return None;
        }
        // Own subject (active or passive).
        for &c in &s.children[v] {
            let r = s.rel(c);
            if r == "nsubj" || r == "csubj" {
                return Some((c, false));
            }
            if r == "nsubj:pass" || r == "csubj:pass" {
                return Some((c, true));
            }
        }
        let h = s.head[v]?;
        let r = s.rel(v);
        match r {
            "xcomp" => {
                // Object control ("urged Eriador to respond") or subject control.
                if let Some(&o) = s.children[h].iter().find(|&&c| s.rel(c) == "obj") {
                    return Some((o, false));
                }
                self.subject_of(s, h, depth + 1).map(|x| (x.0, false))
            }
            "conj" if s.is_verbal(h) => self.subject_of(s, h, depth + 1).map(|x| (x.0, false)),
            "conj" => {
                // A verb conjoined to a noun by a parse error ("condemned an attack
                // ... and promised aid"): the subject of the verb governing that noun.
                let mut x = h;
                for _ in 0..4 {
                    match s.head[x] {
                        Some(y) if s.is_verbal(y) => {
                            return self.subject_of(s, y, depth + 1).map(|x| (x.0, false))
                        }
                        Some(y) => x = y,
                        None => break,
                    }
                }
                None
            }
            "acl:relcl" => Some((h, false)),
            // A participle modifying a noun has it as subject ("troops stationed in
            // X"); an infinitive does not ("a plan to attack X").
            "acl"
                if !s.children[v]
                    .iter()
                    .any(|&c| s.lower[c] == "to" && s.rel(c) == "mark") =>
            {
                Some((h, false))
            }
            "advcl" if s.children[v].iter().any(|&c| s.lower[c] == "to") => {
                self.subject_of(s, h, depth + 1).map(|x| (x.0, false))
            }
            _ => {
                // A clause headed by a non-verbal predicate ("is about to"): its subject.
                if !s.is_verbal(h) {
                    if let Some(&c) = s.children[h]
                        .iter()
                        .find(|&&c| s.rel(c).starts_with("nsubj"))
                    {
                        return Some((c, false));
                    }
                }
                None
            }
        }
    }

    /// The first actor phrase next to `v` (after it when `forward`), within the
    /// stretch of tokens up to clause punctuation or another verb.
    fn nearest_actor(&self, s: &Sent, v: usize, forward: bool) -> Vec<FoundActor> {
        let n = s.lower.len();
        let mut i = v;
        loop {
            if forward {
                i += 1;
                if i >= n {
                    break;
                }
            } else {
                if i == 0 {
                    break;
                }
                i -= 1;
            }
            if s.hidden[i]
                || matches!(
                    s.lower[i].as_str(),
                    "," | ";" | ":" | "--" | "\"" | "“" | "”"
                )
            {
                break;
            }
            let t = &s.sent.tokens[i];
            if (t.xpos.starts_with("VB") || t.upos == "VERB")
                && t.upos != "AUX"
                && !matches!(s.rel(i), "amod")
            {
                break;
            }
            if s.mention_at[i].is_some() {
                // An apposition renames the noun it hangs on ("the Somali
                // militant group al-Shabab"): that noun's phrase is the actor.
                let h = s.phrase_head(i);
                if s.rel(h) == "appos" {
                    if let Some(g) = s.head[h].filter(|&g| g < h) {
                        let a = s.resolve_at(s.phrase_head(g), 0);
                        if !a.is_empty() {
                            return a;
                        }
                    }
                }
                let a = s.actors_of_token(i);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        Vec::new()
    }

    fn passive(&self, s: &Sent, v: usize) -> bool {
        // A passive auxiliary is a form of "be" or "get" ("Ministry of Silly
        // Walks[aux:pass] condemned" is a tagging error, not a passive).
        s.children[v].iter().any(|&c| {
            matches!(s.rel(c), "nsubj:pass" | "csubj:pass")
                || (s.rel(c) == "aux:pass" && matches!(s.lemma(c), "be" | "get" | "become"))
        })
    }

    fn agent_of(&self, s: &Sent, v: usize) -> Option<usize> {
        // "was opposed earlier by X": the by-phrase may hang off an adverb.
        let mut cands: Vec<usize> = s.children[v].clone();
        for &c in &s.children[v] {
            if s.rel(c) == "advmod" {
                cands.extend(s.children[c].iter().copied());
            }
        }
        let by = |c: usize| {
            s.children[c]
                .iter()
                .any(|&k| s.rel(k) == "case" && s.lower[k] == "by")
        };
        let direct = cands.iter().copied().find(|&c| {
            s.rel(c) == "obl:agent"
                || (s.rel(c) == "obl"
                    && (by(c)
                        // "by" attached lower in the phrase by the parser
                        // ("by a surface-to-air missile").
                        || s.lower[span_of(s, c).0] == "by"))
        });
        // "killed in an air strike by government forces": the agent of the
        // act that did it.
        direct.or_else(|| {
            s.children[v]
                .iter()
                .filter(|&&c| {
                    s.rel(c) == "obl"
                        && s.children[c].iter().any(|&k| {
                            s.rel(k) == "case" && matches!(s.lower[k].as_str(), "in" | "during")
                        })
                })
                .find_map(|&c| {
                    s.children[c]
                        .iter()
                        .copied()
                        .find(|&k| rel_base(s.rel(k)) == "nmod" && by(k))
                })
        })
    }

    /// The agent of a verb inside the phrase of an agent without an actor
    /// ("a missile believed to be fired by rebels"): a `by` phrase of a
    /// participle modifying it, one or two clauses down.
    fn nested_agent(&self, s: &Sent, ag: usize) -> Option<usize> {
        let mut stack: Vec<(usize, usize)> = s.children[ag]
            .iter()
            .filter(|&&c| matches!(s.rel(c), "acl" | "acl:relcl") && s.is_verbal(c))
            .map(|&c| (c, 0))
            .collect();
        while let Some((v, depth)) = stack.pop() {
            if let Some(a) = self.agent_of(s, v) {
                return Some(a);
            }
            if depth < 2 {
                for &c in &s.children[v] {
                    if s.rel(c) == "xcomp" && s.is_verbal(c) {
                        stack.push((c, depth + 1));
                    }
                }
            }
        }
        None
    }

    /// A `from` phrase of a verb (origin), if any.
    fn origin_of(&self, s: &Sent, v: usize) -> Option<usize> {
        s.children[v].iter().copied().find(|&c| {
            s.rel(c) == "obl"
                && !s.hidden[c]
                && s.children[c]
                    .iter()
                    .any(|&k| s.rel(k) == "case" && s.lower[k] == "from")
        })
    }

    /// The place a document without author was issued in stands for its
    /// author ("a report released in the Rwandan capital alleged ...": Rwanda;
    /// "a statement issued in Moscow"): a document noun with a participle
    /// whose `in` or `from` phrase names an actor.
    fn document_origin(&self, s: &Sent, subj: usize) -> Vec<FoundActor> {
        const DOCUMENTS: &[&str] = &[
            "report",
            "statement",
            "communique",
            "communiqué",
            "study",
            "document",
            "declaration",
            "letter",
            "dossier",
            "memo",
            "bulletin",
        ];
        if !DOCUMENTS.contains(&s.lemma(subj)) {
            return Vec::new();
        }
        // The participle right after the noun belongs to it even when the
        // parser hung it on the verb.
        let mut participles = s.children[subj].clone();
        if subj + 1 < s.lower.len() && s.head[subj + 1] == s.head[subj] {
            participles.push(subj + 1);
        }
        for v in participles {
            if s.rel(v) != "acl" || !matches!(s.sent.tokens[v].xpos.as_str(), "VBN" | "VBD") {
                continue;
            }
            for &o in &s.children[v] {
                let case = s.children[o]
                    .iter()
                    .find(|&&k| s.rel(k) == "case")
                    .map(|&k| s.lower[k].as_str());
                if s.rel(o) == "obl" && matches!(case, Some("in" | "from")) {
                    let a = s.resolve_at(o, 0);
                    if !a.is_empty() {
                        return a;
                    }
                }
            }
        }
        Vec::new()
    }

    /// The stand-in subject of a governing verb the tree gives no subject
    /// (a parse error such as "as the leader prepared to attend" read as a
    /// phrase "as the leader" and a verb without subject): the nearest actor
    /// before it in its clause. `None` when `v` has a subject or is no finite
    /// verb of a clause of its own; its complements ("to attend") and the
    /// combined act of the two (verb interaction) take this subject.
    fn stand_in_subject(&self, s: &Sent, v: usize) -> Option<Vec<FoundActor>> {
        let finite = matches!(
            s.sent.tokens[v].xpos.as_str(),
            "VBD" | "VBZ" | "VBP" | "VBN"
        ) && !s.children[v]
            .iter()
            .any(|&c| matches!(s.rel(c), "mark" | "case"));
        if !finite
            || self.subject_of(s, v, 0).is_some()
            || matches!(s.rel(v), "xcomp" | "acl" | "acl:relcl" | "ccomp" | "csubj")
        {
            return None;
        }
        Some(self.nearest_actor(s, v, false))
    }

    /// Resolves a subject phrase, following pronouns to their antecedent.
    fn actors_for_subject(&self, s: &Sent, subj: usize, v: usize) -> Vec<FoundActor> {
        let pronoun = s.sent.tokens[subj].xpos == "PRP" || is_pronoun(&s.lower[subj]);
        if !pronoun {
            let a = s.resolve_at(subj, 0);
            if a.is_empty() {
                return self.document_origin(s, subj);
            }
            return a;
        }
        // The subject of a governing clause ("Ethiopia indicated it would act").
        let mut h = s.head[v];
        let mut steps = 0;
        while let Some(x) = h {
            if steps > 4 {
                break;
            }
            if let Some((sj, _)) = self.subject_of(s, x, 0) {
                if sj != subj && !is_pronoun(&s.lower[sj]) {
                    let a = s.resolve_at(sj, 0);
                    if !a.is_empty() {
                        return a;
                    }
                }
            }
            h = s.head[x];
            steps += 1;
        }
        // The nearest actor before it in the sentence, then the document context.
        for t in (0..subj).rev() {
            if s.mention_at[t].is_some() && s.rel(s.phrase_head(t)).starts_with("nsubj") {
                let a = s.actors_of_token(t);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        // The antecedent's token positions belong to an earlier sentence: here the
        // actor's words are the pronoun ("He" -> USAGOV, text "He").
        let mut ctx = s.context_actor.clone().unwrap_or_default();
        for a in &mut ctx {
            a.tokens = (subj, subj + 1);
            a.head = subj;
        }
        ctx
    }

    /// The first actor phrase in the clause of the verb, objects first.
    fn target_of(&self, s: &Sent, v: usize, dom: &[usize], exclude: &[usize]) -> Vec<FoundActor> {
        if !self.options.speech_targets_from_content && SPEECH_VERBS.contains(&s.lemma(v)) {
            // The addressee only.
            for &c in &s.children[v] {
                let to = s.children[c]
                    .iter()
                    .any(|&k| s.rel(k) == "case" && s.lower[k] == "to");
                if (matches!(s.rel(c), "obj" | "iobj") || (s.rel(c) == "obl" && to))
                    && !exclude.contains(&c)
                {
                    let a = s.resolve_at(c, 0);
                    if !a.is_empty() {
                        return a;
                    }
                }
            }
            return Vec::new();
        }
        // Direct and indirect objects.
        for &c in &s.children[v] {
            if matches!(s.rel(c), "obj" | "iobj") && !exclude.contains(&c) {
                let a = s.resolve_at(c, 0);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        // A third-person pronoun object or oblique ("fired at it") stands for the
        // subject of a governing clause ("Israel said a bomb was fired at it").
        for &c in &s.children[v] {
            if matches!(s.rel(c), "obj" | "iobj" | "obl")
                && !exclude.contains(&c)
                && matches!(s.lower[c].as_str(), "it" | "them" | "him" | "her")
            {
                let a: Vec<FoundActor> = self
                    .actors_for_subject(s, c, v)
                    .into_iter()
                    .filter(|a| a.tokens.0 <= c)
                    .collect();
                if !a.is_empty() {
                    return a;
                }
            }
        }
        // Then non-clausal dependents in text order, then anything in the clause.
        let clausal_tokens: Vec<usize> = {
            let mut out = Vec::new();
            for &c in &s.children[v] {
                if CLAUSAL.contains(&s.rel(c)) {
                    s.subtree(c, &|_| false, &mut out);
                }
            }
            out
        };
        for pass in 0..2 {
            for &t in dom {
                if pass == 0 && clausal_tokens.contains(&t) {
                    continue;
                }
                if s.mention_at[t].is_none() {
                    continue;
                }
                let ph = s.phrase_head(t);
                if exclude.contains(&ph) || exclude.contains(&t) {
                    continue;
                }
                let a = s.resolve_at(ph, 0);
                if !a.is_empty() {
                    return a;
                }
            }
        }
        // No dictionary actor in the clause.
        if s.new_actor_length > 0 {
            // New actors are not mentions: the object, then the first oblique.
            for rel in ["obj", "obl"] {
                for &c in &s.children[v] {
                    if s.rel(c) == rel && !exclude.contains(&c) && !s.hidden[c] {
                        let a = s.resolve_at(c, 0);
                        if !a.is_empty() {
                            return a;
                        }
                    }
                }
            }
        }
        Vec::new()
    }

    fn negated(&self, s: &Sent, v: usize) -> bool {
        let neg_child = |x: usize| {
            s.children[x].iter().any(|&c| {
                matches!(s.lower[c].as_str(), "not" | "n't" | "never")
                    || (s.lower[c] == "longer" && c > 0 && s.lower[c - 1] == "no")
            })
        };
        if neg_child(v) {
            return true;
        }
        // "refused to meet", "failed to agree".
        let mut x = v;
        for _ in 0..3 {
            if s.rel(x) != "xcomp" {
                break;
            }
            let Some(h) = s.head[x] else { break };
            if NEG_HEADS.contains(&s.lemma(h)) {
                return true;
            }
            x = h;
        }
        false
    }

    fn modality(&self, s: &Sent, v: usize) -> Modality {
        let mut x = v;
        let mut intended = false;
        for step in 0..4 {
            let auxes: Vec<String> = s.children[x]
                .iter()
                .filter(|&&c| matches!(s.rel(c), "aux" | "aux:pass" | "mark"))
                .map(|&c| s.lower[c].clone())
                .collect();
            // Reported future ("announced that it would cease aid"): "would" is
            // the sequence of tenses after a reporting verb, not a condition.
            let reported = s.rel(x) == "ccomp"
                && s.head[x].is_some_and(|h| SPEECH_VERBS.contains(&s.lemma(h)));
            if step == 0
                && reported
                && auxes.iter().any(|a| matches!(a.as_str(), "would" | "'d"))
                && !auxes.iter().any(|a| matches!(a.as_str(), "if" | "unless"))
                && !s.children[x].iter().any(|&c| {
                    s.rel(c) == "advcl" && s.children[c].iter().any(|&m| s.lower[m] == "if")
                })
            {
                return Modality::Future;
            }
            if auxes.iter().any(|a| {
                matches!(
                    a.as_str(),
                    "if" | "unless" | "would" | "could" | "might" | "may" | "should" | "'d"
                )
            }) {
                return Modality::Hypothetical;
            }
            if step == 0
                && auxes
                    .iter()
                    .any(|a| matches!(a.as_str(), "will" | "shall" | "'ll" | "wo"))
            {
                return Modality::Future;
            }
            // An "if" clause governing this one.
            if s.children[x]
                .iter()
                .any(|&c| s.rel(c) == "advcl" && s.children[c].iter().any(|&m| s.lower[m] == "if"))
            {
                return Modality::Hypothetical;
            }
            if s.rel(x) == "xcomp"
                || s.rel(x) == "advcl" && s.children[x].iter().any(|&c| s.lower[c] == "to")
            {
                if let Some(h) = s.head[x] {
                    if INTENT_HEADS.contains(&s.lemma(h))
                        || INTENT_HEADS.contains(&s.lower[h].as_str())
                    {
                        intended = true;
                    }
                    x = h;
                    continue;
                }
            }
            break;
        }
        if intended {
            return Modality::Intended;
        }
        let t = &s.sent.tokens[v];
        let past_aux = s.children[v]
            .iter()
            .any(|&c| matches!(s.lower[c].as_str(), "had" | "did" | "was" | "were"));
        if t.xpos == "VBD"
            || past_aux
            || (t.xpos == "VBN"
                && s.children[v]
                    .iter()
                    .any(|&c| matches!(s.lower[c].as_str(), "has" | "have" | "had")))
        {
            return Modality::Past;
        }
        Modality::Asserted
    }

    /// The reported-speech frame governing `v`, if any.
    fn speech(&self, s: &Sent, v: usize, quote_depth: &[i32]) -> Option<Speech> {
        // Walk up to a speech verb that takes this clause as its complement.
        let mut x = v;
        for _ in 0..4 {
            let h = s.head[x]?;
            let r = s.rel(x);
            let lemma = s.lemma(h);
            let complement = matches!(
                r,
                "ccomp" | "parataxis" | "xcomp" | "advcl" | "conj" | "root"
            ) || s.rel(h) == "parataxis";
            if complement && SPEECH_VERBS.contains(&lemma) {
                return self.speech_frame(s, h, x, quote_depth);
            }
            // "X, Y said": the reporting clause hangs off the content (parataxis/ccomp the other way).
            x = h;
        }
        // The reporting verb as a dependent of the content's verb ("..., officials said").
        for &c in &s.children[v] {
            if matches!(s.rel(c), "parataxis" | "ccomp")
                && c > v
                && SPEECH_VERBS.contains(&s.lemma(c))
            {
                return self.speech_frame(s, c, v, quote_depth);
            }
        }
        // "according to ..."
        let mut y = v;
        for _ in 0..3 {
            for &c in &s.children[y] {
                if s.rel(c).starts_with("obl")
                    && s.children[c].iter().any(|&k| s.lower[k] == "according")
                {
                    let kind = if s.mention_at[c].is_some() {
                        "named"
                    } else {
                        "document"
                    };
                    return Some(Speech {
                        kind,
                        speaker_tokens: span_of(s, c),
                        speaker: s.resolve_at(c, 0).into_iter().next(),
                        cue: s.children[c]
                            .iter()
                            .copied()
                            .find(|&k| s.lower[k] == "according")
                            .unwrap_or(c),
                        content: span_of(s, v),
                        direct: quote_depth.get(v).copied().unwrap_or(0) > 0,
                    });
                }
            }
            match s.head[y] {
                Some(h) => y = h,
                None => break,
            }
        }
        None
    }

    fn speech_frame(
        &self,
        s: &Sent,
        cue: usize,
        content: usize,
        quote_depth: &[i32],
    ) -> Option<Speech> {
        let subj = self.subject_of(s, cue, 0).map(|x| x.0);
        let (speaker_tokens, speaker, kind) = match subj {
            Some(sj) => {
                let span = span_of(s, sj);
                let words: Vec<&str> = (span.0..span.1).map(|i| s.lower[i].as_str()).collect();
                let actors = self.actors_for_subject(s, sj, cue);
                let anon_words = [
                    "source",
                    "sources",
                    "official",
                    "officials",
                    "diplomat",
                    "diplomats",
                    "person",
                    "people",
                    "aide",
                    "aides",
                ];
                let named =
                    s.sent.tokens[sj].upos == "PROPN" || s.sent.tokens[sj].xpos.starts_with("NNP");
                let anonymous = !named && words.iter().any(|w| anon_words.contains(w))
                    || words.contains(&"anonymity")
                    || words.windows(2).any(|w| w == ["familiar", "with"]);
                let doc_words = [
                    "statement",
                    "report",
                    "newspaper",
                    "agency",
                    "communique",
                    "document",
                    "letter",
                    "television",
                    "radio",
                    "media",
                ];
                let kind = if anonymous {
                    "anonymous"
                } else if words.iter().any(|w| doc_words.contains(w)) {
                    "document"
                } else if named || s.sent.tokens[sj].xpos == "PRP" {
                    "named"
                } else if actors.iter().any(|a| a.agents.is_empty()) {
                    "organisation"
                } else {
                    "named"
                };
                (span, actors.into_iter().next(), kind)
            }
            None => ((cue, cue + 1), None, "anonymous"),
        };
        Some(Speech {
            kind,
            speaker_tokens,
            speaker,
            cue,
            content: span_of(s, content),
            direct: quote_depth.get(content).copied().unwrap_or(0) > 0,
        })
    }

    /// Codes one prepared sentence.
    pub fn code(&self, s: &Sent) -> SentenceResult {
        let mut result = SentenceResult::default();
        if let Some(d) = self.discard(s) {
            result.discard = Some(d);
            return result;
        }
        // Issues.
        let forms: Vec<&str> = s.sent.tokens.iter().map(|t| t.form.as_str()).collect();
        for m in self.dicts.issues.matcher.find_longest(&forms) {
            let name = &self.dicts.issues.names[m.value as usize];
            if !result.issues.contains(name) {
                result.issues.push(name.clone());
            }
        }
        // Quote depth per token (inside "..." or “...”).
        let mut depth = 0i32;
        let quote_depth: Vec<i32> = s
            .sent
            .tokens
            .iter()
            .map(|t| {
                let f = t.form.as_str();
                if matches!(f, "“" | "``") {
                    depth += 1;
                    depth
                } else if matches!(f, "”" | "''") {
                    depth = (depth - 1).max(0);
                    depth + 1
                } else if f == "\"" {
                    depth = if depth > 0 { 0 } else { 1 };
                    1
                } else {
                    depth
                }
            })
            .collect();
        let preds = self.find_predicates(s);
        let mut coded: Vec<(usize, Vec<FoundEvent>)> = Vec::new();
        for p in &preds {
            if let Some(ev) = self.code_predicate(s, p, &quote_depth) {
                if !ev.is_empty() {
                    coded.push((p.verb, ev));
                }
            }
        }
        if self.options.verb_interaction {
            coded = self.interact_verbs(s, &preds, coded, &quote_depth);
        }
        // A coded verb whose complement verb is coded too ("wants to attack",
        // "agreed to lift"): the governing verb's event stands for both, as its
        // patterns read the complement's words.
        // A pattern of the governing verb wins; a bare default code ("want",
        // "pledge") yields to the complement's event.
        let by_pattern = |ev: &[FoundEvent]| ev.iter().any(|e| !e.rule.starts_with("verb "));
        let verbs: Vec<(usize, bool)> = coded.iter().map(|c| (c.0, by_pattern(&c.1))).collect();
        let mut combined_speech: Vec<usize> = Vec::new();
        if self.options.combine_reported_conflict {
            coded = self.combine_reported(s, coded, &mut combined_speech, &quote_depth);
        }
        for (v, ev) in coded {
            if combined_speech.contains(&v) {
                result.events.extend(ev);
                continue;
            }
            // The nearest coded verb up the chain of complements ("called for
            // Gondor to be allowed to leave": "leave" is under "called").
            let parent = {
                let mut x = v;
                let mut found = None;
                for _ in 0..4 {
                    // A complement, or a to-infinitive the parser made adverbial.
                    let to_inf = s.rel(x) == "advcl"
                        && s.children[x]
                            .iter()
                            .any(|&k| s.lower[k] == "to" && s.rel(k) == "mark");
                    if s.rel(x) != "xcomp" && !(to_inf && x != v) {
                        break;
                    }
                    let Some(h) = s.head[x] else { break };
                    if let Some(pv) = verbs.iter().find(|(pv, _)| *pv == h) {
                        found = Some(pv);
                        break;
                    }
                    x = h;
                }
                found
            };
            let child = verbs
                .iter()
                .find(|(cv, _)| s.rel(*cv) == "xcomp" && s.head[*cv] == Some(v));
            // An adverbial clause of a coded verb is part of that event's setting.
            let in_advcl = s.rel(v) == "advcl"
                && s.head[v].is_some_and(|h| verbs.iter().any(|(pv, _)| *pv == h));
            let drop = in_advcl
                || match (parent, child) {
                    // The complement: dropped when the governing verb's pattern fired.
                    (Some(&(_, parent_pattern)), _) => parent_pattern,
                    // The governing verb: dropped when it only has its default
                    // code, unless that is an act of its own (protest, coercion,
                    // force: "jailed a student for helping militants join a
                    // group" stays a jailing).
                    (None, Some(_)) => {
                        !by_pattern(&ev)
                            && !ev.iter().any(|e| {
                                matches!(
                                    e.code.get(..2),
                                    Some("14" | "15" | "16" | "17" | "18" | "19" | "20")
                                )
                            })
                    }
                    _ => false,
                };
            if !drop {
                result.events.extend(ev);
            }
        }
        // A reflexive act not taken up by a report is no event.
        result.events.retain(|e| {
            e.targets.is_empty()
                || !e
                    .sources
                    .iter()
                    .all(|a| e.targets.iter().all(|b| a.code == b.code))
        });
        self.code_event_nouns(s, &mut result.events, &quote_depth);
        if self.options.news_reading {
            result.events = crate::news::read(s, std::mem::take(&mut result.events));
        }
        // Actor phrases of the sentence, for aliases and candidates.
        let mut seen_heads = Vec::new();
        for t in 0..s.lower.len() {
            if s.mention_at[t].is_some() {
                let h = s.phrase_head(t);
                if !seen_heads.contains(&h) {
                    seen_heads.push(h);
                    result.actors.extend(s.resolve_at(h, 0));
                }
            }
        }
        result
    }

    /// The code of a predicate: the first entry whose pattern matches, else the
    /// first entry with a default code.
    fn choose_code(
        &self,
        s: &Sent,
        p: &Predicate,
        lower_dom: &[usize],
    ) -> Option<(VerbCode, Slots, String)> {
        let mut fallback: Option<(VerbCode, Slots, String)> = None;
        let words = SentWords::new(s);
        for &e in &p.entries {
            let entry = &self.dicts.verbs.entries[e];
            let block = &self.dicts.verbs.blocks[entry.block];
            let upper_dom: Vec<usize> = (0..p.verb.saturating_sub(entry.before.len())).collect();
            for (k, pat) in block.patterns.iter().enumerate() {
                // Placeholder codes of test dictionaries are not codes.
                if pat
                    .code
                    .code
                    .as_deref()
                    .is_some_and(|c| c.starts_with("+++") || c.starts_with("###"))
                {
                    continue;
                }
                if !words.may_match(pat) {
                    continue;
                }
                if let Some(sl) = self.match_pattern(s, p, pat, lower_dom, &upper_dom) {
                    // Among patterns as long as this one, the one whose words
                    // come first after the verb: the direct object before an
                    // oblique ("launched attacks during its campaign" is an
                    // attack, not a campaign), as PETRARCH2 reads the verb's
                    // object phrase first.
                    let first_lower =
                        |sl: &Slots| sl.words.iter().copied().filter(|&t| t > p.verb_end).min();
                    let mut best = (pat, sl);
                    if pat.upper.is_empty() && !pat.lower.is_empty() {
                        for other in block.patterns[k + 1..]
                            .iter()
                            .take_while(|o| o.weight() == pat.weight())
                        {
                            if !other.upper.is_empty()
                                || other.negative != pat.negative
                                || !words.may_match(other)
                                || other
                                    .code
                                    .code
                                    .as_deref()
                                    .is_some_and(|c| c.starts_with("+++") || c.starts_with("###"))
                            {
                                continue;
                            }
                            if let Some(sl2) =
                                self.match_pattern(s, p, other, lower_dom, &upper_dom)
                            {
                                let earlier = match (first_lower(&sl2), first_lower(&best.1)) {
                                    (Some(a), Some(b)) => a < b,
                                    _ => false,
                                };
                                if earlier {
                                    best = (other, sl2);
                                }
                            }
                        }
                    }
                    let (pat, sl) = best;
                    return Some((
                        pat.code.clone(),
                        sl,
                        format!("{} - {} [line {}]", block.name, pat.text, pat.line),
                    ));
                }
            }
            let code = entry.code.clone().unwrap_or_else(|| block.code.clone());
            if fallback.is_none() && code.code.is_some() {
                fallback = Some((
                    code,
                    Slots::default(),
                    format!("verb {}", entry.text.to_uppercase()),
                ));
            }
        }
        fallback
    }

    fn code_predicate(
        &self,
        s: &Sent,
        p: &Predicate,
        quote_depth: &[i32],
    ) -> Option<Vec<FoundEvent>> {
        let lower_dom = self.lower_domain(s, p);
        // Patterns do not read into an adverbial clause set off by a comma, a
        // clause of its own ("staged a protest, ... unfurling `Free Tibet'
        // banners" is no release); its actors may still be the target.
        let mut pattern_dom = lower_dom.clone();
        for &c in &s.children[p.verb] {
            if s.rel(c) != "advcl" {
                continue;
            }
            let (first, _) = span_of(s, c);
            if first > 0 && s.lower[first - 1] == "," {
                let mut sub = Vec::new();
                s.subtree(c, &|_| false, &mut sub);
                pattern_dom.retain(|t| !sub.contains(t));
            }
        }
        // A passive's subject is the active verb's object: the patterns read
        // it ("the detained activists were released" as "released the detained
        // activists"), likewise the noun a past participle modifies.
        let undergoer = s.children[p.verb]
            .iter()
            .copied()
            .find(|&c| s.rel(c) == "nsubj:pass")
            .or_else(|| {
                (s.rel(p.verb) == "acl"
                    && s.sent.tokens[p.verb].xpos == "VBN"
                    && !s.children[p.verb].iter().any(|&c| s.rel(c) == "obj"))
                .then(|| s.head[p.verb])
                .flatten()
            })
            .filter(|&u| u < p.verb && !s.hidden[u]);
        if let Some(u) = undergoer {
            let mut core = Vec::new();
            s.np_core(u, &mut core);
            core.retain(|&t| t < p.verb);
            core.sort_unstable();
            core.extend(pattern_dom);
            pattern_dom = core;
        }
        let (code, slots, mut rule) = self.choose_code(s, p, &pattern_dom)?;
        // `[:100]`: the pattern codes only the reverse act, from the target to
        // the source ("Obama faces pressure from Congress": Congress demands
        // of Obama).
        let reverse_only = code.code.is_none() && code.paired.is_some();
        let code_str = code.code.clone().or_else(|| code.paired.clone())?;
        // A past participle modifying a noun is a reduced passive: the noun
        // suffered the act ("10 Russian soldiers killed in Ukraine", "civilians
        // wounded by shelling"), with a by-agent or for acts of force; other
        // participles keep the noun as actor ("troops stationed in Syria").
        let reduced_passive = s.rel(p.verb) == "acl"
            && s.sent.tokens[p.verb].xpos == "VBN"
            // With an object it is an active verb the parser attached low
            // ("rebels engaged[acl] Filipino peacekeepers").
            && !s.children[p.verb].iter().any(|&c| s.rel(c) == "obj")
            && (self.agent_of(s, p.verb).is_some()
                || matches!(code_str.get(..2), Some("17" | "18" | "19" | "20")));
        let passive = reduced_passive
            || self.passive(s, p.verb)
                && (!self.options.passive_needs_agent
                    || self.agent_of(s, p.verb).is_some()
                    || !s.children[p.verb].iter().any(|&c| s.rel(c) == "nsubj:pass"));
        let subject = self.subject_of(s, p.verb, 0);
        let mut sources: Vec<FoundActor> = Vec::new();
        let mut targets: Vec<FoundActor> = Vec::new();
        let mut used: Vec<usize> = Vec::new();
        // Pattern slots first.
        if let Some(t) = slots.source {
            sources = s.actors_of_token(t);
            used.push(s.phrase_head(t));
        }
        if let Some(t) = slots.target {
            targets = s.actors_of_token(t);
            used.push(s.phrase_head(t));
        }
        // A phrase whose head word the pattern read ("conducting military
        // exercises in Alaska", "- * {&MILITARY EXERCISES}") is what the act
        // is about, not a participant, unless the head is itself an actor or
        // agent ("released the activist").
        for &t in &slots.words {
            let h = s.phrase_head(t);
            if slots.words.contains(&h) && s.mention_at[h].is_none() && !used.contains(&h) {
                used.push(h);
            }
        }
        let compound = slots.compound.map(|t| (t, s.actors_of_token(t)));
        if let Some((t, members)) = compound.as_ref().filter(|(t, _)| *t > p.verb) {
            // `* WITH %`: the compound after the verb is the target.
            let _ = t;
            targets = members.clone();
            used.push(s.phrase_head(*t));
        } else if let Some((_, members)) = compound {
            // `%`: the members of the compound code each other.
            return Some(self.pairwise_events(
                s,
                p,
                &members,
                &members,
                &code_str,
                &rule,
                quote_depth,
            ));
        }
        // Grammatical roles.
        let mut subj_actors = match subject {
            Some((sj, _)) => {
                used.push(sj);
                let mut a = self.actors_for_subject(s, sj, p.verb);
                // Several subjects of one verb (a coordination the parser split):
                // one compound subject.
                if s.head[sj] == Some(p.verb) {
                    for &c in &s.children[p.verb] {
                        let (lo, hi) = (c.min(sj), c.max(sj));
                        let coordinated = (lo..hi)
                            .any(|k| matches!(s.lower[k].as_str(), "and" | "," | "or" | "nor"));
                        if c != sj && s.rel(c) == s.rel(sj) && !s.hidden[c] && coordinated {
                            used.push(c);
                            for x in s.resolve_at(c, 0) {
                                if !a.iter().any(|y| y.code == x.code) {
                                    a.push(x);
                                }
                            }
                        }
                    }
                }
                a
            }
            None => Vec::new(),
        };
        // A progressive ("is claiming") is finite through its auxiliary.
        let progressive = s.sent.tokens[p.verb].xpos == "VBG"
            && s.children[p.verb].iter().any(|&c| {
                s.rel(c) == "aux"
                    && c < p.verb
                    && matches!(
                        s.lower[c].as_str(),
                        "is" | "are" | "was" | "were" | "'s" | "'re"
                    )
            });
        let finite_like = (progressive
            || matches!(
                s.sent.tokens[p.verb].xpos.as_str(),
                "VBD" | "VBZ" | "VBP" | "VBN"
            ))
            && !s.children[p.verb]
                .iter()
                .any(|&c| matches!(s.rel(c), "mark" | "case"));
        if subject.is_none()
            && !passive
            && finite_like
            && !matches!(
                s.rel(p.verb),
                "xcomp" | "acl" | "acl:relcl" | "advcl" | "ccomp" | "csubj"
            )
        {
            // The tree gives no subject (a parse error such as "police arrested"
            // read as a modifier): the nearest actor before the verb in its clause.
            subj_actors = self.nearest_actor(s, p.verb, false);
        } else if subject.is_none() && !passive && s.rel(p.verb) == "xcomp" {
            // A complement of such a verb shares its stand-in subject.
            if let Some(a) = s.head[p.verb].and_then(|h| self.stand_in_subject(s, h)) {
                subj_actors = a;
            }
        }
        if passive {
            if let Some(ag) = self.agent_of(s, p.verb) {
                used.push(ag);
                if sources.is_empty() {
                    sources = s.resolve_at(ag, 0);
                }
                if sources.is_empty() {
                    // An instrument as agent: its own agent acts ("blown up by a
                    // missile believed to be fired by rebels").
                    if let Some(inner) = self.nested_agent(s, ag) {
                        used.push(inner);
                        sources = s.resolve_at(inner, 0);
                        if slots.target.is_some_and(|t| s.phrase_head(t) == inner) {
                            targets.clear();
                        }
                    }
                }
            }
            if targets.is_empty() && slots.source.is_none() {
                targets = subj_actors.clone();
            } else if sources.is_empty() {
                sources = subj_actors.clone();
            }
        } else if sources.is_empty() {
            if slots.target.is_some()
                && subject.is_some_and(|(sj, _)| {
                    Some(s.phrase_head(sj)) == slots.target.map(|t| s.phrase_head(t))
                })
            {
                // The pattern made the subject the target: the source is the
                // subject of the governing clause.
                if let Some(h) = s.head[p.verb] {
                    if let Some((sj, _)) = self.subject_of(s, h, 0) {
                        sources = self.actors_for_subject(s, sj, h);
                    }
                }
            } else {
                sources = subj_actors.clone();
            }
        }
        if sources.is_empty()
            && slots.source.is_none()
            && self.passive(s, p.verb)
            && self.agent_of(s, p.verb).is_none()
        {
            // A passive without agent: the origin is the source ("a mortar bomb
            // was fired at Israel from the Gaza Strip").
            if let Some(o) = self.origin_of(s, p.verb) {
                let a = s.resolve_at(o, 0);
                if !a.is_empty() {
                    used.push(o);
                    sources = a;
                }
            }
        }
        // A reflexive object ("Iraq had attacked themselves") is the source
        // itself: no event of its own, but a reported one is still an
        // accusation of the actor ("The US said that Iraq had attacked
        // themselves" -> USA accuses Iraq).
        let reflexive = targets.is_empty()
            && !sources.is_empty()
            && self.options.combine_reported_conflict
            && s.children[p.verb].iter().any(|&c| {
                s.rel(c) == "obj"
                    && matches!(
                        s.lower[c].as_str(),
                        "themselves" | "itself" | "himself" | "herself"
                    )
            });
        if reflexive {
            targets = sources.clone();
        }
        if targets.is_empty() {
            let mut excl = used.clone();
            for a in &sources {
                excl.push(a.head);
            }
            targets = self.target_of(s, p.verb, &lower_dom, &excl);
            if targets.is_empty() && !sources.is_empty() && !SPEECH_VERBS.contains(&s.lemma(p.verb))
            {
                // The parse cut the clause off: the nearest actor after the verb,
                // before any clause punctuation or other verb.
                targets = self
                    .nearest_actor(s, p.verb_end, true)
                    .into_iter()
                    .filter(|a| !sources.iter().any(|b| b.code == a.code))
                    .collect();
            }
        }
        if sources.is_empty() && targets.is_empty() {
            return None;
        }
        // News reading: a reciprocal act of a compound subject with no
        // participant phrase ("Ukrainian and Russian negotiators have met four
        // times since the start of Russia's invasion"): the members act on each
        // other; an actor in a time or place phrase is no partner.
        if self.options.news_reading
            && slots.source.is_none()
            && slots.target.is_none()
            && subject.is_some()
            && sources == subj_actors
            && crate::reciprocal::is_reciprocal(s, p.verb, p.verb_end)
            && crate::reciprocal::distinct(&sources) >= 2
            && !crate::reciprocal::has_partner(s, p.verb)
        {
            targets = sources.clone();
            rule = format!("{rule} (reciprocal)");
        }
        let mut out = Vec::new();
        if targets.is_empty() {
            if sources.len() >= 2 && code.paired.is_some() {
                // A compound subject and a symmetric verb: the members meet each other.
                targets = sources.clone();
            } else if sources.len() >= 2
                && slots.source.is_none()
                && subject.is_some()
                && !self.options.require_dyad
            {
                targets = Vec::new();
            } else if sources.len() >= 2 && self.symmetric(&code_str) {
                targets = sources.clone();
            }
        }
        if self.options.require_dyad && (sources.is_empty() || targets.is_empty()) {
            return None;
        }
        // Without a dyad, an unknown target still needs a nominal dependent
        // ("said on Saturday", not "said today").
        if targets.is_empty()
            && !s.children[p.verb]
                .iter()
                .any(|&c| matches!(s.rel(c), "obj" | "iobj" | "obl" | "obl:agent") && !s.hidden[c])
        {
            return None;
        }
        // A self-directed event ("the White House said U.S. officials ...") is not one.
        if !targets.is_empty()
            && !reflexive
            && sources
                .iter()
                .all(|a| targets.iter().all(|b| a.code == b.code))
        {
            return None;
        }
        let same_list = targets.len() >= 2 && sources == targets;
        if same_list {
            out.extend(self.pairwise_events(
                s,
                p,
                &sources,
                &targets,
                &code_str,
                &rule,
                quote_depth,
            ));
            return Some(out);
        }
        if reverse_only {
            if targets.is_empty() || sources.is_empty() {
                return None;
            }
            out.push(self.make_event(
                s,
                p,
                targets,
                sources,
                &code_str,
                &format!("{rule} (reverse)"),
                quote_depth,
            ));
            return Some(out);
        }
        let main = self.make_event(
            s,
            p,
            sources.clone(),
            targets.clone(),
            &code_str,
            &rule,
            quote_depth,
        );
        out.push(main);
        if let Some(paired) = &code.paired {
            if !targets.is_empty() && !sources.is_empty() {
                out.push(self.make_event(
                    s,
                    p,
                    targets,
                    sources,
                    paired,
                    &format!("{rule} (paired)"),
                    quote_depth,
                ));
            }
        }
        Some(out)
    }

    /// The default code of a predicate (its entry's or its block's), patterns aside.
    fn default_code(&self, p: &Predicate) -> Option<String> {
        p.entries.iter().find_map(|&e| {
            let entry = &self.dicts.verbs.entries[e];
            let block = &self.dicts.verbs.blocks[entry.block];
            entry.code.as_ref().unwrap_or(&block.code).code.clone()
        })
    }

    /// PETRARCH2's verb interaction (see [`crate::interaction`]). A complement
    /// verb (xcomp, or a `to`-infinitive the parser attached as advcl/ccomp) that is
    /// coded combines with the verb governing it:
    /// - a framing verb (default code 020/030/100/120) gives the combined code
    ///   when CAMEO has one, else the framed act's code; "wants X to do" with an
    ///   object controller is an appeal to X, not an intent;
    /// - a verb whose default is diplomatic cooperation ("agree", 05x) or that has
    ///   no code of its own gives way to the framed act ("agreed to lift the
    ///   sanctions" -> 085);
    /// - any other verb keeps its own event ("pressured by Congress to help").
    ///
    /// The combined event's source is the governing verb's subject, its target
    /// the governing verb's object actor if any, else the framed act's target.
    /// The governing verb's own events (including patterns that read the
    /// complement's words, "WANT * HELP") give way. A reporting verb with a coded
    /// reported clause gives no event of its own ("said he would not provide
    /// support": the rejection only). Finally a negated cooperative act becomes
    /// the matching rejection.
    fn interact_verbs(
        &self,
        s: &Sent,
        preds: &[Predicate],
        coded: Vec<(usize, Vec<FoundEvent>)>,
        quote_depth: &[i32],
    ) -> Vec<(usize, Vec<FoundEvent>)> {
        let mut out = coded;
        let mut drop_verbs: Vec<usize> = Vec::new();
        for (c, evs) in out.iter_mut() {
            let c = *c;
            let Some(g) = s.head[c] else { continue };
            let rel = s.rel(c);
            let to_inf = s.children[c]
                .iter()
                .any(|&k| s.lower[k] == "to" && s.rel(k) == "mark");
            let reported = rel == "ccomp" && SPEECH_VERBS.contains(&s.lemma(g));
            if reported {
                drop_verbs.push(g);
                continue;
            }
            let complement = rel == "xcomp" || (matches!(rel, "advcl" | "ccomp") && to_inf);
            if !complement {
                continue;
            }
            let Some(gp) = preds.iter().find(|p| p.verb == g) else {
                continue;
            };
            let gcode = self.default_code(gp);
            // The addressee: an object of the governing verb before the
            // complement, or the complement's own subject when the parser gave
            // it one ("asked [Russia to help]").
            let object = s.children[g]
                .iter()
                .copied()
                .find(|&o| matches!(s.rel(o), "obj" | "iobj") && o < c)
                .or_else(|| {
                    s.children[c]
                        .iter()
                        .copied()
                        .find(|&o| s.rel(o) == "nsubj" && o > g && to_inf)
                })
                .map(|o| s.resolve_at(o, 0))
                .filter(|a| !a.is_empty());
            let frame = match gcode.as_deref().and_then(crate::interaction::frame_of) {
                Some("03") if object.is_some() => Some("02"),
                f => f,
            };
            let yields = frame.is_some()
                || gcode
                    .as_deref()
                    .is_none_or(|g| g.starts_with("05") || g == "010");
            if !yields {
                continue;
            }
            // The framing verb's subject, or the stand-in its complement
            // took as subject when the tree gives none.
            let sources = match self.subject_of(s, g, 0) {
                Some((sj, _)) => self.actors_for_subject(s, sj, g),
                None => self.stand_in_subject(s, g).unwrap_or_default(),
            };
            let gpred = Predicate {
                verb: c,
                verb_end: c,
                entries: Vec::new(),
            };
            let mut new = Vec::new();
            for e in evs.iter() {
                // No combined code: an appeal or demand to someone ("wants Putin
                // to ...") stays the appeal; otherwise the framed act's code.
                let code = match frame.and_then(|f| crate::interaction::combine(f, &e.code)) {
                    Some(c) => c,
                    None if object.is_some() => match frame {
                        Some(f) => format!("{f}0"),
                        None => e.code.clone(),
                    },
                    None => e.code.clone(),
                };
                // Members of a compound subject keep their pairing ("Brazil and
                // the United States are seeking to deepen a partnership").
                let inherited = e
                    .sources
                    .iter()
                    .all(|a| sources.iter().any(|b| b.code == a.code));
                let src = if sources.is_empty() || inherited {
                    e.sources.clone()
                } else {
                    sources.clone()
                };
                let tgt = object.clone().unwrap_or_else(|| e.targets.clone());
                if tgt.is_empty() || src.iter().all(|a| tgt.iter().all(|b| a.code == b.code)) {
                    continue;
                }
                let rule = format!(
                    "verb interaction: {} [{}] + {}",
                    s.lemma(g),
                    gcode.as_deref().unwrap_or("---"),
                    e.rule
                );
                let mut ev = self.make_event(s, &gpred, src, tgt, &code, &rule, quote_depth);
                ev.negated = e.negated;
                if !new.iter().any(|x: &FoundEvent| {
                    x.code == ev.code && x.sources == ev.sources && x.targets == ev.targets
                }) {
                    new.push(ev);
                }
            }
            if !new.is_empty() {
                *evs = new;
                drop_verbs.push(g);
            }
        }
        // A reporting verb with a reported clause is not an event of its own
        // (its patterns would read the clause's words: "said such a step enjoyed
        // support" is not an endorsement by the speaker); a reported attack is
        // still an accusation or a claim (`combine_reported_conflict`).
        // A reporting verb that is itself a disapproval, rejection or threat
        // ("a report alleged that France was aware", ALLEGE 110) stays when
        // nothing in its clause is coded: the allegation is the event.
        let coded_verbs: Vec<usize> = out.iter().map(|(v, _)| *v).collect();
        for (v, evs) in &out {
            let clause: Vec<usize> = s.children[*v]
                .iter()
                .copied()
                .filter(|&c| s.rel(c) == "ccomp" && !s.hidden[c])
                .collect();
            if !SPEECH_VERBS.contains(&s.lemma(*v)) || clause.is_empty() {
                continue;
            }
            let conflictual = evs
                .iter()
                .all(|e| matches!(e.code.get(..2), Some("11" | "12" | "13")));
            let clause_coded = coded_verbs.iter().any(|&w| {
                w != *v
                    && clause.iter().any(|&c| {
                        let mut x = w;
                        for _ in 0..s.lower.len() {
                            if x == c {
                                return true;
                            }
                            match s.head[x] {
                                Some(h) => x = h,
                                None => break,
                            }
                        }
                        false
                    })
            });
            if !conflictual || clause_coded {
                drop_verbs.push(*v);
            }
        }
        out.retain(|(v, _)| !drop_verbs.contains(v));
        for (_, evs) in &mut out {
            for e in evs.iter_mut() {
                if e.negated {
                    if let Some(r) = crate::interaction::negate(&e.code) {
                        e.rule = format!("{} (negated: {} -> {r})", e.rule, e.code);
                        e.code = r;
                        e.negated = false;
                    }
                }
            }
        }
        out
    }

    /// PETRARCH2's reading of reported conflict: "X said Y attacked Z" is X
    /// accusing Y (112), and "X said they (X) will attack Z" is X claiming the act
    /// (015); the speech event and the reported one give way to that one event.
    fn combine_reported(
        &self,
        s: &Sent,
        coded: Vec<(usize, Vec<FoundEvent>)>,
        combined: &mut Vec<usize>,
        quote_depth: &[i32],
    ) -> Vec<(usize, Vec<FoundEvent>)> {
        let mut out: Vec<(usize, Vec<FoundEvent>)> = Vec::new();
        let mut removed: Vec<usize> = Vec::new();
        for (v, ev) in &coded {
            let Some(h) = s.head[*v] else { continue };
            if s.rel(*v) != "ccomp" || !SPEECH_VERBS.contains(&s.lemma(h)) {
                continue;
            }
            // Only a clause the reporting verb introduces ("officials said
            // rebels attacked ..."): PETRARCH2 transforms a reported clause
            // inside the reporting verb's phrase. Reported speech put first
            // ("Rebels attacked ..., officials said", "Rebels, officials said,
            // attacked ...") is the sentence's own clause there, coded as the
            // act itself, whether our parser makes it the reporting verb's
            // complement or the reporting clause a parataxis of it. The
            // clause's verb and subject decide, not its whole span: a modifier
            // before the reporting verb misattached to the reported clause ("On
            // Monday officials said rebels attacked ...") moves nothing.
            let opening = s.children[*v]
                .iter()
                .filter(|&&c| s.rel(c).starts_with("nsubj") || s.rel(c).starts_with("csubj"))
                .map(|&c| span_of(s, c).0)
                .fold(*v, usize::min);
            if opening < h {
                continue;
            }
            let conflict = ev
                .iter()
                .any(|e| matches!(e.code.get(..2), Some("18" | "19" | "20")));
            if !conflict {
                continue;
            }
            let Some((sj, _)) = self.subject_of(s, h, 0) else {
                continue;
            };
            let speakers = self.actors_for_subject(s, sj, h);
            if speakers.is_empty() {
                continue;
            }
            let e = &ev[0];
            let self_claim = e
                .sources
                .iter()
                .all(|a| speakers.iter().any(|b| b.code == a.code));
            // The speaker's own side named in the clause ("The United States
            // launched an air strike ..., the U.S. Central Command said") is a
            // report of the act itself; a claim (015) is the speaker speaking
            // of itself ("claimed that they had attacked", "said it will").
            let named_subject = self.subject_of(s, *v, 0).is_some_and(|(sj, _)| {
                !(s.sent.tokens[sj].xpos == "PRP" || is_pronoun(&s.lower[sj]))
            });
            if self_claim && named_subject {
                continue;
            }
            let (targets, code) = if self_claim {
                (e.targets.clone(), "015")
            } else {
                (e.sources.clone(), "112")
            };
            if targets.is_empty() {
                continue;
            }
            let p = Predicate {
                verb: h,
                verb_end: h,
                entries: Vec::new(),
            };
            let rule = format!("reported conflict: {} + {}", s.lemma(h), e.code);
            let new = self.make_event(s, &p, speakers, targets, code, &rule, quote_depth);
            removed.push(*v);
            removed.push(h);
            // "attacked Iraq and taken the city": the whole reported clause.
            for (w, _) in &coded {
                if s.rel(*w) == "conj" && s.head[*w] == Some(*v) {
                    removed.push(*w);
                }
            }
            combined.push(h);
            out.push((h, vec![new]));
        }
        for (v, ev) in coded {
            if !removed.contains(&v) {
                out.push((v, ev));
            }
        }
        out
    }

    /// Event nouns of dyad's dictionary (`~talk`, `~sanction`): "talks between
    /// Russia and Ukraine", "Russia's invasion of Ukraine", "Ukraine held talks with
    /// Turkey" (when the light verb itself is not coded).
    fn code_event_nouns(&self, s: &Sent, events: &mut Vec<FoundEvent>, quote_depth: &[i32]) {
        if self.dicts.verbs.nouns.is_empty() {
            return;
        }
        let coded_verbs: Vec<usize> = events.iter().map(|e| e.verb).collect();
        for n in 0..s.lower.len() {
            let t = &s.sent.tokens[n];
            if !(t.upos == "NOUN" || t.xpos == "NN" || t.xpos == "NNS" || s.noun[n]) {
                continue;
            }
            let Some(code) = self
                .dicts
                .verbs
                .nouns
                .get(s.lemma(n))
                .or_else(|| self.dicts.verbs.nouns.get(&s.lower[n]))
            else {
                continue;
            };
            let Some(code_str) = code.code.clone() else {
                continue;
            };
            if s.head[n].is_some_and(|h| coded_verbs.contains(&h)) || coded_verbs.contains(&n) {
                continue;
            }
            let mut sources = Vec::new();
            let mut targets = Vec::new();
            let mut pairwise = Vec::new();
            // Sources only from a name before the noun ("the Jeddah talks"):
            // a city there may be the venue, who comes for the talks says more.
            let mut compound_sources = false;
            for &c in &s.children[n] {
                let r = s.rel(c);
                let case = s.children[c]
                    .iter()
                    .find(|&&k| s.rel(k) == "case")
                    .map(|&k| s.lower[k].as_str())
                    .unwrap_or("");
                if r == "nmod:poss" || (r == "amod" || r == "compound") && s.is_mention(c) {
                    if sources.is_empty() {
                        sources = s.resolve_at(c, 0);
                        compound_sources = r == "compound";
                    }
                } else if rel_base(r) == "nmod" || r == "obl" {
                    match case {
                        "between" | "among" => pairwise = s.resolve_at(c, 0),
                        "with" | "against" | "on" | "of" | "to" | "into" | "toward" | "towards"
                        | "at"
                            if targets.is_empty() =>
                        {
                            targets = s.resolve_at(c, 0);
                        }
                        "by" | "from" if sources.is_empty() => {
                            sources = s.resolve_at(c, 0);
                        }
                        _ => {}
                    }
                }
            }
            // The noun as object of a light verb: the verb's subject is the source.
            if sources.is_empty() && pairwise.is_empty() {
                if let Some(h) = s.head[n].filter(|_| matches!(s.rel(n), "obj" | "nsubj:pass")) {
                    if let Some((sj, _)) = self.subject_of(s, h, 0) {
                        sources = self.actors_for_subject(s, sj, h);
                    }
                    if targets.is_empty() {
                        for &c in &s.children[h] {
                            let case = s.children[c]
                                .iter()
                                .find(|&&k| s.rel(k) == "case")
                                .map(|&k| s.lower[k].as_str());
                            if s.rel(c) == "obl"
                                && matches!(case, Some("with" | "against" | "on" | "to"))
                            {
                                targets = s.resolve_at(c, 0);
                                break;
                            }
                        }
                    }
                }
            }
            // "will join the adviser for the talks with Ukrainian officials",
            // "arrived in Geneva for talks with", "took part in talks with":
            // who comes for the talks (or joins in them) takes part, and so
            // does whom one joins there.
            if (sources.is_empty() || compound_sources)
                && pairwise.is_empty()
                && self.options.news_reading
            {
                let case = s.children[n]
                    .iter()
                    .find(|&&k| s.rel(k) == "case")
                    .map(|&k| s.lower[k].as_str());
                // Not a passive's subject: "people have been killed in
                // attacks" are the victims.
                let head = s.head[n].filter(|&h| {
                    s.rel(n) == "obl"
                        && s.is_verbal(h)
                        && !s.children[h]
                            .iter()
                            .any(|&c| matches!(s.rel(c), "nsubj:pass" | "aux:pass"))
                });
                let joins = |h: usize| {
                    matches!(
                        s.lemma(h),
                        "join" | "accompany" | "participate" | "engage" | "take"
                    )
                };
                if let Some(h) =
                    head.filter(|&h| case == Some("for") || case == Some("in") && joins(h))
                {
                    let mut comers = Vec::new();
                    if let Some((sj, _)) = self.subject_of(s, h, 0) {
                        comers = self.actors_for_subject(s, sj, h);
                    }
                    if matches!(s.lemma(h), "join" | "accompany") {
                        for &c in &s.children[h] {
                            if s.rel(c) == "obj" {
                                for a in s.resolve_at(c, 0) {
                                    if !comers.iter().any(|b: &FoundActor| b.tokens == a.tokens) {
                                        comers.push(a);
                                    }
                                }
                            }
                        }
                    }
                    if !comers.is_empty() {
                        sources = comers;
                    }
                }
            }
            let p = Predicate {
                verb: n,
                verb_end: n,
                entries: Vec::new(),
            };
            let rule = format!("noun ~{}", s.lemma(n));
            if pairwise.len() >= 2 {
                for a in &pairwise {
                    for b in &pairwise {
                        if a.code != b.code {
                            events.push(self.make_event(
                                s,
                                &p,
                                vec![a.clone()],
                                vec![b.clone()],
                                &code_str,
                                &rule,
                                quote_depth,
                            ));
                        }
                    }
                }
                continue;
            }
            if !pairwise.is_empty() && targets.is_empty() {
                targets = pairwise;
            }
            if sources.is_empty() || targets.is_empty() || sources == targets {
                continue;
            }
            events.push(self.make_event(s, &p, sources, targets, &code_str, &rule, quote_depth));
        }
    }

    /// Verbs whose compound subject codes its members against each other ("Gondor and
    /// Osgiliath have renewed ties"): cooperation and meeting codes.
    fn symmetric(&self, code: &str) -> bool {
        code.starts_with("03")
            || code.starts_with("04")
            || code.starts_with("05")
            || code.starts_with("06")
            || code.starts_with("08")
    }

    /// One event for every ordered pair of actors with different codes: the members
    /// of a compound that acts on itself ("Russia and Ukraine exchanged prisoners").
    #[allow(clippy::too_many_arguments)]
    fn pairwise_events(
        &self,
        s: &Sent,
        p: &Predicate,
        sources: &[FoundActor],
        targets: &[FoundActor],
        code: &str,
        rule: &str,
        quote_depth: &[i32],
    ) -> Vec<FoundEvent> {
        let mut out = Vec::new();
        for a in sources {
            for b in targets.iter().filter(|b| b.code != a.code) {
                out.push(self.make_event(
                    s,
                    p,
                    vec![a.clone()],
                    vec![b.clone()],
                    code,
                    rule,
                    quote_depth,
                ));
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn make_event(
        &self,
        s: &Sent,
        p: &Predicate,
        sources: Vec<FoundActor>,
        targets: Vec<FoundActor>,
        code: &str,
        rule: &str,
        quote_depth: &[i32],
    ) -> FoundEvent {
        let negated = self.negated(s, p.verb);
        // An event noun ("will join ... for the talks", "plans a visit") takes the
        // tense and mood of the verb that governs it.
        let mut mv = p.verb;
        for _ in 0..4 {
            if !s.sent.tokens[mv].xpos.starts_with("NN") && !s.noun[mv] {
                break;
            }
            match s.head[mv] {
                Some(h) => mv = h,
                None => break,
            }
        }
        if !s.is_verbal(mv) {
            mv = p.verb;
        }
        let modality = self.modality(s, mv);
        let speech = self.speech(s, p.verb, quote_depth);
        let mut confidence: f32 = 0.9;
        if rule.starts_with("verb ") {
            confidence -= 0.15;
        }
        if sources.iter().any(|a| a.code.starts_with("---"))
            || targets.iter().any(|a| a.code.starts_with("---"))
        {
            confidence -= 0.2;
        }
        if targets.is_empty() || sources.is_empty() {
            confidence -= 0.2;
        }
        if speech.as_ref().is_some_and(|sp| sp.kind == "anonymous") {
            confidence -= 0.1;
        }
        FoundEvent {
            sources,
            targets,
            code: code.to_string(),
            verb: p.verb,
            verb_end: p.verb_end,
            rule: rule.to_string(),
            negated,
            modality,
            speech,
            confidence: confidence.clamp(0.05, 1.0),
            times: crate::reciprocal::times(s, p.verb).or_else(|| {
                (mv != p.verb)
                    .then(|| crate::reciprocal::times(s, mv))
                    .flatten()
            }),
        }
    }
}

/// Token range of the subtree of `i`.
fn span_of(s: &Sent, i: usize) -> (usize, usize) {
    let mut v = Vec::new();
    s.subtree(i, &|_| false, &mut v);
    let lo = v.iter().copied().min().unwrap_or(i);
    let hi = v.iter().copied().max().unwrap_or(i) + 1;
    (lo, hi)
}

/// Expands compound actors into one (source, target, code) triple per pair, as
/// PETRARCH does, dropping self-directed pairs.
pub fn expand(ev: &FoundEvent, require_dyad: bool) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let none = [FoundActor {
        code: "---".into(),
        country: None,
        agents: Vec::new(),
        tokens: (0, 0),
        head: 0,
    }];
    let srcs: &[FoundActor] = if ev.sources.is_empty() {
        &none
    } else {
        &ev.sources
    };
    let tgts: &[FoundActor] = if ev.targets.is_empty() {
        &none
    } else {
        &ev.targets
    };
    for a in srcs {
        for b in tgts {
            if require_dyad && (a.code == "---" || b.code == "---") {
                continue;
            }
            if a.code == b.code && a.code != "---" && srcs.len() + tgts.len() > 2 {
                continue;
            }
            let t = (a.code.clone(), b.code.clone(), ev.code.clone());
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_heads_keeps_the_children_lists_in_token_order() {
        let text = "a b c d e";
        let conllu = "1\ta\ta\tX\tNN\t_\t3\tdep\t_\t_\n\
2\tb\tb\tX\tNN\t_\t3\tdep\t_\t_\n\
3\tc\tc\tX\tNN\t_\t0\troot\t_\t_\n\
4\td\td\tX\tNN\t_\t2\tdep\t_\t_\n\
5\te\te\tX\tNN\t_\t3\tdep\t_\t_\n";
        let a = crate::ptb::conllu_to_sentence(conllu, text, 0).unwrap();
        let mut s = Sent::new(&a, &Dictionaries::default(), None);
        assert_eq!(s.children[2], [0, 1, 4]);
        s.set_head(3, Some(2));
        s.set_head(1, Some(4));
        s.set_head(2, Some(1));
        s.set_head(4, None);
        assert_eq!(s.children[2], [0, 3]);
        assert_eq!(s.children[4], [1]);
        assert_eq!(s.children[1], [2]);
        assert!(s.children_in_step());
    }

    #[test]
    fn lemmas_are_lower_case_with_the_form_for_a_missing_one() {
        let text = "Russia Attacked ÉLYSÉE it";
        let conllu = "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tAttacked\tAttack\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tÉLYSÉE\tÉlysée\tPROPN\tNNP\t_\t2\tobj\t_\t_\n\
4\tit\t_\tPRON\tPRP\t_\t2\tobj\t_\t_\n";
        let mut a = crate::ptb::conllu_to_sentence(conllu, text, 0).unwrap();
        // A parse without lemmas (the reader may fill them in).
        a.tokens[3].lemma = "_".into();
        let s = Sent::new(&a, &Dictionaries::default(), None);
        let lemmas: Vec<&str> = (0..4).map(|i| s.lemma(i)).collect();
        assert_eq!(lemmas, ["russia", "attack", "élysée", "it"]);
        assert!(matches!(s.lemma_at[3], LemmaAt::Form));
    }

    #[test]
    fn sentence_words_never_reject_a_word_a_token_matches() {
        let text = "Ukraine's president didn't meet Russian officials.";
        let ptb = "(ROOT (S (NP (NP (NNP Ukraine) (POS 's)) (NN president)) (VP (VBD did) (RB n't) (VP (VB meet) (NP (JJ Russian) (NNS officials)))) (. .)))";
        let a = crate::ptb::ptb_to_sentence(ptb, text, 0).unwrap();
        let d = Dictionaries::default();
        let s = Sent::new(&a, &d, None);
        let engine = Engine {
            dicts: &d,
            options: EngineOptions::default(),
        };
        let words = SentWords::new(&s);
        let mut candidates: Vec<String> = Vec::new();
        for (i, t) in a.tokens.iter().enumerate() {
            candidates.push(s.lower[i].clone());
            candidates.push(t.lemma.to_lowercase());
        }
        candidates.extend(["n't", "not", "meet", "officials", "talks", "zebra"].map(String::from));
        for w in &candidates {
            for by_lemma in [false, true] {
                let matched = (0..a.tokens.len()).any(|t| engine.word_at(&s, t, w, by_lemma));
                assert!(
                    !matched || words.has(w, by_lemma),
                    "{w} by_lemma={by_lemma}"
                );
            }
        }
        // A word whose key no token has is rejected.
        let absent = ["zebra", "xylophones", "quagmire", "q"]
            .into_iter()
            .find(|w| {
                let bit = word_bit(w.as_bytes(), false);
                !has_bit(&words.forms, bit) && !has_bit(&words.lemmas, bit)
            })
            .expect("some key is free in a short sentence");
        assert!(!words.has(absent, true));
    }
}
