#!/usr/bin/env python3
"""Per-phase costs of a run split into shards, one-phase and two-phase merge (issue 17).

Runs a scenario once on one thread, then as N shards (one thread each) merged in one step
and in two phases, and measures the CPU time (user + system) of every process. On N idle
workers the shards of a phase run side by side, so a phase costs its slowest shard; the
wall time of a sharded run is then estimated as the sum over phases of that cost, and the
speed-up as the single run's time over it. CPU time, unlike wall time, does not depend on
what else the machine runs (a busy build machine). Prints a table; needs only the
standard library and a built `target/release/dcsite`.

`--wall` measures wall-clock time instead, on this machine: the single run on one thread,
then each phase's shards started together, one thread each (N shards need N idle cores), so
the speed-up is what N workers give end to end. Run it on a quiet machine.

    python3 benches/shard_scaling.py [--scenario S] [--draws D] [--shards N] [--wall]
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_of(args, env=None):
    """CPU seconds (user + system) and wall seconds of one dcsite process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenario", default="examples/apple-icloud-china.toml")
    p.add_argument("--draws", type=int, default=40000)
    p.add_argument("--shards", type=int, default=2)
    p.add_argument("--wall", action="store_true", help="wall-clock time, shards of a phase run side by side")
    a = p.parse_args()
    exe = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "dcsite")
    if not os.path.exists(exe):
        sys.exit(f"{exe} not found: cargo build --release first")
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    n, d = a.shards, str(a.draws)
    if a.wall:
        return wall_clock(exe, a.scenario, d, n, env)
    with tempfile.TemporaryDirectory() as tmp:
        run = [exe, "run", a.scenario, "--draws", d, "--quiet", "--no-plots"]
        single, _ = cpu_of(run + ["--out", f"{tmp}/single"], env)
        shards = [cpu_of(run + ["--shard", f"{k}/{n}", "--out", f"{tmp}/s{k}"], env)[0] for k in range(1, n + 1)]
        dirs = [f"{tmp}/s{k}" for k in range(1, n + 1)]
        merge1, _ = cpu_of([exe, "merge", *dirs, "--out", f"{tmp}/m1"], env)
        first, _ = cpu_of([exe, "merge", *dirs, "--first-pass", "--out", f"{tmp}/fp"], env)
        conf = [cpu_of([exe, "confidence", f"{tmp}/fp", "--shard", f"{k}/{n}", "--out", f"{tmp}/c{k}"], env)[0]
                for k in range(1, n + 1)]
        final, _ = cpu_of([exe, "merge", f"{tmp}/fp", "--confidence", *[f"{tmp}/c{k}" for k in range(1, n + 1)],
                           "--out", f"{tmp}/m2"], env)
    one_phase = max(shards) + merge1
    two_phase = max(shards) + first + max(conf) + final
    print(f"{a.scenario}, {a.draws} draws, {n} shards, one thread per process (CPU seconds):")
    print(f"  single run                      {single:8.2f}")
    print(f"  first-pass shards (slowest)     {max(shards):8.2f}   each: {', '.join(f'{s:.2f}' for s in shards)}")
    print(f"  one-phase merge                 {merge1:8.2f}")
    print(f"  two-phase: merge --first-pass   {first:8.2f}")
    print(f"  two-phase: confidence (slowest) {max(conf):8.2f}   each: {', '.join(f'{c:.2f}' for c in conf)}")
    print(f"  two-phase: final merge          {final:8.2f}")
    print(f"  speed-up on {n} workers: one-phase {single / one_phase:.2f}x, two-phase {single / two_phase:.2f}x"
          f" ({single / two_phase / n:.2f} of {n}x)")


def side_by_side(commands, env):
    """Wall seconds from starting every command together to the last one's exit."""
    t = time.perf_counter()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, env=env) for c in commands]
    for proc in procs:
        if proc.wait() != 0:
            sys.exit(f"failed: {' '.join(proc.args)}")
    return time.perf_counter() - t


def wall_clock(exe, scenario, d, n, env):
    with tempfile.TemporaryDirectory() as tmp:
        run = [exe, "run", scenario, "--draws", d, "--quiet", "--no-plots"]
        single = side_by_side([run + ["--out", f"{tmp}/single"]], env)
        shards = side_by_side([run + ["--shard", f"{k}/{n}", "--out", f"{tmp}/s{k}"] for k in range(1, n + 1)], env)
        dirs = [f"{tmp}/s{k}" for k in range(1, n + 1)]
        first = side_by_side([[exe, "merge", *dirs, "--first-pass", "--out", f"{tmp}/fp"]], env)
        conf = side_by_side([[exe, "confidence", f"{tmp}/fp", "--shard", f"{k}/{n}", "--out", f"{tmp}/c{k}"]
                             for k in range(1, n + 1)], env)
        final = side_by_side([[exe, "merge", f"{tmp}/fp", "--confidence", *[f"{tmp}/c{k}" for k in range(1, n + 1)],
                               "--out", f"{tmp}/m2"]], env)
    total = shards + first + conf + final
    print(f"{scenario}, {d} draws, {n} shards side by side, one thread per process (wall seconds, "
          f"load {os.getloadavg()[0]:.2f}):")
    print(f"  single run                      {single:8.2f}")
    print(f"  first-pass shards               {shards:8.2f}")
    print(f"  merge --first-pass              {first:8.2f}")
    print(f"  confidence shards               {conf:8.2f}")
    print(f"  final merge                     {final:8.2f}")
    print(f"  two-phase speed-up on {n} workers: {single / total:.2f}x ({single / total / n:.2f} of {n}x)")


if __name__ == "__main__":
    main()
