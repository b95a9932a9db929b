#!/usr/bin/env bash
# The name recogniser on CoNLL-2003.
#
#   scripts/eval-ner.sh          # dev (eng.testa): a model trained on train alone, retrained
#                                # here (deterministic, ~10 s): the held-out dev figure, for tuning
#   scripts/eval-ner.sh test     # test (eng.testb) with the committed model: the held-out
#                                # figure, run once when reporting
#   scripts/eval-ner.sh train    # rebuild the committed model (crates/engine/data/ner/model.bin, mined.tsv)
#
# The committed model is trained on train and dev together, once everything was
# chosen on dev with train-only models (so its own dev score means nothing).
#
# EVAL_DIR points at the shared eval folder (default: ../shared/eval beside the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL_DIR=${EVAL_DIR:-../shared/eval}
split=${1:-dev}
cargo build --release -j1 -p briefing-tools --bin train_ner
case "$split" in
train)
    ./target/release/train_ner train \
        --train "$EVAL_DIR/ner/train.jsonl" --also "$EVAL_DIR/ner/dev.jsonl" \
        --dev "$EVAL_DIR/ner/dev.jsonl" \
        --out crates/engine/data/ner/model.bin --mined crates/engine/data/ner/mined.tsv
    ;;
dev)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    ./target/release/train_ner train \
        --train "$EVAL_DIR/ner/train.jsonl" --dev "$EVAL_DIR/ner/dev.jsonl" \
        --out "$tmp/model.bin" --mined "$tmp/mined.tsv" --pred "$tmp/pred.jsonl" >/dev/null
    python3 "$EVAL_DIR/score_ner.py" "$EVAL_DIR/ner/dev.jsonl" "$tmp/pred.jsonl"
    ;;
*)
    out=$(mktemp --suffix=.jsonl)
    trap 'rm -f "$out"' EXIT
    ./target/release/train_ner predict "$EVAL_DIR/ner/$split.jsonl" --out "$out"
    python3 "$EVAL_DIR/score_ner.py" "$EVAL_DIR/ner/$split.jsonl" "$out"
    ;;
esac
