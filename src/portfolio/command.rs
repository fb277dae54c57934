//! The `dcsite portfolio` pipeline: validate, solve every K, count robustness, write the files.

use crate::error::{Problem, Result};
use crate::scenario::{KRange, Scenario, Solver};
use crate::world::World;
use std::path::{Path, PathBuf};

use super::*;

/// What `dcsite portfolio` is asked to do; `None` fields come from the scenario.
#[derive(Debug, Clone, Default)]
pub struct PortfolioRequest {
    pub scenario: PathBuf,
    /// Output directory (default `runs/<scenario name>/portfolio/`).
    pub out: Option<PathBuf>,
    pub k: Option<KRange>,
    pub seed: Option<u64>,
    pub draws: Option<u64>,
    pub solver: Option<Solver>,
}

/// What `dcsite portfolio` produced.
#[derive(Debug)]
pub struct PortfolioOutput {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// Summary for the terminal.
    pub table: String,
    pub warnings: Vec<String>,
}

/// What `dcsite validate` checks of a scenario whose `[portfolio]` table gives `k`: the
/// planner's requirements (problems) and its warnings, as `dcsite portfolio` would report them
/// before solving. Without `k` in the table (a scenario for `run`, or `k` left to `--k`),
/// nothing. Points that no candidate may serve are found only by solving.
pub fn validate_portfolio(world: &World) -> Result<Vec<String>> {
    let settings = world.scenario.portfolio.clone();
    let Some(k) = settings.k else {
        return Ok(Vec::new());
    };
    let planner = Planner::new(world, settings)?;
    let mut warnings = planner.warnings();
    warnings.extend(planner.separation_warning(k.max));
    Ok(warnings)
}

/// Validates the scenario, solves its portfolios and writes `portfolio.csv`,
/// `assignment.csv`, `assignment.geojson` and `portfolio_robustness.csv`.
pub fn run_portfolio(req: &PortfolioRequest) -> Result<PortfolioOutput> {
    let scenario = Scenario::load(&req.scenario)?;
    let mut settings = scenario.portfolio.clone();
    if let Some(s) = req.solver {
        settings.solver = s;
    }
    let Some(k) = req.k.or(settings.k) else {
        return Err(Problem::new(
            scenario.file.name.clone(),
            "portfolio.k",
            "how many sites? give --k K (or a range, --k 1..4) or k in the scenario's [portfolio] table",
        )
        .into());
    };
    let draws = req
        .draws
        .or(settings.draws)
        .unwrap_or(scenario.simulation.draws);
    let seed = req.seed.unwrap_or(scenario.simulation.seed);
    let dir = req
        .out
        .clone()
        .unwrap_or_else(|| Path::new("runs").join(&scenario.name).join("portfolio"));
    crate::check_out_dir("portfolio", &dir)?;
    let world = World::build(scenario)?;
    let planner = Planner::new(&world, settings)?;
    // Checked before solving, not after it.
    let created = crate::prepare_dir(&dir)?;
    let analysis = match analyse(&planner, k, seed, draws) {
        Ok(a) => a,
        Err(e) => {
            if created {
                let _ = std::fs::remove_dir(&dir);
            }
            return Err(e);
        }
    };
    let mut written = Vec::new();
    for (name, bytes) in files(&planner, &analysis) {
        written.push(crate::report::write_atomic(&dir, &name, &bytes)?);
    }
    // The map of the best portfolio of the largest K that has one.
    let best = analysis
        .results
        .iter()
        .rev()
        .find_map(|r| r.solved.portfolio.as_ref().map(|p| (r.solved.k, p)));
    if let (Some((k, p)), Some(coords)) = (best, world.site_coords()) {
        let mut served = vec![0.0; world.sites.len()];
        for (point, &site) in planner.users.points.iter().zip(&p.assign) {
            served[site] += planner.users.shares[point.group] * point.weight;
        }
        let fig = crate::report::plots::portfolio_map(&world, &coords, &served, k);
        let fail = |e: crate::report::plots::PlotError| crate::Error::Write {
            path: dir.join("portfolio_map.png"),
            source: std::io::Error::other(e.to_string()),
        };
        let svg = fig.svg().map_err(fail)?;
        let png = fig.png().map_err(fail)?;
        written.push(crate::report::write_atomic(
            &dir,
            "portfolio_map.png",
            &png,
        )?);
        written.push(crate::report::write_atomic(
            &dir,
            "portfolio_map.svg",
            svg.as_bytes(),
        )?);
    }
    let mut warnings = world.warnings.clone();
    warnings.extend(planner.warnings());
    warnings.extend(planner.separation_warning(k.max));
    Ok(PortfolioOutput {
        table: table(&planner, &analysis),
        dir,
        files: written,
        warnings,
    })
}
