#!/usr/bin/env python3
"""Post-edited news part-of-speech tags (training/pos-news.tsv) -> XPOS-only CoNLL-U.

The repository holds the tags without the text: `SENT_ID<TAB>token count<TAB>XPOS tags
separated by spaces`. The words come from the news IOB2 file that the NER converter writes
from ../shared (see models/MODELS.md, ner.bin: `ner_news_iob2 --standoff training/ner-news.tsv`),
matched by sentence id; a sentence whose token count differs (a changed segmenter) or that
is missing there is skipped and counted. UPOS, lemma, head and relation are `_`: dyad's
tagger trains only XPOS and its tag dictionary from such sentences.

    python3 training/pos_news_conllu.py /tmp/ner-news.iob2 training/pos-news.tsv /tmp/pos-news.conllu

Several tag files may be given (read in order), e.g. training/pos-news.tsv training/pos-news-r.tsv.
"""
import sys


def read_iob2(path):
    sents, sid, toks = {}, None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# sent_id = "):
            sid, toks = line[len("# sent_id = "):], []
        elif line.startswith("#"):
            continue
        elif not line:
            if sid is not None:
                sents[sid] = toks
            sid, toks = None, []
        else:
            toks.append(line.split("\t")[1])
    if sid is not None:
        sents[sid] = toks
    return sents


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    iob2, tag_paths, out = sys.argv[1], sys.argv[2:-1], sys.argv[-1]
    words = read_iob2(iob2)
    kept = missing = mismatch = 0
    lines = (
        (tags_path, ln, line)
        for tags_path in tag_paths
        for ln, line in enumerate(open(tags_path, encoding="utf-8"), 1)
    )
    with open(out, "w", encoding="utf-8") as f:
        for tags_path, ln, line in lines:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            sid, n, tags = line.split("\t")
            tags = tags.split(" ")
            if len(tags) != int(n):
                sys.exit(f"{tags_path}:{ln}: {len(tags)} tags for {n} tokens")
            toks = words.get(sid)
            if toks is None:
                missing += 1
                continue
            if len(toks) != len(tags):
                mismatch += 1
                continue
            f.write(f"# sent_id = {sid}\n")
            for i, (w, t) in enumerate(zip(toks, tags), 1):
                f.write(f"{i}\t{w}\t_\t_\t{t}\t_\t_\t_\t_\t_\n")
            f.write("\n")
            kept += 1
    print(f"{kept} sentences written, {missing} not in {iob2}, {mismatch} with another token count")


if __name__ == "__main__":
    main()
