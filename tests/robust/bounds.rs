use super::*;

/// `validate` and `run` both refuse the scenario (exit 2), naming `key` and `value`.
#[track_caller]
fn refused(extra: &str, key: &str, allowed: &str) {
    let d = fixture(extra);
    for args in [
        &["validate", "scenario.toml"][..],
        &["run", "scenario.toml", "-q", "--no-plots"],
    ] {
        d.run(args)
            .bad_input()
            .stderr_has(&format!("scenario.toml: {key}"))
            .stderr_has(allowed);
    }
    assert!(!d.exists("runs"));
}

#[test]
fn huge_it_load_is_refused() {
    refused(
        "[facility]\nit_load_mw = 1e308\n",
        "facility.it_load_mw = 100000000",
        "must be > 0 and ≤ 10000",
    );
}

#[test]
fn carbon_price_distributions_are_bounded() {
    refused(
        "[uncertainty]\ncarbon_price_usd_t = { dist = \"normal\", mean = 1e308, sd = 1 }\n",
        "uncertainty.carbon_price_usd_t.mean = 1",
        "must be between 0 and 10000",
    );
    refused(
        "[uncertainty]\ncarbon_price_usd_t = { dist = \"triangular\", min = 5, mode = 10, max = 1e308 }\n",
        "uncertainty.carbon_price_usd_t.max",
        "must be between 0 and 10000",
    );
    refused(
        "[uncertainty]\ncarbon_price_usd_t = { dist = \"normal\", mean = 50, sd = 1e9 }\n",
        "uncertainty.carbon_price_usd_t.sd",
        "must be ≤ 10000",
    );
    refused(
        "[uncertainty]\ncarbon_price_usd_t = { dist = \"lognormal\", median = 50, sigma = 40 }\n",
        "uncertainty.carbon_price_usd_t.sigma",
        "must be ≤ 2",
    );
}

#[test]
fn a_negative_fixed_carbon_price_is_refused() {
    refused(
        "[uncertainty]\ncarbon_price_usd_t = { dist = \"fixed\", value = -20 }\n",
        "uncertainty.carbon_price_usd_t.value = -20",
        "must be between 0 and 10000",
    );
}

#[test]
fn route_factor_below_one_is_refused() {
    refused(
        "[uncertainty]\nroute_factor = { dist = \"uniform\", min = -1e308, max = 1.4 }\n",
        "uncertainty.route_factor.min",
        "must be between 1 and 5",
    );
}

#[test]
fn other_unbounded_numbers_are_refused() {
    refused(
        "[facility]\nlatency_sla_ms = 1e300\n",
        "facility.latency_sla_ms",
        "≤ 10000",
    );
    refused(
        "[facility]\ncarbon_price_usd_t = 1e300\n",
        "facility.carbon_price_usd_t",
        "between 0 and 10000",
    );
    refused(
        "[[rules]]\nkind = \"threshold\"\ncriterion = \"cost\"\nmax = nan\n",
        "rules[0].max = NaN",
        "between",
    );
    refused(
        "[[events]]\nname = \"x\"\nprobability = 0.1\neffect = \"criterion-shock\"\ncriterion = \"cost\"\nsites = [\"a\"]\nfactor = 1e300\n",
        "events[0].factor",
        "between 0 and 100",
    );
    refused(
        "[uncertainty.criteria]\ncost = { dist = \"uniform\", min = -5, max = 2 }\n",
        "uncertainty.criteria.cost.min = -5",
        "between 0 and 100",
    );
}

#[test]
fn huge_weights_are_refused() {
    let d = fixture("");
    d.write("model.toml", &MODEL.replace("weight = 2", "weight = 1e308"));
    d.run(&["validate", "scenario.toml"])
        .bad_input()
        .stderr_has("criteria[0].weight")
        .stderr_has("between 0 and 1000000");
}
