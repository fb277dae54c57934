//! The `dcsite sensitivity` pipeline, and the smallest weight change the run verdict quotes.

use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};
use crate::report::verdict::{CriterionChange, WeightChange};
use crate::report::write_atomic;
use crate::scenario::Scenario;
use crate::world::World;

use super::*;

/// What `dcsite sensitivity` is asked to do.
#[derive(Debug, Clone)]
pub struct SensitivityRequest {
    pub scenario: PathBuf,
    /// Output directory (default `runs/<scenario name>/sensitivity/`).
    pub out: Option<PathBuf>,
    pub steps: usize,
}

/// What it produced.
#[derive(Debug)]
pub struct SensitivityOutput {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub summary: String,
    pub warnings: Vec<String>,
}

/// Writes the analysis' files into `dir` (created if needed), each through a temporary file.
pub fn write(dir: &Path, a: &Analysis) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = render(a)
        .into_iter()
        .map(|(name, bytes)| write_atomic(dir, &name, &bytes))
        .collect::<Result<Vec<_>>>()?;
    if let Some(fig) = tornado(a) {
        let fail = |e: crate::report::plots::PlotError| Error::Write {
            path: dir.join("tornado.png"),
            source: std::io::Error::other(e.to_string()),
        };
        let svg = fig.svg().map_err(fail)?;
        files.push(write_atomic(dir, "tornado.png", &fig.png().map_err(fail)?)?);
        files.push(write_atomic(dir, "tornado.svg", svg.as_bytes())?);
    }
    Ok(files)
}

/// The tornado chart: for each criterion, the base-case winner's score as that criterion's
/// weight sweeps from 0 to 1 (the others rescaled), around its base score.
fn tornado(a: &Analysis) -> Option<crate::report::plots::Figure> {
    let winner = *a.order.first()?;
    let mut labels = Vec::new();
    let mut ends = Vec::new();
    for s in &a.sweeps {
        let (first, last) = (s.points.first()?, s.points.last()?);
        labels.push(a.base.criterion_ids[s.criterion].clone());
        ends.push((first.scores[winner], last.scores[winner]));
    }
    if labels.is_empty() {
        return None;
    }
    let title = format!(
        "Score of {} as each weight goes 0 → 1",
        a.base.site_ids[winner]
    );
    Some(crate::report::plots::tornado(
        &title,
        &labels,
        &ends,
        a.scores[winner],
        "score",
    ))
}

/// Loads the scenario, analyses its base case and writes the files.
pub fn run_sensitivity(req: &SensitivityRequest) -> Result<SensitivityOutput> {
    if !(1..=MAX_STEPS).contains(&req.steps) {
        return Err(Problem::new(
            "command line",
            "--steps",
            format!("must be between 1 and {MAX_STEPS}"),
        )
        .value(req.steps)
        .into());
    }
    let scenario = Scenario::load(&req.scenario)?;
    let dir = req
        .out
        .clone()
        .unwrap_or_else(|| Path::new("runs").join(&scenario.name).join("sensitivity"));
    crate::check_out_dir("sensitivity", &dir)?;
    let world = World::build(scenario)?;
    let analysis = analyse(BaseCase::from_world(&world), req.steps);
    let files = write(&dir, &analysis)?;
    let mut warnings = world.warnings.clone();
    warnings.extend(analysis.warnings.iter().cloned());
    Ok(SensitivityOutput {
        dir,
        files,
        summary: summary(&analysis),
        warnings,
    })
}

/// Most sites for which [`weight_change`] is computed for a run's verdict.
pub const VERDICT_MAX_SITES: usize = 200;

/// The smallest change of the point weights that puts another site first in the base case,
/// for the verdict of `dcsite run`. `None` when it is not cheap (more than
/// [`VERDICT_MAX_SITES`] sites), when the base-case winner is infeasible or when no other
/// site can win.
pub fn weight_change(world: &World) -> Option<WeightChange> {
    if world.sites.len() > VERDICT_MAX_SITES || world.sites.len() < 2 {
        return None;
    }
    let base = BaseCase::from_world(world);
    let mut ev = Evaluator::new(&base, base.method);
    ev.eval(&base.weights);
    let order = ev.order.clone();
    if !base.feasible[order[0]] {
        return None;
    }
    let closest = closest_change(&base, &order)?;
    let w = closest.weights.as_ref()?;
    // A criterion with one value at every feasible site can take or give weight on the way
    // (the weights sum to 1) but changes no rank: naming its move would read as a cause.
    let mut moves: Vec<usize> = (0..w.len())
        .filter(|&j| (w[j] - base.weights[j]).abs() >= 0.005 && !base.constant_over_feasible(j))
        .collect();
    moves.sort_by(|&a, &b| {
        let d = |j: usize| (w[j] - base.weights[j]).abs();
        d(b).total_cmp(&d(a)).then(a.cmp(&b))
    });
    Some(WeightChange {
        base_winner: base.site_ids[order[0]].clone(),
        site_id: base.site_ids[closest.site].clone(),
        distance: closest.distance?,
        exact: closest.exact,
        changes: moves
            .into_iter()
            .take(3)
            .map(|j| CriterionChange {
                criterion: base.criterion_ids[j].clone(),
                from: base.weights[j],
                to: w[j],
            })
            .collect(),
    })
}
