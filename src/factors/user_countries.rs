//! The jurisdiction rows that user weights need, checked at the scenario's keys.
//!
//! A user point weighs population × `internet_users_pct` of its country, so every country
//! of a user group (and of each metro) needs a row in the jurisdictions file. `cities.csv`
//! has cities in more countries than the shipped `jurisdictions.csv`, so such a group is
//! named here at its key (`users[0].countries[0]`) with the way out, instead of as a lookup
//! in the jurisdictions file.

use std::collections::HashSet;

use super::users::Users;
use crate::data::{Cities, Jurisdictions};
use crate::error::{Error, Problem, Problems, Result};
use crate::scenario::Scenario;

/// [`Users::build`], with each user country that has cities but no jurisdictions row named
/// at the scenario's key (its lookup problem in the jurisdictions file dropped).
pub(super) fn build_users(
    scenario: &Scenario,
    cities: &Cities,
    juris: &Jurisdictions,
) -> Result<Users> {
    let missing = missing_rows(scenario, cities, juris);
    let built = Users::build(&scenario.users, cities, juris, scenario);
    if missing.is_empty() {
        return built;
    }
    let keys: HashSet<String> = missing
        .iter()
        .map(|(_, cc)| Jurisdictions::unknown_key(cc))
        .collect();
    let mut problems = Problems::default();
    problems.push_all(missing.into_iter().map(|(p, _)| p));
    if let Err(Error::Invalid(others)) = built {
        let lookup = |p: &Problem| p.file == juris.table.name && keys.contains(&p.key);
        problems.push_all(others.0.into_iter().filter(|p| !lookup(p)));
    }
    Err(Error::Invalid(problems))
}

/// Each user country with a city but no row in `juris`, as a problem at its key, with the
/// country. A country without cities, or an unknown metro, is left to [`Users::build`].
fn missing_rows(
    scenario: &Scenario,
    cities: &Cities,
    juris: &Jurisdictions,
) -> Vec<(Problem, String)> {
    let mut out = Vec::new();
    for (g, group) in scenario.users.iter().enumerate() {
        for (k, cc) in group.countries.iter().enumerate() {
            if !juris.contains(cc) && cities.cities.iter().any(|c| &c.country == cc) {
                let key = format!("users[{g}].countries[{k}]");
                out.push((missing(scenario, juris, key, cc, cc), cc.clone()));
            }
        }
        for (k, id) in group.metros.iter().enumerate() {
            if let Some(c) = cities.get(id)
                && !juris.contains(&c.country)
                && !group.countries.contains(&c.country)
            {
                let key = format!("users[{g}].metros[{k}]");
                out.push((
                    missing(scenario, juris, key, id, &c.country),
                    c.country.clone(),
                ));
            }
        }
    }
    out
}

fn missing(
    scenario: &Scenario,
    juris: &Jurisdictions,
    key: String,
    value: &str,
    cc: &str,
) -> Problem {
    let subject = if value == cc {
        format!("no row for {cc}")
    } else {
        format!("the city's country {cc} has no row")
    };
    Problem::new(
        scenario.file.name.clone(),
        key,
        format!(
            "{subject} in {}, whose internet_users_pct weighs the users; give a [data] jurisdictions file with a {cc} row (e.g. a copy of the shipped file with that row added)",
            juris.table.name
        ),
    )
    .value(format!("{value:?}"))
}
