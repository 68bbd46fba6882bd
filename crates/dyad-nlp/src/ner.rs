//! Named-entity recognizer (PER, ORG, LOC, ... as in UNER), IOB2 tags.
//!
//! A structured averaged perceptron decoded by first-order Viterbi over valid
//! IOB2 sequences (`I-X` only after `B-X` or `I-X`); trained on whole
//! sentences (Collins 2002), which scored better on dev than greedy
//! left-to-right decoding. Features: the word, its affixes, shape and casing,
//! its neighbours, the XPOS predicted by our tagger, the previous label, and a
//! casing lexicon (how often a word is written in lower case in the training
//! text), which tells proper names from capitalised common words in headlines
//! and at sentence starts.
//!
//! A gazetteer compiled from dyad's own actor dictionaries (countries and
//! places, organisations, armed groups, people) and its NER name lists
//! (`dictionaries/ner`) is stored in the model file: each word inside the
//! longest dictionary match of a kind gets the kind and its position (B/I/L/U)
//! as features, so inference needs nothing else.

pub mod standoff;

use crate::binio::{Reader, Writer};
use crate::features::{f_str, normalize_form, word_flags, FeatureHash, Rng};
use crate::perceptron::{FeatureMap, Model, Scorer, Trainer};
use crate::tagger::{Tagger, WordForms, WordHashes};
use crate::NlpError;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

const MAGIC: &[u8; 8] = b"DYADNER1";
const VERSION: u32 = 5;
/// Older model files (Viterbi, gazetteer with 16-bit masks, no WordNet noun classes).
const VERSION_NO_SENSES: u32 = 4;
/// Older model files (no gazetteer) that still load.
const VERSION_NO_GAZETTEER: u32 = 2;
/// Older model files (gazetteer of actor dictionaries only, 8-bit kind masks).
const VERSION_GAZETTEER_U8: u32 = 3;
/// Longest gazetteer phrase, in words.
const GAZ_MAX_WORDS: usize = 6;
const PRUNE: f32 = 0.0;
/// Number of perceptrons (different shuffles) averaged into the model.
const ENSEMBLE: usize = 3;

/// A gold IOB2 sentence.
#[derive(Debug, Clone, Default)]
pub struct NerSentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

/// Settings for [`Ner::train`].
#[derive(Debug, Clone)]
pub struct NerConfig {
    pub epochs: usize,
    pub seed: u64,
    pub verbose: bool,
    /// Entity types to learn; other labels in the data (UNER-EWT's 2022 train
    /// file has `OTH` and stray `B-O`) are read as `O`.
    pub types: Vec<String>,
    /// Raw texts (news) whose casing statistics extend the casing lexicon.
    pub raw_texts: Vec<String>,
    /// Bonus for entity labels; `None`: tuned on dev (0 without dev).
    pub entity_bias: Option<f32>,
    /// Names whose matches become features (compiled into the model).
    pub gazetteer: Gazetteer,
    /// WordNet noun classes (empty: no WordNet features; compiled into the model).
    pub senses: NounSenses,
    /// Where documents start in the dev sentences (see
    /// [`Ner::evaluate_documents`]): dev scores, which pick the epoch and the
    /// bias, then include the document-level consistency pass.
    pub dev_newdoc: Vec<bool>,
}

/// Kinds of gazetteer names (bit positions in [`Gazetteer`] masks). Fine kinds
/// rather than entity types: the perceptron learns what each kind means under
/// UNER's conventions (a demonym from `countries.txt` is not a LOC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazKind {
    /// A country or place name (`countries.txt`, plain 3-letter code).
    Country = 0,
    /// A name in `countries.txt` with a longer code (capitals as governments,
    /// `Kremlin`, ministries).
    CountrySector = 1,
    /// `organisations.txt`.
    Organisation = 2,
    /// `armed_groups.txt`.
    ArmedGroup = 3,
    /// A person's name of two or more words (`people*.txt`).
    Person = 4,
    /// A one-word alias of a person (mostly surnames).
    PersonAlias = 5,
    /// The first word of a person's multi-word name (given names).
    FirstName = 6,
    /// A place in dyad's NER name lists (`dictionaries/ner`, kind `LOC`).
    ListLoc = 7,
    /// An organisation in the NER name lists (kind `ORG`).
    ListOrg = 8,
    /// A person in the NER name lists (kind `PER`).
    ListPer = 9,
    /// A given name in the NER name lists (kind `GIVEN`).
    ListGiven = 10,
}

const GAZ_KINDS: usize = 11;

/// Lower-case phrases (at most [`GAZ_MAX_WORDS`] words) with a bit mask of
/// their [`GazKind`]s, keyed by the phrase hash.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    phrases: FeatureMap<u16>,
}

/// Gazetteer form of one word: lower case, dots inside words dropped
/// (`U.S.` = `us`), as dyad's dictionaries match.
fn gaz_word(w: &str) -> String {
    let low: String = normalize_form(w)
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    if low.len() > 1 && low.chars().any(|c| c.is_alphabetic()) {
        low.chars().filter(|&c| c != '.').collect()
    } else {
        low
    }
}

/// Appends [`gaz_word`] of a word to `buf`, given the word already normalised
/// ([`normalize_form`]; the NER has it from the tagger): no `String` per word.
fn push_gaz_word(norm: &str, buf: &mut String) {
    let start = buf.len();
    if norm.is_ascii() {
        // ASCII lower-casing keeps every byte's position, and an ASCII
        // character is alphabetic exactly when it is an ASCII letter.
        buf.push_str(norm);
        buf[start..].make_ascii_lowercase();
        let b = norm.as_bytes();
        if b.len() > 1 && b.contains(&b'.') && b.iter().any(u8::is_ascii_alphabetic) {
            let kept: String = buf[start..].chars().filter(|&c| c != '.').collect();
            buf.truncate(start);
            buf.push_str(&kept);
        }
        return;
    }
    buf.extend(norm.chars().flat_map(char::to_lowercase));
    let low = &buf[start..];
    if low.len() > 1 && low.contains('.') && low.chars().any(|c| c.is_alphabetic()) {
        let kept: String = low.chars().filter(|&c| c != '.').collect();
        buf.truncate(start);
        buf.push_str(&kept);
    }
}

fn gaz_key(words: &[String]) -> u64 {
    let mut h = FeatureHash::template(250);
    for w in words {
        h = h.str(w);
    }
    h.finish()
}

/// The `*.txt` files of `dir`, sorted by name; an error if there are none (`what`
/// names them in the message: "dictionary", "name list").
fn txt_files(dir: &Path, what: &str) -> Result<Vec<std::path::PathBuf>, NlpError> {
    let entries = std::fs::read_dir(dir).map_err(|e| NlpError::io(dir, e))?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(NlpError::Data(format!(
            "{}: no {what} (*.txt) files",
            dir.display()
        )));
    }
    Ok(files)
}

impl Gazetteer {
    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// No phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Adds a name (split on white space; a possessive `'s` is dropped; a
    /// hyphenated word is also added split into pieces, as treebanks split it).
    pub fn add(&mut self, kind: GazKind, name: &str) {
        let mut words: Vec<String> = name.split_whitespace().map(gaz_word).collect();
        if let Some(last) = words.last_mut() {
            if let Some(stem) = last.strip_suffix("'s").or_else(|| last.strip_suffix("’s")) {
                *last = stem.to_string();
            }
        }
        words.retain(|w| !w.is_empty());
        if words.is_empty() {
            return;
        }
        let split: Vec<String> = words
            .iter()
            .flat_map(|w| {
                if w.len() > 1 && w.contains('-') {
                    let mut v = Vec::new();
                    for (k, piece) in w.split('-').enumerate() {
                        if k > 0 {
                            v.push("-".to_string());
                        }
                        if !piece.is_empty() {
                            v.push(piece.to_string());
                        }
                    }
                    v
                } else {
                    vec![w.clone()]
                }
            })
            .collect();
        for ws in [&words, &split] {
            if ws.len() <= GAZ_MAX_WORDS {
                *self.phrases.entry(gaz_key(ws)).or_default() |= 1 << kind as u16;
            }
        }
    }

    /// Reads dyad's actor dictionaries (`CODE<TAB>name; name; ...`) from `dir`:
    /// `countries*.txt`, `organisations*.txt`, `armed_groups*.txt` and
    /// `people*.txt`; other files are skipped.
    pub fn from_dir(dir: &Path) -> Result<Gazetteer, NlpError> {
        let mut g = Gazetteer::default();
        for path in txt_files(dir, "dictionary")? {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let file_kind = if name.starts_with("countr") {
                GazKind::Country
            } else if name.starts_with("organi") {
                GazKind::Organisation
            } else if name.starts_with("armed") {
                GazKind::ArmedGroup
            } else if name.starts_with("people") {
                GazKind::Person
            } else {
                continue;
            };
            let text = std::fs::read_to_string(&path).map_err(|e| NlpError::io(&path, e))?;
            g.add_dictionary(file_kind, &text)
                .map_err(|m| NlpError::Data(format!("{}: {m}", path.display())))?;
        }
        Ok(g)
    }

    /// Reads dyad's NER name lists (`KIND<TAB>name` lines, KIND one of `PER`,
    /// `ORG`, `LOC`, `GIVEN`; `#` starts a comment) from every `*.txt` file of `dir`.
    pub fn add_name_lists(&mut self, dir: &Path) -> Result<(), NlpError> {
        for path in txt_files(dir, "name list")? {
            let text = std::fs::read_to_string(&path).map_err(|e| NlpError::io(&path, e))?;
            self.add_name_list(&text)
                .map_err(|m| NlpError::Data(format!("{}: {m}", path.display())))?;
        }
        Ok(())
    }

    /// Adds the names of one name list's text (`KIND<TAB>name` lines).
    pub fn add_name_list(&mut self, text: &str) -> Result<(), String> {
        for (n, line) in text.lines().enumerate() {
            let line = match line.find('#') {
                Some(p) if p == 0 || line[..p].ends_with(char::is_whitespace) => &line[..p],
                _ => line,
            };
            if line.trim().is_empty() {
                continue;
            }
            let (kind, name) = match line.split_once('\t') {
                Some((k, name)) if !name.trim().is_empty() => (k.trim(), name.trim()),
                _ => return Err(format!("line {}: expected KIND<TAB>name", n + 1)),
            };
            let kind = match kind {
                "LOC" => GazKind::ListLoc,
                "ORG" => GazKind::ListOrg,
                "PER" => GazKind::ListPer,
                "GIVEN" => GazKind::ListGiven,
                other => {
                    return Err(format!(
                        "line {}: unknown kind {other:?} (PER, ORG, LOC or GIVEN)",
                        n + 1
                    ))
                }
            };
            self.add(kind, name);
        }
        Ok(())
    }

    /// Adds the names of one dictionary file's text; `kind` is the file's kind.
    pub fn add_dictionary(&mut self, kind: GazKind, text: &str) -> Result<(), String> {
        for (n, line) in text.lines().enumerate() {
            let line = match line.find('#') {
                Some(p) if p == 0 || line[..p].ends_with(char::is_whitespace) => &line[..p],
                _ => line,
            };
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let code = fields.next().unwrap_or("").trim();
            let names = match fields.next() {
                Some(names) if !code.is_empty() => names,
                _ => return Err(format!("line {}: expected CODE<TAB>names", n + 1)),
            };
            for name in names.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                let words = name.split_whitespace().count();
                let k = match kind {
                    GazKind::Country if code.len() > 3 => GazKind::CountrySector,
                    GazKind::Person if words == 1 => GazKind::PersonAlias,
                    k => k,
                };
                self.add(k, name);
                if k == GazKind::Person {
                    if let Some(first) = name.split_whitespace().next() {
                        if first.chars().count() > 1 && !first.ends_with('.') {
                            self.add(GazKind::FirstName, first);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// For each word, per kind: position in the longest match of that kind
    /// starting leftmost (0 none, 1 B, 2 I, 3 L, 4 U).
    fn tag<S: AsRef<str>>(&self, gw: &[S]) -> Vec<[u8; GAZ_KINDS]> {
        let n = gw.len();
        let mut out = vec![[0u8; GAZ_KINDS]; n];
        if self.phrases.is_empty() {
            return out;
        }
        // masks[i][l-1]: kinds of the phrase gw[i..i+l].
        let masks: Vec<[u16; GAZ_MAX_WORDS]> = (0..n)
            .map(|i| {
                let mut m = [0u16; GAZ_MAX_WORDS];
                // The key of gw[i..i+l] extends that of gw[i..i+l-1] (as gaz_key).
                let mut h = FeatureHash::template(250);
                for l in 1..=GAZ_MAX_WORDS.min(n - i) {
                    h = h.str(gw[i + l - 1].as_ref());
                    m[l - 1] = self.phrases.get(&h.finish()).copied().unwrap_or(0);
                }
                m
            })
            .collect();
        for k in 0..GAZ_KINDS {
            let bit = 1u16 << k;
            let mut i = 0;
            while i < n {
                match (1..=GAZ_MAX_WORDS)
                    .rev()
                    .find(|&l| masks[i][l - 1] & bit != 0)
                {
                    Some(1) => {
                        out[i][k] = 4;
                        i += 1;
                    }
                    Some(l) => {
                        out[i][k] = 1;
                        for slot in out.iter_mut().take(i + l - 1).skip(i + 1) {
                            slot[k] = 2;
                        }
                        out[i + l - 1][k] = 3;
                        i += l;
                    }
                    None => i += 1,
                }
            }
        }
        out
    }
}

impl Default for NerConfig {
    fn default() -> Self {
        NerConfig {
            epochs: 15,
            seed: 1,
            verbose: false,
            types: ["PER", "ORG", "LOC"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            raw_texts: Vec::new(),
            entity_bias: None,
            gazetteer: Gazetteer::default(),
            senses: NounSenses::default(),
            dev_newdoc: Vec::new(),
        }
    }
}

/// WordNet 3.0 noun classes per lower-case lemma (`university`, `paris`,
/// `united_nations`): a 16-bit code ([`NounSenses::code_of`]) keyed by the low
/// 32 bits of the lemma's `f_str(0, lower)` hash, so the model file holds no
/// words and nothing reads the WordNet files at run time. The classes are
/// WordNet's lexicographer files (noun.person, noun.location, noun.group,
/// noun.artifact, ...): `Council`, `Party`, `Ministry` are groups, `River` and
/// `Province` locations, `Airport` and `Hotel` artifacts, and proper names
/// WordNet knows (`Paris`, `NATO`, `Shakespeare`) are instances.
///
/// WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
/// (See models/LICENSE.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NounSenses {
    codes: FeatureMap<u16>,
}

/// Code bits besides the first sense's lexicographer file + 1 (bits 0-5).
const SENSE_PERSON: u16 = 1 << 6;
const SENSE_LOCATION: u16 = 1 << 7;
const SENSE_GROUP: u16 = 1 << 8;
const SENSE_ARTIFACT: u16 = 1 << 9;
/// Some sense is an instance (an `@i` hypernym pointer: a proper name).
const SENSE_INSTANCE: u16 = 1 << 10;
/// The first sense is an instance.
const SENSE_FIRST_INSTANCE: u16 = 1 << 11;

fn sense_key(lower_hash: u64) -> u64 {
    lower_hash & 0xffff_ffff
}

impl NounSenses {
    /// Reads `data.noun` and `index.noun` of a WordNet 3.0 `dict` directory
    /// (e.g. `/usr/share/wordnet`).
    pub fn from_dir(dir: &Path) -> Result<NounSenses, NlpError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| NlpError::io(&path, e))
        };
        let data = read("data.noun")?;
        let index = read("index.noun")?;
        let s = NounSenses::from_texts(&data, &index)
            .map_err(|e| NlpError::Data(format!("{}: {e}", dir.display())))?;
        if s.codes.is_empty() {
            return Err(NlpError::Data(format!(
                "{}: no WordNet noun entries found",
                dir.display()
            )));
        }
        Ok(s)
    }

    /// Builds the codes from the texts of `data.noun` (synset offset ->
    /// lexicographer file, instance or not) and `index.noun` (lemma -> its
    /// synsets, most frequent sense first). Lines starting with a space (the
    /// licence header) are skipped.
    pub fn from_texts(data: &str, index: &str) -> Result<NounSenses, String> {
        // offset -> (lexfile, instance)
        let mut synsets: HashMap<u32, (u8, bool)> = HashMap::new();
        for (n, line) in data.lines().enumerate() {
            if line.starts_with(' ') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('|').next().unwrap_or("").split(' ').collect();
            let bad = || format!("data.noun line {}: malformed synset", n + 1);
            let offset: u32 = f.first().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
            let lexfile: u8 = f.get(1).and_then(|x| x.parse().ok()).ok_or_else(bad)?;
            // Two hex digits of word count and three decimal digits of
            // pointer count (WordNet's format): small types, so that a
            // malformed count can neither overflow nor loop for long.
            let words = f
                .get(3)
                .and_then(|x| u8::from_str_radix(x, 16).ok())
                .ok_or_else(bad)?;
            let p = 4 + 2 * words as usize;
            let ptrs: u16 = f.get(p).and_then(|x| x.parse().ok()).ok_or_else(bad)?;
            let instance = f
                .get(p + 1..)
                .unwrap_or(&[])
                .iter()
                .step_by(4)
                .take(ptrs as usize)
                .any(|&x| x == "@i");
            synsets.insert(offset, (lexfile.min(62), instance));
        }
        let mut codes = FeatureMap::default();
        for (n, line) in index.lines().enumerate() {
            if line.starts_with(' ') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split_whitespace().collect();
            let bad = || format!("index.noun line {}: malformed entry", n + 1);
            let count: usize = f.get(2).and_then(|x| x.parse().ok()).ok_or_else(bad)?;
            if count == 0 || count > f.len() {
                return Err(bad());
            }
            let mut code = 0u16;
            for (k, off) in f[f.len() - count..].iter().enumerate() {
                let off: u32 = off.parse().map_err(|_| bad())?;
                let Some(&(lex, inst)) = synsets.get(&off) else {
                    return Err(format!(
                        "index.noun line {}: synset {off} not in data.noun",
                        n + 1
                    ));
                };
                if k == 0 {
                    code |= lex as u16 + 1;
                    if inst {
                        code |= SENSE_FIRST_INSTANCE;
                    }
                }
                if k < 3 {
                    code |= match lex {
                        18 => SENSE_PERSON,
                        15 => SENSE_LOCATION,
                        14 => SENSE_GROUP,
                        6 => SENSE_ARTIFACT,
                        _ => 0,
                    };
                }
                if inst {
                    code |= SENSE_INSTANCE;
                }
            }
            codes.insert(sense_key(f_str(0, f[0])), code);
        }
        Ok(NounSenses { codes })
    }

    /// True if there are no noun classes (a model without WordNet features).
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Number of stored lemmas.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// The code of a lower-case word (`lower_hash` = `f_str(0, lower)`), or of
    /// its singular by WordNet's noun detachment rules (`forces`, `cities`,
    /// `churches`); 0: not a WordNet noun.
    fn code(&self, lower: &str, lower_hash: u64) -> u16 {
        if let Some(&c) = self.codes.get(&sense_key(lower_hash)) {
            return c;
        }
        self.code_of_plural(lower)
    }

    /// [`NounSenses::code`] of a normalised word given with the hash of its
    /// lower case: the word is lower-cased (into `buf`) only when its own
    /// entry is missing and it may be a plural.
    fn code_of_norm(&self, norm: &str, lower_hash: u64, buf: &mut String) -> u16 {
        if let Some(&c) = self.codes.get(&sense_key(lower_hash)) {
            return c;
        }
        buf.clear();
        if norm.is_ascii() {
            // ASCII lower-casing keeps the length and maps only `S` to `s`.
            if norm.len() < 4 || !matches!(norm.as_bytes()[norm.len() - 1], b's' | b'S') {
                return 0;
            }
            buf.push_str(norm);
            buf.make_ascii_lowercase();
        } else {
            buf.extend(norm.chars().flat_map(char::to_lowercase));
        }
        self.code_of_plural(buf)
    }

    /// The code of a lower-case word's singular (0: none, or not a plural).
    fn code_of_plural(&self, lower: &str) -> u16 {
        if lower.len() < 4 || !lower.ends_with('s') {
            return 0;
        }
        let get = |t: &str| self.codes.get(&sense_key(f_str(0, t))).copied();
        // Morphy's noun rules: `-s`, `-ies` -> `-y`, `-es` (no allocation but `-ies`).
        if let Some(c) = get(&lower[..lower.len() - 1]) {
            return c;
        }
        if let Some(b) = lower.strip_suffix("ies") {
            if let Some(c) = get(&format!("{b}y")) {
                return c;
            }
        }
        lower.strip_suffix("es").and_then(get).unwrap_or(0)
    }

    /// The code of a lemma as WordNet spells it (`united_nations`).
    pub fn code_of(&self, lemma: &str) -> u16 {
        self.code(lemma, f_str(0, lemma))
    }
}

/// The trained recognizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Ner {
    /// `O`, then `B-X`, `I-X` pairs.
    labels: Vec<String>,
    model: Model,
    /// Lower-case word -> share of its occurrences written in lower case, in
    /// 1/8 steps (only words seen at least twice).
    casing: FeatureMap<u8>,
    /// Added to the score of every entity label (in the model's weight units):
    /// perceptrons tend to under-predict entities, so a bonus tuned on dev
    /// trades a little precision for more recall.
    entity_bias: f32,
    /// Dictionary names (empty in version-2 model files).
    gazetteer: Gazetteer,
    /// WordNet noun classes (empty in files before version 5, and without --wordnet).
    senses: NounSenses,
}

struct Context {
    norm: Vec<String>,
    /// Per-word string hashes, computed once per sentence.
    h: Vec<WordHashes>,
    start: WordHashes,
    end: WordHashes,
    flags: Vec<u64>,
    xpos: Vec<u64>,
    casing: Vec<u64>,
    /// The sentence is mostly upper case (a headline): casing says little.
    caps_sentence: bool,
    /// For each word inside a run of capitalised words (possibly joined by
    /// `of`, `the`, `de`, `and`, `-`, `&`): (first word, last word, position,
    /// length) of the run; the last word of a name often gives its type
    /// (`... Association`, `... Street`).
    runs: Vec<Option<(usize, usize)>>,
    /// Per word, per gazetteer kind: position in a match (0 none).
    gaz: Vec<[u8; GAZ_KINDS]>,
    /// Acronyms defined in the sentence (`Coalition Provisional Authority (
    /// CPA )`, the initials of the capitalised run right before the bracket):
    /// 1 on the acronym, 2 on the words of the name it abbreviates.
    acro: Vec<u8>,
    /// Per word inside a capitalised run: its [`head_class`] (0 outside runs).
    head: Vec<u64>,
    /// Per word: its WordNet noun code (empty without noun classes).
    sense: Vec<u16>,
}

/// Head words that mark a name's type wherever they stand in a run of
/// capitalised words (`Ministry of Defence`, `Acme Corp`, `Red River`): 1 for
/// organisations, 2 for places, 3 for buildings and venues (UNER mostly calls
/// them places, sometimes organisations), 0 otherwise. Hand-listed, so they
/// generalise beyond the names the training text happens to contain.
fn head_class(lower: &str) -> u64 {
    match lower {
        "ministry" | "council" | "party" | "association" | "university" | "inc" | "corp"
        | "corporation" | "agency" | "committee" | "bank" | "army" | "front" | "organization"
        | "organisation" | "company" | "co" | "ltd" | "group" | "institute" | "union"
        | "commission" | "court" | "department" | "federation" | "foundation" | "league"
        | "parliament" | "senate" | "congress" | "assembly" | "police" | "navy" | "force"
        | "forces" | "college" | "school" | "club" | "society" | "office" | "bureau"
        | "authority" | "board" | "service" | "services" | "network" | "times" | "news"
        | "press" | "airlines" | "airways" | "brigade" | "brigades" | "movement" | "government"
        | "fund" | "church" | "team" | "fc" | "llc" | "plc" | "systems" | "technologies"
        | "partners" | "industries" | "holdings" | "enterprises" | "solutions"
        | "international" | "energy" | "alliance" | "motors" | "records" | "studios"
        | "pictures" | "orchestra" | "band" | "magazine" | "journal" | "post" | "tribune"
        | "herald" | "gazette" | "daily" | "channel" | "tv" | "radio" | "guard" | "guards"
        | "corps" | "jihad" | "brotherhood" | "cartel" | "labs" | "laboratory" | "laboratories"
        | "academy" | "administration" | "secretariat" | "tribunal" | "cabinet" | "coalition"
        | "council's" | "pharmaceuticals" | "communications" | "airline" | "railways"
        | "railway" | "bancorp" | "trust" | "capital" | "media" | "entertainment"
        | "publishing" | "books" | "software" | "gmbh" | "ag" | "sa" | "pvt" | "limited"
        | "incorporated" => 1,
        "street" | "st" | "avenue" | "ave" | "road" | "rd" | "river" | "mountain" | "mountains"
        | "mount" | "mt" | "island" | "islands" | "city" | "county" | "province" | "lake"
        | "ocean" | "sea" | "valley" | "bay" | "gulf" | "region" | "district" | "peninsula"
        | "desert" | "coast" | "square" | "park" | "bridge" | "strait" | "canyon" | "beach"
        | "village" | "town" | "port" | "cape" | "hills" | "state" | "territory" | "falls"
        | "heights" | "boulevard" | "blvd" | "lane" | "highway" | "drive" | "forest"
        | "glacier" | "basin" | "delta" | "plateau" | "plain" | "plains" | "creek" | "springs"
        | "harbor" | "harbour" | "shire" | "oblast" | "prefecture" | "governorate" | "republic"
        | "kingdom" | "empire" => 2,
        "museum" | "hospital" | "center" | "centre" | "hotel" | "inn" | "station" | "stadium"
        | "arena" | "theater" | "theatre" | "mall" | "library" | "airport" | "base" | "palace"
        | "castle" | "cathedral" | "temple" | "mosque" | "tower" | "building" | "hall"
        | "restaurant" | "cafe" | "grill" | "pizza" | "bar" | "pub" | "shop" | "store"
        | "market" | "gallery" | "zoo" | "prison" | "embassy" | "camp" | "garden" | "gardens"
        | "memorial" | "motel" | "resort" | "plaza" | "dam" => 3,
        _ => 0,
    }
}

/// Lower-case words that may join capitalised words inside one name.
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "de"
            | "and"
            | "for"
            | "-"
            | "&"
            | "'s"
            | "on"
            | "du"
            | "la"
            | "von"
            | "van"
            | "al"
    )
}

fn capital_runs(norm: &[String], flags: &[u64]) -> Vec<Option<(usize, usize)>> {
    let n = norm.len();
    let capital =
        |i: usize| flags[i] & 1 != 0 && norm[i].chars().next().is_some_and(|c| c.is_uppercase());
    let mut out = vec![None; n];
    let mut i = 0;
    while i < n {
        if !capital(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < n && capital(end) {
                end += 1;
            } else if end + 1 < n && is_connector(&norm[end]) && capital(end + 1) {
                end += 2;
            } else {
                break;
            }
        }
        for slot in out.iter_mut().take(end).skip(start) {
            *slot = Some((start, end));
        }
        i = end;
    }
    out
}

const NONE: u64 = 1 << 40;

impl Context {
    fn new(
        words: &[&str],
        xpos: &[&str],
        casing: &FeatureMap<u8>,
        gazetteer: &Gazetteer,
        senses: &NounSenses,
    ) -> Context {
        Context::with_forms(words, xpos, casing, gazetteer, senses, None)
    }

    /// As [`Context::new`], reusing the tagger's normalised words and hashes
    /// of the same words when given (they are computed the same way).
    fn with_forms(
        words: &[&str],
        xpos: &[&str],
        casing: &FeatureMap<u8>,
        gazetteer: &Gazetteer,
        senses: &NounSenses,
        forms: Option<WordForms>,
    ) -> Context {
        let n = words.len();
        let (norm, h, flags) = match forms {
            Some(f) if f.norm.len() == n && f.h.len() == n && f.flags.len() == n => {
                (f.norm, f.h, f.flags)
            }
            _ => {
                let norm: Vec<String> = words.iter().map(|w| normalize_form(w)).collect();
                let mut lower = String::new();
                let h: Vec<WordHashes> = norm
                    .iter()
                    .map(|w| {
                        lower.clear();
                        lower.extend(w.chars().flat_map(char::to_lowercase));
                        WordHashes::of(w, &lower)
                    })
                    .collect();
                let flags = norm.iter().map(|w| word_flags(w)).collect();
                (norm, h, flags)
            }
        };
        let gaz = if gazetteer.is_empty() {
            Vec::new()
        } else {
            // The gazetteer forms of all words in one buffer.
            let mut buf = String::with_capacity(norm.iter().map(|w| w.len()).sum());
            let mut ends = Vec::with_capacity(n);
            for w in &norm {
                push_gaz_word(w, &mut buf);
                ends.push(buf.len());
            }
            let gw: Vec<&str> = ends
                .iter()
                .scan(0, |start, &end| {
                    let w = &buf[*start..end];
                    *start = end;
                    Some(w)
                })
                .collect();
            gazetteer.tag(&gw)
        };
        let xpos = (0..norm.len())
            .map(|i| xpos.get(i).map(|x| f_str(0, x)).unwrap_or(NONE))
            .collect();
        let casing = h
            .iter()
            .map(|wh| casing.get(&wh.lower).map(|&c| c as u64).unwrap_or(99))
            .collect();
        let sense = if senses.is_empty() {
            Vec::new()
        } else {
            let mut buf = String::new();
            norm.iter()
                .zip(&h)
                .map(|(w, wh)| senses.code_of_norm(w, wh.lower, &mut buf))
                .collect()
        };
        let alpha = flags.iter().filter(|&&f| f & 32 == 0).count();
        let caps = flags.iter().filter(|&&f| f & 8 != 0 && f & 64 == 0).count();
        Context {
            norm,
            h,
            start: WordHashes::boundary("<s>"),
            end: WordHashes::boundary("</s>"),
            flags,
            xpos,
            casing,
            caps_sentence: alpha >= 3 && caps * 2 > alpha,
            runs: Vec::new(),
            gaz,
            acro: Vec::new(),
            head: Vec::new(),
            sense,
        }
        .with_runs()
    }

    /// The span `[start, end)` of the gazetteer match of kind `k` that covers word `i`.
    fn gaz_span(&self, i: usize, k: usize) -> (usize, usize) {
        let mut s = i;
        while s > 0 && matches!(self.gaz[s][k], 2 | 3) && matches!(self.gaz[s - 1][k], 1 | 2) {
            s -= 1;
        }
        let mut e = i + 1;
        while e < self.gaz.len()
            && matches!(self.gaz[e - 1][k], 1 | 2)
            && matches!(self.gaz[e][k], 2 | 3)
        {
            e += 1;
        }
        (s, e)
    }

    fn h_at(&self, i: isize) -> WordHashes {
        if i < 0 {
            self.start
        } else {
            self.h.get(i as usize).copied().unwrap_or(self.end)
        }
    }

    fn with_runs(mut self) -> Context {
        self.runs = if self.caps_sentence {
            vec![None; self.norm.len()]
        } else {
            capital_runs(&self.norm, &self.flags)
        };
        let mut lower = String::new();
        self.head = (0..self.norm.len())
            .map(|j| {
                if self.runs[j].is_none() {
                    return 0;
                }
                lower.clear();
                let w = &self.norm[j];
                if w.is_ascii() {
                    lower.push_str(w);
                    lower.make_ascii_lowercase();
                } else {
                    lower.extend(w.chars().flat_map(char::to_lowercase));
                }
                head_class(lower.trim_end_matches('.'))
            })
            .collect();
        self.acro = vec![0; self.norm.len()];
        for i in 2..self.norm.len() {
            let w = &self.norm[i];
            if self.norm[i - 1] != "("
                || !(2..=8).contains(&w.len())
                || !w.bytes().all(|b| b.is_ascii_uppercase())
            {
                continue;
            }
            if let Some((a, b)) = self.runs[i - 2] {
                if b != i - 1 {
                    continue;
                }
                let initials: String = self.norm[a..b]
                    .iter()
                    .filter(|x| !is_connector(x))
                    .filter_map(|x| x.chars().next())
                    .filter(|c| c.is_uppercase())
                    .collect();
                if initials == *w {
                    self.acro[i] = 1;
                    self.acro[a..b].iter_mut().for_each(|x| *x = 2);
                }
            }
        }
        self
    }

    fn num(v: &[u64], i: isize) -> u64 {
        if i < 0 {
            NONE + 1
        } else {
            v.get(i as usize).copied().unwrap_or(NONE + 2)
        }
    }

    fn static_features(&self, i: usize, out: &mut Vec<u64>) {
        let ii = i as isize;
        let h = &self.h[i];
        let (m2, m1, p1, p2) = (
            self.h_at(ii - 2),
            self.h_at(ii - 1),
            self.h_at(ii + 1),
            self.h_at(ii + 2),
        );
        let caps = self.caps_sentence as u64;
        let f1 = |t: u32, a: u64| FeatureHash::template(t).int(a).finish();
        let f2 = |t: u32, a: u64, b: u64| FeatureHash::template(t).int(a).int(b).finish();
        let f3 =
            |t: u32, a: u64, b: u64, c: u64| FeatureHash::template(t).int(a).int(b).int(c).finish();
        let x = self.xpos[i];
        let (xm1, xp1) = (Self::num(&self.xpos, ii - 1), Self::num(&self.xpos, ii + 1));
        out.push(f1(200, 0));
        out.push(f1(201, h.word));
        out.push(f1(202, h.lower));
        out.push(f1(203, h.shape));
        out.push(f2(204, self.flags[i], caps));
        for k in 0..4 {
            out.push(f2(205, k as u64, h.suf[k]));
            out.push(f2(206, k as u64, h.pre[k]));
        }
        out.push(f1(207, x));
        out.push(f2(208, x, h.shape));
        out.push(f1(209, xm1));
        out.push(f1(210, xp1));
        out.push(f3(211, xm1, x, xp1));
        out.push(f1(212, m2.lower));
        out.push(f1(213, m1.lower));
        out.push(f1(214, p1.lower));
        out.push(f1(215, p2.lower));
        out.push(f1(216, m1.shape));
        out.push(f1(217, p1.shape));
        out.push(f3(218, m1.shape, h.shape, p1.shape));
        out.push(f2(219, m1.lower, h.lower));
        out.push(f2(220, h.lower, p1.lower));
        out.push(f3(221, self.casing[i], self.flags[i] & 25, caps));
        out.push(f2(222, self.casing[i], (i == 0) as u64));
        out.push(f2(
            223,
            Self::num(&self.casing, ii + 1),
            self.flags.get(i + 1).map(|f| f & 25).unwrap_or(0),
        ));
        out.push(f2(
            224,
            Self::num(&self.casing, ii - 1),
            if i > 0 { self.flags[i - 1] & 25 } else { 0 },
        ));
        out.push(f2(225, (i == 0) as u64, h.shape));
        out.push(f2(226, p1.suf[2], h.shape));
        out.push(f2(227, m1.suf[2], h.shape));
        out.push(f2(237, self.acro[i] as u64, self.flags[i] & 25));
        let mut run_heads = 0u64;
        match self.runs[i] {
            Some((a, b)) => {
                let len = (b - a).min(5) as u64;
                let pos = if i == a {
                    0
                } else if i + 1 == b {
                    2
                } else {
                    1
                };
                out.push(f3(228, len, pos, (a == 0) as u64));
                out.push(f2(229, self.h[b - 1].lower, pos));
                out.push(f2(230, self.h[a].lower, pos));
                out.push(f1(231, self.h[b - 1].suf[2]));
                out.push(f2(232, self.h_at(a as isize - 1).lower, pos));
                out.push(f1(233, self.h_at(b as isize).lower));
                let heads = (a..b).fold(0u64, |m, j| m | 1 << self.head[j]);
                let last_head = self.head[b - 1];
                run_heads = heads >> 1;
                out.push(f3(234, heads >> 1, pos, len));
                out.push(f2(235, last_head, pos));
            }
            None => out.push(f1(228, 99)),
        }
        if !self.sense.is_empty() {
            // WordNet noun classes: the word's own (with its casing) and that
            // of the last word of its capitalised run (`... Council`,
            // `... River`). The neighbours' classes and two-word lemmas
            // (`United Nations`) did not help on dev.
            let s = |j: usize| self.sense[j] as u64;
            out.push(f3(270, s(i), self.flags[i] & 25, caps));
            if let Some((a, b)) = self.runs[i] {
                let pos = if i == a {
                    0
                } else if i + 1 == b {
                    2
                } else {
                    1
                };
                out.push(f2(273, s(b - 1), pos));
            }
        }
        if let Some(g) = self.gaz.get(i) {
            let cap = self.flags[i] & 25;
            for (k, &pos) in g.iter().enumerate() {
                if pos == 0 {
                    continue;
                }
                let k = k as u64;
                let pos = pos as u64;
                out.push(f2(260, k, pos));
                out.push(f3(261, k, pos, cap));
                out.push(f3(262, k, pos, x));
                out.push(f3(263, k, pos, caps));
                // A match on a word usually written in lower case ("party") is weak.
                out.push(f3(266, k, pos, self.casing[i]));
                // The match against the run of capitalised words around it: a
                // place inside a longer name (`Housing Authority of New Orleans`)
                // is part of that name.
                let (ms, me) = self.gaz_span(i, k as usize);
                let rel = match self.runs[i] {
                    None => 0,
                    Some((a, b)) if (a, b) == (ms, me) => 1,
                    Some((a, b)) if a <= ms && me <= b => 2,
                    Some(_) => 3,
                };
                out.push(f3(267, k, pos, rel));
                out.push(f3(268, k, rel, run_heads));
            }
            // Neighbours' kinds: "President <PER>", "<LOC> , <LOC>".
            let mask = |j: isize| -> u64 {
                if j < 0 {
                    return 0;
                }
                self.gaz
                    .get(j as usize)
                    .map(|g| {
                        g.iter()
                            .enumerate()
                            .fold(0, |m, (k, &p)| m | ((p != 0) as u64) << k)
                    })
                    .unwrap_or(0)
            };
            out.push(f2(264, mask(ii - 1), self.flags[i] & 25));
            out.push(f2(265, mask(ii + 1), self.flags[i] & 25));
        }
    }

    /// Features of the previous labels in greedy models (files of versions 2
    /// and 3): the label before, the two before, and the label before with
    /// this word's shape, lower case and XPOS.
    fn greedy_history_features(&self, i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
        let f2 = |t: u32, a: u64, b: u64| FeatureHash::template(t).int(a).int(b).finish();
        out.push(FeatureHash::template(240).int(p1).finish());
        out.push(f2(241, p1, p2));
        out.push(f2(242, p1, self.h[i].shape));
        out.push(f2(243, p1, self.h[i].lower));
        out.push(f2(244, p1, self.xpos[i]));
    }
}

/// The one history feature of Viterbi models: the previous label alone, a
/// transition weight. Conjoining it with the word's shape, lower case or XPOS
/// (as the greedy models did) did not score better on dev, and a pure
/// transition costs no lookups per word (see [`transitions`]).
fn transition_feature(prev: Option<usize>) -> u64 {
    FeatureHash::template(240).int(label_key(prev)).finish()
}

/// `t[p][y]`: the transition weight from label `p` to label `y` (row
/// [`MAX_LABELS`]: from the sentence start), `-inf` where IOB2 forbids it.
fn transitions<S: Scorer>(model: &S, labels: &[String]) -> Vec<[f32; MAX_LABELS]> {
    let l = labels.len().min(MAX_LABELS);
    let nc = model.n_classes();
    let mut t = vec![[f32::NEG_INFINITY; MAX_LABELS]; MAX_LABELS + 1];
    let mut sc = [0f32; MAX_LABELS + 1];
    for (p, row) in t.iter_mut().enumerate() {
        let prev = if p == MAX_LABELS { None } else { Some(p) };
        if p >= l && prev.is_some() {
            continue;
        }
        sc[..nc].iter_mut().for_each(|s| *s = 0.0);
        model.add_scores(&[transition_feature(prev)], &mut sc[..nc]);
        for (y, x) in row.iter_mut().enumerate().take(l) {
            if allowed(labels, prev, y) {
                *x = sc[y];
            }
        }
    }
    t
}

/// Labels that may follow `prev` (an index into `labels`) in IOB2.
fn allowed(labels: &[String], prev: Option<usize>, next: usize) -> bool {
    match labels[next].strip_prefix("I-") {
        None => true,
        Some(ty) => prev.is_some_and(|p| labels[p].get(2..) == Some(ty)),
    }
}

fn best_allowed(labels: &[String], prev: Option<usize>, scores: &[f32]) -> usize {
    let mut best = 0; // `O` is always allowed
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] && allowed(labels, prev, i) {
            best = i;
        }
    }
    best
}

/// Document-level label consistency, for the labels of one document's
/// sentences (`words[s][i]` labelled `labels[s][i]`, IOB2). A name is often
/// easy to recognise in one sentence (`Google said`) and hard in another
/// (`most Google users`), so every entity the recognizer found whose first
/// word is capitalised votes for its type; then each other occurrence of the
/// same words (case-sensitive) that is unlabelled gets the type that won the
/// vote (ties: no change), and an occurrence labelled as an entity of another
/// type with exactly the same span is retyped. The last word of a person's
/// name of two or more words also votes `PER` for itself (the surname of a
/// person named in full earlier). A one-word name that wins `PER` spreads only
/// if it is such a surname: a lone capitalised word the recognizer took for a
/// person in a few sentences (a program, a star, a product) would otherwise
/// become a person everywhere in the document. Longer names are applied first.
/// Returns the changed labels as `(sentence, word, new label)`.
pub fn consistency_changes(
    words: &[Vec<&str>],
    labels: &[Vec<&str>],
) -> Vec<(usize, usize, String)> {
    // Within one sentence the recognizer already saw every mention (a pass
    // there scored slightly lower on dev): documents of one sentence stay as
    // they are.
    if words.len() < 2 {
        return Vec::new();
    }
    // Labels as (0 `O` / 1 `B` / 2 `I`, type index into `types`).
    let mut types: Vec<&str> = Vec::new();
    let mut cur: Vec<Vec<(u8, usize)>> = labels
        .iter()
        .map(|ls| {
            ls.iter()
                .map(|l| match l.split_once('-') {
                    Some((k @ ("B" | "I"), ty)) => {
                        let t = match types.iter().position(|&x| x == ty) {
                            Some(t) => t,
                            None => {
                                types.push(ty);
                                types.len() - 1
                            }
                        };
                        (if k == "B" { 1 } else { 2 }, t)
                    }
                    _ => (0, 0),
                })
                .collect()
        })
        .collect();
    let mut votes: HashMap<&[&str], Vec<usize>> = HashMap::new();
    // Last words of persons' names of two or more words.
    let mut surnames: HashSet<&str> = HashSet::new();
    for (s, ws) in words.iter().enumerate() {
        for (a, b, ty) in chunks(&labels[s]) {
            if b > ws.len() || !ws[a].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let t = types.iter().position(|&x| x == ty).unwrap_or(0);
            let v = votes
                .entry(&ws[a..b])
                .or_insert_with(|| vec![0; types.len()]);
            v[t] += 1;
            // A person's surname alone (`Barack Obama` ... `Obama said`).
            let last = ws[b - 1];
            if ty == "PER" && b - a >= 2 && last.chars().next().is_some_and(char::is_uppercase) {
                surnames.insert(last);
                let v = votes
                    .entry(&ws[b - 1..b])
                    .or_insert_with(|| vec![0; types.len()]);
                v[t] += 1;
            }
        }
    }
    // The winning type of each name; names whose vote is tied are left alone,
    // and so is a one-word person that is nobody's surname.
    let per = types.iter().position(|&x| x == "PER");
    let mut names: Vec<(&[&str], usize)> = votes
        .into_iter()
        .filter_map(|(k, v)| {
            let top = *v.iter().max()?;
            let mut winners = v.iter().enumerate().filter(|x| *x.1 == top);
            let (t, _) = winners.next()?;
            let lone_person = k.len() == 1 && Some(t) == per && !surnames.contains(k[0]);
            (winners.next().is_none() && !lone_person).then_some((k, t))
        })
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    names.sort_unstable_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    // Names by the hash of their first word (cheaper than hashing the word
    // with the default hasher for every token): a name whose first word only
    // shares the hash fails the comparison below, and the names of one first
    // word keep their order.
    let mut by_first: FeatureMap<Vec<usize>> = FeatureMap::default();
    for (k, (name, _)) in names.iter().enumerate() {
        by_first.entry(f_str(0, name[0])).or_default().push(k);
    }
    for (s, ws) in words.iter().enumerate() {
        let lab = &mut cur[s];
        for a in 0..ws.len().min(lab.len()) {
            let Some(cands) = by_first.get(&f_str(0, ws[a])) else {
                continue;
            };
            for &k in cands {
                let (name, t) = names[k];
                let b = a + name.len();
                if b > ws.len() || ws[a..b] != *name {
                    continue;
                }
                // The span must not continue into the next word's entity.
                if lab.get(b).is_some_and(|x| x.0 == 2) {
                    continue;
                }
                let span = &lab[a..b];
                let empty = span.iter().all(|x| x.0 == 0);
                let other = span[0].0 == 1
                    && span[0].1 != t
                    && span[1..].iter().all(|x| *x == (2, span[0].1));
                if empty || other {
                    lab[a] = (1, t);
                    lab[a + 1..b].iter_mut().for_each(|x| *x = (2, t));
                    break;
                }
            }
        }
    }
    let mut out = Vec::new();
    for (s, ls) in labels.iter().enumerate() {
        for (i, (l, &(k, t))) in ls.iter().zip(&cur[s]).enumerate() {
            // Compared without building the label (most are unchanged).
            let same = match k {
                0 => *l == "O",
                1 => l.strip_prefix("B-") == Some(types[t]),
                _ => l.strip_prefix("I-") == Some(types[t]),
            };
            if !same {
                let new = match k {
                    0 => "O".to_string(),
                    1 => format!("B-{}", types[t]),
                    _ => format!("I-{}", types[t]),
                };
                out.push((s, i, new));
            }
        }
    }
    out
}

/// [`consistency_changes`] applied to the entity labels of a document's
/// analysed sentences (after the NER has labelled each of them).
pub fn harmonize_document(doc: &mut [crate::AnalyzedSentence]) {
    let changes = {
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.form.as_str()).collect())
            .collect();
        let labels: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.ner.as_str()).collect())
            .collect();
        consistency_changes(&words, &labels)
    };
    for (s, i, l) in changes {
        doc[s].tokens[i].ner = l;
    }
}

/// Entity-level counts (conlleval style: exact span and type).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerScores {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    /// The same counts per entity type.
    pub by_type: BTreeMap<String, NerScores>,
}

impl NerScores {
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Entity chunks `(start, end, type)` of an IOB2 sequence. As in conlleval, an
/// `I-X` that does not continue an `X` chunk starts a new one.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (kind, ty) = match t.split_once('-') {
            Some((k, ty)) if k == "B" || k == "I" => (k, ty),
            _ => ("O", ""),
        };
        let continues = kind == "I" && cur.as_ref().is_some_and(|(_, c)| c == ty);
        if !continues {
            if let Some((s, c)) = cur.take() {
                out.push((s, i, c));
            }
            if kind != "O" {
                cur = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((s, c)) = cur {
        out.push((s, tags.len(), c));
    }
    out
}

impl Ner {
    /// IOB2 labels for `words`, given the XPOS our tagger predicted for them.
    pub fn recognize(&self, words: &[&str], xpos: &[&str]) -> Vec<&str> {
        self.recognize_with_forms(words, xpos, None)
    }

    /// [`Ner::recognize`] reusing the tagger's [`WordForms`] of `words`.
    pub(crate) fn recognize_with_forms(
        &self,
        words: &[&str],
        xpos: &[&str],
        forms: Option<WordForms>,
    ) -> Vec<&str> {
        self.recognize_reusing(words, xpos, forms, &mut NerReuse::default())
    }

    /// [`Ner::recognize_with_forms`] keeping what depends on the model only
    /// (the Viterbi transition table) in `reuse` from sentence to sentence
    /// (`Pipeline::analyze` passes one `reuse` for a document's sentences).
    pub(crate) fn recognize_reusing(
        &self,
        words: &[&str],
        xpos: &[&str],
        forms: Option<WordForms>,
        reuse: &mut NerReuse,
    ) -> Vec<&str> {
        if words.is_empty() {
            return Vec::new();
        }
        let ctx = Context::with_forms(
            words,
            xpos,
            &self.casing,
            &self.gazetteer,
            &self.senses,
            forms,
        );
        let mut feats = Vec::with_capacity(64);
        if self.model.n_classes() > self.labels.len() {
            // A table of another recognizer (or none yet) is rebuilt.
            let me = self as *const Ner as usize;
            if reuse.owner != me || reuse.trans.is_empty() {
                reuse.trans = transitions(&self.model, &self.labels);
                reuse.owner = me;
            }
            viterbi(
                &self.model,
                &self.labels,
                &reuse.trans,
                &ctx,
                self.bias_units(),
                &mut feats,
            )
        } else {
            decode(&self.model, &self.labels, &ctx, self.bias_units())
        }
        .into_iter()
        .map(|l| self.labels[l].as_str())
        .collect()
    }

    /// Tags (with `tagger`) and recognizes gold sentences, each a document of
    /// its own (see [`Ner::evaluate_documents`]); entity-level scores.
    pub fn evaluate(&self, gold: &[NerSentence], tagger: &Tagger) -> NerScores {
        self.evaluate_documents(gold, &[], tagger)
    }

    /// [`Ner::evaluate`] with the document-level consistency pass
    /// ([`consistency_changes`]; none in a document of one sentence) over each document, as
    /// [`crate::Pipeline::analyze`] runs it: `newdoc[i]` is true where a
    /// document starts at sentence `i` (sentences past the end of `newdoc`, and
    /// all of them when it is empty, are documents of their own).
    pub fn evaluate_documents(
        &self,
        gold: &[NerSentence],
        newdoc: &[bool],
        tagger: &Tagger,
    ) -> NerScores {
        let preds = self.label_documents(gold, newdoc, tagger);
        let mut s = NerScores::default();
        for (g, pred) in gold.iter().zip(preds) {
            let gc = chunks(&g.tags);
            let pc = chunks(&pred);
            for (_, _, ty) in &gc {
                s.gold += 1;
                s.by_type.entry(ty.clone()).or_default().gold += 1;
            }
            for c in &pc {
                s.predicted += 1;
                let e = s.by_type.entry(c.2.clone()).or_default();
                e.predicted += 1;
                if gc.contains(c) {
                    s.correct += 1;
                    e.correct += 1;
                }
            }
        }
        s
    }

    /// Tags (with `tagger`) and labels the words of `sents`, then runs the
    /// document-level consistency pass over each document (`newdoc` as in
    /// [`Ner::evaluate_documents`]).
    pub fn label_documents(
        &self,
        sents: &[NerSentence],
        newdoc: &[bool],
        tagger: &Tagger,
    ) -> Vec<Vec<&str>> {
        let mut preds: Vec<Vec<&str>> = sents
            .iter()
            .map(|g| {
                let words: Vec<&str> = g.words.iter().map(|w| w.as_str()).collect();
                let tags = tagger.tag(&words);
                let xpos: Vec<&str> = tags.iter().map(|t| t.xpos).collect();
                self.recognize(&words, &xpos)
            })
            .collect();
        let mut start = 0;
        while start < sents.len() {
            let mut end = start + 1;
            while end < sents.len() && end < newdoc.len() && !newdoc[end] {
                end += 1;
            }
            let words: Vec<Vec<&str>> = sents[start..end]
                .iter()
                .map(|g| g.words.iter().map(|w| w.as_str()).collect())
                .collect();
            for (s, i, l) in consistency_changes(&words, &preds[start..end]) {
                preds[start + s][i] = self.label_str(&l);
            }
            start = end;
        }
        preds
    }

    /// Trains on `train` (XPOS from `tagger`), keeping the epoch with the best
    /// F1 on `dev`.
    pub fn train(
        train: &[NerSentence],
        dev: &[NerSentence],
        tagger: &Tagger,
        cfg: &NerConfig,
    ) -> Result<Ner, NlpError> {
        for s in train {
            if s.words.len() != s.tags.len() {
                return Err(NlpError::Data("sentence with mismatched columns".into()));
            }
            for t in &s.tags {
                if t != "O" && !t.starts_with("B-") && !t.starts_with("I-") {
                    return Err(NlpError::Data(format!("bad IOB2 tag {t:?}")));
                }
            }
        }
        let mut types = cfg.types.clone();
        types.sort();
        types.dedup();
        if types.is_empty() || 1 + 2 * types.len() > MAX_LABELS {
            return Err(NlpError::Data("too many entity types".into()));
        }
        let mut labels = vec!["O".to_string()];
        for t in &types {
            labels.push(format!("B-{t}"));
            labels.push(format!("I-{t}"));
        }
        let ids: HashMap<&str, usize> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect();
        let raw: Vec<Vec<String>> = cfg
            .raw_texts
            .iter()
            .flat_map(|t| {
                dyad_text::segment(t)
                    .into_iter()
                    .map(|s| s.tokens.into_iter().map(|t| t.form).collect())
            })
            .collect();
        let casing = casing_lexicon(train.iter().map(|s| &s.words).chain(&raw));
        let mut ner = Ner {
            labels: labels.clone(),
            model: Trainer::new(1).average(0.0),
            casing,
            entity_bias: 0.0,
            gazetteer: cfg.gazetteer.clone(),
            senses: cfg.senses.clone(),
        };
        ner.fit(train, dev, tagger, cfg, &ids);
        Ok(ner)
    }

    /// Trains the perceptrons on `train` with the current casing lexicon and
    /// gazetteer (the epoch with the best dev F1), then sets the entity bias.
    fn fit(
        &mut self,
        train: &[NerSentence],
        dev: &[NerSentence],
        tagger: &Tagger,
        cfg: &NerConfig,
        ids: &HashMap<&str, usize>,
    ) {
        let ner = self;
        let labels = ner.labels.clone();
        ner.entity_bias = 0.0;
        let prepared: Vec<(Vec<Vec<u64>>, Vec<usize>)> = train
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
                let tags = tagger.tag(&words);
                let xpos: Vec<&str> = tags.iter().map(|t| t.xpos).collect();
                let gold = s
                    .tags
                    .iter()
                    .map(|t| ids.get(t.as_str()).copied().unwrap_or(0))
                    .collect();
                let ctx = Context::new(&words, &xpos, &ner.casing, &ner.gazetteer, &ner.senses);
                let sf: Vec<Vec<u64>> = (0..words.len())
                    .map(|i| {
                        let mut f = Vec::with_capacity(64);
                        ctx.static_features(i, &mut f);
                        f
                    })
                    .collect();
                (sf, gold)
            })
            .collect();
        // A few perceptrons on different shuffles, averaged together.
        let mut trainers: Vec<Trainer> = (0..ENSEMBLE)
            .map(|_| Trainer::new(labels.len() + 1))
            .collect();
        let mut rngs: Vec<Rng> = (0..ENSEMBLE as u64)
            .map(|k| Rng::new(cfg.seed.wrapping_add(k.wrapping_mul(7919))))
            .collect();
        let mut order: Vec<usize> = (0..prepared.len()).collect();
        let mut best = (-1.0f64, 0usize);
        for epoch in 1..=cfg.epochs.max(1) {
            for (trainer, rng) in trainers.iter_mut().zip(&mut rngs) {
                rng.shuffle(&mut order);
                for &i in &order {
                    let (sf, gold) = &prepared[i];
                    train_sentence(trainer, &labels, sf, gold);
                }
            }
            let candidate = Trainer::average_many(&trainers, PRUNE);
            let saved = std::mem::replace(&mut ner.model, candidate);
            let f1 = if dev.is_empty() {
                epoch as f64
            } else {
                ner.evaluate_documents(dev, &cfg.dev_newdoc, tagger).f1()
            };
            if f1 <= best.0 {
                ner.model = saved;
            }
            if cfg.verbose {
                if dev.is_empty() {
                    eprintln!("ner epoch {epoch}");
                } else {
                    eprintln!("ner epoch {epoch}: dev f1 {f1:.4}");
                }
            }
            if f1 > best.0 {
                best = (f1, epoch);
            } else if epoch >= best.1 + 4 {
                break;
            }
        }
        ner.entity_bias = match cfg.entity_bias {
            Some(b) => b,
            None if !dev.is_empty() => {
                let mut best = (
                    ner.evaluate_documents(dev, &cfg.dev_newdoc, tagger).f1(),
                    0.0f32,
                );
                for b in [0.5f32, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0] {
                    ner.entity_bias = b;
                    let f1 = ner.evaluate_documents(dev, &cfg.dev_newdoc, tagger).f1();
                    if cfg.verbose {
                        eprintln!("ner entity bias {b}: dev f1 {f1:.4}");
                    }
                    if f1 > best.0 {
                        best = (f1, b);
                    }
                }
                best.1
            }
            None => 0.0,
        };
    }

    /// This model's label equal to `l` (`O` if it has none).
    fn label_str(&self, l: &str) -> &str {
        self.labels
            .iter()
            .find(|x| *x == l)
            .map_or("O", |x| x.as_str())
    }

    /// The entity bias in the model's quantised score units.
    fn bias_units(&self) -> f32 {
        self.entity_bias / self.model.scale()
    }

    /// Serialises the recognizer.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_bytes_version(VERSION)
    }

    /// The file of `version` (the noun classes only from version 5; tests
    /// write version-4 files with it).
    fn to_bytes_version(&self, version: u32) -> Vec<u8> {
        let mut w = Writer::new(MAGIC, version);
        w.strs(&self.labels);
        self.model.write(&mut w);
        let mut c: Vec<(u64, u8)> = self.casing.iter().map(|(&k, &v)| (k, v)).collect();
        c.sort_unstable();
        w.u64s(&c.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u8s(&c.iter().map(|x| x.1).collect::<Vec<_>>());
        w.f32(self.entity_bias);
        let mut g: Vec<(u64, u16)> = self
            .gazetteer
            .phrases
            .iter()
            .map(|(&k, &v)| (k, v))
            .collect();
        g.sort_unstable();
        w.u64s(&g.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u32s(&g.iter().map(|x| x.1 as u32).collect::<Vec<_>>());
        if version < VERSION {
            return w.buf;
        }
        let mut s: Vec<(u32, u16)> = self
            .senses
            .codes
            .iter()
            .map(|(&k, &v)| (k as u32, v))
            .collect();
        s.sort_unstable();
        w.u32s(&s.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u8s(&s.iter().map(|x| x.1 as u8).collect::<Vec<_>>());
        w.u8s(&s.iter().map(|x| (x.1 >> 8) as u8).collect::<Vec<_>>());
        w.buf
    }

    /// Reads a recognizer written by [`Ner::to_bytes`].
    pub fn from_bytes(data: &[u8], what: &str) -> Result<Ner, NlpError> {
        let (mut r, version) = Reader::new(data, MAGIC, what)?;
        if !(VERSION_NO_GAZETTEER..=VERSION).contains(&version) {
            return Err(r.err(&format!(
                "unsupported NER model version {version} (this dyad reads {VERSION_NO_GAZETTEER} to {VERSION})"
            )));
        }
        let labels = r.strs()?;
        let model = Model::read(&mut r)?;
        // Greedy models (versions 2 and 3) have one class per label; Viterbi
        // models (versions 4 and 5) one more, the training-only slot.
        let classes = if version >= VERSION_NO_SENSES {
            labels.len() + 1
        } else {
            labels.len()
        };
        if labels.first().map(|s| s.as_str()) != Some("O")
            || model.n_classes() != classes
            || (version >= VERSION_NO_SENSES && labels.len() > MAX_LABELS)
        {
            return Err(r.err("labels do not match the model"));
        }
        let k = r.u64s()?;
        let v = r.u8s()?;
        if k.len() != v.len() {
            return Err(r.err("casing lexicon lengths differ"));
        }
        let entity_bias = r.f32()?;
        if !entity_bias.is_finite() {
            return Err(r.err("bad entity bias"));
        }
        let mut gazetteer = Gazetteer::default();
        if version >= VERSION_GAZETTEER_U8 {
            let k = r.u64s()?;
            let m: Vec<u16> = if version == VERSION_GAZETTEER_U8 {
                r.u8s()?.into_iter().map(u16::from).collect()
            } else {
                let m = r.u32s()?;
                if m.iter().any(|&x| x >> GAZ_KINDS != 0) {
                    return Err(r.err("bad gazetteer kind mask"));
                }
                m.into_iter().map(|x| x as u16).collect()
            };
            if k.len() != m.len() {
                return Err(r.err("gazetteer lengths differ"));
            }
            gazetteer.phrases = k.into_iter().zip(m).collect();
        }
        let mut senses = NounSenses::default();
        if version >= VERSION {
            let k = r.u32s()?;
            let lo = r.u8s()?;
            let hi = r.u8s()?;
            if k.len() != lo.len() || k.len() != hi.len() {
                return Err(r.err("WordNet noun class lengths differ"));
            }
            senses.codes = k
                .into_iter()
                .zip(lo.into_iter().zip(hi))
                .map(|(k, (lo, hi))| (k as u64, lo as u16 | (hi as u16) << 8))
                .collect();
        }
        r.finish()?;
        Ok(Ner {
            labels,
            model,
            casing: k.into_iter().zip(v).collect(),
            entity_bias,
            gazetteer,
            senses,
        })
    }

    /// Saves the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), NlpError> {
        std::fs::write(path, self.to_bytes()).map_err(|e| NlpError::io(path, e))
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Ner, NlpError> {
        let data = std::fs::read(path).map_err(|e| NlpError::io(path, e))?;
        Ner::from_bytes(&data, &path.display().to_string())
    }
}

/// How often each word is written in lower case, skipping sentence-initial
/// words (capitalised by position, not by being a name).
fn casing_lexicon<'a>(sents: impl Iterator<Item = &'a Vec<String>>) -> FeatureMap<u8> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for words in sents {
        for w in words.iter().skip(1) {
            let n = normalize_form(w);
            if !n.chars().any(|c| c.is_alphabetic()) {
                continue;
            }
            let low = n.to_lowercase();
            let e = counts.entry(low.clone()).or_default();
            e.0 += 1;
            if n == low {
                e.1 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= 2)
        .map(|(w, (n, l))| (f_str(0, &w), ((l * 8 + n / 2) / n) as u8))
        .collect()
}

/// Greedy left-to-right decoding, for model files of versions 2 and 3 (trained
/// greedily, without the Viterbi models' extra class).
fn decode(model: &Model, labels: &[String], ctx: &Context, bias: f32) -> Vec<usize> {
    let n = ctx.h.len();
    let mut out = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; labels.len()];
    let (mut p1, mut p2): (Option<usize>, Option<usize>) = (None, None);
    for i in 0..n {
        feats.clear();
        ctx.static_features(i, &mut feats);
        ctx.greedy_history_features(i, label_key(p1), label_key(p2), &mut feats);
        scores.iter_mut().for_each(|s| *s = 0.0);
        model.add_scores(&feats, &mut scores);
        scores.iter_mut().skip(1).for_each(|s| *s += bias);
        let guess = best_allowed(labels, p1, &scores);
        out.push(guess);
        p2 = p1;
        p1 = Some(guess);
    }
    out
}

/// What [`Ner::recognize_reusing`] keeps between sentences: the transition
/// table of the recognizer at address `owner` (built on first use).
#[derive(Default)]
pub(crate) struct NerReuse {
    owner: usize,
    trans: Vec<[f32; MAX_LABELS]>,
}

/// Most labels a Viterbi model decodes (`O` + B/I of up to 7 types).
const MAX_LABELS: usize = 15;

/// First-order Viterbi decoding: the label sequence with the highest sum of
/// scores, each label scored with the features of its word and of the label
/// before it. `n_labels` real labels; the model may have one more class (the
/// training-only slot, never predicted).
fn viterbi<S: Scorer>(
    model: &S,
    labels: &[String],
    trans: &[[f32; MAX_LABELS]],
    ctx: &Context,
    bias: f32,
    feats: &mut Vec<u64>,
) -> Vec<usize> {
    let feats_of = |i: usize, out: &mut Vec<u64>| {
        out.clear();
        ctx.static_features(i, out);
    };
    viterbi_with(model, labels, trans, ctx.h.len(), bias, feats_of, feats)
}

/// [`viterbi`] over `n` words whose static features `feats_of(i, buf)` writes
/// into `buf` (training passes the precomputed features of the sentence);
/// `trans` = [`transitions`] of `model` and `labels`.
fn viterbi_with<S: Scorer>(
    model: &S,
    labels: &[String],
    trans: &[[f32; MAX_LABELS]],
    n: usize,
    bias: f32,
    mut feats_of: impl FnMut(usize, &mut Vec<u64>),
    feats: &mut Vec<u64>,
) -> Vec<usize> {
    let l = labels.len().min(MAX_LABELS);
    let nc = model.n_classes();
    let mut stat = [0f32; MAX_LABELS + 1];
    let mut delta = [f32::NEG_INFINITY; MAX_LABELS];
    let mut next = [f32::NEG_INFINITY; MAX_LABELS];
    let mut back = vec![0u8; n * l];
    for i in 0..n {
        feats_of(i, feats);
        stat[..nc].iter_mut().for_each(|s| *s = 0.0);
        model.add_scores(feats, &mut stat[..nc]);
        stat[1..l].iter_mut().for_each(|s| *s += bias);
        if i == 0 {
            for y in 0..l {
                delta[y] = trans[MAX_LABELS][y] + stat[y];
            }
            continue;
        }
        for y in 0..l {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for p in 0..l {
                let v = delta[p] + trans[p][y];
                if v > best.0 {
                    best = (v, p);
                }
            }
            next[y] = best.0 + stat[y];
            back[i * l + y] = best.1 as u8;
        }
        delta[..l].copy_from_slice(&next[..l]);
    }
    let mut out = vec![0usize; n];
    if n == 0 {
        return out;
    }
    let mut y = 0;
    for k in 1..l {
        if delta[k] > delta[y] {
            y = k;
        }
    }
    for i in (0..n).rev() {
        out[i] = y;
        y = back[i * l + y] as usize;
    }
    out
}

/// One structured-perceptron step: decode the sentence with the current
/// weights and move them towards the gold sequence where the two differ. The
/// extra class `dummy` (one past the labels) takes the other side of the
/// updates that touch one class only, so the real classes get exactly the
/// structured update.
fn train_sentence(t: &mut Trainer, labels: &[String], sf: &[Vec<u64>], gold: &[usize]) {
    let dummy = labels.len();
    let mut feats = Vec::with_capacity(64);
    let feats_of = |i: usize, out: &mut Vec<u64>| {
        out.clear();
        out.extend_from_slice(&sf[i]);
    };
    let trans = transitions(t, labels);
    let pred = viterbi_with(t, labels, &trans, sf.len(), 0.0, feats_of, &mut feats);
    for i in 0..gold.len() {
        t.tick();
        let (g, p) = (gold[i], pred[i]);
        let (gp, pp) = if i == 0 {
            (None, None)
        } else {
            (Some(gold[i - 1]), Some(pred[i - 1]))
        };
        if g == p && gp == pp {
            continue;
        }
        if g != p {
            t.update(&sf[i], g, p);
        }
        let tg = [transition_feature(gp)];
        if gp == pp {
            t.update(&tg, g, p);
        } else {
            t.update(&tg, g, dummy);
            t.update(&[transition_feature(pp)], dummy, p);
        }
    }
}

fn label_key(l: Option<usize>) -> u64 {
    l.map(|x| x as u64).unwrap_or(999)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(s: &str) -> NerSentence {
        let mut words = Vec::new();
        let mut tags = Vec::new();
        for p in s.split_whitespace() {
            let (w, t) = p.rsplit_once('/').unwrap();
            words.push(w.to_string());
            tags.push(t.to_string());
        }
        NerSentence { words, tags }
    }

    fn tiny() -> (Vec<NerSentence>, Tagger) {
        let data = vec![
            sent("John/B-PER Smith/I-PER visited/O Paris/B-LOC ./O"),
            sent("Mary/B-PER works/O for/O Acme/B-ORG Corp/I-ORG ./O"),
            sent("The/O police/O in/O London/B-LOC said/O so/O ./O"),
            sent("Acme/B-ORG Corp/I-ORG hired/O John/B-PER ./O"),
        ];
        (data, crate::tagger::tests::tiny_tagger())
    }

    #[test]
    fn document_consistency_fills_and_retypes_by_majority() {
        fn w(s: &str) -> Vec<&str> {
            s.split(' ').collect()
        }
        let words = vec![
            w("Google said Acme Corp grew"),
            w("most Google users like Acme Corp"),
            w("Acme Corp sued Google in Paris"),
            w("Paris Hilton met Bob"),
            w("Bob left"),
        ];
        let labels = vec![
            w("B-ORG O B-ORG I-ORG O"),
            w("O O O O B-LOC I-LOC"),
            w("B-ORG I-ORG O B-PER O B-LOC"),
            w("B-PER I-PER O B-PER"),
            w("O O"),
        ];
        let mut ch = consistency_changes(&words, &labels);
        ch.sort();
        assert_eq!(
            ch,
            vec![
                // `Google` (ORG 1 : PER 1) is tied: left alone.
                // `Acme Corp` (ORG 2 : LOC 1): the LOC span is retyped.
                (1, 4, "B-ORG".to_string()),
                (1, 5, "I-ORG".to_string()),
                // `Bob` was PER once, but a one-word person that is nobody's
                // surname does not spread: the unlabelled `Bob` stays.
            ]
        );
        // `Paris` is LOC in its own right but inside `Paris Hilton` (PER) it is
        // not an unlabelled span: no change there.
        assert!(ch.iter().all(|c| c.0 != 3));
        // A surname alone follows the person named in full.
        let ch = consistency_changes(
            &[w("Ann Lee spoke"), w("Lee left")],
            &[w("B-PER I-PER O"), w("O O")],
        );
        assert_eq!(ch, vec![(1, 0, "B-PER".to_string())]);
        // A lone word the recognizer took for a person twice (a program's
        // name) neither fills its unlabelled mentions nor retypes its ORG one;
        // a one-word ORG still spreads.
        let ch = consistency_changes(
            &[
                w("Minetest runs on Linux"),
                w("Minetest is free"),
                w("Minetest grew"),
                w("Linux users like Minetest"),
            ],
            &[
                w("B-PER O O B-ORG"),
                w("B-PER O O"),
                w("B-ORG O"),
                w("O O O O"),
            ],
        );
        assert_eq!(ch, vec![(3, 0, "B-ORG".to_string())]);
        // Lower-case entities do not vote; nothing to do without entities or
        // in a document of one sentence.
        let one = [w("Acme said Acme grew")];
        assert!(consistency_changes(&one, &[w("B-ORG O O O")]).is_empty());
        let lower = [w("apple pie"), w("apple")];
        assert!(consistency_changes(&lower, &[w("B-ORG O"), w("O")]).is_empty());
        assert!(consistency_changes(&[], &[]).is_empty());
    }

    #[test]
    fn harmonize_document_relabels_analyzed_tokens() {
        let sent = |ws: &[(&str, &str)]| crate::AnalyzedSentence {
            tokens: ws
                .iter()
                .map(|(f, l)| crate::AnalyzedToken {
                    form: f.to_string(),
                    ner: l.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        let mut doc = vec![
            sent(&[("Acme", "B-ORG"), ("said", "O")]),
            sent(&[("shares", "O"), ("of", "O"), ("Acme", "O")]),
        ];
        harmonize_document(&mut doc);
        assert_eq!(doc[1].tokens[2].ner, "B-ORG");
        assert_eq!(doc[1].tokens[0].ner, "O");
    }

    #[test]
    fn evaluate_documents_uses_document_starts() {
        let (data, tagger) = tiny();
        let ner = Ner::train(&data, &data, &tagger, &NerConfig::default()).unwrap();
        let each = ner.evaluate(&data, &tagger);
        assert_eq!(ner.evaluate_documents(&data, &[true; 4], &tagger), each);
        let one_doc = ner.evaluate_documents(&data, &[true, false, false, false], &tagger);
        assert_eq!(one_doc.gold, each.gold);
        assert_eq!(ner.label_documents(&data, &[], &tagger).len(), data.len());
    }

    #[test]
    fn chunks_follow_conlleval() {
        let c = chunks(&["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-PER"]);
        assert_eq!(
            c,
            vec![
                (0, 2, "PER".to_string()),
                (3, 4, "LOC".to_string()),
                (4, 5, "ORG".to_string()),
                (5, 6, "PER".to_string())
            ]
        );
    }

    #[test]
    fn learns_tiny_data_and_round_trips() {
        let (data, tagger) = tiny();
        let ner = Ner::train(&data, &data, &tagger, &NerConfig::default()).unwrap();
        let s = ner.evaluate(&data, &tagger);
        assert_eq!(s.f1(), 1.0, "{s:?}");
        let back = Ner::from_bytes(&ner.to_bytes(), "mem").unwrap();
        assert_eq!(back, ner);
        let words = ["Mary", "visited", "London", "."];
        let x = ["NNP", "VBD", "NNP", "."];
        assert_eq!(back.recognize(&words, &x), ner.recognize(&words, &x));
        assert!(Ner::from_bytes(&ner.to_bytes()[..20], "mem").is_err());
    }

    #[test]
    fn gazetteer_marks_longest_matches_and_round_trips() {
        let mut g = Gazetteer::default();
        g.add_dictionary(
            GazKind::Country,
            "# comment\nUSA\tUnited States; U.S.; Washington\nUSAGOV\tWhite House  # seat\n",
        )
        .unwrap();
        g.add_dictionary(GazKind::Person, "-\tVladimir Putin; Putin\tRUSGOV@2000..\n")
            .unwrap();
        g.add_dictionary(GazKind::ArmedGroup, "X\tal-Qaeda\n")
            .unwrap();
        assert!(g
            .add_dictionary(GazKind::Country, "USA United States\n")
            .is_err());
        let words: Vec<String> = [
            "The", "U.S.", "and", "Vladimir", "Putin", "'s", "al", "-", "Qaeda",
        ]
        .iter()
        .map(|w| gaz_word(w))
        .collect();
        let t = g.tag(&words);
        assert_eq!(t[1][GazKind::Country as usize], 4);
        assert_eq!(t[3][GazKind::Person as usize], 1);
        assert_eq!(t[4][GazKind::Person as usize], 3);
        assert_eq!(t[4][GazKind::PersonAlias as usize], 4);
        assert_eq!(t[3][GazKind::FirstName as usize], 4);
        assert_eq!(t[6][GazKind::ArmedGroup as usize], 1);
        assert_eq!(t[8][GazKind::ArmedGroup as usize], 3);
        assert_eq!(t[0], [0; GAZ_KINDS]);
        let white = ["white", "house"].map(String::from);
        assert_eq!(g.tag(&white)[0][GazKind::CountrySector as usize], 1);

        let (data, tagger) = tiny();
        let cfg = NerConfig {
            gazetteer: g,
            ..Default::default()
        };
        let ner = Ner::train(&data, &data, &tagger, &cfg).unwrap();
        assert_eq!(ner.evaluate(&data, &tagger).f1(), 1.0);
        let back = Ner::from_bytes(&ner.to_bytes(), "mem").unwrap();
        assert_eq!(back, ner);
        assert_eq!(back.gazetteer.len(), ner.gazetteer.len());
    }

    #[test]
    fn acronyms_defined_in_parentheses_are_marked() {
        let words = [
            "the",
            "Coalition",
            "Provisional",
            "Authority",
            "(",
            "CPA",
            ")",
            "and",
            "the",
            "UN",
            "(",
            "XYZ",
            ")",
        ];
        let ctx = Context::new(
            &words,
            &[],
            &FeatureMap::default(),
            &Gazetteer::default(),
            &NounSenses::default(),
        );
        assert_eq!(ctx.acro, [0, 2, 2, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn name_lists_are_read_and_checked() {
        let mut g = Gazetteer::default();
        g.add_name_list("# places\nLOC\tTampa Bay\nORG\tAcme Corp  # a company\nGIVEN\tMary\n\n")
            .unwrap();
        let words: Vec<String> = ["tampa", "bay", "acme", "corp", "mary"]
            .iter()
            .map(|w| gaz_word(w))
            .collect();
        let t = g.tag(&words);
        assert_eq!(t[0][GazKind::ListLoc as usize], 1);
        assert_eq!(t[1][GazKind::ListLoc as usize], 3);
        assert_eq!(t[3][GazKind::ListOrg as usize], 3);
        assert_eq!(t[4][GazKind::ListGiven as usize], 4);
        let e = g.add_name_list("LOC\tParis\nCITY\tLyon\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("CITY"), "{e}");
        let e = g.add_name_list("LOC Paris\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
        let dir = std::env::temp_dir().join(format!("dyad-ner-names-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("bad.txt"), "LOC\tParis\nORG\n").unwrap();
        let e = Gazetteer::default()
            .add_name_lists(&dir)
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.txt") && e.contains("line 2"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn viterbi_models_predict_valid_sequences_and_version_3_still_loads() {
        let (data, tagger) = tiny();
        let mut g = Gazetteer::default();
        g.add_name_list("ORG\tAcme Corp\n").unwrap();
        let cfg = NerConfig {
            gazetteer: g,
            ..Default::default()
        };
        let ner = Ner::train(&data, &data, &tagger, &cfg).unwrap();
        // The Viterbi model has the training-only class after the labels.
        assert_eq!(ner.model.n_classes(), ner.labels.len() + 1);
        let words = ["Acme", "Corp", "hired", "Mary", "in", "London"];
        let out = ner.recognize(&words, &["NNP", "NNP", "VBD", "NNP", "IN", "NNP"]);
        assert_eq!(out, ["B-ORG", "I-ORG", "O", "B-PER", "O", "B-LOC"]);
        // One transition table for several sentences gives the same labels; a
        // table built for another recognizer is rebuilt.
        let xpos = ["NNP", "NNP", "VBD", "NNP", "IN", "NNP"];
        let mut reuse = NerReuse::default();
        for ws in [&words[..], &words[2..], &words[..4]] {
            let got = ner.recognize_reusing(ws, &xpos[..ws.len()], None, &mut reuse);
            assert_eq!(got, ner.recognize(ws, &xpos[..ws.len()]));
        }
        assert_eq!(reuse.owner, &ner as *const Ner as usize);
        let other = ner.clone();
        let got = other.recognize_reusing(&words, &xpos, None, &mut reuse);
        assert_eq!(got, out);
        assert_eq!(reuse.owner, &other as *const Ner as usize);
        // A version-3 file (greedy model, 8-bit kind masks: actor kinds only) is
        // read and decoded greedily.
        let mut g3 = Gazetteer::default();
        g3.add(GazKind::Organisation, "Acme Corp");
        let greedy = Ner {
            model: Trainer::new(ner.labels.len()).average(0.0),
            gazetteer: g3,
            ..ner.clone()
        };
        let mut w = Writer::new(MAGIC, VERSION_GAZETTEER_U8);
        w.strs(&greedy.labels);
        greedy.model.write(&mut w);
        w.u64s(&[]);
        w.u8s(&[]);
        w.f32(0.0);
        let g: Vec<(u64, u16)> = greedy
            .gazetteer
            .phrases
            .iter()
            .map(|(&k, &v)| (k, v))
            .collect();
        w.u64s(&g.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u8s(&g.iter().map(|x| x.1 as u8).collect::<Vec<_>>());
        let back = Ner::from_bytes(&w.buf, "v3").unwrap();
        assert_eq!(back.gazetteer, greedy.gazetteer);
        assert_eq!(back.recognize(&words, &[]).len(), words.len());
        // A version-4 file whose model lacks the extra class is refused.
        let mut w = Writer::new(MAGIC, VERSION);
        w.strs(&greedy.labels);
        greedy.model.write(&mut w);
        assert!(Ner::from_bytes(&w.buf, "v4").is_err());
    }

    /// A tiny WordNet: `data.noun` and `index.noun` in the files' formats.
    fn tiny_wordnet() -> NounSenses {
        let data = "  1 This software and database is being provided\n\
            00000001 14 n 01 council 0 000 | a body\n\
            00000002 15 n 02 river 0 watercourse 0 000 | water\n\
            00000003 15 n 01 Paris 0 002 @i 00000004 n 0000 #p 00000005 n 0000 | capital\n\
            00000004 15 n 01 city 0 000 | town\n\
            00000005 14 n 01 United_Nations 0 001 @i 00000001 n 0000 | body\n\
            00000006 18 n 01 paris 0 001 @i 00000007 n 0000 | hero\n\
            00000007 18 n 01 hero 0 000 | brave\n";
        let index = "  1 This software and database is being provided\n\
            council n 1 1 @ 1 0 00000001\n\
            river n 1 0 1 0 00000002\n\
            city n 1 0 1 0 00000004\n\
            paris n 2 2 @ ; 2 1 00000003 00000006\n\
            united_nations n 1 1 @ 1 0 00000005\n";
        NounSenses::from_texts(data, index).unwrap()
    }

    #[test]
    fn context_fast_paths_match_the_plain_computations() {
        let words = [
            "U.S.",
            "u.s",
            "A",
            ".",
            "...",
            "…",
            "“",
            "Councils",
            "COUNCILS",
            "councils",
            "Rivers",
            "cities",
            "CITIES",
            "Paris",
            "PARIS",
            "Straße",
            "ÉLYSÉE",
            "Élysées",
            "İstanbul",
            "ΣΟΦΙΑΣ",
            "1.5",
            "St.",
            "don’t",
            "x",
            "",
            "bus",
            "Bus",
        ];
        // Gazetteer forms written into one buffer = one String per word.
        for w in words {
            let mut buf = String::from("ab");
            push_gaz_word(&normalize_form(w), &mut buf);
            assert_eq!(&buf[2..], gaz_word(w), "{w}");
        }
        // WordNet codes from the normalised word = from its lower case.
        let wn = tiny_wordnet();
        let mut buf = String::new();
        for w in words {
            let norm = normalize_form(w);
            let lower: String = norm.chars().flat_map(char::to_lowercase).collect();
            let want = wn.code(&lower, f_str(0, &lower));
            assert_eq!(
                wn.code_of_norm(&norm, f_str(0, &lower), &mut buf),
                want,
                "{w}"
            );
        }
        // The tagger's forms (with its flags) give the same context as none.
        let tagger = tiny().1;
        let (tags, forms) = tagger.tag_keeping_forms(&words);
        let xpos: Vec<&str> = tags.iter().map(|t| t.xpos).collect();
        let mut g = Gazetteer::default();
        g.add(GazKind::Country, "U.S.");
        g.add(GazKind::ListLoc, "Paris");
        let casing = FeatureMap::default();
        let a = Context::with_forms(&words, &xpos, &casing, &g, &wn, Some(forms));
        let b = Context::new(&words, &xpos, &casing, &g, &wn);
        assert_eq!(a.flags, b.flags);
        assert_eq!(a.gaz, b.gaz);
        assert_eq!(a.sense, b.sense);
        assert_eq!(a.head, b.head);
        assert!(a.gaz[0][GazKind::Country as usize] != 0);
        assert!(a.gaz[14][GazKind::ListLoc as usize] != 0);
    }

    #[test]
    fn wordnet_noun_classes_are_coded_and_version_4_still_loads() {
        let wn = tiny_wordnet();
        assert_eq!(wn.len(), 5);
        assert_eq!(wn.code_of("council"), 15 | SENSE_GROUP);
        assert_eq!(wn.code_of("rivers"), 16 | SENSE_LOCATION);
        assert_eq!(wn.code_of("cities"), 16 | SENSE_LOCATION);
        assert_eq!(
            wn.code_of("paris"),
            16 | SENSE_LOCATION | SENSE_PERSON | SENSE_INSTANCE | SENSE_FIRST_INSTANCE
        );
        assert_eq!(wn.code_of("united_nations") & 63, 15);
        assert_eq!(wn.code_of("acme"), 0);
        assert_eq!(wn.code_of("bus"), 0);
        let e = NounSenses::from_texts("00000001 14 n 01 council 0 000 | x\n", "council n 1 0 9\n")
            .unwrap_err();
        assert!(e.contains("index.noun line 1"), "{e}");
        let e = NounSenses::from_texts("00000001 14 n zz\n", "").unwrap_err();
        assert!(e.contains("data.noun line 1"), "{e}");
        // Huge word and pointer counts are malformed, not an overflow or a long loop.
        for line in [
            "00000001 14 n ffffffffffffffff council 0 000 | x\n",
            "00000001 14 n 01 council 0 9999999999999999 | x\n",
        ] {
            let e = NounSenses::from_texts(line, "").unwrap_err();
            assert!(e.contains("data.noun line 1"), "{e}");
        }
        let words = ["the", "United", "Nations", "Councils", "met", "in", "Paris"];
        let ctx = Context::new(
            &words,
            &[],
            &FeatureMap::default(),
            &Gazetteer::default(),
            &wn,
        );
        assert_eq!(ctx.sense[3], wn.code_of("council"));
        assert_eq!(ctx.sense[6], wn.code_of("paris"));
        // Trained with the classes, the model stores them (version 5) ...
        let (data, tagger) = tiny();
        let cfg = NerConfig {
            senses: wn.clone(),
            ..Default::default()
        };
        let ner = Ner::train(&data, &data, &tagger, &cfg).unwrap();
        assert_eq!(ner.evaluate(&data, &tagger).f1(), 1.0);
        let back = Ner::from_bytes(&ner.to_bytes(), "v5").unwrap();
        assert_eq!(back, ner);
        assert_eq!(back.senses, wn);
        // ... and a version-4 file (no classes) still loads and labels as before.
        let plain = Ner::train(&data, &data, &tagger, &NerConfig::default()).unwrap();
        let v4 = Ner::from_bytes(&plain.to_bytes_version(VERSION_NO_SENSES), "v4").unwrap();
        assert_eq!(v4, plain);
        assert!(v4.senses.is_empty());
        let w = ["Mary", "visited", "London"];
        assert_eq!(
            v4.recognize(&w, &["NNP", "VBD", "NNP"]),
            plain.recognize(&w, &["NNP", "VBD", "NNP"])
        );
    }

    #[test]
    fn reads_the_installed_wordnet_nouns_if_present() {
        let Some(dir) = crate::wordnet::tests::installed_wordnet() else {
            return;
        };
        let wn = NounSenses::from_dir(dir).unwrap();
        assert!(wn.len() > 100_000, "{}", wn.len());
        assert_eq!(wn.code_of("council") & 63, 15);
        assert_eq!(wn.code_of("river") & 63, 18);
        assert_ne!(wn.code_of("paris") & SENSE_FIRST_INSTANCE, 0);
        assert_ne!(wn.code_of("nato") & SENSE_GROUP, 0);
        assert_ne!(wn.code_of("ministries") & SENSE_GROUP, 0);
        assert_ne!(wn.code_of("united_nations") & SENSE_GROUP, 0);
    }

    #[test]
    fn version_2_files_without_gazetteer_still_load() {
        let (data, tagger) = tiny();
        let trained = Ner::train(&data, &data, &tagger, &NerConfig::default()).unwrap();
        // Version-2 models were greedy: one class per label.
        let ner = Ner {
            model: Trainer::new(trained.labels.len()).average(0.0),
            ..trained
        };
        let mut w = Writer::new(MAGIC, VERSION_NO_GAZETTEER);
        w.strs(&ner.labels);
        ner.model.write(&mut w);
        let mut c: Vec<(u64, u8)> = ner.casing.iter().map(|(&k, &v)| (k, v)).collect();
        c.sort_unstable();
        w.u64s(&c.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u8s(&c.iter().map(|x| x.1).collect::<Vec<_>>());
        w.f32(ner.entity_bias);
        assert_eq!(Ner::from_bytes(&w.buf, "v2").unwrap(), ner);
        let mut w = Writer::new(MAGIC, 9);
        w.f32(0.0);
        let e = Ner::from_bytes(&w.buf, "v9").unwrap_err().to_string();
        assert!(e.contains("version 9"), "{e}");
    }

    #[test]
    fn odd_input_gives_valid_iob2() {
        let (data, tagger) = tiny();
        let ner = Ner::train(&data, &[], &tagger, &NerConfig::default()).unwrap();
        assert!(ner.recognize(&[], &[]).is_empty());
        let words: Vec<&str> = (0..1000)
            .map(|i| ["JOHN", "SMITH", "😀", "北京"][i % 4])
            .collect();
        let out = ner.recognize(&words, &[]);
        assert_eq!(out.len(), 1000);
        for (i, t) in out.iter().enumerate() {
            if let Some(ty) = t.strip_prefix("I-") {
                assert!(i > 0 && out[i - 1].ends_with(ty));
            }
        }
    }
}
