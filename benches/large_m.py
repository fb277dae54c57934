#!/usr/bin/env python3
"""Large-site benchmark (issue 17): `dcsite run` on synthetic scenarios of 1,000 to 100,000
candidate sites × 10 column criteria, 1,000 draws, all CSV and JSON outputs (no plots).

    python3 benches/large_m.py                          # 1,000 / 10,000 / 100,000 sites
    python3 benches/large_m.py --sites 1000,10000 --draws 500
    python3 benches/large_m.py --memory                 # also 10,000 sites at 10× the draws

For each run it reports the wall time, the CPU time (user + system, all threads), the peak
resident memory of the process, the bytes written, and the CPU time per site-draw: a run
evaluates every draw twice (SMAA-2's confidence pass), so the work is 2 · sites · draws
site-evaluations. Above 1,000 sites a run is in large-site mode (ranks 1..100 counted, a
pairwise shortlist of 100); the 1,000-site scenario is also run with `--top-k 100`, the
same mode, for a like-for-like cost per site-draw. `--memory` runs 10,000 sites at the
draws and at 10× the draws: the peak memory must not grow with the draws.

The scenarios are those of benches/compare.py (`write_scenario`): values uniform on 10–100,
sd 10 % (lognormal noise), directions alternating, unknown weights. Standard library only.
See benches/README.md for the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
import compare  # noqa: E402  (write_scenario)


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def timed_run(binary: Path, scenario: Path, out: Path, draws: int, extra=()):
    """(wall s, cpu s, peak RSS MB, bytes written) of one run, from the child's rusage."""
    cmd = [str(binary), "run", str(scenario), "--draws", str(draws), "--seed", "42",
           "--out", str(out), "--quiet", "--no-plots", *extra]
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"dcsite failed ({' '.join(cmd)}):\n{err}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, dir_bytes(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", default="1000,10000,100000", help="comma-separated site counts")
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--memory", action="store_true", help="also 10,000 sites at 10x the draws")
    ap.add_argument("--no-build", action="store_true", help="use the existing release binary")
    args = ap.parse_args()
    repo = HERE.parent
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=repo, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", repo / "target"))
    binary = target / "release" / "dcsite"
    sizes = [int(s) for s in args.sites.split(",")]
    print(f"# {platform.node()} {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} logical CPUs, load {os.getloadavg()[0]:.2f} at start, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| sites | draws | mode | wall s | CPU s | peak RSS MB | written MB | CPU ns per site-draw |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for m in sizes:
            runs.append((m, args.draws, ()))
            if m <= 1000:
                runs.append((m, args.draws, ("--top-k", "100")))
        if args.memory:
            runs.append((10_000, 10 * args.draws, ()))
        made = set()
        for m, draws, extra in runs:
            d = Path(tmp) / f"m{m}"
            if m not in made:
                d.mkdir()
                compare.write_scenario(d, m, 10, data_seed=1)
                made.add(m)
            out = Path(tmp) / "out"
            wall, cpu, rss, written = timed_run(binary, d / "s.toml", out, draws, extra)
            large = m > 1000 or extra
            mode = "top 100, shortlist 100" if large else "every rank and pair"
            per = cpu / (2 * m * draws) * 1e9
            print(f"| {m:,} | {draws:,} | {mode} | {wall:.1f} | {cpu:.1f} | {rss:,.0f} | "
                  f"{written / 1e6:,.0f} | {per:.0f} |", flush=True)
            subprocess.run(["rm", "-rf", str(out)], check=True)
    print(f"# load {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
