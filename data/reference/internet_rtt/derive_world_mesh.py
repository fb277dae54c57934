#!/usr/bin/env python3
"""Derives city <-> city RTTs from a worldwide snapshot of the RIPE Atlas anchoring mesh
(python3 stdlib only).

    python3 data/reference/internet_rtt/derive_world_mesh.py

Input, not committed (copy the files named in README.md, "Source D", into raw/cbg_replication/):
`ping_mins.json` ({target anchor: {source anchor: ms}}: the minimum RTT of the anchoring-mesh
pings from each source anchor to each target anchor on 29 January 2018, 10:49:35-10:53:35
(the collector's window, one four-minute round of the mesh); 100000 where there was none),
`anchor_info.json` (anchor -> RIPE Atlas probe id, city, country name) and
`anchor_onlyrelevant.json` (anchor -> latitude, longitude as registered in RIPE Atlas).

Output: world_mesh_2018.csv, one row per unordered anchor pair with at least one direction:
    src, dst          the anchors' names (src < dst), e.g. de-fra-as48918,
    src_country, dst_country   ISO 3166 codes, from the anchor name's prefix (uk -> GB),
    src_lat ... dst_lon        registered coordinates,
    rtt_ms            the mean of the two directions' minima (or the one direction measured),
    min_ms            the smaller of them,
    n_directions      1 or 2,
    gc_km             the great-circle distance.
Pairs whose min_ms is below the fibre bound (gc_km / 100 ms) cannot be where the anchors say
they are and are dropped, as are anchors without coordinates; the counts are printed.
"""

import csv
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "raw", "cbg_replication")
OUT = os.path.join(HERE, "world_mesh_2018.csv")
NONE = 99999.0  # the collector's 100000 marks "no result"


def distance_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def iso(anchor):
    cc = anchor[:2].upper()
    return "GB" if cc == "UK" else cc


def main():
    def load(name):
        with open(os.path.join(RAW, name), encoding="utf-8") as fh:
            return json.load(fh)

    mins, info, where = load("ping_mins.json"), load("anchor_info.json"), load("anchor_onlyrelevant.json")
    directions, unlocated = {}, set()
    for dst, row in mins.items():
        for src, rtt in row.items():
            if rtt >= NONE or src == dst:
                continue
            if src not in where or dst not in where:
                unlocated.update(a for a in (src, dst) if a not in where)
                continue
            directions.setdefault(tuple(sorted((src, dst))), []).append(rtt)
    rows, dropped = [], 0
    for (a, b), values in sorted(directions.items()):
        gc = distance_km(where[a]["lat"], where[a]["lng"], where[b]["lat"], where[b]["lng"])
        if min(values) < gc / 100.0:
            dropped += 1
            continue
        rows.append({
            "src": a, "dst": b, "src_country": iso(a), "dst_country": iso(b),
            "src_city": info[a]["city"], "dst_city": info[b]["city"],
            "src_lat": where[a]["lat"], "src_lon": where[a]["lng"],
            "dst_lat": where[b]["lat"], "dst_lon": where[b]["lng"],
            "rtt_ms": f"{sum(values) / len(values):.2f}", "min_ms": f"{min(values):.2f}",
            "n_directions": len(values), "gc_km": f"{gc:.1f}",
        })
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    anchors = {r["src"] for r in rows} | {r["dst"] for r in rows}
    print(f"{len(rows)} pairs between {len(anchors)} anchors in "
          f"{len({iso(a) for a in anchors})} countries written; dropped {dropped} below the fibre"
          f" bound; {len(unlocated)} anchors without coordinates")


if __name__ == "__main__":
    main()
