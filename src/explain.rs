//! `dcsite explain SCENARIO SITE`: one site's criteria in the base case — raw value and unit,
//! normalised value, weight and contribution to the score — and the inputs behind them.

use std::fmt::Write;

use crate::error::{Problem, Result};
use crate::factors::Metric;
use crate::mcda::Method;
use crate::scenario::CriterionSource;
use crate::world::World;

/// The index of a candidate, or a problem listing the candidates.
fn site_index(world: &World, site_id: &str) -> Result<usize> {
    let Some(i) = world.sites.iter().position(|s| s.id == site_id) else {
        let ids: Vec<&str> = world.sites.iter().map(|s| s.id.as_str()).collect();
        return Err(Problem::new(
            world.scenario.file.name.clone(),
            "SITE",
            format!(
                "not a candidate of this scenario; candidates: {}",
                ids.join(", ")
            ),
        )
        .value(format!("{site_id:?}"))
        .into());
    };
    Ok(i)
}

/// The explanation as one JSON document (`dcsite explain --json`): the site's base case,
/// one entry per criterion and the inputs behind the values (as text lines).
pub fn explain_json(world: &World, site_id: &str) -> Result<serde_json::Value> {
    let i = site_index(world, site_id)?;
    let mut d = world.new_draw();
    world.base_case(&mut d);
    let site = &world.sites[i];
    let model = &world.scenario.model;
    let r = world.normalized(&d);
    let wsm = world.scenario.method == Method::Wsm;
    let criteria: Vec<serde_json::Value> = model
        .criteria
        .iter()
        .enumerate()
        .map(|(j, c)| {
            serde_json::json!({
                "criterion": c.id,
                "source": c.source.to_string(),
                "value": d.x[(i, j)],
                "unit": c.unit(),
                "direction": c.direction.to_string(),
                "normalized": r[(i, j)],
                "weight": c.weight,
                // Only the weighted sum splits the score into contributions.
                "contribution": wsm.then(|| c.weight * r[(i, j)]),
            })
        })
        .collect();
    let mut text = String::new();
    inputs(world, i, &mut text);
    Ok(serde_json::json!({
        "site_id": site.id,
        "name": site.name,
        "country": site.country,
        "lat": site.coords.map(|c| c.0),
        "lon": site.coords.map(|c| c.1),
        "base_rank": d.rank[i] + 1,
        "sites": world.sites.len(),
        "score_base": d.scores[i],
        "feasible_base": d.feasible[i],
        "broken_rule_base": world.broken_rule(d.broken[i]),
        "method": world.scenario.method.to_string(),
        "normalization": model.normalization.to_string(),
        "criteria": criteria,
        "inputs": text.lines().map(str::trim).collect::<Vec<_>>(),
    }))
}

/// The explanation as text for the terminal.
pub fn explain(world: &World, site_id: &str) -> Result<String> {
    let i = site_index(world, site_id)?;
    let mut d = world.new_draw();
    world.base_case(&mut d);
    let site = &world.sites[i];
    let model = &world.scenario.model;
    let mut out = String::new();
    // What the method reads of each criterion: the normalised value, except for the two
    // methods that read raw values (the model's normalisation does not apply to them).
    let (column, read) = match world.scenario.method {
        Method::Wpm => (
            "ratio",
            "ratios to the best value; the normalisation does not apply".to_owned(),
        ),
        Method::Promethee2 => (
            "net flow",
            "each criterion's net flow; the normalisation does not apply".to_owned(),
        ),
        Method::Wsm | Method::Topsis | Method::Vikor => (
            "normalised",
            format!("{} normalisation", model.normalization),
        ),
    };
    let _ = writeln!(
        out,
        "{} ({}, {}): base-case rank {} of {}, score {:.4} ({} with {}){}",
        site.id,
        site.name,
        site.country,
        d.rank[i] + 1,
        world.sites.len(),
        d.scores[i],
        world.scenario.method,
        read,
        if d.feasible[i] {
            String::new()
        } else {
            format!("; infeasible: {}", world.broken_rule(d.broken[i]))
        }
    );
    if crate::mcda::reference(&d.feasible).is_some() && !d.feasible[i] {
        let _ = writeln!(
            out,
            "screened out: normalised against the feasible sites, its values held to their range"
        );
    }
    // Columns as wide as their longest entry (at least the usual widths).
    let id_w = model
        .criteria
        .iter()
        .map(|c| c.id.chars().count())
        .fold(16, usize::max);
    let unit_w = model
        .criteria
        .iter()
        .map(|c| c.unit().chars().count())
        .fold(10, usize::max);
    let _ = writeln!(
        out,
        "\n{:<id_w$} {:>14} {:<unit_w$} {:<4} {:>10} {:>7} {:>12}",
        "criterion", "value", "unit", "dir", column, "weight", "contribution"
    );
    let r = world.normalized(&d);
    for (j, c) in model.criteria.iter().enumerate() {
        let norm = r[(i, j)];
        // Only the weighted sum splits the score into per-criterion contributions.
        let contribution = if world.scenario.method == Method::Wsm {
            format!("{:.4}", c.weight * norm)
        } else {
            "—".to_owned()
        };
        let _ = writeln!(
            out,
            // The direction is printed unpadded, as it always was (hence `{}`).
            "{:<id_w$} {:>14} {:<unit_w$} {} {:>10.4} {:>7.3} {:>12}",
            c.id,
            fmt_value(d.x[(i, j)]),
            c.unit(),
            c.direction,
            norm,
            c.weight,
            contribution
        );
    }
    let _ = writeln!(out, "\ninputs behind the values:");
    for c in &model.criteria {
        match &c.source {
            CriterionSource::Column { column, .. } => {
                let _ = writeln!(out, "  {}: column {column} of the sites file", c.id);
            }
            CriterionSource::Factor(m) => {
                let _ = writeln!(out, "  {}: {} — {}", c.id, m, m.description());
            }
        }
    }
    inputs(world, i, &mut out);
    Ok(out)
}

fn fmt_value(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e6 || v.abs() < 1e-3) {
        format!("{v:.4e}")
    } else {
        format!("{v:.4}")
    }
}

/// The factor inputs of one site: PUE ← climate, energy ← price and grid, RTT ← the heaviest
/// user points, remoteness ← the nearest metro.
fn inputs(world: &World, i: usize, out: &mut String) {
    let f = &world.factors;
    let fixed_pue = world.scenario.facility.pue;
    if let Some(e) = f.energy() {
        let pue = match fixed_pue {
            Some(p) => format!("design PUE {p} (facility.pue)"),
            None => "PUE from the cooling model".into(),
        };
        let _ = writeln!(
            out,
            "  energy ← {pue}; electricity {:.1} USD/MWh; grid {:.0} gCO2/kWh",
            e.price_usd_mwh[i], e.grid_gco2_kwh[i]
        );
    }
    if let Some(c) = f.cooling() {
        let o = c.at(i, c.warming.central());
        let _ = writeln!(
            out,
            "  cooling ({}) → PUE {:.3}, free cooling {:.0} % of hours, WUE {:.2} L/kWh ← {} at {:.0} m ({:.1} kPa){}{}:",
            c.params.design,
            o.pue,
            100.0 * o.free_cooling_share,
            o.wue_l_kwh,
            c.method[i],
            c.elevation_m[i],
            crate::factors::cooling::pressure_kpa(c.elevation_m[i]),
            if c.info[i].stand_in {
                " (stand-in station more than 50 km away)"
            } else {
                ""
            },
            match c.method[i] {
                crate::factors::cooling::Method::Binned => "; its monthly rows (climate.csv)",
                crate::factors::cooling::Method::Monthly => "",
            }
        );
        let m = &c.months[i];
        let row = |name: &str, v: &dyn Fn(usize) -> f64| {
            let cells: Vec<String> = (0..12).map(|k| format!("{:>6.1}", v(k))).collect();
            format!("    {name:<10} {}", cells.join(""))
        };
        let _ = writeln!(out, "{}", row("t_mean °C", &|k| m[k].t_mean_c));
        let _ = writeln!(out, "{}", row("dewpoint", &|k| m[k].dewpoint_c));
    }
    if let (Some(l), Some(u)) = (f.latency(), f.users()) {
        let mut rtt = vec![0.0; u.points.len()];
        l.rtts(i, l.route_factor.central(), &mut rtt);
        let mut heaviest: Vec<usize> = (0..u.points.len()).collect();
        heaviest.sort_by(|&a, &b| {
            let w = |k: usize| u.shares[u.points[k].group] * u.points[k].weight;
            w(b).total_cmp(&w(a)).then(a.cmp(&b))
        });
        let internet = u.paths.contains(&crate::scenario::LatencyPath::Internet);
        let _ = writeln!(
            out,
            "  latency ← RTT to the heaviest user points (route factor {:.2}{}):",
            l.route_factor.central(),
            if internet {
                format!(
                    "; internet path: × {:.2} / {:.2}, distance-aware overhead",
                    l.params.internet_route_factor, l.params.route_factor
                )
            } else {
                String::new()
            }
        );
        for &k in heaviest.iter().take(5) {
            let p = &u.points[k];
            let _ = writeln!(
                out,
                "    {:<24} {:>6.1} % of users {:>7.0} km routed {:>6.1} ms",
                p.id,
                100.0 * u.shares[p.group] * p.weight,
                l.path_km[i][k],
                rtt[k]
            );
        }
    }
    if let Some(r) = f.remoteness() {
        let _ = writeln!(
            out,
            "  remoteness ← nearest urban agglomeration of ≥ 1 M people: {} at {:.0} km; {:.1} M people within 50 km, {:.1} M within 100 km",
            r.nearest_metro[i], r.nearest_metro_km[i], r.pop_50km_m[i], r.pop_100km_m[i]
        );
    }
    let metrics = world.all_metrics();
    let value = |m: Metric| metrics.iter().find(|(x, _)| *x == m).map(|(_, v)| v[i]);
    if let (Some(g), Some(s)) = (
        value(Metric::GeomagLatDeg),
        value(Metric::PoliticalStability),
    ) {
        let _ = writeln!(
            out,
            "  security ← geomagnetic latitude {g:.1}°, WGI political stability {s:.2}"
        );
    }
}
