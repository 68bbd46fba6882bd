//! Large read-mostly weight tables in memory backed by 2 MiB pages.
//!
//! The parser's move table (32 MiB) and the perceptrons' slot tables are read
//! at random addresses, one cache miss per feature. With 4 KiB pages almost
//! every such read also misses the TLB and walks the page tables; on Linux,
//! with transparent huge pages in `madvise` mode (the common default), the
//! kernel only backs a region with 2 MiB pages when asked. [`HugeVec`] asks
//! (anonymous `mmap` + `madvise(MADV_HUGEPAGE)`), which cut `dyad parse` CPU
//! time measurably. Elsewhere, for small buffers, or when the mapping fails,
//! it is a plain `Vec`. The contents are the same either way: only where the
//! bytes live changes.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// Buffers smaller than this stay on the ordinary heap.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const MIN_HUGE_BYTES: usize = 1 << 21;

/// Types for which all-zero bytes are a valid value (fresh anonymous memory is
/// zero-filled, so a mapping can be used without initialising it).
///
/// # Safety
/// Implement only for plain-old-data types whose all-zero bit pattern is a
/// valid value.
pub unsafe trait Zeroable: Copy + Default {}

// SAFETY: integers are valid for every bit pattern.
unsafe impl Zeroable for i16 {}
// SAFETY: as above.
unsafe impl Zeroable for u32 {}
// SAFETY: as above.
unsafe impl Zeroable for u64 {}

/// A fixed-length, zero-initialised buffer; see the module documentation.
pub struct HugeVec<T: Zeroable> {
    inner: Inner<T>,
}

enum Inner<T> {
    Heap(Vec<T>),
    #[cfg(target_os = "linux")]
    Mapped(map::Mapping<T>),
}

impl<T: Zeroable> HugeVec<T> {
    /// `len` zero values.
    pub fn zeroed(len: usize) -> HugeVec<T> {
        #[cfg(target_os = "linux")]
        if len.saturating_mul(std::mem::size_of::<T>()) >= MIN_HUGE_BYTES {
            if let Some(m) = map::Mapping::new(len) {
                return HugeVec {
                    inner: Inner::Mapped(m),
                };
            }
        }
        HugeVec {
            inner: Inner::Heap(vec![T::default(); len]),
        }
    }

    /// A copy of `values`.
    pub fn from_slice(values: &[T]) -> HugeVec<T> {
        let mut v = HugeVec::zeroed(values.len());
        v.copy_from_slice(values);
        v
    }
}

impl<T: Zeroable> Deref for HugeVec<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        match &self.inner {
            Inner::Heap(v) => v,
            #[cfg(target_os = "linux")]
            Inner::Mapped(m) => m.as_slice(),
        }
    }
}

impl<T: Zeroable> DerefMut for HugeVec<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        match &mut self.inner {
            Inner::Heap(v) => v,
            #[cfg(target_os = "linux")]
            Inner::Mapped(m) => m.as_mut_slice(),
        }
    }
}

impl<T: Zeroable> Clone for HugeVec<T> {
    fn clone(&self) -> Self {
        HugeVec::from_slice(self)
    }
}

impl<T: Zeroable + PartialEq> PartialEq for HugeVec<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Zeroable> fmt::Debug for HugeVec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HugeVec(len {})", self.len())
    }
}

#[cfg(target_os = "linux")]
mod map {
    use super::Zeroable;
    use std::marker::PhantomData;

    const HUGE_PAGE: usize = 1 << 21;

    /// An anonymous private mapping holding `len` values of `T`, starting at a
    /// 2 MiB boundary inside the mapping.
    pub struct Mapping<T> {
        base: *mut libc::c_void,
        map_len: usize,
        data: *mut T,
        len: usize,
        _own: PhantomData<T>,
    }

    // SAFETY: the mapping is owned exclusively by this value (like a Vec's
    // buffer); shared access only reads it.
    unsafe impl<T: Send> Send for Mapping<T> {}
    // SAFETY: as above; `&Mapping` gives only shared slices.
    unsafe impl<T: Sync> Sync for Mapping<T> {}

    impl<T: Zeroable> Mapping<T> {
        pub fn new(len: usize) -> Option<Mapping<T>> {
            let bytes = len.checked_mul(std::mem::size_of::<T>())?;
            let align = HUGE_PAGE.max(std::mem::align_of::<T>());
            let map_len = bytes.checked_add(align)?;
            // SAFETY: an anonymous private mapping with no address hint; the
            // result is checked against MAP_FAILED before use.
            let base = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    map_len,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                    -1,
                    0,
                )
            };
            if base == libc::MAP_FAILED || base.is_null() {
                return None;
            }
            let start = (base as usize).next_multiple_of(align);
            // A hint only: without huge pages the buffer works the same.
            // SAFETY: the range lies inside the mapping just created.
            unsafe {
                libc::madvise(
                    start as *mut libc::c_void,
                    bytes
                        .next_multiple_of(HUGE_PAGE)
                        .min(map_len - (start - base as usize)),
                    libc::MADV_HUGEPAGE,
                );
            }
            Some(Mapping {
                base,
                map_len,
                data: start as *mut T,
                len,
                _own: PhantomData,
            })
        }

        #[inline]
        pub fn as_slice(&self) -> &[T] {
            // SAFETY: `data` is aligned for T, inside the live mapping, and
            // the `len` values are initialised (zero-filled by the kernel,
            // a valid T by `Zeroable`).
            unsafe { std::slice::from_raw_parts(self.data, self.len) }
        }

        #[inline]
        pub fn as_mut_slice(&mut self) -> &mut [T] {
            // SAFETY: as in `as_slice`, and `&mut self` is exclusive.
            unsafe { std::slice::from_raw_parts_mut(self.data, self.len) }
        }
    }

    impl<T> Drop for Mapping<T> {
        fn drop(&mut self) {
            // SAFETY: unmaps exactly the mapping created in `new`, once.
            unsafe {
                libc::munmap(self.base, self.map_len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_buffers_are_zeroed_and_writable() {
        for len in [0usize, 7, 3 << 20] {
            let mut v: HugeVec<i16> = HugeVec::zeroed(len);
            assert_eq!(v.len(), len);
            assert!(v.iter().all(|&x| x == 0));
            if len > 0 {
                v[len - 1] = -5;
                v[0] = 9;
                let c = v.clone();
                assert_eq!(c, v);
                assert_eq!((c[0], c[len - 1]), (9, -5));
            }
        }
        let big: HugeVec<u64> = HugeVec::from_slice(&vec![3u64; 1 << 19]);
        assert!(big.iter().all(|&x| x == 3));
        assert_eq!(format!("{big:?}"), "HugeVec(len 524288)");
    }
}
