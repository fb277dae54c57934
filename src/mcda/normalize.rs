//! Normalisation of one criterion's values over the candidate sites of a draw.
//!
//! Every normalisation maps to "higher is better", so methods never see directions:
//!
//! | name | benefit (`max`) | cost (`min`) |
//! |---|---|---|
//! | `min-max` | (x − min)/(max − min) | (max − x)/(max − min) |
//! | `vector` | x/‖x‖₂ | 1 − x/‖x‖₂ |
//! | `max` | x/max\|x\| | 1 − x/max\|x\| |
//!
//! A criterion that is constant over the sites (max = min, or ‖x‖ = 0) tells them apart in
//! no way: every site gets 0.5. `max` and `vector` are the linear-max and vector
//! normalisations of Jahan & Edwards (2015), "A state-of-the-art survey on the influence of
//! normalization techniques in ranking", Materials & Design 65, 335–342.

use std::fmt;

use crate::scenario::Direction;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Normalization {
    #[default]
    MinMax,
    Vector,
    Max,
}

impl Normalization {
    pub const ALLOWED: &'static str = "min-max, vector, max";

    pub fn parse(s: &str) -> Option<Normalization> {
        match s {
            "min-max" => Some(Normalization::MinMax),
            "vector" => Some(Normalization::Vector),
            "max" => Some(Normalization::Max),
            _ => None,
        }
    }

    /// Normalises `x` into `out` (same length).
    pub fn apply(self, direction: Direction, x: &[f64], out: &mut [f64]) {
        debug_assert_eq!(x.len(), out.len());
        let benefit = direction == Direction::Max;
        match self {
            Normalization::MinMax => {
                let (lo, hi) = x
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
                        (l.min(v), h.max(v))
                    });
                let span = hi - lo;
                for (o, &v) in out.iter_mut().zip(x) {
                    *o = if span <= 0.0 {
                        0.5
                    } else if benefit {
                        (v - lo) / span
                    } else {
                        (hi - v) / span
                    };
                }
            }
            Normalization::Vector | Normalization::Max => {
                let scale = if self == Normalization::Vector {
                    x.iter().map(|v| v * v).sum::<f64>().sqrt()
                } else {
                    x.iter().fold(0.0f64, |m, v| m.max(v.abs()))
                };
                for (o, &v) in out.iter_mut().zip(x) {
                    *o = if scale <= 0.0 {
                        0.5
                    } else if benefit {
                        v / scale
                    } else {
                        1.0 - v / scale
                    };
                }
            }
        }
    }
}

impl fmt::Display for Normalization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Normalization::MinMax => "min-max",
            Normalization::Vector => "vector",
            Normalization::Max => "max",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn min_max_by_direction_and_constant_column() {
        let mut out = [0.0; 3];
        Normalization::MinMax.apply(Direction::Max, &[10.0, 20.0, 15.0], &mut out);
        assert_eq!(out, [0.0, 1.0, 0.5]);
        Normalization::MinMax.apply(Direction::Min, &[10.0, 20.0, 15.0], &mut out);
        assert_eq!(out, [1.0, 0.0, 0.5]);
        Normalization::MinMax.apply(Direction::Min, &[7.0, 7.0, 7.0], &mut out);
        assert_eq!(out, [0.5, 0.5, 0.5]);
    }

    #[test]
    fn vector_and_max() {
        let mut out = [0.0; 2];
        Normalization::Vector.apply(Direction::Max, &[3.0, 4.0], &mut out);
        assert_abs_diff_eq!(out[0], 0.6);
        assert_abs_diff_eq!(out[1], 0.8);
        Normalization::Max.apply(Direction::Min, &[2.0, 8.0], &mut out);
        assert_abs_diff_eq!(out[0], 0.75);
        assert_abs_diff_eq!(out[1], 0.0);
    }
}
