//! Discards: phrases that mark a sentence (or a whole story) as not political
//! news ("World Cup", "box office"), so it is not coded.

use crate::error::{LexiconError, Origin};
use crate::matcher::PhraseMatcher;
use crate::text::{petrarch_lines, split_bracket, PetrarchLine};
use std::sync::Arc;

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardEntry {
    /// The phrase as written.
    pub phrase: String,
    /// True for `+PHRASE`: the whole story is skipped, not just the sentence.
    pub story_level: bool,
    /// Where it was read.
    pub origin: Origin,
}

/// A discard phrase found in a token sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscardMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index into [`DiscardDictionary::entries`].
    pub entry: u32,
}

/// Discard phrases and their compiled matcher.
#[derive(Debug, Clone, Default)]
pub struct DiscardDictionary {
    /// All entries in load order.
    pub entries: Vec<DiscardEntry>,
    matcher: PhraseMatcher<u32>,
}

impl DiscardDictionary {
    /// Adds an entry.
    pub fn add(&mut self, entry: DiscardEntry) {
        let id = self.entries.len() as u32;
        self.matcher.insert(&entry.phrase, id, false);
        self.entries.push(entry);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Discard phrases present in a token sequence (leftmost-longest).
    ///
    /// ```
    /// use dyad_lexicon::DiscardDictionary;
    /// let mut d = DiscardDictionary::default();
    /// let mut w = Vec::new();
    /// d.read_petrarch("discards.txt", "+WORLD CUP\nBASEBALL\n", &mut w).unwrap();
    /// let m = d.find(&["The", "World", "Cup", "final"]);
    /// assert!(d.entries[m[0].entry as usize].story_level);
    /// ```
    pub fn find<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<DiscardMatch> {
        self.matcher
            .find_longest(tokens)
            .into_iter()
            .map(|m| DiscardMatch {
                start: m.start,
                end: m.end,
                entry: m.value,
            })
            .collect()
    }

    /// Reads a PETRARCH discard list: one phrase a line, `+` first for a
    /// story-level discard. PETRARCH reads a phrase without a final `_` as a stem;
    /// dyad matches whole words (a final `_` is accepted and dropped).
    pub fn read_petrarch(
        &mut self,
        file: &str,
        text: &str,
        _warnings: &mut Vec<LexiconError>,
    ) -> Result<(), LexiconError> {
        for entry in parse_petrarch(file, text)? {
            self.add(entry);
        }
        Ok(())
    }
}

/// The reader of PETRARCH discard files: the entries in file order, not compiled
/// (the coder builds its own matcher from them). A `[...]` after the phrase is
/// ignored; `_` joins words as a space does.
pub fn parse_petrarch(file: &str, text: &str) -> Result<Vec<DiscardEntry>, LexiconError> {
    let fname: Arc<str> = file.into();
    let mut out = Vec::new();
    for PetrarchLine { number, text: line } in petrarch_lines(text) {
        let origin = Origin::at(&fname, number);
        let line = line.trim();
        let (story_level, phrase) = match line.strip_prefix('+') {
            Some(p) => (true, p),
            None => (false, line),
        };
        let phrase = split_bracket(phrase).0.trim().trim_end_matches('_').trim();
        if phrase.is_empty() {
            return Err(origin.error("an empty discard phrase"));
        }
        out.push(DiscardEntry {
            phrase: phrase.to_string(),
            story_level,
            origin,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentence_and_story_discards() {
        let t = "# Story-level discards are indicated with a '+'.\nMONTHS LATER\n+World Golf Championships   # pas\nBASEBALL_\n1914\n+\n";
        let mut d = DiscardDictionary::default();
        let e = d.read_petrarch("d.txt", t, &mut Vec::new()).unwrap_err();
        assert_eq!(e.line, 6);
        let mut d = DiscardDictionary::default();
        d.read_petrarch("d.txt", &t[..t.len() - 2], &mut Vec::new())
            .unwrap();
        assert_eq!(d.len(), 4);
        let m = d.find(&["baseball", "season", "in", "1914"]);
        assert_eq!(m.len(), 2);
        assert!(!d.entries[m[0].entry as usize].story_level);
        let m = d.find(&["world", "golf", "championships"]);
        assert!(d.entries[m[0].entry as usize].story_level);
    }
}
