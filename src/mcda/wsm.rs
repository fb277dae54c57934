//! Weighted sum model (WSM): S_i = Σ_j w_j r_ij over normalised values r (higher is better).
//!
//! Reads the values normalised with the model's normalisation (default min-max); with
//! min-max and weights summing to 1, S_i ∈ [0, 1]. The score is linear in the weights.
//! Fishburn (1967), "Additive utilities with incomplete product set", Operations Research 15.

use nalgebra::DMatrix;

use super::{Aggregate, Input};
use crate::scenario::Direction;

/// The weighted sum.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wsm;

impl Aggregate for Wsm {
    const INPUT: Input = Input::Normalized;

    fn aggregate(
        &mut self,
        r: &DMatrix<f64>,
        _: &[Direction],
        w: &[f64],
        _: Option<&[bool]>,
        out: &mut [f64],
    ) {
        scores(r, w, out);
    }

    fn linear_terms(
        &mut self,
        r: &DMatrix<f64>,
        _: &[Direction],
        _: Option<&[bool]>,
        t: &mut DMatrix<f64>,
    ) -> bool {
        t.copy_from(r);
        true
    }
}

/// Scores of the sites (rows of `r`, sites × criteria) under weights `w`: each summed in
/// criterion order, a multiply and an add per term ([`crate::numeric::weighted_sums`]).
pub fn scores(r: &DMatrix<f64>, w: &[f64], out: &mut [f64]) {
    crate::numeric::weighted_sums(r.as_slice(), w, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn hand_computed() {
        // Two sites, two criteria: S = 0.7·r1 + 0.3·r2.
        let r = DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.0, 1.0]);
        let mut s = [0.0; 2];
        scores(&r, &[0.7, 0.3], &mut s);
        assert_eq!(s, [0.7, 0.3]);
    }

    /// Triantaphyllou (2000), *Multi-Criteria Decision Making Methods: A Comparative
    /// Study*, Kluwer, ch. 2 (WSM): three alternatives, four benefit criteria in one unit,
    /// weights 0.20, 0.15, 0.40, 0.25. Printed: A1 = 21.50, A2 = 22.00, A3 = 22.00.
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
        let mut s = [0.0; 3];
        scores(&a, &[0.20, 0.15, 0.40, 0.25], &mut s);
        for (got, want) in s.iter().zip([21.50, 22.00, 22.00]) {
            assert_abs_diff_eq!(*got, want, epsilon = 0.005);
        }
    }
}
