//! The coder: documents become events.
//!
//! [`Coder::code_document`] runs the whole flow for one document: sentences and
//! tokens (dyad-text), tags, lemmas, dependencies and entities (dyad-nlp), actors,
//! verbs and issues (dictionaries), and events with their roles, negation,
//! modality and attribution ([`engine`]).
//!
//! [`Coder::code_sentences`] codes sentences that are already analysed (for
//! example converted from a Penn Treebank parse by [`ptb`]); `dyad validate`
//! uses it through [`validate`].

#[cfg(test)]
mod constructions;
pub mod dict;
pub mod document;
pub mod engine;
pub mod interaction;
pub mod lemma;
mod news;
pub mod ptb;
pub mod reciprocal;
pub mod record;
#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod testutil;
pub mod validate;
pub mod validation;

use dict::{AgentDictionary, DiscardDictionary, IssueDictionary, VerbDictionary};
use dyad_nlp::AnalyzedSentence;
use dyad_text::Document;
use engine::{Dictionaries, EngineOptions};
use record::{ActorCandidateRecord, AttributionRecord, EventRecord};
use std::path::{Path, PathBuf};

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
    /// dyad's own dictionaries folder; `None` looks in the default places
    /// (`$DYAD_DICTIONARIES`, `./dictionaries`, next to the executable).
    pub dyad_dictionaries_dir: Option<PathBuf>,
    /// Code events whose source or target is missing (PETRARCH's `require_dyad = false`).
    pub allow_missing_roles: bool,
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
    dicts: Dictionaries,
    pipeline: Option<nlp::Pipeline>,
}

/// The PETRARCH dictionary files of a folder, by role.
#[derive(Debug, Clone, Default)]
pub struct PetrarchFiles {
    pub verbs: Vec<PathBuf>,
    pub actors: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub discards: Vec<PathBuf>,
    pub issues: Vec<PathBuf>,
}

impl PetrarchFiles {
    /// Guesses the roles of the files in a PETRARCH dictionary folder from their
    /// names (`*verbs*`/`CAMEO*` verbs, `*actors*`, `*agents*`, `*discards*`, `*Issue*`).
    pub fn from_dir(dir: &Path) -> Result<PetrarchFiles, CoderError> {
        let rd =
            std::fs::read_dir(dir).map_err(|e| CoderError(format!("{}: {e}", dir.display())))?;
        let mut f = PetrarchFiles::default();
        let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for p in names {
            let n = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_lowercase();
            if !n.ends_with(".txt") {
                continue;
            }
            // Validation dictionaries are only used when a validation file names them.
            if n.contains("validate") {
                continue;
            }
            if n.contains("verbs") || n.starts_with("cameo.2") {
                f.verbs.push(p);
            } else if n.contains("actors") {
                f.actors.push(p);
            } else if n.contains("agents") {
                f.agents.push(p);
            } else if n.contains("discard") {
                f.discards.push(p);
            } else if n.contains("issue") {
                f.issues.push(p);
            }
        }
        if f.verbs.is_empty() || f.actors.is_empty() {
            return Err(CoderError(format!(
                "{}: no PETRARCH verb and actor dictionaries found (expected *verbs*.txt or CAMEO*.txt and *actors*.txt)",
                dir.display()
            )));
        }
        Ok(f)
    }
}

fn read(path: &Path) -> Result<String, CoderError> {
    std::fs::read_to_string(path).map_err(|e| CoderError(format!("{}: {e}", path.display())))
}

fn name_of(path: &Path) -> String {
    path.display().to_string()
}

/// Rewrites code groups of a PETRARCH actor file that the actor reader does not
/// take, keeping line numbers: `[HOBGOV 19950601 - 19990815]` (spaced range),
/// lower-case codes, and composite codes (`[FRO/BIL/SAM]`, `[###]`), which are
/// stored under a placeholder code recorded in `composite`.
pub fn normalize_petrarch_actor_codes(
    text: &str,
    composite: &mut std::collections::HashMap<String, Vec<String>>,
) -> String {
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split_inclusive('\n').enumerate() {
        let mut rest = line;
        // Only code groups outside comments are touched.
        let comment_at = rest
            .find('#')
            .filter(|&h| rest[..h].matches('[').count() == rest[..h].matches(']').count());
        let (body, comment) = match comment_at {
            Some(h) => rest.split_at(h),
            None => (rest, ""),
        };
        rest = body;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find(']').map(|c| open + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            let inner = rest[open + 1..close].trim();
            let mut parts = inner.splitn(2, char::is_whitespace);
            let code = parts.next().unwrap_or("");
            let dates = parts.next().unwrap_or("").trim();
            // "19950601 - 19990815" -> "19950601-19990815"; "> 990816" stays.
            let dates: String =
                if dates.contains(" - ") || dates.contains("- ") || dates.contains(" -") {
                    dates
                        .split('-')
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join("-")
                } else {
                    dates.to_string()
                };
            let code_ok = !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric());
            let new_code = if code == "---" || code.is_empty() {
                code.to_string()
            } else if code_ok {
                code.to_uppercase()
            } else {
                let members: Vec<String> = code
                    .split('/')
                    .map(|c| c.trim().to_uppercase())
                    .filter(|c| !c.is_empty())
                    .collect();
                let key = format!("ZZCOMPOSITE{}L{}", composite.len(), k + 1);
                composite.insert(key.clone(), members);
                key
            };
            out.push('[');
            out.push_str(&new_code);
            if !dates.is_empty() {
                out.push(' ');
                out.push_str(&dates);
            }
            out.push(']');
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out.push_str(comment);
    }
    out
}

/// Loads PETRARCH-format dictionaries.
pub fn load_petrarch(files: &PetrarchFiles) -> Result<Dictionaries, CoderError> {
    let mut d = Dictionaries::default();
    // Warnings (code groups PETRARCH itself cannot use) are not fatal.
    let mut warnings = Vec::new();
    for p in &files.actors {
        let text = normalize_petrarch_actor_codes(&read(p)?, &mut d.composite_codes);
        d.actors
            .read_petrarch(&name_of(p), &text, &mut warnings)
            .map_err(|e| CoderError(e.to_string()))?;
    }
    let mut verbs = VerbDictionary::default();
    for p in &files.verbs {
        verbs
            .read_petrarch(&name_of(p), &read(p)?)
            .map_err(|e| CoderError(e.to_string()))?;
    }
    d.verbs = verbs;
    let mut agents = AgentDictionary::default();
    for p in &files.agents {
        agents
            .read_petrarch(&name_of(p), &read(p)?)
            .map_err(|e| CoderError(e.to_string()))?;
    }
    d.agents = agents;
    let mut discards = DiscardDictionary::default();
    for p in &files.discards {
        discards
            .read_petrarch(&name_of(p), &read(p)?)
            .map_err(|e| CoderError(e.to_string()))?;
    }
    d.discards = discards;
    let mut issues = IssueDictionary::default();
    for p in &files.issues {
        issues
            .read_petrarch(&name_of(p), &read(p)?)
            .map_err(|e| CoderError(e.to_string()))?;
    }
    d.issues = issues;
    Ok(d)
}

/// The default place of dyad's own dictionaries.
pub fn default_dictionaries_dir() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("DYAD_DICTIONARIES") {
        return Some(PathBuf::from(d));
    }
    let mut cands = vec![PathBuf::from("dictionaries")];
    if let Ok(exe) = std::env::current_exe() {
        for anc in exe.ancestors().skip(1).take(4) {
            cands.push(anc.join("dictionaries"));
        }
    }
    cands.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries"));
    cands.into_iter().find(|c| c.join("actors").is_dir())
}

/// Loads dyad's own dictionaries from `dir` (`actors/*.txt`, `agents.txt`,
/// `verbs.txt`, `issues.txt`; files that are missing are skipped).
pub fn load_dyad(dir: &Path) -> Result<Dictionaries, CoderError> {
    let mut d = Dictionaries::default();
    let actors = dir.join("actors");
    if actors.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&actors)
            .map_err(|e| CoderError(format!("{}: {e}", actors.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for p in files {
            d.actors
                .read_dyad(&name_of(&p), &read(&p)?)
                .map_err(|e| CoderError(e.to_string()))?;
        }
    }
    let agents = dir.join("agents.txt");
    if agents.is_file() {
        d.agents
            .read_dyad(&name_of(&agents), &read(&agents)?)
            .map_err(|e| CoderError(e.to_string()))?;
    }
    let verbs = dir.join("verbs.txt");
    if verbs.is_file() {
        d.verbs
            .read_dyad(&name_of(&verbs), &read(&verbs)?)
            .map_err(|e| CoderError(e.to_string()))?;
    }
    let issues = dir.join("issues.txt");
    if issues.is_file() {
        d.issues
            .read_dyad(&name_of(&issues), &read(&issues)?)
            .map_err(|e| CoderError(e.to_string()))?;
    }
    Ok(d)
}

impl Coder {
    /// Loads models and dictionaries: PETRARCH-format ones from
    /// `options.dictionaries_dir`, else dyad's own.
    pub fn new(options: &CoderOptions) -> Result<Coder, CoderError> {
        let dicts = match &options.dictionaries_dir {
            Some(dir) => load_petrarch(&PetrarchFiles::from_dir(dir)?)?,
            None => {
                let dir = options
                    .dyad_dictionaries_dir
                    .clone()
                    .or_else(default_dictionaries_dir)
                    .ok_or_else(|| CoderError("dyad's dictionaries not found: set DYAD_DICTIONARIES or run from the repository".into()))?;
                load_dyad(&dir)?
            }
        };
        let pipeline = load_pipeline(options.models_dir.as_deref())?;
        Ok(Coder {
            options: options.clone(),
            dicts,
            pipeline: Some(pipeline),
        })
    }

    /// A coder over given dictionaries, without NLP models: only
    /// [`Coder::code_sentences`] can be used.
    pub fn with_dictionaries(options: &CoderOptions, dicts: Dictionaries) -> Coder {
        Coder {
            options: options.clone(),
            dicts,
            pipeline: None,
        }
    }

    /// A coder over given dictionaries, with the NLP models loaded.
    pub fn with_dictionaries_and_models(
        options: &CoderOptions,
        dicts: Dictionaries,
    ) -> Result<Coder, CoderError> {
        let pipeline = load_pipeline(options.models_dir.as_deref())?;
        Ok(Coder {
            options: options.clone(),
            dicts,
            pipeline: Some(pipeline),
        })
    }

    /// The options this coder was built with.
    pub fn options(&self) -> &CoderOptions {
        &self.options
    }

    /// The dictionaries in use.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// The engine options from the coder options.
    pub fn engine_options(&self) -> EngineOptions {
        EngineOptions {
            require_dyad: !self.options.allow_missing_roles,
            ..EngineOptions::default()
        }
    }

    /// Analyses the text of a document into sentences (needs the NLP models):
    /// tags, lemmas, entity labels and dependencies of every sentence.
    pub fn analyze(&self, doc: &Document) -> Result<Vec<AnalyzedSentence>, CoderError> {
        let p = self
            .pipeline
            .as_ref()
            .ok_or_else(|| CoderError("no NLP models loaded".into()))?;
        let sents = dyad_text::segment(&doc.text);
        p.analyze(&doc.text, &sents).map_err(CoderError)
    }

    /// Codes one document. Without models (a coder made with
    /// [`Coder::with_dictionaries`]) a document yields no events.
    ///
    /// The analysis leaves out what coding never reads (the same records as
    /// coding [`Coder::analyze`]'s sentences): entity labels (tokens get `O`),
    /// and the dependency parse of sentences that cannot yield a record
    /// ([`ParseNeed`]).
    pub fn code_document(&self, doc: &Document) -> CodedDocument {
        let Some(p) = self.pipeline.as_ref() else {
            return CodedDocument::default();
        };
        let sents = dyad_text::segment(&doc.text);
        let mut need = ParseNeed::new(&self.dicts, self.engine_options().require_dyad);
        let analyzed = p.analyze_for_coding(&doc.text, &sents, |s| need.needs_parse(s));
        self.code_sentences(doc, &analyzed)
    }

    /// Codes analysed sentences of a document.
    pub fn code_sentences(&self, doc: &Document, sents: &[AnalyzedSentence]) -> CodedDocument {
        document::code_sentences(self, doc, sents)
    }
}

/// Which sentences of a document coding needs parsed, decided in document
/// order from tags and dictionary matches alone.
///
/// A sentence is left unparsed only when it can yield no record whatever its
/// parse. With `require_dyad` an event needs a source and a target actor. Every
/// actor the engine finds comes from an actor or agent mention in the sentence
/// (dictionary names, or document aliases of earlier titled names), from a
/// pronoun subject (`PRP` or he/she/it/...: the document's last subject), or
/// from PETRARCH's `new_actor_length` (0 when coding documents); actor
/// candidates (and so aliases) need an agent mention. Events start at a
/// dictionary verb (a `VB*`/`VERB` token whose form or lemma the verb
/// dictionary lists) or an event noun. So a sentence with no possible agent
/// noun, and with either no possible predicate or no possible actor (no
/// actor name, alias or pronoun), gives neither events nor candidates and
/// changes no document state (aliases, last subject): its parse is never read.
///
/// Keep this in step with `engine.rs`: a new source of actors or events there
/// must be a reason to parse here (`coding_reads_no_entity_labels_nor_skipped_parses`
/// compares both ways on the samples and, when present, VOA stories).
pub struct ParseNeed<'d> {
    dicts: &'d Dictionaries,
    /// Parse everything (events without a dyad are coded).
    all: bool,
    /// Lower-case proper nouns of parsed sentences with an agent noun so far:
    /// the only words that can become document aliases (`Aliases::by_name`).
    names: std::collections::HashSet<String>,
}

/// Pronouns the engine resolves to the document's last subject (`is_pronoun`
/// of the lower-cased form).
fn is_context_pronoun(form: &str) -> bool {
    const WORDS: [&str; 8] = ["he", "she", "it", "they", "we", "him", "her", "them"];
    if form.is_ascii() {
        WORDS.iter().any(|w| w.eq_ignore_ascii_case(form))
    } else {
        WORDS.contains(&form.to_lowercase().as_str())
    }
}

impl<'d> ParseNeed<'d> {
    /// A fresh decision for one document.
    pub fn new(dicts: &'d Dictionaries, require_dyad: bool) -> ParseNeed<'d> {
        ParseNeed {
            dicts,
            all: !require_dyad,
            names: Default::default(),
        }
    }

    /// Whether coding reads the parse of `s` (the next sentence of the document).
    pub fn needs_parse(&mut self, s: &AnalyzedSentence) -> bool {
        if self.all {
            return true;
        }
        let n = s.tokens.len();
        let mut pronoun = false;
        let mut rewritten = false;
        let mut alias = false;
        for (i, t) in s.tokens.iter().enumerate() {
            let f = t.form.as_str();
            // `Sent::new` rejoins "Barad - dur" and "military" + "-ruled" and
            // splits "Dol_Amroth": the matchers below would see other words.
            // (Any token glued to a following "-..." token counts, a superset
            // of both rejoining rules.)
            let glued_hyphen = i + 1 < n
                && s.tokens[i + 1].form.starts_with('-')
                && t.span.end == s.tokens[i + 1].span.start
                && t.span.end > t.span.start;
            if glued_hyphen || f.contains('_') {
                rewritten = true;
                break;
            }
            let proper = t.upos == "PROPN" || t.xpos.starts_with("NNP");
            if proper && !self.names.is_empty() && self.names.contains(&f.to_lowercase()) {
                alias = true;
            }
            pronoun |= t.xpos == "PRP" || is_context_pronoun(f);
        }
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        // Candidates need an agent noun (matched on the rewritten words, if any).
        let agent = rewritten || self.dicts.agents.matcher.has_match(&words);
        // Without a possible predicate there is no event, and without an agent
        // noun no candidate: then no actor matters.
        let need = agent
            || (self.may_have_predicate(s)
                && (alias || pronoun || self.dicts.actors.has_mention(&words)));
        if need && agent {
            for t in &s.tokens {
                if t.upos == "PROPN" || t.xpos.starts_with("NNP") {
                    self.names.insert(t.form.to_lowercase());
                }
            }
        }
        need
    }

    /// Could a verb or noun of `s` start an event (`find_predicates`,
    /// `code_event_nouns`)? Never false when one could.
    fn may_have_predicate(&self, s: &AnalyzedSentence) -> bool {
        let verbs = &self.dicts.verbs;
        s.tokens.iter().any(|t| {
            let verb = t.xpos.starts_with("VB") || t.upos == "VERB";
            let noun =
                !verbs.nouns.is_empty() && (t.upos == "NOUN" || t.xpos == "NN" || t.xpos == "NNS");
            if !verb && !noun {
                return false;
            }
            let lower = t.form.to_lowercase();
            let lemma = if t.lemma.is_empty() || t.lemma == "_" {
                lower.clone()
            } else {
                t.lemma.to_lowercase()
            };
            (verb && (verbs.by_form.contains_key(&lower) || verbs.by_form.contains_key(&lemma)))
                || (noun && (verbs.nouns.contains_key(&lemma) || verbs.nouns.contains_key(&lower)))
        })
    }
}

fn load_pipeline(dir: Option<&Path>) -> Result<nlp::Pipeline, CoderError> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => dyad_nlp::default_models_dir().ok_or_else(|| {
            CoderError("NLP models not found: pass --models DIR or set DYAD_MODELS".into())
        })?,
    };
    nlp::Pipeline::load(&dir).map_err(|e| CoderError(format!("{}: {e}", dir.display())))
}

/// The NLP pipeline: dyad-nlp's tagger, lemmatizer, NER and parser.
mod nlp {
    use dyad_nlp::ner::Ner;
    use dyad_nlp::AnalyzedSentence;
    use dyad_text::Sentence;
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    /// The coder's loaded pipeline. The NER is loaded on first use: coding
    /// reads no entity labels, only [`Pipeline::analyze`] gives them.
    pub struct Pipeline {
        inner: dyad_nlp::pipeline::Pipeline,
        dir: PathBuf,
        ner: OnceLock<Result<Option<Ner>, String>>,
    }

    impl Pipeline {
        pub fn load(dir: &Path) -> Result<Pipeline, String> {
            let p =
                dyad_nlp::pipeline::Pipeline::load_stages(dir, false).map_err(|e| e.to_string())?;
            if p.parser.is_none() {
                return Err(format!("no parser model (parser.bin) in {}", dir.display()));
            }
            Ok(Pipeline {
                inner: p,
                dir: dir.to_path_buf(),
                ner: OnceLock::new(),
            })
        }

        /// All sentences of a document at once, with entity labels: each
        /// model runs over the whole document in turn, so its tables stay in
        /// the caches (the result equals sentence-by-sentence analysis).
        pub fn analyze(
            &self,
            text: &str,
            sents: &[Sentence],
        ) -> Result<Vec<AnalyzedSentence>, String> {
            let ner = self.ner.get_or_init(|| {
                let path = self.dir.join(dyad_nlp::pipeline::NER_FILE);
                if path.exists() {
                    Ner::load(&path)
                        .map(Some)
                        .map_err(|e| format!("{}: {e}", path.display()))
                } else {
                    Ok(None)
                }
            });
            let ner = ner.as_ref().map_err(Clone::clone)?;
            Ok(self
                .inner
                .analyze_with(text, sents, ner.as_ref(), |_, _| true))
        }

        /// [`Pipeline::analyze`] without what coding never reads: no entity
        /// labels (every token gets `O`), and a parse only of the sentences
        /// `parse_if` asks for (in document order).
        pub fn analyze_for_coding(
            &self,
            text: &str,
            sents: &[Sentence],
            mut parse_if: impl FnMut(&AnalyzedSentence) -> bool,
        ) -> Vec<AnalyzedSentence> {
            self.inner
                .analyze_with(text, sents, None, |_, s| parse_if(s))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of `docs` coded from the full analysis (entity labels,
    /// every sentence parsed) and as `code_document` codes them; also how
    /// many sentences [`ParseNeed`] left unparsed.
    fn both_ways(coder: &Coder, docs: &[Document]) -> (usize, usize) {
        let (mut records, mut skipped) = (0, 0);
        for doc in docs {
            let full = coder.analyze(doc).expect("models loaded");
            let mut need = ParseNeed::new(coder.dictionaries(), true);
            skipped += full.iter().filter(|s| !need.needs_parse(s)).count();
            let want = coder.code_sentences(doc, &full);
            assert_eq!(coder.code_document(doc), want, "{}", doc.id);
            records += want.events.len() + want.actor_candidates.len();
        }
        (records, skipped)
    }

    fn text_docs(dir: &Path, limit: usize) -> Vec<Document> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
        files.sort();
        files.truncate(limit);
        files
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("readable");
                Document::new(p.display().to_string(), text)
            })
            .collect()
    }

    #[test]
    fn coding_reads_no_entity_labels_nor_skipped_parses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let Some(models) = dyad_nlp::default_models_dir().filter(|d| d.join("parser.bin").exists())
        else {
            eprintln!("note: no parser.bin: skipping");
            return;
        };
        let options = CoderOptions {
            models_dir: Some(models),
            dyad_dictionaries_dir: Some(root.join("dictionaries")),
            ..CoderOptions::default()
        };
        let coder = Coder::new(&options).expect("coder");
        let mut docs = text_docs(&root.join("samples"), 20);
        docs.push(Document::new(
            "pronouns",
            "Defense Minister Rustem Umerov met NATO officials in Brussels on Monday. \
             Umerov said talks went well. He thanked them. It was raining. \
             The weather stayed cold all week. Negotiators from Barad - dur and Dol_Amroth arrived. \
             Al-Qaeda-linked rebels attacked military-ruled Myanmar.",
        ));
        // A pronoun subject with no name in its sentence: the last subject acts.
        docs.push(Document::new(
            "context",
            "Russian and Ukrainian negotiators met in Istanbul on Monday. \
             They met again on Tuesday. They agreed to meet again next week.",
        ));
        let (records, skipped) = both_ways(&coder, &docs);
        assert!(
            records > 0 && skipped > 0,
            "{records} records, {skipped} unparsed"
        );
        // Phoenix + CAMEO.2.0 over VOA stories, when present.
        let shared = root.join("../shared/data");
        let voa = shared.join("voa/voa_stories.jsonl");
        if !shared.join("petrarch").is_dir() || !voa.is_file() {
            eprintln!("note: ../shared/data not found: Phoenix check skipped");
            return;
        }
        let options = CoderOptions {
            dictionaries_dir: Some(shared.join("petrarch")),
            ..options
        };
        let coder = Coder::new(&options).expect("Phoenix coder");
        let docs: Vec<Document> = std::fs::read_to_string(&voa)
            .expect("readable")
            .lines()
            .take(30)
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
                Document::new(
                    v["id"].as_str().unwrap_or("?"),
                    v["text"].as_str().unwrap_or(""),
                )
            })
            .collect();
        let (records, skipped) = both_ways(&coder, &docs);
        assert!(
            records > 0 && skipped > 0,
            "{records} records, {skipped} unparsed"
        );
    }

    #[test]
    fn coder_is_sync() {
        fn assert_sync<T: Sync + Send>() {}
        assert_sync::<Coder>();
    }
}
