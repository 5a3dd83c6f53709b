//! What each strategy yields on one path (docs/model.md, the strategies).
//! The strategies themselves are listed in `strategies.rs`.

use super::employment::{Job, Reengagement, employ};
use super::search::{FloorSegment, SearchResult, search, search_floors};
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
    let reengagement = reengagement_from(p, w, from);
    let r = search(p, w, from, reengagement, ledger);
    after_search(p, w, r, ledger)
}

/// The company's return on this path after a walk at `from`, if it comes.
#[inline(always)]
fn reengagement_from(p: &Params, w: &World, from: Clock) -> Option<Reengagement> {
    let s = w.scalars;
    s.reengaged.then(|| Reengagement {
        at: p.clock(from.t + s.reengage_months / 12.0),
        comp: p.offer_comp * (1.0 + s.reengage_uplift),
    })
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

/// `walk` at each search floor of `floors`, everything else as in `p`, in
/// the same world: the same outcomes as [`play`] of [`Strategy::Walk`] with
/// `search_floor` set to each floor, bit for bit, from one search for every
/// floor at once ([`search_floors`]) and one employment per job found.
/// `scratch` holds the search's pieces between calls.
pub fn walk_floors(
    p: &Params,
    w: &mut World,
    floors: &[f64],
    scratch: &mut FloorScratch,
    out: &mut [Outcome],
) {
    debug_assert_eq!(floors.len(), out.len());
    let from = p.clock_at_zero();
    let max_floor = floors.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let reengagement = reengagement_from(p, w, from);
    search_floors(p, w, from, reengagement, max_floor, &mut scratch.segments);
    scratch.outcomes.clear();
    scratch.outcomes.resize(scratch.segments.len(), None);
    for (&floor, o) in floors.iter().zip(out.iter_mut()) {
        let k = scratch.segments.partition_point(|g| g.up_to < floor);
        *o = match scratch.outcomes[k] {
            Some(known) => known,
            None => {
                let played = after_search(p, w, scratch.segments[k].result, &mut ());
                scratch.outcomes[k] = Some(played);
                played
            }
        };
    }
}

/// What [`walk_floors`] keeps between paths, so that no path allocates.
#[derive(Debug, Clone, Default)]
pub struct FloorScratch {
    segments: Vec<FloorSegment>,
    outcomes: Vec<Option<Outcome>>,
}

/// Every strategy at each offer comp `C0` of `offers`, everything else as
/// in `p`, in the same world: the same outcomes as [`play_all`] with
/// `offer_comp` set to each offer, bit for bit. What does not depend on
/// `C0` is played once: `walk` and a walk after the counter depend on it
/// only through a re-engagement, and a rescinded counter not at all.
/// `p.offer_comp` is changed in between and restored.
pub fn play_offers(
    p: &mut Params,
    w: &mut World,
    offers: &[f64],
    out: &mut [PerStrategy<Outcome>],
) {
    debug_assert_eq!(offers.len(), out.len());
    let s = w.scalars;
    let walk_any = (!s.reengaged).then(|| walk(p, w, &mut ()));
    let rescinded = (s.u_rescind < p.counter_rescind).then(|| counter(p, w, false, &mut ()));
    let mut walked_after_counter = None;
    let given = p.offer_comp;
    for (&c0, o) in offers.iter().zip(out.iter_mut()) {
        p.offer_comp = c0;
        let accept = accept_with(p, w, &mut ()).0;
        let counter_accept = match rescinded {
            Some(known) => known,
            None => counter(p, w, false, &mut ()),
        };
        let counter_walk = if !counter_walks(p, w) {
            counter_accept
        } else if s.reengaged {
            counter(p, w, true, &mut ())
        } else {
            *walked_after_counter.get_or_insert_with(|| counter(p, w, true, &mut ()))
        };
        let walk = match walk_any {
            Some(known) => known,
            None => walk(p, w, &mut ()),
        };
        *o = PerStrategy::from_fn(|s| match s {
            Strategy::Accept => accept,
            Strategy::CounterAccept => counter_accept,
            Strategy::CounterWalk => counter_walk,
            Strategy::Walk => walk,
        });
    }
    p.offer_comp = given;
}

/// Every strategy at each runway of `runways` (in years), everything else
/// as in `p`, in the same world: the same outcomes as [`play_all`] with
/// `runway_years` set to each, bit for bit. Only a search depends on the
/// runway, so `accept` and a counter that is answered and kept are played
/// once; and a search that ends before its runway does (a job taken, or
/// the horizon reached, before the runway's end) sees nothing of the
/// runway, so each search is played once without one ([`Unlimited`]) and
/// again only for the runways that end before it does. `p.runway_years` is
/// changed in between and restored.
pub fn play_runways(
    p: &mut Params,
    w: &mut World,
    runways: &[f64],
    out: &mut [PerStrategy<Outcome>],
) {
    debug_assert_eq!(runways.len(), out.len());
    let given = p.runway_years;
    let accept = accept_with(p, w, &mut ()).0;
    let answered = w.scalars.u_rescind >= p.counter_rescind;
    let kept = answered.then(|| counter(p, w, false, &mut ()));
    let walks = counter_walks(p, w);
    // The counter's search: after a rescinded offer, or a walk at tc.
    let tc = p.counter_clock;
    let counter_search = (!answered || walks).then(|| {
        let reengagement = if answered {
            reengagement_from(p, w, tc)
        } else {
            None
        };
        let mut u = Unlimited::play(p, w, tc, reengagement);
        u.outcome.earnings += p.waiting_income;
        u.outcome.value += p.waiting_income;
        u
    });
    let from = p.clock_at_zero();
    let reengagement = reengagement_from(p, w, from);
    let walk_search = Unlimited::play(p, w, from, reengagement);
    for (&runway, o) in runways.iter().zip(out.iter_mut()) {
        p.runway_years = runway;
        let counter_accept = match (kept, counter_search) {
            (Some(known), _) => known,
            (None, Some(u)) if u.holds(p) => u.outcome,
            (None, _) => counter(p, w, false, &mut ()),
        };
        let counter_walk = match counter_search {
            _ if !walks => counter_accept,
            Some(u) if u.holds(p) => u.outcome,
            _ => counter(p, w, true, &mut ()),
        };
        let walk = if walk_search.holds(p) {
            walk_search.outcome
        } else {
            walk(p, w, &mut ())
        };
        *o = PerStrategy::from_fn(|s| match s {
            Strategy::Accept => accept,
            Strategy::CounterAccept => counter_accept,
            Strategy::CounterWalk => counter_walk,
            Strategy::Walk => walk,
        });
    }
    p.runway_years = given;
}

/// A search and what follows it played without a runway, and when the
/// search stopped: with any runway that ends after that, the search makes
/// the same moves with the same numbers (no event reached the runway's
/// end, so neither the distress offer nor the forced acceptance came into
/// play), and so has the same outcome.
#[derive(Debug, Clone, Copy)]
struct Unlimited {
    outcome: Outcome,
    from: f64,
    /// The job's start, or the horizon without a job.
    until: f64,
}

impl Unlimited {
    fn play(p: &mut Params, w: &mut World, from: Clock, re: Option<Reengagement>) -> Self {
        let given = p.runway_years;
        p.runway_years = f64::INFINITY;
        let r = search(p, w, from, re, &mut ());
        let until = r.job.map_or(p.horizon, |j| j.start.t);
        let outcome = after_search(p, w, r, &mut ());
        p.runway_years = given;
        Unlimited {
            outcome,
            from: from.t,
            until,
        }
    }

    /// Whether the runway of `p` ends after the search stopped, computed as
    /// the search computes the runway's end.
    fn holds(&self, p: &Params) -> bool {
        self.until < self.from + p.runway_years
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::{ProptestConfig, any, prop_assert, prop_assert_eq, proptest};
    use rand::SeedableRng;

    use super::*;
    use crate::model::PathRng;
    use crate::scenario::load_file;

    /// Every sample scenario: employed and unemployed candidates, rescinded
    /// and walking counters, re-engagement, discrete offers (McCall's, whose
    /// wages tie exactly with whole-number floors).
    const SAMPLES: [&str; 11] = [
        "above-floor",
        "employed",
        "market-data",
        "mccall",
        "middle-runway",
        "red-flag",
        "short-runway",
        "strong-large-gap",
        "strong-small-gap",
        "weak-large-gap",
        "weak-small-gap",
    ];

    fn sample(k: usize) -> Params {
        let path = format!("scenarios/{}.toml", SAMPLES[k]);
        Params::new(&load_file(Path::new(&path)).expect("a sample scenario"))
    }

    /// Bit for bit, -0 and NaN included.
    fn same(a: &Outcome, b: &Outcome) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    /// `n` values over `[lo, hi] * x`, the whole numbers in that range
    /// among them, in an order that is not sorted.
    fn values(x: f64, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        let mut v: Vec<f64> = (0..n)
            .map(|i| x * (lo + (hi - lo) * i as f64 / (n - 1) as f64))
            .collect();
        v.extend(((x * lo).ceil() as i64..=(x * hi).floor() as i64).map(|k| k as f64));
        v.reverse();
        v.swap(0, n / 2);
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn walk_floors_is_walk_at_each_floor(seed in any::<u64>(), k in 0..SAMPLES.len()) {
            let p = sample(k);
            let floors = values(p.floor, 0.5, 1.5, 21);
            let mut rng = PathRng::seed_from_u64(seed);
            let mut w = World::new(&p);
            let mut scratch = FloorScratch::default();
            let mut out = vec![Outcome::default(); floors.len()];
            for _ in 0..2 {
                w.draw(&mut rng);
                walk_floors(&p, &mut w, &floors, &mut scratch, &mut out);
                for (&f, o) in floors.iter().zip(&out) {
                    let q = Params { search_floor: f, ..p.clone() };
                    let plain = play(&q, &mut w, Strategy::Walk);
                    prop_assert!(same(o, &plain), "floor {}: {:?} vs {:?}", f, o, plain);
                }
            }
        }

        #[test]
        fn play_offers_is_play_all_at_each_offer(seed in any::<u64>(), k in 0..SAMPLES.len()) {
            let mut p = sample(k);
            let given = p.clone();
            let offers = values(p.floor, 0.5, 1.5, 11);
            let mut rng = PathRng::seed_from_u64(seed);
            let mut w = World::new(&p);
            let mut out = vec![PerStrategy::<Outcome>::default(); offers.len()];
            for _ in 0..2 {
                w.draw(&mut rng);
                play_offers(&mut p, &mut w, &offers, &mut out);
                prop_assert_eq!(p.offer_comp.to_bits(), given.offer_comp.to_bits());
                for (&c0, o) in offers.iter().zip(&out) {
                    let q = Params { offer_comp: c0, ..given.clone() };
                    let plain = play_all(&q, &mut w).by_strategy;
                    for s in Strategy::ALL {
                        prop_assert!(same(&o[s], &plain[s]), "C0 {} {:?}: {:?} vs {:?}", c0, s, o[s], plain[s]);
                    }
                }
            }
        }

        #[test]
        fn play_runways_is_play_all_at_each_runway(seed in any::<u64>(), k in 0..SAMPLES.len()) {
            let mut p = sample(k);
            let given = p.clone();
            let runways = values(1.0, 0.0, 2.0, 13);
            let mut rng = PathRng::seed_from_u64(seed);
            let mut w = World::new(&p);
            let mut out = vec![PerStrategy::<Outcome>::default(); runways.len()];
            for _ in 0..16 {
                w.draw(&mut rng);
                play_runways(&mut p, &mut w, &runways, &mut out);
                prop_assert_eq!(p.runway_years.to_bits(), given.runway_years.to_bits());
                for (&r, o) in runways.iter().zip(&out) {
                    let q = Params { runway_years: r, ..given.clone() };
                    let plain = play_all(&q, &mut w).by_strategy;
                    for s in Strategy::ALL {
                        prop_assert!(same(&o[s], &plain[s]), "runway {} {:?}: {:?} vs {:?}", r, s, o[s], plain[s]);
                    }
                }
            }
        }
    }
}
