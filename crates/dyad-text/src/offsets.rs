//! Byte offsets to character (Unicode scalar value) offsets.
//!
//! Inside dyad every span is a byte range, so slicing is free; the output records
//! carry character offsets instead, so that `text[start:end]` in Python (or any
//! language that indexes strings by code point) gives the same slice. Converting
//! one offset by counting from the start of the text would make a document with
//! many events quadratic, so [`CharOffsets`] keeps a checkpoint every
//! [`BLOCK`] bytes and counts at most `BLOCK - 1` bytes per lookup.
//!
//! ```
//! use dyad_text::offsets::CharOffsets;
//! let text = "Zelensky met Erdoğan in Kyiv.";
//! let offsets = CharOffsets::new(text);
//! let start = text.find("Kyiv").unwrap();
//! assert_eq!(offsets.span(start, start + 4), [24, 28]);
//! ```

/// Bytes between two checkpoints.
pub const BLOCK: usize = 64;

/// Converts byte offsets of one text into character offsets, in O(BLOCK) per lookup.
#[derive(Debug, Clone)]
pub struct CharOffsets<'a> {
    text: &'a str,
    /// `checkpoints[i]` = number of characters in `text[..i * BLOCK]`; empty when the
    /// text is ASCII, where byte and character offsets coincide.
    checkpoints: Vec<u32>,
    ascii: bool,
    chars: usize,
}

/// True for a byte that starts a character (is not a UTF-8 continuation byte).
#[inline]
fn starts_char(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

impl<'a> CharOffsets<'a> {
    /// Builds the checkpoint table for `text` (one pass over its bytes).
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return CharOffsets {
                text,
                checkpoints: Vec::new(),
                ascii: true,
                chars: text.len(),
            };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count: usize = 0;
        for block in bytes.chunks(BLOCK) {
            checkpoints.push(count as u32);
            count += block.iter().filter(|&&b| starts_char(b)).count();
        }
        CharOffsets {
            text,
            checkpoints,
            ascii: false,
            chars: count,
        }
    }

    /// The text the offsets are for.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of characters in the whole text.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// The character offset of byte offset `byte`. A byte inside a multi-byte
    /// character maps to the offset just after that character's start (callers
    /// pass character boundaries; this keeps a bad offset from panicking). Offsets
    /// past the end map to [`char_len`](Self::char_len).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.chars);
        }
        let bytes = self.text.as_bytes();
        if byte >= bytes.len() {
            return self.chars;
        }
        let block = byte / BLOCK;
        let from = block * BLOCK;
        self.checkpoints[block] as usize
            + bytes[from..byte]
                .iter()
                .filter(|&&b| starts_char(b))
                .count()
    }

    /// A byte span `[start, end)` as a character span, the form output records use.
    pub fn span(&self, start: usize, end: usize) -> [usize; 2] {
        [self.char_of(start), self.char_of(end)]
    }

    /// The byte offset of character offset `ch` (the inverse of [`char_of`](Self::char_of));
    /// offsets past the end map to the text's byte length.
    pub fn byte_of(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.text.len());
        }
        if ch >= self.chars {
            return self.text.len();
        }
        // The last checkpoint at or before `ch`.
        let block = self.checkpoints.partition_point(|&c| c as usize <= ch) - 1;
        let mut seen = self.checkpoints[block] as usize;
        let bytes = self.text.as_bytes();
        for (i, &b) in bytes.iter().enumerate().skip(block * BLOCK) {
            if starts_char(b) {
                if seen == ch {
                    return i;
                }
                seen += 1;
            }
        }
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow, obviously correct answer.
    fn naive(text: &str, byte: usize) -> usize {
        text[..byte].chars().count()
    }

    #[test]
    fn ascii_offsets_are_identity() {
        let t = "Russia and Ukraine met in Istanbul.";
        let o = CharOffsets::new(t);
        assert_eq!(o.char_of(7), 7);
        assert_eq!(o.span(0, 6), [0, 6]);
        assert_eq!(o.char_of(1000), t.len());
        assert_eq!(o.byte_of(7), 7);
    }

    #[test]
    fn multibyte_text_maps_every_boundary() {
        // 2-, 3- and 4-byte characters, long enough to cross several checkpoints.
        let mut t = String::new();
        for i in 0..40 {
            t.push_str(&format!("Erdoğan «{i}» говорит — 🇺🇦 peace “talks”. "));
        }
        let o = CharOffsets::new(&t);
        assert_eq!(o.char_len(), t.chars().count());
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(o.char_of(bi), naive(&t, bi), "byte {bi}");
            assert_eq!(o.char_of(bi), ci);
            assert_eq!(o.byte_of(ci), bi, "char {ci}");
        }
        assert_eq!(o.char_of(t.len()), t.chars().count());
        assert_eq!(o.byte_of(t.chars().count()), t.len());
    }

    #[test]
    fn span_slices_like_python_would() {
        let t = "Kyiv — Зеленський said “we are ready” on Tuesday.";
        let o = CharOffsets::new(t);
        let start = t.find("“we").unwrap();
        let end = t.find(" on").unwrap();
        let [cs, ce] = o.span(start, end);
        let sliced: String = t.chars().skip(cs).take(ce - cs).collect();
        assert_eq!(sliced, "“we are ready”");
    }

    #[test]
    fn offsets_inside_a_character_do_not_panic() {
        let t = "ağ";
        let o = CharOffsets::new(t);
        // byte 2 is inside 'ğ' (bytes 1..3)
        assert_eq!(o.char_of(2), 2);
        assert_eq!(o.char_of(99), 2);
        assert_eq!(CharOffsets::new("").char_of(0), 0);
    }
}
