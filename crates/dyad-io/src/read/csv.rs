//! CSV documents: a header row and one document a row.
//!
//! The text is the column named `text` (or `body`, `content`, `article`); optional
//! columns `id`, `date` (or `published`), `title`, `source`, `url`. The Wikinews files
//! (`url,date,title,text`) read as they are. A row without an id is named
//! `file:line`.

use super::{check_document, parse_date, utf8_text, ReadOptions};
use crate::InputError;
use dyad_text::Document;
use std::io::Read;

/// Column indexes found in the header.
#[derive(Default)]
struct Columns {
    text: usize,
    id: Option<usize>,
    date: Option<usize>,
    title: Option<usize>,
    source: Option<usize>,
}

/// A lazy CSV reader.
pub struct CsvDocuments<R: Read> {
    reader: csv::Reader<R>,
    origin: String,
    opts: ReadOptions,
    columns: Option<Columns>,
    record: csv::ByteRecord,
    done: bool,
}

/// Reads CSV documents from `reader`; `origin` names the input in errors and ids.
pub fn csv_documents<R: Read>(reader: R, origin: &str, opts: &ReadOptions) -> CsvDocuments<R> {
    let reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    CsvDocuments {
        reader,
        origin: origin.to_string(),
        opts: opts.clone(),
        columns: None,
        record: csv::ByteRecord::new(),
        done: false,
    }
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|n| header.iter().position(|h| h.eq_ignore_ascii_case(n)))
}

impl<R: Read> CsvDocuments<R> {
    fn read_header(&mut self) -> Result<Columns, InputError> {
        let header = self.reader.byte_headers().map_err(|e| {
            InputError::new(&self.origin, format!("cannot read the CSV header: {e}"))
        })?;
        let header: Vec<String> = header
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_string()
            })
            .collect();
        let text = find(&header, &["text", "body", "content", "article"]).ok_or_else(|| {
            InputError::new(
                &self.origin,
                format!(
                    "no text column in the CSV header (want a column named \"text\"; found {})",
                    header.join(",")
                ),
            )
        })?;
        Ok(Columns {
            text,
            id: find(&header, &["id", "doc_id"]),
            date: find(&header, &["date", "published", "publish_date"]),
            title: find(&header, &["title", "headline"]),
            source: find(&header, &["source", "url"]),
        })
    }

    fn document(&self, cols: &Columns, line: u64) -> Result<Document, InputError> {
        let place = format!("{}:{line}", self.origin);
        let field = |i: Option<usize>| -> Option<String> {
            i.and_then(|i| self.record.get(i))
                .map(|b| String::from_utf8_lossy(b).trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let id = field(cols.id).unwrap_or_else(|| place.clone());
        let Some(text_bytes) = self.record.get(cols.text) else {
            return Err(InputError::new(
                id,
                format!("row has no text column ({place})"),
            ));
        };
        let text = utf8_text(
            text_bytes.to_vec(),
            &id,
            &format!("the text field ({place})"),
        )?;
        let date = match field(cols.date) {
            None => None,
            Some(s) => {
                Some(parse_date(&s).map_err(|e| InputError::new(&id, format!("{e} ({place})")))?)
            }
        };
        let doc = Document {
            id,
            date,
            source: field(cols.source),
            title: field(cols.title),
            text,
        };
        check_document(doc, &self.opts)
    }
}

impl<R: Read> Iterator for CsvDocuments<R> {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let cols = match self.columns.take() {
            Some(c) => c,
            None => match self.read_header() {
                Ok(c) => c,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            },
        };
        let out = match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                Some(self.document(&cols, line))
            }
            Err(e) => {
                // The csv reader cannot resynchronise after an I/O error.
                self.done = true;
                Some(Err(InputError::new(
                    &self.origin,
                    format!("cannot read CSV: {e}"),
                )))
            }
        };
        self.columns = Some(cols);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8]) -> Vec<Result<Document, InputError>> {
        csv_documents(input, "news.csv", &ReadOptions::default()).collect()
    }

    #[test]
    fn reads_wikinews_style_rows() {
        let input = b"url,date,title,text\n\"https://en.wikinews.org/wiki/A\",2019-01-04,\"Talks, again\",\"Friday.\n\nDelegations met, and talked.\"\nhttps://en.wikinews.org/wiki/B,2020-02-01,B,Second article.\n";
        let docs = read(input);
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.id, "news.csv:2");
        assert_eq!(a.date.unwrap().to_string(), "2019-01-04");
        assert_eq!(a.title.as_deref(), Some("Talks, again"));
        assert_eq!(a.source.as_deref(), Some("https://en.wikinews.org/wiki/A"));
        assert_eq!(a.text, "Friday.\n\nDelegations met, and talked.");
        // The second row starts on line 5 (the first spans lines 2-4).
        assert_eq!(docs[1].as_ref().unwrap().id, "news.csv:5");
    }

    #[test]
    fn bad_rows_are_errors_and_the_rest_is_read() {
        let input = b"id,text\na,\"Caf\xe9.\"\nb,\nc\nd,Fine.\n";
        let docs = read(input);
        assert_eq!(docs.len(), 4);
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.doc_id, "a");
        assert!(
            e.message
                .contains("invalid UTF-8 at byte 3 of the text field (news.csv:2)"),
            "{e}"
        );
        assert_eq!(docs[1].as_ref().unwrap_err().message, "empty document");
        assert!(docs[2]
            .as_ref()
            .unwrap_err()
            .message
            .contains("no text column"));
        assert_eq!(docs[3].as_ref().unwrap().id, "d");
    }

    #[test]
    fn a_header_without_text_is_one_clear_error() {
        let docs = read(b"a,b\n1,2\n");
        assert_eq!(docs.len(), 1);
        assert!(docs[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("no text column"));
    }

    #[test]
    fn reads_the_wikinews_files_when_present() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/text/wikinews_2019.csv");
        if !path.exists() {
            eprintln!("note: ../shared/data absent; skipping the Wikinews CSV test");
            return;
        }
        let docs: Vec<_> = crate::read::read_path(&path, &ReadOptions::default()).collect();
        let errors: Vec<_> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(docs.len() > 50);
        assert!(docs.iter().all(|d| d.as_ref().unwrap().date.is_some()));
    }
}
