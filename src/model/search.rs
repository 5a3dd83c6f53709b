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

/// Searches from `from` with an optional re-engagement.
#[inline(always)]
pub fn search<L: Ledger>(
    p: &Params,
    w: &mut World,
    from: Clock,
    reengagement: Option<Reengagement>,
    ledger: &mut L,
) -> SearchResult {
    let t0 = from.t;
    let runway_end = t0 + p.runway_years;
    // Employed candidates have no runway and so no distress. The distress
    // offer comes after the runway's end, so it is drawn only once the next
    // other event is no earlier than that; until then it cannot come first.
    let mut distress_at = f64::INFINITY;
    let mut pending = reengagement;
    let mut result = SearchResult {
        job: None,
        pending: None,
        runway_exhausted: false,
        distressed: false,
        reengaged: false,
        current_income: 0.0,
    };
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
            break;
        }
        let job = match event {
            Event::Reengagement => {
                let re = pending.take().expect("pending re-engagement");
                if re.comp >= p.search_floor || re.at.t >= runway_end {
                    result.reengaged = true;
                    Some((re.comp, p.role_strength, re.at))
                } else {
                    None // refused: the company does not come back twice
                }
            }
            Event::Distress => {
                result.distressed = true;
                let clock = p.clock(at);
                let distress = w.distress();
                Some((distress.offer * clock.median, distress.fit, clock))
            }
            Event::RoundEnd => {
                let offer = round.offer * round_end.median;
                if offer >= p.search_floor || at >= runway_end {
                    Some((offer, round.fit, round_end))
                } else {
                    i += 1;
                    round = w.round(i);
                    round_end = round_end.advance(round.years, round.discount, round.growth);
                    None
                }
            }
        };
        if let Some((comp, fit, start)) = job {
            result.job = Some(Job {
                comp,
                fit,
                start,
                ordinal: 1,
            });
            break;
        }
    }
    let searched_until = result.job.map_or(p.horizon, |j| j.start.t);
    result.pending = pending;
    result.runway_exhausted = !p.employed && searched_until > runway_end;
    if p.current_comp > 0.0 {
        result.current_income = p.current_comp * p.discount.annuity(t0, searched_until);
        let d = &p.discount;
        ledger.income(
            t0,
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
    let t0 = from.t;
    let runway_end = t0 + p.runway_years;
    let ended = |job: Option<(f64, f64, Clock)>,
                 pending: Option<Reengagement>,
                 reengaged: bool,
                 distressed: bool| {
        let job = job.map(|(comp, fit, start)| Job {
            comp,
            fit,
            start,
            ordinal: 1,
        });
        let searched_until = job.map_or(p.horizon, |j| j.start.t);
        SearchResult {
            job,
            pending,
            runway_exhausted: !p.employed && searched_until > runway_end,
            distressed,
            reengaged,
            current_income: if p.current_comp > 0.0 {
                p.current_comp * p.discount.annuity(t0, searched_until)
            } else {
                0.0
            },
        }
    };
    let mut distress_at = f64::INFINITY;
    let mut pending = reengagement;
    // Floors up to `refused` have found their job; the others refused every
    // comp so far.
    let mut refused = f64::NEG_INFINITY;
    let mut i = 0;
    let mut round = w.round(i);
    let mut round_end = from.advance(round.years, round.discount, round.growth);
    loop {
        let re_at = pending.map_or(f64::INFINITY, |r| r.at.t);
        if !p.employed && distress_at == f64::INFINITY && re_at.min(round_end.t) >= runway_end {
            distress_at = runway_end + w.distress().weeks / 52.0;
        }
        let (at, event) = [
            (re_at, Event::Reengagement),
            (distress_at, Event::Distress),
            (round_end.t, Event::RoundEnd),
        ]
        .into_iter()
        .reduce(super::earlier)
        .expect("events");
        if at >= p.horizon {
            break;
        }
        // The job on offer, and the highest floor that takes it.
        let (job, up_to, reengaged, distressed) = match event {
            Event::Reengagement => {
                let re = pending.take().expect("pending re-engagement");
                let up_to = if re.at.t >= runway_end {
                    f64::INFINITY
                } else {
                    re.comp
                };
                ((re.comp, p.role_strength, re.at), up_to, true, false)
            }
            Event::Distress => {
                let clock = p.clock(at);
                let distress = w.distress();
                let job = (distress.offer * clock.median, distress.fit, clock);
                (job, f64::INFINITY, false, true)
            }
            Event::RoundEnd => {
                let offer = round.offer * round_end.median;
                let up_to = if at >= runway_end {
                    f64::INFINITY
                } else {
                    offer
                };
                ((offer, round.fit, round_end), up_to, false, false)
            }
        };
        if up_to > refused {
            let result = ended(Some(job), pending, reengaged, distressed);
            out.push(FloorSegment { up_to, result });
            refused = up_to;
            if refused >= max_floor {
                return;
            }
        }
        if event == Event::RoundEnd {
            i += 1;
            round = w.round(i);
            round_end = round_end.advance(round.years, round.discount, round.growth);
        }
    }
    let result = ended(None, pending, false, false);
    out.push(FloorSegment {
        up_to: f64::INFINITY,
        result,
    });
}
