//! `dcsite data check`: cross-file consistency of a set of datasets, and the checks of one
//! file on its own that a scenario's own datasets get too.

use super::jurisdictions::{COUNTRY_CODE, destinations, is_country_code, regime, sectors};
use super::ranges::check_ranges;
use super::{
    Cities, Climate, ClimateBins, DataPaths, Jurisdictions, Kind, Sites, Table, load_table,
    uses_bins,
};
use crate::error::{Error, Problem, Problems, Result};

fn collect<T>(problems: &mut Problems, r: Result<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(Error::Invalid(p)) => {
            problems.extend(p);
            None
        }
        Err(e) => {
            problems.push(e.to_problem());
            None
        }
    }
}

/// The checks `data check` makes of one dataset on its own, beyond its loader's: every filled
/// cell of a ranged column within its range ([`RANGES`]) and, in a jurisdictions file, each
/// row's localisation regime (when the file has the column), destination codes and sector
/// codes. A scenario's own datasets get them too ([`DataPaths::parse_for`]).
///
/// [`RANGES`]: super::ranges::RANGES
pub fn check_table(t: &Table, kind: Kind, problems: &mut Problems) {
    check_ranges(t, kind, problems);
    if kind == Kind::Jurisdictions {
        check_regimes(t, problems);
    }
}

fn check_regimes(t: &Table, problems: &mut Problems) {
    let col = t.require("localization").ok();
    for row in 0..t.len() {
        if let Some(col) = col
            && let Err(p) = regime(t, row, col)
        {
            problems.push(p);
        }
        for dest in destinations(t, row).filter(|d| !is_country_code(d)) {
            problems.push(
                Problem::new(
                    &t.name,
                    format!("row {}, column allowed_destinations", row + 1),
                    format!(
                        "each destination must be {COUNTRY_CODE}; codes are separated by spaces"
                    ),
                )
                .line(t.line(row))
                .value(dest),
            );
        }
        problems.push_all(sectors(t, row).filter_map(Result::err));
    }
}

/// The bins and the monthly rows must describe the same climate: for each site in both, each
/// month's mean dry bulb of the bins within 1 °C of `t_mean_c` (1 °C bins shift a mean by far
/// less).
pub fn check_bins_against_climate(b: &ClimateBins, c: &Climate, problems: &mut Problems) {
    let mut ids: Vec<&str> = b.site_ids().collect();
    ids.sort_unstable();
    for id in ids {
        let (Some(months), Some(normals)) = (b.get(id), c.get(id)) else {
            continue;
        };
        for (m, (bins, n)) in months.iter().zip(normals).enumerate() {
            let hours: f64 = bins.iter().map(|x| x.hours).sum();
            let mean = bins.iter().map(|x| x.t_db_c * x.hours).sum::<f64>() / hours;
            if (mean - n.t_mean_c).abs() > 1.0 {
                problems.push(Problem::new(
                    &b.name,
                    format!("site_id {id}, month {}", m + 1),
                    format!(
                        "the bins' mean dry bulb {mean:.1} °C is more than 1 °C from {}'s t_mean_c {}: the two files must describe the same climate (within 1 °C)",
                        c.name, n.t_mean_c
                    ),
                ));
            }
        }
    }
}

/// Checks every dataset and the links between them; returns the number of sites checked.
///
/// Each file's loader (unique ids, 12 months of climate with t_min ≤ t_mean ≤ t_max and dew
/// point ≤ t_mean, whole months of bins, country codes) and [`check_table`]; the bins within
/// 1 °C of the monthly rows ([`check_bins_against_climate`]); the sites' links to the other
/// files (`check_sites`).
pub fn check_datasets(paths: &DataPaths) -> Result<usize> {
    let mut problems = Problems::default();
    let mut load = |kind| {
        let t = collect(&mut problems, load_table(paths, kind).map(|(t, _)| t));
        if let Some(t) = &t {
            check_table(t, kind, &mut problems);
        }
        t
    };
    let (sites, climate, bins, juris, urban) = (
        load(Kind::Sites),
        load(Kind::Climate),
        uses_bins(paths).then(|| load(Kind::ClimateBins)).flatten(),
        load(Kind::Jurisdictions),
        load(Kind::UrbanAreas),
    );
    let sites = sites.and_then(|t| collect(&mut problems, Sites::new(t)));
    let climate = climate.and_then(|t| collect(&mut problems, Climate::new(&t)));
    let bins = bins.and_then(|t| collect(&mut problems, ClimateBins::new(&t)));
    let juris = juris.and_then(|t| collect(&mut problems, Jurisdictions::new(t)));
    if let Some(t) = &urban {
        collect(&mut problems, Cities::new(t));
    }

    if let Some(j) = &juris
        && let Err(p) = j.table.require("localization")
    {
        problems.push(p);
    }
    if let (Some(b), Some(c)) = (&bins, &climate) {
        check_bins_against_climate(b, c, &mut problems);
    }

    if let Some(s) = &sites {
        check_sites(
            s,
            juris.as_ref(),
            climate.as_ref(),
            bins.as_ref(),
            &mut problems,
        );
    }
    let n = sites.map_or(0, |s| s.len());
    problems.into_result(n)
}

/// The links of the sites file to the others: every site with valid coordinates, its country
/// in the jurisdictions file and 12 months of climate; no climate rows or bins of a site the
/// file lacks.
fn check_sites(
    s: &Sites,
    juris: Option<&Jurisdictions>,
    climate: Option<&Climate>,
    bins: Option<&ClimateBins>,
    problems: &mut Problems,
) {
    let rows: Vec<usize> = (0..s.len()).collect();
    if let Err(p) = s.coordinates(&rows) {
        problems.extend(p);
    }
    for row in 0..s.len() {
        let id = &s.ids()[row];
        let country = s.country(row);
        if let Some(j) = juris
            && !j.contains(country)
        {
            problems.push(
                Problem::new(
                    &s.table.name,
                    format!("row {}, column country", row + 1),
                    format!("site {id}: country not in {}", j.table.name),
                )
                .line(s.table.line(row))
                .value(format!("{country:?}")),
            );
        }
        if let Some(c) = climate
            && c.get(id).is_none()
        {
            problems.push(
                Problem::new(
                    &s.table.name,
                    format!("row {}, column id", row + 1),
                    format!("site has no rows in {} (12 months are required)", c.name),
                )
                .line(s.table.line(row))
                .value(id),
            );
        }
    }
    if let Some(c) = climate {
        let mut orphans: Vec<&str> = c.site_ids().filter(|id| s.row(id).is_none()).collect();
        orphans.sort_unstable();
        if !orphans.is_empty() {
            problems.push(orphan_rows(
                &c.name,
                &s.table.name,
                "climate rows",
                &orphans,
            ));
        }
    }
    if let Some(b) = bins {
        let mut ids: Vec<&str> = b.site_ids().collect();
        ids.sort_unstable();
        let orphans: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| s.row(id).is_none())
            .collect();
        if !orphans.is_empty() {
            problems.push(orphan_rows(&b.name, &s.table.name, "bins", &orphans));
        }
    }
}

/// One problem for the rows of `file` whose sites `sites_file` lacks (a renamed or removed
/// site), naming the first few.
fn orphan_rows(file: &str, sites_file: &str, what: &str, ids: &[&str]) -> Problem {
    const SHOWN: usize = 8;
    let more = ids.len().saturating_sub(SHOWN);
    let listed = ids[..ids.len().min(SHOWN)].join(", ");
    let listed = if more > 0 {
        format!("{listed} and {more} more")
    } else {
        listed
    };
    Problem::new(
        file,
        "site_id",
        format!(
            "{what} for {} site(s) not in {sites_file}: {listed}",
            ids.len()
        ),
    )
}
