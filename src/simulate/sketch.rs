//! Mergeable, exact-count summaries of a stream of numbers, for memory independent of the
//! number of draws and results independent of how draws are split between threads or shards.
//!
//! [`Moments`] keeps the count, sum and sum of squares as integers of a fixed-point
//! quantisation (relative resolution ~2⁻⁴⁰ of the series' scale), so addition is associative
//! and merging is exact. [`Sketch`] is a DDSketch (Masson, Rim & Lee 2019, PVLDB 12):
//! logarithmic buckets with relative accuracy α = 0.5 %, integer counts; quantiles are
//! accurate to ±0.5 % of the value.

use serde::{Deserialize, Serialize};

/// Count, mean and variance from fixed-point integer sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moments {
    /// Values are stored as round(x · 2^scale).
    pub scale: i32,
    pub n: u64,
    pub sum: i128,
    pub sumsq: i128,
}

impl Moments {
    /// A summary for values of about `magnitude` (keeps ~40 bits below it).
    pub fn for_magnitude(magnitude: f64) -> Moments {
        let e = if magnitude > 0.0 && magnitude.is_finite() {
            magnitude.log2().ceil() as i32
        } else {
            0
        };
        Moments {
            scale: 40 - e,
            n: 0,
            sum: 0,
            sumsq: 0,
        }
    }

    pub fn add(&mut self, x: f64) {
        // Saturating conversion; |q| < 2^62 keeps q² and the sums far from overflow.
        let q = (x * (self.scale as f64).exp2())
            .round()
            .clamp(-(2f64.powi(62)), 2f64.powi(62)) as i64 as i128;
        self.n += 1;
        self.sum += q;
        self.sumsq += q * q;
    }

    pub fn merge(&mut self, o: &Moments) {
        debug_assert_eq!(self.scale, o.scale);
        self.n += o.n;
        self.sum += o.sum;
        self.sumsq += o.sumsq;
    }

    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            return f64::NAN;
        }
        (self.sum as f64 / self.n as f64) * (-self.scale as f64).exp2()
    }

    /// Sample standard deviation (n − 1).
    pub fn sd(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as f64;
        let m = self.sum as f64 / n;
        let var = ((self.sumsq as f64 - m * self.sum as f64) / (n - 1.0)).max(0.0);
        var.sqrt() * (-self.scale as f64).exp2()
    }
}

/// Relative accuracy of the quantile sketch.
pub const ALPHA: f64 = 0.005;
/// Values smaller than this in magnitude count as zero.
const TINY: f64 = 1e-12;

/// DDSketch with dense bucket arrays for positive and negative values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sketch {
    pub zeros: u64,
    pub pos: Buckets,
    pub neg: Buckets,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Buckets {
    /// Index of counts[0].
    pub offset: i32,
    pub counts: Vec<u64>,
}

fn gamma_ln() -> f64 {
    ((1.0 + ALPHA) / (1.0 - ALPHA)).ln()
}

impl Buckets {
    fn add_at(&mut self, i: i32, c: u64) {
        if self.counts.is_empty() {
            self.offset = i;
            self.counts.push(0);
        }
        if i < self.offset {
            let grow = (self.offset - i) as usize;
            self.counts.splice(0..0, std::iter::repeat_n(0, grow));
            self.offset = i;
        }
        let k = (i - self.offset) as usize;
        if k >= self.counts.len() {
            self.counts.resize(k + 1, 0);
        }
        self.counts[k] += c;
    }

    fn merge(&mut self, o: &Buckets) {
        for (k, &c) in o.counts.iter().enumerate() {
            if c > 0 {
                self.add_at(o.offset + k as i32, c);
            }
        }
    }

    fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

impl Sketch {
    pub fn add(&mut self, x: f64) {
        let a = x.abs();
        if a < TINY {
            self.zeros += 1;
            return;
        }
        let i = (a.ln() / gamma_ln()).ceil() as i32;
        if x > 0.0 {
            self.pos.add_at(i, 1)
        } else {
            self.neg.add_at(i, 1)
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
        let g = gamma_ln().exp();
        let value = |i: i32| 2.0 * g.powi(i) / (g + 1.0);
        let mut seen = 0;
        // Most negative first: negative buckets from the largest magnitude down.
        for (k, &c) in self.neg.counts.iter().enumerate().rev() {
            seen += c;
            if seen > target {
                return -value(self.neg.offset + k as i32);
            }
        }
        seen += self.zeros;
        if seen > target {
            return 0.0;
        }
        for (k, &c) in self.pos.counts.iter().enumerate() {
            seen += c;
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
    fn moments_match_direct_computation() {
        let xs = [1.5, 2.5, -3.0, 10.25, 0.0];
        let mut m = Moments::for_magnitude(10.0);
        xs.iter().for_each(|&x| m.add(x));
        let mean = xs.iter().sum::<f64>() / 5.0;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 4.0).sqrt();
        assert!((m.mean() - mean).abs() < 1e-9);
        assert!((m.sd() - sd).abs() < 1e-9);
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

    proptest! {
        #[test]
        fn merging_in_any_split_is_identical(xs in proptest::collection::vec(-1e6f64..1e6, 1..200), cut in 0usize..200) {
            let cut = cut.min(xs.len());
            let (mut a, mut b, mut whole) = (Sketch::default(), Sketch::default(), Sketch::default());
            let (mut ma, mut mb, mut mw) = (Moments::for_magnitude(1e6), Moments::for_magnitude(1e6), Moments::for_magnitude(1e6));
            for (k, &x) in xs.iter().enumerate() {
                whole.add(x);
                mw.add(x);
                if k < cut { a.add(x); ma.add(x) } else { b.add(x); mb.add(x) }
            }
            b.merge(&a);
            mb.merge(&ma);
            for q in [0.05, 0.5, 0.95] {
                prop_assert_eq!(b.quantile(q).to_bits(), whole.quantile(q).to_bits());
            }
            prop_assert_eq!(mb, mw);
        }
    }
}
