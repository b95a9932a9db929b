#!/usr/bin/env python3
"""Find import circles between the Rust source files of a cargo workspace.

Every crate of the workspace (the root package, each `[workspace] members`
entry and each `crates/*/`) is read on its own: its module tree is followed
from the crate roots (lib.rs, main.rs, src/bin/*) through the `mod` declarations,
so each .rs file gets its module path. File A depends on file B when A names an
item of a module that lives in B through `crate::`, `super::` or `self::`, in a
`use` (brace groups expanded) or inline in the code (`super::x::f(..)`).
A path goes to the longest module prefix that exists; `mod child;` alone is
not a dependency. Paths into another crate are not edges. Comments, string
and char literals are skipped. Test code (`#[cfg(test)]` modules, items and
files) is left out unless `--with-tests`.

The strongly connected components of more than one file are the circles:
each is printed with its files and one example cycle, with the items that
make each step (`--edges` lists every edge inside each circle).
Prints "0 import circles" and exits 0 when there are none, else exits 1.

Run from the workspace root:

    python3 scripts/module-cycles.py [--with-tests] [--edges] [--bare-paths] [ROOT]

`--bare-paths` also counts paths that start with the name of a child module
(`use views::*;` in render/mod.rs), which puts most parent mod.rs files into
the circles of their children.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import tomllib
from collections import deque
from dataclasses import dataclass, field

# ------------------------------------------------------------------ lexer

PUNCT2 = {"::", "->", "=>"}


@dataclass(slots=True)
class Tok:
    kind: str  # "id", "p" (punctuation), "lit" (literal), "life" (lifetime)
    text: str
    line: int


def _is_id_start(c: str) -> bool:
    return c == "_" or c.isalpha()


def _is_id_char(c: str) -> bool:
    return c == "_" or c.isalnum()


def lex(src: str) -> list[Tok]:
    """Rust tokens without comments; literals become one "lit" token each."""
    toks: list[Tok] = []
    i, n, line = 0, len(src), 1

    def skip_string(j: int) -> int:
        # j at the opening quote of a "..." string with escapes; returns index after it.
        nonlocal line
        j += 1
        while j < n:
            c = src[j]
            if c == "\\":
                if j + 1 < n and src[j + 1] == "\n":
                    line += 1
                j += 2
                continue
            if c == "\n":
                line += 1
            elif c == '"':
                return j + 1
            j += 1
        return n

    def skip_raw(j: int) -> int:
        # j at the first '#' or '"' after r / br / cr.
        nonlocal line
        hashes = 0
        while j < n and src[j] == "#":
            hashes += 1
            j += 1
        if j >= n or src[j] != '"':
            return j
        close = '"' + "#" * hashes
        end = src.find(close, j + 1)
        end = n if end < 0 else end + len(close)
        line += src.count("\n", j, end)
        return end

    while i < n:
        c = src[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif src.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j):
                    depth += 1
                    j += 2
                elif src.startswith("*/", j):
                    depth -= 1
                    j += 2
                else:
                    if src[j] == "\n":
                        line += 1
                    j += 1
            i = j
        elif c == '"':
            start = line
            j = skip_string(i)
            toks.append(Tok("lit", src[i:j], start))
            i = j
        elif c == "'":
            # char literal or lifetime / label
            if i + 1 < n and src[i + 1] == "\\":
                j = i + 2
                # escape: \n, \', \u{..}, \x41 ...
                j += 1
                while j < n and src[j] != "'" and src[j] != "\n":
                    j += 1
                i = j + 1
                toks.append(Tok("lit", "''", line))
            elif i + 2 < n and src[i + 2] == "'":
                i += 3
                toks.append(Tok("lit", "''", line))
            else:
                j = i + 1
                while j < n and _is_id_char(src[j]):
                    j += 1
                toks.append(Tok("life", src[i:j], line))
                i = j
        elif _is_id_start(c):
            j = i + 1
            while j < n and _is_id_char(src[j]):
                j += 1
            word = src[i:j]
            nxt = src[j] if j < n else ""
            if word in ("r", "br", "cr") and nxt in "#\"" and nxt:
                if nxt == "#" and j + 1 < n and _is_id_start(src[j + 1]) and word == "r":
                    # raw identifier r#name
                    k = j + 1
                    while k < n and _is_id_char(src[k]):
                        k += 1
                    toks.append(Tok("id", src[j + 1 : k], line))
                    i = k
                    continue
                start = line
                i = skip_raw(j)
                toks.append(Tok("lit", '""', start))
            elif word in ("b", "c") and nxt == '"':
                start = line
                i = skip_string(j)
                toks.append(Tok("lit", '""', start))
            elif word == "b" and nxt == "'":
                k = j + 1
                if k < n and src[k] == "\\":
                    k += 2
                while k < n and src[k] != "'" and src[k] != "\n":
                    k += 1
                i = k + 1
                toks.append(Tok("lit", "''", line))
            else:
                toks.append(Tok("id", word, line))
                i = j
        elif c.isdigit():
            j = i + 1
            while j < n and (
                _is_id_char(src[j])
                or (src[j] == "." and j + 1 < n and src[j + 1].isdigit())
            ):
                j += 1
            toks.append(Tok("lit", src[i:j], line))
            i = j
        else:
            two = src[i : i + 2]
            if two in PUNCT2:
                toks.append(Tok("p", two, line))
                i += 2
            else:
                toks.append(Tok("p", c, line))
                i += 1
    return toks


# ----------------------------------------------------------------- parser

PATH_STARTS = ("crate", "super", "self")
OPEN = {"{": "}", "(": ")", "[": "]"}
CLOSE = {"}", ")", "]"}


@dataclass(slots=True)
class Ref:
    """A path found in a file: `segs` relative to module `scope`."""

    scope: tuple[str, ...]
    segs: list[str]
    line: int
    test: bool
    in_use: bool
    alias: str | None = None  # name bound by a `use` (None: not a use, or a glob)
    glob: bool = False


@dataclass(slots=True)
class ModDecl:
    name: str
    scope: tuple[str, ...]  # module holding the declaration
    inline_dirs: list[str]  # inline modules between the file and the declaration
    path_attr: str | None
    test: bool
    line: int


@dataclass
class Parsed:
    decls: list[ModDecl] = field(default_factory=list)
    inline_mods: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    file_test: bool = False


def _attr_is_test(attr: list[Tok]) -> bool:
    """#[cfg(test)] or #[cfg(all(test, ..))]: code that exists only in tests."""
    words = [t.text for t in attr]
    if len(words) < 4 or words[0] != "cfg" or words[1] != "(":
        return False
    if words[2] == "test" and words[3] == ")":
        return True
    if words[2] == "all" and words[3] == "(":
        depth, k = 0, 3
        while k < len(words):
            w = words[k]
            if w in "([":
                depth += 1
            elif w in ")]":
                depth -= 1
                if depth == 0:
                    break
            elif depth == 1 and w == "test":
                return True
            k += 1
    return False


def parse_use_tree(toks: list[Tok], i: int, prefix: list[str], out: list) -> int:
    """Parses one use tree at toks[i]; appends (segs, alias, glob, line) to out."""
    segs = list(prefix)
    n = len(toks)
    if i < n and toks[i].text == "::":
        segs.append("::")  # an extern path (`use ::foo`)
        i += 1
    while i < n:
        t = toks[i]
        if t.text == "{":
            i += 1
            while i < n and toks[i].text != "}":
                i = parse_use_tree(toks, i, segs, out)
                if i < n and toks[i].text == ",":
                    i += 1
                elif i < n and toks[i].text != "}":
                    i += 1  # unexpected: skip a token
            return i + 1
        if t.text == "*":
            out.append((segs, None, True, t.line))
            return i + 1
        if t.kind == "id":
            if t.text == "self" and segs and segs != ["::"]:
                alias = segs[-1]  # `{self}`: the module itself
            else:
                segs = segs + [t.text]
                alias = t.text
            i += 1
            if i < n and toks[i].text == "::":
                i += 1
                continue
            if i + 1 < n and toks[i].text == "as":
                alias = toks[i + 1].text
                i += 2
            out.append((segs, alias, False, t.line))
            return i
        return i  # something else: give up on this tree
    return i


def parse_file(toks: list[Tok], modpath: tuple[str, ...]) -> Parsed:
    res = Parsed()
    n = len(toks)
    # Open brackets: (closer, module path if it opens an inline module, test)
    frames: list[tuple[str, tuple[str, ...] | None, bool]] = []
    mod_stack: list[tuple[tuple[str, ...], bool]] = [(modpath, False)]
    inline_dirs: list[str] = []
    pending: list[list[Tok]] = []
    # The item that a #[cfg(test)] covers: the bracket depth it started at.
    test_item_depth: int | None = None

    def cur_scope() -> tuple[str, ...]:
        return mod_stack[-1][0]

    def in_test() -> bool:
        return res.file_test or mod_stack[-1][1] or test_item_depth is not None

    def at_item_level() -> bool:
        return not frames or frames[-1][1] is not None

    def path_attr(attr: list[Tok]) -> str | None:
        # #[path = "x.rs"] (a plain string only)
        if len(attr) == 3 and attr[0].text == "path" and attr[1].text == "=":
            lit = attr[2].text
            if lit.startswith('"') and lit.endswith('"') and "\\" not in lit:
                return lit[1:-1]
        return None

    i = 0
    while i < n:
        t = toks[i]
        x = t.text
        # ---- attributes
        if x == "#" and i + 1 < n and toks[i + 1].text in ("[", "!"):
            inner = toks[i + 1].text == "!"
            j = i + (2 if inner else 1)
            if j >= n or toks[j].text != "[":
                i += 1
                continue
            depth, k = 0, j
            while k < n:
                if toks[k].text in OPEN:
                    depth += 1
                elif toks[k].text in CLOSE:
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            attr = toks[j + 1 : k]
            if inner:
                if _attr_is_test(attr):
                    if len(mod_stack) == 1:
                        res.file_test = True
                    else:
                        mod_stack[-1] = (mod_stack[-1][0], True)
            else:
                pending.append(attr)
            i = k + 1
            continue

        # Visibility comes between the attributes and the item.
        if x == "pub" and t.kind == "id":
            i += 1
            if i < n and toks[i].text == "(":
                while i < n and toks[i].text != ")":
                    i += 1
                i += 1
            continue

        # A non-attribute token starts the item the pending attributes belong to.
        if pending:
            if test_item_depth is None and any(_attr_is_test(a) for a in pending):
                test_item_depth = len(frames)
            attrs, pending = pending, []
        else:
            attrs = []

        # ---- mod declarations
        if x == "mod" and t.kind == "id" and i + 2 < n and toks[i + 1].kind == "id":
            name = toks[i + 1].text
            after = toks[i + 2].text
            if after == ";":
                pattr = None
                for a in attrs:
                    pattr = pattr or path_attr(a)
                res.decls.append(
                    ModDecl(name, cur_scope(), list(inline_dirs), pattr, in_test(), t.line)
                )
                if test_item_depth == len(frames):
                    test_item_depth = None
                i += 3
                continue
            if after == "{":
                test = in_test()
                if test_item_depth == len(frames):
                    test_item_depth = None
                path = cur_scope() + (name,)
                res.inline_mods.append((path, test))
                frames.append(("}", path, test))
                mod_stack.append((path, test))
                inline_dirs.append(name)
                i += 3
                continue

        # ---- use declarations
        if x == "use" and t.kind == "id":
            j = i + 1
            out: list = []
            while j < n and toks[j].text != ";":
                j2 = parse_use_tree(toks, j, [], out)
                j = j2 if j2 > j else j + 1
            test = in_test()
            for segs, alias, is_glob, line in out:
                if segs and segs[0] != "::":
                    res.refs.append(
                        Ref(cur_scope(), segs, line, test, True, alias, is_glob)
                    )
            if test_item_depth == len(frames):
                test_item_depth = None
            i = j + 1
            continue

        # ---- brackets
        if x in OPEN:
            frames.append((OPEN[x], None, False))
            i += 1
            continue
        if x in CLOSE:
            if frames:
                closer, path, _ = frames.pop()
                if path is not None:
                    mod_stack.pop()
                    inline_dirs.pop()
            if test_item_depth is not None and (
                len(frames) < test_item_depth
                or (x == "}" and len(frames) == test_item_depth)
            ):
                test_item_depth = None
            i += 1
            continue
        if x == ";" or (x == "," and not at_item_level()):
            if test_item_depth is not None and len(frames) <= test_item_depth:
                test_item_depth = None
            i += 1
            continue

        # ---- paths in code
        if t.kind == "id" and i + 2 < n and toks[i + 1].text == "::" and toks[i + 2].kind == "id":
            prev = toks[i - 1].text if i else ""
            prev2 = toks[i - 2].text if i > 1 else ""
            if prev in ("::", "$", ".") or (prev == "in" and prev2 == "("):
                i += 1
                continue
            segs = [x]
            j = i + 1
            while j + 1 < n and toks[j].text == "::" and toks[j + 1].kind == "id":
                segs.append(toks[j + 1].text)
                j += 2
            res.refs.append(Ref(cur_scope(), segs, t.line, in_test(), False))
            i = j
            continue
        i += 1
    return res


# ------------------------------------------------------------ the crates


@dataclass
class FileInfo:
    rel: str
    modpath: tuple[str, ...]
    test: bool
    parsed: Parsed


@dataclass
class Crate:
    name: str
    root: str  # absolute path of the root file
    files: dict[str, FileInfo] = field(default_factory=dict)  # abs path -> info
    # module path -> (abs file, test)
    modules: dict[tuple[str, ...], tuple[str, bool]] = field(default_factory=dict)


def read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def load_crate(name: str, root_file: str, ws_root: str, warn) -> Crate:
    crate = Crate(name, root_file)
    # (abs file, module path, test, mod_rs)
    queue = deque([(root_file, (), False, True)])
    while queue:
        path, modpath, test, mod_rs = queue.popleft()
        if path in crate.files:
            continue
        src = read(path)
        parsed = parse_file(lex(src), modpath)
        test = test or parsed.file_test
        rel = os.path.relpath(path, ws_root)
        crate.files[path] = FileInfo(rel, modpath, test, parsed)
        crate.modules[modpath] = (path, test)
        for mpath, mtest in parsed.inline_mods:
            crate.modules.setdefault(mpath, (path, test or mtest))
        here = os.path.dirname(path)
        stem = os.path.splitext(os.path.basename(path))[0]
        for d in parsed.decls:
            sub = os.path.join(here, *([] if mod_rs else [stem]), *d.inline_dirs)
            if d.path_attr:
                base = here if not d.inline_dirs else sub
                cands = [os.path.normpath(os.path.join(base, d.path_attr))]
            else:
                cands = [os.path.join(sub, d.name + ".rs"), os.path.join(sub, d.name, "mod.rs")]
            found = next((c for c in cands if os.path.isfile(c)), None)
            if found is None:
                warn(f"{rel}:{d.line}: no file for `mod {d.name};` (looked for "
                     + ", ".join(os.path.relpath(c, ws_root) for c in cands) + ")")
                continue
            child_mod_rs = bool(d.path_attr) or os.path.basename(found) == "mod.rs"
            queue.append((found, d.scope + (d.name,), test or d.test, child_mod_rs))
    return crate


def find_packages(ws_root: str, warn) -> list[str]:
    """Directories of the workspace's packages: the root, members, crates/*."""
    dirs: list[str] = []
    manifest = os.path.join(ws_root, "Cargo.toml")
    data = {}
    try:
        with open(manifest, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        warn(f"cannot read {manifest}: {e}")
    if "package" in data or os.path.isdir(os.path.join(ws_root, "src")):
        dirs.append(ws_root)
    ws = data.get("workspace", {})
    excluded = {os.path.normpath(os.path.join(ws_root, p)) for p in ws.get("exclude", [])}
    members = list(ws.get("members", [])) + ["crates/*"]
    for pattern in members:
        for d in sorted(glob.glob(os.path.join(ws_root, pattern))):
            d = os.path.normpath(d)
            if d in excluded or d in dirs:
                continue
            if os.path.isfile(os.path.join(d, "Cargo.toml")):
                dirs.append(d)
    return dirs


def crate_roots(pkg: str, warn) -> list[tuple[str, str]]:
    """(crate name, root file) of a package's library and binaries."""
    data = {}
    try:
        with open(os.path.join(pkg, "Cargo.toml"), "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        pass
    pname = data.get("package", {}).get("name") or os.path.basename(pkg)
    roots: list[tuple[str, str]] = []

    def add(name: str, path: str):
        path = os.path.normpath(path)
        if os.path.isfile(path) and all(p != path for _, p in roots):
            roots.append((name, path))

    lib = data.get("lib", {})
    add(pname, os.path.join(pkg, lib.get("path", "src/lib.rs")))
    for b in data.get("bin", []):
        if "path" in b:
            add(f"{pname} (bin {b.get('name', '?')})", os.path.join(pkg, b["path"]))
    add(f"{pname} (bin {pname})", os.path.join(pkg, "src/main.rs"))
    for f in sorted(glob.glob(os.path.join(pkg, "src/bin/*.rs"))):
        add(f"{pname} (bin {os.path.splitext(os.path.basename(f))[0]})", f)
    for f in sorted(glob.glob(os.path.join(pkg, "src/bin/*/main.rs"))):
        add(f"{pname} (bin {os.path.basename(os.path.dirname(f))})", f)
    return roots


# ----------------------------------------------------------------- edges

Edges = dict[str, dict[str, list[tuple[str, int]]]]  # from -> to -> [(item, line)]


def resolve(crate: Crate, with_tests: bool, bare_paths: bool) -> Edges:
    edges: Edges = {}
    # module scope -> {name bound by a `use` -> absolute module path}
    aliases: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}

    def absolute(scope: tuple[str, ...], segs: list[str]) -> list[str] | None:
        if not segs:
            return None
        if segs[0] == "crate":
            return segs[1:]
        if segs[0] in ("self", "super"):
            base = list(scope)
            k = 1 if segs[0] == "self" else 0
            while k < len(segs) and segs[k] == "super":
                if not base:
                    return None
                base.pop()
                k += 1
            return base + segs[k:]
        # a bare path: a name bound by a `use`, or (--bare-paths) a child module
        bound = aliases.get(scope, {}).get(segs[0])
        if bound is not None:
            return list(bound) + segs[1:]
        if bare_paths and scope + (segs[0],) in crate.modules:
            return list(scope) + segs
        return None

    def add(src_file: str, ref: Ref, absolute_path: list[str]) -> tuple[str, ...] | None:
        k = len(absolute_path)
        while k > 0 and tuple(absolute_path[:k]) not in crate.modules:
            k -= 1
        mod = tuple(absolute_path[:k])
        whole = k == len(absolute_path)  # the path names the module itself
        target, target_test = crate.modules[mod]
        if target_test and not with_tests:
            return mod if whole else None
        if whole:
            name = mod[-1] if mod else "crate"
            item = f"{name}::*" if ref.glob else f"mod {name}"
        elif not ref.in_use and ref.segs[0] not in PATH_STARTS:
            # through a module name in scope (`use super::lexicon as lx; lx::unit(..)`):
            # the path as written, up to the item
            written = len(ref.segs) - (len(absolute_path) - k) + 1
            item = "::".join(ref.segs[:written])
        else:
            item = absolute_path[k] + ("::*" if ref.glob and k + 1 == len(absolute_path) else "")
        if target != src_file:
            edges.setdefault(src_file, {}).setdefault(target, []).append((item, ref.line))
        return mod if whole else None

    # First the paths that need no `use` to resolve, then the bare ones (twice,
    # so that a `use` of a bare path can bind a name used by another).
    todo = []
    for path, info in crate.files.items():
        for ref in info.parsed.refs:
            if (ref.test or info.test) and not with_tests:
                continue
            todo.append((path, ref))
    rounds = [
        [r for r in todo if r[1].segs[0] in PATH_STARTS],
        [r for r in todo if r[1].segs[0] not in PATH_STARTS and r[1].in_use],
        [r for r in todo if r[1].segs[0] not in PATH_STARTS],
    ]
    done: set[int] = set()
    for batch in rounds:
        for path, ref in batch:
            if id(ref) in done:
                continue
            absolute_path = absolute(ref.scope, ref.segs)
            if absolute_path is None:
                continue
            done.add(id(ref))
            mod = add(path, ref, absolute_path)
            if ref.in_use and ref.alias and not ref.glob and mod is not None:
                aliases.setdefault(ref.scope, {})[ref.alias] = mod
    return edges


# ------------------------------------------------------------------ SCCs


def tarjan(nodes: list[str], edges: Edges) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    sccs: list[list[str]] = []
    counter = 0
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, {}))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges.get(w, {})))))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                sccs.append(comp)
    return sccs


def shortest_cycle(start: str, members: set[str], edges: Edges) -> list[str]:
    """The shortest path start -> ... -> start inside members (BFS)."""
    parent: dict[str, str] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        v = queue.popleft()
        for w in sorted(edges.get(v, {})):
            if w not in members:
                continue
            if w == start:
                path = [v]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return list(reversed(path)) + [start]
            if w not in seen:
                seen.add(w)
                parent[w] = v
                queue.append(w)
    return [start]


def describe(uses: list[tuple[str, int]]) -> str:
    """Items grouped by line: `Form, Occurrence (line 6); Groups (line 9)`."""
    by_line: dict[int, list[str]] = {}
    for item, line in uses:
        items = by_line.setdefault(line, [])
        if item not in items:
            items.append(item)
    return "; ".join(f"{', '.join(items)} (line {line})" for line, items in sorted(by_line.items()))


# ------------------------------------------------------------------- main


def find_workspace_root() -> str:
    d = os.getcwd()
    while True:
        if os.path.isfile(os.path.join(d, "Cargo.toml")):
            root = d
            # keep going up to a [workspace] manifest, if there is one
            up = os.path.dirname(d)
            while up != d:
                d = up
                m = os.path.join(d, "Cargo.toml")
                if os.path.isfile(m) and "[workspace]" in read(m):
                    return d
                up = os.path.dirname(d)
            return root
        up = os.path.dirname(d)
        if up == d:
            return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        d = up


def main() -> int:
    ap = argparse.ArgumentParser(
        description="Find import circles between the .rs files of a cargo workspace."
    )
    ap.add_argument("root", nargs="?", help="workspace root (default: found from the current folder)")
    ap.add_argument("--with-tests", action="store_true", help="include #[cfg(test)] code and test-only files")
    ap.add_argument("--edges", action="store_true", help="list every edge inside each circle")
    ap.add_argument("--bare-paths", action="store_true",
                    help="also count paths starting with a child module's name (`use views::*`)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no warnings on stderr")
    args = ap.parse_args()

    ws_root = os.path.abspath(args.root or find_workspace_root())

    def warn(msg: str):
        if not args.quiet:
            print(f"warning: {msg}", file=sys.stderr)

    crates: list[Crate] = []
    reached: set[str] = set()
    for pkg in find_packages(ws_root, warn):
        for name, root_file in crate_roots(pkg, warn):
            crate = load_crate(name, root_file, ws_root, warn)
            crates.append(crate)
            reached.update(crate.files)
        src_dir = os.path.join(pkg, "src")
        orphans = sorted(
            os.path.relpath(f, ws_root)
            for f in glob.glob(os.path.join(src_dir, "**", "*.rs"), recursive=True)
            if os.path.abspath(f) not in reached
        )
        if orphans:
            warn(f"not part of any crate (no `mod` declares them): {', '.join(orphans)}")

    circles = []
    for crate in crates:
        edges = resolve(crate, args.with_tests, args.bare_paths)
        nodes = sorted(crate.files, key=lambda p: crate.files[p].rel)
        for comp in tarjan(nodes, edges):
            if len(comp) > 1:
                circles.append((crate, sorted(comp, key=lambda p: crate.files[p].rel), edges))
    circles.sort(key=lambda c: c[0].files[c[1][0]].rel)

    for k, (crate, comp, edges) in enumerate(circles, 1):
        rel = lambda p: crate.files[p].rel  # noqa: E731
        print(f"circle {k}: {len(comp)} files (crate {crate.name})")
        for p in comp:
            print(f"  {rel(p)}")
        cycle = shortest_cycle(comp[0], set(comp), edges)
        print("  for example:")
        for a, b in zip(cycle, cycle[1:]):
            print(f"    {rel(a)} -> {rel(b)}: {describe(edges[a][b])}")
        if args.edges:
            print("  all edges inside the circle:")
            members = set(comp)
            for a in comp:
                for b in sorted(edges.get(a, {}), key=rel):
                    if b in members:
                        print(f"    {rel(a)} -> {rel(b)}: {describe(edges[a][b])}")
        print()
    count = len(circles)
    print(f"{count} import circle{'' if count == 1 else 's'}")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
