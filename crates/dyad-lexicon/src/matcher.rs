//! The compiled phrase matcher shared by actors, agents, issues and discards: a
//! token trie over normalised word pieces.
//!
//! Dictionary names and sentence tokens go through the same normalisation
//! ([`word_pieces`]), so a name matches however the tokenizer split the text:
//! case and Latin diacritics are folded (`Erdoğan` = `ERDOGAN`), dots inside
//! words are dropped (`U.S.` = `US`), possessives are ignored (`Russia's` =
//! `Russia`, and a separate `'s` token is transparent), hyphens split words into
//! joined pieces (`Al-Qaeda` = `Al Qaeda`), and brackets or quotes stuck to a
//! word become pieces of their own. A match must start and end on a word
//! boundary: `Russian` does not match inside `pro-Russian`.
//!
//! Matching walks the trie from each start position, so the cost is linear in
//! the sentence length times the longest name (a few words), independent of the
//! number of entries.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the multiply-rotate scheme used by
/// rustc's FxHash). Dictionary keys are not attacker-controlled, so a fast hash is
/// safe and keeps loading the 100,000-name Phoenix set well under a second.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.add(b as u64);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with the fast hasher.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One normalised piece of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The folded text: lower case, no diacritics, no dots.
    pub text: String,
    /// True when this piece was joined to the previous one by a hyphen inside one
    /// word (`qaeda` in `al-qaeda`): a match may not start here, nor end just before.
    pub joined: bool,
}

/// Folds one character: lower case, Latin diacritics removed, typographic quotes
/// and apostrophes made plain. Returns the replacement as a small string slice or
/// pushes the lowercase form.
fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ğ' | 'ğ' | 'Ģ' | 'ģ' | 'Ġ' | 'ġ' => 'g',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => 'i',
        'Ķ' | 'ķ' => 'k',
        'Ł' | 'ł' | 'Ľ' | 'ľ' | 'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' => 'l',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' | 'Ņ' | 'ņ' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ŕ' | 'ŕ' | 'Ř' | 'ř' => 'r',
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' | 'Ș' | 'ș' => 's',
        'Ť' | 'ť' | 'Ţ' | 'ţ' | 'Ț' | 'ț' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2010}' | '\u{2011}' => '-',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'Æ' | 'æ' => {
            out.push_str("ae");
            return;
        }
        'Œ' | 'œ' => {
            out.push_str("oe");
            return;
        }
        _ => {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
            return;
        }
    };
    out.push(base);
}

/// Folds a whole string (case, diacritics, quotes); the basis of every key.
///
/// ```
/// assert_eq!(dyad_lexicon::fold("Erdoğan’S"), "erdogan's");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Appends the normalised pieces of one word (a token's form, or one word of a
/// dictionary name) to `out`. A word made only of `'s` or `'` yields nothing: a
/// possessive is transparent to matching.
///
/// ```
/// use dyad_lexicon::word_pieces;
/// let mut v = Vec::new();
/// word_pieces("Al-Qaeda's", &mut v);
/// let texts: Vec<&str> = v.iter().map(|p| p.text.as_str()).collect();
/// assert_eq!(texts, ["al", "qaeda"]);
/// assert!(v[1].joined);
/// ```
pub fn word_pieces(word: &str, out: &mut Vec<Piece>) {
    let (mut fold_buf, mut piece_buf) = (String::new(), String::new());
    for_each_piece(word, &mut fold_buf, &mut piece_buf, |text, joined| {
        out.push(Piece {
            text: text.to_string(),
            joined,
        })
    });
}

/// The work of [`word_pieces`] without allocating per word: `emit(text, joined)`
/// is called for each piece; the two buffers are scratch space reused across calls.
fn for_each_piece(
    word: &str,
    fold_buf: &mut String,
    piece_buf: &mut String,
    mut emit: impl FnMut(&str, bool),
) {
    fold_buf.clear();
    for c in word.chars() {
        fold_char(c, fold_buf);
    }
    let w = fold_buf.as_str();
    if w.is_empty() || w == "'s" || w == "'" {
        return;
    }
    if !w.chars().any(char::is_alphanumeric) {
        emit(w, false);
        return;
    }
    // Peel punctuation stuck to the front and back; dots are dropped (U.S.), a
    // trailing apostrophe is a possessive (Jesus').
    let first_alnum = w.find(char::is_alphanumeric).unwrap_or(0);
    let last_alnum = w
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(w.len());
    let mut char_buf = [0u8; 4];
    for c in w[..first_alnum].chars() {
        if c != '.' && c != '\'' && c != '-' {
            emit(c.encode_utf8(&mut char_buf), false);
        }
    }
    let mut core = &w[first_alnum..last_alnum];
    if core.len() > 2 && core.ends_with("'s") {
        core = &core[..core.len() - 2];
    }
    let mut first = true;
    for seg in core.split('-') {
        let text = if seg.contains('.') {
            piece_buf.clear();
            piece_buf.extend(seg.chars().filter(|&c| c != '.'));
            piece_buf.as_str()
        } else {
            seg
        };
        if text.is_empty() {
            continue;
        }
        emit(text, !first);
        first = false;
    }
    // Every trailing mark but dots, apostrophes and hyphens is its own piece.
    for c in w[last_alnum..].chars() {
        if c != '.' && c != '\'' && c != '-' {
            emit(c.encode_utf8(&mut char_buf), false);
        }
    }
}

/// The pieces of a dictionary name: words are separated by white space or `_`
/// (PETRARCH's connector).
pub fn name_pieces(name: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for word in name.split(|c: char| c.is_whitespace() || c == '_') {
        if !word.is_empty() {
            word_pieces(word, &mut out);
        }
    }
    out
}

/// The normalised key of a name: its pieces joined by single spaces. Two names
/// with the same key match the same text.
///
/// ```
/// assert_eq!(dyad_lexicon::name_key("UNITED_STATES_OF_AMERICA_"), "united states of america");
/// assert_eq!(dyad_lexicon::name_key("al-Qa'ida"), "al qa'ida");
/// ```
pub fn name_key(name: &str) -> String {
    let pieces = name_pieces(name);
    let mut s = String::new();
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&p.text);
    }
    s
}

/// True when a name is written as an acronym in capitals (`US`, `UN`, `WHO`, `IS`):
/// in dyad's own dictionaries such a name does not match an all-lowercase word
/// (`us`, `who`, `is`), which would otherwise flood the output with false actors.
pub fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && !name.chars().any(char::is_whitespace)
}

/// A match of a phrase over a token sequence: tokens `start..end` (token indices,
/// end exclusive) and the value stored with the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<V> {
    /// First token of the match.
    pub start: usize,
    /// One past the last token of the match.
    pub end: usize,
    /// The value stored for the matched phrase (an entry id).
    pub value: V,
}

/// Does any of these tokens have an upper-case letter? (An acronym written in
/// capitals does not match all-lowercase text.)
fn has_capitals<S: AsRef<str>>(tokens: &[S]) -> bool {
    tokens
        .iter()
        .any(|t| t.as_ref().chars().any(char::is_uppercase))
}

#[derive(Debug, Clone)]
struct Terminal<V> {
    value: V,
    /// The name is an acronym in capitals: reject all-lowercase text.
    needs_capitals: bool,
}

/// The hash of a piece's text, as [`Vocab`] files it.
#[inline]
fn piece_hash(text: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// The piece texts of a matcher, numbered in insertion order: an
/// open-addressing table looked up by a precomputed [`piece_hash`], so that
/// the pieces of a sentence are hashed once for all matchers
/// ([`with_sentence_pieces`]).
#[derive(Debug, Clone, Default)]
struct Vocab {
    /// Piece ids plus one (0: empty), at the hash's top bits.
    slots: Vec<u32>,
    /// Hash and text of each id.
    keys: Vec<(u64, Box<str>)>,
}

impl Vocab {
    #[inline]
    fn slot(&self, hash: u64) -> usize {
        // The multiply of FxHash mixes the top bits best.
        (hash >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The id of `text` (with `hash == piece_hash(text)`).
    #[inline]
    fn get_hashed(&self, hash: u64, text: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(hash);
        loop {
            let id = self.slots[i];
            if id == 0 {
                return None;
            }
            let (h, k) = &self.keys[id as usize - 1];
            if *h == hash && **k == *text {
                return Some(id - 1);
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, text: &str) -> Option<u32> {
        self.get_hashed(piece_hash(text), text)
    }

    /// The id of `text`, added if new.
    fn insert(&mut self, text: &str) -> u32 {
        let hash = piece_hash(text);
        if let Some(id) = self.get_hashed(hash, text) {
            return id;
        }
        if (self.keys.len() + 1) * 2 > self.slots.len() {
            let cap = (self.slots.len() * 2).max(64);
            self.slots = vec![0; cap];
            for id in 0..self.keys.len() {
                self.place(self.keys[id].0, id as u32);
            }
        }
        let id = self.keys.len() as u32;
        self.keys.push((hash, text.into()));
        self.place(hash, id);
        id
    }

    fn place(&mut self, hash: u64, id: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(hash);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = id + 1;
    }
}

/// One normalised piece of the sentence in [`SentencePieces`].
struct CachedPiece {
    /// Byte range of its text in [`SentencePieces::text`].
    start: u32,
    end: u32,
    hash: u64,
    token: u32,
    joined: bool,
}

/// The normalised pieces of the last token sequence matched on this thread.
/// Coding a sentence runs four matchers (actors, agents, issues, discards)
/// and more checks over the same words: the folding, splitting and hashing
/// is done once for all of them.
#[derive(Default)]
struct SentencePieces {
    /// The tokens the pieces are of: their lengths and concatenated text.
    token_lens: Vec<usize>,
    tokens: String,
    pieces: Vec<CachedPiece>,
    text: String,
    fold_buf: String,
    piece_buf: String,
}

impl SentencePieces {
    fn is_of<S: AsRef<str>>(&self, tokens: &[S]) -> bool {
        if self.token_lens.len() != tokens.len() {
            return false;
        }
        let mut at = 0;
        for (t, &len) in tokens.iter().zip(&self.token_lens) {
            let t = t.as_ref();
            if t.len() != len || self.tokens.as_bytes()[at..at + len] != *t.as_bytes() {
                return false;
            }
            at += len;
        }
        true
    }

    fn fill<S: AsRef<str>>(&mut self, tokens: &[S]) {
        self.token_lens.clear();
        self.tokens.clear();
        self.pieces.clear();
        self.text.clear();
        let (pieces, text) = (&mut self.pieces, &mut self.text);
        for (i, t) in tokens.iter().enumerate() {
            let t = t.as_ref();
            self.token_lens.push(t.len());
            self.tokens.push_str(t);
            for_each_piece(t, &mut self.fold_buf, &mut self.piece_buf, |p, joined| {
                let start = text.len() as u32;
                text.push_str(p);
                pieces.push(CachedPiece {
                    start,
                    end: text.len() as u32,
                    hash: piece_hash(p),
                    token: i as u32,
                    joined,
                });
            });
        }
    }
}

thread_local! {
    static SENTENCE_PIECES: std::cell::RefCell<SentencePieces> = Default::default();
}

/// Calls `f` with the pieces of `tokens` (computed, or reused from the last call
/// on this thread with the same tokens).
fn with_sentence_pieces<S: AsRef<str>, R>(tokens: &[S], f: impl FnOnce(&SentencePieces) -> R) -> R {
    SENTENCE_PIECES.with(|cell| {
        let mut c = cell.borrow_mut();
        if !c.is_of(tokens) {
            c.fill(tokens);
        }
        f(&c)
    })
}

/// A compiled token trie from normalised phrases to values.
///
/// ```
/// use dyad_lexicon::PhraseMatcher;
/// let mut m = PhraseMatcher::new();
/// m.insert("United States", 1u32, false);
/// m.insert("United Nations", 2u32, false);
/// m.insert("United", 3u32, false);
/// let toks = ["The", "United", "Nations", "and", "the", "U.S."];
/// let found = m.find_longest(&toks);
/// assert_eq!(found.len(), 1);
/// assert_eq!((found[0].start, found[0].end, found[0].value), (1, 3, 2));
/// ```
#[derive(Debug, Clone)]
pub struct PhraseMatcher<V> {
    vocab: Vocab,
    edges: FxHashMap<(u32, u32), u32>,
    terminals: FxHashMap<u32, Vec<Terminal<V>>>,
    nodes: u32,
    phrases: usize,
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        PhraseMatcher {
            vocab: Vocab::default(),
            edges: FxHashMap::default(),
            terminals: FxHashMap::default(),
            nodes: 1,
            phrases: 0,
        }
    }
}

impl<V: Clone + PartialEq> PhraseMatcher<V> {
    /// An empty matcher.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of phrases inserted (a phrase inserted twice with the same value counts once).
    pub fn len(&self) -> usize {
        self.phrases
    }

    /// True when nothing was inserted.
    pub fn is_empty(&self) -> bool {
        self.phrases == 0
    }

    /// Inserts a phrase (words separated by spaces or `_`). `needs_capitals`
    /// makes the phrase reject all-lowercase text (see [`is_acronym`]). Returns
    /// false when the phrase has no pieces (nothing to match) and was skipped.
    pub fn insert(&mut self, phrase: &str, value: V, needs_capitals: bool) -> bool {
        let pieces = name_pieces(phrase);
        self.insert_pieces(&pieces, value, needs_capitals)
    }

    /// Inserts already normalised pieces.
    pub fn insert_pieces(&mut self, pieces: &[Piece], value: V, needs_capitals: bool) -> bool {
        if pieces.is_empty() {
            return false;
        }
        let mut node = 0u32;
        for p in pieces {
            let pid = self.vocab.insert(&p.text);
            let fresh = self.nodes;
            let child = *self.edges.entry((node, pid)).or_insert(fresh);
            if child == fresh {
                self.nodes += 1;
            }
            node = child;
        }
        let list = self.terminals.entry(node).or_default();
        if let Some(t) = list.iter_mut().find(|t| t.value == value) {
            // The same entry reached by two spellings: capitals are only required
            // when every spelling requires them.
            t.needs_capitals &= needs_capitals;
        } else {
            list.push(Terminal {
                value,
                needs_capitals,
            });
            self.phrases += 1;
        }
        true
    }

    /// The values stored for exactly this phrase (after normalisation).
    pub fn get(&self, phrase: &str) -> Vec<V> {
        let pieces = name_pieces(phrase);
        let mut node = 0u32;
        for p in &pieces {
            let Some(pid) = self.vocab.get(&p.text) else {
                return Vec::new();
            };
            let Some(&child) = self.edges.get(&(node, pid)) else {
                return Vec::new();
            };
            node = child;
        }
        if pieces.is_empty() {
            return Vec::new();
        }
        self.terminals
            .get(&node)
            .map(|l| l.iter().map(|t| t.value.clone()).collect())
            .unwrap_or_default()
    }

    /// Walks the trie from every start position and calls `visit(start, end,
    /// terminals)` for each phrase ending on a token boundary, in order of start
    /// then length; stops early (returning true) when `visit` returns true.
    /// Works on this thread's cached pieces of `tokens` directly: a piece's
    /// vocabulary id is looked up when the walk reaches it (most walks stop at
    /// their first piece), so no per-call list of ids is built. `visit` runs
    /// while that cache is borrowed: it must not call a matcher (the nested
    /// `borrow_mut` would panic).
    fn walk<S: AsRef<str>>(
        &self,
        tokens: &[S],
        mut visit: impl FnMut(usize, usize, &[Terminal<V>]) -> bool,
    ) -> bool {
        with_sentence_pieces(tokens, |c| {
            let pieces = &c.pieces;
            let id = |p: &CachedPiece| {
                self.vocab
                    .get_hashed(p.hash, &c.text[p.start as usize..p.end as usize])
            };
            for i in 0..pieces.len() {
                if pieces[i].joined {
                    continue;
                }
                let mut node = 0u32;
                for j in i..pieces.len() {
                    let Some(pid) = id(&pieces[j]) else { break };
                    let Some(&child) = self.edges.get(&(node, pid)) else {
                        break;
                    };
                    node = child;
                    let ends_on_boundary = pieces.get(j + 1).is_none_or(|p| !p.joined);
                    if !ends_on_boundary {
                        continue;
                    }
                    if let Some(list) = self.terminals.get(&node) {
                        if visit(pieces[i].token as usize, pieces[j].token as usize + 1, list) {
                            return true;
                        }
                    }
                }
            }
            false
        })
    }

    /// Every match at every start position (overlapping), in order of start then length.
    pub fn find_all<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<PhraseMatch<V>> {
        let mut out = Vec::new();
        self.walk(tokens, |start, end, list| {
            let lowercase_text = !has_capitals(&tokens[start..end]);
            for t in list {
                if t.needs_capitals && lowercase_text {
                    continue;
                }
                out.push(PhraseMatch {
                    start,
                    end,
                    value: t.value.clone(),
                });
            }
            false
        });
        out
    }

    /// True when some phrase matches somewhere in `tokens`: the same as
    /// `!self.find_all(tokens).is_empty()` (and so as `find_longest`), without
    /// collecting the matches.
    pub fn has_match<S: AsRef<str>>(&self, tokens: &[S]) -> bool {
        if self.phrases == 0 {
            return false;
        }
        self.walk(tokens, |start, end, list| {
            list.iter().any(|t| !t.needs_capitals) || has_capitals(&tokens[start..end])
        })
    }

    /// Leftmost-longest, non-overlapping matches: scanning left to right, at each
    /// position the longest phrase wins and matching resumes after it. When several
    /// values share the winning phrase, each is reported (same span).
    pub fn find_longest<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<PhraseMatch<V>> {
        let all = self.find_all(tokens);
        let mut out: Vec<PhraseMatch<V>> = Vec::new();
        let mut covered_until = 0usize;
        let mut i = 0;
        while i < all.len() {
            let start = all[i].start;
            // all matches with this start are contiguous; find the longest end
            let mut j = i;
            let mut best_end = all[i].end;
            while j < all.len() && all[j].start == start {
                best_end = best_end.max(all[j].end);
                j += 1;
            }
            if start >= covered_until {
                out.extend(all[i..j].iter().filter(|m| m.end == best_end).cloned());
                covered_until = best_end;
            }
            i = j;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(word: &str) -> Vec<String> {
        let mut v = Vec::new();
        word_pieces(word, &mut v);
        v.into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn normalises_words_like_the_text_does() {
        assert_eq!(keys("U.S."), ["us"]);
        assert_eq!(keys("Russia's"), ["russia"]);
        assert_eq!(keys("Russia’s"), ["russia"]);
        assert!(keys("'s").is_empty());
        assert_eq!(keys("(ISIS)"), ["(", "isis", ")"]);
        assert_eq!(keys("Washington,"), ["washington", ","]);
        assert_eq!(keys("São"), ["sao"]);
        assert_eq!(keys(","), [","]);
        assert_eq!(keys("n't"), ["n't"]);
        assert_eq!(name_key("ISLAMIC_STATE_(ISIS)_"), "islamic state ( isis )");
    }

    #[test]
    fn longest_match_wins_and_spans_are_token_indices() {
        let mut m = PhraseMatcher::new();
        m.insert("Volodymyr Zelensky", 1u32, false);
        m.insert("Zelensky", 2, false);
        m.insert("Ukrainian President", 3, false);
        m.insert("Ukrainian", 4, false);
        let toks = [
            "Ukrainian",
            "President",
            "Volodymyr",
            "Zelensky",
            "'s",
            "office",
        ];
        let f = m.find_longest(&toks);
        let got: Vec<_> = f.iter().map(|x| (x.start, x.end, x.value)).collect();
        assert_eq!(got, [(0, 2, 3), (2, 4, 1)]);
        // the overlapping view reports the shorter ones too
        assert_eq!(m.find_all(&toks).len(), 4);
    }

    #[test]
    fn hyphen_and_possessive_variants_match_and_boundaries_hold() {
        let mut m = PhraseMatcher::new();
        m.insert("al Qaeda", 1u32, false);
        m.insert("Russian", 2, false);
        let toks = [
            "Al-Qaeda's",
            "pro-Russian",
            "militants",
            "and",
            "Russian",
            "troops",
        ];
        let got: Vec<_> = m
            .find_longest(&toks)
            .iter()
            .map(|x| (x.start, x.end, x.value))
            .collect();
        assert_eq!(got, [(0, 1, 1), (4, 5, 2)]);
    }

    #[test]
    fn acronyms_do_not_match_lowercase_words() {
        let mut m = PhraseMatcher::new();
        assert!(is_acronym("US") && is_acronym("U.S.") && !is_acronym("Ukraine"));
        m.insert("US", 1u32, true);
        assert!(m.find_longest(&["told", "us"]).is_empty());
        assert_eq!(m.find_longest(&["the", "US", "said"]).len(), 1);
        assert_eq!(m.find_longest(&["the", "U.S.", "said"]).len(), 1);
    }

    #[test]
    fn has_match_agrees_with_find_all() {
        let mut m = PhraseMatcher::new();
        m.insert("US", 1u32, true);
        m.insert("al Qaeda", 2, false);
        m.insert("Volodymyr Zelensky", 3, false);
        let texts: [&[&str]; 8] = [
            &["told", "us"],
            &["the", "US", "said"],
            &["Al-Qaeda's", "men"],
            &["pro-Qaeda", "al"],
            &["Volodymyr", "said"],
            &["Volodymyr", "Zelensky"],
            &[],
            &["al", "qaeda-linked"],
        ];
        for t in texts {
            assert_eq!(m.has_match(t), !m.find_all(t).is_empty(), "{t:?}");
        }
        assert!(!PhraseMatcher::<u32>::new().has_match(&["x"]));
    }

    #[test]
    fn reused_sentence_pieces_follow_the_tokens() {
        let mut m = PhraseMatcher::new();
        m.insert("Gondor", 1u32, false);
        let mut other = PhraseMatcher::new();
        other.insert("Arnor", 2u32, false);
        // Same lengths, other words: the pieces must not be reused.
        assert_eq!(m.find_longest(&["in", "Gondor"]).len(), 1);
        assert_eq!(other.find_longest(&["in", "Gondor"]).len(), 0);
        assert_eq!(m.find_longest(&["in", "Arnor!"]).len(), 0);
        assert_eq!(other.find_longest(&["in", "Arnor!"]).len(), 1);
        assert_eq!(other.find_longest(&["inA", "rnor"]).len(), 0);
        assert_eq!(m.find_longest(&["Gondor", "in"])[0].start, 0);
        // Many pieces: the vocabulary grows past its first table.
        let mut big = PhraseMatcher::new();
        for i in 0..1000u32 {
            big.insert(&format!("word{i} x"), i, false);
        }
        assert_eq!(big.find_longest(&["word999", "x"])[0].value, 999);
        assert_eq!(big.get("word17 X"), [17]);
        assert!(big.find_longest(&["word1000", "x"]).is_empty());
    }

    #[test]
    fn get_returns_values_for_an_exact_phrase() {
        let mut m = PhraseMatcher::new();
        m.insert("foreign minister", 7u32, false);
        assert_eq!(m.get("Foreign_Minister"), [7]);
        assert!(m.get("minister").is_empty());
        assert!(!m.insert("  ", 8, false));
    }
}
