//! Drawing: the per-draw buffers ([`Draw`]), the base case, sampling (weights, inputs,
//! events, noise), scoring and ranking, and the central-weight test of the confidence pass.

use nalgebra::DMatrix;
use rand::Rng;
use rand_distr::Distribution;

use crate::factors::{DrawInputs, FactorScratch};
use crate::mcda::{Scorer, rank_keyed};
use crate::numeric::{first_beating, site_sums};
use crate::scenario::CriterionSource;
use crate::uncertainty::WeightSampler;

use super::*;

/// Buffers for one draw, reused across the draws of a batch.
#[derive(Debug, Clone)]
pub struct Draw {
    /// Raw criterion values, sites × criteria.
    pub x: DMatrix<f64>,
    pub weights: Vec<f64>,
    pub feasible: Vec<bool>,
    /// Index of the first rule a site broke (rules, then `rules.len()` for an event).
    pub broken: Vec<Option<usize>>,
    pub scores: Vec<f64>,
    /// Site indices, best first.
    pub order: Vec<usize>,
    /// Scratch of the keyed sort of [`rank_keyed`].
    keys: Vec<u128>,
    /// 0-based rank of each site.
    pub rank: Vec<usize>,
    pub inputs: DrawInputs,
    pub event_on: Vec<bool>,
    /// Measurement-noise terms, one per noisy cell (rounded up to even), and their random
    /// bits.
    noise: Vec<f64>,
    noise_bits: Vec<u64>,
    scratch: FactorScratch,
    /// Linear terms of the method (sites × criteria), for the central-weight pass.
    terms: DMatrix<f64>,
    /// Per weight vector of the central-weight pass: a competitor that beat its site in the
    /// last draw in which the site lost (the site itself before that), tried first (see
    /// [`World::central_wins`]); and the scores of the sites and of their rivals.
    rivals: Vec<u32>,
    own_scores: Vec<f64>,
    rival_scores: Vec<f64>,
    /// Whether each site won under its own weights, from [`World::central_wins`].
    pub wins: Vec<bool>,
    scorer: Scorer,
}

/// The weight vectors of the confidence pass: column c of `columns` (criteria × k) is the
/// central weight vector of site `sites[c]`.
#[derive(Debug, Clone)]
pub struct CentralWeights {
    pub sites: Vec<usize>,
    pub columns: DMatrix<f64>,
    /// The same weights by criterion: `by_criterion[l·k + c]` is weight l of vector c.
    by_criterion: Vec<f64>,
    sites32: Vec<u32>,
}

impl CentralWeights {
    pub fn new(sites: Vec<usize>, columns: DMatrix<f64>) -> CentralWeights {
        assert_eq!(sites.len(), columns.ncols());
        CentralWeights {
            by_criterion: columns.transpose().as_slice().to_vec(),
            sites32: sites.iter().map(|&i| i as u32).collect(),
            sites,
            columns,
        }
    }
}

impl World {
    /// Fresh buffers for drawing.
    pub fn new_draw(&self) -> Draw {
        let (m, n) = (self.sites.len(), self.criteria_count());
        let model = &self.scenario.model;
        Draw {
            x: DMatrix::zeros(m, n),
            weights: model.weights(),
            feasible: vec![true; m],
            broken: vec![None; m],
            scores: vec![0.0; m],
            order: (0..m).collect(),
            keys: Vec::with_capacity(m),
            rank: (0..m).collect(),
            inputs: self.factors.base_inputs(),
            event_on: vec![false; self.events.len()],
            noise: vec![0.0; self.noise.slots()],
            noise_bits: vec![0; self.noise.slots()],
            scratch: self.factors.scratch(),
            terms: DMatrix::zeros(m, n),
            rivals: Vec::new(),
            own_scores: Vec::new(),
            rival_scores: Vec::new(),
            wins: Vec::new(),
            scorer: Scorer::for_model(model, self.scenario.method, m),
        }
    }

    /// A weight sampler for one batch.
    pub fn weight_sampler<R: Rng + ?Sized>(&self, rng: &mut R) -> WeightSampler<'_> {
        WeightSampler::new(&self.scenario.weights, self.strategy, rng)
    }

    /// The base case: central input values, point weights, no events, no noise.
    pub fn base_case(&self, d: &mut Draw) {
        d.weights.copy_from_slice(&self.scenario.model.weights());
        d.event_on.fill(false);
        self.factors.central_inputs(&mut d.inputs);
        self.fill(d, false);
        self.finish(d);
    }

    /// Samples one draw: weights, inputs, events, measurement noise; then scores and ranks.
    /// The order of random numbers is fixed, so a batch's generator reproduces its draws.
    pub fn sample<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        weights: &mut WeightSampler<'_>,
        d: &mut Draw,
    ) {
        self.sample_inputs(rng, weights, d);
        self.finish(d);
    }

    /// Everything of [`World::sample`] but scoring: fills `x`, `weights` and feasibility.
    pub fn sample_inputs<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        weights: &mut WeightSampler<'_>,
        d: &mut Draw,
    ) {
        weights.sample(rng, &mut d.weights);
        for (on, e) in d.event_on.iter_mut().zip(&self.events) {
            *on = rng.random::<f64>() < e.probability;
        }
        // Event k of the world is event k of the scenario; the factor models apply the
        // localisation and price-shock effects.
        self.factors
            .sample_inputs(rng, &self.scenario, &d.event_on, &mut d.inputs);
        self.fill(d, true);
        // Measurement noise on column criteria, then multiplicative criterion factors.
        self.noise
            .apply(rng, &mut d.noise_bits, &mut d.noise, &mut d.x);
        let m = self.sites.len();
        for (j, dist) in &self.scenario.uncertainty.criteria {
            // A factor is a scale: a draw below 0 would reverse the criterion's direction
            // (the worst site becoming the best), so it is taken as 0.
            let f = dist.sample(rng).max(0.0);
            for i in 0..m {
                d.x[(i, *j)] *= f;
            }
        }
        for (e, &on) in self.events.iter().zip(&d.event_on) {
            if let (
                true,
                ResolvedEffect::CriterionShock {
                    criterion,
                    sites,
                    factor,
                },
            ) = (on, &e.effect)
            {
                for &i in sites {
                    d.x[(i, *criterion)] *= factor;
                }
            }
        }
    }

    /// Base values of column criteria plus factor metrics for the draw's inputs; with
    /// `noisy`, the columns that the measurement noise writes whole are left for it.
    pub(super) fn fill(&self, d: &mut Draw, noisy: bool) {
        if noisy {
            for (j, base) in self.base.column_iter().enumerate() {
                if !self.noise.overwrites(j) {
                    d.x.column_mut(j).copy_from(&base);
                }
            }
        } else {
            d.x.copy_from(&self.base);
        }
        self.factors.evaluate(&d.inputs, &mut d.scratch);
        for (j, c) in self.scenario.model.criteria.iter().enumerate() {
            if let CriterionSource::Factor(metric) = c.source {
                for i in 0..self.sites.len() {
                    d.x[(i, j)] = d.scratch.value(metric, i);
                }
            }
        }
    }

    /// Feasibility, scores and ranks of a filled draw.
    pub fn finish(&self, d: &mut Draw) {
        self.feasibility(d);
        d.score_and_rank(None);
    }

    /// [`World::finish`] for `dcsite portfolio`, which applies residency to each user point:
    /// the sites are screened by the threshold rules and events only, so a site outside a
    /// residency group's country is scored on the same scale as the others (with the
    /// residency rules it would be held to the range of the sites inside it).
    pub fn finish_without_residency(&self, d: &mut Draw) {
        self.feasibility_without_residency(d);
        d.score_and_rank(None);
    }

    /// Scores and ranks the draw's matrix under other weights.
    pub fn rescore(&self, d: &mut Draw, weights: &[f64]) {
        d.score_and_rank(Some(weights));
    }

    /// Whether each site of `weights` ranks first in a filled draw (feasibility applied)
    /// under its own weight vector, into `d.wins`: the test of SMAA-2's confidence pass. For
    /// methods whose score increases with Σ_j w_j t_ij, site i wins its vector when no
    /// competing site scores higher (or the same with a lower index, the tie rule of
    /// `rank_keyed`). Each score is that sum taken in criterion order without FMA, as
    /// `mcda::wsm::scores` does, so the test gives the same bits on every CPU. Every vector
    /// first tries its rival, a competitor that beat its site in the last draw in which the
    /// site lost: the sites' and the rivals' scores are summed for all vectors at once
    /// (`numeric::site_sums`), and a rival that beats its site again, the usual case for a site
    /// that rarely wins, decides the vector. Otherwise the sites are scored
    /// `numeric::SCAN_BLOCK` at a time until one beats it (`numeric::first_beating`,
    /// which gives the next rival), or all of them for a win. Which site is tried first
    /// cannot change the answer. Other methods rescore and rank per vector.
    pub fn central_wins(&self, d: &mut Draw, weights: &CentralWeights) {
        let k = weights.sites.len();
        d.wins.resize(k, false);
        if d.rivals.len() != k {
            d.rivals.clone_from(&weights.sites32);
        }
        if !d.feasible.iter().any(|&f| f) {
            // No site wins a draw that every site fails (as in the first pass).
            d.wins.fill(false);
            return;
        }
        if let Some(terms) = d.scorer.linear_terms(&d.x, &d.feasible, &mut d.terms) {
            // Every site competes when all or none are feasible (as in `rank`): the same
            // reference sites the scores were normalised over.
            let screen = crate::mcda::reference(&d.feasible);
            let (t, m) = (terms.as_slice(), terms.nrows());
            let w = &weights.by_criterion;
            d.own_scores.resize(k, 0.0);
            d.rival_scores.resize(k, 0.0);
            site_sums(t, m, w, &weights.sites32, &mut d.own_scores);
            site_sums(t, m, w, &d.rivals, &mut d.rival_scores);
            for (c, &i) in weights.sites.iter().enumerate() {
                let (s, r, v) = (d.own_scores[c], d.rivals[c] as usize, d.rival_scores[c]);
                let ok = |j: usize| screen.is_none_or(|f| f[j]);
                if !ok(i) || (ok(r) && v > s) {
                    d.wins[c] = false;
                    continue;
                }
                let rival = first_beating(t, weights.columns.column(c).as_slice(), s, screen);
                d.wins[c] = rival.is_none();
                if let Some(r) = rival {
                    d.rivals[c] = r as u32;
                }
            }
        } else {
            for (c, &i) in weights.sites.iter().enumerate() {
                d.score_and_rank(Some(weights.columns.column(c).as_slice()));
                d.wins[c] = d.rank[i] == 0 && d.feasible[i];
            }
        }
    }

    /// The draw's normalised matrix (sites × criteria, higher is better), as the method saw it.
    pub fn normalized<'d>(&self, d: &'d Draw) -> &'d DMatrix<f64> {
        &d.scorer.normalized
    }

    /// The first non-finite raw value or score of a scored draw, as (site, criterion (`None`
    /// for the score), value), in site order.
    pub fn first_nonfinite(&self, d: &Draw) -> Option<(usize, Option<usize>, f64)> {
        // One pass without early exit, which vectorises (`all` stops at the first miss and
        // takes the values one at a time).
        let finite = crate::numeric::vectorised(
            #[inline(always)]
            || {
                let all = |v: &[f64]| v.iter().fold(true, |a, x| a & x.is_finite());
                all(d.x.as_slice()) & all(&d.scores)
            },
        );
        if finite {
            return None;
        }
        (0..self.sites.len()).find_map(|i| {
            (0..self.criteria_count())
                .find(|&j| !d.x[(i, j)].is_finite())
                .map(|j| (i, Some(j), d.x[(i, j)]))
                .or_else(|| (!d.scores[i].is_finite()).then_some((i, None, d.scores[i])))
        })
    }

    /// The error for a non-finite value found by [`World::first_nonfinite`].
    pub fn nonfinite_error(
        &self,
        (i, j, value): (usize, Option<usize>, f64),
        draw: Option<u64>,
    ) -> crate::Error {
        crate::Error::NonFinite {
            site: self.sites[i].id.clone(),
            what: match j {
                Some(j) => format!("criterion {}", self.scenario.model.criteria[j].id),
                None => "score".to_owned(),
            },
            draw: draw.map_or("base case".to_owned(), |k| format!("draw {k}")),
            value,
        }
    }
}

impl Draw {
    /// Scores the draw's matrix (feasibility applied) under `weights`, or its own weights
    /// when `None`, and ranks the sites.
    fn score_and_rank(&mut self, weights: Option<&[f64]>) {
        let Draw {
            scorer,
            x,
            weights: own,
            feasible,
            scores,
            keys,
            order,
            rank,
            ..
        } = self;
        scorer.score(x, weights.unwrap_or(own), feasible, scores);
        rank_keyed(scores, feasible, keys, order, rank);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scenario;
    use rand::SeedableRng;

    /// 30 sites × 3 noisy criteria; sites 0 and 1 identical and without noise (exact ties).
    fn world() -> World {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from("id,a,a_sd,b,b_sd,c,c_sd\ns0,5,0,5,0,5,0\ns1,5,0,5,0,5,0\n");
        for k in 2..30 {
            let v = |h: usize| 1.0 + ((k * h * 7919) % 97) as f64 / 10.0;
            csv += &format!("s{k},{},1,{},1,{},0.5\n", v(1), v(2), v(3));
        }
        std::fs::write(dir.path().join("sites.csv"), csv).unwrap();
        let crit = |id: &str, dir: &str| {
            format!(
                "[[criteria]]\nid = \"{id}\"\ncolumn = \"{id}\"\nsd_column = \"{id}_sd\"\ndirection = \"{dir}\"\nweight = 1\n"
            )
        };
        let model = format!(
            "name = \"m\"\n{}{}{}",
            crit("a", "max"),
            crit("b", "min"),
            crit("c", "max")
        );
        std::fs::write(dir.path().join("m.toml"), model).unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(
            &path,
            "name = \"t\"\nmodel = \"m.toml\"\n[data]\nsites = \"sites.csv\"\n[weights]\nmode = \"unknown\"\n",
        )
        .unwrap();
        World::build(Scenario::load(&path).unwrap()).unwrap()
    }

    #[test]
    fn a_draw_leaves_no_value_of_the_draw_before() {
        // Lognormal columns are written whole by the noise and not copied from the base
        // values first; these have two sites without noise, whose base values must come back
        // whatever the buffer held.
        let w = world();
        assert!((0..3).all(|j| !w.noise.overwrites(j)));
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(9);
        let mut sampler = w.weight_sampler(&mut rng);
        let mut d = w.new_draw();
        for _ in 0..3 {
            d.x.fill(-1.0);
            w.sample_inputs(&mut rng, &mut sampler, &mut d);
            for j in 0..3 {
                assert_eq!((d.x[(0, j)], d.x[(1, j)]), (5.0, 5.0), "criterion {j}");
                assert!((2..30).all(|i| d.x[(i, j)] > 0.0), "criterion {j}");
            }
        }
        // With every site noisy, a column is the noise's alone.
        let mut base = w.base.clone();
        let sd = DMatrix::from_element(base.nrows(), base.ncols(), 0.1);
        base.fill(2.0);
        let noise = super::super::Noise::new(&base, &sd);
        assert!((0..3).all(|j| noise.overwrites(j)));
        base[(4, 1)] = -2.0;
        let noise = super::super::Noise::new(&base, &sd);
        assert_eq!(
            (0..3).map(|j| noise.overwrites(j)).collect::<Vec<_>>(),
            [true, false, true]
        );
    }

    #[test]
    fn central_wins_agree_with_rescoring_and_ranking_each_vector() {
        // Whatever the rivals tried first, a column is won exactly when its site ranks first
        // under its weights: all sites feasible, some (screening, its own site among the
        // infeasible ones or not), none.
        let w = world();
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(4);
        let mut sampler = w.weight_sampler(&mut rng);
        let mut d = w.new_draw();
        // Every site, each under its own mix of the criteria.
        let sites: Vec<usize> = (0..30).collect();
        let mut weights = DMatrix::zeros(3, sites.len());
        for c in 0..sites.len() {
            let v = [1 + (3 * c) % 7, 1 + (5 * c) % 7, 1 + (11 * c) % 7].map(|u| u as f64);
            let total: f64 = v.iter().sum();
            for (j, x) in v.iter().enumerate() {
                weights[(j, c)] = x / total;
            }
        }
        let central = CentralWeights::new(sites.clone(), weights.clone());
        let mut won = [0; 30];
        for draw in 0..300 {
            w.sample_inputs(&mut rng, &mut sampler, &mut d);
            w.feasibility(&mut d);
            match draw % 4 {
                1 => (0..30)
                    .filter(|k| k % 3 == 1)
                    .for_each(|k| d.feasible[k] = false),
                2 => (0..30)
                    .filter(|k| k % 5 == draw % 5)
                    .for_each(|k| d.feasible[k] = false),
                3 if draw % 8 == 3 => d.feasible.fill(false),
                _ => {}
            }
            w.central_wins(&mut d, &central);
            let wins = d.wins.clone();
            for (c, &i) in sites.iter().enumerate() {
                w.rescore(&mut d, weights.column(c).as_slice());
                assert_eq!(
                    wins[c],
                    d.rank[i] == 0 && d.feasible[i],
                    "draw {draw}, site {i}"
                );
                if d.feasible[0] == d.feasible[1] {
                    // Identical sites tie: they share a rank, first or not.
                    assert_eq!(d.rank[0], d.rank[1], "draw {draw}");
                }
                won[c] += usize::from(wins[c]);
            }
        }
        // Columns are won and lost.
        assert!(won.iter().filter(|&&n| n > 0).count() >= 3, "{won:?}");
        assert!(won.iter().any(|&n| n < 300), "{won:?}");
    }
}
