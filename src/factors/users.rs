//! User populations: the scenario's `[[users]]` groups resolved to weighted points.
//!
//! A group names countries and/or metros. A country contributes every city of `cities.csv`
//! in it; a metro is one city by id. A point's weight within its group is
//! population × internet users % of its country (`jurisdictions.csv`), normalised to 1 over
//! the group; the group's share of all users comes from the scenario (optionally perturbed
//! per draw by lognormal noise with the scenario's `user_share_cv`, then renormalised).

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::data::{Cities, Jurisdictions};
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
        let mut points = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            let start = points.len();
            let internet = |country: &str, problems: &mut Problems| match juris.number(
                country,
                "internet_users_pct",
                "user weights",
            ) {
                Ok(v) => v / 100.0,
                Err(p) => {
                    problems.push(p);
                    0.0
                }
            };
            for (k, cc) in group.countries.iter().enumerate() {
                let found: Vec<_> = cities.cities.iter().filter(|c| &c.country == cc).collect();
                if found.is_empty() {
                    problems.push(
                        Problem::new(
                            file.clone(),
                            format!("users[{g}].countries[{k}]"),
                            format!(
                                "no city of {} is in this country (ISO alpha-2 codes)",
                                cities_name(scenario)
                            ),
                        )
                        .value(format!("{cc:?}")),
                    );
                    continue;
                }
                let share = internet(cc, &mut problems);
                for c in found {
                    points.push(point(c, g, c.population * share));
                }
            }
            for (k, id) in group.metros.iter().enumerate() {
                match cities.get(id) {
                    // Already in through its country: counting it twice would double it.
                    Some(c) if group.countries.contains(&c.country) => {}
                    Some(c) => {
                        let share = internet(&c.country, &mut problems);
                        points.push(point(c, g, c.population * share));
                    }
                    None => problems.push(
                        Problem::new(
                            file.clone(),
                            format!("users[{g}].metros[{k}]"),
                            format!("no city with this id in {}", cities_name(scenario)),
                        )
                        .value(format!("{id:?}")),
                    ),
                }
            }
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

fn point(c: &crate::data::City, group: usize, weight: f64) -> Point {
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

fn cities_name(s: &Scenario) -> String {
    s.data
        .cities
        .as_ref()
        .map_or("<embedded>/cities.csv".into(), |p| p.display().to_string())
}
