//! `OUT/overview.png`: every scenario of the batch on one decision matrix,
//! its marker showing the simulation's verdict.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{Placement, Rect, SplitAxis, gap_range, place_labels};
use super::matrix::Plane;
use super::{
    Area, DrawResult, GREY, INK, PANEL, SIZE, bold, font, header, verdict_colour, verdict_words,
    wrap,
};
use crate::report::ScenarioReport;
use crate::verdict::Verdict;

/// Side of the square a marker occupies, for label placement.
const MARKER: f64 = 30.0;

fn marker(area: &Area, (x, y): (i32, i32), v: Verdict) -> DrawResult {
    let c = verdict_colour(v);
    match v {
        Verdict::Take => {
            area.draw(&Circle::new((x, y), 12, c.filled()))?;
            area.draw(&Circle::new((x, y), 12, WHITE.stroke_width(2)))?;
        }
        Verdict::CounterThenDecide => {
            area.draw(&TriangleMarker::new((x, y), 16, c.filled()))?;
        }
        Verdict::Walk => {
            area.draw(&Rectangle::new(
                [(x - 11, y - 11), (x + 11, y + 11)],
                c.filled(),
            ))?;
            area.draw(&Rectangle::new(
                [(x - 11, y - 11), (x + 11, y + 11)],
                WHITE.stroke_width(2),
            ))?;
        }
    }
    Ok(())
}

/// Label boxes for the scenarios, clear of each other and of every marker.
pub(super) fn label_positions(points: &[(f64, f64)], sizes: &[(f64, f64)]) -> Vec<Placement> {
    place_labels(points, sizes, Plane::area(), MARKER, &[])
}

pub(super) fn draw(reports: &[ScenarioReport], area: &Area) -> DrawResult {
    let Some(first) = reports.first() else {
        return Ok(());
    };
    let d0 = &first.scenario.decision;
    let common = reports.iter().all(|r| {
        r.scenario.decision.small_gap == d0.small_gap
            && r.scenario.decision.strong_role == d0.strong_role
    });
    let gaps: Vec<f64> = reports.iter().map(|r| r.scenario.gap()).collect();
    let roles: Vec<f64> = reports.iter().map(|r| r.scenario.role_strength()).collect();
    let smalls: Vec<f64> = reports
        .iter()
        .map(|r| r.scenario.decision.small_gap)
        .collect();
    let (glo, ghi) = gap_range(&gaps, &smalls);
    let plane = if common {
        Plane {
            gap: SplitAxis::new(glo, d0.small_gap, ghi),
            role: SplitAxis::new(0.0, d0.strong_role, 1.0),
            thresholds: true,
        }
    } else {
        // No single matrix: place points on plain axes.
        Plane {
            gap: SplitAxis::new(glo, (glo + ghi) / 2.0, ghi),
            role: SplitAxis::new(0.0, 0.5, 1.0),
            thresholds: false,
        }
    };
    header(
        area,
        &format!("{} scenarios on the decision matrix", reports.len()),
        &if common {
            format!(
                "Each marker is a scenario; its shape and colour give the simulation's verdict. \
                 A gap is small up to {:.0}%; a role is strong from {:.2}.",
                100.0 * d0.small_gap,
                d0.strong_role
            )
        } else {
            "Each marker is a scenario; its shape and colour give the simulation's verdict. \
             The scenarios use different thresholds, so no quadrant lines are drawn."
                .to_string()
        },
    )?;
    plane.draw_frame(area)?;
    if common {
        for q in [
            crate::verdict::Quadrant::StrongSmall,
            crate::verdict::Quadrant::StrongLarge,
            crate::verdict::Quadrant::WeakSmall,
            crate::verdict::Quadrant::WeakLarge,
        ] {
            let rect = plane.quadrant(q);
            let title = format!("{}: {}", q.title(), verdict_words(q.verdict()));
            let mut size = 22;
            while size > 14
                && area.estimate_text_size(&title, &bold(size))?.0 as f64 > rect.w - 24.0
            {
                size -= 1;
            }
            let shade = super::text_colour(verdict_colour(q.verdict()));
            area.draw(&Text::new(
                title,
                ((rect.x + rect.w / 2.0) as i32, (rect.y + 14.0) as i32),
                bold(size)
                    .color(&shade)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
    }

    let points: Vec<(f64, f64)> = gaps
        .iter()
        .zip(&roles)
        .map(|(&g, &s)| {
            let (x, y) = plane.px(g, s);
            (x as f64, y as f64)
        })
        .collect();
    let style = font(22);
    let names: Vec<String> = reports.iter().map(|r| r.scenario.name.clone()).collect();
    let mut sizes = Vec::new();
    for n in &names {
        let (w, h) = area.estimate_text_size(n, &style)?;
        sizes.push((w as f64 + 10.0, h as f64 + 8.0));
    }
    let mut placed = label_positions(&points, &sizes);
    // Quadrant titles must stay readable: a label that would cover one is
    // placed again with the titles as obstacles.
    if common {
        let titles: Vec<Rect> = [
            crate::verdict::Quadrant::StrongSmall,
            crate::verdict::Quadrant::StrongLarge,
            crate::verdict::Quadrant::WeakSmall,
            crate::verdict::Quadrant::WeakLarge,
        ]
        .iter()
        .map(|&q| {
            let r = plane.quadrant(q);
            Rect {
                x: r.x + r.w / 2.0 - 190.0,
                y: r.y + 10.0,
                w: 380.0,
                h: 34.0,
            }
        })
        .collect();
        if placed
            .iter()
            .any(|p| titles.iter().any(|t| t.overlaps(&p.rect)))
        {
            placed = place_labels(&points, &sizes, Plane::area(), MARKER, &titles);
        }
    }
    for ((p, &(x, y)), name) in placed.iter().zip(&points).zip(&names) {
        let (cx, cy) = p.rect.center();
        if p.leader {
            // From the marker's edge to the label's nearest side.
            let tx = cx.clamp(p.rect.x, p.rect.x + p.rect.w);
            let ty = if y < p.rect.y {
                p.rect.y
            } else if y > p.rect.y + p.rect.h {
                p.rect.y + p.rect.h
            } else {
                cy
            };
            let tx = if x < p.rect.x {
                p.rect.x
            } else if x > p.rect.x + p.rect.w {
                p.rect.x + p.rect.w
            } else {
                tx
            };
            area.draw(&PathElement::new(
                vec![(x as i32, y as i32), (tx as i32, ty as i32)],
                GREY.stroke_width(2),
            ))?;
        }
        area.draw(&Rectangle::new(
            [
                (p.rect.x as i32, p.rect.y as i32),
                ((p.rect.x + p.rect.w) as i32, (p.rect.y + p.rect.h) as i32),
            ],
            WHITE.mix(0.85).filled(),
        ))?;
        area.draw(&Text::new(
            name.clone(),
            (cx as i32, cy as i32),
            style.pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    for (r, &(x, y)) in reports.iter().zip(&points) {
        marker(area, (x as i32, y as i32), r.sim.verdict)?;
    }

    // Key to the markers, and where the rule of thumb disagrees.
    let x0 = (SIZE.0 - PANEL) as i32 + 20;
    let mut y = 160;
    area.draw(&Text::new("Simulation's verdict", (x0, y), bold(24)))?;
    y += 44;
    for v in [Verdict::Take, Verdict::CounterThenDecide, Verdict::Walk] {
        marker(area, (x0 + 14, y + 12), v)?;
        area.draw(&Text::new(verdict_words(v), (x0 + 44, y), font(22)))?;
        y += 42;
    }
    y += 20;
    let disagree: Vec<&ScenarioReport> = reports.iter().filter(|r| !r.sim.agree).collect();
    area.draw(&Text::new("Rule of thumb disagrees", (x0, y), bold(24)))?;
    y += 40;
    if disagree.is_empty() {
        area.draw(&Text::new("nowhere: the verdicts agree", (x0, y), font(21)))?;
    }
    for r in disagree {
        let text = format!(
            "{}: rule {}, simulation {}",
            r.scenario.name,
            verdict_words(r.rule.verdict),
            verdict_words(r.sim.verdict)
        );
        for line in wrap(&text, 38) {
            area.draw(&Text::new(line, (x0, y), font(20).color(&INK)))?;
            y += 26;
        }
        y += 8;
    }
    Ok(())
}
