//! What a scenario says about the weights (`[weights]`): exact, intervals, ordinal, unknown or
//! AHP, validated (sampling them is `crate::uncertainty`'s job).

use crate::ahp::{self, Priorities};
use crate::scenario::raw::RawWeights;
use crate::scenario::{Checker, Model};

/// What is known about the weights.
#[derive(Debug, Clone, PartialEq, strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum WeightMode {
    Exact(Vec<f64>),
    Intervals {
        lo: Vec<f64>,
        hi: Vec<f64>,
    },
    /// Criterion indices from most to least important.
    Ordinal(Vec<usize>),
    Unknown,
    Ahp(Box<Ahp>),
}

/// AHP weight information.
#[derive(Debug, Clone, PartialEq)]
pub struct Ahp {
    /// The full reciprocal comparison matrix, criteria in model order.
    pub matrix: nalgebra::DMatrix<f64>,
    pub priorities: Priorities,
    /// Judgement uncertainty, ± steps on Saaty's scale (0: fixed weights).
    pub spread: f64,
    /// `ahp_max_cr`, if given.
    pub max_cr: Option<f64>,
}

impl WeightMode {
    pub fn name(&self) -> &'static str {
        self.into()
    }

    /// The AHP information, in `ahp` mode.
    pub fn ahp(&self) -> Option<&Ahp> {
        match self {
            WeightMode::Ahp(a) => Some(a),
            _ => None,
        }
    }

    pub(crate) fn from_raw(c: &mut Checker, raw: &RawWeights, model: &Model) -> WeightMode {
        let n = model.criteria.len();
        let mode = raw.mode.as_deref().unwrap_or("exact");
        // A mode that is not an allowed value (reported below) says nothing of which keys go
        // with the mode meant.
        let known = <Self as strum::VariantNames>::VARIANTS.contains(&mode);
        if known && mode != "ordinal" && !raw.ranking.is_empty() {
            c.problem(
                "weights.ranking",
                None,
                "ranking goes with mode = \"ordinal\"",
            );
        }
        if known && mode != "ahp" {
            let given = [
                ("pairwise", !raw.pairwise.is_empty()),
                ("ahp_max_cr", raw.ahp_max_cr.is_some()),
                ("ahp_spread", raw.ahp_spread.is_some()),
            ];
            for (key, _) in given.iter().filter(|(_, g)| *g) {
                c.problem(format!("weights.{key}"), None, "goes with mode = \"ahp\"");
            }
        }
        match mode {
            "exact" => WeightMode::Exact(model.weights()),
            "ahp" => ahp_from_raw(c, raw, model),
            "unknown" => WeightMode::Unknown,
            "intervals" => {
                let lo: Vec<f64> = model
                    .criteria
                    .iter()
                    .map(|c| c.weight_range.map_or(0.0, |r| r.0))
                    .collect();
                let hi: Vec<f64> = model
                    .criteria
                    .iter()
                    .map(|c| c.weight_range.map_or(1.0, |r| r.1))
                    .collect();
                if model.criteria.iter().all(|c| c.weight_range.is_none()) {
                    c.problem(
                        "weights.mode",
                        Some(&"intervals"),
                        format!(
                            "model {} gives no weight_range for any criterion",
                            model.name
                        ),
                    );
                }
                let (slo, shi): (f64, f64) = (lo.iter().sum(), hi.iter().sum());
                if slo > 1.0 + 1e-12 || shi < 1.0 - 1e-12 {
                    c.problem(
                        "weights.mode",
                        Some(&"intervals"),
                        format!("no weight vector fits the ranges (lower bounds sum {slo:.3}, upper {shi:.3})"),
                    );
                }
                WeightMode::Intervals { lo, hi }
            }
            "ordinal" => {
                let mut order = Vec::new();
                for (i, id) in raw.ranking.iter().enumerate() {
                    match model.criterion_index(id) {
                        Some(j) if order.contains(&j) => c.problem(
                            format!("weights.ranking[{i}]"),
                            Some(id),
                            "criterion listed twice",
                        ),
                        Some(j) => order.push(j),
                        None => c.problem(
                            format!("weights.ranking[{i}]"),
                            Some(id),
                            format!(
                                "not a criterion; criteria: {}",
                                model.criterion_ids().join(", ")
                            ),
                        ),
                    }
                }
                if order.len() != n && raw.ranking.len() == order.len() {
                    let missing: Vec<&str> = (0..n)
                        .filter(|j| !order.contains(j))
                        .map(|j| model.criteria[j].id.as_str())
                        .collect();
                    c.problem(
                        "weights.ranking",
                        None,
                        format!("must rank every criterion; missing: {}", missing.join(", ")),
                    );
                }
                WeightMode::Ordinal(order)
            }
            other => {
                c.problem(
                    "weights.mode",
                    Some(&other),
                    format!("allowed: {}", crate::error::allowed::<Self>()),
                );
                WeightMode::Unknown
            }
        }
    }
}

/// Checks the upper triangle and computes the AHP weights; a consistency ratio above
/// `ahp_max_cr` is a problem.
fn ahp_from_raw(c: &mut Checker, raw: &RawWeights, model: &Model) -> WeightMode {
    let n = model.criteria.len();
    let ids = model.criterion_ids().join(", ");
    let mut ok = true;
    if n > ahp::MAX_CRITERIA {
        c.problem(
            "weights.mode",
            Some(&"ahp"),
            format!(
                "AHP compares at most {} criteria (Saaty's random index table); model {} has {n}",
                ahp::MAX_CRITERIA,
                model.name
            ),
        );
        ok = false;
    }
    if raw.pairwise.len() != n.saturating_sub(1) {
        c.problem(
            "weights.pairwise",
            None,
            format!(
                "needs {} rows (the upper triangle of the {n}×{n} matrix, criteria in model order: {ids}); got {}",
                n.saturating_sub(1),
                raw.pairwise.len()
            ),
        );
        ok = false;
    }
    for (i, row) in raw.pairwise.iter().enumerate() {
        let want = n.saturating_sub(i + 1);
        if row.len() != want {
            let first = model.criteria.get(i).map_or("?", |c| c.id.as_str());
            c.problem(
                format!("weights.pairwise[{i}]"),
                None,
                format!(
                    "row {i} compares {first} with the {want} criteria after it; got {} values",
                    row.len()
                ),
            );
            ok = false;
        }
        for (k, &v) in row.iter().enumerate() {
            // 0.11 admits 1/9 written with two decimals.
            if !(0.11..=ahp::MAX_JUDGEMENT).contains(&v) {
                c.problem(
                    format!("weights.pairwise[{i}][{k}]"),
                    Some(&v),
                    "a judgement on Saaty's scale: from 1/9 (0.111) to 9",
                );
                ok = false;
            }
        }
    }
    let spread = raw.ahp_spread.map_or(0.0, |s| {
        c.range("weights.ahp_spread", s, Some(0.0), Some(8.0))
    });
    if let Some(m) = raw.ahp_max_cr
        && (m.is_nan() || m <= 0.0)
    {
        c.problem("weights.ahp_max_cr", Some(&m), "must be > 0");
    }
    if !ok {
        return WeightMode::Unknown;
    }
    let matrix = ahp::reciprocal_matrix(&raw.pairwise, n);
    let priorities = ahp::priorities(&matrix);
    if let Some(max) = raw.ahp_max_cr
        && priorities.consistency_ratio > max
    {
        c.problem(
            "weights.pairwise",
            None,
            format!(
                "consistency ratio {:.3} > ahp_max_cr = {max}: the judgements contradict each other; revise them (Saaty: CR ≤ 0.1)",
                priorities.consistency_ratio
            ),
        );
    }
    WeightMode::Ahp(Box::new(Ahp {
        matrix,
        priorities,
        spread,
        max_cr: raw.ahp_max_cr,
    }))
}
