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

    /// A keyword of the enum `T` (its kebab-case names); an unknown one is a problem at `key`
    /// that lists the allowed names, and `None`.
    pub fn choice<T>(&mut self, key: impl Into<String>, s: &str) -> Option<T>
    where
        T: std::str::FromStr + strum::VariantNames,
    {
        let v = s.parse().ok();
        if v.is_none() {
            self.problem(
                key,
                Some(&s),
                format!("allowed: {}", crate::error::allowed::<T>()),
            );
        }
        v
    }

    /// An optional keyword of the enum `T`: `default` when absent or unknown (unknown is a
    /// problem, as in [`Checker::choice`]).
    pub fn choice_or<T>(&mut self, key: impl Into<String>, s: Option<&str>, default: T) -> T
    where
        T: std::str::FromStr + strum::VariantNames,
    {
        s.and_then(|s| self.choice(key, s)).unwrap_or(default)
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
        // A model file given where a scenario is expected (`dcsite validate models/x.toml`).
        let message = if message.contains("unknown field `criteria`") && message.contains("`candidates`") {
            format!(
                "{message}; this looks like a model file ([[criteria]]): a scenario names its model with model = \"...\""
            )
        } else {
            message
        };
        let mut p = Problem::new(name, "", plain_types(&message));
        if let Some(span) = e.span() {
            let start = span.start.min(text.len());
            let line = text[..start].matches('\n').count() + 1;
            p = p.line(line);
            match key_at(text, span) {
                // A type or key error: the key path, and the value as written.
                Some((key, value)) => {
                    // No line for the whole file.
                    if key.is_empty() {
                        p.line = None;
                    }
                    p.key = key;
                    p.value = value;
                }
                // A syntax error: the line as written.
                None => {
                    let key = text.lines().nth(line - 1).unwrap_or("").trim();
                    p.key = key.chars().take(60).collect();
                }
            }
        }
        // `[users]` written for `[[users]]`: one table where a list of them is read.
        const LISTS: [&str; 5] = ["users", "rules", "events", "criteria", "uncertainty.electricity"];
        if p.message.contains("invalid type: table, expected a list") && LISTS.contains(&p.key.as_str()) {
            p.message = format!(
                "{}; write [[{}]], one double-bracketed table per entry, not [{}]",
                p.message, p.key, p.key
            );
        }
        p.into()
    })
}

/// serde's type names in a message (`expected i64`, `floating point`, `sequence`) in the
/// words of a TOML file: a whole number, a number, true or false, a list, a table.
fn plain_types(message: &str) -> String {
    const WORDS: [(&str, &str); 16] = [
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a table"),
        ("invalid type: floating point", "invalid type: number"),
        ("invalid type: integer", "invalid type: whole number"),
        ("invalid type: sequence", "invalid type: list"),
        ("invalid type: map", "invalid type: table"),
    ];
    let mut m = message.to_owned();
    for (rust, toml) in WORDS {
        let mut from = 0;
        while let Some(at) = m[from..].find(rust).map(|k| from + k) {
            let end = at + rust.len();
            // Whole words only: `expected u8` is not the start of `expected u80`.
            if m[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                from = end;
                continue;
            }
            m.replace_range(at..end, toml);
            from = at + toml.len();
        }
    }
    // A whole number beyond 64 bits (serde: "integer `…` as i128"): too large, not mistyped.
    for wide in ["` as i128", "` as u128"] {
        if m.contains(wide) {
            m = m
                .replace(wide, "` is too large")
                .replace("invalid type: whole number `", "out of range: `");
        }
    }
    m
}

/// The key path (`simulation.draws`, `criteria[1].column`) of the key or value at `span` of
/// a TOML document, with the value as written when it is not a table (at most 60
/// characters); `None` when the document does not parse or nothing there is at `span`.
fn key_at(text: &str, span: std::ops::Range<usize>) -> Option<(String, Option<String>)> {
    use toml::de::{DeTable, DeValue};
    type Spanned<T> = toml::Spanned<T>;

    fn inside(outer: &std::ops::Range<usize>, inner: &std::ops::Range<usize>) -> bool {
        outer.start <= inner.start && inner.end <= outer.end
    }

    fn value(
        path: String,
        v: &Spanned<DeValue>,
        text: &str,
        span: &std::ops::Range<usize>,
    ) -> Option<(String, Option<String>)> {
        match v.get_ref() {
            DeValue::Table(t) => {
                if let Some(found) = table(&path, t, text, span) {
                    return Some(found);
                }
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(found) = value(format!("{path}[{i}]"), item, text, span) {
                        return Some(found);
                    }
                }
            }
            _ => {}
        }
        if !inside(&v.span(), span) {
            return None;
        }
        let written = match v.get_ref() {
            DeValue::Table(_) => None,
            DeValue::Array(items) if items.iter().any(|i| i.get_ref().is_table()) => None,
            _ => text
                .get(v.span())
                .map(|t| t.trim().chars().take(60).collect()),
        };
        Some((path, written))
    }

    fn table(
        prefix: &str,
        t: &DeTable,
        text: &str,
        span: &std::ops::Range<usize>,
    ) -> Option<(String, Option<String>)> {
        t.iter().find_map(|(k, v)| {
            let path = if prefix.is_empty() {
                k.get_ref().to_string()
            } else {
                format!("{prefix}.{}", k.get_ref())
            };
            if inside(&k.span(), span) {
                // The key itself (an unknown field): the key and its value.
                let (_, written) = value(path.clone(), v, text, &v.span()).unwrap_or_default();
                return Some((path, written));
            }
            value(path, v, text, span)
        })
    }

    let doc = DeTable::parse(text).ok()?;
    if span.is_empty() {
        // The document as a whole (a missing top-level key).
        return Some((String::new(), None));
    }
    table("", doc.get_ref(), text, &span)
}
