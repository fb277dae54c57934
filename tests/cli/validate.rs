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
