//! Standoff NER annotations: entity spans kept apart from the text they mark.
//!
//! dyad's own news annotations (`training/ner-news.tsv`) may not contain the
//! third-party text they annotate, so each sentence is stored as its id, its
//! token count, a hash of its token forms and its entity spans:
//!
//! ```text
//! # comment
//! wn2019-117-2<TAB>18<TAB>5d0c2f0d6b8e0c1a<TAB>9-10:PER 15-16:LOC 18:LOC
//! ```
//!
//! A sentence id is `DOCID-k`: the `k`-th sentence (1-based) that
//! [`dyad_text::segment`] finds in the text of document `DOCID`. Spans are
//! 1-based inclusive token ranges (`9-10`, or `18` for one token) with a type;
//! the last field is empty for a sentence without entities. [`to_iob2`]
//! re-segments the documents, checks every sentence's token count and hash
//! (a mismatch is reported with the sentence id and the sentence skipped, so a
//! changed segmenter or source text can never shift labels onto the wrong
//! words) and writes IOB2 with `# newdoc id` lines.

use std::collections::HashMap;
use std::fmt::Write as _;

/// One annotated sentence of a standoff file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandoffSentence {
    /// `DOCID-k`.
    pub id: String,
    /// Number of tokens.
    pub tokens: usize,
    /// [`token_hash`] of the token forms.
    pub hash: u64,
    /// Entities: first token, last token (0-based, inclusive), type.
    pub spans: Vec<(usize, usize, String)>,
}

impl StandoffSentence {
    /// The document id and the 1-based sentence number of `id` (`DOCID-k`).
    pub fn doc_and_index(&self) -> Option<(&str, usize)> {
        let (doc, k) = self.id.rsplit_once('-')?;
        let k: usize = k.parse().ok()?;
        (k > 0 && !doc.is_empty()).then_some((doc, k))
    }

    /// The standoff line of this sentence (without a newline).
    pub fn to_line(&self) -> String {
        let spans: Vec<String> = self
            .spans
            .iter()
            .map(|(s, e, t)| {
                if s == e {
                    format!("{}:{t}", s + 1)
                } else {
                    format!("{}-{}:{t}", s + 1, e + 1)
                }
            })
            .collect();
        format!(
            "{}\t{}\t{:016x}\t{}",
            self.id,
            self.tokens,
            self.hash,
            spans.join(" ")
        )
    }
}

/// FNV-1a (64 bits) of the token forms joined by single spaces, each space
/// inside a form written `_` (as in the annotators' one-line sentences).
/// Fixed and simple so that any tool can recompute it.
pub fn token_hash<S: AsRef<str>>(forms: &[S]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for (i, f) in forms.iter().enumerate() {
        if i > 0 {
            eat(b' ');
        }
        for &b in f.as_ref().as_bytes() {
            eat(if b == b' ' { b'_' } else { b });
        }
    }
    h
}

/// Reads a standoff file; errors name the line.
pub fn parse_standoff(text: &str) -> Result<Vec<StandoffSentence>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |m: String| format!("line {}: {m}", n + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            return Err(err(format!(
                "expected 4 tab-separated fields (id, tokens, hash, spans), found {}",
                cols.len()
            )));
        }
        let tokens: usize = cols[1]
            .parse()
            .map_err(|_| err(format!("bad token count {:?}", cols[1])))?;
        let hash =
            u64::from_str_radix(cols[2], 16).map_err(|_| err(format!("bad hash {:?}", cols[2])))?;
        let mut spans = Vec::new();
        for item in cols[3].split_whitespace() {
            let (range, ty) = item
                .split_once(':')
                .ok_or_else(|| err(format!("span {item:?} has no ':TYPE'")))?;
            let (a, b) = range.split_once('-').unwrap_or((range, range));
            let (a, b): (usize, usize) = match (a.parse(), b.parse()) {
                (Ok(a), Ok(b)) => (a, b),
                _ => return Err(err(format!("bad span {item:?}"))),
            };
            if a == 0 || b < a || b > tokens {
                return Err(err(format!(
                    "span {item:?} outside the sentence's {tokens} tokens"
                )));
            }
            if ty.is_empty() || !ty.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(err(format!("bad entity type in {item:?}")));
            }
            if spans.last().is_some_and(|&(_, e, _)| a - 1 <= e) {
                return Err(err(format!("span {item:?} overlaps or precedes the last")));
            }
            spans.push((a - 1, b - 1, ty.to_string()));
        }
        let s = StandoffSentence {
            id: cols[0].to_string(),
            tokens,
            hash,
            spans,
        };
        if s.doc_and_index().is_none() {
            return Err(err(format!("sentence id {:?} is not DOCID-k", s.id)));
        }
        out.push(s);
    }
    Ok(out)
}

/// What [`to_iob2`] produced.
#[derive(Debug, Default)]
pub struct Conversion {
    /// The IOB2 text (`# newdoc id`, `# sent_id`, then `index<TAB>form<TAB>tag`).
    pub iob2: String,
    /// Sentences written.
    pub sentences: usize,
    /// Entities written.
    pub entities: usize,
    /// Documents written.
    pub documents: usize,
    /// One message per skipped sentence (id and reason).
    pub skipped: Vec<String>,
}

/// Writes the sentences of `standoff` whose document is in `docs` (id -> text)
/// and for which `keep` holds on the document id as IOB2, re-segmenting each
/// document with [`dyad_text::segment`]. Sentences are written in standoff
/// order; a `# newdoc id` line starts each run of sentences of one document.
pub fn to_iob2(
    standoff: &[StandoffSentence],
    docs: &HashMap<String, String>,
    keep: impl Fn(&str) -> bool,
) -> Conversion {
    let mut out = Conversion::default();
    let mut segmented: HashMap<&str, Vec<Vec<String>>> = HashMap::new();
    let mut last_doc: Option<&str> = None;
    for s in standoff {
        let Some((doc, k)) = s.doc_and_index() else {
            out.skipped.push(format!("{}: id is not DOCID-k", s.id));
            continue;
        };
        if !keep(doc) {
            continue;
        }
        let Some(text) = docs.get(doc) else {
            out.skipped
                .push(format!("{}: no document {doc} in the input", s.id));
            continue;
        };
        let sents = segmented.entry(doc).or_insert_with(|| {
            dyad_text::segment(text)
                .into_iter()
                .map(|s| s.tokens.into_iter().map(|t| t.form).collect())
                .collect()
        });
        let Some(words) = sents.get(k - 1) else {
            out.skipped.push(format!(
                "{}: document {doc} has only {} sentences",
                s.id,
                sents.len()
            ));
            continue;
        };
        if words.len() != s.tokens {
            out.skipped.push(format!(
                "{}: {} tokens, the annotation has {}",
                s.id,
                words.len(),
                s.tokens
            ));
            continue;
        }
        let hash = token_hash(words);
        if hash != s.hash {
            out.skipped.push(format!(
                "{}: token hash {hash:016x}, the annotation has {:016x}",
                s.id, s.hash
            ));
            continue;
        }
        let mut tags = vec!["O".to_string(); words.len()];
        for (a, b, ty) in &s.spans {
            if *b >= words.len() {
                continue;
            }
            tags[*a] = format!("B-{ty}");
            for t in &mut tags[a + 1..=*b] {
                *t = format!("I-{ty}");
            }
        }
        if last_doc != Some(doc) {
            if out.sentences > 0 {
                out.iob2.push('\n');
            }
            let _ = writeln!(out.iob2, "# newdoc id = {doc}");
            out.documents += 1;
            last_doc = Some(doc);
        } else {
            out.iob2.push('\n');
        }
        let _ = writeln!(out.iob2, "# sent_id = {}", s.id);
        for (i, (w, t)) in words.iter().zip(&tags).enumerate() {
            // A tab or newline inside a token would break the columns;
            // `segment` never makes one, but be safe.
            let w = w.replace(['\t', '\n', '\r'], "_");
            let _ = writeln!(out.iob2, "{}\t{w}\t{t}", i + 1);
        }
        out.sentences += 1;
        out.entities += s.spans.len();
    }
    out
}

/// FNV-1a of a document id, for a split that does not depend on file order:
/// a document is held out (news dev) when `doc_bucket(id) < percent`.
pub fn doc_bucket(doc: &str) -> u64 {
    token_hash(&[doc]) % 100
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(id: &str, words: &[&str], spans: Vec<(usize, usize, &str)>) -> StandoffSentence {
        StandoffSentence {
            id: id.into(),
            tokens: words.len(),
            hash: token_hash(words),
            spans: spans
                .into_iter()
                .map(|(a, b, t)| (a, b, t.to_string()))
                .collect(),
        }
    }

    #[test]
    fn hash_is_fnv1a_of_the_joined_forms_with_spaces_as_underscores() {
        // FNV-1a 64 of the empty string and of "a".
        assert_eq!(token_hash::<&str>(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(token_hash(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(token_hash(&["a b", "c"]), token_hash(&["a_b", "c"]));
        assert_ne!(token_hash(&["ab", "c"]), token_hash(&["a", "bc"]));
    }

    #[test]
    fn lines_round_trip_and_bad_lines_name_their_number() {
        let s = sentence(
            "wn2019-001-2",
            &["Bob", "met", "Ann", "Lee"],
            vec![(0, 0, "PER"), (2, 3, "PER")],
        );
        let line = s.to_line();
        assert!(line.ends_with("\t1:PER 3-4:PER"), "{line}");
        let text = format!("# header\n\n{line}\nvoa-7-1\t2\t00ff\t\n");
        let parsed = parse_standoff(&text).unwrap();
        assert_eq!(parsed[0], s);
        assert_eq!(parsed[1].doc_and_index(), Some(("voa-7", 1)));
        assert!(parsed[1].spans.is_empty());
        let e = parse_standoff("a-1\t2\t00\t1-3:PER\n").unwrap_err();
        assert!(e.starts_with("line 1:") && e.contains("outside"), "{e}");
        let e = parse_standoff("x\n\na-1\t2\t00\t2:PER 1:LOC\n").unwrap_err();
        assert!(e.starts_with("line 1:"), "{e}");
        let e = parse_standoff("a-1\t2\t00\t2:PER 1:LOC\n").unwrap_err();
        assert!(e.contains("overlaps"), "{e}");
        assert!(parse_standoff("nodash\t1\t00\t\n").is_err());
    }

    #[test]
    fn converts_matching_sentences_to_iob2_with_newdoc_lines() {
        let text = "Ann Lee visited Paris. She left.";
        let words: Vec<String> = dyad_text::segment(text)[0]
            .tokens
            .iter()
            .map(|t| t.form.clone())
            .collect();
        let w: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        assert_eq!(w, ["Ann", "Lee", "visited", "Paris", "."]);
        let standoff = vec![
            sentence("d-1", &w, vec![(0, 1, "PER"), (3, 3, "LOC")]),
            sentence("d-2", &["She", "left", "."], vec![]),
            sentence("e-1", &["Hi", "."], vec![]),
        ];
        let docs = HashMap::from([
            ("d".to_string(), text.to_string()),
            ("e".to_string(), "Hi.".to_string()),
        ]);
        let c = to_iob2(&standoff, &docs, |_| true);
        assert!(c.skipped.is_empty(), "{:?}", c.skipped);
        assert_eq!((c.sentences, c.entities, c.documents), (3, 2, 2));
        assert_eq!(
            c.iob2,
            "# newdoc id = d\n# sent_id = d-1\n1\tAnn\tB-PER\n2\tLee\tI-PER\n3\tvisited\tO\n\
             4\tParis\tB-LOC\n5\t.\tO\n\n# sent_id = d-2\n1\tShe\tO\n2\tleft\tO\n3\t.\tO\n\n\
             # newdoc id = e\n# sent_id = e-1\n1\tHi\tO\n2\t.\tO\n"
        );
        // The IOB2 reader gives back the words and tags.
        let back = dyad_text::conllu::parse_iob2(&c.iob2).unwrap();
        assert_eq!(back.len(), 3);
        assert_eq!(back[0].tags, ["B-PER", "I-PER", "O", "B-LOC", "O"]);
        // Only the documents `keep` accepts.
        let c = to_iob2(&standoff, &docs, |d| d == "e");
        assert_eq!((c.sentences, c.documents), (1, 1));
    }

    #[test]
    fn a_changed_sentence_is_reported_and_skipped() {
        let docs = HashMap::from([(
            "d".to_string(),
            "Ann Lee visited Rome. She left.".to_string(),
        )]);
        let standoff = vec![
            // Annotated when the text said Paris: same count, other hash.
            sentence(
                "d-1",
                &["Ann", "Lee", "visited", "Paris", "."],
                vec![(3, 3, "LOC")],
            ),
            // Another token count.
            sentence("d-2", &["She", "left", "early", "."], vec![]),
            sentence("d-3", &["Gone", "."], vec![]),
            sentence("x-1", &["Gone", "."], vec![]),
        ];
        let c = to_iob2(&standoff, &docs, |_| true);
        assert_eq!(c.sentences, 0);
        assert!(c.iob2.is_empty());
        assert_eq!(c.skipped.len(), 4);
        assert!(
            c.skipped[0].starts_with("d-1: token hash"),
            "{}",
            c.skipped[0]
        );
        assert_eq!(c.skipped[1], "d-2: 3 tokens, the annotation has 4");
        assert_eq!(c.skipped[2], "d-3: document d has only 2 sentences");
        assert_eq!(c.skipped[3], "x-1: no document x in the input");
    }

    #[test]
    fn buckets_are_fixed() {
        assert_eq!(doc_bucket("wn2019-001"), doc_bucket("wn2019-001"));
        assert!(doc_bucket("voa-8011115") < 100);
    }
}
