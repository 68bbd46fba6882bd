//! Lemmatizer learned from a treebank: a (form, XPOS) -> lemma table for known
//! words, and suffix edit rules chosen by XPOS for unknown ones.
//!
//! An edit rule cuts `cut` characters from the end of the form (optionally
//! lower-cased first) and appends a string: `running/VBG` -> cut 4, append
//! `"run"`... learned as `cut 3 + ""` after the common prefix `run`. Rules are
//! indexed by (XPOS, suffix of length 0..=6); the longest suffix seen wins.

use crate::binio::{Reader, Writer};
use crate::features::{suffix, FeatureHash};
use crate::perceptron::FeatureMap;
use crate::wordnet::{WordNetPos, ADJ, ADV, NOUN, VERB};
use crate::NlpError;
use std::collections::HashMap;

const MAX_SUFFIX: usize = 6;

/// One suffix edit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    lowercase: bool,
    cut: u8,
    append: String,
}

impl Rule {
    /// The rule turning `form` into `lemma`, preferring the one that keeps
    /// more of the form (case-preserving on ties).
    fn learn(form: &str, lemma: &str) -> Option<Rule> {
        let keep = Rule::between(form, lemma, false);
        let lower = Rule::between(&form.to_lowercase(), lemma, true);
        // On ties (lower-case forms) the lower-casing rule wins, so that the
        // rule also lower-cases capitalised common words (`Applause/NN`).
        let best = if lower.cut <= keep.cut { lower } else { keep };
        (best.cut as usize <= form.chars().count()).then_some(best)
    }

    fn between(form: &str, lemma: &str, lowercase: bool) -> Rule {
        let common = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let cut = (form.chars().count() - common).min(255) as u8;
        let append: String = lemma.chars().skip(common).collect();
        Rule {
            lowercase,
            cut,
            append,
        }
    }

    /// Applies the rule to `form`; `low` is `form` lower-cased (the caller
    /// already has it, so the rule need not lower-case again).
    fn apply(&self, form: &str, low: &str) -> Option<String> {
        let base = if self.lowercase { low } else { form };
        let n = base.chars().count();
        if self.cut as usize > n || (self.cut as usize == n && self.append.is_empty()) {
            return None;
        }
        let keep = base
            .char_indices()
            .nth(n - self.cut as usize)
            .map_or(base.len(), |(i, _)| i);
        let mut out = String::with_capacity(keep + self.append.len());
        out.push_str(&base[..keep]);
        out.push_str(&self.append);
        Some(out)
    }
}

/// `form` lower-cased, without a copy when it is lower-case ASCII already
/// (most words; `str::to_lowercase` leaves those unchanged).
fn lowercase(form: &str) -> std::borrow::Cow<'_, str> {
    if form
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(form)
    } else {
        std::borrow::Cow::Owned(form.to_lowercase())
    }
}

fn key(form: &str, tag: u8) -> u64 {
    FeatureHash::template(900)
        .str(form)
        .int(tag as u64)
        .finish()
}

fn rule_key(suf: &str, tag: u8) -> u64 {
    FeatureHash::template(901).str(suf).int(tag as u64).finish()
}

/// The trained lemmatizer. Tags are indices into the tagger's XPOS list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lemmatizer {
    lemmas: Vec<String>,
    exact: FeatureMap<u32>,
    lower: FeatureMap<u32>,
    rules: Vec<Rule>,
    rule_index: FeatureMap<u32>,
}

impl Lemmatizer {
    /// Learns from `(form, xpos id, lemma)` triples.
    pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, u8, &'a str)>) -> Lemmatizer {
        let mut exact: HashMap<(String, u8), HashMap<String, usize>> = HashMap::new();
        let mut lower: HashMap<(String, u8), HashMap<String, usize>> = HashMap::new();
        for (form, tag, lemma) in examples {
            if lemma.is_empty() || lemma == "_" {
                continue;
            }
            *exact
                .entry((form.to_string(), tag))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            *lower
                .entry((form.to_lowercase(), tag))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let mut lem = Lemmatizer::default();
        let mut lemma_ids: HashMap<String, u32> = HashMap::new();
        let mut intern = |s: &str, lemmas: &mut Vec<String>| -> u32 {
            *lemma_ids.entry(s.to_string()).or_insert_with(|| {
                lemmas.push(s.to_string());
                (lemmas.len() - 1) as u32
            })
        };
        // Rules are counted over word types, not tokens: unknown words behave like
        // rare types, not like frequent irregular verbs.
        let mut rule_counts: HashMap<(String, u8), HashMap<Rule, usize>> = HashMap::new();
        let mut sorted: Vec<_> = exact.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for ((form, tag), counts) in sorted {
            let best = best_of(&counts);
            let id = intern(&best, &mut lem.lemmas);
            lem.exact.insert(key(&form, tag), id);
            if let Some(rule) = Rule::learn(&form, &best) {
                let low = form.to_lowercase();
                let n = low.chars().count();
                for k in 0..=MAX_SUFFIX.min(n) {
                    *rule_counts
                        .entry((suffix(&low, k).to_string(), tag))
                        .or_default()
                        .entry(rule.clone())
                        .or_default() += 1;
                }
            }
        }
        let mut sorted: Vec<_> = lower.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for ((form, tag), counts) in sorted {
            let best = best_of(&counts);
            let id = intern(&best, &mut lem.lemmas);
            lem.lower.insert(key(&form, tag), id);
        }
        let mut rule_ids: HashMap<Rule, u32> = HashMap::new();
        let mut sorted: Vec<_> = rule_counts.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for ((suf, tag), counts) in sorted {
            let mut best: Vec<_> = counts.into_iter().collect();
            best.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then_with(|| a.0.cut.cmp(&b.0.cut))
                    .then_with(|| a.0.append.cmp(&b.0.append))
                    .then_with(|| a.0.lowercase.cmp(&b.0.lowercase))
            });
            // A rule seen for one word type only at this suffix is an accident
            // (`Sept.` -> `September` must not turn `Capt.` into `Captember`):
            // leave the choice to the shorter suffix.
            if best[0].1 < 2 && !suf.is_empty() {
                continue;
            }
            let rule = best[0].0.clone();
            let rules = &mut lem.rules;
            let id = *rule_ids.entry(rule.clone()).or_insert_with(|| {
                rules.push(rule);
                (rules.len() - 1) as u32
            });
            lem.rule_index.insert(rule_key(&suf, tag), id);
        }
        lem
    }

    /// The lemma of `form` tagged `tag` (an XPOS id).
    pub fn lemmatize(&self, form: &str, tag: u8) -> String {
        self.lemmatize_checked(form, tag, None)
    }

    /// [`Lemmatizer::lemmatize`], where for a word the tables do not know a
    /// dictionary may confirm the lemma: `check` = (WordNet lexicon, the PTB
    /// name of `tag`, whose part of speech [`WordNetPos::pos_of_xpos`] gives;
    /// none for proper nouns and function words). The suffix rules' candidates (longest suffix
    /// first), then morphy's detachments of the form, are tried in turn, and
    /// the first that WordNet has as a lemma of that part of speech wins
    /// (`provoked/VBN`: the rule learned from `asked` gives `provok`, morphy's
    /// `-ed` -> `-e` gives `provoke`); when none is, the longest-suffix rule's
    /// lemma stands, as without `check`.
    pub fn lemmatize_checked(
        &self,
        form: &str,
        tag: u8,
        check: Option<(&WordNetPos, &str)>,
    ) -> String {
        if let Some(&i) = self.exact.get(&key(form, tag)) {
            return self.lemmas[i as usize].clone();
        }
        let low = lowercase(form);
        if let Some(&i) = self.lower.get(&key(&low, tag)) {
            return self.lemmas[i as usize].clone();
        }
        // Only a word the tables lack pays for the check.
        let check = check
            .map(|(wn, xpos)| (wn, WordNetPos::pos_of_xpos(xpos)))
            .filter(|&(_, bits)| bits != 0);
        let n = low.chars().count();
        let mut first: Option<String> = None;
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            if let Some(&r) = self.rule_index.get(&rule_key(suffix(&low, k), tag)) {
                if let Some(l) = self.rules[r as usize].apply(form, &low) {
                    match check {
                        None => return l,
                        Some((wn, bits)) if wn.is_lemma(&lowercase(&l), bits) => return l,
                        Some(_) => {
                            first.get_or_insert(l);
                        }
                    }
                }
            }
        }
        if let Some((wn, bits)) = check {
            for bit in [VERB, NOUN, ADJ, ADV].into_iter().filter(|b| bits & b != 0) {
                if let Some(l) = WordNetPos::detachments(&low, bit).find(|l| wn.is_lemma(l, bit)) {
                    return l;
                }
            }
        }
        first.unwrap_or_else(|| form.to_string())
    }

    /// Writes the lemmatizer tables.
    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.lemmas);
        for map in [&self.exact, &self.lower, &self.rule_index] {
            let mut v: Vec<(u64, u32)> = map.iter().map(|(&k, &v)| (k, v)).collect();
            v.sort_unstable();
            w.u64s(&v.iter().map(|x| x.0).collect::<Vec<_>>());
            w.u32s(&v.iter().map(|x| x.1).collect::<Vec<_>>());
        }
        w.u32(self.rules.len() as u32);
        for r in &self.rules {
            w.u8(r.lowercase as u8);
            w.u8(r.cut);
            w.str(&r.append);
        }
    }

    /// Reads tables written by [`Lemmatizer::write`].
    pub fn read(r: &mut Reader) -> Result<Lemmatizer, NlpError> {
        let lemmas = r.strs()?;
        let mut maps = Vec::new();
        for _ in 0..3 {
            let k = r.u64s()?;
            let v = r.u32s()?;
            if k.len() != v.len() {
                return Err(r.err("lemma table lengths differ"));
            }
            maps.push(k.into_iter().zip(v).collect::<FeatureMap<u32>>());
        }
        let n = r.u32()? as usize;
        let mut rules = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let lowercase = r.u8()? != 0;
            let cut = r.u8()?;
            let append = r.str()?;
            rules.push(Rule {
                lowercase,
                cut,
                append,
            });
        }
        let rule_index = maps.pop().unwrap_or_default();
        let lower = maps.pop().unwrap_or_default();
        let exact = maps.pop().unwrap_or_default();
        if exact
            .values()
            .chain(lower.values())
            .any(|&i| i as usize >= lemmas.len())
            || rule_index.values().any(|&i| i as usize >= rules.len())
        {
            return Err(r.err("lemma index out of range"));
        }
        Ok(Lemmatizer {
            lemmas,
            exact,
            lower,
            rules,
            rule_index,
        })
    }
}

fn best_of(counts: &HashMap<String, usize>) -> String {
    let mut v: Vec<_> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    v[0].0.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordnet_confirms_a_guess_for_unknown_words() {
        const VBD: u8 = 3;
        const JJS: u8 = 5;
        // The rules learned here cut `-ed` and `-est` (asked -> ask, oldest -> old).
        let data = [
            ("asked", VBD, "ask"),
            ("walked", VBD, "walk"),
            ("oldest", JJS, "old"),
            ("newest", JJS, "new"),
        ];
        let l = Lemmatizer::train(data.iter().copied());
        let mut wn = WordNetPos::default();
        wn.add_index("provoke v 1\nbomb v 1\nclose a 1\nflee v 1\n", VERB);
        wn.add_index("close a 1\n", ADJ);
        let v = Some((&wn, "VBD"));
        // Without a dictionary the longest-suffix rule stands.
        assert_eq!(l.lemmatize("provoked", VBD), "provok");
        // The rule's guess is not a verb; morphy's `-ed` -> `-e` is.
        assert_eq!(l.lemmatize_checked("provoked", VBD, v), "provoke");
        assert_eq!(l.lemmatize_checked("Provoked", VBD, v), "provoke");
        // The rule's guess is confirmed: it wins over later candidates.
        assert_eq!(l.lemmatize_checked("bombed", VBD, v), "bomb");
        assert_eq!(
            l.lemmatize_checked("closest", JJS, Some((&wn, "JJS"))),
            "close"
        );
        // Nothing confirmed: the rule's guess, as without a dictionary.
        assert_eq!(l.lemmatize_checked("zorbed", VBD, v), "zorb");
        // Known forms never consult the dictionary.
        assert_eq!(l.lemmatize_checked("asked", VBD, v), "ask");
        // Only the tag's part of speech confirms (`close` is no noun), and
        // tags without one (proper nouns) are not checked.
        assert_eq!(
            l.lemmatize_checked("closest", JJS, Some((&wn, "NNS"))),
            "clos"
        );
        assert_eq!(
            l.lemmatize_checked("closest", JJS, Some((&wn, "NNP"))),
            "clos"
        );
    }

    #[test]
    fn known_words_and_learned_suffix_rules() {
        const VBG: u8 = 1;
        const NNS: u8 = 2;
        const VBD: u8 = 3;
        let data = [
            ("running", VBG, "run"),
            ("walking", VBG, "walk"),
            ("talking", VBG, "talk"),
            ("cats", NNS, "cat"),
            ("dogs", NNS, "dog"),
            ("went", VBD, "go"),
            ("The", 4, "the"),
        ];
        let l = Lemmatizer::train(data.iter().copied());
        assert_eq!(l.lemmatize("went", VBD), "go");
        assert_eq!(l.lemmatize("jumping", VBG), "jump");
        assert_eq!(l.lemmatize("birds", NNS), "bird");
        assert_eq!(l.lemmatize("Walking", VBG), "walk");
        assert_eq!(l.lemmatize("The", 4), "the");
        assert_eq!(l.lemmatize("THE", 4), "the");
        // Unknown tag: the form itself.
        assert_eq!(l.lemmatize("xyz", 9), "xyz");
        let mut w = Writer::new(b"LEMMTEST", 1);
        l.write(&mut w);
        let (mut r, _) = Reader::new(&w.buf, b"LEMMTEST", "t").unwrap();
        let back = Lemmatizer::read(&mut r).unwrap();
        r.finish().unwrap();
        assert_eq!(back.lemmatize("jumping", VBG), "jump");
        assert_eq!(back, l);
    }
}
