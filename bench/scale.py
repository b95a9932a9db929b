#!/usr/bin/env python3
"""How briefing's cost grows with its input: one long article, and the bench corpus.

    bench/scale.py                                  # everything below, median of 3 runs
    bench/scale.py --long 0.7,1.4,2.9,5.8 --corpus 1000,10000,100000 --runs 3
    bench/scale.py --corpus '' --runs 1             # the long article only, quickly
    bench/scale.py --long '' --corpus '' --odd      # only the odd cases

For each size of ONE long article (`bench/long_article.py`: a transcript-like text of
capitalised news lines) it prints the wall time and peak memory of `briefing build`; for
each size of the bench corpus (`../shared/bench/make_corpus.py --flavor briefing`, the
corpus `bench/run.sh` uses) it prints wall time, peak memory, and the bytes and files of
the built site (every file counted). Each row also gives the ratio to the row before it,
which is what says whether cost grows linearly: at most 2.3x per doubling of the article,
at most 11x from 10,000 to 100,000 articles (issue 22). With --odd it also builds two odd
inputs that once cost the square of their size: one 2.9 MB article without a full stop (one
sentence naming 29,000 actors) and 20,000 articles of one title.

Builds are cold (output and cache deleted first) and write to /dev/shm when it exists, so
the figures measure the program, not the disk. Times are medians of --runs; memory is the
largest of them. Needs a release build (`cargo build --release`) unless --bin is given.
Work files go to bench/work/ (git-ignored).
"""

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys

BENCH = pathlib.Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
SHARED = ROOT.parent / "shared" / "bench"


def sizes(text, kind):
    return [kind(s) for s in text.split(",") if s.strip()]


def measure(binary, site, out, runs):
    """Median wall seconds, largest peak MiB, and the output's bytes and files."""
    walls, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(site / ".briefing-cache", ignore_errors=True)
        line = subprocess.run(
            [sys.executable, str(BENCH / "measure.py"), "--label", site.name,
             "--log", str(WORK / "scale.log"), "--",
             str(binary), "build", "--root", str(site), "--output", str(out), "--quiet"],
            check=True, capture_output=True, text=True).stdout
        run = json.loads(line)
        if run["rc"] != 0:
            sys.exit(f"scale.py: building {site} failed; see {WORK / 'scale.log'}")
        walls.append(run["wall_s"])
        peaks.append(run["maxrss_mib"])
    files = [p for p in pathlib.Path(out).rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    shutil.rmtree(out, ignore_errors=True)
    return statistics.median(walls), max(peaks), size, len(files)


def ratio(now, before):
    return f"{now / before:5.2f}x" if before else "     "


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--long", default="0.7,1.4,2.9,5.8", help="article sizes in MB")
    ap.add_argument("--corpus", default="1000,10000,100000", help="corpus sizes in articles")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per row (median)")
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "briefing"))
    ap.add_argument("--odd", action="store_true", help="also the odd cases")
    args = ap.parse_args()
    binary = pathlib.Path(args.bin)
    if not binary.exists():
        sys.exit(f"scale.py: {binary} not found: run `cargo build --release` first")
    WORK.mkdir(exist_ok=True)
    scratch = pathlib.Path("/dev/shm") if os.path.isdir("/dev/shm") else WORK
    out = scratch / f"briefing-scale-{os.getpid()}"

    long_sizes = sizes(args.long, float)
    if long_sizes:
        print("one article      wall      ratio   peak memory  ratio")
        before = (0, 0)
        for mb in long_sizes:
            site = WORK / "long" / f"{mb}"
            if not (site / "seeds").is_dir():
                subprocess.run([sys.executable, str(BENCH / "long_article.py"), str(mb),
                                str(site)], check=True)
            wall, peak, _, _ = measure(binary, site, out, args.runs)
            print(f"{mb:6.1f} MB   {wall:8.2f} s  {ratio(wall, before[0])}  "
                  f"{peak:8.0f} MiB  {ratio(peak, before[1])}")
            before = (wall, peak)

    corpus_sizes = sizes(args.corpus, int)
    if corpus_sizes:
        if not (SHARED / "make_corpus.py").exists():
            sys.exit(f"scale.py: {SHARED / 'make_corpus.py'} not found (../shared/bench)")
        print("corpus         wall      ratio   peak memory  ratio   output        ratio  files")
        before = (0, 0, 0)
        for n in corpus_sizes:
            site = WORK / "corpus" / f"briefing-{n}"
            if not (site / "seeds").is_dir():
                tmp = site.with_name(site.name + ".tmp")
                shutil.rmtree(tmp, ignore_errors=True)
                subprocess.run([sys.executable, str(SHARED / "make_corpus.py"), "--n", str(n),
                                "--flavor", "briefing", "--out", str(tmp)],
                               check=True, stdout=subprocess.DEVNULL)
                tmp.rename(site)
            wall, peak, size, files = measure(binary, site, out, args.runs)
            print(f"{n:7d}   {wall:8.2f} s  {ratio(wall, before[0])}  {peak:8.0f} MiB  "
                  f"{ratio(peak, before[1])}  {size / 1e6:8.1f} MB  {ratio(size, before[2])}"
                  f"  {files}")
            before = (wall, peak, size)

    if args.odd:
        print("odd case                               wall   peak memory   output")
        run_on = WORK / "odd" / "run-on-2.9"
        if not (run_on / "seeds").is_dir():
            subprocess.run([sys.executable, str(BENCH / "long_article.py"), "2.9", str(run_on),
                            "--run-on"], check=True)
        same = WORK / "odd" / "one-title-20000"
        if not (same / "seeds").is_dir():
            (same / "seeds").mkdir(parents=True)
            for i in range(20000):
                (same / "seeds" / f"{i:05}.txt").write_text(
                    f"Morning briefing\n\n2 May 2019\n\nThe council met on Monday about item {i}.\n",
                    encoding="utf-8")
        for label, site in [("2.9 MB article, one sentence", run_on),
                            ("20,000 articles of one title", same)]:
            wall, peak, size, _ = measure(binary, site, out, args.runs)
            print(f"{label:32} {wall:8.2f} s  {peak:8.0f} MiB  {size / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
