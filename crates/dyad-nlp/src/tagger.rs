//! Part-of-speech tagger (PTB XPOS, then UPOS) and lemmatizer.
//!
//! Two greedy left-to-right averaged perceptrons: the first predicts XPOS from
//! the word, its affixes and shape, its neighbours, a tag-dictionary feature
//! (the word's ambiguity class), word classes from raw text
//! ([`crate::clusters`]), the word's parts of speech in WordNet
//! ([`crate::wordnet`]) and the two previous predicted tags (optionally also
//! look-ahead ambiguity classes and a casing lexicon: [`FEAT_LOOKAHEAD`],
//! [`FEAT_CASING`]); the second predicts UPOS from the word and the predicted XPOS around it. The lemmatizer
//! then uses the predicted XPOS. [`Tagger::tag`] is the one function used by
//! training (dev scoring), evaluation and inference.

use crate::binio::{Reader, Writer};
use crate::clusters::{self, Clusters};
use crate::features::{
    f_str, normalize_form, prefix, shape_bytes, suffix, word_flags, FeatureHash, Rng,
};
use crate::lemma::Lemmatizer;
use crate::perceptron::{argmax, FeatureMap, Model, Scorer, Trainer};
use crate::wordnet::WordNetPos;
use crate::NlpError;
use dyad_text::conllu::ConlluSentence;
use std::collections::HashMap;
use std::path::Path;

const MAGIC: &[u8; 8] = b"DYADTAG1";
/// Version 2 adds word clusters (version 1 files load without them); version 3
/// adds the WordNet part-of-speech lexicon (older files load without it);
/// version 4 the optional feature groups (`FEAT_*`) and the casing lexicon. A
/// model without feature groups is still written as version 3 (same bytes).
const VERSION: u32 = 4;
/// Optional feature group: the ambiguity classes of the words at -1, +1 and +2
/// conjoined with the word, its suffix, its class and each other (cheap
/// look-ahead, Choi & Palmer 2012).
pub const FEAT_LOOKAHEAD: u32 = 1;
/// Optional feature group: the word's casing bucket in raw text
/// ([`CasingLexicon`]) with its flags, ambiguity class and suffix (word-only:
/// cached for frequent words), and with its flags and class at the start of a
/// sentence or after an opening quote, bracket or colon.
pub const FEAT_CASING: u32 = 2;
/// All optional feature groups.
pub const FEAT_ALL: u32 = FEAT_LOOKAHEAD | FEAT_CASING;
/// Words seen at least this often get an ambiguity class in the tag dictionary.
const LEXICON_MIN_COUNT: usize = 3;
/// A tag is in a word's ambiguity class if it has at least this share of its uses.
const LEXICON_MIN_SHARE: f64 = 0.05;
/// Averaged weights smaller than this are dropped from the saved model.
const PRUNE: f32 = 0.01;

/// Tags of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedWord<'a> {
    pub xpos: &'a str,
    pub upos: &'a str,
    pub lemma: String,
}

/// The runner-up XPOS of a word ([`Tagger::tag_with_alternatives`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XposAlt<'a> {
    /// The second-best XPOS.
    pub xpos: &'a str,
    /// Score of the chosen XPOS minus the runner-up's, in the perceptron's
    /// real units (>= 0; small = unsure).
    pub margin: f32,
}

/// A trained tagger + lemmatizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    xpos_tags: Vec<String>,
    upos_tags: Vec<String>,
    xpos_model: Model,
    upos_model: Model,
    /// Normalised lower-case word -> bit set of XPOS ids seen for it.
    lexicon: FeatureMap<u64>,
    lemmatizer: Lemmatizer,
    /// Word classes from raw text (empty: no cluster features).
    clusters: Clusters,
    /// Frequent word forms (normalised) whose word-only XPOS scores are
    /// precomputed at load time (stored in the file, version 2).
    cache_words: Vec<String>,
    /// WordNet part-of-speech lexicon (empty: no WordNet features; version 3).
    wordnet: WordNetPos,
    /// Optional feature groups (`FEAT_*` bits; version 4, else 0).
    features: u32,
    /// How words are written in raw text (for [`FEAT_CASING`]; version 4).
    casing: CasingLexicon,
    /// Not stored: the precomputed scores ([`WordCache`]).
    cache: WordCache,
}

/// Summed scores of the word-only XPOS features ([`Context::xpos_word`]) of
/// frequent words, per XPOS pass: a decoding step then looks up only the
/// features that depend on the context. Scores are sums of integers below 2^24,
/// so splitting a sum in two gives exactly the same floats.
#[derive(Debug, Clone, PartialEq, Default)]
struct WordCache {
    /// Hash of the normalised form -> row.
    index: FeatureMap<u32>,
    /// Per row: the word-only scores, and with [`FEAT_CASING`] also those of the
    /// casing features of a word that is not [`Context::initial`] (the decoder
    /// swaps them for an initial word).
    pass1: Vec<f32>,
    /// Per row: the word's casing bucket (with [`FEAT_CASING`]; else empty).
    case: Vec<u8>,
}

/// Most word forms in the score cache.
const CACHE_WORDS: usize = 20_000;

/// Settings for [`Tagger::train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Maximum number of passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Print progress to stderr.
    pub verbose: bool,
    /// Word classes learned from raw text ([`Clusters::train`]); empty for none.
    pub clusters: Clusters,
    /// WordNet part-of-speech lexicon ([`WordNetPos::from_dir`]); empty for none.
    pub wordnet: WordNetPos,
    /// Optional feature groups (`FEAT_*` bits; 0: the session-5 features).
    pub features: u32,
    /// Casing lexicon for [`FEAT_CASING`] ([`CasingLexicon::from_sentences`]).
    pub casing: CasingLexicon,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 1,
            verbose: false,
            clusters: Clusters::default(),
            wordnet: WordNetPos::default(),
            features: 0,
            casing: CasingLexicon::default(),
        }
    }
}

/// How words are written in raw text away from sentence starts: a bucket per
/// normalised lower-case word (keyed by its hash, no words stored), for the
/// [`FEAT_CASING`] features. 1: lower case in under 10% of its uses (a name);
/// 2: mixed; 3: lower case in at least 90%; words with fewer than 2 such uses
/// are absent (bucket 0).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CasingLexicon {
    map: FeatureMap<u8>,
}

impl CasingLexicon {
    /// Counts the uses of alphabetic words in `sentences` that are not at a
    /// sentence start nor after an opening quote, bracket or colon (there
    /// capitals come from the position, not from the word).
    pub fn from_sentences<S: AsRef<str>>(sentences: &[Vec<S>]) -> CasingLexicon {
        let mut counts: FeatureMap<(u32, u32)> = FeatureMap::default();
        let mut lower = String::new();
        for s in sentences {
            let norm: Vec<String> = s.iter().map(|w| normalize_form(w.as_ref())).collect();
            for i in 1..norm.len() {
                let first = match norm[i].chars().next() {
                    Some(c) if c.is_alphabetic() => c,
                    _ => continue,
                };
                if after_opening(&norm[i - 1]) {
                    continue;
                }
                lower.clear();
                lower.extend(norm[i].chars().flat_map(char::to_lowercase));
                let e = counts.entry(f_str(0, &lower)).or_default();
                e.0 += 1;
                e.1 += first.is_lowercase() as u32;
            }
        }
        let map = counts
            .into_iter()
            .filter(|&(_, (n, _))| n >= 2)
            .map(|(k, (n, l))| {
                let bucket = if l * 10 < n {
                    1
                } else if l * 10 >= n * 9 {
                    3
                } else {
                    2
                };
                (k, bucket)
            })
            .collect();
        CasingLexicon { map }
    }

    /// Number of words with a bucket.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No words.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The bucket of a word by the hash of its normalised lower-case form
    /// (`f_str(0, lower)`); 0 when unknown.
    fn bucket(&self, lower_hash: u64) -> u64 {
        self.map.get(&lower_hash).map_or(0, |&b| b as u64)
    }

    fn write(&self, w: &mut Writer) {
        let mut v: Vec<(u64, u8)> = self.map.iter().map(|(&k, &b)| (k, b)).collect();
        v.sort_unstable();
        w.u64s(&v.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u8s(&v.iter().map(|x| x.1).collect::<Vec<_>>());
    }

    fn read(r: &mut Reader) -> Result<CasingLexicon, NlpError> {
        let k = r.u64s()?;
        let v = r.u8s()?;
        if k.len() != v.len() || v.iter().any(|&b| !(1..=3).contains(&b)) {
            return Err(r.err("bad casing lexicon"));
        }
        Ok(CasingLexicon {
            map: k.into_iter().zip(v).collect(),
        })
    }
}

/// A word after this (normalised) token may be capitalised by its position:
/// an opening quote, bracket or a colon.
fn after_opening(prev: &str) -> bool {
    matches!(prev, "``" | "\"" | "'" | "(" | "[" | "-LRB-" | ":")
}

/// Gold annotation of a training sentence.
#[derive(Debug, Clone, Default)]
pub struct GoldSentence {
    pub words: Vec<String>,
    pub xpos: Vec<String>,
    pub upos: Vec<String>,
    pub lemmas: Vec<String>,
}

impl GoldSentence {
    /// The syntactic words of a CoNLL-U sentence.
    pub fn from_conllu(s: &ConlluSentence) -> GoldSentence {
        GoldSentence {
            words: s.words.iter().map(|w| w.form.clone()).collect(),
            xpos: s.words.iter().map(|w| w.xpos.clone()).collect(),
            upos: s.words.iter().map(|w| w.upos.clone()).collect(),
            lemmas: s.words.iter().map(|w| w.lemma.clone()).collect(),
        }
    }
}

/// Per-sentence word views the features are computed from.
struct Context {
    norm: Vec<String>,
    amb: Vec<u64>,
    /// Ambiguity class of the exact (cased) form.
    amb_exact: Vec<u64>,
    flags: Vec<u64>,
    /// Packed cluster ids per word (empty when the tagger has no clusters).
    cl: Vec<u32>,
    /// Level indices (coarse, middle, fine) into the packed ids.
    lv: [u32; 3],
    /// WordNet classes per word (empty when the tagger has no WordNet lexicon).
    wn: Vec<u64>,
    /// Optional feature groups (`FEAT_*` bits).
    features: u32,
    /// Casing buckets per word ([`CasingLexicon`]; empty without [`FEAT_CASING`]).
    case: Vec<u64>,
    /// Per word: its row in the score cache ([`WordCache`]), `u32::MAX` for
    /// none (empty when built without the cache).
    rows: Vec<u32>,
    /// Per-word string hashes, computed once per sentence so that features
    /// combine integers only: word, lower-case word, shape, suffixes 1..=5,
    /// prefixes 1..=4.
    h: Vec<WordHashes>,
    start: WordHashes,
    end: WordHashes,
}

/// A sentence's words normalised (`normalize_form`) and their hashes, as the
/// tagger and the NER both build them.
#[derive(Default)]
pub(crate) struct WordForms {
    pub(crate) norm: Vec<String>,
    pub(crate) h: Vec<WordHashes>,
    /// `word_flags` of each normalised word.
    pub(crate) flags: Vec<u64>,
}

/// String hashes of one word, shared by the tagger and the NER.
#[derive(Clone, Copy)]
pub(crate) struct WordHashes {
    pub(crate) word: u64,
    pub(crate) lower: u64,
    pub(crate) shape: u64,
    /// Suffixes of 1..=5 characters of the lower-case word.
    pub(crate) suf: [u64; 5],
    /// Prefixes of 1..=4 characters.
    pub(crate) pre: [u64; 4],
}

impl WordHashes {
    pub(crate) fn of(norm: &str, lower: &str) -> WordHashes {
        let mut suf = [0u64; 5];
        let mut pre = [0u64; 4];
        let h = |s: &str| FeatureHash::template(0).str(s).finish();
        if lower.is_ascii() {
            // One byte per character: the same slices as `suffix`/`prefix`.
            let n = lower.len();
            for (k, s) in suf.iter_mut().enumerate() {
                *s = h(&lower[n - (k + 1).min(n)..]);
            }
            for (k, p) in pre.iter_mut().enumerate() {
                *p = h(&lower[..(k + 1).min(n)]);
            }
        } else {
            for (k, s) in suf.iter_mut().enumerate() {
                *s = h(suffix(lower, k + 1));
            }
            for (k, p) in pre.iter_mut().enumerate() {
                *p = h(prefix(lower, k + 1));
            }
        }
        let (sh, n) = shape_bytes(norm);
        WordHashes {
            word: f_str(0, norm),
            lower: f_str(0, lower),
            // Shape bytes are ASCII.
            shape: f_str(0, std::str::from_utf8(&sh[..n]).unwrap_or("")),
            suf,
            pre,
        }
    }
    /// Stand-in for the words before the start and after the end.
    pub(crate) fn boundary(s: &str) -> WordHashes {
        let h = f_str(0, s);
        WordHashes {
            word: h,
            lower: h,
            shape: h,
            suf: [h; 5],
            pre: [h; 4],
        }
    }
}

const AMB_START: u64 = u64::MAX;
const AMB_END: u64 = u64::MAX - 1;

impl Context {
    fn new(
        words: &[&str],
        lexicon: &FeatureMap<u64>,
        clusters: &Clusters,
        wordnet: &WordNetPos,
        opt: (u32, &CasingLexicon),
        cached: Option<&WordCache>,
    ) -> Context {
        let (features, casing) = opt;
        let norm: Vec<String> = words.iter().map(|w| normalize_form(w)).collect();
        let mut amb = Vec::with_capacity(norm.len());
        let mut amb_exact = Vec::with_capacity(norm.len());
        let mut h = Vec::with_capacity(norm.len());
        let mut wn = Vec::new();
        let mut case = Vec::new();
        let mut rows = Vec::new();
        let mut lower = String::new();
        for w in &norm {
            lower.clear();
            if w.is_ascii() {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(w.chars().flat_map(char::to_lowercase));
            }
            let wh = WordHashes::of(w, &lower);
            // The row of a cached word, looked up once for the decoder.
            let row = cached.and_then(|c| c.index.get(&wh.word).copied());
            if cached.is_some() {
                rows.push(row.unwrap_or(u32::MAX));
            }
            if !wordnet.is_empty() {
                // The WordNet class only feeds word-only features, whose scores
                // the cache already holds for its words: skip the lookups.
                wn.push(if row.is_some() {
                    0
                } else {
                    wordnet.class(&lower, wh.lower) as u64
                });
            }
            if features & FEAT_CASING != 0 {
                // The cache keeps the buckets of its words.
                let c = row.and_then(|r| cached?.case.get(r as usize).copied());
                case.push(match c {
                    Some(b) => b as u64,
                    None => casing.bucket(wh.lower),
                });
            }
            amb.push(lexicon.get(&wh.lower).copied().unwrap_or(0));
            amb_exact.push(lexicon.get(&exact_key(wh.word)).copied().unwrap_or(0));
            h.push(wh);
        }
        let flags = norm.iter().map(|w| word_flags(w)).collect();
        let cl = if clusters.is_empty() {
            Vec::new()
        } else {
            norm.iter()
                .zip(&h)
                .map(|(w, wh)| {
                    if w.bytes().any(|b| b.is_ascii_digit()) {
                        clusters.get_hash(clusters::key_hash(&clusters::cluster_key(w)))
                    } else {
                        clusters.get_hash(wh.lower)
                    }
                })
                .collect()
        };
        let top = clusters.levels().saturating_sub(1) as u32;
        Context {
            norm,
            amb,
            amb_exact,
            flags,
            cl,
            lv: [0, 1.min(top), 2.min(top)],
            wn,
            features,
            case,
            rows,
            h,
            start: WordHashes::boundary("-START-"),
            end: WordHashes::boundary("-END-"),
        }
    }
    fn h_at(&self, i: isize) -> WordHashes {
        if i < 0 {
            self.start
        } else if i as usize >= self.h.len() {
            self.end
        } else {
            self.h[i as usize]
        }
    }
    /// Cluster id of word `i` at level `l` (0 coarse, 1 middle, 2 fine);
    /// distinct values before the start and after the end.
    #[inline]
    fn cl_at(&self, i: isize, l: usize) -> u64 {
        if i < 0 {
            2000
        } else if i as usize >= self.cl.len() {
            2001
        } else {
            ((self.cl[i as usize] >> (10 * self.lv[l])) & 1023) as u64
        }
    }

    /// Word `i` starts a sentence or follows an opening quote, bracket or colon.
    fn initial(&self, i: usize) -> bool {
        i == 0 || after_opening(&self.norm[i - 1])
    }

    fn amb_at(&self, i: isize) -> u64 {
        class_at(&self.amb, i)
    }

    fn amb_exact_at(&self, i: isize) -> u64 {
        class_at(&self.amb_exact, i)
    }

    /// XPOS features of word `i` that do not depend on predicted tags.
    fn xpos_static(&self, i: usize, out: &mut Vec<u64>) {
        self.xpos_word(i, out);
        self.xpos_context(i, out);
        self.xpos_casing(i, self.initial(i), out);
    }

    /// The XPOS features that depend on the word alone (not on its position or
    /// neighbours): their summed scores can be cached per word type.
    fn xpos_word(&self, i: usize, out: &mut Vec<u64>) {
        let h = &self.h[i];
        let f1 = |t: u32, x: u64| FeatureHash::template(t).int(x).finish();
        let f2 = |t: u32, x: u64, y: u64| FeatureHash::template(t).int(x).int(y).finish();
        out.push(f1(1, 0));
        out.push(f1(2, h.word));
        out.push(f1(3, h.lower));
        for k in 0..4 {
            out.push(f2(4, k as u64, h.suf[k]));
            out.push(f2(5, k as u64, h.pre[k]));
        }
        out.push(f1(6, h.shape));
        out.push(f1(7, self.flags[i]));
        out.push(f1(8, self.amb[i]));
        out.push(f2(23, h.shape, self.amb[i]));
        out.push(f1(26, h.suf[4]));
        out.push(f1(28, self.amb_exact[i]));
        out.push(f2(29, self.amb_exact[i], self.amb[i]));
        if !self.cl.is_empty() {
            let ii = i as isize;
            out.push(f1(40, self.cl_at(ii, 0)));
            out.push(f1(41, self.cl_at(ii, 1)));
            out.push(f1(42, self.cl_at(ii, 2)));
        }
        if !self.wn.is_empty() {
            // The WordNet class alone, with the 3-letter suffix and with the
            // casing flags (more WordNet templates scored lower on dev: MODELS.md).
            let w = self.wn[i];
            out.push(f1(60, w));
            out.push(f2(61, w, h.suf[2]));
            out.push(f2(62, w, self.flags[i]));
        }
        if self.features & FEAT_CASING != 0 {
            let c = self.case[i];
            out.push(f2(70, c, self.flags[i]));
            out.push(f2(71, c, self.amb[i]));
            out.push(f2(72, c, h.suf[2]));
        }
    }

    /// The XPOS features of word `i` that depend on its neighbours or position.
    fn xpos_context(&self, i: usize, out: &mut Vec<u64>) {
        let ii = i as isize;
        let h = &self.h[i];
        let (m1, m2, p1, p2) = (
            self.h_at(ii - 1),
            self.h_at(ii - 2),
            self.h_at(ii + 1),
            self.h_at(ii + 2),
        );
        let f1 = |t: u32, x: u64| FeatureHash::template(t).int(x).finish();
        let f2 = |t: u32, x: u64, y: u64| FeatureHash::template(t).int(x).int(y).finish();
        out.push(f1(9, self.amb_at(ii - 1)));
        out.push(f1(10, self.amb_at(ii + 1)));
        out.push(f2(11, self.amb[i], self.amb_at(ii + 1)));
        out.push(f2(12, self.amb_at(ii - 1), self.amb[i]));
        out.push(f1(13, self.amb_at(ii + 2)));
        out.push(f1(14, m1.lower));
        out.push(f1(15, m2.lower));
        out.push(f1(16, p1.lower));
        out.push(f1(17, p2.lower));
        out.push(f1(18, m1.suf[2]));
        out.push(f1(19, p1.suf[2]));
        out.push(f2(20, m1.lower, h.lower));
        out.push(f2(21, h.lower, p1.lower));
        out.push(f2(22, (i == 0) as u64, self.flags[i]));
        out.push(f1(24, p1.shape));
        out.push(f1(25, m1.shape));
        out.push(
            FeatureHash::template(27)
                .int(m1.lower)
                .int(h.lower)
                .int(p1.lower)
                .finish(),
        );
        if !self.cl.is_empty() {
            let c = |j: isize, l: usize| self.cl_at(j, l);
            out.push(f1(43, c(ii - 1, 2)));
            out.push(f1(44, c(ii + 1, 2)));
            out.push(f1(45, c(ii - 2, 1)));
            out.push(f1(46, c(ii + 2, 1)));
            out.push(f2(47, c(ii - 1, 1), c(ii, 1)));
            out.push(f2(48, c(ii, 1), c(ii + 1, 1)));
        }
        if self.features & FEAT_LOOKAHEAD != 0 {
            let (a1, a2) = (self.amb_at(ii + 1), self.amb_at(ii + 2));
            out.push(f2(80, a1, h.lower));
            out.push(f2(81, a1, h.suf[2]));
            out.push(f2(82, a1, a2));
            out.push(f2(83, a2, h.lower));
            out.push(f2(84, self.amb_at(ii - 1), h.lower));
            out.push(f2(85, self.amb_exact_at(ii + 1), self.amb[i]));
        }
    }

    /// The [`FEAT_CASING`] features of word `i` that depend on its position:
    /// whether it is [`Context::initial`] (`initial`). A cached row holds them
    /// for a word that is not.
    fn xpos_casing(&self, i: usize, initial: bool, out: &mut Vec<u64>) {
        if self.features & FEAT_CASING != 0 {
            let f2 = |t: u32, x: u64, y: u64| FeatureHash::template(t).int(x).int(y).finish();
            let c = self.case[i] * 2 + initial as u64;
            out.push(f2(73, c, self.flags[i]));
            out.push(f2(74, c, self.amb[i]));
        }
    }

    /// XPOS features that depend on the previous predicted tags.
    fn xpos_dynamic(&self, i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
        let h = &self.h[i];
        let f2 = |t: u32, x: u64, y: u64| FeatureHash::template(t).int(x).int(y).finish();
        out.push(FeatureHash::template(30).int(p1).finish());
        out.push(f2(31, p1, p2));
        out.push(f2(32, p1, h.lower));
        out.push(f2(33, p1, self.amb[i]));
        out.push(f2(34, p1, h.suf[2]));
        out.push(f2(35, p1, self.amb_at(i as isize + 1)));
        if !self.cl.is_empty() {
            out.push(f2(50, p1, self.cl_at(i as isize, 1)));
        }
    }

    /// UPOS features of word `i` given all predicted XPOS and the previous UPOS.
    fn upos_features(&self, i: usize, xpos: &[u8], prev_upos: u64, out: &mut Vec<u64>) {
        let x = |j: isize| -> u64 {
            if j < 0 {
                1000
            } else if j as usize >= xpos.len() {
                1001
            } else {
                xpos[j as usize] as u64
            }
        };
        let ii = i as isize;
        let h = &self.h[i];
        let f1 = |t: u32, a: u64| FeatureHash::template(t).int(a).finish();
        let f2 = |t: u32, a: u64, b: u64| FeatureHash::template(t).int(a).int(b).finish();
        let f3 =
            |t: u32, a: u64, b: u64, c: u64| FeatureHash::template(t).int(a).int(b).int(c).finish();
        let xi = x(ii);
        out.push(f1(100, 0));
        out.push(f1(101, h.lower));
        out.push(f1(102, h.suf[1]));
        out.push(f1(103, h.suf[2]));
        out.push(f1(104, xi));
        out.push(f2(105, xi, h.lower));
        out.push(f1(106, x(ii - 1)));
        out.push(f1(107, x(ii + 1)));
        out.push(f2(108, xi, x(ii + 1)));
        out.push(f2(109, xi, x(ii - 1)));
        out.push(f2(110, xi, prev_upos));
        out.push(f2(111, xi, self.h_at(ii + 1).lower));
        out.push(f2(112, xi, self.h_at(ii - 1).lower));
        out.push(f2(113, xi, self.flags[i]));
        out.push(f3(114, xi, x(ii + 1), x(ii + 2)));
        out.push(f3(115, xi, x(ii - 1), x(ii - 2)));
    }
}

/// Greedy XPOS decoding; `cache` holds the precomputed word-only scores of the
/// model's frequent words.
fn decode_xpos(
    model: &Model,
    ctx: &Context,
    cache: Option<&[f32]>,
    mut alts: Option<&mut Vec<(u8, f32)>>,
) -> Vec<u8> {
    let n = ctx.h.len();
    let k = model.n_classes();
    let mut out = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; k];
    let mut fix = Vec::new();
    let mut fix_scores = Vec::new();
    let (mut p1, mut p2) = (1000u64, 1000u64);
    for i in 0..n {
        feats.clear();
        // `Context::new` found the row (`u32::MAX`: none).
        let row = match (cache, ctx.rows.get(i)) {
            (Some(rows), Some(&r)) if r != u32::MAX => {
                rows.get(r as usize * k..(r as usize + 1) * k)
            }
            _ => None,
        };
        match row {
            Some(r) => {
                scores.copy_from_slice(r);
                ctx.xpos_context(i, &mut feats);
                if ctx.features & FEAT_CASING != 0 && ctx.initial(i) {
                    // The row holds the casing scores of a word that is not
                    // initial: take them out, and add the initial ones. Exact:
                    // the scores are integers below 2^24 ([`WordCache`]).
                    fix.clear();
                    ctx.xpos_casing(i, false, &mut fix);
                    fix_scores.clear();
                    fix_scores.resize(k, 0f32);
                    model.add_scores(&fix, &mut fix_scores);
                    for (s, f) in scores.iter_mut().zip(&fix_scores) {
                        *s -= f;
                    }
                    ctx.xpos_casing(i, true, &mut feats);
                }
            }
            None => {
                scores.iter_mut().for_each(|s| *s = 0.0);
                ctx.xpos_word(i, &mut feats);
                ctx.xpos_context(i, &mut feats);
                ctx.xpos_casing(i, ctx.initial(i), &mut feats);
            }
        }
        ctx.xpos_dynamic(i, p1, p2, &mut feats);
        model.add_scores(&feats, &mut scores);
        let guess = argmax(&scores) as u8;
        if let Some(a) = alts.as_deref_mut() {
            a.push(runner_up(&scores, guess as usize));
        }
        out.push(guess);
        p2 = p1;
        p1 = guess as u64;
    }
    out
}

/// The second-best class and how far its score is below the best's.
fn runner_up(scores: &[f32], best: usize) -> (u8, f32) {
    let mut second = usize::MAX;
    for (i, &s) in scores.iter().enumerate() {
        if i != best && (second == usize::MAX || s > scores[second]) {
            second = i;
        }
    }
    match scores.get(second) {
        Some(&s) => (second as u8, scores[best] - s),
        None => (best as u8, f32::INFINITY),
    }
}

/// Greedy UPOS decoding given the predicted XPOS.
fn decode_upos(model: &Model, ctx: &Context, xpos: &[u8]) -> Vec<u8> {
    let n = ctx.h.len();
    let mut out = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(24);
    let mut scores = vec![0f32; model.n_classes()];
    let mut prev = 1000u64;
    for i in 0..n {
        feats.clear();
        ctx.upos_features(i, xpos, prev, &mut feats);
        scores.iter_mut().for_each(|s| *s = 0.0);
        model.add_scores(&feats, &mut scores);
        let guess = argmax(&scores) as u8;
        out.push(guess);
        prev = guess as u64;
    }
    out
}

/// One training pass over a sentence: decodes with the current weights (the same
/// features as [`decode_xpos`]) and updates after each word.
fn train_xpos_sentence(t: &mut Trainer, ctx: &Context, gold: &[u8]) -> usize {
    let k = t.n_classes();
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; k];
    let (mut p1, mut p2) = (1000u64, 1000u64);
    let mut correct = 0;
    for (i, &g) in gold.iter().enumerate().take(ctx.h.len()) {
        feats.clear();
        ctx.xpos_static(i, &mut feats);
        ctx.xpos_dynamic(i, p1, p2, &mut feats);
        scores.iter_mut().for_each(|s| *s = 0.0);
        t.add_scores(&feats, &mut scores);
        let guess = argmax(&scores);
        t.tick();
        t.update(&feats, g as usize, guess);
        correct += (guess == g as usize) as usize;
        p2 = p1;
        p1 = guess as u64;
    }
    correct
}

fn train_upos_sentence(t: &mut Trainer, ctx: &Context, xpos: &[u8], gold: &[u8]) -> usize {
    let mut feats = Vec::with_capacity(24);
    let mut scores = vec![0f32; t.n_classes()];
    let mut prev = 1000u64;
    let mut correct = 0;
    for (i, &g) in gold.iter().enumerate().take(ctx.h.len()) {
        feats.clear();
        ctx.upos_features(i, xpos, prev, &mut feats);
        scores.iter_mut().for_each(|s| *s = 0.0);
        t.add_scores(&feats, &mut scores);
        let guess = argmax(&scores);
        t.tick();
        if g != NO_TAG {
            t.update(&feats, g as usize, guess);
        }
        correct += (guess == g as usize) as usize;
        prev = guess as u64;
    }
    correct
}

/// Gold UPOS id of a word without UPOS (`_` in XPOS-only training text): the
/// UPOS model does not learn from it.
const NO_TAG: u8 = u8::MAX;

/// Number of XPOS perceptrons (different shuffles) averaged into the model.
const ENSEMBLE: usize = 3;

/// The normalised forms seen at least twice in `train`, most frequent first
/// (ties by spelling), at most [`CACHE_WORDS`].
fn frequent_words(train: &[GoldSentence]) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in train {
        for w in &s.words {
            *counts.entry(normalize_form(w)).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().filter(|x| x.1 >= 2).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(CACHE_WORDS);
    v.into_iter().map(|x| x.0).collect()
}

/// Folds of the jackknifed tag dictionary.
const FOLDS: usize = 10;

/// Keys of a word in the tag dictionary: its lower-case form, and its exact
/// (normalised) form in another namespace.
fn exact_key(word_hash: u64) -> u64 {
    FeatureHash::template(1).int(word_hash).finish()
}

/// The tag dictionary (word -> bit set of its XPOS ids) from the sentences not
/// in `skip_fold`.
fn build_lexicon(
    train: &[GoldSentence],
    gold_x: &[Vec<u8>],
    skip_fold: Option<usize>,
) -> FeatureMap<u64> {
    let mut counts: FeatureMap<HashMap<u8, usize>> = FeatureMap::default();
    let mut lower = String::new();
    for (i, s) in train.iter().enumerate() {
        if skip_fold == Some(i % FOLDS) {
            continue;
        }
        for (w, &x) in s.words.iter().zip(&gold_x[i]) {
            let norm = normalize_form(w);
            lower.clear();
            lower.extend(norm.chars().flat_map(char::to_lowercase));
            for k in [f_str(0, &lower), exact_key(f_str(0, &norm))] {
                *counts.entry(k).or_default().entry(x).or_default() += 1;
            }
        }
    }
    let mut lexicon = FeatureMap::default();
    for (k, c) in &counts {
        let total: usize = c.values().sum();
        if total < LEXICON_MIN_COUNT {
            continue;
        }
        let mut mask = 0u64;
        for (&t, &n) in c {
            if n as f64 >= LEXICON_MIN_SHARE * total as f64 {
                mask |= 1 << t;
            }
        }
        lexicon.insert(*k, mask);
    }
    lexicon
}

fn tag_ids(tags: &mut Vec<String>, ids: &mut HashMap<String, u8>, t: &str) -> Result<u8, NlpError> {
    if let Some(&i) = ids.get(t) {
        return Ok(i);
    }
    if tags.len() >= 64 {
        return Err(NlpError::Data(format!(
            "more than 64 distinct tags (at {t:?}): not a POS tag set"
        )));
    }
    tags.push(t.to_string());
    ids.insert(t.to_string(), (tags.len() - 1) as u8);
    Ok((tags.len() - 1) as u8)
}

/// Accuracy figures of a tagger on gold sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TagScores {
    pub words: usize,
    pub xpos_correct: usize,
    pub upos_correct: usize,
    pub lemma_correct: usize,
}

impl TagScores {
    pub fn xpos_accuracy(&self) -> f64 {
        self.xpos_correct as f64 / self.words.max(1) as f64
    }
    pub fn upos_accuracy(&self) -> f64 {
        self.upos_correct as f64 / self.words.max(1) as f64
    }
    pub fn lemma_accuracy(&self) -> f64 {
        self.lemma_correct as f64 / self.words.max(1) as f64
    }
}

impl Tagger {
    /// Tags and lemmatizes one sentence of words (any length, any script).
    pub fn tag(&self, words: &[&str]) -> Vec<TaggedWord<'_>> {
        self.tag_keeping_forms(words).0
    }

    /// [`Tagger::tag`], also returning the normalised words and their hashes
    /// (the NER builds the same ones; `Pipeline::analyze` passes them on).
    pub(crate) fn tag_keeping_forms(&self, words: &[&str]) -> (Vec<TaggedWord<'_>>, WordForms) {
        self.tag_inner(words, None)
    }

    /// [`Tagger::tag`], also giving each word's runner-up XPOS and by how much
    /// its score fell short of the chosen tag's (in the model's score units;
    /// the tags themselves are exactly those of [`Tagger::tag`]). The parser
    /// uses them to hedge against tagging errors.
    pub fn tag_with_alternatives(&self, words: &[&str]) -> (Vec<TaggedWord<'_>>, Vec<XposAlt<'_>>) {
        let (tags, _, alts) = self.tag_keeping_forms_alts(words);
        (tags, alts)
    }

    /// [`Tagger::tag_keeping_forms`] plus the runner-up XPOS of each word.
    pub(crate) fn tag_keeping_forms_alts(
        &self,
        words: &[&str],
    ) -> (Vec<TaggedWord<'_>>, WordForms, Vec<XposAlt<'_>>) {
        let mut alts = Vec::with_capacity(words.len());
        let (tags, forms) = self.tag_inner(words, Some(&mut alts));
        (tags, forms, alts)
    }

    /// The tagging context of `words` under this model's lexicons and feature
    /// groups (with the frequent-word score cache, or without it).
    fn context(&self, words: &[&str], cache: Option<&WordCache>) -> Context {
        Context::new(
            words,
            &self.lexicon,
            &self.clusters,
            &self.wordnet,
            (self.features, &self.casing),
            cache,
        )
    }

    /// WordNet as the judge of the lemmatizer's guesses for unknown words of
    /// tag `x`, when the model carries it (see [`Lemmatizer::lemmatize_checked`]).
    fn lemma_check(&self, x: u8) -> Option<(&WordNetPos, &str)> {
        (!self.wordnet.is_empty()).then(|| (&self.wordnet, self.xpos_tags[x as usize].as_str()))
    }

    fn tag_inner<'s>(
        &'s self,
        words: &[&str],
        alts_out: Option<&mut Vec<XposAlt<'s>>>,
    ) -> (Vec<TaggedWord<'s>>, WordForms) {
        if words.is_empty() {
            return (Vec::new(), WordForms::default());
        }
        let ctx = self.context(words, Some(&self.cache));
        let xpos = match alts_out {
            None => self.decode_all_xpos(&ctx, None),
            Some(out) => {
                let mut raw = Vec::with_capacity(words.len());
                let x = self.decode_all_xpos(&ctx, Some(&mut raw));
                // Real (averaged-perceptron) units, comparable between models.
                let scale = self.xpos_model.scale();
                out.extend(raw.into_iter().map(|(t, margin)| XposAlt {
                    xpos: &self.xpos_tags[t as usize],
                    margin: margin * scale,
                }));
                x
            }
        };
        let upos = decode_upos(&self.upos_model, &ctx, &xpos);
        let tagged = xpos
            .iter()
            .zip(&upos)
            .zip(ctx.norm.iter().zip(words))
            .map(|((&x, &u), (norm, &word))| TaggedWord {
                xpos: &self.xpos_tags[x as usize],
                upos: &self.upos_tags[u as usize],
                lemma: {
                    // Lemmas come from the normalised form (`don’t` -> `do`), but a
                    // word that is its own lemma keeps its own spelling (`“`).
                    let lemma = self
                        .lemmatizer
                        .lemmatize_checked(norm, x, self.lemma_check(x));
                    if lemma == *norm && norm != word {
                        word.to_string()
                    } else {
                        lemma
                    }
                },
            })
            .collect();
        (
            tagged,
            WordForms {
                norm: ctx.norm,
                h: ctx.h,
                flags: ctx.flags,
            },
        )
    }

    /// The word clusters the tagger uses (empty if none), e.g. to train
    /// jackknife taggers that see the same classes.
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    /// The optional feature groups the tagger was trained with (`FEAT_*` bits).
    pub fn features(&self) -> u32 {
        self.features
    }

    /// The WordNet part-of-speech lexicon the tagger uses (empty if none).
    pub fn wordnet(&self) -> &WordNetPos {
        &self.wordnet
    }

    /// The XPOS tag set, in model order.
    pub fn xpos_tags(&self) -> &[String] {
        &self.xpos_tags
    }

    /// Scores the tagger against gold sentences (tags and lemmas predicted by [`Tagger::tag`]).
    pub fn evaluate(&self, gold: &[GoldSentence]) -> TagScores {
        let mut s = TagScores::default();
        for g in gold {
            let words: Vec<&str> = g.words.iter().map(|w| w.as_str()).collect();
            for (i, t) in self.tag(&words).iter().enumerate() {
                s.words += 1;
                s.xpos_correct += (t.xpos == g.xpos[i]) as usize;
                s.upos_correct += (t.upos == g.upos[i]) as usize;
                s.lemma_correct += (t.lemma == g.lemmas[i]) as usize;
            }
        }
        s
    }

    /// Trains on `train`, keeping the epoch that scores best on `dev` (XPOS for
    /// the XPOS model, UPOS for the UPOS model).
    pub fn train(
        train: &[GoldSentence],
        dev: &[GoldSentence],
        cfg: &TrainConfig,
    ) -> Result<Tagger, NlpError> {
        let mut xpos_tags = Vec::new();
        let mut xpos_ids = HashMap::new();
        let mut upos_tags = Vec::new();
        let mut upos_ids = HashMap::new();
        let mut gold_x = Vec::with_capacity(train.len());
        let mut gold_u = Vec::with_capacity(train.len());
        for s in train {
            if s.words.len() != s.xpos.len() || s.words.len() != s.upos.len() {
                return Err(NlpError::Data("sentence with mismatched columns".into()));
            }
            let mut xs = Vec::with_capacity(s.words.len());
            let mut us = Vec::with_capacity(s.words.len());
            for i in 0..s.words.len() {
                let x = tag_ids(&mut xpos_tags, &mut xpos_ids, &s.xpos[i])?;
                xs.push(x);
                // XPOS-only training text (e.g. post-edited news) has no UPOS.
                us.push(if s.upos[i] == "_" {
                    NO_TAG
                } else {
                    tag_ids(&mut upos_tags, &mut upos_ids, &s.upos[i])?
                });
            }
            gold_x.push(xs);
            gold_u.push(us);
        }
        if xpos_tags.is_empty() || upos_tags.is_empty() {
            return Err(NlpError::Data("no training words".into()));
        }
        let lexicon = build_lexicon(train, &gold_x, None);
        let lemmatizer = Lemmatizer::train(train.iter().flat_map(|s| {
            s.words
                .iter()
                .zip(&s.lemmas)
                .zip(&s.xpos)
                .map(|((w, l), x)| (w.as_str(), xpos_ids[x], l.as_str()))
        }));
        // Training contexts see a jackknifed tag dictionary (built without their
        // own tenth of the data), so that the ambiguity-class features are as
        // incomplete in training as they are on new text.
        let mut ctxs: Vec<Option<Context>> = (0..train.len()).map(|_| None).collect();
        for fold in 0..FOLDS {
            let lex = build_lexicon(train, &gold_x, Some(fold));
            for (i, s) in train.iter().enumerate().skip(fold).step_by(FOLDS) {
                let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
                ctxs[i] = Some(Context::new(
                    &words,
                    &lex,
                    &cfg.clusters,
                    &cfg.wordnet,
                    (cfg.features, &cfg.casing),
                    None,
                ));
            }
        }
        let ctxs: Vec<Context> = ctxs.into_iter().flatten().collect();
        let mut tagger = Tagger {
            xpos_tags,
            upos_tags,
            xpos_model: Trainer::new(1).average(0.0),
            upos_model: Trainer::new(1).average(0.0),
            lexicon,
            lemmatizer,
            clusters: cfg.clusters.clone(),
            cache_words: frequent_words(train),
            wordnet: cfg.wordnet.clone(),
            features: cfg.features,
            casing: if cfg.features & FEAT_CASING != 0 {
                cfg.casing.clone()
            } else {
                CasingLexicon::default()
            },
            cache: WordCache::default(),
        };
        let mut rng = Rng::new(cfg.seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let total_words: usize = train.iter().map(|s| s.words.len()).sum();

        // Phase 1: XPOS, left to right.
        tagger.train_xpos(&ctxs, &gold_x, dev, cfg);

        // Phase 2: UPOS, from the XPOS the final XPOS model predicts.
        let pred_x: Vec<Vec<u8>> = ctxs
            .iter()
            .map(|c| tagger.decode_all_xpos(c, None))
            .collect();
        let mut trainer = Trainer::new(tagger.upos_tags.len());
        let mut best = (-1.0f64, 0usize);
        for epoch in 1..=cfg.epochs.clamp(1, 8) {
            rng.shuffle(&mut order);
            let mut correct = 0;
            for &i in &order {
                correct += train_upos_sentence(&mut trainer, &ctxs[i], &pred_x[i], &gold_u[i]);
            }
            let candidate = trainer.average(PRUNE).quantized();
            let saved = std::mem::replace(&mut tagger.upos_model, candidate);
            let acc = if dev.is_empty() {
                epoch as f64
            } else {
                tagger.evaluate(dev).upos_accuracy()
            };
            if acc <= best.0 {
                tagger.upos_model = saved;
            }
            if cfg.verbose {
                eprintln!(
                    "upos epoch {epoch}: train {:.4} dev {:.4}",
                    correct as f64 / total_words as f64,
                    acc
                );
            }
            if acc > best.0 {
                best = (acc, epoch);
            } else if epoch >= best.1 + 2 {
                break;
            }
        }
        tagger.build_cache();
        Ok(tagger)
    }

    /// XPOS decoding with the score cache (if built); with `alts`, also every
    /// word's runner-up XPOS and its score margin.
    fn decode_all_xpos(&self, ctx: &Context, alts: Option<&mut Vec<(u8, f32)>>) -> Vec<u8> {
        let c = &self.cache;
        let c1 = if c.index.is_empty() {
            None
        } else {
            Some(c.pass1.as_slice())
        };
        decode_xpos(&self.xpos_model, ctx, c1, alts)
    }

    /// Precomputes the word-only XPOS scores of `cache_words` (after training
    /// and loading; the models must not change afterwards).
    fn build_cache(&mut self) {
        let k = self.xpos_tags.len();
        let mut cache = WordCache::default();
        let mut feats = Vec::with_capacity(32);
        // One context over all the words: the word-only features of a word do
        // not depend on its neighbours, and one context allocates once.
        let words: Vec<&str> = self.cache_words.iter().map(String::as_str).collect();
        let ctx = self.context(&words, None);
        for i in 0..words.len() {
            let key = ctx.h[i].word;
            if cache.index.contains_key(&key) {
                continue;
            }
            cache.index.insert(key, cache.index.len() as u32);
            feats.clear();
            ctx.xpos_word(i, &mut feats);
            // Casing scores as for a word that is not initial (most are; the
            // decoder swaps them for an initial one).
            ctx.xpos_casing(i, false, &mut feats);
            if self.features & FEAT_CASING != 0 {
                cache.case.push(ctx.case[i] as u8);
            }
            let mut row = vec![0f32; k];
            self.xpos_model.add_scores(&feats, &mut row);
            cache.pass1.extend_from_slice(&row);
        }
        self.cache = cache;
    }

    /// Trains the XPOS model as a mean of [`ENSEMBLE`] perceptrons on
    /// different shuffles, keeping the epoch with the best dev accuracy.
    fn train_xpos(
        &mut self,
        ctxs: &[Context],
        gold_x: &[Vec<u8>],
        dev: &[GoldSentence],
        cfg: &TrainConfig,
    ) {
        let total_words: usize = gold_x.iter().map(|g| g.len()).sum();
        let mut order: Vec<usize> = (0..ctxs.len()).collect();
        let mut trainers: Vec<Trainer> = (0..ENSEMBLE)
            .map(|_| Trainer::new(self.xpos_tags.len()))
            .collect();
        let mut rngs: Vec<Rng> = (0..ENSEMBLE as u64)
            .map(|k| Rng::new(cfg.seed.wrapping_add(k.wrapping_mul(7919))))
            .collect();
        let mut best = (-1.0f64, 0usize);
        for epoch in 1..=cfg.epochs.max(1) {
            let mut correct = 0;
            for (trainer, rng) in trainers.iter_mut().zip(&mut rngs) {
                rng.shuffle(&mut order);
                for &i in &order {
                    correct += train_xpos_sentence(trainer, &ctxs[i], &gold_x[i]);
                }
            }
            correct /= ENSEMBLE;
            let candidate = Trainer::average_many(&trainers, PRUNE);
            let dev_acc = if dev.is_empty() {
                // No dev set: keep the last epoch.
                self.xpos_model = candidate;
                epoch as f64
            } else {
                let saved = std::mem::replace(&mut self.xpos_model, candidate);
                let acc = self.xpos_only_accuracy(dev);
                if acc <= best.0 {
                    self.xpos_model = saved;
                }
                acc
            };
            if cfg.verbose {
                eprintln!(
                    "xpos epoch {epoch}: train {:.4} dev {:.4}",
                    correct as f64 / total_words.max(1) as f64,
                    dev_acc
                );
            }
            if dev_acc > best.0 {
                best = (dev_acc, epoch);
            } else if epoch >= best.1 + 3 {
                break;
            }
        }
    }

    fn xpos_only_accuracy(&self, gold: &[GoldSentence]) -> f64 {
        let mut n = 0;
        let mut ok = 0;
        for g in gold {
            let words: Vec<&str> = g.words.iter().map(|w| w.as_str()).collect();
            if words.is_empty() {
                continue;
            }
            let ctx = self.context(&words, Some(&self.cache));
            for (i, x) in self.decode_all_xpos(&ctx, None).iter().enumerate() {
                n += 1;
                ok += (self.xpos_tags[*x as usize] == g.xpos[i]) as usize;
            }
        }
        ok as f64 / n.max(1) as f64
    }

    /// Serialises the tagger (tag sets, both perceptrons, lexicon, lemmatizer).
    pub fn to_bytes(&self) -> Vec<u8> {
        // Without the optional groups the version 3 layout holds everything:
        // such models keep the bytes of earlier builds.
        self.to_bytes_version(if self.features == 0 { 3 } else { VERSION })
    }

    /// The file layout of format `version` (2: without the WordNet lexicon;
    /// the tests write it to check that older files still load).
    fn to_bytes_version(&self, version: u32) -> Vec<u8> {
        let mut w = Writer::new(MAGIC, version);
        w.strs(&self.xpos_tags);
        w.strs(&self.upos_tags);
        self.xpos_model.write(&mut w);
        self.upos_model.write(&mut w);
        let mut lex: Vec<(u64, u64)> = self.lexicon.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        w.u64s(&lex.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u64s(&lex.iter().map(|x| x.1).collect::<Vec<_>>());
        self.lemmatizer.write(&mut w);
        self.clusters.write(&mut w);
        w.strs(&self.cache_words);
        if version >= 3 {
            self.wordnet.write(&mut w);
        }
        if version >= 4 {
            w.u32(self.features);
            self.casing.write(&mut w);
        }
        w.buf
    }

    /// Reads a tagger from bytes written by [`Tagger::to_bytes`].
    pub fn from_bytes(data: &[u8], what: &str) -> Result<Tagger, NlpError> {
        let (mut r, version) = Reader::new(data, MAGIC, what)?;
        if version == 0 || version > VERSION {
            return Err(r.err(&format!(
                "unsupported tagger model version {version} (this build reads 1 to {VERSION})"
            )));
        }
        let xpos_tags = r.strs()?;
        let upos_tags = r.strs()?;
        let xpos_model = Model::read(&mut r)?;
        let upos_model = Model::read(&mut r)?;
        if xpos_model.n_classes() != xpos_tags.len() || upos_model.n_classes() != upos_tags.len() {
            return Err(r.err("tag sets do not match the models"));
        }
        let k = r.u64s()?;
        let v = r.u64s()?;
        if k.len() != v.len() {
            return Err(r.err("lexicon lengths differ"));
        }
        let lexicon = k.into_iter().zip(v).collect();
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let (clusters, cache_words) = if version >= 2 {
            (Clusters::read(&mut r)?, r.strs()?)
        } else {
            (Clusters::default(), Vec::new())
        };
        let wordnet = if version >= 3 {
            WordNetPos::read(&mut r)?
        } else {
            WordNetPos::default()
        };
        let (features, casing) = if version >= 4 {
            let f = r.u32()?;
            if f & !FEAT_ALL != 0 {
                return Err(r.err(&format!("unknown tagger feature groups {f:#x}")));
            }
            (f, CasingLexicon::read(&mut r)?)
        } else {
            (0, CasingLexicon::default())
        };
        r.finish()?;
        let mut t = Tagger {
            xpos_tags,
            upos_tags,
            xpos_model,
            upos_model,
            lexicon,
            lemmatizer,
            clusters,
            cache_words,
            wordnet,
            features,
            casing,
            cache: WordCache::default(),
        };
        t.build_cache();
        Ok(t)
    }

    /// Saves the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), NlpError> {
        std::fs::write(path, self.to_bytes()).map_err(|e| NlpError::io(path, e))
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Tagger, NlpError> {
        let data = std::fs::read(path).map_err(|e| NlpError::io(path, e))?;
        Tagger::from_bytes(&data, &path.display().to_string())
    }
}

/// The ambiguity class of word `i` of `classes`, with sentinels before the
/// sentence start and after its end.
fn class_at(classes: &[u64], i: isize) -> u64 {
    if i < 0 {
        AMB_START
    } else {
        classes.get(i as usize).copied().unwrap_or(AMB_END)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use dyad_text::conllu::parse_conllu;

    /// The ASCII fast paths of `WordHashes::of` (byte slices for affixes, the
    /// shape without a String) hash the same strings as the general path.
    #[test]
    fn word_hashes_ascii_paths_equal_the_general_ones() {
        let h = |s: &str| FeatureHash::template(0).str(s).finish();
        for w in [
            "", "a", "Ab", "U.S.", "dog", "Obama", "running", "COVID-19", "naïve",
        ] {
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            let got = WordHashes::of(w, &lower);
            for k in 0..5 {
                assert_eq!(got.suf[k], h(suffix(&lower, k + 1)), "{w} suffix {k}");
            }
            for k in 0..4 {
                assert_eq!(got.pre[k], h(prefix(&lower, k + 1)), "{w} prefix {k}");
            }
            assert_eq!(got.shape, f_str(0, &crate::features::shape(w)), "{w}");
            assert_eq!((got.word, got.lower), (f_str(0, w), f_str(0, &lower)));
        }
    }

    pub(crate) const TINY: &str = "\
1	The	the	DET	DT	_	2	det	_	_
2	dog	dog	NOUN	NN	_	3	nsubj	_	_
3	runs	run	VERB	VBZ	_	0	root	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

1	A	a	DET	DT	_	2	det	_	_
2	cat	cat	NOUN	NN	_	3	nsubj	_	_
3	sleeps	sleep	VERB	VBZ	_	0	root	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

1	Dogs	dog	NOUN	NNS	_	2	nsubj	_	_
2	walked	walk	VERB	VBD	_	0	root	_	_
3	home	home	ADV	RB	_	2	advmod	_	_
4	.	.	PUNCT	.	_	2	punct	_	_

";

    /// The tiny treebank as training sentences.
    fn tiny_gold() -> Vec<GoldSentence> {
        parse_conllu(TINY)
            .unwrap()
            .iter()
            .map(GoldSentence::from_conllu)
            .collect()
    }

    pub(crate) fn tiny_tagger() -> Tagger {
        let gold = tiny_gold();
        Tagger::train(&gold, &gold, &TrainConfig::default()).unwrap()
    }

    #[test]
    fn learns_a_tiny_treebank() {
        let gold = tiny_gold();
        let t = tiny_tagger();
        let s = t.evaluate(&gold);
        assert_eq!(s.words, 12);
        assert_eq!(s.xpos_correct, 12);
        assert_eq!(s.upos_correct, 12);
        assert_eq!(s.lemma_correct, 12);
        let out = t.tag(&["The", "cat", "runs", "."]);
        assert_eq!(out[1].xpos, "NN");
        assert_eq!(out[2].lemma, "run");
    }

    #[test]
    fn learns_xpos_from_sentences_without_upos_or_lemmas() {
        let extra = "\
1	Lions	_	_	NNS	_	_	_	_	_
2	roared	_	_	VBD	_	_	_	_	_
3	.	_	_	.	_	_	_	_	_

";
        let mut gold = tiny_gold();
        let news: Vec<GoldSentence> = parse_conllu(extra)
            .unwrap()
            .iter()
            .map(GoldSentence::from_conllu)
            .collect();
        gold.extend(news.iter().cloned());
        let t = Tagger::train(&gold, &[], &TrainConfig::default()).unwrap();
        assert!(t.xpos_tags.iter().any(|x| x == "VBD"));
        assert!(!t.upos_tags.iter().any(|u| u == "_"));
        let out = t.tag(&["Lions", "roared", "."]);
        assert_eq!(out[1].xpos, "VBD");
        assert_ne!(out[1].upos, "_");
        // Without any UPOS there is nothing to learn UPOS from.
        assert!(Tagger::train(&news, &[], &TrainConfig::default()).is_err());
    }

    #[test]
    fn round_trip_gives_identical_predictions() {
        let t = tiny_tagger();
        let bytes = t.to_bytes();
        let back = Tagger::from_bytes(&bytes, "mem").unwrap();
        assert_eq!(back, t);
        let words = ["Dogs", "sleep", "home", "."];
        assert_eq!(back.tag(&words), t.tag(&words));
        assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2], "mem").is_err());
        assert!(Tagger::from_bytes(b"garbage", "mem").is_err());
    }

    #[test]
    fn word_score_cache_changes_nothing() {
        let t = tiny_tagger();
        assert!(!t.cache.index.is_empty());
        let mut plain = t.clone();
        plain.cache = WordCache::default();
        for words in [
            &["The", "dog", "sleeps", "."][..],
            &["A", "cat", "walked", "home", "."],
            &["Dogs", "runs"],
        ] {
            assert_eq!(plain.tag(words), t.tag(words));
        }
    }

    #[test]
    fn version_1_files_still_load() {
        let mut t = tiny_tagger();
        t.cache_words.clear();
        t.cache = WordCache::default();
        // The version 1 layout: no clusters or cache words.
        let mut w = Writer::new(MAGIC, 1);
        w.strs(&t.xpos_tags);
        w.strs(&t.upos_tags);
        t.xpos_model.write(&mut w);
        t.upos_model.write(&mut w);
        let mut lex: Vec<(u64, u64)> = t.lexicon.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        w.u64s(&lex.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u64s(&lex.iter().map(|x| x.1).collect::<Vec<_>>());
        t.lemmatizer.write(&mut w);
        let back = Tagger::from_bytes(&w.buf, "v1").unwrap();
        assert_eq!(back, t);
        let mut bad = w.buf.clone();
        bad[8] = 9;
        let e = Tagger::from_bytes(&bad, "v9").unwrap_err().to_string();
        assert!(e.contains("version"), "{e}");
    }

    #[test]
    fn version_2_files_still_load() {
        let t = tiny_tagger();
        // The version 2 layout: version 3 without the WordNet lexicon.
        let bytes = t.to_bytes_version(2);
        assert!(bytes.len() < t.to_bytes().len());
        let back = Tagger::from_bytes(&bytes, "v2").unwrap();
        assert_eq!(back, t);
        assert!(back.wordnet().is_empty());
    }

    #[test]
    fn wordnet_lexicon_is_stored_and_used() {
        let gold = tiny_gold();
        let mut wordnet = WordNetPos::default();
        wordnet.add_index("dog n 1\ncat n 1\nhome n 1\n", crate::wordnet::NOUN);
        wordnet.add_index("walk v 1\nrun v 1\nsleep v 1\n", crate::wordnet::VERB);
        let cfg = TrainConfig {
            wordnet: wordnet.clone(),
            ..TrainConfig::default()
        };
        let t = Tagger::train(&gold, &gold, &cfg).unwrap();
        assert_eq!(t.wordnet(), &wordnet);
        assert_eq!(t.evaluate(&gold).xpos_correct, 12);
        let back = Tagger::from_bytes(&t.to_bytes(), "mem").unwrap();
        assert_eq!(back, t);
        // The classes reach the features: an unseen verb form differs from an unseen noun.
        let ctx = Context::new(
            &["jogged", "cats"],
            &t.lexicon,
            &t.clusters,
            &t.wordnet,
            (0, &CasingLexicon::default()),
            None,
        );
        assert_eq!(ctx.wn, vec![0, (crate::wordnet::NOUN as u64) << 4]);
        let plain = Tagger::train(&gold, &gold, &TrainConfig::default()).unwrap();
        assert_ne!(plain.to_bytes().len(), t.to_bytes().len());
        // Cached words skip the WordNet lookups: same tags without the cache.
        let mut uncached = t.clone();
        uncached.cache = WordCache::default();
        for words in [
            &["Dogs", "jogged", "home", "."][..],
            &["A", "dog", "sleeps"],
        ] {
            assert_eq!(uncached.tag(words), t.tag(words));
        }
    }

    #[test]
    fn casing_buckets_count_words_away_from_sentence_starts() {
        let s = |t: &str| t.split(' ').map(String::from).collect::<Vec<_>>();
        let text = vec![
            s("Paris is big"),
            s("we saw Paris and the city"),
            s("in Paris the City said"),
            s("the city is big"),
            s("City staff left"),
            s("the Big one"),
            s("a big one"),
            s("he said : \u{201c} Big news"),
            s("the rain fell"),
            s("a rain came"),
            s("he said : Rain fell"),
            s("( Rain fell )"),
            s("he said \u{201c} Rain fell"),
        ];
        let c = CasingLexicon::from_sentences(&text);
        let bucket = |w: &str| c.bucket(f_str(0, w));
        // Capitalised away from the start every time: a name.
        assert_eq!(bucket("paris"), 1);
        // `city` 2 of 3 times lower case (the sentence-initial `City` is not counted).
        assert_eq!(bucket("city"), 2);
        assert_eq!(bucket("is"), 3);
        // `Big` after the opening (curly) quote does not count: 2 of 3.
        assert_eq!(bucket("big"), 2);
        // `Rain` after a colon, a bracket and an opening quote does not
        // count: lower case 2 of 2 times (2 of 5, mixed, had it counted).
        assert_eq!(bucket("rain"), 3);
        // Seen once away from a sentence start: no evidence.
        assert_eq!(bucket("saw"), 0);
        assert_eq!(bucket("unseen"), 0);
        assert!(CasingLexicon::default().is_empty());
        // The decoder's initial positions are the same ones.
        let t = tiny_tagger();
        let words = ["A", "(", "B", "c", ":", "D", "\u{201c}", "E", "f"];
        let ctx = Context::new(
            &words,
            &t.lexicon,
            &t.clusters,
            &t.wordnet,
            (FEAT_CASING, &c),
            None,
        );
        let initial: Vec<bool> = (0..words.len()).map(|i| ctx.initial(i)).collect();
        assert_eq!(
            initial,
            [true, false, true, false, false, true, false, true, false]
        );
    }

    #[test]
    fn optional_features_are_stored_and_used() {
        let gold = tiny_gold();
        let plain = tiny_tagger();
        // Without optional groups the file keeps the version 3 layout.
        assert_eq!(plain.features(), 0);
        assert_eq!(plain.to_bytes()[8..12], 3u32.to_le_bytes());
        // Each sentence twice: every word has the two uses a bucket needs.
        let text: Vec<Vec<String>> = gold.iter().chain(&gold).map(|s| s.words.clone()).collect();
        let cfg = TrainConfig {
            features: FEAT_ALL,
            casing: CasingLexicon::from_sentences(&text),
            ..TrainConfig::default()
        };
        assert!(!cfg.casing.is_empty());
        let t = Tagger::train(&gold, &gold, &cfg).unwrap();
        assert_eq!(t.features(), FEAT_ALL);
        assert_eq!(t.evaluate(&gold).xpos_correct, 12);
        let bytes = t.to_bytes();
        assert_eq!(bytes[8..12], VERSION.to_le_bytes());
        let back = Tagger::from_bytes(&bytes, "mem").unwrap();
        assert_eq!(back, t);
        assert_ne!(t.xpos_model, plain.xpos_model);
        // Cached rows hold the casing scores of non-initial words; initial
        // words are scored without the cache: the same scores either way (the
        // margins are score differences). Trained on every sentence twice, so
        // that every word is cached.
        let twice: Vec<GoldSentence> = gold.iter().chain(&gold).cloned().collect();
        let t2 = Tagger::train(&twice, &gold, &cfg).unwrap();
        assert_eq!(t2.cache.index.len(), t2.cache.case.len());
        assert_eq!(t2.cache.index.len(), 10);
        let mut uncached = t2.clone();
        uncached.cache = WordCache::default();
        for words in [
            &["Dogs", "walked", "home", "."][..],
            &["\"", "A", "dog", "sleeps", "(", "home", ":", "Cat", "\""],
            &["cat"],
            &["the", "The", "dog", "Dog", "walked", "A", "a"],
        ] {
            assert_eq!(
                uncached.tag_with_alternatives(words),
                t2.tag_with_alternatives(words)
            );
        }
        // Unknown feature bits are refused.
        let mut w = Writer::new(MAGIC, 4);
        w.buf = t.to_bytes_version(3);
        w.buf[8..12].copy_from_slice(&4u32.to_le_bytes());
        w.u32(1 << 7);
        CasingLexicon::default().write(&mut w);
        let e = Tagger::from_bytes(&w.buf, "bad").unwrap_err().to_string();
        assert!(e.contains("feature groups"), "{e}");
        // A casing lexicon without the casing group is not kept.
        let cfg2 = TrainConfig {
            features: FEAT_LOOKAHEAD,
            ..cfg
        };
        let t2 = Tagger::train(&gold, &gold, &cfg2).unwrap();
        assert!(t2.casing.is_empty());
        assert_eq!(Tagger::from_bytes(&t2.to_bytes(), "mem").unwrap(), t2);
    }

    #[test]
    fn clusters_are_stored_and_used() {
        let gold = tiny_gold();
        let text: Vec<Vec<String>> = gold.iter().map(|s| s.words.clone()).collect();
        let clusters = Clusters::train(
            &text,
            &crate::clusters::ClusterConfig {
                sizes: vec![2, 3],
                min_count: 1,
                ..Default::default()
            },
        )
        .unwrap();
        let cfg = TrainConfig {
            clusters,
            ..TrainConfig::default()
        };
        let t = Tagger::train(&gold, &gold, &cfg).unwrap();
        assert_eq!(t.clusters().len(), cfg.clusters.len());
        assert_eq!(t.evaluate(&gold).xpos_correct, 12);
        let back = Tagger::from_bytes(&t.to_bytes(), "mem").unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn alternatives_leave_the_tags_alone() {
        let t = tiny_tagger();
        for words in [
            &["The", "dog", "sleeps", "."][..],
            &["A", "cat", "walked", "home", "."],
            &[],
        ] {
            let (tags, alts) = t.tag_with_alternatives(words);
            assert_eq!(tags, t.tag(words));
            assert_eq!(alts.len(), words.len());
            for (tag, a) in tags.iter().zip(&alts) {
                assert_ne!(tag.xpos, a.xpos);
                assert!(a.margin >= 0.0, "{a:?}");
            }
            let (tags2, _, alts2) = t.tag_keeping_forms_alts(words);
            assert_eq!((tags2, alts2), (tags, alts));
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let t = tiny_tagger();
        assert!(t.tag(&[]).is_empty());
        assert_eq!(t.tag(&["北京"]).len(), 1);
        assert_eq!(t.tag(&["😀", "🇺🇸", "ÉLYSÉE", ""]).len(), 4);
        let long: Vec<&str> = (0..1000)
            .map(|i| if i % 2 == 0 { "dog" } else { "runs" })
            .collect();
        assert_eq!(t.tag(&long).len(), 1000);
    }
}
