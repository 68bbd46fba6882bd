//! dyad's own news reading: checks applied to a sentence's events after the
//! PETRARCH-style coding, in `dyad code` only (`EngineOptions::news_reading`).
//! PETRARCH's validation records expect the literal codings these checks undo,
//! so `dyad validate` leaves them off.
//!
//! Each check is a general reading of news prose, not a rule for one sentence:
//! - the word sense of a violent verb follows its participants: a "clash" or
//!   "fight" between leaders with no armed agent is a verbal row (111), not force;
//! - the media are an audience, not a target: "told VOA", "told reporters"; in
//!   verbal events they report rather than take part ("CNN has reached out");
//! - an agent word used as an adjective names no actor ("military aid");
//! - an actor and its own state are one side: "Ukraine" and "Ukrainian officials"
//!   do not code each other;
//! - a bare singular agent noun with no country or determiner names a thing, not
//!   a body ("receiving intelligence information", "the freeze on intelligence");
//! - visits and hosting need a visitor: "welcomed Ukraine's agreement" endorses
//!   an act (051), it does not host Ukraine;
//! - a meeting is only at a "third" location (044) when the place named is
//!   neither side's country: "the crown prince met Zelensky in Riyadh" is Saudi
//!   Arabia hosting a visit (043), "met Zelensky in Kyiv" a visit (042);
//! - an opinion verb with a clause ("I think that will be a signal") frames the
//!   clause, it is not itself an event;
//! - who comes for talks, or joins in them, takes part in them ("will join
//!   the adviser for the talks with Ukrainian officials": the subject and whom
//!   it joins, in the tense of "will join"); a city before the noun is the venue;
//! - one sentence gives one event per dyad, code and polarity (no duplicates).

use crate::engine::{FoundActor, FoundEvent, Sent};

/// Agents that bear arms: a clash involving one of them can be a fight.
const ARMED: &[&str] = &["MIL", "REB", "INS", "UAF", "SPY", "CRM"];
/// Agents of the state: "Ukraine" and "Ukrainian officials" are one side.
const STATE: &[&str] = &["GOV", "MIL", "LEG", "JUD", "SPY", "ELI"];
/// Verbs (and event nouns) that name a fight or a verbal row, by participants.
const ROW_VERBS: &[&str] = &[
    "clash", "fight", "battle", "spar", "row", "feud", "quarrel", "spat", "skirmish",
];
/// Opinion verbs that frame a clause ("I think ...", "we believe ...").
const OPINION_VERBS: &[&str] = &["think", "believe", "feel", "suppose", "guess", "reckon"];

fn has_agent(a: &FoundActor, set: &[&str]) -> bool {
    a.agents.iter().any(|g| set.contains(&g.as_str()))
}

/// Two actors of one side: the bare country and its own state agent.
fn same_side(a: &FoundActor, b: &FoundActor) -> bool {
    if a.code == b.code {
        return true;
    }
    match (&a.country, &b.country) {
        (Some(x), Some(y)) if x == y => {
            (a.agents.is_empty() && has_agent(b, STATE))
                || (b.agents.is_empty() && has_agent(a, STATE))
        }
        _ => false,
    }
}

/// An agent-only target made of bare singular common nouns ("intelligence",
/// "intelligence information"): news uses such words for the thing, not the body.
fn bare_thing(s: &Sent, a: &FoundActor) -> bool {
    if a.country.is_some() || a.agents.is_empty() || a.tokens.1 > a.tokens.0 + 3 {
        return false;
    }
    let words = a.tokens.0..a.tokens.1;
    s.sent.tokens[a.head].xpos == "NN"
        && words.clone().all(|i| {
            let t = &s.sent.tokens[i];
            !t.form.starts_with(char::is_uppercase)
                && !matches!(s.rel(i), "det" | "nmod:poss")
                && t.xpos.starts_with(|c: char| c.is_ascii_alphabetic())
        })
        && !words
            .clone()
            .any(|i| matches!(s.rel(i), "nsubj" | "nsubj:pass"))
}

/// The first actor after the verb in its clause (not in a clause of its own),
/// other than the sources and those `skip` rejects.
fn next_actor(s: &Sent, ev: &FoundEvent, skip: &dyn Fn(&FoundActor) -> bool) -> Vec<FoundActor> {
    let mut clause = Vec::new();
    let mut stack = vec![ev.verb];
    while let Some(i) = stack.pop() {
        clause.push(i);
        for &c in &s.children[i] {
            if !matches!(
                s.rel(c),
                "ccomp" | "parataxis" | "advcl" | "acl:relcl" | "conj" | "nsubj" | "nsubj:pass"
            ) {
                stack.push(c);
            }
        }
    }
    clause.sort_unstable();
    for &t in clause.iter().filter(|&&t| t > ev.verb_end) {
        if !s.is_mention(t) {
            continue;
        }
        let found: Vec<FoundActor> = s
            .resolve_at(s.phrase_head(t), 0)
            .into_iter()
            .filter(|a| !skip(a) && !ev.sources.iter().any(|b| same_side(b, a)))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// The country of the place a meeting is said to happen in: a proper-noun
/// actor after "in" or "at" in the verb's clause ("held talks with Ukrainian
/// officials in Riyadh" -> SAU), if all such places name one country.
fn meeting_country(s: &Sent, ev: &FoundEvent) -> Option<String> {
    let mut found: Option<String> = None;
    let mut stack = vec![ev.verb];
    while let Some(i) = stack.pop() {
        for &c in &s.children[i] {
            if matches!(
                s.rel(c),
                "ccomp" | "parataxis" | "advcl" | "acl:relcl" | "conj" | "nsubj" | "nsubj:pass"
            ) {
                continue;
            }
            stack.push(c);
            let place = matches!(s.rel(c), "obl" | "nmod")
                && s.sent.tokens[c].xpos.starts_with("NNP")
                && s.is_mention(c)
                && s.children[c]
                    .iter()
                    .any(|&k| s.rel(k) == "case" && matches!(s.lower[k].as_str(), "in" | "at"));
            if !place {
                continue;
            }
            for a in s.resolve_at(s.phrase_head(c), 0) {
                let Some(k) = a.country else { continue };
                match &found {
                    Some(f) if *f != k => return None,
                    _ => found = Some(k),
                }
            }
        }
    }
    found
}

/// Applies dyad's news reading to the events of one sentence.
pub(crate) fn read(s: &Sent, events: Vec<FoundEvent>) -> Vec<FoundEvent> {
    let mut out: Vec<FoundEvent> = Vec::new();
    for mut ev in events {
        let lemma = s.lemma(ev.verb);
        let had_targets = !ev.targets.is_empty();
        // Things named by agent words are no actors: bare nouns ("receiving
        // intelligence information") and agent words used as adjectives
        // ("military aid", "diplomatic efforts").
        let thing = |a: &FoundActor| {
            bare_thing(s, a)
                || (a.country.is_none() && s.sent.tokens[a.head].xpos.starts_with("JJ"))
        };
        ev.sources.retain(|a| !thing(a));
        let before = ev.targets.len();
        ev.targets.retain(|a| !thing(a));
        if before > 0 && ev.targets.is_empty() {
            // "suspended military aid to Ukraine": the target is the next actor
            // after the verb in its clause.
            ev.targets = next_actor(s, &ev, &thing);
        }
        // The media as the addressee of a statement: the statement is kept as
        // the attribution of what it says, not as an event towards the media.
        // The media in talk about the news ("CNN has reached out to ... for
        // comment") are reporting, not taking part.
        let media = |a: &FoundActor| has_agent(a, &["MED"]) || a.code.ends_with("MED");
        let verbal = ["01", "02", "03", "04"]
            .iter()
            .any(|r| ev.code.starts_with(r));
        if verbal {
            ev.targets.retain(|a| !media(a));
            ev.sources.retain(|a| !media(a));
        }
        // The country and its own state are one side.
        let sources = &ev.sources;
        ev.targets
            .retain(|b| !sources.iter().any(|a| same_side(a, b)));
        if ev.sources.is_empty() || (had_targets && ev.targets.is_empty()) {
            continue;
        }
        // A fight among unarmed political actors is a row of words.
        let violent = ev.code.starts_with("18") || ev.code.starts_with("19");
        if violent
            && ROW_VERBS.contains(&lemma)
            && ev
                .sources
                .iter()
                .chain(ev.targets.iter())
                .all(|a| !a.agents.is_empty() && !has_agent(a, ARMED))
        {
            ev.code = "111".to_string();
            ev.rule = format!("{} (verbal: unarmed participants)", ev.rule);
        }
        // Visits and hosting need a visitor: a direct object that names a thing
        // or an act ("welcomed Ukraine's agreement", "receiving intelligence
        // information") changes the sense.
        if matches!(ev.code.as_str(), "042" | "043" | "044") {
            // The words of the pattern that fired ("hold meeting in").
            let pattern = ev.rule.split(" - ").nth(1).unwrap_or("");
            let thing_object = s.children[ev.verb].iter().any(|&o| {
                s.rel(o) == "obj"
                    && !s.is_mention(o)
                    && !pattern
                        .split_whitespace()
                        .any(|w| w == s.lemma(o) || w == s.lower[o])
                    && s.sent.tokens[o].xpos.starts_with("NN")
                    && !s.sent.tokens[o].xpos.starts_with("NNP")
            });
            if thing_object {
                if lemma == "welcome" {
                    ev.code = "051".to_string();
                    ev.rule = format!("{} (welcomes an act)", ev.rule);
                } else {
                    continue;
                }
            }
        }
        // A meeting in one side's own country is a visit to it, not a meeting
        // at a third location: the side at home hosts (043), the other visits (042).
        if ev.code == "044" && !ev.targets.is_empty() {
            if let Some(place) = meeting_country(s, &ev) {
                let at_home = |xs: &[FoundActor]| {
                    xs.iter()
                        .all(|a| a.country.as_deref() == Some(place.as_str()))
                };
                let away = |xs: &[FoundActor]| {
                    xs.iter()
                        .all(|a| a.country.as_deref() != Some(place.as_str()))
                };
                if at_home(&ev.sources) && away(&ev.targets) {
                    ev.code = "043".to_string();
                    ev.rule = format!("{} (meeting in the source's country: hosts)", ev.rule);
                } else if at_home(&ev.targets) && away(&ev.sources) {
                    ev.code = "042".to_string();
                    ev.rule = format!("{} (meeting in the target's country: visits)", ev.rule);
                }
            }
        }
        // "I think (that) ...": the opinion frames its clause.
        if OPINION_VERBS.contains(&lemma)
            && s.children[ev.verb].iter().any(|&c| s.rel(c) == "ccomp")
        {
            continue;
        }
        let codes = |xs: &[FoundActor], ys: &[FoundActor]| {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| x.code == y.code)
        };
        let same = |e: &FoundEvent| {
            e.code == ev.code
                && e.negated == ev.negated
                && codes(&e.sources, &ev.sources)
                && codes(&e.targets, &ev.targets)
        };
        if out.iter().any(same) {
            continue;
        }
        out.push(ev);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::{EngineOptions, FoundEvent};
    use crate::testutil::{code_ptb, dictionaries, dyads};

    const ACTORS: &str = "UKR\tUkraine; Ukrainian; Kyiv\n\
RUS\tRussia; Russian; Moscow\n\
FRA\tFrance; French\n\
USA\tUnited States; American\n";
    const AGENTS: &str = "GOV\tpresident; foreign minister; minister; official; government\n\
MIL\ttroops; soldier; army; military\n\
MED\treporters; journalist\n\
SPY\tintelligence\n";
    const VERBS: &str = "190\tclash; clash with; attack\n\
010\tsay; tell\n\
111\tcriticize\n\
043\twelcome; receive\n\
014\tthink\n\
1622\tsuspend military aid\n";

    fn code(text: &str, ptb: &str, news_reading: bool) -> Vec<FoundEvent> {
        let d = dictionaries(ACTORS, AGENTS, VERBS);
        let options = EngineOptions {
            news_reading,
            ..EngineOptions::default()
        };
        code_ptb(&d, text, ptb, options)
    }

    #[test]
    fn a_clash_between_leaders_is_verbal_between_troops_is_force() {
        let text = "The Ukrainian president clashed with the Russian foreign minister.";
        let ptb = "(ROOT (S (NP (DT The) (JJ Ukrainian) (NN president)) (VP (VBD clashed) (PP (IN with) (NP (DT the) (JJ Russian) (JJ foreign) (NN minister)))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, true)), ["UKRGOV RUSGOV 111"]);
        // PETRARCH's literal reading is kept for validation.
        assert_eq!(dyads(&code(text, ptb, false)), ["UKRGOV RUSGOV 190"]);
        let text = "Ukrainian troops clashed with Russian troops.";
        let ptb = "(ROOT (S (NP (JJ Ukrainian) (NNS troops)) (VP (VBD clashed) (PP (IN with) (NP (JJ Russian) (NNS troops)))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, true)), ["UKRMIL RUSMIL 190"]);
    }

    #[test]
    fn the_media_are_an_audience_not_a_target() {
        let text = "The French foreign minister told reporters on Monday.";
        let ptb = "(ROOT (S (NP (DT The) (JJ French) (JJ foreign) (NN minister)) (VP (VBD told) (NP (NNS reporters)) (PP (IN on) (NP (NNP Monday)))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, false)), ["FRAGOV ---MED 010"]);
        assert!(code(text, ptb, true).is_empty());
        // An addressee that is not the media stays.
        let text = "The French foreign minister told Russia on Monday.";
        let ptb = "(ROOT (S (NP (DT The) (JJ French) (JJ foreign) (NN minister)) (VP (VBD told) (NP (NNP Russia)) (PP (IN on) (NP (NNP Monday)))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, true)), ["FRAGOV RUS 010"]);
    }

    #[test]
    fn a_country_and_its_own_government_are_one_side() {
        let text = "Ukraine criticized the Ukrainian government.";
        let ptb = "(ROOT (S (NP (NNP Ukraine)) (VP (VBD criticized) (NP (DT the) (JJ Ukrainian) (NN government))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, false)), ["UKR UKRGOV 111"]);
        assert!(code(text, ptb, true).is_empty());
        // A government and armed groups of its own country are two sides.
        let text = "The Ukrainian government criticized Ukrainian troops.";
        let ptb = "(ROOT (S (NP (DT The) (JJ Ukrainian) (NN government)) (VP (VBD criticized) (NP (JJ Ukrainian) (NNS troops))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, true)), ["UKRGOV UKRMIL 111"]);
    }

    #[test]
    fn welcoming_an_act_endorses_it_receiving_a_thing_is_no_visit() {
        let text = "The Ukrainian president welcomed France's decision.";
        let ptb = "(ROOT (S (NP (DT The) (JJ Ukrainian) (NN president)) (VP (VBD welcomed) (NP (NP (NNP France) (POS 's)) (NN decision))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, false)), ["UKRGOV FRA 043"]);
        assert_eq!(dyads(&code(text, ptb, true)), ["UKRGOV FRA 051"]);
        let text = "The Ukrainian president welcomed the French foreign minister.";
        let ptb = "(ROOT (S (NP (DT The) (JJ Ukrainian) (NN president)) (VP (VBD welcomed) (NP (DT the) (JJ French) (JJ foreign) (NN minister))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, true)), ["UKRGOV FRAGOV 043"]);
        let text = "Ukrainian troops are receiving intelligence.";
        let ptb = "(ROOT (S (NP (JJ Ukrainian) (NNS troops)) (VP (VBP are) (VP (VBG receiving) (NP (NN intelligence)))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, false)), ["UKRMIL ---SPY 043"]);
        assert!(code(text, ptb, true).is_empty());
    }

    #[test]
    fn a_meeting_in_one_sides_country_is_a_visit_not_a_third_location() {
        let d = dictionaries(
            "UKR\tUkraine; Ukrainian; Kyiv\nSAU\tSaudi Arabia; Saudi\nSAUGOV\tRiyadh\nUSA\tUnited States; American\nRUS\tRussia; Russian\n",
            AGENTS,
            "044\thold meeting in; hold talks in\n",
        );
        let options = |news_reading| EngineOptions {
            news_reading,
            ..EngineOptions::default()
        };
        let text =
            "The Saudi foreign minister held a meeting with the Ukrainian president in Riyadh.";
        let ptb = "(ROOT (S (NP (DT The) (JJ Saudi) (JJ foreign) (NN minister)) (VP (VBD held) (NP (NP (DT a) (NN meeting)) (PP (IN with) (NP (DT the) (JJ Ukrainian) (NN president)))) (PP (IN in) (NP (NNP Riyadh)))) (. .)))";
        assert_eq!(
            dyads(&code_ptb(&d, text, ptb, options(true))),
            ["SAUGOV UKRGOV 043"]
        );
        assert_eq!(
            dyads(&code_ptb(&d, text, ptb, options(false))),
            ["SAUGOV UKRGOV 044"]
        );
        let text =
            "The Saudi foreign minister held a meeting with the Ukrainian president in Kyiv.";
        let ptb = "(ROOT (S (NP (DT The) (JJ Saudi) (JJ foreign) (NN minister)) (VP (VBD held) (NP (NP (DT a) (NN meeting)) (PP (IN with) (NP (DT the) (JJ Ukrainian) (NN president)))) (PP (IN in) (NP (NNP Kyiv)))) (. .)))";
        assert_eq!(
            dyads(&code_ptb(&d, text, ptb, options(true))),
            ["SAUGOV UKRGOV 042"]
        );
        // The target's span covers the whole nominal, not just its first name.
        let named = dictionaries(
            "UKR\tUkraine; Ukrainian; Kyiv\nSAUGOV\tRiyadh\nSAU\tSaudi\nUKRGOV\tVolodymyr Zelenskyy\n",
            AGENTS,
            "044\thold meeting in\n",
        );
        let text = "The Saudi foreign minister held a meeting with Ukrainian President Volodymyr Zelenskyy in Kyiv.";
        let ptb = "(ROOT (S (NP (DT The) (JJ Saudi) (JJ foreign) (NN minister)) (VP (VBD held) (NP (NP (DT a) (NN meeting)) (PP (IN with) (NP (JJ Ukrainian) (NNP President) (NNP Volodymyr) (NNP Zelenskyy)))) (PP (IN in) (NP (NNP Kyiv)))) (. .)))";
        let events = code_ptb(&named, text, ptb, options(true));
        assert_eq!(dyads(&events), ["SAUGOV UKRGOV 042"]);
        assert_eq!(events[0].targets[0].tokens, (8, 12));
        // American and Russian officials in Riyadh: a third location indeed.
        let text = "American officials held talks with Russian officials in Riyadh.";
        let ptb = "(ROOT (S (NP (JJ American) (NNS officials)) (VP (VBD held) (NP (NP (NNS talks)) (PP (IN with) (NP (JJ Russian) (NNS officials)))) (PP (IN in) (NP (NNP Riyadh)))) (. .)))";
        assert_eq!(
            dyads(&code_ptb(&d, text, ptb, options(true))),
            ["USAGOV RUSGOV 044"]
        );
    }

    #[test]
    fn an_opinion_frames_its_clause() {
        let text = "The French president thinks Russia will attack Kyiv.";
        let ptb = "(ROOT (S (NP (DT The) (JJ French) (NN president)) (VP (VBZ thinks) (SBAR (S (NP (NNP Russia)) (VP (MD will) (VP (VB attack) (NP (NNP Kyiv))))))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, true)), ["RUS UKR 190"]);
        assert!(dyads(&code(text, ptb, false)).contains(&"FRAGOV RUS 014".to_string()));
    }

    #[test]
    fn an_agent_word_as_adjective_names_no_actor() {
        let text = "The United States suspended military aid to Ukraine.";
        let ptb = "(ROOT (S (NP (DT The) (NNP United) (NNPS States)) (VP (VBD suspended) (NP (JJ military) (NN aid)) (PP (TO to) (NP (NNP Ukraine)))) (. .)))";
        assert_eq!(dyads(&code(text, ptb, true)), ["USA UKR 1622"]);
        // Without news reading too: the pattern read "military aid", so the
        // phrase is what was suspended, not a participant.
        assert_eq!(dyads(&code(text, ptb, false)), ["USA UKR 1622"]);
    }

    #[test]
    fn a_title_and_the_name_after_it_are_one_mention() {
        let text = "American national security adviser Mike Waltz criticized Russia on Friday.";
        let ptb = "(ROOT (S (NP (NP (JJ American) (JJ national) (NN security) (NN adviser)) (NP (NNP Mike) (NNP Waltz))) (VP (VBD criticized) (NP (NNP Russia)) (PP (IN on) (NP (NNP Friday)))) (. .)))";
        let d = dictionaries(
            ACTORS,
            &format!("{AGENTS}GOV\tsecurity adviser; adviser; secretary of state; secretary\n"),
            VERBS,
        );
        let events = code_ptb(&d, text, ptb, EngineOptions::default());
        assert_eq!(dyads(&events), ["USAGOV RUS 111"]);
        assert_eq!(events[0].sources[0].tokens, (0, 6));
        // Over the title's own "of" phrase ("Secretary of State Marco Rubio").
        let text = "The American Secretary of State Marco Rubio criticized Russia.";
        let ptb = "(ROOT (S (NP (NP (NP (DT The) (JJ American) (NNP Secretary)) (PP (IN of) (NP (NNP State)))) (NP (NNP Marco) (NNP Rubio))) (VP (VBD criticized) (NP (NNP Russia))) (. .)))";
        let events = code_ptb(&d, text, ptb, EngineOptions::default());
        assert_eq!(dyads(&events), ["USAGOV RUS 111"]);
        assert_eq!(events[0].sources[0].tokens, (1, 7));
        // A date in apposition is no name ("officials Monday").
        let text = "American officials Monday criticized Russia.";
        let ptb = "(ROOT (S (NP (NP (JJ American) (NNS officials)) (NP (NNP Monday))) (VP (VBD criticized) (NP (NNP Russia))) (. .)))";
        let events = code(text, ptb, true);
        assert_eq!(dyads(&events), ["USAGOV RUS 111"]);
        assert_eq!(events[0].sources[0].tokens, (0, 2));
    }

    #[test]
    fn an_acronym_issue_does_not_match_the_lowercase_word() {
        let mut d = dictionaries(ACTORS, AGENTS, VERBS);
        d.issues
            .read_dyad("issues.txt", "SANCTIONS\tsanctions; SWIFT\n")
            .unwrap();
        let issues = |text: &str, ptb: &str| {
            let s = crate::ptb::ptb_to_sentence(ptb, text, 0).unwrap();
            let sent = crate::engine::Sent::new(&s, &d, None);
            crate::engine::Engine {
                dicts: &d,
                options: EngineOptions::default(),
            }
            .code(&sent)
            .issues
        };
        let text = "The French president called for a swift end to the war.";
        let ptb = "(ROOT (S (NP (DT The) (JJ French) (NN president)) (VP (VBD called) (PP (IN for) (NP (NP (DT a) (JJ swift) (NN end)) (PP (TO to) (NP (DT the) (NN war)))))) (. .)))";
        assert!(issues(text, ptb).is_empty());
        let text = "The French president wants Russia cut off from SWIFT.";
        let ptb = "(ROOT (S (NP (DT The) (JJ French) (NN president)) (VP (VBZ wants) (S (NP (NNP Russia)) (VP (VBN cut) (PRT (RP off)) (PP (IN from) (NP (NNP SWIFT)))))) (. .)))";
        assert_eq!(issues(text, ptb), ["SANCTIONS"]);
    }

    #[test]
    fn who_joins_talks_takes_part_in_them() {
        let d = dictionaries(
            ACTORS,
            &format!("{AGENTS}GOV\tadviser; secretary\n"),
            &format!("{VERBS}040\t~talk\n"),
        );
        let text = "The French minister will join the American adviser for the Geneva talks with Russian officials.";
        let ptb = "(ROOT (S (NP (DT The) (JJ French) (NN minister)) (VP (MD will) (VP (VB join) (NP (DT the) (JJ American) (NN adviser)) (PP (IN for) (NP (NP (DT the) (NNP Geneva) (NNS talks)) (PP (IN with) (NP (JJ Russian) (NNS officials))))))) (. .)))";
        let events = code_ptb(&d, text, ptb, EngineOptions::default());
        assert_eq!(dyads(&events), ["FRAGOV+USAGOV RUSGOV 040"]);
        // The talks take the tense of the verb that governs them.
        assert_eq!(events[0].modality, crate::engine::Modality::Future);
        // The same with "talks" tagged as a verb of its own clause ("the
        // adviser for the Kyiv talks with ..."): the repaired tree reads the
        // noun, and the city before it is the venue, not a side.
        let text = "The French minister will join the American adviser for the Kyiv talks with Russian officials.";
        let ptb = "(ROOT (S (NP (DT The) (JJ French) (NN minister)) (VP (MD will) (VP (VB join) (SBAR (S (NP (NP (DT the) (JJ American) (NN adviser)) (PP (IN for) (NP (DT the) (NNP Kyiv)))) (VP (VBZ talks) (PP (IN with) (NP (JJ Russian) (NNS officials)))))))) (. .)))";
        let events = code_ptb(&d, text, ptb, EngineOptions::default());
        assert_eq!(dyads(&events), ["FRAGOV+USAGOV RUSGOV 040"]);
        assert_eq!(events[0].modality, crate::engine::Modality::Future);
        // A verb after a subject with no preposition stays a verb.
        let text = "The American adviser talks with Russian officials.";
        let ptb = "(ROOT (S (NP (DT The) (JJ American) (NN adviser)) (VP (VBZ talks) (PP (IN with) (NP (JJ Russian) (NNS officials)))) (. .)))";
        let d2 = dictionaries(
            ACTORS,
            &format!("{AGENTS}GOV\tadviser\n"),
            &format!("{VERBS}040\ttalk with\n"),
        );
        let events = code_ptb(&d2, text, ptb, EngineOptions::default());
        assert_eq!(dyads(&events), ["USAGOV RUSGOV 040"]);
        assert_eq!(events[0].modality, crate::engine::Modality::Asserted);
        // Who arrives for talks takes part; whom one meets on arrival does not.
        let text = "The French minister arrived in Moscow for talks with Russian officials.";
        let ptb = "(ROOT (S (NP (DT The) (JJ French) (NN minister)) (VP (VBD arrived) (PP (IN in) (NP (NNP Moscow))) (PP (IN for) (NP (NP (NNS talks)) (PP (IN with) (NP (JJ Russian) (NNS officials)))))) (. .)))";
        let events = code_ptb(&d, text, ptb, EngineOptions::default());
        assert_eq!(dyads(&events), ["FRAGOV RUSGOV 040"]);
        assert_eq!(events[0].modality, crate::engine::Modality::Past);
        // PETRARCH's literal reading (validation) has no source for the noun.
        let options = EngineOptions {
            news_reading: false,
            ..EngineOptions::default()
        };
        assert!(code_ptb(&d, text, ptb, options).is_empty());
    }

    #[test]
    fn a_person_after_a_time_phrase_is_the_subject_not_a_date() {
        // The parser read the minister as a conjunct of "Tuesday" and left
        // "criticized" without a subject.
        let text =
            "Late on Tuesday, the Russian foreign minister, speaking in Kyiv, criticized France.";
        let rows = [
            "Late\tlate\tADV\tRB\t14\tadvmod",
            "on\ton\tADP\tIN\t3\tcase",
            "Tuesday\tTuesday\tPROPN\tNNP\t1\tobl",
            ",\t,\tPUNCT\t,\t8\tpunct",
            "the\tthe\tDET\tDT\t8\tdet",
            "Russian\tRussian\tADJ\tJJ\t8\tamod",
            "foreign\tforeign\tADJ\tJJ\t8\tamod",
            "minister\tminister\tNOUN\tNN\t3\tconj",
            ",\t,\tPUNCT\t,\t10\tpunct",
            "speaking\tspeak\tVERB\tVBG\t14\tadvcl",
            "in\tin\tADP\tIN\t12\tcase",
            "Kyiv\tKyiv\tPROPN\tNNP\t10\tobl",
            ",\t,\tPUNCT\t,\t10\tpunct",
            "criticized\tcriticize\tVERB\tVBD\t0\troot",
            "France\tFrance\tPROPN\tNNP\t14\tobj",
            ".\t.\tPUNCT\t.\t14\tpunct",
        ];
        let events = code_rows(text, &rows);
        assert_eq!(dyads(&events), ["RUSGOV FRA 111"]);
        assert_eq!(events[0].modality, crate::engine::Modality::Past);
    }

    /// Codes `text` from CoNLL-U rows `FORM LEMMA UPOS XPOS HEAD DEPREL`.
    fn code_rows(text: &str, rows: &[&str]) -> Vec<FoundEvent> {
        let conllu: String = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let f: Vec<&str> = r.split('\t').collect();
                format!(
                    "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_\n",
                    i + 1,
                    f[0],
                    f[1],
                    f[2],
                    f[3],
                    f[4],
                    f[5]
                )
            })
            .collect();
        let s = crate::ptb::conllu_to_sentence(&conllu, text, 0).unwrap();
        let d = dictionaries(ACTORS, AGENTS, VERBS);
        let sent = crate::engine::Sent::new(&s, &d, None);
        crate::testutil::code_sent(&d, &sent, EngineOptions::default())
    }

    #[test]
    fn said_monday_that_is_the_time_of_saying_not_a_relative_clause() {
        // The parser read "Tuesday" as the object of "said" and the clause as
        // a relative clause on it, so "would" read as a condition.
        let text = "The French minister said Tuesday that Russia would attack Kyiv.";
        let rows = [
            "The\tthe\tDET\tDT\t3\tdet",
            "French\tFrench\tADJ\tJJ\t3\tamod",
            "minister\tminister\tNOUN\tNN\t4\tnsubj",
            "said\tsay\tVERB\tVBD\t0\troot",
            "Tuesday\tTuesday\tPROPN\tNNP\t4\tobj",
            "that\tthat\tSCONJ\tIN\t9\tmark",
            "Russia\tRussia\tPROPN\tNNP\t9\tnsubj",
            "would\twould\tAUX\tMD\t9\taux",
            "attack\tattack\tVERB\tVB\t5\tacl:relcl",
            "Kyiv\tKyiv\tPROPN\tNNP\t9\tobj",
            ".\t.\tPUNCT\t.\t4\tpunct",
        ];
        let events = code_rows(text, &rows);
        let attack: Vec<_> = events.iter().filter(|e| e.code == "190").collect();
        assert_eq!(attack.len(), 1, "{:?}", dyads(&events));
        assert_eq!(dyads(&[attack[0].clone()]), ["RUS UKR 190"]);
        // Reported "would" is the future of the report, said by the minister.
        assert_eq!(attack[0].modality, crate::engine::Modality::Future);
    }
}
