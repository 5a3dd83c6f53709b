//! The walk-away numbers (docs/model.md, "Walk-away numbers"): the verdict
//! by offer (bands, `take_at`, `walk_below`), the best floor for the search
//! and the runway needed. Every evaluation replays the same worlds (the
//! scenario's seed, the first `frontier_paths` paths, chunk by chunk as the
//! engine draws them), so the pick is a deterministic function of the varied
//! input; chunks run in parallel and merge in chunk order, so the numbers
//! are the same for any thread count.

use crate::model::{PerStrategy, Strategy};

mod eval;
mod search;

pub use eval::{Evaluator, Sweep, Variant};
pub use search::{compute, picks};

/// One band of the verdict by offer: offers C0 in [c0_lo, c0_hi) (the last band closed) where the pick is `strategy`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Band {
    pub c0_lo: f64,
    pub c0_hi: f64,
    pub strategy: Strategy,
}

/// A located boundary in C0 (or in the floor) with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Boundary {
    pub at: f64,
    pub se: f64,
}

/// The floor that maximises walk's mean value.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BestFloor {
    pub floor: f64,
    pub value: f64,
    pub gain: f64,
    pub gain_se: f64,
}

/// One evaluated offer, for the chart offer.png: each strategy's mean value minus accept's, with the SE of that paired difference, and the pick there.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CurvePoint {
    pub c0: f64,
    pub diff: PerStrategy<f64>,
    pub diff_se: PerStrategy<f64>,
    pub pick: Strategy,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Frontier {
    /// Paths per evaluation.
    pub frontier_paths: u64,
    /// The user's floor and offer C0, for reference.
    pub floor: f64,
    pub offer_comp: f64,
    /// In order, covering [0.5, 1.5] * floor without gaps.
    pub bands: Vec<Band>,
    pub take_at: Option<Boundary>,
    pub walk_below: Option<Boundary>,
    pub best_floor: Option<BestFloor>,
    /// Months; None for an employed candidate or when no such runway exists in [0, 24].
    pub runway_needed: Option<f64>,
    /// Evaluated points sorted by c0 (at least ~41 evenly spaced over [0.5, 1.5] * floor plus the points used to locate boundaries).
    pub curve: Vec<CurvePoint>,
}

/// Paths per evaluation when neither the command line nor the scenario
/// says (fewer when the scenario's own run has fewer).
pub const DEFAULT_FRONTIER_PATHS: u64 = 20_000;

/// The varied input runs over `[LO, HI] * floor` (the offer and the floor).
pub const LO: f64 = 0.5;
pub const HI: f64 = 1.5;
/// Boundaries are located to within this share of the floor.
pub const RESOLUTION: f64 = 0.001;
/// Evenly spaced offers evaluated first.
pub const OFFER_GRID: usize = 41;
/// The runway needed is searched over [0, RUNWAY_MAX] months, to within
/// RUNWAY_RESOLUTION.
pub const RUNWAY_MAX: f64 = 24.0;
pub const RUNWAY_RESOLUTION: f64 = 0.1;
