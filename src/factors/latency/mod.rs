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
//! absolute error 6.8 ms, worst 40 ms (a single route factor on great circles: 14.6 and
//! 200 ms); the comparison is in `docs/models.md`.
//!
//! **Internet** (users to a data centre over access networks and the public Internet):
//! `rtt_ms = 2 · Lᵢ · fᵢ / v + oᵢ + oₚ · (1 − exp(−Lᵢ / dₚ)) + oₓ · X + b`, with Lᵢ the
//! corridor path with the public Internet's peering detours ([`super::routes::path_km_on`],
//! never shorter than L), fᵢ = 1.44 the public routing inflation, a distance-aware overhead
//! that starts at oᵢ = 4.2 ms at zero distance and grows by oₚ = 11.3 ms over
//! dₚ = 1,000 km (access aggregation, transit and peering away from the shortest path), and
//! oₓ = 3.1 ms when X = 1, i.e. the two ends are in different countries (both known): such a
//! pair is handed from one national network to another at an exchange or transit point off
//! the direct path, while a domestic pair stays on one network or meets at a national
//! exchange (European anchors 100–1,000 km apart: 2–5 ms more across a border than within a
//! country at the same distance, in 2024 and in 2018). fᵢ, oₚ, dₚ, oᵢ and oₓ were fitted
//! (mean |ln(model / measured)|, each of three campaigns weighted equally, fᵢ ≥ f, oₚ ≥ 0,
//! oᵢ ≥ 0, oₓ ≥ 0) by `data/reference/internet_rtt/calibrate.py` to public RIPE Atlas
//! measurements: 381 probe → cloud-VM medians over fixed access (February 2023) and 25,505
//! city ↔ city medians of hourly minimum RTTs between anchors of the anchoring mesh (Europe,
//! August 2024; US, May 2024). At short range the internet RTT is below the backbone's (whose
//! 9 ms overhead is fitted on region pairs hundreds of km apart); it is never below light in
//! fibre on the great circle. On 25,478 held-out city pairs of a worldwide snapshot of the
//! anchoring mesh (January 2018): median |error| 14.6 %, signed −1.7 %. Errors, fitted and
//! cross-validated, per campaign, distance band and domestic or cross-border: docs/models.md.
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
pub const DEFAULT_INTERNET_ROUTE_FACTOR: f64 = 1.44;
/// Internet path: overhead (ms) at zero distance, fitted likewise.
pub const DEFAULT_INTERNET_OVERHEAD_MS: f64 = 4.2;
/// Internet path: overhead (ms) added at long range, fitted likewise.
pub const DEFAULT_PEERING_MS: f64 = 11.3;
/// Internet path: distance scale (km) of that added overhead, fitted on a grid.
pub const DEFAULT_PEERING_KM: f64 = 1000.0;
/// Internet path: overhead (ms) of a pair whose ends are in two countries, fitted likewise.
pub const DEFAULT_CROSS_BORDER_MS: f64 = 3.1;

/// The latency model's parameters: the backbone's and the internet path's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatencyParams {
    /// f: backbone route factor.
    pub route_factor: f64,
    /// o: fixed overhead of the backbone path, ms.
    pub overhead_ms: f64,
    /// fᵢ: route factor of the internet path.
    pub internet_route_factor: f64,
    /// oᵢ: the internet path's overhead at zero distance, ms.
    pub internet_overhead_ms: f64,
    /// oₚ: the overhead the internet path adds at long range, ms.
    pub peering_ms: f64,
    /// dₚ: the distance over which oₚ builds up, km.
    pub peering_km: f64,
    /// oₓ: the overhead the internet path adds between two countries, ms.
    pub cross_border_ms: f64,
}

impl Default for LatencyParams {
    fn default() -> Self {
        LatencyParams {
            route_factor: DEFAULT_ROUTE_FACTOR,
            overhead_ms: DEFAULT_OVERHEAD_MS,
            internet_route_factor: DEFAULT_INTERNET_ROUTE_FACTOR,
            internet_overhead_ms: DEFAULT_INTERNET_OVERHEAD_MS,
            peering_ms: DEFAULT_PEERING_MS,
            peering_km: DEFAULT_PEERING_KM,
            cross_border_ms: DEFAULT_CROSS_BORDER_MS,
        }
    }
}

impl LatencyParams {
    /// One pair on `path` as (path length at the backbone route factor, km; overhead, ms),
    /// so that `rtt_ms(km, route_factor, overhead + border)` is its RTT and a drawn route
    /// factor scales both paths alike.
    /// The pair crosses a border when both countries are known and differ.
    pub fn leg(&self, path: LatencyPath, a: At<'_>, b: At<'_>) -> (f64, f64) {
        let cross_border = matches!((a.country, b.country), (Some(x), Some(y)) if x != y);
        self.leg_of(path, path_km_on(path, a, b), cross_border)
    }

    /// [`Self::leg`] for a path of length `l` km on `path`, between two countries if
    /// `cross_border`.
    pub fn leg_of(&self, path: LatencyPath, l: f64, cross_border: bool) -> (f64, f64) {
        match path {
            LatencyPath::Backbone => (l, self.overhead_ms),
            LatencyPath::Internet => (
                l * self.internet_route_factor / self.route_factor,
                self.internet_overhead_ms
                    + self.peering_ms * (1.0 - (-l / self.peering_km).exp())
                    + if cross_border {
                        self.cross_border_ms
                    } else {
                        0.0
                    },
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

/// Per-draw state: the user points' weights in the draw ([`Latency::weigh`]), and for the
/// percentile each site's points in last draw's RTT order, so that an insertion sort costs
/// about O(points) per draw when the order barely changes.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    order: Vec<Vec<u32>>,
    rtt: Vec<f64>,
    /// Weight of each user point in the draw (its group's share times its weight in the
    /// group), and their sum in point order.
    weight: Vec<f64>,
    total: f64,
    /// Per site: where in its order the weights reached 95 % of the total in the last draw
    /// ([`UNKNOWN`] after a change of order or weights, [`NEVER`] if they did not).
    crossing: Vec<u32>,
}

/// [`Scratch::crossing`] to be found again.
const UNKNOWN: u32 = u32::MAX;
/// [`Scratch::crossing`] when the weights in order never reached 95 % (the percentile is the
/// largest RTT).
const NEVER: u32 = u32::MAX - 1;

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
                let crosses = p.country != s.country;
                let (km, overhead) = params.leg_of(path, length, crosses);
                let border = if crosses { pp + site_pen[i] } else { 0.0 };
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
            weight: vec![0.0; n],
            total: 0.0,
            crossing: vec![UNKNOWN; self.distance_km.len()],
        }
    }

    /// RTT from site `i` to every user point.
    pub fn rtts(&self, i: usize, route_factor: f64, out: &mut [f64]) {
        crate::numeric::vectorised(
            #[inline(always)]
            || {
                for ((o, d), e) in out
                    .iter_mut()
                    .zip(&self.distance_km[i])
                    .zip(&self.extra_ms[i])
                {
                    *o = rtt_ms(*d, route_factor, *e);
                }
            },
        );
    }

    /// The user points' weights in a draw, for every site's [`Latency::at`]: once per draw,
    /// in a dense array, instead of once per site from the points.
    pub fn weigh(&self, users: &Users, inputs: &DrawInputs, s: &mut Scratch) {
        let mut changed = false;
        for (w, p) in s.weight.iter_mut().zip(&users.points) {
            let new = inputs.user_share[p.group] * p.weight;
            changed |= new.to_bits() != w.to_bits();
            *w = new;
        }
        if changed {
            s.total = s.weight.iter().fold(0.0, |t, w| t + w);
            s.crossing.fill(UNKNOWN);
        }
    }

    /// Mean and 95th-percentile RTT from site `i` to the users, and the share within the
    /// SLA, weighted by the draw's [`Latency::weigh`].
    pub fn at(&self, i: usize, route_factor: f64, s: &mut Scratch) -> Output {
        self.rtts(i, route_factor, &mut s.rtt);
        let (weight, total, rtt) = (&s.weight, s.total, &s.rtt);
        let order = &mut s.order[i];
        let (mut mean, mut within) = (0.0, 0.0);
        let mut moved = false;
        // One loop for the weighted sums (chains of dependent adds, in point order) and the
        // insertion sort of the points by RTT (independent of them): the sort's compares run
        // while the adds wait on each other.
        for (a, (&w, &r)) in weight.iter().zip(rtt).enumerate() {
            mean += w * r;
            if r <= self.sla_ms {
                within += w;
            }
            let mut b = a;
            while b > 0 && rtt[order[b - 1] as usize] > rtt[order[b] as usize] {
                order.swap(b - 1, b);
                b -= 1;
                moved = true;
            }
        }
        // The 95th percentile is the point at which the weights summed in RTT order reach
        // 95 % of the total: where it was in the last draw when neither the order nor the
        // weights changed (the same sums, so the same point), else found again.
        let crossing = &mut s.crossing[i];
        if moved {
            *crossing = UNKNOWN;
        }
        if *crossing == UNKNOWN {
            let mut acc = 0.0;
            *crossing = NEVER;
            for (at, &k) in order.iter().enumerate() {
                acc += weight[k as usize];
                if acc >= 0.95 * total - 1e-12 {
                    *crossing = at as u32;
                    break;
                }
            }
        }
        let p95 = match *crossing {
            NEVER => rtt.iter().copied().fold(0.0, f64::max),
            at => rtt[order[at as usize] as usize],
        };
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
    if t.is_empty() {
        problems.push(Problem::new(
            &t.name,
            "",
            "no points: the file has a header only",
        ));
    }
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
            (a, b) => problems.push_all(a.err().into_iter().chain(b.err())),
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
/// code is accepted; one without a row in `juris` has no penalty. The pairs come in the
/// order of `from` and, for each, of `to`, computed as the iterator is read: a matrix of two
/// files of 100,000 points (10¹⁰ pairs) streams instead of filling the memory.
pub fn matrix<'a>(
    from: &'a [Place],
    to: &'a [Place],
    juris: &Jurisdictions,
    path: LatencyPath,
) -> Result<impl Iterator<Item = Pair> + 'a> {
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
    problems.into_result(())?;
    let params = LatencyParams::default();
    let to: std::rc::Rc<[(&Place, f64)]> = to.iter().zip(tp).collect();
    Ok(from.iter().zip(fp).flat_map(move |(a, pa)| {
        let to = std::rc::Rc::clone(&to);
        (0..to.len()).map(move |j| {
            let (b, pb) = to[j];
            let border = match (&a.country, &b.country) {
                (Some(x), Some(y)) if x != y => pa + pb,
                _ => 0.0,
            };
            Pair {
                from_id: a.id.clone(),
                to_id: b.id.clone(),
                distance_km: distance_km(a.lat, a.lon, b.lat, b.lon),
                rtt_ms: params.rtt(path, at(a), at(b), border),
            }
        })
    }))
}

#[cfg(test)]
mod tests;
