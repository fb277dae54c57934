//! The MCDA vocabulary of a model: the methods, normalisations and PROMETHEE preference
//! functions a model file names, with their allowed values (derived by strum) and VIKOR's
//! `v`. The math is in `mcda`, which implements these types' behaviour.

use std::fmt;

use super::Checker;

/// An aggregation method.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Method {
    /// Weighted sum of normalised values.
    #[default]
    Wsm,
    /// Weighted product of ratios.
    Wpm,
    /// Relative closeness to the ideal and anti-ideal points.
    Topsis,
    /// Compromise ranking by group utility S and individual regret R.
    Vikor,
    /// Net outranking flow from pairwise preference functions.
    Promethee2,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::Wsm,
        Method::Wpm,
        Method::Topsis,
        Method::Vikor,
        Method::Promethee2,
    ];

    pub fn parse(s: &str) -> Option<Method> {
        s.parse().ok()
    }

    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What the score means, for reports.
    pub fn score_meaning(self) -> &'static str {
        match self {
            Method::Wsm => "weighted sum of normalised values",
            Method::Wpm => "weighted product of ratios to the best value",
            Method::Topsis => "relative closeness to the ideal point",
            Method::Vikor => "1 − Q (VIKOR compromise index)",
            Method::Promethee2 => "PROMETHEE II net flow",
        }
    }
}

/// How a criterion's raw values are put on a common scale before aggregation.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Normalization {
    #[default]
    MinMax,
    Vector,
    Max,
    Sum,
    Target,
}

/// A PROMETHEE preference function (generalised criterion) with its thresholds.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    serde::Serialize,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[serde(tag = "preference", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Preference {
    /// Type I: any positive difference is a strict preference.
    #[default]
    Usual,
    /// Type II (quasi-criterion): indifference up to q.
    UShape { q: f64 },
    /// Type III: linear up to p.
    VShape { p: f64 },
    /// Type IV: indifference up to q, weak preference (½) up to p.
    Level { q: f64, p: f64 },
    /// Type V: indifference up to q, linear between q and p.
    Linear { q: f64, p: f64 },
    /// Type VI: 1 − exp(−d²/(2s²)).
    Gaussian { s: f64 },
}

impl Preference {
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Validates a criterion's `preference`, `q`, `p` and `s`, reporting every problem.
    /// Without `preference` the function is `usual`.
    pub(crate) fn check(
        c: &mut Checker,
        prefix: &str,
        name: Option<&str>,
        q: Option<f64>,
        p: Option<f64>,
        s: Option<f64>,
    ) -> Preference {
        let key = |k: &str| format!("{prefix}.{k}");
        let given = [("q", q), ("p", p), ("s", s)];
        let Some(name) = name else {
            for (k, v) in given {
                if let Some(v) = v {
                    c.problem(
                        key(k),
                        Some(&v),
                        format!(
                            "thresholds go with a PROMETHEE preference function: add preference = \"...\" (allowed: {})",
                            crate::error::allowed::<Preference>()
                        ),
                    );
                }
            }
            return Preference::Usual;
        };
        let uses: &[&str] = match name {
            "usual" => &[],
            "u-shape" => &["q"],
            "v-shape" => &["p"],
            "level" | "linear" => &["q", "p"],
            "gaussian" => &["s"],
            _ => {
                c.problem(
                    key("preference"),
                    Some(&format!("{name:?}")),
                    format!("allowed: {}", crate::error::allowed::<Preference>()),
                );
                return Preference::Usual;
            }
        };
        for (k, v) in given {
            match (uses.contains(&k), v) {
                (false, Some(v)) => c.problem(
                    key(k),
                    Some(&v),
                    format!(
                        "not used by the {name} preference function (it uses: {})",
                        if uses.is_empty() {
                            "nothing".to_owned()
                        } else {
                            uses.join(", ")
                        }
                    ),
                ),
                (true, None) => c.problem(
                    key(k),
                    None,
                    format!("the {name} preference function needs {k} ({})", describe(k)),
                ),
                _ => {}
            }
        }
        let limit = crate::scenario::VALUE_LIMIT;
        let q = q.map(|v| c.range(&key("q"), v, Some(0.0), Some(limit)));
        let p = p.map(|v| c.positive_max(&key("p"), v, limit));
        let s = s.map(|v| c.positive_max(&key("s"), v, limit));
        if let (Some(qv), Some(pv), true) = (q, p, uses.len() == 2)
            && pv <= qv
        {
            c.problem(
                key("p"),
                Some(&pv),
                format!(
                    "must be > q = {qv} (preference threshold above the indifference threshold)"
                ),
            );
        }
        let (q, p, s) = (q.unwrap_or(0.0), p.unwrap_or(1.0), s.unwrap_or(1.0));
        match name {
            "u-shape" => Preference::UShape { q },
            "v-shape" => Preference::VShape { p },
            "level" => Preference::Level { q, p },
            "linear" => Preference::Linear { q, p },
            "gaussian" => Preference::Gaussian { s },
            _ => Preference::Usual,
        }
    }
}

fn describe(k: &str) -> &'static str {
    match k {
        "q" => "indifference threshold, ≥ 0, in the criterion's unit",
        "p" => "preference threshold, > 0, in the criterion's unit",
        _ => "Gaussian inflection point, > 0, in the criterion's unit",
    }
}

impl fmt::Display for Preference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Preference::Usual => write!(f, "usual"),
            Preference::UShape { q } => write!(f, "u-shape (q = {q})"),
            Preference::VShape { p } => write!(f, "v-shape (p = {p})"),
            Preference::Level { q, p } => write!(f, "level (q = {q}, p = {p})"),
            Preference::Linear { q, p } => write!(f, "linear (q = {q}, p = {p})"),
            Preference::Gaussian { s } => write!(f, "gaussian (s = {s})"),
        }
    }
}

/// VIKOR's default `v`, the weight of the majority strategy.
pub const DEFAULT_V: f64 = 0.5;

/// Validates `vikor_v`: a number in [0, 1].
pub(crate) fn check_vikor_v(c: &mut Checker, v: Option<f64>) -> f64 {
    match v {
        None => DEFAULT_V,
        Some(v) => c.range("vikor_v", v, Some(0.0), Some(1.0)),
    }
}
