//! The smallest weight change that makes another site win: the exact projection onto the
//! polytope where it wins (Dykstra) for methods linear in the weights, a search for the others.

use nalgebra::DMatrix;
use rand::SeedableRng;
use rand_distr::{Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::*;

pub(super) fn min_changes(base: &BaseCase, order: &[usize], sweeps: &[Sweep]) -> Vec<MinChange> {
    let winner = order[0];
    let mut c = Changes::new(base, order, sweeps);
    let mut out: Vec<MinChange> = (0..base.x.nrows())
        .filter(|&k| k != winner)
        .map(|k| c.change(k))
        .collect();
    out.sort_by(|a, b| {
        let d = |c: &MinChange| c.distance.unwrap_or(f64::INFINITY);
        d(a).total_cmp(&d(b)).then(a.base_rank.cmp(&b.base_rank))
    });
    out
}

/// The first of [`min_changes`] with a distance (the closest site, then the better base
/// rank), without solving for the sites that cannot be closer. For methods linear in the
/// weights, the distance from the base weights to each halfspace where site k beats another
/// is a lower bound of k's distance; sites are taken in order of that bound and the rest
/// dropped once it exceeds the best distance found by more than [`PRUNE_MARGIN`]. Any point
/// found for k is within 10⁻⁶ of each of its halfspaces (the projection's tolerance, the
/// search's margin), so a dropped site could not have been closer: the result is the same.
pub(super) fn closest_change(base: &BaseCase, order: &[usize]) -> Option<MinChange> {
    let winner = order[0];
    let mut c = Changes::new(base, order, &[]);
    if !c.linear {
        return min_changes(base, order, &[])
            .into_iter()
            .find(|c| c.distance.is_some());
    }
    let mut todo: Vec<(f64, usize)> = (0..base.x.nrows())
        .filter(|&k| k != winner && base.feasible[k])
        .map(|k| {
            let bound = c
                .halfspaces(k)
                .iter()
                .map(|h| h.violation(&base.weights))
                .fold(0.0, f64::max);
            (bound, k)
        })
        .collect();
    todo.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut best: Option<(f64, MinChange)> = None;
    for (bound, k) in todo {
        if best.as_ref().is_some_and(|(d, _)| bound > d + PRUNE_MARGIN) {
            break;
        }
        let change = c.change(k);
        let Some(d) = change.distance else {
            continue;
        };
        let closer = best.as_ref().is_none_or(|(bd, b)| {
            d.total_cmp(bd)
                .then(change.base_rank.cmp(&b.base_rank))
                .is_lt()
        });
        if closer {
            best = Some((d, change));
        }
    }
    best.map(|(_, c)| c)
}

/// See [`closest_change`]: well above the 10⁻⁶ by which a found point may fall short of a
/// halfspace (and the rounding of the scores).
const PRUNE_MARGIN: f64 = 1e-5;

/// What the smallest changes of one base case share: the linear terms, and the start points
/// of the search (computed when a search first needs them).
struct Changes<'a> {
    base: &'a BaseCase,
    ev: Evaluator<'a>,
    terms: DMatrix<f64>,
    linear: bool,
    base_rank: Vec<usize>,
    points: Vec<Vec<f64>>,
    candidates: Option<Vec<(Vec<f64>, usize)>>,
}

impl<'a> Changes<'a> {
    fn new(base: &'a BaseCase, order: &[usize], sweeps: &[Sweep]) -> Changes<'a> {
        let (m, n) = base.x.shape();
        let mut base_rank = vec![0; m];
        for (r, &i) in order.iter().enumerate() {
            base_rank[i] = r;
        }
        let mut ev = Evaluator::new(base, base.method);
        let mut scratch = DMatrix::zeros(m, n);
        let terms = ev
            .scorer
            .linear_terms(&base.x, &base.feasible, &mut scratch)
            .cloned();
        let linear = terms.is_some();
        let terms = terms.unwrap_or(scratch);
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
        Changes {
            base,
            ev,
            terms,
            linear,
            base_rank,
            points: pts,
            candidates: None,
        }
    }

    /// The halfspaces of the weights where site k beats every other feasible site by a
    /// margin (methods linear in the weights).
    fn halfspaces(&self, k: usize) -> Vec<Halfspace> {
        let (m, n) = self.terms.shape();
        let (terms, feasible) = (&self.terms, &self.base.feasible);
        // k must beat each other site by a margin (in distance units), so that a region
        // where k only ties (no interior) counts as no win, and at the point found k ranks
        // first whatever the tie-break.
        (0..m)
            .filter(|&i| i != k && feasible[i])
            .map(|i| Halfspace::new((0..n).map(|j| terms[(k, j)] - terms[(i, j)]).collect()))
            .collect()
    }

    fn search(&mut self, k: usize) -> Option<Vec<f64>> {
        let ev = &mut self.ev;
        let candidates = self.candidates.get_or_insert_with(|| {
            self.points
                .iter()
                .map(|p| (p.clone(), ev.winner(p)))
                .collect()
        });
        search(ev, &self.base.weights, k, candidates)
    }

    /// The smallest change of the base weights that puts site k first.
    fn change(&mut self, k: usize) -> MinChange {
        let base = self.base;
        let (found, exact) = if !base.feasible[k] {
            (None, self.linear)
        } else if self.linear {
            let halfspaces = self.halfspaces(k);
            let best = best_margin(&halfspaces, base.weights.len());
            // Dykstra converges slowly where the region is thin: about 2·10⁸ operations.
            let (m, n) = self.terms.shape();
            let iterations = (200_000_000 / (m * n).max(1)).clamp(20_000, 2_000_000);
            match best {
                // No weights put k ahead of every other site by the win margin (a tie at
                // best): decided by linear programming, not by a search that found none.
                Some((margin, _)) if margin < WIN_MARGIN => (None, true),
                best => match project(&base.weights, &halfspaces, iterations) {
                    Some(w) => (Some(w), true),
                    // Not converged: the closer of the search's point and the linear
                    // programme's, each checked to put k first; an upper bound.
                    None => {
                        let lp = best.map(|(_, w)| w).filter(|w| self.ev.winner(w) == k);
                        let found = [self.search(k), lp].into_iter().flatten().min_by(|a, b| {
                            distance(a, &base.weights).total_cmp(&distance(b, &base.weights))
                        });
                        (found, false)
                    }
                },
            }
        } else {
            (self.search(k), false)
        };
        MinChange {
            site: k,
            base_rank: self.base_rank[k],
            distance: found.as_ref().map(|w| distance(w, &base.weights)),
            weights: found,
            exact,
        }
    }
}

/// The largest margin, in units of distance, by which a weight vector on the simplex can put
/// a site ahead of every other feasible site, max over w of minᵢ aᵢ·w / ‖aᵢ‖, and the
/// weights that give it; by linear programming (microlp). A rival with the same terms
/// (aᵢ = 0) can only be tied: margin 0. `None` if the solver fails.
fn best_margin(halfspaces: &[Halfspace], n: usize) -> Option<(f64, Vec<f64>)> {
    use microlp::{ComparisonOp, OptimizationDirection, Problem};
    if halfspaces.iter().any(|h| h.norm2 == 0.0) {
        return Some((0.0, vec![1.0 / n as f64; n]));
    }
    let mut lp = Problem::new(OptimizationDirection::Maximize);
    let w: Vec<_> = (0..n).map(|_| lp.add_var(0.0, (0.0, 1.0))).collect();
    // |aᵢ·w| ≤ ‖aᵢ‖ on the simplex, so the margin lies within ±1.
    let margin = lp.add_var(1.0, (-2.0, 2.0));
    let all: Vec<_> = w.iter().map(|&x| (x, 1.0)).collect();
    lp.add_constraint(&all[..], ComparisonOp::Eq, 1.0);
    for h in halfspaces {
        let norm = h.norm2.sqrt();
        let mut row: Vec<_> = w.iter().zip(&h.a).map(|(&x, &a)| (x, a / norm)).collect();
        row.push((margin, -1.0));
        lp.add_constraint(&row[..], ComparisonOp::Ge, 0.0);
    }
    let solution = lp.solve().ok()?.into_solution().ok()?;
    Some((
        solution.var_value(margin),
        w.iter().map(|&x| solution.var_value(x).max(0.0)).collect(),
    ))
}

pub(super) fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f64>()
        .sqrt()
}

/// Euclidean projection of `y` onto the probability simplex (Duchi, Shalev-Shwartz, Singer
/// & Chandra 2008, "Efficient projections onto the ℓ1-ball", ICML).
fn project_simplex(y: &mut [f64]) {
    project_simplex_with(y, &mut y.to_vec());
}

/// [`project_simplex`] with `u` (the length of `y`) as scratch.
fn project_simplex_with(y: &mut [f64], u: &mut [f64]) {
    u.copy_from_slice(y);
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
pub(super) const WIN_MARGIN: f64 = 1e-6;

/// A halfspace {w : a·w ≥ b}, with ‖a‖² (`norm2`).
#[derive(Debug, Clone)]
struct Halfspace {
    a: Vec<f64>,
    b: f64,
    norm2: f64,
}

impl Halfspace {
    /// {w : a·w ≥ b}.
    fn with_bound(a: Vec<f64>, b: f64) -> Halfspace {
        let norm2 = a.iter().map(|v| v * v).sum();
        Halfspace { a, b, norm2 }
    }

    /// {w : a·w ≥ `WIN_MARGIN`·‖a‖}: ahead by the win margin, in distance units.
    fn new(a: Vec<f64>) -> Halfspace {
        let norm = a.iter().map(|v| v * v).sum::<f64>().sqrt();
        Halfspace::with_bound(a, WIN_MARGIN * norm)
    }

    /// How far `w` is outside, in units of distance.
    fn violation(&self, w: &[f64]) -> f64 {
        let norm = self.norm2.sqrt();
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
        if dot < self.b && self.norm2 > 0.0 {
            let t = (dot - self.b) / self.norm2;
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
    // Dykstra's increments, one row of n per set; buffers reused across the iterations.
    let mut incr = vec![0.0; n * sets];
    let (mut y, mut before, mut scratch) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    for _ in 0..max_iterations {
        before.copy_from_slice(&x);
        for (s, p) in incr.chunks_exact_mut(n).enumerate() {
            for ((yi, xi), pi) in y.iter_mut().zip(&x).zip(p.iter()) {
                *yi = xi + pi;
            }
            x.copy_from_slice(&y);
            if s == 0 {
                project_simplex_with(&mut x, &mut scratch);
            } else {
                halfspaces[s - 1].project(&mut x);
            }
            for ((pi, yi), zi) in p.iter_mut().zip(&y).zip(&x) {
                *pi = yi - zi;
            }
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
pub(super) fn search(
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
            Halfspace::with_bound(g, gp - (s0[k] - s0[i]) + 2.0 * SEARCH_MARGIN)
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
