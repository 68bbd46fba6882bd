//! End to end on tiny inline data: train the tagger and the NER, save them to a
//! models directory, load a `Pipeline` from it and check that it predicts
//! exactly what the in-memory models predict.

use dyad_nlp::ner::{Ner, NerConfig, NerSentence};
use dyad_nlp::pipeline::{Pipeline, NER_FILE, TAGGER_FILE};
use dyad_nlp::{GoldSentence, Tagger, TrainConfig};

const TREEBANK: &str = "\
# text = Obama visited Paris.
1	Obama	Obama	PROPN	NNP	_	2	nsubj	_	_
2	visited	visit	VERB	VBD	_	0	root	_	_
3	Paris	Paris	PROPN	NNP	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

# text = The minister met reporters in London.
1	The	the	DET	DT	_	2	det	_	_
2	minister	minister	NOUN	NN	_	3	nsubj	_	_
3	met	meet	VERB	VBD	_	0	root	_	_
4	reporters	reporter	NOUN	NNS	_	3	obj	_	_
5	in	in	ADP	IN	_	6	case	_	_
6	London	London	PROPN	NNP	_	3	obl	_	SpaceAfter=No
7	.	.	PUNCT	.	_	3	punct	_	_

";

const IOB2: &str = "\
1\tObama\tB-PER
2\tvisited\tO
3\tParis\tB-LOC
4\t.\tO

1\tThe\tO
2\tminister\tO
3\tof\tO
4\tAcme\tB-ORG
5\tCorp\tI-ORG
6\tmet\tO
7\treporters\tO
8\tin\tO
9\tLondon\tB-LOC
10\t.\tO

";

fn trained() -> (Tagger, Ner) {
    let gold: Vec<GoldSentence> = dyad_text::conllu::parse_conllu(TREEBANK)
        .unwrap()
        .iter()
        .map(GoldSentence::from_conllu)
        .collect();
    let tagger = Tagger::train(&gold, &gold, &TrainConfig::default()).unwrap();
    let scores = tagger.evaluate(&gold);
    assert_eq!(scores.xpos_correct, scores.words);
    assert_eq!(scores.lemma_correct, scores.words);
    let ner_gold: Vec<NerSentence> = dyad_text::conllu::parse_iob2(IOB2)
        .unwrap()
        .into_iter()
        .map(|s| NerSentence {
            words: s.tokens,
            tags: s.tags,
        })
        .collect();
    let ner = Ner::train(&ner_gold, &ner_gold, &tagger, &NerConfig::default()).unwrap();
    assert_eq!(ner.evaluate(&ner_gold, &tagger).f1(), 1.0);
    (tagger, ner)
}

#[test]
fn saved_models_load_into_a_pipeline_with_identical_output() {
    let (tagger, ner) = trained();
    let dir = std::env::temp_dir().join(format!("dyad-nlp-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    tagger.save(&dir.join(TAGGER_FILE)).unwrap();
    ner.save(&dir.join(NER_FILE)).unwrap();
    let loaded = Pipeline::load(&dir).unwrap();
    assert!(loaded.parser.is_none());
    let memory = Pipeline {
        tagger,
        ner: Some(ner),
        parser: None,
    };
    let text = "Obama met reporters in Paris. The minister visited London.";
    let sentences = dyad_text::segment(text);
    let a = loaded.analyze(text, &sentences);
    let b = memory.analyze(text, &sentences);
    assert_eq!(a, b);
    let obama = &a[0].tokens[0];
    assert_eq!(obama.form, "Obama");
    assert_eq!(&text[obama.span.start..obama.span.end], "Obama");
    assert_eq!(obama.xpos, "NNP");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_or_corrupt_models_are_errors_not_panics() {
    let dir = std::env::temp_dir().join(format!("dyad-nlp-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let err = Pipeline::load(&dir).unwrap_err().to_string();
    assert!(err.contains(TAGGER_FILE), "{err}");
    std::fs::write(dir.join(TAGGER_FILE), b"DYADTAG1\x02\x00\x00\x00junk").unwrap();
    let err = Pipeline::load(&dir).unwrap_err().to_string();
    assert!(err.contains(TAGGER_FILE), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
