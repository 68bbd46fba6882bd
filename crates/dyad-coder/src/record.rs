//! The output records of dyad, schema version [`SCHEMA`]: every JSONL line is one of
//! these, tagged by its `"record"` field. Spans are character (Unicode scalar)
//! offsets into the document text, so that `text[start:end]` in Python slices them.

use serde::{Deserialize, Serialize};

/// The version of the record schema; bump it on any incompatible change.
pub const SCHEMA: u32 = 1;

/// An actor as it appears in an event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActorRef {
    /// Full CAMEO-style code, e.g. `UKRGOV`.
    pub code: String,
    /// Country (ISO 3166 alpha-3) or organisation code, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Agent codes (`GOV`, `MIL`, ...).
    #[serde(default)]
    pub agents: Vec<String>,
    /// The mention's text.
    pub text: String,
    /// Character span of the mention.
    pub span: [usize; 2],
}

/// A verb or other piece of evidence with its span.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SpanText {
    pub text: String,
    pub span: [usize; 2],
}

/// Why the coder produced an event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence_text: String,
    pub verb: SpanText,
    /// The dictionary pattern or construction that fired.
    pub rule: String,
}

/// Who says so, on an event: a short form of the attribution record it links to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EventAttribution {
    /// Id of the attribution record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `named`, `anonymous`, `document` or `organisation`.
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ActorRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    pub direct: bool,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EventRecord {
    pub schema: u32,
    pub record: String,
    pub doc_id: String,
    /// 0-based sentence index in the document.
    pub sentence: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub source: Vec<ActorRef>,
    pub target: Vec<ActorRef>,
    pub cameo: String,
    pub cameo_name: String,
    /// Two-digit root code.
    pub root: String,
    pub quad_class: u8,
    pub penta_class: u8,
    pub goldstein: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    pub negated: bool,
    /// `asserted`, `intended`, `hypothetical`, `future` or `past`.
    pub modality: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<EventAttribution>,
    pub issues: Vec<String>,
    pub evidence: Evidence,
    pub confidence: f32,
    /// How often the act happened, when the sentence says so ("have met four
    /// times" -> 4, "twice" -> 2, "for the third time" -> 3). Absent otherwise, and
    /// then not written, so schema 1 readers and writers are unaffected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

/// The source of a statement, with its cue and content.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AttributionRecord {
    pub schema: u32,
    pub record: String,
    pub id: String,
    pub doc_id: String,
    pub source: AttributionSource,
    pub cue: SpanText,
    pub content: SpanText,
    pub direct: bool,
}

/// Who an attribution names: a person, an organisation, a document or anonymous sources.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AttributionSource {
    pub text: String,
    pub span: [usize; 2],
    /// `named`, `anonymous`, `document` or `organisation`.
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// A named actor the dictionaries do not know, with the code guessed for it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActorCandidateRecord {
    pub schema: u32,
    pub record: String,
    pub doc_id: String,
    pub text: String,
    pub span: [usize; 2],
    /// The code given from title and country, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The words the code was derived from ("Ukrainian Defense Minister").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    pub mentions: u32,
}

/// A document (or input line) that could not be coded.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub schema: u32,
    pub record: String,
    /// The document id, or where the input came from (`file:line`).
    pub doc_id: String,
    pub error: String,
}

impl ErrorRecord {
    pub fn new(doc_id: impl Into<String>, error: impl Into<String>) -> Self {
        ErrorRecord {
            schema: SCHEMA,
            record: "error".into(),
            doc_id: doc_id.into(),
            error: error.into(),
        }
    }
}
