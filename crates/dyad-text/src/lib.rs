//! The text layer of dyad: [`Document`], [`Span`], sentences and tokens.
//!
//! Every [`Sentence`] and [`Token`] keeps a byte span into the original text, so
//! `&doc.text[span.start..span.end]` always slices it exactly; writers convert
//! byte spans to character offsets where an output format wants them.

mod abbrev;
pub mod boundary;
pub mod conllu;
mod date;
pub mod eval;
pub mod offsets;
mod segment;
mod tokenize;

pub use date::{Date, DateError};
pub use offsets::CharOffsets;
#[doc(hidden)]
pub use segment::segment_with;
pub use segment::{dateline, segment, split_sentences, token_spans, tokenize};

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers in `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// One article or snippet to code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    /// Publication date, used to pick date-restricted actor codes.
    pub date: Option<Date>,
    /// Publisher or feed, when known.
    pub source: Option<String>,
    pub title: Option<String>,
    pub text: String,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            date: None,
            source: None,
            title: None,
            text: text.into(),
        }
    }
}

/// A token: its span in the original text and its form, which is always the
/// exact slice `&text[span.start..span.end]` (split clitics such as "n't" are
/// slices too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub form: String,
}

/// A sentence: its span and its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Vec<Token>,
}
