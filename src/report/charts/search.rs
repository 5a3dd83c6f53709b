//! `search.png`: weeks until the first job for the strategies that may
//! search, against the runway.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{SearchWeeks, SketchBins, runway_weeks, search_range, search_weeks};
use super::{
    AXIS, Backend, DrawResult, INK, LegendEntry, On, PANEL, SIZE, TICK, bold, colour, font, header,
    legend, notes,
};
use crate::model::{Search, Strategy};
use crate::report::ScenarioReport;
use crate::report::format::{group, percent};

/// The weeks chart's data for every searching strategy, sharing one axis.
/// A strategy that searches after its counter is dated from today, so its
/// search starts at the counter's answer.
pub(super) fn weeks(r: &ScenarioReport) -> Vec<(Strategy, SearchWeeks)> {
    let s = &r.scenario;
    let sk = &r.aggregate.sketches.weeks_to_job;
    let horizon = s.career.horizon_years * 52.0;
    let runway = s.search_runway_months().map(runway_weeks);
    let searchers = Strategy::searchers();
    let read: Vec<SketchBins> = searchers
        .iter()
        .map(|&st| SketchBins::of(&sk[st]))
        .collect();
    let range = search_range(
        &read.iter().collect::<Vec<_>>(),
        horizon,
        runway.map(|w| w + s.counter.weeks),
    );
    searchers
        .into_iter()
        .zip(&read)
        .map(|(st, bins)| {
            let counter = (st.search() == Search::AfterCounter).then_some(s.counter.weeks);
            (st, search_weeks(bins, horizon, counter, range, 60))
        })
        .collect()
}

/// The words written on the chart for the share of paths that ran out of
/// runway; the numbers are `summary.csv`'s `p_runway_exhausted`.
pub fn runway_text(r: &ScenarioReport) -> String {
    let shares: Vec<String> = Strategy::searchers()
        .into_iter()
        .map(|st| {
            let when = match st.search() {
                Search::AtOnce => "when walking",
                Search::AfterCounter => "when countering first",
                Search::Never => "without searching",
            };
            format!("{} {when}", percent(r.summary(st).p_runway_exhausted))
        })
        .collect();
    format!("Of all careers, ran out of runway: {}", shares.join(", "))
}

pub(super) fn draw<DB: Backend>(r: &ScenarioReport, area: &On<DB>) -> DrawResult {
    let s = &r.scenario;
    let a = &r.aggregate;
    let horizon = s.career.horizon_years;
    let runway = s.search_runway_months();
    let data = weeks(r);
    let body = header(
        area,
        &format!("{}: how long until the next job", s.name),
        &format!(
            "Weeks from today until the first job starts, for the strategies that may search \
             ({} simulated careers).",
            group(a.paths)
        ),
    )?;
    let (plot, panel) = body.split_horizontally(SIZE.0 - PANEL);
    let Some((_, first)) = data.first() else {
        return Ok(());
    };
    let (lo, hi) = (first.searched.lo, first.searched.hi());
    let peak = data
        .iter()
        .map(|(_, w)| w.searched.peak_percent(a.paths))
        .fold(0.0, f64::max);
    // Headroom above the bars for the runway notes.
    let top = if peak > 0.0 { peak * 1.35 } else { 1.0 };
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(20)
        .margin_right(30)
        .margin_top(10)
        .margin_bottom(10)
        .x_label_area_size(80)
        .y_label_area_size(100)
        .build_cartesian_2d(lo..hi, 0.0..top)?;
    chart
        .configure_mesh()
        .x_labels(10)
        .y_labels(8)
        .x_label_formatter(&|w| weeks_text(*w))
        .y_label_formatter(&|y| format!("{y:.1}%"))
        .x_desc("Weeks until the first job starts")
        .y_desc("Share of careers in each bar")
        .label_style(font(TICK))
        .axis_desc_style(font(AXIS))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()?;
    for (st, w) in &data {
        let col = colour(*st);
        let outline = w.searched.step_outline(a.paths);
        chart.draw_series(std::iter::once(Polygon::new(
            outline.clone(),
            col.mix(0.10),
        )))?;
        chart.draw_series(LineSeries::new(outline, col.stroke_width(3)))?;
    }
    match runway {
        Some(months) => {
            let walk_end = runway_weeks(months);
            let counter_end = walk_end + s.counter.weeks;
            chart.draw_series(LineSeries::new(
                vec![(walk_end, 0.0), (walk_end, top)],
                INK.stroke_width(3),
            ))?;
            for (st, _) in data
                .iter()
                .filter(|(st, _)| st.search() == Search::AfterCounter)
            {
                chart.draw_series(DashedLineSeries::new(
                    vec![(counter_end, 0.0), (counter_end, top)],
                    12,
                    8,
                    colour(*st).stroke_width(3),
                ))?;
            }
            let lines = [
                (
                    format!(
                        "Runway ends: {months} months = week {}",
                        weeks_text((walk_end * 10.0).round() / 10.0)
                    ),
                    bold(22),
                ),
                (runway_text(r), font(21)),
                (
                    format!(
                        "Countering first, it starts at the answer (week {}) and ends at the \
                         dashed line.",
                        weeks_text(s.counter.weeks)
                    ),
                    font(19),
                ),
            ];
            let mut width = 0;
            for (text, style) in &lines {
                width = width.max(area.estimate_text_size(text, style)?.0 as i32);
            }
            let (line_x, y) = chart.backend_coord(&(walk_end, top));
            let (left, _) = chart.backend_coord(&(lo, top));
            let (right, _) = chart.backend_coord(&(hi, top));
            let x = block_x(line_x, width, (left, right));
            // A backing box, so that the notes stay readable where they
            // cross a line.
            area.draw(&Rectangle::new(
                [(x - 8, y + 6), (x + width + 8, y + 104)],
                WHITE.mix(0.85).filled(),
            ))?;
            for ((text, style), dy) in lines.into_iter().zip([12, 44, 74]) {
                area.draw(&Text::new(text, (x, y + dy), style))?;
            }
        }
        None => {
            let (x, y) = chart.backend_coord(&(lo + (hi - lo) * 0.97, top));
            area.draw(&Text::new(
                "Employed: there is no runway to run out of;".to_string(),
                (x, y + 12),
                bold(22).pos(Pos::new(HPos::Right, VPos::Top)),
            ))?;
            area.draw(&Text::new(
                "you keep your current pay while you search.".to_string(),
                (x, y + 42),
                font(21).pos(Pos::new(HPos::Right, VPos::Top)),
            ))?;
        }
    }
    let entries: Vec<LegendEntry> = data
        .iter()
        .map(|(st, w)| {
            let shares = searcher_shares(w, r.summary(*st).p_runway_exhausted);
            let mut lines = Vec::new();
            if st.search() == Search::AfterCounter {
                lines.push(format!(
                    "{} signed the countered offer; {} searched",
                    percent(shares.took_counter),
                    percent(shares.searched)
                ));
            }
            // Every share below has the same base, those who searched, so
            // no two of them can read as a contradiction.
            let mut of_those = vec![format!(
                "{} found a job within {horizon} years",
                percent(shares.found)
            )];
            if let Some(m) = w.searched_median {
                of_those.push(format!("half by week {}", weeks_text(m.round())));
            }
            if runway.is_some() {
                of_those.push(format!(
                    "{} ran out of runway before it",
                    percent(shares.ran_out)
                ));
            }
            lines.push(format!("Of those who searched: {}.", of_those.join(", ")));
            LegendEntry::new(*st, lines)
        })
        .collect();
    let y = legend(&panel, 20, &entries)?;
    let outside = data.iter().map(|(_, w)| w.searched.above).sum::<u64>() as f64
        / (data.len() as u64 * a.paths.max(1)) as f64;
    notes(
        &panel,
        y + 10,
        &[
            format!(
                "Bars are {} wide.",
                if first.searched.width == 1.0 {
                    "one week".to_string()
                } else {
                    format!("{} weeks", weeks_text(first.searched.width))
                }
            ),
            format!(
                "The countered offer (signed at week {}) and no job at all are counted above, \
                 not drawn as bars.",
                weeks_text(s.counter.weeks)
            ),
            format!("Searches past the axis: {}.", percent(outside)),
        ],
    )?;
    Ok(())
}

/// The search chart's shares of one strategy: of all careers, those that
/// signed the countered offer and those that searched; of those that
/// searched, the shares that found a job and that ran out of runway.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearcherShares {
    pub took_counter: f64,
    pub searched: f64,
    pub found: f64,
    pub ran_out: f64,
}

/// [`SearcherShares`] from the split weeks and the summary's share of all
/// careers that ran out of runway (only those who searched can).
pub fn searcher_shares(w: &SearchWeeks, p_runway_exhausted: f64) -> SearcherShares {
    let paths = w.paths.max(1) as f64;
    let searchers = w.searched.total() + w.no_job;
    let of_searchers = |n: f64| {
        if searchers == 0 {
            0.0
        } else {
            (n / searchers as f64).clamp(0.0, 1.0)
        }
    };
    SearcherShares {
        took_counter: w.took_counter as f64 / paths,
        searched: searchers as f64 / paths,
        found: of_searchers(w.searched.total() as f64),
        ran_out: of_searchers(p_runway_exhausted * w.paths as f64),
    }
}

/// Left edge of a notes block `width` pixels wide beside a vertical line at
/// `line_x`, within the plot's `(left, right)`: right of the line if it
/// fits there, else left of it, else against the plot's right edge.
pub fn block_x(line_x: i32, width: i32, (left, right): (i32, i32)) -> i32 {
    const GAP: i32 = 14;
    if line_x + GAP + width <= right - GAP {
        line_x + GAP
    } else if line_x - GAP - width >= left + GAP {
        line_x - GAP - width
    } else {
        (right - GAP - width).max(left + GAP)
    }
}

/// Weeks as people write them: `2`, `1.5`.
fn weeks_text(w: f64) -> String {
    if (w - w.round()).abs() < 1e-9 {
        format!("{w:.0}")
    } else {
        format!("{w:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::charts::tests::report;

    /// 1000 careers: 200 signed the countered offer, 50 never found a job,
    /// 750 found one after a search; 240 ran out of runway (24% of all).
    /// Of the 800 who searched, 750 found a job and 240 ran out first.
    #[test]
    fn shares_of_those_who_searched_by_hand() {
        let mut searched = crate::report::charts::data::Histogram::empty(0.0, 1.0, 10);
        searched.counts[3] = 700;
        searched.above = 50;
        let w = SearchWeeks {
            searched,
            took_counter: 200,
            no_job: 50,
            searched_median: Some(3.5),
            paths: 1000,
        };
        let s = searcher_shares(&w, 0.24);
        assert_eq!(s.took_counter, 0.2);
        assert_eq!(s.searched, 0.8);
        assert_eq!(s.found, 750.0 / 800.0);
        assert_eq!(s.ran_out, 240.0 / 800.0);
        // Nobody searched: no share of them can be stated, none is made up.
        let none = SearchWeeks {
            searched: crate::report::charts::data::Histogram::empty(0.0, 1.0, 10),
            took_counter: 1000,
            no_job: 0,
            searched_median: None,
            paths: 1000,
        };
        let s = searcher_shares(&none, 0.0);
        assert_eq!((s.searched, s.found, s.ran_out), (0.0, 0.0, 0.0));
    }

    #[test]
    fn notes_go_where_they_fit() {
        assert_eq!(block_x(100, 300, (50, 1000)), 114);
        assert_eq!(block_x(900, 300, (50, 1000)), 586);
        assert_eq!(block_x(400, 700, (50, 1000)), 286);
        assert_eq!(block_x(400, 2000, (50, 1000)), 64);
    }

    #[test]
    fn the_runway_share_written_is_the_summary_one() {
        let r = report("scenarios/short-runway.toml", 4_000);
        let text = runway_text(&r);
        for st in [Strategy::Walk, Strategy::CounterWalk] {
            let p = r.summary(st).p_runway_exhausted;
            assert!(p > 0.0);
            assert!(text.contains(&percent(p)), "{text}");
        }
    }

    #[test]
    fn search_weeks_account_for_every_path() {
        let r = report("scenarios/strong-large-gap.toml", 4_000);
        for (st, w) in weeks(&r) {
            assert_eq!(w.paths, r.aggregate.paths);
            assert_eq!(
                w.took_counter + w.no_job + w.searched.total(),
                w.paths,
                "{st:?}"
            );
            if st == Strategy::Walk {
                assert_eq!(w.took_counter, 0, "walking never signs a countered offer");
            }
        }
    }
}
