//! The small commands: `sites`, `latency`, `explain` and `data check`, each a library call
//! that `main.rs` prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::data::{DataPaths, Jurisdictions, Kind, Sites, Table, check_points, load_table};
use crate::error::{Error, Problem, Result};
use crate::factors::latency;
use crate::scenario::LatencyPath;
use crate::{Scenario, World, report};

/// A row of `dcsite sites`: a candidate site as its file gives it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct SiteRow {
    pub id: String,
    pub name: String,
    pub country: String,
    /// Latitude and longitude as written in the file (empty when absent).
    #[serde(skip)]
    pub lat_text: String,
    #[serde(skip)]
    pub lon_text: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// `dcsite sites`: the sites of `file` (default: the shipped `sites.csv`), of one country
/// if given (case-insensitive); a country with no site is an error listing those there are.
pub fn sites(file: Option<PathBuf>, country: Option<&str>) -> Result<Vec<SiteRow>> {
    let paths = DataPaths {
        sites: file,
        ..DataPaths::default()
    };
    let (table, _) = load_table(&paths, Kind::Sites)?;
    let sites = Sites::new(table)?;
    // Every cell in its column's range, as `data check` and `run` read them (a latitude of
    // 135.6 was listed without a word).
    let mut problems = crate::error::Problems::default();
    crate::data::ranges::check_ranges(&sites.table, Kind::Sites, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    if let Some(cc) = country {
        let countries: std::collections::BTreeSet<&str> =
            (0..sites.len()).map(|r| sites.country(r)).collect();
        if !countries.iter().any(|c| c.eq_ignore_ascii_case(cc)) {
            let list: Vec<&str> = countries.into_iter().filter(|c| !c.is_empty()).collect();
            return Err(Problem::new(
                "sites",
                "--country",
                format!(
                    "no site of {} is in this country; its countries: {}",
                    sites.table.name,
                    list.join(", ")
                ),
            )
            .value(cc)
            .into());
        }
    }
    let t = &sites.table;
    Ok((0..sites.len())
        .filter(|&row| country.is_none_or(|c| c.eq_ignore_ascii_case(sites.country(row))))
        .map(|row| SiteRow {
            id: sites.ids()[row].to_string(),
            name: sites.name(row).to_owned(),
            country: sites.country(row).to_owned(),
            lat_text: t.text_or_empty(row, "lat").to_owned(),
            lon_text: t.text_or_empty(row, "lon").to_owned(),
            lat: t.text_or_empty(row, "lat").parse().ok(),
            lon: t.text_or_empty(row, "lon").parse().ok(),
        })
        .collect())
}

/// `dcsite latency`: modelled RTT over `path` (backbone or internet) between every point of
/// `from` and of `to` (CSV files with `id, country, lat, lon`), as CSV: written atomically
/// to `out` when given, else to `stdout`. The rows are written as they are computed, so the
/// memory does not grow with the number of pairs; every input problem is found before the
/// first row.
pub fn latency(
    from: &Path,
    to: &Path,
    path: LatencyPath,
    out: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<()> {
    // Before any work: a matrix can take hours to write, and the rename into a directory
    // would fail only at its end.
    if let Some(path) = out.filter(|p| p.is_dir()) {
        return Err(Problem::new(
            "latency",
            "--out",
            "is a directory: give the CSV file to write (e.g. DIR/latency.csv)",
        )
        .value(path.display())
        .into());
    }
    // A parent that is a file is bad input (exit 2), as for every command's --out; a
    // missing parent directory is created, as `run` creates its output directory.
    if let Some(dir) = out
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
    {
        crate::check_out_dir("latency", dir)?;
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let (from, to) = (read_places(from)?, read_places(to)?);
    let (jt, _) = load_table(&DataPaths::default(), Kind::Jurisdictions)?;
    let pairs = latency::matrix(&from, &to, &Jurisdictions::new(jt)?, path)?;
    let Some(path) = out else {
        return report::write_latency_pairs_csv(pairs, stdout).map_err(|source| Error::Write {
            path: PathBuf::from("<standard output>"),
            source,
        });
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = path.file_name() else {
        return Err(Problem::new("latency", "--out", "needs a file name")
            .value(path.display())
            .into());
    };
    report::write_atomic_with(dir, &name.to_string_lossy(), |w| {
        report::write_latency_pairs_csv(pairs, w)
    })?;
    Ok(())
}

/// The points of one `dcsite latency` file, with every problem of the file: those of
/// [`check_points`] and the reader's, one per cell (two empty ids are two empty ids, not a
/// duplicate).
fn read_places(path: &Path) -> Result<Vec<latency::Place>> {
    let table = Table::read(path)?;
    let mut problems = check_points(&table);
    let more = match latency::places(&table) {
        Ok(places) if problems.is_empty() => return Ok(places),
        Ok(_) => Vec::new(),
        Err(Error::Invalid(p)) => p.0,
        Err(e) => return Err(e),
    };
    let cells: std::collections::HashSet<_> =
        problems.0.iter().map(|p| (p.line, p.key.clone())).collect();
    problems.push_all(
        more.into_iter()
            .filter(|p| !cells.contains(&(p.line, p.key.clone()))),
    );
    Err(Error::Invalid(problems))
}

/// `dcsite explain`: how one site's base-case score comes about, as text.
pub fn explain(scenario: &Path, site: &str) -> Result<String> {
    crate::explain::explain(&World::build(Scenario::load(scenario)?)?, site)
}

/// `dcsite explain --json`: the same as a JSON object.
pub fn explain_json(scenario: &Path, site: &str) -> Result<serde_json::Value> {
    crate::explain::explain_json(&World::build(Scenario::load(scenario)?)?, site)
}

/// [`explain_json`] of a scenario already loaded (from a file, or from TOML text with its
/// datasets in memory: the Python binding's `explain`).
pub fn explain_scenario_json(scenario: Scenario, site: &str) -> Result<serde_json::Value> {
    crate::explain::explain_json(&World::build(scenario)?, site)
}

/// `dcsite data check`: checks the datasets of `dir` (standard file names), or the shipped
/// ones; returns the number of sites.
pub fn data_check(dir: Option<&Path>) -> Result<usize> {
    if let Some(dir) = dir {
        // One problem for the folder, not one per file it should hold.
        let problem = |message: String| {
            Err(Problem::new("data check", "--data", message)
                .value(dir.display())
                .into())
        };
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return problem("is a file, not a directory".into()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return problem("directory not found".into());
            }
            Err(e) => return problem(format!("cannot read: {e}")),
        }
        let urban = Kind::UrbanAreas.file_name();
        if dir.join("cities.csv").exists() && !dir.join(urban).exists() {
            return problem(format!(
                "has a cities.csv, which dcsite no longer reads: the user points come from {urban} (urban agglomerations, one row each, not overlapping; same columns), which serves remoteness too"
            ));
        }
    }
    let paths = dir.map(DataPaths::from_dir).unwrap_or_default();
    crate::data::check_datasets(&paths)
}
