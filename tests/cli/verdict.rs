use super::*;

/// Xiaomi's overseas users: Frankfurt wins most draws, The Dalles is its closest rival.
/// The verdict names both, with their head-to-head share from pairwise.csv; when the
/// table's rank 1 (by expected rank) is another site, it says so (tested in the unit
/// tests of report::verdict).
#[test]
fn xiaomi_names_the_site_that_wins_most_and_explains_the_table() {
    let dir = Dir::new();
    let scenario = repo().join("examples/xiaomi-overseas.toml");
    let run = dir.run(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        "out",
        "--draws",
        "2000",
        "--report",
        "-q",
    ]);
    run.ok()
        .stdout_has("Verdict: Recommended: Frankfurt am Main (frankfurt)")
        .stdout_has("Closest rival: The Dalles, Oregon (the-dalles)");
    let s: serde_json::Value = serde_json::from_str(&dir.read("out/summary.json")).unwrap();
    let v = &s["verdict"];
    assert_eq!(v["recommended"]["site_id"], "frankfurt");
    assert_eq!(v["rival"]["site_id"], "the-dalles");
    let ranking = Csv::parse(&dir.read("out/ranking.csv"));
    let first = &ranking.rows[0][ranking.col("site_id")];
    if first == "frankfurt" {
        assert!(v["top_by_expected_rank"].is_null(), "{v}");
    } else {
        assert_eq!(&v["top_by_expected_rank"], first.as_str());
    }
    // head_to_head is P[frankfurt][the-dalles] from pairwise.csv.
    let pairwise = Csv::parse(&dir.read("out/pairwise.csv"));
    let row = pairwise.rows.iter().find(|r| r[0] == "frankfurt").unwrap();
    let h: f64 = row[pairwise.col("the-dalles")].parse().unwrap();
    assert_eq!(v["rival"]["head_to_head"].as_f64().unwrap(), h);
    assert!(h > 0.5, "Frankfurt beats The Dalles head to head: {h}");
    // The base case's winner, and the smallest weight change that hands first place to
    // another site.
    let base_winner = v["weight_change"]["base_winner"].as_str().unwrap();
    assert_ne!(v["weight_change"]["site_id"].as_str().unwrap(), base_winner);
    assert!(v["weight_change"]["distance"].as_f64().unwrap() > 0.0);
    let html = dir.read("out/report.html");
    assert!(html.contains("<h2 id=\"verdict\">Verdict</h2>"));
    assert!(html.contains("What the columns mean"));
    for col in ["P(first)", "expected rank", "score p05–p95", "confidence"] {
        assert!(
            html.contains(&format!("<dt>{col}</dt>")),
            "{col} not defined"
        );
    }
}

#[test]
fn run_help_defines_the_table_columns() {
    let help = Dir::new().run(&["run", "--help"]);
    for col in ["P(1st)", "E[rank]", "score p05–p95", "feasible", "verdict"] {
        help.ok().stdout_has(col);
    }
}
