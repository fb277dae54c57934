//! Weighted product model (WPM): P_i = Π_j r_ij^w_j over ratios to the best value.
//!
//! The WPM compares alternatives by ratios, R(A_K/A_L) = Π_j (a_Kj/a_Lj)^w_j for benefit
//! criteria (exponent −w_j for cost criteria), so it reads raw values and uses no
//! normalisation: the model's `normalization` does not apply. Dividing each column by a
//! constant leaves every ratio R unchanged, so the score uses
//!
//! - benefit: r_ij = x_ij / max_i x_ij
//! - cost:    r_ij = min_i x_ij / x_ij
//!
//! which gives P_i ∈ (0, 1] (1 for a site best on every criterion) and P_K/P_L = R(A_K/A_L).
//! The max and min are those of the reference (feasible) sites; an infeasible site's value is
//! held to their range first, so its ratios stay in (0, 1] too.
//! Ratios need positive values: a column with a value ≤ 0 among the reference sites is first
//! mapped to [1, 2] by min-max over them (1 + r), which keeps the order but not the ratios. log P is linear in the
//! weights, which weight sensitivity uses.
//!
//! Bridgman (1922), *Dimensional Analysis*; Miller & Starr (1969), *Executive Decisions and
//! Operations Research*; Triantaphyllou (2000), *Multi-Criteria Decision Making Methods: A
//! Comparative Study*, Kluwer, ch. 2.

use nalgebra::DMatrix;

use super::normalize::bounds;
use super::{Aggregate, Input};
use crate::scenario::Direction;

/// The weighted product, with a buffer for the ratios.
#[derive(Debug, Clone, Default)]
pub struct Wpm {
    r: DMatrix<f64>,
}

impl Wpm {
    pub fn new(sites: usize, criteria: usize) -> Wpm {
        Wpm {
            r: DMatrix::zeros(sites, criteria),
        }
    }
}

impl Aggregate for Wpm {
    const INPUT: Input = Input::Raw;

    fn aggregate(
        &mut self,
        x: &DMatrix<f64>,
        dirs: &[Direction],
        w: &[f64],
        reference: Option<&[bool]>,
        out: &mut [f64],
    ) {
        if self.r.shape() != x.shape() {
            self.r = DMatrix::zeros(x.nrows(), x.ncols());
        }
        ratios(x, dirs, reference, &mut self.r);
        product(&self.r, w, out);
    }

    fn linear_terms(
        &mut self,
        x: &DMatrix<f64>,
        dirs: &[Direction],
        reference: Option<&[bool]>,
        t: &mut DMatrix<f64>,
    ) -> bool {
        ratios(x, dirs, reference, t);
        t.apply(|v| *v = v.ln());
        true
    }
}

/// The ratios r (sites × criteria) of the raw values `x`: x/max (benefit), min/x (cost),
/// max and min over the `reference` sites (`None`: all).
pub fn ratios(
    x: &DMatrix<f64>,
    dirs: &[Direction],
    reference: Option<&[bool]>,
    r: &mut DMatrix<f64>,
) {
    for (j, &dir) in dirs.iter().enumerate() {
        let col = x.column(j);
        let ratio = Ratio::new(dir, col.as_slice(), reference);
        for (i, (o, &v)) in r.column_mut(j).iter_mut().zip(col.iter()).enumerate() {
            // A site outside the reference is held to the reference sites' range.
            let v = match reference {
                Some(f) if !f[i] => v.max(ratio.ref_lo).min(ratio.ref_hi),
                _ => v,
            };
            *o = ratio.of(v);
        }
    }
}

/// P_i = Π_j r_ij^w_j.
pub fn product(r: &DMatrix<f64>, w: &[f64], out: &mut [f64]) {
    out.fill(0.0);
    for (j, &wj) in w.iter().enumerate() {
        for (o, &v) in out.iter_mut().zip(r.column(j).iter()) {
            *o += wj * v.ln();
        }
    }
    for o in out.iter_mut() {
        *o = o.exp();
    }
}

/// The ratio normalisation of one column.
struct Ratio {
    benefit: bool,
    lo: f64,
    hi: f64,
    /// Values ≤ 0 among the reference sites: map to [1, 2] first, by their bounds.
    shift: bool,
    /// Best and worst of the reference sites.
    ref_lo: f64,
    ref_hi: f64,
}

impl Ratio {
    fn new(dir: Direction, x: &[f64], reference: Option<&[bool]>) -> Ratio {
        let (ref_lo, ref_hi) = bounds(x, reference);
        // The shift is decided and scaled by the reference sites alone: every other site is
        // held to their range, so a value ≤ 0 at an infeasible site changes no feasible
        // site's ratio.
        Ratio {
            benefit: dir == Direction::Max,
            lo: ref_lo,
            hi: ref_hi,
            shift: ref_lo <= 0.0,
            ref_lo,
            ref_hi,
        }
    }

    fn positive(&self, v: f64) -> f64 {
        if !self.shift {
            v
        } else if self.hi > self.lo {
            1.0 + (v - self.lo) / (self.hi - self.lo)
        } else {
            1.0
        }
    }

    /// The ratio r ∈ (0, 1] of value v.
    fn of(&self, v: f64) -> f64 {
        let v = self.positive(v);
        if self.benefit {
            v / self.positive(self.ref_hi)
        } else {
            self.positive(self.ref_lo) / v
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    /// Triantaphyllou (2000), *Multi-Criteria Decision Making Methods: A Comparative
    /// Study*, Kluwer, ch. 2 (WPM, on the WSM example's data): weights 0.20, 0.15, 0.40, 0.25.
    /// Printed: R(A1/A2) = 1.007, R(A1/A3) = 1.067, R(A2/A3) = 1.059, so A1 > A2 > A3.
    #[test]
    fn triantaphyllou_2000_example() {
        let a = DMatrix::from_row_slice(
            3,
            4,
            &[
                25.0, 20.0, 15.0, 30.0, //
                10.0, 30.0, 20.0, 30.0, //
                30.0, 10.0, 30.0, 10.0,
            ],
        );
        let mut p = [0.0; 3];
        Wpm::default().aggregate(
            &a,
            &[Direction::Max; 4],
            &[0.20, 0.15, 0.40, 0.25],
            None,
            &mut p,
        );
        assert_abs_diff_eq!(p[0] / p[1], 1.007, epsilon = 0.0005);
        assert_abs_diff_eq!(p[0] / p[2], 1.067, epsilon = 0.0005);
        assert_abs_diff_eq!(p[1] / p[2], 1.059, epsilon = 0.0005);
        assert!(p.iter().all(|&v| v > 0.0 && v <= 1.0));
    }

    #[test]
    fn cost_criterion_is_the_reciprocal_benefit() {
        // A cost criterion x ranks like the benefit criterion 1/x, with the same ratios.
        let x = DMatrix::from_row_slice(3, 2, &[2.0, 5.0, 4.0, 1.0, 8.0, 2.0]);
        let mut y = x.clone();
        for i in 0..3 {
            y[(i, 1)] = 1.0 / x[(i, 1)];
        }
        let w = [0.6, 0.4];
        let (mut a, mut b) = ([0.0; 3], [0.0; 3]);
        Wpm::default().aggregate(&x, &[Direction::Max, Direction::Min], &w, None, &mut a);
        Wpm::default().aggregate(&y, &[Direction::Max, Direction::Max], &w, None, &mut b);
        for i in 0..3 {
            assert_abs_diff_eq!(a[i], b[i], epsilon = 1e-12);
        }
    }

    #[test]
    fn non_positive_values_are_mapped_to_one_two() {
        let x = DMatrix::from_row_slice(3, 1, &[0.0, 5.0, 10.0]);
        let mut p = [0.0; 3];
        Wpm::default().aggregate(&x, &[Direction::Max], &[1.0], None, &mut p);
        assert_abs_diff_eq!(p[0], 0.5);
        assert_abs_diff_eq!(p[1], 0.75);
        assert_abs_diff_eq!(p[2], 1.0);
    }
}
