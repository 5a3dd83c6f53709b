//! `sweep.png`: for one input, each strategy's mean value against it with
//! bands of two standard errors and the pick as a strip under the axis;
//! for two inputs, the pick at each grid cell.

use std::io;
use std::path::Path;

use plotters::prelude::*;

use super::{
    AXIS, Area, DrawResult, LegendEntry, PANEL, SIZE, TICK, colour, font, header, legend, notes,
};
use crate::model::Strategy;
use crate::report::format::group;
use crate::report::walkaway_block::k;
use crate::sweep::Sweep;

const BAND_SE: f64 = 2.0;

pub fn write(path: &Path, sw: &Sweep) -> io::Result<()> {
    super::fonts()?;
    super::render(path, |area| match sw.axes.len() {
        1 => draw_line(sw, area),
        _ => draw_grid(sw, area),
    })
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
    let mut lines = Vec::new();
    if sw.axes.len() == 1 {
        lines.push(format!(
            "Light bands: ± {BAND_SE} standard errors of each mean."
        ));
        lines.push("The strip under the axis: the pick at each point.".to_string());
    } else {
        lines.push("Each cell: the pick at that pair of values.".to_string());
    }
    for a in sw.axes.iter().filter(|a| a.is_factor()) {
        lines.push(format!(
            "{} is a distribution: each value multiplies it (both ends of a range, every \
             value of a list).",
            a.key.path()
        ));
    }
    notes(panel, y + 4, &lines)?;
    Ok(())
}

fn draw_grid(sw: &Sweep, area: &Area) -> DrawResult {
    let (ax, ay) = (&sw.axes[0], &sw.axes[1]);
    let first = &sw.points[0].1;
    let body = header(
        area,
        &title(sw),
        &format!(
            "The pick at each pair of values ({} careers per cell, the same worlds in every \
             cell).",
            group(first.paths)
        ),
    )?;
    let (plot, panel) = body.split_horizontally(SIZE.0 - PANEL);
    let half = |a: &crate::sweep::Axis| 0.5 * (a.hi - a.lo) / (a.n - 1) as f64;
    let (hx, hy) = (half(ax), half(ay));
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(20)
        .margin_right(30)
        .margin_top(10)
        .x_label_area_size(70)
        .y_label_area_size(110)
        .build_cartesian_2d((ax.lo - hx)..(ax.hi + hx), (ay.lo - hy)..(ay.hi + hy))?;
    chart
        .configure_mesh()
        .x_labels(9)
        .y_labels(9)
        .x_label_formatter(&|x| tick(*x))
        .y_label_formatter(&|y| tick(*y))
        .x_desc(ax.header())
        .y_desc(ay.header())
        .label_style(font(TICK))
        .axis_desc_style(font(AXIS))
        .disable_mesh()
        .draw()?;
    for (v, r) in &sw.points {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(v[0] - hx, v[1] - hy), (v[0] + hx, v[1] + hy)],
            colour(r.sim.strategy).filled(),
        )))?;
    }
    side_panel(sw, &panel)
}
