//! Sentence splitting with syntax: a second pass over [`dyad_text::segment`].
//!
//! The rule-based splitter and the boundary perceptron of `dyad-text` decide
//! each gap from its neighbourhood; where a block has little punctuation
//! (e-mail headers, signatures, lists, unpunctuated forum answers) the words
//! around a missed boundary look like those inside a sentence. This pass tags
//! a sentence that `segment` made and parses it with a parser trained on whole
//! EWT paragraphs as forests ([`crate::parser::features::FEAT_BREAK`]: `RIGHT`
//! onto the root may end a sentence before the buffer is empty). Every word
//! the parser hangs from the root then heads a sentence of its own: the parser
//! decides where a sentence starts together with its syntax, as spaCy's does.
//!
//! By default ([`RefineOptions`]) a sentence that ends in sentence-final
//! punctuation is not re-parsed; with [`RefineOptions::loosen`] only gaps the
//! boundary model nearly takes may become boundaries.
//!
//! Experimental: nothing in the pipeline uses this module yet. On EWT it
//! does not beat `segment` alone (models/MODELS.md, sentence-boundary
//! section, has the figures and the commands).

use crate::parser::{Parser, ParserError};
use crate::tagger::Tagger;
use crate::{AnalyzedSentence, AnalyzedToken, NlpError};
use dyad_text::boundary::{BoundaryModel, Thresholds};
use dyad_text::{Sentence, Span};
use std::path::Path;

/// File name of the splitter's parser in the models directory.
pub const SENTER_FILE: &str = "senter.bin";

/// Which sentences of `segment` are re-parsed, and how sure the parser must be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RefineOptions {
    /// Sentences with fewer tokens are left alone.
    pub min_tokens: usize,
    /// Re-parse sentences that end in sentence-final punctuation too.
    pub punctuated_too: bool,
    /// A new sentence must have at least this many tokens (both sides).
    pub min_part: usize,
    /// Subtracted from the parser's score for ending a sentence (positive:
    /// fewer breaks), in the move table's integer units.
    pub break_bias: i32,
    /// With `Some(d)`, the parser may only add a boundary at a gap that the
    /// boundary perceptron of `dyad-text` would take with its thresholds for
    /// gaps without punctuation in sparsely punctuated blocks lowered by `d`
    /// (punctuated blocks keep theirs, so news is not touched), and only
    /// sentences holding such a gap are parsed. `None`: every sentence
    /// chosen by the other options is parsed and every break is taken.
    pub loosen: Option<f32>,
}

impl Default for RefineOptions {
    fn default() -> Self {
        RefineOptions {
            min_tokens: 4,
            punctuated_too: false,
            min_part: 1,
            break_bias: 0,
            loosen: None,
        }
    }
}

/// The sentence splitter's parser.
#[derive(Debug, Clone)]
pub struct Senter {
    parser: Parser,
    /// What [`Senter::refine`] re-parses.
    options: RefineOptions,
    /// The embedded boundary model with loosened thresholds ([`RefineOptions::loosen`]).
    loose: Option<BoundaryModel>,
}

impl Senter {
    /// Wraps a parser trained with [`crate::parser::features::FEAT_BREAK`].
    pub fn from_parser(parser: Parser) -> Result<Senter, NlpError> {
        if !parser.splits_sentences() {
            return Err(NlpError::Model(
                "this parser model does not split sentences (trained without breaks)".into(),
            ));
        }
        let mut senter = Senter {
            parser,
            options: RefineOptions::default(),
            loose: None,
        };
        senter.set_options(RefineOptions::default());
        Ok(senter)
    }

    /// What [`Senter::refine`] does.
    pub fn options(&self) -> RefineOptions {
        self.options
    }

    /// Sets what [`Senter::refine`] does.
    pub fn set_options(&mut self, options: RefineOptions) {
        self.options = options;
        self.loose = options.loosen.and_then(|d| {
            let m = dyad_text::boundary::embedded_model()?;
            let t = m.thresholds();
            Some(m.clone().with_thresholds(Thresholds {
                add: t.add - d,
                add_names: t.add_names - d,
                ..t
            }))
        });
    }

    /// Loads `senter.bin` (a parser model file).
    pub fn load(path: &Path) -> Result<Senter, NlpError> {
        let parser = Parser::load(path).map_err(|e: ParserError| NlpError::Model(e.to_string()))?;
        Senter::from_parser(parser)
    }

    /// The parser inside.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// Parses a tagged word sequence as a forest and returns the indices of
    /// the words that start a new sentence (never 0). Fills heads (0 for
    /// each sentence's root) and relations.
    pub fn starts(&self, s: &mut AnalyzedSentence) -> Vec<usize> {
        self.parser.parse_forest(s, self.options.break_bias);
        forest_starts(&s.tokens)
    }

    /// Splits the sentences of `text` that [`dyad_text::segment`] made where
    /// the parser starts a new one (see [`RefineOptions`] for which sentences
    /// are looked at). Token spans and forms are unchanged.
    pub fn refine(&self, tagger: &Tagger, text: &str, sentences: Vec<Sentence>) -> Vec<Sentence> {
        // Byte offsets where the loosened boundary model starts a sentence.
        let candidates: Option<Vec<usize>> = match (&self.loose, self.options.loosen) {
            (Some(m), Some(_)) => Some(
                dyad_text::segment_with(text, Some(m))
                    .iter()
                    .map(|s| s.span.start)
                    .collect(),
            ),
            // Loosening asked for but no boundary model built in: nothing to add.
            (None, Some(_)) => return sentences,
            _ => None,
        };
        let mut out = Vec::with_capacity(sentences.len());
        for s in sentences {
            // Token indices (> 0) of this sentence where a candidate gap is.
            let allowed: Option<Vec<usize>> = candidates.as_ref().map(|c| {
                let lo = c.partition_point(|&x| x <= s.span.start);
                let hi = c.partition_point(|&x| x < s.span.end);
                c[lo..hi]
                    .iter()
                    .filter_map(|&x| s.tokens.iter().position(|t| t.span.start == x))
                    .filter(|&i| i > 0)
                    .collect()
            });
            let wanted = match &allowed {
                Some(a) => !a.is_empty() && s.tokens.len() >= self.options.min_tokens.max(2),
                None => self.wants(text, &s),
            };
            if !wanted {
                out.push(s);
                continue;
            }
            let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
            let mut a = tag(tagger, &words);
            drop(words);
            let mut starts = self.starts(&mut a);
            starts.retain(|&i| {
                allowed.as_ref().is_none_or(|a| a.contains(&i)) && opens(&s.tokens[i].form)
            });
            let starts = keep_parts(starts, s.tokens.len(), self.options.min_part);
            if starts.is_empty() {
                out.push(s);
                continue;
            }
            let mut tokens = s.tokens;
            for &at in starts.iter().rev() {
                let tail = tokens.split_off(at);
                out_push_rev(&mut out, tail);
            }
            out_push_rev(&mut out, tokens);
            // The parts were pushed last first: put them in text order.
            let k = starts.len() + 1;
            let len = out.len();
            out[len - k..].reverse();
        }
        out
    }

    fn wants(&self, text: &str, s: &Sentence) -> bool {
        let o = &self.options;
        if s.tokens.len() < o.min_tokens.max(2) {
            return false;
        }
        if o.punctuated_too {
            return true;
        }
        // Sentence-final punctuation (perhaps inside quotes or brackets) at
        // the end: running text, left to the rules.
        let last = s
            .tokens
            .iter()
            .rev()
            .map(|t| t.span.slice(text))
            .find(|w| !is_closer(w));
        !last.is_some_and(is_final_punct)
    }
}

fn out_push_rev(out: &mut Vec<Sentence>, tokens: Vec<dyad_text::Token>) {
    if let (Some(f), Some(l)) = (tokens.first(), tokens.last()) {
        let span = Span::new(f.span.start, l.span.end);
        out.push(Sentence { span, tokens });
    }
}

/// Drops starts that would leave a part shorter than `min_part` tokens.
fn keep_parts(starts: Vec<usize>, n: usize, min_part: usize) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(starts.len());
    let mut prev = 0;
    for s in starts {
        if s > prev && s - prev >= min_part && n - s >= min_part {
            kept.push(s);
            prev = s;
        }
    }
    kept
}

/// Can a sentence start with this token? Not with a comma, a closing bracket
/// or a full stop (the parser sometimes hangs such a token from the root).
fn opens(w: &str) -> bool {
    w.chars().next().is_some_and(|c| {
        c.is_alphanumeric()
            || matches!(
                c,
                '"' | '\''
                    | '('
                    | '['
                    | '*'
                    | '-'
                    | '\u{201c}'
                    | '\u{2018}'
                    | '<'
                    | '#'
                    | '@'
                    | '$'
                    | ':'
            )
    })
}

fn is_closer(w: &str) -> bool {
    matches!(
        w,
        "\"" | "'" | ")" | "]" | "}" | "\u{201d}" | "\u{2019}" | "''" | "»"
    )
}

fn is_final_punct(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, '.' | '!' | '?' | '\u{2026}'))
}

/// Tags words into an analysed sentence (heads left 0, entity labels `O`).
pub fn tag(tagger: &Tagger, words: &[&str]) -> AnalyzedSentence {
    AnalyzedSentence::tagged(words, tagger.tag(words))
}

/// The relations of the arcs that cross the gap before token `i` (0-based;
/// heads are 1-based, 0 = root, which crosses nothing).
pub fn crossing(tokens: &[AnalyzedToken], i: usize) -> Vec<&str> {
    tokens
        .iter()
        .enumerate()
        .filter(|(d, t)| t.head != 0 && t.head <= tokens.len() && (*d < i) != (t.head - 1 < i))
        .map(|(_, t)| t.deprel.as_str())
        .collect()
}

/// The words that start a new tree of a projective forest (never 0): where
/// the root ancestor changes from one word to the next. Heads are 1-based,
/// 0 = root; a head out of range ends the climb (treated as a root).
pub fn forest_starts(tokens: &[AnalyzedToken]) -> Vec<usize> {
    let n = tokens.len();
    let top = |mut d: usize| {
        // d is 1-based; climb at most n steps (a cycle cannot loop forever).
        for _ in 0..=n {
            let h = tokens[d - 1].head;
            if h == 0 || h > n {
                return d;
            }
            d = h;
        }
        d
    };
    let mut out = Vec::new();
    let mut prev = 0;
    for d in 1..=n {
        let r = top(d);
        if d > 1 && r != prev {
            out.push(d - 1);
        }
        prev = r;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(heads: &[usize]) -> Vec<AnalyzedToken> {
        heads
            .iter()
            .map(|&h| AnalyzedToken {
                head: h,
                ..Default::default()
            })
            .collect()
    }

    #[test]
    fn forest_starts_finds_each_tree() {
        // "Thanks Sean | Here you go": Thanks <- 0, Sean <- Thanks; go <- 0
        // heads Here and you ("Here" is word 3, "go" word 5).
        assert_eq!(forest_starts(&toks(&[0, 1, 5, 5, 0])), vec![2]);
        assert_eq!(forest_starts(&toks(&[2, 0, 2])), Vec::<usize>::new());
        assert_eq!(forest_starts(&toks(&[0, 0, 0])), vec![1, 2]);
        assert!(forest_starts(&[]).is_empty());
        // A cycle or a head out of range does not hang or panic.
        assert!(forest_starts(&toks(&[2, 1, 9])).len() <= 2);
    }

    #[test]
    fn keep_parts_drops_short_parts() {
        assert_eq!(keep_parts(vec![1, 4], 6, 2), vec![4]);
        assert_eq!(keep_parts(vec![2, 4], 6, 2), vec![2, 4]);
        assert_eq!(keep_parts(vec![5], 6, 2), Vec::<usize>::new());
    }

    #[test]
    fn final_punctuation() {
        assert!(is_final_punct("."));
        assert!(is_final_punct("?!"));
        assert!(!is_final_punct(","));
        assert!(!is_final_punct(""));
    }
}
