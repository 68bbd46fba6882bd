//! Line handling shared by the readers: comments, line numbers, code brackets.

use std::borrow::Cow;

/// A content line with its 1-based number in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub number: usize,
    pub text: &'a str,
}

/// A content line of a PETRARCH/TABARI dictionary with its 1-based number in the
/// file; borrowed from the file unless an XML comment had to be cut out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetrarchLine<'a> {
    pub number: usize,
    pub text: Cow<'a, str>,
}

/// Where a `#` comment starts: the first `#` outside `[...]`, since `[###]` is a
/// code (PETRARCH's composite and placeholder codes), not a comment.
pub fn comment_start(line: &str) -> Option<usize> {
    // Most lines have no `#`, and most `#`s have no bracket before them.
    let first = line.find('#')?;
    if !line[..first].contains(['[', ']']) {
        return Some(first);
    }
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Content lines of a PETRARCH/TABARI dictionary, the one line reader of every
/// PETRARCH-format file (actors, agents, verbs, discards, issues): `<!-- ... -->`
/// comments (also several on a line, or over several lines) are removed with the
/// text on either side kept, then a `#` comment (outside `[...]`) is cut; blank
/// lines are skipped.
pub fn petrarch_lines(text: &str) -> impl Iterator<Item = PetrarchLine<'_>> {
    // An iterator, not a list: actor files run to 54,000 lines.
    let mut in_comment = false;
    text.lines().enumerate().filter_map(move |(i, raw)| {
        let mut line: Cow<'_, str> = if !in_comment && !raw.contains("<!--") {
            Cow::Borrowed(raw)
        } else {
            let mut kept = String::new();
            let mut rest = raw;
            loop {
                if in_comment {
                    match rest.find("-->") {
                        Some(p) => {
                            in_comment = false;
                            rest = &rest[p + 3..];
                        }
                        None => break,
                    }
                } else {
                    match rest.find("<!--") {
                        Some(p) => {
                            kept.push_str(&rest[..p]);
                            in_comment = true;
                            rest = &rest[p + 4..];
                        }
                        None => {
                            kept.push_str(rest);
                            break;
                        }
                    }
                }
            }
            Cow::Owned(kept)
        };
        if let Some(cut) = comment_start(&line) {
            match &mut line {
                Cow::Borrowed(s) => *s = &s[..cut],
                Cow::Owned(s) => s.truncate(cut),
            }
        }
        (!line.trim().is_empty()).then_some(PetrarchLine {
            number: i + 1,
            text: line,
        })
    })
}

/// Splits `text [CODE]` into the text before the bracket and the code inside
/// it. A bracket closed by a typo (`[~ENV}`) or not at all reads up to the line
/// end (without the typo), as PETRARCH reads it.
pub fn split_bracket(line: &str) -> (&str, Option<&str>) {
    match (line.find('['), line.find(']')) {
        (Some(a), Some(b)) if b > a => (&line[..a], Some(&line[a + 1..b])),
        (Some(a), _) => (
            &line[..a],
            Some(line[a + 1..].trim().trim_end_matches(['}', ')'])),
        ),
        _ => (line, None),
    }
}

/// Content lines of dyad's own format: `#` starts a comment at the start of a
/// line or after white space; blank lines are skipped. Trailing white space is
/// trimmed; TABs inside the line are kept (they separate fields).
pub fn dyad_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw.trim_end_matches('\r');
        let mut cut = None;
        let bytes = line.as_bytes();
        for (p, &b) in bytes.iter().enumerate() {
            if b == b'#' && (p == 0 || bytes[p - 1] == b' ' || bytes[p - 1] == b'\t') {
                cut = Some(p);
                break;
            }
        }
        if let Some(p) = cut {
            line = &line[..p];
        }
        // Trailing spaces go; trailing TABs stay, so `CODE<TAB>` still shows its
        // (empty) second field and the error can say what is missing.
        let line = line.trim_end_matches([' ', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        out.push(Line {
            number: i + 1,
            text: line,
        });
    }
    out
}

/// A code: capital ASCII letters and digits (CAMEO actor and agent codes), at
/// least one character.
pub(crate) fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn petrarch_comments_are_removed_and_lines_numbered() {
        let t = "# c\nA [X] # note\n<!-- one -->\n<!-- start\nmiddle\nend -->\nB\n\n  \nC <!-- x --> \n";
        let lines: Vec<PetrarchLine> = petrarch_lines(t).collect();
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.number, l.text.as_ref())).collect();
        assert_eq!(got, [(2, "A [X] "), (7, "B"), (10, "C  ")]);
        // `#` inside a code bracket is part of the code; text around a comment stays.
        let got: Vec<String> = petrarch_lines("- * X [###] # c\nA <!-- b --> C <!-- d\ne --> F\n")
            .map(|l| l.text.into_owned())
            .collect();
        assert_eq!(got, ["- * X [###] ", "A  C ", " F"]);
    }

    #[test]
    fn dyad_comments_need_a_space_before_the_hash() {
        let t = "# c\nUKR\tUkraine # note\nX\tC#sharp\n";
        let got: Vec<(usize, &str)> = dyad_lines(t).iter().map(|l| (l.number, l.text)).collect();
        assert_eq!(got, [(2, "UKR\tUkraine"), (3, "X\tC#sharp")]);
    }

    #[test]
    fn codes() {
        assert!(is_code("UKRGOV") && is_code("IGO") && !is_code("ukr") && !is_code(""));
    }
}
