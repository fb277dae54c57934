//! User populations: the scenario's `[[users]]` groups resolved to weighted points.
//!
//! A group names countries and/or metros. A country contributes every urban agglomeration of
//! `urban_areas.csv` (UN WUP 2018, ≥ 300,000 people) in it; a metro is one agglomeration by
//! id. Agglomerations do not overlap, so a metro is counted once. A point's weight within its group is
//! population × internet users % of its country (`jurisdictions.csv`), normalised to 1 over
//! the group; the group's share of all users comes from the scenario (optionally perturbed
//! per draw by lognormal noise with the scenario's `user_share_cv`, then renormalised).

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::data::{Cities, City, Jurisdictions};
use crate::error::{Problem, Problems, Result};
use crate::scenario::{LatencyPath, Scenario, UserGroup};

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub id: String,
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub group: usize,
    /// Weight within the group (sums to 1 over the group's points).
    pub weight: f64,
}

#[derive(Debug, Clone)]
pub struct Users {
    pub names: Vec<String>,
    /// Base share of each group (sums to 1).
    pub shares: Vec<f64>,
    /// The network path of each group's users to the sites.
    pub paths: Vec<LatencyPath>,
    pub points: Vec<Point>,
}

impl Users {
    /// Resolves the groups to weighted points. Every group ends with points whose weights sum
    /// to 1: a group, country or metro whose points all weigh 0 is a problem, not dropped.
    pub fn build(
        groups: &[UserGroup],
        cities: &Cities,
        juris: &Jurisdictions,
        scenario: &Scenario,
    ) -> Result<Users> {
        let file = &scenario.file.name;
        let mut problems = Problems::default();
        if groups.is_empty() {
            return Err(
                Problem::new(file.clone(), "users", "no [[users]] groups in the scenario").into(),
            );
        }
        let files = Files {
            scenario: file,
            cities: &cities.name,
            juris: &juris.table.name,
        };
        let mut points = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            let named = named_places(g, group, cities, juris, &files, &mut problems);
            problems.push_all(weight_problems(g, group, &named, &files));
            let start = points.len();
            points.extend(named.into_iter().flat_map(|n| n.points));
            let total: f64 = points[start..].iter().map(|p| p.weight).sum();
            if total > 0.0 {
                for p in &mut points[start..] {
                    p.weight /= total;
                }
            }
        }
        problems.into_result(Users {
            names: groups.iter().map(|g| g.name.clone()).collect(),
            shares: groups.iter().map(|g| g.share).collect(),
            paths: groups.iter().map(|g| g.latency_path).collect(),
            points,
        })
    }

    /// Shares for one draw: base share × exp(σz − σ²/2), renormalised (σ from the CV).
    pub fn sample_shares<R: Rng + ?Sized>(&self, rng: &mut R, cv: f64, out: &mut [f64]) {
        out.copy_from_slice(&self.shares);
        if cv <= 0.0 {
            return;
        }
        let sigma = (1.0 + cv * cv).ln().sqrt();
        let mut total = 0.0;
        for s in out.iter_mut() {
            let z: f64 = StandardNormal.sample(rng);
            *s *= (sigma * z - 0.5 * sigma * sigma).exp();
            total += *s;
        }
        for s in out.iter_mut() {
            *s /= total;
        }
    }
}

fn point(c: &City, group: usize, weight: f64) -> Point {
    Point {
        id: c.id.clone(),
        name: c.name.clone(),
        country: c.country.clone(),
        lat: c.lat,
        lon: c.lon,
        group,
        weight,
    }
}

/// The files the problems of a group name.
struct Files<'a> {
    scenario: &'a str,
    cities: &'a str,
    juris: &'a str,
}

/// A country or metro that a group names, with the points it adds (unweighted by the group).
struct Named<'a> {
    /// `countries[k]` or `metros[k]`.
    key: String,
    /// The country code or city id as written.
    written: &'a str,
    country: &'a str,
    /// The country's `internet_users_pct`; `None` when the jurisdictions file lacks it (a
    /// problem of its own).
    internet_pct: Option<f64>,
    points: Vec<Point>,
}

impl Named<'_> {
    fn weighs_nothing(&self) -> bool {
        self.internet_pct.is_some() && self.points.iter().all(|p| p.weight == 0.0)
    }

    /// Which zero makes its points weigh nothing, and the way out.
    fn zero(&self, files: &Files) -> (String, String) {
        let (cc, id) = (self.country, self.written);
        if self.internet_pct == Some(0.0) {
            (
                format!("{cc} has internet_users_pct 0 in {}", files.juris),
                format!("give {cc} an internet_users_pct > 0"),
            )
        } else if self.key.starts_with("metros") {
            (
                format!("{id} has population 0 in {}", files.cities),
                format!("give {id} a population > 0"),
            )
        } else {
            (
                format!("every city of {cc} in {} has population 0", files.cities),
                format!("give a city of {cc} a population > 0"),
            )
        }
    }
}

/// The countries and metros of group `g` with their points, weighted population ×
/// internet users %; unknown countries and metros are problems.
fn named_places<'a>(
    g: usize,
    group: &'a UserGroup,
    cities: &'a Cities,
    juris: &Jurisdictions,
    files: &Files,
    problems: &mut Problems,
) -> Vec<Named<'a>> {
    // The country's internet_users_pct; a country without a jurisdictions row is named at
    // the scenario's key, with the way out.
    let internet = |key: String, value: &str, country: &str, problems: &mut Problems| {
        if !juris.contains(country) {
            problems.push(missing_row(files, key, value, country));
            return None;
        }
        juris
            .number(country, "internet_users_pct", "user weights")
            .map_err(|p| problems.push(p))
            .ok()
    };
    let weighed =
        |c: &City, pct: Option<f64>| point(c, g, c.population * (pct.unwrap_or(0.0) / 100.0));
    let mut out = Vec::new();
    for (k, cc) in group.countries.iter().enumerate() {
        let found: Vec<&City> = cities.cities.iter().filter(|c| &c.country == cc).collect();
        if found.is_empty() {
            problems.push(
                Problem::new(
                    files.scenario,
                    format!("users[{g}].countries[{k}]"),
                    if juris.contains(cc) {
                        format!(
                            "no urban agglomeration of {} is in this country (the shipped file lists those of 300,000 people or more: CY, IS, LI, LU, MT and SI have none); give a [data] urban_areas file of your own with its places, or leave the country out",
                            files.cities
                        )
                    } else {
                        format!(
                            "not a country of {} or {} (ISO 3166-1 alpha-2 codes, upper case)",
                            files.cities, files.juris
                        )
                    },
                )
                .value(format!("{cc:?}")),
            );
            continue;
        }
        let pct = internet(format!("users[{g}].countries[{k}]"), cc, cc, problems);
        out.push(Named {
            key: format!("countries[{k}]"),
            written: cc,
            country: cc,
            internet_pct: pct,
            points: found.into_iter().map(|c| weighed(c, pct)).collect(),
        });
    }
    for (k, id) in group.metros.iter().enumerate() {
        match cities.get(id) {
            // Already in through its country: counting it twice would double it.
            Some(c) if group.countries.contains(&c.country) => {}
            Some(c) => {
                let pct = internet(format!("users[{g}].metros[{k}]"), id, &c.country, problems);
                out.push(Named {
                    key: format!("metros[{k}]"),
                    written: id,
                    country: &c.country,
                    internet_pct: pct,
                    points: vec![weighed(c, pct)],
                });
            }
            None => problems.push(
                Problem::new(
                    files.scenario,
                    format!("users[{g}].metros[{k}]"),
                    format!("no urban agglomeration with this id in {} (its `id` column, e.g. \"new-york-newark-us\")", files.cities),
                )
                .value(format!("{id:?}")),
            ),
        }
    }
    out
}

/// Countries and metros of group `g` whose points all weigh 0: one problem for the group when
/// nothing in it weighs (its weights cannot be normalised to 1), else one for each. Left as
/// they were, they would be dropped from the group's latency and residency without a word.
fn weight_problems(g: usize, group: &UserGroup, named: &[Named], files: &Files) -> Vec<Problem> {
    let zero: Vec<(&Named, (String, String))> = named
        .iter()
        .filter(|n| n.weighs_nothing())
        .map(|n| (n, n.zero(files)))
        .collect();
    let rule = "a user point weighs population × internet_users_pct/100";
    if !zero.is_empty() && zero.len() == named.len() {
        let why: Vec<&str> = zero.iter().map(|(_, (why, _))| why.as_str()).collect();
        let fix: Vec<&str> = zero.iter().map(|(_, (_, fix))| fix.as_str()).collect();
        return vec![Problem::new(
            files.scenario,
            format!("users[{g}]"),
            format!(
                "group {:?} has no users: {rule}, and every point of the group weighs 0 ({}), so its weights cannot be normalised to sum to 1; {}, or remove the group",
                group.name,
                why.join("; "),
                fix.join(" and ")
            ),
        )];
    }
    zero.into_iter()
        .map(|(n, (why, fix))| {
            Problem::new(
                files.scenario,
                format!("users[{g}].{}", n.key),
                format!(
                    "carries no users of group {:?}: {rule}, and every point of it weighs 0 ({why}), so the group's latency and residency would leave it out; {fix}, or remove it from the group",
                    group.name
                ),
            )
            .value(format!("{:?}", n.written))
        })
        .collect()
}

/// A user country (or a metro's) without a row in the jurisdictions file, at its key.
fn missing_row(files: &Files, key: String, value: &str, cc: &str) -> Problem {
    let subject = if value == cc {
        format!("no row for {cc}")
    } else {
        format!("the city's country {cc} has no row")
    };
    Problem::new(
        files.scenario,
        key,
        format!(
            "{subject} in {}, whose internet_users_pct weighs the users; give a [data] jurisdictions file with a {cc} row (e.g. a copy of the shipped file with that row added)",
            files.juris
        ),
    )
    .value(format!("{value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Table;
    use crate::error::Error;

    const CITIES: &str = "id,name,country,lat,lon,population\n\
        a1,A1,AA,0,0,1000\na2,A2,AA,0,1,3000\nb1,B1,BB,1,0,2000\nz1,Z1,AA,0,2,0\n\
        c1,C1,CC,2,0,5000\n";
    const JURIS: &str = "country,internet_users_pct\nAA,50\nBB,100\nCC,0\n";

    /// Users of the scenario's `[[users]]` TOML on the places and jurisdictions above.
    fn build(users: &str) -> Result<Users> {
        let text = format!("name = \"t\"\nmodel = \"balanced\"\n{users}");
        let scenario = Scenario::from_toml(&text, std::path::Path::new(".")).unwrap();
        let cities =
            Cities::new(&Table::parse("<embedded>/urban_areas.csv", CITIES).unwrap()).unwrap();
        let juris = Jurisdictions::new(Table::parse("j.csv", JURIS).unwrap()).unwrap();
        Users::build(&scenario.users, &cities, &juris, &scenario)
    }

    fn problems(users: &str) -> Vec<String> {
        match build(users) {
            Err(Error::Invalid(p)) => p.0.iter().map(|p| p.to_string()).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn weights_are_population_times_internet_share_and_sum_to_1_per_group() {
        let u = build(
            "[[users]]\nname = \"x\"\ncountries = [\"AA\"]\nmetros = [\"b1\"]\nshare = 1\n\
             [[users]]\nname = \"y\"\nmetros = [\"a2\"]\nshare = 3\n",
        )
        .unwrap();
        // x: a1 500, a2 1500, z1 0 (a city of population 0 among others is kept), b1 2000.
        let x: Vec<(&str, f64)> = u.points[..4]
            .iter()
            .map(|p| (p.id.as_str(), p.weight))
            .collect();
        assert_eq!(x, [("a1", 0.125), ("a2", 0.375), ("z1", 0.0), ("b1", 0.5)]);
        assert_eq!((u.points[4].id.as_str(), u.points[4].weight), ("a2", 1.0));
        assert_eq!(u.shares, [0.25, 0.75]);
    }

    /// Before: a group whose points all weighed 0 kept its share with no weight at all, so
    /// its mean RTT was 0 ms and a residency rule on it screened out nothing.
    #[test]
    fn a_group_whose_points_all_weigh_0_is_a_problem_naming_the_group() {
        let p = problems("[[users]]\nname = \"zero\"\nmetros = [\"z1\"]\nshare = 1\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("<memory>/scenario.toml: users[0]: group \"zero\" has no users: ")
                && p[0].contains("(z1 has population 0 in <embedded>/urban_areas.csv)")
                && p[0].contains("give z1 a population > 0, or remove the group"),
            "{p:?}"
        );
        let p = problems("[[users]]\nname = \"cc\"\ncountries = [\"CC\"]\nshare = 1\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].contains("users[0]: group \"cc\" has no users")
                && p[0].contains("(CC has internet_users_pct 0 in j.csv)")
                && p[0].contains("give CC an internet_users_pct > 0"),
            "{p:?}"
        );
    }

    /// A group that weighs something still may not drop a country or metro it names.
    #[test]
    fn a_country_or_metro_that_weighs_0_in_a_group_is_a_problem() {
        let p = problems(
            "[[users]]\nname = \"mix\"\ncountries = [\"BB\", \"CC\"]\nmetros = [\"z1\"]\nshare = 1\n",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].contains("users[0].countries[1] = \"CC\": carries no users of group \"mix\"")
                && p[0].contains("CC has internet_users_pct 0 in j.csv"),
            "{p:?}"
        );
        assert!(
            p[1].contains("users[0].metros[0] = \"z1\": carries no users of group \"mix\"")
                && p[1].contains("z1 has population 0"),
            "{p:?}"
        );
    }

    /// A group with share 0 still has weighted points (its residency rule keeps binding).
    #[test]
    fn a_group_of_share_0_keeps_its_weighted_points() {
        let u = build(
            "[[users]]\nname = \"x\"\nmetros = [\"a1\"]\nshare = 0\n\
             [[users]]\nname = \"y\"\nmetros = [\"b1\"]\nshare = 1\n",
        )
        .unwrap();
        assert_eq!(u.shares, [0.0, 1.0]);
        assert_eq!(u.points[0].weight, 1.0);
    }

    /// The users of `[[users]]` TOML on the shipped urban agglomerations and jurisdictions.
    fn shipped(users: &str) -> Users {
        use crate::data::{DataPaths, Kind, load_table};
        let paths = DataPaths::default();
        let text = format!("name = \"t\"\nmodel = \"balanced\"\n{users}");
        let scenario = Scenario::from_toml(&text, std::path::Path::new(".")).unwrap();
        let urban = Cities::new(&load_table(&paths, Kind::UrbanAreas).unwrap().0).unwrap();
        let juris = Jurisdictions::new(load_table(&paths, Kind::Jurisdictions).unwrap().0).unwrap();
        Users::build(&scenario.users, &urban, &juris, &scenario).unwrap()
    }

    /// Before (GeoNames cities): New York City and its five boroughs were six overlapping
    /// rows, 26 % of a US group's weight (17.2 M of 66.0 M), twice the city's share, and
    /// Tokyo was its 23 wards (9.7 M). Now each metro is one urban agglomeration.
    #[test]
    fn a_metro_is_one_user_point_at_its_agglomerations_share() {
        let us = shipped("[[users]]\nname = \"us\"\ncountries = [\"US\"]\nshare = 1\n");
        let ny: Vec<&Point> = us
            .points
            .iter()
            .filter(|p| p.name.contains("New York"))
            .collect();
        assert_eq!(ny.len(), 1, "{ny:?}");
        assert_eq!(ny[0].id, "new-york-newark-us");
        // 18.8 M of the 208.3 M in the 144 US agglomerations (US points share one internet %).
        assert_eq!(us.points.len(), 144);
        assert!(
            (ny[0].weight - 18.804 / 208.275).abs() < 1e-4,
            "{}",
            ny[0].weight
        );
        // No two US points within 15 km (Brooklyn's point was 10 km from New York City's);
        // the nearest pair is Concord and Antioch, 19.5 km.
        for (i, a) in us.points.iter().enumerate() {
            for b in &us.points[i + 1..] {
                let d = crate::geo::distance_km(a.lat, a.lon, b.lat, b.lon);
                assert!(d > 15.0, "{} and {} are {d:.1} km apart", a.id, b.id);
            }
        }
        let jp = shipped("[[users]]\nname = \"jp\"\ncountries = [\"JP\"]\nshare = 1\n");
        let urban = crate::data::load_table(
            &crate::data::DataPaths::default(),
            crate::data::Kind::UrbanAreas,
        )
        .unwrap()
        .0;
        let tokyo = Cities::new(&urban)
            .unwrap()
            .get("tokyo-jp")
            .unwrap()
            .population;
        assert_eq!(tokyo, 37_393_000.0);
        assert_eq!(
            jp.points
                .iter()
                .filter(|p| p.name.contains("Tokyo"))
                .count(),
            1
        );
        // Hong Kong (with Kowloon, Victoria, the New Territories) and Mexico City (with its
        // boroughs) were several rows each.
        let hk = shipped("[[users]]\nname = \"hk\"\ncountries = [\"HK\", \"MX\"]\nshare = 1\n");
        let ids = |cc: &str| -> Vec<&str> {
            hk.points
                .iter()
                .filter(|p| p.country == cc)
                .map(|p| p.id.as_str())
                .collect()
        };
        assert_eq!(ids("HK"), ["hong-kong-hk"]);
        let near_mexico_city: Vec<&Point> = hk
            .points
            .iter()
            .filter(|p| crate::geo::distance_km(p.lat, p.lon, 19.4273, -99.1419) < 20.0)
            .collect();
        assert_eq!(near_mexico_city.len(), 1, "{near_mexico_city:?}");
        assert_eq!(near_mexico_city[0].id, "ciudad-de-mexico-mexico-city-mx");
    }

    /// WUP's points are 5 km apart or more within a country, except where a country reports
    /// neighbouring cities proper (SA, PH, GB, KR, JO) and Vale do Aço, which WUP places in
    /// Belo Horizonte (its coordinates, 2 km apart, kept as published; see data/SOURCES.md).
    #[test]
    fn shipped_agglomerations_closer_than_5_km_are_the_known_pairs() {
        let urban = crate::data::load_table(
            &crate::data::DataPaths::default(),
            crate::data::Kind::UrbanAreas,
        )
        .unwrap()
        .0;
        let places = Cities::new(&urban).unwrap().cities;
        let mut close = Vec::new();
        for (i, a) in places.iter().enumerate() {
            for b in places[i + 1..].iter().filter(|b| b.country == a.country) {
                if crate::geo::distance_km(a.lat, a.lon, b.lat, b.lon) < 5.0 {
                    close.push(format!("{} {}", a.id, b.id));
                }
            }
        }
        close.sort();
        assert_eq!(
            close,
            [
                "amman-jo al-quwaysimah-jo",
                "bacoor-ph imus-ph",
                "belo-horizonte-br vale-do-aco-br",
                "cebu-city-ph mandaue-city-ph",
                "lapu-lapu-city-ph mandaue-city-ph",
                "liverpool-gb birkenhead-gb",
                "santa-rosa-ph binan-ph",
                "siheung-kr gwangmyeong-kr",
                "thuqbah-sa khubar-sa",
            ]
        );
    }

    #[test]
    fn a_country_with_no_city_is_a_problem() {
        let p = problems("[[users]]\nname = \"dd\"\ncountries = [\"DD\"]\nshare = 1\n");
        assert_eq!(
            p,
            [
                "<memory>/scenario.toml: users[0].countries[0] = \"DD\": not a country of <embedded>/urban_areas.csv or j.csv (ISO 3166-1 alpha-2 codes, upper case)"
            ]
        );
    }
}
