//! `fan.png`: discounted earnings received so far, month by month, with the
//! middle 80% of careers shaded around each strategy's median.

use plotters::prelude::*;

use super::data::{FanSeries, catch_up, deepest, fan_extent, fan_series, minus};
use super::{
    AXIS, Backend, DrawResult, LegendEntry, On, PANEL, SIZE, TICK, colour, font, header, legend,
    notes,
};
use crate::model::Strategy;
use crate::report::ScenarioReport;
use crate::report::format::{group, money_short};

pub(super) fn draw<DB: Backend>(r: &ScenarioReport, area: &On<DB>) -> DrawResult {
    let s = &r.scenario;
    let fan = &r.aggregate.fan;
    let cur = s.currency.clone();
    let horizon = s.career.horizon_years;
    let body = header(
        area,
        &format!("{}: earnings building up over {} years", s.name, horizon),
        &format!(
            "Discounted earnings received so far, {} sampled careers. Top: medians, shaded the \
             middle 80% when accepting and walking. Bottom: each median minus accepting's.",
            group(fan.paths)
        ),
    )?;
    let (plots, panel) = body.split_horizontally(SIZE.0 - PANEL);
    let (_, plots_h) = plots.dim_in_pixel();
    let (plot, lower) = plots.split_vertically(plots_h * 52 / 100);
    let (lo, hi) = fan_extent(fan);
    let t_end = fan.times.last().copied().unwrap_or(horizon).max(1e-9);
    let pad = (hi - lo).max(1.0) * 0.04;
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(20)
        .margin_right(30)
        .margin_top(10)
        .margin_bottom(4)
        .x_label_area_size(0)
        .y_label_area_size(150)
        .build_cartesian_2d(0.0..t_end, lo.min(0.0)..hi + pad)?;
    chart
        .configure_mesh()
        // A tick a year, between six (short horizons get fractions) and
        // eleven (long ones would crowd).
        .x_labels((horizon.ceil() as usize).saturating_add(1).clamp(6, 11))
        .y_labels(8)
        .x_label_formatter(&|t| {
            if (t - t.round()).abs() < 1e-9 {
                format!("{t:.0}")
            } else {
                format!("{t:.1}")
            }
        })
        .y_label_formatter(&|y| money_short(*y, &cur))
        .y_desc(format!("Earned so far ({cur})"))
        .label_style(font(TICK))
        .axis_desc_style(font(AXIS))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()?;
    let series: Vec<_> = Strategy::ALL
        .iter()
        .filter_map(|&st| fan_series(fan, st).map(|f| (st, f)))
        .collect();
    // Bands first, so that no band hides a median line. Overlapping bands
    // turn to mud: only the two ends of the choice get one, accepting
    // and walking; the counters' spreads are in the legend.
    for (st, f) in series.iter().filter(|(st, _)| banded(*st)) {
        let col = colour(*st);
        chart.draw_series(std::iter::once(Polygon::new(
            f.band_outline(),
            col.mix(0.13),
        )))?;
        for edge in [&f.p10, &f.p90] {
            chart.draw_series(LineSeries::new(edge.clone(), col.mix(0.7).stroke_width(1)))?;
        }
    }
    // Medians often run close together: earlier ones are drawn wider, so a
    // line under a later one still shows as its border.
    let n = series.len();
    for (k, (st, f)) in series.iter().enumerate() {
        let width = 3 + (3 * (n - 1 - k)) / 2;
        chart.draw_series(LineSeries::new(
            f.p50.clone(),
            colour(*st).stroke_width(width as u32),
        ))?;
    }
    behind_accepting(r, &lower, &series, t_end)?;
    let entries: Vec<LegendEntry> = series
        .iter()
        .enumerate()
        .map(|(k, (st, f))| {
            let last = |v: &Vec<(f64, f64)>| v.last().map(|p| p.1).unwrap_or(0.0);
            let mut lines = vec![
                format!(
                    "median by year {horizon}: {}",
                    money_short(last(&f.p50), &cur)
                ),
                format!(
                    "P10-P90 {} to {}",
                    money_short(last(&f.p10), &cur),
                    money_short(last(&f.p90), &cur)
                ),
            ];
            // A line drawn exactly over another would otherwise vanish.
            if let Some((twin, _)) = series[..k].iter().find(|(_, g)| g == f) {
                lines.push(format!("same lines as {}", twin.label().to_lowercase()));
            }
            LegendEntry::new(*st, lines)
        })
        .collect();
    let y = legend(&panel, 20, &entries)?;
    notes(
        &panel,
        y + 10,
        &[
            "Money only: what the role is worth to you beyond pay is not in these lines."
                .to_string(),
        ],
    )?;
    Ok(())
}

/// The lower plot: each strategy's median minus accepting's, so the cost
/// of searching (the dip) and the month it is made up (the catch-up) show
/// at a scale of their own.
fn behind_accepting<DB: Backend>(
    r: &ScenarioReport,
    plot: &On<DB>,
    series: &[(Strategy, FanSeries)],
    t_end: f64,
) -> DrawResult {
    let cur = r.scenario.currency.clone();
    let Some((_, base)) = series.iter().find(|(st, _)| *st == Strategy::Accept) else {
        return Ok(());
    };
    let diffs: Vec<(Strategy, Vec<(f64, f64)>)> = series
        .iter()
        .filter(|(st, _)| *st != Strategy::Accept)
        .filter_map(|(st, f)| minus(&f.p50, &base.p50).map(|d| (*st, d)))
        .collect();
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for (_, d) in &diffs {
        for p in d.iter().filter(|p| p.1.is_finite()) {
            lo = lo.min(p.1);
            hi = hi.max(p.1);
        }
    }
    let pad = (hi - lo).max(1.0) * 0.12;
    let mut chart = ChartBuilder::on(plot)
        .margin_left(20)
        .margin_right(30)
        .margin_top(14)
        .margin_bottom(10)
        .x_label_area_size(80)
        .y_label_area_size(150)
        .build_cartesian_2d(0.0..t_end, lo - pad..hi + pad)?;
    chart
        .configure_mesh()
        .x_labels(11)
        .y_labels(6)
        .x_label_formatter(&|t| {
            if (t - t.round()).abs() < 1e-9 {
                format!("{t:.0}")
            } else {
                format!("{t:.1}")
            }
        })
        .y_label_formatter(&|y| {
            if *y > 0.0 {
                format!("+{}", money_short(*y, &cur))
            } else {
                money_short(*y, &cur)
            }
        })
        .x_desc("Years from today")
        .y_desc(format!("Ahead of accepting ({cur})"))
        .label_style(font(TICK))
        .axis_desc_style(font(AXIS))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()?;
    chart.draw_series(LineSeries::new(
        vec![(0.0, 0.0), (t_end, 0.0)],
        colour(Strategy::Accept).stroke_width(3),
    ))?;
    for (st, d) in &diffs {
        chart.draw_series(LineSeries::new(d.clone(), colour(*st).stroke_width(3)))?;
    }
    // Where each catches up, and how far behind it fell first; labels
    // stacked so that they never overlap.
    let (left, top) = chart.backend_coord(&(0.0, hi + pad));
    let mut y = top + 4;
    for (st, d) in &diffs {
        let Some((t_low, v_low)) = deepest(d) else {
            continue;
        };
        let col = colour(*st);
        chart.draw_series(std::iter::once(Circle::new(
            (t_low, v_low),
            6,
            col.filled(),
        )))?;
        let mut text = format!(
            "{}: up to {} behind (month {})",
            st.label(),
            money_short(-v_low, &cur),
            (t_low * 12.0).round()
        );
        match catch_up(d) {
            Some(t) => {
                chart.draw_series(std::iter::once(Circle::new((t, 0.0), 8, col.filled())))?;
                chart.draw_series(std::iter::once(Circle::new(
                    (t, 0.0),
                    8,
                    WHITE.stroke_width(2),
                )))?;
                text.push_str(&format!(", catches up in month {}", (t * 12.0).round()));
            }
            None => text.push_str(", not caught up by the end"),
        }
        let (ox, oy) = plot.get_base_pixel();
        let (w, _) = plot.estimate_text_size(&text, &font(18))?;
        super::label_backdrop(
            plot,
            &super::data::Rect {
                x: f64::from(left - ox + 6),
                y: f64::from(y - oy - 2),
                w: f64::from(w as i32 + 8),
                h: 24.0,
            },
            0.9,
        )?;
        plot.draw(&Text::new(
            text,
            (left - ox + 10, y - oy),
            font(18).color(&super::text_colour(col)),
        ))?;
        y += 24;
    }
    Ok(())
}

/// The strategies whose P10-P90 band is shaded.
fn banded(s: Strategy) -> bool {
    matches!(s, Strategy::Accept | Strategy::Walk)
}

/// A fan built by hand, as the engine will deliver it: the chart draws
/// from the type alone.
#[cfg(test)]
pub(crate) fn hand_fan(horizon: f64) -> crate::engine::Fan {
    let times: Vec<f64> = (0..=(horizon * 12.0) as usize)
        .map(|m| m as f64 / 12.0)
        .collect();
    let band = |rate: f64, delay: f64, spread: f64| -> Vec<[f64; 3]> {
        times
            .iter()
            .map(|&t| {
                let e = rate * (t - delay).max(0.0);
                [e * (1.0 - spread), e, e * (1.0 + spread * 0.8)]
            })
            .collect()
    };
    crate::engine::Fan {
        bands: crate::model::PerStrategy::from_fn(|s| {
            let k = s.index() as f64;
            band(140_000.0 + 6_000.0 * k, 0.08 * k, 0.10 + 0.08 * k)
        }),
        times,
        paths: 20_000,
    }
}
