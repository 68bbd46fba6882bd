#!/usr/bin/env python3
"""Counts and checks for dictionaries/verbs.txt against the CAMEO codebook.

Usage: python3 scripts/verb_stats.py [dictionaries/verbs.txt]
Prints: codes in the codebook, codes covered, distinct patterns, distinct predicate
lemmas, negative patterns; lists codes without a pattern, unknown codes, and patterns
given two different codes. Exits 1 when a codebook code has no pattern, a code is
unknown, or a pattern is given conflicting codes.
"""
import collections
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def codebook():
    codes = []
    with open(os.path.join(ROOT, "crates/dyad-ontology/data/cameo.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            codes.append(line.split("\t", 1)[0])
    return codes


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "dictionaries/verbs.txt")
    codes = codebook()
    known = set(codes)
    by_code = collections.defaultdict(set)
    codes_of = collections.defaultdict(set)
    negatives = set()
    unknown = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
            if not line.strip():
                continue
            if "\t" not in line:
                sys.exit(f"{path}:{n}: no TAB after the code")
            code, pats = line.rstrip("\n").split("\t", 1)
            if code not in known:
                unknown.append((n, code))
            for p in (x.strip() for x in pats.split(";")):
                if not p:
                    sys.exit(f"{path}:{n}: empty pattern")
                if p.startswith("-"):
                    negatives.add((code, p[1:].strip()))
                    continue
                by_code[code].add(p)
                codes_of[p].add(code)
    patterns = set(codes_of)
    lemmas = {p.lstrip("~").split()[0] for p in patterns}
    missing = [c for c in codes if not by_code.get(c)]
    conflicts = {p: sorted(cs) for p, cs in codes_of.items() if len(cs) > 1}
    self_neg = [(c, p) for c, p in negatives if p in by_code.get(c, ())]
    print(f"codebook codes:            {len(codes)}")
    print(f"codes with a pattern:      {len(codes) - len(missing)}")
    print(f"distinct patterns:         {len(patterns)}")
    print(f"  single-word patterns:    {sum(1 for p in patterns if len(p.lstrip('~').split()) == 1)}")
    print(f"  multi-word patterns:     {sum(1 for p in patterns if len(p.lstrip('~').split()) > 1)}")
    print(f"  event-noun (~) patterns: {sum(1 for p in patterns if p.startswith('~'))}")
    print(f"distinct predicate lemmas: {len(lemmas)}")
    print(f"negative patterns:         {len(negatives)}")
    for c in missing:
        print(f"MISSING: {c} has no pattern")
    for n, c in unknown:
        print(f"UNKNOWN: line {n}: {c} is not a CAMEO code")
    for p, cs in sorted(conflicts.items()):
        print(f"CONFLICT: {p!r} under {', '.join(cs)}")
    for c, p in sorted(self_neg):
        print(f"SELF-NEGATED: {p!r} under {c}")
    sys.exit(1 if missing or unknown or conflicts or self_neg else 0)


if __name__ == "__main__":
    main()
