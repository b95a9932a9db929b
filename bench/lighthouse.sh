#!/usr/bin/env bash
# Lighthouse scores (accessibility, performance, best practices, SEO) of the
# sample briefing's overview, an actor page and the timeline, served on
# 127.0.0.1 under a /repo/ subpath as on GitHub Pages. A benchmark, not a test:
# it prints the figures the issue asks for.
#   bench/lighthouse.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/bench/work/lighthouse"
mkdir -p "$work"
if [ ! -x /usr/bin/chromium ]; then apt-get install -y -qq chromium >/dev/null; fi
if [ ! -x "$work/node_modules/.bin/lighthouse" ]; then
  (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error lighthouse@12)
fi
(cd "$root" && cargo build --release --quiet)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site="$work/site"
rm -rf "$site"; mkdir -p "$site"
"$root/target/release/briefing" build --root "$root" --output "$site/repo" --base-url "http://127.0.0.1:$port/repo/" --quiet
(cd "$site" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
actor=$(python3 -c "import json,sys; d=json.load(open('$site/repo/briefing.json')); print(max(d['actors'], key=lambda a: a['mention_count'])['id'])")
export CHROME_PATH=/usr/bin/chromium
printf '| page | performance | accessibility | best practices | SEO |\n| --- | ---: | ---: | ---: | ---: |\n'
for page in "index.html" "actors/$actor/index.html" "timeline/index.html"; do
  out="$work/$(echo "$page" | tr '/' '_').json"
  "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/repo/$page" --quiet --output=json --output-path="$out" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-quic --no-first-run --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || true
  python3 - "$out" "$page" <<'PY'
import json, sys
try:
    c = json.load(open(sys.argv[1]))["categories"]
    s = lambda k: f'{c[k]["score"]:.2f}' if c.get(k, {}).get("score") is not None else "n/a"
    print(f'| {sys.argv[2]} | {s("performance")} | {s("accessibility")} | {s("best-practices")} | {s("seo")} |')
except Exception as e:
    print(f'| {sys.argv[2]} | failed: {e} | | | |')
PY
done
