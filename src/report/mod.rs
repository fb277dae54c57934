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
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::simulate::Results;
use crate::world::{Draw, World};

/// Writes `bytes` to `dir/name` through a temporary file and a rename.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    let io = |source| Error::Write {
        path: path.clone(),
        source,
    };
    // Dropped (and so deleted) on any error before `persist`.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // The mode `File::create` gives (0o666 less the umask), not tempfile's private 0o600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut f = builder.tempfile_in(dir).map_err(io)?;
    f.write_all(bytes).map_err(io)?;
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

/// `dcsite latency`'s CSV: one row per (from, to) pair, distance and RTT to 0.1.
pub fn latency_pairs_csv(pairs: &[crate::factors::latency::Pair]) -> Vec<u8> {
    let mut csv = Csv::new(["from_id", "to_id", "distance_km", "rtt_ms"]);
    for p in pairs {
        csv.row([
            p.from_id.clone(),
            p.to_id.clone(),
            format!("{:.1}", p.distance_km),
            format!("{:.1}", p.rtt_ms),
        ]);
    }
    csv.bytes()
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

/// The warnings of a run: the world's, and the share of draws in which no site was
/// feasible (those draws rank no site).
pub fn warnings(world: &World, results: Option<&Results>) -> Vec<String> {
    let mut out = world.warnings.clone();
    if let Some(r) = results.filter(|r| r.acc.no_feasible > 0) {
        out.push(format!(
            "no site is feasible in {} of {} draws ({:.1} %): those draws rank no site, so P(first) sums to {:.3}",
            r.acc.no_feasible,
            r.acc.draws,
            100.0 * r.acc.no_feasible_share(),
            1.0 - r.acc.no_feasible_share()
        ));
    }
    out
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

/// Site order of the ranking: by expected rank, then P(first), then base-case rank.
pub fn ranking_order(world: &World, base: &Draw, results: Option<&Results>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..world.sites.len()).collect();
    match results {
        Some(r) if r.acc.draws > 0 => order.sort_by(|&a, &b| {
            r.acc
                .expected_rank(a)
                .total_cmp(&r.acc.expected_rank(b))
                .then(
                    r.acc
                        .acceptability(b, 0)
                        .total_cmp(&r.acc.acceptability(a, 0)),
                )
                .then(base.rank[a].cmp(&base.rank[b]))
        }),
        _ => order.sort_by_key(|&i| base.rank[i]),
    }
    order
}

/// All files of a run: name and bytes, in the order they are written.
pub fn render(world: &World, base: &Draw, results: Option<&Results>) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        ("ranking.csv".to_owned(), ranking(world, base, results)),
        (
            "ranking.geojson".to_owned(),
            geojson::ranking(world, base, results),
        ),
    ];
    if let Some(r) = results.filter(|r| r.acc.draws > 0) {
        files.push(("acceptability.csv".into(), acceptability(world, r)));
        files.push(("central_weights.csv".into(), central_weights(world, r)));
        files.push(("pairwise.csv".into(), pairwise(world, r)));
    }
    files.push(("criteria.csv".into(), criteria(world, base, results)));
    files.push(("factors.csv".into(), factors(world)));
    if let Some(l) = latency(world) {
        files.push(("latency.csv".into(), l));
    }
    files
}

fn ranking(world: &World, base: &Draw, results: Option<&Results>) -> Vec<u8> {
    let model = &world.scenario.model;
    let mc = results.filter(|r| r.acc.draws > 0);
    let mut header: Vec<String> = [
        "rank",
        "site_id",
        "name",
        "country",
        "lat",
        "lon",
        "score_base",
        "feasible_base",
        "broken_rule_base",
    ]
    .map(String::from)
    .into();
    if mc.is_some() {
        header.extend(
            [
                "score_mean",
                "score_sd",
                "score_p05",
                "score_p50",
                "score_p95",
                "expected_rank",
                "p_first",
                "p_first_se",
                "feasible_share",
                "confidence_factor",
            ]
            .map(String::from),
        );
    }
    header.extend(model.criteria.iter().map(|c| c.id.clone()));
    let mut csv = Csv::new(&header);
    for (k, i) in ranking_order(world, base, results).into_iter().enumerate() {
        let s = &world.sites[i];
        let mut row = vec![
            (k + 1).to_string(),
            s.id.clone(),
            s.name.clone(),
            s.country.clone(),
            s.coords.map_or(String::new(), |c| num(c.0)),
            s.coords.map_or(String::new(), |c| num(c.1)),
            num(base.scores[i]),
            base.feasible[i].to_string(),
            world.broken_rule(base.broken[i]),
        ];
        if let Some(r) = mc {
            let a = &r.acc;
            let d = a.draws as f64;
            let p1 = a.acceptability(i, 0);
            row.extend([
                num(a.score[i].mean()),
                num(a.score[i].sd()),
                num(a.score_sketch[i].quantile(0.05)),
                num(a.score_sketch[i].quantile(0.5)),
                num(a.score_sketch[i].quantile(0.95)),
                num(a.expected_rank(i)),
                num(p1),
                num((p1 * (1.0 - p1) / d).sqrt()),
                num(a.feasible[i] as f64 / d),
                // Undefined for a site that never ranked first (no central weights).
                r.confidence
                    .as_ref()
                    .filter(|_| a.rank_counts[i * a.sites] > 0)
                    .map_or(String::new(), |c| num(c[i] as f64 / d)),
            ]);
        }
        row.extend((0..model.criteria.len()).map(|j| num(base.x[(i, j)])));
        csv.row(row);
    }
    csv.bytes()
}

fn acceptability(world: &World, r: &Results) -> Vec<u8> {
    let m = world.sites.len();
    let mut header = vec!["site_id".to_owned()];
    header.extend((1..=m).map(|k| format!("rank_{k}")));
    let mut csv = Csv::new(&header);
    for (i, s) in world.sites.iter().enumerate() {
        let mut row = vec![s.id.clone()];
        row.extend((0..m).map(|k| num(r.acc.acceptability(i, k))));
        csv.row(row);
    }
    csv.bytes()
}

fn central_weights(world: &World, r: &Results) -> Vec<u8> {
    let mut header: Vec<String> = ["site_id", "p_first", "confidence_factor"]
        .map(String::from)
        .into();
    header.extend(world.scenario.model.criteria.iter().map(|c| c.id.clone()));
    let mut csv = Csv::new(&header);
    let d = r.acc.draws as f64;
    for (i, s) in world.sites.iter().enumerate() {
        let cw = r.acc.central_weights(i);
        let mut row = vec![
            s.id.clone(),
            num(r.acc.acceptability(i, 0)),
            r.confidence.as_ref().map_or(String::new(), |c| {
                if cw.is_empty() {
                    String::new()
                } else {
                    num(c[i] as f64 / d)
                }
            }),
        ];
        if cw.is_empty() {
            row.extend(std::iter::repeat_n(String::new(), world.criteria_count()));
        } else {
            row.extend(cw.into_iter().map(num));
        }
        csv.row(row);
    }
    csv.bytes()
}

fn pairwise(world: &World, r: &Results) -> Vec<u8> {
    let m = world.sites.len();
    let mut header = vec!["site_id".to_owned()];
    header.extend(world.sites.iter().map(|s| s.id.clone()));
    let mut csv = Csv::new(&header);
    for (i, s) in world.sites.iter().enumerate() {
        let mut row = vec![s.id.clone()];
        row.extend((0..m).map(|j| {
            if i == j {
                String::new()
            } else {
                num(r.acc.pairwise[i * m + j] as f64 / r.acc.draws as f64)
            }
        }));
        csv.row(row);
    }
    csv.bytes()
}

fn criteria(world: &World, base: &Draw, results: Option<&Results>) -> Vec<u8> {
    let model = &world.scenario.model;
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
    let n = model.criteria.len();
    for (i, s) in world.sites.iter().enumerate() {
        for (j, c) in model.criteria.iter().enumerate() {
            let mut row = vec![
                s.id.clone(),
                c.id.clone(),
                c.source.to_string(),
                c.unit().to_owned(),
                c.direction.to_string(),
                num(c.weight),
                num(base.x[(i, j)]),
            ];
            match results.filter(|r| r.acc.draws > 0) {
                Some(r) => {
                    let (m, k) = (&r.acc.values[i * n + j], &r.acc.value_sketch[i * n + j]);
                    row.extend([
                        num(m.mean()),
                        num(m.sd()),
                        num(k.quantile(0.05)),
                        num(k.quantile(0.5)),
                        num(k.quantile(0.95)),
                    ]);
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

/// The first `n` draws of a run in long form: one row per draw, site and criterion, with
/// the draw's weight of the criterion and the site's score, rank and feasibility.
pub fn draws_csv(world: &World, seed: u64, draws: u64, n: u64) -> Vec<u8> {
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
    crate::simulate::replay(world, seed, draws, n, |k, d| {
        for (i, s) in world.sites.iter().enumerate() {
            for (j, c) in criteria.iter().enumerate() {
                csv.row([
                    k.to_string(),
                    s.id.clone(),
                    c.id.clone(),
                    num(d.x[(i, j)]),
                    num(d.weights[j]),
                    num(d.scores[i]),
                    (d.rank[i] + 1).to_string(),
                    d.feasible[i].to_string(),
                ]);
            }
        }
    });
    csv.bytes()
}

/// Base-case RTT from each site to each user group: weighted mean, min and max.
fn latency(world: &World) -> Option<Vec<u8>> {
    let (l, u) = (world.factors.latency()?, world.factors.users()?);
    let mut csv = Csv::new([
        "site_id",
        "user_group",
        "group_share",
        "mean_rtt_ms",
        "min_rtt_ms",
        "max_rtt_ms",
        "points",
    ]);
    let mut rtt = vec![0.0; u.points.len()];
    let rf = l.route_factor.central();
    for (i, s) in world.sites.iter().enumerate() {
        l.rtts(i, rf, &mut rtt);
        for (g, name) in u.names.iter().enumerate() {
            let (mut mean, mut lo, mut hi, mut count) = (0.0, f64::INFINITY, f64::NEG_INFINITY, 0);
            for (p, &r) in u.points.iter().zip(&rtt).filter(|(p, _)| p.group == g) {
                mean += p.weight * r;
                lo = lo.min(r);
                hi = hi.max(r);
                count += 1;
            }
            csv.row([
                s.id.clone(),
                name.clone(),
                num(u.shares[g]),
                num(mean),
                num(lo),
                num(hi),
                count.to_string(),
            ]);
        }
    }
    Some(csv.bytes())
}
