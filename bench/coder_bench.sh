#!/usr/bin/env bash
# Raw text -> events, in sentences per second on ONE core: sentence splitting,
# tokenization, tagging, lemmas, NER, dependency parsing and coding, over the
# Wikinews and VOA texts of ../shared/data, with dyad's own dictionaries and with
# the full Phoenix actor/agent/issue set plus the CAMEO.2.0 verb patterns.
#
#   bench/coder_bench.sh            # SHARED=../shared/data by default
#   REPEAT=3 bench/coder_bench.sh   # code each document 3 times (steadier figure)
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
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c 0); fi
"${PIN[@]}" "$CARGO_TARGET_DIR/release/examples/coder_bench" \
    --wikinews "$SHARED/text" \
    --voa "$SHARED/voa/voa_stories.jsonl" \
    --petrarch "$SHARED/petrarch" \
    --repeat "$REPEAT"
