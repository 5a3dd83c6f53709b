//! `difference.png`: each strategy's value minus accepting's, path by path
//! in the same world, one row per strategy. The worlds where it made no
//! difference at all (a counter that did not move) are a labelled bar
//! beside the row, not a spike that would set the axis.

use super::data::{common_range, grid, histogram, sign_split, spike};
use super::value::{BARS, Row, Rows, TAIL, draw_rows};
use super::{Backend, DrawResult, On};
use crate::model::Strategy;
use crate::report::ScenarioReport;
use crate::report::format::{group, money_short, percent};

/// A bar holding at least this share of worlds, and far taller than the
/// rest, is drawn as a labelled bar that does not set the height scale.
const SPIKE_MIN: f64 = 0.05;

pub(super) fn draw<DB: Backend>(r: &ScenarioReport, area: &On<DB>) -> DrawResult {
    let s = &r.scenario;
    let a = &r.aggregate;
    let cur = s.currency.as_str();
    let sk = &a.sketches.diff;
    let others: Vec<Strategy> = Strategy::ALL
        .into_iter()
        .filter(|&st| st != Strategy::Accept)
        .collect();
    let (lo, hi) = common_range(others.iter().map(|&st| &sk[st]), TAIL);
    // Zero is the reference: always on the axis.
    let shape = grid(lo.min(0.0), hi.max(0.0), BARS);
    let mut rows = Vec::new();
    for st in others {
        let x = r.summary(st);
        let bins = sk[st].bins();
        let n = bins.iter().map(|b| b.2).sum::<u64>().max(1) as f64;
        let mut hist = histogram(&sk[st], &shape);
        let (mut worse, _, mut better) = sign_split(&bins);
        let mut point = None;
        let mut same = 0.0;
        if let Some(i) = spike(&hist, SPIKE_MIN) {
            let c = std::mem::take(&mut hist.counts[i]);
            let at = hist.lo + hist.width * (i as f64 + 0.5);
            if at < 0.0 {
                worse = worse.saturating_sub(c);
            } else {
                better = better.saturating_sub(c);
            }
            same = c as f64 / n;
            let why = if st == Strategy::CounterAccept {
                "the counter did not move: "
            } else {
                ""
            };
            point = Some((
                at,
                format!(
                    "{why}{} of worlds, all near {}",
                    percent(same),
                    signed(at, cur)
                ),
            ));
        }
        let lines = vec![
            format!("beats accepting in {} of worlds", percent(x.p_beats_accept)),
            format!("mean {}", signed(x.diff_mean, cur)),
        ];
        let split = Some([worse as f64 / n, same, better as f64 / n]);
        rows.push(Row {
            strategy: st,
            hist,
            mean: x.diff_mean,
            pick: st == r.sim.strategy,
            excluded: (!r.sim.eligible[st]).then(|| {
                format!(
                    "EXCLUDED: runs out of runway in {} of careers",
                    percent(x.p_runway_exhausted)
                )
            }),
            hump: None,
            point,
            lines,
            split,
        });
    }
    draw_rows(
        area,
        &Rows {
            title: format!("{}: each strategy against accepting", s.name),
            subtitle: format!(
                "Value minus the value of accepting, in the same simulated world ({} careers). \
                 Right of the grey zero line it did better.",
                group(a.paths)
            ),
            x_desc: format!(
                "Gain over accepting ({cur}, discounted, {} years)",
                s.career.horizon_years
            ),
            currency: cur.to_string(),
            rows,
            paths: a.paths,
            zero_line: true,
            mean_words: "mean",
        },
    )
}

/// Money with an explicit sign: a gain reads `+USD 12k`.
fn signed(x: f64, cur: &str) -> String {
    if x > 0.0 {
        format!("+{}", money_short(x, cur))
    } else {
        money_short(x, cur)
    }
}
