//! `value.png`: how value (discounted earnings plus what the role is worth
//! beyond pay) spreads across simulated careers, one outline per strategy.

use plotters::prelude::*;

use super::data::{Histogram, common_range, grid, histogram};
use super::{
    AXIS, Backend, DrawResult, INK, LegendEntry, On, PANEL, SIZE, TICK, font, header, legend, notes,
};
use crate::model::Strategy;
use crate::report::ScenarioReport;
use crate::report::format::{group, money_short, percent};

/// Paths in each tail left off the axis, so that a few extreme careers do
/// not squeeze everyone else into a handful of bars.
pub(super) const TAIL: f64 = 0.005;
/// About this many bars across the axis.
pub(super) const BARS: usize = 70;

pub(super) fn draw<DB: Backend>(r: &ScenarioReport, area: &On<DB>) -> DrawResult {
    let s = &r.scenario;
    let a = &r.aggregate;
    let cur = s.currency.as_str();
    let sk = &a.sketches.value;
    let (lo, hi) = common_range(sk.values(), TAIL);
    let shape = grid(lo, hi, BARS);
    let mut curves = Vec::new();
    for st in Strategy::ALL {
        let x = r.summary(st);
        // An outline drawn exactly over an earlier one would vanish: say so.
        let twin = Strategy::ALL
            .into_iter()
            .take_while(|&o| o != st)
            .find(|&o| sk[o] == sk[st])
            .map(|o| format!("same distribution as {}", o.label().to_lowercase()));
        let mut lines = vec![
            format!("median {}", money_short(x.value_p(0.5), cur)),
            format!(
                "P10-P90 {} to {}",
                money_short(x.value_p(0.1), cur),
                money_short(x.value_p(0.9), cur)
            ),
        ];
        lines.extend(twin);
        curves.push(Curve {
            strategy: st,
            hist: histogram(&sk[st], &shape),
            median: x.value_p(0.5),
            lines,
        });
    }
    draw_distributions(
        area,
        &Distributions {
            title: format!("{}: what each strategy is worth", s.name),
            subtitle: format!(
                "Value over {} years: discounted earnings plus what the role is worth to you. \
                 {} simulated careers; dashed lines mark medians.",
                s.career.horizon_years,
                group(a.paths)
            ),
            x_desc: format!(
                "Value over {} years ({cur}, discounted)",
                s.career.horizon_years
            ),
            currency: cur.to_string(),
            curves,
            paths: a.paths,
            zero_line: false,
        },
    )
}

pub(super) struct Curve {
    pub strategy: Strategy,
    pub hist: Histogram,
    pub median: f64,
    pub lines: Vec<String>,
}

pub(super) struct Distributions {
    pub title: String,
    pub subtitle: String,
    pub x_desc: String,
    pub currency: String,
    pub curves: Vec<Curve>,
    pub paths: u64,
    pub zero_line: bool,
}

/// Step outlines of several histograms on one money axis, medians dashed,
/// the legend in a panel beside the plot so it never hides a bar.
pub(super) fn draw_distributions<DB: Backend>(area: &On<DB>, d: &Distributions) -> DrawResult {
    let body = header(area, &d.title, &d.subtitle)?;
    let (plot, panel) = body.split_horizontally(SIZE.0 - PANEL);
    let Some(first) = d.curves.first() else {
        return Ok(());
    };
    let (lo, hi) = (first.hist.lo, first.hist.hi());
    let peak = d
        .curves
        .iter()
        .map(|c| c.hist.peak_percent(d.paths))
        .fold(0.0, f64::max);
    let top = if peak > 0.0 { peak * 1.08 } else { 1.0 };
    let cur = d.currency.clone();
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(20)
        .margin_right(45)
        .margin_top(10)
        .margin_bottom(10)
        .x_label_area_size(80)
        .y_label_area_size(100)
        .build_cartesian_2d(lo..hi, 0.0..top)?;
    chart
        .configure_mesh()
        .x_labels(7)
        .y_labels(8)
        .x_label_formatter(&|x| money_short(*x, &cur))
        .y_label_formatter(&|y| format!("{y:.1}%"))
        .x_desc(d.x_desc.clone())
        .y_desc("Share of careers in each bar")
        .label_style(font(TICK))
        .axis_desc_style(font(AXIS))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()?;
    // Earlier outlines are drawn wider, so that one hidden under a later,
    // nearly equal one still shows as a border around it.
    let n = d.curves.len();
    for (k, c) in d.curves.iter().enumerate() {
        let width = 3 + (3 * (n - 1 - k)) / 2;
        let col = super::colour(c.strategy);
        chart.draw_series(std::iter::once(Polygon::new(
            c.hist.step_outline(d.paths),
            col.mix(0.08),
        )))?;
        chart.draw_series(LineSeries::new(
            c.hist.step_outline(d.paths),
            col.stroke_width(width as u32),
        ))?;
        if c.median >= lo && c.median <= hi {
            chart.draw_series(DashedLineSeries::new(
                vec![(c.median, 0.0), (c.median, top)],
                12,
                8,
                col.stroke_width(3),
            ))?;
        }
    }
    // Over the bars: the reference every outline is read against.
    if d.zero_line && lo < 0.0 && hi > 0.0 {
        chart.draw_series(LineSeries::new(
            vec![(0.0, 0.0), (0.0, top)],
            INK.stroke_width(3),
        ))?;
    }
    let entries: Vec<LegendEntry> = d
        .curves
        .iter()
        .map(|c| LegendEntry::new(c.strategy, c.lines.clone()))
        .collect();
    let y = legend(&panel, 20, &entries)?;
    // Every curve counts all the paths, so what falls off the axis is a
    // share of curves x paths.
    let outside = d
        .curves
        .iter()
        .map(|c| c.hist.below + c.hist.above)
        .sum::<u64>() as f64
        / (d.curves.len() as u64 * d.paths.max(1)) as f64;
    let footnotes = [
        format!(
            "Bars are {} wide.",
            money_short(first.hist.width, &d.currency)
        ),
        format!(
            "Beyond the axis, not shown: {} of careers.",
            percent(outside)
        ),
    ];
    notes(&panel, y + 10, &footnotes)?;
    Ok(())
}
