//! Normalisation of one criterion's values over the candidate sites of a draw.
//!
//! Every normalisation maps to "higher is better", so the methods that read normalised
//! values never see directions:
//!
//! | name | benefit (`max`) | cost (`min`) |
//! |---|---|---|
//! | `min-max` | (x − min)/(max − min) | (max − x)/(max − min) |
//! | `vector` | x/‖x‖₂ | 1 − x/‖x‖₂ |
//! | `max` | x/max\|x\| | 1 − x/max\|x\| |
//! | `sum` | x/Σx | (1/x)/Σ(1/x) |
//! | `target` | 1 − \|x − T\|/(max(x_max, T) − min(x_min, T)) | same |
//!
//! A criterion that is constant over the sites tells them apart in no way: every site gets
//! the same value, 0.5 where the formula's scale is zero (max = min under `min-max`, all values
//! 0 under `vector` and `max`, T equal to the constant under `target`), else the formula's own
//! (1/√m under `vector`, 1 under `max`, 0 under `target`, 1/m under `sum`; one minus these
//! for a cost where the formula says so). `max`, `vector` and `sum` are the linear-max, vector and linear-sum normalisations of
//! Jahan & Edwards (2015), "A state-of-the-art survey on the influence of normalization
//! techniques in ranking", Materials & Design 65, 335–342.
//!
//! `sum` compares ratios, so it needs positive values: a column with a value ≤ 0 is first
//! mapped to [1, 2] by min-max (1 + r), which keeps the order but not the ratios.
//!
//! **Reference sites.** Bounds, norms and sums are taken over the *reference* sites and
//! applied to every site. The reference is the feasible sites when some but not all are
//! feasible ([`super::reference`]): infeasible sites are screened out before the feasible
//! ones are compared, so adding or removing an infeasible candidate changes nothing for the
//! feasible ones. An infeasible site's raw value is held to the feasible sites' range before
//! it is normalised, so it lands on their scale (within [0, 1] under `min-max`).
//!
//! `target` is the target-based normalisation of Jahan, Bahraminasab & Edwards (2012),
//! "Target-based normalization technique for materials selection", Materials & Design 35,
//! 647–654: closeness to a target value T, whatever the direction. A criterion without a
//! target uses its best value in the draw (max for benefit, min for cost), which makes the
//! formula the min-max normalisation.

use crate::scenario::{Direction, Normalization};

impl Normalization {
    /// Normalises `x` into `out` (same length), with bounds, norms and sums over the
    /// `reference` sites (`None`: all). A site outside the reference is first held to the
    /// reference sites' range, so that it lands on their scale and never beyond the best or
    /// the worst of them. `target` is used by [`Normalization::Target`] only; `None` there
    /// means the best reference value.
    pub fn apply(
        self,
        direction: Direction,
        target: Option<f64>,
        x: &[f64],
        reference: Option<&[bool]>,
        out: &mut [f64],
    ) {
        debug_assert_eq!(x.len(), out.len());
        let benefit = direction == Direction::Max;
        let (lo, hi) = bounds(x, reference);
        out.copy_from_slice(x);
        if let Some(r) = reference {
            for (o, &ok) in out.iter_mut().zip(r) {
                if !ok {
                    *o = o.max(lo).min(hi);
                }
            }
        }
        let in_ref = |i: usize| reference.is_none_or(|r| r[i]);
        match self {
            Normalization::MinMax => min_max(benefit, lo, hi, out),
            Normalization::Vector | Normalization::Max => {
                let refs = out.iter().enumerate().filter(|(i, _)| in_ref(*i));
                let scale = if self == Normalization::Vector {
                    refs.map(|(_, v)| v * v).sum::<f64>().sqrt()
                } else {
                    refs.fold(0.0f64, |m, (_, v)| m.max(v.abs()))
                };
                for o in out.iter_mut() {
                    *o = if scale <= 0.0 {
                        0.5
                    } else if benefit {
                        *o / scale
                    } else {
                        1.0 - *o / scale
                    };
                }
            }
            Normalization::Sum => {
                // Non-positive values have no ratio meaning: map to [1, 2] first.
                let shift = lo <= 0.0;
                let pos = |v: f64| {
                    if !shift {
                        v
                    } else if hi > lo {
                        1.0 + (v - lo) / (hi - lo)
                    } else {
                        1.0
                    }
                };
                let term = |v: f64| if benefit { pos(v) } else { 1.0 / pos(v) };
                let total: f64 = (0..out.len())
                    .filter(|&i| in_ref(i))
                    .map(|i| term(out[i]))
                    .sum();
                for o in out.iter_mut() {
                    *o = term(*o) / total;
                }
            }
            Normalization::Target => {
                let t = target.unwrap_or(if benefit { hi } else { lo });
                let span = hi.max(t) - lo.min(t);
                for o in out.iter_mut() {
                    *o = if span <= 0.0 {
                        0.5
                    } else {
                        1.0 - (*o - t).abs() / span
                    };
                }
            }
        }
    }
}

/// (min, max) of the values of the `reference` sites (`None`: all), NaN ignored.
pub(crate) fn bounds(x: &[f64], reference: Option<&[bool]>) -> (f64, f64) {
    match reference {
        None => bounds_all(x),
        Some(r) => x
            .iter()
            .zip(r)
            .filter(|(_, r)| **r)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), (&v, _)| {
                (l.min(v), h.max(v))
            }),
    }
}

/// (min, max) of all the values, NaN ignored. Eight running minima and maxima, combined at
/// the end, so the loop has no serial dependency and vectorises.
fn bounds_all(x: &[f64]) -> (f64, f64) {
    const LANES: usize = 8;
    let (mut lo, mut hi) = ([f64::INFINITY; LANES], [f64::NEG_INFINITY; LANES]);
    let chunks = x.chunks_exact(LANES);
    let rest = chunks.remainder();
    for c in chunks {
        for k in 0..LANES {
            lo[k] = if c[k] < lo[k] { c[k] } else { lo[k] };
            hi[k] = if c[k] > hi[k] { c[k] } else { hi[k] };
        }
    }
    let fold = |a: &[f64], init: f64, f: fn(f64, f64) -> f64| a.iter().fold(init, |m, &v| f(m, v));
    let lo = fold(rest, fold(&lo, f64::INFINITY, f64::min), f64::min);
    let hi = fold(rest, fold(&hi, f64::NEG_INFINITY, f64::max), f64::max);
    (lo, hi)
}

fn min_max(benefit: bool, lo: f64, hi: f64, out: &mut [f64]) {
    let span = hi - lo;
    if span <= 0.0 {
        out.fill(0.5);
        return;
    }
    crate::numeric::vectorised(
        #[inline(always)]
        || {
            if benefit {
                out.iter_mut().for_each(|o| *o = (*o - lo) / span);
            } else {
                out.iter_mut().for_each(|o| *o = (hi - *o) / span);
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn bounds_of_any_length_ignore_nan() {
        for n in 1..40 {
            let x: Vec<f64> = (0..n).map(|k| ((k * 37) % 23) as f64 - 11.0).collect();
            let lo = x.iter().cloned().fold(f64::INFINITY, f64::min);
            let hi = x.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            assert_eq!(bounds(&x, None), (lo, hi), "n = {n}");
        }
        assert_eq!(bounds(&[f64::NAN, 2.0, 1.0], None), (1.0, 2.0));
        assert_eq!(
            bounds(&[5.0, 2.0, 1.0], Some(&[true, true, false])),
            (2.0, 5.0)
        );
    }

    #[test]
    fn min_max_by_direction_and_constant_column() {
        let mut out = [0.0; 3];
        Normalization::MinMax.apply(Direction::Max, None, &[10.0, 20.0, 15.0], None, &mut out);
        assert_eq!(out, [0.0, 1.0, 0.5]);
        Normalization::MinMax.apply(Direction::Min, None, &[10.0, 20.0, 15.0], None, &mut out);
        assert_eq!(out, [1.0, 0.0, 0.5]);
        Normalization::MinMax.apply(Direction::Min, None, &[7.0, 7.0, 7.0], None, &mut out);
        assert_eq!(out, [0.5, 0.5, 0.5]);
    }

    #[test]
    fn vector_and_max() {
        let mut out = [0.0; 2];
        Normalization::Vector.apply(Direction::Max, None, &[3.0, 4.0], None, &mut out);
        assert_abs_diff_eq!(out[0], 0.6);
        assert_abs_diff_eq!(out[1], 0.8);
        Normalization::Max.apply(Direction::Min, None, &[2.0, 8.0], None, &mut out);
        assert_abs_diff_eq!(out[0], 0.75);
        assert_abs_diff_eq!(out[1], 0.0);
    }

    #[test]
    fn sum_benefit_cost_and_non_positive_values() {
        let mut out = [0.0; 3];
        Normalization::Sum.apply(Direction::Max, None, &[1.0, 3.0, 4.0], None, &mut out);
        assert_eq!(out, [0.125, 0.375, 0.5]);
        // Cost: (1/x)/Σ(1/x) with 1/1 + 1/2 + 1/4 = 1.75.
        Normalization::Sum.apply(Direction::Min, None, &[1.0, 2.0, 4.0], None, &mut out);
        assert_abs_diff_eq!(out[0], 1.0 / 1.75);
        assert_abs_diff_eq!(out[2], 0.25 / 1.75);
        // A zero maps the column to [1, 2] first: 0, 5, 10 → 1, 1.5, 2 (sum 4.5).
        Normalization::Sum.apply(Direction::Max, None, &[0.0, 5.0, 10.0], None, &mut out);
        assert_abs_diff_eq!(out[0], 1.0 / 4.5);
        assert_abs_diff_eq!(out[2], 2.0 / 4.5);
    }

    #[test]
    fn target_closeness_and_default_target() {
        // Jahan et al. (2012) eq. 4 with T = 15 inside the range [10, 20]: span 10.
        let mut out = [0.0; 3];
        Normalization::Target.apply(
            Direction::Max,
            Some(15.0),
            &[10.0, 20.0, 15.0],
            None,
            &mut out,
        );
        assert_eq!(out, [0.5, 0.5, 1.0]);
        // T outside the range widens the span: T = 30, span 20.
        Normalization::Target.apply(
            Direction::Min,
            Some(30.0),
            &[10.0, 20.0, 15.0],
            None,
            &mut out,
        );
        assert_eq!(out, [0.0, 0.5, 0.25]);
        // No target: the best value, which is min-max.
        let mut mm = [0.0; 3];
        for dir in [Direction::Min, Direction::Max] {
            Normalization::Target.apply(dir, None, &[10.0, 20.0, 15.0], None, &mut out);
            Normalization::MinMax.apply(dir, None, &[10.0, 20.0, 15.0], None, &mut mm);
            assert_eq!(out, mm);
        }
    }
}
