//! Factor models: turn a site's data and one draw's inputs into criterion values.
//!
//! Each family lives in its own file with its equations, units and sources:
//! [`cooling`] (PUE, free cooling, water), [`energy`] (MWh, cost, carbon, NPV), [`latency`]
//! (RTT to users), [`regulation`] (residency, government access, transfer risk),
//! [`remoteness`] and [`security`]. A family is built only when its data is available; a
//! family whose metric a criterion uses must build, or the world reports why not. Static
//! parts are precomputed at build; [`Factors::evaluate`] allocates nothing.

pub mod cooling;
mod data;
pub mod energy;
pub mod latency;
pub mod regulation;
pub mod remoteness;
pub mod routes;
pub mod security;
pub mod users;

use data::Data;

pub use crate::scenario::Metric;

use std::collections::BTreeSet;

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::data::Site;
use crate::data::{InputFile, Localization, Sites};
use crate::error::{Error, Problem, Problems, Result};
use crate::scenario::{CriterionSource, Rule, Scenario};
use crate::uncertainty::Effect;

/// Inputs of the factor models that vary between draws.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawInputs {
    pub warming_c: f64,
    pub carbon_price_usd_t: f64,
    pub route_factor: f64,
    /// Electricity price per site (USD/MWh) in this draw.
    pub price_usd_mwh: Vec<f64>,
    /// Grid carbon intensity per site (gCO2/kWh) in this draw.
    pub grid_gco2_kwh: Vec<f64>,
    /// Share of each user group in this draw (sums to 1).
    pub user_share: Vec<f64>,
    /// Localisation regime per country of [`regulation::Regulation::countries`].
    pub regime: Vec<Localization>,
    /// WGI noise per country of the candidates (standard normals; zeros in the base case).
    pub wgi_noise: Vec<(f64, f64)>,
    /// Per site: offset (°C) of its climate from its climate rows, added to the warming
    /// (drawn from climate.csv's `t_mean_c_sd`; zeros in the base case).
    pub site_warming_c: Vec<f64>,
}

/// Factor metric values of one draw, sites × metrics, plus sorting state for latency.
#[derive(Debug, Clone)]
pub struct FactorScratch {
    values: Vec<f64>,
    sites: usize,
    latency: latency::Scratch,
}

impl FactorScratch {
    pub fn value(&self, metric: Metric, site: usize) -> f64 {
        self.values[metric as usize * self.sites + site]
    }

    fn set(&mut self, metric: Metric, site: usize, v: f64) {
        self.values[metric as usize * self.sites + site] = v;
    }
}

/// The built factor families for a scenario's candidates.
#[derive(Debug)]
pub struct Factors {
    sites: usize,
    /// Metrics that criteria use (evaluated every draw).
    needed: BTreeSet<Metric>,
    cooling: Option<cooling::Cooling>,
    energy: Option<energy::Energy>,
    users: Option<users::Users>,
    latency: Option<latency::Latency>,
    regulation: Option<regulation::Regulation>,
    remoteness: Option<remoteness::Remoteness>,
    security: Option<security::Security>,
    /// Price-factor groups: (distribution index into scenario electricity, site indices).
    price_groups: Vec<Vec<usize>>,
    /// Per `price-shock` event: (event index, the sites it reaches, factor).
    price_shocks: Vec<(usize, Vec<usize>, f64)>,
    /// Why optional families were not built.
    pub warnings: Vec<String>,
}

/// Families, in build order (energy needs cooling; latency and regulation need users).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Family {
    Cooling,
    Energy,
    Users,
    Latency,
    Regulation,
    Remoteness,
    Security,
}

pub(crate) fn family(m: Metric) -> Family {
    use Metric::*;
    match m {
        Pue | FreeCoolingShare | WueLKwh => Family::Cooling,
        AnnualMwh | AnnualCostUsd | NpvUsd | Tco2PerYear => Family::Energy,
        MeanRttMs | P95RttMs | SlaShare => Family::Latency,
        ResidencyShare | GovAccess | TransferRisk => Family::Regulation,
        NearestMetroKm | Pop50kmM | Pop100kmM => Family::Remoteness,
        SeismicPgaG | FloodIndex | CycloneIndex | GeomagLatDeg | PoliticalStability | RuleOfLaw
        | HazardComposite => Family::Security,
    }
}

/// A site's base-case RTT to one user group ([`Factors::group_rtts`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupRtt {
    pub mean_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub points: usize,
}

impl Factors {
    /// Builds every family whose data is available; families that criteria, rules or events
    /// need must build, or their problems are returned.
    pub fn build(
        scenario: &Scenario,
        all: &Sites,
        sites: &[Site],
        files: &mut Vec<InputFile>,
    ) -> Result<Factors> {
        let needed: BTreeSet<Metric> = scenario
            .model
            .criteria
            .iter()
            .filter_map(|c| match c.source {
                CriterionSource::Factor(m) => Some(m),
                CriterionSource::Column { .. } => None,
            })
            .collect();
        let mut required: BTreeSet<Family> = needed.iter().map(|&m| family(m)).collect();
        if required.contains(&Family::Energy) && scenario.facility.pue.is_none() {
            required.insert(Family::Cooling);
        }
        let regulatory_events = scenario
            .events
            .iter()
            .any(|e| matches!(e.effect, Effect::Localization { .. }));
        if scenario
            .rules
            .iter()
            .any(|r| matches!(r, Rule::Residency { .. }))
            || regulatory_events
        {
            required.insert(Family::Regulation);
        }
        if required.contains(&Family::Latency) || required.contains(&Family::Regulation) {
            required.insert(Family::Users);
        }
        let mut data = Data {
            scenario,
            files,
            climate: None,
            jurisdictions: None,
            urban_areas: None,
        };
        let mut f = Factors {
            sites: sites.len(),
            needed,
            cooling: None,
            energy: None,
            users: None,
            latency: None,
            regulation: None,
            remoteness: None,
            security: None,
            price_groups: Vec::new(),
            price_shocks: Vec::new(),
            warnings: Vec::new(),
        };
        let mut problems = Problems::default();
        let rows: Vec<usize> = sites.iter().map(|s| s.row).collect();
        let coords = all.coordinates(&rows).map_err(Error::Invalid);
        // Families that cannot exist by design (no coordinates in an analyst's own sites
        // file, no [[users]] in the scenario) get one note each, not one warning per family.
        let no_coords = coords.is_err();
        let no_users = scenario.users.is_empty();
        if no_coords && required.is_empty() {
            f.warnings.push(format!(
                "{} has no valid lat/lon: only column criteria; no factor metrics in factors.csv",
                all.table.name
            ));
        }
        let by_design = |fam: Family| {
            no_coords
                || (no_users && matches!(fam, Family::Users | Family::Latency | Family::Regulation))
        };
        let outcome = |fam: Family,
                       r: Result<()>,
                       problems: &mut Problems,
                       warnings: &mut Vec<String>| match r {
            Ok(()) => {}
            Err(Error::Invalid(p)) if required.contains(&fam) => problems.extend(p),
            Err(e) if required.contains(&fam) => problems.push(e.to_problem()),
            Err(_) if by_design(fam) => {}
            Err(e) => warnings.push(format!(
                "{} metrics not computed{}: {}",
                format!("{fam:?}").to_lowercase(),
                match (fam, scenario.facility.pue) {
                    (Family::Cooling, Some(pue)) => format!(
                        " (not in factors.csv; the energy metrics use facility.pue = {pue})"
                    ),
                    _ => " (not in factors.csv)".to_owned(),
                },
                first_line(&e)
            )),
        };
        let r = data
            .climate()
            .and_then(|c| {
                // Cooling needs normals for every candidate before it reads a bin: without
                // them the shipped bins are not parsed (a fixed cost of every such run).
                let covered = sites.iter().all(|s| c.get(&s.id).is_some());
                Ok((c, data.climate_bins(covered)?))
            })
            .and_then(|(c, bins)| {
                let rows: Vec<usize> = sites.iter().map(|s| s.row).collect();
                cooling::Cooling::build(
                    &c,
                    bins.as_deref(),
                    sites,
                    all.elevations(&rows)?,
                    &scenario.facility,
                    scenario.uncertainty.warming_c.as_ref(),
                    scenario.uncertainty.measurement,
                )
            })
            .map(|c| f.cooling = Some(c));
        outcome(Family::Cooling, r, &mut problems, &mut f.warnings);
        if let Some(c) = &f.cooling {
            let ((lo, hi), share) = c.warming_outside();
            if share > 0.0 {
                f.warnings.push(format!(
                    "uncertainty.warming_c: about {:.1} % of draws fall outside {lo}…{hi} °C, the range the cooling model tabulates; they are clamped to it",
                    100.0 * share
                ));
            }
        }
        let r = match (&f.cooling, scenario.facility.pue) {
            (Some(_), _) | (None, Some(_)) => data
                .jurisdictions()
                .and_then(|j| energy::Energy::build(&j, all, sites, scenario))
                .map(|e| f.energy = Some(e)),
            // The cooling model's own problems say why there is no PUE.
            (None, None) if required.contains(&Family::Cooling) => Ok(()),
            (None, None) => Err(Problem::new(
                scenario.file.name.clone(),
                "facility.pue",
                "energy metrics need a PUE: climate normals for every candidate (cooling model) or a design facility.pue",
            )
            .into()),
        };
        outcome(Family::Energy, r, &mut problems, &mut f.warnings);
        if let (Some(e), true) = (&f.energy, scenario.uncertainty.measurement) {
            // The price counts through a cost; the grid through emissions, or a cost with a
            // carbon price that can be above 0.
            let read = |m: Metric| f.needed.contains(&m);
            let cost = read(Metric::NpvUsd) || read(Metric::AnnualCostUsd);
            let grid = read(Metric::Tco2PerYear) || (cost && e.carbon_price.range().1 > 0.0);
            let warnings = e.noise_warnings(sites, cost, grid);
            f.warnings.extend(warnings);
        }
        let r = match (data.jurisdictions(), data.urban_areas(), &coords) {
            // One problem for one cause: the families that need the groups say nothing more.
            _ if no_users && required.contains(&Family::Users) => {
                let reads = |fam: Family| f.needed.iter().any(|&m| family(m) == fam);
                let residency = scenario
                    .rules
                    .iter()
                    .any(|r| matches!(r, Rule::Residency { .. }));
                let needs: Vec<&str> = [
                    (reads(Family::Latency), "the model's latency metrics"),
                    (reads(Family::Regulation), "the model's regulation metrics"),
                    (residency, "residency rules"),
                    (regulatory_events, "localisation events"),
                ]
                .into_iter()
                .filter_map(|(yes, what)| yes.then_some(what))
                .collect();
                Err(Problem::new(
                    scenario.file.name.clone(),
                    "users",
                    match needs.split_last() {
                        Some((last, rest)) if !rest.is_empty() => format!(
                            "no [[users]] groups in the scenario, which {} and {last} need",
                            rest.join(", ")
                        ),
                        _ => format!(
                            "no [[users]] groups in the scenario, which {} need",
                            needs.join("")
                        ),
                    },
                )
                .into())
            }
            (Ok(j), Ok(c), Ok(_)) => {
                users::Users::build(&scenario.users, &c, &j, scenario).map(|u| f.users = Some(u))
            }
            (j, c, _) => Err(j.err().or(c.err()).unwrap_or_else(|| coords_err(&coords))),
        };
        outcome(Family::Users, r, &mut problems, &mut f.warnings);
        let r = match (&f.users, &coords) {
            (Some(u), Ok(xy)) => data
                .jurisdictions()
                .and_then(|j| {
                    let params = latency::LatencyParams::default();
                    latency::Latency::build(u, xy, sites, &j, &scenario.facility, &params)
                })
                .and_then(|mut l| {
                    if let Some((table, warnings)) = data.measured_latency(all)? {
                        f.warnings.extend(warnings);
                        l.apply_measured(&table, sites, u)?;
                    }
                    Ok(l)
                })
                .map(|l| {
                    f.latency =
                        Some(l.with_route_factor(scenario.uncertainty.route_factor.as_ref()))
                }),
            // The user groups' own problems say why they are missing.
            (None, _) if required.contains(&Family::Users) => Ok(()),
            (None, _) => Err(Problem::new(
                scenario.file.name.clone(),
                "users",
                "latency metrics need [[users]] groups",
            )
            .into()),
            (_, Err(_)) => Err(coords_err(&coords)),
        };
        outcome(Family::Latency, r, &mut problems, &mut f.warnings);
        let r = match &f.users {
            Some(u) => data
                .jurisdictions()
                .and_then(|j| regulation::Regulation::build(u, sites, &j, scenario))
                .map(|g| f.regulation = Some(g)),
            None if required.contains(&Family::Users) => Ok(()),
            None => Err(Problem::new(
                scenario.file.name.clone(),
                "users",
                "regulation metrics and residency rules need [[users]] groups",
            )
            .into()),
        };
        outcome(Family::Regulation, r, &mut problems, &mut f.warnings);
        if let Some(p) = data
            .jurisdictions()
            .ok()
            .and_then(|j| regulation::sector_column(&j, scenario))
        {
            problems.push(p);
        }
        let r = match &coords {
            Ok(xy) => data
                .urban_areas()
                .map(|c| f.remoteness = Some(remoteness::Remoteness::build(&c, xy))),
            Err(_) => Err(coords_err(&coords)),
        };
        outcome(Family::Remoteness, r, &mut problems, &mut f.warnings);
        let r = match &coords {
            Ok(xy) => data
                .jurisdictions()
                .and_then(|j| security::Security::build(all, &rows, sites, xy, &j))
                .map(|s| f.security = Some(s)),
            Err(_) => Err(coords_err(&coords)),
        };
        outcome(Family::Security, r, &mut problems, &mut f.warnings);
        for (i, pf) in scenario.uncertainty.electricity.iter().enumerate() {
            let group: Vec<usize> = (0..sites.len())
                .filter(|&s| pf.countries.contains(&sites[s].country))
                .collect();
            if group.is_empty() {
                f.warnings.push(format!(
                    "uncertainty.electricity[{i}]: no candidate site in {}",
                    pf.countries.join(", ")
                ));
            }
            f.price_groups.push(group);
        }
        for (k, e) in scenario.events.iter().enumerate() {
            if let Effect::PriceShock {
                countries,
                sites: ids,
                factor,
            } = &e.effect
            {
                let reached = (0..sites.len())
                    .filter(|&i| {
                        countries.contains(&sites[i].country) || ids.contains(&sites[i].id)
                    })
                    .collect();
                f.price_shocks.push((k, reached, *factor));
            }
        }
        problems.into_result(f)
    }

    /// Inputs at their scenario values (used to size buffers).
    pub fn base_inputs(&self) -> DrawInputs {
        DrawInputs {
            warming_c: 0.0,
            carbon_price_usd_t: 0.0,
            route_factor: latency::DEFAULT_ROUTE_FACTOR,
            price_usd_mwh: vec![0.0; self.sites],
            grid_gco2_kwh: vec![0.0; self.sites],
            user_share: self
                .users
                .as_ref()
                .map_or_else(Vec::new, |u| u.shares.clone()),
            regime: self
                .regulation
                .as_ref()
                .map_or_else(Vec::new, |r| r.base_regime.clone()),
            wgi_noise: vec![(0.0, 0.0); self.security.as_ref().map_or(0, |s| s.countries())],
            site_warming_c: vec![0.0; self.sites],
        }
    }

    /// Sets the inputs to the central values of their distributions (the base case).
    pub fn central_inputs(&self, inputs: &mut DrawInputs) {
        *inputs = self.base_inputs();
        if let Some(e) = &self.energy {
            inputs.carbon_price_usd_t = e.carbon_price.central();
            inputs.price_usd_mwh.copy_from_slice(&e.price_usd_mwh);
            inputs.grid_gco2_kwh.copy_from_slice(&e.grid_gco2_kwh);
        }
        if let Some(l) = &self.latency {
            inputs.route_factor = l.route_factor.central();
        }
        if let Some(c) = &self.cooling {
            inputs.warming_c = c.warming.central();
        }
    }

    /// Samples the draw's inputs. The order of random numbers is fixed: warming, carbon
    /// price, route factor, price-group factors, per-site price noise, per-site grid
    /// intensity noise, user shares, WGI noise per country, per-site climate offsets.
    pub fn sample_inputs<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        scenario: &Scenario,
        event_on: &[bool],
        inputs: &mut DrawInputs,
    ) {
        if let Some(c) = &self.cooling {
            inputs.warming_c = c.warming.sample(rng);
        }
        if let Some(e) = &self.energy {
            inputs.carbon_price_usd_t = e.carbon_price.sample(rng).max(0.0);
        }
        if let Some(l) = &self.latency {
            inputs.route_factor = l.route_factor.sample(rng).max(1.0);
        }
        if let Some(e) = &self.energy {
            for (i, p) in inputs.price_usd_mwh.iter_mut().enumerate() {
                *p = e.price_usd_mwh[i];
            }
            for (group, pf) in self
                .price_groups
                .iter()
                .zip(&scenario.uncertainty.electricity)
            {
                let f = pf.factor.sample(rng);
                for &i in group {
                    inputs.price_usd_mwh[i] *= f;
                }
            }
            if scenario.uncertainty.measurement {
                for (i, p) in inputs.price_usd_mwh.iter_mut().enumerate() {
                    if e.price_sd_usd_mwh[i] > 0.0 {
                        let z: f64 = rng.sample(StandardNormal);
                        *p = energy::Energy::noisy(*p, e.price_sigma[i], z);
                    }
                }
            }
            inputs.grid_gco2_kwh.copy_from_slice(&e.grid_gco2_kwh);
            if scenario.uncertainty.measurement {
                for (i, g) in inputs.grid_gco2_kwh.iter_mut().enumerate() {
                    if e.grid_sd_gco2_kwh[i] > 0.0 {
                        let z: f64 = rng.sample(StandardNormal);
                        *g = energy::Energy::noisy(*g, e.grid_sigma[i], z);
                    }
                }
            }
            for (k, reached, factor) in &self.price_shocks {
                if event_on[*k] {
                    for &i in reached {
                        inputs.price_usd_mwh[i] *= factor;
                    }
                }
            }
            for p in inputs.price_usd_mwh.iter_mut() {
                *p = p.max(0.0);
            }
        }
        if let Some(u) = &self.users {
            u.sample_shares(
                rng,
                scenario.uncertainty.user_share_cv,
                &mut inputs.user_share,
            );
        }
        if let Some(r) = &self.regulation {
            inputs.regime.copy_from_slice(&r.base_regime);
            for (ev, &on) in scenario.events.iter().zip(event_on) {
                if let (true, Effect::Localization { countries, regime }) = (on, &ev.effect) {
                    r.apply_regime(countries, *regime, &mut inputs.regime);
                }
            }
        }
        // WGI standard errors, drawn only when a criterion reads a security metric.
        let wgi_read = self.needed.iter().any(|&m| family(m) == Family::Security);
        if let (Some(sec), true, true) =
            (&self.security, wgi_read, scenario.uncertainty.measurement)
        {
            sec.sample_noise(rng, &mut inputs.wgi_noise);
        }
        // Climate offsets, drawn only when the cooling model is evaluated.
        if let (Some(c), true, true) = (
            &self.cooling,
            self.wants(Family::Cooling),
            scenario.uncertainty.measurement,
        ) {
            for (o, info) in inputs.site_warming_c.iter_mut().zip(&c.info) {
                if info.t_mean_c_sd > 0.0 {
                    let z: f64 = rng.sample(StandardNormal);
                    *o = info.t_mean_c_sd * z;
                }
            }
        }
    }

    /// Whether the metrics that criteria use need family `fam` (cooling also when the energy
    /// metrics take the cooling model's PUE).
    fn wants(&self, fam: Family) -> bool {
        let energy_needs_cooling = self.energy.as_ref().is_some_and(|e| e.fixed_pue.is_none());
        self.needed.iter().any(|&m| {
            family(m) == fam
                || (fam == Family::Cooling && family(m) == Family::Energy && energy_needs_cooling)
        })
    }

    pub fn scratch(&self) -> FactorScratch {
        FactorScratch {
            values: vec![f64::NAN; Metric::ALL.len() * self.sites],
            sites: self.sites,
            latency: self
                .latency
                .as_ref()
                .map_or_else(latency::Scratch::default, latency::Latency::scratch),
        }
    }

    /// Evaluates the metrics that criteria use.
    pub fn evaluate(&self, inputs: &DrawInputs, s: &mut FactorScratch) {
        self.evaluate_families(inputs, s, false);
    }

    fn evaluate_families(&self, inputs: &DrawInputs, s: &mut FactorScratch, all: bool) {
        let want = |fam: Family| all || self.wants(fam);
        if let (Some(c), true) = (&self.cooling, want(Family::Cooling)) {
            for i in 0..self.sites {
                let o = c.at(i, inputs.warming_c + inputs.site_warming_c[i]);
                s.set(Metric::Pue, i, o.pue);
                s.set(Metric::FreeCoolingShare, i, o.free_cooling_share);
                s.set(Metric::WueLKwh, i, o.wue_l_kwh);
            }
        }
        if let (Some(e), true) = (&self.energy, want(Family::Energy)) {
            for i in 0..self.sites {
                let pue = e.fixed_pue.unwrap_or_else(|| s.value(Metric::Pue, i));
                let o = e.at(
                    pue,
                    inputs.price_usd_mwh[i],
                    inputs.grid_gco2_kwh[i],
                    inputs.carbon_price_usd_t,
                );
                s.set(Metric::AnnualMwh, i, o.annual_mwh);
                s.set(Metric::AnnualCostUsd, i, o.annual_cost_usd);
                s.set(Metric::NpvUsd, i, o.npv_usd);
                s.set(Metric::Tco2PerYear, i, o.tco2_per_year);
            }
        }
        if let (Some(l), Some(u), true) = (&self.latency, &self.users, want(Family::Latency)) {
            l.weigh(u, inputs, &mut s.latency);
            for i in 0..self.sites {
                let o = l.at(i, inputs.route_factor, &mut s.latency);
                s.set(Metric::MeanRttMs, i, o.mean_rtt_ms);
                s.set(Metric::P95RttMs, i, o.p95_rtt_ms);
                s.set(Metric::SlaShare, i, o.sla_share);
            }
        }
        if let (Some(r), true) = (&self.regulation, want(Family::Regulation)) {
            for i in 0..self.sites {
                let o = r.at(i, inputs);
                s.set(Metric::ResidencyShare, i, o.residency_share);
                s.set(Metric::GovAccess, i, o.gov_access);
                s.set(Metric::TransferRisk, i, o.transfer_risk);
            }
        }
        if let (Some(r), true) = (&self.remoteness, want(Family::Remoteness)) {
            for i in 0..self.sites {
                s.set(Metric::NearestMetroKm, i, r.nearest_metro_km[i]);
                s.set(Metric::Pop50kmM, i, r.pop_50km_m[i]);
                s.set(Metric::Pop100kmM, i, r.pop_100km_m[i]);
            }
        }
        if let (Some(sec), true) = (&self.security, want(Family::Security)) {
            for i in 0..self.sites {
                for (m, v) in sec.values(i, &inputs.wgi_noise) {
                    s.set(m, i, v);
                }
            }
        }
    }

    /// True when site `site` satisfies the residency law of every user of group `group`.
    pub fn compliant(&self, inputs: &DrawInputs, group: usize, site: usize) -> bool {
        self.regulation
            .as_ref()
            .is_some_and(|r| r.group_compliant(group, site, inputs))
    }

    /// Base-case values of every metric that could be computed, for `factors.csv`.
    pub fn all_metrics(&self) -> Vec<(Metric, Vec<f64>)> {
        let mut inputs = self.base_inputs();
        self.central_inputs(&mut inputs);
        let mut s = self.scratch();
        self.evaluate_families(&inputs, &mut s, true);
        Metric::ALL
            .iter()
            .map(|&m| {
                (
                    m,
                    (0..self.sites).map(|i| s.value(m, i)).collect::<Vec<f64>>(),
                )
            })
            .filter(|(_, v)| v.iter().all(|x| x.is_finite()))
            .collect()
    }

    pub fn users(&self) -> Option<&users::Users> {
        self.users.as_ref()
    }

    pub fn latency(&self) -> Option<&latency::Latency> {
        self.latency.as_ref()
    }

    pub fn cooling(&self) -> Option<&cooling::Cooling> {
        self.cooling.as_ref()
    }

    pub fn energy(&self) -> Option<&energy::Energy> {
        self.energy.as_ref()
    }

    /// The PUE of site `i` under a draw's inputs: the design PUE when the scenario sets
    /// `facility.pue`, else the cooling model's at the draw's warming (global plus the
    /// site's own); NaN with neither. The one place this choice is made.
    pub fn pue(&self, i: usize, inputs: &DrawInputs) -> f64 {
        match (
            self.energy.as_ref().and_then(|e| e.fixed_pue),
            &self.cooling,
        ) {
            (Some(p), _) => p,
            (None, Some(c)) => c.at(i, inputs.warming_c + inputs.site_warming_c[i]).pue,
            (None, None) => f64::NAN,
        }
    }

    /// Base-case RTT (central route factor) from site `i` to each user group, in group
    /// order: the user-weighted mean over the group's points (weights sum to 1 in a group),
    /// the least and greatest, and the number of points; `None` without users. The one
    /// place `latency.csv` and the plots read it from.
    pub fn group_rtts(&self, i: usize) -> Option<Vec<GroupRtt>> {
        let (l, u) = (self.latency.as_ref()?, self.users.as_ref()?);
        let mut rtt = vec![0.0; u.points.len()];
        l.rtts(i, l.route_factor.central(), &mut rtt);
        let mut groups = vec![
            GroupRtt {
                mean_ms: 0.0,
                min_ms: f64::INFINITY,
                max_ms: f64::NEG_INFINITY,
                points: 0,
            };
            u.names.len()
        ];
        for (p, &r) in u.points.iter().zip(&rtt) {
            let g = &mut groups[p.group];
            g.mean_ms += p.weight * r;
            g.min_ms = g.min_ms.min(r);
            g.max_ms = g.max_ms.max(r);
            g.points += 1;
        }
        Some(groups)
    }

    /// Energy use and cost of site `i` under a draw's inputs (at [`Factors::pue`]); `None`
    /// without the energy model.
    pub fn energy_at(&self, i: usize, inputs: &DrawInputs) -> Option<energy::EnergyOutput> {
        let e = self.energy.as_ref()?;
        Some(e.at(
            self.pue(i, inputs),
            inputs.price_usd_mwh[i],
            inputs.grid_gco2_kwh[i],
            inputs.carbon_price_usd_t,
        ))
    }

    pub fn regulation(&self) -> Option<&regulation::Regulation> {
        self.regulation.as_ref()
    }

    pub fn remoteness(&self) -> Option<&remoteness::Remoteness> {
        self.remoteness.as_ref()
    }
}

fn coords_err(coords: &Result<Vec<(f64, f64)>>) -> Error {
    match coords {
        Err(Error::Invalid(p)) => Error::Invalid(p.clone()),
        _ => Problem::new("", "", "coordinates unavailable").into(),
    }
}

fn first_line(e: &Error) -> String {
    match e {
        Error::Invalid(p) if p.len() > 1 => {
            format!("{} (and {} more like it)", p.0[0], p.len() - 1)
        }
        Error::Invalid(p) if p.len() == 1 => p.0[0].to_string(),
        e => e.to_string(),
    }
}
