//! Populated places with coordinates and population: the urban agglomerations of
//! `urban_areas.csv` (UN WUP 2018, ≥ 300,000 people), which place the users of `[[users]]`
//! and measure remoteness. An agglomeration is one built-up area whatever its
//! administrative borders, so a metro is one row, counted once.

use std::collections::HashMap;

use super::Table;
use super::jurisdictions::{COUNTRY_CODE, is_country_code};
use crate::error::{Problem, Problems, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct City {
    pub id: String,
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub population: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Cities {
    /// The file's name as read (for messages).
    pub name: String,
    pub cities: Vec<City>,
    index: HashMap<String, usize>,
}

impl Cities {
    pub fn new(table: &Table) -> Result<Cities> {
        let mut problems = Problems::default();
        let cols = ["id", "name", "country", "lat", "lon", "population"]
            .map(|c| table.require(c).map_err(|p| problems.push(p)).ok());
        let [
            Some(id),
            Some(name),
            Some(country),
            Some(lat),
            Some(lon),
            Some(pop),
        ] = cols
        else {
            return Err(problems.into());
        };
        let mut cities = Vec::with_capacity(table.len());
        let mut index = HashMap::new();
        let mut at: HashMap<(u64, u64), usize> = HashMap::new();
        for row in 0..table.len() {
            // A code in another form would match no user country (and no border rule).
            if !is_country_code(table.text(row, country)) {
                problems.push(table.cell_problem(row, country, format!("must be {COUNTRY_CODE}")));
            }
            let nums = [
                table.number_in(row, lat, -90.0, 90.0),
                table.number_in(row, lon, -180.0, 180.0),
                table.number_in(row, pop, 0.0, f64::MAX),
            ];
            match nums {
                [Ok(lat), Ok(lon), Ok(population)] => {
                    let id = table.text(row, id).to_owned();
                    if let Some(&first) = index.get(&id) {
                        let first: &City = &cities[first];
                        problems.push(
                            Problem::new(
                                &table.name,
                                format!("row {}, column id", row + 1),
                                format!(
                                    "duplicate city id (first: {}, {})",
                                    first.name, first.country
                                ),
                            )
                            .line(table.line(row))
                            .value(format!("{id:?}")),
                        );
                        continue;
                    }
                    // The same point under a second id is the same agglomeration listed
                    // twice: its users would weigh twice.
                    if let Some(&first) = at.get(&(lat.to_bits(), lon.to_bits())) {
                        let first: &City = &cities[first];
                        problems.push(
                            table
                                .cell_problem(
                                    row,
                                    table.require("lat").expect("checked above"),
                                    format!(
                                        "same coordinates as {} ({}, {}): an agglomeration listed twice would weigh twice as user points; keep one row",
                                        first.id, first.name, first.country
                                    ),
                                )
                                .value(format!("{lat}, {lon}")),
                        );
                        continue;
                    }
                    at.insert((lat.to_bits(), lon.to_bits()), cities.len());
                    index.insert(id.clone(), cities.len());
                    cities.push(City {
                        id,
                        name: table.text(row, name).to_owned(),
                        country: table.text(row, country).to_owned(),
                        lat,
                        lon,
                        population,
                    });
                }
                nums => nums.into_iter().for_each(|r| problems.push_all(r.err())),
            }
        }
        problems.into_result(Cities {
            name: table.name.clone(),
            cities,
            index,
        })
    }

    pub fn get(&self, id: &str) -> Option<&City> {
        self.index.get(id).map(|&i| &self.cities[i])
    }
}

/// The checks of a points file of `dcsite latency` (`id, lat, lon`, optional `country`) that
/// its reader leaves to the data layer: every id filled (an empty one cannot be joined back
/// to its row) and every country cell a code in the one form (`il` or `ISR` would lose
/// Israel's routing rule; an empty cell, CN's border penalty).
pub fn check_points(t: &Table) -> Problems {
    let mut problems = Problems::default();
    let (id, country) = (t.require("id").ok(), t.require("country").ok());
    for row in 0..t.len() {
        if let Some(c) = id
            && t.text(row, c).is_empty()
        {
            problems.push(t.cell_problem(row, c, "empty id: every point needs one"));
        }
        if let Some(c) = country
            && !is_country_code(t.text(row, c))
        {
            problems.push(t.cell_problem(
                row,
                c,
                format!("must be {COUNTRY_CODE}; leave the column out to give no countries"),
            ));
        }
    }
    problems
}
