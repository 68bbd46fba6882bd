//! Feature hashing and word normalisation shared by the tagger and the NER.
//!
//! Features are hashed to `u64` straight from their parts (template id, bytes,
//! tag ids), so the hot path never allocates a `String` per feature.

/// Multiplier of the Fx hash (rustc's hasher): cheap and good enough for mixing.
const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// An incremental hash of a feature's parts.
#[derive(Clone, Copy)]
pub struct FeatureHash(u64);

impl FeatureHash {
    /// Starts the hash of a feature template.
    #[inline]
    pub fn template(id: u32) -> Self {
        FeatureHash((id as u64 + 1).wrapping_mul(K))
    }

    /// Mixes in one integer part (a tag id, a flag, a length).
    #[inline]
    pub fn int(self, x: u64) -> Self {
        FeatureHash((self.0.rotate_left(5) ^ x).wrapping_mul(K))
    }

    /// Mixes in a string part, 8 bytes at a time.
    #[inline]
    pub fn str(self, s: &str) -> Self {
        let mut h = self.int(s.len() as u64);
        let mut chunks = s.as_bytes().chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            h = h.int(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            h = h.int(u64::from_le_bytes(b));
        }
        h
    }

    /// The final key: an avalanche step so that low bits are usable for open
    /// addressing, and never 0 (0 marks empty slots nowhere, but keeps keys distinct
    /// from a zeroed buffer).
    #[inline]
    pub fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        z | 1
    }
}

/// Shortcut: hash of a template and one string.
#[inline]
pub fn f_str(id: u32, s: &str) -> u64 {
    FeatureHash::template(id).str(s).finish()
}

/// Shortcut: hash of a template and one integer.
#[inline]
pub fn f_int(id: u32, x: u64) -> u64 {
    FeatureHash::template(id).int(x).finish()
}

/// The form the models see: typographic quotes and dashes mapped to the ASCII
/// conventions of the English treebanks, so that news text (curly quotes) is
/// tagged like the web text the models learned from.
pub fn normalize_form(form: &str) -> String {
    if let Some(whole) = whole_token_form(form) {
        return whole.to_string();
    }
    if form.is_ascii() {
        return form.to_string();
    }
    form.chars()
        .map(|c| match c {
            '’' | '‘' | '`' | '′' => '\'',
            '“' | '”' => '"',
            '–' | '—' | '‐' | '‑' => '-',
            _ => c,
        })
        .collect()
}

/// The form [`normalize_form`] gives a quote, dash or ellipsis token as a
/// whole (`None` for other words). An ASCII word without one is left as it
/// is, which lets callers skip the normalisation (`clusters::word_key_hash`).
pub(crate) fn whole_token_form(form: &str) -> Option<&'static str> {
    match form {
        "“" | "‘‘" | "``" | "„" | "«" => Some("``"),
        "”" | "’’" | "''" | "»" => Some("''"),
        "—" | "–" | "―" | "--" | "---" => Some("--"),
        "…" | "..." => Some("..."),
        _ => None,
    }
}

/// The word's shape with runs collapsed: `Obama` -> `Xx`, `U.S.` -> `X.X.`,
/// `1990s` -> `dx`, `COVID-19` -> `X-d`.
pub fn shape(word: &str) -> String {
    let (buf, n) = shape_bytes(word);
    buf[..n].iter().map(|&b| b as char).collect()
}

/// [`shape`] without allocating: its (ASCII) bytes and their number (at most 8).
#[inline]
pub fn shape_bytes(word: &str) -> ([u8; 8], usize) {
    let mut out = [0u8; 8];
    let mut n = 0;
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            // Scripts without case (CJK, Arabic, ...).
            'a'
        } else if c.is_ascii_punctuation() {
            c
        } else {
            '*'
        };
        if s != last {
            // Every shape character is ASCII (letters, `*` or ASCII punctuation).
            out[n] = s as u8;
            n += 1;
            last = s;
        }
        if n >= 8 {
            break;
        }
    }
    (out, n)
}

/// Casing and character-class flags of a word, as a small bit set.
pub fn word_flags(word: &str) -> u64 {
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut digit = false;
    let mut hyphen = false;
    let mut alpha = 0usize;
    let mut n = 0usize;
    let mut first_upper = false;
    for (i, c) in word.chars().enumerate() {
        n += 1;
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            }
        } else if c.is_lowercase() {
            lower += 1;
        }
        if c.is_alphabetic() {
            alpha += 1;
        }
        if c.is_numeric() {
            digit = true;
        }
        if c == '-' {
            hyphen = true;
        }
    }
    let mut f = 0u64;
    if upper > 0 {
        f |= 1;
    }
    if digit {
        f |= 2;
    }
    if hyphen {
        f |= 4;
    }
    if upper > 0 && lower == 0 {
        f |= 8;
    }
    if first_upper && upper == 1 && lower > 0 {
        f |= 16;
    }
    if alpha == 0 {
        f |= 32;
    }
    if n == 1 {
        f |= 64;
    }
    f
}

/// Prefix of at most `n` characters.
#[inline]
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Suffix of at most `n` characters.
#[inline]
pub fn suffix(s: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    match s.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// Number of characters, capped (cheap length feature).
pub fn char_len(s: &str) -> usize {
    s.chars().take(16).count()
}

/// A tiny seeded random generator (xorshift64*), for reproducible shuffling.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value, 0 included).
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d | 1)
    }
    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Obama"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1990s"), "dx");
        assert_eq!(shape("北京"), "a");
        assert_eq!(shape("Aa1-Bb2.Cc3"), "Xxd-Xxd.");
        assert_eq!(shape("Ünïcode–ÉÉ"), "Xx*X");
        assert_eq!(suffix("running", 3), "ing");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(prefix("naïve", 3), "naï");
        assert_eq!(suffix("", 2), "");
    }

    #[test]
    fn normalisation_maps_typographic_quotes() {
        assert_eq!(normalize_form("“"), "``");
        assert_eq!(normalize_form("”"), "''");
        assert_eq!(normalize_form("don’t"), "don't");
        assert_eq!(normalize_form("—"), "--");
        assert_eq!(normalize_form("plain"), "plain");
    }

    #[test]
    fn hashes_differ_by_template_and_text() {
        assert_ne!(f_str(1, "a"), f_str(2, "a"));
        assert_ne!(f_str(1, "abcdefgh1"), f_str(1, "abcdefgh2"));
        assert_eq!(f_str(3, "same"), f_str(3, "same"));
    }

    #[test]
    fn rng_is_reproducible() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
    }
}
