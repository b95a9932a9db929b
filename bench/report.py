#!/usr/bin/env python3
"""Summarise a results file written by run.sh: medians per tool and ratios.

    report.py RESULTS.jsonl

Each line of RESULTS is a JSON object: either a timed run from measure.py
({"label", "wall_s", "cpu_s", "maxrss_mib", "rc"}), an output count
({"label", "html_files"}) or a note ({"note": "..."}), printed above the table.
Prints a Markdown table, so it can be pasted into an issue as is.
"""

import json
import statistics
import sys

# Row order of the table, and the pairs compared in the ratios section:
# (numerator, denominator, what the ratio means).
ORDER = ["briefing", "briefing-rebuild", "hugo"]
RATIOS = [
    ("briefing", "hugo", "briefing / hugo (full build)"),
    ("briefing-rebuild", "hugo", "briefing rebuild / hugo"),
    ("briefing-rebuild", "briefing", "briefing rebuild / full build"),
]
METRICS = [("wall_s", "wall"), ("cpu_s", "CPU"), ("maxrss_mib", "peak RSS")]


def load(path):
    runs, counts, notes = {}, {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            if "note" in rec:
                notes.append(rec["note"])
            elif "html_files" in rec:
                counts[rec["label"]] = rec["html_files"]
            elif "wall_s" in rec:
                runs.setdefault(rec["label"], []).append(rec)
    return runs, counts, notes


def medians(recs):
    return {m: statistics.median(r[m] for r in recs) for m, _ in METRICS}


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit("usage: report.py RESULTS.jsonl")
    runs, counts, notes = load(sys.argv[1])
    labels = [l for l in ORDER if l in runs] + sorted(l for l in runs if l not in ORDER)
    if not labels:
        sys.exit(f"error: no timed runs in {sys.argv[1]}")

    for n in notes:
        print(n)
    print()
    print("| tool | runs | HTML files | wall s | wall min-max | CPU s (user+sys) | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    med = {}
    for label in labels:
        recs = runs[label]
        med[label] = medians(recs)
        walls = [r["wall_s"] for r in recs]
        print(f"| {label} | {len(recs)} | {counts.get(label, '?')} "
              f"| {med[label]['wall_s']:.2f} | {min(walls):.2f}-{max(walls):.2f} "
              f"| {med[label]['cpu_s']:.2f} | {med[label]['maxrss_mib']:.0f} |")

    rows = [(a, b, what) for a, b, what in RATIOS if a in med and b in med]
    if rows:
        print()
        print("| ratio of medians | wall | CPU | peak RSS |")
        print("| --- | ---: | ---: | ---: |")
        for a, b, what in rows:
            cells = []
            for m, _ in METRICS:
                den = med[b][m]
                cells.append(f"{med[a][m] / den:.2f}" if den > 0 else "n/a")
            print(f"| {what} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
