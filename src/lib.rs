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
//! matrix → method → scores → ranks → accumulators ([`simulate`]) → typed [`Results`] →
//! writers (`report`). See `docs/architecture.md`.
//!
//! The library API: load a [`Scenario`] (from a file, or from TOML text with a base
//! directory; datasets may be given in memory), run it with [`RunOptions`], read the typed
//! [`Results`], write a run directory, or read one back:
//!
//! ```
//! use dcsite::{Dataset, Run, RunOptions, Scenario, simulate::Silent};
//!
//! let toml = r#"
//! name = "three-sites"
//! model = "m.toml"
//! [data]
//! sites = "sites.csv"
//! [weights]
//! mode = "unknown"
//! "#;
//! let dir = tempfile::tempdir()?;
//! std::fs::write(
//!     dir.path().join("m.toml"),
//!     "name = \"m\"\n[[criteria]]\nid = \"cost\"\ncolumn = \"cost\"\ndirection = \"min\"\nweight = 1\n\
//!      [[criteria]]\nid = \"rtt\"\ncolumn = \"rtt\"\ndirection = \"min\"\nweight = 1\n",
//! )?;
//! let mut scenario = Scenario::from_toml(toml, dir.path())?;
//! // The sites file, given in memory instead of read from `sites.csv`.
//! scenario.set_dataset(Dataset::Sites, "id,cost,cost_sd,rtt\na,80,8,40\nb,60,6,90\nc,95,5,20\n");
//!
//! let run = Run::simulate(scenario, &RunOptions::new().draws(1_000).seed(7), &Silent)?;
//! let results = run.results();
//! let best = &results.sites[results.order[0]];
//! let p_first = best.stats.as_ref().map(|s| s.p_first).unwrap_or_default();
//! assert!(p_first > 0.0 && p_first <= 1.0);
//! // Results are plain data: JSON out and back gives the same numbers.
//! let json = serde_json::to_string(results)?;
//! assert_eq!(&serde_json::from_str::<dcsite::Results>(&json)?, results);
//!
//! // A run directory, and the same results read back from it.
//! let out = run.write(&dir.path().join("run"), &dcsite::WriteOptions::default().plots(false))?;
//! assert_eq!(Run::read(&out.dir)?.results(), results);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ahp;
mod cluster;
mod commands;
mod data;
mod error;
mod explain;
mod factors;
mod geo;
mod mcda;
mod numeric;
mod portfolio;
mod report;
pub mod results;
mod rundir;
mod scenario;
mod sensitivity;
pub mod simulate;
mod uncertainty;
mod world;

pub use cluster::{SHARD_VARIABLES, shard_from_env};
pub use commands::{
    SiteRow, data_check, explain, explain_json, explain_scenario_json, latency, sites,
};
pub use data::Kind as Dataset;
pub use error::{Error, Problem, Problems, Result};
pub use numeric::{SIMD_VALUES, SIMD_VARIABLE, Simd};
pub use portfolio::{PortfolioOutput, PortfolioRequest, run_portfolio};
pub use results::Results;
pub use rundir::{
    ConfidenceShard, Run, RunOptions, RunOutput, THREADS_VARIABLE, WriteOptions,
    check_threads_variable,
};
pub use scenario::{
    KRange, LatencyPath, MAX_DRAWS, Model, Scenario, SchemaKind, Solver, json_schema_text,
};
pub use sensitivity::{
    DEFAULT_STEPS, MAX_STEPS, SensitivityOutput, SensitivityRequest, run_sensitivity,
};
pub use world::{Draw, World};

/// The portfolio solvers on their own, for `examples/portfolio_large.rs`
/// (`--features internals`). Not a stable API.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    pub use crate::portfolio::{Status, exact, sets, solve, synthetic};
    pub use crate::scenario::Solver;
}

use std::path::{Path, PathBuf};

/// What `dcsite run` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct RunRequest {
    pub scenario: PathBuf,
    /// Output directory (default `runs/<scenario name>/`).
    pub out: Option<PathBuf>,
    /// Draws, seed, shard and threads (unset: the scenario's values).
    pub options: RunOptions,
    /// Write the first N draws in long form to `draws.csv` (for notebooks).
    pub save_draws: u64,
    /// Skip `plots/` (PNG and SVG).
    pub no_plots: bool,
    /// Also write `report.html`.
    pub report: bool,
}

/// `dcsite run`: validates, simulates and writes a run directory. Nothing is written unless
/// the scenario, its model and its data are valid and every draw is finite.
pub fn run(req: &RunRequest, observer: &dyn simulate::Observer) -> Result<RunOutput> {
    // summary.json's wall time counts from here: reading the scenario and data included.
    let started = std::time::Instant::now();
    let scenario = Scenario::load(&req.scenario)?;
    rundir::check_options(&scenario, &req.options)?;
    let shard = req.options.shard;
    let dir = req.out.clone().unwrap_or_else(|| {
        let dir = Path::new("runs").join(&scenario.name);
        match shard {
            Some((k, n)) => dir.join(format!("shard-{k}-of-{n}")),
            None => dir,
        }
    });
    check_out_dir("run", &dir)?;
    rundir::check_writable("run", &dir)?;
    let world = World::build(scenario)?;
    // Checked before the simulation, not after it.
    let created = prepare_dir(&dir)?;
    let run = match Run::simulate_world_since(world, &req.options, observer, started) {
        Ok(run) => run,
        Err(e) => {
            if created {
                let _ = std::fs::remove_dir(&dir);
            }
            return Err(e);
        }
    };
    let opts = WriteOptions::default()
        .plots(!req.no_plots)
        .report(req.report)
        .threads(req.options.threads)
        .save_draws(req.save_draws);
    run.write(&dir, &opts)
}

/// Writes the run directory `dir` as `dcsite run` and `dcsite merge` do ([`Run::write`]:
/// the outputs of an earlier run into `dir` that this one did not write are removed, and
/// `summary.json` comes last); the Python binding's `Results.write`.
pub fn write_run(run: &Run, dir: &Path, opts: &WriteOptions) -> Result<RunOutput> {
    run.write(dir, opts)
}

/// Refuses an output directory that is a file, or lies under one, before any work: bad
/// input (`command: --out = PATH: is a file, not a directory`), not a failure to write.
pub(crate) fn check_out_dir(command: &str, dir: &Path) -> Result<()> {
    let Some(file) = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find(|a| a.exists())
    else {
        return Ok(());
    };
    if file.is_dir() {
        return Ok(());
    }
    let message = if file == dir {
        "is a file, not a directory".to_owned()
    } else {
        format!("{} is a file, not a directory", file.display())
    };
    Err(Problem::new(command, "--out", message)
        .value(dir.display())
        .into())
}

/// Creates the output directory if needed and checks that a file can be written in it;
/// returns whether it was created.
pub(crate) fn prepare_dir(dir: &Path) -> Result<bool> {
    let created = !dir.exists();
    let err = |source| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    tempfile::tempfile_in(dir).map_err(err)?;
    Ok(created)
}

/// `dcsite merge`: combines the run directories of shards (`dcsite run --shard k/n`) into
/// the results of the whole run, written to `out` (default `runs/<scenario name>/`): the
/// same files as a single run with the same seed and draws.
pub fn merge(dirs: &[PathBuf], out: Option<PathBuf>, how: Merge) -> Result<RunOutput> {
    if let Some(out) = &out {
        check_out_dir("merge", out)?;
    }
    let run = match how {
        Merge::Whole => Run::merge(dirs)?,
        Merge::FirstPass => Run::merge_first_pass(dirs)?,
        Merge::Confidence(shards) => {
            let [first] = dirs else {
                return Err(Problem::new(
                    "merge",
                    "--confidence",
                    "name one first-pass directory (of `dcsite merge --first-pass`) before --confidence",
                )
                .value(dirs.len())
                .into());
            };
            Run::read(first)?.merge_confidence(first, shards)?
        }
    };
    let dir = out.unwrap_or_else(|| Path::new("runs").join(&run.world().scenario.name));
    check_out_dir("merge", &dir)?;
    rundir::check_writable("merge", &dir)?;
    // Writing over one of the inputs would destroy it: a shard could not be merged again,
    // a first pass could take no more confidence shards.
    let same = |a: &Path| {
        a.canonicalize()
            .ok()
            .zip(dir.canonicalize().ok())
            .is_some_and(|(a, b)| a == b)
    };
    let inputs = dirs.iter().chain(match how {
        Merge::Confidence(shards) => shards.iter(),
        _ => [].iter(),
    });
    if let Some(input) = inputs.into_iter().find(|d| same(d)) {
        return Err(Problem::new(
            "merge",
            "--out",
            format!(
                "is one of the directories merged ({}): write the merged run elsewhere",
                input.display()
            ),
        )
        .value(dir.display())
        .into());
    }
    write_run(&run, &dir, &WriteOptions::default())
}

/// What `dcsite merge` combines.
#[derive(Debug, Clone, Copy)]
pub enum Merge<'a> {
    /// Shards of a run into the whole run (the confidence pass runs in the merge).
    Whole,
    /// Shards' first passes only: phase 1 of a two-phase merge (docs/cluster.md).
    FirstPass,
    /// One first pass and the `confidence.json` of each shard of its confidence pass.
    Confidence(&'a [PathBuf]),
}

/// `dcsite confidence`: shard `(k, n)` of the confidence pass of the first pass in `dir`,
/// written to `out/confidence.json` (default `dir/confidence-K-of-N/`); returns its path.
pub fn confidence(
    dir: &Path,
    shard: (u64, u64),
    out: Option<PathBuf>,
    observer: &dyn simulate::Observer,
) -> Result<PathBuf> {
    let out = out.unwrap_or_else(|| dir.join(format!("confidence-{}-of-{}", shard.0, shard.1)));
    check_out_dir("confidence", &out)?;
    let run = Run::read(dir)?;
    let c = run.confidence_shard(shard, observer)?;
    c.write(&out)
}

/// `dcsite report`: writes `report.html` for a run directory from the scenario, data and
/// accumulators it records (they must be unchanged) and returns the report's path.
pub fn report(dir: &Path) -> Result<PathBuf> {
    Run::read(dir)?.write_report(dir)
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

/// Validates a scenario, its model and the data it uses, as `run` would before simulating,
/// and, when its `[portfolio]` table gives `k`, as `portfolio` would before solving.
pub fn check(path: &Path) -> Result<Checked> {
    let world = World::build(Scenario::load(path)?)?;
    let mut warnings = world.warnings.clone();
    warnings.extend(portfolio::validate_portfolio(&world)?);
    Ok(Checked {
        candidates: world.sites.len(),
        warnings,
    })
}
