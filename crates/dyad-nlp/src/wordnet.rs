//! A part-of-speech lexicon derived from WordNet 3.0 (tagger features).
//!
//! For every single-word lemma of WordNet's index files the lexicon keeps the
//! set of its WordNet parts of speech (noun, verb, adjective, adverb), and for
//! every inflected form of the exception lists (`geese`, `went`, `better`) the
//! parts of speech it is an inflection of. [`WordNetPos::class`] then applies
//! WordNet's morphological detachment rules ("morphy": `-ies` -> `-y`, `-es`,
//! `-s`, `-ed`, `-ing`, `-er`, `-est`, ...) to any word at run time, so an
//! unknown word such as `defrosted` gets "verb by inflection" without a list of
//! every inflected form. Keys are 32-bit hashes of the lower-case forms (the
//! same string hash as the tagger's lower-case word feature), so the model file
//! holds no words; tagger.bin stores the lexicon and nothing reads the WordNet
//! files at run time.
//!
//! WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
//! (Licence: permission to use, copy, modify and distribute with this notice;
//! see models/LICENSE.)

use crate::binio::{Reader, Writer};
use crate::features::f_str;
use crate::perceptron::FeatureMap;
use crate::NlpError;
use std::path::Path;

/// Noun bit of a class (low nibble: the word is a lemma of this part of speech).
pub const NOUN: u8 = 1;
/// Verb bit.
pub const VERB: u8 = 2;
/// Adjective bit (WordNet's `a` and `s`).
pub const ADJ: u8 = 4;
/// Adverb bit.
pub const ADV: u8 = 8;
/// Shift of the high nibble, which holds the same bits for "an inflected form
/// of a lemma of this part of speech" (`VERB << INFLECTED`).
pub const INFLECTED: u8 = 4;

/// Morphy's detachment rules: (part of speech, suffix of the form, ending of the lemma).
const RULES: &[(u8, &str, &str)] = &[
    (NOUN, "s", ""),
    (NOUN, "ses", "s"),
    (NOUN, "xes", "x"),
    (NOUN, "zes", "z"),
    (NOUN, "ches", "ch"),
    (NOUN, "shes", "sh"),
    (NOUN, "men", "man"),
    (NOUN, "ies", "y"),
    (VERB, "s", ""),
    (VERB, "ies", "y"),
    (VERB, "es", "e"),
    (VERB, "es", ""),
    (VERB, "ed", "e"),
    (VERB, "ed", ""),
    (VERB, "ing", "e"),
    (VERB, "ing", ""),
    (ADJ, "er", ""),
    (ADJ, "est", ""),
    (ADJ, "er", "e"),
    (ADJ, "est", "e"),
];

/// Hash key of a lower-case form: the low 32 bits of the tagger's lower-case
/// word hash (`f_str(0, lower)`), so a word's own entry costs no extra hashing.
#[inline]
pub fn key_of_hash(lower_hash: u64) -> u64 {
    lower_hash & 0xffff_ffff
}

/// WordNet part-of-speech lexicon (empty: no WordNet features).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WordNetPos {
    /// Key ([`key_of_hash`]) -> class bits (low nibble: lemma of; high nibble: inflection of).
    map: FeatureMap<u8>,
}

impl WordNetPos {
    /// Reads `index.{noun,verb,adj,adv}` and `{noun,verb,adj,adv}.exc` from a
    /// WordNet 3.0 `dict` directory (e.g. `/usr/share/wordnet`).
    pub fn from_dir(dir: &Path) -> Result<WordNetPos, NlpError> {
        let mut wn = WordNetPos::default();
        for (name, bit) in [("noun", NOUN), ("verb", VERB), ("adj", ADJ), ("adv", ADV)] {
            let path = dir.join(format!("index.{name}"));
            let text = std::fs::read_to_string(&path).map_err(|e| NlpError::io(&path, e))?;
            wn.add_index(&text, bit);
            let path = dir.join(format!("{name}.exc"));
            let text = std::fs::read_to_string(&path).map_err(|e| NlpError::io(&path, e))?;
            wn.add_exceptions(&text, bit);
        }
        if wn.map.is_empty() {
            return Err(NlpError::Data(format!(
                "{}: no WordNet index entries found",
                dir.display()
            )));
        }
        Ok(wn)
    }

    /// Adds the lemmas of an index file (`lemma pos ...` lines; lines starting
    /// with a space are the licence header). Multi-word lemmas are skipped.
    pub fn add_index(&mut self, text: &str, bit: u8) {
        for line in text.lines() {
            if line.starts_with(' ') {
                continue;
            }
            if let Some(lemma) = line.split(' ').next() {
                if !lemma.is_empty() && !lemma.contains('_') {
                    *self.map.entry(key_of(lemma)).or_default() |= bit;
                }
            }
        }
    }

    /// Adds the inflected forms of an exception list (`form base ...` lines).
    pub fn add_exceptions(&mut self, text: &str, bit: u8) {
        for line in text.lines() {
            let mut it = line.split(' ');
            if let (Some(form), Some(_base)) = (it.next(), it.next()) {
                if !form.is_empty() && !form.contains('_') {
                    *self.map.entry(key_of(form)).or_default() |= bit << INFLECTED;
                }
            }
        }
    }

    /// True if the lexicon is empty (a tagger without WordNet features).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Number of stored forms.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// The class of a lower-case word whose `f_str(0, lower)` hash is
    /// `lower_hash`: its own entry, plus the high-nibble bits of every part of
    /// speech whose detachment rules lead to a lemma of that part of speech.
    /// 0: not in WordNet.
    pub fn class(&self, lower: &str, lower_hash: u64) -> u8 {
        let mut c = self.map.get(&key_of_hash(lower_hash)).copied().unwrap_or(0);
        if lower.len() < 3 || !lower.is_ascii() {
            return c;
        }
        let mut buf = String::with_capacity(lower.len() + 2);
        for &(bit, suf, end) in RULES {
            if c & (bit << INFLECTED) != 0 || !lower.ends_with(suf) {
                continue;
            }
            buf.clear();
            buf.push_str(&lower[..lower.len() - suf.len()]);
            buf.push_str(end);
            if buf.len() >= 2 && self.map.get(&key_of(&buf)).is_some_and(|&b| b & bit != 0) {
                c |= bit << INFLECTED;
            }
        }
        c
    }

    /// The WordNet part of speech of a PTB tag: nouns (`NN`, `NNS`), verbs
    /// (`VB*`), adjectives (`JJ*`), adverbs (`RB*`); 0 for the others (proper
    /// nouns, function words).
    pub fn pos_of_xpos(xpos: &str) -> u8 {
        match xpos {
            "NN" | "NNS" => NOUN,
            "JJ" | "JJR" | "JJS" => ADJ,
            "RB" | "RBR" | "RBS" => ADV,
            t if t.starts_with("VB") => VERB,
            _ => 0,
        }
    }

    /// Whether the lower-case word is itself a WordNet lemma of one of the
    /// parts of speech in `bits` (e.g. [`VERB`]).
    pub fn is_lemma(&self, lower: &str, bits: u8) -> bool {
        self.map.get(&key_of(lower)).is_some_and(|&c| c & bits != 0)
    }

    /// Morphy's candidate lemmas of a lower-case form of a part of speech:
    /// the form with each detachment rule of `bit` whose suffix it ends with
    /// applied, in WordNet's order (`provoked` -> `provoke`, `provok`).
    pub fn detachments(lower: &str, bit: u8) -> impl Iterator<Item = String> + '_ {
        RULES
            .iter()
            .filter(move |&&(b, suf, _)| {
                b == bit && lower.len() > suf.len() + 1 && lower.ends_with(suf)
            })
            .map(move |&(_, suf, end)| format!("{}{end}", &lower[..lower.len() - suf.len()]))
    }

    /// Writes the lexicon (sorted keys, then classes).
    pub fn write(&self, w: &mut Writer) {
        let mut v: Vec<(u32, u8)> = self.map.iter().map(|(&k, &c)| (k as u32, c)).collect();
        v.sort_unstable();
        w.u32s(&v.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u8s(&v.iter().map(|x| x.1).collect::<Vec<_>>());
    }

    /// Reads a lexicon written by [`WordNetPos::write`].
    pub fn read(r: &mut Reader) -> Result<WordNetPos, NlpError> {
        let k = r.u32s()?;
        let c = r.u8s()?;
        if k.len() != c.len() {
            return Err(r.err("WordNet lexicon lengths differ"));
        }
        Ok(WordNetPos {
            map: k.into_iter().map(|k| k as u64).zip(c).collect(),
        })
    }
}

fn key_of(lower: &str) -> u64 {
    key_of_hash(f_str(0, lower))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn tiny() -> WordNetPos {
        let mut wn = WordNetPos::default();
        wn.add_index(
            "  1 This software and database is being provided\nengage v 1 1 @ 1 0 01\nfly v 2\n\
             lie v 1\nrun_away v 1\n",
            VERB,
        );
        wn.add_index(
            "fly n 1\nbox n 1\nchurch n 1\nman n 1\nengagement n 1\n",
            NOUN,
        );
        wn.add_index("engaged a 1\nlarge a 1\nhot a 1\n", ADJ);
        wn.add_exceptions("went go\nlay lie\n", VERB);
        wn.add_exceptions("hotter hot\n", ADJ);
        wn
    }

    fn class(wn: &WordNetPos, w: &str) -> u8 {
        wn.class(w, f_str(0, w))
    }

    #[test]
    fn morphy_rules_and_exceptions() {
        let wn = tiny();
        // Adjective as itself, verb by -ed -> -e.
        assert_eq!(class(&wn, "engaged"), ADJ | (VERB << INFLECTED));
        assert_eq!(class(&wn, "engaging"), VERB << INFLECTED);
        assert_eq!(class(&wn, "flies"), (NOUN | VERB) << INFLECTED);
        assert_eq!(class(&wn, "fly"), NOUN | VERB);
        assert_eq!(class(&wn, "boxes"), NOUN << INFLECTED);
        assert_eq!(class(&wn, "churches"), NOUN << INFLECTED);
        assert_eq!(class(&wn, "men"), NOUN << INFLECTED);
        assert_eq!(class(&wn, "larger"), ADJ << INFLECTED);
        assert_eq!(class(&wn, "largest"), ADJ << INFLECTED);
        assert_eq!(class(&wn, "went"), VERB << INFLECTED);
        assert_eq!(class(&wn, "hotter"), ADJ << INFLECTED);
        assert_eq!(class(&wn, "lay"), VERB << INFLECTED);
        // Not in the lexicon; multi-word lemmas and the header are skipped.
        assert_eq!(class(&wn, "zzzing"), 0);
        assert_eq!(class(&wn, "run_away"), 0);
        assert_eq!(class(&wn, "this"), 0);
        assert_eq!(class(&wn, ""), 0);
        assert_eq!(class(&wn, "ß"), 0);
    }

    #[test]
    fn write_read_round_trip() {
        let wn = tiny();
        let mut w = Writer::new(b"TESTWN01", 1);
        wn.write(&mut w);
        let (mut r, _) = Reader::new(&w.buf, b"TESTWN01", "test").unwrap();
        let back = WordNetPos::read(&mut r).unwrap();
        r.finish().unwrap();
        assert_eq!(back, wn);
        assert_eq!(class(&back, "engaged"), class(&wn, "engaged"));
    }

    #[test]
    fn missing_directory_is_an_error() {
        let err = WordNetPos::from_dir(Path::new("/nonexistent/wordnet")).unwrap_err();
        assert!(err.to_string().contains("index.noun"), "{err}");
    }

    /// Debian's wordnet-base folder when it is installed (tests of the real
    /// files skip, with a note, where it is not).
    pub(crate) fn installed_wordnet() -> Option<&'static Path> {
        let dir = Path::new("/usr/share/wordnet");
        if dir.join("index.noun").exists() && dir.join("data.noun").exists() {
            Some(dir)
        } else {
            eprintln!("skipped: no WordNet in /usr/share/wordnet");
            None
        }
    }

    #[test]
    fn reads_the_installed_wordnet_if_present() {
        let Some(dir) = installed_wordnet() else {
            return;
        };
        let wn = WordNetPos::from_dir(dir).unwrap();
        assert!(wn.len() > 50_000);
        assert_eq!(class(&wn, "geese"), NOUN << INFLECTED);
        assert!(class(&wn, "walked") & (VERB << INFLECTED) != 0);
    }
}
