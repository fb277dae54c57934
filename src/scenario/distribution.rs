//! Distributions of uncertain inputs as a scenario writes them, validated (sampling them is
//! `crate::uncertainty`'s job).

use rand_distr::Beta;

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

/// The names of the distributions (`dist = "…"`): the allowed values in messages and the
/// schema come from this enum.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::Display, strum::VariantNames,
)]
#[strum(serialize_all = "lowercase")]
pub enum DistKind {
    Fixed,
    Uniform,
    Normal,
    Lognormal,
    Triangular,
    Pert,
    Beta,
    Choice,
}

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
        let Ok(kind) = d.parse::<DistKind>() else {
            return Err(format!(
                "unknown distribution {d:?}; allowed: {}",
                crate::error::allowed::<DistKind>()
            ));
        };
        match kind {
            DistKind::Fixed => {
                given(&["value"])?;
                Ok(Dist::Fixed(need(r.value, "value", d)?))
            }
            DistKind::Uniform => {
                given(&["min", "max"])?;
                let (min, max) = (need(r.min, "min", d)?, need(r.max, "max", d)?);
                ordered(min, max)?;
                Ok(Dist::Uniform { min, max })
            }
            DistKind::Normal => {
                given(&["mean", "sd"])?;
                let (mean, sd) = (need(r.mean, "mean", d)?, need(r.sd, "sd", d)?);
                if sd < 0.0 {
                    return Err(format!("sd = {sd} must be ≥ 0"));
                }
                Ok(Dist::Normal { mean, sd })
            }
            DistKind::Lognormal => {
                given(&["median", "sigma"])?;
                let (median, sigma) = (need(r.median, "median", d)?, need(r.sigma, "sigma", d)?);
                if median <= 0.0 || sigma < 0.0 {
                    return Err(format!(
                        "needs median > 0 and sigma ≥ 0, got {median}, {sigma}"
                    ));
                }
                Ok(Dist::Lognormal { median, sigma })
            }
            DistKind::Triangular | DistKind::Pert => {
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
            DistKind::Beta => {
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
            DistKind::Choice => {
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
}
