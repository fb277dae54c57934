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
