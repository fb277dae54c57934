//! The analysis commands: explain, latency, sensitivity, portfolio — success and bad input.

use crate::util::{Dir, repo};

fn example(name: &str) -> String {
    repo().join("examples").join(name).display().to_string()
}

#[test]
fn explain_shows_every_criterion_and_the_inputs() {
    let d = Dir::new();
    let r = d.run(&["explain", &example("apple-icloud-china.toml"), "gui-an"]);
    r.code(0);
    for needle in [
        "base-case rank",
        "energy_cost",
        "latency",
        "contribution",
        "RTT to the heaviest user points",
    ] {
        assert!(
            r.stdout.contains(needle),
            "missing {needle:?} in\n{}",
            r.stdout
        );
    }
}

#[test]
fn explain_an_unknown_site_names_the_candidates() {
    let d = Dir::new();
    let r = d.run(&["explain", &example("apple-icloud-china.toml"), "atlantis"]);
    r.code(2);
    assert!(
        r.stderr.contains("SITE = \"atlantis\"") && r.stderr.contains("candidates: gui-an"),
        "{}",
        r.stderr
    );
}

#[test]
fn latency_matrix_hand_checked() {
    // Singapore–Beijing crosses two regions (corridor path) and China's filtered border:
    // its RTT must exceed the same-country pair's by far more than the distance alone.
    let d = Dir::with(&[(
        "a.csv",
        "id,lat,lon,country\nsg,1.29,103.85,SG\nbj,39.9,116.4,CN\n",
    )]);
    d.run(&[
        "latency", "--from", "a.csv", "--to", "a.csv", "--out", "m.csv",
    ])
    .code(0);
    let m = d.read("m.csv");
    let rows: Vec<&str> = m.lines().collect();
    assert_eq!(rows[0], "from_id,to_id,distance_km,rtt_ms");
    assert_eq!(rows.len(), 5);
    let rtt = |from: &str, to: &str| -> f64 {
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("{from},{to},")))
            .unwrap();
        row.rsplit(',').next().unwrap().parse().unwrap()
    };
    assert_eq!(
        rtt("sg", "sg"),
        9.0,
        "zero distance leaves the fixed overhead"
    );
    assert!(rtt("sg", "bj") > 100.0 && rtt("sg", "bj") == rtt("bj", "sg"));
}

#[test]
fn latency_rejects_a_file_without_coordinates() {
    let d = Dir::with(&[("a.csv", "id,x\nsg,1\n")]);
    let r = d.run(&["latency", "--from", "a.csv", "--to", "a.csv"]);
    r.code(2);
    assert!(
        r.stderr.contains("a.csv") && r.stderr.contains("column lat"),
        "{}",
        r.stderr
    );
}

#[test]
fn sensitivity_writes_its_tables() {
    let d = Dir::new();
    let r = d.run(&[
        "sensitivity",
        &example("apple-icloud-china.toml"),
        "--out",
        "sens",
        "--steps",
        "5",
    ]);
    r.code(0);
    for f in [
        "sweeps.csv",
        "winner_changes.csv",
        "min_weight_change.csv",
        "rank_reversal.csv",
        "methods.csv",
        "method_correlations.csv",
    ] {
        assert!(
            d.exists(&format!("sens/{f}")),
            "{f} missing; stdout:\n{}",
            r.stdout
        );
    }
    assert!(d.read("sens/sweeps.csv").lines().count() > 5);
}

#[test]
fn sensitivity_of_a_bad_scenario_writes_nothing() {
    let d = Dir::with(&[("s.toml", "name = \"x\"\nmodel = \"nope\"\n")]);
    d.run(&["sensitivity", "s.toml", "--out", "sens"]).code(2);
    assert!(!d.exists("sens"));
}

#[test]
fn portfolio_solves_each_k_and_writes_three_files() {
    let d = Dir::new();
    let r = d.run(&[
        "portfolio",
        &example("xiaomi-portfolio.toml"),
        "--k",
        "1..2",
        "--draws",
        "10",
        "--out",
        "pf",
    ]);
    r.code(0);
    for f in [
        "portfolio.csv",
        "assignment.csv",
        "portfolio_robustness.csv",
        "portfolio_map.png",
        "portfolio_map.svg",
    ] {
        assert!(
            d.exists(&format!("pf/{f}")),
            "{f} missing; stdout:\n{}",
            r.stdout
        );
    }
    let p = d.read("pf/portfolio.csv");
    assert!(p.lines().count() >= 3, "one row per K:\n{p}");
}

#[test]
fn portfolio_rejects_a_bad_k() {
    let d = Dir::new();
    let r = d.run(&[
        "portfolio",
        &example("xiaomi-portfolio.toml"),
        "--k",
        "3..1",
        "--out",
        "pf",
    ]);
    r.code(2);
    assert!(
        r.stderr.contains('k') || r.stderr.contains('K'),
        "{}",
        r.stderr
    );
    assert!(!d.exists("pf"));
}
