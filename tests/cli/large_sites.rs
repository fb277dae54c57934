//! Large-site mode (`simulation.top_k` / `--top-k`): truncated acceptability and a pairwise
//! shortlist, the same counts as a full run, and shards that merge to the same bytes.

use super::*;

/// Eight noisy sites; the scenario counts the top 3 ranks and a shortlist of 4.
fn eight_sites() -> Dir {
    let mut sites = String::from("id,cost,cost_sd,speed,speed_sd,flat\n");
    for (i, id) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
        let i = i as f64;
        sites += &format!("{id},{},{},{},{},7\n", 10.0 + 3.0 * i, 4.0, 9.0 - i, 2.0);
    }
    fixture(
        Some(&scenario_plus(
            "top_k = 3\nshortlist = 4\n\n[weights]\nmode = \"unknown\"\n",
        )),
        None,
        Some(&sites),
    )
}

fn run(dir: &Dir, out: &str, extra: &[&str]) {
    let mut args = vec![
        "run",
        "scenario.toml",
        "--draws",
        "1500",
        "--quiet",
        "--no-plots",
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    dir.run(&args).ok();
}

fn summary(dir: &Dir, out: &str) -> serde_json::Value {
    serde_json::from_str(&dir.read(&format!("{out}/summary.json"))).unwrap()
}

/// The truncated files hold exactly the full run's counts for the ranks and pairs they keep;
/// the ranking (expected rank, its sd, confidence factors) and central weights are the same
/// bytes.
#[test]
fn top_k_keeps_the_full_runs_counts_for_what_it_keeps() {
    let d = eight_sites();
    run(&d, "top", &[]);
    run(&d, "full", &["--top-k", "8"]);
    for file in ["ranking.csv", "central_weights.csv", "criteria.csv"] {
        assert_eq!(
            d.read(&format!("top/{file}")),
            d.read(&format!("full/{file}")),
            "{file}"
        );
    }
    let (top, full) = (
        Csv::parse(&d.read("top/acceptability.csv")),
        Csv::parse(&d.read("full/acceptability.csv")),
    );
    assert_eq!(top.header, ["site_id", "rank_1", "rank_2", "rank_3"]);
    assert_eq!(full.header.len(), 9);
    for (t, f) in top.rows.iter().zip(&full.rows) {
        assert_eq!(t[..], f[..4]);
    }
    // The shortlist: the 4 sites most often in the top 3, in scenario order.
    let in_top3 =
        |row: &Vec<String>| -> f64 { row[1..4].iter().map(|v| v.parse::<f64>().unwrap()).sum() };
    let mut by_top: Vec<(f64, &str)> = full
        .rows
        .iter()
        .map(|r| (in_top3(r), r[0].as_str()))
        .collect();
    by_top.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut expected: Vec<&str> = by_top[..4].iter().map(|x| x.1).collect();
    expected.sort();
    let (pt, pf) = (
        Csv::parse(&d.read("top/pairwise.csv")),
        Csv::parse(&d.read("full/pairwise.csv")),
    );
    assert_eq!(pt.header[1..], expected[..]);
    assert_eq!(pt.rows.len(), 4);
    for row in &pt.rows {
        let full_row = &pf.rows[pf
            .column("site_id")
            .iter()
            .position(|s| *s == row[0])
            .unwrap()];
        for (k, site) in pt.header.iter().enumerate().skip(1) {
            assert_eq!(row[k], full_row[pf.col(site)], "P[{}][{site}]", row[0]);
        }
    }
    let (s, f) = (summary(&d, "top"), summary(&d, "full"));
    assert_eq!(
        (s["top_k"].as_u64(), s["shortlist"].as_u64()),
        (Some(3), Some(4))
    );
    assert!(f.get("top_k").is_none() && f.get("shortlist").is_none());
    assert_eq!(s["verdict"], f["verdict"]);
    let text = s["verdict"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("Recommended: ") && !text.contains(", ."),
        "{text}"
    );
}

/// Shards of a large-site run merge, in one step or in two phases, to the whole run's bytes
/// (the shortlist's pairs come from the confidence pass, sharded too); shards run with
/// different --top-k are refused.
#[test]
fn large_site_shards_merge_to_the_whole_run() {
    let d = eight_sites();
    run(&d, "whole", &[]);
    run(&d, "s1", &["--shard", "1/2"]);
    run(&d, "s2", &["--shard", "2/2"]);
    let shard_pairs = Csv::parse(&d.read("s1/pairwise.csv"));
    assert_eq!(
        shard_pairs.header,
        ["site_id"],
        "a shard has no shortlist yet"
    );
    d.run(&["merge", "s1", "s2", "--out", "one"]).ok();
    d.run(&["merge", "s1", "s2", "--first-pass", "--out", "fp"])
        .ok();
    d.run(&["confidence", "fp", "--shard", "1/2", "--out", "c1"])
        .ok();
    d.run(&["confidence", "fp", "--shard", "2/2", "--out", "c2"])
        .ok();
    d.run(&["merge", "fp", "--confidence", "c1", "c2", "--out", "two"])
        .ok();
    let whole = csv_files(&d.join("whole"));
    for merged in ["one", "two"] {
        let files = csv_files(&d.join(merged));
        assert_same_files(&whole, &files, &format!("{merged} against the whole run"));
        assert_eq!(
            d.read(&format!("{merged}/state.json")),
            d.read("whole/state.json")
        );
    }
    run(&d, "s2full", &["--shard", "2/2", "--top-k", "8"]);
    d.run(&["merge", "s1", "s2full", "--out", "mixed"])
        .bad_input()
        .stderr_has("top_k")
        .stderr_has("--top-k");
    assert!(!d.exists("mixed"), "nothing written");
}

#[test]
fn bad_top_k_and_shortlist_are_refused() {
    let d = fixture(
        Some(&scenario_plus("top_k = 0\nshortlist = 1\n")),
        None,
        None,
    );
    d.run(&["run", "scenario.toml", "--out", "o", "-q"])
        .bad_input()
        .stderr_has("simulation.top_k = 0: must be ≥ 1")
        .stderr_has("simulation.shortlist = 1: must be ≥ 2");
    let d = fixture(None, None, None);
    d.run(&["run", "scenario.toml", "--top-k", "0", "--out", "o", "-q"])
        .bad_input()
        .stderr_has("'--top-k <TOP_K>': must be ≥ 1");
    assert!(!d.exists("o"), "nothing written");
}
