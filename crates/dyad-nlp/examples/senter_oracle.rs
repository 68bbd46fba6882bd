//! Upper bound of adding boundaries only at gaps a loosened boundary model
//! proposes: how many gold sentence starts such candidates hold, and how many
//! candidates there are (EWT dev; every threshold lowered by `d`).
use dyad_text::boundary::{embedded_model, Thresholds};
use dyad_text::conllu::read_conllu;
use std::collections::HashSet;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sents = read_conllu(Path::new(&args[0]))?;
    let m = embedded_model().ok_or("no model")?;
    let t = m.thresholds();
    let texts = dyad_text::eval::gold_texts(&sents);
    for d in [5.0f32, 10.0, 20.0, 30.0, 40.0] {
        let loose = m.clone().with_thresholds(Thresholds {
            add: t.add - d,
            add_names: t.add_names - d,
            add_punctuated: t.add_punctuated - d,
            add_names_punctuated: t.add_names_punctuated.min(t.add_names + 20.0) - d,
            ..t
        });
        let (mut cand, mut good, mut missed) = (0, 0, 0);
        for g in &texts {
            let gold: HashSet<usize> = g.sentences.iter().map(|s| s.start).collect();
            let base: HashSet<usize> = dyad_text::segment(&g.text)
                .iter()
                .map(|s| s.span.start)
                .collect();
            let l: HashSet<usize> = dyad_text::segment_with(&g.text, Some(&loose))
                .iter()
                .map(|s| s.span.start)
                .collect();
            for x in l.difference(&base) {
                cand += 1;
                good += gold.contains(x) as usize;
            }
            missed += gold.difference(&base).count();
        }
        println!(
            "d {d}: candidates {cand}, gold among them {good}, gold missed by segment {missed}"
        );
    }
    Ok(())
}
