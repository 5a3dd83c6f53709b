//! The summary a person reads in the terminal after each scenario: a table
//! of the four strategies and both verdicts. A pure function of the report,
//! always styled; whether the styles reach the screen is decided where the
//! table is written (an `anstream` stream strips them for a pipe).

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::{ScenarioReport, StrategySummary};
use crate::model::Strategy;
use crate::verdict::{Exposure, Runway, Verdict, toss_up_sentence};

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

/// A mean and its standard error in one unit, the mean's: `+24.7k ± 0.1k`,
/// `-1.25M ± 0.01M`, `+870 ± 35`. Decimals are added (up to three) until
/// the error shows a digit that is not zero, so a small error never reads
/// as `± 0.0k` (past that, `± <0.0001k`).
pub fn plus_minus(mean: f64, se: f64) -> String {
    let a = mean.abs().max(se.abs());
    let (scale, unit, min_decimals) = if a >= 999_995.0 {
        (1e6, "M", 2)
    } else if a >= 999.95 {
        (1e3, "k", 1)
    } else {
        (1.0, "", 0)
    };
    let (m, e) = (mean / scale, se / scale);
    let mut decimals = min_decimals;
    while decimals < min_decimals + 3 && e != 0.0 && zero_at(e, decimals) {
        decimals += 1;
    }
    let sign = match m {
        _ if zero_at(m, decimals) => "",
        _ if m > 0.0 => "+",
        _ => "-",
    };
    let error = if e == 0.0 {
        "0".to_string()
    } else if zero_at(e, decimals) {
        format!("<{:.decimals$}{unit}", 10f64.powi(-(decimals as i32)))
    } else {
        format!("{e:.decimals$}{unit}")
    };
    format!("{sign}{:.decimals$}{unit} ± {error}", m.abs())
}

/// Whether `x` shows as zero with `decimals` decimals.
fn zero_at(x: f64, decimals: usize) -> bool {
    format!("{:.decimals$}", x.abs())
        .trim_start_matches(['0', '.'])
        .is_empty()
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

/// What the toss-up wording reads of a strategy: its runway risk and P10.
pub fn exposure(x: &StrategySummary) -> Exposure {
    Exposure {
        runway_out: x.p_runway_exhausted,
        p10: x.value_p(0.10),
    }
}

/// The strategies excluded for runway risk whose mean value is above the
/// pick's, each with its mean value minus the pick's, paired by path, and
/// that difference's standard error.
pub fn better_but_excluded(r: &ScenarioReport) -> Vec<(Strategy, f64, f64)> {
    let pick = r.sim.strategy;
    Strategy::ALL
        .into_iter()
        .filter(|&st| st != pick && !r.sim.eligible[st])
        .filter_map(|st| {
            let m = &r.aggregate.exact.pairs[crate::model::pair_index(st, pick)];
            // Pairs hold V_a - V_b with a before b.
            let sign = if st < pick { 1.0 } else { -1.0 };
            let diff = sign * m.mean();
            (diff > 0.0).then_some((st, diff, m.se()))
        })
        .collect()
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
            (plus_minus(x.diff_mean, x.diff_se), pct(x.p_beats_accept))
        };
        let mark = if st == r.sim.strategy { "*" } else { " " };
        let mut runway = format!("{:>12}", pct(x.p_runway_exhausted));
        if !r.sim.eligible[st] {
            // Too risky to be picked: said where the risk is shown, in
            // words as well as colour (a pipe or a colour-blind reader
            // loses the red).
            runway = paint(
                &format!(
                    "{runway}  excluded: runway risk above {}",
                    pct(s.decision.max_runway_risk)
                ),
                RED,
            );
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
        (Some(m), Some(se), Some(ru)) if sim.won_toss_up() => {
            format!(", {} vs {}, a toss-up", plus_minus(m, se), ru.name())
        }
        (Some(m), Some(se), Some(ru)) => {
            format!(", {} over {}", plus_minus(m, se), ru.name())
        }
        _ => String::new(),
    };
    let list = |v: &[Strategy]| v.iter().map(|t| t.name()).collect::<Vec<_>>().join(", ");
    let tied = if sim.tied_with.is_empty() {
        String::new()
    } else {
        format!("; statistically tied with {}", list(&sim.tied_with))
    };
    let toss = if sim.toss_up_with.is_empty() || sim.won_toss_up() {
        String::new()
    } else {
        format!("; in the toss-up band: {}", list(&sim.toss_up_with))
    };
    let agree = if sim.agree {
        paint("the verdicts agree", GREEN)
    } else {
        paint("the verdicts disagree", YELLOW)
    };
    let _ = writeln!(
        o,
        "  Simulation:    {}  ({}{margin}{tied}{toss}); {agree}",
        paint(sim.verdict.as_str(), verdict_style(sim.verdict)),
        sim.strategy.name(),
    );
    if let Some(words) = toss_up_sentence(sim, &|st| exposure(&r.summary(st)), &|x| short(x)) {
        // Under the verdict, as wide as the table.
        for line in super::charts::wrap(&words, 84) {
            let _ = writeln!(o, "                 {line}");
        }
    }
    for (st, m, se) in better_but_excluded(r) {
        let x = r.summary(st);
        let words = format!(
            "{} would lead {} by {}, but runs out of runway on {} of paths (more than the {} \
             allowed), so it is excluded",
            st.name(),
            sim.strategy.name(),
            plus_minus(m, se),
            pct(x.p_runway_exhausted),
            pct(s.decision.max_runway_risk),
        );
        for line in super::charts::wrap(&words, 84) {
            let _ = writeln!(o, "                 {line}");
        }
    }
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
        report_of(
            "name = \"Test offer\"\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\n\
             runway_months = 8\n[reasons]\nred_flag = true\n",
            "t/test-offer.toml",
        )
    }

    /// 3,000 paths of the scenario `text`, on one thread.
    fn report_of(text: &str, file: &str) -> ScenarioReport {
        let s = parse_str(text, std::path::Path::new(file)).unwrap();
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
        // Columns line up: every strategy row is as wide as the header
        // (an excluded one adds words after it).
        let widths: Vec<usize> = lines[1..6]
            .iter()
            .map(|l| l.split("  excluded").next().unwrap().chars().count())
            .collect();
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
    }

    #[test]
    fn a_mean_and_its_error_share_one_unit() {
        assert_eq!(plus_minus(24_700.0, 87.0), "+24.7k ± 0.1k");
        assert_eq!(plus_minus(24_700.0, 40.0), "+24.70k ± 0.04k");
        assert_eq!(plus_minus(-24_700.0, 1_234.0), "-24.7k ± 1.2k");
        assert_eq!(plus_minus(870.0, 35.4), "+870 ± 35");
        assert_eq!(plus_minus(870.0, 0.2), "+870.0 ± 0.2");
        assert_eq!(plus_minus(1_250_000.0, 3_000.0), "+1.250M ± 0.003M");
        assert_eq!(plus_minus(0.0, 0.0), "0 ± 0");
        // A mean smaller than its error takes the error's unit.
        assert_eq!(plus_minus(12.0, 2_500.0), "0.0k ± 2.5k");
        // The error never reads as zero unless it is.
        assert_eq!(plus_minus(50_000.0, 0.001), "+50.0000k ± <0.0001k");
    }

    /// Two months of runway and a strict limit: walking searches and runs
    /// out too often to be picked, though its mean is the highest.
    #[test]
    fn excluded_strategies_are_marked_in_words() {
        let r = report_of(
            "[offer]\nbase = 100000\n[candidate]\nfloor = 150000\nrunway_months = 2\n\
             [decision]\nmax_runway_risk = 0.01\n",
            "t/short.toml",
        );
        let text = plain(&r);
        let lines: Vec<&str> = text.lines().collect();
        for (i, st) in Strategy::ALL.iter().enumerate() {
            let excluded = lines[2 + i].contains("excluded: runway risk above 1.0%");
            assert_eq!(excluded, !r.sim.eligible[*st], "{text}");
        }
        assert!(!r.sim.eligible[Strategy::Walk], "{text}");
        for (st, m, se) in better_but_excluded(&r) {
            assert!(!r.sim.eligible[st] && m > 0.0);
            assert!(
                r.summary(st).value_mean > r.summary(r.sim.strategy).value_mean,
                "{st:?}"
            );
            let said = format!(
                "{} would lead {} by {},",
                st.name(),
                r.sim.strategy.name(),
                plus_minus(m, se)
            );
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&said), "{said}\n{text}");
        }
    }

    /// The template's kind of offer with a wide band: walk's lead over
    /// counter_walk is inside it, so the pick is counter_walk and the line
    /// under the verdict says why, wrapped to the table's width.
    #[test]
    fn a_toss_up_is_said_under_the_simulation_line() {
        let r = report_of(
            "name = \"Toss\"\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\n\
             runway_months = 6\n[decision]\ntoss_up = 0.05\n",
            "t/toss.toml",
        );
        assert!(r.sim.won_toss_up(), "{:?}", r.sim);
        let text = plain(&r);
        let at = text.find("Simulation:").unwrap();
        let lines: Vec<&str> = text[at..].lines().collect();
        assert!(lines[0].contains(", a toss-up); "), "{text}");
        let under = lines[1..]
            .iter()
            .take_while(|l| l.starts_with("                 "))
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        let best = r.sim.best.name();
        assert!(
            under.starts_with(&format!("{best} is ahead by ")),
            "{under}"
        );
        assert!(under.contains("inside the toss-up band"), "{under}");
        assert!(
            under.ends_with(&r.sim.strategy.label().to_lowercase()),
            "{under}"
        );
        assert!(
            lines[1..].iter().all(|l| l.chars().count() <= 101),
            "{text}"
        );
    }
}
