//! Base case and Monte Carlo robustness for every K of a range.

use crate::error::Result;
use crate::scenario::KRange;
use std::collections::BTreeMap;

use super::*;

/// The base-case result for one K.
#[derive(Debug, Clone)]
pub struct KResult {
    pub solved: Solved,
    pub parts: Option<Parts>,
    /// Infeasible only because of `min_separation_km`: the same K without the limit has a
    /// portfolio (solved again only for an infeasible K with the limit).
    pub separation_binds: bool,
}

/// Counts over the Monte Carlo draws for one K.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KRobustness {
    pub k: usize,
    /// Draws in which each portfolio (sorted site indices) was the best found.
    pub best: BTreeMap<Vec<usize>, u64>,
    /// Draws in which each site was in the best portfolio.
    pub included: Vec<u64>,
    /// Draws proven to have no portfolio serving every point.
    pub infeasible: u64,
    /// Draws in which the heuristic found no portfolio serving every point (one may exist).
    pub not_found: u64,
    /// Draws solved by the heuristic rather than exactly.
    pub heuristic: u64,
}

impl KRobustness {
    /// Counts one draw's solution. A draw without a portfolio is `infeasible` only when that
    /// is proven; the heuristic's failure to find one is `not_found`.
    pub(super) fn count(&mut self, s: Solved) {
        if matches!(s.status, Status::Heuristic | Status::NotFound) {
            self.heuristic += 1;
        }
        match s.portfolio {
            Some(p) => {
                for &i in &p.sites {
                    self.included[i] += 1;
                }
                *self.best.entry(p.sites).or_insert(0) += 1;
            }
            None if s.status == Status::NotFound => self.not_found += 1,
            None => self.infeasible += 1,
        }
    }
}

/// Everything `dcsite portfolio` computes.
#[derive(Debug, Clone)]
pub struct Analysis {
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
    planner.price(&mut d, &mut base);
    let unservable = base.instance.unservable();
    if !unservable.is_empty() {
        return Err(planner.unservable_problem(&base, &unservable).into());
    }
    let results = k
        .iter()
        .map(|k| {
            let solved = solve(&base.instance, k, solver, true);
            let parts = solved.portfolio.as_ref().map(|p| planner.parts(&base, p));
            let separation_binds = solved.status == Status::Infeasible
                && base.instance.has_conflicts()
                && solve(&base.instance.without_conflicts(), k, solver, false)
                    .portfolio
                    .is_some();
            KResult {
                solved,
                parts,
                separation_binds,
            }
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
        // The draws of the run with `seed`, its batches on every thread: each worker counts
        // into its own copy, and counts add up the same in any order.
        let opts = crate::simulate::Options {
            draws,
            seed,
            shard: None,
            ranks: crate::simulate::Ranks::all(m),
        };
        let workers = crate::simulate::run_batches(
            world,
            &opts,
            &crate::simulate::Silent,
            || (planner.priced(), robustness.clone()),
            |_, d, (priced, robustness), _| {
                planner.price(d, priced);
                for r in robustness.iter_mut() {
                    r.count(solve(&priced.instance, r.k, solver, false));
                }
            },
            |_| {},
        );
        for (_, counted) in workers {
            for (r, c) in robustness.iter_mut().zip(counted) {
                r.heuristic += c.heuristic;
                r.infeasible += c.infeasible;
                r.not_found += c.not_found;
                r.included
                    .iter_mut()
                    .zip(&c.included)
                    .for_each(|(a, b)| *a += b);
                for (sites, n) in c.best {
                    *r.best.entry(sites).or_insert(0) += n;
                }
            }
        }
    }
    Ok(Analysis {
        draws,
        results,
        base,
        robustness,
    })
}
