#!/usr/bin/env python3
"""The crate's import graph between layers (docs/architecture.md).

    python3 scripts/import-graph.py            summary: layers, upward imports, cycles
    python3 scripts/import-graph.py --edges    also every module-to-module edge with its count

Reads src/**/*.rs (not main.rs, the binary). A reference is any `crate::X` path outside
comments, plus `super::` paths in top-level files and crate-root re-exports (`crate::World`
is world's). Code from the first `#[cfg(test)]` of a file on is test code, counted apart.
An upward import is a reference from a module to one in a higher layer; a cycle is a
strongly connected set of modules. Exit code 1 if non-test code has either.
"""
import re
import sys
from collections import defaultdict
from pathlib import Path

# Lowest first; a module may use modules of its own layer's predecessors only.
LAYERS = [
    ["error", "geo", "numeric", "ahp"],
    ["data"],
    ["scenario"],
    ["uncertainty", "mcda"],
    ["factors"],
    ["world"],
    ["simulate"],
    ["results"],
    ["report"],
    ["explain", "portfolio", "sensitivity", "commands", "cluster", "rundir", "lib"],  # commands: rundir (Run: simulate, write, read, merge), lib.rs (run/merge/report)
]
LEVEL = {m: i for i, layer in enumerate(LAYERS) for m in layer}
SRC = Path(__file__).resolve().parent.parent / "src"


def module_of(path: Path) -> str:
    rel = path.relative_to(SRC).parts
    return "lib" if rel == ("lib.rs",) else rel[0].removesuffix(".rs")


def root_exports() -> dict:
    """Names re-exported at the crate root: `pub use world::{Draw, World}` → World: world."""
    out = {}
    text = (SRC / "lib.rs").read_text()
    for m in re.finditer(r"pub use (\w+)::(\{[^}]*\}|\w+);", text):
        for name in re.findall(r"\w+", m.group(2)):
            out[name] = m.group(1)
    return out


def references():
    exports = root_exports()
    refs = []  # (from, to, file, line, test)
    for path in sorted(SRC.rglob("*.rs")):
        if path.name == "main.rs" and path.parent == SRC:
            continue
        src_mod = module_of(path)
        top_level = path.parent == SRC
        # A file named tests.rs is a `#[cfg(test)] mod tests;` of its parent.
        test = path.name == "tests.rs"
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if line.lstrip().startswith("#[cfg(test)]"):
                test = True
            code = line.split("//", 1)[0]
            targets = re.findall(r"\bcrate::(\w+)", code)
            if top_level:
                targets += re.findall(r"\bsuper::(\w+)", code)
            for t in targets:
                t = exports.get(t, t)
                if t in LEVEL and t != src_mod:
                    refs.append((src_mod, t, path.relative_to(SRC.parent), n, test))
    return refs


def cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(LEVEL):
        if v not in index:
            visit(v)
    return out


def main():
    refs = references()
    bad = 0
    for label, test in (("non-test code", False), ("test code", True)):
        rs = [r for r in refs if r[4] == test]
        up = [r for r in rs if LEVEL[r[1]] > LEVEL[r[0]]]
        up_edges = sorted({(a, b) for a, b, *_ in up})
        edges = {(a, b) for a, b, *_ in rs}
        cyc = cycles(edges)
        print(f"{label}: {len(rs)} references, {len(edges)} module edges, "
              f"{len(up)} upward references over {len(up_edges)} edges, {len(cyc)} cycles")
        for a, b in up_edges:
            where = [f"{f}:{n}" for x, y, f, n, _ in up if (x, y) == (a, b)]
            print(f"  up: {a} -> {b} ({len(where)}): {', '.join(where[:4])}"
                  + (" ..." if len(where) > 4 else ""))
        for c in cyc:
            print(f"  cycle: {' <-> '.join(c)}")
        if "--edges" in sys.argv:
            count = defaultdict(int)
            for a, b, *_ in rs:
                count[(a, b)] += 1
            for (a, b), k in sorted(count.items()):
                print(f"  edge: {a} -> {b} ({k})")
        if not test:
            bad = len(up) + len(cyc)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
