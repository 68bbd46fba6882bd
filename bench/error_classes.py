#!/usr/bin/env python3
"""Error classes of dyad's tagger and NER on a test file, for reporting where the
errors come from (never for choosing features: that is done on dev sets).

  error_classes.py xpos GOLD.conllu PRED.conllu
      PRED from `dyad eval parser --conllu GOLD --output PRED` (same tokens).
      Counts XPOS errors and two classes of them: a capitalised common word inside
      a name tagged NNP/NNPS by us but NN/NNS/JJ/... in the gold (an area EWT
      itself annotates both ways: in EWT train such words are NNP about 53% of
      the time and NN 28%), and `;` or a dash tagged `,` where the gold has `:`
      (a convention difference: EWT train tags `;` `,`, PUD `:` as PTB did).
  error_classes.py ner PREDICTIONS.tsv
      PREDICTIONS from `dyad eval ner --iob2 GOLD --predictions FILE`. Counts
      missed, spurious, wrongly typed and wrongly bounded entities by type, with
      the most frequent examples.

Only the standard library and nlp_bench.py (beside this file) are used.
"""
import collections
import sys

from nlp_bench import iob2_spans as spans
from nlp_bench import read_conllu


def conllu_words(path):
    """Sentences as lists of (form, xpos)."""
    return [[w[:2] for w in s] for s in read_conllu(path)]


NAME_INTERNAL_GOLD = {"NN", "NNS", "JJ", "JJS", "JJR", "VBG", "VBN", "CD"}


def cmd_xpos(gold_path, pred_path):
    gold, pred = conllu_words(gold_path), conllu_words(pred_path)
    if len(gold) != len(pred):
        sys.exit(f"{gold_path} has {len(gold)} sentences, {pred_path} {len(pred)}")
    words = errors = name_internal = colon = 0
    pairs = collections.Counter()
    for gs, ps in zip(gold, pred):
        if len(gs) != len(ps):
            sys.exit("sentences differ in length: not the same tokenization")
        forms = [w for w, _ in gs]
        for i, ((form, gt), (_, pt)) in enumerate(zip(gs, ps)):
            words += 1
            if gt == pt:
                continue
            errors += 1
            pairs[(gt, pt)] += 1
            if (
                pt in ("NNP", "NNPS")
                and gt in NAME_INTERNAL_GOLD
                and form[:1].isupper()
                and i > 0
                and any(forms[j][:1].isupper() for j in (i - 1, i + 1) if j < len(forms))
            ):
                name_internal += 1
            if gt == ":" and pt == ",":
                colon += 1
    print(f"words: {words}")
    print(f"xpos_errors: {errors}")
    print(f"xpos_accuracy: {1 - errors / words:.4f}")
    print(f"name_internal_common_word_as_nnp: {name_internal}")
    print(f"colon_as_comma: {colon}")
    print(f"xpos_accuracy_without_these: {1 - (errors - name_internal - colon) / words:.4f}")
    print("most frequent (gold, predicted):")
    for (g, p), n in pairs.most_common(12):
        print(f"  {n}\t{g} -> {p}")


def cmd_ner(path):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cur.append(cols[:3])
    if cur:
        sents.append(cur)
    classes = collections.Counter()
    examples = collections.defaultdict(collections.Counter)
    for s in sents:
        words = [w for w, _, _ in s]
        gold = spans([g for _, g, _ in s])
        pred = spans([p for _, _, p in s])
        for g in gold - pred:
            text = " ".join(words[g[0]:g[1]])
            same = [p for p in pred if p[:2] == g[:2]]
            overlap = [p for p in pred if p[0] < g[1] and g[0] < p[1]]
            if same:
                key = f"gold {g[2]} predicted {same[0][2]}"
            elif overlap:
                key = f"gold {g[2]} other bounds"
            else:
                key = f"gold {g[2]} missed"
            classes[key] += 1
            examples[key][text] += 1
        for p in pred - gold:
            if not any(g[0] < p[1] and p[0] < g[1] for g in gold):
                key = f"spurious {p[2]}"
                classes[key] += 1
                examples[key][" ".join(words[p[0]:p[1]])] += 1
    for key, n in classes.most_common():
        top = ", ".join(f"{t} ({c})" if c > 1 else t for t, c in examples[key].most_common(8))
        print(f"{n}\t{key}: {top}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "xpos":
        cmd_xpos(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "ner":
        cmd_ner(sys.argv[2])
    else:
        sys.exit(__doc__)
