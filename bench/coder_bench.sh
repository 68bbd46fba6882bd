#!/usr/bin/env bash
# Raw text -> events, in sentences per second on ONE core: sentence splitting,
# tokenization, tagging, lemmas, NER, dependency parsing and coding, over the
# Wikinews and VOA texts of ../shared/data, with dyad's own dictionaries and with
# the full Phoenix actor/agent/issue set plus the CAMEO.2.0 verb patterns.
#
#   bench/coder_bench.sh            # SHARED=../shared/data by default
#   REPEAT=3 bench/coder_bench.sh   # code each document 3 times (steadier figure)
#
# Two measurements:
# 1. the coder_bench example (wall clock, per stage: raw text -> events, NLP
#    alone, coding alone);
# 2. `dyad code --threads 1` over the same documents, timed in CPU seconds
#    (user + sys: steadier than wall time when other processes share the
#    core), the whole process: model and dictionary loading, output included.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared/data}
REPEAT=${REPEAT:-1}
if [ ! -d "$SHARED" ]; then
    echo "coder_bench: $SHARED not found; set SHARED=/path/to/shared/data" >&2
    exit 2
fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p dyad-coder --example coder_bench
cargo build --release -q -p dyad
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c 0); fi
out=$("${PIN[@]}" "$CARGO_TARGET_DIR/release/examples/coder_bench" \
    --wikinews "$SHARED/text" \
    --voa "$SHARED/voa/voa_stories.jsonl" \
    --petrarch "$SHARED/petrarch" \
    --repeat "$REPEAT")
echo "$out"
sentences=$(echo "$out" | sed -n 's/^dyad dictionaries: [0-9]* documents, \([0-9]*\) sentences.*/\1/p')

TIMEFORMAT='%U %S'
for dicts in dyad petrarch; do
    extra=()
    if [ "$dicts" = petrarch ]; then extra=(--dictionaries "$SHARED/petrarch"); fi
    t=$( { time "${PIN[@]}" "$CARGO_TARGET_DIR/release/dyad" code --threads 1 -q "${extra[@]}" \
        "$SHARED/text" "$SHARED/voa/voa_stories.jsonl" -o /dev/null; } 2>&1 | tail -1)
    cpu=$(echo "$t" | awk '{printf "%.2f", $1 + $2}')
    printf 'dyad code (%s dictionaries, one thread): %s sentences in %s CPU s: %.0f sentences per CPU second\n' \
        "$dicts" "$sentences" "$cpu" "$(echo "$sentences / $cpu" | bc -l)"
done
