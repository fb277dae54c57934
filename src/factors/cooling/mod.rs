//! Cooling: annual PUE, free-cooling share and water use from a site's climate.
//!
//! **Hours, binned method** (where `climate_bins.csv` has the site): the typical year's 8,760
//! hours in 1 °C (dry-bulb, dew point) bins, the ASHRAE bin method (ASHRAE Handbook —
//! Fundamentals, ch. 19, "Energy Estimating and Modeling Methods": energy = Σ over bins of
//! hours × load at the bin's temperature). Bin b holds `n_b` hours at `T_b`, `Td_b`; warming
//! shifts both: `T = T_b + ΔT`, `Td = Td_b + ΔT`. Bins of the same pair in different months
//! are merged (the model needs only the annual totals).
//!
//! **Hours, monthly method** (every other site, and a scenario's own monthly normals without
//! bins): each month's hours are represented by 24 hours × 5 day types. Hour h of a day
//! of type k has dry-bulb temperature
//! `T = t_mean + ΔT + A·sin(2π(h − 9)/24) + σ_d·z_k`, with `A = (t_max − t_min)/2` (the
//! mean diurnal half-range, peak at 15:00), `z_k` the midpoints of five equiprobable normal
//! classes (±1.2816, ±0.5244, 0) and `σ_d` the day-to-day spread of daily mean temperature
//! (parameter, 2.5 °C: an assumption, typical of mid-latitude stations). The dew point is
//! `Td = dewpoint + ΔT + σ_d·z_k`, capped at T. ΔT is the scenario's warming; shifting both
//! temperatures keeps relative humidity roughly constant, as observed under warming.
//!
//! Either way the annual outputs are weighted sums over hours `(T, Td, n)`:
//! `PUE = 1 + fixed + Σ n·(1 − free(T, Td))·(1 + ups + distribution)/COP(T, Td) / Σ n`.
//! A site's `t_mean_c_sd` (climate.csv) adds a per-site offset to ΔT in each Monte Carlo draw
//! (measurement noise: the site's true climate against its station's typical year).
//!
//! **Free cooling** by design (ASHRAE TC 9.9, *Thermal Guidelines for Data Processing
//! Environments*, 4th ed. 2015: recommended inlet 18–27 °C, dew point −9 to 15 °C):
//! * `airside-economizer`: outdoor air is used when `T ≤ 26 °C` (the 27 °C recommended
//!   inlet minus ~1 K fan heat in a contained hall; Google runs its cold aisles at 26.7–27 °C)
//!   and `Td ≤ 15 °C`; otherwise chillers carry the load.
//! * `waterside-economizer`: cooling towers + plate heat exchanger; wet bulb `Tw` from T and
//!   RH (Stull 2011, J. Appl. Meteor. Climatol. 50, 2267). Full free cooling when
//!   `Tw + 5 ≤ 18 °C` (tower 3.5 + exchanger 1.5 K approach to an 18 °C chilled-water
//!   supply), none when `Tw + 5 ≥ 24 °C` (the return), linear in between.
//! * `chiller-only`: never.
//!
//! **Mechanical cooling** removes the IT heat plus the electrical losses in the white space
//! (`1 + ups + distribution` per unit of IT power) with a chiller whose full-load COP follows
//! the DOE-2 electric EIR model, `COP = COP_ref / EIRFT(x, y)`,
//! `EIRFT = c1 + c2·x + c3·x² + c4·y + c5·y² + c6·x·y`, x the leaving chilled-water
//! temperature and y the entering condenser-water (water-cooled) or outdoor dry-bulb
//! (air-cooled) temperature, with the ASHRAE 90.1-2022 Appendix J reference curves (PNNL for
//! DOE; EnergyPlus `datasets/CodeCompliantEquipment.idf`):
//! * water-cooled centrifugal ≥ 2,110 kW, Path A (waterside): COP_ref 6.28 at 6.67 / 29.44 °C;
//!   y = Tw + 3.5 K (the tower's share of the approach);
//! * air-cooled ≥ 528 kW, Path A (airside, chiller-only): COP_ref 2.96 at 6.67 / 35 °C; y = T.
//!
//! x is the chilled-water supply (18 °C), clamped as EnergyPlus clamps curve inputs to the
//! curves' fitted range (x 4–16 °C; y 12.8–40 °C water-cooled, 12.8–52 °C air-cooled): no
//! credit is extrapolated beyond 16 °C. COP is then clamped to [3, 9] (water) and [2, 7] (air).
//!
//! **PUE** = 1 + fans + ups + distribution + misc (+ pumps for waterside) +
//! Σ_hours (1 − free)·(1 + ups + distribution)/COP / hours. The defaults describe a modern
//! hyperscale hall (sources in docs/models.md, "Facility defaults"):
//! * UPS 0.01 — the battery is out of the normal power path: Google's on-server battery is
//!   more than 99.9 % efficient against 92–95 % for a central UPS (Google, Efficient Data Center Summit
//!   2009); Meta's standby 48 VDC cabinets replace a double conversion that loses 6–12 %
//!   (Facebook Engineering, "Designing a very efficient data center", 2011); an eco-mode
//!   central UPS runs at 98.5–99 % (Schneider Electric White Paper 157).
//! * distribution 0.02 — one medium-voltage to 480 V transformation, 2 % (Facebook, ibid.),
//!   with 277 V to the racks and no PDU transformer.
//! * fans 0.02 — air handlers of a ductless, contained hall: 1 kW of IT at a 12–15 K air rise
//!   moves 117–146 cfm; at 125–250 Pa and 60 % fan efficiency that is 0.011–0.029 kW
//!   (server fans count as IT load).
//! * misc 0.005 — LED lighting and controls; offices are outside the PUE boundary (Google,
//!   "Data Center Efficiency Measurements").
//! * pumps and towers 0.015 (waterside only).
//!
//! A scenario's `[facility]` can set each of them and the economiser limits
//! (`fans`, `ups_loss`, `distribution_loss`, `misc`, `pumps`, `airside_max_drybulb_c`,
//! `airside_max_dewpoint_c`, `approach_k`).
//!
//! **Water (WUE, L per kWh of IT energy)**: waterside towers evaporate the rejected heat,
//! 1.47 L/kWh (latent heat 2.45 MJ/kg) plus blowdown at 5 cycles of concentration (+25 %),
//! when Tw > 0 °C; air-cooled designs use none (no adiabatic assist is modelled).

use crate::data::Site;
use crate::data::{Bin, Climate, ClimateBins, MonthNormals, SiteInfo};
use crate::error::{Problem, Problems, Result};
use crate::scenario::{CoolingDesign as Design, Facility};
use crate::uncertainty::Dist;

/// Days per month in an average year (February 28.25).
const DAYS: [f64; 12] = [
    31.0, 28.25, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0,
];
/// Midpoints of five equiprobable classes of the standard normal.
const Z: [f64; 5] = [-1.2816, -0.5244, 0.0, 0.5244, 1.2816];

/// Facility parameters of the cooling model, with the defaults documented above.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FacilityParams {
    pub design: Design,
    pub day_to_day_sd_c: f64,
    pub airside_max_db_c: f64,
    pub airside_max_dp_c: f64,
    pub chw_supply_c: f64,
    pub chw_return_c: f64,
    pub approach_k: f64,
    pub fans: f64,
    pub ups: f64,
    pub distribution: f64,
    pub misc: f64,
    pub pumps: f64,
}

impl FacilityParams {
    pub fn new(design: Design) -> FacilityParams {
        FacilityParams {
            design,
            day_to_day_sd_c: 2.5,
            airside_max_db_c: 26.0,
            airside_max_dp_c: 15.0,
            chw_supply_c: 18.0,
            chw_return_c: 24.0,
            approach_k: 5.0,
            fans: 0.02,
            ups: 0.01,
            distribution: 0.02,
            misc: 0.005,
            pumps: 0.015,
        }
    }

    /// The defaults of the facility's design, with the scenario's overrides.
    pub fn for_facility(facility: &Facility) -> FacilityParams {
        let d = FacilityParams::new(facility.cooling);
        let o = &facility.cooling_params;
        FacilityParams {
            fans: o.fans.unwrap_or(d.fans),
            ups: o.ups_loss.unwrap_or(d.ups),
            distribution: o.distribution_loss.unwrap_or(d.distribution),
            misc: o.misc.unwrap_or(d.misc),
            pumps: o.pumps.unwrap_or(d.pumps),
            airside_max_db_c: o.airside_max_drybulb_c.unwrap_or(d.airside_max_db_c),
            airside_max_dp_c: o.airside_max_dewpoint_c.unwrap_or(d.airside_max_dp_c),
            approach_k: o.approach_k.unwrap_or(d.approach_k),
            ..d
        }
    }
}

/// Annual cooling outputs of one site.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoolingOutput {
    pub pue: f64,
    pub free_cooling_share: f64,
    pub wue_l_kwh: f64,
}

/// Wet-bulb temperature (°C) from dry bulb (°C) and relative humidity (%), Stull (2011);
/// valid for RH 5–99 % and T −20–50 °C, error within ±1 K.
pub fn wet_bulb_c(t: f64, rh: f64) -> f64 {
    let rh = rh.clamp(5.0, 99.0);
    t * (0.151977 * (rh + 8.313659).sqrt()).atan() + (t + rh).atan() - (rh - 1.676331).atan()
        + 0.00391838 * rh.powf(1.5) * (0.023101 * rh).atan()
        - 4.686035
}

/// Relative humidity (%) from temperature and dew point (°C), Magnus formula.
pub fn rh_pct(t: f64, td: f64) -> f64 {
    100.0 * (magnus_exponent(td) - magnus_exponent(t)).exp()
}

/// The exponent of the Magnus formula (Alduchov and Eskridge 1996): the saturation vapour
/// pressure over water is 0.61094·e^x kPa.
fn magnus_exponent(t: f64) -> f64 {
    17.625 * t / (243.04 + t)
}

/// Saturation vapour pressure over water (kPa), Magnus formula.
fn saturation_kpa(t: f64) -> f64 {
    0.61094 * magnus_exponent(t).exp()
}

/// Standard sea-level pressure (kPa).
pub const SEA_LEVEL_KPA: f64 = 101.325;

/// Barometric pressure (kPa) of the standard atmosphere at elevation `z_m` (m): ASHRAE
/// Handbook — Fundamentals (2017), ch. 1, eq. 3, `p = 101.325·(1 − 2.25577·10⁻⁵·z)^5.2559`.
pub fn pressure_kpa(z_m: f64) -> f64 {
    SEA_LEVEL_KPA * (1.0 - 2.25577e-5 * z_m).powf(5.2559)
}

/// Thermodynamic wet bulb (°C) at dry bulb `t`, dew point `td` (°C, ≤ t) and pressure `p`
/// (kPa): the root t* of ASHRAE Handbook — Fundamentals (2017), ch. 1, eq. 33,
/// `W = ((2501 − 2.326·t*)·Ws(t*) − 1.006·(t − t*)) / (2501 + 1.86·t − 4.186·t*)`, with the
/// humidity ratios `W = 0.621945·pw/(p − pw)` of the air and `Ws(t*)` of saturation at t*
/// (eq. 20, 22; vapour pressures by the Magnus formula). Solved by the secant method from
/// `guess`, to 10⁻⁹ K.
pub fn psychrometric_wet_bulb_c(t: f64, td: f64, p: f64, guess: f64) -> f64 {
    let ratio = |pw: f64| 0.621945 * pw / (p - pw);
    let w = ratio(saturation_kpa(td));
    let f = |ts: f64| {
        ((2501.0 - 2.326 * ts) * ratio(saturation_kpa(ts)) - 1.006 * (t - ts))
            / (2501.0 + 1.86 * t - 4.186 * ts)
            - w
    };
    let (mut x0, mut x1) = (guess.min(t), guess.min(t) - 0.1);
    let (mut f0, mut f1) = (f(x0), f(x1));
    for _ in 0..50 {
        if f1 == f0 || (x1 - x0).abs() < 1e-9 {
            break;
        }
        let x2 = x1 - f1 * (x1 - x0) / (f1 - f0);
        (x0, f0) = (x1, f1);
        x1 = x2;
        f1 = f(x1);
    }
    x1
}

/// The wet bulb (°C) the waterside economiser sees at pressure `p` (kPa): Stull's sea-level
/// fit, shifted by the difference the psychrometric equation gives between `p` and sea
/// level (the wet-bulb depression widens as the pressure falls). At sea level it is Stull's
/// value, bit for bit.
fn wet_bulb_at(t: f64, td: f64, p: f64) -> f64 {
    let stull = wet_bulb_c(t, rh_pct(t, td));
    if p == SEA_LEVEL_KPA {
        return stull;
    }
    stull + psychrometric_wet_bulb_c(t, td, p, stull)
        - psychrometric_wet_bulb_c(t, td, SEA_LEVEL_KPA, stull)
}

/// Weighted hours of a year: dry bulb and dew point (°C) before warming, and hours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hours {
    pub t_c: f64,
    pub td_c: f64,
    pub n: f64,
}

/// The monthly method's hours: 12 months × 5 day types × 24 hours.
pub fn monthly_hours(months: &[MonthNormals; 12], p: &FacilityParams) -> Vec<Hours> {
    let mut out = Vec::with_capacity(12 * Z.len() * 24);
    for (m, n) in months.iter().enumerate() {
        let amp = 0.5 * (n.t_max_c - n.t_min_c);
        let w = DAYS[m] / Z.len() as f64; // hours per (hour-of-day, day type) bin
        for z in Z {
            for h in 0..24 {
                let shift = p.day_to_day_sd_c * z;
                let t = n.t_mean_c
                    + shift
                    + amp * (std::f64::consts::TAU * (h as f64 - 9.0) / 24.0).sin();
                out.push(Hours {
                    t_c: t,
                    td_c: n.dewpoint_c + shift,
                    n: w,
                });
            }
        }
    }
    out
}

/// The binned method's hours: bins of the same (dry bulb, dew point) merged over the months.
pub fn binned_hours(months: &[Vec<Bin>; 12]) -> Vec<Hours> {
    let mut all: Vec<Bin> = months.iter().flatten().copied().collect();
    all.sort_by(|a, b| {
        a.t_db_c
            .total_cmp(&b.t_db_c)
            .then(a.t_dp_c.total_cmp(&b.t_dp_c))
    });
    let mut out: Vec<Hours> = Vec::with_capacity(all.len());
    for b in all {
        match out.last_mut() {
            Some(h) if h.t_c == b.t_db_c && h.td_c == b.t_dp_c => h.n += b.hours,
            _ => out.push(Hours {
                t_c: b.t_db_c,
                td_c: b.t_dp_c,
                n: b.hours,
            }),
        }
    }
    out
}

/// Annual outputs over weighted hours shifted by `warming_c`, at barometric pressure
/// `pressure` (kPa); the dew point is capped at the dry bulb. The air handlers move the same
/// mass of air through the same hall at any elevation: its volume grows as 1/ρ and the
/// pressure drop across coils and filters (∝ ρ·v²) as 1/ρ, so the fan power `fans` (the
/// sea-level figure) is scaled by (p₀/p)².
pub fn annual(hours: &[Hours], p: &FacilityParams, warming_c: f64, pressure: f64) -> CoolingOutput {
    let losses = 1.0 + p.ups + p.distribution;
    let fans = p.fans * (SEA_LEVEL_KPA / pressure).powi(2);
    let mut fixed = fans + p.ups + p.distribution + p.misc;
    if p.design == Design::WatersideEconomizer {
        fixed += p.pumps;
    }
    let (mut total, mut free_hours, mut mech, mut water) = (0.0, 0.0, 0.0, 0.0);
    for h in hours {
        let t = h.t_c + warming_c;
        let td = (h.td_c + warming_c).min(t);
        let w = h.n;
        let (free, cop, wet) = match p.design {
            Design::AirsideEconomizer => {
                let free = t <= p.airside_max_db_c && td <= p.airside_max_dp_c;
                (if free { 1.0 } else { 0.0 }, air_cop(p, t), None)
            }
            Design::ChillerOnly => (0.0, air_cop(p, t), None),
            Design::WatersideEconomizer => {
                let tw = wet_bulb_at(t, td, pressure);
                let full = p.chw_supply_c - p.approach_k;
                let none = p.chw_return_c - p.approach_k;
                let free = ((none - tw) / (none - full)).clamp(0.0, 1.0);
                let cop = WATER_COOLED.cop(p.chw_supply_c, tw + TOWER_APPROACH_K);
                (free, cop.clamp(3.0, 9.0), Some(tw))
            }
        };
        total += w;
        free_hours += w * free;
        let work = (1.0 - free) * losses / cop;
        mech += w * work;
        if let Some(tw) = wet
            && tw > 0.0
        {
            water += w * (losses + work) * 1.47 * 1.25;
        }
    }
    CoolingOutput {
        pue: 1.0 + fixed + mech / total,
        free_cooling_share: free_hours / total,
        wue_l_kwh: water / total,
    }
}

fn air_cop(p: &FacilityParams, t: f64) -> f64 {
    AIR_COOLED.cop(p.chw_supply_c, t).clamp(2.0, 7.0)
}

/// The cooling tower's approach to the wet bulb (K), part of the 5 K economiser approach.
const TOWER_APPROACH_K: f64 = 3.5;

/// A DOE-2 electric EIR chiller at full load: reference COP and the biquadratic EIR-fT curve
/// in leaving chilled-water temperature x and condenser temperature y (°C), with the ranges
/// the curve was fitted over.
struct Chiller {
    cop_ref: f64,
    c: [f64; 6],
    x: (f64, f64),
    y: (f64, f64),
}

impl Chiller {
    fn cop(&self, x: f64, y: f64) -> f64 {
        let x = x.clamp(self.x.0, self.x.1);
        let y = y.clamp(self.y.0, self.y.1);
        let c = &self.c;
        self.cop_ref / (c[0] + c[1] * x + c[2] * x * x + c[3] * y + c[4] * y * y + c[5] * x * y)
    }
}

/// ASHRAE 90.1-2022 Appendix J, `ASHRAE901_AppJ_wtr_J_cent_gte2110kW_6.28COP_7.05IPLV.SI`.
#[allow(clippy::approx_constant)] // a COP of 6.28, not τ
const WATER_COOLED: Chiller = Chiller {
    cop_ref: 6.28,
    c: [
        0.489242239617685,
        -0.0288507328624182,
        0.000973201667096245,
        0.0358347082055614,
        -0.000477486567614591,
        9.55658515401239e-05,
    ],
    x: (4.0, 16.0),
    y: (12.8, 40.0),
};

/// ASHRAE 90.1-2022 Appendix J, `ASHRAE901_AppJ_air_B_gte528kW_2.96COP_4.1IPLV.SI`.
const AIR_COOLED: Chiller = Chiller {
    cop_ref: 2.96,
    c: [
        0.807832111491946,
        -0.0294518276175435,
        0.00143133716733664,
        -0.00283225300374556,
        0.000399221325718972,
        -0.000278364987198579,
    ],
    x: (4.0, 16.0),
    y: (12.8, 52.0),
};

/// The warming range always tabulated, and its step. [`Grid::new`] widens it by whole steps.
const GRID_LO: f64 = -3.0;
const GRID_HI: f64 = 10.0;
const GRID_STEP: f64 = 0.1;
/// How many sd of a site's climate offset (`t_mean_c_sd`) the table reaches past the warming.
const OFFSET_SDS: f64 = 4.0;

/// The warmings tabulated: GRID_LO + j·GRID_STEP for j = −below ..= steps − below. It spans
/// −3…10 °C, widened to the warming distribution's range ([`Dist::range`], within the allowed
/// warming) and [`OFFSET_SDS`] of the largest site climate offset; draws beyond are clamped.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Grid {
    below: usize,
    steps: usize,
}

impl Grid {
    fn new(warming: &Dist, offset_sd: f64) -> Grid {
        let (lo, hi) = warming.range();
        let (min, max) = crate::scenario::limits::WARMING_C;
        let reach = OFFSET_SDS * offset_sd;
        let lo = (lo.max(min) - reach).min(GRID_LO);
        let hi = (hi.min(max) + reach).max(GRID_HI);
        // Whole steps, without a step for the rounding of a quotient that is whole.
        let steps = |d: f64| {
            let x = d / GRID_STEP;
            (if (x - x.round()).abs() < 1e-9 {
                x.round()
            } else {
                x.ceil()
            }) as usize
        };
        let below = steps(GRID_LO - lo);
        Grid {
            below,
            steps: below + steps(hi - GRID_LO),
        }
    }

    /// The warming of table entry k.
    fn point(&self, k: usize) -> f64 {
        GRID_LO + (k as f64 - self.below as f64) * GRID_STEP
    }

    fn lo(&self) -> f64 {
        self.point(0)
    }

    fn hi(&self) -> f64 {
        self.point(self.steps)
    }

    /// The table entry k at or below warming `dt` (clamped to the table), and dt's fraction of
    /// the step to entry k + 1. Counted from GRID_LO, so the entries from there on get the
    /// same fractions whatever the table's start.
    fn index(&self, dt: f64) -> (usize, f64) {
        let above = (self.steps - self.below) as f64;
        let x = ((dt.clamp(self.lo(), self.hi()) - GRID_LO) / GRID_STEP).min(above);
        let j = x.floor().min(above - 1.0);
        ((j + self.below as f64) as usize, x - j)
    }
}

/// How a site's hours were built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Hourly bins of a typical year (`climate_bins.csv`).
    Binned,
    /// The synthetic hours of twelve monthly normals (`climate.csv`).
    Monthly,
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Method::Binned => "hourly bins of the typical year",
            Method::Monthly => "the monthly rows of climate.csv",
        })
    }
}

/// Cooling outputs per site, tabulated over warming so that a draw only interpolates.
#[derive(Debug, Clone)]
pub struct Cooling {
    pub params: FacilityParams,
    /// The warming distribution (fixed 0 when the scenario gives none).
    pub warming: Dist,
    /// Per site: outputs at each warming of `grid` (just the base value when fixed and no
    /// site has a temperature sd).
    table: Vec<Vec<CoolingOutput>>,
    grid: Grid,
    fixed: bool,
    pub months: Vec<[MonthNormals; 12]>,
    pub method: Vec<Method>,
    /// Per site: the climate.csv columns `t_mean_c_sd` and `stand_in`.
    pub info: Vec<SiteInfo>,
    /// Per site: the elevation (m) whose standard-atmosphere pressure the outputs are at.
    pub elevation_m: Vec<f64>,
}

impl Cooling {
    /// `bins`: the hourly bins, used for the sites they cover.
    pub fn build(
        climate: &Climate,
        bins: Option<&ClimateBins>,
        sites: &[Site],
        elevation_m: Vec<f64>,
        facility: &Facility,
        warming: Option<&Dist>,
        site_noise: bool,
    ) -> Result<Cooling> {
        let params = FacilityParams::for_facility(facility);
        let mut problems = Problems::default();
        let mut months = Vec::with_capacity(sites.len());
        for s in sites {
            match climate.get(&s.id) {
                Some(m) => months.push(*m),
                None => problems.push(Problem::new(
                    &climate.name,
                    format!("site_id {}", s.id),
                    "no monthly normals for this site (cooling needs 12 months)",
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let info: Vec<SiteInfo> = sites.iter().map(|s| climate.info(&s.id)).collect();
        let (hours, method): (Vec<Vec<Hours>>, Vec<Method>) = sites
            .iter()
            .zip(&months)
            .map(|(s, m)| match bins.and_then(|b| b.get(&s.id)) {
                Some(b) => (binned_hours(b), Method::Binned),
                None => (monthly_hours(m, &params), Method::Monthly),
            })
            .unzip();
        let warming = warming.cloned().unwrap_or(Dist::Fixed(0.0));
        let offset_sd = if site_noise {
            info.iter().map(|i| i.t_mean_c_sd).fold(0.0, f64::max)
        } else {
            0.0
        };
        let fixed = matches!(warming, Dist::Fixed(_)) && offset_sd == 0.0;
        let grid = Grid::new(&warming, offset_sd);
        let table = hours
            .iter()
            .zip(&elevation_m)
            .map(|(h, &z)| {
                let p = pressure_kpa(z);
                if fixed {
                    vec![annual(h, &params, warming.central(), p)]
                } else {
                    (0..=grid.steps)
                        .map(|k| annual(h, &params, grid.point(k), p))
                        .collect()
                }
            })
            .collect();
        Ok(Cooling {
            params,
            warming,
            table,
            grid,
            fixed,
            months,
            method,
            info,
            elevation_m,
        })
    }

    /// The tabulated warming range, and the share of the warming distribution's draws beyond
    /// it (clamped to it), estimated from 10,000 draws of a fixed generator.
    pub fn warming_outside(&self) -> ((f64, f64), f64) {
        use rand::SeedableRng;
        use rand_distr::Distribution;
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(0);
        const N: usize = 10_000;
        let range = (self.grid.lo(), self.grid.hi());
        let outside = (0..N)
            .filter(|_| !(range.0..=range.1).contains(&self.warming.sample(&mut rng)))
            .count();
        (range, outside as f64 / N as f64)
    }

    /// Outputs of site `i` at warming `dt` (linear interpolation in the table).
    pub fn at(&self, i: usize, dt: f64) -> CoolingOutput {
        let t = &self.table[i];
        if self.fixed {
            return t[0];
        }
        let (k, f) = self.grid.index(dt);
        let (a, b) = (t[k], t[k + 1]);
        let lerp = |u: f64, v: f64| u + f * (v - u);
        CoolingOutput {
            pue: lerp(a.pue, b.pue),
            free_cooling_share: lerp(a.free_cooling_share, b.free_cooling_share),
            wue_l_kwh: lerp(a.wue_l_kwh, b.wue_l_kwh),
        }
    }
}

#[cfg(test)]
mod tests;
