//! dyad's compact binary model format: little-endian integers, `f32`/`i16`
//! arrays and length-prefixed strings after a magic tag and a version.
//!
//! Reading is bounds-checked: a truncated or foreign file is an error, never a panic.

use crate::NlpError;

/// Appends values to a byte buffer.
#[derive(Default)]
pub struct Writer {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// A buffer starting with a magic tag and a format version.
    pub fn new(magic: &[u8; 8], version: u32) -> Self {
        let mut w = Writer { buf: Vec::new() };
        w.buf.extend_from_slice(magic);
        w.u32(version);
        w
    }
    pub fn u8(&mut self, x: u8) {
        self.buf.push(x);
    }
    pub fn u32(&mut self, x: u32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u64(&mut self, x: u64) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    pub fn f32(&mut self, x: f32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
    pub fn u8s(&mut self, v: &[u8]) {
        self.u32(v.len() as u32);
        self.buf.extend_from_slice(v);
    }
    pub fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        for &x in v {
            self.u32(x);
        }
    }
    pub fn u64s(&mut self, v: &[u64]) {
        self.u32(v.len() as u32);
        for &x in v {
            self.u64(x);
        }
    }
    pub fn i16s(&mut self, v: &[i16]) {
        self.u32(v.len() as u32);
        for &x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Reads values back; every read checks the remaining length.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Named in error messages.
    what: String,
}

impl<'a> Reader<'a> {
    /// Checks the magic tag and returns the reader with the format version.
    pub fn new(data: &'a [u8], magic: &[u8; 8], what: &str) -> Result<(Self, u32), NlpError> {
        let mut r = Reader {
            data,
            pos: 0,
            what: what.to_string(),
        };
        let m = r.take(8)?;
        if m != magic {
            return Err(r.err("not a dyad model of this kind (bad magic bytes)"));
        }
        let v = r.u32()?;
        Ok((r, v))
    }

    /// An error naming the model and the byte offset.
    pub fn err(&self, msg: &str) -> NlpError {
        NlpError::Model(format!("{}: at byte {}: {msg}", self.what, self.pos))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], NlpError> {
        if self.data.len() - self.pos < n {
            return Err(self.err("file is truncated"));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u8(&mut self) -> Result<u8, NlpError> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, NlpError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn u64(&mut self) -> Result<u64, NlpError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    pub fn f32(&mut self) -> Result<f32, NlpError> {
        Ok(f32::from_bits(self.u32()?))
    }
    /// A length that must fit in what is left (each element at least `elem` bytes).
    fn len(&mut self, elem: usize) -> Result<usize, NlpError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(elem) > self.data.len() - self.pos {
            return Err(self.err("length runs past the end of the file"));
        }
        Ok(n)
    }
    pub fn str(&mut self) -> Result<String, NlpError> {
        let n = self.len(1)?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.err("string is not UTF-8"))
    }
    pub fn strs(&mut self) -> Result<Vec<String>, NlpError> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str()).collect()
    }
    pub fn u8s(&mut self) -> Result<Vec<u8>, NlpError> {
        let n = self.len(1)?;
        Ok(self.take(n)?.to_vec())
    }
    pub fn u32s(&mut self) -> Result<Vec<u32>, NlpError> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    pub fn u64s(&mut self) -> Result<Vec<u64>, NlpError> {
        let n = self.len(8)?;
        let b = self.take(n * 8)?;
        Ok(b.chunks_exact(8)
            .map(|c| {
                let mut a = [0u8; 8];
                a.copy_from_slice(c);
                u64::from_le_bytes(a)
            })
            .collect())
    }
    pub fn i16s(&mut self) -> Result<Vec<i16>, NlpError> {
        let n = self.len(2)?;
        let b = self.take(n * 2)?;
        Ok(b.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
    /// Fails unless the whole file was read.
    pub fn finish(&self) -> Result<(), NlpError> {
        if self.pos != self.data.len() {
            return Err(self.err("trailing bytes after the model"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let mut w = Writer::new(b"TESTMAGC", 3);
        w.str("héllo");
        w.u64s(&[1, u64::MAX]);
        w.i16s(&[-5, 7]);
        w.f32(1.5);
        let (mut r, v) = Reader::new(&w.buf, b"TESTMAGC", "t").unwrap();
        assert_eq!(v, 3);
        assert_eq!(r.str().unwrap(), "héllo");
        assert_eq!(r.u64s().unwrap(), vec![1, u64::MAX]);
        assert_eq!(r.i16s().unwrap(), vec![-5, 7]);
        assert_eq!(r.f32().unwrap(), 1.5);
        r.finish().unwrap();
        let cut = &w.buf[..w.buf.len() - 3];
        let (mut r, _) = Reader::new(cut, b"TESTMAGC", "t").unwrap();
        r.str().unwrap();
        r.u64s().unwrap();
        r.i16s().unwrap();
        assert!(r.f32().is_err());
        assert!(Reader::new(&w.buf, b"OTHERMAG", "t").is_err());
    }
}
