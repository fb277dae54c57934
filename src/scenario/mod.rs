//! Scenario and model files: TOML → raw serde structs → validated types.
//!
//! A **model** (`models/*.toml`) says how to judge; a **scenario** (`examples/*.toml`) says
//! what is being decided and names its model, by built-in name or by a path relative to the
//! scenario file. Validation reports every problem at once, each naming the file, the key
//! path, the bad value and what is allowed. A scenario that validates always runs, except
//! for what only the datasets can tell (an unknown site id), which the world reports the
//! same way.

mod check;
pub mod columns;
mod distribution;
mod load;
mod methods;
mod metric;
mod model;
mod parts;
mod portfolio;
pub mod raw;
mod schema;
mod uncertainty;
mod validate;
mod weights;

pub(crate) use check::Checker;
pub use check::parse_toml;
pub use distribution::{Dist, DistKind};
pub use load::load_model;
#[cfg(test)]
pub use methods::DEFAULT_V;
pub(crate) use methods::check_vikor_v;
pub use methods::{Method, Normalization, Preference};
pub use metric::Metric;
pub use model::{CriterionSource, Direction, Model};
pub use parts::{
    Candidates, CoolingDesign, CoolingParams, Facility, GENERAL_SECTOR, KeyCustody, LatencyPath,
    Rule, Simulation, UserGroup, facility_sectors,
};
pub use portfolio::{KRange, Objective, PortfolioSettings, Sla, Solver};
pub use schema::{SchemaKind, json_schema_text};
pub use uncertainty::{Effect, EffectKind, Event, Uncertainty};
pub(crate) use validate::dist;
pub use weights::WeightMode;

use std::path::{Path, PathBuf};

use crate::data::{DataPaths, InputFile};
use crate::error::Result;
use load::resolve;
use raw::{RawRule, RawScenario};
use validate::{facility, rules, users};

/// The most draws a run can have (about 4.3 billion): sketch buckets count in `u32`.
pub const MAX_DRAWS: u64 = u32::MAX as u64;

/// The largest magnitude of a value in a criterion's own unit (rule bounds, targets,
/// PROMETHEE thresholds): any larger value is a typo, and products of such values overflow.
pub const VALUE_LIMIT: f64 = 1e15;

/// Allowed ranges of the scenario's bounded quantities (documented in docs/scenario.md).
pub mod limits {
    /// facility.it_load_mw: (0, 10,000] MW (the largest campuses are a few GW).
    pub const IT_LOAD_MW: f64 = 10_000.0;
    /// Carbon price, USD per tonne CO2: [0, 10,000].
    pub const CARBON_PRICE_USD_T: f64 = 10_000.0;
    /// facility.latency_sla_ms: (0, 10,000] ms.
    pub const LATENCY_SLA_MS: f64 = 10_000.0;
    /// `users[*].share` and `criteria[*].weight`: 0 to 1,000,000 (both are normalised).
    pub const SHARE_OR_WEIGHT: f64 = 1e6;
    /// Multiplicative factors (events, electricity groups, criterion factors): [0, 100].
    pub const FACTOR: f64 = 100.0;
    /// uncertainty.route_factor: [1, 5] (a fibre path is never shorter than the great circle).
    pub const ROUTE_FACTOR: (f64, f64) = (1.0, 5.0);
    /// uncertainty.warming_c parameters: [−20, 30] °C (draws are clamped to [−3, 10]).
    pub const WARMING_C: (f64, f64) = (-20.0, 30.0);
    /// The largest `sigma` of a lognormal distribution (sd of the log).
    pub const LOGNORMAL_SIGMA: f64 = 2.0;
}

/// A validated scenario with its model.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub description: Option<String>,
    /// The scenario file as read (name, text, SHA-256).
    pub file: InputFile,
    pub path: Option<PathBuf>,
    pub model: Model,
    pub model_file: InputFile,
    pub method: Method,
    pub data: DataPaths,
    pub candidates: Candidates,
    pub users: Vec<UserGroup>,
    pub facility: Facility,
    pub rules: Vec<Rule>,
    pub weights: WeightMode,
    pub uncertainty: Uncertainty,
    pub events: Vec<Event>,
    pub simulation: Simulation,
    /// `[portfolio]` (defaults when absent).
    pub portfolio: PortfolioSettings,
}

impl Scenario {
    /// Reads and validates a scenario file and its model.
    pub fn load(path: &Path) -> Result<Scenario> {
        let file = InputFile::read(path)?;
        Scenario::from_file(file, Some(path))
    }

    /// Validates scenario text (TOML) whose relative paths (model, data files) are relative
    /// to `base_dir`, as if it were a file there.
    pub fn from_toml(text: &str, base_dir: &Path) -> Result<Scenario> {
        let path = base_dir.join("<memory>.toml");
        let file = InputFile::new("<memory>/scenario.toml".to_owned(), text.to_owned());
        Scenario::from_file(file, Some(&path))
    }

    /// Gives a dataset's text in memory: it replaces the file the scenario names (or the
    /// shipped copy). The text is checked when the world is built, like a file's.
    pub fn set_dataset(&mut self, kind: crate::data::Kind, text: &str) {
        let name = format!("<memory>/{}", kind.file_name());
        self.data.given.retain(|(k, _)| *k != kind);
        self.data
            .given
            .push((kind, InputFile::new(name, text.to_owned())));
    }

    /// Validates scenario text; `path` anchors relative paths (model, data files).
    pub fn from_file(file: InputFile, path: Option<&Path>) -> Result<Scenario> {
        Scenario::from_files(file, path, None)
    }

    /// Validates scenario text with the text of its model given (as a run directory's
    /// `inputs.json` keeps it) instead of read by the scenario's `model` key.
    pub fn from_files(
        file: InputFile,
        path: Option<&Path>,
        model_file: Option<InputFile>,
    ) -> Result<Scenario> {
        let raw: RawScenario = parse_toml(&file.name, &file.text)?;
        let mut c = Checker::new(&file.name);
        let model = match model_file {
            Some(f) => parse_toml(&f.name, &f.text)
                .and_then(|raw| Model::from_raw(&f.name, raw))
                .map(|m| (m, f)),
            None => load_model(&raw.model, path, &file.name),
        };
        let model = match model {
            Ok(m) => Some(m),
            Err(crate::Error::Invalid(p)) => {
                c.extend(p);
                None
            }
            Err(e) => return Err(e),
        };
        let method = raw
            .method
            .as_deref()
            .map(|s| c.choice("method", s).unwrap_or_default());
        let data = DataPaths {
            sites: raw.data.sites.as_deref().map(|p| resolve(path, p)),
            climate: raw.data.climate.as_deref().map(|p| resolve(path, p)),
            climate_bins: raw.data.climate_bins.as_deref().map(|p| resolve(path, p)),
            jurisdictions: raw.data.jurisdictions.as_deref().map(|p| resolve(path, p)),
            urban_areas: raw.data.urban_areas.as_deref().map(|p| resolve(path, p)),
            latency: raw.data.latency.as_deref().map(|p| resolve(path, p)),
            given: Vec::new(),
        };
        // The name is the default output directory, runs/<name>/.
        let name_ok = !raw.name.is_empty()
            && !raw.name.starts_with('.')
            && raw
                .name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
        if !name_ok {
            c.problem(
                "name",
                Some(&format!("{:?}", raw.name)),
                "letters, digits, '.', '_' and '-' only, not starting with '.' (it names the output directory runs/<name>/)",
            );
        }
        if let Some(old) = &raw.data.cities {
            // Refused, not read as urban_areas: that file also measures remoteness, and a
            // planner's own cities may overlap as the GeoNames rows did.
            let fix = if raw.data.urban_areas.is_some() {
                "remove the key (urban_areas is set)"
            } else {
                "rename the key to urban_areas"
            };
            c.problem(
                "data.cities",
                Some(&format!("{old:?}")),
                format!("the user points now come from [data] urban_areas, which serves remoteness too (columns id, name, country, lat, lon, population; one row per agglomeration, not overlapping): {fix}"),
            );
        }
        let users = users(&mut c, &raw);
        let portfolio = portfolio::portfolio(&mut c, raw.portfolio.as_ref());
        let facility = facility(&mut c, &raw);
        let simulation = Simulation {
            draws: match raw.simulation.draws {
                None => 10_000,
                Some(d) if (0..=MAX_DRAWS as i64).contains(&d) => d as u64,
                Some(d) => {
                    c.problem(
                        "simulation.draws",
                        Some(&d),
                        format!("must be between 0 (base case only) and {}", MAX_DRAWS),
                    );
                    0
                }
            },
            seed: match raw.simulation.seed {
                None => 42,
                Some(s) if s >= 0 => s as u64,
                Some(s) => {
                    c.problem("simulation.seed", Some(&s), "must be ≥ 0");
                    0
                }
            },
            top_k: c.count("simulation.top_k", raw.simulation.top_k, 1),
            shortlist: c.count("simulation.shortlist", raw.simulation.shortlist, 2),
        };
        let Some((mut model, model_file)) = model else {
            return Err(c.problems.into());
        };
        let rules = rules(&mut c, &raw.rules, &model, &users);
        let weights = WeightMode::from_raw(&mut c, &raw.weights, &model);
        // AHP weights are the point weights: the base case and the outputs use them.
        if let Some(a) = weights.ahp() {
            for (cr, &w) in model.criteria.iter_mut().zip(&a.priorities.weights) {
                cr.weight = w;
            }
        }
        let uncertainty = Uncertainty::from_raw(&mut c, &raw.uncertainty, &model);
        let events = raw
            .events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Event::from_raw(&mut c, i, e, &model))
            .collect();
        let method = method.unwrap_or(model.method);
        c.finish(Scenario {
            name: raw.name,
            description: raw.description,
            file,
            path: path.map(Path::to_path_buf),
            model,
            model_file,
            method,
            data,
            candidates: Candidates {
                countries: raw.candidates.countries,
                include: raw.candidates.include,
                exclude: raw.candidates.exclude,
            },
            users,
            facility,
            rules,
            weights,
            uncertainty,
            events,
            simulation,
            portfolio,
        })
    }
}
