//! `sweep.png`: for one input, each strategy's mean value against it with
//! bands of two standard errors and the pick as a strip under the axis;
//! for two inputs, the pick at each grid cell.

use std::io;
use std::path::Path;

use plotters::prelude::*;

use super::verdict_map::{self, HeatAxis, Heatmap, RuleRegion};
use super::{
    AXIS, Area, DrawResult, LegendEntry, PANEL, SIZE, TICK, colour, font, header, legend, notes,
};
use crate::model::Strategy;
use crate::report::format::group;
use crate::report::walkaway_block::k;
use crate::scenario::edit;
use crate::sweep::{Axis, Sweep};

const BAND_SE: f64 = 2.0;

pub fn write(path: &Path, sw: &Sweep) -> io::Result<()> {
    super::fonts()?;
    match sw.axes.len() {
        1 => super::render(path, |area| draw_line(sw, area)),
        _ => verdict_map::write(path, &heatmap(sw)),
    }
}

fn tick(x: f64) -> String {
    let a = x.abs();
    if a >= 1e4 {
        k(x)
    } else if a >= 100.0 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn title(sw: &Sweep) -> String {
    let name = sw
        .points
        .first()
        .map_or("", |(_, r)| r.scenario.name.as_str());
    let keys: Vec<String> = sw.axes.iter().map(|a| a.key.path()).collect();
    format!("{name}: sweep over {}", keys.join(" and "))
}

fn draw_line(sw: &Sweep, area: &Area) -> DrawResult {
    let axis = &sw.axes[0];
    let first = &sw.points[0].1;
    let body = header(
        area,
        &title(sw),
        &format!(
            "Each strategy's mean value as {} changes ({} careers per point, the same worlds \
             at every point).",
            axis.key.path(),
            group(first.paths)
        ),
    )?;
    let (plot, panel) = body.split_horizontally(SIZE.0 - PANEL);
    let (main, strip) = plot.split_vertically(plot.dim_in_pixel().1 - 110);
    let (x_lo, x_hi) = (axis.lo, axis.hi);
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (_, r) in &sw.points {
        for st in Strategy::ALL {
            let s = &r.summaries[st];
            lo = lo.min(s.value_mean - BAND_SE * s.value_se);
            hi = hi.max(s.value_mean + BAND_SE * s.value_se);
        }
    }
    if hi - lo < 1.0 {
        (lo, hi) = (lo - 500.0, hi + 500.0);
    }
    let pad = 0.05 * (hi - lo);
    let cur = first.scenario.currency.clone();
    let mut chart = ChartBuilder::on(&main)
        .margin_left(20)
        .margin_right(30)
        .margin_top(10)
        .x_label_area_size(70)
        .y_label_area_size(110)
        .build_cartesian_2d(x_lo..x_hi, (lo - pad)..(hi + pad))?;
    chart
        .configure_mesh()
        .x_labels(9)
        .y_labels(9)
        .x_label_formatter(&|x| tick(*x))
        .y_label_formatter(&|y| k(*y))
        .x_desc(axis.header())
        .y_desc(format!("Mean value ({cur}, discounted)"))
        .label_style(font(TICK))
        .axis_desc_style(font(AXIS))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()?;
    for st in Strategy::ALL {
        let s =
            |r: &crate::report::BatchRow| (r.summaries[st].value_mean, r.summaries[st].value_se);
        let upper = sw
            .points
            .iter()
            .map(|(v, r)| (v[0], s(r).0 + BAND_SE * s(r).1));
        let lower = sw
            .points
            .iter()
            .rev()
            .map(|(v, r)| (v[0], s(r).0 - BAND_SE * s(r).1));
        chart.draw_series(std::iter::once(Polygon::new(
            upper.chain(lower).collect::<Vec<_>>(),
            colour(st).mix(0.15),
        )))?;
    }
    for st in Strategy::ALL {
        chart.draw_series(LineSeries::new(
            sw.points
                .iter()
                .map(|(v, r)| (v[0], r.summaries[st].value_mean)),
            colour(st).stroke_width(3),
        ))?;
    }
    // The pick at each point, under the axis, in cells halfway to the
    // neighbours.
    let mut strip_chart = ChartBuilder::on(&strip)
        .margin_left(20)
        .margin_right(30)
        .margin_bottom(40)
        .y_label_area_size(110)
        .build_cartesian_2d(x_lo..x_hi, 0f64..1f64)?;
    let xs: Vec<f64> = sw.points.iter().map(|(v, _)| v[0]).collect();
    for (i, (_, r)) in sw.points.iter().enumerate() {
        let a = if i == 0 {
            xs[0]
        } else {
            0.5 * (xs[i - 1] + xs[i])
        };
        let b = if i + 1 == xs.len() {
            xs[i]
        } else {
            0.5 * (xs[i] + xs[i + 1])
        };
        strip_chart.draw_series(std::iter::once(Rectangle::new(
            [(a, 0.0), (b, 1.0)],
            colour(r.sim.strategy).filled(),
        )))?;
    }
    let (sx, sy) = strip_chart.backend_coord(&(x_lo, 0.5));
    let style = font(TICK - 2);
    let (w, h) = area.estimate_text_size("the pick", &style)?;
    area.draw(&Text::new(
        "the pick",
        (sx - w as i32 - 10, sy - h as i32 / 2),
        style,
    ))?;
    side_panel(sw, &panel)
}

/// A line for each input that is a distribution multiplied by the grid.
fn factor_notes(sw: &Sweep) -> Vec<String> {
    sw.axes
        .iter()
        .filter(|a| a.is_factor())
        .map(|a| {
            format!(
                "{} is a distribution: each value multiplies it (both ends of a range, every \
                 value of a list).",
                a.key.path()
            )
        })
        .collect()
}

fn side_panel(sw: &Sweep, panel: &Area) -> DrawResult {
    let entries: Vec<LegendEntry> = Strategy::ALL
        .into_iter()
        .map(|st| {
            let n = sw
                .points
                .iter()
                .filter(|(_, r)| r.sim.strategy == st)
                .count();
            LegendEntry::new(
                st,
                vec![match n {
                    0 => "never the pick".to_string(),
                    n => format!("the pick at {n} of {} points", sw.points.len()),
                }],
            )
        })
        .collect();
    let y = legend(panel, 20, &entries)?;
    let mut lines = vec![
        format!("Light bands: ± {BAND_SE} standard errors of each mean."),
        "The strip under the axis: the pick at each point.".to_string(),
    ];
    lines.extend(factor_notes(sw));
    notes(panel, y + 4, &lines)?;
    Ok(())
}

/// The heatmap of a two-input sweep: the pick per cell (lighter where it
/// is tied or inside the toss-up band), the rule of thumb's verdict in the
/// regions between the places where it changes, and the scenario itself.
fn heatmap(sw: &Sweep) -> Heatmap {
    let (ax, ay) = (&sw.axes[0], &sw.axes[1]);
    let (xs, ys) = (ax.values(), ay.values());
    let rule = |i: usize, j: usize| sw.points[i * ys.len() + j].1.rule.verdict;
    // Where the rule changes between neighbouring cells, halfway between.
    let mut x_lines: Vec<f64> = (1..xs.len())
        .filter(|&i| (0..ys.len()).any(|j| rule(i - 1, j) != rule(i, j)))
        .map(|i| 0.5 * (xs[i - 1] + xs[i]))
        .collect();
    let mut y_lines: Vec<f64> = (1..ys.len())
        .filter(|&j| (0..xs.len()).any(|i| rule(i, j - 1) != rule(i, j)))
        .map(|j| 0.5 * (ys[j - 1] + ys[j]))
        .collect();
    x_lines.dedup();
    y_lines.dedup();
    let axis = |a: &Axis, values: Vec<f64>| {
        let step = (values.len() - 1).div_ceil(8).max(1);
        HeatAxis {
            title: a.header(),
            ticks: values.iter().copied().step_by(step).collect(),
            values,
            label: tick,
        }
    };
    let x = axis(ax, xs.clone());
    let y = axis(ay, ys.clone());
    let edges = |lines: &[f64], (lo, hi): (f64, f64)| -> Vec<(f64, f64)> {
        let mut e = vec![lo];
        e.extend_from_slice(lines);
        e.push(hi);
        e.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let nearest = |values: &[f64], v: f64| {
        (0..values.len())
            .min_by(|&a, &b| (values[a] - v).abs().total_cmp(&(values[b] - v).abs()))
            .unwrap_or(0)
    };
    let mut regions = Vec::new();
    for xr in edges(&x_lines, x.range()) {
        for yr in edges(&y_lines, y.range()) {
            let (i, j) = (
                nearest(&xs, 0.5 * (xr.0 + xr.1)),
                nearest(&ys, 0.5 * (yr.0 + yr.1)),
            );
            regions.push(RuleRegion {
                x: xr,
                y: yr,
                verdict: rule(i, j),
            });
        }
    }
    let first = &sw.points[0].1;
    let own = |a: &Axis| -> Option<f64> {
        if a.is_factor() {
            return Some(1.0);
        }
        let base = &sw.scenario;
        edit::get(base, a.key).ok().and_then(|v| v.number())
    };
    let dot = match (own(ax), own(ay)) {
        (Some(a), Some(b)) => {
            let inside = |v: f64, (lo, hi): (f64, f64)| v >= lo && v <= hi;
            (inside(a, x.range()) && inside(b, y.range()))
                .then(|| ((a, b), "the scenario".to_string()))
        }
        _ => None,
    };
    Heatmap {
        title: title(sw),
        subtitle: format!(
            "The pick at each pair of values ({} careers per cell, the same worlds in every cell); \
             lines: where the rule of thumb's verdict changes.",
            group(first.paths)
        ),
        x,
        y,
        picks: sw.points.iter().map(|(_, r)| r.sim.strategy).collect(),
        close: sw
            .points
            .iter()
            .map(|(_, r)| !r.sim.tied_with.is_empty() || !r.sim.toss_up_with.is_empty())
            .collect(),
        x_lines,
        y_lines,
        regions,
        dot,
        notes: factor_notes(sw),
    }
}
