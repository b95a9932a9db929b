#!/usr/bin/env bash
# Tests the built briefing in a real browser with real checkers: the Nu HTML
# checker on every page, axe-core in headless Chromium on every page type, a
# reader's journey, phone-width layout, console errors and outside requests.
#
#   bash tests/browser/run.sh [--screenshots]
#   bash tests/browser/run.sh --self-test   # the checks on selftest/site, a
#                                           # hand-written site with actors and events
#
# On a fresh Debian machine (root) it first installs what is missing: Chromium
# and a Java runtime from apt, the npm packages from package-lock.json.
# --screenshots also writes docs/screenshots/<page>-<scheme>-<width>.png.
# Exit status: 0 when every check passed, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

log() { printf '== %s\n' "$*" >&2; }

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Debian's Chromium: playwright-core drives it and downloads no browser.
if [ ! -x /usr/bin/chromium ]; then
  # Fonts: without them Chromium draws boxes and the screenshots are useless.
  apt_install chromium fonts-liberation fonts-dejavu-core
fi
# Java runs the Nu HTML checker (vnu.jar ships in the vnu-jar npm package).
if ! command -v java >/dev/null 2>&1; then
  apt_install default-jre-headless
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# The npm packages, exactly as locked. --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime from outside the registry; the machine's is used.
stamp="$here/node_modules/.briefing-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$here/package-lock.json" "$stamp"; then
  log "npm ci (tests/browser)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
fi

# The release binary; cargo does nothing when it is up to date.
if [ -z "${BRIEFING_BIN:-}" ] && [ "${1:-}" != "--self-test" ]; then
  log "cargo build --release"
  (cd "$root" && cargo build --release --quiet -j"${CARGO_BUILD_JOBS:-1}")
fi

# main.mjs runs from tests/browser: a relative BRIEFING_BIN is meant from here.
if [ -n "${BRIEFING_BIN:-}" ]; then BRIEFING_BIN="$(realpath "$BRIEFING_BIN")"; export BRIEFING_BIN; fi
cd "$here"
if [ "${1:-}" = "--self-test" ]; then
  shift
  exec node main.mjs --site "$here/selftest/site" "$@"
fi
exec node main.mjs "$@"
