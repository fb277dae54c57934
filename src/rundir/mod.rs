//! A run as a value ([`Run`]): simulated from a scenario, written to a run directory, read
//! back from one, or merged from shards. The commands (`run`, `merge`, `report`) and a
//! notebook binding go through it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::error::{Error, Problem, Result};
use crate::report::{self, Summary};
use crate::results::Results;
use crate::simulate::{self, Observer, State};
use crate::world::{Draw, World};
use crate::{Scenario, sensitivity};

mod layout;
pub(crate) use layout::check_writable;
mod merge;
mod stored;

pub use merge::ConfidenceShard;
use merge::parse_shard;
use stored::{Inputs, RunDir};

/// How to run a scenario; unset fields take the scenario's values (draws, seed) or the
/// defaults (all cores, the whole run).
///
/// ```
/// let opts = dcsite::RunOptions::new().draws(500).seed(7).threads(1);
/// assert_eq!(opts.draws, Some(500));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct RunOptions {
    /// Overrides `simulation.draws`; 0 is the base case only.
    pub draws: Option<u64>,
    /// Overrides `simulation.seed`.
    pub seed: Option<u64>,
    /// `(k, n)`: run only the k-th of n shards (1-based); combine them with [`Run::merge`].
    pub shard: Option<(u64, u64)>,
    /// Worker threads, 1 to 4 × the logical CPUs (default: rayon's, all cores).
    pub threads: Option<usize>,
    /// Overrides `simulation.top_k`: count rank acceptability for ranks 1..=k only.
    pub top_k: Option<usize>,
}

impl RunOptions {
    pub fn new() -> RunOptions {
        RunOptions::default()
    }
    pub fn draws(mut self, draws: u64) -> RunOptions {
        self.draws = Some(draws);
        self
    }
    pub fn seed(mut self, seed: u64) -> RunOptions {
        self.seed = Some(seed);
        self
    }
    pub fn shard(mut self, k: u64, n: u64) -> RunOptions {
        self.shard = Some((k, n));
        self
    }
    pub fn threads(mut self, threads: usize) -> RunOptions {
        self.threads = Some(threads);
        self
    }
    pub fn top_k(mut self, top_k: usize) -> RunOptions {
        self.top_k = Some(top_k);
        self
    }
}

/// Which optional files [`Run::write`] writes besides the CSV and JSON files.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct WriteOptions {
    /// `plots/*.png` and `plots/*.svg`.
    pub plots: bool,
    /// `report.html`.
    pub report: bool,
    /// Threads for drawing the plots beside the tables, one figure per thread (1 to 4 × the
    /// logical CPUs, as `--threads`; `None`: rayon's global pool). The files are the same
    /// for any count.
    pub threads: Option<usize>,
    /// `draws.csv` with the first N draws of the run (of a shard: its own first N); 0: none.
    pub save_draws: u64,
}

impl Default for WriteOptions {
    fn default() -> WriteOptions {
        WriteOptions {
            plots: true,
            report: false,
            threads: None,
            save_draws: 0,
        }
    }
}

impl WriteOptions {
    pub fn plots(mut self, plots: bool) -> WriteOptions {
        self.plots = plots;
        self
    }
    pub fn report(mut self, report: bool) -> WriteOptions {
        self.report = report;
        self
    }
    pub fn threads(mut self, threads: Option<usize>) -> WriteOptions {
        self.threads = threads;
        self
    }
    pub fn save_draws(mut self, n: u64) -> WriteOptions {
        self.save_draws = n;
        self
    }
}

/// What writing a run directory produced.
#[derive(Debug)]
#[non_exhaustive]
pub struct RunOutput {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// The ranked table for the terminal.
    pub table: String,
    /// The verdict in words, wrapped for the terminal.
    pub verdict: String,
    pub draws: u64,
    pub warnings: Vec<String>,
}

/// A run: the resolved world, its base case, the engine's accumulators (`None` for the
/// base case only) and the typed [`Results`].
#[derive(Debug)]
pub struct Run {
    world: World,
    base: Draw,
    state: Option<State>,
    results: Results,
    /// The run's `summary.json`: as read back by [`Run::read`], or computed once, when first
    /// needed (the verdict's weight change is not free), so that every writer and the JSON
    /// document on standard output show the same one.
    summary: std::sync::OnceLock<Summary>,
    /// Seconds from the start of the run (reading, simulating) to its results.
    elapsed_s: f64,
}

impl Run {
    /// Validates the options against the scenario, builds the world and simulates. Nothing is
    /// written. Fails on bad input (exit code 2 in the CLI) and on a draw with a non-finite
    /// value (which it names).
    pub fn simulate(scenario: Scenario, opts: &RunOptions, observer: &dyn Observer) -> Result<Run> {
        let started = Instant::now();
        check_options(&scenario, opts)?;
        Run::simulate_world_since(World::build(scenario)?, opts, observer, started)
    }

    /// [`Run::simulate`] of a world already built. Fails with [`Error::Cancelled`] when the
    /// observer cancels the run ([`Observer::cancelled`]).
    pub fn simulate_world(world: World, opts: &RunOptions, observer: &dyn Observer) -> Result<Run> {
        Run::simulate_world_since(world, opts, observer, Instant::now())
    }

    /// [`Run::simulate_world`] of a run that `started` before its world was built (reading the
    /// scenario and the data): `summary.json`'s `wall_time_s` counts from then.
    pub fn simulate_world_since(
        world: World,
        opts: &RunOptions,
        observer: &dyn Observer,
        started: Instant,
    ) -> Result<Run> {
        let (draws, seed) = check_options(&world.scenario, opts)?;
        // The seed the run used (`--seed` over the scenario's), recorded in summary.json also
        // when no draw uses it (`--draws 0`).
        let mut world = world;
        world.scenario.simulation.seed = seed;
        let mut base = world.new_draw();
        world.base_case(&mut base);
        if let Some(bad) = world.first_nonfinite(&base) {
            return Err(world.nonfinite_error(bad, None));
        }
        let sim = simulate::Options {
            draws,
            seed,
            shard: opts.shard,
            ranks: simulate::Ranks::resolve(
                world.sites.len(),
                opts.top_k.or(world.scenario.simulation.top_k),
                world.scenario.simulation.shortlist,
            ),
        };
        let state = match draws {
            0 => None,
            _ => Some(simulate::with_threads(opts.threads, || {
                simulate::run(&world, &sim, observer)
            })?),
        };
        if observer.cancelled() {
            return Err(Error::Cancelled);
        }
        Run::finish(world, base, state, opts.shard, None, started)
    }

    fn finish(
        world: World,
        base: Draw,
        state: Option<State>,
        shard: Option<(u64, u64)>,
        recorded: Option<Summary>,
        started: Instant,
    ) -> Result<Run> {
        if let Some(s) = &state {
            s.check_finite(&world)?;
        }
        let results = Results::new(&world, &base, state.as_ref(), shard);
        Ok(Run {
            world,
            base,
            state,
            results,
            summary: recorded.map(std::sync::OnceLock::from).unwrap_or_default(),
            elapsed_s: started.elapsed().as_secs_f64(),
        })
    }

    /// The typed results.
    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The resolved world the run used.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The engine's accumulators (`state.json`); `None` for the base case only.
    pub fn state(&self) -> Option<&State> {
        self.state.as_ref()
    }

    /// Writes the run directory `dir` (created if needed): the CSV, JSON and GeoJSON files,
    /// `state.json` (for merging), `inputs.json`, the plots, `report.html` and `draws.csv`
    /// as asked, each through a temporary name and a rename, then removes the outputs of an
    /// earlier run into `dir` that this one did not write, and writes `summary.json` last.
    /// An earlier run's `summary.json` is removed before the first file is renamed into
    /// place, so a write that stops half-way leaves a directory without one, which
    /// [`Run::read`] (and so `report` and `merge`) refuses.
    pub fn write(&self, dir: &Path, opts: &WriteOptions) -> Result<RunOutput> {
        let (world, r) = (&self.world, &self.results);
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        layout::prepare(dir)?;
        // inputs.json first: a directory with any of this run's files in it has it, so a run
        // stopped half-way leaves a run directory that the next run may write into
        // (`layout::check_writable`), not one that looks like someone else's files.
        let inputs = serde_json::to_vec_pretty(&Inputs::of(world)).expect("inputs serialise");
        let inputs = report::write_atomic(dir, "inputs.json", &inputs)?;
        // The tables and the plots are independent: the plots (PNG compression most of all)
        // are drawn beside the tables, each figure on its own thread.
        let figures = if opts.plots || opts.report {
            report::plots::figures(world, r)
        } else {
            Vec::new()
        };
        let (tables, drawn) = simulate::with_threads(opts.threads, || {
            rayon::join(
                || self.write_tables(dir),
                || draw(dir, &figures, opts.plots),
            )
        })?;
        let mut files = tables?;
        files.insert(0, inputs);
        let drawn = drawn?;
        if opts.plots && !figures.is_empty() {
            let plots = dir.join("plots");
            std::fs::create_dir_all(&plots).map_err(|source| Error::Write {
                path: plots.clone(),
                source,
            })?;
            for (f, (svg, png)) in figures.iter().zip(&drawn) {
                if let Some(png) = png {
                    files.push(report::write_atomic(
                        &plots,
                        &format!("{}.png", f.name),
                        png,
                    )?);
                }
                files.push(report::write_atomic(
                    &plots,
                    &format!("{}.svg", f.name),
                    svg.as_bytes(),
                )?);
            }
        }
        let summary = self.summary_ref();
        let verdict_text =
            report::verdict::wrap(&format!("Verdict: {}", summary.verdict.text), 100);
        if opts.report {
            let svgs: Vec<String> = drawn.into_iter().map(|(svg, _)| svg).collect();
            let html = report_html(world, r, summary, &figures, &svgs);
            files.push(report::write_atomic(dir, "report.html", html.as_bytes())?);
        }
        let mut warnings = r.warnings.clone();
        if opts.save_draws > 0 {
            match self.draws_csv(opts.save_draws) {
                Some(bytes) => files.push(report::write_atomic(dir, "draws.csv", &bytes)?),
                None => warnings.push(format!(
                    "--save-draws {}: no draws.csv written: with 0 draws the run computes the base case only",
                    opts.save_draws
                )),
            }
        }
        // Stale files go before the summary: with it, the directory is one run's.
        let summary_path = dir.join(layout::SUMMARY);
        files.push(summary_path.clone());
        layout::remove_stale(dir, &files)?;
        let json = serde_json::to_vec_pretty(summary).expect("summary serialises");
        report::write_atomic(dir, layout::SUMMARY, &json)?;
        Ok(RunOutput {
            table: report::terminal_table(world, r, 20),
            verdict: verdict_text,
            dir: dir.to_path_buf(),
            files,
            draws: r.draws(),
            warnings,
        })
    }

    /// The tables, `state.json` and `inputs.json` of [`Run::write`].
    fn write_tables(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let (world, r) = (&self.world, &self.results);
        let mut files = Vec::new();
        for (name, bytes) in report::render(world, r) {
            files.push(report::write_atomic(dir, &name, &bytes)?);
        }
        if let Some(s) = &self.state {
            files.push(report::write_atomic_with(dir, "state.json", |w| {
                serde_json::to_writer(w, s).map_err(std::io::Error::other)
            })?);
        }
        Ok(files)
    }

    /// The tables of the run directory in memory, as [`Run::write`] writes them: file name
    /// (`ranking.csv`, `ranking.geojson`, `acceptability.csv`, …) and bytes.
    pub fn tables(&self) -> Vec<(String, Vec<u8>)> {
        report::render(&self.world, &self.results)
    }

    /// `summary.json` as [`Run::write`] writes it (for a run read back: as it was written).
    pub fn summary(&self) -> serde_json::Value {
        serde_json::to_value(self.summary_ref()).expect("summary serialises")
    }

    fn summary_ref(&self) -> &Summary {
        self.summary.get_or_init(|| {
            let (world, r) = (&self.world, &self.results);
            let verdict = report::verdict::verdict(r, sensitivity::weight_change(world));
            report::summary(world, r, self.elapsed_s, verdict)
        })
    }

    /// The first `n` draws of the run in long form (`draws.csv`), of a shard its own first
    /// `n` (by their indices in the whole run); `None` for the base case only.
    pub fn draws_csv(&self, n: u64) -> Option<Vec<u8>> {
        let s = self.state.as_ref()?;
        Some(report::draws_csv(
            &self.world,
            s.seed,
            s.options_draws,
            s.batches.clone(),
            n,
        ))
    }

    /// Reads a run directory back: its `summary.json`, the scenario and model kept in its
    /// `inputs.json` (the datasets are read again and must be unchanged: same SHA-256) and,
    /// for a Monte Carlo run, its accumulators (`state.json`). The results are those the run
    /// wrote.
    pub fn read(dir: &Path) -> Result<Run> {
        let started = Instant::now();
        let d = RunDir::read(dir)?;
        let world = d.world()?;
        let mut base = world.new_draw();
        world.base_case(&mut base);
        let shard = d.summary.shard.as_deref().and_then(parse_shard);
        Run::finish(world, base, d.state, shard, Some(d.summary), started)
    }

    /// Writes `dir/report.html` (`dcsite report`) and returns its path; the temporary files
    /// an interrupted write of it left there go first, and any other file is left alone.
    pub fn write_report(&self, dir: &Path) -> Result<PathBuf> {
        let html = self.report_html(dir)?;
        layout::remove_temporaries(dir, &["report.html"])?;
        report::write_atomic(dir, "report.html", html.as_bytes())
    }

    /// `report.html` of the run, with the plots redrawn in memory. A run read back keeps the
    /// summary it recorded (its wall time, its verdict).
    pub fn report_html(&self, dir: &Path) -> Result<String> {
        let (world, r) = (&self.world, &self.results);
        let summary = self.summary_ref();
        let figures = report::plots::figures(world, r);
        let svgs: Vec<String> = draw(dir, &figures, false)?
            .into_iter()
            .map(|(svg, _)| svg)
            .collect();
        Ok(report_html(world, r, summary, &figures, &svgs))
    }

    /// The base case: central inputs, the model's weights, no events.
    pub fn base_case(&self) -> &Draw {
        &self.base
    }
}

/// The draws and seed of a run, after checking the options against the scenario.
pub(crate) fn check_options(scenario: &Scenario, opts: &RunOptions) -> Result<(u64, u64)> {
    let draws = opts.draws.unwrap_or(scenario.simulation.draws);
    if draws > simulate::MAX_DRAWS {
        let allowed = format!("at most {} draws", simulate::MAX_DRAWS);
        return Err(Problem::new("run", "draws", allowed).value(draws).into());
    }
    if let Some((k, n)) = opts.shard {
        let batches = draws.div_ceil(simulate::BATCH);
        if draws == 0 {
            return Err(Problem::new(
                "run",
                "--shard",
                "a shard needs draws: with 0 draws the run is the base case only; run it without --shard",
            )
            .value(format!("{k}/{n}"))
            .into());
        }
        if n > batches {
            return Err(Problem::new(
                "run",
                "--shard",
                format!(
                    "{draws} draws make {batches} batch{} of {} draws, so at most {batches} shard{}: every shard needs a batch",
                    if batches == 1 { "" } else { "es" },
                    simulate::BATCH,
                    if batches == 1 { "" } else { "s" },
                ),
            )
            .value(format!("{k}/{n}"))
            .into());
        }
    }
    if let Some(t) = opts.threads {
        simulate::check_threads(t)?;
    }
    if opts.top_k == Some(0) {
        return Err(Problem::new("run", "--top-k", "must be ≥ 1")
            .value(0)
            .into());
    }
    Ok((draws, opts.seed.unwrap_or(scenario.simulation.seed)))
}

/// The environment variable that sets the worker threads when `--threads` (or
/// [`RunOptions::threads`]) is not given: rayon's global pool reads it.
pub const THREADS_VARIABLE: &str = "RAYON_NUM_THREADS";

/// Refuses a value of [`THREADS_VARIABLE`] outside the bounds of `--threads` (1 to 4 × the
/// logical CPUs), and one that is not a whole number or is 0, which rayon would ignore
/// silently (all cores): bad input, checked before any work by the command line (when
/// `--threads` is not given) and by the Python module's `run` (when `threads` is not).
pub fn check_threads_variable() -> Result<()> {
    let value = match std::env::var(THREADS_VARIABLE) {
        Ok(v) => v,
        Err(std::env::VarError::NotPresent) => return Ok(()),
        Err(std::env::VarError::NotUnicode(v)) => v.to_string_lossy().into_owned(),
    };
    let parsed = value.trim().parse::<usize>();
    // The bounds and their wording are `--threads`' own.
    let Err(e) = simulate::check_threads(*parsed.as_ref().unwrap_or(&0)) else {
        return Ok(());
    };
    let allowed = e
        .problems()
        .first()
        .map_or(e.to_string(), |p| p.message.clone());
    let message = match parsed {
        Ok(_) => allowed,
        Err(_) => format!("not a whole number: {allowed}"),
    };
    Err(Problem::new("environment", THREADS_VARIABLE, message)
        .value(format!("{value:?}"))
        .into())
}

/// Each figure as SVG and, with `png`, as PNG: one figure per thread.
fn draw(
    dir: &Path,
    figures: &[report::plots::Figure],
    png: bool,
) -> Result<Vec<(String, Option<Vec<u8>>)>> {
    use rayon::prelude::*;
    figures
        .par_iter()
        .map(|f| {
            let svg = f.svg().map_err(|e| plot_error(dir, e))?;
            let png = png
                .then(|| f.png().map_err(|e| plot_error(dir, e)))
                .transpose()?;
            Ok((svg, png))
        })
        .collect()
}

fn report_html(
    world: &World,
    r: &Results,
    summary: &Summary,
    figures: &[report::plots::Figure],
    svgs: &[String],
) -> String {
    let pairs: Vec<_> = figures
        .iter()
        .zip(svgs.iter().map(String::as_str))
        .collect();
    report::html::render(world, r, summary, &pairs)
}

fn plot_error(dir: &Path, e: report::plots::PlotError) -> Error {
    Error::Write {
        path: dir.join("plots").join(e.plot),
        source: std::io::Error::other(e),
    }
}
