#!/usr/bin/env python3
"""Generate dyad's ontology tables from the CAMEO and PLOVER facts.

Reads (facts only; nothing is copied verbatim into the repository except codes,
names and values):
  ../shared/data/cameo/CAMEO.eventcodes.txt      code -> name (GDELT lookup table)
  ../shared/data/cameo/CAMEO.goldsteinscale.txt  code -> Goldstein value
  ../shared/data/plover/CAMEO2PLOVER-2021.txt    code -> PLOVER event, mode, context
  /usr/share/iso-codes/json/iso_3166-1.json      ISO 3166-1 alpha-3 codes and names
                                                 (optional; Debian's iso-codes package)
Writes:
  crates/dyad-ontology/data/cameo.tsv
  crates/dyad-ontology/data/countries.tsv  (only when the iso-codes file is present)

Usage: python3 scripts/gen_ontology.py [--shared ../shared] [--check]
With --check the script regenerates in memory and exits 1 if the committed tables differ.
"""
import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "crates", "dyad-ontology", "data")

# GDELT's lookup table carries labels from an older CAMEO draft for a few DEMAND codes;
# they contradict their own 4-digit children (e.g. 105 "Demand mediation" over
# 1051-1056 "Demand easing of ...") and the CAMEO 1.1b3 manual. We use the manual's
# names (the same ones the PLOVER conversion table gives in its comments) and keep
# GDELT's label in its own column for GDELT-compatible output.
MANUAL_NAMES = {
    "101": "Demand material cooperation, not specified below",
    "105": "Demand that target yields, not specified below",
    "106": "Demand meeting, negotiation",
    "107": "Demand settling of dispute",
    "108": "Demand mediation",
}

# PLOVER drops CAMEO roots 01 and 02 (statements and appeals); for other codes that the
# conversion table does not list, the root's category applies (manual, "CAMEO to PLOVER
# translation", note 2). Root 08 is split: 081-083 CONCEDE, 084-087 RETREAT.
ROOT_PLOVER = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}


# PLOVER modes as the manual (draft 0.8, 2021) lists them per event category; events
# without a mode table take none.
VALID_MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}

# Where the 2021 conversion table disagrees with the manual's own mode tables and
# guidance, the manual wins: code -> (event, mode, context); None keeps the table's value.
PLOVER_FIXES = {
    # "assassinate" is not a PLOVER mode; the manual's "targeted" covers assassinations.
    "185": (None, "targeted", None),
    "186": (None, "targeted", None),
    # Generic non-military bombing is "explosives"; "suicide-attack" is for 1831.
    "183": (None, "explosives", None),
    # Destroying property is ASSAULT "destroy" (the table wrote COERCE's "seize").
    "1712": (None, "destroy", None),
    # The table put a context in the mode slot.
    "175": (None, "", "repression; pro_autocracy; military"),
    # Aerial weapons are "aerial", not "heavy-weapons" (which is for 194).
    "195": (None, "aerial", None),
    # "massacre" and "cleansing" were dropped from the manual's ASSAULT modes.
    "200": (None, "", None),
    "201": (None, "", None),
    "202": (None, "", None),
    "203": (None, "", None),
    # Findings of guilt are SANCTION "convict" in the manual, not ACCUSE.
    "116": ("SANCTION", "convict", "legal"),
    # Demands and refusals about yielding use the "yield" mode.
    "105": (None, "yield", None),
    "124": (None, "yield", None),
    "1241": (None, "yield", None),
    "1242": (None, "yield", None),
    # "ban" and "political" are not THREATEN/COERCE modes; bans are "restrict".
    "132": (None, "restrict", None),
    "1321": (None, "restrict", None),
    "1322": (None, "restrict", None),
    "1722": (None, "restrict", None),
    # "return" was dropped from RETREAT's modes; returning property is a release.
    "0842": (None, "release", None),
    # "ease is no longer a mode" (the table's own note).
    "085": (None, "", None),
}


def quad_class(root):
    r = int(root)
    if r <= 5:
        return 1
    if r <= 9:
        return 2
    if r <= 14:
        return 3
    return 4


def penta_class(root):
    # As in the Phoenix data (see ../shared/data/cameo/README.md).
    r = int(root)
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13:
        return 3
    return 4


def read_table(path):
    rows = {}
    order = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if n == 1 or not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 2:
                sys.exit(f"{path}:{n}: expected 2 tab-separated fields, got {len(parts)}")
            code, value = parts[0].strip(), parts[1].strip()
            if code in rows:
                sys.exit(f"{path}:{n}: duplicate code {code}")
            rows[code] = value
            order.append(code)
    return rows, order


def read_plover(path):
    """code -> (event, mode, context); the table is `code: EVENT, mode, context # comment`."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            body = line.split("#", 1)[0].strip()
            if not body or body.startswith("~") or ":" not in body:
                continue
            code, rest = body.split(":", 1)
            code = code.strip()
            fields = [x.strip() for x in rest.split(",")]
            if len(fields) == 1:  # a root heading such as "03: AGREE"
                continue
            event = fields[0]
            mode = fields[1] if len(fields) > 1 else ""
            context = ",".join(fields[2:]).strip() if len(fields) > 2 else ""
            # The context field separates several contexts with "; "; keep that.
            context = "; ".join(c.strip() for c in context.split(";") if c.strip())
            value = (event, mode.replace(" ", ""), context)
            if code in out and out[code] != value:
                sys.exit(f"{path}:{n}: code {code} mapped twice differently")
            out[code] = value
    return out


def tsv_field(s):
    if "\t" in s or "\n" in s:
        raise ValueError(f"field with tab or newline: {s!r}")
    return s


def build_cameo(shared):
    names, order = read_table(os.path.join(shared, "data/cameo/CAMEO.eventcodes.txt"))
    gold, gorder = read_table(os.path.join(shared, "data/cameo/CAMEO.goldsteinscale.txt"))
    plover = read_plover(os.path.join(shared, "data/plover/CAMEO2PLOVER-2021.txt"))
    if set(names) != set(gold):
        sys.exit(f"name and Goldstein tables differ: {sorted(set(names) ^ set(gold))}")
    extra = sorted(set(plover) - set(names))
    lines = [
        "# dyad's CAMEO 1.1b3 event codebook, generated by scripts/gen_ontology.py from the",
        "# facts in GDELT's CAMEO lookup tables and the CAMEO-to-PLOVER conversion table",
        "# (PLOVER manual draft 0.8, 2021; CC BY-SA 4.0), with the corrections listed in the script",
        "# (PLOVER_FIXES: modes the manual does not list). Do not edit by hand; rerun the script.",
        "# PLOVER codes that are not CAMEO 1.1b3 codes (ignored): " + (", ".join(extra) or "none"),
        "# code\tname\tgdelt_name\tgoldstein\tquad_class\tpenta_class\tplover_event\tplover_mode\tplover_context",
    ]
    for code in order:
        root = code[:2]
        gdelt_name = names[code]
        name = MANUAL_NAMES.get(code, gdelt_name)
        if len(code) == 2:
            # GDELT writes root names in capitals; keep them, they read as headings.
            pass
        g = float(gold[code])
        if code in plover:
            ev, mode, ctx = plover[code]
        elif root in ("01", "02"):
            ev, mode, ctx = "", "", ""
        elif root == "08":
            ev, mode, ctx = ("CONCEDE" if len(code) == 2 or code[:3] <= "083" else "RETREAT"), "", ""
        else:
            ev, mode, ctx = ROOT_PLOVER[root], "", ""
        if len(code) == 2 and root == "08":
            ev = "CONCEDE"  # the root as a whole; its 084-087 children say RETREAT
        if code in PLOVER_FIXES:
            fev, fmode, fctx = PLOVER_FIXES[code]
            ev = ev if fev is None else fev
            mode = mode if fmode is None else fmode
            ctx = ctx if fctx is None else fctx
        if mode and mode not in VALID_MODES.get(ev, set()):
            sys.exit(f"{code}: mode {mode!r} is not a PLOVER mode of {ev}")
        fields = [code, name, gdelt_name, f"{g:.1f}", str(quad_class(root)), str(penta_class(root)), ev, mode, ctx]
        lines.append("\t".join(tsv_field(x) for x in fields))
    return "\n".join(lines) + "\n", len(order), extra


def build_countries():
    path = "/usr/share/iso-codes/json/iso_3166-1.json"
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        data = json.load(f)["3166-1"]
    lines = [
        "# ISO 3166-1 alpha-3 codes with short English names, generated by scripts/gen_ontology.py",
        "# from Debian's iso-codes data (ISO 3166-1 facts). Do not edit by hand.",
        "# code\talpha2\tname",
    ]
    for c in sorted(data, key=lambda c: c["alpha_3"]):
        name = c.get("common_name") or c["name"]
        lines.append("\t".join([c["alpha_3"], c["alpha_2"], tsv_field(name)]))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    cameo, n, extra = build_cameo(args.shared)
    outputs = {"cameo.tsv": cameo}
    countries = build_countries()
    if countries is not None:
        outputs["countries.tsv"] = countries
    status = 0
    for fname, text in outputs.items():
        path = os.path.join(OUT_DIR, fname)
        if args.check:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if old != text:
                print(f"{path}: differs from a fresh generation", file=sys.stderr)
                status = 1
        else:
            os.makedirs(OUT_DIR, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    print(f"cameo.tsv: {n} event codes; PLOVER-only codes ignored: {extra or 'none'}")
    if countries is not None:
        print(f"countries.tsv: {countries.count(chr(10)) - 3} ISO 3166-1 codes")
    sys.exit(status)


if __name__ == "__main__":
    main()
