//! A greedy transition-based dependency parser producing labelled UD trees.
//!
//! - Transition system: arc-hybrid ([`system`]), one root word per sentence.
//! - Training: averaged perceptron with the dynamic oracle of Goldberg & Nivre
//!   (2013) and error exploration; non-projective training trees are
//!   projectivised by lifting.
//! - Features: Zhang & Nivre (2011) style templates ([`features`]) hashed to
//!   `u64`; weights are `i16` rows in a hashed table ([`model`]).
//! - Labels: a second perceptron labels each arc when it is made, from the
//!   head, the dependent, their children so far and their neighbours; labels
//!   feed later move decisions.
//! - Robustness to tagging errors (optional feature sets stored in the model):
//!   word classes of s0, s1, b0-b2 (the tagger's exchange clusters, a copy
//!   kept in parser.bin), and the tagger's runner-up XPOS where its margin is
//!   small ([`Parser::parse_with_alts`]; `Pipeline` passes them).
//!
//! ```no_run
//! use dyad_nlp::parser::Parser;
//! # fn f(mut sentence: dyad_nlp::AnalyzedSentence) -> Result<(), dyad_nlp::parser::ParserError> {
//! let parser = Parser::load("models/parser.bin".as_ref())?;
//! parser.parse(&mut sentence); // fills head and deprel of every token
//! # Ok(()) }
//! ```

pub mod features;
pub(crate) mod mem;
pub mod model;
pub mod search;
pub mod system;

use crate::clusters::Clusters;
use crate::tagger::XposAlt;
use crate::{AnalyzedSentence, AnalyzedToken};
use dyad_text::conllu::ConlluSentence;
use features::{label_features, move_features, token_hashes, HashInput, TokenHashes};
use model::{Perceptron, Reader, Table};
use std::path::Path;
use system::{State, LEFT, N_MOVES, RIGHT, SHIFT};

const MAGIC: &[u8; 8] = b"DYADPRS1";
/// Bumped whenever feature templates change, so old models are refused.
/// Version 4 adds optional feature sets (word classes, runner-up tags), the
/// clusters and the margin thresholds; version 3 files load as version 4
/// with no optional features (the same templates).
const FEATURE_VERSION: u32 = 4;

/// Runner-up XPOS and margin of each word of a sentence (see
/// [`crate::tagger::Tagger::tag_with_alternatives`]).
pub type Alts = Vec<(String, f32)>;

/// Errors loading, saving or training a parser.
#[derive(Debug, thiserror::Error)]
pub enum ParserError {
    #[error("{path}: {message}")]
    Model { path: String, message: String },
    #[error("{0}")]
    Data(String),
}

/// A trained dependency parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    labels: Vec<String>,
    root: u16,
    moves: Table,
    labeller: Table,
    /// Optional feature sets ([`features::FEAT_CLUSTERS`], [`features::FEAT_ALTS`]).
    set: u32,
    /// Word classes for [`features::FEAT_CLUSTERS`].
    clusters: Clusters,
    /// Margin thresholds for [`features::FEAT_ALTS`].
    margins: [f32; 2],
    /// Decoding strategy (not stored in the file; greedy unless set).
    decoder: search::Decoder,
}

const CLUSTER_MAGIC: &[u8; 8] = b"DYADPCLS";

impl Parser {
    /// Zeroes the weight rows whose largest quantised weight is below
    /// `min_abs`, so that the saved model is smaller; returns the move and
    /// label rows kept.
    pub fn prune(&mut self, min_abs: i16) -> (usize, usize) {
        (self.moves.prune(min_abs), self.labeller.prune(min_abs))
    }

    /// Loads a model written by [`Parser::save`].
    pub fn load(path: &Path) -> Result<Parser, ParserError> {
        let bytes = std::fs::read(path).map_err(|e| ParserError::Model {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        Parser::from_bytes(&bytes).map_err(|message| ParserError::Model {
            path: path.display().to_string(),
            message,
        })
    }

    /// Writes the model.
    pub fn save(&self, path: &Path) -> Result<(), ParserError> {
        std::fs::write(path, self.to_bytes()).map_err(|e| ParserError::Model {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    }

    /// The model as bytes (see [`Parser::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            model::write_string(&mut out, l);
        }
        out.extend_from_slice(&(self.root as u32).to_le_bytes());
        self.moves.write(&mut out);
        self.labeller.write(&mut out);
        out.extend_from_slice(&self.set.to_le_bytes());
        out.extend_from_slice(&self.margins[0].to_le_bytes());
        out.extend_from_slice(&self.margins[1].to_le_bytes());
        let mut w = crate::binio::Writer::new(CLUSTER_MAGIC, 1);
        self.clusters.write(&mut w);
        out.extend_from_slice(&(w.buf.len() as u32).to_le_bytes());
        out.extend_from_slice(&w.buf);
        out
    }

    /// Reads a model from bytes; errors say what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, String> {
        let mut r = Reader::new(bytes);
        if r.bytes(8)? != MAGIC {
            return Err("not a dyad parser model".into());
        }
        let v = r.u32()?;
        if v != FEATURE_VERSION && v != 3 {
            return Err(format!(
                "model has feature version {v}, this build expects {FEATURE_VERSION}: retrain it"
            ));
        }
        let n = r.u32()? as usize;
        if n == 0 || n > 4096 {
            return Err(format!("bad label count {n}"));
        }
        let labels = (0..n).map(|_| r.string()).collect::<Result<Vec<_>, _>>()?;
        let root = r.u32()? as usize;
        if root >= n {
            return Err("bad root label".into());
        }
        let moves = Table::read(&mut r)?;
        let labeller = Table::read(&mut r)?;
        if moves.classes != N_MOVES || labeller.classes != n {
            return Err("table shapes do not match the label set".into());
        }
        let (mut set, mut margins, mut clusters) = (0, [0f32; 2], Clusters::default());
        if v >= 4 {
            set = r.u32()?;
            if set & !(features::FEAT_CLUSTERS | features::FEAT_ALTS | features::FEAT_BREAK) != 0 {
                return Err(format!("unknown feature sets {set:#x}"));
            }
            margins = [r.f32()?, r.f32()?];
            let len = r.u32()? as usize;
            let blob = r.bytes(len)?;
            let (mut cr, _) = crate::binio::Reader::new(blob, CLUSTER_MAGIC, "parser clusters")
                .map_err(|e| e.to_string())?;
            clusters = Clusters::read(&mut cr).map_err(|e| e.to_string())?;
            cr.finish().map_err(|e| e.to_string())?;
        }
        if r.pos != bytes.len() {
            return Err("trailing bytes after the model".into());
        }
        Ok(Parser {
            labels,
            root: root as u16,
            moves,
            labeller,
            set,
            clusters,
            margins,
            decoder: search::Decoder::default(),
        })
    }

    /// Sets the decoding strategy (greedy by default; see [`search`]).
    pub fn set_decoder(&mut self, decoder: search::Decoder) {
        self.decoder = decoder;
    }

    /// The decoding strategy in use.
    pub fn decoder(&self) -> search::Decoder {
        self.decoder
    }

    /// Whether this model parses a forest and so splits sentences
    /// ([`features::FEAT_BREAK`]: every word headed by 0 starts its own tree).
    pub fn splits_sentences(&self) -> bool {
        self.set & features::FEAT_BREAK != 0
    }

    /// The dependency labels this model predicts.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Fills `head` and `deprel` of every token from form, lemma, XPOS and
    /// UPOS. Linear in the sentence length; never panics; an empty sentence is
    /// left alone.
    pub fn parse(&self, sentence: &mut AnalyzedSentence) {
        self.parse_with_alts(sentence, &[]);
    }

    /// [`Parser::parse`] with the tagger's runner-up XPOS and margin of each
    /// word (ignored unless the model uses them or when the length differs).
    pub fn parse_with_alts(&self, sentence: &mut AnalyzedSentence, alts: &[XposAlt<'_>]) {
        self.parse_scratch(sentence, alts, 0);
    }

    /// [`Parser::parse`] for a model that splits sentences
    /// ([`Parser::splits_sentences`]), with `break_bias` subtracted from the
    /// score of ending a sentence before the last word (in the move table's
    /// integer units; positive: fewer breaks). Other models ignore the bias.
    pub fn parse_forest(&self, sentence: &mut AnalyzedSentence, break_bias: i32) {
        self.parse_scratch(sentence, &[], break_bias);
    }

    /// Parses with this thread's reused buffers (an empty sentence is left
    /// alone).
    fn parse_scratch(
        &self,
        sentence: &mut AnalyzedSentence,
        alts: &[XposAlt<'_>],
        break_bias: i32,
    ) {
        if sentence.tokens.is_empty() {
            return;
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.parse_with(sentence, alts, break_bias, &mut scratch),
            // Only if a parse were re-entered on this thread: use fresh buffers.
            Err(_) => self.parse_with(sentence, alts, break_bias, &mut Scratch::default()),
        });
    }

    /// Whether the model looks at the tagger's runner-up tags (callers can
    /// skip computing them otherwise).
    pub fn uses_alternatives(&self) -> bool {
        self.set & features::FEAT_ALTS != 0
    }

    fn hash_input<'a>(&'a self, alts: &'a [XposAlt<'a>]) -> HashInput<'a> {
        HashInput {
            clusters: (self.set & features::FEAT_CLUSTERS != 0).then_some(&self.clusters),
            alts: if self.uses_alternatives() { alts } else { &[] },
            margins: self.margins,
        }
    }

    fn parse_with(
        &self,
        sentence: &mut AnalyzedSentence,
        alts: &[XposAlt<'_>],
        break_bias: i32,
        scratch: &mut Scratch,
    ) {
        let n = sentence.tokens.len();
        let (mut decoding, st) = scratch.start(self, sentence, alts, break_bias);
        decoding.decode(&self.decoder, st);
        for (i, tok) in sentence.tokens.iter_mut().enumerate() {
            let d = i + 1;
            let h = st.heads[d];
            if h as usize > n {
                // Cannot happen for a completed arc-hybrid derivation; stay safe.
                tok.head = 0;
                tok.deprel.clone_from(&self.labels[self.root as usize]);
            } else {
                tok.head = h as usize;
                let l = st.labels[d] as usize;
                match self.labels.get(l) {
                    Some(label) => tok.deprel.clone_from(label),
                    None => tok.deprel.clear(),
                }
            }
        }
    }

    /// Runs the derivation from the initial state `st` to a complete tree.
    fn run(
        &self,
        th: &[TokenHashes],
        st: &mut State,
        feats: &mut Vec<u64>,
        lsc: &mut [i32],
        break_bias: i32,
    ) {
        let n = st.n as usize;
        let mut sc = [0i32; N_MOVES];
        let max_steps = 2 * n + 2;
        for _ in 0..max_steps {
            if st.is_terminal() {
                break;
            }
            let mv = match only_legal(st) {
                // Scores cannot change a forced move (the first SHIFT, the
                // RIGHTs once the buffer is empty): skip ~150 table reads.
                Some(mv) => mv,
                None => {
                    move_features(th, st, self.set, feats, self.moves.prefetcher());
                    self.moves.scores_prefetched(feats, &mut sc);
                    bias_break(st, &mut sc, break_bias);
                    best_legal(st, |m| sc[m] as f32)
                }
            };
            let label = match st.arc_of(mv) {
                Some((0, _)) => self.root,
                Some((h, d)) => {
                    label_features(th, st, h, d, self.set, feats, self.labeller.prefetcher());
                    self.labeller.scores_prefetched(feats, lsc);
                    argmax_except_i32(lsc, self.root as usize) as u16
                }
                None => 0,
            };
            st.apply(mv, label);
        }
    }
}

/// Per-thread buffers reused from sentence to sentence: allocating them for
/// every sentence cost malloc time and made glibc consolidate its free lists.
struct Scratch {
    th: Vec<TokenHashes>,
    feats: Vec<u64>,
    label_scores: Vec<i32>,
    state: State,
    key_buf: String,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            th: Vec::with_capacity(64),
            feats: Vec::with_capacity(160),
            label_scores: Vec::new(),
            state: State::new(0),
            key_buf: String::new(),
        }
    }
}

impl Scratch {
    /// Hashes `sentence`'s tokens for `p` and resets the state and the label
    /// scores: the decoding of the sentence and the initial state it starts
    /// from.
    fn start<'a>(
        &'a mut self,
        p: &'a Parser,
        sentence: &AnalyzedSentence,
        alts: &[XposAlt<'_>],
        break_bias: i32,
    ) -> (search::Decoding<'a>, &'a mut State) {
        let Scratch {
            th,
            feats,
            label_scores,
            state: st,
            key_buf,
        } = self;
        token_hashes(sentence, &p.hash_input(alts), key_buf, th);
        st.reset(sentence.tokens.len());
        st.forest = p.set & features::FEAT_BREAK != 0;
        label_scores.clear();
        label_scores.resize(p.labels.len(), 0);
        let decoding = search::Decoding {
            p,
            th,
            feats,
            lsc: label_scores,
            break_bias,
        };
        (decoding, st)
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Subtracts `break_bias` from RIGHT where it ends a sentence before the
/// last word (forest models only; [`Parser::parse_forest`]).
#[inline]
fn bias_break(st: &State, sc: &mut [i32; N_MOVES], break_bias: i32) {
    if st.forest && st.stack.len() == 2 && st.b <= st.n {
        sc[RIGHT] = sc[RIGHT].saturating_sub(break_bias);
    }
}

/// The move when exactly one is legal.
fn only_legal(st: &State) -> Option<usize> {
    let mut only = None;
    for m in [SHIFT, LEFT, RIGHT] {
        if st.is_legal(m) {
            if only.is_some() {
                return None;
            }
            only = Some(m);
        }
    }
    only
}

/// The legal move with the highest score (ties: SHIFT, LEFT, RIGHT).
fn best_legal(st: &State, score: impl Fn(usize) -> f32) -> usize {
    let mut best = SHIFT;
    let mut best_score = f32::NEG_INFINITY;
    let mut any = false;
    for m in [SHIFT, LEFT, RIGHT] {
        if st.is_legal(m) && (!any || score(m) > best_score) {
            best = m;
            best_score = score(m);
            any = true;
        }
    }
    best
}

/// [`argmax_except`] of integer scores (the label scores at parse time): the
/// largest value is found first, in a loop the compiler vectorises, then its
/// first position; the same index as the generic one (the first of the
/// largest, `skip` left out, 0 when nothing else is there).
fn argmax_except_i32(xs: &[i32], skip: usize) -> usize {
    let Some(top) = xs
        .iter()
        .enumerate()
        .map(|(i, &x)| if i == skip { i32::MIN } else { x })
        .max()
    else {
        return 0;
    };
    xs.iter()
        .enumerate()
        .position(|(i, &x)| i != skip && x == top)
        .unwrap_or(0)
}

fn argmax_except<T: PartialOrd + Copy>(xs: &[T], skip: usize) -> usize {
    let mut best = usize::MAX;
    for (i, &x) in xs.iter().enumerate() {
        if i != skip && (best == usize::MAX || x > xs[best]) {
            best = i;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Rows of the move table: `2^move_bits`.
    pub move_bits: u32,
    /// Rows of the label table: `2^label_bits`.
    pub label_bits: u32,
    /// First epoch (0-based) in which the parser follows its own predictions.
    pub explore_from: usize,
    /// Probability of following the prediction instead of the oracle then.
    pub explore_p: f64,
    /// Rows whose largest quantised weight is below this are dropped on save.
    pub prune: i16,
    /// Optional feature sets ([`features::FEAT_CLUSTERS`], [`features::FEAT_ALTS`]).
    pub set: u32,
    /// Word classes for [`features::FEAT_CLUSTERS`] (stored in the model).
    pub clusters: Clusters,
    /// Margin thresholds of the runner-up tag features.
    pub margins: [f32; 2],
    /// Beam width of training (at most 1: greedy with the dynamic oracle
    /// and error exploration; more: beam search with max-violation updates,
    /// see [`search`]).
    pub beam: usize,
    /// First epoch (0-based) trained with the beam (earlier ones greedy).
    pub beam_from: usize,
    /// Decoder for the dev set and of the returned model.
    pub decoder: search::Decoder,
    /// The last `silver` sentences of the training set are silver trees
    /// (parsed by another parser, uptraining as in Petrov et al. 2010).
    pub silver: usize,
    /// Expected visits of each silver tree per epoch (a gold tree: 1); the
    /// fraction is drawn anew every epoch.
    pub silver_weight: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 15,
            seed: 1,
            move_bits: 22,
            label_bits: 18,
            explore_from: 1,
            explore_p: 0.9,
            prune: 0,
            set: 0,
            clusters: Clusters::default(),
            margins: [0.0; 2],
            beam: 0,
            beam_from: 0,
            decoder: search::Decoder::default(),
            silver: 0,
            silver_weight: 1.0,
        }
    }
}

/// Scores of parsed sentences against gold ones (all words, punctuation included).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AttachmentScores {
    pub words: usize,
    pub heads_correct: usize,
    /// Head and universal relation (subtype stripped: `obl:tmod` = `obl`).
    pub labelled_correct: usize,
    /// Head and full relation including subtype.
    pub full_labelled_correct: usize,
}

impl AttachmentScores {
    fn pct(x: usize, n: usize) -> f64 {
        if n == 0 {
            0.0
        } else {
            100.0 * x as f64 / n as f64
        }
    }
    /// Unlabelled attachment score, percent.
    pub fn uas(&self) -> f64 {
        Self::pct(self.heads_correct, self.words)
    }
    /// Labelled attachment score over universal relations, percent (CoNLL 2018 LAS).
    pub fn las(&self) -> f64 {
        Self::pct(self.labelled_correct, self.words)
    }
    /// Labelled attachment score over full relations with subtypes, percent.
    pub fn las_full(&self) -> f64 {
        Self::pct(self.full_labelled_correct, self.words)
    }
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Compares predicted trees with gold trees sentence by sentence.
pub fn score(
    gold: &[AnalyzedSentence],
    pred: &[AnalyzedSentence],
) -> Result<AttachmentScores, ParserError> {
    if gold.len() != pred.len() {
        return Err(ParserError::Data(format!(
            "{} gold sentences but {} parsed",
            gold.len(),
            pred.len()
        )));
    }
    let mut s = AttachmentScores::default();
    for (i, (g, p)) in gold.iter().zip(pred).enumerate() {
        if g.tokens.len() != p.tokens.len() {
            return Err(ParserError::Data(format!(
                "sentence {}: word counts differ",
                i + 1
            )));
        }
        for (gt, pt) in g.tokens.iter().zip(&p.tokens) {
            s.words += 1;
            if gt.head == pt.head {
                s.heads_correct += 1;
                if universal(&gt.deprel) == universal(&pt.deprel) {
                    s.labelled_correct += 1;
                }
                if gt.deprel == pt.deprel {
                    s.full_labelled_correct += 1;
                }
            }
        }
    }
    Ok(s)
}

/// The syntactic words of a CoNLL-U sentence with their gold annotation
/// (spans are left empty: CoNLL-U has no offsets).
pub fn sentence_from_conllu(s: &ConlluSentence) -> AnalyzedSentence {
    AnalyzedSentence {
        span: Default::default(),
        tokens: s
            .words
            .iter()
            .map(|w| AnalyzedToken {
                span: Default::default(),
                form: w.form.clone(),
                lemma: w.lemma.clone(),
                upos: w.upos.clone(),
                xpos: w.xpos.clone(),
                head: w.head,
                deprel: w.deprel.clone(),
                ner: "O".into(),
            })
            .collect(),
    }
}

/// Borrowed views of owned runner-up tags.
fn alt_views(v: &[(String, f32)]) -> Vec<XposAlt<'_>> {
    v.iter()
        .map(|(x, m)| XposAlt {
            xpos: x,
            margin: *m,
        })
        .collect()
}

/// Parses copies of `sentences` (their head and deprel are overwritten).
pub fn parse_all(parser: &Parser, sentences: &[AnalyzedSentence]) -> Vec<AnalyzedSentence> {
    parse_all_with_alts(parser, sentences, &[])
}

/// [`parse_all`] with the tagger's runner-up tags of each sentence (`alts`
/// empty: none).
pub fn parse_all_with_alts(
    parser: &Parser,
    sentences: &[AnalyzedSentence],
    alts: &[Alts],
) -> Vec<AnalyzedSentence> {
    sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut p = s.clone();
            let a: Vec<XposAlt<'_>> = match alts.get(i) {
                Some(v) if parser.uses_alternatives() => alt_views(v),
                _ => Vec::new(),
            };
            parser.parse_with_alts(&mut p, &a);
            p
        })
        .collect()
}

/// What training did, per epoch.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    /// (epoch, dev UAS, dev LAS) when a dev set was given.
    pub dev: Vec<(usize, f64, f64)>,
    /// Epoch (1-based) whose model was kept.
    pub best_epoch: usize,
    /// Training sentences skipped (not a tree).
    pub skipped: usize,
    /// Training trees that had to be projectivised.
    pub lifted: usize,
}

struct SplitMix(u64);
impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Fisher-Yates shuffle.
    fn shuffle(&mut self, v: &mut [usize]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// The examples of one epoch: every gold example once, each silver example
/// (indices `n_gold..n_all`) `floor(weight)` times plus once more with
/// probability `fract(weight)`, shuffled.
fn silver_epoch(gold_order: &[usize], n_all: usize, weight: f64, rng: &mut SplitMix) -> Vec<usize> {
    let mut v = gold_order.to_vec();
    let whole = weight.max(0.0).floor() as usize;
    let frac = weight.max(0.0).fract();
    for si in gold_order.len()..n_all {
        let k = whole + usize::from(frac > 0.0 && rng.unit() < frac);
        v.extend(std::iter::repeat_n(si, k));
    }
    rng.shuffle(&mut v);
    v
}

struct Example {
    th: Vec<TokenHashes>,
    gold: Vec<u32>,
    gold_labels: Vec<u16>,
}

/// Trains a parser on gold trees (their form, lemma, XPOS and UPOS are the
/// features; pass predicted tags to train on predicted tags). With `dev`, the
/// epoch with the best dev LAS is kept. `log` receives one line per epoch.
pub fn train(
    train_set: &[AnalyzedSentence],
    train_alts: &[Alts],
    dev: Option<(&[AnalyzedSentence], &[Alts])>,
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Result<(Parser, TrainReport), ParserError> {
    let mut labels: Vec<String> = train_set
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.deprel.clone()))
        .filter(|l| !l.is_empty() && l != "_")
        .collect();
    labels.push("root".into());
    labels.sort();
    labels.dedup();
    let root = labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
    let label_id = |l: &str| labels.binary_search_by(|x| x.as_str().cmp(l)).ok();

    let mut report = TrainReport::default();
    let mut examples = Vec::new();
    let mut key_buf = String::new();
    // Examples before this index are gold trees, the rest silver ones.
    let mut n_gold = 0;
    let silver_from = train_set.len().saturating_sub(cfg.silver);
    let proto = Parser {
        labels: labels.clone(),
        root,
        moves: Perceptron::new(8, N_MOVES).averaged_table(),
        labeller: Perceptron::new(8, 1).averaged_table(),
        set: cfg.set,
        clusters: cfg.clusters.clone(),
        margins: cfg.margins,
        decoder: cfg.decoder,
    };
    for (si, s) in train_set.iter().enumerate() {
        if si == silver_from {
            n_gold = examples.len();
        }
        let n = s.tokens.len();
        if n == 0 {
            continue;
        }
        let mut heads = vec![0u32];
        heads.extend(
            s.tokens
                .iter()
                .map(|t| t.head.min(u32::MAX as usize) as u32),
        );
        let Some(proj) = system::projectivize(&heads) else {
            report.skipped += 1;
            continue;
        };
        if proj != heads {
            report.lifted += 1;
        }
        let mut gold_labels = vec![root];
        for t in &s.tokens {
            gold_labels.push(label_id(&t.deprel).map_or(root, |x| x as u16));
        }
        let mut th = Vec::new();
        let a: Vec<XposAlt<'_>> = train_alts.get(si).map(|v| alt_views(v)).unwrap_or_default();
        token_hashes(s, &proto.hash_input(&a), &mut key_buf, &mut th);
        examples.push(Example {
            th,
            gold: proj,
            gold_labels,
        });
    }
    if cfg.silver == 0 {
        n_gold = examples.len();
    }
    if n_gold == 0 {
        return Err(ParserError::Data("no usable training trees".into()));
    }

    let mut moves = Perceptron::new(cfg.move_bits, N_MOVES);
    let mut labeller = Perceptron::new(cfg.label_bits, labels.len());
    let mut rng = SplitMix(cfg.seed);
    let mut order: Vec<usize> = (0..n_gold).collect();
    let mut feats = Vec::with_capacity(160);
    let mut sc = [0f32; N_MOVES];
    let mut lsc = vec![0f32; labels.len()];
    let mut best: Option<(f64, Parser)> = None;
    let mut beam_scratch = search::BeamScratch::default();

    for epoch in 0..cfg.epochs.max(1) {
        rng.shuffle(&mut order);
        let with_silver;
        let epoch_order = if examples.len() > n_gold {
            with_silver = silver_epoch(&order, examples.len(), cfg.silver_weight, &mut rng);
            &with_silver
        } else {
            &order
        };
        let (mut right, mut total) = (0usize, 0usize);
        let beam_epoch = cfg.beam > 1 && epoch >= cfg.beam_from;
        for &ei in epoch_order {
            let ex = &examples[ei];
            if beam_epoch {
                // Counts sentences: right = no update needed.
                total += 1;
                let updated = search::train_beam_sentence(
                    cfg.beam,
                    ex,
                    cfg.set,
                    root,
                    &mut moves,
                    &mut labeller,
                    &mut lsc,
                    &mut beam_scratch,
                );
                right += usize::from(!updated);
                continue;
            }
            let n = ex.gold.len() - 1;
            let mut st = State::new(n);
            st.forest = cfg.set & features::FEAT_BREAK != 0;
            while !st.is_terminal() {
                move_features(&ex.th, &st, cfg.set, &mut feats, |_| {});
                moves.scores(&feats, &mut sc);
                let mut cost = [u32::MAX; N_MOVES];
                for (m, c) in cost.iter_mut().enumerate() {
                    if let Some(x) = st.cost(m, &ex.gold) {
                        *c = x;
                    }
                }
                let min_cost = *cost.iter().min().unwrap_or(&0);
                let pred = best_legal(&st, |m| sc[m]);
                let mut oracle = pred;
                let mut oracle_score = f32::NEG_INFINITY;
                for m in 0..N_MOVES {
                    if cost[m] == min_cost
                        && (oracle_score == f32::NEG_INFINITY || sc[m] > oracle_score)
                    {
                        oracle = m;
                        oracle_score = sc[m];
                    }
                }
                moves.tick();
                total += 1;
                if cost[pred] > min_cost {
                    moves.update(&feats, oracle, pred);
                } else {
                    right += 1;
                }
                let explore = epoch >= cfg.explore_from && rng.unit() < cfg.explore_p;
                let mv = if explore { pred } else { oracle };
                let label = match st.arc_of(mv) {
                    Some((0, _)) => root,
                    Some((h, d)) => {
                        label_features(&ex.th, &st, h, d, cfg.set, &mut feats, |_| {});
                        labeller.scores(&feats, &mut lsc);
                        let pl = argmax_except(&lsc, root as usize) as u16;
                        let gl = ex.gold_labels[d as usize];
                        let arc_right = ex.gold[d as usize] == h;
                        labeller.tick();
                        if arc_right && gl != root && gl != pl {
                            labeller.update(&feats, gl as usize, pl as usize);
                        }
                        if arc_right && !explore && gl != root {
                            gl
                        } else {
                            pl
                        }
                    }
                    None => 0,
                };
                st.apply(mv, label);
            }
        }
        let parser = Parser {
            moves: moves.averaged_table(),
            labeller: labeller.averaged_table(),
            ..proto.clone()
        };
        let train_acc = 100.0 * right as f64 / total.max(1) as f64;
        match dev {
            Some((dev, dev_alts)) => {
                let sc = score(dev, &parse_all_with_alts(&parser, dev, dev_alts))?;
                log(&format!(
                    "epoch {}: train move accuracy {train_acc:.2}, dev uas {:.2} las {:.2}",
                    epoch + 1,
                    sc.uas(),
                    sc.las()
                ));
                report.dev.push((epoch + 1, sc.uas(), sc.las()));
                if best.as_ref().is_none_or(|(b, _)| sc.las() > *b) {
                    best = Some((sc.las(), parser));
                    report.best_epoch = epoch + 1;
                }
            }
            None => {
                log(&format!(
                    "epoch {}: train move accuracy {train_acc:.2}",
                    epoch + 1
                ));
                best = Some((0.0, parser));
                report.best_epoch = epoch + 1;
            }
        }
    }
    let mut parser = best
        .map(|b| b.1)
        .ok_or_else(|| ParserError::Data("no epochs".into()))?;
    if cfg.prune > 0 {
        let (km, kl) = parser.prune(cfg.prune);
        log(&format!("pruned: kept {km} move rows and {kl} label rows"));
    }
    Ok((parser, report))
}

#[cfg(test)]
mod tests;

/// A xorshift64 generator for the parser's randomised tests (seed must not be 0).
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
