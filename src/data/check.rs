//! `dcsite data check`: cross-file consistency of a set of datasets.

use super::ranges::check_ranges;
use super::{
    Cities, Climate, ClimateBins, DataPaths, Jurisdictions, Kind, Sites, load_table, uses_bins,
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

/// Checks every dataset and the links between them; returns the number of sites checked.
///
/// Unique ids; every filled numeric cell within its column's range ([`RANGES`]); every
/// site's country in the jurisdictions file; 12 months of climate per site with t_min ≤
/// t_mean ≤ t_max and dew point ≤ t_mean; valid localisation regimes and destination codes.
///
/// [`RANGES`]: super::ranges::RANGES
pub fn check_datasets(paths: &DataPaths) -> Result<usize> {
    let mut problems = Problems::default();
    let mut load = |kind| {
        let t = collect(&mut problems, load_table(paths, kind).map(|(t, _)| t));
        if let Some(t) = &t {
            check_ranges(t, kind, &mut problems);
        }
        t
    };
    let (sites, climate, juris, cities, urban) = (
        load(Kind::Sites),
        load(Kind::Climate),
        load(Kind::Jurisdictions),
        load(Kind::Cities),
        load(Kind::UrbanAreas),
    );
    let sites = sites.and_then(|t| collect(&mut problems, Sites::new(t)));
    let climate = climate.and_then(|t| collect(&mut problems, Climate::new(&t)));
    let bins = if uses_bins(paths) {
        collect(
            &mut problems,
            load_table(paths, Kind::ClimateBins).map(|(t, _)| t),
        )
        .and_then(|t| collect(&mut problems, ClimateBins::new(&t)))
    } else {
        None
    };
    let juris = juris.and_then(|t| collect(&mut problems, Jurisdictions::new(t)));
    for t in [&cities, &urban].into_iter().flatten() {
        collect(&mut problems, Cities::new(t));
    }

    if let Some(j) = &juris {
        let t = &j.table;
        for row in 0..t.len() {
            let code = t.text(row, t.require("country").expect("validated"));
            if let Err(p) = j.localization(code, "data check") {
                problems.push(p);
            }
            for dest in j.allowed_destinations(code) {
                if dest.len() != 2 || !dest.bytes().all(|b| b.is_ascii_uppercase()) {
                    problems.push(
                        Problem::new(
                            &t.name,
                            format!("row {}, column allowed_destinations", row + 1),
                            "each destination must be an ISO alpha-2 code",
                        )
                        .line(t.line(row))
                        .value(dest),
                    );
                }
            }
        }
    }

    if let Some(s) = &sites {
        let rows: Vec<usize> = (0..s.len()).collect();
        if let Err(p) = s.coordinates(&rows) {
            problems.extend(p);
        }
        for row in 0..s.len() {
            let id = &s.ids()[row];
            let country = s.country(row);
            if let Some(j) = &juris
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
            if let Some(c) = &climate
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
        if let Some(c) = &climate {
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
        if let Some(b) = &bins {
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
            for id in ids {
                // The bins and the monthly rows must describe the same climate: each month's
                // mean dry bulb within 1 °C (1 °C bins shift a mean by far less).
                if let (Some(months), Some(normals)) =
                    (b.get(id), climate.as_ref().and_then(|c| c.get(id)))
                {
                    for (m, (bins, n)) in months.iter().zip(normals).enumerate() {
                        let hours: f64 = bins.iter().map(|x| x.hours).sum();
                        let mean = bins.iter().map(|x| x.t_db_c * x.hours).sum::<f64>() / hours;
                        if (mean - n.t_mean_c).abs() > 1.0 {
                            problems.push(Problem::new(
                                &b.name,
                                format!("site_id {id}, month {}", m + 1),
                                format!(
                                    "the bins' mean dry bulb {mean:.1} °C is more than 1 °C from climate.csv's t_mean_c {}",
                                    n.t_mean_c
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
    let n = sites.map_or(0, |s| s.len());
    problems.into_result(n)
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
