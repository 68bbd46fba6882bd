//! Experiment: a second-stage classifier over the gaps that a loosened
//! boundary model proposes beyond `segment`'s boundaries, with features from
//! the tagger and the parsers (tags around the gap, verbs on each side, the
//! forest parser's break, the relations of the arcs crossing the gap), trained
//! on EWT train with boundary models jackknifed over two halves, tuned and
//! scored on the file given as DEV.
//!
//! ```text
//! cargo run --release -p dyad-nlp --example senter_gate -- TRAIN DEV models/tagger.bin models/parser.bin SENTER.bin
//! ```
use dyad_nlp::parser::Parser;
use dyad_nlp::senter::{crossing, forest_starts, tag};
use dyad_nlp::tagger::Tagger;
use dyad_text::boundary::{BoundaryModel, Thresholds};
use dyad_text::conllu::read_conllu;
use dyad_text::eval::GoldText;
use dyad_text::{Sentence, Span};
use std::collections::HashSet;
use std::path::Path;

const LEVELS: [f32; 4] = [5.0, 10.0, 20.0, 30.0];
const BITS: u32 = 18;

fn loosened(m: &BoundaryModel, d: f32) -> BoundaryModel {
    let t = m.thresholds();
    m.clone().with_thresholds(Thresholds {
        add: t.add - d,
        add_names: t.add_names - d,
        add_punctuated: t.add_punctuated - d,
        add_names_punctuated: t.add_names_punctuated.min(t.add_names + 20.0) - d,
        ..t
    })
}

struct Models<'a> {
    tagger: &'a Tagger,
    parser: &'a Parser,
    senter: &'a Parser,
}

/// A candidate gap: (sentence index in base, token index, level, features).
struct Cand {
    sent: usize,
    tok: usize,
    at: usize,
    level: usize,
    feats: Vec<u64>,
}

fn h(parts: &[&str]) -> u64 {
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes() {
            x ^= b as u64;
            x = x.wrapping_mul(0x100_0000_01b3);
        }
        x ^= 0xff;
        x = x.wrapping_mul(0x100_0000_01b3);
    }
    x
}

fn shape(w: &str) -> &'static str {
    let mut c = w.chars();
    match c.next() {
        None => "e",
        Some(f) if f.is_ascii_digit() => "d",
        Some(f) if f.is_uppercase() => {
            if w.chars().all(|c| !c.is_lowercase()) && w.chars().count() > 1 {
                "A"
            } else {
                "Aa"
            }
        }
        Some(f) if f.is_lowercase() => "a",
        Some(_) => "p",
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        _ => "17+",
    }
}

fn candidates(text: &str, base: &[Sentence], m: &BoundaryModel, md: &Models) -> Vec<Cand> {
    let starts: Vec<HashSet<usize>> = LEVELS
        .iter()
        .map(|&d| {
            dyad_text::segment_with(text, Some(&loosened(m, d)))
                .iter()
                .map(|s| s.span.start)
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (si, s) in base.iter().enumerate() {
        let cands: Vec<(usize, usize)> = (1..s.tokens.len())
            .filter_map(|i| {
                let at = s.tokens[i].span.start;
                LEVELS
                    .iter()
                    .enumerate()
                    .find(|(l, _)| starts[*l].contains(&at))
                    .map(|(l, _)| (i, l))
            })
            .collect();
        if cands.is_empty() {
            continue;
        }
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let mut a = tag(md.tagger, &words);
        let tags: Vec<String> = a.tokens.iter().map(|t| t.xpos.clone()).collect();
        md.parser.parse(&mut a);
        let mut f = a.clone();
        md.senter.parse_forest(&mut f, 0);
        let breaks: HashSet<usize> = forest_starts(&f.tokens).into_iter().collect();
        let last = words.last().copied().unwrap_or("");
        let final_p = matches!(last, "." | "!" | "?");
        let n = words.len();
        for &(i, level) in &cands {
            let mut feats = Vec::new();
            let lv = level.to_string();
            let p = |k: isize| -> &str {
                let j = i as isize + k;
                if j < 0 || j as usize >= n {
                    "<>"
                } else {
                    tags[j as usize].as_str()
                }
            };
            let w = |k: isize| -> String {
                let j = i as isize + k;
                if j < 0 || j as usize >= n {
                    "<>".into()
                } else {
                    words[j as usize].to_lowercase()
                }
            };
            let sh = |k: isize| -> &str {
                let j = i as isize + k;
                if j < 0 || j as usize >= n {
                    "<>"
                } else {
                    shape(words[j as usize])
                }
            };
            let verbs = |r: std::ops::Range<usize>| {
                tags[r]
                    .iter()
                    .filter(|t| t.starts_with("VB") || *t == "MD")
                    .count()
                    .min(2)
                    .to_string()
            };
            let lv_l = verbs(0..i);
            let lv_r = verbs(i..n);
            let mut rels = crossing(&a.tokens, i);
            rels.sort_unstable();
            rels.dedup();
            let rels_s = rels.join(",");
            let brk = if breaks.contains(&i) { "B" } else { "-" };
            let fp = if final_p { "F" } else { "-" };
            let (lb, rb) = (bucket(i), bucket(n - i));
            let (wm1, w0) = (w(-1), w(0));
            let fs: Vec<Vec<&str>> = vec![
                vec!["bias"],
                vec!["lv", &lv],
                vec!["brk", brk],
                vec!["brk-lv", brk, &lv],
                vec!["fp", fp],
                vec!["fp-lv", fp, &lv],
                vec!["p-1", p(-1)],
                vec!["p0", p(0)],
                vec!["p-1p0", p(-1), p(0)],
                vec!["p0p1", p(0), p(1)],
                vec!["p-1p0p1", p(-1), p(0), p(1)],
                vec!["sh", sh(-1), sh(0)],
                vec!["sh-p", sh(-1), sh(0), p(0)],
                vec!["w-1", &wm1],
                vec!["w0", &w0],
                vec!["w-1w0", &wm1, &w0],
                vec!["verbs", &lv_l, &lv_r],
                vec!["verbs-p0", &lv_l, &lv_r, p(0)],
                vec!["rels", &rels_s],
                vec!["rels-brk", &rels_s, brk],
                vec!["len", lb, rb],
                vec!["len-lv", lb, rb, &lv],
                vec!["p0p1-verbs", p(0), p(1), &lv_l],
            ];
            let ablate = std::env::var("ABLATE").unwrap_or_default();
            let mut fs = fs;
            if ablate.contains("parse") {
                fs.retain(|x| !x[0].starts_with("rels") && !x[0].starts_with("brk"));
                rels.clear();
            }
            if ablate.contains("brk") {
                fs.retain(|x| !x[0].starts_with("brk") && x[0] != "rels-brk");
            }
            if ablate.contains("rels") {
                fs.retain(|x| !x[0].starts_with("rels"));
                rels.clear();
            }
            if ablate.contains("tags") {
                fs.retain(|x| {
                    !x[0].starts_with('p') && !x[0].starts_with("verbs") && x[0] != "sh-p"
                });
            }
            for r in &rels {
                feats.push(h(&["rel", r]));
                feats.push(h(&["rel-p0", r, p(0)]));
            }
            for x in fs {
                feats.push(h(&x));
            }
            out.push(Cand {
                sent: si,
                tok: i,
                at: s.tokens[i].span.start,
                level,
                feats,
            });
        }
    }
    out
}

fn split(base: Vec<Sentence>, accepted: &HashSet<(usize, usize)>) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (si, s) in base.into_iter().enumerate() {
        let mut cur: Vec<dyad_text::Token> = Vec::new();
        for (i, t) in s.tokens.into_iter().enumerate() {
            if i > 0 && accepted.contains(&(si, i)) && !cur.is_empty() {
                let sp = Span::new(cur[0].span.start, cur[cur.len() - 1].span.end);
                out.push(Sentence {
                    span: sp,
                    tokens: std::mem::take(&mut cur),
                });
            }
            cur.push(t);
        }
        if !cur.is_empty() {
            let sp = Span::new(cur[0].span.start, cur[cur.len() - 1].span.end);
            out.push(Sentence {
                span: sp,
                tokens: cur,
            });
        }
    }
    out
}

fn score(w: &[f32], f: &[u64]) -> f32 {
    f.iter().map(|&x| w[(x >> (64 - BITS)) as usize]).sum()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let train_s = read_conllu(Path::new(&args[0]))?;
    let dev_s = read_conllu(Path::new(&args[1]))?;
    let tagger = Tagger::load(Path::new(&args[2]))?;
    let parser = Parser::load(Path::new(&args[3]))?;
    let senter = Parser::load(Path::new(&args[4]))?;
    let md = Models {
        tagger: &tagger,
        parser: &parser,
        senter: &senter,
    };
    // Forest parsers trained on one half of the training paragraphs each
    // (jackknifed break features), when given.
    let halves_p: Vec<Parser> = args[5..]
        .iter()
        .map(|p| Parser::load(Path::new(p)))
        .collect::<Result<_, _>>()?;
    let shipped = dyad_text::boundary::embedded_model().ok_or("no boundary model")?;
    let texts = dyad_text::eval::gold_texts(&train_s);
    let halves: [Vec<GoldText>; 2] = [
        texts.iter().step_by(2).cloned().collect(),
        texts.iter().skip(1).step_by(2).cloned().collect(),
    ];
    let mut ex: Vec<(Vec<u64>, bool)> = Vec::new();
    for k in 0..2 {
        let m =
            dyad_text::boundary::train(&halves[1 - k], 10).with_thresholds(shipped.thresholds());
        for g in &halves[k] {
            let gold: HashSet<usize> = g.sentences.iter().map(|s| s.start).collect();
            let base = dyad_text::segment_with(&g.text, Some(&m));
            let mdk = Models {
                tagger: &tagger,
                parser: &parser,
                senter: halves_p.get(1 - k).unwrap_or(&senter),
            };
            for c in candidates(&g.text, &base, &m, &mdk) {
                ex.push((c.feats, gold.contains(&c.at)));
            }
        }
        eprintln!("half {k}: {} candidates so far", ex.len());
    }
    let pos = ex.iter().filter(|e| e.1).count();
    eprintln!("{} training candidates, {pos} gold starts", ex.len());
    // Averaged perceptron.
    let size = 1usize << BITS;
    let (mut w, mut acc) = (vec![0f32; size], vec![0f32; size]);
    let mut order: Vec<usize> = (0..ex.len()).collect();
    let mut seed = 12345u64;
    let mut c = 1f32;
    let epochs: usize = std::env::var("EPOCHS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    for _ in 0..epochs {
        dyad_text::boundary::shuffle(&mut order, &mut seed);
        for &i in &order {
            let (f, y) = &ex[i];
            let s = score(&w, f);
            let yv = if *y { 1.0 } else { -1.0 };
            if s * yv <= 0.0 {
                for &x in f {
                    let j = (x >> (64 - BITS)) as usize;
                    w[j] += yv;
                    acc[j] += c * yv;
                }
            }
            c += 1.0;
        }
    }
    let avg: Vec<f32> = w.iter().zip(&acc).map(|(a, b)| a - b / c).collect();
    // Dev.
    let dev_texts = dyad_text::eval::gold_texts(&dev_s);
    let dev_c: Vec<(Vec<Sentence>, Vec<Cand>)> = dev_texts
        .iter()
        .map(|g| {
            let base = dyad_text::segment(&g.text);
            let c = candidates(&g.text, &base, shipped, &md);
            (base, c)
        })
        .collect();
    let base = dyad_text::eval::evaluate(&dev_s, 0);
    println!("segment alone: {:.4}", base.sentences.f1());
    let ths: Vec<f32> = match std::env::var("THS") {
        Ok(v) => v.split(',').filter_map(|x| x.parse().ok()).collect(),
        Err(_) => vec![-20.0, -10.0, -5.0, 0.0, 5.0],
    };
    for &th in &ths {
        for maxlv in [2usize, 3, 4] {
            let mut k = 0;
            let (mut right, mut wrong) = (0, 0);
            let ev = dyad_text::eval::evaluate_by(&dev_s, 0, &mut |_text| {
                let (b, cs) = &dev_c[k];
                let g = &dev_texts[k];
                k += 1;
                let gold: HashSet<usize> = g.sentences.iter().map(|s| s.start).collect();
                let acc: HashSet<(usize, usize)> = cs
                    .iter()
                    .filter(|c| c.level < maxlv && score(&avg, &c.feats) > th)
                    .map(|c| {
                        if gold.contains(&c.at) {
                            right += 1
                        } else {
                            wrong += 1
                        }
                        (c.sent, c.tok)
                    })
                    .collect();
                split(b.clone(), &acc)
            });
            println!(
                "threshold {th} levels<{maxlv}: sentence_f1 {:.4} (added right {right} wrong {wrong})",
                ev.sentences.f1()
            );
        }
    }
    Ok(())
}
