#!/usr/bin/env bash
# CPU time (user + sys) of `dyad parse FILE` for several dyad binaries, run in
# turn ROUNDS times (interleaved, so machine load hits all alike); prints the
# median CPU seconds and tokens per CPU second of each. Checks that every
# binary writes the same CoNLL-U as the first one.
#
#   bench/cpu_ab.sh FILE BIN1 [BIN2 ...]     # env: ROUNDS=9 MODELS=models
set -euo pipefail
file=$1; shift
rounds=${ROUNDS:-9}
models=${MODELS:-models}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c "${CPU:-0}"); fi
"$1" parse --models "$models" "$file" > "$tmp/ref.conllu"
tokens=$(grep -c -E '^[0-9]+	' "$tmp/ref.conllu")
for b in "$@"; do
    "$b" parse --models "$models" "$file" | cmp -s - "$tmp/ref.conllu" || echo "DIFFERENT OUTPUT: $b"
done
for ((r = 0; r < rounds; r++)); do
    i=0
    for b in "$@"; do
        /usr/bin/time -f "%U %S" -o "$tmp/t" "${pin[@]}" "$b" parse --models "$models" "$file" > /dev/null
        awk '{printf "%.3f\n", $1 + $2}' "$tmp/t" >> "$tmp/cpu.$i"
        i=$((i + 1))
    done
done
i=0
for b in "$@"; do
    med=$(sort -n "$tmp/cpu.$i" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    all=$(sort -n "$tmp/cpu.$i" | tr '\n' ' ')
    printf '%s\ttokens %d\tmedian_cpu_s %s\ttokens_per_cpu_s %.0f\t(all: %s)\n' \
        "$b" "$tokens" "$med" "$(echo "$tokens / $med" | bc -l)" "$all"
    i=$((i + 1))
done
