//! dyad's own NLP: tagger, lemmatizer, dependency parser and named-entity recognizer.
//!
//! Every component reads and annotates an [`AnalyzedSentence`]; training,
//! evaluation and inference share the same code.

pub mod binio;
pub mod clusters;
pub mod features;
pub mod lemma;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod pipeline;
pub mod senter;
pub mod tagger;
pub mod wordnet;

pub use tagger::{GoldSentence, TagScores, TaggedWord, Tagger, TrainConfig};

use dyad_text::Span;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Errors of the NLP models: files, formats and training data.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    /// A model file is corrupt, truncated or of another kind.
    #[error("bad model: {0}")]
    Model(String),
    /// Training or evaluation data is unusable.
    #[error("bad data: {0}")]
    Data(String),
}

/// The models directory: `$DYAD_MODELS`, then `./models`, then
/// `<executable dir>/../../models` (so `target/release/dyad` finds `repo/models`),
/// then this crate's `../../models` (for tests and `cargo run`).
pub fn default_models_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("DYAD_MODELS") {
        return Some(PathBuf::from(d));
    }
    let mut candidates = vec![PathBuf::from("models")];
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        candidates.push(dir.join("../../models"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    candidates.into_iter().find(|d| d.is_dir())
}

impl NlpError {
    /// An I/O error naming the file.
    pub fn io(path: &Path, e: std::io::Error) -> NlpError {
        NlpError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}

/// A token with everything the models predict for it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AnalyzedToken {
    /// Byte span in the document text.
    pub span: Span,
    pub form: String,
    pub lemma: String,
    /// Universal POS tag (`NOUN`, `VERB`, ...).
    pub upos: String,
    /// Penn Treebank tag (`NN`, `VBD`, ...).
    pub xpos: String,
    /// 1-based index of the head word in the sentence, 0 for the root.
    pub head: usize,
    /// UD relation to the head (`nsubj`, `obj`, `obl`, ...).
    pub deprel: String,
    /// IOB2 entity tag (`O`, `B-PER`, `I-ORG`, ...).
    pub ner: String,
}

/// A sentence after tagging, parsing and NER.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AnalyzedSentence {
    pub span: Span,
    pub tokens: Vec<AnalyzedToken>,
}

impl AnalyzedSentence {
    /// A sentence of `words` with the tagger's tags and lemmas (no spans, heads 0,
    /// entity labels `O`): what the parser and the NER start from.
    pub fn tagged(words: &[&str], tags: Vec<TaggedWord<'_>>) -> AnalyzedSentence {
        let tokens = words
            .iter()
            .zip(tags)
            .map(|(w, t)| AnalyzedToken {
                span: Default::default(),
                form: w.to_string(),
                lemma: t.lemma,
                upos: t.upos.to_string(),
                xpos: t.xpos.to_string(),
                head: 0,
                deprel: String::new(),
                ner: "O".to_string(),
            })
            .collect();
        AnalyzedSentence {
            span: Default::default(),
            tokens,
        }
    }
}
