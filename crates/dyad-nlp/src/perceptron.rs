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
/// of entries, packed as `start << 7 | len`.
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

// SAFETY: both are plain integers (repr(C)); all-zero bytes are an empty slot
// and a zero weight of class 0.
unsafe impl Zeroable for Slot {}
// SAFETY: as above.
unsafe impl Zeroable for Entry {}

/// Features resolved per batch in [`Model::add_scores`] (slots found and
/// entries prefetched before any entry is summed).
const BATCH: usize = 64;

/// Most features per [`Model::add_scores`] call for which integer sums of the
/// quantised weights stay exactly representable as `f32` (512 * 32767 < 2^24).
const EXACT_FEATURES: usize = 512;

/// Most classes a [`Model`] can have (the run length has 7 bits).
pub const MAX_CLASSES: usize = 127;
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
    mask: usize,
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
        for (i, &k) in keys.iter().enumerate() {
            let mut h = k as usize & mask;
            while slots[h].fingerprint != 0 {
                h = (h + 1) & mask;
            }
            let len = starts[i + 1] - starts[i];
            slots[h] = Slot {
                fingerprint: fingerprint(k),
                run: starts[i] << 7 | len,
            };
        }
        let mut entries: HugeVec<Entry> = HugeVec::zeroed(classes.len());
        for (e, (&c, &w)) in entries.iter_mut().zip(classes.iter().zip(&quantized)) {
            *e = Entry {
                class: c as u16,
                weight: w,
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

    #[inline]
    fn find(&self, key: u64) -> &[Entry] {
        let (a, len) = self.find_run(key);
        self.entries.get(a..a + len).unwrap_or(&[])
    }

    /// Start and length of the entries of `key` (length 0 when absent).
    #[inline]
    fn find_run(&self, key: u64) -> (usize, usize) {
        let fp = fingerprint(key);
        let mut h = key as usize & self.mask;
        loop {
            let s = self.slots[h];
            if s.fingerprint == fp {
                return ((s.run >> 7) as usize, (s.run & 127) as usize);
            }
            if s.fingerprint == 0 {
                return (0, 0);
            }
            h = (h + 1) & self.mask;
        }
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
        // The table is larger than the caches: ask for every feature's slot
        // first so that the memory loads overlap.
        for &f in feats {
            prefetch(&self.slots[f as usize & self.mask]);
        }
        if feats.len() > EXACT_FEATURES {
            for &f in feats {
                for e in self.find(f) {
                    if let Some(o) = out.get_mut(e.class as usize) {
                        *o += e.weight as f32;
                    }
                }
            }
            return;
        }
        // Integer sums are cheaper than float adds and give the same scores:
        // every partial sum is an integer of magnitude below 2^24 (at most
        // EXACT_FEATURES weights of at most 32767), so adding the f32 weights
        // one by one was exact too.
        let mut acc = [0i32; MAX_CLASSES];
        let acc = &mut acc[..self.n];
        // Two rounds of memory reads: find every feature's run (the slots
        // are being fetched already) and prefetch its entries, then sum.
        // Before, each run's first read was a stall of its own.
        let mut runs = [(0u32, 0u32); BATCH];
        for chunk in feats.chunks(BATCH) {
            let mut m = 0;
            for &f in chunk {
                let (a, len) = self.find_run(f);
                if len > 0 {
                    // 16 entries per 64-byte line.
                    let mut i = a;
                    while i < a + len {
                        if let Some(e) = self.entries.get(i) {
                            prefetch(e);
                        }
                        i += 16;
                    }
                    if let Some(e) = self.entries.get(a + len - 1) {
                        prefetch(e);
                    }
                    runs[m] = (a as u32, len as u32);
                    m += 1;
                }
            }
            for &(a, len) in &runs[..m] {
                let (a, len) = (a as usize, len as usize);
                for e in self.entries.get(a..a + len).unwrap_or(&[]) {
                    if let Some(s) = acc.get_mut(e.class as usize) {
                        *s += e.weight as i32;
                    }
                }
            }
        }
        for (o, &a) in out.iter_mut().zip(acc.iter()) {
            *o += a as f32;
        }
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
