//! # dcsite — data-center site selection under uncertainty
//!
//! dcsite scores candidate data-center sites on climate (cooling energy), energy cost and
//! carbon, latency to users, data-residency law and government access, remoteness and
//! hazards; it runs Monte Carlo futures over what is uncertain (prices, warming, law
//! changes, the weights themselves) and ranks the sites with SMAA-2: how often each site
//! takes each rank, and under which preferences.
//!
//! Data flows one way: scenario file → [`Scenario`] (validated) → [`World`] (resolved sites,
//! users, jurisdictions, precomputed factor models) → per draw: sampled inputs → decision
//! matrix → method → scores → ranks → [`simulate::Accumulator`] → [`report`](mod@report) writers.
//!
//! ```no_run
//! use dcsite::{Scenario, World, simulate};
//!
//! let scenario = Scenario::load("examples/apple-icloud-china.toml".as_ref())?;
//! let world = World::build(scenario)?;
//! let opts = simulate::Options { draws: 2_000, seed: 42, shard: None };
//! let results = simulate::run(&world, &opts, &simulate::Silent);
//! for (i, site) in world.sites.iter().enumerate() {
//!     println!("{}: P(first) = {:.3}", site.id, results.acc.acceptability(i, 0));
//! }
//! # Ok::<(), dcsite::Error>(())
//! ```

pub mod ahp;
pub mod data;
mod error;
pub mod explain;
pub mod factors;
pub mod geo;
pub mod mcda;
mod numeric;
pub mod portfolio;
pub mod report;
pub mod scenario;
pub mod sensitivity;
pub mod simulate;
pub mod uncertainty;
pub mod world;

pub use error::{Error, Problem, Problems, Result};
pub use scenario::{Model, Scenario};
pub use world::World;

use std::path::{Path, PathBuf};
use std::time::Instant;

/// What `dcsite run` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct RunRequest {
    pub scenario: PathBuf,
    /// Output directory (default `runs/<scenario name>/`).
    pub out: Option<PathBuf>,
    pub seed: Option<u64>,
    /// Overrides the scenario's draws; 0 is the base case only.
    pub draws: Option<u64>,
    pub shard: Option<(u64, u64)>,
    /// Write the first N draws in long form to `draws.csv` (for notebooks).
    pub save_draws: u64,
    /// Skip `plots/` (PNG and SVG).
    pub no_plots: bool,
    /// Also write `report.html`.
    pub report: bool,
}

/// Which optional outputs [`write_run`] writes.
#[derive(Debug, Clone, Copy)]
struct Extras {
    plots: bool,
    report: bool,
}

/// What a run produced.
#[derive(Debug)]
pub struct RunOutput {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// The ranked table for the terminal.
    pub table: String,
    /// The verdict in words, wrapped for the terminal.
    pub verdict: String,
    pub draws: u64,
    pub warnings: Vec<String>,
}

/// Validates, simulates and writes a run directory. Nothing is written unless the
/// scenario, its model and its data are valid.
pub fn run(req: &RunRequest, observer: &dyn simulate::Observer) -> Result<RunOutput> {
    let start = Instant::now();
    let scenario = Scenario::load(&req.scenario)?;
    let draws = req.draws.unwrap_or(scenario.simulation.draws);
    if draws > simulate::MAX_DRAWS {
        let allowed = format!("at most {} draws", simulate::MAX_DRAWS);
        return Err(Problem::new("run", "draws", allowed).value(draws).into());
    }
    let seed = req.seed.unwrap_or(scenario.simulation.seed);
    if let Some((k, n)) = req.shard {
        let batches = draws.div_ceil(simulate::BATCH);
        if n > batches {
            return Err(Problem::new(
                "run",
                "--shard",
                format!(
                    "{draws} draws make {batches} batch{} of {} draws, so at most {batches} shard{}: every shard needs a batch",
                    if batches == 1 { "" } else { "es" },
                    simulate::BATCH,
                    if batches == 1 { "" } else { "s" },
                ),
            )
            .value(format!("{k}/{n}"))
            .into());
        }
    }
    let dir = req.out.clone().unwrap_or_else(|| {
        let dir = Path::new("runs").join(&scenario.name);
        match req.shard {
            Some((k, n)) => dir.join(format!("shard-{k}-of-{n}")),
            None => dir,
        }
    });
    let world = World::build(scenario)?;
    let mut base = world.new_draw();
    world.base_case(&mut base);
    if let Some(bad) = world.first_nonfinite(&base) {
        return Err(world.nonfinite_error(bad, None));
    }
    // Found before the simulation, not after it.
    let created = prepare_dir(&dir)?;
    let results = (draws > 0).then(|| {
        let opts = simulate::Options {
            draws,
            seed,
            shard: req.shard,
        };
        simulate::run(&world, &opts, observer)
    });
    if let Some(r) = &results
        && let Err(e) = r.check_finite(&world)
    {
        if created {
            let _ = std::fs::remove_dir(&dir);
        }
        return Err(e);
    }
    let extras = Extras {
        plots: !req.no_plots,
        report: req.report,
    };
    let mut out = write_run(
        &dir,
        &world,
        &base,
        results.as_ref(),
        req.shard,
        start,
        extras,
    )?;
    if req.save_draws > 0 && draws > 0 {
        let bytes = report::draws_csv(&world, seed, draws, req.save_draws);
        out.files
            .push(report::write_atomic(&dir, "draws.csv", &bytes)?);
    } else if req.save_draws > 0 {
        out.warnings.push(format!(
            "--save-draws {}: no draws.csv written: with 0 draws the run computes the base case only",
            req.save_draws
        ));
    }
    remove_stale(&dir, &out.files)?;
    Ok(out)
}

/// Creates the output directory if needed and checks that a file can be written in it;
/// returns whether it was created.
fn prepare_dir(dir: &Path) -> Result<bool> {
    let created = !dir.exists();
    let err = |source| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    tempfile::tempfile_in(dir).map_err(err)?;
    Ok(created)
}

/// Every file name a run may write at the top of its directory.
const OUTPUTS: [&str; 13] = [
    "ranking.csv",
    "ranking.geojson",
    "acceptability.csv",
    "central_weights.csv",
    "pairwise.csv",
    "criteria.csv",
    "factors.csv",
    "latency.csv",
    "draws.csv",
    "state.json",
    "inputs.json",
    "summary.json",
    "report.html",
];

/// Removes outputs of an earlier run into the same directory that this run did not write
/// (a base-case run after a Monte Carlo run must not leave the old acceptabilities, nor a
/// run without plots the old plots), so a run directory always describes one run.
fn remove_stale(dir: &Path, written: &[PathBuf]) -> Result<()> {
    let remove = |path: PathBuf| match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write { path, source: e }),
        _ => Ok(()),
    };
    for name in OUTPUTS {
        let path = dir.join(name);
        if !written.contains(&path) {
            remove(path)?;
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir.join("plots")) {
        for entry in entries.flatten() {
            let path = entry.path();
            let ours = path.extension().is_some_and(|e| e == "png" || e == "svg");
            if ours && !written.contains(&path) {
                remove(path)?;
            }
        }
        // Gone if now empty; kept if it holds anything else.
        let _ = std::fs::remove_dir(dir.join("plots"));
    }
    Ok(())
}

/// Writes a run directory: the CSVs, `state.json` (accumulators, for merging),
/// `summary.json`, the plots in `plots/` and `report.html` if asked, each through a
/// temporary file.
fn write_run(
    dir: &Path,
    world: &World,
    base: &world::Draw,
    results: Option<&simulate::Results>,
    shard: Option<(u64, u64)>,
    start: Instant,
    extras: Extras,
) -> Result<RunOutput> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for (name, bytes) in report::render(world, base, results) {
        files.push(report::write_atomic(dir, &name, &bytes)?);
    }
    if let Some(r) = results {
        let state = serde_json::to_vec(r).expect("results serialise");
        files.push(report::write_atomic(dir, "state.json", &state)?);
    }
    let inputs = serde_json::to_vec_pretty(&Inputs::of(world)).expect("inputs serialise");
    files.push(report::write_atomic(dir, "inputs.json", &inputs)?);
    let change = sensitivity::weight_change(world);
    let verdict = report::verdict::verdict(world, base, results, change);
    let verdict_text = report::verdict::wrap(&format!("Verdict: {}", verdict.text), 100);
    let summary = report::summary(
        world,
        base,
        results,
        shard,
        start.elapsed().as_secs_f64(),
        verdict,
    );
    let json = serde_json::to_vec_pretty(&summary).expect("summary serialises");
    files.push(report::write_atomic(dir, "summary.json", &json)?);
    if extras.plots || extras.report {
        let figures = report::plots::figures(world, base, results, site_coords(world).as_deref());
        let svgs = figures
            .iter()
            .map(|f| f.svg().map_err(|e| plot_error(dir, e)))
            .collect::<Result<Vec<_>>>()?;
        if extras.plots && !figures.is_empty() {
            let plots = dir.join("plots");
            std::fs::create_dir_all(&plots).map_err(|source| Error::Write {
                path: plots.clone(),
                source,
            })?;
            for (f, svg) in figures.iter().zip(&svgs) {
                let png = f.png().map_err(|e| plot_error(dir, e))?;
                files.push(report::write_atomic(
                    &plots,
                    &format!("{}.png", f.name),
                    &png,
                )?);
                files.push(report::write_atomic(
                    &plots,
                    &format!("{}.svg", f.name),
                    svg.as_bytes(),
                )?);
            }
        }
        if extras.report {
            let summary = serde_json::to_value(&summary).expect("summary serialises");
            let pairs: Vec<_> = figures
                .iter()
                .zip(svgs.iter().map(String::as_str))
                .collect();
            let html = report::html::render(world, base, results, &summary, &pairs);
            files.push(report::write_atomic(dir, "report.html", html.as_bytes())?);
        }
    }
    Ok(RunOutput {
        table: report::terminal_table(world, base, results, 20),
        verdict: verdict_text,
        dir: dir.to_path_buf(),
        files,
        draws: results.map_or(0, |r| r.acc.draws),
        warnings: report::warnings(world, results),
    })
}

/// Combines the run directories of shards (`dcsite run --shard k/n`) into the results of
/// the whole run: identical files to a single run with the same seed and draws. The
/// scenario and model come from the shards' `inputs.json`, and the datasets must be
/// unchanged (same SHA-256); the confidence factors are computed here, since central
/// weights need every draw.
pub fn merge(dirs: &[PathBuf], out: Option<PathBuf>) -> Result<RunOutput> {
    let start = Instant::now();
    let mut parts = Vec::new();
    let mut first: Option<RunDir> = None;
    // (k, n) of each shard, from its summary.json.
    let mut labels = Vec::new();
    for dir in dirs {
        let run = RunDir::read(dir)?;
        let label = run.summary["shard"]
            .as_str()
            .and_then(|s| s.split_once('/'))
            .and_then(|(k, n)| Some((k.parse::<u64>().ok()?, n.parse::<u64>().ok()?)));
        labels.extend(label);
        if let Some(f) = &first
            && f.scenario_sha != run.scenario_sha
        {
            return Err(Problem::new(
                &run.summary_name,
                "scenario.sha256",
                "shards come from different scenario files",
            )
            .value(&run.scenario_sha)
            .into());
        }
        let Some(results) = run.results.clone() else {
            return Err(Problem::new(
                &run.summary_name,
                "base_case_only",
                "a base-case run has no draws to merge",
            )
            .into());
        };
        parts.push((run.state_name.clone(), results));
        first.get_or_insert(run);
    }
    let Some(first) = first else {
        return Err(Problem::new("merge", "dirs", "name at least one shard directory").into());
    };
    // Shards of one split (same n) with some k absent: name them.
    if let Some(&(_, n)) = labels.first()
        && labels.len() == parts.len()
        && labels.iter().all(|&(_, m)| m == n)
    {
        let missing: Vec<String> = (1..=n)
            .filter(|k| !labels.iter().any(|&(j, _)| j == *k))
            .map(|k| format!("{k}/{n}"))
            .collect();
        if !missing.is_empty() {
            return Err(Problem::new(
                "merge",
                "shards",
                format!(
                    "shard{} {} of the split into {n} {} missing: run `dcsite run SCENARIO --shard K/{n}` for {} and name {} directory too",
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", "),
                    if missing.len() == 1 { "is" } else { "are" },
                    if missing.len() == 1 { "it" } else { "each" },
                    if missing.len() == 1 { "its" } else { "their" },
                ),
            )
            .into());
        }
    }
    let world = first.world()?;
    let (seed, draws) = (parts[0].1.seed, parts[0].1.options_draws);
    parts.sort_by_key(|(_, r)| r.batches.start);
    let mut next = 0;
    for (name, r) in &parts {
        if r.seed != seed || r.options_draws != draws {
            return Err(Problem::new(
                name,
                "seed/draws",
                format!(
                    "shards differ: seed {} draws {} vs seed {seed} draws {draws}",
                    r.seed, r.options_draws
                ),
            )
            .into());
        }
        if r.batches.start != next {
            return Err(Problem::new(name, "batches", format!("shards must cover batches without gaps or overlaps; expected batch {next} next, got {:?}", r.batches)).into());
        }
        next = r.batches.end;
    }
    let opts = simulate::Options {
        draws,
        seed,
        shard: None,
    };
    if next != opts.batches().end {
        return Err(Problem::new(
            "merge",
            "shards",
            format!(
                "shards cover batches 0..{next} of 0..{}: some shard is missing",
                opts.batches().end
            ),
        )
        .into());
    }
    let mut base = world.new_draw();
    world.base_case(&mut base);
    let acc = parts
        .into_iter()
        .map(|(_, r)| r.acc)
        .reduce(simulate::Accumulator::merge)
        .expect("at least one shard");
    let confidence = Some(simulate::confidence(&world, &opts, &acc, &simulate::Silent));
    let results = simulate::Results {
        options_draws: draws,
        seed,
        batches: opts.batches(),
        acc,
        confidence,
    };
    let dir = out.unwrap_or_else(|| Path::new("runs").join(&world.scenario.name));
    let extras = Extras {
        plots: true,
        report: false,
    };
    let out = write_run(&dir, &world, &base, Some(&results), None, start, extras)?;
    remove_stale(&dir, &out.files)?;
    Ok(out)
}

/// (lat, lon) of each candidate, from the sites file; `None` (no map) if it has none.
pub(crate) fn site_coords(world: &World) -> Option<Vec<(f64, f64)>> {
    world.sites.iter().map(|s| s.coords).collect()
}

fn plot_error(dir: &Path, e: report::plots::PlotError) -> Error {
    Error::Write {
        path: dir.join("plots").join(e.plot),
        source: std::io::Error::other(e),
    }
}

/// `inputs.json` of a run directory: the scenario and model as read (text and SHA-256) and
/// the scenario's absolute path, so that `merge` and `report` rebuild the world from any
/// working directory. The datasets are read again (from the shipped copies, or from their
/// paths relative to the scenario's absolute path) and must have the SHA-256 recorded in
/// `summary.json`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Inputs {
    scenario: StoredFile,
    /// The scenario file's absolute path at run time (anchors its data paths).
    scenario_path: Option<PathBuf>,
    model: StoredFile,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct StoredFile {
    name: String,
    sha256: String,
    text: String,
}

impl StoredFile {
    fn of(f: &data::InputFile) -> StoredFile {
        StoredFile {
            name: f.name.clone(),
            sha256: f.sha256.clone(),
            text: f.text.clone(),
        }
    }

    fn file(&self, at: &str) -> Result<data::InputFile> {
        let f = data::InputFile::new(self.name.clone(), self.text.clone());
        if f.sha256 != self.sha256 {
            return Err(
                Problem::new(at, "sha256", "the stored text does not match its SHA-256")
                    .value(&self.name)
                    .into(),
            );
        }
        Ok(f)
    }
}

impl Inputs {
    fn of(world: &World) -> Inputs {
        let sc = &world.scenario;
        Inputs {
            scenario: StoredFile::of(&sc.file),
            scenario_path: sc.path.as_ref().and_then(|p| std::fs::canonicalize(p).ok()),
            model: StoredFile::of(&sc.model_file),
        }
    }
}

/// A run directory read back: its `summary.json`, the scenario it names and, for a Monte
/// Carlo run, its accumulators (`state.json`).
struct RunDir {
    dir: PathBuf,
    summary: serde_json::Value,
    summary_name: String,
    state_name: String,
    scenario_path: String,
    scenario_sha: String,
    results: Option<simulate::Results>,
}

impl RunDir {
    fn read(dir: &Path) -> Result<RunDir> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| Error::Read { path, source })
        };
        let summary_name = dir.join("summary.json").display().to_string();
        let summary: serde_json::Value = serde_json::from_slice(&read("summary.json")?)
            .map_err(|e| Problem::new(&summary_name, "", format!("not valid JSON: {e}")))?;
        let field = |k: &str| summary["scenario"][k].as_str().map(str::to_owned);
        let (Some(scenario_path), Some(scenario_sha)) = (field("name"), field("sha256")) else {
            return Err(
                Problem::new(&summary_name, "scenario", "missing scenario name or sha256").into(),
            );
        };
        let state_name = dir.join("state.json").display().to_string();
        let results = if summary["base_case_only"].as_bool() == Some(true) {
            None
        } else {
            Some(serde_json::from_slice(&read("state.json")?).map_err(|e| {
                Problem::new(&state_name, "", format!("not a dcsite state file: {e}"))
            })?)
        };
        Ok(RunDir {
            dir: dir.to_path_buf(),
            summary,
            summary_name,
            state_name,
            scenario_path,
            scenario_sha,
            results,
        })
    }

    /// The world the run used: from the scenario and model kept in `inputs.json` (or, for a
    /// directory written before it existed, the scenario re-read from its recorded path),
    /// with every dataset unchanged (same SHA-256 as recorded in `summary.json`).
    fn world(&self) -> Result<World> {
        let inputs_name = self.dir.join("inputs.json");
        let scenario = match std::fs::read(&inputs_name) {
            Ok(bytes) => {
                let at = inputs_name.display().to_string();
                let inputs: Inputs = serde_json::from_slice(&bytes)
                    .map_err(|e| Problem::new(&at, "", format!("not a dcsite inputs file: {e}")))?;
                let file = inputs.scenario.file(&at)?;
                if file.sha256 != self.scenario_sha {
                    return Err(Problem::new(
                        &at,
                        "scenario.sha256",
                        format!("differs from {}", self.summary_name),
                    )
                    .into());
                }
                let model = inputs.model.file(&at)?;
                Scenario::from_files(file, inputs.scenario_path.as_deref(), Some(model))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let scenario = Scenario::load(Path::new(&self.scenario_path))?;
                if scenario.file.sha256 != self.scenario_sha {
                    return Err(Problem::new(
                        &self.scenario_path,
                        "",
                        "the scenario file changed since the run (SHA-256 differs); run it again",
                    )
                    .into());
                }
                scenario
            }
            Err(source) => {
                return Err(Error::Read {
                    path: inputs_name,
                    source,
                });
            }
        };
        let mut world = World::build(scenario)?;
        // The datasets, after the scenario and model: same content, and the names as
        // the run recorded them (paths as typed then).
        let recorded = self.summary["input_files"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (k, f) in world.files.iter_mut().enumerate().skip(2) {
            let entry = recorded.get(k);
            let sha = entry.and_then(|e| e["sha256"].as_str());
            if sha != Some(f.sha256.as_str()) {
                return Err(Problem::new(
                    &f.name,
                    "",
                    format!(
                        "this data file changed since the run (its SHA-256 differs from {}); run the scenario again",
                        self.summary_name
                    ),
                )
                .into());
            }
            if let Some(name) = entry.and_then(|e| e["name"].as_str()) {
                f.name = name.to_owned();
            }
        }
        Ok(world)
    }
}

/// Writes `report.html` for a run directory (`dcsite report`): re-reads the scenario and
/// data named in its `summary.json` (they must be unchanged) and its `state.json`, redraws
/// the plots in memory and returns the report's path.
pub fn report(dir: &Path) -> Result<PathBuf> {
    let run = RunDir::read(dir)?;
    let world = run.world()?;
    let (summary, results) = (run.summary, run.results);
    let mut base = world.new_draw();
    world.base_case(&mut base);
    let figures = report::plots::figures(
        &world,
        &base,
        results.as_ref(),
        site_coords(&world).as_deref(),
    );
    let svgs = figures
        .iter()
        .map(|f| f.svg().map_err(|e| plot_error(dir, e)))
        .collect::<Result<Vec<_>>>()?;
    let pairs: Vec<_> = figures
        .iter()
        .zip(svgs.iter().map(String::as_str))
        .collect();
    let html = report::html::render(&world, &base, results.as_ref(), &summary, &pairs);
    report::write_atomic(dir, "report.html", html.as_bytes())
}

/// Validates a scenario, its model and the data it uses; returns the number of candidates.
pub fn validate(path: &Path) -> Result<usize> {
    check(path).map(|c| c.candidates)
}

/// What `dcsite validate` reports of a valid scenario.
#[derive(Debug, Clone)]
pub struct Checked {
    pub candidates: usize,
    /// The warnings `dcsite run` prints before any draw (those of the draws aside).
    pub warnings: Vec<String>,
}

/// Validates a scenario, its model and the data it uses, as `run` would before simulating.
pub fn check(path: &Path) -> Result<Checked> {
    let world = World::build(Scenario::load(path)?)?;
    Ok(Checked {
        candidates: world.sites.len(),
        warnings: report::warnings(&world, None),
    })
}
