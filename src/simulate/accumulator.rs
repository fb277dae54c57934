//! Accumulators: the counts and sketches of one batch of draws, merged in batch order, and
//! the pending second (confidence) pass.

use serde::{Deserialize, Serialize};

use crate::world::{Draw, World};

use super::*;

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Integer accumulators of a set of draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accumulator {
    pub sites: usize,
    pub criteria: usize,
    pub draws: u64,
    /// Draws in which no site was feasible: nobody is ranked in them (no rank counts, no
    /// pairwise wins, no central-weight sums), so no infeasible site takes rank 1.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub no_feasible: u64,
    /// rank_counts[i·m + r]: draws in which site i took rank r (0 = first).
    pub rank_counts: Vec<u64>,
    /// pairwise[i·m + j]: draws in which i ranked above j.
    pub pairwise: Vec<u64>,
    pub feasible: Vec<u64>,
    /// first_weights[i·n + j]: Σ round(w_j·2^52) over draws where i ranked first.
    pub first_weights: Vec<i128>,
    pub score: Vec<Moments>,
    pub score_sketch: Vec<Sketch>,
    /// Per site and criterion (i·n + j): raw values.
    pub values: Vec<Moments>,
    pub value_sketch: Vec<Sketch>,
    /// The first draw (by index) with a non-finite value or score: (draw, site, criterion
    /// or `None` for the score, value). Not saved: a run that has one writes nothing.
    #[serde(skip)]
    pub nonfinite: Option<(u64, usize, Option<usize>, NonFiniteValue)>,
}

/// A non-finite f64 that compares equal to itself (for the accumulators' `Eq`).
#[derive(Debug, Clone, Copy)]
pub struct NonFiniteValue(pub f64);

impl PartialEq for NonFiniteValue {
    fn eq(&self, o: &Self) -> bool {
        self.0.to_bits() == o.0.to_bits()
    }
}
impl Eq for NonFiniteValue {}

/// Accumulators made for worlds of 7 sites, which only the test of how many a run makes uses.
#[cfg(test)]
pub(super) static SEVEN_SITE_ACCUMULATORS: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

impl Accumulator {
    pub fn new(world: &World) -> Accumulator {
        let (m, n) = (world.sites.len(), world.criteria_count());
        #[cfg(test)]
        if m == 7 {
            SEVEN_SITE_ACCUMULATORS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        let magnitude: Vec<f64> = (0..n)
            .map(|j| {
                world
                    .base
                    .column(j)
                    .iter()
                    .fold(0.0f64, |a, v| a.max(v.abs()))
            })
            .collect();
        Accumulator {
            sites: m,
            criteria: n,
            draws: 0,
            no_feasible: 0,
            rank_counts: vec![0; m * m],
            pairwise: vec![0; m * m],
            feasible: vec![0; m],
            first_weights: vec![0; m * n],
            score: vec![Moments::for_magnitude(1.0); m],
            score_sketch: vec![Sketch::default(); m],
            values: (0..m * n)
                .map(|k| Moments::for_magnitude(magnitude[k % n]))
                .collect(),
            value_sketch: vec![Sketch::default(); m * n],
            nonfinite: None,
        }
    }

    /// Adds a scored draw. Its raw values reach the value sketches through `pending`, a few
    /// draws at a time; [`Accumulator::flush`] adds what is left.
    pub fn add(&mut self, d: &Draw, pending: &mut Pending) {
        let (m, n) = (self.sites, self.criteria);
        self.draws += 1;
        let slot = pending.len;
        for i in 0..m {
            self.feasible[i] += d.feasible[i] as u64;
            self.score[i].add(d.scores[i]);
            self.score_sketch[i].add(d.scores[i]);
            for j in 0..n {
                let v = d.x[(i, j)];
                self.values[i * n + j].add(v);
                pending.values[(i * n + j) * Pending::DRAWS + slot] = v;
            }
        }
        pending.len += 1;
        if pending.len == Pending::DRAWS {
            self.flush(pending);
        }
        if !d.feasible.iter().any(|&f| f) {
            // Nobody wins a draw that every site fails: it ranks no site.
            self.no_feasible += 1;
            return;
        }
        for i in 0..m {
            self.rank_counts[i * m + d.rank[i]] += 1;
        }
        let first = d.order[0];
        for j in 0..n {
            self.first_weights[first * n + j] +=
                (d.weights[j] * (WEIGHT_SCALE as f64).exp2()).round() as i128;
        }
        crate::numeric::count_pairs(&mut self.pairwise, &d.rank);
    }

    /// Adds the raw values waiting in `pending` to the value sketches.
    pub fn flush(&mut self, pending: &mut Pending) {
        let chunks = pending.values.chunks_exact(Pending::DRAWS);
        let len = pending.len;
        crate::numeric::vectorised(
            #[inline(always)]
            || {
                for (sketch, values) in self.value_sketch.iter_mut().zip(chunks) {
                    sketch.add_all(&values[..len]);
                }
            },
        );
        pending.len = 0;
    }

    pub fn merge(mut self, o: Accumulator) -> Accumulator {
        self.draws += o.draws;
        self.no_feasible += o.no_feasible;
        self.nonfinite = match (self.nonfinite, o.nonfinite) {
            (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
            (a, b) => a.or(b),
        };
        let add = |a: &mut Vec<u64>, b: &[u64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.rank_counts, &o.rank_counts);
        add(&mut self.pairwise, &o.pairwise);
        add(&mut self.feasible, &o.feasible);
        self.first_weights
            .iter_mut()
            .zip(&o.first_weights)
            .for_each(|(x, y)| *x += y);
        self.score
            .iter_mut()
            .zip(&o.score)
            .for_each(|(x, y)| x.merge(y));
        self.score_sketch
            .iter_mut()
            .zip(&o.score_sketch)
            .for_each(|(x, y)| x.merge(y));
        self.values
            .iter_mut()
            .zip(&o.values)
            .for_each(|(x, y)| x.merge(y));
        self.value_sketch
            .iter_mut()
            .zip(&o.value_sketch)
            .for_each(|(x, y)| x.merge(y));
        self
    }

    /// Share of draws in which site i took rank r (0-based). Draws with no feasible site
    /// rank nobody, so each rank's shares sum to 1 − [`Accumulator::no_feasible_share`].
    pub fn acceptability(&self, i: usize, r: usize) -> f64 {
        self.rank_counts[i * self.sites + r] as f64 / self.draws.max(1) as f64
    }

    /// Share of draws in which no site was feasible.
    pub fn no_feasible_share(&self) -> f64 {
        self.no_feasible as f64 / self.draws.max(1) as f64
    }

    /// Expected rank over the draws that rank the sites (those with a feasible site); NaN
    /// when there is none.
    pub fn expected_rank(&self, i: usize) -> f64 {
        let m = self.sites;
        let ranked = self.draws - self.no_feasible;
        if ranked == 0 && self.draws > 0 {
            return f64::NAN;
        }
        (0..m)
            .map(|r| (r + 1) as f64 * self.rank_counts[i * m + r] as f64)
            .sum::<f64>()
            / ranked.max(1) as f64
    }

    /// Central weight vector of site i (empty when i never ranked first).
    pub fn central_weights(&self, i: usize) -> Vec<f64> {
        let (m, n) = (self.sites, self.criteria);
        let firsts = self.rank_counts[i * m];
        if firsts == 0 {
            return Vec::new();
        }
        (0..n)
            .map(|j| {
                self.first_weights[i * n + j] as f64 * (-(WEIGHT_SCALE as f64)).exp2()
                    / firsts as f64
            })
            .collect()
    }
}

/// Raw values of the last few draws, per site and criterion, on their way to the value
/// sketches. Adding [`Pending::DRAWS`] values to one sketch at a time touches its bucket array
/// once, while it is in cache, instead of once per draw: the 1,000-odd bucket arrays of a
/// large run do not fit in a core's cache together. The counts, and so the results, are the
/// same in any order.
#[derive(Debug, Clone)]
pub struct Pending {
    /// values[s · DRAWS + k]: series s (site · criteria + criterion), k-th waiting draw.
    values: Vec<f64>,
    len: usize,
}

impl Pending {
    pub const DRAWS: usize = 16;

    pub fn new(world: &World) -> Pending {
        Pending {
            values: vec![0.0; world.sites.len() * world.criteria_count() * Pending::DRAWS],
            len: 0,
        }
    }
}
