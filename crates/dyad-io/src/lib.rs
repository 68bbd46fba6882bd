//! Reading documents in and writing records out.
//!
//! **Readers** ([`read`]) turn files, folders and standard input into an iterator of
//! `Result<Document, InputError>`: one bad document (invalid UTF-8, NUL bytes, empty,
//! too large, a malformed JSONL line, broken XML) becomes one [`InputError`] and the
//! batch goes on. Formats: plain text, JSONL, PETRARCH XML and CSV.
//!
//! **Writers** ([`write`]) take each coded document and write JSONL records (the
//! schema of `dyad_coder::record`), a flat CSV of events, GDELT 2.0 event TSV or
//! PLOVER JSON lines, all behind one [`write::EventWriter`] trait (Parquet is next).
//!
//! ```
//! use dyad_io::read::{jsonl_documents, ReadOptions};
//! let input = "{\"id\":\"a\",\"date\":\"2022-03-20\",\"text\":\"Talks resumed.\"}\nnot json\n";
//! let docs: Vec<_> = jsonl_documents(input.as_bytes(), "stdin", &ReadOptions::default()).collect();
//! assert_eq!(docs[0].as_ref().unwrap().id, "a");
//! assert_eq!(docs[1].as_ref().unwrap_err().doc_id, "stdin:2");
//! ```

pub mod read;
pub mod write;

use dyad_coder::record::ErrorRecord;
use std::fmt;

/// A document (or a piece of input) that could not be read: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The document id when it is known, otherwise where the input came from
    /// (`file:line`, `file`, `stdin:line`).
    pub doc_id: String,
    /// What was wrong, naming the place in the input (line, byte offset) where it helps.
    pub message: String,
}

impl InputError {
    /// An error for document (or input place) `doc_id`.
    pub fn new(doc_id: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            doc_id: doc_id.into(),
            message: message.into(),
        }
    }

    /// The `{"record":"error",...}` line this error becomes in JSONL output.
    pub fn to_record(&self) -> ErrorRecord {
        ErrorRecord::new(self.doc_id.clone(), self.message.clone())
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.doc_id, self.message)
    }
}

impl std::error::Error for InputError {}

/// Parses a byte size as users write it: `20000000`, `20M`, `20MB`, `512k`, `1G`
/// (powers of 1024 for the suffixes).
pub fn parse_byte_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let lower = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (num, mult) = match lower.chars().last() {
        Some('k') => (&lower[..lower.len() - 1], 1usize << 10),
        Some('m') => (&lower[..lower.len() - 1], 1 << 20),
        Some('g') => (&lower[..lower.len() - 1], 1 << 30),
        _ => (lower, 1),
    };
    let n: usize = num
        .trim()
        .parse()
        .map_err(|_| format!("not a byte size: {t:?} (write e.g. 20M, 512k or 1000000)"))?;
    n.checked_mul(mult)
        .ok_or_else(|| format!("byte size too large: {t:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes_parse_with_suffixes() {
        assert_eq!(parse_byte_size("1000").unwrap(), 1000);
        assert_eq!(parse_byte_size("20M").unwrap(), 20 << 20);
        assert_eq!(parse_byte_size("20MB").unwrap(), 20 << 20);
        assert_eq!(parse_byte_size("512k").unwrap(), 512 << 10);
        assert_eq!(parse_byte_size("1GiB").unwrap(), 1 << 30);
        assert!(parse_byte_size("lots").is_err());
        assert!(parse_byte_size("").is_err());
    }

    #[test]
    fn errors_become_error_records() {
        let e = InputError::new("a.jsonl:3", "malformed JSON");
        let r = e.to_record();
        assert_eq!(r.record, "error");
        assert_eq!(r.doc_id, "a.jsonl:3");
        assert_eq!(e.to_string(), "a.jsonl:3: malformed JSON");
    }
}
