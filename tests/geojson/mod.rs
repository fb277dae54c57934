//! `ranking.geojson` and `assignment.geojson` (RFC 7946): structure, coordinate order
//! (longitude, latitude), ranges, agreement with the CSVs and the shipped sites file, and a
//! strict reader (Python's `json` refusing NaN and Infinity, as GDAL's GeoJSON driver does).

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

use crate::util::{Csv, Dir, repo};

/// Checks one RFC 7946 position: two finite numbers, longitude first.
#[track_caller]
fn check_position(p: &Value, what: &str) -> (f64, f64) {
    let a = p
        .as_array()
        .unwrap_or_else(|| panic!("{what}: not an array: {p}"));
    assert_eq!(a.len(), 2, "{what}: a position has 2 numbers here: {p}");
    let (lon, lat) = (a[0].as_f64().unwrap(), a[1].as_f64().unwrap());
    assert!((-180.0..=180.0).contains(&lon), "{what}: longitude {lon}");
    assert!((-90.0..=90.0).contains(&lat), "{what}: latitude {lat}");
    (lon, lat)
}

/// Checks a geometry; returns its positions in order.
#[track_caller]
fn check_geometry(g: &Value, what: &str) -> Vec<(f64, f64)> {
    let c = &g["coordinates"];
    match g["type"].as_str() {
        Some("Point") => vec![check_position(c, what)],
        Some("LineString") => {
            let ps = c.as_array().unwrap();
            assert!(ps.len() >= 2, "{what}: a LineString needs 2 positions");
            ps.iter().map(|p| check_position(p, what)).collect()
        }
        Some("MultiLineString") => {
            let parts = c.as_array().unwrap();
            let mut out = Vec::new();
            for part in parts {
                let ps = part.as_array().unwrap();
                assert!(ps.len() >= 2, "{what}: each line needs 2 positions");
                out.extend(ps.iter().map(|p| check_position(p, what)));
            }
            // Cut at the antimeridian: the parts meet at ±180 at one latitude.
            for w in parts.windows(2) {
                let end = check_position(w[0].as_array().unwrap().last().unwrap(), what);
                let start = check_position(&w[1][0], what);
                assert_eq!(
                    end.0.abs(),
                    180.0,
                    "{what}: a part ends off the antimeridian"
                );
                assert_eq!(
                    start.0, -end.0,
                    "{what}: the next part starts on the other side"
                );
                assert_eq!(start.1, end.1, "{what}: the cut changes latitude");
            }
            out
        }
        other => panic!("{what}: unexpected geometry type {other:?}"),
    }
}

/// Checks a FeatureCollection; returns its features.
#[track_caller]
fn check_collection(doc: &Value, name: &str) -> Vec<Value> {
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["type", "features"], "{name}: top-level members");
    assert_eq!(doc["type"], "FeatureCollection", "{name}");
    let features = doc["features"].as_array().unwrap().clone();
    assert!(!features.is_empty(), "{name}: no features");
    for (k, f) in features.iter().enumerate() {
        let what = format!("{name}: feature {k}");
        assert_eq!(f["type"], "Feature", "{what}");
        assert!(f["properties"].is_object(), "{what}: properties");
        assert!(
            f.get("geometry").is_some(),
            "{what}: geometry member is required"
        );
        if !f["geometry"].is_null() {
            check_geometry(&f["geometry"], &what);
        }
    }
    features
}

fn read_json(dir: &Dir, name: &str) -> Value {
    serde_json::from_str(&dir.read(name)).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"))
}

/// (lat, lon) of every shipped site, from `data/sites.csv`.
fn shipped_coords() -> BTreeMap<String, (f64, f64)> {
    let text = std::fs::read_to_string(repo().join("data/sites.csv")).unwrap();
    let csv = Csv::parse(&text);
    let ids = csv.column("id");
    let (lat, lon) = (csv.numbers("lat"), csv.numbers("lon"));
    ids.into_iter()
        .enumerate()
        .map(|(k, id)| (id.to_owned(), (lat[k], lon[k])))
        .collect()
}

/// Python's `json` in strict mode (no NaN/Infinity), and the RFC 7946 structure again.
const STRICT_READER: &str = r#"
import json, sys
def refuse(c):
    raise ValueError("non-standard JSON constant " + c)
for path in sys.argv[1:]:
    doc = json.load(open(path, encoding="utf-8"), parse_constant=refuse)
    assert doc["type"] == "FeatureCollection", path
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict), path
        g = f["geometry"]
        if g is None:
            continue
        c = g["coordinates"]
        t = g["type"]
        assert t in ("Point", "LineString", "MultiLineString"), (path, t)
        pts = [c] if t == "Point" else c if t == "LineString" else [p for l in c for p in l]
        for lon, lat in pts:
            assert -180 <= lon <= 180 and -90 <= lat <= 90, (path, lon, lat)
print("ok")
"#;

fn strict_read(dir: &Dir, files: &[&str]) {
    let mut cmd = Command::new("python3");
    cmd.arg("-c").arg(STRICT_READER);
    for f in files {
        cmd.arg(dir.join(f));
    }
    match cmd.output() {
        Ok(o) => assert!(
            o.status.success(),
            "strict JSON reader refuses {files:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "python3: {e}");
            eprintln!("skipped the strict reader: python3: {e}");
        }
    }
}

#[test]
fn every_example_writes_a_valid_ranking_geojson_with_the_sites_coordinates() {
    let coords = shipped_coords();
    let dir = Dir::new();
    let examples = ["apple-icloud-china", "google-asia", "xiaomi-overseas"];
    let mut written = Vec::new();
    for name in examples {
        let scenario = repo().join(format!("examples/{name}.toml"));
        let out = format!("{name}/ranking.geojson");
        dir.run(&[
            "run",
            scenario.to_str().unwrap(),
            "--out",
            name,
            "--draws",
            "500",
            "--no-plots",
            "-q",
        ])
        .ok();
        let doc = read_json(&dir, &out);
        let features = check_collection(&doc, &out);
        let ranking = Csv::parse(&dir.read(&format!("{name}/ranking.csv")));
        assert_eq!(
            features.len(),
            ranking.rows.len(),
            "{out}: one feature per site"
        );
        let (lat_csv, lon_csv) = (ranking.numbers("lat"), ranking.numbers("lon"));
        let p_first = ranking.numbers("p_first");
        for (k, f) in features.iter().enumerate() {
            let p = &f["properties"];
            let id = p["site_id"].as_str().unwrap();
            assert_eq!(p["rank"], k + 1, "{out}: features in ranking.csv order");
            assert_eq!(id, ranking.rows[k][ranking.col("site_id")]);
            let c = &f["geometry"]["coordinates"];
            let (lat, lon) = coords[id];
            assert_eq!(c[0].as_f64().unwrap(), lon, "{out}: {id}: longitude first");
            assert_eq!(c[1].as_f64().unwrap(), lat, "{out}: {id}: latitude second");
            assert_eq!(
                (lat_csv[k], lon_csv[k]),
                (lat, lon),
                "ranking.csv lat, lon of {id}"
            );
            assert_eq!(p["p_first"].as_f64().unwrap(), p_first[k]);
            for key in [
                "name",
                "country",
                "expected_rank",
                "score_p05",
                "score_p50",
                "score_p95",
                "feasible_share",
                "feasible_base",
            ] {
                assert!(!p[key].is_null(), "{out}: {id}: {key} missing");
            }
        }
        written.push(out);
    }
    let files: Vec<&str> = written.iter().map(String::as_str).collect();
    strict_read(&dir, &files);
}

#[test]
fn a_base_case_ranking_geojson_has_null_monte_carlo_properties() {
    let dir = Dir::new();
    let scenario = repo().join("examples/google-asia.toml");
    dir.run(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        "o",
        "--draws",
        "0",
    ])
    .ok();
    let doc = read_json(&dir, "o/ranking.geojson");
    for f in check_collection(&doc, "ranking.geojson") {
        assert!(f["properties"]["p_first"].is_null());
        assert!(f["properties"]["score_base"].is_f64());
    }
}

#[test]
fn a_sites_file_without_coordinates_gives_null_geometries() {
    let dir = Dir::with(&[
        ("sites.csv", "id,name,country,land\na,A,DE,1\nb,B,FR,2\n"),
        (
            "model.toml",
            "name = \"m\"\n[[criteria]]\nid = \"land\"\ncolumn = \"land\"\ndirection = \"min\"\nweight = 1\n",
        ),
        (
            "s.toml",
            "name = \"s\"\nmodel = \"model.toml\"\n[data]\nsites = \"sites.csv\"\n[simulation]\ndraws = 0\n",
        ),
    ]);
    dir.run(&["run", "s.toml", "--out", "o", "--no-plots"]).ok();
    let doc = read_json(&dir, "o/ranking.geojson");
    for f in check_collection(&doc, "ranking.geojson") {
        assert!(f["geometry"].is_null());
    }
    let ranking = Csv::parse(&dir.read("o/ranking.csv"));
    assert!(ranking.column("lat").iter().all(|c| c.is_empty()));
}

#[test]
fn portfolio_writes_user_points_sites_and_lines_to_them() {
    let coords = shipped_coords();
    let dir = Dir::new();
    let scenario = repo().join("examples/xiaomi-portfolio.toml");
    dir.run(&[
        "portfolio",
        scenario.to_str().unwrap(),
        "--out",
        "p",
        "--k",
        "2",
        "--draws",
        "0",
    ])
    .ok();
    let doc = read_json(&dir, "p/assignment.geojson");
    let features = check_collection(&doc, "assignment.geojson");
    let assignment = Csv::parse(&dir.read("p/assignment.csv"));
    let kind = |k: &str| -> Vec<&Value> {
        features
            .iter()
            .filter(|f| f["properties"]["kind"] == k)
            .collect()
    };
    let (users, links, sites) = (kind("user"), kind("link"), kind("site"));
    assert_eq!(
        users.len(),
        assignment.rows.len(),
        "one user point per assignment row"
    );
    assert_eq!(links.len(), users.len(), "one line per user point");
    assert_eq!(sites.len(), 2, "the two chosen sites");
    for (u, l) in users.iter().zip(&links) {
        let (pu, pl) = (&u["properties"], &l["properties"]);
        assert_eq!(pu["point_id"], pl["point_id"]);
        let site = pl["site_id"].as_str().unwrap();
        let path = check_geometry(&l["geometry"], "link");
        let start = check_geometry(&u["geometry"], "user")[0];
        assert_eq!(path[0], start, "a line starts at its user point");
        let (lat, lon) = coords[site];
        assert_eq!(*path.last().unwrap(), (lon, lat), "a line ends at its site");
    }
    strict_read(&dir, &["p/assignment.geojson"]);
}
