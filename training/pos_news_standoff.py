#!/usr/bin/env python3
"""Post-editing output -> training/pos-news.tsv (the news part-of-speech tags, no text).

The news tags were made by post-editing: a pool of sentences tagged by the session-3
tagger.bin (`POOL/chunk-NNN.tsv`: `SENT_ID<TAB>1:word/TAG 2:word/TAG ...`) and each
editor's corrections (`ANN/<editor>/chunk-NNN.tsv`: `SENT_ID<TAB>INDEX<TAB>WORD<TAB>TAG`).
A chunk counts only when listed in its editor's `DONE` file (format:
training/standoff_common.py; the first editor in name order wins when two finished
the same chunk); a correction applies only when its word equals the pool's word at
that index. Chunks are written in number order, sentences in
pool order. The output keeps the tags only:
`SENT_ID<TAB>token count<TAB>XPOS tags separated by spaces`
(training/pos_news_conllu.py joins them with the words again).

    python3 training/pos_news_standoff.py /work/notes/s4/pos-pool /work/notes/s4/pos-ann \
        training/pos-news.tsv [--chunks 1-60] [--exclude 61,70]

`--chunks` keeps only the listed chunk numbers (ranges and commas), `--exclude` drops
some (e.g. to hold chunks out for a news test).
"""
import os
import sys

from standoff_common import chunk_file, done_chunks

HEADER = (
    "# dyad news part-of-speech tags, post-edited (PTB XPOS, EWT conventions; "
    "see models/MODELS.md, tagger.bin).\n"
    "# SENT_ID<TAB>token count<TAB>XPOS tags separated by spaces "
    "(the words: training/pos_news_conllu.py)\n"
)


def chunk_editors(ann):
    """Chunk number -> editor directory, from the editors' DONE files."""
    used = {}
    for editor in sorted(os.listdir(ann)):
        for n in done_chunks(os.path.join(ann, editor)):
            used.setdefault(n, os.path.join(ann, editor))
    return used


def read_corrections(path):
    corr = {}
    if not os.path.exists(path):
        return corr
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 4:
            continue
        try:
            corr[(parts[0], int(parts[1]))] = (parts[2], parts[3].strip())
        except ValueError:
            print(f"{path}:{ln}: bad index {parts[1]!r}, skipped", file=sys.stderr)
    return corr


def parse_set(spec):
    """`1-60,70` -> {1, ..., 60, 70}."""
    out = set()
    for part in spec.split(","):
        if "-" in part:
            a, b = part.split("-", 1)
            out.update(range(int(a), int(b) + 1))
        elif part:
            out.add(int(part))
    return out


def take_option(args, name):
    if name not in args:
        return None
    i = args.index(name)
    if i + 1 >= len(args):
        sys.exit(f"{name} needs a value")
    value = args[i + 1]
    del args[i : i + 2]
    return parse_set(value)


def main():
    args = sys.argv[1:]
    exclude = take_option(args, "--exclude") or set()
    only = take_option(args, "--chunks")
    if len(args) != 3:
        sys.exit(__doc__)
    pool, ann, out = args
    used = chunk_editors(ann)
    nsent = ntok = ncorr = nchunks = 0
    with open(out, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for n in sorted(used):
            if n in exclude or (only is not None and n not in only):
                continue
            nchunks += 1
            corr = read_corrections(chunk_file(used[n], n))
            src = chunk_file(pool, n)
            for ln, line in enumerate(open(src, encoding="utf-8"), 1):
                line = line.rstrip("\n")
                if not line:
                    continue
                sid, rest = line.split("\t", 1)
                tags = []
                for t in rest.split(" "):
                    i, wt = t.split(":", 1)
                    w, tag = wt.rsplit("/", 1)
                    c = corr.get((sid, int(i)))
                    if c and c[0] == w:
                        tag = c[1]
                        ncorr += 1
                    if not tag or " " in tag or "\t" in tag:
                        sys.exit(f"{src}:{ln}: bad tag {tag!r} for token {i}")
                    tags.append(tag)
                f.write(f"{sid}\t{len(tags)}\t{' '.join(tags)}\n")
                nsent += 1
                ntok += len(tags)
    print(f"{nchunks} chunks, {nsent} sentences, {ntok} tokens, {ncorr} corrections -> {out}")


if __name__ == "__main__":
    main()
