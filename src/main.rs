//! The `dcsite` command line: parses arguments, calls the library, prints errors with their
//! cause chain and maps them to exit codes (0 ok, 1 runtime failure, 2 bad input).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

/// `print!` that returns the error of a closed pipe (`dcsite sites | head`) instead of
/// panicking; `main` ends quietly on it.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

#[derive(Parser)]
#[command(
    name = "dcsite",
    version,
    about = "Data-center site selection under uncertainty (Monte Carlo SMAA-2)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The run table's columns, for `dcsite run --help`.
const RUN_TABLE: &str = "\
The table printed (all columns are also in ranking.csv; see docs/outputs.md):
  rank           position: by expected rank, then P(1st), then base-case rank
  site, cc       site name (id) and ISO 3166-1 alpha-2 country
  base           base-case score: central inputs, the model's point weights, no events (higher
                 is better)
  P(1st)         share of the Monte Carlo draws in which the site ranks first (<0.001: in
                 some draws, but fewer than 0.05 %; >0.999: in all but a few)
  E[rank]        mean rank over the draws (1 = best); the best E[rank] need not win most draws;
                 — when no draw has a feasible site (ranking.csv leaves it empty)
  score p05–p95  5th and 95th percentiles of the score over the draws
  feasible       share of draws in which the site meets every rule (> 99.9%: not all)
Without draws (--draws 0) the table shows rank, site, cc, score and feasible (yes, or the
first rule broken).

Then the verdict: the recommended site (feasible in the base case and in at least half of
the draws, the one first in most draws), how often it wins, its closest rival and their
head-to-head share, and the smallest weight change that puts another site first.";

#[derive(Subcommand)]
enum Command {
    /// Rank the scenario's candidate sites and write a run directory.
    #[command(after_long_help = RUN_TABLE)]
    Run {
        scenario: PathBuf,
        /// Output directory [default: runs/<scenario name>/, and
        /// runs/<scenario name>/shard-K-of-N/ for a shard].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Random seed [default: the scenario's, else 42].
        #[arg(long)]
        seed: Option<u64>,
        /// Monte Carlo draws; 0 = base case only [default: the scenario's, else 10000].
        #[arg(long, value_parser = clap::value_parser!(u64).range(..=dcsite::MAX_DRAWS))]
        draws: Option<u64>,
        /// Worker threads, 1 to 4 × the logical CPUs [default: all cores, or RAYON_NUM_THREADS].
        #[arg(long)]
        threads: Option<usize>,
        /// Run only shard K of N (e.g. 2/4); combine shards with `dcsite merge`. `auto`: this
        /// task's shard of a Slurm, Kubernetes or AWS Batch array job, from the environment.
        #[arg(long, value_parser = parse_shard)]
        shard: Option<Shard>,
        /// With --shard auto: how many shards (the array's size); Slurm's own count otherwise.
        #[arg(long, requires = "shard", value_parser = clap::value_parser!(u64).range(1..))]
        shard_count: Option<u64>,
        /// Count rank acceptability for ranks 1..K only, and the pairwise index among a
        /// shortlist (large-site mode) [default: the scenario's `simulation.top_k`; every
        /// rank up to 1000 sites, 100 above].
        #[arg(long, value_parser = at_least_one)]
        top_k: Option<u64>,
        /// Also write the first N draws in long form to draws.csv (for notebooks; a shard: the
        /// first N of its own draws).
        #[arg(long, default_value_t = 0)]
        save_draws: u64,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Do not draw the plots (plots/*.png, *.svg).
        #[arg(long)]
        no_plots: bool,
        /// Also write report.html (one self-contained page).
        #[arg(long)]
        report: bool,
        /// Print one JSON document on standard output instead of text (docs/outputs.md).
        #[arg(long)]
        json: bool,
    },
    /// Write report.html for a run directory: ranking, plots, criteria, provenance.
    Report {
        /// A directory written by `dcsite run` or `dcsite merge`. The scenario comes from its
        /// inputs.json; the datasets (the shipped ones and the scenario's own) must be
        /// unchanged since the run.
        run_dir: PathBuf,
    },
    /// Combine the run directories of shards into the results of the whole run.
    Merge {
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Output directory [default: runs/<scenario name>/].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print one JSON document on standard output instead of text (docs/outputs.md).
        #[arg(long)]
        json: bool,
        /// Merge the shards' first passes only, without the confidence pass (phase 1 of a
        /// two-phase merge; docs/cluster.md).
        #[arg(long, conflicts_with = "confidence")]
        first_pass: bool,
        /// The directories of the confidence shards (`dcsite confidence`) of the one first
        /// pass named before: the final phase of a two-phase merge.
        #[arg(long, num_args = 1..)]
        confidence: Vec<PathBuf>,
    },
    /// One shard of the confidence pass of a first pass (`dcsite merge --first-pass`):
    /// writes its hit counts to OUT/confidence.json.
    Confidence {
        /// The first pass's run directory.
        run_dir: PathBuf,
        /// Shard K of N (e.g. 2/4), or `auto` (from an array job's environment).
        #[arg(long, value_parser = parse_shard)]
        shard: Shard,
        /// With --shard auto: how many shards (the array's size); Slurm's own count otherwise.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
        shard_count: Option<u64>,
        /// Output directory [default: RUN_DIR/confidence-K-of-N/].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check scenario files, their models and the data they use.
    Validate {
        #[arg(required = true)]
        scenarios: Vec<PathBuf>,
        /// Print one JSON document on standard output instead of text (docs/outputs.md).
        #[arg(long)]
        json: bool,
    },
    /// List the shipped (or given) candidate sites.
    Sites {
        /// Only sites in this country (ISO 3166-1 alpha-2).
        #[arg(long)]
        country: Option<String>,
        /// A sites CSV instead of the shipped one.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Print one JSON document on standard output instead of text (docs/outputs.md).
        #[arg(long)]
        json: bool,
    },
    /// Explain one site's criteria: values, normalised values, weights, contributions and
    /// the inputs behind them (base case).
    Explain {
        scenario: PathBuf,
        site: String,
        /// Print one JSON document on standard output instead of text (docs/outputs.md).
        #[arg(long)]
        json: bool,
    },
    /// Choose up to K sites and assign every user point to one (cost or score objective,
    /// residency, latency SLA); solve each K of a range and count over Monte Carlo draws how
    /// often each portfolio is best.
    Portfolio {
        scenario: PathBuf,
        /// Most sites: K, or an inclusive range such as 1..4 [default: the scenario's].
        #[arg(long, value_parser = parse_k)]
        k: Option<dcsite::KRange>,
        /// Output directory [default: runs/<scenario name>/portfolio/].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Random seed [default: the scenario's, else 42].
        #[arg(long)]
        seed: Option<u64>,
        /// Monte Carlo draws for robustness; 0 = base case only [default: the scenario's].
        #[arg(long, value_parser = clap::value_parser!(u64).range(..=dcsite::MAX_DRAWS))]
        draws: Option<u64>,
        /// auto, exact or heuristic [default: the scenario's, else auto].
        #[arg(long, value_parser = parse_solver)]
        solver: Option<dcsite::Solver>,
    },
    /// Modelled round-trip times between two CSVs of points (id, lat, lon[, country]).
    Latency {
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        to: PathBuf,
        /// internet (users to a data centre over the public Internet) or backbone (region to
        /// region on a provider network).
        #[arg(long, default_value = "internet", value_parser = parse_latency_path)]
        path: dcsite::LatencyPath,
        /// Write the CSV here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// How the base-case ranking depends on the weights, the set of sites and the method:
    /// weight sweeps, the smallest weight change that makes another site win, rank reversal
    /// and a comparison of the MCDA methods (CSV files + a summary).
    Sensitivity {
        scenario: PathBuf,
        /// Output directory [default: runs/<scenario name>/sensitivity/].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Steps of each weight sweep (a weight going from 0 to 1): 1 to 10000.
        #[arg(long, default_value_t = dcsite::DEFAULT_STEPS)]
        steps: usize,
    },
    /// Print the JSON Schema (draft-07) of scenario or model files, for editors and tools
    /// (the same as docs/scenario.schema.json and docs/model.schema.json).
    Schema {
        /// scenario or model.
        #[arg(value_parser = parse_schema_kind)]
        kind: dcsite::SchemaKind,
    },
    /// Print a shell completion script (e.g. `dcsite completions bash > ~/.local/share/bash-completion/completions/dcsite`).
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `dcsite man > ~/.local/share/man/man1/dcsite.1`.
    Man,
    /// Work with the datasets.
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
}

#[derive(Subcommand)]
enum DataCommand {
    /// Check the datasets' consistency (ids, countries, months, ranges).
    Check {
        /// A directory with sites.csv, climate.csv, jurisdictions.csv, urban_areas.csv.
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

/// A whole number ≥ 1 (for counts such as `--top-k`), said in words when it is not.
fn at_least_one(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(0) => Err("must be ≥ 1".into()),
        Ok(k) => Ok(k),
        Err(_) => Err("must be a whole number ≥ 1".into()),
    }
}

fn parse_k(s: &str) -> Result<dcsite::KRange, String> {
    dcsite::KRange::parse(s)
}

fn parse_solver(s: &str) -> Result<dcsite::Solver, String> {
    dcsite::Solver::parse(s).ok_or_else(|| {
        format!(
            "allowed: {}",
            <dcsite::Solver as strum::VariantNames>::VARIANTS.join(", ")
        )
    })
}

fn parse_latency_path(s: &str) -> Result<dcsite::LatencyPath, String> {
    dcsite::LatencyPath::parse(s).ok_or_else(|| {
        format!(
            "allowed: {}",
            <dcsite::LatencyPath as strum::VariantNames>::VARIANTS.join(", ")
        )
    })
}

fn parse_schema_kind(s: &str) -> Result<dcsite::SchemaKind, String> {
    dcsite::SchemaKind::parse(s).ok_or_else(|| {
        format!(
            "allowed: {}",
            <dcsite::SchemaKind as strum::VariantNames>::VARIANTS.join(", ")
        )
    })
}

/// The shard `(k, n)` of `--shard` and `--shard-count` of `command` (`run`, `confidence`).
fn resolve_shard(command: &str, shard: Shard, count: Option<u64>) -> dcsite::Result<(u64, u64)> {
    match (shard, count) {
        (Shard::Auto, count) => {
            dcsite::shard_from_env(command, |name| std::env::var(name).ok(), count)
        }
        (Shard::Fixed(_, n), Some(c)) if c != n => Err(dcsite::Problem::new(
            command,
            "--shard-count",
            format!("goes with --shard auto; --shard K/{n} already says {n}"),
        )
        .value(c)
        .into()),
        (Shard::Fixed(k, n), _) => Ok((k, n)),
    }
}

/// `--shard`: K/N, or `auto` (from the array job's environment).
#[derive(Debug, Clone, Copy)]
enum Shard {
    Fixed(u64, u64),
    Auto,
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    if s == "auto" {
        return Ok(Shard::Auto);
    }
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 2/4, or auto")?;
    let (k, n): (u64, u64) = (
        k.parse().map_err(|_| "K must be a whole number")?,
        n.parse().map_err(|_| "N must be a whole number")?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(format!("need 1 ≤ K ≤ N, got {k}/{n}"));
    }
    Ok(Shard::Fixed(k, n))
}

/// The `--json` document of `run` and `merge`: where the run went, its files and its
/// `summary.json` as written.
fn run_json(command: &str, out: &dcsite::RunOutput) -> anyhow::Result<serde_json::Value> {
    let path = out.dir.join("summary.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let summary: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    Ok(serde_json::json!({
        "command": command,
        "ok": true,
        "dir": out.dir.display().to_string(),
        "files": out.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
        "summary": summary,
    }))
}

/// One JSON document, pretty-printed, on standard output.
fn print_json(doc: &serde_json::Value) -> anyhow::Result<ExitCode> {
    let mut text = serde_json::to_vec_pretty(doc).expect("JSON serialises");
    text.push(b'\n');
    print_bytes(&text)
}

/// An error and its causes, as `{:#}` prints them.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(c) = source {
        s += &format!(": {c}");
        source = c.source();
    }
    s
}

/// Writes a generated document to standard output; a closed pipe (`| head`) is not an error.
fn print_bytes(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("writing to standard output"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// A progress bar on stderr, fed by the engine.
struct Bar(ProgressBar);

impl dcsite::simulate::Observer for Bar {
    fn start(&self, total_draws: u64) {
        self.0.set_length(total_draws);
    }

    fn progress(&self, draws: u64) {
        self.0.inc(draws);
    }
}

/// A command's warnings on stderr, each naming the scenario as `validate`'s do.
fn warn(scenario: &std::path::Path, warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {}: {w}", scenario.display());
    }
}

/// The end of every command that writes a directory: its warnings, then where it wrote.
fn finish(
    scenario: &std::path::Path,
    warnings: &[String],
    dir: &std::path::Path,
) -> std::io::Result<()> {
    warn(scenario, warnings);
    outln!("wrote {}", dir.display())
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    dcsite::Simd::check_variable()?;
    // RAYON_NUM_THREADS sets the threads unless --threads does: the same bounds.
    if !matches!(
        cli.command,
        Command::Run {
            threads: Some(_),
            ..
        }
    ) {
        dcsite::check_threads_variable()?;
    }
    match cli.command {
        Command::Run {
            scenario,
            out,
            seed,
            draws,
            threads,
            shard,
            shard_count,
            top_k,
            save_draws,
            quiet,
            no_plots,
            report,
            json,
        } => {
            let mut options = dcsite::RunOptions::new();
            options.draws = draws;
            options.seed = seed;
            options.shard = shard
                .map(|s| resolve_shard("run", s, shard_count))
                .transpose()?;
            options.threads = threads;
            options.top_k = top_k.map(|k| usize::try_from(k).unwrap_or(usize::MAX));
            let req = dcsite::RunRequest {
                scenario,
                out,
                options,
                save_draws,
                no_plots,
                report,
            };
            let show = !quiet && std::io::stderr().is_terminal();
            let bar = ProgressBar::hidden();
            if show {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.set_style(
                    // Both passes count: a whole run evaluates each draw twice.
                    ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} draw evaluations  {rate}  ETA {eta}",
                    )
                    .expect("valid template")
                    .with_key(
                        "rate",
                        |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(w, "{:.0}/s", s.per_sec());
                        },
                    ),
                );
            }
            let observer = Bar(bar);
            let out = dcsite::run(&req, &observer)?;
            observer.0.finish_and_clear();
            if json {
                warn(&req.scenario, &out.warnings);
                return print_json(&run_json("run", &out)?);
            }
            if out.draws == 0 {
                outln!("Base case (deterministic, no Monte Carlo draws):")?;
            } else {
                outln!("{} Monte Carlo draws:", out.draws)?;
            }
            out!("{}", out.table)?;
            out!("{}", out.verdict)?;
            finish(&req.scenario, &out.warnings, &out.dir)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { run_dir } => {
            let path = dcsite::report(&run_dir)?;
            outln!("wrote {}", path.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Merge {
            dirs,
            out,
            json,
            first_pass,
            confidence,
        } => {
            let how = match (first_pass, confidence.is_empty()) {
                (true, _) => dcsite::Merge::FirstPass,
                (false, true) => dcsite::Merge::Whole,
                (false, false) => dcsite::Merge::Confidence(&confidence),
            };
            let out = dcsite::merge(&dirs, out, how)?;
            if json {
                return print_json(&run_json("merge", &out)?);
            }
            outln!("{} Monte Carlo draws (merged):", out.draws)?;
            out!("{}", out.table)?;
            out!("{}", out.verdict)?;
            outln!("wrote {}", out.dir.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Confidence {
            run_dir,
            shard,
            shard_count,
            out,
        } => {
            let shard = resolve_shard("confidence", shard, shard_count)?;
            let path = dcsite::confidence(&run_dir, shard, out, &dcsite::simulate::Silent)?;
            outln!("wrote {}", path.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { scenarios, json } => {
            let mut failed = false;
            if json {
                let files: Vec<serde_json::Value> = scenarios
                    .iter()
                    .map(|path| {
                        let file = path.display().to_string();
                        match dcsite::validate(path) {
                            Ok(n) => serde_json::json!({
                                "file": file, "ok": true, "candidates": n, "error": null, "problems": []
                            }),
                            Err(e) => {
                                failed = true;
                                serde_json::json!({
                                    "file": file, "ok": false, "candidates": null,
                                    "error": chain(&e),
                                    "problems": e.problems(),
                                })
                            }
                        }
                    })
                    .collect();
                print_json(&serde_json::json!({
                    "command": "validate", "ok": !failed, "files": files
                }))?;
                return Ok(if failed {
                    ExitCode::from(2)
                } else {
                    ExitCode::SUCCESS
                });
            }
            for path in scenarios {
                match dcsite::check(&path) {
                    Ok(c) => {
                        for w in &c.warnings {
                            eprintln!("warning: {}: {w}", path.display());
                        }
                        outln!("{}: ok ({} candidate sites)", path.display(), c.candidates)?
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("error: {:#}", anyhow::Error::new(e));
                    }
                }
            }
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Sites {
            country,
            file,
            json,
        } => {
            let rows = dcsite::sites(file, country.as_deref())?;
            if json {
                return print_json(&serde_json::json!({
                    "command": "sites", "ok": true, "sites": rows
                }));
            }
            outln!("{:<18} {:<3} {:>8} {:>9}  name", "id", "cc", "lat", "lon")?;
            for r in &rows {
                outln!(
                    "{:<18} {:<3} {:>8} {:>9}  {}",
                    r.id,
                    r.country,
                    r.lat_text,
                    r.lon_text,
                    r.name
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Portfolio {
            scenario,
            k,
            out,
            seed,
            draws,
            solver,
        } => {
            let req = dcsite::PortfolioRequest {
                scenario,
                out,
                k,
                seed,
                draws,
                solver,
            };
            let out = dcsite::run_portfolio(&req)?;
            out!("{}", out.table)?;
            finish(&req.scenario, &out.warnings, &out.dir)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain {
            scenario,
            site,
            json,
        } => {
            if json {
                let mut doc = serde_json::json!({ "command": "explain", "ok": true });
                let explained = dcsite::explain_json(&scenario, &site)?;
                if let (Some(d), serde_json::Value::Object(e)) = (doc.as_object_mut(), explained) {
                    d.extend(e);
                }
                return print_json(&doc);
            }
            out!("{}", dcsite::explain(&scenario, &site)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Latency {
            from,
            to,
            path,
            out,
        } => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            dcsite::latency(&from, &to, path, out.as_deref(), &mut stdout)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Sensitivity {
            scenario,
            out,
            steps,
        } => {
            let req = dcsite::SensitivityRequest {
                scenario,
                out,
                steps,
            };
            let out = dcsite::run_sensitivity(&req)?;
            out!("{}", out.summary)?;
            finish(&req.scenario, &out.warnings, &out.dir)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "dcsite", &mut out);
            print_bytes(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("rendering the man page")?;
            print_bytes(&out)
        }
        Command::Schema { kind } => print_bytes(dcsite::json_schema_text(kind).as_bytes()),
        Command::Data {
            command: DataCommand::Check { data },
        } => {
            let n = dcsite::data_check(data.as_deref())?;
            outln!("data ok: {n} sites")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Whether the error is stdout's reader going away (`dcsite sites | head`): not a failure.
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

impl Command {
    /// The command's name when it was asked for `--json`.
    fn json(&self) -> Option<&'static str> {
        match self {
            Command::Run { json: true, .. } => Some("run"),
            Command::Merge { json: true, .. } => Some("merge"),
            Command::Validate { json: true, .. } => Some("validate"),
            Command::Sites { json: true, .. } => Some("sites"),
            Command::Explain { json: true, .. } => Some("explain"),
            _ => None,
        }
    }
}

/// The commands that take `--json`, by name.
const JSON_COMMANDS: [&str; 5] = ["run", "merge", "validate", "sites", "explain"];

/// An argument error (unknown flag, a value that does not parse): clap's message on stderr,
/// exit code 2, and with `--json` the same error document as any other failure on stdout.
/// `--help` and `--version` print as usual.
fn argument_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let _ = e.print();
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let command = args
        .first()
        .and_then(|a| a.to_str())
        .and_then(|a| JSON_COMMANDS.iter().find(|&&c| c == a));
    let json = args
        .iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json");
    if let (Some(command), true) = (command, json) {
        // The message's first paragraph, without the tips, usage and `--help` hint after it.
        let text = e.render().to_string();
        let text = text.split("\n\n").next().unwrap_or_default().trim_end();
        let error = text.strip_prefix("error: ").unwrap_or(text);
        let first = error.lines().next().unwrap_or_default();
        let context = |kind| match e.get(kind) {
            Some(ContextValue::String(s)) => Some(s.clone()),
            _ => None,
        };
        // One problem for the argument clap names: its flag, the value given and the reason.
        let problems: Vec<dcsite::Problem> = context(ContextKind::InvalidArg)
            .map(|arg| {
                let flag = arg.split([' ', '=']).next().unwrap_or(&arg).to_owned();
                let reason = std::error::Error::source(&e)
                    .map(|r| r.to_string())
                    .unwrap_or_else(|| first.to_owned());
                let mut p = dcsite::Problem::new(*command, flag, reason);
                p.value = context(ContextKind::InvalidValue).filter(|v| !v.is_empty());
                p
            })
            .into_iter()
            .collect();
        let _ = print_json(&serde_json::json!({
            "command": command,
            "ok": false,
            "error": error,
            "problems": problems,
        }));
    }
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(e),
    };
    let json = cli.command.json();
    match run(cli) {
        Ok(code) => code,
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            let lib = e.downcast_ref::<dcsite::Error>();
            let input = lib.is_some_and(dcsite::Error::is_input);
            if let Some(command) = json {
                // Scripts get the failure as JSON too, with the problems one by one.
                let _ = print_json(&serde_json::json!({
                    "command": command,
                    "ok": false,
                    "error": format!("{e:#}"),
                    "problems": lib.map_or(&[][..], dcsite::Error::problems),
                }));
            }
            ExitCode::from(if input { 2 } else { 1 })
        }
    }
}
