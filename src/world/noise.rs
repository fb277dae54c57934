//! Measurement noise of column criteria: built once from the base values and their
//! standard deviations, applied to every draw in one vectorised pass.

use nalgebra::DMatrix;
use rand::Rng;
use rand_distr::StandardNormal;

/// Measurement noise, laid out for one vectorised pass per draw. Entry k is cell
/// (`site[k]`, its column's criterion) and gets one standard normal z_k, in column-major
/// order of the cells; its noise term is t_k = `shift[k]` + `scale[k]`·z_k. In a lognormal
/// column (every candidate value positive) the cell becomes exp(t_k), with μ and σ of ln x
/// as shift and scale; elsewhere t_k = sd·z_k is added to the value.
#[derive(Debug, Clone, Default)]
pub(super) struct Noise {
    pub(super) site: Vec<usize>,
    shift: Vec<f64>,
    scale: Vec<f64>,
    /// (criterion, lognormal, entries) per criterion with any noisy cell.
    columns: Vec<(usize, bool, std::ops::Range<usize>)>,
}

impl Noise {
    /// From the base values and measurement sd (sites × criteria). A criterion whose values
    /// are all positive (prices, distances) keeps them positive: its noise is lognormal with
    /// the same mean and sd, σ² = ln(1 + (sd/x)²), μ = ln x − σ²/2.
    pub(super) fn new(base: &DMatrix<f64>, sd: &DMatrix<f64>) -> Noise {
        let mut noise = Noise::default();
        for j in 0..base.ncols() {
            let lognormal = base.column(j).iter().all(|&x| x > 0.0);
            let start = noise.site.len();
            for i in 0..base.nrows() {
                let (x, s) = (base[(i, j)], sd[(i, j)]);
                if s > 0.0 {
                    let (shift, scale) = if lognormal {
                        let var = (1.0 + (s / x).powi(2)).ln();
                        (x.ln() - 0.5 * var, var.sqrt())
                    } else {
                        (0.0, s)
                    };
                    noise.site.push(i);
                    noise.shift.push(shift);
                    noise.scale.push(scale);
                }
            }
            if noise.site.len() > start {
                noise.columns.push((j, lognormal, start..noise.site.len()));
            }
        }
        noise
    }

    /// Draws the noise (`t` has one slot per entry) and applies it to `x`.
    pub(super) fn apply<R: Rng + ?Sized>(&self, rng: &mut R, t: &mut [f64], x: &mut DMatrix<f64>) {
        for t in t.iter_mut() {
            *t = rng.sample(StandardNormal);
        }
        for ((t, a), b) in t.iter_mut().zip(&self.shift).zip(&self.scale) {
            *t = a + b * *t;
        }
        for (j, lognormal, range) in &self.columns {
            let (t, sites) = (&mut t[range.clone()], &self.site[range.clone()]);
            let mut col = x.column_mut(*j);
            if *lognormal {
                crate::numeric::exp_in_place(t);
                sites.iter().zip(t).for_each(|(&i, t)| col[i] = *t);
            } else {
                sites.iter().zip(t).for_each(|(&i, t)| col[i] += *t);
            }
        }
    }
}
