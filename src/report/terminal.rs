//! The summary a person reads in the terminal after each scenario: a table
//! of the four strategies and both verdicts. A pure function of the report,
//! always styled; whether the styles reach the screen is decided where the
//! table is written (an `anstream` stream strips them for a pipe).

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::ScenarioReport;
use crate::model::Strategy;
use crate::verdict::{Runway, Verdict};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const GREEN: Style = AnsiColor::Green.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const RED: Style = AnsiColor::Red.on_default();

/// Wraps `text` in a style; padding is applied by the caller first so
/// escapes never upset column widths.
fn paint(text: &str, style: Style) -> String {
    format!("{style}{text}{style:#}")
}

fn verdict_style(v: Verdict) -> Style {
    match v {
        Verdict::Take => GREEN,
        Verdict::CounterThenDecide => YELLOW,
        Verdict::Walk => RED,
    }
}

/// Money in four to seven characters: `812.3k`, `1.25M`, `-950`. The table
/// compares strategies; the CSV files carry the full precision.
pub fn short(x: f64) -> String {
    let sign = if x < 0.0 { "-" } else { "" };
    let a = x.abs();
    let body = if a >= 999_995.0 {
        format!("{:.2}M", a / 1e6)
    } else if a >= 999.95 {
        format!("{:.1}k", a / 1e3)
    } else {
        format!("{a:.0}")
    };
    if body == "0" {
        return body; // no "-0"
    }
    format!("{sign}{body}")
}

fn signed(x: f64) -> String {
    let s = short(x);
    if x > 0.0 && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

fn pct(p: f64) -> String {
    format!("{:.1}%", 100.0 * p)
}

fn runway_text(runway: Runway, months: Option<f64>) -> String {
    match (runway, months) {
        (Runway::Employed, _) | (_, None) => "employed".into(),
        (_, Some(m)) => format!("runway {m} months"),
    }
}

/// The summary of one scenario, ending with a newline.
pub fn render(r: &ScenarioReport) -> String {
    let s = &r.scenario;
    let mut o = String::new();
    let title = paint(&s.name, BOLD);
    let _ = writeln!(
        o,
        "{title}  ({}, {} paths, seed {}, values in {} over {} years)",
        s.stem, r.aggregate.paths, r.aggregate.seed, s.currency, s.career.horizon_years
    );
    let header = format!(
        "  {:<15}{:>9}{:>9}{:>9}{:>9}{:>20}{:>10}{:>12}",
        "strategy", "mean", "P10", "P50", "P90", "vs accept ± SE", "P(beats)", "runway out"
    );
    let _ = writeln!(o, "{}", paint(&header, DIM));
    for st in Strategy::ALL {
        let x = r.summary(st);
        let (vs, beats) = if st == Strategy::Accept {
            ("-".to_string(), "-".to_string())
        } else {
            (
                format!("{} ± {}", signed(x.diff_mean), short(x.diff_se)),
                pct(x.p_beats_accept),
            )
        };
        let mark = if st == r.sim.strategy { "*" } else { " " };
        let mut runway = format!("{:>12}", pct(x.p_runway_exhausted));
        if !r.sim.eligible[st] {
            // Too risky to be picked: say so where the risk is shown.
            runway = paint(&runway, RED);
        }
        let line = format!(
            "{mark} {:<15}{:>9}{:>9}{:>9}{:>9}{:>20}{:>10}",
            st.name(),
            short(x.value_mean),
            short(x.value_p(0.10)),
            short(x.value_p(0.50)),
            short(x.value_p(0.90)),
            vs,
            beats,
        );
        let line = if st == r.sim.strategy {
            paint(&line, BOLD)
        } else {
            line
        };
        let _ = writeln!(o, "{line}{runway}");
    }

    let rule = &r.rule;
    let _ = writeln!(
        o,
        "  Rule of thumb: {}  ({}: {} {} the floor, {})",
        paint(rule.verdict.as_str(), verdict_style(rule.verdict)),
        rule.quadrant.title().to_lowercase(),
        pct(s.gap().abs()),
        if s.gap() >= 0.0 { "under" } else { "above" },
        runway_text(rule.runway, s.search_runway_months()),
    );
    let sim = &r.sim;
    let margin = match (sim.margin, sim.margin_se, sim.runner_up) {
        (Some(m), Some(se), Some(ru)) => {
            format!(", {} ± {} over {}", signed(m), short(se), ru.name())
        }
        _ => String::new(),
    };
    let tied = if sim.tied_with.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = sim.tied_with.iter().map(|t| t.name()).collect();
        format!("; statistically tied with {}", names.join(", "))
    };
    let agree = if sim.agree {
        paint("the verdicts agree", GREEN)
    } else {
        paint("the verdicts disagree", YELLOW)
    };
    let _ = writeln!(
        o,
        "  Simulation:    {}  ({}{margin}{tied}); {agree}",
        paint(sim.verdict.as_str(), verdict_style(sim.verdict)),
        sim.strategy.name(),
    );
    if !rule.real_reasons.is_empty() {
        let _ = writeln!(o, "  Reasons to walk: {}", rule.real_reasons.join(", "));
    }
    if let Some(f) = &r.frontier {
        o.push_str(&super::walkaway_block::terminal(f, s));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Quiet, pool, simulate};
    use crate::model::Params;
    use crate::scenario::parse_str;

    fn report() -> ScenarioReport {
        let s = parse_str(
            "name = \"Test offer\"\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\n\
             runway_months = 8\n[reasons]\nred_flag = true\n",
            std::path::Path::new("t/test-offer.toml"),
        )
        .unwrap();
        let agg = simulate(
            &Params::new(&s),
            &crate::engine::Plan {
                paths: 3000,
                seed: 9,
                charts: false,
            },
            &pool(Some(1)).unwrap(),
            &Quiet,
        )
        .unwrap();
        ScenarioReport::new(s, agg)
    }

    #[test]
    fn plain_text_has_no_escapes_and_every_strategy() {
        let r = report();
        let text = plain(&r);
        assert!(!text.contains('\x1b'), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("Test offer  (test-offer, 3000 paths, seed 9"));
        for (i, st) in Strategy::ALL.iter().enumerate() {
            let row = lines[2 + i];
            assert_eq!(&row[2..2 + st.name().len()], st.name(), "{row}");
            assert_eq!(row.starts_with('*'), *st == r.sim.strategy, "{row}");
            let mean = short(r.summary(*st).value_mean);
            assert!(row.contains(&mean), "{row} lacks {mean}");
        }
        // Columns line up: every strategy row is as wide as the header.
        let widths: Vec<usize> = lines[1..6].iter().map(|l| l.chars().count()).collect();
        assert!(widths.iter().all(|&w| w == widths[0]), "{widths:?}\n{text}");
        assert!(text.contains(&format!("Rule of thumb: {}", r.rule.verdict)));
        assert!(text.contains(&format!("Simulation:    {}", r.sim.verdict)));
        assert!(text.contains("Reasons to walk: red_flag"));
    }

    /// The table as a pipe gets it.
    fn plain(r: &ScenarioReport) -> String {
        anstream::adapter::strip_str(&render(r)).to_string()
    }

    #[test]
    fn styles_are_the_plain_table_plus_escapes() {
        let r = report();
        let styled = render(&r);
        let reset = "\x1b[0m";
        assert!(styled.contains("\x1b[1m") && styled.contains(reset));
        assert!(styled.contains(&format!(
            "{}{}{reset}",
            verdict_style(r.rule.verdict),
            r.rule.verdict
        )));
        // Exactly these escapes, and removing them leaves the plain table.
        let mut stripped = styled.clone();
        for code in [
            "\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[33m", "\x1b[31m", reset,
        ] {
            stripped = stripped.replace(code, "");
        }
        assert_eq!(stripped, plain(&r));
    }

    #[test]
    fn short_money() {
        assert_eq!(short(812_345.0), "812.3k");
        assert_eq!(short(1_254_000.0), "1.25M");
        assert_eq!(short(999_999.0), "1.00M");
        assert_eq!(short(-950.0), "-950");
        assert_eq!(short(-0.2), "0");
        assert_eq!(signed(1500.0), "+1.5k");
        assert_eq!(signed(-1500.0), "-1.5k");
    }
}
