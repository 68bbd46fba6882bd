//! Readers: files, folders and streams become `Result<Document, InputError>` items.
//!
//! Every reader is lazy (a folder is listed up front, each file is read when the
//! iterator reaches it; JSONL, XML and CSV are read record by record), and every
//! document goes through the same checks ([`check_document`]):
//!
//! - **invalid UTF-8**: the document is an error naming its id and the byte offset of
//!   the first bad byte; it is not coded (no lossy replacement: a mangled name would
//!   silently become a wrong actor);
//! - **NUL bytes**: the document is rejected (NUL in news text means a binary or
//!   UTF-16 file, and stripping them would hide that);
//! - **empty** (nothing but white space): an error "empty document";
//! - **too large**: over [`ReadOptions::max_bytes`] (default [`DEFAULT_MAX_BYTES`],
//!   20 MiB) the document is refused with an error naming its size; a text file that
//!   large is not even read into memory, and a JSONL line is not kept past the limit.
//!
//! A leading UTF-8 byte-order mark is dropped.

mod csv;
mod jsonl;
mod text;
mod xml;

pub use self::csv::csv_documents;
pub use jsonl::jsonl_documents;
pub use text::{date_from_file_name, text_document};
pub use xml::petrarch_xml_documents;

use crate::InputError;
use dyad_text::{Date, Document};
use std::fs;
use std::path::{Path, PathBuf};

/// The default limit on one document's size: 20 MiB, far above any news article
/// (a long one is ~50 KB) yet small enough that a stray binary dump is refused quickly.
pub const DEFAULT_MAX_BYTES: usize = 20 << 20;

/// The boxed iterator every reader returns.
pub type Documents = Box<dyn Iterator<Item = Result<Document, InputError>> + Send>;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One document per file; `.txt` or no extension.
    Text,
    /// One JSON object per line: `{"id","date","text"}` plus optional `title`,
    /// `source`, `url`, `published`.
    Jsonl,
    /// PETRARCH validation/input XML: `<Sentence id date source><Text>`.
    PetrarchXml,
    /// CSV with a header and a `text` column (as the Wikinews files: url,date,title,text).
    Csv,
}

impl Format {
    /// The format a file name implies: `.jsonl`/`.json` → JSONL, `.xml` → PETRARCH XML,
    /// `.csv` → CSV, anything else → text.
    pub fn from_path(path: &Path) -> Format {
        match extension(path).as_deref() {
            Some("jsonl") | Some("json") | Some("ndjson") => Format::Jsonl,
            Some("xml") => Format::PetrarchXml,
            Some("csv") => Format::Csv,
            _ => Format::Text,
        }
    }

    /// Parses a `--format` value: `text`, `jsonl`, `xml` (or `petrarch`), `csv`.
    pub fn parse(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "jsonl" | "json" | "ndjson" => Ok(Format::Jsonl),
            "xml" | "petrarch" | "petrarch-xml" => Ok(Format::PetrarchXml),
            "csv" => Ok(Format::Csv),
            other => Err(format!(
                "unknown input format {other:?} (use text, jsonl, xml or csv)"
            )),
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// How to read input.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Read every file as this format instead of guessing from the extension.
    pub format: Option<Format>,
    /// Documents larger than this many bytes are refused with an error.
    pub max_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Applies the checks every document goes through (see the module docs) and drops
/// a leading byte-order mark.
pub fn check_document(mut doc: Document, opts: &ReadOptions) -> Result<Document, InputError> {
    if let Some(rest) = doc.text.strip_prefix('\u{feff}') {
        doc.text = rest.to_string();
    }
    if doc.text.len() > opts.max_bytes {
        return Err(too_large(&doc.id, doc.text.len(), opts.max_bytes));
    }
    if let Some(pos) = doc.text.find('\0') {
        return Err(InputError::new(
            doc.id,
            format!("NUL byte at byte {pos} of the text: not coded (binary or UTF-16 input?)"),
        ));
    }
    if doc.text.trim().is_empty() {
        return Err(InputError::new(doc.id, "empty document"));
    }
    Ok(doc)
}

pub(crate) fn too_large(id: &str, len: usize, max: usize) -> InputError {
    InputError::new(
        id,
        format!(
            "document is {len} bytes, over the limit of {max} bytes (raise it with --max-bytes)"
        ),
    )
}

/// Checks that `bytes` are UTF-8, naming the first bad byte's offset otherwise.
pub(crate) fn utf8_text(bytes: Vec<u8>, id: &str, what: &str) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        InputError::new(
            id,
            format!(
                "invalid UTF-8 at byte {} of {what}: not coded (convert the input to UTF-8)",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Reads a date as feeds write it: ISO 8601 (`2022-03-20`, `2025-03-14 20:30:26Z`,
/// `2025-03-14T20:30:26+02:00`), PETRARCH's `20140108`, or a Unix timestamp in
/// seconds or milliseconds (a JSON number, or a string of 9 or more digits). Six
/// digits are read as `YYMMDD` (00-49 → 20xx), as in some PETRARCH records.
pub fn parse_date(value: &str) -> Result<Date, String> {
    let v = value.trim();
    if v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| v[r].parse::<u8>().unwrap_or(0);
        let yy = i32::from(n(0..2));
        let year = if yy < 50 { 2000 + yy } else { 1900 + yy };
        return Date::new(year, n(2..4), n(4..6)).map_err(|_| {
            format!("unreadable date {v:?} (want ISO 8601 such as 2022-03-20, or a Unix timestamp)")
        });
    }
    if v.len() >= 9 && v.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = v.parse::<i64>() {
            return date_from_timestamp(n);
        }
    }
    Date::parse_lenient(v).map_err(|_| {
        format!("unreadable date {v:?} (want ISO 8601 such as 2022-03-20, or a Unix timestamp)")
    })
}

/// The UTC calendar date of a Unix timestamp; values above 10^11 are taken as
/// milliseconds (10^11 seconds is the year 5138).
pub fn date_from_timestamp(ts: i64) -> Result<Date, String> {
    let secs = if ts.abs() >= 100_000_000_000 {
        ts.div_euclid(1000)
    } else {
        ts
    };
    let days = secs.div_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    let year = i32::try_from(year).map_err(|_| format!("timestamp out of range: {ts}"))?;
    Date::new(year, month, day).map_err(|e| e.to_string())
}

/// Reads one path: a folder (recursively), or a file in the format its extension
/// (or `opts.format`) says.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Documents {
    if path.is_dir() {
        return read_folder(path, opts);
    }
    let format = opts.format.unwrap_or_else(|| Format::from_path(path));
    read_file(path, format, None, opts)
}

/// Reads several paths one after the other, in the order given.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions) -> Documents {
    let paths = paths.to_vec();
    let opts = opts.clone();
    Box::new(paths.into_iter().flat_map(move |p| read_path(&p, &opts)))
}

fn read_file(path: &Path, format: Format, id: Option<String>, opts: &ReadOptions) -> Documents {
    match format {
        Format::Text => {
            let id = id.unwrap_or_else(|| file_stem_id(path));
            Box::new(std::iter::once(text_document(path, id, opts)))
        }
        Format::Jsonl => open_then(path, |f| {
            let mut reader = std::io::BufReader::with_capacity(1 << 16, f);
            let origin = path.display().to_string();
            if jsonl::starts_with_array(&mut reader) {
                return Box::new(jsonl::json_array_documents(reader, &origin, opts).into_iter());
            }
            Box::new(jsonl_documents(reader, &origin, opts))
        }),
        Format::PetrarchXml => open_then(path, |f| {
            Box::new(petrarch_xml_documents(
                std::io::BufReader::with_capacity(1 << 16, f),
                &path.display().to_string(),
                opts,
            ))
        }),
        Format::Csv => open_then(path, |f| {
            Box::new(csv_documents(f, &path.display().to_string(), opts))
        }),
    }
}

fn open_then(path: &Path, make: impl FnOnce(fs::File) -> Documents) -> Documents {
    match fs::File::open(path) {
        Ok(f) => make(f),
        Err(e) => Box::new(std::iter::once(Err(InputError::new(
            path.display().to_string(),
            format!("cannot open: {e}"),
        )))),
    }
}

fn file_stem_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The files a folder contributes, sorted by path: `.txt` and extension-less files
/// as text, `.jsonl`/`.json`/`.xml`/`.csv` by their format. Hidden files and other
/// extensions (`CREDITS.md`, images) are skipped.
pub fn folder_files(root: &Path) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                errors.push(InputError::new(
                    dir.display().to_string(),
                    format!("cannot list folder: {e}"),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                extension(&p).as_deref(),
                None | Some("txt" | "text" | "jsonl" | "json" | "ndjson" | "xml" | "csv")
            ) {
                files.push(p);
            }
        }
    }
    files.sort();
    (files, errors)
}

fn read_folder(root: &Path, opts: &ReadOptions) -> Documents {
    let (files, errors) = folder_files(root);
    let root = root.to_path_buf();
    let opts = opts.clone();
    let docs = files.into_iter().flat_map(move |p| {
        let format = opts.format.unwrap_or_else(|| Format::from_path(&p));
        // Text files in a folder are named by their path inside it, without the
        // extension, so `a/x.txt` and `b/x.txt` stay apart.
        let id = p.strip_prefix(&root).ok().map(|rel| {
            let rel = rel.with_extension("");
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        });
        read_file(&p, format, id, &opts)
    });
    Box::new(errors.into_iter().map(Err).chain(docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_extensions() {
        assert_eq!(Format::from_path(Path::new("a.jsonl")), Format::Jsonl);
        assert_eq!(Format::from_path(Path::new("a.JSON")), Format::Jsonl);
        assert_eq!(Format::from_path(Path::new("a.xml")), Format::PetrarchXml);
        assert_eq!(Format::from_path(Path::new("a.csv")), Format::Csv);
        assert_eq!(Format::from_path(Path::new("a.txt")), Format::Text);
        assert_eq!(Format::from_path(Path::new("README")), Format::Text);
        assert_eq!(Format::parse("petrarch").unwrap(), Format::PetrarchXml);
        assert!(Format::parse("docx").is_err());
    }

    #[test]
    fn checks_reject_nul_empty_and_oversized_documents() {
        let opts = ReadOptions {
            format: None,
            max_bytes: 10,
        };
        let e = check_document(Document::new("a", "ab\0cd"), &opts).unwrap_err();
        assert_eq!(e.doc_id, "a");
        assert!(e.message.contains("NUL byte at byte 2"), "{e}");
        let e = check_document(Document::new("b", " \n\t "), &opts).unwrap_err();
        assert_eq!(e.message, "empty document");
        let e = check_document(Document::new("c", "x".repeat(11)), &opts).unwrap_err();
        assert!(e.message.contains("11 bytes, over the limit of 10"), "{e}");
        let d = check_document(Document::new("d", "\u{feff}Talks."), &opts).unwrap();
        assert_eq!(d.text, "Talks.");
    }

    #[test]
    fn dates_parse_from_iso_and_timestamps() {
        assert_eq!(parse_date("2022-03-20").unwrap().to_string(), "2022-03-20");
        assert_eq!(
            parse_date("2025-03-14 20:30:26Z").unwrap().to_string(),
            "2025-03-14"
        );
        assert_eq!(parse_date("20140108").unwrap().to_string(), "2014-01-08");
        // 2022-03-20T12:00:00Z
        assert_eq!(parse_date("1647777600").unwrap().to_string(), "2022-03-20");
        assert_eq!(
            parse_date("1647777600000").unwrap().to_string(),
            "2022-03-20"
        );
        assert_eq!(date_from_timestamp(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(
            date_from_timestamp(-86_400).unwrap().to_string(),
            "1969-12-31"
        );
        assert_eq!(
            date_from_timestamp(951_782_400).unwrap().to_string(),
            "2000-02-29"
        );
        assert_eq!(parse_date("121108").unwrap().to_string(), "2012-11-08");
        assert!(parse_date("121399").is_err());
        assert!(parse_date("last Tuesday").is_err());
    }
}
