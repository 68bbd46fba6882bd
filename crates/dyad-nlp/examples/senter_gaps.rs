//! Boundary-level precision and recall of the sentence splitter's parser alone
//! on the gold words of each paragraph (tags from the tagger), by break bias.
//!
//! ```text
//! cargo run --release -p dyad-nlp --example senter_gaps -- FILE.conllu models/tagger.bin senter.bin
//! ```
use dyad_nlp::senter::{forest_starts, tag, Senter};
use dyad_nlp::tagger::Tagger;
use dyad_text::conllu::read_conllu;
use std::collections::HashSet;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: senter_gaps FILE.conllu TAGGER SENTER".into());
    }
    let sents = read_conllu(Path::new(&args[0]))?;
    let tagger = Tagger::load(Path::new(&args[1]))?;
    let senter = Senter::load(Path::new(&args[2]))?;
    // paragraphs: words and gold starts
    let mut paras: Vec<(Vec<String>, HashSet<usize>)> = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        if i == 0 || s.newpar || s.newdoc {
            paras.push((Vec::new(), HashSet::new()));
        }
        let p = paras.last_mut().unwrap();
        if !p.0.is_empty() {
            p.1.insert(p.0.len());
        }
        p.0.extend(s.words.iter().map(|w| w.form.clone()));
    }
    let tagged: Vec<_> = paras
        .iter()
        .map(|(w, _)| {
            let v: Vec<&str> = w.iter().map(|x| x.as_str()).collect();
            tag(&tagger, &v)
        })
        .collect();
    for bias in [-20000, 0, 20000, 50000] {
        let (mut tp, mut fp, mut fneg) = (0, 0, 0);
        for ((_, gold), a) in paras.iter().zip(&tagged) {
            let mut a = a.clone();
            senter.parser().parse_forest(&mut a, bias);
            let pred: HashSet<usize> = forest_starts(&a.tokens).into_iter().collect();
            tp += pred.intersection(gold).count();
            fp += pred.difference(gold).count();
            fneg += gold.difference(&pred).count();
        }
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fneg).max(1) as f64;
        println!(
            "bias {bias}: boundaries tp {tp} fp {fp} fn {fneg}: P {p:.4} R {r:.4} F1 {:.4}",
            2.0 * p * r / (p + r).max(1e-9)
        );
    }
    Ok(())
}
