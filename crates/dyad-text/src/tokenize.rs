//! A UD/PTB-style tokenizer that follows UD English-EWT word segmentation.
//!
//! The text is cut into white-space separated chunks; each chunk is scanned once,
//! byte by byte over `char`s, into words (letters and digits with the joiners that
//! stay inside words: `3.5`, `1,000`, `U.S`, `don't`, `AT&T`), punctuation runs
//! (`...`, `--`, `!!`), URLs, e-mail addresses and emoticons. Words are then split
//! the way EWT does it: clitics (`do|n't`, `ca|n't`, `it|'s`, `can|not`, `gon|na`) and
//! hyphens (`search|-|engine`, but `e-mail`, `non-profit`, `713-853-3989` whole).
//! Every token's form is the exact slice of the original text at its span.

use crate::abbrev::is_abbreviation;
use crate::Span;

/// Characters between tokens: white space, control characters (NUL included) and
/// invisible format characters. They never belong to a token.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

/// Characters that continue a word run: letters, digits, combining marks.
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || matches!(c, '_' | '\u{00AD}')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`' | 'ʼ')
}

/// Emoji and pictographs, kept as single tokens together with their modifiers.
#[inline]
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

/// Regional indicator letters: two of them spell a flag (`🇺🇦` = U+1F1FA U+1F1E6).
#[inline]
fn is_regional_indicator(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

#[inline]
fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

/// Emoticons kept whole, longest first so that ":-)" wins over ":-".
const EMOTICONS: &[&str] = &[
    ">:-(", ":'-(", ":-))", ":-)", ":-(", ":-D", ":-P", ":-p", ";-)", ":-/", ":-|", ":-O", ":-o",
    ":'(", ":))", ":((", "^_^", "^^", "-_-", "o_O", "O_o", "<3", ":)", ":(", ";)", ":D", ":P",
    ":p", ":/", ":|", ":O", ":o", "=)", "=(", ":]", ":[", "XD", "xD", ";(",
];

/// Prefixes after which EWT keeps a hyphenated word whole ("e-mail", "non-profit").
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "re", "mid", "post", "over", "co", "pro", "multi", "semi", "ex",
    "sub", "psycho", "neo", "cross", "counter", "un", "socio", "mis", "micro", "intra", "arch",
    "inter", "ultra", "mega", "hyper", "bi", "tri", "quasi", "pseudo", "trans", "extra", "macro",
];

/// Contractions written without an apostrophe that EWT splits, with the split point.
const BARE_CONTRACTIONS: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("cant", 2),
    ("wont", 2),
    ("isnt", 2),
    ("arent", 3),
    ("wasnt", 3),
    ("werent", 4),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("havent", 4),
    ("hasnt", 3),
    ("hadnt", 3),
    ("aint", 2),
    ("im", 1),
    ("ive", 1),
    ("thats", 4),
    ("youre", 3),
    ("theyre", 4),
    ("theres", 5),
    ("whats", 4),
    ("lets", 3),
    ("outta", 3),
    ("alot", 1),
];

/// A token found by the scanner: a byte span and whether it is an abbreviation
/// or initial whose final period is part of it (the splitter needs to know).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawToken {
    pub span: Span,
    pub kind: Kind,
}

/// What kind of token the scanner made, for the sentence splitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// A word that ends in a period kept with it ("Mr.", "U.S.", "J.").
    Abbrev,
    Number,
    Punct,
    /// URL, e-mail address, emoticon, emoji.
    Special,
}

/// Tokenizes `text[span]` into `out` (appending).
pub(crate) fn tokenize_into(text: &str, span: Span, out: &mut Vec<RawToken>) {
    let bytes = text.as_bytes();
    let mut i = span.start;
    let end = span.end;
    while i < end {
        let c = char_at(text, i);
        if is_space(c) {
            i += c.len_utf8();
            continue;
        }
        let mut j = i;
        while j < end {
            let d = char_at(text, j);
            if is_space(d) {
                break;
            }
            j += d.len_utf8();
        }
        tokenize_chunk(text, i, j, out);
        i = j;
        debug_assert!(i <= bytes.len());
    }
    split_its(text, out);
}

/// Words after which a written "its" can only be "it's" (web text), which EWT
/// splits into "it" + "s"; the possessive "its" is followed by a noun phrase.
const AFTER_ITS_CONTRACTION: &[&str] = &[
    "a",
    "an",
    "the",
    "not",
    "your",
    "my",
    "his",
    "her",
    "their",
    "our",
    "so",
    "too",
    "just",
    "really",
    "been",
    "gonna",
    "going",
    "getting",
    "pretty",
    "like",
    "ok",
    "okay",
    "also",
    "still",
    "always",
    "never",
    "probably",
    "definitely",
    "because",
    "that",
    "in",
    "on",
    "at",
    "about",
    "what",
    "how",
    "kind",
    "illegal",
    "stolen",
    "time",
    "ready",
    "nice",
    "true",
];

/// Splits "its" before a word that shows it means "it's". Rebuilds the vector
/// in one pass when needed (no insertion into long token lists).
fn split_its(text: &str, out: &mut Vec<RawToken>) {
    let is_contraction = |n: usize, toks: &[RawToken]| {
        let t = toks[n];
        t.kind == Kind::Word
            && t.span.slice(text).eq_ignore_ascii_case("its")
            && toks.get(n + 1).is_some_and(|next| {
                let next = next.span.slice(text);
                AFTER_ITS_CONTRACTION
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(next))
            })
    };
    if !(0..out.len()).any(|n| is_contraction(n, out)) {
        return;
    }
    let mut fixed = Vec::with_capacity(out.len() + 4);
    for n in 0..out.len() {
        let t = out[n];
        if is_contraction(n, out) {
            let cut = t.span.start + 2;
            fixed.push(RawToken {
                span: Span::new(t.span.start, cut),
                kind: Kind::Word,
            });
            fixed.push(RawToken {
                span: Span::new(cut, t.span.end),
                kind: Kind::Word,
            });
        } else {
            fixed.push(t);
        }
    }
    *out = fixed;
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    // Safety of indexing: callers only pass char boundaries.
    text[i..].chars().next().unwrap_or('\0')
}

#[inline]
fn next_char(text: &str, i: usize, end: usize) -> Option<char> {
    if i < end {
        text[i..end].chars().next()
    } else {
        None
    }
}

#[inline]
fn prev_char(text: &str, start: usize, i: usize) -> Option<char> {
    if i > start {
        text[start..i].chars().next_back()
    } else {
        None
    }
}

fn push(out: &mut Vec<RawToken>, s: usize, e: usize, kind: Kind) {
    if s < e {
        out.push(RawToken {
            span: Span::new(s, e),
            kind,
        });
    }
}

const LEADING_STRIP: &[char] = &['(', '[', '{', '<', '"', '\'', '“', '‘', '«', '*'];
const TRAILING_STRIP: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '"', '\'', '”', '’', '»', '*',
];

/// Tokenizes one white-space free chunk `text[s..e]`.
fn tokenize_chunk(text: &str, s: usize, e: usize, out: &mut Vec<RawToken>) {
    // URLs and e-mail addresses: find the core without surrounding brackets and
    // quotes, and keep it whole.
    let chunk = &text[s..e];
    let core_start = s + (chunk.len() - chunk.trim_start_matches(LEADING_STRIP).len());
    let core = text[core_start..e].trim_end_matches(TRAILING_STRIP);
    let mut core_end = core_start + core.len();
    if core_end > core_start && (is_url(core) || is_email(core)) {
        // A URL may end in ")" when it also contains "(" (Wikipedia links).
        if core.contains('(') && text[core_end..e].starts_with(')') {
            core_end += 1;
        }
        scan(text, s, core_start, out);
        push(out, core_start, core_end, Kind::Special);
        scan(text, core_end, e, out);
        return;
    }
    scan(text, s, e, out);
}

fn is_url(core: &str) -> bool {
    let lower_prefix = |p: &str| {
        core.len() > p.len() && core.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    lower_prefix("http://")
        || lower_prefix("https://")
        || lower_prefix("ftp://")
        || lower_prefix("www.")
        || lower_prefix("mailto:")
}

fn is_email(core: &str) -> bool {
    let Some(at) = core.find('@') else {
        return false;
    };
    let (local, domain) = (&core[..at], &core[at + 1..]);
    // "Warner@ENRON" (Enron mail names) and "@example.com" are kept whole too.
    (!local.is_empty() || domain.contains('.'))
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%' | '/'))
        && domain.chars().next().is_some_and(char::is_alphanumeric)
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

/// Scans `text[s..e]` (no white space inside) into tokens.
fn scan(text: &str, s: usize, e: usize, out: &mut Vec<RawToken>) {
    let mut i = s;
    while i < e {
        let c = char_at(text, i);
        if is_word_char(c) {
            i = scan_word(text, i, e, out);
            continue;
        }
        // Emoticons, only when they start the chunk or follow punctuation.
        if matches!(
            c,
            ':' | ';' | '=' | '^' | '-' | '<' | '>' | 'o' | 'O' | 'X' | 'x'
        ) && !prev_char(text, s, i).is_some_and(is_word_char)
        {
            if let Some(len) = emoticon_at(&text[i..e]) {
                push(out, i, i + len, Kind::Special);
                i += len;
                continue;
            }
        }
        if is_emoji(c) {
            let mut j = i + c.len_utf8();
            // A flag is a pair of regional indicators; a run of them, pair by pair.
            if is_regional_indicator(c) {
                if let Some(d) = next_char(text, j, e).filter(|&d| is_regional_indicator(d)) {
                    j += d.len_utf8();
                }
            }
            while let Some(d) = next_char(text, j, e) {
                if is_emoji_modifier(d) {
                    j += d.len_utf8();
                    // A zero-width joiner glues the next pictograph to this one.
                    if d == '\u{200D}' {
                        if let Some(n) = next_char(text, j, e) {
                            if is_emoji(n) {
                                j += n.len_utf8();
                            }
                        }
                    }
                } else {
                    break;
                }
            }
            push(out, i, j, Kind::Special);
            i = j;
            continue;
        }
        // Punctuation: runs of the same mark stay together ("...", "--", "!!!"),
        // and so do mixed runs of "!" and "?" ("?!").
        let mut j = i + c.len_utf8();
        let runs = matches!(
            c,
            '.' | '-' | '!' | '?' | '*' | '=' | '_' | '~' | '+' | '#' | '/' | '$'
        );
        if c == '#' && next_char(text, j, e).is_some_and(char::is_alphabetic) {
            // Hashtags and channels: "#audiobooks".
            while let Some(d) = next_char(text, j, e) {
                if !is_word_char(d) {
                    break;
                }
                j += d.len_utf8();
            }
        } else if c == ':' && next_char(text, j, e) == Some('?') {
            // Mail software artefacts in EWT: "Dial:?".
            j += 1;
        } else if runs {
            while let Some(d) = next_char(text, j, e) {
                let same = d == c || (matches!(c, '!' | '?' | '.') && matches!(d, '!' | '?' | '.'));
                if !same {
                    break;
                }
                j += d.len_utf8();
            }
        } else if matches!(c, '\'' | '’' | '‘' | '`') {
            // Doubled apostrophes used as quotes: '' and ’’.
            if let Some(d) = next_char(text, j, e) {
                if matches!(d, '\'' | '’' | '‘' | '`') {
                    j += d.len_utf8();
                }
            }
        } else if matches!(c, '<' | '>') {
            if let Some(d) = next_char(text, j, e) {
                if d == c {
                    j += d.len_utf8();
                }
            }
        }
        // Leading apostrophe clitic after a closing quote or alone: "'s" is rare
        // outside words; treated as punctuation here.
        push(out, i, j, Kind::Punct);
        i = j;
    }
}

fn emoticon_at(s: &str) -> Option<usize> {
    for emo in EMOTICONS {
        if let Some(rest) = s.strip_prefix(emo) {
            // An emoticon must not run into a word: ":Dog" is not ":D" + "og".
            let next = rest.chars().next();
            if !next.is_some_and(char::is_alphanumeric) {
                return Some(emo.len());
            }
        }
    }
    None
}

/// Scans one word run starting at `i`, pushes its tokens and returns where it ended.
fn scan_word(text: &str, i: usize, e: usize, out: &mut Vec<RawToken>) -> usize {
    let mut j = i;
    let mut has_digit = false;
    let mut has_alpha = false;
    let mut has_inner_period = false;
    while j < e {
        let c = char_at(text, j);
        if is_word_char(c) {
            has_digit |= c.is_ascii_digit();
            has_alpha |= c.is_alphabetic();
            j += c.len_utf8();
            continue;
        }
        let after = j + c.len_utf8();
        let next = next_char(text, after, e);
        let prev = prev_char(text, i, j);
        let next_word = next.is_some_and(is_word_char);
        let join = match c {
            '.' => next_word,
            ',' => {
                prev.is_some_and(|p| p.is_ascii_digit())
                    && text[after..e]
                        .bytes()
                        .take(3)
                        .filter(u8::is_ascii_digit)
                        .count()
                        == 3
            }
            ':' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            '/' => {
                next_word
                    && ((prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit()))
                        || j - i == 1)
            }
            '-' | '‐' => next_word,
            '&' => prev.is_some_and(|p| p.is_uppercase()) && next.is_some_and(|n| n.is_uppercase()),
            c if is_apostrophe(c) => {
                prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
            }
            _ => false,
        };
        if !join {
            break;
        }
        if c == '.' {
            has_inner_period = true;
        }
        j = after;
    }
    // A final period stays with abbreviations, initials and dotted forms ("U.S.").
    let mut kind = if has_digit && !has_alpha {
        Kind::Number
    } else {
        Kind::Word
    };
    if text[i..j].eq_ignore_ascii_case("yahoo") && text[j..e].starts_with('!') {
        split_word(text, i, j + 1, Kind::Word, out);
        return j + 1;
    }
    // "Inc." takes one period of "Inc..": the other is the sentence's.
    if text[j..e].starts_with('.') && !text[j..e].starts_with("...") {
        let word = &text[i..j];
        let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        let dotted = has_inner_period && has_alpha && !word.contains('-') && word.len() <= 12;
        if single_letter || dotted || is_abbreviation(word) {
            j += 1;
            kind = Kind::Abbrev;
        }
    }
    split_word(text, i, j, kind, out);
    j
}

/// Splits a word run into EWT words: hyphens, then clitics of the last piece.
fn split_word(text: &str, s: usize, e: usize, kind: Kind, out: &mut Vec<RawToken>) {
    let word = &text[s..e];
    if kind == Kind::Word && word.contains(['-', '‐']) && !keep_hyphenated(word) {
        let mut piece_start = s;
        for (off, c) in word.char_indices() {
            if c == '-' || c == '‐' {
                let h = s + off;
                split_clitics(text, piece_start, h, out);
                push(out, h, h + c.len_utf8(), Kind::Punct);
                piece_start = h + c.len_utf8();
            }
        }
        split_clitics(text, piece_start, e, out);
        return;
    }
    if kind == Kind::Word {
        split_clitics(text, s, e, out);
    } else {
        push(out, s, e, kind);
    }
}

fn keep_hyphenated(word: &str) -> bool {
    let mut parts = word.split(['-', '‐']);
    let first = parts.next().unwrap_or("");
    let mut buf = [0u8; 16];
    if first.len() <= 16 && first.is_ascii() {
        let b = &mut buf[..first.len()];
        b.copy_from_slice(first.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(f) = std::str::from_utf8(b) {
            if HYPHEN_PREFIXES.contains(&f) {
                return true;
            }
        }
    }
    // Codes, phone numbers and dates: several parts with digits ("713-853-3989").
    word.split(['-', '‐'])
        .filter(|p| p.bytes().any(|b| b.is_ascii_digit()))
        .count()
        >= 2
}

/// Splits clitics off `text[s..e]` and pushes the pieces.
fn split_clitics(text: &str, s: usize, e: usize, out: &mut Vec<RawToken>) {
    let word = &text[s..e];
    if word.is_empty() {
        return;
    }
    if let Some(cut) = clitic_cut(word) {
        push(out, s, s + cut, Kind::Word);
        push(out, s + cut, e, Kind::Word);
        return;
    }
    push(out, s, e, Kind::Word);
}

/// Where a word splits into host and clitic, if it does.
fn clitic_cut(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let n = b.len();
    // Every clitic below follows an apostrophe ('\'', '`', or the UTF-8 lead
    // byte of '’' or 'ʼ'): most words have none and skip the searches.
    let apostrophe = b.iter().any(|&c| matches!(c, b'\'' | b'`' | 0xE2 | 0xCA));
    // n't with any apostrophe: "don't" -> do|n't, "can't" -> ca|n't.
    for apo in ["'", "’", "`", "ʼ"] {
        if !apostrophe {
            break;
        }
        let suffix_len = 1 + apo.len() + 1;
        if n > suffix_len && word.is_char_boundary(n - suffix_len) {
            let tail = &word[n - suffix_len..];
            if tail.is_char_boundary(1)
                && tail.is_char_boundary(1 + apo.len())
                && tail[..1].eq_ignore_ascii_case("n")
                && &tail[1..1 + apo.len()] == apo
                && tail[1 + apo.len()..].eq_ignore_ascii_case("t")
            {
                return Some(n - suffix_len);
            }
        }
        // 's 're 've 'll 'd 'm
        if let Some(pos) = word.rfind(apo) {
            let clitic = &word[pos + apo.len()..];
            if pos > 0
                && (clitic.eq_ignore_ascii_case("s")
                    || clitic.eq_ignore_ascii_case("re")
                    || clitic.eq_ignore_ascii_case("ve")
                    || clitic.eq_ignore_ascii_case("ll")
                    || clitic.eq_ignore_ascii_case("d")
                    || clitic.eq_ignore_ascii_case("m"))
            {
                return Some(pos);
            }
        }
    }
    if n <= 8 && word.is_ascii() {
        let mut buf = [0u8; 8];
        buf[..n].copy_from_slice(b);
        buf[..n].make_ascii_lowercase();
        let lower = std::str::from_utf8(&buf[..n]).ok()?;
        for &(form, cut) in BARE_CONTRACTIONS {
            if form.len() == n && form.as_bytes()[0] == buf[0] && lower == form {
                // "Im"/"Ive" only when the writer meant "I'm": lower-case "im" too (EWT).
                return Some(cut);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize_into(text, Span::new(0, text.len()), &mut out);
        out.iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn clitics_split_as_in_ewt() {
        assert_eq!(toks("I don't know"), ["I", "do", "n't", "know"]);
        assert_eq!(toks("We can't go"), ["We", "ca", "n't", "go"]);
        assert_eq!(toks("won’t"), ["wo", "n’t"]);
        assert_eq!(toks("I cannot"), ["I", "can", "not"]);
        assert_eq!(toks("gonna"), ["gon", "na"]);
        assert_eq!(
            toks("it's they're we've I'll he'd I'm"),
            ["it", "'s", "they", "'re", "we", "'ve", "I", "'ll", "he", "'d", "I", "'m"]
        );
        assert_eq!(toks("Russia's army"), ["Russia", "'s", "army"]);
        assert_eq!(toks("the parents' house"), ["the", "parents", "'", "house"]);
        assert_eq!(toks("O'Brien said"), ["O'Brien", "said"]);
    }

    #[test]
    fn hyphens_as_in_ewt() {
        assert_eq!(toks("search-engine"), ["search", "-", "engine"]);
        assert_eq!(
            toks("a full-fledged system"),
            ["a", "full", "-", "fledged", "system"]
        );
        assert_eq!(toks("e-mail non-profit"), ["e-mail", "non-profit"]);
        assert_eq!(toks("call 713-853-3989"), ["call", "713-853-3989"]);
        assert_eq!(toks("a 16-year-old"), ["a", "16", "-", "year", "-", "old"]);
    }

    #[test]
    fn numbers_and_money() {
        assert_eq!(
            toks("$1.2 billion, 3.5 percent, 1,000 troops, 10:30 a.m."),
            [
                "$", "1.2", "billion", ",", "3.5", "percent", ",", "1,000", "troops", ",", "10:30",
                "a.m."
            ]
        );
        assert_eq!(
            toks("on 9/11 and 11/28/2000"),
            ["on", "9/11", "and", "11/28/2000"]
        );
        assert_eq!(toks("up 5%."), ["up", "5", "%", "."]);
    }

    #[test]
    fn punctuation_quotes_and_abbreviations() {
        assert_eq!(
            toks("“We will win,” Gen. Smith said."),
            ["“", "We", "will", "win", ",", "”", "Gen.", "Smith", "said", "."]
        );
        assert_eq!(
            toks("the U.S. and U.N. (in Jan.)"),
            ["the", "U.S.", "and", "U.N.", "(", "in", "Jan.", ")"]
        );
        assert_eq!(toks("Wait... what?!"), ["Wait", "...", "what", "?!"]);
        assert_eq!(toks("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
        assert_eq!(toks("and/or AT&T"), ["and", "/", "or", "AT&T"]);
    }

    #[test]
    fn urls_emails_emoticons_emoji() {
        assert_eq!(
            toks("See (https://example.org/a?b=1). Mail bob.smith@enron.com!"),
            [
                "See",
                "(",
                "https://example.org/a?b=1",
                ")",
                ".",
                "Mail",
                "bob.smith@enron.com",
                "!"
            ]
        );
        assert_eq!(
            toks("great :) thanks :-("),
            ["great", ":)", "thanks", ":-("]
        );
        assert_eq!(toks("yes👍🏽 ok"), ["yes", "👍🏽", "ok"]);
        // Flags: regional indicators pair by pair; a lone one stays a token.
        assert_eq!(
            toks("Kyiv 🇺🇦 and 🇺🇸🇬🇧 ok 🇺"),
            ["Kyiv", "🇺🇦", "and", "🇺🇸", "🇬🇧", "ok", "🇺"]
        );
        assert_eq!(
            toks("Visit www.google.com."),
            ["Visit", "www.google.com", "."]
        );
    }

    #[test]
    fn web_spellings_as_in_ewt() {
        assert_eq!(toks("its a reel"), ["it", "s", "a", "reel"]);
        assert_eq!(toks("its army"), ["its", "army"]);
        assert_eq!(toks("dont know alot"), ["do", "nt", "know", "a", "lot"]);
        assert_eq!(toks("Yahoo! and AOL"), ["Yahoo!", "and", "AOL"]);
        assert_eq!(
            toks("Traci Warner@ENRON wrote"),
            ["Traci", "Warner@ENRON", "wrote"]
        );
        assert_eq!(toks("join #audiobooks now"), ["join", "#audiobooks", "now"]);
    }

    #[test]
    fn spaces_and_controls_are_never_tokens() {
        assert_eq!(toks("a\0b \u{200B} c"), ["a", "b", "c"]);
        assert!(toks("   \n\t").is_empty());
    }
}
