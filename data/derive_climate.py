#!/usr/bin/env python3
"""Monthly climate rows for data/climate.csv from EnergyPlus weather-statistics (.stat) files.

Usage:
  derive_climate.py rows     print the derived CSV rows for the sites below (no file change)
  derive_climate.py write    rewrite data/climate.csv: rows of the sites below are (re)generated,
                             rows of every other site already in the file (e.g. hong-kong) are
                             kept unchanged, and all sites are put in data/sites.csv order
  derive_climate.py magnus   per site and month, |published dew point - Magnus(T, RH)|
  derive_climate.py epw FILE.epw
                             print db / tdr / dp / rh (the four rows used below) computed from
                             an EPW hourly weather file
  derive_climate.py epw-check DIR
                             recompute every EPW-sourced site (SITES entries with "epw") from
                             the EPW files found under DIR (e.g. the unpacked packages named in
                             each entry) and compare with the stored rows

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
Second route (EPW-sourced sites, entries with an "epw" key): where no `.stat` was reachable but a
typical-year EPW hourly file (IWEC, ISD-TMYx or Meteonorm) ships inside a package on PyPI
(package, version and path in the entry), the same four rows are computed from the 8760 hourly
values with `epw` below:
  db, dp  monthly mean of the hourly dry-bulb / dew-point values, 0.1 degC (round half up)
  rh      monthly mean of the hourly RH, integer (round half up)
  tdr     ("typical-year daily range", replaces mdbr) monthly mean of (max - min of the 24 hourly
          dry-bulb values of each day) of the typical year itself, 0.1 degC
This is exactly what the Weather Converter prints as "Daily Avg" in a .stat: checked on two
IWEC files that exist both as .stat and as EPW (Tokyo Hyakuri: ladybug tokyo.stat vs sinergym's
EPW; London Gatwick: topologicpy .stat vs accim-samples' EPW): db and dp identical in all 24
months, RH (integer) identical in all 24 months. tdr is NOT the ASHRAE long-term range: for
Tokyo Hyakuri it differs from the ASHRAE 2009 row by -0.6..+0.9 degC (11.4 12.4 10.5 10.5 10.5
7.8 6.6 7.3 7.5 8.8 11.9 13.0 vs 11.9 11.7 11.1 11.1 9.6 7.6 7.2 7.7 7.5 9.2 11.1 12.3), for
London Gatwick by -1.3..+1.2 degC; and daily max/min of hourly values slightly understate the
true extremes.
Rows t_max/t_min are then derived exactly as above (db -/+ tdr/2).

The .stat files carry no mean daily maximum/minimum; splitting the ASHRAE mean daily range
symmetrically about the 24-h mean is an approximation (the 24-h mean usually lies a few tenths
of a degree below the true (max+min)/2). The cooling model only uses t_mean_c and
(t_max_c - t_min_c)/2, i.e. the mean and half the mean daily range, which are preserved exactly.
"""
import csv
import gzip
import io
import math
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
CLIMATE_CSV = os.path.join(HERE, "climate.csv")
SITES_CSV = os.path.join(HERE, "sites.csv")
HEADER = ["site_id", "month", "t_mean_c", "t_max_c", "t_min_c",
          "dewpoint_c", "rh_pct", "t_mean_c_sd", "stand_in", "station", "period", "source"]
BINS_CSV = os.path.join(HERE, "climate_bins.csv")
BINS_HEADER = ["site_id", "month", "t_db_c", "t_dp_c", "hours"]
# Raw typical-year files (never committed: several licences forbid redistribution). CI has a
# read-only copy of shared/ beside the clone.
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "climate-sources"))

# Source keys (explained in data/SOURCES.md): EPLUS-STAT-TMY3, EPLUS-STAT-CWEC, EPLUS-STAT-IWEC,
# EPLUS-STAT-CZ2010, EPLUS-STAT-TMYX (from .stat files); EPW-IWEC, EPW-TMYX, EPW-MN7 (computed
# from EPW hourly files shipped in PyPI packages, see the docstring).
SITES = {
    "ashburn": {
        "hourly": "ashburn/USA_VA_Sterling-Washington.Dulles.Intl.AP.724030_TMY3.epw.gz",
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
        "hourly": "phoenix/USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.epw.gz",
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
        "hourly": "atlanta/USA_GA_Atlanta-Hartsfield-Jackson.Intl.AP.722190_TMY3.epw.gz",
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
        "hourly": "tokyo/JPN_Tokyo.Hyakuri.477150_IWEC.epw.gz",
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
    "ho-chi-minh-city": {
        "repo": "NREL/openstudio-standards",
        "path": "data/weather/VNM_SVN_Ho.Chi.Minh-Tan.Son.Nhat.Intl.AP.489000_TMYx.stat",
        "commit": "06eaf46379c70ea915e2c770b511d74351b43c78",
        "station": "Ho Chi Minh Tan Son Nhat Intl AP (WMO 489000)",
        "period": "ISD-TMYx typical year; ASHRAE 2013 daily range",
        "source": "EPLUS-STAT-TMYX",
        "db": "26.3 27.0 28.5 29.3 28.8 27.8 27.6 27.3 26.9 26.9 26.7 26.2",
        "mdbr": "9.8 10 9.3 8.6 8.2 7.9 7.6 7.3 7.3 7.3 8.1 9",
        "dp": "21.2 22.2 22.2 22.9 25.5 24.5 24.3 24.1 24.0 24.5 22.8 21.3",
        "rh": "76 77 71 70 83 83 83 84 85 87 80 76",
    },
    "riyadh": {
        "repo": "NREL/openstudio-standards",
        "path": "data/weather/SAU_Riyadh.404380_IWEC.stat",
        "commit": "c4621fd31673e9289dd73108ed36274dd7908982",
        "station": "Riyadh (WMO 404380; 24.70N 46.78E, ~10 km E of the site)",
        "period": "IWEC typical year; ASHRAE 2009 daily range",
        "source": "EPLUS-STAT-IWEC",
        "db": "14.0 16.7 20.3 25.9 32.1 35.2 36.2 36.4 33.0 27.6 21.6 14.9",
        "mdbr": "10.8 11.4 11.6 12.2 12.8 13.8 13.5 13.5 13.8 13.4 11.6 10.7",
        "dp": "0.9 -0.6 0.7 0.6 0.5 0.1 -3.5 -0.1 2.1 1.1 -0.9 5.1",
        "rh": "43 34 30 24 15 12 8 11 16 21 24 57",
    },
    # --- EPW-sourced (second route, see docstring): rows computed by `epw`, re-checked by
    # `epw-check` against the unpacked packages; no repository commit, the package version is
    # the provenance.
    "sydney": {
        "epw": "sinergym/data/weather/AUS_NSW.Sydney.947670_IWEC.epw",
        "package": "sinergym 3.5.1 (PyPI sdist; same file, 1565086 bytes, in the 3.12.2 wheel)",
        "station": "Sydney Airport (WMO 947670; 33.95S 151.18E, ~25 km E of the western-Sydney cluster)",
        "period": "IWEC typical year; daily range of the typical year",
        "source": "EPW-IWEC",
        "db": "22.0 22.9 21.3 18.7 15.9 13.4 12.3 13.6 15.3 18.4 19.8 21.2",
        "tdr": "6.9 6.7 6.8 8.5 6.7 7.2 9.5 10.2 8.6 9.7 6.7 6.5",
        "dp": "15.3 17.1 16.3 13.7 11.4 7.6 5.3 6.6 8.6 9.3 12.0 15.5",
        "rh": "68 71 75 75 76 70 65 65 66 59 64 72",
    },
    "bogota": {
        "epw": "sinergym/data/weather/COL_Bogota.802220_IWEC.epw",
        "package": "sinergym 3.5.1 (PyPI sdist; same file, 1550279 bytes, in the 3.12.2 wheel)",
        "station": "Bogota El Dorado (WMO 802220; 2548 m)",
        "period": "IWEC typical year; daily range of the typical year",
        "source": "EPW-IWEC",
        "db": "12.9 13.6 13.5 13.6 13.9 13.3 12.8 12.9 13.2 13.0 13.2 12.5",
        "tdr": "12.5 12.4 10.3 10.9 10.9 9.7 9.3 10.4 12.4 11.6 9.9 13.4",
        "dp": "9.1 9.7 10.4 10.1 10.5 9.6 9.0 8.4 9.0 8.8 10.8 9.1",
        "rh": "79 80 84 81 82 80 79 76 78 77 86 82",
    },
    "singapore": {
        "epw": "cea/databases/weather/Singapore-Changi_1990_2010_TMY.epw",
        "package": "cityenergyanalyst 3.11.0 (PyPI wheel)",
        "station": "Singapore Changi Airport (WMO 486980; ~34 km E of the western-Singapore site)",
        "period": "Meteonorm 7 synthetic typical year (1990-2010 per file name); daily range of the typical year",
        "source": "EPW-MN7",
        "db": "26.7 27.2 27.6 27.8 28.7 28.1 28.1 28.1 27.6 27.9 26.9 26.9",
        "tdr": "5.3 6.0 6.4 6.1 6.1 5.7 5.6 5.5 5.9 6.0 6.0 5.5",
        "dp": "23.8 23.8 24.5 25.0 25.4 24.9 24.7 24.7 24.6 24.6 24.6 24.3",
        "rh": "85 83 84 86 83 84 83 83 85 83 88 87",
    },
    "zurich": {
        "epw": "cea/databases/weather/Zuerich-Kloten_1990_2010_TMY.epw",
        "package": "cityenergyanalyst 3.11.0 (PyPI wheel)",
        "station": "Zurich-Kloten (WMO 066700; ~7 km N of the site)",
        "period": "Meteonorm 7 synthetic typical year (1990-2010 per file name); daily range of the typical year",
        "source": "EPW-MN7",
        "db": "0.6 2.0 5.6 9.6 14.6 17.9 19.0 18.5 14.0 10.3 4.7 1.6",
        "tdr": "5.8 7.7 9.7 10.4 10.5 11.1 10.4 10.0 9.6 8.1 6.7 5.8",
        "dp": "-1.9 -1.4 0.8 3.8 8.8 11.9 13.0 13.3 10.4 7.5 2.4 -0.8",
        "rh": "84 79 74 70 71 71 71 74 80 84 86 84",
    },
    # --- fifth attempt: more EPW files found in PyPI packages (see SOURCES.md).
    "amsterdam": {
        "epw": "tests/data/NLD_Amsterdam062400_IWEC.epw",
        "package": "pvlib 0.16.1 (PyPI sdist, test data; 1543474 bytes; not in the wheel)",
        "station": "Amsterdam Schiphol (WMO 062400; 52.30N 4.77E, ~6 km SW of the Schiphol-Rijk site)",
        "period": "IWEC typical year; daily range of the typical year",
        "source": "EPW-IWEC",
        "db": "4.2 3.7 5.3 8.4 12.7 15.2 16.9 17.1 14.4 10.9 6.5 4.4",
        "tdr": "4.6 4.8 6.3 6.5 9.3 8.7 7.9 7.1 7.7 6.3 6.5 4.0",
        "dp": "2.2 1.7 2.4 6.2 7.7 10.3 14.1 13.2 11.8 8.0 4.8 2.8",
        "rh": "87 87 83 87 74 75 85 79 85 83 89 89",
    },
    "paris": {
        "epw": "cea/databases/weather/FRA_Paris.epw",
        "package": "cityenergyanalyst 2.9.2 (PyPI sdist; identical file, 1547926 bytes, in 2.20.3; "
                   "not in 2.32.0 and later)",
        "station": "Paris Orly (WMO 071490; 48.73N 2.40E, ~21 km S of the Saint-Denis site)",
        "period": "IWEC typical year; daily range of the typical year",
        "source": "EPW-IWEC",
        "db": "3.9 4.2 7.0 10.0 14.3 16.8 19.4 19.7 15.7 11.3 6.4 4.5",
        "tdr": "4.4 5.4 7.0 8.5 9.4 8.5 10.0 10.9 8.2 8.7 4.9 4.9",
        "dp": "2.6 -1.2 2.7 4.6 7.7 12.6 12.2 13.0 11.5 8.0 4.7 3.0",
        "rh": "91 68 75 73 66 78 65 68 78 81 89 90",
    },
    "madrid": {
        "epw": "openbes/simulations/epw_data/ESP_MD_Madrid-Barajas-Suarez.AP.082210_TMYx.2011-2025.epw",
        "package": "openbes 0.3.3 (PyPI wheel; 1578451 bytes)",
        "station": "Madrid Barajas AP (WMO 082210; 40.47N 3.56W, 610 m, ~4 km NE of the site)",
        "period": "ISD-TMYx 2011-2025 typical year (NCEI ISD/ERA5); daily range of the typical year",
        "source": "EPW-TMYX",
        "db": "5.8 8.0 10.5 13.6 17.7 22.5 27.5 26.4 20.9 16.8 10.4 7.1",
        "tdr": "8.6 12.5 13.2 11.9 14.5 15.0 16.0 16.4 13.6 11.6 8.2 9.5",
        "dp": "1.2 3.3 1.9 7.3 6.8 8.3 8.5 6.7 5.7 8.1 6.4 4.1",
        "rh": "74 75 60 69 52 44 33 32 42 60 78 83",
    },
    "cape-town": {
        "epw": "eplus_gym/envs/assets/ZAF_WC_Cape.Town.Portnet.688170_TMYx.2009-2023.epw",
        "package": "eplus-gym-khalil 0.1.1 (PyPI wheel; 1596228 bytes)",
        "station": "Cape Town Portnet (WMO 688170; 33.92S 18.44E, harbour, ~10 km W of the site)",
        "period": "ISD-TMYx 2009-2023 typical year (NCEI ISD/ERA5); daily range of the typical year",
        "source": "EPW-TMYX",
        "db": "21.9 21.8 19.9 17.8 15.7 14.4 14.0 14.2 14.6 16.9 18.5 20.2",
        "tdr": "8.8 8.9 8.1 6.5 6.3 6.0 6.5 6.3 4.6 6.1 7.5 6.8",
        "dp": "15.6 15.3 14.8 12.0 11.6 10.1 9.2 9.8 10.9 10.9 11.6 12.7",
        "rh": "69 68 72 70 77 76 74 76 79 68 65 63",
    },
    # --- sixth attempt: london moved from the Gatwick IWEC .stat (EPLUS-STAT-IWEC, ~50 km; kept in
    # SOURCES.md as replaced) to the nearer Heathrow ISD-TMYx EPW.
    "london": {
        "epw": "openbes/simulations/epw_data/GBR_ENG_London-Heathrow.Intl.AP.037720_TMYx.2011-2025.epw",
        "package": "openbes 0.3.3 (PyPI wheel; 1579652 bytes)",
        "station": "London Heathrow Intl AP (WMO 037720; 51.48N 0.45W, 25 m, ~12 km ESE of the Slough site)",
        "period": "ISD-TMYx 2011-2025 typical year (NCEI ISD/ERA5); daily range of the typical year",
        "source": "EPW-TMYX",
        "db": "5.5 6.6 7.3 10.1 13.8 17.0 19.0 18.4 16.3 12.9 9.0 7.3",
        "tdr": "6.2 7.1 8.8 9.8 9.3 8.9 8.5 8.3 8.6 7.2 5.2 4.5",
        "dp": "2.9 3.4 3.4 4.4 8.1 10.1 13.9 13.4 11.9 9.6 6.9 5.5",
        "rh": "83 80 77 70 71 66 74 74 77 81 87 88",
    },
}

# --- seventh attempt (December 2026): the raw typical-year files of shared/climate-sources
# (40 sites; README.md and MANIFEST.csv there give station, distance, period, repository,
# commit and licence of each). Rows are computed from the files, not transcribed; `check`
# recomputes them (and the hourly bins) byte for byte. Per site: the file the monthly rows come
# from (the first MANIFEST row, the recommended one) and, for .stat files without an ASHRAE
# daily-range row, the EPW of the same station that gives the typical year's own daily range.
# Every site with an hourly file also gets bins (climate_bins.csv).
FILE_SITES = {
    "gui-an": {"file": "gui-an/CHN_Guizhou.Guiyang.578160_CSWD.stat"},
    "ulanqab": {"file": "ulanqab/CHN_Hebei.Zhangbei.533990_CSWD.stat"},
    "hohhot": {"file": "hohhot/CHN_Nei.Mongol.Hohhot.534630_CSWD.stat"},
    "zhongwei": {"file": "zhongwei/CHN_Ningxia.Hui.Yinchuan.536140_CSWD.stat"},
    "qingyang": {"file": "qingyang/CHN_Gansu.Xifengzhen.539230_CSWD.stat"},
    "zhangbei": {"file": "zhangbei/CHN_Hebei.Zhangbei.533990_CSWD.stat"},
    "beijing": {"file": "beijing/CHN_BJ_Beijing-Capital.Intl.AP.545110_TMYx.2009-2023.stat"},
    "shanghai": {"file": "shanghai/CHN_SH_Shanghai-Baoshan.583620_TMYx.2009-2023.stat"},
    "shenzhen": {"file": "shenzhen/CHN_GD_Shenzhen.594930_TMYx.stat"},
    "taipei": {"file": "taipei/TWN_NOR_Taipei-Songshan.AP.466960_TMYx.stat"},
    "johor": {"file": "johor/MYS_JH_Johor.AP.486790_TMYx.epw.gz"},
    "kuala-lumpur": {"file": "kuala-lumpur/MYS_KL_Kuala.Lumpur-Subang-Abdul.Aziz.Shah.Intl.AP.486470_TMYx.2009-2023.stat"},
    "jakarta": {"file": "jakarta/IDN_JW_Jakarta-Soekarno-Hatta.Intl.AP.967490_TMYx.2009-2023.stat"},
    "bangkok": {"file": "bangkok/THA_CRG_Bangkok.Metropolis.484550_TMYx.2009-2023.stat"},
    "manila": {"file": "manila/PHL_NCR_Manila.984250_TMYx.2009-2023.stat"},
    "seoul": {"file": "seoul/KOR_SO_Seoul.WS.471080_TMYx.2007-2021.epw.gz"},
    "mumbai": {"file": "mumbai/IND_MH_Mumbai-Shivaji.Intl.AP.430030_TMYx.2009-2023.stat"},
    "chennai": {"file": "chennai/IND_TN_Chennai.Intl.AP.432790_TMYx.2009-2023.stat"},
    "hyderabad": {"file": "hyderabad/IND_TG_Hyderabad-Gandhi.Intl.AP.431285_TMYx.2009-2023.stat"},
    "melbourne": {"file": "melbourne/AUS_VIC.Melbourne.948680_RMY.stat"},
    "auckland": {"file": "auckland/NZL_Auckland-Auckland.AK.931190_NIWA.stat"},
    "the-dalles": {"file": "the-dalles/USA_WA_The.Dalles.Muni.AP.726988_TMY3.stat"},
    "council-bluffs": {"file": "council-bluffs/USA_NE_Omaha-Eppley.Airfield.725500_TMY3.stat"},
    "dallas": {"file": "dallas/USA_TX_Dallas-Fort.Worth.Intl.AP.722590_TMY3.stat"},
    "dublin": {"file": "dublin/IRL_Dublin.039690_IWEC.stat"},
    "frankfurt": {"file": "frankfurt/DEU_Frankfurt.am.Main.106370_IWEC.stat"},
    # Records 1951-1970, the oldest in the file: their offset from today's climate is
    # larger than a typical year's (OLD_RECORD_SD, below).
    "milan": {"file": "milan/ITA_Milano-Linate.160800_IGDG.stat", "sd": "1.5"},
    "warsaw": {"file": "warsaw/POL_Warsaw.123750_IWEC.stat"},
    "oslo": {"file": "oslo/NOR_Oslo.Fornebu.014880_IWEC.stat"},
    "keflavik": {"file": "keflavik/ISL_Reykjavik.040300_IWEC.stat"},
    "tel-aviv": {"file": "tel-aviv/ISR_Tel.Aviv-Bet.Dagan.401790_MSI.stat"},
    "cairo": {"file": "cairo/EGY_Cairo.623660_IWEC.stat"},
    "lagos": {"file": "lagos/NGA_LA_Lagos-Muhammed.Intl.AP.652010_TMYx.2009-2023.stat"},
    "queretaro": {"file": "queretaro/MEX_QUE_Queretaro.766250_TMYx.2011-2025.epw.gz"},
    "johannesburg": {"file": "johannesburg/ZAF_GT_Johannesburg.Botanical.Gardens.683610_TMYx.2007-2021.epw.gz"},
    "santiago": {"file": "santiago/WD300.epw.gz"},
    "lulea": {"file": "lulea/SWE_NB_Lulea.AP.021860_TMYx.2009-2023.stat"},
    "moscow": {"file": "moscow/Russia_Moscow.txt"},
    "odense": {"file": "odense/DNK_BILLUND_061040-IW2.epw.gz"},
    "hamina": {"file": "hamina/FIN_Helsinki.029740_IWEC.stat"},
}

# Standard deviation (degC) of the offset between a site's true present-day temperatures and its
# rows, drawn once per site and Monte Carlo draw when measurement noise is on (estimates, see
# SOURCES.md): a typical year or an older normal at a station within 50 km, and a stand-in
# station more than 50 km away (flagged `stand_in`).
TYPICAL_YEAR_SD = "0.5"
STAND_IN_SD = "1.5"
STAND_IN_KM = 50.0
# Lapse rates for a station more than 100 m above or below the site (see SOURCES.md): air
# temperature 6.5 K/km (ICAO standard atmosphere), dew point 2 K/km (constant mixing ratio).
LAPSE_MIN_M = 100.0
LAPSE_T = Decimal("0.0065")
LAPSE_TD = Decimal("0.002")

DATASET_KEYS = [("_CSWD", "CSWD"), ("_TMYx", "TMYX"), ("-IW2", "IWEC2"), ("_IWEC", "IWEC"),
                ("_TMY3", "TMY3"), ("_RMY", "RMY"), ("_NIWA", "NIWA"), ("_MSI", "MSI"),
                ("_IGDG", "IGDG"), ("WD300", "TMYX"), ("Russia_Moscow", "MN7")]


def dataset_key(file):
    return next(k for pat, k in DATASET_KEYS if pat in os.path.basename(file))


def find_source(sources, rel):
    """The MANIFEST row and full path of `rel` in the first source root that has it."""
    for root in sources:
        manifest = os.path.join(root, "MANIFEST.csv")
        if not os.path.exists(manifest):
            continue
        with open(manifest, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["file"] == rel:
                    path = os.path.join(root, rel)
                    if not os.path.exists(path):
                        sys.exit(f"{manifest} lists {rel}, but the file is missing")
                    return row, path
    return None, None


def site_elevations():
    with open(SITES_CSV, newline="", encoding="utf-8") as f:
        return {r["id"]: Decimal(r["elevation_m"]) for r in csv.DictReader(f)}


def file_site_rows(site_id, sources):
    """Monthly rows of a FILE_SITES entry, computed from its raw file (see the docstring)."""
    cfg = FILE_SITES[site_id]
    meta, path = find_source(sources or [SHARED], cfg["file"])
    if path is None:
        raise FileNotFoundError(cfg["file"])
    kind = meta["kind"]
    if kind == "stat":
        rows = stat_rows(path)
        rng = "mdbr"
        if rows["mdbr"] is None:
            hourly = find_source(sources or [SHARED], hourly_file(site_id))[1]
            rows["tdr"] = monthly_from_hours(hourly_values(hourly))["tdr"]
            rng = "tdr"
    else:
        rows = monthly_from_hours(hourly_values(path))
        rng = "tdr"
    dz = site_elevations()[site_id] - Decimal(meta["station_elevation_m"])
    lapse = abs(dz) > Decimal(LAPSE_MIN_M)
    if lapse:
        rows["db"] = " ".join(r1(v - LAPSE_T * dz) for v in dec(rows["db"]))
        rows["dp"] = " ".join(r1(v - LAPSE_TD * dz) for v in dec(rows["dp"]))
    km = float(meta["distance_km"])
    stand_in = km > STAND_IN_KM
    wmo = meta["wmo"].strip()
    wmo = f"WMO {wmo}; " if wmo else ""
    station = f"{meta['station_name'].strip()} ({wmo}{km:.0f} km from the site"
    if lapse:
        station += f"; {-dz:+.0f} m, lapse-corrected"
    station += "; stand-in" if stand_in else ""
    station += ")"
    period = meta["period_or_years"]
    src = ("EPLUS-STAT-" if kind == "stat" else "MN7-TABLE" if kind == "meteonorm-hourly"
           else "EPW-")
    src = src if src == "MN7-TABLE" else src + dataset_key(cfg["file"])
    s = dict(rows, station=station, period=period, source=src)
    sd = STAND_IN_SD if stand_in else cfg.get("sd", TYPICAL_YEAR_SD)
    return monthly_rows(site_id, s, rng, sd, stand_in)


def stat_rows(path):
    """db / dp / rh "Daily Avg" rows and the ASHRAE daily range (or None) of a .stat file."""
    with open(path, encoding="latin-1") as f:
        lines = f.read().splitlines()

    def after(title, label):
        start = next(i for i, l in enumerate(lines) if l.strip().startswith(title))
        for l in lines[start + 1:start + 16]:
            cells = [c.strip() for c in l.split("\t") if c.strip()]
            if cells and cells[0] == label:
                if len(cells) != 13:
                    sys.exit(f"{path}: {title} / {label}: {len(cells) - 1} values")
                return " ".join(cells[1:])
        return None

    out = {
        "db": after("- Monthly Statistics for Dry Bulb temperatures", "Daily Avg"),
        "dp": after("- Monthly Statistics for Dew Point temperatures", "Daily Avg"),
        "rh": after("- Monthly Statistics for Relative Humidity", "Daily Avg"),
        "mdbr": None,
    }
    if any(l.strip().startswith("- Monthly Drybulb and Wetbulb Daily Ranges") for l in lines):
        out["mdbr"] = after("- Monthly Drybulb and Wetbulb Daily Ranges", "Drybulb")
    if None in (out["db"], out["dp"], out["rh"]):
        sys.exit(f"{path}: monthly Daily Avg rows not found")
    # "7.10" and "7.1" are the same value: normalise through Decimal to one decimal.
    for k in ("db", "dp"):
        out[k] = " ".join(r1(v) for v in dec(out[k]))
    if out["mdbr"] is not None:
        out["mdbr"] = " ".join(r1(v) for v in dec(out["mdbr"]))
    return out


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="latin-1")
    return open(path, encoding="latin-1")


def hourly_values(path):
    """[(month, day, db, dp, rh)] for the 8760 hours of an EPW (plain or gzipped) or of the
    Meteonorm table (hour of year, p, Ta, RH, ...: dew point by Magnus a = 17.62, b = 243.12,
    the WMO-recommended coefficients over water, as shared/climate-sources/README.md states)."""
    with open_text(path) as f:
        lines = f.read().splitlines()
    out = []
    if lines[0].startswith("LOCATION"):
        start = next(i for i, l in enumerate(lines) if l.startswith("DATA PERIODS")) + 1
        for line in lines[start:]:
            if not line.strip():
                continue
            r = line.split(",")
            m, d = int(r[1]), int(r[2])
            db, dp, rh = Decimal(r[6]), Decimal(r[7]), Decimal(r[8])
            if db >= 99 or dp >= 99 or rh >= 999:
                sys.exit(f"{path}: missing value in month {m} day {d}")
            out.append((m, d, db, dp, rh))
    else:
        start = next(i for i, l in enumerate(lines) if l.startswith("double tab1")) + 1
        first = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]
        for line in lines[start:]:
            if not line.strip():
                continue
            hy, _p, ta, rh = line.split()[:4]
            doy = (int(hy) - 1) // 24
            m = next(k for k in range(12) if first[k] <= doy < first[k + 1]) + 1
            db, rh = Decimal(ta), Decimal(rh)
            g = math.log(float(rh) / 100.0) + 17.62 * float(db) / (243.12 + float(db))
            dp = Decimal(repr(243.12 * g / (17.62 - g)))
            out.append((m, doy - first[m - 1] + 1, db, dp, rh))
    if len(out) != 8760:
        sys.exit(f"{path}: {len(out)} hourly rows, need 8760")
    return out


def monthly_from_hours(hours):
    """db / tdr / dp / rh rows (Jan..Dec) from hourly values; see the docstring."""
    out = {"db": [], "tdr": [], "dp": [], "rh": []}
    for m in range(1, 13):
        x = [h for h in hours if h[0] == m]
        days = {}
        for h in x:
            days.setdefault(h[1], []).append(h[2])
        if len(x) != 24 * len(days):
            sys.exit(f"month {m} is not complete hourly data")
        mean = lambda v: sum(v) / len(v)
        out["db"].append(r1(Decimal(repr(mean([float(h[2]) for h in x])))))
        out["dp"].append(r1(Decimal(repr(mean([float(h[3]) for h in x])))))
        out["rh"].append(r0(mean([float(h[4]) for h in x])))
        out["tdr"].append(r1(Decimal(repr(mean([float(max(v) - min(v)) for v in days.values()])))))
    return {k: " ".join(v) for k, v in out.items()}


def bin_rows(site_id, hours, dz=Decimal(0)):
    """climate_bins.csv rows: hours per month in 1 degC (dry-bulb, dew point) bins, each value
    rounded half away from zero to a whole degree (bin k holds [k - 0.5, k + 0.5)). A dew point
    above the dry bulb (a few cold hours of some files, e.g. frost points in CSWD) is capped at
    the dry bulb, as the cooling model does."""
    counts = {}
    for m, _d, db, dp, _rh in hours:
        if abs(dz) > Decimal(LAPSE_MIN_M):
            db, dp = db - LAPSE_T * dz, dp - LAPSE_TD * dz
        dp = min(dp, db)
        k = (m, int(db.quantize(Decimal("1"), rounding=ROUND_HALF_UP)),
             int(dp.quantize(Decimal("1"), rounding=ROUND_HALF_UP)))
        counts[k] = counts.get(k, 0) + 1
    return [[site_id, str(m), str(t), str(d), str(n)] for (m, t, d), n in sorted(counts.items())]


def hourly_file(site_id):
    """The hourly file of a FILE_SITES or SITES entry, relative to its source root, or None."""
    if site_id in OBS_SITES:
        return None
    if site_id in FILE_SITES:
        # The EPW of a .stat file has the same stem, in the same site folder.
        return FILE_SITES[site_id]["file"].replace(".stat", ".epw.gz")
    return SITES[site_id].get("hourly") or SITES[site_id].get("epw")


def site_bins(site_id, sources):
    """Bin rows of a site whose hourly file is found under `sources`, or None."""
    rel = hourly_file(site_id)
    if rel is None:
        return None
    if site_id in FILE_SITES or "hourly" in SITES[site_id]:
        meta, path = find_source(sources, rel)
        if path is None:
            return None
        dz = site_elevations()[site_id] - Decimal(meta["station_elevation_m"])
    else:
        name = os.path.basename(rel)
        hits = [os.path.join(d, name) for root in sources for d, _, files in os.walk(root)
                if name in files]
        if not hits:
            return None
        path, dz = hits[0], Decimal(0)
    return bin_rows(site_id, hourly_values(path), dz)


# --- eighth route (December 2026): the five sites with no typical-year file within ~50 km
# (changhua, osaka, sao-paulo, istanbul, nairobi; every route tried is in SOURCES.md). Monthly
# rows from met-service observations: WMO CLIMAT monthly reports (DWD open data, FM 71, as
# archived in tacitvenom/climate-analysis @ af6f92e5, raw_data/data_files/CLIMAT_RAW_*.txt), either
# the long-term normals the national service reports in section 2, or the means of the monthly
# reports of section 1; and, for changhua, Taiwan CWB hourly observations (2020-06..2022-03,
# siang-chang/aidea-solar-energy-surplux). Rows are computed by `obs` from the station extracts
# (verbatim lines of the raw files); there are no hourly bins for these sites. t_max / t_min are
# the mean daily maximum / minimum (not a split of a range); dew point from the mean vapour
# pressure (CLIMAT) by Magnus a = 17.62, b = 243.12 degC, or the mean of the hourly dew points (CWB).
OBS_SITES = {
    "changhua": {"file": "changhua/467770.csv.gz", "kind": "cwb",
                 "station": "Wuqi (Taichung Port), CWB 467770 (21 km from the site; 2020-22 only)",
                 "period": "CWB hourly observations 2020-06 to 2022-03 (1-2 years per month); short record, not a normal",
                 "source": "CWB-HOURLY", "sd": "1.0"},
    "osaka": {"file": "osaka/CLIMAT_47772_extract.csv", "kind": "normals", "years": ("81", "10"),
              "station": "Osaka (WMO 47772; 2 km from the site)",
              "period": "JMA normals 1981-2010 as reported in CLIMAT section 2",
              "source": "CLIMAT-NORMALS", "sd": TYPICAL_YEAR_SD},
    "sao-paulo": {"file": "sao-paulo/CLIMAT_83781_extract.csv", "kind": "normals",
                  "years": ("80", "81"),
                  "station": "Sao Paulo Mirante de Santana (WMO 83781; 26 km from the site)",
                  "period": "INMET normals 1981-2010 as reported in CLIMAT section 2",
                  "source": "CLIMAT-NORMALS", "sd": TYPICAL_YEAR_SD},
    "istanbul": {"file": "istanbul/CLIMAT_17062_extract.csv", "kind": "means",
                 "station": "Istanbul Goztepe (WMO 17062; 30 km from the site, Asian shore)",
                 "period": "means of the CLIMAT monthly reports 2003-2013 (10-11 years per month)",
                 "source": "CLIMAT-MEANS", "sd": TYPICAL_YEAR_SD},
    "nairobi": {"file": "nairobi/CLIMAT_63741_extract.csv", "kind": "means",
                "station": "Nairobi Dagoretti Corner (WMO 63741; 7 km from the site, 1798 m)",
                "period": "means of the CLIMAT monthly reports 2012-2021 (5-9 years per month)",
                "source": "CLIMAT-MEANS", "sd": TYPICAL_YEAR_SD},
}


def dewpoint_from_e(e_hpa):
    g = math.log(e_hpa / 6.112)
    return 243.12 * g / (17.62 - g)


def tenths(sign, x):
    """A CLIMAT temperature group: sign flag 0/1 and tenths of a degree."""
    x = x.strip()
    return None if not x.isdigit() else (-1 if sign == "1" else 1) * int(x) / 10


def obs_values(site_id, path):
    """Per month (t_mean, t_max, t_min, dew point) of an OBS_SITES entry."""
    cfg = OBS_SITES[site_id]
    months = {m: [] for m in range(1, 13)}
    if cfg["kind"] == "cwb":
        with gzip.open(path, "rt", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        days, hours = {}, {m: [] for m in range(1, 13)}
        num = lambda x: float(x) if re.fullmatch(r"-?\d+(\.\d+)?", x.strip()) else None
        for r in rows:
            t, td = num(r["Temperature"]), num(r["Td dew point"])
            t = t if t is not None and t > -50 else None
            td = td if td is not None and td > -50 else None
            m = int(r["Date"][5:7])
            days.setdefault(r["Date"], []).append(t)
            hours[m].append((t, td))
        mean = lambda v: sum(v) / len(v)
        out = {}
        for m in range(1, 13):
            full = [[x for x in v if x is not None] for d, v in days.items() if int(d[5:7]) == m]
            full = [v for v in full if len(v) >= 20]  # days with >= 20 valid hours
            out[m] = (mean([h[0] for h in hours[m] if h[0] is not None]),
                      mean([max(v) for v in full]), mean([min(v) for v in full]),
                      mean([h[1] for h in hours[m] if h[1] is not None]))
        return out
    with open(path, encoding="latin-1") as f:
        lines = f.read().splitlines()[1:]
    for line in lines:
        f = line.split(";")
        m = int(f[1])
        if cfg["kind"] == "means":
            e = int(f[17]) / 10 if f[17].strip().isdigit() else None
            months[m].append((tenths(f[8], f[9]) if f[8] in ("0", "1") else None,
                              tenths(f[12], f[13]), tenths(f[14], f[15]), e))
        elif len(f) > 52 and f[35].strip() in cfg["years"] and f[36].strip() == "10":
            e = int(f[51]) / 10 if f[51].strip().isdigit() else None
            months[m].append((tenths(f[42], f[43]) if f[42] in ("0", "1") else None,
                              tenths(f[46], f[47]), tenths(f[48], f[49]), e))
    out = {}
    for m, reports in months.items():
        if cfg["kind"] == "normals":
            # The variant most reports carry (a few reports have a corrupted group).
            best = max(set(reports), key=lambda r: (reports.count(r), r[3] is not None))
            t, tx, tn, e = best
        else:
            mean = lambda k: (lambda v: sum(v) / len(v))([r[k] for r in reports if r[k] is not None])
            t, tx, tn, e = mean(0), mean(1), mean(2), mean(3)
        out[m] = (t, tx, tn, dewpoint_from_e(e))
    return out


def obs_rows(site_id, sources):
    cfg = OBS_SITES[site_id]
    meta, path = find_source(sources, cfg["file"])
    if path is None:
        raise FileNotFoundError(cfg["file"])
    v = obs_values(site_id, path)
    f = lambda x: r1(Decimal(repr(x)))
    return [[site_id, str(m), f(v[m][0]), f(v[m][1]), f(v[m][2]), f(v[m][3]), "", cfg["sd"], "0",
             cfg["station"], cfg["period"], cfg["source"]] for m in range(1, 13)]


A, B = 17.625, 243.04  # Magnus coefficients, as in derive_dewpoint.py


def magnus(t, rh):
    g = math.log(rh / 100.0) + A * t / (B + t)
    return B * g / (A - g)


def dec(s):
    return [Decimal(x) for x in s.split()]


def r1(x):
    return str(x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def site_rows(site_id, sources=None):
    """The twelve climate.csv rows of one site, from SITES (transcribed) or FILE_SITES."""
    if site_id in FILE_SITES:
        return file_site_rows(site_id, sources)
    if site_id in OBS_SITES:
        return obs_rows(site_id, sources or [SHARED])
    s = SITES[site_id]
    rng = "tdr" if "epw" in s else "mdbr"
    return monthly_rows(site_id, s, rng, TYPICAL_YEAR_SD, False)


def monthly_rows(site_id, s, rng, sd, stand_in):
    db, mdbr, dp, rh = dec(s["db"]), dec(s[rng]), dec(s["dp"]), s["rh"].split()
    for name, seq in (("db", db), (rng, mdbr), ("dp", dp), ("rh", rh)):
        if len(seq) != 12:
            sys.exit(f"{site_id}: {name} has {len(seq)} values, need 12")
    keep_rh = rh_consistent(db, dp, rh)
    rows = []
    for m in range(12):
        half = mdbr[m] / 2
        rows.append([site_id, str(m + 1), r1(db[m]), r1(db[m] + half), r1(db[m] - half),
                     r1(dp[m]), rh[m] if keep_rh else "", sd, "1" if stand_in else "0",
                     s["station"], s["period"], s["source"]])
    return rows


def rh_consistent(db, dp, rh, tol=1.5):
    """True if Magnus(db, rh) is within tol of the published dew point in every month."""
    return all(abs(float(dp[m]) - magnus(float(db[m]), float(rh[m]))) <= tol for m in range(12))


def r0(x):
    return str(Decimal(repr(x)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def epw_rows(path):
    """db / tdr / dp / rh rows (strings, Jan..Dec) and the LOCATION line of an EPW file."""
    with open_text(path) as f:
        location = f.readline().rstrip("\n")
    return monthly_from_hours(hourly_values(path)), location


def epw_check(root):
    bad = 0
    for sid, s in SITES.items():
        if "epw" not in s:
            continue
        name = os.path.basename(s["epw"])
        hits = [os.path.join(d, name) for d, _, files in os.walk(root) if name in files]
        if not hits:
            print(f"{sid:18s} {name}: not found under {root}")
            continue
        rows, _ = epw_rows(hits[0])
        diff = [k for k in ("db", "tdr", "dp", "rh") if rows[k] != s[k]]
        bad += bool(diff)
        print(f"{sid:18s} {'OK' if not diff else 'DIFFERS in ' + ', '.join(diff)}  ({hits[0]})")
    if bad:
        sys.exit(1)


def site_order():
    with open(SITES_CSV, newline="", encoding="utf-8") as f:
        return [row["id"] for row in csv.DictReader(f)]


def read_csv(path, header):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        got = next(reader)
        rows = [r for r in reader if r]
    if got == header:
        return rows
    # climate.csv before the t_mean_c_sd / stand_in columns: fill them for kept rows.
    old = [c for c in header if c not in ("t_mean_c_sd", "stand_in")]
    if got != old:
        sys.exit(f"unexpected header in {path}: {got}")
    fill = {"t_mean_c_sd": TYPICAL_YEAR_SD, "stand_in": "0"}
    return [[dict(zip(got, r)).get(c, fill.get(c)) for c in header] for r in rows]


def derive(sources):
    """(climate rows by site, bin rows by site, sites whose monthly source was not found, sites
    whose hourly file was not found)."""
    existing = read_csv(CLIMATE_CSV, HEADER)
    climate, missing, missing_bins = {}, [], []
    for r in existing:
        climate.setdefault(r[0], []).append(r)
    for sid in list(SITES) + list(FILE_SITES) + list(OBS_SITES):
        try:
            climate[sid] = site_rows(sid, sources)
        except FileNotFoundError:
            missing.append(sid)
    bins = {}
    for r in read_csv(BINS_CSV, BINS_HEADER):
        bins.setdefault(r[0], []).append(r)
    for sid in list(SITES) + list(FILE_SITES):
        b = site_bins(sid, sources)
        if b is not None:
            bins[sid] = b
        elif hourly_file(sid) is not None and sid in bins:
            missing_bins.append(sid)
    return climate, bins, missing, missing_bins


def ordered(by_site):
    order = site_order()
    unknown = set(by_site) - set(order)
    if unknown:
        sys.exit(f"sites not in sites.csv: {sorted(unknown)}")
    return [r for sid in order for r in by_site.get(sid, [])]


def csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def write(sources):
    climate, bins, missing, missing_bins = derive(sources)
    for path, header, by_site in ((CLIMATE_CSV, HEADER, climate), (BINS_CSV, BINS_HEADER, bins)):
        with open(path, "w", newline="", encoding="utf-8") as f:
            f.write(csv_text(header, ordered(by_site)))
        print(f"wrote {path}: {sum(len(v) for v in by_site.values())} rows, {len(by_site)} sites")
    if missing or missing_bins:
        print("raw files not found (existing rows kept): monthly " + (", ".join(missing) or "none")
              + "; hourly " + (", ".join(missing_bins) or "none"))


def check(sources, require):
    """Recomputes every site whose raw files are found and compares with the shipped CSVs."""
    climate, bins, missing, missing_bins = derive(sources)
    bad = 0
    for path, header, by_site in ((CLIMATE_CSV, HEADER, climate), (BINS_CSV, BINS_HEADER, bins)):
        with open(path, newline="", encoding="utf-8") as f:
            shipped = f.read()
        want = csv_text(header, ordered(by_site))
        if shipped != want:
            bad += 1
            a, b = shipped.splitlines(), want.splitlines()
            diff = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
            print(f"{path}: differs from the derivation at line {diff + 1}:\n"
                  f"  shipped: {a[diff] if diff < len(a) else '<end>'}\n"
                  f"  derived: {b[diff] if diff < len(b) else '<end>'}")
        else:
            kept = missing if path == CLIMATE_CSV else missing_bins
            note = (f" (the rows of {len(kept)} sites whose raw files were not given are the"
                    " shipped ones, not recomputed: listed below)") if kept else ""
            print(f"{path}: the derivation reproduces it byte for byte{note}")
    shared_missing = [s for s in missing if s in FILE_SITES]
    print(f"monthly rows recomputed from raw files: {len(FILE_SITES) - len(shared_missing)} of "
          f"{len(FILE_SITES)} shared-source sites; skipped (raw files elsewhere, see SOURCES.md): "
          f"{', '.join(missing) or 'none'}")
    print(f"bins recomputed: {len(bins) - len(missing_bins)} of {len(bins)} sites; skipped: "
          f"{', '.join(missing_bins) or 'none'}")
    if bad or (require and shared_missing):
        sys.exit(1)


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "rows"
    if cmd == "rows":
        w = csv.writer(sys.stdout, lineterminator="\n")
        for sid in SITES:
            w.writerows(site_rows(sid))
    elif cmd in ("write", "check"):
        rest = argv[2:]
        sources = [rest[k + 1] for k in range(len(rest) - 1) if rest[k] == "--sources"] or [SHARED]
        if cmd == "write":
            write(sources)
        else:
            check(sources, "--require-shared" in rest)
    elif cmd == "magnus":
        for sid, s in SITES.items():
            db, dp, rh = dec(s["db"]), dec(s["dp"]), s["rh"].split()
            diffs = [abs(float(dp[m]) - magnus(float(db[m]), float(rh[m]))) for m in range(12)]
            keep = "rh kept" if rh_consistent(db, dp, rh) else "rh left empty"
            print(f"{sid:10s} max |Td - Magnus(T,RH)| = {max(diffs):.2f} degC ({keep}) "
                  + " ".join(f"{d:.1f}" for d in diffs))
    elif cmd == "epw" and len(argv) > 2:
        rows, loc = epw_rows(argv[2])
        print(loc)
        for k in ("db", "tdr", "dp", "rh"):
            print(f'        "{k}": "{rows[k]}",')
    elif cmd == "epw-check" and len(argv) > 2:
        epw_check(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
