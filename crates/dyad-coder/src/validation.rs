//! PETRARCH-format validation records: the unit-test file of PETRARCH
//! (`PETR.UnitTest.records.xml`, Penn Treebank parses) and the GSR file of
//! UniversalPetrarch (`PETR2_GSR_validation.xml`, CoNLL-U parses).
//!
//! These files are not well-formed XML (free `#` comments, self-closing
//! `<Sentence .../>` followed by its content), so they are read with a tolerant
//! tag scanner rather than an XML parser.

use std::path::Path;

/// The dictionaries a validation file names in its `<Environment>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Environment {
    pub verb_files: Vec<String>,
    pub actor_files: Vec<String>,
    pub agent_files: Vec<String>,
    pub discard_files: Vec<String>,
    pub issue_files: Vec<String>,
    /// `<PICOfile>`: PETRARCH2's internal coding ontology. Its verb-interaction
    /// table is not distributed; a file naming it expects PETRARCH2's codings,
    /// which dyad derives from CAMEO's structure ([`crate::interaction`]).
    pub pico_files: Vec<String>,
}

/// The parse a record carries.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordParse {
    /// Penn Treebank bracketed tree.
    Ptb(String),
    /// CoNLL-U lines.
    Conllu(String),
}

/// One expected (source, target, event code) triple.
pub type Triple = (String, String, String);

/// One validation record.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationRecord {
    pub id: String,
    pub date: String,
    pub category: String,
    /// 1-based line of the `<Sentence` tag in the file.
    pub line: usize,
    pub text: String,
    pub parse: Option<RecordParse>,
    /// Expected events; empty with `noevents` or an expected error.
    pub expected: Vec<Triple>,
    /// The record expects an error (`dateline`, `storydiscard`, ...) instead of events.
    pub expected_error: Option<String>,
    /// `<Config option= value=>` settings in force for this record (file order, later wins).
    pub config: Vec<(String, String)>,
    /// The file expects PETRARCH2's verb interaction (it names a `<PICOfile>`).
    pub verb_interaction: bool,
}

impl ValidationRecord {
    /// The value of a config option in force for this record.
    pub fn config(&self, option: &str) -> Option<&str> {
        self.config
            .iter()
            .rev()
            .find(|(o, _)| o.eq_ignore_ascii_case(option))
            .map(|(_, v)| v.as_str())
    }
}

/// A whole validation file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidationFile {
    pub environment: Environment,
    pub records: Vec<ValidationRecord>,
}

/// Reads a validation file.
pub fn read_validation_file(path: &Path) -> Result<ValidationFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_validation(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn line_of(text: &str, pos: usize) -> usize {
    text[..pos].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Removes `<!-- ... -->` comments, keeping newlines so line numbers stay right.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        let end = after.find("-->").map(|e| e + 3).unwrap_or(after.len());
        for c in after[..end].chars() {
            if c == '\n' {
                out.push('\n');
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Attribute value of `name` in the inside of a tag (`name="v"`, `name = 'v'`).
fn attr(tag: &str, name: &str) -> Option<String> {
    let bytes = tag.as_bytes();
    let mut from = 0;
    while let Some(p) = tag[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        if !before_ok {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let q = rest.chars().next()?;
        if q != '"' && q != '\'' {
            let v: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            return Some(v);
        }
        let body = &rest[1..];
        let end = body.find(q)?;
        return Some(body[..end].to_string());
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn inner<'a>(body: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let s = body.find(&open)? + open.len();
    let e = body[s..].find(&close)? + s;
    Some(&body[s..e])
}

fn split_files(s: &str) -> Vec<String> {
    s.split(',')
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect()
}

/// Parses the text of a validation file.
pub fn parse_validation(raw: &str) -> Result<ValidationFile, String> {
    let text = strip_comments(raw);
    let mut file = ValidationFile::default();
    if let Some(env) = inner(&text, "Environment") {
        let e = &mut file.environment;
        for (tag, list) in [
            ("Verbfile", &mut e.verb_files),
            ("Actorfile", &mut e.actor_files),
            ("Agentfile", &mut e.agent_files),
            ("Discardfile", &mut e.discard_files),
            ("Issuefile", &mut e.issue_files),
            ("PICOfile", &mut e.pico_files),
        ] {
            if let Some(v) = inner(env, tag) {
                *list = split_files(v);
            }
        }
    }
    // Config settings, by position: each record sees those before it.
    let configs: Vec<(usize, String, String)> = text
        .match_indices("<Config")
        .filter_map(|(pos, _)| {
            let end = text[pos..].find('>')? + pos;
            let tag = &text[pos..end];
            Some((pos, attr(tag, "option")?, attr(tag, "value")?))
        })
        .collect();
    // Each record runs from one `<Sentence ` to the next (or `</Sentences>`).
    let starts: Vec<usize> = text.match_indices("<Sentence ").map(|(i, _)| i).collect();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts
            .get(k + 1)
            .copied()
            .or_else(|| text[start..].find("</Sentences>").map(|e| e + start))
            .unwrap_or(text.len());
        let chunk = &text[start..end];
        let line = line_of(&text, start);
        let tag_end = chunk
            .find('>')
            .ok_or_else(|| format!("line {line}: unclosed <Sentence tag"))?;
        let tag = &chunk[..tag_end];
        let id = attr(tag, "id").ok_or_else(|| format!("line {line}: <Sentence> without id"))?;
        let date = attr(tag, "date").unwrap_or_default();
        let category = attr(tag, "category").unwrap_or_default();
        let body = &chunk[tag_end + 1..];
        let text_field =
            inner(body, "Text").ok_or_else(|| format!("line {line}: record {id} has no <Text>"))?;
        let sentence = unescape(&text_field.split_whitespace().collect::<Vec<_>>().join(" "));
        let parse = inner(body, "Parse").and_then(|p| {
            let p = p.trim();
            if p.is_empty() {
                None
            } else if p.starts_with('(') {
                Some(RecordParse::Ptb(p.to_string()))
            } else {
                Some(RecordParse::Conllu(p.to_string()))
            }
        });
        let mut expected = Vec::new();
        let mut expected_error = None;
        for (pos, _) in body.match_indices("<EventCoding") {
            let close = body[pos..].find('>').map(|e| e + pos).unwrap_or(body.len());
            let etag = &body[pos + "<EventCoding".len()..close];
            if let Some(err) = attr(etag, "error") {
                expected_error = Some(err);
                continue;
            }
            if attr(etag, "noevents").is_some() {
                continue;
            }
            let get = |n: &str| attr(etag, n).map(|v| v.trim().to_string());
            match (get("sourcecode"), get("targetcode"), get("eventcode")) {
                (Some(s), Some(t), Some(c)) => expected.push((s, t, c)),
                _ => {
                    return Err(format!(
                        "line {}: record {id}: <EventCoding> without sourcecode, targetcode and eventcode",
                        line_of(&text, start + tag_end + 1 + pos)
                    ))
                }
            }
        }
        file.records.push(ValidationRecord {
            id,
            date,
            category,
            line,
            text: sentence,
            parse,
            expected,
            expected_error,
            config: configs
                .iter()
                .filter(|(pos, _, _)| *pos < start)
                .map(|(_, o, v)| (o.clone(), v.clone()))
                .collect(),
            verb_interaction: !file.environment.pico_files.is_empty(),
        });
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: &str = r#"<Validation>
<Environment>
    <Verbfile>PETR.Validate.verbs.txt</Verbfile>
    <Actorfile>PETR.Validate.actors.txt</Actorfile>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<!-- a comment with <EventCoding sourcecode="X" targetcode="Y" eventcode="1"> -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties with Gondor.
</Text>
<Parse>
(ROOT (S (NP (NNP Arnor)) (VP (VBZ is)) (. .)))
</Parse>
</Sentence>
<Sentence date = "20080801" id ="ERROR-01"  category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>CEBU CITY: -- text</Text>
</Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn reads_unit_test_records() {
        let f = parse_validation(UNIT).unwrap();
        assert_eq!(f.environment.verb_files, vec!["PETR.Validate.verbs.txt"]);
        assert_eq!(f.records.len(), 2);
        let r = &f.records[0];
        assert_eq!(r.id, "DEMO-00");
        assert_eq!(r.date, "19950101");
        assert_eq!(r.expected, vec![("ARN".into(), "GON".into(), "064".into())]);
        assert!(matches!(r.parse, Some(RecordParse::Ptb(_))));
        assert_eq!(
            r.text,
            "Arnor is about to restore full diplomatic ties with Gondor."
        );
        assert_eq!(f.records[1].expected_error.as_deref(), Some("dateline"));
        assert_eq!(f.records[1].date, "20080801");
    }

    #[test]
    fn reads_gsr_records() {
        let gsr = "<Environment>\n<Actorfile>A.txt,B.txt</Actorfile>\n</Environment>\n# free comment\n<Sentences>\n<Sentence category=\"AFP\" date=\"20080804\" id=\"X_4\" evaluate=\"true\"/>\n<EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" />\n<Text>\nThe US leader.\n</Text>\n<Parse>\n1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n</Parse>\n</Sentence>\n</Sentences>";
        let f = parse_validation(gsr).unwrap();
        assert_eq!(f.environment.actor_files, vec!["A.txt", "B.txt"]);
        assert_eq!(f.records[0].expected[0].2, "042");
        assert!(matches!(f.records[0].parse, Some(RecordParse::Conllu(_))));
    }

    #[test]
    fn missing_text_is_an_error_with_line() {
        let e = parse_validation("<Sentences>\n<Sentence id=\"A\">\n</Sentence>").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
    }
}
