#!/bin/sh
# Scores the time-expression extractor on TempEval-3 (train by default).
# usage: scripts/eval-timex.sh [train|test] [--json]
# To list the train mismatches (gold vs predicted, with context):
#   target/release/eval_timex $EVAL_DIR/timex/train.jsonl > /tmp/pred.jsonl
#   scripts/timex-errors.py $EVAL_DIR/timex/train.jsonl /tmp/pred.jsonl [--type DATE] [--kind value]
set -eu
split=${1:-train}
shift || true
eval_dir=${EVAL_DIR:-/work/shared/eval}
cargo build --release -j1 --quiet -p briefing-tools --bin eval_timex
out=$(mktemp)
trap 'rm -f "$out"' EXIT
target/release/eval_timex "$eval_dir/timex/$split.jsonl" > "$out"
python3 "$eval_dir/score_timex.py" "$eval_dir/timex/$split.jsonl" "$out" "$@"
target/release/eval_timex --bench "$eval_dir/timex/$split.jsonl" 20
