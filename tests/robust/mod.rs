//! No silent wrong answers (issue 14): every bad input, fault and edge case gets a clear
//! error or warning. Each test here failed on the code before the fix it pins.

use crate::util::{Csv, Dir, assert_same_files, csv_files, repo};

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

mod no_feasible_site;

mod bounds;

mod countries;

mod dataset_ranges;

mod closed_pipe;

mod run_arguments;

mod run_directories;

mod messages;

mod ties;

mod factors;
