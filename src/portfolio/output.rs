//! Writers of `dcsite portfolio`: `portfolio.csv`, `assignment.csv`, `assignment.geojson`,
//! `portfolio_robustness.csv` (schemas in `docs/portfolio.md`) and the terminal summary.

use std::fmt::Write as _;

use crate::report::{Csv, num};
use crate::scenario::{Objective, Sla};

use super::{Analysis, KRobustness, Planner, Status};

/// A portfolio's site ids joined by `+`, in candidate order.
fn ids(planner: &Planner<'_>, sites: &[usize]) -> String {
    sites
        .iter()
        .map(|&i| planner.world.sites[i].id.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

fn objective_unit(planner: &Planner<'_>) -> &'static str {
    match planner.settings.objective {
        Objective::Cost => "usd_per_year",
        Objective::Score => "score_shortfall",
    }
}

/// Share of draws and its Monte Carlo standard error.
fn share(count: u64, draws: u64) -> (f64, f64) {
    let s = count as f64 / draws as f64;
    (s, (s * (1.0 - s) / draws as f64).sqrt())
}

fn robustness_for(a: &Analysis, k: usize) -> Option<&KRobustness> {
    a.robustness.iter().find(|r| r.k == k)
}

/// The output files, name and bytes.
pub fn files(planner: &Planner<'_>, a: &Analysis) -> Vec<(String, Vec<u8>)> {
    vec![
        ("portfolio.csv".into(), portfolio_csv(planner, a)),
        ("assignment.csv".into(), assignment_csv(planner, a)),
        ("assignment.geojson".into(), assignment_geojson(planner, a)),
        (
            "portfolio_robustness.csv".into(),
            robustness_csv(planner, a),
        ),
    ]
}

fn portfolio_csv(planner: &Planner<'_>, a: &Analysis) -> Vec<u8> {
    let mut csv = Csv::new([
        "k",
        "status",
        "n_sites",
        "sites",
        "objective",
        "objective_unit",
        "lower_bound",
        "gap",
        "marginal",
        "fixed_usd_per_year",
        "energy_usd_per_year",
        "latency_usd_per_year",
        "sla_penalty_usd_per_year",
        "mean_rtt_ms",
        "sla_share",
        "mean_score",
        "share_best",
        "nodes",
        "min_pair_km",
    ]);
    let mut previous: Option<f64> = None;
    for r in &a.results {
        let s = &r.solved;
        let objective = s.portfolio.as_ref().map_or(f64::NAN, |p| p.objective);
        let marginal = previous.map_or(f64::NAN, |prev| objective - prev);
        previous = Some(objective);
        let share_best = match (robustness_for(a, s.k), &s.portfolio) {
            (Some(rb), Some(p)) => share(rb.best.get(&p.sites).copied().unwrap_or(0), a.draws).0,
            _ => f64::NAN,
        };
        let parts = r.parts.unwrap_or_default();
        let part = |v: f64| {
            if r.parts.is_some() {
                num(v)
            } else {
                String::new()
            }
        };
        csv.row([
            s.k.to_string(),
            s.status.as_str().to_owned(),
            s.portfolio
                .as_ref()
                .map_or(String::new(), |p| p.sites.len().to_string()),
            s.portfolio
                .as_ref()
                .map_or(String::new(), |p| ids(planner, &p.sites)),
            num(objective),
            objective_unit(planner).to_owned(),
            if s.lower_bound.is_finite() {
                num(s.lower_bound)
            } else {
                String::new()
            },
            num(s.gap()),
            num(marginal),
            part(parts.fixed_usd_per_year),
            part(parts.energy_usd_per_year),
            part(parts.latency_usd_per_year),
            part(parts.sla_penalty_usd_per_year),
            part(parts.mean_rtt_ms),
            part(parts.sla_share),
            part(parts.mean_score),
            num(share_best),
            s.nodes.to_string(),
            s.portfolio
                .as_ref()
                .and_then(|p| planner.min_pair_km(&p.sites))
                .map_or(String::new(), num),
        ]);
    }
    csv.bytes()
}

fn assignment_csv(planner: &Planner<'_>, a: &Analysis) -> Vec<u8> {
    let mut csv = Csv::new([
        "k",
        "point_id",
        "point_name",
        "country",
        "group",
        "users_share",
        "site_id",
        "site_country",
        "rtt_ms",
        "within_sla",
        "compliant",
        "cost",
    ]);
    let n = planner.users.points.len();
    let sla = planner.world.scenario.facility.latency_sla_ms;
    for r in &a.results {
        let Some(p) = &r.solved.portfolio else {
            continue;
        };
        for (q, &i) in p.assign.iter().enumerate() {
            let pt = &planner.users.points[q];
            let site = &planner.world.sites[i];
            let rtt = a.base.rtt_ms[i * n + q];
            csv.row([
                r.solved.k.to_string(),
                pt.id.clone(),
                pt.name.clone(),
                pt.country.clone(),
                planner.users.names[pt.group].clone(),
                num(a.base.weight[q]),
                site.id.clone(),
                site.country.clone(),
                num(rtt),
                (rtt <= sla).to_string(),
                a.base.law_ok[i * n + q].to_string(),
                num(a.base.instance.cost[i * n + q]),
            ]);
        }
    }
    csv.bytes()
}

/// `assignment.geojson`: for each K with a portfolio, a Point per chosen site (`kind`
/// `site`), a Point per user point (`user`) and a line from each user point to the site
/// serving it (`link`), all with the properties of `assignment.csv` (`null` where they do
/// not apply). Sites without coordinates have no site point and no lines.
fn assignment_geojson(planner: &Planner<'_>, a: &Analysis) -> Vec<u8> {
    use crate::report::geojson::{collection, feature, line, point};
    use serde_json::{Value, json};
    let n = planner.users.points.len();
    let sla = planner.world.scenario.facility.latency_sla_ms;
    let mut features = Vec::new();
    for r in &a.results {
        let Some(p) = &r.solved.portfolio else {
            continue;
        };
        let k = r.solved.k;
        for &i in &p.sites {
            let site = &planner.world.sites[i];
            let served: f64 = p
                .assign
                .iter()
                .enumerate()
                .filter(|&(_, &s)| s == i)
                .map(|(q, _)| a.base.weight[q])
                .sum();
            if site.coords.is_some() {
                features.push(feature(
                    point(site.coords),
                    json!({
                        "k": k, "kind": "site", "point_id": Value::Null,
                        "point_name": Value::Null, "country": Value::Null, "group": Value::Null,
                        "users_share": served, "site_id": site.id, "site_country": site.country,
                        "rtt_ms": Value::Null, "within_sla": Value::Null,
                        "compliant": Value::Null, "cost": Value::Null,
                    }),
                ));
            }
        }
        for (q, &i) in p.assign.iter().enumerate() {
            let pt = &planner.users.points[q];
            let site = &planner.world.sites[i];
            let rtt = a.base.rtt_ms[i * n + q];
            let props = |kind: &str| {
                json!({
                    "k": k, "kind": kind, "point_id": pt.id, "point_name": pt.name,
                    "country": pt.country, "group": planner.users.names[pt.group],
                    "users_share": a.base.weight[q], "site_id": site.id,
                    "site_country": site.country, "rtt_ms": rtt, "within_sla": rtt <= sla,
                    "compliant": a.base.law_ok[i * n + q],
                    "cost": a.base.instance.cost[i * n + q],
                })
            };
            features.push(feature(point(Some((pt.lat, pt.lon))), props("user")));
            if let Some(s) = site.coords {
                features.push(feature(line((pt.lat, pt.lon), s), props("link")));
            }
        }
    }
    collection(features)
}

fn robustness_csv(planner: &Planner<'_>, a: &Analysis) -> Vec<u8> {
    let mut csv = Csv::new([
        "k",
        "kind",
        "id",
        "n_sites",
        "base_case",
        "draws",
        "share",
        "se",
    ]);
    for rb in &a.robustness {
        let base = a
            .results
            .iter()
            .find(|r| r.solved.k == rb.k)
            .and_then(|r| r.solved.portfolio.as_ref())
            .map(|p| p.sites.clone());
        let mut best: Vec<(&Vec<usize>, &u64)> = rb.best.iter().collect();
        best.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        for (sites, &count) in best {
            let (s, se) = share(count, a.draws);
            csv.row([
                rb.k.to_string(),
                "portfolio".into(),
                ids(planner, sites),
                sites.len().to_string(),
                (base.as_ref() == Some(sites)).to_string(),
                count.to_string(),
                num(s),
                num(se),
            ]);
        }
        let mut sites: Vec<usize> = (0..rb.included.len()).collect();
        sites.sort_by(|&x, &y| rb.included[y].cmp(&rb.included[x]).then(x.cmp(&y)));
        for i in sites {
            let (s, se) = share(rb.included[i], a.draws);
            csv.row([
                rb.k.to_string(),
                "site".into(),
                planner.world.sites[i].id.clone(),
                String::new(),
                base.as_ref().is_some_and(|b| b.contains(&i)).to_string(),
                rb.included[i].to_string(),
                num(s),
                num(se),
            ]);
        }
        // `none`: proven to have no portfolio; `not-found`: the heuristic found none.
        for (kind, count) in [("none", rb.infeasible), ("not-found", rb.not_found)] {
            if count == 0 {
                continue;
            }
            let (s, se) = share(count, a.draws);
            csv.row([
                rb.k.to_string(),
                kind.into(),
                String::new(),
                String::new(),
                base.is_none().to_string(),
                count.to_string(),
                num(s),
                num(se),
            ]);
        }
    }
    csv.bytes()
}

/// Money in USD per year, compactly: `12.3 M`.
fn money(x: f64) -> String {
    let a = x.abs();
    if a >= 1e9 {
        format!("{:.2} G", x / 1e9)
    } else if a >= 1e6 {
        format!("{:.2} M", x / 1e6)
    } else if a >= 1e3 {
        format!("{:.1} k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

/// The terminal summary: one line per K, the users by site of the largest K solved, and
/// the robustness of that K.
pub fn table(planner: &Planner<'_>, a: &Analysis) -> String {
    let s = &planner.settings;
    let world = planner.world;
    let sla = world.scenario.facility.latency_sla_ms;
    let cost = s.objective == Objective::Cost;
    let fmt_obj = |x: f64| {
        if cost { money(x) } else { format!("{x:.4}") }
    };
    let mut out = String::new();
    let sla_text = match s.sla {
        Sla::Hard => format!("hard SLA {sla} ms"),
        Sla::Penalty => format!("SLA penalty beyond {sla} ms"),
        Sla::Off => "no SLA".to_owned(),
    };
    let separation = if s.min_separation_km > 0.0 {
        format!("; min separation {} km", s.min_separation_km)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "Portfolios of {} ({} candidates, {} user points; objective {}{}; {sla_text}{separation}):",
        world.scenario.name,
        world.sites.len(),
        planner.users.points.len(),
        s.objective.as_str(),
        if cost {
            ", USD/year"
        } else {
            " = users-weighted 1 − score"
        },
    );
    let _ = writeln!(
        out,
        "{:>3}  {:<40} {:>11} {:>10} {:>9} {:>9} {:>9} {:>9} {:>7} {:>6} {:>7} {:>7}",
        "k",
        "sites",
        "objective",
        "vs k−1",
        "fixed",
        "energy",
        "latency",
        "SLA pen.",
        "RTT ms",
        "score",
        "gap",
        "P(best)"
    );
    let mut previous: Option<f64> = None;
    for r in &a.results {
        let sv = &r.solved;
        let Some(p) = &sv.portfolio else {
            let sites = if sv.k == 1 { "site" } else { "sites" };
            let why = match sv.status {
                Status::Infeasible if r.separation_binds => format!(
                    ": no portfolio of ≤ {} {sites}, each pair ≥ {} km apart, serves every user point; without min_separation_km one does",
                    sv.k, s.min_separation_km
                ),
                Status::Infeasible => format!(
                    ": no portfolio of ≤ {} {sites} serves every user point from a site its residency rules and SLA allow",
                    sv.k
                ),
                _ => String::new(),
            };
            let _ = writeln!(out, "{:>3}  ({}{why})", sv.k, sv.status.as_str());
            previous = None;
            continue;
        };
        let parts = r.parts.unwrap_or_default();
        let delta = previous.map_or(String::new(), |prev| fmt_obj(p.objective - prev));
        previous = Some(p.objective);
        let pbest = robustness_for(a, sv.k).map_or(String::new(), |rb| {
            format!(
                "{:.3}",
                share(rb.best.get(&p.sites).copied().unwrap_or(0), a.draws).0
            )
        });
        let gap = match sv.status {
            Status::Optimal => "exact".to_owned(),
            _ => format!("{:.2}%", 100.0 * sv.gap()),
        };
        let _ = writeln!(
            out,
            "{:>3}  {:<40} {:>11} {:>10} {:>9} {:>9} {:>9} {:>9} {:>7.1} {:>6.3} {:>7} {:>7}",
            sv.k,
            ids(planner, &p.sites),
            fmt_obj(p.objective),
            delta,
            money(parts.fixed_usd_per_year),
            money(parts.energy_usd_per_year),
            money(parts.latency_usd_per_year),
            money(parts.sla_penalty_usd_per_year),
            parts.mean_rtt_ms,
            parts.mean_score,
            gap,
            pbest,
        );
    }
    let Some(last) = a
        .results
        .iter()
        .rev()
        .find(|r| r.solved.portfolio.is_some())
    else {
        return out;
    };
    let p = last.solved.portfolio.as_ref().expect("found above");
    let n = planner.users.points.len();
    let _ = writeln!(out, "\nUsers by site (k = {}):", last.solved.k);
    for &i in &p.sites {
        let (mut w, mut rtt) = (0.0, 0.0);
        let mut groups = vec![0.0; planner.users.names.len()];
        for (q, &j) in p.assign.iter().enumerate() {
            if j == i {
                let wq = a.base.weight[q];
                w += wq;
                rtt += wq * a.base.rtt_ms[i * n + q];
                groups[planner.users.points[q].group] += wq;
            }
        }
        let served: Vec<String> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| **g > 0.0)
            .map(|(g, v)| format!("{} {:.0}%", planner.users.names[g], 100.0 * v / w))
            .collect();
        let _ = writeln!(
            out,
            "  {:<18} {:>6.1}% of users, mean RTT {:>5.1} ms: {}",
            world.sites[i].id,
            100.0 * w,
            if w > 0.0 { rtt / w } else { 0.0 },
            served.join(", ")
        );
    }
    if let Some(rb) = robustness_for(a, last.solved.k) {
        let _ = writeln!(
            out,
            "\nOver {} draws (k = {}), best portfolios:",
            a.draws, rb.k
        );
        let mut best: Vec<(&Vec<usize>, &u64)> = rb.best.iter().collect();
        best.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        for &(sites, &c) in best.iter().take(5) {
            let _ = writeln!(
                out,
                "  {:>6.3}  {}",
                share(c, a.draws).0,
                ids(planner, sites)
            );
        }
        if rb.infeasible > 0 {
            let _ = writeln!(
                out,
                "  {:>6.3}  (none feasible)",
                share(rb.infeasible, a.draws).0
            );
        }
        if rb.not_found > 0 {
            let _ = writeln!(
                out,
                "  {:>6.3}  (none found by the heuristic; one may exist)",
                share(rb.not_found, a.draws).0
            );
        }
        let mut sites: Vec<usize> = (0..rb.included.len())
            .filter(|&i| rb.included[i] > 0)
            .collect();
        sites.sort_by(|&x, &y| rb.included[y].cmp(&rb.included[x]).then(x.cmp(&y)));
        let incl: Vec<String> = sites
            .iter()
            .map(|&i| {
                format!(
                    "{} {:.3}",
                    world.sites[i].id,
                    share(rb.included[i], a.draws).0
                )
            })
            .collect();
        let _ = writeln!(out, "Site inclusion: {}", incl.join(", "));
        if rb.heuristic > 0 {
            let _ = writeln!(
                out,
                "(draws solved by the heuristic: best found, not proven)"
            );
        }
    }
    out
}
