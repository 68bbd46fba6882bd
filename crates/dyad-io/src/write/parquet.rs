//! Parquet of events: the flat event table of `table.rs` (the CSV columns) as a
//! typed, Snappy-compressed Parquet file that pandas, DuckDB, Spark and R read
//! directly: texts as UTF-8 strings, `date` as a DATE, counts as int32, Goldstein
//! and confidence as float, flags as booleans; a text that is empty (no target, no
//! attribution, no issue) is null.
//!
//! Parquet is a file format with its footer at the end, so events are buffered and
//! written in row groups of [`ROW_GROUP_ROWS`]; [`EventWriter::flush`] cannot push a
//! partial file through and does nothing, and [`EventWriter::finish`] writes the
//! last row group and the footer. A run without events still writes a valid file
//! with the schema and no rows. Errors are not written (see the module docs of
//! `write`).

use super::table::{days_since_epoch, event_row, Cell, Kind, COLUMNS};
use super::EventWriter;
use dyad_coder::CodedDocument;
use dyad_text::Document;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, FloatType, Int32Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::{self, Write};
use std::sync::Arc;

/// Events per row group (a few MB of text: large enough for good compression,
/// small enough to keep the buffer modest).
pub const ROW_GROUP_ROWS: usize = 65_536;

/// The Parquet schema of the event table, in Parquet's message syntax.
pub fn parquet_schema() -> String {
    let mut s = String::from("message dyad_event {\n");
    for c in COLUMNS.iter() {
        let field = match c.kind {
            Kind::Text => "required binary {} (STRING)",
            Kind::OptText => "optional binary {} (STRING)",
            Kind::Date => "optional int32 {} (DATE)",
            Kind::Int => "required int32 {}",
            Kind::OptInt => "optional int32 {}",
            Kind::Float => "required float {}",
            Kind::Bool => "required boolean {}",
            Kind::OptBool => "optional boolean {}",
        };
        s += "  ";
        s += &field.replace("{}", c.name);
        s += ";\n";
    }
    s += "}\n";
    s
}

fn parquet_err(e: ParquetError) -> io::Error {
    io::Error::other(format!("parquet: {e}"))
}

/// Writes events as a Parquet file (errors are not written: see the module docs).
pub struct ParquetEventWriter<W: Write + Send> {
    /// The output until the file writer takes it.
    out: Option<W>,
    file: Option<SerializedFileWriter<W>>,
    rows: Vec<Vec<Cell>>,
    finished: bool,
}

impl<W: Write + Send> ParquetEventWriter<W> {
    pub fn new(out: W) -> Self {
        ParquetEventWriter {
            out: Some(out),
            file: None,
            rows: Vec::new(),
            finished: false,
        }
    }

    /// The underlying writer, once [`EventWriter::finish`] has written the footer.
    pub fn into_inner(self) -> Option<W> {
        self.out
    }

    fn file(&mut self) -> io::Result<&mut SerializedFileWriter<W>> {
        if self.file.is_none() {
            let out = self
                .out
                .take()
                .ok_or_else(|| io::Error::other("parquet output already closed"))?;
            let schema = Arc::new(parse_message_type(&parquet_schema()).map_err(parquet_err)?);
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
                .set_key_value_metadata(Some(vec![KeyValue::new(
                    "dyad.schema".to_string(),
                    dyad_coder::record::SCHEMA.to_string(),
                )]))
                .build();
            let writer =
                SerializedFileWriter::new(out, schema, Arc::new(props)).map_err(parquet_err)?;
            self.file = Some(writer);
        }
        Ok(self.file.as_mut().expect("just set"))
    }

    /// Writes the buffered rows as one row group.
    fn write_row_group(&mut self) -> io::Result<()> {
        let rows = std::mem::take(&mut self.rows);
        let file = self.file()?;
        let mut group = file.next_row_group().map_err(parquet_err)?;
        let mut i = 0;
        while let Some(mut column) = group.next_column().map_err(parquet_err)? {
            let kind = COLUMNS[i].kind;
            let cells = rows.iter().map(|r| &r[i]);
            match kind {
                Kind::Text | Kind::OptText => {
                    let mut values = Vec::with_capacity(rows.len());
                    let mut defined = Vec::with_capacity(rows.len());
                    for cell in cells {
                        let text = match cell {
                            Cell::Text(s) => s.as_str(),
                            other => unreachable!("text column holds {other:?}"),
                        };
                        let present = kind == Kind::Text || !text.is_empty();
                        defined.push(i16::from(present));
                        if present {
                            values.push(ByteArray::from(text));
                        }
                    }
                    let def = (kind == Kind::OptText).then_some(defined.as_slice());
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, def, None)
                        .map_err(parquet_err)?;
                }
                Kind::Date => {
                    let mut values = Vec::with_capacity(rows.len());
                    let mut defined = Vec::with_capacity(rows.len());
                    for cell in cells {
                        let day = match cell {
                            Cell::Text(s) => days_since_epoch(s),
                            other => unreachable!("date column holds {other:?}"),
                        };
                        defined.push(i16::from(day.is_some()));
                        values.extend(day);
                    }
                    column
                        .typed::<Int32Type>()
                        .write_batch(&values, Some(&defined), None)
                        .map_err(parquet_err)?;
                }
                Kind::Int => {
                    let values: Vec<i32> = cells
                        .map(|c| match c {
                            Cell::Int(v) => *v,
                            other => unreachable!("int column holds {other:?}"),
                        })
                        .collect();
                    column
                        .typed::<Int32Type>()
                        .write_batch(&values, None, None)
                        .map_err(parquet_err)?;
                }
                Kind::OptInt => {
                    let mut values = Vec::with_capacity(rows.len());
                    let mut defined = Vec::with_capacity(rows.len());
                    for cell in cells {
                        let v = match cell {
                            Cell::OptInt(v) => *v,
                            other => unreachable!("optional int column holds {other:?}"),
                        };
                        defined.push(i16::from(v.is_some()));
                        values.extend(v);
                    }
                    column
                        .typed::<Int32Type>()
                        .write_batch(&values, Some(&defined), None)
                        .map_err(parquet_err)?;
                }
                Kind::Float => {
                    let values: Vec<f32> = cells
                        .map(|c| match c {
                            Cell::Float(v) => *v,
                            other => unreachable!("float column holds {other:?}"),
                        })
                        .collect();
                    column
                        .typed::<FloatType>()
                        .write_batch(&values, None, None)
                        .map_err(parquet_err)?;
                }
                Kind::Bool | Kind::OptBool => {
                    let mut values = Vec::with_capacity(rows.len());
                    let mut defined = Vec::with_capacity(rows.len());
                    for cell in cells {
                        let flag = match cell {
                            Cell::Bool(b) => *b,
                            other => unreachable!("flag column holds {other:?}"),
                        };
                        defined.push(i16::from(flag.is_some()));
                        values.extend(flag);
                    }
                    let def = (kind == Kind::OptBool).then_some(defined.as_slice());
                    column
                        .typed::<BoolType>()
                        .write_batch(&values, def, None)
                        .map_err(parquet_err)?;
                }
            }
            column.close().map_err(parquet_err)?;
            i += 1;
        }
        group.close().map_err(parquet_err)?;
        Ok(())
    }
}

impl<W: Write + Send> EventWriter for ParquetEventWriter<W> {
    fn write_document(&mut self, doc: &Document, coded: &CodedDocument) -> io::Result<()> {
        if self.finished {
            return Err(io::Error::other("parquet output already finished"));
        }
        for e in &coded.events {
            self.rows.push(event_row(doc, e));
            if self.rows.len() >= ROW_GROUP_ROWS {
                self.write_row_group()?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        // A Parquet file is readable only once its footer is written (finish).
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.finished {
            return Ok(());
        }
        if !self.rows.is_empty() {
            self.write_row_group()?;
        }
        let file = match self.file.take() {
            Some(f) => f,
            None => {
                // No event at all: a file with the schema and no row group.
                self.file()?;
                self.file.take().expect("just created")
            }
        };
        let mut out = file.into_inner().map_err(parquet_err)?;
        out.flush()?;
        self.out = Some(out);
        self.finished = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::fixtures;
    use dyad_coder::record::ErrorRecord;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::{Field, Row};
    use std::fs::File;

    fn write_and_read(docs: usize) -> (usize, Vec<Row>, SerializedFileReader<File>) {
        let tmp = tempfile::NamedTempFile::new().unwrap();
        let mut w = ParquetEventWriter::new(tmp.reopen().unwrap());
        for _ in 0..docs {
            w.write_document(&fixtures::document(), &fixtures::coded())
                .unwrap();
        }
        w.write_error(&ErrorRecord::new("x", "y")).unwrap();
        w.flush().unwrap();
        w.finish().unwrap();
        let reader = SerializedFileReader::new(tmp.reopen().unwrap()).unwrap();
        let groups = reader.metadata().num_row_groups();
        let rows: Vec<Row> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        (groups, rows, reader)
    }

    fn field<'a>(row: &'a Row, name: &str) -> &'a Field {
        row.get_column_iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, f)| f)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    #[test]
    fn events_round_trip_with_types_and_nulls() {
        let (groups, rows, reader) = write_and_read(1);
        assert_eq!(groups, 1);
        assert_eq!(rows.len(), 1);
        let schema = reader.metadata().file_metadata().schema_descr();
        assert_eq!(schema.num_columns(), COLUMNS.len());
        let r = &rows[0];
        assert_eq!(field(r, "doc_id"), &Field::Str("voa-1".into()));
        assert_eq!(field(r, "sentence"), &Field::Int(0));
        assert_eq!(field(r, "date"), &Field::Date(19_071));
        assert_eq!(field(r, "source_code"), &Field::Str("UKRGOV;TUR".into()));
        assert_eq!(field(r, "source_agents"), &Field::Str("GOV;".into()));
        assert_eq!(field(r, "target_agents"), &Field::Null);
        assert_eq!(field(r, "cameo"), &Field::Str("0256".into()));
        assert_eq!(field(r, "quad_class"), &Field::Int(1));
        assert_eq!(field(r, "goldstein"), &Field::Float(3.0));
        assert_eq!(field(r, "negated"), &Field::Bool(false));
        assert_eq!(
            field(r, "attribution_kind"),
            &Field::Str("anonymous".into())
        );
        assert_eq!(field(r, "attribution_speaker"), &Field::Null);
        assert_eq!(field(r, "attribution_direct"), &Field::Bool(false));
        assert_eq!(field(r, "issues"), &Field::Str("CEASEFIRE".into()));
        assert_eq!(
            field(r, "source_url"),
            &Field::Str("https://www.voanews.com/a/1.html".into())
        );
        assert_eq!(field(r, "times"), &Field::Null);
        let kv = reader
            .metadata()
            .file_metadata()
            .key_value_metadata()
            .unwrap();
        assert!(kv
            .iter()
            .any(|k| k.key == "dyad.schema" && k.value.as_deref() == Some("1")));
    }

    #[test]
    fn an_empty_run_still_writes_a_valid_file() {
        let (groups, rows, reader) = write_and_read(0);
        assert_eq!((groups, rows.len()), (0, 0));
        let schema = reader.metadata().file_metadata().schema_descr();
        assert_eq!(schema.column(0).name(), "doc_id");
    }

    #[test]
    fn many_events_fill_several_row_groups() {
        let (groups, rows, _) = write_and_read(ROW_GROUP_ROWS + 3);
        assert_eq!(groups, 2);
        assert_eq!(rows.len(), ROW_GROUP_ROWS + 3);
    }

    #[test]
    fn the_schema_parses_and_matches_the_csv_columns() {
        let schema = parse_message_type(&parquet_schema()).unwrap();
        let names: Vec<&str> = schema.get_fields().iter().map(|f| f.name()).collect();
        assert_eq!(names, crate::write::CSV_COLUMNS);
    }
}
