//! Probability distributions for uncertain scenario inputs.

use rand::Rng;
use rand_distr::{Beta, Distribution, StandardNormal};

use crate::scenario::raw::RawDist;

/// A distribution of one real input, as written in a scenario:
/// `{ dist = "triangular", min = 20, mode = 60, max = 150 }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Dist {
    Fixed(f64),
    Uniform {
        min: f64,
        max: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    /// exp(N(ln median, sigma²)).
    Lognormal {
        median: f64,
        sigma: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    /// Beta-PERT on [min, max] with the given mode (shape 4).
    Pert {
        min: f64,
        max: f64,
        beta: Beta<f64>,
        mode: f64,
    },
    /// Beta(alpha, beta) scaled to [min, max].
    Beta {
        min: f64,
        max: f64,
        beta: Beta<f64>,
        alpha: f64,
        b: f64,
    },
    /// One of `values` with probabilities proportional to `weights`.
    Choice {
        values: Vec<f64>,
        cumulative: Vec<f64>,
    },
}

pub const ALLOWED: &str = "fixed, uniform, normal, lognormal, triangular, pert, beta, choice";

fn need(v: Option<f64>, name: &str, dist: &str) -> Result<f64, String> {
    match v {
        Some(x) if x.is_finite() => Ok(x),
        Some(x) => Err(format!("{name} = {x} must be finite")),
        None => Err(format!("dist = \"{dist}\" needs {name}")),
    }
}

impl Dist {
    /// Validates the parameters; the error says what is allowed.
    pub fn from_raw(r: &RawDist) -> Result<Dist, String> {
        let d = r.dist.as_str();
        let given = |names: &[&str]| -> Result<(), String> {
            let all = [
                ("value", r.value.is_some()),
                ("min", r.min.is_some()),
                ("max", r.max.is_some()),
                ("mode", r.mode.is_some()),
                ("mean", r.mean.is_some()),
                ("sd", r.sd.is_some()),
                ("median", r.median.is_some()),
                ("sigma", r.sigma.is_some()),
                ("alpha", r.alpha.is_some()),
                ("beta", r.beta.is_some()),
                ("values", r.values.is_some()),
                ("weights", r.weights.is_some()),
            ];
            match all.iter().find(|(n, set)| *set && !names.contains(n)) {
                Some((n, _)) => Err(format!(
                    "{n} does not go with dist = \"{d}\" (its parameters: {})",
                    names.join(", ")
                )),
                None => Ok(()),
            }
        };
        let ordered = |min: f64, max: f64| {
            if min < max {
                Ok(())
            } else {
                Err(format!("needs min < max, got min = {min}, max = {max}"))
            }
        };
        match d {
            "fixed" => {
                given(&["value"])?;
                Ok(Dist::Fixed(need(r.value, "value", d)?))
            }
            "uniform" => {
                given(&["min", "max"])?;
                let (min, max) = (need(r.min, "min", d)?, need(r.max, "max", d)?);
                ordered(min, max)?;
                Ok(Dist::Uniform { min, max })
            }
            "normal" => {
                given(&["mean", "sd"])?;
                let (mean, sd) = (need(r.mean, "mean", d)?, need(r.sd, "sd", d)?);
                if sd < 0.0 {
                    return Err(format!("sd = {sd} must be ≥ 0"));
                }
                Ok(Dist::Normal { mean, sd })
            }
            "lognormal" => {
                given(&["median", "sigma"])?;
                let (median, sigma) = (need(r.median, "median", d)?, need(r.sigma, "sigma", d)?);
                if median <= 0.0 || sigma < 0.0 {
                    return Err(format!(
                        "needs median > 0 and sigma ≥ 0, got {median}, {sigma}"
                    ));
                }
                Ok(Dist::Lognormal { median, sigma })
            }
            "triangular" | "pert" => {
                given(&["min", "mode", "max"])?;
                let (min, mode, max) = (
                    need(r.min, "min", d)?,
                    need(r.mode, "mode", d)?,
                    need(r.max, "max", d)?,
                );
                ordered(min, max)?;
                if !(min..=max).contains(&mode) {
                    return Err(format!("needs min ≤ mode ≤ max, got {min}, {mode}, {max}"));
                }
                if d == "triangular" {
                    return Ok(Dist::Triangular { min, mode, max });
                }
                let a = 1.0 + 4.0 * (mode - min) / (max - min);
                let b = 1.0 + 4.0 * (max - mode) / (max - min);
                let beta = Beta::new(a, b).map_err(|e| e.to_string())?;
                Ok(Dist::Pert {
                    min,
                    max,
                    beta,
                    mode,
                })
            }
            "beta" => {
                given(&["alpha", "beta", "min", "max"])?;
                let (alpha, b) = (need(r.alpha, "alpha", d)?, need(r.beta, "beta", d)?);
                let (min, max) = (r.min.unwrap_or(0.0), r.max.unwrap_or(1.0));
                ordered(min, max)?;
                if !(alpha > 0.0 && b > 0.0 && alpha <= 1e6 && b <= 1e6) {
                    return Err(format!(
                        "needs 0 < alpha ≤ 1e6 and 0 < beta ≤ 1e6, got {alpha}, {b}"
                    ));
                }
                let beta = Beta::new(alpha, b).map_err(|e| e.to_string())?;
                Ok(Dist::Beta {
                    min,
                    max,
                    beta,
                    alpha,
                    b,
                })
            }
            "choice" => {
                given(&["values", "weights"])?;
                let values = r.values.clone().unwrap_or_default();
                let weights = r.weights.clone().unwrap_or_else(|| vec![1.0; values.len()]);
                if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
                    return Err("needs a non-empty list of finite values".into());
                }
                if weights.len() != values.len() {
                    return Err(format!(
                        "needs as many weights ({}) as values ({})",
                        weights.len(),
                        values.len()
                    ));
                }
                if weights.iter().any(|w| !(w.is_finite() && *w >= 0.0)) {
                    return Err("weights must be finite and ≥ 0".into());
                }
                let total: f64 = weights.iter().sum();
                if total <= 0.0 {
                    return Err("weights must not all be 0".into());
                }
                let mut acc = 0.0;
                let cumulative = weights
                    .iter()
                    .map(|w| {
                        acc += w / total;
                        acc
                    })
                    .collect();
                Ok(Dist::Choice { values, cumulative })
            }
            other => Err(format!(
                "unknown distribution {other:?}; allowed: {ALLOWED}"
            )),
        }
    }

    /// The first parameter that lets the quantity leave [lo, hi], with its value and what is
    /// allowed: every bound, mode, value and choice must lie in [lo, hi]; a normal's mean
    /// must, and its sd be at most hi − lo; a lognormal's median must, and its sigma be at most
    /// `sigma_max`. Draws of a normal or lognormal beyond [lo, hi] are left to the model's
    /// clamps; the limits keep them finite.
    pub fn outside(&self, lo: f64, hi: f64, sigma_max: f64) -> Option<(&'static str, f64, String)> {
        let within = format!("must be between {lo} and {hi}");
        let check = |params: &[(&'static str, f64)]| {
            params
                .iter()
                .find(|(_, v)| !(lo..=hi).contains(v))
                .map(|&(n, v)| (n, v, within.clone()))
        };
        match self {
            Dist::Fixed(v) => check(&[("value", *v)]),
            Dist::Uniform { min, max } | Dist::Beta { min, max, .. } => {
                check(&[("min", *min), ("max", *max)])
            }
            Dist::Triangular { min, mode, max } | Dist::Pert { min, max, mode, .. } => {
                check(&[("min", *min), ("mode", *mode), ("max", *max)])
            }
            Dist::Normal { mean, sd } => check(&[("mean", *mean)])
                .or_else(|| (*sd > hi - lo).then(|| ("sd", *sd, format!("must be ≤ {}", hi - lo)))),
            Dist::Lognormal { median, sigma } => check(&[("median", *median)]).or_else(|| {
                (*sigma > sigma_max).then(|| ("sigma", *sigma, format!("must be ≤ {sigma_max}")))
            }),
            Dist::Choice { values, .. } => values
                .iter()
                .find(|v| !(lo..=hi).contains(*v))
                .map(|&v| ("values", v, within.clone())),
        }
    }

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
