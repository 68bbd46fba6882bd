//! Tests of the PETRARCH-style rules added for news text (issue 5): each codes
//! a real-looking sentence from a hand-made parse with small dictionaries
//! (dyad-format actors and agents, PETRARCH-format verbs where the rule is
//! about that format).

use crate::engine::{Dictionaries, EngineOptions, Sent};
use crate::ptb::conllu_to_sentence;
use crate::testutil::{code_ptb, code_sent, dyads, rows_conllu};

const ACTORS: &str = "UKR\tUkraine; Ukrainian; Kyiv\n\
RUS\tRussia; Russian; Moscow\n\
USA\tUnited States; Alaska; Washington\n\
FRA\tFrance; French\n\
NGA\tNigeria; Nigerian\n\
RWA\tRwanda; Rwandan\n\
RUSREB\tVostok\n";
const AGENTS: &str = "GOV\tpresident; government; minister\n\
MIL\tmilitary; troops; soldiers\n\
REB\tinsurgents; rebels\n\
CVL\tcivilians; villagers\n\
UAF\tmilitant\n\
OPP\tdissidents\n\
ELI\tleaders\n";

/// PETRARCH2's options as `dyad validate` sets them for a PETRARCH2 file.
fn petrarch2() -> EngineOptions {
    EngineOptions {
        news_reading: false,
        passive_needs_agent: false,
        speech_targets_from_content: true,
        combine_reported_conflict: true,
        verb_interaction: true,
        ..EngineOptions::default()
    }
}

fn dicts(petrarch_verbs: &str) -> Dictionaries {
    let mut d = Dictionaries::default();
    d.actors.read_dyad("countries.txt", ACTORS).unwrap();
    d.agents.read_dyad("agents.txt", AGENTS).unwrap();
    d.verbs.read_petrarch("verbs.txt", petrarch_verbs).unwrap();
    d
}

fn code(verbs: &str, text: &str, ptb: &str) -> Vec<String> {
    dyads(&code_ptb(&dicts(verbs), text, ptb, petrarch2()))
}

/// Codes `text` given its dependency tree as CoNLL-U lines (a parse as our
/// parser gives it, errors included).
fn code_tree(verbs: &str, text: &str, conllu: &str) -> Vec<String> {
    let d = dicts(verbs);
    let s = conllu_to_sentence(conllu, text, 0).unwrap();
    dyads(&code_sent(&d, &Sent::new(&s, &d, None), petrarch2()))
}

#[test]
fn a_reverse_only_code_codes_the_target_acting_on_the_source() {
    // `[:100]`: facing pressure from someone is their demand.
    let verbs = "--- MEET [040] ---\nFACE\nMEET\n- * PRESSURE [:100]\n";
    let text = "Ukraine faces pressure from Russia.";
    let ptb = "(ROOT (S (NP (NNP Ukraine)) (VP (VBZ faces) (NP (NP (NN pressure)) (PP (IN from) (NP (NNP Russia))))) (. .)))";
    assert_eq!(code(verbs, text, ptb), ["RUS UKR 100"]);
}

#[test]
fn the_pattern_on_the_direct_object_wins_over_one_on_an_oblique() {
    // Two one-word patterns match: the one on the object, nearest the verb.
    let verbs = "--- START [---] ---\nLAUNCH\n- * CAMPAIGN [020]\n- * ATTACKS [190]\n";
    let text = "Insurgents launched new attacks during their campaign in Nigeria.";
    let ptb = "(ROOT (S (NP (NNS Insurgents)) (VP (VBD launched) (NP (JJ new) (NNS attacks)) (PP (IN during) (NP (NP (PRP$ their) (NN campaign)) (PP (IN in) (NP (NNP Nigeria)))))) (. .)))";
    assert_eq!(code(verbs, text, ptb), ["---REB NGA 190"]);
}

#[test]
fn a_phrase_the_pattern_read_is_no_participant() {
    let verbs = "--- OVERSEE [---] ---\nCONDUCT\n- * {MILITARY EXERCISES} [150]\n\n--- RELEASE [084] ---\nRELEASE\n- * REBELS [0841]\n";
    // "military" is part of the act, not an actor: the place is the target.
    let text = "Russia is conducting military exercises in Alaska.";
    let ptb = "(ROOT (S (NP (NNP Russia)) (VP (VBZ is) (VP (VBG conducting) (NP (JJ military) (NNS exercises)) (PP (IN in) (NP (NNP Alaska))))) (. .)))";
    assert_eq!(code(verbs, text, ptb), ["RUS USA 150"]);
    // A pattern word that names an agent stays the target.
    let text = "Ukraine released the captured rebels.";
    let ptb = "(ROOT (S (NP (NNP Ukraine)) (VP (VBD released) (NP (DT the) (JJ captured) (NNS rebels))) (. .)))";
    assert_eq!(code(verbs, text, ptb), ["UKR ---REB 0841"]);
}

#[test]
fn a_passive_subject_is_read_by_the_object_patterns() {
    let verbs = "--- RELEASE [084] ---\nRELEASE\nFREE {FREES FREED FREEING}\n- * REBELS [0841]\n";
    let text = "The captured rebels were released by Ukraine on Sunday.";
    let ptb = "(ROOT (S (NP (DT The) (JJ captured) (NNS rebels)) (VP (VBD were) (VP (VBN released) (PP (IN by) (NP (NNP Ukraine))) (PP (IN on) (NP (NNP Sunday))))) (. .)))";
    assert_eq!(code(verbs, text, ptb), ["UKR ---REB 0841"]);
}

#[test]
fn a_reduced_relative_read_as_a_clause_is_mended() {
    // The parser made "rebels" the subject of "captured" and left "were
    // released" without subject.
    let verbs = "--- RELEASE [084] ---\nRELEASE\n- * REBELS [0841]\n";
    let text = "The rebels captured in May were released by Ukraine";
    let conllu = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
2\trebels\trebel\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n\
3\tcaptured\tcapture\tVERB\tVBN\t_\t7\tadvcl\t_\t_\n\
4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_\n\
5\tMay\tMay\tPROPN\tNNP\t_\t3\tobl\t_\t_\n\
6\twere\tbe\tAUX\tVBD\t_\t7\taux:pass\t_\t_\n\
7\treleased\trelease\tVERB\tVBN\t_\t0\troot\t_\t_\n\
8\tby\tby\tADP\tIN\t_\t9\tcase\t_\t_\n\
9\tUkraine\tUkraine\tPROPN\tNNP\t_\t7\tobl:agent\t_\t_\n";
    assert_eq!(code_tree(verbs, text, conllu), ["UKR ---REB 0841"]);
}

#[test]
fn a_report_issued_in_a_capital_speaks_for_its_country() {
    // The parser read "released" as the main verb and "alleged" as an
    // adverbial clause; the report has no author but was issued in Kyiv.
    let verbs = "--- ALLEGE [110] ---\nALLEGE\n";
    let text = "A report released Tuesday in the Ukrainian capital alleged that Russia had planned the attacks";
    let conllu = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n\
2\treport\treport\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n\
3\treleased\trelease\tVERB\tVBD\t_\t0\troot\t_\t_\n\
4\tTuesday\tTuesday\tPROPN\tNNP\t_\t3\tobl:tmod\t_\t_\n\
5\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n\
6\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\t_\n\
7\tUkrainian\tUkrainian\tADJ\tJJ\t_\t8\tamod\t_\t_\n\
8\tcapital\tcapital\tNOUN\tNN\t_\t3\tobl\t_\t_\n\
9\talleged\tallege\tVERB\tVBD\t_\t3\tadvcl\t_\t_\n\
10\tthat\tthat\tSCONJ\tIN\t_\t13\tmark\t_\t_\n\
11\tRussia\tRussia\tPROPN\tNNP\t_\t13\tnsubj\t_\t_\n\
12\thad\thave\tAUX\tVBD\t_\t13\taux\t_\t_\n\
13\tplanned\tplan\tVERB\tVBN\t_\t9\tccomp\t_\t_\n\
14\tthe\tthe\tDET\tDT\t_\t15\tdet\t_\t_\n\
15\tattacks\tattack\tNOUN\tNNS\t_\t13\tobj\t_\t_\n";
    assert_eq!(code_tree(verbs, text, conllu), ["UKR RUS 110"]);
}

#[test]
fn a_participle_hung_on_the_verb_still_places_the_document() {
    // "released" attached to "alleged" instead of "report".
    let verbs = "--- ALLEGE [110] ---\nALLEGE\n";
    let text = "A report released in Kyiv alleged that Russia had planned the attacks";
    let conllu = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n\
2\treport\treport\tNOUN\tNN\t_\t6\tnsubj\t_\t_\n\
3\treleased\trelease\tVERB\tVBN\t_\t6\tacl\t_\t_\n\
4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_\n\
5\tKyiv\tKyiv\tPROPN\tNNP\t_\t3\tobl\t_\t_\n\
6\talleged\tallege\tVERB\tVBD\t_\t0\troot\t_\t_\n\
7\tthat\tthat\tSCONJ\tIN\t_\t10\tmark\t_\t_\n\
8\tRussia\tRussia\tPROPN\tNNP\t_\t10\tnsubj\t_\t_\n\
9\thad\thave\tAUX\tVBD\t_\t10\taux\t_\t_\n\
10\tplanned\tplan\tVERB\tVBN\t_\t6\tccomp\t_\t_\n\
11\tthe\tthe\tDET\tDT\t_\t12\tdet\t_\t_\n\
12\tattacks\tattack\tNOUN\tNNS\t_\t10\tobj\t_\t_\n";
    assert_eq!(code_tree(verbs, text, conllu), ["UKR RUS 110"]);
    // A document issued nowhere in particular has no author.
    let text = "A report released on Tuesday alleged that Russia had planned the attacks";
    let conllu = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n\
2\treport\treport\tNOUN\tNN\t_\t6\tnsubj\t_\t_\n\
3\treleased\trelease\tVERB\tVBN\t_\t2\tacl\t_\t_\n\
4\ton\ton\tADP\tIN\t_\t5\tcase\t_\t_\n\
5\tTuesday\tTuesday\tPROPN\tNNP\t_\t3\tobl\t_\t_\n\
6\talleged\tallege\tVERB\tVBD\t_\t0\troot\t_\t_\n\
7\tthat\tthat\tSCONJ\tIN\t_\t10\tmark\t_\t_\n\
8\tRussia\tRussia\tPROPN\tNNP\t_\t10\tnsubj\t_\t_\n\
9\thad\thave\tAUX\tVBD\t_\t10\taux\t_\t_\n\
10\tplanned\tplan\tVERB\tVBN\t_\t6\tccomp\t_\t_\n\
11\tthe\tthe\tDET\tDT\t_\t12\tdet\t_\t_\n\
12\tattacks\tattack\tNOUN\tNNS\t_\t10\tobj\t_\t_\n";
    assert!(code_tree(verbs, text, conllu).is_empty());
}

#[test]
fn a_side_named_in_its_own_report_did_the_act_a_pronoun_claims_it() {
    let verbs = "--- SAY [010] ---\nSAY {SAID SAYS}\nCLAIM\n\n--- ATTACK [190] ---\nSHELL\n";
    let text = "Russia shelled Kyiv overnight , Moscow said";
    let conllu = "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tshelled\tshell\tVERB\tVBD\t_\t6\tccomp\t_\t_\n\
3\tKyiv\tKyiv\tPROPN\tNNP\t_\t2\tobj\t_\t_\n\
4\tovernight\tovernight\tADV\tRB\t_\t2\tadvmod\t_\t_\n\
5\tMoscow\tMoscow\tPROPN\tNNP\t_\t6\tnsubj\t_\t_\n\
6\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n";
    assert_eq!(code_tree(verbs, text, conllu), ["RUS UKR 190"]);
    let text = "Russia claimed that it had shelled Kyiv";
    let conllu = "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tclaimed\tclaim\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_\n\
4\tit\tit\tPRON\tPRP\t_\t6\tnsubj\t_\t_\n\
5\thad\thave\tAUX\tVBD\t_\t6\taux\t_\t_\n\
6\tshelled\tshell\tVERB\tVBN\t_\t2\tccomp\t_\t_\n\
7\tKyiv\tKyiv\tPROPN\tNNP\t_\t6\tobj\t_\t_\n";
    assert_eq!(code_tree(verbs, text, conllu), ["RUS UKR 015"]);
}

#[test]
fn the_agent_of_the_strike_that_killed_is_the_killer() {
    let verbs = "--- SAY [010] ---\nSAY {SAID SAYS}\n\n--- KILL [190] ---\nKILL\n";
    let text = "Ukraine said ten villagers were killed in an air strike by Russian troops";
    let conllu = "1\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tten\tten\tNUM\tCD\t_\t4\tnummod\t_\t_\n\
4\tvillagers\tvillager\tNOUN\tNNS\t_\t6\tnsubj:pass\t_\t_\n\
5\twere\tbe\tAUX\tVBD\t_\t6\taux:pass\t_\t_\n\
6\tkilled\tkill\tVERB\tVBN\t_\t2\tccomp\t_\t_\n\
7\tin\tin\tADP\tIN\t_\t10\tcase\t_\t_\n\
8\tan\ta\tDET\tDT\t_\t10\tdet\t_\t_\n\
9\tair\tair\tNOUN\tNN\t_\t10\tcompound\t_\t_\n\
10\tstrike\tstrike\tNOUN\tNN\t_\t6\tobl\t_\t_\n\
11\tby\tby\tADP\tIN\t_\t13\tcase\t_\t_\n\
12\tRussian\tRussian\tADJ\tJJ\t_\t13\tamod\t_\t_\n\
13\ttroops\ttroops\tNOUN\tNNS\t_\t10\tnmod\t_\t_\n";
    // The reported killing is Ukraine accusing the Russian troops.
    assert_eq!(code_tree(verbs, text, conllu), ["UKR RUSMIL 112"]);
}

#[test]
fn a_coercive_act_keeps_its_event_beside_a_complement() {
    // The parser hung "join" on "jailed" as its complement.
    let verbs = "--- ARREST [173] ---\nJAIL\n\n--- JOIN [040] ---\nJOIN\n";
    let text = "Ukraine jailed two Russian soldiers for helping recruits join Nigerian rebels";
    let conllu = "1\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tjailed\tjail\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\ttwo\ttwo\tNUM\tCD\t_\t5\tnummod\t_\t_\n\
4\tRussian\tRussian\tADJ\tJJ\t_\t5\tamod\t_\t_\n\
5\tsoldiers\tsoldier\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\
6\tfor\tfor\tSCONJ\tIN\t_\t7\tmark\t_\t_\n\
7\thelping\thelp\tVERB\tVBG\t_\t2\tadvcl\t_\t_\n\
8\trecruits\trecruit\tNOUN\tNNS\t_\t7\tobj\t_\t_\n\
9\tjoin\tjoin\tVERB\tVB\t_\t2\txcomp\t_\t_\n\
10\tNigerian\tNigerian\tADJ\tJJ\t_\t11\tamod\t_\t_\n\
11\trebels\trebel\tNOUN\tNNS\t_\t9\tobj\t_\t_\n";
    let got = code_tree(verbs, text, conllu);
    assert!(got.contains(&"UKR RUSMIL 173".to_string()), "{got:?}");
}

#[test]
fn a_reported_attack_on_oneself_accuses_the_attacker() {
    let verbs = "--- SAY [010] ---\nSAY {SAID SAYS}\n\n--- ATTACK [190] ---\nSHELL\n";
    let text = "Kyiv said that Russia had shelled itself";
    let conllu = "1\tKyiv\tKyiv\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_\n\
4\tRussia\tRussia\tPROPN\tNNP\t_\t6\tnsubj\t_\t_\n\
5\thad\thave\tAUX\tVBD\t_\t6\taux\t_\t_\n\
6\tshelled\tshell\tVERB\tVBN\t_\t2\tccomp\t_\t_\n\
7\titself\titself\tPRON\tPRP\t_\t6\tobj\t_\t_\n";
    assert_eq!(code_tree(verbs, text, conllu), ["UKR RUS 112"]);
    // Unreported, an act on oneself is no event.
    let text = "Russia shelled itself";
    let conllu = "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tshelled\tshell\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\titself\titself\tPRON\tPRP\t_\t2\tobj\t_\t_\n";
    assert!(code_tree(verbs, text, conllu).is_empty());
}

#[test]
fn a_subjectless_progressive_takes_the_named_group_not_its_apposition() {
    // The parser gave "is claiming" no subject; the phrase before it is "the
    // Russian militant group" with its name in apposition.
    let verbs = "--- ALLEGE [110] ---\nCLAIM\n- * RESPONSIBILITY [015]\n";
    let text =
        "The Russian militant group Vostok is claiming responsibility for the attack on Kyiv";
    let conllu = "1\tThe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n\
2\tRussian\tRussian\tADJ\tJJ\t_\t4\tamod\t_\t_\n\
3\tmilitant\tmilitant\tADJ\tJJ\t_\t4\tamod\t_\t_\n\
4\tgroup\tgroup\tNOUN\tNN\t_\t7\tdep\t_\t_\n\
5\tVostok\tVostok\tPROPN\tNNP\t_\t4\tappos\t_\t_\n\
6\tis\tbe\tAUX\tVBZ\t_\t7\taux\t_\t_\n\
7\tclaiming\tclaim\tVERB\tVBG\t_\t0\troot\t_\t_\n\
8\tresponsibility\tresponsibility\tNOUN\tNN\t_\t7\tobj\t_\t_\n\
9\tfor\tfor\tADP\tIN\t_\t11\tcase\t_\t_\n\
10\tthe\tthe\tDET\tDT\t_\t11\tdet\t_\t_\n\
11\tattack\tattack\tNOUN\tNN\t_\t8\tnmod\t_\t_\n\
12\ton\ton\tADP\tIN\t_\t13\tcase\t_\t_\n\
13\tKyiv\tKyiv\tPROPN\tNNP\t_\t11\tnmod\t_\t_\n";
    assert_eq!(code_tree(verbs, text, conllu), ["RUSUAF UKR 015"]);
}

#[test]
fn a_hyphenated_participle_modifier_is_no_agent_and_no_event() {
    let verbs = "--- MEET [040] ---\nMEET {MET MEETS}\n\n--- GOVERN [060] ---\nRULE\n";
    let text = "Ukraine met dissidents from military-ruled Russia";
    // Tokenised "military" + "-ruled" (the parse of the record).
    let split_suffix = "1\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tdissidents\tdissident\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\
4\tfrom\tfrom\tADP\tIN\t_\t7\tcase\t_\t_\n\
5\tmilitary\tmilitary\tADJ\tJJ\t_\t7\tamod\t_\tSpaceAfter=No\n\
6\t-ruled\t-ruled\tADJ\tJJ\t_\t7\tamod\t_\t_\n\
7\tRussia\tRussia\tPROPN\tNNP\t_\t3\tnmod\t_\t_\n";
    assert_eq!(code_tree(verbs, text, split_suffix), ["UKR RUSOPP 040"]);
    // Tokenised "military" "-" "ruled", with "ruled" read as a verb.
    let split_hyphen = "1\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tdissidents\tdissident\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\
4\tfrom\tfrom\tADP\tIN\t_\t5\tmark\t_\t_\n\
5\tmilitary\tmilitary\tADJ\tJJ\t_\t7\tamod\t_\tSpaceAfter=No\n\
6\t-\t-\tPUNCT\tHYPH\t_\t7\tpunct\t_\tSpaceAfter=No\n\
7\truled\trule\tVERB\tVBN\t_\t3\tacl\t_\t_\n\
8\tRussia\tRussia\tPROPN\tNNP\t_\t7\tobj\t_\t_\n";
    let got = code_tree(verbs, text, split_hyphen);
    assert!(!got.iter().any(|e| e.ends_with("060")), "{got:?}");
}

#[test]
fn the_role_of_a_member_comes_before_the_agents_of_its_organisation() {
    let verbs = "--- MEET [040] ---\nMEET {MET MEETS}\n";
    let text = "Ukraine met leaders of the Russian insurgents.";
    let ptb = "(ROOT (S (NP (NNP Ukraine)) (VP (VBD met) (NP (NP (NNS leaders)) (PP (IN of) (NP (DT the) (JJ Russian) (NNS insurgents))))) (. .)))";
    assert_eq!(code(verbs, text, ptb), ["UKR RUSELIREB 040"]);
}

#[test]
fn soldiers_killed_in_an_existential_suffered_the_act() {
    let verbs = "--- KILL [190] ---\nKILL\n";
    let text = "There were ten Russian soldiers killed in Ukraine";
    let conllu = "1\tThere\tthere\tPRON\tEX\t_\t2\texpl\t_\t_\n\
2\twere\tbe\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tten\tten\tNUM\tCD\t_\t5\tnummod\t_\t_\n\
4\tRussian\tRussian\tADJ\tJJ\t_\t5\tamod\t_\t_\n\
5\tsoldiers\tsoldier\tNOUN\tNNS\t_\t6\tnsubj\t_\t_\n\
6\tkilled\tkill\tVERB\tVBD\t_\t2\tcsubj\t_\t_\n\
7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n\
8\tUkraine\tUkraine\tPROPN\tNNP\t_\t6\tobl\t_\t_\n";
    // Not "the soldiers killed Ukraine"; nobody is named as the killer.
    assert!(code_tree(verbs, text, conllu).is_empty());
}

const REPORTED_ATTACK_VERBS: &str =
    "--- ATTACK [190] ---\nATTACK\n\n--- SAY [---] ---\nSAY {SAYS SAID}\n";

#[test]
fn an_attack_reported_first_is_the_act_whichever_way_the_report_hangs() {
    // PETRARCH2 turns a reported attack into an accusation by the speaker
    // only when the reporting verb introduces the clause; with the report
    // put after it, the clause is the sentence's own and codes the attack.
    // Our parser makes the content the reporting verb's complement...
    let as_ccomp = [
        ("Russian", "Russian", "JJ", 2, "amod"),
        ("insurgents", "insurgent", "NNS", 3, "nsubj"),
        ("attacked", "attack", "VBD", 12, "ccomp"),
        ("Ukrainian", "Ukrainian", "JJ", 5, "amod"),
        ("soldiers", "soldier", "NNS", 3, "obj"),
        ("on", "on", "IN", 7, "case"),
        ("Monday", "Monday", "NNP", 3, "obl"),
        (",", ",", ",", 12, "punct"),
        ("the", "the", "DT", 11, "det"),
        ("French", "French", "JJ", 11, "amod"),
        ("government", "government", "NN", 12, "nsubj"),
        ("said", "say", "VBD", 0, "root"),
        (".", ".", ".", 12, "punct"),
    ];
    // ... or the reporting clause a parataxis of the content.
    let mut as_parataxis = as_ccomp;
    as_parataxis[2].3 = 0;
    as_parataxis[2].4 = "root";
    as_parataxis[7].3 = 3;
    as_parataxis[11].3 = 3;
    as_parataxis[11].4 = "parataxis";
    as_parataxis[12].3 = 3;
    for rows in [as_ccomp, as_parataxis] {
        let (text, conllu) = rows_conllu(&rows);
        assert_eq!(
            code_tree(REPORTED_ATTACK_VERBS, &text, &conllu),
            ["RUSREB UKRMIL 190"],
            "{conllu}"
        );
    }
}

#[test]
fn an_attack_the_reporting_verb_introduces_is_an_accusation() {
    let rows = [
        ("The", "the", "DT", 3, "det"),
        ("French", "French", "JJ", 3, "amod"),
        ("government", "government", "NN", 4, "nsubj"),
        ("said", "say", "VBD", 0, "root"),
        ("Russian", "Russian", "JJ", 6, "amod"),
        ("insurgents", "insurgent", "NNS", 7, "nsubj"),
        ("attacked", "attack", "VBD", 4, "ccomp"),
        ("Ukrainian", "Ukrainian", "JJ", 9, "amod"),
        ("soldiers", "soldier", "NNS", 7, "obj"),
        (".", ".", ".", 4, "punct"),
    ];
    let (text, conllu) = rows_conllu(&rows);
    assert_eq!(
        code_tree(REPORTED_ATTACK_VERBS, &text, &conllu),
        ["FRAGOV RUSREB 112"]
    );
}

#[test]
fn a_modifier_before_the_reporting_verb_hung_on_the_reported_clause_keeps_the_accusation() {
    // "On Monday the French government said Russian insurgents attacked
    // Ukrainian soldiers", with "On Monday" attached to "attacked" (a parse
    // error): the reported clause's subject and verb still follow the
    // reporting verb, so the clause is the one the reporting verb introduces.
    let rows = [
        ("On", "on", "IN", 2, "case"),
        ("Monday", "Monday", "NNP", 9, "obl"),
        ("the", "the", "DT", 5, "det"),
        ("French", "French", "JJ", 5, "amod"),
        ("government", "government", "NN", 6, "nsubj"),
        ("said", "say", "VBD", 0, "root"),
        ("Russian", "Russian", "JJ", 8, "amod"),
        ("insurgents", "insurgent", "NNS", 9, "nsubj"),
        ("attacked", "attack", "VBD", 6, "ccomp"),
        ("Ukrainian", "Ukrainian", "JJ", 11, "amod"),
        ("soldiers", "soldier", "NNS", 9, "obj"),
        (".", ".", ".", 6, "punct"),
    ];
    let (text, conllu) = rows_conllu(&rows);
    assert_eq!(
        code_tree(REPORTED_ATTACK_VERBS, &text, &conllu),
        ["FRAGOV RUSREB 112"]
    );
}

#[test]
fn a_report_set_inside_the_reported_clause_does_not_make_it_an_accusation() {
    // "Russian insurgents, the French government said, attacked ...": the
    // clause begins before the reporting verb.
    let rows = [
        ("Russian", "Russian", "JJ", 2, "amod"),
        ("insurgents", "insurgent", "NNS", 9, "nsubj"),
        (",", ",", ",", 7, "punct"),
        ("the", "the", "DT", 6, "det"),
        ("French", "French", "JJ", 6, "amod"),
        ("government", "government", "NN", 7, "nsubj"),
        ("said", "say", "VBD", 0, "root"),
        (",", ",", ",", 7, "punct"),
        ("attacked", "attack", "VBD", 7, "ccomp"),
        ("Ukrainian", "Ukrainian", "JJ", 11, "amod"),
        ("soldiers", "soldier", "NNS", 9, "obj"),
        (".", ".", ".", 7, "punct"),
    ];
    let (text, conllu) = rows_conllu(&rows);
    assert_eq!(
        code_tree(REPORTED_ATTACK_VERBS, &text, &conllu),
        ["RUSREB UKRMIL 190"]
    );
}

#[test]
fn a_framing_verb_without_subject_in_the_tree_frames_for_its_stand_in_subject() {
    // "... as the Russian president prepared to visit Kyiv": the parser read
    // "as the Russian president" as a phrase and "prepared" as a verb without
    // subject. The visit's stand-in subject (the nearest actor before the
    // framing verb) is the framing verb's too, as when the tree is right: one
    // visit, no hosting by Ukraine.
    let verbs = "--- PREPARE [030] ---\nPREPARE\n\n--- VISIT [042:043] ---\nVISIT\n";
    let wrong = [
        ("The", "the", "DT", 2, "det"),
        ("delay", "delay", "NN", 3, "nsubj"),
        ("came", "come", "VBD", 0, "root"),
        ("as", "as", "IN", 7, "case"),
        ("the", "the", "DT", 7, "det"),
        ("Russian", "Russian", "JJ", 7, "amod"),
        ("president", "president", "NN", 3, "obl"),
        ("prepared", "prepare", "VBD", 3, "parataxis"),
        ("to", "to", "TO", 10, "mark"),
        ("visit", "visit", "VB", 8, "xcomp"),
        ("Kyiv", "Kyiv", "NNP", 10, "obj"),
        (".", ".", ".", 3, "punct"),
    ];
    let mut right = wrong;
    right[3] = ("as", "as", "IN", 8, "mark");
    right[6] = ("president", "president", "NN", 8, "nsubj");
    right[7] = ("prepared", "prepare", "VBD", 3, "advcl");
    for rows in [wrong, right] {
        let (text, conllu) = rows_conllu(&rows);
        assert_eq!(
            code_tree(verbs, &text, &conllu),
            ["RUSGOV UKR 042"],
            "{conllu}"
        );
    }
}
