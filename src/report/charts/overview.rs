//! `OUT/overview.png`: every scenario of the batch on one decision matrix,
//! its marker showing the simulation's verdict.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{BESIDE, Placement, Rect, SplitAxis, gap_range, place_labels};
use super::matrix::Plane;
use super::{
    Backend, DrawResult, GREY, INK, On, PANEL, SIZE, bold, font, header, label_backdrop,
    verdict_colour, wrap,
};
use crate::report::BatchRow;
use crate::report::format::money_short;
use crate::report::terminal::exposure;
use crate::scenario::Scenario;
use crate::verdict::{Quadrant, Verdict, toss_up_sentence};

/// Side of the square a marker occupies, for label placement.
const MARKER: f64 = 30.0;
/// Font size of the scenario labels.
const LABEL: u32 = 22;

fn marker<DB: Backend>(area: &On<DB>, (x, y): (i32, i32), v: Verdict) -> DrawResult {
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

/// The plane for a batch: the shared thresholds in the middle when every
/// scenario uses the same ones; plain axes otherwise.
pub(super) fn plane_for(scenarios: &[&Scenario]) -> Plane {
    let gaps: Vec<f64> = scenarios.iter().map(|s| s.gap()).collect();
    let smalls: Vec<f64> = scenarios.iter().map(|s| s.decision.small_gap).collect();
    let (glo, ghi) = gap_range(&gaps, &smalls);
    let common = scenarios.first().filter(|s0| {
        scenarios.iter().all(|s| {
            s.decision.small_gap == s0.decision.small_gap
                && s.decision.strong_role == s0.decision.strong_role
        })
    });
    match common {
        Some(s0) => Plane {
            gap: SplitAxis::new(glo, s0.decision.small_gap, ghi),
            role: SplitAxis::new(0.0, s0.decision.strong_role, 1.0),
            thresholds: true,
        },
        None => Plane {
            gap: SplitAxis::new(glo, (glo + ghi) / 2.0, ghi),
            role: SplitAxis::new(0.0, 0.5, 1.0),
            thresholds: false,
        },
    }
}

const QUADRANTS: [Quadrant; 4] = [
    Quadrant::StrongSmall,
    Quadrant::StrongLarge,
    Quadrant::WeakSmall,
    Quadrant::WeakLarge,
];

/// Where the quadrant titles go: a band across the top of each quadrant.
fn title_boxes(plane: &Plane) -> Vec<Rect> {
    if !plane.thresholds {
        return Vec::new();
    }
    QUADRANTS
        .iter()
        .map(|&q| {
            let r = plane.quadrant(q);
            Rect {
                x: r.x + 6.0,
                y: r.y + 8.0,
                w: r.w - 12.0,
                h: 38.0,
            }
        })
        .collect()
}

/// Each scenario's point in pixels and its label box, clear of the other
/// labels, every marker and the quadrant titles. `sizes` are the label
/// boxes' width and height.
pub(super) fn labels(
    plane: &Plane,
    scenarios: &[&Scenario],
    sizes: &[(f64, f64)],
) -> (Vec<(f64, f64)>, Vec<Placement>) {
    let points: Vec<(f64, f64)> = scenarios
        .iter()
        .map(|s| {
            let (x, y) = plane.px(s.gap(), s.role_strength());
            (x as f64, y as f64)
        })
        .collect();
    if !plane.thresholds {
        let placed = place_labels(
            &points,
            sizes,
            Plane::area(),
            MARKER,
            &title_boxes(plane),
            &BESIDE,
        );
        return (points, placed);
    }
    // Each label stays inside its marker's quadrant, so none crosses a
    // border; every other marker and the titles are obstacles.
    let mut placed: Vec<Option<Placement>> = vec![None; points.len()];
    for q in QUADRANTS {
        let rect = plane.quadrant(q);
        let inner = Rect {
            x: rect.x + 3.0,
            y: rect.y + 3.0,
            w: rect.w - 6.0,
            h: rect.h - 6.0,
        };
        let mine: Vec<usize> = (0..points.len())
            .filter(|&i| quadrant_of(plane, points[i]) == q)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut obstacles = title_boxes(plane);
        obstacles.extend(
            (0..points.len())
                .filter(|i| !mine.contains(i))
                .map(|i| marker_box(points[i])),
        );
        let here = place_labels(
            &mine.iter().map(|&i| points[i]).collect::<Vec<_>>(),
            &mine.iter().map(|&i| sizes[i]).collect::<Vec<_>>(),
            inner,
            MARKER,
            &obstacles,
            &BESIDE,
        );
        for (&i, p) in mine.iter().zip(here) {
            placed[i] = Some(p);
        }
    }
    let placed = placed
        .into_iter()
        .map(|p| {
            p.unwrap_or(Placement {
                rect: Plane::area(),
                leader: false,
            })
        })
        .collect();
    (points, placed)
}

/// The quadrant a point (pixels) falls in; a point on a border goes to
/// the first quadrant holding it.
pub(super) fn quadrant_of(plane: &Plane, (x, y): (f64, f64)) -> Quadrant {
    QUADRANTS
        .into_iter()
        .find(|&q| {
            let r = plane.quadrant(q);
            x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h
        })
        .unwrap_or(Quadrant::WeakLarge)
}

fn marker_box((x, y): (f64, f64)) -> Rect {
    Rect {
        x: x - MARKER / 2.0,
        y: y - MARKER / 2.0,
        w: MARKER,
        h: MARKER,
    }
}

/// The scenarios' labels: a name too long for a quadrant is shortened
/// with an ellipsis.
pub(super) fn label_names(scenarios: &[&Scenario]) -> Vec<String> {
    scenarios
        .iter()
        .map(|s| {
            super::fit_line(&s.name, LABEL_MAX, LABEL, LABEL, |t, size| {
                super::text_width(t, size, false)
            })
            .0
        })
        .collect()
}

/// Widest a scenario's label may be: well inside a quadrant.
pub(super) const LABEL_MAX: u32 = 330;

/// A label's box: the text's size plus padding.
fn label_size((w, h): (u32, u32)) -> (f64, f64) {
    (w as f64 + 10.0, h as f64 + 8.0)
}

pub(super) fn draw<DB: Backend>(reports: &[BatchRow], area: &On<DB>) -> DrawResult {
    let Some(first) = reports.first() else {
        return Ok(());
    };
    let d0 = &first.scenario.decision;
    let scenarios: Vec<&Scenario> = reports.iter().map(|r| &r.scenario).collect();
    let plane = plane_for(&scenarios);
    let common = plane.thresholds;
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
        for q in QUADRANTS {
            let rect = plane.quadrant(q);
            let title = format!("{}: {}", q.title(), q.verdict().words());
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

    let style = font(LABEL);
    let names = label_names(&scenarios);
    let mut sizes = Vec::new();
    for n in &names {
        sizes.push(label_size(area.estimate_text_size(n, &style)?));
    }
    let (points, placed) = labels(&plane, &scenarios, &sizes);
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
        label_backdrop(area, &p.rect, 0.85)?;
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
        area.draw(&Text::new(v.words(), (x0 + 44, y), font(22)))?;
        y += 42;
    }
    y += 20;
    let disagree: Vec<&BatchRow> = reports.iter().filter(|r| !r.sim.agree).collect();
    area.draw(&Text::new("Rule of thumb disagrees", (x0, y), bold(24)))?;
    y += 40;
    if disagree.is_empty() {
        area.draw(&Text::new("nowhere: the verdicts agree", (x0, y), font(21)))?;
    }
    for r in disagree {
        let text = format!(
            "{}: rule {}, simulation {}",
            short_name(&r.scenario.name),
            r.rule.verdict.words(),
            r.sim.verdict.words()
        );
        for line in wrap(&text, 38) {
            area.draw(&Text::new(line, (x0, y), font(20).color(&INK)))?;
            y += 26;
        }
        y += 8;
    }
    // Where the simulation's pick won a toss-up, and what the better mean
    // would cost in risk.
    let toss: Vec<&BatchRow> = reports.iter().filter(|r| r.sim.won_toss_up()).collect();
    if !toss.is_empty() {
        y += 20;
        area.draw(&Text::new("Toss-ups", (x0, y), bold(24)))?;
        y += 40;
    }
    for r in toss {
        let cur = r.scenario.currency.as_str();
        let words = toss_up_sentence(&r.sim, &|st| exposure(&r.summaries[st]), &|x| {
            money_short(x, cur)
        })
        .unwrap_or_default();
        let text = format!("{}: {words}", short_name(&r.scenario.name));
        for line in wrap(&text, 38) {
            area.draw(&Text::new(line, (x0, y), font(20).color(&INK)))?;
            y += 26;
        }
        y += 8;
    }
    Ok(())
}

/// A name for the side panel: at most a line of it.
fn short_name(name: &str) -> String {
    super::fit_line(name, PANEL - 60, 20, 20, |t, size| {
        super::text_width(t, size, false)
    })
    .0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_file;
    use plotters::style::IntoFont;

    /// The sample scenarios, labelled as the overview labels them: no label
    /// covers another, a marker or a quadrant title, and all stay inside.
    #[test]
    fn sample_labels_do_not_collide() {
        super::super::fonts().unwrap();
        let mut files: Vec<_> = std::fs::read_dir("scenarios")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let owned: Vec<Scenario> = files.iter().map(|f| load_file(f).unwrap()).collect();
        let scenarios: Vec<&Scenario> = owned.iter().collect();
        let font = (super::super::FAMILY, LABEL).into_font();
        let sizes: Vec<(f64, f64)> = label_names(&scenarios)
            .iter()
            .map(|n| label_size(font.box_size(n).unwrap()))
            .collect();
        let plane = plane_for(&scenarios);
        assert!(plane.thresholds, "the samples share their thresholds");
        let (points, placed) = labels(&plane, &scenarios, &sizes);
        let titles = title_boxes(&plane);
        for (i, a) in placed.iter().enumerate() {
            let name = &scenarios[i].name;
            assert!(a.rect.inside(&Plane::area()), "{name} outside");
            let q = quadrant_of(&plane, points[i]);
            assert!(
                a.rect.inside(&plane.quadrant(q)),
                "{name} crosses the border of {q:?}"
            );
            for (j, b) in placed.iter().enumerate() {
                assert!(
                    i == j || !a.rect.overlaps(&b.rect),
                    "{name} / {}",
                    scenarios[j].name
                );
            }
            for &(x, y) in &points {
                let m = Rect {
                    x: x - MARKER / 2.0,
                    y: y - MARKER / 2.0,
                    w: MARKER,
                    h: MARKER,
                };
                assert!(!a.rect.overlaps(&m), "{name} covers a marker");
            }
            assert!(
                titles.iter().all(|t| !a.rect.overlaps(t)),
                "{name} covers a title"
            );
        }
    }
}
