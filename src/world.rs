//! The resolved world of a scenario: candidate sites, criteria base values and
//! measurement uncertainty, factor models, rules and events, ready to sample draws from.
//!
//! Building a world reads the datasets (only those the scenario needs) and checks every
//! cross-reference (site ids, countries, metros, columns); sampling a draw reads nothing and
//! allocates nothing.

use nalgebra::DMatrix;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::data::{DataPaths, InputFile, Kind, Sites, load_table};
use crate::error::{Problem, Problems, Result};
use crate::factors::{DrawInputs, FactorScratch, Factors, Metric};
use crate::mcda::{Scorer, rank};
use crate::scenario::{CriterionSource, Rule, Scenario};
use crate::uncertainty::{Effect, Strategy, WeightSampler, choose_strategy};

/// A candidate site as resolved from the sites file.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub country: String,
    /// Row in the sites file.
    pub row: usize,
    /// (latitude, longitude) in degrees, WGS 84; `None` when the sites file has no valid
    /// coordinates for it.
    pub coords: Option<(f64, f64)>,
}

/// An event resolved to site indices.
#[derive(Debug, Clone)]
struct ResolvedEvent {
    probability: f64,
    effect: ResolvedEffect,
}

#[derive(Debug, Clone)]
enum ResolvedEffect {
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

/// Everything needed to evaluate draws.
#[derive(Debug)]
pub struct World {
    pub scenario: Scenario,
    pub sites: Vec<Site>,
    /// Base-case raw values, sites × criteria.
    pub base: DMatrix<f64>,
    /// Measurement noise of column criteria, one entry per noisy cell.
    noise: Noise,
    pub factors: Factors,
    /// Input files read, in order: scenario, model, datasets.
    pub files: Vec<InputFile>,
    pub warnings: Vec<String>,
    strategy: Strategy,
    events: Vec<ResolvedEvent>,
}

/// Measurement noise, laid out for one vectorised pass per draw. Entry k is cell
/// (`site[k]`, its column's criterion) and gets one standard normal z_k, in column-major
/// order of the cells; its noise term is t_k = `shift[k]` + `scale[k]`·z_k. In a lognormal
/// column (every candidate value positive) the cell becomes exp(t_k), with μ and σ of ln x
/// as shift and scale; elsewhere t_k = sd·z_k is added to the value.
#[derive(Debug, Clone, Default)]
struct Noise {
    site: Vec<usize>,
    shift: Vec<f64>,
    scale: Vec<f64>,
    /// (criterion, lognormal, entries) per criterion with any noisy cell.
    columns: Vec<(usize, bool, std::ops::Range<usize>)>,
}

impl Noise {
    /// From the base values and measurement sd (sites × criteria). A criterion whose values
    /// are all positive (prices, distances) keeps them positive: its noise is lognormal with
    /// the same mean and sd, σ² = ln(1 + (sd/x)²), μ = ln x − σ²/2.
    fn new(base: &DMatrix<f64>, sd: &DMatrix<f64>) -> Noise {
        let mut noise = Noise::default();
        for j in 0..base.ncols() {
            let lognormal = base.column(j).iter().all(|&x| x > 0.0);
            let start = noise.site.len();
            for i in 0..base.nrows() {
                let (x, s) = (base[(i, j)], sd[(i, j)]);
                if s > 0.0 {
                    let (shift, scale) = if lognormal {
                        let var = (1.0 + (s / x).powi(2)).ln();
                        (x.ln() - 0.5 * var, var.sqrt())
                    } else {
                        (0.0, s)
                    };
                    noise.site.push(i);
                    noise.shift.push(shift);
                    noise.scale.push(scale);
                }
            }
            if noise.site.len() > start {
                noise.columns.push((j, lognormal, start..noise.site.len()));
            }
        }
        noise
    }

    /// Draws the noise (`t` has one slot per entry) and applies it to `x`.
    fn apply<R: Rng + ?Sized>(&self, rng: &mut R, t: &mut [f64], x: &mut DMatrix<f64>) {
        for t in t.iter_mut() {
            *t = rng.sample(StandardNormal);
        }
        for ((t, a), b) in t.iter_mut().zip(&self.shift).zip(&self.scale) {
            *t = a + b * *t;
        }
        for (j, lognormal, range) in &self.columns {
            let (t, sites) = (&mut t[range.clone()], &self.site[range.clone()]);
            let mut col = x.column_mut(*j);
            if *lognormal {
                crate::simulate::exp_in_place(t);
                sites.iter().zip(t).for_each(|(&i, t)| col[i] = *t);
            } else {
                sites.iter().zip(t).for_each(|(&i, t)| col[i] += *t);
            }
        }
    }
}

/// Buffers for one draw, reused across the draws of a batch.
#[derive(Debug, Clone)]
pub struct Draw {
    /// Raw criterion values, sites × criteria.
    pub x: DMatrix<f64>,
    pub weights: Vec<f64>,
    pub feasible: Vec<bool>,
    /// Index of the first rule a site broke (rules, then `rules.len()` for an event).
    pub broken: Vec<Option<usize>>,
    pub scores: Vec<f64>,
    /// Site indices, best first.
    pub order: Vec<usize>,
    /// 0-based rank of each site.
    pub rank: Vec<usize>,
    pub inputs: DrawInputs,
    pub event_on: Vec<bool>,
    /// Measurement-noise terms, one per noisy cell.
    noise: Vec<f64>,
    scratch: FactorScratch,
    /// Linear terms of the method (sites × criteria) and scores under several weight
    /// vectors (sites × vectors), for the central-weight pass.
    terms: DMatrix<f64>,
    block: DMatrix<f64>,
    /// Whether each site won under its own weights, from [`World::central_wins`].
    pub wins: Vec<bool>,
    scorer: Scorer,
}

impl World {
    /// Resolves a scenario against its datasets.
    pub fn build(scenario: Scenario) -> Result<World> {
        let mut files = vec![scenario.file.clone(), scenario.model_file.clone()];
        let paths: &DataPaths = &scenario.data;
        let (table, file) = load_table(paths, Kind::Sites)?;
        files.push(file);
        let all = Sites::new(table)?;
        let name = all.table.name.clone();
        let mut problems = Problems::default();
        let rows = candidates(&scenario, &all, &mut problems);
        let sites: Vec<Site> = rows
            .iter()
            .map(|&row| Site {
                id: all.ids()[row].clone(),
                name: all.name(row).to_owned(),
                country: all.country(row).to_owned(),
                row,
                coords: all.coordinates(&[row]).ok().map(|c| c[0]),
            })
            .collect();
        if sites.is_empty() && problems.is_empty() {
            problems.push(Problem::new(
                scenario.file.name.clone(),
                "candidates",
                format!("no site of {name} passes the candidate filters"),
            ));
        }
        let m = sites.len();
        let model = &scenario.model;
        let n = model.criteria.len();
        let mut base = DMatrix::zeros(m, n);
        let mut sd = DMatrix::zeros(m, n);
        for (j, c) in model.criteria.iter().enumerate() {
            let CriterionSource::Column { column, sd_column } = &c.source else {
                continue;
            };
            // A column the sites file lacks is the model's mistake: say so at its key.
            let missing = |key: &str, col: &str| {
                Problem::new(
                    scenario.model_file.name.clone(),
                    format!("criteria[{j}].{key}"),
                    format!(
                        "{name} has no such column; its columns: {}",
                        all.table.headers().join(", ")
                    ),
                )
                .value(format!("{col:?}"))
            };
            if !all.table.has(column) {
                problems.push(missing("column", column));
                continue;
            }
            if let Some(sc) = sd_column
                && !all.table.has(sc)
            {
                problems.push(missing("sd_column", sc));
            }
            match all.table.numbers(column, &rows) {
                Ok(v) => base.column_mut(j).copy_from_slice(&v),
                Err(p) => problems.extend(p),
            }
            if !scenario.uncertainty.measurement {
                continue;
            }
            let auto = format!("{column}_sd");
            let sd_col = sd_column
                .as_deref()
                .or(all.table.has(&auto).then_some(auto.as_str()));
            if let Some(sc) = sd_col {
                match all.table.require(sc) {
                    Err(_) if sd_column.is_some() => {}
                    Ok(col) => {
                        for (i, &r) in rows.iter().enumerate() {
                            match all.table.optional_number(r, col) {
                                Ok(Some(v)) if v >= 0.0 => sd[(i, j)] = v,
                                Ok(Some(v)) => problems.push(
                                    Problem::new(
                                        &name,
                                        format!("row {}, column {sc}", r + 1),
                                        "an sd must be ≥ 0",
                                    )
                                    .line(all.table.line(r))
                                    .value(v),
                                ),
                                Ok(None) => {}
                                Err(p) => problems.push(p),
                            }
                        }
                    }
                    Err(p) => problems.push(p),
                }
            }
        }
        let factors = match Factors::build(&scenario, &all, &sites, &mut files) {
            Ok(f) => Some(f),
            Err(crate::Error::Invalid(p)) => {
                problems.extend(p);
                None
            }
            Err(e) => return Err(e),
        };
        let events = resolve_events(&scenario, &sites, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let factors = factors.expect("no problems means factors were built");
        let strategy = choose_strategy(&scenario.weights);
        let noise = Noise::new(&base, &sd);
        let mut world = World {
            sites,
            base,
            noise,
            factors,
            files,
            warnings: Vec::new(),
            strategy,
            events,
            scenario,
        };
        // Fill factor criteria with their base-case values.
        let mut draw = world.new_draw();
        world.base_case(&mut draw);
        world.base = draw.x.clone();
        if !draw.feasible.iter().any(|&f| f) {
            return Err(world.no_feasible_site(&draw).into());
        }
        world.warnings = world.factors.warnings.clone();
        if let Some(a) = world.scenario.weights.ahp() {
            let cr = a.priorities.consistency_ratio;
            if cr > crate::uncertainty::ahp::SAATY_MAX_CR && a.max_cr.is_none() {
                world.warnings.push(format!(
                    "AHP consistency ratio {cr:.3} > 0.1: the pairwise judgements are inconsistent (Saaty); revise them, or set weights.ahp_max_cr to accept or refuse"
                ));
            }
        }
        Ok(world)
    }

    /// The problem of a base case in which every candidate breaks a rule: which rules
    /// screen out which sites.
    fn no_feasible_site(&self, d: &Draw) -> Problem {
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

    pub fn criteria_count(&self) -> usize {
        self.scenario.model.criteria.len()
    }

    pub fn weight_strategy(&self) -> Strategy {
        self.strategy
    }

    /// Fresh buffers for drawing.
    pub fn new_draw(&self) -> Draw {
        let (m, n) = (self.sites.len(), self.criteria_count());
        let model = &self.scenario.model;
        Draw {
            x: DMatrix::zeros(m, n),
            weights: model.weights(),
            feasible: vec![true; m],
            broken: vec![None; m],
            scores: vec![0.0; m],
            order: (0..m).collect(),
            rank: (0..m).collect(),
            inputs: self.factors.base_inputs(),
            event_on: vec![false; self.events.len()],
            noise: vec![0.0; self.noise.site.len()],
            scratch: self.factors.scratch(),
            terms: DMatrix::zeros(m, n),
            block: DMatrix::zeros(0, 0),
            wins: Vec::new(),
            scorer: Scorer::for_model(model, self.scenario.method, m),
        }
    }

    /// A weight sampler for one batch.
    pub fn weight_sampler<R: Rng + ?Sized>(&self, rng: &mut R) -> WeightSampler<'_> {
        WeightSampler::new(&self.scenario.weights, self.strategy, rng)
    }

    /// The base case: central input values, point weights, no events, no noise.
    pub fn base_case(&self, d: &mut Draw) {
        d.weights.copy_from_slice(&self.scenario.model.weights());
        d.event_on.fill(false);
        self.factors.central_inputs(&mut d.inputs);
        self.fill(d);
        self.finish(d);
    }

    /// Samples one draw: weights, inputs, events, measurement noise; then scores and ranks.
    /// The order of random numbers is fixed, so a batch's generator reproduces its draws.
    pub fn sample<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        weights: &mut WeightSampler<'_>,
        d: &mut Draw,
    ) {
        self.sample_inputs(rng, weights, d);
        self.finish(d);
    }

    /// Everything of [`World::sample`] but scoring: fills `x`, `weights` and feasibility.
    pub fn sample_inputs<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        weights: &mut WeightSampler<'_>,
        d: &mut Draw,
    ) {
        weights.sample(rng, &mut d.weights);
        for (on, e) in d.event_on.iter_mut().zip(&self.events) {
            *on = rng.random::<f64>() < e.probability;
        }
        // Event k of the world is event k of the scenario; the factor models apply the
        // localisation and price-shock effects.
        self.factors
            .sample_inputs(rng, &self.scenario, &d.event_on, &mut d.inputs);
        self.fill(d);
        // Measurement noise on column criteria, then multiplicative criterion factors.
        self.noise.apply(rng, &mut d.noise, &mut d.x);
        let m = self.sites.len();
        for (j, dist) in &self.scenario.uncertainty.criteria {
            let f = dist.sample(rng);
            for i in 0..m {
                d.x[(i, *j)] *= f;
            }
        }
        for (e, &on) in self.events.iter().zip(&d.event_on) {
            if let (
                true,
                ResolvedEffect::CriterionShock {
                    criterion,
                    sites,
                    factor,
                },
            ) = (on, &e.effect)
            {
                for &i in sites {
                    d.x[(i, *criterion)] *= factor;
                }
            }
        }
    }

    /// Base values of column criteria plus factor metrics for the draw's inputs.
    fn fill(&self, d: &mut Draw) {
        d.x.copy_from(&self.base);
        self.factors.evaluate(&d.inputs, &mut d.scratch);
        for (j, c) in self.scenario.model.criteria.iter().enumerate() {
            if let CriterionSource::Factor(metric) = c.source {
                for i in 0..self.sites.len() {
                    d.x[(i, j)] = d.scratch.value(metric, i);
                }
            }
        }
    }

    /// Feasibility, scores and ranks of a filled draw.
    pub fn finish(&self, d: &mut Draw) {
        self.feasibility(d);
        d.scorer.score(&d.x, &d.weights, &d.feasible, &mut d.scores);
        rank(&d.scores, &d.feasible, &mut d.order, &mut d.rank);
    }

    /// Scores and ranks the draw's matrix under other weights.
    pub fn rescore(&self, d: &mut Draw, weights: &[f64]) {
        d.scorer.score(&d.x, weights, &d.feasible, &mut d.scores);
        rank(&d.scores, &d.feasible, &mut d.order, &mut d.rank);
    }

    /// Whether each site of `sites` ranks first in a filled draw (feasibility applied) under
    /// its own weight vector, column c of `weights` (criteria × sites.len()), into `d.wins`:
    /// the test of SMAA-2's confidence pass. For methods whose score increases with
    /// Σ_j w_j t_ij the scores under all vectors are one matrix product T·W, and site i
    /// wins its column when no competing site scores higher (or the same with a lower
    /// index, the tie rule of [`rank`]): a branch-free scan that the compiler vectorises.
    /// Other methods rescore and rank per vector.
    pub fn central_wins(&self, d: &mut Draw, weights: &DMatrix<f64>, sites: &[usize]) {
        let (m, k) = (self.sites.len(), weights.ncols());
        d.wins.resize(k, false);
        if !d.feasible.iter().any(|&f| f) {
            // No site wins a draw that every site fails (as in the first pass).
            d.wins.fill(false);
            return;
        }
        if d.scorer.linear_terms(&d.x, &d.feasible, &mut d.terms) {
            if d.block.shape() != (m, k) {
                d.block = DMatrix::zeros(m, k);
            }
            d.block.gemm(1.0, &d.terms, weights, 0.0);
            // Every site competes when all or none are feasible (as in `rank`): the same
            // reference sites the scores were normalised over.
            let screen = crate::mcda::reference(&d.feasible).is_some();
            for (c, &i) in sites.iter().enumerate() {
                let col = d.block.column(c);
                let col = col.as_slice();
                let s = col[i];
                d.wins[c] = if !screen {
                    let above = |v: &f64| *v >= s;
                    let beats = |v: &f64| *v > s;
                    !(col[..i].iter().fold(false, |b, v| b | above(v))
                        | col[i + 1..].iter().fold(false, |b, v| b | beats(v)))
                } else {
                    let f = &d.feasible;
                    f[i] && !col
                        .iter()
                        .zip(f)
                        .enumerate()
                        .any(|(j, (&v, &ok))| ok && (v > s || (v == s && j < i)))
                };
            }
        } else {
            for (c, &i) in sites.iter().enumerate() {
                let w = weights.column(c);
                d.scorer
                    .score(&d.x, w.as_slice(), &d.feasible, &mut d.scores);
                rank(&d.scores, &d.feasible, &mut d.order, &mut d.rank);
                d.wins[c] = d.order[0] == i && d.feasible[i];
            }
        }
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

    /// Whether an infeasibility event of the draw removes site `i`.
    fn removed_by_event(&self, d: &Draw, i: usize) -> bool {
        self.events.iter().zip(&d.event_on).any(|(e, &on)| {
            on && matches!(&e.effect, ResolvedEffect::Infeasible { sites } if sites.contains(&i))
        })
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

    /// The draw's normalised matrix (sites × criteria, higher is better), as the method saw it.
    pub fn normalized<'d>(&self, d: &'d Draw) -> &'d DMatrix<f64> {
        &d.scorer.normalized
    }

    /// The first non-finite raw value or score of a scored draw, as (site, criterion (`None`
    /// for the score), value), in site order.
    pub fn first_nonfinite(&self, d: &Draw) -> Option<(usize, Option<usize>, f64)> {
        if d.x.iter().all(|v| v.is_finite()) && d.scores.iter().all(|v| v.is_finite()) {
            return None;
        }
        (0..self.sites.len()).find_map(|i| {
            (0..self.criteria_count())
                .find(|&j| !d.x[(i, j)].is_finite())
                .map(|j| (i, Some(j), d.x[(i, j)]))
                .or_else(|| (!d.scores[i].is_finite()).then_some((i, None, d.scores[i])))
        })
    }

    /// The error for a non-finite value found by [`World::first_nonfinite`].
    pub fn nonfinite_error(
        &self,
        (i, j, value): (usize, Option<usize>, f64),
        draw: Option<u64>,
    ) -> crate::Error {
        crate::Error::NonFinite {
            site: self.sites[i].id.clone(),
            what: match j {
                Some(j) => format!("criterion {}", self.scenario.model.criteria[j].id),
                None => "score".to_owned(),
            },
            draw: draw.map_or("base case".to_owned(), |k| format!("draw {k}")),
            value,
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

    /// Base-case value of every factor metric for every candidate (for `factors.csv`).
    pub fn all_metrics(&self) -> Vec<(Metric, Vec<f64>)> {
        self.factors.all_metrics()
    }
}

/// Candidate rows: country filter, plus include, minus exclude; unknown ids are problems.
fn candidates(scenario: &Scenario, all: &Sites, problems: &mut Problems) -> Vec<usize> {
    let c = &scenario.candidates;
    let file = &scenario.file.name;
    let mut check = |key: &str, ids: &[String]| {
        for (k, id) in ids.iter().enumerate() {
            if all.row(id).is_none() {
                problems.push(
                    Problem::new(
                        file.clone(),
                        format!("candidates.{key}[{k}]"),
                        format!("no site with this id in {}", all.table.name),
                    )
                    .value(format!("{id:?}")),
                );
            }
        }
    };
    check("include", &c.include);
    check("exclude", &c.exclude);
    let known: std::collections::BTreeSet<&str> = (0..all.len()).map(|r| all.country(r)).collect();
    for (k, cc) in c.countries.iter().enumerate() {
        if !known.contains(cc.as_str()) {
            let list: Vec<&str> = known.iter().copied().filter(|s| !s.is_empty()).collect();
            problems.push(
                Problem::new(
                    file.clone(),
                    format!("candidates.countries[{k}]"),
                    format!(
                        "no site of {} is in this country (ISO 3166-1 alpha-2 codes, upper case); its countries: {}",
                        all.table.name,
                        if list.is_empty() {
                            "none (no country column)".to_owned()
                        } else {
                            list.join(", ")
                        }
                    ),
                )
                .value(format!("{cc:?}")),
            );
        }
    }
    (0..all.len())
        .filter(|&r| {
            let id = &all.ids()[r];
            let by_country = c.countries.is_empty() && c.include.is_empty()
                || c.countries.iter().any(|cc| cc == all.country(r));
            (by_country || c.include.contains(id)) && !c.exclude.contains(id)
        })
        .collect()
}

fn resolve_events(
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
