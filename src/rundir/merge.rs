//! Merging shards: the one-step merge, and the two-phase merge (first passes, shards of the
//! confidence pass, their hit counts) of docs/cluster.md.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::stored::RunDir;
use super::{Observer, Run};
use crate::error::{Error, Problem, Result};
use crate::report;
use crate::simulate::{self, State};

impl Run {
    /// Combines the run directories of shards (`RunOptions::shard`) into the whole run:
    /// identical results to a single run with the same seed and draws. The scenario and
    /// model come from the shards' `inputs.json`, and the datasets must be unchanged (same
    /// SHA-256); the confidence factors are computed here, since central weights need every
    /// draw.
    pub fn merge(dirs: &[PathBuf]) -> Result<Run> {
        Run::merge_shards(dirs, true)
    }

    /// The first phase of a two-phase merge: the shards' first passes combined, without the
    /// confidence pass. Its run directory is the input of [`Run::confidence_shard`]; its
    /// confidence factors are empty until [`Run::merge_confidence`].
    pub fn merge_first_pass(dirs: &[PathBuf]) -> Result<Run> {
        Run::merge_shards(dirs, false)
    }

    fn merge_shards(dirs: &[PathBuf], confidence: bool) -> Result<Run> {
        let started = Instant::now();
        let mut parts = Vec::new();
        let mut first: Option<RunDir> = None;
        // (k, n) of each shard, from its summary.json.
        let mut labels = Vec::new();
        for dir in dirs {
            let mut run = RunDir::read(dir)?;
            labels.extend(run.summary.shard.as_deref().and_then(parse_shard));
            if let Some(f) = &first
                && f.summary.scenario.sha256 != run.summary.scenario.sha256
            {
                return Err(Problem::new(
                    &run.summary_name,
                    "scenario.sha256",
                    "shards come from different scenario files",
                )
                .value(&run.summary.scenario.sha256)
                .into());
            }
            // The same scenario text can read a model or data file that changed between
            // shards (an edit between array tasks): every input file must have the same
            // bytes. Only the hashes count: a path typed another way (relative, absolute,
            // from another directory) is the same file.
            let hashes = |r: &RunDir| -> Vec<String> {
                r.summary
                    .input_files
                    .iter()
                    .map(|f| f.sha256.clone())
                    .collect()
            };
            if let Some(f) = &first
                && hashes(f) != hashes(&run)
            {
                let (a, b) = (&f.summary.input_files, &run.summary.input_files);
                let k = (0..a.len().max(b.len()))
                    .find(|&k| a.get(k).map(|x| &x.sha256) != b.get(k).map(|x| &x.sha256))
                    .unwrap_or(0);
                let file = |x: Option<&crate::results::FileRef>| {
                    x.map_or("none".to_owned(), |h| {
                        format!("{} (sha256 {})", h.name, h.sha256)
                    })
                };
                return Err(Problem::new(
                    &run.summary_name,
                    format!("input_files[{k}]"),
                    format!(
                        "shards read different input files: {} here, {} in the first shard; rerun the shards on the same model and data",
                        file(b.get(k)),
                        file(a.get(k))
                    ),
                )
                .into());
            }
            let Some(state) = run.state.take() else {
                return Err(Problem::new(
                    &run.summary_name,
                    "base_case_only",
                    "a base-case run has no draws to merge",
                )
                .into());
            };
            parts.push((run.state_name.clone(), state));
            first.get_or_insert(run);
        }
        let Some(first) = first else {
            return Err(Problem::new("merge", "dirs", "name at least one shard directory").into());
        };
        missing_shards(&labels, parts.len(), Rerun::Run)?;
        let world = first.world()?;
        let (seed, draws) = (parts[0].1.seed, parts[0].1.options_draws);
        let ranks = parts[0].1.acc.ranks;
        parts.sort_by_key(|(_, s)| s.batches.start);
        for (name, s) in &parts {
            if s.seed != seed || s.options_draws != draws {
                return Err(Problem::new(
                    name,
                    "seed/draws",
                    format!(
                        "shards differ: seed {} draws {} vs seed {seed} draws {draws}",
                        s.seed, s.options_draws
                    ),
                )
                .into());
            }
            if s.acc.ranks != ranks || s.acc.sites != world.sites.len() {
                return Err(Problem::new(
                    name,
                    "top_k",
                    format!(
                        "shards differ: {} sites, top {} ranks, shortlist {} vs {} sites, top {} ranks, shortlist {} (run every shard with the same --top-k)",
                        s.acc.sites,
                        s.acc.ranks.top_k,
                        s.acc.ranks.shortlist,
                        world.sites.len(),
                        ranks.top_k,
                        ranks.shortlist
                    ),
                )
                .into());
            }
        }
        let opts = simulate::Options {
            draws,
            seed,
            shard: None,
            ranks,
        };
        let ranges = parts
            .iter()
            .map(|(name, s)| (name.as_str(), s.batches.start, s.batches.end));
        check_cover("shards", "shards", ranges, opts.batches().end)?;
        let acc = parts
            .into_iter()
            .map(|(_, s)| s.acc)
            .reduce(simulate::Accumulator::merge)
            .expect("at least one shard");
        let state = if confidence {
            simulate::complete(&world, &opts, acc, &simulate::Silent)
        } else {
            State::new(&opts, acc, None)
        };
        let mut base = world.new_draw();
        world.base_case(&mut base);
        Run::finish(world, base, Some(state), None, None, started)
    }

    /// Shard `k` of `n` of the confidence pass of a first pass over all batches (a run
    /// directory of `Run::merge_first_pass`, or of a run with `--shard 1/1`): the hit counts
    /// of its batches under the central weights of the whole first pass.
    pub fn confidence_shard(
        &self,
        (k, n): (u64, u64),
        observer: &dyn Observer,
    ) -> Result<ConfidenceShard> {
        let state = self.first_pass("confidence")?;
        let opts = simulate::Options {
            draws: state.options_draws,
            seed: state.seed,
            shard: Some((k, n)),
            ranks: state.acc.ranks,
        };
        let batches = state.options_draws.div_ceil(simulate::BATCH);
        if n > batches {
            return Err(Problem::new(
                "confidence",
                "--shard",
                format!("the run has {batches} batches of draws, so at most {batches} shards"),
            )
            .value(format!("{k}/{n}"))
            .into());
        }
        observer.start(opts.batches().map(|b| opts.draws_in(b)).sum());
        let counts = simulate::confidence(&self.world, &opts, &state.acc, observer);
        let range = opts.batches();
        Ok(ConfidenceShard {
            scenario_sha256: self.world.scenario.file.sha256.clone(),
            first_pass_sha256: first_pass_sha(state),
            shard: [k, n],
            seed: state.seed,
            draws: state.options_draws,
            batches: [range.start, range.end],
            counts,
        })
    }

    /// The last phase of a two-phase merge: this first pass (from `Run::merge_first_pass`)
    /// with the hit counts of every shard of its confidence pass (`confidence.json` in each
    /// of `dirs`): the whole run, byte for byte.
    /// `first` is this first pass's directory, as the user named it, for the command that
    /// makes a missing confidence shard.
    pub fn merge_confidence(mut self, first: &Path, dirs: &[PathBuf]) -> Result<Run> {
        let started = Instant::now();
        let state = self.first_pass("merge")?;
        let sha = first_pass_sha(state);
        let mut parts = Vec::new();
        for dir in dirs {
            let path = dir.join(CONFIDENCE);
            let name = path.display().to_string();
            let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let c: ConfidenceShard = serde_json::from_slice(&bytes).map_err(|e| {
                Problem::new(&name, "", format!("not a dcsite confidence file: {e}"))
            })?;
            if c.first_pass_sha256 != sha {
                return Err(Problem::new(
                    &name,
                    "first_pass_sha256",
                    "computed from another first pass than the one named first",
                )
                .value(&c.first_pass_sha256)
                .into());
            }
            if c.counts.hits.len() != self.world.sites.len() {
                return Err(Problem::new(&name, "hits", "one count per site expected").into());
            }
            let shortlist = state.acc.shortlist();
            let l = shortlist.len();
            if c.counts.shortlist != shortlist || c.counts.pairwise.len() != l * l {
                return Err(Problem::new(
                    &name,
                    "shortlist",
                    format!("the first pass's shortlist of {l} sites and their {} pairwise counts expected", l * l),
                )
                .into());
            }
            parts.push((name, c));
        }
        let labels: Vec<(u64, u64)> = parts
            .iter()
            .map(|(_, c)| (c.shard[0], c.shard[1]))
            .collect();
        missing_shards(&labels, parts.len(), Rerun::Confidence(first))?;
        parts.sort_by_key(|(_, c)| c.batches[0]);
        let total = state.options_draws.div_ceil(simulate::BATCH);
        let ranges = parts
            .iter()
            .map(|(name, c)| (name.as_str(), c.batches[0], c.batches[1]));
        check_cover("confidence shards", "--confidence", ranges, total)?;
        let counts = parts
            .into_iter()
            .map(|(_, c)| c.counts)
            .reduce(|a, b| a.merge(&b))
            .expect("at least one confidence shard");
        let mut state = self.state.take().expect("a first pass has a state");
        state.confidence = Some(counts);
        Run::finish(self.world, self.base, Some(state), None, None, started)
    }

    /// The state of a first pass over all batches without its confidence pass, or an error
    /// for `command`.
    fn first_pass(&self, command: &str) -> Result<&State> {
        let state = self.state.as_ref().filter(|s| {
            s.confidence.is_none()
                && s.batches.start == 0
                && s.batches.end == s.options_draws.div_ceil(simulate::BATCH)
        });
        state.ok_or_else(|| {
            Problem::new(
                command,
                "first pass",
                "name the run directory of `dcsite merge --first-pass` (a first pass over every batch, without its confidence pass)",
            )
            .into()
        })
    }
}

/// The file of a confidence shard's hit counts, in its directory.
const CONFIDENCE: &str = "confidence.json";

/// `confidence.json`: the hit counts of one shard of a confidence pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConfidenceShard {
    pub scenario_sha256: String,
    /// SHA-256 of the first pass's `state.json`: the central weights the hits are under.
    pub first_pass_sha256: String,
    /// `[k, n]`: the k-th of n shards.
    pub shard: [u64; 2],
    pub seed: u64,
    pub draws: u64,
    /// The batches of draws replayed, `[start, end)`.
    pub batches: [u64; 2],
    /// The counts of these batches: per site, draws in which it ranks first under its
    /// central weights (`hits`) and, in large-site mode, the shortlist's pairwise counts.
    #[serde(flatten)]
    pub counts: simulate::Confidence,
}

impl ConfidenceShard {
    /// Writes `dir/confidence.json` (creating `dir`) and returns its path. The temporary
    /// files of an interrupted earlier write there (`.confidence.json.<random>.tmp`) go
    /// first; any other file is left alone.
    pub fn write(&self, dir: &Path) -> Result<PathBuf> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        super::layout::remove_temporaries(dir, &[CONFIDENCE])?;
        let json = serde_json::to_vec_pretty(self).expect("confidence serialises");
        report::write_atomic(dir, CONFIDENCE, &json)
    }
}

fn first_pass_sha(state: &State) -> String {
    crate::data::sha256_hex(&serde_json::to_vec(state).expect("state serialises"))
}

/// Checks that the batch ranges `[start, end)` of `parts` (named, sorted by start) cover
/// `0..total` once: an error naming the first gap or overlap, or the end left uncovered
/// (`what`: "shards" or "confidence shards"; `key`: the key of that last problem).
fn check_cover<'a>(
    what: &str,
    key: &str,
    parts: impl IntoIterator<Item = (&'a str, u64, u64)>,
    total: u64,
) -> Result<()> {
    let mut next = 0;
    for (name, start, end) in parts {
        if start != next {
            return Err(Problem::new(name, "batches", format!("{what} must cover batches without gaps or overlaps; expected batch {next} next, got {start}..{end}")).into());
        }
        next = end;
    }
    if next != total {
        return Err(Problem::new(
            "merge",
            key,
            format!("{what} cover batches 0..{next} of 0..{total}: some shard is missing"),
        )
        .into());
    }
    Ok(())
}

/// "k/n" as written in `summary.json`.
pub(super) fn parse_shard(s: &str) -> Option<(u64, u64)> {
    let (k, n) = s.split_once('/')?;
    Some((k.parse().ok()?, n.parse().ok()?))
}

/// The kind of shard a merge combines, for the command that makes a missing one.
#[derive(Debug, Clone, Copy)]
enum Rerun<'a> {
    /// A shard of a run: `dcsite run SCENARIO --shard K/N`.
    Run,
    /// A shard of the confidence pass of this first pass: `dcsite confidence FP --shard K/N`.
    Confidence(&'a Path),
}

/// Shards of one split (same n) given twice or with some k absent: an error naming them by
/// index, with the command that makes a missing one, so that the failed array tasks can be
/// run again.
fn missing_shards(labels: &[(u64, u64)], parts: usize, rerun: Rerun) -> Result<()> {
    let Some(&(_, n)) = labels.first() else {
        return Ok(());
    };
    if labels.len() != parts || labels.iter().any(|&(_, m)| m != n) {
        return Ok(());
    }
    let mut twice: Vec<String> = (1..=n)
        .filter(|k| labels.iter().filter(|&&(j, _)| j == *k).count() > 1)
        .map(|k| format!("{k}/{n}"))
        .collect();
    twice.dedup();
    if !twice.is_empty() {
        return Err(Problem::new(
            "merge",
            "shards",
            format!(
                "shard{} {} of the split into {n} {} named more than once: name each shard's directory once",
                if twice.len() == 1 { "" } else { "s" },
                twice.join(", "),
                if twice.len() == 1 { "is" } else { "are" },
            ),
        )
        .into());
    }
    let missing: Vec<String> = (1..=n)
        .filter(|k| !labels.iter().any(|&(j, _)| j == *k))
        .map(|k| format!("{k}/{n}"))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let one = missing.len() == 1;
    let (key, what, command, after) = match rerun {
        Rerun::Run => ("shards", "shard", "dcsite run SCENARIO".to_owned(), ""),
        Rerun::Confidence(first) => (
            "--confidence",
            "confidence shard",
            format!("dcsite confidence {}", first.display()),
            " after --confidence",
        ),
    };
    // The exact command when one shard is missing, else the pattern for each.
    let shard = if one {
        missing[0].clone()
    } else {
        format!("K/{n}")
    };
    Err(Problem::new(
        "merge",
        key,
        format!(
            "{what}{} {} of the split into {n} {} missing: run `{command} --shard {shard}`{} and name {} directory{after} too",
            if one { "" } else { "s" },
            missing.join(", "),
            if one { "is" } else { "are" },
            if one { "" } else { " for each" },
            if one { "its" } else { "their" },
        ),
    )
    .into())
}
