//! Raw serde structs for model and scenario files: the first of the two parsing stages.
//! They accept any syntactically valid file with known keys; `validate` turns them into the
//! checked types that the rest of the crate uses.
//!
//! The JSON Schemas of the two files (`docs/scenario.schema.json`, `docs/model.schema.json`,
//! `dcsite schema`) are derived from these structs: the doc comments become descriptions,
//! and the `schemars` attributes add the allowed values (from the same lists that validation
//! uses) and the documented ranges. Validation still checks everything; the schema is for
//! editors and other tools.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use strum::VariantNames;

use crate::data::Localization;
use crate::scenario::WeightMode;
use crate::scenario::{CoolingDesign, Direction, KeyCustody, LatencyPath, Objective, Sla, Solver};
use crate::scenario::{Method, Metric, Normalization, Preference};

/// `models/*.toml`: how to judge.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    /// The model's name (as reported in summary.json).
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// Aggregation method (default wsm); a scenario's `method` overrides it.
    #[serde(default)]
    #[schemars(extend("enum" = Method::VARIANTS))]
    pub method: Option<String>,
    /// Normalisation (default min-max); wpm and promethee2 ignore it.
    #[serde(default)]
    #[schemars(extend("enum" = Normalization::VARIANTS))]
    pub normalization: Option<String>,
    /// VIKOR's weight of the majority strategy, in [0, 1] (default 0.5).
    #[serde(default)]
    #[schemars(range(min = 0, max = 1))]
    pub vikor_v: Option<f64>,
    /// The criteria (at least one).
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub criteria: Vec<RawCriterion>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    /// Unique id: lowercase letters, digits, '-' or '_', starting with a letter; used as a
    /// column name in the outputs.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_-]*$"))]
    pub id: String,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// A built-in factor metric (exactly one of factor and column).
    #[serde(default)]
    #[schemars(extend("enum" = Metric::ALL.iter().map(|m| m.name()).collect::<Vec<_>>()))]
    pub factor: Option<String>,
    /// A numeric column of the sites file (exactly one of factor and column).
    #[serde(default)]
    pub column: Option<String>,
    /// Per-site measurement sd of a column criterion (default `<column>_sd` if present).
    #[serde(default)]
    pub sd_column: Option<String>,
    /// Unit of a column criterion's values, shown in the outputs (factor metrics have their own).
    #[serde(default)]
    pub unit: Option<String>,
    /// min: less is better; max: more is better.
    #[schemars(extend("enum" = Direction::VARIANTS))]
    pub direction: String,
    /// Point weight, ≥ 0; the weights are normalised to sum to 1.
    #[schemars(range(min = 0))]
    pub weight: f64,
    /// Bounds [lo, hi] on the normalised weight, 0 ≤ lo ≤ hi ≤ 1 (weights mode "intervals").
    #[serde(default)]
    #[schemars(inner(range(min = 0, max = 1)))]
    pub weight_range: Option<[f64; 2]>,
    /// Target value for `normalization = "target"`, in the criterion's unit.
    #[serde(default)]
    pub target: Option<f64>,
    /// PROMETHEE preference function (default `usual`) and its thresholds, in the
    /// criterion's unit: q (indifference), p (preference), s (Gaussian).
    #[serde(default)]
    #[schemars(extend("enum" = Preference::VARIANTS))]
    pub preference: Option<String>,
    /// Indifference threshold, ≥ 0 (u-shape, level, linear).
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub q: Option<f64>,
    /// Preference threshold, > 0 and > q (v-shape, level, linear).
    #[serde(default)]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub p: Option<f64>,
    /// Gaussian threshold, > 0 (gaussian).
    #[serde(default)]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub s: Option<f64>,
}

/// `examples/*.toml`: what is being decided.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Letters, digits, '.', '_' and '-'; names the output directory `runs/<name>/`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$"))]
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// A built-in model (balanced, latency-first, sovereignty) or a path to a model file,
    /// relative to the scenario.
    pub model: String,
    /// Overrides the model's method.
    #[serde(default)]
    #[schemars(extend("enum" = Method::VARIANTS))]
    pub method: Option<String>,
    #[serde(default)]
    pub data: RawData,
    #[serde(default)]
    pub candidates: RawCandidates,
    #[serde(default)]
    pub users: Vec<RawUsers>,
    #[serde(default)]
    pub facility: RawFacility,
    #[serde(default)]
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub weights: RawWeights,
    #[serde(default)]
    pub uncertainty: RawUncertainty,
    #[serde(default)]
    pub events: Vec<RawEvent>,
    #[serde(default)]
    pub simulation: RawSimulation,
    /// `dcsite portfolio`: choose a set of sites and assign each user point to one.
    #[serde(default)]
    pub portfolio: Option<RawPortfolio>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawData {
    /// A sites CSV instead of the shipped one (path relative to the scenario).
    pub sites: Option<String>,
    /// A climate CSV (monthly normals) instead of the shipped one.
    pub climate: Option<String>,
    /// Hourly (dry-bulb, dew point) bins: `site_id, month, t_db_c, t_dp_c, hours`.
    pub climate_bins: Option<String>,
    /// A jurisdictions CSV instead of the shipped one.
    pub jurisdictions: Option<String>,
    /// Replaced by `urban_areas`; read only to refuse it with that hint.
    #[schemars(skip)]
    pub cities: Option<String>,
    /// Urban agglomerations instead of the shipped ones: the user points of `[[users]]` and
    /// the places of remoteness (`id, name, country, lat, lon, population`).
    pub urban_areas: Option<String>,
    /// Measured RTTs that replace the model: `site_id, city_id, rtt_ms`.
    pub latency: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCandidates {
    /// ISO 3166-1 alpha-2 codes: sites in these countries are candidates.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Site ids added to the candidates.
    #[serde(default)]
    pub include: Vec<String>,
    /// Site ids removed from the candidates.
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUsers {
    /// Group name, unique.
    pub name: String,
    /// ISO 3166-1 alpha-2 codes: the group's users live in these countries' urban
    /// agglomerations (urban_areas.csv).
    #[serde(default)]
    pub countries: Vec<String>,
    /// Urban agglomeration ids of urban_areas.csv (e.g. `new-york-newark-us`).
    #[serde(default)]
    pub metros: Vec<String>,
    /// The group's share of all users, ≥ 0 (shares are normalised to sum to 1).
    #[schemars(range(min = 0))]
    pub share: f64,
    /// The network path to the sites: `internet` (users over access networks and the public
    /// Internet, the default) or `backbone` (region to region on a provider network).
    #[serde(default)]
    #[schemars(extend("enum" = LatencyPath::VARIANTS))]
    pub latency_path: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFacility {
    /// IT load, MW, > 0.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub it_load_mw: Option<f64>,
    /// Average utilisation of the IT load, in (0, 1].
    #[schemars(extend("exclusiveMinimum" = 0), range(max = 1))]
    pub utilisation: Option<f64>,
    /// Cooling design.
    #[schemars(extend("enum" = CoolingDesign::VARIANTS))]
    pub cooling: Option<String>,
    /// Key custody: who holds the encryption keys.
    #[schemars(extend("enum" = KeyCustody::VARIANTS))]
    pub keys: Option<String>,
    /// The workload's regulated sector: `general` (the default) or a sector code; a sectoral
    /// localisation regime that lists the sector binds like a strict one.
    #[schemars(extend("enum" = crate::scenario::facility_sectors()))]
    pub sector: Option<String>,
    /// Horizon of the net present value, years, 1–100.
    #[schemars(range(min = 1, max = 100))]
    pub horizon_years: Option<f64>,
    /// Discount rate per year, 0–1.
    #[schemars(range(min = 0, max = 1))]
    pub discount_rate: Option<f64>,
    /// Real escalation of electricity prices per year, −0.5–1.
    #[schemars(range(min = -0.5, max = 1))]
    pub price_escalation: Option<f64>,
    /// Carbon price, USD per tonne CO2, ≥ 0.
    #[schemars(range(min = 0))]
    pub carbon_price_usd_t: Option<f64>,
    pub latency_sla_ms: Option<f64>,
    /// A design PUE; when given, energy uses it instead of the cooling model's.
    pub pue: Option<f64>,
    /// Cooling-model parameters (fractions of IT power, °C, K); defaults in cooling.rs.
    pub fans: Option<f64>,
    pub ups_loss: Option<f64>,
    pub distribution_loss: Option<f64>,
    pub misc: Option<f64>,
    pub pumps: Option<f64>,
    pub airside_max_drybulb_c: Option<f64>,
    pub airside_max_dewpoint_c: Option<f64>,
    pub approach_k: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// threshold: a criterion's value within [min, max]; residency: a user group served
    /// only where its home law allows.
    #[schemars(extend("enum" = <crate::scenario::validate::RuleKind as strum::VariantNames>::VARIANTS))]
    pub kind: String,
    /// For threshold: a criterion id of the model.
    #[serde(default)]
    pub criterion: Option<String>,
    /// For threshold: the least allowed value, in the criterion's unit.
    #[serde(default)]
    pub min: Option<f64>,
    /// For threshold: the greatest allowed value, in the criterion's unit.
    #[serde(default)]
    pub max: Option<f64>,
    /// For residency: a user group's name.
    #[serde(default)]
    pub users: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWeights {
    /// What is known about the weights (default exact).
    #[schemars(extend("enum" = WeightMode::VARIANTS))]
    pub mode: Option<String>,
    /// For `ordinal`: criterion ids from most to least important.
    #[serde(default)]
    pub ranking: Vec<String>,
    /// For `ahp`: the upper triangle of the pairwise comparison matrix, row by row, criteria
    /// in model order: row i holds a_i,i+1 … a_i,n, how much more important criterion i is
    /// than each later one on Saaty's scale (1 equal … 9 extreme; 1/3 = 0.333 the reverse
    /// of 3), from 1/9 to 9.
    #[serde(default)]
    #[schemars(inner(inner(range(min = 0.11, max = 9))))]
    pub pairwise: Vec<Vec<f64>>,
    /// For `ahp`: a consistency ratio above this is an error (without it, a ratio above 0.1
    /// is a warning).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub ahp_max_cr: Option<f64>,
    /// For `ahp`: judgement uncertainty: in each draw every judgement moves uniformly
    /// within ± this many steps of Saaty's scale, 0–8 (default 0: the weights are fixed).
    #[schemars(range(min = 0, max = 8))]
    pub ahp_spread: Option<f64>,
}

/// A probability distribution as written in a scenario: `{ dist = "normal", mean = 1, sd = 0.1 }`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDist {
    /// The distribution; give its parameters only.
    #[schemars(extend("enum" = <crate::scenario::DistKind as strum::VariantNames>::VARIANTS))]
    pub dist: String,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub mode: Option<f64>,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub median: Option<f64>,
    pub sigma: Option<f64>,
    pub alpha: Option<f64>,
    pub beta: Option<f64>,
    pub values: Option<Vec<f64>>,
    pub weights: Option<Vec<f64>>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUncertainty {
    /// Use the datasets' `_sd` columns and criteria's `sd_column` (default true).
    pub measurement: Option<bool>,
    pub carbon_price_usd_t: Option<RawDist>,
    pub warming_c: Option<RawDist>,
    pub route_factor: Option<RawDist>,
    /// Multiplicative noise on each user group's share, renormalised: its coefficient of
    /// variation, 0–5.
    #[schemars(range(min = 0, max = 5))]
    pub user_share_cv: Option<f64>,
    #[serde(default)]
    pub electricity: Vec<RawPriceFactor>,
    /// Extra multiplicative factors on column criteria, by criterion id.
    #[serde(default)]
    pub criteria: BTreeMap<String, RawDist>,
}

/// A multiplicative factor on electricity prices in some countries; countries sharing a
/// group draw one common factor (perfect correlation).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPriceFactor {
    pub countries: Vec<String>,
    pub factor: RawDist,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// Free text.
    pub name: String,
    /// Probability per draw, 0–1.
    #[schemars(range(min = 0, max = 1))]
    pub probability: f64,
    /// What happens in a draw where the event occurs.
    #[schemars(extend("enum" = <crate::scenario::EffectKind as strum::VariantNames>::VARIANTS))]
    pub effect: String,
    /// ISO 3166-1 alpha-2 codes where the effect applies.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Candidate site ids where the effect applies (price-shock, criterion-shock, infeasible).
    #[serde(default)]
    pub sites: Vec<String>,
    /// For localization: the new regime.
    #[serde(default)]
    #[schemars(extend("enum" = Localization::VARIANTS))]
    pub regime: Option<String>,
    /// For price-shock and criterion-shock: the multiplier, ≥ 0.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub factor: Option<f64>,
    /// For criterion-shock: a criterion id.
    #[serde(default)]
    pub criterion: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSimulation {
    /// Monte Carlo draws; 0 computes the base case only (default 10000).
    #[schemars(range(min = 0, max = 4_294_967_295i64))]
    pub draws: Option<i64>,
    /// Random seed, ≥ 0 (default 42).
    #[schemars(range(min = 0))]
    pub seed: Option<i64>,
    /// Rank acceptability for ranks 1..top_k only (large-site mode); default: every rank up to
    /// 1000 sites, 100 ranks above.
    #[schemars(range(min = 1))]
    pub top_k: Option<i64>,
    /// With `top_k` below the number of sites: pairwise winning indices among this many sites,
    /// those most often in the top k (default 100).
    #[schemars(range(min = 2))]
    pub shortlist: Option<i64>,
}

/// `[portfolio]`: settings of `dcsite portfolio` (see `docs/portfolio.md`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPortfolio {
    /// Most sites: an integer, or a range `"1..4"` (inclusive) to solve each size.
    #[serde(default)]
    #[schemars(schema_with = "k_schema")]
    pub k: Option<toml::Value>,
    /// What the portfolio minimises.
    #[schemars(extend("enum" = Objective::VARIANTS))]
    pub objective: Option<String>,
    /// Fixed cost of each chosen site, USD per year, ≥ 0.
    #[schemars(range(min = 0))]
    pub fixed_cost_usd_per_year: Option<f64>,
    /// Number of users the user points stand for (scales the per-user latency costs).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub users: Option<f64>,
    /// Cost of latency, USD per user and millisecond of RTT per year, ≥ 0.
    #[schemars(range(min = 0))]
    pub latency_usd_per_user_ms: Option<f64>,
    /// How the latency SLA counts.
    #[schemars(extend("enum" = Sla::VARIANTS))]
    pub sla: Option<String>,
    /// With sla = "penalty": USD per user and millisecond over the SLA per year, ≥ 0.
    #[schemars(range(min = 0))]
    pub sla_penalty_usd_per_user_ms: Option<f64>,
    /// auto (exact when small enough), exact (branch and bound) or heuristic.
    #[schemars(extend("enum" = Solver::VARIANTS))]
    pub solver: Option<String>,
    /// Least great-circle distance between any two sites of a portfolio, km, 0–20000
    /// (disaster recovery; default 0, no constraint).
    #[schemars(range(min = 0, max = 20_000))]
    pub min_separation_km: Option<f64>,
    /// Monte Carlo draws of the robustness analysis, 0 to 4294967295 (default simulation.draws).
    #[schemars(range(min = 0, max = 4_294_967_295i64))]
    pub draws: Option<i64>,
}

/// `portfolio.k`: a whole number ≥ 1, or an inclusive range such as "1..4".
fn k_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "Most sites: a whole number ≥ 1, or an inclusive range such as \"1..4\".",
        "anyOf": [
            { "type": "integer", "minimum": 1 },
            { "type": "string", "pattern": "^[0-9]+\\.\\.[0-9]+$" }
        ]
    })
}
