//! Rank reversal when a site is removed, and the agreement between methods (Spearman, Kendall).

use nalgebra::DMatrix;

use super::*;

pub(super) fn removals(base: &BaseCase, order: &[usize]) -> Vec<Removal> {
    let (m, n) = base.x.shape();
    if m < 3 {
        return Vec::new();
    }
    let screened = base.feasible.iter().any(|&f| f);
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
            // Only the feasible sites are compared (all of them when none is feasible in the
            // base case): an infeasible site is held to the feasible sites' range, so the
            // order of two infeasible sites moves with that range and means nothing.
            let compared = |o: &[usize]| -> Vec<usize> {
                o.iter()
                    .copied()
                    .filter(|&i| !screened || base.feasible[i])
                    .collect()
            };
            let (before, after) = (compared(&order_before), compared(&order_after));
            let mut reversed = Vec::new();
            for (ia, &a) in before.iter().enumerate() {
                for &b in &before[ia + 1..] {
                    if pos[a] > pos[b] {
                        reversed.push((a, b));
                    }
                }
            }
            let kendall_tau = kendall(&before, &after);
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

pub(super) fn correlations(base: &BaseCase, methods: &[MethodRanking]) -> Vec<Correlation> {
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
