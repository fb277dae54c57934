//! The command line, end to end: `dcsite` run in temporary directories on fixture files and
//! on the shipped examples. Exit codes: 0 ok, 1 runtime failure, 2 bad input.

use approx::assert_abs_diff_eq;

use crate::util::{Csv, Dir, all_files, csv_files, repo};

/// A model of column criteria only, for an analyst's own sites file.
const MODEL: &str = r#"name = "mine"
method = "wsm"
normalization = "min-max"

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

[[criteria]]
id = "flat"
column = "flat"
direction = "max"
weight = 1
"#;

/// `id` and numeric columns only: no name, country or coordinates.
const SITES: &str = "id,cost,speed,flat\na,10,5,7\nb,20,9,7\nc,30,1,7\nd,15,3,7\n";

const SCENARIO: &str = r#"name = "mine"
model = "model.toml"

[data]
sites = "mine.csv"

[simulation]
draws = 200
seed = 7
"#;

/// A directory with the scenario, model and sites file, each replaced where given.
fn fixture(scenario: Option<&str>, model: Option<&str>, sites: Option<&str>) -> Dir {
    Dir::with(&[
        ("scenario.toml", scenario.unwrap_or(SCENARIO)),
        ("model.toml", model.unwrap_or(MODEL)),
        ("mine.csv", sites.unwrap_or(SITES)),
    ])
}

/// `SCENARIO` with extra TOML appended (tables go after `[simulation]`).
fn scenario_plus(extra: &str) -> String {
    format!("{SCENARIO}\n{extra}")
}

mod bad_input {
    //! Each bad input: exit code 2, a message naming the file and the key or row/column,
    //! and no output directory.

    use super::*;
    use crate::util::Run;

    /// Runs the fixture and checks exit code 2 and that nothing was written.
    #[track_caller]
    fn rejected(dir: &Dir) -> Run {
        let run = dir.run(&["run", "scenario.toml", "--out", "out", "--quiet"]);
        run.bad_input();
        assert!(
            !dir.exists("out"),
            "bad input must write nothing, but out/ exists: {:?}\n{}",
            all_files(&dir.join("out")),
            run.stderr
        );
        assert!(
            run.stderr.starts_with("error: "),
            "errors start with `error: `:\n{}",
            run.stderr
        );
        run
    }

    #[track_caller]
    fn scenario(text: &str) -> Run {
        rejected(&fixture(Some(text), None, None))
    }

    #[track_caller]
    fn model(text: &str) -> Run {
        rejected(&fixture(None, Some(text), None))
    }

    #[track_caller]
    fn sites(text: &str) -> Run {
        rejected(&fixture(None, None, Some(text)))
    }

    #[test]
    fn malformed_toml_names_file_and_line() {
        scenario("name = \"mine\"\nmodel = \"model.toml\n[data]\nsites = \"mine.csv\"\n")
            .stderr_has("scenario.toml:2")
            .stderr_has("model = \"model.toml");
    }

    #[test]
    fn unknown_top_level_key() {
        scenario("name = \"mine\"\nmodel = \"model.toml\"\ncolour = \"red\"\n")
            .stderr_has("scenario.toml:3")
            .stderr_has("colour");
    }

    #[test]
    fn unknown_key_in_facility() {
        scenario(&scenario_plus("[facility]\nit_load_mw = 5\nit_load = 5\n"))
            .stderr_has("scenario.toml:13")
            .stderr_has("unknown field `it_load`");
    }

    #[test]
    fn cooling_parameter_out_of_range() {
        scenario(&scenario_plus(
            "[facility]\nfans = 1.5\nairside_max_dewpoint_c = 40\n",
        ))
        .stderr_has("scenario.toml: facility.fans = 1.5")
        .stderr_has("between 0 and 1")
        .stderr_has("facility.airside_max_dewpoint_c = 40")
        .stderr_has("between -20 and 30");
    }

    #[test]
    fn unknown_key_in_model_criterion() {
        model(&MODEL.replace("weight = 1\n", "weight = 1\nwieght = 2\n"))
            .stderr_has("model.toml:")
            .stderr_has("wieght");
    }

    #[test]
    fn wrong_type() {
        scenario(&SCENARIO.replace("draws = 200", "draws = \"many\""))
            .stderr_has("scenario.toml:8")
            .stderr_has("draws = \"many\"")
            .stderr_has("invalid type");
    }

    #[test]
    fn missing_scenario_file() {
        let dir = Dir::new();
        let run = dir.run(&["run", "nope.toml", "--out", "out", "--quiet"]);
        run.bad_input()
            .stderr_has("nope.toml")
            .stderr_has("cannot read");
        assert!(!dir.exists("out"));
    }

    /// The message names the missing file and the scenario key that named it, as the
    /// unknown built-in model does.
    #[test]
    fn missing_model_file() {
        scenario(&SCENARIO.replace("model.toml", "nope.toml"))
            .stderr_has("nope.toml")
            .stderr_has("cannot read")
            .stderr_has("scenario.toml: model = \"nope.toml\"");
    }

    #[test]
    fn missing_sites_file() {
        scenario(&SCENARIO.replace("mine.csv", "nope.csv"))
            .stderr_has("nope.csv")
            .stderr_has("cannot read");
    }

    /// `{:#}` prints the cause chain: the OS error must appear once, not twice.
    #[test]
    fn a_read_error_states_its_cause_once() {
        let dir = Dir::new();
        let run = dir.run(&["run", "nope.toml", "--out", "out", "--quiet"]);
        run.bad_input();
        assert_eq!(
            run.stderr.matches("(os error 2)").count(),
            1,
            "{}",
            run.stderr
        );
    }

    /// An output directory that cannot be created is a runtime failure, not bad input.
    #[test]
    fn unwritable_output_is_exit_code_1() {
        let dir = fixture(None, None, None);
        dir.write("blocker", "a file, not a directory\n");
        let run = dir.run(&[
            "run",
            "scenario.toml",
            "--draws",
            "0",
            "--out",
            "blocker/out",
            "--quiet",
        ]);
        run.code(1).stderr_has("blocker/out");
    }

    #[test]
    fn unknown_builtin_model_lists_the_builtin_names() {
        scenario(&SCENARIO.replace("\"model.toml\"", "\"fancy\""))
            .stderr_has("scenario.toml: model = \"fancy\"")
            .stderr_has("balanced, latency-first, sovereignty");
    }

    #[test]
    fn sites_row_with_too_few_fields() {
        sites("id,cost,speed,flat\na,10,5,7\nb,20,9\nc,30,1,7\n")
            .stderr_has("mine.csv:3")
            .stderr_has("has 3 fields, the header has 4");
    }

    #[test]
    fn empty_cell_in_a_used_column() {
        sites("id,cost,speed,flat\na,10,5,7\nb,,9,7\n")
            .stderr_has("mine.csv:3: row 2, column cost")
            .stderr_has("empty cell");
    }

    #[test]
    fn non_numeric_cell() {
        sites("id,cost,speed,flat\na,10,5,7\nb,cheap,9,7\n")
            .stderr_has("mine.csv:3: row 2, column cost = \"cheap\"")
            .stderr_has("not a number");
    }

    #[test]
    fn nan_cell() {
        sites("id,cost,speed,flat\na,10,NaN,7\nb,20,9,7\n")
            .stderr_has("mine.csv:2: row 1, column speed = \"NaN\"")
            .stderr_has("finite");
    }

    #[test]
    fn inf_cell() {
        sites("id,cost,speed,flat\na,10,5,7\nb,20,9,inf\n")
            .stderr_has("mine.csv:3: row 2, column flat = \"inf\"")
            .stderr_has("finite");
    }

    #[test]
    fn a_bad_cell_in_an_unused_column_is_fine() {
        let dir = fixture(
            None,
            None,
            Some("id,cost,speed,flat,notes\na,10,5,7,x\nb,20,9,7,NaN\n"),
        );
        dir.run(&[
            "run",
            "scenario.toml",
            "--out",
            "out",
            "--quiet",
            "--draws",
            "0",
        ])
        .ok();
    }

    #[test]
    fn duplicate_site_id() {
        sites("id,cost,speed,flat\na,10,5,7\nb,20,9,7\na,30,1,7\n")
            .stderr_has("mine.csv:4: row 3, column id = \"a\"")
            .stderr_has("duplicate site id (first on line 2)");
    }

    #[test]
    fn unknown_site_id_in_candidates_include() {
        scenario(&scenario_plus("[candidates]\ninclude = [\"a\", \"zzz\"]\n"))
            .stderr_has("scenario.toml: candidates.include[1] = \"zzz\"")
            .stderr_has("mine.csv");
    }

    #[test]
    fn negative_weight() {
        model(&MODEL.replacen("weight = 1", "weight = -1", 1))
            .stderr_has("model.toml: criteria[1].weight = -1")
            .stderr_has("must be between 0 and 1000000");
    }

    #[test]
    fn all_weights_zero() {
        model(
            &MODEL
                .replace("weight = 2", "weight = 0")
                .replace("weight = 1", "weight = 0"),
        )
        .stderr_has("model.toml: criteria[*].weight")
        .stderr_has("all weights are zero");
    }

    #[test]
    fn threshold_rule_on_unknown_criterion() {
        scenario(&scenario_plus(
            "[[rules]]\nkind = \"threshold\"\ncriterion = \"price\"\nmax = 3\n",
        ))
        .stderr_has("scenario.toml: rules[0].criterion = price")
        .stderr_has("cost, speed, flat");
    }

    #[test]
    fn bad_method_names_allowed_values() {
        scenario(&SCENARIO.replace("model = ", "method = \"electre\"\nmodel = "))
            .stderr_has("scenario.toml: method = electre")
            .stderr_has("wsm, wpm, topsis, vikor, promethee2");
    }

    #[test]
    fn bad_model_method_names_allowed_values() {
        model(&MODEL.replace("method = \"wsm\"", "method = \"ahp\""))
            .stderr_has("model.toml: method = ahp")
            .stderr_has("wsm, wpm, topsis, vikor, promethee2");
    }

    #[test]
    fn bad_direction_names_allowed_values() {
        model(&MODEL.replacen("direction = \"max\"", "direction = \"up\"", 1))
            .stderr_has("model.toml: criteria[1].direction = up")
            .stderr_has("min, max");
    }

    #[test]
    fn bad_cooling_names_allowed_values() {
        scenario(&scenario_plus("[facility]\ncooling = \"freezer\"\n"))
            .stderr_has("scenario.toml: facility.cooling = freezer")
            .stderr_has("airside-economizer, waterside-economizer, chiller-only");
    }

    #[test]
    fn bad_keys_names_allowed_values() {
        scenario(&scenario_plus("[facility]\nkeys = \"nobody\"\n"))
            .stderr_has("scenario.toml: facility.keys = nobody")
            .stderr_has("onshore, offshore, customer-hsm");
    }

    #[test]
    fn bad_weights_mode_names_allowed_values() {
        scenario(&scenario_plus("[weights]\nmode = \"fuzzy\"\n"))
            .stderr_has("scenario.toml: weights.mode = fuzzy")
            .stderr_has("exact, intervals, ordinal, unknown");
    }

    #[test]
    fn normal_with_negative_sd() {
        scenario(&scenario_plus(
            "[uncertainty.criteria]\ncost = { dist = \"normal\", mean = 1, sd = -0.1 }\n",
        ))
        .stderr_has("scenario.toml: uncertainty.criteria.cost")
        .stderr_has("sd = -0.1");
    }

    #[test]
    fn uniform_with_min_above_max() {
        scenario(&scenario_plus(
            "[uncertainty.criteria]\nspeed = { dist = \"uniform\", min = 2, max = 1 }\n",
        ))
        .stderr_has("scenario.toml: uncertainty.criteria.speed")
        .stderr_has("min < max");
    }

    #[test]
    fn more_draws_than_the_engine_counts() {
        scenario(&SCENARIO.replace("draws = 200", "draws = 5000000000"))
            .stderr_has("scenario.toml: simulation.draws = 5000000000")
            .stderr_has("4294967295");
    }

    #[test]
    fn more_draws_on_the_command_line() {
        let dir = fixture(None, None, None);
        let run = dir.run(&[
            "run",
            "scenario.toml",
            "--draws",
            "4294967296",
            "--out",
            "out",
            "--quiet",
        ]);
        run.bad_input()
            .stderr_has("--draws")
            .stderr_has("4294967296");
        assert!(!dir.exists("out"));
    }

    #[test]
    fn event_probability_above_one() {
        scenario(&scenario_plus(
            "[[events]]\nname = \"quake\"\nprobability = 1.5\neffect = \"infeasible\"\nsites = [\"a\"]\n",
        ))
        .stderr_has("scenario.toml: events[0].probability = 1.5")
        .stderr_has("between 0 and 1");
    }

    #[test]
    fn several_problems_are_all_reported() {
        let text = SCENARIO.replace("model = ", "method = \"electre\"\nmodel = ")
            + r#"
[facility]
cooling = "freezer"
keys = "nobody"

[weights]
mode = "fuzzy"

[[events]]
name = "quake"
probability = 1.5
effect = "infeasible"
sites = ["a"]
"#;
        let run = scenario(&text);
        run.stderr_has("5 problems in the input:");
        let problems = run.problems();
        for key in [
            "scenario.toml: method = electre",
            "scenario.toml: facility.cooling = freezer",
            "scenario.toml: facility.keys = nobody",
            "scenario.toml: weights.mode = fuzzy",
            "scenario.toml: events[0].probability = 1.5",
        ] {
            assert!(
                problems.iter().any(|p| p.starts_with(key)),
                "missing {key:?} in {problems:#?}"
            );
        }
        assert_eq!(problems.len(), 5, "{problems:#?}");
    }

    #[test]
    fn problems_in_scenario_and_model_are_reported_together() {
        let dir = fixture(
            Some(&scenario_plus("[facility]\ncooling = \"freezer\"\n")),
            Some(
                &MODEL
                    .replacen("direction = \"max\"", "direction = \"up\"", 1)
                    .replacen("weight = 2", "weight = -2", 1),
            ),
            None,
        );
        let run = rejected(&dir);
        run.stderr_has("3 problems in the input:");
        let problems = run.problems();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        for key in [
            "scenario.toml: facility.cooling = freezer",
            "model.toml: criteria[1].direction = up",
            "model.toml: criteria[0].weight = -2",
        ] {
            assert!(
                problems.iter().any(|p| p.starts_with(key)),
                "missing {key:?} in {problems:#?}"
            );
        }
    }

    #[test]
    fn several_bad_cells_are_all_reported() {
        let run = sites("id,cost,speed,flat\na,,5,7\nb,20,x,7\nc,30,1,inf\n");
        let problems = run.problems();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        run.stderr_has("mine.csv:2: row 1, column cost")
            .stderr_has("mine.csv:3: row 2, column speed")
            .stderr_has("mine.csv:4: row 3, column flat");
    }
}

mod own_data {
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
}

mod example_run {
    //! The shipped example, end to end.

    use super::*;

    const APPLE: &str = "examples/apple-icloud-china.toml";

    fn apple() -> String {
        repo().join(APPLE).display().to_string()
    }

    fn run_apple(dir: &Dir, out: &str, extra: &[&str]) {
        let scenario = apple();
        let mut args = vec!["run", &scenario, "--draws", "2000", "--quiet", "--out", out];
        args.extend_from_slice(extra);
        dir.run(&args).ok();
    }

    fn row_sums(acc: &Csv) -> Vec<f64> {
        acc.rows
            .iter()
            .map(|r| r[1..].iter().map(|c| c.parse::<f64>().unwrap()).sum())
            .collect()
    }

    #[test]
    fn writes_every_output() {
        let dir = Dir::new();
        run_apple(&dir, "out", &["--threads", "2"]);
        for f in [
            "ranking.csv",
            "ranking.geojson",
            "acceptability.csv",
            "central_weights.csv",
            "pairwise.csv",
            "criteria.csv",
            "factors.csv",
            "latency.csv",
            "summary.json",
            "state.json",
        ] {
            assert!(dir.exists(&format!("out/{f}")), "out/{f} missing");
        }
        let leftovers: Vec<String> = all_files(&dir.join("out"))
            .into_iter()
            .filter(|f| {
                let name = f.rsplit('/').next().unwrap();
                name.starts_with('.') || name.ends_with(".tmp")
            })
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

        let ranking = dir.read("out/ranking.csv");
        assert!(
            ranking.starts_with(
                "rank,site_id,name,country,lat,lon,score_base,feasible_base,broken_rule_base,score_mean"
            ),
            "{}",
            ranking.lines().next().unwrap_or("")
        );
        let ranking = Csv::parse(&ranking);
        // CN, HK, TW and SG candidates of the shipped sites.
        assert!(ranking.rows.len() >= 4, "{} candidates", ranking.rows.len());
        for cc in ranking.column("country") {
            assert!(["CN", "HK", "TW", "SG"].contains(&cc), "country {cc}");
        }

        let acc = Csv::parse(&dir.read("out/acceptability.csv"));
        let m = acc.rows.len();
        assert_eq!(m, ranking.rows.len());
        assert_eq!(acc.header.len(), m + 1);
        for (site, s) in acc.column("site_id").iter().zip(row_sums(&acc)) {
            assert!((s - 1.0).abs() < 1e-9, "{site}: acceptabilities sum to {s}");
        }
        for k in 1..=m {
            let col: f64 = acc.numbers(&format!("rank_{k}")).iter().sum();
            assert!((col - 1.0).abs() < 1e-9, "rank_{k}: column sums to {col}");
        }

        let summary: serde_json::Value =
            serde_json::from_str(&dir.read("out/summary.json")).expect("summary.json is JSON");
        assert!(summary["dcsite_version"].is_string(), "{summary:#}");
        let sha = summary["scenario"]["sha256"]
            .as_str()
            .expect("scenario.sha256");
        assert_eq!(sha.len(), 64, "{sha}");
        assert!(sha.bytes().all(|b| b.is_ascii_hexdigit()), "{sha}");
        let inputs = summary["input_files"].as_array().expect("input_files");
        assert!(
            inputs.iter().any(|f| f["name"]
                .as_str()
                .is_some_and(|n| n.ends_with("apple-icloud-china.toml"))),
            "{inputs:#?}"
        );
        assert_eq!(summary["draws"], 2000);
        assert_eq!(summary["seed"], 42);
        assert_eq!(summary["base_case_only"], false);

        // The hazard composite varies with the WGI standard errors (political stability of
        // China: sd ≈ 0.2, so the composite's sd is about 0.2/25).
        let criteria = Csv::parse(&dir.read("out/criteria.csv"));
        let (c, sd) = (criteria.col("criterion"), criteria.col("sd"));
        for row in criteria.rows.iter().filter(|r| r[c] == "hazards") {
            let sd: f64 = row[sd].parse().unwrap();
            assert!((0.002..0.03).contains(&sd), "hazards sd {sd} at {}", row[0]);
        }
    }

    #[test]
    fn same_seed_same_bytes_whatever_the_threads() {
        let dir = Dir::new();
        run_apple(&dir, "t1", &["--threads", "1", "--no-plots"]);
        run_apple(&dir, "t2", &["--threads", "2", "--no-plots"]);
        let scenario = apple();
        dir.run_env(
            &[
                "run",
                &scenario,
                "--draws",
                "2000",
                "--quiet",
                "--out",
                "env1",
                "--no-plots",
            ],
            &[("RAYON_NUM_THREADS", "1")],
        )
        .ok();
        let (t1, t2, env1) = (
            csv_files(&dir.join("t1")),
            csv_files(&dir.join("t2")),
            csv_files(&dir.join("env1")),
        );
        assert!(t1.len() >= 7, "{:?}", t1.keys());
        assert_eq!(t1.keys().collect::<Vec<_>>(), t2.keys().collect::<Vec<_>>());
        for (name, bytes) in &t1 {
            assert!(
                t2[name] == *bytes,
                "{name} differs between --threads 1 and 2"
            );
            assert!(
                env1[name] == *bytes,
                "{name} differs between RAYON_NUM_THREADS=1 and --threads 1"
            );
        }
    }

    #[test]
    fn different_seeds_give_different_acceptabilities() {
        let dir = Dir::new();
        run_apple(&dir, "s1", &["--seed", "1", "--no-plots"]);
        run_apple(&dir, "s2", &["--seed", "2", "--no-plots"]);
        assert_ne!(
            dir.read("s1/acceptability.csv"),
            dir.read("s2/acceptability.csv")
        );
    }

    #[test]
    fn draws_zero_is_the_base_case_only() {
        let dir = Dir::new();
        let scenario = apple();
        let run = dir.run(&["run", &scenario, "--draws", "0", "--quiet", "--out", "out"]);
        run.ok().stdout_has("Base case");
        assert!(dir.exists("out/ranking.csv"));
        let summary: serde_json::Value =
            serde_json::from_str(&dir.read("out/summary.json")).expect("summary.json is JSON");
        assert_eq!(summary["base_case_only"], true);
        assert_eq!(summary["draws"], 0);
        // No Monte Carlo, no Monte Carlo outputs.
        assert!(!dir.exists("out/acceptability.csv"));
        let header = dir.read("out/ranking.csv");
        assert!(!header.lines().next().unwrap().contains("score_mean"));
    }
}

mod shards {
    use super::*;

    fn run(dir: &Dir, out: &str, extra: &[&str]) {
        let mut args = vec![
            "run",
            "scenario.toml",
            "--draws",
            "1000",
            "--quiet",
            "--out",
            out,
        ];
        args.extend_from_slice(extra);
        dir.run(&args).ok();
    }

    /// Own data with measurement noise, so draws differ.
    fn noisy() -> Dir {
        fixture(
            Some(&scenario_plus("[weights]\nmode = \"unknown\"\n")),
            None,
            Some("id,cost,cost_sd,speed,flat\na,10,3,5,7\nb,20,3,9,7\nc,30,3,1,7\nd,15,3,3,7\n"),
        )
    }

    #[test]
    fn shards_write_their_state() {
        let dir = noisy();
        run(&dir, "s1", &["--shard", "1/2"]);
        run(&dir, "s2", &["--shard", "2/2"]);
        for s in ["s1", "s2"] {
            assert!(dir.exists(&format!("{s}/state.json")), "{s}/state.json");
            let summary: serde_json::Value =
                serde_json::from_str(&dir.read(&format!("{s}/summary.json"))).unwrap();
            let want = if s == "s1" { "1/2" } else { "2/2" };
            assert_eq!(summary["shard"], want);
        }
    }

    #[test]
    fn merged_shards_equal_the_whole_run() {
        let dir = noisy();
        run(&dir, "s1", &["--shard", "1/2", "--no-plots"]);
        run(&dir, "s2", &["--shard", "2/2", "--no-plots"]);
        run(&dir, "whole", &["--no-plots"]);
        dir.run(&["merge", "s2", "s1", "--out", "merged"]).ok();
        let (whole, merged) = (
            csv_files(&dir.join("whole")),
            csv_files(&dir.join("merged")),
        );
        assert_eq!(
            whole.keys().collect::<Vec<_>>(),
            merged.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &whole {
            assert!(merged[name] == *bytes, "{name} differs after merging");
        }
    }

    #[test]
    fn shard_beyond_count_is_rejected_by_the_parser() {
        let dir = noisy();
        let run = dir.run(&[
            "run",
            "scenario.toml",
            "--shard",
            "3/2",
            "--out",
            "out",
            "--quiet",
        ]);
        run.bad_input().stderr_has("--shard").stderr_has("3/2");
        assert!(!dir.exists("out"));
    }
}

mod validate {
    use super::*;

    fn examples() -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(repo().join("examples"))
            .expect("examples/")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| p.display().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn every_example_validates() {
        let all = examples();
        assert!(all.len() >= 3, "{all:?}");
        let dir = Dir::new();
        for ex in &all {
            dir.run(&["validate", ex])
                .ok()
                .stdout_has(&format!("{ex}: ok"));
        }
    }

    #[test]
    fn a_bad_file_fails() {
        let dir = fixture(
            Some(&scenario_plus("[facility]\nkeys = \"nobody\"\n")),
            None,
            None,
        );
        dir.run(&["validate", "scenario.toml"])
            .bad_input()
            .stderr_has("scenario.toml: facility.keys = nobody");
    }

    #[test]
    fn a_missing_file_fails() {
        Dir::new()
            .run(&["validate", "nope.toml"])
            .bad_input()
            .stderr_has("nope.toml");
    }

    #[test]
    fn several_files_are_each_reported() {
        let dir = fixture(None, None, None);
        dir.write(
            "bad1.toml",
            &scenario_plus("[facility]\nkeys = \"nobody\"\n"),
        )
        .write("bad2.toml", "name = \"x\"\nmodel = \"fancy\"\n");
        let run = dir.run(&["validate", "bad1.toml", "scenario.toml", "bad2.toml"]);
        run.bad_input()
            .stdout_has("scenario.toml: ok (4 candidate sites)")
            .stderr_has("bad1.toml: facility.keys = nobody")
            .stderr_has("bad2.toml: model = \"fancy\"");
    }
}

mod sites {
    use super::*;

    /// Site rows of `dcsite sites` (after the header), split on whitespace.
    fn rows(stdout: &str) -> Vec<Vec<&str>> {
        stdout
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().collect())
            .collect()
    }

    fn shipped() -> Csv {
        Csv::parse(&std::fs::read_to_string(repo().join("data/sites.csv")).unwrap())
    }

    #[test]
    fn lists_every_shipped_site() {
        let run = Dir::new().run(&["sites"]);
        run.ok();
        let rows = rows(&run.stdout);
        assert!(rows.len() >= 60, "{} sites listed", rows.len());
        let ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
        assert_eq!(ids, shipped().column("id"));
    }

    #[test]
    fn filters_by_country() {
        let run = Dir::new().run(&["sites", "--country", "CN"]);
        run.ok();
        let rows = rows(&run.stdout);
        let shipped = shipped();
        let cn = shipped
            .column("country")
            .iter()
            .filter(|&&c| c == "CN")
            .count();
        assert!(cn > 0);
        assert_eq!(rows.len(), cn, "{}", run.stdout);
        for r in &rows {
            assert_eq!(r[1], "CN", "{r:?}");
        }
    }

    #[test]
    fn lists_an_analysts_file() {
        let dir = Dir::with(&[("mine.csv", SITES)]);
        let run = dir.run(&["sites", "--file", "mine.csv"]);
        run.ok();
        let ids: Vec<&str> = rows(&run.stdout).iter().map(|r| r[0]).collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);
    }
}

mod data_check {
    //! `dcsite data check` on the shipped data and on small consistent and corrupted copies.

    use super::*;

    const SITES: &str = "id,name,country,lat,lon\na,Alpha,AA,10,20\nb,Beta,BB,-30,40\n";
    const JURISDICTIONS: &str = "country,name,localization\nAA,Aland,none\nBB,Bland,strict\n";
    const CITIES: &str = "id,name,country,lat,lon,population\n\
                          x-aa,Xa,AA,11,21,500000\n\
                          y-bb,Yb,BB,-31,41,1000000\n\
                          z-aa,Za,AA,12,22,300000\n";

    /// Twelve months for each of a and b; row k (1-based) is on line k + 1.
    fn climate() -> Vec<String> {
        let mut rows = vec!["site_id,month,t_mean_c,t_max_c,t_min_c,dewpoint_c".to_owned()];
        for site in ["a", "b"] {
            for m in 1..=12 {
                let t = 10 + m;
                rows.push(format!("{site},{m},{t},{},{},{}", t + 5, t - 5, t - 3));
            }
        }
        rows
    }

    fn data_dir(sites: &str, climate: &[String], jurisdictions: &str) -> Dir {
        Dir::with(&[
            ("data/sites.csv", sites),
            ("data/climate.csv", &(climate.join("\n") + "\n")),
            ("data/jurisdictions.csv", jurisdictions),
            ("data/cities.csv", CITIES),
        ])
    }

    fn check(dir: &Dir) -> crate::util::Run {
        dir.run(&["data", "check", "--data", "data"])
    }

    /// The shipped data passes every check: 12 months of climate for all 64 sites, and the
    /// hourly bins consistent with them.
    #[test]
    fn shipped_data_passes_the_check() {
        Dir::new()
            .run(&["data", "check"])
            .ok()
            .stdout_has("data ok: 64 sites");
    }

    #[test]
    fn a_consistent_copy_passes() {
        let dir = data_dir(SITES, &climate(), JURISDICTIONS);
        check(&dir).ok().stdout_has("data ok: 2 sites");
    }

    #[test]
    fn t_min_above_t_max() {
        let mut c = climate();
        // Row 3 (line 4): a, March: t_mean 13, t_max 18, t_min 20.
        c[3] = "a,3,13,18,20,10".into();
        check(&data_dir(SITES, &c, JURISDICTIONS))
            .bad_input()
            .stderr_has("data/climate.csv:4: row 3, columns t_min_c/t_mean_c/t_max_c");
    }

    #[test]
    fn site_country_missing_from_jurisdictions() {
        let sites = SITES.replace("BB,-30", "ZZ,-30");
        check(&data_dir(&sites, &climate(), JURISDICTIONS))
            .bad_input()
            .stderr_has("data/sites.csv:3: row 2, column country = \"ZZ\"")
            .stderr_has("jurisdictions.csv");
    }

    /// A site with 11 months: the message names the climate file, the site and the missing
    /// month, and points at a line of the file (the site's rows) and the month column.
    #[test]
    fn eleven_months() {
        let mut c = climate();
        c.pop(); // b, December: b's rows are lines 14-24
        let run = check(&data_dir(SITES, &c, JURISDICTIONS));
        run.bad_input()
            .stderr_has("site_id b")
            .stderr_has("months missing: 12");
        let located = run.stderr.lines().any(|l| {
            l.contains("months missing")
                && l.split("data/climate.csv:")
                    .nth(1)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                && l.contains("column month")
        });
        assert!(
            located,
            "the problem should name data/climate.csv:<line> and column month:\n{}",
            run.stderr
        );
    }

    #[test]
    fn duplicate_site_id() {
        let sites = format!("{SITES}a,Again,AA,1,1\n");
        check(&data_dir(&sites, &climate(), JURISDICTIONS))
            .bad_input()
            .stderr_has("data/sites.csv:4: row 3, column id = \"a\"")
            .stderr_has("duplicate site id");
    }

    #[test]
    fn latitude_out_of_range() {
        let sites = SITES.replace("a,Alpha,AA,10,20", "a,Alpha,AA,123,20");
        check(&data_dir(&sites, &climate(), JURISDICTIONS))
            .bad_input()
            .stderr_has("data/sites.csv:2: row 1, column lat = \"123\"")
            .stderr_has("between -90 and 90");
    }

    #[test]
    fn several_corruptions_are_all_reported() {
        let mut c = climate();
        c[3] = "a,3,13,18,20,10".into();
        let sites = SITES.replace("a,Alpha,AA,10,20", "a,Alpha,AA,123,20");
        let run = check(&data_dir(&sites, &c, JURISDICTIONS));
        run.bad_input()
            .stderr_has("data/climate.csv:4: row 3")
            .stderr_has("data/sites.csv:2: row 1, column lat");
        assert_eq!(run.problems().len(), 2, "{}", run.stderr);
    }
}

mod verdict {
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
}

mod ahp {
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
        .stderr_has("warning: AHP consistency ratio")
        .stdout_has("inconsistent");
        let s: serde_json::Value = serde_json::from_str(&dir.read("o/summary.json")).unwrap();
        assert!(s["ahp"]["consistency_ratio"].as_f64().unwrap() > 0.1);
        dir.run(&["validate", "fail.toml"])
            .bad_input()
            .stderr_has("fail.toml: weights.pairwise: consistency ratio")
            .stderr_has("> ahp_max_cr = 0.1");
    }
}

mod shell {
    use super::*;

    #[test]
    fn completions_for_every_shell_name_the_subcommands() {
        for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
            let run = Dir::new().run(&["completions", shell]);
            run.ok();
            for sub in ["run", "validate", "portfolio", "schema", "completions"] {
                run.stdout_has(sub);
            }
        }
        Dir::new()
            .run(&["completions", "tcsh"])
            .bad_input()
            .stderr_has("invalid value 'tcsh'");
    }

    #[test]
    fn the_man_page_is_roff_with_every_subcommand() {
        let run = Dir::new().run(&["man"]);
        run.ok()
            .stdout_has(".TH dcsite 1")
            .stdout_has(".SH NAME")
            .stdout_has(".SH SUBCOMMANDS");
        for sub in ["run", "sensitivity", "portfolio", "schema", "man"] {
            run.stdout_has(&format!("dcsite\\-{sub}"));
        }
    }
}
