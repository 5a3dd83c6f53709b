//! Employment from a job start to the horizon (MODEL.md section 5): raises at
//! anniversaries, job changes with anchoring, and a pending re-engagement
//! that may pull the candidate back to the company that was walked away from.

use super::{Params, World};

/// A job being held: comp rate, fit (role strength), start, ordinal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Job {
    pub comp: f64,
    pub fit: f64,
    pub start: f64,
    /// j in MODEL.md section 4; 1 for the first job taken after t = 0.
    pub ordinal: usize,
}

/// The company's return (MODEL.md section 7): at `at`, comp `comp`, fit
/// `s_offer`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reengagement {
    pub at: f64,
    pub comp: f64,
}

/// What a stretch of employment adds to a path's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Employment {
    /// Discounted earnings `sum C D(a, b)`.
    pub earnings: f64,
    /// Discounted role term `sum role_value (s - 0.5) C D(a, b)`.
    pub role_term: f64,
    /// Nominal comp rate at the horizon.
    pub comp_at_horizon: f64,
    /// The pending re-engagement was taken as a switch.
    pub switched: bool,
}

/// Next-event kinds in the tie order of MODEL.md section 5: horizon, job
/// change, re-engagement, raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    Horizon,
    JobChange,
    Reengagement,
    Raise,
}

/// Plays employment from `job.start` (which must be before the horizon) to
/// the horizon.
pub fn employ(p: &Params, w: &mut World, job: Job, pending: Option<Reengagement>) -> Employment {
    debug_assert!(job.start < p.horizon);
    let mut pending = pending.filter(|r| r.at >= job.start);
    let mut out = Employment::default();
    let mut job = job;
    let mut draw = w.job(job.ordinal);
    let mut anniversary = 1u32;
    let mut t = job.start;
    loop {
        let change_at = job.start + draw.tenure;
        let raise_at = job.start + f64::from(anniversary);
        let re_at = pending.map_or(f64::INFINITY, |r| r.at);
        // Ties resolve by the order of `Event`: the first listed wins.
        let (at, event) = [
            (p.horizon, Event::Horizon),
            (change_at, Event::JobChange),
            (re_at, Event::Reengagement),
            (raise_at, Event::Raise),
        ]
        .into_iter()
        .reduce(super::earlier)
        .expect("events");
        accrue(p, &mut out, job.comp, job.fit, t, at);
        t = at;
        match event {
            Event::Horizon => {
                out.comp_at_horizon = job.comp;
                return out;
            }
            Event::JobChange => {
                // Anchoring: the next offer is priced partly off this comp.
                let rho = p.anchor_persistence;
                let anchored = rho * job.comp + (1.0 - rho) * p.market_median(at);
                job = Job {
                    comp: (1.0 + draw.bump) * anchored,
                    fit: draw.next_fit,
                    start: at,
                    ordinal: job.ordinal + 1,
                };
                draw = w.job(job.ordinal);
                anniversary = 1;
            }
            Event::Reengagement => {
                let re = pending.take().expect("pending re-engagement");
                if re.comp >= job.comp * (1.0 + p.switch_threshold) {
                    job = Job {
                        comp: re.comp,
                        fit: p.role_strength,
                        start: at,
                        ordinal: job.ordinal + 1,
                    };
                    draw = w.job(job.ordinal);
                    anniversary = 1;
                    out.switched = true;
                }
            }
            Event::Raise => {
                // The raise of the calendar year the anniversary falls in.
                let year = at.floor() as usize;
                job.comp *= 1.0 + w.raise(year) + p.growth_premium * (job.fit - 0.5);
                anniversary += 1;
            }
        }
    }
}

/// Income of one employed segment [a, b) at rate `comp` and fit `fit`
/// (MODEL.md section 5, last paragraph).
#[inline]
fn accrue(p: &Params, out: &mut Employment, comp: f64, fit: f64, a: f64, b: f64) {
    let income = comp * p.discount.annuity(a, b);
    out.earnings += income;
    out.role_term += p.role_value * (fit - 0.5) * income;
}
