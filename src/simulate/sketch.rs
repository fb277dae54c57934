//! Mergeable, exact-count quantile summaries of a stream of numbers, for memory independent
//! of the number of draws and results independent of how draws are split between threads or
//! shards (the mean and sd are [`super::Moments`]'s).
//!
//! [`Sketch`] is a DDSketch (Masson, Rim & Lee 2019, PVLDB 12) with
//! integer counts and relative accuracy α = 0.5 %: quantiles are within ±0.5 % of the value.
//! It uses the paper's linearly interpolated mapping, which needs no logarithm: with
//! x = 2^e · m (1 ≤ m < 2), ℓ(x) = e + m − 1 and bucket ⌈K·ℓ(x)⌉. Since dℓ/dlog₂x = m·ln 2 ≥
//! ln 2, a bucket spans at most a factor 2^(1/(K ln 2)), which is ≤ γ = (1+α)/(1−α) when
//! K ≥ 1/ln γ.

use serde::{Deserialize, Serialize};

/// 2^k for |k| < 1000, built from the exponent bits.
fn pow2(k: i32) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// Relative accuracy of the quantile sketch.
pub const ALPHA: f64 = 0.005;
/// Buckets per unit of ℓ: ⌈1/ln γ⌉ with γ = (1+α)/(1−α).
const K: f64 = 101.0;
/// Values smaller than this in magnitude count as zero.
const TINY: f64 = 1e-12;
/// The most buckets of one sign a sketch keeps: magnitudes over 2^(1024/101), a factor of
/// about 1,100, at relative accuracy [`ALPHA`]; 4 KiB of counts.
pub const MAX_BUCKETS: usize = 1024;

/// DDSketch with dense bucket arrays for positive and negative values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sketch {
    pub zeros: u64,
    pub pos: Buckets,
    pub neg: Buckets,
}

/// Counts are `u32`: a run has at most [`super::MAX_DRAWS`] draws, so no bucket can
/// overflow, and half the width keeps the 1,000-odd sketches of a large run in cache.
///
/// At most [`MAX_BUCKETS`] buckets are kept: when the indices seen span more, the lowest
/// (smallest magnitudes) are collapsed into the lowest kept one, as DDSketch's collapsing
/// store does (Masson et al. 2019, §2.2). What is kept depends only on the highest index
/// seen, so the result is the same in any order of adds and merges: every value whose
/// bucket is below (highest − [`MAX_BUCKETS`] + 1) counts in that bucket. Quantiles that fall
/// there are reported as its value: an absolute error below 2^−(MAX_BUCKETS/K) ≈ 10⁻³ of the
/// largest magnitude, where a value near zero has no relative accuracy to keep.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Buckets {
    /// Index of counts[0].
    pub offset: i32,
    pub counts: Vec<u32>,
}

/// ℓ(x) = e + m − 1 for x = 2^e·m, 1 ≤ m < 2 (x > 0, normal). The exponent field is
/// turned into a float by or-ing it into the mantissa of 2⁵² (exact, and without a 64-bit
/// integer conversion, which vector code lacks before AVX-512DQ).
#[inline(always)]
fn ell(x: f64) -> f64 {
    const TWO52: f64 = 4_503_599_627_370_496.0;
    let bits = x.to_bits();
    let e = f64::from_bits(TWO52.to_bits() | ((bits >> 52) & 0x7ff)) - (TWO52 + 1023.0);
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    e + m - 1.0
}

/// The inverse of ℓ.
fn ell_inv(l: f64) -> f64 {
    let e = l.floor();
    pow2(e as i32) * (1.0 + (l - e))
}

/// The value reported for bucket i: equally close, relatively, to both bucket ends.
fn bucket_value(i: i32) -> f64 {
    let (lo, hi) = (ell_inv((i - 1) as f64 / K), ell_inv(i as f64 / K));
    2.0 * lo * hi / (lo + hi)
}

impl Buckets {
    /// Adds one to bucket i: an increment when it is in range, [`Buckets::add_at`] otherwise.
    #[inline(always)]
    fn add_one(&mut self, i: i32) {
        // Below the offset the difference wraps to a huge index, out of range as well.
        match self.counts.get_mut(i.wrapping_sub(self.offset) as usize) {
            Some(c) => *c += 1,
            None => self.add_at(i, 1),
        }
    }

    #[cold]
    #[inline(never)]
    fn add_at(&mut self, i: i32, c: u32) {
        if self.counts.is_empty() {
            self.offset = i;
            self.counts.push(0);
        }
        if i < self.offset {
            // Grow downwards up to the cap; below it, the lowest kept bucket takes the count.
            let grow =
                ((self.offset - i) as usize).min(MAX_BUCKETS.saturating_sub(self.counts.len()));
            self.counts.splice(0..0, std::iter::repeat_n(0, grow));
            self.offset -= grow as i32;
        }
        let k = (i.max(self.offset) - self.offset) as usize;
        if k >= self.counts.len() {
            self.counts.resize(k + 1, 0);
        }
        self.counts[k] += c;
        if self.counts.len() > MAX_BUCKETS {
            let excess = self.counts.len() - MAX_BUCKETS;
            let low: u32 = self.counts.drain(..excess).sum();
            self.counts[0] += low;
            self.offset += excess as i32;
        }
    }

    fn merge(&mut self, o: &Buckets) {
        for (k, &c) in o.counts.iter().enumerate() {
            if c > 0 {
                self.add_at(o.offset + k as i32, c);
            }
        }
    }

    fn total(&self) -> u64 {
        self.counts.iter().map(|&c| u64::from(c)).sum()
    }
}

/// The bucket of a magnitude a ≥ TINY: ⌈K·ℓ(a)⌉, without the library call or a branch.
/// Smaller magnitudes and NaN are taken as TINY.
#[inline(always)]
fn bucket(a: f64) -> i32 {
    let y = K * ell(a.max(TINY));
    // SAFETY: for TINY ≤ a ≤ ∞, ℓ(a) lies in [−40, 1024], so y = K·ℓ(a) is finite and far
    // inside i32: the conversion needs none of the checks of `as` (which cost as much as
    // the rest of the loop).
    let t: i32 = unsafe { y.to_int_unchecked() };
    t + i32::from((t as f64) < y)
}

/// Values per call of [`buckets`]: a vector of f64 on AVX-512.
pub(crate) const LANES: usize = 8;

/// The buckets of [`LANES`] values, and whether each value is positive (at least [`TINY`]):
/// for those, [`Sketch::add_positive_lane`] of the bucket is [`Sketch::add`] of the value. A
/// loop without branches that vectorises; the increments that follow are scalar.
#[inline(always)]
pub(crate) fn buckets(xs: &[f64; LANES]) -> ([i32; LANES], [bool; LANES]) {
    let mut idx = [0i32; LANES];
    let mut positive = [false; LANES];
    for ((i, p), &x) in idx.iter_mut().zip(&mut positive).zip(xs) {
        *i = bucket(x.abs());
        *p = x >= TINY;
    }
    (idx, positive)
}

impl Sketch {
    #[inline]
    pub fn add(&mut self, x: f64) {
        let a = x.abs();
        if a < TINY {
            self.zeros += 1;
            return;
        }
        let i = bucket(a);
        if x > 0.0 {
            self.pos.add_one(i)
        } else {
            self.neg.add_one(i)
        }
    }

    /// Adds positive values by their buckets `idx[k][lane]` (from [`buckets`]), the lowest
    /// of which is `lo` and the highest `hi`: when the buckets kept cover them all (after
    /// the first few draws, nearly always), an increment each, with the bucket array's
    /// place and length held in registers.
    #[inline(always)]
    pub(crate) fn add_positive_lane(
        &mut self,
        idx: &[[i32; LANES]],
        lane: usize,
        lo: i32,
        hi: i32,
    ) {
        let b = &mut self.pos;
        let offset = b.offset;
        if lo >= offset && i64::from(hi) - i64::from(offset) < b.counts.len() as i64 {
            let counts = &mut b.counts[..];
            idx.iter()
                .for_each(|row| counts[(row[lane] - offset) as usize] += 1);
        } else {
            idx.iter().for_each(|row| b.add_one(row[lane]));
        }
    }

    pub fn merge(&mut self, o: &Sketch) {
        self.zeros += o.zeros;
        self.pos.merge(&o.pos);
        self.neg.merge(&o.neg);
    }

    pub fn count(&self) -> u64 {
        self.zeros + self.pos.total() + self.neg.total()
    }

    /// The q-quantile (0 ≤ q ≤ 1), within ±α relative; NaN when empty.
    pub fn quantile(&self, q: f64) -> f64 {
        let n = self.count();
        if n == 0 {
            return f64::NAN;
        }
        let target = (q.clamp(0.0, 1.0) * (n - 1) as f64).floor() as u64;
        let value = bucket_value;
        let mut seen = 0;
        // Most negative first: negative buckets from the largest magnitude down.
        for (k, &c) in self.neg.counts.iter().enumerate().rev() {
            seen += u64::from(c);
            if seen > target {
                return -value(self.neg.offset + k as i32);
            }
        }
        seen += self.zeros;
        if seen > target {
            return 0.0;
        }
        for (k, &c) in self.pos.counts.iter().enumerate() {
            seen += u64::from(c);
            if seen > target {
                return value(self.pos.offset + k as i32);
            }
        }
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_bucket_is_narrower_than_gamma() {
        let gamma = (1.0 + ALPHA) / (1.0 - ALPHA);
        for i in -3000..3000 {
            let (lo, hi) = (ell_inv((i - 1) as f64 / K), ell_inv(i as f64 / K));
            assert!(hi / lo <= gamma, "bucket {i}: {lo}..{hi}");
            let v = bucket_value(i);
            assert!((v - lo) / lo <= ALPHA + 1e-12 && (hi - v) / hi <= ALPHA + 1e-12);
        }
        // ℓ inverts exactly.
        for x in [1e-9, 0.3, 1.0, 1.5, 7.25, 1e12] {
            assert!((ell_inv(ell(x)) - x).abs() <= 1e-12 * x);
        }
    }

    #[test]
    fn quantiles_within_relative_accuracy() {
        let mut s = Sketch::default();
        for i in 1..=1000 {
            s.add(i as f64);
            s.add(-(i as f64));
        }
        // Sorted: -1000..-1, 1..1000; the 0.75 quantile is near 500.
        let q = s.quantile(0.75);
        assert!((q - 500.0).abs() <= 500.0 * 0.011, "{q}");
        assert!((s.quantile(0.0) + 1000.0).abs() <= 1000.0 * ALPHA * 1.01);
        assert!((s.quantile(1.0) - 1000.0).abs() <= 1000.0 * ALPHA * 1.01);
    }

    #[test]
    fn a_sketch_keeps_at_most_max_buckets_of_each_sign() {
        // Values from 1e-12 up to 1 span 40 binades, ~4,000 buckets uncapped.
        let mut s = Sketch::default();
        let xs: Vec<f64> = (0..4000).map(|k| (-(k as f64) / 100.0).exp2()).collect();
        xs.iter().for_each(|&x| {
            s.add(x);
            s.add(-x);
        });
        assert_eq!(s.pos.counts.len(), MAX_BUCKETS);
        assert_eq!(s.neg.counts.len(), MAX_BUCKETS);
        assert_eq!(s.count(), 8000, "no value is lost");
        // The top of the range keeps its accuracy.
        assert!((s.quantile(1.0) - 1.0).abs() <= ALPHA * 1.01);
        assert!((s.quantile(0.0) + 1.0).abs() <= ALPHA * 1.01);
    }

    proptest! {
        #[test]
        fn collapsing_is_the_same_in_any_order(
            xs in proptest::collection::vec(prop_oneof![1e-12f64..1e-6, 1e-3f64..1e3, -1e3f64..-1e-9], 1..300),
            cut in 0usize..300,
        ) {
            // Whatever the order of adds and the split into merged parts.
            let cut = cut.min(xs.len());
            let (mut fwd, mut rev, mut a, mut b) =
                (Sketch::default(), Sketch::default(), Sketch::default(), Sketch::default());
            xs.iter().for_each(|&x| fwd.add(x));
            xs.iter().rev().for_each(|&x| rev.add(x));
            xs[..cut].iter().for_each(|&x| a.add(x));
            xs[cut..].iter().for_each(|&x| b.add(x));
            a.merge(&b);
            prop_assert!(fwd.pos.counts.len() <= MAX_BUCKETS);
            prop_assert_eq!(&fwd, &rev);
            prop_assert_eq!(&fwd, &a);
        }

        #[test]
        fn adding_by_bucket_equals_adding_each_value(
            xs in proptest::collection::vec(prop_oneof![-1e6f64..1e6, 0.0f64..1e-9, 1e-3f64..1e3], 0..=128),
            cut in 0usize..16,
        ) {
            // As the accumulator does: rows of LANES series, bucketed a row at a time, then
            // each series by bucket where its values are positive and by value where not; in
            // two flushes, so that the second finds buckets already kept.
            let rows: Vec<[f64; LANES]> = xs
                .chunks(LANES)
                .map(|c| std::array::from_fn(|k| c.get(k).copied().unwrap_or(1.0)))
                .collect();
            let mut one: [Sketch; LANES] = Default::default();
            let mut lanes: [Sketch; LANES] = Default::default();
            for row in &rows {
                one.iter_mut().zip(row).for_each(|(s, &x)| s.add(x));
            }
            let cut = cut.min(rows.len());
            for flush in [&rows[..cut], &rows[cut..]] {
                let idx: Vec<[i32; LANES]> = flush.iter().map(|r| buckets(r).0).collect();
                for (c, sketch) in lanes.iter_mut().enumerate() {
                    if flush.iter().all(|r| buckets(r).1[c]) {
                        let lo = idx.iter().map(|b| b[c]).min().unwrap_or(i32::MAX);
                        let hi = idx.iter().map(|b| b[c]).max().unwrap_or(i32::MIN);
                        sketch.add_positive_lane(&idx, c, lo, hi);
                    } else {
                        flush.iter().for_each(|r| sketch.add(r[c]));
                    }
                }
            }
            prop_assert_eq!(one, lanes);
        }

        #[test]
        fn merging_in_any_split_is_identical(xs in proptest::collection::vec(-1e6f64..1e6, 1..200), cut in 0usize..200) {
            let cut = cut.min(xs.len());
            let (mut a, mut b, mut whole) = (Sketch::default(), Sketch::default(), Sketch::default());
            for (k, &x) in xs.iter().enumerate() {
                whole.add(x);
                if k < cut { a.add(x) } else { b.add(x) }
            }
            b.merge(&a);
            for q in [0.05, 0.5, 0.95] {
                prop_assert_eq!(b.quantile(q).to_bits(), whole.quantile(q).to_bits());
            }
        }
    }
}
