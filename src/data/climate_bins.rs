//! Hourly climate bins of a typical year, long format: `site_id, month, t_db_c, t_dp_c, hours`.
//!
//! Each row counts the hours of one month whose dry-bulb and dew-point temperatures round to
//! `t_db_c` and `t_dp_c` (1 °C bins, the ASHRAE bin method); `data/derive_climate.py` derives
//! them from the hourly typical-year files. A site's bins must cover a whole year: every month
//! holds 24 × its days hours (February 28 or 29 days).

use std::collections::HashMap;

use super::Table;
use crate::error::{Problem, Problems, Result};

/// One bin: hours of a month at one (dry-bulb, dew point) pair, °C.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    pub t_db_c: f64,
    pub t_dp_c: f64,
    pub hours: f64,
}

/// Twelve months of bins per site id.
#[derive(Debug, Clone, Default)]
pub struct ClimateBins {
    /// The file's name as read (for messages).
    pub name: String,
    by_site: HashMap<String, [Vec<Bin>; 12]>,
}

const DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

impl ClimateBins {
    /// Parses and checks the table: months 1–12, temperatures within −90…60 °C, dew point ≤
    /// dry bulb, positive whole hours, and per site every month complete.
    pub fn new(table: &Table) -> Result<ClimateBins> {
        let mut problems = Problems::default();
        let cols = ["site_id", "month", "t_db_c", "t_dp_c", "hours"]
            .map(|c| table.require(c).map_err(|p| problems.push(p)).ok());
        let [Some(site), Some(month), Some(db), Some(dp), Some(hours)] = cols else {
            return Err(problems.into());
        };
        let mut by_site: HashMap<String, [Vec<Bin>; 12]> = HashMap::new();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for row in 0..table.len() {
            let id = table.text(row, site);
            if !first_line.contains_key(id) {
                first_line.insert(id.to_owned(), table.line(row));
            }
            let cells = [
                table.number_in(row, month, 1.0, 12.0),
                table.number_in(row, db, -90.0, 60.0),
                table.number_in(row, dp, -90.0, 60.0),
                table.number_in(row, hours, 1.0, 744.0),
            ];
            let [Ok(m), Ok(t_db_c), Ok(t_dp_c), Ok(h)] = cells else {
                for c in cells {
                    problems.push_all(c.err());
                }
                continue;
            };
            let at = |key: &str, msg: String| {
                Problem::new(&table.name, format!("row {}, {key}", row + 1), msg)
                    .line(table.line(row))
            };
            if m.fract() != 0.0 || h.fract() != 0.0 {
                problems.push(at(
                    "columns month/hours",
                    format!("month and hours must be whole numbers, got {m} and {h}"),
                ));
                continue;
            }
            if t_dp_c > t_db_c {
                problems.push(at(
                    "column t_dp_c",
                    format!("dew point {t_dp_c} exceeds the dry bulb {t_db_c}"),
                ));
            }
            let bin = Bin {
                t_db_c,
                t_dp_c,
                hours: h,
            };
            // Looked up by the borrowed id: a string is made once per site, not per row.
            match by_site.get_mut(id) {
                Some(months) => months[m as usize - 1].push(bin),
                None => by_site.entry(id.to_owned()).or_default()[m as usize - 1].push(bin),
            }
        }
        for (id, months) in &by_site {
            for (m, bins) in months.iter().enumerate() {
                let total: f64 = bins.iter().map(|b| b.hours).sum();
                let days = total / 24.0;
                let leap_feb = m == 1 && total == 29.0 * 24.0;
                if total != f64::from(DAYS[m] * 24) && !leap_feb {
                    problems.push(
                        Problem::new(
                            &table.name,
                            format!("site_id {id}, month {}", m + 1),
                            format!(
                                "the bins hold {total} hours ({days:.2} days); a month needs 24 hours for each of its {} days",
                                DAYS[m]
                            ),
                        )
                        .line(first_line[id]),
                    );
                }
            }
        }
        problems.into_result(ClimateBins {
            name: table.name.clone(),
            by_site,
        })
    }

    pub fn get(&self, site_id: &str) -> Option<&[Vec<Bin>; 12]> {
        self.by_site.get(site_id)
    }

    pub fn site_ids(&self) -> impl Iterator<Item = &str> {
        self.by_site.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(site: &str) -> String {
        let mut s = String::new();
        for (m, d) in DAYS.iter().enumerate() {
            s += &format!("{site},{},10,5,{}\n", m + 1, d * 24);
        }
        s
    }

    #[test]
    fn a_whole_year_loads() {
        let text = format!("site_id,month,t_db_c,t_dp_c,hours\n{}", year("a"));
        let b = ClimateBins::new(&Table::parse("b.csv", &text).unwrap()).unwrap();
        let months = b.get("a").unwrap();
        assert_eq!(months[1][0].hours, 28.0 * 24.0);
        assert_eq!(months.iter().map(Vec::len).sum::<usize>(), 12);
    }

    #[test]
    fn incomplete_months_and_inverted_dew_points_are_reported() {
        let text = format!(
            "site_id,month,t_db_c,t_dp_c,hours\n{}a,3,4,9,1\n",
            year("a")
        );
        let err = ClimateBins::new(&Table::parse("b.csv", &text).unwrap())
            .unwrap_err()
            .to_string();
        assert!(err.contains("dew point 9 exceeds the dry bulb 4"), "{err}");
        assert!(err.contains("site_id a, month 3"), "{err}");
        assert!(err.contains("the bins hold 745 hours"), "{err}");
    }
}
