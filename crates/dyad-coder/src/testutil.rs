//! Shared helpers of the engine tests: small dictionaries in dyad's format, a
//! sentence from a hand-made parse, and events written as `SOURCE TARGET CODE`.

use crate::engine::{Dictionaries, Engine, EngineOptions, FoundActor, FoundEvent, Sent};
use crate::ptb::ptb_to_sentence;

/// Dictionaries from dyad-format actor, agent and verb lines.
pub(crate) fn dictionaries(actors: &str, agents: &str, verbs: &str) -> Dictionaries {
    let mut d = Dictionaries::default();
    d.actors.read_dyad("countries.txt", actors).unwrap();
    d.agents.read_dyad("agents.txt", agents).unwrap();
    d.verbs.read_dyad("verbs.txt", verbs).unwrap();
    d
}

/// A sentence's text and CoNLL-U from rows of form, lemma, xpos, head and
/// deprel (UPOS `VERB` for `VB*` tags, else `X`); the text puts no space
/// before `.`, `,` or `-`, nor after `-`.
pub(crate) fn rows_conllu(rows: &[(&str, &str, &str, usize, &str)]) -> (String, String) {
    let mut conllu = String::new();
    let mut text = String::new();
    for (i, (form, lemma, xpos, head, rel)) in rows.iter().enumerate() {
        let upos = if xpos.starts_with("VB") { "VERB" } else { "X" };
        conllu.push_str(&format!(
            "{}\t{form}\t{lemma}\t{upos}\t{xpos}\t_\t{head}\t{rel}\t_\t_\n",
            i + 1
        ));
        if !text.is_empty() && !matches!(*form, "." | "," | "-") && !text.ends_with('-') {
            text.push(' ');
        }
        text.push_str(form);
    }
    (text, conllu)
}

/// Codes a prepared sentence with `options`.
pub(crate) fn code_sent(d: &Dictionaries, s: &Sent, options: EngineOptions) -> Vec<FoundEvent> {
    Engine { dicts: d, options }.code(s).events
}

/// Codes `text` given its Penn Treebank parse.
pub(crate) fn code_ptb(
    d: &Dictionaries,
    text: &str,
    ptb: &str,
    options: EngineOptions,
) -> Vec<FoundEvent> {
    let s = ptb_to_sentence(ptb, text, 0).unwrap();
    code_sent(d, &Sent::new(&s, d, None), options)
}

/// An event as `SOURCE TARGET CODE`, compound sides joined with `+`.
pub(crate) fn dyad(e: &FoundEvent) -> String {
    let side = |a: &[FoundActor]| {
        a.iter()
            .map(|x| x.code.clone())
            .collect::<Vec<_>>()
            .join("+")
    };
    format!("{} {} {}", side(&e.sources), side(&e.targets), e.code)
}

/// [`dyad`] of each event.
pub(crate) fn dyads(ev: &[FoundEvent]) -> Vec<String> {
    ev.iter().map(dyad).collect()
}
