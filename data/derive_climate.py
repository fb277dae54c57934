#!/usr/bin/env python3
"""Monthly climate rows for data/climate.csv from EnergyPlus weather-statistics (.stat) files.

Usage:
  derive_climate.py rows     print the derived CSV rows for the sites below (no file change)
  derive_climate.py write    rewrite data/climate.csv: rows of the sites below are (re)generated,
                             rows of every other site already in the file (e.g. hong-kong) are
                             kept unchanged, and all sites are put in data/sites.csv order
  derive_climate.py magnus   per site and month, |published dew point - Magnus(T, RH)|

Not part of CI. Standard library only; no network. Re-runnable: `write` twice gives the same file.

Source: the EnergyPlus Weather Converter's `.stat` summary that ships beside a typical-year
weather file (TMY3, CWEC2016, IWEC, CZ2010, TMYx). Each `.stat` was read in a public GitHub
repository through the project's search tool (repository, path and commit below); the four
monthly rows used were transcribed by hand into SITES and re-checked cell by cell (see
data/SOURCES.md, "Checked against source"). Rows used, all Jan..Dec:

  db    "Monthly Statistics for Dry Bulb temperatures" -> "Daily Avg"     (typical year)
  dp    "Monthly Statistics for Dew Point temperatures" -> "Daily Avg"    (typical year)
  rh    "Monthly Statistics for Relative Humidity" -> "Daily Avg"         (typical year)
  mdbr  "Monthly Drybulb and Wetbulb Daily Ranges" -> "Drybulb"
        = ASHRAE Handbook "Mean Daily Dry Bulb Temperature Range" (long-term, the edition
          named in the file's header, 2009 / 2013 / 2017)

Derivation (these are NOT published climate normals, see SOURCES.md):
  t_mean_c   = db                              (mean of the typical year's hourly values)
  t_max_c    = db + mdbr / 2                   (round half up to 0.1 degC)
  t_min_c    = db - mdbr / 2
  dewpoint_c = dp                              (as printed in the .stat, never recomputed)
  rh_pct     = rh                              (as printed), but only where Magnus(db, rh)
                                               reproduces dp within 1.5 degC in all 12 months
                                               (the validator's tolerance); otherwise empty.
                                               The .stat RH is the mean of hourly RH, which in
                                               dry climates with a large diurnal swing is not
                                               consistent with Magnus on monthly means
                                               (phoenix, dubai: rh_pct left empty).
The .stat files carry no mean daily maximum/minimum; splitting the ASHRAE mean daily range
symmetrically about the 24-h mean is an approximation (the 24-h mean usually lies a few tenths
of a degree below the true (max+min)/2). The cooling model only uses t_mean_c and
(t_max_c - t_min_c)/2, i.e. the mean and half the mean daily range, which are preserved exactly.
"""
import csv
import math
import os
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
CLIMATE_CSV = os.path.join(HERE, "climate.csv")
SITES_CSV = os.path.join(HERE, "sites.csv")
HEADER = ["site_id", "month", "t_mean_c", "t_max_c", "t_min_c",
          "dewpoint_c", "rh_pct", "station", "period", "source"]

# Source keys (explained in data/SOURCES.md): EPLUS-STAT-TMY3, EPLUS-STAT-CWEC, EPLUS-STAT-IWEC,
# EPLUS-STAT-CZ2010, EPLUS-STAT-TMYX.
SITES = {
    "ashburn": {
        "repo": "NREL/EnergyPlus",
        "path": "weather/USA_VA_Sterling-Washington.Dulles.Intl.AP.724030_TMY3.stat",
        "commit": "e635eded3dfbbc1c7b5e5d2b78022ce13b855931",
        "station": "Washington Dulles Intl AP (WMO 724030)",
        "period": "TMY3 typical year; ASHRAE 2009 daily range",
        "source": "EPLUS-STAT-TMY3",
        "db": "0.6 1.6 7.7 12.5 18.2 22.5 24.5 23.0 20.1 11.9 7.8 1.0",
        "mdbr": "9.6 10.4 11.6 12.7 12.3 11.8 11.4 11.4 11.8 12.6 11.5 9.8",
        "dp": "-6.3 -4.4 -0.9 4.4 12.0 16.2 19.2 17.7 15.4 5.1 2.6 -4.8",
        "rh": "61 68 60 63 72 71 75 74 77 67 73 68",
    },
    "phoenix": {
        "repo": "NREL/EnergyPlus",
        "path": "weather/USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.stat",
        "commit": "1bd58b05ab1378bdf6038b5074778057363828dc",
        "station": "Phoenix Sky Harbor Intl AP (WMO 722780)",
        "period": "TMY3 typical year; ASHRAE 2009 daily range",
        "source": "EPLUS-STAT-TMY3",
        "db": "13.0 15.7 17.3 23.7 27.3 34.0 35.6 33.8 30.4 24.8 18.0 11.7",
        "mdbr": "11.5 11.6 12.4 13.2 13.6 14.0 12.0 11.3 12.0 12.5 12.0 11.2",
        "dp": "-2.2 4.1 2.5 -1.6 2.3 5.9 13.6 13.5 8.9 6.4 1.9 0.5",
        "rh": "37 52 42 23 25 19 30 32 30 35 38 50",
    },
    "atlanta": {
        "repo": "NREL/openstudio-standards",
        "path": "data/weather/USA_GA_Atlanta-Hartsfield.Jackson.Intl.AP.722190_TMY3.stat",
        "commit": "71aa8d4acde26e84f028fa49cab3e7ed51c4f38b",
        "station": "Atlanta Hartsfield-Jackson Intl AP (WMO 722190)",
        "period": "TMY3 typical year; ASHRAE 2013 daily range",
        "source": "EPLUS-STAT-TMY3",
        "db": "4.0 7.9 13.8 17.2 20.8 24.8 26.1 26.5 22.5 16.0 11.9 7.7",
        "mdbr": "9.6 10.1 10.8 11.2 10.3 9.6 9.4 9.2 9.1 10.1 10.2 9.3",
        "dp": "-3.0 -1.3 3.8 8.8 13.7 16.5 19.8 20.7 16.8 10.8 4.2 0.3",
        "rh": "65 57 55 62 67 63 71 73 72 74 63 64",
    },
    "san-jose": {
        "repo": "NREL/openstudio-standards",
        "path": "data/weather/SAN-JOSE-INTL_724945_CZ2010.stat",
        "commit": "16db5e7e80322a3e4e00056e3c5af769038be31d",
        "station": "San Jose Intl AP (WMO 724945)",
        "period": "CZ2010 typical year; ASHRAE 2013 daily range",
        "source": "EPLUS-STAT-CZ2010",
        "db": "10.1 11.4 12.8 12.5 16.4 18.6 20.3 19.2 20.3 16.7 12.5 10.6",
        "mdbr": "8.8 8.9 10 10.7 11.1 11.8 11.9 11.9 12.1 11.4 10.2 8.9",
        "dp": "5.6 4.4 5.9 5.9 9.1 11.5 12.8 12.6 10.7 9.2 5.3 5.0",
        "rh": "76 65 67 67 65 67 64 68 59 64 66 71",
    },
    "montreal": {
        "repo": "NREL/openstudio-standards",
        "path": "data/weather/CAN_QC_Montreal-Trudeau.Intl.AP.716270_CWEC2016.stat",
        "commit": "3c0a6acc14824512bfb2e600244db17bfaf46627",
        "station": "Montreal-Trudeau Intl AP (WMO 716270)",
        "period": "CWEC2016 typical year (months from 1998-2013); ASHRAE 2017 daily range",
        "source": "EPLUS-STAT-CWEC",
        "db": "-9.0 -6.5 -0.7 6.3 14.0 19.7 22.3 21.1 16.5 9.2 2.9 -4.6",
        "mdbr": "7.6 8 8.1 9.3 9.9 9.3 8.9 9.1 9.2 7.8 6.9 6.7",
        "dp": "-13.3 -11.3 -7.7 -2.0 6.9 14.2 16.1 15.1 11.4 4.4 -1.1 -7.7",
        "rh": "70 66 59 57 66 72 70 70 73 73 75 78",
    },
    "tokyo": {
        "repo": "ladybug-tools/ladybug",
        "path": "tests/fixtures/stat/tokyo.stat",
        "commit": "0e0a0593f83611c6010d4b09760d3e7b85538b29",
        "station": "Tokyo Hyakuri (WMO 477150; Ibaraki ~45 km NE of Inzai)",
        "period": "IWEC typical year; ASHRAE 2009 daily range",
        "source": "EPLUS-STAT-IWEC",
        "db": "1.9 3.2 6.2 11.3 16.3 19.1 22.6 24.4 20.7 16.0 9.5 4.8",
        "mdbr": "11.9 11.7 11.1 11.1 9.6 7.6 7.2 7.7 7.5 9.2 11.1 12.3",
        "dp": "-4.3 -2.8 0.2 6.0 12.7 16.8 21.0 21.3 17.7 13.1 6.1 0.2",
        "rh": "65 68 68 73 82 88 91 84 84 84 82 75",
    },
    "dubai": {
        "repo": "NREL/openstudio-standards",
        "path": "data/weather/ARE_DU_Dubai.Intl.AP.411940_TMYx.stat",
        "commit": "471a3e72f1c8975df5b057455e782da402645e43",
        "station": "Dubai Intl AP (WMO 411940)",
        "period": "ISD-TMYx typical year; ASHRAE 2013 daily range",
        "source": "EPLUS-STAT-TMYX",
        "db": "19.6 21.0 23.3 27.5 31.6 33.2 35.1 35.3 33.2 29.9 25.5 21.9",
        "mdbr": "8.5 8.7 9.2 10.5 11.6 10.9 9.5 9.6 9.9 10.1 9.5 8.8",
        "dp": "11.9 11.2 14.5 14.9 16.5 21.0 22.8 24.1 21.4 20.6 15.1 13.5",
        "rh": "64 56 62 51 43 53 52 55 53 62 55 61",
    },
}

A, B = 17.625, 243.04  # Magnus coefficients, as in derive_dewpoint.py


def magnus(t, rh):
    g = math.log(rh / 100.0) + A * t / (B + t)
    return B * g / (A - g)


def dec(s):
    return [Decimal(x) for x in s.split()]


def r1(x):
    return str(x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def site_rows(site_id):
    s = SITES[site_id]
    db, mdbr, dp, rh = dec(s["db"]), dec(s["mdbr"]), dec(s["dp"]), s["rh"].split()
    for name, seq in (("db", db), ("mdbr", mdbr), ("dp", dp), ("rh", rh)):
        if len(seq) != 12:
            sys.exit(f"{site_id}: {name} has {len(seq)} values, need 12")
    keep_rh = rh_consistent(db, dp, rh)
    rows = []
    for m in range(12):
        half = mdbr[m] / 2
        rows.append([site_id, str(m + 1), r1(db[m]), r1(db[m] + half), r1(db[m] - half),
                     r1(dp[m]), rh[m] if keep_rh else "", s["station"], s["period"], s["source"]])
    return rows


def rh_consistent(db, dp, rh, tol=1.5):
    """True if Magnus(db, rh) is within tol of the published dew point in every month."""
    return all(abs(float(dp[m]) - magnus(float(db[m]), float(rh[m]))) <= tol for m in range(12))


def site_order():
    with open(SITES_CSV, newline="", encoding="utf-8") as f:
        return [row["id"] for row in csv.DictReader(f)]


def write():
    with open(CLIMATE_CSV, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header != HEADER:
            sys.exit(f"unexpected header in climate.csv: {header}")
        existing = [r for r in reader if r]
    by_site = {}
    for r in existing:
        if r[0] not in SITES:
            by_site.setdefault(r[0], []).append(r)
    for sid in SITES:
        by_site[sid] = site_rows(sid)
    order = site_order()
    unknown = set(by_site) - set(order)
    if unknown:
        sys.exit(f"sites not in sites.csv: {sorted(unknown)}")
    with open(CLIMATE_CSV, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for sid in order:
            w.writerows(by_site.get(sid, []))
    print(f"wrote {CLIMATE_CSV}: {sum(len(v) for v in by_site.values())} rows, "
          f"{len(by_site)} sites ({len(SITES)} from .stat files)")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "rows"
    if cmd == "rows":
        w = csv.writer(sys.stdout, lineterminator="\n")
        for sid in SITES:
            w.writerows(site_rows(sid))
    elif cmd == "write":
        write()
    elif cmd == "magnus":
        for sid, s in SITES.items():
            db, dp, rh = dec(s["db"]), dec(s["dp"]), s["rh"].split()
            diffs = [abs(float(dp[m]) - magnus(float(db[m]), float(rh[m]))) for m in range(12)]
            keep = "rh kept" if rh_consistent(db, dp, rh) else "rh left empty"
            print(f"{sid:10s} max |Td - Magnus(T,RH)| = {max(diffs):.2f} degC ({keep}) "
                  + " ".join(f"{d:.1f}" for d in diffs))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
