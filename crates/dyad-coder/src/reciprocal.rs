//! Reciprocal acts and repetition counts, for "who met whom and how often".
//!
//! A reciprocal verb with a compound subject and no partner phrase names an act
//! of the members on each other: "Ukrainian and Russian negotiators have met four
//! times", "Israel and Hamas negotiators held talks in Doha", "Russia and Ukraine
//! clashed". Under news reading (`dyad code`) the engine then codes every ordered
//! pair of members (A -> B and B -> A), as PETRARCH does for its `%` compound
//! patterns, and the evidence rule ends in `(reciprocal)`; `dyad validate` keeps
//! PETRARCH's literal coding.
//!
//! The reciprocal predicates are a short list, not a dictionary flag, because the
//! property belongs to the English word, not to a CAMEO code:
//! - verbs [`RECIPROCAL_VERBS`]: meet, talk, negotiate, confer, clash, fight,
//!   battle, skirmish, spar, quarrel, feud, reconcile, exchange;
//! - a support verb with a reciprocal event noun as object
//!   ([`SUPPORT_VERBS`] x [`RECIPROCAL_NOUNS`]): "held talks", "signed an
//!   agreement", "reached a deal", "resumed negotiations";
//! - a reciprocal event noun that is itself the predicate.
//!
//! A partner phrase cancels the reading: a direct object other than the act
//! itself or what is exchanged ("Putin met Zelensky", "met the deadline") or a participant preposition (with, against, to, between,
//! among, versus: "Russia and Ukraine met with Turkish officials" is a meeting of
//! both with Turkey, not with each other). Place and time phrases ("in Doha",
//! "since the start of Russia's invasion") name no partner.
//!
//! [`times`] reads a repetition count off the predicate: "four times", "3
//! times", "twice", "thrice", "for the third time" (the count so far, this time
//! included).

use crate::engine::{FoundActor, Sent};

/// Verbs whose plural or compound subject acts on itself.
pub const RECIPROCAL_VERBS: &[&str] = &[
    "meet",
    "talk",
    "negotiate",
    "confer",
    "clash",
    "fight",
    "battle",
    "skirmish",
    "spar",
    "quarrel",
    "feud",
    "reconcile",
    "exchange",
];

/// Verbs that take a reciprocal event noun as object ("held talks").
pub const SUPPORT_VERBS: &[&str] = &[
    "hold", "have", "sign", "conclude", "reach", "strike", "begin", "start", "resume", "open",
    "continue", "conduct", "agree",
];

/// Event nouns that name an act between the parties.
pub const RECIPROCAL_NOUNS: &[&str] = &[
    "talk",
    "talks",
    "negotiation",
    "meeting",
    "summit",
    "discussion",
    "consultation",
    "agreement",
    "deal",
    "accord",
    "treaty",
    "pact",
    "truce",
    "ceasefire",
    "memorandum",
    "clash",
    "exchange",
];

/// What two sides exchange ("exchanged prisoners", "exchanged fire").
pub const EXCHANGED: &[&str] = &[
    "prisoner", "fire", "view", "message", "letter", "greeting", "body", "document", "visit",
];

/// Prepositions that introduce a partner of the act.
const PARTNER_CASES: &[&str] = &[
    "with",
    "against",
    "to",
    "toward",
    "towards",
    "between",
    "among",
    "amongst",
    "versus",
    "vs",
    "vs.",
    "alongside",
];

/// Is the predicate at `verb..=verb_end` a reciprocal act?
pub fn is_reciprocal(s: &Sent, verb: usize, verb_end: usize) -> bool {
    let lemma = s.lemma(verb);
    if s.sent.tokens[verb].xpos.starts_with("NN") {
        return RECIPROCAL_NOUNS.contains(&lemma);
    }
    if RECIPROCAL_VERBS.contains(&lemma) {
        return true;
    }
    if !SUPPORT_VERBS.contains(&lemma) {
        return false;
    }
    // The object noun, as a child of the verb or within a multi-word verb.
    let noun = |i: usize| {
        s.sent.tokens[i].xpos.starts_with("NN")
            && (RECIPROCAL_NOUNS.contains(&s.lemma(i))
                || RECIPROCAL_NOUNS.contains(&s.lower[i].as_str()))
    };
    s.children[verb]
        .iter()
        .any(|&c| s.rel(c) == "obj" && noun(c))
        || (verb + 1..=verb_end.min(s.lower.len().saturating_sub(1))).any(noun)
}

/// The number of different actor codes in a list.
pub fn distinct(actors: &[FoundActor]) -> usize {
    let mut codes: Vec<&str> = actors.iter().map(|a| a.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes.len()
}

/// The preposition of a nominal dependent, if any.
fn case_of(s: &Sent, i: usize) -> Option<String> {
    s.children[i]
        .iter()
        .find(|&&c| s.rel(c) == "case")
        .map(|&c| s.lower[c].clone())
}

/// Does any token of the subtree of `i` name an actor?
fn names_actor(s: &Sent, i: usize) -> bool {
    let mut stack = vec![i];
    while let Some(t) = stack.pop() {
        if s.is_mention(t) {
            return true;
        }
        stack.extend(s.children[t].iter().copied());
    }
    false
}

/// Does the predicate (or its object event noun) have a partner phrase: an object
/// naming someone or a participant preposition?
pub fn has_partner(s: &Sent, verb: usize) -> bool {
    let mut heads = vec![verb];
    // "held talks with X": the with-phrase may hang on the object noun.
    heads.extend(
        s.children[verb]
            .iter()
            .copied()
            .filter(|&c| s.rel(c) == "obj"),
    );
    for &h in &heads {
        for &c in &s.children[h] {
            let rel = s.rel(c);
            let base = rel.split(':').next().unwrap_or(rel);
            if h == verb && matches!(rel, "obj" | "iobj") {
                // Any object but the act itself ("held talks", "exchanged
                // prisoners"), a count ("four times") or "each other" is the partner, or changes the
                // sense ("met the deadline").
                let each_other = matches!(s.lower[c].as_str(), "other" | "another");
                let lemma = s.lemma(c);
                let act = lemma == "time"
                    || RECIPROCAL_NOUNS.contains(&lemma)
                    || RECIPROCAL_NOUNS.contains(&s.lower[c].as_str())
                    || EXCHANGED.contains(&lemma);
                if !each_other && (names_actor(s, c) || !act) {
                    return true;
                }
            }
            if matches!(base, "obl" | "nmod")
                && case_of(s, c).is_some_and(|p| PARTNER_CASES.contains(&p.as_str()))
            {
                return true;
            }
        }
    }
    false
}

/// A cardinal number word or figure.
fn cardinal(w: &str) -> Option<u32> {
    if let Ok(n) = w.replace(',', "").parse::<u32>() {
        return Some(n);
    }
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    WORDS
        .iter()
        .position(|x| *x == w)
        .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX))
}

/// An ordinal word or figure ("third", "3rd").
fn ordinal(w: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return u32::try_from(i + 1).ok();
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if matches!(suffix, "st" | "nd" | "rd" | "th") {
        return digits.parse().ok();
    }
    None
}

/// How often the act of predicate `verb` happened, if the sentence says so:
/// "four times" or "3 times" (a count on "times" hung on the predicate, not a
/// multiplier: "four times as many", "three times more"), "twice", "thrice",
/// "for the third time".
pub fn times(s: &Sent, verb: usize) -> Option<u32> {
    for &c in &s.children[verb] {
        let w = s.lower[c].as_str();
        match w {
            "twice" => return Some(2),
            "thrice" => return Some(3),
            "time" | "times" => {}
            _ => continue,
        }
        if !s.sent.tokens[c].xpos.starts_with("NN") {
            continue;
        }
        // A multiplier, not a count: "four times as many", "three times more".
        if let Some(next) = s.lower.get(c + 1) {
            let next_tag = &s.sent.tokens[c + 1].xpos;
            if next == "as" || next_tag == "JJR" || next_tag == "RBR" {
                continue;
            }
        }
        let deps = &s.children[c];
        if w == "times" {
            let n = deps
                .iter()
                .filter(|&&d| matches!(s.rel(d), "nummod" | "compound" | "amod"))
                .find_map(|&d| cardinal(&s.lower[d]));
            if n.is_some() {
                return n;
            }
        } else if case_of(s, c).as_deref() == Some("for") {
            let n = deps
                .iter()
                .filter(|&&d| matches!(s.rel(d), "amod" | "nummod"))
                .find_map(|&d| ordinal(&s.lower[d]));
            if n.is_some() {
                return n;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::engine::{EngineOptions, FoundEvent};
    use crate::testutil::{code_ptb, dictionaries, dyad};

    const ACTORS: &str = "UKR\tUkraine; Ukrainian; Kyiv\n\
RUS\tRussia; Russian; Moscow\n\
TUR\tTurkey; Turkish\n\
ISR\tIsrael; Israeli\n\
QAT\tQatar; Doha\n\
PSEINSHMS\tHamas\n\
RUSGOV\tPutin\n\
UKRGOV\tZelensky\n";
    const AGENTS: &str = "GOV\tofficial; negotiator; government\n\
MIL\ttroops; soldier\n";
    const VERBS: &str = "040\tmeet\n\
040\tmeet with\n\
040\thold talks\n\
044\thold talks in\n\
190\tclash\n\
057\tsign agreement\n\
190\tattack\n";

    fn code(text: &str, ptb: &str, news_reading: bool) -> Vec<FoundEvent> {
        let d = dictionaries(ACTORS, AGENTS, VERBS);
        let options = EngineOptions {
            news_reading,
            ..EngineOptions::default()
        };
        code_ptb(&d, text, ptb, options)
    }

    /// `SOURCE TARGET CODE`, with ` xN` when the event has a repetition count.
    fn dyads(ev: &[FoundEvent]) -> Vec<String> {
        ev.iter()
            .map(|e| {
                let times = e.times.map(|n| format!(" x{n}")).unwrap_or_default();
                format!("{}{times}", dyad(e))
            })
            .collect()
    }

    #[test]
    fn sides_that_met_four_times_met_each_other() {
        let text = "Ukraine and Russia have met four times since the start of Russia's invasion.";
        let ptb = "(ROOT (S (NP (NNP Ukraine) (CC and) (NNP Russia)) (VP (VBP have) (VP (VBN met) (NP (CD four) (NNS times)) (PP (IN since) (NP (NP (DT the) (NN start)) (PP (IN of) (NP (NP (NNP Russia) (POS 's)) (NN invasion))))))) (. .)))";
        let events = code(text, ptb, true);
        assert_eq!(dyads(&events), ["UKR RUS 040 x4", "RUS UKR 040 x4"]);
        assert!(events.iter().all(|e| e.rule.ends_with("(reciprocal)")));
        // PETRARCH's literal reading (validation) is unchanged: Russia, in the
        // time phrase, is the target.
        let literal = dyads(&code(text, ptb, false));
        assert!(!literal.is_empty());
        assert!(
            literal.iter().all(|d| d.contains(" RUS 040")),
            "{literal:?}"
        );
    }

    #[test]
    fn talks_in_a_third_place_are_between_the_members() {
        let text = "Israel and Hamas held talks in Doha for the second time.";
        let ptb = "(ROOT (S (NP (NNP Israel) (CC and) (NNP Hamas)) (VP (VBD held) (NP (NNS talks)) (PP (IN in) (NP (NNP Doha))) (PP (IN for) (NP (DT the) (JJ second) (NN time)))) (. .)))";
        let got = dyads(&code(text, ptb, true));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("ISR PSEINSHMS 04"), "{got:?}");
        assert!(got[1].starts_with("PSEINSHMS ISR 04"), "{got:?}");
        assert!(got.iter().all(|d| d.ends_with(" x2")), "{got:?}");
    }

    #[test]
    fn a_clash_of_two_countries_is_mutual() {
        let text = "Russia and Ukraine clashed twice on Sunday.";
        let ptb = "(ROOT (S (NP (NNP Russia) (CC and) (NNP Ukraine)) (VP (VBD clashed) (ADVP (RB twice)) (PP (IN on) (NP (NNP Sunday)))) (. .)))";
        assert_eq!(
            dyads(&code(text, ptb, true)),
            ["RUS UKR 190 x2", "UKR RUS 190 x2"]
        );
        // Validation keeps PETRARCH's reading: no target, no event.
        assert!(code(text, ptb, false).is_empty());
    }

    #[test]
    fn a_partner_phrase_or_object_keeps_the_literal_dyad() {
        let text = "Putin met Zelensky for the third time.";
        let ptb = "(ROOT (S (NP (NNP Putin)) (VP (VBD met) (NP (NNP Zelensky)) (PP (IN for) (NP (DT the) (JJ third) (NN time)))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, true)), ["RUSGOV UKRGOV 040 x3"]);
        let text = "Russia and Ukraine met with Turkish officials.";
        let ptb = "(ROOT (S (NP (NNP Russia) (CC and) (NNP Ukraine)) (VP (VBD met) (PP (IN with) (NP (JJ Turkish) (NNS officials)))) (. .)))";
        let got = dyads(&code(text, ptb, true));
        assert!(!got.is_empty());
        assert!(
            got.iter()
                .all(|d| d.contains("TURGOV") && !d.contains("RUS UKR")),
            "{got:?}"
        );
    }

    #[test]
    fn a_non_reciprocal_verb_with_a_compound_subject_stays_one_sided() {
        let text = "Russia and Belarus attacked Ukraine four times as often as last year.";
        let ptb = "(ROOT (S (NP (NNP Russia) (CC and) (NNP Belarus)) (VP (VBD attacked) (NP (NNP Ukraine)) (ADVP (NP (CD four) (NNS times)) (RB as) (RB often) (PP (IN as) (NP (JJ last) (NN year))))) (. .)))";
        let got = dyads(&code(text, ptb, true));
        assert!(got.iter().all(|d| d.contains(" UKR 190")), "{got:?}");
        assert!(got.iter().all(|d| !d.contains(" x")), "{got:?}");
    }
}
