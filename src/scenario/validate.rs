//! Validation of the scenario sections (users, facility, rules, distributions): raw serde
//! structs to validated types, every problem collected.

use std::collections::BTreeSet;

use crate::scenario::Dist;

use super::*;

pub(super) fn users(c: &mut Checker, raw: &RawScenario) -> Vec<UserGroup> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<UserGroup> = Vec::new();
    for (i, u) in raw.users.iter().enumerate() {
        if !seen.insert(u.name.clone()) {
            c.problem(
                format!("users[{i}].name"),
                Some(&u.name),
                "duplicate user group name",
            );
        }
        if u.countries.is_empty() && u.metros.is_empty() {
            c.problem(
                format!("users[{i}]"),
                None,
                "a user group needs countries or metros",
            );
        }
        // Listed twice, a country or metro would weigh twice (its points added again).
        for (key, list) in [("countries", &u.countries), ("metros", &u.metros)] {
            for (k, v) in list.iter().enumerate() {
                if let Some(j) = list[..k].iter().position(|w| w == v) {
                    c.problem(
                        format!("users[{i}].{key}[{k}]"),
                        Some(v),
                        format!("listed twice in the group (also {key}[{j}]): remove one"),
                    );
                }
            }
        }
        let share = c.range(
            &format!("users[{i}].share"),
            u.share,
            Some(0.0),
            Some(limits::SHARE_OR_WEIGHT),
        );
        let latency_path = c.choice_or(
            format!("users[{i}].latency_path"),
            u.latency_path.as_deref(),
            LatencyPath::default(),
        );
        out.push(UserGroup {
            name: u.name.clone(),
            countries: u.countries.clone(),
            metros: u.metros.clone(),
            share,
            latency_path,
        });
    }
    let total: f64 = out.iter().map(|u| u.share).sum();
    // A share already reported as out of range (negative) says nothing of the others.
    let shares_valid = out.iter().all(|u| u.share >= 0.0);
    if !out.is_empty() && shares_valid && total <= 0.0 {
        c.problem(
            "users[*].share",
            None,
            "the shares sum to 0: give at least one share > 0",
        );
    } else if total > 0.0 {
        for u in &mut out {
            u.share /= total;
        }
    }
    out
}

pub(super) fn facility(c: &mut Checker, raw: &RawScenario) -> Facility {
    let r = &raw.facility;
    let d = Facility::default();
    let mut f = d.clone();
    if let Some(v) = r.it_load_mw {
        f.it_load_mw = c.positive_max("facility.it_load_mw", v, limits::IT_LOAD_MW);
    }
    if let Some(v) = r.utilisation {
        f.utilisation = c.range("facility.utilisation", v, Some(0.0), Some(1.0));
        if v == 0.0 {
            c.problem("facility.utilisation", Some(&v), "must be > 0");
        }
    }
    f.cooling = c.choice_or("facility.cooling", r.cooling.as_deref(), d.cooling);
    f.keys = c.choice_or("facility.keys", r.keys.as_deref(), d.keys);
    f.sector = match r.sector.as_deref() {
        None | Some(GENERAL_SECTOR) => None,
        Some(s) => {
            let sector = s.parse().ok();
            if sector.is_none() {
                let allowed = facility_sectors().join(", ");
                c.problem("facility.sector", Some(&s), format!("allowed: {allowed}"));
            }
            sector
        }
    };
    if let Some(v) = r.horizon_years {
        f.horizon_years = c.range("facility.horizon_years", v, Some(1.0), Some(100.0));
    }
    if let Some(v) = r.discount_rate {
        f.discount_rate = c.range("facility.discount_rate", v, Some(0.0), Some(1.0));
    }
    if let Some(v) = r.price_escalation {
        f.price_escalation = c.range("facility.price_escalation", v, Some(-0.5), Some(1.0));
    }
    if let Some(v) = r.carbon_price_usd_t {
        f.carbon_price_usd_t = c.range(
            "facility.carbon_price_usd_t",
            v,
            Some(0.0),
            Some(limits::CARBON_PRICE_USD_T),
        );
    }
    if let Some(v) = r.pue {
        f.pue = Some(c.range("facility.pue", v, Some(1.0), Some(5.0)));
    }
    if let Some(v) = r.latency_sla_ms {
        f.latency_sla_ms = c.positive_max("facility.latency_sla_ms", v, limits::LATENCY_SLA_MS);
    }
    let mut param = |key: &str, v: Option<f64>, lo: f64, hi: f64| {
        v.map(|v| c.range(&format!("facility.{key}"), v, Some(lo), Some(hi)))
    };
    f.cooling_params = CoolingParams {
        fans: param("fans", r.fans, 0.0, 1.0),
        ups_loss: param("ups_loss", r.ups_loss, 0.0, 1.0),
        distribution_loss: param("distribution_loss", r.distribution_loss, 0.0, 1.0),
        misc: param("misc", r.misc, 0.0, 1.0),
        pumps: param("pumps", r.pumps, 0.0, 1.0),
        airside_max_drybulb_c: param("airside_max_drybulb_c", r.airside_max_drybulb_c, 0.0, 45.0),
        airside_max_dewpoint_c: param(
            "airside_max_dewpoint_c",
            r.airside_max_dewpoint_c,
            -20.0,
            30.0,
        ),
        approach_k: param("approach_k", r.approach_k, 0.0, 20.0),
    };
    f
}

pub(super) fn rules(
    c: &mut Checker,
    raw: &[RawRule],
    model: &Model,
    users: &[UserGroup],
) -> Vec<Rule> {
    let mut out = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let key = |k: &str| format!("rules[{i}].{k}");
        let Some(kind) = c.choice::<RuleKind>(key("kind"), &r.kind) else {
            continue;
        };
        match kind {
            RuleKind::Threshold => {
                let Some(id) = &r.criterion else {
                    c.problem(key("criterion"), None, "a threshold rule names a criterion");
                    continue;
                };
                let Some(criterion) = model.criterion_index(id) else {
                    c.problem(
                        key("criterion"),
                        Some(id),
                        format!(
                            "not a criterion of model {}; criteria: {}",
                            model.name,
                            model.criterion_ids().join(", ")
                        ),
                    );
                    continue;
                };
                if r.min.is_none() && r.max.is_none() {
                    c.problem(key("max"), None, "a threshold rule needs min, max or both");
                }
                let (min, max) = (
                    r.min.map(|v| c.value(&key("min"), v)),
                    r.max.map(|v| c.value(&key("max"), v)),
                );
                if let (Some(a), Some(b)) = (r.min, r.max)
                    && a > b
                {
                    c.problem(key("min"), Some(&a), format!("must be ≤ max ({b})"));
                }
                if r.users.is_some() {
                    c.problem(key("users"), None, "users goes with kind = \"residency\"");
                }
                out.push(Rule::Threshold {
                    criterion,
                    min,
                    max,
                });
            }
            RuleKind::Residency => {
                let Some(name) = &r.users else {
                    c.problem(
                        key("users"),
                        None,
                        "a residency rule names a [[users]] group",
                    );
                    continue;
                };
                let Some(u) = users.iter().position(|g| &g.name == name) else {
                    let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
                    c.problem(
                        key("users"),
                        Some(name),
                        format!("no such user group; groups: {}", names.join(", ")),
                    );
                    continue;
                };
                if r.criterion.is_some() || r.min.is_some() || r.max.is_some() {
                    c.problem(
                        key("criterion"),
                        None,
                        "criterion/min/max go with kind = \"threshold\"",
                    );
                }
                out.push(Rule::Residency { users: u });
            }
        }
    }
    out
}

/// The kinds of rule (`kind = "…"`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::Display, strum::VariantNames,
)]
#[strum(serialize_all = "lowercase")]
pub enum RuleKind {
    Threshold,
    Residency,
}

/// Parses a distribution written in a scenario, reporting problems under `key`. Its
/// parameters must keep the quantity within [`lo`, `hi`] (see [`Dist::outside`]).
pub(crate) fn dist(
    c: &mut Checker,
    key: &str,
    raw: &raw::RawDist,
    (lo, hi): (f64, f64),
) -> Option<Dist> {
    match Dist::from_raw(raw) {
        Ok(d) => match d.outside(lo, hi, limits::LOGNORMAL_SIGMA) {
            None => Some(d),
            Some((param, v, allowed)) => {
                c.problem(format!("{key}.{param}"), Some(&v), allowed);
                None
            }
        },
        Err(msg) => {
            c.problem(key, Some(&raw.dist), msg);
            None
        }
    }
}
