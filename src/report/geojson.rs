//! GeoJSON (RFC 7946) writers: `ranking.geojson`, one point per candidate site with its
//! headline results, and the geometry helpers that `dcsite portfolio` uses for
//! `assignment.geojson`.
//!
//! RFC 7946 fixes the coordinate reference system to WGS 84 and the order of a position to
//! longitude, latitude (§3.1.1, §4); it has no `crs` member. A line that crosses the
//! antimeridian is cut there into a MultiLineString (§3.1.9), so a map does not draw it
//! across the whole world.

use serde_json::{Value, json};

use crate::results::Results;

/// A position: `[lon, lat]`.
fn position(lat: f64, lon: f64) -> Value {
    json!([lon, lat])
}

/// A Point geometry at (lat, lon) in degrees, or `null` without coordinates (RFC 7946 §3.2
/// allows a feature without a geometry).
pub fn point(coords: Option<(f64, f64)>) -> Value {
    match coords {
        Some((lat, lon)) => json!({ "type": "Point", "coordinates": position(lat, lon) }),
        None => Value::Null,
    }
}

/// The line from `a` to `b` (each (lat, lon) in degrees), straight in longitude and
/// latitude, taking the shorter way round: a LineString, or a MultiLineString cut at the
/// antimeridian when the shorter way crosses it.
pub fn line(a: (f64, f64), b: (f64, f64)) -> Value {
    let ((lat_a, lon_a), (lat_b, lon_b)) = (a, b);
    if (lon_b - lon_a).abs() <= 180.0 {
        return json!({
            "type": "LineString",
            "coordinates": [position(lat_a, lon_a), position(lat_b, lon_b)],
        });
    }
    // Unwrap b next to a, then cut where the unwrapped line reaches ±180.
    let east = lon_a > lon_b; // the short way from a runs east, over +180
    let edge = if east { 180.0 } else { -180.0 };
    let lon_b_unwrapped = if east { lon_b + 360.0 } else { lon_b - 360.0 };
    let t = (edge - lon_a) / (lon_b_unwrapped - lon_a);
    let lat_x = lat_a + t * (lat_b - lat_a);
    json!({
        "type": "MultiLineString",
        "coordinates": [
            [position(lat_a, lon_a), position(lat_x, edge)],
            [position(lat_x, -edge), position(lat_b, lon_b)],
        ],
    })
}

/// A Feature with `geometry` and `properties` (an object).
pub fn feature(geometry: Value, properties: Value) -> Value {
    json!({ "type": "Feature", "geometry": geometry, "properties": properties })
}

/// A FeatureCollection document: compact JSON with one feature a line, so that large
/// collections stay small and line-oriented tools can read them.
pub fn collection(features: Vec<Value>) -> Vec<u8> {
    let mut bytes = b"{\"type\":\"FeatureCollection\",\"features\":[".to_vec();
    for (k, f) in features.iter().enumerate() {
        bytes.extend_from_slice(if k == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut bytes, f).expect("GeoJSON serialises");
    }
    bytes.extend_from_slice(b"\n]}\n");
    bytes
}

/// `ranking.geojson`: one Point feature per candidate in `ranking.csv` order, with the
/// ranking's headline columns as properties. The Monte Carlo properties are `null` without
/// draws, so every feature has the same properties (GIS readers want one schema per layer).
pub fn ranking(r: &Results) -> Vec<u8> {
    let features = r
        .order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let s = &r.sites[i];
            let st = s.stats.as_ref();
            let properties = json!({
                "rank": k + 1,
                "site_id": s.id,
                "name": s.name,
                "country": s.country,
                "score_base": s.base.score,
                "feasible_base": s.base.feasible,
                "broken_rule_base": s.base.broken_rule.as_deref().unwrap_or_default(),
                "p_first": st.map(|t| t.p_first),
                "expected_rank": st.map(|t| t.expected_rank),
                "score_mean": st.map(|t| t.score.mean),
                "score_p05": st.map(|t| t.score.p05),
                "score_p50": st.map(|t| t.score.p50),
                "score_p95": st.map(|t| t.score.p95),
                "feasible_share": st.map(|t| t.feasible_share),
                // Undefined for a site that never ranked first (no central weights).
                "confidence_factor": st.and_then(|t| t.confidence_factor),
            });
            feature(point(s.coords), properties)
        })
        .collect();
    collection(features)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_is_one_json_document() {
        let fs = vec![
            feature(point(Some((1.0, 2.0))), json!({"a": 1})),
            feature(Value::Null, json!({})),
        ];
        let doc: Value = serde_json::from_slice(&collection(fs.clone())).unwrap();
        assert_eq!(doc, json!({ "type": "FeatureCollection", "features": fs }));
        let empty: Value = serde_json::from_slice(&collection(Vec::new())).unwrap();
        assert_eq!(empty["features"], json!([]));
    }

    #[test]
    fn a_point_is_lon_lat() {
        let p = point(Some((26.5, 106.7)));
        assert_eq!(p, json!({ "type": "Point", "coordinates": [106.7, 26.5] }));
        assert_eq!(point(None), Value::Null);
    }

    #[test]
    fn a_line_that_does_not_cross_the_antimeridian_is_one_segment() {
        let l = line((1.3, 103.8), (50.1, 8.7));
        assert_eq!(l["type"], "LineString");
        assert_eq!(l["coordinates"], json!([[103.8, 1.3], [8.7, 50.1]]));
    }

    #[test]
    fn a_line_across_the_pacific_is_cut_at_the_antimeridian() {
        // Singapore to The Dalles, Oregon: the short way runs east over +180.
        let (a, b) = ((1.3, 103.8), (45.6, -121.2));
        let l = line(a, b);
        assert_eq!(l["type"], "MultiLineString");
        let c = &l["coordinates"];
        assert_eq!(c[0][0], json!([103.8, 1.3]));
        assert_eq!(c[0][1][0], 180.0);
        assert_eq!(c[1][0][0], -180.0);
        assert_eq!(c[1][1], json!([-121.2, 45.6]));
        // The cut is at the same latitude on both sides, between the ends, where the
        // unwrapped line (lon 103.8 → 238.8) reaches 180.
        let lat_x = c[0][1][1].as_f64().unwrap();
        assert_eq!(c[1][0][1].as_f64().unwrap(), lat_x);
        let t = (180.0 - 103.8) / (238.8 - 103.8);
        approx::assert_relative_eq!(lat_x, 1.3 + t * (45.6 - 1.3), epsilon = 1e-12);
        // And the other way round: west over −180.
        let back = line(b, a);
        assert_eq!(back["coordinates"][0][1][0], -180.0);
        assert_eq!(back["coordinates"][1][0][0], 180.0);
    }
}
