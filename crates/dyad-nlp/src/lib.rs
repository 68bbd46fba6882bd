//! dyad's own NLP: tagger, lemmatizer, dependency parser and named-entity recognizer.
//!
//! Every component reads and annotates an [`AnalyzedSentence`]; training,
//! evaluation and inference share the same code.

use dyad_text::Span;
use serde::{Deserialize, Serialize};

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
