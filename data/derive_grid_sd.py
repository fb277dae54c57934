#!/usr/bin/env python3
"""Derive the `grid_gco2_kwh_sd` column of data/jurisdictions.csv.

The national grid carbon intensities `grid_gco2_kwh` are Ember's yearly figures (lifecycle
gCO2e/kWh of *generation*). Electricity Maps publishes the same quantity on a *consumption*
basis (lifecycle gCO2eq/kWh, flow-traced with imports). Both series ship in the npm package
`@tgwf/co2` 0.19.0 (Green Web Foundation). For each country where both figures exist, the sd
is the sample standard deviation of the two published figures,

    sd = |Ember - Electricity Maps| / sqrt(2),

rounded to an integer. It is the spread between two published bases (and the two
publishers' methods), not a forecast and not a confidence interval of either figure.

Inputs (no network at run time; the package is never committed):

    cd /tmp && npm pack @tgwf/co2@0.19.0 && tar xzf tgwf-co2-0.19.0.tgz
    python3 data/derive_grid_sd.py /tmp/package

which reads, under the unpacked directory,

    dist/esm/data/average-intensities.min.js          Ember, keyed by ISO alpha-3
    dist/esm/data/electricity-maps/yearly_2024.js      Electricity Maps 2024, by zone key

The tarball's SHA-256 was 921bf6ba23bb009d746fab91f40864bf5dbaf109ae7b1dc7ef1c830ed7e77e26
(December 2026); the script prints the SHA-256 of both files it reads.

Rules (data/SOURCES.md, jurisdictions.csv, `grid_gco2_kwh`):

* Electricity Maps zone = the row's ISO alpha-2 code, except CL -> `CL-SEN` (the national
  grid, as for `renewable_share`). No other sub-zone stands for a country.
* A row whose `grid_gco2_kwh` is not the package's Ember figure rounded (an override or an
  estimate: LI, UZ) gets no sd; so does a row without an Electricity Maps zone (RU, UA).
  An empty cell means "taken as exact" to the loader. The script lists these rows.
* An sd of 0 (the two figures agree within rounding) is written as 0.

The script first checks that the package's Ember figure, rounded as the column was (Python's
round(), ties to even: EG 574.5 -> 574), equals
`grid_gco2_kwh` as shipped and prints every mismatch. It then rewrites only the
`grid_gco2_kwh_sd` column (inserted after `grid_gco2_kwh` if absent), keeping every other
byte: it refuses to write if the file does not re-serialise to itself unchanged. Running it
twice changes nothing. `--check` compares without writing (exit 1 on a difference).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
CSV_PATH = HERE / "jurisdictions.csv"
EMBER_JS = "dist/esm/data/average-intensities.min.js"
EM_JS = "dist/esm/data/electricity-maps/yearly_2024.js"
COLUMN = "grid_gco2_kwh"
SD_COLUMN = "grid_gco2_kwh_sd"

# Electricity Maps zone per row where it is not the alpha-2 code itself.
EM_ZONE = {"CL": "CL-SEN"}

# Rows whose shipped value is not the package's Ember figure (SOURCES.md): no sd.
NOT_EMBER = {
    "LI": "estimate = CH's Ember value; neither publisher has an LI figure",
    "UZ": "override = Electricity Maps 2024 (Ember's 1121 judged implausible)",
}

# ISO 3166-1 alpha-2 -> alpha-3 for the rows of jurisdictions.csv (Ember keys by alpha-3).
ALPHA3 = {
    "AE": "ARE", "AR": "ARG", "AT": "AUT", "AU": "AUS", "BD": "BGD", "BE": "BEL",
    "BG": "BGR", "BR": "BRA", "CA": "CAN", "CH": "CHE", "CL": "CHL", "CN": "CHN",
    "CO": "COL", "CY": "CYP", "CZ": "CZE", "DE": "DEU", "DK": "DNK", "DZ": "DZA",
    "EE": "EST", "EG": "EGY", "ES": "ESP", "ET": "ETH", "FI": "FIN", "FR": "FRA",
    "GB": "GBR", "GH": "GHA", "GR": "GRC", "HK": "HKG", "HR": "HRV", "HU": "HUN",
    "ID": "IDN", "IE": "IRL", "IL": "ISR", "IN": "IND", "IQ": "IRQ", "IR": "IRN",
    "IS": "ISL", "IT": "ITA", "JO": "JOR", "JP": "JPN", "KE": "KEN", "KH": "KHM",
    "KR": "KOR", "KW": "KWT", "KZ": "KAZ", "LI": "LIE", "LK": "LKA", "LT": "LTU",
    "LU": "LUX", "LV": "LVA", "MA": "MAR", "MM": "MMR", "MT": "MLT", "MX": "MEX",
    "MY": "MYS", "NG": "NGA", "NL": "NLD", "NO": "NOR", "NP": "NPL", "NZ": "NZL",
    "OM": "OMN", "PE": "PER", "PH": "PHL", "PK": "PAK", "PL": "POL", "PT": "PRT",
    "QA": "QAT", "RO": "ROU", "RU": "RUS", "SA": "SAU", "SE": "SWE", "SG": "SGP",
    "SI": "SVN", "SK": "SVK", "TH": "THA", "TR": "TUR", "TW": "TWN", "TZ": "TZA",
    "UA": "UKR", "US": "USA", "UY": "URY", "UZ": "UZB", "VN": "VNM", "ZA": "ZAF",
}


def load_js_data(path: pathlib.Path) -> dict:
    """The object literal `const data = {...};` of an esbuild module, parsed as JSON."""
    raw = path.read_bytes()
    print(f"# {path.name}: sha256 {hashlib.sha256(raw).hexdigest()}")
    m = re.search(r"const data = (\{.*?\});\n", raw.decode("utf-8"), re.S)
    if not m:
        sys.exit(f"{path}: no `const data = {{...}};` found")
    # The only non-JSON syntax is JavaScript's \xHH escape in zone names.
    return json.loads(re.sub(r"\\x([0-9A-Fa-f]{2})", r"\\u00\1", m.group(1)))


def as_shipped(x: float) -> str:
    """An intensity as the column holds it: Python's round(), ties to even (EG 574.5 -> 574)."""
    return str(round(x))


def derive(pkg: pathlib.Path, rows: list[list[str]], head: list[str]) -> dict[str, str]:
    """The sd cell per country code, with a report of every decision on stdout."""
    ember = load_js_data(pkg / EMBER_JS)
    em = load_js_data(pkg / EM_JS)
    ic = head.index(COLUMN)
    codes = [r[0] for r in rows]
    unknown = sorted(set(codes) - set(ALPHA3))
    if unknown:
        sys.exit(f"no alpha-3 code for {unknown}: add them to ALPHA3")
    cells: dict[str, str] = {}
    mismatches, empty, derived = [], [], []
    for row in rows:
        code, shipped = row[0], row[ic]
        e = ember.get(ALPHA3[code])
        if e is None or as_shipped(e) != shipped:
            mismatches.append(f"{code}: shipped {shipped}, package Ember {e}")
        zone = EM_ZONE.get(code, code)
        z = em.get(zone)
        if code in NOT_EMBER:
            if e is not None and as_shipped(e) == shipped:
                sys.exit(f"{code}: shipped {shipped} is Ember's figure again; revisit NOT_EMBER")
            cells[code] = ""
            empty.append(f"{code}: {NOT_EMBER[code]}")
            continue
        if e is None or as_shipped(e) != shipped:
            sys.exit(f"{code}: shipped {shipped} is not Ember's {e} and not a documented override")
        if z is None:
            cells[code] = ""
            subs = sorted(k for k in em if k.startswith(code + "-"))
            empty.append(f"{code}: no Electricity Maps zone {zone} (sub-zones: {' '.join(subs) or 'none'})")
            continue
        ci = z["carbonIntensity"]
        if ci["unit"] != "gCO2eq/kWh":
            sys.exit(f"{zone}: unit {ci['unit']}")
        sd = abs(e - ci["value"]) / math.sqrt(2)
        cells[code] = str(round(sd))  # no ties: sqrt(2) is irrational
        derived.append((code, e, zone, ci["value"], sd))
    print(f"# Ember figures that differ from {COLUMN} as shipped ({len(mismatches)}):")
    for m in mismatches:
        print(f"#   {m}")
    print(f"# rows left empty = exact ({len(empty)}):")
    for m in empty:
        print(f"#   {m}")
    print(f"# rows with an sd: {len(derived)}")
    print(f"country,ember_gco2_kwh,em_zone,em_gco2_kwh,{SD_COLUMN}")
    for code, e, zone, v, sd in derived:
        print(f"{code},{e},{zone},{v},{sd:.2f}")
    return cells


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--check"]
    if len(args) != 1:
        sys.exit(__doc__)
    pkg = pathlib.Path(args[0])
    raw = CSV_PATH.read_bytes()
    text = raw.decode("utf-8")
    eol = "\r\n" if "\r\n" in text else "\n"

    def dump(rows: list[list[str]]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator=eol).writerows(rows)
        return out.getvalue()

    table = list(csv.reader(io.StringIO(text, newline="")))
    if dump(table) != text:
        sys.exit(f"{CSV_PATH.name} does not re-serialise to itself: refusing to rewrite it")
    head, rows = table[0], table[1:]
    cells = derive(pkg, rows, head)
    if SD_COLUMN not in head:
        at = head.index(COLUMN) + 1
        for r in table:
            r.insert(at, SD_COLUMN if r is head else "")
    isd = head.index(SD_COLUMN)
    changes = []
    for r in rows:
        if r[isd] != cells[r[0]]:
            changes.append(f"{r[0]}: {r[isd] or '(empty)'} -> {cells[r[0]] or '(empty)'}")
            r[isd] = cells[r[0]]
    new = dump(table)
    header_added = new.split(eol, 1)[0] != text.split(eol, 1)[0]
    print(f"# {len(changes)} cells changed" + (f", column {SD_COLUMN} added" if header_added else ""))
    for c in changes:
        print(f"#   {c}")
    if "--check" in sys.argv[1:]:
        return 1 if new != text else 0
    if new != text:
        CSV_PATH.write_bytes(new.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
