//! `tornado.png`: one bar per input from its lowest Delta to its highest,
//! widest swing on top; each stretch coloured by the pick at the nearer
//! point, the flips of the pick marked, each end labelled with the input's
//! value there and clamped points ringed.

use std::io;
use std::path::Path;

use plotters::prelude::*;

use super::{
    AXIS, Area, DrawResult, GREY, INK, LegendEntry, PANEL, SIZE, TICK, bold, colour, font, header,
    label_backdrop, legend, notes,
};
use crate::model::{Dist, Strategy};
use crate::report::charts::data::Rect;
use crate::report::format::group;
use crate::report::walkaway_block::k;
use crate::scenario::edit::Input;
use crate::sensitivity::tornado::{Bar, Tornado};

/// Writes the chart to `path`.
pub fn write(path: &Path, t: &Tornado) -> io::Result<()> {
    super::fonts()?;
    super::render(path, |area| draw(t, area))
}

/// How a value of `input` reads on the chart: in the input's unit.
pub fn value_label(input: &str, v: &Input) -> String {
    let Some(x) = v.number() else {
        return match v {
            Input::Dist(Dist::Uniform { lo, hi }) | Input::Dist(Dist::Ci90 { lo, hi }) => {
                format!("{}..{}", short(*lo), short(*hi))
            }
            other => other.as_toml(),
        };
    };
    let name = input.rsplit('.').next().unwrap_or(input);
    let pct = |x: f64| format!("{}%", trim(100.0 * x, 1));
    match name {
        "search_weeks" | "weeks" => format!("{} wk", trim(x, 1)),
        "months" | "runway_months" => format!("{} mo", trim(x, 1)),
        "horizon_years" | "tenure_years" => format!("{} yr", trim(x, 1)),
        "softness" => format!("x{}", trim(x, 2)),
        "offer" => format!("{} x median", trim(x, 2)),
        "growth" | "raise" | "discount_rate" => format!("{}/yr", pct(x)),
        "success" | "rescind" | "probability" | "uplift" | "job_change_bump" | "min_ask"
        | "switch_threshold" | "bonus_pct" | "growth_premium" | "role_value" | "meet" => pct(x),
        "base" | "floor" | "wish" | "current_comp" | "median_comp" | "equity_per_year"
        | "sign_on" => k(x),
        _ => trim(x, 2),
    }
}

/// `x` with at most `d` decimals, trailing zeros dropped.
fn trim(x: f64, d: usize) -> String {
    let s = format!("{x:.d$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

fn short(x: f64) -> String {
    trim(x, 3)
}

/// Money as the axis shows it: `+12k`, `-3.4k`.
fn signed(x: f64) -> String {
    if x > 0.0 { format!("+{}", k(x)) } else { k(x) }
}

fn x_range(t: &Tornado) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for b in &t.bars {
        let (a, z) = b.span();
        if a.is_finite() && z.is_finite() {
            lo = lo.min(a);
            hi = hi.max(z);
        }
    }
    if hi - lo < 1.0 {
        (lo, hi) = (lo - 500.0, hi + 500.0);
    }
    // Room either side for the end labels.
    let pad = 0.3 * (hi - lo);
    (lo - pad, hi + pad)
}

/// The stretches of a bar: from each point halfway to its neighbours, in
/// the colour of its pick.
fn stretches(b: &Bar) -> Vec<(f64, f64, Strategy)> {
    let d: Vec<f64> = b.points.iter().map(|p| p.outcome.delta).collect();
    (0..d.len())
        .map(|i| {
            let from = if i == 0 {
                d[0]
            } else {
                0.5 * (d[i - 1] + d[i])
            };
            let to = if i + 1 == d.len() {
                d[i]
            } else {
                0.5 * (d[i] + d[i + 1])
            };
            (from, to, b.points[i].outcome.pick)
        })
        .collect()
}

fn draw(t: &Tornado, area: &Area) -> DrawResult {
    let body = header(
        area,
        &format!("{}: what would change the verdict", t.name),
        &format!(
            "Delta = best mean of walking (with or without a counter) minus best mean of \
             accepting (with or without a counter), {} careers per point.",
            group(t.paths)
        ),
    )?;
    let (plot, panel) = body.split_horizontally(SIZE.0 - PANEL);
    let n = t.bars.len().max(1);
    let (x_lo, x_hi) = x_range(t);
    let cur = t.currency.as_str();
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(20)
        .margin_right(30)
        .margin_top(44)
        .margin_bottom(10)
        .x_label_area_size(80)
        .y_label_area_size(300)
        .build_cartesian_2d(x_lo..x_hi, 0f64..n as f64)?;
    let names: Vec<String> = t.bars.iter().map(|b| b.input.clone()).collect();
    chart
        .configure_mesh()
        .x_labels(9)
        .y_labels(0)
        .x_label_formatter(&|x| signed(*x))
        .x_desc(format!(
            "Delta ({cur}, discounted): walking ahead to the right"
        ))
        .label_style(font(TICK))
        .axis_desc_style(font(AXIS))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(230, 230, 230))
        .draw()?;
    let centre = |i: usize| n as f64 - i as f64 - 0.5;
    let zero_px = chart.backend_coord(&(0.0, 0.0)).0;
    let half = 0.3;
    // Input names beside their bars.
    for (i, name) in names.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(x_lo, centre(i)));
        let style = font(TICK - 2);
        let (w, h) = area.estimate_text_size(name, &style)?;
        area.draw(&Text::new(
            name.clone(),
            (x - w as i32 - 12, y - h as i32 / 2),
            style,
        ))?;
    }
    // The scenario as it is.
    chart.draw_series(DashedLineSeries::new(
        vec![(t.base.delta, 0.0), (t.base.delta, n as f64)],
        6,
        6,
        GREY.stroke_width(2),
    ))?;
    // The zero line, where the verdict flips.
    chart.draw_series(LineSeries::new(
        vec![(0.0, 0.0), (0.0, n as f64)],
        INK.stroke_width(3),
    ))?;
    for (i, b) in t.bars.iter().enumerate() {
        let y = centre(i);
        for (from, to, st) in stretches(b) {
            let (a, z) = if from <= to { (from, to) } else { (to, from) };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(a, y - half), (z, y + half)],
                colour(st).filled(),
            )))?;
        }
        // How far the bar's markers reach either side, in pixels, so that
        // its end labels start clear of them.
        let mut reach = (i32::MAX, i32::MIN);
        let mut mark = |px: i32, r: i32| {
            reach = (reach.0.min(px - r), reach.1.max(px + r));
        };
        // Flips: a black diamond between the two points.
        for f in b.flips() {
            let at = 0.5 * (b.points[f].outcome.delta + b.points[f + 1].outcome.delta);
            let (px, py) = chart.backend_coord(&(at, y));
            let r = DIAMOND;
            mark(px, r);
            area.draw(&Polygon::new(
                vec![(px, py - r), (px + r, py), (px, py + r), (px - r, py)],
                INK.filled(),
            ))?;
            area.draw(&Polygon::new(
                vec![
                    (px, py - r + 4),
                    (px + r - 4, py),
                    (px, py + r - 4),
                    (px - r + 4, py),
                ],
                WHITE.filled(),
            ))?;
        }
        // The points, clamped ones ringed in red.
        for p in &b.points {
            let c = chart.backend_coord(&(p.outcome.delta, y));
            area.draw(&Circle::new(c, DOT, INK.filled()))?;
            mark(c.0, DOT);
            if p.clamped {
                area.draw(&Circle::new(c, RING, RGBColor(200, 0, 0).stroke_width(3)))?;
                // The ring's stroke lies across its radius.
                mark(c.0, RING + 2);
            }
        }
        // The bar itself, for a bar without points.
        for (from, to, _) in stretches(b) {
            mark(chart.backend_coord(&(from, y)).0, 0);
            mark(chart.backend_coord(&(to, y)).0, 0);
        }
        // Each end labelled with the input's value there.
        let (lo_i, hi_i) = ends(b);
        let style = font(TICK - 3).color(&INK);
        let lo_text = value_label(&b.input, &b.points[lo_i].value);
        let hi_text = value_label(&b.input, &b.points[hi_i].value);
        let (_, ly) = chart.backend_coord(&(b.points[lo_i].outcome.delta, y));
        let (w, h) = area.estimate_text_size(&lo_text, &style)?;
        let (hw, _) = area.estimate_text_size(&hi_text, &style)?;
        let (lo_x, hi_x) = end_label_xs(reach, (w as i32, hw as i32), zero_px);
        end_label(area, lo_text, (lo_x, ly - h as i32 / 2), &style)?;
        end_label(area, hi_text, (hi_x, ly - h as i32 / 2), &style)?;
    }
    let (zx, zy) = chart.backend_coord(&(0.0, n as f64));
    let text = "verdict flips here";
    let style = bold(20).color(&INK);
    let (w, h) = area.estimate_text_size(text, &style)?;
    area.draw(&Text::new(
        text,
        (zx - w as i32 / 2, zy - h as i32 - 10),
        style,
    ))?;

    let used: Vec<Strategy> = Strategy::ALL
        .into_iter()
        .filter(|s| {
            t.bars
                .iter()
                .any(|b| b.points.iter().any(|p| p.outcome.pick == *s))
        })
        .collect();
    let entries: Vec<LegendEntry> = Strategy::ALL
        .into_iter()
        .map(|st| {
            let line = if st == t.base.pick {
                "the pick as the scenario stands".to_string()
            } else if used.contains(&st) {
                "the pick at some points".to_string()
            } else {
                "never the pick here".to_string()
            };
            LegendEntry::new(st, vec![line])
        })
        .collect();
    let y = legend(&panel, 20, &entries)?;
    let lines = vec![
        format!(
            "The scenario as it stands: Delta {} ± {} (dashed grey line).",
            signed(t.base.delta),
            k(t.base.delta_se)
        ),
        "Each bar: one input from its low point to its high point; a stretch takes the colour \
         of the pick at its nearest point."
            .to_string(),
        "An input given as a range is held at its 10th, 30th, 50th, 70th and 90th percentiles \
         on every path; a number is moved over a stated range."
            .to_string(),
        "Diamond: the pick changes between two points. Red ring: the value was clamped to the \
         key's bounds."
            .to_string(),
        "Labels: the input's value at each end of its bar.".to_string(),
        "The pick can sit on the other side of zero: a strategy whose runway risk is too high \
         is never picked, and a toss-up goes to the less exposed strategy."
            .to_string(),
    ];
    notes(&panel, y + 4, &lines)?;
    Ok(())
}

/// Radii of the markers on a bar, in pixels: a point, the ring of a
/// clamped point, the diamond of a flip.
const DOT: i32 = 4;
const RING: i32 = 10;
const DIAMOND: i32 = 11;
/// Space between the outermost marker of a bar and an end label's text
/// (its backdrop takes 3 of it).
const LABEL_GAP: i32 = 14;
/// Space kept between an end label's text and the zero line.
const ZERO_GAP: i32 = 8;

/// Where the text of a bar's two end labels starts (pixel x): `LABEL_GAP`
/// outside `reach`, the pixels the bar's markers span, the low label left
/// of it and the high one right, each `w` wide. A label that would cross
/// the zero line moves past it, away from the bar, so the line never runs
/// through its text.
fn end_label_xs(reach: (i32, i32), (lo_w, hi_w): (i32, i32), zero: i32) -> (i32, i32) {
    let crosses = |x: i32, w: i32| x - ZERO_GAP < zero && zero < x + w + ZERO_GAP;
    let mut lo = reach.0 - LABEL_GAP - lo_w;
    if crosses(lo, lo_w) {
        lo = zero - ZERO_GAP - lo_w;
    }
    let mut hi = reach.1 + LABEL_GAP;
    if crosses(hi, hi_w) {
        hi = zero + ZERO_GAP;
    }
    (lo, hi)
}

/// A label on a white backdrop, so the zero line does not run through it.
fn end_label(area: &Area, text: String, (x, y): (i32, i32), style: &TextStyle) -> DrawResult {
    let (w, h) = area.estimate_text_size(&text, style)?;
    label_backdrop(
        area,
        &Rect {
            x: f64::from(x - 3),
            y: f64::from(y - 2),
            w: f64::from(w as i32 + 6),
            h: f64::from(h as i32 + 4),
        },
        0.9,
    )?;
    area.draw(&Text::new(text, (x, y), style.clone()))?;
    Ok(())
}

/// The points at the lowest and the highest Delta of a bar.
fn ends(b: &Bar) -> (usize, usize) {
    let d = |i: usize| b.points[i].outcome.delta;
    let idx = 0..b.points.len();
    let lo = idx
        .clone()
        .min_by(|&i, &j| d(i).total_cmp(&d(j)))
        .unwrap_or(0);
    let hi = idx.max_by(|&i, &j| d(i).total_cmp(&d(j))).unwrap_or(0);
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The labels' text spans, with their backdrops (3 px either side).
    fn spans(reach: (i32, i32), w: (i32, i32), zero: i32) -> [(i32, i32); 2] {
        let (lo, hi) = end_label_xs(reach, w, zero);
        [(lo - 3, lo + w.0 + 3), (hi - 3, hi + w.1 + 3)]
    }

    #[test]
    fn end_labels_keep_clear_of_the_markers_and_the_zero_line() {
        // Far from zero: LABEL_GAP outside the markers.
        assert_eq!(end_label_xs((500, 540), (60, 40), 100), (426, 554));
        // A short bar just right of zero: the low label would straddle the
        // line, so it goes left of it; the high one stays by the bar.
        let (lo, hi) = end_label_xs((110, 130), (60, 40), 100);
        assert_eq!((lo, hi), (100 - ZERO_GAP - 60, 144));
        // A short bar just left of zero, mirrored.
        let (lo, hi) = end_label_xs((60, 92), (30, 50), 100);
        assert_eq!((lo, hi), (16, 100 + ZERO_GAP));
        // Whatever the bar, no label covers a marker or the zero line, and
        // the two never meet.
        for a in (0..400).step_by(7) {
            for len in [0, 3, 20, 80] {
                let reach = (a, a + len);
                let [l, h] = spans(reach, (45, 70), 200);
                assert!(l.1 <= reach.0 - LABEL_GAP + 3 && h.0 >= reach.1 + LABEL_GAP - 3);
                for (x0, x1) in [l, h] {
                    assert!(!(x0 < 200 && 200 < x1), "{reach:?}: {x0}..{x1}");
                }
                assert!(l.1 < h.0);
            }
        }
    }
}
