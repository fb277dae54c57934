#!/usr/bin/env python3
"""PUE comparison: the cooling model's annual PUE against published figures.

Prints the Markdown tables of docs/models.md, section "PUE against published figures".

    python3 data/reference/pue_compare.py [--dcsite PATH] [--check]

For each of the three cooling designs it runs

    dcsite run data/reference/pue_compare_<design>.toml --draws 0 --out <tmp> -q --no-plots

(candidates: the `include` list of those files, i.e. every site with rows in data/climate.csv;
default facility parameters), reads
cooling.pue, cooling.free_cooling_share and cooling.wue_l_kwh from factors.csv and joins them
with data/reference/pue_published.csv. Standard library only; not run in CI.

--check also re-computes the annual values (at each site's elevation_m in data/sites.csv) with
an independent Python transcription of src/factors/cooling/mod.rs (it must agree with factors.csv to 1e-9) and prints what the binary
does not report: the model's PUE over January-March (for Google Inzai's quarterly figure,
very likely 2025 Q1), the share of hours the airside economiser loses to the dry-bulb and
to the dew-point limit, and the change in annual PUE for a uniform +1 °C warming.
"""

import argparse
import statistics
import csv
import math
import os
import subprocess
import sys
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
DESIGNS = ["airside-economizer", "waterside-economizer", "chiller-only"]
SHORT = {"airside-economizer": "airside", "waterside-economizer": "waterside",
         "chiller-only": "chiller-only"}


def candidates():
    """The sites of the three scenarios (their include lists must agree), in sites.csv order."""
    lists = []
    for d in DESIGNS:
        with open(os.path.join(HERE, f"pue_compare_{d}.toml"), "rb") as f:
            lists.append(tomllib.load(f)["candidates"]["include"])
    if any(l != lists[0] for l in lists):
        sys.exit("the include lists of the pue_compare_*.toml files differ")
    return lists[0]


def table_order(rows):
    """Sites with a published figure first (in pue_published.csv order), then the others."""
    sites = candidates()
    first = []
    for r in rows:
        if r["site_id"] in sites and r["site_id"] not in first:
            first.append(r["site_id"])
    return first + [s for s in sites if s not in first]


def run_model(dcsite, suffix=""):
    """{design: {site: (pue, free_share, wue)}} from dcsite runs (suffix "_binned": the
    scenarios that read the hourly bins)."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for d in DESIGNS:
            run_dir = os.path.join(tmp, d)
            subprocess.run([dcsite, "run", os.path.join(HERE, f"pue_compare_{d}{suffix}.toml"),
                            "--draws", "0", "--out", run_dir, "-q", "--no-plots"],
                           check=True, stdout=subprocess.DEVNULL)
            vals = {}
            with open(os.path.join(run_dir, "factors.csv"), newline="") as f:
                for r in csv.DictReader(f):
                    vals.setdefault(r["site_id"], {})[r["metric"]] = float(r["value"])
            out[d] = {s: (v["cooling.pue"], v["cooling.free_cooling_share"],
                          v["cooling.wue_l_kwh"]) for s, v in vals.items()}
    return out


def like_for_like(monthly, binned):
    """Median and worst |model − published| over the Google campus rows (annual TTM, and
    Inzai's quarter), per design and method; sites without bins count with the monthly value."""
    rows = [r for r in published() if r["operator"] == "Google" and r["site_id"]]
    print(f"Google campus rows ({len(rows)}), |model − published|:\n")
    print("| design | method | median | worst (site) |")
    print("|---|---|---|---|")
    for d in DESIGNS:
        for name, model in (("monthly", monthly), ("binned", binned)):
            diffs = sorted((abs(model[d][r["site_id"]][0] - float(r["pue"])), r["site_id"])
                           for r in rows)
            med = statistics.median(x for x, _ in diffs)
            print(f"| {d} | {name} | {med:.3f} | {diffs[-1][0]:.3f} ({diffs[-1][1]}) |")
    print()


def published():
    with open(os.path.join(HERE, "pue_published.csv"), newline="") as f:
        return list(csv.DictReader(f))


def tables(model):
    rows = published()
    print("Sites with a published figure (difference = model − published):\n")
    print("| site | operator, facility | published PUE | basis, year | source | "
          "model airside | model waterside | model chiller-only | difference airside / "
          "waterside / chiller-only |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        s = r["site_id"]
        if s not in model[DESIGNS[0]]:
            continue
        p = float(r["pue"])
        m = [model[d][s][0] for d in DESIGNS]
        print(f"| {s} | {r['operator']}, {r['facility']} | {p:.2f} | {r['pue_basis']}, "
              f"{r['year']} | {r['source']} | " + " | ".join(f"{x:.3f}" for x in m) +
              " | " + " / ".join(f"{x - p:+.3f}" for x in m) + " |")
    sites = table_order(rows)
    print(f"\nAll {len(sites)} sites with climate rows (PUE · free-cooling share · WUE L/kWh):\n")
    print("| site | airside | waterside | chiller-only |")
    print("|---|---|---|---|")
    for s in sites:
        cells = []
        for d in DESIGNS:
            pue, free, wue = model[d][s]
            cells.append(f"{pue:.3f} · {100 * free:.0f} % · {wue:.2f}")
        print(f"| {s} | " + " | ".join(cells) + " |")
    print("\nContext rows (no dcsite site, fleet and survey averages):\n")
    print("| operator, facility | PUE | basis, year | source |")
    print("|---|---|---|---|")
    for r in rows:
        if not r["site_id"]:
            print(f"| {r['operator']}, {r['facility']} | {float(r['pue']):.2f} | "
                  f"{r['pue_basis']}, {r['year']} | {r['source']} |")


# ---- independent transcription of src/factors/cooling/mod.rs (defaults), for --check ----

DAYS = [31.0, 28.25, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0]
Z = [-1.2816, -0.5244, 0.0, 0.5244, 1.2816]


def rh_pct(t, td):
    return 100.0 * math.exp(17.625 * td / (243.04 + td) - 17.625 * t / (243.04 + t))


def dew_from_rh(t, rh):
    g = math.log(rh / 100.0) + 17.625 * t / (243.04 + t)
    return 243.04 * g / (17.625 - g)


def wet_bulb(t, rh):
    rh = min(max(rh, 5.0), 99.0)
    return (t * math.atan(0.151977 * math.sqrt(rh + 8.313659)) + math.atan(t + rh)
            - math.atan(rh - 1.676331) + 0.00391838 * rh ** 1.5 * math.atan(0.023101 * rh)
            - 4.686035)


SEA_LEVEL_KPA = 101.325


def pressure_kpa(z):
    """ASHRAE Handbook - Fundamentals (2017), ch. 1, eq. 3 (standard atmosphere)."""
    return SEA_LEVEL_KPA * (1.0 - 2.25577e-5 * z) ** 5.2559


def psychrometric_wet_bulb(t, td, p):
    """Thermodynamic wet bulb: root of ASHRAE Fundamentals (2017) ch. 1 eq. 33 (bisection)."""
    def ratio(pw):
        return 0.621945 * pw / (p - pw)

    def sat(x):
        return 0.61094 * math.exp(17.625 * x / (243.04 + x))

    w = ratio(sat(td))
    lo, hi = td, t
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        f = ((2501.0 - 2.326 * mid) * ratio(sat(mid)) - 1.006 * (t - mid)) \
            / (2501.0 + 1.86 * t - 4.186 * mid) - w
        if f > 0:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def wet_bulb_at(t, td, p):
    """Stull's sea-level wet bulb shifted by the psychrometric difference between p and sea level."""
    stull = wet_bulb(t, rh_pct(t, td))
    if p == SEA_LEVEL_KPA:
        return stull
    return stull + psychrometric_wet_bulb(t, td, p) - psychrometric_wet_bulb(t, td, SEA_LEVEL_KPA)


def elevations():
    with open(os.path.join(DATA, "sites.csv"), newline="") as f:
        return {r["id"]: float(r["elevation_m"] or 0.0) for r in csv.DictReader(f)}


def climate():
    c = {}
    with open(os.path.join(DATA, "climate.csv"), newline="") as f:
        for r in csv.DictReader(f):
            t = float(r["t_mean_c"])
            td = float(r["dewpoint_c"]) if r["dewpoint_c"] else dew_from_rh(t, float(r["rh_pct"]))
            c.setdefault(r["site_id"], {})[int(r["month"])] = (
                t, float(r["t_max_c"]), float(r["t_min_c"]), td)
    return c


# ASHRAE 90.1-2022 Appendix J chiller curves (EnergyPlus datasets/CodeCompliantEquipment.idf):
# COP_ref, EIR-fT coefficients, fitted ranges of x (leaving chilled water) and y (condenser).
WATER = (6.28, [0.489242239617685, -0.0288507328624182, 0.000973201667096245,
                0.0358347082055614, -0.000477486567614591, 9.55658515401239e-05],
         (4.0, 16.0), (12.8, 40.0))
AIR = (2.96, [0.807832111491946, -0.0294518276175435, 0.00143133716733664,
              -0.00283225300374556, 0.000399221325718972, -0.000278364987198579],
       (4.0, 16.0), (12.8, 52.0))


def chiller_cop(curve, x, y):
    cop_ref, c, (xl, xh), (yl, yh) = curve
    x, y = min(max(x, xl), xh), min(max(y, yl), yh)
    return cop_ref / (c[0] + c[1] * x + c[2] * x * x + c[3] * y + c[4] * y * y + c[5] * x * y)


def annual(months, design, sel=range(1, 13), warming=0.0, sd=2.5, z=0.0):
    """(pue, free share, wue, share lost to dry bulb, share lost to dew point only) at elevation z."""
    p = pressure_kpa(z)
    losses = 1.0 + 0.01 + 0.02
    fans = 0.02 * (SEA_LEVEL_KPA / p) ** 2
    fixed = fans + 0.01 + 0.02 + 0.005 + (0.015 if design == "waterside-economizer" else 0.0)
    hours = free_h = mech = water = lost_db = lost_dp = 0.0
    for m in sel:
        tm, tx, tn, td0 = months[m]
        amp = 0.5 * (tx - tn)
        w = DAYS[m - 1] / len(Z)
        for z in Z:
            for h in range(24):
                shift = warming + sd * z
                t = tm + shift + amp * math.sin(2 * math.pi * (h - 9) / 24)
                td = min(td0 + shift, t)
                tw = None
                if design == "waterside-economizer":
                    tw = wet_bulb_at(t, td, p)
                    free = min(max((19.0 - tw) / 6.0, 0.0), 1.0)
                    cop = min(max(chiller_cop(WATER, 18.0, tw + 3.5), 3.0), 9.0)
                else:
                    free = 1.0 if (design == "airside-economizer" and t <= 26 and td <= 15) else 0.0
                    cop = min(max(chiller_cop(AIR, 18.0, t), 2.0), 7.0)
                hours += w
                free_h += w * free
                work = (1.0 - free) * losses / cop
                mech += w * work
                if tw is not None and tw > 0.0:
                    water += w * (losses + work) * 1.47 * 1.25
                if t > 26:
                    lost_db += w
                elif td > 15:
                    lost_dp += w
    return (1.0 + fixed + mech / hours, free_h / hours, water / hours,
            lost_db / hours, lost_dp / hours)


def check(model):
    c = climate()
    elev = elevations()
    sites = table_order(published())
    worst = 0.0
    for d in DESIGNS:
        for s in sites:
            mine = annual(c[s], d, z=elev[s])[:3]
            worst = max(worst, max(abs(a - b) for a, b in zip(mine, model[d][s])))
    print(f"\nPython transcription vs factors.csv: largest absolute difference {worst:.1e}")
    if worst > 1e-9:
        sys.exit("MISMATCH: the transcription no longer matches src/factors/cooling/mod.rs")
    print("\n| site | Jan–Mar PUE airside / waterside / chiller-only | airside hours lost: "
          "T > 26 °C / dew point > 15 °C (T ≤ 26) | PUE change for +1 °C airside / waterside / "
          "chiller-only |")
    print("|---|---|---|---|")
    for s in sites:
        z = elev[s]
        q1 = [annual(c[s], d, sel=[1, 2, 3], z=z)[0] for d in DESIGNS]
        a = annual(c[s], "airside-economizer", z=z)
        warm = [annual(c[s], d, warming=1.0, z=z)[0] - annual(c[s], d, z=z)[0] for d in DESIGNS]
        print(f"| {s} | " + " / ".join(f"{x:.3f}" for x in q1) +
              f" | {100 * a[3]:.0f} % / {100 * a[4]:.0f} % | " +
              " / ".join(f"{x:+.3f}" for x in warm) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dcsite", default=os.environ.get("DCSITE", "dcsite"),
                    help="dcsite binary (default: $DCSITE, else dcsite on PATH)")
    ap.add_argument("--check", action="store_true",
                    help="also cross-check with a Python transcription of cooling.rs")
    a = ap.parse_args()
    model = run_model(a.dcsite)
    binned = run_model(a.dcsite, "_binned")
    like_for_like(model, binned)
    tables(model)
    if a.check:
        check(model)


if __name__ == "__main__":
    main()
