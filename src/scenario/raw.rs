//! Raw serde structs for model and scenario files: the first of the two parsing stages.
//! They accept any syntactically valid file with known keys; `validate` turns them into the
//! checked types that the rest of the crate uses.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `models/*.toml`: how to judge.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub normalization: Option<String>,
    /// VIKOR's weight of the majority strategy, in [0, 1] (default 0.5).
    #[serde(default)]
    pub vikor_v: Option<f64>,
    #[serde(default)]
    pub criteria: Vec<RawCriterion>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub factor: Option<String>,
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub sd_column: Option<String>,
    pub direction: String,
    pub weight: f64,
    #[serde(default)]
    pub weight_range: Option<[f64; 2]>,
    /// Target value for `normalization = "target"`, in the criterion's unit.
    #[serde(default)]
    pub target: Option<f64>,
    /// PROMETHEE preference function (default `usual`) and its thresholds, in the
    /// criterion's unit: q (indifference), p (preference), s (Gaussian).
    #[serde(default)]
    pub preference: Option<String>,
    #[serde(default)]
    pub q: Option<f64>,
    #[serde(default)]
    pub p: Option<f64>,
    #[serde(default)]
    pub s: Option<f64>,
}

/// `examples/*.toml`: what is being decided.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub model: String,
    #[serde(default)]
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

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawData {
    pub sites: Option<String>,
    pub climate: Option<String>,
    /// Hourly (dry-bulb, dew point) bins: `site_id, month, t_db_c, t_dp_c, hours`.
    pub climate_bins: Option<String>,
    pub jurisdictions: Option<String>,
    pub cities: Option<String>,
    /// Urban agglomerations for remoteness (`id, name, country, lat, lon, population`).
    pub urban_areas: Option<String>,
    /// Measured RTTs that replace the model: `site_id, city_id, rtt_ms`.
    pub latency: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCandidates {
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUsers {
    pub name: String,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub metros: Vec<String>,
    pub share: f64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacility {
    pub it_load_mw: Option<f64>,
    pub utilisation: Option<f64>,
    pub cooling: Option<String>,
    pub keys: Option<String>,
    pub horizon_years: Option<f64>,
    pub discount_rate: Option<f64>,
    pub price_escalation: Option<f64>,
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub kind: String,
    #[serde(default)]
    pub criterion: Option<String>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub users: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeights {
    pub mode: Option<String>,
    /// For `ordinal`: criterion ids from most to least important.
    #[serde(default)]
    pub ranking: Vec<String>,
}

/// A probability distribution as written in a scenario: `{ dist = "normal", mean = 1, sd = 0.1 }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDist {
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

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUncertainty {
    /// Use the datasets' `_sd` columns and criteria's `sd_column` (default true).
    pub measurement: Option<bool>,
    pub carbon_price_usd_t: Option<RawDist>,
    pub warming_c: Option<RawDist>,
    pub route_factor: Option<RawDist>,
    /// Multiplicative noise on each user group's share, renormalised.
    pub user_share_cv: Option<f64>,
    #[serde(default)]
    pub electricity: Vec<RawPriceFactor>,
    /// Extra multiplicative factors on column criteria, by criterion id.
    #[serde(default)]
    pub criteria: BTreeMap<String, RawDist>,
}

/// A multiplicative factor on electricity prices in some countries; countries sharing a
/// group draw one common factor (perfect correlation).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPriceFactor {
    pub countries: Vec<String>,
    pub factor: RawDist,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub name: String,
    pub probability: f64,
    pub effect: String,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub sites: Vec<String>,
    #[serde(default)]
    pub regime: Option<String>,
    #[serde(default)]
    pub factor: Option<f64>,
    #[serde(default)]
    pub criterion: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSimulation {
    pub draws: Option<i64>,
    pub seed: Option<i64>,
}

/// `[portfolio]`: settings of `dcsite portfolio` (see `docs/portfolio.md`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPortfolio {
    /// Most sites: an integer, or a range `"1..4"` (inclusive) to solve each size.
    pub k: Option<toml::Value>,
    pub objective: Option<String>,
    pub fixed_cost_usd_per_year: Option<f64>,
    /// Number of users the user points stand for (scales the per-user latency costs).
    pub users: Option<f64>,
    pub latency_usd_per_user_ms: Option<f64>,
    pub sla: Option<String>,
    pub sla_penalty_usd_per_user_ms: Option<f64>,
    pub solver: Option<String>,
    pub draws: Option<i64>,
}
