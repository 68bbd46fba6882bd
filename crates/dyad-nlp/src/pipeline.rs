//! The NLP pipeline: tokens in, tagged, lemmatized, entity-labelled and (when
//! a parser model is present) parsed sentences out.
//!
//! ```no_run
//! # fn f() -> Result<(), dyad_nlp::NlpError> {
//! let dir = dyad_nlp::default_models_dir().expect("models/");
//! let nlp = dyad_nlp::pipeline::Pipeline::load(&dir)?;
//! let text = "Obama met Merkel in Berlin.";
//! let sentences = dyad_text::segment(text);
//! for s in nlp.analyze(text, &sentences) {
//!     for t in &s.tokens {
//!         println!("{} {} {} {} {}", t.form, t.xpos, t.upos, t.lemma, t.ner);
//!     }
//! }
//! # Ok(()) }
//! ```

use crate::ner::Ner;
use crate::parser::Parser;
use crate::tagger::{Tagger, WordForms, XposAlt};
use crate::{AnalyzedSentence, NlpError};
use std::path::Path;

/// File names inside the models directory.
pub const TAGGER_FILE: &str = "tagger.bin";
/// NER model file name.
pub const NER_FILE: &str = "ner.bin";
/// Parser model file name.
pub const PARSER_FILE: &str = "parser.bin";

/// Tagger + lemmatizer, NER and parser, loaded once and shared (read-only).
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub tagger: Tagger,
    /// Absent when `ner.bin` is missing: tokens then get `O`.
    pub ner: Option<Ner>,
    /// Absent when `parser.bin` is missing: heads stay 0 and deprels empty.
    pub parser: Option<Parser>,
}

impl Pipeline {
    /// Loads the models of `dir`: `tagger.bin` is required, `ner.bin` and
    /// `parser.bin` are used when present.
    pub fn load(dir: &Path) -> Result<Pipeline, NlpError> {
        Pipeline::load_stages(dir, true)
    }

    /// [`Pipeline::load`], leaving the NER out when `ner` is false (for a
    /// caller that reads no entity labels: loading it costs time too).
    pub fn load_stages(dir: &Path, ner: bool) -> Result<Pipeline, NlpError> {
        let tagger = Tagger::load(&dir.join(TAGGER_FILE))?;
        let ner_path = dir.join(NER_FILE);
        let ner = if ner && ner_path.exists() {
            Some(Ner::load(&ner_path)?)
        } else {
            None
        };
        let parser_path = dir.join(PARSER_FILE);
        let parser = if parser_path.exists() {
            Some(Parser::load(&parser_path).map_err(|e| NlpError::Model(e.to_string()))?)
        } else {
            None
        };
        Ok(Pipeline {
            tagger,
            ner,
            parser,
        })
    }

    /// Analyzes the tokenized `sentences` of `text`. All sentences are
    /// tagged first, then all are parsed (each sentence's result is the same
    /// as [`Pipeline::analyze_sentence`]'s, except that entity labels then get
    /// the document-level consistency pass, [`crate::ner::harmonize_document`]): the tagger's and the parser's
    /// weight tables then take turns in the caches once per call instead of
    /// once per sentence.
    pub fn analyze(&self, text: &str, sentences: &[dyad_text::Sentence]) -> Vec<AnalyzedSentence> {
        self.analyze_with(text, sentences, self.ner.as_ref(), |_, _| true)
    }

    /// [`Pipeline::analyze`] with a choice of stages: entity labels from `ner`
    /// (`None`: every token gets `O`), and a dependency parse only for the
    /// sentences for which `parse_if(index, tagged sentence)` is true (called
    /// in sentence order after tagging and NER; a sentence left out keeps
    /// head 0 and an empty relation on every token). A caller that never reads
    /// some stage's output saves its time: `dyad code` reads no entity labels
    /// and needs no parse of a sentence that cannot yield a record.
    pub fn analyze_with(
        &self,
        text: &str,
        sentences: &[dyad_text::Sentence],
        ner: Option<&Ner>,
        mut parse_if: impl FnMut(usize, &AnalyzedSentence) -> bool,
    ) -> Vec<AnalyzedSentence> {
        let _ = text; // spans already point into it; kept for writers that re-slice
        let mut forms = Vec::with_capacity(if ner.is_some() { sentences.len() } else { 0 });
        let mut words: Vec<&str> = Vec::new();
        // The tagger's runner-up XPOS per sentence, for a parser that uses them.
        let mut alts = Vec::with_capacity(sentences.len());
        let mut out: Vec<AnalyzedSentence> = sentences
            .iter()
            .map(|s| {
                words.clear();
                words.extend(s.tokens.iter().map(|t| t.form.as_str()));
                let (mut a, f, al) = self.tag_words(&words);
                alts.push(al);
                if ner.is_some() {
                    forms.push(f);
                }
                set_spans(&mut a, s);
                a
            })
            .collect();
        if let Some(n) = ner {
            // The NER's transition table, built once for all sentences.
            let mut reuse = crate::ner::NerReuse::default();
            for (a, f) in out.iter_mut().zip(forms) {
                let words: Vec<&str> = a.tokens.iter().map(|t| t.form.as_str()).collect();
                let xpos: Vec<&str> = a.tokens.iter().map(|t| t.xpos.as_str()).collect();
                // The tagger's normalised words and hashes: NER needs the same.
                let labels = n.recognize_reusing(&words, &xpos, Some(f), &mut reuse);
                for (t, e) in a.tokens.iter_mut().zip(labels) {
                    // Reuses the "O" the tagging pass left (most labels are "O").
                    if t.ner != e {
                        t.ner.clear();
                        t.ner.push_str(e);
                    }
                }
            }
            // A name the NER found in one sentence labels its other mentions.
            crate::ner::harmonize_document(&mut out);
        }
        if let Some(p) = &self.parser {
            for (i, a) in out.iter_mut().enumerate() {
                if parse_if(i, a) {
                    p.parse_with_alts(a, &alts[i]);
                }
            }
        }
        out
    }

    /// Analyzes one tokenized sentence.
    pub fn analyze_sentence(&self, s: &dyad_text::Sentence) -> AnalyzedSentence {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let mut out = self.analyze_words(&words);
        set_spans(&mut out, s);
        out
    }

    /// Analyzes a sentence given as words (spans left empty).
    pub fn analyze_words(&self, words: &[&str]) -> AnalyzedSentence {
        let (mut sent, forms, alts) = self.tag_words(words);
        if let Some(n) = &self.ner {
            let xpos: Vec<&str> = sent.tokens.iter().map(|t| t.xpos.as_str()).collect();
            let labels = n.recognize_with_forms(words, &xpos, Some(forms));
            for (t, e) in sent.tokens.iter_mut().zip(labels) {
                if t.ner != e {
                    t.ner.clear();
                    t.ner.push_str(e);
                }
            }
        }
        if let Some(p) = &self.parser {
            p.parse_with_alts(&mut sent, &alts);
        }
        sent
    }

    /// Tags and lemmatizes a sentence given as words (no parse; every token
    /// gets the entity label `O`); also returns the tagger's normalised words
    /// and hashes for a later NER pass, and the runner-up XPOS of each word
    /// when the parser uses them (else none).
    fn tag_words(&self, words: &[&str]) -> (AnalyzedSentence, WordForms, Vec<XposAlt<'_>>) {
        let (tags, forms, alts) = if self.parser.as_ref().is_some_and(Parser::uses_alternatives) {
            self.tagger.tag_keeping_forms_alts(words)
        } else {
            let (tags, forms) = self.tagger.tag_keeping_forms(words);
            (tags, forms, Vec::new())
        };
        (AnalyzedSentence::tagged(words, tags), forms, alts)
    }
}

/// Copies the sentence's and tokens' spans.
fn set_spans(out: &mut AnalyzedSentence, s: &dyad_text::Sentence) {
    out.span = s.span;
    for (t, tok) in out.tokens.iter_mut().zip(&s.tokens) {
        t.span = tok.span;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AnalyzedToken;

    fn shipped() -> Option<Pipeline> {
        let dir = crate::default_models_dir()?;
        if !dir.join(TAGGER_FILE).exists() {
            eprintln!("note: no {} in {}: skipping", TAGGER_FILE, dir.display());
            return None;
        }
        Some(Pipeline::load(&dir).expect("the shipped models load"))
    }

    #[test]
    fn shipped_models_load_quickly_and_tag() {
        let t = std::time::Instant::now();
        let Some(p) = shipped() else { return };
        let secs = t.elapsed().as_secs_f64();
        // Generous for debug builds; release loads in well under 0.5 s.
        assert!(secs < 10.0, "loading took {secs} s");
        let text = "Barack Obama visited Berlin on Monday.";
        let sents = dyad_text::segment(text);
        let out = p.analyze(text, &sents);
        let toks: Vec<&AnalyzedToken> = out.iter().flat_map(|s| &s.tokens).collect();
        let obama = toks.iter().find(|t| t.form == "Obama").expect("token");
        assert_eq!(obama.xpos, "NNP");
        assert_eq!(&text[obama.span.start..obama.span.end], "Obama");
        let visited = toks.iter().find(|t| t.form == "visited").expect("token");
        assert_eq!(visited.xpos, "VBD");
        assert_eq!(visited.lemma, "visit");
        if p.ner.is_some() {
            assert!(obama.ner.ends_with("PER"), "{obama:?}");
            let berlin = toks.iter().find(|t| t.form == "Berlin").expect("token");
            assert_eq!(berlin.ner, "B-LOC");
        }
    }

    #[test]
    fn document_analysis_equals_sentence_by_sentence() {
        let Some(p) = shipped() else { return };
        let text = "Barack Obama visited Berlin on Monday. He met Angela Merkel. \
                    The talks, held at the Chancellery, ended without a deal.";
        let sents = dyad_text::segment(text);
        let one_by_one: Vec<AnalyzedSentence> =
            sents.iter().map(|s| p.analyze_sentence(s)).collect();
        assert_eq!(p.analyze(text, &sents), one_by_one);
    }

    #[test]
    fn ner_with_the_taggers_forms_equals_ner_alone() {
        let Some(p) = shipped() else { return };
        let Some(n) = &p.ner else { return };
        for text in [
            "“We don’t agree,” said U.N. envoy Ján Kubiš in NEW YORK on 12/03.",
            "The ECB’s Christine Lagarde met officials of the Ministry of Finance.",
            "ÜBER-Chef Dara Khosrowshahi und die São Paulo FC — 2,000 Fans.",
        ] {
            for s in dyad_text::segment(text) {
                let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
                let (tags, forms) = p.tagger.tag_keeping_forms(&words);
                let xpos: Vec<&str> = tags.iter().map(|t| t.xpos).collect();
                assert_eq!(
                    n.recognize_with_forms(&words, &xpos, Some(forms)),
                    n.recognize(&words, &xpos),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn shipped_models_survive_odd_input() {
        let Some(p) = shipped() else { return };
        let long = "word ".repeat(1000);
        let texts = [
            "Hi",
            "北京是中国的首都。",
            "مرحبا بالعالم",
            "🎉🔥 Great news 😀 🇺🇦!!!",
            "PRESIDENT VOWS TO FIGHT ON AFTER ELECTION DEFEAT",
            long.as_str(),
            "",
        ];
        for text in texts {
            let sents = dyad_text::segment(text);
            let out = p.analyze(text, &sents);
            for s in &out {
                for t in &s.tokens {
                    assert!(!t.xpos.is_empty() && !t.upos.is_empty());
                    assert!(!t.ner.is_empty());
                }
            }
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(p.analyze_words(&words).tokens.len(), words.len());
        }
        let one = p.analyze_words(&["Hello"]);
        assert_eq!(one.tokens.len(), 1);
    }
}
