//! Dictionaries of actors, agents, verbs, discards and issues: dyad's own (under
//! `dictionaries/`, format in `dictionaries/FORMAT.md`) and readers for
//! PETRARCH/TABARI-format ones, compiled for matching.
//!
//! ```
//! use dyad_lexicon::Lexicon;
//! let lex = Lexicon::from_dyad_sources(
//!     [
//!         ("actors/countries.txt", "UKR\tUkraine; Ukrainian; Kyiv\nRUS\tRussia; Russian; Kremlin\n"),
//!         ("actors/people.txt", "-\tVolodymyr Zelensky; Zelensky\tUKRELI@..2019-05-19\tUKRGOV@2019-05-20..\n"),
//!         ("agents.txt", "GOV\tpresident; foreign minister\n"),
//!         ("verbs.txt", "036\tmeet; meet with; hold talk; ~talk\n"),
//!         ("issues.txt", "NEUTRALITY\tneutrality; neutral status\n"),
//!     ],
//!     |n| n.to_string(),
//! )
//! .unwrap();
//! let date = Some("2022-03-20".parse().unwrap());
//! let toks = ["Ukrainian", "President", "Volodymyr", "Zelensky", "met", "Russian", "negotiators"];
//! let mentions = lex.actors.find_mentions(&toks);
//! assert_eq!(mentions.len(), 3);
//! let (code, _) = lex.actors.code_for_mention(&mentions[1], date).unwrap();
//! assert_eq!(code, "UKRGOV");
//! assert_eq!(lex.agents.lookup("president").unwrap().code, "GOV");
//! assert_eq!(lex.verbs.candidates("meet", "met")[0].verb.code.as_deref(), Some("036"));
//! ```
//!
//! Everything the coder needs hangs off [`Lexicon`]:
//! - [`ActorDictionary::find_mentions`] (leftmost-longest names over tokens) and
//!   [`ActorDictionary::code_for_mention`] / [`ActorEntry::code_at`] (date-aware codes);
//! - [`AgentDictionary::lookup`] (a noun, singular or plural) and
//!   [`AgentDictionary::find_agents`];
//! - [`VerbDictionary::candidates`] (by lemma and surface form, with patterns);
//! - [`IssueDictionary::issues_in`] and [`DiscardDictionary::find`].
//!
//! Matching is compiled (a token trie over normalised word pieces, see
//! [`matcher`]): its cost does not grow with the number of entries.

pub mod actor;
pub mod agent;
pub mod check;
pub mod discard;
mod error;
pub mod issue;
mod lexicon;
pub mod matcher;
mod text;
pub mod verb;

pub use actor::{
    ActorDictionary, ActorEntry, ActorId, ActorKind, ActorMention, DatedCode, NULL_CODE,
};
pub use agent::{AgentDictionary, AgentEntry, AgentId, AgentMention, AgentPlacement};
pub use check::{check, stats, CheckReport, Finding, Severity, Stats};
pub use discard::{DiscardDictionary, DiscardEntry, DiscardMatch};
pub use error::{LexiconError, Origin};
pub use issue::{IssueDictionary, IssueEntry, IssueExclusion, IssueMatch};
pub use lexicon::{
    find_dictionaries_dir, Lexicon, LexiconSource, PetrarchFiles, DYAD_FILES, EMBEDDED,
};
pub use matcher::{fold, is_acronym, name_key, word_pieces, PhraseMatch, PhraseMatcher, Piece};
pub use verb::{
    GroupId, PatternCode, PatternId, PatternItem, PredicateKind, Synset, Term, VerbCandidate,
    VerbDictionary, VerbEntry, VerbGroup, VerbId, VerbPattern, VerbTransformation,
};
