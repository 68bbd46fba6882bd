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
    train(&tiny(), None, &tiny_config(), &mut |_| {}).unwrap().0
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
