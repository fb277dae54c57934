//! The validated parts of a scenario: candidates, user groups, facility, rules, simulation.

use strum::VariantNames;

use super::*;
use crate::data::Sector;

/// Which sites are candidates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    /// Keep sites in these countries (all when empty).
    pub countries: Vec<String>,
    /// Always keep these site ids.
    pub include: Vec<String>,
    /// Never keep these site ids.
    pub exclude: Vec<String>,
}

/// A population of users to serve.
#[derive(Debug, Clone, PartialEq)]
pub struct UserGroup {
    pub name: String,
    pub countries: Vec<String>,
    pub metros: Vec<String>,
    /// Share of all users, normalised over the groups to sum to 1.
    pub share: f64,
    /// How the group's users reach a site (default `internet`).
    pub latency_path: LatencyPath,
}

/// The network path whose round-trip time the latency model gives (`src/factors/latency/mod.rs`):
/// `internet` for users reaching a data centre over access networks and the public Internet,
/// `backbone` for region-to-region traffic on a provider's own network.
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
pub enum LatencyPath {
    /// Region to region on a provider backbone (fitted to Azure inter-region RTTs).
    Backbone,
    /// User to data centre: access overhead, public routing inflation, peering detours.
    #[default]
    Internet,
}

impl LatencyPath {
    pub fn parse(s: &str) -> Option<LatencyPath> {
        s.parse().ok()
    }
}

/// Who holds the encryption keys for the stored data.
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
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum KeyCustody {
    Onshore,
    Offshore,
    CustomerHsm,
}

/// The keyword of `facility.sector` for a workload of no regulated sector.
pub const GENERAL_SECTOR: &str = "general";

/// The allowed values of `facility.sector`: `general`, then the sector codes.
pub fn facility_sectors() -> Vec<&'static str> {
    std::iter::once(GENERAL_SECTOR)
        .chain(Sector::VARIANTS.iter().copied())
        .collect()
}

/// Cooling design of the facility.
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
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum CoolingDesign {
    AirsideEconomizer,
    /// Also read as `evaporative`.
    #[strum(to_string = "waterside-economizer", serialize = "evaporative")]
    WatersideEconomizer,
    ChillerOnly,
}

impl CoolingDesign {
    pub fn parse(s: &str) -> Option<CoolingDesign> {
        s.parse().ok()
    }
}

/// The facility being sited. Defaults are documented in `docs/scenario.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Facility {
    pub it_load_mw: f64,
    pub utilisation: f64,
    pub cooling: CoolingDesign,
    pub keys: KeyCustody,
    /// `facility.sector`: the workload's regulated sector (`None`: `general`, bound by
    /// strict regimes only).
    pub sector: Option<Sector>,
    pub horizon_years: f64,
    pub discount_rate: f64,
    /// Real annual escalation of electricity prices.
    pub price_escalation: f64,
    /// Carbon price (USD per tonne CO2) when the scenario gives no distribution.
    pub carbon_price_usd_t: f64,
    pub latency_sla_ms: f64,
    /// Design PUE: when set, energy uses it instead of the cooling model's annual PUE.
    pub pue: Option<f64>,
    /// The cooling model's parameters that the scenario sets (the rest keep their defaults).
    pub cooling_params: CoolingParams,
}

/// Overrides of the cooling model's facility parameters (`None`: the model's default).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CoolingParams {
    /// Fan power, UPS loss, distribution loss, lighting and misc, pumps and towers: fractions
    /// of IT power.
    pub fans: Option<f64>,
    pub ups_loss: Option<f64>,
    pub distribution_loss: Option<f64>,
    pub misc: Option<f64>,
    pub pumps: Option<f64>,
    /// Outdoor limits of the airside economiser (°C).
    pub airside_max_drybulb_c: Option<f64>,
    pub airside_max_dewpoint_c: Option<f64>,
    /// Tower plus heat-exchanger approach of the waterside economiser (K).
    pub approach_k: Option<f64>,
}

impl Default for Facility {
    fn default() -> Self {
        Facility {
            it_load_mw: 20.0,
            utilisation: 0.7,
            cooling: CoolingDesign::AirsideEconomizer,
            keys: KeyCustody::Onshore,
            sector: None,
            horizon_years: 15.0,
            discount_rate: 0.08,
            price_escalation: 0.0,
            carbon_price_usd_t: 0.0,
            latency_sla_ms: 50.0,
            pue: None,
            cooling_params: CoolingParams::default(),
        }
    }
}

/// A hard rule: a site breaking it is infeasible in that draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// The criterion's raw value must lie within [min, max] (either bound optional).
    Threshold {
        criterion: usize,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// The user group's users must be served from a site their home law allows.
    Residency { users: usize },
}

impl Rule {
    /// Short description used in outputs (`rtt_p95_ms ≤ 80`).
    pub fn describe(&self, model: &Model, users: &[UserGroup]) -> String {
        match self {
            Rule::Threshold {
                criterion,
                min,
                max,
            } => {
                let id = &model.criteria[*criterion].id;
                match (min, max) {
                    (Some(a), Some(b)) => format!("{a} ≤ {id} ≤ {b}"),
                    (Some(a), None) => format!("{id} ≥ {a}"),
                    (None, Some(b)) => format!("{id} ≤ {b}"),
                    (None, None) => id.clone(),
                }
            }
            Rule::Residency { users: u } => format!("residency of {}", users[*u].name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Simulation {
    pub draws: u64,
    pub seed: u64,
    /// `simulation.top_k`: the ranks whose acceptability is counted (`None`: the default
    /// for the number of sites, [`crate::simulate::Ranks::resolve`]).
    pub top_k: Option<usize>,
    /// `simulation.shortlist`: sites in the pairwise matrix when ranks are truncated.
    pub shortlist: Option<usize>,
}

#[cfg(test)]
mod tests {
    use strum::VariantNames;

    use super::*;

    #[test]
    fn cooling_reads_evaporative_but_lists_only_its_own_names() {
        assert_eq!(
            CoolingDesign::parse("evaporative"),
            Some(CoolingDesign::WatersideEconomizer)
        );
        assert_eq!(
            crate::error::allowed::<CoolingDesign>(),
            "airside-economizer, waterside-economizer, chiller-only"
        );
        assert_eq!(
            CoolingDesign::WatersideEconomizer.to_string(),
            "waterside-economizer"
        );
        assert_eq!(
            KeyCustody::VARIANTS,
            ["onshore", "offshore", "customer-hsm"]
        );
    }
}
