//! The checks of a `state.json` read back ([`State::from_json`](super::State::from_json)).

use super::State;

impl State {
    /// The shapes and counts a state of this version always has: every array as long as
    /// its sites, criteria and ranks make it, and no count above the draws. A state edited
    /// by hand (or cut short) is refused here, as bad input, instead of failing later.
    pub(super) fn check(&self) -> Result<(), String> {
        let a = &self.acc;
        let (m, n, k) = (a.sites, a.criteria, a.ranks.top_k);
        let pairs = if a.ranks.shortlist == 0 { m * m } else { 0 };
        let lengths = [
            ("acc.rank_counts", a.rank_counts.len(), m * k),
            ("acc.rank_sum", a.rank_sum.len(), m),
            ("acc.rank_sumsq", a.rank_sumsq.len(), m),
            ("acc.pairwise", a.pairwise.len(), pairs),
            ("acc.feasible", a.feasible.len(), m),
            ("acc.first_weights", a.first_weights.len(), m * n),
            ("acc.score", a.score.len(), m),
            ("acc.score_sketch", a.score_sketch.len(), m),
            ("acc.values", a.values.len(), m * n),
            ("acc.value_sketch", a.value_sketch.len(), m * n),
        ];
        for (key, len, want) in lengths {
            if len != want {
                return Err(format!(
                    "{key} has {len} entries where {m} sites, {n} criteria and {k} ranks make {want}: not a state this version wrote (edited or cut short?); run the scenario again"
                ));
            }
        }
        if k == 0 || k > m {
            return Err(format!("acc.ranks.top_k = {k}: must be 1 to the {m} sites"));
        }
        let draws = a.draws;
        let counts = [
            ("acc.no_feasible", a.no_feasible),
            (
                "acc.feasible",
                a.feasible.iter().copied().max().unwrap_or(0),
            ),
            (
                "acc.rank_counts",
                a.rank_counts.iter().copied().max().unwrap_or(0),
            ),
            (
                "acc.pairwise",
                a.pairwise.iter().copied().max().unwrap_or(0),
            ),
            (
                "confidence.hits",
                self.confidence
                    .as_ref()
                    .and_then(|c| c.hits.iter().copied().max())
                    .unwrap_or(0),
            ),
        ];
        for (key, most) in counts {
            if most > draws {
                return Err(format!(
                    "{key} counts {most} draws of the {draws} in acc.draws: not a state this version wrote; run the scenario again"
                ));
            }
        }
        if let Some(c) = &self.confidence
            && c.hits.len() != m
        {
            return Err(format!(
                "confidence.hits has {} entries for {m} sites: not a state this version wrote; run the scenario again",
                c.hits.len()
            ));
        }
        if self.batches.start > self.batches.end {
            return Err("batches: start after end".to_owned());
        }
        Ok(())
    }
}
