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
