//! JSONL documents: one JSON object a line.
//!
//! Fields: `text` (required), `id` (string or number; without it the document is
//! named `file:line`), `date` or `published` (ISO 8601, `YYYYMMDD` or a Unix
//! timestamp), `title`, `source`, `url` (kept as the source when there is no
//! `source`). Other fields are ignored, so VOA's and most scrapers' files read as
//! they are. Blank lines are skipped.
//!
//! A file that holds one JSON array of such objects instead (a `.json` export) is
//! read whole; its documents without an id are named `file#n`.

use super::{check_document, parse_date, ReadOptions};
use crate::InputError;
use dyad_text::Document;
use serde_json::{Map, Value};
use std::io::{self, BufRead};

/// A lazy JSONL reader: reads and parses one line per item, so it works on
/// unbounded streams (standard input under Spark's `rdd.pipe`).
pub struct JsonlDocuments<R> {
    reader: R,
    origin: String,
    line_no: usize,
    opts: ReadOptions,
    buf: Vec<u8>,
    done: bool,
}

/// Reads JSONL documents from `reader`; `origin` (a file name or `stdin`) names the
/// input in error messages and in ids of lines without an `id`.
pub fn jsonl_documents<R: BufRead>(
    reader: R,
    origin: &str,
    opts: &ReadOptions,
) -> JsonlDocuments<R> {
    JsonlDocuments {
        reader,
        origin: origin.to_string(),
        line_no: 0,
        opts: opts.clone(),
        buf: Vec::new(),
        done: false,
    }
}

/// The longest line kept: a document at the size limit may triple when written with
/// `\uXXXX` escapes (Python's default), plus room for the other fields.
fn line_cap(max_bytes: usize) -> usize {
    max_bytes.saturating_mul(3).saturating_add(1 << 20)
}

/// Reads up to and including the next `\n`, keeping at most `cap` bytes in `buf`.
/// Returns `None` at end of input, otherwise whether the line was cut short.
fn read_line_capped<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<bool>> {
    buf.clear();
    let mut any = false;
    let mut truncated = false;
    loop {
        let available = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(if any { Some(truncated) } else { None });
        }
        any = true;
        let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        let room = cap.saturating_sub(buf.len());
        if chunk.len() > room {
            truncated = true;
        }
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = found.unwrap_or(available.len());
        r.consume(used);
        if found.is_some() {
            return Ok(Some(truncated));
        }
    }
}

impl<R: BufRead> Iterator for JsonlDocuments<R> {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let cap = line_cap(self.opts.max_bytes);
            let truncated = match read_line_capped(&mut self.reader, &mut self.buf, cap) {
                Ok(None) => return None,
                Ok(Some(t)) => t,
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::new(
                        format!("{}:{}", self.origin, self.line_no + 1),
                        format!("read error: {e}"),
                    )));
                }
            };
            self.line_no += 1;
            let place = format!("{}:{}", self.origin, self.line_no);
            if truncated {
                return Some(Err(InputError::new(
                    place,
                    format!(
                        "line is over {cap} bytes: document over the limit of {} bytes (raise it with --max-bytes)",
                        self.opts.max_bytes
                    ),
                )));
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_line(&self.buf, &place, &self.opts));
        }
        None
    }
}

/// True when the input's first non-blank byte is `[`: a JSON array, not JSON Lines.
pub(crate) fn starts_with_array<R: BufRead>(reader: &mut R) -> bool {
    match reader.fill_buf() {
        Ok(buf) => {
            let buf = buf.strip_prefix("\u{feff}".as_bytes()).unwrap_or(buf);
            buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
        }
        Err(_) => false,
    }
}

/// Reads a whole JSON array of document objects.
pub(crate) fn json_array_documents<R: io::Read>(
    mut reader: R,
    origin: &str,
    opts: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return vec![Err(InputError::new(origin, format!("read error: {e}")))];
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let items: Vec<Value> = match serde_json::from_slice(bytes) {
        Ok(items) => items,
        Err(e) => {
            return vec![Err(InputError::new(
                origin,
                format!("malformed JSON array: {e}"),
            ))]
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let place = format!("{origin}#{}", i + 1);
            match v {
                Value::Object(m) => document_from_object(m, &place, opts),
                other => Err(InputError::new(
                    place,
                    format!(
                        "expected a JSON object with a \"text\" field, got {}",
                        kind(&other)
                    ),
                )),
            }
        })
        .collect()
}

/// Parses one JSONL line into a checked document; `place` is `file:line`.
pub(crate) fn parse_line(
    line: &[u8],
    place: &str,
    opts: &ReadOptions,
) -> Result<Document, InputError> {
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            // Name the document if the rest of the line still says which one it is.
            let lossy = String::from_utf8_lossy(line);
            let id = serde_json::from_str::<Map<String, Value>>(&lossy)
                .ok()
                .and_then(|m| m.get("id").and_then(id_string));
            let message = format!(
                "invalid UTF-8 at byte {} of line {place}: not coded",
                e.valid_up_to()
            );
            return Err(InputError::new(
                id.unwrap_or_else(|| place.to_string()),
                message,
            ));
        }
    };
    let obj: Map<String, Value> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => m,
        Ok(other) => {
            return Err(InputError::new(
                place,
                format!(
                    "expected a JSON object with a \"text\" field, got {}",
                    kind(&other)
                ),
            ))
        }
        Err(e) => return Err(InputError::new(place, format!("malformed JSON: {e}"))),
    };
    document_from_object(obj, place, opts)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn id_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn string_field(obj: &mut Map<String, Value>, key: &str) -> Option<String> {
    match obj.remove(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    }
}

fn document_from_object(
    mut obj: Map<String, Value>,
    place: &str,
    opts: &ReadOptions,
) -> Result<Document, InputError> {
    let id = obj
        .get("id")
        .and_then(id_string)
        .unwrap_or_else(|| place.to_string());
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(InputError::new(
                id,
                format!("\"text\" is {}, not a string ({place})", kind(&other)),
            ))
        }
        None => return Err(InputError::new(id, format!("no \"text\" field ({place})"))),
    };
    let date_value = ["date", "published"]
        .iter()
        .find_map(|k| obj.get(*k).filter(|v| !v.is_null()).cloned());
    let date = match date_value {
        None => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(parse_date(&s)),
        Some(Value::Number(n)) => Some(match n.as_i64() {
            Some(ts) => super::date_from_timestamp(ts),
            None => Err(format!("unreadable date {n} (want a whole Unix timestamp)")),
        }),
        Some(other) => Some(Err(format!("\"date\" is {}, not a string", kind(&other)))),
    };
    let date = match date {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(msg)) => return Err(InputError::new(id, format!("{msg} ({place})"))),
    };
    let title = string_field(&mut obj, "title");
    let source = string_field(&mut obj, "source").or_else(|| string_field(&mut obj, "url"));
    let doc = Document {
        id,
        date,
        source,
        title,
        text,
    };
    check_document(doc, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], opts: &ReadOptions) -> Vec<Result<Document, InputError>> {
        jsonl_documents(input, "in.jsonl", opts).collect()
    }

    #[test]
    fn reads_documents_with_optional_fields() {
        let input = br#"{"id":"a","date":"2022-03-20","text":"Talks resumed."}

{"id": 7, "url": "https://www.voanews.com/a/x.html", "title": "T", "published": "2025-03-14 20:30:26Z", "text": "Ceasefire holds."}
{"text":"No id here."}
{"id":"ts","date":1647777600,"text":"Timestamp date."}
"#;
        let docs = read_all(input, &ReadOptions::default());
        assert_eq!(docs.len(), 4);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(
            (a.id.as_str(), a.date.unwrap().to_string()),
            ("a", "2022-03-20".into())
        );
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.id, "7");
        assert_eq!(b.date.unwrap().to_string(), "2025-03-14");
        assert_eq!(
            b.source.as_deref(),
            Some("https://www.voanews.com/a/x.html")
        );
        assert_eq!(b.title.as_deref(), Some("T"));
        // Blank line 2 is skipped but still counted.
        assert_eq!(docs[2].as_ref().unwrap().id, "in.jsonl:4");
        assert_eq!(
            docs[3].as_ref().unwrap().date.unwrap().to_string(),
            "2022-03-20"
        );
    }

    #[test]
    fn a_malformed_line_names_file_and_line_and_the_batch_goes_on() {
        let input = b"{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"\n[1,2]\n{\"id\":\"c\",\"text\":\"Three.\"}\n";
        let docs = read_all(input, &ReadOptions::default());
        assert_eq!(docs.len(), 4);
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.doc_id, "in.jsonl:2");
        assert!(e.message.starts_with("malformed JSON"), "{e}");
        assert!(docs[2]
            .as_ref()
            .unwrap_err()
            .message
            .contains("got an array"));
        assert_eq!(docs[3].as_ref().unwrap().id, "c");
    }

    #[test]
    fn invalid_utf8_names_the_document_and_byte_offset() {
        let input =
            b"{\"id\":\"bad\",\"text\":\"Caf\xe9 talks.\"}\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n";
        let docs = read_all(input, &ReadOptions::default());
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.doc_id, "bad");
        assert!(
            e.message
                .contains("invalid UTF-8 at byte 23 of line in.jsonl:1"),
            "{e}"
        );
        assert_eq!(docs[1].as_ref().unwrap().id, "ok");
    }

    #[test]
    fn nul_empty_missing_text_and_bad_dates_are_errors() {
        let input = br#"{"id":"nul","text":"a\u0000b"}
{"id":"empty","text":"   "}
{"id":"notext","body":"x"}
{"id":"baddate","date":"last week","text":"x"}
"#;
        let docs = read_all(input, &ReadOptions::default());
        let msgs: Vec<String> = docs
            .iter()
            .map(|d| d.as_ref().unwrap_err().to_string())
            .collect();
        assert!(msgs[0].starts_with("nul: NUL byte"), "{}", msgs[0]);
        assert_eq!(msgs[1], "empty: empty document");
        assert_eq!(msgs[2], "notext: no \"text\" field (in.jsonl:3)");
        assert!(
            msgs[3].starts_with("baddate: unreadable date \"last week\""),
            "{}",
            msgs[3]
        );
    }

    #[test]
    fn a_50_mb_one_line_document_is_refused_quickly_or_read_when_allowed() {
        let mut line = Vec::with_capacity(50_000_100);
        line.extend_from_slice(b"{\"id\":\"huge\",\"text\":\"");
        let sentence = b"Negotiators met again in Istanbul. ";
        while line.len() < 50_000_000 {
            line.extend_from_slice(sentence);
        }
        line.extend_from_slice(b"\"}\n{\"id\":\"next\",\"text\":\"Still read.\"}\n");
        let t = std::time::Instant::now();
        // Default limit (20 MiB): an error naming the document, and the next line is read.
        let docs = read_all(&line, &ReadOptions::default());
        assert_eq!(docs.len(), 2);
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.doc_id, "huge");
        assert!(
            e.message.contains("over the limit of 20971520 bytes"),
            "{e}"
        );
        assert_eq!(docs[1].as_ref().unwrap().id, "next");
        // Raised limit: the document is read whole.
        let opts = ReadOptions {
            format: None,
            max_bytes: 64 << 20,
        };
        let docs = read_all(&line, &opts);
        assert!(docs[0].as_ref().unwrap().text.len() >= 49_999_900);
        assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
    }

    #[test]
    fn a_line_far_over_the_limit_is_not_kept_in_memory() {
        let opts = ReadOptions {
            format: None,
            max_bytes: 10,
        };
        // cap = 3 * 10 + 1 MiB; make the line longer than that.
        let mut input = vec![b'x'; (1 << 20) + 100];
        input.extend_from_slice(b"\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n");
        let docs = read_all(&input, &opts);
        assert_eq!(docs.len(), 2);
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.doc_id, "in.jsonl:1");
        assert!(e.message.contains("line is over"), "{e}");
        assert_eq!(docs[1].as_ref().unwrap().id, "ok");
    }

    #[test]
    fn a_json_array_file_is_read_too() {
        let input = b" [{\"id\":\"a\",\"text\":\"One.\"}, {\"text\":\"Two.\"}, 3]";
        let mut r = io::BufReader::new(&input[..]);
        assert!(starts_with_array(&mut r));
        let docs = json_array_documents(r, "x.json", &ReadOptions::default());
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert_eq!(docs[1].as_ref().unwrap().id, "x.json#2");
        assert!(docs[2]
            .as_ref()
            .unwrap_err()
            .message
            .contains("got a number"));
        let bad = json_array_documents(&b"[{\"text\":"[..], "y.json", &ReadOptions::default());
        assert!(bad[0]
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("malformed JSON array"));
        assert!(!starts_with_array(&mut io::BufReader::new(
            &b"{\"text\":\"x\"}"[..]
        )));
    }

    #[test]
    fn reading_is_lazy_one_line_at_a_time() {
        // Like a pipe whose writer waits for our answer: reading past the first line
        // before handing out the first document would block forever (here: panic).
        struct Pipe<'a>(&'a [u8]);
        impl io::Read for Pipe<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                assert!(
                    !self.0.is_empty(),
                    "read past the first line before yielding it"
                );
                let n = out.len().min(self.0.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let src = Pipe(b"{\"id\":\"first\",\"text\":\"One.\"}\n");
        let mut it = jsonl_documents(io::BufReader::new(src), "stdin", &ReadOptions::default());
        assert_eq!(it.next().unwrap().unwrap().id, "first");
    }
}
