//! Accumulators: the counts and sketches of one batch of draws, merged in batch order, and
//! the pending second (confidence) pass.

use serde::{Deserialize, Serialize};

use crate::world::{Draw, World};

use super::sketch::{LANES, buckets};
use super::*;

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Integer accumulators of a set of draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accumulator {
    pub sites: usize,
    pub criteria: usize,
    /// The ranks counted (and, in large-site mode, the size of the pairwise shortlist).
    pub ranks: Ranks,
    pub draws: u64,
    /// Draws in which no site was feasible: nobody is ranked in them (no rank counts, no
    /// pairwise wins, no central-weight sums), so no infeasible site takes rank 1.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub no_feasible: u64,
    /// rank_counts[i·k + r]: draws in which site i took rank r (0 = first), for the
    /// k = `ranks.top_k` first ranks.
    pub rank_counts: Vec<u64>,
    /// Per site: the sum of its 1-based ranks, and of their squares, over the ranked draws.
    pub rank_sum: Vec<u64>,
    pub rank_sumsq: Vec<u128>,
    /// pairwise[i·m + j]: draws in which i ranked above j, when every rank is counted
    /// (empty in large-site mode: the confidence pass counts the shortlist's pairs).
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
    pub fn new(world: &World, ranks: Ranks) -> Accumulator {
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
        let pairs = if ranks.shortlist == 0 { m * m } else { 0 };
        Accumulator {
            sites: m,
            criteria: n,
            ranks,
            draws: 0,
            no_feasible: 0,
            rank_counts: vec![0; m * ranks.top_k],
            rank_sum: vec![0; m],
            rank_sumsq: vec![0; m],
            pairwise: vec![0; pairs],
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

    /// Adds a scored draw. Its scores and raw values reach the moments, sketches and
    /// pairwise counts through `pending`, the per-batch state; [`Accumulator::flush`] folds
    /// it in, and must be called at the end of every batch.
    pub fn add(&mut self, d: &Draw, pending: &mut Pending) {
        let n = self.criteria;
        self.draws += 1;
        let x = d.x.as_slice();
        let row = &mut pending.values[pending.len * pending.stride..][..x.len() + d.scores.len()];
        let (xs, scores) = row.split_at_mut(x.len());
        xs.copy_from_slice(x);
        scores.copy_from_slice(&d.scores);
        if pending.len == 0 && pending.draws == 0 {
            // The batch's first draw: the reference its deviations are summed from (padding
            // stays 1, as in the rows).
            pending.reference[..row.len()].copy_from_slice(row);
        }
        crate::numeric::vectorised(
            #[inline(always)]
            || {
                for (f, &ok) in self.feasible.iter_mut().zip(&d.feasible) {
                    *f += u64::from(ok);
                }
            },
        );
        pending.len += 1;
        if pending.len == Pending::DRAWS {
            self.flush_sketches(pending);
        }
        if !d.feasible.iter().any(|&f| f) {
            // Nobody wins a draw that every site fails: it ranks no site.
            self.no_feasible += 1;
            return;
        }
        let k = self.ranks.top_k;
        for (i, &r) in d.rank.iter().enumerate() {
            if r < k {
                self.rank_counts[i * k + r] += 1;
            }
            let r1 = r as u64 + 1;
            self.rank_sum[i] += r1;
            self.rank_sumsq[i] += u128::from(r1 * r1);
        }
        // Every site that ranks first: sites tied for first share the rank, and the draw's
        // weights count towards each one's central weights.
        for (i, _) in d.rank.iter().enumerate().filter(|&(_, &r)| r == 0) {
            for j in 0..n {
                self.first_weights[i * n + j] +=
                    (d.weights[j] * (WEIGHT_SCALE as f64).exp2()).round() as i128;
            }
        }
        if self.pairwise.is_empty() {
            return;
        }
        for (r, &k) in pending.rank.iter_mut().zip(&d.rank) {
            *r = k as u32;
        }
        crate::numeric::count_pairs(&mut pending.pairwise, &pending.rank);
        pending.ranked += 1;
        if pending.ranked == u16::MAX {
            self.fold_counts(pending);
        }
    }

    /// Folds the per-batch state of `pending` into the accumulator: the sketches' waiting
    /// values, the moments and the pairwise counts. Called at the end of every batch: the
    /// moments are summed in f64 within a batch, in the batch's draw order, as deviations
    /// from its first draw, and folded into the fixed-point integer sums here
    /// ([`Moments::add_batch`]), so a result depends on the batches only, never on which
    /// thread ran them or in which order they were merged.
    pub fn flush(&mut self, pending: &mut Pending) {
        self.flush_sketches(pending);
        let (m, n) = (self.sites, self.criteria);
        let draws = std::mem::take(&mut pending.draws);
        let sums = pending.sum.iter_mut().zip(&mut pending.sumsq);
        for (k, ((s, q), &x0)) in sums.zip(&pending.reference).take(m * (n + 1)).enumerate() {
            let (sum, sumsq) = (std::mem::take(s), std::mem::take(q));
            let moments = if k < m * n {
                // Column-major series k is site k % m, criterion k / m.
                &mut self.values[(k % m) * n + k / m]
            } else {
                &mut self.score[k - m * n]
            };
            moments.add_batch(draws, x0, sum, sumsq);
        }
        self.fold_counts(pending);
    }

    /// The waiting values into the value and score sketches: [`LANES`] series at a time, the
    /// buckets of their waiting values (a row of each waiting draw) first, then the
    /// increments, one sketch after the other.
    fn flush_sketches(&mut self, pending: &mut Pending) {
        let (m, n) = (self.sites, self.criteria);
        let (len, stride) = (pending.len, pending.stride);
        pending.draws += len as u64;
        let rows = &pending.values[..len * stride];
        let (reference, sums, sumsqs) = (&pending.reference, &mut pending.sum, &mut pending.sumsq);
        let series = m * (n + 1);
        crate::numeric::vectorised(
            #[inline(always)]
            || {
                // Series s = j·m + i: site i, criterion j, or its score when j = n.
                let (mut i, mut j) = (0, 0);
                for s0 in (0..series).step_by(LANES) {
                    let mut idx = [[0i32; LANES]; Pending::DRAWS];
                    let mut positive = [true; LANES];
                    let (mut lo, mut hi) = ([i32::MAX; LANES], [i32::MIN; LANES]);
                    // Σ(x − x₀) and Σ(x − x₀)² of the batch, added in draw order.
                    let lanes = s0..s0 + LANES;
                    let x0: [f64; LANES] = reference[lanes.clone()].try_into().expect("padded");
                    let sum: &mut [f64; LANES] =
                        (&mut sums[lanes.clone()]).try_into().expect("padded");
                    let sumsq: &mut [f64; LANES] =
                        (&mut sumsqs[lanes.clone()]).try_into().expect("padded");
                    for (row, idx) in rows.chunks_exact(stride).zip(&mut idx) {
                        let lane: &[f64; LANES] = row[lanes.clone()].try_into().expect("padded");
                        let (b, p) = buckets(lane);
                        *idx = b;
                        for c in 0..LANES {
                            positive[c] &= p[c];
                            lo[c] = lo[c].min(b[c]);
                            hi[c] = hi[c].max(b[c]);
                            let dev = lane[c] - x0[c];
                            sum[c] += dev;
                            sumsq[c] += dev * dev;
                        }
                    }
                    for (c, &positive) in positive.iter().enumerate().take(series - s0) {
                        let sketch = if j < n {
                            &mut self.value_sketch[i * n + j]
                        } else {
                            &mut self.score_sketch[i]
                        };
                        if positive {
                            sketch.add_positive_lane(&idx[..len], c, lo[c], hi[c]);
                        } else {
                            let s = s0 + c;
                            rows.chunks_exact(stride).for_each(|row| sketch.add(row[s]));
                        }
                        i += 1;
                        if i == m {
                            (i, j) = (0, j + 1);
                        }
                    }
                }
            },
        );
        pending.len = 0;
    }

    /// The per-batch pairwise counts into the totals.
    fn fold_counts(&mut self, pending: &mut Pending) {
        self.pairwise
            .iter_mut()
            .zip(&mut pending.pairwise)
            .for_each(|(t, p)| *t += u64::from(std::mem::take(p)));
        pending.ranked = 0;
    }

    pub fn merge(mut self, o: Accumulator) -> Accumulator {
        self.draws += o.draws;
        self.no_feasible += o.no_feasible;
        self.nonfinite = match (self.nonfinite, o.nonfinite) {
            (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
            (a, b) => a.or(b),
        };
        debug_assert_eq!(self.ranks, o.ranks);
        let add = |a: &mut Vec<u64>, b: &[u64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.rank_counts, &o.rank_counts);
        add(&mut self.rank_sum, &o.rank_sum);
        self.rank_sumsq
            .iter_mut()
            .zip(&o.rank_sumsq)
            .for_each(|(x, y)| *x += y);
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

    /// The first series whose moments overflowed ([`Moments::overflow`]): (site, criterion
    /// or `None` for the score, the magnitude its values may reach).
    pub fn first_overflow(&self) -> Option<(usize, Option<usize>, f64)> {
        let n = self.criteria;
        let values = self.values.iter().enumerate();
        let values = values.map(|(k, m)| (k / n, Some(k % n), m));
        let scores = self.score.iter().enumerate().map(|(i, m)| (i, None, m));
        let (i, j, m) = values.chain(scores).find(|(_, _, m)| m.overflow)?;
        Some((i, j, m.limit()))
    }

    /// Share of draws in which site i took rank r (0-based, below `ranks.top_k`). Draws
    /// with no feasible site rank nobody, so each rank's shares sum to 1 −
    /// [`Accumulator::no_feasible_share`].
    pub fn acceptability(&self, i: usize, r: usize) -> f64 {
        self.rank_counts[i * self.ranks.top_k + r] as f64 / self.draws.max(1) as f64
    }

    /// Draws in which site i ranked first.
    pub fn firsts(&self, i: usize) -> u64 {
        self.rank_counts
            .get(i * self.ranks.top_k)
            .copied()
            .unwrap_or(0)
    }

    /// Share of draws in which no site was feasible.
    pub fn no_feasible_share(&self) -> f64 {
        self.no_feasible as f64 / self.draws.max(1) as f64
    }

    /// Draws that rank the sites (those with a feasible site).
    fn ranked(&self) -> u64 {
        self.draws - self.no_feasible
    }

    /// Expected rank over the draws that rank the sites (those with a feasible site); NaN
    /// when there is none.
    pub fn expected_rank(&self, i: usize) -> f64 {
        let ranked = self.ranked();
        if ranked == 0 && self.draws > 0 {
            return f64::NAN;
        }
        self.rank_sum[i] as f64 / ranked.max(1) as f64
    }

    /// Sample standard deviation (n − 1) of site i's rank over the draws that rank the sites:
    /// exact in integers, (N·Σr² − (Σr)²) / (N·(N − 1)); NaN when fewer than 2 draws rank.
    pub fn rank_sd(&self, i: usize) -> f64 {
        let n = u128::from(self.ranked());
        if n < 2 {
            return f64::NAN;
        }
        let (s, q) = (u128::from(self.rank_sum[i]), self.rank_sumsq[i]);
        ((n * q - s * s) as f64 / (n * (n - 1)) as f64).sqrt()
    }

    /// The shortlist of large-site mode: the `ranks.shortlist` sites most often in the top
    /// k (ties: lower expected rank, then lower index), in ascending index order; empty when
    /// every pair is counted in the first pass.
    pub fn shortlist(&self) -> Vec<usize> {
        let (m, k, l) = (self.sites, self.ranks.top_k, self.ranks.shortlist);
        if l == 0 {
            return Vec::new();
        }
        let mut keyed: Vec<(std::cmp::Reverse<u64>, u64, usize)> = (0..m)
            .map(|i| {
                let top: u64 = self.rank_counts[i * k..(i + 1) * k].iter().sum();
                (std::cmp::Reverse(top), self.rank_sum[i], i)
            })
            .collect();
        if l < m {
            keyed.select_nth_unstable(l - 1);
            keyed.truncate(l);
        }
        let mut sites: Vec<usize> = keyed.into_iter().map(|(_, _, i)| i).collect();
        sites.sort_unstable();
        sites
    }

    /// Central weight vector of site i (empty when i never ranked first).
    pub fn central_weights(&self, i: usize) -> Vec<f64> {
        let n = self.criteria;
        let firsts = self.firsts(i);
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

/// The per-batch state of one worker: what [`Accumulator::add`] gathers and
/// [`Accumulator::flush`] folds in at the end of each batch.
///
/// Raw values and scores of the last few draws wait here for the sketches: adding
/// [`Pending::DRAWS`] values to one sketch at a time touches its bucket array once, while it
/// is in cache, instead of once per draw (the 1,000-odd bucket arrays of a large run do not
/// fit in a core's cache together; the counts are the same in any order). A draw's values are
/// one row (two copies, not a store per series into as many cache lines). Sums and sums of
/// squares of every series' deviations from the batch's first draw are kept in f64 for the
/// batch, added in draw order while the waiting rows are bucketed (vectorised, and the rows
/// are in cache then; not two 128-bit products per value), and the pairwise counts in `u16` (a batch has fewer than
/// 2¹⁶ draws; a quarter of the memory traffic of `u64`).
#[derive(Debug, Clone)]
pub struct Pending {
    /// values[k · stride + s]: the k-th waiting draw's value of series s. Series: the raw
    /// values in column-major order (criterion · sites + site), then the scores; rows padded
    /// to a multiple of [`LANES`] (with ones, never counted).
    values: Vec<f64>,
    stride: usize,
    len: usize,
    /// Draws already handed to the sketches in this batch.
    draws: u64,
    /// Per series: its value in the batch's first draw, x₀, and Σ(x − x₀) and Σ(x − x₀)²
    /// over the batch (deviations: a series that never moves sums to exactly 0, and a
    /// spread small beside the value loses no digits to it).
    reference: Vec<f64>,
    sum: Vec<f64>,
    sumsq: Vec<f64>,
    /// pairwise[i·m + j]: draws of this batch in which i ranked above j; `ranked` of them.
    pairwise: Vec<u16>,
    ranked: u16,
    /// The draw's ranks as `u32`, for the pairwise kernel.
    rank: Vec<u32>,
}

impl Pending {
    pub const DRAWS: usize = 16;

    pub fn new(world: &World, ranks: Ranks) -> Pending {
        let (m, n) = (world.sites.len(), world.criteria_count());
        let series = m * (n + 1);
        let stride = series.next_multiple_of(LANES);
        let pairs = if ranks.shortlist == 0 { m * m } else { 0 };
        Pending {
            values: vec![1.0; stride * Pending::DRAWS],
            stride,
            len: 0,
            draws: 0,
            reference: vec![1.0; stride],
            sum: vec![0.0; stride],
            sumsq: vec![0.0; stride],
            pairwise: vec![0; pairs],
            ranked: 0,
            rank: vec![0; m],
        }
    }
}
