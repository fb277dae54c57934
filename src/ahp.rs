//! AHP weights (Saaty's Analytic Hierarchy Process): weights from a reciprocal matrix of
//! pairwise judgements on Saaty's 1–9 scale.
//!
//! * The judgement a_ij says how much more important criterion i is than j: 1 equal, 3
//!   moderate, 5 strong, 7 very strong, 9 extreme (2, 4, 6, 8 between), and 1/a for the
//!   reverse; a_ji = 1/a_ij and a_ii = 1.
//! * The weights are the principal (Perron) eigenvector w of A, A w = λ_max w, normalised to
//!   Σw = 1. A has positive entries, so λ_max is real, simple and dominant, and power
//!   iteration w ← A w / Σ(A w) converges to it from any positive start (Perron–Frobenius).
//! * Consistency: CI = (λ_max − n)/(n − 1) (λ_max ≥ n, with equality exactly when
//!   a_ij = a_ik a_kj for all i, j, k), and CR = CI/RI(n), with Saaty's random indices RI, the
//!   mean CI of random reciprocal matrices: n = 3..10: 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
//!   1.45, 1.49 (Saaty 1980, *The Analytic Hierarchy Process*, McGraw-Hill; reprinted in
//!   Saaty 1990, "How to make a decision: the Analytic Hierarchy Process", EJOR 48, 9–26,
//!   Table 2). CR ≤ 0.1 is Saaty's rule for acceptable consistency. For n ≤ 2 every
//!   reciprocal matrix is consistent and CR is 0.
//! * Judgement uncertainty for SMAA: each judgement moves, independently in each draw,
//!   uniformly within ±`spread` steps on Saaty's scale (…, 1/3, 1/2, 1, 2, 3, …, with
//!   fractional steps in between), clamped to [1/9, 9]; the draw's weights are the
//!   eigenvector of the perturbed matrix.

use nalgebra::{DMatrix, DVector};
use rand::Rng;

/// Saaty's random index RI(n), n = 0..=10 (RI(0..=2) = 0).
pub const RANDOM_INDEX: [f64; 11] = [
    0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
];

/// Most criteria an AHP matrix may compare (the end of the random-index table).
pub const MAX_CRITERIA: usize = RANDOM_INDEX.len() - 1;

/// Saaty's acceptable consistency ratio.
pub const SAATY_MAX_CR: f64 = 0.1;

/// Smallest and largest judgement.
pub const MIN_JUDGEMENT: f64 = 1.0 / 9.0;
pub const MAX_JUDGEMENT: f64 = 9.0;

/// The result of an AHP matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Priorities {
    /// The principal eigenvector, Σ = 1.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    /// (λ_max − n)/(n − 1); 0 for n ≤ 2.
    pub consistency_index: f64,
    /// CI / RI(n); 0 for n ≤ 2.
    pub consistency_ratio: f64,
    pub random_index: f64,
}

/// The full reciprocal matrix from the upper triangle, row by row: `upper[i]` holds
/// a_i,i+1 … a_i,n-1.
pub fn reciprocal_matrix(upper: &[Vec<f64>], n: usize) -> DMatrix<f64> {
    let mut a = DMatrix::from_element(n, n, 1.0);
    for (i, row) in upper.iter().enumerate() {
        for (k, &v) in row.iter().enumerate() {
            let j = i + 1 + k;
            a[(i, j)] = v;
            a[(j, i)] = 1.0 / v;
        }
    }
    a
}

/// The principal eigenvector (Σ = 1) of a positive matrix by power iteration, into `w`
/// (`tmp` is scratch of the same length); returns λ_max.
fn power_iteration(a: &DMatrix<f64>, w: &mut DVector<f64>, tmp: &mut DVector<f64>) -> f64 {
    let n = a.nrows();
    w.fill(1.0 / n as f64);
    let mut lambda = n as f64;
    for _ in 0..10_000 {
        a.mul_to(w, tmp);
        // Σ(A w) = λ Σw = λ at the fixed point, since Σw = 1.
        lambda = tmp.sum();
        *tmp /= lambda;
        let change = (&*tmp - &*w).abs().max();
        std::mem::swap(w, tmp);
        if change <= 1e-15 {
            break;
        }
    }
    lambda
}

/// Weights, λ_max, CI and CR of a positive reciprocal matrix (n ≤ [`MAX_CRITERIA`]).
pub fn priorities(a: &DMatrix<f64>) -> Priorities {
    let n = a.nrows();
    let mut w = DVector::zeros(n);
    let mut tmp = DVector::zeros(n);
    let lambda_max = power_iteration(a, &mut w, &mut tmp);
    let random_index = RANDOM_INDEX[n.min(MAX_CRITERIA)];
    let consistency_index = if n > 2 {
        ((lambda_max - n as f64) / (n - 1) as f64).max(0.0)
    } else {
        0.0
    };
    let consistency_ratio = if random_index > 0.0 {
        consistency_index / random_index
    } else {
        0.0
    };
    Priorities {
        weights: w.iter().copied().collect(),
        lambda_max,
        consistency_index,
        consistency_ratio,
        random_index,
    }
}

/// A judgement's position on Saaty's scale: 1 → 0, 2 → 1, …, 9 → 8, 1/2 → −1, …, 1/9 → −8.
fn position(a: f64) -> f64 {
    if a >= 1.0 { a - 1.0 } else { 1.0 - 1.0 / a }
}

fn judgement(p: f64) -> f64 {
    if p >= 0.0 { 1.0 + p } else { 1.0 / (1.0 - p) }
}

/// Scratch for drawing AHP weights, one per weight sampler.
#[derive(Debug, Clone)]
pub struct AhpScratch {
    a: DMatrix<f64>,
    w: DVector<f64>,
    tmp: DVector<f64>,
}

impl AhpScratch {
    pub fn new(n: usize) -> AhpScratch {
        AhpScratch {
            a: DMatrix::from_element(n, n, 1.0),
            w: DVector::zeros(n),
            tmp: DVector::zeros(n),
        }
    }
}

/// Perturbs each judgement of `base` (upper triangle, row by row) within ±`spread` steps on
/// Saaty's scale and writes the perturbed matrix's eigenvector to `out`. Uses one uniform
/// number per judgement, in row order.
pub fn sample<R: Rng + ?Sized>(
    rng: &mut R,
    base: &DMatrix<f64>,
    spread: f64,
    s: &mut AhpScratch,
    out: &mut [f64],
) {
    let n = base.nrows();
    let (lo, hi) = (position(MIN_JUDGEMENT), position(MAX_JUDGEMENT));
    for i in 0..n {
        for j in i + 1..n {
            let u: f64 = rng.random();
            let p = (position(base[(i, j)]) + spread * (2.0 * u - 1.0)).clamp(lo, hi);
            let v = judgement(p);
            s.a[(i, j)] = v;
            s.a[(j, i)] = 1.0 / v;
        }
    }
    power_iteration(&s.a, &mut s.w, &mut s.tmp);
    out.copy_from_slice(s.w.as_slice());
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// Saaty (1990), "How to make a decision: the Analytic Hierarchy Process", EJOR 48,
    /// 9–26: the house example, level-1 matrix of the eight criteria (size of house,
    /// transportation, neighbourhood, age, yard space, modern facilities, general
    /// condition, financing). Printed: priorities .173 .054 .188 .018 .031 .036 .167 .333,
    /// λmax = 9.669, C.I. = 0.238, C.R. = 0.169.
    #[test]
    fn saaty_1990_house_example_to_its_printed_precision() {
        let upper = vec![
            vec![5.0, 3.0, 7.0, 6.0, 6.0, 1.0 / 3.0, 1.0 / 4.0],
            vec![1.0 / 3.0, 5.0, 3.0, 3.0, 1.0 / 5.0, 1.0 / 7.0],
            vec![6.0, 3.0, 4.0, 6.0, 1.0 / 5.0],
            vec![1.0 / 3.0, 1.0 / 4.0, 1.0 / 7.0, 1.0 / 8.0],
            vec![1.0 / 2.0, 1.0 / 5.0, 1.0 / 6.0],
            vec![1.0 / 5.0, 1.0 / 6.0],
            vec![1.0 / 2.0],
        ];
        let p = priorities(&reciprocal_matrix(&upper, 8));
        let printed = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333];
        for (w, e) in p.weights.iter().zip(printed) {
            assert_abs_diff_eq!(*w, e, epsilon = 0.0005);
        }
        assert_abs_diff_eq!(p.lambda_max, 9.669, epsilon = 0.0005);
        assert_abs_diff_eq!(p.consistency_index, 0.238, epsilon = 0.0005);
        assert_abs_diff_eq!(p.consistency_ratio, 0.169, epsilon = 0.0005);
        assert_eq!(p.random_index, 1.41);
        assert_abs_diff_eq!(p.weights.iter().sum::<f64>(), 1.0, epsilon = 1e-12);
    }

    /// For a consistent matrix a_ij = v_i/v_j every column is proportional to v, so the
    /// weights are exactly any normalised column and λ_max = n: an independent check of the
    /// eigenvector on random matrices.
    #[test]
    fn random_consistent_matrices_give_their_normalised_columns() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(16);
        for n in 2..=MAX_CRITERIA {
            for _ in 0..20 {
                let v: Vec<f64> = (0..n).map(|_| rng.random_range(0.2..5.0)).collect();
                let a = DMatrix::from_fn(n, n, |i, j| v[i] / v[j]);
                let p = priorities(&a);
                let col = a.column(n - 1);
                let total: f64 = col.sum();
                for i in 0..n {
                    assert_abs_diff_eq!(p.weights[i], col[i] / total, epsilon = 1e-12);
                }
                assert_abs_diff_eq!(p.lambda_max, n as f64, epsilon = 1e-9);
                assert!(p.consistency_ratio < 1e-9);
            }
        }
    }

    /// λ_max from power iteration equals the largest eigenvalue from nalgebra's Schur
    /// decomposition on an inconsistent matrix.
    #[test]
    fn lambda_max_agrees_with_the_schur_eigenvalues() {
        let upper = vec![vec![3.0, 1.0 / 5.0, 7.0], vec![2.0, 1.0 / 3.0], vec![9.0]];
        let a = reciprocal_matrix(&upper, 4);
        let p = priorities(&a);
        let largest = a
            .clone()
            .complex_eigenvalues()
            .iter()
            .map(|z| z.re)
            .fold(f64::NEG_INFINITY, f64::max);
        assert_abs_diff_eq!(p.lambda_max, largest, epsilon = 1e-9);
        assert!(
            p.consistency_ratio > SAATY_MAX_CR,
            "this one is inconsistent"
        );
        // A w = λ w.
        let w = DVector::from_vec(p.weights.clone());
        let r = &a * &w - &w * p.lambda_max;
        assert!(r.abs().max() < 1e-12);
    }

    #[test]
    fn scale_positions_round_trip() {
        for a in [1.0 / 9.0, 0.25, 0.5, 1.0, 2.0, 3.5, 9.0] {
            assert_abs_diff_eq!(judgement(position(a)), a, epsilon = 1e-15);
        }
        assert_eq!(position(9.0), 8.0);
        assert_eq!(position(1.0 / 9.0), -8.0);
        assert_eq!(position(1.0 / 2.0), -1.0);
    }

    #[test]
    fn perturbed_judgements_stay_within_the_spread_and_the_scale() {
        let upper = vec![vec![9.0, 2.0], vec![1.0 / 3.0]];
        let base = reciprocal_matrix(&upper, 3);
        let mut s = AhpScratch::new(3);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut w = vec![0.0; 3];
        let exact = priorities(&base).weights;
        sample(&mut rng, &base, 0.0, &mut s, &mut w);
        for (a, b) in w.iter().zip(&exact) {
            assert_abs_diff_eq!(*a, *b, epsilon = 1e-14);
        }
        let mut moved = false;
        for _ in 0..2000 {
            sample(&mut rng, &base, 1.0, &mut s, &mut w);
            assert_abs_diff_eq!(w.iter().sum::<f64>(), 1.0, epsilon = 1e-12);
            for i in 0..3 {
                for j in i + 1..3 {
                    let (p, q) = (position(s.a[(i, j)]), position(base[(i, j)]));
                    assert!((p - q).abs() <= 1.0 + 1e-12 && (-8.0..=8.0).contains(&p));
                    moved |= (p - q).abs() > 0.5;
                }
            }
        }
        assert!(moved);
        // 9 cannot move up: the judgement 9 stays in [8, 9].
        assert!(s.a[(0, 1)] >= 8.0 - 1e-12 && s.a[(0, 1)] <= 9.0);
    }
}
