//! Reading documents in and writing records out.
