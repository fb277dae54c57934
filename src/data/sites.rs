//! Candidate sites: one row a site, `id` required, every other column optional until used.

use std::collections::HashMap;

use super::Table;
use crate::error::{Problem, Problems, Result};

/// A candidate site as resolved from the sites file.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub country: String,
    /// Row in the sites file.
    pub row: usize,
    /// (latitude, longitude) in degrees, WGS 84; `None` when the sites file has no valid
    /// coordinates for it.
    pub coords: Option<(f64, f64)>,
}

/// The sites table with its validated ids.
#[derive(Debug, Clone)]
pub struct Sites {
    pub table: Table,
    ids: Vec<String>,
    index: HashMap<String, usize>,
}

/// True for kebab-case ids: lowercase ASCII letters, digits and single inner hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// True for criterion ids: lowercase letters, digits, '-' or '_', starting with a letter.
pub fn is_kebab_or_snake(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

impl Sites {
    /// Validates the `id` column: present, kebab-case, unique.
    pub fn new(table: Table) -> Result<Sites> {
        let col = table.require("id").map_err(Problems::from)?;
        let mut problems = Problems::default();
        let mut ids = Vec::with_capacity(table.len());
        let mut index = HashMap::new();
        for row in 0..table.len() {
            let id = table.text(row, col).to_owned();
            let at = |msg: &str| {
                Problem::new(&table.name, format!("row {}, column id", row + 1), msg)
                    .line(table.line(row))
                    .value(format!("{id:?}"))
            };
            if !is_kebab_case(&id) {
                problems.push(at(
                    "site ids must be kebab-case (lowercase letters, digits, hyphens)",
                ));
            } else if let Some(first) = index.insert(id.clone(), row) {
                problems.push(at(&format!(
                    "duplicate site id (first on line {})",
                    table.line(first)
                )));
            }
            ids.push(id);
        }
        if table.is_empty() {
            problems.push(Problem::new(
                &table.name,
                "",
                "no sites: the file has a header only",
            ));
        }
        // A code in another form (`jp`, `JPN`) would be blamed on the jurisdictions file,
        // once for every model that looks the country up.
        if let Ok(col) = table.require("country") {
            for row in 0..table.len() {
                let cc = table.text(row, col);
                if !cc.is_empty() && !super::is_country_code(cc) {
                    problems.push(table.cell_problem(
                        row,
                        col,
                        format!("must be {}", super::COUNTRY_CODE),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            // The ids stop the loaders that come after; report the file's other bad cells
            // now, so that one pass shows every problem of the file.
            super::ranges::check_ranges(&table, super::Kind::Sites, &mut problems);
        }
        problems.into_result(Sites { table, ids, index })
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    pub fn row(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The site's display name (`name` column, or its id).
    pub fn name(&self, row: usize) -> &str {
        match self.table.text_or_empty(row, "name") {
            "" => &self.ids[row],
            name => name,
        }
    }

    /// The site's country code, if the file has a `country` column.
    pub fn country(&self, row: usize) -> &str {
        self.table.text_or_empty(row, "country")
    }

    /// Elevation (m above sea level) from the optional `elevation_m` column, range-checked;
    /// 0 (sea level) where the file has no such column or the cell is empty.
    pub fn elevations(&self, rows: &[usize]) -> Result<Vec<f64>> {
        let Ok(col) = self.table.require("elevation_m") else {
            return Ok(vec![0.0; rows.len()]);
        };
        let mut problems = Problems::default();
        let out = rows
            .iter()
            .map(|&r| {
                self.table
                    .optional_number(r, col)
                    .map_err(|p| problems.push(p))
                    .ok()
                    .flatten()
                    .unwrap_or(0.0)
            })
            .collect();
        problems.into_result(out)
    }

    /// Latitude and longitude in degrees, range-checked.
    pub fn coordinates(&self, rows: &[usize]) -> Result<Vec<(f64, f64)>, Problems> {
        let lat = self.table.require("lat")?;
        let lon = self.table.require("lon")?;
        let mut problems = Problems::default();
        let mut out = Vec::with_capacity(rows.len());
        for &r in rows {
            match (
                self.table.number_in(r, lat, -90.0, 90.0),
                self.table.number_in(r, lon, -180.0, 180.0),
            ) {
                (Ok(a), Ok(b)) => out.push((a, b)),
                (a, b) => {
                    problems.push_all(a.err());
                    problems.push_all(b.err());
                }
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elevations_default_to_sea_level_and_refuse_bad_cells() {
        let sites = |text: &str| Sites::new(Table::parse("s.csv", text).unwrap()).unwrap();
        let s = sites("id,elevation_m\na,1250\nb,\n");
        assert_eq!(s.elevations(&[0, 1]).unwrap(), vec![1250.0, 0.0]);
        assert_eq!(sites("id\na\n").elevations(&[0]).unwrap(), vec![0.0]);
        let e = sites("id,elevation_m\na,high\n")
            .elevations(&[0])
            .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("s.csv") && msg.contains("elevation_m"),
            "{msg}"
        );
    }

    #[test]
    fn kebab_case() {
        assert!(is_kebab_case("gui-an"));
        assert!(is_kebab_case("a1"));
        assert!(!is_kebab_case("Gui-an"));
        assert!(!is_kebab_case("gui--an"));
        assert!(!is_kebab_case("-x"));
        assert!(!is_kebab_case(""));
        assert!(!is_kebab_case("gui_an"));
    }

    #[test]
    fn duplicate_ids_are_reported_with_both_lines() {
        let t = Table::parse("s.csv", "id,x\na,1\nb,2\na,3\n").unwrap();
        let err = Sites::new(t).unwrap_err().to_string();
        assert!(err.contains("s.csv:4"), "{err}");
        assert!(err.contains("duplicate site id (first on line 2)"), "{err}");
    }
}
