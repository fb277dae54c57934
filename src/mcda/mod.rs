//! Multi-criteria decision methods: normalisation, aggregation and ranking.
//!
//! A method turns a decision matrix (sites × criteria, raw values) plus weights into one
//! score per site, higher being better. Ranking puts feasible sites first, by score, and
//! breaks exact ties by the sites' order in the scenario so that results are reproducible.

mod normalize;
pub mod wsm;

pub use normalize::Normalization;

use std::fmt;

use nalgebra::DMatrix;

use crate::scenario::Direction;

/// An aggregation method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Weighted sum of normalised values.
    #[default]
    Wsm,
}

impl Method {
    pub const ALLOWED: &'static str = "wsm";

    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "wsm" => Some(Method::Wsm),
            _ => None,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Wsm => "wsm",
        })
    }
}

/// Reusable buffers for scoring one draw: no allocation per draw.
#[derive(Debug, Clone)]
pub struct Scorer {
    pub normalization: Normalization,
    pub method: Method,
    pub directions: Vec<Direction>,
    /// Normalised matrix, sites × criteria.
    pub normalized: DMatrix<f64>,
}

impl Scorer {
    pub fn new(
        method: Method,
        normalization: Normalization,
        directions: Vec<Direction>,
        sites: usize,
    ) -> Self {
        let n = directions.len();
        Scorer {
            normalization,
            method,
            directions,
            normalized: DMatrix::zeros(sites, n),
        }
    }

    /// Scores every site of `x` (sites × criteria, raw values) under weights `w`.
    pub fn score(&mut self, x: &DMatrix<f64>, w: &[f64], out: &mut [f64]) {
        for (j, &dir) in self.directions.iter().enumerate() {
            let col = x.column(j);
            let mut dst = self.normalized.column_mut(j);
            self.normalization
                .apply(dir, col.as_slice(), dst.as_mut_slice());
        }
        match self.method {
            Method::Wsm => wsm::scores(&self.normalized, w, out),
        }
    }
}

/// Fills `order` with site indices best first: feasible sites by score (descending), then
/// infeasible ones by score; exact ties keep scenario order. `rank[i]` is site i's 0-based rank.
pub fn rank(scores: &[f64], feasible: &[bool], order: &mut [usize], rank: &mut [usize]) {
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    order.sort_unstable_by(|&a, &b| {
        feasible[b]
            .cmp(&feasible[a])
            .then(scores[b].total_cmp(&scores[a]))
            .then(a.cmp(&b))
    });
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infeasible_sites_rank_last_and_ties_keep_order() {
        let scores = [0.9, 0.5, 0.5, 0.1];
        let feasible = [false, true, true, true];
        let (mut order, mut r) = ([0; 4], [0; 4]);
        rank(&scores, &feasible, &mut order, &mut r);
        assert_eq!(order, [1, 2, 3, 0]);
        assert_eq!(r, [3, 0, 1, 2]);
    }
}
