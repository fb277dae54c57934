//! Fuzzing the inputs, on stable Rust: a seeded mutation loop over the shipped scenarios,
//! their models and the sites CSV (lines deleted or duplicated, numbers replaced by
//! -1/0/1e308/NaN/strings, unknown enum values, truncation, bad UTF-8). Each case runs
//! validation and a 50-draw run in-process and asserts: no panic; every outcome is success,
//! a runtime failure or bad input (exit classes 0, 1, 2); a scenario that validates runs; no
//! NaN or infinity in any written CSV.
//!
//! Cases: `DCSITE_FUZZ_CASES`, else 3,000 in release (`.ci/run`: about a minute) and 150 in a
//! debug build (`cargo test`). The seed is `DCSITE_FUZZ_SEED` (default 14); a failure prints
//! the case number and its mutation so it can be replayed.

use std::panic::AssertUnwindSafe;
use std::path::Path;

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The three files of a case: a scenario pointing at its own model and sites copies.
struct Case {
    scenario: String,
    model: Vec<u8>,
    sites: Vec<u8>,
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap()
}

/// A shipped example with its model and the sites file as local copies.
fn base_case(example: &str) -> Case {
    let text = read(&format!("examples/{example}.toml"));
    let model_line = text
        .lines()
        .find(|l| l.starts_with("model = "))
        .expect("examples name their model");
    let model = model_line
        .trim_start_matches("model = ")
        .split('"')
        .nth(1)
        .unwrap();
    let scenario = text.replacen(model_line, "model = \"model.toml\"", 1)
        + "\n[data]\nsites = \"sites.csv\"\n";
    Case {
        scenario,
        model: read(&format!("models/{model}.toml")).into_bytes(),
        sites: read("data/sites.csv").into_bytes(),
    }
}

const NUMBERS: [&str; 11] = [
    "-1",
    "0",
    "1",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "NaN",
    "\"x\"",
    "1e15",
    "0.0000001",
];

/// Spans of numbers (digits with sign, dot, exponent) in `text`.
fn number_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit() && (i == 0 || !text[i - 1].is_ascii_alphanumeric()) {
            let start = if i > 0 && text[i - 1] == b'-' {
                i - 1
            } else {
                i
            };
            let mut j = i;
            while j < text.len() && (text[j].is_ascii_digit() || b".eE+-".contains(&text[j])) {
                j += 1;
            }
            if j == text.len() || !text[j].is_ascii_alphabetic() {
                out.push((start, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Spans of double-quoted strings.
fn string_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, &b) in text.iter().enumerate() {
        match (b, open) {
            (b'"', None) => open = Some(i),
            (b'"', Some(s)) => {
                out.push((s, i + 1));
                open = None;
            }
            (b'\n', _) => open = None,
            _ => {}
        }
    }
    out
}

fn splice(text: &mut Vec<u8>, (a, b): (usize, usize), with: &[u8]) {
    text.splice(a..b, with.iter().copied());
}

/// One random mutation of `text`; returns what it did.
fn mutate(rng: &mut Xoshiro256PlusPlus, text: &mut Vec<u8>, csv: bool) -> String {
    let lines: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = 0;
        for (i, &b) in text.iter().enumerate() {
            if b == b'\n' {
                v.push((start, i + 1));
                start = i + 1;
            }
        }
        if start < text.len() {
            v.push((start, text.len()));
        }
        v
    };
    if lines.is_empty() {
        return "empty".into();
    }
    match rng.random_range(0..9) {
        0 => {
            let l = lines[rng.random_range(0..lines.len())];
            splice(text, l, b"");
            format!("delete line at byte {}", l.0)
        }
        1 => {
            let l = lines[rng.random_range(0..lines.len())];
            let copy = text[l.0..l.1].to_vec();
            splice(text, (l.1, l.1), &copy);
            format!("duplicate line at byte {}", l.0)
        }
        2..=4 => {
            let spans = number_spans(text);
            if spans.is_empty() {
                return "no number".into();
            }
            let s = spans[rng.random_range(0..spans.len())];
            let mut with = NUMBERS[rng.random_range(0..NUMBERS.len())].to_owned();
            if csv {
                with = with.trim_matches('"').to_owned();
            }
            splice(text, s, with.as_bytes());
            format!("number at byte {} -> {with}", s.0)
        }
        5 => {
            if csv {
                // An empty cell or a word where a number was.
                let spans = number_spans(text);
                if spans.is_empty() {
                    return "no number".into();
                }
                let s = spans[rng.random_range(0..spans.len())];
                let with = ["", "abc", "-0", "1,2"][rng.random_range(0..4)];
                splice(text, s, with.as_bytes());
                return format!("cell at byte {} -> {with:?}", s.0);
            }
            let spans = string_spans(text);
            if spans.is_empty() {
                return "no string".into();
            }
            let s = spans[rng.random_range(0..spans.len())];
            let with = [
                "\"bogus\"",
                "\"\"",
                "\"CN\"",
                "\"zz\"",
                "\"min\"",
                "\"fixed\"",
            ][rng.random_range(0..6)];
            splice(text, s, with.as_bytes());
            format!("string at byte {} -> {with}", s.0)
        }
        6 => {
            let at = rng.random_range(0..text.len());
            text.truncate(at);
            format!("truncate at {at}")
        }
        7 => {
            let at = rng.random_range(0..=text.len());
            splice(text, (at, at), &[0xff, 0xfe, b'\xc3']);
            format!("bad UTF-8 at {at}")
        }
        _ => {
            // Two digits swapped in a number: plausible typos.
            let spans = number_spans(text);
            if spans.is_empty() {
                return "no number".into();
            }
            let s = spans[rng.random_range(0..spans.len())];
            let with = format!("{}9", String::from_utf8_lossy(&text[s.0..s.1]));
            splice(text, s, with.as_bytes());
            format!("number at byte {} -> {with}", s.0)
        }
    }
}

/// The outcome class of a library call, as the binary maps it to an exit code.
fn class<T>(r: &dcsite::Result<T>) -> i32 {
    match r {
        Ok(_) => 0,
        Err(e) if e.is_input() => 2,
        Err(_) => 1,
    }
}

/// Cells of the written CSVs that are not finite numbers in disguise.
fn non_finite_cells(dir: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return bad;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "csv") {
            let text = std::fs::read_to_string(&p).unwrap();
            for cell in text.split(['\n', ',']) {
                let c = cell.trim().to_ascii_lowercase();
                if ["nan", "inf", "-inf", "infinity", "-infinity"].contains(&c.as_str()) {
                    bad.push(format!("{}: {cell}", p.display()));
                }
            }
        }
    }
    bad
}

#[test]
fn mutated_inputs_never_panic_or_give_silent_wrong_answers() {
    let cases: u64 = std::env::var("DCSITE_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 150 } else { 3_000 });
    let seed: u64 = std::env::var("DCSITE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(14);
    let examples = [
        "apple-icloud-china",
        "google-asia",
        "xiaomi-overseas",
        "xiaomi-portfolio",
    ];
    let bases: Vec<Case> = examples.iter().map(|e| base_case(e)).collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut failures = Vec::new();
    let mut counts = [0u64; 3];
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let start = std::time::Instant::now();
    for case in 0..cases {
        let k = rng.random_range(0..bases.len());
        let base = &bases[k];
        let (mut scenario, mut model, mut sites) = (
            base.scenario.clone().into_bytes(),
            base.model.clone(),
            base.sites.clone(),
        );
        let mut what = Vec::new();
        for _ in 0..rng.random_range(1..=3) {
            let m = match rng.random_range(0..3) {
                0 => format!("scenario: {}", mutate(&mut rng, &mut scenario, false)),
                1 => format!("model: {}", mutate(&mut rng, &mut model, false)),
                _ => format!("sites: {}", mutate(&mut rng, &mut sites, true)),
            };
            what.push(m);
        }
        let what = format!("case {case} ({}): {}", examples[k], what.join("; "));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("scenario.toml"), &scenario).unwrap();
        std::fs::write(dir.path().join("model.toml"), &model).unwrap();
        std::fs::write(dir.path().join("sites.csv"), &sites).unwrap();
        let path = dir.path().join("scenario.toml");
        let validated = std::panic::catch_unwind(|| dcsite::validate(&path));
        let Ok(validated) = validated else {
            failures.push(format!("{what}: validate panicked"));
            continue;
        };
        let out = dir.path().join("out");
        let req = dcsite::RunRequest {
            scenario: path.clone(),
            out: Some(out.clone()),
            options: dcsite::RunOptions::new().draws(50),
            no_plots: case % 10 != 0,
            ..Default::default()
        };
        let ran = std::panic::catch_unwind(AssertUnwindSafe(|| {
            dcsite::run(&req, &dcsite::simulate::Silent)
        }));
        let Ok(ran) = ran else {
            failures.push(format!("{what}: run panicked"));
            continue;
        };
        counts[class(&ran) as usize] += 1;
        match (&validated, &ran) {
            (Ok(_), Err(e)) => failures.push(format!("{what}: validated but run failed: {e}")),
            (Err(e), Ok(_)) => {
                failures.push(format!("{what}: run succeeded but validate failed: {e}"))
            }
            (Err(a), Err(b)) if class(&validated) != class(&ran) => {
                failures.push(format!("{what}: validate and run disagree: {a} / {b}"))
            }
            _ => {}
        }
        for cell in non_finite_cells(&out) {
            failures.push(format!("{what}: non-finite output {cell}"));
        }
        if ran.is_err() && out.exists() {
            failures.push(format!("{what}: a failed run wrote {}", out.display()));
        }
    }
    std::panic::set_hook(quiet);
    println!(
        "fuzz: {cases} cases (seed {seed}) in {:.1} s: {} ran, {} runtime failures, {} bad input",
        start.elapsed().as_secs_f64(),
        counts[0],
        counts[1],
        counts[2]
    );
    assert!(
        failures.is_empty(),
        "{} failures, the first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(15)].join("\n")
    );
}
