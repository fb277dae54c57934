//! Events resolved to site indices; their effects on the decision matrix and on feasibility.
//! (The factor models apply the localisation and price-shock effects.)

use crate::error::{Problem, Problems};
use crate::scenario::Scenario;
use crate::uncertainty::Effect;

use super::*;

/// An event resolved to site indices.
#[derive(Debug, Clone)]
pub(super) struct ResolvedEvent {
    pub(super) probability: f64,
    pub(super) effect: ResolvedEffect,
}

#[derive(Debug, Clone)]
pub(super) enum ResolvedEffect {
    /// Handled by the factor models (localisation, price shock).
    Factor,
    CriterionShock {
        criterion: usize,
        sites: Vec<usize>,
        factor: f64,
    },
    Infeasible {
        sites: Vec<usize>,
    },
}

/// Warnings for events that change nothing as written: one that reaches no candidate site
/// (most likely a typo), a localisation in no country of the users (its law binds only the
/// users in its countries) and one of probability 1, which the base case leaves out.
/// `user_countries`: the countries of the user points.
pub(super) fn event_warnings(
    scenario: &Scenario,
    sites: &[Site],
    user_countries: &[&str],
) -> Vec<String> {
    let mut out = Vec::new();
    for (k, e) in scenario.events.iter().enumerate() {
        if let Effect::Localization { countries, .. } = &e.effect
            && !countries
                .iter()
                .any(|c| user_countries.contains(&c.as_str()))
        {
            out.push(format!(
                "events[{k}] ({:?}) localises {}, where no [[users]] group has users: a localisation law binds only the users in its countries, so it changes nothing",
                e.name,
                countries.join(", ")
            ));
        }
        let (countries, ids) = match &e.effect {
            Effect::Localization { .. } => (&[][..], &[][..]),
            Effect::PriceShock {
                countries, sites, ..
            }
            | Effect::CriterionShock {
                countries, sites, ..
            }
            | Effect::Infeasible { countries, sites } => (&countries[..], &sites[..]),
        };
        let reaches = |s: &Site| countries.contains(&s.country) || ids.contains(&s.id);
        let named = !countries.is_empty() || !ids.is_empty();
        if named && !sites.iter().any(reaches) {
            out.push(format!(
                "events[{k}] ({:?}) reaches no candidate site: no candidate is in {}; it changes nothing",
                e.name,
                countries.join(", ")
            ));
        }
        if e.probability <= 0.0 {
            out.push(format!(
                "events[{k}] ({:?}) has probability 0: it never happens, so it changes nothing",
                e.name
            ));
        }
        if e.probability >= 1.0 {
            out.push(format!(
                "events[{k}] ({:?}) has probability 1: it happens in every draw, but the base case (score_base, --draws 0) has no events; for a certain change, edit the data or add a rule",
                e.name
            ));
        }
    }
    out
}

pub(super) fn resolve_events(
    scenario: &Scenario,
    sites: &[Site],
    problems: &mut Problems,
) -> Vec<ResolvedEvent> {
    let select = |countries: &[String], ids: &[String], problems: &mut Problems, k: usize| {
        for (n, id) in ids.iter().enumerate() {
            if !sites.iter().any(|s| &s.id == id) {
                problems.push(
                    Problem::new(
                        scenario.file.name.clone(),
                        format!("events[{k}].sites[{n}]"),
                        "not a candidate site",
                    )
                    .value(format!("{id:?}")),
                );
            }
        }
        (0..sites.len())
            .filter(|&i| ids.contains(&sites[i].id) || countries.contains(&sites[i].country))
            .collect::<Vec<usize>>()
    };
    scenario
        .events
        .iter()
        .enumerate()
        .map(|(k, e)| ResolvedEvent {
            probability: e.probability,
            effect: match &e.effect {
                Effect::Localization { .. } => ResolvedEffect::Factor,
                Effect::PriceShock {
                    countries,
                    sites: ids,
                    ..
                } => {
                    // The factor layer applies it (Factors::price_shocks); the ids are
                    // checked here, with the other events'.
                    select(countries, ids, problems, k);
                    ResolvedEffect::Factor
                }
                Effect::CriterionShock {
                    criterion,
                    countries,
                    sites: ids,
                    factor,
                } => ResolvedEffect::CriterionShock {
                    criterion: *criterion,
                    sites: select(countries, ids, problems, k),
                    factor: *factor,
                },
                Effect::Infeasible {
                    countries,
                    sites: ids,
                } => ResolvedEffect::Infeasible {
                    sites: select(countries, ids, problems, k),
                },
            },
        })
        .collect()
}

impl World {
    /// Whether an infeasibility event of the draw removes site `i`.
    pub(super) fn removed_by_event(&self, d: &Draw, i: usize) -> bool {
        self.events.iter().zip(&d.event_on).any(|(e, &on)| {
            on && matches!(&e.effect, ResolvedEffect::Infeasible { sites } if sites.contains(&i))
        })
    }
}
