//! Remoteness: distance to the nearest city of ≥ 1 million people and the population of
//! the listed cities (≥ 300,000 people, `cities.csv`) within 100 km. Whether remoteness is a
//! benefit (security, land) or a cost (staff, logistics) is the model's choice of direction.

use crate::data::Cities;
use crate::geo::distance_km;

pub const METRO_MIN_POPULATION: f64 = 1_000_000.0;
pub const RADIUS_KM: f64 = 100.0;

#[derive(Debug, Clone)]
pub struct Remoteness {
    pub nearest_metro_km: Vec<f64>,
    /// Millions of people in listed cities within 100 km.
    pub pop_100km_m: Vec<f64>,
    /// Id of the nearest metro of each site.
    pub nearest_metro: Vec<String>,
}

impl Remoteness {
    pub fn build(cities: &Cities, xy: &[(f64, f64)]) -> Remoteness {
        let mut r = Remoteness {
            nearest_metro_km: Vec::new(),
            pop_100km_m: Vec::new(),
            nearest_metro: Vec::new(),
        };
        for &(lat, lon) in xy {
            let (mut best, mut id, mut pop) = (f64::INFINITY, String::new(), 0.0);
            for c in &cities.cities {
                let d = distance_km(lat, lon, c.lat, c.lon);
                if c.population >= METRO_MIN_POPULATION && d < best {
                    best = d;
                    id.clone_from(&c.id);
                }
                if d <= RADIUS_KM {
                    pop += c.population;
                }
            }
            r.nearest_metro_km.push(best);
            r.pop_100km_m.push(pop / 1e6);
            r.nearest_metro.push(id);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Table;

    #[test]
    fn nearest_metro_and_population_within_radius() {
        let t = Table::parse(
            "c.csv",
            "id,name,country,lat,lon,population\nbig,Big,XX,0,1,2000000\nsmall,Small,XX,0,0.5,400000\nfar,Far,XX,0,10,5000000\n",
        )
        .unwrap();
        let r = Remoteness::build(&Cities::new(&t).unwrap(), &[(0.0, 0.0)]);
        // One degree at the equator is 111.2 km: 'big' is the nearest metro; only 'small'
        // lies within 100 km.
        assert!((r.nearest_metro_km[0] - 111.195).abs() < 0.01);
        assert_eq!(r.nearest_metro[0], "big");
        assert!((r.pop_100km_m[0] - 0.4).abs() < 1e-12);
    }
}
