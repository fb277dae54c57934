//! Portable SIMD math: the engine's per-draw loops that are worth vectorising: `exp` of the measurement noise
//! and the pairwise winning counts.
//!
//! [`vectorised`] runs a loop compiled for AVX2 where the CPU has it (checked at run time,
//! so the binary still runs on any x86-64 and elsewhere). Neither loop uses FMA, so every
//! path gives the same bits.
//!
//! **exp.** //! The lognormal noise takes 1,000 `exp` per draw in the benchmark scenario; the system
//! maths library's `exp` was a fifth of a run's time, one call at a time, and its bits are
//! the library's (glibc picks an FMA variant on CPUs that have FMA). This one is plain IEEE
//! arithmetic without FMA, so scalar, SSE2 and AVX2 code give identical results, and the loop
//! has no branch, so the compiler vectorises it.
//!
//! Method (Cody & Waite 1980, *Software Manual for the Elementary Functions*, ch. 6): with
//! k = round(x / ln 2) and r = x − k·ln 2 (ln 2 split in a high part whose products with k
//! are exact and a low part), |r| ≤ ln 2 / 2 and eˣ = 2ᵏ · eʳ. eʳ is its Taylor polynomial
//! of degree 13, whose truncation error is below r¹⁴/14! ≤ 1.2 × 10⁻¹⁸ relative; the result
//! is within 2 ulp of the correctly rounded value (tested against the platform `exp`).
//! Arguments are clamped to [−708, 709], the range where eˣ is a normal double.

/// ln 2 in two parts: `LN2_HI` (0.693147180369…) has its 32 low mantissa bits zero, so
/// k·`LN2_HI` is exact for |k| < 2²⁰, and `LN2_LO` ≈ 1.9082e-10 is the rest (fdlibm's
/// constants).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// 1.5 · 2⁵²: adding it to |y| < 2⁵¹ rounds y to an integer held in the low mantissa bits.
const ROUND: f64 = 6_755_399_441_055_744.0;

/// 1/n! for n = 13 down to 2, for Horner's rule.
const INV_FACT: [f64; 12] = [
    1.0 / 6_227_020_800.0,
    1.0 / 479_001_600.0,
    1.0 / 39_916_800.0,
    1.0 / 3_628_800.0,
    1.0 / 362_880.0,
    1.0 / 40_320.0,
    1.0 / 5_040.0,
    1.0 / 720.0,
    1.0 / 120.0,
    1.0 / 24.0,
    1.0 / 6.0,
    1.0 / 2.0,
];

/// eˣ, identical on every platform (see the module docs). NaN gives NaN.
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    let x = x.clamp(-708.0, 709.0);
    let shifted = x * std::f64::consts::LOG2_E + ROUND;
    let k = shifted - ROUND;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut p = INV_FACT[0];
    for c in &INV_FACT[1..] {
        p = p * r + c;
    }
    p = (p * r + 1.0) * r + 1.0;
    // The low bits of `shifted` hold k (two's complement); 2ᵏ from its exponent field.
    let ki = shifted.to_bits().wrapping_sub(ROUND.to_bits());
    let scale = f64::from_bits(ki.wrapping_add(1023) << 52);
    p * scale
}

/// Replaces every element of `xs` with its exponential, as [`exp`] does.
pub fn exp_in_place(xs: &mut [f64]) {
    vectorised(|| xs.iter_mut().for_each(|x| *x = exp(*x)));
}

/// Pairwise winning counts of one draw: `pairwise[i·m + j] += 1` where `rank[i] < rank[j]`
/// (m = `rank.len()`). A compare and add over whole rows instead of a scattered increment
/// per ordered pair.
pub fn count_pairs(pairwise: &mut [u64], rank: &[usize]) {
    let m = rank.len();
    vectorised(|| {
        for (row, &ri) in pairwise.chunks_exact_mut(m).zip(rank) {
            row.iter_mut()
                .zip(rank)
                .for_each(|(p, &rj)| *p += u64::from(ri < rj));
        }
    });
}

/// Runs `f`, inlined into a function compiled for AVX-512 or AVX2 when the CPU has them.
#[inline(always)]
pub fn vectorised<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU has AVX-512F, the only feature `avx512` enables.
            return unsafe { avx512(f) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, the only feature `avx2` enables.
            return unsafe { avx2(f) };
        }
    }
    f()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
#[inline]
fn avx512<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Distance in units in the last place between two finite positive doubles.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn exact_points_and_limits() {
        assert_eq!(exp(0.0), 1.0);
        assert!(ulps(exp(1.0), std::f64::consts::E) <= 1);
        assert!(ulps(exp(std::f64::consts::LN_2), 2.0) <= 1);
        assert_eq!(exp(-1e6), exp(-708.0));
        assert!(exp(-708.0) > 0.0 && exp(-708.0).is_normal());
        assert!(exp(1e6).is_finite());
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn within_two_ulp_of_the_platform_exp_on_a_dense_grid() {
        let mut worst = 0;
        let mut x = -700.0;
        while x < 700.0 {
            worst = worst.max(ulps(exp(x), x.exp()));
            x += 0.000_713_1;
        }
        assert!(worst <= 2, "worst {worst} ulp");
    }

    #[test]
    fn slices_and_scalars_agree_bit_for_bit() {
        let xs: Vec<f64> = (0..1001).map(|k| -40.0 + 0.0797 * k as f64).collect();
        let mut ys = xs.clone();
        exp_in_place(&mut ys);
        for (x, y) in xs.iter().zip(&ys) {
            assert_eq!(y.to_bits(), exp(*x).to_bits());
        }
    }

    #[test]
    fn pairs_count_who_ranks_above_whom() {
        // Ranks: site 0 second, site 1 third, site 2 first.
        let mut p = vec![0; 9];
        count_pairs(&mut p, &[1, 2, 0]);
        count_pairs(&mut p, &[1, 2, 0]);
        assert_eq!(p, [0, 2, 0, 0, 0, 0, 2, 2, 0]);
    }

    proptest! {
        #[test]
        fn close_to_the_platform_exp(x in -708.0f64..709.0) {
            prop_assert!(ulps(exp(x), x.exp()) <= 2);
        }

        #[test]
        fn increasing(x in -700.0f64..700.0, dx in 1e-9f64..10.0) {
            prop_assert!(exp(x + dx) >= exp(x));
        }
    }
}
