//! User groups on an analyst's own cities or jurisdictions file: a group, country or metro
//! whose points all weigh 0 is bad input, not silently dropped.

use super::*;

/// 90 % of the users in Chengdu under a residency rule (CN is strict), 10 % in Singapore,
/// on the shipped sites; `data` is the scenario's `[data]` table.
fn chengdu_and_singapore(data: &str) -> String {
    format!(
        "name = \"users\"\nmodel = \"balanced\"\n[data]\n{data}\n\
         [[users]]\nname = \"chengdu\"\nmetros = [\"chengdu-cn\"]\nshare = 0.9\n\
         [[users]]\nname = \"sg\"\ncountries = [\"SG\"]\nshare = 0.1\n\
         [[rules]]\nkind = \"residency\"\nusers = \"chengdu\"\n"
    )
}

/// A shipped dataset with one line's prefix replaced.
fn shipped_with(file: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(repo().join("data").join(file)).unwrap();
    assert!(text.contains(from), "{from:?} not in {file}");
    text.replacen(from, to, 1)
}

/// Runs `s.toml` and `validate`s it: exit 2, nothing written, the problem `expected` on the
/// group, and no warning that the rule's users have no strict country (CN is strict).
#[track_caller]
fn refused(dir: &Dir, expected: &str) {
    let run = dir.run(&["run", "s.toml", "--out", "out", "--quiet", "--no-plots"]);
    run.bad_input().stderr_has(expected);
    assert!(!dir.exists("out"), "bad input must write nothing");
    assert!(
        !run.stderr.contains("strict localisation"),
        "{}",
        run.stderr
    );
    dir.run(&["validate", "s.toml"])
        .bad_input()
        .stderr_has(expected);
}

/// Before: exit 0; `latency.csv` gave the Chengdu group a mean RTT of 0 ms, the residency
/// rule let Singapore and Frankfurt through, and a false warning said no country of these
/// users was strict.
#[test]
fn a_metro_of_population_0_is_refused_naming_the_group() {
    let dir = Dir::new();
    dir.write(
        "c.csv",
        &shipped_with(
            "cities.csv",
            "chengdu-cn,Chengdu,CN,30.6667,104.0667,13568357",
            "chengdu-cn,Chengdu,CN,30.6667,104.0667,0",
        ),
    );
    dir.write("s.toml", &chengdu_and_singapore("cities = \"c.csv\""));
    refused(
        &dir,
        "s.toml: users[0]: group \"chengdu\" has no users: a user point weighs population × internet_users_pct/100, and every point of the group weighs 0 (chengdu-cn has population 0 in c.csv), so its weights cannot be normalised to sum to 1; give chengdu-cn a population > 0, or remove the group",
    );
}

#[test]
fn a_country_with_internet_users_pct_0_is_refused_naming_the_file() {
    let dir = Dir::new();
    let juris = std::fs::read_to_string(repo().join("data/jurisdictions.csv")).unwrap();
    let mut r = csv::Reader::from_reader(juris.as_bytes());
    let header = r.headers().unwrap().clone();
    let pct = header
        .iter()
        .position(|h| h == "internet_users_pct")
        .unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for rec in r.records() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_owned).collect();
        if rec[0] == "CN" {
            rec[pct] = "0".into();
        }
        w.write_record(&rec).unwrap();
    }
    dir.write(
        "j.csv",
        &String::from_utf8(w.into_inner().unwrap()).unwrap(),
    );
    dir.write(
        "s.toml",
        &chengdu_and_singapore("jurisdictions = \"j.csv\""),
    );
    refused(
        &dir,
        "s.toml: users[0]: group \"chengdu\" has no users: a user point weighs population × internet_users_pct/100, and every point of the group weighs 0 (CN has internet_users_pct 0 in j.csv)",
    );
    // In a group whose other countries weigh something, the country itself is named.
    let mixed = chengdu_and_singapore("jurisdictions = \"j.csv\"")
        .replace("metros = [\"chengdu-cn\"]", "countries = [\"SG\", \"CN\"]");
    dir.write("s.toml", &mixed);
    refused(
        &dir,
        "s.toml: users[0].countries[1] = \"CN\": carries no users of group \"chengdu\"",
    );
}

/// data/SOURCES.md says that New York City and its five boroughs are six rows of the
/// shipped cities.csv, 26 % of the US users' weight (17.2 M of 66.0 M), twice the city's
/// own 13 %: checked against the file, so the note follows the data.
#[test]
fn new_york_and_its_boroughs_weigh_as_sources_md_says() {
    let cities = Csv::parse(&std::fs::read_to_string(repo().join("data/cities.csv")).unwrap());
    let (id, cc, pop) = (
        cities.col("id"),
        cities.col("country"),
        cities.col("population"),
    );
    let us: Vec<(&str, f64)> = cities
        .rows
        .iter()
        .filter(|r| r[cc] == "US")
        .map(|r| (r[id].as_str(), r[pop].parse::<f64>().unwrap()))
        .collect();
    let total: f64 = us.iter().map(|&(_, p)| p).sum();
    let ny = [
        "new-york-city-us",
        "brooklyn-us",
        "queens-us",
        "manhattan-us",
        "the-bronx-us",
        "staten-island-us",
    ];
    let ny_sum: f64 = us
        .iter()
        .filter(|(i, _)| ny.contains(i))
        .map(|&(_, p)| p)
        .sum();
    let city = us.iter().find(|(i, _)| *i == ny[0]).unwrap().1;
    assert_eq!(us.len(), 74);
    assert_eq!((total / 1e5).round() / 10.0, 66.0);
    assert_eq!((ny_sum / 1e5).round() / 10.0, 17.2);
    assert_eq!((100.0 * ny_sum / total).round(), 26.0);
    assert_eq!((100.0 * city / total).round(), 13.0);
    let sources = std::fs::read_to_string(repo().join("data/SOURCES.md")).unwrap();
    for needle in [
        "New York City (8.8 M) and its five boroughs, which it contains",
        "puts 26 % of its weight on New York's six rows (17.2 M of the 66.0 M in the 74 US cities), twice the city's own 13 %",
    ] {
        assert!(sources.contains(needle), "data/SOURCES.md lacks {needle:?}");
    }
}
