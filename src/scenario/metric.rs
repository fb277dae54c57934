//! The built-in factor metrics a model can use as criteria (`factor = "energy.npv_usd"`).

use std::fmt;

macro_rules! metrics {
    ($( $variant:ident = $name:literal, $unit:literal, $doc:literal; )*) => {
        /// A factor metric: one number per site per draw.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Metric {
            $( #[doc = $doc] $variant, )*
        }

        impl Metric {
            pub const ALL: &'static [Metric] = &[$( Metric::$variant, )*];

            pub fn name(self) -> &'static str {
                match self { $( Metric::$variant => $name, )* }
            }

            /// Unit of the metric's values ("" when dimensionless).
            pub fn unit(self) -> &'static str {
                match self { $( Metric::$variant => $unit, )* }
            }

            pub fn description(self) -> &'static str {
                match self { $( Metric::$variant => $doc, )* }
            }
        }
    };
}

metrics! {
    Pue = "cooling.pue", "", "annual power usage effectiveness (facility energy / IT energy)";
    FreeCoolingShare = "cooling.free_cooling_share", "fraction", "share of the year's hours with economiser (free) cooling";
    WueLKwh = "cooling.wue_l_kwh", "L/kWh", "site water use per kWh of IT energy";
    AnnualMwh = "energy.annual_mwh", "MWh", "facility electricity use per year";
    AnnualCostUsd = "energy.annual_cost_usd", "USD", "electricity plus carbon cost in the first year";
    NpvUsd = "energy.npv_usd", "USD", "present value of electricity and carbon cost over the horizon";
    Tco2PerYear = "energy.tco2_per_year", "tCO2", "emissions from the facility's electricity per year";
    MeanRttMs = "latency.mean_rtt_ms", "ms", "user-weighted mean round-trip time";
    P95RttMs = "latency.p95_rtt_ms", "ms", "user-weighted 95th-percentile round-trip time";
    SlaShare = "latency.sla_share", "fraction", "share of users within the latency SLA";
    ResidencyShare = "regulation.residency_share", "fraction", "share of users whose home law allows this site";
    GovAccess = "regulation.gov_access", "0-1", "government-access exposure after key custody";
    TransferRisk = "regulation.transfer_risk", "fraction", "share of users whose data leaves their privacy regime's free-flow area";
    NearestMetroKm = "remoteness.nearest_metro_km", "km", "distance to the nearest urban agglomeration of at least 1 million people";
    Pop50kmM = "remoteness.pop_50km_m", "million people", "population of urban agglomerations (>= 300,000) within 50 km";
    Pop100kmM = "remoteness.pop_100km_m", "million people", "population of urban agglomerations (>= 300,000) within 100 km";
    SeismicPgaG = "security.seismic_pga_g", "g", "475-year peak ground acceleration";
    FloodIndex = "security.flood_index", "0-10", "flood exposure";
    CycloneIndex = "security.cyclone_index", "0-10", "tropical-cyclone exposure";
    GeomagLatDeg = "security.geomag_lat_deg", "deg", "absolute geomagnetic latitude (solar-storm exposure grows with it)";
    PoliticalStability = "security.political_stability", "WGI -2.5..2.5", "World Bank WGI political stability";
    RuleOfLaw = "security.rule_of_law", "WGI -2.5..2.5", "World Bank WGI rule of law";
    HazardComposite = "security.composite", "0-1", "composite hazard index (0 best, 1 worst)";
}

impl Metric {
    pub fn parse(s: &str) -> Option<Metric> {
        Metric::ALL.iter().copied().find(|m| m.name() == s)
    }

    pub fn allowed() -> String {
        Metric::ALL
            .iter()
            .map(|m| m.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
