use super::*;

#[test]
fn unknown_candidate_countries_are_named() {
    let d = Dir::new();
    d.write("apple.toml", &apple_with_countries(r#"["cn", "ZZ", "HK"]"#));
    let r = d.run(&["validate", "apple.toml"]);
    r.bad_input()
        .stderr_has("apple.toml: candidates.countries[0] = \"cn\": no site of <embedded>/sites.csv is in this country")
        .stderr_has("candidates.countries[1] = \"ZZ\"");
    assert_eq!(r.problems().len(), 2, "{}", r.stderr);
}

#[test]
fn unknown_country_in_sites_filter_is_bad_input() {
    crate::util::Dir::new()
        .run(&["sites", "--country", "XX"])
        .bad_input()
        .stderr_has("--country")
        .stderr_has("XX");
}
