//! Weight tables: an averaged perceptron for training and a compact quantised
//! table for inference.
//!
//! Features are hashed straight into `2^bits` rows (the hashing trick), so no
//! feature strings or hash maps are kept: a row index is the top `bits` bits of
//! the feature hash. Averaging uses lazy per-row timestamps: a row's running sum
//! is brought up to date only when the row is updated (and once at the end).

use super::mem::HugeVec;

/// Row of a feature hash in a table of `2^bits` rows.
#[inline]
pub fn row_of(hash: u64, bits: u32) -> usize {
    (hash >> (64 - bits)) as usize
}

/// An averaged multi-class perceptron over hashed features.
#[derive(Debug, Clone)]
pub struct Perceptron {
    pub bits: u32,
    pub classes: usize,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    /// Number of training instances seen (the averaging clock).
    pub clock: u32,
}

impl Perceptron {
    /// A zero model with `2^bits` rows of `classes` weights.
    pub fn new(bits: u32, classes: usize) -> Perceptron {
        let rows = 1usize << bits;
        Perceptron {
            bits,
            classes,
            w: vec![0.0; rows * classes],
            total: vec![0.0; rows * classes],
            stamp: vec![0; rows],
            clock: 0,
        }
    }

    /// Current (not averaged) scores.
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for &f in feats {
            let r = row_of(f, self.bits) * self.classes;
            for (o, w) in out.iter_mut().zip(&self.w[r..r + self.classes]) {
                *o += *w;
            }
        }
    }

    /// Advances the averaging clock by one training instance.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Promotes `good` and demotes `bad` on every feature.
    pub fn update(&mut self, feats: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        for &f in feats {
            let r = self.settle(f);
            self.w[r + good] += 1.0;
            self.w[r + bad] -= 1.0;
        }
    }

    /// Brings the running total of `f`'s row up to the current clock (lazy
    /// averaging) and returns the row's first weight index.
    fn settle(&mut self, f: u64) -> usize {
        let row = row_of(f, self.bits);
        let r = row * self.classes;
        let elapsed = (self.clock - self.stamp[row]) as f32;
        if elapsed > 0.0 {
            for c in 0..self.classes {
                self.total[r + c] += self.w[r + c] * elapsed;
            }
            self.stamp[row] = self.clock;
        }
        r
    }

    /// Adds `delta` to class `class` on every feature (a global update of
    /// beam training adds the gold sequence's features and subtracts the
    /// predicted one's, one move at a time).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        for &f in feats {
            let r = self.settle(f);
            self.w[r + class] += delta;
        }
    }

    /// The averaged weights, quantised to `i16`.
    pub fn averaged_table(&self) -> Table {
        let now = self.clock.max(1) as f32;
        let mut avg = vec![0f32; self.w.len()];
        let mut max = 0f32;
        for row in 0..(1usize << self.bits) {
            let r = row * self.classes;
            let elapsed = (self.clock - self.stamp[row]) as f32;
            for c in 0..self.classes {
                let a = (self.total[r + c] + self.w[r + c] * elapsed) / now;
                avg[r + c] = a;
                max = max.max(a.abs());
            }
        }
        Table::quantise(self.bits, self.classes, &avg, max)
    }
}

/// Quantised weights for inference: dense `i16` rows, one scale per table.
/// Scores are summed as integers; the scale never changes an argmax. The rows
/// live in 2 MiB pages where the system allows ([`HugeVec`]): every feature
/// is a random read in a table of tens of megabytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub bits: u32,
    pub classes: usize,
    pub scale: f32,
    /// Row stride in memory: 3 classes are padded to 4 so that a row never
    /// straddles two cache lines; wide rows (labels) to a multiple of 32
    /// weights, whole 64-byte lines, so that a row takes as few lines as
    /// possible and all of them can be prefetched. Padding weights are 0.
    stride: usize,
    w: HugeVec<i16>,
}

/// Most weights a table read from a file may hold (4 GiB): every table
/// `dyad train parser` writes fits (moves: at most 2^28 rows of 4; labels: at
/// most 2^24 rows, up to 128 labels).
const MAX_TABLE_WEIGHTS: usize = 1 << 31;

fn stride_of(classes: usize) -> usize {
    match classes {
        3 => 4,
        0..=8 => classes,
        _ => classes.next_multiple_of(32),
    }
}

impl Table {
    fn quantise(bits: u32, classes: usize, avg: &[f32], max: f32) -> Table {
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let stride = stride_of(classes);
        let mut w = HugeVec::zeroed((1usize << bits) * stride);
        for (row, vals) in avg.chunks(classes).enumerate() {
            for (c, &a) in vals.iter().enumerate() {
                w[row * stride + c] = (a / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
        }
        Table {
            bits,
            classes,
            scale,
            stride,
            w,
        }
    }

    /// Asks the CPU to fetch the row of feature `f` (every cache line of it).
    #[inline]
    pub fn prefetch(&self, f: u64) {
        let r = row_of(f, self.bits) * self.stride;
        if self.stride <= 32 {
            prefetch(&self.w, r);
        } else {
            for off in (0..self.stride).step_by(32) {
                prefetch(&self.w, r + off);
            }
        }
    }

    /// [`Table::prefetch`] as a closure that looks the weight slice up once
    /// (the `HugeVec` deref matches on the memory kind) instead of per feature.
    #[inline]
    pub fn prefetcher(&self) -> impl Fn(u64) + '_ {
        let w: &[i16] = &self.w;
        let (bits, stride) = (self.bits, self.stride);
        // The row's 64-byte lines past the first: the same lines as
        // `prefetch`, counted once here instead of a `step_by` per feature.
        let more = stride.div_ceil(32).saturating_sub(1);
        move |f| {
            let r = row_of(f, bits) * stride;
            prefetch(w, r);
            for l in 1..=more {
                prefetch(w, r + 32 * l);
            }
        }
    }

    /// Integer scores of the features.
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut [i32]) {
        // The rows are scattered over megabytes: ask for all of them first so
        // the cache misses overlap instead of stalling one after another.
        for &f in feats {
            self.prefetch(f);
        }
        self.scores_prefetched(feats, out);
    }

    /// [`Table::scores`] when [`Table::prefetch`] was already called for
    /// every feature.
    #[inline]
    pub fn scores_prefetched(&self, feats: &[u64], out: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { self.scores_avx2(feats, out) };
            return;
        }
        self.scores_any(feats, out);
    }

    /// [`Table::scores_any`] compiled for AVX2: the widening adds take 8
    /// lanes per instruction instead of 4, and a label row's 64 sums fit in
    /// registers (integer sums: the same scores on every CPU).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn scores_avx2(&self, feats: &[u64], out: &mut [i32]) {
        self.scores_any(feats, out);
    }

    /// The body of [`Table::scores_prefetched`], for any CPU.
    #[inline(always)]
    fn scores_any(&self, feats: &[u64], out: &mut [i32]) {
        let m = out.len().min(self.classes);
        let (out, tail) = out.split_at_mut(m);
        tail.iter_mut().for_each(|x| *x = 0);
        // The slice looked up once (the `HugeVec` deref matches on the memory kind).
        let w: &[i16] = &self.w;
        // Whole rows, padding included, are summed into a fixed accumulator
        // the compiler can keep in registers; the padding weights are 0.
        match self.stride {
            4 => sum_rows::<4>(w, self.bits, feats, out),
            32 => sum_rows::<32>(w, self.bits, feats, out),
            64 => sum_rows::<64>(w, self.bits, feats, out),
            stride => {
                // Other widths: 8 lanes at a time into `out`. Integer sums:
                // the order does not matter.
                out.iter_mut().for_each(|x| *x = 0);
                let (out8, out_rest) = out.as_chunks_mut::<8>();
                for &f in feats {
                    let r = row_of(f, self.bits) * stride;
                    if let Some(row) = w.get(r..r + m) {
                        let (row8, row_rest) = row.as_chunks::<8>();
                        for (o, w) in out8.iter_mut().zip(row8) {
                            for (a, &b) in o.iter_mut().zip(w) {
                                *a += b as i32;
                            }
                        }
                        for (o, &w) in out_rest.iter_mut().zip(row_rest) {
                            *o += w as i32;
                        }
                    }
                }
            }
        }
    }

    /// Zeroes rows whose largest weight is below `min_abs` (in quantised units),
    /// so they are not stored. Returns the number of rows kept.
    pub fn prune(&mut self, min_abs: i16) -> usize {
        let mut kept = 0;
        for row in self.w.chunks_mut(self.stride) {
            let m = row.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0);
            if m < min_abs.unsigned_abs() {
                row.iter_mut().for_each(|x| *x = 0);
            } else if m > 0 {
                kept += 1;
            }
        }
        kept
    }

    /// Appends the table: header, then the non-zero rows, each as a varint
    /// gap from the previous row and its non-zero (class, weight) pairs.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let (k, st) = (self.classes, self.stride);
        let nonzero: Vec<usize> = (0..self.w.len() / st.max(1))
            .filter(|&r| self.w[r * st..r * st + k].iter().any(|&x| x != 0))
            .collect();
        out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for r in nonzero {
            write_varint(out, (r - prev) as u64);
            prev = r;
            let row = &self.w[r * st..r * st + k];
            let nnz = row.iter().filter(|&&x| x != 0).count();
            write_varint(out, nnz as u64);
            for (c, &x) in row.iter().enumerate() {
                if x != 0 {
                    write_varint(out, c as u64);
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
    }

    /// Reads a table written by [`Table::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Table, String> {
        let bits = r.u32()?;
        let classes = r.u32()? as usize;
        let scale = r.f32()?;
        if !(8..=28).contains(&bits) || classes == 0 || classes > 4096 {
            return Err(format!("bad table header (bits {bits}, classes {classes})"));
        }
        let rows = 1usize << bits;
        let stride = stride_of(classes);
        // The header alone sets the size of the dense table: refuse one no
        // trainer writes instead of asking for up to 2 TiB (the allocation
        // failure aborts the process).
        let len = rows
            .checked_mul(stride)
            .filter(|&len| len <= MAX_TABLE_WEIGHTS)
            .ok_or_else(|| format!("table too large (bits {bits}, classes {classes})"))?;
        let mut w = HugeVec::zeroed(len);
        let n = r.u32()? as usize;
        // The slice looked up once (the `HugeVec` deref matches on the memory kind).
        let ws: &mut [i16] = &mut w;
        let mut row = 0usize;
        for i in 0..n {
            let gap = r.varint()? as usize;
            row = row
                .checked_add(gap)
                .filter(|&x| x < rows && (i == 0 || gap > 0))
                .ok_or("row index out of range")?;
            let nnz = r.varint()? as usize;
            if nnz > classes {
                return Err("too many weights in a row".into());
            }
            let row_w = &mut ws[row * stride..row * stride + classes];
            for _ in 0..nnz {
                // Most entries are a one-byte class number and its weight:
                // read the 3 bytes at once (the same values and errors).
                if let Some(&[c, lo, hi]) = r.buf.get(r.pos..r.pos + 3) {
                    if c < 0x80 {
                        let Some(slot) = row_w.get_mut(c as usize) else {
                            return Err("class out of range".into());
                        };
                        *slot = i16::from_le_bytes([lo, hi]);
                        r.pos += 3;
                        continue;
                    }
                }
                let c = r.varint()? as usize;
                let Some(slot) = row_w.get_mut(c) else {
                    return Err("class out of range".into());
                };
                *slot = r.i16()?;
            }
        }
        Ok(Table {
            bits,
            classes,
            scale,
            stride,
            w,
        })
    }
}

/// Sums the rows (of stride `N`) of `feats` in `w` and writes the first
/// `out.len()` sums (at most `N`) to `out`.
#[inline(always)]
fn sum_rows<const N: usize>(w: &[i16], bits: u32, feats: &[u64], out: &mut [i32]) {
    let rows = w.as_chunks::<N>().0;
    let mut acc = [0i32; N];
    for &f in feats {
        if let Some(row) = rows.get(row_of(f, bits)) {
            for (a, &b) in acc.iter_mut().zip(row) {
                *a += b as i32;
            }
        }
    }
    for (o, &a) in out.iter_mut().zip(&acc) {
        *o = a;
    }
}

/// Hints the CPU to fetch `w[i]` (and its cache line) into the caches.
#[inline(always)]
fn prefetch(w: &[i16], i: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        // No bounds check: rows are inside the table by construction, and a
        // prefetch is a hint that never faults, whatever the address.
        let x = w.as_ptr().wrapping_add(i);
        // SAFETY: prefetching has no effect on memory safety.
        #[allow(unused_unsafe)]
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(x as *const i8);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (w, i);
}

fn write_varint(out: &mut Vec<u8>, mut x: u64) {
    loop {
        let b = (x & 0x7f) as u8;
        x >>= 7;
        if x == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A bounds-checked little-endian reader over a byte slice.
pub struct Reader<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }
    #[inline]
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).ok_or("truncated")?;
        let s = self.buf.get(self.pos..end).ok_or("truncated file")?;
        self.pos = end;
        Ok(s)
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.bytes(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    pub fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(
            self.bytes(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    /// Reads a little-endian `i16`; inlined without the generic slice
    /// conversion because model loading reads tens of millions of them.
    #[inline]
    pub fn i16(&mut self) -> Result<i16, String> {
        match self.buf.get(self.pos..self.pos + 2) {
            Some(&[a, b]) => {
                self.pos += 2;
                Ok(i16::from_le_bytes([a, b]))
            }
            _ => Err("truncated file".into()),
        }
    }
    /// Reads a LEB128 varint (at most 10 bytes). Byte-at-a-time without
    /// going through [`Reader::bytes`]: this loop dominated model loading.
    #[inline]
    pub fn varint(&mut self) -> Result<u64, String> {
        // Most varints of a model file (classes, row gaps, counts) are one
        // byte: read those inline, the others in `varint_long`.
        if let Some(&b) = self.buf.get(self.pos) {
            if b < 0x80 {
                self.pos += 1;
                return Ok(b as u64);
            }
        }
        self.varint_long()
    }

    /// [`Reader::varint`] of any length (and the truncated-file error).
    #[inline(never)]
    fn varint_long(&mut self) -> Result<u64, String> {
        let mut x = 0u64;
        let mut shift = 0u32;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            x |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
            shift += 7;
            if shift >= 64 {
                return Err("bad varint".into());
            }
        }
        Err("truncated file".into())
    }
    pub fn string(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| "bad UTF-8 in model".to_string())
    }
}

/// Appends a length-prefixed string.
pub fn write_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaging_and_round_trip() {
        let mut p = Perceptron::new(8, 3);
        let f = [1u64 << 60, 7u64 << 58];
        for _ in 0..10 {
            p.tick();
            p.update(&f, 1, 0);
        }
        let t = p.averaged_table();
        let mut s = [0i32; 3];
        t.scores(&f, &mut s);
        assert!(s[1] > s[2] && s[2] > s[0]);
        let mut buf = Vec::new();
        t.write(&mut buf);
        let back = Table::read(&mut Reader::new(&buf)).unwrap();
        assert_eq!(back, t);
        assert!(Table::read(&mut Reader::new(&buf[..buf.len() - 1])).is_err());
    }

    /// A header asking for more weights than any trained table is refused
    /// before anything is allocated.
    #[test]
    fn oversized_table_headers_are_errors() {
        let header = |bits: u32, classes: u32| {
            let mut b = Vec::new();
            b.extend_from_slice(&bits.to_le_bytes());
            b.extend_from_slice(&classes.to_le_bytes());
            b.extend_from_slice(&1f32.to_le_bytes());
            b
        };
        for (bits, classes) in [(24, 4096), (28, 4096), (28, 9), (25, 128), (24, 129)] {
            assert_eq!(
                Table::read(&mut Reader::new(&header(bits, classes))),
                Err(format!("table too large (bits {bits}, classes {classes})"))
            );
        }
        // An allowed size reads on (and stops at the missing row count).
        assert_eq!(
            Table::read(&mut Reader::new(&header(8, 4096))),
            Err("truncated file".to_string())
        );
    }

    /// Varints of every length read back (the one-byte fast path and the
    /// long path), and tables with two-byte class numbers round-trip.
    #[test]
    fn varints_and_wide_tables_round_trip() {
        let values = [
            0u64,
            1,
            127,
            128,
            255,
            300,
            16_383,
            16_384,
            1 << 35,
            u64::MAX,
        ];
        let mut buf = Vec::new();
        for &v in &values {
            write_varint(&mut buf, v);
        }
        let mut r = Reader::new(&buf);
        for &v in &values {
            assert_eq!(r.varint(), Ok(v));
        }
        assert_eq!(r.varint(), Err("truncated file".to_string()));
        assert_eq!(
            Reader::new(&[0x80, 0x80]).varint(),
            Err("truncated file".into())
        );
        assert_eq!(Reader::new(&[0xff; 11]).varint(), Err("bad varint".into()));

        let classes = 200;
        let avg: Vec<f32> = (0..256 * classes)
            .map(|i| {
                if i % 7 == 0 {
                    (i % 1000) as f32 - 500.0
                } else {
                    0.0
                }
            })
            .collect();
        let t = Table::quantise(8, classes, &avg, 500.0);
        let mut buf = Vec::new();
        t.write(&mut buf);
        assert_eq!(Table::read(&mut Reader::new(&buf)), Ok(t));
        assert!(Table::read(&mut Reader::new(&buf[..buf.len() - 1])).is_err());
    }

    /// Every path of `Table::scores_prefetched` (the AVX2 copy where the CPU
    /// has it, the generic one, each row width) gives the plain per-class sums.
    #[test]
    fn scores_paths_equal_the_plain_sums() {
        let mut next = crate::parser::xorshift(0x9e37_79b9_7f4a_7c15u64);
        // 3 classes (stride 4), 7 (stride 7), 20 and 32 (stride 32), 50 (64), 70 (96).
        for classes in [3usize, 7, 20, 32, 50, 70] {
            let bits = 8;
            let avg: Vec<f32> = (0..(1usize << bits) * classes)
                .map(|_| (next() % 65_535) as f32 - 32_767.0)
                .collect();
            let t = Table::quantise(bits, classes, &avg, 32_767.0);
            let feats: Vec<u64> = (0..300).map(|_| next()).collect();
            for n in [0, 1, 2, 5, 150, 300] {
                let f = &feats[..n];
                let mut want = vec![0i32; classes + 3];
                for &x in f {
                    let r = row_of(x, bits) * t.stride;
                    for (o, &w) in want.iter_mut().zip(&t.w[r..r + classes]) {
                        *o += w as i32;
                    }
                }
                // Longer, equal and shorter output buffers than the classes.
                for len in [classes + 3, classes, classes - 1] {
                    let mut got = vec![7i32; len];
                    t.scores_prefetched(f, &mut got);
                    assert_eq!(got, want[..len], "classes {classes}, {n} features");
                    let mut any = vec![7i32; len];
                    t.scores_any(f, &mut any);
                    assert_eq!(any, want[..len], "classes {classes}, {n} features");
                    #[cfg(target_arch = "x86_64")]
                    if std::arch::is_x86_feature_detected!("avx2") {
                        let mut avx = vec![7i32; len];
                        // SAFETY: the CPU has AVX2 (checked just above).
                        unsafe { t.scores_avx2(f, &mut avx) };
                        assert_eq!(avx, want[..len], "classes {classes}, {n} features");
                    }
                }
            }
        }
    }
}
