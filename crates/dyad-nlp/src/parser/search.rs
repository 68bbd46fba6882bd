//! Search instead of greedy decoding (optional; the default stays greedy).
//!
//! - [`Search::Beam`]: a plain beam over whole derivations. Arc-hybrid
//!   derivations of one sentence all have `2n` moves, so the hypotheses stay
//!   in step and compare sums over the same number of moves.
//! - [`Search::Branch`]: selectional branching (Choi & McCallum 2013): follow
//!   the greedy path, note the moves whose best-vs-second score margin is
//!   below a threshold, then from up to `k - 1` of those (smallest margins
//!   first) take the runner-up move and continue greedily; the complete
//!   sequence with the best score wins. Costs one greedy parse plus the
//!   suffixes of the branches.
//!
//! A sequence's score ([`SeqScore`]) sums its move scores (forced moves score
//! 0), optionally plus the scores of the labels chosen on the way, or sums
//! locally normalised log-probabilities (a softmax over the legal moves).
//! Labels are the labeller's best label for each arc, as in greedy decoding.

use super::features::{label_features, move_features, TokenHashes, FEAT_BREAK};
use super::system::{State, N_MOVES, RIGHT, SHIFT};
use super::{argmax_except, argmax_except_i32, best_legal, bias_break, only_legal, Parser};

/// Largest beam or branching width [`Decoder::parse`] accepts.
pub const MAX_WIDTH: usize = 64;

/// Decoding strategy of a [`Parser`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Search {
    /// One greedy derivation (the default, the fastest).
    #[default]
    Greedy,
    /// A beam of `k` derivations (`k = 1` is greedy).
    Beam { k: usize },
    /// Selectional branching: at most `k` sequences in all; branch at moves
    /// whose margin (best minus second legal move score, in real perceptron
    /// units) is below `margin`.
    Branch { k: usize, margin: f32 },
}

/// How complete sequences are compared.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum SeqScore {
    /// Sum of the chosen moves' scores.
    #[default]
    Moves,
    /// Moves plus the scores of the labels chosen (both in real units).
    MovesLabels,
    /// Sum of log softmax over the legal moves, scores divided by `temp`.
    LogSoftmax { temp: f32 },
}

/// Search plus sequence scoring.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Decoder {
    pub search: Search,
    pub score: SeqScore,
}

impl Decoder {
    /// True when parsing is plain greedy decoding.
    pub fn is_greedy(&self) -> bool {
        match self.search {
            Search::Greedy => true,
            Search::Beam { k } | Search::Branch { k, .. } => k <= 1,
        }
    }

    /// Parses a decoder description: `greedy`, `beam:K`, `branch:K:MARGIN`,
    /// optionally followed by `,labels` or `,softmax:T` for the sequence score.
    pub fn parse(s: &str) -> Result<Decoder, String> {
        let mut parts = s.split(',');
        let search = parts.next().unwrap_or("greedy");
        let bad = || {
            format!("bad decoder {s:?}: use greedy, beam:K or branch:K:MARGIN, then ,moves / ,labels / ,softmax:T")
        };
        let f: Vec<&str> = search.split(':').collect();
        let num = |x: &str| x.trim().parse::<f32>().map_err(|_| bad());
        let k = |x: &str| x.trim().parse::<usize>().map_err(|_| bad());
        let search = match f.as_slice() {
            ["greedy"] => Search::Greedy,
            ["beam", kk] => Search::Beam { k: k(kk)? },
            ["branch", kk, m] => Search::Branch {
                k: k(kk)?,
                margin: num(m)?,
            },
            _ => return Err(bad()),
        };
        let score = match parts.next() {
            None | Some("moves") => SeqScore::Moves,
            Some("labels") => SeqScore::MovesLabels,
            Some(x) => match x.split_once(':') {
                Some(("softmax", t)) => SeqScore::LogSoftmax { temp: num(t)? },
                _ => return Err(bad()),
            },
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        // Widths beyond a few dozen only cost time (and memory: K states).
        match search {
            Search::Beam { k } | Search::Branch { k, .. } if k > MAX_WIDTH => {
                return Err(format!("bad decoder {s:?}: at most {MAX_WIDTH} sequences"));
            }
            Search::Branch { margin, .. } if !(margin >= 0.0 && margin.is_finite()) => {
                return Err(format!("bad decoder {s:?}: the margin must be >= 0"));
            }
            _ => {}
        }
        if let SeqScore::LogSoftmax { temp } = score {
            if !(temp > 0.0 && temp.is_finite()) {
                return Err(format!("bad decoder {s:?}: the temperature must be > 0"));
            }
        }
        Ok(Decoder { search, score })
    }
}

/// The scores of one step: the move scores (integer units) and whether the
/// move was forced (only one legal).
struct Step {
    sc: [i32; N_MOVES],
    forced: Option<usize>,
}

/// One derivation in the beam.
#[derive(Clone)]
struct Hyp {
    st: State,
    score: f64,
}

/// One sentence's decoding: the parser, the sentence's token hashes, the
/// reused feature and label-score buffers, and the forest break bias.
/// [`Decoding::decode`] runs the greedy derivation or a search decoder; the
/// search decoders share it instead of passing the same buffers around.
pub(super) struct Decoding<'a> {
    pub(super) p: &'a Parser,
    pub(super) th: &'a [TokenHashes],
    pub(super) feats: &'a mut Vec<u64>,
    pub(super) lsc: &'a mut [i32],
    /// Subtracted from ending a sentence early (forest models only;
    /// [`Parser::parse_forest`]).
    pub(super) break_bias: i32,
}

impl Parser {
    /// [`Decoding::step`] when the features of an unforced `st` are computed
    /// and their rows prefetched already.
    #[inline]
    fn scored(&self, st: &State, feats: &[u64], break_bias: i32) -> Step {
        let mut sc = [0i32; N_MOVES];
        if let Some(mv) = only_legal(st) {
            return Step {
                sc,
                forced: Some(mv),
            };
        }
        self.moves.scores_prefetched(feats, &mut sc);
        bias_break(st, &mut sc, break_bias);
        Step { sc, forced: None }
    }

    /// What move `mv` adds to a sequence's score (label part excluded).
    #[inline]
    fn move_gain(&self, step: &Step, st: &State, mv: usize, how: SeqScore) -> f64 {
        if step.forced.is_some() {
            return 0.0;
        }
        match how {
            // Integer units: sums are exact, so a beam of 1 is greedy.
            SeqScore::Moves | SeqScore::MovesLabels => step.sc[mv] as f64,
            SeqScore::LogSoftmax { temp } => {
                let unit = self.moves.scale as f64 / temp.max(1e-6) as f64;
                let x = |m: usize| step.sc[m] as f64 * unit;
                let mx = (0..N_MOVES)
                    .filter(|&m| st.is_legal(m))
                    .map(x)
                    .fold(f64::NEG_INFINITY, f64::max);
                let z: f64 = (0..N_MOVES)
                    .filter(|&m| st.is_legal(m))
                    .map(|m| (x(m) - mx).exp())
                    .sum();
                x(mv) - mx - z.ln()
            }
        }
    }

    /// A label score in the move table's integer units.
    #[inline]
    fn label_gain(&self, l: i32, how: SeqScore) -> f64 {
        match how {
            SeqScore::MovesLabels => {
                l as f64 * self.labeller.scale as f64
                    / self.moves.scale.max(f32::MIN_POSITIVE) as f64
            }
            _ => 0.0,
        }
    }
}

impl Decoding<'_> {
    /// Runs the derivation from the initial state `st` with `dec` (greedy
    /// for [`Search::Greedy`] and widths of 1); `st` ends as the best
    /// complete tree.
    pub(super) fn decode(&mut self, dec: &Decoder, st: &mut State) {
        match dec.search {
            Search::Beam { k } if k > 1 => self.beam(k, dec.score, st),
            Search::Branch { k, margin } if k > 1 => self.branch(k, margin, dec.score, st),
            _ => self.greedy(st),
        }
    }

    /// The greedy derivation ([`Parser::run`]).
    fn greedy(&mut self, st: &mut State) {
        self.p
            .run(self.th, st, self.feats, self.lsc, self.break_bias);
    }

    /// Scores the moves of `st` (nothing is read for a forced move).
    #[inline]
    fn step(&mut self, st: &State) -> Step {
        let p = self.p;
        if let Some(mv) = only_legal(st) {
            return Step {
                sc: [0; N_MOVES],
                forced: Some(mv),
            };
        }
        move_features(self.th, st, p.set, self.feats, p.moves.prefetcher());
        p.scored(st, self.feats, self.break_bias)
    }

    /// The label of the arc `mv` makes in `st` and its score (integer units
    /// of the label table); 0 for SHIFT.
    #[inline]
    fn label_of(&mut self, st: &State, mv: usize) -> (u16, i32) {
        let p = self.p;
        match st.arc_of(mv) {
            Some((0, _)) => (p.root, 0),
            Some((h, d)) => {
                label_features(
                    self.th,
                    st,
                    h,
                    d,
                    p.set,
                    self.feats,
                    p.labeller.prefetcher(),
                );
                p.labeller.scores_prefetched(self.feats, self.lsc);
                let l = argmax_except_i32(self.lsc, p.root as usize);
                (l as u16, self.lsc.get(l).copied().unwrap_or(0))
            }
            None => (0, 0),
        }
    }

    fn beam(&mut self, k: usize, how: SeqScore, st: &mut State) {
        let p = self.p;
        let n = st.n as usize;
        let mut beam = vec![Hyp {
            st: st.clone(),
            score: 0.0,
        }];
        let mut next: Vec<Hyp> = Vec::with_capacity(k);
        let mut fbufs: Vec<Vec<u64>> = Vec::with_capacity(k);
        // (score, hypothesis, move, label, label known)
        let mut cands: Vec<(f64, usize, usize, u16, bool)> = Vec::with_capacity(3 * k);
        for _ in 0..(2 * n + 2) {
            if beam.iter().all(|h| h.st.is_terminal()) {
                break;
            }
            cands.clear();
            // Every hypothesis's features first, all rows prefetched, so that
            // the cache misses of the whole beam overlap.
            if fbufs.len() < beam.len() {
                fbufs.resize_with(beam.len(), Vec::new);
            }
            // The weight slice looked up once for the whole beam.
            let prefetch = p.moves.prefetcher();
            for (h, f) in beam.iter().zip(fbufs.iter_mut()) {
                if !h.st.is_terminal() && only_legal(&h.st).is_none() {
                    move_features(self.th, &h.st, p.set, f, &prefetch);
                }
            }
            for (hi, h) in beam.iter().enumerate() {
                if h.st.is_terminal() {
                    cands.push((h.score, hi, usize::MAX, 0, true));
                    continue;
                }
                let step = p.scored(&h.st, &fbufs[hi], self.break_bias);
                for mv in [SHIFT, super::system::LEFT, RIGHT] {
                    if !h.st.is_legal(mv) {
                        continue;
                    }
                    let mut s = h.score + p.move_gain(&step, &h.st, mv, how);
                    let (mut label, mut known) = (0, false);
                    if how == SeqScore::MovesLabels {
                        let (l, ls) = self.label_of(&h.st, mv);
                        s += p.label_gain(ls, how);
                        label = l;
                        known = true;
                    }
                    cands.push((s, hi, mv, label, known));
                }
            }
            // Stable: ties keep hypothesis order, then SHIFT, LEFT, RIGHT
            // (as greedy's best_legal).
            cands.sort_by(|a, b| b.0.total_cmp(&a.0));
            cands.truncate(k);
            // Reuse the buffers of the states two steps back.
            let mut used = 0;
            for &(s, hi, mv, label, known) in cands.iter() {
                let src = &beam[hi].st;
                let label = if mv == usize::MAX || known {
                    label
                } else {
                    self.label_of(src, mv).0
                };
                if let Some(h) = next.get_mut(used) {
                    h.st.clone_from(src);
                    h.score = s;
                } else {
                    next.push(Hyp {
                        st: src.clone(),
                        score: s,
                    });
                }
                if mv != usize::MAX {
                    next[used].st.apply(mv, label);
                }
                used += 1;
            }
            next.truncate(used);
            std::mem::swap(&mut beam, &mut next);
        }
        if let Some(best) = beam.iter().find(|h| h.st.is_terminal()) {
            st.clone_from(&best.st);
        } else {
            // Cannot happen (every hypothesis ends after 2n moves); fall back.
            self.greedy(st);
        }
    }

    /// Greedy from `st` to the end; returns the score gained.
    fn greedy_from(
        &mut self,
        how: SeqScore,
        st: &mut State,
        mut record: impl FnMut(&State, &Step, usize, u16, f64),
    ) -> f64 {
        let p = self.p;
        let mut total = 0.0;
        for _ in 0..(2 * st.n as usize + 2) {
            if st.is_terminal() {
                break;
            }
            let step = self.step(st);
            let mv = match step.forced {
                Some(m) => m,
                None => best_legal(st, |m| step.sc[m] as f32),
            };
            let (label, ls) = self.label_of(st, mv);
            let gain = p.move_gain(&step, st, mv, how) + p.label_gain(ls, how);
            record(st, &step, mv, label, gain);
            total += gain;
            st.apply(mv, label);
        }
        total
    }

    fn branch(&mut self, k: usize, margin: f32, how: SeqScore, st: &mut State) {
        let p = self.p;
        let start = st.clone();
        // The greedy path: its moves and labels, the score before each move,
        // and the branch points (margin, step, runner-up move, its score).
        let mut path: Vec<(usize, u16)> = Vec::new();
        let mut before: Vec<f64> = Vec::new();
        let mut points: Vec<(i32, usize, usize)> = Vec::new();
        let mut steps: Vec<[i32; N_MOVES]> = Vec::new();
        let limit = (margin as f64 / p.moves.scale.max(f32::MIN_POSITIVE) as f64)
            .min(i32::MAX as f64) as i32;
        let mut acc = 0.0;
        let best_score = self.greedy_from(how, st, |s, step, mv, label, gain| {
            if step.forced.is_none() {
                let second = (0..N_MOVES)
                    .filter(|&m| m != mv && s.is_legal(m))
                    .max_by_key(|&m| (step.sc[m], std::cmp::Reverse(m)));
                if let Some(m2) = second {
                    let gap = step.sc[mv].saturating_sub(step.sc[m2]);
                    if gap < limit {
                        points.push((gap, path.len(), m2));
                    }
                }
            }
            steps.push(step.sc);
            path.push((mv, label));
            before.push(acc);
            acc += gain;
        });
        if points.is_empty() {
            return;
        }
        points.sort_by_key(|&(gap, t, _)| (gap, t));
        points.truncate(k - 1);
        let mut best = best_score;
        let mut cur = start.clone();
        for &(_, t, m2) in &points {
            cur.clone_from(&start);
            for &(mv, label) in &path[..t] {
                cur.apply(mv, label);
            }
            let step = Step {
                sc: steps[t],
                forced: None,
            };
            let (label, ls) = self.label_of(&cur, m2);
            let mut s = before[t] + p.move_gain(&step, &cur, m2, how) + p.label_gain(ls, how);
            cur.apply(m2, label);
            s += self.greedy_from(how, &mut cur, |_, _, _, _, _| {});
            if s > best {
                best = s;
                st.clone_from(&cur);
            }
        }
    }
}

/// One move in a training beam's history: its parent, the move and the
/// features it was scored with (`flen == 0`: forced, not scored).
#[derive(Clone, Copy)]
struct Node {
    parent: u32,
    mv: u8,
    fstart: u32,
    flen: u32,
}

const NO_NODE: u32 = u32::MAX;

/// A training hypothesis: state, score under the current weights, gold arcs
/// lost so far (dynamic-oracle cost) and its last history node.
#[derive(Clone)]
struct THyp {
    st: State,
    score: f32,
    cost: u32,
    node: u32,
}

/// Reusable buffers of [`train_beam_sentence`].
#[derive(Default)]
pub(super) struct BeamScratch {
    nodes: Vec<Node>,
    fbuf: Vec<u64>,
    feats: Vec<u64>,
    beam: Vec<THyp>,
    next: Vec<THyp>,
    cands: Vec<(f32, usize, usize, u32, u32, u32)>,
}

/// The labeller's current best label for the arc `mv` makes in a beam
/// hypothesis (the gold sequence takes gold labels instead).
#[allow(clippy::too_many_arguments)]
fn train_label(
    ex: &super::Example,
    st: &State,
    mv: usize,
    root: u16,
    set: u32,
    labeller: &super::model::Perceptron,
    feats: &mut Vec<u64>,
    lsc: &mut [f32],
) -> u16 {
    match st.arc_of(mv) {
        Some((0, _)) => root,
        Some((h, d)) => {
            label_features(&ex.th, st, h, d, set, feats, |_| {});
            labeller.scores(feats, lsc);
            argmax_except(lsc, root as usize) as u16
        }
        None => 0,
    }
}

/// Scores the moves of `st` into `sc` and appends its move features to `fbuf`
/// for a later update; returns where they start in `fbuf` and how many there
/// are. A state with one legal move is not scored (zero scores, no features).
fn score_keeping_features(
    ex: &super::Example,
    st: &State,
    set: u32,
    moves: &super::model::Perceptron,
    feats: &mut Vec<u64>,
    fbuf: &mut Vec<u64>,
    sc: &mut [f32; N_MOVES],
) -> (u32, u32) {
    if only_legal(st).is_some() {
        *sc = [0.0; N_MOVES];
        return (fbuf.len() as u32, 0);
    }
    move_features(&ex.th, st, set, feats, |_| {});
    moves.scores(feats, sc);
    let start = fbuf.len() as u32;
    fbuf.extend_from_slice(feats);
    (start, feats.len() as u32)
}

/// Trains on one sentence with a beam of `k` and a max-violation update
/// (Huang et al. 2012): the gold sequence is the best-scoring zero-cost
/// derivation (dynamic-oracle costs, so spurious ambiguity is allowed; it is
/// re-anchored on any zero-cost hypothesis of the beam that scores higher);
/// at the step where the beam's best wrong prefix beats the gold prefix by
/// most, the gold prefix's move features are promoted and the wrong
/// prefix's demoted. The labeller is trained locally on the gold path's arcs.
/// Returns whether the moves were updated.
#[allow(clippy::too_many_arguments)]
pub(super) fn train_beam_sentence(
    k: usize,
    ex: &super::Example,
    set: u32,
    root: u16,
    moves: &mut super::model::Perceptron,
    labeller: &mut super::model::Perceptron,
    lsc: &mut [f32],
    b: &mut BeamScratch,
) -> bool {
    let n = ex.gold.len() - 1;
    let gold = &ex.gold;
    b.nodes.clear();
    b.fbuf.clear();
    let mut init = State::new(n);
    init.forest = set & FEAT_BREAK != 0;
    b.beam.clear();
    b.beam.push(THyp {
        st: init.clone(),
        score: 0.0,
        cost: 0,
        node: NO_NODE,
    });
    let mut g = THyp {
        st: init,
        score: 0.0,
        cost: 0,
        node: NO_NODE,
    };
    // (violation, wrong node, gold node)
    let mut worst: Option<(f32, u32, u32)> = None;
    let mut sc = [0f32; N_MOVES];
    moves.tick();
    for _ in 0..(2 * n + 2) {
        if g.st.is_terminal() && b.beam.iter().all(|h| h.st.is_terminal()) {
            break;
        }
        // Expand the beam.
        b.cands.clear();
        for (hi, h) in b.beam.iter().enumerate() {
            if h.st.is_terminal() {
                continue;
            }
            let (fstart, flen) =
                score_keeping_features(ex, &h.st, set, moves, &mut b.feats, &mut b.fbuf, &mut sc);
            for mv in [SHIFT, super::system::LEFT, RIGHT] {
                if let Some(c) = h.st.cost(mv, gold) {
                    b.cands
                        .push((h.score + sc[mv], hi, mv, h.cost + c, fstart, flen));
                }
            }
        }
        b.cands.sort_by(|x, y| y.0.total_cmp(&x.0));
        b.cands.truncate(k);
        b.next.clear();
        for &(s, hi, mv, cost, fstart, flen) in &b.cands {
            let src = &b.beam[hi];
            let label = train_label(ex, &src.st, mv, root, set, labeller, &mut b.feats, lsc);
            let mut st = src.st.clone();
            st.apply(mv, label);
            b.nodes.push(Node {
                parent: src.node,
                mv: mv as u8,
                fstart,
                flen,
            });
            b.next.push(THyp {
                st,
                score: s,
                cost,
                node: b.nodes.len() as u32 - 1,
            });
        }
        std::mem::swap(&mut b.beam, &mut b.next);
        // Advance the gold sequence: its best zero-cost move, gold labels.
        if !g.st.is_terminal() {
            let (fstart, flen) =
                score_keeping_features(ex, &g.st, set, moves, &mut b.feats, &mut b.fbuf, &mut sc);
            let mut best: Option<(usize, f32)> = None;
            for mv in [SHIFT, super::system::LEFT, RIGHT] {
                if g.st.cost(mv, gold) == Some(0) && best.is_none_or(|(_, s)| sc[mv] > s) {
                    best = Some((mv, sc[mv]));
                }
            }
            // A projective gold tree always leaves a zero-cost move; stay safe.
            let Some((mv, s)) = best else { break };
            let label = match g.st.arc_of(mv) {
                Some((0, _)) => root,
                Some((h, d)) => {
                    label_features(&ex.th, &g.st, h, d, set, &mut b.feats, |_| {});
                    labeller.scores(&b.feats, lsc);
                    let pl = argmax_except(lsc, root as usize) as u16;
                    let gl = ex.gold_labels[d as usize];
                    labeller.tick();
                    if gl != root && gl != pl && gold[d as usize] == h {
                        labeller.update(&b.feats, gl as usize, pl as usize);
                    }
                    if gl != root {
                        gl
                    } else {
                        pl
                    }
                }
                None => 0,
            };
            g.st.apply(mv, label);
            b.nodes.push(Node {
                parent: g.node,
                mv: mv as u8,
                fstart,
                flen,
            });
            g.node = b.nodes.len() as u32 - 1;
            g.score += s;
        }
        // A zero-cost hypothesis of the beam that scores higher is as good a
        // gold sequence.
        if let Some(h) = b.beam.iter().find(|h| h.cost == 0) {
            if h.score > g.score {
                g.st.clone_from(&h.st);
                g.score = h.score;
                g.node = h.node;
            }
        }
        if let Some(top) = b.beam.first() {
            if top.cost > 0 {
                let v = top.score - g.score;
                if v >= 0.0 && worst.is_none_or(|(w, _, _)| v > w) {
                    worst = Some((v, top.node, g.node));
                }
            }
        }
    }
    let Some((_, wrong, right)) = worst else {
        return false;
    };
    for (start, delta) in [(right, 1.0f32), (wrong, -1.0)] {
        let mut at = start;
        while at != NO_NODE {
            let nd = b.nodes[at as usize];
            if nd.flen > 0 {
                let f = &b.fbuf[nd.fstart as usize..(nd.fstart + nd.flen) as usize];
                moves.add(f, nd.mv as usize, delta);
            }
            at = nd.parent;
        }
    }
    true
}

#[cfg(test)]
impl Decoding<'_> {
    /// The beam itself even for `k = 1` (which [`Decoding::decode`] short-cuts).
    pub(super) fn beam_for_test(&mut self, dec: &Decoder, st: &mut State) {
        let k = match dec.search {
            Search::Beam { k } => k,
            _ => 1,
        };
        self.beam(k, dec.score, st);
    }
}
