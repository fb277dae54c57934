//! Weighted sum model (WSM): S_i = Σ_j w_j r_ij over normalised values r (higher is better).
//!
//! With min-max normalisation and weights summing to 1, S_i ∈ [0, 1].
//! Fishburn (1967), "Additive utilities with incomplete product set", Operations Research 15.

use nalgebra::DMatrix;

/// Scores of the sites (rows of `r`, sites × criteria) under weights `w`.
pub fn scores(r: &DMatrix<f64>, w: &[f64], out: &mut [f64]) {
    out.fill(0.0);
    for (j, &wj) in w.iter().enumerate() {
        for (o, &x) in out.iter_mut().zip(r.column(j).iter()) {
            *o += wj * x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed() {
        // Two sites, two criteria: S = 0.7·r1 + 0.3·r2.
        let r = DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.0, 1.0]);
        let mut s = [0.0; 2];
        scores(&r, &[0.7, 0.3], &mut s);
        assert_eq!(s, [0.7, 0.3]);
    }
}
