//! Verb interaction: a verb that frames another verb ("wants to help", "asked
//! Obama to help", "agreed to lift the sanctions", "would not provide support")
//! gives one event whose code combines both, as PETRARCH2 does.
//!
//! The rule is derived from CAMEO's own structure, not from a table of verb pairs:
//! the framing categories (02 appeal, 03 express intent, 10 demand, 12 reject)
//! each repeat the cooperation families in a fixed order, so a framing code plus
//! the code of the framed act names one CAMEO code:
//!
//! | framed act            | 02 appeal | 03 intent | 10 demand | 12 reject |
//! |-----------------------|-----------|-----------|-----------|-----------|
//! | 06x material coop.    | 021(x)    | 031(x)    | 101(x)    | 121       |
//! | 05x diplomatic coop.  | 022       | 032       | 102       | 121       |
//! | 07x aid               | 023(x)    | 033(x)    | 103(x)    | 122(x)    |
//! | 083 political reform  | 024       | 034       | 104       | 123       |
//! | 08x yield             | 025(y)    | 035(y)    | 105(y)    | 124(y)    |
//! | 04x meet, negotiate   | 026       | -         | 108       | 125       |
//! | 09x investigate       | 0214      | -         | 1014      | -         |
//!
//! and under 03 intent or 13 threaten, an act of force (18x-20x) is a threat of
//! military force, 138 ("wants to attack Switzerland"; CAMEO has no intent to
//! attack, and the dictionary's own "WANT * ATTACK" pattern says 138).
//!
//! `(x)`: the sub-code carries over (072 military aid -> 0332); `(y)`: the yield
//! sub-codes are renumbered as CAMEO does (081 -> x51, 082 -> x52, 084 -> x53,
//! 085 -> x54, 086 -> x55, 087 -> x56). "-": no combined code; the framed act
//! keeps its own code (PETRARCH2 codes "prepared to attend the Olympics" as the
//! visit, 042). Dictionary patterns of the framing verbs agree ("PLAN * HELP"
//! [033], "URGE * INVESTIGATE" [0214]); the GSR validation records show the same
//! combinations ("wants to help Israel" 033, "asking Obama to help Iran" 023,
//! "seeking to deepen a partnership" 031).
//!
//! Negation is the 12 frame: "would not provide support" rejects cooperation
//! (121), "would not give permission" refuses to yield (124).

/// The framing category of a verb's default code: appeal, intent, demand or
/// reject (the top code of the category, `020`, `030`, `100`, `120`).
pub fn frame_of(code: &str) -> Option<&'static str> {
    match code {
        "020" => Some("02"),
        "030" => Some("03"),
        "100" => Some("10"),
        "120" => Some("12"),
        "130" => Some("13"),
        _ => None,
    }
}

/// The code of a framed act under a frame (`"02"`, `"03"`, `"10"`, `"12"`), if
/// CAMEO has one (see the module table).
pub fn combine(frame: &str, act: &str) -> Option<String> {
    let fam = act.get(..2)?;
    let sub = act.get(2..3).unwrap_or("0");
    let with_sub = |base: &str, keep: bool| -> String {
        if keep && sub != "0" && base.len() == 3 {
            format!("{base}{sub}")
        } else {
            base.to_string()
        }
    };
    let code = match (frame, fam) {
        ("02", "06") => with_sub("021", true),
        ("03", "06") => with_sub("031", true),
        ("10", "06") => with_sub("101", true),
        ("12", "06") => match sub {
            "1" => "1211".to_string(),
            "3" => "1212".to_string(),
            _ => "121".to_string(),
        },
        ("02", "05") => "022".to_string(),
        ("03", "05") => "032".to_string(),
        ("10", "05") => "102".to_string(),
        ("12", "05") => "121".to_string(),
        ("02", "07") => with_sub("023", true),
        ("03", "07") => with_sub("033", true),
        ("10", "07") => with_sub("103", true),
        ("12", "07") => with_sub("122", true),
        (f, "08") => {
            let yield_sub = match sub {
                "1" => Some("1"),
                "2" => Some("2"),
                "4" => Some("3"),
                "5" => Some("4"),
                "6" => Some("5"),
                "7" => Some("6"),
                _ => None,
            };
            if sub == "3" {
                // Acceding to reform: the political-reform column.
                match f {
                    "02" => "024",
                    "03" => "034",
                    "10" => "104",
                    _ => "123",
                }
                .to_string()
            } else {
                let base = match f {
                    "02" => "025",
                    "03" => "035",
                    "10" => "105",
                    _ => "124",
                };
                match yield_sub {
                    Some(y) => format!("{base}{y}"),
                    None => base.to_string(),
                }
            }
        }
        ("02", "04") => "026".to_string(),
        ("10", "04") => "108".to_string(),
        ("12", "04") => "125".to_string(),
        // An announced intention or a threat to use force is a threat (138).
        ("03" | "13", "18" | "19" | "20") => "138".to_string(),
        ("02", "09") => "0214".to_string(),
        ("10", "09") => "1014".to_string(),
        _ => return None,
    };
    Some(code)
}

/// The code of a negated act (the reject frame), if CAMEO has one.
pub fn negate(act: &str) -> Option<String> {
    combine("12", act)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intent_appeal_and_demand_follow_cameo_structure() {
        // "The Secretary of State wants to help Israel."
        assert_eq!(combine("03", "070").as_deref(), Some("033"));
        // "Congress is asking Obama to help Iran."
        assert_eq!(combine("02", "070").as_deref(), Some("023"));
        // "Brazil and the United States are seeking to deepen a partnership."
        assert_eq!(combine("03", "060").as_deref(), Some("031"));
        // "Moscow plans to send military aid."
        assert_eq!(combine("03", "072").as_deref(), Some("0332"));
        // "The EU urged Belgrade to release the detainees."
        assert_eq!(combine("02", "084").as_deref(), Some("0253"));
        // "Washington demanded that Iran ease its restrictions on inspectors."
        assert_eq!(combine("10", "086").as_deref(), Some("1055"));
        // "Israel intends to accede to the reforms."
        assert_eq!(combine("03", "083").as_deref(), Some("034"));
        // "The opposition demanded talks": a demand to meet.
        assert_eq!(combine("10", "046").as_deref(), Some("108"));
        // "Obama wants to attack Switzerland."
        assert_eq!(combine("03", "190").as_deref(), Some("138"));
        assert_eq!(frame_of("130"), Some("13"));
    }

    #[test]
    fn intent_to_meet_keeps_the_meeting() {
        // "The US leader prepared to attend the Olympics" stays the visit.
        assert_eq!(combine("03", "042"), None);
        assert_eq!(frame_of("042"), None);
        assert_eq!(frame_of("030"), Some("03"));
    }

    #[test]
    fn negation_rejects() {
        // "Obama said he would not provide support to Israel."
        assert_eq!(negate("051").as_deref(), Some("121"));
        // "He would not give permission to Russia."
        assert_eq!(negate("080").as_deref(), Some("124"));
        // "Tehran will not release the sailors."
        assert_eq!(negate("084").as_deref(), Some("1243"));
        assert_eq!(negate("073").as_deref(), Some("1223"));
        // Conflict is not a cooperation family: no reject code.
        assert_eq!(negate("190"), None);
    }
}

/// The constructions coded end to end (hand-made parses of real-looking news).
#[cfg(test)]
mod engine_tests {
    use crate::engine::EngineOptions;
    use crate::testutil::{code_ptb, dictionaries, dyads};

    const ACTORS: &str = "UKR\tUkraine; Ukrainian; Kyiv\n\
RUS\tRussia; Russian; Moscow\n\
SYR\tSyria; Syrian\n\
FRA\tFrance; French\n\
ISR\tIsrael; Israeli\n\
PSEGZA\tGaza Strip; Gaza\n";
    const AGENTS: &str = "GOV\tpresident; minister; government\n\
MIL\ttroops; soldier; army\n\
REB\trebels\n";
    const VERBS: &str = "030\twant; plan\n\
020\task\n\
070\thelp\n\
050\tagree\n\
085\tlift sanctions\n\
190\tfire; attack; shoot down\n\
010\tsay\n";

    fn code(text: &str, ptb: &str) -> Vec<String> {
        let d = dictionaries(ACTORS, AGENTS, VERBS);
        let options = EngineOptions {
            news_reading: false,
            passive_needs_agent: true,
            speech_targets_from_content: true,
            combine_reported_conflict: true,
            verb_interaction: true,
            ..EngineOptions::default()
        };
        dyads(&code_ptb(&d, text, ptb, options))
    }

    #[test]
    fn wanting_to_help_is_an_intent_to_aid() {
        let text = "Russia wants to help Syria.";
        let ptb = "(ROOT (S (NP (NNP Russia)) (VP (VBZ wants) (S (VP (TO to) (VP (VB help) (NP (NNP Syria)))))) (. .)))";
        assert_eq!(code(text, ptb), ["RUS SYR 033"]);
    }

    #[test]
    fn asking_someone_to_help_is_an_appeal_to_them() {
        let text = "France asked Russia to help Ukraine.";
        let ptb = "(ROOT (S (NP (NNP France)) (VP (VBD asked) (S (NP (NNP Russia)) (VP (TO to) (VP (VB help) (NP (NNP Ukraine)))))) (. .)))";
        assert_eq!(code(text, ptb), ["FRA RUS 023"]);
    }

    #[test]
    fn agreeing_to_lift_sanctions_is_the_easing() {
        let text = "Ukraine agreed to lift sanctions on Russia.";
        let ptb = "(ROOT (S (NP (NNP Ukraine)) (VP (VBD agreed) (S (VP (TO to) (VP (VB lift) (NP (NNS sanctions)) (PP (IN on) (NP (NNP Russia))))))) (. .)))";
        assert_eq!(code(text, ptb), ["UKR RUS 085"]);
    }

    #[test]
    fn a_refusal_reported_by_the_actor_is_a_rejection() {
        let text = "Russia said it would not help Syria.";
        let ptb = "(ROOT (S (NP (NNP Russia)) (VP (VBD said) (SBAR (S (NP (PRP it)) (VP (MD would) (RB not) (VP (VB help) (NP (NNP Syria))))))) (. .)))";
        assert_eq!(code(text, ptb), ["RUS SYR 122"]);
    }

    #[test]
    fn a_passive_without_agent_takes_its_origin_as_source() {
        let text = "Israel said a rocket was fired at it from the Gaza Strip.";
        let ptb = "(ROOT (S (NP (NNP Israel)) (VP (VBD said) (SBAR (S (NP (DT a) (NN rocket)) (VP (VBD was) (VP (VBN fired) (PP (IN at) (NP (PRP it))) (PP (IN from) (NP (DT the) (NNP Gaza) (NNP Strip)))))))) (. .)))";
        // The reported attack is Israel accusing Gaza (PETRARCH2's reading).
        assert_eq!(code(text, ptb), ["ISR PSEGZA 112"]);
    }

    #[test]
    fn an_instrument_agent_gives_way_to_its_own_agent() {
        let text = "The Ukrainian plane was shot down by a missile fired by Russian rebels.";
        let ptb = "(ROOT (S (NP (DT The) (JJ Ukrainian) (NN plane)) (VP (VBD was) (VP (VBN shot) (PRT (RP down)) (PP (IN by) (NP (NP (DT a) (NN missile)) (VP (VBN fired) (PP (IN by) (NP (JJ Russian) (NNS rebels)))))))) (. .)))";
        assert_eq!(code(text, ptb), ["RUSREB UKR 190"]);
    }
}

/// The coder's mending of plausible parse errors (trees as our parser has
/// produced them on real-looking sentences).
#[cfg(test)]
mod repair_tests {
    use crate::engine::{EngineOptions, Sent};
    use crate::ptb::conllu_to_sentence;
    use crate::testutil::{code_sent, dictionaries, dyads, rows_conllu};

    const ACTORS: &str = "RUS\tRussia; Russian; Moscow\n\
UKR\tUkraine; Ukrainian\n\
FRA\tFrance; French\n\
DEU\tGermany; German\n\
MOR\tBarad-dur\n";
    const AGENTS: &str = "GOV\tgovernment; ministry; minister; officials\n\
COP\tpolice\n\
EDU\tstudents\n\
MIL\tmilitia; soldiers\n";
    const VERBS: &str = "1711\tarrest\n\
111\tcondemn\n\
040\tmeet\n\
066\tfree\n\
190\tkill\n";

    /// CoNLL-U rows: form, lemma, xpos, head, deprel.
    fn code(rows: &[(&str, &str, &str, usize, &str)], new_actor_length: usize) -> Vec<String> {
        let d = dictionaries(ACTORS, AGENTS, VERBS);
        let (text, conllu) = rows_conllu(rows);
        let s = conllu_to_sentence(&conllu, &text, 0).unwrap();
        let mut prepared = Sent::new(&s, &d, None);
        prepared.new_actor_length = new_actor_length;
        let options = EngineOptions {
            news_reading: false,
            ..EngineOptions::default()
        };
        dyads(&code_sent(&d, &prepared, options))
    }

    #[test]
    fn a_clause_read_as_a_noun_phrase() {
        // "Russian police arrested[amod] students[root] in Moscow today."
        let rows = [
            ("Russian", "Russian", "JJ", 2, "amod"),
            ("police", "police", "NN", 4, "compound"),
            ("arrested", "arrest", "VBN", 4, "amod"),
            ("students", "student", "NNS", 0, "root"),
            ("in", "in", "IN", 6, "case"),
            ("Moscow", "Moscow", "NNP", 4, "nmod"),
            (".", ".", ".", 4, "punct"),
        ];
        // "students in Moscow": the place names the students' country.
        assert_eq!(code(&rows, 0), ["RUSCOP RUSEDU 1711"]);
    }

    #[test]
    fn a_content_verb_tagged_as_a_passive_auxiliary_is_no_passive() {
        // "The French Ministry of Silly Walks[aux:pass] condemned the attack
        // by Russian soldiers."
        let rows = [
            ("The", "the", "DT", 3, "det"),
            ("French", "French", "JJ", 3, "amod"),
            ("Ministry", "Ministry", "NNP", 7, "nsubj"),
            ("of", "of", "IN", 5, "case"),
            ("Silly", "Silly", "NNP", 3, "nmod"),
            ("Walks", "walk", "VBZ", 7, "aux:pass"),
            ("condemned", "condemn", "VBN", 0, "root"),
            ("the", "the", "DT", 9, "det"),
            ("attack", "attack", "NN", 7, "obj"),
            ("by", "by", "IN", 12, "case"),
            ("Russian", "Russian", "JJ", 12, "amod"),
            ("soldiers", "soldier", "NNS", 9, "nmod"),
        ];
        assert_eq!(code(&rows, 0), ["FRAGOV RUSMIL 111"]);
    }

    #[test]
    fn a_split_hyphenated_name_and_a_coordinated_country_modifier() {
        // "German and French ministers met Russia." with the conjunct on the
        // modifier; "freed from Barad - dur" with the name split by the tokenizer.
        let rows = [
            ("German", "German", "JJ", 4, "amod"),
            ("and", "and", "CC", 3, "cc"),
            ("French", "French", "JJ", 1, "conj"),
            ("ministers", "minister", "NNS", 5, "nsubj"),
            ("met", "meet", "VBD", 0, "root"),
            ("Russia", "Russia", "NNP", 5, "obj"),
            (".", ".", ".", 5, "punct"),
        ];
        assert_eq!(code(&rows, 0), ["DEUGOV+FRAGOV RUS 040"]);
        let rows = [
            ("Ukrainian", "Ukrainian", "JJ", 2, "amod"),
            ("militia", "militia", "NN", 4, "nsubj:pass"),
            ("was", "be", "VBD", 4, "aux:pass"),
            ("freed", "free", "VBN", 0, "root"),
            ("from", "from", "IN", 8, "case"),
            ("Barad", "Barad", "NNP", 8, "compound"),
            ("-", "-", "HYPH", 6, "punct"),
            ("dur", "dur", "NN", 4, "obl"),
            (".", ".", ".", 4, "punct"),
        ];
        // No by-agent: the origin frees them.
        assert_eq!(code(&rows, 0), ["MOR UKRMIL 066"]);
    }

    #[test]
    fn a_to_infinitive_hung_on_the_copula() {
        // "Russian officials are about to meet[nsubj of 'are'] Ukraine."
        let rows = [
            ("Russian", "Russian", "JJ", 2, "amod"),
            ("officials", "official", "NNS", 0, "root"),
            ("are", "be", "VBP", 2, "cop"),
            ("about", "about", "IN", 6, "mark"),
            ("to", "to", "TO", 6, "mark"),
            ("meet", "meet", "VB", 3, "nsubj"),
            ("Ukraine", "Ukraine", "NNP", 6, "obj"),
            (".", ".", ".", 2, "punct"),
        ];
        assert_eq!(code(&rows, 0), ["RUSGOV UKR 040"]);
    }

    #[test]
    fn victims_of_a_reduced_passive_are_targets() {
        // "Russian troops said 10 Ukrainian soldiers killed[acl] in the attack ..."
        // reduced to its clause: "10 Ukrainian soldiers killed by Russian police".
        let rows = [
            ("10", "10", "CD", 3, "nummod"),
            ("Ukrainian", "Ukrainian", "JJ", 3, "amod"),
            ("soldiers", "soldier", "NNS", 0, "root"),
            ("killed", "kill", "VBN", 3, "acl"),
            ("by", "by", "IN", 7, "case"),
            ("Russian", "Russian", "JJ", 7, "amod"),
            ("police", "police", "NN", 4, "obl"),
        ];
        assert_eq!(code(&rows, 0), ["RUSCOP UKRMIL 190"]);
    }

    #[test]
    fn new_actors_from_noun_phrases_when_asked() {
        // "The Ministry of Magic met Russia.": no dictionary actor for the subject.
        let rows = [
            ("The", "the", "DT", 2, "det"),
            ("Ministry", "Ministry", "NNP", 5, "nsubj"),
            ("of", "of", "IN", 4, "case"),
            ("Magic", "Magic", "NNP", 2, "nmod"),
            ("met", "meet", "VBD", 0, "root"),
            ("Russia", "Russia", "NNP", 5, "obj"),
        ];
        // "Ministry" is an agent noun here, so use an unknown head instead.
        let rows2: Vec<_> = rows
            .iter()
            .map(|r| {
                if r.0 == "Ministry" {
                    ("Order", "Order", "NNP", 5, "nsubj")
                } else {
                    *r
                }
            })
            .collect();
        assert_eq!(code(&rows2, 0), Vec::<String>::new());
        assert_eq!(code(&rows2, 4), ["\"THE ORDER OF MAGIC\" RUS 040"]);
        assert_eq!(code(&rows2, 3), Vec::<String>::new());
        assert_eq!(code(&rows, 0), ["---GOV RUS 040"]);
    }
}
