//! What the analysis finds: sweeps and winner changes, smallest weight changes, removals,
//! method rankings and their correlations.

use crate::mcda::{Method, vikor};

use super::*;

/// One weight sweep: criterion j's weight from 0 to 1.
#[derive(Debug, Clone)]
pub struct Sweep {
    pub criterion: usize,
    pub points: Vec<SweepPoint>,
}

#[derive(Debug, Clone)]
pub struct SweepPoint {
    /// The swept criterion's weight.
    pub weight: f64,
    pub scores: Vec<f64>,
    /// Site indices, best first.
    pub order: Vec<usize>,
}

/// A weight of one criterion at which the winner changes along its sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct WinnerChange {
    pub criterion: usize,
    pub base_weight: f64,
    /// The threshold weight (to 1e-9).
    pub weight: f64,
    /// Winner just below the threshold.
    pub below: usize,
    /// Winner just above it.
    pub above: usize,
}

/// The smallest change of the weights that lets a site win.
#[derive(Debug, Clone, PartialEq)]
pub struct MinChange {
    pub site: usize,
    pub base_rank: usize,
    /// Euclidean distance from the base weights; `None` when the site cannot win (it is
    /// infeasible, or no weights on the simplex make it first).
    pub distance: Option<f64>,
    /// The closest weights at which the site ties with or beats every other feasible site.
    pub weights: Option<Vec<f64>>,
    /// Exact projection (WSM, WPM, PROMETHEE II) or search result (an upper bound).
    pub exact: bool,
}

/// The effect of removing one site on the order of the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Removal {
    pub removed: usize,
    /// The other sites in base-case order.
    pub order_before: Vec<usize>,
    /// The other sites, best first, re-scored without the removed site.
    pub order_after: Vec<usize>,
    /// Pairs (a, b) of feasible sites (of any sites when none is feasible in the base case):
    /// a ranked above b before, below it after.
    pub reversed: Vec<(usize, usize)>,
    /// Kendall's τ between the two orders of the same sites as `reversed` (NaN below two).
    pub kendall_tau: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MethodRanking {
    pub method: Method,
    pub scores: Vec<f64>,
    pub order: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    pub a: Method,
    pub b: Method,
    /// Number of sites compared (the feasible ones).
    pub sites: usize,
    pub spearman: f64,
    pub kendall: f64,
}

/// Everything `dcsite sensitivity` computes.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub base: BaseCase,
    pub steps: usize,
    pub scores: Vec<f64>,
    pub order: Vec<usize>,
    pub sweeps: Vec<Sweep>,
    pub winner_changes: Vec<WinnerChange>,
    /// One per site other than the winner, closest first.
    pub min_changes: Vec<MinChange>,
    pub removals: Vec<Removal>,
    pub methods: Vec<MethodRanking>,
    pub correlations: Vec<Correlation>,
    pub vikor: vikor::Outcome,
    pub warnings: Vec<String>,
}

impl Analysis {
    pub fn winner(&self) -> usize {
        self.order[0]
    }
}
