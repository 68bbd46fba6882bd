//! `dyad parse`: raw text to CoNLL-U with our own sentence splitter,
//! tokenizer, tagger, lemmatizer, dependency parser and NER.
//!
//! Input: text files (one document each), JSONL files (`*.jsonl`, one
//! document a line with a `"text"` field), or `--stdin` (one document a line:
//! a JSON object with `"text"`, or plain text). Output on standard output:
//! `# newdoc id`, `# sent_id`, `# text`, then one line per token; MISC holds
//! `SpaceAfter=No` where the text has no space after the token and
//! `NER=B-PER` style entity tags (tokens outside entities get none).

use anyhow::{bail, Context};
use dyad_nlp::pipeline::{self, Pipeline};
use dyad_nlp::AnalyzedSentence;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `dyad parse`.
#[derive(clap::Args)]
pub struct Args {
    /// Text files, or JSONL files (`.jsonl`) with a "text" field per line.
    files: Vec<PathBuf>,
    /// Read documents from standard input, one per line (JSON with "text", or plain text).
    #[arg(long)]
    stdin: bool,
    /// Folder with tagger.bin, parser.bin and ner.bin (default: $DYAD_MODELS or ./models).
    #[arg(long)]
    models: Option<PathBuf>,
    /// Parser decoding: `greedy` (default), `beam:K` or `branch:K:MARGIN`,
    /// optionally `,labels` or `,softmax:T` (see `dyad eval parser`).
    #[arg(long, default_value = "greedy")]
    decoder: String,
}

/// Loads the pipeline and insists on a parser (it is optional in `Pipeline`).
fn load_pipeline(dir: &Path) -> anyhow::Result<Pipeline> {
    let p =
        Pipeline::load(dir).with_context(|| format!("loading models from {}", dir.display()))?;
    if p.parser.is_none() {
        bail!(
            "no {} in {}: train it with `dyad train parser`",
            pipeline::PARSER_FILE,
            dir.display()
        );
    }
    if p.ner.is_none() {
        eprintln!(
            "dyad parse: no {} in {}: no entity tags",
            pipeline::NER_FILE,
            dir.display()
        );
    }
    Ok(p)
}

/// Appends `s` with tabs and line breaks turned into spaces.
fn push_clean(out: &mut String, s: &str) {
    if s.contains(['\t', '\n', '\r']) {
        out.extend(s.chars().map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        }));
    } else {
        out.push_str(s);
    }
}

/// Appends a CoNLL-U field: never empty (`_`), no tabs or line breaks.
fn push_field(out: &mut String, s: &str) {
    if s.is_empty() {
        out.push('_');
    } else {
        push_clean(out, s);
    }
}

/// Appends a decimal number (no formatting machinery: called for every token).
fn push_num(out: &mut String, mut x: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (x % 10) as u8;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

/// Appends the CoNLL-U of one document. Written with plain pushes rather
/// than `writeln!`: this runs for every token of `dyad parse`.
pub fn write_conllu(doc_id: &str, text: &str, sentences: &[AnalyzedSentence], out: &mut String) {
    out.push_str("# newdoc id = ");
    push_field(out, doc_id);
    out.push('\n');
    for (k, s) in sentences.iter().enumerate() {
        out.push_str("# sent_id = ");
        push_field(out, doc_id);
        out.push('-');
        push_num(out, k + 1);
        out.push_str("\n# text = ");
        let stext = text.get(s.span.start..s.span.end).unwrap_or("");
        for (j, w) in stext.split_whitespace().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
        out.push('\n');
        for (i, t) in s.tokens.iter().enumerate() {
            push_num(out, i + 1);
            for f in [&t.form, &t.lemma, &t.upos, &t.xpos] {
                out.push('\t');
                push_field(out, f);
            }
            out.push_str("\t_\t");
            push_num(out, t.head);
            out.push('\t');
            push_field(out, &t.deprel);
            out.push_str("\t_\t");
            let next = text.get(t.span.end..).and_then(|r| r.chars().next());
            let no_space = next.is_some_and(|c| !c.is_whitespace());
            let entity = !t.ner.is_empty() && t.ner != "O";
            if no_space {
                out.push_str("SpaceAfter=No");
            }
            if entity {
                if no_space {
                    out.push('|');
                }
                out.push_str("NER=");
                push_clean(out, &t.ner);
            }
            if !no_space && !entity {
                out.push('_');
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

/// One input line: a JSON object with "text" (and maybe "id"), or plain text.
fn doc_of_line(line: &str, fallback_id: String) -> Option<(String, String)> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.starts_with('{') {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(trimmed) {
            if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
                let id = match v.get("id") {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(serde_json::Value::Number(n)) => n.to_string(),
                    _ => fallback_id,
                };
                return Some((id, text.to_string()));
            }
        }
    }
    Some((fallback_id, line.to_string()))
}

/// `dyad parse`.
pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if a.files.is_empty() && !a.stdin {
        bail!("give text files, or --stdin");
    }
    let dir = match a.models.clone() {
        Some(d) => d,
        None => dyad_nlp::default_models_dir()
            .context("no models folder found (set $DYAD_MODELS or pass --models)")?,
    };
    let mut nlp = load_pipeline(&dir)?;
    if let Some(p) = nlp.parser.as_mut() {
        p.set_decoder(
            dyad_nlp::parser::search::Decoder::parse(&a.decoder).map_err(anyhow::Error::msg)?,
        );
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut buf = String::new();
    let mut emit = |id: &str, text: &str, w: &mut dyn Write| -> anyhow::Result<()> {
        buf.clear();
        let sentences = dyad_text::segment(text);
        write_conllu(id, text, &nlp.analyze(text, &sentences), &mut buf);
        w.write_all(buf.as_bytes())?;
        Ok(())
    };
    for path in &a.files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.extension().is_some_and(|e| e == "jsonl") {
            for (n, line) in text.lines().enumerate() {
                if let Some((id, t)) = doc_of_line(line, format!("{name}-{}", n + 1)) {
                    emit(&id, &t, &mut w)?;
                }
            }
        } else {
            emit(&name, &text, &mut w)?;
        }
    }
    if a.stdin {
        let stdin = std::io::stdin();
        for (n, line) in stdin.lock().lines().enumerate() {
            let line = line.with_context(|| format!("reading standard input, line {}", n + 1))?;
            if let Some((id, t)) = doc_of_line(&line, format!("stdin-{}", n + 1)) {
                emit(&id, &t, &mut w)?;
            }
        }
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_nlp::AnalyzedToken;

    #[test]
    fn conllu_lines_mark_spaces_and_entities() {
        let text = "Putin met Biden.";
        let mk =
            |s: usize, e: usize, form: &str, head: usize, rel: &str, ner: &str| AnalyzedToken {
                span: dyad_text::Span::new(s, e),
                form: form.into(),
                lemma: form.to_lowercase(),
                upos: "X".into(),
                xpos: "NN".into(),
                head,
                deprel: rel.into(),
                ner: ner.into(),
            };
        let s = AnalyzedSentence {
            span: dyad_text::Span::new(0, 16),
            tokens: vec![
                mk(0, 5, "Putin", 2, "nsubj", "B-PER"),
                mk(6, 9, "met", 0, "root", "O"),
                mk(10, 15, "Biden", 2, "obj", "B-PER"),
                mk(15, 16, ".", 2, "punct", "O"),
            ],
        };
        let mut out = String::new();
        write_conllu("d1", text, &[s], &mut out);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "# newdoc id = d1");
        assert_eq!(lines[1], "# sent_id = d1-1");
        assert_eq!(lines[2], "# text = Putin met Biden.");
        assert_eq!(
            lines[3],
            "1\tPutin\tputin\tX\tNN\t_\t2\tnsubj\t_\tNER=B-PER"
        );
        assert_eq!(
            lines[5],
            "3\tBiden\tbiden\tX\tNN\t_\t2\tobj\t_\tSpaceAfter=No|NER=B-PER"
        );
        assert_eq!(lines[6], "4\t.\t.\tX\tNN\t_\t2\tpunct\t_\t_");
    }

    #[test]
    fn fields_are_cleaned_and_numbers_written() {
        let mut out = String::new();
        push_field(&mut out, "");
        push_field(&mut out, "a\tb\nc");
        for x in [0, 7, 10, 12345, usize::MAX] {
            out.push(' ');
            push_num(&mut out, x);
        }
        assert_eq!(out, format!("_a b c 0 7 10 12345 {}", usize::MAX));
    }

    #[test]
    fn input_lines_are_json_or_text() {
        assert_eq!(
            doc_of_line(r#"{"id":"a","text":"Hi."}"#, "x".into()),
            Some(("a".into(), "Hi.".into()))
        );
        assert_eq!(
            doc_of_line("{not json", "x".into()),
            Some(("x".into(), "{not json".into()))
        );
        assert_eq!(doc_of_line("   ", "x".into()), None);
    }
}
