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
//! takes price and grid intensity per site with lognormal noise of the data's mean and sd
//! ([`Energy::noisy`]), so a drawn value is never below 0 and its mean is the data's.

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
    /// σ of each site's lognormal price noise ([`lognormal_sigma`]), 0 without noise.
    pub price_sigma: Vec<f64>,
    /// σ of each site's lognormal grid-intensity noise, 0 without noise.
    pub grid_sigma: Vec<f64>,
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
            price_sigma: Vec::new(),
            grid_sigma: Vec::new(),
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
            e.price_sigma.push(lognormal_sigma(p, sd));
            let (g, g_sd) = site_or_country(all, juris, s, "grid_gco2_kwh", &mut problems);
            e.grid_gco2_kwh.push(g);
            e.grid_sd_gco2_kwh.push(g_sd);
            e.grid_sigma.push(lognormal_sigma(g, g_sd));
        }
        problems.into_result(e)
    }

    /// A value with lognormal noise of σ `sigma` ([`lognormal_sigma`]) for the standard normal
    /// `z`: value · exp(σz − σ²/2), whose mean over z is the value and whose sd is the data's.
    /// A draw is never below 0, and the noise needs no floor (a normal one, floored at 0,
    /// gave The Dalles's 60 ± 60 gCO2/kWh 0 in 15.9 % of draws and a mean of 65).
    pub fn noisy(value: f64, sigma: f64, z: f64) -> f64 {
        value * (sigma * z - 0.5 * sigma * sigma).exp()
    }

    /// Sites with an sd on a value of 0: lognormal noise keeps a value's sign, so such a
    /// value stays 0 in every draw and its sd is not used. Only the inputs a criterion reads
    /// (`price`, `grid`) are looked at.
    pub fn noise_warnings(&self, sites: &[Site], price: bool, grid: bool) -> Vec<String> {
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
                if read && sd > 0.0 && x <= 0.0 {
                    out.push(format!(
                        "site {}: {column} = 0 ± {sd} {unit} (sd): the measurement noise is lognormal, which cannot move a value of 0, so the site has 0 {unit} in every draw and the sd is not used; give a small positive value in a sites file of your own if the sd should count (docs/scenario.md, Measurement noise)",
                        site.id
                    ));
                }
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

/// σ of the lognormal noise with mean `value` and standard deviation `sd`:
/// σ² = ln(1 + (sd/value)²). 0 when there is no sd or the value is not above 0.
pub fn lognormal_sigma(value: f64, sd: f64) -> f64 {
    if value > 0.0 && sd > 0.0 {
        (sd / value).powi(2).ln_1p().sqrt()
    } else {
        0.0
    }
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
            price_sigma: vec![0.0],
            grid_sigma: vec![0.0],
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

    /// The noise keeps the data's mean and sd and never goes below 0, even where the sd is
    /// as large as the value (The Dalles's grid, 60 ± 60 gCO2/kWh: the normal noise floored
    /// at 0 gave 0 in 15.9 % of draws and a mean of 65). The z are the Box–Muller transform
    /// of a regular 500 × 500 grid on the unit square, not random: the check has no sampling
    /// luck in it.
    #[test]
    fn lognormal_noise_keeps_mean_and_sd_and_sign() {
        let m = 500;
        let z = |k: usize| {
            let u1 = ((k / m) as f64 + 0.5) / m as f64;
            let u2 = ((k % m) as f64 + 0.5) / m as f64;
            (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
        };
        for (x, sd) in [(60.0, 60.0), (49.0, 8.0), (96.0, 85.0)] {
            let sigma = lognormal_sigma(x, sd);
            let draws: Vec<f64> = (0..m * m).map(|k| Energy::noisy(x, sigma, z(k))).collect();
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            let var = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / draws.len() as f64;
            assert!(draws.iter().all(|&d| d > 0.0));
            assert_relative_eq!(mean, x, max_relative = 2e-3);
            assert_relative_eq!(var.sqrt(), sd, max_relative = 2e-2);
        }
        // No sd, or nothing to scale: no noise.
        assert_eq!(lognormal_sigma(50.0, 0.0), 0.0);
        assert_eq!(lognormal_sigma(0.0, 5.0), 0.0);
        assert_eq!(Energy::noisy(50.0, 0.0, 1.7), 50.0);
    }

    /// A value of 0 with an sd cannot take lognormal noise: named, when a criterion reads it.
    #[test]
    fn a_value_of_zero_with_an_sd_is_named() {
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
            grid_gco2_kwh: vec![0.0, 60.0],
            grid_sd_gco2_kwh: vec![5.0, 60.0],
            price_sigma: vec![lognormal_sigma(55.0, 15.0), lognormal_sigma(65.0, 10.0)],
            grid_sigma: vec![0.0, lognormal_sigma(60.0, 60.0)],
            carbon_price: Dist::Fixed(0.0),
            fixed_pue: None,
            it_mwh_per_year: 1.0,
            annuity: 1.0,
        };
        let sites = [site("hydro"), site("dalles")];
        let w = e.noise_warnings(&sites, true, true);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("site hydro: grid_gco2_kwh = 0 ± 5 gCO2/kWh (sd): the measurement noise is lognormal, which cannot move a value of 0, so the site has 0 gCO2/kWh in every draw"),
            "{}",
            w[0]
        );
        // Emissions read by no criterion (and no carbon price): nothing to say.
        assert!(e.noise_warnings(&sites, true, false).is_empty());
    }
}
