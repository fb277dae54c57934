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
//!
//! **Uncertainty.** The WGI estimates come with standard errors (`political_stability_sd`,
//! `rule_of_law_sd` in `jurisdictions.csv`). With measurement uncertainty on (the default),
//! each draw adds normal noise with those sds, one draw per country (the sites of a country
//! share its estimate's error), to both indicators and so to the composite.

use crate::data::Site;
use crate::data::{Jurisdictions, Sites};
use crate::error::{Problems, Result};
use crate::geo::geomagnetic_latitude;

use super::Metric;

#[derive(Debug, Clone)]
pub struct Security {
    /// Per site: pga, flood, cyclone, geomag, stability, rule of law, composite.
    values: Vec<[f64; 7]>,
    /// Per site: standard errors of the WGI political stability and rule of law.
    sd: Vec<(f64, f64)>,
    /// Per site: index of its country among the candidates' countries (0..countries).
    country: Vec<usize>,
    countries: usize,
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
        let mut sd = Vec::with_capacity(sites.len());
        let mut names: Vec<&str> = Vec::new();
        let mut country = Vec::with_capacity(sites.len());
        for (i, s) in sites.iter().enumerate() {
            let who = format!("security of site {}", s.id);
            let mut wgi = |c: &str| {
                juris.number_sd(&s.country, c, &who).unwrap_or_else(|p| {
                    problems.push(p);
                    (0.0, 0.0)
                })
            };
            let ((stab, stab_sd), (law, law_sd)) = (wgi("political_stability"), wgi("rule_of_law"));
            sd.push((stab_sd, law_sd));
            country.push(match names.iter().position(|&c| c == s.country) {
                Some(k) => k,
                None => {
                    names.push(&s.country);
                    names.len() - 1
                }
            });
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
        problems.into_result(Security {
            values,
            sd,
            country,
            countries: names.len(),
        })
    }

    /// How many countries the candidates are in: the length of a draw's WGI noise.
    pub fn countries(&self) -> usize {
        self.countries
    }

    /// Samples a draw's WGI noise into `z`: one pair of standard normals (stability, rule
    /// of law) per country, in the order the countries first appear among the candidates.
    pub fn sample_noise<R: rand::Rng + ?Sized>(&self, rng: &mut R, z: &mut [(f64, f64)]) {
        use rand_distr::StandardNormal;
        for zk in z.iter_mut() {
            *zk = (rng.sample(StandardNormal), rng.sample(StandardNormal));
        }
    }

    /// The metrics of site i under the draw's WGI noise `z` (per country; zeros for the
    /// base case): each indicator is its estimate plus its standard error times the noise.
    pub fn values(&self, i: usize, z: &[(f64, f64)]) -> [(Metric, f64); 7] {
        let mut v = self.values[i];
        let ((zs, zl), (ss, sl)) = (z[self.country[i]], self.sd[i]);
        v[4] += ss * zs;
        v[5] += sl * zl;
        v[6] = composite(v[0], v[1], v[2], v[3], v[4]);
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
    fn wgi_noise_moves_both_indicators_and_the_composite_per_country() {
        // Two sites in country 0, one in country 1.
        let sec = Security {
            values: vec![[0.3, 2.0, 0.0, 50.0, 0.5, 1.0, 0.34]; 3],
            sd: vec![(0.2, 0.1), (0.2, 0.1), (0.3, 0.3)],
            country: vec![0, 0, 1],
            countries: 2,
        };
        let z = [(1.0, -2.0), (0.0, 0.0)];
        let v = |i| sec.values(i, &z).map(|(_, v)| v);
        for i in [0, 1] {
            // Stability 0.5 + 0.2 = 0.7, rule of law 1 − 0.2 = 0.8; the composite's
            // stability part falls from 0.4 to 0.36, so the composite by 0.04/5.
            assert_abs_diff_eq!(v(i)[4], 0.7, epsilon = 1e-12);
            assert_abs_diff_eq!(v(i)[5], 0.8, epsilon = 1e-12);
            assert_abs_diff_eq!(v(i)[6], 0.34 - 0.008, epsilon = 1e-12);
        }
        assert_eq!(v(2)[..6], [0.3, 2.0, 0.0, 50.0, 0.5, 1.0]);
        assert_abs_diff_eq!(v(2)[6], 0.34, epsilon = 1e-12);
        // The base case (no noise) is the estimate itself.
        assert_eq!(sec.values(0, &[(0.0, 0.0); 2]).map(|(_, v)| v)[4], 0.5);
    }

    #[test]
    fn composite_hand_computed() {
        // (0.3/0.6 + 0.2 + 0 + (50−20)/50 + (2.5−0.5)/5)/5 = (0.5+0.2+0+0.6+0.4)/5 = 0.34
        assert_abs_diff_eq!(composite(0.3, 2.0, 0.0, 50.0, 0.5), 0.34, epsilon = 1e-12);
    }
}
