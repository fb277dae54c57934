//! Integration tests: one binary, one module per area (ripgrep's `tests/tests.rs`).

mod cli;
mod report;
mod util;
