#!/usr/bin/env python3
"""Scores the days of briefing's timeline events against the event-days gold.

usage: scripts/eval-event-days.py BINARY PART [--samples]
  PART: train (TempEval-3 train documents, dev), test (TempEval-3 test, held out),
        own (articles written for the gold, held out)

It runs `BINARY extract --jsonl -` on the part's texts; each event the timeline
shows is a sentence span with a date. Of the events placed on a day:
  precision: the share whose day is the day of some gold event whose trigger lies
             in the span (a span with no dated gold happening of that day is wrong:
             a reader meets it on a day it did not happen);
  recall:    the share of gold events with a day that lie in some event's span
             placed on that day.
Events placed on a week, month or year are counted apart (neither right nor wrong).
The gold and how it was made: scripts/event-days/GUIDELINES.md. TempEval texts come
from $EVAL_DIR/timex (default /work/shared/eval); they are not copied here.
"""

import json
import os
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "event-days")
EVAL_DIR = os.environ.get("EVAL_DIR", "/work/shared/eval")


def load(part):
    """Returns [(doc_id, dct, text, [gold events])]."""
    if part == "own":
        docs = []
        with open(os.path.join(GOLD, "own.jsonl"), encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                docs.append((d["id"], d["dct"], d["text"], d["events"]))
        return docs
    gold = defaultdict(list)
    with open(os.path.join(GOLD, f"tempeval-{part}.jsonl"), encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            gold[e["doc"]].append(e)
    docs = []
    with open(os.path.join(EVAL_DIR, "timex", f"{part}.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            # Every test document is annotated, those with no event too.
            if d["id"] in gold or part == "test":
                docs.append((d["id"], d["dct"], d["text"], gold.pop(d["id"], [])))
    if gold:
        sys.exit(f"gold documents not in the TempEval {part} file: {sorted(gold)}")
    return docs


def extract(binary, docs):
    lines = "".join(
        json.dumps({"id": i, "text": t, "dct": dct}) + "\n" for i, dct, t, _ in docs
    )
    out = subprocess.run(
        [binary, "extract", "--jsonl", "-"],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {o["id"]: o["events"] for o in map(json.loads, out.splitlines())}


def is_day(date):
    return len(date) == 10 and date[4] == "-" and date[7] == "-"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    samples = "--samples" in sys.argv
    if len(args) != 2 or args[1] not in ("train", "test", "own"):
        sys.exit(__doc__)
    binary, part = args
    docs = load(part)
    for doc, _, text, gold in docs:
        for g in gold:
            if text[g["at"] : g["at"] + len(g["word"])] != g["word"]:
                sys.exit(f"{doc}: gold trigger {g['word']!r} is not at {g['at']}")
    predicted = extract(binary, docs)

    right = wrong = coarse = found = dated = 0
    errors = []
    for doc, dct, text, gold in docs:
        events = predicted[doc]
        for e in events:
            if not is_day(e["date"]):
                coarse += 1
                continue
            inside = [g for g in gold if e["start"] <= g["at"] < e["end"]]
            if any(g["day"] == e["date"] for g in inside):
                right += 1
            else:
                wrong += 1
                gold_days = ", ".join(f"{g['word']}={g['day']}" for g in inside) or "no event"
                sentence = " ".join(text[e["start"] : e["end"]].split())
                errors.append(f"WRONG {doc} (dct {dct}) {e['date']} [{gold_days}]: {sentence}")
        for g in gold:
            if g["day"] is None:
                continue
            dated += 1
            if any(
                e["start"] <= g["at"] < e["end"] and e["date"] == g["day"] for e in events
            ):
                found += 1
            else:
                shown = [e["date"] for e in events if e["start"] <= g["at"] < e["end"]]
                start = text.rfind("\n", 0, g["at"]) + 1
                end = text.find("\n", g["at"])
                context = " ".join(text[max(start, g["at"] - 120) : end if end >= 0 else None][:240].split())
                errors.append(
                    f"MISSED {doc} (dct {dct}) {g['word']}={g['day']} shown {shown or 'nowhere'} "
                    f"({g['why']}): {context}"
                )

    placed = right + wrong
    precision = right / placed if placed else 0.0
    recall = found / dated if dated else 0.0
    if samples:
        for line in errors:
            print(line)
    print(
        f"{part}: {len(docs)} documents; events on a day {placed}: right {right}, wrong {wrong}; "
        f"on a week/month/year {coarse}"
    )
    print(f"precision {precision:.3f}  recall {recall:.3f} ({found} of {dated} dated gold events)")


if __name__ == "__main__":
    main()
