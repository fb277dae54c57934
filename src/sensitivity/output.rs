//! The analysis as files (CSV) and as the summary printed on the terminal.

use std::fmt::Write as _;

use crate::report::{Csv, num};

use super::*;

/// The output files: name and bytes.
pub fn render(a: &Analysis) -> Vec<(String, Vec<u8>)> {
    let b = &a.base;
    let site = |i: usize| b.site_ids[i].as_str();
    let crit = |j: usize| b.criterion_ids[j].as_str();
    let mut files = Vec::new();

    let mut csv = Csv::new([
        "criterion",
        "step",
        "weight",
        "site_id",
        "score",
        "rank",
        "feasible",
    ]);
    for s in &a.sweeps {
        for (k, p) in s.points.iter().enumerate() {
            let ranks = crate::mcda::shared_ranks(&p.order, &p.scores, &b.feasible);
            for (&r, &i) in ranks.iter().zip(&p.order) {
                csv.row([
                    crit(s.criterion).to_owned(),
                    k.to_string(),
                    num(p.weight),
                    site(i).to_owned(),
                    num(p.scores[i]),
                    (r + 1).to_string(),
                    b.feasible[i].to_string(),
                ]);
            }
        }
    }
    files.push(("sweeps.csv".to_owned(), csv.bytes()));

    let mut csv = Csv::new([
        "criterion",
        "base_weight",
        "weight",
        "weight_change",
        "winner_below",
        "winner_above",
    ]);
    for c in &a.winner_changes {
        csv.row([
            crit(c.criterion).to_owned(),
            num(c.base_weight),
            num(c.weight),
            num(c.weight - c.base_weight),
            site(c.below).to_owned(),
            site(c.above).to_owned(),
        ]);
    }
    files.push(("winner_changes.csv".to_owned(), csv.bytes()));

    let mut header: Vec<String> = ["site_id", "base_rank", "can_win", "distance", "exact"]
        .map(String::from)
        .into();
    header.extend(b.criterion_ids.iter().map(|c| format!("w_{c}")));
    let mut csv = Csv::new(&header);
    // The base case's ranks as SMAA-2 gives them: tied sites share the better one.
    let mut base_rank = vec![0; a.order.len()];
    for (&i, r) in a
        .order
        .iter()
        .zip(crate::mcda::shared_ranks(&a.order, &a.scores, &b.feasible))
    {
        base_rank[i] = r;
    }
    for c in &a.min_changes {
        let mut row = vec![
            site(c.site).to_owned(),
            (base_rank[c.site] + 1).to_string(),
            c.distance.is_some().to_string(),
            c.distance.map_or(String::new(), num),
            c.exact.to_string(),
        ];
        match &c.weights {
            Some(w) => row.extend(w.iter().map(|&v| num(v))),
            None => row.extend(std::iter::repeat_n(String::new(), b.criterion_ids.len())),
        }
        csv.row(&row);
    }
    files.push(("min_weight_change.csv".to_owned(), csv.bytes()));

    let ids = |o: &[usize]| o.iter().map(|&i| site(i)).collect::<Vec<_>>().join(" ");
    let mut csv = Csv::new([
        "removed_site_id",
        "changed",
        "reversed_pairs",
        "kendall_tau",
        "winner_before",
        "winner_after",
        "order_before",
        "order_after",
        "reversals",
    ]);
    for r in &a.removals {
        let pairs: Vec<String> = r
            .reversed
            .iter()
            .map(|&(x, y)| format!("{}>{}", site(y), site(x)))
            .collect();
        csv.row([
            site(r.removed).to_owned(),
            (!r.reversed.is_empty()).to_string(),
            r.reversed.len().to_string(),
            num(r.kendall_tau),
            r.order_before.first().map_or("", |&i| site(i)).to_owned(),
            // No winner when the removed site was the only feasible one.
            r.order_after
                .first()
                .filter(|&&i| b.feasible[i])
                .map_or("", |&i| site(i))
                .to_owned(),
            ids(&r.order_before),
            ids(&r.order_after),
            pairs.join(" "),
        ]);
    }
    files.push(("rank_reversal.csv".to_owned(), csv.bytes()));

    let mut csv = Csv::new(["method", "site_id", "rank", "score", "feasible"]);
    for mr in &a.methods {
        let ranks = crate::mcda::shared_ranks(&mr.order, &mr.scores, &b.feasible);
        for (&r, &i) in ranks.iter().zip(&mr.order) {
            csv.row([
                mr.method.to_string(),
                site(i).to_owned(),
                (r + 1).to_string(),
                num(mr.scores[i]),
                b.feasible[i].to_string(),
            ]);
        }
    }
    files.push(("methods.csv".to_owned(), csv.bytes()));

    let mut csv = Csv::new([
        "method_a",
        "method_b",
        "sites",
        "spearman_rho",
        "kendall_tau",
    ]);
    for c in &a.correlations {
        csv.row([
            c.a.to_string(),
            c.b.to_string(),
            c.sites.to_string(),
            num(c.spearman),
            num(c.kendall),
        ]);
    }
    files.push(("method_correlations.csv".to_owned(), csv.bytes()));

    let v = &a.vikor;
    let mut csv = Csv::new([
        "site_id",
        "s",
        "r",
        "q",
        "rank",
        "compromise",
        "acceptable_advantage",
        "acceptable_stability",
    ]);
    let m = b.site_ids.len();
    let mut rows: Vec<usize> = v.order.clone();
    rows.extend((0..m).filter(|i| !v.order.contains(i)));
    for i in rows {
        csv.row([
            site(i).to_owned(),
            num(v.s[i]),
            num(v.r[i]),
            num(v.q[i]),
            v.order
                .iter()
                .position(|&k| k == i)
                .map_or(String::new(), |p| (p + 1).to_string()),
            v.compromise.contains(&i).to_string(),
            v.acceptable_advantage.to_string(),
            v.acceptable_stability.to_string(),
        ]);
    }
    files.push(("vikor.csv".to_owned(), csv.bytes()));
    files
}

/// The winner of a sweep without a change of winner: at its first step where the first two
/// feasible sites do not tie. At an end of a sweep every site can tie (one criterion or the
/// others alone), and the tie-break by site order there is no winner (see `analyse`); `None`
/// when the first two tie at every step.
fn sweep_winner(b: &BaseCase, sweep: &Sweep) -> Option<usize> {
    let untied = |p: &&SweepPoint| match p.order[..] {
        [first, second, ..] if b.feasible[second] => {
            (p.scores[first] - p.scores[second]).abs() > 1e-12 * p.scores[first].abs().max(1.0)
        }
        _ => true,
    };
    sweep.points.iter().find(untied).map(|p| p.order[0])
}

/// A terminal summary of the analysis.
pub fn summary(a: &Analysis) -> String {
    let b = &a.base;
    let site = |i: usize| b.site_ids[i].as_str();
    let mut s = String::new();
    let w = a.winner();
    let _ = writeln!(
        s,
        "Base case of {}: {} sites, {} criteria, method {} ({}), normalisation {}.",
        b.scenario,
        b.site_ids.len(),
        b.criterion_ids.len(),
        b.method,
        b.method.score_meaning(),
        b.normalization
    );
    // Sites tied with the winner share its rank: name them.
    let ranks = crate::mcda::shared_ranks(&a.order, &a.scores, &b.feasible);
    let tied: Vec<&str> = a
        .order
        .iter()
        .zip(&ranks)
        .skip(1)
        .take_while(|&(_, &r)| r == 0)
        .map(|(&i, _)| site(i))
        .collect();
    if tied.is_empty() {
        let _ = writeln!(s, "Winner: {} (score {:.4}).", site(w), a.scores[w]);
    } else {
        let _ = writeln!(
            s,
            "Winner: {}, tied with {} (score {:.4}; the weight sweeps and weight changes below start from {}, the first of them in the sites file).",
            site(w),
            tied.join(", "),
            a.scores[w],
            site(w)
        );
    }
    let _ = writeln!(
        s,
        "\nWeight sweeps ({} steps each, others rescaled):",
        a.steps
    );
    for (j, id) in b.criterion_ids.iter().enumerate() {
        let changes: Vec<String> = a
            .winner_changes
            .iter()
            .filter(|c| c.criterion == j)
            .map(|c| format!("{} → {} at {:.4}", site(c.below), site(c.above), c.weight))
            .collect();
        let _ = writeln!(
            s,
            "  {id:<20} base {:.3}: {}",
            b.weights[j],
            if changes.is_empty() {
                let note = if b.constant_over_feasible(j) {
                    " (the same value at every feasible site: its weight changes no rank)"
                } else {
                    ""
                };
                match sweep_winner(b, &a.sweeps[j]) {
                    Some(k) => format!("{} wins from 0 to 1{note}", site(k)),
                    // Tied at every step: the base case's winner and the sites tied with it.
                    None if !tied.is_empty() => format!(
                        "{} wins from 0 to 1, tied with {}{note}",
                        site(w),
                        tied.join(", ")
                    ),
                    None => format!("{} wins from 0 to 1{note}", site(w)),
                }
            } else {
                changes.join("; ")
            }
        );
    }
    match a.min_changes.iter().find(|c| c.distance.is_some()) {
        Some(c) => {
            let d = c.distance.unwrap_or(f64::NAN);
            let _ = writeln!(
                s,
                "\nSmallest weight change that makes another site win: {:.4} (Euclidean), for {}{}.",
                d,
                site(c.site),
                if c.exact {
                    ""
                } else {
                    " (found by search: an upper bound)"
                }
            );
            if let Some(wts) = &c.weights {
                let moves: Vec<String> = wts
                    .iter()
                    .zip(&b.weights)
                    .zip(&b.criterion_ids)
                    .filter(|((x, y), _)| (*x - *y).abs() > 5e-4)
                    .map(|((x, y), id)| format!("{id} {y:.3} → {x:.3}"))
                    .collect();
                let _ = writeln!(s, "  {}", moves.join(", "));
            }
        }
        None => {
            let _ = writeln!(
                s,
                "\nNo weights on the simplex make another feasible site win."
            );
        }
    }
    let changed: Vec<&Removal> = a
        .removals
        .iter()
        .filter(|r| !r.reversed.is_empty())
        .collect();
    if a.removals.is_empty() {
        let _ = writeln!(s, "\nRank reversal: needs at least 3 sites.");
    } else if changed.is_empty() {
        let _ = writeln!(
            s,
            "\nRank reversal: none (removing any one site keeps the order of the other feasible sites)."
        );
    } else {
        let _ = writeln!(
            s,
            "\nRank reversal: removing {} of {} sites changes the order of the other feasible sites:",
            changed.len(),
            a.removals.len()
        );
        for r in changed {
            let first: Vec<String> = r
                .reversed
                .iter()
                .take(3)
                .map(|&(x, y)| format!("{} now above {}", site(y), site(x)))
                .collect();
            let _ = writeln!(
                s,
                "  without {}: {} pair(s), e.g. {}",
                site(r.removed),
                r.reversed.len(),
                first.join(", ")
            );
        }
    }
    let _ = writeln!(s, "\nMethods (base-case winner):");
    for mr in &a.methods {
        let _ = writeln!(s, "  {:<11} {}", mr.method.name(), site(mr.order[0]));
    }
    let feasible = b.feasible.iter().filter(|&&f| f).count();
    if let Some(c) = a.correlations.first().filter(|c| c.sites < 2) {
        let _ = writeln!(
            s,
            "  Kendall τ between methods: needs at least two feasible sites ({} here).",
            c.sites.min(feasible)
        );
    } else if let Some(c) = a.correlations.first() {
        let mean_tau =
            a.correlations.iter().map(|c| c.kendall).sum::<f64>() / a.correlations.len() as f64;
        let lowest = a
            .correlations
            .iter()
            .min_by(|x, y| x.kendall.total_cmp(&y.kendall))
            .unwrap_or(c);
        // Fewer than two feasible sites: the methods are compared over all the sites.
        let over = if feasible < 2 {
            format!("{} sites (fewer than two are feasible)", c.sites)
        } else {
            format!("{} feasible sites", c.sites)
        };
        let _ = writeln!(
            s,
            "  Kendall τ between methods over {over}: mean {:.3}, lowest {:.3} ({} vs {}).",
            mean_tau, lowest.kendall, lowest.a, lowest.b
        );
    }
    let v = &a.vikor;
    if let Some(&first) = v.order.first() {
        let set: Vec<&str> = v.compromise.iter().map(|&i| site(i)).collect();
        let _ = writeln!(
            s,
            "\nVIKOR (v = {}): best Q {} ({:.4}); acceptable advantage {}, acceptable stability {}; compromise set: {}.",
            b.params.vikor_v,
            site(first),
            v.q[first],
            yes(v.acceptable_advantage),
            yes(v.acceptable_stability),
            set.join(", ")
        );
    }
    s
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
