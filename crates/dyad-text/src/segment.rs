//! Sentence splitting for news and web text.
//!
//! The text is first cut into blocks at line breaks (a blank line always ends a
//! sentence, and so does a line break unless the next line continues in lower
//! case: headlines, bylines and bullet items stand alone). Each block is tokenized
//! once and sentence ends are decided between tokens, so a sentence boundary never
//! falls inside a token and "Gen.", "U.S.", "3.5" or "J. R. R. Tolkien" never split.
//!
//! Decisions between tokens come from rules made for news ([`rule_ends_sentence`]);
//! where a sentence can end without punctuation (web text) a small averaged
//! perceptron trained on UD English-EWT train (see `boundary.rs`) adds its view.

use crate::abbrev::{is_month, is_sentence_starter, is_title};
use crate::boundary;
use crate::tokenize::{is_space, tokenize_into, Kind, RawToken};
use crate::{Sentence, Span, Token};

/// Splits `text` into sentences and tokens.
///
/// ```
/// let text = "Gen. Smith met U.S. envoys on Jan. 5. Talks went well.";
/// let s = dyad_text::segment(text);
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[1].span.slice(text), "Talks went well.");
/// ```
pub fn segment(text: &str) -> Vec<Sentence> {
    segment_with(text, boundary::embedded())
}

/// [`segment`] with another boundary model (or the rules alone), for training
/// and threshold tuning.
#[doc(hidden)]
pub fn segment_with(text: &str, model: Option<&boundary::BoundaryModel>) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut raw = Vec::new();
    let protect = dateline(text).map_or(0, |d| d.end);
    for block in blocks(text) {
        raw.clear();
        tokenize_into(text, block, &mut raw);
        for sent in sentences_in_block(text, &mut raw, protect, model) {
            let tokens = sent
                .iter()
                .map(|t| Token {
                    span: t.span,
                    form: t.span.slice(text).to_string(),
                })
                .collect::<Vec<_>>();
            if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
                out.push(Sentence {
                    span: Span::new(first.span.start, last.span.end),
                    tokens,
                });
            }
        }
    }
    out
}

/// Sentence spans of `text` (from the first to the last token of each sentence).
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut raw = Vec::new();
    let protect = dateline(text).map_or(0, |d| d.end);
    for block in blocks(text) {
        raw.clear();
        tokenize_into(text, block, &mut raw);
        for sent in sentences_in_block(text, &mut raw, protect, boundary::embedded()) {
            if let (Some(first), Some(last)) = (sent.first(), sent.last()) {
                out.push(Span::new(first.span.start, last.span.end));
            }
        }
    }
    out
}

/// Tokens of the sentence at `span` in `text`.
///
/// Tokenizing a sentence span returned by [`split_sentences`] gives the same tokens
/// as [`segment`], except that a sentence-final abbreviation keeps its period here
/// only when [`segment`] would (both split "etc." at a sentence end into "etc" ".").
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let span = clamp_span(text, span);
    let mut raw = Vec::new();
    tokenize_in_context(text, span, &mut raw);
    if let Some(last) = raw.last().copied() {
        if last.span.end == span_trim_end(text, span) {
            split_final_period(text, &mut raw);
        }
    }
    raw.into_iter()
        .map(|t| Token {
            span: t.span,
            form: t.span.slice(text).to_string(),
        })
        .collect()
}

/// How far [`tokenize_in_context`] looks beyond a span for the rest of a run of
/// non-space characters: 4 KiB covers any URL, e-mail address or glued
/// sentence pair of real text (a run of 300 bytes with a sentence end inside
/// was cut differently at 256), while a pathological run (a base64 blob) costs
/// each call at most that much.
const CONTEXT_LIMIT: usize = 4096;

/// Tokenizes `text[span]` as [`segment`] does.
///
/// A sentence may end inside a run of non-space characters ("part.Now",
/// `"."Erdoğan`); the splitter tokenized that whole run, and the run's start
/// decides how it is cut (an e-mail address is one token only when the run is
/// one). So the whole run is tokenized here too, and the tokens inside the span
/// kept, when they line up with the span's ends; otherwise (a span cutting
/// through a token, or a run longer than [`CONTEXT_LIMIT`]) the span alone is.
fn tokenize_in_context(text: &str, span: Span, out: &mut Vec<RawToken>) {
    let inner = trim_span(text, span);
    // Walk out to the white space around the run; give up past the limit.
    let mut start = inner.start;
    let start_ok = loop {
        match text[..start].chars().next_back() {
            None => break true,
            Some(c) if is_space(c) => break true,
            Some(_) if inner.start - start >= CONTEXT_LIMIT => break false,
            Some(c) => start -= c.len_utf8(),
        }
    };
    let mut end = inner.end;
    let end_ok = loop {
        match text[end..].chars().next() {
            None => break true,
            Some(c) if is_space(c) => break true,
            Some(_) if end - inner.end >= CONTEXT_LIMIT => break false,
            Some(c) => end += c.len_utf8(),
        }
    };
    if inner.is_empty() || !start_ok || !end_ok || (start == inner.start && end == inner.end) {
        tokenize_into(text, span, out);
        return;
    }
    let from = out.len();
    tokenize_into(text, Span::new(start, end), out);
    let ctx = &out[from..];
    let aligned = ctx.iter().any(|t| t.span.start == inner.start)
        && ctx.iter().any(|t| t.span.end == inner.end);
    if aligned {
        let mut n = from;
        for j in from..out.len() {
            let t = out[j];
            if t.span.start >= inner.start && t.span.end <= inner.end {
                out[n] = t;
                n += 1;
            }
        }
        out.truncate(n);
    } else {
        out.truncate(from);
        tokenize_into(text, span, out);
    }
}

/// Tokenizes `text` and returns bare spans, for callers that need no sentences.
pub fn token_spans(text: &str) -> Vec<Span> {
    let mut raw = Vec::new();
    tokenize_into(text, Span::new(0, text.len()), &mut raw);
    raw.into_iter().map(|t| t.span).collect()
}

fn span_trim_end(text: &str, span: Span) -> usize {
    span.start + span.slice(text).trim_end_matches(is_space).len()
}

/// Keeps a caller's span inside the text and on character boundaries.
fn clamp_span(text: &str, span: Span) -> Span {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    Span::new(start, end)
}

/// The dateline at the start of an article ("KYIV, Ukraine (AP) —",
/// "WASHINGTON —"), including its dash, if there is one.
///
/// The dateline stays inside the first sentence; callers that want to drop it
/// from the text a parser sees can use this span.
pub fn dateline(text: &str) -> Option<Span> {
    let start = text.len() - text.trim_start().len();
    let head = &text[start..];
    let limit = head.char_indices().nth(80).map_or(head.len(), |(i, _)| i);
    let window = &head[..limit];
    let (dash_pos, dash_len) = ["—", "–", "--", " - "]
        .iter()
        .filter_map(|d| window.find(d).map(|p| (p, d.len())))
        .min()?;
    let before = window[..dash_pos].trim_end();
    // The place name opens the dateline in capitals: "WASHINGTON", "ST. LOUIS".
    let first_word: &str = before
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(')
        .next()
        .unwrap_or("");
    let letters = first_word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2
        || first_word
            .chars()
            .any(|c| c.is_alphabetic() && !c.is_uppercase())
        || before.contains(['.', '!', '?']) && !before.contains("ST.") && !before.contains("Ft.")
    {
        return None;
    }
    if before.split_whitespace().count() > 8 {
        return None;
    }
    Some(Span::new(start, start + dash_pos + dash_len))
}

/// Cuts the text into blocks at hard line breaks.
pub(crate) fn blocks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut prev_line: Option<Span> = None;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    let mut pos = 0;
    loop {
        let nl = memchr_newline(&bytes[pos..]).map(|p| p + pos);
        let line_end = nl.unwrap_or(text.len());
        let line = trim_span(text, Span::new(line_start, line_end));
        if line.is_empty() {
            // A blank line ends the block.
            if let (Some(bs), Some(pl)) = (block_start.take(), prev_line) {
                out.push(Span::new(bs, pl.end));
            }
            prev_line = None;
        } else {
            let continues = prev_line.is_some_and(|pl| line_continues(text, pl, line));
            if !continues {
                if let (Some(bs), Some(pl)) = (block_start, prev_line) {
                    out.push(Span::new(bs, pl.end));
                }
                block_start = Some(line.start);
            }
            prev_line = Some(line);
        }
        match nl {
            Some(p) => {
                pos = p + 1;
                line_start = pos;
            }
            None => break,
        }
    }
    if let (Some(bs), Some(pl)) = (block_start, prev_line) {
        out.push(Span::new(bs, pl.end));
    }
    out
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trimmed = s.trim_end_matches(is_space);
    if trimmed.len() <= lead {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.start + trimmed.len())
}

/// A line break inside a paragraph joins two lines when the next line goes on in
/// lower case, or when the text is hard-wrapped (a long line stopping mid-phrase).
fn line_continues(text: &str, prev: Span, line: Span) -> bool {
    let next_first = line.slice(text).chars().next().unwrap_or(' ');
    let prev_text = prev.slice(text);
    let prev_last = prev_text.chars().next_back().unwrap_or(' ');
    if is_bullet_start(line.slice(text)) {
        return false;
    }
    if next_first.is_lowercase() {
        return !matches!(prev_last, '.' | '!' | '?' | ':');
    }
    prev_text.len() >= 60 && (prev_last.is_lowercase() || matches!(prev_last, ',' | ';'))
}

fn is_bullet_start(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '–' | '—' | '>') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// Splits the tokens of one block into sentences (slices of `raw`).
///
/// May split a sentence-final abbreviation's period off into its own token, as
/// EWT does ("etc." at the end of a sentence is "etc" + ".").
///
/// No sentence ends before byte `protect` (the end of the article's dateline).
fn sentences_in_block<'a>(
    text: &str,
    raw: &'a mut Vec<RawToken>,
    protect: usize,
    model: Option<&boundary::BoundaryModel>,
) -> Vec<&'a [RawToken]> {
    let n = raw.len();
    let mut ends = boundary::block_ends(text, raw, protect, model);
    if n > 0 {
        ends.push(n - 1);
    }
    // Split the period off sentence-final abbreviations ("etc." -> "etc" ".").
    let mut shifted = Vec::with_capacity(ends.len());
    let mut extra = 0;
    let mut fixed: Vec<RawToken> = Vec::with_capacity(n + 4);
    let mut prev = 0;
    for &e in &ends {
        fixed.extend_from_slice(&raw[prev..=e]);
        let before = fixed.len();
        let last_content = last_non_closer(text, &fixed, before);
        if let Some(idx) = last_content {
            if let Some((word, dot)) = split_abbrev_period(text, fixed[idx]) {
                fixed[idx] = word;
                fixed.insert(idx + 1, dot);
                extra += 1;
            }
        }
        shifted.push(e + extra);
        prev = e + 1;
    }
    *raw = fixed;
    let mut out = Vec::with_capacity(shifted.len());
    let mut start = 0;
    let raw: &'a [RawToken] = raw;
    for e in shifted {
        out.push(&raw[start..=e]);
        start = e + 1;
    }
    out
}

/// The index of the last token in `toks[..len]` that is not a closing quote or bracket.
fn last_non_closer(text: &str, toks: &[RawToken], len: usize) -> Option<usize> {
    (0..len)
        .rev()
        .find(|&j| !is_closer(toks[j].span.slice(text)))
}

fn split_final_period(text: &str, raw: &mut Vec<RawToken>) {
    let len = raw.len();
    if let Some(idx) = last_non_closer(text, raw, len) {
        if let Some((word, dot)) = split_abbrev_period(text, raw[idx]) {
            raw[idx] = word;
            raw.insert(idx + 1, dot);
        }
    }
}

/// "etc." -> "etc" + "." for an abbreviation ending a sentence, as in EWT
/// ("in the U.S." ends in "U.S" + ".").
fn split_abbrev_period(text: &str, t: RawToken) -> Option<(RawToken, RawToken)> {
    if t.kind != Kind::Abbrev {
        return None;
    }
    let s = t.span.slice(text);
    s.strip_suffix('.')?;
    let cut = t.span.end - 1;
    Some((
        RawToken {
            span: Span::new(t.span.start, cut),
            kind: Kind::Word,
        },
        RawToken {
            span: Span::new(cut, t.span.end),
            kind: Kind::Punct,
        },
    ))
}

/// Closing quotes and brackets right after token `i` (no space between) belong to
/// the same sentence; returns the index of the last of them (or `i`).
pub(crate) fn absorb_closers(text: &str, raw: &[RawToken], i: usize) -> usize {
    let mut k = i;
    if !is_terminal(text, raw[i]) {
        return i;
    }
    while k + 1 < raw.len()
        && raw[k + 1].span.start == raw[k].span.end
        && is_closer(raw[k + 1].span.slice(text))
    {
        k += 1;
    }
    k
}

/// Sentence-final punctuation: ".", "!", "?", "...", "?!", "…".
pub(crate) fn is_terminal(text: &str, t: RawToken) -> bool {
    match t.kind {
        Kind::Punct => {
            let s = t.span.slice(text);
            s.starts_with(['.', '!', '?', '…'])
                && s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
        }
        Kind::Abbrev => true,
        _ => false,
    }
}

pub(crate) fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "”" | "’" | "'" | ")" | "]" | "}" | "»" | "''" | "’’"
    )
}

fn is_quote_opener(s: &str) -> bool {
    matches!(s, "\"" | "“" | "‘" | "``" | "‘‘")
}

fn is_opener(s: &str) -> bool {
    matches!(
        s,
        "\"" | "“" | "‘" | "'" | "(" | "[" | "{" | "«" | "``" | "‘‘"
    )
}

/// The news rules: does a sentence end after token `k`, where token `i` is the
/// terminal punctuation or abbreviation and `i+1..=k` are closers absorbed into it?
pub(crate) fn rule_ends_sentence(text: &str, raw: &[RawToken], i: usize, k: usize) -> bool {
    let Some(next) = raw.get(k + 1) else {
        return true;
    };
    let t = raw[i];
    let next_text = next.span.slice(text);
    let next_first = next_text.chars().next().unwrap_or(' ');
    let next_starts_sentence = next_first.is_uppercase()
        || next_first.is_ascii_digit()
        || is_opener(next_text)
        || next.kind == Kind::Special && !next_first.is_lowercase();
    match t.kind {
        Kind::Abbrev => {
            let word = t.span.slice(text).trim_end_matches('.');
            if is_title(word) {
                return false;
            }
            let single = word.chars().count() == 1;
            if single && word.chars().all(char::is_uppercase) {
                // Initials: "J. R. R. Tolkien", "George W. Bush".
                return false;
            }
            if is_month(word) && next_first.is_ascii_digit() {
                return false;
            }
            if word == "No" && next_first.is_ascii_digit() {
                return false;
            }
            // "... of Apple Inc. The company", "in the U.S. He said".
            is_sentence_starter(next_text) || is_quote_opener(next_text)
        }
        _ => next_starts_sentence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    fn forms(text: &str) -> Vec<Vec<String>> {
        segment(text)
            .into_iter()
            .map(|s| s.tokens.into_iter().map(|t| t.form).collect())
            .collect()
    }

    #[test]
    fn titles_and_initials_do_not_split() {
        let t = "Mr. Smith and Dr. Jones met Gen. David Petraeus and Sen. Warren. \
                 Lt. Col. Ann Roe of the U.S. Army spoke to J. R. R. Tolkien fans and George W. Bush.";
        assert_eq!(
            sents(t),
            [
                "Mr. Smith and Dr. Jones met Gen. David Petraeus and Sen. Warren.",
                "Lt. Col. Ann Roe of the U.S. Army spoke to J. R. R. Tolkien fans and George W. Bush."
            ]
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence() {
        let t = "The deal was signed by Apple Inc. The company said more talks with the U.S. would follow.";
        assert_eq!(sents(t).len(), 2);
        let f = forms("Bring food, water, etc. Then wait.");
        assert_eq!(f[0], ["Bring", "food", ",", "water", ",", "etc", "."]);
    }

    #[test]
    fn numbers_dates_and_money_do_not_split() {
        let t = "On Sept. 11 the index fell 3.5 percent to $1.2 billion, No. 2 in Jan. 2020. It rose later.";
        assert_eq!(
            sents(t),
            [
                "On Sept. 11 the index fell 3.5 percent to $1.2 billion, No. 2 in Jan. 2020.",
                "It rose later."
            ]
        );
    }

    #[test]
    fn quotations_over_several_sentences() {
        let t =
            "“We will not give up. We will fight on,” the minister said. \"It is over.\" He left.";
        assert_eq!(
            sents(t),
            [
                "“We will not give up.",
                "We will fight on,” the minister said.",
                "\"It is over.\"",
                "He left."
            ]
        );
    }

    #[test]
    fn ellipses_and_question_marks() {
        let t = "He paused... Then he spoke. Why now? Nobody knows!";
        assert_eq!(
            sents(t),
            [
                "He paused...",
                "Then he spoke.",
                "Why now?",
                "Nobody knows!"
            ]
        );
        assert_eq!(sents("It went on... and on."), ["It went on... and on."]);
    }

    #[test]
    fn datelines_stay_with_the_first_sentence() {
        let t = "KYIV, Ukraine (AP) — Russian forces shelled the city on Monday. Officials said five died.";
        let s = sents(t);
        assert_eq!(s.len(), 2);
        assert!(s[0].starts_with("KYIV, Ukraine (AP) — Russian"));
        assert_eq!(
            dateline(t).map(|d| d.slice(t)),
            Some("KYIV, Ukraine (AP) —")
        );
        assert_eq!(
            dateline("WASHINGTON — The Senate voted.")
                .map(|d| d.slice("WASHINGTON — The Senate voted.")),
            Some("WASHINGTON —")
        );
        assert_eq!(dateline("The Senate voted — again."), None);
    }

    #[test]
    fn headlines_bylines_and_bullets_stand_alone() {
        let t = "Peace talks resume in Geneva\nBy Jane Doe\nAssociated Press\n\nGENEVA — Envoys met on Monday.\n\
                 - first point\n- second point\n";
        assert_eq!(
            sents(t),
            [
                "Peace talks resume in Geneva",
                "By Jane Doe",
                "Associated Press",
                "GENEVA — Envoys met on Monday.",
                "- first point",
                "- second point"
            ]
        );
    }

    #[test]
    fn wrapped_lines_join() {
        let t = "The ceasefire, agreed after weeks of talks in the Qatari capital,\nheld through the night.";
        assert_eq!(sents(t).len(), 1);
    }

    #[test]
    fn urls_and_emails_do_not_split() {
        let t = "Details are at www.un.org/news. Write to press@un.org. Thanks.";
        assert_eq!(
            sents(t),
            [
                "Details are at www.un.org/news.",
                "Write to press@un.org.",
                "Thanks."
            ]
        );
    }

    #[test]
    fn tokenize_matches_segment() {
        let t = "Talks, etc. \"We agree,\" he said.";
        for s in segment(t) {
            assert_eq!(tokenize(t, s.span), s.tokens);
        }
    }

    #[test]
    fn news_names_stay_whole() {
        // Capitalized words on both sides of a gap without punctuation: in news
        // these are names, which the boundary model must not cut.
        let t = "Prices rose again in March. USA Today noted the rise on Monday. \
                 Conservative MP Philip Hammond commented on the plan. Ecologist Ryan \
                 Norris of the University of Guelph said so.";
        assert_eq!(
            sents(t),
            [
                "Prices rose again in March.",
                "USA Today noted the rise on Monday.",
                "Conservative MP Philip Hammond commented on the plan.",
                "Ecologist Ryan Norris of the University of Guelph said so."
            ]
        );
    }

    #[test]
    fn news_quotes_abbreviations_and_bracketed_names_stay_whole() {
        // Gaps the boundary model may score high in web text but that news
        // keeps inside a sentence: after an abbreviation the rules do not end
        // a sentence with, at a colon before a quotation, after a quotation
        // ending in a comma, and between a bracketed name and the next name.
        let t = "The talks ended at 10 a.m. Geneva time on Friday. \
                 The court said: \"We cannot rule on this.\" \
                 \"The freeze was lifted by the administration,” Senator Jane Roe told reporters. \
                 Speakers included Labour MP (Member of Parliament) Tom Smith and others.";
        assert_eq!(
            sents(t),
            [
                "The talks ended at 10 a.m. Geneva time on Friday.",
                "The court said: \"We cannot rule on this.\"",
                "\"The freeze was lifted by the administration,” Senator Jane Roe told reporters.",
                "Speakers included Labour MP (Member of Parliament) Tom Smith and others."
            ]
        );
    }

    #[test]
    fn a_stray_capital_inside_a_comma_phrase_ends_no_sentence() {
        // News: after a comma and a few lower-case words the sentence is in
        // the middle of an inserted phrase; a capital there is a typo.
        let t = "Later on Friday, the Qatari prime minister Sheikh Ali bin Hamad, \
                 commonly Known by his initials, met the envoy in Doha. The talks lasted two hours.";
        assert_eq!(
            sents(t),
            [
                "Later on Friday, the Qatari prime minister Sheikh Ali bin Hamad, commonly Known by his initials, met the envoy in Doha.",
                "The talks lasted two hours."
            ]
        );
    }

    #[test]
    fn tokenize_sees_the_whole_run_of_a_glued_sentence() {
        // How "Ann@x.org" is cut depends on the start of its run `".Ann@x.org`.
        let t = "He left.\".Ann@x.org";
        let whole: Vec<String> = token_spans(t)
            .iter()
            .map(|s| s.slice(t).to_string())
            .collect();
        let inside = Span::new(t.find("Ann").unwrap(), t.len());
        let forms: Vec<String> = tokenize(t, inside).into_iter().map(|x| x.form).collect();
        let tail: Vec<String> = whole
            .iter()
            .skip_while(|f| !f.starts_with("Ann"))
            .cloned()
            .collect();
        assert_eq!(forms, tail);
        // A span cutting through a token is tokenized on its own.
        let cut = Span::new(t.find("nn@").unwrap(), t.len());
        assert_eq!(tokenize(t, cut)[0].form, "nn@x.org");
    }
}
