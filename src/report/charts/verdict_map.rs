//! A heatmap of picks: each cell of a two-input grid coloured by the
//! strategy the simulation picks there (lighter where the pick is a close
//! call), the rule of thumb's lines over it with its verdict written in
//! each region, and the scenario itself as a dot. `map_role.png` and
//! `map_runway.png` are drawn with it ([`write_map`]); any other grid of
//! picks can be too ([`Heatmap`], [`write`]).

use std::io;
use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    AXIS, Area, DrawResult, GREY, INK, LEGEND, PANEL, SIZE, TICK, bold, colour, font, fonts,
    header, label_backdrop, notes, paragraph, render, text_colour, verdict_colour,
};
use crate::model::Strategy;
use crate::report::charts::data::Rect;
use crate::report::format::{group, percent};
use crate::scenario::Scenario;
use crate::sensitivity::maps::{MapKind, VerdictMap};
use crate::verdict::Verdict;

/// One axis of a heatmap.
#[derive(Debug, Clone)]
pub struct HeatAxis {
    /// What the axis is, in words.
    pub title: String,
    /// The cells' centres, evenly spaced, low to high (at least two).
    pub values: Vec<f64>,
    /// Where ticks go, and how a value is written at one.
    pub ticks: Vec<f64>,
    pub label: fn(f64) -> String,
}

impl HeatAxis {
    fn step(&self) -> f64 {
        self.values[1] - self.values[0]
    }

    /// The axis' extent: half a cell beyond the first and last centres.
    pub fn range(&self) -> (f64, f64) {
        let h = 0.5 * self.step();
        (self.values[0] - h, self.values[self.values.len() - 1] + h)
    }

    /// Where `v` falls in the extent, 0 to 1.
    fn place(&self, v: f64) -> f64 {
        let (lo, hi) = self.range();
        (v - lo) / (hi - lo)
    }
}

/// A region of the plane with the rule's verdict in it.
#[derive(Debug, Clone)]
pub struct RuleRegion {
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub verdict: Verdict,
}

/// Everything a heatmap of picks shows.
#[derive(Debug, Clone)]
pub struct Heatmap {
    pub title: String,
    pub subtitle: String,
    pub x: HeatAxis,
    pub y: HeatAxis,
    /// `picks[i * y.values.len() + j]` is the pick at
    /// `(x.values[i], y.values[j])`.
    pub picks: Vec<Strategy>,
    /// Per cell, as `picks`: the pick is statistically tied with another
    /// strategy or inside its toss-up band (drawn lighter).
    pub close: Vec<bool>,
    /// The rule of thumb's thresholds on either axis.
    pub x_lines: Vec<f64>,
    pub y_lines: Vec<f64>,
    /// The rule's verdict in each region between those lines.
    pub regions: Vec<RuleRegion>,
    /// The scenario itself, with what to call it.
    pub dot: Option<((f64, f64), String)>,
    /// Lines of small print under the legend.
    pub notes: Vec<String>,
}

/// Pixels of the plot rectangle: left, top, right, bottom.
const PLOT: (i32, i32, i32, i32) = (130, 150, (SIZE.0 - PANEL) as i32 - 20, SIZE.1 as i32 - 110);

/// How much of the way to white a close call's colour is taken.
const LIGHTER: f64 = 0.6;

/// A palette colour lightened for a close call.
pub(crate) fn lighter(c: RGBColor) -> RGBColor {
    let l = |v: u8| (f64::from(v) + (255.0 - f64::from(v)) * LIGHTER).round() as u8;
    RGBColor(l(c.0), l(c.1), l(c.2))
}

impl Heatmap {
    /// Pixel x of value `x` and pixel y of value `y`.
    fn px(&self, x: f64, y: f64) -> (i32, i32) {
        let (l, t, r, b) = PLOT;
        let px = l as f64 + self.x.place(x) * (r - l) as f64;
        let py = b as f64 - self.y.place(y) * (b - t) as f64;
        (px.round() as i32, py.round() as i32)
    }

    fn cells(&self, area: &Area) -> DrawResult {
        let (nx, ny) = (self.x.values.len(), self.y.values.len());
        let (hx, hy) = (0.5 * self.x.step(), 0.5 * self.y.step());
        for i in 0..nx {
            for j in 0..ny {
                let k = i * ny + j;
                let (x, y) = (self.x.values[i], self.y.values[j]);
                let (x0, y0) = self.px(x - hx, y + hy);
                let (x1, y1) = self.px(x + hx, y - hy);
                let c = colour(self.picks[k]);
                let c = if self.close[k] { lighter(c) } else { c };
                area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled()))?;
            }
        }
        Ok(())
    }

    fn frame(&self, area: &Area) -> DrawResult {
        let (l, t, r, b) = PLOT;
        area.draw(&Rectangle::new([(l, t), (r, b)], INK.stroke_width(2)))?;
        let tick = font(TICK).color(&GREY);
        for &v in &self.x.ticks {
            let (x, _) = self.px(v, self.y.values[0]);
            area.draw(&PathElement::new(
                vec![(x, b), (x, b + 8)],
                INK.stroke_width(2),
            ))?;
            area.draw(&Text::new(
                (self.x.label)(v),
                (x, b + 14),
                tick.pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        for &v in &self.y.ticks {
            let (_, y) = self.px(self.x.values[0], v);
            area.draw(&PathElement::new(
                vec![(l - 8, y), (l, y)],
                INK.stroke_width(2),
            ))?;
            area.draw(&Text::new(
                (self.y.label)(v),
                (l - 14, y),
                tick.pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        area.draw(&Text::new(
            self.x.title.clone(),
            ((l + r) / 2, b + 56),
            font(AXIS).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        area.draw(&Text::new(
            self.y.title.clone(),
            (34, (t + b) / 2),
            font(AXIS)
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        Ok(())
    }

    /// The rule's lines, white-edged so they show on every colour.
    fn lines(&self, area: &Area) -> DrawResult {
        let (l, t, r, b) = PLOT;
        let mut segments = Vec::new();
        for &v in &self.x_lines {
            let (x, _) = self.px(v, 0.0);
            segments.push([(x, t), (x, b)]);
        }
        for &v in &self.y_lines {
            let (_, y) = self.px(0.0, v);
            segments.push([(l, y), (r, y)]);
        }
        for s in &segments {
            area.draw(&PathElement::new(s.to_vec(), WHITE.stroke_width(8)))?;
        }
        for s in &segments {
            area.draw(&PathElement::new(s.to_vec(), INK.stroke_width(3)))?;
        }
        Ok(())
    }

    /// The rule's verdict in each region large enough to hold it.
    fn region_labels(&self, area: &Area) -> DrawResult {
        for reg in &self.regions {
            let (x0, y0) = self.px(reg.x.0, reg.y.1);
            let (x1, y1) = self.px(reg.x.1, reg.y.0);
            let text = format!("rule: {}", reg.verdict.words());
            let mut size = 24;
            let fits = |size: u32| -> Result<Option<(u32, u32)>, Box<dyn std::error::Error>> {
                let (w, h) = area.estimate_text_size(&text, &bold(size))?;
                Ok((w as i32 + 16 <= x1 - x0 && h as i32 + 10 <= y1 - y0).then_some((w, h)))
            };
            let mut found = fits(size)?;
            while found.is_none() && size > 15 {
                size -= 1;
                found = fits(size)?;
            }
            let Some((w, h)) = found else { continue };
            let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
            let rect = Rect {
                x: f64::from(cx) - f64::from(w) / 2.0 - 6.0,
                y: f64::from(cy) - f64::from(h) / 2.0 - 4.0,
                w: f64::from(w) + 12.0,
                h: f64::from(h) + 8.0,
            };
            label_backdrop(area, &rect, 0.85)?;
            area.draw(&Text::new(
                text,
                (cx, cy),
                bold(size)
                    .color(&text_colour(verdict_colour(reg.verdict)))
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        Ok(())
    }

    /// The scenario's dot, pinned to the edge (and said so) when it lies
    /// outside the grid.
    fn dot(&self, area: &Area) -> DrawResult {
        let Some(((x, y), name)) = &self.dot else {
            return Ok(());
        };
        let (xl, xh) = self.x.range();
        let (yl, yh) = self.y.range();
        let inside = (xl..=xh).contains(x) && (yl..=yh).contains(y);
        let (px, py) = self.px(x.clamp(xl, xh), y.clamp(yl, yh));
        area.draw(&Circle::new((px, py), 14, WHITE.filled()))?;
        area.draw(&Circle::new((px, py), 11, INK.filled()))?;
        area.draw(&Circle::new((px, py), 5, WHITE.filled()))?;
        let text = if inside {
            name.clone()
        } else {
            format!("{name} (off the map, shown at its edge)")
        };
        let style = bold(21);
        let (w, h) = area.estimate_text_size(&text, &style)?;
        let (l, t, r, _) = PLOT;
        // Right of the dot, or left of it near the right edge; above it near
        // the top.
        let x0 = if px + 22 + w as i32 + 12 <= r {
            px + 22
        } else {
            (px - 22 - w as i32 - 12).max(l)
        };
        let y0 = if py - 40 - (h as i32) < t {
            py + 20
        } else {
            py - 20 - h as i32 - 8
        };
        let rect = Rect {
            x: f64::from(x0),
            y: f64::from(y0),
            w: f64::from(w) + 12.0,
            h: f64::from(h) + 8.0,
        };
        label_backdrop(area, &rect, 0.9)?;
        area.draw(&Text::new(text, (x0 + 6, y0 + 4), style))?;
        Ok(())
    }

    /// The legend panel: the strategies' colours, the lighter shade, the
    /// lines and the dot, then the notes.
    fn legend(&self, area: &Area) -> DrawResult {
        let x0 = (SIZE.0 - PANEL) as i32 + 10;
        let mut y = 150;
        area.draw(&Text::new("The simulation picks", (x0, y), bold(LEGEND)))?;
        y += 38;
        for s in Strategy::ALL {
            let c = colour(s);
            area.draw(&Rectangle::new([(x0, y), (x0 + 26, y + 26)], c.filled()))?;
            area.draw(&Rectangle::new(
                [(x0 + 30, y), (x0 + 56, y + 26)],
                lighter(c).filled(),
            ))?;
            area.draw(&Text::new(s.label(), (x0 + 68, y + 2), font(LEGEND)))?;
            y += 38;
        }
        y += 4;
        let width = PANEL - 40;
        y = paragraph(
            area,
            "Lighter: a close call, where another strategy is statistically tied with the pick \
             or inside its toss-up band.",
            &font(LEGEND - 3),
            (x0, y),
            width,
        )?;
        y += 14;
        area.draw(&PathElement::new(
            vec![(x0, y + 12), (x0 + 56, y + 12)],
            INK.stroke_width(3),
        ))?;
        y = paragraph(
            area,
            "The rule of thumb's thresholds; its verdict is written in each region.",
            &font(LEGEND - 3),
            (x0 + 68, y),
            width - 68,
        )?;
        y += 14;
        if self.dot.is_some() {
            area.draw(&Circle::new((x0 + 28, y + 12), 11, INK.filled()))?;
            area.draw(&Circle::new((x0 + 28, y + 12), 5, WHITE.filled()))?;
            y = paragraph(
                area,
                "This scenario as it is.",
                &font(LEGEND - 3),
                (x0 + 68, y),
                width - 68,
            )?;
        }
        y += 20;
        let panel = area
            .clone()
            .shrink(((SIZE.0 - PANEL) as i32, 0), (PANEL, SIZE.1));
        notes(&panel, y, &self.notes)?;
        Ok(())
    }
}

/// Draws heatmap `h`.
pub fn draw(h: &Heatmap, area: &Area) -> DrawResult {
    header(area, &h.title, &h.subtitle)?;
    h.cells(area)?;
    h.frame(area)?;
    h.lines(area)?;
    h.region_labels(area)?;
    h.dot(area)?;
    h.legend(area)?;
    Ok(())
}

/// Draws heatmap `h` into the PNG file `path`, atomically.
pub fn write(path: &Path, h: &Heatmap) -> io::Result<()> {
    fonts()?;
    render(path, |area| draw(h, area))
}

fn two_places(v: f64) -> String {
    format!("{v:.2}")
}

fn one_place(v: f64) -> String {
    format!("{v:.1}")
}

fn months(v: f64) -> String {
    format!("{v:.0}")
}

/// The heatmap of verdict map `m` of scenario `s`.
pub fn map_heatmap(s: &Scenario, m: &VerdictMap) -> Heatmap {
    let x = HeatAxis {
        title: "The offer's recurring pay as a share of your floor (C0 / floor)".into(),
        values: m.xs.clone(),
        ticks: (0..=8).map(|k| (70 + 5 * k) as f64 / 100.0).collect(),
        label: two_places,
    };
    let (y, what) = match m.kind {
        MapKind::Role => (
            HeatAxis {
                title: "Strength of the role (0 weak, 1 strong)".into(),
                values: m.ys.clone(),
                ticks: (0..=10).map(|k| k as f64 / 10.0).collect(),
                label: one_place,
            },
            "offer and role strength",
        ),
        MapKind::Runway => (
            HeatAxis {
                title: "Runway: months you can live without pay".into(),
                values: m.ys.clone(),
                ticks: (0..=12).map(f64::from).collect(),
                label: months,
            },
            "offer and runway",
        ),
    };
    let d = &s.decision;
    let lines = match m.kind {
        MapKind::Role => format!(
            "Lines: the gap is small from C0 / floor = {:.2} (a gap of {}), the role strong from {:.2}.",
            1.0 - d.small_gap,
            percent(d.small_gap),
            d.strong_role
        ),
        MapKind::Runway => format!(
            "Lines: the gap is small from C0 / floor = {:.2} (a gap of {}); runway 3 and 6 months.",
            1.0 - d.small_gap,
            percent(d.small_gap),
        ),
    };
    let held = match m.kind {
        MapKind::Role => match s.search_runway_months() {
            Some(r) => format!("Runway held at {r} months."),
            None => "Employed: no runway.".into(),
        },
        MapKind::Runway => format!("Role strength held at {:.2}.", s.role_strength()),
    };
    let mut notes = vec![
        format!(
            "Each cell is a run of {} paths at seed {}, the scenario edited to that offer and {}.",
            group(m.paths),
            m.seed,
            match m.kind {
                MapKind::Role => "role strength",
                MapKind::Runway => "runway",
            }
        ),
        held,
    ];
    if !s.reasons.real_flagged().is_empty() {
        notes.push(
            "A real reason to walk is flagged, so the rule says WALK wherever the runway allows."
                .into(),
        );
    }
    Heatmap {
        title: format!("{}: the pick by {what}", s.name),
        subtitle: lines,
        x,
        y,
        picks: m.cells.iter().map(|c| c.pick).collect(),
        close: m.cells.iter().map(|c| c.close()).collect(),
        x_lines: m.x_lines.clone(),
        y_lines: m.y_lines.clone(),
        regions: m
            .regions
            .iter()
            .map(|r| RuleRegion {
                x: r.x,
                y: r.y,
                verdict: r.rule,
            })
            .collect(),
        dot: Some((m.own, "this offer".into())),
        notes,
    }
}

/// Draws `map_role.png` or `map_runway.png`.
pub fn write_map(path: &Path, s: &Scenario, m: &VerdictMap) -> io::Result<()> {
    write(path, &map_heatmap(s, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lighter_keeps_the_hue_and_moves_towards_white() {
        let c = lighter(RGBColor(0, 114, 178));
        assert_eq!(c, RGBColor(153, 199, 224));
        assert_eq!(lighter(WHITE), WHITE);
    }

    #[test]
    fn axis_extent_is_half_a_cell_beyond_the_centres() {
        let a = HeatAxis {
            title: String::new(),
            values: vec![0.0, 0.5, 1.0],
            ticks: vec![],
            label: one_place,
        };
        assert_eq!(a.range(), (-0.25, 1.25));
        assert_eq!(a.place(0.5), 0.5);
    }
}
