//! `summary.json`: provenance and headline results of a run.

use serde::{Deserialize, Serialize};

use super::verdict::Verdict;
use crate::results::{FileRef, Results};
use crate::world::World;

/// `summary.json`; a run directory's summary is read back with serde (`dcsite merge`,
/// `dcsite report`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub dcsite_version: String,
    pub scenario: FileRef,
    pub scenario_name: String,
    pub model: FileRef,
    pub model_name: String,
    pub method: String,
    pub normalization: String,
    pub weights_mode: String,
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
    /// Large-site mode: the ranks counted and the size of the pairwise shortlist (absent
    /// when every rank and pair is counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_k: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortlist: Option<usize>,
    pub verdict: Verdict,
    pub results: Vec<SummaryRow>,
}

/// The AHP weights of a run and the consistency of its judgements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// A row of `results` in `summary.json`: a site's headline figures, in ranking order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
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

/// The summary of a run; `wall_time_s` is the only field that differs between identical runs.
pub fn summary(world: &World, r: &Results, wall_time_s: f64, verdict: Verdict) -> Summary {
    let p = &r.provenance;
    Summary {
        dcsite_version: p.dcsite_version.clone(),
        scenario: p.scenario.clone(),
        scenario_name: p.scenario_name.clone(),
        model: p.model.clone(),
        model_name: p.model_name.clone(),
        method: p.method.clone(),
        normalization: p.normalization.clone(),
        weights_mode: p.weights_mode.clone(),
        ahp: ahp_summary(world),
        seed: p.seed,
        draws: p.draws,
        shard: p.shard.map(|(k, n)| format!("{k}/{n}")),
        batches: p.batches,
        base_case_only: r.monte_carlo.is_none(),
        input_files: p.input_files.clone(),
        wall_time_s,
        warnings: r.warnings.clone(),
        no_feasible_share: r.monte_carlo.as_ref().map(|mc| mc.no_feasible_share),
        top_k: r.monte_carlo.as_ref().and_then(|mc| mc.top_k),
        shortlist: r.monte_carlo.as_ref().and_then(|mc| mc.shortlist),
        verdict,
        results: r
            .order
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let s = &r.sites[i];
                let st = s.stats.as_ref();
                SummaryRow {
                    rank: k + 1,
                    site_id: s.id.clone(),
                    name: s.name.clone(),
                    country: s.country.clone(),
                    score_base: s.base.score,
                    feasible_base: s.base.feasible,
                    p_first: st.map(|t| t.p_first),
                    expected_rank: st.map(|t| t.expected_rank.unwrap_or(f64::NAN)),
                    feasible_share: st.map(|t| t.feasible_share),
                    confidence_factor: st.and_then(|t| t.confidence_factor),
                }
            })
            .collect(),
    }
}
