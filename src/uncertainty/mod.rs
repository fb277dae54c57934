//! What is uncertain in a scenario: input distributions, discrete events and weights.

mod dist;
mod weights;

pub(crate) use crate::ahp;
pub use crate::scenario::Effect;

pub use crate::scenario::Dist;
pub use weights::{Strategy, WeightSampler, choose_strategy};
