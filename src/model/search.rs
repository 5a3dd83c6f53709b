//! The search after a walk (docs/model.md): rounds back to back, the
//! runway, the distress offer, and re-engagement while still searching.

use super::employment::{Job, Reengagement};
use super::{Clock, Ledger, Params, World};

/// How a search ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchResult {
    /// The job taken, if one starts before the horizon.
    pub job: Option<Job>,
    /// A re-engagement still to come after the job starts (docs/model.md).
    pub pending: Option<Reengagement>,
    pub runway_exhausted: bool,
    pub distressed: bool,
    pub reengaged: bool,
    /// Discounted current comp earned while searching (employed candidates).
    pub current_income: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    Reengagement,
    Distress,
    RoundEnd,
}

/// A job offered during a search, and the highest search floor that takes
/// it: its comp before the runway's end, any floor at all after it.
#[derive(Debug, Clone, Copy)]
struct Offer {
    comp: f64,
    fit: f64,
    start: Clock,
    up_to: f64,
    event: Event,
}

/// The search's rules, written once for [`search`] and [`search_floors`]:
/// walks the events from `from` in time order and hands each job offered,
/// with the re-engagement still pending, to `take`, until the horizon or
/// until `take` returns true. Returns the offer `take` ended on, if any,
/// and the re-engagement still pending then.
#[inline(always)]
fn offers(
    p: &Params,
    w: &mut World,
    from: Clock,
    reengagement: Option<Reengagement>,
    mut take: impl FnMut(&Offer, Option<Reengagement>) -> bool,
) -> (Option<Offer>, Option<Reengagement>) {
    let runway_end = from.t + p.runway_years;
    // Employed candidates have no runway and so no distress. The distress
    // offer comes after the runway's end, so it is drawn only once the next
    // other event is no earlier than that; until then it cannot come first.
    let mut distress_at = f64::INFINITY;
    let mut pending = reengagement;
    let mut i = 0;
    let mut round = w.round(i);
    // The clock at the end of the current round, advanced round by round
    // with the factors drawn with each round.
    let mut round_end = from.advance(round.years, round.discount, round.growth);
    loop {
        let re_at = pending.map_or(f64::INFINITY, |r| r.at.t);
        if !p.employed && distress_at == f64::INFINITY && re_at.min(round_end.t) >= runway_end {
            distress_at = runway_end + w.distress().weeks / 52.0;
        }
        // At equal times: re-engagement, then distress, then the round end.
        let (at, event) = [
            (re_at, Event::Reengagement),
            (distress_at, Event::Distress),
            (round_end.t, Event::RoundEnd),
        ]
        .into_iter()
        .reduce(super::earlier)
        .expect("events");
        if at >= p.horizon {
            return (None, pending);
        }
        // After the runway's end any offer is taken.
        let floor_past_runway = |comp: f64| {
            if at >= runway_end {
                f64::INFINITY
            } else {
                comp
            }
        };
        let offer = match event {
            // A refused re-engagement does not come back: the company asks once.
            Event::Reengagement => {
                let re = pending.take().expect("pending re-engagement");
                Offer {
                    comp: re.comp,
                    fit: p.role_strength,
                    start: re.at,
                    up_to: floor_past_runway(re.comp),
                    event,
                }
            }
            Event::Distress => {
                let clock = p.clock(at);
                let distress = w.distress();
                Offer {
                    comp: distress.offer * clock.median,
                    fit: distress.fit,
                    start: clock,
                    up_to: f64::INFINITY,
                    event,
                }
            }
            Event::RoundEnd => {
                let comp = round.offer * round_end.median;
                Offer {
                    comp,
                    fit: round.fit,
                    start: round_end,
                    up_to: floor_past_runway(comp),
                    event,
                }
            }
        };
        if take(&offer, pending) {
            return (Some(offer), pending);
        }
        if event == Event::RoundEnd {
            i += 1;
            round = w.round(i);
            round_end = round_end.advance(round.years, round.discount, round.growth);
        }
    }
}

/// The result of a search from `from` that ends with `taken` (or at the
/// horizon), with `pending` still to come.
#[inline(always)]
fn ended(
    p: &Params,
    from: Clock,
    taken: Option<Offer>,
    pending: Option<Reengagement>,
) -> SearchResult {
    let job = taken.map(|o| Job {
        comp: o.comp,
        fit: o.fit,
        start: o.start,
        ordinal: 1,
    });
    let searched_until = job.map_or(p.horizon, |j| j.start.t);
    SearchResult {
        job,
        pending,
        runway_exhausted: !p.employed && searched_until > from.t + p.runway_years,
        distressed: taken.is_some_and(|o| o.event == Event::Distress),
        reengaged: taken.is_some_and(|o| o.event == Event::Reengagement),
        current_income: if p.current_comp > 0.0 {
            p.current_comp * p.discount.annuity(from.t, searched_until)
        } else {
            0.0
        },
    }
}

/// Searches from `from` with an optional re-engagement.
#[inline(always)]
pub fn search<L: Ledger>(
    p: &Params,
    w: &mut World,
    from: Clock,
    reengagement: Option<Reengagement>,
    ledger: &mut L,
) -> SearchResult {
    let (taken, pending) = offers(p, w, from, reengagement, |offer, _| {
        offer.up_to >= p.search_floor
    });
    let result = ended(p, from, taken, pending);
    if p.current_comp > 0.0 {
        let searched_until = result.job.map_or(p.horizon, |j| j.start.t);
        let d = &p.discount;
        ledger.income(
            from.t,
            searched_until,
            from.discount,
            d.factor(searched_until),
            p.current_comp,
        );
    }
    result
}

/// One piece of [`search_floors`]: every floor above the previous piece's
/// `up_to` and no higher than this one's ends its search with `result`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloorSegment {
    pub up_to: f64,
    pub result: SearchResult,
}

/// [`search`] for every search floor at once, without a ledger: pushes onto
/// `out` (cleared first) the pieces of the floor axis in increasing
/// `up_to`, covering every floor up to `max_floor`.
///
/// A floor is used only to accept or refuse, and a floor refuses exactly
/// when it lies above every comp offered so far, so the floors still
/// searching are always those above the best comp refused, and they all
/// see the same events: one pass of [`search`]'s loop serves them all,
/// each piece ending where that loop would for its floors, with the same
/// arithmetic, so each piece's result is bit for bit what [`search`]
/// returns for any floor in it.
pub fn search_floors(
    p: &Params,
    w: &mut World,
    from: Clock,
    reengagement: Option<Reengagement>,
    max_floor: f64,
    out: &mut Vec<FloorSegment>,
) {
    out.clear();
    // Floors up to `refused` have found their job; the others refused every
    // comp so far.
    let mut refused = f64::NEG_INFINITY;
    let (taken, pending) = offers(p, w, from, reengagement, |offer, pending| {
        if offer.up_to > refused {
            let result = ended(p, from, Some(*offer), pending);
            out.push(FloorSegment {
                up_to: offer.up_to,
                result,
            });
            refused = offer.up_to;
        }
        refused >= max_floor
    });
    if taken.is_none() {
        out.push(FloorSegment {
            up_to: f64::INFINITY,
            result: ended(p, from, None, pending),
        });
    }
}
