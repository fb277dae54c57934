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
    r.bad_input().stderr_has(
        "error: merge: shards: shard 1/2 of the split into 2 is missing: \
         run `dcsite run SCENARIO --shard 1/2` and name its directory too",
    );
    assert!(!r.stderr.contains("DIR"), "{}", r.stderr);
}

#[test]
fn merge_names_a_shard_given_twice() {
    let d = shards();
    let r = d.run(&["merge", "s1", "s2", "s2", "--out", "m"]);
    r.bad_input()
        .stderr_has("shard 2/2 of the split into 2 is named more than once");
    assert!(!d.exists("m"), "nothing written");
}

/// `--shard auto` takes the shard from an array job's environment: Slurm's 1-based array
/// here, Kubernetes' 0-based index with `--shard-count`; the merge of the two is the single
/// run, byte for byte.
#[test]
fn shards_from_the_scheduler_environment_merge_into_the_single_run() {
    let d = shards();
    let auto = |out: &str, env: &[(&str, &str)], count: Option<&str>| {
        let mut args = vec!["run", "proj/scenario.toml", "--shard", "auto", "--out", out];
        args.extend(["-q", "--no-plots"]);
        if let Some(c) = count {
            args.extend(["--shard-count", c]);
        }
        d.run_env(&args, env)
    };
    auto(
        "slurm1",
        &[
            ("SLURM_ARRAY_TASK_ID", "1"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_MAX", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
        ],
        None,
    )
    .ok();
    auto("k8s2", &[("JOB_COMPLETION_INDEX", "1")], Some("2")).ok();
    for (auto_dir, fixed_dir) in [("slurm1", "s1"), ("k8s2", "s2")] {
        assert_eq!(
            d.read(&format!("{auto_dir}/acceptability.csv")),
            d.read(&format!("{fixed_dir}/acceptability.csv"))
        );
    }
    d.run(&["merge", "slurm1", "k8s2", "--out", "merged"]).ok();
    d.run(&["merge", "s1", "s2", "--out", "fixed"]).ok();
    assert_eq!(csv_files(&d.join("merged")), csv_files(&d.join("fixed")));

    // Without an index, or without a count for Kubernetes, it says what to set.
    auto("none", &[], None)
        .bad_input()
        .stderr_has("SLURM_ARRAY_TASK_ID");
    auto("k8s", &[("JOB_COMPLETION_INDEX", "0")], None)
        .bad_input()
        .stderr_has("--shard-count");
    auto("k8s", &[("JOB_COMPLETION_INDEX", "2")], Some("2"))
        .bad_input()
        .stderr_has("needs at least 3 shards");
    d.run(&[
        "run",
        "proj/scenario.toml",
        "--shard",
        "1/2",
        "--shard-count",
        "3",
        "--out",
        "mixed",
    ])
    .bad_input()
    .stderr_has("--shard-count");
    for dir in ["none", "k8s", "mixed"] {
        assert!(!d.exists(dir), "{dir}: nothing written");
    }
}

/// The two-phase merge: first passes merged without the confidence pass, the confidence pass
/// in shards (one by K/N, one from a Kubernetes index), their hit counts merged: the same
/// files as the one-step merge, byte for byte.
#[test]
fn a_two_phase_merge_is_the_one_step_merge() {
    let d = shards();
    d.run(&["merge", "s1", "s2", "--out", "fixed"]).ok();
    d.run(&["merge", "s1", "s2", "--first-pass", "--out", "fp"])
        .ok();
    let fp = Csv::parse(&d.read("fp/ranking.csv"));
    let col = fp.col("confidence_factor");
    assert!(
        fp.rows.iter().all(|r| r[col].is_empty()),
        "no confidence yet"
    );
    d.run(&["confidence", "fp", "--shard", "1/2", "--out", "c1"])
        .ok();
    d.run_env(
        &[
            "confidence",
            "fp",
            "--shard",
            "auto",
            "--shard-count",
            "2",
            "--out",
            "c2",
        ],
        &[("JOB_COMPLETION_INDEX", "1")],
    )
    .ok();
    d.run(&["merge", "fp", "--confidence", "c2", "--out", "missing"])
        .bad_input()
        .stderr_has(
            "error: merge: --confidence: confidence shard 1/2 of the split into 2 is missing: \
             run `dcsite confidence fp --shard 1/2` and name its directory after --confidence too",
        );
    d.run(&["merge", "fp", "--confidence", "c1", "c2", "--out", "final"])
        .ok();
    let (two, one) = (csv_files(&d.join("final")), csv_files(&d.join("fixed")));
    assert_same_files(&one, &two, "two-phase merge against the one-phase merge");
    assert_eq!(d.read("final/state.json"), d.read("fixed/state.json"));
    // A confidence shard needs a first pass without its confidence pass.
    d.run(&["confidence", "fixed", "--shard", "1/2", "--out", "c3"])
        .bad_input()
        .stderr_has("merge --first-pass");
    assert!(!d.exists("missing") && !d.exists("c3"), "nothing written");
}

/// Shards of different splits: merge names the gap between their batches, or the batches
/// left uncovered at the end.
#[test]
fn merge_names_gaps_and_uncovered_batches_of_mixed_splits() {
    let d = shards();
    let shard = |k: &str, out: &str| {
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
    };
    // 2,000 draws are 4 batches: 1/2 is 0..2, 3/4 is 2..3, 4/4 is 3..4.
    shard("3/4", "q3");
    shard("4/4", "q4");
    d.run(&["merge", "s1", "q4", "--out", "gap"])
        .bad_input()
        .stderr_has(
            "shards must cover batches without gaps or overlaps; expected batch 2 next, got 3..4",
        );
    d.run(&["merge", "s1", "q3", "--out", "end"])
        .bad_input()
        .stderr_has("shards cover batches 0..3 of 0..4: some shard is missing");
    assert!(!d.exists("gap") && !d.exists("end"), "nothing written");
}

#[test]
fn a_write_stopped_half_way_leaves_a_directory_report_and_merge_refuse() {
    let d = fixture("[weights]\nmode = \"unknown\"\n");
    let run = |seed: &str| {
        d.run(&[
            "run",
            "scenario.toml",
            "--seed",
            seed,
            "--out",
            "o",
            "-q",
            "--no-plots",
        ])
    };
    run("1").ok();
    let old_ranking = d.read("o/ranking.csv");
    // A directory where criteria.csv goes: the rename fails after ranking.csv's.
    std::fs::remove_file(d.join("o/criteria.csv")).unwrap();
    std::fs::create_dir_all(d.join("o/criteria.csv/x")).unwrap();
    run("2").code(1).stderr_has("criteria.csv");
    assert_ne!(
        d.read("o/ranking.csv"),
        old_ranking,
        "the new run's first file"
    );
    assert!(
        !d.exists("o/summary.json"),
        "the old summary.json is gone before the new tables land"
    );
    for args in [&["report", "o"][..], &["merge", "o", "--out", "m"]] {
        d.run(args)
            .bad_input()
            .stderr_has("an incomplete run directory");
    }
    // The next run into it completes the directory, and removes dcsite's temporary files
    // of an interrupted write, not other files.
    std::fs::remove_dir_all(d.join("o/criteria.csv")).unwrap();
    d.write("o/.state.json.qDfEQe.tmp", "old");
    d.write("o/.notes.qDfEQe.tmp", "mine");
    d.write("o/.ranking.csv.tmp", "mine");
    run("2").ok();
    assert!(!d.exists("o/.state.json.qDfEQe.tmp"));
    assert!(d.exists("o/.notes.qDfEQe.tmp") && d.exists("o/.ranking.csv.tmp"));
    d.run(&["report", "o"]).ok();
}

#[test]
fn a_merged_summary_is_the_single_runs_but_for_the_wall_time() {
    // Relative paths: the warning about the sites file names it as the run was given it.
    let d = shards();
    d.run(&[
        "run",
        "proj/scenario.toml",
        "--out",
        "single",
        "-q",
        "--no-plots",
    ])
    .ok();
    d.run(&["merge", "s1", "s2", "--out", "merged"]).ok();
    let without_time = |dir: &str| {
        let mut s = summary(&d, dir);
        s.as_object_mut().unwrap().remove("wall_time_s");
        s
    };
    let single = without_time("single");
    assert!(
        single["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with("proj/mine.csv ")),
        "{}",
        single["warnings"]
    );
    assert_eq!(without_time("merged"), single);
}

#[test]
fn a_shard_saves_its_own_first_draws() {
    let d = shards();
    let save = |shard: Option<&str>, out: &str, n: &str| {
        let mut args = vec![
            "run",
            "proj/scenario.toml",
            "--out",
            out,
            "-q",
            "--no-plots",
        ];
        args.extend(["--save-draws", n]);
        if let Some(k) = shard {
            args.extend(["--shard", k]);
        }
        d.run(&args).ok();
        Csv::parse(&d.read(&format!("{out}/draws.csv")))
    };
    let whole = save(None, "whole", "1003");
    let shard = save(Some("2/2"), "s2", "3");
    // 2,000 draws, 4 batches: shard 2/2 has batches 2 and 3, draws 1000…1999.
    let draws: std::collections::BTreeSet<&str> = shard.column("draw").into_iter().collect();
    assert_eq!(
        draws.into_iter().collect::<Vec<_>>(),
        ["1000", "1001", "1002"]
    );
    let tail: Vec<&Vec<String>> = whole
        .rows
        .iter()
        .filter(|r| r[0].parse::<u64>().unwrap() >= 1000)
        .collect();
    assert_eq!(tail, shard.rows.iter().collect::<Vec<_>>());
    let first = save(Some("1/2"), "s1", "2");
    assert_eq!(first.column("draw")[0], "0");
}

/// A first pass (`merge --first-pass`) has no confidence factors yet: its verdict and its
/// report say so (the report even when its summary.json predates the verdict's note); the
/// final merge's do not.
#[test]
fn a_first_pass_says_its_confidence_factors_are_still_to_come() {
    let d = shards();
    d.run(&["merge", "s1", "s2", "--first-pass", "--out", "fp"])
        .ok();
    let note =
        "First pass only (`dcsite merge --first-pass`): the confidence factors are still to come";
    let text = |dir: &str| {
        summary(&d, dir)["verdict"]["text"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(text("fp").starts_with(note), "{}", text("fp"));
    d.run(&["report", "fp"]).ok();
    let html = d.read("fp/report.html");
    assert!(html.contains(note), "verdict note");
    assert!(
        html.contains("<dt>confidence pass</dt><dd>still to come"),
        "provenance"
    );
    // A summary.json written without the note: the report still says it.
    let mut s = summary(&d, "fp");
    s["verdict"]["text"] = "Recommended: a.".into();
    d.write(
        "fp/summary.json",
        &serde_json::to_string_pretty(&s).unwrap(),
    );
    d.run(&["report", "fp"]).ok();
    assert!(
        d.read("fp/report.html").contains(note),
        "note from the results"
    );
    for k in ["1/2", "2/2"] {
        d.run(&["confidence", "fp", "--shard", k]).ok();
    }
    d.run(&[
        "merge",
        "fp",
        "--confidence",
        "fp/confidence-1-of-2",
        "fp/confidence-2-of-2",
        "--out",
        "final",
    ])
    .ok();
    d.run(&["report", "final"]).ok();
    assert!(!text("final").contains("First pass"), "{}", text("final"));
    let html = d.read("final/report.html");
    assert!(!html.contains("First pass only") && !html.contains("confidence pass</dt>"));
}

/// A confidence shard written again into its directory removes the temporary file an
/// interrupted write of its `confidence.json` left there, and no other file.
#[test]
fn a_confidence_shard_removes_the_temporary_files_of_an_interrupted_write() {
    let d = shards();
    d.run(&["merge", "s1", "s2", "--first-pass", "--out", "fp"])
        .ok();
    let ours = "fp/confidence-1-of-2/.confidence.json.qDfEQe.tmp";
    let theirs = [
        "fp/confidence-1-of-2/.notes.qDfEQe.tmp",
        "fp/confidence-1-of-2/.confidence.json.tmp",
        "fp/confidence-1-of-2/notes.txt",
    ];
    for f in std::iter::once(ours).chain(theirs) {
        d.write(f, "x");
    }
    d.run(&["confidence", "fp", "--shard", "1/2"]).ok();
    assert!(d.exists("fp/confidence-1-of-2/confidence.json"));
    assert!(!d.exists(ours), "dcsite's own leftover is removed");
    for f in theirs {
        assert!(d.exists(f), "{f} is kept");
    }
}

/// `dcsite report` written again into a run directory removes the temporary file an
/// interrupted `dcsite report` left there, and no other file.
#[test]
fn report_removes_the_temporary_file_of_an_interrupted_report() {
    let d = shards();
    d.write("s1/.report.html.qDfEQe.tmp", "old");
    d.write("s1/.report.html.tmp", "mine");
    d.run(&["report", "s1"]).ok();
    assert!(d.exists("s1/report.html"));
    assert!(
        !d.exists("s1/.report.html.qDfEQe.tmp"),
        "dcsite's own leftover"
    );
    assert!(d.exists("s1/.report.html.tmp"), "not dcsite's");
}

/// A state.json edited by hand or cut short is bad input for `report` and `merge`, named by
/// key: an array one entry short panicked (exit 101), and a count above the draws was merged
/// into a feasible share of 499.9995 (found by an audit, December 2026).
#[test]
fn an_edited_state_file_is_refused_by_report_and_merge() {
    let d = fixture("");
    d.run(&[
        "run",
        "scenario.toml",
        "--out",
        "run",
        "--quiet",
        "--no-plots",
    ])
    .ok();
    // Text edits: the state's 128-bit integers do not survive a serde_json::Value.
    let state = d.read("run/state.json");
    let at = state.find("\"rank_counts\":[").unwrap() + "\"rank_counts\":[".len();
    let first = state[at..].find(',').unwrap();
    let short = format!("{}{}", &state[..at], &state[at + first + 1..]);
    d.write("run/state.json", &short);
    d.run(&["report", "run"])
        .bad_input()
        .stderr_has("run/state.json: acc.rank_counts has 15 entries where 4 sites");
    d.run(&["merge", "run", "--out", "m"])
        .bad_input()
        .stderr_has("acc.rank_counts has 15 entries");
    let at = state.find("\"feasible\":[").unwrap() + "\"feasible\":[".len();
    let first = state[at..].find(',').unwrap();
    let high = format!("{}999999{}", &state[..at], &state[at + first..]);
    d.write("run/state.json", &high);
    d.run(&["merge", "run", "--out", "m"])
        .bad_input()
        .stderr_has("acc.feasible counts 999999 draws of the 2000");
    assert!(!d.exists("m"));
}

/// `--out` naming a directory of someone else's files that a run would replace or remove is
/// refused before any work; a `plots` file in the way of the figures is refused before the
/// earlier run is touched. Both used to go wrong (found by an audit, December 2026): the
/// user's report.html and plots/map.png were deleted with exit 0, and a run that met the
/// `plots` file failed after removing the earlier run's summary.json.
#[test]
fn a_run_neither_deletes_someone_elses_files_nor_breaks_an_earlier_run() {
    let d = fixture("");
    d.write("project/report.html", "board report");
    d.write("project/plots/map.png", "my map");
    d.write("project/notes.txt", "notes");
    d.run(&["run", "scenario.toml", "--out", "project", "-q"])
        .bad_input()
        .stderr_has("run: --out = project: is not a dcsite run directory (no summary.json or inputs.json) but holds files a run would replace or remove: report.html, plots/map.png");
    assert_eq!(d.read("project/report.html"), "board report");
    assert_eq!(d.read("project/plots/map.png"), "my map");
    // A directory of other files only is fine, and they stay.
    d.write("mine/notes.txt", "notes");
    d.run(&["run", "scenario.toml", "--out", "mine", "-q", "--no-plots"])
        .ok();
    assert_eq!(d.read("mine/notes.txt"), "notes");
    // An earlier run, then a file named plots in the way: refused, the earlier run intact.
    let summary = d.read("mine/summary.json");
    d.write("mine/plots", "x");
    d.run(&["run", "scenario.toml", "--out", "mine", "-q"])
        .bad_input()
        .stderr_has("plots is a file");
    assert_eq!(d.read("mine/summary.json"), summary);
}
