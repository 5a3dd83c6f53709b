//! The four strategies (MODEL.md section 8) and what each yields on one path
//! (MODEL.md section 9).

use super::employment::{Job, Reengagement, employ};
use super::search::{SearchResult, search};
use super::{Params, World};

/// The strategies in the order of MODEL.md section 1, which is also the
/// tie-break order of the simulation verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Strategy {
    Accept,
    CounterAccept,
    CounterWalk,
    Walk,
}

impl Strategy {
    pub const ALL: [Strategy; 4] = [
        Strategy::Accept,
        Strategy::CounterAccept,
        Strategy::CounterWalk,
        Strategy::Walk,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Accept => "accept",
            Strategy::CounterAccept => "counter_accept",
            Strategy::CounterWalk => "counter_walk",
            Strategy::Walk => "walk",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One strategy's result on one path (MODEL.md section 9).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Outcome {
    /// Discounted earnings E, sign-on included.
    pub earnings: f64,
    /// V = E + role term.
    pub value: f64,
    /// Start of the first job in weeks; `H * 52` when none starts.
    pub weeks_to_job: f64,
    pub runway_exhausted: bool,
    pub distressed: bool,
    pub reengaged: bool,
    /// Nominal comp rate at the horizon; 0 without a job.
    pub comp_at_horizon: f64,
}

/// All four strategies on one path, plus the anchor-cost term.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PathOutcomes {
    /// Indexed by [`Strategy::index`].
    pub by_strategy: [Outcome; 4],
    /// E(accept at C = floor) - E(accept) (MODEL.md section 10).
    pub anchor_cost: f64,
}

/// Plays every strategy in the same world.
pub fn play_all(p: &Params, w: &mut World) -> PathOutcomes {
    let accept = accept(p, w);
    // Both sides would carry the same sign-on; it cancels.
    let anchor_cost = accept_at(p, w, p.floor).earnings - (accept.earnings - p.sign_on);
    PathOutcomes {
        by_strategy: [
            accept,
            play(p, w, Strategy::CounterAccept),
            play(p, w, Strategy::CounterWalk),
            play(p, w, Strategy::Walk),
        ],
        anchor_cost,
    }
}

/// Plays one strategy.
pub fn play(p: &Params, w: &mut World, s: Strategy) -> Outcome {
    match s {
        Strategy::Accept => accept(p, w),
        Strategy::CounterAccept => counter(p, w, false),
        Strategy::CounterWalk => counter(p, w, true),
        Strategy::Walk => walk(p, w),
    }
}

/// `accept`: the offer as it stands from t = 0, sign-on at 0.
pub fn accept(p: &Params, w: &mut World) -> Outcome {
    let mut o = accept_at(p, w, p.offer_comp);
    o.earnings += p.sign_on;
    o.value += p.sign_on;
    o
}

/// The offered job at comp `comp` from t = 0, without sign-on.
fn accept_at(p: &Params, w: &mut World, comp: f64) -> Outcome {
    let job = Job {
        comp,
        fit: p.role_strength,
        start: 0.0,
        ordinal: 1,
    };
    take_job(p, w, job, None, 0.0)
}

/// Both counter strategies (MODEL.md section 8): decided at `tc`; a rescinded
/// offer means searching from `tc` without re-engagement; `walk_if_short`
/// is `counter_walk`, which walks when the result misses the floor by more
/// than the tolerance.
pub fn counter(p: &Params, w: &mut World, walk_if_short: bool) -> Outcome {
    let tc = p.counter_weeks / 52.0;
    let s = w.scalars;
    let waiting_income = p.current_comp * p.discount.annuity(0.0, tc.min(p.horizon));
    let mut o = if s.u_rescind < p.counter_rescind {
        let r = search(p, w, tc, None);
        after_search(p, w, r)
    } else {
        let c = countered_comp(p, s.u_success, s.meet);
        if walk_if_short && c < p.floor * (1.0 - p.walk_tolerance) {
            walk_from(p, w, tc)
        } else {
            offered_job_at(p, w, c, tc)
        }
    };
    o.earnings += waiting_income;
    o.value += waiting_income;
    o
}

/// Comp after a counter that was not rescinded: `C0 + meet (ask - C0)` when
/// it succeeds, `C0` otherwise, with `ask = max(floor, C0 (1 + min_ask))`.
pub fn countered_comp(p: &Params, u_success: f64, meet: f64) -> f64 {
    let c0 = p.offer_comp;
    let ask = p.floor.max(c0 * (1.0 + p.counter_min_ask));
    if u_success < p.counter_success {
        c0 + meet * (ask - c0)
    } else {
        c0
    }
}

/// The offered job at comp `comp`, starting at `start` with the sign-on; never
/// starts at or after the horizon.
fn offered_job_at(p: &Params, w: &mut World, comp: f64, start: f64) -> Outcome {
    if start >= p.horizon {
        return no_job(p);
    }
    let job = Job {
        comp,
        fit: p.role_strength,
        start,
        ordinal: 1,
    };
    let lump = p.sign_on * p.discount.factor(start);
    take_job(p, w, job, None, lump)
}

/// `walk`: decline today and search, with re-engagement.
pub fn walk(p: &Params, w: &mut World) -> Outcome {
    walk_from(p, w, 0.0)
}

/// A walk from the offer at `t0` (MODEL.md section 7: the only way to be
/// re-engaged).
fn walk_from(p: &Params, w: &mut World, t0: f64) -> Outcome {
    let s = w.scalars;
    let reengagement = s.reengaged.then(|| Reengagement {
        at: t0 + s.reengage_months / 12.0,
        comp: p.offer_comp * (1.0 + s.reengage_uplift),
    });
    let r = search(p, w, t0, reengagement);
    after_search(p, w, r)
}

fn after_search(p: &Params, w: &mut World, r: SearchResult) -> Outcome {
    let mut o = match r.job {
        Some(job) => take_job(p, w, job, r.pending, 0.0),
        None => no_job(p),
    };
    o.earnings += r.current_income;
    o.value += r.current_income;
    o.runway_exhausted = r.runway_exhausted;
    o.distressed = r.distressed;
    o.reengaged |= r.reengaged;
    o
}

fn take_job(
    p: &Params,
    w: &mut World,
    job: Job,
    pending: Option<Reengagement>,
    lump: f64,
) -> Outcome {
    let e = employ(p, w, job, pending);
    Outcome {
        earnings: e.earnings + lump,
        value: e.earnings + e.role_term + lump,
        weeks_to_job: job.start * 52.0,
        runway_exhausted: false,
        distressed: false,
        reengaged: e.switched,
        comp_at_horizon: e.comp_at_horizon,
    }
}

fn no_job(p: &Params) -> Outcome {
    Outcome {
        weeks_to_job: p.horizon * 52.0,
        ..Outcome::default()
    }
}
