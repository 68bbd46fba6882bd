//! The coder: documents become events.
//!
//! [`Coder::code_document`] runs the whole flow for one document: sentences and
//! tokens (dyad-text), tags, lemmas, dependencies and entities (dyad-nlp), actors,
//! verbs and issues (dyad-lexicon), and events with their roles, negation,
//! modality and attribution (this crate).

pub mod record;

use dyad_text::Document;
use record::{ActorCandidateRecord, AttributionRecord, EventRecord};
use std::path::PathBuf;

/// What coding one document produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodedDocument {
    pub events: Vec<EventRecord>,
    pub attributions: Vec<AttributionRecord>,
    pub actor_candidates: Vec<ActorCandidateRecord>,
}

/// How to build a [`Coder`].
#[derive(Debug, Clone, Default)]
pub struct CoderOptions {
    /// Where the trained NLP models are; `None` looks in the default places.
    pub models_dir: Option<PathBuf>,
    /// PETRARCH-format dictionaries to use instead of dyad's own.
    pub dictionaries_dir: Option<PathBuf>,
    /// Expand compound actors into one event per source/target pair (as PETRARCH does).
    pub expand_compounds: bool,
}

/// Why a [`Coder`] could not be built.
#[derive(Debug)]
pub struct CoderError(pub String);

impl std::fmt::Display for CoderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CoderError {}

/// Codes documents; cheap to share across threads (`&Coder` is `Sync`).
pub struct Coder {
    options: CoderOptions,
}

impl Coder {
    /// Loads models and dictionaries.
    pub fn new(options: &CoderOptions) -> Result<Coder, CoderError> {
        Ok(Coder { options: options.clone() })
    }

    /// The options this coder was built with.
    pub fn options(&self) -> &CoderOptions {
        &self.options
    }

    /// Codes one document. (The coding itself lands with issue 5; until then no events.)
    pub fn code_document(&self, _doc: &Document) -> CodedDocument {
        CodedDocument::default()
    }
}
