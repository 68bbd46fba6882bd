//! Tokens per second of `dyad_text::segment` on the `text` column of a CSV file
//! (the Wikinews CSVs) or on a plain text file, on one core:
//! `cargo run --release -p dyad-text --example throughput -- ../shared/data/text/wikinews_2019.csv [ROUNDS]`
use std::time::Instant;

/// The fields of each record of an RFC 4180 CSV text (quotes, doubled quotes,
/// newlines inside quotes).
fn csv_records(data: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = data.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: throughput FILE.csv|FILE.txt [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<String> = if path.ends_with(".csv") {
        let recs = csv_records(&data);
        let col = recs
            .first()
            .and_then(|h| h.iter().position(|f| f == "text"))
            .unwrap_or(0);
        recs.into_iter()
            .skip(1)
            .filter_map(|r| r.into_iter().nth(col))
            .collect()
    } else {
        vec![data]
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut tokens = 0usize;
    let mut sentences = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            let s = dyad_text::segment(t);
            sentences += s.len();
            tokens += s.iter().map(|s| s.tokens.len()).sum::<usize>();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} texts, {:.1} MB, {} rounds: {} sentences, {} tokens in {:.3} s = {:.0} tokens/s ({:.1} MB/s)",
        texts.len(),
        bytes as f64 / 1e6,
        rounds,
        sentences,
        tokens,
        secs,
        tokens as f64 / secs,
        (bytes * rounds) as f64 / 1e6 / secs
    );
}
