//! Exact solver: depth-first branch and bound over the sets of at most K sites.
//!
//! The sites are put in an order (the incumbent's sites first, then by stand-alone cost);
//! a node is a set S whose children add one site that comes after S's last site in that
//! order, so every set is visited at most once. Each node is itself a candidate portfolio.
//! Two bounds prune the children of S, with R the sites after S's last one and
//! r = K − |S| the sites still allowed (`cur_p` = cheapest cost of point p from S, ∞ if none):
//!
//! * **Cover bound** `F(S) + min_{j∈R} f_j + Σ_p min(cur_p, min_{j∈R} c_jp)`: every child opens
//!   at least one site of R and serves each point at best from S ∪ R.
//! * **Saving bound** (S serves every point) `z(S) − Σ top-r max(0, s_j)`, with the saving
//!   `s_j = Σ_p max(0, cur_p − c_jp) − f_j`: adding a set A ⊆ R lowers the cost by at most
//!   Σ_{j∈A} s_j, since a point's gain from A is at most the sum of its gains from each site
//!   (the cost is supermodular in the open set). No positive saving: no child improves on S.
//!   The same argument bounds the subtree of each child j (sites after j can still join):
//!   `z(S) − s_j − Σ top-(r−1) max(0, s_a)` over the sites a after j; a child whose bound
//!   cannot beat the best portfolio found is skipped without being built.
//!
//! Sites closer than the minimum separation ([`Instance::conflicts`]) are never in one set:
//! a child that conflicts with a chosen site is skipped with its whole subtree. Both bounds
//! ignore the separation; they bound a larger family of sets, so they stay valid.
//!
//! Both bounds are valid, so the search returns an optimal portfolio; `brute_force`
//! enumerates every set and is the reference the tests compare against.

use super::{Instance, Portfolio};

/// The outcome of a search: the best portfolio found and whether the search finished.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub best: Option<Portfolio>,
    /// True when every node was searched or pruned: `best` is optimal (or `None` means no
    /// portfolio of at most K sites serves every point).
    pub proven: bool,
    pub nodes: u64,
}

/// Branch and bound for at most `k` sites, starting from an incumbent set if given, and
/// stopping after `max_nodes` nodes (then `proven` is false).
pub fn solve(inst: &Instance, k: usize, incumbent: Option<&[usize]>, max_nodes: u64) -> Search {
    let (m, n) = (inst.sites(), inst.points());
    let k = k.min(m);
    if k == 0 {
        return Search {
            best: None,
            proven: true,
            nodes: 0,
        };
    }
    let order = site_order(inst, incumbent);
    // suffix[d·n + p] = min over order[d..] of c_jp; min_fixed[d] = min over order[d..] of f_j.
    let mut suffix = vec![f64::INFINITY; (m + 1) * n];
    let mut min_fixed = vec![f64::INFINITY; m + 1];
    for d in (0..m).rev() {
        let row = inst.row(order[d]);
        let (head, tail) = suffix.split_at_mut((d + 1) * n);
        for ((s, &next), &c) in head[d * n..].iter_mut().zip(&tail[..n]).zip(row) {
            *s = next.min(c);
        }
        min_fixed[d] = min_fixed[d + 1].min(inst.fixed[order[d]]);
    }
    let mut b = Bnb {
        inst,
        order: &order,
        suffix: &suffix,
        min_fixed: &min_fixed,
        k,
        cur: vec![f64::INFINITY; (k + 1) * n],
        chosen: Vec::with_capacity(k),
        savings: vec![0.0; (k + 1) * m],
        after: vec![0.0; (k + 1) * m],
        top: Vec::with_capacity(m),
        best_value: f64::INFINITY,
        best: Vec::new(),
        nodes: 0,
        max_nodes,
    };
    if let Some(sites) = incumbent {
        let v = inst.value(sites);
        if v.is_finite() && !sites.is_empty() && sites.len() <= k && inst.separated(sites) {
            b.best_value = v;
            b.best = sites.to_vec();
        }
    }
    b.node(0, 0, 0.0);
    let proven = b.nodes <= max_nodes;
    Search {
        best: (!b.best.is_empty()).then(|| inst.portfolio(&b.best)),
        proven,
        nodes: b.nodes,
    }
}

/// The incumbent's sites first, then the others by (points they cannot serve, stand-alone
/// cost), then by index: good sets are met early, which tightens the pruning.
fn site_order(inst: &Instance, incumbent: Option<&[usize]>) -> Vec<usize> {
    let first = incumbent.unwrap_or(&[]);
    let key = |i: usize| {
        let row = inst.row(i);
        let missing = row.iter().filter(|c| !c.is_finite()).count();
        let total: f64 = inst.fixed[i] + row.iter().filter(|c| c.is_finite()).sum::<f64>();
        (missing, total)
    };
    let mut rest: Vec<(usize, (usize, f64))> = (0..inst.sites())
        .filter(|i| !first.contains(i))
        .map(|i| (i, key(i)))
        .collect();
    rest.sort_by(|a, b| {
        a.1.0
            .cmp(&b.1.0)
            .then(a.1.1.total_cmp(&b.1.1))
            .then(a.0.cmp(&b.0))
    });
    let mut order: Vec<usize> = first
        .iter()
        .copied()
        .filter(|&i| i < inst.sites())
        .collect();
    order.extend(rest.into_iter().map(|(i, _)| i));
    order
}

struct Bnb<'a> {
    inst: &'a Instance,
    order: &'a [usize],
    suffix: &'a [f64],
    min_fixed: &'a [f64],
    k: usize,
    /// cur[depth·n + p]: cheapest cost of point p from the sets on the current path.
    cur: Vec<f64>,
    chosen: Vec<usize>,
    /// savings[depth·m + d]: saving of order[d] w.r.t. the set at `depth`.
    savings: Vec<f64>,
    /// after[depth·m + d]: the r − 1 largest positive savings after position d.
    after: Vec<f64>,
    top: Vec<f64>,
    best_value: f64,
    best: Vec<usize>,
    nodes: u64,
    max_nodes: u64,
}

impl Bnb<'_> {
    /// Visits the set `chosen` (of size `depth`, fixed cost `fixed`); its children add one
    /// site of `order[next..]`.
    fn node(&mut self, depth: usize, next: usize, fixed: f64) {
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            return;
        }
        let n = self.inst.points();
        let m = self.order.len();
        let cur = &self.cur[depth * n..(depth + 1) * n];
        let value = if depth == 0 {
            f64::INFINITY
        } else {
            fixed + cur.iter().sum::<f64>()
        };
        if value < self.best_value {
            self.best_value = value;
            self.best.clone_from(&self.chosen);
            self.best.sort_unstable();
        }
        if depth == self.k || next == m {
            return;
        }
        let suffix = &self.suffix[next * n..(next + 1) * n];
        let cover: f64 = fixed
            + self.min_fixed[next]
            + cur.iter().zip(suffix).map(|(&a, &b)| a.min(b)).sum::<f64>();
        if cover >= self.best_value {
            return;
        }
        // With S serving every point: each later site's saving, the subtree bound, and for
        // each child j the bound z(S) − s_j − (the r − 1 largest savings after j).
        let r = self.k - depth;
        let covered = value.is_finite();
        if covered {
            let tail = &mut self.savings[depth * m..(depth + 1) * m];
            for (t, &j) in tail[next..].iter_mut().zip(&self.order[next..]) {
                let gain: f64 = cur
                    .iter()
                    .zip(self.inst.row(j))
                    .map(|(&a, &c)| (a - c).max(0.0))
                    .sum();
                *t = gain - self.inst.fixed[j];
            }
            self.top.clear();
            self.top.extend(tail[next..].iter().map(|&s| s.max(0.0)));
            self.top.sort_unstable_by(|a, b| b.total_cmp(a));
            let best_gain: f64 = self.top.iter().take(r).sum();
            if best_gain <= 0.0 || value - best_gain >= self.best_value {
                return;
            }
            // after[d]: the r − 1 largest positive savings among order[d + 1..].
            let after = &mut self.after[depth * m..(depth + 1) * m];
            self.top.clear();
            for d in (next..m).rev() {
                after[d] = self.top.iter().sum();
                if r > 1 {
                    let s = tail[d].max(0.0);
                    let at = self.top.partition_point(|&x| x >= s);
                    if at < r - 1 {
                        self.top.insert(at, s);
                        self.top.truncate(r - 1);
                    }
                }
            }
        }
        for d in next..m {
            if covered {
                let bound = value - self.savings[depth * m + d] - self.after[depth * m + d];
                if bound >= self.best_value {
                    continue;
                }
            }
            let j = self.order[d];
            // Too close to a chosen site: so is every set that contains both.
            if !self.inst.fits(&self.chosen, j) {
                continue;
            }
            let (head, tail) = self.cur.split_at_mut((depth + 1) * n);
            let parent = &head[depth * n..];
            for ((c, &p), &cj) in tail[..n].iter_mut().zip(parent).zip(self.inst.row(j)) {
                *c = p.min(cj);
            }
            self.chosen.push(j);
            self.node(depth + 1, d + 1, fixed + self.inst.fixed[j]);
            self.chosen.pop();
            if self.nodes > self.max_nodes {
                return;
            }
        }
    }
}

/// Enumerates every set of 1 to `k` sites: the reference for tests (exponential).
#[cfg(any(test, feature = "internals"))]
pub fn brute_force(inst: &Instance, k: usize) -> Option<Portfolio> {
    let m = inst.sites();
    let mut best: Option<(f64, Vec<usize>)> = None;
    let mut set = Vec::new();
    fn rec(
        inst: &Instance,
        k: usize,
        start: usize,
        set: &mut Vec<usize>,
        best: &mut Option<(f64, Vec<usize>)>,
    ) {
        if !set.is_empty() {
            let v = inst.value(set);
            if v.is_finite() && best.as_ref().is_none_or(|(b, _)| v < *b) {
                *best = Some((v, set.clone()));
            }
        }
        if set.len() == k {
            return;
        }
        for j in start..inst.sites() {
            if !inst.fits(set, j) {
                continue;
            }
            set.push(j);
            rec(inst, k, j + 1, set, best);
            set.pop();
        }
    }
    rec(inst, k.min(m), 0, &mut set, &mut best);
    best.map(|(_, s)| inst.portfolio(&s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::tests::random_instance;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn matches_brute_force_on_random_instances() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        for case in 0..200 {
            let m = 2 + case % 11;
            let n = 1 + (case * 7) % 40;
            let inst = random_instance(&mut rng, m, n, 0.25);
            for k in 1..=4 {
                let e = solve(&inst, k, None, u64::MAX);
                let b = brute_force(&inst, k);
                assert!(e.proven);
                match (&e.best, &b) {
                    (Some(e), Some(b)) => {
                        assert!(
                            close(e.objective, b.objective),
                            "case {case} k {k}: {e:?} vs {b:?}"
                        );
                        assert!(e.sites.len() <= k);
                    }
                    (None, None) => {}
                    _ => panic!("case {case} k {k}: {e:?} vs {b:?}"),
                }
            }
        }
    }

    #[test]
    fn an_incumbent_does_not_change_the_optimum() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(2);
        for _ in 0..30 {
            let inst = random_instance(&mut rng, 9, 25, 0.1);
            let plain = solve(&inst, 3, None, u64::MAX).best;
            let warm = solve(&inst, 3, Some(&[8, 0]), u64::MAX).best;
            assert_eq!(
                plain.as_ref().map(|p| p.objective),
                warm.as_ref().map(|p| p.objective)
            );
        }
    }

    #[test]
    fn pruning_visits_far_fewer_nodes_than_sets() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let inst = random_instance(&mut rng, 20, 200, 0.0);
        let s = solve(&inst, 4, None, u64::MAX);
        // 20 + 190 + 1140 + 4845 sets of 1..4 sites.
        assert!(s.proven && s.nodes < 6195, "{} nodes", s.nodes);
    }

    #[test]
    fn a_node_budget_stops_the_search_unproven() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(4);
        let inst = random_instance(&mut rng, 12, 50, 0.0);
        let s = solve(&inst, 4, None, 5);
        assert!(!s.proven);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn exact_equals_brute_force(seed in any::<u64>(), m in 1usize..9, n in 0usize..20, k in 1usize..5) {
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
            let inst = random_instance(&mut rng, m, n, 0.3);
            let e = solve(&inst, k, None, u64::MAX).best.map(|p| p.objective);
            let b = brute_force(&inst, k).map(|p| p.objective);
            match (e, b) {
                (Some(e), Some(b)) => prop_assert!(close(e, b), "{} vs {}", e, b),
                (e, b) => prop_assert_eq!(e, b),
            }
        }
    }
}
