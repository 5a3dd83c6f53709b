//! The model (docs/model.md): distributions, the world of one path,
//! employment, search, and every strategy played in the same world.

pub mod discount;
pub mod dist;
pub mod employment;
pub mod exp;
pub mod search;
pub mod strategies;
pub mod strategy;
pub mod world;

pub use discount::Discount;
pub use dist::{Discrete, DiscreteError, Dist, PathRng, SampleSource, Sampler};
pub use strategies::{PAIR_COUNT, PAIRS, PerStrategy, Search, Strategy, pair_index};
pub use strategy::{Outcome, PathOutcomes};
pub use world::World;

use crate::scenario::Scenario;

/// The event that happens first; at equal times the one whose kind sorts
/// first (each event enum lists its kinds in the model's tie order).
#[inline]
fn earlier<E: Ord>(a: (f64, E), b: (f64, E)) -> (f64, E) {
    if b.0 < a.0 || (b.0 == a.0 && b.1 < a.1) {
        b
    } else {
        a
    }
}

/// Receives every piece of a strategy's income on one path, for the charts'
/// month-by-month view. The aggregate statistics never need it: their
/// ledger is `()`, which compiles to nothing.
pub trait Ledger: Clone {
    /// Income at the annual rate `rate` on [a, b) (nominal, undiscounted),
    /// with the discount factors `f_a = e^(-delta a)` and `f_b` the model
    /// already holds.
    fn income(&mut self, a: f64, b: f64, f_a: f64, f_b: f64, rate: f64);
    /// A lump sum `amount` paid at `t` (nominal).
    fn lump(&mut self, t: f64, amount: f64);
}

impl Ledger for () {
    #[inline(always)]
    fn income(&mut self, _: f64, _: f64, _: f64, _: f64, _: f64) {}
    #[inline(always)]
    fn lump(&mut self, _: f64, _: f64) {}
}

/// A point in time with what the model needs at it: the discount factor
/// `e^(-delta t)` and the market median `M(t)`. Carried from event to event
/// and advanced with factors drawn once per path, so that the strategies
/// do not pay two exponentials at every job change and search round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    pub t: f64,
    pub discount: f64,
    pub median: f64,
}

impl Clock {
    /// The clock `dt` later, given `e^(-delta dt)` and `e^(dt ln(1+g))`.
    #[inline]
    pub fn advance(&self, dt: f64, discount: f64, growth: f64) -> Clock {
        Clock {
            t: self.t + dt,
            discount: self.discount * discount,
            median: self.median * growth,
        }
    }
}

/// What every rule of the model needs from a scenario, computed once.
#[derive(Debug, Clone)]
pub struct Params {
    /// Offer recurring comp `C0` (docs/model.md).
    pub offer_comp: f64,
    pub sign_on: f64,
    pub floor: f64,
    /// The floor as the searching candidate uses it: the acceptance test of
    /// search rounds and of re-engagement, the counter's ask and the
    /// walk tolerance. Equal to `floor` except when the walk-away numbers
    /// vary it (src/frontier.rs); `floor` itself only prices the anchor cost.
    pub search_floor: f64,
    /// `s_offer` (docs/model.md).
    pub role_strength: f64,
    pub horizon: f64,
    pub discount: Discount,
    /// `e^(-delta H)`.
    pub horizon_factor: f64,
    pub employed: bool,
    pub current_comp: f64,
    /// Runway in years; infinite for an employed candidate (docs/model.md).
    pub runway_years: f64,
    pub median_comp: f64,
    /// `ln(1 + market.growth)`, so `M(t) = median * e^(t ln(1+g))`.
    pub ln_market_growth: f64,
    /// The clock at the counter's answer, `tc` (docs/model.md).
    pub counter_clock: Clock,
    /// Current comp earned while waiting for the counter's answer,
    /// discounted: the same on every path.
    pub waiting_income: f64,
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

/// Every distribution a path draws from (docs/model.md).
#[derive(Debug, Clone)]
pub struct Dists {
    pub reengage_probability: Sampler,
    pub reengage_months: Sampler,
    pub reengage_uplift: Sampler,
    pub counter_meet: Sampler,
    pub distress_offer: Sampler,
    pub distress_weeks: Sampler,
    pub distress_fit: Sampler,
    pub search_weeks: Sampler,
    pub market_offer: Sampler,
    pub market_fit: Sampler,
    pub tenure_years: Sampler,
    pub job_change_bump: Sampler,
    pub raise: Sampler,
}

impl Params {
    pub fn new(s: &Scenario) -> Self {
        let mut p = Params {
            offer_comp: s.offer_comp(),
            sign_on: s.offer.sign_on,
            floor: s.candidate.floor,
            search_floor: s.candidate.floor,
            role_strength: s.role_strength(),
            horizon: s.career.horizon_years,
            discount: Discount::from_rate(s.career.discount_rate),
            horizon_factor: Discount::from_rate(s.career.discount_rate)
                .factor(s.career.horizon_years),
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
                reengage_probability: (&s.reengage.probability).into(),
                reengage_months: (&s.reengage.months).into(),
                reengage_uplift: (&s.reengage.uplift).into(),
                counter_meet: (&s.counter.meet).into(),
                distress_offer: (&s.distress.offer).into(),
                distress_weeks: (&s.distress.weeks).into(),
                distress_fit: (&s.distress.fit).into(),
                search_weeks: (&s.market.search_weeks).into(),
                market_offer: (&s.market.offer).into(),
                market_fit: (&s.market.fit).into(),
                tenure_years: (&s.career.tenure_years).into(),
                job_change_bump: (&s.career.job_change_bump).into(),
                raise: (&s.career.raise).into(),
            },
            counter_clock: Clock {
                t: 0.0,
                discount: 1.0,
                median: s.market.median_comp,
            },
            waiting_income: 0.0,
        };
        let tc = p.counter_weeks / 52.0;
        p.counter_clock = p.clock(tc);
        p.waiting_income = p.current_comp * p.discount.annuity(0.0, tc.min(p.horizon));
        p
    }

    /// The clock at the decision, t = 0.
    #[inline]
    pub fn clock_at_zero(&self) -> Clock {
        Clock {
            t: 0.0,
            discount: 1.0,
            median: self.median_comp,
        }
    }

    /// The clock at time `t`.
    #[inline]
    pub fn clock(&self, t: f64) -> Clock {
        Clock {
            t,
            discount: self.discount.factor(t),
            median: self.market_median(t),
        }
    }

    /// Market median at time t, `M(t) = median_comp (1 + growth)^t`
    /// (docs/model.md).
    #[inline]
    pub fn market_median(&self, t: f64) -> f64 {
        self.median_comp * exp::exp(self.ln_market_growth * t)
    }
}
