//! `matrix.png`: the article's 2x2 decision matrix with this offer on it,
//! both verdicts, and the runway rule that may override the quadrant.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{BESIDE_RIGHT_FIRST, Rect, SplitAxis, gap_range, place_labels, spaced_ticks};
use super::{
    AXIS, Backend, DrawResult, GREY, INK, On, PANEL, SIZE, TICK, bold, font, header,
    label_backdrop, paragraph, text_colour, text_width, verdict_colour, wrap_px,
};
use crate::report::ScenarioReport;
use crate::report::format::{money_short, percent};
use crate::report::markdown::reason_text;
use crate::report::terminal::exposure;
use crate::verdict::{Quadrant, Runway, Verdict, toss_up_sentence};

/// Pixels of the plot rectangle of a matrix chart: left, top, right, bottom.
const PLOT: (i32, i32, i32, i32) = (130, 150, (SIZE.0 - PANEL) as i32 - 20, SIZE.1 as i32 - 110);

/// The matrix plane: the two stretched axes and the pixels they span.
pub(super) struct Plane {
    pub gap: SplitAxis,
    pub role: SplitAxis,
    /// Whether the thresholds are real (one set for every point drawn).
    pub thresholds: bool,
}

impl Plane {
    pub fn px(&self, gap: f64, role: f64) -> (i32, i32) {
        let (l, t, r, b) = PLOT;
        let x = l as f64 + self.gap.place(gap) * (r - l) as f64;
        let y = b as f64 - self.role.place(role) * (b - t) as f64;
        (x.round() as i32, y.round() as i32)
    }

    pub fn area() -> Rect {
        let (l, t, r, b) = PLOT;
        Rect {
            x: l as f64,
            y: t as f64,
            w: (r - l) as f64,
            h: (b - t) as f64,
        }
    }

    /// The rectangle of one quadrant, in pixels.
    pub fn quadrant(&self, q: Quadrant) -> Rect {
        let (l, t, r, b) = PLOT;
        let (mx, my) = ((l + r) / 2, (t + b) / 2);
        let (x0, x1) = match q {
            Quadrant::StrongSmall | Quadrant::WeakSmall => (l, mx),
            _ => (mx, r),
        };
        let (y0, y1) = match q {
            Quadrant::StrongSmall | Quadrant::StrongLarge => (t, my),
            _ => (my, b),
        };
        Rect {
            x: x0 as f64,
            y: y0 as f64,
            w: (x1 - x0) as f64,
            h: (y1 - y0) as f64,
        }
    }

    /// Frame, quadrant tints, threshold lines, ticks and axis titles.
    pub fn draw_frame<DB: Backend>(&self, area: &On<DB>) -> DrawResult {
        let (l, t, r, b) = PLOT;
        for q in QUADRANTS {
            let rect = self.quadrant(q);
            area.draw(&Rectangle::new(
                [
                    (rect.x as i32, rect.y as i32),
                    ((rect.x + rect.w) as i32, (rect.y + rect.h) as i32),
                ],
                verdict_colour(q.verdict()).mix(0.07).filled(),
            ))?;
        }
        area.draw(&Rectangle::new([(l, t), (r, b)], INK.stroke_width(2)))?;
        if self.thresholds {
            let (mx, my) = ((l + r) / 2, (t + b) / 2);
            area.draw(&PathElement::new(
                vec![(mx, t), (mx, b)],
                INK.stroke_width(3),
            ))?;
            area.draw(&PathElement::new(
                vec![(l, my), (r, my)],
                INK.stroke_width(3),
            ))?;
        }
        let tick = font(TICK).color(&GREY);
        let label = |g: f64| format!("{:.0}%", 100.0 * g);
        let ticks = spaced_ticks(&self.gap, f64::from(r - l), |g| {
            f64::from(text_width(&label(g), TICK, false))
        });
        for g in ticks {
            let (x, _) = self.px(g, self.role.lo);
            area.draw(&PathElement::new(
                vec![(x, b), (x, b + 8)],
                INK.stroke_width(2),
            ))?;
            area.draw(&Text::new(
                label(g),
                (x, b + 14),
                tick.pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        for k in 0..=10 {
            let s = k as f64 / 10.0;
            if s < self.role.lo || s > self.role.hi {
                continue;
            }
            let (_, y) = self.px(self.gap.lo, s);
            area.draw(&PathElement::new(
                vec![(l - 8, y), (l, y)],
                INK.stroke_width(2),
            ))?;
            area.draw(&Text::new(
                format!("{s:.1}"),
                (l - 14, y),
                tick.pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        area.draw(&Text::new(
            "Gap to your floor: how far below it the offer sits (negative: above it)",
            ((l + r) / 2, b + 56),
            font(AXIS).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        area.draw(&Text::new(
            "Strength of the role (0 weak, 1 strong)",
            (34, (t + b) / 2),
            font(AXIS)
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        Ok(())
    }
}

const QUADRANTS: [Quadrant; 4] = [
    Quadrant::StrongSmall,
    Quadrant::StrongLarge,
    Quadrant::WeakSmall,
    Quadrant::WeakLarge,
];

/// The quadrant's advice, short enough for a corner of the chart.
pub(super) fn short_actions(q: Quadrant) -> [&'static str; 3] {
    match q {
        Quadrant::StrongSmall => [
            "One well-aimed counter, then sign",
            "The last few % are not worth the goodwill",
            "Save that goodwill for your first raise",
        ],
        Quadrant::StrongLarge => [
            "Counter once, on total compensation",
            "Base stuck? Ask for equity, sign-on, leave",
            "Walk if the second offer does not move",
        ],
        Quadrant::WeakSmall => [
            "Walk, unless you have no leverage at all",
            "Do not sign just to have something",
            "Take stock of your search at week six",
        ],
        Quadrant::WeakLarge => [
            "Walk now: a counter is not worth it",
            "Close the process politely",
            "Spend the time on better-fitting roles",
        ],
    }
}

/// What the runway rule says for this candidate and whether it changed the
/// quadrant's answer.
pub fn runway_note(runway: Runway, months: Option<f64>, quadrant: Quadrant) -> String {
    let m = months.map(|m| format!("{m} months")).unwrap_or_default();
    let before = quadrant.verdict();
    match runway {
        Runway::Employed => {
            "Employed: there is no runway, so the runway rule does not apply.".into()
        }
        Runway::Long => format!("Runway {m}, six or more: the quadrant's answer stands."),
        Runway::Short if before == Verdict::Take => {
            format!("Runway {m}, three or less: take the offer, as the quadrant says.")
        }
        Runway::Short => format!(
            "Runway {m}, three or less: take the offer. This overrides the quadrant's {}.",
            before.words()
        ),
        Runway::Middle if before == Verdict::Walk => format!(
            "Runway {m}, between three and six: the quadrant's WALK becomes COUNTER, THEN DECIDE."
        ),
        Runway::Middle => format!(
            "Runway {m}, between three and six: only a walk would change, so the quadrant's {} stands.",
            before.words()
        ),
    }
}

/// How the flagged reasons moved the rule, if they did.
pub fn reasons_note(r: &ScenarioReport) -> String {
    let list = r
        .rule
        .real_reasons
        .iter()
        .map(|k| reason_text(k))
        .collect::<Vec<_>>()
        .join("; ");
    if list.is_empty() {
        "No real reason to walk is flagged.".into()
    } else if r.rule.reasons_overridden {
        format!("Real reason to walk: {list}. The short runway still says TAKE.")
    } else {
        format!("Real reason to walk: {list}. So the rule says WALK.")
    }
}

/// Quadrant text: title and short actions, at the top of the quadrant, or
/// at the bottom when the offer's marker would sit under it.
fn quadrant_text<DB: Backend>(
    area: &On<DB>,
    plane: &Plane,
    q: Quadrant,
    avoid: &Rect,
) -> Result<Rect, Box<dyn std::error::Error>> {
    let rect = plane.quadrant(q);
    let heading = format!("{}: {}", q.title(), q.verdict().words());
    let shade = text_colour(verdict_colour(q.verdict()));
    let heading_style = bold(24).color(&shade);
    let width = (rect.w - 36.0) as u32;
    let heading_lines = wrap_px(area, &heading, &heading_style, width);
    let block_h = 31.0 * heading_lines.len() as f64 + 3.0 * 27.0 + 12.0;
    let top = Rect {
        x: rect.x + 18.0,
        y: rect.y + 14.0,
        w: rect.w - 36.0,
        h: block_h,
    };
    let block = if top.overlaps(avoid) {
        Rect {
            y: rect.y + rect.h - block_h - 10.0,
            ..top
        }
    } else {
        top
    };
    let (x, mut y) = (block.x as i32, block.y as i32);
    for line in heading_lines {
        area.draw(&Text::new(line, (x, y), heading_style.clone()))?;
        y += 31;
    }
    y += 4;
    for line in short_actions(q) {
        area.draw(&Text::new(format!("- {line}"), (x, y), font(21)))?;
        y += 27;
    }
    Ok(block)
}

pub(super) fn draw<DB: Backend>(r: &ScenarioReport, area: &On<DB>) -> DrawResult {
    let s = &r.scenario;
    let d = &s.decision;
    let cur = s.currency.as_str();
    let gap = s.gap();
    let role = s.role_strength();
    let (glo, ghi) = gap_range(&[gap], &[d.small_gap]);
    let plane = Plane {
        gap: SplitAxis::new(glo, d.small_gap, ghi),
        role: SplitAxis::new(0.0, d.strong_role, 1.0),
        thresholds: true,
    };
    header(
        area,
        &format!(
            "{}: rule says {}, simulation says {}",
            s.name,
            r.rule.verdict.words(),
            r.sim.verdict.words()
        ),
        &format!(
            "The article's decision matrix. A gap is small up to {}; a role is strong from {:.2}. \
             The dot is this offer.",
            percent(d.small_gap),
            d.strong_role
        ),
    )?;
    plane.draw_frame(area)?;

    let (px, py) = plane.px(gap, role);
    let marker = Rect {
        x: px as f64 - 40.0,
        y: py as f64 - 40.0,
        w: 80.0,
        h: 80.0,
    };
    let mut blocks = Vec::new();
    for q in QUADRANTS {
        blocks.push(quadrant_text(area, &plane, q, &marker)?);
    }
    let gap_words = if gap >= 0.0 {
        format!("{} under your floor", percent(gap))
    } else {
        format!("{} over your floor", percent(-gap))
    };
    // Two short lines rather than one long one: the label then fits inside
    // the offer's own quadrant instead of spilling into the next.
    let label = [format!("This offer, role {role:.2}"), gap_words];
    let style = bold(24);
    let mut w = 0;
    let mut h = 0;
    for line in &label {
        let (lw, lh) = area.estimate_text_size(line, &style)?;
        w = w.max(lw);
        h = h.max(lh);
    }
    let line_h = h as f64 + 8.0;
    let placed = place_labels(
        &[(px as f64, py as f64)],
        &[(w as f64 + 12.0, 2.0 * line_h + 6.0)],
        // Inside the offer's own quadrant, so it cannot read as the next one's.
        plane.quadrant(r.rule.quadrant),
        26.0,
        &blocks,
        &BESIDE_RIGHT_FIRST,
    );
    if let Some(p) = placed.first() {
        let (cx, cy) = p.rect.center();
        if p.leader {
            area.draw(&PathElement::new(
                vec![(px, py), (cx as i32, cy as i32)],
                GREY.stroke_width(2),
            ))?;
        }
        label_backdrop(area, &p.rect, 0.9)?;
        for (k, line) in label.into_iter().enumerate() {
            let y = p.rect.y + 3.0 + line_h * (k as f64 + 0.5);
            area.draw(&Text::new(
                line,
                ((p.rect.x + 6.0) as i32, y as i32),
                style.pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
    }
    area.draw(&Circle::new((px, py), 13, INK.filled()))?;
    area.draw(&Circle::new((px, py), 8, WHITE.filled()))?;

    // The side panel: how each verdict came about.
    let x0 = (SIZE.0 - PANEL) as i32 + 10;
    let mut y = 150;
    let width = PANEL - 40;
    let say = |text: &str, style: TextStyle, y: &mut i32| -> DrawResult {
        *y = paragraph(area, text, &style, (x0, *y), width)?;
        Ok(())
    };
    say(
        &format!("Rule of thumb: {}", r.rule.verdict.words()),
        bold(25).color(&text_colour(verdict_colour(r.rule.verdict))),
        &mut y,
    )?;
    y += 6;
    say(
        &format!(
            "Quadrant: {}, so {}.",
            r.rule.quadrant.title().to_lowercase(),
            r.rule.quadrant.verdict().words()
        ),
        font(21),
        &mut y,
    )?;
    y += 8;
    say(
        &runway_note(r.rule.runway, s.search_runway_months(), r.rule.quadrant),
        font(21),
        &mut y,
    )?;
    y += 8;
    say(&reasons_note(r), font(21), &mut y)?;
    y += 30;
    say(
        &format!("Simulation: {}", r.sim.verdict.words()),
        bold(25).color(&text_colour(verdict_colour(r.sim.verdict))),
        &mut y,
    )?;
    y += 6;
    let pick = r.sim.strategy.label();
    let lead = match (r.sim.runner_up, r.sim.margin, r.sim.margin_se) {
        (Some(ru), Some(m), Some(se)) if m == 0.0 && se == 0.0 => format!(
            "{pick} has the best mean value; {} gives the same result on every path.",
            ru.label().to_lowercase()
        ),
        (Some(_), Some(_), Some(_)) if r.sim.won_toss_up() => format!(
            "A toss-up: {}.",
            toss_up_sentence(&r.sim, &|st| exposure(&r.summary(st)), &|x| money_short(
                x, cur
            ))
            .unwrap_or_default()
        ),
        (Some(ru), Some(m), Some(se)) => format!(
            "{pick} has the best mean value, {} ± {} ahead of {}.",
            money_short(m, cur),
            money_short(se, cur),
            ru.label().to_lowercase()
        ),
        _ => format!("{pick} is the only strategy within the runway risk allowed."),
    };
    say(&lead, font(21), &mut y)?;
    y += 8;
    let tied = if r.sim.tied_with.is_empty() {
        "No other strategy is statistically tied with it.".to_string()
    } else {
        format!(
            "Statistically tied: {}.",
            r.sim
                .tied_with
                .iter()
                .map(|t| t.label().to_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    say(&tied, font(21), &mut y)?;
    if !r.sim.toss_up_with.is_empty() && !r.sim.won_toss_up() {
        y += 8;
        say(
            &format!(
                "In the toss-up band (within {} of the best mean): {}.",
                money_short(r.sim.band, cur),
                r.sim
                    .toss_up_with
                    .iter()
                    .map(|t| t.label().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            font(21),
            &mut y,
        )?;
    }
    y += 30;
    say(
        if r.sim.agree {
            "The two verdicts agree."
        } else {
            "The two verdicts disagree: see report.md for why that can happen."
        },
        bold(22),
        &mut y,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runway_note_says_which_rule_applied_and_what_it_did() {
        let n = runway_note(Runway::Middle, Some(4.0), Quadrant::WeakLarge);
        assert!(
            n.contains("4 months") && n.contains("WALK becomes COUNTER, THEN DECIDE"),
            "{n}"
        );
        let n = runway_note(Runway::Middle, Some(4.0), Quadrant::StrongSmall);
        assert!(n.contains("TAKE stands"), "{n}");
        let n = runway_note(Runway::Short, Some(2.0), Quadrant::StrongLarge);
        assert!(
            n.contains("overrides the quadrant's COUNTER, THEN DECIDE"),
            "{n}"
        );
        let n = runway_note(Runway::Employed, None, Quadrant::WeakSmall);
        assert!(n.starts_with("Employed"), "{n}");
    }

    #[test]
    fn short_actions_fit_a_quadrant() {
        for q in QUADRANTS {
            for line in short_actions(q) {
                assert!(line.len() <= 42, "{line}");
            }
        }
    }
}
