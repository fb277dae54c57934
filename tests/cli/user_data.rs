//! A scenario's own `[data]` files get the checks `dcsite data check` makes of them, and the
//! points files of `dcsite latency` are checked the same way: every bad file is exit code 2,
//! naming the file, line, column and what is allowed.

use super::*;

/// The Apple example (CN users, CN/HK/TW/SG candidates) with `extra` appended.
fn apple_with(extra: &str) -> String {
    let apple = std::fs::read_to_string(repo().join("examples/apple-icloud-china.toml")).unwrap();
    format!("{apple}\n{extra}")
}

fn shipped(name: &str) -> String {
    std::fs::read_to_string(repo().join("data").join(name)).unwrap()
}

/// The 1-based line of the first line of `text` starting with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    1 + text.lines().position(|l| l.starts_with(prefix)).unwrap()
}

#[test]
fn a_malformed_destination_list_is_refused_as_by_data_check() {
    let juris = shipped("jurisdictions.csv");
    let line = line_of(&juris, "SG,");
    for (list, bad) in [("CN;JP", "CN;JP"), ("cn jp", "cn"), ("China", "China")] {
        let d = Dir::with(&[
            (
                "j.csv",
                &juris.replace("SG,Singapore,none,,", &format!("SG,Singapore,none,{list},")),
            ),
            ("s.toml", &apple_with("[data]\njurisdictions = \"j.csv\"\n")),
        ]);
        let run = ["run", "s.toml", "--draws", "0", "--out", "out", "-q"];
        for args in [&["validate", "s.toml"][..], &run] {
            let r = d.run(args);
            r.bad_input()
                .stderr_has(&format!(
                    "j.csv:{line}: row {}, column allowed_destinations = {bad}",
                    line - 1
                ))
                .stderr_has("ISO 3166-1 alpha-2 code (two upper-case letters");
            assert!(!d.exists("out"), "nothing is written");
        }
    }
    // The same list written correctly is accepted.
    let d = Dir::with(&[
        (
            "j.csv",
            &juris.replace("SG,Singapore,none,,", "SG,Singapore,none,CN JP,"),
        ),
        ("s.toml", &apple_with("[data]\njurisdictions = \"j.csv\"\n")),
    ]);
    d.run(&["validate", "s.toml"]).ok();
}

/// A regime in another form than the three allowed, in a row the scenario does not read
/// (France: no candidate, no users).
#[test]
fn a_bad_regime_in_an_own_jurisdictions_file_is_refused() {
    let juris = shipped("jurisdictions.csv");
    let d = Dir::with(&[
        (
            "j.csv",
            &juris.replace("FR,France,none,", "FR,France,Strict,"),
        ),
        ("s.toml", &apple_with("[data]\njurisdictions = \"j.csv\"\n")),
    ]);
    d.run(&["validate", "s.toml"])
        .bad_input()
        .stderr_has("column localization = \"Strict\": allowed: none, sectoral, strict");
}

/// A sector code outside the vocabulary, in a row the scenario does not read (France), is
/// refused, naming the row, column and allowed codes; the same list of known codes passes.
#[test]
fn an_unknown_sector_code_in_an_own_jurisdictions_file_is_refused() {
    let juris = shipped("jurisdictions.csv");
    let line = line_of(&juris, "FR,");
    let fr = juris.lines().nth(line - 1).unwrap();
    // FR's `allowed_destinations` list ends with UY; `localized_sectors` follows it.
    let with =
        |sectors: &str| juris.replace(fr, &fr.replacen("UY,,", &format!("UY,{sectors},"), 1));
    let d = Dir::with(&[
        ("j.csv", &with("health fintech")),
        ("s.toml", &apple_with("[data]\njurisdictions = \"j.csv\"\n")),
    ]);
    d.run(&["validate", "s.toml"]).bad_input().stderr_has(&format!(
        "j.csv:{line}: row {}, column localized_sectors = \"fintech\": allowed: payments, banking, insurance, health, public, telecom, ecommerce; codes are separated by spaces",
        line - 1
    ));
    d.write("j.csv", &with("health public"));
    d.run(&["validate", "s.toml"]).ok();
}

/// Qingyang's shipped monthly rows and bins, the bins moved by `shift_c` °C.
fn climate_fixture(shift_c: f64) -> Dir {
    let climate = shipped("climate.csv");
    let bins = shipped("climate_bins.csv");
    let mut c: Vec<&str> = vec![climate.lines().next().unwrap()];
    c.extend(climate.lines().filter(|l| l.starts_with("qingyang,")));
    let mut b = vec![bins.lines().next().unwrap().to_owned()];
    for l in bins.lines().filter(|l| l.starts_with("qingyang,")) {
        let f: Vec<&str> = l.split(',').collect();
        let t = |i: usize| f[i].parse::<f64>().unwrap() + shift_c;
        b.push(format!("{},{},{},{},{}", f[0], f[1], t(2), t(3), f[4]));
    }
    let scenario = "name = \"q\"\nmodel = \"balanced\"\n\n[candidates]\ninclude = [\"qingyang\"]\n\n\
                    [data]\nclimate = \"c.csv\"\nclimate_bins = \"b.csv\"\n\n\
                    [[users]]\nname = \"cn\"\ncountries = [\"CN\"]\nshare = 1\n";
    Dir::with(&[
        ("c.csv", &(c.join("\n") + "\n")),
        ("b.csv", &(b.join("\n") + "\n")),
        ("s.toml", scenario),
    ])
}

#[test]
fn own_bins_that_contradict_the_monthly_rows_are_refused() {
    climate_fixture(0.0).run(&["validate", "s.toml"]).ok();
    let d = climate_fixture(8.0);
    for args in [
        &["validate", "s.toml"][..],
        &["explain", "s.toml", "qingyang"],
    ] {
        let r = d.run(args);
        r.bad_input()
            .stderr_has("b.csv: site_id qingyang, month 1: the bins' mean dry bulb")
            .stderr_has("more than 1 °C from c.csv's t_mean_c -4.1");
        assert_eq!(r.problems().len(), 12, "{}", r.stderr);
    }
}

#[test]
fn a_country_code_in_another_form_in_own_urban_areas_is_refused() {
    let cities = shipped("urban_areas.csv");
    let line = line_of(&cities, "chengdu-cn,");
    let d = Dir::with(&[
        (
            "c.csv",
            &cities.replace("chengdu-cn,Chengdu,CN,", "chengdu-cn,Chengdu,cn,"),
        ),
        ("s.toml", &apple_with("[data]\nurban_areas = \"c.csv\"\n")),
    ]);
    d.run(&["validate", "s.toml"])
        .bad_input()
        .stderr_has(&format!(
            "c.csv:{line}: row {}, column country = \"cn\": must be an ISO 3166-1 alpha-2 code (two upper-case letters, e.g. CN)",
            line - 1
        ));
}

#[test]
fn latency_refuses_country_codes_in_another_form() {
    let d = Dir::with(&[("fra.csv", "id,lat,lon,country\nfra,50.11,8.68,DE\n")]);
    for code in ["il", "ISR", "Israel", "I1", ""] {
        d.write(
            "tlv.csv",
            &format!("id,lat,lon,country\ntlv,32.08,34.78,{code}\n"),
        );
        let r = d.run(&[
            "latency", "--from", "tlv.csv", "--to", "fra.csv", "--out", "m.csv",
        ]);
        r.bad_input().stderr_has(&format!(
            "tlv.csv:2: row 1, column country = {code:?}: must be an ISO 3166-1 alpha-2 code"
        ));
        assert!(!d.exists("m.csv"), "nothing is written");
    }
    d.write("tlv.csv", "id,lat,lon,country\ntlv,32.08,34.78,IL\n");
    d.run(&["latency", "--from", "tlv.csv", "--to", "fra.csv"])
        .ok();
}

/// One empty id gave a row that could not be joined back; two gave "duplicate id".
#[test]
fn latency_refuses_an_empty_id() {
    let d = Dir::with(&[
        ("fra.csv", "id,lat,lon,country\nfra,50.11,8.68,DE\n"),
        ("one.csv", "id,lat,lon,country\n,35.7,107.65,CN\n"),
        (
            "two.csv",
            "id,lat,lon\n,35.7,107.65\n,36.7,107.65\nx,95,0\n",
        ),
    ]);
    d.run(&["latency", "--from", "one.csv", "--to", "fra.csv"])
        .bad_input()
        .stderr_has("one.csv:2: row 1, column id = \"\": empty id");
    let r = d.run(&["latency", "--from", "fra.csv", "--to", "two.csv"]);
    r.bad_input()
        .stderr_has("two.csv:2: row 1, column id = \"\": empty id")
        .stderr_has("two.csv:3: row 2, column id = \"\": empty id")
        .stderr_has("two.csv:4: row 3, column lat");
    assert!(!r.stderr.contains("duplicate"), "{}", r.stderr);
    assert_eq!(r.problems().len(), 3, "{}", r.stderr);
}

fn measured(rows: &str) -> Dir {
    Dir::with(&[
        ("m.csv", &format!("site_id,city_id,rtt_ms\n{rows}")),
        ("s.toml", &apple_with("[data]\nlatency = \"m.csv\"\n")),
    ])
}

#[test]
fn measured_rtts_refuse_a_duplicate_pair_and_a_zero() {
    measured("qingyang,chengdu-cn,12\n")
        .run(&["validate", "s.toml"])
        .ok();
    measured("qingyang,chengdu-cn,12\nqingyang,chengdu-cn,50\n")
        .run(&["validate", "s.toml"])
        .bad_input()
        .stderr_has("m.csv:3: row 2, columns site_id/city_id = qingyang, chengdu-cn: duplicate pair (first on line 2)");
    for rtt in ["0", "-3", "10001"] {
        measured(&format!("qingyang,chengdu-cn,{rtt}\n"))
            .run(&["validate", "s.toml"])
            .bad_input()
            .stderr_has(&format!(
                "m.csv:2: row 1, column rtt_ms = \"{rtt}\": must be > 0 and ≤ 10000 (ms)"
            ));
    }
    // Below the light-speed round trip: a value in seconds, most likely (an audit found
    // 0.001 ms Tokyo – Delhi accepted).
    measured("qingyang,chengdu-cn,0.5\n")
        .run(&["validate", "s.toml"])
        .bad_input()
        .stderr_has("m.csv:2: row 1, column rtt_ms = \"0.5\": faster than light: qingyang and chengdu-cn are");
}

/// Rows for sites that are not candidates (frankfurt) or cities of no group (paris) are
/// ignored quietly; a site or city in no dataset is named.
#[test]
fn measured_rtts_warn_of_ids_in_no_dataset() {
    let r = measured("qingyng,chengdu-cn,12\nqingyang,chengdu-xx,12\nfrankfurt,paris-fr,9\n")
        .run(&["validate", "s.toml"]);
    r.ok()
        .stderr_has("m.csv:2: row 1, column site_id = \"qingyng\": no site of <embedded>/sites.csv has this id; the row is ignored")
        .stderr_has("m.csv:3: row 2, column city_id = \"chengdu-xx\": no city of <embedded>/urban_areas.csv has this id; the row is ignored");
    // Apart from the Apple example's own (its offshore keys change no score).
    let others = r.stderr.matches("warning").count()
        - r.stderr.matches("facility.keys = offshore: ").count();
    assert_eq!(others, 2, "{}", r.stderr);
}

#[test]
fn an_unreadable_measured_file_is_named_at_its_key() {
    let d = Dir::with(&[("s.toml", &apple_with("[data]\nlatency = \"missing.csv\"\n"))]);
    let r = d.run(&["validate", "s.toml"]);
    r.bad_input();
    assert_eq!(
        r.stderr.trim_end(),
        "error: s.toml: data.latency = missing.csv: cannot read: No such file or directory (os error 2)"
    );
}

#[test]
fn users_in_a_country_without_a_jurisdictions_row_are_named_at_their_key() {
    let group = "name = \"x\"\nmodel = \"balanced\"\n\n[candidates]\ninclude = [\"frankfurt\"]\n\n\
                 [[users]]\nname = \"caucasus\"\n";
    let d = Dir::with(&[
        (
            "s.toml",
            &format!("{group}countries = [\"GE\"]\nshare = 1\n"),
        ),
        (
            "m.toml",
            &format!("{group}metros = [\"tbilisi-ge\"]\nshare = 1\n"),
        ),
    ]);
    let r = d.run(&["validate", "s.toml"]);
    r.bad_input()
        .stderr_has("s.toml: users[0].countries[0] = \"GE\": no row for GE in <embedded>/jurisdictions.csv, whose internet_users_pct weighs the users; give a [data] jurisdictions file with a GE row");
    assert!(!r.stderr.contains("country \"GE\""), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    d.run(&["validate", "m.toml"])
        .bad_input()
        .stderr_has("m.toml: users[0].metros[0] = \"tbilisi-ge\": the city's country GE has no row in <embedded>/jurisdictions.csv");
    // The way out: a jurisdictions file with a GE row.
    let juris = shipped("jurisdictions.csv");
    let am = juris.lines().find(|l| l.starts_with("AT,")).unwrap();
    d.write(
        "j.csv",
        &format!("{juris}{}\n", am.replacen("AT,", "GE,", 1)),
    );
    d.write(
        "s.toml",
        &format!("{group}countries = [\"GE\"]\nshare = 1\n\n[data]\njurisdictions = \"j.csv\"\n"),
    );
    d.run(&["validate", "s.toml"]).ok();
}

/// `facility.sector` with an own jurisdictions file that has no `localized_sectors` column:
/// no sectoral country could bind, so the scenario is refused at the key, naming the file,
/// rather than run as if no law kept the sector's data in-country.
#[test]
fn a_sector_with_a_jurisdictions_file_without_sector_lists_is_refused() {
    let juris = shipped("jurisdictions.csv");
    let header = juris.lines().next().unwrap();
    let k = header
        .split(',')
        .position(|c| c == "localized_sectors")
        .expect("the shipped file has the column");
    // Drop the column: the k-th field of every row (no field before it is quoted).
    let dropped: String = juris
        .lines()
        .map(|l| {
            let mut f: Vec<&str> = l.splitn(k + 2, ',').collect();
            f.remove(k);
            f.join(",") + "\n"
        })
        .collect();
    assert!(!dropped.contains("localized_sectors"));
    let text = std::fs::read_to_string(repo().join("examples/xiaomi-overseas.toml")).unwrap();
    let with = |sector: &str| {
        text.replace(
            "keys = \"onshore\"",
            &format!("keys = \"onshore\"\nsector = \"{sector}\""),
        ) + "\n[data]\njurisdictions = \"j.csv\"\n"
    };
    let d = Dir::with(&[
        ("j.csv", &dropped),
        ("pay.toml", &with("payments")),
        ("gen.toml", &with("general")),
    ]);
    d.run(&["validate", "pay.toml"]).bad_input().stderr_has(
        "pay.toml: facility.sector = \"payments\": needs the localized_sectors column of j.csv",
    );
    d.run(&["validate", "gen.toml"]).ok();
    // The same with a model that reads no regulation metric: the sector still binds the
    // portfolio's assignment and residency rules, so it is refused by every command (it ran,
    // with the regulation metrics dropped behind a warning).
    let energy_only = "name = \"e\"\nmethod = \"wsm\"\n\n[[criteria]]\nid = \"cost\"\nfactor = \"energy.npv_usd\"\ndirection = \"min\"\nweight = 1\n";
    let pay = with("payments")
        .replace("model = \"latency-first\"", "model = \"e.toml\"")
        .replace("mode = \"intervals\"", "mode = \"exact\"");
    assert!(pay.contains("model = \"e.toml\""));
    let d = Dir::with(&[
        ("j.csv", &dropped),
        ("e.toml", energy_only),
        ("pay.toml", &format!("{pay}\n[portfolio]\nk = \"1..2\"\n")),
    ]);
    for args in [
        &["validate", "pay.toml"][..],
        &["run", "pay.toml", "--draws", "10", "--out", "r"],
        &["portfolio", "pay.toml", "--draws", "0", "--out", "p"],
    ] {
        d.run(args).bad_input().stderr_has(
            "pay.toml: facility.sector = \"payments\": needs the localized_sectors column of j.csv",
        );
    }
    assert!(!d.exists("r") && !d.exists("p"));
}
