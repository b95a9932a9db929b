#!/usr/bin/env bash
# Scores the committed name model (data/ner/model.bin, compiled in) on CoNLL-2003.
#
#   scripts/eval-ner.sh          # dev (eng.testa)
#   scripts/eval-ner.sh test     # test (eng.testb): the held-out figure, run once when reporting
#   scripts/eval-ner.sh train    # retrain from scratch (deterministic), then score dev
#
# EVAL_DIR points at the shared eval folder (default: ../shared/eval beside the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL_DIR=${EVAL_DIR:-../shared/eval}
split=${1:-dev}
if [[ "$split" == train ]]; then
    cargo run --release -j1 --bin train_ner -- train \
        --train "$EVAL_DIR/ner/train.jsonl" --dev "$EVAL_DIR/ner/dev.jsonl" \
        --out data/ner/model.bin --mined data/ner/mined.tsv
    split=dev
fi
cargo build --release -j1 --bin train_ner
out=$(mktemp --suffix=.jsonl)
trap 'rm -f "$out"' EXIT
./target/release/train_ner predict "$EVAL_DIR/ner/$split.jsonl" --out "$out"
python3 "$EVAL_DIR/score_ner.py" "$EVAL_DIR/ner/$split.jsonl" "$out"
