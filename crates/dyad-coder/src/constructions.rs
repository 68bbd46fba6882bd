//! Construction tests: real-looking sentences, parsed from small Penn Treebank
//! trees through [`crate::ptb`], coded with small dictionaries in dyad's format.
//! They need neither the NLP models nor ../shared.

use crate::document::code_sentences;
use crate::engine::{Dictionaries, Engine, EngineOptions, FoundEvent, Modality, Sent};
use crate::ptb::ptb_to_sentence;
use crate::{Coder, CoderOptions};
use dyad_nlp::AnalyzedSentence;
use dyad_text::{Date, Document};

const ACTORS: &str = "UKR\tUkraine; Ukrainian; Kyiv\n\
RUS\tRussia; Russian; Moscow; Kremlin\n\
FRA\tFrance; French\n\
DEU\tGermany; German\n\
-\tVolodymyr Zelensky; Zelensky\tUKRELI@..2019-05-19\tUKRGOV@2019-05-20..\n";
const AGENTS: &str = "GOV\tpresident; foreign minister; minister; official; government\n\
MIL\ttroops; soldier; army\n\
MIL+GOV\tdefense minister\n";
const VERBS: &str = "036\tmeet; meet with; ~talk\n\
190\tattack; shell\n\
010\tsay\n\
111\treject\n\
112\tcriticize\n\
0311\task for aid\n";

fn dicts() -> Dictionaries {
    let mut d = Dictionaries::default();
    d.actors.read_dyad("countries.txt", ACTORS).unwrap();
    d.agents.read_dyad("agents.txt", AGENTS).unwrap();
    d.verbs.read_dyad("verbs.txt", VERBS).unwrap();
    d
}

fn sent(text: &str, ptb: &str) -> AnalyzedSentence {
    ptb_to_sentence(ptb, text, 0).unwrap()
}

fn code(text: &str, ptb: &str, date: Option<&str>) -> Vec<FoundEvent> {
    let d = dicts();
    let s = sent(text, ptb);
    let date = date.map(|x| Date::parse_lenient(x).unwrap());
    let prepared = Sent::new(&s, &d, date);
    let engine = Engine {
        dicts: &d,
        options: EngineOptions::default(),
    };
    engine.code(&prepared).events
}

fn codes(a: &[crate::engine::FoundActor]) -> Vec<&str> {
    a.iter().map(|x| x.code.as_str()).collect()
}

#[test]
fn active_with_country_and_agent() {
    let ev = code(
        "Russian troops shelled Kyiv on Monday.",
        "(ROOT (S (NP (JJ Russian) (NNS troops)) (VP (VBD shelled) (NP (NNP Kyiv)) (PP (IN on) (NP (NNP Monday)))) (. .)))",
        None,
    );
    assert_eq!(ev.len(), 1);
    assert_eq!(codes(&ev[0].sources), ["RUSMIL"]);
    assert_eq!(codes(&ev[0].targets), ["UKR"]);
    assert_eq!(ev[0].code, "190");
    assert!(!ev[0].negated);
    assert_eq!(ev[0].modality, Modality::Past);
}

#[test]
fn negation_is_marked_not_dropped() {
    let ev = code(
        "Russia did not attack Ukraine.",
        "(ROOT (S (NP (NNP Russia)) (VP (VBD did) (RB not) (VP (VB attack) (NP (NNP Ukraine)))) (. .)))",
        None,
    );
    assert_eq!(ev.len(), 1);
    assert!(ev[0].negated);
    // "refused to meet" is a negated meeting too.
    let ev = code(
        "The Ukrainian president refused to meet the Russian foreign minister.",
        "(ROOT (S (NP (DT The) (JJ Ukrainian) (NN president)) (VP (VBD refused) (S (VP (TO to) (VP (VB meet) (NP (DT the) (JJ Russian) (JJ foreign) (NN minister)))))) (. .)))",
        None,
    );
    assert_eq!(ev.len(), 1);
    assert_eq!(codes(&ev[0].sources), ["UKRGOV"]);
    assert_eq!(codes(&ev[0].targets), ["RUSGOV"]);
    assert!(ev[0].negated);
}

#[test]
fn passive_by_agent_is_the_source() {
    let ev = code(
        "Ukraine was attacked by Russian troops.",
        "(ROOT (S (NP (NNP Ukraine)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (JJ Russian) (NNS troops))))) (. .)))",
        None,
    );
    assert_eq!(ev.len(), 1);
    assert_eq!(codes(&ev[0].sources), ["RUSMIL"]);
    assert_eq!(codes(&ev[0].targets), ["UKR"]);
}

#[test]
fn compound_actors_stay_one_event_and_expand_by_pairs() {
    let ev = code(
        "France and Germany criticized Russia.",
        "(ROOT (S (NP (NNP France) (CC and) (NNP Germany)) (VP (VBD criticized) (NP (NNP Russia))) (. .)))",
        None,
    );
    assert_eq!(ev.len(), 1);
    assert_eq!(codes(&ev[0].sources), ["FRA", "DEU"]);
    let triples = crate::engine::expand(&ev[0], true);
    assert_eq!(
        triples,
        vec![
            ("FRA".to_string(), "RUS".to_string(), "112".to_string()),
            ("DEU".to_string(), "RUS".to_string(), "112".to_string())
        ]
    );
}

#[test]
fn reported_speech_codes_the_content_with_its_speaker() {
    let ev = code(
        "Kyiv said Russian troops attacked Ukraine.",
        "(ROOT (S (NP (NNP Kyiv)) (VP (VBD said) (SBAR (S (NP (JJ Russian) (NNS troops)) (VP (VBD attacked) (NP (NNP Ukraine)))))) (. .)))",
        None,
    );
    let attack = ev
        .iter()
        .find(|e| e.code == "190")
        .expect("the embedded attack");
    assert_eq!(codes(&attack.sources), ["RUSMIL"]);
    let sp = attack.speech.as_ref().expect("attribution");
    assert_eq!(sp.speaker.as_ref().map(|a| a.code.as_str()), Some("UKR"));
    assert!(!sp.direct);
    // Anonymous sources.
    let ev = code(
        "Officials who spoke on condition of anonymity said Russia attacked Ukraine.",
        "(ROOT (S (NP (NP (NNS Officials)) (SBAR (WHNP (WP who)) (S (VP (VBD spoke) (PP (IN on) (NP (NP (NN condition)) (PP (IN of) (NP (NN anonymity))))))))) (VP (VBD said) (SBAR (S (NP (NNP Russia)) (VP (VBD attacked) (NP (NNP Ukraine)))))) (. .)))",
        None,
    );
    let attack = ev.iter().find(|e| e.code == "190").unwrap();
    assert_eq!(attack.speech.as_ref().unwrap().kind, "anonymous");
}

#[test]
fn modality_future_intended_hypothetical() {
    let fut = code(
        "Russia will attack Ukraine.",
        "(ROOT (S (NP (NNP Russia)) (VP (MD will) (VP (VB attack) (NP (NNP Ukraine)))) (. .)))",
        None,
    );
    assert_eq!(fut[0].modality, Modality::Future);
    let intended = code(
        "Zelensky agreed to meet French officials.",
        "(ROOT (S (NP (NNP Zelensky)) (VP (VBD agreed) (S (VP (TO to) (VP (VB meet) (NP (JJ French) (NNS officials)))))) (. .)))",
        Some("2023-01-10"),
    );
    assert_eq!(intended[0].modality, Modality::Intended);
    let hypo = code(
        "Russia could attack Ukraine.",
        "(ROOT (S (NP (NNP Russia)) (VP (MD could) (VP (VB attack) (NP (NNP Ukraine)))) (. .)))",
        None,
    );
    assert_eq!(hypo[0].modality, Modality::Hypothetical);
}

#[test]
fn date_restricted_codes_follow_the_document_date() {
    let text = "Zelensky criticized Russia.";
    let ptb = "(ROOT (S (NP (NNP Zelensky)) (VP (VBD criticized) (NP (NNP Russia))) (. .)))";
    let before = code(text, ptb, Some("2018-06-01"));
    assert_eq!(codes(&before[0].sources), ["UKRELI"]);
    let after = code(text, ptb, Some("2022-03-20"));
    assert_eq!(codes(&after[0].sources), ["UKRGOV"]);
}

#[test]
fn aliases_and_actor_candidates_across_a_document() {
    let text =
        "Ukrainian Defense Minister Rustem Umerov met French officials. Umerov criticized Russia.";
    let s1 = "(ROOT (S (NP (JJ Ukrainian) (NNP Defense) (NNP Minister) (NNP Rustem) (NNP Umerov)) (VP (VBD met) (NP (JJ French) (NNS officials))) (. .)))";
    let s2 = "(ROOT (S (NP (NNP Umerov)) (VP (VBD criticized) (NP (NNP Russia))) (. .)))";
    let second = text.find("Umerov criticized").unwrap();
    let a = ptb_to_sentence(s1, &text[..second], 0).unwrap();
    let b = ptb_to_sentence(s2, &text[second..], second).unwrap();
    let coder = Coder::with_dictionaries(&CoderOptions::default(), dicts());
    let mut doc = Document::new("d1", text);
    doc.date = Some(Date::parse_lenient("2024-05-01").unwrap());
    let out = code_sentences(&coder, &doc, &[a, b]);
    assert_eq!(out.events.len(), 2, "{:?}", out.events);
    assert_eq!(out.events[0].source[0].code, "UKRMILGOV");
    assert_eq!(
        out.events[0].source[0].text,
        "Ukrainian Defense Minister Rustem Umerov"
    );
    // Character spans slice the document text.
    let sp = out.events[0].source[0].span;
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(
        chars[sp[0]..sp[1]].iter().collect::<String>(),
        "Ukrainian Defense Minister Rustem Umerov"
    );
    assert_eq!(out.events[1].source[0].code, "UKRMILGOV");
    assert_eq!(out.events[1].cameo, "112");
    assert_eq!(out.actor_candidates.len(), 1);
    assert_eq!(out.actor_candidates[0].text, "Rustem Umerov");
    assert_eq!(out.actor_candidates[0].mentions, 1);
}

#[test]
fn pronoun_subject_takes_the_previous_actor() {
    let text = "On Monday Zelensky met French officials. He criticized Russia.";
    let second = text.find("He").unwrap();
    let a = ptb_to_sentence(
        "(ROOT (S (PP (IN On) (NP (NNP Monday))) (NP (NNP Zelensky)) (VP (VBD met) (NP (JJ French) (NNS officials))) (. .)))",
        &text[..second],
        0,
    )
    .unwrap();
    let b = ptb_to_sentence(
        "(ROOT (S (NP (PRP He)) (VP (VBD criticized) (NP (NNP Russia))) (. .)))",
        &text[second..],
        second,
    )
    .unwrap();
    let coder = Coder::with_dictionaries(&CoderOptions::default(), dicts());
    let mut doc = Document::new("d2", text);
    doc.date = Some(Date::parse_lenient("2023-01-01").unwrap());
    let out = code_sentences(&coder, &doc, &[a, b]);
    assert_eq!(out.events[1].source[0].code, "UKRGOV");
    // The evidence is the pronoun in its own sentence, not the antecedent's
    // token positions read in the wrong sentence.
    assert_eq!(out.events[1].source[0].text, "He");
}

#[test]
fn event_nouns_and_lemma_patterns() {
    let ev = code(
        "The talks between Russia and Ukraine ended.",
        "(ROOT (S (NP (NP (DT The) (NNS talks)) (PP (IN between) (NP (NNP Russia) (CC and) (NNP Ukraine)))) (VP (VBD ended)) (. .)))",
        None,
    );
    let mut pairs: Vec<(String, String)> = ev
        .iter()
        .map(|e| (e.sources[0].code.clone(), e.targets[0].code.clone()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("RUS".to_string(), "UKR".to_string()),
            ("UKR".to_string(), "RUS".to_string())
        ]
    );
    assert!(ev.iter().all(|e| e.code == "036" && e.rule == "noun ~talk"));
    // "ask for aid" is written with lemmas and matches "asked ... for aid".
    let ev = code(
        "Ukraine asked France for military aid.",
        "(ROOT (S (NP (NNP Ukraine)) (VP (VBD asked) (NP (NNP France)) (PP (IN for) (NP (JJ military) (NN aid)))) (. .)))",
        None,
    );
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].code, "0311");
    assert_eq!(codes(&ev[0].targets), ["FRA"]);
}

#[test]
fn reported_would_is_future_not_hypothetical() {
    let text = "Ukraine said it would attack Russia.";
    let ptb = "(ROOT (S (NP (NNP Ukraine)) (VP (VBD said) (SBAR (S (NP (PRP it)) (VP (MD would) (VP (VB attack) (NP (NNP Russia))))))) (. .)))";
    let ev = code(text, ptb, None);
    let attack = ev.iter().find(|e| e.code == "190").unwrap();
    assert_eq!(attack.modality, Modality::Future);
    // A condition keeps "would" hypothetical.
    let text = "Ukraine would attack Russia.";
    let ptb =
        "(ROOT (S (NP (NNP Ukraine)) (VP (MD would) (VP (VB attack) (NP (NNP Russia)))) (. .)))";
    let ev = code(text, ptb, None);
    assert_eq!(ev[0].modality, Modality::Hypothetical);
}

#[test]
fn event_nouns_take_the_mood_of_their_verb_and_schedules_are_intended() {
    let text = "Ukrainian officials will join talks with Russia.";
    let ptb = "(ROOT (S (NP (JJ Ukrainian) (NNS officials)) (VP (MD will) (VP (VB join) (NP (NP (NNS talks)) (PP (IN with) (NP (NNP Russia)))))) (. .)))";
    let ev = code(text, ptb, None);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].modality, Modality::Future);
    let text = "The Ukrainian president is scheduled to meet the French president.";
    let ptb = "(ROOT (S (NP (DT The) (JJ Ukrainian) (NN president)) (VP (VBZ is) (VP (VBN scheduled) (S (VP (TO to) (VP (VB meet) (NP (DT the) (JJ French) (NN president))))))) (. .)))";
    let ev = code(text, ptb, None);
    assert_eq!(ev[0].modality, Modality::Intended);
}

#[test]
fn a_clarification_has_no_target_in_its_content() {
    // dyad's own reading: what is said about Russia is not said to Russia.
    let text = "The Ukrainian president clarified that Russia was not the focus.";
    let ptb = "(ROOT (S (NP (DT The) (JJ Ukrainian) (NN president)) (VP (VBD clarified) (SBAR (IN that) (S (NP (NNP Russia)) (VP (VBD was) (RB not) (NP (DT the) (NN focus)))))) (. .)))";
    let d = dicts_with("010\tclarify\n");
    let s = sent(text, ptb);
    let prepared = Sent::new(&s, &d, None);
    let engine = Engine {
        dicts: &d,
        options: EngineOptions::default(),
    };
    assert!(engine.code(&prepared).events.is_empty());
    let petrarch = Engine {
        dicts: &d,
        options: EngineOptions {
            speech_targets_from_content: true,
            ..EngineOptions::default()
        },
    };
    let ev = petrarch.code(&prepared).events;
    assert_eq!(codes(&ev[0].targets), ["RUS"]);
}

fn dicts_with(verbs: &str) -> Dictionaries {
    let mut d = Dictionaries::default();
    d.actors.read_dyad("countries.txt", ACTORS).unwrap();
    d.agents.read_dyad("agents.txt", AGENTS).unwrap();
    d.verbs.read_dyad("verbs.txt", verbs).unwrap();
    d
}
