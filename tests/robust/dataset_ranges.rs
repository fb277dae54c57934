use super::*;

const ENERGY_MODEL: &str = r#"name = "e"

[[criteria]]
id = "energy"
factor = "energy.npv_usd"
direction = "min"
weight = 1

[[criteria]]
id = "land"
column = "land_usd_m2"
direction = "min"
weight = 1

[[criteria]]
id = "water"
column = "water_stress"
direction = "min"
weight = 1

[[criteria]]
id = "quake"
factor = "security.seismic_pga_g"
direction = "min"
weight = 1
"#;

const SITES: &str = "id,name,country,lat,lon,electricity_usd_mwh,grid_gco2_kwh,seismic_pga_g,flood_index,cyclone_index,land_usd_m2,water_stress\n\
    a,A,SG,1.3,103.8,-40,400,0.1,1,1,-5,99\n\
    b,B,SG,1.4,103.9,90,400,50,1,1,10,2\n";

#[test]
fn every_out_of_range_cell_is_reported_once_by_run_and_data_check() {
    let d = Dir::with(&[
        ("m.toml", ENERGY_MODEL),
        ("sites.csv", SITES),
        (
            "s.toml",
            "name = \"s\"\nmodel = \"m.toml\"\n[data]\nsites = \"sites.csv\"\n[facility]\npue = 1.3\n",
        ),
    ]);
    let r = d.run(&["validate", "s.toml"]);
    r.bad_input();
    let problems = r.problems();
    for needle in [
        "row 1, column electricity_usd_mwh = \"-40\": must be between 0 and 10000 (USD/MWh)",
        "row 1, column land_usd_m2 = \"-5\": must be between 0 and 1000000 (USD/m2)",
        "row 1, column water_stress = \"99\": must be between 0 and 4 (WRI Aqueduct category 0-4)",
        "row 2, column seismic_pga_g = \"50\": must be between 0 and 3",
    ] {
        let n = problems.iter().filter(|p| p.contains(needle)).count();
        assert_eq!(n, 1, "{needle}: {n} times in\n{}", r.stderr);
    }
    assert_eq!(problems.len(), 4, "{}", r.stderr);
    // data check uses the same table (and the jurisdictions' columns too).
    std::fs::create_dir(d.join("data")).unwrap();
    d.write("data/sites.csv", SITES);
    for name in ["climate.csv", "urban_areas.csv"] {
        d.write(
            &format!("data/{name}"),
            &std::fs::read_to_string(repo().join("data").join(name)).unwrap(),
        );
    }
    let j = std::fs::read_to_string(repo().join("data/jurisdictions.csv")).unwrap();
    let mut lines: Vec<String> = j.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let gov = header.iter().position(|h| *h == "gov_access_risk").unwrap();
    let net = header
        .iter()
        .position(|h| *h == "internet_users_pct")
        .unwrap();
    let sg = lines.iter().position(|l| l.starts_with("SG,")).unwrap();
    let mut rec = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(lines[sg].as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    rec[gov] = "7".into();
    rec[net] = "250".into();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&rec).unwrap();
    lines[sg] = String::from_utf8(w.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_owned();
    d.write("data/jurisdictions.csv", &(lines.join("\n") + "\n"));
    let r = d.run(&["data", "check", "--data", "data"]);
    r.bad_input();
    for needle in [
        "column electricity_usd_mwh = \"-40\"",
        "column land_usd_m2 = \"-5\"",
        "column water_stress = \"99\"",
        "column seismic_pga_g = \"50\"",
        "column gov_access_risk = \"7\"",
        "column internet_users_pct = \"250\"",
    ] {
        let n = r.problems().iter().filter(|p| p.contains(needle)).count();
        assert_eq!(n, 1, "{needle}: {n} times in\n{}", r.stderr);
    }
}

/// A sites file's country in another form is named in the sites file, at its row, once
/// (it was blamed on jurisdictions.csv four times); `sites --file` checks the ranges that
/// `data check` and `run` check (a latitude of 135.6 was listed). Found by an audit,
/// December 2026.
#[test]
fn a_sites_file_is_checked_where_its_mistakes_are() {
    let shipped = std::fs::read_to_string(crate::util::repo().join("data/sites.csv")).unwrap();
    let d = crate::util::Dir::new();
    d.write(
        "lower.csv",
        &shipped.replacen(",Tokyo (Inzai),JP,", ",Tokyo (Inzai),jp,", 1),
    );
    d.run(&["sites", "--file", "lower.csv"])
        .bad_input()
        .stderr_has("column country = \"jp\": must be an ISO 3166-1 alpha-2 code");
    d.write(
        "lat.csv",
        &shipped.replacen(",Tokyo (Inzai),JP,35.80,", ",Tokyo (Inzai),JP,135.6,", 1),
    );
    d.run(&["sites", "--file", "lat.csv"])
        .bad_input()
        .stderr_has("column lat = \"135.6\": must be between -90 and 90");
}
