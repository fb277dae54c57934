//! Mean and sd of `criteria.csv` and `ranking.csv` against the draws themselves
//! (`--save-draws`): a noisy value around 0 (audit F12) and values that never move (F7).

use std::collections::BTreeMap;

use super::*;

const TWO_CRITERIA: &str = "name = \"t\"\n\n\
    [[criteria]]\nid = \"c0\"\ncolumn = \"c0\"\ndirection = \"max\"\nweight = 1\n\n\
    [[criteria]]\nid = \"c1\"\ncolumn = \"c1\"\ndirection = \"max\"\nweight = 1\n";

fn run_saving_draws(sites: &str) -> Dir {
    let dir = Dir::with(&[
        ("sites.csv", sites),
        ("model.toml", TWO_CRITERIA),
        (
            "s.toml",
            "name = \"t\"\nmodel = \"model.toml\"\n\n[data]\nsites = \"sites.csv\"\n",
        ),
    ]);
    dir.run(&[
        "run",
        "s.toml",
        "--draws",
        "1000",
        "--seed",
        "3",
        "--save-draws",
        "1000",
        "--out",
        "o",
        "--quiet",
        "--no-plots",
    ])
    .ok();
    dir
}

/// Per site, the values of criterion `c` (or the scores, for `None`) in draws.csv.
fn drawn(dir: &Dir, c: Option<&str>) -> BTreeMap<String, Vec<f64>> {
    let draws = Csv::parse(&dir.read("o/draws.csv"));
    let (site, crit) = (draws.col("site_id"), draws.col("criterion"));
    let col = draws.col(if c.is_some() { "value" } else { "score" });
    let mut out: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for r in &draws.rows {
        if c.is_none_or(|c| r[crit] == c) {
            out.entry(r[site].clone())
                .or_default()
                .push(r[col].parse().unwrap());
        }
    }
    if c.is_none() {
        // One row per criterion and draw: the score repeats.
        out.values_mut().for_each(|v| v.dedup());
    }
    out
}

fn sample_sd(xs: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

/// criteria.csv's (site, mean, sd) of criterion `c`.
fn summaries(dir: &Dir, c: &str) -> Vec<(String, f64, f64)> {
    let t = Csv::parse(&dir.read("o/criteria.csv"));
    let (site, crit, mean, sd) = (
        t.col("site_id"),
        t.col("criterion"),
        t.col("mean"),
        t.col("sd"),
    );
    t.rows
        .iter()
        .filter(|r| r[crit] == c)
        .map(|r| {
            (
                r[site].clone(),
                r[mean].parse().unwrap(),
                r[sd].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_noisy_value_around_zero_keeps_its_sd() {
    // Base values 0 put the fixed point at 2⁻⁴⁰; sd 500,000 made a batch's Σx²·2⁸⁰ saturate
    // i128, and the sd came out as 0 (audit F12).
    let dir = run_saving_draws("id,c0,c0_sd,c1\na,0,500000,1\nb,0,500000,2\nc,0,500000,3\n");
    let draws = drawn(&dir, Some("c0"));
    for (site, mean, sd) in summaries(&dir, "c0") {
        let xs = &draws[&site];
        assert_eq!(xs.len(), 1000);
        let want = sample_sd(xs);
        assert!(want > 400_000.0, "{site}: {want}");
        // draws.csv rounds nothing, so this is the same sample.
        assert!(
            (sd - want).abs() <= 1e-6 * want,
            "{site}: sd {sd}, draws {want}"
        );
        let m = xs.iter().sum::<f64>() / 1000.0;
        assert!(
            (mean - m).abs() <= 1e-6 * want,
            "{site}: mean {mean}, draws {m}"
        );
    }
}

#[test]
fn values_that_never_move_have_sd_zero() {
    // Exact weights and no noise: every draw is the base case; the sd was ~10⁻⁷ of the
    // value (10.02 on 98,765,432.1) from cancellation (audit F7).
    let dir =
        run_saving_draws("id,c0,c1\na,123456789.123,0.3\nb,98765432.1,0.7\nc,55555555.5,0.1\n");
    for c in ["c0", "c1"] {
        for (site, mean, sd) in summaries(&dir, c) {
            assert_eq!(sd, 0.0, "{c} of {site}");
            let x = drawn(&dir, Some(c))[&site][0];
            assert!(
                (mean - x).abs() <= 1e-11 * x.abs(),
                "{c} of {site}: {mean} vs {x}"
            );
        }
    }
    let ranking = Csv::parse(&dir.read("o/ranking.csv"));
    assert!(ranking.numbers("score_sd").iter().all(|&s| s == 0.0));
    assert!(drawn(&dir, None).values().all(|v| v.len() == 1));
    // Their percentiles are the value, not the sketch's bucket within 0.5 % of it (a
    // constant 0.3 showed p05 = p50 = p95 = 0.29966…).
    assert_percentiles_are_the_mean(&dir);
}

/// In ranking.csv and criteria.csv, every percentile equals the mean.
fn assert_percentiles_are_the_mean(dir: &Dir) {
    for (file, mean, ps) in [
        (
            "o/ranking.csv",
            "score_mean",
            ["score_p05", "score_p50", "score_p95"],
        ),
        ("o/criteria.csv", "mean", ["p05", "p50", "p95"]),
    ] {
        let t = Csv::parse(&dir.read(file));
        let means = t.numbers(mean);
        for p in ps {
            assert_eq!(t.numbers(p), means, "{file}: {p} against {mean}");
        }
    }
}

/// A run of one draw: the percentiles of each score and value are that draw's, as its mean
/// is (they came from the sketch, up to 0.5 % away: a p50 unequal to the mean of one value).
#[test]
fn one_draw_has_its_value_as_every_percentile() {
    let dir = Dir::with(&[
        (
            "sites.csv",
            "id,c0,c0_sd,c1\na,10,3,5\nb,20,3,9\nc,30,3,1\n",
        ),
        ("model.toml", TWO_CRITERIA),
        (
            "s.toml",
            "name = \"t\"\nmodel = \"model.toml\"\n\n[data]\nsites = \"sites.csv\"\n",
        ),
    ]);
    dir.run(&[
        "run",
        "s.toml",
        "--draws",
        "1",
        "--out",
        "o",
        "-q",
        "--no-plots",
    ])
    .ok();
    assert_percentiles_are_the_mean(&dir);
}

#[test]
fn a_state_of_the_earlier_format_is_refused_by_name() {
    let dir = run_saving_draws("id,c0,c0_sd,c1\na,0,1,1\nb,0,1,2\nc,0,1,3\n");
    let state = dir.read("o/state.json").replace("\"format\":2,", "");
    dir.write("o/state.json", &state);
    dir.run(&["report", "o"])
        .bad_input()
        .stderr_has("written by another version of dcsite (state format 1;");
}
