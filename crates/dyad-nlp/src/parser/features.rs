//! Feature extraction: Zhang & Nivre (2011) style templates adapted to the
//! arc-hybrid system, hashed to `u64` without allocating.

use super::system::State;
use crate::clusters::{word_key_hash, Clusters};
use crate::tagger::XposAlt;
use crate::AnalyzedSentence;

/// Hashes for one token, computed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenHashes {
    /// Lower-cased form with digits folded to `0`.
    pub w: u64,
    /// XPOS.
    pub p: u64,
    /// Lemma (lower-cased).
    pub l: u64,
    /// UPOS.
    pub u: u64,
    /// Last three characters of the lower-cased form.
    pub suf: u64,
    /// Word shape class (capitalised, all caps, digit, punctuation, other).
    pub shape: u64,
    /// Punctuation tokens at positions `1..=i` (prefix count).
    pub punct: u32,
    /// Verbs (XPOS `VB*`, `MD`) at positions `1..=i` (prefix count).
    pub verbs: u32,
    /// Coordinating conjunctions at positions `1..=i` (prefix count).
    pub ccs: u32,
    /// Word classes (coarse, middle, fine) from the model's clusters.
    pub c: [u64; 3],
    /// The tagger's runner-up XPOS with its margin bucket, when the margin is
    /// small ([`ALT_NONE`] otherwise or when unknown).
    pub alt: u64,
}

/// Feature-set bit: word-class features ([`TokenHashes::c`]).
pub const FEAT_CLUSTERS: u32 = 1;
/// Feature-set bit: the tagger's runner-up XPOS ([`TokenHashes::alt`]).
pub const FEAT_ALTS: u32 = 2;
/// Feature-set bit: sentence breaks. The model parses a forest
/// ([`State::forest`]: `RIGHT` onto the root may end a sentence before the
/// buffer is empty), with features for that decision (the sentence splitter's
/// parser, see `crate::senter`).
pub const FEAT_BREAK: u32 = 4;
/// [`TokenHashes::alt`] of a word the tagger was sure about.
pub const ALT_NONE: u64 = 0x3c6e_f372_fe94_f82b;

/// What [`token_hashes`] needs beyond the sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct HashInput<'a> {
    /// Word classes (empty: none).
    pub clusters: Option<&'a Clusters>,
    /// Runner-up XPOS and margin per word (empty: none known).
    pub alts: &'a [XposAlt<'a>],
    /// Margin thresholds: below `margins[0]` bucket 1, below `margins[1]` bucket 2.
    pub margins: [f32; 2],
}

const NONE: u64 = 0x9e37_79b9_7f4a_7c15;
const ROOT: u64 = 0x6a09_e667_f3bc_c908;

/// FxHash-style combining step.
#[inline]
fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Final avalanche (MurmurHash3 fmix64) so that the high bits index tables well.
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Hash of a string, lower-cased, digits folded to 0 when `fold` is set.
fn hash_str(s: &str, fold: bool, salt: u64) -> u64 {
    let mut h = salt;
    for c in s.chars() {
        let c = if fold && c.is_ascii_digit() { '0' } else { c };
        if c.is_ascii() {
            h = step(h, c.to_ascii_lowercase() as u64);
        } else {
            for lc in c.to_lowercase() {
                h = step(h, lc as u64);
            }
        }
    }
    step(h, s.len() as u64)
}

fn hash_suffix(s: &str) -> u64 {
    let start = s.char_indices().rev().nth(2).map(|(i, _)| i).unwrap_or(0);
    hash_str(&s[start..], true, 0x5u64)
}

fn shape(s: &str) -> u64 {
    let mut chars = s.chars();
    let first = match chars.next() {
        Some(c) => c,
        None => return 1,
    };
    if s.chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        2
    } else if first.is_uppercase() {
        if s.chars().all(|c| !c.is_lowercase()) && s.chars().count() > 1 {
            3
        } else {
            4
        }
    } else if !first.is_alphanumeric() {
        5
    } else {
        6
    }
}

/// Token hashes for a sentence; index 0 is the root.
pub fn token_hashes(
    sentence: &AnalyzedSentence,
    input: &HashInput<'_>,
    key_buf: &mut String,
    out: &mut Vec<TokenHashes>,
) {
    out.clear();
    out.push(TokenHashes {
        w: ROOT,
        p: ROOT,
        l: ROOT,
        u: ROOT,
        suf: ROOT,
        shape: ROOT,
        punct: 0,
        verbs: 0,
        ccs: 0,
        c: [ROOT; 3],
        alt: ALT_NONE,
    });
    let use_alts = input.alts.len() == sentence.tokens.len();
    let (mut punct, mut verbs, mut ccs) = (0u32, 0u32, 0u32);
    for (i, t) in sentence.tokens.iter().enumerate() {
        let c = match input.clusters {
            Some(cl) if !cl.is_empty() => {
                let x = cl.get_hash(word_key_hash(&t.form, key_buf));
                [
                    (x & 1023) as u64,
                    ((x >> 10) & 1023) as u64,
                    ((x >> 20) & 1023) as u64,
                ]
            }
            _ => [NONE; 3],
        };
        let alt = match input.alts.get(i) {
            Some(a) if use_alts && a.margin < input.margins[1] => step(
                hash_str(a.xpos, false, 7),
                1 + (a.margin >= input.margins[0]) as u64,
            ),
            _ => ALT_NONE,
        };
        punct += (t.upos == "PUNCT" || t.xpos.chars().next().is_some_and(|c| !c.is_alphanumeric()))
            as u32;
        verbs += (t.xpos.starts_with("VB") || t.xpos == "MD") as u32;
        ccs += (t.xpos == "CC" || t.upos == "CCONJ") as u32;
        out.push(TokenHashes {
            punct,
            verbs,
            ccs,
            w: hash_str(&t.form, true, 1),
            p: hash_str(&t.xpos, false, 2),
            l: hash_str(&t.lemma, true, 3),
            u: hash_str(&t.upos, false, 4),
            suf: hash_suffix(&t.form),
            shape: shape(&t.form),
            c,
            alt,
        });
    }
}

/// A position in the configuration (a token index or none).
#[derive(Clone, Copy)]
struct Pos(u32);
const ABSENT: Pos = Pos(u32::MAX);

/// The record of an absent position: every hash NONE, as the `map_or(NONE, ..)`
/// reads of [`View::get`] give, so that templates read fields directly.
static ABSENT_TOKEN: TokenHashes = TokenHashes {
    w: NONE,
    p: NONE,
    l: NONE,
    u: NONE,
    suf: NONE,
    shape: NONE,
    punct: 0,
    verbs: 0,
    ccs: 0,
    c: [NONE; 3],
    alt: NONE,
};

/// Upper bound on the features of one call ([`move_features`] with every
/// feature-set bit has 169, [`label_features`] 50).
const MAX_FEATS: usize = 192;

struct View<'a> {
    t: &'a [TokenHashes],
    st: &'a State,
}

impl View<'_> {
    #[inline]
    fn get(&self, p: Pos) -> Option<&TokenHashes> {
        if p.0 == u32::MAX {
            None
        } else {
            self.t.get(p.0 as usize)
        }
    }
    /// The token's record, [`ABSENT_TOKEN`] when absent.
    #[inline]
    fn tok(&self, p: Pos) -> &TokenHashes {
        self.get(p).unwrap_or(&ABSENT_TOKEN)
    }
    #[inline]
    fn w(&self, p: Pos) -> u64 {
        self.get(p).map_or(NONE, |t| t.w)
    }
    #[inline]
    fn p(&self, p: Pos) -> u64 {
        self.get(p).map_or(NONE, |t| t.p)
    }
    #[inline]
    fn l(&self, p: Pos) -> u64 {
        self.get(p).map_or(NONE, |t| t.l)
    }
    #[inline]
    fn child(&self, p: Pos, v: &[u32]) -> Pos {
        if p.0 == u32::MAX {
            return ABSENT;
        }
        match v.get(p.0 as usize) {
            Some(&c) if c != 0 => Pos(c),
            _ => ABSENT,
        }
    }
    /// Label of an attached token (as a hash input), none when absent.
    #[inline]
    fn lab(&self, p: Pos) -> u64 {
        if p.0 == u32::MAX {
            return NONE;
        }
        self.st
            .labels
            .get(p.0 as usize)
            .map_or(NONE, |&l| l as u64 + 1000)
    }
    #[inline]
    fn vl(&self, p: Pos) -> u64 {
        if p.0 == u32::MAX {
            return NONE;
        }
        self.st
            .nl
            .get(p.0 as usize)
            .map_or(NONE, |&v| v.min(6) as u64)
    }
    #[inline]
    fn vr(&self, p: Pos) -> u64 {
        if p.0 == u32::MAX {
            return NONE;
        }
        self.st
            .nr
            .get(p.0 as usize)
            .map_or(NONE, |&v| v.min(6) as u64)
    }
    #[inline]
    fn ll(&self, p: Pos) -> u64 {
        if p.0 == u32::MAX {
            return NONE;
        }
        self.st.left_labels.get(p.0 as usize).copied().unwrap_or(0)
    }
    #[inline]
    fn rl(&self, p: Pos) -> u64 {
        if p.0 == u32::MAX {
            return NONE;
        }
        self.st.right_labels.get(p.0 as usize).copied().unwrap_or(0)
    }
}

/// Coordinating conjunctions strictly between two positions (capped at 2).
fn ccs_between(t: &[TokenHashes], a: Pos, b: Pos) -> u64 {
    if a.0 == u32::MAX || b.0 == u32::MAX {
        return 99;
    }
    let (lo, hi) = if a.0 < b.0 { (a.0, b.0) } else { (b.0, a.0) };
    if hi <= lo + 1 {
        return 0;
    }
    match (t.get(lo as usize), t.get(hi as usize - 1)) {
        (Some(x), Some(y)) => y.ccs.saturating_sub(x.ccs).min(2) as u64,
        _ => 99,
    }
}

/// Punctuation and verbs strictly between two positions (capped at 3).
fn between(t: &[TokenHashes], a: Pos, b: Pos) -> (u64, u64) {
    if a.0 == u32::MAX || b.0 == u32::MAX {
        return (99, 99);
    }
    let (lo, hi) = if a.0 < b.0 { (a.0, b.0) } else { (b.0, a.0) };
    if hi <= lo + 1 {
        return (0, 0);
    }
    match (t.get(lo as usize), t.get(hi as usize - 1)) {
        (Some(x), Some(y)) => (
            y.punct.saturating_sub(x.punct).min(3) as u64,
            y.verbs.saturating_sub(x.verbs).min(3) as u64,
        ),
        _ => (99, 99),
    }
}

fn dist(a: Pos, b: Pos) -> u64 {
    if a.0 == u32::MAX || b.0 == u32::MAX {
        return 99;
    }
    match a.0.abs_diff(b.0) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// Pushes feature hashes; each template has its own id so equal values in
/// different templates do not collide. `seen` is called with each hash as
/// soon as it is known (inference prefetches its weight row there, so that
/// the memory reads overlap the hashing of the remaining templates).
/// The hashes go into a slice of [`MAX_FEATS`] slots (no capacity check and
/// length update per feature as with `Vec::push`); [`Sink::finish`] trims it.
struct Sink<'a, H: FnMut(u64)> {
    out: &'a mut [u64],
    n: usize,
    id: u64,
    seen: H,
}

impl<'a, H: FnMut(u64)> Sink<'a, H> {
    /// A sink writing into `out` (its old contents are overwritten).
    #[inline]
    fn new(out: &'a mut Vec<u64>, id: u64, seen: H) -> Self {
        // After the previous call's truncation this fills only the tail.
        out.resize(MAX_FEATS, 0);
        Sink {
            out: out.as_mut_slice(),
            n: 0,
            id,
            seen,
        }
    }

    #[inline]
    fn f(&mut self, vals: &[u64]) {
        self.id += 1;
        let mut h = step(0xcbf2_9ce4_8422_2325, self.id);
        for &v in vals {
            h = step(h, v);
        }
        let h = finish(h);
        (self.seen)(h);
        if let Some(slot) = self.out.get_mut(self.n) {
            *slot = h;
        }
        self.n += 1;
    }

    /// Number of features written; panics if a template set outgrew
    /// [`MAX_FEATS`] (a programming error, caught by the unit tests).
    #[inline]
    fn finish(self) -> usize {
        assert!(self.n <= MAX_FEATS, "{} features > MAX_FEATS", self.n);
        self.n
    }
}

/// Features of a configuration for the move classifier; `seen` gets each
/// hash as it is computed.
pub fn move_features(
    t: &[TokenHashes],
    st: &State,
    set: u32,
    out: &mut Vec<u64>,
    seen: impl FnMut(u64),
) {
    let v = View { t, st };
    let len = st.stack.len();
    let sp = |i: usize| {
        if len > i {
            Pos(st.stack[len - 1 - i])
        } else {
            ABSENT
        }
    };
    let bp = |i: u32| {
        let x = st.b.saturating_add(i);
        if x <= st.n {
            Pos(x)
        } else {
            ABSENT
        }
    };
    let (s0, s1, s2, b0, b1, b2) = (sp(0), sp(1), sp(2), bp(0), bp(1), bp(2));
    // Each token's record is read once (one bounds check) into a local copy;
    // the templates below read its fields only.
    let (ts0, ts1, ts2) = (*v.tok(s0), *v.tok(s1), *v.tok(s2));
    let (tb0, tb1, tb2) = (*v.tok(b0), *v.tok(b1), *v.tok(b2));
    let (s0w, s0p, s1w, s1p, s2w, s2p) = (ts0.w, ts0.p, ts1.w, ts1.p, ts2.w, ts2.p);
    let (b0w, b0p, b1w, b1p, b2w, b2p) = (tb0.w, tb0.p, tb1.w, tb1.p, tb2.w, tb2.p);
    let (s0l, s1l, b0l) = (ts0.l, ts1.l, tb0.l);
    let s0lc1 = v.child(s0, &st.lc1);
    let s0lc2 = v.child(s0, &st.lc2);
    let s0rc1 = v.child(s0, &st.rc1);
    let s0rc2 = v.child(s0, &st.rc2);
    let s1lc1 = v.child(s1, &st.lc1);
    let s1rc1 = v.child(s1, &st.rc1);
    let s1rc2 = v.child(s1, &st.rc2);
    let b0lc1 = v.child(b0, &st.lc1);
    let b0lc2 = v.child(b0, &st.lc2);
    let (s0lc1w, s0lc1p, s0lc1lab) = (v.w(s0lc1), v.p(s0lc1), v.lab(s0lc1));
    let (s0lc2w, s0lc2p, s0lc2lab) = (v.w(s0lc2), v.p(s0lc2), v.lab(s0lc2));
    let (s0rc1w, s0rc1p, s0rc1lab) = (v.w(s0rc1), v.p(s0rc1), v.lab(s0rc1));
    let (s0rc2w, s0rc2p, s0rc2lab) = (v.w(s0rc2), v.p(s0rc2), v.lab(s0rc2));
    let (s1lc1p, s1lc1lab) = (v.p(s1lc1), v.lab(s1lc1));
    let (s1rc1w, s1rc1p, s1rc1lab) = (v.w(s1rc1), v.p(s1rc1), v.lab(s1rc1));
    let s1rc2p = v.p(s1rc2);
    let (b0lc1w, b0lc1p, b0lc1lab) = (v.w(b0lc1), v.p(b0lc1), v.lab(b0lc1));
    let (b0lc2w, b0lc2p, b0lc2lab) = (v.w(b0lc2), v.p(b0lc2), v.lab(b0lc2));
    let (s0vl, s0vr, b0vl, s1vl, s1vr) = (v.vl(s0), v.vr(s0), v.vl(b0), v.vl(s1), v.vr(s1));
    let (s0ll, s0rl, b0ll, s1ll, s1rl) = (v.ll(s0), v.rl(s0), v.ll(b0), v.ll(s1), v.rl(s1));
    let d_s0b0 = dist(s0, b0);
    let d_s1s0 = dist(s1, s0);

    let mut k = Sink::new(out, 0, seen);
    k.f(&[]); // bias
              // single words
    k.f(&[s0w, s0p]);
    k.f(&[s0w]);
    k.f(&[s0p]);
    k.f(&[b0w, b0p]);
    k.f(&[b0w]);
    k.f(&[b0p]);
    k.f(&[b1w, b1p]);
    k.f(&[b1w]);
    k.f(&[b1p]);
    k.f(&[b2w, b2p]);
    k.f(&[b2w]);
    k.f(&[b2p]);
    k.f(&[s1w, s1p]);
    k.f(&[s1w]);
    k.f(&[s1p]);
    k.f(&[s2w]);
    k.f(&[s2p]);
    k.f(&[s0l]);
    k.f(&[b0l]);
    k.f(&[s1l]);
    // word pairs
    k.f(&[s0w, s0p, b0w, b0p]);
    k.f(&[s0w, s0p, b0w]);
    k.f(&[s0w, b0w, b0p]);
    k.f(&[s0w, s0p, b0p]);
    k.f(&[s0p, b0w, b0p]);
    k.f(&[s0w, b0w]);
    k.f(&[s0p, b0p]);
    k.f(&[b0p, b1p]);
    k.f(&[s1w, s1p, s0w, s0p]);
    k.f(&[s1w, s1p, s0w]);
    k.f(&[s1w, s0w, s0p]);
    k.f(&[s1w, s1p, s0p]);
    k.f(&[s1p, s0w, s0p]);
    k.f(&[s1w, s0w]);
    k.f(&[s1p, s0p]);
    k.f(&[s1p, b0p]);
    k.f(&[s1w, b0w]);
    k.f(&[s0l, b0l]);
    k.f(&[s1l, s0l]);
    // three words
    k.f(&[b0p, b1p, b2p]);
    k.f(&[s0p, b0p, b1p]);
    k.f(&[s1p, s0p, b0p]);
    k.f(&[s0p, s0lc1p, b0p]);
    k.f(&[s0p, s0rc1p, b0p]);
    k.f(&[s0p, b0p, b0lc1p]);
    k.f(&[s2p, s1p, s0p]);
    k.f(&[s1p, s1lc1p, s0p]);
    k.f(&[s1p, s1rc1p, s0p]);
    k.f(&[s1p, s0p, s0lc1p]);
    k.f(&[s1p, s0p, s0rc1p]);
    k.f(&[s1p, s0p, b0p, b1p]);
    // distance
    k.f(&[s0w, d_s0b0]);
    k.f(&[s0p, d_s0b0]);
    k.f(&[b0w, d_s0b0]);
    k.f(&[b0p, d_s0b0]);
    k.f(&[s0w, b0w, d_s0b0]);
    k.f(&[s0p, b0p, d_s0b0]);
    k.f(&[s1w, d_s1s0]);
    k.f(&[s1p, d_s1s0]);
    k.f(&[s0w, d_s1s0]);
    k.f(&[s0p, d_s1s0]);
    k.f(&[s1w, s0w, d_s1s0]);
    k.f(&[s1p, s0p, d_s1s0]);
    // valency
    k.f(&[s0w, s0vr]);
    k.f(&[s0p, s0vr]);
    k.f(&[s0w, s0vl]);
    k.f(&[s0p, s0vl]);
    k.f(&[b0w, b0vl]);
    k.f(&[b0p, b0vl]);
    k.f(&[s1w, s1vr]);
    k.f(&[s1p, s1vr]);
    k.f(&[s1w, s1vl]);
    k.f(&[s1p, s1vl]);
    // children unigrams
    k.f(&[s0lc1w]);
    k.f(&[s0lc1p]);
    k.f(&[s0lc1lab]);
    k.f(&[s0rc1w]);
    k.f(&[s0rc1p]);
    k.f(&[s0rc1lab]);
    k.f(&[b0lc1w]);
    k.f(&[b0lc1p]);
    k.f(&[b0lc1lab]);
    k.f(&[s1rc1w]);
    k.f(&[s1rc1p]);
    k.f(&[s1rc1lab]);
    k.f(&[s1lc1p]);
    k.f(&[s1lc1lab]);
    // third order
    k.f(&[s0lc2w]);
    k.f(&[s0lc2p]);
    k.f(&[s0lc2lab]);
    k.f(&[s0rc2w]);
    k.f(&[s0rc2p]);
    k.f(&[s0rc2lab]);
    k.f(&[b0lc2w]);
    k.f(&[b0lc2p]);
    k.f(&[b0lc2lab]);
    k.f(&[s0p, s0lc1p, s0lc2p]);
    k.f(&[s0p, s0rc1p, s0rc2p]);
    k.f(&[b0p, b0lc1p, b0lc2p]);
    k.f(&[s1p, s1rc1p, s1rc2p]);
    // label sets
    k.f(&[s0w, s0rl]);
    k.f(&[s0p, s0rl]);
    k.f(&[s0w, s0ll]);
    k.f(&[s0p, s0ll]);
    k.f(&[b0w, b0ll]);
    k.f(&[b0p, b0ll]);
    k.f(&[s1w, s1rl]);
    k.f(&[s1p, s1rl]);
    k.f(&[s1p, s1ll]);
    // children labels with the pair in focus
    k.f(&[s0p, b0p, s0lc1lab, s0rc1lab]);
    k.f(&[s1p, s0p, s0lc1lab, s0rc1lab]);
    k.f(&[s0p, b0p, b0lc1lab]);
    // the word right of s0 (attachment of s0's right side) and left of b0
    let s0n = if s0.0 != u32::MAX && s0.0 < st.n {
        Pos(s0.0 + 1)
    } else {
        ABSENT
    };
    let b0prev = if b0.0 != u32::MAX && b0.0 > 1 {
        Pos(b0.0 - 1)
    } else {
        ABSENT
    };
    k.f(&[s0p, v.p(s0n), b0p]);
    k.f(&[s0p, v.p(b0prev), b0p]);
    // punctuation and verbs in between (clause and coordination boundaries)
    let (pb, vb) = between(t, s0, b0);
    let (ps, vs) = between(t, s1, s0);
    k.f(&[s0p, b0p, pb]);
    k.f(&[s0p, b0p, vb]);
    k.f(&[s1p, s0p, ps]);
    k.f(&[s1p, s0p, vs]);
    k.f(&[s0p, b0p, pb, vb, d_s0b0]);
    k.f(&[s1p, s0p, ps, vs, d_s1s0]);
    k.f(&[ts0.u, tb0.u]);
    k.f(&[ts1.u, ts0.u]);
    k.f(&[ts1.u, ts0.u, tb0.u]);
    k.f(&[ts0.u, tb0.u, tb1.u]);
    // coordination and prepositional attachment
    k.f(&[s0p, b0p, ccs_between(t, s0, b0)]);
    k.f(&[s1p, s0p, ccs_between(t, s1, s0)]);
    k.f(&[s0w, b0w, b1w]);
    k.f(&[s0p, b0w, b1p]);
    k.f(&[s1w, s0w, b0w]);
    k.f(&[s1p, s0w, b0p]);
    k.f(&[s0l, b0w, s0rc1p]);
    if set & FEAT_CLUSTERS != 0 {
        // Word classes: like a word, but shared by the rare words of a class,
        // and independent of the (possibly wrong) predicted tag.
        let (cs0, cb0, cb1, cs1, cb2) = (ts0.c, tb0.c, tb1.c, ts1.c, tb2.c);
        k.f(&[cs0[2]]);
        k.f(&[cb0[2]]);
        k.f(&[cb1[2]]);
        k.f(&[cs1[2]]);
        k.f(&[cs0[1], cb0[1]]);
        k.f(&[cs0[2], b0p]);
        k.f(&[s0p, cb0[2]]);
        k.f(&[cs1[1], cs0[1]]);
        k.f(&[cs0[0], cb0[0], cb1[0]]);
        k.f(&[cs1[0], cs0[0], cb0[0]]);
        k.f(&[s0w, cb0[1]]);
        k.f(&[cs0[1], b0w]);
        k.f(&[cs0[1], cb0[1], d_s0b0]);
        k.f(&[cb0[0], cb1[0], cb2[0]]);
    }
    if set & FEAT_BREAK != 0 {
        break_features(&v, &mut k, s0, b0, b1);
    }
    if set & FEAT_ALTS != 0 {
        // The tagger's runner-up tag where it was unsure.
        let (as0, ab0, as1, ab1) = (ts0.alt, tb0.alt, ts1.alt, tb1.alt);
        k.f(&[s0p, as0]);
        k.f(&[b0p, ab0]);
        k.f(&[s1p, as1]);
        k.f(&[b1p, ab1]);
        k.f(&[s0p, as0, b0p]);
        k.f(&[s0p, b0p, ab0]);
        k.f(&[s1p, as1, s0p]);
        k.f(&[s1p, s0p, as0]);
    }
    let n = k.finish();
    out.truncate(n);
}

/// Features of a possible sentence break ([`FEAT_BREAK`]): does the word `b0`
/// open a new sentence after the finished tree of `s0`? Each is joined with
/// whether `s0` hangs from the root (only then may `RIGHT` end a sentence).
fn break_features<H: FnMut(u64)>(v: &View<'_>, k: &mut Sink<'_, H>, s0: Pos, b0: Pos, b1: Pos) {
    let t = v.t;
    let st = v.st;
    let at_root = (st.stack.len() == 2) as u64;
    let shape = |p: Pos| v.get(p).map_or(NONE, |x| x.shape);
    // The word right before the gap (the last word of s0's subtree).
    let prev = if b0.0 != u32::MAX && b0.0 >= 1 {
        Pos(b0.0 - 1)
    } else {
        ABSENT
    };
    // The first word of s0's subtree: how long the sentence so far is, and
    // how much punctuation and how many verbs it has.
    let mut first = s0;
    if first.0 != u32::MAX && first.0 != 0 {
        for _ in 0..st.n {
            match st.lc1.get(first.0 as usize) {
                Some(&c) if c != 0 && c < first.0 => first = Pos(c),
                _ => break,
            }
        }
    }
    let (len, punct, verbs) = match (first.0, prev.0) {
        (f, p) if f != u32::MAX && p != u32::MAX && f != 0 && p >= f => {
            let before = t.get(f as usize - 1);
            let last = t.get(p as usize);
            let (pu, ve) = match (before, last) {
                (Some(x), Some(y)) => (
                    y.punct.saturating_sub(x.punct).min(3) as u64,
                    y.verbs.saturating_sub(x.verbs).min(3) as u64,
                ),
                _ => (99, 99),
            };
            let n = p - f + 1;
            let lb = match n {
                0..=2 => n as u64,
                3..=5 => 3,
                6..=10 => 4,
                11..=20 => 5,
                _ => 6,
            };
            (lb, pu, ve)
        }
        _ => (99, 99, 99),
    };
    let (s0p, b0p, b0w) = (v.p(s0), v.p(b0), v.w(b0));
    let (pw, pp) = (v.w(prev), v.p(prev));
    let (b0s, ps) = (shape(b0), shape(prev));
    k.f(&[at_root, b0s, s0p]);
    k.f(&[at_root, b0s, b0p, pp]);
    k.f(&[at_root, pw, b0s]);
    k.f(&[at_root, pw, b0w]);
    k.f(&[at_root, pp, b0w]);
    k.f(&[at_root, ps, b0s, b0p]);
    k.f(&[at_root, s0p, v.ll(s0)]);
    k.f(&[at_root, s0p, v.rl(s0), b0p]);
    k.f(&[at_root, len, b0s]);
    k.f(&[at_root, punct, verbs, b0s]);
    k.f(&[at_root, punct, verbs, b0p]);
    k.f(&[at_root, b0w, v.p(b1)]);
    k.f(&[at_root, b0p, v.p(b1), b0s]);
    k.f(&[at_root, v.w(s0), b0w]);
    k.f(&[at_root, verbs, s0p, b0p]);
}

/// Features for labelling the arc `h -> d` in configuration `st`; `seen` gets
/// each hash as it is computed.
pub fn label_features(
    t: &[TokenHashes],
    st: &State,
    h: u32,
    d: u32,
    set: u32,
    out: &mut Vec<u64>,
    seen: impl FnMut(u64),
) {
    let v = View { t, st };
    let (hp_, dp_) = (Pos(h), Pos(d));
    let dir = (d < h) as u64 + 10;
    let (hw, hp, hl, dw, dp, dl) = (v.w(hp_), v.p(hp_), v.l(hp_), v.w(dp_), v.p(dp_), v.l(dp_));
    let du = v.get(dp_).map_or(NONE, |x| x.u);
    let hu = v.get(hp_).map_or(NONE, |x| x.u);
    let dsuf = v.get(dp_).map_or(NONE, |x| x.suf);
    let dshape = v.get(dp_).map_or(NONE, |x| x.shape);
    let at = |x: u32| if x >= 1 && x <= st.n { Pos(x) } else { ABSENT };
    let dprev = at(d.wrapping_sub(1));
    let dnext = at(d.saturating_add(1));
    let hprev = at(h.wrapping_sub(1));
    let hnext = at(h.saturating_add(1));
    let dlc1 = v.child(dp_, &st.lc1);
    let drc1 = v.child(dp_, &st.rc1);
    let hlc1 = v.child(hp_, &st.lc1);
    let hrc1 = v.child(hp_, &st.rc1);
    let b0 = if st.b <= st.n { Pos(st.b) } else { ABSENT };
    let dd = dist(hp_, dp_);

    let mut k = Sink::new(out, 500, seen);
    k.f(&[dir]);
    k.f(&[dir, dw]);
    k.f(&[dir, dp]);
    k.f(&[dir, dl]);
    k.f(&[dir, hw]);
    k.f(&[dir, hp]);
    k.f(&[dir, hl]);
    k.f(&[dir, dp, hp]);
    k.f(&[dir, dw, hp]);
    k.f(&[dir, dp, hw]);
    k.f(&[dir, dw, hw]);
    k.f(&[dir, dl, hl]);
    k.f(&[dir, du, hu]);
    k.f(&[dir, dp, hp, dd]);
    k.f(&[dir, dsuf, dp]);
    k.f(&[dir, dshape, dp, hp]);
    // the dependent's own children (case markers, auxiliaries, determiners)
    k.f(&[dir, v.w(dlc1), dp]);
    k.f(&[dir, v.w(dlc1), hp]);
    k.f(&[dir, v.w(dlc1), dp, hp]);
    k.f(&[dir, v.lab(dlc1), dp]);
    k.f(&[dir, v.lab(drc1), dp]);
    k.f(&[dir, v.p(drc1), dp]);
    k.f(&[dir, v.p(dlc1), dp]);
    k.f(&[dir, v.ll(dp_), dp]);
    k.f(&[dir, v.rl(dp_), dp]);
    k.f(&[dir, v.ll(dp_), dp, hp]);
    k.f(&[dir, v.vl(dp_), v.vr(dp_), dp]);
    // the head's other children (passive auxiliaries, existing subjects/objects)
    k.f(&[dir, v.lab(hlc1), dp]);
    k.f(&[dir, v.w(hlc1), hp]);
    k.f(&[dir, v.ll(hp_), dp]);
    k.f(&[dir, v.rl(hp_), dp]);
    k.f(&[dir, v.ll(hp_), dp, hp]);
    k.f(&[dir, v.rl(hp_), dp, hp]);
    k.f(&[dir, v.lab(hrc1), dp, hp]);
    // context words
    k.f(&[dir, v.p(dprev), dp]);
    k.f(&[dir, v.p(dnext), dp]);
    k.f(&[dir, v.p(dprev), dp, v.p(dnext)]);
    k.f(&[dir, v.p(hprev), hp]);
    k.f(&[dir, v.p(hnext), hp]);
    k.f(&[dir, dp, hp, v.p(b0)]);
    k.f(&[dir, dw, v.w(dprev)]);
    let (pb, vb) = between(t, hp_, dp_);
    k.f(&[dir, dp, hp, pb, vb]);
    k.f(&[dir, du, hu, pb]);
    if set & FEAT_CLUSTERS != 0 {
        let c = |p: Pos, l: usize| v.get(p).map_or(NONE, |x| x.c[l]);
        k.f(&[dir, c(dp_, 2)]);
        k.f(&[dir, c(hp_, 2)]);
        k.f(&[dir, c(dp_, 1), c(hp_, 1)]);
        k.f(&[dir, c(dp_, 2), hp]);
        k.f(&[dir, dp, c(hp_, 2)]);
    }
    if set & FEAT_ALTS != 0 {
        let a = |p: Pos| v.get(p).map_or(NONE, |x| x.alt);
        k.f(&[dir, dp, a(dp_), hp]);
        k.f(&[dir, dp, hp, a(hp_)]);
    }
    let n = k.finish();
    out.truncate(n);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_hash_folds_case_and_digits() {
        assert_eq!(hash_str("Paris", true, 1), hash_str("PARIS", true, 1));
        assert_eq!(hash_str("1990", true, 1), hash_str("2024", true, 1));
        assert_ne!(hash_str("1990", true, 1), hash_str("19900", true, 1));
        assert_ne!(hash_suffix("talking"), hash_suffix("talked"));
        assert_eq!(hash_suffix("é"), hash_str("é", true, 5));
    }

    #[test]
    fn feature_counts_fit_and_reused_buffers_give_the_same_features() {
        use super::super::system::{LEFT, RIGHT, SHIFT};
        let n = 6;
        let t: Vec<TokenHashes> = (0..=n as u64)
            .map(|i| TokenHashes {
                w: i * 11 + 1,
                p: i * 13 + 2,
                l: i * 17 + 3,
                u: i * 19 + 4,
                punct: i as u32 / 2,
                verbs: i as u32 / 3,
                c: [i, i + 100, i + 200],
                alt: i + 300,
                ..TokenHashes::default()
            })
            .collect();
        let mut st = State::new(n);
        let mut reused = vec![7u64; 300];
        let mut lab = Vec::new();
        let all = FEAT_CLUSTERS | FEAT_ALTS | FEAT_BREAK;
        let mut steps = 0;
        for mv in [
            SHIFT, SHIFT, LEFT, SHIFT, SHIFT, RIGHT, SHIFT, LEFT, SHIFT, RIGHT,
        ] {
            for (set, want) in [(0, 132), (FEAT_CLUSTERS, 146), (all, 169)] {
                let mut fresh = Vec::new();
                let mut seen = Vec::new();
                move_features(&t, &st, set, &mut fresh, |h| seen.push(h));
                move_features(&t, &st, set, &mut reused, |_| {});
                assert_eq!(fresh.len(), want);
                assert_eq!(fresh, reused);
                assert_eq!(fresh, seen);
            }
            if let Some((h, d)) = st.arc_of(mv) {
                label_features(&t, &st, h, d, all, &mut lab, |_| {});
                assert_eq!(lab.len(), 50);
                let mut fresh = Vec::new();
                label_features(&t, &st, h, d, all, &mut fresh, |_| {});
                assert_eq!(fresh, lab);
            }
            assert!(st.is_legal(mv));
            st.apply(mv, 1);
            steps += 1;
        }
        assert_eq!(steps, 10);
    }
}
