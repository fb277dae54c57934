//! Integration tests: one binary, one module per area (ripgrep's `tests/tests.rs`).

mod cli;
mod commands;
mod geojson;
mod input_schema;
mod json_output;
mod notebook;
mod report;
mod robust;
mod schema;
mod util;
