#!/usr/bin/env python3
"""Derives city <-> city RTTs from RIPE Atlas anchoring-mesh pings (python3 stdlib only).

    python3 data/reference/internet_rtt/derive_anchor_mesh.py

Input, not committed (copy the files named in README.md, "Source C", into raw/anchor_mesh/):
for each of the folders animation_Europe (Europe, 5 August 2024, 24 hourly files),
animation_US (United States, 1-8 May 2024, 169 hourly files) and Australia_outage (Australia,
New Zealand and New Caledonia, 8 November 2023, 24 hourly files), a `probes.csv` (one RIPE
Atlas anchor per city: probe id, city, country name, latitude, longitude, anchor FQDN) and
`latencies/*.csv`, one file per hour (`source_id,target_id,rtt`: the minimum RTT in ms over
the anchoring-mesh ping results of that source towards that target anchor within the hour,
empty when there were none); plus `countries.csv` (the UN M49 list the collector used, for
ISO codes).

Output: anchor_mesh_anchors.csv (set, probe id, anchor name, city, ISO country, latitude,
longitude) and anchor_mesh_pairs.csv, one row per unordered anchor pair of a set, with
    src_id, dst_id  the anchors' probe ids (src_id < dst_id),
    rtt_ms     the median over the hourly minima of both directions (>= 12 values),
    min_ms     the smallest of them,
    n_hours    how many hourly minima there were,
    gc_km      the great-circle distance between the anchors.
Pairs whose min_ms is below the fibre bound (gc_km / 100 ms, light at 2/3 c on the great
circle) cannot be where the anchors say they are and are dropped; the count is printed.
"""

import csv
import math
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "raw", "anchor_mesh")
OUT_ANCHORS = os.path.join(HERE, "anchor_mesh_anchors.csv")
OUT_PAIRS = os.path.join(HERE, "anchor_mesh_pairs.csv")
# (raw folder, set name in the outputs)
SETS = [("animation_Europe", "eu-2024-08-05"), ("animation_US", "us-2024-05-01"),
        ("Australia_outage", "oc-2023-11-08")]
MIN_VALUES = 12


def distance_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def main():
    with open(os.path.join(RAW, "countries.csv"), newline="", encoding="utf-8") as fh:
        iso = {r["Country or Area"]: r["ISO-alpha2 Code"] for r in csv.DictReader(fh)}
    anchors_out, rows, dropped, thin = [], [], 0, 0
    for folder, name in SETS:
        base = os.path.join(RAW, folder)
        with open(os.path.join(base, "probes.csv"), newline="", encoding="utf-8") as fh:
            anchors = {r["id"]: r for r in csv.DictReader(fh)}
        for pid, p in sorted(anchors.items(), key=lambda kv: int(kv[0])):
            anchors_out.append({
                "set": name, "id": pid, "anchor": p["fqdn"].split(".")[0], "city": p["city"],
                "country": iso.get(p["country"], ""), "lat": p["latitude"], "lon": p["longitude"],
            })
        hourly = {}
        files = sorted(os.listdir(os.path.join(base, "latencies")))
        for f in files:
            with open(os.path.join(base, "latencies", f), newline="") as fh:
                for r in csv.DictReader(fh):
                    if not r["rtt"] or r["source_id"] not in anchors or r["target_id"] not in anchors:
                        continue
                    key = tuple(sorted((r["source_id"], r["target_id"]), key=int))
                    hourly.setdefault(key, []).append(float(r["rtt"]))
        for (a, b), values in sorted(hourly.items(), key=lambda kv: (int(kv[0][0]), int(kv[0][1]))):
            if len(values) < MIN_VALUES:
                thin += 1
                continue
            pa, pb = anchors[a], anchors[b]
            gc = distance_km(float(pa["latitude"]), float(pa["longitude"]),
                             float(pb["latitude"]), float(pb["longitude"]))
            if min(values) < gc / 100.0:
                dropped += 1
                continue
            rows.append({
                "set": name, "src_id": a, "dst_id": b,
                "rtt_ms": f"{statistics.median(values):.2f}", "min_ms": f"{min(values):.2f}",
                "n_hours": len(values), "gc_km": f"{gc:.1f}",
            })
        missing = sorted({p["country"] for p in anchors.values() if p["country"] not in iso})
        if missing:
            print(f"{folder}: no ISO code for {missing}", file=sys.stderr)
        print(f"{folder}: {len(anchors)} anchors, {len(files)} hourly files")
    for path, out in [(OUT_ANCHORS, anchors_out), (OUT_PAIRS, rows)]:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, list(out[0]))
            w.writeheader()
            w.writerows(out)
    print(f"{len(rows)} pairs written; dropped {dropped} below the fibre bound and {thin} with"
          f" fewer than {MIN_VALUES} hourly minima")


if __name__ == "__main__":
    main()
