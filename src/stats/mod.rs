//! Streaming statistics that merge deterministically: exact moments merged in
//! a fixed order, and a log-binned quantile sketch whose integer counts merge
//! exactly in any order.

mod merge;
mod moments;
mod sketch;

pub use merge::Merge;
pub use moments::Moments;
pub use sketch::{MAX_BINS, QuantileSketch, RELATIVE_ACCURACY};
