//! No silent wrong answers (issue 14): every bad input, fault and edge case gets a clear
//! error or warning. Each test here failed on the code before the fix it pins.

use crate::util::{Csv, Dir, repo};

const MODEL: &str = r#"name = "mine"

[[criteria]]
id = "cost"
column = "cost"
direction = "min"
weight = 2

[[criteria]]
id = "speed"
column = "speed"
direction = "max"
weight = 1
"#;

const SITES: &str = "id,cost,speed\na,10,5\nb,20,9\nc,30,1\nd,15,3\n";

const SCENARIO: &str = r#"name = "mine"
model = "model.toml"

[data]
sites = "mine.csv"

[simulation]
draws = 2000
seed = 7
"#;

/// The scenario, model and sites file, the scenario with `extra` appended.
fn fixture(extra: &str) -> Dir {
    Dir::with(&[
        ("scenario.toml", &format!("{SCENARIO}\n{extra}")),
        ("model.toml", MODEL),
        ("mine.csv", SITES),
    ])
}

/// The apple example with `[candidates]` countries replaced.
fn apple_with_countries(countries: &str) -> String {
    let text = std::fs::read_to_string(repo().join("examples/apple-icloud-china.toml")).unwrap();
    let start = text.find("countries = [").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    format!("{}countries = {countries}{}", &text[..start], &text[end..])
}

fn summary(dir: &Dir, out: &str) -> serde_json::Value {
    serde_json::from_str(&dir.read(&format!("{out}/summary.json"))).unwrap()
}

mod no_feasible_site {
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
}

mod bounds {
    use super::*;

    /// `validate` and `run` both refuse the scenario (exit 2), naming `key` and `value`.
    #[track_caller]
    fn refused(extra: &str, key: &str, allowed: &str) {
        let d = fixture(extra);
        for args in [
            &["validate", "scenario.toml"][..],
            &["run", "scenario.toml", "-q", "--no-plots"],
        ] {
            d.run(args)
                .bad_input()
                .stderr_has(&format!("scenario.toml: {key}"))
                .stderr_has(allowed);
        }
        assert!(!d.exists("runs"));
    }

    #[test]
    fn huge_it_load_is_refused() {
        refused(
            "[facility]\nit_load_mw = 1e308\n",
            "facility.it_load_mw = 100000000",
            "must be > 0 and ≤ 10000",
        );
    }

    #[test]
    fn carbon_price_distributions_are_bounded() {
        refused(
            "[uncertainty]\ncarbon_price_usd_t = { dist = \"normal\", mean = 1e308, sd = 1 }\n",
            "uncertainty.carbon_price_usd_t.mean = 1",
            "must be between 0 and 10000",
        );
        refused(
            "[uncertainty]\ncarbon_price_usd_t = { dist = \"triangular\", min = 5, mode = 10, max = 1e308 }\n",
            "uncertainty.carbon_price_usd_t.max",
            "must be between 0 and 10000",
        );
        refused(
            "[uncertainty]\ncarbon_price_usd_t = { dist = \"normal\", mean = 50, sd = 1e9 }\n",
            "uncertainty.carbon_price_usd_t.sd",
            "must be ≤ 10000",
        );
        refused(
            "[uncertainty]\ncarbon_price_usd_t = { dist = \"lognormal\", median = 50, sigma = 40 }\n",
            "uncertainty.carbon_price_usd_t.sigma",
            "must be ≤ 2",
        );
    }

    #[test]
    fn a_negative_fixed_carbon_price_is_refused() {
        refused(
            "[uncertainty]\ncarbon_price_usd_t = { dist = \"fixed\", value = -20 }\n",
            "uncertainty.carbon_price_usd_t.value = -20",
            "must be between 0 and 10000",
        );
    }

    #[test]
    fn route_factor_below_one_is_refused() {
        refused(
            "[uncertainty]\nroute_factor = { dist = \"uniform\", min = -1e308, max = 1.4 }\n",
            "uncertainty.route_factor.min",
            "must be between 1 and 5",
        );
    }

    #[test]
    fn other_unbounded_numbers_are_refused() {
        refused(
            "[facility]\nlatency_sla_ms = 1e300\n",
            "facility.latency_sla_ms",
            "≤ 10000",
        );
        refused(
            "[facility]\ncarbon_price_usd_t = 1e300\n",
            "facility.carbon_price_usd_t",
            "between 0 and 10000",
        );
        refused(
            "[[rules]]\nkind = \"threshold\"\ncriterion = \"cost\"\nmax = nan\n",
            "rules[0].max = NaN",
            "between",
        );
        refused(
            "[[events]]\nname = \"x\"\nprobability = 0.1\neffect = \"criterion-shock\"\ncriterion = \"cost\"\nsites = [\"a\"]\nfactor = 1e300\n",
            "events[0].factor",
            "between 0 and 100",
        );
        refused(
            "[uncertainty.criteria]\ncost = { dist = \"uniform\", min = -5, max = 2 }\n",
            "uncertainty.criteria.cost.min = -5",
            "between 0 and 100",
        );
    }

    #[test]
    fn huge_weights_are_refused() {
        let d = fixture("");
        d.write("model.toml", &MODEL.replace("weight = 2", "weight = 1e308"));
        d.run(&["validate", "scenario.toml"])
            .bad_input()
            .stderr_has("criteria[0].weight")
            .stderr_has("between 0 and 1000000");
    }
}
