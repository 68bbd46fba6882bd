//! Penn Treebank constituency trees to UD-style dependency trees.
//!
//! Used by `dyad validate --use-parse`, to code from the parse a record carries
//! instead of our own parser. Heads are found with Collins/Stanford-style head
//! rules adapted to UD's content-word heads (the noun of a prepositional phrase,
//! the main verb of an auxiliary chain, the clause of a subordinate clause);
//! relations are given from the configuration (category of the phrase, of the
//! dependent, its position and function tags).

use crate::lemma::lemmatize;
use dyad_nlp::{AnalyzedSentence, AnalyzedToken};
use dyad_text::Span;

/// A node of a constituency tree.
#[derive(Debug, Clone)]
struct Node {
    /// Category without function tags (`NP`, `VP`, `NN`).
    label: String,
    /// Function tags (`TMP`, `SBJ`).
    func: Vec<String>,
    children: Vec<Node>,
    /// For leaves (preterminals): index of the word.
    word: Option<usize>,
}

/// Reads a bracketed tree into nodes and the words (form, tag).
fn read_tree(src: &str) -> Result<(Node, Vec<(String, String)>), String> {
    let mut toks: Vec<&str> = Vec::new();
    let mut i = 0;
    let b = src.as_bytes();
    while i < b.len() {
        match b[i] {
            b'(' | b')' => {
                toks.push(&src[i..i + 1]);
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let s = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'(' && b[i] != b')' {
                    i += 1;
                }
                toks.push(&src[s..i]);
            }
        }
    }
    let mut words = Vec::new();
    let mut pos = 0;
    let node = parse_node(&toks, &mut pos, &mut words)?;
    if pos < toks.len() {
        // Text after the tree closed: a ')' too many or a bracket missing
        // (PETRARCH reports such input as a bad parse rather than guess).
        return Err(format!(
            "unbalanced parentheses: {} token(s) after the tree closed, from {:?}",
            toks.len() - pos,
            toks[pos]
        ));
    }
    Ok((node, words))
}

fn split_label(raw: &str) -> (String, Vec<String>) {
    if raw.starts_with('-') || raw.is_empty() {
        return (raw.to_string(), Vec::new());
    }
    let mut parts = raw.split(['-', '=']);
    let label = parts.next().unwrap_or("").to_string();
    (label, parts.map(str::to_string).collect())
}

fn parse_node(
    toks: &[&str],
    pos: &mut usize,
    words: &mut Vec<(String, String)>,
) -> Result<Node, String> {
    if toks.get(*pos) != Some(&"(") {
        return Err(format!("expected '(' at token {}", *pos));
    }
    *pos += 1;
    // An unlabeled outer bracket `( (S ...))` is allowed.
    let raw = match toks.get(*pos) {
        Some(&"(") => "ROOT".to_string(),
        Some(t) => {
            *pos += 1;
            t.to_string()
        }
        None => return Err("unexpected end of tree".into()),
    };
    let (label, func) = split_label(&raw);
    let mut node = Node {
        label,
        func,
        children: Vec::new(),
        word: None,
    };
    loop {
        match toks.get(*pos) {
            None => return Err("unbalanced parentheses: missing ')'".into()),
            Some(&")") => {
                *pos += 1;
                break;
            }
            Some(&"(") => {
                let child = parse_node(toks, pos, words)?;
                node.children.push(child);
            }
            Some(w) => {
                // A preterminal: `(TAG word)`.
                if node.word.is_some() {
                    return Err(format!("two words under one tag near {w:?}"));
                }
                node.word = Some(words.len());
                words.push((unescape_ptb(w), raw.clone()));
                *pos += 1;
            }
        }
    }
    Ok(node)
}

fn unescape_ptb(w: &str) -> String {
    match w {
        "-LRB-" | "-LCB-" | "-LSB-" => "(".into(),
        "-RRB-" | "-RCB-" | "-RSB-" => ")".into(),
        "``" | "''" => "\"".into(),
        _ => w.replace("\\/", "/").replace("\\*", "*"),
    }
}

fn is_punct_tag(t: &str) -> bool {
    matches!(
        t,
        "," | "." | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "#" | "$" | "HYPH" | "NFP"
    ) && t != "$"
        || t == "-NONE-"
}

/// Universal POS from a PTB tag.
pub fn upos_of(xpos: &str, form: &str) -> &'static str {
    match xpos {
        "NN" | "NNS" => "NOUN",
        "NNP" | "NNPS" => "PROPN",
        "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => {
            if is_aux_form(&form.to_lowercase()) {
                "AUX"
            } else {
                "VERB"
            }
        }
        "MD" => "AUX",
        "JJ" | "JJR" | "JJS" => "ADJ",
        "RB" | "RBR" | "RBS" | "WRB" => "ADV",
        "IN" | "RP" => "ADP",
        "TO" => "PART",
        "DT" | "PDT" | "WDT" => "DET",
        "PRP" | "WP" | "EX" => "PRON",
        "PRP$" | "WP$" => "PRON",
        "CC" => "CCONJ",
        "CD" => "NUM",
        "POS" => "PART",
        "UH" => "INTJ",
        "SYM" | "$" | "#" => "SYM",
        "FW" => "X",
        _ => "PUNCT",
    }
}

fn is_aux_form(w: &str) -> bool {
    matches!(
        w,
        "be" | "is"
            | "are"
            | "am"
            | "was"
            | "were"
            | "been"
            | "being"
            | "'s"
            | "'re"
            | "'m"
            | "have"
            | "has"
            | "had"
            | "having"
            | "'ve"
            | "'d"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "wo"
            | "ca"
            | "'ll"
    )
}

fn is_be(w: &str) -> bool {
    matches!(
        w,
        "be" | "is" | "are" | "am" | "was" | "were" | "been" | "being" | "'s" | "'re" | "'m"
    )
}

fn is_verb_tag(t: &str) -> bool {
    t.starts_with("VB") || t == "MD"
}

fn is_clause(l: &str) -> bool {
    matches!(l, "S" | "SINV" | "SQ" | "SBAR" | "SBARQ" | "FRAG")
}

fn is_nominal(l: &str) -> bool {
    matches!(l, "NP" | "NX" | "NML" | "NAC" | "WHNP" | "QP")
        || l.starts_with("NN")
        || l == "PRP"
        || l == "CD"
}

/// Head-finding table: (direction is left-to-right?, priority list).
fn head_rule(label: &str) -> (bool, &'static [&'static str]) {
    match label {
        "ADJP" => (
            true,
            &[
                "JJ", "JJR", "JJS", "VBN", "VBG", "ADJP", "NNS", "NN", "QP", "RB", "ADVP", "NP",
            ],
        ),
        "ADVP" => (
            false,
            &[
                "RB", "RBR", "RBS", "FW", "ADVP", "TO", "CD", "JJR", "JJ", "IN", "NP", "JJS", "NN",
            ],
        ),
        "CONJP" => (false, &["CC", "RB", "IN"]),
        "FRAG" => (true, &["VP", "S", "NP", "PP"]),
        "INTJ" => (true, &[]),
        "LST" => (false, &["LS", ":"]),
        "NAC" => (
            true,
            &[
                "NN", "NNS", "NNP", "NNPS", "NP", "NAC", "EX", "$", "CD", "QP", "PRP", "VBG", "JJ",
                "JJS", "JJR", "ADJP", "FW",
            ],
        ),
        "PRN" => (true, &["VP", "S", "SINV", "NP", "PP"]),
        "PRT" => (false, &["RP"]),
        "QP" => (
            true,
            &[
                "$", "IN", "NNS", "NN", "JJ", "RB", "DT", "CD", "NCD", "QP", "JJR", "JJS",
            ],
        ),
        "RRC" => (false, &["VP", "NP", "ADVP", "ADJP", "PP"]),
        "S" => (true, &["VP", "S", "SBAR", "ADJP", "UCP", "NP", "TO", "IN"]),
        "SBAR" => (
            true,
            &[
                "S", "SQ", "SINV", "SBAR", "FRAG", "VP", "WHNP", "WHPP", "WHADVP", "WHADJP", "IN",
                "DT",
            ],
        ),
        "SBARQ" => (true, &["SQ", "S", "SINV", "SBARQ", "FRAG"]),
        "SINV" => (
            true,
            &[
                "VBZ", "VBD", "VBP", "VB", "MD", "VP", "S", "SINV", "ADJP", "NP",
            ],
        ),
        "SQ" => (true, &["VBZ", "VBD", "VBP", "VB", "MD", "VP", "SQ"]),
        "UCP" => (false, &[]),
        "VP" => (
            true,
            &[
                "VBD", "VBN", "MD", "VBZ", "VB", "VBG", "VBP", "VP", "ADJP", "NN", "NNS", "NP",
                "TO", "JJ", "IN",
            ],
        ),
        "WHADJP" => (true, &["CC", "WRB", "JJ", "ADJP"]),
        "WHADVP" => (false, &["CC", "WRB"]),
        "WHNP" => (
            true,
            &[
                "WDT", "WP", "WP$", "WHADJP", "WHPP", "WHNP", "NN", "NNS", "NNP",
            ],
        ),
        "WHPP" => (false, &["IN", "TO", "FW"]),
        "PP" => (
            true,
            &[
                "NP", "S", "SBAR", "VP", "ADJP", "ADVP", "PP", "IN", "TO", "VBG", "VBN", "RP",
            ],
        ),
        _ => (true, &[]),
    }
}

/// Builds the dependency tree: returns the head word index of `node`.
struct Builder<'a> {
    words: &'a [(String, String)],
    head: Vec<usize>,
    rel: Vec<String>,
}

fn first_word(n: &Node) -> Option<usize> {
    if let Some(w) = n.word {
        return Some(w);
    }
    n.children.iter().find_map(first_word)
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

impl<'a> Builder<'a> {
    fn form(&self, w: usize) -> String {
        lower(&self.words[w].0)
    }
    fn tag(&self, w: usize) -> &str {
        &self.words[w].1
    }

    /// Index of the head child of `n`.
    fn head_child(&self, n: &Node) -> usize {
        let kids = &n.children;
        let real: Vec<usize> = (0..kids.len())
            .filter(|&i| !is_punct_tag(&kids[i].label))
            .collect();
        if real.is_empty() {
            return 0;
        }
        let label = n.label.as_str();
        // Coordination: the first conjunct heads the phrase.
        if self.is_coordination(n) {
            let main = |l: &str| match n.label.as_str() {
                "NP" | "NML" | "NX" => is_nominal(l) && l != "QP" && l != "CD",
                "VP" => l == "VP" || is_verb_tag(l),
                "S" | "SINV" => is_clause(l) || l == "VP",
                _ => true,
            };
            return real
                .iter()
                .copied()
                .find(|&i| main(&kids[i].label))
                .unwrap_or(real[0]);
        }
        match label {
            "NP" | "NML" | "NX" | "WHNP" if label != "WHNP" => return self.np_head(n, &real),
            "VP" => return self.vp_head(n, &real),
            "PP" | "WHPP" => {
                // Content head: the object of the preposition.
                for &i in &real {
                    let l = kids[i].label.as_str();
                    let content =
                        is_nominal(l) || is_clause(l) || matches!(l, "VP" | "ADJP" | "ADVP" | "PP");
                    if content && (i > 0 || real.len() == 1) {
                        return i;
                    }
                }
                return real[0];
            }
            "SBAR" => {
                for &i in &real {
                    if matches!(
                        kids[i].label.as_str(),
                        "S" | "SQ" | "SINV" | "SBAR" | "FRAG" | "VP"
                    ) {
                        return i;
                    }
                }
            }
            "ROOT" | "TOP" => return real[0],
            _ => {}
        }
        let (l2r, prio) = head_rule(label);
        let order: Vec<usize> = if l2r {
            real.clone()
        } else {
            real.iter().rev().copied().collect()
        };
        for p in prio {
            for &i in &order {
                if kids[i].label == *p {
                    return i;
                }
            }
        }
        order[0]
    }

    fn np_head(&self, n: &Node, real: &[usize]) -> usize {
        let kids = &n.children;
        // NP -> NP (PP|SBAR|VP|,|NP-appos...) : the first NP heads.
        if let Some(&i) = real
            .iter()
            .find(|&&i| kids[i].label == "NP" || kids[i].label == "NML")
        {
            // Possessive NP ("Gondor 's") is a dependent, not the head.
            let poss = kids[i].children.last().is_some_and(|c| c.label == "POS");
            if !poss {
                return i;
            }
        }
        // Rightmost noun-like word before any post-modifier.
        let mut last_noun = None;
        for &i in real {
            let l = kids[i].label.as_str();
            if matches!(l, "PP" | "SBAR" | "VP" | "RRC" | "PRN" | "S") {
                break;
            }
            if matches!(
                l,
                "NN" | "NNS"
                    | "NNP"
                    | "NNPS"
                    | "NX"
                    | "NML"
                    | "POS"
                    | "JJR"
                    | "PRP"
                    | "CD"
                    | "QP"
                    | "EX"
                    | "FW"
                    | "WP"
                    | "WDT"
                    | "DT"
                    | "JJ"
                    | "JJS"
                    | "ADJP"
                    | "VBG"
                    | "RB"
                    | "$"
            ) {
                if l == "POS" {
                    continue;
                }
                let rank = match l {
                    "NN" | "NNS" | "NNP" | "NNPS" | "NX" | "NML" | "PRP" | "FW" | "WP" | "EX" => 3,
                    "CD" | "QP" | "$" => 2,
                    "JJ" | "JJR" | "JJS" | "ADJP" | "VBG" => 1,
                    _ => 0,
                };
                match last_noun {
                    Some((_, r)) if r > rank => {}
                    _ => last_noun = Some((i, rank)),
                }
            }
        }
        last_noun.map(|x| x.0).unwrap_or(real[real.len() - 1])
    }

    fn vp_head(&self, n: &Node, real: &[usize]) -> usize {
        let kids = &n.children;
        // Auxiliary + VP complement: the complement heads (UD: main verb is head).
        let first_verb = real
            .iter()
            .copied()
            .find(|&i| is_verb_tag(&kids[i].label) || kids[i].label == "TO");
        if let Some(v) = first_verb {
            let w = kids[v].word.map(|w| self.form(w)).unwrap_or_default();
            let aux_like = kids[v].label == "MD" || kids[v].label == "TO" || is_aux_form(&w);
            if aux_like {
                if let Some(&c) = real.iter().find(|&&i| i > v && kids[i].label == "VP") {
                    return c;
                }
                // Copula with a predicate: UD makes the predicate the head.
                if is_be(&w) {
                    let preds: Vec<usize> = real
                        .iter()
                        .copied()
                        .filter(|&i| i > v && matches!(kids[i].label.as_str(), "NP" | "ADJP"))
                        .collect();
                    let others = real
                        .iter()
                        .any(|&i| i > v && matches!(kids[i].label.as_str(), "S" | "SBAR" | "VP"));
                    if preds.len() == 1 && !others {
                        return preds[0];
                    }
                }
            }
            return v;
        }
        let (_, prio) = head_rule("VP");
        for p in prio {
            for &i in real {
                if kids[i].label == *p {
                    return i;
                }
            }
        }
        real[0]
    }

    fn is_coordination(&self, n: &Node) -> bool {
        let kids = &n.children;
        let cc = kids
            .iter()
            .enumerate()
            .any(|(i, k)| (k.label == "CC" || k.label == "CONJP") && i > 0);
        if !cc {
            return false;
        }
        // At least two non-CC, non-punct children of like kind.
        let conj: Vec<&Node> = kids
            .iter()
            .filter(|k| k.label != "CC" && k.label != "CONJP" && !is_punct_tag(&k.label))
            .collect();
        if conj.len() < 2 {
            return false;
        }
        // NP coordination in an NP made of words only ("the Danish media and government")
        // is coordination of the nouns; we treat it as such too.
        matches!(
            n.label.as_str(),
            "NP" | "VP"
                | "S"
                | "ADJP"
                | "ADVP"
                | "PP"
                | "SBAR"
                | "UCP"
                | "NX"
                | "NML"
                | "SINV"
                | "FRAG"
        )
    }

    fn build(&mut self, n: &Node) -> usize {
        if let Some(w) = n.word {
            return w;
        }
        if n.children.is_empty() {
            return usize::MAX;
        }
        let hc = self.head_child(n);
        let heads: Vec<usize> = n.children.iter().map(|c| self.build(c)).collect();
        let h = heads[hc];
        if h == usize::MAX {
            // An empty head (traces only): take any real child.
            return heads
                .into_iter()
                .find(|&x| x != usize::MAX)
                .unwrap_or(usize::MAX);
        }
        let coord = self.is_coordination(n);
        let mut last_conj = h;
        let mut pending_cc: Vec<usize> = Vec::new();
        for (i, c) in n.children.iter().enumerate() {
            let d = heads[i];
            if i == hc || d == usize::MAX {
                continue;
            }
            if coord && i > hc {
                if c.label == "CC" || c.label == "CONJP" {
                    pending_cc.push(d);
                    continue;
                }
                if is_punct_tag(&c.label) {
                    self.attach(d, h, "punct");
                    continue;
                }
                // A conjunct.
                self.attach(d, h, "conj");
                for cc in pending_cc.drain(..) {
                    self.attach(cc, d, "cc");
                }
                last_conj = d;
                continue;
            }
            let rel = self.relation(n, hc, i, d);
            self.attach(d, h, &rel);
        }
        for cc in pending_cc {
            self.attach(cc, last_conj, "cc");
        }
        h
    }

    fn attach(&mut self, d: usize, h: usize, rel: &str) {
        if d != h && self.head[d] == usize::MAX {
            self.head[d] = h;
            self.rel[d] = rel.to_string();
        }
    }

    /// Is the VP `n` (or the clause whose head is `h`) passive: a form of "be"/"get"
    /// before a VBN head.
    fn vp_is_passive(&self, vp: &Node) -> bool {
        let kids = &vp.children;
        let mut saw_be = false;
        for k in kids {
            if let Some(w) = k.word {
                if is_be(&self.form(w))
                    || matches!(self.form(w).as_str(), "get" | "got" | "gets" | "gotten")
                {
                    saw_be = true;
                }
            } else if k.label == "VP" {
                if saw_be {
                    // The head of the inner VP: VBN directly?
                    let hv = k.children.iter().find(|c| is_verb_tag(&c.label));
                    if let Some(hv) = hv {
                        if hv.label == "VBN" {
                            return true;
                        }
                    }
                    // Adverb then VP ("was fiercely opposed")
                }
                return self.vp_is_passive(k);
            }
        }
        false
    }

    fn relation(&self, n: &Node, hc: usize, i: usize, d: usize) -> String {
        let kids = &n.children;
        let c = &kids[i];
        let cl = c.label.as_str();
        let parent = n.label.as_str();
        let dform = self.form(d);
        let dtag = self.tag(d).to_string();
        if is_punct_tag(cl) {
            return "punct".into();
        }
        if cl == "CC" {
            return "cc".into();
        }
        if matches!(dform.as_str(), "not" | "n't" | "never") && (cl == "RB" || cl == "ADVP") {
            return "advmod".into();
        }
        match parent {
            "S" | "SINV" | "SQ" | "ROOT" | "TOP" | "FRAG" => {
                if is_nominal(cl) && i < hc {
                    let head_node = &kids[hc];
                    if c.func.iter().any(|f| f == "TMP") {
                        return "obl:tmod".into();
                    }
                    if head_node.label == "VP" && self.vp_is_passive(head_node) {
                        return "nsubj:pass".into();
                    }
                    if head_node.label == "VP" || parent == "S" {
                        return "nsubj".into();
                    }
                    return "nsubj".into();
                }
                if is_nominal(cl) && parent == "SINV" {
                    return "nsubj".into();
                }
                match cl {
                    "PP" => "obl".into(),
                    "ADVP" | "RB" => "advmod".into(),
                    "SBAR" => {
                        if i < hc && self.sbar_mark(c).is_none() {
                            "csubj".into()
                        } else {
                            "advcl".into()
                        }
                    }
                    "S" => {
                        if i > hc && parent != "ROOT" {
                            // "X, Y said" (SINV) or trailing clause.
                            "parataxis".into()
                        } else {
                            "ccomp".into()
                        }
                    }
                    "VP" => "advcl".into(),
                    "MD" => "aux".into(),
                    "IN" => "mark".into(),
                    "TO" => "mark".into(),
                    "CC" => "cc".into(),
                    "ADJP" => "amod".into(),
                    "NP" => "obj".into(),
                    _ if cl.starts_with("VB") => {
                        if is_aux_form(&dform) {
                            "aux".into()
                        } else {
                            "dep".into()
                        }
                    }
                    _ => "dep".into(),
                }
            }
            "VP" => {
                let before = i < hc;
                match cl {
                    "MD" => "aux".into(),
                    "TO" => "mark".into(),
                    _ if cl.starts_with("VB") && before => {
                        // An auxiliary before the main verb.
                        if is_be(&dform) && self.vp_is_passive(n) {
                            "aux:pass".into()
                        } else if is_be(&dform)
                            && !matches!(
                                kids[hc].label.as_str(),
                                "VP" | "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ"
                            )
                        {
                            "cop".into()
                        } else {
                            "aux".into()
                        }
                    }
                    "RB" | "ADVP" | "RBR" | "WHADVP" => "advmod".into(),
                    "PRT" | "RP" => "compound:prt".into(),
                    "NP" | "NN" | "NNS" | "NNP" | "PRP" => {
                        if before {
                            return "nsubj".into();
                        }
                        if c.func.iter().any(|f| f == "TMP" || f == "ADV") {
                            return "obl:tmod".into();
                        }
                        // Two objects: the first is the indirect one.
                        let later_np = kids[i + 1..]
                            .iter()
                            .any(|k| k.label == "NP" && !k.func.iter().any(|f| f == "TMP"));
                        let earlier_np = kids[hc + 1..i]
                            .iter()
                            .any(|k| k.label == "NP" && !k.func.iter().any(|f| f == "TMP"));
                        if later_np && !earlier_np {
                            "iobj".into()
                        } else {
                            "obj".into()
                        }
                    }
                    "PP" => {
                        let prep = self.pp_prep(c);
                        if prep.as_deref() == Some("by") && self.vp_is_passive_head(n, hc) {
                            "obl:agent".into()
                        } else {
                            "obl".into()
                        }
                    }
                    "S" => {
                        if self.clause_has_subject(c) {
                            "ccomp".into()
                        } else {
                            "xcomp".into()
                        }
                    }
                    "SBAR" => match self.sbar_mark(c).as_deref() {
                        None | Some("that") | Some("whether") => "ccomp".into(),
                        Some(_) => {
                            if c.children.iter().any(|k| k.label.starts_with("WH")) {
                                "ccomp".into()
                            } else {
                                "advcl".into()
                            }
                        }
                    },
                    "ADJP" | "JJ" => "xcomp".into(),
                    "VP" => "conj".into(),
                    "IN" => "mark".into(),
                    "SQ" | "SINV" => "ccomp".into(),
                    "CD" => "obj".into(),
                    _ => "dep".into(),
                }
            }
            "PP" | "WHPP" => match cl {
                "IN" | "TO" | "RP" => {
                    if is_clause(&kids[hc].label) || kids[hc].label == "VP" {
                        "mark".into()
                    } else {
                        "case".into()
                    }
                }
                "RB" | "ADVP" => "advmod".into(),
                _ => "dep".into(),
            },
            "SBAR" => match cl {
                "IN" | "DT" => "mark".into(),
                "WHNP" | "WHADVP" | "WHPP" => "mark".into(),
                _ => "dep".into(),
            },
            "ADJP" | "ADVP" | "WHADJP" | "WHADVP" => match cl {
                "PP" => "obl".into(),
                "RB" | "ADVP" | "RBR" | "RBS" => "advmod".into(),
                "S" | "SBAR" => "xcomp".into(),
                "NP" => "obl:npmod".into(),
                "DT" => "det".into(),
                _ => "dep".into(),
            },
            "QP" => "dep".into(),
            _ => {
                // Nominal phrases.
                let before = i < hc;
                match cl {
                    "DT" | "PDT" | "WDT" => "det".into(),
                    "PRP$" | "WP$" => "nmod:poss".into(),
                    "POS" => "case".into(),
                    "CD" | "QP" => "nummod".into(),
                    "JJ" | "JJR" | "JJS" | "ADJP" | "VBN" | "VBG" => "amod".into(),
                    "NN" | "NNS" | "NNP" | "NNPS" | "NML" | "NX" | "FW" => {
                        if before {
                            "compound".into()
                        } else {
                            "appos".into()
                        }
                    }
                    "NP" => {
                        let poss = c.children.last().is_some_and(|k| k.label == "POS");
                        if poss {
                            "nmod:poss".into()
                        } else if before {
                            "compound".into()
                        } else if c.func.iter().any(|f| f == "TMP") {
                            "obl:tmod".into()
                        } else {
                            "appos".into()
                        }
                    }
                    "PP" => "nmod".into(),
                    "SBAR" => {
                        if c.children.iter().any(|k| k.label.starts_with("WH"))
                            || self.sbar_mark(c).is_none()
                        {
                            "acl:relcl".into()
                        } else {
                            "acl".into()
                        }
                    }
                    "VP" | "S" | "RRC" => "acl".into(),
                    "RB" | "ADVP" => "advmod".into(),
                    "PRN" => "appos".into(),
                    _ if dtag == "PRP" => "nmod".into(),
                    _ => "dep".into(),
                }
            }
        }
    }

    fn vp_is_passive_head(&self, vp: &Node, hc: usize) -> bool {
        vp.children.get(hc).is_some_and(|k| k.label == "VBN")
    }

    fn pp_prep(&self, pp: &Node) -> Option<String> {
        pp.children
            .iter()
            .find(|k| matches!(k.label.as_str(), "IN" | "TO" | "RP"))
            .and_then(|k| k.word)
            .map(|w| self.form(w))
    }

    fn sbar_mark(&self, sbar: &Node) -> Option<String> {
        sbar.children
            .iter()
            .take_while(|k| !is_clause(&k.label))
            .find(|k| matches!(k.label.as_str(), "IN" | "DT"))
            .and_then(first_word)
            .map(|w| self.form(w))
    }

    fn clause_has_subject(&self, s: &Node) -> bool {
        s.children
            .iter()
            .take_while(|k| k.label != "VP")
            .any(|k| is_nominal(&k.label) && !k.children.iter().all(|c| c.label == "-NONE-"))
    }
}

/// Drops `-NONE-` traces and empty phrases.
fn prune(n: &mut Node) -> bool {
    if n.label == "-NONE-" {
        return false;
    }
    n.children.retain_mut(prune);
    n.word.is_some() || !n.children.is_empty()
}

/// Converts a bracketed Penn Treebank parse of `text` into an [`AnalyzedSentence`]
/// whose spans are byte offsets into `text` (plus `base`).
pub fn ptb_to_sentence(parse: &str, text: &str, base: usize) -> Result<AnalyzedSentence, String> {
    let (mut root, words) = read_tree(parse)?;
    prune(&mut root);
    let n = words.len();
    if n == 0 {
        return Err("empty parse".into());
    }
    let mut b = Builder {
        words: &words,
        head: vec![usize::MAX; n],
        rel: vec![String::new(); n],
    };
    let root_word = b.build(&root);
    let spans = align(text, words.iter().map(|w| w.0.as_str()));
    let mut tokens = Vec::with_capacity(n);
    for (i, (form, tag)) in words.iter().enumerate() {
        let (head, rel) = if i == root_word || b.head[i] == usize::MAX {
            if i == root_word {
                (0, "root".to_string())
            } else {
                (root_word + 1, "dep".to_string())
            }
        } else {
            (b.head[i] + 1, b.rel[i].clone())
        };
        let upos = upos_of(tag, form);
        tokens.push(AnalyzedToken {
            span: Span::new(base + spans[i].0, base + spans[i].1),
            form: form.clone(),
            lemma: lemmatize(form, tag),
            upos: upos.to_string(),
            xpos: tag.clone(),
            head,
            deprel: rel,
            ner: "O".into(),
        });
    }
    let span = Span::new(
        tokens.first().map(|t| t.span.start).unwrap_or(base),
        tokens.last().map(|t| t.span.end).unwrap_or(base),
    );
    Ok(AnalyzedSentence { span, tokens })
}

/// Renames UD v1 relations (UniversalPetrarch's parses use them) to the UD v2
/// names the coder reads: `nsubjpass` -> `nsubj:pass`, `dobj` -> `obj`, `neg` ->
/// `advmod`, `name` -> `flat`, `mwe` -> `fixed`, and a nominal modifier of a verb
/// (`nmod`, `nmod:tmod`) -> `obl` (v2 keeps `nmod` for dependents of nouns).
/// UD v2 parses pass through unchanged.
pub fn ud1_to_ud2(tokens: &mut [AnalyzedToken]) {
    let verbal: Vec<bool> = tokens
        .iter()
        .map(|t| t.xpos.starts_with("VB") || t.upos == "VERB" || t.upos == "AUX")
        .collect();
    for t in tokens.iter_mut() {
        let head_verbal = t.head >= 1 && verbal.get(t.head - 1).copied().unwrap_or(false);
        let new = match t.deprel.as_str() {
            "nsubjpass" => "nsubj:pass",
            "csubjpass" => "csubj:pass",
            "auxpass" => "aux:pass",
            "dobj" => "obj",
            "neg" => "advmod",
            "name" => "flat",
            "mwe" => "fixed",
            "nmod" if head_verbal => "obl",
            "nmod:tmod" if head_verbal => "obl:tmod",
            "nmod:npmod" if head_verbal => "obl:npmod",
            "nmod:agent" => "obl:agent",
            _ => continue,
        };
        t.deprel = new.to_string();
    }
}

/// Finds each token in `text` in order; a token not found gets an empty span at
/// the current position (PTB normalises some characters).
pub fn align<'a>(text: &str, forms: impl Iterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for f in forms {
        let rest = &text[pos..];
        let skip = rest.len() - rest.trim_start().len();
        let cand = &rest[skip..];
        if !f.is_empty() && cand.starts_with(f) {
            let s = pos + skip;
            out.push((s, s + f.len()));
            pos = s + f.len();
            continue;
        }
        // Case-insensitive or nearby search (within a few characters).
        let window: String = cand.chars().take(40).collect();
        if let Some(p) = window.to_lowercase().find(&f.to_lowercase()) {
            if window.is_char_boundary(p) && p <= 4 {
                let s = pos + skip + p;
                let e = (s + f.len()).min(text.len());
                if text.is_char_boundary(s) && text.is_char_boundary(e) && s <= e {
                    out.push((s, e));
                    pos = e;
                    continue;
                }
            }
        }
        // Quotes and brackets: consume one non-space character if it is punctuation.
        if let Some(c) = cand.chars().next() {
            if !c.is_alphanumeric() && f.chars().all(|x| !x.is_alphanumeric()) {
                let s = pos + skip;
                out.push((s, s + c.len_utf8()));
                pos = s + c.len_utf8();
                continue;
            }
        }
        out.push((pos + skip, pos + skip));
    }
    out
}

/// Reads a CoNLL-U parse (as in the GSR file) of `text` into an [`AnalyzedSentence`].
pub fn conllu_to_sentence(
    conllu: &str,
    text: &str,
    base: usize,
) -> Result<AnalyzedSentence, String> {
    let sents = dyad_text::conllu::parse_conllu(conllu).map_err(|e| e.to_string())?;
    let s = sents.into_iter().next().ok_or("empty CoNLL-U parse")?;
    let spans = align(text, s.words.iter().map(|w| w.form.as_str()));
    let tokens = s
        .words
        .iter()
        .zip(spans)
        .map(|(w, (a, e))| AnalyzedToken {
            span: Span::new(base + a, base + e),
            form: w.form.clone(),
            lemma: if w.lemma == "_" {
                lemmatize(&w.form, &w.xpos)
            } else {
                w.lemma.clone()
            },
            upos: w.upos.clone(),
            xpos: w.xpos.clone(),
            head: w.head,
            deprel: w.deprel.clone(),
            ner: "O".into(),
        })
        .collect::<Vec<_>>();
    let mut tokens = tokens;
    ud1_to_ud2(&mut tokens);
    let span = Span::new(
        tokens.first().map(|t| t.span.start).unwrap_or(base),
        tokens.last().map(|t| t.span.end).unwrap_or(base),
    );
    Ok(AnalyzedSentence { span, tokens })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rels(s: &AnalyzedSentence) -> Vec<String> {
        s.tokens
            .iter()
            .map(|t| {
                let h = if t.head == 0 {
                    "ROOT".to_string()
                } else {
                    s.tokens[t.head - 1].form.clone()
                };
                format!("{}<-{}-{}", t.form, t.deprel, h)
            })
            .collect()
    }

    #[test]
    fn unbalanced_trees_are_errors() {
        let text = "Arnor restored ties.";
        let extra = "(ROOT (S (NP (NNP Arnor)) (VBD restored) (NP (NNS ties)))) (. .)))";
        assert!(ptb_to_sentence(extra, text, 0).is_err());
        let missing = "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)))";
        assert!(ptb_to_sentence(missing, text, 0).is_err());
    }

    #[test]
    fn ud1_relations_become_ud2() {
        let c = "1\tObama\tObama\tPROPN\tNNP\t_\t4\tnsubjpass\t_\t_\n\
                 2\tis\tbe\tAUX\tVBZ\t_\t4\taux\t_\t_\n\
                 3\tbeing\tbe\tAUX\tVBG\t_\t4\tauxpass\t_\t_\n\
                 4\tpressured\tpressure\tVERB\tVBN\t_\t0\troot\t_\t_\n\
                 5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_\n\
                 6\tCongress\tCongress\tPROPN\tNNP\t_\t4\tnmod\t_\t_\n";
        let s = conllu_to_sentence(c, "Obama is being pressured by Congress", 0).unwrap();
        let r = rels(&s);
        assert!(
            r.contains(&"Obama<-nsubj:pass-pressured".to_string()),
            "{r:?}"
        );
        assert!(
            r.contains(&"being<-aux:pass-pressured".to_string()),
            "{r:?}"
        );
        assert!(r.contains(&"Congress<-obl-pressured".to_string()), "{r:?}");
    }

    #[test]
    fn simple_transitive() {
        let text = "Russian police arrested students in Moscow today.";
        let p = "(ROOT (S (NP (JJ Russian) (NNS police)) (VP (VBD arrested) (NP (NNS students)) (PP (IN in) (NP (NNP Moscow))) (NP-TMP (NN today))) (. .)))";
        let s = ptb_to_sentence(p, text, 0).unwrap();
        let r = rels(&s);
        assert!(r.contains(&"police<-nsubj-arrested".to_string()), "{r:?}");
        assert!(r.contains(&"students<-obj-arrested".to_string()), "{r:?}");
        assert!(r.contains(&"Moscow<-obl-arrested".to_string()), "{r:?}");
        assert!(r.contains(&"in<-case-Moscow".to_string()), "{r:?}");
        assert!(r.contains(&"Russian<-amod-police".to_string()), "{r:?}");
        assert_eq!(
            &text[s.tokens[2].span.start..s.tokens[2].span.end],
            "arrested"
        );
        assert_eq!(s.tokens[2].lemma, "arrest");
    }

    #[test]
    fn passive_with_agent() {
        let text = "Eriador was opposed by Osgiliath.";
        let p = "(ROOT (S (NP (NNP Eriador)) (VP (VBD was) (VP (VBN opposed) (PP (IN by) (NP (NNP Osgiliath))))) (. .)))";
        let s = ptb_to_sentence(p, text, 0).unwrap();
        let r = rels(&s);
        assert!(
            r.contains(&"Eriador<-nsubj:pass-opposed".to_string()),
            "{r:?}"
        );
        assert!(r.contains(&"was<-aux:pass-opposed".to_string()), "{r:?}");
        assert!(
            r.contains(&"Osgiliath<-obl:agent-opposed".to_string()),
            "{r:?}"
        );
    }

    #[test]
    fn coordination_and_complement_clause() {
        let text = "Fornost and Gondor said that Arnor attacked Bree.";
        let p = "(ROOT (S (NP (NNP Fornost) (CC and) (NNP Gondor)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Arnor)) (VP (VBD attacked) (NP (NNP Bree)))))) (. .)))";
        let s = ptb_to_sentence(p, text, 0).unwrap();
        let r = rels(&s);
        assert!(r.contains(&"attacked<-ccomp-said".to_string()), "{r:?}");
        assert!(r.contains(&"that<-mark-attacked".to_string()), "{r:?}");
        assert!(r.contains(&"Arnor<-nsubj-attacked".to_string()), "{r:?}");
        // Flat NP with CC: head is the last noun, the first attaches as compound here;
        // the coder treats "and" inside an NP as coordination.
        assert!(
            r.iter()
                .any(|x| x.starts_with("Gondor<-nsubj") || x.starts_with("Fornost<-nsubj")),
            "{r:?}"
        );
    }

    #[test]
    fn unbalanced_is_an_error() {
        assert!(ptb_to_sentence("(ROOT (S (NP (NNP A))", "A", 0).is_err());
    }
}
