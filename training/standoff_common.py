"""What the training/*_standoff.py scripts share: which chunks an annotator finished.

An annotator's folder holds `chunk-NNN.tsv` files and a `DONE` file listing the
chunk numbers that are finished; only those chunks are read. One rule for every
script: numbers separated by white space or commas, `#` starts a comment, and
anything else is an error naming the file and the line (a typo must not drop or
add a chunk silently).
"""
import os
import re
import sys


def done_chunks(folder):
    """The sorted chunk numbers listed in `folder`'s DONE file ([] without one)."""
    path = os.path.join(folder, "DONE")
    if not os.path.isfile(path):
        return []
    done = set()
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            for tok in re.split(r"[\s,]+", line.split("#", 1)[0].strip()):
                if not tok:
                    continue
                if not re.fullmatch(r"[0-9]+", tok):
                    sys.exit(f"{path}:{ln}: {tok!r} is not a chunk number")
                done.add(int(tok))
    return sorted(done)


def chunk_file(folder, n):
    """The path of chunk `n` in a pool or annotator folder."""
    return os.path.join(folder, f"chunk-{n:03d}.tsv")
