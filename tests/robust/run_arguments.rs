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
    // No draws, no shard: said as such, not as "at most 0 shards".
    let run = d.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "0",
        "--shard",
        "1/2",
        "-q",
    ]);
    run.bad_input().stderr_has(
        "--shard = 1/2: a shard needs draws: with 0 draws the run is the base case only",
    );
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
    // 4,000,000,000 draws would take hours: the failure must come first. Not even root can
    // create a directory under /proc (a file in the way is bad input: `out_is_a_file`).
    let out = if cfg!(target_os = "linux") {
        "/proc/dcsite-no-such-dir/out"
    } else {
        d.write("blocker", "a file\n");
        "blocker/out"
    };
    let start = std::time::Instant::now();
    let run = d.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "4000000000",
        "--out",
        out,
        "-q",
    ]);
    run.code(if cfg!(target_os = "linux") { 1 } else { 2 })
        .stderr_has(out);
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
fn rayon_num_threads_has_the_bounds_of_threads() {
    let d = noisy();
    let run = |value: &str, extra: &[&str]| {
        let mut args = vec!["run", "scenario.toml", "--draws", "500", "--out", "o", "-q"];
        args.push("--no-plots");
        args.extend(extra);
        let r = d.run_env(&args, &[("RAYON_NUM_THREADS", value)]);
        (r.code, r.stderr)
    };
    for (value, says) in [
        (
            "40000",
            "environment: RAYON_NUM_THREADS = \"40000\": must be between 1 and",
        ),
        ("0", "RAYON_NUM_THREADS = \"0\": must be between 1 and"),
        (
            "abc",
            "RAYON_NUM_THREADS = \"abc\": not a whole number: must be between 1 and",
        ),
        ("", "RAYON_NUM_THREADS = \"\": not a whole number"),
    ] {
        let (code, stderr) = run(value, &[]);
        assert_eq!(code, Some(2), "{value}: {stderr}");
        assert!(stderr.contains(says), "{value}: {stderr}");
        assert!(stderr.contains("logical CPUs"), "{stderr}");
        assert!(!d.exists("o"), "nothing is written");
    }
    // --threads decides when given; a value within the bounds is taken.
    assert_eq!(run("40000", &["--threads", "1"]).0, Some(0));
    assert_eq!(run("1", &[]).0, Some(0));
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

/// `wall_time_s` counts from the start of the run, reading the scenario and data and building
/// the world included (outputs.md), not from the simulation: `dcsite::run` and `Run::simulate`
/// take the time before they read, and `Run::simulate_world_since` counts from the instant it
/// is given. Checked without timing anything: a run said to have started an hour ago records
/// at least an hour.
#[test]
fn wall_time_counts_from_the_start_it_is_given() {
    let d = Dir::new();
    let apple = repo().join("examples/apple-icloud-china.toml");
    let world = dcsite::World::build(dcsite::Scenario::load(&apple).unwrap()).unwrap();
    let hour = std::time::Duration::from_secs(3600);
    let started = std::time::Instant::now().checked_sub(hour).unwrap();
    let opts = dcsite::RunOptions::new().draws(0);
    let run = dcsite::Run::simulate_world_since(world, &opts, &dcsite::simulate::Silent, started)
        .unwrap();
    run.write(&d.join("o"), &dcsite::WriteOptions::default().plots(false))
        .unwrap();
    let wall = summary(&d, "o")["wall_time_s"].as_f64().unwrap();
    assert!(wall >= 3600.0, "wall_time_s {wall}");
}

/// summary.json records the seed the run was given, also for a base-case run that draws
/// nothing (it recorded the scenario's seed, 42, after `--seed 5`).
#[test]
fn a_base_case_run_records_the_seed_it_was_given() {
    let d = Dir::new();
    let apple = repo().join("examples/apple-icloud-china.toml");
    let apple = apple.to_str().unwrap();
    for (draws, out) in [("0", "base"), ("3", "three")] {
        d.run(&[
            "run",
            apple,
            "--draws",
            draws,
            "--seed",
            "5",
            "--out",
            out,
            "-q",
            "--no-plots",
        ])
        .ok();
        assert_eq!(summary(&d, out)["seed"], 5, "--draws {draws}");
    }
}
