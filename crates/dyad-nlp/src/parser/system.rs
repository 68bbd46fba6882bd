//! The arc-hybrid transition system (Kuhlmann et al. 2011) and its dynamic oracle
//! (Goldberg & Nivre 2013).
//!
//! The stack starts with the artificial root (index 0); the buffer holds words
//! `1..=n`. Three moves:
//! - `SHIFT` pushes the first buffer word;
//! - `LEFT` pops `s0` and makes the first buffer word its head;
//! - `RIGHT` pops `s0` and makes `s1` its head.
//!
//! `RIGHT` onto the root is only allowed once the buffer is empty, which makes
//! every tree have exactly one root word (as UD requires). The system is
//! projective; the dynamic oracle's costs are exact for projective gold trees, so
//! training trees are projectivised first ([`projectivize`]).

/// Move ids (the arc classifier's classes).
pub const SHIFT: usize = 0;
/// Pop `s0`, head = first buffer word.
pub const LEFT: usize = 1;
/// Pop `s0`, head = `s1`.
pub const RIGHT: usize = 2;
/// Number of moves.
pub const N_MOVES: usize = 3;

/// "No token" in child slots (the root can never be a child, so 0 is free).
const NO_CHILD: u32 = 0;

/// A parser configuration plus the partial tree built so far, with the
/// bookkeeping the features need (outermost children, valencies, label sets).
#[derive(Debug, Clone)]
pub struct State {
    /// Token indices; `stack[0]` is the root (0).
    pub stack: Vec<u32>,
    /// First buffer word (1-based); the buffer is `b..=n`.
    pub b: u32,
    /// Number of words.
    pub n: u32,
    /// Head of each token (index 0 unused); `u32::MAX` while unattached.
    pub heads: Vec<u32>,
    /// Label id of each attached token.
    pub labels: Vec<u16>,
    /// Leftmost and second-leftmost children (0 = none).
    pub lc1: Vec<u32>,
    pub lc2: Vec<u32>,
    /// Rightmost and second-rightmost children (0 = none).
    pub rc1: Vec<u32>,
    pub rc2: Vec<u32>,
    /// Number of left and right children.
    pub nl: Vec<u16>,
    pub nr: Vec<u16>,
    /// Bit sets of the labels (mod 64) of left and right children.
    pub left_labels: Vec<u64>,
    pub right_labels: Vec<u64>,
    /// Forest mode (the sentence splitter's parser): `RIGHT` onto the root is
    /// also allowed while the buffer is not empty, which ends a sentence there
    /// (the words left can only attach among themselves). The dynamic oracle's
    /// costs stay exact for a gold forest whose sentence roots all hang from 0.
    /// Off by default; [`State::reset`] keeps it.
    pub forest: bool,
}

/// Marks an unattached token in [`State::heads`].
pub const UNATTACHED: u32 = u32::MAX;

impl State {
    /// The initial configuration for `n` words.
    pub fn new(n: usize) -> State {
        let n = n.min(u32::MAX as usize - 2) as u32;
        let len = n as usize + 1;
        let mut stack = Vec::with_capacity(len.min(1024));
        stack.push(0);
        State {
            stack,
            b: 1,
            n,
            heads: vec![UNATTACHED; len],
            labels: vec![0; len],
            lc1: vec![NO_CHILD; len],
            lc2: vec![NO_CHILD; len],
            rc1: vec![NO_CHILD; len],
            rc2: vec![NO_CHILD; len],
            nl: vec![0; len],
            nr: vec![0; len],
            left_labels: vec![0; len],
            right_labels: vec![0; len],
            forest: false,
        }
    }

    /// Resets to the initial configuration for `n` words, keeping the
    /// buffers' memory (the parser reuses one state for every sentence).
    pub fn reset(&mut self, n: usize) {
        let n = n.min(u32::MAX as usize - 2) as u32;
        let len = n as usize + 1;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        self.n = n;
        for (v, x) in [
            (&mut self.heads, UNATTACHED),
            (&mut self.lc1, NO_CHILD),
            (&mut self.lc2, NO_CHILD),
            (&mut self.rc1, NO_CHILD),
            (&mut self.rc2, NO_CHILD),
        ] {
            v.clear();
            v.resize(len, x);
        }
        for v in [&mut self.labels, &mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(len, 0);
        }
        for v in [&mut self.left_labels, &mut self.right_labels] {
            v.clear();
            v.resize(len, 0);
        }
    }

    /// True when the tree is complete.
    pub fn is_terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    /// Whether `mv` may be applied now.
    pub fn is_legal(&self, mv: usize) -> bool {
        let buffer_empty = self.b > self.n;
        match mv {
            SHIFT => !buffer_empty,
            LEFT => !buffer_empty && self.stack.len() >= 2,
            RIGHT => {
                self.stack.len() >= 3 || (self.stack.len() == 2 && (buffer_empty || self.forest))
            }
            _ => false,
        }
    }

    /// The (head, dependent) pair an arc move would create, if it is legal.
    pub fn arc_of(&self, mv: usize) -> Option<(u32, u32)> {
        if !self.is_legal(mv) {
            return None;
        }
        let len = self.stack.len();
        match mv {
            LEFT => Some((self.b, self.stack[len - 1])),
            RIGHT => Some((self.stack[len - 2], self.stack[len - 1])),
            _ => None,
        }
    }

    /// Applies a legal move; arc moves attach with `label`.
    /// Illegal moves are ignored (callers check legality first).
    pub fn apply(&mut self, mv: usize, label: u16) {
        if !self.is_legal(mv) {
            return;
        }
        match mv {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            _ => {
                if let Some((h, d)) = self.arc_of(mv) {
                    self.stack.pop();
                    self.attach(h, d, label);
                }
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, label: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = label;
        let bit = 1u64 << (label % 64);
        if d < h {
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.left_labels[hu] |= bit;
            if self.lc1[hu] == NO_CHILD || d < self.lc1[hu] {
                self.lc2[hu] = self.lc1[hu];
                self.lc1[hu] = d;
            } else if self.lc2[hu] == NO_CHILD || d < self.lc2[hu] {
                self.lc2[hu] = d;
            }
        } else {
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.right_labels[hu] |= bit;
            if self.rc1[hu] == NO_CHILD || d > self.rc1[hu] {
                self.rc2[hu] = self.rc1[hu];
                self.rc1[hu] = d;
            } else if self.rc2[hu] == NO_CHILD || d > self.rc2[hu] {
                self.rc2[hu] = d;
            }
        }
    }

    fn in_buffer(&self, x: u32) -> bool {
        x >= self.b && x <= self.n && x != UNATTACHED
    }

    /// Number of buffer words whose gold head is `h`.
    fn buffer_children(&self, gold: &[u32], h: u32) -> u32 {
        let start = self.b as usize;
        let end = (self.n as usize + 1).min(gold.len());
        if start >= end {
            return 0;
        }
        gold[start..end].iter().filter(|&&g| g == h).count() as u32
    }

    /// Dynamic-oracle cost of a legal move: how many gold arcs (of the
    /// projective tree `gold`, `gold[d]` = head of `d`) it makes unreachable.
    /// Returns `None` for illegal moves.
    pub fn cost(&self, mv: usize, gold: &[u32]) -> Option<u32> {
        if !self.is_legal(mv) {
            return None;
        }
        let len = self.stack.len();
        let s0 = self.stack[len - 1];
        let g = |x: u32| gold.get(x as usize).copied().unwrap_or(UNATTACHED);
        let cost = match mv {
            SHIFT => {
                let b0 = self.b;
                // b0 can no longer take a head from below s0, nor children from the stack.
                let lost_children = self.stack.iter().filter(|&&d| d != 0 && g(d) == b0).count();
                let gh = g(b0);
                let lost_head = self.stack[..len - 1].contains(&gh);
                lost_children as u32 + lost_head as u32
            }
            LEFT => {
                let b0 = self.b;
                let gh = g(s0);
                let lost_head =
                    (len >= 2 && gh == self.stack[len - 2]) || (self.in_buffer(gh) && gh != b0);
                lost_head as u32 + self.buffer_children(gold, s0)
            }
            RIGHT => {
                let gh = g(s0);
                self.in_buffer(gh) as u32 + self.buffer_children(gold, s0)
            }
            _ => return None,
        };
        Some(cost)
    }
}

/// Lifts non-projective arcs (each to its head's head, shortest first) until
/// the tree is projective. `heads[d]` is the head of word `d` (index 0 unused);
/// returns `None` if `heads` is not a tree rooted in 0.
pub fn projectivize(heads: &[u32]) -> Option<Vec<u32>> {
    let n = heads.len().saturating_sub(1);
    let mut h = heads.to_vec();
    if !is_tree(&h) {
        return None;
    }
    // Each lift moves a dependent strictly closer to the root, so this ends.
    for _ in 0..(n * n + 1) {
        let mut worst: Option<(usize, usize)> = None; // (arc length, dependent)
        for d in 1..=n {
            if !arc_is_projective(&h, d) {
                let len = (h[d] as usize).abs_diff(d);
                if worst.is_none_or(|(l, _)| len < l) {
                    worst = Some((len, d));
                }
            }
        }
        match worst {
            None => return Some(h),
            Some((_, d)) => {
                let head = h[d] as usize;
                h[d] = h[head];
            }
        }
    }
    None
}

/// True when every word reaches 0 without a cycle and heads are in range.
pub fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len().saturating_sub(1);
    for d in 1..=n {
        let mut x = d;
        let mut steps = 0;
        while x != 0 {
            let hx = heads[x] as usize;
            if hx > n || steps > n {
                return false;
            }
            x = hx;
            steps += 1;
        }
    }
    true
}

/// True when every word between `d` and its head descends from that head.
fn arc_is_projective(heads: &[u32], d: usize) -> bool {
    let h = heads[d] as usize;
    let (lo, hi) = if h < d { (h, d) } else { (d, h) };
    let n = heads.len() - 1;
    for k in lo + 1..hi {
        let mut x = k;
        let mut steps = 0;
        while x != h && x != 0 && steps <= n {
            x = heads[x] as usize;
            steps += 1;
        }
        if x != h {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the cheapest move of the dynamic oracle (ties: SHIFT, LEFT,
    /// RIGHT) from the start to the end (in forest mode when `forest`) and
    /// returns the heads.
    fn oracle_parse(gold: &[u32], forest: bool) -> Vec<u32> {
        let n = gold.len() - 1;
        let mut s = State::new(n);
        s.forest = forest;
        let mut steps = 0;
        while !s.is_terminal() {
            let mv = (0..N_MOVES)
                .filter_map(|m| s.cost(m, gold).map(|c| (c, m)))
                .min()
                .unwrap()
                .1;
            s.apply(mv, 0);
            steps += 1;
            assert!(steps <= 2 * n + 1);
        }
        s.heads
    }

    #[test]
    fn oracle_reproduces_projective_trees() {
        // index 0 unused. "The cat sat on the mat ."
        let trees: Vec<Vec<u32>> = vec![
            vec![0, 2, 3, 0, 6, 6, 3, 3],
            vec![0, 0],
            vec![0, 0, 1, 2, 3],
            vec![0, 4, 4, 4, 0],
            vec![0, 2, 0, 2, 5, 2, 5, 8, 6],
        ];
        for t in trees {
            let got = oracle_parse(&t, false);
            assert_eq!(&got[1..], &t[1..], "tree {t:?}");
        }
    }

    #[test]
    fn oracle_reproduces_random_projective_trees() {
        // Random projective trees built by recursive splitting.
        let mut next = crate::parser::xorshift(7u64);
        fn build(lo: usize, hi: usize, head: u32, h: &mut [u32], r: &mut dyn FnMut() -> u64) {
            if lo > hi {
                return;
            }
            let root = lo + (r() as usize) % (hi - lo + 1);
            h[root] = head;
            if root > lo {
                build(lo, root - 1, root as u32, h, r);
            }
            build(root + 1, hi, root as u32, h, r);
        }
        for n in 1..40 {
            let mut h = vec![0u32; n + 1];
            build(1, n, 0, &mut h, &mut next);
            assert!(projectivize(&h).unwrap() == h);
            assert_eq!(oracle_parse(&h, false)[1..], h[1..], "tree {h:?}");
        }
    }

    #[test]
    fn costs_after_a_mistake_stay_exact() {
        // gold: 1<-2, 2<-0, 3<-2 ; make a wrong SHIFT at the start then follow the oracle.
        let gold = vec![0, 2, 0, 2];
        let mut s = State::new(3);
        s.apply(SHIFT, 0);
        s.apply(SHIFT, 0); // stack [0,1,2], b=3: LEFT(1<-2) is no longer possible
                           // RIGHT makes 1 the head of 2 and loses 3's gold head (2) for good.
        assert_eq!(s.cost(RIGHT, &gold), Some(1));
        // SHIFT keeps 2 -> 3 reachable; arcs already lost are not counted again.
        assert_eq!(s.cost(SHIFT, &gold), Some(0));
        assert_eq!(s.cost(LEFT, &gold), Some(1)); // 3 -> 2 would be wrong, and 2 -> 3 lost
    }

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 1 -> 3, 2 -> 0 (root), 3 -> 2, 4 -> 1 : arc 1->4 crosses 2->...
        let h = vec![0, 3, 0, 2, 1];
        let p = projectivize(&h).unwrap();
        assert!((1..h.len()).all(|d| arc_is_projective(&p, d)));
        assert!(projectivize(&[0, 2, 1]).is_none()); // cycle
    }

    #[test]
    fn reset_equals_a_new_state() {
        let mut s = State::new(5);
        s.apply(SHIFT, 0);
        s.apply(SHIFT, 0);
        s.apply(LEFT, 3);
        for n in [0, 2, 5, 9] {
            s.reset(n);
            let f = State::new(n);
            assert_eq!(format!("{s:?}"), format!("{f:?}"));
        }
    }

    #[test]
    fn forest_oracle_reproduces_joined_sentences() {
        // Two sentences joined: "Thanks Sean | Here you go" (1 <- 0, 2 <- 1;
        // 3 <- 5, 4 <- 5, 5 <- 0), then three one-word trees.
        for gold in [
            vec![0, 0, 1, 5, 5, 0],
            vec![0, 0, 0, 0],
            vec![0, 2, 0, 2, 0, 4],
        ] {
            assert_eq!(oracle_parse(&gold, true)[1..], gold[1..], "forest {gold:?}");
        }
        // Without forest mode a second root is out of reach.
        let mut s = State::new(2);
        s.apply(SHIFT, 0);
        assert!(!s.is_legal(RIGHT));
        s.forest = true;
        assert!(s.is_legal(RIGHT));
        assert_eq!(s.cost(RIGHT, &[0, 0, 0]), Some(0));
        assert_eq!(s.cost(RIGHT, &[0, 0, 1]), Some(1)); // word 2 loses its head
    }

    #[test]
    fn single_root_is_enforced() {
        let mut s = State::new(2);
        s.apply(SHIFT, 0);
        assert!(!s.is_legal(RIGHT)); // cannot attach to the root while words remain
        s.apply(SHIFT, 0);
        assert!(s.is_legal(RIGHT));
    }
}
