//! Probability distributions for uncertain scenario inputs.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::scenario::Dist;

impl Dist {
    /// The distribution's central value, used for the base case (draws = 0).
    pub fn central(&self) -> f64 {
        match self {
            Dist::Fixed(v) => *v,
            Dist::Uniform { min, max } => 0.5 * (min + max),
            Dist::Normal { mean, .. } => *mean,
            Dist::Lognormal { median, .. } => *median,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Pert { min, max, mode, .. } => (min + 4.0 * mode + max) / 6.0,
            Dist::Beta {
                min, max, alpha, b, ..
            } => min + (max - min) * alpha / (alpha + b),
            Dist::Choice { values, cumulative } => {
                let mut prev = 0.0;
                values
                    .iter()
                    .zip(cumulative)
                    .map(|(v, c)| {
                        let p = c - prev;
                        prev = *c;
                        v * p
                    })
                    .sum()
            }
        }
    }
}

impl Dist {
    /// An interval that holds (nearly) every draw: the bounds of a bounded distribution, or
    /// six sd either side of a normal's mean (a lognormal's median times e^(±6σ)).
    pub fn range(&self) -> (f64, f64) {
        match self {
            Dist::Fixed(v) => (*v, *v),
            Dist::Uniform { min, max }
            | Dist::Triangular { min, max, .. }
            | Dist::Pert { min, max, .. }
            | Dist::Beta { min, max, .. } => (*min, *max),
            Dist::Normal { mean, sd } => (mean - 6.0 * sd, mean + 6.0 * sd),
            Dist::Lognormal { median, sigma } => {
                let (a, b) = (median * (-6.0 * sigma).exp(), median * (6.0 * sigma).exp());
                (a.min(b), a.max(b))
            }
            Dist::Choice { values, .. } => values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                }),
        }
    }
}

impl Distribution<f64> for Dist {
    fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Dist::Fixed(v) => *v,
            Dist::Uniform { min, max } => min + (max - min) * rng.random::<f64>(),
            Dist::Normal { mean, sd } => mean + sd * rng.sample::<f64, _>(StandardNormal),
            Dist::Lognormal { median, sigma } => {
                median * (sigma * rng.sample::<f64, _>(StandardNormal)).exp()
            }
            Dist::Triangular { min, mode, max } => {
                // Inverse CDF.
                let u: f64 = rng.random();
                let f = (mode - min) / (max - min);
                if u < f {
                    min + ((max - min) * (mode - min) * u).sqrt()
                } else {
                    max - ((max - min) * (max - mode) * (1.0 - u)).sqrt()
                }
            }
            Dist::Pert { min, max, beta, .. } | Dist::Beta { min, max, beta, .. } => {
                min + (max - min) * beta.sample(rng)
            }
            Dist::Choice { values, cumulative } => {
                let u: f64 = rng.random();
                let i = cumulative
                    .partition_point(|&c| c <= u)
                    .min(values.len() - 1);
                values[i]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::raw::RawDist;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    fn raw(dist: &str) -> RawDist {
        RawDist {
            dist: dist.into(),
            value: None,
            min: None,
            max: None,
            mode: None,
            mean: None,
            sd: None,
            median: None,
            sigma: None,
            alpha: None,
            beta: None,
            values: None,
            weights: None,
        }
    }

    fn mean_sd(d: &Dist, n: usize) -> (f64, f64) {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64;
        (m, v.sqrt())
    }

    #[test]
    fn invalid_parameters_are_rejected() {
        let mut r = raw("normal");
        r.mean = Some(1.0);
        r.sd = Some(-1.0);
        assert!(
            Dist::from_raw(&r)
                .unwrap_err()
                .contains("sd = -1 must be ≥ 0")
        );
        let mut r = raw("uniform");
        r.min = Some(2.0);
        r.max = Some(1.0);
        assert!(Dist::from_raw(&r).unwrap_err().contains("min < max"));
        let mut r = raw("uniform");
        r.min = Some(0.0);
        r.max = Some(1.0);
        r.sd = Some(1.0);
        assert!(
            Dist::from_raw(&r)
                .unwrap_err()
                .contains("sd does not go with")
        );
        assert!(
            Dist::from_raw(&raw("gamma"))
                .unwrap_err()
                .contains("allowed: fixed")
        );
    }

    #[test]
    fn sample_moments_match_theory() {
        // Triangular(0, 1, 4): mean 5/3, variance (0+1+16-0-0-4)/18 = 13/18.
        let mut r = raw("triangular");
        (r.min, r.mode, r.max) = (Some(0.0), Some(1.0), Some(4.0));
        let d = Dist::from_raw(&r).unwrap();
        let (m, s) = mean_sd(&d, 200_000);
        assert!((m - 5.0 / 3.0).abs() < 0.01, "{m}");
        assert!((s - (13.0f64 / 18.0).sqrt()).abs() < 0.01, "{s}");
        // PERT(0, 1, 4): mean (0 + 4 + 4)/6 = 4/3.
        r.dist = "pert".into();
        let d = Dist::from_raw(&r).unwrap();
        assert!((mean_sd(&d, 200_000).0 - 4.0 / 3.0).abs() < 0.01);
        assert!((d.central() - 4.0 / 3.0).abs() < 1e-12);
        // Lognormal(median 2, sigma 0.5): mean 2·exp(0.125).
        let mut r = raw("lognormal");
        (r.median, r.sigma) = (Some(2.0), Some(0.5));
        let d = Dist::from_raw(&r).unwrap();
        assert!((mean_sd(&d, 400_000).0 - 2.0 * 0.125f64.exp()).abs() < 0.01);
        // Choice: values 1, 10 with weights 3:1 → mean 3.25.
        let mut r = raw("choice");
        (r.values, r.weights) = (Some(vec![1.0, 10.0]), Some(vec![3.0, 1.0]));
        let d = Dist::from_raw(&r).unwrap();
        assert!((mean_sd(&d, 200_000).0 - 3.25).abs() < 0.03);
        assert!((d.central() - 3.25).abs() < 1e-12);
    }
}
