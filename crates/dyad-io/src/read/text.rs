//! Plain text files: one document per file.

use super::{check_document, too_large, utf8_text, ReadOptions};
use crate::InputError;
use dyad_text::{Date, Document};
use std::fs;
use std::path::Path;

/// Longest first line still taken as a headline.
const MAX_TITLE_CHARS: usize = 300;

/// Reads one text file as document `id`.
///
/// The whole file is the document text (so character offsets in the output point
/// into the file); its first line is also kept as the title when more text follows
/// it and it is short enough to be a headline. A leading ISO date in the file name
/// (`2022-03-20-istanbul-talks.txt`) becomes the document date.
pub fn text_document(path: &Path, id: String, opts: &ReadOptions) -> Result<Document, InputError> {
    let size = fs::metadata(path)
        .map_err(|e| InputError::new(&id, format!("cannot read {}: {e}", path.display())))?
        .len();
    // Refuse before reading, so a huge file costs no memory.
    if size > opts.max_bytes as u64 {
        return Err(too_large(&id, size as usize, opts.max_bytes));
    }
    let bytes = fs::read(path)
        .map_err(|e| InputError::new(&id, format!("cannot read {}: {e}", path.display())))?;
    let text = utf8_text(bytes, &id, &path.display().to_string())?;
    let title = headline(&text);
    let mut doc = Document::new(id, text);
    doc.title = title;
    doc.date = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(date_from_file_name);
    check_document(doc, opts)
}

/// The first line, if it looks like a headline: non-empty, short, and followed by
/// more text.
fn headline(text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}');
    let (first, rest) = text.split_once('\n')?;
    let first = first.trim();
    if first.is_empty() || rest.trim().is_empty() || first.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    Some(first.to_string())
}

/// A date at the start of a file name: `2022-03-20...` or `20220320...`, followed by
/// the end of the name or a non-digit.
pub fn date_from_file_name(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(|c| c.is_ascii_digit()))
    };
    let not_digit_at = |i: usize| !matches!(b.get(i), Some(c) if c.is_ascii_digit());
    let candidate = if digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && not_digit_at(10)
    {
        &name[..10]
    } else if digits(0..8) && not_digit_at(8) {
        &name[..8]
    } else {
        return None;
    };
    Date::parse_lenient(candidate).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_path, ReadOptions};
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::File::create(&p).unwrap().write_all(bytes).unwrap();
        p
    }

    #[test]
    fn file_names_give_dates() {
        assert_eq!(
            date_from_file_name("2022-03-20-istanbul-talks.txt")
                .unwrap()
                .to_string(),
            "2022-03-20"
        );
        assert_eq!(
            date_from_file_name("20220320_talks.txt")
                .unwrap()
                .to_string(),
            "2022-03-20"
        );
        assert!(date_from_file_name("talks-2022-03-20.txt").is_none());
        assert!(date_from_file_name("2022-13-40-x.txt").is_none());
        assert!(date_from_file_name("202203201.txt").is_none());
    }

    #[test]
    fn reads_a_text_file_with_title_and_date() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "2022-03-29-istanbul.txt",
            "Talks in Istanbul\n\nRussia and Ukraine met in Istanbul on Tuesday.\n".as_bytes(),
        );
        let docs: Vec<_> = read_path(&p, &ReadOptions::default()).collect();
        assert_eq!(docs.len(), 1);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "2022-03-29-istanbul");
        assert_eq!(d.date.unwrap().to_string(), "2022-03-29");
        assert_eq!(d.title.as_deref(), Some("Talks in Istanbul"));
        assert!(d.text.starts_with("Talks in Istanbul\n"));
    }

    #[test]
    fn folders_are_read_recursively_in_order_and_skip_other_files() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.txt", b"Second document.");
        write(dir.path(), "a.txt", b"First document.");
        write(dir.path(), "notes", b"No extension is text too.");
        write(dir.path(), "README.md", b"# not an article");
        write(dir.path(), ".hidden.txt", b"hidden");
        write(dir.path(), "sub/c.txt", b"In a subfolder.");
        let ids: Vec<String> = read_path(dir.path(), &ReadOptions::default())
            .map(|r| r.unwrap().id)
            .collect();
        assert_eq!(ids, ["a", "b", "notes", "sub/c"]);
    }

    #[test]
    fn invalid_utf8_names_the_document_and_byte() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "bad.txt", b"Peace talks \xff\xfe resumed.");
        let e = read_path(&p, &ReadOptions::default())
            .next()
            .unwrap()
            .unwrap_err();
        assert_eq!(e.doc_id, "bad");
        assert!(e.message.contains("invalid UTF-8 at byte 12"), "{e}");
    }

    #[test]
    fn nul_bytes_and_empty_files_are_errors_and_the_folder_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "1-nul.txt", b"Talks\0 resumed.");
        write(dir.path(), "2-empty.txt", b"  \n\n");
        write(dir.path(), "3-good.txt", b"Talks resumed on Monday.");
        let out: Vec<_> = read_path(dir.path(), &ReadOptions::default()).collect();
        assert_eq!(out.len(), 3);
        assert!(out[0].as_ref().unwrap_err().message.contains("NUL byte"));
        assert_eq!(out[1].as_ref().unwrap_err().message, "empty document");
        assert_eq!(out[2].as_ref().unwrap().id, "3-good");
    }

    #[test]
    fn an_oversized_file_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "big.txt", &vec![b'a'; 2000]);
        let opts = ReadOptions {
            format: None,
            max_bytes: 1000,
        };
        let e = read_path(&p, &opts).next().unwrap().unwrap_err();
        assert!(
            e.message.contains("2000 bytes, over the limit of 1000"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_file_is_an_error_not_a_panic() {
        let e = read_path(Path::new("/nonexistent/x.txt"), &ReadOptions::default())
            .next()
            .unwrap()
            .unwrap_err();
        assert!(e.message.contains("cannot read"), "{e}");
    }
}
