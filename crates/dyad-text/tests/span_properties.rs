//! Property tests: every sentence and token span slices the original text exactly,
//! tokens are non-empty, in order, non-overlapping and inside their sentence, and
//! nothing panics, whatever the input.
use dyad_text::{segment, split_sentences, tokenize, Span};
use proptest::prelude::*;

fn check(text: &str) {
    let sents = segment(text);
    let mut last_end = 0;
    for s in &sents {
        assert!(s.span.start >= last_end, "sentences overlap or go back");
        assert!(s.span.start < s.span.end, "empty sentence");
        assert!(s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        assert!(!s.tokens.is_empty());
        let mut tok_end = s.span.start;
        for t in &s.tokens {
            assert!(t.span.start >= tok_end, "tokens overlap or go back");
            assert!(t.span.start < t.span.end, "empty token");
            assert!(t.span.end <= s.span.end, "token outside its sentence");
            assert_eq!(t.span.slice(text), t.form, "form is not the slice");
            assert!(!t.form.chars().any(|c| c.is_whitespace() || c == '\0'));
            tok_end = t.span.end;
        }
        assert_eq!(s.tokens[0].span.start, s.span.start);
        assert_eq!(s.tokens.last().map(|t| t.span.end), Some(s.span.end));
        last_end = s.span.end;
    }
    let spans: Vec<Span> = sents.iter().map(|s| s.span).collect();
    assert_eq!(split_sentences(text), spans);
    // Re-tokenizing a sentence span gives the sentence's tokens.
    for s in &sents {
        assert_eq!(tokenize(text, s.span), s.tokens);
    }
    // Any span, even one cutting through a character, is safe to tokenize.
    for (a, b) in [
        (0, text.len()),
        (1, text.len() / 2),
        (text.len() / 3, text.len() + 5),
    ] {
        for t in tokenize(text, Span::new(a.min(b), b)) {
            assert_eq!(t.span.slice(text), t.form);
        }
    }
}

/// Pieces that exercise the rules: abbreviations, quotes, clitics, numbers, URLs,
/// emoji, multibyte letters, NULs and control characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("etc.".to_string()),
        Just("don't".to_string()),
        Just("can’t".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("...".to_string()),
        Just("$1.2".to_string()),
        Just("3,000".to_string()),
        Just("e-mail".to_string()),
        Just("search-engine".to_string()),
        Just("http://x.org/a(b)".to_string()),
        Just("bob@x.org".to_string()),
        Just(":-)".to_string()),
        Just("👍🏽".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("\0".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" ".to_string()),
        Just(".".to_string()),
        Just("?!".to_string()),
        Just("Erdoğan".to_string()),
        Just("Київ".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{200B}".to_string()),
        Just("—".to_string()),
        "[a-zA-Z]{1,8}",
        "[0-9]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
        "\\PC{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn spans_slice_random_unicode(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn spans_slice_any_chars(text in proptest::collection::vec(any::<char>(), 0..120)) {
        let text: String = text.into_iter().collect();
        check(&text);
    }

    #[test]
    fn spans_slice_structured_text(pieces in proptest::collection::vec(piece(), 0..60)) {
        check(&pieces.concat());
        check(&pieces.join(" "));
    }
}

#[test]
fn very_long_word_and_long_line() {
    let long_word = "a".repeat(200_000);
    check(&long_word);
    let line = "The talks went on. ".repeat(20_000);
    let s = segment(&line);
    assert_eq!(s.len(), 20_000);
    check(&"€".repeat(50_000));
    check(&"'".repeat(10_000));
    check(&"-".repeat(10_000));
    check(&"a-".repeat(10_000));
}

#[test]
fn empty_and_blank_texts() {
    for t in ["", " ", "\n\n\n", "\0\0", "\u{FEFF}"] {
        assert!(segment(t).is_empty(), "{t:?}");
    }
}
