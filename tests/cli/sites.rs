use super::*;

/// Site rows of `dcsite sites` (after the header), split on whitespace.
fn rows(stdout: &str) -> Vec<Vec<&str>> {
    stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect()
}

fn shipped() -> Csv {
    Csv::parse(&std::fs::read_to_string(repo().join("data/sites.csv")).unwrap())
}

#[test]
fn lists_every_shipped_site() {
    let run = Dir::new().run(&["sites"]);
    run.ok();
    let rows = rows(&run.stdout);
    assert!(rows.len() >= 60, "{} sites listed", rows.len());
    let ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(ids, shipped().column("id"));
}

#[test]
fn filters_by_country() {
    let run = Dir::new().run(&["sites", "--country", "CN"]);
    run.ok();
    let rows = rows(&run.stdout);
    let shipped = shipped();
    let cn = shipped
        .column("country")
        .iter()
        .filter(|&&c| c == "CN")
        .count();
    assert!(cn > 0);
    assert_eq!(rows.len(), cn, "{}", run.stdout);
    for r in &rows {
        assert_eq!(r[1], "CN", "{r:?}");
    }
}

#[test]
fn lists_an_analysts_file() {
    let dir = Dir::with(&[("mine.csv", SITES)]);
    let run = dir.run(&["sites", "--file", "mine.csv"]);
    run.ok();
    let ids: Vec<&str> = rows(&run.stdout).iter().map(|r| r[0]).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);
}
