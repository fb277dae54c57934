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
//! matrix → method → scores → ranks → [`simulate::Accumulator`] → [`report`] writers.
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
pub mod factors;
pub mod geo;
pub mod mcda;
pub mod report;
pub mod scenario;
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
}

/// What a run produced.
#[derive(Debug)]
pub struct RunOutput {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// The ranked table for the terminal.
    pub table: String,
    pub draws: u64,
    pub warnings: Vec<String>,
}

/// Validates, simulates and writes a run directory. Nothing is written unless the
/// scenario, its model and its data are valid.
pub fn run(req: &RunRequest, observer: &dyn simulate::Observer) -> Result<RunOutput> {
    let start = Instant::now();
    let scenario = Scenario::load(&req.scenario)?;
    let draws = req.draws.unwrap_or(scenario.simulation.draws);
    let seed = req.seed.unwrap_or(scenario.simulation.seed);
    let dir = req
        .out
        .clone()
        .unwrap_or_else(|| Path::new("runs").join(&scenario.name));
    let world = World::build(scenario)?;
    let mut base = world.new_draw();
    world.base_case(&mut base);
    let results = (draws > 0).then(|| {
        let opts = simulate::Options { draws, seed, shard: req.shard };
        simulate::run(&world, &opts, observer)
    });
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write { path: dir.clone(), source })?;
    let mut files = Vec::new();
    for (name, bytes) in report::render(&world, &base, results.as_ref()) {
        files.push(report::write_atomic(&dir, &name, &bytes)?);
    }
    if let Some(r) = &results {
        // The accumulators, for `dcsite merge` of shards.
        let state = serde_json::to_vec(r).expect("results serialise");
        files.push(report::write_atomic(&dir, "state.json", &state)?);
    }
    let summary = report::summary(&world, &base, results.as_ref(), req.shard, start.elapsed().as_secs_f64());
    let json = serde_json::to_vec_pretty(&summary).expect("summary serialises");
    files.push(report::write_atomic(&dir, "summary.json", &json)?);
    Ok(RunOutput {
        table: report::terminal_table(&world, &base, results.as_ref(), 20),
        dir,
        files,
        draws: results.as_ref().map_or(0, |r| r.acc.draws),
        warnings: world.warnings.clone(),
    })
}

/// Validates a scenario, its model and the data it uses; returns the number of candidates.
pub fn validate(path: &Path) -> Result<usize> {
    let world = World::build(Scenario::load(path)?)?;
    Ok(world.sites.len())
}
