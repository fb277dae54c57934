//! Heuristic solver for large instances: greedy construction, then best-improvement local
//! search over add, drop and swap moves; and the Lagrangian lower bound that measures how
//! far from optimal it can be.
//!
//! **Greedy.** Starting from one site, add the site that serves the most points not yet
//! served, then (ties, and once every point is served) the one that lowers the objective
//! most; stop at K sites or when no site lowers it. Four runs start from the four best
//! single sites (most points served, then least cost), and the best result is kept.
//!
//! **Local search.** Each point keeps its cheapest and second-cheapest open site. The
//! objective after swapping out i and in j is
//! `Σ_p min(c1_p, c_jp) + Σ_{p: a_p = i} [min(c2_p, c_jp) − min(c1_p, c_jp)] + F − f_i + f_j`,
//! so all swaps with site j cost one pass over the points (Whitaker's fast interchange,
//! Resende & Werneck 2007): O(m·n) per iteration whatever K. Drops are swaps with a site of
//! infinite cost; adds (while fewer than K sites) are swaps with none. The best improving
//! move is applied until none improves. Objectives compare as (points not served, cost).
//!
//! **Separation.** No move opens a site closer than the minimum separation to a site that
//! stays open ([`Instance::conflicts`]); the greedy skips such sites, and the sets the
//! heuristic starts from keep only their sites that fit. The Lagrangian relaxation below
//! keeps the separation in its subproblem: it opens the best set of sites no two of which
//! conflict ([`separated`]: depth-first search over the sites of negative ρ). Past a budget
//! of search nodes that step drops the separation, which bounds a larger family of sets, so
//! the bound stays valid, only looser.
//!
//! **Lagrangian bound** (Beasley 1993, "Lagrangean heuristics for location problems",
//! EJOR 65, 383–399). Relaxing "each point is served once" with multipliers λ_p gives
//! `L(λ) = Σ_p λ_p + min_{1 ≤ |S| ≤ K} Σ_{i∈S} ρ_i`, `ρ_i = f_i + Σ_p min(0, c_ip − λ_p)`:
//! open the (at most K) sites with negative ρ, or the single least ρ. Any λ gives a lower
//! bound on every portfolio of at most K sites; λ starts at each point's cheapest cost
//! (there L is the simple bound: Σ_p min_i c_ip + min_i f_i) and follows subgradients
//! `g_p = 1 − #{i ∈ S: c_ip < λ_p}` with Polyak steps toward the heuristic's objective.
//! The sites the relaxation opens at its best λ seed one more greedy + local search run
//! ([`improve`]): when the bound is tight they are nearly the optimal set, and this run
//! escapes local optima that single swaps cannot leave.

use super::{Instance, Portfolio};

/// An objective as (points not served, cost of the served ones): fewer unserved points
/// always win.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Val {
    unserved: i64,
    cost: f64,
}

impl Val {
    fn of(c: f64) -> Val {
        if c.is_finite() {
            Val {
                unserved: 0,
                cost: c,
            }
        } else {
            Val {
                unserved: 1,
                cost: 0.0,
            }
        }
    }

    fn add(&mut self, o: Val) {
        self.unserved += o.unserved;
        self.cost += o.cost;
    }

    fn sub(&mut self, o: Val) {
        self.unserved -= o.unserved;
        self.cost -= o.cost;
    }

    /// True when `self` is better than `other` by more than rounding.
    fn better(self, other: Val) -> bool {
        self.unserved < other.unserved
            || (self.unserved == other.unserved
                && self.cost < other.cost - 1e-12 * other.cost.abs().max(1.0))
    }
}

/// Greedy + local search for at most `k` sites; `None` when the sets it reaches leave some
/// point unserved (which does not prove that no portfolio serves every point).
pub fn solve(inst: &Instance, k: usize) -> Option<Portfolio> {
    let k = k.min(inst.sites());
    if k == 0 {
        return None;
    }
    let mut best: Option<Portfolio> = None;
    for first in starts(inst, RESTARTS) {
        if let Some(p) = improve(inst, k, &[first])
            && best.as_ref().is_none_or(|b| p.objective < b.objective)
        {
            best = Some(p);
        }
    }
    best
}

/// One greedy run from the best single site, without local search: a quick incumbent for
/// branch and bound.
pub fn greedy_only(inst: &Instance, k: usize) -> Vec<usize> {
    let k = k.min(inst.sites());
    match starts(inst, 1).first() {
        Some(&first) if k > 0 => greedy(inst, k, &[first]),
        _ => Vec::new(),
    }
}

/// Greedy completion of the set `start` (its first K sites), then local search; `None`
/// when the result leaves some point unserved.
pub fn improve(inst: &Instance, k: usize, start: &[usize]) -> Option<Portfolio> {
    let k = k.min(inst.sites());
    if k == 0 {
        return None;
    }
    let mut open = greedy(inst, k, start);
    local_search(inst, k, &mut open);
    debug_assert!(inst.separated(&open), "{open:?} breaks the separation");
    if open.is_empty() {
        return None;
    }
    let p = inst.portfolio(&open);
    p.objective.is_finite().then_some(p)
}

/// Greedy runs, each from a different first site: one-swap local optima differ, and
/// coverage constraints (residency, a hard SLA) can need two swaps to leave one.
const RESTARTS: usize = 4;

/// The `r` best first sites of the greedy (most points served, then least cost).
fn starts(inst: &Instance, r: usize) -> Vec<usize> {
    let mut key: Vec<(usize, usize, f64)> = (0..inst.sites())
        .map(|j| {
            let row = inst.row(j);
            let served = row.iter().filter(|c| c.is_finite()).count();
            let cost = inst.fixed[j] + row.iter().filter(|c| c.is_finite()).sum::<f64>();
            (j, served, cost)
        })
        .collect();
    key.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.total_cmp(&b.2)).then(a.0.cmp(&b.0)));
    key.into_iter().take(r).map(|(j, _, _)| j).collect()
}

/// Greedy from the sites `start` (at most K of them).
fn greedy(inst: &Instance, k: usize, start: &[usize]) -> Vec<usize> {
    let m = inst.sites();
    let mut cur = vec![f64::INFINITY; inst.points()];
    let mut open: Vec<usize> = Vec::with_capacity(k);
    for &j in start.iter().filter(|&&j| j < m).take(k) {
        if !open.contains(&j) && inst.fits(&open, j) {
            open.push(j);
            for (a, &c) in cur.iter_mut().zip(inst.row(j)) {
                *a = a.min(c);
            }
        }
    }
    while open.len() < k {
        let mut best: Option<(usize, i64, f64)> = None;
        for j in (0..m).filter(|&j| !open.contains(&j) && inst.fits(&open, j)) {
            let (mut newly, mut gain) = (0i64, -inst.fixed[j]);
            for (&a, &c) in cur.iter().zip(inst.row(j)) {
                if !c.is_finite() {
                    continue;
                }
                if a.is_finite() {
                    gain += (a - c).max(0.0);
                } else {
                    newly += 1;
                    gain -= c;
                }
            }
            if best.is_none_or(|(_, bn, bg)| newly > bn || (newly == bn && gain > bg)) {
                best = Some((j, newly, gain));
            }
        }
        let Some((j, newly, gain)) = best else { break };
        if !open.is_empty() && newly == 0 && gain <= 0.0 {
            break;
        }
        open.push(j);
        for (a, &c) in cur.iter_mut().zip(inst.row(j)) {
            *a = a.min(c);
        }
    }
    open
}

/// Each point's cheapest open site and cost, and its second-cheapest cost.
struct Nearest {
    a1: Vec<usize>,
    c1: Vec<f64>,
    c2: Vec<f64>,
}

impl Nearest {
    fn new(inst: &Instance, open: &[usize]) -> Nearest {
        let n = inst.points();
        let mut s = Nearest {
            a1: vec![usize::MAX; n],
            c1: vec![f64::INFINITY; n],
            c2: vec![f64::INFINITY; n],
        };
        for &i in open {
            for (p, &c) in inst.row(i).iter().enumerate() {
                if c < s.c1[p] || (c == s.c1[p] && s.a1[p] == usize::MAX) {
                    s.c2[p] = s.c1[p];
                    s.c1[p] = c;
                    s.a1[p] = i;
                } else if c < s.c2[p] {
                    s.c2[p] = c;
                }
            }
        }
        s
    }

    fn value(&self, inst: &Instance, open: &[usize]) -> Val {
        let mut v = Val {
            unserved: 0,
            cost: open.iter().map(|&i| inst.fixed[i]).sum(),
        };
        for &c in &self.c1 {
            v.add(Val::of(c));
        }
        v
    }
}

#[derive(Debug, Clone, Copy)]
enum Move {
    Add(usize),
    Drop(usize),
    Swap { out: usize, into: usize },
}

fn local_search(inst: &Instance, k: usize, open: &mut Vec<usize>) {
    let (m, n) = (inst.sites(), inst.points());
    if open.is_empty() {
        return;
    }
    let mut is_open = vec![false; m];
    // clash[j]: open sites that site j conflicts with (too close to).
    let mut clash = vec![0usize; m];
    let mut corr = vec![Val::default(); m];
    // Bounded for safety; each applied move strictly improves, so it ends long before.
    for _ in 0..10 * m.max(1) {
        is_open.fill(false);
        for &i in open.iter() {
            is_open[i] = true;
        }
        if inst.has_conflicts() {
            for (j, c) in clash.iter_mut().enumerate() {
                *c = open.iter().filter(|&&i| inst.conflicts(i, j)).count();
            }
        }
        let near = Nearest::new(inst, open);
        let now = near.value(inst, open);
        let fixed: f64 = open.iter().map(|&i| inst.fixed[i]).sum();
        let mut best: Option<(Val, Move)> = None;
        let consider = |v: Val, mv: Move, best: &mut Option<(Val, Move)>| {
            if v.better(now) && best.is_none_or(|(b, _)| v.better(b)) {
                *best = Some((v, mv));
            }
        };
        // Drops: each open site's points fall back to their second-cheapest site.
        if open.len() > 1 {
            for c in corr.iter_mut() {
                *c = Val::default();
            }
            for p in 0..n {
                let a = near.a1[p];
                if a != usize::MAX {
                    let mut d = Val::of(near.c2[p]);
                    d.sub(Val::of(near.c1[p]));
                    corr[a].add(d);
                }
            }
            for &i in open.iter() {
                let mut v = now;
                v.add(corr[i]);
                v.cost -= inst.fixed[i];
                consider(v, Move::Drop(i), &mut best);
            }
        }
        for j in (0..m).filter(|&j| !is_open[j]) {
            let row = inst.row(j);
            let mut base = Val {
                unserved: 0,
                cost: fixed + inst.fixed[j],
            };
            for c in corr.iter_mut() {
                *c = Val::default();
            }
            for (p, &cj) in row.iter().enumerate() {
                let c1 = near.c1[p];
                let with = c1.min(cj);
                base.add(Val::of(with));
                let a = near.a1[p];
                if a != usize::MAX {
                    let mut d = Val::of(near.c2[p].min(cj));
                    d.sub(Val::of(with));
                    corr[a].add(d);
                }
            }
            if open.len() < k && clash[j] == 0 {
                consider(base, Move::Add(j), &mut best);
            }
            // Into j, out i: j may conflict with no open site but i.
            let swappable = |i: usize| clash[j] == 0 || (clash[j] == 1 && inst.conflicts(i, j));
            for &i in open.iter().filter(|&&i| swappable(i)) {
                let mut v = base;
                v.add(corr[i]);
                v.cost -= inst.fixed[i];
                consider(v, Move::Swap { out: i, into: j }, &mut best);
            }
        }
        let Some((_, mv)) = best else { break };
        match mv {
            Move::Add(j) => open.push(j),
            Move::Drop(i) => open.retain(|&x| x != i),
            Move::Swap { out, into } => {
                for x in open.iter_mut() {
                    if *x == out {
                        *x = into;
                    }
                }
            }
        }
    }
}

/// The Lagrangian bound and the sites the relaxation opens at its best multipliers (a good
/// start for [`improve`]: Beasley's Lagrangian heuristic).
#[derive(Debug, Clone, PartialEq)]
pub struct Lagrangian {
    pub bound: f64,
    pub sites: Vec<usize>,
}

/// The Lagrangian lower bound on every portfolio of at most `k` sites, improved by at most
/// `iterations` subgradient steps toward `upper` (a known portfolio's objective). ∞ when
/// some point has no allowed site (no portfolio exists).
pub fn lagrangian(inst: &Instance, k: usize, upper: f64, iterations: usize) -> Lagrangian {
    let (m, n) = (inst.sites(), inst.points());
    let k = k.min(m);
    let none = Lagrangian {
        bound: f64::INFINITY,
        sites: Vec::new(),
    };
    if m == 0 || k == 0 {
        return none;
    }
    let mut lambda = vec![f64::INFINITY; n];
    for i in 0..m {
        for (l, &c) in lambda.iter_mut().zip(inst.row(i)) {
            *l = l.min(c);
        }
    }
    if lambda.iter().any(|l| !l.is_finite()) {
        return none;
    }
    let mut best = f64::NEG_INFINITY;
    let mut sites = Vec::new();
    let mut theta = 2.0;
    let mut stall = 0;
    let mut rho: Vec<(f64, usize)> = vec![(0.0, 0); m];
    let mut g = vec![0.0; n];
    let mut open: Vec<usize> = Vec::with_capacity(k);
    for _ in 0..iterations.max(1) {
        for (i, r) in rho.iter_mut().enumerate() {
            let s: f64 = inst
                .row(i)
                .iter()
                .zip(&lambda)
                .map(|(&c, &l)| (c - l).min(0.0))
                .sum();
            *r = (inst.fixed[i] + s, i);
        }
        rho.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let chosen = rho.iter().take(k).take_while(|r| r.0 < 0.0).count().max(1);
        open.clear();
        let exact = if inst.has_conflicts() {
            separated(inst, &rho, k, SEPARATED_NODES)
        } else {
            None
        };
        let sum = match exact {
            Some((sum, set)) => {
                open.extend(set);
                sum
            }
            _ => {
                open.extend(rho[..chosen].iter().map(|r| r.1));
                rho[..chosen].iter().map(|r| r.0).sum::<f64>()
            }
        };
        let l: f64 = lambda.iter().sum::<f64>() + sum;
        if best == f64::NEG_INFINITY || l > best + 1e-12 * best.abs().max(1.0) {
            best = l;
            sites = open.clone();
            stall = 0;
        } else {
            stall += 1;
            if stall >= 30 {
                theta /= 2.0;
                stall = 0;
            }
        }
        if !upper.is_finite() || best >= upper - 1e-9 * upper.abs().max(1.0) || theta < 1e-4 {
            break;
        }
        g.fill(1.0);
        for &i in &open {
            for ((gp, &c), &lp) in g.iter_mut().zip(inst.row(i)).zip(&lambda) {
                if c < lp {
                    *gp -= 1.0;
                }
            }
        }
        let norm: f64 = g.iter().map(|x| x * x).sum();
        if norm == 0.0 {
            break;
        }
        let step = theta * (upper - l) / norm;
        for (lp, gp) in lambda.iter_mut().zip(&g) {
            *lp += step * gp;
        }
    }
    Lagrangian {
        bound: best.min(upper),
        sites,
    }
}

/// Search nodes of one [`separated`] call: past them the relaxation drops the separation.
const SEPARATED_NODES: usize = 20_000;

/// The least Σρ over 1 to `k` sites no two of which conflict, and those sites; `rho` is
/// (ρ, site) in ascending order. Only sites of negative ρ lower the sum, so the search is
/// over them, depth first, taking sites in order or leaving them; a branch stops when even
/// its next sites in order, conflicts aside, cannot beat the best set found. With no
/// negative ρ it is the single least. `None` past `budget` nodes: the minimum is then not
/// known, and a set found so far would not bound it from below.
fn separated(
    inst: &Instance,
    rho: &[(f64, usize)],
    k: usize,
    budget: usize,
) -> Option<(f64, Vec<usize>)> {
    let neg: Vec<(f64, usize)> = rho.iter().copied().take_while(|r| r.0 < 0.0).collect();
    if neg.is_empty() || k == 0 {
        return rho.first().map(|&(r, i)| (r, vec![i]));
    }
    // prefix[j]: Σρ of neg[..j], for the bound of taking the next sites in order.
    let mut prefix = vec![0.0; neg.len() + 1];
    for (j, r) in neg.iter().enumerate() {
        prefix[j + 1] = prefix[j] + r.0;
    }
    struct Search<'a> {
        inst: &'a Instance,
        neg: &'a [(f64, usize)],
        prefix: &'a [f64],
        k: usize,
        nodes: usize,
        budget: usize,
        best: f64,
        best_set: Vec<usize>,
        set: Vec<usize>,
    }
    impl Search<'_> {
        /// False when the budget ran out.
        fn go(&mut self, j: usize, sum: f64) -> bool {
            self.nodes += 1;
            if self.nodes > self.budget {
                return false;
            }
            if sum < self.best {
                self.best = sum;
                self.best_set.clone_from(&self.set);
            }
            let room = self.k - self.set.len();
            if j == self.neg.len() || room == 0 {
                return true;
            }
            let reach = (j + room).min(self.neg.len());
            if sum + self.prefix[reach] - self.prefix[j] >= self.best {
                return true;
            }
            let (r, i) = self.neg[j];
            if self.inst.fits(&self.set, i) {
                self.set.push(i);
                let done = self.go(j + 1, sum + r);
                self.set.pop();
                if !done {
                    return false;
                }
            }
            self.go(j + 1, sum)
        }
    }
    let mut s = Search {
        inst,
        neg: &neg,
        prefix: &prefix,
        k,
        nodes: 0,
        budget,
        best: f64::INFINITY,
        best_set: Vec::new(),
        set: Vec::with_capacity(k),
    };
    s.go(0, 0.0).then_some((s.best, s.best_set))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::exact;
    use crate::portfolio::tests::random_instance;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// The relaxation's subproblem with a separation equals brute force over every set of 1
    /// to K sites no two of which conflict, and gives up (None) past its budget.
    #[test]
    fn separated_subproblem_is_exact() {
        use rand::Rng;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
        for case in 0..300 {
            let m = 1 + case % 11;
            let mut conflict = vec![false; m * m];
            for i in 0..m {
                for j in 0..i {
                    let c = rng.random::<f64>() < 0.3;
                    (conflict[i * m + j], conflict[j * m + i]) = (c, c);
                }
            }
            let inst = Instance::new(vec![0.0; m], 1, vec![1.0; m]).with_conflicts(conflict);
            let mut rho: Vec<(f64, usize)> = (0..m)
                .map(|i| (rng.random::<f64>() * 2.0 - 1.3, i))
                .collect();
            rho.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let value: Vec<f64> = {
                let mut v = vec![0.0; m];
                for &(r, i) in &rho {
                    v[i] = r;
                }
                v
            };
            for k in 1..=4 {
                let brute = (1u32..1 << m)
                    .map(|mask| (0..m).filter(|i| mask >> i & 1 == 1).collect::<Vec<_>>())
                    .filter(|set| set.len() <= k && inst.separated(set))
                    .map(|set| set.iter().map(|&i| value[i]).sum::<f64>())
                    .fold(f64::INFINITY, f64::min);
                let (sum, set) = separated(&inst, &rho, k, usize::MAX).unwrap();
                assert!(
                    (sum - brute).abs() < 1e-12,
                    "case {case} k {k}: {sum} vs {brute}"
                );
                assert!(!set.is_empty() && set.len() <= k && inst.separated(&set));
                assert!((set.iter().map(|&i| value[i]).sum::<f64>() - sum).abs() < 1e-12);
            }
            if rho[0].0 < 0.0 && m > 3 {
                assert_eq!(separated(&inst, &rho, 3, 1), None, "case {case}");
            }
        }
    }

    #[test]
    fn bound_and_heuristic_bracket_the_optimum() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
        let (mut hits, mut feasible) = (0, 0);
        for case in 0..60 {
            let inst = random_instance(&mut rng, 4 + case % 9, 10 + case, 0.15);
            for k in 1..=3 {
                let opt = exact::brute_force(&inst, k).map(|p| p.objective);
                let h = solve(&inst, k).map(|p| p.objective);
                let lb = lagrangian(&inst, k, h.unwrap_or(f64::INFINITY), 300).bound;
                if let Some(o) = opt {
                    feasible += 1;
                    let tol = 1e-9 * o.abs().max(1.0);
                    assert!(lb <= o + tol, "case {case} k {k}: bound {lb} > optimum {o}");
                    if let Some(h) = h {
                        assert!(h >= o - tol);
                        hits += usize::from(h <= o + tol);
                    }
                }
            }
        }
        // Greedy + swaps finds the optimum of nearly every small instance.
        assert!(
            hits * 100 >= feasible * 97,
            "optimal in {hits} of {feasible}"
        );
    }

    #[test]
    fn bound_at_least_the_simple_bound() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(12);
        for _ in 0..20 {
            let inst = random_instance(&mut rng, 15, 80, 0.1);
            let h = solve(&inst, 3).unwrap();
            let lb = lagrangian(&inst, 3, h.objective, 200).bound;
            assert!(lb >= inst.cheapest_bound() - 1e-9 * lb.abs());
            assert!(lb <= h.objective);
        }
    }

    #[test]
    fn no_allowed_site_means_infinite_bound() {
        let inst = Instance::new(
            vec![1.0, 1.0],
            2,
            vec![1.0, f64::INFINITY, 2.0, f64::INFINITY],
        );
        assert_eq!(lagrangian(&inst, 2, 10.0, 10).bound, f64::INFINITY);
        assert!(solve(&inst, 2).is_none());
    }
}
