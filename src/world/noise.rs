//! Measurement noise of column criteria: built once from the base values and their
//! standard deviations, applied to every draw in one vectorised pass.

use nalgebra::DMatrix;
use rand::Rng;

use crate::numeric::exp;

/// Measurement noise, laid out for one vectorised pass per draw. Entry k is cell
/// (`site[k]`, its column's criterion) and gets one standard normal z_k, in column-major
/// order of the cells (z from [`crate::numeric::normals`]: entries k and h + k share a
/// Box–Muller pair, h = half the slots); its noise term is t_k = `shift[k]` + `scale[k]`·z_k. In a lognormal
/// column (every candidate value positive) the cell becomes exp(t_k), with μ and σ of ln x
/// as shift and scale; elsewhere t_k = sd·z_k is added to the value.
#[derive(Debug, Clone, Default)]
pub(super) struct Noise {
    pub(super) site: Vec<usize>,
    shift: Vec<f64>,
    scale: Vec<f64>,
    /// (criterion, lognormal, entries) per criterion with any noisy cell.
    columns: Vec<(usize, bool, std::ops::Range<usize>)>,
    /// Per criterion: lognormal with every site noisy ([`Noise::overwrites`]).
    overwritten: Vec<bool>,
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
            noise
                .overwritten
                .push(lognormal && noise.site.len() - start == base.nrows());
        }
        noise
    }

    /// Whether [`Noise::apply`] writes every cell of criterion `j` without reading it (a
    /// lognormal column with every site noisy): the draw need not copy its base values.
    pub(super) fn overwrites(&self, j: usize) -> bool {
        self.overwritten.get(j).copied().unwrap_or(false)
    }

    /// Slots of the noise buffers of a draw: one per entry, rounded up to even (normals
    /// come in pairs).
    pub(super) fn slots(&self) -> usize {
        self.site.len().next_multiple_of(2)
    }

    /// Draws the noise and applies it to `x`: one 64-bit word per slot from `rng` into
    /// `bits`, standard normals from them into `t` ([`crate::numeric::normals`]), then the
    /// affine step and, in lognormal columns, `exp`, fused in one vectorised loop per column
    /// that writes the cells. `bits` and `t` have [`Noise::slots`] slots.
    pub(super) fn apply<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        bits: &mut [u64],
        t: &mut [f64],
        x: &mut DMatrix<f64>,
    ) {
        if self.site.is_empty() {
            return;
        }
        for b in bits.iter_mut() {
            *b = rng.next_u64();
        }
        crate::numeric::normals(bits, t);
        crate::numeric::vectorised(
            #[inline(always)]
            || self.write(t, x),
        );
    }

    /// The fused affine step and `exp` of [`Noise::apply`], inlined into each of
    /// [`crate::numeric::vectorised`]'s paths.
    #[inline(always)]
    fn write(&self, t: &[f64], x: &mut DMatrix<f64>) {
        let m = x.nrows();
        for (j, lognormal, range) in &self.columns {
            let r = range.clone();
            let (t, a, b) = (
                &t[r.clone()],
                &self.shift[r.clone()],
                &self.scale[r.clone()],
            );
            let sites = &self.site[r];
            let mut col = x.column_mut(*j);
            let col = col.as_mut_slice();
            let terms = t.iter().zip(a).zip(b).map(|((t, a), b)| a + b * t);
            // Every site noisy: the entries are the column's cells in order.
            match (sites.len() == m, *lognormal) {
                (true, true) => col.iter_mut().zip(terms).for_each(|(c, t)| *c = exp(t)),
                (true, false) => col.iter_mut().zip(terms).for_each(|(c, t)| *c += t),
                (false, true) => sites.iter().zip(terms).for_each(|(&i, t)| col[i] = exp(t)),
                (false, false) => sites.iter().zip(terms).for_each(|(&i, t)| col[i] += t),
            }
        }
    }
}
