//! The Monte Carlo engine: SMAA-2 over uncertain inputs, events and weights.
//!
//! **Determinism.** Draws are cut into batches of [`BATCH`]; batch k draws from its own
//! Xoshiro256++ generator seeded from (seed, k) through SplitMix64, so a draw depends on
//! nothing but the seed and its index. Accumulators hold only integers (counts,
//! fixed-point sums, sketch buckets), so combining them is exact and associative: any
//! thread count, any split into shards, gives byte-identical results.
//!
//! **SMAA-2** (Lahdelma & Salminen 2001, Operations Research 49(3), 444–454): rank
//! acceptability `b[i][r]`, central weights (mean weights where i ranks first), confidence
//! factors (share of draws where i ranks first under its central weights: a second pass
//! over the same input draws), and the pairwise winning index `P[i][j]` (share of draws in
//! which i ranks above j).

mod accumulator;
mod check;
mod moments;
mod sketch;

pub use crate::numeric::{exp, exp_in_place, normal_pair, normals};
pub use crate::scenario::MAX_DRAWS;
pub use accumulator::{Accumulator, NonFiniteValue, Pending};
pub use moments::{I256, Moments};
pub use sketch::{ALPHA, MAX_BUCKETS, Sketch};

use std::ops::Range;

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::world::{Draw, World};

#[cfg(test)]
use accumulator::SEVEN_SITE_ACCUMULATORS;

/// Draws per batch. Part of the definition of a run's random streams: changing it changes
/// the results of every seed.
pub const BATCH: u64 = 500;

/// Fixed-point scale of weights in the central-weight sums.
const WEIGHT_SCALE: i32 = 52;

/// SplitMix64 finaliser (Steele, Lea & Flood 2014).
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator of batch `k` of a run with `seed`.
pub fn batch_rng(seed: u64, k: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix64(seed ^ splitmix64(k)))
}

/// Above this many sites a run counts the first [`DEFAULT_TOP_K`] ranks only (large-site
/// mode), unless `simulation.top_k` says otherwise.
pub const LARGE_M: usize = 1_000;
/// Ranks counted in large-site mode.
pub const DEFAULT_TOP_K: usize = 100;
/// Sites in the pairwise matrix when ranks are truncated.
pub const DEFAULT_SHORTLIST: usize = 100;

/// Which ranks and pairs a run counts. With every rank counted (`top_k` = the number of
/// sites) the first pass counts rank acceptability for every rank and the pairwise winning
/// index for every pair: m² counters. In large-site mode (`top_k` below the number of sites)
/// it counts ranks 1..=top_k only, plus every site's rank sum and sum of squares (expected
/// rank and its sd): m·(top_k + 3) counters; the pairwise index is counted among a
/// shortlist of the sites most often in the top k, chosen after the first pass and counted
/// in the confidence pass, which replays the same draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranks {
    /// Rank acceptability is counted for ranks 1..=top_k.
    pub top_k: usize,
    /// Sites in the pairwise matrix when `top_k` is below the number of sites (0 otherwise:
    /// every pair is counted).
    pub shortlist: usize,
}

impl Ranks {
    /// The ranks counted for `sites` sites, given `simulation.top_k` and
    /// `simulation.shortlist`: by default every rank up to [`LARGE_M`] sites and
    /// [`DEFAULT_TOP_K`] above; both capped at the number of sites.
    pub fn resolve(sites: usize, top_k: Option<usize>, shortlist: Option<usize>) -> Ranks {
        let default = if sites > LARGE_M {
            DEFAULT_TOP_K
        } else {
            sites
        };
        let top_k = top_k.unwrap_or(default).min(sites);
        let shortlist = if top_k < sites {
            shortlist.unwrap_or(DEFAULT_SHORTLIST).min(sites)
        } else {
            0
        };
        Ranks { top_k, shortlist }
    }

    /// Every rank for `sites` sites.
    pub fn all(sites: usize) -> Ranks {
        Ranks::resolve(sites, Some(sites), None)
    }
}

/// What to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub draws: u64,
    pub seed: u64,
    /// `Some((k, n))`: run only the k-th of n equal slices of the batches (1-based).
    pub shard: Option<(u64, u64)>,
    pub ranks: Ranks,
}

impl Options {
    pub fn batches(&self) -> Range<u64> {
        let total = self.draws.div_ceil(BATCH);
        match self.shard {
            None => 0..total,
            Some((k, n)) => (k - 1) * total / n..k * total / n,
        }
    }

    pub fn draws_in(&self, batch: u64) -> u64 {
        (self.draws - batch * BATCH).min(BATCH)
    }
}

/// Told how much work there is and how many draws are done; the CLI shows a progress bar.
/// Both passes count: a whole run evaluates every draw twice (the confidence pass).
///
/// [`Observer::cancelled`] stops a run: the engine asks it before each batch of [`BATCH`]
/// draws, and once it returns true no further batch starts; [`crate::Run::simulate`] then
/// fails with [`crate::Error::Cancelled`] (the Python binding's Ctrl-C).
///
/// ```
/// use std::sync::atomic::{AtomicBool, Ordering};
/// use dcsite::simulate::Observer;
///
/// /// Stops the run once `draws` draws are done.
/// struct StopAfter { draws: u64, done: std::sync::atomic::AtomicU64, stop: AtomicBool }
/// impl Observer for StopAfter {
///     fn progress(&self, draws_done: u64) {
///         if self.done.fetch_add(draws_done, Ordering::Relaxed) + draws_done >= self.draws {
///             self.stop.store(true, Ordering::Relaxed);
///         }
///     }
///     fn cancelled(&self) -> bool {
///         self.stop.load(Ordering::Relaxed)
///     }
/// }
/// ```
pub trait Observer: Sync {
    fn start(&self, _total_draws: u64) {}
    fn progress(&self, _draws_done: u64) {}
    /// True to stop the run before its next batch (default: never).
    fn cancelled(&self) -> bool {
        false
    }
}

/// An observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// The engine's output: the accumulators of a run (or of a shard of one), saved as `state.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// [`STATE_FORMAT`]: how the accumulators are kept (absent, 1, before exact moments).
    pub format: u32,
    pub options_draws: u64,
    pub seed: u64,
    pub batches: Range<u64>,
    pub acc: Accumulator,
    /// The counts of the confidence pass (`None` for a shard: central weights need all
    /// draws; `dcsite merge` computes them).
    pub confidence: Option<Confidence>,
}

/// The format of `state.json` this version writes and reads: 2 since the moments' sum of
/// squares is a 256-bit integer of deviations ([`Moments`]).
pub const STATE_FORMAT: u32 = 2;

/// The counts of the second (confidence) pass over a set of batches, under the central
/// weights of a whole first pass: the hit counts of the shards of this pass add up to those
/// of the whole pass ([`Confidence::merge`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confidence {
    /// Per site: draws in which it ranks first under its central weights.
    pub hits: Vec<u64>,
    /// In large-site mode, the shortlisted sites (ascending indices, see
    /// [`Accumulator::shortlist`]); empty when the first pass counted every pair.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shortlist: Vec<usize>,
    /// pairwise\[a·L + b\]: draws in which shortlisted site a ranked above shortlisted
    /// site b (L = `shortlist.len()`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairwise: Vec<u64>,
    /// Per-batch `u16` pairwise counts, folded into `pairwise` at the end of each batch.
    #[serde(skip)]
    pending: Vec<u16>,
    #[serde(skip)]
    ranks: Vec<u32>,
}

impl Confidence {
    fn new(sites: usize, shortlist: Vec<usize>) -> Confidence {
        let l = shortlist.len();
        Confidence {
            hits: vec![0; sites],
            pairwise: vec![0; l * l],
            pending: vec![0; l * l],
            ranks: vec![0; l],
            shortlist,
        }
    }

    /// Adds the counts of other batches of the same pass.
    pub fn merge(mut self, o: &Confidence) -> Confidence {
        debug_assert_eq!(self.shortlist, o.shortlist);
        let add = |a: &mut Vec<u64>, b: &[u64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.hits, &o.hits);
        add(&mut self.pairwise, &o.pairwise);
        self
    }

    /// The shortlist's pairwise counts of a ranked draw (ranks under the draw's weights).
    fn count_pairs(&mut self, rank: &[usize]) {
        for (r, &i) in self.ranks.iter_mut().zip(&self.shortlist) {
            *r = rank[i] as u32;
        }
        crate::numeric::count_pairs(&mut self.pending, &self.ranks);
    }

    /// The batch's pending pairwise counts into the totals (a batch has fewer than 2¹⁶
    /// draws).
    fn flush(&mut self) {
        self.pairwise
            .iter_mut()
            .zip(&mut self.pending)
            .for_each(|(t, p)| *t += u64::from(std::mem::take(p)));
    }
}

impl State {
    /// The state of the batches of `opts` with their accumulators and, for a whole run, the
    /// counts of the confidence pass.
    pub fn new(opts: &Options, acc: Accumulator, confidence: Option<Confidence>) -> State {
        State {
            format: STATE_FORMAT,
            options_draws: opts.draws,
            seed: opts.seed,
            batches: opts.batches(),
            acc,
            confidence,
        }
    }

    /// An error naming the first draw with a non-finite value, if any, or else the first
    /// series whose mean and sd could not be held ([`Moments::overflow`]).
    pub fn check_finite(&self, world: &World) -> crate::Result<()> {
        if let Some((k, i, j, v)) = self.acc.nonfinite {
            return Err(world.nonfinite_error((i, j, v.0), Some(k)));
        }
        let Some((i, j, limit)) = self.acc.first_overflow() else {
            return Ok(());
        };
        let what = j.map_or("score".to_owned(), |j| {
            format!("criterion {}", world.scenario.model.criteria[j].id)
        });
        let site = world.sites[i].id.clone();
        Err(crate::Error::Unrepresentable { site, what, limit })
    }

    /// Reads a `state.json`; one written before the moment sums were exact (format 1, no
    /// `format` field) is refused with a message saying so. The error is the message.
    pub fn from_json(bytes: &[u8]) -> Result<State, String> {
        let bad = |e: serde_json::Error| format!("not a dcsite state file: {e}");
        #[derive(Deserialize)]
        struct Format {
            format: Option<u32>,
        }
        let f = serde_json::from_slice::<Format>(bytes).map_err(bad)?.format;
        if f != Some(STATE_FORMAT) {
            return Err(format!(
                "written by another version of dcsite (state format {}; this one reads format {STATE_FORMAT}, whose mean and sd sums differ): run the scenario again",
                f.unwrap_or(1)
            ));
        }
        let state: State = serde_json::from_slice(bytes).map_err(bad)?;
        state.check()?;
        Ok(state)
    }
}

/// Runs the batches of `opts`: each worker makes its state with `make`, hands it every
/// draw of its batches (sampled, not yet scored) with `per_draw`, calls `end_batch` at the
/// end of each batch; returns the workers' states. The draws are those of [`run`] and
/// [`replay`]; which worker gets which batch varies, so states must combine in any order.
pub(crate) fn run_batches<A: Send>(
    world: &World,
    opts: &Options,
    observer: &dyn Observer,
    make: impl Fn() -> A + Sync,
    per_draw: impl Fn(&World, &mut Draw, &mut A, u64) + Sync,
    end_batch: impl Fn(&mut A) + Sync,
) -> Vec<A> {
    // One worker per thread, each with one state, takes the next batch from a shared
    // counter until none is left: at most one state per thread is alive, whatever the
    // number of batches (rayon's fold would make one per split of the range, and they grow
    // with the sites: m² counters each when every pair is counted). States hold integers
    // only, so which worker drew which batch, and the order of the merges, cannot change
    // the result.
    let batches = opts.batches();
    let next = std::sync::atomic::AtomicU64::new(batches.start);
    let workers =
        rayon::current_num_threads().clamp(1, (batches.end - batches.start).max(1) as usize);
    (0..workers)
        .into_par_iter()
        .map(|_| {
            let (mut state, mut d) = (make(), world.new_draw());
            loop {
                let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if b >= batches.end || observer.cancelled() {
                    break;
                }
                let mut rng = batch_rng(opts.seed, b);
                let mut sampler = world.weight_sampler(&mut rng);
                for k in 0..opts.draws_in(b) {
                    world.sample_inputs(&mut rng, &mut sampler, &mut d);
                    per_draw(world, &mut d, &mut state, b * BATCH + k);
                }
                end_batch(&mut state);
                observer.progress(opts.draws_in(b));
            }
            state
        })
        .collect()
}

/// Runs the first pass (and, for a whole run, the confidence pass). A draw with a NaN or an
/// infinity is recorded in `acc.nonfinite` and skips the confidence pass:
/// [`State::check_finite`] turns it into an error. When [`Observer::cancelled`] turns true
/// the remaining batches are skipped and the state is incomplete: the caller discards it.
pub fn run(world: &World, opts: &Options, observer: &dyn Observer) -> State {
    let first: u64 = opts.batches().map(|b| opts.draws_in(b)).sum();
    observer.start(if opts.shard.is_none() {
        2 * first
    } else {
        first
    });
    let workers = run_batches(
        world,
        opts,
        observer,
        || {
            (
                Accumulator::new(world, opts.ranks),
                Pending::new(world, opts.ranks),
            )
        },
        |w, d, (acc, pending), k| {
            w.finish(d);
            if let Some((i, j, v)) = w.first_nonfinite(d) {
                // Kept out of the accumulators (a sketch cannot hold it); the run fails.
                if acc.nonfinite.is_none_or(|a| k < a.0) {
                    acc.nonfinite = Some((k, i, j, NonFiniteValue(v)));
                }
                return;
            }
            acc.add(d, pending);
        },
        |(acc, pending)| acc.flush(pending),
    );
    let acc = workers
        .into_iter()
        .map(|(acc, _)| acc)
        .reduce(Accumulator::merge)
        .unwrap_or_else(|| Accumulator::new(world, opts.ranks));
    let confidence = (opts.shard.is_none() && acc.nonfinite.is_none())
        .then(|| confidence(world, opts, &acc, observer));
    State::new(opts, acc, confidence)
}

/// The state of a whole run from the merged accumulators of all its batches (the shards of
/// `dcsite merge`): runs the confidence pass, which needs every draw's central weights.
pub fn complete(world: &World, opts: &Options, acc: Accumulator, observer: &dyn Observer) -> State {
    let confidence = Some(confidence(world, opts, &acc, observer));
    State::new(opts, acc, confidence)
}

/// Checks a worker-thread count: 1 to 4 × the logical CPUs.
pub fn check_threads(threads: usize) -> crate::Result<()> {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = 4 * cpus;
    if (1..=max).contains(&threads) {
        return Ok(());
    }
    Err(crate::Problem::new(
        "run",
        "--threads",
        format!("must be between 1 and {max} (4 × the {cpus} logical CPUs)"),
    )
    .value(threads)
    .into())
}

/// Runs `f` on a pool of `threads` workers (checked with [`check_threads`]), or on rayon's
/// global pool when `None`. The results do not depend on the thread count.
pub fn with_threads<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> crate::Result<T> {
    let Some(t) = threads else {
        return Ok(f());
    };
    check_threads(t)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(t)
        .build()
        .map_err(|e| crate::Error::Threads {
            threads: t,
            source: Box::new(e),
        })?;
    Ok(pool.install(f))
}

/// Second SMAA-2 pass: the same input draws, each site scored under its central weights
/// (from `acc`, the first pass over all batches), over the batches of `opts`: all of them,
/// or a shard's (the counts of the shards add up to those of the whole pass). In
/// large-site mode it also counts the pairwise winning index among the shortlist of `acc`.
pub fn confidence(
    world: &World,
    opts: &Options,
    acc: &Accumulator,
    observer: &dyn Observer,
) -> Confidence {
    let (m, n) = (world.sites.len(), world.criteria_count());
    // Sites that ever ranked first, and their central weights as columns.
    let firsts: Vec<usize> = (0..m).filter(|&i| acc.firsts(i) > 0).collect();
    let mut columns = nalgebra::DMatrix::zeros(n, firsts.len());
    for (c, &i) in firsts.iter().enumerate() {
        columns
            .column_mut(c)
            .copy_from_slice(&acc.central_weights(i));
    }
    let central = crate::world::CentralWeights::new(firsts, columns);
    let shortlist = acc.shortlist();
    let pairs = !shortlist.is_empty();
    let workers = run_batches(
        world,
        opts,
        observer,
        || Confidence::new(m, shortlist.clone()),
        |w, d, counts, _| {
            if central.sites.is_empty() && !pairs {
                return;
            }
            if pairs {
                // The draw ranked under its own weights, as in the first pass (which skips
                // the draws that rank no site).
                w.finish(d);
                if d.feasible.iter().any(|&f| f) {
                    counts.count_pairs(&d.rank);
                }
            } else {
                w.feasibility(d);
            }
            w.central_wins(d, &central);
            for (&i, &won) in central.sites.iter().zip(&d.wins) {
                counts.hits[i] += u64::from(won);
            }
        },
        Confidence::flush,
    );
    workers
        .into_iter()
        .reduce(|a, b| a.merge(&b))
        .unwrap_or_else(|| Confidence::new(m, shortlist))
}

/// Replays the first `n` draws of `batches` (a run's, or a shard's range of them) of a run of
/// `draws` draws with `seed`, in order, handing each to `f` with its index in the whole run.
/// The draws are those of [`run`]: same batches, same generators.
pub fn replay(
    world: &World,
    seed: u64,
    draws: u64,
    batches: std::ops::Range<u64>,
    n: u64,
    mut f: impl FnMut(u64, &Draw),
) {
    let mut d = world.new_draw();
    let mut left = n;
    for b in batches {
        let mut rng = batch_rng(seed, b);
        let mut sampler = world.weight_sampler(&mut rng);
        for index in b * BATCH..(b * BATCH + BATCH).min(draws) {
            if left == 0 {
                return;
            }
            left -= 1;
            world.sample(&mut rng, &mut sampler, &mut d);
            f(index, &d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_streams_differ_and_repeat() {
        use rand::RngCore;
        let (mut a, mut b, mut c) = (batch_rng(1, 0), batch_rng(1, 1), batch_rng(1, 0));
        let (x, y, z) = (a.next_u64(), b.next_u64(), c.next_u64());
        assert_ne!(x, y);
        assert_eq!(x, z);
    }

    #[test]
    fn shards_cover_all_batches_once() {
        for draws in [1, 499, 500, 501, 10_000, 12_345] {
            let n = 3;
            let mut covered = Vec::new();
            for k in 1..=n {
                let o = Options {
                    draws,
                    seed: 0,
                    shard: Some((k, n)),
                    ranks: Ranks::all(3),
                };
                covered.extend(o.batches());
            }
            let whole = Options {
                draws,
                seed: 0,
                shard: None,
                ranks: Ranks::all(3),
            };
            assert_eq!(covered, whole.batches().collect::<Vec<_>>());
        }
    }
}

#[cfg(test)]
mod correctness {
    //! The engine against results known independently of it.
    use super::*;
    use crate::{Scenario, World};
    use proptest::prelude::*;

    /// A world from a sites CSV and a model's criteria (TOML), with unknown weights.
    fn world(sites_csv: &str, criteria: &str, weights: &str) -> World {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sites.csv"), sites_csv).unwrap();
        std::fs::write(
            dir.path().join("m.toml"),
            format!("name = \"m\"\n{criteria}"),
        )
        .unwrap();
        let sc = format!(
            "name = \"t\"\nmodel = \"m.toml\"\n[data]\nsites = \"sites.csv\"\n[weights]\nmode = \"{weights}\"\n"
        );
        let path = dir.path().join("s.toml");
        std::fs::write(&path, sc).unwrap();
        World::build(Scenario::load(&path).unwrap()).unwrap()
    }

    fn opts(w: &World, draws: u64) -> Options {
        Options {
            draws,
            seed: 7,
            shard: None,
            ranks: Ranks::all(w.sites.len()),
        }
    }

    #[test]
    fn two_alternatives_with_known_win_probability() {
        // A ~ N(1, 1), B ~ N(0, 1), more is better: P(A first) = Φ(1/√2) = 0.760250.
        let w = world(
            "id,v,v_sd\na,1,1\nb,0,1\n",
            "[[criteria]]\nid = \"v\"\ncolumn = \"v\"\ndirection = \"max\"\nweight = 1\n",
            "exact",
        );
        let r = run(&w, &opts(&w, 40_000), &Silent);
        let p = r.acc.acceptability(0, 0);
        let se = (0.76025 * 0.23975 / 40_000.0f64).sqrt();
        assert!((p - 0.760250).abs() < 4.0 * se, "P(A first) = {p}");
        assert_eq!(
            r.acc.rank_counts[0] + r.acc.rank_counts[2],
            40_000,
            "someone is first each draw"
        );
    }

    #[test]
    fn exact_acceptabilities_with_unknown_weights() {
        // Normalised values A = (1, 0), B = (0, 1), C = (0.6, 0.6); weights (t, 1 − t) with
        // t ~ U(0, 1). Scores t, 1 − t, 0.6: A first iff t > 0.6, B iff t < 0.4, C otherwise.
        // A: ranks 1/2/3 with 0.4/0.1/0.5; B the same; C: 0.2/0.8/0.
        // Central weights of A: E[(t, 1 − t) | t > 0.6] = (0.8, 0.2); under them A always wins.
        let w = world(
            "id,x,y\na,1,0\nb,0,1\nc,0.6,0.6\n",
            "[[criteria]]\nid = \"x\"\ncolumn = \"x\"\ndirection = \"max\"\nweight = 1\n\
             [[criteria]]\nid = \"y\"\ncolumn = \"y\"\ndirection = \"max\"\nweight = 1\n",
            "unknown",
        );
        let d = 40_000;
        let r = run(&w, &opts(&w, d), &Silent);
        let expect = [[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]];
        for (i, row) in expect.iter().enumerate() {
            for (k, &b) in row.iter().enumerate() {
                let got = r.acc.acceptability(i, k);
                let se = (b * (1.0 - b) / d as f64).sqrt().max(1e-9);
                assert!(
                    (got - b).abs() < 4.0 * se + 1e-12,
                    "b[{i}][{k}] = {got}, expected {b}"
                );
            }
        }
        let cw = r.acc.central_weights(0);
        assert!(
            (cw[0] - 0.8).abs() < 0.005 && (cw[1] - 0.2).abs() < 0.005,
            "{cw:?}"
        );
        let conf = &r.confidence.as_ref().unwrap().hits;
        assert_eq!(conf[0], d, "A always wins under its central weights");
        // Sums: each site's acceptabilities and each rank's sum to 1.
        for i in 0..3 {
            assert!(((0..3).map(|k| r.acc.acceptability(i, k)).sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(((0..3).map(|s| r.acc.acceptability(s, i)).sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }

    /// The noisy 3-site world of these tests with unknown weights.
    fn noisy() -> World {
        world(
            "id,x,x_sd,y,y_sd\na,1,0.3,0,0.2\nb,0,0.3,1,0.2\nc,0.6,0.1,0.6,0.1\n",
            "[[criteria]]\nid = \"x\"\ncolumn = \"x\"\ndirection = \"max\"\nweight = 1\n\
             [[criteria]]\nid = \"y\"\ncolumn = \"y\"\ndirection = \"max\"\nweight = 1\n",
            "unknown",
        )
    }

    #[test]
    fn positive_criteria_get_positive_noise_with_the_stated_mean_and_sd() {
        // Values 10 and 40 with sd 5 and 20 (50 %): lognormal, same mean and sd, never ≤ 0.
        let w = world(
            "id,v,v_sd\na,10,5\nb,40,20\n",
            "[[criteria]]\nid = \"v\"\ncolumn = \"v\"\ndirection = \"min\"\nweight = 1\n",
            "exact",
        );
        let r = run(&w, &opts(&w, 40_000), &Silent);
        for (i, (mean, sd)) in [(10.0, 5.0), (40.0, 20.0)].into_iter().enumerate() {
            let m = &r.acc.values[i];
            assert!(
                (m.mean() - mean).abs() < 4.0 * sd / 200.0,
                "mean {}",
                m.mean()
            );
            assert!((m.sd() - sd).abs() < 0.03 * sd, "sd {}", m.sd());
            assert!(r.acc.value_sketch[i].quantile(0.0) > 0.0);
        }
    }

    #[test]
    fn a_non_finite_value_is_an_error_naming_site_criterion_and_draw() {
        let mut w = world(
            "id,v,u\na,1,1\nb,2,1\n",
            "[[criteria]]\nid = \"v\"\ncolumn = \"v\"\ndirection = \"max\"\nweight = 1\n\
             [[criteria]]\nid = \"u\"\ncolumn = \"u\"\ndirection = \"max\"\nweight = 1\n",
            "unknown",
        );
        w.base[(1, 1)] = f64::INFINITY;
        let r = run(&w, &opts(&w, 1_200), &Silent);
        let e = r.check_finite(&w).unwrap_err();
        assert!(!e.is_input());
        assert_eq!(
            e.to_string(),
            "draw 0: site b, criterion u = inf: not a finite number; no results written (please report it with the scenario)"
        );
        assert_eq!(r.acc.draws, 0, "no draw with it is accumulated");
        assert!(r.confidence.is_none());
    }

    #[test]
    fn accumulators_alive_do_not_grow_with_draws() {
        // m² counters each: a run makes one per worker thread and pass, however many batches.
        let w = world(
            "id,v,v_sd\na,1,1\nb,2,1\nc,3,1\nd,4,1\ne,5,1\nf,6,1\ng,7,1\n",
            "[[criteria]]\nid = \"v\"\ncolumn = \"v\"\ndirection = \"max\"\nweight = 1\n",
            "exact",
        );
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        use std::sync::atomic::Ordering::SeqCst;
        SEVEN_SITE_ACCUMULATORS.store(0, SeqCst);
        pool.install(|| run(&w, &opts(&w, 50 * BATCH), &Silent));
        let made = SEVEN_SITE_ACCUMULATORS.load(SeqCst);
        assert!(made <= 4, "{made} accumulators for 50 batches on 2 threads");
    }

    #[test]
    fn large_site_mode_holds_m_times_k_counters_whatever_the_draws() {
        // Seven sites, ranks 1..2 and a shortlist of 3: m·k rank counters, no m² pairwise
        // counters, and the same sizes after 20× the draws.
        let w = world(
            "id,v,v_sd\na,1,1\nb,2,1\nc,3,1\nd,4,1\ne,5,1\nf,6,1\ng,7,1\n",
            "[[criteria]]\nid = \"v\"\ncolumn = \"v\"\ndirection = \"max\"\nweight = 1\n",
            "exact",
        );
        let sizes = |draws| {
            let mut o = opts(&w, draws);
            o.ranks = Ranks::resolve(7, Some(2), Some(3));
            let s = run(&w, &o, &Silent);
            let c = s.confidence.expect("a whole run");
            assert_eq!(c.shortlist.len(), 3);
            let buckets: usize = s
                .acc
                .score_sketch
                .iter()
                .chain(&s.acc.value_sketch)
                .map(|k| k.pos.counts.len() + k.neg.counts.len())
                .sum();
            assert!(buckets <= 2 * MAX_BUCKETS * (7 + 7));
            (
                s.acc.rank_counts.len(),
                s.acc.pairwise.len(),
                s.acc.rank_sum.len(),
                c.pairwise.len(),
            )
        };
        assert_eq!(sizes(1_000), (14, 0, 7, 9));
        assert_eq!(sizes(20_000), (14, 0, 7, 9));
    }

    #[test]
    fn identical_results_with_one_or_two_threads() {
        let w = noisy();
        let on = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| run(&w, &opts(&w, 5_000), &Silent))
        };
        assert_eq!(on(1), on(2));
    }

    #[test]
    fn memory_does_not_grow_with_draws() {
        // The state is fixed-size counters plus sketch buckets, whose number grows only with
        // the logarithm of the sampled range: the normal tails (±3.3 sd at 10³ draws, ±4.3
        // at 10⁵) and, for values that cross zero, ever smaller magnitudes down to the 1e-12
        // zero floor, which caps it. 100× the draws must stay far below 100× the buckets.
        let w = noisy();
        let buckets = |d| {
            let a = run(&w, &opts(&w, d), &Silent).acc;
            let n = |s: &Sketch| s.pos.counts.len() + s.neg.counts.len();
            a.score_sketch
                .iter()
                .chain(&a.value_sketch)
                .map(n)
                .sum::<usize>()
        };
        let (small, large) = (buckets(1_000), buckets(100_000));
        assert!(
            (large as f64) < 2.0 * small as f64,
            "{small} -> {large} buckets"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn a_dominated_site_never_ranks_first(
            vals in proptest::collection::vec(0.0f64..100.0, 9),
            gap in proptest::collection::vec(0.1f64..10.0, 3),
        ) {
            // Sites a, b, c free; d strictly worse than a on every criterion (x, y max; z min).
            let row = |v: &[f64]| format!("{},{},{}", v[0], v[1], v[2]);
            let d = [vals[0] - gap[0], vals[1] - gap[1], vals[2] + gap[2]];
            let csv = format!("id,x,y,z\na,{}\nb,{}\nc,{}\nd,{}\n", row(&vals[0..3]), row(&vals[3..6]), row(&vals[6..9]), row(&d));
            let crit = "[[criteria]]\nid = \"x\"\ncolumn = \"x\"\ndirection = \"max\"\nweight = 1\n\
                        [[criteria]]\nid = \"y\"\ncolumn = \"y\"\ndirection = \"max\"\nweight = 1\n\
                        [[criteria]]\nid = \"z\"\ncolumn = \"z\"\ndirection = \"min\"\nweight = 1\n";
            let w = world(&csv, crit, "unknown");
            let r = run(&w, &opts(&w, 600), &Silent);
            prop_assert_eq!(r.acc.rank_counts[3 * 4], 0);
            prop_assert_eq!(r.acc.pairwise[3], 600, "a always ranks above d");
        }
    }
}
