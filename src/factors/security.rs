//! Security: natural hazards, solar-storm exposure and political risk.
//!
//! Separate metrics: 475-year PGA (`seismic_pga_g`), `flood_index` and `cyclone_index`
//! (0–10) from `sites.csv`; absolute geomagnetic latitude from the site's coordinates and the
//! IGRF dipole (geomagnetically induced currents that threaten grids and long conductors
//! grow steeply above ~50° geomagnetic latitude); WGI political stability and rule of law of
//! the site's country.
//!
//! The composite (0 best, 1 worst) is the mean of five exposures, each scaled to [0, 1]:
//! `min(pga/0.6, 1)`, `flood/10`, `cyclone/10`, `clamp((|φm| − 20)/50, 0, 1)` (none below 20°,
//! full at 70° geomagnetic), and `(2.5 − political_stability)/5`. Equal weights are this
//! model's choice; use the separate metrics to weigh them differently.

use crate::data::{Jurisdictions, Sites};
use crate::error::{Problems, Result};
use crate::geo::geomagnetic_latitude;
use crate::world::Site;

use super::Metric;

#[derive(Debug, Clone)]
pub struct Security {
    /// Per site: pga, flood, cyclone, geomag, stability, rule of law, composite.
    values: Vec<[f64; 7]>,
}

pub fn composite(pga: f64, flood: f64, cyclone: f64, geomag: f64, stability: f64) -> f64 {
    let parts = [
        (pga / 0.6).min(1.0),
        flood / 10.0,
        cyclone / 10.0,
        ((geomag.abs() - 20.0) / 50.0).clamp(0.0, 1.0),
        ((2.5 - stability) / 5.0).clamp(0.0, 1.0),
    ];
    parts.iter().sum::<f64>() / parts.len() as f64
}

impl Security {
    pub fn build(
        all: &Sites,
        rows: &[usize],
        sites: &[Site],
        xy: &[(f64, f64)],
        juris: &Jurisdictions,
    ) -> Result<Security> {
        let mut problems = Problems::default();
        let mut col = |name: &str| {
            all.table.numbers(name, rows).unwrap_or_else(|p| {
                problems.extend(p);
                vec![0.0; rows.len()]
            })
        };
        let (pga, flood, cyclone) = (
            col("seismic_pga_g"),
            col("flood_index"),
            col("cyclone_index"),
        );
        let mut values = Vec::with_capacity(sites.len());
        for (i, s) in sites.iter().enumerate() {
            let who = format!("security of site {}", s.id);
            let mut wgi = |c: &str| {
                juris.number(&s.country, c, &who).unwrap_or_else(|p| {
                    problems.push(p);
                    0.0
                })
            };
            let (stab, law) = (wgi("political_stability"), wgi("rule_of_law"));
            let gm = geomagnetic_latitude(xy[i].0, xy[i].1).abs();
            values.push([
                pga[i],
                flood[i],
                cyclone[i],
                gm,
                stab,
                law,
                composite(pga[i], flood[i], cyclone[i], gm, stab),
            ]);
        }
        problems.into_result(Security { values })
    }

    pub fn values(&self, i: usize) -> [(Metric, f64); 7] {
        let v = self.values[i];
        [
            (Metric::SeismicPgaG, v[0]),
            (Metric::FloodIndex, v[1]),
            (Metric::CycloneIndex, v[2]),
            (Metric::GeomagLatDeg, v[3]),
            (Metric::PoliticalStability, v[4]),
            (Metric::RuleOfLaw, v[5]),
            (Metric::HazardComposite, v[6]),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn composite_hand_computed() {
        // (0.3/0.6 + 0.2 + 0 + (50−20)/50 + (2.5−0.5)/5)/5 = (0.5+0.2+0+0.6+0.4)/5 = 0.34
        assert_abs_diff_eq!(composite(0.3, 2.0, 0.0, 50.0, 0.5), 0.34, epsilon = 1e-12);
    }
}
