//! Reading CoNLL-U (Universal Dependencies) and IOB2 (UNER) files.
//!
//! Only syntactic words are kept as [`Word`]s; multiword token lines (`3-4`) are kept
//! as [`MultiwordToken`] so that surface tokens can be rebuilt, and empty nodes
//! (`5.1`) are skipped.

use std::fmt;
use std::path::Path;

/// One word line of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// 1-based index in the sentence.
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root.
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// True unless MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multiword token such as `don't` = `do` + `n't` (ids `first..=last`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConlluSentence {
    pub sent_id: Option<String>,
    pub text: Option<String>,
    /// `# newdoc` came before this sentence.
    pub newdoc: bool,
    /// `# newpar` came before this sentence.
    pub newpar: bool,
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiword: Vec<MultiwordToken>,
}

impl ConlluSentence {
    /// Surface tokens (multiword tokens as one), each with its SpaceAfter flag.
    pub fn surface_tokens(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let id = self.words[i].id;
            if let Some(m) = self.multiword.iter().find(|m| m.first == id) {
                out.push((
                    m.form.clone(),
                    !m.misc.split('|').any(|x| x == "SpaceAfter=No"),
                ));
                i += m.last - m.first + 1;
            } else {
                out.push((self.words[i].form.clone(), self.words[i].space_after()));
                i += 1;
            }
        }
        out
    }
}

/// A format error with its line number (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FormatError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The sentences of a CoNLL-style text (CoNLL-U, IOB2): blank lines end a
/// sentence, `#` lines are its comments (`comment` gets them without the `#`,
/// trimmed), the other lines its rows (`row` gets them with their 1-based line
/// number). A sentence of comments only is kept.
fn parse_blocks<S: Default>(
    text: &str,
    mut comment: impl FnMut(&mut S, &str),
    mut row: impl FnMut(&mut S, &str, usize) -> Result<(), FormatError>,
) -> Result<Vec<S>, FormatError> {
    let mut out = Vec::new();
    let mut cur = S::default();
    let mut started = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if started {
                out.push(std::mem::take(&mut cur));
                started = false;
            }
            continue;
        }
        started = true;
        match line.strip_prefix('#') {
            Some(c) => comment(&mut cur, c.trim()),
            None => row(&mut cur, line, n + 1)?,
        }
    }
    if started {
        out.push(cur);
    }
    Ok(out)
}

/// Reads a `sent_id =` or `text =` comment into its field; false for any
/// other comment.
fn sent_id_or_text(c: &str, sent_id: &mut Option<String>, text: &mut Option<String>) -> bool {
    if let Some(v) = c.strip_prefix("sent_id =") {
        *sent_id = Some(v.trim().to_string());
    } else if let Some(v) = c.strip_prefix("text =") {
        *text = Some(v.trim().to_string());
    } else {
        return false;
    }
    true
}

/// Parses CoNLL-U text.
pub fn parse_conllu(text: &str) -> Result<Vec<ConlluSentence>, FormatError> {
    parse_blocks(
        text,
        |cur: &mut ConlluSentence, c| {
            if !sent_id_or_text(c, &mut cur.sent_id, &mut cur.text) {
                if c.starts_with("newdoc") {
                    cur.newdoc = true;
                } else if c.starts_with("newpar") {
                    cur.newpar = true;
                }
            }
            cur.comments.push(c.to_string());
        },
        conllu_row,
    )
}

/// One CoNLL-U row: a word, a multiword token, or an empty node (skipped).
fn conllu_row(cur: &mut ConlluSentence, line: &str, lineno: usize) -> Result<(), FormatError> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(FormatError {
            line: lineno,
            message: format!("expected 10 tab-separated columns, found {}", cols.len()),
        });
    }
    let id = cols[0];
    if id.contains('.') {
        return Ok(());
    }
    let bad = |what: &str| FormatError {
        line: lineno,
        message: format!("bad {what}: {id:?}"),
    };
    if let Some((a, b)) = id.split_once('-') {
        let first = a.parse().map_err(|_| bad("multiword id"))?;
        let last = b.parse().map_err(|_| bad("multiword id"))?;
        cur.multiword.push(MultiwordToken {
            first,
            last,
            form: cols[1].into(),
            misc: cols[9].into(),
        });
        return Ok(());
    }
    let id: usize = id.parse().map_err(|_| bad("word id"))?;
    let head = if cols[6] == "_" {
        0
    } else {
        cols[6].parse().map_err(|_| bad("head"))?
    };
    cur.words.push(Word {
        id,
        form: cols[1].into(),
        lemma: cols[2].into(),
        upos: cols[3].into(),
        xpos: cols[4].into(),
        feats: cols[5].into(),
        head,
        deprel: cols[7].into(),
        deps: cols[8].into(),
        misc: cols[9].into(),
    });
    Ok(())
}

/// Reads a CoNLL-U file; errors name the file and line.
pub fn read_conllu(path: &Path) -> Result<Vec<ConlluSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_conllu(&text).map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))
}

/// One sentence of an IOB2 file: tokens and their tags (`O`, `B-PER`, `I-LOC`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IobSentence {
    pub sent_id: Option<String>,
    pub text: Option<String>,
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// Parses IOB2 as in UNER: comment lines, then `index<TAB>token<TAB>tag[<TAB>...]`.
pub fn parse_iob2(text: &str) -> Result<Vec<IobSentence>, FormatError> {
    parse_blocks(
        text,
        |cur: &mut IobSentence, c| {
            sent_id_or_text(c, &mut cur.sent_id, &mut cur.text);
        },
        |cur, line, lineno| {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                return Err(FormatError {
                    line: lineno,
                    message: format!(
                        "expected index, token and tag, found {} columns",
                        cols.len()
                    ),
                });
            }
            let tag = cols[2];
            if !(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-")) {
                return Err(FormatError {
                    line: lineno,
                    message: format!("bad IOB2 tag {tag:?}"),
                });
            }
            cur.tokens.push(cols[1].to_string());
            cur.tags.push(tag.to_string());
            Ok(())
        },
    )
}

/// Reads an IOB2 file; errors name the file and line.
pub fn read_iob2(path: &Path) -> Result<Vec<IobSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_iob2(&text).map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_multiword_tokens_and_comments() {
        let s = parse_conllu(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].newdoc);
        assert_eq!(s[0].text.as_deref(), Some("I don't know."));
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(s[0].words[3].head, 0);
        let surface: Vec<String> = s[0].surface_tokens().into_iter().map(|t| t.0).collect();
        assert_eq!(surface, ["I", "don't", "know", "."]);
    }

    #[test]
    fn a_short_line_is_an_error_with_its_number() {
        let err = parse_conllu("# text = x\n1\tx\tx\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn reads_iob2() {
        let s = parse_iob2("# text = Kyiv\n1\tKyiv\tB-LOC\t-\t-\n\n").unwrap();
        assert_eq!(s[0].tags, ["B-LOC"]);
        assert!(parse_iob2("1\tKyiv\tLOC\n").is_err());
    }

    #[test]
    fn sentences_end_at_blank_lines_and_errors_name_their_line() {
        let s = parse_iob2(
            "# sent_id = a\r\n1\tKyiv\tB-LOC\r\n\r\n\n# sent_id = b\n# text = -\n\n1\tx\tO\n",
        )
        .unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].sent_id.as_deref(), Some("a"));
        assert_eq!(s[0].tokens, ["Kyiv"]);
        // A sentence of comments only is kept.
        assert!(s[1].tokens.is_empty());
        assert_eq!(s[1].text.as_deref(), Some("-"));
        assert_eq!(s[2].tokens, ["x"]);
        assert_eq!(
            parse_iob2("1\tKyiv\tB-LOC\n\n1\tx\tX\n").unwrap_err().line,
            3
        );
        let c = parse_conllu("# newpar\n# sent_id = p1\n").unwrap();
        assert!(c[0].newpar && !c[0].newdoc);
        assert_eq!(c[0].sent_id.as_deref(), Some("p1"));
        assert_eq!(c[0].comments, ["newpar", "sent_id = p1"]);
    }
}
