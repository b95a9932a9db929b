#!/usr/bin/env python3
"""Lists time-expression mismatches between gold and predictions (TempEval-3 JSON Lines).

usage: scripts/timex-errors.py GOLD.jsonl PRED.jsonl [--kind value|missed|spurious|type] [--type DATE]

Each line: kind, doc id, DCT, gold text/type/value, predicted text/type/value, and a little
context. Pairs gold and predictions as the scorer does (exact span first, then largest overlap).
Meant for the TRAIN split only: never read the errors of the held-out test split.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.environ.get("EVAL_DIR", "/work/shared/eval"))
from score_timex import pair, read_jsonl  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--kind", choices=["value", "missed", "spurious", "type"], action="append")
    ap.add_argument("--type", help="only gold (or, for spurious, predicted) timexes of this type")
    ap.add_argument("--context", type=int, default=40)
    a = ap.parse_args()
    if "test" in os.path.basename(a.gold):
        sys.exit("refusing to list errors on the held-out test split")
    gold = read_jsonl(a.gold, "gold")
    pred = read_jsonl(a.pred, "pred")
    kinds = set(a.kind or ["value", "missed", "spurious", "type"])
    for doc_id, g in gold.items():
        text = g["text"]
        gt = g["timexes"]
        pt = pred.get(doc_id, {}).get("timexes", [])
        pairs = pair(gt, pt)
        pg = {gi for gi, _ in pairs}
        pp = {pi for _, pi in pairs}

        def ctx(s, e):
            left = text[max(0, s - a.context):s].replace("\n", " ")
            right = text[e:e + a.context].replace("\n", " ")
            return f"...{left}[[{text[s:e]}]]{right}..."

        def show(t):
            return f"{text[t['start']:t['end']]!r} {t.get('type')} {t.get('value')}"

        rows = []
        for gi, pi in pairs:
            gx, px = gt[gi], pt[pi]
            if a.type and gx.get("type") != a.type:
                continue
            if px.get("value") != gx.get("value") and "value" in kinds:
                rows.append((gx["start"], "VALUE", show(gx), show(px), ctx(gx["start"], gx["end"])))
            elif px.get("type") != gx.get("type") and "type" in kinds:
                rows.append((gx["start"], "TYPE", show(gx), show(px), ctx(gx["start"], gx["end"])))
        if "missed" in kinds:
            for gi, gx in enumerate(gt):
                if gi not in pg and (not a.type or gx.get("type") == a.type):
                    rows.append((gx["start"], "MISSED", show(gx), "-", ctx(gx["start"], gx["end"])))
        if "spurious" in kinds:
            for pi, px in enumerate(pt):
                if pi not in pp and (not a.type or px.get("type") == a.type):
                    rows.append((px["start"], "SPURIOUS", "-", show(px), ctx(px["start"], px["end"])))
        for _, kind, gs, ps, c in sorted(rows):
            print(f"{kind}\t{doc_id}\t{g['dct']}\t{gs}\t{ps}\t{c}")


if __name__ == "__main__":
    main()
