use super::*;

#[test]
fn base_case_with_no_feasible_site_is_bad_input_naming_the_rule() {
    let d = Dir::new();
    d.write("apple.toml", &apple_with_countries(r#"["HK", "TW", "SG"]"#));
    let r = d.run(&["run", "apple.toml", "--draws", "50", "--no-plots", "-q"]);
    r.bad_input()
        .stderr_has("no candidate site passes the hard rules in the base case")
        .stderr_has("rules[0] (residency of china) screens out");
    assert!(!d.exists("runs"), "nothing is written");
    // sensitivity and explain build the same world: no winner is named either.
    d.run(&["sensitivity", "apple.toml"])
        .bad_input()
        .stderr_has("residency of china");
}

#[test]
fn a_threshold_no_site_meets_is_named() {
    let d = fixture("[[rules]]\nkind = \"threshold\"\ncriterion = \"cost\"\nmax = 5\n");
    d.run(&["run", "scenario.toml", "-q", "--no-plots"])
        .bad_input()
        .stderr_has("rules[0] (cost ≤ 5) screens out 4 of 4: a, b, c, d");
}

#[test]
fn draws_with_no_feasible_site_rank_nobody_and_are_reported() {
    let d = fixture(
        "[[events]]\nname = \"outage\"\nprobability = 0.3\neffect = \"infeasible\"\nsites = [\"a\", \"b\", \"c\", \"d\"]\n",
    );
    let r = d.run(&["run", "scenario.toml", "--out", "o", "-q", "--no-plots"]);
    r.ok().stderr_has("no site is feasible in");
    let s = summary(&d, "o");
    let share = s["no_feasible_share"].as_f64().unwrap();
    assert!((share - 0.3).abs() < 0.05, "{share}");
    let ranking = Csv::parse(&d.read("o/ranking.csv"));
    let p: f64 = ranking.numbers("p_first").iter().sum();
    assert!((p - (1.0 - share)).abs() < 1e-9, "P(first) sums to {p}");
    for c in ranking.column("confidence_factor") {
        if let Ok(c) = c.parse::<f64>() {
            assert!(c <= 1.0 - share + 1e-9, "confidence {c} > {}", 1.0 - share);
        }
    }
    assert!(
        s["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("no site is feasible in"))
    );
    let acc = Csv::parse(&d.read("o/acceptability.csv"));
    let rank1: f64 = acc.numbers("rank_1").iter().sum();
    assert!((rank1 - (1.0 - share)).abs() < 1e-9);
}

#[test]
fn expected_rank_without_any_feasible_draw_is_a_dash_not_nan() {
    let d = fixture(
        "[[events]]\nname = \"all\"\nprobability = 1\neffect = \"infeasible\"\nsites = [\"a\", \"b\", \"c\", \"d\"]\n",
    );
    let r = d.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "500",
        "--out",
        "o",
        "-q",
        "--no-plots",
        "--report",
    ]);
    r.ok();
    assert!(!r.stdout.contains("NaN"), "{}", r.stdout);
    // So does report.html, where the CSV cell is empty.
    let html = d.read("o/report.html");
    assert!(!html.contains("NaN"), "report.html shows NaN");
    let row = html
        .split("<tr")
        .find(|r| r.contains("<code>a</code>"))
        .unwrap();
    // P(first) 0, then the expected rank.
    assert!(
        row.contains("<td class=\"n\">0</td><td class=\"n\">–</td>"),
        "{row}"
    );
    let rows: Vec<&str> = r.stdout.lines().filter(|l| l.contains("(a)")).collect();
    assert_eq!(rows.len(), 1, "{}", r.stdout);
    assert!(rows[0].contains(" —  "), "{}", rows[0]);
    // The files leave it empty.
    let ranking = Csv::parse(&d.read("o/ranking.csv"));
    assert!(ranking.column("expected_rank").iter().all(|c| c.is_empty()));
}

#[test]
fn an_infeasible_site_never_takes_rank_one() {
    // a is the best site but fails the rule whenever its cost factor pushes it above 12.
    let d = fixture(
        "[[rules]]\nkind = \"threshold\"\ncriterion = \"cost\"\nmax = 12\n\
         [[events]]\nname = \"x\"\nprobability = 0.5\neffect = \"criterion-shock\"\ncriterion = \"cost\"\nsites = [\"a\"]\nfactor = 2\n",
    );
    d.run(&["run", "scenario.toml", "--out", "o", "-q", "--no-plots"])
        .ok();
    let s = summary(&d, "o");
    assert!(s["no_feasible_share"].as_f64().unwrap() > 0.4);
    for site in s["results"].as_array().unwrap() {
        if site["site_id"] != "a" {
            assert_eq!(site["p_first"].as_f64(), Some(0.0), "{site}");
            assert!(site["confidence_factor"].is_null(), "{site}");
        }
    }
}

/// A share just below 1 (a site infeasible in 3 of 10,000 draws) is not rounded up to
/// "100.0%" in the verdict or report.html: they say "> 99.9%", as they say "< 0.1%" for a
/// rare event, and ranking.csv has the exact share.
#[test]
fn a_share_just_below_one_is_not_shown_as_100_percent() {
    let d = fixture(
        "[[events]]\nname = \"rare\"\nprobability = 0.0004\neffect = \"infeasible\"\nsites = [\"a\"]\n",
    );
    let r = d.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "10000",
        "--out",
        "o",
        "-q",
        "--no-plots",
        "--report",
    ]);
    r.ok();
    let ranking = Csv::parse(&d.read("o/ranking.csv"));
    let p = ranking.numbers("p_first")[0];
    assert!(p < 1.0 && p > 0.9995, "site a first in {p}");
    let text = summary(&d, "o")["verdict"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        text.contains("ranks first in > 99.9% of the draws"),
        "{text}"
    );
    assert!(!text.contains("100.0%"), "{text}");
    let html = d.read("o/report.html");
    let row = html
        .split("<tr")
        .find(|r| r.contains("<code>a</code>"))
        .unwrap();
    // P(first) and feasible share below 1; a share of exactly 1 (site b's) stays 100.0%.
    assert!(row.contains("<td class=\"n\">&gt; 99.9%</td>"), "{row}");
    assert!(!row.contains("100.0%"), "{row}");
    assert!(html.contains("<td class=\"n\">100.0%</td>"));
}
