//! CSV of events: one row per event, the flat columns of the event table
//! (`table.rs`): compound actors joined with `;` in every actor column (codes,
//! countries, texts, spans, agents stay aligned), an actor's own agent codes joined
//! with `+`, spans as `start-end` in characters.

use super::table::{event_row, COLUMNS};
use super::EventWriter;
use dyad_coder::CodedDocument;
use dyad_text::Document;
use std::io::{self, Write};

/// The header row, in order.
pub const CSV_COLUMNS: [&str; COLUMNS.len()] = {
    let mut names = [""; COLUMNS.len()];
    let mut i = 0;
    while i < COLUMNS.len() {
        names[i] = COLUMNS[i].name;
        i += 1;
    }
    names
};

/// Writes one CSV row per event (errors are not written: see the module docs).
pub struct CsvEventWriter<W: Write> {
    out: csv::Writer<W>,
    header_written: bool,
}

impl<W: Write> CsvEventWriter<W> {
    pub fn new(out: W) -> Self {
        CsvEventWriter {
            out: csv::Writer::from_writer(out),
            header_written: false,
        }
    }

    fn header(&mut self) -> io::Result<()> {
        if !self.header_written {
            self.out.write_record(CSV_COLUMNS)?;
            self.header_written = true;
        }
        Ok(())
    }

    /// The underlying writer (after a flush).
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

impl<W: Write> EventWriter for CsvEventWriter<W> {
    fn write_document(&mut self, doc: &Document, coded: &CodedDocument) -> io::Result<()> {
        self.header()?;
        for e in &coded.events {
            let row: Vec<String> = event_row(doc, e).iter().map(|c| c.to_text()).collect();
            self.out.write_record(&row)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        // An empty run still gets its header, so the file loads as a table.
        self.header()?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::fixtures;
    use dyad_coder::record::ErrorRecord;

    #[test]
    fn one_row_per_event_with_compounds_joined() {
        let mut w = CsvEventWriter::new(Vec::new());
        w.write_document(&fixtures::document(), &fixtures::coded())
            .unwrap();
        w.write_error(&ErrorRecord::new("x", "y")).unwrap();
        w.finish().unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 1);
        let get =
            |name: &str| rows[0][CSV_COLUMNS.iter().position(|c| *c == name).unwrap()].to_string();
        assert_eq!(get("source_code"), "UKRGOV;TUR");
        assert_eq!(get("source_country"), "UKR;TUR");
        assert_eq!(get("source_agents"), "GOV;");
        assert_eq!(get("source_span"), "0-7;12-18");
        assert_eq!(get("target_code"), "RUS");
        assert_eq!(get("cameo"), "0256");
        assert_eq!(get("goldstein"), "3");
        assert_eq!(get("attribution_kind"), "anonymous");
        assert_eq!(get("issues"), "CEASEFIRE");
        assert_eq!(get("source_url"), "https://www.voanews.com/a/1.html");
    }

    #[test]
    fn an_empty_run_still_has_a_header() {
        let mut w = CsvEventWriter::new(Vec::new());
        w.finish().unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out.lines().count(), 1);
        assert!(out.starts_with("doc_id,sentence,date,"));
    }
}
