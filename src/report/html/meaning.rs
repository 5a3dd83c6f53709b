//! "What this means": the verdicts in plain words, for a reader who will
//! not read the tables. Every sentence is said only when its condition
//! holds for this scenario.

use super::super::ScenarioReport;
use super::super::format::{money, percent};
use crate::model::Strategy;

/// The paragraphs, in order: what to do, why, the risk, whether the rule
/// agrees, and where the answer would change.
pub fn sentences(r: &ScenarioReport) -> Vec<String> {
    let s = &r.scenario;
    let sim = &r.sim;
    let cur = s.currency.as_str();
    let m = |x: f64| money(x, cur);
    let mut out = Vec::new();

    let tolerance = s.decision.walk_tolerance;
    out.push(match sim.strategy {
        Strategy::Accept => "Sign the offer as it stands.".to_string(),
        Strategy::CounterAccept => {
            "Ask once for more, then sign whatever the company answers.".to_string()
        }
        Strategy::CounterWalk => format!(
            "Ask once for more. If the answer is within {} of your floor ({} or more), sign; \
             if not, decline and search.",
            percent(tolerance),
            m(s.candidate.floor * (1.0 - tolerance))
        ),
        Strategy::Walk => "Decline the offer and search for a job at or above your floor.".into(),
    });

    let careers = super::super::format::group(r.aggregate.paths);
    match (sim.runner_up, sim.margin, sim.margin_se) {
        (Some(ru), Some(margin), Some(se)) if margin == 0.0 && se == 0.0 => out.push(format!(
            "In every one of the {careers} simulated careers this ends exactly as {} does, so \
             the two are the same advice here.",
            ru.label().to_lowercase()
        )),
        (Some(_), Some(_), Some(_)) if sim.won_toss_up() => out.push(format!(
            "{} comes out a little ahead on average, but by less than the toss-up band of {}; \
             a lead that small is not worth the extra exposure, so the safer course is named.",
            sim.best.label(),
            m(sim.band)
        )),
        (Some(ru), Some(margin), Some(se)) => {
            out.push(format!(
                "Over {careers} simulated careers it is worth {} more on average than the next \
                 best course that is not too risky, {} (give or take {}).",
                m(margin.max(0.0)),
                ru.label().to_lowercase(),
                m(se)
            ));
            if sim.tied_with.contains(&ru) {
                out.push(
                    "That lead is within the simulation's noise: treat the two as equal and \
                     choose on what the numbers leave out."
                        .into(),
                );
            }
        }
        _ => out.push("Every other course runs out of money too often to be named.".to_string()),
    }

    let excluded: Vec<Strategy> = Strategy::ALL
        .into_iter()
        .filter(|&st| !sim.eligible[st])
        .collect();
    if !excluded.is_empty() {
        let names: Vec<String> = excluded
            .iter()
            .map(|st| {
                format!(
                    "{} ({})",
                    st.label().to_lowercase(),
                    percent(r.summary(*st).p_runway_exhausted)
                )
            })
            .collect();
        out.push(format!(
            "Left out as too risky, because the money runs out before a new job starts in more \
             than {} of careers: {}.",
            percent(s.decision.max_runway_risk),
            names.join(", ")
        ));
        // Against the pick on the same paths: both differences are to
        // accepting, path by path.
        let pick = r.summary(sim.strategy);
        for st in excluded {
            let x = r.summary(st);
            let more = x.diff_mean - pick.diff_mean;
            if more > 0.0 && m(more) != m(0.0) {
                out.push(format!(
                    "{} would be worth {} more on average than the pick: that is what \
                     avoiding its risk costs.",
                    st.label(),
                    m(more)
                ));
            }
        }
    }
    let pick_out = r.summary(sim.strategy).p_runway_exhausted;
    if pick_out > 0.0 {
        out.push(format!(
            "Even with this course, the money runs out before a new job starts in {} of \
             careers.",
            percent(pick_out)
        ));
    }

    let inputs = crate::scenario::inputs(s);
    let guessed = super::guesses(&inputs, s.search_runway_months().is_none());
    out.push(if sim.agree {
        "The rule of thumb, which needs no simulation, points the same way.".to_string()
    } else {
        format!(
            "The rule of thumb says {}, so the two disagree. The simulation reads numbers the \
             rule does not (how long searches take, how often a counter moves){}",
            r.rule.verdict.words(),
            if guessed.is_empty() {
                "; see which of them drives the result and whether you believe it.".to_string()
            } else {
                format!(
                    ", and {} of the ones it reads are guesses (listed under the inputs): \
                     start there.",
                    guessed.len()
                )
            }
        )
    });

    if let Some(f) = &r.frontier {
        let mut lines = Vec::new();
        if let Some(t) = f.take_at {
            lines.push(format!(
                "from an offer of about {} up, take the job",
                super::short_money(t.at, cur)
            ));
        }
        if let Some(b) = f.walk_below {
            lines.push(format!(
                "below about {}, walk away at once",
                super::short_money(b.at, cur)
            ));
        }
        if !lines.is_empty() {
            out.push(format!(
                "Where the answer would change: {}. Your offer is {}.",
                lines.join("; "),
                super::short_money(s.offer_comp(), cur)
            ));
        }
    }
    out
}
