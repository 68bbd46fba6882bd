#!/usr/bin/env python3
"""Builds training/ner-news.tsv (standoff NER annotations, no source text) from
the annotators' files, and reports inconsistencies for the quality pass.

    python3 training/ner_standoff.py --pool /work/notes/s4/ner-pool \
        --ann /work/notes/s4/ner-ann/annA --ann /work/notes/s4/ner-ann/annB \
        --ann /work/notes/s4/ner-ann/annC \
        --fixes training/ner-news-fixes.tsv --exclude training/ner-news-excluded.tsv \
        --out training/ner-news.tsv [--report /tmp/ner-report.txt] [--pud UNER-PUD.iob2]

Pool lines are `SENT_ID<TAB>tokens joined by single spaces` (spaces inside a
token written `_`); annotated lines are the same with `[[PER`/`[[ORG`/`[[LOC`
before an entity's first token and `]]` after its last. Only chunks listed in
an annotator's DONE file are read (its format: training/standoff_common.py); a
line whose tokens, once the markup is removed, differ from the pool line is an
error. The token hash is FNV-1a 64 of
the pool line's token text (the Rust converter, dyad_nlp::ner::standoff,
computes the same over the re-segmented forms).

--fixes applies the quality-pass corrections (`SENT_ID<TAB>first[-last]<TAB>TYPE`,
TYPE `O` removes the entity, any other type sets or adds it); --exclude drops
sentences (`SENT_ID<TAB>reason`). --pud lists pool sentences whose token
sequence occurs in the given IOB2 file (to be excluded).
"""

import argparse
import collections
import os
import re
import sys

from standoff_common import chunk_file, done_chunks

TYPES = ("PER", "ORG", "LOC")


def fnv1a(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def read_pool(folder):
    """chunk number -> list of (sent_id, token text)"""
    chunks = {}
    for name in sorted(os.listdir(folder)):
        m = re.fullmatch(r"chunk-(\d+)\.tsv", name)
        if not m:
            continue
        rows = []
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                sid, text = line.split("\t", 1)
                rows.append((sid, text))
        chunks[int(m.group(1))] = rows
    return chunks


def parse_annotated(text, where):
    """Tokens and spans (0-based inclusive) of an annotated line."""
    tokens, spans, open_at, open_type = [], [], None, None
    for t in text.split(" "):
        m = re.fullmatch(r"\[\[(PER|ORG|LOC)", t)
        if m:
            if open_at is not None:
                raise ValueError(f"{where}: nested entity")
            open_at, open_type = len(tokens), m.group(1)
        elif t == "]]":
            if open_at is None:
                raise ValueError(f"{where}: ']]' without an opening")
            if len(tokens) == open_at:
                raise ValueError(f"{where}: empty entity")
            spans.append((open_at, len(tokens) - 1, open_type))
            open_at = None
        elif t.startswith("[[") and len(t) > 2:
            raise ValueError(f"{where}: unknown markup {t!r}")
        else:
            tokens.append(t)
    if open_at is not None:
        raise ValueError(f"{where}: entity not closed")
    return tokens, spans


def read_annotator(folder, pool):
    """sent_id -> spans, for the chunks in the DONE file."""
    out, errors = {}, []
    for c in done_chunks(folder):
        path = chunk_file(folder, c)
        if c not in pool or not os.path.exists(path):
            errors.append(f"{path}: listed in DONE but missing")
            continue
        expect = dict(pool[c])
        got = {}
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                if "\t" not in line:
                    errors.append(f"{where}: no tab")
                    continue
                sid, text = line.split("\t", 1)
                text = re.sub(r" +", " ", text.strip())
                if sid not in expect:
                    errors.append(f"{where}: unknown sentence {sid}")
                    continue
                try:
                    tokens, spans = parse_annotated(text, where)
                except ValueError as e:
                    errors.append(str(e))
                    continue
                if " ".join(tokens) != expect[sid]:
                    errors.append(f"{where}: {sid}: tokens differ from the pool line")
                    continue
                got[sid] = spans
        missing = [s for s, _ in pool[c] if s not in got]
        if missing:
            errors.append(f"{path}: {len(missing)} pool sentences missing (chunk skipped)")
            continue
        out.update(got)
    return out, errors


def read_tsv(path, ncols):
    rows = []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                rows.append(line.split("\t")[:ncols])
    return rows


def pud_sentences(path):
    sents, cur = set(), []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.add(" ".join(cur))
                cur = []
            elif not line.startswith("#"):
                cur.append(line.split("\t")[1].replace(" ", "_"))
    if cur:
        sents.add(" ".join(cur))
    return sents


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", required=True)
    ap.add_argument("--ann", action="append", default=[])
    ap.add_argument("--ann-root", help="read every sub-folder named ann* of this folder")
    ap.add_argument("--fixes")
    ap.add_argument("--exclude")
    ap.add_argument("--out", required=True)
    ap.add_argument("--report")
    ap.add_argument("--pud")
    a = ap.parse_args()

    if a.ann_root:
        a.ann += sorted(os.path.join(a.ann_root, d) for d in os.listdir(a.ann_root)
                        if d.startswith("ann") and os.path.isdir(os.path.join(a.ann_root, d)))
    pool = read_pool(a.pool)
    text_of = {sid: t for rows in pool.values() for sid, t in rows}
    order = [sid for c in sorted(pool) for sid, _ in pool[c]]
    by_ann = {}
    for folder in a.ann:
        name = os.path.basename(folder.rstrip("/"))
        spans, errors = read_annotator(folder, pool)
        for e in errors:
            print(f"error: {e}", file=sys.stderr)
        by_ann[name] = spans
        print(f"{name}: {len(spans)} sentences", file=sys.stderr)

    # Sentences annotated more than once: majority of identical span sets,
    # otherwise the first annotator's (reported).
    ann = {}
    who = {}
    doubles = 0
    for sid in order:
        versions = [(n, by_ann[n][sid]) for n in sorted(by_ann) if sid in by_ann[n]]
        if not versions:
            continue
        if len(versions) > 1:
            doubles += 1
            counts = collections.Counter(tuple(v) for _, v in versions)
            best, k = counts.most_common(1)[0]
            if k == 1 and len(set(counts)) > 1:
                print(f"disagreement {sid}: " + "; ".join(f"{n} {v}" for n, v in versions),
                      file=sys.stderr)
                best = tuple(versions[0][1])
            ann[sid] = list(best)
        else:
            ann[sid] = list(versions[0][1])
        who[sid] = "+".join(n for n, _ in versions)
    if doubles:
        print(f"{doubles} sentences annotated more than once", file=sys.stderr)
        agreement(pool, by_ann)

    # Quality-pass fixes.
    changed = 0
    for sid, rng, ty in read_tsv(a.fixes, 3):
        if sid not in ann:
            print(f"fix for unannotated {sid} ignored", file=sys.stderr)
            continue
        lo, _, hi = rng.partition("-")
        lo, hi = int(lo) - 1, int(hi or lo) - 1
        ntok = len(text_of[sid].split(" "))
        if not (0 <= lo <= hi < ntok):
            sys.exit(f"fix {sid} {rng}: outside the sentence")
        before = list(ann[sid])
        kept = [s for s in ann[sid] if s[1] < lo or s[0] > hi]
        if ty != "O":
            kept.append((lo, hi, ty))
        ann[sid] = sorted(kept)
        if ann[sid] != before:
            changed += 1
        else:
            print(f"fix {sid} {rng} {ty} changes nothing", file=sys.stderr)
    excluded = {r[0] for r in read_tsv(a.exclude, 2)}

    # Identical sentences (interview speaker labels "( ( WN ) )", photo
    # credits) are kept once, so that they do not dominate the data; then the
    # sentences are grouped by document (a document's first 12 sentences and
    # the rest were in different chunks) in sentence order.
    seen, dups = set(), 0
    kept_ids = []
    for sid in order:
        if sid not in ann or sid in excluded:
            continue
        if text_of[sid] in seen:
            dups += 1
            continue
        seen.add(text_of[sid])
        kept_ids.append(sid)
    first = {}
    for i, sid in enumerate(order):
        first.setdefault(sid.rsplit("-", 1)[0], i)
    kept_ids.sort(key=lambda s: (first[s.rsplit("-", 1)[0]], int(s.rsplit("-", 1)[1])))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# dyad news NER annotations (standoff; see models/MODELS.md, ner.bin).\n")
        f.write("# SENT_ID<TAB>tokens<TAB>FNV-1a 64 of the token forms<TAB>"
                "entities as 1-based token ranges:TYPE\n")
        for sid in kept_ids:
            toks = text_of[sid].split(" ")
            spans = " ".join(
                (f"{s + 1}" if s == e else f"{s + 1}-{e + 1}") + f":{t}"
                for s, e, t in sorted(ann[sid]))
            f.write(f"{sid}\t{len(toks)}\t{fnv1a(text_of[sid]):016x}\t{spans}\n")
    n_ent = sum(len(ann[s]) for s in kept_ids)
    docs = {s.rsplit("-", 1)[0] for s in kept_ids}
    by_type = collections.Counter(t for s in kept_ids for _, _, t in ann[s])
    print(f"wrote {a.out}: {len(kept_ids)} sentences, {len(docs)} documents, {n_ent} entities "
          f"{dict(sorted(by_type.items()))}; {changed} sentences changed by fixes, "
          f"{len(excluded & set(ann))} excluded, {dups} duplicate sentences dropped", file=sys.stderr)

    if a.pud:
        pud = pud_sentences(a.pud)
        for sid in order:
            if text_of[sid] in pud:
                print(f"in UNER-PUD: {sid}\t{text_of[sid]}")

    if a.report:
        write_report(a.report, kept_ids, ann, text_of, who)


def agreement(pool, by_ann):
    """Per chunk done by two annotators: exact-match entity F1 between them."""
    names = sorted(by_ann)
    tot = [0, 0, 0]
    for c in sorted(pool):
        ids = [sid for sid, _ in pool[c]]
        done = [n for n in names if all(sid in by_ann[n] for sid in ids)]
        for i in range(len(done)):
            for j in range(i + 1, len(done)):
                x, y = done[i], done[j]
                ex = {(sid,) + tuple(e) for sid in ids for e in by_ann[x][sid]}
                ey = {(sid,) + tuple(e) for sid in ids for e in by_ann[y][sid]}
                both = len(ex & ey)
                f1 = 2 * both / max(1, len(ex) + len(ey))
                diff = sum(1 for sid in ids if by_ann[x][sid] != by_ann[y][sid])
                tot[0] += both
                tot[1] += len(ex)
                tot[2] += len(ey)
                print(f"agreement chunk-{c:03d} {x}/{y}: {len(ex)}/{len(ey)} entities, "
                      f"{both} identical, F1 {f1:.3f}; {diff} of {len(ids)} sentences differ",
                      file=sys.stderr)
    if tot[1] + tot[2]:
        print(f"agreement overall: F1 {2 * tot[0] / (tot[1] + tot[2]):.3f} "
              f"({tot[0]} identical of {tot[1]} / {tot[2]})", file=sys.stderr)


def write_report(path, ids, ann, text_of, who):
    """Names typed differently, and marked names left unmarked elsewhere."""
    types = collections.defaultdict(collections.Counter)
    where = collections.defaultdict(list)
    for sid in ids:
        toks = text_of[sid].split(" ")
        for s, e, t in ann[sid]:
            name = " ".join(toks[s:e + 1])
            types[name][t] += 1
            where[name].append(f"{sid}:{s + 1}-{e + 1}:{t}({who[sid]})")
    with open(path, "w", encoding="utf-8") as f:
        f.write("## names with more than one type\n")
        for name in sorted(types, key=lambda n: -sum(types[n].values())):
            if len(types[name]) > 1:
                f.write(f"{name}\t{dict(types[name])}\t{' '.join(where[name])}\n")
        f.write("\n## marked names also left unmarked (capitalised, whole-token match)\n")
        names = {tuple(n.split(" ")): types[n].most_common(1)[0][0] for n in types}
        maxlen = max((len(n) for n in names), default=0)
        misses = collections.defaultdict(list)
        for sid in ids:
            toks = text_of[sid].split(" ")
            covered = set()
            for s, e, _ in ann[sid]:
                covered.update(range(s, e + 1))
            i = 0
            while i < len(toks):
                hit = None
                for L in range(min(maxlen, len(toks) - i), 0, -1):
                    cand = tuple(toks[i:i + L])
                    if cand in names and cand[0][:1].isupper():
                        hit = L
                        break
                if hit and not any(j in covered for j in range(i, i + hit)):
                    misses[" ".join(toks[i:i + hit])].append(f"{sid}:{i + 1}({who[sid]})")
                i += hit or 1
        for name in sorted(misses, key=lambda n: -len(misses[n])):
            t = types[name]
            f.write(f"{name}\tmarked {dict(t)}\tunmarked {len(misses[name])}: "
                    f"{' '.join(misses[name][:12])}\n")


if __name__ == "__main__":
    main()
