//! Integration tests: one binary, one module per area (ripgrep's `tests/tests.rs`).

mod cli;
mod commands;
mod notebook;
mod report;
mod robust;
mod schema;
mod util;
