//! An analyst's own sites file: `id` plus numeric columns, a model of column criteria.

use super::*;

fn ranking(dir: &Dir) -> Csv {
    Csv::parse(&dir.read("out/ranking.csv"))
}

/// Worked example, base case (`--draws 0`), WSM with min-max normalisation over the
/// four candidates:
///
/// | site | cost (min) | speed (max) | flat (max) |
/// |------|-----------:|------------:|-----------:|
/// | a    | 10         | 5           | 7          |
/// | b    | 20         | 9           | 7          |
/// | c    | 30         | 1           | 7          |
/// | d    | 15         | 3           | 7          |
///
/// Weights 2, 1, 1 → normalised 0.5, 0.25, 0.25.
/// cost, a cost criterion: (max − x)/(max − min) = (30 − x)/20 → a 1, b 0.5, c 0, d 0.75.
/// speed, a benefit: (x − min)/(max − min) = (x − 1)/8 → a 0.5, b 1, c 0, d 0.25.
/// flat is constant → 0.5 for every site.
/// Scores: a = 0.5·1    + 0.25·0.5  + 0.25·0.5 = 0.75
///         b = 0.5·0.5  + 0.25·1    + 0.125    = 0.625
///         c = 0.5·0    + 0.25·0    + 0.125    = 0.125
///         d = 0.5·0.75 + 0.25·0.25 + 0.125    = 0.5625
/// Ranking: a, b, d, c.
#[test]
fn own_csv_ranks_as_computed_by_hand() {
    let dir = fixture(None, None, None);
    dir.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "0",
        "--out",
        "out",
        "--quiet",
    ])
    .ok();
    let r = ranking(&dir);
    assert_eq!(r.column("site_id"), ["a", "b", "d", "c"]);
    assert_eq!(r.column("rank"), ["1", "2", "3", "4"]);
    let expected = [0.75, 0.625, 0.5625, 0.125];
    for (got, want) in r.numbers("score_base").iter().zip(expected) {
        assert_abs_diff_eq!(*got, want, epsilon = 1e-12);
    }
    assert_eq!(r.column("feasible_base"), ["true"; 4]);
    assert_eq!(r.column("broken_rule_base"), [""; 4]);
    // The criteria's raw values are echoed in the site's row.
    assert_eq!(r.numbers("cost"), [10.0, 20.0, 15.0, 30.0]);
}

/// Same sites, a rule `cost ≥ 12`: a (cost 10) breaks it and is screened out, so the
/// normalisation runs over b, c and d only, and a's values are held to their range
/// (cost 10 → 15) before they are normalised on the same scale:
/// cost (30 − x)/15 → b 2/3, c 0, d 1, a 1; speed (x − 1)/8 → b 1, c 0, d 0.25, a 0.5;
/// flat 0.5. Scores: b = 0.5·2/3 + 0.25 + 0.125 = 0.708333…, d = 0.5 + 0.0625 + 0.125 =
/// 0.6875, c = 0.125, a = 0.5 + 0.125 + 0.125 = 0.75 (best score, but infeasible: last).
#[test]
fn threshold_rule_makes_a_site_infeasible_and_last() {
    let dir = fixture(
        Some(&scenario_plus(
            "[[rules]]\nkind = \"threshold\"\ncriterion = \"cost\"\nmin = 12\n",
        )),
        None,
        None,
    );
    dir.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "0",
        "--out",
        "out",
        "--quiet",
    ])
    .ok();
    let r = ranking(&dir);
    assert_eq!(r.column("site_id"), ["b", "d", "c", "a"]);
    assert_eq!(r.column("feasible_base"), ["true", "true", "true", "false"]);
    let broken = r.column("broken_rule_base");
    assert_eq!(&broken[..3], ["", "", ""]);
    assert!(
        broken[3].contains("cost") && broken[3].contains("12"),
        "broken_rule_base should name the rule: {:?}",
        broken[3]
    );
    let expected = [0.5 * 2.0 / 3.0 + 0.375, 0.6875, 0.125, 0.75];
    for (got, want) in r.numbers("score_base").iter().zip(expected) {
        assert_abs_diff_eq!(*got, want, epsilon = 1e-12);
    }
}

/// With Monte Carlo draws but no uncertainty at all (no sd columns, exact weights), every
/// draw is the base case: a is first in every draw.
#[test]
fn no_uncertainty_means_every_draw_is_the_base_case() {
    let dir = fixture(None, None, None);
    dir.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "300",
        "--out",
        "out",
        "--quiet",
    ])
    .ok();
    let acc = Csv::parse(&dir.read("out/acceptability.csv"));
    let ids = acc.column("site_id");
    let a = ids.iter().position(|&s| s == "a").expect("site a");
    assert_eq!(acc.rows[a][acc.col("rank_1")], "1");
    let r = ranking(&dir);
    assert_eq!(r.column("site_id"), ["a", "b", "d", "c"]);
    assert_eq!(r.numbers("expected_rank"), [1.0, 2.0, 3.0, 4.0]);
}

/// Two sites with the same values and no uncertainty tie in every draw and share their rank
/// (SMAA-2's rank: 1 + the number of sites strictly better), as docs/methods.md says: both
/// first in every draw, neither above the other, the next site third. The run says so.
#[test]
fn identical_candidates_share_their_rank_and_are_named() {
    let sites = "id,cost,speed,flat\nb,20,9,7\na,10,5,7\nc,30,1,7\na2,10,5,7\n";
    let dir = fixture(None, None, Some(sites));
    dir.run(&["run", "scenario.toml", "--out", "out", "--quiet"])
        .ok()
        .stderr_has("warning: scenario.toml: sites a and a2 have the same base-case value on every criterion")
        .stderr_has("they tie and share a rank");
    let r = ranking(&dir);
    assert_eq!(r.column("site_id"), ["a", "a2", "b", "c"]);
    assert_eq!(r.numbers("p_first"), [1.0, 1.0, 0.0, 0.0]);
    assert_eq!(r.numbers("expected_rank"), [1.0, 1.0, 3.0, 4.0]);
    let p = Csv::parse(&dir.read("out/pairwise.csv"));
    let ids = p.column("site_id");
    let (a, a2) = (
        ids.iter().position(|&s| s == "a").unwrap(),
        ids.iter().position(|&s| s == "a2").unwrap(),
    );
    assert_eq!(p.rows[a][p.col("a2")], "0");
    assert_eq!(p.rows[a2][p.col("a")], "0");
    assert_eq!(p.rows[a2][p.col("b")], "1");
    let cw = Csv::parse(&dir.read("out/central_weights.csv"));
    let row = |id: &str| {
        cw.rows
            .iter()
            .find(|r| r[cw.col("site_id")] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(row("a")[cw.col("confidence_factor")], "1");
    assert_eq!(row("a")[2..], row("a2")[2..]);
    // The verdict says they tie and does not call the first of them a clear winner that beats
    // its twin in no draw (found by a review).
    let summary: serde_json::Value = serde_json::from_str(&dir.read("out/summary.json")).unwrap();
    let text = summary["verdict"]["text"].as_str().unwrap();
    assert!(
        text.contains("(tied for first with a2 (a2) in 100.0% of them: they share the rank)")
            && text.contains("they tie (share a rank) in 100.0%")
            && !text.contains("a clear winner"),
        "{text}"
    );
    // sensitivity: the CSVs give the shared ranks, the summary names the tie.
    let r = dir.run(&["sensitivity", "scenario.toml", "--out", "sens"]);
    assert!(
        r.ok().stdout.contains("Winner: a, tied with a2"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("a wins from 0 to 1, tied with a2"),
        "{}",
        r.stdout
    );
    let m = Csv::parse(&dir.read("sens/min_weight_change.csv"));
    let a2 = m.rows.iter().find(|r| r[m.col("site_id")] == "a2").unwrap();
    assert_eq!(a2[m.col("base_rank")], "1");
    // Distinct sites: no such warning.
    let dir = fixture(None, None, None);
    let run = dir.run(&["run", "scenario.toml", "--out", "out", "--quiet"]);
    assert!(
        !run.ok().stderr.contains("same base-case value"),
        "{}",
        run.stderr
    );
}

/// A criterion factor multiplies the criterion at every site in a draw, which min-max
/// normalisation undoes: no score changes, and the run says so instead of presenting the
/// factor as an uncertainty it modelled. A threshold rule on the criterion makes it matter
/// (feasibility moves with it), and then there is no warning.
#[test]
fn a_criterion_factor_that_changes_no_score_is_named() {
    let factor = "[uncertainty.criteria]\ncost = { dist = \"uniform\", min = 0.5, max = 2 }\n";
    let warning = "uncertainty.criteria.cost: one factor per draw multiplies cost at every site, and under wsm with min-max normalisation that changes no score";
    let dir = fixture(Some(&scenario_plus(factor)), None, None);
    dir.run(&["run", "scenario.toml", "--out", "out", "--quiet"])
        .ok()
        .stderr_has(warning);
    let plain = fixture(None, None, None);
    plain
        .run(&["run", "scenario.toml", "--out", "out", "--quiet"])
        .ok();
    assert_eq!(
        dir.read("out/acceptability.csv"),
        plain.read("out/acceptability.csv")
    );
    let rule = "[[rules]]\nkind = \"threshold\"\ncriterion = \"cost\"\nmin = 12\n";
    let ruled = fixture(
        Some(&scenario_plus(&format!("{rule}\n{factor}"))),
        None,
        None,
    );
    let run = ruled.run(&["run", "scenario.toml", "--out", "out", "--quiet"]);
    assert!(
        !run.ok().stderr.contains("uncertainty.criteria.cost"),
        "{}",
        run.stderr
    );
}

/// In `intervals` mode a point weight outside its `weight_range` (after normalisation) is a
/// base case that no draw comes near: the run says so. Weights 2, 1, 1 normalise to 0.5,
/// 0.25, 0.25; cost's range is [0.1, 0.3].
#[test]
fn a_point_weight_outside_its_range_is_named() {
    let model = MODEL.replacen("weight = 2", "weight = 2\nweight_range = [0.1, 0.3]", 1);
    let scenario = scenario_plus("[weights]\nmode = \"intervals\"\n");
    let dir = fixture(Some(&scenario), Some(&model), None);
    dir.run(&["validate", "scenario.toml"])
        .ok()
        .stderr_has("point weights outside their weight_range once the weights are normalised to sum to 1: cost 0.500 (range [0.1, 0.3]);");
    // Within the range: no warning.
    let model = MODEL.replacen("weight = 2", "weight = 2\nweight_range = [0.4, 0.6]", 1);
    let dir = fixture(Some(&scenario), Some(&model), None);
    let run = dir.run(&["validate", "scenario.toml"]);
    run.ok();
    assert!(!run.stderr.contains("point weight"), "{}", run.stderr);
}

/// A carbon price given in `[facility]` and as an `[uncertainty]` distribution: the facility
/// value is not used, and the run says so (it was silently ignored: 10 and 500 gave the same
/// state.json; found by an audit, December 2026). So is a point weight against the ordinal
/// ranking, which the base case uses and no draw comes near.
#[test]
fn an_overridden_carbon_price_and_weights_against_the_ranking_are_named() {
    let both = "[uncertainty]\ncarbon_price_usd_t = { dist = \"uniform\", min = 5, max = 15 }\n";
    let scenario = scenario_plus(&format!("{both}\n[facility]\ncarbon_price_usd_t = 500\n"));
    fixture(Some(&scenario), None, None)
        .run(&["validate", "scenario.toml"])
        .ok()
        .stderr_has("facility.carbon_price_usd_t = 500 is not used: uncertainty.carbon_price_usd_t gives the carbon price");
    let ordinal =
        scenario_plus("[weights]\nmode = \"ordinal\"\nranking = [\"speed\", \"cost\", \"flat\"]\n");
    fixture(Some(&ordinal), None, None)
        .run(&["validate", "scenario.toml"])
        .ok()
        .stderr_has("point weights against weights.ranking: speed 0.25 below cost 0.5");
}

/// Inputs that change no score or rank because nothing reads them are named: a carbon price
/// with no energy criterion, an event of probability 0 (each was accepted without a word;
/// found by an audit, December 2026).
#[test]
fn inputs_that_nothing_reads_are_named() {
    let extra = "[uncertainty]\ncarbon_price_usd_t = { dist = \"uniform\", min = 5, max = 15 }\n\n[[events]]\nname = \"never\"\nprobability = 0\neffect = \"infeasible\"\nsites = [\"a\"]\n";
    fixture(Some(&scenario_plus(extra)), None, None)
        .run(&["validate", "scenario.toml"])
        .ok()
        .stderr_has("the carbon price: no criterion reads an energy metric")
        .stderr_has("events[0] (\"never\") has probability 0: it never happens");
}
