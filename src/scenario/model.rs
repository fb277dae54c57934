//! Validated scoring models: criteria, directions, weights, normalisation and method.

use std::fmt;

use super::Checker;
use super::raw::{RawCriterion, RawModel};
use crate::error::Result;
use crate::factors::Metric;
use crate::mcda::{Method, Normalization};

/// Whether less or more of a criterion is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Min,
    Max,
}

impl Direction {
    pub const ALLOWED: &'static str = "min, max";

    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "min" => Some(Direction::Min),
            "max" => Some(Direction::Max),
            _ => None,
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Direction::Min => "min",
            Direction::Max => "max",
        })
    }
}

/// Where a criterion's values come from.
#[derive(Debug, Clone, PartialEq)]
pub enum CriterionSource {
    /// A numeric column of the sites file, with an optional per-site sd column.
    Column {
        column: String,
        sd_column: Option<String>,
    },
    /// A built-in factor metric such as `energy.npv_usd`.
    Factor(Metric),
}

impl fmt::Display for CriterionSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CriterionSource::Column { column, .. } => write!(f, "column {column}"),
            CriterionSource::Factor(m) => write!(f, "factor {m}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: String,
    pub description: Option<String>,
    pub source: CriterionSource,
    pub direction: Direction,
    /// Point weight, normalised so that the model's weights sum to 1.
    pub weight: f64,
    /// Bounds on the normalised weight for `intervals` weight mode.
    pub weight_range: Option<(f64, f64)>,
}

impl Criterion {
    /// The unit of the criterion's raw values (empty for dimensionless or unknown).
    pub fn unit(&self) -> &'static str {
        match &self.source {
            CriterionSource::Factor(m) => m.unit(),
            CriterionSource::Column { .. } => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub name: String,
    pub description: Option<String>,
    pub method: Method,
    pub normalization: Normalization,
    pub criteria: Vec<Criterion>,
}

impl Model {
    pub fn criterion_index(&self, id: &str) -> Option<usize> {
        self.criteria.iter().position(|c| c.id == id)
    }

    pub fn criterion_ids(&self) -> Vec<&str> {
        self.criteria.iter().map(|c| c.id.as_str()).collect()
    }

    pub fn weights(&self) -> Vec<f64> {
        self.criteria.iter().map(|c| c.weight).collect()
    }
}

fn criterion(c: &mut Checker, i: usize, raw: &RawCriterion) -> Option<Criterion> {
    let key = |k: &str| format!("criteria[{i}].{k}");
    let source = match (&raw.factor, &raw.column) {
        (Some(f), None) => match Metric::parse(f) {
            Some(m) => {
                if raw.sd_column.is_some() {
                    c.problem(
                        key("sd_column"),
                        None,
                        "sd_column goes with column, not factor",
                    );
                }
                Some(CriterionSource::Factor(m))
            }
            None => {
                c.problem(
                    key("factor"),
                    Some(f),
                    format!("allowed: {}", Metric::allowed()),
                );
                None
            }
        },
        (None, Some(col)) if !col.is_empty() => Some(CriterionSource::Column {
            column: col.clone(),
            sd_column: raw.sd_column.clone(),
        }),
        (Some(_), Some(_)) => {
            c.problem(
                key("factor"),
                None,
                "give either factor or column, not both",
            );
            None
        }
        _ => {
            c.problem(
                key("column"),
                None,
                "each criterion needs factor = \"...\" or column = \"...\"",
            );
            None
        }
    };
    let direction = Direction::parse(&raw.direction);
    if direction.is_none() {
        c.problem(
            key("direction"),
            Some(&raw.direction),
            format!("allowed: {}", Direction::ALLOWED),
        );
    }
    if !(raw.weight.is_finite() && raw.weight >= 0.0) {
        c.problem(
            key("weight"),
            Some(&raw.weight),
            "must be a finite number ≥ 0",
        );
    }
    if let Some([lo, hi]) = raw.weight_range
        && !(0.0..=1.0).contains(&lo) | !(0.0..=1.0).contains(&hi) | (lo > hi)
    {
        c.problem(
            key("weight_range"),
            Some(&format!("[{lo}, {hi}]")),
            "must be [lo, hi] with 0 ≤ lo ≤ hi ≤ 1 (bounds on the normalised weight)",
        );
    }
    Some(Criterion {
        id: raw.id.clone(),
        description: raw.description.clone(),
        source: source?,
        direction: direction?,
        weight: raw.weight,
        weight_range: raw.weight_range.map(|[a, b]| (a, b)),
    })
}

impl Model {
    /// Validates a raw model, reporting every problem at once.
    pub fn from_raw(file: &str, raw: RawModel) -> Result<Model> {
        let mut c = Checker::new(file);
        let method = match &raw.method {
            None => Method::default(),
            Some(s) => Method::parse(s).unwrap_or_else(|| {
                c.problem("method", Some(s), format!("allowed: {}", Method::ALLOWED));
                Method::default()
            }),
        };
        let normalization = match &raw.normalization {
            None => Normalization::default(),
            Some(s) => Normalization::parse(s).unwrap_or_else(|| {
                c.problem(
                    "normalization",
                    Some(s),
                    format!("allowed: {}", Normalization::ALLOWED),
                );
                Normalization::default()
            }),
        };
        if raw.criteria.is_empty() {
            c.problem(
                "criteria",
                None,
                "a model needs at least one [[criteria]] entry",
            );
        }
        let mut criteria = Vec::new();
        for (i, rc) in raw.criteria.iter().enumerate() {
            if !crate::data::is_kebab_or_snake(&rc.id) {
                c.problem(
                    format!("criteria[{i}].id"),
                    Some(&rc.id),
                    "criterion ids are lowercase letters, digits, '-' or '_'",
                );
            }
            if raw.criteria[..i].iter().any(|o| o.id == rc.id) {
                c.problem(
                    format!("criteria[{i}].id"),
                    Some(&rc.id),
                    "duplicate criterion id",
                );
            }
            if let Some(cr) = criterion(&mut c, i, rc) {
                criteria.push(cr);
            }
        }
        let total: f64 = criteria.iter().map(|c| c.weight).sum();
        if !criteria.is_empty() && criteria.len() == raw.criteria.len() && total <= 0.0 {
            c.problem(
                "criteria[*].weight",
                None,
                "all weights are zero: at least one criterion needs a positive weight",
            );
        }
        if total > 0.0 {
            for cr in &mut criteria {
                cr.weight /= total;
            }
        }
        let ranges: Vec<(f64, f64)> = criteria.iter().filter_map(|c| c.weight_range).collect();
        if ranges.len() == criteria.len() && !ranges.is_empty() {
            let lo: f64 = ranges.iter().map(|r| r.0).sum();
            let hi: f64 = ranges.iter().map(|r| r.1).sum();
            if lo > 1.0 + 1e-12 || hi < 1.0 - 1e-12 {
                c.problem(
                    "criteria[*].weight_range",
                    Some(&format!(
                        "lower bounds sum {lo:.3}, upper bounds sum {hi:.3}"
                    )),
                    "no weight vector fits: the lower bounds must sum to ≤ 1 and the upper to ≥ 1",
                );
            }
        }
        c.finish(Model {
            name: raw.name,
            description: raw.description,
            method,
            normalization,
            criteria,
        })
    }
}
