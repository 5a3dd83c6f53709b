//! `value.png`: how value (discounted earnings plus what the role is worth
//! beyond pay) spreads across simulated careers: one row per strategy on a
//! shared axis, each with its mean (the verdict's statistic) marked.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{Histogram, common_range, grid, histogram, left_hump};
use super::{
    Backend, DrawResult, GREY, INK, On, PANEL, SIZE, TICK, bold, colour, font, header, paragraph,
    text_colour,
};
use crate::model::Strategy;
use crate::report::ScenarioReport;
use crate::report::format::{group, money_short, percent};

/// Paths in each tail left off the axis, so that a few extreme careers do
/// not squeeze everyone else into a handful of bars.
pub(super) const TAIL: f64 = 0.005;
/// About this many bars across the axis.
pub(super) const BARS: usize = 70;
/// Runway risk below this share gets no label on its hump.
const HUMP_LABEL_MIN: f64 = 0.02;

pub(super) fn draw<DB: Backend>(r: &ScenarioReport, area: &On<DB>) -> DrawResult {
    let s = &r.scenario;
    let a = &r.aggregate;
    let cur = s.currency.as_str();
    let sk = &a.sketches.value;
    let (lo, hi) = common_range(sk.values(), TAIL);
    let shape = grid(lo, hi, BARS);
    let unemployed = s.search_runway_months().is_some();
    let mut rows = Vec::new();
    for st in Strategy::ALL {
        let x = r.summary(st);
        let hist = histogram(&sk[st], &shape);
        let risk = x.p_runway_exhausted;
        // Labelled only where the runway did run out in many careers; the
        // hump's share is measured on the bars.
        let hump = (unemployed && risk >= HUMP_LABEL_MIN)
            .then(|| left_hump(&hist))
            .flatten()
            .map(|h| {
                (
                    h.peak,
                    format!("{} of careers: ran out of money", percent(h.share)),
                )
            });
        let excluded = (!r.sim.eligible[st]).then(|| {
            format!(
                "EXCLUDED: runs out of runway in {} of careers (limit {})",
                percent(risk),
                percent(s.decision.max_runway_risk)
            )
        });
        let mut lines = vec![
            format!("mean {}", money_short(x.value_mean, cur)),
            format!(
                "P10-P90 {} to {}",
                money_short(x.value_p(0.1), cur),
                money_short(x.value_p(0.9), cur)
            ),
        ];
        if unemployed {
            lines.push(format!("ran out of runway: {}", percent(risk)));
        }
        if hump.is_some() {
            lines.push("the worst off of those make the low hump".to_string());
        }
        rows.push(Row {
            strategy: st,
            hist,
            mean: x.value_mean,
            pick: st == r.sim.strategy,
            excluded,
            hump,
            point: None,
            lines,
            split: None,
        });
    }
    draw_rows(
        area,
        &Rows {
            title: format!("{}: what each strategy is worth", s.name),
            subtitle: format!(
                "Value over {} years: discounted earnings plus what the role is worth to you, \
                 {} simulated careers. Black line: the mean, which the verdict compares.",
                s.career.horizon_years,
                group(a.paths)
            ),
            x_desc: format!(
                "Value over {} years ({cur}, discounted)",
                s.career.horizon_years
            ),
            currency: cur.to_string(),
            rows,
            paths: a.paths,
            zero_line: false,
            mean_words: "mean",
        },
    )
}

/// One strategy's row.
pub(super) struct Row {
    pub strategy: Strategy,
    pub hist: Histogram,
    pub mean: f64,
    pub pick: bool,
    /// Why the verdict may not pick it, in words.
    pub excluded: Option<String>,
    /// Where to label a hump, and the label.
    pub hump: Option<(f64, String)>,
    /// A share of worlds that all end on one value: where, and its label.
    /// Drawn as a dark bar over the row, its share in words, so that it
    /// does not set the height scale.
    pub point: Option<(f64, String)>,
    /// Numbers beside the row.
    pub lines: Vec<String>,
    /// Shares worse than, equal to and better than a reference, drawn as a
    /// labelled bar beside the row.
    pub split: Option<[f64; 3]>,
}

pub(super) struct Rows {
    pub title: String,
    pub subtitle: String,
    pub x_desc: String,
    pub currency: String,
    pub rows: Vec<Row>,
    pub paths: u64,
    pub zero_line: bool,
    pub mean_words: &'static str,
}

/// Height of the axis under the last row.
const AXIS_H: u32 = 96;

/// Small multiples: one histogram per row on a shared money axis and a
/// shared height scale, its mean a black line, its numbers beside it.
pub(super) fn draw_rows<DB: Backend>(area: &On<DB>, d: &Rows) -> DrawResult {
    let body = header(area, &d.title, &d.subtitle)?;
    let Some(first) = d.rows.first() else {
        return Ok(());
    };
    let (lo, hi) = (first.hist.lo, first.hist.hi());
    let peak = d
        .rows
        .iter()
        .map(|c| c.hist.peak_percent(d.paths))
        .fold(0.0, f64::max);
    let top = if peak > 0.0 { peak * 1.30 } else { 1.0 };
    let n = d.rows.len() as u32;
    let (_, body_h) = body.dim_in_pixel();
    let row_h = (body_h.saturating_sub(AXIS_H)) / n;
    let cur = d.currency.clone();
    // No label near the top, where it would meet the next row's 0%.
    let y_label = |y: &f64| {
        if *y > top * 0.8 {
            String::new()
        } else {
            format!("{y:.0}%")
        }
    };
    let mut rest = body;
    for (k, row) in d.rows.iter().enumerate() {
        let last = k + 1 == d.rows.len();
        let (strip, below) = if last {
            (rest.clone(), rest.clone())
        } else {
            rest.split_vertically(row_h)
        };
        rest = below;
        let (plot, side) = strip.split_horizontally(SIZE.0 - PANEL);
        let col = colour(row.strategy);
        let mut chart = ChartBuilder::on(&plot)
            .margin_left(20)
            .margin_right(45)
            .margin_top(6)
            .margin_bottom(4)
            .x_label_area_size(if last { AXIS_H } else { 0 })
            .y_label_area_size(100)
            .build_cartesian_2d(lo..hi, 0.0..top)?;
        let x_label = |x: &f64| money_short(*x, &cur);
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(7)
            .y_labels(3)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .label_style(font(TICK))
            .axis_desc_style(font(super::AXIS))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(230, 230, 230));
        if last {
            mesh.x_desc(d.x_desc.clone());
        }
        mesh.draw()?;
        let fill = if row.excluded.is_some() {
            col.mix(0.18)
        } else {
            col.mix(0.45)
        };
        chart.draw_series(std::iter::once(Polygon::new(
            row.hist.step_outline(d.paths),
            fill,
        )))?;
        chart.draw_series(LineSeries::new(
            row.hist.step_outline(d.paths),
            col.stroke_width(2),
        ))?;
        if d.zero_line && lo < 0.0 && hi > 0.0 {
            chart.draw_series(LineSeries::new(
                vec![(0.0, 0.0), (0.0, top)],
                GREY.stroke_width(2),
            ))?;
        }
        let (left, _) = chart.backend_coord(&(lo, top));
        let (right, top_px) = chart.backend_coord(&(hi, top));
        let (_, floor_px) = chart.backend_coord(&(lo, 0.0));
        // The row's name, and in words whether it is the pick or excluded.
        let mut name = row.strategy.label().to_string();
        if row.pick {
            name.push_str("  (the pick)");
        }
        let (name_w, name_h) = area.estimate_text_size(&name, &bold(22))?;
        super::label_backdrop(
            area,
            &super::data::Rect {
                x: f64::from(left + 4),
                y: f64::from(top_px + 1),
                w: f64::from(name_w + 12),
                h: f64::from(name_h + 6),
            },
            0.9,
        )?;
        area.draw(&Text::new(
            name.clone(),
            (left + 10, top_px + 4),
            bold(22).color(&text_colour(col)),
        ))?;
        // What a mean label must keep clear of: the name, the words beside it,
        // then the labels of a point and a hump.
        let mut taken = vec![super::data::Rect {
            x: f64::from(left + 4),
            y: f64::from(top_px + 1),
            w: f64::from(name_w + 12),
            h: f64::from(name_h + 6),
        }];
        if let Some(words) = &row.excluded {
            let (w, _) = area.estimate_text_size(&name, &bold(22))?;
            area.draw(&Text::new(
                words.clone(),
                (left + 24 + w as i32, top_px + 6),
                bold(19).color(&INK),
            ))?;
            let (ww, wh) = area.estimate_text_size(words, &bold(19))?;
            taken.push(super::data::Rect {
                x: f64::from(left + 24 + w as i32),
                y: f64::from(top_px + 6),
                w: f64::from(ww),
                h: f64::from(wh),
            });
        }
        if let Some((at, text)) = &row.point
            && *at >= lo
            && *at <= hi
        {
            let half = first.hist.width * 0.4;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(*at - half, 0.0), (*at + half, top * 0.5)],
                INK.filled(),
            )))?;
            // On the line under the row's name, beside the bar: clear of the
            // bars, which it would otherwise hide.
            let (px, _) = chart.backend_coord(&(*at + half, top * 0.5));
            let py = top_px + 30;
            let (w, _) = area.estimate_text_size(text, &bold(19))?;
            // Right of the bar if it fits, else left of it.
            let x = if px + 8 + (w as i32) < right {
                px + 8
            } else {
                let (bar_left, _) = chart.backend_coord(&(*at - half, 0.0));
                (bar_left - 8 - w as i32).max(left + 4)
            };
            crate::report::charts::label_backdrop(
                area,
                &super::data::Rect {
                    x: f64::from(x - 4),
                    y: f64::from(py - 2),
                    w: f64::from(w as i32 + 8),
                    h: 24.0,
                },
                0.85,
            )?;
            area.draw(&Text::new(text.clone(), (x, py), bold(19).color(&INK)))?;
            taken.push(super::data::Rect {
                x: f64::from(x - 4),
                y: f64::from(py - 2),
                w: f64::from(w as i32 + 8),
                h: 24.0,
            });
        }
        if let Some((at, text)) = &row.hump {
            let bar = row
                .hist
                .bin_of(*at)
                .map(|i| row.hist.counts[i] as f64 * 100.0 / d.paths.max(1) as f64)
                .unwrap_or(0.0);
            let (hx, hy) = chart.backend_coord(&(*at, bar));
            let (w, h) = area.estimate_text_size(text, &bold(19))?;
            let x = (hx - w as i32 / 2).clamp(left + 4, (right - w as i32 - 4).max(left + 4));
            let y = (hy - h as i32 - 16).max(top_px + 32);
            area.draw(&PathElement::new(
                vec![(hx, y + h as i32 + 2), (hx, hy - 2)],
                INK.stroke_width(2),
            ))?;
            area.draw(&Text::new(text.clone(), (x, y), bold(19).color(&INK)))?;
            taken.push(super::data::Rect {
                x: f64::from(x),
                y: f64::from(y),
                w: f64::from(w),
                h: f64::from(h + 2),
            });
            // Its leader line, as a sliver.
            taken.push(super::data::Rect {
                x: f64::from(hx - 2),
                y: f64::from(y),
                w: 4.0,
                h: f64::from(hy - y),
            });
        }
        if row.mean.is_finite() && row.mean >= lo && row.mean <= hi {
            mean_label(&chart, area, row, d, &cur, (lo, hi, top), &taken)?;
        }
        let _ = floor_px;
        // Beside the row: its numbers, and the labelled bar of shares.
        let mut y = 8;
        for line in &row.lines {
            y = paragraph(&side, line, &font(19), (14, y), PANEL - 28)?;
        }
        if let Some(split) = row.split {
            share_bar(&side, y + 6, split)?;
        }
    }
    Ok(())
}

/// The mean's line and its label, the label over the bars it spans (never
/// on them) and clear of the row's other labels in `taken`; the line runs
/// up to the label. Where no such place exists (bars nearly as tall as the
/// row everywhere), the label goes where it always went, at 62% of the
/// row's height, on a backdrop.
fn mean_label<DB: Backend, X, Y>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    area: &On<DB>,
    row: &Row,
    d: &Rows,
    cur: &str,
    (lo, hi, top): (f64, f64, f64),
    taken: &[super::data::Rect],
) -> DrawResult
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let text = format!(
        "{} {}",
        d.mean_words,
        signed_money(row.mean, cur, d.zero_line)
    );
    let (w, h) = area.estimate_text_size(&text, &font(19))?;
    let px = |x: f64, y: f64| {
        let (a, b) = chart.backend_coord(&(x, y));
        (f64::from(a), f64::from(b))
    };
    let (left, top_px) = px(lo, top);
    let (right, floor_px) = px(hi, 0.0);
    let scale = 100.0 / d.paths.max(1) as f64;
    let bars: Vec<_> = row
        .hist
        .counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let x0 = row.hist.lo + i as f64 * row.hist.width;
            let (a, t) = px(x0, n as f64 * scale);
            super::data::BarTop {
                x0: a,
                x1: px(x0 + row.hist.width, 0.0).0,
                top: t,
            }
        })
        .collect();
    let plot = super::data::Rect {
        x: left,
        y: top_px + 2.0,
        w: right - left,
        h: floor_px - top_px - 2.0,
    };
    let (mx, _) = px(row.mean, 0.0);
    // The text's box, with 3 px of room either side.
    let size = (f64::from(w) + 6.0, f64::from(h) + 2.0);
    // As high as it always was, 62% of the row, unless bars reach there.
    let (_, my) = px(row.mean, top * 0.62);
    let (rect, backdrop) = match super::data::label_over_bars(&bars, mx, size, my, &plot, taken) {
        Some(r) => (r, false),
        None => {
            let x = (mx - size.0 / 2.0).clamp(left + 4.0, (right - size.0 - 4.0).max(left + 4.0));
            let r = super::data::Rect {
                x,
                y: my - size.1,
                w: size.0,
                h: size.1,
            };
            (r, true)
        }
    };
    // Up to the label's foot when the label is over the line, else up to
    // its middle, beside it.
    let over = rect.x <= mx && mx <= rect.x + rect.w;
    let end = if over {
        rect.y + rect.h
    } else {
        rect.y + rect.h / 2.0
    };
    area.draw(&PathElement::new(
        vec![(mx as i32, floor_px as i32), (mx as i32, end as i32)],
        INK.stroke_width(3),
    ))?;
    if backdrop {
        super::label_backdrop(area, &rect, 0.85)?;
    }
    area.draw(&Text::new(
        text,
        ((rect.x + 3.0) as i32, (rect.y + rect.h) as i32 - 1),
        font(19).pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))?;
    Ok(())
}

/// Money with an explicit sign where a sign means something.
fn signed_money(x: f64, cur: &str, signed: bool) -> String {
    if signed && x > 0.0 {
        format!("+{}", money_short(x, cur))
    } else {
        money_short(x, cur)
    }
}

/// A bar of three shares, worse / the same / better, each labelled.
fn share_bar<DB: Backend>(side: &On<DB>, y: i32, [worse, same, better]: [f64; 3]) -> DrawResult {
    let (x0, width) = (14, PANEL as i32 - 40);
    let parts = [
        (worse, RGBColor(200, 200, 200), "worse"),
        (same, INK, "the dark bar"),
        (better, RGBColor(120, 120, 120), "better"),
    ];
    let mut x = x0;
    for (k, (share, fill, _)) in parts.iter().enumerate() {
        let w = if k == 2 {
            x0 + width - x
        } else {
            (share * width as f64).round() as i32
        };
        if w > 0 {
            side.draw(&Rectangle::new([(x, y), (x + w, y + 16)], fill.filled()))?;
        }
        x += w;
    }
    side.draw(&Rectangle::new(
        [(x0, y), (x0 + width, y + 16)],
        INK.stroke_width(1),
    ))?;
    let words = parts
        .iter()
        .filter(|(share, _, _)| *share >= 0.0005)
        .map(|(share, _, word)| format!("{} {word}", percent(*share)))
        .collect::<Vec<_>>()
        .join(" · ");
    side.draw(&Text::new(words, (x0, y + 22), font(17).color(&INK)))?;
    Ok(())
}
