//! Portfolios: choose a set of at most K sites and serve every user point from one of them.
//!
//! **Problem.** User points p (the cities of the `[[users]]` groups) carry weights
//! `w_p = share(group) × weight within group` (Σ w = 1). Choose a set S of 1 to K candidate
//! sites and a serving site `a(p) ∈ S` for every point to minimise
//! `z = Σ_{i∈S} f_i + Σ_p c_{a(p),p}`, where `c_ip = ∞` when p may not be served from i:
//!
//! * **residency**: p's country has a `strict` localisation regime in the draw and i is in
//!   another country (`jurisdictions.csv`, events may switch regimes);
//! * **hard SLA** (`sla = "hard"`): `rtt_ip > facility.latency_sla_ms`;
//! * **site rules**: i breaks a threshold rule of the scenario or an infeasibility event hits
//!   it in the draw. (Residency rules on groups are applied per point, above.)
//!
//! Objective `cost` (USD per year): `f_i` = `fixed_cost_usd_per_year` and
//! `c_ip = w_p · (E_i + U · (λ · rtt_ip + μ · max(0, rtt_ip − SLA)))`, with `E_i` the
//! facility's annualised energy cost at site i (`npv_usd` of the energy model divided by the
//! level annuity factor Σ_{t=1..H} (1 + r)^−t, so escalation is levelised), U the number of
//! users, λ `latency_usd_per_user_ms` and μ `sla_penalty_usd_per_user_ms` (only with
//! `sla = "penalty"`). A site serving a share w of the users carries w of the IT load:
//! energy scales with load, sites have no capacity limit, and the only economy of scale is
//! the fixed cost per site. Objective `score`: `f_i = 0`, `c_ip = w_p · (1 − s_i)` with `s_i`
//! the site's MCDA score in the draw: the users-weighted shortfall from a perfect score.
//!
//! **Solvers.** [`exact`]: branch and bound, optimal, checked against [`exact::brute_force`].
//! [`heuristic`]: greedy + swap local search for large instances, with a Lagrangian lower
//! bound; the gap `(z − bound) / z` bounds how far from optimal its portfolio can be.
//! [`Solver::Auto`] is exact when the number of sets of at most K sites is at most
//! [`EXACT_SETS`] and the search ends within a node budget (else the heuristic takes over).
//!
//! **Robustness.** The draws are those of `dcsite run` with the same seed (the first N of
//! [`crate::simulate::replay`]): each draw's prices, route factor, user shares, regimes,
//! events and weights are priced and solved again; we count how often each portfolio is
//! the best and how often each site is in the best portfolio.

pub mod exact;
pub mod heuristic;
mod output;

pub use output::{files, table};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Problem, Result};
use crate::factors::cooling::Cooling;
use crate::factors::energy::{Energy, annuity_factor};
use crate::factors::latency::Latency;
use crate::factors::regulation::Regulation;
use crate::factors::users::Users;
use crate::scenario::{KRange, Objective, PortfolioSettings, Scenario, Sla, Solver};
use crate::world::{Draw, World};

/// [`Solver::Auto`] solves exactly when there are at most this many sets of 1 to K sites.
pub const EXACT_SETS: f64 = 2.0e6;

/// Subgradient steps of the Lagrangian bound.
const BOUND_ITERATIONS: usize = 300;

/// A facility-location instance: fixed cost per site and cost of serving each point from
/// each site (`+∞` where not allowed).
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    points: usize,
    pub fixed: Vec<f64>,
    /// `cost[i · points + p]`.
    pub cost: Vec<f64>,
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
        }
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

/// A synthetic instance shaped like the real problem, for benchmarks and tests: 40
/// countries with centres on the globe (|lat| ≤ 60°), `points` metros scattered around them
/// (sd 5°) with lognormal populations, `sites` candidates (one at each country's centre,
/// the rest scattered, sd 8°); the first 2 countries localise strictly. Costs as for the
/// `cost` objective: energy 2.4–5.6 M USD/year per site, fixed cost 1.5 M, 10⁸ users,
/// 0.002 USD per user-ms, 0.01 beyond an SLA of 100 ms, RTT = 2 · km · 1.33 / 204 + 9 ms
/// (+10 ms across a border).
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

/// How a portfolio was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proven optimal (branch and bound).
    Optimal,
    /// Found by the heuristic; the gap to the lower bound says how good it is.
    Heuristic,
    /// Proven: no portfolio of at most K sites serves every point.
    Infeasible,
    /// The heuristic found no portfolio serving every point (one may exist).
    NotFound,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Heuristic => "heuristic",
            Status::Infeasible => "infeasible",
            Status::NotFound => "not-found",
        }
    }
}

/// The solution for one K.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    pub k: usize,
    pub portfolio: Option<Portfolio>,
    /// A lower bound on every portfolio of at most K sites (NaN when not computed).
    pub lower_bound: f64,
    pub status: Status,
    /// Branch-and-bound nodes (0 for the heuristic).
    pub nodes: u64,
}

impl Solved {
    /// `(z − bound) / |z|`: 0 when proven optimal; NaN without a portfolio or bound.
    pub fn gap(&self) -> f64 {
        match (&self.portfolio, self.status) {
            (Some(_), Status::Optimal) => 0.0,
            (Some(p), _) => {
                ((p.objective - self.lower_bound) / p.objective.abs().max(1e-300)).max(0.0)
            }
            (None, _) => f64::NAN,
        }
    }
}

/// Number of sets of 1 to k of m sites (as a float: it overflows quickly).
pub fn sets(m: usize, k: usize) -> f64 {
    let (mut total, mut c) = (0.0, 1.0);
    for j in 1..=k.min(m) {
        c = c * (m + 1 - j) as f64 / j as f64;
        total += c;
    }
    total
}

/// Whether `solver` runs branch and bound on an instance of `m` sites for at most `k`.
pub fn uses_exact(solver: Solver, m: usize, k: usize) -> bool {
    match solver {
        Solver::Exact => true,
        Solver::Heuristic => false,
        Solver::Auto => sets(m, k) <= EXACT_SETS,
    }
}

/// Solves for at most `k` sites. With `bound` the heuristic also computes the Lagrangian
/// bound (the exact solver's bound is its optimum).
pub fn solve(inst: &Instance, k: usize, solver: Solver, bound: bool) -> Solved {
    let mut searched: Option<(Portfolio, u64)> = None;
    if uses_exact(solver, inst.sites(), k) {
        let start = heuristic::greedy_only(inst, k);
        let budget = match solver {
            Solver::Exact => u64::MAX,
            Solver::Auto | Solver::Heuristic => auto_budget(inst),
        };
        let s = exact::solve(inst, k, Some(&start), budget);
        match (s.best, s.proven) {
            (Some(p), true) => {
                return Solved {
                    k,
                    lower_bound: p.objective,
                    portfolio: Some(p),
                    status: Status::Optimal,
                    nodes: s.nodes,
                };
            }
            (None, true) => {
                return Solved {
                    k,
                    portfolio: None,
                    lower_bound: f64::INFINITY,
                    status: Status::Infeasible,
                    nodes: s.nodes,
                };
            }
            // Out of budget: the heuristic takes over, keeping what the search found.
            (best, false) => searched = best.map(|p| (p, s.nodes)),
        }
    }
    let mut h = heuristic::solve(inst, k);
    if let Some((p, _)) = &searched
        && h.as_ref().is_none_or(|q| p.objective < q.objective)
    {
        h = Some(p.clone());
    }
    let upper = h.as_ref().map_or(f64::INFINITY, |p| p.objective);
    let lower_bound = if !bound {
        f64::NAN
    } else if upper.is_finite() {
        let lag = heuristic::lagrangian(inst, k, upper, BOUND_ITERATIONS);
        if let Some(p) = heuristic::improve(inst, k, &lag.sites)
            && p.objective < upper
        {
            h = Some(p);
        }
        let best = h.as_ref().map_or(upper, |p| p.objective);
        lag.bound.max(inst.cheapest_bound()).min(best)
    } else if inst.unservable().is_empty() {
        f64::NAN
    } else {
        f64::INFINITY
    };
    let status = match (&h, lower_bound == f64::INFINITY) {
        (Some(_), _) => Status::Heuristic,
        (None, true) => Status::Infeasible,
        (None, false) => Status::NotFound,
    };
    Solved {
        k,
        portfolio: h,
        lower_bound,
        status,
        nodes: searched.map_or(0, |(_, n)| n),
    }
}

/// Branch-and-bound nodes that [`Solver::Auto`] allows before handing over to the
/// heuristic: about 5·10⁹ point evaluations (a node costs up to sites × points), at least
/// 10,000 nodes.
fn auto_budget(inst: &Instance) -> u64 {
    let work = (inst.sites() * inst.points()).max(1) as u64;
    (5_000_000_000 / work).max(10_000)
}

/// The parts of a portfolio's objective and its service, in one draw.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Parts {
    pub fixed_usd_per_year: f64,
    pub energy_usd_per_year: f64,
    pub latency_usd_per_year: f64,
    pub sla_penalty_usd_per_year: f64,
    /// Users-weighted mean RTT to the serving site.
    pub mean_rtt_ms: f64,
    /// Users' share served within the SLA.
    pub sla_share: f64,
    /// Users-weighted MCDA score of the serving sites.
    pub mean_score: f64,
}

/// One draw priced for the portfolio problem: the instance and the terms behind it.
#[derive(Debug, Clone)]
pub struct Priced {
    pub instance: Instance,
    /// `w_p`: each point's share of all users in the draw.
    pub weight: Vec<f64>,
    /// `rtt_ms[i · points + p]`.
    pub rtt_ms: Vec<f64>,
    /// Annualised energy cost of the whole facility at each site (NaN without energy data).
    pub energy_usd_per_year: Vec<f64>,
    /// Each site's MCDA score in the draw.
    pub score: Vec<f64>,
    /// Sites that pass the scenario's threshold rules and events in the draw.
    pub eligible: Vec<bool>,
    /// `law_ok[i · points + p]`: p's residency law allows site i in the draw.
    pub law_ok: Vec<bool>,
}

/// Binds the portfolio problem to a world: resolves points, countries and factor models.
#[derive(Debug)]
pub struct Planner<'w> {
    pub world: &'w World,
    pub settings: PortfolioSettings,
    pub users: &'w Users,
    latency: &'w Latency,
    regulation: &'w Regulation,
    energy: Option<&'w Energy>,
    cooling: Option<&'w Cooling>,
    /// Each point's country as an index of the regulation model's countries.
    point_country: Vec<usize>,
    level_annuity: f64,
}

impl<'w> Planner<'w> {
    /// Checks that the world has what the problem needs: user points, latency, residency
    /// law and, for the cost objective, energy.
    pub fn new(world: &'w World, settings: PortfolioSettings) -> Result<Planner<'w>> {
        let file = world.scenario.file.name.clone();
        let why = || {
            if world.warnings.is_empty() {
                String::new()
            } else {
                format!(" ({})", world.warnings.join("; "))
            }
        };
        let f = &world.factors;
        let (Some(users), Some(latency)) = (f.users(), f.latency()) else {
            return Err(Problem::new(
                file,
                "users",
                format!(
                    "a portfolio needs [[users]] groups and candidates with coordinates{}",
                    why()
                ),
            )
            .into());
        };
        let Some(regulation) = f.regulation() else {
            return Err(Problem::new(
                file,
                "users",
                format!(
                    "a portfolio needs the jurisdictions of the users' countries for residency{}",
                    why()
                ),
            )
            .into());
        };
        if settings.objective == Objective::Cost && f.energy().is_none() {
            return Err(Problem::new(
                file,
                "portfolio.objective",
                format!("the cost objective needs energy costs: a facility.pue or climate normals for every candidate{}", why()),
            )
            .into());
        }
        let point_country = users
            .points
            .iter()
            .map(|p| {
                regulation
                    .country_index(&p.country)
                    .expect("the regulation model tracks every user country")
            })
            .collect();
        let fac = &world.scenario.facility;
        Ok(Planner {
            world,
            settings,
            users,
            latency,
            regulation,
            energy: f.energy(),
            cooling: f.cooling(),
            point_country,
            level_annuity: annuity_factor(fac.discount_rate, 0.0, fac.horizon_years),
        })
    }

    pub fn priced(&self) -> Priced {
        let (m, n) = (self.world.sites.len(), self.users.points.len());
        Priced {
            instance: Instance::new(vec![0.0; m], n, vec![0.0; m * n]),
            weight: vec![0.0; n],
            rtt_ms: vec![0.0; m * n],
            energy_usd_per_year: vec![f64::NAN; m],
            score: vec![0.0; m],
            eligible: vec![true; m],
            law_ok: vec![true; m * n],
        }
    }

    /// Prices a filled and scored draw (the base case or a Monte Carlo draw).
    pub fn price(&self, d: &Draw, out: &mut Priced) {
        let world = self.world;
        let s = &self.settings;
        let inputs = &d.inputs;
        let (m, n) = (world.sites.len(), self.users.points.len());
        let sla = world.scenario.facility.latency_sla_ms;
        for (w, p) in out.weight.iter_mut().zip(&self.users.points) {
            *w = inputs.user_share[p.group] * p.weight;
        }
        self.eligibility(d, &mut out.eligible);
        out.score.copy_from_slice(&d.scores);
        for i in 0..m {
            out.energy_usd_per_year[i] = self.energy.map_or(f64::NAN, |e| {
                let pue = e.fixed_pue.unwrap_or_else(|| {
                    self.cooling
                        .map_or(f64::NAN, |c| c.at(i, inputs.warming_c).pue)
                });
                e.at(
                    pue,
                    inputs.price_usd_mwh[i],
                    inputs.grid_gco2_kwh[i],
                    inputs.carbon_price_usd_t,
                )
                .npv_usd
                    / self.level_annuity
            });
            let rtt = &mut out.rtt_ms[i * n..(i + 1) * n];
            self.latency.rtts(i, inputs.route_factor, rtt);
            out.instance.fixed[i] = match s.objective {
                Objective::Cost => s.fixed_cost_usd_per_year,
                Objective::Score => 0.0,
            };
            for (p, &r) in rtt.iter().enumerate() {
                let law = self
                    .regulation
                    .point_allowed(self.point_country[p], i, inputs);
                out.law_ok[i * n + p] = law;
                let allowed = out.eligible[i] && law && (s.sla != Sla::Hard || r <= sla);
                let w = out.weight[p];
                out.instance.cost[i * n + p] = if !allowed {
                    f64::INFINITY
                } else {
                    match s.objective {
                        Objective::Cost => {
                            let penalty = match s.sla {
                                Sla::Penalty => s.sla_penalty_usd_per_user_ms * (r - sla).max(0.0),
                                Sla::Hard | Sla::Off => 0.0,
                            };
                            w * (out.energy_usd_per_year[i]
                                + s.users * (s.latency_usd_per_user_ms * r + penalty))
                        }
                        Objective::Score => w * (1.0 - d.scores[i]),
                    }
                };
            }
        }
    }

    /// Sites that pass the scenario's threshold rules and infeasibility events in the draw.
    fn eligibility(&self, d: &Draw, out: &mut [bool]) {
        for (i, ok) in out.iter_mut().enumerate() {
            *ok = self.world.eligible_without_residency(d, i);
        }
    }

    /// The parts of a portfolio's objective in a priced draw.
    pub fn parts(&self, priced: &Priced, p: &Portfolio) -> Parts {
        let s = &self.settings;
        let n = self.users.points.len();
        let sla = self.world.scenario.facility.latency_sla_ms;
        let mut out = Parts {
            fixed_usd_per_year: match s.objective {
                Objective::Cost => s.fixed_cost_usd_per_year * p.sites.len() as f64,
                Objective::Score => 0.0,
            },
            ..Parts::default()
        };
        for (q, &i) in p.assign.iter().enumerate() {
            let w = priced.weight[q];
            let r = priced.rtt_ms[i * n + q];
            out.energy_usd_per_year += w * priced.energy_usd_per_year[i];
            out.mean_rtt_ms += w * r;
            if r <= sla {
                out.sla_share += w;
            }
            out.mean_score += w * priced.score[i];
            out.latency_usd_per_year += w * s.users * s.latency_usd_per_user_ms * r;
            if s.sla == Sla::Penalty {
                out.sla_penalty_usd_per_year +=
                    w * s.users * s.sla_penalty_usd_per_user_ms * (r - sla).max(0.0);
            }
        }
        out
    }

    /// Explains why points cannot be served by any candidate (for the base case's error).
    fn unservable_problem(&self, priced: &Priced, points: &[usize]) -> Problem {
        let n = self.users.points.len();
        let sla = self.world.scenario.facility.latency_sla_ms;
        let m = self.world.sites.len();
        let mut lines = Vec::new();
        for &p in points.iter().take(5) {
            let pt = &self.users.points[p];
            let law: Vec<usize> = (0..m).filter(|&i| priced.law_ok[i * n + p]).collect();
            let ok: Vec<usize> = law
                .iter()
                .copied()
                .filter(|&i| priced.eligible[i])
                .collect();
            let reason = if law.is_empty() {
                format!("its residency law ({}) allows no candidate", pt.country)
            } else if ok.is_empty() {
                "every candidate its law allows breaks a threshold rule or an event".to_owned()
            } else {
                let best = ok
                    .iter()
                    .map(|&i| priced.rtt_ms[i * n + p])
                    .fold(f64::INFINITY, f64::min);
                format!(
                    "the nearest allowed candidate is {best:.0} ms away, over the SLA of {sla} ms"
                )
            };
            lines.push(format!(
                "{} ({}, group {}): {reason}",
                pt.id, pt.country, self.users.names[pt.group]
            ));
        }
        if points.len() > 5 {
            lines.push(format!("and {} more", points.len() - 5));
        }
        Problem::new(
            self.world.scenario.file.name.clone(),
            "portfolio",
            format!(
                "no portfolio can serve every user point: {} (add candidates, raise facility.latency_sla_ms, or set portfolio.sla to \"penalty\" or \"off\")",
                lines.join("; ")
            ),
        )
    }
}

/// The base-case result for one K.
#[derive(Debug, Clone)]
pub struct KResult {
    pub solved: Solved,
    pub parts: Option<Parts>,
}

/// Counts over the Monte Carlo draws for one K.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KRobustness {
    pub k: usize,
    /// Draws in which each portfolio (sorted site indices) was the best found.
    pub best: BTreeMap<Vec<usize>, u64>,
    /// Draws in which each site was in the best portfolio.
    pub included: Vec<u64>,
    /// Draws without a portfolio serving every point.
    pub infeasible: u64,
    /// Draws solved by the heuristic rather than exactly.
    pub heuristic: u64,
}

/// Everything `dcsite portfolio` computes.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub k: KRange,
    pub seed: u64,
    pub draws: u64,
    /// Base case, one per K.
    pub results: Vec<KResult>,
    pub base: Priced,
    /// One per K, when draws > 0.
    pub robustness: Vec<KRobustness>,
}

/// Solves the base case for each K of the range, then the first `draws` Monte Carlo draws
/// of the run with `seed`.
pub fn analyse(planner: &Planner<'_>, k: KRange, seed: u64, draws: u64) -> Result<Analysis> {
    let world = planner.world;
    let solver = planner.settings.solver;
    let mut d = world.new_draw();
    world.base_case(&mut d);
    let mut base = planner.priced();
    planner.price(&d, &mut base);
    let unservable = base.instance.unservable();
    if !unservable.is_empty() {
        return Err(planner.unservable_problem(&base, &unservable).into());
    }
    let results = k
        .iter()
        .map(|k| {
            let solved = solve(&base.instance, k, solver, true);
            let parts = solved.portfolio.as_ref().map(|p| planner.parts(&base, p));
            KResult { solved, parts }
        })
        .collect();
    let m = world.sites.len();
    let mut robustness: Vec<KRobustness> = if draws > 0 {
        k.iter()
            .map(|k| KRobustness {
                k,
                included: vec![0; m],
                ..KRobustness::default()
            })
            .collect()
    } else {
        Vec::new()
    };
    if draws > 0 {
        let mut priced = planner.priced();
        crate::simulate::replay(world, seed, draws, draws, |_, d| {
            planner.price(d, &mut priced);
            for r in robustness.iter_mut() {
                let s = solve(&priced.instance, r.k, solver, false);
                if matches!(s.status, Status::Heuristic | Status::NotFound) {
                    r.heuristic += 1;
                }
                match s.portfolio {
                    Some(p) => {
                        for &i in &p.sites {
                            r.included[i] += 1;
                        }
                        *r.best.entry(p.sites).or_insert(0) += 1;
                    }
                    None => r.infeasible += 1,
                }
            }
        });
    }
    Ok(Analysis {
        k,
        seed,
        draws,
        results,
        base,
        robustness,
    })
}

/// What `dcsite portfolio` is asked to do; `None` fields come from the scenario.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub scenario: PathBuf,
    /// Output directory (default `runs/<scenario name>/portfolio/`).
    pub out: Option<PathBuf>,
    pub k: Option<KRange>,
    pub seed: Option<u64>,
    pub draws: Option<u64>,
    pub solver: Option<Solver>,
}

/// What `dcsite portfolio` produced.
#[derive(Debug)]
pub struct Output {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// Summary for the terminal.
    pub table: String,
    pub warnings: Vec<String>,
}

/// Validates the scenario, solves its portfolios and writes `portfolio.csv`,
/// `assignment.csv`, `assignment.geojson` and `portfolio_robustness.csv`.
pub fn run(req: &Request) -> Result<Output> {
    let scenario = Scenario::load(&req.scenario)?;
    let mut settings = scenario.portfolio.clone();
    if let Some(s) = req.solver {
        settings.solver = s;
    }
    let Some(k) = req.k.or(settings.k) else {
        return Err(Problem::new(
            scenario.file.name.clone(),
            "portfolio.k",
            "how many sites? give --k K (or a range, --k 1..4) or k in the scenario's [portfolio] table",
        )
        .into());
    };
    let draws = req
        .draws
        .or(settings.draws)
        .unwrap_or(scenario.simulation.draws);
    let seed = req.seed.unwrap_or(scenario.simulation.seed);
    let dir = req
        .out
        .clone()
        .unwrap_or_else(|| Path::new("runs").join(&scenario.name).join("portfolio"));
    let world = World::build(scenario)?;
    let planner = Planner::new(&world, settings)?;
    let analysis = analyse(&planner, k, seed, draws)?;
    std::fs::create_dir_all(&dir).map_err(|source| crate::Error::Write {
        path: dir.clone(),
        source,
    })?;
    let mut written = Vec::new();
    for (name, bytes) in files(&planner, &analysis) {
        written.push(crate::report::write_atomic(&dir, &name, &bytes)?);
    }
    // The map of the best portfolio of the largest K that has one.
    let best = analysis
        .results
        .iter()
        .rev()
        .find_map(|r| r.solved.portfolio.as_ref().map(|p| (r.solved.k, p)));
    if let (Some((k, p)), Some(coords)) = (best, crate::site_coords(&world)) {
        let mut served = vec![0.0; world.sites.len()];
        for (point, &site) in planner.users.points.iter().zip(&p.assign) {
            served[site] += planner.users.shares[point.group] * point.weight;
        }
        let fig = crate::report::plots::portfolio_map(&world, &coords, &served, k);
        let fail = |e: crate::report::plots::PlotError| crate::Error::Write {
            path: dir.join("portfolio_map.png"),
            source: std::io::Error::other(e.to_string()),
        };
        let svg = fig.svg().map_err(fail)?;
        let png = fig.png().map_err(fail)?;
        written.push(crate::report::write_atomic(
            &dir,
            "portfolio_map.png",
            &png,
        )?);
        written.push(crate::report::write_atomic(
            &dir,
            "portfolio_map.svg",
            svg.as_bytes(),
        )?);
    }
    Ok(Output {
        table: table(&planner, &analysis),
        dir,
        files: written,
        warnings: world.warnings.clone(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rand::Rng;

    /// Sites and points at random on a square; cost = weight × (site price + distance);
    /// a share `forbidden` of the pairs is not allowed.
    pub(crate) fn random_instance<R: Rng>(
        rng: &mut R,
        m: usize,
        n: usize,
        forbidden: f64,
    ) -> Instance {
        let sites: Vec<(f64, f64, f64)> = (0..m)
            .map(|_| {
                (
                    rng.random::<f64>(),
                    rng.random::<f64>(),
                    rng.random::<f64>(),
                )
            })
            .collect();
        let fixed: Vec<f64> = (0..m).map(|_| rng.random::<f64>() * 0.3).collect();
        let points: Vec<(f64, f64, f64)> = (0..n)
            .map(|_| {
                (
                    rng.random::<f64>(),
                    rng.random::<f64>(),
                    rng.random::<f64>(),
                )
            })
            .collect();
        let mut cost = Vec::with_capacity(m * n);
        for s in &sites {
            for p in &points {
                if rng.random::<f64>() < forbidden {
                    cost.push(f64::INFINITY);
                } else {
                    let d = ((s.0 - p.0).powi(2) + (s.1 - p.1).powi(2)).sqrt();
                    cost.push(p.2 * (0.5 * s.2 + d));
                }
            }
        }
        Instance::new(fixed, n, cost)
    }

    /// The Xiaomi example, its text edited by `edit`.
    pub(crate) fn xiaomi(edit: impl Fn(String) -> String) -> World {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xiaomi-portfolio.toml");
        let text = edit(std::fs::read_to_string(&path).unwrap());
        let file = crate::data::InputFile::new("xiaomi-portfolio.toml".into(), text);
        World::build(Scenario::from_file(file, None).unwrap()).unwrap()
    }

    /// An independent check of residency: a point whose country is strict in the draw is
    /// served from a site in that country.
    fn assert_compliant(planner: &Planner<'_>, d: &Draw, p: &Portfolio) {
        use crate::data::Localization;
        let reg = planner.world.factors.regulation().unwrap();
        for (q, &i) in p.assign.iter().enumerate() {
            let pt = &planner.users.points[q];
            let strict =
                d.inputs.regime[reg.country_index(&pt.country).unwrap()] == Localization::Strict;
            let site = &planner.world.sites[i];
            assert!(
                !strict || site.country == pt.country,
                "{} ({}) served from {} ({})",
                pt.id,
                pt.country,
                site.id,
                site.country
            );
            if pt.country == "CN" {
                assert_eq!(site.country, "CN");
            }
        }
    }

    #[test]
    fn example_base_case_is_optimal_and_compliant() {
        let world = xiaomi(|t| t);
        let planner = Planner::new(&world, world.scenario.portfolio.clone()).unwrap();
        let a = analyse(&planner, KRange::new(1, 4).unwrap(), 1, 0).unwrap();
        let mut d = world.new_draw();
        world.base_case(&mut d);
        for r in &a.results {
            let k = r.solved.k;
            assert_eq!(r.solved.status, Status::Optimal);
            let p = r.solved.portfolio.as_ref().unwrap();
            let brute = exact::brute_force(&a.base.instance, k).unwrap();
            let tol = 1e-9 * brute.objective;
            assert!((p.objective - brute.objective).abs() <= tol, "k {k}");
            assert_compliant(&planner, &d, p);
            let parts = r.parts.unwrap();
            let sum = parts.fixed_usd_per_year
                + parts.energy_usd_per_year
                + parts.latency_usd_per_year
                + parts.sla_penalty_usd_per_year;
            assert!(
                (sum - p.objective).abs() <= 1e-6 * p.objective,
                "parts add up"
            );
        }
        // More sites never cost more when at most K may be used.
        for w in a.results.windows(2) {
            let z = |r: &KResult| r.solved.portfolio.as_ref().unwrap().objective;
            assert!(z(&w[1]) <= z(&w[0]) + 1e-6);
        }
    }

    #[test]
    fn same_seed_same_files() {
        let world = xiaomi(|t| t);
        let planner = Planner::new(&world, world.scenario.portfolio.clone()).unwrap();
        let k = KRange::new(2, 3).unwrap();
        let a = analyse(&planner, k, 5, 40).unwrap();
        let b = analyse(&planner, k, 5, 40).unwrap();
        assert_eq!(files(&planner, &a), files(&planner, &b));
        for r in &a.robustness {
            let best: u64 = r.best.values().sum();
            assert_eq!(best + r.infeasible, 40);
            let included: u64 = r.included.iter().sum();
            let sizes: u64 = r.best.iter().map(|(s, c)| s.len() as u64 * c).sum();
            assert_eq!(included, sizes);
        }
        let c = analyse(&planner, k, 6, 40).unwrap();
        assert_ne!(a.robustness, c.robustness, "another seed, other draws");
    }

    #[test]
    fn an_unreachable_hard_sla_is_an_input_error() {
        let world = xiaomi(|t| {
            t.replace("latency_sla_ms = 100", "latency_sla_ms = 12")
                .replace(
                    "sla = \"penalty\"\nsla_penalty_usd_per_user_ms = 0.01",
                    "sla = \"hard\"",
                )
        });
        assert_eq!(world.scenario.portfolio.sla, Sla::Hard);
        let planner = Planner::new(&world, world.scenario.portfolio.clone()).unwrap();
        let e = analyse(&planner, KRange::new(3, 3).unwrap(), 1, 0).unwrap_err();
        assert!(e.is_input());
        assert!(e.to_string().contains("over the SLA of 12 ms"), "{e}");
    }

    #[test]
    fn score_objective_uses_scores_only() {
        let world = xiaomi(|t| t);
        let settings = PortfolioSettings {
            objective: Objective::Score,
            sla: Sla::Off,
            ..PortfolioSettings::default()
        };
        let planner = Planner::new(&world, settings).unwrap();
        let a = analyse(&planner, KRange::new(1, 2).unwrap(), 1, 0).unwrap();
        for r in &a.results {
            let p = r.solved.portfolio.as_ref().unwrap();
            let parts = r.parts.unwrap();
            assert!((p.objective - (1.0 - parts.mean_score)).abs() < 1e-9);
            assert_eq!(parts.fixed_usd_per_year, 0.0);
        }
    }

    #[test]
    fn large_synthetic_instance_has_a_small_gap() {
        let inst = synthetic(7, 200, 2000);
        let s = solve(&inst, 5, Solver::Auto, true);
        assert_eq!(
            s.status,
            Status::Heuristic,
            "200 sites, K = 5 is too big to enumerate"
        );
        let p = s.portfolio.as_ref().unwrap();
        assert!(p.objective.is_finite() && p.sites.len() <= 5);
        assert!(s.lower_bound >= inst.cheapest_bound() && s.lower_bound <= p.objective);
        assert!(s.gap() < 0.005, "gap {}", s.gap());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        #[test]
        fn residency_is_never_violated(
            seed in 0u64..1000,
            k in 1usize..5,
            exact_solver in proptest::bool::ANY,
            sla in 0usize..3,
            score in proptest::bool::ANY,
            fixed in 0.0f64..5e6,
        ) {
            use std::sync::OnceLock;
            // India and Indonesia localise in half the draws.
            static WORLD: OnceLock<World> = OnceLock::new();
            let world = WORLD.get_or_init(|| xiaomi(|t| t.replace("probability = 0.15", "probability = 0.5")));
            let objective = if score { Objective::Score } else { Objective::Cost };
            let sla = [Sla::Hard, Sla::Off, Sla::Penalty][if score { sla % 2 } else { sla }];
            let settings = PortfolioSettings {
                objective,
                sla,
                fixed_cost_usd_per_year: if score { 0.0 } else { fixed },
                latency_usd_per_user_ms: if score { 0.0 } else { 0.002 },
                sla_penalty_usd_per_user_ms: 0.01,
                users: 1e8,
                solver: if exact_solver { Solver::Exact } else { Solver::Heuristic },
                ..PortfolioSettings::default()
            };
            let planner = Planner::new(world, settings).unwrap();
            let mut priced = planner.priced();
            crate::simulate::replay(world, seed, 3, 3, |_, d| {
                planner.price(d, &mut priced);
                let s = solve(&priced.instance, k, planner.settings.solver, false);
                if let Some(p) = &s.portfolio {
                    assert_compliant(&planner, d, p);
                    for (q, &i) in p.assign.iter().enumerate() {
                        assert!(priced.law_ok[i * priced.weight.len() + q]);
                    }
                }
            });
        }
    }

    #[test]
    fn value_and_portfolio_agree() {
        let inst = Instance::new(
            vec![1.0, 2.0],
            3,
            vec![1.0, 5.0, f64::INFINITY, 2.0, 1.0, 3.0],
        );
        assert_eq!(inst.value(&[0]), f64::INFINITY);
        assert_eq!(inst.value(&[1]), 2.0 + 6.0);
        let p = inst.portfolio(&[1, 0]);
        assert_eq!(p.sites, vec![0, 1]);
        assert_eq!(p.assign, vec![0, 1, 1]);
        assert_eq!(p.objective, 3.0 + 1.0 + 1.0 + 3.0);
        assert_eq!(inst.cheapest_bound(), 1.0 + 1.0 + 3.0 + 1.0);
    }

    #[test]
    fn set_counts() {
        assert_eq!(sets(5, 2), 15.0);
        assert_eq!(sets(3, 9), 7.0);
        assert!(uses_exact(Solver::Auto, 20, 4));
        assert!(!uses_exact(Solver::Auto, 200, 5));
    }

    #[test]
    fn solve_dispatches_and_reports_infeasible() {
        // Point 1 only from site 0, point 2 only from site 1: one site cannot serve both.
        let inf = f64::INFINITY;
        let inst = Instance::new(vec![0.0, 0.0], 2, vec![1.0, inf, inf, 1.0]);
        let one = solve(&inst, 1, Solver::Exact, true);
        assert_eq!(one.status, Status::Infeasible);
        assert!(one.gap().is_nan());
        let two = solve(&inst, 2, Solver::Auto, true);
        assert_eq!(two.status, Status::Optimal);
        assert_eq!(two.portfolio.unwrap().sites, vec![0, 1]);
        assert_eq!(two.lower_bound, 2.0);
    }
}
