//! Portfolio solvers on synthetic instances: branch and bound against brute force on small
//! ones, and the heuristic with its Lagrangian bound on 200 candidates × 2,000 metros.
//!
//! `cargo run --release --features internals --example portfolio_large` (debug builds take ~20× longer).

use std::time::Instant;

use dcsite::internals::{Solver, Status, exact, solve, synthetic};

fn main() {
    println!("exact (branch and bound) vs brute force:");
    for (m, n, k) in [(12, 200, 3), (20, 500, 4), (30, 500, 4), (40, 1000, 5)] {
        let inst = synthetic(1, m, n);
        let t = Instant::now();
        let bnb = exact::solve(&inst, k, None, u64::MAX);
        let t_bnb = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let brute = exact::brute_force(&inst, k);
        let t_brute = t.elapsed().as_secs_f64();
        let (a, b) = (
            bnb.best.as_ref().map_or(f64::NAN, |p| p.objective),
            brute.as_ref().map_or(f64::NAN, |p| p.objective),
        );
        println!(
            "  {m:>3} sites × {n:>4} points, K ≤ {k}: {:>8} sets, B&B {:>7} nodes {:>8.3} s, brute force {:>8.3} s, same optimum: {}",
            dcsite::internals::sets(m, k),
            bnb.nodes,
            t_bnb,
            t_brute,
            (a - b).abs() <= 1e-9 * a.abs()
        );
    }
    println!("heuristic (greedy + swaps) with the Lagrangian bound, 200 sites × 2,000 points:");
    let mut inst = synthetic(7, 200, 2000);
    for (fixed, k) in [(1.5e6, 3), (1.5e6, 5), (1.5e6, 10), (1e5, 10), (1e5, 20)] {
        inst.fixed.fill(fixed);
        let t = Instant::now();
        let s = solve(&inst, k, Solver::Heuristic, true);
        let secs = t.elapsed().as_secs_f64();
        let p = s.portfolio.as_ref().expect("a portfolio");
        assert_eq!(s.status, Status::Heuristic);
        println!(
            "  fixed {fixed:.1e}, K ≤ {k:>2}: {} sites, objective {:.4e}, bound {:.4e}, gap {:.3} %, simple bound gap {:.1} %, {:.2} s",
            p.sites.len(),
            p.objective,
            s.lower_bound,
            100.0 * s.gap(),
            100.0 * (p.objective - inst.cheapest_bound()) / p.objective,
            secs
        );
    }
}
