//! Latency: round-trip time from each site to each user point, on one of two paths.
//!
//! **Backbone** (region to region on a provider's network):
//! `rtt_ms = 2 · L · f / v + o + b`, with L the length of the path through the cable
//! corridors ([`super::routes`]: the great circle within a region, via landing hubs between
//! regions), f the route factor (fibre length / path length), v = 204 km/ms the speed of light
//! in fibre (c / 1.47), o a fixed overhead (switching, serialisation) and b the border
//! penalty: when the user's country differs from the site's, the `border_rtt_penalty_ms`
//! of both countries (national filtering on cross-border paths, `jurisdictions.csv`; a
//! country without a row has none).
//!
//! Defaults f = 1.33 and o = 9.0 ms minimise the mean absolute error against 378 measured
//! median RTTs between Azure regions (Microsoft, "Azure network round-trip latency
//! statistics", 30 days to 2026-07-30; `data/reference/latency_measured.csv`): median
//! absolute error 7.0 ms, worst 41 ms (a single route factor on great circles: 14.6 and
//! 200 ms); the comparison is in `docs/models.md`.
//!
//! **Internet** (users to a data centre over access networks and the public Internet):
//! `rtt_ms = 2 · Lᵢ · fᵢ / v + o + oₚ · (1 − exp(−Lᵢ / dₚ)) + b`, with Lᵢ the corridor path
//! with the public Internet's peering detours ([`super::routes::path_km_on`], never shorter
//! than L), fᵢ = 1.46 the public routing inflation and a short-haul overhead oₚ = 8.25 ms that
//! grows over dₚ = 1,000 km (access aggregation, transit and peering away from the shortest
//! path): the distance-aware overhead starts at the backbone's o at zero distance. fᵢ, oₚ
//! and dₚ were fitted (mean |ln(model / measured)|, fᵢ ≥ f and oₚ ≥ 0 so that the internet
//! RTT is never below the backbone's) to 434 median RTTs measured by RIPE Atlas: 381 probe →
//! cloud-VM pairs over fixed access (February 2023) and 53 city ↔ city pairs (2018), by
//! `data/reference/internet_rtt/calibrate.py`: median |error| 15.8 % fitted, 15.9 %
//! 10-fold cross-validated, median signed error 0.0 % (docs/models.md).
//!
//! A scenario's `uncertainty.route_factor` draws f; the internet path scales with it
//! (fᵢ · drawn f / 1.33). Metrics over the users (weights: group share × population ×
//! internet use): mean RTT, 95th-percentile RTT (the smallest RTT within which 95 % of the
//! users' weight lies) and the share of users within the scenario's SLA.

use crate::data::Site;
use crate::data::{Jurisdictions, Table};
use crate::error::{Problem, Problems, Result};
use crate::geo::distance_km;
use crate::scenario::{Facility, LatencyPath};
use crate::uncertainty::Dist;

use super::DrawInputs;
use super::routes::{At, path_km_on};
use super::users::Users;

/// Speed of light in optical fibre (km per ms, one way).
pub const FIBRE_KM_PER_MS: f64 = 204.0;
/// Route factor fitted to the Azure inter-region RTTs (on hub paths).
pub const DEFAULT_ROUTE_FACTOR: f64 = 1.33;
/// Fixed overhead (ms) fitted to the Azure inter-region RTTs.
pub const DEFAULT_OVERHEAD_MS: f64 = 9.0;
/// Internet path: public routing inflation, fitted by `internet_rtt/calibrate.py`.
pub const DEFAULT_INTERNET_ROUTE_FACTOR: f64 = 1.46;
/// Internet path: short-haul overhead (ms) reached at long range, fitted likewise.
pub const DEFAULT_PEERING_MS: f64 = 8.25;
/// Internet path: distance scale (km) of the short-haul overhead, fitted on a grid.
pub const DEFAULT_PEERING_KM: f64 = 1000.0;

/// The latency model's parameters: the backbone's and the internet path's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatencyParams {
    /// f: backbone route factor.
    pub route_factor: f64,
    /// o: fixed overhead of both paths at zero distance, ms.
    pub overhead_ms: f64,
    /// fᵢ: route factor of the internet path.
    pub internet_route_factor: f64,
    /// oₚ: the internet path's short-haul overhead at long range, ms.
    pub peering_ms: f64,
    /// dₚ: the distance over which the short-haul overhead builds up, km.
    pub peering_km: f64,
}

impl Default for LatencyParams {
    fn default() -> Self {
        LatencyParams {
            route_factor: DEFAULT_ROUTE_FACTOR,
            overhead_ms: DEFAULT_OVERHEAD_MS,
            internet_route_factor: DEFAULT_INTERNET_ROUTE_FACTOR,
            peering_ms: DEFAULT_PEERING_MS,
            peering_km: DEFAULT_PEERING_KM,
        }
    }
}

impl LatencyParams {
    /// One pair on `path` as (path length at the backbone route factor, km; overhead, ms),
    /// so that `rtt_ms(km, route_factor, overhead + border)` is its RTT and a drawn route
    /// factor scales both paths alike.
    pub fn leg(&self, path: LatencyPath, a: At<'_>, b: At<'_>) -> (f64, f64) {
        self.leg_of(path, path_km_on(path, a, b))
    }

    /// [`Self::leg`] for a path of length `l` km on `path`.
    pub fn leg_of(&self, path: LatencyPath, l: f64) -> (f64, f64) {
        match path {
            LatencyPath::Backbone => (l, self.overhead_ms),
            LatencyPath::Internet => (
                l * self.internet_route_factor / self.route_factor,
                self.overhead_ms + self.peering_ms * (1.0 - (-l / self.peering_km).exp()),
            ),
        }
    }

    /// RTT (ms) of one pair on `path` with a border penalty of `border_ms`.
    pub fn rtt(&self, path: LatencyPath, a: At<'_>, b: At<'_>, border_ms: f64) -> f64 {
        let (km, extra) = self.leg(path, a, b);
        rtt_ms(km, self.route_factor, extra + border_ms)
    }
}

/// Round-trip time for a distance, route factor and fixed extra delay.
pub fn rtt_ms(distance_km: f64, route_factor: f64, extra_ms: f64) -> f64 {
    2.0 * distance_km * route_factor / FIBRE_KM_PER_MS + extra_ms
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Output {
    pub mean_rtt_ms: f64,
    pub p95_rtt_ms: f64,
    pub sla_share: f64,
}

/// Per-site static part: distance and fixed extra delay to every user point.
#[derive(Debug, Clone)]
pub struct Latency {
    pub params: LatencyParams,
    pub route_factor: Dist,
    pub sla_ms: f64,
    /// Path length at the backbone route factor (km), `distance_km[site][point]`: the
    /// internet path's is scaled by fᵢ / f ([`LatencyParams::leg`]).
    pub distance_km: Vec<Vec<f64>>,
    /// The corridor path length itself (km), before any route factor, `path_km[site][point]`.
    pub path_km: Vec<Vec<f64>>,
    /// overhead (distance-aware on the internet path) + border penalties,
    /// `extra_ms[site][point]`
    pub extra_ms: Vec<Vec<f64>>,
}

/// Sorting state for the percentile: each site's points in last draw's RTT order, so that
/// an insertion sort costs about O(points) per draw when the order barely changes.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    order: Vec<Vec<u32>>,
    rtt: Vec<f64>,
}

impl Latency {
    /// Distances and fixed delays from every site to every user point, each point on its
    /// group's path, with the model's parameters `params`.
    pub fn build(
        users: &Users,
        xy: &[(f64, f64)],
        sites: &[Site],
        juris: &Jurisdictions,
        facility: &Facility,
        params: &LatencyParams,
    ) -> Result<Latency> {
        let mut problems = Problems::default();
        let mut penalty = |cc: &str| match juris.row(cc) {
            Some(_) => juris
                .number(cc, "border_rtt_penalty_ms", "latency")
                .unwrap_or_else(|p| {
                    problems.push(p);
                    0.0
                }),
            None => 0.0,
        };
        let site_pen: Vec<f64> = sites.iter().map(|s| penalty(&s.country)).collect();
        let point_pen: Vec<f64> = users.points.iter().map(|p| penalty(&p.country)).collect();
        let mut distance = Vec::with_capacity(sites.len());
        let mut paths = Vec::with_capacity(sites.len());
        let mut extra = Vec::with_capacity(sites.len());
        for (i, s) in sites.iter().enumerate() {
            let (lat, lon) = xy[i];
            let site = At {
                lat,
                lon,
                country: Some(&s.country),
            };
            let mut d = Vec::with_capacity(users.points.len());
            let mut l = Vec::with_capacity(users.points.len());
            let mut e = Vec::with_capacity(users.points.len());
            for (p, pp) in users.points.iter().zip(&point_pen) {
                let point = At {
                    lat: p.lat,
                    lon: p.lon,
                    country: Some(&p.country),
                };
                let path = users.paths[p.group];
                let length = path_km_on(path, site, point);
                let (km, overhead) = params.leg_of(path, length);
                let border = if p.country != s.country {
                    pp + site_pen[i]
                } else {
                    0.0
                };
                d.push(km);
                l.push(length);
                e.push(overhead + border);
            }
            distance.push(d);
            paths.push(l);
            extra.push(e);
        }
        problems.into_result(Latency {
            params: *params,
            route_factor: Dist::Fixed(params.route_factor),
            sla_ms: facility.latency_sla_ms,
            distance_km: distance,
            path_km: paths,
            extra_ms: extra,
        })
    }

    /// Replaces modelled RTTs by measured ones from a table `site_id, city_id, rtt_ms`:
    /// every user point that is that city gets that RTT from that site, whatever the route
    /// factor (the measurement includes border effects). Rows for sites that are not
    /// candidates, or cities that are not user points, are ignored; bad cells are problems.
    pub fn apply_measured(&mut self, t: &Table, sites: &[Site], users: &Users) -> Result<usize> {
        let mut problems = Problems::default();
        let cols = ["site_id", "city_id", "rtt_ms"]
            .map(|c| t.require(c).map_err(|p| problems.push(p)).ok());
        let [Some(sc), Some(cc), Some(rc)] = cols else {
            return Err(problems.into());
        };
        let mut applied = 0;
        for row in 0..t.len() {
            let rtt = match t.number_in(row, rc, 0.0, 10_000.0) {
                Ok(v) => v,
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
            let Some(i) = sites.iter().position(|s| s.id == t.text(row, sc)) else {
                continue;
            };
            for (k, p) in users.points.iter().enumerate() {
                if p.id == t.text(row, cc) {
                    self.distance_km[i][k] = 0.0;
                    self.extra_ms[i][k] = rtt;
                    applied += 1;
                }
            }
        }
        problems.into_result(applied)
    }

    /// Uses the scenario's route-factor distribution instead of the fitted constant.
    pub fn with_route_factor(mut self, d: Option<&Dist>) -> Latency {
        if let Some(d) = d {
            self.route_factor = d.clone();
        }
        self
    }

    pub fn scratch(&self) -> Scratch {
        let n = self.distance_km.first().map_or(0, Vec::len);
        Scratch {
            order: (0..self.distance_km.len())
                .map(|_| (0..n as u32).collect())
                .collect(),
            rtt: vec![0.0; n],
        }
    }

    /// RTT from site `i` to every user point.
    pub fn rtts(&self, i: usize, route_factor: f64, out: &mut [f64]) {
        for ((o, d), e) in out
            .iter_mut()
            .zip(&self.distance_km[i])
            .zip(&self.extra_ms[i])
        {
            *o = rtt_ms(*d, route_factor, *e);
        }
    }

    pub fn at(&self, i: usize, users: &Users, inputs: &DrawInputs, s: &mut Scratch) -> Output {
        self.rtts(i, inputs.route_factor, &mut s.rtt);
        let weight = |k: usize| {
            let p = &users.points[k];
            inputs.user_share[p.group] * p.weight
        };
        let (mut mean, mut within, mut total) = (0.0, 0.0, 0.0);
        for (k, &r) in s.rtt.iter().enumerate() {
            let w = weight(k);
            mean += w * r;
            total += w;
            if r <= self.sla_ms {
                within += w;
            }
        }
        let order = &mut s.order[i];
        let rtt = &s.rtt;
        for a in 1..order.len() {
            let mut b = a;
            while b > 0 && rtt[order[b - 1] as usize] > rtt[order[b] as usize] {
                order.swap(b - 1, b);
                b -= 1;
            }
        }
        let mut acc = 0.0;
        let mut p95 = rtt.iter().copied().fold(0.0, f64::max);
        for &k in order.iter() {
            acc += weight(k as usize);
            if acc >= 0.95 * total - 1e-12 {
                p95 = rtt[k as usize];
                break;
            }
        }
        Output {
            mean_rtt_ms: if total > 0.0 { mean / total } else { 0.0 },
            p95_rtt_ms: p95,
            sla_share: if total > 0.0 { within / total } else { 0.0 },
        }
    }
}

/// A point for `dcsite latency`: `id, lat, lon` and an optional `country`.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub id: String,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
}

/// Reads places from a table with columns `id, lat, lon` (optional `country`).
pub fn places(t: &Table) -> Result<Vec<Place>> {
    let mut problems = Problems::default();
    let cols = ["id", "lat", "lon"].map(|c| t.require(c).map_err(|p| problems.push(p)).ok());
    let [Some(id), Some(lat), Some(lon)] = cols else {
        return Err(problems.into());
    };
    let mut out = Vec::with_capacity(t.len());
    let mut seen = std::collections::HashMap::new();
    for row in 0..t.len() {
        let key = t.text(row, id);
        if let Some(first) = seen.insert(key, t.line(row)) {
            problems.push(
                Problem::new(
                    &t.name,
                    format!("row {}, column id", row + 1),
                    format!("duplicate id (first on line {first})"),
                )
                .line(t.line(row))
                .value(format!("{key:?}")),
            );
        }
        match (
            t.number_in(row, lat, -90.0, 90.0),
            t.number_in(row, lon, -180.0, 180.0),
        ) {
            (Ok(a), Ok(b)) => out.push(Place {
                id: t.text(row, id).to_owned(),
                lat: a,
                lon: b,
                country: Some(t.text_or_empty(row, "country").to_owned()).filter(|c| !c.is_empty()),
            }),
            (a, b) => problems.0.extend(a.err().into_iter().chain(b.err())),
        }
    }
    problems.into_result(out)
}

fn at(p: &Place) -> At<'_> {
    At {
        lat: p.lat,
        lon: p.lon,
        country: p.country.as_deref(),
    }
}

/// One row of a latency matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub from_id: String,
    pub to_id: String,
    pub distance_km: f64,
    pub rtt_ms: f64,
}

/// Modelled RTT on `path` between every `from` and every `to` place, with the fitted
/// parameters, and border penalties where both countries are known and differ. Any country
/// code is accepted; one without a row in `juris` has no penalty.
pub fn matrix(
    from: &[Place],
    to: &[Place],
    juris: &Jurisdictions,
    path: LatencyPath,
) -> Result<Vec<Pair>> {
    let mut problems = Problems::default();
    // A country without a jurisdictions row has no border penalty (docs/models.md).
    let mut penalty = |cc: &Option<String>| match cc {
        Some(c) if juris.contains(c) => juris
            .number(c, "border_rtt_penalty_ms", "latency")
            .unwrap_or_else(|p| {
                problems.push(p);
                0.0
            }),
        _ => 0.0,
    };
    let fp: Vec<f64> = from.iter().map(|p| penalty(&p.country)).collect();
    let tp: Vec<f64> = to.iter().map(|p| penalty(&p.country)).collect();
    let params = LatencyParams::default();
    let mut out = Vec::with_capacity(from.len() * to.len());
    for (a, pa) in from.iter().zip(&fp) {
        for (b, pb) in to.iter().zip(&tp) {
            let border = match (&a.country, &b.country) {
                (Some(x), Some(y)) if x != y => pa + pb,
                _ => 0.0,
            };
            out.push(Pair {
                from_id: a.id.clone(),
                to_id: b.id.clone(),
                distance_km: distance_km(a.lat, a.lon, b.lat, b.lon),
                rtt_ms: params.rtt(path, at(a), at(b), border),
            });
        }
    }
    problems.into_result(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::factors::routes::path_km;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    fn place(lat: f64, lon: f64, cc: &str) -> At<'_> {
        At {
            lat,
            lon,
            country: Some(cc),
        }
    }

    /// Worked examples against medians measured by RIPE Atlas in February 2023 (ICMP, probes
    /// on fixed access → GCP VMs; msm 49920590–49970758 via `floh22/cmb-atlas-results`,
    /// `data/reference/internet_rtt/pairs.csv`):
    /// - Hong Kong → Osaka (asia-northeast2), 2,490 km: 50.0, 50.6 and 51.0 ms (probes
    ///   1004682, 14833, 54778, home-wired);
    /// - Bogotá → São Paulo (southamerica-east1), 4,420–4,570 km: 154.8–165.1 ms (five
    ///   pairs): a path through Miami.
    ///
    /// The internet path is within 10 % of both; the backbone is 18 % and 58 % low.
    #[test]
    fn internet_path_worked_examples() {
        let p = LatencyParams::default();
        let (hkg, osaka) = (place(22.32, 114.17, "HK"), place(34.69, 135.50, "JP"));
        let hk = p.rtt(LatencyPath::Internet, hkg, osaka, 0.0);
        assert!((hk - 50.6).abs() / 50.6 < 0.10, "{hk}");
        let (bog, sao) = (place(4.71, -74.07, "CO"), place(-23.55, -46.63, "BR"));
        let co = p.rtt(LatencyPath::Internet, bog, sao, 0.0);
        assert!((co - 160.0).abs() / 160.0 < 0.10, "{co}");
        assert!(p.rtt(LatencyPath::Backbone, hkg, osaka, 0.0) < 0.85 * 50.6);
        assert!(p.rtt(LatencyPath::Backbone, bog, sao, 0.0) < 0.5 * 160.0);
    }

    /// The internet path against the calibration pairs, with the same selection as
    /// `data/reference/internet_rtt/calibrate.py` (fixed access, median RTT, plus the
    /// Shadow-atlas city pairs; border penalties of the shipped jurisdictions): pins its
    /// fitted errors, median |error| 15.8 % and median signed error 0.0 %, and that the
    /// backbone runs about 19 % low on the same pairs.
    #[test]
    fn internet_path_against_its_calibration_pairs() {
        let t = Table::parse(
            "pairs_extra.csv",
            include_str!("../../data/reference/internet_rtt/pairs_extra.csv"),
        )
        .unwrap();
        let juris = Jurisdictions::new(
            Table::parse(
                "jurisdictions.csv",
                include_str!("../../data/jurisdictions.csv"),
            )
            .unwrap(),
        )
        .unwrap();
        let pen = |cc: &str| {
            juris
                .number(cc, "border_rtt_penalty_ms", "latency")
                .unwrap_or(0.0)
        };
        let p = LatencyParams::default();
        let (mut internet, mut backbone) = (Vec::new(), Vec::new());
        for r in 0..t.len() {
            let text = |c: &str| t.text(r, t.require(c).unwrap());
            let num = |c: &str| t.number(r, t.require(c).unwrap()).unwrap();
            let fit = matches!(
                text("access"),
                "home-wired" | "wifi" | "mixed" | "atlas-probe"
            ) && matches!(text("statistic"), "median" | "2x_mean_of_half_median_rtt");
            if !fit {
                continue;
            }
            let (ca, cb) = (text("src_country"), text("dst_country"));
            let a = place(num("src_lat"), num("src_lon"), ca);
            let b = place(num("dst_lat"), num("dst_lon"), cb);
            let border = if ca != cb { pen(ca) + pen(cb) } else { 0.0 };
            let y = num("rtt_ms");
            internet.push((p.rtt(LatencyPath::Internet, a, b, border) - y) / y);
            backbone.push((p.rtt(LatencyPath::Backbone, a, b, border) - y) / y);
        }
        assert_eq!(internet.len(), 434);
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let mut abs: Vec<f64> = internet.iter().map(|e| e.abs()).collect();
        let (a, s, b) = (
            median(&mut abs),
            median(&mut internet),
            median(&mut backbone),
        );
        assert!((0.15..0.165).contains(&a), "median |error| {a}");
        assert!(s.abs() < 0.01, "median signed error {s}");
        assert!(
            (-0.20..-0.17).contains(&b),
            "backbone median signed error {b}"
        );
    }

    fn anywhere() -> impl Strategy<Value = (f64, f64, Option<&'static str>)> {
        let cc = prop::sample::select(vec![
            None,
            Some("DE"),
            Some("CN"),
            Some("CO"),
            Some("US"),
            Some("RU"),
            Some("BR"),
            Some("SG"),
            Some("GE"),
        ]);
        (-60.0..70.0f64, -180.0..180.0f64, cc)
    }

    proptest! {
        /// internet ≥ backbone ≥ the fibre bound (light in fibre on the great circle).
        #[test]
        fn internet_is_never_below_backbone_nor_backbone_below_physics(
            a in anywhere(),
            b in anywhere(),
            border in 0.0..80.0f64,
        ) {
            let p = LatencyParams::default();
            let (a, b) = (At { lat: a.0, lon: a.1, country: a.2 }, At { lat: b.0, lon: b.1, country: b.2 });
            let fibre = rtt_ms(distance_km(a.lat, a.lon, b.lat, b.lon), 1.0, 0.0);
            let bb = p.rtt(LatencyPath::Backbone, a, b, border);
            let inet = p.rtt(LatencyPath::Internet, a, b, border);
            prop_assert!(bb >= fibre - 1e-9, "backbone {bb} < fibre {fibre}");
            prop_assert!(inet >= bb - 1e-9, "internet {inet} < backbone {bb}");
        }

        /// Along one country's great circle (a national backbone), RTT rises with distance
        /// on both paths.
        #[test]
        fn rtt_rises_with_distance_within_a_country(
            lat in -40.0..40.0f64,
            lon in -170.0..170.0f64,
            d1 in 0.0..40.0f64,
            d2 in 0.0..40.0f64,
        ) {
            let (near, far) = (d1.min(d2), d1.max(d2));
            let p = LatencyParams::default();
            let o = place(lat, lon, "XX");
            for path in [LatencyPath::Backbone, LatencyPath::Internet] {
                let r1 = p.rtt(path, o, place(lat + near / 2.0, lon + near / 2.0, "XX"), 0.0);
                let r2 = p.rtt(path, o, place(lat + far / 2.0, lon + far / 2.0, "XX"), 0.0);
                prop_assert!(r1 <= r2 + 1e-9, "{path}: {r1} > {r2}");
            }
        }
    }

    /// The model against 378 measured median RTTs between Azure regions (Microsoft, "Azure
    /// network round-trip latency statistics", 30 days to 2026-07-30). Pins the calibration
    /// reported in docs/models.md: median absolute error 7.0 ms, median relative 6 %,
    /// worst 41 ms (a single route factor on great circles gives 14.6 ms, 13 %, 200 ms).
    #[test]
    fn error_against_published_azure_rtts() {
        let t = Table::parse(
            "latency_measured.csv",
            include_str!("../../data/reference/latency_measured.csv"),
        )
        .unwrap();
        let col = |c: &str| t.require(c).unwrap();
        let (fa, fo, ta, to, rtt) = (
            col("from_lat"),
            col("from_lon"),
            col("to_lat"),
            col("to_lon"),
            col("rtt_ms"),
        );
        let mut abs = Vec::new();
        let mut rel = Vec::new();
        for r in 0..t.len() {
            let n = |c| t.number(r, c).unwrap();
            let d = distance_km(n(fa), n(fo), n(ta), n(to));
            let at = |lat, lon| At {
                lat,
                lon,
                country: None,
            };
            let path = path_km(at(n(fa), n(fo)), at(n(ta), n(to)));
            let model = rtt_ms(path, DEFAULT_ROUTE_FACTOR, DEFAULT_OVERHEAD_MS);
            // Physics: no measured RTT beats light in fibre along the great circle.
            assert!(n(rtt) >= rtt_ms(d, 1.0, 0.0), "row {r}");
            abs.push((model - n(rtt)).abs());
            rel.push((model - n(rtt)).abs() / n(rtt));
        }
        assert_eq!(abs.len(), 378);
        abs.sort_by(f64::total_cmp);
        rel.sort_by(f64::total_cmp);
        let median = abs[abs.len() / 2];
        assert!(
            (6.5..7.5).contains(&median),
            "median absolute error {median} ms"
        );
        assert!(
            rel[rel.len() / 2] < 0.065,
            "median relative error {}",
            rel[rel.len() / 2]
        );
        assert!(*abs.last().unwrap() < 45.0, "worst {}", abs.last().unwrap());
    }

    #[test]
    fn measured_overrides_replace_the_model_for_their_pairs() {
        let dir = tempfile::tempdir().unwrap();
        let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        w(
            "sites.csv",
            "id,name,country,lat,lon\na,A,XX,0,0\nb,B,XX,0,10\n",
        );
        w(
            "cities.csv",
            "id,name,country,lat,lon,population\nc1,C1,XX,0,1,1000000\nc2,C2,XX,0,9,1000000\n",
        );
        w(
            "jur.csv",
            "country,localization,internet_users_pct,border_rtt_penalty_ms,gov_access_risk\nXX,none,100,0,0.1\n",
        );
        w(
            "m.toml",
            "name = \"m\"\n[[criteria]]\nid = \"rtt\"\nfactor = \"latency.mean_rtt_ms\"\ndirection = \"min\"\nweight = 1\n",
        );
        w(
            "lat.csv",
            "site_id,city_id,rtt_ms\na,c2,3.5\nnot-a-candidate,c1,1\n",
        );
        w(
            "s.toml",
            "name = \"t\"\nmodel = \"m.toml\"\n[data]\nsites = \"sites.csv\"\ncities = \"cities.csv\"\n\
             jurisdictions = \"jur.csv\"\nlatency = \"lat.csv\"\n[[users]]\nname = \"u\"\ncountries = [\"XX\"]\nshare = 1\n\
             [[users]]\nname = \"v\"\nmetros = [\"c1\"]\nshare = 1\nlatency_path = \"backbone\"\n",
        );
        let world = crate::World::build(crate::Scenario::load(&dir.path().join("s.toml")).unwrap())
            .unwrap();
        let l = world.factors.latency().unwrap();
        let mut rtt = vec![0.0; 3];
        l.rtts(0, DEFAULT_ROUTE_FACTOR, &mut rtt);
        // a → c2 is measured (3.5 ms, far below the ~1,000 km model); a → c1 is modelled.
        assert_eq!(rtt[1], 3.5);
        // Users default to the internet path.
        let xx = |lon| At {
            lat: 0.0,
            lon,
            country: Some("XX"),
        };
        let expected = LatencyParams::default().rtt(LatencyPath::Internet, xx(0.0), xx(1.0), 0.0);
        let d = distance_km(0.0, 0.0, 0.0, 1.0);
        assert_abs_diff_eq!(
            expected,
            rtt_ms(d, DEFAULT_INTERNET_ROUTE_FACTOR, DEFAULT_OVERHEAD_MS)
                + DEFAULT_PEERING_MS * (1.0 - (-d / DEFAULT_PEERING_KM).exp()),
            epsilon = 1e-9
        );
        assert_abs_diff_eq!(rtt[0], expected, epsilon = 1e-9);
        // Group v reaches the same city on the backbone: today's formula, and lower.
        assert_abs_diff_eq!(
            rtt[2],
            rtt_ms(d, DEFAULT_ROUTE_FACTOR, DEFAULT_OVERHEAD_MS),
            epsilon = 1e-9
        );
        assert!(rtt[2] < rtt[0]);
        assert!(
            world.files.iter().any(|f| f.name.ends_with("lat.csv")),
            "recorded as an input file"
        );
    }

    #[test]
    fn matrix_accepts_countries_without_a_jurisdiction_row() {
        let juris = Jurisdictions::new(
            Table::parse("j.csv", "country,border_rtt_penalty_ms\nCN,40\nDE,0\n").unwrap(),
        )
        .unwrap();
        let place = |id: &str, lat, lon, cc: &str| Place {
            id: id.into(),
            lat,
            lon,
            country: Some(cc.into()),
        };
        // Tirana (AL) and Tbilisi (GE) have no row: no penalty, no error.
        let from = [
            place("tia", 41.33, 19.82, "AL"),
            place("pek", 39.9, 116.4, "CN"),
        ];
        let to = [place("tbs", 41.72, 44.79, "GE")];
        for path in [LatencyPath::Backbone, LatencyPath::Internet] {
            let m = matrix(&from, &to, &juris, path).unwrap();
            let model = |a: &Place, b: &Place, extra| {
                LatencyParams::default().rtt(path, at(a), at(b), extra)
            };
            assert_abs_diff_eq!(m[0].rtt_ms, model(&from[0], &to[0], 0.0), epsilon = 1e-9);
            // China's 40 ms still applies on its side.
            assert_abs_diff_eq!(m[1].rtt_ms, model(&from[1], &to[0], 40.0), epsilon = 1e-9);
        }
        // The backbone is today's formula.
        let m = matrix(&from, &to, &juris, LatencyPath::Backbone).unwrap();
        assert_abs_diff_eq!(
            m[0].rtt_ms,
            rtt_ms(
                path_km(at(&from[0]), at(&to[0])),
                DEFAULT_ROUTE_FACTOR,
                DEFAULT_OVERHEAD_MS
            ),
            epsilon = 1e-9
        );
    }

    #[test]
    fn rtt_hand_computed() {
        // 1,020 km at route factor 1.5: 2 · 1020 · 1.5 / 204 = 15 ms, plus 8.5 ms.
        assert_abs_diff_eq!(rtt_ms(1020.0, 1.5, 8.5), 23.5);
    }

    #[test]
    fn rtt_rises_with_distance() {
        let mut last = 0.0;
        for d in [0.0, 10.0, 500.0, 5000.0, 15000.0] {
            let r = rtt_ms(d, DEFAULT_ROUTE_FACTOR, DEFAULT_OVERHEAD_MS);
            assert!(r >= last);
            last = r;
        }
    }
}
