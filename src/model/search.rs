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
