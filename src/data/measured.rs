//! Measured RTTs (`[data] latency`, `site_id, city_id, rtt_ms`): each row replaces the
//! modelled RTT of one site–city pair.

use std::collections::HashMap;

use super::{Cities, Sites, Table};
use crate::error::{Problem, Problems, Result};

/// The largest measured RTT accepted, ms: more than any path on Earth, even by satellite.
const MAX_RTT_MS: f64 = 10_000.0;

/// The speed of light in vacuum, km per ms.
const LIGHT_KM_PER_MS: f64 = 299.792_458;

/// Checks a measured-RTT table: its three columns, each `rtt_ms` > 0, ≤ 10,000 ms and at
/// least the light-speed round trip between the site and the city, and no
/// (site_id, city_id) pair twice. Returns a warning for each row whose `site_id` is no site
/// of `sites` or whose `city_id` is no city of `cities`: most likely a typo, and the row is
/// ignored (rows for sites that are not candidates, or cities of no user group, are not:
/// one file may serve several scenarios).
pub fn check_measured(t: &Table, sites: &Sites, cities: &Cities) -> Result<Vec<String>> {
    let mut problems = Problems::default();
    let cols =
        ["site_id", "city_id", "rtt_ms"].map(|c| t.require(c).map_err(|p| problems.push(p)).ok());
    let [Some(sc), Some(cc), Some(rc)] = cols else {
        return Err(problems.into());
    };
    let mut first: HashMap<(&str, &str), usize> = HashMap::new();
    let mut warnings = Vec::new();
    for row in 0..t.len() {
        let (site, city) = (t.text(row, sc), t.text(row, cc));
        match rtt_ms(t, row, rc) {
            Err(p) => problems.push(p),
            // No signal goes faster than light in vacuum: 2·d/c is a floor no path beats
            // (fibre is a third slower). Below it the unit is wrong (seconds for ms).
            Ok(v) => {
                let place = sites
                    .row(site)
                    .and_then(|r| sites.coordinates(&[r]).ok())
                    .and_then(|c| c.first().copied())
                    .zip(cities.get(city));
                if let Some(((lat, lon), c)) = place {
                    let km = crate::geo::distance_km(lat, lon, c.lat, c.lon);
                    let floor = 2.0 * km / LIGHT_KM_PER_MS;
                    if v < floor {
                        problems.push(t.cell_problem(
                            row,
                            rc,
                            format!(
                                "faster than light: {site} and {city} are {km:.0} km apart, at least {floor:.1} ms there and back; is the value in ms?"
                            ),
                        ));
                    }
                }
            }
        }
        if let Some(line) = first.insert((site, city), t.line(row)) {
            problems.push(
                Problem::new(
                    &t.name,
                    format!("row {}, columns site_id/city_id", row + 1),
                    format!(
                        "duplicate pair (first on line {line}): one measured RTT per site and city"
                    ),
                )
                .line(t.line(row))
                .value(format!("{site}, {city}")),
            );
        }
        let unknown = [
            (sc, sites.row(site).is_none(), &sites.table.name, "site"),
            (cc, cities.get(city).is_none(), &cities.name, "city"),
        ];
        for (col, _, file, what) in unknown.into_iter().filter(|u| u.1) {
            let p = t.cell_problem(
                row,
                col,
                format!("no {what} of {file} has this id; the row is ignored"),
            );
            warnings.push(p.to_string());
        }
    }
    problems.into_result(warnings)
}

/// A measured RTT: a number > 0 and ≤ [`MAX_RTT_MS`] (no path is faster than light).
fn rtt_ms(t: &Table, row: usize, col: usize) -> Result<f64, Problem> {
    let v = t.number(row, col)?;
    if v > 0.0 && v <= MAX_RTT_MS {
        Ok(v)
    } else {
        Err(t.cell_problem(row, col, format!("must be > 0 and ≤ {MAX_RTT_MS} (ms)")))
    }
}
