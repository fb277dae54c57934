//! The fixed columns of the output files that also have one column per criterion id
//! (`ranking.csv`, `central_weights.csv`). They live here, below the writers, so that the
//! model's validation refuses a criterion id equal to one of them (duplicate CSV headers)
//! from the very lists the writers write.

/// `ranking.csv`: the columns of every run, before the criterion columns.
pub const RANKING_BASE: [&str; 9] = [
    "rank",
    "site_id",
    "name",
    "country",
    "lat",
    "lon",
    "score_base",
    "feasible_base",
    "broken_rule_base",
];

/// `ranking.csv`: the columns of a run with draws, after [`RANKING_BASE`].
pub const RANKING_DRAWS: [&str; 11] = [
    "score_mean",
    "score_sd",
    "score_p05",
    "score_p50",
    "score_p95",
    "expected_rank",
    "rank_sd",
    "p_first",
    "p_first_se",
    "feasible_share",
    "confidence_factor",
];

/// `central_weights.csv`: the columns before the criterion columns.
pub const CENTRAL_WEIGHTS: [&str; 3] = ["site_id", "p_first", "confidence_factor"];

/// The files with one column per criterion id, and their fixed columns.
pub const WITH_CRITERION_COLUMNS: [(&str, &[&str]); 3] = [
    ("ranking.csv", &RANKING_BASE),
    ("ranking.csv", &RANKING_DRAWS),
    ("central_weights.csv", &CENTRAL_WEIGHTS),
];

/// The first file (in [`WITH_CRITERION_COLUMNS`] order) with a fixed column named `id`.
pub fn fixed_column_file(id: &str) -> Option<&'static str> {
    WITH_CRITERION_COLUMNS
        .iter()
        .find(|(_, columns)| columns.contains(&id))
        .map(|(file, _)| *file)
}
