//! `dcsite data check` on the shipped data and on small consistent and corrupted copies.

use super::*;

const SITES: &str = "id,name,country,lat,lon\na,Alpha,AA,10,20\nb,Beta,BB,-30,40\n";
const JURISDICTIONS: &str = "country,name,localization\nAA,Aland,none\nBB,Bland,strict\n";
const CITIES: &str = "id,name,country,lat,lon,population\n\
                          x-aa,Xa,AA,11,21,500000\n\
                          y-bb,Yb,BB,-31,41,1000000\n\
                          z-aa,Za,AA,12,22,300000\n";

/// Twelve months for each of a and b; row k (1-based) is on line k + 1.
fn climate() -> Vec<String> {
    let mut rows = vec!["site_id,month,t_mean_c,t_max_c,t_min_c,dewpoint_c".to_owned()];
    for site in ["a", "b"] {
        for m in 1..=12 {
            let t = 10 + m;
            rows.push(format!("{site},{m},{t},{},{},{}", t + 5, t - 5, t - 3));
        }
    }
    rows
}

fn data_dir(sites: &str, climate: &[String], jurisdictions: &str) -> Dir {
    Dir::with(&[
        ("data/sites.csv", sites),
        ("data/climate.csv", &(climate.join("\n") + "\n")),
        ("data/jurisdictions.csv", jurisdictions),
        ("data/urban_areas.csv", CITIES),
    ])
}

fn check(dir: &Dir) -> crate::util::Run {
    dir.run(&["data", "check", "--data", "data"])
}

/// The shipped data passes every check: 12 months of climate for all 64 sites, and the
/// hourly bins consistent with them.
#[test]
fn shipped_data_passes_the_check() {
    Dir::new()
        .run(&["data", "check"])
        .ok()
        .stdout_has("data ok: 64 sites");
}

#[test]
fn a_consistent_copy_passes() {
    let dir = data_dir(SITES, &climate(), JURISDICTIONS);
    check(&dir).ok().stdout_has("data ok: 2 sites");
}

/// `localized_sectors` holds codes of the fixed vocabulary only.
#[test]
fn an_unknown_sector_code_is_refused() {
    let j = "country,name,localization,localized_sectors\nAA,Aland,sectoral,payments Health\nBB,Bland,strict,\n";
    check(&data_dir(SITES, &climate(), j))
        .bad_input()
        .stderr_has("data/jurisdictions.csv:2: row 1, column localized_sectors = \"Health\": allowed: payments, banking, insurance, health, public, telecom, ecommerce");
    let j = "country,name,localization,localized_sectors\nAA,Aland,sectoral,payments health\nBB,Bland,strict,\n";
    check(&data_dir(SITES, &climate(), j)).ok();
}

#[test]
fn t_min_above_t_max() {
    let mut c = climate();
    // Row 3 (line 4): a, March: t_mean 13, t_max 18, t_min 20.
    c[3] = "a,3,13,18,20,10".into();
    check(&data_dir(SITES, &c, JURISDICTIONS))
        .bad_input()
        .stderr_has("data/climate.csv:4: row 3, columns t_min_c/t_mean_c/t_max_c");
}

#[test]
fn site_country_missing_from_jurisdictions() {
    let sites = SITES.replace("BB,-30", "ZZ,-30");
    check(&data_dir(&sites, &climate(), JURISDICTIONS))
        .bad_input()
        .stderr_has("data/sites.csv:3: row 2, column country = \"ZZ\"")
        .stderr_has("jurisdictions.csv");
}

/// A site with 11 months: the message names the climate file, the site and the missing
/// month, and points at a line of the file (the site's rows) and the month column.
#[test]
fn eleven_months() {
    let mut c = climate();
    c.pop(); // b, December: b's rows are lines 14-24
    let run = check(&data_dir(SITES, &c, JURISDICTIONS));
    run.bad_input()
        .stderr_has("site_id b")
        .stderr_has("months missing: 12");
    let located = run.stderr.lines().any(|l| {
        l.contains("months missing")
            && l.split("data/climate.csv:")
                .nth(1)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            && l.contains("column month")
    });
    assert!(
        located,
        "the problem should name data/climate.csv:<line> and column month:\n{}",
        run.stderr
    );
}

#[test]
fn duplicate_site_id() {
    let sites = format!("{SITES}a,Again,AA,1,1\n");
    check(&data_dir(&sites, &climate(), JURISDICTIONS))
        .bad_input()
        .stderr_has("data/sites.csv:4: row 3, column id = \"a\"")
        .stderr_has("duplicate site id");
}

#[test]
fn latitude_out_of_range() {
    let sites = SITES.replace("a,Alpha,AA,10,20", "a,Alpha,AA,123,20");
    check(&data_dir(&sites, &climate(), JURISDICTIONS))
        .bad_input()
        .stderr_has("data/sites.csv:2: row 1, column lat = \"123\"")
        .stderr_has("between -90 and 90");
}

#[test]
fn several_corruptions_are_all_reported() {
    let mut c = climate();
    c[3] = "a,3,13,18,20,10".into();
    let sites = SITES.replace("a,Alpha,AA,10,20", "a,Alpha,AA,123,20");
    let run = check(&data_dir(&sites, &c, JURISDICTIONS));
    run.bad_input()
        .stderr_has("data/climate.csv:4: row 3")
        .stderr_has("data/sites.csv:2: row 1, column lat");
    assert_eq!(run.problems().len(), 2, "{}", run.stderr);
}

/// A missing file is named, with the reason the system gives; a missing folder is one
/// problem, not one per file it should hold.
#[test]
fn a_missing_file_or_folder_is_named_once() {
    let dir = data_dir(SITES, &climate(), JURISDICTIONS);
    std::fs::remove_file(dir.join("data/climate.csv")).unwrap();
    let run = check(&dir);
    run.bad_input();
    assert_eq!(
        run.stderr.trim_end(),
        "error: data/climate.csv: cannot read: No such file or directory (os error 2)"
    );
    let run = dir.run(&["data", "check", "--data", "nope"]);
    run.bad_input();
    assert_eq!(
        run.stderr.trim_end(),
        "error: data check: --data = nope: directory not found"
    );
    dir.run(&["data", "check", "--data", "data/sites.csv"])
        .bad_input()
        .stderr_has("error: data check: --data = data/sites.csv: is a file, not a directory");
    // The same for a scenario's own data file.
    dir.write(
        "s.toml",
        "name = \"x\"\nmodel = \"balanced\"\n[data]\njurisdictions = \"nope.csv\"\n",
    );
    dir.run(&["validate", "s.toml"])
        .bad_input()
        .stderr_has("nope.csv: cannot read: No such file or directory (os error 2)");
}

/// Climate rows of sites that the sites file lacks (a site removed or renamed) are one
/// problem that counts and names them, with the folder in the file's name.
#[test]
fn climate_rows_without_a_site_are_one_problem() {
    let sites = "id,name,country,lat,lon\na,Alpha,AA,10,20\n";
    let run = check(&data_dir(sites, &climate(), JURISDICTIONS));
    run.code(2);
    assert!(
        run.stderr.contains(
            "data/climate.csv: site_id: climate rows for 1 site(s) not in data/sites.csv: b"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("not in data/sites.csv").count(), 1);
}
