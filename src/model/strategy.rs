//! What each strategy yields on one path (docs/model.md, the strategies).
//! The strategies themselves are listed in `strategies.rs`.

use super::employment::{Job, Reengagement, employ};
use super::search::{SearchResult, search};
use super::strategies::{PerStrategy, Strategy};
use super::{Clock, Ledger, Params, World};

/// One strategy's result on one path.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
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

/// Every strategy on one path, plus the anchor-cost term.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct PathOutcomes {
    pub by_strategy: PerStrategy<Outcome>,
    /// E(accept at C = floor) - E(accept): what anchoring on the offer
    /// rather than the floor costs.
    pub anchor_cost: f64,
}

/// Plays every strategy in the same world.
#[inline]
pub fn play_all(p: &Params, w: &mut World) -> PathOutcomes {
    play_all_with(p, w, &mut PerStrategy::<()>::default())
}

/// Plays every strategy in the same world, in the order of
/// [`Strategy::ALL`], telling `ledgers[s]` about the income of strategy s.
/// Gives the same outcomes as [`play`] for each strategy, with less work:
/// the anchor cost comes from accept's own pass, and `counter_walk`
/// replays `counter_accept` unless it walks.
pub fn play_all_with<L: Ledger>(
    p: &Params,
    w: &mut World,
    ledgers: &mut PerStrategy<L>,
) -> PathOutcomes {
    use Strategy::*;
    let (accept, earnings_per_comp) = accept_with(p, w, &mut ledgers[Accept]);
    let counter_accept = counter(p, w, false, &mut ledgers[CounterAccept]);
    let counter_walk = if counter_walks(p, w) {
        counter(p, w, true, &mut ledgers[CounterWalk])
    } else {
        // Identical choices in the same world: identical outcomes.
        let (ca, cw) = ledgers.two_mut(CounterAccept, CounterWalk);
        cw.clone_from(ca);
        counter_accept
    };
    let walk = walk(p, w, &mut ledgers[Walk]);
    PathOutcomes {
        by_strategy: PerStrategy::from_fn(|s| match s {
            Accept => accept,
            CounterAccept => counter_accept,
            CounterWalk => counter_walk,
            Walk => walk,
        }),
        anchor_cost: earnings_per_comp * (p.floor - p.offer_comp),
    }
}

/// Plays one strategy.
pub fn play(p: &Params, w: &mut World, s: Strategy) -> Outcome {
    let ledger = &mut ();
    match s {
        Strategy::Accept => accept_with(p, w, ledger).0,
        Strategy::CounterAccept => counter(p, w, false, ledger),
        Strategy::CounterWalk => counter(p, w, true, ledger),
        Strategy::Walk => walk(p, w, ledger),
    }
}

/// `accept`: the offer as it stands from t = 0, sign-on at 0; also the
/// slope of its earnings in the starting comp, for the anchor cost.
fn accept_with<L: Ledger>(p: &Params, w: &mut World, ledger: &mut L) -> (Outcome, f64) {
    let job = Job {
        comp: p.offer_comp,
        fit: p.role_strength,
        start: p.clock_at_zero(),
        ordinal: 1,
    };
    ledger.lump(0.0, p.sign_on);
    let e = employ(p, w, job, None, ledger);
    (take_job(job, &e, p.sign_on), e.earnings_per_comp)
}

/// Whether `counter_walk` walks on this path: the counter was answered
/// (not rescinded) and the result misses the floor by more than the
/// tolerance (docs/model.md, the strategies).
fn counter_walks(p: &Params, w: &World) -> bool {
    let s = w.scalars;
    s.u_rescind >= p.counter_rescind
        && countered_comp(p, s.u_success, s.meet) < p.search_floor * (1.0 - p.walk_tolerance)
}

/// Both counter strategies (docs/model.md, the strategies): decided at
/// `tc`; a rescinded offer means searching from `tc` without re-engagement;
/// `walk_if_short` is `counter_walk`, which walks when the result misses the
/// floor by more than the tolerance.
fn counter<L: Ledger>(p: &Params, w: &mut World, walk_if_short: bool, ledger: &mut L) -> Outcome {
    let tc = p.counter_clock;
    let s = w.scalars;
    if p.current_comp > 0.0 {
        let (until, f_until) = if tc.t < p.horizon {
            (tc.t, tc.discount)
        } else {
            (p.horizon, p.horizon_factor)
        };
        ledger.income(0.0, until, 1.0, f_until, p.current_comp);
    }
    let mut o = if s.u_rescind < p.counter_rescind {
        let r = search(p, w, tc, None, ledger);
        after_search(p, w, r, ledger)
    } else if walk_if_short && counter_walks(p, w) {
        walk_from(p, w, tc, ledger)
    } else {
        offered_job_at(p, w, countered_comp(p, s.u_success, s.meet), tc, ledger)
    };
    o.earnings += p.waiting_income;
    o.value += p.waiting_income;
    o
}

/// Comp after a counter that was not rescinded: `C0 + meet (ask - C0)` when
/// it succeeds, `C0` otherwise, with `ask = max(floor, C0 (1 + min_ask))`.
pub fn countered_comp(p: &Params, u_success: f64, meet: f64) -> f64 {
    let c0 = p.offer_comp;
    let ask = p.search_floor.max(c0 * (1.0 + p.counter_min_ask));
    if u_success < p.counter_success {
        c0 + meet * (ask - c0)
    } else {
        c0
    }
}

/// The offered job at comp `comp`, starting at `start` with the sign-on; never
/// starts at or after the horizon.
fn offered_job_at<L: Ledger>(
    p: &Params,
    w: &mut World,
    comp: f64,
    start: Clock,
    ledger: &mut L,
) -> Outcome {
    if start.t >= p.horizon {
        return no_job(p);
    }
    let job = Job {
        comp,
        fit: p.role_strength,
        start,
        ordinal: 1,
    };
    ledger.lump(start.t, p.sign_on);
    let e = employ(p, w, job, None, ledger);
    take_job(job, &e, p.sign_on * start.discount)
}

/// `walk`: decline today and search, with re-engagement.
fn walk<L: Ledger>(p: &Params, w: &mut World, ledger: &mut L) -> Outcome {
    walk_from(p, w, p.clock_at_zero(), ledger)
}

/// A walk from the offer at `t0`: the only way to be re-engaged.
fn walk_from<L: Ledger>(p: &Params, w: &mut World, from: Clock, ledger: &mut L) -> Outcome {
    let s = w.scalars;
    let reengagement = s.reengaged.then(|| Reengagement {
        at: p.clock(from.t + s.reengage_months / 12.0),
        comp: p.offer_comp * (1.0 + s.reengage_uplift),
    });
    let r = search(p, w, from, reengagement, ledger);
    after_search(p, w, r, ledger)
}

fn after_search<L: Ledger>(p: &Params, w: &mut World, r: SearchResult, ledger: &mut L) -> Outcome {
    let mut o = match r.job {
        Some(job) => take_job(job, &employ(p, w, job, r.pending, ledger), 0.0),
        None => no_job(p),
    };
    o.earnings += r.current_income;
    o.value += r.current_income;
    o.runway_exhausted = r.runway_exhausted;
    o.distressed = r.distressed;
    o.reengaged |= r.reengaged;
    o
}

/// The outcome of holding `job` (and its successors) to the horizon, plus a
/// discounted lump sum paid at its start.
fn take_job(job: Job, e: &super::employment::Employment, lump: f64) -> Outcome {
    Outcome {
        earnings: e.earnings + lump,
        value: e.earnings + e.role_term + lump,
        weeks_to_job: job.start.t * 52.0,
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
