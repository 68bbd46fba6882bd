#!/usr/bin/env python3
"""spaCy's own CNN pipelines trained on dyad's training data, scored as dyad is
(helpers for bench/spacy_ud.sh).

  spacy_ud.py conllu-docbin IN.conllu OUT.spacy      UD words, XPOS (tag_), UPOS (pos_),
                                                     heads, relations; one Doc per sentence
  spacy_ud.py iob2-docbin IN.iob2 OUT.spacy          UNER IOB2 entities (PER/ORG/LOC; OTH and
                                                     stray B-O read as O); one Doc per sentence
  spacy_ud.py eval-parse MODEL FILE.conllu PREFIX    XPOS accuracy, UAS, LAS with gold words
  spacy_ud.py eval-ner MODEL FILE.iob2 PREFIX        exact-span NER P/R/F1 with gold words
  spacy_ud.py join TP_MODEL NER_MODEL OUT            both trained pipelines as one (for speed)
  spacy_ud.py train-log LOG MODEL_BEST PREFIX        the last row of `spacy train`'s table
                                                     and model-best's row (its dev scores)

The scoring itself (gold tokenization, CoNLL 2018-style UAS/LAS over every word,
conlleval-style entity chunks) is nlp_bench.py's, shared with the en_core_web_sm
benchmark. Only the standard library and spaCy (bench/.venv) are used.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlp_bench  # noqa: E402

# dyad's NER types (dyad_nlp::ner reads every other label as O).
NER_TYPES = ("PER", "ORG", "LOC")


def cmd_conllu_docbin(src, out):
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("en")
    db = DocBin(store_user_data=False)
    words = 0
    # (form, xpos, head, deprel, space_after, upos) per word: nlp_bench.read_conllu.
    for s in nlp_bench.read_conllu(src):
        # spaCy marks a root as its own head; the label stays UD's `root`.
        heads = [w[2] - 1 if w[2] > 0 else i for i, w in enumerate(s)]
        doc = Doc(
            nlp.vocab,
            words=[w[0] for w in s],
            spaces=[w[4] for w in s],
            pos=[w[5] for w in s],
            tags=[w[1] for w in s],
            heads=heads,
            deps=[w[3] for w in s],
        )
        db.add(doc)
        words += len(s)
    db.to_disk(out)
    print(f"{os.path.basename(src)} -> {out}: {len(db)} docs (one per sentence), {words} words")


def cmd_iob2_docbin(src, out):
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("en")
    db = DocBin(store_user_data=False)
    words = ents = 0
    for s in nlp_bench.read_iob2(src):
        labels = []
        for _, lab in s:
            kind = lab[2:] if lab[:2] in ("B-", "I-") else ""
            labels.append(lab if kind in NER_TYPES else "O")
        # conlleval chunks (an I-X that continues nothing starts a span), as B/I/O.
        iob = ["O"] * len(s)
        for a, b, kind in nlp_bench.iob2_spans(labels):
            iob[a] = f"B-{kind}"
            for i in range(a + 1, b):
                iob[i] = f"I-{kind}"
            ents += 1
        doc = Doc(nlp.vocab, words=[w for w, _ in s], ents=iob)
        db.add(doc)
        words += len(s)
    db.to_disk(out)
    print(f"{os.path.basename(src)} -> {out}: {len(db)} docs (one per sentence), {words} words, {ents} entities")


def cmd_eval_parse(model, path, prefix):
    import spacy

    nlp = spacy.load(model)
    words, xpos_ok, uas, las = nlp_bench.gold_tokenization_scores(nlp, path)
    print(f"{prefix}_words: {words}")
    print(f"{prefix}_xpos: {xpos_ok / words:.4f}")
    print(f"{prefix}_uas: {100 * uas / words:.2f}")
    print(f"{prefix}_las: {100 * las / words:.2f}")


def cmd_eval_ner(model, path, prefix):
    import spacy

    nlp = spacy.load(model)
    counts = nlp_bench.ner_counts(nlp, path, {k: k for k in NER_TYPES}, drop_the=False)
    nlp_bench.print_ner_counts(prefix, counts)


def cmd_join(tp_model, ner_model, out):
    """One pipeline (tok2vec, tagger, parser, NER) from the two trained ones, for
    the speed of the whole analysis: the NER gets its own copy of its tok2vec
    (spaCy's `replace_listeners`), as each was trained."""
    import spacy

    nlp = spacy.load(tp_model)
    ner = spacy.load(ner_model)
    ner.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.add_pipe("ner", source=ner)
    nlp.to_disk(out)
    print(f"{out}: {', '.join(nlp.pipe_names)}")


def cmd_train_log(log, model_best, prefix):
    """`spacy train` prints a table: E, #, losses..., dev scores (percent), SCORE.
    SCORE is rounded to two decimals, so model-best's row is found by its dev
    scores (`performance` in its meta.json) instead."""
    import json

    rows, header = [], None
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = re.sub(r"\x1b\[[0-9;]*m", "", line)
            cols = line.split()
            if cols[:2] == ["E", "#"]:
                # "LOSS TAGGER" is one column.
                header = re.sub(r"LOSS (\S+)", r"LOSS_\1", line).split()
            elif header and len(cols) == len(header) and re.fullmatch(r"\d+", cols[0]):
                rows.append(dict(zip(header, cols)))
    if not rows:
        sys.exit(f"{log}: no training table found")
    with open(os.path.join(model_best, "meta.json"), encoding="utf-8") as f:
        perf = json.load(f)["performance"]
    scores = [h for h in header[2:-1] if not h.startswith("LOSS_") and perf.get(h.lower())]

    def matches(r):
        return all(abs(float(r[h]) - 100 * perf[h.lower()]) < 0.006 for h in scores)

    best = [r for r in rows if matches(r)]
    last = rows[-1]
    print(f"{prefix}_last_row: epoch {last['E']} (0-based), step {last['#']}, evaluations {len(rows)}")
    if not best:
        sys.exit(f"{log}: no row has model-best's dev scores")
    b = best[0]
    print(f"{prefix}_best_dev: epoch {b['E']} (0-based), step {b['#']}, "
          + ", ".join(f"{h.lower()}={b[h]}" for h in scores))


if __name__ == "__main__":
    cmd, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if cmd == "conllu-docbin" and len(args) == 2:
        cmd_conllu_docbin(*args)
    elif cmd == "iob2-docbin" and len(args) == 2:
        cmd_iob2_docbin(*args)
    elif cmd == "eval-parse" and len(args) == 3:
        cmd_eval_parse(*args)
    elif cmd == "eval-ner" and len(args) == 3:
        cmd_eval_ner(*args)
    elif cmd == "join" and len(args) == 3:
        cmd_join(*args)
    elif cmd == "train-log" and len(args) == 3:
        cmd_train_log(*args)
    else:
        sys.exit(__doc__)
