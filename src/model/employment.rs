//! Employment from a job start to the horizon (docs/model.md): raises at
//! anniversaries, job changes with anchoring, and a pending re-engagement
//! that may pull the candidate back to the company that was walked away from.

use super::{Clock, Ledger, Params, World};

/// A job being held: comp rate, fit (role strength), start, ordinal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Job {
    pub comp: f64,
    pub fit: f64,
    pub start: Clock,
    /// j in the world of a path (docs/model.md); 1 for the first job taken
    /// after t = 0.
    pub ordinal: usize,
}

/// The company's return (docs/model.md): at `at`, comp `comp`, fit
/// `s_offer`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reengagement {
    /// `t_re`, with its discount factor and market median.
    pub at: Clock,
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
    /// anchor cost (docs/model.md) follows from this slope without
    /// replaying the path at the floor.
    pub earnings_per_comp: f64,
}

/// One job's income so far, as multiples of the comp it started at: raises
/// scale the comp, so the job's discounted income is its starting comp
/// times `whole * D(0, 1) + part`, and its contribution to the slope of
/// earnings in the path's starting comp is the same sum times the slope at
/// the job's start. Whole years between anniversaries then cost one
/// multiply-add each: `D(a, a + 1) = e^(-delta a) D(0, 1)`.
struct Tenure {
    /// Product of the raises so far: the comp now is `start comp * growth`.
    growth: f64,
    /// `sum growth e^(-delta a)` over whole years [a, a + 1) from an
    /// anniversary (or the start) to the next.
    whole: f64,
    /// `sum growth D(a, b)` over the other segments.
    part: f64,
    /// Accrued up to `t`, whose discount factor is `f_t`.
    t: f64,
    f_t: f64,
    /// `t` is the job's start or an anniversary, so the next segment up
    /// to an anniversary is a whole year.
    aligned: bool,
}

impl Tenure {
    fn new(start: Clock) -> Self {
        Tenure {
            growth: 1.0,
            whole: 0.0,
            part: 0.0,
            t: start.t,
            f_t: start.discount,
            aligned: true,
        }
    }

    /// Accrues [t, to) of any length, `f_to` being `e^(-delta to)`. The
    /// segment may end anywhere, so the next one is not taken for a whole
    /// year.
    #[inline(always)]
    fn accrue<L: Ledger>(&mut self, p: &Params, comp: f64, to: f64, f_to: f64, ledger: &mut L) {
        let annuity = p.discount.annuity_with_factors(self.t, to, self.f_t, f_to);
        self.part += self.growth * annuity;
        self.aligned = false;
        self.move_to(comp, to, f_to, ledger);
    }

    /// Accrues up to the anniversary `to`, a year after the last one when
    /// aligned.
    #[inline(always)]
    fn accrue_year<L: Ledger>(
        &mut self,
        p: &Params,
        comp: f64,
        to: f64,
        f_to: f64,
        ledger: &mut L,
    ) {
        if self.aligned {
            self.whole += self.growth * self.f_t;
            self.move_to(comp, to, f_to, ledger);
        } else {
            self.accrue(p, comp, to, f_to, ledger);
        }
        self.aligned = true;
    }

    /// Tells `ledger` about the segment accrued and moves `t` to its end.
    #[inline(always)]
    fn move_to<L: Ledger>(&mut self, comp: f64, to: f64, f_to: f64, ledger: &mut L) {
        ledger.income(self.t, to, self.f_t, f_to, comp * self.growth);
        self.t = to;
        self.f_t = f_to;
    }

    /// The job's discounted income per unit of its starting comp.
    #[inline(always)]
    fn income_per_comp(&self, p: &Params) -> f64 {
        self.whole * p.discount.year_annuity() + self.part
    }
}

/// Adds a finished (or interrupted) job's income to `out`; `slope` is the
/// coefficient of the path's starting comp in the job's starting comp.
#[inline(always)]
fn book(p: &Params, out: &mut Employment, job: &Job, slope: f64, tenure: &Tenure) {
    let per_comp = tenure.income_per_comp(p);
    let income = job.comp * per_comp;
    out.earnings += income;
    out.role_term += p.role_value * (job.fit - 0.5) * income;
    out.earnings_per_comp += slope * per_comp;
}

/// Plays employment from `job.start` (which must be before the horizon) to
/// the horizon, telling `ledger` about every employed segment.
///
/// Walked job by job: a job runs to its change or the horizon, whichever
/// comes first (the horizon at a tie), with raises at the anniversaries
/// strictly before that end; a pending re-engagement is the only event that
/// can cut a job short, and it is looked at only when it falls inside the
/// job. This is the event order of employment (docs/model.md) without a
/// general event queue: raises, by far the most frequent events, cost a few
/// multiplications each.
#[inline(always)]
pub fn employ<L: Ledger>(
    p: &Params,
    w: &mut World,
    job: Job,
    pending: Option<Reengagement>,
    ledger: &mut L,
) -> Employment {
    debug_assert!(job.start.t < p.horizon);
    let year = p.discount.year_factor();
    let mut pending = pending.filter(|r| r.at.t >= job.start.t);
    let mut out = Employment::default();
    let mut job = job;
    // The coefficient of the path's starting comp in this job's starting
    // comp.
    let mut slope = 1.0;
    'jobs: loop {
        let draw = w.job(job.ordinal);
        let change_at = job.start.t + draw.tenure;
        // At equal times the horizon comes before a job change.
        let at_horizon = p.horizon <= change_at;
        let end = if at_horizon { p.horizon } else { change_at };
        let raise_premium = 1.0 + p.growth_premium * (job.fit - 0.5);
        let mut held = Tenure::new(job.start);
        let mut anniversary = 1u32;
        let mut f_raise = job.start.discount * year;
        loop {
            // A re-engagement inside the job stops the raises before it; at
            // a tie with a raise the re-engagement comes first.
            let re_at = pending.map_or(f64::INFINITY, |r| r.at.t);
            let stop = if re_at < end { re_at } else { end };
            loop {
                let raise_at = job.start.t + f64::from(anniversary);
                if raise_at >= stop {
                    break;
                }
                held.accrue_year(p, job.comp, raise_at, f_raise, ledger);
                // The raise of the calendar year the anniversary falls in
                // (`raise_at` > 0, so truncation is the floor).
                held.growth *= raise_premium + w.raise(raise_at as u32 as usize);
                anniversary += 1;
                f_raise *= year;
            }
            if re_at >= end {
                break;
            }
            // The company comes back while this job lasts (docs/model.md).
            let re = pending.take().expect("pending re-engagement");
            held.accrue(p, job.comp, re_at, re.at.discount, ledger);
            if re.comp >= job.comp * held.growth * (1.0 + p.switch_threshold) {
                book(p, &mut out, &job, slope, &held);
                job = Job {
                    comp: re.comp,
                    fit: p.role_strength,
                    start: re.at,
                    ordinal: job.ordinal + 1,
                };
                slope = 0.0;
                out.switched = true;
                continue 'jobs;
            }
        }
        if at_horizon {
            held.accrue(p, job.comp, p.horizon, p.horizon_factor, ledger);
            book(p, &mut out, &job, slope, &held);
            out.comp_at_horizon = job.comp * held.growth;
            return out;
        }
        let start = job.start.advance(draw.tenure, draw.discount, draw.growth);
        held.accrue(p, job.comp, change_at, start.discount, ledger);
        book(p, &mut out, &job, slope, &held);
        // Anchoring: the next offer is priced partly off this comp.
        let rho = p.anchor_persistence;
        let anchored = rho * job.comp * held.growth + (1.0 - rho) * start.median;
        slope *= held.growth * (1.0 + draw.bump) * rho;
        job = Job {
            comp: (1.0 + draw.bump) * anchored,
            fit: draw.next_fit,
            start,
            ordinal: job.ordinal + 1,
        };
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use rand::SeedableRng;

    use super::*;
    use crate::model::{PathRng, earlier};
    use crate::scenario::parse_str;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    enum Event {
        Horizon,
        JobChange,
        Reengagement,
        Raise,
    }

    /// Employment (docs/model.md) read literally: a queue of the next event
    /// of each kind, ties broken in the model's order, every discount factor
    /// computed afresh. The reference `employ` is checked against.
    fn employ_by_events(
        p: &Params,
        w: &mut World,
        job: Job,
        pending: Option<Reengagement>,
    ) -> Employment {
        let d = &p.discount;
        let mut pending = pending.filter(|r| r.at.t >= job.start.t);
        let mut out = Employment::default();
        let mut job = job;
        let mut slope = 1.0;
        let mut anniversary = 1u32;
        let mut t = job.start.t;
        loop {
            let draw = w.job(job.ordinal);
            let (at, event) = [
                (p.horizon, Event::Horizon),
                (job.start.t + draw.tenure, Event::JobChange),
                (
                    pending.map_or(f64::INFINITY, |r| r.at.t),
                    Event::Reengagement,
                ),
                (job.start.t + f64::from(anniversary), Event::Raise),
            ]
            .into_iter()
            .reduce(earlier)
            .unwrap();
            let annuity = d.annuity(t, at);
            out.earnings += job.comp * annuity;
            out.role_term += p.role_value * (job.fit - 0.5) * job.comp * annuity;
            out.earnings_per_comp += slope * annuity;
            t = at;
            match event {
                Event::Horizon => {
                    out.comp_at_horizon = job.comp;
                    return out;
                }
                Event::JobChange => {
                    let rho = p.anchor_persistence;
                    let comp =
                        (1.0 + draw.bump) * (rho * job.comp + (1.0 - rho) * p.market_median(at));
                    slope *= (1.0 + draw.bump) * rho;
                    job = Job {
                        comp,
                        fit: draw.next_fit,
                        start: p.clock(at),
                        ordinal: job.ordinal + 1,
                    };
                    anniversary = 1;
                }
                Event::Reengagement => {
                    let re = pending.take().unwrap();
                    if re.comp >= job.comp * (1.0 + p.switch_threshold) {
                        job = Job {
                            comp: re.comp,
                            fit: p.role_strength,
                            start: p.clock(at),
                            ordinal: job.ordinal + 1,
                        };
                        slope = 0.0;
                        anniversary = 1;
                        out.switched = true;
                    }
                }
                Event::Raise => {
                    let factor = 1.0 + w.raise(at as usize) + p.growth_premium * (job.fit - 0.5);
                    job.comp *= factor;
                    slope *= factor;
                    anniversary += 1;
                }
            }
        }
    }

    /// Short tenures and a fractional horizon, so that paths see many job
    /// changes and the horizon falls between anniversaries.
    fn params(horizon: f64, tenure: &str) -> Params {
        let text = format!(
            "[offer]\nbase = 150000\n[candidate]\nfloor = 170000\nrunway_months = 6\n\
             [career]\nhorizon_years = {horizon}\ntenure_years = {tenure}\nrole_value = 0.3\n\
             growth_premium = 0.05\nanchor_persistence = 0.7\n[reengage]\nswitch_threshold = 0.02\n"
        );
        Params::new(&parse_str(&text, Path::new("employ.toml")).unwrap())
    }

    fn close(a: f64, b: f64) -> bool {
        close_at_scale(a, b, a.abs().max(b.abs()))
    }

    /// Within 1e-11 of `scale`: for a sum whose terms may cancel, the
    /// rounding error scales with the terms, not with what is left.
    fn close_at_scale(a: f64, b: f64, scale: f64) -> bool {
        (a - b).abs() <= 1e-11 * scale.max(1.0)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn job_by_job_equals_the_event_queue(
            seed in any::<u64>(),
            horizon in prop_oneof![Just(5.0), Just(3.5), 1.0f64..12.0],
            tenure in prop_oneof![Just("[2, 4]"), Just("[0.5, 1.5]"), Just("1")],
            // The job starts at 0, at a whole year, or anywhere before the
            // horizon.
            start_kind in 0usize..3,
            start_share in 0.0f64..0.95,
            // Where the re-engagement falls: none, at an anniversary, at
            // the first job change, at the horizon, or anywhere.
            re_kind in 0usize..5,
            re_at in 0.0f64..12.0,
            uplift in 0.0f64..0.6,
        ) {
            let p = params(horizon, tenure);
            let start = match start_kind {
                0 => 0.0,
                1 if horizon > 1.0 => 1.0,
                _ => start_share * horizon,
            };
            let mut w = World::new(&p);
            w.draw(&mut PathRng::seed_from_u64(seed));
            let first_change = start + w.job(1).tenure;
            let re_t = match re_kind {
                0 => None,
                1 => Some(start + (re_at * horizon / 12.0).ceil().max(1.0)),
                2 => Some(first_change),
                3 => Some(p.horizon),
                _ => Some(re_at * horizon / 12.0),
            };
            let pending = re_t.map(|t| Reengagement { at: p.clock(t), comp: p.offer_comp * (1.0 + uplift) });
            let job = Job { comp: p.offer_comp, fit: p.role_strength, start: p.clock(start), ordinal: 1 };
            let fast = employ(&p, &mut w.clone(), job, pending, &mut ());
            let reference = employ_by_events(&p, &mut w, job, pending);
            prop_assert_eq!(fast.switched, reference.switched);
            prop_assert!(close(fast.earnings, reference.earnings), "{:?} vs {:?}", fast, reference);
            // Each job adds role_value (fit - 0.5) times its income, and
            // jobs above and below a fit of 0.5 cancel, so the terms are
            // bounded by role_value / 2 times the earnings.
            let role_scale = 0.5 * p.role_value * reference.earnings;
            prop_assert!(close_at_scale(fast.role_term, reference.role_term, role_scale), "{:?} vs {:?}", fast, reference);
            prop_assert!(close(fast.comp_at_horizon, reference.comp_at_horizon), "{:?} vs {:?}", fast, reference);
            prop_assert!(close(fast.earnings_per_comp, reference.earnings_per_comp), "{:?} vs {:?}", fast, reference);
        }
    }
}
