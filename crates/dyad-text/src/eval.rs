//! Evaluation of sentence splitting and tokenization against CoNLL-U gold.
//!
//! The sentences of each paragraph (`# newpar`) or document (`# newdoc`) are joined
//! with single spaces into running text, which [`crate::segment`] splits again.
//! Sentences and tokens are compared as byte spans of that text: a sentence or a
//! token counts as correct only when both its ends match the gold. Gold tokens are
//! the syntactic words; a multiword token whose words do not spell its surface form
//! (and cannot be cut by their lengths) is compared as one surface span.

use crate::conllu::ConlluSentence;
use crate::Span;
use std::collections::HashSet;

/// Counts for one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans in the gold file.
    pub gold: usize,
    /// Spans the splitter or tokenizer produced.
    pub predicted: usize,
    /// Predicted spans that are also gold spans (both ends equal).
    pub correct: usize,
}

impl Counts {
    /// correct / predicted (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// correct / gold (0 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.correct += o.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Result of [`evaluate`].
#[derive(Debug, Clone, Default)]
pub struct TokenizeEval {
    /// Sentence spans.
    pub sentences: Counts,
    /// Token spans (syntactic words; see the module docs).
    pub tokens: Counts,
    /// Number of joined texts (paragraphs or documents).
    pub texts: usize,
    /// Gold sentences whose token forms could not be found in their `# text`
    /// (their tokens are placed by length instead).
    pub misaligned_sentences: usize,
    /// Examples of errors, when asked for: missed gold and spurious predicted
    /// spans with some context.
    pub errors: Vec<String>,
}

/// One joined text with its gold spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldText {
    /// The sentences' `# text` joined with single spaces.
    pub text: String,
    /// Gold sentence spans in `text`.
    pub sentences: Vec<Span>,
    /// Gold token spans in `text`.
    pub tokens: Vec<Span>,
    /// Gold spans of multiword tokens compared as a whole.
    pub surface_only: Vec<Span>,
    /// The gold UPOS tag of each of `tokens` (a multiword token compared as a
    /// whole has its first word's tag), for training word classes.
    pub upos: Vec<String>,
    pub(crate) misaligned: usize,
}

/// Groups CoNLL-U sentences into texts at `# newpar` / `# newdoc`, as gold.
pub fn gold_texts(sents: &[ConlluSentence]) -> Vec<GoldText> {
    let mut out: Vec<GoldText> = Vec::new();
    for (n, s) in sents.iter().enumerate() {
        if n == 0 || s.newdoc || s.newpar {
            out.push(GoldText::default());
        }
        let Some(g) = out.last_mut() else { continue };
        if !g.text.is_empty() {
            g.text.push(' ');
        }
        let start = g.text.len();
        let sent_text = s.text.clone().unwrap_or_else(|| rebuild_text(s));
        g.text.push_str(&sent_text);
        let sent_span = Span::new(start, g.text.len());
        g.sentences.push(sent_span);
        align_tokens(s, sent_span, g);
    }
    out
}

fn rebuild_text(s: &ConlluSentence) -> String {
    let mut t = String::new();
    for (form, space) in s.surface_tokens() {
        t.push_str(&form);
        if space {
            t.push(' ');
        }
    }
    t.trim_end().to_string()
}

/// Places the gold words of `s` in `text[sent]`.
fn align_tokens(s: &ConlluSentence, sent: Span, g: &mut GoldText) {
    let GoldText {
        text,
        tokens,
        surface_only,
        upos,
        misaligned,
        ..
    } = g;
    let text: &str = text;
    let mut pos = sent.start;
    let mut bad = false;
    // Finds `form` at or after `pos` (skipping white space); falls back to its
    // length in characters when the text differs.
    let place = |form: &str, pos: &mut usize, bad: &mut bool| -> Span {
        while *pos < sent.end {
            let c = text[*pos..].chars().next().unwrap_or(' ');
            if !c.is_whitespace() {
                break;
            }
            *pos += c.len_utf8();
        }
        let start = *pos;
        if text[start..sent.end].starts_with(form) {
            *pos += form.len();
        } else {
            *bad = true;
            let n = form.chars().count();
            let len: usize = text[start..sent.end]
                .chars()
                .take(n)
                .map(char::len_utf8)
                .sum();
            *pos += len;
        }
        Span::new(start, *pos)
    };
    let mut i = 0;
    while i < s.words.len() {
        let id = s.words[i].id;
        if let Some(m) = s.multiword.iter().find(|m| m.first == id) {
            let count = (m.last + 1).saturating_sub(m.first).max(1);
            let words = &s.words[i..(i + count).min(s.words.len())];
            let surface = place(&m.form, &mut pos, &mut bad);
            let concat: String = words.iter().map(|w| w.form.as_str()).collect();
            let char_lens: Vec<usize> = words.iter().map(|w| w.form.chars().count()).collect();
            let surface_text = surface.slice(text);
            if concat == surface_text
                || char_lens.iter().sum::<usize>() == surface_text.chars().count()
            {
                let mut p = surface.start;
                for (w, n) in words.iter().zip(char_lens) {
                    let len: usize = text[p..surface.end]
                        .chars()
                        .take(n)
                        .map(char::len_utf8)
                        .sum();
                    tokens.push(Span::new(p, p + len));
                    upos.push(w.upos.clone());
                    p += len;
                }
            } else {
                tokens.push(surface);
                upos.push(words[0].upos.clone());
                surface_only.push(surface);
            }
            i += count;
        } else {
            let span = place(&s.words[i].form, &mut pos, &mut bad);
            tokens.push(span);
            upos.push(s.words[i].upos.clone());
            i += 1;
        }
    }
    if bad {
        *misaligned += 1;
    }
}

/// Splits and tokenizes each gold text and compares with the gold spans.
///
/// `max_errors` error examples are kept in [`TokenizeEval::errors`].
pub fn evaluate(sents: &[ConlluSentence], max_errors: usize) -> TokenizeEval {
    evaluate_with(sents, max_errors, crate::boundary::embedded())
}

/// [`evaluate`] with another boundary model, for training and threshold tuning.
#[doc(hidden)]
pub fn evaluate_with(
    sents: &[ConlluSentence],
    max_errors: usize,
    model: Option<&crate::boundary::BoundaryModel>,
) -> TokenizeEval {
    evaluate_by(sents, max_errors, &mut |text| {
        crate::segment_with(text, model)
    })
}

/// Scores one text: (sentence counts, token counts).
pub fn score_text(g: &GoldText, max_errors: usize, errors: &mut Vec<String>) -> (Counts, Counts) {
    let predicted = crate::segment_with(&g.text, crate::boundary::embedded());
    score_predicted(g, &predicted, max_errors, errors)
}

/// [`evaluate`] with any segmenter (text in, sentences out), e.g. one that
/// refines [`crate::segment`] with more models (dyad-nlp's sentence splitter),
/// so that the figures are those of what the caller runs.
pub fn evaluate_by(
    sents: &[ConlluSentence],
    max_errors: usize,
    segmenter: &mut dyn FnMut(&str) -> Vec<crate::Sentence>,
) -> TokenizeEval {
    let mut ev = TokenizeEval::default();
    for g in gold_texts(sents) {
        ev.texts += 1;
        ev.misaligned_sentences += g.misaligned;
        let predicted = segmenter(&g.text);
        let budget = max_errors.saturating_sub(ev.errors.len());
        let (s, t) = score_predicted(&g, &predicted, budget, &mut ev.errors);
        ev.sentences.add(s);
        ev.tokens.add(t);
    }
    ev
}

/// Scores the sentences `predicted` for one text against its gold spans.
fn score_predicted(
    g: &GoldText,
    predicted: &[crate::Sentence],
    max_errors: usize,
    errors: &mut Vec<String>,
) -> (Counts, Counts) {
    let pred_sents: Vec<Span> = predicted.iter().map(|s| s.span).collect();
    let mut pred_tokens: Vec<Span> = predicted
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.span))
        .collect();
    merge_surface(&mut pred_tokens, &g.surface_only);
    let (sc, mut sent_errs) = compare(&g.sentences, &pred_sents);
    let (tc, tok_errs) = compare(&g.tokens, &pred_tokens);
    let mut budget = max_errors;
    sent_errs.truncate(budget);
    budget -= sent_errs.len();
    for (what, sp) in sent_errs {
        errors.push(format!("sentence {what}: {:?}", sp.slice(&g.text)));
    }
    for (what, sp) in tok_errs.into_iter().take(budget) {
        let ctx_start = floor_boundary(&g.text, sp.start.saturating_sub(30));
        let ctx_end = ceil_boundary(&g.text, (sp.end + 30).min(g.text.len()));
        errors.push(format!(
            "token {what}: {:?} in {:?}",
            sp.slice(&g.text),
            &g.text[ctx_start..ctx_end]
        ));
    }
    (sc, tc)
}

fn floor_boundary(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(t: &str, mut i: usize) -> usize {
    while !t.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Predicted tokens that exactly tile a surface-only gold span become one span.
fn merge_surface(pred: &mut Vec<Span>, surface: &[Span]) {
    if surface.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(pred.len());
    let mut i = 0;
    while i < pred.len() {
        if let Some(sf) = surface.iter().find(|s| s.start == pred[i].start) {
            let mut j = i;
            while j < pred.len() && pred[j].end < sf.end {
                j += 1;
            }
            if j < pred.len() && pred[j].end == sf.end && j > i {
                out.push(*sf);
                i = j + 1;
                continue;
            }
        }
        out.push(pred[i]);
        i += 1;
    }
    *pred = out;
}

/// Counts matching spans; returns the errors (missed gold, spurious predicted).
fn compare(gold: &[Span], pred: &[Span]) -> (Counts, Vec<(&'static str, Span)>) {
    let gset: HashSet<Span> = gold.iter().copied().collect();
    let pset: HashSet<Span> = pred.iter().copied().collect();
    let correct = pset.intersection(&gset).count();
    let mut errs = Vec::new();
    for g in gold {
        if !pset.contains(g) {
            errs.push(("missed", *g));
        }
    }
    for p in pred {
        if !gset.contains(p) {
            errs.push(("spurious", *p));
        }
    }
    (
        Counts {
            gold: gset.len(),
            predicted: pset.len(),
            correct,
        },
        errs,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse_conllu;

    fn word(id: usize, form: &str, misc: &str) -> String {
        format!("{id}\t{form}\t_\t_\t_\t_\t0\t_\t_\t{misc}\n")
    }

    #[test]
    fn joins_a_paragraph_and_places_tokens() {
        let mut c = String::from("# newdoc id = d\n# newpar id = p\n# text = I don't know.\n");
        c += &word(1, "I", "_");
        c += "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n";
        c += &word(2, "do", "_");
        c += &word(3, "n't", "_");
        c += &word(4, "know", "SpaceAfter=No");
        c += &word(5, ".", "_");
        c += "\n# text = Good\n";
        c += &word(1, "Good", "_");
        c += "\n";
        let s = parse_conllu(&c).unwrap();
        let g = gold_texts(&s);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].text, "I don't know. Good");
        let forms: Vec<&str> = g[0].tokens.iter().map(|t| t.slice(&g[0].text)).collect();
        assert_eq!(forms, ["I", "do", "n't", "know", ".", "Good"]);
        assert_eq!(g[0].sentences.len(), 2);
    }

    #[test]
    fn known_scores_on_a_tiny_file() {
        // Two paragraphs. The first is split and tokenized right (2 sentences,
        // 7 tokens). The second has a sentence without final punctuation that the
        // splitter joins with the next: 0 of 2 gold sentences, 1 predicted; the
        // gold "e-mail" word pair "e" "-mail" is not what the tokenizer gives.
        let mut c = String::from("# newpar id = p1\n# text = He left.\n");
        c += &word(1, "He", "_");
        c += &word(2, "left", "SpaceAfter=No");
        c += &word(3, ".", "_");
        c += "\n# text = It rained!\n";
        c += &word(1, "It", "_");
        c += &word(2, "rained", "SpaceAfter=No");
        c += &word(3, "!", "_");
        c += "\n# newpar id = p2\n# text = see the e-mail\n";
        c += &word(1, "see", "_");
        c += &word(2, "the", "_");
        c += &word(3, "e", "SpaceAfter=No");
        c += &word(4, "-mail", "_");
        c += "\n# text = thanks.\n";
        c += &word(1, "thanks", "SpaceAfter=No");
        c += &word(2, ".", "_");
        c += "\n";
        let s = parse_conllu(&c).unwrap();
        let ev = evaluate(&s, 10);
        assert_eq!(ev.texts, 2);
        assert_eq!(
            ev.sentences,
            Counts {
                gold: 4,
                predicted: 3,
                correct: 2
            }
        );
        // Gold 12 tokens; predicted 11 ("e-mail" whole); 10 correct.
        assert_eq!(
            ev.tokens,
            Counts {
                gold: 12,
                predicted: 11,
                correct: 10
            }
        );
        assert!((ev.sentences.f1() - 2.0 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5)).abs() < 1e-12);
    }

    #[test]
    fn surface_only_multiword_tokens_compare_whole() {
        let mut pred = vec![Span::new(0, 2), Span::new(2, 5), Span::new(6, 8)];
        merge_surface(&mut pred, &[Span::new(0, 5)]);
        assert_eq!(pred, [Span::new(0, 5), Span::new(6, 8)]);
    }
}
