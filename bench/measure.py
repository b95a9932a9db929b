#!/usr/bin/env python3
"""Time one command: wall clock, CPU (user + system) and peak resident memory.

    measure.py --label NAME --log FILE -- COMMAND [ARG...]

Prints one JSON line to stdout:
    {"label": ..., "wall_s": ..., "cpu_s": ..., "maxrss_mib": ..., "rc": ...}
The command's own stdout and stderr go to --log (appended), so a failing
build can be read afterwards.

Why a Python wrapper and not /usr/bin/time: GNU time is not installed
everywhere (containers, macOS), Python is. Why one fresh wrapper process per
measurement: getrusage(RUSAGE_CHILDREN).ru_maxrss is the maximum over *all*
children a process has ever waited for, so a long-lived wrapper would report
the biggest run so far instead of this one. A fresh process has waited for
no one, so the figures are exactly those of this command and its
descendants (`sh`, `rm`, and the tool `sh` execs into).
"""

import argparse
import json
import resource
import subprocess
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--label", required=True, help="name recorded in the JSON line")
    ap.add_argument("--log", required=True, help="file the command's output is appended to")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARG...]")
    a = ap.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        ap.error("no command given")

    with open(a.log, "ab") as log:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, stdout=log, stderr=log, stdin=subprocess.DEVNULL).returncode
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)

    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    rss_unit = 1 if sys.platform == "darwin" else 1024
    maxrss_mib = after.ru_maxrss * rss_unit / (1024 * 1024)
    print(json.dumps({
        "label": a.label,
        "wall_s": round(wall, 4),
        "cpu_s": round(cpu, 4),
        "maxrss_mib": round(maxrss_mib, 1),
        "rc": rc,
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
