#!/usr/bin/env bash
# spaCy's own CNN architecture trained on exactly dyad's training data, scored under
# dyad's protocols, beside dyad: a tagger+parser on UD English EWT train and a NER on
# UNER-EWT train (dev files only for spaCy's early stopping / best-model choice), both
# from `spacy init config --optimize efficiency` (en_core_web_sm's architecture, no
# static vectors). Gold tokenization for every score: XPOS accuracy on EWT test and
# PUD, UAS/LAS over all words (punctuation included, universal relations) on EWT test
# and PUD, exact-span NER P/R/F1 on UNER-PUD and UNER-EWT test. Speed on
# nlp_bench.sh's documents, one core, beside en_core_web_sm and `dyad parse`.
#
# Usage: bench/spacy_ud.sh             (from anywhere; needs ../shared/data)
# Env:   DYAD_DATA=path/to/shared/data   CARGO_TARGET_DIR=...   PYTHON=python3
#        TP_EPOCHS=20 NER_EPOCHS=20 PATIENCE=1600   training limits (epochs; steps
#                                        without a better dev score)
#        TP_TIMEOUT=40m NER_TIMEOUT=20m ACC_TIMEOUT=40m   wall-clock cap of each training
#                                        run (model-best is then the best dev evaluation
#                                        reached; the epochs reached depend on the machine)
#        ACCURACY=1                      also train and score `--optimize accuracy`
#                                        (width 256, depth 8, still no vectors)
#        RETRAIN=1                       retrain even when a trained model exists
set -euo pipefail
# 1-2. Paths, spaCy from PyPI in the benchmark's virtual environment (en_core_web_sm
#      for the reference speed), dyad in release mode, the one-core pin (bench/setup.sh).
source "$(dirname "$0")/setup.sh"
echo "spacy_version: $("$py" -c 'import spacy; print(spacy.__version__)')"
ud="$data/ud"
work="$out/spacy_ud"
tp_epochs="${TP_EPOCHS:-20}"
ner_epochs="${NER_EPOCHS:-20}"
patience="${PATIENCE:-1600}"
mkdir -p "$work"
ewt_train="$ud/EWT/en_ewt-ud-train.conllu"
ewt_dev="$ud/EWT/en_ewt-ud-dev.conllu"
ewt_test="$ud/EWT/en_ewt-ud-test.conllu"
pud="$ud/PUD/en_pud-ud-test.conllu"
uner_train="$ud/UNER-EWT/en_ewt-ud-train.v2022-12.iob2"
uner_dev="$ud/UNER-EWT/en_ewt-ud-dev.iob2"
uner_test="$ud/UNER-EWT/en_ewt-ud-test.iob2"
uner_pud="$ud/UNER-PUD/en_pud-ud-test.iob2"
for f in "$ewt_train" "$ewt_dev" "$ewt_test" "$pud" "$uner_train" "$uner_dev" "$uner_test" "$uner_pud"; do
  [ -f "$f" ] || { echo "missing $f (set DYAD_DATA)" >&2; exit 1; }
done

# 3. Training data as spaCy DocBins (one Doc per sentence).
"$py" bench/spacy_ud.py conllu-docbin "$ewt_train" "$work/ewt-train.spacy"
"$py" bench/spacy_ud.py conllu-docbin "$ewt_dev" "$work/ewt-dev.spacy"
"$py" bench/spacy_ud.py iob2-docbin "$uner_train" "$work/uner-train.spacy"
"$py" bench/spacy_ud.py iob2-docbin "$uner_dev" "$work/uner-dev.spacy"

# 4. Configs from spaCy's own quickstart, CPU; training on one thread, niced.
#    train NAME PIPES OPTIMIZE TRAIN DEV EPOCHS CAP [overrides...]
train() {
  local name=$1 pipes=$2 opt=$3 trn=$4 dev=$5 epochs=$6 timeout_=$7
  shift 7
  local dir="$work/$name"
  "$py" -m spacy init config -l en -p "$pipes" -o "$opt" -F "$work/$name.cfg" > /dev/null
  if [ -d "$dir/model-best" ] && [ -z "${RETRAIN:-}" ]; then
    echo "$name: trained model exists ($dir/model-best; RETRAIN=1 to retrain)"
  else
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "$name: training $pipes ($opt), at most $epochs epochs, patience $patience steps, cap $timeout_"
    local TIMEFORMAT='%R %U %S' rc=0
    { time OMP_NUM_THREADS=1 nice -n 5 timeout "$timeout_" "$py" -m spacy train "$work/$name.cfg" \
        --output "$dir" --paths.train "$trn" --paths.dev "$dev" --system.seed 0 \
        --training.max_epochs "$epochs" --training.max_steps 0 --training.patience "$patience" \
        "$@" > "$dir/train.log" 2>&1 || rc=$?; } 2> "$dir/time.txt"
    # 124: stopped by the time cap; model-best holds the best dev evaluation so far.
    if [ "$rc" -eq 124 ]; then
      echo "stopped by the $timeout_ cap" >> "$dir/time.txt"
    elif [ "$rc" -ne 0 ]; then
      tail -20 "$dir/train.log" >&2
      exit "$rc"
    fi
  fi
  [ -d "$dir/model-best" ] || { echo "$name: no model-best" >&2; exit 1; }
  read -r wall user sys _ < <(head -1 "$dir/time.txt")
  printf '%s_train_wall_seconds: %.0f\n' "$name" "$wall"
  printf '%s_train_cpu_seconds: %.0f\n' "$name" "$(echo "$user + $sys" | bc -l)"
  sed -n "s/^stopped by the \(.*\) cap$/${name}_train_stopped_by_cap: \1/p" "$dir/time.txt"
  "$py" bench/spacy_ud.py train-log "$dir/train.log" "$dir/model-best" "$name"
}
train eff-tp tagger,parser efficiency "$work/ewt-train.spacy" "$work/ewt-dev.spacy" "$tp_epochs" \
  "${TP_TIMEOUT:-40m}"
train eff-ner ner efficiency "$work/uner-train.spacy" "$work/uner-dev.spacy" "$ner_epochs" \
  "${NER_TIMEOUT:-20m}"
tp_models=(eff-tp)
if [ -n "${ACCURACY:-}" ]; then
  train acc-tp tagger,parser accuracy "$work/ewt-train.spacy" "$work/ewt-dev.spacy" "$tp_epochs" \
    "${ACC_TIMEOUT:-40m}" \
    --paths.vectors null \
    --components.tok2vec.model.embed.include_static_vectors false
  tp_models+=(acc-tp)
fi

# 5. Accuracy with gold tokenization, spaCy beside dyad.
for m in "${tp_models[@]}"; do
  for f in "$ewt_test" "$pud"; do
    case "$f" in *ewt*) set=ewt_test ;; *) set=pud ;; esac
    "$py" bench/spacy_ud.py eval-parse "$work/$m/model-best" "$f" "spacy_${m//-/_}_$set"
  done
done
for f in "$ewt_test" "$pud"; do
  case "$f" in *ewt*) set=ewt_test ;; *) set=pud ;; esac
  "$dyad" eval tagger --conllu "$f" | grep -E '^xpos_accuracy:' | sed "s/^/dyad_${set}_/"
  "$dyad" eval parser --conllu "$f" | grep -E '^(uas|las):' | sed "s/^/dyad_${set}_/"
done
for f in "$uner_pud" "$uner_test"; do
  case "$f" in *pud*) set=uner_pud ;; *) set=uner_ewt_test ;; esac
  "$py" bench/spacy_ud.py eval-ner "$work/eff-ner/model-best" "$f" "spacy_eff_ner_$set"
  "$dyad" eval ner --iob2 "$f" | grep -E '^ner_(precision|recall|f1)' | sed "s/^/dyad_${set}_/"
  # spaCy sees one sentence at a time; dyad's default adds its document-level
  # consistency pass (`# newdoc`), which --sentences turns off.
  "$dyad" eval ner --iob2 "$f" --sentences | grep -E '^ner_(precision|recall|f1)' \
    | sed "s/^/dyad_sentences_${set}_/"
done

# 6. Speed on nlp_bench.sh's documents, one core, one run each: the trained
#    pipelines, both joined into one (tagger, parser, NER), en_core_web_sm, dyad parse.
"$py" bench/nlp_bench.py text "$out/docs.jsonl" "$pud" "$data"/text/wikinews_*.csv
"$py" bench/spacy_ud.py join "$work/eff-tp/model-best" "$work/eff-ner/model-best" "$work/eff-tp-ner"
speed() {
  local name=$1
  shift
  "${pin[@]}" "$py" bench/nlp_bench.py spacy-speed "$out/docs.jsonl" "$@" \
    | grep -E '_(components|tokens|seconds|per_second|per_cpu_second):' | sed "s/^spacy_/${name}_/" \
    | tee "$work/speed_$name.txt"
}
speed spacy_eff_tp "$work/eff-tp/model-best"
speed spacy_eff_ner "$work/eff-ner/model-best"
speed spacy_eff_tp_ner "$work/eff-tp-ner"
for m in "${tp_models[@]}"; do
  [ "$m" = eff-tp ] || speed "spacy_${m//-/_}" "$work/$m/model-best"
done
speed spacy_sm
TIMEFORMAT='%R %U %S'
{ time "${pin[@]}" "$dyad" parse "$out/docs.jsonl" > "$work/dyad.conllu"; } 2> "$work/dyad_time.txt"
read -r secs user sys < <(tail -1 "$work/dyad_time.txt")
tokens=$("$py" bench/nlp_bench.py count-conllu "$work/dyad.conllu")
printf 'dyad_tokens: %d\n' "$tokens"
printf 'dyad_seconds: %.2f (whole process, model loading included)\n' "$secs"
printf 'dyad_tokens_per_second: %.0f\n' "$(echo "$tokens / $secs" | bc -l)"
dyad_cpu_tps=$(echo "$tokens / ($user + $sys)" | bc -l)
printf 'dyad_tokens_per_cpu_second: %.0f\n' "$dyad_cpu_tps"
for f in "$work"/speed_*.txt; do
  name=$(basename "$f" .txt)
  name=${name#speed_}
  tps=$(sed -n 's/.*_tokens_per_cpu_second: //p' "$f")
  printf 'speed_ratio_dyad_over_%s_cpu: %.1f\n' "$name" "$(echo "$dyad_cpu_tps / $tps" | bc -l)"
  printf 'speed_ratio_%s_over_spacy_sm_cpu: %.2f\n' "$name" \
    "$(echo "$tps / $(sed -n 's/.*_tokens_per_cpu_second: //p' "$work/speed_spacy_sm.txt")" | bc -l)"
done
