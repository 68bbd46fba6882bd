//! Document level: sentences coded in order, actor aliases and pronouns carried
//! from sentence to sentence, unknown titled people listed as actor candidates,
//! and the found events turned into output records with character spans.

use crate::engine::{expand, Engine, FoundActor, FoundEvent, Sent};
use crate::record::{
    ActorCandidateRecord, ActorRef, AttributionRecord, AttributionSource, EventAttribution,
    EventRecord, Evidence, SpanText, SCHEMA,
};
use crate::{CodedDocument, Coder};
use dyad_nlp::AnalyzedSentence;
use dyad_text::{CharOffsets, Document};
use std::collections::HashMap;

/// Names met in a document: a short form ("Umerov", "Zelensky") to the actor
/// first named in full.
#[derive(Debug, Default, Clone)]
pub struct Aliases {
    /// Lower-case surname -> actor.
    pub by_name: HashMap<String, FoundActor>,
    /// The last actor that was the subject of an event (for "he", "she").
    pub last_subject: Option<Vec<FoundActor>>,
}

fn char_span(off: &CharOffsets, a: usize, b: usize) -> [usize; 2] {
    [off.char_of(a), off.char_of(b)]
}

fn token_text(doc: &Document, s: &AnalyzedSentence, a: usize, b: usize) -> (String, usize, usize) {
    if a >= b || b > s.tokens.len() {
        return (String::new(), 0, 0);
    }
    let start = s.tokens[a].span.start;
    let end = s.tokens[b - 1].span.end;
    if start <= end
        && end <= doc.text.len()
        && doc.text.is_char_boundary(start)
        && doc.text.is_char_boundary(end)
    {
        (doc.text[start..end].to_string(), start, end)
    } else {
        let t: Vec<&str> = s.tokens[a..b].iter().map(|t| t.form.as_str()).collect();
        (t.join(" "), start, end)
    }
}

fn actor_ref(doc: &Document, s: &AnalyzedSentence, off: &CharOffsets, a: &FoundActor) -> ActorRef {
    let (text, st, en) = token_text(doc, s, a.tokens.0, a.tokens.1);
    ActorRef {
        code: a.code.clone(),
        country: a.country.clone(),
        agents: a.agents.clone(),
        text,
        span: char_span(off, st, en),
    }
}

/// Unknown named people: a proper-noun head not covered by the dictionaries,
/// with a title that gave the phrase a code ("Ukrainian Defense Minister Rustem Umerov").
fn candidates_in(
    s: &AnalyzedSentence,
    actors: &[FoundActor],
    covered: &dyn Fn(usize) -> bool,
    in_mention: &dyn Fn(usize) -> bool,
) -> Vec<(FoundActor, usize, usize)> {
    let mut out = Vec::new();
    for a in actors {
        let h = a.head;
        if h >= s.tokens.len() || a.agents.is_empty() {
            continue;
        }
        let t = &s.tokens[h];
        if !(t.upos == "PROPN" || t.xpos.starts_with("NNP")) || covered(h) || in_mention(h) {
            continue;
        }
        // The name: the proper nouns ending at the head.
        let mut start = h;
        while start > 0 {
            let p = &s.tokens[start - 1];
            if (p.upos == "PROPN" || p.xpos.starts_with("NNP")) && !in_mention(start - 1) {
                start -= 1;
            } else {
                break;
            }
        }
        let mut end = h + 1;
        while end < s.tokens.len() {
            let n = &s.tokens[end];
            if (n.upos == "PROPN" || n.xpos.starts_with("NNP")) && !in_mention(end) {
                end += 1;
            } else {
                break;
            }
        }
        out.push((a.clone(), start, end));
    }
    out
}

/// Codes the analysed sentences of one document.
pub fn code_sentences(coder: &Coder, doc: &Document, sents: &[AnalyzedSentence]) -> CodedDocument {
    let engine = Engine {
        dicts: coder.dictionaries(),
        options: coder.engine_options(),
    };
    let off = CharOffsets::new(&doc.text);
    let mut out = CodedDocument::default();
    let mut aliases = Aliases::default();
    let mut candidates: HashMap<String, ActorCandidateRecord> = HashMap::new();
    let mut attribution_ids: HashMap<(usize, usize), String> = HashMap::new();
    for (si, s) in sents.iter().enumerate() {
        let mut prepared = Sent::new(s, coder.dictionaries(), doc.date);
        prepared.add_aliases(&aliases.by_name);
        prepared.context_actor = aliases.last_subject.clone();
        let result = engine.code(&prepared);
        if result.discard.is_some() {
            continue;
        }
        // New titled names become aliases and candidates.
        let covered = |i: usize| prepared.is_dictionary_actor(i);
        let in_mention = |i: usize| prepared.is_mention(i);
        for (actor, a, b) in candidates_in(s, &result.actors, &covered, &in_mention) {
            let (name, st, en) = token_text(doc, s, a, b);
            let (basis, _, _) = token_text(doc, s, actor.tokens.0, a);
            if let Some(last) = s.tokens.get(b - 1) {
                aliases
                    .by_name
                    .entry(last.form.to_lowercase())
                    .or_insert_with(|| actor.clone());
            }
            let entry = candidates
                .entry(name.clone())
                .or_insert_with(|| ActorCandidateRecord {
                    schema: SCHEMA,
                    record: "actor_candidate".into(),
                    doc_id: doc.id.clone(),
                    text: name.clone(),
                    span: char_span(&off, st, en),
                    code: Some(actor.code.clone()),
                    basis: if basis.trim().is_empty() {
                        None
                    } else {
                        Some(basis.trim().to_string())
                    },
                    mentions: 0,
                });
            entry.mentions += 1;
        }
        for ev in &result.events {
            if !ev.sources.is_empty() {
                aliases.last_subject = Some(ev.sources.clone());
            }
            let evs: Vec<FoundEvent> = if coder.options().expand_compounds {
                split_compounds(ev, engine.options.require_dyad)
            } else {
                vec![ev.clone()]
            };
            for e in evs {
                let rec = event_record(
                    doc,
                    s,
                    si,
                    &off,
                    &e,
                    &result.issues,
                    &mut out,
                    &mut attribution_ids,
                );
                out.events.push(rec);
            }
        }
    }
    let mut cands: Vec<ActorCandidateRecord> = candidates.into_values().collect();
    cands.sort_by_key(|c| c.span[0]);
    out.actor_candidates = cands;
    out
}

/// One event per (source, target) pair of a compound event.
pub fn split_compounds(ev: &FoundEvent, require_dyad: bool) -> Vec<FoundEvent> {
    let pairs = expand(ev, require_dyad);
    let mut out = Vec::new();
    for (s, t, _) in pairs {
        let mut e = ev.clone();
        e.sources = ev
            .sources
            .iter()
            .filter(|a| a.code == s)
            .take(1)
            .cloned()
            .collect();
        e.targets = ev
            .targets
            .iter()
            .filter(|a| a.code == t)
            .take(1)
            .cloned()
            .collect();
        out.push(e);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn event_record(
    doc: &Document,
    s: &AnalyzedSentence,
    si: usize,
    off: &CharOffsets,
    e: &FoundEvent,
    issues: &[String],
    out: &mut CodedDocument,
    attribution_ids: &mut HashMap<(usize, usize), String>,
) -> EventRecord {
    let info = dyad_ontology::event(&e.code);
    let (verb_text, vs, ve) = token_text(doc, s, e.verb, e.verb_end + 1);
    let (sent_text, _, _) = token_text(doc, s, 0, s.tokens.len());
    let attribution = e.speech.as_ref().map(|sp| {
        let key = (si, sp.cue);
        let id = attribution_ids
            .entry(key)
            .or_insert_with(|| {
                let id = format!("{}:a{}", doc.id, out.attributions.len() + 1);
                let (src_text, a0, a1) =
                    token_text(doc, s, sp.speaker_tokens.0, sp.speaker_tokens.1);
                let (cue_text, c0, c1) = token_text(doc, s, sp.cue, sp.cue + 1);
                let (content_text, t0, t1) = token_text(doc, s, sp.content.0, sp.content.1);
                out.attributions.push(AttributionRecord {
                    schema: SCHEMA,
                    record: "attribution".into(),
                    id: id.clone(),
                    doc_id: doc.id.clone(),
                    source: AttributionSource {
                        text: src_text,
                        span: char_span(off, a0, a1),
                        kind: sp.kind.to_string(),
                        actor: sp.speaker.as_ref().map(|a| a.code.clone()),
                        count: None,
                    },
                    cue: SpanText {
                        text: cue_text,
                        span: char_span(off, c0, c1),
                    },
                    content: SpanText {
                        text: content_text,
                        span: char_span(off, t0, t1),
                    },
                    direct: sp.direct,
                });
                id
            })
            .clone();
        let (cue_text, _, _) = token_text(doc, s, sp.cue, sp.cue + 1);
        let (quote, _, _) = token_text(doc, s, sp.content.0, sp.content.1);
        EventAttribution {
            id: Some(id),
            kind: sp.kind.to_string(),
            speaker: sp.speaker.as_ref().map(|a| actor_ref(doc, s, off, a)),
            cue: Some(cue_text),
            quote: if sp.direct { Some(quote) } else { None },
            direct: sp.direct,
        }
    });
    EventRecord {
        schema: SCHEMA,
        record: "event".into(),
        doc_id: doc.id.clone(),
        sentence: si,
        date: doc.date.map(|d| d.to_string()),
        source: e
            .sources
            .iter()
            .map(|a| actor_ref(doc, s, off, a))
            .collect(),
        target: e
            .targets
            .iter()
            .map(|a| actor_ref(doc, s, off, a))
            .collect(),
        cameo: e.code.clone(),
        cameo_name: info.map(|i| i.name.to_string()).unwrap_or_default(),
        root: info
            .map(|i| i.root.to_string())
            .unwrap_or_else(|| e.code.chars().take(2).collect()),
        quad_class: info.map(|i| i.quad_class.number()).unwrap_or(0),
        penta_class: info.map(|i| i.penta_class.number()).unwrap_or(0),
        goldstein: info.map(|i| i.goldstein).unwrap_or(0.0),
        plover: info.and_then(|i| i.plover_event.map(str::to_string)),
        negated: e.negated,
        modality: e.modality.as_str().to_string(),
        attribution,
        issues: issues.to_vec(),
        evidence: Evidence {
            sentence_text: sent_text,
            verb: SpanText {
                text: verb_text,
                span: char_span(off, vs, ve),
            },
            rule: e.rule.clone(),
        },
        confidence: e.confidence,
        times: e.times,
    }
}
