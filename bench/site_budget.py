#!/usr/bin/env python3
"""Where the bytes of a built briefing go, and the least the promised interfaces need.

usage: bench/site_budget.py OUTPUT_DIR

Prints the size of each part of the site (articles, timeline, actors, briefing.json,
search, the rest) and then a floor: the bytes that the interfaces in docs/INTERFACES.md
and ../shared/INTERFACES.md oblige the site to carry, written as tersely as they can be:

- every article's text, with each actor mention a link `<a class="mention" href="…/actors/ID/">`
  and each event's sentence a `<span class="event" id="sOFFSET">` (the page hooks);
- `briefing.json` with the fields promised for its events (`date`, `text`, `article`,
  `actors`), articles, actors and quotes, compact;
- the timeline: each event an `<li class="event">` with its `<time>`, its sentence and an
  `<a class="source">` link to it, with no source title, no actor links and no headings.

No page chrome, no article asides, no actor pages and no search index is counted in the
floor: it is what the site cannot go below while it keeps
those promises. Read-only; standard library only.
"""
import glob
import html
import json
import os
import re
import sys


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def main():
    if len(sys.argv) != 2 or not os.path.isfile(os.path.join(sys.argv[1], "briefing.json")):
        sys.exit(__doc__.split("\n\n")[1])
    out = sys.argv[1]
    mb = lambda n: f"{n / 1e6:8.1f} MB"

    total = size_of(out)
    print("the site as built")
    parts = ["articles", "timeline", "actors", "briefing.json", "search"]
    for part in parts:
        print(f"  {part:<14}{mb(size_of(os.path.join(out, part)))}")
    print(f"  {'the rest':<14}{mb(total - sum(size_of(os.path.join(out, p)) for p in parts))}")
    print(f"  {'total':<14}{mb(total)}  in {sum(len(fs) for _, _, fs in os.walk(out))} files")

    text = mentions = spans = 0
    mention = re.compile(r'<a class="mention[^"]*" href="([^"]*)">')
    for page in glob.glob(os.path.join(out, "articles", "*", "index.html")):
        with open(page, encoding="utf-8") as fh:
            h = fh.read()
        start = h.find('<div class="body">')
        end = h.find("</article>", start)
        if start < 0 or end < 0:
            continue
        body = h[start:end]
        text += len(html.unescape(re.sub(r"<[^>]+>", "", body)).strip().encode())
        for m in mention.finditer(body):
            href = m.group(1).replace("index.html", "")
            mentions += len(f'<a class="mention" href="{href}"></a>')
        spans += sum(len(f'<span class="event" id="s{n}"></span>')
                     for n in re.findall(r'<span class="event" id="s(\d+)">', body))

    with open(os.path.join(out, "briefing.json"), encoding="utf-8") as fh:
        b = json.load(fh)
    events_json = sum(
        len(json.dumps({k: e[k] for k in ("date", "text", "article", "actors")},
                       separators=(",", ":"), ensure_ascii=False).encode()) + 1
        for e in b["events"])
    timeline = sum(
        len(f'<li class="event"><time datetime="{e["date"]}"></time>{html.escape(e["text"])} '
            f'<a class="source" href="../articles/{e["article"]}/#s0">·</a></li>'.encode())
        for e in b["events"])

    compact = lambda v: len(json.dumps(v, separators=(",", ":"), ensure_ascii=False).encode())
    json_rest = sum(compact(b[k]) for k in ("site", "articles", "actors", "quotes"))

    floor = text + mentions + spans + events_json + json_rest + timeline
    print("\nthe floor the promised hooks set (no chrome, asides, actor pages or search)")
    print(f"  {'article text':<40}{mb(text)}")
    print(f"  {'mention links (' + str(len(b['actors'])) + ' actors)':<40}{mb(mentions)}")
    print(f"  {'event spans':<40}{mb(spans)}")
    print(f"  {'briefing.json events (' + str(len(b['events'])) + ')':<40}{mb(events_json)}")
    print(f"  {'briefing.json articles, actors, quotes':<40}{mb(json_rest)}")
    print(f"  {'timeline entries':<40}{mb(timeline)}")
    print(f"  {'floor':<40}{mb(floor)}   ({floor / total:.2f} of the site as built)")


if __name__ == "__main__":
    main()
