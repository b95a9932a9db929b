#!/usr/bin/env python3
"""Writes the first N articles of a briefing-flavour bench corpus as `extract --jsonl` input.

    bench/prose.py bench/work/corpus/briefing-10000 3000 > /tmp/prose.jsonl
    RAYON_NUM_THREADS=1 time target/release/briefing extract --jsonl /tmp/prose.jsonl > /dev/null

Each line is {"id", "text", "dct"}: the article's body (front matter removed) and its date.
The size of the text, in MB, goes to stderr: divide it by the CPU time for the throughput.
"""

import json
import pathlib
import re
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    corpus, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    total = 0
    for path in sorted((corpus / "seeds").glob("*.md"))[:count]:
        raw = path.read_text(encoding="utf-8")
        m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n(.*)", raw, re.S)
        if not m:
            continue
        front, body = m.groups()
        date = re.search(r"date = (\d{4}-\d\d-\d\d)", front)
        text = body.strip()
        total += len(text.encode("utf-8"))
        print(json.dumps({"id": path.name, "text": text, "dct": date.group(1) if date else None}))
    print(f"{total / 1e6:.2f} MB of text", file=sys.stderr)


if __name__ == "__main__":
    main()
