//! Writers: the run directory's CSV and JSON files, the plots, the HTML report and the
//! terminal table.
//!
//! Every file is rendered in memory, written to a hidden temporary name in the output
//! directory and renamed into place, so a crash never leaves half a file. Column names are
//! snake_case with units; numbers are written with Rust's shortest round-trip formatting,
//! so the same results give the same bytes on every machine.

pub mod geojson;
pub mod html;
pub mod plots;
mod summary;
mod table;
pub mod verdict;

pub use summary::{Summary, summary};
pub use table::terminal_table;

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::results::{MonteCarlo, Results};
use crate::scenario::columns;
use crate::world::World;

/// Random characters in a temporary file's name, `.<name>.<random>.tmp`.
const TEMP_RANDOM: usize = 6;

/// Whether `file` is a temporary name [`write_atomic`] gives `name`: `.<name>.<random>.tmp`
/// (left behind when a write was interrupted).
pub fn is_temporary_of(file: &str, name: &str) -> bool {
    file.strip_prefix('.')
        .and_then(|f| f.strip_prefix(name))
        .and_then(|f| f.strip_prefix('.'))
        .and_then(|f| f.strip_suffix(".tmp"))
        .is_some_and(|r| r.len() == TEMP_RANDOM && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Writes `bytes` to `dir/name` through a temporary file and a rename.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    write_atomic_with(dir, name, |w| w.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes to a buffered file, for a file too large to build
/// in memory first (`state.json` of a large-site run: hundreds of MB).
pub fn write_atomic_with(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<PathBuf> {
    let path = dir.join(name);
    let io = |source| Error::Write {
        path: path.clone(),
        source,
    };
    // Dropped (and so deleted) on any error before `persist`.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(".tmp")
        .rand_bytes(TEMP_RANDOM);
    // The mode `File::create` gives (0o666 less the umask), not tempfile's private 0o600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let f = builder.tempfile_in(dir).map_err(io)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    write(&mut w).map_err(io)?;
    let f = w.into_inner().map_err(|e| io(e.into_error()))?;
    f.as_file().sync_all().map_err(io)?;
    f.persist(&path).map_err(|e| io(e.error))?;
    Ok(path)
}

/// A CSV document built in memory.
pub(crate) struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(header: I) -> Csv {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(header.into_iter().map(|s| s.as_ref().to_owned()))
            .expect("writing to memory");
        Csv(w)
    }

    pub fn row<I: IntoIterator<Item = S>, S: AsRef<str>>(&mut self, cells: I) {
        self.0
            .write_record(cells.into_iter().map(|s| s.as_ref().to_owned()))
            .expect("writing to memory");
    }

    pub fn bytes(self) -> Vec<u8> {
        self.0.into_inner().expect("writing to memory")
    }
}

/// `dcsite latency`'s CSV: one row per (from, to) pair, distance and RTT to 0.1, written to
/// `w` row by row as `pairs` yields them.
pub fn write_latency_pairs_csv(
    pairs: impl Iterator<Item = crate::factors::latency::Pair>,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    // The writer's own I/O error, so that a closed pipe stays one (`dcsite latency | head`).
    let io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    };
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w);
    csv.write_record(["from_id", "to_id", "distance_km", "rtt_ms"])
        .map_err(io)?;
    for p in pairs {
        csv.write_record([
            p.from_id.as_str(),
            p.to_id.as_str(),
            &format!("{:.1}", p.distance_km),
            &format!("{:.1}", p.rtt_ms),
        ])
        .map_err(io)?;
    }
    csv.flush()
}

/// `s` cut to `width` characters, with an ellipsis when cut.
pub(crate) fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// A number for a CSV cell: shortest round-trip form, empty for NaN.
pub(crate) fn num(x: f64) -> String {
    if x.is_nan() {
        String::new()
    } else if x == 0.0 {
        "0".into()
    } else {
        format!("{x}")
    }
}

/// A CSV cell for a number that may be undefined: empty when `None` (or NaN).
pub(crate) fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), num)
}

/// All files of a run: name and bytes, in the order they are written.
pub fn render(world: &World, r: &Results) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        ("ranking.csv".to_owned(), ranking(r)),
        ("ranking.geojson".to_owned(), geojson::ranking(r)),
    ];
    if let Some(mc) = &r.monte_carlo {
        files.push(("acceptability.csv".into(), acceptability(r, mc)));
        files.push(("central_weights.csv".into(), central_weights(r)));
        files.push(("pairwise.csv".into(), pairwise(r, mc)));
    }
    files.push(("criteria.csv".into(), criteria(r)));
    files.push(("factors.csv".into(), factors(world)));
    if let Some(l) = latency(world) {
        files.push(("latency.csv".into(), l));
    }
    files
}

fn ranking(r: &Results) -> Vec<u8> {
    let mut header: Vec<String> = columns::RANKING_BASE.map(String::from).into();
    if r.monte_carlo.is_some() {
        header.extend(columns::RANKING_DRAWS.map(String::from));
    }
    header.extend(r.criteria.iter().map(|c| c.id.clone()));
    let mut csv = Csv::new(&header);
    for (k, &i) in r.order.iter().enumerate() {
        let s = &r.sites[i];
        let mut row = vec![
            (k + 1).to_string(),
            s.id.clone(),
            s.name.clone(),
            s.country.clone(),
            opt(s.coords.map(|c| c.0)),
            opt(s.coords.map(|c| c.1)),
            num(s.base.score),
            s.base.feasible.to_string(),
            s.base.broken_rule.clone().unwrap_or_default(),
        ];
        if let Some(st) = &s.stats {
            row.extend([
                num(st.score.mean),
                num(st.score.sd),
                num(st.score.p05),
                num(st.score.p50),
                num(st.score.p95),
                opt(st.expected_rank),
                opt(st.rank_sd),
                num(st.p_first),
                num(st.p_first_se),
                num(st.feasible_share),
                opt(st.confidence_factor),
            ]);
        }
        row.extend(s.base.values.iter().map(|&v| num(v)));
        csv.row(row);
    }
    csv.bytes()
}

fn acceptability(r: &Results, mc: &MonteCarlo) -> Vec<u8> {
    let mut header = vec!["site_id".to_owned()];
    header.extend((1..=mc.ranks_counted()).map(|k| format!("rank_{k}")));
    let mut csv = Csv::new(&header);
    for (s, shares) in r.sites.iter().zip(&mc.acceptability) {
        let mut row = vec![s.id.clone()];
        row.extend(shares.iter().map(|&b| num(b)));
        csv.row(row);
    }
    csv.bytes()
}

fn central_weights(r: &Results) -> Vec<u8> {
    let mut header: Vec<String> = columns::CENTRAL_WEIGHTS.map(String::from).into();
    header.extend(r.criteria.iter().map(|c| c.id.clone()));
    let mut csv = Csv::new(&header);
    for s in &r.sites {
        let st = s.stats.as_ref().expect("statistics with draws");
        let mut row = vec![s.id.clone(), num(st.p_first), opt(st.confidence_factor)];
        match &st.central_weights {
            Some(cw) => row.extend(cw.iter().map(|&w| num(w))),
            None => row.extend(std::iter::repeat_n(String::new(), r.criteria.len())),
        }
        csv.row(row);
    }
    csv.bytes()
}

fn pairwise(r: &Results, mc: &MonteCarlo) -> Vec<u8> {
    let mut header = vec!["site_id".to_owned()];
    header.extend(mc.pairwise_sites.iter().map(|&i| r.sites[i].id.clone()));
    let mut csv = Csv::new(&header);
    for (i, (&s, shares)) in mc.pairwise_sites.iter().zip(&mc.pairwise).enumerate() {
        let mut row = vec![r.sites[s].id.clone()];
        row.extend(shares.iter().enumerate().map(
            |(j, &p)| {
                if i == j { String::new() } else { num(p) }
            },
        ));
        csv.row(row);
    }
    csv.bytes()
}

fn criteria(r: &Results) -> Vec<u8> {
    let mut csv = Csv::new([
        "site_id",
        "criterion",
        "source",
        "unit",
        "direction",
        "weight",
        "base",
        "mean",
        "sd",
        "p05",
        "p50",
        "p95",
    ]);
    for s in &r.sites {
        for (j, c) in r.criteria.iter().enumerate() {
            let mut row = vec![
                s.id.clone(),
                c.id.clone(),
                c.source.clone(),
                c.unit.clone(),
                c.direction.clone(),
                num(c.weight),
                num(s.base.values[j]),
            ];
            match &s.stats {
                Some(st) => {
                    let v = &st.values[j];
                    row.extend([num(v.mean), num(v.sd), num(v.p05), num(v.p50), num(v.p95)]);
                }
                None => row.extend(std::iter::repeat_n(String::new(), 5)),
            }
            csv.row(row);
        }
    }
    csv.bytes()
}

fn factors(world: &World) -> Vec<u8> {
    let mut csv = Csv::new(["site_id", "metric", "value", "unit"]);
    let metrics = world.all_metrics();
    for (i, s) in world.sites.iter().enumerate() {
        for (m, values) in &metrics {
            csv.row([
                s.id.clone(),
                m.name().to_owned(),
                num(values[i]),
                m.unit().to_owned(),
            ]);
        }
    }
    csv.bytes()
}

/// The first `n` draws of `batches` (all of a run's, or a shard's) of a run of `draws`
/// draws with `seed`, in long form: one row per draw, site and criterion, with the draw's
/// global index, the criterion's weight in it and the site's score, rank (empty in a draw
/// in which no site is feasible) and feasibility. The draws are replayed with the run's
/// generators (one per batch, as `simulate::run`), so they are the run's own.
pub fn draws_csv(world: &World, seed: u64, draws: u64, batches: Range<u64>, n: u64) -> Vec<u8> {
    let mut csv = Csv::new([
        "draw",
        "site_id",
        "criterion",
        "value",
        "weight",
        "score",
        "rank",
        "feasible",
    ]);
    let criteria = &world.scenario.model.criteria;
    crate::simulate::replay(world, seed, draws, batches, n, |k, d| {
        // A draw in which no site is feasible ranks no site (as in the run's counts).
        let ranked = d.feasible.iter().any(|&f| f);
        for (i, s) in world.sites.iter().enumerate() {
            for (j, c) in criteria.iter().enumerate() {
                csv.row([
                    k.to_string(),
                    s.id.clone(),
                    c.id.clone(),
                    num(d.x[(i, j)]),
                    num(d.weights[j]),
                    num(d.scores[i]),
                    if ranked {
                        (d.rank[i] + 1).to_string()
                    } else {
                        String::new()
                    },
                    d.feasible[i].to_string(),
                ]);
            }
        }
    });
    csv.bytes()
}

/// Base-case RTT from each site to each user group: weighted mean, min and max.
fn latency(world: &World) -> Option<Vec<u8>> {
    let u = world.factors.users()?;
    world.factors.latency()?;
    let mut csv = Csv::new([
        "site_id",
        "user_group",
        "group_share",
        "mean_rtt_ms",
        "min_rtt_ms",
        "max_rtt_ms",
        "points",
    ]);
    for (i, s) in world.sites.iter().enumerate() {
        let groups = world.factors.group_rtts(i)?;
        for ((name, share), g) in u.names.iter().zip(&u.shares).zip(groups) {
            csv.row([
                s.id.clone(),
                name.clone(),
                num(*share),
                num(g.mean_ms),
                num(g.min_ms),
                num(g.max_ms),
                g.points.to_string(),
            ]);
        }
    }
    Some(csv.bytes())
}
