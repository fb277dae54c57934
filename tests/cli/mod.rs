//! The command line, end to end: `dcsite` run in temporary directories on fixture files and
//! on the shipped examples. Exit codes: 0 ok, 1 runtime failure, 2 bad input.

mod ahp;
mod bad_input;
mod data_check;
mod example_run;
mod large_sites;
mod moments;
mod own_data;
mod shards;
mod shell;
mod sites;
mod user_data;
mod users;
mod validate;
mod verdict;

use approx::assert_abs_diff_eq;

use crate::util::{Csv, Dir, all_files, apple_run, assert_same_files, csv_files, repo};

/// A model of column criteria only, for an analyst's own sites file.
const MODEL: &str = r#"name = "mine"
method = "wsm"
normalization = "min-max"

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

[[criteria]]
id = "flat"
column = "flat"
direction = "max"
weight = 1
"#;

/// `id` and numeric columns only: no name, country or coordinates.
const SITES: &str = "id,cost,speed,flat\na,10,5,7\nb,20,9,7\nc,30,1,7\nd,15,3,7\n";

const SCENARIO: &str = r#"name = "mine"
model = "model.toml"

[data]
sites = "mine.csv"

[simulation]
draws = 200
seed = 7
"#;

/// A directory with the scenario, model and sites file, each replaced where given.
fn fixture(scenario: Option<&str>, model: Option<&str>, sites: Option<&str>) -> Dir {
    Dir::with(&[
        ("scenario.toml", scenario.unwrap_or(SCENARIO)),
        ("model.toml", model.unwrap_or(MODEL)),
        ("mine.csv", sites.unwrap_or(SITES)),
    ])
}

/// `SCENARIO` with extra TOML appended (tables go after `[simulation]`).
fn scenario_plus(extra: &str) -> String {
    format!("{SCENARIO}\n{extra}")
}
