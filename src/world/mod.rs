//! The resolved world of a scenario: candidate sites, criteria base values and
//! measurement uncertainty, factor models, rules and events, ready to sample draws from.
//!
//! Building a world reads the datasets (only those the scenario needs) and checks every
//! cross-reference (site ids, countries, metros, columns); sampling a draw reads nothing and
//! allocates nothing.

mod draws;
mod events;
mod noise;
mod rules;

pub use crate::data::Site;
pub use draws::{CentralWeights, Draw};

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use nalgebra::DMatrix;

use crate::data::{DataPaths, InputFile, Kind, Sites};
use crate::error::{Problem, Problems, Result};
use crate::factors::{Factors, Metric};
use crate::scenario::{CriterionSource, KeyCustody, Scenario};
use crate::uncertainty::{Strategy, choose_strategy};
use events::{ResolvedEffect, ResolvedEvent, resolve_events};
use noise::Noise;

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

impl World {
    /// (lat, lon) of each candidate; `None` (no map) unless every site has coordinates.
    pub fn site_coords(&self) -> Option<Vec<(f64, f64)>> {
        self.sites.iter().map(|s| s.coords).collect()
    }

    /// Resolves a scenario against its datasets.
    pub fn build(scenario: Scenario) -> Result<World> {
        let mut files = vec![scenario.file.clone(), scenario.model_file.clone()];
        let paths: &DataPaths = &scenario.data;
        let (all, file) = paths.parse_for(&scenario.file.name, Kind::Sites, Sites::new)?;
        files.push(file);
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
            let CriterionSource::Column {
                column, sd_column, ..
            } = &c.source
            else {
                continue;
            };
            // A column the sites file lacks, or a text column, is the model's mistake: say so
            // at its key.
            let at_key = |key: &str, col: &str, message: String| {
                Problem::new(
                    scenario.model_file.name.clone(),
                    format!("criteria[{j}].{key}"),
                    message,
                )
                .value(format!("{col:?}"))
            };
            let missing = |key: &str, col: &str| {
                let columns = all.table.headers().join(", ");
                at_key(
                    key,
                    col,
                    format!("{name} has no such column; its columns: {columns}"),
                )
            };
            if !all.table.has(column) {
                problems.push(missing("column", column));
                continue;
            }
            if all.table.is_text_column(column) {
                let numeric = all.table.numeric_columns().join(", ");
                problems.push(at_key(
                    "column",
                    column,
                    format!(
                        "{name} column {column} is text (no cell is a number); a criterion's column must be numeric: {numeric}"
                    ),
                ));
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
        let rules = world.rule_warnings();
        world.warnings.extend(rules);
        let user_countries: Vec<&str> = world
            .factors
            .users()
            .map(|u| u.points.iter().map(|p| p.country.as_str()).collect())
            .unwrap_or_default();
        let events = events::event_warnings(&world.scenario, &world.sites, &user_countries);
        world.warnings.extend(events);
        world.warnings.extend(world.twin_warning());
        world.warnings.extend(world.point_weights_outside_ranges());
        let inert = world.inert_input_warnings();
        world.warnings.extend(inert);
        let sc = &world.scenario;
        if sc.facility.carbon_price_usd_t != 0.0 && sc.uncertainty.carbon_price_usd_t.is_some() {
            world.warnings.push(format!(
                "facility.carbon_price_usd_t = {} is not used: uncertainty.carbon_price_usd_t gives the carbon price of every draw and of the base case (its central value: the mean, or the median of a lognormal); give the price in one place (docs/scenario.md, facility)",
                sc.facility.carbon_price_usd_t
            ));
        }
        let inert = world.inert_factor_warnings(&draw);
        world.warnings.extend(inert);
        let keys = world.inert_keys_warning(&draw);
        world.warnings.extend(keys);
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

    /// In `intervals` mode every draw keeps each weight within its `weight_range`, but the
    /// base case uses the model's point weights: a point weight outside its range (after
    /// normalisation, say 1.5 beside weights that sum to 0.75) is a base case that no draw
    /// comes near, and the base score, `explain`, `sensitivity` and the verdict's weight
    /// change all start from it.
    fn point_weights_outside_ranges(&self) -> Option<String> {
        let criteria = &self.scenario.model.criteria;
        if let crate::scenario::WeightMode::Ordinal(order) = &self.scenario.weights {
            // The draws keep w[order[0]] ≥ w[order[1]] ≥ …; point weights against that
            // order make a base case no draw is near (found by an audit, December 2026).
            let against: Vec<String> = order
                .windows(2)
                .filter(|p| criteria[p[0]].weight < criteria[p[1]].weight - 1e-9)
                .map(|p| {
                    format!(
                        "{} {} below {} {}",
                        criteria[p[0]].id,
                        criteria[p[0]].weight,
                        criteria[p[1]].id,
                        criteria[p[1]].weight
                    )
                })
                .collect();
            return (!against.is_empty()).then(|| format!(
                "point weights against weights.ranking: {}; the draws (weights mode ordinal) keep each weight at least the next one's in the ranking, but the base case (score_base, explain, sensitivity, the verdict's weight change) uses the point weights; give point weights in the ranking's order (docs/scenario.md, weights)",
                against.join(", ")
            ));
        }
        let crate::scenario::WeightMode::Intervals { lo, hi } = &self.scenario.weights else {
            return None;
        };
        let outside: Vec<String> = criteria
            .iter()
            .zip(lo.iter().zip(hi))
            .filter(|(c, (l, h))| c.weight < **l - 1e-9 || c.weight > **h + 1e-9)
            .map(|(c, (l, h))| format!("{} {:.3} (range [{l}, {h}])", c.id, c.weight))
            .collect();
        if outside.is_empty() {
            return None;
        }
        Some(format!(
            "point weights outside their weight_range once the weights are normalised to sum to 1: {}; the draws (weights mode intervals) keep each weight within its range, but the base case (score_base, explain, sensitivity, the verdict's weight change) uses the point weights; give point weights within the ranges (docs/scenario.md, weight_range)",
            outside.join(", ")
        ))
    }

    /// Inputs that no criterion reads, so that they change no score or rank of `dcsite run`
    /// (found by an audit, December 2026: each was accepted without a word). `dcsite
    /// portfolio`'s cost objective reads energy whatever the criteria, which the messages say.
    fn inert_input_warnings(&self) -> Vec<String> {
        use crate::factors::{Family, family};
        let sc = &self.scenario;
        let reads = |f: Family| {
            sc.model.criteria.iter().any(|c| match c.source {
                CriterionSource::Factor(m) => family(m) == f,
                CriterionSource::Column { .. } => false,
            })
        };
        let energy = reads(Family::Energy);
        let mut out = Vec::new();
        let unread = "no criterion reads an energy metric (energy.*), so it changes no score or rank (dcsite portfolio's cost objective reads energy whatever the criteria)";
        if !energy {
            if sc.facility.carbon_price_usd_t != 0.0 || sc.uncertainty.carbon_price_usd_t.is_some()
            {
                out.push(format!("the carbon price: {unread}"));
            }
            for (k, e) in sc.events.iter().enumerate() {
                if matches!(e.effect, crate::uncertainty::Effect::PriceShock { .. }) {
                    out.push(format!(
                        "events[{k}] ({:?}), a price shock: {unread}",
                        e.name
                    ));
                }
            }
            if !sc.uncertainty.electricity.is_empty() {
                out.push(format!("[[uncertainty.electricity]]: {unread}"));
            }
        }
        let warming_read = reads(Family::Cooling) || (energy && sc.facility.pue.is_none());
        if sc.uncertainty.warming_c.is_some() && !warming_read {
            out.push(
                "uncertainty.warming_c: warming reaches the ranking only through the cooling model (cooling.* criteria, or energy.* without facility.pue), which nothing here reads; it changes no score or rank".to_owned(),
            );
        }
        if sc.uncertainty.user_share_cv > 0.0 && sc.users.len() == 1 {
            out.push(
                "uncertainty.user_share_cv: with one [[users]] group its share is always 1, so the spread changes nothing; it varies the shares of two or more groups".to_owned(),
            );
        }
        out
    }

    /// Candidates with the same base-case value on every criterion: wherever no uncertainty
    /// tells them apart they tie and share their rank, so their acceptabilities are counted
    /// twice (a rank's acceptabilities add up to more than 1).
    fn twin_warning(&self) -> Option<String> {
        let mut first: HashMap<Vec<u64>, usize> = HashMap::new();
        let mut pairs = Vec::new();
        for (i, row) in self.base.row_iter().enumerate() {
            let key: Vec<u64> = row.iter().map(|v| (v + 0.0).to_bits()).collect();
            match first.entry(key) {
                Entry::Occupied(e) => pairs.push((*e.get(), i)),
                Entry::Vacant(e) => {
                    e.insert(i);
                }
            }
        }
        let (&(a, b), more) = pairs.split_first()?;
        let id = |i: usize| &self.sites[i].id;
        let more = match more.len() {
            0 => String::new(),
            k => format!(" (and {k} more such site(s))"),
        };
        Some(format!(
            "sites {a} and {b}{more} have the same base-case value on every criterion: in draws where no uncertainty tells them apart they tie and share a rank (both rank first in the same draws, so P(first) counts those draws for each, and the rank acceptabilities of a rank can add up to more than 1; dcsite portfolio, which picks one set, counts a tied draw for the first of them); remove duplicates or read them as one site (docs/methods.md, Identical candidates)",
            a = id(a),
            b = id(b),
        ))
    }

    /// `[uncertainty.criteria]` factors that can change no score: one factor per draw
    /// multiplies the criterion at every site, which a scale-free normalisation (min-max,
    /// vector, max) or method undoes. Found by scoring the base case with the criterion
    /// doubled; a factor that a threshold rule reads still matters through feasibility.
    fn inert_factor_warnings(&self, base: &Draw) -> Vec<String> {
        let sc = &self.scenario;
        sc.uncertainty
            .criteria
            .iter()
            .filter(|&&(j, _)| !self.threshold_reads(j) && self.scale_changes_no_score(base, j))
            .map(|&(j, _)| {
                let id = &sc.model.criteria[j].id;
                format!(
                    "uncertainty.criteria.{id}: one factor per draw multiplies {id} at every site, and under {} with {} normalisation that changes no score (the normalisation undoes a common scale) and no threshold rule reads {id}: it moves only {id}'s raw values in criteria.csv; give the criterion per-site uncertainty (an sd column) to make it matter (docs/scenario.md, Criterion factors)",
                    sc.method,
                    sc.model.normalization
                )
            })
            .collect()
    }

    /// Whether doubling criterion `j` at every site leaves every base-case score as it is
    /// (a scale-free normalisation or method undoes a common factor).
    fn scale_changes_no_score(&self, base: &Draw, j: usize) -> bool {
        let mut d = base.clone();
        d.x.column_mut(j).scale_mut(2.0);
        self.finish(&mut d);
        d.scores
            .iter()
            .zip(&base.scores)
            .all(|(a, b)| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0))
    }

    /// `facility.keys` other than `onshore`: its custody factor multiplies
    /// `regulation.gov_access` at every site alike, so where the normalisation or method undoes
    /// a common scale and no threshold rule reads the criterion, the key custody changes no
    /// score and no rank.
    fn inert_keys_warning(&self, base: &Draw) -> Option<String> {
        let sc = &self.scenario;
        let keys = sc.facility.keys;
        if keys == KeyCustody::Onshore {
            return None;
        }
        let read: Vec<usize> = (0..sc.model.criteria.len())
            .filter(|&j| sc.model.criteria[j].source == CriterionSource::Factor(Metric::GovAccess))
            .collect();
        let inert = !read.is_empty()
            && read
                .iter()
                .all(|&j| !self.threshold_reads(j) && self.scale_changes_no_score(base, j));
        inert.then(|| {
            let ids: Vec<&str> = read.iter().map(|&j| sc.model.criteria[j].id.as_str()).collect();
            format!(
                "facility.keys = {keys}: the key custody multiplies regulation.gov_access by {} at every site alike, and under {} with {} normalisation that changes no score (the normalisation undoes a common scale) and no threshold rule reads {}: the keys change no rank; they count through a threshold rule on the criterion or a target normalisation (docs/scenario.md, facility)",
                crate::factors::regulation::custody_factor(keys),
                sc.method,
                sc.model.normalization,
                ids.join(", ")
            )
        })
    }

    pub fn criteria_count(&self) -> usize {
        self.scenario.model.criteria.len()
    }

    pub fn weight_strategy(&self) -> Strategy {
        self.strategy
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
