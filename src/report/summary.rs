//! `summary.json`: provenance and headline results of a run.

use serde::Serialize;

use super::ranking_order;
use super::verdict::Verdict;
use crate::simulate::Results;
use crate::world::{Draw, World};

#[derive(Debug, Serialize)]
pub struct Summary {
    pub dcsite_version: &'static str,
    pub scenario: FileRef,
    pub scenario_name: String,
    pub model: FileRef,
    pub model_name: String,
    pub method: String,
    pub normalization: String,
    pub weights_mode: &'static str,
    /// AHP weights and consistency, in `ahp` weights mode; else `None` (null).
    pub ahp: Option<AhpSummary>,
    pub seed: u64,
    pub draws: u64,
    /// `"k/n"` for a shard.
    pub shard: Option<String>,
    pub batches: [u64; 2],
    pub base_case_only: bool,
    pub input_files: Vec<FileRef>,
    pub wall_time_s: f64,
    pub warnings: Vec<String>,
    /// Share of the draws in which no site was feasible (null without draws).
    pub no_feasible_share: Option<f64>,
    pub verdict: Verdict,
    pub results: Vec<SiteResult>,
}

/// The AHP weights of a run and the consistency of its judgements.
#[derive(Debug, Serialize)]
pub struct AhpSummary {
    /// Criterion and weight (principal eigenvector), in model order.
    pub weights: Vec<AhpWeight>,
    pub lambda_max: f64,
    pub consistency_index: f64,
    pub consistency_ratio: f64,
    /// Saaty's random index for n criteria.
    pub random_index: f64,
    /// Judgement uncertainty in steps of Saaty's scale (0: fixed weights).
    pub spread: f64,
    /// `weights.ahp_max_cr`, if given.
    pub max_cr: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct AhpWeight {
    pub criterion: String,
    pub weight: f64,
}

/// The AHP part of the summary, in `ahp` weights mode.
pub fn ahp_summary(world: &World) -> Option<AhpSummary> {
    let a = world.scenario.weights.ahp()?;
    let p = &a.priorities;
    Some(AhpSummary {
        weights: world
            .scenario
            .model
            .criteria
            .iter()
            .zip(&p.weights)
            .map(|(c, &w)| AhpWeight {
                criterion: c.id.clone(),
                weight: w,
            })
            .collect(),
        lambda_max: p.lambda_max,
        consistency_index: p.consistency_index,
        consistency_ratio: p.consistency_ratio,
        random_index: p.random_index,
        spread: a.spread,
        max_cr: a.max_cr,
    })
}

#[derive(Debug, Serialize)]
pub struct FileRef {
    pub name: String,
    pub sha256: String,
}

#[derive(Debug, Serialize)]
pub struct SiteResult {
    pub rank: usize,
    pub site_id: String,
    pub name: String,
    pub country: String,
    pub score_base: f64,
    pub feasible_base: bool,
    pub p_first: Option<f64>,
    pub expected_rank: Option<f64>,
    pub feasible_share: Option<f64>,
    pub confidence_factor: Option<f64>,
}

fn file(f: &crate::data::InputFile) -> FileRef {
    FileRef {
        name: f.name.clone(),
        sha256: f.sha256.clone(),
    }
}

/// The summary of a run; `wall_time_s` is the only field that differs between identical runs.
pub fn summary(
    world: &World,
    base: &Draw,
    results: Option<&Results>,
    shard: Option<(u64, u64)>,
    wall_time_s: f64,
    verdict: Verdict,
) -> Summary {
    let sc = &world.scenario;
    let mc = results.filter(|r| r.acc.draws > 0);
    let d = mc.map_or(1.0, |r| r.acc.draws as f64);
    Summary {
        dcsite_version: env!("CARGO_PKG_VERSION"),
        scenario: file(&sc.file),
        scenario_name: sc.name.clone(),
        model: file(&sc.model_file),
        model_name: sc.model.name.clone(),
        method: sc.method.to_string(),
        normalization: sc.model.normalization.to_string(),
        weights_mode: sc.weights.name(),
        ahp: ahp_summary(world),
        seed: results.map_or(sc.simulation.seed, |r| r.seed),
        draws: mc.map_or(0, |r| r.acc.draws),
        shard: shard.map(|(k, n)| format!("{k}/{n}")),
        batches: results.map_or([0, 0], |r| [r.batches.start, r.batches.end]),
        base_case_only: mc.is_none(),
        input_files: world.files.iter().map(file).collect(),
        wall_time_s,
        warnings: super::warnings(world, results),
        no_feasible_share: mc.map(|r| r.acc.no_feasible_share()),
        verdict,
        results: ranking_order(world, base, results)
            .into_iter()
            .enumerate()
            .map(|(k, i)| {
                let s = &world.sites[i];
                SiteResult {
                    rank: k + 1,
                    site_id: s.id.clone(),
                    name: s.name.clone(),
                    country: s.country.clone(),
                    score_base: base.scores[i],
                    feasible_base: base.feasible[i],
                    p_first: mc.map(|r| r.acc.acceptability(i, 0)),
                    expected_rank: mc.map(|r| r.acc.expected_rank(i)),
                    feasible_share: mc.map(|r| r.acc.feasible[i] as f64 / d),
                    // Undefined for a site that never ranked first (no central weights).
                    confidence_factor: mc.and_then(|r| {
                        let firsts = r.acc.rank_counts[i * r.acc.sites];
                        let c = r.confidence.as_ref().filter(|_| firsts > 0)?;
                        Some(c[i] as f64 / d)
                    }),
                }
            })
            .collect(),
    }
}
