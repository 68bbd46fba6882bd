//! Averaged perceptron over hashed features.
//!
//! Training keeps dense per-feature rows (one weight per class) in a hash map and
//! averages lazily: each weight remembers when it last changed, so an update
//! costs O(features) rather than O(all weights). The averaged model is sparse:
//! each feature keeps only its non-negligible (class, weight) pairs, found by
//! open addressing on the feature hash.

use crate::binio::{Reader, Writer};
use crate::parser::mem::{HugeVec, Zeroable};
use crate::NlpError;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already well-mixed hashes: use them as they are.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// A map keyed by feature hashes.
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// Something that scores classes from features: the trainer (current weights)
/// or the averaged model. Decoding code is generic over it, so training,
/// evaluation and inference run the same function.
pub trait Scorer {
    /// Number of classes.
    fn n_classes(&self) -> usize;
    /// Adds the weights of `feats` to `out` (one slot per class).
    fn add_scores(&self, feats: &[u64], out: &mut [f32]);
}

/// The perceptron while it is being trained.
pub struct Trainer {
    n: usize,
    index: FeatureMap<u32>,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    /// Number of training instances seen (the averaging clock).
    clock: u32,
}

impl Trainer {
    /// A trainer for `n_classes` classes (at most [`MAX_CLASSES`]: callers
    /// check their label sets first).
    pub fn new(n_classes: usize) -> Self {
        assert!(
            (1..=MAX_CLASSES).contains(&n_classes),
            "class count out of range"
        );
        Trainer {
            n: n_classes,
            index: FeatureMap::default(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            clock: 0,
        }
    }

    /// Advances the averaging clock: call once per training instance.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    fn row(&mut self, f: u64) -> usize {
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next) as usize;
        if r == next as usize {
            self.w.resize(self.w.len() + self.n, 0.0);
            self.total.resize(self.total.len() + self.n, 0.0);
            self.stamp.resize(self.stamp.len() + self.n, 0);
        }
        r
    }

    fn bump(&mut self, i: usize, delta: f32) {
        self.total[i] += (self.clock - self.stamp[i]) as f64 * self.w[i] as f64;
        self.stamp[i] = self.clock;
        self.w[i] += delta;
    }

    /// The perceptron update: reward `truth`, penalise `guess` (no-op if equal).
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = self.row(f) * self.n;
            self.bump(r + truth, 1.0);
            self.bump(r + guess, -1.0);
        }
    }

    /// The averaged model, dropping weights smaller than `min_abs`.
    pub fn average(&self, min_abs: f32) -> Model {
        Trainer::average_many(std::slice::from_ref(self), min_abs)
    }

    fn averaged_weight(&self, i: usize) -> f32 {
        let t = self.total[i] + (self.clock - self.stamp[i]) as f64 * self.w[i] as f64;
        (t / self.clock.max(1) as f64) as f32
    }

    /// The mean of the averaged models of several trainers of the same classes
    /// (e.g. trained on different shuffles): a small bagged ensemble that costs
    /// no more lookups at inference than one model.
    pub fn average_many(trainers: &[Trainer], min_abs: f32) -> Model {
        let n = trainers.first().map(|t| t.n).unwrap_or(1);
        let mut keys: Vec<u64> = trainers
            .iter()
            .flat_map(|t| t.index.keys().copied())
            .collect();
        // Sorted so that the saved file does not depend on hash-map order.
        keys.sort_unstable();
        keys.dedup();
        let k = trainers.len().max(1) as f32;
        let mut kept = Vec::with_capacity(keys.len());
        let mut starts = vec![0u32];
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        let mut row = vec![0f32; n];
        for key in keys {
            row.iter_mut().for_each(|x| *x = 0.0);
            for t in trainers {
                if let Some(&r) = t.index.get(&key) {
                    for (c, x) in row.iter_mut().enumerate() {
                        *x += t.averaged_weight(r as usize * n + c) / k;
                    }
                }
            }
            let before = classes.len();
            for (c, &w) in row.iter().enumerate() {
                if w.abs() >= min_abs && w != 0.0 {
                    classes.push(c as u8);
                    weights.push(w);
                }
            }
            if classes.len() > before {
                kept.push(key);
                starts.push(classes.len() as u32);
            }
        }
        Model::from_parts(n, kept, starts, classes, weights)
    }
}

impl Scorer for Trainer {
    fn n_classes(&self) -> usize {
        self.n
    }
    fn add_scores(&self, feats: &[u64], out: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * self.n..(r as usize + 1) * self.n];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }
}

/// One open-addressing slot (8 bytes, so the table stays small and cache
/// friendly): a 32-bit fingerprint of the feature key (0 = empty) and its run
/// of entries, packed as `start << 7 | len`; a length of 0 marks a dense row
/// (`start` is then its index among the [`Lanes`] rows).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[repr(C)]
struct Slot {
    fingerprint: u32,
    run: u32,
}

/// A (class, quantised weight) pair in 4 bytes. All weights of a model share
/// one scale, so summing the integers ranks classes exactly as the real
/// weights do.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[repr(C)]
struct Entry {
    class: u16,
    weight: i16,
}

/// Eight consecutive classes' quantised weights of a dense row. A feature
/// with weights for at least half the classes keeps a dense row of
/// `n` weights (padded with zeros to whole `Lanes`) instead of its
/// (class, weight) entries: it takes no more memory (2 bytes per class
/// against 4 per entry) and is summed with vector adds instead of one
/// indexed add per entry.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[repr(C, align(16))]
struct Lanes([i16; 8]);

// SAFETY: all are plain integers (repr(C)); all-zero bytes are an empty slot,
// a zero weight of class 0 and zero weights.
unsafe impl Zeroable for Slot {}
// SAFETY: as above.
unsafe impl Zeroable for Entry {}
// SAFETY: as above.
unsafe impl Zeroable for Lanes {}

/// Features resolved per batch in [`Model::add_scores`] (slots found and
/// entries prefetched before any entry is summed).
const BATCH: usize = 64;

/// Most features per [`Model::add_scores`] call for which integer sums of the
/// quantised weights stay exactly representable as `f32` (512 * 32767 < 2^24).
const EXACT_FEATURES: usize = 512;

/// Most classes a [`Model`] can have (the run length has 7 bits).
pub const MAX_CLASSES: usize = 127;
/// Accumulator length: [`MAX_CLASSES`] rounded up to whole [`Lanes`], so
/// that a class index masked with `ACC - 1` needs no bounds check.
const ACC: usize = 128;
const MAX_ENTRIES: usize = 1 << 25;

/// An averaged, sparse perceptron model. Feature keys are hashes from
/// [`crate::features::FeatureHash::finish`]: the low bits pick the slot, the high
/// 32 bits are the fingerprint.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    n: usize,
    keys: Vec<u64>,
    starts: Vec<u32>,
    classes: Vec<u8>,
    quantized: Vec<i16>,
    scale: f32,
    /// Open-addressing table and the entries it points to, in 2 MiB pages
    /// where available: both are read at random addresses.
    slots: HugeVec<Slot>,
    entries: HugeVec<Entry>,
    /// Dense rows, `lanes` [`Lanes`] each.
    dense: HugeVec<Lanes>,
    lanes: usize,
    mask: usize,
}

/// Where a feature's weights are: `len` entries from `start`, or (len 0) the
/// dense row starting at [`Lanes`] index `start`.
#[derive(Clone, Copy)]
struct Run {
    start: u32,
    len: u32,
}

#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

impl Model {
    /// Builds the lookup tables; weights are quantised to 16 bits here, so a
    /// model behaves the same before and after saving.
    fn from_parts(
        n: usize,
        keys: Vec<u64>,
        starts: Vec<u32>,
        classes: Vec<u8>,
        weights: Vec<f32>,
    ) -> Model {
        let max = weights.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let quantized: Vec<i16> = weights
            .iter()
            .map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Model::from_quantized(n, keys, starts, classes, quantized, scale)
    }

    fn from_quantized(
        n: usize,
        keys: Vec<u64>,
        starts: Vec<u32>,
        classes: Vec<u8>,
        quantized: Vec<i16>,
        scale: f32,
    ) -> Model {
        let cap = (keys.len() + keys.len() / 2).next_power_of_two().max(16);
        let mut slots: HugeVec<Slot> = HugeVec::zeroed(cap);
        let mask = cap - 1;
        let lanes = n.div_ceil(8);
        // Dense when the row is no larger than the entries (2 bytes per padded
        // class against 4 per entry) and names each class once (as every
        // trained model does; a repeated class stays a sparse run, summed).
        let is_dense = |i: usize| {
            let (a, b) = (starts[i] as usize, starts[i + 1] as usize);
            (b - a) * 4 >= lanes * 16 && classes[a..b].windows(2).all(|w| w[0] < w[1])
        };
        let n_dense = (0..keys.len()).filter(|&i| is_dense(i)).count();
        let n_sparse = (0..keys.len())
            .filter(|&i| !is_dense(i))
            .map(|i| (starts[i + 1] - starts[i]) as usize)
            .sum();
        let mut entries: HugeVec<Entry> = HugeVec::zeroed(n_sparse);
        let mut dense: HugeVec<Lanes> = HugeVec::zeroed(n_dense * lanes);
        let (mut next_entry, mut next_row) = (0u32, 0u32);
        for (i, &k) in keys.iter().enumerate() {
            let (a, b) = (starts[i] as usize, starts[i + 1] as usize);
            if a == b {
                // A key without weights (training never writes one, a file
                // may) scores nothing: no slot, as its run length 0 would
                // read as a dense row.
                continue;
            }
            let mut h = k as usize & mask;
            while slots[h].fingerprint != 0 {
                h = (h + 1) & mask;
            }
            let run = if is_dense(i) {
                let row = &mut dense[next_row as usize * lanes..][..lanes];
                for (&c, &w) in classes[a..b].iter().zip(&quantized[a..b]) {
                    row[c as usize / 8].0[c as usize % 8] = w;
                }
                next_row += 1;
                (next_row - 1) << 7
            } else {
                for (j, (&c, &w)) in classes[a..b].iter().zip(&quantized[a..b]).enumerate() {
                    entries[next_entry as usize + j] = Entry {
                        class: c as u16,
                        weight: w,
                    };
                }
                next_entry += (b - a) as u32;
                (next_entry - (b - a) as u32) << 7 | (b - a) as u32
            };
            slots[h] = Slot {
                fingerprint: fingerprint(k),
                run,
            };
        }
        Model {
            n,
            keys,
            starts,
            classes,
            quantized,
            scale,
            slots,
            entries,
            dense,
            lanes,
            mask,
        }
    }

    /// The real value of one quantised weight unit.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// The run of `key`, if it has weights.
    #[inline]
    fn find_run(&self, key: u64) -> Option<Run> {
        let fp = fingerprint(key);
        let mut h = key as usize & self.mask;
        loop {
            let s = self.slots[h];
            if s.fingerprint == fp {
                return Some(Run {
                    start: s.run >> 7,
                    len: s.run & 127,
                });
            }
            if s.fingerprint == 0 {
                return None;
            }
            h = (h + 1) & self.mask;
        }
    }

    /// The dense row at `start` (empty if out of range, which
    /// `from_quantized` never builds).
    #[inline]
    fn dense_row(&self, start: u32) -> &[Lanes] {
        let a = start as usize * self.lanes;
        self.dense.get(a..a + self.lanes).unwrap_or(&[])
    }

    /// The sparse entries of a run (empty if out of range).
    #[inline]
    fn entries_of(&self, r: Run) -> &[Entry] {
        let a = r.start as usize;
        self.entries.get(a..a + r.len as usize).unwrap_or(&[])
    }

    /// Writes the model (16-bit weights with one scale).
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n as u32);
        w.u64s(&self.keys);
        w.u32s(&self.starts);
        w.u8s(&self.classes);
        w.f32(self.scale);
        w.i16s(&self.quantized);
    }

    /// Reads a model written by [`Model::write`], checking its consistency.
    pub fn read(r: &mut Reader) -> Result<Model, NlpError> {
        let n = r.u32()? as usize;
        let keys = r.u64s()?;
        let starts = r.u32s()?;
        let classes = r.u8s()?;
        let scale = r.f32()?;
        let q = r.i16s()?;
        if n == 0 || n > MAX_CLASSES {
            return Err(r.err("bad class count"));
        }
        if starts.len() != keys.len() + 1
            || q.len() != classes.len()
            || classes.len() >= MAX_ENTRIES
            || starts.first() != Some(&0)
            || starts.last().map(|&x| x as usize) != Some(classes.len())
            || starts
                .windows(2)
                .any(|w| w[0] > w[1] || (w[1] - w[0]) as usize > n)
            || classes.iter().any(|&c| c as usize >= n)
            || !scale.is_finite()
        {
            return Err(r.err("inconsistent perceptron tables"));
        }
        Ok(Model::from_quantized(n, keys, starts, classes, q, scale))
    }

    /// The same model after a save/load round trip.
    pub fn quantized(&self) -> Model {
        self.clone()
    }
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn prefetch<T>(p: &T) {
    // SAFETY: prefetching is a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0)
    }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn prefetch<T>(_p: &T) {}

impl Scorer for Model {
    fn n_classes(&self) -> usize {
        self.n
    }
    /// Scores are in quantised units (the common scale is left out).
    #[inline]
    fn add_scores(&self, feats: &[u64], out: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { self.add_scores_avx2(feats, out) };
            return;
        }
        self.add_scores_any(feats, out);
    }
}

impl Model {
    /// [`Model::add_scores_any`] compiled for AVX2: the dense rows' widening
    /// adds take 16 classes per instruction instead of 8 (integer sums: the
    /// same scores on every CPU).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn add_scores_avx2(&self, feats: &[u64], out: &mut [f32]) {
        self.add_scores_any(feats, out);
    }

    /// The body of [`Scorer::add_scores`], for any CPU.
    #[inline(always)]
    fn add_scores_any(&self, feats: &[u64], out: &mut [f32]) {
        // The table is larger than the caches: ask for every feature's slot
        // first so that the memory loads overlap.
        for &f in feats {
            prefetch(&self.slots[f as usize & self.mask]);
        }
        if feats.len() > EXACT_FEATURES {
            // Float adds in feature order, as before (zero padding skipped).
            for &f in feats {
                let Some(r) = self.find_run(f) else { continue };
                if r.len == 0 {
                    let row = self.dense_row(r.start).iter().flat_map(|l| l.0);
                    for (o, w) in out.iter_mut().zip(row) {
                        if w != 0 {
                            *o += w as f32;
                        }
                    }
                } else {
                    for e in self.entries_of(r) {
                        if let Some(o) = out.get_mut(e.class as usize) {
                            *o += e.weight as f32;
                        }
                    }
                }
            }
            return;
        }
        // Integer sums are cheaper than float adds and give the same scores:
        // every partial sum is an integer of magnitude below 2^24 (at most
        // EXACT_FEATURES weights of at most 32767), so adding the f32 weights
        // one by one was exact too (and the order of integer adds is free).
        let mut acc = [0i32; ACC];
        // Two rounds of memory reads: find every feature's run (the slots
        // are being fetched already) and prefetch its entries, then sum.
        // Before, each run's first read was a stall of its own.
        let mut runs = [Run { start: 0, len: 0 }; BATCH];
        for chunk in feats.chunks(BATCH) {
            let mut m = 0;
            for &f in chunk {
                let Some(r) = self.find_run(f) else { continue };
                if r.len == 0 {
                    prefetch_lines(self.dense_row(r.start));
                } else {
                    prefetch_lines(self.entries_of(r));
                }
                runs[m] = r;
                m += 1;
            }
            for &r in &runs[..m] {
                if r.len == 0 {
                    for (a, l) in acc.chunks_exact_mut(8).zip(self.dense_row(r.start)) {
                        for (s, &w) in a.iter_mut().zip(&l.0) {
                            *s += w as i32;
                        }
                    }
                } else {
                    for e in self.entries_of(r) {
                        acc[e.class as usize & (ACC - 1)] += e.weight as i32;
                    }
                }
            }
        }
        for (o, &a) in out.iter_mut().zip(acc.iter().take(self.n)) {
            *o += a as f32;
        }
    }
}

/// Prefetches every 64-byte line of `v` (one element per line's worth, and
/// the last element, whose line the stride may skip).
#[inline]
fn prefetch_lines<T>(v: &[T]) {
    for x in v.iter().step_by((64 / std::mem::size_of::<T>()).max(1)) {
        prefetch(x);
    }
    if let Some(x) = v.last() {
        prefetch(x);
    }
}

/// Index of the best score among `allowed` classes (all if `None`); ties go to the
/// lower index so results are deterministic.
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dense rows (features with weights for at least half the classes) and
    /// sparse runs score exactly as the plain sum of the quantised weights,
    /// on both the integer path and the float path of long feature lists.
    #[test]
    fn dense_and_sparse_rows_sum_the_quantised_weights() {
        let n = 21;
        let mut keys = Vec::new();
        let mut starts = vec![0u32];
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        let mut x = 12345u64;
        for k in 0..200u64 {
            keys.push(crate::features::f_int(9, k));
            // Row lengths 1..=n: both kinds occur.
            let len = (k as usize % n) + 1;
            for c in 0..len {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                classes.push(((c * 5 + k as usize) % n) as u8);
                weights.push((x % 2001) as f32 / 100.0 - 10.0);
            }
            // Classes of a run ascend, as `average_many` writes them.
            let a = *starts.last().expect("start") as usize;
            let mut run: Vec<(u8, f32)> = classes[a..]
                .iter()
                .copied()
                .zip(weights[a..].iter().copied())
                .collect();
            run.sort_by_key(|r| r.0);
            for (j, (c, w)) in run.into_iter().enumerate() {
                classes[a + j] = c;
                weights[a + j] = w;
            }
            starts.push(classes.len() as u32);
        }
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by_key(|&i| keys[i]);
        let (mut k2, mut s2, mut c2, mut w2) = (Vec::new(), vec![0u32], Vec::new(), Vec::new());
        for i in order {
            let (a, b) = (starts[i] as usize, starts[i + 1] as usize);
            k2.push(keys[i]);
            c2.extend_from_slice(&classes[a..b]);
            w2.extend_from_slice(&weights[a..b]);
            s2.push(c2.len() as u32);
        }
        let m = Model::from_parts(n, k2.clone(), s2.clone(), c2.clone(), w2);
        assert!(
            !m.dense.is_empty() && !m.entries.is_empty(),
            "both kinds built"
        );
        let naive = |feats: &[u64]| {
            let mut out = vec![0f32; n];
            for f in feats {
                if let Ok(i) = k2.binary_search(f) {
                    for j in s2[i] as usize..s2[i + 1] as usize {
                        out[c2[j] as usize] += m.quantized[j] as f32;
                    }
                }
            }
            out
        };
        for len in [1, 5, 64, 65, 200, 600] {
            let feats: Vec<u64> = (0..len as u64)
                .map(|i| crate::features::f_int(9, (i * 37) % 230))
                .collect();
            let mut got = vec![0f32; n];
            m.add_scores(&feats, &mut got);
            assert_eq!(got, naive(&feats), "{len} features");
            // The portable body (what a CPU without AVX2 runs) scores the same.
            let mut any = vec![0f32; n];
            m.add_scores_any(&feats, &mut any);
            assert_eq!(any, got, "{len} features, portable body");
        }
    }

    /// A key whose run is empty (a file may hold one) scores nothing; its
    /// run length 0 must not be read as the dense row 0 of another key.
    #[test]
    fn a_key_without_weights_scores_nothing() {
        let n = 16;
        let keys = vec![1u64 << 40, 2 << 40, 3 << 40];
        // Key 0: no weights; key 1: a dense row (all 16 classes); key 2: sparse.
        let starts = vec![0u32, 0, 16, 17];
        let mut classes: Vec<u8> = (0..16).collect();
        classes.push(3);
        let quantized: Vec<i16> = (1..=17).collect();
        let m = Model::from_quantized(n, keys.clone(), starts, classes, quantized, 1.0);
        assert_eq!(m.dense.len(), 2, "key 1 is dense");
        let score = |f: u64| {
            let mut out = vec![0f32; n];
            m.add_scores(&[f], &mut out);
            out
        };
        assert_eq!(score(keys[0]), vec![0f32; n]);
        assert_eq!(score(keys[1])[15], 16.0);
        assert_eq!(score(keys[2])[3], 17.0);
        // The long-list float path too.
        let mut out = vec![0f32; n];
        m.add_scores(&vec![keys[0]; EXACT_FEATURES + 1], &mut out);
        assert_eq!(out, vec![0f32; n]);
    }

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // class = feature id modulo 3
        let data: Vec<(Vec<u64>, usize)> = (0..30u64)
            .map(|i| {
                (
                    vec![
                        crate::features::f_int(1, i % 3),
                        crate::features::f_int(2, 7),
                    ],
                    (i % 3) as usize,
                )
            })
            .collect();
        let mut t = Trainer::new(3);
        for _ in 0..5 {
            for (f, y) in &data {
                t.tick();
                let mut s = vec![0.0; 3];
                t.add_scores(f, &mut s);
                t.update(f, *y, argmax(&s));
            }
        }
        let m = t.average(0.0);
        for (f, y) in &data {
            let mut s = vec![0.0; 3];
            m.add_scores(f, &mut s);
            assert_eq!(argmax(&s), *y);
        }
        let q = m.quantized();
        for (f, _) in &data {
            let mut a = vec![0.0; 3];
            let mut b = vec![0.0; 3];
            m.add_scores(f, &mut a);
            q.add_scores(f, &mut b);
            assert_eq!(argmax(&a), argmax(&b));
        }
    }
}
