//! Collecting every problem of one file, and parsing TOML with the line of a syntax error.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::error::{Problem, Problems, Result};

use super::*;

/// Collects problems for one file.
pub(crate) struct Checker {
    pub(super) file: String,
    pub(super) problems: Problems,
}

impl Checker {
    pub fn new(file: &str) -> Checker {
        Checker {
            file: file.to_owned(),
            problems: Problems::default(),
        }
    }

    pub fn problem(
        &mut self,
        key: impl Into<String>,
        value: Option<&dyn fmt::Display>,
        message: impl Into<String>,
    ) {
        let mut p = Problem::new(&self.file, key, message);
        if let Some(v) = value {
            p = p.value(v);
        }
        self.problems.push(p);
    }

    /// Checks `lo ≤ v ≤ hi` (either bound optional) and reports the allowed range.
    pub fn range(&mut self, key: &str, v: f64, lo: Option<f64>, hi: Option<f64>) -> f64 {
        let ok = v.is_finite() && lo.is_none_or(|l| v >= l) && hi.is_none_or(|h| v <= h);
        if !ok {
            let allowed = match (lo, hi) {
                (Some(l), Some(h)) => format!("must be between {l} and {h}"),
                (Some(l), None) => format!("must be ≥ {l}"),
                (None, Some(h)) => format!("must be ≤ {h}"),
                (None, None) => "must be a finite number".to_owned(),
            };
            self.problem(key, Some(&v), allowed);
        }
        v
    }

    /// Checks `0 < v ≤ hi`.
    pub fn positive_max(&mut self, key: &str, v: f64, hi: f64) -> f64 {
        if !(v.is_finite() && v > 0.0 && v <= hi) {
            self.problem(key, Some(&v), format!("must be > 0 and ≤ {hi}"));
        }
        v
    }

    /// An optional count of at least `lo` (`None` when absent or out of range).
    pub fn count(&mut self, key: &str, v: Option<i64>, lo: i64) -> Option<usize> {
        let v = v?;
        if v < lo {
            self.problem(key, Some(&v), format!("must be ≥ {lo}"));
            return None;
        }
        usize::try_from(v).ok()
    }

    /// A value in a criterion's unit: finite, at most [`VALUE_LIMIT`] in magnitude.
    pub fn value(&mut self, key: &str, v: f64) -> f64 {
        self.range(key, v, Some(-VALUE_LIMIT), Some(VALUE_LIMIT))
    }

    pub fn extend(&mut self, problems: Problems) {
        self.problems.extend(problems);
    }

    pub fn finish<T>(self, value: T) -> Result<T> {
        self.problems.into_result(value)
    }
}

/// Parses TOML text into a raw struct; a syntax or type error names the file and line.
pub fn parse_toml<T: DeserializeOwned>(name: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        // serde names the raw structs (`expected struct RawDist`): say what is meant instead.
        let message = e
            .message()
            .trim_end()
            .replace(
                "struct RawDist",
                "a distribution table such as { dist = \"fixed\", value = 1 }",
            )
            .replace(
                "struct RawPriceFactor",
                "a table { countries = [...], factor = {...} }",
            );
        let message = match message.find("struct Raw") {
            Some(_) => {
                let mut m = message.clone();
                while let Some(at) = m.find("struct Raw") {
                    let end = m[at + 10..]
                        .find(|c: char| !c.is_ascii_alphanumeric())
                        .map_or(m.len(), |k| at + 10 + k);
                    m.replace_range(at..end, "a table");
                }
                m
            }
            None => message,
        };
        let mut p = Problem::new(name, "", message);
        if let Some(span) = e.span() {
            let start = span.start.min(text.len());
            let line = text[..start].matches('\n').count() + 1;
            let key = text.lines().nth(line - 1).unwrap_or("").trim();
            p = p.line(line);
            p.key = key.chars().take(60).collect();
        }
        p.into()
    })
}
