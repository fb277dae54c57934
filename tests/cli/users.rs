//! User groups on an analyst's own urban-areas or jurisdictions file: a group, country or metro
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
            "urban_areas.csv",
            "chengdu-cn,Chengdu,CN,30.6667,104.0667,9136000,",
            "chengdu-cn,Chengdu,CN,30.6667,104.0667,0,",
        ),
    );
    dir.write("s.toml", &chengdu_and_singapore("urban_areas = \"c.csv\""));
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

/// data/SOURCES.md says what a `countries = ["US"]` group weighs on New York: checked
/// against the shipped urban_areas.csv, so the note follows the data.
#[test]
fn new_york_weighs_as_sources_md_says() {
    let urban = Csv::parse(&std::fs::read_to_string(repo().join("data/urban_areas.csv")).unwrap());
    let (id, cc, pop) = (
        urban.col("id"),
        urban.col("country"),
        urban.col("population"),
    );
    let us: Vec<(&str, f64)> = urban
        .rows
        .iter()
        .filter(|r| r[cc] == "US")
        .map(|r| (r[id].as_str(), r[pop].parse::<f64>().unwrap()))
        .collect();
    let total: f64 = us.iter().map(|&(_, p)| p).sum();
    let ny = us
        .iter()
        .find(|(i, _)| *i == "new-york-newark-us")
        .unwrap()
        .1;
    assert_eq!(us.len(), 144);
    assert_eq!((total / 1e5).round() / 10.0, 208.3);
    assert_eq!((ny / 1e5).round() / 10.0, 18.8);
    assert_eq!((100.0 * ny / total).round(), 9.0);
    let sources = std::fs::read_to_string(repo().join("data/SOURCES.md")).unwrap();
    let needle = "puts 9 % of its weight on New York-Newark (18.8 M of the 208.3 M in the 144 US agglomerations)";
    assert!(sources.contains(needle), "data/SOURCES.md lacks {needle:?}");
}

/// The GeoNames ids that are no agglomeration (a borough, a city proper) are refused at
/// their key, naming the file.
#[test]
fn an_old_city_id_is_refused_at_its_key() {
    let dir = Dir::new();
    dir.write(
        "s.toml",
        &chengdu_and_singapore("").replace("chengdu-cn", "brooklyn-us"),
    );
    dir.run(&["validate", "s.toml"])
        .bad_input()
        .stderr_has("s.toml: users[0].metros[0] = \"brooklyn-us\": no urban agglomeration with this id in <embedded>/urban_areas.csv");
}

/// `[data] cities` (GeoNames-style user points) is refused with the key that replaces it,
/// not read as urban areas: that file also measures remoteness.
#[test]
fn a_data_cities_key_is_refused_naming_urban_areas() {
    let dir = Dir::new();
    dir.write("s.toml", &chengdu_and_singapore("cities = \"c.csv\""));
    dir.run(&["validate", "s.toml"])
        .bad_input()
        .stderr_has(
            "s.toml: data.cities = \"c.csv\": the user points now come from [data] urban_areas",
        )
        .stderr_has("rename the key to urban_areas");
    // With urban_areas set as well, the old key is to be removed, not renamed.
    dir.write(
        "both.toml",
        &chengdu_and_singapore("cities = \"c.csv\"\nurban_areas = \"u.csv\""),
    );
    dir.run(&["validate", "both.toml"])
        .bad_input()
        .stderr_has("data.cities = \"c.csv\"")
        .stderr_has("remove the key (urban_areas is set)");
    // data check on a directory of the old layout says the same.
    dir.write("d/cities.csv", "id,name,country,lat,lon,population\n");
    dir.run(&["data", "check", "--data", "d"])
        .bad_input()
        .stderr_has("has a cities.csv, which dcsite no longer reads: the user points come from urban_areas.csv");
}

/// A country or metro listed twice in one group would weigh twice (its points added again):
/// refused at the second mention.
#[test]
fn a_place_listed_twice_in_a_group_is_refused() {
    let dir = Dir::new();
    dir.write(
        "s.toml",
        &chengdu_and_singapore("")
            .replace("[\"chengdu-cn\"]", "[\"chengdu-cn\", \"chengdu-cn\"]")
            .replace("[\"SG\"]", "[\"SG\", \"MY\", \"SG\"]"),
    );
    refused(
        &dir,
        "s.toml: users[0].metros[1] = chengdu-cn: listed twice in the group (also metros[0])",
    );
    refused(
        &dir,
        "s.toml: users[1].countries[2] = SG: listed twice in the group (also countries[0])",
    );
}

/// A country with no agglomeration in the shipped file (none of 300,000 people) says so and
/// names the way out; a code that is no country says that instead.
#[test]
fn a_country_without_agglomerations_says_why() {
    let dir = Dir::new();
    dir.write(
        "s.toml",
        &chengdu_and_singapore("").replace("[\"SG\"]", "[\"LU\", \"de\"]"),
    );
    refused(
        &dir,
        "s.toml: users[1].countries[0] = \"LU\": no urban agglomeration of <embedded>/urban_areas.csv is in this country",
    );
    refused(
        &dir,
        "give a [data] urban_areas file of your own with its places, or leave the country out",
    );
    refused(
        &dir,
        "s.toml: users[1].countries[1] = \"de\": not a country of <embedded>/urban_areas.csv or <embedded>/jurisdictions.csv (ISO 3166-1 alpha-2 codes, upper case)",
    );
}

/// No [[users]] under a model that reads latency and regulation metrics: one problem that
/// says what needs them, not one per family.
#[test]
fn no_users_is_one_problem() {
    let dir = Dir::new();
    dir.write("s.toml", "name = \"u\"\nmodel = \"balanced\"\n");
    let run = dir.run(&["validate", "s.toml"]);
    run.bad_input().stderr_has(
        "s.toml: users: no [[users]] groups in the scenario, which the model's latency metrics and the model's regulation metrics need",
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}
