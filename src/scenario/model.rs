//! Validated scoring models: criteria, directions, weights, normalisation and method.

use std::fmt;

use super::Checker;
use super::raw::{RawCriterion, RawModel};
use super::{Method, Metric, Normalization, Preference, check_vikor_v};
use crate::error::Result;

/// Whether less or more of a criterion is better.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    serde::Serialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "kebab-case")]
pub enum Direction {
    Min,
    Max,
}

/// Where a criterion's values come from.
#[derive(Debug, Clone, PartialEq)]
pub enum CriterionSource {
    /// A numeric column of the sites file, with an optional per-site sd column.
    Column {
        column: String,
        sd_column: Option<String>,
        /// The unit of its values as the model gives it (empty when it gives none).
        unit: String,
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
    /// Target value for `target` normalisation (`None`: the best value in each draw).
    pub target: Option<f64>,
    /// PROMETHEE preference function, thresholds in the criterion's unit.
    pub preference: Preference,
}

impl Criterion {
    /// The unit of the criterion's raw values (empty for dimensionless or unknown).
    pub fn unit(&self) -> &str {
        match &self.source {
            CriterionSource::Factor(m) => m.unit(),
            CriterionSource::Column { unit, .. } => unit,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub name: String,
    pub description: Option<String>,
    pub method: Method,
    pub normalization: Normalization,
    /// VIKOR's weight of the majority strategy v ∈ [0, 1].
    pub vikor_v: f64,
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

fn criterion(
    c: &mut Checker,
    i: usize,
    raw: &RawCriterion,
    // None: the model's normalization is not an allowed value (already reported).
    normalization: Option<Normalization>,
) -> Option<Criterion> {
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
                if let Some(u) = &raw.unit {
                    c.problem(
                        key("unit"),
                        Some(&format!("{u:?}")),
                        match m.unit() {
                            "" => format!("unit goes with column; factor {f} is dimensionless"),
                            u => format!("unit goes with column; factor {f} is in {u}"),
                        },
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
        (None, Some(col)) if !col.is_empty() => {
            let unit = raw.unit.clone().unwrap_or_default();
            // Written in a CSV column beside numbers: a unit that reads as one ("inf", "1e3")
            // would be taken for a value, or a missing one, by the tables' readers.
            if unit.trim().parse::<f64>().is_ok() {
                c.problem(
                    key("unit"),
                    Some(&format!("{unit:?}")),
                    "a unit must not read as a number",
                );
            }
            Some(CriterionSource::Column {
                column: col.clone(),
                sd_column: raw.sd_column.clone(),
                unit,
            })
        }
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
    let direction: Option<Direction> = c.choice(key("direction"), &raw.direction);
    let weight_max = super::limits::SHARE_OR_WEIGHT;
    if !(raw.weight.is_finite() && raw.weight >= 0.0 && raw.weight <= weight_max) {
        c.problem(
            key("weight"),
            Some(&raw.weight),
            format!("must be between 0 and {weight_max} (weights are normalised to sum to 1)"),
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
    if let Some(t) = raw.target {
        match normalization {
            Some(n) if n != Normalization::Target => c.problem(
                key("target"),
                Some(&t),
                format!(
                    "a target is used only with normalization = \"target\" (this model's is \"{n}\")"
                ),
            ),
            _ => {
                c.value(&key("target"), t);
            }
        }
    }
    let preference = Preference::check(
        c,
        &format!("criteria[{i}]"),
        raw.preference.as_deref(),
        raw.q,
        raw.p,
        raw.s,
    );
    Some(Criterion {
        id: raw.id.clone(),
        description: raw.description.clone(),
        source: source?,
        direction: direction?,
        weight: raw.weight,
        weight_range: raw.weight_range.map(|[a, b]| (a, b)),
        target: raw.target,
        preference,
    })
}

impl Model {
    /// Validates a raw model, reporting every problem at once.
    pub fn from_raw(file: &str, raw: RawModel) -> Result<Model> {
        let mut c = Checker::new(file);
        let method = c.choice_or("method", raw.method.as_deref(), Method::default());
        let normalization = c.choice_or(
            "normalization",
            raw.normalization.as_deref(),
            Normalization::default(),
        );
        let normalization_ok = raw
            .normalization
            .as_deref()
            .is_none_or(|s| s.parse::<Normalization>().is_ok());
        let vikor_v = check_vikor_v(&mut c, raw.vikor_v);
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
            if let Some(file) = super::columns::fixed_column_file(&rc.id) {
                c.problem(
                    format!("criteria[{i}].id"),
                    Some(&rc.id),
                    format!(
                        "collides with a fixed column of {file}, which has one column per criterion id too; choose another id"
                    ),
                );
            }
            if let Some(cr) = criterion(&mut c, i, rc, normalization_ok.then_some(normalization)) {
                criteria.push(cr);
            }
        }
        let total: f64 = criteria.iter().map(|c| c.weight).sum();
        // A weight already reported as out of range (negative) says nothing of the others.
        let weights_valid = criteria.iter().all(|c| c.weight >= 0.0);
        if !criteria.is_empty()
            && criteria.len() == raw.criteria.len()
            && weights_valid
            && total <= 0.0
        {
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
            vikor_v,
            criteria,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::scenario::parse_toml;

    fn model(text: &str) -> Result<Model> {
        Model::from_raw("m.toml", parse_toml("m.toml", text)?)
    }

    fn problems(text: &str) -> Vec<String> {
        match model(text) {
            Err(Error::Invalid(p)) => p.0.iter().map(|p| p.to_string()).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn method_parameters_parse() {
        let m = model(
            r#"
name = "m"
method = "promethee2"
normalization = "target"
vikor_v = 0.3
[[criteria]]
id = "a"
column = "a"
direction = "min"
weight = 1
target = 1.2
preference = "linear"
q = 1
p = 3
[[criteria]]
id = "b"
column = "b"
direction = "max"
weight = 1
preference = "gaussian"
s = 0.5
"#,
        )
        .unwrap();
        assert_eq!(m.method, Method::Promethee2);
        assert_eq!(m.normalization, Normalization::Target);
        assert_eq!(m.vikor_v, 0.3);
        assert_eq!(m.criteria[0].target, Some(1.2));
        assert_eq!(
            m.criteria[0].preference,
            Preference::Linear { q: 1.0, p: 3.0 }
        );
        assert_eq!(m.criteria[1].preference, Preference::Gaussian { s: 0.5 });
        assert_eq!(m.criteria[1].target, None);
    }

    #[test]
    fn every_method_parameter_problem_is_reported() {
        let p = problems(
            r#"
name = "m"
method = "electre"
vikor_v = 1.5
[[criteria]]
id = "a"
column = "a"
direction = "min"
weight = 1
target = 3
preference = "level"
q = 2
p = 1
s = 4
[[criteria]]
id = "b"
column = "b"
direction = "max"
weight = 1
preference = "triangle"
[[criteria]]
id = "c"
column = "c"
direction = "max"
weight = 1
q = 3
[[criteria]]
id = "d"
column = "d"
direction = "max"
weight = 1
preference = "v-shape"
"#,
        );
        let expect = [
            "m.toml: method = electre: allowed: wsm, wpm, topsis, vikor, promethee2",
            "m.toml: vikor_v = 1.5: must be between 0 and 1",
            "m.toml: criteria[0].target = 3: a target is used only with normalization = \"target\"",
            "m.toml: criteria[0].s = 4: not used by the level preference function (it uses: q, p)",
            "m.toml: criteria[0].p = 1: must be > q = 2",
            "m.toml: criteria[1].preference = \"triangle\": allowed: usual, u-shape, v-shape, level, linear, gaussian",
            "m.toml: criteria[2].q = 3: thresholds go with a PROMETHEE preference function",
            "m.toml: criteria[3].p: the v-shape preference function needs p",
        ];
        for e in expect {
            assert!(
                p.iter().any(|l| l.starts_with(e)),
                "missing {e:?} in {p:#?}"
            );
        }
        assert_eq!(p.len(), expect.len(), "{p:#?}");
    }

    #[test]
    fn a_misspelt_normalization_does_not_refuse_the_targets() {
        // "targt" is reported; the target may well go with the normalisation meant.
        let p = problems(
            "name = \"m\"\nnormalization = \"targt\"\n[[criteria]]\nid = \"a\"\ncolumn = \"a\"\ndirection = \"min\"\nweight = 1\ntarget = 3\n",
        );
        assert_eq!(
            p,
            ["m.toml: normalization = targt: allowed: min-max, vector, max, sum, target"],
            "{p:#?}"
        );
    }

    #[test]
    fn a_column_criterion_has_the_unit_its_model_gives() {
        let text = |unit: &str| {
            format!(
                r#"
name = "m"
[[criteria]]
id = "land"
column = "land_usd_m2"
{unit}
direction = "min"
weight = 1
[[criteria]]
id = "pue"
factor = "cooling.pue"
direction = "min"
weight = 1
"#
            )
        };
        let m = model(&text(r#"unit = "USD/m2""#)).unwrap();
        assert_eq!(m.criteria[0].unit(), "USD/m2");
        assert_eq!(model(&text("")).unwrap().criteria[0].unit(), "");
        for number in ["inf", "NaN", "1e3", " 4 "] {
            let p = problems(&text(&format!("unit = {number:?}")));
            assert_eq!(
                p,
                [format!(
                    "m.toml: criteria[0].unit = {number:?}: a unit must not read as a number"
                )]
            );
        }
        let p = problems(&text("").replace(
            "factor = \"cooling.pue\"",
            "factor = \"latency.p95_rtt_ms\"\nunit = \"s\"",
        ));
        assert_eq!(
            p,
            [
                "m.toml: criteria[1].unit = \"s\": unit goes with column; factor latency.p95_rtt_ms is in ms"
            ]
        );
    }

    #[test]
    fn a_criterion_id_equal_to_a_fixed_output_column_is_refused() {
        let one = |id: &str| {
            problems(&format!(
                "name = \"m\"\n[[criteria]]\nid = \"{id}\"\ncolumn = \"c\"\ndirection = \"max\"\nweight = 1\n"
            ))
        };
        assert_eq!(
            one("p_first"),
            [
                "m.toml: criteria[0].id = p_first: collides with a fixed column of ranking.csv, which has one column per criterion id too; choose another id"
            ]
        );
        assert!(one("confidence_factor")[0].contains("of ranking.csv"));
        // Every fixed column the writers write, from their own lists.
        for (_, columns) in crate::scenario::columns::WITH_CRITERION_COLUMNS {
            for id in columns {
                assert!(one(id)[0].contains("collides with a fixed column"), "{id}");
            }
        }
        assert!(model("name = \"m\"\n[[criteria]]\nid = \"rank_1\"\ncolumn = \"c\"\ndirection = \"max\"\nweight = 1\n").is_ok());
    }
}
