//! Remoteness from urban areas, measured on urban agglomerations (`urban_areas.csv`: UN World
//! Urbanization Prospects 2018, agglomerations of ≥ 300,000 people, 2020 populations), not on
//! administrative cities, whose population can include a whole rural prefecture.
//!
//! - `nearest_metro_km` = min over agglomerations a with P_a ≥ 1,000,000 of d(site, a)
//! - `pop_Rkm_m` = Σ P_a over agglomerations with d(site, a) ≤ R, in millions (R = 50, 100)
//!
//! d is the great-circle distance to the agglomeration's point. Whether remoteness is a
//! benefit (security, land) or a cost (staff, logistics) is the model's choice of direction.

use crate::data::Cities;
use crate::geo::distance_km;

pub const METRO_MIN_POPULATION: f64 = 1_000_000.0;
pub const NEAR_RADIUS_KM: f64 = 50.0;
pub const RADIUS_KM: f64 = 100.0;

#[derive(Debug, Clone)]
pub struct Remoteness {
    pub nearest_metro_km: Vec<f64>,
    /// Millions of people in listed urban agglomerations within 50 km.
    pub pop_50km_m: Vec<f64>,
    /// Millions of people in listed urban agglomerations within 100 km.
    pub pop_100km_m: Vec<f64>,
    /// Id of the nearest agglomeration of ≥ 1 M people of each site.
    pub nearest_metro: Vec<String>,
}

impl Remoteness {
    /// `urban` is the urban-agglomeration list (`urban_areas.csv`).
    pub fn build(urban: &Cities, xy: &[(f64, f64)]) -> Remoteness {
        let mut r = Remoteness {
            nearest_metro_km: Vec::with_capacity(xy.len()),
            pop_50km_m: Vec::with_capacity(xy.len()),
            pop_100km_m: Vec::with_capacity(xy.len()),
            nearest_metro: Vec::with_capacity(xy.len()),
        };
        for &(lat, lon) in xy {
            let (mut best, mut id) = (f64::INFINITY, String::new());
            let (mut pop50, mut pop100) = (0.0, 0.0);
            for c in &urban.cities {
                let d = distance_km(lat, lon, c.lat, c.lon);
                if c.population >= METRO_MIN_POPULATION && d < best {
                    best = d;
                    id.clone_from(&c.id);
                }
                if d <= NEAR_RADIUS_KM {
                    pop50 += c.population;
                }
                if d <= RADIUS_KM {
                    pop100 += c.population;
                }
            }
            r.nearest_metro_km.push(best);
            r.pop_50km_m.push(pop50 / 1e6);
            r.pop_100km_m.push(pop100 / 1e6);
            r.nearest_metro.push(id);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataPaths, Kind, Sites, Table, load_table};

    #[test]
    fn nearest_metro_and_population_within_radii() {
        let t = Table::parse(
            "u.csv",
            "id,name,country,lat,lon,population\nbig,Big,XX,0,1,2000000\nsmall,Small,XX,0,0.3,400000\nmid,Mid,XX,0,0.6,500000\nfar,Far,XX,0,10,5000000\n",
        )
        .unwrap();
        let r = Remoteness::build(&Cities::new(&t).unwrap(), &[(0.0, 0.0)]);
        // One degree at the equator is 111.2 km: 'big' is the nearest agglomeration of ≥ 1 M;
        // 'small' (33 km) is within 50 km, 'mid' (67 km) within 100 km only.
        assert!((r.nearest_metro_km[0] - 111.195).abs() < 0.01);
        assert_eq!(r.nearest_metro[0], "big");
        assert!((r.pop_50km_m[0] - 0.4).abs() < 1e-12);
        assert!((r.pop_100km_m[0] - 0.9).abs() < 1e-12);
    }

    /// Known cases on the shipped data: metro sites sit within 15 km of an urban agglomeration
    /// of ≥ 1 M people, remote ones more than 100 km from any. Frankfurt is the one metro that
    /// fails: WUP 2018 counts Frankfurt am Main as its city proper (0.78 M in 2020), so the
    /// nearest agglomeration of ≥ 1 M is Cologne (Köln), about 150 km away.
    #[test]
    fn shipped_urban_areas_known_cases() {
        let paths = DataPaths::default();
        let urban = Cities::new(&load_table(&paths, Kind::UrbanAreas).unwrap().0).unwrap();
        let sites = Sites::new(load_table(&paths, Kind::Sites).unwrap().0).unwrap();
        let at = |id: &str| {
            let row = sites.row(id).unwrap();
            let xy = sites.coordinates(&[row]).unwrap();
            Remoteness::build(&urban, &xy)
        };
        for id in ["beijing", "shanghai"] {
            let r = at(id);
            assert!(
                r.nearest_metro_km[0] < 15.0,
                "{id}: {}",
                r.nearest_metro_km[0]
            );
            assert!(r.pop_50km_m[0] > 15.0, "{id}: {}", r.pop_50km_m[0]);
        }
        let f = at("frankfurt");
        assert_eq!(f.nearest_metro[0], "koln-cologne-de");
        assert!(f.nearest_metro_km[0] > 140.0);
        for id in ["qingyang", "zhongwei", "ulanqab", "lulea", "the-dalles"] {
            let r = at(id);
            assert!(
                r.nearest_metro_km[0] > 100.0,
                "{id}: {}",
                r.nearest_metro_km[0]
            );
            assert!(r.pop_50km_m[0] == 0.0, "{id}: {}", r.pop_50km_m[0]);
        }
        // Gui'an New Area lies between Guiyang and Anshun: a metro, not a remote site.
        assert!(at("gui-an").nearest_metro_km[0] < 30.0);
    }
}
