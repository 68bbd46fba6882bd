//! JSONL: dyad's own records, one a line, each with `"schema"` and `"record"`.

use super::{Emit, EventWriter};
use dyad_coder::record::ErrorRecord;
use dyad_coder::CodedDocument;
use dyad_text::Document;
use serde::Serialize;
use std::io::{self, BufWriter, Write};

/// Writes events, attributions, actor candidates (as `emit` says) and errors.
pub struct JsonlWriter<W: Write> {
    out: BufWriter<W>,
    emit: Emit,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W, emit: Emit) -> Self {
        JsonlWriter {
            out: BufWriter::with_capacity(1 << 16, out),
            emit,
        }
    }

    fn line<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, record)?;
        self.out.write_all(b"\n")
    }

    /// The underlying writer (after a flush).
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

impl<W: Write> EventWriter for JsonlWriter<W> {
    fn write_document(&mut self, _doc: &Document, coded: &CodedDocument) -> io::Result<()> {
        // Attributions first: events link to them by id.
        if self.emit.attributions {
            for a in &coded.attributions {
                self.line(a)?;
            }
        }
        if self.emit.events {
            for e in &coded.events {
                self.line(e)?;
            }
        }
        if self.emit.actors {
            for c in &coded.actor_candidates {
                self.line(c)?;
            }
        }
        Ok(())
    }

    fn write_error(&mut self, error: &ErrorRecord) -> io::Result<()> {
        self.line(error)
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

    fn lines(emit: Emit) -> Vec<Value> {
        let mut w = JsonlWriter::new(Vec::new(), emit);
        w.write_document(&fixtures::document(), &fixtures::coded())
            .unwrap();
        w.write_error(&ErrorRecord::new("x.jsonl:3", "malformed JSON"))
            .unwrap();
        w.finish().unwrap();
        let bytes = w.into_inner().unwrap();
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn every_line_is_a_record_with_schema_and_kind() {
        let out = lines(Emit::default());
        let kinds: Vec<&str> = out.iter().map(|v| v["record"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["attribution", "event", "actor_candidate", "error"]);
        assert!(out.iter().all(|v| v["schema"] == 1));
        let ev = &out[1];
        assert_eq!(ev["cameo"], "0256");
        assert_eq!(ev["source"][1]["code"], "TUR");
        assert_eq!(ev["source"][0]["span"], serde_json::json!([0, 7]));
        assert_eq!(ev["attribution"]["id"], "voa-1:a0");
        assert_eq!(out[3]["doc_id"], "x.jsonl:3");
        assert_eq!(out[3]["error"], "malformed JSON");
    }

    #[test]
    fn emit_filters_record_kinds_but_never_errors() {
        let out = lines(Emit::parse("events").unwrap());
        let kinds: Vec<&str> = out.iter().map(|v| v["record"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["event", "error"]);
    }
}
