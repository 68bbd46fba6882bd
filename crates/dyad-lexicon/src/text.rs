//! Line handling shared by the readers: comments, line numbers, code brackets.

/// A content line with its 1-based number in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub number: usize,
    pub text: &'a str,
}

/// Content lines of a PETRARCH/TABARI dictionary: lines starting with `#` are
/// skipped, anything after a `#` is dropped, `<!-- ... -->` comments (also over
/// several lines) are removed, and blank lines are skipped.
pub(crate) fn petrarch_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw;
        if in_comment {
            match line.find("-->") {
                Some(p) => {
                    in_comment = false;
                    line = &line[p + 3..];
                }
                None => continue,
            }
        }
        if let Some(p) = line.find('#') {
            line = &line[..p];
        }
        // XML comments: PETRARCH removes one per line; a line may open one that
        // closes later. Anything after a comment that closes on the same line is
        // kept only when it is not blank (rare in practice).
        if let Some(p) = line.find("<!--") {
            match line[p..].find("-->") {
                Some(q) => {
                    let after = &line[p + q + 3..];
                    if line[..p].trim().is_empty() {
                        line = after;
                    } else {
                        line = &line[..p];
                    }
                }
                None => {
                    in_comment = true;
                    line = &line[..p];
                }
            }
        }
        let line = line.trim_end_matches(['\r', '\n']);
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
        let got: Vec<(usize, &str)> = petrarch_lines(t)
            .iter()
            .map(|l| (l.number, l.text))
            .collect();
        assert_eq!(got, [(2, "A [X] "), (7, "B"), (10, "C ")]);
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
