//! The model of MODEL.md: distributions, the world of one path, employment,
//! search, and the four strategies played in the same world.

pub mod discount;
pub mod dist;
pub mod employment;
pub mod search;
pub mod strategy;
pub mod world;

pub use discount::Discount;
pub use dist::{Dist, PathRng};
pub use strategy::{Outcome, PathOutcomes, Strategy};
pub use world::World;

use crate::scenario::Scenario;

/// The event that happens first; at equal times the one whose kind sorts
/// first (each event enum lists its kinds in MODEL.md's tie order).
#[inline]
fn earlier<E: Ord>(a: (f64, E), b: (f64, E)) -> (f64, E) {
    if b.0 < a.0 || (b.0 == a.0 && b.1 < a.1) {
        b
    } else {
        a
    }
}

/// What every rule of the model needs from a scenario, computed once.
#[derive(Debug, Clone)]
pub struct Params {
    /// Offer recurring comp `C0` (MODEL.md section 2).
    pub offer_comp: f64,
    pub sign_on: f64,
    pub floor: f64,
    /// `s_offer` (MODEL.md section 2).
    pub role_strength: f64,
    pub horizon: f64,
    pub discount: Discount,
    pub employed: bool,
    pub current_comp: f64,
    /// Runway in years; infinite for an employed candidate (MODEL.md section 6).
    pub runway_years: f64,
    pub median_comp: f64,
    /// `ln(1 + market.growth)`, so `M(t) = median * e^(t ln(1+g))`.
    ln_market_growth: f64,
    pub softness: f64,
    pub anchor_persistence: f64,
    pub growth_premium: f64,
    pub role_value: f64,
    pub switch_threshold: f64,
    pub counter_weeks: f64,
    pub counter_success: f64,
    pub counter_rescind: f64,
    pub counter_min_ask: f64,
    pub walk_tolerance: f64,
    pub dists: Dists,
}

/// Every distribution a path draws from (MODEL.md section 4).
#[derive(Debug, Clone, Copy)]
pub struct Dists {
    pub reengage_probability: Dist,
    pub reengage_months: Dist,
    pub reengage_uplift: Dist,
    pub counter_meet: Dist,
    pub distress_offer: Dist,
    pub distress_weeks: Dist,
    pub distress_fit: Dist,
    pub search_weeks: Dist,
    pub market_offer: Dist,
    pub market_fit: Dist,
    pub tenure_years: Dist,
    pub job_change_bump: Dist,
    pub raise: Dist,
}

impl Params {
    pub fn new(s: &Scenario) -> Self {
        Params {
            offer_comp: s.offer_comp(),
            sign_on: s.offer.sign_on,
            floor: s.candidate.floor,
            role_strength: s.role_strength(),
            horizon: s.career.horizon_years,
            discount: Discount::from_rate(s.career.discount_rate),
            employed: s.candidate.employed,
            current_comp: if s.candidate.employed {
                s.candidate.current_comp
            } else {
                0.0
            },
            runway_years: s.search_runway_months().map_or(f64::INFINITY, |m| m / 12.0),
            median_comp: s.market.median_comp,
            ln_market_growth: s.market.growth.ln_1p(),
            softness: s.market.softness,
            anchor_persistence: s.career.anchor_persistence,
            growth_premium: s.career.growth_premium,
            role_value: s.career.role_value,
            switch_threshold: s.reengage.switch_threshold,
            counter_weeks: s.counter.weeks,
            counter_success: s.counter.success,
            counter_rescind: s.counter.rescind,
            counter_min_ask: s.counter.min_ask,
            walk_tolerance: s.decision.walk_tolerance,
            dists: Dists {
                reengage_probability: s.reengage.probability,
                reengage_months: s.reengage.months,
                reengage_uplift: s.reengage.uplift,
                counter_meet: s.counter.meet,
                distress_offer: s.distress.offer,
                distress_weeks: s.distress.weeks,
                distress_fit: s.distress.fit,
                search_weeks: s.market.search_weeks,
                market_offer: s.market.offer,
                market_fit: s.market.fit,
                tenure_years: s.career.tenure_years,
                job_change_bump: s.career.job_change_bump,
                raise: s.career.raise,
            },
        }
    }

    /// Market median at time t, `M(t) = median_comp (1 + growth)^t`
    /// (MODEL.md section 2).
    #[inline]
    pub fn market_median(&self, t: f64) -> f64 {
        self.median_comp * (self.ln_market_growth * t).exp()
    }
}
