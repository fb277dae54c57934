//! The ranked table printed by `dcsite run` (fits 100 columns).

use std::fmt::Write;

use super::clip;
use super::verdict::pct;
use crate::results::Results;
use crate::world::World;

/// Rank, site, country, base score, and with draws P(first), expected rank, score p05–p95
/// and feasible share; at most `limit` rows.
pub fn terminal_table(world: &World, r: &Results, limit: usize) -> String {
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
    let mc = r.monte_carlo.is_some();
    let order = &r.order;
    // An analyst's file may hold longer country codes, and methods other than the weighted
    // sum larger scores: the columns widen to fit (the usual widths at least).
    let shown = || order.iter().take(limit).map(|&i| &r.sites[i]);
    let cc = shown()
        .map(|s| s.country.chars().count())
        .fold(3, usize::max);
    let sw = shown()
        .map(|s| format!("{:.3}", s.base.score).len())
        .fold(7, usize::max);
    let band = |s: &crate::results::SiteResult| {
        s.stats
            .as_ref()
            .map(|st| format!("{:.3}–{:.3}", st.score.p05, st.score.p95))
    };
    let bw = shown()
        .filter_map(|s| band(s).map(|b| b.chars().count()))
        .fold(13, usize::max);
    if mc {
        let _ = writeln!(
            out,
            "{:>4}  {:<28} {:<cc$} {:>sw$} {:>7} {:>7}  {:<bw$} {:>8}",
            "rank", "site", "cc", "base", "P(1st)", "E[rank]", "score p05–p95", "feasible"
        );
    } else {
        let _ = writeln!(
            out,
            "{:>4}  {:<28} {:<cc$} {:>sw$}  feasible",
            "rank", "site", "cc", "score"
        );
    }
    for (k, s) in shown().enumerate() {
        let name = clip(&format!("{} ({})", s.name, s.id), 28);
        match (&s.stats, band(s)) {
            (Some(st), Some(band)) => {
                // Undefined when no draw has a feasible site: a dash, as the files leave it empty.
                let expected_rank = st
                    .expected_rank
                    .filter(|e| e.is_finite())
                    .map_or("—".to_owned(), |e| format!("{e:.2}"));
                let _ = writeln!(
                    out,
                    "{:>4}  {:<28} {:<cc$} {:>sw$.3} {:>7} {:>7}  {:<bw$} {:>8}",
                    k + 1,
                    name,
                    s.country,
                    s.base.score,
                    share3(st.p_first),
                    expected_rank,
                    band,
                    pct(st.feasible_share)
                );
            }
            _ => {
                // 48 columns precede it; the line stays within 100.
                let feasible = match (s.base.feasible, &s.base.broken_rule) {
                    (true, _) => "yes".to_owned(),
                    (false, rule) => {
                        clip(&format!("no: {}", rule.as_deref().unwrap_or_default()), 52)
                    }
                };
                let _ = writeln!(
                    out,
                    "{:>4}  {:<28} {:<cc$} {:>sw$.3}  {}",
                    k + 1,
                    name,
                    s.country,
                    s.base.score,
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

/// A share to three decimals that claims neither 0 for a site that won some draws nor 1 for
/// one that lost some: "<0.001" and ">0.999" (as the verdict's "< 0.1%" and "> 99.9%").
fn share3(p: f64) -> String {
    let text = format!("{p:.3}");
    if p > 0.0 && text == "0.000" {
        "<0.001".into()
    } else if p < 1.0 && text == "1.000" {
        ">0.999".into()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::share3;

    #[test]
    fn shares_near_zero_and_one_are_not_rounded_to_them() {
        assert_eq!(share3(0.0), "0.000");
        assert_eq!(share3(0.0004), "<0.001");
        assert_eq!(share3(0.0005), "0.001");
        assert_eq!(share3(0.4567), "0.457");
        assert_eq!(share3(0.9996), ">0.999");
        assert_eq!(share3(1.0), "1.000");
    }
}
