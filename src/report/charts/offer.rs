//! `offer.png`: the verdict by offer. Each strategy's mean value minus
//! accepting's against the offer's recurring pay, from half to 1.5 times
//! the floor, with a band of two standard errors; the pick at each offer as
//! a strip along the bottom; the walk-away numbers, the floor and the
//! current offer as vertical markers.

use plotters::prelude::*;

use super::{
    AXIS, Backend, DrawResult, GREY, INK, LegendEntry, On, PANEL, SIZE, TICK, bold, colour, font,
    header, label_backdrop, legend, notes, text_colour, verdict_colour,
};
use crate::frontier::{Boundary, Frontier};
use crate::model::Strategy;
use crate::report::ScenarioReport;
use crate::report::format::group;
use crate::report::walkaway_block::{class_runs, k, k_se};
use crate::verdict::Verdict;

/// Standard errors either side of each curve in its band.
const BAND_SE: f64 = 2.0;

/// A vertical marker: where, its text, its colour and whether it is
/// dashed; `zone` is the half-width of a light zone around it (two
/// standard errors of a boundary).
struct Marker {
    at: f64,
    text: String,
    colour: RGBColor,
    dashed: bool,
    zone: f64,
}

fn boundary(b: &Boundary, words: &str, v: Verdict) -> Marker {
    Marker {
        at: b.at,
        text: format!("{words} {}", k_se(b.at, b.se)),
        colour: text_colour(verdict_colour(v)),
        dashed: true,
        zone: BAND_SE * b.se,
    }
}

/// The markers of a frontier, left to right.
fn markers(f: &Frontier) -> Vec<Marker> {
    let mut v = Vec::new();
    if let Some(w) = &f.walk_below {
        v.push(boundary(w, "walk below", Verdict::Walk));
    }
    if let Some(t) = &f.take_at {
        v.push(boundary(t, "sign from", Verdict::Take));
    }
    v.push(Marker {
        at: f.floor,
        text: format!("your floor: {}", k(f.floor)),
        colour: GREY,
        dashed: true,
        zone: 0.0,
    });
    v.push(Marker {
        at: f.offer_comp,
        text: format!("your offer: {}", k(f.offer_comp)),
        colour: INK,
        dashed: false,
        zone: 0.0,
    });
    v.sort_by(|a, b| a.at.total_cmp(&b.at));
    v
}

/// The x range: the bands' (half to 1.5 times the floor), widened to show
/// an offer outside it.
fn x_range(f: &Frontier) -> (f64, f64) {
    let (mut lo, mut hi) = match (f.bands.first(), f.bands.last()) {
        (Some(a), Some(b)) => (a.c0_lo, b.c0_hi),
        _ => (0.5 * f.floor, 1.5 * f.floor),
    };
    let pad = 0.03 * (hi - lo).max(1.0);
    if f.offer_comp < lo {
        lo = f.offer_comp - pad;
    }
    if f.offer_comp > hi {
        hi = f.offer_comp + pad;
    }
    (lo, hi)
}

/// The y range of the curves and their bands, zero included, with room
/// below for the pick strip (returned as its top) and above for labels.
fn y_range(f: &Frontier) -> (f64, f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for p in &f.curve {
        for st in Strategy::ALL {
            let (d, se) = (p.diff[st], BAND_SE * p.diff_se[st]);
            if (d - se).is_finite() && (d + se).is_finite() {
                lo = lo.min(d - se);
                hi = hi.max(d + se);
            }
        }
    }
    if hi - lo < 1.0 {
        (lo, hi) = (lo - 500.0, hi + 500.0);
    }
    let span = hi - lo;
    let strip_top = lo - 0.04 * span;
    (strip_top - 0.08 * span, strip_top, hi + 0.22 * span)
}

pub(super) fn draw<DB: Backend>(r: &ScenarioReport, area: &On<DB>) -> DrawResult {
    let Some(f) = &r.frontier else {
        return Ok(());
    };
    let s = &r.scenario;
    let cur = s.currency.as_str();
    let body = header(
        area,
        &format!("{}: the verdict by offer", s.name),
        &format!(
            "Each strategy's mean value minus accepting's, at offers from half to 1.5 times \
             your floor ({} careers per offer, the same worlds for every offer).",
            group(f.frontier_paths)
        ),
    )?;
    let (plot, panel) = body.split_horizontally(SIZE.0 - PANEL);
    let (x_lo, x_hi) = x_range(f);
    let (y_lo, strip_top, y_hi) = y_range(f);
    // No money label on or just above the strip, which is not on that scale.
    let label_floor = strip_top + 0.03 * (y_hi - y_lo);
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(20)
        .margin_right(30)
        .margin_top(10)
        .margin_bottom(10)
        .x_label_area_size(80)
        .y_label_area_size(110)
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?;
    chart
        .configure_mesh()
        .x_labels(11)
        .y_labels(9)
        .x_label_formatter(&|x| k(*x))
        .y_label_formatter(&|y| {
            if *y < label_floor {
                String::new()
            } else if *y > 0.0 {
                format!("+{}", k(*y))
            } else {
                k(*y)
            }
        })
        .x_desc(format!(
            "The offer's recurring pay ({cur} a year: base, bonus and equity)"
        ))
        .y_desc(format!(
            "Mean value minus accepting's ({cur}, discounted, {} years)",
            s.career.horizon_years
        ))
        .label_style(font(TICK))
        .axis_desc_style(font(AXIS))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()?;
    // The strip is not on the money scale: rub out any tick mark the mesh
    // put beside it (its label is already blank).
    let (axis_px, strip_top_px) = chart.backend_coord(&(x_lo, label_floor));
    let (_, floor_px) = chart.backend_coord(&(x_lo, y_lo));
    area.draw(&Rectangle::new(
        [
            (axis_px - 16, strip_top_px + 1),
            (axis_px - 1, floor_px - 1),
        ],
        WHITE.filled(),
    ))?;

    // The pick at each offer, as a strip along the bottom.
    for b in &f.bands {
        let col = colour(b.strategy);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(b.c0_lo, y_lo), (b.c0_hi, strip_top)],
            col.mix(0.75).filled(),
        )))?;
    }
    // Zones of two standard errors around the boundaries.
    let marks = markers(f);
    for m in marks.iter().filter(|m| m.zone > 0.0) {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(m.at - m.zone, strip_top), (m.at + m.zone, y_hi)],
            m.colour.mix(0.10).filled(),
        )))?;
    }
    // Accepting is the zero line.
    chart.draw_series(LineSeries::new(
        vec![(x_lo, 0.0), (x_hi, 0.0)],
        colour(Strategy::Accept).stroke_width(3),
    ))?;
    let others: Vec<Strategy> = Strategy::ALL
        .into_iter()
        .filter(|&st| st != Strategy::Accept)
        .collect();
    for &st in &others {
        let col = colour(st);
        let upper = f
            .curve
            .iter()
            .map(|p| (p.c0, p.diff[st] + BAND_SE * p.diff_se[st]));
        let lower = f
            .curve
            .iter()
            .rev()
            .map(|p| (p.c0, p.diff[st] - BAND_SE * p.diff_se[st]));
        chart.draw_series(std::iter::once(Polygon::new(
            upper.chain(lower).collect::<Vec<_>>(),
            col.mix(0.14),
        )))?;
    }
    for &st in &others {
        chart.draw_series(LineSeries::new(
            f.curve.iter().map(|p| (p.c0, p.diff[st])),
            colour(st).stroke_width(3),
        ))?;
    }

    // The markers, their labels stacked in rows at the top where they
    // would overlap.
    let (_, top_px) = chart.backend_coord(&(x_lo, y_hi));
    let (_, strip_px) = chart.backend_coord(&(x_lo, strip_top));
    let (left_px, _) = chart.backend_coord(&(x_lo, y_hi));
    let (right_px, _) = chart.backend_coord(&(x_hi, y_hi));
    let inside = |m: &&Marker| m.at >= x_lo && m.at <= x_hi;
    // Labels first, stacked in rows where they would overlap; each line
    // then stops under its own label instead of running through it.
    let mut row_ends: Vec<i32> = Vec::new();
    let mut labels = Vec::new();
    for m in marks.iter().filter(inside) {
        let text_style = bold(21).color(&m.colour);
        let (w, h) = area.estimate_text_size(&m.text, &text_style)?;
        let (w, h) = (w as i32, h as i32);
        let (x_px, _) = chart.backend_coord(&(m.at, y_hi));
        // Centred on the line, kept inside the plot.
        let x = (x_px - w / 2).clamp(left_px + 4, (right_px - w - 4).max(left_px + 4));
        let row = row_ends
            .iter()
            .position(|&end| end + 16 <= x)
            .unwrap_or(row_ends.len());
        if row == row_ends.len() {
            row_ends.push(x + w);
        } else {
            row_ends[row] = x + w;
        }
        let y = top_px + 8 + row as i32 * (h + 14);
        labels.push((m, x, y, w, h, text_style));
    }
    let (_, bottom_px) = chart.backend_coord(&(x_lo, y_lo));
    let per_px = (y_hi - y_lo) / f64::from((bottom_px - top_px).max(1));
    for (m, ..) in &labels {
        // The offer runs through the strip too, to show the pick there.
        let foot = if m.dashed { strip_top } else { y_lo };
        let (x_px, _) = chart.backend_coord(&(m.at, y_hi));
        // Up to the lowest label over the line, if any.
        let head_px = labels
            .iter()
            .filter(|l| (l.1..=l.1 + l.3).contains(&x_px))
            .map(|l| l.2 + l.4 + 6)
            .max()
            .unwrap_or(top_px);
        let head = y_hi - f64::from(head_px - top_px) * per_px;
        let line = vec![(m.at, foot), (m.at, head)];
        if m.dashed {
            chart.draw_series(DashedLineSeries::new(line, 12, 8, m.colour.stroke_width(3)))?;
        } else {
            chart.draw_series(LineSeries::new(line, m.colour.stroke_width(4)))?;
        }
    }
    for (m, x, y, w, h, text_style) in labels {
        label_backdrop(
            area,
            &super::data::Rect {
                x: f64::from(x - 5),
                y: f64::from(y - 3),
                w: f64::from(w + 10),
                h: f64::from(h + 8),
            },
            // Opaque: no other line shows through a label either.
            1.0,
        )?;
        area.draw(&Text::new(m.text.clone(), (x, y), text_style))?;
    }
    // Names of the picks on the strip where they fit.
    for b in &f.bands {
        let (x0, _) = chart.backend_coord(&(b.c0_lo.max(x_lo), y_lo));
        let (x1, _) = chart.backend_coord(&(b.c0_hi.min(x_hi), y_lo));
        let text = b.strategy.label().to_string();
        let style = bold(18).color(&WHITE);
        let (w, h) = area.estimate_text_size(&text, &style)?;
        if (x1 - x0) > w as i32 + 12 {
            area.draw(&Text::new(
                text,
                (
                    (x0 + x1 - w as i32) / 2,
                    (strip_px + bottom_px - h as i32) / 2,
                ),
                bold(18).color(&INK),
            ))?;
        }
    }

    // The legend: each strategy, where it is the pick.
    let runs = |st: Strategy| -> Vec<String> {
        f.bands
            .iter()
            .filter(|b| b.strategy == st)
            .map(|b| format!("{} to {}", k(b.c0_lo), k(b.c0_hi)))
            .collect()
    };
    let entries: Vec<LegendEntry> = Strategy::ALL
        .into_iter()
        .map(|st| {
            let mut lines = Vec::new();
            if st == Strategy::Accept {
                lines.push("the zero line".to_string());
            }
            let where_ = runs(st);
            lines.push(if where_.is_empty() {
                "never the pick here".to_string()
            } else {
                format!("the pick from {}", where_.join(", "))
            });
            LegendEntry::new(st, lines)
        })
        .collect();
    let y = legend(&panel, 20, &entries)?;
    let classes = class_runs(f);
    let mut lines = vec![
        format!("Light bands: ± {BAND_SE} standard errors of each difference."),
        "The strip at the bottom: the pick at each offer, in its colour.".to_string(),
        "Dashed: the walk-away numbers (± one standard error, the zone around them two) and \
         your floor; solid: your offer."
            .to_string(),
    ];
    if f.take_at.is_none() && !classes.iter().any(|c| c.2 == Verdict::Take) {
        lines.push("The simulation never says sign in this range.".to_string());
    }
    lines.push(
        "The pick is not always the highest curve: a strategy whose runway risk is too high \
         is never picked."
            .to_string(),
    );
    notes(&panel, y + 4, &lines)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::charts::tests::report;
    use crate::report::walkaway_block::tests::hand;
    use Strategy::{Accept, CounterAccept, CounterWalk, Walk};

    #[test]
    fn markers_are_sorted_and_labelled_with_their_errors() {
        let f = hand(
            &[
                (82_500.0, Walk),
                (142_000.0, CounterWalk),
                (171_000.0, CounterAccept),
                (200_000.0, Accept),
            ],
            2_000.0,
        );
        let m = markers(&f);
        let texts: Vec<&str> = m.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "walk below 142k ± 2k",
                "your offer: 150k",
                "your floor: 165k",
                "sign from 171k ± 2k"
            ]
        );
        assert_eq!(m[0].zone, 4_000.0);
        let (lo, strip, hi) = y_range(&f);
        assert!(lo < strip && strip < 0.0 && hi > 0.0);
        assert_eq!(x_range(&f), (82_500.0, 247_500.0));
    }

    #[test]
    fn an_offer_outside_the_range_widens_it() {
        let mut f = hand(&[(82_500.0, CounterWalk)], 1_000.0);
        f.offer_comp = 300_000.0;
        let (lo, hi) = x_range(&f);
        assert_eq!(lo, 82_500.0);
        assert!(hi > 300_000.0);
    }

    /// Draws the chart for hand-built frontiers; with
    /// WALKAWAY_KEEP_CHARTS=/some/dir the pictures are kept for a look.
    #[test]
    fn draws_every_shape_of_frontier() {
        super::super::fonts().unwrap();
        let mut r = report("scenarios/middle-runway.toml", 500);
        let cases = [
            (
                "both",
                hand(
                    &[
                        (82_500.0, Walk),
                        (142_000.0, CounterWalk),
                        (171_000.0, CounterAccept),
                        (200_000.0, Accept),
                    ],
                    2_000.0,
                ),
            ),
            ("none", hand(&[(82_500.0, CounterWalk)], 1_000.0)),
            (
                "narrow",
                hand(
                    &[
                        (82_500.0, Walk),
                        (160_000.0, CounterWalk),
                        (161_500.0, Accept),
                    ],
                    400.0,
                ),
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (name, f) in cases {
            r.frontier = Some(f);
            let path = dir.path().join(format!("offer-{name}.png"));
            super::super::render(&path, |area| draw(&r, area)).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
                .read_info()
                .unwrap();
            let mut buf = vec![0; reader.output_buffer_size()];
            let info = reader.next_frame(&mut buf).unwrap();
            assert_eq!((info.width, info.height), SIZE);
            let px: Vec<&[u8]> = buf[..info.buffer_size()].chunks_exact(3).collect();
            let inked = px.iter().filter(|p| **p != [255, 255, 255]).count();
            assert!(inked as f64 / px.len() as f64 > 0.05, "{name}: blank");
            // The strip shows the pick's colour at the bottom of the plot.
            let has = |c: RGBColor| {
                let want = c.mix(0.75);
                let rgb = want.rgb();
                let blend = |v: u8| (f64::from(v) * 0.75 + 255.0 * 0.25).round() as i32;
                px.iter().any(|p| {
                    (i32::from(p[0]) - blend(rgb.0)).abs() <= 2
                        && (i32::from(p[1]) - blend(rgb.1)).abs() <= 2
                        && (i32::from(p[2]) - blend(rgb.2)).abs() <= 2
                })
            };
            assert!(has(colour(CounterWalk)), "{name}: no counter-walk strip");
            if let Some(keep) = std::env::var_os("WALKAWAY_KEEP_CHARTS") {
                std::fs::copy(
                    &path,
                    std::path::Path::new(&keep).join(format!("offer-{name}.png")),
                )
                .unwrap();
            }
        }
    }
}
