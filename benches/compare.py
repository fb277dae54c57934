#!/usr/bin/env python3
"""Times `dcsite run` on a synthetic 100-site × 10-criterion scenario against a vectorised
numpy implementation of the same SMAA-2 computation (benches/smaa_numpy.py) and against
the floor: generating the same random numbers alone.

    python3 benches/compare.py                 # 100,000 draws, best of 3 rounds
    python3 benches/compare.py --draws 20000 --repeat 1 --no-cargo-bench

The scenario: column criteria c0…c9 with measurement noise (sd = 10 % of the value, from
the `cj_sd` columns; dcsite makes it lognormal with that mean and sd because every value is
positive, and smaa_numpy.py does the same), values uniform on 10–100, directions alternating
min/max, unknown weights (uniform on the simplex). See benches/README.md for what is
measured and the figures.

Standard library only; the numpy rows are skipped when numpy does not import.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# numpy on one thread, BLAS included: set before numpy loads (a user's setting wins).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

try:
    import numpy as np

    sys.dont_write_bytecode = True  # no __pycache__ in benches/
    sys.path.insert(0, str(HERE))
    import smaa_numpy
except ImportError:  # the numpy rows are skipped
    np = None
    smaa_numpy = None


def write_scenario(directory: Path, sites: int, criteria: int, data_seed: int):
    """Writes sites.csv, model.toml and s.toml; returns (base, sd, benefit) as read back."""
    rnd = random.Random(data_seed)
    header = ["id"] + [f"c{j}{s}" for j in range(criteria) for s in ("", "_sd")]
    base, sd = [], []
    with open(directory / "sites.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for i in range(sites):
            row, b, s = [f"s{i}"], [], []
            for _ in range(criteria):
                v = rnd.uniform(10.0, 100.0)
                cells = (f"{v:.3f}", f"{0.1 * v:.3f}")
                row += cells
                b.append(float(cells[0]))
                s.append(float(cells[1]))
            w.writerow(row)
            base.append(b)
            sd.append(s)
    benefit = [j % 2 == 1 for j in range(criteria)]  # c0 min, c1 max, …
    model = ['name = "synthetic"', f'description = "{sites} sites x {criteria} column criteria, measurement noise"',
             'method = "wsm"', 'normalization = "min-max"']
    for j in range(criteria):
        model += ["", "[[criteria]]", f'id = "c{j}"', f'column = "c{j}"',
                  f'direction = "{"max" if benefit[j] else "min"}"', "weight = 1"]
    (directory / "model.toml").write_text("\n".join(model) + "\n")
    (directory / "s.toml").write_text(
        'name = "synthetic"\nmodel = "model.toml"\n\n[data]\nsites = "sites.csv"\n\n'
        '[weights]\nmode = "unknown"\n'
    )
    return base, sd, benefit


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best_of(repeat: int, f, cpu=time.process_time):
    """(wall, cpu) seconds of the fastest of `repeat` calls of f, and the last call's result.
    `cpu`: the CPU clock that f spends (this process, or its children for a subprocess)."""
    best, result = (math.inf, math.inf), None
    for _ in range(repeat):
        c, t = cpu(), time.perf_counter()
        result = f()
        best = min(best, (time.perf_counter() - t, cpu() - c))
    return best, result


def run_dcsite(binary: Path, scenario: Path, out: Path, draws: int, seed: int, extra=()):
    if out.exists():
        shutil.rmtree(out)
    cmd = [str(binary), "run", str(scenario), "--draws", str(draws), "--seed", str(seed),
           "--out", str(out), "--quiet", *extra]
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"dcsite failed ({' '.join(cmd)}):\n{p.stderr}")


def read_dcsite(out: Path):
    """P(first), confidence factor, score mean and central weights by site id."""
    res = {}
    with open(out / "acceptability.csv") as f:
        for row in csv.DictReader(f):
            res[row["site_id"]] = {"p_first": float(row["rank_1"])}
    with open(out / "ranking.csv") as f:
        for row in csv.DictReader(f):
            r = res[row["site_id"]]
            r["p_first_ranking"] = float(row["p_first"])
            r["score_mean"] = float(row["score_mean"])
            r["score_p50"] = float(row["score_p50"])
            r["confidence"] = float(row["confidence_factor"]) if row["confidence_factor"] else None
    with open(out / "central_weights.csv") as f:
        for row in csv.DictReader(f):
            cw = [float(v) for k, v in row.items() if re.fullmatch(r"c\d+", k) and v]
            res[row["site_id"]]["central"] = cw or None
    return res


def rust_floor(repo: Path, env):
    """Runs the criterion bench's floors; returns ({bench name: draws/s}, note) or (None, reason).

    `floor_random_numbers`: one pass, one thread. `floor_two_passes_all_threads`: both passes,
    all cores (throughput counted in draws of the run)."""
    cmd = ["cargo", "bench", "--bench", "draws", "--", "--noplot", "floor"]
    p = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)
    text = p.stdout + p.stderr
    if p.returncode != 0:
        tail = "\n".join(text.strip().splitlines()[-5:])
        return None, f"`{' '.join(cmd)}` failed:\n{tail}"
    # e.g. "thrpt:  [12.345 Kelem/s 12.456 Kelem/s 12.567 Kelem/s]": take the middle estimate,
    # for the bench named on an earlier line.
    unit = {"": 1.0, "K": 1e3, "M": 1e6, "G": 1e9}
    found, name, notes = {}, None, []
    for line in text.splitlines():
        n = re.search(r"(floor_\w+)", line)
        if n:
            name = n.group(1)
        m = re.search(r"thrpt:\s*\[\s*\S+ \S+\s+([\d.]+) ([KMG]?)elem/s", line)
        if m and name:
            found[name] = float(m.group(1)) * unit[m.group(2)]
            notes.append(f"{name}: {line.strip()}")
    if "floor_random_numbers" not in found:
        return None, "no thrpt line in the bench output"
    return found, "; ".join(notes)


def machine():
    cpu = platform.processor() or "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="rounds; each row reports its best (default 3)")
    ap.add_argument("--sites", type=int, default=100)
    ap.add_argument("--criteria", type=int, default=10)
    ap.add_argument("--seed", type=int, default=42, help="simulation seed (dcsite and numpy)")
    ap.add_argument("--data-seed", type=int, default=1, help="seed of the synthetic sites")
    ap.add_argument("--chunk", type=int, default=500, help="numpy: draws per vectorised step")
    ap.add_argument("--repo", type=Path, default=HERE.parent, help="dcsite checkout (default: ..)")
    ap.add_argument("--no-build", action="store_true", help="use the existing release binary")
    ap.add_argument("--no-breakdown", action="store_true",
                    help="skip the dcsite --shard 1/1 and --threads 1 rows")
    ap.add_argument("--no-cargo-bench", action="store_true",
                    help="do not run the Rust floor (cargo bench --bench draws)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    a = ap.parse_args()

    repo = a.repo.resolve()
    target = Path(os.environ.get("CARGO_TARGET_DIR") or repo / "target")
    if not target.is_absolute():
        target = repo / target
    binary = target / "release" / "dcsite"
    env = dict(os.environ)

    print(f"machine: {machine()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not a.no_build:
        print("building: cargo build --release", flush=True)
        p = subprocess.run(["cargo", "build", "--release"], cwd=repo, env=env,
                           capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("cargo build --release failed:\n" + "\n".join(p.stderr.splitlines()[-20:]))
    if not binary.exists():
        sys.exit(f"no binary at {binary}")

    tmp = Path(tempfile.mkdtemp(prefix="dcsite-bench-"))
    try:
        base, sd, benefit = write_scenario(tmp, a.sites, a.criteria, a.data_seed)
        scenario = tmp / "s.toml"
        D = a.draws
        # Builds with plots draw them by default; --no-plots leaves the CSV and JSON files,
        # the outputs that numpy's implementation computes.
        help_text = subprocess.run([str(binary), "run", "--help"], capture_output=True, text=True).stdout
        no_plots = ["--no-plots"] if "--no-plots" in help_text else []
        np_ = " --no-plots" if no_plots else ""

        # The jobs: (key, label, function, CPU clock). They run in rounds, every job once per
        # round, so that a burst of load from elsewhere on the machine costs one repetition
        # of several jobs rather than every repetition of one.
        jobs = []

        def dcsite_job(key, label, out, extra=()):
            jobs.append((key, label, lambda: run_dcsite(binary, scenario, tmp / out, D, a.seed, extra),
                         children_cpu))

        dcsite_job("dc", "dcsite run (all outputs)", "out")
        if no_plots:
            dcsite_job("csv", "dcsite run --no-plots (CSV + JSON)", "csv", no_plots)
        if not a.no_breakdown:
            dcsite_job("shard", f"dcsite run --shard 1/1{np_} (pass 1)", "shard", ["--shard", "1/1", *no_plots])
            dcsite_job("t1", f"dcsite run --threads 1{np_}", "t1", ["--threads", "1", *no_plots])
        if np is None:
            print("numpy does not import: numpy rows skipped (pip install numpy)")
        else:
            B, S = np.array(base), np.array(sd)
            run = smaa_numpy.smaa2
            jobs.append(("np", "numpy SMAA-2 (both passes)",
                         lambda: run(B, S, benefit, D, seed=a.seed, chunk=a.chunk), time.process_time))
            if not a.no_breakdown:
                jobs.append(("np1", "numpy SMAA-2 pass 1 only",
                             lambda: run(B, S, benefit, D, seed=a.seed, chunk=a.chunk, confidence=False),
                             time.process_time))
            for passes, label in ((1, "numpy floor, 1 pass of random numbers"),
                                  (2, "numpy floor, 2 passes (what SMAA-2 needs)")):
                jobs.append((f"f{passes}", label,
                             lambda p=passes: smaa_numpy.floor(B.shape, D, seed=a.seed, chunk=a.chunk, passes=p),
                             time.process_time))

        best = {key: (math.inf, math.inf) for key, *_ in jobs}
        results = {}
        for r in range(a.repeat):
            for key, label, f, cpu in jobs:
                print(f"timing: round {r + 1}/{a.repeat}: {label} …", flush=True)
                (t, c), res = best_of(1, f, cpu)
                best[key] = min(best[key], (t, c))
                results.setdefault(key, res)
        rows = [(label, best[key]) for key, label, *_ in jobs]  # (label, (wall s, CPU s))
        wall = {key: best[key][0] for key in best}
        t_dc = wall["dc"]
        t_csv = wall.get("csv", t_dc)
        t_shard, t_1 = wall.get("shard"), wall.get("t1")
        t_np, t_np1, t_f2 = wall.get("np"), wall.get("np1"), wall.get("f2")
        np_res = results.get("np")

        rust = run_floor = None
        if a.no_cargo_bench:
            rust_note = "Rust floor: run `cargo bench --bench draws -- --noplot floor_random_numbers` (thrpt = draws/s, 1 thread, 1 pass)"
        else:
            print("timing: Rust floor (cargo bench --bench draws) …", flush=True)
            floors, rust_note = rust_floor(repo, env)
            rust = floors and floors["floor_random_numbers"]
            run_floor = floors and floors.get("floor_two_passes_all_threads")
            rust_note = "Rust floor (criterion): " + rust_note
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

        # The table.
        print(f"\n{a.sites} sites × {a.criteria} criteria, {D:,} draws, best of {a.repeat} rounds (wall time; "
              f"CPU s of that run)")
        print(f"{'':46s} {'seconds':>9s} {'draws/s':>11s} {'CPU s':>8s} {'CPU/wall':>8s}")
        for label, (t, c) in rows:
            print(f"{label:46s} {t:9.2f} {D / t:11,.0f} {c:8.2f} {c / t:8.2f}")
        ncpu = os.cpu_count() or 1
        if rust:
            for label, t in (("Rust floor, 1 pass, 1 thread (criterion)", D / rust),
                             ("Rust floor, 2 passes, 1 thread", 2 * D / rust),
                             (f"Rust floor, 2 passes, {ncpu} threads (ideal)", 2 * D / rust / ncpu)):
                print(f"{label:46s} {t:9.2f} {D / t:11,.0f} {'':>8s}")
            if run_floor:
                label = f"Rust floor, 2 passes, {ncpu} threads (measured)"
                print(f"{label:46s} {D / run_floor:9.2f} {run_floor:11,.0f} {'':>8s}")
        print(rust_note)
        print()
        if t_np:
            print(f"dcsite speed-up over numpy (numpy s / dcsite s, < 1: numpy is faster):")
            print(f"  dcsite all outputs:                 {t_np / t_dc:6.2f}×")
            if no_plots:
                print(f"  dcsite --no-plots:                  {t_np / t_csv:6.2f}×")
            if t_1:
                print(f"  dcsite --threads 1 (numpy: 1 thread): {t_np / t_1:6.2f}×")
            c_np, c_dc = best["np"][1], best["csv" if no_plots else "dc"][1]
            print(f"  in CPU seconds (numpy CPU / dcsite CPU, --no-plots): {c_np / c_dc:6.2f}×")
            print(f"dcsite time / numpy floor (2 passes): {t_csv / t_f2:6.2f}× (--no-plots)")
            print(f"numpy time / numpy floor (2 passes):  {t_np / t_f2:6.2f}×")
        if rust:
            # Two passes on two threads take as long as one pass on one thread.
            print(f"dcsite time / Rust floor (2 passes, {ncpu} threads, ideal): "
                  f"{t_csv / (2 * D / rust / ncpu):6.2f}× (--no-plots)")
            if run_floor:
                print(f"dcsite time / Rust floor (2 passes, {ncpu} threads, measured): "
                      f"{t_csv / (D / run_floor):6.2f}× (--no-plots)")
            if t_1:
                print(f"dcsite 1 thread / Rust floor (2 passes, 1 thread): {t_1 / (2 * D / rust):6.2f}×")
        if no_plots:
            print(f"dcsite plots: ≈ {t_dc - t_csv:.2f} s (all outputs − --no-plots)")
        if t_shard:
            print(f"dcsite pass 1 (--shard 1/1): {t_shard:.2f} s; confidence pass ≈ {t_csv - t_shard:.2f} s "
                  f"({(t_csv - t_shard) / t_csv:.0%} of the --no-plots run)")
        if t_np1:
            print(f"numpy  pass 1: {t_np1:.2f} s; confidence pass ≈ {t_np - t_np1:.2f} s")

        # Statistical agreement.
        if np_res is not None:
            dres = read_dcsite(tmp / "out")
            ids = [f"s{i}" for i in range(a.sites)]
            worst, worst_id, dcf, zmean = 0.0, None, 0.0, 0.0
            ranking = {}
            with open(tmp / "out" / "ranking.csv") as f:
                for row in csv.DictReader(f):
                    ranking[row["site_id"]] = float(row["score_sd"])
            for i, sid in enumerate(ids):
                r = dres[sid]
                assert abs(r["p_first"] - r["p_first_ranking"]) < 1e-12, "ranking.csv ≠ acceptability.csv"
                p1, p2 = r["p_first"], float(np_res["p_first"][i])
                pool = (p1 + p2) / 2
                se = math.sqrt(pool * (1 - pool) * 2 / D)
                z = abs(p1 - p2) / se if se > 0 else 0.0
                if z > worst:
                    worst, worst_id = z, sid
                se_mean = math.hypot(ranking[sid], np_res["score_sd"][i]) / math.sqrt(D)
                if se_mean > 0:
                    zmean = max(zmean, abs(r["score_mean"] - np_res["score_mean"][i]) / se_mean)
                c2 = np_res["confidence_factor"][i]
                if r["confidence"] is not None and min(p1, p2) >= 0.01:
                    dcf = max(dcf, abs(r["confidence"] - c2))
            ok = worst < 5.0
            print(f"\nP(first) agreement, {a.sites} sites: max |Δ| = {worst:.2f} Monte Carlo SE "
                  f"(site {worst_id}) → {'PASS' if ok else 'FAIL'} (limit 5 SE)")
            print(f"  (for information) score mean: max |Δ| = {zmean:.2f} SE; confidence factor of the "
                  f"sites first in ≥ 1 % of draws: max |Δ| = {dcf:.4f}")
            if not ok:
                sys.exit(1)
    finally:
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
