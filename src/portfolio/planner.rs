//! The planner: binds the portfolio problem to a world (points, countries, factor models) and
//! prices an instance for the base case or a Monte Carlo draw.

use crate::error::{Problem, Result};
use crate::factors::energy::annuity_factor;
use crate::factors::latency::Latency;
use crate::factors::regulation::Regulation;
use crate::factors::users::Users;
use crate::scenario::{CriterionSource, Effect, Objective, PortfolioSettings, Rule, Sla};
use crate::world::{Draw, World};

use super::*;

/// The parts of a portfolio's objective and its service, in one draw.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Parts {
    pub fixed_usd_per_year: f64,
    pub energy_usd_per_year: f64,
    pub latency_usd_per_year: f64,
    pub sla_penalty_usd_per_year: f64,
    /// Users-weighted mean RTT to the serving site.
    pub mean_rtt_ms: f64,
    /// Users' share served within the SLA.
    pub sla_share: f64,
    /// Users-weighted MCDA score of the serving sites.
    pub mean_score: f64,
}

/// One draw priced for the portfolio problem: the instance and the terms behind it.
#[derive(Debug, Clone)]
pub struct Priced {
    pub instance: Instance,
    /// `w_p`: each point's share of all users in the draw.
    pub weight: Vec<f64>,
    /// `rtt_ms[i · points + p]`.
    pub rtt_ms: Vec<f64>,
    /// Annualised energy cost of the whole facility at each site (NaN without energy data).
    pub energy_usd_per_year: Vec<f64>,
    /// Each site's MCDA score in the draw.
    pub score: Vec<f64>,
    /// Sites that pass the scenario's threshold rules and events in the draw.
    pub eligible: Vec<bool>,
    /// `law_ok[i · points + p]`: p's residency law allows site i in the draw.
    pub law_ok: Vec<bool>,
}

/// Binds the portfolio problem to a world: resolves points, countries and factor models.
#[derive(Debug)]
pub struct Planner<'w> {
    pub world: &'w World,
    pub settings: PortfolioSettings,
    pub users: &'w Users,
    latency: &'w Latency,
    regulation: &'w Regulation,
    /// Each point's country as an index of the regulation model's countries.
    point_country: Vec<usize>,
    level_annuity: f64,
    /// Each candidate's (lat, lon).
    coords: Vec<(f64, f64)>,
    /// Pairs of candidates closer than `min_separation_km` ([`Instance::with_conflicts`]).
    conflict: std::sync::Arc<[bool]>,
}

impl<'w> Planner<'w> {
    /// Checks that the world has what the problem needs: user points, latency, residency
    /// law and, for the cost objective, energy.
    pub fn new(world: &'w World, settings: PortfolioSettings) -> Result<Planner<'w>> {
        let file = world.scenario.file.name.clone();
        let why = || {
            if world.warnings.is_empty() {
                String::new()
            } else {
                format!(" ({})", world.warnings.join("; "))
            }
        };
        let f = &world.factors;
        let (Some(users), Some(latency)) = (f.users(), f.latency()) else {
            return Err(Problem::new(
                file,
                "users",
                format!(
                    "a portfolio needs [[users]] groups and candidates with coordinates{}",
                    why()
                ),
            )
            .into());
        };
        let Some(regulation) = f.regulation() else {
            return Err(Problem::new(
                file,
                "users",
                format!(
                    "a portfolio needs the jurisdictions of the users' countries for residency{}",
                    why()
                ),
            )
            .into());
        };
        if settings.objective == Objective::Cost && f.energy().is_none() {
            return Err(Problem::new(
                file,
                "portfolio.objective",
                format!("the cost objective needs energy costs: a facility.pue or climate normals for every candidate{}", why()),
            )
            .into());
        }
        let point_country = users
            .points
            .iter()
            .map(|p| {
                regulation
                    .country_index(&p.country)
                    .expect("the regulation model tracks every user country")
            })
            .collect();
        let fac = &world.scenario.facility;
        // Latency needs every candidate's coordinates.
        let coords = world.site_coords().unwrap_or_default();
        let conflict: std::sync::Arc<[bool]> = if settings.min_separation_km > 0.0 {
            closer_than(&coords, settings.min_separation_km).into()
        } else {
            std::sync::Arc::new([])
        };
        Ok(Planner {
            coords,
            conflict,
            world,
            settings,
            users,
            latency,
            regulation,
            point_country,
            level_annuity: annuity_factor(fac.discount_rate, 0.0, fac.horizon_years),
        })
    }

    pub fn priced(&self) -> Priced {
        let (m, n) = (self.world.sites.len(), self.users.points.len());
        let instance = Instance::new(vec![0.0; m], n, vec![0.0; m * n]);
        Priced {
            instance: if self.conflict.is_empty() {
                instance
            } else {
                instance.with_conflicts(self.conflict.clone())
            },
            weight: vec![0.0; n],
            rtt_ms: vec![0.0; m * n],
            energy_usd_per_year: vec![f64::NAN; m],
            score: vec![0.0; m],
            eligible: vec![true; m],
            law_ok: vec![true; m * n],
        }
    }

    /// Prices a filled draw (the base case or a Monte Carlo draw). The draw is screened and
    /// scored again without the residency rules ([`World::finish_without_residency`]):
    /// residency binds each point here, not the sites, so every site's score is on one scale.
    pub fn price(&self, d: &mut Draw, out: &mut Priced) {
        let world = self.world;
        world.finish_without_residency(d);
        let s = &self.settings;
        let inputs = &d.inputs;
        let (m, n) = (world.sites.len(), self.users.points.len());
        let sla = world.scenario.facility.latency_sla_ms;
        for (w, p) in out.weight.iter_mut().zip(&self.users.points) {
            *w = inputs.user_share[p.group] * p.weight;
        }
        self.eligibility(d, &mut out.eligible);
        out.score.copy_from_slice(&d.scores);
        for i in 0..m {
            out.energy_usd_per_year[i] = world
                .factors
                .energy_at(i, inputs)
                .map_or(f64::NAN, |e| e.npv_usd / self.level_annuity);
            let rtt = &mut out.rtt_ms[i * n..(i + 1) * n];
            self.latency.rtts(i, inputs.route_factor, rtt);
            out.instance.fixed[i] = match s.objective {
                Objective::Cost => s.fixed_cost_usd_per_year,
                Objective::Score => 0.0,
            };
            for (p, &r) in rtt.iter().enumerate() {
                let law = self
                    .regulation
                    .point_allowed(self.point_country[p], i, inputs);
                out.law_ok[i * n + p] = law;
                let allowed = out.eligible[i] && law && (s.sla != Sla::Hard || r <= sla);
                let w = out.weight[p];
                out.instance.cost[i * n + p] = if !allowed {
                    f64::INFINITY
                } else {
                    match s.objective {
                        Objective::Cost => {
                            let penalty = match s.sla {
                                Sla::Penalty => s.sla_penalty_usd_per_user_ms * (r - sla).max(0.0),
                                Sla::Hard | Sla::Off => 0.0,
                            };
                            w * (out.energy_usd_per_year[i]
                                + s.users * (s.latency_usd_per_user_ms * r + penalty))
                        }
                        Objective::Score => w * (1.0 - d.scores[i]),
                    }
                };
            }
        }
    }

    /// Sites that pass the scenario's threshold rules and infeasibility events in the draw.
    fn eligibility(&self, d: &Draw, out: &mut [bool]) {
        for (i, ok) in out.iter_mut().enumerate() {
            *ok = self.world.eligible_without_residency(d, i);
        }
    }

    /// The parts of a portfolio's objective in a priced draw.
    pub fn parts(&self, priced: &Priced, p: &Portfolio) -> Parts {
        let s = &self.settings;
        let n = self.users.points.len();
        let sla = self.world.scenario.facility.latency_sla_ms;
        let mut out = Parts {
            fixed_usd_per_year: match s.objective {
                Objective::Cost => s.fixed_cost_usd_per_year * p.sites.len() as f64,
                Objective::Score => 0.0,
            },
            ..Parts::default()
        };
        for (q, &i) in p.assign.iter().enumerate() {
            let w = priced.weight[q];
            let r = priced.rtt_ms[i * n + q];
            out.energy_usd_per_year += w * priced.energy_usd_per_year[i];
            out.mean_rtt_ms += w * r;
            if r <= sla {
                out.sla_share += w;
            }
            out.mean_score += w * priced.score[i];
            out.latency_usd_per_year += w * s.users * s.latency_usd_per_user_ms * r;
            if s.sla == Sla::Penalty {
                out.sla_penalty_usd_per_year +=
                    w * s.users * s.sla_penalty_usd_per_user_ms * (r - sla).max(0.0);
            }
        }
        out
    }

    /// The great-circle distance of a portfolio's closest pair of sites (km); `None` for
    /// one site.
    pub fn min_pair_km(&self, sites: &[usize]) -> Option<f64> {
        if self.coords.len() != self.world.sites.len() {
            return None;
        }
        min_pair_km(&self.coords, sites)
    }

    /// A warning when `min_separation_km` leaves no two candidates that may be together and
    /// portfolios of two or more sites are asked for: every portfolio then has one site.
    pub fn separation_warning(&self, k_max: usize) -> Option<String> {
        let limit = self.settings.min_separation_km;
        if limit <= 0.0 || k_max < 2 || self.coords.len() < 2 {
            return None;
        }
        let m = self.coords.len();
        let fits = (0..m).any(|i| (i + 1..m).any(|j| !self.conflict[i * m + j]));
        if fits {
            return None;
        }
        let (mut far, mut pair) = (0.0, (0, 1));
        for i in 0..m {
            for j in i + 1..m {
                let d = min_pair_km(&self.coords, &[i, j]).unwrap_or(0.0);
                if d > far {
                    (far, pair) = (d, (i, j));
                }
            }
        }
        let id = |i: usize| self.world.sites[i].id.as_str();
        Some(format!(
            "portfolio.min_separation_km = {limit}: no two candidates are ≥ {limit} km apart (the farthest pair, {} and {}, is {far:.0} km): every portfolio has one site, whatever K",
            id(pair.0),
            id(pair.1)
        ))
    }

    /// Warnings for threshold rules on metrics of all the users (below), and for settings
    /// that cannot change this portfolio: `criterion-shock` events and
    /// criterion factors (the cost objective reads energy, latency and the law from the
    /// factor models, not the MCDA criteria, so a criterion counts only through a threshold
    /// rule on it), and a `users` count that scales no term.
    pub fn warnings(&self) -> Vec<String> {
        let sc = &self.world.scenario;
        let s = &self.settings;
        let mut out = self.user_threshold_warnings();
        if s.objective != Objective::Cost {
            return out;
        }
        let users = (s.users_set && s.latency_usd_per_user_ms == 0.0 && s.sla != Sla::Penalty)
            .then(|| format!(
                "portfolio.users = {}: it scales only the latency terms, and there are none (latency_usd_per_user_ms = 0 and sla = \"{}\"): it changes no portfolio; set latency_usd_per_user_ms, or sla = \"penalty\" with sla_penalty_usd_per_user_ms",
                s.users, <&str>::from(s.sla)
            ));
        let unread = |j: usize| !self.world.threshold_reads(j);
        let shocks = sc.events.iter().enumerate().filter_map(|(k, e)| match e.effect {
            Effect::CriterionShock { criterion, .. } if unread(criterion) => Some(format!(
                "events[{k}] ({:?}) shocks criterion {}, which the cost objective does not read (it prices energy, latency and the SLA from the inputs) and no threshold rule reads: it changes no portfolio; use effect = \"price-shock\" for electricity prices, or objective = \"score\"",
                e.name, sc.model.criteria[criterion].id
            )),
            _ => None,
        });
        let factors = sc.uncertainty.criteria.iter().filter(|&&(j, _)| unread(j)).map(|&(j, _)| {
            let id = &sc.model.criteria[j].id;
            format!(
                "uncertainty.criteria.{id}: the cost objective does not read criterion {id} (it prices energy, latency and the SLA from the inputs) and no threshold rule reads it: its factor changes no portfolio; use [[uncertainty.electricity]] for electricity prices, or objective = \"score\""
            )
        });
        out.extend(users.into_iter().chain(shocks).chain(factors));
        out
    }

    /// Warnings for threshold rules on a metric of all the scenario's users (latency,
    /// residency share, transfer risk): `run` judges one site serving everyone, but here a
    /// site serves only the points assigned to it, and the rule still screens it by its
    /// value over all of them (the sites it screens out in the base case are named).
    fn user_threshold_warnings(&self) -> Vec<String> {
        let world = self.world;
        let sc = &world.scenario;
        sc.rules
            .iter()
            .enumerate()
            .filter_map(|(k, rule)| {
                let Rule::Threshold {
                    criterion,
                    min,
                    max,
                } = *rule
                else {
                    return None;
                };
                let CriterionSource::Factor(metric) = sc.model.criteria[criterion].source else {
                    return None;
                };
                use crate::factors::Metric::*;
                if !matches!(
                    metric,
                    MeanRttMs | P95RttMs | SlaShare | ResidencyShare | TransferRisk
                ) {
                    return None;
                }
                let out: Vec<&str> = (0..world.sites.len())
                    .filter(|&i| {
                        let v = world.base[(i, criterion)];
                        !(min.is_none_or(|lo| v >= lo) && max.is_none_or(|hi| v <= hi))
                    })
                    .map(|i| world.sites[i].id.as_str())
                    .collect();
                if out.is_empty() {
                    return None;
                }
                Some(format!(
                    "rules[{k}] ({}) reads {metric}, a value over all the scenario's users, and screens {} out of every portfolio in the base case, though in a portfolio a site serves only the users assigned to it; to bound each user's RTT use portfolio.sla = \"hard\" with facility.latency_sla_ms (residency already binds each user point), and drop the rule for the portfolio (docs/portfolio.md, The problem)",
                    rule.describe(&sc.model, &sc.users),
                    out.join(", ")
                ))
            })
            .collect()
    }

    /// Explains why points cannot be served by any candidate (for the base case's error).
    pub(super) fn unservable_problem(&self, priced: &Priced, points: &[usize]) -> Problem {
        let n = self.users.points.len();
        let sla = self.world.scenario.facility.latency_sla_ms;
        let m = self.world.sites.len();
        let mut lines = Vec::new();
        for &p in points.iter().take(5) {
            let pt = &self.users.points[p];
            let law: Vec<usize> = (0..m).filter(|&i| priced.law_ok[i * n + p]).collect();
            let ok: Vec<usize> = law
                .iter()
                .copied()
                .filter(|&i| priced.eligible[i])
                .collect();
            let reason = if law.is_empty() {
                format!("its residency law ({}) allows no candidate", pt.country)
            } else if ok.is_empty() {
                "every candidate its law allows breaks a threshold rule or an event".to_owned()
            } else {
                let best = ok
                    .iter()
                    .map(|&i| priced.rtt_ms[i * n + p])
                    .fold(f64::INFINITY, f64::min);
                // One decimal: rounded to the ms, 50.3 ms read "50 ms away, over the SLA of 50 ms".
                format!(
                    "the nearest allowed candidate is {best:.1} ms away, over the SLA of {sla} ms"
                )
            };
            lines.push(format!(
                "{} ({}, group {}): {reason}",
                pt.id, pt.country, self.users.names[pt.group]
            ));
        }
        if points.len() > 5 {
            lines.push(format!("and {} more", points.len() - 5));
        }
        Problem::new(
            self.world.scenario.file.name.clone(),
            "portfolio",
            format!(
                "no portfolio can serve every user point: {} (add candidates, raise facility.latency_sla_ms, or set portfolio.sla to \"penalty\" or \"off\")",
                lines.join("; ")
            ),
        )
    }
}
