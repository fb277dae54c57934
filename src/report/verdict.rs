//! The answer in words: which site to choose, how often it wins, its closest rival and what
//! would change the answer. Written to the terminal, `summary.json` (`verdict`) and the
//! report.
//!
//! **Which site.** Only a site that meets every rule in the base case, and in at least half
//! of the draws, can be named (an infeasible site is never recommended, nor named as the
//! rival). Among those, with draws, the one that ranks first in most draws (SMAA-2's rank-1
//! acceptability; ties by expected rank, then base-case rank); without draws, the best in
//! the base case. The run table orders by expected rank, which rewards being near the top
//! often: when its first row is another site, the verdict says so.
//!
//! **Rival.** With draws, the eligible site that ranks above the recommended one in most
//! draws (pairwise winning index); without draws, the next eligible site in the base case.
//!
//! **What would change it.** The smallest change of the point weights (Euclidean distance)
//! that makes another site first in the base case, from `dcsite sensitivity`; the caller
//! computes it when it is cheap and passes it in.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::results::Results;

/// Share of the draws in which a site must be feasible to be named.
pub const MIN_FEASIBLE_SHARE: f64 = 0.5;

/// The verdict of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The recommended site; `None` when no site is feasible in the base case (and in at
    /// least half of the draws).
    pub recommended: Option<Pick>,
    /// `clear` (first in ≥ 75 % of draws), `probable` (≥ 50 %), `contested` (< 50 %), or
    /// `base-case` without draws; `none` without a recommendation.
    pub strength: String,
    /// Its closest rival; `None` when no other site is eligible.
    pub rival: Option<Rival>,
    /// Site id in rank 1 of `ranking.csv` (by expected rank) when that is not the
    /// recommended site.
    pub top_by_expected_rank: Option<String>,
    /// The smallest weight change that makes another site first in the base case.
    pub weight_change: Option<WeightChange>,
    /// All of the above in a few sentences.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pick {
    pub site_id: String,
    pub name: String,
    pub country: String,
    /// Share of draws in which it ranks first (`None` without draws).
    pub p_first: Option<f64>,
    pub expected_rank: Option<f64>,
    pub feasible_share: Option<f64>,
    pub score_base: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rival {
    pub site_id: String,
    pub name: String,
    pub p_first: Option<f64>,
    /// Share of draws in which the recommended site ranks above the rival (`None` without
    /// draws).
    pub head_to_head: Option<f64>,
    pub score_base: f64,
}

/// The smallest change of the point weights that puts another site first in the base case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightChange {
    /// The base case's first site (central inputs, point weights).
    pub base_winner: String,
    /// The site that becomes first.
    pub site_id: String,
    /// Euclidean distance between the weight vectors (weights sum to 1).
    pub distance: f64,
    /// `false` when found by search (TOPSIS, VIKOR): an upper bound.
    pub exact: bool,
    /// The criteria whose weight moves most, largest move first (at most three).
    pub changes: Vec<CriterionChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionChange {
    pub criterion: String,
    pub from: f64,
    pub to: f64,
}

/// A share as a percentage for prose, claiming neither "0.0%" for a rare event nor "100.0%"
/// for a share below 1.
pub(crate) fn pct(p: f64) -> String {
    let text = format!("{:.1}%", 100.0 * p);
    if p > 0.0 && p < 0.001 {
        "< 0.1%".into()
    } else if p < 1.0 && text == "100.0%" {
        "> 99.9%".into()
    } else {
        text
    }
}

/// The Wilson score interval (95 %) of a share `p` of `n` draws: unlike p ± 1.96·SE it does
/// not shrink to a point at p = 0 or 1, so one draw won of one is [0.21, 1], not certainty.
fn wilson_95(p: f64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (z, n) = (1.959_963_984_540_054_f64, n as f64);
    let z2n = z * z / n;
    let centre = (p + z2n / 2.0) / (1.0 + z2n);
    let half = z / (1.0 + z2n) * (p * (1.0 - p) / n + z2n / (4.0 * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The verdict of a run; `change` is the smallest weight change, when it was computed. A
/// shard's verdict says that it speaks for the shard's draws only, and that of a first pass
/// (`dcsite merge --first-pass`) that its confidence factors are still to come.
pub fn verdict(r: &Results, change: Option<WeightChange>) -> Verdict {
    let mut v = verdict_of(r, change);
    if let Some((k, n)) = r.provenance.shard {
        v.text = format!(
            "Shard {k}/{n} only, from its own draws (no confidence factors); `dcsite merge` the shards for the whole run. {}",
            v.text
        );
    } else if r
        .monte_carlo
        .as_ref()
        .is_some_and(|mc| !mc.confidence_computed)
    {
        v.text = format!("{FIRST_PASS_ONLY} {}", v.text);
    }
    v
}

/// What the verdict of a first pass begins with, and what its report says.
pub const FIRST_PASS_ONLY: &str = "First pass only (`dcsite merge --first-pass`): the confidence factors are still to come; run `dcsite confidence` on this directory for each shard of the confidence pass, then `dcsite merge` it with `--confidence` and their directories.";

fn verdict_of(r: &Results, change: Option<WeightChange>) -> Verdict {
    let mc = r.monte_carlo.as_ref();
    let stats = |i: usize| r.sites[i].stats.as_ref();
    let feasible_share = |i: usize| stats(i).map(|s| s.feasible_share);
    let eligible = |i: usize| {
        r.sites[i].base.feasible && feasible_share(i).is_none_or(|f| f >= MIN_FEASIBLE_SHARE)
    };
    let p_first = |i: usize| stats(i).map(|s| s.p_first);
    let expected_rank = |i: usize| stats(i).map(|s| s.expected_rank.unwrap_or(f64::NAN));
    let base_rank = |i: usize| r.sites[i].base.rank;
    let order = &r.order;
    let mut candidates: Vec<usize> = (0..r.sites.len()).filter(|&i| eligible(i)).collect();
    match mc {
        Some(_) => candidates.sort_by(|&a, &b| {
            p_first(b)
                .unwrap_or_default()
                .total_cmp(&p_first(a).unwrap_or_default())
                .then(
                    expected_rank(a)
                        .unwrap_or_default()
                        .total_cmp(&expected_rank(b).unwrap_or_default()),
                )
                .then(base_rank(a).cmp(&base_rank(b)))
        }),
        None => candidates.sort_by_key(|&i| base_rank(i)),
    }
    let site = |i: usize| &r.sites[i];
    let Some(&rec) = candidates.first() else {
        let text = if mc.is_some() {
            format!(
                "No recommendation: no site meets every rule in the base case and in at least {:.0}% of the draws.",
                100.0 * MIN_FEASIBLE_SHARE
            )
        } else {
            "No recommendation: no site meets every rule in the base case.".to_owned()
        };
        return Verdict {
            recommended: None,
            strength: "none".into(),
            rival: None,
            top_by_expected_rank: None,
            weight_change: None,
            text,
        };
    };
    let head_to_head = |a: usize, b: usize| mc.and_then(|mc| mc.pairwise(a, b));
    let rival = match mc {
        // A pair off the shortlist (large-site mode) counts as never ahead.
        Some(mc) => candidates[1..].iter().copied().max_by(|&a, &b| {
            let ahead = |x: usize| mc.pairwise(x, rec).unwrap_or(-1.0);
            ahead(a)
                .total_cmp(&ahead(b))
                .then(
                    p_first(a)
                        .unwrap_or_default()
                        .total_cmp(&p_first(b).unwrap_or_default()),
                )
                // max_by keeps the last of equals: prefer the earlier candidate (tied sites
                // share a base rank, so the file order decides between them).
                .then(base_rank(b).cmp(&base_rank(a)))
                .then(b.cmp(&a))
        }),
        None => candidates.get(1).copied(),
    };
    let pick = Pick {
        site_id: site(rec).id.clone(),
        name: site(rec).name.clone(),
        country: site(rec).country.clone(),
        p_first: p_first(rec),
        expected_rank: expected_rank(rec),
        feasible_share: feasible_share(rec),
        score_base: site(rec).base.score,
    };
    let strength = match pick.p_first {
        None => "base-case",
        Some(p) if p >= 0.75 => "clear",
        Some(p) if p >= 0.5 => "probable",
        Some(_) => "contested",
    };
    let rival = rival.map(|j| Rival {
        site_id: site(j).id.clone(),
        name: site(j).name.clone(),
        p_first: p_first(j),
        head_to_head: head_to_head(rec, j),
        score_base: site(j).base.score,
    });
    let top = order[0];
    let top_by_expected_rank = (mc.is_some() && top != rec).then(|| site(top).id.clone());

    let mut text = String::new();
    let label = |i: usize| format!("{} ({})", site(i).name, site(i).id);
    // Draws in which the recommended site and the rival tie (share a rank): neither is ahead.
    let rival_at = rival
        .as_ref()
        .and_then(|rv| r.sites.iter().position(|s| s.id == rv.site_id));
    let tied = rival_at
        .zip(mc)
        .and_then(|(j, mc)| {
            let (a, b) = (head_to_head(rec, j)?, head_to_head(j, rec)?);
            Some((1.0 - a - b - mc.no_feasible_share).max(0.0))
        })
        .filter(|&t| t >= 0.0005);
    let _ = match site(rec).country.as_str() {
        "" => write!(text, "Recommended: {}.", label(rec)),
        cc => write!(text, "Recommended: {}, {cc}.", label(rec)),
    };
    match (pick.p_first, &rival) {
        (Some(p), _) => {
            let shared = match (tied, rival_at) {
                (Some(t), Some(j)) if t >= 0.5 => Some(format!(
                    "tied for first with {} in {} of them: they share the rank",
                    label(j),
                    pct(t)
                )),
                _ => None,
            };
            let _ = write!(
                text,
                " It ranks first in {} of the draws ({}).",
                pct(p),
                match (strength, shared) {
                    (_, Some(shared)) => shared,
                    ("clear", None) => "a clear winner".to_owned(),
                    ("probable", None) => "a probable winner".to_owned(),
                    _ => "contested: no site wins most draws".to_owned(),
                }
            );
            if let Some(f) = pick.feasible_share.filter(|&f| f < 1.0) {
                let _ = write!(text, " It meets every rule in {} of them.", pct(f));
            }
            let draws = mc.map_or(0, |m| m.draws);
            let (lo, hi) = wilson_95(p, draws);
            if [0.5, 0.75].iter().any(|&t| lo < t && t <= hi) {
                let _ = write!(
                    text,
                    " With {draws} draw{} that share is uncertain (95 % interval {}–{}): run more draws before relying on this verdict.",
                    if draws == 1 { "" } else { "s" },
                    pct(lo),
                    pct(hi)
                );
            }
            // A site that wins more draws but cannot be recommended: say why it is passed over.
            let most = (0..r.sites.len()).max_by(|&a, &b| {
                let first = |i: usize| p_first(i).unwrap_or_default();
                first(a)
                    .total_cmp(&first(b))
                    .then(base_rank(b).cmp(&base_rank(a)))
            });
            if let Some(t) = most.filter(|&t| p_first(t).unwrap_or_default() > p) {
                let why = if site(t).base.feasible {
                    format!(
                        "it meets every rule in only {} of the draws (at least {:.0}% needed)",
                        pct(feasible_share(t).unwrap_or_default()),
                        100.0 * MIN_FEASIBLE_SHARE
                    )
                } else {
                    "it breaks a rule in the base case".to_owned()
                };
                let _ = write!(
                    text,
                    " {} ranks first in more draws ({}) but is not recommended: {why}.",
                    label(t),
                    pct(p_first(t).unwrap_or_default())
                );
            }
        }
        (None, _) => {
            let _ = write!(
                text,
                " It is first in the base case (score {:.3}; no Monte Carlo draws, so how often it wins is unknown).",
                pick.score_base
            );
        }
    }
    if let Some(rv) = &rival {
        let j = r
            .sites
            .iter()
            .position(|s| s.id == rv.site_id)
            .unwrap_or(rec);
        match (rv.p_first, rv.head_to_head) {
            (Some(p), Some(h)) => {
                let _ = write!(
                    text,
                    " Closest rival: {}, first in {}; head to head, {} ranks above it in {} of the draws",
                    label(j),
                    pct(p),
                    site(rec).name,
                    pct(h)
                );
                // Draws that rank no site count for neither: say so, or the rest would
                // read as the rival's.
                let none = mc.map_or(0.0, |mc| mc.no_feasible_share);
                if none > 0.0 {
                    let _ = write!(
                        text,
                        " and below it in {} (no site ranks in the other {})",
                        pct(head_to_head(j, rec).unwrap_or_default()),
                        pct(none)
                    );
                }
                if let Some(t) = tied {
                    let _ = write!(text, "; they tie (share a rank) in {}", pct(t));
                }
                text.push('.');
            }
            _ => {
                let _ = write!(
                    text,
                    " Runner-up: {} (score {:.3}).",
                    label(j),
                    rv.score_base
                );
            }
        }
    }
    if let (Some(t), Some(_)) = (top_by_expected_rank.as_ref(), mc) {
        let _ = write!(
            text,
            " Rank 1 of the table, {} ({t}), has the best expected rank ({:.2} against {:.2}): it is more often near the top, but first less often ({}).",
            site(top).name,
            expected_rank(top).unwrap_or_default(),
            expected_rank(rec).unwrap_or_default(),
            pct(p_first(top).unwrap_or_default())
        );
    }
    // Only a change that names feasible sites is worth saying.
    let change = change.filter(|c| {
        [&c.base_winner, &c.site_id].iter().all(|id| {
            r.sites
                .iter()
                .position(|s| &s.id == *id)
                .is_some_and(eligible)
        })
    });
    if let Some(c) = &change {
        let moves: Vec<String> = c
            .changes
            .iter()
            .map(|m| {
                // Two decimals, or three where two would print the same figure twice (a
                // move of at least 0.005 always shows at three).
                let (from, to) = (format!("{:.2}", m.from), format!("{:.2}", m.to));
                if from == to {
                    format!("{} {:.3} → {:.3}", m.criterion, m.from, m.to)
                } else {
                    format!("{} {from} → {to}", m.criterion)
                }
            })
            .collect();
        // Each weight moves by less than the 0.005 shown: say so rather than list nothing.
        let moves = if moves.is_empty() {
            "every weight moves by less than 0.005".to_owned()
        } else {
            moves.join(", ")
        };
        let name = |id: &str| {
            r.sites
                .iter()
                .find(|s| s.id == id)
                .map_or(id.to_owned(), |s| s.name.clone())
        };
        let _ = write!(
            text,
            " What would change the answer: in the base case (central inputs, the model's weights) {} ranks first; the smallest change of the weights that puts another site first ({}{}) makes {} first: {}.",
            name(&c.base_winner),
            if c.exact {
                "distance "
            } else {
                "distance at most "
            },
            format_args!("{:.3}", c.distance),
            name(&c.site_id),
            moves
        );
    }
    Verdict {
        recommended: Some(pick),
        strength: strength.to_owned(),
        rival,
        top_by_expected_rank,
        weight_change: change,
        text,
    }
}

/// `text` broken into lines of at most `width` characters (words longer than that stand
/// alone), for the terminal.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc\n");
        assert_eq!(wrap("a verylongword b", 4), "a\nverylongword\nb\n");
        assert_eq!(wrap("", 10), "\n");
    }

    /// Newcombe (1998), "Two-sided confidence intervals for the single proportion:
    /// comparison of seven methods", Statistics in Medicine 17, 857–872, Table I, method 3
    /// (score interval without continuity correction), to its printed four decimals.
    #[test]
    fn wilson_interval_matches_newcombe() {
        for (k, n, lo, hi) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let (a, b) = wilson_95(k as f64 / n as f64, n);
            assert!(
                (a - lo).abs() < 5e-5 && (b - hi).abs() < 5e-5,
                "{k}/{n}: {a} {b}"
            );
        }
    }

    #[test]
    fn percentages_do_not_claim_zero_for_rare_events() {
        assert_eq!(pct(0.0004), "< 0.1%");
        assert_eq!(pct(0.0), "0.0%");
        assert_eq!(pct(0.427), "42.7%");
    }
}

#[cfg(test)]
mod worlds {
    use super::*;
    use crate::{Scenario, World};

    /// A world from a sites CSV (`id,v,v_sd`), one criterion `v` (more is better) and extra
    /// scenario TOML (rules).
    fn world(sites_csv: &str, extra: &str) -> World {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sites.csv"), sites_csv).unwrap();
        std::fs::write(
            dir.path().join("m.toml"),
            "name = \"m\"\n[[criteria]]\nid = \"v\"\ncolumn = \"v\"\ndirection = \"max\"\nweight = 1\n",
        )
        .unwrap();
        let sc =
            format!("name = \"t\"\nmodel = \"m.toml\"\n[data]\nsites = \"sites.csv\"\n{extra}");
        let path = dir.path().join("s.toml");
        std::fs::write(&path, sc).unwrap();
        World::build(Scenario::load(&path).unwrap()).unwrap()
    }

    fn run(world: &World, draws: u64) -> Results {
        let mut base = world.new_draw();
        world.base_case(&mut base);
        let opts = crate::simulate::Options {
            draws,
            seed: 3,
            shard: None,
            ranks: crate::simulate::Ranks::all(world.sites.len()),
        };
        let state =
            (draws > 0).then(|| crate::simulate::run(world, &opts, &crate::simulate::Silent));
        Results::new(world, &base, state.as_ref(), None)
    }

    fn stats(r: &Results, i: usize) -> &crate::results::SiteStats {
        r.sites[i].stats.as_ref().unwrap()
    }

    const THRESHOLD: &str = "[[rules]]\nkind = \"threshold\"\ncriterion = \"v\"\nmax = 5\n";

    #[test]
    fn an_infeasible_site_is_never_named() {
        // `a` scores best but breaks the rule in every draw; `b` and `c` meet it.
        let w = world("id,v,v_sd\na,10,0.1\nb,4,0.3\nc,3.5,0.3\n", THRESHOLD);
        for draws in [0, 500] {
            let v = verdict(&run(&w, draws), None);
            let rec = v.recommended.as_ref().unwrap();
            assert_eq!(rec.site_id, "b", "{}", v.text);
            assert_eq!(v.rival.as_ref().unwrap().site_id, "c", "{}", v.text);
            assert!(!v.text.contains("(a)"), "{}", v.text);
        }
    }

    #[test]
    fn a_site_feasible_in_fewer_than_half_the_draws_is_not_recommended() {
        // `b` scores best and is feasible in the base case (no events), but an event makes
        // it infeasible in about 60 % of the draws.
        let event = "[[events]]\nname = \"x\"\nprobability = 0.6\neffect = \"infeasible\"\nsites = [\"b\"]\n";
        let w = world("id,v\nb,10\nc,3\n", event);
        let r = run(&w, 2000);
        let share_b = stats(&r, 0).feasible_share;
        assert!(r.sites[0].base.feasible && share_b < 0.5, "share {share_b}");
        assert!(stats(&r, 0).p_first < 0.5);
        let v = verdict(&r, None);
        assert_eq!(v.recommended.unwrap().site_id, "c", "{}", v.text);
        assert!(v.rival.is_none());
    }

    #[test]
    fn no_feasible_site_no_recommendation() {
        // No site feasible in the base case is refused as bad input before any verdict (see
        // tests/robust). Here both sites are feasible in the base case but an event makes
        // every site infeasible in about 70 % of the draws: no site is feasible in half of
        // them, so none can be recommended.
        let w = world(
            "id,v\na,10\nb,9\n",
            "[[events]]\nname = \"outage\"\nprobability = 0.7\neffect = \"infeasible\"\nsites = [\"a\", \"b\"]\n",
        );
        let v = verdict(&run(&w, 400), None);
        assert!(v.recommended.is_none() && v.rival.is_none());
        assert_eq!(v.strength, "none");
        assert!(v.text.starts_with("No recommendation"), "{}", v.text);
    }

    #[test]
    fn the_winner_by_p_first_beats_the_winner_by_expected_rank() {
        // `risky` (normal noise: the column has a negative value) is first in about 54 % of
        // the draws and otherwise mostly third; `steady` is first or second: better expected
        // rank, fewer wins. `last` is always last.
        let w = world(
            "id,v,v_sd\nrisky,10.5,10\nsteady,9.5,0.01\nlow,9,0.01\nlast,-1,0\n",
            "",
        );
        let r = run(&w, 4000);
        let (risky, steady) = (0, 1);
        assert!(stats(&r, risky).p_first > stats(&r, steady).p_first);
        assert!(stats(&r, steady).expected_rank < stats(&r, risky).expected_rank);
        let v = verdict(&r, None);
        assert_eq!(v.recommended.as_ref().unwrap().site_id, "risky");
        assert_eq!(v.top_by_expected_rank.as_deref(), Some("steady"));
        let rival = v.rival.as_ref().unwrap();
        assert_eq!(rival.site_id, "steady");
        let h = rival.head_to_head.unwrap();
        assert_eq!(
            Some(h),
            r.monte_carlo.as_ref().unwrap().pairwise(risky, steady)
        );
        assert!(v.text.contains("best expected rank"), "{}", v.text);
    }

    #[test]
    fn the_weight_change_is_said_only_between_eligible_sites() {
        let w = world("id,v\na,10\nb,4\nc,3\n", THRESHOLD);
        let r = run(&w, 0);
        let change = WeightChange {
            base_winner: "a".into(),
            site_id: "b".into(),
            distance: 0.1,
            exact: true,
            changes: Vec::new(),
        };
        let v = verdict(&r, Some(change));
        assert!(v.weight_change.is_none(), "{}", v.text);
    }

    #[test]
    fn a_weight_change_below_the_shown_precision_is_said_in_words() {
        // a and b are both feasible; the change moves no weight by 0.005 or more.
        let w = world("id,v\na,10\nb,9.99\nc,3\n", "");
        let r = run(&w, 0);
        let change = WeightChange {
            base_winner: "a".into(),
            site_id: "b".into(),
            distance: 0.001,
            exact: true,
            changes: Vec::new(),
        };
        let v = verdict(&r, Some(change));
        assert!(
            v.text
                .contains("makes b first: every weight moves by less than 0.005."),
            "{}",
            v.text
        );
    }

    #[test]
    fn a_weight_change_that_rounds_to_the_same_two_decimals_shows_three() {
        // 0.0444 → 0.0382 moves by more than 0.005 but reads 0.04 → 0.04 at two decimals.
        let w = world("id,v\na,10\nb,9.99\nc,3\n", "");
        let r = run(&w, 0);
        let change = WeightChange {
            base_winner: "a".into(),
            site_id: "b".into(),
            distance: 0.0096,
            exact: true,
            changes: vec![CriterionChange {
                criterion: "v".into(),
                from: 0.044_444,
                to: 0.038_198,
            }],
        };
        let v = verdict(&r, Some(change));
        assert!(
            v.text.contains("makes b first: v 0.044 → 0.038."),
            "{}",
            v.text
        );
    }
}
