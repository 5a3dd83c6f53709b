//! Employment from a job start to the horizon (MODEL.md section 5): raises at
//! anniversaries, job changes with anchoring, and a pending re-engagement
//! that may pull the candidate back to the company that was walked away from.

use super::{Clock, Ledger, Params, World};

/// A job being held: comp rate, fit (role strength), start, ordinal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Job {
    pub comp: f64,
    pub fit: f64,
    pub start: Clock,
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
    /// d earnings / d (starting comp). Raises scale comp and anchoring is
    /// affine in it, while no event's time depends on it, so without a
    /// switch the earnings are exactly linear in the starting comp: the
    /// anchor cost (MODEL.md section 10) follows from this slope without
    /// replaying the path at the floor.
    pub earnings_per_comp: f64,
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
/// the horizon, telling `ledger` about every employed segment.
pub fn employ<L: Ledger>(
    p: &Params,
    w: &mut World,
    job: Job,
    pending: Option<Reengagement>,
    ledger: &mut L,
) -> Employment {
    debug_assert!(job.start.t < p.horizon);
    let d = &p.discount;
    let mut pending = pending.filter(|r| r.at >= job.start.t);
    let mut out = Employment::default();
    let mut job = job;
    // Coefficient of the starting comp in the current comp.
    let mut slope = 1.0;
    let mut draw = w.job(job.ordinal);
    let mut anniversary = 1u32;
    let mut t = job.start.t;
    // Discount factors are carried from event to event: anniversaries are a
    // whole year apart and a job change comes with its tenure's factors, so
    // only a switch to the returning company costs an exponential.
    let mut f_t = job.start.discount;
    let mut f_raise = f_t * d.year_factor();
    // The first event other than a raise; raises are the most frequent
    // events and change none of the others, so it is found again only after
    // a job change or re-engagement.
    let next_other = |job: &Job, draw: &super::world::JobDraw, pending: &Option<Reengagement>| {
        // Ties resolve by the order of `Event`: the first listed wins.
        [
            (p.horizon, Event::Horizon),
            (job.start.t + draw.tenure, Event::JobChange),
            (pending.map_or(f64::INFINITY, |r| r.at), Event::Reengagement),
        ]
        .into_iter()
        .reduce(super::earlier)
        .expect("events")
    };
    let mut other = next_other(&job, &draw, &pending);
    loop {
        let raise_at = job.start.t + f64::from(anniversary);
        // A raise comes last at equal times.
        let (at, event) = if raise_at < other.0 {
            (raise_at, Event::Raise)
        } else {
            other
        };
        let f_at = match event {
            Event::Horizon => p.horizon_factor,
            Event::Raise => f_raise,
            Event::JobChange => job.start.discount * draw.discount,
            Event::Reengagement => d.factor(at),
        };
        let annuity = d.annuity_with_factors(t, at, f_t, f_at);
        let income = job.comp * annuity;
        out.earnings += income;
        out.role_term += p.role_value * (job.fit - 0.5) * income;
        out.earnings_per_comp += slope * annuity;
        ledger.income(t, at, f_t, f_at, job.comp);
        t = at;
        f_t = f_at;
        match event {
            Event::Horizon => {
                out.comp_at_horizon = job.comp;
                return out;
            }
            Event::JobChange => {
                let start = job.start.advance(draw.tenure, draw.discount, draw.growth);
                // Anchoring: the next offer is priced partly off this comp.
                let rho = p.anchor_persistence;
                let anchored = rho * job.comp + (1.0 - rho) * start.median;
                job = Job {
                    comp: (1.0 + draw.bump) * anchored,
                    fit: draw.next_fit,
                    start,
                    ordinal: job.ordinal + 1,
                };
                slope *= (1.0 + draw.bump) * rho;
                draw = w.job(job.ordinal);
                anniversary = 1;
                f_raise = f_t * d.year_factor();
                other = next_other(&job, &draw, &pending);
            }
            Event::Reengagement => {
                let re = pending.take().expect("pending re-engagement");
                if re.comp >= job.comp * (1.0 + p.switch_threshold) {
                    job = Job {
                        comp: re.comp,
                        fit: p.role_strength,
                        start: p.clock(at),
                        ordinal: job.ordinal + 1,
                    };
                    slope = 0.0;
                    draw = w.job(job.ordinal);
                    anniversary = 1;
                    f_raise = f_t * d.year_factor();
                    out.switched = true;
                }
                other = next_other(&job, &draw, &pending);
            }
            Event::Raise => {
                // The raise of the calendar year the anniversary falls in
                // (`at` >= 0, so truncation is the floor).
                let year = at as usize;
                let factor = 1.0 + w.raise(year) + p.growth_premium * (job.fit - 0.5);
                job.comp *= factor;
                slope *= factor;
                anniversary += 1;
                f_raise *= d.year_factor();
            }
        }
    }
}
