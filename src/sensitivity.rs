//! Sensitivity of a scenario's base-case ranking: to the weights, to the set of sites and to
//! the method.
//!
//! Everything here works on the base case (central inputs, the model's point weights, no
//! events), seen as a plain decision problem ([`BaseCase`]): the raw matrix, the feasible
//! sites, the weights and the model's method parameters.
//!
//! - **Weight sweeps**: each weight in turn goes from 0 to 1 in `steps` steps while the
//!   others keep their proportions (w_k ← w_k (1 − t)/(1 − w_j)); the ranking at every step,
//!   and the weights at which the winner changes, located by bisection to 1e-9 between
//!   steps. A change back and forth within one step is not seen.
//! - **Smallest weight change**: for each other feasible site, the weight vector closest to
//!   the base weights (Euclidean distance, over the simplex) at which it ties with or beats
//!   every other feasible site. For WSM, WPM and PROMETHEE II the scores are increasing
//!   functions of Σ_j w_j t_ij, the region is a polytope and the point is its exact
//!   projection (Dykstra's algorithm); for TOPSIS and VIKOR it is found by search (sampled
//!   start points, bisection towards the base weights and a pattern search), an upper bound.
//! - **Rank reversal**: each site removed in turn and the base case re-scored: any pair of
//!   the other sites whose order changes (relative methods re-normalise over the remaining
//!   sites; WPM and PROMETHEE II without the removed site's comparisons).
//! - **Method comparison**: the base-case ranking under every method, with Spearman's ρ and
//!   Kendall's τ between methods over the feasible sites (infeasible sites rank last under
//!   every method and would inflate the agreement).
//! - **VIKOR**: S, R, Q and the acceptable-advantage and acceptable-stability conditions.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use nalgebra::DMatrix;
use rand::SeedableRng;
use rand_distr::{Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::error::{Error, Problem, Result};
use crate::mcda::{Method, Normalization, Params, Scorer, rank, vikor};
use crate::report::verdict::{CriterionChange, WeightChange};
use crate::report::{Csv, num, write_atomic};
use crate::scenario::{Direction, Scenario};
use crate::world::World;

/// Steps of a weight sweep when none are given.
pub const DEFAULT_STEPS: usize = 20;

/// Random start points of the search for the smallest weight change (TOPSIS, VIKOR).
const SEARCH_SAMPLES: usize = 2000;

/// The base case as a plain decision problem.
#[derive(Debug, Clone)]
pub struct BaseCase {
    pub scenario: String,
    pub site_ids: Vec<String>,
    pub criterion_ids: Vec<String>,
    /// Raw values, sites × criteria.
    pub x: DMatrix<f64>,
    pub feasible: Vec<bool>,
    /// Point weights, summing to 1.
    pub weights: Vec<f64>,
    pub directions: Vec<Direction>,
    pub normalization: Normalization,
    pub params: Params,
    pub method: Method,
}

impl BaseCase {
    pub fn from_world(world: &World) -> BaseCase {
        let mut d = world.new_draw();
        world.base_case(&mut d);
        let model = &world.scenario.model;
        BaseCase {
            scenario: world.scenario.name.clone(),
            site_ids: world.sites.iter().map(|s| s.id.clone()).collect(),
            criterion_ids: model.criteria.iter().map(|c| c.id.clone()).collect(),
            x: d.x.clone(),
            feasible: d.feasible.clone(),
            weights: d.weights.clone(),
            directions: model.criteria.iter().map(|c| c.direction).collect(),
            normalization: model.normalization,
            params: Params::from_model(model),
            method: world.scenario.method,
        }
    }

    fn scorer(&self, method: Method, sites: usize) -> Scorer {
        Scorer::with_params(
            method,
            self.normalization,
            self.directions.clone(),
            &self.params,
            sites,
        )
    }
}

/// Scores and ranks one matrix under varying weights, reusing its buffers.
struct Evaluator<'a> {
    x: &'a DMatrix<f64>,
    feasible: &'a [bool],
    scorer: Scorer,
    scores: Vec<f64>,
    order: Vec<usize>,
    rank: Vec<usize>,
}

impl<'a> Evaluator<'a> {
    fn new(base: &'a BaseCase, method: Method) -> Evaluator<'a> {
        Evaluator::on(base, &base.x, &base.feasible, method)
    }

    fn on(
        base: &BaseCase,
        x: &'a DMatrix<f64>,
        feasible: &'a [bool],
        method: Method,
    ) -> Evaluator<'a> {
        let m = x.nrows();
        Evaluator {
            x,
            feasible,
            scorer: base.scorer(method, m),
            scores: vec![0.0; m],
            order: (0..m).collect(),
            rank: (0..m).collect(),
        }
    }

    fn eval(&mut self, w: &[f64]) {
        self.scorer
            .score(self.x, w, self.feasible, &mut self.scores);
        rank(&self.scores, self.feasible, &mut self.order, &mut self.rank);
    }

    fn winner(&mut self, w: &[f64]) -> usize {
        self.eval(w);
        self.order[0]
    }

    /// Whether feasible site `k` scores above every other feasible site under `w` by more
    /// than [`SEARCH_MARGIN`]: a site that only ties (a dominated site at best does) does
    /// not win, whatever the tie-break.
    fn wins(&mut self, w: &[f64], k: usize) -> bool {
        self.eval(w);
        self.feasible[k]
            && (0..self.scores.len()).all(|i| {
                i == k || !self.feasible[i] || self.scores[k] > self.scores[i] + SEARCH_MARGIN
            })
    }
}

/// The score margin by which a site must beat every other in the searched (non-projected)
/// weight changes.
const SEARCH_MARGIN: f64 = 1e-9;

/// One weight sweep: criterion j's weight from 0 to 1.
#[derive(Debug, Clone)]
pub struct Sweep {
    pub criterion: usize,
    pub points: Vec<SweepPoint>,
}

#[derive(Debug, Clone)]
pub struct SweepPoint {
    /// The swept criterion's weight.
    pub weight: f64,
    pub scores: Vec<f64>,
    /// Site indices, best first.
    pub order: Vec<usize>,
}

/// A weight of one criterion at which the winner changes along its sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct WinnerChange {
    pub criterion: usize,
    pub base_weight: f64,
    /// The threshold weight (to 1e-9).
    pub weight: f64,
    /// Winner just below the threshold.
    pub below: usize,
    /// Winner just above it.
    pub above: usize,
}

/// The smallest change of the weights that lets a site win.
#[derive(Debug, Clone, PartialEq)]
pub struct MinChange {
    pub site: usize,
    pub base_rank: usize,
    /// Euclidean distance from the base weights; `None` when the site cannot win (it is
    /// infeasible, or no weights on the simplex make it first).
    pub distance: Option<f64>,
    /// The closest weights at which the site ties with or beats every other feasible site.
    pub weights: Option<Vec<f64>>,
    /// Exact projection (WSM, WPM, PROMETHEE II) or search result (an upper bound).
    pub exact: bool,
}

/// The effect of removing one site on the order of the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Removal {
    pub removed: usize,
    /// The other sites in base-case order.
    pub order_before: Vec<usize>,
    /// The other sites, best first, re-scored without the removed site.
    pub order_after: Vec<usize>,
    /// Pairs (a, b): a ranked above b before, below it after.
    pub reversed: Vec<(usize, usize)>,
    pub kendall_tau: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MethodRanking {
    pub method: Method,
    pub scores: Vec<f64>,
    pub order: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    pub a: Method,
    pub b: Method,
    /// Number of sites compared (the feasible ones).
    pub sites: usize,
    pub spearman: f64,
    pub kendall: f64,
}

/// Everything `dcsite sensitivity` computes.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub base: BaseCase,
    pub steps: usize,
    pub scores: Vec<f64>,
    pub order: Vec<usize>,
    pub sweeps: Vec<Sweep>,
    pub winner_changes: Vec<WinnerChange>,
    /// One per site other than the winner, closest first.
    pub min_changes: Vec<MinChange>,
    pub removals: Vec<Removal>,
    pub methods: Vec<MethodRanking>,
    pub correlations: Vec<Correlation>,
    pub vikor: vikor::Outcome,
    pub warnings: Vec<String>,
}

impl Analysis {
    pub fn winner(&self) -> usize {
        self.order[0]
    }
}

/// Weights with criterion j's at t and the others rescaled to keep their proportions.
pub fn swept_weights(base: &[f64], j: usize, t: f64, out: &mut [f64]) {
    let rest = 1.0 - base[j];
    let n = base.len();
    for (k, o) in out.iter_mut().enumerate() {
        *o = if k == j {
            t
        } else if rest > 1e-12 {
            base[k] * (1.0 - t) / rest
        } else {
            (1.0 - t) / (n - 1) as f64
        };
    }
}

/// Runs every analysis on a base case; `steps` ≥ 1 per sweep.
pub fn analyse(base: BaseCase, steps: usize) -> Analysis {
    let steps = steps.max(1);
    let (m, n) = base.x.shape();
    let mut warnings = Vec::new();
    if !base.feasible.iter().any(|&f| f) {
        warnings.push(
            "no site is feasible in the base case: the winner is the best infeasible site".into(),
        );
    }
    let mut ev = Evaluator::new(&base, base.method);
    ev.eval(&base.weights);
    let scores = ev.scores.clone();
    let order = ev.order.clone();

    let mut w = vec![0.0; n];
    let mut sweeps = Vec::with_capacity(n);
    let mut winner_changes = Vec::new();
    for j in 0..n {
        let mut points = Vec::with_capacity(steps + 1);
        for k in 0..=steps {
            let t = k as f64 / steps as f64;
            swept_weights(&base.weights, j, t, &mut w);
            ev.eval(&w);
            points.push(SweepPoint {
                weight: t,
                scores: ev.scores.clone(),
                order: ev.order.clone(),
            });
        }
        for k in 0..steps {
            let (a, b) = (points[k].order[0], points[k + 1].order[0]);
            if a == b {
                continue;
            }
            // At an end of the sweep (the criterion's weight at 0 or 1, where one criterion
            // or the others decide alone) the two winners may only tie, as when every site
            // is equal there: then the "change" is the tie-break by site order, not a
            // change of winner.
            let ties = |p: &SweepPoint| {
                (p.scores[a] - p.scores[b]).abs() <= 1e-12 * p.scores[a].abs().max(1.0)
            };
            if (k == 0 && ties(&points[0])) || (k + 1 == steps && ties(&points[steps])) {
                continue;
            }
            let (mut lo, mut hi) = (points[k].weight, points[k + 1].weight);
            let (mut below, mut above) = (a, b);
            while hi - lo > 1e-9 {
                let mid = 0.5 * (lo + hi);
                swept_weights(&base.weights, j, mid, &mut w);
                let win = ev.winner(&w);
                if win == below {
                    lo = mid;
                } else {
                    hi = mid;
                    above = win;
                }
            }
            swept_weights(&base.weights, j, lo, &mut w);
            below = ev.winner(&w);
            winner_changes.push(WinnerChange {
                criterion: j,
                base_weight: base.weights[j],
                weight: 0.5 * (lo + hi),
                below,
                above,
            });
        }
        sweeps.push(Sweep {
            criterion: j,
            points,
        });
    }

    let min_changes = min_changes(&base, &order, &sweeps);
    let removals = removals(&base, &order);
    let methods: Vec<MethodRanking> = Method::ALL
        .iter()
        .map(|&method| {
            let mut e = Evaluator::new(&base, method);
            e.eval(&base.weights);
            MethodRanking {
                method,
                scores: e.scores,
                order: e.order,
            }
        })
        .collect();
    let correlations = correlations(&base, &methods);
    let mut s = base.scorer(Method::Vikor, m);
    s.normalize(&base.x, &base.feasible);
    let vikor = vikor::Vikor::new(base.params.vikor_v, m).outcome(
        &s.normalized,
        &base.weights,
        &base.feasible,
    );
    Analysis {
        base,
        steps,
        scores,
        order,
        sweeps,
        winner_changes,
        min_changes,
        removals,
        methods,
        correlations,
        vikor,
        warnings,
    }
}

fn min_changes(base: &BaseCase, order: &[usize], sweeps: &[Sweep]) -> Vec<MinChange> {
    let (m, n) = base.x.shape();
    let winner = order[0];
    let mut base_rank = vec![0; m];
    for (r, &i) in order.iter().enumerate() {
        base_rank[i] = r;
    }
    let mut ev = Evaluator::new(base, base.method);
    let mut terms = DMatrix::zeros(m, n);
    let linear = ev.scorer.linear_terms(&base.x, &base.feasible, &mut terms);
    // Start points for the search (and a feasibility check for the projection): sweep
    // points, vertices, centroid, uniform samples.
    let mut pts: Vec<Vec<f64>> = Vec::new();
    let mut w = vec![0.0; n];
    for s in sweeps {
        for p in &s.points {
            swept_weights(&base.weights, s.criterion, p.weight, &mut w);
            pts.push(w.clone());
        }
    }
    for j in 0..n {
        let mut e = vec![0.0; n];
        e[j] = 1.0;
        pts.push(e);
    }
    pts.push(vec![1.0 / n as f64; n]);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(0x5e45_171e);
    for _ in 0..SEARCH_SAMPLES {
        let mut e: Vec<f64> = (0..n).map(|_| Exp1.sample(&mut rng)).collect();
        let total: f64 = e.iter().sum();
        e.iter_mut().for_each(|v| *v /= total);
        pts.push(e);
    }
    let candidates: Vec<(Vec<f64>, usize)> = pts
        .into_iter()
        .map(|p| {
            let win = ev.winner(&p);
            (p, win)
        })
        .collect();
    let mut out: Vec<MinChange> = (0..m)
        .filter(|&k| k != winner)
        .map(|k| {
            let (found, exact) = if !base.feasible[k] {
                (None, linear)
            } else if linear {
                // k must beat each other site by a margin (in distance units), so that a
                // region where k only ties (no interior) counts as no win, and at the point
                // found k ranks first whatever the tie-break.
                let halfspaces: Vec<Halfspace> = (0..m)
                    .filter(|&i| i != k && base.feasible[i])
                    .map(|i| {
                        let a: Vec<f64> = (0..n).map(|j| terms[(k, j)] - terms[(i, j)]).collect();
                        let norm = a.iter().map(|v| v * v).sum::<f64>().sqrt();
                        Halfspace {
                            b: WIN_MARGIN * norm,
                            a,
                        }
                    })
                    .collect();
                match project(&base.weights, &halfspaces, 20_000) {
                    Some(w) => (Some(w), true),
                    // Not converged, or no such weights: search if any sample makes k win.
                    None => (search(&mut ev, &base.weights, k, &candidates), false),
                }
            } else {
                (search(&mut ev, &base.weights, k, &candidates), false)
            };
            MinChange {
                site: k,
                base_rank: base_rank[k],
                distance: found.as_ref().map(|w| distance(w, &base.weights)),
                weights: found,
                exact,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let d = |c: &MinChange| c.distance.unwrap_or(f64::INFINITY);
        d(a).total_cmp(&d(b)).then(a.base_rank.cmp(&b.base_rank))
    });
    out
}

fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}

/// Euclidean projection of `y` onto the probability simplex (Duchi, Shalev-Shwartz, Singer
/// & Chandra 2008, "Efficient projections onto the ℓ1-ball", ICML).
fn project_simplex(y: &mut [f64]) {
    let mut u = y.to_vec();
    u.sort_by(|a, b| b.total_cmp(a));
    let (mut cum, mut theta) = (0.0, 0.0);
    for (k, &v) in u.iter().enumerate() {
        cum += v;
        let t = (cum - 1.0) / (k + 1) as f64;
        if v - t > 0.0 {
            theta = t;
        }
    }
    for v in y.iter_mut() {
        *v = (*v - theta).max(0.0);
    }
}

/// How far inside its winning region (Euclidean distance in weight space) a site's smallest
/// weight change must land: ten times the projection's tolerance.
const WIN_MARGIN: f64 = 1e-6;

/// A halfspace {w : a·w ≥ b}.
#[derive(Debug, Clone)]
struct Halfspace {
    a: Vec<f64>,
    b: f64,
}

impl Halfspace {
    /// How far `w` is outside, in units of distance.
    fn violation(&self, w: &[f64]) -> f64 {
        let norm = self.a.iter().map(|v| v * v).sum::<f64>().sqrt();
        let dot: f64 = self.a.iter().zip(w).map(|(a, x)| a * x).sum();
        if norm > 0.0 {
            ((self.b - dot) / norm).max(0.0)
        } else if self.b > 0.0 {
            f64::INFINITY
        } else {
            0.0
        }
    }

    fn project(&self, z: &mut [f64]) {
        let dot: f64 = self.a.iter().zip(z.iter()).map(|(a, z)| a * z).sum();
        let norm2: f64 = self.a.iter().map(|v| v * v).sum();
        if dot < self.b && norm2 > 0.0 {
            let t = (dot - self.b) / norm2;
            for (zi, ai) in z.iter_mut().zip(&self.a) {
                *zi -= t * ai;
            }
        }
    }
}

/// The point of {w ∈ simplex : every halfspace} closest to `w0` (Dykstra's alternating
/// projections, which converge to the projection onto an intersection of convex sets), or
/// `None` if the set is empty (or the iteration did not get within 1e-7 of it).
fn project(w0: &[f64], halfspaces: &[Halfspace], max_iterations: usize) -> Option<Vec<f64>> {
    let n = w0.len();
    let sets = halfspaces.len() + 1;
    let mut x = w0.to_vec();
    let mut incr = vec![vec![0.0; n]; sets];
    let mut y = vec![0.0; n];
    for _ in 0..max_iterations {
        let before = x.clone();
        for (s, p) in incr.iter_mut().enumerate() {
            for ((yi, xi), pi) in y.iter_mut().zip(&x).zip(p.iter()) {
                *yi = xi + pi;
            }
            let mut z = y.clone();
            if s == 0 {
                project_simplex(&mut z);
            } else {
                halfspaces[s - 1].project(&mut z);
            }
            for ((pi, yi), zi) in p.iter_mut().zip(&y).zip(&z) {
                *pi = yi - zi;
            }
            x = z;
        }
        if distance(&x, &before) < 1e-13 {
            break;
        }
    }
    // The last projection was onto a halfspace: make sure the point is on the simplex.
    let mut w = x;
    project_simplex(&mut w);
    let violation = halfspaces
        .iter()
        .map(|h| h.violation(&w))
        .fold(0.0, f64::max);
    (violation < 1e-7).then_some(w)
}

/// Searches for the weights closest to `w0` at which site `k` wins (TOPSIS, VIKOR): from
/// the nearest sampled points where it wins, bisection towards `w0`, then sequential
/// linearisation (the margins of k over the other feasible sites, by finite differences,
/// projected exactly as for the linear methods) and a final pattern search.
fn search(
    ev: &mut Evaluator<'_>,
    w0: &[f64],
    k: usize,
    candidates: &[(Vec<f64>, usize)],
) -> Option<Vec<f64>> {
    let n = w0.len();
    let mut starts: Vec<&Vec<f64>> = Vec::new();
    for (p, win) in candidates {
        if *win == k && ev.wins(p, k) {
            starts.push(p);
        }
    }
    starts.sort_by(|a, b| distance(a, w0).total_cmp(&distance(b, w0)));
    let mut best: Option<(f64, Vec<f64>)> = None;
    let mut w = vec![0.0; n];
    for start in starts.into_iter().take(3) {
        let mut p = toward(ev, w0, start, k);
        for _ in 0..30 {
            let Some(q) = linearised_step(ev, w0, &p, k) else {
                break;
            };
            let q = if ev.wins(&q, k) {
                toward(ev, w0, &q, k)
            } else {
                // Back along q → p to where k wins again, then towards w0.
                let r = toward(ev, &q, &p, k);
                toward(ev, w0, &r, k)
            };
            if distance(&q, w0) < distance(&p, w0) - 1e-12 {
                p = q;
            } else {
                break;
            }
        }
        let mut step = 0.05 * distance(&p, w0);
        while step > 1e-9 {
            let mut improved = false;
            for a in 0..n {
                for b in 0..n {
                    if a == b || p[b] < step {
                        continue;
                    }
                    w.copy_from_slice(&p);
                    w[a] += step;
                    w[b] -= step;
                    if distance(&w, w0) < distance(&p, w0) && ev.wins(&w, k) {
                        p = toward(ev, w0, &w, k);
                        improved = true;
                    }
                }
            }
            if !improved {
                step *= 0.5;
            }
        }
        let d = distance(&p, w0);
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, p));
        }
    }
    best.map(|(_, p)| p)
}

/// One step of sequential linearisation from `p`: the projection of `w0` onto the region
/// where the first-order model of every margin s_k − s_i is ≥ 0.
fn linearised_step(ev: &mut Evaluator<'_>, w0: &[f64], p: &[f64], k: usize) -> Option<Vec<f64>> {
    let n = p.len();
    let h = 1e-7;
    ev.eval(p);
    let s0 = ev.scores.clone();
    let others: Vec<usize> = (0..s0.len())
        .filter(|&i| i != k && ev.feasible[i])
        .collect();
    let mut grads = vec![vec![0.0; n]; others.len()];
    let mut w = p.to_vec();
    for j in 0..n {
        w[j] += h;
        ev.eval(&w);
        for (g, &i) in grads.iter_mut().zip(&others) {
            g[j] = ((ev.scores[k] - ev.scores[i]) - (s0[k] - s0[i])) / h;
        }
        w[j] = p[j];
    }
    // margin(w) ≈ m0 + g·(w − p) ≥ 0  ⇔  g·w ≥ g·p − m0.
    let halfspaces: Vec<Halfspace> = others
        .iter()
        .zip(grads)
        .map(|(&i, g)| {
            let gp: f64 = g.iter().zip(p).map(|(a, b)| a * b).sum();
            // Aim a little inside the region (k ahead by twice the search margin), since
            // a point on its boundary is a tie, not a win.
            Halfspace {
                b: gp - (s0[k] - s0[i]) + 2.0 * SEARCH_MARGIN,
                a: g,
            }
        })
        .collect();
    // A rough projection is enough for a step.
    project(w0, &halfspaces, 3_000)
}

/// The point closest to `w0` on the segment from `p` (where `k` wins) to `w0` at which `k`
/// still wins, by bisection.
fn toward(ev: &mut Evaluator<'_>, w0: &[f64], p: &[f64], k: usize) -> Vec<f64> {
    let n = w0.len();
    let at = |s: f64, w: &mut [f64]| {
        for j in 0..n {
            w[j] = w0[j] + s * (p[j] - w0[j]);
        }
    };
    let mut w = vec![0.0; n];
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..40 {
        let mid = 0.5 * (lo + hi);
        at(mid, &mut w);
        if ev.wins(&w, k) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    at(hi, &mut w);
    w
}

fn removals(base: &BaseCase, order: &[usize]) -> Vec<Removal> {
    let (m, n) = base.x.shape();
    if m < 3 {
        return Vec::new();
    }
    (0..m)
        .map(|r| {
            let keep: Vec<usize> = (0..m).filter(|&i| i != r).collect();
            let x = DMatrix::from_fn(m - 1, n, |i, j| base.x[(keep[i], j)]);
            let feasible: Vec<bool> = keep.iter().map(|&i| base.feasible[i]).collect();
            let mut e = Evaluator::on(base, &x, &feasible, base.method);
            e.eval(&base.weights);
            let order_after: Vec<usize> = e.order.iter().map(|&i| keep[i]).collect();
            let order_before: Vec<usize> = order.iter().copied().filter(|&i| i != r).collect();
            let mut pos = vec![0; m];
            for (p, &i) in order_after.iter().enumerate() {
                pos[i] = p;
            }
            let mut reversed = Vec::new();
            for (ia, &a) in order_before.iter().enumerate() {
                for &b in &order_before[ia + 1..] {
                    if pos[a] > pos[b] {
                        reversed.push((a, b));
                    }
                }
            }
            let kendall_tau = kendall(&order_before, &order_after);
            Removal {
                removed: r,
                order_before,
                order_after,
                reversed,
                kendall_tau,
            }
        })
        .collect()
}

/// Positions of `items` in `order` (an ordering of a superset), as ranks 0..len.
fn positions(order: &[usize], items: &[usize]) -> Vec<f64> {
    let sub: Vec<usize> = order
        .iter()
        .copied()
        .filter(|i| items.contains(i))
        .collect();
    items
        .iter()
        .map(|i| sub.iter().position(|s| s == i).expect("item in order") as f64)
        .collect()
}

/// Kendall's τ between two orderings of the same items (no ties: τ_a = τ_b).
pub fn kendall(a: &[usize], b: &[usize]) -> f64 {
    let (ra, rb) = (positions(a, a), positions(b, a));
    let n = ra.len();
    if n < 2 {
        return f64::NAN;
    }
    let mut s = 0.0;
    for i in 0..n {
        for j in i + 1..n {
            s += ((ra[i] - ra[j]) * (rb[i] - rb[j])).signum();
        }
    }
    s / (n * (n - 1) / 2) as f64
}

/// Spearman's ρ between two orderings of the same items: 1 − 6Σd²/(n(n² − 1)).
pub fn spearman(a: &[usize], b: &[usize]) -> f64 {
    let (ra, rb) = (positions(a, a), positions(b, a));
    let n = ra.len() as f64;
    if ra.len() < 2 {
        return f64::NAN;
    }
    let d2: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - y) * (x - y)).sum();
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}

fn correlations(base: &BaseCase, methods: &[MethodRanking]) -> Vec<Correlation> {
    let m = base.x.nrows();
    let feasible: Vec<usize> = (0..m).filter(|&i| base.feasible[i]).collect();
    let items = if feasible.len() >= 2 {
        feasible
    } else {
        (0..m).collect()
    };
    let mut out = Vec::new();
    for (i, a) in methods.iter().enumerate() {
        for b in &methods[i + 1..] {
            let oa: Vec<usize> = a
                .order
                .iter()
                .copied()
                .filter(|s| items.contains(s))
                .collect();
            let ob: Vec<usize> = b
                .order
                .iter()
                .copied()
                .filter(|s| items.contains(s))
                .collect();
            out.push(Correlation {
                a: a.method,
                b: b.method,
                sites: items.len(),
                spearman: spearman(&oa, &ob),
                kendall: kendall(&oa, &ob),
            });
        }
    }
    out
}

/// The output files: name and bytes.
pub fn render(a: &Analysis) -> Vec<(String, Vec<u8>)> {
    let b = &a.base;
    let site = |i: usize| b.site_ids[i].as_str();
    let crit = |j: usize| b.criterion_ids[j].as_str();
    let mut files = Vec::new();

    let mut csv = Csv::new([
        "criterion",
        "step",
        "weight",
        "site_id",
        "score",
        "rank",
        "feasible",
    ]);
    for s in &a.sweeps {
        for (k, p) in s.points.iter().enumerate() {
            for (r, &i) in p.order.iter().enumerate() {
                csv.row([
                    crit(s.criterion).to_owned(),
                    k.to_string(),
                    num(p.weight),
                    site(i).to_owned(),
                    num(p.scores[i]),
                    (r + 1).to_string(),
                    b.feasible[i].to_string(),
                ]);
            }
        }
    }
    files.push(("sweeps.csv".to_owned(), csv.bytes()));

    let mut csv = Csv::new([
        "criterion",
        "base_weight",
        "weight",
        "weight_change",
        "winner_below",
        "winner_above",
    ]);
    for c in &a.winner_changes {
        csv.row([
            crit(c.criterion).to_owned(),
            num(c.base_weight),
            num(c.weight),
            num(c.weight - c.base_weight),
            site(c.below).to_owned(),
            site(c.above).to_owned(),
        ]);
    }
    files.push(("winner_changes.csv".to_owned(), csv.bytes()));

    let mut header: Vec<String> = ["site_id", "base_rank", "can_win", "distance", "exact"]
        .map(String::from)
        .into();
    header.extend(b.criterion_ids.iter().map(|c| format!("w_{c}")));
    let mut csv = Csv::new(&header);
    for c in &a.min_changes {
        let mut row = vec![
            site(c.site).to_owned(),
            (c.base_rank + 1).to_string(),
            c.distance.is_some().to_string(),
            c.distance.map_or(String::new(), num),
            c.exact.to_string(),
        ];
        match &c.weights {
            Some(w) => row.extend(w.iter().map(|&v| num(v))),
            None => row.extend(std::iter::repeat_n(String::new(), b.criterion_ids.len())),
        }
        csv.row(&row);
    }
    files.push(("min_weight_change.csv".to_owned(), csv.bytes()));

    let ids = |o: &[usize]| o.iter().map(|&i| site(i)).collect::<Vec<_>>().join(" ");
    let mut csv = Csv::new([
        "removed_site_id",
        "changed",
        "reversed_pairs",
        "kendall_tau",
        "winner_before",
        "winner_after",
        "order_before",
        "order_after",
        "reversals",
    ]);
    for r in &a.removals {
        let pairs: Vec<String> = r
            .reversed
            .iter()
            .map(|&(x, y)| format!("{}>{}", site(y), site(x)))
            .collect();
        csv.row([
            site(r.removed).to_owned(),
            (!r.reversed.is_empty()).to_string(),
            r.reversed.len().to_string(),
            num(r.kendall_tau),
            r.order_before.first().map_or("", |&i| site(i)).to_owned(),
            // No winner when the removed site was the only feasible one.
            r.order_after
                .first()
                .filter(|&&i| b.feasible[i])
                .map_or("", |&i| site(i))
                .to_owned(),
            ids(&r.order_before),
            ids(&r.order_after),
            pairs.join(" "),
        ]);
    }
    files.push(("rank_reversal.csv".to_owned(), csv.bytes()));

    let mut csv = Csv::new(["method", "site_id", "rank", "score", "feasible"]);
    for mr in &a.methods {
        for (r, &i) in mr.order.iter().enumerate() {
            csv.row([
                mr.method.to_string(),
                site(i).to_owned(),
                (r + 1).to_string(),
                num(mr.scores[i]),
                b.feasible[i].to_string(),
            ]);
        }
    }
    files.push(("methods.csv".to_owned(), csv.bytes()));

    let mut csv = Csv::new([
        "method_a",
        "method_b",
        "sites",
        "spearman_rho",
        "kendall_tau",
    ]);
    for c in &a.correlations {
        csv.row([
            c.a.to_string(),
            c.b.to_string(),
            c.sites.to_string(),
            num(c.spearman),
            num(c.kendall),
        ]);
    }
    files.push(("method_correlations.csv".to_owned(), csv.bytes()));

    let v = &a.vikor;
    let mut csv = Csv::new([
        "site_id",
        "s",
        "r",
        "q",
        "rank",
        "compromise",
        "acceptable_advantage",
        "acceptable_stability",
    ]);
    let m = b.site_ids.len();
    let mut rows: Vec<usize> = v.order.clone();
    rows.extend((0..m).filter(|i| !v.order.contains(i)));
    for i in rows {
        csv.row([
            site(i).to_owned(),
            num(v.s[i]),
            num(v.r[i]),
            num(v.q[i]),
            v.order
                .iter()
                .position(|&k| k == i)
                .map_or(String::new(), |p| (p + 1).to_string()),
            v.compromise.contains(&i).to_string(),
            v.acceptable_advantage.to_string(),
            v.acceptable_stability.to_string(),
        ]);
    }
    files.push(("vikor.csv".to_owned(), csv.bytes()));
    files
}

/// A terminal summary of the analysis.
pub fn summary(a: &Analysis) -> String {
    let b = &a.base;
    let site = |i: usize| b.site_ids[i].as_str();
    let mut s = String::new();
    let w = a.winner();
    let _ = writeln!(
        s,
        "Base case of {}: {} sites, {} criteria, method {} ({}), normalisation {}.",
        b.scenario,
        b.site_ids.len(),
        b.criterion_ids.len(),
        b.method,
        b.method.score_meaning(),
        b.normalization
    );
    let _ = writeln!(s, "Winner: {} (score {:.4}).", site(w), a.scores[w]);
    let _ = writeln!(
        s,
        "\nWeight sweeps ({} steps each, others rescaled):",
        a.steps
    );
    for (j, id) in b.criterion_ids.iter().enumerate() {
        let changes: Vec<String> = a
            .winner_changes
            .iter()
            .filter(|c| c.criterion == j)
            .map(|c| format!("{} → {} at {:.4}", site(c.below), site(c.above), c.weight))
            .collect();
        let _ = writeln!(
            s,
            "  {id:<20} base {:.3}: {}",
            b.weights[j],
            if changes.is_empty() {
                format!("{} wins from 0 to 1", site(a.sweeps[j].points[0].order[0]))
            } else {
                changes.join("; ")
            }
        );
    }
    match a.min_changes.iter().find(|c| c.distance.is_some()) {
        Some(c) => {
            let d = c.distance.unwrap_or(f64::NAN);
            let _ = writeln!(
                s,
                "\nSmallest weight change that makes another site win: {:.4} (Euclidean), for {}{}.",
                d,
                site(c.site),
                if c.exact {
                    ""
                } else {
                    " (found by search: an upper bound)"
                }
            );
            if let Some(wts) = &c.weights {
                let moves: Vec<String> = wts
                    .iter()
                    .zip(&b.weights)
                    .zip(&b.criterion_ids)
                    .filter(|((x, y), _)| (*x - *y).abs() > 5e-4)
                    .map(|((x, y), id)| format!("{id} {y:.3} → {x:.3}"))
                    .collect();
                let _ = writeln!(s, "  {}", moves.join(", "));
            }
        }
        None => {
            let _ = writeln!(
                s,
                "\nNo weights on the simplex make another feasible site win."
            );
        }
    }
    let changed: Vec<&Removal> = a
        .removals
        .iter()
        .filter(|r| !r.reversed.is_empty())
        .collect();
    if a.removals.is_empty() {
        let _ = writeln!(s, "\nRank reversal: needs at least 3 sites.");
    } else if changed.is_empty() {
        let _ = writeln!(
            s,
            "\nRank reversal: none (removing any one site keeps the order of the others)."
        );
    } else {
        let _ = writeln!(
            s,
            "\nRank reversal: removing {} of {} sites changes the order of the others:",
            changed.len(),
            a.removals.len()
        );
        for r in changed {
            let first: Vec<String> = r
                .reversed
                .iter()
                .take(3)
                .map(|&(x, y)| format!("{} now above {}", site(y), site(x)))
                .collect();
            let _ = writeln!(
                s,
                "  without {}: {} pair(s), e.g. {}",
                site(r.removed),
                r.reversed.len(),
                first.join(", ")
            );
        }
    }
    let _ = writeln!(s, "\nMethods (base-case winner):");
    for mr in &a.methods {
        let _ = writeln!(s, "  {:<11} {}", mr.method.name(), site(mr.order[0]));
    }
    if let Some(c) = a.correlations.first() {
        let mean_tau =
            a.correlations.iter().map(|c| c.kendall).sum::<f64>() / a.correlations.len() as f64;
        let lowest = a
            .correlations
            .iter()
            .min_by(|x, y| x.kendall.total_cmp(&y.kendall))
            .unwrap_or(c);
        let _ = writeln!(
            s,
            "  Kendall τ between methods over {} feasible sites: mean {:.3}, lowest {:.3} ({} vs {}).",
            c.sites, mean_tau, lowest.kendall, lowest.a, lowest.b
        );
    }
    let v = &a.vikor;
    if let Some(&first) = v.order.first() {
        let set: Vec<&str> = v.compromise.iter().map(|&i| site(i)).collect();
        let _ = writeln!(
            s,
            "\nVIKOR (v = {}): best Q {} ({:.4}); acceptable advantage {}, acceptable stability {}; compromise set: {}.",
            b.params.vikor_v,
            site(first),
            v.q[first],
            yes(v.acceptable_advantage),
            yes(v.acceptable_stability),
            set.join(", ")
        );
    }
    s
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// What `dcsite sensitivity` is asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    pub scenario: PathBuf,
    /// Output directory (default `runs/<scenario name>/sensitivity/`).
    pub out: Option<PathBuf>,
    pub steps: usize,
}

/// What it produced.
#[derive(Debug)]
pub struct Output {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub summary: String,
    pub warnings: Vec<String>,
}

/// Writes the analysis' files into `dir` (created if needed), each through a temporary file.
pub fn write(dir: &Path, a: &Analysis) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = render(a)
        .into_iter()
        .map(|(name, bytes)| write_atomic(dir, &name, &bytes))
        .collect::<Result<Vec<_>>>()?;
    if let Some(fig) = tornado(a) {
        let fail = |e: crate::report::plots::PlotError| Error::Write {
            path: dir.join("tornado.png"),
            source: std::io::Error::other(e.to_string()),
        };
        let svg = fig.svg().map_err(fail)?;
        files.push(write_atomic(dir, "tornado.png", &fig.png().map_err(fail)?)?);
        files.push(write_atomic(dir, "tornado.svg", svg.as_bytes())?);
    }
    Ok(files)
}

/// The tornado chart: for each criterion, the base-case winner's score as that criterion's
/// weight sweeps from 0 to 1 (the others rescaled), around its base score.
fn tornado(a: &Analysis) -> Option<crate::report::plots::Figure> {
    let winner = *a.order.first()?;
    let mut labels = Vec::new();
    let mut ends = Vec::new();
    for s in &a.sweeps {
        let (first, last) = (s.points.first()?, s.points.last()?);
        labels.push(a.base.criterion_ids[s.criterion].clone());
        ends.push((first.scores[winner], last.scores[winner]));
    }
    if labels.is_empty() {
        return None;
    }
    let title = format!(
        "Score of {} as each weight goes 0 → 1",
        a.base.site_ids[winner]
    );
    Some(crate::report::plots::tornado(
        &title,
        &labels,
        &ends,
        a.scores[winner],
        "score",
    ))
}

/// Loads the scenario, analyses its base case and writes the files.
pub fn run(req: &Request) -> Result<Output> {
    if req.steps == 0 {
        return Err(Problem::new("command line", "--steps", "must be ≥ 1")
            .value(0)
            .into());
    }
    let scenario = Scenario::load(&req.scenario)?;
    let dir = req
        .out
        .clone()
        .unwrap_or_else(|| Path::new("runs").join(&scenario.name).join("sensitivity"));
    let world = World::build(scenario)?;
    let analysis = analyse(BaseCase::from_world(&world), req.steps);
    let files = write(&dir, &analysis)?;
    let mut warnings = world.warnings.clone();
    warnings.extend(analysis.warnings.iter().cloned());
    Ok(Output {
        dir,
        files,
        summary: summary(&analysis),
        warnings,
    })
}

/// Most sites for which [`weight_change`] is computed for a run's verdict.
pub const VERDICT_MAX_SITES: usize = 200;

/// The smallest change of the point weights that puts another site first in the base case,
/// for the verdict of `dcsite run`. `None` when it is not cheap (more than
/// [`VERDICT_MAX_SITES`] sites), when the base-case winner is infeasible or when no other
/// site can win.
pub fn weight_change(world: &World) -> Option<WeightChange> {
    if world.sites.len() > VERDICT_MAX_SITES || world.sites.len() < 2 {
        return None;
    }
    let base = BaseCase::from_world(world);
    let mut ev = Evaluator::new(&base, base.method);
    ev.eval(&base.weights);
    let order = ev.order.clone();
    if !base.feasible[order[0]] {
        return None;
    }
    let closest = min_changes(&base, &order, &[])
        .into_iter()
        .find(|c| c.distance.is_some())?;
    let w = closest.weights.as_ref()?;
    let mut moves: Vec<usize> = (0..w.len())
        .filter(|&j| (w[j] - base.weights[j]).abs() >= 0.005)
        .collect();
    moves.sort_by(|&a, &b| {
        let d = |j: usize| (w[j] - base.weights[j]).abs();
        d(b).total_cmp(&d(a)).then(a.cmp(&b))
    });
    Some(WeightChange {
        base_winner: base.site_ids[order[0]].clone(),
        site_id: base.site_ids[closest.site].clone(),
        distance: closest.distance?,
        exact: closest.exact,
        changes: moves
            .into_iter()
            .take(3)
            .map(|j| CriterionChange {
                criterion: base.criterion_ids[j].clone(),
                from: base.weights[j],
                to: w[j],
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn case(x: DMatrix<f64>, dirs: Vec<Direction>, w: Vec<f64>, method: Method) -> BaseCase {
        let (m, n) = x.shape();
        BaseCase {
            scenario: "test".into(),
            site_ids: (0..m).map(|i| format!("s{i}")).collect(),
            criterion_ids: (0..n).map(|j| format!("c{j}")).collect(),
            x,
            feasible: vec![true; m],
            weights: w,
            directions: dirs,
            normalization: Normalization::MinMax,
            params: Params::defaults(n),
            method,
        }
    }

    #[test]
    fn swept_weights_keep_proportions() {
        let mut w = [0.0; 3];
        swept_weights(&[0.5, 0.3, 0.2], 0, 0.0, &mut w);
        assert_abs_diff_eq!(w[1], 0.6);
        assert_abs_diff_eq!(w[2], 0.4);
        swept_weights(&[1.0, 0.0, 0.0], 0, 0.5, &mut w);
        assert_eq!(w, [0.5, 0.25, 0.25]);
    }

    #[test]
    fn two_site_wsm_threshold_and_projection() {
        // s0 best on c0, s1 on c1; w = (0.7, 0.3). s1 wins once w0 < 0.5.
        let x = DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.0, 1.0]);
        let b = case(x, vec![Direction::Max; 2], vec![0.7, 0.3], Method::Wsm);
        let a = analyse(b, 10);
        assert_eq!(a.winner(), 0);
        let c0: Vec<&WinnerChange> = a
            .winner_changes
            .iter()
            .filter(|c| c.criterion == 0)
            .collect();
        assert_eq!(c0.len(), 1);
        assert_abs_diff_eq!(c0[0].weight, 0.5, epsilon = 1e-8);
        assert_eq!((c0[0].below, c0[0].above), (1, 0));
        // Closest tie: (0.5, 0.5), at distance √(0.2² + 0.2²), plus the winning margin.
        let mc = &a.min_changes[0];
        assert_eq!(mc.site, 1);
        assert!(mc.exact);
        assert_abs_diff_eq!(
            mc.distance.unwrap(),
            0.08f64.sqrt() + WIN_MARGIN,
            epsilon = 1e-7
        );
        assert_eq!(a.sweeps[0].points.len(), 11);
    }

    #[test]
    fn a_tie_at_the_end_of_a_sweep_is_no_winner_change() {
        // c0 is the same everywhere, s1 beats s0 on c1: at w0 = 1 (the start of c1's
        // sweep, the end of c0's) both tie and the tie-break picks s0, which is no change
        // of winner.
        let x = DMatrix::from_row_slice(2, 2, &[5.0, 1.0, 5.0, 2.0]);
        let b = case(x, vec![Direction::Max; 2], vec![0.5, 0.5], Method::Wsm);
        let a = analyse(b, 10);
        assert_eq!(a.winner(), 1);
        assert!(a.winner_changes.is_empty(), "{:?}", a.winner_changes);
    }

    #[test]
    fn a_site_that_can_only_tie_cannot_win() {
        // c0 is the same everywhere; on c1, s0 > s1 > s2. At w = (1, 0) all three tie (the
        // tie-break picks s0); anywhere else s0 wins. So neither s1 nor s2 can win.
        let x = DMatrix::from_row_slice(3, 2, &[5.0, 3.0, 5.0, 2.0, 5.0, 1.0]);
        let b = case(x, vec![Direction::Max; 2], vec![0.5, 0.5], Method::Wsm);
        let a = analyse(b, 10);
        assert_eq!(a.winner(), 0);
        for mc in &a.min_changes {
            assert!(
                mc.weights.is_none(),
                "site {} 'wins' at {:?}",
                mc.site,
                mc.weights
            );
        }
    }

    #[test]
    fn exact_projection_matches_search_for_every_method() {
        // Three sites, three criteria with trade-offs.
        let x = DMatrix::from_row_slice(3, 3, &[10.0, 1.0, 5.0, 6.0, 3.0, 4.0, 2.0, 4.0, 9.0]);
        let dirs = vec![Direction::Max, Direction::Max, Direction::Min];
        let w = vec![0.5, 0.3, 0.2];
        for method in Method::ALL {
            let a = analyse(case(x.clone(), dirs.clone(), w.clone(), method), 20);
            let base = &a.base;
            for c in &a.min_changes {
                let (Some(d), Some(wts)) = (c.distance, &c.weights) else {
                    continue;
                };
                // On the simplex, at the stated distance, and the site (nearly) wins there.
                assert_abs_diff_eq!(wts.iter().sum::<f64>(), 1.0, epsilon = 1e-9);
                assert!(wts.iter().all(|&v| v >= 0.0));
                assert_abs_diff_eq!(distance(wts, &base.weights), d, epsilon = 1e-12);
                let mut ev = Evaluator::new(base, method);
                ev.eval(wts);
                let best = ev.scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                assert!(
                    ev.scores[c.site] >= best - 1e-6,
                    "{method}: {:?}",
                    ev.scores
                );
                // Nothing closer on the search's sample makes it win.
                if c.exact {
                    let mut s = Evaluator::new(base, method);
                    let found =
                        search(&mut s, &base.weights, c.site, &sample_winners(base, method));
                    let sd = distance(&found.expect("the search finds it too"), &base.weights);
                    assert!(
                        sd >= d - 2.0 * WIN_MARGIN,
                        "{method}: search {sd} < exact {d}"
                    );
                    // ... and the search, used for TOPSIS and VIKOR, gets close to it.
                    assert!(sd <= d + 1e-4, "{method}: search {sd} ≫ exact {d}");
                }
            }
        }
    }

    fn sample_winners(base: &BaseCase, method: Method) -> Vec<(Vec<f64>, usize)> {
        let n = base.weights.len();
        let mut ev = Evaluator::new(base, method);
        let mut out = Vec::new();
        for a in 0..=20 {
            for b in 0..=(20 - a) {
                let w = vec![a as f64 / 20.0, b as f64 / 20.0, (20 - a - b) as f64 / 20.0];
                debug_assert_eq!(w.len(), n);
                let win = ev.winner(&w);
                out.push((w, win));
            }
        }
        out
    }

    #[test]
    fn dominated_site_cannot_win() {
        // s1 is dominated by s0: no weights make it win, under any method.
        let x = DMatrix::from_row_slice(3, 2, &[5.0, 5.0, 4.0, 4.0, 1.0, 9.0]);
        for method in Method::ALL {
            let a = analyse(
                case(x.clone(), vec![Direction::Max; 2], vec![0.5, 0.5], method),
                10,
            );
            let c = a.min_changes.iter().find(|c| c.site == 1).unwrap();
            assert_eq!(c.distance, None, "{method}");
        }
    }

    #[test]
    fn a_weakly_dominated_site_first_in_the_file_cannot_win() {
        // s0 ties s1 on c0 and is worse on c1; at w = (1, 0) the two tie and the tie-break
        // (file order) picks s0. That tie is no win, under any method (found on the Google
        // example: Taipei, before Tokyo in the file, reported as winnable at 0.478).
        let x = DMatrix::from_row_slice(3, 2, &[5.0, 3.0, 5.0, 4.0, 1.0, 9.0]);
        for method in Method::ALL {
            let a = analyse(
                case(x.clone(), vec![Direction::Max; 2], vec![0.5, 0.5], method),
                10,
            );
            let c = a.min_changes.iter().find(|c| c.site == 0);
            if let Some(c) = c {
                assert_eq!(c.distance, None, "{method}: {c:?}");
            }
        }
    }

    #[test]
    fn rank_reversal_is_detected() {
        // WSM with min-max: C holds the top of c1; without it, c1's range shrinks and B
        // (second on c1) overtakes A. All: C 0.6, A 0.45, B 0.385; without C: B 0.55, A 0.45.
        let x = DMatrix::from_row_slice(3, 2, &[10.0, 0.0, 1.0, 7.0, 2.0, 10.0]);
        let a = analyse(
            case(
                x.clone(),
                vec![Direction::Max; 2],
                vec![0.45, 0.55],
                Method::Wsm,
            ),
            4,
        );
        assert_eq!(a.order, [2, 0, 1]);
        assert_eq!(a.removals.len(), 3);
        assert_eq!(a.removals[2].reversed, [(0, 1)]);
        assert_eq!(a.removals[2].order_after, [1, 0]);
        assert_abs_diff_eq!(a.removals[2].kendall_tau, -1.0);
        assert!(a.removals[0].reversed.is_empty() && a.removals[1].reversed.is_empty());
        // Under every method the reported pairs agree with the two orders.
        for method in Method::ALL {
            let a = analyse(
                case(x.clone(), vec![Direction::Max; 2], vec![0.45, 0.55], method),
                4,
            );
            for r in &a.removals {
                assert_eq!(r.order_before.len(), 2);
                assert_eq!(r.reversed.is_empty(), r.kendall_tau == 1.0, "{method}");
            }
        }
    }

    #[test]
    fn wpm_is_free_of_rank_reversal() {
        // Removing a site rescales a ratio column by one factor for every site.
        let x = DMatrix::from_row_slice(
            4,
            3,
            &[10.0, 2.0, 7.0, 6.0, 5.0, 3.0, 3.0, 9.0, 8.0, 8.0, 1.0, 2.0],
        );
        let dirs = vec![Direction::Max, Direction::Min, Direction::Max];
        let a = analyse(case(x, dirs, vec![0.4, 0.35, 0.25], Method::Wpm), 4);
        assert_eq!(a.removals.len(), 4);
        assert!(a.removals.iter().all(|r| r.reversed.is_empty()));
    }

    #[test]
    fn correlations() {
        assert_eq!(kendall(&[0, 1, 2, 3], &[0, 1, 2, 3]), 1.0);
        assert_eq!(kendall(&[0, 1, 2, 3], &[3, 2, 1, 0]), -1.0);
        assert_eq!(spearman(&[0, 1, 2, 3], &[3, 2, 1, 0]), -1.0);
        // One swap of adjacent items in 4: τ = (5 − 1)/6, ρ = 1 − 6·2/60.
        assert_abs_diff_eq!(kendall(&[0, 1, 2, 3], &[1, 0, 2, 3]), 4.0 / 6.0);
        assert_abs_diff_eq!(spearman(&[0, 1, 2, 3], &[1, 0, 2, 3]), 0.8);
    }

    #[test]
    fn files_have_the_documented_columns() {
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 3.0, 2.0, 2.0, 3.0, 1.0]);
        let a = analyse(
            case(
                x,
                vec![Direction::Max, Direction::Min],
                vec![0.6, 0.4],
                Method::Vikor,
            ),
            5,
        );
        let files = render(&a);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sweeps.csv",
                "winner_changes.csv",
                "min_weight_change.csv",
                "rank_reversal.csv",
                "methods.csv",
                "method_correlations.csv",
                "vikor.csv"
            ]
        );
        let head = |name: &str| {
            let bytes = &files.iter().find(|(n, _)| n == name).unwrap().1;
            String::from_utf8(bytes.clone())
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            head("sweeps.csv"),
            "criterion,step,weight,site_id,score,rank,feasible"
        );
        assert_eq!(
            head("min_weight_change.csv"),
            "site_id,base_rank,can_win,distance,exact,w_c0,w_c1"
        );
        assert_eq!(
            head("method_correlations.csv"),
            "method_a,method_b,sites,spearman_rho,kendall_tau"
        );
        // 2 criteria × 6 steps × 3 sites, plus the header.
        let sweeps = String::from_utf8(files[0].1.clone()).unwrap();
        assert_eq!(sweeps.lines().count(), 1 + 2 * 6 * 3);
        let s = summary(&a);
        assert!(s.contains("Winner:") && s.contains("VIKOR"), "{s}");
    }

    #[test]
    fn example_scenario_runs() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/apple-icloud-china.toml");
        let world = World::build(Scenario::load(&path).unwrap()).unwrap();
        let a = analyse(BaseCase::from_world(&world), 10);
        assert_eq!(a.methods.len(), Method::ALL.len());
        assert_eq!(a.correlations.len(), 10);
        assert!(a.base.feasible[a.winner()]);
        // The engine's base case under the model's method ranks the same way.
        let mut d = world.new_draw();
        world.base_case(&mut d);
        assert_eq!(d.order, a.order);
    }
}
