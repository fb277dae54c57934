#!/usr/bin/env python3
"""Derive data/world_110m.csv (coastline rings for the map plot) from Natural Earth.

What it does
    Reads `land-110m.json` from the npm package `world-atlas` (Natural Earth 1:110m
    land polygons as quantized TopoJSON), decodes the delta-encoded arcs, joins the
    arcs of every polygon ring into one closed lon/lat polyline and writes

        ring_id,lon,lat

    one row per vertex, rings numbered from 0 in the order of the TopoJSON
    geometries (1:110m land has no holes). Rings that cross the antimeridian are
    unwrapped so that consecutive longitudes never jump by 360 (so a few go past
    +-180; the map draws each ring also shifted by 360 degrees), and Antarctica, the
    one ring that winds around a pole, is closed along latitude -90.
    Coordinates are rounded to 2 decimals (about 1 km, far below the 1:110m
    generalisation) and consecutive duplicate vertices after rounding are dropped.
    Output is deterministic: same input -> byte-identical CSV (UTF-8, "\\n").

Source and licence
    Natural Earth, 1:110m physical vectors, land (version 4.1.0), public domain,
    https://www.naturalearthdata.com/about/terms-of-use/ , as redistributed in
    TopoJSON by the npm package world-atlas 2.0.2 (Mike Bostock, ISC licence).

How to run (not run in CI)
    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 /path/to/data/derive_world.py package/land-110m.json

    Uses only the Python standard library.
"""

import hashlib
import json
import sys
from pathlib import Path


def decode_arcs(topo):
    """Absolute lon/lat points of every arc (TopoJSON quantized delta encoding)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring, arcs):
    """Joins a ring's arcs; index ~i (= -i-1) means arc i reversed."""
    out = []
    for k in ring:
        pts = arcs[k] if k >= 0 else arcs[~k][::-1]
        # Consecutive arcs share their joining point.
        out.extend(pts if not out else pts[1:])
    return out


def unwrap(points):
    """Longitudes made continuous; a ring around a pole is closed through the pole."""
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    # Put the ring's middle longitude in [-180, 180].
    mid = (min(p[0] for p in out) + max(p[0] for p in out)) / 2
    shift = -360 * round(mid / 360)
    out = [(lon + shift, lat) for lon, lat in out]
    turn = out[-1][0] - out[0][0]
    if abs(turn) > 180:
        pole = -90.0 if sum(p[1] for p in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


def rings(topo):
    for geom in topo["objects"]["land"]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        for polygon in polygons:
            yield from polygon


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "land-110m.json")
    raw = src.read_bytes()
    topo = json.loads(raw)
    arcs = decode_arcs(topo)
    lines = ["ring_id,lon,lat"]
    n_rings = 0
    for ring in rings(topo):
        prev = None
        kept = 0
        for lon, lat in unwrap(ring_points(ring, arcs)):
            p = (f"{lon:.2f}", f"{lat:.2f}")
            if p == prev:
                continue
            prev = p
            kept += 1
            lines.append(f"{n_rings},{p[0]},{p[1]}".replace("-0.00", "0.00"))
        if kept:
            n_rings += 1
    out = Path(__file__).with_name("world_110m.csv")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"input {src} sha256 {hashlib.sha256(raw).hexdigest()}")
    print(f"wrote {out}: {n_rings} rings, {len(lines) - 1} points")


if __name__ == "__main__":
    main()
