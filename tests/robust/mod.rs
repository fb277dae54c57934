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

mod countries {
    use super::*;

    #[test]
    fn unknown_candidate_countries_are_named() {
        let d = Dir::new();
        d.write("apple.toml", &apple_with_countries(r#"["cn", "ZZ", "HK"]"#));
        let r = d.run(&["validate", "apple.toml"]);
        r.bad_input()
            .stderr_has("apple.toml: candidates.countries[0] = \"cn\": no site of <embedded>/sites.csv is in this country")
            .stderr_has("candidates.countries[1] = \"ZZ\"");
        assert_eq!(r.problems().len(), 2, "{}", r.stderr);
    }

    #[test]
    fn unknown_country_in_sites_filter_is_bad_input() {
        crate::util::Dir::new()
            .run(&["sites", "--country", "XX"])
            .bad_input()
            .stderr_has("--country")
            .stderr_has("XX");
    }
}

mod dataset_ranges {
    use super::*;

    const ENERGY_MODEL: &str = r#"name = "e"

[[criteria]]
id = "energy"
factor = "energy.npv_usd"
direction = "min"
weight = 1

[[criteria]]
id = "land"
column = "land_usd_m2"
direction = "min"
weight = 1

[[criteria]]
id = "water"
column = "water_stress"
direction = "min"
weight = 1

[[criteria]]
id = "quake"
factor = "security.seismic_pga_g"
direction = "min"
weight = 1
"#;

    const SITES: &str = "id,name,country,lat,lon,electricity_usd_mwh,grid_gco2_kwh,seismic_pga_g,flood_index,cyclone_index,land_usd_m2,water_stress\n\
        a,A,SG,1.3,103.8,-40,400,0.1,1,1,-5,99\n\
        b,B,SG,1.4,103.9,90,400,50,1,1,10,2\n";

    #[test]
    fn every_out_of_range_cell_is_reported_once_by_run_and_data_check() {
        let d = Dir::with(&[
            ("m.toml", ENERGY_MODEL),
            ("sites.csv", SITES),
            (
                "s.toml",
                "name = \"s\"\nmodel = \"m.toml\"\n[data]\nsites = \"sites.csv\"\n[facility]\npue = 1.3\n",
            ),
        ]);
        let r = d.run(&["validate", "s.toml"]);
        r.bad_input();
        let problems = r.problems();
        for needle in [
            "row 1, column electricity_usd_mwh = \"-40\": must be between 0 and 10000 (USD/MWh)",
            "row 1, column land_usd_m2 = \"-5\": must be between 0 and 1000000 (USD/m2)",
            "row 1, column water_stress = \"99\": must be between 0 and 5",
            "row 2, column seismic_pga_g = \"50\": must be between 0 and 3",
        ] {
            let n = problems.iter().filter(|p| p.contains(needle)).count();
            assert_eq!(n, 1, "{needle}: {n} times in\n{}", r.stderr);
        }
        assert_eq!(problems.len(), 4, "{}", r.stderr);
        // data check uses the same table (and the jurisdictions' columns too).
        std::fs::create_dir(d.join("data")).unwrap();
        d.write("data/sites.csv", SITES);
        for name in ["climate.csv", "cities.csv"] {
            d.write(
                &format!("data/{name}"),
                &std::fs::read_to_string(repo().join("data").join(name)).unwrap(),
            );
        }
        let j = std::fs::read_to_string(repo().join("data/jurisdictions.csv")).unwrap();
        let mut lines: Vec<String> = j.lines().map(str::to_owned).collect();
        let header: Vec<&str> = lines[0].split(',').collect();
        let gov = header.iter().position(|h| *h == "gov_access_risk").unwrap();
        let net = header
            .iter()
            .position(|h| *h == "internet_users_pct")
            .unwrap();
        let sg = lines.iter().position(|l| l.starts_with("SG,")).unwrap();
        let mut rec = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(lines[sg].as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        rec[gov] = "7".into();
        rec[net] = "250".into();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&rec).unwrap();
        lines[sg] = String::from_utf8(w.into_inner().unwrap())
            .unwrap()
            .trim_end()
            .to_owned();
        d.write("data/jurisdictions.csv", &(lines.join("\n") + "\n"));
        let r = d.run(&["data", "check", "--data", "data"]);
        r.bad_input();
        for needle in [
            "column electricity_usd_mwh = \"-40\"",
            "column land_usd_m2 = \"-5\"",
            "column water_stress = \"99\"",
            "column seismic_pga_g = \"50\"",
            "column gov_access_risk = \"7\"",
            "column internet_users_pct = \"250\"",
        ] {
            let n = r.problems().iter().filter(|p| p.contains(needle)).count();
            assert_eq!(n, 1, "{needle}: {n} times in\n{}", r.stderr);
        }
    }
}

mod closed_pipe {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    /// Runs dcsite in `dir`, reads one line of its output, closes the pipe and waits.
    fn head_1(dir: &Dir, args: &[&str]) -> (Option<i32>, String) {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dcsite"))
            .current_dir(dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        // The reader is dropped here: the pipe is closed.
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn points(n: usize) -> String {
        let mut s = String::from("id,name,country,lat,lon\n");
        for i in 0..n {
            s += &format!("p{i},P {i},SG,{}.5,{}.25\n", i % 80, i % 170);
        }
        s
    }

    #[test]
    fn sites_and_latency_end_quietly_when_the_reader_goes() {
        let d = Dir::with(&[("p.csv", &points(20_000)), ("q.csv", &points(50))]);
        for args in [
            &["sites", "--file", "p.csv"][..],
            &["latency", "--from", "p.csv", "--to", "q.csv"],
        ] {
            let (code, stderr) = head_1(&d, args);
            assert_eq!(code, Some(0), "{args:?}: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert!(stderr.is_empty(), "{args:?}: {stderr}");
        }
    }
}

mod run_arguments {
    use super::*;

    /// Draws differ between shards: measurement noise and unknown weights.
    fn noisy() -> Dir {
        let d = fixture("[weights]\nmode = \"unknown\"\n");
        d.write(
            "mine.csv",
            "id,cost,cost_sd,speed\na,10,3,5\nb,20,3,9\nc,30,3,1\nd,15,3,3\n",
        );
        d
    }

    #[test]
    fn more_shards_than_batches_is_bad_input_saying_how_many_are_allowed() {
        let d = noisy();
        d.run(&[
            "run",
            "scenario.toml",
            "--draws",
            "1200",
            "--shard",
            "4/4",
            "-q",
        ])
        .bad_input()
        .stderr_has("--shard = 4/4: 1200 draws make 3 batches of 500 draws, so at most 3 shards");
        assert!(!d.exists("runs"));
    }

    #[test]
    fn shards_default_to_their_own_directories_and_merge() {
        let d = noisy();
        for k in ["1/2", "2/2"] {
            d.run(&["run", "scenario.toml", "--shard", k, "-q", "--no-plots"])
                .ok();
        }
        assert!(d.exists("runs/mine/shard-1-of-2/state.json"));
        assert!(d.exists("runs/mine/shard-2-of-2/state.json"));
        d.run(&["merge", "runs/mine/shard-1-of-2", "runs/mine/shard-2-of-2"])
            .ok();
        assert!(d.exists("runs/mine/ranking.csv"));
    }

    #[test]
    fn an_unwritable_output_is_found_before_simulating_and_leaves_no_temporary_file() {
        let d = noisy();
        d.write("blocker", "a file\n");
        // 4,000,000,000 draws would take hours: the failure must come first.
        let start = std::time::Instant::now();
        d.run(&[
            "run",
            "scenario.toml",
            "--draws",
            "4000000000",
            "--out",
            "blocker/out",
            "-q",
        ])
        .code(1)
        .stderr_has("blocker/out");
        assert!(start.elapsed().as_secs() < 30);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::create_dir(d.join("ro")).unwrap();
            std::fs::set_permissions(d.join("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
            // Root writes anywhere; the check needs an unprivileged user.
            if std::fs::write(d.join("ro/probe"), "x").is_err() {
                d.run(&[
                    "run",
                    "scenario.toml",
                    "--draws",
                    "4000000000",
                    "--out",
                    "ro",
                    "-q",
                ])
                .code(1)
                .stderr_has("ro");
                assert_eq!(std::fs::read_dir(d.join("ro")).unwrap().count(), 0);
            }
        }
        let leftovers: Vec<String> = crate::util::all_files(d.path())
            .into_iter()
            .filter(|f| f.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn threads_are_bounded() {
        let d = noisy();
        d.run(&["run", "scenario.toml", "--threads", "40000", "-q"])
            .bad_input()
            .stderr_has("--threads = 40000: must be between 1 and");
        d.run(&["run", "scenario.toml", "--threads", "0", "-q"])
            .bad_input()
            .stderr_has("--threads = 0");
    }

    #[test]
    fn save_draws_with_no_draws_says_why_nothing_was_written() {
        let d = noisy();
        d.run(&[
            "run",
            "scenario.toml",
            "--draws",
            "0",
            "--save-draws",
            "5",
            "--out",
            "o",
            "-q",
        ])
        .ok()
        .stderr_has("--save-draws 5: no draws.csv written");
        assert!(!d.exists("o/draws.csv"));
    }
}

mod run_directories {
    use super::*;

    /// The fixture under `proj/`, with shards 1/2 and 2/2 run from the parent directory.
    fn shards() -> Dir {
        let d = Dir::new();
        d.write(
            "proj/scenario.toml",
            &format!("{SCENARIO}\n[weights]\nmode = \"unknown\"\n"),
        );
        d.write("proj/model.toml", MODEL);
        d.write(
            "proj/mine.csv",
            "id,cost,cost_sd,speed\na,10,3,5\nb,20,3,9\nc,30,3,1\nd,15,3,3\n",
        );
        for (k, out) in [("1/2", "s1"), ("2/2", "s2")] {
            d.run(&[
                "run",
                "proj/scenario.toml",
                "--shard",
                k,
                "--out",
                out,
                "-q",
                "--no-plots",
            ])
            .ok();
        }
        d
    }

    #[test]
    fn merge_and_report_work_from_another_directory() {
        let d = shards();
        std::fs::create_dir(d.join("elsewhere")).unwrap();
        let r = crate::util::dcsite()
            .current_dir(d.join("elsewhere"))
            .args(["merge", "../s1", "../s2", "--out", "../merged"])
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let r = crate::util::dcsite()
            .current_dir(d.join("elsewhere"))
            .args(["report", "../merged"])
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        assert!(d.exists("merged/report.html"));
        // The merged summary names the files as the shards' run did.
        let s = summary(&d, "merged");
        assert_eq!(s["scenario"]["name"], "proj/scenario.toml");
        assert_eq!(s["input_files"][2]["name"], "proj/mine.csv");
    }

    #[test]
    fn a_changed_data_file_is_named() {
        let d = shards();
        d.write(
            "proj/mine.csv",
            "id,cost,cost_sd,speed\na,11,3,5\nb,20,3,9\nc,30,3,1\nd,15,3,3\n",
        );
        d.run(&["merge", "s1", "s2", "--out", "m"])
            .bad_input()
            .stderr_has("mine.csv: this data file changed since the run");
    }

    #[test]
    fn merge_names_the_missing_shard() {
        let d = shards();
        let r = d.run(&["merge", "s2", "--out", "m"]);
        r.bad_input()
            .stderr_has("shard 1/2 of the split into 2 is missing");
        assert!(!r.stderr.contains("DIR"), "{}", r.stderr);
    }
}

mod messages {
    use super::*;

    /// The shipped jurisdictions with one cell of one country replaced.
    fn jurisdictions_with(country: &str, column: &str, value: &str) -> String {
        let text = std::fs::read_to_string(repo().join("data/jurisdictions.csv")).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header = r.headers().unwrap().clone();
        let c = header.iter().position(|h| h == column).unwrap();
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(&header).unwrap();
        for rec in r.records() {
            let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_owned).collect();
            if rec[0] == country {
                rec[c] = value.to_owned();
            }
            w.write_record(&rec).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn a_bad_id_does_not_hide_the_other_bad_cells_of_the_sites_file() {
        // Before: only the id was reported; the latitude out of range appeared only after
        // the id was fixed.
        let d = Dir::new();
        let sites = std::fs::read_to_string(repo().join("data/sites.csv"))
            .unwrap()
            .replacen("gui-an,", "Gui An,", 1)
            .replacen(",41.00,113.15,", ",141.00,113.15,", 1);
        d.write("sites.csv", &sites);
        let apple = std::fs::read_to_string(repo().join("examples/apple-icloud-china.toml"))
            .unwrap()
            + "\n[data]\nsites = \"sites.csv\"\n";
        d.write("apple.toml", &apple);
        let r = d.run(&["validate", "apple.toml"]);
        r.bad_input();
        let problems = r.problems();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("column id") && p.contains("kebab-case")),
            "{}",
            r.stderr
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("column lat") && p.contains("141.00")),
            "{}",
            r.stderr
        );
    }

    #[test]
    fn one_bad_cell_is_one_problem() {
        let d = Dir::new();
        let apple = std::fs::read_to_string(repo().join("examples/apple-icloud-china.toml"))
            .unwrap()
            + "\n[data]\njurisdictions = \"j.csv\"\n";
        d.write("apple.toml", &apple);
        d.write(
            "j.csv",
            &jurisdictions_with("CN", "internet_users_pct", "abc"),
        );
        let r = d.run(&["validate", "apple.toml"]);
        r.bad_input();
        assert_eq!(
            r.problems().len(),
            0,
            "a single problem is one line: {}",
            r.stderr
        );
        assert_eq!(
            r.stderr.matches("column internet_users_pct").count(),
            1,
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("[[users]]"), "{}", r.stderr);
    }

    #[test]
    fn a_bad_model_column_is_reported_at_the_model() {
        let d = fixture("");
        d.write(
            "model.toml",
            &MODEL.replace("column = \"speed\"", "column = \"sped\""),
        );
        d.run(&["validate", "scenario.toml"])
            .bad_input()
            .stderr_has("model.toml: criteria[1].column = \"sped\": mine.csv has no such column; its columns: id, cost, speed");
    }

    #[test]
    fn no_internal_type_names() {
        let r =
            fixture("[uncertainty]\ncarbon_price_usd_t = 5\n").run(&["validate", "scenario.toml"]);
        r.bad_input().stderr_has("a distribution table such as");
        assert!(!r.stderr.contains("Raw"), "{}", r.stderr);
        let r = fixture("[[uncertainty.electricity]]\ncountries = \"CN\"\nfactor = 1\n")
            .run(&["validate", "scenario.toml"]);
        r.bad_input();
        assert!(!r.stderr.contains("Raw"), "{}", r.stderr);
    }

    #[test]
    fn duplicate_ids_in_cities_and_latency_files_are_errors() {
        let d = Dir::with(&[
            ("a.csv", "id,lat,lon\nx,1,2\ny,3,4\nx,5,6\n"),
            ("b.csv", "id,lat,lon\nz,1,2\n"),
        ]);
        d.run(&["latency", "--from", "a.csv", "--to", "b.csv"])
            .bad_input()
            .stderr_has("a.csv:4: row 3, column id = \"x\": duplicate id (first on line 2)");
        let cities = std::fs::read_to_string(repo().join("data/cities.csv")).unwrap();
        let second = cities.lines().nth(1).unwrap().to_owned();
        d.write("c.csv", &format!("{cities}{second}\n"));
        let apple = std::fs::read_to_string(repo().join("examples/apple-icloud-china.toml"))
            .unwrap()
            + "\n[data]\ncities = \"c.csv\"\n";
        d.write("apple.toml", &apple);
        d.run(&["validate", "apple.toml"])
            .bad_input()
            .stderr_has("column id = \"shanghai-cn\": duplicate city id");
    }

    #[test]
    fn validate_prints_the_warnings_run_prints() {
        // A warming distribution reaching past the cooling model's table warns at build.
        let d = Dir::new();
        let text = std::fs::read_to_string(repo().join("examples/apple-icloud-china.toml"))
            .unwrap()
            .replace(
                "[uncertainty]\n",
                "[uncertainty]\nwarming_c = { dist = \"uniform\", min = 5, max = 15 }\n",
            );
        d.write("s.toml", &text);
        d.run(&["validate", "s.toml"])
            .ok()
            .stderr_has("warning: ")
            .stderr_has("fall outside −3…10 °C");
    }

    #[test]
    fn explain_and_the_run_table_stay_aligned_with_long_names() {
        let long = "a_very_long_criterion_identifier_indeed";
        let d = fixture("");
        d.write(
            "model.toml",
            &MODEL.replace("id = \"cost\"", &format!("id = \"{long}\"")),
        );
        d.write(
            "mine.csv",
            "id,country,cost,speed\na,LONGCODE,10,5\nb,SG,20,9\nc,SG,30,1\n",
        );
        let r = d.run(&["explain", "scenario.toml", "a"]);
        r.ok();
        let lines: Vec<&str> = r.stdout.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.starts_with("criterion"))
            .unwrap();
        let col = |l: &str, word: &str| l.find(word).map(|b| l[..b].chars().count());
        let dir_at = col(lines[header], "dir").unwrap();
        for l in &lines[header + 1..header + 3] {
            let at = col(l, " min ").or(col(l, " max ")).unwrap() + 1;
            assert_eq!(at, dir_at, "{}", r.stdout);
        }
        let r = d.run(&["run", "scenario.toml", "--draws", "0", "-q", "--no-plots"]);
        r.ok();
        let lines: Vec<&str> = r.stdout.lines().skip(1).take(4).collect();
        let score_end = |l: &str| {
            let k = l.find("score").map(|b| l[..b].chars().count() + 5);
            k.unwrap_or_else(|| {
                let t = l.trim_end();
                let cut = t.rfind("  ").unwrap();
                t[..cut].chars().count()
            })
        };
        let want = score_end(lines[0]);
        for l in &lines[1..] {
            assert_eq!(score_end(l), want, "{}", r.stdout);
        }
    }
}
