//! The analysis commands: explain, latency, sensitivity, portfolio — success and bad input.

use crate::util::{Csv, Dir, repo};

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

/// WPM and PROMETHEE II read raw values (the model's normalisation does not apply to them):
/// explain says what its column holds for them, the ratio or the criterion's net flow.
#[test]
fn explain_names_what_a_raw_value_method_reads() {
    let balanced = std::fs::read_to_string(repo().join("models/balanced.toml")).unwrap();
    let apple = std::fs::read_to_string(example("apple-icloud-china.toml")).unwrap();
    for (method, column) in [("wpm", "ratio"), ("promethee2", "net flow")] {
        let d = Dir::with(&[
            (
                "m.toml",
                &balanced.replace("method = \"wsm\"", &format!("method = \"{method}\"")),
            ),
            (
                "s.toml",
                &apple.replace("model = \"balanced\"", "model = \"m.toml\""),
            ),
        ]);
        let r = d.run(&["explain", "s.toml", "gui-an"]);
        r.ok()
            .stdout_has(&format!("({method} with "))
            .stdout_has("the normalisation does not apply")
            .stdout_has(&format!(" {column} "));
        assert!(!r.stdout.contains("min-max normalisation"), "{}", r.stdout);
        assert!(!r.stdout.contains("normalised"), "{}", r.stdout);
    }
}

#[test]
fn explain_says_when_a_site_is_screened_out() {
    let d = Dir::new();
    let r = d.run(&["explain", &example("apple-icloud-china.toml"), "hong-kong"]);
    r.ok()
        .stdout_has("infeasible: residency of china")
        .stdout_has("screened out: normalised against the feasible sites");
    let r = d.run(&["explain", &example("apple-icloud-china.toml"), "gui-an"]);
    assert!(!r.stdout.contains("screened out"), "{}", r.stdout);
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
        4.2,
        "zero distance leaves the internet path's zero-distance overhead"
    );
    assert!(rtt("sg", "bj") > 100.0 && rtt("sg", "bj") == rtt("bj", "sg"));
}

#[test]
fn latency_path_backbone_and_internet() {
    // Frankfurt – Singapore: the backbone is the Azure-fitted model, the internet path is
    // higher from 1,000 km on; at zero distance the backbone has its 9 ms overhead and the
    // internet path its fitted 4.2 ms (servers a few km apart measure 2–3 ms, RIPE Atlas
    // anchoring mesh).
    let d = Dir::with(&[(
        "a.csv",
        "id,lat,lon,country\nfra,50.11,8.68,DE\nsg,1.29,103.85,SG\nbog,4.71,-74.07,CO\nsao,-23.55,-46.63,BR\n",
    )]);
    let rtts = |path: Option<&str>| -> Vec<(String, f64)> {
        let mut args = vec!["latency", "--from", "a.csv", "--to", "a.csv"];
        if let Some(p) = path {
            args.extend(["--path", p]);
        }
        let r = d.run(&args);
        r.code(0);
        r.stdout
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (format!("{}-{}", f[0], f[1]), f[3].parse().unwrap())
            })
            .collect()
    };
    let (bb, inet, default) = (rtts(Some("backbone")), rtts(Some("internet")), rtts(None));
    assert_eq!(inet, default, "internet is the default");
    let get = |v: &[(String, f64)], k: &str| v.iter().find(|(p, _)| p == k).unwrap().1;
    assert_eq!(get(&bb, "sg-sg"), 9.0);
    assert_eq!(get(&inet, "sg-sg"), 4.2);
    for ((pair, b), (_, i)) in bb.iter().zip(&inet) {
        let (from, to) = pair.split_once('-').unwrap();
        if from != to {
            assert!(i >= b, "{pair}: internet {i} < backbone {b}");
        }
    }
    // Bogotá – São Paulo peers in Miami on the internet path (measured 155–165 ms, RIPE
    // Atlas 2023): more than twice the backbone's great-circle figure.
    assert!(get(&inet, "bog-sao") > 2.0 * get(&bb, "bog-sao"));
    assert!((140.0..180.0).contains(&get(&inet, "bog-sao")));
}

#[test]
fn latency_rejects_an_unknown_path() {
    let d = Dir::with(&[("a.csv", "id,lat,lon\nsg,1.29,103.85\n")]);
    let r = d.run(&[
        "latency",
        "--from",
        "a.csv",
        "--to",
        "a.csv",
        "--path",
        "satellite",
    ]);
    r.code(2);
    assert!(
        r.stderr.contains("--path")
            && r.stderr.contains("satellite")
            && r.stderr.contains("allowed: backbone, internet"),
        "{}",
        r.stderr
    );
}

#[test]
fn latency_accepts_countries_without_a_jurisdiction_row() {
    // Tirana (AL) and Tunis (TN) have no row in jurisdictions.csv: no border penalty, no
    // error. On the backbone the pair's RTT is then the same with and without the country
    // codes; on the internet path the codes add only the cross-border overhead (3.1 ms).
    let d = Dir::with(&[
        ("a.csv", "id,lat,lon,country\ntia,41.33,19.82,AL\n"),
        ("b.csv", "id,lat,lon,country\ntun,36.81,10.18,TN\n"),
        ("c.csv", "id,lat,lon\ntia,41.33,19.82\n"),
        ("e.csv", "id,lat,lon\ntun,36.81,10.18\n"),
    ]);
    let rtt = |from: &str, to: &str, path: &str| -> f64 {
        let r = d.run(&["latency", "--from", from, "--to", to, "--path", path]);
        r.code(0);
        assert!(r.stdout.contains("tia,tun,"), "{}", r.stdout);
        r.stdout
            .trim_end()
            .rsplit(',')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(
        rtt("a.csv", "b.csv", "backbone"),
        rtt("c.csv", "e.csv", "backbone")
    );
    let crossing = rtt("a.csv", "b.csv", "internet") - rtt("c.csv", "e.csv", "internet");
    assert!((crossing - 3.1).abs() < 0.11, "{crossing}");
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
fn latency_rejects_a_file_with_a_header_only() {
    let d = Dir::with(&[
        ("a.csv", "id,lat,lon\nsg,1.29,103.85\n"),
        ("empty.csv", "id,lat,lon\n"),
    ]);
    for (from, to) in [("empty.csv", "a.csv"), ("a.csv", "empty.csv")] {
        let r = d.run(&["latency", "--from", from, "--to", to, "--out", "m.csv"]);
        r.code(2);
        assert!(
            r.stderr.contains("empty.csv") && r.stderr.contains("no points"),
            "{}",
            r.stderr
        );
        assert!(!d.exists("m.csv"), "nothing is written");
    }
}

/// `--out` naming a directory is bad input, said before the matrix is computed (the rename
/// into a directory used to fail at the very end, with exit code 1).
#[test]
fn latency_out_naming_a_directory_is_bad_input() {
    let d = Dir::with(&[("a.csv", "id,lat,lon\nsg,1.29,103.85\n"), ("out/keep", "")]);
    for out in ["out", "out/"] {
        d.run(&["latency", "--from", "a.csv", "--to", "a.csv", "--out", out])
            .code(2)
            .stderr_has("latency: --out = out")
            .stderr_has("is a directory: give the CSV file to write");
    }
    let files: Vec<_> = std::fs::read_dir(d.join("out")).unwrap().collect();
    assert_eq!(files.len(), 1, "nothing written into it");
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

/// `--steps` is bounded: each step keeps and writes every site × criterion, and a hundred
/// million steps used to run out of memory instead of being refused.
#[test]
fn sensitivity_refuses_too_many_steps() {
    let d = Dir::new();
    for steps in ["0", "10001", "100000000"] {
        let r = d.run(&[
            "sensitivity",
            &example("google-asia.toml"),
            "--out",
            "sens",
            "--steps",
            steps,
        ]);
        r.code(2)
            .stderr_has(&format!("--steps = {steps}: must be between 1 and 10000"));
        assert!(!d.exists("sens"));
    }
}

/// One candidate: no correlation between the methods' rankings is defined. The summary says
/// why instead of printing NaN, and the CSV cells are empty.
#[test]
fn sensitivity_of_one_site_prints_no_nan() {
    let d = Dir::with(&[(
        "one.toml",
        "name = \"one\"\nmodel = \"latency-first\"\n\n[candidates]\ninclude = [\"frankfurt\"]\n\n\
         [[users]]\nname = \"india\"\ncountries = [\"IN\"]\nshare = 1.0\n",
    )]);
    let r = d.run(&["sensitivity", "one.toml", "--out", "sens"]);
    r.ok()
        .stdout_has("Kendall τ between methods: needs at least two feasible sites (1 here).");
    assert!(!r.stdout.contains("NaN"), "{}", r.stdout);
    let c = Csv::parse(&d.read("sens/method_correlations.csv"));
    assert_eq!(c.rows.len(), 10);
    for col in ["spearman_rho", "kendall_tau"] {
        assert!(c.column(col).iter().all(|v| v.is_empty()), "{col}");
    }
}

#[test]
fn sensitivity_of_a_bad_scenario_writes_nothing() {
    let d = Dir::with(&[("s.toml", "name = \"x\"\nmodel = \"nope\"\n")]);
    d.run(&["sensitivity", "s.toml", "--out", "sens"]).code(2);
    assert!(!d.exists("sens"));
}

#[test]
fn portfolio_solves_each_k_and_writes_its_files() {
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
        "assignment.geojson",
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
fn portfolio_robustness_is_the_same_on_one_thread_and_on_several() {
    // The Monte Carlo draws are solved on every thread, each worker counting its own
    // batches: the counts, and so every file, must not depend on how many threads there are.
    let d = Dir::new();
    for (out, threads) in [("one", "1"), ("three", "3")] {
        d.run_env(
            &[
                "portfolio",
                &example("xiaomi-portfolio.toml"),
                "--k",
                "1..3",
                "--draws",
                "1200",
                "--out",
                out,
            ],
            &[("RAYON_NUM_THREADS", threads)],
        )
        .ok();
    }
    for f in [
        "portfolio.csv",
        "assignment.csv",
        "portfolio_robustness.csv",
    ] {
        let one = d.read(&format!("one/{f}"));
        assert!(one.lines().count() >= 2, "{f}:\n{one}");
        assert_eq!(one, d.read(&format!("three/{f}")), "{f}");
    }
    // Every draw is counted once for each K: its best portfolio, none, or none found.
    let robustness = Csv::parse(&d.read("three/portfolio_robustness.csv"));
    let (k, kind, draws) = (
        robustness.col("k"),
        robustness.col("kind"),
        robustness.col("draws"),
    );
    for want in ["1", "2", "3"] {
        let counted: u64 = robustness
            .rows
            .iter()
            .filter(|r| {
                r[k] == want && ["portfolio", "none", "not-found"].contains(&r[kind].as_str())
            })
            .map(|r| r[draws].parse::<u64>().unwrap())
            .sum();
        assert_eq!(counted, 1200, "K = {want}");
    }
}

/// A criterion-shock changes the MCDA criteria, which the cost objective does not read: a
/// tripled energy_cost on the mainland in every draw changes no portfolio (the robustness
/// table is the same as with probability 0), and the command says so.
#[test]
fn portfolio_warns_of_a_criterion_shock_the_cost_objective_does_not_read() {
    let d = Dir::new();
    let text = std::fs::read_to_string(example("xiaomi-portfolio.toml")).unwrap();
    for p in ["0", "1"] {
        d.write(
            &format!("p{p}.toml"),
            &format!(
                "{text}\n[[events]]\nname = \"cn-energy\"\nprobability = {p}\neffect = \"criterion-shock\"\n\
                 criterion = \"energy_cost\"\ncountries = [\"CN\"]\nfactor = 3\n"
            ),
        );
        let r = d.run(&[
            "portfolio",
            &format!("p{p}.toml"),
            "--k",
            "3",
            "--draws",
            "50",
            "--out",
            &format!("out{p}"),
        ]);
        r.code(0).stderr_has(
            "events[2] (\"cn-energy\") shocks criterion energy_cost, which the cost objective does not read",
        );
    }
    assert_eq!(
        d.read("out0/portfolio_robustness.csv"),
        d.read("out1/portfolio_robustness.csv")
    );
}

/// The same for a criterion factor: the cost objective does not read the criteria.
#[test]
fn portfolio_warns_of_a_criterion_factor_the_cost_objective_does_not_read() {
    let d = Dir::new();
    let text = std::fs::read_to_string(example("xiaomi-portfolio.toml")).unwrap();
    d.write(
        "f.toml",
        &format!("{text}\n[uncertainty.criteria]\nenergy_cost = {{ dist = \"uniform\", min = 0.5, max = 2 }}\n"),
    );
    d.run(&[
        "portfolio",
        "f.toml",
        "--k",
        "2",
        "--draws",
        "20",
        "--out",
        "out",
    ])
    .code(0)
    .stderr_has(
        "uncertainty.criteria.energy_cost: the cost objective does not read criterion energy_cost",
    );
}

/// With no latency price and no SLA penalty, `users` scales nothing: 100 M users and 1 M
/// give the same portfolios, and the command says the setting is inert.
#[test]
fn portfolio_warns_of_a_user_count_that_scales_no_term() {
    let d = Dir::new();
    let text = std::fs::read_to_string(example("xiaomi-portfolio.toml"))
        .unwrap()
        .replace(
            "latency_usd_per_user_ms = 0.002",
            "latency_usd_per_user_ms = 0",
        )
        .replace(
            "sla = \"penalty\"\nsla_penalty_usd_per_user_ms = 0.01",
            "sla = \"off\"",
        );
    for users in ["1.0e8", "1.0e6"] {
        d.write(
            &format!("u{users}.toml"),
            &text.replace("users = 1.0e8", &format!("users = {users}")),
        );
        d.run(&[
            "portfolio",
            &format!("u{users}.toml"),
            "--k",
            "2",
            "--draws",
            "20",
            "--out",
            &format!("out{users}"),
        ])
        .code(0)
        .stderr_has(&format!(
            "portfolio.users = {}: it scales only the latency terms, and there are none (latency_usd_per_user_ms = 0 and sla = \"off\")",
            users.parse::<f64>().unwrap()
        ));
    }
    assert_eq!(
        d.read("out1.0e8/portfolio_robustness.csv"),
        d.read("out1.0e6/portfolio_robustness.csv")
    );
    // The example itself prices latency: no such warning.
    let r = d.run(&[
        "portfolio",
        &example("xiaomi-portfolio.toml"),
        "--k",
        "1",
        "--draws",
        "10",
        "--out",
        "ex",
    ]);
    r.code(0);
    assert!(!r.stderr.contains("portfolio.users"), "{}", r.stderr);
}

/// A threshold rule on a metric of all the users (here the p95 RTT over users in China,
/// India, South-East Asia and Brazil) screens a site out of every portfolio, though a
/// portfolio site serves only its own points: the command names the rule and the sites.
#[test]
fn portfolio_warns_of_a_threshold_rule_on_a_metric_of_all_users() {
    let d = Dir::new();
    let text = std::fs::read_to_string(example("xiaomi-portfolio.toml")).unwrap();
    d.write(
        "t.toml",
        &format!("{text}\n[[rules]]\nkind = \"threshold\"\ncriterion = \"latency\"\nmax = 200\n"),
    );
    let args = ["--k", "2", "--draws", "20", "--out"];
    let r = d.run(&[&["portfolio", "t.toml"][..], &args, &["out"]].concat());
    r.code(0)
        .stderr_has("rules[1] (latency ≤ 200) reads latency.p95_rtt_ms, a value over all the scenario's users, and screens ")
        .stderr_has("sao-paulo");
    // Without the rule (the shipped example) there is no such warning.
    let r = d.run(
        &[
            &["portfolio", &example("xiaomi-portfolio.toml")][..],
            &args,
            &["out2"],
        ]
        .concat(),
    );
    assert!(
        !r.stderr.contains("a value over all the scenario's users"),
        "{}",
        r.stderr
    );
}

/// `portfolio.min_separation_km`: a great-circle distance from 0 to 20,000 km; anything
/// else is bad input naming the file, the key and the range, and nothing is written.
#[test]
fn portfolio_rejects_a_bad_min_separation() {
    let d = Dir::new();
    let text = std::fs::read_to_string(example("xiaomi-portfolio.toml")).unwrap();
    for (v, message) in [
        (
            "-100",
            "s.toml: portfolio.min_separation_km = -100: must be between 0 and 20000",
        ),
        (
            "nan",
            "s.toml: portfolio.min_separation_km = NaN: must be between 0 and 20000",
        ),
        (
            "20001",
            "s.toml: portfolio.min_separation_km = 20001: must be between 0 and 20000",
        ),
        (
            "\"300 km\"",
            "portfolio.min_separation_km = \"300 km\": invalid type: string",
        ),
    ] {
        d.write(
            "s.toml",
            &text.replace(
                "draws = 2000\n",
                &format!("draws = 2000\nmin_separation_km = {v}\n"),
            ),
        );
        d.run(&["portfolio", "s.toml", "--draws", "0", "--out", "pf"])
            .bad_input()
            .stderr_has(message);
        d.run(&["validate", "s.toml"])
            .bad_input()
            .stderr_has(message);
        assert!(!d.exists("pf"));
    }
}

/// With a minimum separation the summary states it, `portfolio.csv` gives each portfolio's
/// closest pair, and a limit no two candidates meet is warned of when K ≥ 2 is asked.
#[test]
fn portfolio_reports_and_warns_of_the_separation() {
    let d = Dir::new();
    let text = std::fs::read_to_string(example("xiaomi-portfolio.toml")).unwrap();
    let with = |km: &str| {
        text.replace(
            "draws = 2000\n",
            &format!("draws = 2000\nmin_separation_km = {km}\n"),
        )
    };
    d.write("s.toml", &with("3000"));
    let r = d.run(&[
        "portfolio",
        "s.toml",
        "--k",
        "1..3",
        "--draws",
        "20",
        "--out",
        "pf",
    ]);
    r.ok()
        .stdout_has("; SLA penalty beyond 100 ms; min separation 3000 km):");
    assert!(!r.stderr.contains("min_separation_km"), "{}", r.stderr);
    let p = Csv::parse(&d.read("pf/portfolio.csv"));
    let (k, closest) = (p.col("k"), p.col("min_pair_km"));
    for row in &p.rows {
        if row[k] == "1" {
            assert_eq!(row[closest], "", "one site has no pair");
        } else {
            let km: f64 = row[closest].parse().unwrap();
            assert!(km >= 3000.0, "k {}: {km}", row[k]);
        }
    }
    // The shipped example has no limit: no such words, and the column is still there.
    let r = d.run(&[
        "portfolio",
        &example("xiaomi-portfolio.toml"),
        "--k",
        "2",
        "--draws",
        "0",
        "--out",
        "ex",
    ]);
    assert!(!r.ok().stdout.contains("min separation"), "{}", r.stdout);
    let p = Csv::parse(&d.read("ex/portfolio.csv"));
    assert!(p.rows[0][p.col("min_pair_km")].parse::<f64>().unwrap() > 0.0);
    // No two of the 16 candidates are 20,000 km apart (Shanghai–São Paulo is the farthest).
    d.write("far.toml", &with("20000"));
    d.run(&["portfolio", "far.toml", "--k", "1..2", "--draws", "0", "--out", "far"])
        .ok()
        .stderr_has("portfolio.min_separation_km = 20000: no two candidates are ≥ 20000 km apart (the farthest pair, shanghai and sao-paulo, is 18580 km): every portfolio has one site, whatever K");
    // Not when only one site is asked for.
    let r = d.run(&[
        "portfolio",
        "far.toml",
        "--k",
        "1",
        "--draws",
        "0",
        "--out",
        "far1",
    ]);
    assert!(!r.ok().stderr.contains("no two candidates"), "{}", r.stderr);
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

/// The PUE comparison scenarios of docs/models.md: annual PUE per site and design from
/// factors.csv, keyed by site id.
fn pue_by_site(d: &Dir, design: &str, extra: &str) -> std::collections::BTreeMap<String, f64> {
    let reference = repo().join("data/reference");
    let text = std::fs::read_to_string(reference.join(format!("pue_compare_{design}.toml")))
        .unwrap()
        .replace(
            "../sites.csv",
            &reference.join("../sites.csv").display().to_string(),
        )
        .replace(
            "../climate.csv",
            &reference.join("../climate.csv").display().to_string(),
        )
        .replace(
            "../climate_bins.csv",
            &reference.join("../climate_bins.csv").display().to_string(),
        )
        .replace(
            "\"pue_compare_model.toml\"",
            &format!(
                "{:?}",
                reference
                    .join("pue_compare_model.toml")
                    .display()
                    .to_string()
            ),
        )
        .replace("[facility]\n", &format!("[facility]\n{extra}"));
    let name = format!("{design}.toml");
    d.write(&name, &text);
    let out = format!("out-{design}");
    d.run(&["run", &name, "--draws", "0", "--quiet", "--out", &out])
        .ok();
    let f = crate::util::Csv::parse(&d.read(&format!("{out}/factors.csv")));
    let (site, metric, value) = (f.col("site_id"), f.col("metric"), f.col("value"));
    f.rows
        .iter()
        .filter(|r| r[metric] == "cooling.pue")
        .map(|r| (r[site].clone(), r[value].parse().unwrap()))
        .collect()
}

#[test]
fn pue_comparison_scenarios_run_and_rank_the_designs() {
    let d = Dir::new();
    let air = pue_by_site(&d, "airside-economizer", "");
    let water = pue_by_site(&d, "waterside-economizer", "");
    let chiller = pue_by_site(&d, "chiller-only", "");
    assert_eq!(air.len(), 64, "{air:?}");
    for (site, &c) in &chiller {
        // An economiser never needs more chiller work than running the chillers all year;
        // waterside pays 0.015 for pumps and towers.
        assert!(
            air[site] <= c && water[site] <= c + 0.015,
            "{site}: {air:?} {water:?} {c}"
        );
        // 1.055 is the fixed overhead alone (free cooling every hour, as in Bogotá).
        assert!(
            (1.055 - 1e-9..1.6).contains(&air[site]),
            "{site}: {}",
            air[site]
        );
    }
    // The figures documented for Hong Kong (docs/models.md).
    assert!(
        (air["hong-kong"] - 1.252).abs() < 5e-4,
        "{}",
        air["hong-kong"]
    );
    assert!(
        (water["hong-kong"] - 1.184).abs() < 5e-4,
        "{}",
        water["hong-kong"]
    );
    assert!(
        (chiller["hong-kong"] - 1.320).abs() < 5e-4,
        "{}",
        chiller["hong-kong"]
    );
    // Facility overrides: 0.03 more fan power at sea level is 0.03·(p₀/p)² more PUE, p the
    // standard-atmosphere pressure at the site's elevation (ASHRAE Fundamentals ch. 1, eq. 3).
    let sites =
        crate::util::Csv::parse(&std::fs::read_to_string(repo().join("data/sites.csv")).unwrap());
    let (id, z) = (sites.col("id"), sites.col("elevation_m"));
    let fans = pue_by_site(&Dir::new(), "airside-economizer", "fans = 0.05\n");
    for (site, &p) in &fans {
        let row = sites.rows.iter().find(|r| &r[id] == site).unwrap();
        let kpa = 101.325 * (1.0 - 2.25577e-5 * row[z].parse::<f64>().unwrap()).powf(5.2559);
        let more = 0.03 * (101.325 / kpa).powi(2);
        assert!(
            (p - air[site] - more).abs() < 1e-9,
            "{site}: {p} vs {} + {more}",
            air[site]
        );
    }
    assert!(
        fans["bogota"] - air["bogota"] > 0.055,
        "thin air at 2,550 m"
    );
}

#[test]
fn binned_pue_comparison_uses_the_bins() {
    // The binned scenarios read climate_bins.csv: sites with bins move (slightly), the
    // others (no hourly file, e.g. hong-kong) keep the monthly method's value.
    let d = Dir::new();
    let monthly = pue_by_site(&d, "waterside-economizer", "");
    let binned = pue_by_site(&d, "waterside-economizer_binned", "");
    assert_eq!(monthly["hong-kong"], binned["hong-kong"]);
    assert_ne!(monthly["the-dalles"], binned["the-dalles"]);
    assert!((monthly["the-dalles"] - binned["the-dalles"]).abs() < 0.02);
}

#[test]
fn explain_names_the_cooling_design() {
    let d = Dir::new();
    pue_by_site(&d, "waterside-economizer", "");
    let r = d.run(&["explain", "waterside-economizer.toml", "tokyo"]);
    r.ok().stdout_has("cooling (waterside-economizer) → PUE");
}

/// An observer that cancels the run once it has seen one batch: the engine starts no further
/// batch and the run fails with `Error::Cancelled` (the Python binding's Ctrl-C).
#[test]
fn a_run_cancelled_by_its_observer_stops_early() {
    use std::sync::atomic::{AtomicU64, Ordering};
    struct CancelAfterOneBatch(AtomicU64);
    impl dcsite::simulate::Observer for CancelAfterOneBatch {
        fn progress(&self, draws_done: u64) {
            self.0.fetch_add(draws_done, Ordering::Relaxed);
        }
        fn cancelled(&self) -> bool {
            self.0.load(Ordering::Relaxed) > 0
        }
    }
    let scenario =
        dcsite::Scenario::load(&repo().join("examples/apple-icloud-china.toml")).unwrap();
    let observer = CancelAfterOneBatch(AtomicU64::new(0));
    let opts = dcsite::RunOptions::new().draws(20_000).seed(1).threads(1);
    let err = dcsite::Run::simulate(scenario, &opts, &observer).unwrap_err();
    assert!(matches!(err, dcsite::Error::Cancelled), "{err}");
    assert!(!err.is_input());
    // One batch of 500 draws, not 40 batches (nor the confidence pass).
    assert_eq!(observer.0.load(Ordering::Relaxed), 500);
}
