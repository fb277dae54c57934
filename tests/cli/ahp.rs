use super::*;

/// The Apple example with AHP weights over the balanced model's eight criteria.
fn scenario(weights: &str) -> String {
    let text = std::fs::read_to_string(repo().join("examples/apple-icloud-china.toml"))
        .unwrap()
        .replace("mode = \"intervals\"", weights);
    assert!(text.contains("mode = \"ahp\""));
    text
}

const CONSISTENT: &str = "mode = \"ahp\"\nahp_spread = 1\npairwise = [\n  [2, 3, 3, 2, 5, 5, 4],\n  [2, 2, 1, 4, 4, 3],\n  [1, 1, 3, 3, 2],\n  [1, 3, 3, 2],\n  [3, 3, 2],\n  [1, 0.5],\n  [0.5],\n]";

#[test]
fn a_run_reports_the_ahp_weights_and_consistency() {
    let dir = Dir::with(&[("ahp.toml", &scenario(CONSISTENT))]);
    let run = dir.run(&[
        "run",
        "ahp.toml",
        "--out",
        "out",
        "--draws",
        "500",
        "--no-plots",
        "-q",
        "--save-draws",
        "3",
    ]);
    run.ok()
        .stdout_has("AHP weights: energy_cost=0.289")
        .stdout_has("AHP consistency: λmax 8.098, CI 0.014, CR 0.010 (RI 1.41");
    let s: serde_json::Value = serde_json::from_str(&dir.read("out/summary.json")).unwrap();
    assert_eq!(s["weights_mode"], "ahp");
    let ahp = &s["ahp"];
    assert_eq!(ahp["random_index"], 1.41);
    assert_eq!(ahp["spread"], 1.0);
    assert_eq!(ahp["weights"].as_array().unwrap().len(), 8);
    let cr = ahp["consistency_ratio"].as_f64().unwrap();
    assert!(cr > 0.0 && cr < 0.1, "{cr}");
    // The AHP weights are the base case's weights (criteria.csv) ...
    let criteria = Csv::parse(&dir.read("out/criteria.csv"));
    let w = criteria.numbers("weight")[0];
    assert_abs_diff_eq!(
        w,
        ahp["weights"][0]["weight"].as_f64().unwrap(),
        epsilon = 0.0
    );
    // ... and with a spread each draw has its own.
    let draws = Csv::parse(&dir.read("out/draws.csv"));
    let first: Vec<f64> = draws
        .rows
        .iter()
        .filter(|r| {
            r[draws.col("criterion")] == "energy_cost" && r[draws.col("site_id")] == "qingyang"
        })
        .map(|r| r[draws.col("weight")].parse().unwrap())
        .collect();
    assert_eq!(first.len(), 3);
    assert!(first[0] != first[1] && first[1] != first[2], "{first:?}");
}

#[test]
fn inconsistent_judgements_warn_or_fail_with_ahp_max_cr() {
    // energy_cost ≫ latency ≫ gov_access ≫ energy_cost: a cycle.
    let cycle = CONSISTENT
        .replace("[2, 3, 3, 2, 5, 5, 4]", "[9, 0.111, 3, 2, 5, 5, 4]")
        .replace("[2, 2, 1, 4, 4, 3]", "[9, 2, 1, 4, 4, 3]");
    let dir = Dir::with(&[
        ("warn.toml", &scenario(&cycle)),
        (
            "fail.toml",
            &scenario(&format!("{cycle}\nahp_max_cr = 0.1")),
        ),
    ]);
    dir.run(&[
        "run",
        "warn.toml",
        "--out",
        "o",
        "--draws",
        "0",
        "--no-plots",
    ])
    .ok()
    .stderr_has("warning: warn.toml: AHP consistency ratio")
    .stdout_has("inconsistent");
    let s: serde_json::Value = serde_json::from_str(&dir.read("o/summary.json")).unwrap();
    assert!(s["ahp"]["consistency_ratio"].as_f64().unwrap() > 0.1);
    dir.run(&["validate", "fail.toml"])
        .bad_input()
        .stderr_has("fail.toml: weights.pairwise: consistency ratio")
        .stderr_has("> ahp_max_cr = 0.1");
}
