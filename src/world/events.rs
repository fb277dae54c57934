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

pub(super) fn resolve_events(
    scenario: &Scenario,
    sites: &[Site],
    problems: &mut Problems,
) -> Vec<ResolvedEvent> {
    let select = |countries: &[String], ids: &[String], problems: &mut Problems, k: usize| {
        for id in ids {
            if !sites.iter().any(|s| &s.id == id) {
                problems.push(
                    Problem::new(
                        scenario.file.name.clone(),
                        format!("events[{k}].sites"),
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
                Effect::Localization { .. } | Effect::PriceShock { .. } => ResolvedEffect::Factor,
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
