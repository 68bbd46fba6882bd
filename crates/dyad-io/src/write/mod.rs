//! Writers: coded documents out as JSONL records, CSV, GDELT 2.0 TSV, PLOVER JSON or
//! Parquet.
//!
//! Every writer implements [`EventWriter`]: the CLI hands it each coded document (and
//! each document that failed) in input order, then calls [`EventWriter::finish`]. The
//! columnar writer (Parquet) buffers row groups in `write_document` and writes its
//! footer in `finish`. CSV and Parquet share one flat event table (`table.rs`).
//!
//! Only JSONL can carry error records; the other formats leave errors to the
//! caller's stderr message.

mod csv;
mod gdelt;
mod jsonl;
mod parquet;
mod plover;
mod table;

pub use self::csv::{CsvEventWriter, CSV_COLUMNS};
pub use gdelt::{GdeltWriter, GDELT_COLUMNS};
pub use jsonl::JsonlWriter;
pub use parquet::{parquet_schema, ParquetEventWriter, ROW_GROUP_ROWS};
pub use plover::PloverWriter;

use dyad_coder::record::{ActorRef, ErrorRecord};
use dyad_coder::CodedDocument;
use dyad_text::Document;
use std::io::{self, Write};

/// A sink for coded documents.
pub trait EventWriter {
    /// Writes what coding `doc` produced.
    fn write_document(&mut self, doc: &Document, coded: &CodedDocument) -> io::Result<()>;
    /// Writes a document that could not be coded (formats without error rows
    /// ignore it: the default).
    fn write_error(&mut self, _error: &ErrorRecord) -> io::Result<()> {
        Ok(())
    }
    /// Pushes buffered output through, so a stream reader sees each document's lines
    /// as soon as it is coded.
    fn flush(&mut self) -> io::Result<()>;
    /// Writes whatever closes the output (a footer, buffered rows) and flushes it
    /// (the default: a format with nothing to close only flushes).
    fn finish(&mut self) -> io::Result<()> {
        self.flush()
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// dyad's records, one JSON object a line (`"schema": 1`).
    Jsonl,
    /// One row per event, flat columns ([`CSV_COLUMNS`]).
    Csv,
    /// GDELT 2.0 event table, tab-separated, 61 columns ([`GDELT_COLUMNS`]).
    Gdelt,
    /// PLOVER/POLECAT-style JSON, one object a line per actor pair.
    Plover,
    /// The CSV columns as a typed Parquet file ([`parquet_schema`]).
    Parquet,
}

impl OutputFormat {
    /// Parses `--format-out`: `jsonl`, `csv`, `gdelt` (or `tsv`), `plover`, `parquet`.
    pub fn parse(s: &str) -> Result<OutputFormat, String> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" => Ok(OutputFormat::Jsonl),
            "csv" => Ok(OutputFormat::Csv),
            "gdelt" | "tsv" => Ok(OutputFormat::Gdelt),
            "plover" => Ok(OutputFormat::Plover),
            "parquet" => Ok(OutputFormat::Parquet),
            other => Err(format!(
                "unknown output format {other:?} (use jsonl, csv, gdelt, plover or parquet)"
            )),
        }
    }

    /// Whether the format writes text lines as it goes (so it can stream), rather than
    /// a binary file that is readable only once finished.
    pub fn is_streamable(self) -> bool {
        self != OutputFormat::Parquet
    }
}

/// Which record kinds JSONL output carries (errors always go out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emit {
    pub events: bool,
    pub attributions: bool,
    pub actors: bool,
}

impl Default for Emit {
    fn default() -> Self {
        Emit {
            events: true,
            attributions: true,
            actors: true,
        }
    }
}

impl Emit {
    /// Parses `--emit events,attributions,actors` (any subset, comma-separated).
    pub fn parse(s: &str) -> Result<Emit, String> {
        let mut e = Emit {
            events: false,
            attributions: false,
            actors: false,
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "events" | "event" => e.events = true,
                "attributions" | "attribution" => e.attributions = true,
                "actors" | "actor_candidates" | "actor_candidate" => e.actors = true,
                other => {
                    return Err(format!(
                        "unknown record kind {other:?} in --emit (use events, attributions, actors)"
                    ))
                }
            }
        }
        Ok(e)
    }
}

/// The writer for `format` over `out`.
pub fn writer_for(
    format: OutputFormat,
    out: Box<dyn Write + Send>,
    emit: Emit,
) -> Box<dyn EventWriter + Send> {
    match format {
        OutputFormat::Jsonl => Box::new(JsonlWriter::new(out, emit)),
        OutputFormat::Csv => Box::new(CsvEventWriter::new(out)),
        OutputFormat::Gdelt => Box::new(GdeltWriter::new(out)),
        OutputFormat::Plover => Box::new(PloverWriter::new(out)),
        OutputFormat::Parquet => Box::new(ParquetEventWriter::new(out)),
    }
}

/// Source × target pairs of an event, for the dyadic formats (GDELT, PLOVER); a
/// missing side is `None`, and an event with no actors at all still gives one row.
pub(crate) fn actor_pairs<'a>(
    source: &'a [ActorRef],
    target: &'a [ActorRef],
) -> Vec<(Option<&'a ActorRef>, Option<&'a ActorRef>)> {
    let sides = |v: &'a [ActorRef]| -> Vec<Option<&'a ActorRef>> {
        if v.is_empty() {
            vec![None]
        } else {
            v.iter().map(Some).collect()
        }
    };
    let mut pairs = Vec::new();
    for s in sides(source) {
        for t in sides(target) {
            pairs.push((s, t));
        }
    }
    pairs
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! A coded document with one compound-source event, shared by the writer tests.
    use dyad_coder::record::*;
    use dyad_coder::CodedDocument;
    use dyad_text::{Date, Document};

    pub fn actor(
        code: &str,
        country: &str,
        agents: &[&str],
        text: &str,
        span: [usize; 2],
    ) -> ActorRef {
        ActorRef {
            code: code.into(),
            country: Some(country.into()),
            agents: agents.iter().map(|s| s.to_string()).collect(),
            text: text.into(),
            span,
        }
    }

    pub fn document() -> Document {
        let mut d = Document::new(
            "voa-1",
            "Ukraine and Turkey urged Russia to agree to a ceasefire, officials said.",
        );
        d.date = Some(Date::new(2022, 3, 20).unwrap());
        d.source = Some("https://www.voanews.com/a/1.html".into());
        d
    }

    pub fn coded() -> CodedDocument {
        let event = EventRecord {
            schema: SCHEMA,
            record: "event".into(),
            doc_id: "voa-1".into(),
            sentence: 0,
            date: Some("2022-03-20".into()),
            source: vec![
                actor("UKRGOV", "UKR", &["GOV"], "Ukraine", [0, 7]),
                actor("TUR", "TUR", &[], "Turkey", [12, 18]),
            ],
            target: vec![actor("RUS", "RUS", &[], "Russia", [25, 31])],
            cameo: "0256".into(),
            cameo_name: "Appeal for de-escalation of military engagement".into(),
            root: "02".into(),
            quad_class: 1,
            penta_class: 1,
            goldstein: 3.0,
            plover: Some("REQUEST".into()),
            negated: false,
            modality: "asserted".into(),
            attribution: Some(EventAttribution {
                id: Some("voa-1:a0".into()),
                kind: "anonymous".into(),
                speaker: None,
                cue: Some("said".into()),
                quote: None,
                direct: false,
            }),
            issues: vec!["CEASEFIRE".into()],
            evidence: Evidence {
                sentence_text:
                    "Ukraine and Turkey urged Russia to agree to a ceasefire, officials said."
                        .into(),
                verb: SpanText {
                    text: "urged".into(),
                    span: [19, 24],
                },
                rule: "URGE + to agree".into(),
            },
            confidence: 0.8,
            times: None,
        };
        let attribution = AttributionRecord {
            schema: SCHEMA,
            record: "attribution".into(),
            id: "voa-1:a0".into(),
            doc_id: "voa-1".into(),
            source: AttributionSource {
                text: "officials".into(),
                span: [57, 66],
                kind: "anonymous".into(),
                actor: None,
                count: None,
            },
            cue: SpanText {
                text: "said".into(),
                span: [67, 71],
            },
            content: SpanText {
                text: "Ukraine and Turkey urged Russia to agree to a ceasefire".into(),
                span: [0, 55],
            },
            direct: false,
        };
        let candidate = ActorCandidateRecord {
            schema: SCHEMA,
            record: "actor_candidate".into(),
            doc_id: "voa-1".into(),
            text: "officials".into(),
            span: [57, 66],
            code: None,
            basis: None,
            mentions: 1,
        };
        CodedDocument {
            events: vec![event],
            attributions: vec![attribution],
            actor_candidates: vec![candidate],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse() {
        assert_eq!(OutputFormat::parse("GDELT").unwrap(), OutputFormat::Gdelt);
        assert_eq!(
            OutputFormat::parse("parquet").unwrap(),
            OutputFormat::Parquet
        );
        assert!(!OutputFormat::Parquet.is_streamable() && OutputFormat::Csv.is_streamable());
        assert!(OutputFormat::parse("xlsx").is_err());
        let e = Emit::parse("events,actors").unwrap();
        assert!(e.events && e.actors && !e.attributions);
        assert!(Emit::parse("events,quotes").is_err());
    }

    #[test]
    fn pairs_cover_compounds_and_missing_sides() {
        let c = fixtures::coded();
        let ev = &c.events[0];
        let pairs = actor_pairs(&ev.source, &ev.target);
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[1].0.unwrap().code, "TUR");
        assert_eq!(pairs[1].1.unwrap().code, "RUS");
        assert_eq!(actor_pairs(&ev.source, &[]).len(), 2);
        assert_eq!(actor_pairs(&[], &[]), vec![(None, None)]);
    }
}
