//! The JSON Schemas of scenario and model files (`docs/scenario.schema.json`,
//! `docs/model.schema.json`): equal to what `dcsite schema` generates from the raw serde
//! types, valid draft-07, accepting every shipped file and rejecting typical mistakes.

use serde_json::{Value, json};

use crate::util::{Dir, repo};

fn shipped(kind: &str) -> Value {
    let path = repo().join(format!("docs/{kind}.schema.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

fn validator(kind: &str) -> jsonschema::Validator {
    let schema = shipped(kind);
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("docs/{kind}.schema.json is not a valid JSON Schema: {e}");
    }
    jsonschema::draft7::new(&schema)
        .unwrap_or_else(|e| panic!("docs/{kind}.schema.json does not compile: {e}"))
}

fn toml_value(text: &str) -> Value {
    toml::from_str(text).unwrap_or_else(|e| panic!("not TOML: {e}"))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect()
}

/// The shipped `.toml` files of a directory, by name.
fn shipped_files(dir: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no {dir}/*.toml");
    out
}

#[test]
fn shipped_schemas_are_the_generated_ones() {
    for kind in ["scenario", "model"] {
        let dir = Dir::new();
        let run = dir.run(&["schema", kind]);
        run.ok();
        let path = repo().join(format!("docs/{kind}.schema.json"));
        let file = std::fs::read_to_string(&path).unwrap();
        assert!(
            run.stdout == file,
            "docs/{kind}.schema.json is not what `dcsite schema {kind}` prints; regenerate it:\n  \
             cargo run -- schema {kind} > docs/{kind}.schema.json"
        );
    }
    Dir::new()
        .run(&["schema", "sites"])
        .bad_input()
        .stderr_has("allowed: scenario, model");
}

#[test]
fn every_shipped_file_names_its_schema_and_validates() {
    for (dir, kind) in [("examples", "scenario"), ("models", "model")] {
        let v = validator(kind);
        for (name, text) in shipped_files(dir) {
            let first = text.lines().next().unwrap_or("");
            assert_eq!(
                first,
                format!("#:schema ../docs/{kind}.schema.json"),
                "{name}: the first line names the schema (Taplo's directive)"
            );
            let errs = errors(&v, &toml_value(&text));
            assert!(errs.is_empty(), "{name}:\n{}", errs.join("\n"));
        }
    }
}

/// Each mutation of a shipped file is a typical mistake that the schema must reject.
#[test]
fn typical_mistakes_are_rejected() {
    type Mutation = fn(&mut Value);
    let read = |p: &str| toml_value(&std::fs::read_to_string(repo().join(p)).unwrap());
    let scenario = read("examples/apple-icloud-china.toml");
    let model = read("models/balanced.toml");
    let v_scenario = validator("scenario");
    let v_model = validator("model");
    let scenario_cases: [(&str, Mutation); 10] = [
        ("an unknown top-level key", |s| {
            s["modle"] = json!("balanced")
        }),
        ("an unknown key in [facility]", |s| {
            s["facility"]["it_load"] = json!(40)
        }),
        ("a wrong cooling", |s| {
            s["facility"]["cooling"] = json!("liquid")
        }),
        ("a wrong weights mode", |s| {
            s["weights"]["mode"] = json!("fuzzy")
        }),
        ("a wrong method", |s| s["method"] = json!("electre")),
        ("draws as a string", |s| {
            s["simulation"]["draws"] = json!("many")
        }),
        ("a share as a string", |s| {
            s["users"][0]["share"] = json!("all")
        }),
        ("a probability above 1", |s| {
            s["events"] = json!([{ "name": "e", "probability": 1.5, "effect": "infeasible",
                                   "sites": ["qingyang"] }])
        }),
        ("a wrong distribution", |s| {
            s["uncertainty"]["carbon_price_usd_t"]["dist"] = json!("gamma")
        }),
        ("no model", |s| {
            s.as_object_mut().unwrap().remove("model");
        }),
    ];
    assert!(errors(&v_scenario, &scenario).is_empty());
    for (what, mutate) in scenario_cases {
        let mut s = scenario.clone();
        mutate(&mut s);
        assert!(
            !errors(&v_scenario, &s).is_empty(),
            "the scenario schema accepts {what}"
        );
    }
    let model_cases: [(&str, Mutation); 6] = [
        ("an unknown key in a criterion", |m| {
            m["criteria"][0]["wieght"] = json!(1)
        }),
        ("a wrong direction", |m| {
            m["criteria"][0]["direction"] = json!("up")
        }),
        ("a weight as a string", |m| {
            m["criteria"][0]["weight"] = json!("heavy")
        }),
        ("a negative weight", |m| {
            m["criteria"][0]["weight"] = json!(-1)
        }),
        ("an unknown factor metric", |m| {
            m["criteria"][0]["factor"] = json!("energy.npv")
        }),
        ("a wrong normalization", |m| {
            m["normalization"] = json!("z-score")
        }),
    ];
    assert!(errors(&v_model, &model).is_empty());
    for (what, mutate) in model_cases {
        let mut m = model.clone();
        mutate(&mut m);
        assert!(
            !errors(&v_model, &m).is_empty(),
            "the model schema accepts {what}"
        );
    }
}
