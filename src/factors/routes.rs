//! Fibre path lengths through the main cable corridors.
//!
//! Great circles are a poor guide between continents: traffic from São Paulo to Johannesburg
//! or from Seoul to Stockholm does not cross open ocean on the shortest arc, it follows the
//! cables through a few landing hubs. The model: every place belongs to one of ten regions
//! (North America, South America, Europe, Africa, southern Africa, Middle East, South Asia,
//! South-East Asia, East Asia, Oceania); within a region the path is the great circle;
//! between regions it runs from the place to a hub of its region, along the shortest chain of
//! cable corridors (Floyd–Warshall over the hubs; hubs of one region are linked overland) and
//! from a hub of the other region to the other place. Two places in the same country are joined on the
//! great circle whatever their regions: national backbones run overland (Novosibirsk –
//! Vladivostok through Siberia, not through Frankfurt and Tokyo; Hanoi – Ho Chi Minh City
//! along Vietnam), and so are two places less than [`NEIGHBOURS_KM`] apart. The route factor
//! then scales the path length.
//!
//! The corridors are the main submarine systems in use (e.g. TAT/Dunant/MAREA across the
//! Atlantic, SEA-ME-WE and AAE-1 through Suez, the Pacific systems from Tokyo, Hong Kong and
//! Sydney to the US West Coast, Monet/Seabras between Brazil and the US). EllaLink
//! (Fortaleza–Sines, 2021) is left out on evidence: measured Brazil–Europe RTTs (Azure, 2026)
//! are those of a path through the US. Against 378 measured Azure RTTs this cuts the median
//! absolute error from 14.6 to 6.8 ms and the worst from 200 to 40 ms (docs/models.md).
//! Southern Africa is its own region, reached down the west coast (Lagos – Cape Town) and
//! the east coast (Mombasa – Durban): overland from Lagos or Suez the model put
//! Johannesburg 33–41 ms too close to Europe and the US.
//!
//! The `internet` path ([`LatencyPath::Internet`]) adds the peering detours of the public
//! Internet: Colombia, Venezuela, Panama and Costa Rica buy their international transit and
//! peer in Miami (no overland fibre crosses the Darién gap), so their cross-border traffic
//! routes as North American. Measured: Bogotá and Caracas → São Paulo 140–200 ms at
//! 4,400–4,700 km (RIPE Atlas, February 2023, `data/reference/internet_rtt/`), the RTT of a
//! path through Miami, against 60 ms for Santiago → São Paulo at 2,600 km.

use std::sync::OnceLock;

use crate::geo::distance_km;
use crate::scenario::LatencyPath;

/// Countries whose cross-border public-Internet traffic goes through Miami.
pub const VIA_MIAMI: [&str; 4] = ["CO", "VE", "PA", "CR"];

/// A world region for routing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    NorthAmerica,
    SouthAmerica,
    Europe,
    Africa,
    /// South Africa and its neighbours, reached by the cables along both coasts.
    SouthernAfrica,
    MiddleEast,
    SouthAsia,
    SouthEastAsia,
    EastAsia,
    Oceania,
}

/// The region of a place, by country where coordinates mislead, else by coordinates.
pub fn region(lat: f64, lon: f64, country: Option<&str>) -> Region {
    use Region::*;
    match country {
        // Xinjiang and Tibet route through the Chinese backbone; Siberia through Moscow.
        Some("CN" | "MN" | "HK" | "MO" | "TW") => return EastAsia,
        Some("IN" | "PK" | "BD" | "NP" | "LK") => return SouthAsia,
        Some("RU") => return if lon < 92.0 { Europe } else { EastAsia },
        // Turkey and the Caucasus reach Europe overland (through Istanbul and Russia), not
        // round through the Gulf and Suez.
        Some("TR" | "GE" | "AM" | "AZ") => return Europe,
        // Israel reaches Europe by the Mediterranean cables to Italy and France (its land
        // borders carry no transit): Tel Aviv – Frankfurt measures 57–68 ms (RIPE Atlas), not
        // the ~100 ms of a path round through Jeddah and Suez.
        Some("IL") => return Europe,
        // Northern Vietnam, Laos and Myanmar lie north of 20° N but route with their
        // neighbours: Hanoi – Bangkok runs overland (about 1,000 km), not through Hong Kong and
        // Singapore (about 4,900 km).
        Some("VN" | "LA" | "KH" | "TH" | "MM" | "MY" | "SG" | "ID" | "PH" | "BN" | "TL") => {
            return SouthEastAsia;
        }
        // Southern Africa's international traffic lands at Cape Town (WACS, SAT-3, Equiano
        // from Lagos and Europe) and Durban (EASSy, SEACOM from Mombasa), not overland from
        // Lagos or Suez.
        Some("ZA" | "NA" | "BW" | "ZW" | "MZ" | "LS" | "SZ") => return SouthernAfrica,
        _ => {}
    }
    if lon < -30.0 {
        if lat > 12.0 {
            NorthAmerica
        } else if lon < -120.0 {
            // The Pacific east of 180° (Samoa, Tonga, French Polynesia): Oceania, as west of it.
            Oceania
        } else {
            SouthAmerica
        }
    } else if lat < -11.0 && lon > 110.0 {
        Oceania
    } else if lon >= 92.0 && lat > -11.0 {
        if lat >= 20.0 { EastAsia } else { SouthEastAsia }
    } else if (60.0..92.0).contains(&lon) && lat <= 37.0 {
        SouthAsia
    } else if (34.0..63.0).contains(&lon) && (12.0..=42.0).contains(&lat) {
        MiddleEast
    } else if lat > 35.0 || lon >= 60.0 {
        Europe
    } else if lat < -17.0 && (10.0..41.0).contains(&lon) {
        SouthernAfrica
    } else {
        Africa
    }
}

/// Cable landing and interconnection hubs: (name, lat, lon).
const HUBS: [(&str, f64, f64); 30] = [
    ("ashburn", 39.04, -77.49),
    ("new-york", 40.71, -74.0),
    ("miami", 25.76, -80.19),
    ("los-angeles", 34.05, -118.24),
    ("seattle", 47.61, -122.33),
    ("fortaleza", -3.73, -38.52),
    ("sao-paulo", -23.55, -46.63),
    ("valparaiso", -33.05, -71.62),
    ("barranquilla", 10.96, -74.8),
    ("london", 51.51, -0.13),
    ("marseille", 43.3, 5.37),
    ("lisbon", 38.72, -9.14),
    ("frankfurt", 50.11, 8.68),
    ("cape-town", -33.92, 18.42),
    ("durban", -29.86, 31.03),
    ("lagos", 6.45, 3.39),
    ("mombasa", -4.04, 39.67),
    ("suez", 29.97, 32.55),
    ("jeddah", 21.49, 39.19),
    ("fujairah", 25.13, 56.33),
    ("mumbai", 19.08, 72.88),
    ("chennai", 13.08, 80.27),
    ("singapore", 1.29, 103.85),
    ("manila", 14.6, 120.98),
    ("da-nang", 16.05, 108.22),
    ("hong-kong", 22.32, 114.17),
    ("tokyo", 35.68, 139.69),
    ("sydney", -33.87, 151.21),
    ("perth", -31.95, 115.86),
    ("auckland", -36.85, 174.76),
];

/// Cable corridors between hubs of different regions.
const CABLES: [(&str, &str); 28] = [
    ("new-york", "london"),
    ("ashburn", "lisbon"),
    ("miami", "fortaleza"),
    ("miami", "barranquilla"),
    ("los-angeles", "valparaiso"),
    ("new-york", "sao-paulo"),
    ("lisbon", "lagos"),
    // Down the west coast (WACS, SAT-3, ACE, Equiano) and the east coast (EASSy, SEACOM).
    ("lagos", "cape-town"),
    ("mombasa", "durban"),
    ("marseille", "suez"),
    ("suez", "jeddah"),
    ("suez", "mombasa"),
    ("jeddah", "mumbai"),
    ("fujairah", "mumbai"),
    ("mumbai", "singapore"),
    ("chennai", "singapore"),
    ("singapore", "hong-kong"),
    ("singapore", "tokyo"),
    ("singapore", "fujairah"),
    ("tokyo", "seattle"),
    ("tokyo", "los-angeles"),
    ("hong-kong", "los-angeles"),
    ("sydney", "los-angeles"),
    ("auckland", "los-angeles"),
    ("perth", "singapore"),
    ("sydney", "tokyo"),
    // Luzon to Hong Kong (e.g. APG, SJC, EAC-C2C): Manila need not go round via Singapore.
    ("manila", "hong-kong"),
    // Vietnam to Hong Kong (APG, SJC2, AAG): Hanoi need not go round via Singapore.
    ("da-nang", "hong-kong"),
];

struct Graph {
    region: Vec<Region>,
    /// Shortest hub-to-hub path lengths (km).
    km: Vec<Vec<f64>>,
}

fn graph() -> &'static Graph {
    static G: OnceLock<Graph> = OnceLock::new();
    G.get_or_init(|| {
        let n = HUBS.len();
        let region: Vec<Region> = HUBS.iter().map(|h| region(h.1, h.2, None)).collect();
        let gc = |a: usize, b: usize| distance_km(HUBS[a].1, HUBS[a].2, HUBS[b].1, HUBS[b].2);
        let mut km = vec![vec![f64::INFINITY; n]; n];
        for a in 0..n {
            for b in 0..n {
                if a == b {
                    km[a][b] = 0.0;
                } else if region[a] == region[b] {
                    km[a][b] = gc(a, b);
                }
            }
        }
        let at = |name: &str| {
            HUBS.iter()
                .position(|h| h.0 == name)
                .expect("cable ends are hubs")
        };
        for (x, y) in CABLES {
            let (a, b) = (at(x), at(y));
            km[a][b] = km[a][b].min(gc(a, b));
            km[b][a] = km[a][b];
        }
        for k in 0..n {
            for a in 0..n {
                for b in 0..n {
                    let via = km[a][k] + km[k][b];
                    if via < km[a][b] {
                        km[a][b] = via;
                    }
                }
            }
        }
        Graph { region, km }
    })
}

/// A place for routing: coordinates and, where known, country.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub lat: f64,
    pub lon: f64,
    pub country: Option<&'a str>,
}

/// Length (km) of the backbone fibre path between two places, before the route factor
/// (the tests' shorthand for [`path_km_on`] on the backbone).
#[cfg(test)]
pub fn path_km(a: At<'_>, b: At<'_>) -> f64 {
    path_km_on(LatencyPath::Backbone, a, b)
}

/// The region of a place on a path: the internet path moves [`VIA_MIAMI`] countries to North
/// America.
fn region_on(path: LatencyPath, p: At<'_>) -> Region {
    match (path, p.country) {
        (LatencyPath::Internet, Some(c)) if VIA_MIAMI.contains(&c) => Region::NorthAmerica,
        _ => region(p.lat, p.lon, p.country),
    }
}

/// Length (km) of the fibre path between two places on `path`, before the route factor.
/// The internet path is never shorter than the backbone path: the public Internet uses the
/// same cables and only adds detours (a detour country's place may sit nearer a North
/// American hub than the backbone's landing hub is, hence the `max`).
pub fn path_km_on(path: LatencyPath, a: At<'_>, b: At<'_>) -> f64 {
    match path {
        LatencyPath::Backbone => corridor_km(LatencyPath::Backbone, a, b),
        LatencyPath::Internet => {
            corridor_km(LatencyPath::Internet, a, b).max(corridor_km(LatencyPath::Backbone, a, b))
        }
    }
}

/// Places this close are joined on the great circle whatever their regions: one metro area, or
/// the two sides of a border or of the 180° meridian, is not routed through distant hubs.
pub const NEIGHBOURS_KM: f64 = 50.0;

fn corridor_km(path: LatencyPath, a: At<'_>, b: At<'_>) -> f64 {
    let (ra, rb) = (region_on(path, a), region_on(path, b));
    let domestic = matches!((a.country, b.country), (Some(x), Some(y)) if x == y);
    let direct = distance_km(a.lat, a.lon, b.lat, b.lon);
    if ra == rb || domestic || direct < NEIGHBOURS_KM {
        return direct;
    }
    let g = graph();
    let mut best = f64::INFINITY;
    for (h1, hub1) in HUBS.iter().enumerate().filter(|(k, _)| g.region[*k] == ra) {
        let first = distance_km(a.lat, a.lon, hub1.1, hub1.2);
        for (h2, hub2) in HUBS.iter().enumerate().filter(|(k, _)| g.region[*k] == rb) {
            let total = first + g.km[h1][h2] + distance_km(hub2.1, hub2.2, b.lat, b.lon);
            best = best.min(total);
        }
    }
    // Every region has a hub and the corridors connect them all.
    debug_assert!(best.is_finite());
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> At<'static> {
        At {
            lat,
            lon,
            country: None,
        }
    }

    #[test]
    fn every_hub_reaches_every_other() {
        let g = graph();
        assert!(g.km.iter().flatten().all(|d| d.is_finite()));
    }

    #[test]
    fn same_region_is_the_great_circle_and_paths_are_never_shorter() {
        let (paris, berlin) = (at(48.86, 2.35), at(52.52, 13.40));
        assert_eq!(
            path_km(paris, berlin),
            distance_km(48.86, 2.35, 52.52, 13.40)
        );
        // São Paulo – Johannesburg goes round through the US and Europe: far longer than
        // the 7,400 km great circle.
        let (sp, jnb) = (at(-23.55, -46.63), at(-26.2, 28.05));
        assert!(path_km(sp, jnb) > 1.8 * distance_km(-23.55, -46.63, -26.2, 28.05));
        for (a, b) in [
            (sp, jnb),
            (paris, at(1.29, 103.85)),
            (at(35.7, 139.7), at(40.7, -74.0)),
        ] {
            assert!(path_km(a, b) >= distance_km(a.lat, a.lon, b.lat, b.lon) - 1e-9);
            assert!((path_km(a, b) - path_km(b, a)).abs() < 1e-6, "symmetric");
        }
    }

    #[test]
    fn the_pacific_east_of_180_is_oceania_and_neighbours_are_never_routed_apart() {
        use Region::*;
        // Nuku'alofa (Tonga), Apia (Samoa), Papeete: Oceania, as Suva west of 180° is.
        for (lat, lon) in [(-21.14, -175.2), (-13.83, -171.76), (-17.53, -149.57)] {
            assert_eq!(region(lat, lon, None), Oceania, "{lat}, {lon}");
        }
        assert_eq!(region(-18.14, 178.44, None), Oceania);
        // Hawaii stays North American, Lima and Quito South American.
        assert_eq!(region(21.31, -157.86, None), NorthAmerica);
        assert_eq!(region(-12.05, -77.04, None), SouthAmerica);
        assert_eq!(region(-0.18, -78.47, None), SouthAmerica);
        // Suva – Nuku'alofa, 745 km: the great circle (it was ~8,800 km through the Americas).
        let (suva, tonga) = (at(-18.14, 178.44), at(-21.14, -175.2));
        let gc = distance_km(suva.lat, suva.lon, tonga.lat, tonga.lon);
        assert!((700.0..800.0).contains(&gc), "{gc}");
        assert_eq!(path_km(suva, tonga), gc);
        // One point written at +180° and at −180°, the two sides of Taveuni (2 km), and two
        // copies of the north pole: the great circle, on both paths.
        for (a, b) in [
            (at(10.0, 180.0), at(10.0, -180.0)),
            (at(-16.8, 179.99), at(-16.8, -179.99)),
            (at(90.0, 0.0), at(90.0, 120.0)),
        ] {
            let gc = distance_km(a.lat, a.lon, b.lat, b.lon);
            assert!(gc < 3.0, "{gc}");
            for p in [LatencyPath::Backbone, LatencyPath::Internet] {
                assert_eq!(path_km_on(p, a, b), gc);
            }
        }
    }

    #[test]
    fn southern_africa_is_reached_along_the_coasts() {
        use Region::*;
        let jnb = at(-26.2, 28.05);
        assert_eq!(region(jnb.lat, jnb.lon, None), SouthernAfrica);
        assert_eq!(region(-22.56, 17.08, Some("NA")), SouthernAfrica);
        assert_eq!(region(-1.29, 36.82, None), Africa);
        // Frankfurt – Johannesburg through Suez, Mombasa and Durban: about 11,000 km, not
        // overland from Suez (9,900 km before). Azure measures Switzerland North – South
        // Africa North at 168 ms.
        let fra_jnb = path_km(at(50.11, 8.68), jnb);
        assert!((10_500.0..11_500.0).contains(&fra_jnb), "{fra_jnb}");
        // Lagos – Johannesburg down the west coast by Cape Town, not overland.
        assert!(path_km(at(6.45, 3.39), jnb) > 5_500.0);
        // Within southern Africa, the great circle.
        let cpt = at(-33.92, 18.42);
        assert_eq!(
            path_km(cpt, jnb),
            distance_km(cpt.lat, cpt.lon, jnb.lat, jnb.lon)
        );
    }

    fn in_country(lat: f64, lon: f64, cc: &'static str) -> At<'static> {
        At {
            lat,
            lon,
            country: Some(cc),
        }
    }

    #[test]
    fn domestic_paths_stay_in_the_country() {
        // Novosibirsk (Europe for routing) – Vladivostok (East Asia): overland through Siberia,
        // about 3,700 km, not round through Frankfurt and Tokyo.
        let (nsk, vvo) = (
            in_country(55.03, 82.92, "RU"),
            in_country(43.12, 131.89, "RU"),
        );
        let gc = distance_km(55.03, 82.92, 43.12, 131.89);
        assert_eq!(path_km(nsk, vvo), gc);
        assert!(path_km(at(55.03, 82.92), at(43.12, 131.89)) > 3.0 * gc);
        // Hanoi (East Asia by latitude) – Ho Chi Minh City (South-East Asia).
        let (han, sgn) = (
            in_country(21.03, 105.85, "VN"),
            in_country(10.82, 106.63, "VN"),
        );
        assert_eq!(path_km(han, sgn), distance_km(21.03, 105.85, 10.82, 106.63));
    }

    #[test]
    fn new_corridors_shorten_the_detours() {
        // Manila – Hong Kong (1,100 km) goes straight, not via Singapore (~5,000 km).
        let (mnl, hkg) = (
            in_country(14.6, 120.98, "PH"),
            in_country(22.32, 114.17, "HK"),
        );
        assert!(path_km(mnl, hkg) < 1.3 * distance_km(14.6, 120.98, 22.32, 114.17));
        // Tbilisi – Istanbul overland (~1,400 km), not via Jeddah, Suez and Marseille.
        assert_eq!(region(41.72, 44.79, None), Region::MiddleEast);
        let (tbs, ist) = (
            in_country(41.72, 44.79, "GE"),
            in_country(41.01, 28.98, "TR"),
        );
        assert!(path_km(tbs, ist) < 1.2 * distance_km(41.72, 44.79, 41.01, 28.98));
    }

    #[test]
    fn internet_paths_detour_through_miami_and_are_never_shorter() {
        // Bogotá – São Paulo: 4,300 km great circle; on the internet path via Miami and
        // Fortaleza, about 9,100 km (measured 155–165 ms from Bogotá, RIPE Atlas 2023).
        let (bog, gru) = (
            in_country(4.71, -74.07, "CO"),
            in_country(-23.55, -46.63, "BR"),
        );
        let gc = distance_km(4.71, -74.07, -23.55, -46.63);
        assert_eq!(path_km(bog, gru), gc);
        let via_miami = path_km_on(LatencyPath::Internet, bog, gru);
        assert!(via_miami > 2.0 * gc && via_miami < 2.3 * gc, "{via_miami}");
        // Domestic traffic stays domestic; Bogotá – Miami is direct, but never shorter than
        // the backbone's path through the Barranquilla landing.
        let med = in_country(6.24, -75.58, "CO");
        assert_eq!(
            path_km_on(LatencyPath::Internet, bog, med),
            distance_km(4.71, -74.07, 6.24, -75.58)
        );
        let mia = in_country(25.76, -80.19, "US");
        assert_eq!(
            path_km_on(LatencyPath::Internet, bog, mia),
            path_km(bog, mia)
        );
        assert!(path_km(bog, mia) < 1.01 * distance_km(4.71, -74.07, 25.76, -80.19));
        for (a, b) in [
            (bog, gru),
            (med, mia),
            (
                in_country(41.72, 44.79, "GE"),
                in_country(35.69, 51.39, "IR"),
            ),
            (
                in_country(55.75, 37.62, "RU"),
                in_country(35.68, 139.69, "JP"),
            ),
        ] {
            assert!(path_km_on(LatencyPath::Internet, a, b) >= path_km(a, b));
        }
    }

    #[test]
    fn countries_override_coordinates() {
        // Urumqi (87.6° E) and Lhasa (91.1° E) would fall in Europe and South Asia by
        // coordinates; they route through China.
        assert_eq!(region(43.8, 87.6, Some("CN")), Region::EastAsia);
        assert_eq!(region(29.65, 91.1, Some("CN")), Region::EastAsia);
        assert_eq!(region(43.8, 87.6, None), Region::Europe);
        // Hanoi (21° N) and Mandalay (22° N) route with South-East Asia, not East Asia.
        assert_eq!(region(21.03, 105.85, None), Region::EastAsia);
        assert_eq!(region(21.03, 105.85, Some("VN")), Region::SouthEastAsia);
        assert_eq!(region(21.98, 96.08, Some("MM")), Region::SouthEastAsia);
    }

    #[test]
    fn south_east_asia_stays_in_the_region() {
        // Hanoi – Bangkok (990 km) and Mandalay – Bangkok overland, not round through Hong
        // Kong and Singapore (about 4,900 km).
        let (han, bkk, mdl) = (
            in_country(21.03, 105.85, "VN"),
            in_country(13.75, 100.5, "TH"),
            in_country(21.98, 96.08, "MM"),
        );
        assert_eq!(path_km(han, bkk), distance_km(21.03, 105.85, 13.75, 100.5));
        assert_eq!(path_km(mdl, bkk), distance_km(21.98, 96.08, 13.75, 100.5));
        // Hanoi – Hong Kong (870 km) through the Da Nang landing (about 1,540 km), not via
        // Singapore (about 4,800 km).
        let hkg = in_country(22.32, 114.17, "HK");
        let gc = distance_km(21.03, 105.85, 22.32, 114.17);
        let km = path_km(han, hkg);
        assert!(km > gc && km < 1.8 * gc, "{km}");
    }
}
