//! PLOVER JSON in the POLECAT style: one object a line per source × target pair of
//! each event that has a PLOVER category.
//!
//! Fields: `id` (`doc:e<event>` plus `-<pair>` for the second and later pairs),
//! `doc_id`, `sentence`, `date`, `event_type` (the PLOVER category), `mode` (from a
//! lookup the caller installs with [`PloverWriter::with_modes`], else null),
//! `context` (the event's issues), `actor`, `actor_code`, `actor_country`,
//! `recipient`, `recipient_code`, `recipient_country`, `cameo` (kept), `goldstein`,
//! `quad_class`, `negated`, `modality`, `text` (the sentence) and `source_url`.
//! Events the ontology maps to no PLOVER category are left out of this format.

use super::{actor_pairs, EventWriter};
use dyad_coder::CodedDocument;
use dyad_text::Document;
use serde_json::json;
use std::io::{self, BufWriter, Write};

/// Maps a CAMEO code to its PLOVER mode (`"visit"`, `"phone"`, ...), if any.
pub type ModeLookup = Box<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Writes PLOVER objects, one a line.
pub struct PloverWriter<W: Write> {
    out: BufWriter<W>,
    modes: Option<ModeLookup>,
}

impl<W: Write> PloverWriter<W> {
    pub fn new(out: W) -> Self {
        PloverWriter {
            out: BufWriter::with_capacity(1 << 16, out),
            modes: None,
        }
    }

    /// Fills `mode` from `lookup` (the CAMEO→PLOVER table of dyad-ontology).
    pub fn with_modes(mut self, lookup: ModeLookup) -> Self {
        self.modes = Some(lookup);
        self
    }

    /// The underlying writer (after a flush).
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

impl<W: Write> EventWriter for PloverWriter<W> {
    fn write_document(&mut self, doc: &Document, coded: &CodedDocument) -> io::Result<()> {
        for (i, e) in coded.events.iter().enumerate() {
            let Some(event_type) = e.plover.as_deref() else {
                continue;
            };
            let mode = self.modes.as_ref().and_then(|m| m(&e.cameo));
            for (k, (s, t)) in actor_pairs(&e.source, &e.target).into_iter().enumerate() {
                let id = if k == 0 {
                    format!("{}:e{i}", e.doc_id)
                } else {
                    format!("{}:e{i}-{k}", e.doc_id)
                };
                let obj = json!({
                    "id": id,
                    "doc_id": e.doc_id,
                    "sentence": e.sentence,
                    "date": e.date.clone().or_else(|| doc.date.map(|d| d.to_string())),
                    "event_type": event_type,
                    "mode": mode,
                    "context": e.issues,
                    "actor": s.map(|a| &a.text),
                    "actor_code": s.map(|a| &a.code),
                    "actor_country": s.and_then(|a| a.country.as_ref()),
                    "recipient": t.map(|a| &a.text),
                    "recipient_code": t.map(|a| &a.code),
                    "recipient_country": t.and_then(|a| a.country.as_ref()),
                    "cameo": e.cameo,
                    "goldstein": e.goldstein,
                    "quad_class": e.quad_class,
                    "negated": e.negated,
                    "modality": e.modality,
                    "text": e.evidence.sentence_text,
                    "source_url": doc.source,
                });
                serde_json::to_writer(&mut self.out, &obj)?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::fixtures;
    use serde_json::Value;

    #[test]
    fn one_object_per_actor_pair_with_plover_fields() {
        let mut w = PloverWriter::new(Vec::new()).with_modes(Box::new(|c: &str| {
            (c == "0256").then(|| "military".to_string())
        }));
        let mut coded = fixtures::coded();
        let mut no_plover = coded.events[0].clone();
        no_plover.plover = None;
        coded.events.push(no_plover);
        w.write_document(&fixtures::document(), &coded).unwrap();
        w.finish().unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let objs: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(objs.len(), 2, "{out}");
        let o = &objs[0];
        assert_eq!(o["id"], "voa-1:e0");
        assert_eq!(o["event_type"], "REQUEST");
        assert_eq!(o["mode"], "military");
        assert_eq!(o["context"], serde_json::json!(["CEASEFIRE"]));
        assert_eq!(o["actor"], "Ukraine");
        assert_eq!(o["actor_country"], "UKR");
        assert_eq!(o["recipient"], "Russia");
        assert_eq!(o["recipient_country"], "RUS");
        assert_eq!(o["cameo"], "0256");
        assert_eq!(o["date"], "2022-03-20");
        assert!(o["text"].as_str().unwrap().contains("ceasefire"));
        assert_eq!(objs[1]["id"], "voa-1:e0-1");
        assert_eq!(objs[1]["actor"], "Turkey");
    }
}
