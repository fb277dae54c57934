//! Portable SIMD math: the engine's per-draw loops that are worth vectorising: the normals
//! and `exp` of the measurement noise, the weighted sums of scoring and of the confidence
//! test, and the pairwise winning counts.
//!
//! [`vectorised`] ([`simd`]) runs a loop compiled for AVX-512 or AVX2 where the CPU has them
//! (checked at run time, so the binary still runs on any x86-64 and elsewhere; `DCSITE_SIMD`
//! caps the choice); other modules wrap their own per-draw loops in it too (sketch buckets,
//! moments, min-max normalisation). No loop uses FMA, so every path gives the same bits.
//!
//! **exp.** The lognormal noise takes 1,000 `exp` per draw in the benchmark scenario; the system
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

mod simd;

pub use simd::{SIMD_VALUES, SIMD_VARIABLE, Simd, vectorised};
#[cfg(all(test, target_arch = "x86_64"))]
use simd::{avx2, avx512};

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
    vectorised(
        #[inline(always)]
        || xs.iter_mut().for_each(|x| *x = exp(*x)),
    );
}

/// 2⁵² as an f64 (0x4330…): or-ing a 52-bit integer into its mantissa
/// and subtracting 2⁵² converts the integer exactly, without an int-to-float instruction
/// that baseline AVX2 lacks for 64-bit lanes.
const TWO52_BITS: u64 = 0x4330_0000_0000_0000;
const TWO52: f64 = 4_503_599_627_370_496.0;
/// m > √2 is folded to m/2 so that ln m is taken on [√½, √2].
const SQRT2: f64 = std::f64::consts::SQRT_2;
/// 2/(2k+1) for k = 10 down to 1: ln m = 2 atanh s = 2s + Σ 2s^(2k+1)/(2k+1).
const ATANH: [f64; 10] = [
    2.0 / 21.0,
    2.0 / 19.0,
    2.0 / 17.0,
    2.0 / 15.0,
    2.0 / 13.0,
    2.0 / 11.0,
    2.0 / 9.0,
    2.0 / 7.0,
    2.0 / 5.0,
    2.0 / 3.0,
];
/// (−1)ᵏ/(2k+1)! for k = 9 down to 1 (sine) and (−1)ᵏ/(2k)! for k = 9 down to 1 (cosine).
const SIN: [f64; 9] = [
    -1.0 / 121_645_100_408_832_000.0,
    1.0 / 355_687_428_096_000.0,
    -1.0 / 1_307_674_368_000.0,
    1.0 / 6_227_020_800.0,
    -1.0 / 39_916_800.0,
    1.0 / 362_880.0,
    -1.0 / 5_040.0,
    1.0 / 120.0,
    -1.0 / 6.0,
];
const COS: [f64; 9] = [
    -1.0 / 6_402_373_705_728_000.0,
    1.0 / 20_922_789_888_000.0,
    -1.0 / 87_178_291_200.0,
    1.0 / 479_001_600.0,
    -1.0 / 3_628_800.0,
    1.0 / 40_320.0,
    -1.0 / 720.0,
    1.0 / 24.0,
    -1.0 / 2.0,
];

/// ln u for u in (0, 1] (normal doubles): u = 2ᵉ·m with m folded into [√½, √2],
/// s = (m − 1)/(m + 1), ln m = 2 atanh s by its series to s²¹ (|s| ≤ 0.172, truncation
/// below 10⁻¹⁸ relative), plus e·ln 2 in two parts. Within a few ulp; no library call.
#[inline(always)]
fn ln_unit(u: f64) -> f64 {
    let bits = u.to_bits();
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let big = m > SQRT2;
    let m = if big { 0.5 * m } else { m };
    let e =
        f64::from_bits(TWO52_BITS | (bits >> 52)) - TWO52 - 1023.0 + if big { 1.0 } else { 0.0 };
    let s = (m - 1.0) / (m + 1.0);
    let z = s * s;
    let mut p = ATANH[0];
    for c in &ATANH[1..] {
        p = p * z + c;
    }
    let ln_m = 2.0 * s + s * z * p;
    e * LN2_HI + (e * LN2_LO + ln_m)
}

/// A pair of standard normals from two uniform 64-bit words (Box & Muller 1958, "A note on
/// the generation of random normal deviates", Ann. Math. Statist. 29): with u ∈ (0, 1] from
/// the top 52 bits of `a` and an angle ψ uniform on the circle from `b`,
/// (r cos ψ, r sin ψ) with r = √(−2 ln u). The angle: the top two bits of `b` pick a
/// quadrant q, the next 52 an offset φ ∈ [−π/4, π/4), so ψ = qπ/2 + φ; sin φ and cos φ are
/// Taylor polynomials (degrees 19 and 18, truncation below 10⁻¹⁹), rotated by q quarter
/// turns. Plain IEEE arithmetic without FMA and without branches, as [`exp`]: every path
/// gives the same bits. |z| ≤ √(−2 ln 2⁻⁵²) = 8.49.
#[inline(always)]
pub fn normal_pair(a: u64, b: u64) -> (f64, f64) {
    let u = 2.0 - f64::from_bits(0x3ff0_0000_0000_0000 | (a >> 12));
    let r = (-2.0 * ln_unit(u)).sqrt();
    let t = f64::from_bits(0x3ff0_0000_0000_0000 | ((b << 2) >> 12)) - 1.5;
    let phi = t * std::f64::consts::FRAC_PI_2;
    let z = phi * phi;
    let (mut ps, mut pc) = (SIN[0], COS[0]);
    for (s, c) in SIN[1..].iter().zip(&COS[1..]) {
        ps = ps * z + s;
        pc = pc * z + c;
    }
    let sin = phi + phi * z * ps;
    let cos = 1.0 + z * pc;
    let q = b >> 62;
    let (x, y) = if q & 1 == 1 { (sin, cos) } else { (cos, sin) };
    let sx = ((q ^ (q >> 1)) & 1) << 63;
    let sy = (q >> 1) << 63;
    (
        f64::from_bits((r * x).to_bits() ^ sx),
        f64::from_bits((r * y).to_bits() ^ sy),
    )
}

/// Fills `out` with standard normals from `bits` (one word per normal; `out.len()` even,
/// `bits.len()` = `out.len()`), by [`normal_pair`] of word k of each half: the first half
/// of `out` takes the cosines, the second the sines. One branch-free loop, vectorised.
pub fn normals(bits: &[u64], out: &mut [f64]) {
    debug_assert!(out.len().is_multiple_of(2) && bits.len() == out.len());
    vectorised(
        #[inline(always)]
        || normals_kernel(bits, out),
    );
}

/// The loop of [`normals`], inlined into each of [`vectorised`]'s paths (a closure this
/// large would otherwise stay a baseline-x86-64 function).
#[inline(always)]
fn normals_kernel(bits: &[u64], out: &mut [f64]) {
    let h = out.len() / 2;
    let (a, b) = bits.split_at(h);
    let (lo, hi) = out.split_at_mut(h);
    for (((x, y), &a), &b) in lo.iter_mut().zip(hi.iter_mut()).zip(a).zip(b) {
        (*x, *y) = normal_pair(a, b);
    }
}

/// Pairwise winning counts of one draw: `pairwise[i·m + j] += 1` where `rank[i] < rank[j]`
/// (m = `rank.len()`). A compare and add over whole rows instead of a scattered increment
/// per ordered pair; `u16` counters (per batch) so that a vector holds 32 of them.
pub fn count_pairs(pairwise: &mut [u16], rank: &[u32]) {
    let m = rank.len();
    vectorised(
        #[inline(always)]
        || {
            for (row, &ri) in pairwise.chunks_exact_mut(m).zip(rank) {
                row.iter_mut()
                    .zip(rank)
                    .for_each(|(p, &rj)| *p += u16::from(ri < rj));
            }
        },
    );
}

/// Σ_l w_l·t\[l·m + j\]: the score of site j under one weight vector (`t` column-major,
/// m × `w.len()`), summed in criterion order from 0 with a multiply and an add per term (no
/// FMA), as `mcda::wsm::scores` does: the same bits on every path.
#[inline(always)]
pub fn weighted_sum(t: &[f64], m: usize, w: &[f64], j: usize) -> f64 {
    let mut s = 0.0;
    for (l, &wl) in w.iter().enumerate() {
        s += wl * t[l * m + j];
    }
    s
}

/// The [`weighted_sum`]s of the `B` sites from `j0` on, held in registers.
#[inline(always)]
fn block_sums<const B: usize>(t: &[f64], m: usize, w: &[f64], j0: usize) -> [f64; B] {
    let mut acc = [0.0; B];
    for (l, &wl) in w.iter().enumerate() {
        let col = &t[l * m + j0..l * m + j0 + B];
        for (a, &x) in acc.iter_mut().zip(col) {
            *a += wl * x;
        }
    }
    acc
}

/// Sites scored at a time by [`weighted_sums`] and [`first_beating`]: 32 sums held in
/// registers, enough independent chains of adds to keep the vector units busy (16 left them
/// waiting on the latency of each add).
pub const SCAN_BLOCK: usize = 32;

/// Every site's [`weighted_sum`] into `out` (m = `out.len()`), [`SCAN_BLOCK`] sites at a time.
pub fn weighted_sums(t: &[f64], w: &[f64], out: &mut [f64]) {
    const B: usize = SCAN_BLOCK;
    let m = out.len();
    debug_assert_eq!(t.len(), m * w.len());
    vectorised(
        #[inline(always)]
        || {
            let mut j0 = 0;
            while j0 + B <= m {
                out[j0..j0 + B].copy_from_slice(&block_sums::<B>(t, m, w, j0));
                j0 += B;
            }
            for (j, o) in out.iter_mut().enumerate().skip(j0) {
                *o = weighted_sum(t, m, w, j);
            }
        },
    );
}

/// `out[c]` = the [`weighted_sum`] of site `sites[c]` under weight vector c, for k =
/// `sites.len()` vectors given by criterion: `w[l·k + c]` is weight l of vector c. Each sum
/// has the bits of [`weighted_sum`] (criterion order from 0, no FMA); the vectors are taken
/// eight or more at a time, their sites' terms gathered.
pub fn site_sums(t: &[f64], m: usize, w: &[f64], sites: &[u32], out: &mut [f64]) {
    let k = sites.len();
    if k == 0 {
        return;
    }
    assert!(out.len() == k && w.len() * m == t.len() * k);
    assert!(sites.iter().all(|&j| (j as usize) < m));
    vectorised(
        #[inline(always)]
        || {
            out.fill(0.0);
            for (tl, wl) in t.chunks_exact(m).zip(w.chunks_exact(k)) {
                for ((o, &wc), &j) in out.iter_mut().zip(wl).zip(sites) {
                    // SAFETY: every site is below m, checked above.
                    *o += wc * unsafe { *tl.get_unchecked(j as usize) };
                }
            }
        },
    );
}

/// Whether some site beats a site whose score is `s` under one weight vector: a site j
/// (`eligible[j]` where given) beats it when its [`weighted_sum`] is strictly higher (a tie
/// shares the rank, as in `mcda::rank_keyed`; the site never beats itself, its sum has the
/// bits of `s`). Sites are scored [`SCAN_BLOCK`] at a time, their sums in registers, then
/// [`TAIL_BLOCK`] at a time, the last block ending at the last site (it may share sites with
/// the block before: a vector instead of scalar sums for the few left over). The scan stops at
/// the first block that holds such a site: it returns that block's best (the highest score,
/// the lowest index among equals), `None` when no site beats `i`.
pub fn first_beating(t: &[f64], w: &[f64], s: f64, eligible: Option<&[bool]>) -> Option<usize> {
    const B: usize = SCAN_BLOCK;
    let m = t.len() / w.len().max(1);
    let beats = |j: usize, v: f64| eligible.is_none_or(|e| e[j]) && v > s;
    let best = |scores: &mut dyn Iterator<Item = (usize, f64)>| {
        scores
            .filter(|&(j, v)| beats(j, v))
            .fold(None, |b: Option<(usize, f64)>, (j, v)| match b {
                Some((_, bv)) if bv >= v => b,
                _ => Some((j, v)),
            })
            .map(|(j, _)| j)
    };
    // The block of `K` sites from j0 on: its best when some site in it beats i.
    #[inline(always)]
    fn block<const K: usize>(
        t: &[f64],
        m: usize,
        w: &[f64],
        j0: usize,
        any_beats: impl Fn(usize, f64) -> bool,
        best: impl Fn(&mut dyn Iterator<Item = (usize, f64)>) -> Option<usize>,
    ) -> Option<usize> {
        let acc = block_sums::<K>(t, m, w, j0);
        // Branch-free over the block, which the compiler vectorises.
        let any = acc
            .iter()
            .zip(j0..)
            .fold(false, |b, (&v, j)| b | any_beats(j, v));
        if any {
            best(&mut acc.iter().zip(j0..).map(|(&v, j)| (j, v)))
        } else {
            None
        }
    }
    let any_beats = |j: usize, v: f64| eligible.is_none_or(|e| e[j]) & (v > s);
    vectorised(
        #[inline(always)]
        || {
            let mut j0 = 0;
            while j0 + B <= m {
                if let Some(j) = block::<B>(t, m, w, j0, any_beats, best) {
                    return Some(j);
                }
                j0 += B;
            }
            while j0 + TAIL_BLOCK <= m {
                if let Some(j) = block::<TAIL_BLOCK>(t, m, w, j0, any_beats, best) {
                    return Some(j);
                }
                j0 += TAIL_BLOCK;
            }
            if j0 == m {
                None
            } else if m >= TAIL_BLOCK {
                // The last sites in a block that ends at m: the sites it shares with the
                // blocks before do not beat i (the scan went on), so its best is theirs.
                block::<TAIL_BLOCK>(t, m, w, m - TAIL_BLOCK, any_beats, best)
            } else {
                best(&mut (j0..m).map(|j| (j, weighted_sum(t, m, w, j))))
            }
        },
    )
}

/// Sites per block of [`first_beating`] after its blocks of [`SCAN_BLOCK`]: one vector.
const TAIL_BLOCK: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Distance in units in the last place between two finite positive doubles.
    const PIN: (u64, u64) = (4_589_337_455_254_453_609, 13_812_978_053_045_745_382);

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
    fn weighted_sums_are_the_scalar_sums_in_criterion_order() {
        for m in [1, 31, 32, 33, 100] {
            let n = 7;
            let t: Vec<f64> = (0..m * n)
                .map(|k| ((k * 7919) % 1000) as f64 / 997.0)
                .collect();
            let w: Vec<f64> = (0..n).map(|l| (l as f64 + 0.3) / 17.0).collect();
            let mut out = vec![0.0; m];
            weighted_sums(&t, &w, &mut out);
            for (i, o) in out.iter().enumerate() {
                let mut s = 0.0;
                for l in 0..n {
                    s += w[l] * t[l * m + i];
                }
                assert_eq!(o.to_bits(), s.to_bits(), "m = {m}, site {i}");
            }
        }
    }

    #[test]
    fn site_sums_are_the_weighted_sums_of_each_vector() {
        let (m, n, k) = (37, 6, 19);
        let t: Vec<f64> = (0..m * n)
            .map(|x| ((x * 7919) % 1000) as f64 / 997.0)
            .collect();
        let w: Vec<f64> = (0..n * k).map(|x| ((x * 31) % 17) as f64 / 16.0).collect();
        let sites: Vec<u32> = (0..k as u32).map(|c| (c * 11) % m as u32).collect();
        let mut out = vec![0.0; k];
        site_sums(&t, m, &w, &sites, &mut out);
        for c in 0..k {
            let wc: Vec<f64> = (0..n).map(|l| w[l * k + c]).collect();
            let expect = weighted_sum(&t, m, &wc, sites[c] as usize);
            assert_eq!(out[c].to_bits(), expect.to_bits(), "vector {c}");
        }
    }

    #[test]
    fn first_beating_finds_a_site_that_outscores() {
        // Against a scan of every site's scalar sum: the answer is a site that beats i, the
        // best of its block, and None exactly when no site does; with and without a screen.
        for m in [1, 5, 8, 13, 31, 32, 33, 41, 70, 100] {
            let n = 7;
            // Values on a coarse grid, so that exact ties occur.
            let t: Vec<f64> = (0..m * n)
                .map(|k| ((k * 7919) % 13) as f64 / 12.0)
                .collect();
            let w: Vec<f64> = (0..n).map(|l| (l as f64 + 0.3) / 17.0).collect();
            let sum = |j: usize| (0..n).fold(0.0, |s, l| s + w[l] * t[l * m + j]);
            let screen: Vec<bool> = (0..m).map(|j| j % 3 != 1).collect();
            for eligible in [None, Some(&screen[..])] {
                let ok = |j: usize| eligible.is_none_or(|e| e[j]);
                for i in 0..m {
                    let s = sum(i);
                    assert_eq!(weighted_sum(&t, m, &w, i).to_bits(), s.to_bits());
                    let beaters: Vec<usize> = (0..m).filter(|&j| ok(j) && sum(j) > s).collect();
                    match first_beating(&t, &w, s, eligible) {
                        None => assert!(beaters.is_empty(), "m {m}, site {i}: {beaters:?}"),
                        Some(j) => {
                            assert!(beaters.contains(&j), "m {m}, site {i}: {j}");
                            // Its block: of SCAN_BLOCK sites, then of TAIL_BLOCK, then the
                            // last TAIL_BLOCK sites (or what is left when m is smaller).
                            let (b, t) = (SCAN_BLOCK, TAIL_BLOCK);
                            let (whole, tail) = (m / b * b, m / b * b + (m % b) / t * t);
                            let block = if j < whole {
                                j / b * b..j / b * b + b
                            } else if j < tail {
                                j / t * t..j / t * t + t
                            } else {
                                m.saturating_sub(t).max(if m < t { tail } else { 0 })..m
                            };
                            for k in block.filter(|k| beaters.contains(k)) {
                                assert!(sum(k) < sum(j) || (sum(k) == sum(j) && k >= j));
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn pairs_count_who_ranks_above_whom() {
        // Ranks: site 0 second, site 1 third, site 2 first.
        let mut p = vec![0u16; 9];
        count_pairs(&mut p, &[1, 2, 0]);
        count_pairs(&mut p, &[1, 2, 0]);
        assert_eq!(p, [0, 2, 0, 0, 0, 0, 2, 2, 0]);
    }

    /// `n` standard normals (n even) from a seeded Xoshiro256++.
    fn sample_normals(n: usize, seed: u64) -> Vec<f64> {
        use rand::{RngCore, SeedableRng};
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
        let bits: Vec<u64> = (0..n).map(|_| rng.next_u64()).collect();
        let mut z = vec![0.0; n];
        normals(&bits, &mut z);
        z
    }

    /// Φ(x) by Abramowitz & Stegun 26.2.17, |error| < 7.5e-8 (std has no erf).
    fn phi(x: f64) -> f64 {
        let t = 1.0 / (1.0 + 0.231_641_9 * x.abs());
        let poly = t
            * (0.319_381_530
                + t * (-0.356_563_782
                    + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
        let tail = (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly;
        if x >= 0.0 { 1.0 - tail } else { tail }
    }

    #[test]
    fn log_sine_and_cosine_are_accurate() {
        let mut u = 1.0f64;
        while u > 1e-300 {
            let (got, want) = (ln_unit(u), u.ln());
            assert!(
                (got - want).abs() <= 4.0 * f64::EPSILON * want.abs().max(1.0),
                "ln {u}"
            );
            u *= 0.937;
        }
        // The angle of (a, b) against the platform's sine and cosine.
        for k in 0..4096u64 {
            let b = k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let (x, y) = normal_pair(1 << 12, b); // u = 1 − 2⁻⁵²: any radius will do
            let t = f64::from_bits(0x3ff0_0000_0000_0000 | ((b << 2) >> 12)) - 1.5;
            let psi =
                (b >> 62) as f64 * std::f64::consts::FRAC_PI_2 + t * std::f64::consts::FRAC_PI_2;
            let r = (x * x + y * y).sqrt();
            assert!(
                (x / r - psi.cos()).abs() < 1e-14 && (y / r - psi.sin()).abs() < 1e-14,
                "{b:x}"
            );
        }
    }

    #[test]
    fn normals_slices_and_pairs_agree_bit_for_bit() {
        // The vectorised path (AVX-512 or AVX2 where the CPU has it) against the scalar pair.
        use rand::{RngCore, SeedableRng};
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(3);
        let mut bits: Vec<u64> = (0..2002).map(|_| rng.next_u64()).collect();
        bits[..8].copy_from_slice(&[
            0,
            u64::MAX,
            1 << 11,
            1 << 12,
            1 << 63,
            3 << 62,
            1 << 62,
            0xfff,
        ]);
        let mut z = vec![0.0; bits.len()];
        normals(&bits, &mut z);
        let h = bits.len() / 2;
        for k in 0..h {
            let (x, y) = normal_pair(bits[k], bits[h + k]);
            assert_eq!(
                (z[k].to_bits(), z[h + k].to_bits()),
                (x.to_bits(), y.to_bits())
            );
        }
        // Pinned values: the generator is part of the definition of a run's random streams.
        let (x, y) = normal_pair(0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210);
        assert_eq!((x.to_bits(), y.to_bits()), (PIN.0, PIN.1), "{x} {y}");
        assert!(z.iter().all(|v| v.is_finite() && v.abs() <= 8.5));
    }

    #[test]
    fn every_cpu_path_gives_the_same_bits() {
        // Normals and the noise's exp on the baseline path and on each SIMD path this CPU
        // has (a real comparison in an optimised build: `cargo test --release --lib`).
        use rand::{RngCore, SeedableRng};
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(5);
        let bits: Vec<u64> = (0..1000).map(|_| rng.next_u64()).collect();
        let run = || {
            let mut z = vec![0.0; bits.len()];
            normals_kernel(&bits, &mut z);
            z.iter_mut().for_each(|v| *v = exp(0.3 * *v + 1.0));
            z.iter().map(|v| v.to_bits()).collect::<Vec<u64>>()
        };
        let scalar = run();
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2.
                assert_eq!(unsafe { avx2(run) }, scalar, "AVX2");
            }
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: the CPU has AVX-512F.
                assert_eq!(unsafe { avx512(run) }, scalar, "AVX-512");
            }
        }
    }

    #[test]
    fn normals_have_normal_moments() {
        let n = 1_000_000;
        let z = sample_normals(n, 11);
        let nf = n as f64;
        let mean = z.iter().sum::<f64>() / nf;
        let m = |k: i32| z.iter().map(|v| (v - mean).powi(k)).sum::<f64>() / nf;
        let (var, skew, kurt) = (m(2), m(3), m(4));
        // Standard errors: 1/√n, √(2/n), √(6/n), √(24/n); 5 of them.
        assert!(mean.abs() < 5.0 / nf.sqrt(), "mean {mean}");
        assert!((var - 1.0).abs() < 5.0 * (2.0 / nf).sqrt(), "var {var}");
        assert!(skew.abs() < 5.0 * (6.0 / nf).sqrt(), "skew {skew}");
        assert!(
            (kurt - 3.0).abs() < 5.0 * (24.0 / nf).sqrt(),
            "kurtosis {kurt}"
        );
        // The cosine and sine halves are each normal and uncorrelated.
        let h = n / 2;
        let corr = (0..h).map(|k| z[k] * z[h + k]).sum::<f64>() / h as f64;
        assert!(corr.abs() < 5.0 / (h as f64).sqrt(), "corr {corr}");
    }

    #[test]
    fn normals_pass_kolmogorov_smirnov_and_have_normal_tails() {
        let n = 1_000_000;
        let mut z = sample_normals(n, 12);
        z.sort_by(f64::total_cmp);
        let nf = n as f64;
        let d = z
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = phi(x);
                (f - i as f64 / nf)
                    .abs()
                    .max(((i + 1) as f64 / nf - f).abs())
            })
            .fold(0.0, f64::max);
        // 1.63/√n: the 1 % critical value of the one-sample KS statistic.
        assert!(d < 1.63 / nf.sqrt(), "KS {d}");
        // Tails beyond 3, 4 and 4.5 sd: binomial counts within 5 sd of n·P.
        for (c, p) in [
            (3.0, 2.699_796e-3),
            (4.0, 6.334_248e-5),
            (4.5, 6.795_346e-6),
        ] {
            let k = z.iter().filter(|v| v.abs() > c).count() as f64;
            let (e, sd) = (nf * p, (nf * p * (1.0 - p)).sqrt());
            assert!((k - e).abs() < 5.0 * sd, "|z| > {c}: {k} vs {e}");
        }
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
