#!/usr/bin/env bash
# Runs every test of the project: formatting, lints, unit and integration tests,
# and the browser tests (which install Chromium, Java and npm packages when absent).
# Usage: scripts/test.sh [--no-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "no import circles between source files"
python3 scripts/module-cycles.py

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

if [[ "${1:-}" != "--no-browser" && -x tests/browser/run.sh ]]; then
  step "browser tests"
  tests/browser/run.sh
fi

step "all tests passed"
