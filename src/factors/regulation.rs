//! Regulation: data residency, government access and cross-regime transfer risk.
//!
//! * **Residency.** U's regime *binds* when it is `strict`, or when it is `sectoral` and U's
//!   `localized_sectors` lists the scenario's `facility.sector` (never with `general`). A
//!   user in country U may be served from site country S when U's regime does not bind, or
//!   S = U. `residency_share` is the users' weight so served; a residency rule on a user
//!   group requires every user of the group to be so served. Events may switch a country's
//!   regime in a draw; the sector lists stay those of `jurisdictions.csv`.
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
    /// sector_bound[country]: the country's `localized_sectors` lists `facility.sector`, so a
    /// `sectoral` regime there binds (all false for `general`).
    sector_bound: Vec<bool>,
    /// weight[group][country]: the group's users in each country (sums to 1 per group).
    weight: Vec<Vec<f64>>,
    site_country: Vec<usize>,
    gov_access: Vec<f64>,
    /// transfer_restricted[user country][site]
    transfer_restricted: Vec<Vec<bool>>,
}

/// A `facility.sector` needs the `localized_sectors` column: without it no sectoral country
/// would bind for the sector, silently. Checked whatever metrics the model reads (the sector
/// also binds residency rules and the portfolio's assignment); with `general` the column is
/// not read, and the model is the one of before sectors.
pub(super) fn sector_column(juris: &Jurisdictions, scenario: &Scenario) -> Option<Problem> {
    let sector = scenario.facility.sector?;
    juris.table.require("localized_sectors").err()?;
    Some(
        Problem::new(
            scenario.file.name.clone(),
            "facility.sector",
            format!(
                "needs the localized_sectors column of {}, which lists the sectors each sectoral country keeps in-country; without it no country would bind for this sector. Add the column (docs/scenario.md, Data) or set sector = \"general\"",
                juris.table.name
            ),
        )
        .value(format!("{:?}", sector.to_string())),
    )
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
        let sector_bound = countries
            .iter()
            .map(|c| {
                scenario.facility.sector.is_some_and(|sector| {
                    juris
                        .localized_sectors(c, "regulation")
                        .map(|list| list.contains(&sector))
                        .unwrap_or_else(|p| {
                            problems.push(p);
                            false
                        })
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
            sector_bound,
            weight,
            site_country,
            gov_access,
            transfer_restricted,
        })
    }

    /// Whether a residency rule on `group` can screen out a site: the regime of some country
    /// of the group's users binds ([`Regulation::binds`]), in the base case or through one of
    /// the localisation `events`.
    pub fn residency_can_bind(&self, group: usize, events: &[crate::scenario::Event]) -> bool {
        let made_binding = |k: usize| {
            events.iter().any(|e| {
                matches!(&e.effect, Effect::Localization { countries, regime }
                    if self.binds(k, *regime) && countries.contains(&self.countries[k]))
            })
        };
        self.weight[group]
            .iter()
            .enumerate()
            .filter(|&(_, &w)| w > 0.0)
            .any(|(k, _)| self.binds(k, self.base_regime[k]) || made_binding(k))
    }

    /// True when `regime`, as the regime of country `country` (an index from
    /// [`Regulation::country_index`]), keeps the workload's data in the country: `strict`,
    /// or `sectoral` with a sector list that holds `facility.sector`.
    pub fn binds(&self, country: usize, regime: Localization) -> bool {
        match regime {
            Localization::Strict => true,
            Localization::Sectoral => self.sector_bound[country],
            Localization::None => false,
        }
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
        !self.binds(user_country, regime[user_country]) || self.site_country[site] == user_country
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

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;
    use crate::data::{DataPaths, Kind, load_table};
    use crate::factors::users::Point;
    use crate::scenario::LatencyPath;

    /// 40 % of the users in India (sectoral: payments, insurance), 60 % in Australia
    /// (sectoral: health), the scenario's `facility` and `events` as given.
    fn regulation(facility: &str, events: &str) -> (Regulation, Users, Scenario) {
        let text = format!(
            "name = \"t\"\nmodel = \"balanced\"\n\
             [[users]]\nname = \"in\"\ncountries = [\"IN\"]\nshare = 0.4\n\
             [[users]]\nname = \"au\"\ncountries = [\"AU\"]\nshare = 0.6\n\
             [facility]\n{facility}\n{events}"
        );
        let file = crate::data::InputFile::new("t.toml".into(), text);
        let scenario = Scenario::from_file(file, None).unwrap();
        let (table, _) = load_table(&DataPaths::default(), Kind::Jurisdictions).unwrap();
        let juris = Jurisdictions::new(table).unwrap();
        let point = |country: &str, group| Point {
            id: country.to_lowercase(),
            name: country.to_owned(),
            country: country.to_owned(),
            lat: 0.0,
            lon: 0.0,
            group,
            weight: 1.0,
        };
        let users = Users {
            names: vec!["in".into(), "au".into()],
            shares: vec![0.4, 0.6],
            paths: vec![LatencyPath::Internet; 2],
            points: vec![point("IN", 0), point("AU", 1)],
        };
        let site = |id: &str, country: &str, row| Site {
            id: id.into(),
            name: id.into(),
            country: country.into(),
            row,
            coords: None,
        };
        let sites = [
            site("singapore", "SG", 0),
            site("mumbai", "IN", 1),
            site("sydney", "AU", 2),
        ];
        let reg = Regulation::build(&users, &sites, &juris, &scenario).unwrap();
        (reg, users, scenario)
    }

    fn inputs(reg: &Regulation, users: &Users) -> DrawInputs {
        DrawInputs {
            warming_c: 0.0,
            carbon_price_usd_t: 0.0,
            route_factor: 1.0,
            price_usd_mwh: vec![],
            grid_gco2_kwh: vec![],
            user_share: users.shares.clone(),
            regime: reg.base_regime.clone(),
            wgi_noise: vec![],
            site_warming_c: vec![],
        }
    }

    /// residency_share at Singapore, Mumbai and Sydney.
    fn shares(reg: &Regulation, inputs: &DrawInputs) -> [f64; 3] {
        [0, 1, 2].map(|s| reg.at(s, inputs).residency_share)
    }

    #[test]
    fn a_sectoral_regime_binds_only_the_sectors_it_lists() {
        // general: no sectoral regime binds (the model before sectors).
        for facility in ["", "sector = \"general\""] {
            let (reg, users, _) = regulation(facility, "");
            let x = inputs(&reg, &users);
            assert_eq!(shares(&reg, &x), [1.0; 3], "{facility:?}");
            assert!((0..3).all(|s| reg.group_compliant(0, s, &x)));
        }
        // payments: India's RBI rule binds; Singapore loses the Indian users' 40 %.
        let (reg, users, _) = regulation("sector = \"payments\"", "");
        let x = inputs(&reg, &users);
        let [sg, mumbai, sydney] = shares(&reg, &x);
        assert_abs_diff_eq!(sg, 0.6, epsilon = 1e-12);
        assert_abs_diff_eq!(mumbai, 1.0, epsilon = 1e-12);
        assert_abs_diff_eq!(sydney, 0.6, epsilon = 1e-12);
        assert!(!reg.group_compliant(0, 0, &x) && reg.group_compliant(0, 1, &x));
        assert!(
            reg.group_compliant(1, 0, &x),
            "Australia lists no payments rule"
        );
        // health: India does not bind, Australia's My Health Records rule does.
        let (reg, users, _) = regulation("sector = \"health\"", "");
        let x = inputs(&reg, &users);
        let [sg, mumbai, sydney] = shares(&reg, &x);
        assert_abs_diff_eq!(sg, 0.4, epsilon = 1e-12);
        assert_abs_diff_eq!(mumbai, 0.4, epsilon = 1e-12);
        assert_abs_diff_eq!(sydney, 1.0, epsilon = 1e-12);
        assert!(reg.group_compliant(0, 0, &x) && !reg.group_compliant(1, 0, &x));
    }

    /// A draw's regime goes through the same rule: India switched to `none` frees its users,
    /// back to `sectoral` binds them again for payments, never for a general workload.
    #[test]
    fn a_regime_switched_in_a_draw_uses_the_sector_lists() {
        let (reg, users, _) = regulation("sector = \"payments\"", "");
        let mut x = inputs(&reg, &users);
        reg.apply_regime(&["IN".to_owned()], Localization::None, &mut x.regime);
        assert_eq!(shares(&reg, &x), [1.0; 3]);
        reg.apply_regime(&["IN".to_owned()], Localization::Sectoral, &mut x.regime);
        assert_abs_diff_eq!(shares(&reg, &x)[0], 0.6, epsilon = 1e-12);
        let (reg, users, _) = regulation("", "");
        let mut x = inputs(&reg, &users);
        reg.apply_regime(&["IN".to_owned()], Localization::Sectoral, &mut x.regime);
        assert_eq!(shares(&reg, &x), [1.0; 3]);
        reg.apply_regime(&["IN".to_owned()], Localization::Strict, &mut x.regime);
        assert_abs_diff_eq!(shares(&reg, &x)[0], 0.6, epsilon = 1e-12);
    }

    /// `residency_can_bind` agrees: the Indian group can be screened with payments, not with
    /// general or health, unless an event can make India strict.
    #[test]
    fn a_residency_rule_can_bind_through_a_listed_sector() {
        let cases = [
            ("", "", false),
            ("sector = \"payments\"", "", true),
            ("sector = \"insurance\"", "", true),
            ("sector = \"health\"", "", false),
            (
                "sector = \"health\"",
                "[[events]]\nname = \"e\"\nprobability = 0.5\neffect = \"localization\"\ncountries = [\"IN\"]\nregime = \"strict\"\n",
                true,
            ),
            (
                "",
                "[[events]]\nname = \"e\"\nprobability = 0.5\neffect = \"localization\"\ncountries = [\"IN\"]\nregime = \"sectoral\"\n",
                false,
            ),
        ];
        for (facility, events, binds) in cases {
            let (reg, _, scenario) = regulation(facility, events);
            assert_eq!(
                reg.residency_can_bind(0, &scenario.events),
                binds,
                "{facility:?} {events:?}"
            );
        }
        let (reg, _, scenario) = regulation("sector = \"health\"", "");
        assert!(reg.residency_can_bind(1, &scenario.events), "Australia");
    }
}
