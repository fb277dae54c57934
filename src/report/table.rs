//! The ranked table printed by `dcsite run` (fits 100 columns).

use std::fmt::Write;

use super::{clip, ranking_order};
use crate::simulate::Results;
use crate::world::{Draw, World};

/// Rank, site, country, base score, and with draws P(first), expected rank, score p05–p95
/// and feasible share; at most `limit` rows.
pub fn terminal_table(
    world: &World,
    base: &Draw,
    results: Option<&Results>,
    limit: usize,
) -> String {
    let mut out = String::new();
    if let Some(a) = world.scenario.weights.ahp() {
        let p = &a.priorities;
        let weights: Vec<String> = world
            .scenario
            .model
            .criteria
            .iter()
            .zip(&p.weights)
            .map(|(c, w)| format!("{}={w:.3}", c.id))
            .collect();
        let verdict = if p.consistency_ratio <= crate::uncertainty::ahp::SAATY_MAX_CR {
            "consistent"
        } else {
            "inconsistent"
        };
        out.push_str(&super::verdict::wrap(
            &format!("AHP weights: {}", weights.join(", ")),
            100,
        ));
        let _ = writeln!(
            out,
            "AHP consistency: λmax {:.3}, CI {:.3}, CR {:.3} (RI {:.2}; CR ≤ 0.1: {verdict}){}",
            p.lambda_max,
            p.consistency_index,
            p.consistency_ratio,
            p.random_index,
            if a.spread > 0.0 {
                format!("; judgements ± {} step(s) in each draw", a.spread)
            } else {
                String::new()
            }
        );
    }
    let mc = results.filter(|r| r.acc.draws > 0);
    let order = ranking_order(world, base, results);
    // An analyst's file may hold longer country codes, and methods other than the weighted
    // sum larger scores: the columns widen to fit (the usual widths at least).
    let shown = || order.iter().take(limit);
    let cc = shown()
        .map(|&i| world.sites[i].country.chars().count())
        .fold(3, usize::max);
    let sw = shown()
        .map(|&i| format!("{:.3}", base.scores[i]).len())
        .fold(7, usize::max);
    let bw = match mc {
        Some(r) => shown()
            .map(|&i| {
                let s = &r.acc.score_sketch[i];
                format!("{:.3}–{:.3}", s.quantile(0.05), s.quantile(0.95))
                    .chars()
                    .count()
            })
            .fold(13, usize::max),
        None => 13,
    };
    match mc {
        Some(_) => {
            let _ = writeln!(
                out,
                "{:>4}  {:<28} {:<cc$} {:>sw$} {:>7} {:>7}  {:<bw$} {:>8}",
                "rank", "site", "cc", "base", "P(1st)", "E[rank]", "score p05–p95", "feasible"
            );
        }
        None => {
            let _ = writeln!(
                out,
                "{:>4}  {:<28} {:<cc$} {:>sw$}  feasible",
                "rank", "site", "cc", "score"
            );
        }
    }
    for (k, &i) in order.iter().enumerate().take(limit) {
        let s = &world.sites[i];
        let name = clip(&format!("{} ({})", s.name, s.id), 28);
        match mc {
            Some(r) => {
                let a = &r.acc;
                let band = format!(
                    "{:.3}–{:.3}",
                    a.score_sketch[i].quantile(0.05),
                    a.score_sketch[i].quantile(0.95)
                );
                let _ = writeln!(
                    out,
                    "{:>4}  {:<28} {:<cc$} {:>sw$.3} {:>7.3} {:>7.2}  {:<bw$} {:>7.1}%",
                    k + 1,
                    name,
                    s.country,
                    base.scores[i],
                    a.acceptability(i, 0),
                    a.expected_rank(i),
                    band,
                    100.0 * a.feasible[i] as f64 / a.draws as f64
                );
            }
            None => {
                // 48 columns precede it; the line stays within 100.
                let feasible = if base.feasible[i] {
                    "yes".to_owned()
                } else {
                    clip(&format!("no: {}", world.broken_rule(base.broken[i])), 52)
                };
                let _ = writeln!(
                    out,
                    "{:>4}  {:<28} {:<cc$} {:>sw$.3}  {}",
                    k + 1,
                    name,
                    s.country,
                    base.scores[i],
                    feasible
                );
            }
        }
    }
    if order.len() > limit {
        let _ = writeln!(out, "      … {} more in ranking.csv", order.len() - limit);
    }
    out
}
