//! TOPSIS: relative closeness to the ideal solution.
//!
//! With v_ij = w_j r_ij (r normalised, higher is better), the ideal is A⁺_j = max_i v_ij and
//! the anti-ideal A⁻_j = min_i v_ij; the Euclidean separations are
//! D⁺_i = ‖v_i − A⁺‖₂ and D⁻_i = ‖v_i − A⁻‖₂, and the score is the relative closeness
//! C_i = D⁻_i / (D⁺_i + D⁻_i) ∈ [0, 1] (1 = the ideal itself). If every site is identical,
//! C = 0.5. The ideal and anti-ideal are taken over the reference (feasible) sites only.
//!
//! Normalisation: the model's. `vector` is the original method (Hwang & Yoon 1981); `min-max`
//! (dcsite's default) is the common linear variant. dcsite's normalisations turn a cost
//! criterion into 1 − r (min-max, vector, max), a reflection that leaves every separation
//! unchanged, so the closeness equals that of the original with the ideal at the minimum of a
//! cost criterion. With `sum`, cost criteria enter as reciprocals; with `target`, as closeness
//! to the target.
//!
//! Hwang & Yoon (1981), *Multiple Attribute Decision Making: Methods and Applications*,
//! Springer, pp. 128–134.

use nalgebra::DMatrix;

use super::{Aggregate, Input};
use crate::scenario::Direction;

/// TOPSIS with a buffer for the anti-ideal separations.
#[derive(Debug, Clone, Default)]
pub struct Topsis {
    d_minus: Vec<f64>,
}

impl Topsis {
    pub fn new(sites: usize) -> Topsis {
        Topsis {
            d_minus: vec![0.0; sites],
        }
    }

    /// Separations from the ideal (D⁺, into `d_plus`) and the anti-ideal (D⁻), both taken
    /// over the `reference` sites (`None`: all).
    pub fn separations(
        &mut self,
        r: &DMatrix<f64>,
        w: &[f64],
        reference: Option<&[bool]>,
        d_plus: &mut [f64],
    ) -> &[f64] {
        self.d_minus.resize(r.nrows(), 0.0);
        d_plus.fill(0.0);
        self.d_minus.fill(0.0);
        for (j, &wj) in w.iter().enumerate() {
            let col = r.column(j);
            let (lo, hi) = super::normalize::bounds(col.as_slice(), reference);
            for ((dp, dm), &v) in d_plus.iter_mut().zip(&mut self.d_minus).zip(col.iter()) {
                let (a, b) = (wj * (hi - v), wj * (v - lo));
                *dp += a * a;
                *dm += b * b;
            }
        }
        for (dp, dm) in d_plus.iter_mut().zip(&mut self.d_minus) {
            *dp = dp.sqrt();
            *dm = dm.sqrt();
        }
        &self.d_minus
    }
}

impl Aggregate for Topsis {
    const INPUT: Input = Input::Normalized;

    fn aggregate(
        &mut self,
        r: &DMatrix<f64>,
        _: &[Direction],
        w: &[f64],
        reference: Option<&[bool]>,
        out: &mut [f64],
    ) {
        let d_minus = self.separations(r, w, reference, out);
        for (o, &dm) in out.iter_mut().zip(d_minus) {
            let total = *o + dm;
            *o = if total > 0.0 { dm / total } else { 0.5 };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mcda::{Method, Normalization, Scorer};
    use approx::assert_abs_diff_eq;

    fn closeness(x: &DMatrix<f64>, dirs: Vec<Direction>, w: &[f64], n: Normalization) -> Vec<f64> {
        let mut s = Scorer::new(Method::Topsis, n, dirs, x.nrows());
        let mut c = vec![0.0; x.nrows()];
        s.score(x, w, &vec![true; x.nrows()], &mut c);
        c
    }

    /// Hwang & Yoon (1981), *Multiple Attribute Decision Making*, Springer, pp. 133–134:
    /// fighter aircraft A1–A4 on maximum speed, ferry range, maximum payload, purchase cost
    /// (the one cost criterion), reliability and manoeuvrability, weights 0.2, 0.1, 0.1, 0.1,
    /// 0.2, 0.3, vector normalisation. Printed: C* = 0.643, 0.268, 0.613, 0.312 (A1 > A3 >
    /// A4 > A2); separations S* = 0.0545, 0.1197, 0.0580, 0.1009 and S⁻ = 0.0983, 0.0439,
    /// 0.0920, 0.0458. The book works from a normalised table rounded to 4 decimals, so the
    /// separations match to ±0.0002 and C* to ±0.0006: its A3 is 0.0920/(0.0580 + 0.0920) =
    /// 0.613 where the unrounded value is 0.6135.
    #[test]
    fn hwang_yoon_1981_fighter_aircraft() {
        let x = DMatrix::from_row_slice(
            4,
            6,
            &[
                2.0, 1500.0, 20000.0, 5.5, 5.0, 9.0, //
                2.5, 2700.0, 18000.0, 6.5, 3.0, 5.0, //
                1.8, 2000.0, 21000.0, 4.5, 7.0, 7.0, //
                2.2, 1800.0, 20000.0, 5.0, 5.0, 5.0,
            ],
        );
        let mut dirs = vec![Direction::Max; 6];
        dirs[3] = Direction::Min;
        let w = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];
        let c = closeness(&x, dirs.clone(), &w, Normalization::Vector);
        for (got, want) in c.iter().zip([0.643, 0.268, 0.613, 0.312]) {
            assert_abs_diff_eq!(*got, want, epsilon = 0.0006);
        }
        let mut s = Scorer::new(Method::Topsis, Normalization::Vector, dirs, 4);
        s.normalize(&x, &[true; 4]);
        let mut t = Topsis::new(4);
        let mut d_plus = [0.0; 4];
        let d_minus = t.separations(&s.normalized, &w, None, &mut d_plus).to_vec();
        for (got, want) in d_plus.iter().zip([0.0545, 0.1197, 0.0580, 0.1009]) {
            assert_abs_diff_eq!(*got, want, epsilon = 0.0002);
        }
        for (got, want) in d_minus.iter().zip([0.0983, 0.0439, 0.0920, 0.0458]) {
            assert_abs_diff_eq!(*got, want, epsilon = 0.0002);
        }
    }

    /// Tzeng & Huang (2011), *Multiple Attribute Decision Making: Methods and
    /// Applications*, CRC Press: four alternatives, three benefit criteria, weights 0.3,
    /// 0.4, 0.3, vector normalisation. Printed closeness: 0.5037, 0.6581, 0.7482, 0.3340.
    #[test]
    fn tzeng_huang_2011_example() {
        let x = DMatrix::from_row_slice(
            4,
            3,
            &[5.0, 8.0, 4.0, 7.0, 6.0, 8.0, 8.0, 8.0, 6.0, 7.0, 4.0, 6.0],
        );
        let c = closeness(
            &x,
            vec![Direction::Max; 3],
            &[0.3, 0.4, 0.3],
            Normalization::Vector,
        );
        for (got, want) in c.iter().zip([0.5037, 0.6581, 0.7482, 0.3340]) {
            assert_abs_diff_eq!(*got, want, epsilon = 0.00005);
        }
    }

    #[test]
    fn min_max_variant_and_degenerate_cases() {
        // Min-max: one site at the ideal (C = 1), one at the anti-ideal (C = 0).
        let x = DMatrix::from_row_slice(3, 2, &[10.0, 1.0, 20.0, 3.0, 15.0, 2.0]);
        let c = closeness(
            &x,
            vec![Direction::Min, Direction::Min],
            &[0.5, 0.5],
            Normalization::MinMax,
        );
        assert_abs_diff_eq!(c[0], 1.0);
        assert_abs_diff_eq!(c[1], 0.0);
        assert_abs_diff_eq!(c[2], 0.5);
        // Identical sites.
        let x = DMatrix::from_element(2, 2, 3.0);
        let c = closeness(
            &x,
            vec![Direction::Max; 2],
            &[0.5, 0.5],
            Normalization::Vector,
        );
        assert_eq!(c, [0.5, 0.5]);
    }
}
