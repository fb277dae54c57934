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

pub mod data;
mod error;
pub mod explain;
pub mod factors;
pub mod geo;
pub mod mcda;
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
    let dir = req
        .out
        .clone()
        .unwrap_or_else(|| Path::new("runs").join(&scenario.name));
    let world = World::build(scenario)?;
    let mut base = world.new_draw();
    world.base_case(&mut base);
    let results = (draws > 0).then(|| {
        let opts = simulate::Options {
            draws,
            seed,
            shard: req.shard,
        };
        simulate::run(&world, &opts, observer)
    });
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
    }
    remove_stale(&dir, &out.files)?;
    Ok(out)
}

/// Every file name a run may write at the top of its directory.
const OUTPUTS: [&str; 12] = [
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
        warnings: world.warnings.clone(),
    })
}

/// Combines the run directories of shards (`dcsite run --shard k/n`) into the results of
/// the whole run: identical files to a single run with the same seed and draws. The
/// scenario is re-read from the path recorded in the shards' `summary.json` and must be
/// unchanged (same SHA-256); the confidence factors are computed here, since central
/// weights need every draw.
pub fn merge(dirs: &[PathBuf], out: Option<PathBuf>) -> Result<RunOutput> {
    let start = Instant::now();
    let mut parts = Vec::new();
    let mut first: Option<RunDir> = None;
    for dir in dirs {
        let run = RunDir::read(dir)?;
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
        return Err(Problem::new("merge", "DIR", "name at least one shard directory").into());
    };
    let scenario = first.scenario()?;
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
            "DIR",
            format!(
                "shards cover batches 0..{next} of 0..{}: some shard is missing",
                opts.batches().end
            ),
        )
        .into());
    }
    let world = World::build(scenario)?;
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

/// A run directory read back: its `summary.json`, the scenario it names and, for a Monte
/// Carlo run, its accumulators (`state.json`).
struct RunDir {
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
            summary,
            summary_name,
            state_name,
            scenario_path,
            scenario_sha,
            results,
        })
    }

    /// The scenario the run used, re-read from its recorded path; it must be unchanged.
    fn scenario(&self) -> Result<Scenario> {
        let scenario = Scenario::load(Path::new(&self.scenario_path))?;
        if scenario.file.sha256 != self.scenario_sha {
            return Err(Problem::new(
                &self.scenario_path,
                "",
                "the scenario file changed since the run (SHA-256 differs); run it again",
            )
            .into());
        }
        Ok(scenario)
    }
}

/// Writes `report.html` for a run directory (`dcsite report`): re-reads the scenario and
/// data named in its `summary.json` (they must be unchanged) and its `state.json`, redraws
/// the plots in memory and returns the report's path.
pub fn report(dir: &Path) -> Result<PathBuf> {
    let run = RunDir::read(dir)?;
    let scenario = run.scenario()?;
    let (summary, results) = (run.summary, run.results);
    let world = World::build(scenario)?;
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
    let world = World::build(Scenario::load(path)?)?;
    Ok(world.sites.len())
}
