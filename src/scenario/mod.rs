//! Scenario and model files: TOML → raw serde structs → validated types.
//!
//! A **model** (`models/*.toml`) says how to judge; a **scenario** (`examples/*.toml`) says
//! what is being decided and names its model, by built-in name or by a path relative to the
//! scenario file. Validation reports every problem at once, each naming the file, the key
//! path, the bad value and what is allowed. A scenario that validates always runs, except
//! for what only the datasets can tell (an unknown site id), which the world reports the
//! same way.

mod model;
mod portfolio;
pub mod raw;
mod schema;

pub use model::{Criterion, CriterionSource, Direction, Model};
pub use portfolio::{KRange, Objective, PortfolioSettings, Sla, Solver};
pub use schema::{SchemaKind, json_schema, json_schema_text};

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::data::{DataPaths, InputFile};
use crate::error::{Problem, Problems, Result};
use crate::mcda::Method;
use crate::uncertainty::{Dist, Event, Uncertainty, WeightMode};
use raw::{RawRule, RawScenario};

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

/// Collects problems for one file.
pub(crate) struct Checker {
    file: String,
    problems: Problems,
}

impl Checker {
    pub fn new(file: &str) -> Checker {
        Checker {
            file: file.to_owned(),
            problems: Problems::default(),
        }
    }

    pub fn problem(
        &mut self,
        key: impl Into<String>,
        value: Option<&dyn fmt::Display>,
        message: impl Into<String>,
    ) {
        let mut p = Problem::new(&self.file, key, message);
        if let Some(v) = value {
            p = p.value(v);
        }
        self.problems.push(p);
    }

    /// Checks `lo ≤ v ≤ hi` (either bound optional) and reports the allowed range.
    pub fn range(&mut self, key: &str, v: f64, lo: Option<f64>, hi: Option<f64>) -> f64 {
        let ok = v.is_finite() && lo.is_none_or(|l| v >= l) && hi.is_none_or(|h| v <= h);
        if !ok {
            let allowed = match (lo, hi) {
                (Some(l), Some(h)) => format!("must be between {l} and {h}"),
                (Some(l), None) => format!("must be ≥ {l}"),
                (None, Some(h)) => format!("must be ≤ {h}"),
                (None, None) => "must be a finite number".to_owned(),
            };
            self.problem(key, Some(&v), allowed);
        }
        v
    }

    /// Checks `0 < v ≤ hi`.
    pub fn positive_max(&mut self, key: &str, v: f64, hi: f64) -> f64 {
        if !(v.is_finite() && v > 0.0 && v <= hi) {
            self.problem(key, Some(&v), format!("must be > 0 and ≤ {hi}"));
        }
        v
    }

    /// A value in a criterion's unit: finite, at most [`VALUE_LIMIT`] in magnitude.
    pub fn value(&mut self, key: &str, v: f64) -> f64 {
        self.range(key, v, Some(-VALUE_LIMIT), Some(VALUE_LIMIT))
    }

    pub fn extend(&mut self, problems: Problems) {
        self.problems.extend(problems);
    }

    pub fn finish<T>(self, value: T) -> Result<T> {
        self.problems.into_result(value)
    }
}

/// Parses TOML text into a raw struct; a syntax or type error names the file and line.
pub fn parse_toml<T: DeserializeOwned>(name: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        // serde names the raw structs (`expected struct RawDist`): say what is meant instead.
        let message = e
            .message()
            .trim_end()
            .replace(
                "struct RawDist",
                "a distribution table such as { dist = \"fixed\", value = 1 }",
            )
            .replace(
                "struct RawPriceFactor",
                "a table { countries = [...], factor = {...} }",
            );
        let message = match message.find("struct Raw") {
            Some(_) => {
                let mut m = message.clone();
                while let Some(at) = m.find("struct Raw") {
                    let end = m[at + 10..]
                        .find(|c: char| !c.is_ascii_alphanumeric())
                        .map_or(m.len(), |k| at + 10 + k);
                    m.replace_range(at..end, "a table");
                }
                m
            }
            None => message,
        };
        let mut p = Problem::new(name, "", message);
        if let Some(span) = e.span() {
            let start = span.start.min(text.len());
            let line = text[..start].matches('\n').count() + 1;
            let key = text.lines().nth(line - 1).unwrap_or("").trim();
            p = p.line(line);
            p.key = key.chars().take(60).collect();
        }
        p.into()
    })
}

/// The models shipped in `models/`, usable by name.
pub const BUILTIN_MODELS: [(&str, &str); 3] = [
    ("balanced", include_str!("../../models/balanced.toml")),
    (
        "latency-first",
        include_str!("../../models/latency-first.toml"),
    ),
    ("sovereignty", include_str!("../../models/sovereignty.toml")),
];

/// Loads a model by built-in name, or by path (relative to `base` when given).
pub fn load_model(name_or_path: &str, base: Option<&Path>) -> Result<(Model, InputFile)> {
    let file = match BUILTIN_MODELS.iter().find(|(n, _)| *n == name_or_path) {
        Some((n, text)) => {
            InputFile::new(format!("<built-in>/models/{n}.toml"), (*text).to_owned())
        }
        None => {
            let looks_like_path = name_or_path.ends_with(".toml") || name_or_path.contains('/');
            if !looks_like_path {
                let names: Vec<&str> = BUILTIN_MODELS.iter().map(|(n, _)| *n).collect();
                return Err(Problem::new(
                    base.map_or("<scenario>".into(), |b| b.display().to_string()),
                    "model",
                    format!(
                        "no built-in model of that name; built-in models: {}; or give a path to a .toml file",
                        names.join(", ")
                    ),
                )
                .value(format!("{name_or_path:?}"))
                .into());
            }
            let path = resolve(base, name_or_path);
            InputFile::read(&path).map_err(|e| match e {
                crate::Error::Read { path, source } => crate::Error::from(
                    Problem::new(
                        base.map_or("<scenario>".into(), |b| b.display().to_string()),
                        "model",
                        format!("cannot read the model file {}: {source}", path.display()),
                    )
                    .value(format!("{name_or_path:?}")),
                ),
                e => e,
            })?
        }
    };
    let raw = parse_toml(&file.name, &file.text)?;
    let model = Model::from_raw(&file.name, raw)?;
    Ok((model, file))
}

/// A path in a scenario, relative to the scenario's directory.
fn resolve(scenario: Option<&Path>, p: &str) -> PathBuf {
    let dir = scenario.and_then(Path::parent).unwrap_or(Path::new(""));
    dir.join(p)
}

/// Which sites are candidates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    /// Keep sites in these countries (all when empty).
    pub countries: Vec<String>,
    /// Always keep these site ids.
    pub include: Vec<String>,
    /// Never keep these site ids.
    pub exclude: Vec<String>,
}

/// A population of users to serve.
#[derive(Debug, Clone, PartialEq)]
pub struct UserGroup {
    pub name: String,
    pub countries: Vec<String>,
    pub metros: Vec<String>,
    /// Share of all users, normalised over the groups to sum to 1.
    pub share: f64,
}

/// Who holds the encryption keys for the stored data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyCustody {
    Onshore,
    Offshore,
    CustomerHsm,
}

impl KeyCustody {
    pub const ALLOWED: &'static str = "onshore, offshore, customer-hsm";

    pub fn parse(s: &str) -> Option<KeyCustody> {
        match s {
            "onshore" => Some(KeyCustody::Onshore),
            "offshore" => Some(KeyCustody::Offshore),
            "customer-hsm" => Some(KeyCustody::CustomerHsm),
            _ => None,
        }
    }
}

/// Cooling design of the facility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cooling {
    AirsideEconomizer,
    WatersideEconomizer,
    ChillerOnly,
}

impl Cooling {
    pub const ALLOWED: &'static str = "airside-economizer, waterside-economizer, chiller-only";

    pub fn parse(s: &str) -> Option<Cooling> {
        match s {
            "airside-economizer" => Some(Cooling::AirsideEconomizer),
            "waterside-economizer" | "evaporative" => Some(Cooling::WatersideEconomizer),
            "chiller-only" => Some(Cooling::ChillerOnly),
            _ => None,
        }
    }
}

impl std::fmt::Display for Cooling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Cooling::AirsideEconomizer => "airside-economizer",
            Cooling::WatersideEconomizer => "waterside-economizer",
            Cooling::ChillerOnly => "chiller-only",
        })
    }
}

/// The facility being sited. Defaults are documented in `docs/scenario.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Facility {
    pub it_load_mw: f64,
    pub utilisation: f64,
    pub cooling: Cooling,
    pub keys: KeyCustody,
    pub horizon_years: f64,
    pub discount_rate: f64,
    /// Real annual escalation of electricity prices.
    pub price_escalation: f64,
    /// Carbon price (USD per tonne CO2) when the scenario gives no distribution.
    pub carbon_price_usd_t: f64,
    pub latency_sla_ms: f64,
    /// Design PUE: when set, energy uses it instead of the cooling model's annual PUE.
    pub pue: Option<f64>,
    /// The cooling model's parameters that the scenario sets (the rest keep their defaults).
    pub cooling_params: CoolingParams,
}

/// Overrides of the cooling model's facility parameters (`None`: the model's default).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CoolingParams {
    /// Fan power, UPS loss, distribution loss, lighting and misc, pumps and towers: fractions
    /// of IT power.
    pub fans: Option<f64>,
    pub ups_loss: Option<f64>,
    pub distribution_loss: Option<f64>,
    pub misc: Option<f64>,
    pub pumps: Option<f64>,
    /// Outdoor limits of the airside economiser (°C).
    pub airside_max_drybulb_c: Option<f64>,
    pub airside_max_dewpoint_c: Option<f64>,
    /// Tower plus heat-exchanger approach of the waterside economiser (K).
    pub approach_k: Option<f64>,
}

impl Default for Facility {
    fn default() -> Self {
        Facility {
            it_load_mw: 20.0,
            utilisation: 0.7,
            cooling: Cooling::AirsideEconomizer,
            keys: KeyCustody::Onshore,
            horizon_years: 15.0,
            discount_rate: 0.08,
            price_escalation: 0.0,
            carbon_price_usd_t: 0.0,
            latency_sla_ms: 50.0,
            pue: None,
            cooling_params: CoolingParams::default(),
        }
    }
}

/// A hard rule: a site breaking it is infeasible in that draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// The criterion's raw value must lie within [min, max] (either bound optional).
    Threshold {
        criterion: usize,
        min: Option<f64>,
        max: Option<f64>,
    },
    /// The user group's users must be served from a site their home law allows.
    Residency { users: usize },
}

impl Rule {
    /// Short description used in outputs (`rtt_p95_ms ≤ 80`).
    pub fn describe(&self, model: &Model, users: &[UserGroup]) -> String {
        match self {
            Rule::Threshold {
                criterion,
                min,
                max,
            } => {
                let id = &model.criteria[*criterion].id;
                match (min, max) {
                    (Some(a), Some(b)) => format!("{a} ≤ {id} ≤ {b}"),
                    (Some(a), None) => format!("{id} ≥ {a}"),
                    (None, Some(b)) => format!("{id} ≤ {b}"),
                    (None, None) => id.clone(),
                }
            }
            Rule::Residency { users: u } => format!("residency of {}", users[*u].name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Simulation {
    pub draws: u64,
    pub seed: u64,
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
            None => load_model(&raw.model, path),
        };
        let model = match model {
            Ok(m) => Some(m),
            Err(crate::Error::Invalid(p)) => {
                c.extend(p);
                None
            }
            Err(e) => return Err(e),
        };
        let method = raw.method.as_deref().map(|s| {
            Method::parse(s).unwrap_or_else(|| {
                c.problem("method", Some(&s), format!("allowed: {}", Method::ALLOWED));
                Method::default()
            })
        });
        let data = DataPaths {
            sites: raw.data.sites.as_deref().map(|p| resolve(path, p)),
            climate: raw.data.climate.as_deref().map(|p| resolve(path, p)),
            climate_bins: raw.data.climate_bins.as_deref().map(|p| resolve(path, p)),
            jurisdictions: raw.data.jurisdictions.as_deref().map(|p| resolve(path, p)),
            cities: raw.data.cities.as_deref().map(|p| resolve(path, p)),
            urban_areas: raw.data.urban_areas.as_deref().map(|p| resolve(path, p)),
            latency: raw.data.latency.as_deref().map(|p| resolve(path, p)),
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
        let users = users(&mut c, &raw);
        let portfolio = portfolio::portfolio(&mut c, raw.portfolio.as_ref());
        let facility = facility(&mut c, &raw);
        let simulation = Simulation {
            draws: match raw.simulation.draws {
                None => 10_000,
                Some(d) if (0..=crate::simulate::MAX_DRAWS as i64).contains(&d) => d as u64,
                Some(d) => {
                    c.problem(
                        "simulation.draws",
                        Some(&d),
                        format!(
                            "must be between 0 (base case only) and {}",
                            crate::simulate::MAX_DRAWS
                        ),
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

fn users(c: &mut Checker, raw: &RawScenario) -> Vec<UserGroup> {
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
        let share = c.range(
            &format!("users[{i}].share"),
            u.share,
            Some(0.0),
            Some(limits::SHARE_OR_WEIGHT),
        );
        out.push(UserGroup {
            name: u.name.clone(),
            countries: u.countries.clone(),
            metros: u.metros.clone(),
            share,
        });
    }
    let total: f64 = out.iter().map(|u| u.share).sum();
    if !out.is_empty() && total <= 0.0 {
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

fn facility(c: &mut Checker, raw: &RawScenario) -> Facility {
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
    if let Some(s) = &r.cooling {
        f.cooling = Cooling::parse(s).unwrap_or_else(|| {
            c.problem(
                "facility.cooling",
                Some(s),
                format!("allowed: {}", Cooling::ALLOWED),
            );
            d.cooling
        });
    }
    if let Some(s) = &r.keys {
        f.keys = KeyCustody::parse(s).unwrap_or_else(|| {
            c.problem(
                "facility.keys",
                Some(s),
                format!("allowed: {}", KeyCustody::ALLOWED),
            );
            d.keys
        });
    }
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

fn rules(c: &mut Checker, raw: &[RawRule], model: &Model, users: &[UserGroup]) -> Vec<Rule> {
    let mut out = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let key = |k: &str| format!("rules[{i}].{k}");
        match r.kind.as_str() {
            "threshold" => {
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
            "residency" => {
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
            other => c.problem(key("kind"), Some(&other), "allowed: threshold, residency"),
        }
    }
    out
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
