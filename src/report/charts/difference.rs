//! `difference.png`: each strategy's value minus accepting's, path by path
//! in the same world. Right of zero it beat accepting.

use super::data::{common_range, grid, histogram};
use super::value::{BARS, Curve, Distributions, TAIL, draw_distributions};
use super::{Backend, DrawResult, On};
use crate::model::Strategy;
use crate::report::ScenarioReport;
use crate::report::format::{group, money_short, percent};

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
    let mut curves = Vec::new();
    for st in others {
        let x = r.summary(st);
        let median = sk[st].quantile(0.5);
        curves.push(Curve {
            strategy: st,
            hist: histogram(&sk[st], &shape),
            median,
            lines: vec![
                format!("beats accepting in {} of worlds", percent(x.p_beats_accept)),
                format!("median {}", signed(median, cur)),
                format!("mean {}", signed(x.diff_mean, cur)),
            ],
        });
    }
    draw_distributions(
        area,
        &Distributions {
            title: format!("{}: each strategy against accepting", s.name),
            subtitle: format!(
                "Value minus the value of accepting, in the same simulated world ({} careers). \
                 Right of the black line it did better.",
                group(a.paths)
            ),
            x_desc: format!(
                "Gain over accepting ({cur}, discounted, {} years)",
                s.career.horizon_years
            ),
            currency: cur.to_string(),
            curves,
            paths: a.paths,
            zero_line: true,
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
