#!/usr/bin/env python3
"""Scores `briefing extract` actor names against a synthetic corpus's ground truth.

Make the two flavours of the same corpus (same seed), then score:

    python3 /work/shared/bench/make_corpus.py --n 300 --flavor hugo --out /tmp/c300h
    python3 /work/shared/bench/make_corpus.py --n 300 --flavor briefing --out /tmp/c300b
    scripts/eval-actors.py --hugo /tmp/c300h --briefing /tmp/c300b [--bin target/release/briefing]

The hugo flavour's front matter `actors = [...]` lists every person, organization and place
of each article. Each article's extracted actors (their canonical names) are compared with
that list by exact name after accent folding and case folding. Groups (demonyms such as
`Venezuelan`) are not in the ground truth and are left out. Prints micro- and macro-averaged
precision, recall and F1, and the most frequent false positives and misses.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import unicodedata


def fold(name):
    """Accent- and case-folded name with single spaces."""
    nfkd = unicodedata.normalize("NFKD", name)
    ascii_ = "".join(c for c in nfkd if not unicodedata.combining(c))
    return " ".join(ascii_.lower().split())


def truth(path):
    """The actor names listed in a hugo article's TOML front matter."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^actors\s*=\s*(\[.*?\])\s*$", text, re.M)
    if not m:
        return []
    return json.loads(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hugo", required=True, help="hugo-flavour corpus folder (ground truth)")
    ap.add_argument("--briefing", required=True, help="briefing-flavour corpus folder")
    ap.add_argument("--bin", default="target/release/briefing")
    ap.add_argument("--top", type=int, default=15, help="how many errors of each sort to list")
    ap.add_argument("--kinds", default="person,organization,place",
                    help="extracted actor kinds that count (comma-separated)")
    args = ap.parse_args()

    seeds = os.path.join(args.briefing, "seeds")
    hugo = os.path.join(args.hugo, "content", "articles")
    files = sorted(f for f in os.listdir(seeds) if f.endswith((".md", ".txt")))
    kinds = set(args.kinds.split(","))
    out = subprocess.run(
        [args.bin, "extract", *[os.path.join(seeds, f) for f in files]],
        check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    if len(out) != len(files):
        sys.exit(f"expected {len(files)} lines from briefing extract, got {len(out)}")

    tp = fp = fn = 0
    macro = []
    false_pos = collections.Counter()
    misses = collections.Counter()
    for name, line in zip(files, out):
        stem = os.path.splitext(name)[0]
        gold_path = os.path.join(hugo, stem + ".md")
        if not os.path.exists(gold_path):
            continue
        gold = {fold(n): n for n in truth(gold_path)}
        ex = json.loads(line)
        found = {fold(a["name"]): a["name"] for a in ex["actors"] if a["kind"] in kinds}
        t = len(gold.keys() & found.keys())
        p_ = len(found.keys() - gold.keys())
        n_ = len(gold.keys() - found.keys())
        tp, fp, fn = tp + t, fp + p_, fn + n_
        for k in found.keys() - gold.keys():
            false_pos[found[k]] += 1
        for k in gold.keys() - found.keys():
            misses[gold[k]] += 1
        prec = t / (t + p_) if t + p_ else 1.0
        rec = t / (t + n_) if t + n_ else 1.0
        macro.append((prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0))

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    n = len(macro) or 1
    print(f"articles {len(macro)}  tp {tp}  fp {fp}  fn {fn}")
    print(f"micro  P {p:.4f}  R {r:.4f}  F1 {f1(p, r):.4f}")
    print("macro  P {:.4f}  R {:.4f}  F1 {:.4f}".format(
        sum(m[0] for m in macro) / n, sum(m[1] for m in macro) / n, sum(m[2] for m in macro) / n))
    print(f"\nmost frequent false positives (articles):")
    for k, c in false_pos.most_common(args.top):
        print(f"  {c:4d}  {k}")
    print(f"\nmost frequent misses (articles):")
    for k, c in misses.most_common(args.top):
        print(f"  {c:4d}  {k}")


if __name__ == "__main__":
    main()
