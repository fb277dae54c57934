//! The validated uncertainty of a scenario: input distributions, price factors and discrete
//! events (sampling them is `crate::uncertainty`'s job).

use crate::data::Localization;
use crate::data::{COUNTRY_CODE, is_country_code};
use crate::scenario::raw::{RawEvent, RawUncertainty};
use crate::scenario::{Checker, Dist, Model, dist as check_dist, limits};

/// A multiplicative factor on electricity prices, common to a group of countries.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceFactor {
    pub countries: Vec<String>,
    pub factor: Dist,
}

/// Uncertain inputs of a scenario. `None` means "fixed at the scenario's value".
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// Use per-site measurement sd (`X_sd` columns, `sd_column`); on by default.
    pub measurement: bool,
    pub carbon_price_usd_t: Option<Dist>,
    pub warming_c: Option<Dist>,
    pub route_factor: Option<Dist>,
    /// Coefficient of variation of lognormal noise on each user group's share.
    pub user_share_cv: f64,
    pub electricity: Vec<PriceFactor>,
    /// Multiplicative factors on criteria, by criterion index.
    pub criteria: Vec<(usize, Dist)>,
}

impl Uncertainty {
    pub(crate) fn from_raw(c: &mut Checker, raw: &RawUncertainty, model: &Model) -> Uncertainty {
        let mut one = |key: &str, d: &Option<crate::scenario::raw::RawDist>, range| {
            d.as_ref().and_then(|d| check_dist(c, key, d, range))
        };
        let carbon = one(
            "uncertainty.carbon_price_usd_t",
            &raw.carbon_price_usd_t,
            (0.0, limits::CARBON_PRICE_USD_T),
        );
        let warming = one("uncertainty.warming_c", &raw.warming_c, limits::WARMING_C);
        let route = one(
            "uncertainty.route_factor",
            &raw.route_factor,
            limits::ROUTE_FACTOR,
        );
        let user_share_cv = match raw.user_share_cv {
            Some(v) => c.range("uncertainty.user_share_cv", v, Some(0.0), Some(5.0)),
            None => 0.0,
        };
        let mut electricity = Vec::new();
        for (i, e) in raw.electricity.iter().enumerate() {
            if e.countries.is_empty() {
                c.problem(
                    format!("uncertainty.electricity[{i}].countries"),
                    None,
                    "list at least one country",
                );
            }
            country_codes(
                c,
                &format!("uncertainty.electricity[{i}].countries"),
                &e.countries,
            );
            if let Some(f) = check_dist(
                c,
                &format!("uncertainty.electricity[{i}].factor"),
                &e.factor,
                (0.0, limits::FACTOR),
            ) {
                electricity.push(PriceFactor {
                    countries: e.countries.clone(),
                    factor: f,
                });
            }
        }
        let mut criteria = Vec::new();
        for (id, d) in &raw.criteria {
            let key = format!("uncertainty.criteria.{id}");
            match model.criterion_index(id) {
                Some(j) => {
                    criteria.extend(check_dist(c, &key, d, (0.0, limits::FACTOR)).map(|d| (j, d)))
                }
                None => c.problem(
                    key,
                    None,
                    format!(
                        "not a criterion; criteria: {}",
                        model.criterion_ids().join(", ")
                    ),
                ),
            }
        }
        Uncertainty {
            measurement: raw.measurement.unwrap_or(true),
            carbon_price_usd_t: carbon,
            warming_c: warming,
            route_factor: route,
            user_share_cv,
            electricity,
            criteria,
        }
    }
}

/// The names of the event effects (`effect = "…"`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::EnumString,
    strum::Display,
    strum::VariantNames,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum EffectKind {
    Localization,
    PriceShock,
    CriterionShock,
    Infeasible,
}

/// The `[[events]]` keys that only some effects take (`name`, `probability`, `effect` and
/// `countries` go with every effect).
const EFFECT_KEYS: [&str; 4] = ["sites", "regime", "factor", "criterion"];

impl EffectKind {
    /// Whether `key` (one of [`EFFECT_KEYS`]) goes with this effect: scenario.md's table.
    fn takes(self, key: &str) -> bool {
        use EffectKind::*;
        match key {
            "sites" => matches!(self, PriceShock | CriterionShock | Infeasible),
            "regime" => self == Localization,
            "factor" => matches!(self, PriceShock | CriterionShock),
            "criterion" => self == CriterionShock,
            _ => true,
        }
    }
}

/// A problem for each key of event `i` that its effect does not read: it would be ignored.
fn stray_keys(c: &mut Checker, i: usize, r: &RawEvent, kind: EffectKind) {
    let given = [
        !r.sites.is_empty(),
        r.regime.is_some(),
        r.factor.is_some(),
        r.criterion.is_some(),
    ];
    for (key, _) in EFFECT_KEYS.iter().zip(given).filter(|&(_, g)| g) {
        if kind.takes(key) {
            continue;
        }
        let with: Vec<String> = <EffectKind as strum::VariantArray>::VARIANTS
            .iter()
            .filter(|e| e.takes(key))
            .map(|e| format!("{:?}", e.to_string()))
            .collect();
        c.problem(
            format!("events[{i}].{key}"),
            None,
            format!("{key} goes with effect = {}", with.join(" or ")),
        );
    }
}

/// What a discrete event does in the draws where it happens.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The countries adopt a localisation regime.
    Localization {
        countries: Vec<String>,
        regime: Localization,
    },
    /// Electricity prices at the sites (or in the countries) are multiplied by `factor`.
    PriceShock {
        countries: Vec<String>,
        sites: Vec<String>,
        factor: f64,
    },
    /// A criterion's values at the sites (or in the countries) are multiplied by `factor`.
    CriterionShock {
        criterion: usize,
        countries: Vec<String>,
        sites: Vec<String>,
        factor: f64,
    },
    /// The sites (or all sites in the countries) become infeasible.
    Infeasible {
        countries: Vec<String>,
        sites: Vec<String>,
    },
}

/// A discrete event with a probability of happening in each draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub name: String,
    pub probability: f64,
    pub effect: Effect,
}

impl Event {
    pub(crate) fn from_raw(
        c: &mut Checker,
        i: usize,
        r: &RawEvent,
        model: &Model,
    ) -> Option<Event> {
        let key = |k: &str| format!("events[{i}].{k}");
        let probability = c.range(&key("probability"), r.probability, Some(0.0), Some(1.0));
        let factor = |c: &mut Checker| match r.factor {
            Some(f) => Some(c.range(&key("factor"), f, Some(0.0), Some(limits::FACTOR))),
            None => {
                c.problem(
                    key("factor"),
                    None,
                    format!("effect {:?} needs factor", r.effect),
                );
                None
            }
        };
        let place = |c: &mut Checker| {
            if r.countries.is_empty() && r.sites.is_empty() {
                c.problem(key("countries"), None, "name countries or sites");
            }
        };
        let kind: EffectKind = c.choice(key("effect"), &r.effect)?;
        stray_keys(c, i, r, kind);
        country_codes(c, &format!("events[{i}].countries"), &r.countries);
        let effect = match kind {
            EffectKind::Localization => {
                if r.countries.is_empty() {
                    c.problem(
                        key("countries"),
                        None,
                        "name the countries that adopt the regime",
                    );
                }
                let regime = match r.regime.as_deref() {
                    Some(s) => c.choice(key("regime"), s),
                    None => {
                        c.problem(key("regime"), None, "a localization event needs regime");
                        None
                    }
                }?;
                Effect::Localization {
                    countries: r.countries.clone(),
                    regime,
                }
            }
            EffectKind::PriceShock => {
                place(c);
                Effect::PriceShock {
                    countries: r.countries.clone(),
                    sites: r.sites.clone(),
                    factor: factor(c)?,
                }
            }
            EffectKind::CriterionShock => {
                place(c);
                let criterion = match r.criterion.as_deref() {
                    Some(id) => model.criterion_index(id).or_else(|| {
                        c.problem(
                            key("criterion"),
                            Some(&id),
                            format!(
                                "not a criterion; criteria: {}",
                                model.criterion_ids().join(", ")
                            ),
                        );
                        None
                    }),
                    None => {
                        c.problem(
                            key("criterion"),
                            None,
                            "a criterion-shock event needs criterion",
                        );
                        None
                    }
                };
                let factor = factor(c);
                Effect::CriterionShock {
                    criterion: criterion?,
                    countries: r.countries.clone(),
                    sites: r.sites.clone(),
                    factor: factor?,
                }
            }
            EffectKind::Infeasible => {
                place(c);
                Effect::Infeasible {
                    countries: r.countries.clone(),
                    sites: r.sites.clone(),
                }
            }
        };
        Some(Event {
            name: r.name.clone(),
            probability,
            effect,
        })
    }
}

/// A problem for each entry of `countries` (at `key[k]`) that is not an ISO 3166-1 alpha-2
/// code in upper case: a code in another form would match no site, user or jurisdiction.
fn country_codes(c: &mut Checker, key: &str, countries: &[String]) {
    for (k, cc) in countries.iter().enumerate() {
        if !is_country_code(cc) {
            c.problem(
                format!("{key}[{k}]"),
                Some(&format!("{cc:?}")),
                format!("must be {COUNTRY_CODE}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Scenario;
    use crate::error::Error;

    /// The problems of a scenario with one `[[events]]` table holding `keys`.
    fn problems(keys: &str) -> Vec<String> {
        let text = format!(
            "name = \"t\"\nmodel = \"balanced\"\n[[events]]\nname = \"e\"\nprobability = 0.5\n{keys}\n"
        );
        match Scenario::from_toml(&text, std::path::Path::new(".")) {
            Ok(_) => Vec::new(),
            Err(Error::Invalid(p)) => p.0.iter().map(|p| p.to_string()).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    #[track_caller]
    fn assert_problems(keys: &str, expected: &[&str]) {
        let want: Vec<String> = expected
            .iter()
            .map(|e| format!("<memory>/scenario.toml: {e}"))
            .collect();
        assert_eq!(problems(keys), want, "{keys}");
    }

    /// Before: these keys were accepted and ignored, with outputs identical to the
    /// scenario without them.
    #[test]
    fn a_key_that_its_effect_does_not_read_is_a_problem() {
        assert_problems(
            "effect = \"localization\"\ncountries = [\"SG\"]\nregime = \"strict\"\n\
             sites = [\"singapore\"]\nfactor = 3\ncriterion = \"land\"",
            &[
                "events[0].sites: sites goes with effect = \"price-shock\" or \"criterion-shock\" or \"infeasible\"",
                "events[0].factor: factor goes with effect = \"price-shock\" or \"criterion-shock\"",
                "events[0].criterion: criterion goes with effect = \"criterion-shock\"",
            ],
        );
        assert_problems(
            "effect = \"infeasible\"\nsites = [\"frankfurt\"]\nregime = \"strict\"\nfactor = 5\n\
             criterion = \"land\"",
            &[
                "events[0].regime: regime goes with effect = \"localization\"",
                "events[0].factor: factor goes with effect = \"price-shock\" or \"criterion-shock\"",
                "events[0].criterion: criterion goes with effect = \"criterion-shock\"",
            ],
        );
        assert_problems(
            "effect = \"price-shock\"\ncountries = [\"SG\"]\nfactor = 2\ncriterion = \"land\"\n\
             sites = [\"singapore\"]\nregime = \"none\"",
            &[
                "events[0].regime: regime goes with effect = \"localization\"",
                "events[0].criterion: criterion goes with effect = \"criterion-shock\"",
            ],
        );
        assert_problems(
            "effect = \"criterion-shock\"\nsites = [\"singapore\"]\ncriterion = \"land\"\n\
             factor = 2\nregime = \"none\"",
            &["events[0].regime: regime goes with effect = \"localization\""],
        );
    }

    #[test]
    fn each_effect_with_its_own_keys_is_accepted() {
        for keys in [
            "effect = \"localization\"\ncountries = [\"SG\"]\nregime = \"strict\"",
            "effect = \"price-shock\"\ncountries = [\"SG\"]\nfactor = 2",
            "effect = \"price-shock\"\nsites = [\"x\"]\nfactor = 2",
            "effect = \"criterion-shock\"\ncountries = [\"SG\"]\nsites = [\"x\"]\ncriterion = \"land\"\nfactor = 2",
            "effect = \"infeasible\"\ncountries = [\"SG\"]\nsites = [\"x\"]",
        ] {
            assert_eq!(problems(keys), Vec::<String>::new(), "{keys}");
        }
    }

    #[test]
    fn each_effect_still_needs_its_keys() {
        assert_problems(
            "effect = \"localization\"",
            &[
                "events[0].countries: name the countries that adopt the regime",
                "events[0].regime: a localization event needs regime",
            ],
        );
        assert_problems(
            "effect = \"price-shock\"",
            &[
                "events[0].countries: name countries or sites",
                "events[0].factor: effect \"price-shock\" needs factor",
            ],
        );
        assert_problems(
            "effect = \"criterion-shock\"",
            &[
                "events[0].countries: name countries or sites",
                "events[0].criterion: a criterion-shock event needs criterion",
                "events[0].factor: effect \"criterion-shock\" needs factor",
            ],
        );
        assert_problems(
            "effect = \"infeasible\"",
            &["events[0].countries: name countries or sites"],
        );
    }
}
