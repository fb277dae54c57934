//! Hard rules and feasibility: which sites pass the threshold and residency rules and the
//! infeasibility events of a draw, and how a broken rule is described.

use crate::error::Problem;
use crate::scenario::Rule;

use super::*;

impl World {
    /// The problem of a base case in which every candidate breaks a rule: which rules
    /// screen out which sites.
    pub(super) fn no_feasible_site(&self, d: &Draw) -> Problem {
        let sc = &self.scenario;
        let m = self.sites.len();
        let parts: Vec<String> = sc
            .rules
            .iter()
            .enumerate()
            .filter_map(|(k, rule)| {
                let out: Vec<&str> = (0..m)
                    .filter(|&i| !self.passes(rule, d, i))
                    .map(|i| self.sites[i].id.as_str())
                    .collect();
                if out.is_empty() {
                    return None;
                }
                let mut ids = out.iter().take(6).copied().collect::<Vec<_>>().join(", ");
                if out.len() > 6 {
                    ids += &format!(" and {} more", out.len() - 6);
                }
                Some(format!(
                    "rules[{k}] ({}) screens out {} of {m}: {ids}",
                    rule.describe(&sc.model, &sc.users),
                    out.len()
                ))
            })
            .collect();
        Problem::new(
            sc.file.name.clone(),
            "rules",
            format!(
                "no candidate site passes the hard rules in the base case; {}. Relax the rules or widen [candidates]",
                parts.join("; ")
            ),
        )
    }

    /// Warnings for residency rules that cannot screen out a site: no regime of the users'
    /// countries binds (strict, or sectoral with `facility.sector` listed), in the base case or
    /// through an event.
    pub(super) fn rule_warnings(&self) -> Vec<String> {
        let Some(reg) = self.factors.regulation() else {
            return Vec::new();
        };
        let sc = &self.scenario;
        let (regimes, binding) = match sc.facility.sector {
            None => (
                "a strict localisation regime".to_owned(),
                "only a strict regime keeps data in its country".to_owned(),
            ),
            Some(s) => (
                format!("a strict localisation regime or a sectoral one that lists \"{s}\""),
                format!(
                    "only a strict regime, or a sectoral one whose localized_sectors lists facility.sector = \"{s}\", keeps data in its country"
                ),
            ),
        };
        sc.rules
            .iter()
            .enumerate()
            .filter_map(|(k, rule)| match *rule {
                Rule::Residency { users } if !reg.residency_can_bind(users, &sc.events) => Some(format!(
                    "rules[{k}] (residency of {}): no country of these users has {regimes}, in the base case or through an event, so the rule screens out no site; {binding} (docs/models.md, Regulation)",
                    sc.users[users].name
                )),
                _ => None,
            })
            .collect()
    }

    /// Whether site `i` passes `rule` in a filled draw.
    fn passes(&self, rule: &Rule, d: &Draw, i: usize) -> bool {
        match *rule {
            Rule::Threshold {
                criterion,
                min,
                max,
            } => {
                let v = d.x[(i, criterion)];
                min.is_none_or(|lo| v >= lo) && max.is_none_or(|hi| v <= hi)
            }
            Rule::Residency { users } => self.factors.compliant(&d.inputs, users, i),
        }
    }

    /// Whether a threshold rule reads criterion `j` (so that a change of it can change which
    /// sites are feasible).
    pub fn threshold_reads(&self, j: usize) -> bool {
        self.scenario
            .rules
            .iter()
            .any(|r| matches!(*r, Rule::Threshold { criterion, .. } if criterion == j))
    }

    /// Whether site `i` passes the threshold rules and is not removed by an event, residency
    /// aside: for `dcsite portfolio`, which applies residency to each user point.
    pub fn eligible_without_residency(&self, d: &Draw, i: usize) -> bool {
        let thresholds = self
            .scenario
            .rules
            .iter()
            .filter(|r| matches!(r, Rule::Threshold { .. }))
            .all(|r| self.passes(r, d, i));
        thresholds && !self.removed_by_event(d, i)
    }

    /// [`World::feasibility`] without the residency rules: the threshold rules and the
    /// infeasibility events only (sites that pass are [`World::eligible_without_residency`]).
    pub(super) fn feasibility_without_residency(&self, d: &mut Draw) {
        let rules = &self.scenario.rules;
        for i in 0..self.sites.len() {
            let broken = rules
                .iter()
                .position(|r| matches!(r, Rule::Threshold { .. }) && !self.passes(r, d, i));
            d.broken[i] = broken.or_else(|| self.removed_by_event(d, i).then_some(rules.len()));
            d.feasible[i] = d.broken[i].is_none();
        }
    }

    /// Applies the hard rules and infeasibility events to a filled draw; `broken` records
    /// the first rule a site broke (`rules.len()` for an event).
    pub fn feasibility(&self, d: &mut Draw) {
        let rules = &self.scenario.rules;
        for i in 0..self.sites.len() {
            let broken = rules.iter().position(|r| !self.passes(r, d, i));
            d.broken[i] = broken.or_else(|| self.removed_by_event(d, i).then_some(rules.len()));
            d.feasible[i] = d.broken[i].is_none();
        }
    }

    /// Describes what made a site infeasible (`broken` from a draw).
    pub fn broken_rule(&self, broken: Option<usize>) -> String {
        match broken {
            None => String::new(),
            Some(k) if k < self.scenario.rules.len() => {
                self.scenario.rules[k].describe(&self.scenario.model, &self.scenario.users)
            }
            Some(_) => "event".to_owned(),
        }
    }
}
