//! Sentence-boundary errors of `dyad_text::segment` on a CoNLL-U file, as
//! `dyad eval tokenize` sees them (predicted context): each missed gold boundary
//! (`FN`) and spurious predicted one (`FP`) with a category and context (`|` marks
//! the gap), then counts per category:
//! `cargo run --release -p dyad-text --example boundary_errors -- ../shared/data/ud/EWT/en_ewt-ud-dev.conllu`
//! (`--model MODEL.bin` before the file: another model than the embedded one).
use std::collections::{BTreeMap, HashSet};

fn category(text: &str, at: usize, token_ends: &HashSet<usize>) -> String {
    let before = text[..at].trim_end();
    let after = text[at..].trim_start();
    if !token_ends.contains(&before.len()) {
        return "inside-token".into();
    }
    let last = before.chars().next_back().unwrap_or(' ');
    let next = after.chars().next().unwrap_or(' ');
    let prev_kind = match last {
        '.' | '!' | '?' | '…' => "punct",
        ':' => "colon",
        ',' => "comma",
        '"' | '\'' | ')' | '”' | '’' | ']' => "closer",
        '-' | '—' | '–' => "dash",
        c if c.is_alphanumeric() => "word",
        _ => "symbol",
    };
    let next_kind = if next.is_uppercase() {
        "Upper"
    } else if next.is_lowercase() {
        "lower"
    } else if next.is_numeric() {
        "digit"
    } else {
        "sym"
    };
    format!("{prev_kind}|{next_kind}")
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--model MODEL.bin`: another sentence-boundary model than the embedded one.
    let mut model = None;
    if args.first().map(String::as_str) == Some("--model") && args.len() > 1 {
        let m = std::fs::read(&args[1])
            .ok()
            .and_then(|b| dyad_text::boundary::BoundaryModel::from_bytes(&b));
        if m.is_none() {
            eprintln!("{}: not a readable sentence-boundary model", args[1]);
            std::process::exit(1);
        }
        model = m;
        args.drain(..2);
    }
    let Some(path) = args.first().cloned() else {
        eprintln!("usage: boundary_errors [--model MODEL.bin] FILE.conllu");
        std::process::exit(2);
    };
    let sents = match dyad_text::conllu::read_conllu(std::path::Path::new(&path)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for g in dyad_text::eval::gold_texts(&sents) {
        let t = &g.text;
        let pred = match &model {
            Some(m) => dyad_text::segment_with(t, Some(m)),
            None => dyad_text::segment(t),
        };
        let token_ends: HashSet<usize> = pred
            .iter()
            .flat_map(|s| s.tokens.iter().map(|x| x.span.end))
            .collect();
        // A boundary is the end of a sentence that is not the last of the text.
        let gold: HashSet<usize> = g
            .sentences
            .iter()
            .map(|s| s.end)
            .filter(|&e| e < t.trim_end().len())
            .collect();
        let predicted: HashSet<usize> = pred
            .iter()
            .map(|s| s.span.end)
            .filter(|&e| e < t.trim_end().len())
            .collect();
        let mut errs: Vec<(usize, &str)> = gold
            .difference(&predicted)
            .map(|&e| (e, "FN"))
            .chain(predicted.difference(&gold).map(|&e| (e, "FP")))
            .collect();
        errs.sort_unstable();
        // Gold sentences whose ends are both predicted boundaries (or text ends),
        // with no predicted boundary inside, that are still not predicted
        // exactly: their text is not covered by tokens as gold has it.
        let pred_spans: HashSet<(usize, usize)> =
            pred.iter().map(|s| (s.span.start, s.span.end)).collect();
        for (j, s) in g.sentences.iter().enumerate() {
            let start_ok = j == 0 || predicted.contains(&g.sentences[j - 1].end);
            let end_ok = s.end >= t.trim_end().len() || predicted.contains(&s.end);
            let inside = predicted.iter().any(|&e| e > s.start && e < s.end);
            if start_ok && end_ok && !inside && !pred_spans.contains(&(s.start, s.end)) {
                println!("{:24} {:?}", "MISMATCH span", s.slice(t));
                *counts.entry("MISMATCH span".into()).or_default() += 1;
            }
        }
        for (at, what) in errs {
            let c = format!("{what} {}", category(t, at, &token_ends));
            let mut a = at.saturating_sub(60);
            while !t.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (at + 40).min(t.len());
            while !t.is_char_boundary(b) {
                b += 1;
            }
            println!("{c:24} {}|{}", &t[a..at], &t[at..b]);
            *counts.entry(c).or_default() += 1;
        }
    }
    for (c, n) in counts {
        println!("{n:5} {c}");
    }
}
