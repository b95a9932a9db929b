#!/usr/bin/env python3
"""Build given_name_variants.tsv from the `nicknames` PyPI package's names.csv.

Source: https://github.com/carltonnorthern/nicknames (PyPI: nicknames),
licence Apache-2.0 (per the package metadata: `License-Expression: Apache-2.0`).

Usage (from the project's root; rebuilds crates/engine/data/given_name_variants.tsv):
    pip download nicknames==1.0.1 --no-deps -d /tmp/nicknames
    python3 scripts/make-given-name-variants.py /tmp/nicknames/nicknames-1.0.1-py3-none-any.whl \
        -o crates/engine/data/given_name_variants.tsv

INPUT is either the downloaded wheel (nicknames-*.whl; names.csv is read from
inside it with zipfile) or an already extracted names.csv.  Obtain the wheel
with:
    pip download nicknames --no-deps -d pkg

Output (TSV, UTF-8 but ASCII only, LF line endings):
    # header comment lines
    canonical<TAB>variant1,variant2,...
one line per canonical given name, lines sorted by canonical, variants sorted
and de-duplicated.  The direction is the source's: name1 (canonical) ->
name2 (nickname); callers wanting a symmetric lookup should invert it.

Filters (applied in this order, all deterministic):
  1. Only rows whose relationship is `has_nickname` are used (the only
     relationship in names.csv 1.0.1; `is_translation_of:*` rows, if a future
     version ships them, are skipped as they are not hypocorisms).
  2. Names are stripped and lower-cased; a name that is not plain ASCII
     letters [a-z] is dropped (removes initials such as "k.c.", "l.r.").
  3. Variants of length 1 are dropped; self-pairs (variant == canonical) are
     dropped.
  4. NOT_A_NAME: tokens that are evident data errors or not given names
     (run-together entries like "billiewilhelm", "jr", "mc", "farmboy").
  5. BAD_PAIRS: a few individual pairs that are evidently wrong.
  6. COMMON_WORDS: variants that are ordinary English words which, when
     capitalised in news copy, usually mean something else (a month, a
     title, a place/company/party, a verb/noun) AND are obscure or archaic
     as nicknames of the given canonical name (e.g. eliphalet -> "left",
     kingsley -> "king", junior -> "june", marietta -> "may").
     Judgement call: well-established nicknames that happen to be words
     (bill, will, frank, art, mark, rich, pat, sue, jack, ray, max, chuck,
     dick, hank, cliff, rusty, sandy, ...) are KEPT, because matching is
     meant to be used together with an identical surname.
  7. LOCAL_ADDITIONS: pairs the source lacks, listed in the output header
     (none: the table is the source's).
"""

import argparse
import csv
import hashlib
import io
import os
import re
import sys
import zipfile

SOURCE_URL = "https://github.com/carltonnorthern/nicknames"
SOURCE_LICENCE = "Apache-2.0"

KEEP_RELATIONSHIPS = {"has_nickname"}

NAME_RE = re.compile(r"^[a-z]+$")

# Filter 4: not given names / evident data-entry errors in the source.
NOT_A_NAME = frozenset(
    """
    billiewilhelm calliedona menaalmena farmboy jr mc
    """.split()
)

# Filter 5: individual (canonical, variant) pairs that are evidently wrong.
BAD_PAIRS = frozenset(
    [
        ("kendra", "kenji"),  # kenji is a separate (Japanese) name
        ("kendra", "kenj"),
    ]
)

# Filter 6: common English words used in the source only as obscure/archaic
# nicknames; in news they are overwhelmingly something else.
COMMON_WORDS = frozenset(
    """
    ant app august bat bias cage chat charm chick con court crate day
    duty dutch fall falcon fate field ford gay glory green gum ham
    honey honor hop hub june kill king left life link little may mercy
    mock nap one pink see sly squat than tick van vest vet wash west wood
    """.split()
)

# Filter 7: pairs added by hand because the source lacks them.
LOCAL_ADDITIONS = []


def read_source(path):
    """Return (csv_text, description) for a wheel/zip or a plain CSV file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = sorted(n for n in zf.namelist() if n.endswith("/names.csv") or n == "names.csv")
            if len(members) != 1:
                sys.exit("expected exactly one names.csv in %s, found %r" % (path, members))
            data = zf.read(members[0])
            desc = "%s!%s" % (os.path.basename(path), members[0])
    else:
        with open(path, "rb") as f:
            data = f.read()
        desc = os.path.basename(path)
    return data, desc


def build(data):
    text = data.decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    if [h.strip() for h in header] != ["name1", "relationship", "name2"]:
        sys.exit("unexpected CSV header: %r" % (header,))

    variants = {}
    stats = {"rows": 0, "kept": 0}
    drop = {}

    def dropped(reason):
        drop[reason] = drop.get(reason, 0) + 1

    for row in reader:
        if not row:
            continue
        stats["rows"] += 1
        if len(row) != 3:
            dropped("malformed row")
            continue
        canon, rel, var = (c.strip().lower() for c in row)
        if rel not in KEEP_RELATIONSHIPS:
            dropped("relationship")
            continue
        if not (NAME_RE.match(canon) and NAME_RE.match(var)):
            dropped("not ascii letters")
            continue
        if len(var) < 2 or var == canon:
            dropped("length 1 / self")
            continue
        if var in NOT_A_NAME or canon in NOT_A_NAME:
            dropped("not a name")
            continue
        if (canon, var) in BAD_PAIRS:
            dropped("bad pair")
            continue
        if var in COMMON_WORDS:
            dropped("common word")
            continue
        variants.setdefault(canon, set()).add(var)
        stats["kept"] += 1

    for canon, var in LOCAL_ADDITIONS:
        variants.setdefault(canon, set()).add(var)

    return variants, stats, drop


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="nicknames-*.whl or names.csv")
    ap.add_argument("-o", "--output", default="given_name_variants.tsv")
    args = ap.parse_args()

    data, desc = read_source(args.input)
    variants, stats, drop = build(data)
    sha = hashlib.sha256(data).hexdigest()

    cmd = ("pip download nicknames==1.0.1 --no-deps -d /tmp/nicknames && python3 "
           "scripts/make-given-name-variants.py /tmp/nicknames/%s -o "
           "crates/engine/data/given_name_variants.tsv" % os.path.basename(args.input))
    lines = [
        "# English given-name variants (hypocorisms): canonical<TAB>variant,variant,...",
        "# Source: nicknames (PyPI) / %s, file %s" % (SOURCE_URL, desc),
        "# Source sha256: %s" % sha,
        "# Licence: %s (source data; authors per package metadata: Carlton Northern, Nick Crews)" % SOURCE_LICENCE,
        "# Filters: has_nickname only; [a-z]+ only; variant length >= 2; dropped"
        " non-names, bad pairs and obscure common-word variants (see script)",
        "# Local additions (not from source): %s"
        % (", ".join("%s->%s" % p for p in LOCAL_ADDITIONS) or "none"),
        "# Rebuilt with: %s" % cmd,
    ]
    for canon in sorted(variants):
        lines.append("%s\t%s" % (canon, ",".join(sorted(variants[canon]))))
    out = "\n".join(lines) + "\n"
    out.encode("ascii")  # assert ASCII

    with open(args.output, "w", encoding="ascii", newline="\n") as f:
        f.write(out)

    print(
        "rows=%d kept=%d canonicals=%d dropped=%s"
        % (stats["rows"], stats["kept"], len(variants), dict(sorted(drop.items()))),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
