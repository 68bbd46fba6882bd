//! PETRARCH XML: `<Sentences><Sentence id="..." date="20140108" source="...">
//! <Text>...</Text></Sentence>...</Sentences>`, read as a stream with quick-xml.
//!
//! `<Parse>`, `<EventCoding>` and comments are skipped here (`dyad validate` reads the
//! expected codings itself). Two quirks of the files in circulation are accepted:
//! PETRARCH-2's validation file writes `<Sentence .../>` as an empty element and
//! closes it later with a stray `</Sentence>`, and hand-made files carry a bare `&`.
//!
//! A document whose text is not UTF-8 becomes an error and reading goes on. Broken
//! markup (an unclosed tag, a mismatched end tag, a truncated file) ends the file with
//! one error naming the byte, line and column; every sentence completed before it has
//! already been handed out and is coded.

use super::{check_document, parse_date, ReadOptions};
use crate::InputError;
use dyad_text::Document;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{BufRead, Read};
use std::path::PathBuf;

/// The elements of the format, which must be closed properly.
const STRUCTURE: [&str; 7] = [
    "Validation",
    "Environment",
    "Sentences",
    "Sentence",
    "Text",
    "Parse",
    "EventCoding",
];

/// A sentence being read.
struct Pending {
    id: String,
    date: Option<Result<dyad_text::Date, String>>,
    source: Option<String>,
    text: String,
    /// Written as `<Sentence .../>`, so a later `</Sentence>` closes it.
    self_closed: bool,
    /// The first problem met inside it (a bad attribute).
    error: Option<String>,
    /// Byte offset of its start tag in the input.
    start: u64,
}

/// A lazy PETRARCH XML reader.
pub struct PetrarchXmlDocuments<R: BufRead> {
    reader: Reader<Utf8Guard<R>>,
    origin: String,
    /// The file, when there is one, to turn a byte offset into line and column.
    path: Option<PathBuf>,
    opts: ReadOptions,
    buf: Vec<u8>,
    stack: Vec<String>,
    current: Option<Pending>,
    in_text: bool,
    sentences: usize,
    done: bool,
}

/// Reads PETRARCH XML sentences from `reader`; `origin` names the input in errors
/// (when it is a file path, errors also give line and column).
pub fn petrarch_xml_documents<R: BufRead>(
    reader: R,
    origin: &str,
    opts: &ReadOptions,
) -> PetrarchXmlDocuments<R> {
    let mut reader = Reader::from_reader(Utf8Guard::new(reader));
    let config = reader.config_mut();
    // We check nesting ourselves, to allow the `<Sentence/>...</Sentence>` quirk.
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let path = PathBuf::from(origin);
    PetrarchXmlDocuments {
        reader,
        origin: origin.to_string(),
        path: path.is_file().then_some(path),
        opts: opts.clone(),
        buf: Vec::new(),
        stack: Vec::new(),
        current: None,
        in_text: false,
        sentences: 0,
        done: false,
    }
}

impl<R: BufRead> PetrarchXmlDocuments<R> {
    /// `byte N (line L, column C)` when the file can be re-read, else `byte N`.
    fn place_of(&self, byte: u64) -> String {
        let Some(path) = &self.path else {
            return format!("byte {byte}");
        };
        let Ok(f) = std::fs::File::open(path) else {
            return format!("byte {byte}");
        };
        let mut line = 1;
        let mut col = 1;
        let mut chunk = [0u8; 1 << 16];
        let mut f = f.take(byte);
        while let Ok(n) = f.read(&mut chunk) {
            if n == 0 {
                break;
            }
            for &b in &chunk[..n] {
                if b == b'\n' {
                    line += 1;
                    col = 1;
                } else if (b & 0xC0) != 0x80 {
                    col += 1;
                }
            }
        }
        format!("byte {byte} (line {line}, column {col})")
    }

    fn fatal(&mut self, byte: u64, what: String) -> InputError {
        self.done = true;
        let at = self.place_of(byte);
        let lost = match self.current.take() {
            Some(p) => format!(
                "; sentence {:?} and the rest of the file were not read",
                p.id
            ),
            None => "; the rest of the file was not read".to_string(),
        };
        InputError::new(
            &self.origin,
            format!(
                "malformed XML at {at}: {what}{lost} ({} sentences before it were read)",
                self.sentences
            ),
        )
    }

    fn start_sentence(&mut self, e: &BytesStart, self_closed: bool, start: u64) -> Option<Pending> {
        self.sentences += 1;
        let mut p = Pending {
            id: String::new(),
            date: None,
            source: None,
            text: String::new(),
            self_closed,
            error: None,
            start,
        };
        for attr in e.attributes().with_checks(false) {
            match attr {
                Ok(a) => {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_else(|_| a.value.to_string());
                    match a.key.as_ref() {
                        "id" => p.id = value,
                        "date" => p.date = Some(parse_date(&value)),
                        "source" => p.source = Some(value),
                        _ => {}
                    }
                }
                Err(err) => p.error = p.error.or(Some(format!("bad attribute: {err}"))),
            }
        }
        if p.id.is_empty() {
            p.id = format!("{}#{}", self.origin, self.sentences);
        }
        self.in_text = false;
        self.current.replace(p)
    }

    /// The document for sentence `p`, which ends at byte `end` of the input.
    fn finish(&self, p: Pending, end: u64) -> Result<Document, InputError> {
        if let Some(bad) = self.reader.get_ref().first_bad_byte(p.start..end) {
            return Err(InputError::new(
                p.id,
                format!(
                    "invalid UTF-8 at {} of {}: not coded (convert the input to UTF-8)",
                    self.place_of(bad),
                    self.origin
                ),
            ));
        }
        if let Some(e) = p.error {
            return Err(InputError::new(p.id, e));
        }
        let date = match p.date {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => return Err(InputError::new(p.id, e)),
        };
        let doc = Document {
            id: p.id,
            date,
            source: p.source,
            title: None,
            text: p.text.trim().to_string(),
        };
        check_document(doc, &self.opts)
    }
}

impl<R: BufRead> Iterator for PetrarchXmlDocuments<R> {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let before = self.reader.buffer_position();
            self.buf.clear();
            let event = self.reader.read_event_into(&mut self.buf);
            match event {
                Ok(Event::Start(e)) => {
                    let name = e.name().as_ref().to_string();
                    self.stack.push(name.clone());
                    if name == "Sentence" {
                        let owned = e.into_owned();
                        if let Some(prev) = self.start_sentence(&owned, false, before) {
                            return Some(self.finish(prev, before));
                        }
                    } else if name == "Text" && self.current.is_some() {
                        self.in_text = true;
                    }
                }
                Ok(Event::Empty(e)) => {
                    if e.name().as_ref() == "Sentence" {
                        let owned = e.into_owned();
                        if let Some(prev) = self.start_sentence(&owned, true, before) {
                            return Some(self.finish(prev, before));
                        }
                    }
                }
                Ok(Event::End(e)) => {
                    let name = e.name().as_ref().to_string();
                    let quirk = name == "Sentence"
                        && self.current.as_ref().is_some_and(|p| p.self_closed)
                        && !self.stack.iter().any(|open| open == "Sentence");
                    let closes = self.stack.iter().rposition(|open| *open == name);
                    // Unknown elements left open inside it are closed with it: the
                    // files in circulation have stray `<Name...>` in comment text.
                    let closes = closes.filter(|&i| {
                        self.stack[i + 1..]
                            .iter()
                            .all(|open| !STRUCTURE.contains(&open.as_str()))
                    });
                    if let Some(i) = closes {
                        self.stack.truncate(i);
                    } else if !quirk {
                        let expected = match self.stack.last() {
                            Some(open) => format!("expected </{open}>"),
                            None => "no element is open".to_string(),
                        };
                        let err = self.fatal(before, format!("end tag </{name}> but {expected}"));
                        return Some(Err(err));
                    }
                    if name == "Text" {
                        self.in_text = false;
                    } else if name == "Sentence" || name == "Sentences" {
                        self.in_text = false;
                        if let Some(p) = self.current.take() {
                            let end = self.reader.buffer_position();
                            return Some(self.finish(p, end));
                        }
                    }
                }
                Ok(Event::Text(t)) => {
                    if self.in_text {
                        if let Some(p) = self.current.as_mut() {
                            p.text.push_str(&t.xml10_content());
                        }
                    }
                }
                Ok(Event::CData(c)) => {
                    if self.in_text {
                        if let Some(p) = self.current.as_mut() {
                            p.text.push_str(&c);
                        }
                    }
                }
                Ok(Event::GeneralRef(r)) => {
                    if self.in_text {
                        if let Some(p) = self.current.as_mut() {
                            match r.resolve_char_ref() {
                                Ok(Some(ch)) => p.text.push(ch),
                                _ => match quick_xml::escape::resolve_predefined_entity(&r) {
                                    Some(s) => p.text.push_str(s),
                                    // An unknown entity is kept as written rather than
                                    // losing the sentence.
                                    None => {
                                        p.text.push('&');
                                        p.text.push_str(&r);
                                        p.text.push(';');
                                    }
                                },
                            }
                        }
                    }
                }
                Ok(Event::Eof) => {
                    if let Some(open) = self.stack.last().cloned() {
                        let end = self.reader.buffer_position();
                        let err = self.fatal(end, format!("the file ends inside <{open}>"));
                        return Some(Err(err));
                    }
                    self.done = true;
                    let end = self.reader.buffer_position();
                    return self.current.take().map(|p| self.finish(p, end));
                }
                Ok(_) => {}
                Err(e) => {
                    let at = self.reader.error_position();
                    let err = self.fatal(at, e.to_string());
                    return Some(Err(err));
                }
            }
        }
    }
}

/// Passes the input through to the XML parser with every byte of an invalid UTF-8
/// sequence replaced by `?`, remembering where it was. quick-xml cannot go on after
/// invalid UTF-8; this way one bad sentence is reported and the rest is read, and
/// byte offsets stay those of the input.
pub(crate) struct Utf8Guard<R> {
    inner: R,
    buf: Vec<u8>,
    /// `buf[start..end]` is checked and not yet consumed; `buf[end..filled]` is the
    /// start of a character whose remaining bytes have not been read yet.
    start: usize,
    end: usize,
    filled: usize,
    /// Input offset of `buf[0]`.
    offset: u64,
    eof: bool,
    bad: Vec<u64>,
}

impl<R: Read> Utf8Guard<R> {
    pub(crate) fn new(inner: R) -> Self {
        Utf8Guard {
            inner,
            buf: vec![0; 1 << 16],
            start: 0,
            end: 0,
            filled: 0,
            offset: 0,
            eof: false,
            bad: Vec::new(),
        }
    }

    /// The first invalid byte in `range` of the input, if any.
    pub(crate) fn first_bad_byte(&self, range: std::ops::Range<u64>) -> Option<u64> {
        let i = self.bad.partition_point(|&b| b < range.start);
        self.bad.get(i).copied().filter(|&b| b < range.end)
    }

    fn mark_bad(&mut self, from: usize, to: usize) {
        for j in from..to {
            self.buf[j] = b'?';
            self.bad.push(self.offset + j as u64);
        }
    }
}

impl<R: Read> BufRead for Utf8Guard<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.start < self.end {
            return Ok(&self.buf[self.start..self.end]);
        }
        self.buf.copy_within(self.end..self.filled, 0);
        self.offset += self.end as u64;
        self.filled -= self.end;
        self.start = 0;
        self.end = 0;
        loop {
            if !self.eof {
                match self.inner.read(&mut self.buf[self.filled..]) {
                    Ok(0) => self.eof = true,
                    Ok(n) => self.filled += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            }
            let mut i = 0;
            while i < self.filled {
                match std::str::from_utf8(&self.buf[i..self.filled]) {
                    Ok(_) => i = self.filled,
                    Err(e) => {
                        let v = i + e.valid_up_to();
                        match e.error_len() {
                            Some(k) => {
                                self.mark_bad(v, v + k);
                                i = v + k;
                            }
                            // A character cut by the end of what was read so far.
                            None if self.eof => {
                                let end = self.filled;
                                self.mark_bad(v, end);
                                i = end;
                            }
                            None => {
                                i = v;
                                break;
                            }
                        }
                    }
                }
            }
            self.end = i;
            if self.end > 0 || self.eof {
                return Ok(&self.buf[..self.end]);
            }
        }
    }

    fn consume(&mut self, amt: usize) {
        self.start = (self.start + amt).min(self.end);
    }
}

impl<R: Read> Read for Utf8Guard<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(xml: &[u8]) -> Vec<Result<Document, InputError>> {
        petrarch_xml_documents(xml, "t.xml", &ReadOptions::default()).collect()
    }

    const GOOD: &[u8] = br#"<?xml version="1.0"?>
<Sentences>
<Sentence date="20140108" id="s1" source="AFP">
<!-- a comment -->
<EventCoding sourcecode="USA" targetcode="CHN" eventcode="042"/>
<Text>
The US leader met Chinese officials &amp; diplomats &#8212; in Beijing.
</Text>
<Parse>(ROOT (S (NP (NNP US))))</Parse>
</Sentence>
<Sentence category="AFP" date="20080806" id="s2" evaluate="true"/>
<Text>Talks resumed in AT&T's lobby.</Text>
<Parse>
1	Talks	talk	NOUN	NNS	_	2	nsubj	_	_
</Parse></Sentence>
</Sentences>
"#;

    #[test]
    fn reads_sentences_with_ids_dates_and_text() {
        let docs = read(GOOD);
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.id, "s1");
        assert_eq!(a.date.unwrap().to_string(), "2014-01-08");
        assert_eq!(a.source.as_deref(), Some("AFP"));
        assert_eq!(
            a.text,
            "The US leader met Chinese officials & diplomats — in Beijing."
        );
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.id, "s2");
        assert_eq!(b.text, "Talks resumed in AT&T's lobby.");
    }

    #[test]
    fn malformed_xml_names_the_position_and_keeps_earlier_records() {
        let xml = b"<Sentences>\n<Sentence id=\"a\" date=\"20140108\"><Text>First.</Text></Sentence>\n<Sentence id=\"b\"><Text>Second.</Txet></Sentence>\n<Sentence id=\"c\"><Text>Third.</Text></Sentence>\n</Sentences>\n";
        let docs = read(xml);
        assert_eq!(docs.len(), 2, "{docs:?}");
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.doc_id, "t.xml");
        assert!(e.message.starts_with("malformed XML at byte"), "{e}");
        assert!(e.message.contains("</Txet> but expected </Text>"), "{e}");
        assert!(e.message.contains("sentence \"b\""), "{e}");
    }

    #[test]
    fn a_truncated_file_and_an_unclosed_tag_are_errors() {
        let docs = read(b"<Sentences><Sentence id=\"a\"><Text>One.</Text></Sentence><Sentence id=\"b\"><Text>Cut off");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert!(docs[1]
            .as_ref()
            .unwrap_err()
            .message
            .contains("ends inside <Text>"));
        let docs = read(b"<Sentences><Sentence id=\"a\"><Text>One.</Text></Sentence><Sentence id=\"b\"><Text>Cut</Sentences>");
        assert_eq!(docs.len(), 2, "{docs:?}");
        let e = &docs[1].as_ref().unwrap_err().message;
        assert!(e.contains("</Sentences> but expected </Text>"), "{e}");
        let docs = read(
            b"<Sentences><Sentence id=\"a\"><Text>One.</Text></Sentence><Sentence id=\"b\" <Text>",
        );
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert!(docs[1]
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("malformed XML"));
    }

    #[test]
    fn the_utf8_guard_keeps_offsets_and_handles_cut_characters() {
        // "é" (2 bytes) cut across two reads, then a bad byte.
        struct TwoReads(Vec<Vec<u8>>);
        impl Read for TwoReads {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Ok(0);
                }
                let chunk = self.0.remove(0);
                out[..chunk.len()].copy_from_slice(&chunk);
                Ok(chunk.len())
            }
        }
        let src = TwoReads(vec![b"caf\xc3".to_vec(), b"\xa9 \xff!".to_vec()]);
        let mut g = Utf8Guard::new(src);
        let mut out = String::new();
        g.read_to_string(&mut out).unwrap();
        assert_eq!(out, "café ?!");
        assert_eq!(g.first_bad_byte(0..100), Some(6));
        assert_eq!(g.first_bad_byte(0..6), None);
    }

    #[test]
    fn errors_in_a_file_give_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.xml");
        std::fs::write(
            &p,
            "<Sentences>\n<Sentence id=\"a\"><Text>One.</Text></Sentence>\n  </Oops>\n",
        )
        .unwrap();
        let docs: Vec<_> = crate::read::read_path(&p, &ReadOptions::default()).collect();
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        let e = docs[1].as_ref().unwrap_err();
        assert!(e.message.contains("(line 3, column 3)"), "{e}");
        assert!(e.doc_id.ends_with("bad.xml"));
    }

    #[test]
    fn invalid_utf8_and_empty_text_fail_one_sentence_only() {
        let xml = b"<Sentences><Sentence id=\"a\"><Text>Caf\xe9 talks.</Text></Sentence><Sentence id=\"b\"><Text> </Text></Sentence><Sentence id=\"c\"><Text>Fine.</Text></Sentence></Sentences>";
        let docs = read(xml);
        assert_eq!(docs.len(), 3, "{docs:?}");
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.doc_id, "a");
        assert!(e.message.contains("invalid UTF-8"), "{e}");
        assert_eq!(docs[1].as_ref().unwrap_err().message, "empty document");
        assert_eq!(docs[2].as_ref().unwrap().text, "Fine.");
    }

    /// The PETRARCH files in ../shared, when present (CI has them).
    #[test]
    fn reads_the_petrarch_validation_files() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        if !shared.exists() {
            eprintln!("note: ../shared/data absent; skipping the PETRARCH XML file test");
            return;
        }
        for (file, n) in [
            ("petrarch/PETR.UnitTest.records.xml", 284),
            ("upetr/PETR2_GSR_validation.xml", 77),
        ] {
            let docs: Vec<_> =
                crate::read::read_path(&shared.join(file), &ReadOptions::default()).collect();
            let ok = docs.iter().filter(|d| d.is_ok()).count();
            let errs: Vec<String> = docs
                .iter()
                .filter_map(|d| d.as_ref().err())
                .map(|e| e.to_string())
                .collect();
            assert_eq!(ok, n, "{file}: {errs:?}");
            // The GSR file's record abc12_3 has an empty <Text>.
            let expected: &[&str] = if n == 77 {
                &["abc12_3: empty document"]
            } else {
                &[]
            };
            assert_eq!(errs, expected, "{file}");
        }
    }
}
