//! Multi-criteria decision methods: normalisation, aggregation and ranking.
//!
//! A method turns a decision matrix (sites × criteria, raw values) plus weights into one
//! score per site, **higher being better** for every method. Ranking puts feasible sites
//! first, by score, and breaks exact ties by the sites' order in the scenario so that results
//! are reproducible. Directions (`min`/`max`) are handled by the methods: no one inverts
//! values by hand.
//!
//! | method | reads | score (higher = better) | range |
//! |---|---|---|---|
//! | [`wsm`] | model normalisation | Σ w r | [0, 1] with min-max |
//! | [`wpm`] | ratios x/max (benefit), min/x (cost) | Π r^w | (0, 1] |
//! | [`topsis`] | model normalisation (`vector` = the original) | closeness C = D⁻/(D⁺ + D⁻) | [0, 1] |
//! | [`vikor`] | model normalisation (linear ones = the original) | 1 − Q | [0, 1] |
//! | [`promethee`] | raw differences, thresholds in the criterion's unit | net flow φ | [−1, 1] |
//!
//! Each method is an [`Aggregate`] impl in its own file, with its formula, source and a
//! worked example from the literature in its tests.
//!
//! **Screening.** Hard rules screen sites out before the rest are compared: normalisation
//! bounds, ideal points, VIKOR's best and worst, WPM's reference values and PROMETHEE's
//! pairwise comparisons are taken over the *reference* sites, the feasible ones when some but
//! not all are feasible ([`reference()`]), and applied to every site, whose raw values are
//! first held to the reference sites' range (normalised methods and WPM). So an infeasible
//! site cannot change how the feasible ones rank, and it still gets a score on the same
//! scale (ranked after every feasible site). When no site is feasible, all of them are compared.

mod normalize;
pub mod promethee;
pub mod topsis;
pub mod vikor;
pub mod wpm;
pub mod wsm;

pub use crate::scenario::{Method, Normalization, Preference};

use nalgebra::DMatrix;

use crate::scenario::{Direction, Model};

/// What a method reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Values normalised per criterion with the model's normalisation: higher is better.
    Normalized,
    /// The raw decision matrix; the method applies the directions itself.
    Raw,
}

/// An aggregation method: one score per site, higher is better.
///
/// A new method is an impl of this trait; the test `a_new_method_is_an_impl_of_aggregate`
/// below is a minimal one, maximin (a site is as good as its worst weighted value).
pub trait Aggregate {
    /// Whether [`Aggregate::aggregate`] gets normalised or raw values.
    const INPUT: Input;

    /// Scores the sites (rows of `x`, sites × criteria) under weights `w` (summing to 1)
    /// into `out`, with ideal points and comparisons taken over the `reference` sites
    /// (`None`: all; see [`reference()`]). Must not allocate: it runs once per Monte Carlo
    /// draw.
    fn aggregate(
        &mut self,
        x: &DMatrix<f64>,
        directions: &[Direction],
        w: &[f64],
        reference: Option<&[bool]>,
        out: &mut [f64],
    );

    /// For a method whose score is an increasing function of Σ_j w_j t_ij: fills `t`
    /// (sites × criteria) with the terms and returns true. Weight sensitivity then solves
    /// for weights exactly instead of searching.
    fn linear_terms(
        &mut self,
        _x: &DMatrix<f64>,
        _directions: &[Direction],
        _reference: Option<&[bool]>,
        _t: &mut DMatrix<f64>,
    ) -> bool {
        false
    }
}

/// Per-criterion and model-level parameters of the methods.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodParams {
    /// Target of each criterion for `target` normalisation (`None`: its best value).
    pub targets: Vec<Option<f64>>,
    /// PROMETHEE preference function of each criterion.
    pub preferences: Vec<Preference>,
    /// VIKOR weight of the strategy of the majority of criteria.
    pub vikor_v: f64,
}

impl MethodParams {
    /// Defaults for `n` criteria: no targets, usual preference functions, v = 0.5.
    #[cfg(test)]
    pub fn defaults(n: usize) -> MethodParams {
        MethodParams {
            targets: vec![None; n],
            preferences: vec![Preference::Usual; n],
            vikor_v: crate::scenario::DEFAULT_V,
        }
    }

    pub fn from_model(model: &Model) -> MethodParams {
        MethodParams {
            targets: model.criteria.iter().map(|c| c.target).collect(),
            preferences: model.criteria.iter().map(|c| c.preference).collect(),
            vikor_v: model.vikor_v,
        }
    }
}

#[derive(Debug, Clone)]
enum Aggregator {
    Wsm(wsm::Wsm),
    Wpm(wpm::Wpm),
    Topsis(topsis::Topsis),
    Vikor(vikor::Vikor),
    Promethee2(promethee::Promethee2),
}

impl Aggregator {
    /// What the method reads ([`Aggregate::INPUT`]).
    fn input(&self) -> Input {
        match self {
            Aggregator::Wsm(_) => wsm::Wsm::INPUT,
            Aggregator::Wpm(_) => wpm::Wpm::INPUT,
            Aggregator::Topsis(_) => topsis::Topsis::INPUT,
            Aggregator::Vikor(_) => vikor::Vikor::INPUT,
            Aggregator::Promethee2(_) => promethee::Promethee2::INPUT,
        }
    }
}

/// Reusable buffers for scoring one draw: no allocation per draw.
#[derive(Debug, Clone)]
pub struct Scorer {
    pub normalization: Normalization,
    pub directions: Vec<Direction>,
    pub targets: Vec<Option<f64>>,
    /// Sites × criteria: what the method read in the last [`Scorer::score`] (see there).
    pub normalized: DMatrix<f64>,
    aggregator: Aggregator,
}

impl Scorer {
    /// A scorer with default method parameters (see [`MethodParams::defaults`]): no targets,
    /// `usual` preference functions, v = 0.5. Use [`Scorer::for_model`] to honour a model's
    /// `target`, `preference`/`q`/`p`/`s` and `vikor_v`.
    #[cfg(test)]
    pub fn new(
        method: Method,
        normalization: Normalization,
        directions: Vec<Direction>,
        sites: usize,
    ) -> Self {
        let params = MethodParams::defaults(directions.len());
        Scorer::with_params(method, normalization, directions, &params, sites)
    }

    /// A scorer for a model's criteria and parameters, under `method` (the scenario's).
    pub fn for_model(model: &Model, method: Method, sites: usize) -> Self {
        Scorer::with_params(
            method,
            model.normalization,
            model.criteria.iter().map(|c| c.direction).collect(),
            &MethodParams::from_model(model),
            sites,
        )
    }

    pub fn with_params(
        method: Method,
        normalization: Normalization,
        directions: Vec<Direction>,
        params: &MethodParams,
        sites: usize,
    ) -> Self {
        let n = directions.len();
        debug_assert_eq!(params.targets.len(), n);
        debug_assert_eq!(params.preferences.len(), n);
        let aggregator = match method {
            Method::Wsm => Aggregator::Wsm(wsm::Wsm),
            Method::Wpm => Aggregator::Wpm(wpm::Wpm::new(sites, n)),
            Method::Topsis => Aggregator::Topsis(topsis::Topsis::new(sites)),
            Method::Vikor => Aggregator::Vikor(vikor::Vikor::new(params.vikor_v, sites)),
            Method::Promethee2 => Aggregator::Promethee2(promethee::Promethee2::new(
                params.preferences.clone(),
                sites,
            )),
        };
        Scorer {
            normalization,
            directions,
            targets: params.targets.clone(),
            normalized: DMatrix::zeros(sites, n),
            aggregator,
        }
    }

    /// Normalises every criterion of `x` into `self.normalized` with the model's
    /// normalisation (whatever the method), over the reference sites of `feasible`.
    pub fn normalize(&mut self, x: &DMatrix<f64>, feasible: &[bool]) {
        self.normalize_over(x, reference(feasible));
    }

    fn normalize_over(&mut self, x: &DMatrix<f64>, reference: Option<&[bool]>) {
        for (j, &dir) in self.directions.iter().enumerate() {
            let col = x.column(j);
            let mut dst = self.normalized.column_mut(j);
            let (col, dst) = (col.as_slice(), dst.as_mut_slice());
            self.normalization
                .apply(dir, self.targets[j], col, reference, dst);
        }
    }

    /// Scores every site of `x` (sites × criteria, raw values) under weights `w`, the
    /// feasible sites being the reference when some but not all are feasible (see
    /// [`reference()`]).
    ///
    /// Afterwards `self.normalized` holds the values the method read: the model-normalised
    /// values (WSM, TOPSIS, VIKOR), the ratios (WPM) or the unicriterion net flows
    /// (PROMETHEE II), so that a report can show them.
    pub fn score(&mut self, x: &DMatrix<f64>, w: &[f64], feasible: &[bool], out: &mut [f64]) {
        let reference = reference(feasible);
        if self.aggregator.input() == Input::Normalized {
            self.normalize_over(x, reference);
        }
        let (dirs, r) = (&self.directions, &mut self.normalized);
        match &mut self.aggregator {
            Aggregator::Wsm(a) => a.aggregate(r, dirs, w, reference, out),
            Aggregator::Topsis(a) => a.aggregate(r, dirs, w, reference, out),
            Aggregator::Vikor(a) => a.aggregate(r, dirs, w, reference, out),
            // The raw methods fill the shared buffer themselves (no second pass, no copy).
            Aggregator::Wpm(_) => {
                wpm::ratios(x, dirs, reference, r);
                wpm::product(r, w, out);
            }
            Aggregator::Promethee2(a) => {
                promethee::unicriterion_flows(x, dirs, &a.preferences, reference, r);
                wsm::scores(r, w, out);
            }
        }
    }

    /// The linear terms of [`Aggregate::linear_terms`] (sites × criteria, the reference as in
    /// [`Scorer::score`]), `None` for a method that has none. They are written to `t`,
    /// except for the weighted sum, whose terms are the normalised values: those are
    /// returned as they are, without a copy.
    pub fn linear_terms<'s>(
        &'s mut self,
        x: &DMatrix<f64>,
        feasible: &[bool],
        t: &'s mut DMatrix<f64>,
    ) -> Option<&'s DMatrix<f64>> {
        let reference = reference(feasible);
        let linear = match &mut self.aggregator {
            Aggregator::Wsm(_) => {
                self.normalize_over(x, reference);
                return Some(&self.normalized);
            }
            Aggregator::Wpm(a) => a.linear_terms(x, &self.directions, reference, t),
            Aggregator::Promethee2(a) => a.linear_terms(x, &self.directions, reference, t),
            Aggregator::Topsis(_) | Aggregator::Vikor(_) => false,
        };
        linear.then_some(t)
    }
}

/// The reference sites of a draw: the feasible ones when some but not all are feasible
/// (`Some(feasible)`), otherwise every site (`None`). See the module docs, "Screening".
pub fn reference(feasible: &[bool]) -> Option<&[bool]> {
    let some = feasible.iter().any(|&f| f);
    let all = feasible.iter().all(|&f| f);
    (some && !all).then_some(feasible)
}

/// Fills `order` with site indices best first: feasible sites by score (descending), then
/// infeasible ones by score; exact ties keep scenario order. `rank[i]` is site i's 0-based
/// rank as SMAA-2 defines it (Lahdelma & Salminen 2001, eq. 1: 1 + the number of
/// alternatives with a strictly greater utility): the number of sites strictly ahead of it, a
/// feasible site being ahead of every infeasible one. Sites whose scores are equal (bit for
/// bit, and of the same feasibility) share the better rank; only `order` breaks the tie.
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
    for (&i, r) in order.iter().zip(shared_ranks(order, scores, feasible)) {
        rank[i] = r;
    }
}

/// The 0-based rank of each position of `order` (best first, as [`rank`] fills it): the
/// position itself, or the rank before it where the two sites tie (the same score bit for
/// bit and the same feasibility), so that tied sites share the better rank.
pub fn shared_ranks(order: &[usize], scores: &[f64], feasible: &[bool]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(order.len());
    for (r, &i) in order.iter().enumerate() {
        let tied = r.checked_sub(1).map(|p| order[p]).is_some_and(|prev| {
            feasible[prev] == feasible[i] && descending(scores[prev]) == descending(scores[i])
        });
        out.push(if tied { out[r - 1] } else { r });
    }
    out
}

/// [`rank`] by sorting packed integer keys instead of indices with a three-way comparator:
/// key = (infeasible, score in descending total order, index) in one `u128`, so a plain
/// integer sort gives the same order (ties keep scenario order) and ranks (ties share the
/// better one) without indirection.
/// `keys` is scratch, resized to the number of sites (once: no allocation per draw).
pub fn rank_keyed(
    scores: &[f64],
    feasible: &[bool],
    keys: &mut Vec<u128>,
    order: &mut [usize],
    rank: &mut [usize],
) {
    if scores.len() <= COUNTING_RANKS && !feasible.contains(&false) {
        rank_by_counting(scores, order, rank);
        return;
    }
    keys.resize(scores.len(), 0);
    for (i, ((k, &s), &ok)) in keys.iter_mut().zip(scores).zip(feasible).enumerate() {
        *k = (u128::from(!ok) << 96) | (u128::from(descending(s)) << 32) | i as u128;
    }
    keys.sort_unstable();
    let mut shared = (u128::MAX, 0);
    for (r, (o, &k)) in order.iter_mut().zip(keys.iter()).enumerate() {
        let i = k as u32 as usize;
        *o = i;
        // Feasibility and score, without the index: equal for tied sites.
        let tied = k >> 32;
        if tied != shared.0 {
            shared = (tied, r);
        }
        rank[i] = shared.1;
    }
}

/// A score as an unsigned integer that is smaller for a higher score, in `total_cmp`'s
/// order: all bits of a negative flipped, the sign bit of the rest, then complemented.
#[inline(always)]
fn descending(s: f64) -> u64 {
    let b = s.to_bits();
    !(if b >> 63 == 1 { !b } else { b | (1 << 63) })
}

/// Up to this many sites, all feasible, [`rank_keyed`] counts each site's rank (m² compares,
/// vectorised) instead of sorting its keys.
const COUNTING_RANKS: usize = 128;

/// The ranks of [`rank_keyed`] when every site is feasible: site i's rank is the number of
/// sites with a smaller [`descending`] key (a higher score), so tied sites share the better
/// rank.
///
/// Each count is one loop over all the keys, padded to whole unrolled vectors
/// ([`COUNT_PAD`]) with the largest key, which no site's key is above. When the counts are
/// all different there is no tie and they are also the positions in `order`; otherwise the
/// positions break ties by index in a second count.
fn rank_by_counting(scores: &[f64], order: &mut [usize], rank: &mut [usize]) {
    let m = scores.len();
    // The keys on the stack: no allocation per draw.
    let mut buf = [u64::MAX; COUNTING_RANKS];
    buf.iter_mut()
        .zip(scores)
        .for_each(|(d, &s)| *d = descending(s));
    let desc = &buf[..m.next_multiple_of(COUNT_PAD)];
    crate::numeric::vectorised(
        #[inline(always)]
        || {
            let mut seen = 0u128;
            for (r, &di) in rank.iter_mut().zip(desc) {
                let below = desc.iter().map(|&d| u64::from(d < di)).sum::<u64>();
                *r = below as usize;
                seen |= 1 << below;
            }
            if seen.count_ones() as usize != m {
                let desc = &desc[..m];
                for (i, &di) in desc.iter().enumerate() {
                    let at = desc[..i].iter().map(|&d| u32::from(d <= di)).sum::<u32>()
                        + desc[i + 1..]
                            .iter()
                            .map(|&d| u32::from(d < di))
                            .sum::<u32>();
                    order[at as usize] = i;
                }
            } else {
                for (i, &r) in rank.iter().enumerate() {
                    order[r] = i;
                }
            }
        },
    );
}

/// [`rank_by_counting`] pads its keys to a multiple of this: four vectors of eight, the
/// loop's unrolled step, so that the loop has no remainder.
const COUNT_PAD: usize = 32;

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_method_is_an_impl_of_aggregate() {
        use super::{Aggregate, Input};
        use crate::scenario::Direction;
        use nalgebra::DMatrix;

        struct Maximin;

        impl Aggregate for Maximin {
            const INPUT: Input = Input::Normalized;

            fn aggregate(
                &mut self,
                r: &DMatrix<f64>,
                _: &[Direction],
                w: &[f64],
                _: Option<&[bool]>,
                out: &mut [f64],
            ) {
                for (i, o) in out.iter_mut().enumerate() {
                    *o = (0..w.len())
                        .map(|j| w[j] * r[(i, j)])
                        .fold(f64::INFINITY, f64::min);
                }
            }
        }

        let r = DMatrix::from_row_slice(2, 2, &[1.0, 0.0, 0.5, 0.5]);
        let mut s = [0.0; 2];
        Maximin.aggregate(&r, &[Direction::Max; 2], &[0.5, 0.5], None, &mut s);
        assert_eq!(s, [0.0, 0.25]);
    }

    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn keyed_ranking_equals_the_comparator_sort(
            scores in proptest::collection::vec(prop_oneof![-2.0f64..2.0, Just(0.5), Just(-0.0), Just(0.0), Just(f64::NAN)], 1..200),
            feasible in proptest::collection::vec(any::<bool>(), 200),
            all_feasible in any::<bool>(),
        ) {
            // Both ways of rank_keyed: counting (all feasible, up to 128 sites) and sorting.
            let m = scores.len();
            let f = if all_feasible { &[true; 200][..m] } else { &feasible[..m] };
            let (mut o1, mut r1, mut o2, mut r2) = (vec![0; m], vec![0; m], vec![0; m], vec![0; m]);
            rank(&scores, f, &mut o1, &mut r1);
            rank_keyed(&scores, f, &mut Vec::new(), &mut o2, &mut r2);
            prop_assert_eq!(o1, o2);
            prop_assert_eq!(r1, r2);
        }
    }

    #[test]
    fn infeasible_sites_rank_last_and_ties_share_the_better_rank() {
        // SMAA-2's rank (Lahdelma & Salminen 2001, eq. 1): 1 + the number of sites strictly
        // better. Sites 1 and 2 tie: both rank first (0-based 0); the order lists site 1
        // first; the infeasible site 0 ranks after every feasible one, whatever its score.
        let scores = [0.9, 0.5, 0.5, 0.1];
        let feasible = [false, true, true, true];
        let (mut order, mut r) = ([0; 4], [0; 4]);
        rank(&scores, &feasible, &mut order, &mut r);
        assert_eq!(order, [1, 2, 3, 0]);
        assert_eq!(r, [3, 0, 0, 2]);
        // Infeasible sites tie among themselves too; a feasible and an infeasible site with
        // the same score do not.
        let scores = [0.5, 0.5, 0.5, 0.7];
        let feasible = [false, true, false, false];
        rank(&scores, &feasible, &mut order, &mut r);
        assert_eq!(order, [1, 3, 0, 2]);
        assert_eq!(r, [2, 0, 2, 1]);
        let mut keys = Vec::new();
        let (mut o2, mut r2) = ([0; 4], [0; 4]);
        rank_keyed(&scores, &feasible, &mut keys, &mut o2, &mut r2);
        assert_eq!((o2, r2), (order, r));
        // The counting path (every site feasible).
        rank_keyed(
            &[0.2, 0.7, 0.2, 0.7],
            &[true; 4],
            &mut keys,
            &mut o2,
            &mut r2,
        );
        assert_eq!((o2, r2), ([1, 3, 0, 2], [2, 0, 2, 0]));
    }

    #[test]
    fn method_names_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::parse(m.name()), Some(m));
            assert!(<Method as strum::VariantNames>::VARIANTS.contains(&m.name()));
        }
        assert_eq!(Method::parse("electre"), None);
    }

    /// A decision matrix with a site that dominates another, plus directions and weights.
    fn with_dominance()
    -> impl Strategy<Value = (DMatrix<f64>, Vec<Direction>, Vec<f64>, usize, usize)> {
        (2usize..6, 1usize..5).prop_flat_map(|(m, n)| {
            (
                prop::collection::vec(1.0f64..100.0, m * n),
                prop::collection::vec(any::<bool>(), n),
                prop::collection::vec(0.05f64..1.0, n),
                prop::collection::vec(0.0f64..10.0, n),
                0..m,
                0..m,
                0..n,
            )
                .prop_filter_map(
                    "two distinct sites",
                    move |(v, max, w, gap, a, b, strict)| {
                        if a == b {
                            return None;
                        }
                        let mut x = DMatrix::from_row_slice(m, n, &v);
                        let dirs: Vec<Direction> = max
                            .iter()
                            .map(|&b| if b { Direction::Max } else { Direction::Min })
                            .collect();
                        // Site a: at least as good as b everywhere, strictly better on `strict`.
                        for j in 0..n {
                            let g = if j == strict { gap[j] + 1.0 } else { gap[j] };
                            x[(a, j)] = match dirs[j] {
                                Direction::Max => x[(b, j)] + g,
                                Direction::Min => (x[(b, j)] - g).max(0.5 * x[(b, j)]),
                            };
                        }
                        let total: f64 = w.iter().sum();
                        let w = w.iter().map(|x| x / total).collect();
                        Some((x, dirs, w, a, b))
                    },
                )
        })
    }

    fn preferences_for(x: &DMatrix<f64>, k: usize) -> Vec<Preference> {
        (0..x.ncols())
            .map(|j| {
                let (lo, hi) = normalize::bounds(x.column(j).as_slice(), None);
                let span = (hi - lo).max(1e-9);
                match (j + k) % 6 {
                    0 => Preference::Usual,
                    1 => Preference::UShape { q: 0.1 * span },
                    2 => Preference::VShape { p: 0.5 * span },
                    3 => Preference::Level {
                        q: 0.1 * span,
                        p: 0.5 * span,
                    },
                    4 => Preference::Linear {
                        q: 0.1 * span,
                        p: 0.5 * span,
                    },
                    _ => Preference::Gaussian { s: 0.3 * span },
                }
            })
            .collect()
    }

    const NORMALIZATIONS: [Normalization; 5] = [
        Normalization::MinMax,
        Normalization::Vector,
        Normalization::Max,
        Normalization::Sum,
        Normalization::Target,
    ];

    proptest! {
        /// A site that dominates another never scores below it, under every method,
        /// normalisation and preference function.
        #[test]
        fn dominating_site_never_ranks_below((x, dirs, w, a, b) in with_dominance(), k in 0usize..6) {
            let m = x.nrows();
            let params = MethodParams { preferences: preferences_for(&x, k), ..MethodParams::defaults(x.ncols()) };
            for method in Method::ALL {
                for norm in NORMALIZATIONS {
                    let mut s = Scorer::with_params(method, norm, dirs.clone(), &params, m);
                    let mut out = vec![0.0; m];
                    s.score(&x, &w, &vec![true; m], &mut out);
                    prop_assert!(out.iter().all(|v| v.is_finite()), "{method} {norm}: {out:?}");
                    prop_assert!(out[a] >= out[b] - 1e-12, "{method} {norm}: {} < {}", out[a], out[b]);
                    let (mut order, mut r) = (vec![0; m], vec![0; m]);
                    rank(&out, &vec![true; m], &mut order, &mut r);
                    if out[a] > out[b] {
                        prop_assert!(r[a] < r[b]);
                    }
                }
            }
        }

        /// Adding a constant to a benefit criterion changes nothing for the methods that
        /// read differences: min-max based ones and PROMETHEE.
        #[test]
        fn shift_invariance(
            (x, dirs, w, _, _) in with_dominance(),
            shift in -50.0f64..1000.0,
            col in 0usize..4,
            k in 0usize..6,
        ) {
            let (m, n) = (x.nrows(), x.ncols());
            let j = col % n;
            let mut dirs = dirs;
            dirs[j] = Direction::Max;
            let mut y = x.clone();
            for i in 0..m {
                y[(i, j)] += shift;
            }
            let params = MethodParams { preferences: preferences_for(&x, k), ..MethodParams::defaults(n) };
            let cases = [
                (Method::Wsm, Normalization::MinMax),
                (Method::Topsis, Normalization::MinMax),
                (Method::Vikor, Normalization::MinMax),
                (Method::Vikor, Normalization::Max),
                (Method::Vikor, Normalization::Vector),
                (Method::Promethee2, Normalization::MinMax),
                (Method::Promethee2, Normalization::Vector),
            ];
            for (method, norm) in cases {
                let mut s = Scorer::with_params(method, norm, dirs.clone(), &params, m);
                let (mut a, mut b) = (vec![0.0; m], vec![0.0; m]);
                s.score(&x, &w, &vec![true; m], &mut a);
                s.score(&y, &w, &vec![true; m], &mut b);
                for i in 0..m {
                    prop_assert!((a[i] - b[i]).abs() < 1e-9, "{method} {norm}: {a:?} vs {b:?}");
                }
            }
        }

        /// The scorer's per-draw path gives the same scores as the methods' own impls.
        #[test]
        fn scorer_matches_the_aggregate_impls((x, dirs, w, _, _) in with_dominance(), k in 0usize..6) {
            let (m, n) = (x.nrows(), x.ncols());
            let prefs = preferences_for(&x, k);
            let params = MethodParams { preferences: prefs.clone(), ..MethodParams::defaults(n) };
            let (mut a, mut b) = (vec![0.0; m], vec![0.0; m]);
            Scorer::with_params(Method::Wpm, Normalization::MinMax, dirs.clone(), &params, m).score(&x, &w, &vec![true; m], &mut a);
            wpm::Wpm::new(m, n).aggregate(&x, &dirs, &w, None, &mut b);
            prop_assert_eq!(&a, &b);
            Scorer::with_params(Method::Promethee2, Normalization::MinMax, dirs.clone(), &params, m).score(&x, &w, &vec![true; m], &mut a);
            promethee::Promethee2::new(prefs, m).aggregate(&x, &dirs, &w, None, &mut b);
            prop_assert_eq!(&a, &b);
        }

        /// Screening: an infeasible site changes nothing for the feasible ones. Their scores
        /// with it present (and infeasible) equal their scores without it, under every
        /// method, normalisation and preference function, and so do the linear terms.
        #[test]
        fn an_infeasible_site_changes_nothing_for_the_feasible_ones(
            (x, dirs, w, _, _) in with_dominance(),
            k in 0usize..6,
            out in 0usize..8,
            shift in prop_oneof![Just(0.0), 0.0f64..150.0],
            shifted in 0usize..5,
        ) {
            let (m, n) = (x.nrows(), x.ncols());
            prop_assume!(m >= 3);
            let out = out % m;
            // One column moved down, so that it may hold values ≤ 0 (at the infeasible site
            // alone, or at feasible ones too): the weighted product maps such a column to
            // [1, 2] first, by the feasible sites' bounds.
            let mut x = x;
            x.column_mut(shifted % n).add_scalar_mut(-shift);
            let feasible: Vec<bool> = (0..m).map(|i| i != out).collect();
            let keep: Vec<usize> = (0..m).filter(|&i| i != out).collect();
            let y = x.select_rows(&keep);
            let params = MethodParams { preferences: preferences_for(&x, k), ..MethodParams::defaults(n) };
            for method in Method::ALL {
                for norm in NORMALIZATIONS {
                    let mut with = Scorer::with_params(method, norm, dirs.clone(), &params, m);
                    let mut without = Scorer::with_params(method, norm, dirs.clone(), &params, m - 1);
                    let (mut a, mut b) = (vec![0.0; m], vec![0.0; m - 1]);
                    with.score(&x, &w, &feasible, &mut a);
                    without.score(&y, &w, &vec![true; m - 1], &mut b);
                    prop_assert!(a.iter().all(|v| v.is_finite()), "{method} {norm}: {a:?}");
                    if (method, norm) == (Method::Wsm, Normalization::MinMax) {
                        // The infeasible site is held to the feasible range: still in [0, 1].
                        prop_assert!((-1e-12..=1.0 + 1e-12).contains(&a[out]), "{}", a[out]);
                    }
                    for (r, &i) in keep.iter().enumerate() {
                        prop_assert!((a[i] - b[r]).abs() < 1e-12, "{method} {norm}: site {i}: {} vs {}", a[i], b[r]);
                    }
                    let (mut ta, mut tb) = (DMatrix::zeros(m, n), DMatrix::zeros(m - 1, n));
                    if let Some(ta) = with.linear_terms(&x, &feasible, &mut ta) {
                        let tb = without.linear_terms(&y, &vec![true; m - 1], &mut tb);
                        prop_assert!(tb.is_some(), "{method} {norm}");
                        let tb = tb.expect("checked");
                        for (r, &i) in keep.iter().enumerate() {
                            for j in 0..n {
                                prop_assert!((ta[(i, j)] - tb[(r, j)]).abs() < 1e-12, "{method} {norm}");
                            }
                        }
                    }
                }
            }
        }

        /// The linear terms reproduce the ranking of the scores.
        #[test]
        fn linear_terms_order_like_scores((x, dirs, w, _, _) in with_dominance(), k in 0usize..6) {
            let (m, n) = (x.nrows(), x.ncols());
            let params = MethodParams { preferences: preferences_for(&x, k), ..MethodParams::defaults(n) };
            for method in [Method::Wsm, Method::Wpm, Method::Promethee2] {
                let mut s = Scorer::with_params(method, Normalization::MinMax, dirs.clone(), &params, m);
                let mut t = DMatrix::zeros(m, n);
                let t = s.linear_terms(&x, &vec![true; m], &mut t).expect("linear terms").clone();
                let mut out = vec![0.0; m];
                s.score(&x, &w, &vec![true; m], &mut out);
                let lin: Vec<f64> = (0..m).map(|i| (0..n).map(|j| w[j] * t[(i, j)]).sum()).collect();
                for a in 0..m {
                    for b in 0..m {
                        if lin[a] > lin[b] + 1e-9 {
                            prop_assert!(out[a] > out[b], "{method}");
                        }
                    }
                }
            }
        }
    }
}
