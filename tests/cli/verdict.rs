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

/// An example with an `[[events]]` table appended, written into `dir` as `s.toml`.
fn with_event(dir: &Dir, example: &str, event: &str) -> String {
    let text = std::fs::read_to_string(repo().join("examples").join(example)).unwrap();
    dir.write("s.toml", &format!("{text}\n[[events]]\n{event}\n"));
    "s.toml".to_owned()
}

/// Nearly half of the draws make every site infeasible: those draws rank no site, in every output
/// (draws.csv leaves the rank empty, P[i][j] + P[j][i] = 1 − no_feasible_share, the
/// acceptability chart shows them as a band), and the
/// verdict's head-to-head says how the rest of the draws split.
#[test]
fn draws_without_a_feasible_site_rank_no_site_anywhere() {
    let dir = Dir::new();
    let s = with_event(
        &dir,
        "xiaomi-overseas.toml",
        r#"name = "all-down"
probability = 0.4
effect = "infeasible"
countries = ["CN", "HK", "SG", "IN", "JP", "US", "DE", "BR"]"#,
    );
    let args = ["run", &s, "--draws", "1000", "--save-draws", "1000"];
    let run = dir.run(&[&args[..], &["-q", "--out", "out"]].concat());
    run.ok();
    // The acceptability chart fills each bar with a band of its own for them.
    assert!(
        dir.read("out/plots/acceptability.svg")
            .contains("no site ranked")
    );
    let summary: serde_json::Value = serde_json::from_str(&dir.read("out/summary.json")).unwrap();
    let text = summary["verdict"]["text"].as_str().unwrap();
    assert!(text.contains("no site ranks in the other"), "{text}");
    let none = summary["no_feasible_share"].as_f64().unwrap();
    assert!((0.3..0.5).contains(&none), "{none}");
    let pairwise = Csv::parse(&dir.read("out/pairwise.csv"));
    let p = |i: usize, j: usize| -> f64 { pairwise.rows[i][j + 1].parse().unwrap() };
    for i in 0..pairwise.rows.len() {
        for j in (i + 1)..pairwise.rows.len() {
            assert_abs_diff_eq!(p(i, j) + p(j, i), 1.0 - none, epsilon = 1e-9);
        }
    }
    // draws.csv: a rank in every draw with a feasible site, none in the others.
    let draws = Csv::parse(&dir.read("out/draws.csv"));
    let (rank, feasible, draw) = (draws.col("rank"), draws.col("feasible"), draws.col("draw"));
    let mut any_feasible = std::collections::BTreeMap::<&str, bool>::new();
    for row in &draws.rows {
        *any_feasible.entry(&row[draw]).or_default() |= row[feasible] == "true";
    }
    for row in &draws.rows {
        let ranked = any_feasible[row[draw].as_str()];
        assert_eq!(row[rank].is_empty(), !ranked, "draw {}", row[draw]);
    }
    let unranked = any_feasible.values().filter(|&&f| !f).count();
    assert_abs_diff_eq!(unranked as f64 / 1000.0, none, epsilon = 1e-12);
}

/// The site that wins most draws is feasible in too few of them to be recommended: the
/// verdict says so, and names a site that can be recommended instead.
#[test]
fn the_verdict_says_why_the_most_frequent_winner_is_passed_over() {
    let dir = Dir::new();
    let s = with_event(
        &dir,
        "google-asia.toml",
        r#"name = "tokyo-quake"
probability = 0.6
effect = "infeasible"
sites = ["tokyo"]"#,
    );
    let run = dir.run(&[
        "run",
        &s,
        "--draws",
        "2000",
        "--no-plots",
        "-q",
        "--out",
        "out",
    ]);
    run.ok();
    let summary: serde_json::Value = serde_json::from_str(&dir.read("out/summary.json")).unwrap();
    let v = &summary["verdict"];
    assert_ne!(v["recommended"]["site_id"], "tokyo");
    let text = v["text"].as_str().unwrap();
    assert!(
        text.contains("but is not recommended: it meets every rule in only"),
        "{text}"
    );
}

/// An event certain to happen is not part of the base case: the run warns of it.
#[test]
fn an_event_of_probability_one_is_warned_of() {
    let dir = Dir::new();
    let s = with_event(
        &dir,
        "google-asia.toml",
        r#"name = "tokyo-quake"
probability = 1.0
effect = "infeasible"
sites = ["tokyo"]"#,
    );
    let warning = "events[1] (\"tokyo-quake\") has probability 1";
    dir.run(&["validate", &s]).ok().stderr_has(warning);
    let run = dir.run(&["run", &s, "--draws", "0", "--no-plots", "--out", "out"]);
    run.ok().stderr_has(warning);
    let summary: serde_json::Value = serde_json::from_str(&dir.read("out/summary.json")).unwrap();
    assert!(
        summary["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains(warning)),
        "{summary}"
    );
}

/// An event whose countries hold no candidate changes nothing (a typo, most likely): the
/// run warns of it.
#[test]
fn an_event_that_reaches_no_candidate_is_warned_of() {
    let dir = Dir::new();
    let s = with_event(
        &dir,
        "google-asia.toml",
        r#"name = "typo"
probability = 0.3
effect = "infeasible"
countries = ["XX"]"#,
    );
    dir.run(&["validate", &s])
        .ok()
        .stderr_has("events[1] (\"typo\") reaches no candidate site: no candidate is in XX");
}

/// A localisation law binds only the users in its countries: one in a country where no group
/// has users changes nothing (DE here; the Google example's users are in Asia and Oceania),
/// and validate and run warn of it. One in a country with users does not warn.
#[test]
fn a_localisation_where_no_users_are_is_warned_of() {
    let dir = Dir::new();
    let s = with_event(
        &dir,
        "google-asia.toml",
        r#"name = "de-law"
probability = 0.5
effect = "localization"
countries = ["DE"]
regime = "strict""#,
    );
    let warning = "events[1] (\"de-law\") localises DE, where no [[users]] group has users";
    dir.run(&["validate", &s]).ok().stderr_has(warning);
    let run = dir.run(&[
        "validate",
        &repo()
            .join("examples/google-asia.toml")
            .display()
            .to_string(),
    ]);
    run.ok();
    assert!(
        !run.stderr.contains("where no [[users]] group"),
        "{}",
        run.stderr
    );
}

/// A residency rule on users whose countries have no strict regime (India's is sectoral)
/// screens out nothing: the run warns of it, unless an event can make a country strict.
#[test]
fn a_residency_rule_that_cannot_bind_is_warned_of() {
    let dir = Dir::new();
    let text = std::fs::read_to_string(repo().join("examples/xiaomi-overseas.toml")).unwrap();
    let rule = "\n[[rules]]\nkind = \"residency\"\nusers = \"india\"\n";
    let warning =
        "(residency of india): no country of these users has a strict localisation regime";
    dir.write("s.toml", &format!("{text}{rule}"));
    dir.run(&["validate", "s.toml"]).ok().stderr_has(warning);
    let event = "\n[[events]]\nname = \"in-strict\"\nprobability = 0.2\neffect = \"localization\"\ncountries = [\"IN\"]\nregime = \"strict\"\n";
    dir.write("t.toml", &format!("{text}{rule}{event}"));
    let run = dir.run(&["validate", "t.toml"]);
    run.ok();
    assert!(!run.stderr.contains(warning), "{}", run.stderr);
}

/// `facility.sector = "payments"`: India's sectoral regime lists payments (RBI 2018), so a
/// residency rule on the Indian users screens out every site outside India and the run does
/// not warn of it; with `health` (not in India's list) nothing is screened and it warns.
#[test]
fn a_residency_rule_binds_through_the_facility_sector() {
    let dir = Dir::new();
    let text = std::fs::read_to_string(repo().join("examples/xiaomi-overseas.toml")).unwrap();
    let rule = "\n[[rules]]\nkind = \"residency\"\nusers = \"india\"\n";
    let with = |sector: &str| {
        format!("{text}{rule}").replace(
            "keys = \"onshore\"",
            &format!("keys = \"onshore\"\nsector = \"{sector}\""),
        )
    };
    let warning = "(residency of india): no country of these users has";
    dir.write("pay.toml", &with("payments"));
    let run = dir.run(&[
        "run",
        "pay.toml",
        "--draws",
        "20",
        "--out",
        "pay",
        "--no-plots",
    ]);
    run.ok();
    assert!(!run.stderr.contains(warning), "{}", run.stderr);
    let ranking = Csv::parse(&dir.read("pay/ranking.csv"));
    let (id, country, share, base) = (
        ranking.col("site_id"),
        ranking.col("country"),
        ranking.col("feasible_share"),
        ranking.col("feasible_base"),
    );
    assert_eq!(ranking.rows.len(), 10);
    for row in &ranking.rows {
        let indian = row[country] == "IN";
        assert_eq!(
            row[share].parse::<f64>().unwrap(),
            if indian { 1.0 } else { 0.0 },
            "{}",
            row[id]
        );
        assert_eq!(row[base], indian.to_string(), "{}", row[id]);
    }
    dir.write("health.toml", &with("health"));
    let run = dir.run(&[
        "run",
        "health.toml",
        "--draws",
        "20",
        "--out",
        "health",
        "--no-plots",
    ]);
    run.ok().stderr_has(&format!(
        "{warning} a strict localisation regime or a sectoral one that lists \"health\""
    ));
    let ranking = Csv::parse(&dir.read("health/ranking.csv"));
    let share = ranking.col("feasible_share");
    assert!(
        ranking
            .rows
            .iter()
            .all(|r| r[share].parse::<f64>().unwrap() == 1.0),
        "{:?}",
        ranking.rows
    );
}

/// Few draws: one draw won of one is "a clear winner" by the share alone, but its 95 %
/// Wilson interval is 21–100 %, across the lines between the verdict's words, so the
/// verdict says so; with 2,000 draws the Apple winner's interval is far above 75 % and the
/// verdict says nothing of it.
#[test]
fn a_verdict_on_few_draws_says_its_share_is_uncertain() {
    let dir = Dir::new();
    let scenario = repo().join("examples/apple-icloud-china.toml");
    let scenario = scenario.to_str().unwrap();
    let sentence = "With 1 draw that share is uncertain (95 % interval 20.7%–100.0%): run more draws before relying on this verdict.";
    dir.run(&[
        "run",
        scenario,
        "--out",
        "one",
        "--draws",
        "1",
        "--no-plots",
    ])
    .ok()
    .stdout_has("a clear");
    let s: serde_json::Value = serde_json::from_str(&dir.read("one/summary.json")).unwrap();
    assert!(
        s["verdict"]["text"].as_str().unwrap().contains(sentence),
        "{s}"
    );
    dir.run(&[
        "run",
        scenario,
        "--out",
        "many",
        "--draws",
        "2000",
        "--no-plots",
    ])
    .ok();
    let s: serde_json::Value = serde_json::from_str(&dir.read("many/summary.json")).unwrap();
    assert!(
        !s["verdict"]["text"]
            .as_str()
            .unwrap()
            .contains("is uncertain"),
        "{s}"
    );
}

/// The closest weight vector that puts b first raises `flat` too (the weights sum to 1 and
/// the projection spreads the shift), but `flat` is 7 at every site and changes no rank:
/// the verdict names the moves of cost and speed only.
#[test]
fn the_weight_change_leaves_out_a_criterion_equal_at_every_feasible_site() {
    let sites = "id,cost,speed,flat\na,10,5,7\nb,20,6,7\nc,20,1,7\n";
    let dir = fixture(None, None, Some(sites));
    let r = dir.run(&[
        "run",
        "scenario.toml",
        "--out",
        "out",
        "--quiet",
        "--no-plots",
    ]);
    r.ok().stdout_has("makes b first: cost 0.50 → 0.10, speed");
    let summary: serde_json::Value = serde_json::from_str(&dir.read("out/summary.json")).unwrap();
    let change = &summary["verdict"]["weight_change"];
    let named: Vec<&str> = change["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["criterion"].as_str().unwrap())
        .collect();
    assert_eq!(named, ["cost", "speed"], "{change}");
    assert!(
        !summary["verdict"]["text"]
            .as_str()
            .unwrap()
            .contains("flat")
    );
}
