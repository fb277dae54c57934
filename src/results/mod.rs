//! Typed results of a run: every statistic the writers and a notebook read, computed once
//! from the engine's accumulators ([`crate::simulate::State`]) and the base case.
//!
//! [`Results`] is `Serialize + Deserialize` and holds plain numbers only (no engine types),
//! so it can cross into Python or be stored as JSON and read back to the same bits
//! (`serde_json` writes the shortest round-trip form of each `f64`). Shares are fractions of
//! the draws; ranks are 1-based; sites are in the order of the sites file, with
//! [`Results::order`] giving the ranking.

use serde::{Deserialize, Serialize};

use crate::data::InputFile;
use crate::simulate::{Sketch, State};
use crate::world::{Draw, World};

/// The results of a run (or of one shard of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Results {
    pub provenance: Provenance,
    /// The model's criteria, in model order (the columns of every per-criterion vector).
    pub criteria: Vec<CriterionInfo>,
    /// One entry per candidate site, in the order of the sites file.
    pub sites: Vec<SiteResult>,
    /// Indices into `sites`, best first: by expected rank, then P(first), then base-case
    /// rank; by base-case rank without draws.
    pub order: Vec<usize>,
    /// The Monte Carlo statistics; `None` for a base-case-only run.
    pub monte_carlo: Option<MonteCarlo>,
    /// What the run warns of: the world's warnings, and draws in which no site was feasible.
    pub warnings: Vec<String>,
}

/// Where results come from: program version, inputs (with SHA-256), method and random
/// stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provenance {
    pub dcsite_version: String,
    pub scenario_name: String,
    pub scenario: FileRef,
    pub model_name: String,
    pub model: FileRef,
    pub method: String,
    pub normalization: String,
    pub weights_mode: String,
    pub seed: u64,
    /// Draws accumulated (0: base case only).
    pub draws: u64,
    /// `(k, n)` for the k-th of n shards.
    pub shard: Option<(u64, u64)>,
    /// The batches of draws run, `[start, end)`.
    pub batches: [u64; 2],
    /// Every file read: scenario, model, then the datasets.
    pub input_files: Vec<FileRef>,
}

/// A file by name and SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileRef {
    pub name: String,
    pub sha256: String,
}

impl From<&InputFile> for FileRef {
    fn from(f: &InputFile) -> FileRef {
        FileRef {
            name: f.name.clone(),
            sha256: f.sha256.clone(),
        }
    }
}

/// A criterion of the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CriterionInfo {
    pub id: String,
    /// `column:NAME` or the factor metric it reads.
    pub source: String,
    pub unit: String,
    /// `min` or `max`.
    pub direction: String,
    /// The model's (normalised) weight.
    pub weight: f64,
}

/// One candidate: who it is, its base case and, with draws, its statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SiteResult {
    pub id: String,
    pub name: String,
    pub country: String,
    /// (lat, lon) in degrees, when the sites file has coordinates.
    pub coords: Option<(f64, f64)>,
    pub base: BaseCase,
    /// `None` without Monte Carlo draws.
    pub stats: Option<SiteStats>,
}

/// A site in the base case: central inputs, the model's weights, no events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BaseCase {
    /// 1-based rank among all sites (infeasible ones rank after the feasible).
    pub rank: usize,
    pub score: f64,
    pub feasible: bool,
    /// The first rule the site breaks ("event" for an event); `None` when feasible.
    pub broken_rule: Option<String>,
    /// Raw criterion values, in model order.
    pub values: Vec<f64>,
}

/// A site over the Monte Carlo draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SiteStats {
    pub score: Spread,
    /// Mean rank over the draws that rank the sites; `None` if no draw had a feasible site.
    pub expected_rank: Option<f64>,
    /// Standard deviation of the rank over those draws; `None` with fewer than two.
    pub rank_sd: Option<f64>,
    /// Share of draws in which the site ranks first (rank-1 acceptability).
    pub p_first: f64,
    /// Binomial standard error of `p_first`.
    pub p_first_se: f64,
    /// Share of draws in which the site meets every rule.
    pub feasible_share: f64,
    /// SMAA-2 confidence factor: share of draws in which the site ranks first under its
    /// central weights. `None` when it never ranks first, or for a shard (computed on merge).
    pub confidence_factor: Option<f64>,
    /// Mean weights of the draws in which the site ranks first, in model order; `None`
    /// when it never ranks first.
    pub central_weights: Option<Vec<f64>>,
    /// Raw criterion values over the draws, in model order.
    pub values: Vec<Spread>,
}

/// Mean, standard deviation and quantiles of a quantity over the draws. The quantiles
/// come from a DDSketch with relative accuracy [`crate::simulate::ALPHA`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Spread {
    pub mean: f64,
    pub sd: f64,
    pub p05: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p95: f64,
}

/// The whole-run matrices of SMAA-2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MonteCarlo {
    pub draws: u64,
    /// Share of draws in which no site was feasible (they rank no site).
    pub no_feasible_share: f64,
    /// Whether the confidence pass ran (not for a shard).
    pub confidence_computed: bool,
    /// Large-site mode: the ranks counted (`simulation.top_k`); `None` when every rank is.
    pub top_k: Option<usize>,
    /// Large-site mode: the size of the pairwise shortlist (`simulation.shortlist`).
    pub shortlist: Option<usize>,
    /// acceptability\[i\]\[r\]: share of draws in which site i takes rank r + 1, for the
    /// ranks counted: every rank, or the first `simulation.top_k` in large-site mode.
    pub acceptability: Vec<Vec<f64>>,
    /// The sites of the pairwise matrix (indices into `sites`, ascending): every site, or in
    /// large-site mode the shortlist of those most often in the top k (empty for a shard
    /// of a large-site run: the confidence pass counts them).
    pub pairwise_sites: Vec<usize>,
    /// pairwise\[a\]\[b\]: share of draws in which site `pairwise_sites[a]` ranks above
    /// site `pairwise_sites[b]` (0 for a = b).
    pub pairwise: Vec<Vec<f64>>,
}

impl MonteCarlo {
    /// The ranks counted in `acceptability` (every rank, or the first `top_k`).
    pub fn ranks_counted(&self) -> usize {
        self.acceptability.first().map_or(0, Vec::len)
    }

    /// Share of draws in which site i ranks above site j; `None` when the pair is not
    /// counted (large-site mode: one of them is not on the shortlist).
    pub fn pairwise(&self, i: usize, j: usize) -> Option<f64> {
        let a = self.pairwise_sites.binary_search(&i).ok()?;
        let b = self.pairwise_sites.binary_search(&j).ok()?;
        Some(self.pairwise[a][b])
    }
}

/// The number with the fewest significant digits within `tol` of `x` (`x` itself when none
/// shorter is; NaN and infinities unchanged).
fn shortest_within(x: f64, tol: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    (0..16)
        .filter_map(|d| format!("{x:.d$e}").parse::<f64>().ok())
        .find(|y| (y - x).abs() <= tol)
        .unwrap_or(x)
}

impl Spread {
    fn of(moments: &crate::simulate::Moments, sketch: &Sketch) -> Spread {
        let (mean, sd) = (moments.mean(), moments.sd());
        // One draw, or a value the same in every draw (its sd is exactly 0): every quantile is
        // that value, which the exact mean gives, not the sketch's bucket within ±α of it.
        let constant = moments.n == 1 || sd == 0.0;
        // The exact mean of a constant is its value to within half a step of the fixed point
        // (0.9 reads back as 0.8999999999996362): the shortest decimal in that half step is
        // as exact, and is the value as written.
        let mean = if constant {
            let half_step = f64::from(-moments.scale - 1).exp2();
            shortest_within(mean, half_step + 4.0 * f64::EPSILON * mean.abs())
        } else {
            mean
        };
        let q = |p: f64| if constant { mean } else { sketch.quantile(p) };
        Spread {
            mean,
            sd,
            p05: q(0.05),
            p25: q(0.25),
            p50: q(0.5),
            p75: q(0.75),
            p95: q(0.95),
        }
    }
}

impl Results {
    /// The results of a run: its world, base case, accumulated draws (`None` for the base
    /// case only) and, for a shard, which one it is.
    pub fn new(
        world: &World,
        base: &Draw,
        state: Option<&State>,
        shard: Option<(u64, u64)>,
    ) -> Results {
        let sc = &world.scenario;
        let model = &sc.model;
        let (m, n) = (world.sites.len(), model.criteria.len());
        let mc = state.filter(|s| s.acc.draws > 0);
        let stats = |i: usize| {
            let (s, a) = (mc?, &mc?.acc);
            let d = a.draws as f64;
            let p1 = a.acceptability(i, 0);
            let firsts = a.firsts(i);
            let (er, sd) = (a.expected_rank(i), a.rank_sd(i));
            Some(SiteStats {
                score: Spread::of(&a.score[i], &a.score_sketch[i]),
                expected_rank: (!er.is_nan()).then_some(er),
                rank_sd: (!sd.is_nan()).then_some(sd),
                p_first: p1,
                p_first_se: (p1 * (1.0 - p1) / d).sqrt(),
                feasible_share: a.feasible[i] as f64 / d,
                confidence_factor: s
                    .confidence
                    .as_ref()
                    .filter(|_| firsts > 0)
                    .map(|c| c.hits[i] as f64 / d),
                central_weights: (firsts > 0).then(|| a.central_weights(i)),
                values: (0..n)
                    .map(|j| Spread::of(&a.values[i * n + j], &a.value_sketch[i * n + j]))
                    .collect(),
            })
        };
        let sites: Vec<SiteResult> = world
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| SiteResult {
                id: s.id.clone(),
                name: s.name.clone(),
                country: s.country.clone(),
                coords: s.coords,
                base: BaseCase {
                    rank: base.rank[i] + 1,
                    score: base.scores[i],
                    feasible: base.feasible[i],
                    broken_rule: base.broken[i].map(|_| world.broken_rule(base.broken[i])),
                    values: (0..n).map(|j| base.x[(i, j)]).collect(),
                },
                stats: stats(i),
            })
            .collect();
        let monte_carlo = mc.map(|s| {
            let a = &s.acc;
            let d = a.draws as f64;
            // Every pair from the first pass, or the shortlist's from the confidence pass.
            let (pairwise_sites, counts) = match &s.confidence {
                _ if !a.pairwise.is_empty() => ((0..m).collect(), &a.pairwise),
                Some(c) => (c.shortlist.clone(), &c.pairwise),
                None => (Vec::new(), &a.pairwise),
            };
            let l = pairwise_sites.len();
            MonteCarlo {
                draws: a.draws,
                no_feasible_share: a.no_feasible_share(),
                confidence_computed: s.confidence.is_some(),
                top_k: (a.ranks.shortlist > 0).then_some(a.ranks.top_k),
                shortlist: (a.ranks.shortlist > 0).then_some(a.ranks.shortlist),
                acceptability: (0..m)
                    .map(|i| (0..a.ranks.top_k).map(|r| a.acceptability(i, r)).collect())
                    .collect(),
                pairwise: (0..l)
                    .map(|i| (0..l).map(|j| counts[i * l + j] as f64 / d).collect())
                    .collect(),
                pairwise_sites,
            }
        });
        let mut warnings = world.warnings.clone();
        if let Some(a) = mc.map(|s| &s.acc).filter(|a| a.no_feasible > 0) {
            warnings.push(format!(
                "no site is feasible in {} of {} draws ({:.1} %): those draws rank no site, so P(first) sums to {:.3}",
                a.no_feasible,
                a.draws,
                100.0 * a.no_feasible_share(),
                1.0 - a.no_feasible_share()
            ));
        }
        let mut results = Results {
            provenance: Provenance {
                dcsite_version: env!("CARGO_PKG_VERSION").to_owned(),
                scenario_name: sc.name.clone(),
                scenario: (&sc.file).into(),
                model_name: model.name.clone(),
                model: (&sc.model_file).into(),
                method: sc.method.to_string(),
                normalization: model.normalization.to_string(),
                weights_mode: sc.weights.name().to_owned(),
                seed: state.map_or(sc.simulation.seed, |s| s.seed),
                draws: mc.map_or(0, |s| s.acc.draws),
                shard,
                batches: state.map_or([0, 0], |s| [s.batches.start, s.batches.end]),
                input_files: world.files.iter().map(FileRef::from).collect(),
            },
            criteria: model
                .criteria
                .iter()
                .map(|c| CriterionInfo {
                    id: c.id.clone(),
                    source: c.source.to_string(),
                    unit: c.unit().to_owned(),
                    direction: c.direction.to_string(),
                    weight: c.weight,
                })
                .collect(),
            sites,
            order: Vec::new(),
            monte_carlo,
            warnings,
        };
        results.order = results.ranking_order();
        results
    }

    /// Sites best first: by expected rank, then P(first), then base-case rank; by base-case
    /// rank without draws.
    fn ranking_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.sites.len()).collect();
        let s = &self.sites;
        if self.monte_carlo.is_some() {
            let key = |i: usize| {
                let st = s[i].stats.as_ref().expect("statistics with draws");
                (st.expected_rank.unwrap_or(f64::NAN), st.p_first)
            };
            order.sort_by(|&a, &b| {
                let ((ea, pa), (eb, pb)) = (key(a), key(b));
                ea.total_cmp(&eb)
                    .then(pb.total_cmp(&pa))
                    .then(s[a].base.rank.cmp(&s[b].base.rank))
            });
        } else {
            order.sort_by_key(|&i| s[i].base.rank);
        }
        order
    }

    /// Draws accumulated (0: base case only).
    pub fn draws(&self) -> u64 {
        self.provenance.draws
    }

    /// The site with this id.
    pub fn site(&self, id: &str) -> Option<&SiteResult> {
        self.sites.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::Moments;

    /// A value the same in every draw reads back as written, not as its fixed-point mean
    /// (0.9 was 0.8999999999996362 in criteria.csv); a moving value keeps its exact mean.
    #[test]
    fn a_constant_reads_back_as_written() {
        for (x, magnitude) in [
            (0.9, 1.0),
            (0.3, 1.0),
            (-12.7, 20.0),
            (1234.5678901, 2000.0),
        ] {
            let mut m = Moments::for_magnitude(magnitude);
            let mut sk = Sketch::default();
            for _ in 0..1000 {
                m.add(x);
                sk.add(x);
            }
            assert_ne!(m.mean(), x, "the fixed point alone would pass: {x}");
            let s = Spread::of(&m, &sk);
            assert_eq!(s.mean, x);
            assert_eq!((s.p05, s.p50, s.p95), (x, x, x));
            assert_eq!(s.sd, 0.0);
        }
        let mut m = Moments::for_magnitude(1.0);
        let mut sk = Sketch::default();
        for x in [0.9, 0.9, 0.9000001] {
            m.add(x);
            sk.add(x);
        }
        assert_eq!(Spread::of(&m, &sk).mean, m.mean());
        assert_eq!(shortest_within(0.123456789, 1e-15), 0.123456789);
        assert_eq!(shortest_within(0.8999999999996362, 5e-13), 0.9);
        assert!(shortest_within(f64::NAN, 1.0).is_nan());
    }
}
