//! Mergeable mean and sd: exact integer sums of a fixed-point quantisation, so that adding
//! and merging are associative and a result never depends on how draws were split.
//!
//! A series' values are quantised as q ≈ x · 2^scale (a batch's first value rounded, the
//! sums of the deviations from it truncated: [`Moments::add_batch`]), the scale putting the series'
//! magnitude (the largest |base value|, at least 1) at 2⁴⁰. [`Moments`] keeps n, Σq (i128)
//! and Σq² (256 bits), enough for |x| up to 2⁵⁵ times the magnitude over 2³² draws; beyond,
//! it records an overflow, which the run reports as an error ([`Moments::overflow`]), never
//! a wrong number. The variance is computed from the integers without cancellation.

use serde::{Deserialize, Serialize};

/// Count, sum and sum of squares of a fixed-point quantisation of the values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moments {
    /// The values are quantised as q ≈ x · 2^scale.
    pub scale: i32,
    pub n: u64,
    /// Σq.
    pub sum: i128,
    /// Σq², as (high, low) halves of a 256-bit integer: high · 2¹²⁸ + low.
    pub sumsq: I256,
    /// A value or sum did not fit: the sums are zeroed, mean and sd are NaN, and the run
    /// fails ([`super::State::check_finite`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overflow: bool,
}

impl Moments {
    /// A summary for values of about `magnitude` (keeps 40 bits below it; a magnitude of 0
    /// counts as 1, and one below 2⁻⁶⁰ as 2⁻⁶⁰).
    pub fn for_magnitude(magnitude: f64) -> Moments {
        let e = if magnitude > 0.0 && magnitude.is_finite() {
            magnitude.max(f64::from(-60).exp2()).log2().ceil() as i32
        } else {
            0
        };
        Moments {
            scale: 40 - e,
            n: 0,
            sum: 0,
            sumsq: I256::ZERO,
            overflow: false,
        }
    }

    /// Adds one value.
    pub fn add(&mut self, x: f64) {
        self.add_batch(1, x, 0.0, 0.0);
    }

    /// Adds `n` values x₀ + dₖ given by x₀ (the batch's first value) and the f64 sums Σd and
    /// Σd² of their deviations from it. With q₀ = round(x₀·2^s), e = Σd·2^s and
    /// e₂ = Σd²·2^2s (both truncated): Σq grows by n·q₀ + e and Σq² by n·q₀² + 2q₀·e + e₂,
    /// exactly. A series that never moves has d = 0, so its variance is exactly 0.
    pub fn add_batch(&mut self, n: u64, x0: f64, sum_d: f64, sumsq_d: f64) {
        if n == 0 || self.overflow {
            return;
        }
        let s = self.scale;
        let grown = (|| {
            // Rounded, not truncated: a constant series' mean errs by at most half a step.
            let q0 = I256::trunc_scaled(x0, s + 1)?.to_i128()?;
            let q0 = q0.checked_add(q0.signum())? / 2;
            let e = I256::trunc_scaled(sum_d, s)?.to_i128()?;
            let e2 = I256::trunc_scaled(sumsq_d, 2 * s)?;
            let nq0 = q0.checked_mul(i128::from(n))?;
            let sum = self.sum.checked_add(nq0)?.checked_add(e)?;
            let sumsq = self
                .sumsq
                .checked_add(I256::mul(nq0, q0))?
                .checked_add(I256::mul(q0.checked_mul(2)?, e))?
                .checked_add(e2)?;
            Some((sum, sumsq))
        })();
        self.n += n;
        match grown {
            Some((sum, sumsq)) => (self.sum, self.sumsq) = (sum, sumsq),
            None => self.set_overflow(),
        }
    }

    fn set_overflow(&mut self) {
        (self.sum, self.sumsq, self.overflow) = (0, I256::ZERO, true);
    }

    pub fn merge(&mut self, o: &Moments) {
        debug_assert_eq!(self.scale, o.scale);
        self.n += o.n;
        let sum = self.sum.checked_add(o.sum);
        let sumsq = self.sumsq.checked_add(o.sumsq);
        match (sum, sumsq) {
            (Some(sum), Some(sumsq)) if !self.overflow && !o.overflow => {
                (self.sum, self.sumsq) = (sum, sumsq)
            }
            _ => self.set_overflow(),
        }
    }

    /// The magnitude beyond which a value may not fit: 2⁵⁵ × the series' magnitude.
    pub fn limit(&self) -> f64 {
        f64::from(95 - self.scale).exp2()
    }

    /// Σq / n · 2^−scale; NaN when empty or overflowed.
    pub fn mean(&self) -> f64 {
        if self.n == 0 || self.overflow {
            return f64::NAN;
        }
        (self.sum as f64 / self.n as f64) * f64::from(-self.scale).exp2()
    }

    /// Sample standard deviation (n − 1); NaN (undefined) for fewer than two values or an
    /// overflow. With Σq = n·a + b (0 ≤ b < n), the centred sum of squares
    /// Σq² − (Σq)²/n = (Σq² − n·a² − 2ab) − b²/n: the bracket is exact in 256 bits, and
    /// only it and b²/n < n are rounded to f64.
    pub fn sd(&self) -> f64 {
        if self.n < 2 || self.overflow {
            return f64::NAN;
        }
        let n = i128::from(self.n);
        let (a, b) = (self.sum.div_euclid(n), self.sum.rem_euclid(n));
        // n·a = Σq − b and 2a fit in i128 (n ≥ 2); products and differences in 256 bits.
        let na = self.sum - b;
        let centred = self
            .sumsq
            .wrapping_sub(I256::mul(na, a))
            .wrapping_sub(I256::mul(a.wrapping_mul(2), b));
        let ss = centred.to_f64() - (b as f64) * (b as f64) / n as f64;
        let var = (ss / (n - 1) as f64).max(0.0);
        var.sqrt() * f64::from(-self.scale).exp2()
    }
}

/// A signed 256-bit integer hi · 2¹²⁸ + lo (two's complement), with the few operations
/// [`Moments`] needs; serialised as `[hi, lo]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct I256(pub i128, pub u128);

impl I256 {
    pub const ZERO: I256 = I256(0, 0);

    #[cfg(test)]
    fn from_i128(x: i128) -> I256 {
        I256(x >> 127, x as u128)
    }

    fn checked_add(self, o: I256) -> Option<I256> {
        let (lo, carry) = self.1.overflowing_add(o.1);
        Some(I256(
            self.0.checked_add(o.0)?.checked_add(i128::from(carry))?,
            lo,
        ))
    }

    fn wrapping_neg(self) -> I256 {
        let (lo, carry) = (!self.1).overflowing_add(1);
        I256((!self.0).wrapping_add(i128::from(carry)), lo)
    }

    fn wrapping_sub(self, o: I256) -> I256 {
        let (lo, borrow) = self.1.overflowing_sub(o.1);
        I256(
            self.0.wrapping_sub(o.0).wrapping_sub(i128::from(borrow)),
            lo,
        )
    }

    /// a · b, exact (|a·b| ≤ 2²⁵⁴).
    fn mul(a: i128, b: i128) -> I256 {
        let (x, y) = (a.unsigned_abs(), b.unsigned_abs());
        const M: u128 = u64::MAX as u128;
        let (x0, x1, y0, y1) = (x & M, x >> 64, y & M, y >> 64);
        let (p00, p01, p10, p11) = (x0 * y0, x0 * y1, x1 * y0, x1 * y1);
        // Middle column: at most 3 · (2⁶⁴ − 1), which fits with the carry kept apart.
        let mid = (p00 >> 64) + (p01 & M) + (p10 & M);
        let lo = (p00 & M) | (mid << 64);
        let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
        let u = I256(hi as i128, lo);
        if (a < 0) != (b < 0) {
            u.wrapping_neg()
        } else {
            u
        }
    }

    /// trunc(x · 2^k), exact (from the bits of x, without rounding or an f64 overflow);
    /// `None` for a non-finite x or one whose result needs more than 254 bits.
    fn trunc_scaled(x: f64, k: i32) -> Option<I256> {
        if !x.is_finite() {
            return None;
        }
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i32;
        let frac = bits & 0x000f_ffff_ffff_ffff;
        // x = ±m · 2^e with m < 2⁵³.
        let (m, e) = if exp == 0 {
            (frac, -1074)
        } else {
            (frac | 1 << 52, exp - 1075)
        };
        let shift = e + k;
        let u = if m == 0 || shift <= -64 {
            I256::ZERO
        } else if shift < 0 {
            I256(0, u128::from(m >> -shift))
        } else if shift > 254 - 53 {
            return None;
        } else if shift < 64 {
            I256(0, u128::from(m) << shift)
        } else if shift < 128 {
            // Straddles the halves.
            let wide = u128::from(m);
            I256((wide >> (128 - shift)) as i128, wide << shift)
        } else {
            I256((u128::from(m) << (shift - 128)) as i128, 0)
        };
        Some(if x < 0.0 { u.wrapping_neg() } else { u })
    }

    fn to_i128(self) -> Option<i128> {
        (self.0 == (self.1 as i128) >> 127).then_some(self.1 as i128)
    }

    /// The nearest f64, give or take an ulp (two roundings).
    pub fn to_f64(self) -> f64 {
        if self.0 < 0 {
            return -self.wrapping_neg().to_f64();
        }
        self.0 as f64 * 2f64.powi(128) + self.1 as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn two_pass(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, var.sqrt())
    }

    /// As the accumulator adds a batch: its first value and the f64 sums of the deviations.
    fn add_as_batch(m: &mut Moments, xs: &[f64]) {
        let x0 = xs[0];
        let (s, q) = xs.iter().fold((0.0, 0.0), |(s, q), &x| {
            let d = x - x0;
            (s + d, q + d * d)
        });
        m.add_batch(xs.len() as u64, x0, s, q);
    }

    #[test]
    fn moments_match_direct_computation() {
        let xs = [1.5, 2.5, -3.0, 10.25, 0.0];
        let mut m = Moments::for_magnitude(10.0);
        xs.iter().for_each(|&x| m.add(x));
        let (mean, sd) = two_pass(&xs);
        assert!((m.mean() - mean).abs() < 1e-9);
        assert!((m.sd() - sd).abs() < 1e-9);
    }

    #[test]
    fn i256_products_and_conversions_are_exact() {
        let big = (1i128 << 100) + 12345;
        // (2¹⁰⁰ + c)² = 2²⁰⁰ + 2¹⁰¹·c + c².
        let c = 12345u128;
        let square = I256(1 << 72, c * c + (c << 101));
        assert_eq!(I256::mul(big, big), square);
        assert_eq!(I256::mul(big, -big), square.wrapping_neg());
        assert_eq!(I256::mul(-big, -big), square);
        assert_eq!(I256::mul(-3, 5), I256::from_i128(-15));
        assert_eq!(I256::trunc_scaled(-2.75, 1), Some(I256::from_i128(-5)));
        assert_eq!(I256::trunc_scaled(1.0, 200), Some(I256(1 << 72, 0)));
        assert_eq!(I256::trunc_scaled(3.0, 127), Some(I256(1, 1 << 127)));
        assert_eq!(I256::trunc_scaled(1.0, 250), Some(I256(1 << 122, 0)));
        assert_eq!(I256::trunc_scaled(1.0, 255), None);
        assert_eq!(I256::trunc_scaled(f64::NAN, 0), None);
        assert_eq!(I256(1, 0).to_f64(), 2f64.powi(128));
        assert_eq!(I256::from_i128(-7).to_f64(), -7.0);
    }

    #[test]
    fn a_constant_series_has_sd_exactly_zero() {
        // F7 of the audit: 98,765,432.1 in every draw had sd 10.02 (cancellation in f64).
        for x in [98_765_432.1f64, 0.681_818_176_972_239_6, -3.3e-7, 0.0] {
            let mut m = Moments::for_magnitude(x.abs());
            for _ in 0..7 {
                add_as_batch(&mut m, &[x; 500]);
            }
            m.add(x);
            assert_eq!(m.sd(), 0.0, "{x}");
            assert!((m.mean() - x).abs() <= x.abs() * 2e-12 + 1e-12, "{x}");
        }
    }

    #[test]
    fn wide_values_around_a_zero_base_keep_their_sd() {
        // F12 of the audit: base values 0 (scale 2⁴⁰) and sd 500,000: Σx²·2⁸⁰ of a batch
        // saturated i128 and the sd came out as 0.
        let xs: Vec<f64> = (0..1000)
            .map(|k| 500_000.0 * ((k as f64 * 0.7).sin() * 1.7))
            .collect();
        let mut m = Moments::for_magnitude(0.0);
        xs.chunks(500).for_each(|c| add_as_batch(&mut m, c));
        let (mean, sd) = two_pass(&xs);
        assert!(!m.overflow);
        assert!((m.sd() - sd).abs() <= 1e-9 * sd, "{} vs {sd}", m.sd());
        assert!((m.mean() - mean).abs() <= 1e-9 * sd);
    }

    #[test]
    fn values_beyond_the_limit_are_an_overflow_not_a_number() {
        let mut m = Moments::for_magnitude(1.0);
        add_as_batch(&mut m, &[1.0, 2.0]);
        assert!(m.limit() > 3e16);
        // 10³⁰ · 2⁴⁰ needs 140 bits.
        add_as_batch(&mut m, &[1e30, -1e30]);
        assert!(m.overflow && m.mean().is_nan() && m.sd().is_nan());
        // And it survives a merge, either way round.
        let mut fine = Moments::for_magnitude(1.0);
        fine.add(1.0);
        let mut a = fine.clone();
        a.merge(&m);
        m.merge(&fine);
        assert!(a.overflow && m.overflow);
        assert_eq!(a, m);
    }

    proptest! {
        /// Mean and sd agree with a two-pass f64 computation, on values of magnitudes from
        /// 10⁻⁶ to 10¹² around offsets up to 10⁴ sds away, added in batches as the engine does:
        /// the mean within 2⁻³⁸ of the magnitude (the quantisation) plus 10⁻¹² of the sd,
        /// the sd within 10⁻⁹ relative plus the quantisation.
        #[test]
        fn moments_agree_with_two_pass(
            unit in prop_oneof![Just(1e-6), Just(1e-2), Just(1.0), Just(1e3), Just(1e8), Just(1e12)],
            offset in prop_oneof![Just(0.0), Just(1.0), Just(-30.0), Just(1e4)],
            us in proptest::collection::vec(-1.0f64..1.0, 2..1200),
            batch in 1usize..600,
        ) {
            let xs: Vec<f64> = us.iter().map(|u| (offset + u) * unit).collect();
            let magnitude = offset.abs().max(1.0) * unit;
            let mut m = Moments::for_magnitude(magnitude);
            xs.chunks(batch).for_each(|c| add_as_batch(&mut m, c));
            let (mean, sd) = two_pass(&xs);
            let quantum = f64::from(-m.scale).exp2();
            prop_assert!((m.mean() - mean).abs() <= 4.0 * quantum + 1e-12 * sd,
                "mean {} vs {mean}", m.mean());
            prop_assert!((m.sd() - sd).abs() <= 1e-9 * sd + 4.0 * quantum,
                "sd {} vs {sd}", m.sd());
        }

        #[test]
        fn merging_in_any_split_is_identical(
            xs in proptest::collection::vec(-1e6f64..1e6, 1..200),
            cut in 0usize..200,
        ) {
            let cut = cut.min(xs.len());
            let (mut a, mut b, mut whole) =
                (Moments::for_magnitude(1e6), Moments::for_magnitude(1e6), Moments::for_magnitude(1e6));
            for (k, &x) in xs.iter().enumerate() {
                whole.add(x);
                if k < cut { a.add(x) } else { b.add(x) }
            }
            b.merge(&a);
            prop_assert_eq!(b, whole);
        }
    }
}
