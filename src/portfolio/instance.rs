//! Facility-location instances: fixed and serving costs, the objective of a portfolio, and
//! synthetic instances for tests and benchmarks.

use std::sync::Arc;

/// A facility-location instance: fixed cost per site and cost of serving each point from
/// each site (`+∞` where not allowed), and the pairs of sites that may not be in one
/// portfolio (closer than the minimum separation).
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    points: usize,
    pub fixed: Vec<f64>,
    /// `cost[i · points + p]`.
    pub cost: Vec<f64>,
    /// `conflict[i · sites + j]`: sites i and j may not both be open. Empty: no pair conflicts.
    /// Shared: the draws' copies of an instance (one per worker) hold one matrix.
    conflict: Arc<[bool]>,
}

/// A set of sites, each point's serving site and the objective.
#[derive(Debug, Clone, PartialEq)]
pub struct Portfolio {
    /// Site indices, ascending.
    pub sites: Vec<usize>,
    /// Serving site of each point (its cheapest in `sites`, the lowest index on ties).
    pub assign: Vec<usize>,
    /// `+∞` when some point has no allowed site in `sites`.
    pub objective: f64,
}

impl Instance {
    pub fn new(fixed: Vec<f64>, points: usize, cost: Vec<f64>) -> Instance {
        assert_eq!(cost.len(), fixed.len() * points, "cost is sites × points");
        Instance {
            points,
            fixed,
            cost,
            conflict: Arc::new([]),
        }
    }

    /// The same instance where sites i and j may not both be open when
    /// `conflict[i · sites + j]` (a symmetric matrix; the diagonal is ignored).
    pub fn with_conflicts(mut self, conflict: impl Into<Arc<[bool]>>) -> Instance {
        let conflict = conflict.into();
        let m = self.sites();
        assert_eq!(conflict.len(), m * m, "conflict is sites × sites");
        self.conflict = if conflict.iter().any(|&c| c) {
            conflict
        } else {
            Arc::new([])
        };
        self
    }

    /// The same instance with no conflicting pair.
    pub fn without_conflicts(&self) -> Instance {
        Instance {
            conflict: Arc::new([]),
            ..self.clone()
        }
    }

    /// Whether some pair of sites may not be open together.
    pub fn has_conflicts(&self) -> bool {
        !self.conflict.is_empty()
    }

    /// Whether sites i and j (i ≠ j) may not both be open.
    #[inline]
    pub fn conflicts(&self, i: usize, j: usize) -> bool {
        !self.conflict.is_empty() && i != j && self.conflict[i * self.sites() + j]
    }

    /// Whether site j may join the open set `open`.
    #[inline]
    pub fn fits(&self, open: &[usize], j: usize) -> bool {
        self.conflict.is_empty() || open.iter().all(|&i| !self.conflicts(i, j))
    }

    /// Whether no two sites of `open` conflict.
    pub fn separated(&self, open: &[usize]) -> bool {
        self.conflict.is_empty()
            || open
                .iter()
                .enumerate()
                .all(|(a, &i)| open[a + 1..].iter().all(|&j| !self.conflicts(i, j)))
    }

    pub fn sites(&self) -> usize {
        self.fixed.len()
    }

    pub fn points(&self) -> usize {
        self.points
    }

    /// Costs of serving every point from site `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.cost[i * self.points..(i + 1) * self.points]
    }

    /// Objective of the set `open`: its fixed costs plus each point at its cheapest site.
    pub fn value(&self, open: &[usize]) -> f64 {
        let fixed: f64 = open.iter().map(|&i| self.fixed[i]).sum();
        (0..self.points)
            .map(|p| {
                open.iter()
                    .map(|&i| self.cost[i * self.points + p])
                    .fold(f64::INFINITY, f64::min)
            })
            .sum::<f64>()
            + fixed
    }

    /// The portfolio of the set `open` (sorted), each point served by its cheapest site.
    pub fn portfolio(&self, open: &[usize]) -> Portfolio {
        let mut sites = open.to_vec();
        sites.sort_unstable();
        sites.dedup();
        let assign = (0..self.points)
            .map(|p| {
                let mut best = sites[0];
                for &i in &sites[1..] {
                    if self.cost[i * self.points + p] < self.cost[best * self.points + p] {
                        best = i;
                    }
                }
                best
            })
            .collect();
        Portfolio {
            objective: self.value(&sites),
            sites,
            assign,
        }
    }

    /// `Σ_p min_i c_ip + min_i f_i`: a lower bound on every portfolio, whatever K.
    pub fn cheapest_bound(&self) -> f64 {
        let min_fixed = self.fixed.iter().copied().fold(f64::INFINITY, f64::min);
        (0..self.points)
            .map(|p| {
                (0..self.sites())
                    .map(|i| self.cost[i * self.points + p])
                    .fold(f64::INFINITY, f64::min)
            })
            .sum::<f64>()
            + min_fixed
    }

    /// Points that no site may serve.
    pub fn unservable(&self) -> Vec<usize> {
        (0..self.points)
            .filter(|&p| (0..self.sites()).all(|i| !self.cost[i * self.points + p].is_finite()))
            .collect()
    }
}

/// The pairs of sites closer than `min_km` by great circle (coordinates in degrees):
/// `conflict[i · sites + j]`, for [`Instance::with_conflicts`]. A pair exactly `min_km`
/// apart is allowed.
pub fn closer_than(coords: &[(f64, f64)], min_km: f64) -> Vec<bool> {
    let m = coords.len();
    let mut out = vec![false; m * m];
    for i in 0..m {
        for j in i + 1..m {
            let (a, b) = (coords[i], coords[j]);
            if crate::geo::distance_km(a.0, a.1, b.0, b.1) < min_km {
                out[i * m + j] = true;
                out[j * m + i] = true;
            }
        }
    }
    out
}

/// The great-circle distance of the closest pair of `sites` (km), `None` for fewer than two.
pub fn min_pair_km(coords: &[(f64, f64)], sites: &[usize]) -> Option<f64> {
    let mut best: Option<f64> = None;
    for (a, &i) in sites.iter().enumerate() {
        for &j in &sites[a + 1..] {
            let (p, q) = (coords[i], coords[j]);
            let d = crate::geo::distance_km(p.0, p.1, q.0, q.1);
            best = Some(best.map_or(d, |b| b.min(d)));
        }
    }
    best
}

/// A synthetic instance shaped like the real problem, for benchmarks and tests: 40
/// countries with centres on the globe (|lat| ≤ 60°), `points` metros scattered around them
/// (sd 5°) with lognormal populations, `sites` candidates (one at each country's centre,
/// the rest scattered, sd 8°); the first 2 countries localise strictly. Costs as for the
/// `cost` objective: energy 2.4–5.6 M USD/year per site, fixed cost 1.5 M, 10⁸ users,
/// 0.002 USD per user-ms, 0.01 beyond an SLA of 100 ms, RTT = 2 · km · 1.33 / 204 + 9 ms
/// (+10 ms across a border).
#[cfg(any(test, feature = "internals"))]
pub fn synthetic(seed: u64, sites: usize, points: usize) -> Instance {
    use rand::{Rng, SeedableRng};
    use rand_distr::{Distribution, LogNormal, Normal};
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
    let countries = 40;
    let centres: Vec<(f64, f64)> = (0..countries)
        .map(|_| {
            let lat = (rng.random::<f64>() * 2.0 - 1.0)
                .asin()
                .to_degrees()
                .clamp(-60.0, 60.0);
            (lat, rng.random::<f64>() * 360.0 - 180.0)
        })
        .collect();
    let around = |rng: &mut rand_xoshiro::Xoshiro256PlusPlus, c: (f64, f64), sd: f64| {
        let n = Normal::new(0.0, sd).expect("sd > 0");
        let lat = (c.0 + n.sample(rng)).clamp(-89.0, 89.0);
        let lon = (c.1 + n.sample(rng) + 540.0).rem_euclid(360.0) - 180.0;
        (lat, lon)
    };
    let site: Vec<(usize, (f64, f64))> = (0..sites)
        .map(|i| {
            let c = if i < countries {
                i
            } else {
                rng.random_range(0..countries)
            };
            let sd = if i < countries { 0.5 } else { 8.0 };
            (c, around(&mut rng, centres[c], sd))
        })
        .collect();
    let pop = LogNormal::new(0.0, 1.5).expect("sigma > 0");
    let mut point: Vec<(usize, (f64, f64), f64)> = (0..points)
        .map(|_| {
            let c = rng.random_range(0..countries);
            (c, around(&mut rng, centres[c], 5.0), pop.sample(&mut rng))
        })
        .collect();
    let total: f64 = point.iter().map(|p| p.2).sum();
    for p in &mut point {
        p.2 /= total;
    }
    let energy: Vec<f64> = (0..sites)
        .map(|_| 4.0e6 * (0.6 + 0.8 * rng.random::<f64>()))
        .collect();
    let (users, lambda, mu, sla) = (1.0e8, 0.002, 0.01, 100.0);
    let mut cost = Vec::with_capacity(sites * points);
    for (i, (sc, s)) in site.iter().enumerate() {
        for (pc, p, w) in &point {
            if *pc < 2 && pc != sc {
                cost.push(f64::INFINITY);
                continue;
            }
            let border = if pc == sc { 0.0 } else { 10.0 };
            let km = crate::geo::distance_km(s.0, s.1, p.0, p.1);
            let rtt = 2.0 * km * 1.33 / 204.0 + 9.0 + border;
            let latency = lambda * rtt + mu * (rtt - sla).max(0.0);
            cost.push(w * (energy[i] + users * latency));
        }
    }
    Instance::new(vec![1.5e6; sites], points, cost)
}
