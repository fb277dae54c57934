//! What is uncertain in a scenario: input distributions, discrete events and weights.

mod dist;
mod weights;

pub use crate::ahp;
pub use crate::scenario::{Effect, Event, PriceFactor, Uncertainty};

pub use crate::scenario::{Ahp, WeightMode};
pub use crate::scenario::{DIST_ALLOWED, Dist};
pub use weights::{Strategy, WeightSampler, choose_strategy, uniform_simplex};
