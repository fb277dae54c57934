//! Weight information for SMAA and sampling from it, exactly uniformly on the constrained
//! simplex.
//!
//! * `unknown`: uniform on the simplex {w ≥ 0, Σw = 1}: normalised standard exponentials
//!   (Rubinstein 1982), so each marginal is Beta(1, n − 1).
//! * `ordinal`: a uniform simplex point sorted in decreasing order and assigned along the
//!   ranking: sorting maps the simplex n!-to-one onto the ordered region and preserves the
//!   uniform density (Tervonen & Lahdelma 2007, "Implementing SMAA", EJOR 178).
//! * `intervals`: uniform on the simplex restricted to lo ≤ w ≤ hi: rejection from the
//!   uniform simplex while its acceptance is workable, otherwise hit-and-run (Smith 1984)
//!   inside the polytope, restarted from the same interior point for every batch so that
//!   batches stay independent and reproducible. The chain runs in coordinates scaled by each
//!   criterion's room (a linear map, so uniform stays uniform): a narrow interval no longer
//!   pins the chain to short chords, and a criterion with no room (lo = hi) stays put while
//!   the others move.
//! * `exact`: the model's point weights.
//! * `ahp`: the principal eigenvector of a pairwise comparison matrix ([`super::ahp`]); with
//!   a judgement spread, the eigenvector of a perturbed matrix in each draw.

use rand::Rng;
use rand_distr::{Distribution, Exp1, StandardNormal};

use crate::ahp::{self, AhpScratch};
use crate::scenario::WeightMode;

/// Fills `w` with a uniform point of the simplex.
pub fn uniform_simplex<R: Rng + ?Sized>(rng: &mut R, w: &mut [f64]) {
    let mut total = 0.0;
    for x in w.iter_mut() {
        *x = Exp1.sample(rng);
        total += *x;
    }
    for x in w.iter_mut() {
        *x /= total;
    }
}

/// Draws weight vectors for one batch. Holds the hit-and-run state, so make one per batch.
#[derive(Debug, Clone)]
pub struct WeightSampler<'a> {
    mode: &'a WeightMode,
    strategy: Strategy,
    point: Vec<f64>,
    /// Hit-and-run: each criterion's room, min(hi, lo + 1 − Σlo) − lo, the scale of its
    /// coordinate.
    room: Vec<f64>,
    /// Hit-and-run direction; scratch for the ordinal sort.
    dir: Vec<f64>,
    /// Scratch for perturbed AHP matrices.
    ahp: Option<AhpScratch>,
}

/// How `intervals` are sampled, decided once per run by [`choose_strategy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Rejection,
    /// Hit-and-run with this many steps between returned points.
    HitAndRun {
        thin: usize,
    },
}

/// Acceptance below this uses hit-and-run.
const MIN_ACCEPTANCE: f64 = 0.02;
const BURN_IN: usize = 200;

/// Picks rejection or hit-and-run for interval bounds from a pilot of 2,000 uniform
/// simplex points (deterministic: its own fixed-seed generator).
pub fn choose_strategy(mode: &WeightMode) -> Strategy {
    use rand::SeedableRng;
    let WeightMode::Intervals { lo, hi } = mode else {
        return Strategy::Rejection;
    };
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(0x5eed);
    let mut w = vec![0.0; lo.len()];
    let pilot = 2000;
    let accepted = (0..pilot)
        .filter(|_| {
            uniform_simplex(&mut rng, &mut w);
            inside(&w, lo, hi)
        })
        .count();
    if accepted as f64 / pilot as f64 >= MIN_ACCEPTANCE {
        Strategy::Rejection
    } else {
        Strategy::HitAndRun { thin: 5 * lo.len() }
    }
}

fn inside(w: &[f64], lo: &[f64], hi: &[f64]) -> bool {
    w.iter().zip(lo).zip(hi).all(|((x, l), h)| x >= l && x <= h)
}

/// An interior point of {lo ≤ w ≤ hi, Σw = 1}: lo plus the remaining mass spread in
/// proportion to each criterion's room.
fn interior(lo: &[f64], hi: &[f64]) -> Vec<f64> {
    let free = 1.0 - lo.iter().sum::<f64>();
    let room: f64 = lo.iter().zip(hi).map(|(l, h)| h - l).sum();
    lo.iter()
        .zip(hi)
        .map(|(l, h)| {
            if room > 0.0 {
                l + free * (h - l) / room
            } else {
                *l
            }
        })
        .collect()
}

impl<'a> WeightSampler<'a> {
    pub fn new<R: Rng + ?Sized>(mode: &'a WeightMode, strategy: Strategy, rng: &mut R) -> Self {
        let mut s = WeightSampler {
            mode,
            strategy,
            point: Vec::new(),
            room: Vec::new(),
            dir: Vec::with_capacity(64),
            ahp: mode.ahp().map(|a| AhpScratch::new(a.matrix.nrows())),
        };
        if let (WeightMode::Intervals { lo, hi }, Strategy::HitAndRun { .. }) = (mode, strategy) {
            s.point = interior(lo, hi);
            let free = 1.0 - lo.iter().sum::<f64>();
            s.room = lo
                .iter()
                .zip(hi)
                .map(|(l, h)| h.min(l + free) - l)
                .collect();
            s.dir = vec![0.0; lo.len()];
            for _ in 0..BURN_IN {
                s.step(rng);
            }
        }
        s
    }

    /// One hit-and-run step in the scaled coordinates y_j = (w_j − lo_j) / room_j: a uniform
    /// direction g in their plane Σ room_j·y_j = 1 − Σlo (a normal vector with its component
    /// along `room` removed), d = room·g in weights (so Σd = 0 and a criterion without room
    /// has d = 0), then a uniform point on the chord through the current point.
    fn step<R: Rng + ?Sized>(&mut self, rng: &mut R) {
        let WeightMode::Intervals { lo, hi } = self.mode else {
            return;
        };
        let (mut along, mut norm) = (0.0, 0.0);
        for (d, &r) in self.dir.iter_mut().zip(&self.room) {
            *d = rng.sample(StandardNormal);
            along += r * *d;
            norm += r * r;
        }
        let c = if norm > 0.0 { along / norm } else { 0.0 };
        for (d, &r) in self.dir.iter_mut().zip(&self.room) {
            *d = r * (*d - c * r);
        }
        // The chord: each coordinate bounds t from both sides, by where it meets lo and hi
        // (which is which by the sign of its direction; a near-zero direction bounds
        // nothing). Without branches: the signs are random, a branch on them mispredicted
        // half the time.
        let (mut tmin, mut tmax) = (f64::NEG_INFINITY, f64::INFINITY);
        for ((&d, &x), (&l, &h)) in self.dir.iter().zip(&self.point).zip(lo.iter().zip(hi)) {
            let (at_lo, at_hi) = ((l - x) / d, (h - x) / d);
            let (low, high) = if d > 1e-15 {
                (at_lo, at_hi)
            } else if d < -1e-15 {
                (at_hi, at_lo)
            } else {
                (f64::NEG_INFINITY, f64::INFINITY)
            };
            tmin = tmin.max(low);
            tmax = tmax.min(high);
        }
        // No criterion with room leaves the chord unbounded: the point is the only one.
        if tmin < tmax && tmin.is_finite() && tmax.is_finite() {
            let t = tmin + (tmax - tmin) * rng.random::<f64>();
            for (x, d) in self.point.iter_mut().zip(&self.dir) {
                *x += t * d;
            }
        }
    }

    /// Fills `w` with the next weight vector.
    pub fn sample<R: Rng + ?Sized>(&mut self, rng: &mut R, w: &mut [f64]) {
        match self.mode {
            WeightMode::Exact(point) => w.copy_from_slice(point),
            WeightMode::Unknown => uniform_simplex(rng, w),
            WeightMode::Ahp(a) => match self.ahp.as_mut().filter(|_| a.spread > 0.0) {
                Some(scratch) => ahp::sample(rng, &a.matrix, a.spread, scratch, w),
                None => w.copy_from_slice(&a.priorities.weights),
            },
            WeightMode::Ordinal(order) => {
                uniform_simplex(rng, w);
                w.sort_unstable_by(|a, b| b.total_cmp(a));
                // w is now decreasing; hand the largest to the most important criterion.
                self.dir.clear();
                self.dir.extend_from_slice(w);
                for (rank, &j) in order.iter().enumerate() {
                    w[j] = self.dir[rank];
                }
            }
            WeightMode::Intervals { lo, hi } => match self.strategy {
                Strategy::Rejection => loop {
                    uniform_simplex(rng, w);
                    if inside(w, lo, hi) {
                        break;
                    }
                },
                Strategy::HitAndRun { thin } => {
                    for _ in 0..thin {
                        self.step(rng);
                    }
                    w.copy_from_slice(&self.point);
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// Kolmogorov–Smirnov distance between a sample and a CDF.
    fn ks(mut xs: Vec<f64>, cdf: impl Fn(f64) -> f64) -> f64 {
        xs.sort_by(f64::total_cmp);
        let n = xs.len() as f64;
        xs.iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = cdf(x);
                (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
            })
            .fold(0.0, f64::max)
    }

    #[test]
    fn unknown_weights_have_beta_1_n_minus_1_marginals() {
        // Beta(1, n-1) has CDF 1 - (1-x)^(n-1).
        let n = 5;
        let mode = WeightMode::Unknown;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut s = WeightSampler::new(&mode, Strategy::Rejection, &mut rng);
        let mut w = vec![0.0; n];
        let draws = 20_000;
        let mut cols: Vec<Vec<f64>> = (0..n).map(|_| Vec::with_capacity(draws)).collect();
        for _ in 0..draws {
            s.sample(&mut rng, &mut w);
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            for j in 0..n {
                cols[j].push(w[j]);
            }
        }
        // 1.63/sqrt(N) is the 1 % critical value of the one-sample KS statistic.
        let crit = 1.63 / (draws as f64).sqrt();
        for col in cols {
            let d = ks(col, |x| 1.0 - (1.0 - x).powi(n as i32 - 1));
            assert!(d < crit, "KS {d} ≥ {crit}");
        }
    }

    #[test]
    fn ordinal_weights_respect_the_ranking_and_have_known_means() {
        // For a uniform point sorted decreasingly, E[w_(k)] = (1/n) Σ_{i=k..n} 1/i.
        let n = 4;
        let mode = WeightMode::Ordinal(vec![2, 0, 3, 1]);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(2);
        let mut s = WeightSampler::new(&mode, Strategy::Rejection, &mut rng);
        let mut w = vec![0.0; n];
        let mut sums = vec![0.0; n];
        let draws = 50_000;
        for _ in 0..draws {
            s.sample(&mut rng, &mut w);
            assert!(w[2] >= w[0] && w[0] >= w[3] && w[3] >= w[1]);
            for j in 0..n {
                sums[j] += w[j] / draws as f64;
            }
        }
        let expect = |k: usize| (k..=n).map(|i| 1.0 / i as f64).sum::<f64>() / n as f64;
        for (rank, j) in [2, 0, 3, 1].into_iter().enumerate() {
            assert!(
                (sums[j] - expect(rank + 1)).abs() < 0.003,
                "{} vs {}",
                sums[j],
                expect(rank + 1)
            );
        }
    }

    /// Draws from hit-and-run for these bounds (which the pilot must send to hit-and-run).
    fn hit_and_run(lo: &[f64], hi: &[f64], draws: usize) -> Vec<Vec<f64>> {
        let mode = WeightMode::Intervals {
            lo: lo.to_vec(),
            hi: hi.to_vec(),
        };
        let strategy = choose_strategy(&mode);
        assert!(matches!(strategy, Strategy::HitAndRun { .. }));
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
        let mut s = WeightSampler::new(&mode, strategy, &mut rng);
        (0..draws)
            .map(|_| {
                let mut w = vec![0.0; lo.len()];
                s.sample(&mut rng, &mut w);
                assert!(inside(&w, lo, hi) && (w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                w
            })
            .collect()
    }

    fn column(ws: &[Vec<f64>], j: usize) -> Vec<f64> {
        ws.iter().map(|w| w[j]).collect()
    }

    fn mean_sd(x: &[f64]) -> (f64, f64) {
        let n = x.len() as f64;
        let m = x.iter().sum::<f64>() / n;
        (
            m,
            (x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt(),
        )
    }

    #[test]
    fn a_weight_fixed_by_its_bounds_leaves_the_others_uniform() {
        // w0 = 0.5 exactly (lo = hi): the rest is 0.5 × a uniform point of the 2-simplex, each
        // with mean 1/6 and sd 0.5·√(2/36) = 0.118. The chain had stayed at its start point:
        // every direction moved w0, so every chord had length 0.
        let ws = hit_and_run(&[0.5, 0.0, 0.0, 0.0], &[0.5, 1.0, 1.0, 1.0], 20_000);
        assert!(ws.iter().all(|w| (w[0] - 0.5).abs() < 1e-12));
        for j in 1..4 {
            let (m, sd) = mean_sd(&column(&ws, j));
            assert!((m - 1.0 / 6.0).abs() < 0.005, "criterion {j}: mean {m}");
            assert!((sd - 0.1179).abs() < 0.005, "criterion {j}: sd {sd}");
        }
    }

    #[test]
    fn narrow_intervals_do_not_freeze_the_chain() {
        // Two bounds 0.01 wide and two free weights: successive draws had a lag-1
        // autocorrelation of 0.95 (the chords were as short as the narrow intervals), so the
        // binomial standard errors understated the Monte Carlo error five- to six-fold.
        let ws = hit_and_run(&[0.5, 0.2, 0.0, 0.0], &[0.51, 0.21, 1.0, 1.0], 10_000);
        let x = column(&ws, 2);
        let (m, _) = mean_sd(&x);
        let lag1 = x.windows(2).map(|p| (p[0] - m) * (p[1] - m)).sum::<f64>()
            / x.iter().map(|v| (v - m).powi(2)).sum::<f64>();
        assert!(lag1.abs() < 0.1, "lag-1 autocorrelation {lag1}");
        // w2 + w3 = 0.3 − (w0 − 0.5) − (w1 − 0.2): w2 is close to uniform on [0, 0.3].
        let (m, sd) = mean_sd(&x);
        assert!(
            (m - 0.145).abs() < 0.01 && (sd - 0.0866).abs() < 0.006,
            "{m} {sd}"
        );
    }

    #[test]
    fn hit_and_run_agrees_with_rejection_on_narrow_intervals() {
        // Narrow box: acceptance by rejection is low, so the strategy is hit-and-run; its
        // marginal means must match exact rejection sampling (slow but exact).
        let lo = vec![0.30, 0.20, 0.10, 0.05];
        let hi = vec![0.45, 0.35, 0.25, 0.15];
        let mode = WeightMode::Intervals {
            lo: lo.clone(),
            hi: hi.clone(),
        };
        assert!(matches!(choose_strategy(&mode), Strategy::HitAndRun { .. }));
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let mut har = WeightSampler::new(&mode, choose_strategy(&mode), &mut rng);
        let mut rej = WeightSampler::new(&mode, Strategy::Rejection, &mut rng);
        let mut w = vec![0.0; 4];
        let (mut a, mut b) = (vec![0.0; 4], vec![0.0; 4]);
        let draws = 20_000;
        for _ in 0..draws {
            har.sample(&mut rng, &mut w);
            assert!(inside(&w, &lo, &hi) && (w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            a.iter_mut()
                .zip(&w)
                .for_each(|(s, x)| *s += x / draws as f64);
            rej.sample(&mut rng, &mut w);
            b.iter_mut()
                .zip(&w)
                .for_each(|(s, x)| *s += x / draws as f64);
        }
        for j in 0..4 {
            assert!(
                (a[j] - b[j]).abs() < 0.004,
                "criterion {j}: {} vs {}",
                a[j],
                b[j]
            );
        }
    }
}

#[cfg(test)]
mod ahp_mode {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// A scenario on a three-criterion model with `[weights]` as given.
    fn load(weights: &str) -> crate::Result<crate::Scenario> {
        let dir = tempfile::tempdir().unwrap();
        let crit = |id: &str| {
            format!(
                "[[criteria]]\nid = \"{id}\"\ncolumn = \"{id}\"\ndirection = \"max\"\nweight = 1\n"
            )
        };
        let model = format!("name = \"m\"\n{}{}{}", crit("a"), crit("b"), crit("c"));
        std::fs::write(dir.path().join("m.toml"), model).unwrap();
        let text = format!("name = \"t\"\nmodel = \"m.toml\"\n[weights]\n{weights}");
        let path = dir.path().join("s.toml");
        std::fs::write(&path, text).unwrap();
        crate::Scenario::load(&path)
    }

    fn problems(weights: &str) -> String {
        load(weights).unwrap_err().to_string()
    }

    #[test]
    fn ahp_weights_become_the_point_weights() {
        // a = 2b = 4c: consistent, weights 4/7, 2/7, 1/7.
        let s = load("mode = \"ahp\"\npairwise = [[2, 4], [2]]\n").unwrap();
        let a = s.weights.ahp().unwrap();
        let expected = [4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0];
        for (w, e) in s.model.weights().iter().zip(expected) {
            approx::assert_abs_diff_eq!(*w, e, epsilon = 1e-12);
        }
        assert_eq!(a.priorities.weights, s.model.weights());
        assert!(a.priorities.consistency_ratio < 1e-12);
        assert_eq!(s.weights.name(), "ahp");
    }

    #[test]
    fn malformed_matrices_are_reported_at_once() {
        let e = problems("mode = \"ahp\"\npairwise = [[2, 4, 5], [12]]\n");
        assert!(
            e.contains(
                "weights.pairwise[0]: row 0 compares a with the 2 criteria after it; got 3 values"
            ),
            "{e}"
        );
        assert!(
            e.contains("weights.pairwise[1][0] = 12: a judgement on Saaty's scale"),
            "{e}"
        );
        let e = problems("mode = \"ahp\"\npairwise = [[2, 4]]\n");
        assert!(e.contains("weights.pairwise: needs 2 rows"), "{e}");
        let e = problems("mode = \"exact\"\npairwise = [[2, 4], [2]]\nahp_spread = 1\n");
        assert!(
            e.contains("weights.pairwise: goes with mode = \"ahp\""),
            "{e}"
        );
        assert!(
            e.contains("weights.ahp_spread: goes with mode = \"ahp\""),
            "{e}"
        );
        let e = problems("mode = \"ahp\"\npairwise = [[2, 4], [2]]\nahp_spread = 9\n");
        assert!(e.contains("weights.ahp_spread = 9"), "{e}");
    }

    #[test]
    fn an_inconsistent_matrix_is_an_error_only_with_ahp_max_cr() {
        // a > b > c > a: a cycle, CR far above 0.1.
        let cycle = "mode = \"ahp\"\npairwise = [[5, 0.2], [5]]\n";
        let s = load(cycle).unwrap();
        assert!(s.weights.ahp().unwrap().priorities.consistency_ratio > 0.1);
        let e = problems(&format!("{cycle}ahp_max_cr = 0.1\n"));
        assert!(e.contains("weights.pairwise: consistency ratio"), "{e}");
        assert!(e.contains("> ahp_max_cr = 0.1"), "{e}");
        assert!(load(&format!("{cycle}ahp_max_cr = 100\n")).is_ok());
    }

    #[test]
    fn a_spread_gives_the_weights_a_distribution_around_the_ahp_weights() {
        let s = load("mode = \"ahp\"\npairwise = [[3, 5], [2]]\nahp_spread = 1\n").unwrap();
        let base = s.weights.ahp().unwrap().priorities.weights.clone();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(4);
        let mut sampler = WeightSampler::new(&s.weights, Strategy::Rejection, &mut rng);
        let mut w = vec![0.0; 3];
        let (mut mean, mut distinct) = (vec![0.0; 3], std::collections::BTreeSet::new());
        let draws = 4000;
        for _ in 0..draws {
            sampler.sample(&mut rng, &mut w);
            approx::assert_abs_diff_eq!(w.iter().sum::<f64>(), 1.0, epsilon = 1e-12);
            distinct.insert(w[0].to_bits());
            for j in 0..3 {
                mean[j] += w[j] / draws as f64;
            }
        }
        assert!(distinct.len() > draws / 2, "the weights vary");
        for j in 0..3 {
            approx::assert_abs_diff_eq!(mean[j], base[j], epsilon = 0.03);
        }
        // Without a spread the weights are fixed.
        let fixed = load("mode = \"ahp\"\npairwise = [[3, 5], [2]]\n").unwrap();
        let mut sampler = WeightSampler::new(&fixed.weights, Strategy::Rejection, &mut rng);
        sampler.sample(&mut rng, &mut w);
        assert_eq!(w, fixed.weights.ahp().unwrap().priorities.weights);
    }
}
