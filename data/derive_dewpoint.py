#!/usr/bin/env python3
"""Dew point derivation and validation for data/climate.csv.

Usage:
  derive_dewpoint.py derive   [CSV]   fill empty dewpoint_c from rh_pct and t_mean_c (in place)
  derive_dewpoint.py validate [CSV]   check the file against the schema and consistency rules
  derive_dewpoint.py td T RH          print the Magnus dew point for one pair (for spot checks)

Magnus formula (Alduchov & Eskridge 1996 coefficients, over water):
  a = 17.625, b = 243.04 degC
  gamma = ln(RH/100) + a*T/(b+T);  Td = b*gamma/(a-gamma)
Derived dew points are rounded to 0.1 degC. Only rows whose dewpoint_c is empty
and whose rh_pct is present are filled; a published dew point is never overwritten.

Applying Magnus to *monthly mean* T and *monthly mean* RH gives an approximation of
the monthly mean dew point (the mean of a non-linear function is not the function of
the means); the error is typically a few tenths of a degree, larger where the diurnal
RH cycle is large. Sites whose dew points are derived are listed in sources_climate.md.

Standard library only; no network.
"""
import csv
import math
import os
import sys

A = 17.625
B = 243.04

HEADER = ["site_id", "month", "t_mean_c", "t_max_c", "t_min_c",
          "dewpoint_c", "rh_pct", "t_mean_c_sd", "stand_in", "station", "period", "source"]

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CSV = os.path.join(HERE, "climate.csv")
SITES_CSV = os.path.join(HERE, "sites.csv")


def magnus_dewpoint(t_c: float, rh_pct: float) -> float:
    """Dew point (degC) from air temperature (degC) and relative humidity (%)."""
    if not (0.0 < rh_pct <= 100.0):
        raise ValueError(f"rh_pct out of range: {rh_pct}")
    gamma = math.log(rh_pct / 100.0) + A * t_c / (B + t_c)
    return B * gamma / (A - gamma)


def site_order():
    """Site ids in the order of data/sites.csv."""
    with open(SITES_CSV, newline="", encoding="utf-8") as f:
        return [row["id"] for row in csv.DictReader(f)]


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader if r]
    return header, rows


def derive(path):
    header, rows = read_rows(path)
    if header != HEADER:
        sys.exit(f"unexpected header: {header}")
    i_t, i_td, i_rh = header.index("t_mean_c"), header.index("dewpoint_c"), header.index("rh_pct")
    filled = {}
    for r in rows:
        if r[i_td].strip() == "" and r[i_rh].strip() != "":
            td = magnus_dewpoint(float(r[i_t]), float(r[i_rh]))
            r[i_td] = f"{td:.1f}"
            filled[r[0]] = filled.get(r[0], 0) + 1
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    for site, n in filled.items():
        print(f"derived dewpoint_c for {site}: {n} rows")
    if not filled:
        print("nothing to derive")


def validate(path, expect_complete=True):
    errors = []
    header, rows = read_rows(path)
    if header != HEADER:
        errors.append(f"header is {header}, expected {HEADER}")
        return errors
    idx = {k: i for i, k in enumerate(header)}
    order = site_order()
    by_site = {}
    seen_order = []
    for n, r in enumerate(rows, start=2):
        where = f"line {n}"
        if len(r) != len(HEADER):
            errors.append(f"{where}: {len(r)} fields, expected {len(HEADER)}")
            continue
        site = r[idx["site_id"]]
        if site not in order:
            errors.append(f"{where}: unknown site_id {site!r}")
        if not seen_order or seen_order[-1] != site:
            if site in seen_order:
                errors.append(f"{where}: rows of {site} are not contiguous")
            seen_order.append(site)
        try:
            month = int(r[idx["month"]])
        except ValueError:
            errors.append(f"{where}: month {r[idx['month']]!r} is not an integer")
            continue
        by_site.setdefault(site, []).append(month)

        def num(col, required=True):
            v = r[idx[col]].strip()
            if v == "":
                if required:
                    errors.append(f"{where}: {site} month {month}: {col} is empty")
                return None
            try:
                x = float(v)
            except ValueError:
                errors.append(f"{where}: {col} {v!r} does not parse")
                return None
            if math.isnan(x) or math.isinf(x):
                errors.append(f"{where}: {col} {v!r} is not finite")
                return None
            return x

        t = num("t_mean_c")
        tx = num("t_max_c")
        tn = num("t_min_c")
        td = num("dewpoint_c", required=False)
        rh = num("rh_pct", required=False)
        if td is None and rh is None:
            errors.append(f"{where}: {site} month {month}: neither dewpoint_c nor rh_pct")
        if None not in (t, tx, tn) and not (tn <= t <= tx):
            errors.append(f"{where}: {site} month {month}: not t_min {tn} <= t_mean {t} <= t_max {tx}")
        if td is not None and t is not None and td > t:
            errors.append(f"{where}: {site} month {month}: dewpoint {td} > t_mean {t}")
        if rh is not None and not (0 < rh <= 100):
            errors.append(f"{where}: {site} month {month}: rh_pct {rh} out of (0, 100]")
        if rh is not None and td is not None and t is not None:
            # a derived/published dew point should agree with Magnus(T, RH) to ~1.5 degC
            est = magnus_dewpoint(t, rh)
            if abs(est - td) > 1.5:
                errors.append(f"{where}: {site} month {month}: dewpoint {td} vs Magnus({t},{rh})={est:.1f}")
        for col in ("station", "period", "source"):
            if r[idx[col]].strip() == "":
                errors.append(f"{where}: {site} month {month}: {col} is empty")
    for site, months in by_site.items():
        if months != list(range(1, 13)):
            errors.append(f"{site}: months are {months}, expected 1..12 in order")
    present = [s for s in order if s in by_site]
    if seen_order != present:
        errors.append("sites are not in sites.csv order")
    if expect_complete:
        missing = [s for s in order if s not in by_site]
        if missing:
            errors.append(f"{len(missing)} of {len(order)} sites have no rows: {', '.join(missing)}")
        if len(rows) != 12 * len(order):
            errors.append(f"{len(rows)} data rows, expected {12 * len(order)}")
    return errors


def main(argv):
    if len(argv) >= 2 and argv[1] == "td":
        print(f"{magnus_dewpoint(float(argv[2]), float(argv[3])):.1f}")
        return 0
    if len(argv) < 2 or argv[1] not in ("derive", "validate", "validate-partial"):
        print(__doc__)
        return 2
    path = argv[2] if len(argv) > 2 else DEFAULT_CSV
    if argv[1] == "derive":
        derive(path)
        return 0
    errs = validate(path, expect_complete=(argv[1] == "validate"))
    for e in errs:
        print("ERROR:", e)
    _, rows = read_rows(path)
    print(f"{len(rows)} data rows, {len(errs)} problem(s)")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
