use crate::model::{PerStrategy, Strategy};

/// One band of the verdict by offer: offers C0 in [c0_lo, c0_hi) (the last band closed) where the pick is `strategy`.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub c0_lo: f64,
    pub c0_hi: f64,
    pub strategy: Strategy,
}

/// A located boundary in C0 (or in the floor) with its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Boundary {
    pub at: f64,
    pub se: f64,
}

/// The floor that maximises walk's mean value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BestFloor {
    pub floor: f64,
    pub value: f64,
    pub gain: f64,
    pub gain_se: f64,
}

/// One evaluated offer, for the chart offer.png: each strategy's mean value minus accept's, with the SE of that paired difference, and the pick there.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvePoint {
    pub c0: f64,
    pub diff: PerStrategy<f64>,
    pub diff_se: PerStrategy<f64>,
    pub pick: Strategy,
}

#[derive(Debug, Clone, PartialEq)]
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
