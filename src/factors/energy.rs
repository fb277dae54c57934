//! Energy: annual electricity, its cost, its emissions and their present value.
//!
//! * `annual_mwh = IT load (MW) × utilisation × 8760 h × PUE`
//! * `tco2_per_year = annual_mwh × grid intensity (gCO2/kWh) / 1000`
//! * `annual_cost_usd = annual_mwh × price (USD/MWh) + tco2_per_year × carbon price (USD/t)`
//! * `npv_usd = annual_cost × Σ_{t=1..H} (1 + g)^(t−1) / (1 + r)^t` with escalation g,
//!   discount rate r and horizon H years (a growing annuity; costs fall at the end of
//!   each year).
//!
//! PUE is the cooling model's annual PUE for the draw, or the facility's design `pue`
//! when the scenario gives one.
//!
//! Price and grid intensity are the site's own (`electricity_usd_mwh`, `grid_gco2_kwh` in
//! `sites.csv`, for provincial or utility tariffs and grids) where given, else the
//! country's (`jurisdictions.csv`). Their `_sd` columns feed the Monte Carlo: each draw
//! takes price and grid intensity per site as value + sd·z, floored at 0.

use crate::data::Site;
use crate::data::{Jurisdictions, Sites};
use crate::error::{Problems, Result};
use crate::scenario::{Facility, Scenario};
use crate::uncertainty::Dist;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnergyOutput {
    pub annual_mwh: f64,
    pub annual_cost_usd: f64,
    pub npv_usd: f64,
    pub tco2_per_year: f64,
}

/// Present value of 1 per year growing at `g`, discounted at `r`, over `h` years.
pub fn annuity_factor(r: f64, g: f64, h: f64) -> f64 {
    let years = h.round() as i32;
    (1..=years)
        .map(|t| (1.0 + g).powi(t - 1) / (1.0 + r).powi(t))
        .sum()
}

#[derive(Debug, Clone)]
pub struct Energy {
    pub price_usd_mwh: Vec<f64>,
    pub price_sd_usd_mwh: Vec<f64>,
    pub grid_gco2_kwh: Vec<f64>,
    pub grid_sd_gco2_kwh: Vec<f64>,
    pub carbon_price: Dist,
    /// The facility's design PUE, if it gives one (else the cooling model's).
    pub fixed_pue: Option<f64>,
    it_mwh_per_year: f64,
    annuity: f64,
}

/// A site's own value of `column` where its cell is filled, else the country's.
fn site_or_country(
    sites: &Sites,
    juris: &Jurisdictions,
    site: &Site,
    column: &str,
    problems: &mut Problems,
) -> (f64, f64) {
    let t = &sites.table;
    if let Ok(c) = t.require(column) {
        match t.optional_number(site.row, c) {
            Ok(Some(v)) => {
                let sd = t
                    .require(&format!("{column}_sd"))
                    .ok()
                    .and_then(|sc| {
                        t.optional_number(site.row, sc)
                            .map_err(|p| problems.push(p))
                            .ok()
                            .flatten()
                    })
                    .unwrap_or(0.0);
                return (v, sd);
            }
            Ok(None) => {}
            Err(p) => {
                problems.push(p);
                return (0.0, 0.0);
            }
        }
    }
    juris
        .number_sd(&site.country, column, &format!("site {}", site.id))
        .unwrap_or_else(|p| {
            problems.push(p);
            (0.0, 0.0)
        })
}

impl Energy {
    pub fn build(
        juris: &Jurisdictions,
        all: &Sites,
        sites: &[Site],
        scenario: &Scenario,
    ) -> Result<Energy> {
        let mut problems = Problems::default();
        let f: &Facility = &scenario.facility;
        let mut e = Energy {
            price_usd_mwh: Vec::new(),
            price_sd_usd_mwh: Vec::new(),
            grid_gco2_kwh: Vec::new(),
            grid_sd_gco2_kwh: Vec::new(),
            carbon_price: scenario
                .uncertainty
                .carbon_price_usd_t
                .clone()
                .unwrap_or(Dist::Fixed(f.carbon_price_usd_t)),
            fixed_pue: f.pue,
            it_mwh_per_year: f.it_load_mw * f.utilisation * 8760.0,
            annuity: annuity_factor(f.discount_rate, f.price_escalation, f.horizon_years),
        };
        for s in sites {
            let (p, sd) = site_or_country(all, juris, s, "electricity_usd_mwh", &mut problems);
            e.price_usd_mwh.push(p);
            e.price_sd_usd_mwh.push(sd);
            let (g, g_sd) = site_or_country(all, juris, s, "grid_gco2_kwh", &mut problems);
            e.grid_gco2_kwh.push(g);
            e.grid_sd_gco2_kwh.push(g_sd);
        }
        problems.into_result(e)
    }

    /// Sites whose price or grid intensity is so uncertain that the normal measurement
    /// noise falls below 0 in more than 1 % of draws: those draws are floored at 0 (free
    /// power, no emissions), a point mass at 0 that also lifts the mean drawn value above
    /// the data's, which no output shows otherwise. Only the inputs a criterion reads
    /// (`price`, `grid`) are looked at.
    pub fn floor_warnings(&self, sites: &[Site], price: bool, grid: bool) -> Vec<String> {
        let mut out = Vec::new();
        for (i, site) in sites.iter().enumerate() {
            for (read, column, unit, x, sd) in [
                (
                    price,
                    "electricity_usd_mwh",
                    "USD/MWh",
                    self.price_usd_mwh[i],
                    self.price_sd_usd_mwh[i],
                ),
                (
                    grid,
                    "grid_gco2_kwh",
                    "gCO2/kWh",
                    self.grid_gco2_kwh[i],
                    self.grid_sd_gco2_kwh[i],
                ),
            ] {
                if !read || sd <= 0.0 {
                    continue;
                }
                let below = normal_cdf(-x / sd);
                if below <= 0.01 {
                    continue;
                }
                // E[max(0, x + sd·z)] = x·Φ(x/sd) + sd·φ(x/sd).
                let u = x / sd;
                let density = (-0.5 * u * u).exp() / (2.0 * std::f64::consts::PI).sqrt();
                let mean = x * normal_cdf(u) + sd * density;
                out.push(format!(
                    "site {}: {column} = {x} ± {sd} {unit} (sd): the measurement noise is normal and floored at 0, so about {:.1} % of draws give the site 0 {unit} and its mean drawn value is {mean:.1}, not {x}; give a narrower sd in a sites file of your own, or set uncertainty.measurement = false (docs/scenario.md, Measurement noise)",
                    site.id,
                    100.0 * below
                ));
            }
        }
        out
    }

    /// Outputs of site `i` for one draw's PUE, price, grid intensity and carbon price.
    pub fn at(
        &self,
        pue: f64,
        price_usd_mwh: f64,
        grid_gco2_kwh: f64,
        carbon_usd_t: f64,
    ) -> EnergyOutput {
        let annual_mwh = self.it_mwh_per_year * pue;
        let tco2_per_year = annual_mwh * grid_gco2_kwh / 1000.0;
        let annual_cost_usd = annual_mwh * price_usd_mwh + tco2_per_year * carbon_usd_t;
        EnergyOutput {
            annual_mwh,
            annual_cost_usd,
            npv_usd: annual_cost_usd * self.annuity,
            tco2_per_year,
        }
    }
}

/// The standard normal CDF, from the complementary error function of Abramowitz & Stegun
/// 7.1.26 (absolute error below 1.5·10⁻⁷: enough for a share in a message).
fn normal_cdf(u: f64) -> f64 {
    let z = u.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.3275911 * z);
    let poly = t
        * (0.254829592
            + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    let tail = 0.5 * poly * (-z * z).exp();
    if u >= 0.0 { 1.0 - tail } else { tail }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn annuity_matches_closed_form() {
        // Level annuity: (1 − 1.08^−15)/0.08 = 8.5595.
        assert_relative_eq!(annuity_factor(0.08, 0.0, 15.0), 8.559479, epsilon = 1e-6);
        // Growing annuity: (1 − (1.02/1.08)^10)/(0.08 − 0.02).
        let closed = (1.0 - (1.02f64 / 1.08).powi(10)) / 0.06;
        assert_relative_eq!(annuity_factor(0.08, 0.02, 10.0), closed, epsilon = 1e-12);
    }

    #[test]
    fn hand_computed_site() {
        // 10 MW × 0.5 × 8760 h × PUE 1.2 = 52,560 MWh; at 50 USD/MWh and 500 g/kWh:
        // 26,280 t; with 100 USD/t the cost is 2,628,000 + 2,628,000 USD.
        let e = Energy {
            price_usd_mwh: vec![50.0],
            price_sd_usd_mwh: vec![0.0],
            grid_gco2_kwh: vec![500.0],
            grid_sd_gco2_kwh: vec![0.0],
            carbon_price: Dist::Fixed(100.0),
            fixed_pue: None,
            it_mwh_per_year: 10.0 * 0.5 * 8760.0,
            annuity: 1.0,
        };
        let o = e.at(1.2, 50.0, 500.0, 100.0);
        assert_relative_eq!(o.annual_mwh, 52_560.0);
        assert_relative_eq!(o.tco2_per_year, 26_280.0);
        assert_relative_eq!(o.annual_cost_usd, 5_256_000.0);
        // Cost rises with price, monotonically.
        assert!(e.at(1.2, 51.0, 500.0, 100.0).npv_usd > o.npv_usd);
        // Emissions rise with grid intensity.
        assert!(e.at(1.2, 50.0, 501.0, 100.0).tco2_per_year > o.tco2_per_year);
    }

    #[test]
    fn normal_cdf_at_known_points() {
        assert_relative_eq!(normal_cdf(0.0), 0.5, epsilon = 1e-9);
        assert_relative_eq!(normal_cdf(-1.0), 0.158655, epsilon = 1e-6);
        assert_relative_eq!(normal_cdf(1.644854), 0.95, epsilon = 1e-6);
    }

    /// A grid intensity of 60 ± 60 gCO2/kWh (The Dalles in the shipped sites file) is below
    /// 0 in 15.9 % of normal draws, which the noise floors at 0; 400 ± 60 is never there.
    #[test]
    fn a_value_whose_noise_often_falls_below_zero_is_named() {
        let site = |id: &str| Site {
            id: id.into(),
            name: id.into(),
            country: "US".into(),
            row: 0,
            coords: None,
        };
        let e = Energy {
            price_usd_mwh: vec![55.0, 65.0],
            price_sd_usd_mwh: vec![15.0, 10.0],
            grid_gco2_kwh: vec![60.0, 400.0],
            grid_sd_gco2_kwh: vec![60.0, 60.0],
            carbon_price: Dist::Fixed(0.0),
            fixed_pue: None,
            it_mwh_per_year: 1.0,
            annuity: 1.0,
        };
        let sites = [site("dalles"), site("bluffs")];
        let w = e.floor_warnings(&sites, true, true);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("site dalles: grid_gco2_kwh = 60 ± 60 gCO2/kWh (sd): the measurement noise is normal and floored at 0, so about 15.9 % of draws give the site 0 gCO2/kWh and its mean drawn value is 65.0, not 60"),
            "{}",
            w[0]
        );
        // Emissions read by no criterion (and no carbon price): nothing to say.
        assert!(e.floor_warnings(&sites, true, false).is_empty());
    }
}
