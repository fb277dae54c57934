//! VIKOR: compromise ranking by group utility and individual regret.
//!
//! With f*_j and f⁻_j the best and worst value of criterion j over the sites,
//!
//! - S_i = Σ_j w_j (f*_j − f_ij)/(f*_j − f⁻_j)   (group utility; lower is better)
//! - R_i = max_j w_j (f*_j − f_ij)/(f*_j − f⁻_j) (individual regret)
//! - Q_i = v (S_i − S*)/(S⁻ − S*) + (1 − v)(R_i − R*)/(R⁻ − R*), with S* = min S,
//!   S⁻ = max S and likewise for R; v (default 0.5, model key `vikor_v`) weighs the
//!   strategy of the majority of criteria.
//!
//! f*, f⁻, S*, S⁻, R* and R⁻ are taken over the reference (feasible) sites only.
//! A criterion constant over the sites contributes 0, and a zero spread of S or R drops
//! that term (both tell the sites apart in no way). **Score = 1 − Q** ∈ [0, 1], so that
//! higher is better like every other method; Q itself is in [`Outcome`].
//!
//! Normalisation: the ratio (f* − f)/(f* − f⁻) is unchanged by any increasing linear map of
//! a criterion, so on `min-max`, `vector` or `max` values (cost criteria as 1 − r) S, R and Q
//! are exactly those of the original method on raw values. With `sum` (cost criteria as
//! reciprocals) or `target` (closeness to the target) VIKOR ranks those values instead.
//!
//! The compromise solution a′ (best Q) is accepted when both conditions hold (checked by
//! [`Outcome`]):
//! - C1, acceptable advantage: Q(a″) − Q(a′) ≥ DQ = 1/(m − 1), a″ second by Q;
//! - C2, acceptable stability: a′ is also best by S or by R.
//!
//! Otherwise the compromise set is {a′, a″} if only C2 fails, or a′ … a⁽ᴹ⁾ with M the largest
//! rank such that Q(a⁽ᴹ⁾) − Q(a′) < DQ if C1 fails.
//!
//! Opricovic & Tzeng (2004), "Compromise solution by MCDM methods: A comparative analysis of
//! VIKOR and TOPSIS", European Journal of Operational Research 156(2), 445–455;
//! Opricovic & Tzeng (2007), "Extended VIKOR method in comparison with outranking methods",
//! EJOR 178(2), 514–529.

use nalgebra::DMatrix;

use super::{Aggregate, Input};
use crate::scenario::Direction;

/// VIKOR with buffers for S and R.
#[derive(Debug, Clone)]
pub struct Vikor {
    pub v: f64,
    s: Vec<f64>,
    r: Vec<f64>,
}

impl Vikor {
    pub fn new(v: f64, sites: usize) -> Vikor {
        Vikor {
            v,
            s: vec![0.0; sites],
            r: vec![0.0; sites],
        }
    }

    /// Computes S, R and (into `q`) Q of the sites of `f` (normalised, higher is better),
    /// with best and worst values over the `reference` sites (`None`: all).
    fn compute(&mut self, f: &DMatrix<f64>, w: &[f64], reference: Option<&[bool]>, q: &mut [f64]) {
        let m = f.nrows();
        self.s.resize(m, 0.0);
        self.r.resize(m, 0.0);
        self.s.fill(0.0);
        self.r.fill(0.0);
        for (j, &wj) in w.iter().enumerate() {
            let col = f.column(j);
            let (worst, best) = super::normalize::bounds(col.as_slice(), reference);
            if best <= worst {
                continue;
            }
            let k = wj / (best - worst);
            for ((s, r), &v) in self.s.iter_mut().zip(&mut self.r).zip(col.iter()) {
                let d = k * (best - v);
                *s += d;
                *r = r.max(d);
            }
        }
        let (s_star, s_minus) = super::normalize::bounds(&self.s, reference);
        let (r_star, r_minus) = super::normalize::bounds(&self.r, reference);
        for ((q, &s), &r) in q.iter_mut().zip(&self.s).zip(&self.r) {
            let a = if s_minus > s_star {
                (s - s_star) / (s_minus - s_star)
            } else {
                0.0
            };
            let b = if r_minus > r_star {
                (r - r_star) / (r_minus - r_star)
            } else {
                0.0
            };
            *q = self.v * a + (1.0 - self.v) * b;
        }
    }

    /// S, R, Q and the acceptance conditions for the sites of `f` (normalised). The
    /// conditions concern the `eligible` sites only (the feasible ones).
    pub fn outcome(&mut self, f: &DMatrix<f64>, w: &[f64], eligible: &[bool]) -> Outcome {
        let mut q = vec![0.0; f.nrows()];
        self.compute(f, w, super::reference(eligible), &mut q);
        Outcome::new(self.s.clone(), self.r.clone(), q, eligible)
    }
}

impl Aggregate for Vikor {
    const INPUT: Input = Input::Normalized;

    fn aggregate(
        &mut self,
        f: &DMatrix<f64>,
        _: &[Direction],
        w: &[f64],
        reference: Option<&[bool]>,
        out: &mut [f64],
    ) {
        self.compute(f, w, reference, out);
        for o in out.iter_mut() {
            *o = 1.0 - *o;
        }
    }
}

/// VIKOR's indices and its compromise solution.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Outcome {
    /// Group utility S of each site (lower is better).
    pub s: Vec<f64>,
    /// Individual regret R of each site (lower is better).
    pub r: Vec<f64>,
    /// Compromise index Q of each site (lower is better).
    pub q: Vec<f64>,
    /// Eligible sites by Q, best first (ties by site order).
    pub order: Vec<usize>,
    /// DQ = 1/(m − 1), m the number of eligible sites.
    pub dq: f64,
    /// C1: Q(a″) − Q(a′) ≥ DQ.
    pub acceptable_advantage: bool,
    /// C2: a′ is also best by S or by R.
    pub acceptable_stability: bool,
    /// The compromise solutions, best first.
    pub compromise: Vec<usize>,
}

impl Outcome {
    pub fn new(s: Vec<f64>, r: Vec<f64>, q: Vec<f64>, eligible: &[bool]) -> Outcome {
        let by = |v: &[f64]| {
            let mut o: Vec<usize> = (0..v.len()).filter(|&i| eligible[i]).collect();
            o.sort_by(|&a, &b| v[a].total_cmp(&v[b]).then(a.cmp(&b)));
            o
        };
        let order = by(&q);
        let m = order.len();
        let dq = if m > 1 { 1.0 / (m - 1) as f64 } else { 1.0 };
        let Some(&first) = order.first() else {
            return Outcome {
                s,
                r,
                q,
                order,
                dq,
                acceptable_advantage: false,
                acceptable_stability: false,
                compromise: Vec::new(),
            };
        };
        let advantage = order
            .get(1)
            .is_none_or(|&second| q[second] - q[first] >= dq);
        let stability = is_best(&s, &order, first) || is_best(&r, &order, first);
        let compromise = if !advantage {
            order
                .iter()
                .copied()
                .take_while(|&i| i == first || q[i] - q[first] < dq)
                .collect()
        } else if !stability {
            order.iter().copied().take(2).collect()
        } else {
            vec![first]
        };
        Outcome {
            s,
            r,
            q,
            order,
            dq,
            acceptable_advantage: advantage,
            acceptable_stability: stability,
            compromise,
        }
    }
}

/// Whether site `i` has the lowest value of `v` among the eligible sites (ties count).
fn is_best(v: &[f64], eligible_sites: &[usize], i: usize) -> bool {
    eligible_sites.iter().all(|&k| v[i] <= v[k])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mcda::{Normalization, Scorer};
    use crate::scenario::DEFAULT_V;
    use approx::assert_abs_diff_eq;

    fn outcome(x: &DMatrix<f64>, dirs: Vec<Direction>, w: &[f64], n: Normalization) -> Outcome {
        let mut s = Scorer::new(crate::mcda::Method::Vikor, n, dirs, x.nrows());
        s.normalize(x, &vec![true; x.nrows()]);
        Vikor::new(DEFAULT_V, x.nrows()).outcome(&s.normalized, w, &vec![true; x.nrows()])
    }

    fn close(got: &[f64], want: &[f64], eps: f64) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_abs_diff_eq!(*g, *w, epsilon = eps);
        }
    }

    /// Opricovic & Tzeng (2004), EJOR 156, numerical example: A1 = (1, 3000),
    /// A2 = (2, 3750), A3 = (5, 4500); f1 (risk) to minimise, f2 (altitude) to maximise,
    /// equal weights, v = 0.5. Printed: S = 0.5, 0.375, 0.5; R = 0.5, 0.25, 0.5;
    /// Q = 1, 0, 1; A2 is the compromise solution, with both conditions met.
    #[test]
    fn opricovic_tzeng_2004_example() {
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 3000.0, 2.0, 3750.0, 5.0, 4500.0]);
        for n in [
            Normalization::MinMax,
            Normalization::Vector,
            Normalization::Max,
        ] {
            let o = outcome(&x, vec![Direction::Min, Direction::Max], &[0.5, 0.5], n);
            close(&o.s, &[0.5, 0.375, 0.5], 1e-12);
            close(&o.r, &[0.5, 0.25, 0.5], 1e-12);
            close(&o.q, &[1.0, 0.0, 1.0], 1e-12);
            assert!(o.acceptable_advantage && o.acceptable_stability);
            assert_eq!(o.compromise, [1]);
        }
    }

    /// Opricovic & Tzeng (2007), EJOR 178, hydropower system planning example: six
    /// alternatives, eight criteria, four weight sets W1–W4. Printed to 3 decimals: S, R, Q
    /// per alternative and the compromise solutions.
    #[test]
    fn opricovic_tzeng_2007_extended_example() {
        let x = DMatrix::from_row_slice(
            6,
            8,
            &[
                4184.3, 2914.0, 407.2, 251.0, 195.0, 244.0, 15.0, 2.41, //
                5211.9, 3630.0, 501.7, 308.3, 282.0, 346.0, 21.0, 1.41, //
                5021.3, 3920.5, 504.0, 278.6, 12.0, 56.0, 3.0, 4.42, //
                5566.1, 3957.9, 559.5, 335.3, 167.0, 268.0, 16.0, 3.36, //
                5060.5, 3293.5, 514.1, 284.2, 69.0, 90.0, 7.0, 4.04, //
                4317.9, 2925.9, 432.8, 239.3, 12.0, 55.0, 3.0, 4.36,
            ],
        );
        use Direction::{Max, Min};
        let dirs = vec![Max, Min, Max, Max, Min, Min, Min, Max];
        type Case = ([f64; 8], [f64; 6], [f64; 6], [f64; 6], bool, Vec<usize>);
        let cases: [Case; 4] = [
            (
                [1.0; 8],
                [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
                [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
                [0.991, 1.0, 0.473, 0.670, 0.0, 0.578],
                true,
                vec![4],
            ),
            (
                [2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0],
                [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
                [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
                [1.0, 0.533, 0.552, 0.563, 0.0, 0.686],
                true,
                vec![4],
            ),
            (
                [1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0],
                [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
                [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
                [0.684, 1.0, 0.147, 0.554, 0.041, 0.191],
                false,
                vec![4, 2, 5],
            ),
            (
                [1.0, 1.0, 1.0, 1.0, 3.2, 3.2, 3.2, 3.2],
                [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
                [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
                [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
                false,
                vec![2, 4, 5],
            ),
        ];
        for (raw_w, s, r, q, advantage, compromise) in cases {
            let total: f64 = raw_w.iter().sum();
            let w: Vec<f64> = raw_w.iter().map(|v| v / total).collect();
            let o = outcome(&x, dirs.clone(), &w, Normalization::MinMax);
            close(&o.s, &s, 0.0005);
            close(&o.r, &r, 0.0005);
            close(&o.q, &q, 0.0005);
            assert_eq!(o.acceptable_advantage, advantage);
            assert!(o.acceptable_stability);
            assert_eq!(o.compromise, compromise);
        }
    }

    /// Tzeng & Huang (2011), *Multiple Attribute Decision Making*, CRC Press: the TOPSIS
    /// example's data under VIKOR, v = 0.5. S = 0.6, 0.3, 0.15, 0.65; R = 0.3, 0.2, 0.15,
    /// 0.4; Q = 0.75, 0.25, 0, 1: C1 fails (0.25 < DQ = 1/3), compromise {A3, A2}.
    #[test]
    fn tzeng_huang_2011_example_without_acceptable_advantage() {
        let x = DMatrix::from_row_slice(
            4,
            3,
            &[5.0, 8.0, 4.0, 7.0, 6.0, 8.0, 8.0, 8.0, 6.0, 7.0, 4.0, 6.0],
        );
        let o = outcome(
            &x,
            vec![Direction::Max; 3],
            &[0.3, 0.4, 0.3],
            Normalization::MinMax,
        );
        close(&o.s, &[0.6, 0.3, 0.15, 0.65], 1e-12);
        close(&o.r, &[0.3, 0.2, 0.15, 0.4], 1e-12);
        close(&o.q, &[0.75, 0.25, 0.0, 1.0], 1e-12);
        assert!(!o.acceptable_advantage && o.acceptable_stability);
        assert_eq!(o.compromise, [2, 1]);
        // The score is 1 − Q.
        let mut s = Scorer::new(
            crate::mcda::Method::Vikor,
            Normalization::MinMax,
            vec![Direction::Max; 3],
            4,
        );
        let mut score = [0.0; 4];
        s.score(&x, &[0.3, 0.4, 0.3], &[true; 3], &mut score);
        close(&score, &[0.25, 0.75, 1.0, 0.0], 1e-12);
    }

    #[test]
    fn acceptable_advantage_without_stability() {
        // A constructed case (also in scikit-criteria's tests): five alternatives, five cost
        // criteria, equal weights. The best by Q (A4) is neither best by S (A3) nor by R
        // (A5), so the compromise set is {A4, A5}.
        let x = DMatrix::from_row_slice(
            5,
            5,
            &[
                1.0, 101.0, 1.0, 101.0, 1.0, //
                101.0, 1.0, 101.0, 1.0, 101.0, //
                1.0, 1.0, 1.0, 1.0, 101.0, //
                11.0, 11.0, 11.0, 16.0, 61.0, //
                56.0, 56.0, 56.0, 56.0, 56.0,
            ],
        );
        let o = outcome(
            &x,
            vec![Direction::Min; 5],
            &[0.2; 5],
            Normalization::MinMax,
        );
        close(&o.q, &[0.75, 1.0, 0.5, 0.068, 0.4375], 0.0005);
        assert!(o.acceptable_advantage && !o.acceptable_stability);
        assert_eq!(o.compromise, [3, 4]);
    }
}
