//! Distributional word classes learned from raw text, for the tagger.
//!
//! Words are grouped by the exchange algorithm (Kneser & Ney 1993; Martin,
//! Liermann & Ney 1998): every word type belongs to one of `K` classes, and
//! words are moved one at a time to the class that most raises the likelihood
//! of a class-bigram model of the text. Several clusterings of different sizes
//! (coarse to fine) give features at several granularities, like prefixes of
//! Brown-cluster bit strings. Everything is deterministic: words are visited in
//! order of frequency (ties by spelling), classes are initialised round-robin,
//! and ties between classes go to the lower index.
//!
//! Words are keyed by their normalised lower-case form with ASCII digits folded
//! to `0` ([`cluster_key`]), so that `1990s` and `2020s` share one entry.

use crate::binio::{Reader, Writer};
use crate::features::{f_str, normalize_form, whole_token_form};
use crate::perceptron::FeatureMap;
use crate::NlpError;
use std::collections::HashMap;

/// Largest number of classes of one clustering (ids are packed in 10 bits).
pub const MAX_CLASSES: usize = 1024;
/// Most clusterings (levels) kept per word (3 x 10 bits in a `u32`).
pub const MAX_LEVELS: usize = 3;
/// The class id given to words the clusters do not know.
pub const UNKNOWN: u32 = 1023;

/// Settings of [`Clusters::train`].
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Number of classes of each clustering, coarse to fine (at most 3, each < 1024).
    pub sizes: Vec<usize>,
    /// Words seen fewer times are not clustered.
    pub min_count: usize,
    /// Most passes over the vocabulary per clustering.
    pub passes: usize,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            sizes: vec![32, 128, 512],
            min_count: 2,
            passes: 12,
            verbose: false,
        }
    }
}

/// Word classes at several granularities.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Clusters {
    sizes: Vec<usize>,
    /// Hash of [`cluster_key`] -> class ids, 10 bits per level.
    map: FeatureMap<u32>,
}

/// The form a word is clustered under: normalised, lower-case, digits as `0`.
pub fn cluster_key(word: &str) -> String {
    normalize_form(word)
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// Hash of a cluster key (the lookup key of [`Clusters::get_hash`]).
#[inline]
pub fn key_hash(key: &str) -> u64 {
    f_str(0, key)
}

/// [`key_hash`] of [`cluster_key`]`(word)`, building the key in `buf` (reused
/// between calls, so that the parser does not allocate per word).
pub fn word_key_hash(word: &str, buf: &mut String) -> u64 {
    buf.clear();
    if word.is_ascii() && whole_token_form(word).is_none() {
        // normalize_form leaves these ASCII words alone.
        buf.extend(word.bytes().map(|b| {
            if b.is_ascii_digit() {
                '0'
            } else {
                b.to_ascii_lowercase() as char
            }
        }));
    } else {
        buf.push_str(&cluster_key(word));
    }
    key_hash(buf)
}

/// `x ln x`, 0 at 0.
#[inline]
fn xlx(x: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else {
        x * x.ln()
    }
}

/// The exchange algorithm over a corpus of word ids (`0` is the sentence
/// boundary, kept in its own fixed class `k`). Returns the class of every word id
/// (the boundary's entry is `k`).
fn exchange(
    n_words: usize,
    succ: &[Vec<(u32, u32)>],
    pred: &[Vec<(u32, u32)>],
    k: usize,
    passes: usize,
    verbose: bool,
) -> Vec<usize> {
    let kk = k + 1;
    // Word 0 is the boundary; the others are ranked by frequency already.
    let mut class: Vec<usize> = (0..n_words)
        .map(|w| if w == 0 { k } else { (w - 1) % k })
        .collect();
    let mut big = vec![0f64; kk * kk];
    let mut left = vec![0f64; kk];
    let mut right = vec![0f64; kk];
    for u in 0..n_words {
        for &(v, c) in &succ[u] {
            big[class[u] * kk + class[v as usize]] += c as f64;
            left[class[u]] += c as f64;
            right[class[v as usize]] += c as f64;
        }
    }
    let mut s_cls = vec![0f64; kk];
    let mut p_cls = vec![0f64; kk];
    let mut s_touch: Vec<usize> = Vec::new();
    let mut p_touch: Vec<usize> = Vec::new();
    for pass in 0..passes {
        let mut moved = 0usize;
        for w in 1..n_words {
            let a = class[w];
            // Counts of w's bigrams with each class, w's self-bigrams apart.
            let mut selfc = 0f64;
            let mut nl = 0f64;
            let mut nr = 0f64;
            for &(v, c) in &succ[w] {
                nl += c as f64;
                if v as usize == w {
                    selfc += c as f64;
                    continue;
                }
                let d = class[v as usize];
                if s_cls[d] == 0.0 {
                    s_touch.push(d);
                }
                s_cls[d] += c as f64;
            }
            for &(u, c) in &pred[w] {
                nr += c as f64;
                if u as usize == w {
                    continue;
                }
                let d = class[u as usize];
                if p_cls[d] == 0.0 {
                    p_touch.push(d);
                }
                p_cls[d] += c as f64;
            }
            // Take w out of its class.
            for &d in &s_touch {
                big[a * kk + d] -= s_cls[d];
            }
            for &d in &p_touch {
                big[d * kk + a] -= p_cls[d];
            }
            big[a * kk + a] -= selfc;
            left[a] -= nl;
            right[a] -= nr;
            // The gain of putting it into each class.
            let mut best = (f64::NEG_INFINITY, a);
            for c in 0..k {
                let mut g = 0.0;
                for &d in &s_touch {
                    if d == c {
                        continue;
                    }
                    let x = big[c * kk + d];
                    g += xlx(x + s_cls[d]) - xlx(x);
                }
                for &d in &p_touch {
                    if d == c {
                        continue;
                    }
                    let x = big[d * kk + c];
                    g += xlx(x + p_cls[d]) - xlx(x);
                }
                let x = big[c * kk + c];
                g += xlx(x + s_cls[c] + p_cls[c] + selfc) - xlx(x);
                g -= xlx(left[c] + nl) - xlx(left[c]);
                g -= xlx(right[c] + nr) - xlx(right[c]);
                // Staying put wins ties, so the passes settle.
                if g > best.0 + 1e-9 || (c == a && g >= best.0 - 1e-9) {
                    best = (g, c);
                }
            }
            let b = best.1;
            for &d in &s_touch {
                big[b * kk + d] += s_cls[d];
            }
            for &d in &p_touch {
                big[d * kk + b] += p_cls[d];
            }
            big[b * kk + b] += selfc;
            left[b] += nl;
            right[b] += nr;
            if b != a {
                class[w] = b;
                moved += 1;
            }
            for &d in &s_touch {
                s_cls[d] = 0.0;
            }
            for &d in &p_touch {
                p_cls[d] = 0.0;
            }
            s_touch.clear();
            p_touch.clear();
        }
        if verbose {
            eprintln!("clusters k={k} pass {}: {moved} words moved", pass + 1);
        }
        if moved * 1000 < n_words {
            break;
        }
    }
    class
}

impl Clusters {
    /// Learns clusterings of the words of `sentences` (already tokenised).
    pub fn train<S: AsRef<str>>(
        sentences: &[Vec<S>],
        cfg: &ClusterConfig,
    ) -> Result<Clusters, NlpError> {
        if cfg.sizes.is_empty()
            || cfg.sizes.len() > MAX_LEVELS
            || cfg.sizes.iter().any(|&k| !(2..MAX_CLASSES).contains(&k))
        {
            return Err(NlpError::Data(format!(
                "cluster sizes {:?}: need 1-{MAX_LEVELS} sizes in 2..{MAX_CLASSES}",
                cfg.sizes
            )));
        }
        let mut freq: HashMap<String, u64> = HashMap::new();
        let keyed: Vec<Vec<String>> = sentences
            .iter()
            .map(|s| s.iter().map(|w| cluster_key(w.as_ref())).collect())
            .collect();
        for s in &keyed {
            for w in s {
                *freq.entry(w.clone()).or_default() += 1;
            }
        }
        let mut vocab: Vec<(String, u64)> = freq
            .into_iter()
            .filter(|(_, c)| *c as usize >= cfg.min_count.max(1))
            .collect();
        vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        // Id 0: sentence boundary; 1: all rarer words together; then the vocabulary.
        let ids: HashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i as u32 + 2))
            .collect();
        let n = vocab.len() + 2;
        let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
        for s in &keyed {
            let mut prev = 0u32;
            for w in s {
                let id = ids.get(w.as_str()).copied().unwrap_or(1);
                *bigrams.entry((prev, id)).or_default() += 1;
                prev = id;
            }
            *bigrams.entry((prev, 0)).or_default() += 1;
        }
        let mut succ: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
        let mut pred: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
        let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
        pairs.sort_unstable();
        for ((u, v), c) in pairs {
            succ[u as usize].push((v, c));
            pred[v as usize].push((u, c));
        }
        if cfg.verbose {
            eprintln!(
                "clusters: {} sentences, {} word types clustered",
                sentences.len(),
                vocab.len()
            );
        }
        let mut packed = vec![0u32; n];
        for (level, &k) in cfg.sizes.iter().enumerate() {
            let class = exchange(n, &succ, &pred, k, cfg.passes, cfg.verbose);
            for (p, &c) in packed.iter_mut().zip(&class) {
                *p |= (c as u32) << (10 * level);
            }
        }
        let map = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (key_hash(w), packed[i + 2]))
            .collect();
        Ok(Clusters {
            sizes: cfg.sizes.clone(),
            map,
        })
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Number of clusterings (levels).
    pub fn levels(&self) -> usize {
        self.sizes.len()
    }

    /// Packed class ids of a word by the hash of its [`cluster_key`]: level `l`
    /// is `(x >> (10 * l)) & 1023`, [`UNKNOWN`] at every level for unknown words.
    #[inline]
    pub fn get_hash(&self, h: u64) -> u32 {
        self.map
            .get(&h)
            .copied()
            .unwrap_or(UNKNOWN | UNKNOWN << 10 | UNKNOWN << 20)
    }

    /// Class id of `word` at `level`.
    pub fn class_of(&self, word: &str, level: usize) -> u32 {
        (self.get_hash(key_hash(&cluster_key(word))) >> (10 * level)) & 1023
    }

    /// Writes the clusters (sorted, so the bytes do not depend on hash order).
    pub fn write(&self, w: &mut Writer) {
        w.u32s(&self.sizes.iter().map(|&k| k as u32).collect::<Vec<_>>());
        let mut v: Vec<(u64, u32)> = self.map.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable();
        w.u64s(&v.iter().map(|x| x.0).collect::<Vec<_>>());
        w.u32s(&v.iter().map(|x| x.1).collect::<Vec<_>>());
    }

    /// Reads clusters written by [`Clusters::write`].
    pub fn read(r: &mut Reader) -> Result<Clusters, NlpError> {
        let sizes: Vec<usize> = r.u32s()?.into_iter().map(|k| k as usize).collect();
        let keys = r.u64s()?;
        let vals = r.u32s()?;
        if sizes.len() > MAX_LEVELS
            || sizes.iter().any(|&k| k >= MAX_CLASSES)
            || keys.len() != vals.len()
        {
            return Err(r.err("inconsistent word clusters"));
        }
        Ok(Clusters {
            sizes,
            map: keys.into_iter().zip(vals).collect(),
        })
    }

    /// Tokenises raw text (any format; markup is just more tokens) into
    /// sentences of word forms for [`Clusters::train`].
    pub fn sentences_of_raw(text: &str) -> Vec<Vec<String>> {
        dyad_text::segment(text)
            .into_iter()
            .map(|s| s.tokens.into_iter().map(|t| t.form).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let dets = ["the", "a", "this", "that"];
        let nouns = ["dog", "cat", "house", "car", "tree"];
        let verbs = ["runs", "sleeps", "falls", "stops"];
        for (i, d) in dets.iter().enumerate() {
            for (j, n) in nouns.iter().enumerate() {
                let v = verbs[(i + j) % verbs.len()];
                out.push(
                    [d, n, v, "."]
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>(),
                );
            }
        }
        out
    }

    #[test]
    fn groups_words_by_their_neighbours_and_is_deterministic() {
        let cfg = ClusterConfig {
            sizes: vec![4, 6],
            min_count: 1,
            passes: 20,
            verbose: false,
        };
        let c = Clusters::train(&corpus(), &cfg).unwrap();
        assert_eq!(c.len(), 4 + 5 + 4 + 1);
        // Determiners share a class, nouns share another, and they differ.
        let det = c.class_of("the", 0);
        assert!(["a", "This", "that"]
            .iter()
            .all(|w| c.class_of(w, 0) == det));
        let noun = c.class_of("dog", 0);
        assert!(["cat", "house", "car"]
            .iter()
            .all(|w| c.class_of(w, 0) == noun));
        assert_ne!(det, noun);
        assert_eq!(c.class_of("unseen", 0), UNKNOWN);
        assert_eq!(c, Clusters::train(&corpus(), &cfg).unwrap());
        let mut w = Writer::new(b"TESTCLUS", 1);
        c.write(&mut w);
        let (mut r, _) = Reader::new(&w.buf, b"TESTCLUS", "mem").unwrap();
        assert_eq!(Clusters::read(&mut r).unwrap(), c);
    }

    #[test]
    fn word_key_hash_equals_the_key_of_cluster_key() {
        let mut buf = String::new();
        for w in [
            "Obama",
            "1990s",
            "---",
            "--",
            "...",
            "``",
            "Obama’s",
            "ÉLYSÉE",
            "",
            "北京",
            "U.S.",
        ] {
            assert_eq!(word_key_hash(w, &mut buf), key_hash(&cluster_key(w)), "{w}");
        }
    }

    #[test]
    fn keys_fold_case_and_digits() {
        assert_eq!(cluster_key("1990s"), "0000s");
        assert_eq!(cluster_key("Obama’s"), "obama's");
        assert!(Clusters::train(
            &corpus(),
            &ClusterConfig {
                sizes: vec![],
                ..Default::default()
            }
        )
        .is_err());
    }
}
