#!/usr/bin/env python3
"""Time `briefing serve` from an edited article to the reloaded page showing the edit.

    bench/serve.py --root bench/work/corpus/briefing-10000 [--runs 5] [--bin target/release/briefing]
                   [--new-person]

The corpus is copied to a scratch folder (the original is never edited). The script
starts `briefing serve`, waits for its first build, then, for each run: opens a
long-poll on /__briefing/wait as an open page does, appends a sentence with a fresh
word to one article, and measures until (a) the poll answers (the browser would
reload now) and (b) the article's page, fetched again, contains the new word.
By default the sentence names nobody new, as most edits of a text; with
--new-person it names a new person, so that the actors are merged again.
Prints each run and the medians. Standard library only.
"""

import argparse
import html
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=60):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode("utf-8", "replace")


def title_of(path):
    with open(path, encoding="utf-8") as f:
        head = f.read(2000)
    m = re.search(r'^title\s*=\s*"(.*)"\s*$', head, re.M)
    if m:
        return m.group(1)
    return head.splitlines()[0].strip() if head else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True, help="a site root with seeds/")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default="target/release/briefing")
    ap.add_argument("--scratch", default="/dev/shm", help="where the copy of the site goes")
    ap.add_argument("--new-person", action="store_true",
                    help="the added sentence names a new person (the preview merges actors again)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="briefing-serve-", dir=args.scratch)
    site = os.path.join(work, "site")
    shutil.copytree(args.root, site, ignore=shutil.ignore_patterns(".briefing-cache", "public"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    log = open(os.path.join(work, "serve.log"), "w")
    proc = subprocess.Popen([args.bin, "serve", "--root", site, "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            if proc.poll() is not None:
                sys.exit("briefing serve exited")
            try:
                overview = get(base + "index.html", timeout=5)
                break
            except OSError:
                time.sleep(0.05)
        print(f"first build served after {time.monotonic() - started:.2f} s")

        # An article listed on the overview, and the seed file it comes from.
        links = re.findall(r'<li><a href="(articles/[^"]+)">([^<]+)</a>', overview)
        if not links:
            sys.exit("no article link on the overview")
        page, title = links[0]
        title = html.unescape(title)
        seeds = os.path.join(site, "seeds")
        seed = next((os.path.join(seeds, f) for f in sorted(os.listdir(seeds))
                     if title_of(os.path.join(seeds, f)) == title), None)
        if seed is None:
            sys.exit(f"no seed file has the title {title!r}")
        print(f"editing {os.path.relpath(seed, site)} -> {page}")

        reload_ms, page_ms = [], []
        for run in range(args.runs):
            version = int(get(base + "__briefing/wait?v=-1"))
            answered = {}

            def poll():
                answered["version"] = int(get(base + f"__briefing/wait?v={version}"))
                answered["at"] = time.monotonic()

            poller = threading.Thread(target=poll)
            poller.start()
            time.sleep(0.2)  # the poll is waiting, as on an open page
            stamp = f"{run}x{int(time.time())}"
            if args.new_person:
                # Letters only, so that it reads as a surname.
                word = "Quill" + "".join(chr(ord("a") + int(c)) if c.isdigit() else "z" for c in stamp)
                sentence = f"Ambassador Marta {word} said the talks would resume on Monday."
            else:
                word = f"Quillfeather{stamp}"
                sentence = f"The envoy {word} arrived late."
            t0 = time.monotonic()
            with open(seed, "a", encoding="utf-8") as f:
                f.write(f"\n\n{sentence}\n")
            poller.join(timeout=120)
            if "at" not in answered:
                sys.exit("no reload signal within 120 s")
            body = get(base + page)
            t1 = time.monotonic()
            if word not in body:
                sys.exit(f"run {run}: the reloaded page lacks the edit")
            reload_ms.append((answered["at"] - t0) * 1000)
            page_ms.append((t1 - t0) * 1000)
            print(f"run {run}: reload signal {reload_ms[-1]:.0f} ms, page with the edit {page_ms[-1]:.0f} ms")
            time.sleep(0.3)
        with open(os.path.join(work, "serve.log"), encoding="utf-8") as f:
            builds = [line.strip() for line in f if line.startswith("built ")]
        for line in builds[-args.runs:]:
            print(f"  serve: {line}")
        print(f"median: reload signal {statistics.median(reload_ms):.0f} ms, "
              f"page with the edit {statistics.median(page_ms):.0f} ms ({args.runs} runs)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
