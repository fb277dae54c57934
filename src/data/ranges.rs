//! The allowed range of every known dataset column: one table, used by every loader (through
//! [`Table::number`](super::Table::number)) and by `dcsite data check`.
//!
//! A column not listed here must hold finite numbers within ±[`VALUE_LIMIT`] where it is read
//! as a number, and a column named `<x>_sd` (a standard deviation) must be ≥ 0.

use super::Kind;
use crate::error::Problems;

/// The largest magnitude of any number read from a dataset: larger values are typos, and
/// sums and products of them overflow.
pub const VALUE_LIMIT: f64 = 1e15;

/// The allowed range of one column of one dataset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnRange {
    pub kind: Kind,
    pub column: &'static str,
    pub min: f64,
    pub max: f64,
    /// Unit or scale, for messages and docs.
    pub unit: &'static str,
}

const fn r(
    kind: Kind,
    column: &'static str,
    min: f64,
    max: f64,
    unit: &'static str,
) -> ColumnRange {
    ColumnRange {
        kind,
        column,
        min,
        max,
        unit,
    }
}

use Kind::{Climate, ClimateBins, Jurisdictions, Sites, UrbanAreas};

/// Every ranged column (documented in data/SOURCES.md and docs/scenario.md).
pub const RANGES: &[ColumnRange] = &[
    r(Sites, "lat", -90.0, 90.0, "degrees"),
    r(Sites, "lon", -180.0, 180.0, "degrees"),
    r(Sites, "elevation_m", -500.0, 9000.0, "m"),
    r(Sites, "electricity_usd_mwh", 0.0, 10_000.0, "USD/MWh"),
    r(Sites, "electricity_usd_mwh_sd", 0.0, 10_000.0, "USD/MWh"),
    r(Sites, "grid_gco2_kwh", 0.0, 2_000.0, "gCO2/kWh"),
    r(Sites, "grid_gco2_kwh_sd", 0.0, 2_000.0, "gCO2/kWh"),
    r(Sites, "seismic_pga_g", 0.0, 3.0, "g (475-year PGA)"),
    r(Sites, "flood_index", 0.0, 10.0, "index 0-10"),
    r(Sites, "cyclone_index", 0.0, 10.0, "index 0-10"),
    r(Sites, "land_usd_m2", 0.0, 1e6, "USD/m2"),
    r(Sites, "land_usd_m2_sd", 0.0, 1e6, "USD/m2"),
    r(Sites, "water_stress", 0.0, 4.0, "WRI Aqueduct category 0-4"),
    r(Climate, "month", 1.0, 12.0, "month"),
    r(Climate, "t_mean_c", -90.0, 60.0, "°C"),
    r(Climate, "t_max_c", -90.0, 60.0, "°C"),
    r(Climate, "t_min_c", -90.0, 60.0, "°C"),
    r(Climate, "dewpoint_c", -90.0, 40.0, "°C"),
    r(Climate, "rh_pct", 0.0, 100.0, "%"),
    r(Climate, "t_mean_c_sd", 0.0, 5.0, "°C"),
    r(Climate, "stand_in", 0.0, 1.0, "0 or 1"),
    r(ClimateBins, "month", 1.0, 12.0, "month"),
    r(ClimateBins, "t_db_c", -90.0, 60.0, "°C"),
    r(ClimateBins, "t_dp_c", -90.0, 40.0, "°C"),
    r(ClimateBins, "hours", 1.0, 744.0, "hours"),
    r(Jurisdictions, "gov_access_risk", 0.0, 1.0, "share 0-1"),
    r(Jurisdictions, "rule_of_law", -3.0, 3.0, "WGI estimate"),
    r(
        Jurisdictions,
        "rule_of_law_sd",
        0.0,
        3.0,
        "WGI standard error",
    ),
    r(
        Jurisdictions,
        "political_stability",
        -3.0,
        3.0,
        "WGI estimate",
    ),
    r(
        Jurisdictions,
        "political_stability_sd",
        0.0,
        3.0,
        "WGI standard error",
    ),
    r(Jurisdictions, "corporate_tax_pct", 0.0, 100.0, "%"),
    r(
        Jurisdictions,
        "electricity_usd_mwh",
        0.0,
        10_000.0,
        "USD/MWh",
    ),
    r(
        Jurisdictions,
        "electricity_usd_mwh_sd",
        0.0,
        10_000.0,
        "USD/MWh",
    ),
    r(Jurisdictions, "grid_gco2_kwh", 0.0, 2_000.0, "gCO2/kWh"),
    r(Jurisdictions, "grid_gco2_kwh_sd", 0.0, 2_000.0, "gCO2/kWh"),
    r(Jurisdictions, "renewable_share", 0.0, 1.0, "share 0-1"),
    r(Jurisdictions, "internet_users_pct", 0.0, 100.0, "%"),
    r(Jurisdictions, "population", 0.0, 1e10, "people"),
    r(Jurisdictions, "border_rtt_penalty_ms", 0.0, 1_000.0, "ms"),
    r(UrbanAreas, "lat", -90.0, 90.0, "degrees"),
    r(UrbanAreas, "lon", -180.0, 180.0, "degrees"),
    r(UrbanAreas, "population", 0.0, 1e9, "people"),
];

/// The allowed range of a column: its entry in [`RANGES`], else [0, `VALUE_LIMIT`] for an
/// `_sd` column and ±`VALUE_LIMIT` for any other.
pub fn range(kind: Option<Kind>, column: &str) -> (f64, f64, &'static str) {
    if let Some(c) = RANGES
        .iter()
        .find(|c| Some(c.kind) == kind && c.column == column)
    {
        return (c.min, c.max, c.unit);
    }
    if column.ends_with("_sd") {
        (0.0, VALUE_LIMIT, "a standard deviation")
    } else {
        (-VALUE_LIMIT, VALUE_LIMIT, "")
    }
}

/// Every filled cell of every ranged column of the table ([`RANGES`]) must be in range.
pub fn check_ranges(table: &super::Table, kind: Kind, problems: &mut Problems) {
    for range in RANGES.iter().filter(|r| r.kind == kind) {
        let Ok(col) = table.require(range.column) else {
            continue;
        };
        for row in 0..table.len() {
            if !table.text(row, col).is_empty()
                && let Err(p) = table.number(row, col)
            {
                problems.push(p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped column holds Aqueduct 4.0's baseline water-stress *category* (0 low to 4
    /// extremely high, data/SOURCES.md), not its 0–5 score: a 5 (a score, or the arid class)
    /// from a file of one's own would sit on another scale than the shipped sites.
    #[test]
    fn water_stress_is_the_aqueduct_category() {
        assert_eq!(
            range(Some(Sites), "water_stress"),
            (0.0, 4.0, "WRI Aqueduct category 0-4")
        );
    }

    #[test]
    fn docs_list_every_range() {
        let docs = include_str!("../../docs/scenario.md");
        for c in RANGES {
            let row = format!(
                "| `{}` | `{}` | {} to {} | {} |",
                c.kind.file_name(),
                c.column,
                c.min,
                c.max,
                c.unit
            );
            assert!(docs.contains(&row), "docs/scenario.md lacks {row}");
        }
    }

    #[test]
    fn each_column_is_listed_once_with_min_below_max() {
        for (k, a) in RANGES.iter().enumerate() {
            assert!(a.min < a.max, "{a:?}");
            assert!(
                !RANGES[..k]
                    .iter()
                    .any(|b| b.kind == a.kind && b.column == a.column),
                "{a:?} twice"
            );
        }
    }
}
