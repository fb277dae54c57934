//! Regulation: data residency, government access and cross-regime transfer risk.
//!
//! * **Residency.** A user in country U may be served from site country S when U's
//!   localisation regime is not `strict`, or S = U. `sectoral` regimes bind only regulated
//!   sectors (payments, health, public sector) and count as compliant here.
//!   `residency_share` is the users' weight so served; a residency rule on a user group
//!   requires every user of the group to be so served. Events may switch a country's regime
//!   in a draw.
//! * **Government access** = `gov_access_risk` of S (0–1, `jurisdictions.csv`) × a key
//!   custody factor: keys onshore 1.0, offshore 0.5, in the customer's HSM 0.25. Holding
//!   keys outside the jurisdiction does not stop compelled access to the hardware but moves
//!   decryption out of the state's direct reach; the factors are this model's assumption.
//! * **Transfer risk** = users' weight whose home country has an adequacy-style
//!   destination list (`allowed_destinations`, e.g. the EU's EEA + adequacy list) that does
//!   not include S (S ≠ U): transfers then need contractual safeguards.

use crate::data::Site;
use crate::data::{Jurisdictions, Localization};
use crate::error::{Problem, Problems, Result};
use crate::scenario::{KeyCustody, Scenario};
use crate::uncertainty::Effect;

use super::DrawInputs;
use super::users::Users;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegulationOutput {
    pub residency_share: f64,
    pub gov_access: f64,
    pub transfer_risk: f64,
}

pub fn custody_factor(k: KeyCustody) -> f64 {
    match k {
        KeyCustody::Onshore => 1.0,
        KeyCustody::Offshore => 0.5,
        KeyCustody::CustomerHsm => 0.25,
    }
}

#[derive(Debug, Clone)]
pub struct Regulation {
    /// Countries of users, sites and events; regimes are indexed like this list.
    pub countries: Vec<String>,
    pub base_regime: Vec<Localization>,
    /// weight[group][country]: the group's users in each country (sums to 1 per group).
    weight: Vec<Vec<f64>>,
    site_country: Vec<usize>,
    gov_access: Vec<f64>,
    /// transfer_restricted[user country][site]
    transfer_restricted: Vec<Vec<bool>>,
}

impl Regulation {
    pub fn build(
        users: &Users,
        sites: &[Site],
        juris: &Jurisdictions,
        scenario: &Scenario,
    ) -> Result<Regulation> {
        let mut problems = Problems::default();
        let mut countries: Vec<String> = Vec::new();
        let index =
            |c: &str, countries: &mut Vec<String>| match countries.iter().position(|x| x == c) {
                Some(k) => k,
                None => {
                    countries.push(c.to_owned());
                    countries.len() - 1
                }
            };
        let site_country: Vec<usize> = sites
            .iter()
            .map(|s| index(&s.country, &mut countries))
            .collect();
        let mut weight = vec![Vec::new(); users.names.len()];
        for p in &users.points {
            let k = index(&p.country, &mut countries);
            let w = &mut weight[p.group];
            if w.len() <= k {
                w.resize(k + 1, 0.0);
            }
            w[k] += p.weight;
        }
        for (i, e) in scenario.events.iter().enumerate() {
            if let Effect::Localization { countries: cs, .. } = &e.effect {
                for (j, c) in cs.iter().enumerate() {
                    if juris.contains(c) {
                        index(c, &mut countries);
                    } else {
                        // The scenario's key, not only the jurisdictions file.
                        problems.push(
                            Problem::new(
                                scenario.file.name.clone(),
                                format!("events[{i}].countries[{j}]"),
                                format!(
                                    "not a country of {} (ISO 3166-1 alpha-2 codes)",
                                    juris.table.name
                                ),
                            )
                            .value(format!("{c:?}")),
                        );
                    }
                }
            }
        }
        for w in &mut weight {
            w.resize(countries.len(), 0.0);
        }
        let base_regime = countries
            .iter()
            .map(|c| {
                juris.localization(c, "regulation").unwrap_or_else(|p| {
                    problems.push(p);
                    Localization::None
                })
            })
            .collect();
        let custody = custody_factor(scenario.facility.keys);
        let gov_access = sites
            .iter()
            .map(|s| {
                juris
                    .number(&s.country, "gov_access_risk", "regulation.gov_access")
                    .map(|r| r * custody)
                    .unwrap_or_else(|p| {
                        problems.push(p);
                        0.0
                    })
            })
            .collect();
        let transfer_restricted = countries
            .iter()
            .map(|u| {
                let allowed = juris.allowed_destinations(u);
                sites
                    .iter()
                    .map(|s| {
                        !allowed.is_empty()
                            && &s.country != u
                            && !allowed.contains(&s.country.as_str())
                    })
                    .collect()
            })
            .collect();
        problems.into_result(Regulation {
            countries,
            base_regime,
            weight,
            site_country,
            gov_access,
            transfer_restricted,
        })
    }

    /// Whether a residency rule on `group` can screen out a site: some country of the group's
    /// users is `strict`, in the base case or through one of the localisation `events`.
    pub fn residency_can_bind(&self, group: usize, events: &[crate::scenario::Event]) -> bool {
        let made_strict = |country: &str| {
            events.iter().any(|e| {
                matches!(&e.effect, Effect::Localization { countries, regime: Localization::Strict }
                    if countries.iter().any(|c| c == country))
            })
        };
        self.weight[group]
            .iter()
            .enumerate()
            .filter(|&(_, &w)| w > 0.0)
            .any(|(c, _)| {
                matches!(self.base_regime[c], Localization::Strict)
                    || made_strict(&self.countries[c])
            })
    }

    /// Sets the regime of the named countries (those this model tracks).
    pub fn apply_regime(
        &self,
        countries: &[String],
        regime: Localization,
        out: &mut [Localization],
    ) {
        for (k, c) in self.countries.iter().enumerate() {
            if countries.contains(c) {
                out[k] = regime;
            }
        }
    }

    /// Index of a country in [`Regulation::countries`] (every user point's country is there).
    pub fn country_index(&self, country: &str) -> Option<usize> {
        self.countries.iter().position(|c| c == country)
    }

    /// True when a user in country `country` (an index from [`Regulation::country_index`])
    /// may be served from site `site` under the draw's regimes.
    pub fn point_allowed(&self, country: usize, site: usize, inputs: &DrawInputs) -> bool {
        self.allowed(country, site, &inputs.regime)
    }

    fn allowed(&self, user_country: usize, site: usize, regime: &[Localization]) -> bool {
        regime[user_country] != Localization::Strict || self.site_country[site] == user_country
    }

    pub fn group_compliant(&self, group: usize, site: usize, inputs: &DrawInputs) -> bool {
        self.weight[group]
            .iter()
            .enumerate()
            .all(|(k, &w)| w == 0.0 || self.allowed(k, site, &inputs.regime))
    }

    pub fn at(&self, site: usize, inputs: &DrawInputs) -> RegulationOutput {
        let (mut residency, mut transfer, mut total) = (0.0, 0.0, 0.0);
        for (g, w) in self.weight.iter().enumerate() {
            let share = inputs.user_share[g];
            for (k, &wk) in w.iter().enumerate() {
                let wt = share * wk;
                total += wt;
                if self.allowed(k, site, &inputs.regime) {
                    residency += wt;
                }
                if self.transfer_restricted[k][site] {
                    transfer += wt;
                }
            }
        }
        let norm = if total > 0.0 { total } else { 1.0 };
        RegulationOutput {
            residency_share: residency / norm,
            gov_access: self.gov_access[site],
            transfer_risk: transfer / norm,
        }
    }
}
