//! Each bad input: exit code 2, a message naming the file and the key or row/column,
//! and no output directory.

use super::*;
use crate::util::Run;

/// Runs the fixture and checks exit code 2 and that nothing was written.
#[track_caller]
fn rejected(dir: &Dir) -> Run {
    let run = dir.run(&["run", "scenario.toml", "--out", "out", "--quiet"]);
    run.bad_input();
    assert!(
        !dir.exists("out"),
        "bad input must write nothing, but out/ exists: {:?}\n{}",
        all_files(&dir.join("out")),
        run.stderr
    );
    assert!(
        run.stderr.starts_with("error: "),
        "errors start with `error: `:\n{}",
        run.stderr
    );
    run
}

#[track_caller]
fn scenario(text: &str) -> Run {
    rejected(&fixture(Some(text), None, None))
}

#[track_caller]
fn model(text: &str) -> Run {
    rejected(&fixture(None, Some(text), None))
}

#[track_caller]
fn sites(text: &str) -> Run {
    rejected(&fixture(None, None, Some(text)))
}

#[test]
fn malformed_toml_names_file_and_line() {
    scenario("name = \"mine\"\nmodel = \"model.toml\n[data]\nsites = \"mine.csv\"\n")
        .stderr_has("scenario.toml:2")
        .stderr_has("model = \"model.toml");
}

#[test]
fn unknown_top_level_key() {
    scenario("name = \"mine\"\nmodel = \"model.toml\"\ncolour = \"red\"\n")
        .stderr_has("scenario.toml:3")
        .stderr_has("colour");
}

#[test]
fn unknown_key_in_facility() {
    scenario(&scenario_plus("[facility]\nit_load_mw = 5\nit_load = 5\n"))
        .stderr_has("scenario.toml:13")
        .stderr_has("unknown field `it_load`");
}

#[test]
fn cooling_parameter_out_of_range() {
    scenario(&scenario_plus(
        "[facility]\nfans = 1.5\nairside_max_dewpoint_c = 40\n",
    ))
    .stderr_has("scenario.toml: facility.fans = 1.5")
    .stderr_has("between 0 and 1")
    .stderr_has("facility.airside_max_dewpoint_c = 40")
    .stderr_has("between -20 and 30");
}

#[test]
fn unknown_key_in_model_criterion() {
    model(&MODEL.replace("weight = 1\n", "weight = 1\nwieght = 2\n"))
        .stderr_has("model.toml:")
        .stderr_has("wieght");
}

#[test]
fn wrong_type() {
    scenario(&SCENARIO.replace("draws = 200", "draws = \"many\""))
        .stderr_has("scenario.toml:8")
        .stderr_has("draws = \"many\"")
        .stderr_has("invalid type");
}

/// Type errors say what is expected in the words of a TOML file, not Rust's type names.
#[test]
fn wrong_type_says_what_is_expected_in_plain_words() {
    scenario(&SCENARIO.replace("draws = 200", "draws = \"10000\""))
        .stderr_has(
            "scenario.toml:8: simulation.draws = \"10000\": invalid type: string \"10000\", expected a whole number",
        );
    scenario(&SCENARIO.replace("seed = 7", "seed = 1.5"))
        .stderr_has("invalid type: number `1.5`, expected a whole number");
    scenario(&scenario_plus("[facility]\nit_load_mw = \"5\"\n"))
        .stderr_has("facility.it_load_mw = \"5\": invalid type: string \"5\", expected a number");
    scenario(&scenario_plus("[candidates]\ninclude = \"a\"\n")).stderr_has("expected a list");
    scenario(&SCENARIO.replace("seed = 7", "seed = true"))
        .stderr_has("invalid type: boolean `true`, expected a whole number");
}

#[test]
fn missing_scenario_file() {
    let dir = Dir::new();
    let run = dir.run(&["run", "nope.toml", "--out", "out", "--quiet"]);
    run.bad_input()
        .stderr_has("nope.toml")
        .stderr_has("cannot read");
    assert!(!dir.exists("out"));
}

/// The message names the missing file and the scenario key that named it, as the
/// unknown built-in model does.
#[test]
fn missing_model_file() {
    scenario(&SCENARIO.replace("model.toml", "nope.toml"))
        .stderr_has("nope.toml")
        .stderr_has("cannot read")
        .stderr_has("scenario.toml: model = \"nope.toml\"");
}

/// The message names the scenario key that named the missing file, as for the model.
#[test]
fn missing_sites_file() {
    scenario(&SCENARIO.replace("mine.csv", "nope.csv"))
        .stderr_has("scenario.toml: data.sites = ")
        .stderr_has("nope.csv: cannot read");
}

/// `{:#}` prints the cause chain: the OS error must appear once, not twice.
#[test]
fn a_read_error_states_its_cause_once() {
    let dir = Dir::new();
    let run = dir.run(&["run", "nope.toml", "--out", "out", "--quiet"]);
    run.bad_input();
    assert_eq!(
        run.stderr.matches("(os error 2)").count(),
        1,
        "{}",
        run.stderr
    );
}

/// An output directory that cannot be created (here under /proc, where not even root can
/// create one) is a runtime failure, not bad input; `--out` naming a file is bad input
/// (`out_is_a_file`).
#[cfg(target_os = "linux")]
#[test]
fn unwritable_output_is_exit_code_1() {
    let dir = fixture(None, None, None);
    let out = "/proc/dcsite-no-such-dir/out";
    let run = dir.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "0",
        "--out",
        out,
        "--quiet",
    ]);
    run.code(1).stderr_has(out);
}

#[test]
fn unknown_builtin_model_lists_the_builtin_names() {
    scenario(&SCENARIO.replace("\"model.toml\"", "\"fancy\""))
        .stderr_has("scenario.toml: model = \"fancy\"")
        .stderr_has("balanced, latency-first, sovereignty");
}

#[test]
fn sites_row_with_too_few_fields() {
    sites("id,cost,speed,flat\na,10,5,7\nb,20,9\nc,30,1,7\n")
        .stderr_has("mine.csv:3")
        .stderr_has("has 3 fields, the header has 4");
}

#[test]
fn empty_cell_in_a_used_column() {
    sites("id,cost,speed,flat\na,10,5,7\nb,,9,7\n")
        .stderr_has("mine.csv:3: row 2, column cost")
        .stderr_has("empty cell");
}

#[test]
fn non_numeric_cell() {
    sites("id,cost,speed,flat\na,10,5,7\nb,cheap,9,7\n")
        .stderr_has("mine.csv:3: row 2, column cost = \"cheap\"")
        .stderr_has("not a number");
}

#[test]
fn nan_cell() {
    sites("id,cost,speed,flat\na,10,NaN,7\nb,20,9,7\n")
        .stderr_has("mine.csv:2: row 1, column speed = \"NaN\"")
        .stderr_has("finite");
}

#[test]
fn inf_cell() {
    sites("id,cost,speed,flat\na,10,5,7\nb,20,9,inf\n")
        .stderr_has("mine.csv:3: row 2, column flat = \"inf\"")
        .stderr_has("finite");
}

#[test]
fn a_bad_cell_in_an_unused_column_is_fine() {
    let dir = fixture(
        None,
        None,
        Some("id,cost,speed,flat,notes\na,10,5,7,x\nb,20,9,7,NaN\n"),
    );
    dir.run(&[
        "run",
        "scenario.toml",
        "--out",
        "out",
        "--quiet",
        "--draws",
        "0",
    ])
    .ok();
}

#[test]
fn duplicate_site_id() {
    sites("id,cost,speed,flat\na,10,5,7\nb,20,9,7\na,30,1,7\n")
        .stderr_has("mine.csv:4: row 3, column id = \"a\"")
        .stderr_has("duplicate site id (first on line 2)");
}

#[test]
fn unknown_site_id_in_candidates_include() {
    scenario(&scenario_plus("[candidates]\ninclude = [\"a\", \"zzz\"]\n"))
        .stderr_has("scenario.toml: candidates.include[1] = \"zzz\"")
        .stderr_has("mine.csv");
}

#[test]
fn negative_weight() {
    model(&MODEL.replacen("weight = 1", "weight = -1", 1))
        .stderr_has("model.toml: criteria[1].weight = -1")
        .stderr_has("must be between 0 and 1000000");
}

#[test]
fn negative_weight_is_not_all_zero() {
    // The others are positive: one problem, not a second that says all are zero.
    let run = model(&MODEL.replacen("weight = 2", "weight = -3", 1));
    run.stderr_has("model.toml: criteria[0].weight = -3");
    assert!(
        !run.stderr.contains("all weights are zero"),
        "{}",
        run.stderr
    );
}

#[test]
fn all_weights_zero() {
    model(
        &MODEL
            .replace("weight = 2", "weight = 0")
            .replace("weight = 1", "weight = 0"),
    )
    .stderr_has("model.toml: criteria[*].weight")
    .stderr_has("all weights are zero");
}

#[test]
fn threshold_rule_on_unknown_criterion() {
    scenario(&scenario_plus(
        "[[rules]]\nkind = \"threshold\"\ncriterion = \"price\"\nmax = 3\n",
    ))
    .stderr_has("scenario.toml: rules[0].criterion = price")
    .stderr_has("cost, speed, flat");
}

#[test]
fn bad_method_names_allowed_values() {
    scenario(&SCENARIO.replace("model = ", "method = \"electre\"\nmodel = "))
        .stderr_has("scenario.toml: method = electre")
        .stderr_has("wsm, wpm, topsis, vikor, promethee2");
}

#[test]
fn bad_model_method_names_allowed_values() {
    model(&MODEL.replace("method = \"wsm\"", "method = \"ahp\""))
        .stderr_has("model.toml: method = ahp")
        .stderr_has("wsm, wpm, topsis, vikor, promethee2");
}

#[test]
fn bad_direction_names_allowed_values() {
    model(&MODEL.replacen("direction = \"max\"", "direction = \"up\"", 1))
        .stderr_has("model.toml: criteria[1].direction = up")
        .stderr_has("min, max");
}

#[test]
fn bad_cooling_names_allowed_values() {
    scenario(&scenario_plus("[facility]\ncooling = \"freezer\"\n"))
        .stderr_has("scenario.toml: facility.cooling = freezer")
        .stderr_has("airside-economizer, waterside-economizer, chiller-only");
}

#[test]
fn bad_keys_names_allowed_values() {
    scenario(&scenario_plus("[facility]\nkeys = \"nobody\"\n"))
        .stderr_has("scenario.toml: facility.keys = nobody")
        .stderr_has("onshore, offshore, customer-hsm");
}

#[test]
fn bad_sector_names_file_key_and_allowed_values() {
    scenario(&scenario_plus("[facility]\nsector = \"finance\"\n"))
        .stderr_has("scenario.toml: facility.sector = finance")
        .stderr_has(
            "allowed: general, payments, banking, insurance, health, public, telecom, ecommerce",
        );
}

#[test]
fn bad_latency_path_names_file_key_and_allowed_values() {
    scenario(&scenario_plus(
        "[[users]]\nname = \"u\"\ncountries = [\"DE\"]\nshare = 1\nlatency_path = \"satellite\"\n",
    ))
    .stderr_has("scenario.toml: users[0].latency_path = satellite")
    .stderr_has("allowed: backbone, internet");
}

#[test]
fn negative_share_is_not_a_zero_sum() {
    // The other share is positive: one problem, not a second that says they sum to 0.
    let run = scenario(&scenario_plus(
        "[[users]]\nname = \"u\"\ncountries = [\"DE\"]\nshare = -1\n\
         [[users]]\nname = \"v\"\ncountries = [\"FR\"]\nshare = 0.5\n",
    ));
    run.stderr_has("scenario.toml: users[0].share = -1");
    assert!(!run.stderr.contains("sum to 0"), "{}", run.stderr);
}

#[test]
fn misspelt_weights_mode_is_one_problem() {
    // The ranking may well go with the mode meant: only the mode is named.
    let run = scenario(&scenario_plus(
        "[weights]\nmode = \"ordinl\"\nranking = [\"cost\", \"speed\", \"flat\"]\n",
    ));
    run.stderr_has("scenario.toml: weights.mode = ordinl: allowed:");
    assert!(!run.stderr.contains("weights.ranking"), "{}", run.stderr);
}

#[test]
fn bad_weights_mode_names_allowed_values() {
    scenario(&scenario_plus("[weights]\nmode = \"fuzzy\"\n"))
        .stderr_has("scenario.toml: weights.mode = fuzzy")
        .stderr_has("exact, intervals, ordinal, unknown");
}

#[test]
fn normal_with_negative_sd() {
    scenario(&scenario_plus(
        "[uncertainty.criteria]\ncost = { dist = \"normal\", mean = 1, sd = -0.1 }\n",
    ))
    .stderr_has("scenario.toml: uncertainty.criteria.cost")
    .stderr_has("sd = -0.1");
}

#[test]
fn uniform_with_min_above_max() {
    scenario(&scenario_plus(
        "[uncertainty.criteria]\nspeed = { dist = \"uniform\", min = 2, max = 1 }\n",
    ))
    .stderr_has("scenario.toml: uncertainty.criteria.speed")
    .stderr_has("min < max");
}

#[test]
fn more_draws_than_the_engine_counts() {
    scenario(&SCENARIO.replace("draws = 200", "draws = 5000000000"))
        .stderr_has("scenario.toml: simulation.draws = 5000000000")
        .stderr_has("4294967295");
}

#[test]
fn more_draws_on_the_command_line() {
    let dir = fixture(None, None, None);
    let run = dir.run(&[
        "run",
        "scenario.toml",
        "--draws",
        "4294967296",
        "--out",
        "out",
        "--quiet",
    ]);
    run.bad_input()
        .stderr_has("--draws")
        .stderr_has("4294967296");
    assert!(!dir.exists("out"));
}

#[test]
fn event_probability_above_one() {
    scenario(&scenario_plus(
            "[[events]]\nname = \"quake\"\nprobability = 1.5\neffect = \"infeasible\"\nsites = [\"a\"]\n",
        ))
        .stderr_has("scenario.toml: events[0].probability = 1.5")
        .stderr_has("between 0 and 1");
}

/// A country code that is not two upper-case letters is bad input in every event, as in a
/// localisation (before: a price shock on "sg" ran with a warning that it reached no site).
#[test]
fn an_event_country_that_is_not_a_code() {
    let run = scenario(&scenario_plus(
        r#"
[[events]]
name = "sg-price"
probability = 0.3
effect = "price-shock"
countries = ["SG", "sg"]
factor = 2

[[events]]
name = "down"
probability = 0.2
effect = "infeasible"
countries = ["SGP"]
"#,
    ));
    assert_eq!(
        run.problems(),
        [
            "scenario.toml: events[0].countries[1] = \"sg\": must be an ISO 3166-1 alpha-2 code (two upper-case letters, e.g. CN)",
            "scenario.toml: events[1].countries[0] = \"SGP\": must be an ISO 3166-1 alpha-2 code (two upper-case letters, e.g. CN)",
        ],
        "{}",
        run.stderr
    );
}

/// Before: accepted and ignored (the outputs were those of the scenario without them).
#[test]
fn an_event_key_that_its_effect_does_not_read() {
    let run = scenario(&scenario_plus(
        r#"
[[events]]
name = "sg-localises"
probability = 0.5
effect = "localization"
countries = ["SG"]
regime = "strict"
sites = ["a"]

[[events]]
name = "sg-price"
probability = 0.3
effect = "price-shock"
countries = ["SG"]
factor = 2
criterion = "cost"

[[events]]
name = "cost-shock"
probability = 0.3
effect = "criterion-shock"
sites = ["a"]
criterion = "cost"
factor = 2
regime = "none"

[[events]]
name = "a-offline"
probability = 0.2
effect = "infeasible"
sites = ["a"]
factor = 5
"#,
    ));
    assert_eq!(
        run.problems(),
        [
            "scenario.toml: events[0].sites: sites goes with effect = \"price-shock\" or \"criterion-shock\" or \"infeasible\"",
            "scenario.toml: events[1].criterion: criterion goes with effect = \"criterion-shock\"",
            "scenario.toml: events[2].regime: regime goes with effect = \"localization\"",
            "scenario.toml: events[3].factor: factor goes with effect = \"price-shock\" or \"criterion-shock\"",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn several_problems_are_all_reported() {
    let text = SCENARIO.replace("model = ", "method = \"electre\"\nmodel = ")
        + r#"
[facility]
cooling = "freezer"
keys = "nobody"

[weights]
mode = "fuzzy"

[[events]]
name = "quake"
probability = 1.5
effect = "infeasible"
sites = ["a"]
"#;
    let run = scenario(&text);
    run.stderr_has("5 problems in the input:");
    let problems = run.problems();
    for key in [
        "scenario.toml: method = electre",
        "scenario.toml: facility.cooling = freezer",
        "scenario.toml: facility.keys = nobody",
        "scenario.toml: weights.mode = fuzzy",
        "scenario.toml: events[0].probability = 1.5",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(key)),
            "missing {key:?} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), 5, "{problems:#?}");
}

#[test]
fn problems_in_scenario_and_model_are_reported_together() {
    let dir = fixture(
        Some(&scenario_plus("[facility]\ncooling = \"freezer\"\n")),
        Some(
            &MODEL
                .replacen("direction = \"max\"", "direction = \"up\"", 1)
                .replacen("weight = 2", "weight = -2", 1),
        ),
        None,
    );
    let run = rejected(&dir);
    run.stderr_has("3 problems in the input:");
    let problems = run.problems();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    for key in [
        "scenario.toml: facility.cooling = freezer",
        "model.toml: criteria[1].direction = up",
        "model.toml: criteria[0].weight = -2",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(key)),
            "missing {key:?} in {problems:#?}"
        );
    }
}

#[test]
fn several_bad_cells_are_all_reported() {
    let run = sites("id,cost,speed,flat\na,,5,7\nb,20,x,7\nc,30,1,inf\n");
    let problems = run.problems();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    run.stderr_has("mine.csv:2: row 1, column cost")
        .stderr_has("mine.csv:3: row 2, column speed")
        .stderr_has("mine.csv:4: row 3, column flat");
}

#[test]
fn unknown_instruction_set_in_the_environment() {
    // DCSITE_SIMD caps the engine's instruction sets; a value it does not know is refused
    // before any work, naming the variable and the values it takes.
    let dir = fixture(None, None, None);
    for command in [
        &["run", "scenario.toml", "--out", "out", "--quiet"][..],
        &["validate", "scenario.toml"],
    ] {
        let run = dir.run_env(command, &[("DCSITE_SIMD", "sse9")]);
        run.bad_input()
            .stderr_has("DCSITE_SIMD = sse9")
            .stderr_has("auto, avx512, avx2, baseline");
        assert!(!dir.exists("out"), "nothing is written");
    }
    // The allowed values run, whatever the CPU has (a cap it lacks leaves its best).
    for v in ["auto", "AVX512", "avx2", "baseline", ""] {
        dir.run_env(&["validate", "scenario.toml"], &[("DCSITE_SIMD", v)])
            .ok();
    }
}

/// `--out` naming a file (or a path under one) is bad input, refused before any work, and
/// the file is left as it was.
#[test]
fn out_is_a_file() {
    let dir = fixture(None, None, None);
    dir.write("taken", "keep me\n");
    for command in ["run", "sensitivity", "portfolio"] {
        let mut args = vec![command, "scenario.toml", "--out", "taken"];
        if command == "portfolio" {
            args.extend(["--k", "1"]);
        }
        dir.run(&args).bad_input().stderr_has(&format!(
            "error: {command}: --out = taken: is a file, not a directory"
        ));
    }
    dir.run(&["run", "scenario.toml", "--out", "taken/run", "--quiet"])
        .bad_input()
        .stderr_has("error: run: --out = taken/run: taken is a file, not a directory");
    assert_eq!(dir.read("taken"), "keep me\n");
}

/// A criterion on a text column is one problem naming the column and the numeric columns,
/// not one "not a number" per site.
#[test]
fn criterion_on_a_text_column_is_one_problem() {
    let sites = "id,cost,speed,flat,note\na,10,5,7,x\nb,20,9,7,y\nc,30,1,7,\nd,15,3,7,z\n";
    let dir = fixture(
        None,
        Some(&MODEL.replace("column = \"flat\"", "column = \"note\"")),
        Some(sites),
    );
    let run = rejected(&dir);
    assert_eq!(
        run.stderr.trim_end(),
        "error: model.toml: criteria[2].column = \"note\": mine.csv column note is text (no \
         cell is a number); a criterion's column must be numeric: cost, speed, flat"
    );
}
