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
    let out = apple_run();
    let read = |name: &str| {
        std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
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
        assert!(out.join(f).exists(), "{f} missing");
    }
    let leftovers: Vec<String> = all_files(out)
        .into_iter()
        .filter(|f| {
            let name = f.rsplit('/').next().unwrap();
            name.starts_with('.') || name.ends_with(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let ranking = read("ranking.csv");
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
    // The sites outside China are never feasible (localisation law): the score chart says
    // so beside their names, as their boxes alone would not.
    let never = ranking
        .rows
        .iter()
        .filter(|r| r[ranking.col("feasible_share")] == "0")
        .count();
    assert!(never >= 1);
    assert_eq!(
        read("plots/scores.svg").matches("(never feasible)").count(),
        never
    );
    // The map draws them as crosses, with a legend entry of their own.
    assert!(read("plots/map.svg").contains("never feasible"));

    let acc = Csv::parse(&read("acceptability.csv"));
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
        serde_json::from_str(&read("summary.json")).expect("summary.json is JSON");
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
    let criteria = Csv::parse(&read("criteria.csv"));
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
        csv_files(apple_run()),
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

/// Sites with lognormal noise (positive columns) and normal noise (a column that crosses
/// zero), enough of them for every vectorised loop's full blocks and its remainder.
fn noisy_sites() -> String {
    let mut csv = String::from("id,cost,cost_sd,speed,speed_sd,flat,flat_sd\n");
    for i in 0..45i32 {
        let (cost, speed, flat) = (10 + (i * 7) % 40, 1 + (i * 5) % 17, i % 9 - 4);
        csv += &format!(
            "s{i},{cost},{},{speed},1.5,{flat},0.8\n",
            f64::from(cost) / 8.0
        );
    }
    csv
}

#[test]
fn every_cpu_path_writes_the_same_files() {
    // DCSITE_SIMD caps the instruction sets of the engine's vectorised loops (normals, `exp`,
    // scoring, the confidence test, sketches, moments, ranks, pairwise counts). No loop uses
    // FMA, so every path must write the same bytes: the CSV files and `state.json` of the
    // Apple example (factor models, interval weights) and of a noisy scenario. A path
    // this CPU lacks runs as its best one; the test then compares a path with itself.
    let dir = fixture(
        Some(&scenario_plus("[weights]\nmode = \"unknown\"\n")),
        None,
        Some(&noisy_sites()),
    );
    let apple = apple();
    for (name, scenario) in [("apple", apple.as_str()), ("noisy", "scenario.toml")] {
        let files = |simd: &str| {
            let out = format!("{name}-{simd}");
            dir.run_env(
                &[
                    "run",
                    scenario,
                    "--draws",
                    "1200",
                    "--quiet",
                    "--no-plots",
                    "--out",
                    &out,
                ],
                &[("DCSITE_SIMD", simd)],
            )
            .ok();
            let mut files = csv_files(&dir.join(&out));
            files.insert(
                "state.json".into(),
                std::fs::read(dir.join(&out).join("state.json")).unwrap(),
            );
            files
        };
        let baseline = files("baseline");
        assert!(baseline.len() >= 7, "{name}: {:?}", baseline.keys());
        for simd in ["avx2", "avx512", "auto"] {
            assert_same_files(
                &baseline,
                &files(simd),
                &format!("{name}, baseline against {simd}"),
            );
        }
    }
}

#[test]
fn different_seeds_give_different_acceptabilities() {
    let dir = Dir::new();
    run_apple(&dir, "s1", &["--seed", "1", "--no-plots"]);
    assert_ne!(
        dir.read("s1/acceptability.csv"),
        std::fs::read_to_string(apple_run().join("acceptability.csv")).unwrap()
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

#[test]
fn a_second_run_removes_only_the_outputs_it_did_not_write() {
    let dir = Dir::new();
    let scenario = apple();
    let first = [
        "run", &scenario, "--draws", "200", "--quiet", "--out", "out",
    ];
    dir.run(&first).ok();
    assert!(dir.exists("out/acceptability.csv") && dir.exists("out/plots/scores.png"));
    // The user's own files, beside the outputs and among the plots.
    dir.write("out/notes.txt", "mine")
        .write("out/plots/mine.png", "mine")
        .write("out/plots/scores-annotated.svg", "mine");
    let second = [
        "run",
        &scenario,
        "--draws",
        "0",
        "--no-plots",
        "--quiet",
        "--out",
        "out",
    ];
    dir.run(&second).ok();
    // The Monte Carlo outputs and the plots of the first run are gone...
    for stale in [
        "acceptability.csv",
        "central_weights.csv",
        "pairwise.csv",
        "state.json",
        "plots/scores.png",
        "plots/acceptability.svg",
    ] {
        assert!(!dir.exists(&format!("out/{stale}")), "{stale} left behind");
    }
    // ...and nothing dcsite does not write.
    for mine in ["notes.txt", "plots/mine.png", "plots/scores-annotated.svg"] {
        assert_eq!(dir.read(&format!("out/{mine}")), "mine", "{mine} touched");
    }
}

/// One draw has a mean but no sample sd: score_sd, rank_sd and criteria.csv's sd are empty
/// alike (not 0).
#[test]
fn one_draw_has_no_sample_sd() {
    let dir = Dir::new();
    let scenario = apple();
    let args = [
        "run",
        &scenario,
        "--draws",
        "1",
        "--no-plots",
        "-q",
        "--out",
        "out",
    ];
    dir.run(&args).ok();
    let ranking = Csv::parse(&dir.read("out/ranking.csv"));
    for col in ["score_sd", "rank_sd"] {
        assert!(ranking.column(col).iter().all(|c| c.is_empty()), "{col}");
    }
    assert!(ranking.column("score_mean").iter().all(|c| !c.is_empty()));
    let criteria = Csv::parse(&dir.read("out/criteria.csv"));
    assert!(criteria.column("sd").iter().all(|c| c.is_empty()));
    assert!(criteria.column("mean").iter().all(|c| !c.is_empty()));
}

/// A price shock can name sites, as a regional grid's or one utility's tariff change does:
/// with probability 1 against 0 (the same random streams), Qingyang's energy cost rises in
/// every draw and no other site's moves; an unknown site id is bad input.
#[test]
fn a_price_shock_on_named_sites_reaches_those_sites_only() {
    let d = Dir::new();
    let text = std::fs::read_to_string(apple()).unwrap();
    for p in ["0", "1"] {
        d.write(
            &format!("p{p}.toml"),
            &format!(
                "{text}\n[[events]]\nname = \"gansu-tariff\"\nprobability = {p}\neffect = \"price-shock\"\n\
                 sites = [\"qingyang\"]\nfactor = 1.5\n"
            ),
        );
        d.run(&[
            "run",
            &format!("p{p}.toml"),
            "--draws",
            "50",
            "--save-draws",
            "50",
            "--no-plots",
            "--quiet",
            "--out",
            &format!("out{p}"),
        ])
        .ok();
    }
    let (off, on) = (
        Csv::parse(&d.read("out0/draws.csv")),
        Csv::parse(&d.read("out1/draws.csv")),
    );
    let (site, criterion, value) = (off.col("site_id"), off.col("criterion"), off.col("value"));
    let mut raised = 0;
    for (a, b) in off.rows.iter().zip(&on.rows) {
        assert_eq!((&a[site], &a[criterion]), (&b[site], &b[criterion]));
        if a[criterion] != "energy_cost" {
            continue;
        }
        let (x, y): (f64, f64) = (a[value].parse().unwrap(), b[value].parse().unwrap());
        if a[site] == "qingyang" {
            assert!(y > 1.3 * x, "qingyang {x} -> {y}");
            raised += 1;
        } else {
            assert_eq!(x, y, "{} moved", a[site]);
        }
    }
    assert_eq!(raised, 50);
    d.write(
        "bad.toml",
        &format!(
            "{text}\n[[events]]\nname = \"x\"\nprobability = 0.5\neffect = \"price-shock\"\nsites = [\"atlantis\"]\nfactor = 2\n"
        ),
    );
    d.run(&["run", "bad.toml", "--out", "bad"])
        .bad_input()
        .stderr_has("events[0].sites[0] = \"atlantis\": not a candidate site");
    assert!(!d.exists("bad"));
}
