//! Averaged perceptron over hashed features.
//!
//! Training keeps dense per-feature rows (one weight per class) in a hash map and
//! averages lazily: each weight remembers when it last changed, so an update
//! costs O(features) rather than O(all weights). The averaged model is sparse:
//! each feature keeps only its non-negligible (class, weight) pairs, found by
//! open addressing on the feature hash.

use crate::binio::{Reader, Writer};
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
    /// A trainer for `n_classes` classes.
    pub fn new(n_classes: usize) -> Self {
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
        let clock = self.clock.max(1) as f64;
        let mut feats: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        // Sorted so that the saved file does not depend on hash-map order.
        feats.sort_unstable();
        let mut keys = Vec::with_capacity(feats.len());
        let mut starts = vec![0u32];
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        for (k, r) in feats {
            let base = r as usize * self.n;
            let before = classes.len();
            for c in 0..self.n {
                let i = base + c;
                let t = self.total[i] + (self.clock - self.stamp[i]) as f64 * self.w[i] as f64;
                let avg = (t / clock) as f32;
                if avg.abs() >= min_abs {
                    classes.push(c as u8);
                    weights.push(avg);
                }
            }
            if classes.len() > before {
                keys.push(k);
                starts.push(classes.len() as u32);
            }
        }
        Model::from_parts(self.n, keys, starts, classes, weights)
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

const EMPTY: u32 = u32::MAX;

/// An averaged, sparse perceptron model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    n: usize,
    keys: Vec<u64>,
    starts: Vec<u32>,
    classes: Vec<u8>,
    weights: Vec<f32>,
    /// Open-addressing table: feature index or `EMPTY`.
    slots: Vec<u32>,
    mask: usize,
}

impl Model {
    fn from_parts(
        n: usize,
        keys: Vec<u64>,
        starts: Vec<u32>,
        classes: Vec<u8>,
        weights: Vec<f32>,
    ) -> Model {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![EMPTY; cap];
        let mask = cap - 1;
        for (i, &k) in keys.iter().enumerate() {
            let mut h = k as usize & mask;
            while slots[h] != EMPTY {
                h = (h + 1) & mask;
            }
            slots[h] = i as u32;
        }
        Model {
            n,
            keys,
            starts,
            classes,
            weights,
            slots,
            mask,
        }
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let mut h = key as usize & self.mask;
        loop {
            let s = self.slots[h];
            if s == EMPTY {
                return None;
            }
            if self.keys[s as usize] == key {
                return Some(s as usize);
            }
            h = (h + 1) & self.mask;
        }
    }

    /// Writes the model; weights are quantised to 16 bits with one scale.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n as u32);
        w.u64s(&self.keys);
        w.u32s(&self.starts);
        w.u8s(&self.classes);
        let max = self.weights.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        w.f32(scale);
        let q: Vec<i16> = self
            .weights
            .iter()
            .map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        w.i16s(&q);
    }

    /// Reads a model written by [`Model::write`], checking its consistency.
    pub fn read(r: &mut Reader) -> Result<Model, NlpError> {
        let n = r.u32()? as usize;
        let keys = r.u64s()?;
        let starts = r.u32s()?;
        let classes = r.u8s()?;
        let scale = r.f32()?;
        let q = r.i16s()?;
        if n == 0 || n > 256 {
            return Err(r.err("bad class count"));
        }
        if starts.len() != keys.len() + 1
            || q.len() != classes.len()
            || starts.first() != Some(&0)
            || starts.last().map(|&x| x as usize) != Some(classes.len())
            || starts.windows(2).any(|w| w[0] > w[1])
            || classes.iter().any(|&c| c as usize >= n)
        {
            return Err(r.err("inconsistent perceptron tables"));
        }
        let weights = q.iter().map(|&x| x as f32 * scale).collect();
        Ok(Model::from_parts(n, keys, starts, classes, weights))
    }

    /// The same model after a save/load round trip (what inference will see).
    pub fn quantized(&self) -> Model {
        let mut w = Writer::default();
        self.write(&mut w);
        let mut full = b"PERCEPT0".to_vec();
        full.extend_from_slice(&0u32.to_le_bytes());
        full.extend_from_slice(&w.buf);
        let (mut r, _) = Reader::new(&full, b"PERCEPT0", "model").expect("own bytes");
        Model::read(&mut r).expect("own bytes")
    }
}

impl Scorer for Model {
    fn n_classes(&self) -> usize {
        self.n
    }
    #[inline]
    fn add_scores(&self, feats: &[u64], out: &mut [f32]) {
        for &f in feats {
            if let Some(i) = self.find(f) {
                let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
                for (c, w) in self.classes[a..b].iter().zip(&self.weights[a..b]) {
                    out[*c as usize] += w;
                }
            }
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
            .map(|i| (vec![i % 3 + 100, 7], (i % 3) as usize))
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
