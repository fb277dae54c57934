//! Populated places with coordinates and population: the world cities of `cities.csv`
//! (GeoNames, ≥ 300,000 people) for user populations, and the urban agglomerations of
//! `urban_areas.csv` (UN WUP 2018, ≥ 300,000 people) for remoteness. Both files have the
//! same required columns.

use std::collections::HashMap;

use super::Table;
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
        for row in 0..table.len() {
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
        problems.into_result(Cities { cities, index })
    }

    pub fn get(&self, id: &str) -> Option<&City> {
        self.index.get(id).map(|&i| &self.cities[i])
    }
}
