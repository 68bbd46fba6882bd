//! Sentence splitting and tokenization.
//!
//! First version: splits after `.`, `!`, `?` followed by space and an upper-case
//! letter, and tokenizes on white space and punctuation. The news-aware splitter
//! and UD/PTB tokenizer replace it (issue 2).

use crate::{Sentence, Span, Token};

/// Splits `text` into sentences and tokens.
pub fn segment(text: &str) -> Vec<Sentence> {
    split_sentences(text)
        .into_iter()
        .map(|span| Sentence {
            span,
            tokens: tokenize(text, span),
        })
        .filter(|s| !s.tokens.is_empty())
        .collect()
}

/// Sentence spans of `text`, trimmed of surrounding white space.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let end_here = matches!(c, '.' | '!' | '?')
            && chars.get(i + 1).is_some_and(|&(_, n)| n.is_whitespace())
            && chars.get(i + 2).is_some_and(|&(_, n)| n.is_uppercase());
        if end_here || c == '\n' {
            push_trimmed(text, start, pos + c.len_utf8(), &mut out);
            start = pos + c.len_utf8();
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Tokens of the sentence at `span` in `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    for (off, c) in span.slice(text).char_indices() {
        let pos = span.start + off;
        if c.is_alphanumeric() || c == '\'' || c == '-' {
            word_start.get_or_insert(pos);
            continue;
        }
        if let Some(ws) = word_start.take() {
            out.push(Token {
                span: Span::new(ws, pos),
                form: text[ws..pos].to_string(),
            });
        }
        if !c.is_whitespace() {
            let end = pos + c.len_utf8();
            out.push(Token {
                span: Span::new(pos, end),
                form: text[pos..end].to_string(),
            });
        }
    }
    if let Some(ws) = word_start {
        out.push(Token {
            span: Span::new(ws, span.end),
            form: text[ws..span.end].to_string(),
        });
    }
    out
}
