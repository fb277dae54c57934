//! The documented output formats against real runs: every `summary.json` validates against
//! `docs/summary.schema.json` (JSON Schema draft 2020-12), and every file, CSV column and
//! summary field a run writes is snake_case and described in `docs/outputs.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Value, json};

use crate::util::{Csv, Dir, all_files, repo};

const EXAMPLE: &str = "examples/apple-icloud-china.toml";

fn schema() -> Value {
    let path = repo().join("docs/summary.schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    let schema = schema();
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("docs/summary.schema.json is not a valid JSON Schema: {e}");
    }
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("docs/summary.schema.json does not compile: {e}"))
}

/// The schema's complaints about `instance`, one line each (empty when it is valid).
fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("at {:?}: {e}", e.instance_path().to_string()))
        .collect()
}

#[track_caller]
fn assert_valid(v: &jsonschema::Validator, what: &str, instance: &Value) {
    let errs = errors(v, instance);
    assert!(
        errs.is_empty(),
        "{what} does not match docs/summary.schema.json:\n{}",
        errs.join("\n")
    );
}

/// `dcsite run EXAMPLE --out OUT --quiet args…` in `dir`.
fn run(dir: &Dir, out: &str, args: &[&str]) {
    let scenario = repo().join(EXAMPLE);
    let mut all = vec!["run", scenario.to_str().unwrap(), "--out", out, "--quiet"];
    all.extend_from_slice(args);
    dir.run(&all).ok();
}

fn summary(dir: &Dir, out: &str) -> Value {
    let text = dir.read(&format!("{out}/summary.json"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{out}/summary.json: not JSON: {e}"))
}

/// `docs/outputs.md` split at its `## ` headings: heading → text under it.
fn outputs_doc() -> BTreeMap<String, String> {
    let path = repo().join("docs/outputs.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut sections = BTreeMap::new();
    let mut heading = String::new();
    let mut body = String::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            sections.insert(std::mem::take(&mut heading), std::mem::take(&mut body));
            heading = h.trim().to_owned();
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    sections.insert(heading, body);
    sections
}

fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `rank_<N>` with N ≥ 1, the columns of acceptability.csv.
fn is_rank_column(s: &str) -> bool {
    s.strip_prefix("rank_")
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| n >= 1)
}

/// Checks a run directory against `docs/outputs.md`: every file is in the file table and has
/// a section; every CSV column is snake_case and named in its file's section (criterion-id
/// columns, `rank_N` and pairwise.csv's site-id columns by the section's general wording).
fn check_run_dir_against_docs(run_dir: &Path) {
    let doc = outputs_doc();
    let intro = &doc[""];
    let read = |name: &str| {
        let p = run_dir.join(name);
        Csv::parse(
            &std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display())),
        )
    };
    let criteria: BTreeSet<String> = read("criteria.csv")
        .column("criterion")
        .into_iter()
        .map(str::to_owned)
        .collect();
    let sites: BTreeSet<String> = read("ranking.csv")
        .column("site_id")
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert!(!criteria.is_empty() && !sites.is_empty());

    let files = all_files(run_dir);
    assert!(!files.is_empty(), "{} is empty", run_dir.display());
    let mut problems = Vec::new();
    for file in &files {
        let base = file.rsplit('/').next().unwrap();
        if base.starts_with('.') {
            problems.push(format!("{file}: a temporary file was left behind"));
            continue;
        }
        if let Some(plot) = file.strip_prefix("plots/") {
            let (stem, ext) = plot.rsplit_once('.').unwrap_or((plot, ""));
            let documented = doc
                .get("plots/")
                .is_some_and(|s| s.contains(&format!("| `{stem}` |")));
            if !documented || !["png", "svg"].contains(&ext) {
                problems.push(format!("{file}: not in the table of docs/outputs.md#plots"));
            }
            continue;
        }
        if file.contains('/') {
            problems.push(format!("{file}: undocumented subdirectory"));
            continue;
        }
        if !intro.contains(&format!("[`{file}`]")) {
            problems.push(format!("{file}: not in the file table of docs/outputs.md"));
        }
        let Some(section) = doc.get(file.as_str()) else {
            problems.push(format!("{file}: no `## {file}` section in docs/outputs.md"));
            continue;
        };
        if !file.ends_with(".csv") {
            continue;
        }
        let csv = read(file);
        if file == "pairwise.csv" {
            let columns: BTreeSet<String> = csv.header[1..].iter().cloned().collect();
            if csv.header[0] != "site_id" || columns != sites {
                problems.push(format!(
                    "pairwise.csv: header {:?} is not site_id and the site ids",
                    csv.header
                ));
            }
            if !section.contains("`site_id`") || !section.contains("one column per site id") {
                problems.push("pairwise.csv: columns not described".to_owned());
            }
            continue;
        }
        let mut seen = BTreeSet::new();
        for col in &csv.header {
            if !seen.insert(col) {
                problems.push(format!("{file}: column {col:?} appears twice"));
            }
            if !is_snake_case(col) {
                problems.push(format!("{file}: column {col:?} is not snake_case"));
            }
            let documented = section.contains(&format!("`{col}`"))
                || (criteria.contains(col) && section.contains("one column per criterion id"))
                || (is_rank_column(col) && section.contains("`rank_1` … `rank_m`"));
            if !documented {
                problems.push(format!(
                    "{file}: column {col:?} is not described in docs/outputs.md#{file}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} against docs/outputs.md:\n{}",
        run_dir.display(),
        problems.join("\n")
    );
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let s = schema();
    assert_eq!(
        s["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "the schema declares draft 2020-12"
    );
    validator();
}

#[test]
fn monte_carlo_run_matches_the_schema_and_the_docs() {
    let v = validator();
    let dir = Dir::new();
    run(
        &dir,
        "out",
        &["--draws", "600", "--save-draws", "2", "--report"],
    );
    let s = summary(&dir, "out");
    assert_valid(&v, "summary.json of a Monte Carlo run", &s);
    assert_eq!(s["draws"], 600);
    assert_eq!(s["base_case_only"], false);
    assert!(s["shard"].is_null());
    assert!(s["results"][0]["p_first"].is_f64());
    assert!(s["results"][0]["confidence_factor"].is_f64());
    for file in ["draws.csv", "pairwise.csv", "report.html", "plots/map.svg"] {
        assert!(dir.exists(&format!("out/{file}")), "{file} not written");
    }
    check_run_dir_against_docs(&dir.join("out"));
}

#[test]
fn base_case_run_matches_the_schema_and_the_docs() {
    let v = validator();
    let dir = Dir::new();
    run(&dir, "out", &["--draws", "0"]);
    let s = summary(&dir, "out");
    assert_valid(&v, "summary.json of a base-case run", &s);
    assert_eq!(s["base_case_only"], true);
    assert_eq!(s["batches"], json!([0, 0]));
    for r in s["results"].as_array().unwrap() {
        for field in [
            "p_first",
            "expected_rank",
            "feasible_share",
            "confidence_factor",
        ] {
            assert!(r[field].is_null(), "{field} = {} without draws", r[field]);
        }
    }
    check_run_dir_against_docs(&dir.join("out"));
}

#[test]
fn shards_and_their_merge_match_the_schema_and_the_docs() {
    let v = validator();
    let dir = Dir::new();
    // 1000 draws are two batches of 500, one per shard.
    run(&dir, "s1", &["--draws", "1000", "--shard", "1/2"]);
    run(&dir, "s2", &["--draws", "1000", "--shard", "2/2"]);
    for (out, shard) in [("s1", "1/2"), ("s2", "2/2")] {
        let s = summary(&dir, out);
        assert_valid(&v, &format!("summary.json of shard {shard}"), &s);
        assert_eq!(s["shard"], shard);
        assert!(s["results"][0]["confidence_factor"].is_null());
        check_run_dir_against_docs(&dir.join(out));
    }
    dir.run(&["merge", "s1", "s2", "--out", "merged"]).ok();
    let s = summary(&dir, "merged");
    assert_valid(&v, "summary.json of a merge", &s);
    assert_eq!(s["draws"], 1000);
    assert!(s["shard"].is_null());
    check_run_dir_against_docs(&dir.join("merged"));
}

/// Each mutation of a valid summary must fail validation, so the schema does check.
#[test]
fn schema_rejects_wrong_summaries() {
    let v = validator();
    let dir = Dir::new();
    run(&dir, "base", &["--draws", "0"]);
    run(&dir, "mc", &["--draws", "500"]);
    let base = summary(&dir, "base");
    let mc = summary(&dir, "mc");
    assert_valid(&v, "base-case summary", &base);
    assert_valid(&v, "Monte Carlo summary", &mc);

    type Mutation = fn(&mut Value);
    let cases: [(&str, &Value, Mutation); 12] = [
        ("draws as a string", &mc, |s| s["draws"] = json!("500")),
        ("negative seed", &mc, |s| s["seed"] = json!(-1)),
        ("p_first as a string", &mc, |s| {
            s["results"][0]["p_first"] = json!("0.5")
        }),
        ("p_first above 1", &mc, |s| {
            s["results"][0]["p_first"] = json!(1.5)
        }),
        ("rank 0", &mc, |s| s["results"][0]["rank"] = json!(0)),
        ("feasible_base as a number", &base, |s| {
            s["results"][0]["feasible_base"] = json!(1)
        }),
        ("an unknown field", &mc, |s| s["extra"] = json!(1)),
        ("an unknown result field", &mc, |s| {
            s["results"][0]["extra"] = json!(1)
        }),
        ("no results", &mc, |s| {
            s.as_object_mut().unwrap().remove("results");
        }),
        ("a short sha256", &mc, |s| {
            s["model"]["sha256"] = json!("abc")
        }),
        ("three batches", &mc, |s| s["batches"] = json!([0, 1, 2])),
        ("results with draws in a base-case run", &base, |s| {
            s["results"][0]["p_first"] = json!(0.5)
        }),
    ];
    for (what, valid, mutate) in cases {
        let mut s = valid.clone();
        mutate(&mut s);
        assert!(
            !errors(&v, &s).is_empty(),
            "the schema accepts a summary with {what}"
        );
    }
    let mut shard = mc.clone();
    shard["shard"] = json!("1/2");
    assert!(
        !errors(&v, &shard).is_empty(),
        "the schema accepts a shard with confidence factors"
    );
    shard["shard"] = json!("first half");
    assert!(
        !errors(&v, &shard).is_empty(),
        "the schema accepts shard \"first half\""
    );
}

/// Every field of summary.json is described in docs/outputs.md and in the schema.
#[test]
fn summary_fields_are_documented() {
    let doc = outputs_doc();
    let section = &doc["summary.json"];
    let s = schema();
    let dir = Dir::new();
    run(&dir, "out", &["--draws", "500", "--no-plots"]);
    let real = summary(&dir, "out");
    let mut fields: Vec<(&str, &Value, &Value)> = Vec::new();
    for (k, _) in real.as_object().unwrap() {
        fields.push((k, &s["properties"], &s["required"]));
    }
    for (k, _) in real["results"][0].as_object().unwrap() {
        let item = &s["$defs"]["site_result"];
        fields.push((k, &item["properties"], &item["required"]));
    }
    for (k, props, required) in fields {
        assert!(
            section.contains(&format!("`{k}`")),
            "summary.json field {k:?} is not in docs/outputs.md#summaryjson"
        );
        assert!(
            props[k]["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "summary.json field {k:?} has no description in the schema"
        );
        assert!(
            required.as_array().unwrap().contains(&json!(k)),
            "summary.json field {k:?} is not required by the schema"
        );
    }
}

/// `dcsite sensitivity` writes snake_case columns, each listed in docs/outputs.md.
#[test]
fn sensitivity_columns_are_snake_case_and_documented() {
    let doc = outputs_doc();
    let section = &doc["dcsite sensitivity"];
    let dir = Dir::new();
    let scenario = repo().join(EXAMPLE);
    dir.run(&["sensitivity", scenario.to_str().unwrap(), "--out", "sens"])
        .ok();
    let files = all_files(&dir.join("sens"));
    assert!(!files.is_empty(), "dcsite sensitivity wrote nothing");
    let mut problems = Vec::new();
    for file in files {
        // A row names one or more files in its first cell (`a.png`, `a.svg`).
        let named = |l: &&str| {
            l.split('|')
                .nth(1)
                .is_some_and(|cell| cell.contains(&format!("`{file}`")))
        };
        let Some(row) = section.lines().find(named) else {
            problems.push(format!("{file}: not in docs/outputs.md#dcsite-sensitivity"));
            continue;
        };
        if !file.ends_with(".csv") {
            continue;
        }
        let listed: Vec<&str> = row
            .split('|')
            .nth(2)
            .unwrap_or("")
            .trim()
            .trim_matches('`')
            .split(", ")
            .collect();
        let csv = Csv::parse(&dir.read(&format!("sens/{file}")));
        for col in &csv.header {
            if !is_snake_case(col) {
                problems.push(format!("{file}: column {col:?} is not snake_case"));
            }
            let documented = listed.contains(&col.as_str())
                || (col.starts_with("w_") && listed.contains(&"w_<criterion>..."));
            if !documented {
                problems.push(format!(
                    "{file}: column {col:?} is not listed in docs/outputs.md"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An `ahp` run's summary, with its `ahp` block, matches the schema.
#[test]
fn ahp_run_matches_the_schema() {
    let v = validator();
    let text = std::fs::read_to_string(repo().join(EXAMPLE))
        .unwrap()
        .replace(
            "mode = \"intervals\"",
            "mode = \"ahp\"\nahp_spread = 0.5\npairwise = [[2, 3, 3, 2, 5, 5, 4], [2, 2, 1, 4, 4, 3], [1, 1, 3, 3, 2], [1, 3, 3, 2], [3, 3, 2], [1, 0.5], [0.5]]",
        );
    let dir = Dir::with(&[("ahp.toml", &text)]);
    dir.run(&[
        "run",
        "ahp.toml",
        "--out",
        "out",
        "--draws",
        "500",
        "--no-plots",
        "-q",
    ])
    .ok();
    let s = summary(&dir, "out");
    assert_valid(&v, "summary.json of an ahp run", &s);
    assert_eq!(s["weights_mode"], "ahp");
    assert!(s["ahp"]["consistency_ratio"].is_f64());
    let mut wrong = s.clone();
    wrong["ahp"]["consistency_ratio"] = json!(-1);
    assert!(!errors(&v, &wrong).is_empty(), "a negative CR passes");
}
