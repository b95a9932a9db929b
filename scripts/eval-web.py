#!/usr/bin/env python3
"""Scores `briefing read` on the web-page yardsticks of ../shared/eval/web/.

    scripts/eval-web.py body  [--bin target/release/briefing]   # article text, F1 (score_body.py)
    scripts/eval-web.py dates [--bin ...] [--source S] [--errors] # publication day (score_dates.py)
    scripts/eval-web.py ... --half dev|held                      # even / odd positions of the sorted ids

Each page is unpacked into a scratch folder as `<id>.html` and read by one
`briefing read` call, on one core (RAYON_NUM_THREADS=1 does not matter: `read`
reads file after file); the time printed is that call's wall time. A page that
gives no article is an empty prediction. The scorers are the yardsticks' own.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time

EVAL = os.environ.get("EVAL_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))


def ids_of(kind):
    if kind == "body":
        with open(os.path.join(EVAL, "web/body/ground-truth.json")) as f:
            return sorted(json.load(f))
    with open(os.path.join(EVAL, "web/dates/gold.jsonl")) as f:
        return sorted(json.loads(line)["id"] for line in f if line.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["body", "dates"])
    ap.add_argument("--bin", default="target/release/briefing")
    ap.add_argument("--half", choices=["dev", "held"])
    ap.add_argument("--keep", help="write the predictions here")
    args, rest = ap.parse_known_args()
    ids = ids_of(args.kind)
    if args.half:
        ids = ids[0::2] if args.half == "dev" else ids[1::2]
    html_dir = os.path.join(EVAL, "web", args.kind, "html")
    with tempfile.TemporaryDirectory() as scratch:
        paths = []
        for page_id in ids:
            source = os.path.join(html_dir, page_id + ".html.gz")
            path = os.path.join(scratch, page_id + ".html")
            with gzip.open(source) as f, open(path, "wb") as out:
                out.write(f.read())
            paths.append(path)
        start = time.perf_counter()
        run = subprocess.run([args.bin, "read", *paths], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        found = {}
        for line in run.stdout.splitlines():
            article = json.loads(line)
            page_id = os.path.basename(article["path"])[: -len(".html")]
            found.setdefault(page_id, article)
        predictions = args.keep or os.path.join(scratch, "predictions.jsonl")
        with open(predictions, "w") as out:
            for page_id in ids:
                article = found.get(page_id)
                if args.kind == "body":
                    row = {"id": page_id, "text": article["text"] if article else ""}
                else:
                    row = {"id": page_id, "date": (article or {}).get("date")}
                out.write(json.dumps(row) + "\n")
        print(f"{len(ids)} pages read in {seconds:.2f} s ({1000 * seconds / len(ids):.1f} ms a page); "
              f"{len(found)} gave an article", file=sys.stderr)
        scorer = os.path.join(EVAL, "web", args.kind, "score_body.py" if args.kind == "body" else "score_dates.py")
        gold = []
        if args.half and args.kind == "dates":
            gold_path = os.path.join(scratch, "gold.jsonl")
            keep = set(ids)
            with open(os.path.join(EVAL, "web/dates/gold.jsonl")) as f, open(gold_path, "w") as out:
                out.writelines(line for line in f if line.strip() and json.loads(line)["id"] in keep)
            gold = ["--gold", gold_path]
        elif args.half:
            gold_path = os.path.join(scratch, "gold.json")
            with open(os.path.join(EVAL, "web/body/ground-truth.json")) as f:
                truth = json.load(f)
            with open(gold_path, "w") as out:
                json.dump({k: v for k, v in truth.items() if k in set(ids)}, out)
            gold = ["--gold", gold_path]
        sys.exit(subprocess.run([sys.executable, scorer, predictions, *gold, *rest]).returncode)


if __name__ == "__main__":
    main()
