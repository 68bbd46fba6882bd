use super::*;
use dyad_text::conllu::parse_conllu;

/// A tiny treebank: simple transitive clauses, prepositional phrases, a passive.
const TINY: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tdog\tdog\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
3\tUkraine\tUkraine\tPROPN\tNNP\t_\t2\tobj\t_\t_
4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_
5\tMarch\tMarch\tPROPN\tNNP\t_\t2\tobl\t_\t_
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\tkilled\tkill\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
6\trebels\trebel\tNOUN\tNNS\t_\t4\tobl:agent\t_\t_
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tchased\tchase\tVERB\tVBD\t_\t0\troot\t_\t_
4\ta\ta\tDET\tDT\t_\t5\tdet\t_\t_
5\tcat\tcat\tNOUN\tNN\t_\t3\tobj\t_\t_
6\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_
7\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\t_
8\tpark\tpark\tNOUN\tNN\t_\t3\tobl\t_\t_
9\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tLeaders\tleader\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\tin\tin\tADP\tIN\t_\t4\tcase\t_\t_
4\tGeneva\tGeneva\tPROPN\tNNP\t_\t2\tobl\t_\t_
5\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_
6\tsigned\tsign\tVERB\tVBD\t_\t2\tconj\t_\t_
7\ta\ta\tDET\tDT\t_\t8\tdet\t_\t_
8\tdeal\tdeal\tNOUN\tNN\t_\t6\tobj\t_\t_
9\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn tiny() -> Vec<AnalyzedSentence> {
    parse_conllu(TINY)
        .unwrap()
        .iter()
        .map(sentence_from_conllu)
        .collect()
}

fn tiny_config() -> TrainConfig {
    TrainConfig {
        epochs: 12,
        seed: 3,
        move_bits: 16,
        label_bits: 14,
        ..TrainConfig::default()
    }
}

fn tiny_parser() -> Parser {
    train(&tiny(), &[], None, &tiny_config(), &mut |_| {})
        .unwrap()
        .0
}

/// Word classes over the tiny treebank's words (determiners, nouns, verbs...).
fn tiny_clusters() -> Clusters {
    let text: Vec<Vec<String>> = tiny()
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.form.clone()).collect())
        .collect();
    Clusters::train(
        &text,
        &crate::clusters::ClusterConfig {
            sizes: vec![2, 4, 6],
            min_count: 1,
            ..Default::default()
        },
    )
    .unwrap()
}

/// Runner-up tags for every word: a made-up alternative, unsure on nouns.
fn tiny_alts(sents: &[AnalyzedSentence]) -> Vec<Alts> {
    sents
        .iter()
        .map(|s| {
            s.tokens
                .iter()
                .map(|t| {
                    if t.xpos.starts_with("NN") {
                        ("VB".to_string(), 0.5)
                    } else {
                        ("NN".to_string(), 100.0)
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn optional_feature_sets_train_round_trip_and_use_their_inputs() {
    let gold = tiny();
    let alts = tiny_alts(&gold);
    let cfg = TrainConfig {
        set: features::FEAT_CLUSTERS | features::FEAT_ALTS,
        clusters: tiny_clusters(),
        margins: [1.0, 3.0],
        ..tiny_config()
    };
    let (p, _) = train(&gold, &alts, Some((&gold, &alts)), &cfg, &mut |_| {}).unwrap();
    assert!(p.uses_alternatives());
    let s = score(&gold, &parse_all_with_alts(&p, &gold, &alts)).unwrap();
    assert!(s.uas() > 97.0, "uas {}", s.uas());
    let back = Parser::from_bytes(&p.to_bytes()).unwrap();
    assert_eq!(back, p);
    assert_eq!(
        parse_all_with_alts(&back, &gold, &alts),
        parse_all_with_alts(&p, &gold, &alts)
    );
    // Alternatives of the wrong length are ignored (same as none).
    let mut a = gold[0].clone();
    let mut b = gold[0].clone();
    p.parse_with_alts(
        &mut a,
        &[XposAlt {
            xpos: "NN",
            margin: 0.1,
        }],
    );
    p.parse(&mut b);
    assert_eq!(a, b);
    // The features change with the inputs: other classes, other scores.
    let mut th1 = Vec::new();
    let mut th2 = Vec::new();
    let mut buf = String::new();
    let a0 = alt_views(&alts[0]);
    features::token_hashes(&gold[0], &p.hash_input(&a0), &mut buf, &mut th1);
    features::token_hashes(&gold[0], &p.hash_input(&[]), &mut buf, &mut th2);
    assert_ne!(th1[2].alt, th2[2].alt); // "cat" (NN): unsure
    assert_eq!(th1[3].alt, th2[3].alt); // "saw": sure, no alternative
    assert_eq!(th1[2].alt, th1[5].alt); // both nouns, same bucket
    let mut th3 = Vec::new();
    let plain = tiny_parser();
    features::token_hashes(&gold[0], &plain.hash_input(&[]), &mut buf, &mut th3);
    assert_ne!(th1[2].c, th3[2].c); // classes only where the model has them
    assert_eq!(th1[2].w, th3[2].w);
}

#[test]
fn version_3_models_still_load_and_parse_alike() {
    let p = tiny_parser();
    let mut bytes = p.to_bytes();
    // The version 3 layout: the same without the feature sets and clusters.
    bytes[8..12].copy_from_slice(&3u32.to_le_bytes());
    let mut v4_tail = Vec::new();
    v4_tail.extend_from_slice(&0u32.to_le_bytes());
    v4_tail.extend_from_slice(&0f32.to_le_bytes());
    v4_tail.extend_from_slice(&0f32.to_le_bytes());
    let mut w = crate::binio::Writer::new(CLUSTER_MAGIC, 1);
    Clusters::default().write(&mut w);
    v4_tail.extend_from_slice(&(w.buf.len() as u32).to_le_bytes());
    v4_tail.extend_from_slice(&w.buf);
    assert!(bytes.ends_with(&v4_tail));
    bytes.truncate(bytes.len() - v4_tail.len());
    let back = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(back, p);
    let mut bad = p.to_bytes();
    bad[8..12].copy_from_slice(&2u32.to_le_bytes());
    assert!(Parser::from_bytes(&bad).unwrap_err().contains("version"));
}

#[test]
fn learns_a_tiny_treebank() {
    let gold = tiny();
    let parser = tiny_parser();
    let s = score(&gold, &parse_all(&parser, &gold)).unwrap();
    assert_eq!(s.words, 37);
    assert!(s.uas() > 97.0, "uas {}", s.uas());
    assert!(s.las_full() > 97.0, "las {}", s.las_full());
}

#[test]
fn generalises_to_an_unseen_sentence_of_the_same_shape() {
    let parser = tiny_parser();
    let text = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tcat\tcat\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
";
    let gold: Vec<_> = parse_conllu(text)
        .unwrap()
        .iter()
        .map(sentence_from_conllu)
        .collect();
    let s = score(&gold, &parse_all(&parser, &gold)).unwrap();
    assert_eq!(s.heads_correct, 6);
}

#[test]
fn same_seed_same_model_and_round_trip() {
    let a = tiny_parser();
    let b = tiny_parser();
    assert_eq!(a, b);
    let bytes = a.to_bytes();
    let back = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(back, a);
    let dir = std::env::temp_dir().join(format!("dyad-parser-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("parser.bin");
    a.save(&path).unwrap();
    let loaded = Parser::load(&path).unwrap();
    let gold = tiny();
    assert_eq!(parse_all(&loaded, &gold), parse_all(&a, &gold));
    std::fs::remove_dir_all(&dir).ok();
    // Corrupt or truncated models are errors, not panics.
    assert!(Parser::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Parser::from_bytes(b"nonsense").is_err());
    let missing = Parser::load(Path::new("/nonexistent/parser.bin")).unwrap_err();
    assert!(missing.to_string().contains("/nonexistent/parser.bin"));
}

fn sentence(words: &[(&str, &str)]) -> AnalyzedSentence {
    AnalyzedSentence {
        span: Default::default(),
        tokens: words
            .iter()
            .map(|(f, p)| AnalyzedToken {
                form: f.to_string(),
                lemma: f.to_lowercase(),
                xpos: p.to_string(),
                upos: "X".into(),
                ..Default::default()
            })
            .collect(),
    }
}

fn assert_tree(s: &AnalyzedSentence) {
    let n = s.tokens.len();
    let heads: Vec<u32> = std::iter::once(0)
        .chain(s.tokens.iter().map(|t| t.head as u32))
        .collect();
    assert!(system::is_tree(&heads), "not a tree: {heads:?}");
    assert_eq!(s.tokens.iter().filter(|t| t.head == 0).count(), 1.min(n));
    for t in &s.tokens {
        assert_eq!(t.head == 0, t.deprel == "root", "{t:?}");
        assert!(!t.deprel.is_empty());
    }
}

#[test]
fn edge_cases_give_trees() {
    let parser = tiny_parser();
    let mut empty = AnalyzedSentence::default();
    parser.parse(&mut empty);
    assert!(empty.tokens.is_empty());

    let mut one = sentence(&[("Hello", "UH")]);
    parser.parse(&mut one);
    assert_eq!(one.tokens[0].head, 0);
    assert_eq!(one.tokens[0].deprel, "root");

    let odd = sentence(&[
        ("МОСКВА", "NNP"),
        ("🙂", "NFP"),
        ("", ""),
        ("北京", "NNP"),
        ("ATTACK", "NN"),
    ]);
    let mut o = odd.clone();
    parser.parse(&mut o);
    assert_tree(&o);

    let words: Vec<(&str, &str)> = (0..1000)
        .map(|i| {
            if i % 3 == 0 {
                ("the", "DT")
            } else if i % 3 == 1 {
                ("cat", "NN")
            } else {
                ("saw", "VBD")
            }
        })
        .collect();
    let mut long = sentence(&words);
    let t = std::time::Instant::now();
    parser.parse(&mut long);
    assert_tree(&long);
    assert!(t.elapsed().as_secs_f64() < 2.0);
}

#[test]
fn scores_use_universal_relations_for_las() {
    let gold = tiny();
    let mut pred = gold.clone();
    pred[1].tokens[4].deprel = "obl:tmod".into(); // gold: obl
    pred[0].tokens[0].head = 5; // gold: 2
    let s = score(&gold, &pred).unwrap();
    assert_eq!(s.heads_correct, 36);
    assert_eq!(s.labelled_correct, 36);
    assert_eq!(s.full_labelled_correct, 35);
    assert!(score(&gold, &pred[..2]).is_err());
}

/// Checks on the real model and data, skipped when they are absent.
#[test]
fn committed_model_parses_ewt_dev_sample() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/parser.bin");
    let dev = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud/EWT/en_ewt-ud-dev.conllu");
    if !model.exists() || !dev.exists() {
        eprintln!("skipped: needs models/parser.bin and ../shared/data/ud/EWT");
        return;
    }
    let parser = Parser::load(&model).unwrap();
    let sents = dyad_text::conllu::read_conllu(&dev).unwrap();
    let gold: Vec<_> = sents.iter().take(300).map(sentence_from_conllu).collect();
    let s = score(&gold, &parse_all(&parser, &gold)).unwrap();
    assert!(s.uas() > 80.0, "uas {}", s.uas());
}

/// Sentences unlike the tiny treebank's, where a weak model hesitates.
fn odd_sentences() -> Vec<AnalyzedSentence> {
    let mut out = tiny();
    out.push(sentence(&[
        ("Rebels", "NNS"),
        ("in", "IN"),
        ("the", "DT"),
        ("park", "NN"),
        ("saw", "VBD"),
        ("the", "DT"),
        ("minister", "NN"),
        ("and", "CC"),
        ("a", "DT"),
        ("dog", "NN"),
        ("was", "VBD"),
        ("killed", "VBN"),
        (".", "."),
    ]));
    out.push(sentence(&[
        ("Geneva", "NNP"),
        ("March", "NNP"),
        ("deal", "NN"),
    ]));
    out
}

fn with_decoder(p: &Parser, d: &str) -> Parser {
    let mut p = p.clone();
    p.set_decoder(search::Decoder::parse(d).unwrap());
    p
}

#[test]
fn search_of_width_one_is_greedy() {
    let p = tiny_parser();
    let sents = odd_sentences();
    let greedy = parse_all(&p, &sents);
    for d in ["beam:1", "branch:1:1000", "beam:1,labels", "branch:0:5"] {
        let q = with_decoder(&p, d);
        assert!(q.decoder().is_greedy(), "{d}");
        assert_eq!(parse_all(&q, &sents), greedy, "{d}");
    }
    // A real beam of 1 (not short-cut to greedy) also follows the greedy path.
    for s in &sents {
        let mut a = s.clone();
        p.parse(&mut a);
        let mut b = s.clone();
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let (mut decoding, st) = scratch.start(&p, &b, &[], 0);
            let dec = search::Decoder::parse("beam:1").unwrap();
            decoding.beam_for_test(&dec, st);
            for (i, t) in b.tokens.iter_mut().enumerate() {
                t.head = st.heads[i + 1] as usize;
            }
        });
        let ha: Vec<usize> = a.tokens.iter().map(|t| t.head).collect();
        let hb: Vec<usize> = b.tokens.iter().map(|t| t.head).collect();
        assert_eq!(ha, hb);
    }
}

#[test]
fn search_decoders_give_trees_and_branching_never_scores_below_greedy() {
    let p = tiny_parser();
    let sents = odd_sentences();
    for d in [
        "beam:2",
        "beam:4,labels",
        "beam:3,softmax:50",
        "branch:4:1000",
        "branch:2:1000,labels",
        "branch:8:1e9,softmax:100",
    ] {
        let q = with_decoder(&p, d);
        for s in parse_all(&q, &sents) {
            assert_tree(&s);
        }
        // The tiny treebank itself is still parsed right.
        let s = score(&tiny(), &parse_all(&q, &tiny())).unwrap();
        assert!(s.uas() > 90.0, "{d}: uas {}", s.uas());
    }
    // One word, and an empty sentence.
    let q = with_decoder(&p, "beam:4");
    let mut one = sentence(&[("Hello", "UH")]);
    q.parse(&mut one);
    assert_eq!(one.tokens[0].head, 0);
    let mut empty = AnalyzedSentence::default();
    q.parse(&mut empty);
    assert!(empty.tokens.is_empty());
}

#[test]
fn decoder_descriptions_parse_or_fail_clearly() {
    use search::{Decoder, Search, SeqScore};
    assert_eq!(Decoder::parse("greedy").unwrap(), Decoder::default());
    assert_eq!(
        Decoder::parse("branch:4:20,labels").unwrap(),
        Decoder {
            search: Search::Branch { k: 4, margin: 20.0 },
            score: SeqScore::MovesLabels
        }
    );
    assert_eq!(
        Decoder::parse("beam:8,softmax:100").unwrap().score,
        SeqScore::LogSoftmax { temp: 100.0 }
    );
    for bad in [
        "beam",
        "beam:x",
        "branch:2",
        "beam:2,foo",
        "beam:2,labels,labels",
        "",
        "beam:65",
        "branch:4:-1",
        "branch:4:NaN",
        "beam:4,softmax:0",
    ] {
        let e = Decoder::parse(bad).unwrap_err();
        assert!(e.contains("bad decoder"), "{bad}: {e}");
    }
}

#[test]
fn beam_training_learns_the_tiny_treebank() {
    let cfg = TrainConfig {
        beam: 4,
        decoder: search::Decoder::parse("beam:4").unwrap(),
        ..tiny_config()
    };
    let (p, _) = train(&tiny(), &[], Some((&tiny(), &[])), &cfg, &mut |_| {}).unwrap();
    assert_eq!(p.decoder(), cfg.decoder);
    let s = score(&tiny(), &parse_all(&p, &tiny())).unwrap();
    assert!(s.uas() > 97.0, "uas {}", s.uas());
    for s in parse_all(&p, &odd_sentences()) {
        assert_tree(&s);
    }
    // Greedy epochs first, then the beam: also learns, and is deterministic.
    let cfg2 = TrainConfig {
        beam_from: 6,
        ..cfg.clone()
    };
    let (a, _) = train(&tiny(), &[], None, &cfg2, &mut |_| {}).unwrap();
    let (b, _) = train(&tiny(), &[], None, &cfg2, &mut |_| {}).unwrap();
    assert_eq!(a, b);
    let s = score(&tiny(), &parse_all(&a, &tiny())).unwrap();
    assert!(s.uas() > 97.0, "uas {}", s.uas());
}

#[test]
fn silver_epochs_visit_silver_trees_by_weight() {
    let gold: Vec<usize> = (0..4).collect();
    let mut rng = SplitMix(7);
    // Weight 2: every silver example twice, every gold one once.
    let v = silver_epoch(&gold, 7, 2.0, &mut rng);
    assert_eq!(v.len(), 4 + 3 * 2);
    for i in 0..7 {
        let want = if i < 4 { 1 } else { 2 };
        assert_eq!(v.iter().filter(|&&x| x == i).count(), want, "example {i}");
    }
    // Weight 0.25: about a quarter of 4,000 silver examples, gold ones all.
    let v = silver_epoch(&gold, 4004, 0.25, &mut rng);
    let silver = v.iter().filter(|&&x| x >= 4).count();
    assert!((850..1150).contains(&silver), "{silver} silver visits");
    assert_eq!(v.iter().filter(|&&x| x < 4).count(), 4);
    // Shuffled: not all silver examples at the end.
    assert!(v[..v.len() / 2].iter().any(|&x| x >= 4));
}

#[test]
fn silver_trees_train_and_their_absence_changes_nothing() {
    let gold = tiny();
    // Without silver trees the model is the one of the plain configuration.
    let cfg = TrainConfig {
        silver: 0,
        silver_weight: 3.0,
        ..tiny_config()
    };
    let plain = train(&gold, &[], None, &cfg, &mut |_| {}).unwrap().0;
    assert_eq!(plain, tiny_parser());
    // The first sentence alone as gold, the rest as silver: the silver trees
    // are learnt (the parser gets them right), and their weight matters.
    let cfg = TrainConfig {
        silver: gold.len() - 1,
        ..tiny_config()
    };
    let up = train(&gold, &[], None, &cfg, &mut |_| {}).unwrap().0;
    let s = score(&gold, &parse_all(&up, &gold)).unwrap();
    assert!(s.uas() > 97.0, "uas {}", s.uas());
    let only_gold = train(&gold[..1], &[], None, &tiny_config(), &mut |_| {})
        .unwrap()
        .0;
    let s0 = score(&gold, &parse_all(&only_gold, &gold)).unwrap();
    assert!(s0.uas() < s.uas(), "{} vs {}", s0.uas(), s.uas());
    let cfg_half = TrainConfig {
        silver_weight: 0.5,
        ..cfg
    };
    let half = train(&gold, &[], None, &cfg_half, &mut |_| {}).unwrap().0;
    assert_ne!(half, up);
    // Only silver trees: an error, not a model.
    let cfg_all = TrainConfig {
        silver: gold.len(),
        ..tiny_config()
    };
    assert!(train(&gold, &[], None, &cfg_all, &mut |_| {}).is_err());
}

#[test]
fn prune_drops_weak_rows_only() {
    let mut p = tiny_parser();
    let before = p.clone();
    // Thresholds 0 and 1 zero no row that has a weight: the model is unchanged
    // and the counts are its non-zero rows.
    let (m0, l0) = p.prune(0);
    assert!(m0 > 0 && l0 > 0, "{m0} {l0}");
    assert_eq!(p.prune(1), (m0, l0));
    assert_eq!(p, before);
    // The largest threshold keeps only rows holding a weight of the full
    // quantised range: fewer rows, and what is gone stays gone.
    let (m, l) = p.prune(i16::MAX);
    assert!(m + l < m0 + l0, "{m} {l} vs {m0} {l0}");
    assert_ne!(p, before);
    assert_eq!(p.prune(0), (m, l));
}

#[test]
fn integer_argmax_is_the_generic_one() {
    let mut next = super::xorshift(0x2545_f491_4f6c_dd1du64);
    for n in 0..70usize {
        for round in 0..20 {
            // Few distinct values (ties), extremes included.
            let xs: Vec<i32> = (0..n)
                .map(|_| match next() % 7 {
                    0 => i32::MIN,
                    1 => i32::MAX,
                    k => (k as i32 - 4) * 1000 + (round % 3),
                })
                .collect();
            for skip in [0, 1, n / 2, n.saturating_sub(1), n, usize::MAX] {
                assert_eq!(
                    argmax_except_i32(&xs, skip),
                    argmax_except(&xs, skip),
                    "{xs:?} skip {skip}"
                );
            }
        }
    }
}
