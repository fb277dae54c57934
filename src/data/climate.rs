//! Monthly climate normals, long format: `site_id, month, t_mean_c, t_max_c, t_min_c,
//! dewpoint_c` (or `rh_pct`, from which the dew point is derived with the Magnus formula).
//! Optional per-site columns, the same on all twelve rows: `t_mean_c_sd`, the standard
//! deviation (°C) of the offset between the site's true temperatures and its rows (empty or
//! absent: 0), and `stand_in`, 1 when the rows come from a station more than 50 km away.

use std::collections::HashMap;

use super::Table;
use crate::error::{Problem, Problems, Result};

/// One month's normals at a site (°C).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthNormals {
    pub t_mean_c: f64,
    pub t_max_c: f64,
    pub t_min_c: f64,
    pub dewpoint_c: f64,
}

/// Twelve months of normals per site id, with the per-site columns.
#[derive(Debug, Clone, Default)]
pub struct Climate {
    /// The file's name as read (for messages).
    pub name: String,
    by_site: HashMap<String, [MonthNormals; 12]>,
    site_info: HashMap<String, SiteInfo>,
}

/// The per-site columns of climate.csv.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SiteInfo {
    /// Standard deviation (°C) of the site's temperature offset from its rows.
    pub t_mean_c_sd: f64,
    /// The rows come from a station more than 50 km from the site.
    pub stand_in: bool,
}

/// Dew point (°C) from air temperature (°C) and relative humidity (%), Magnus formula with
/// Alduchov & Eskridge (1996) coefficients a = 17.625, b = 243.04 °C.
pub fn dewpoint_from_rh(t_c: f64, rh_pct: f64) -> f64 {
    const A: f64 = 17.625;
    const B: f64 = 243.04;
    let gamma = (rh_pct / 100.0).ln() + A * t_c / (B + t_c);
    B * gamma / (A - gamma)
}

impl Climate {
    /// Parses and checks the table: months 1–12 once each per site, t_min ≤ t_mean ≤ t_max,
    /// dew point ≤ t_mean (0.05 °C tolerance for rounding in published tables).
    pub fn new(table: &Table) -> Result<Climate> {
        let mut problems = Problems::default();
        let cols = ["site_id", "month", "t_mean_c", "t_max_c", "t_min_c"]
            .map(|c| table.require(c).map_err(|p| problems.push(p)).ok());
        let dew = table.require("dewpoint_c").ok();
        let rh = table.require("rh_pct").ok();
        let sd_col = table.require("t_mean_c_sd").ok();
        let stand_in_col = table.require("stand_in").ok();
        let mut site_info: HashMap<String, SiteInfo> = HashMap::new();
        if dew.is_none() && rh.is_none() {
            problems.push(
                Problem::new(
                    &table.name,
                    "column dewpoint_c",
                    "need dewpoint_c or rh_pct",
                )
                .line(1),
            );
        }
        let [Some(site), Some(month), Some(mean), Some(max), Some(min)] = cols else {
            return Err(problems.into());
        };
        let mut partial: HashMap<String, [Option<MonthNormals>; 12]> = HashMap::new();
        let mut invalid: std::collections::HashSet<(String, usize)> = Default::default();
        // The first line of each site, to point at when months are missing.
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for row in 0..table.len() {
            let at = |key: &str, msg: String| {
                Problem::new(&table.name, format!("row {}, {key}", row + 1), msg)
                    .line(table.line(row))
            };
            let id = table.text(row, site).to_owned();
            first_line.entry(id.clone()).or_insert(table.line(row));
            let sd = sd_col.map_or(Ok(None), |c| match table.optional_number(row, c) {
                Ok(Some(v)) if !(0.0..=5.0).contains(&v) => {
                    Err(at("column t_mean_c_sd", format!("{v} is outside 0–5 °C")))
                }
                r => r,
            });
            let stand_in = stand_in_col.map_or(Ok(false), |c| match table.text(row, c) {
                "" | "0" => Ok(false),
                "1" => Ok(true),
                v => Err(at(
                    "column stand_in",
                    format!("{v:?}: allowed values are 0, 1"),
                )),
            });
            match (sd, stand_in) {
                (Ok(sd), Ok(stand_in)) => {
                    let info = SiteInfo {
                        t_mean_c_sd: sd.unwrap_or(0.0),
                        stand_in,
                    };
                    if *site_info.entry(id.clone()).or_insert(info) != info {
                        problems.push(at(
                            "columns t_mean_c_sd/stand_in",
                            format!("must be the same on every row of {id}"),
                        ));
                    }
                }
                (sd, stand_in) => {
                    problems.push_all(sd.err());
                    problems.push_all(stand_in.err());
                }
            }
            let m = match table.number_in(row, month, 1.0, 12.0) {
                Ok(m) if m.fract() == 0.0 => m as usize,
                Ok(m) => {
                    problems.push(at("column month", format!("{m} is not a whole month 1-12")));
                    continue;
                }
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
            let nums = [mean, max, min].map(|c| table.number(row, c));
            let dewpoint = match (dew.map(|c| table.optional_number(row, c)), rh) {
                (Some(Ok(Some(d))), _) => Ok(d),
                (Some(Err(p)), _) => Err(p),
                (_, Some(rc)) => table
                    .number_in(row, rc, 0.1, 100.0)
                    .map(|r| dewpoint_from_rh(nums[0].clone().unwrap_or(f64::NAN), r)),
                _ => Err(at(
                    "column dewpoint_c",
                    "empty: dewpoint_c or rh_pct needed".into(),
                )),
            };
            let (t_mean_c, t_max_c, t_min_c, dewpoint_c) = match (nums, dewpoint) {
                ([Ok(a), Ok(b), Ok(c)], Ok(d)) => (a, b, c, d),
                (nums, d) => {
                    for r in nums.into_iter().chain([d]) {
                        problems.push_all(r.err());
                    }
                    // The month is there, with a bad value already reported: not missing.
                    invalid.insert((id.clone(), m));
                    continue;
                }
            };
            if !(t_min_c <= t_mean_c && t_mean_c <= t_max_c) {
                problems.push(at(
                    "columns t_min_c/t_mean_c/t_max_c",
                    format!("need t_min ≤ t_mean ≤ t_max, got {t_min_c} / {t_mean_c} / {t_max_c}"),
                ));
            }
            if dewpoint_c > t_mean_c + 0.05 {
                problems.push(at(
                    "column dewpoint_c",
                    format!("dew point {dewpoint_c} exceeds t_mean {t_mean_c}"),
                ));
            }
            let slot = &mut partial.entry(id.clone()).or_insert([None; 12])[m - 1];
            if slot.is_some() {
                problems.push(at(
                    "column month",
                    format!("month {m} appears twice for {id}"),
                ));
            }
            *slot = Some(MonthNormals {
                t_mean_c,
                t_max_c,
                t_min_c,
                dewpoint_c,
            });
        }
        let mut by_site = HashMap::new();
        for (id, months) in partial {
            let missing: Vec<String> = (1..=12)
                .filter(|&m| months[m - 1].is_none() && !invalid.contains(&(id.clone(), m)))
                .map(|m| m.to_string())
                .collect();
            if let Some(complete) = months.iter().all(Option::is_some).then_some(months) {
                by_site.insert(id, complete.map(Option::unwrap));
            } else if !missing.is_empty() {
                problems.push(
                    Problem::new(
                        &table.name,
                        format!("site_id {id}, column month"),
                        format!("months missing: {} (12 are required)", missing.join(", ")),
                    )
                    .line(first_line[&id]),
                );
            }
        }
        site_info.retain(|id, _| by_site.contains_key(id));
        problems.into_result(Climate {
            name: table.name.clone(),
            by_site,
            site_info,
        })
    }

    pub fn get(&self, site_id: &str) -> Option<&[MonthNormals; 12]> {
        self.by_site.get(site_id)
    }

    /// The per-site columns (defaults when the file has none).
    pub fn info(&self, site_id: &str) -> SiteInfo {
        self.site_info.get(site_id).copied().unwrap_or_default()
    }

    pub fn site_ids(&self) -> impl Iterator<Item = &str> {
        self.by_site.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn magnus_dewpoint_matches_reference_values() {
        // At 100 % RH the dew point equals the temperature; 20 °C at 50 % RH is ~9.3 °C
        // (standard psychrometric tables).
        assert_abs_diff_eq!(dewpoint_from_rh(20.0, 100.0), 20.0, epsilon = 1e-9);
        assert_abs_diff_eq!(dewpoint_from_rh(20.0, 50.0), 9.26, epsilon = 0.05);
    }

    #[test]
    fn reports_missing_months_and_inverted_temperatures() {
        let text = "site_id,month,t_mean_c,t_max_c,t_min_c,dewpoint_c\na,1,5,4,1,0\n";
        let err = Climate::new(&Table::parse("c.csv", text).unwrap())
            .unwrap_err()
            .to_string();
        assert!(err.contains("need t_min ≤ t_mean ≤ t_max"), "{err}");
        assert!(err.contains("months missing: 2, 3"), "{err}");
    }

    #[test]
    fn a_month_with_a_bad_value_is_one_problem_not_also_missing() {
        let mut text = "site_id,month,t_mean_c,t_max_c,t_min_c,dewpoint_c\n".to_owned();
        for m in 1..=12 {
            let mean = if m == 7 { "NaN" } else { "10" };
            text += &format!("a,{m},{mean},15,5,2\n");
        }
        let err = Climate::new(&Table::parse("c.csv", &text).unwrap()).unwrap_err();
        let problems = err.to_string();
        assert!(problems.contains("t_mean_c"), "{problems}");
        assert!(!problems.contains("missing"), "{problems}");
    }
}
