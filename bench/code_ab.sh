#!/usr/bin/env bash
# CPU time (user + sys) of `dyad code --threads 1` for several dyad binaries,
# run in turn ROUNDS times (interleaved, so machine load hits all alike), with
# dyad's dictionaries and with Phoenix + CAMEO.2.0; prints each binary's median
# CPU seconds and sentences per CPU second. First checks that every binary
# writes the same events as the first one (`DIFFERENT OUTPUT` otherwise).
#
#   bench/code_ab.sh BIN1 [BIN2 ...]   # env: ROUNDS=7 SHARED=../shared/data SENTENCES=16500 MODELS=dir
#
# MODELS (optional) passes --models to every run, so that all binaries read the
# same model files even while someone retrains models/.
#
# SENTENCES is the sentence count that bench/coder_bench.sh prints for the
# same input (the coder_bench example segments the same documents).
set -euo pipefail
shared=${SHARED:-../shared/data}
rounds=${ROUNDS:-7}
sentences=${SENTENCES:-16500}
models=()
if [ -n "${MODELS:-}" ]; then models=(--models "$MODELS"); fi
input=("$shared/text" "$shared/voa/voa_stories.jsonl")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c "${CPU:-0}"); fi
for dicts in dyad petrarch; do
    extra=("${models[@]}")
    if [ "$dicts" = petrarch ]; then extra+=(--dictionaries "$shared/petrarch"); fi
    "$1" code --threads 1 -q "${extra[@]}" "${input[@]}" -o "$tmp/ref.$dicts.jsonl"
    for b in "$@"; do
        "$b" code --threads 1 -q "${extra[@]}" "${input[@]}" -o "$tmp/out.jsonl"
        cmp -s "$tmp/out.jsonl" "$tmp/ref.$dicts.jsonl" || echo "DIFFERENT OUTPUT ($dicts dictionaries): $b"
    done
done
for ((r = 0; r < rounds; r++)); do
    i=0
    for b in "$@"; do
        for dicts in dyad petrarch; do
            extra=("${models[@]}")
            if [ "$dicts" = petrarch ]; then extra+=(--dictionaries "$shared/petrarch"); fi
            /usr/bin/time -f "%U %S" -o "$tmp/t" "${pin[@]}" "$b" code --threads 1 -q "${extra[@]}" \
                "${input[@]}" -o /dev/null
            awk '{printf "%.3f\n", $1 + $2}' "$tmp/t" >> "$tmp/cpu.$i.$dicts"
        done
        i=$((i + 1))
    done
done
i=0
for b in "$@"; do
    for dicts in dyad petrarch; do
        med=$(sort -n "$tmp/cpu.$i.$dicts" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        all=$(sort -n "$tmp/cpu.$i.$dicts" | tr '\n' ' ')
        printf '%s\t%s dictionaries\tmedian_cpu_s %s\tsentences_per_cpu_s %.0f\t(all: %s)\n' \
            "$b" "$dicts" "$med" "$(echo "$sentences / $med" | bc -l)" "$all"
    done
    i=$((i + 1))
done
