//! The scenario's `[portfolio]` table, validated: how `dcsite portfolio` chooses a set of
//! sites and prices an assignment of user points to them (`docs/portfolio.md`).

use std::fmt;

use super::Checker;
use super::raw::RawPortfolio;

/// What a portfolio minimises.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Objective {
    /// Annual cost: fixed cost per site + energy + latency (+ SLA penalty), USD per year.
    #[default]
    Cost,
    /// Users-weighted shortfall of the serving site's MCDA score from 1 (0 = every user
    /// served by a perfect site).
    Score,
}

impl Objective {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// How the facility's latency SLA (`facility.latency_sla_ms`) binds an assignment.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Sla {
    /// A user point may only be served from a site within the SLA.
    #[default]
    Hard,
    /// Each user-ms beyond the SLA costs `sla_penalty_usd_per_user_ms` per year.
    Penalty,
    /// The SLA is ignored (latency still costs `latency_usd_per_user_ms`).
    Off,
}

/// Which solver `dcsite portfolio` uses.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantNames,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Solver {
    /// Exact when the instance is small enough, else the heuristic.
    #[default]
    Auto,
    Exact,
    Heuristic,
}

impl Solver {
    pub fn parse(s: &str) -> Option<Solver> {
        s.parse().ok()
    }
}

/// Portfolio sizes to solve: at most `min`, at most `min + 1`, …, at most `max` sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KRange {
    pub min: usize,
    pub max: usize,
}

impl KRange {
    /// The largest K accepted (the exact solver is exponential in K; the heuristic is not,
    /// but a portfolio of more sites than this is not a siting question).
    pub const LIMIT: usize = 100;

    /// Parses `"3"`, or an inclusive range `"1..4"` (also written `"1..=4"` or `"1-4"`).
    pub fn parse(s: &str) -> Result<KRange, String> {
        let s = s.trim();
        let bad = || {
            format!(
                "expected a number of sites (e.g. 3) or an inclusive range (e.g. 1..4), 1 ≤ K ≤ {}",
                KRange::LIMIT
            )
        };
        let (a, b) = match s.split_once("..=").or_else(|| s.split_once("..")) {
            Some(ab) => ab,
            None => s.split_once('-').unwrap_or((s, s)),
        };
        let (a, b): (usize, usize) = match (a.trim().parse(), b.trim().parse()) {
            (Ok(a), Ok(b)) => (a, b),
            _ => return Err(bad()),
        };
        KRange::new(a, b).ok_or_else(bad)
    }

    /// `min..=max` when 1 ≤ min ≤ max ≤ [`KRange::LIMIT`].
    pub fn new(min: usize, max: usize) -> Option<KRange> {
        (1 <= min && min <= max && max <= KRange::LIMIT).then_some(KRange { min, max })
    }

    pub fn iter(self) -> impl Iterator<Item = usize> {
        self.min..=self.max
    }
}

impl fmt::Display for KRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}..{}", self.min, self.max)
        }
    }
}

/// The largest `min_separation_km`: half the Earth's circumference, rounded down (no two
/// points are farther apart).
pub const MAX_SEPARATION_KM: f64 = 20_000.0;

/// The validated `[portfolio]` table; [`Default`] when the scenario has none.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioSettings {
    /// Sizes to solve; `None` when neither the scenario nor the command line gives one.
    pub k: Option<KRange>,
    pub objective: Objective,
    /// Fixed cost of operating one site (staff, connectivity, minimum footprint), USD/year.
    pub fixed_cost_usd_per_year: f64,
    /// Users that the user points stand for (their weights sum to 1).
    pub users: f64,
    /// Whether the scenario wrote `users` (the default stands for nobody's figure), so that
    /// a value which scales no term can be warned of.
    pub users_set: bool,
    /// Value of speed: USD per user per ms of round-trip time, per year.
    pub latency_usd_per_user_ms: f64,
    pub sla: Sla,
    /// With `sla = "penalty"`: USD per user per ms beyond the SLA, per year.
    pub sla_penalty_usd_per_user_ms: f64,
    pub solver: Solver,
    /// Least great-circle distance between any two sites of a portfolio, km (0: none).
    pub min_separation_km: f64,
    /// Monte Carlo draws for the robustness table [default: the scenario's draws].
    pub draws: Option<u64>,
}

impl Default for PortfolioSettings {
    fn default() -> Self {
        PortfolioSettings {
            k: None,
            objective: Objective::Cost,
            fixed_cost_usd_per_year: 0.0,
            users: 1_000_000.0,
            users_set: false,
            latency_usd_per_user_ms: 0.0,
            sla: Sla::Hard,
            sla_penalty_usd_per_user_ms: 0.0,
            solver: Solver::Auto,
            min_separation_km: 0.0,
            draws: None,
        }
    }
}

/// Validates `[portfolio]`, reporting every problem under `portfolio.<key>`.
pub(crate) fn portfolio(c: &mut Checker, raw: Option<&RawPortfolio>) -> PortfolioSettings {
    let mut out = PortfolioSettings::default();
    let Some(r) = raw else {
        return out;
    };
    if let Some(v) = &r.k {
        let parsed = match v {
            toml::Value::Integer(n) => usize::try_from(*n)
                .ok()
                .and_then(|n| KRange::new(n, n))
                .ok_or_else(|| format!("must be between 1 and {}", KRange::LIMIT)),
            toml::Value::String(s) => KRange::parse(s),
            _ => Err("expected an integer (3) or a range string (\"1..4\")".to_owned()),
        };
        match parsed {
            Ok(k) => out.k = Some(k),
            Err(msg) => c.problem("portfolio.k", Some(v), msg),
        }
    }
    out.objective = c.choice_or("portfolio.objective", r.objective.as_deref(), out.objective);
    out.sla = c.choice_or("portfolio.sla", r.sla.as_deref(), out.sla);
    out.solver = c.choice_or("portfolio.solver", r.solver.as_deref(), out.solver);
    if let Some(v) = r.fixed_cost_usd_per_year {
        out.fixed_cost_usd_per_year = c.range(
            "portfolio.fixed_cost_usd_per_year",
            v,
            Some(0.0),
            Some(1e12),
        );
    }
    if let Some(v) = r.users {
        out.users = c.positive_max("portfolio.users", v, 1e10);
        out.users_set = true;
    }
    if let Some(v) = r.latency_usd_per_user_ms {
        out.latency_usd_per_user_ms =
            c.range("portfolio.latency_usd_per_user_ms", v, Some(0.0), Some(1e6));
    }
    if let Some(v) = r.min_separation_km {
        out.min_separation_km = c.range(
            "portfolio.min_separation_km",
            v,
            Some(0.0),
            Some(MAX_SEPARATION_KM),
        );
    }
    // An sla already reported as not allowed says nothing of whether a penalty goes with it.
    let sla_bad = r.sla.as_deref().is_some_and(|s| s.parse::<Sla>().is_err());
    match (r.sla_penalty_usd_per_user_ms, out.sla) {
        // With a bad sla the file fails anyway; the penalty's own range is still checked.
        (Some(v), sla) if sla == Sla::Penalty || sla_bad => {
            out.sla_penalty_usd_per_user_ms = c.range(
                "portfolio.sla_penalty_usd_per_user_ms",
                v,
                Some(0.0),
                Some(1e6),
            );
        }
        (None, Sla::Penalty) => c.problem(
            "portfolio.sla_penalty_usd_per_user_ms",
            None,
            "sla = \"penalty\" needs the penalty per user-ms beyond the SLA (≥ 0)",
        ),
        (Some(v), _) => c.problem(
            "portfolio.sla_penalty_usd_per_user_ms",
            Some(&v),
            "goes with sla = \"penalty\"",
        ),
        (None, _) => {}
    }
    if out.objective == Objective::Score {
        let cost_only = [
            ("fixed_cost_usd_per_year", r.fixed_cost_usd_per_year),
            ("latency_usd_per_user_ms", r.latency_usd_per_user_ms),
            ("users", r.users),
        ];
        for (key, v) in cost_only {
            if let Some(v) = v {
                c.problem(
                    format!("portfolio.{key}"),
                    Some(&v),
                    "goes with objective = \"cost\" (the score objective has no USD terms)",
                );
            }
        }
        if out.sla == Sla::Penalty {
            c.problem(
                "portfolio.sla",
                Some(&"penalty"),
                "with objective = \"score\" the SLA is hard or off (a penalty is in USD)",
            );
        }
    }
    if let Some(d) = r.draws {
        // The bound of simulation.draws and --draws: the draws are those of `dcsite run`.
        match u64::try_from(d) {
            Ok(d) if d <= super::MAX_DRAWS => out.draws = Some(d),
            _ => c.problem(
                "portfolio.draws",
                Some(&d),
                format!(
                    "must be between 0 (base case only) and {}",
                    super::MAX_DRAWS
                ),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(portfolio: &str) -> crate::Result<crate::Scenario> {
        let text = format!(
            "name = \"t\"\nmodel = \"balanced\"\n[[users]]\nname = \"u\"\ncountries = [\"SG\"]\nshare = 1\n[portfolio]\n{portfolio}"
        );
        crate::Scenario::from_file(crate::data::InputFile::new("t.toml".into(), text), None)
    }

    #[test]
    fn every_problem_is_reported_with_its_key() {
        let e = load(
            "k = 0\nobjective = \"profit\"\nsla = \"penalty\"\nsolver = \"fast\"\ndraws = -1\nusers = -5\nlatency_usd_per_user_ms = -1\n",
        )
        .unwrap_err()
        .to_string();
        for key in [
            "portfolio.k = 0: must be between 1 and 100",
            "portfolio.objective = profit: allowed: cost, score",
            "portfolio.sla_penalty_usd_per_user_ms: sla = \"penalty\" needs",
            "portfolio.solver = fast: allowed: auto, exact, heuristic",
            "portfolio.draws = -1",
            "portfolio.users = -5: must be > 0",
            "portfolio.latency_usd_per_user_ms = -1: must be between 0 and 1000000",
        ] {
            assert!(e.contains(key), "{key} missing from:\n{e}");
        }
        let e = load("objective = \"score\"\nfixed_cost_usd_per_year = 1\nk = \"1..x\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("portfolio.fixed_cost_usd_per_year = 1: goes with objective"),
            "{e}"
        );
        assert!(e.contains("portfolio.k = \"1..x\""), "{e}");
        // As many draws as simulation.draws and --draws allow, not more.
        let e = load("draws = 4294967296\n").unwrap_err().to_string();
        assert!(
            e.contains(
                "portfolio.draws = 4294967296: must be between 0 (base case only) and 4294967295"
            ),
            "{e}"
        );
        assert_eq!(
            load("draws = 4294967295\n").unwrap().portfolio.draws,
            Some(4294967295)
        );
        assert!(load("colour = 1\n").is_err(), "unknown keys are rejected");
    }

    #[test]
    fn a_bad_sla_is_one_problem_not_two() {
        // The penalty may well go with the sla the user meant: only the sla is named.
        let e = load("k = 2\nsla = \"fast\"\nsla_penalty_usd_per_user_ms = 0.01\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("portfolio.sla = fast: allowed: hard, penalty, off"),
            "{e}"
        );
        assert!(!e.contains("sla_penalty_usd_per_user_ms"), "{e}");
        // Its own range is still checked.
        let e = load("k = 2\nsla = \"fast\"\nsla_penalty_usd_per_user_ms = -1\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("portfolio.sla_penalty_usd_per_user_ms = -1: must be between 0"),
            "{e}"
        );
    }

    #[test]
    fn min_separation_is_a_distance_on_the_globe() {
        for (v, shown) in [
            ("-1", "-1"),
            ("nan", "NaN"),
            ("20000.5", "20000.5"),
            ("inf", "inf"),
        ] {
            let e = load(&format!("min_separation_km = {v}\n"))
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(&format!(
                    "t.toml: portfolio.min_separation_km = {shown}: must be between 0 and 20000"
                )),
                "{e}"
            );
        }
        let e = load("min_separation_km = \"300\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("portfolio.min_separation_km"), "{e}");
        for (v, want) in [
            ("300", 300.0),
            ("0", 0.0),
            ("20000", 20000.0),
            ("150.5", 150.5),
        ] {
            let s = load(&format!("min_separation_km = {v}\n"))
                .unwrap()
                .portfolio;
            assert_eq!(s.min_separation_km, want, "{v}");
        }
        assert_eq!(load("").unwrap().portfolio.min_separation_km, 0.0);
    }

    #[test]
    fn settings_and_defaults() {
        let s = load("k = \"2..4\"\nsla = \"penalty\"\nsla_penalty_usd_per_user_ms = 0.5\n")
            .unwrap()
            .portfolio;
        assert_eq!(s.k, Some(KRange { min: 2, max: 4 }));
        assert_eq!(s.sla, Sla::Penalty);
        assert_eq!(s.sla_penalty_usd_per_user_ms, 0.5);
        assert_eq!(s.objective, Objective::Cost);
        assert_eq!(load("").unwrap().portfolio, PortfolioSettings::default());
    }

    #[test]
    fn k_ranges() {
        assert_eq!(KRange::parse("3"), Ok(KRange { min: 3, max: 3 }));
        for s in ["1..4", "1..=4", "1-4", " 1 .. 4 "] {
            assert_eq!(KRange::parse(s), Ok(KRange { min: 1, max: 4 }), "{s}");
        }
        for s in ["0", "4..1", "x", "1..", "..3", "101", "-2"] {
            assert!(KRange::parse(s).is_err(), "{s}");
        }
        assert_eq!(KRange::parse("2..5").unwrap().iter().count(), 4);
        assert_eq!(KRange::parse("2..5").unwrap().to_string(), "2..5");
    }
}
