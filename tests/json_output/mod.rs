//! `--json` on run, merge, validate, sites and explain: exactly one JSON document on
//! standard output, valid against `docs/json-output.schema.json`, and agreeing with the
//! files the command wrote.

use serde_json::Value;

use crate::util::{Dir, repo};

fn validator(def: &str) -> jsonschema::Validator {
    let path = repo().join("docs/json-output.schema.json");
    let mut schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    jsonschema::meta::validate(&schema).expect("a valid JSON Schema");
    // The whole schema accepts any command's document; check against the one expected.
    schema["oneOf"] = serde_json::json!([{ "$ref": format!("#/$defs/{def}") }]);
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// Parses stdout as exactly one JSON document and checks it against `def`.
#[track_caller]
fn document(stdout: &str, def: &str) -> Value {
    let mut stream = serde_json::Deserializer::from_str(stdout).into_iter::<Value>();
    let doc = stream
        .next()
        .expect("a JSON document on stdout")
        .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{stdout}"));
    assert!(stream.next().is_none(), "more than one document on stdout");
    let v = validator(def);
    let errs: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errs.is_empty(), "{def} document:\n{}", errs.join("\n"));
    assert!(
        validator_all().is_valid(&doc),
        "the whole schema accepts it too"
    );
    doc
}

fn validator_all() -> jsonschema::Validator {
    let path = repo().join("docs/json-output.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

/// The floating-point numbers of a JSON text as written, in order, from its first `"summary"`
/// key on (the rest of a `--json` document holds no such number).
fn floats(text: &str) -> Vec<&str> {
    let from = text.find("\"summary\"").unwrap_or(0);
    text[from..]
        .split(|c: char| !(c.is_ascii_digit() || "-+.eE".contains(c)))
        .filter(|t| t.contains('.') && t.chars().any(|c| c.is_ascii_digit()))
        .filter(|t| t.parse::<f64>().is_ok())
        .collect()
}

fn example(name: &str) -> String {
    repo().join("examples").join(name).display().to_string()
}

#[test]
fn serde_json_reads_numbers_back_exactly_in_every_build() {
    // `run --json` prints summary.json as read back, and `Run::read` reads it typed: without
    // serde_json's `float_roundtrip` a number can come back one ulp off (0.22499999999999998
    // printed as 0.225). A dev-dependency (jsonschema) turns the feature on in test builds
    // only, so no behavioural test here sees the release binary's parser: the crate must ask
    // for it itself.
    for manifest in ["Cargo.toml", "python/Cargo.toml"] {
        let text = std::fs::read_to_string(repo().join(manifest)).unwrap();
        let doc: toml::Table = text.parse().unwrap();
        let features = doc["dependencies"]["serde_json"]["features"]
            .as_array()
            .unwrap();
        assert!(
            features
                .iter()
                .any(|f| f.as_str() == Some("float_roundtrip")),
            "{manifest}: serde_json without float_roundtrip"
        );
    }
}

#[test]
fn run_and_merge_print_the_summary_they_wrote() {
    let dir = Dir::new();
    let scenario = example("google-asia.toml");
    let run = dir.run(&[
        "run",
        &scenario,
        "--out",
        "out",
        "--draws",
        "500",
        "--no-plots",
        "--json",
    ]);
    run.ok();
    let doc = document(&run.stdout, "run");
    let text = dir.read("out/summary.json");
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["summary"], file, "stdout's summary is summary.json");
    // Digit for digit: a parser that rounds a number it reads back (serde_json without
    // `float_roundtrip`) printed 0.225 for the 0.22499999999999998 of summary.json.
    let (printed, written) = (floats(&run.stdout), floats(&text));
    assert!(written.len() > 20, "{written:?}");
    assert_eq!(printed, written);
    assert_eq!(doc["summary"]["verdict"]["recommended"]["site_id"], "tokyo");
    let files: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(files.iter().any(|f| f.ends_with("ranking.geojson")));
    for f in &files {
        assert!(
            std::path::Path::new(f).is_absolute() || dir.exists(f),
            "{f} listed but missing"
        );
    }
    // Shards and their merge.
    for k in ["1/2", "2/2"] {
        let out = format!("s{}", &k[..1]);
        dir.run(&[
            "run",
            &scenario,
            "--out",
            &out,
            "--draws",
            "1000",
            "--shard",
            k,
            "--no-plots",
            "-q",
        ])
        .ok();
    }
    let merge = dir.run(&["merge", "s1", "s2", "--out", "m", "--json"]);
    merge.ok();
    let doc = document(&merge.stdout, "run");
    assert_eq!(doc["command"], "merge");
    let text = dir.read("m/summary.json");
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["summary"], file);
    assert_eq!(floats(&merge.stdout), floats(&text));
}

#[test]
fn validate_reports_each_file_and_every_problem() {
    let dir = Dir::with(&[(
        "bad.toml",
        "name = \"bad\"\nmodel = \"balanced\"\n[facility]\nit_load_mw = -4\ncooling = \"liquid\"\n",
    )]);
    let good = example("apple-icloud-china.toml");
    let run = dir.run(&["validate", &good, "bad.toml", "--json"]);
    run.bad_input();
    let doc = document(&run.stdout, "validate");
    assert_eq!(doc["ok"], false);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files[0]["ok"], true);
    assert_eq!(files[0]["candidates"], 13);
    let problems = files[1]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0]["file"], "bad.toml");
    assert_eq!(problems[0]["key"], "facility.it_load_mw");
    assert_eq!(problems[0]["value"], "-4");
    assert!(
        problems[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("allowed: airside-economizer")
    );
    let ok = dir.run(&["validate", &good, "--json"]);
    ok.ok();
    assert_eq!(document(&ok.stdout, "validate")["ok"], true);
}

/// A parse error (unknown key, wrong type, missing key) names the key by its path and gives
/// the value as written, as the other problems do; not the line of TOML.
#[test]
fn parse_problems_name_the_key_path_and_value() {
    let dir = Dir::with(&[
        ("unk.toml", "name = \"x\"\nmodel = \"balanced\"\nfoo = 1\n"),
        (
            "nested.toml",
            "name = \"x\"\nmodel = \"balanced\"\n\n[[events]]\nname = \"e\"\nprobability = \"x\"\n",
        ),
        ("missing.toml", "name = \"x\"\n"),
    ]);
    let run = dir.run(&[
        "validate",
        "unk.toml",
        "nested.toml",
        "missing.toml",
        "--json",
    ]);
    run.bad_input();
    let doc = document(&run.stdout, "validate");
    let problem = |i: usize| doc["files"][i]["problems"][0].clone();
    let p = problem(0);
    assert_eq!(
        (&p["file"], &p["line"], &p["key"], &p["value"]),
        (&"unk.toml".into(), &3.into(), &"foo".into(), &"1".into()),
        "{p}"
    );
    assert!(
        p["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown field `foo`")
    );
    let p = problem(1);
    assert_eq!(
        (&p["line"], &p["key"], &p["value"]),
        (&6.into(), &"events[0].probability".into(), &"\"x\"".into()),
        "{p}"
    );
    let p = problem(2);
    assert_eq!(
        (&p["line"], &p["key"], &p["value"], &p["message"]),
        (
            &Value::Null,
            &"".into(),
            &Value::Null,
            &"missing field `model`".into()
        ),
        "{p}"
    );
    // The text output is unchanged in form: file:line: key = value: message.
    dir.run(&["validate", "unk.toml"])
        .bad_input()
        .stderr_has("error: unk.toml:3: foo = 1: unknown field `foo`");
}

#[test]
fn sites_lists_the_shipped_sites_with_coordinates() {
    let run = Dir::new().run(&["sites", "--json", "--country", "cn"]);
    run.ok();
    let doc = document(&run.stdout, "sites");
    let sites = doc["sites"].as_array().unwrap();
    assert!(sites.len() >= 5);
    for s in sites {
        assert_eq!(s["country"], "CN");
        assert!(s["lat"].is_f64() && s["lon"].is_f64());
    }
    let text = Dir::new().run(&["sites", "--country", "CN"]);
    assert_eq!(
        text.stdout.lines().count(),
        sites.len() + 1,
        "the same sites as the table"
    );
}

#[test]
fn explain_gives_the_criteria_and_errors_are_json_too() {
    let dir = Dir::new();
    let scenario = example("apple-icloud-china.toml");
    let run = dir.run(&["explain", &scenario, "qingyang", "--json"]);
    run.ok();
    let doc = document(&run.stdout, "explain");
    assert_eq!(doc["base_rank"], 1);
    let criteria = doc["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 8);
    // With the weighted sum the contributions add up to the score.
    let total: f64 = criteria
        .iter()
        .map(|c| c["contribution"].as_f64().unwrap())
        .sum();
    approx::assert_abs_diff_eq!(total, doc["score_base"].as_f64().unwrap(), epsilon = 1e-12);
    let bad = dir.run(&["explain", &scenario, "atlantis", "--json"]);
    bad.bad_input().stderr_has("not a candidate");
    let doc = document(&bad.stdout, "error");
    assert_eq!(doc["command"], "explain");
    assert_eq!(doc["problems"][0]["key"], "SITE");
    let missing = dir.run(&["run", "nope.toml", "--json"]);
    missing.bad_input();
    let doc = document(&missing.stdout, "error");
    assert_eq!(doc["problems"], serde_json::json!([]));
    assert!(doc["error"].as_str().unwrap().contains("nope.toml"));
}

/// An argument clap rejects is a failure like any other: with `--json`, the error document on
/// stdout (exit code 2); without it, nothing on stdout; `--help` is still help.
#[test]
fn argument_errors_are_json_too() {
    let dir = Dir::new();
    let scenario = example("google-asia.toml");
    let bad = dir.run(&["run", &scenario, "--json", "--draws", "abc", "--out", "out"]);
    bad.bad_input()
        .stderr_has("invalid value 'abc' for '--draws");
    let doc = document(&bad.stdout, "error");
    assert_eq!(doc["command"], "run");
    assert_eq!(
        doc["error"],
        "invalid value 'abc' for '--draws <DRAWS>': invalid digit found in string"
    );
    assert_eq!(
        doc["problems"],
        serde_json::json!([{
            "file": "run", "line": null, "key": "--draws", "value": "abc",
            "message": "invalid digit found in string"
        }])
    );
    let unknown = dir.run(&["validate", &scenario, "--json", "--bogus"]);
    unknown.bad_input();
    let doc = document(&unknown.stdout, "error");
    assert_eq!(doc["command"], "validate");
    assert_eq!(doc["problems"][0]["key"], "--bogus");
    let plain = dir.run(&["run", &scenario, "--draws", "abc"]);
    plain.bad_input();
    assert_eq!(plain.stdout, "");
    let help = dir.run(&["run", "--json", "--help"]);
    help.ok().stdout_has("Usage: dcsite run");
    assert!(!dir.exists("out"));
}
