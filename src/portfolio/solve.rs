//! Solving one instance for one K: branch and bound, the heuristic, or `auto` between them.

use crate::scenario::Solver;

use super::*;

/// How a portfolio was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Status {
    /// Proven optimal: by branch and bound, or by the lower bound meeting the heuristic's
    /// portfolio to within [`PROVEN_GAP`] of its objective.
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
        self.into()
    }
}

/// A heuristic portfolio whose objective the lower bound meets to within this share of it is
/// proven optimal: what is left is the rounding of the bound's sums (10⁻¹⁵ of z).
pub const PROVEN_GAP: f64 = 1e-9;

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
        (Some(p), _) if p.objective - lower_bound <= PROVEN_GAP * p.objective.abs() => {
            Status::Optimal
        }
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
pub(super) fn auto_budget(inst: &Instance) -> u64 {
    let work = (inst.sites() * inst.points()).max(1) as u64;
    (5_000_000_000 / work).max(10_000)
}
