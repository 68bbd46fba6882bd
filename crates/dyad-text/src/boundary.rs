//! Sentence-boundary decisions between tokens.

use crate::segment::{is_terminal, rule_ends_sentence};
use crate::tokenize::RawToken;

/// Does a sentence end after token `k`? Token `i` is the candidate (terminal
/// punctuation or any other token) and `i+1..=k` closers absorbed into it.
pub(crate) fn ends_sentence(text: &str, raw: &[RawToken], i: usize, k: usize) -> bool {
    if is_terminal(text, raw[i]) {
        return rule_ends_sentence(text, raw, i, k);
    }
    false
}
