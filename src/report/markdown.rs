//! `OUT/<scenario>/report.md`: the verdicts and the numbers behind them,
//! written for a person.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::format::{money, percent};
use super::terminal::exposure;
use super::{Exporter, ScenarioReport};
use crate::model::Strategy;
use crate::verdict::{Runway, TIE_SE, Verdict, toss_up_sentence};

pub struct MarkdownReport {
    /// Link the PNG charts drawn beside the report.
    pub charts: bool,
}

impl Exporter for MarkdownReport {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join("report.md");
        let mut text = render(r);
        if self.charts {
            text.push_str(&chart_links(r));
        }
        write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        Ok(vec![path])
    }
}

/// The whole report as Markdown.
pub fn render(r: &ScenarioReport) -> String {
    let s = &r.scenario;
    let cur = s.currency.as_str();
    let m = |x: f64| money(x, cur);
    let mut o = String::new();
    let w = &mut o;

    let _ = writeln!(w, "# {}\n", s.name);
    let _ = writeln!(
        w,
        "**Rule of thumb: {}.** **Simulation: {}** ({}{}). {}\n",
        r.rule.verdict.headline(),
        r.sim.verdict.headline(),
        r.sim.strategy.name(),
        if r.sim.won_toss_up() {
            format!(", in a toss-up with {}", r.sim.best.name())
        } else {
            String::new()
        },
        if r.sim.agree {
            "The two agree."
        } else {
            "The two disagree; see below why that can happen."
        }
    );

    w.push_str(&warnings_section(s));

    // The offer against the floor.
    let _ = writeln!(w, "## The offer\n");
    let _ = writeln!(w, "| | |\n|---|---|");
    let _ = writeln!(
        w,
        "| Offer, recurring | {} (base {}, bonus {}, equity {} a year) |",
        m(s.offer_comp()),
        m(s.offer.base),
        percent(s.offer.bonus_pct),
        m(s.offer.equity_per_year)
    );
    if s.offer.sign_on > 0.0 {
        let _ = writeln!(w, "| Sign-on, once | {} |", m(s.offer.sign_on));
    }
    let _ = writeln!(w, "| Your floor | {} |", m(s.candidate.floor));
    if let Some(wish) = s.candidate.wish {
        let _ = writeln!(w, "| Your wish | {} |", m(wish));
    }
    let _ = writeln!(w, "| Gap | {} |", gap_text(s.gap()));
    let _ = writeln!(
        w,
        "| Role strength | {:.2} on a 0-1 scale |",
        s.role_strength()
    );
    let situation = match s.search_runway_months() {
        None => format!("employed, earning {} a year", m(s.candidate.current_comp)),
        Some(months) => format!("not employed, {months} months of runway"),
    };
    let _ = writeln!(w, "| Your situation | {situation} |\n");

    // Rule of thumb.
    let q = r.rule.quadrant;
    let _ = writeln!(w, "## Rule of thumb: {}\n", r.rule.verdict.headline());
    let _ = writeln!(
        w,
        "**Quadrant: {}.** A gap is small up to {} and a role is strong from {:.2}. \
         In this quadrant:\n",
        q.title(),
        percent(s.decision.small_gap),
        s.decision.strong_role
    );
    for item in q.action_items() {
        let _ = writeln!(w, "- {item}");
    }
    let _ = writeln!(w, "\nThe quadrant alone says {}.\n", q.verdict());
    let _ = writeln!(
        w,
        "**Runway.** {}\n",
        r.rule.runway.explain(s.decision.walk_tolerance)
    );
    let _ = writeln!(w, "**Reasons.**");
    if r.rule.real_reasons.is_empty() {
        let _ = writeln!(w, "No real reason to walk is flagged.");
    } else {
        let list = r
            .rule
            .real_reasons
            .iter()
            .map(|x| reason_text(x))
            .collect::<Vec<_>>()
            .join("; ");
        if r.rule.reasons_overridden {
            let _ = writeln!(
                w,
                "Warning: you flagged real reasons to walk ({list}), but with a runway this short \
                 the rule still says take the offer. Weigh them carefully and keep looking after \
                 you sign."
            );
        } else {
            let _ = writeln!(
                w,
                "Real reasons to walk are flagged ({list}), so the rule says walk."
            );
        }
    }
    if !r.rule.not_reasons.is_empty() {
        let list = r
            .rule
            .not_reasons
            .iter()
            .map(|x| reason_text(x))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(
            w,
            "You also flagged {list}. These are feelings rather than reasons and change nothing here."
        );
    }
    let _ = writeln!(w);

    // Simulation.
    let a = &r.aggregate;
    let _ = writeln!(w, "## Simulation: {}\n", r.sim.verdict.headline());
    let _ = writeln!(
        w,
        "{} simulated careers over {} years (seed {}), each strategy played in the same \
         worlds. Value is discounted earnings plus what the role itself is worth to you; \
         P10/P50/P90 are the values that 10%, 50% and 90% of paths fall below.\n",
        super::format::group(a.paths),
        s.career.horizon_years,
        a.seed
    );
    let _ = writeln!(
        w,
        "| Strategy | Mean value | P10 | P50 | P90 | Beats accept | Runway runs out | Weeks to a job (mean / median) |"
    );
    let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for st in Strategy::ALL {
        let x = r.summary(st);
        let beats = if st == Strategy::Accept {
            "-".to_string()
        } else {
            percent(x.p_beats_accept)
        };
        let mark = if st == r.sim.strategy {
            " **(pick)**"
        } else {
            ""
        };
        let risk = if r.sim.eligible[st] {
            percent(x.p_runway_exhausted)
        } else {
            format!("{} (too risky)", percent(x.p_runway_exhausted))
        };
        let _ = writeln!(
            w,
            "| {}{mark} | {} | {} | {} | {} | {beats} | {risk} | {:.1} / {:.1} |",
            st.label(),
            m(x.value_mean),
            m(x.value_p(0.10)),
            m(x.value_p(0.50)),
            m(x.value_p(0.90)),
            x.weeks_to_job_mean,
            x.weeks_to_job_p50,
        );
    }
    let _ = writeln!(w);
    let pick = r.sim.strategy.label();
    match (r.sim.runner_up, r.sim.margin, r.sim.margin_se) {
        (Some(ru), Some(margin), Some(se)) if margin == 0.0 && se == 0.0 => {
            let _ = writeln!(
                w,
                "**{pick}** has the highest mean value among strategies whose runway risk is at \
                 most {}, together with {}: the two give the same result on every path{}. The \
                 earlier one in the table is named.",
                percent(s.decision.max_runway_risk),
                ru.label().to_lowercase(),
                same_paths_why(r.sim.strategy, ru),
            );
        }
        (Some(ru), Some(_), Some(_)) if r.sim.won_toss_up() => {
            let words =
                toss_up_sentence(&r.sim, &|st| exposure(&r.summary(st)), &m).unwrap_or_default();
            let _ = writeln!(
                w,
                "**{pick}** is the pick among strategies whose runway risk is at most {}, \
                 although {} has a higher mean value: {words}. The toss-up band is {} ({} of \
                 the best mean value); a difference smaller than that is not worth the extra \
                 exposure, so the less exposed strategy is named.",
                percent(s.decision.max_runway_risk),
                ru.label().to_lowercase(),
                m(r.sim.band),
                percent(s.decision.toss_up),
            );
        }
        (Some(ru), Some(margin), Some(se)) => {
            let _ = writeln!(
                w,
                "**{pick}** has the highest mean value among strategies whose runway risk is at \
                 most {}. It leads {} by {} ± {} (one standard error of the paired difference).",
                percent(s.decision.max_runway_risk),
                ru.label().to_lowercase(),
                m(margin),
                m(se)
            );
        }
        _ => {
            let _ = writeln!(
                w,
                "**{pick}** is the only strategy whose runway risk is at most {}.",
                percent(s.decision.max_runway_risk)
            );
        }
    }
    let behind: Vec<String> = r
        .sim
        .toss_up_with
        .iter()
        .filter(|&&st| st != r.sim.best)
        .map(|st| st.label().to_lowercase())
        .collect();
    if !behind.is_empty() {
        let _ = writeln!(
            w,
            "Also inside the toss-up band (within {} of the best mean value): {}.",
            m(r.sim.band),
            behind.join(", ")
        );
    }
    if r.sim.tied_with.is_empty() {
        let _ = writeln!(
            w,
            "No other strategy comes within {TIE_SE} standard errors of it.\n"
        );
    } else {
        let tied = r
            .sim
            .tied_with
            .iter()
            .map(|s| s.label().to_lowercase())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            w,
            "Statistically tied with it (within {TIE_SE} standard errors): {tied}. The data \
             cannot tell these apart; choose between them on what the numbers leave out.\n"
        );
    }

    // Agreement.
    let _ = writeln!(w, "## Do the two verdicts agree?\n");
    if r.sim.agree {
        let _ = writeln!(
            w,
            "Yes. The simulation's pick{} falls in the rule's class, {}.\n",
            if r.sim.verdict == r.rule.verdict {
                ""
            } else {
                ", or a strategy tied with it or in its toss-up,"
            },
            r.rule.verdict
        );
    } else {
        let _ = writeln!(
            w,
            "No: the rule says {} and the simulation {}. The rule is a compact summary of \
             experience and reads only the gap, the role, your runway and your reasons. The \
             simulation reads every number in the scenario: how fast searches end, how often \
             the company comes back, how far a counter moves, how long an accepted number \
             anchors your pay. When they disagree, look at which of those numbers drives the \
             result and whether you believe it.\n",
            r.rule.verdict, r.sim.verdict
        );
    }
    let _ = writeln!(
        w,
        "In the simulation, counter-then-decide takes the countered offer when it is within {} \
         of your floor and otherwise walks and searches{}.\n",
        percent(s.decision.walk_tolerance),
        if r.rule.runway == Runway::Middle {
            ", as the rule does for your middle runway"
        } else {
            ""
        }
    );
    w.push_str(&counter_paragraph(r));
    w.push_str(&walk_note(r));

    if let Some(f) = &r.frontier {
        w.push_str(&super::walkaway_block::markdown(f, s));
    }

    // Anchor cost.
    let anchor = &a.exact.anchor_cost;
    w.push_str(&anchor_section(
        anchor.mean(),
        anchor.se(),
        s.career.horizon_years,
        &m,
    ));
    let _ = writeln!(
        w,
        "---\nFiles: `summary.csv` (every statistic per strategy), `verdicts.csv` (both \
         verdicts), `inputs.csv` (every input, defaults filled in). Scenario: `{}`.",
        s.source.display()
    );
    o
}

/// The gap in words: below, above or at the floor.
fn gap_text(gap: f64) -> String {
    if gap > 0.0 {
        format!("{} below your floor", percent(gap))
    } else if gap < 0.0 {
        format!("{} above your floor", percent(-gap))
    } else {
        "exactly at your floor".into()
    }
}

/// Why two strategies give the same value on every path, when the model
/// knows why: a counter-then-decide that never walks is a counter-then-
/// accept. Empty for any other pair.
fn same_paths_why(a: Strategy, b: Strategy) -> &'static str {
    let pair = [a, b];
    if pair.contains(&Strategy::CounterAccept) && pair.contains(&Strategy::CounterWalk) {
        " (here a counter-then-decide never walks, since every countered offer lands within \
         the tolerance)"
    } else {
        ""
    }
}

/// What accepting this offer instead of one at the floor costs or gains
/// over the horizon; the sentence follows the sign, and nothing is said
/// when the two are the same.
fn anchor_section(mean: f64, se: f64, years: f64, m: &dyn Fn(f64) -> String) -> String {
    let carry = "The number you sign carries into raises and into the next offer, so a \
                 difference in it compounds rather than staying a one-year difference.";
    if mean > 0.0 {
        format!(
            "## What the gap costs if you accept\n\nAccepting at your floor instead of this \
             offer would earn {} more over {years} years, discounted (± {}). {carry}\n\n",
            m(mean),
            m(se)
        )
    } else if mean < 0.0 {
        format!(
            "## What the offer gains over your floor\n\nThis offer is above your floor: \
             accepting it earns {} more over {years} years, discounted (± {}), than an offer \
             at your floor would. {carry}\n\n",
            m(-mean),
            m(se)
        )
    } else {
        String::new()
    }
}

/// The counter's ask (docs/model.md, the counter): the floor, or the offer
/// raised by `counter.min_ask` when that is more.
pub fn counter_ask(s: &crate::scenario::Scenario) -> f64 {
    s.candidate
        .floor
        .max(s.offer_comp() * (1.0 + s.counter.min_ask))
}

/// Whether either verdict says to counter: the simulation's pick counters
/// first, or the rule says counter, then decide.
fn says_counter(r: &ScenarioReport) -> bool {
    matches!(
        r.sim.strategy,
        Strategy::CounterAccept | Strategy::CounterWalk
    ) || r.rule.verdict == Verdict::CounterThenDecide
}

/// Whether either verdict may end in walking away.
fn says_walk(r: &ScenarioReport) -> bool {
    [r.rule.verdict, r.sim.verdict]
        .iter()
        .any(|v| matches!(v, Verdict::Walk | Verdict::CounterThenDecide))
}

/// One counter, on total compensation, stating the ask: when a verdict
/// says to counter.
fn counter_paragraph(r: &ScenarioReport) -> String {
    if !says_counter(r) {
        return String::new();
    }
    let s = &r.scenario;
    let ask = money(counter_ask(s), &s.currency);
    // Make yes depend on the ask only where walking follows the counter.
    let decides =
        r.sim.strategy == Strategy::CounterWalk || r.rule.verdict == Verdict::CounterThenDecide;
    let close = if decides {
        format!(
            "Looking at the package as a whole, I would need total compensation of {ask} a \
             year to say yes, in any mix of base, bonus and equity that suits you. If we can \
             get there, I am ready to move forward."
        )
    } else {
        format!(
            "Looking at the package as a whole, could you bring the total compensation to \
             {ask} a year, in any mix of base, bonus and equity that suits you? If so, I am \
             ready to sign."
        )
    };
    format!(
        "## A counter, once\n\nAsk once, for the whole package rather than the base alone, \
         and name one number: {ask} a year in recurring pay (base, bonus and equity together; \
         your floor, or the offer plus {} when that is more). A draft:\n\n\
         > Thank you for the offer; I am keen on the role and on working with the team. \
         {close}\n\n",
        percent(s.counter.min_ask)
    )
}

/// A short walk-away note in the spirit of the article's advice: when a
/// verdict may end in walking away.
fn walk_note(r: &ScenarioReport) -> String {
    if !says_walk(r) {
        return String::new();
    }
    let when = if r.rule.verdict == Verdict::Walk || r.sim.verdict == Verdict::Walk {
        "If you walk"
    } else {
        "If the counter does not reach your floor and you walk"
    };
    format!(
        "## Walking away without closing the door\n\n{when}, say so in writing (an email they \
         can forward), keep it short and warm, name what you valued, list no grievances and \
         make no conditional offer to reconsider at a higher number. Name the person you want \
         to stay in touch with: companies do come back, in the article's experience in about \
         15-20% of cases, six to eighteen months later. A draft to adapt:\n\n\
         > Hi [recruiter's name],\n>\n\
         > Thank you for the offer for [role], and for the time you and [hiring manager's \
         name] put into the process. I have thought it over, and I have decided not to \
         accept: the package does not fit where I am right now. I enjoyed the conversations \
         about [something specific from the interviews], and I would be glad to stay in \
         touch with you and [hiring manager's name].\n>\n\
         > Best regards,\n> [your name]\n\n"
    )
}

/// The plausibility warnings, each with its likely fix; nothing when the
/// scenario passed every check.
fn warnings_section(s: &crate::scenario::Scenario) -> String {
    let warnings = crate::scenario::warnings(s);
    if warnings.is_empty() {
        return String::new();
    }
    let mut o = String::from(
        "## Check these inputs first\n\nThe scenario is valid, but these values look like \
         slips, and the results below take them at face value:\n\n",
    );
    for x in &warnings {
        let _ = writeln!(o, "- `{}`: {}; {}.", x.key, x.message, x.fix);
    }
    o.push('\n');
    o
}

/// The charts beside the report, linked relative to it.
fn chart_links(r: &ScenarioReport) -> String {
    let mut o = String::from("\n## Charts\n\n");
    for c in super::charts::files_for(r) {
        let _ = writeln!(o, "![{}]({})\n", c.caption, c.file);
    }
    let _ = writeln!(
        o,
        "All scenarios of the run together: [overview](../overview.png)"
    );
    o
}

pub(crate) fn reason_text(key: &str) -> &'static str {
    match key {
        "below_floor_after_second_counter" => "still below your floor after a second counter",
        "recruiter_pushback" => "the recruiter resists every reasonable ask",
        "scope_downgraded" => "the scope was cut during the process",
        "red_flag" => "a serious red flag such as layoffs, lawsuits or departures",
        "articulated_gut" => "a gut signal you can put into words",
        "under_wish_above_floor" => "the offer is under your wish but above your floor",
        "slow_process" => "the process was slow",
        "tired" => "you are tired of interviewing",
        "might_pay_more_later" => "another company might pay more later",
        "friend_higher_offer" => "a friend got a higher offer",
        _ => "an unrecognised flag",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Plan, Quiet, pool, simulate};
    use crate::model::Params;
    use crate::scenario::parse_str;

    fn report(toss_up: f64) -> ScenarioReport {
        let s = parse_str(
            &format!(
                "name = \"Toss\"\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\n\
                 runway_months = 6\n[decision]\ntoss_up = {toss_up}\n"
            ),
            Path::new("t/toss.toml"),
        )
        .unwrap();
        let plan = Plan {
            paths: 3000,
            seed: 9,
            charts: false,
        };
        let agg = simulate(&Params::new(&s), &plan, &pool(Some(1)).unwrap(), &Quiet).unwrap();
        ScenarioReport::new(s, agg)
    }

    /// A pick that won a toss-up is named as such at the top, and the
    /// simulation section gives the lead, the band and the risk trade-off.
    #[test]
    fn a_toss_up_is_explained() {
        let r = report(0.05);
        assert!(r.sim.won_toss_up(), "{:?}", r.sim);
        let text = render(&r);
        let best = r.sim.best.name();
        assert!(
            text.contains(&format!(
                "({}, in a toss-up with {best})",
                r.sim.strategy.name()
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!("{best} is ahead by "))
                && text.contains("inside the toss-up band"),
            "{text}"
        );
        assert!(
            text.contains(&format!("The toss-up band is {}", money(r.sim.band, "USD"))),
            "{text}"
        );
        // Without a band the same numbers give the highest mean, and no
        // toss-up words.
        let r = report(0.0);
        assert!(!r.sim.won_toss_up());
        let text = render(&r);
        assert!(
            !text.contains("in a toss-up with") && !text.contains("is ahead by"),
            "{text}"
        );
    }

    fn report_of(text: &str) -> ScenarioReport {
        let s = parse_str(text, Path::new("t/case.toml")).unwrap();
        let plan = Plan {
            paths: 2000,
            seed: 3,
            charts: false,
        };
        let agg = simulate(&Params::new(&s), &plan, &pool(Some(1)).unwrap(), &Quiet).unwrap();
        ScenarioReport::new(s, agg)
    }

    const BELOW: &str = "[offer]\nbase = 150000\n[candidate]\nfloor = 165000\nrunway_months = 9\n\
                         [counter]\nmin_ask = 0.2\n";

    #[test]
    fn the_gap_is_below_above_or_at_the_floor() {
        assert_eq!(gap_text(0.1), "10.0% below your floor");
        assert_eq!(gap_text(-0.05), "5.0% above your floor");
        assert_eq!(gap_text(0.0), "exactly at your floor");
    }

    #[test]
    fn identical_paths_are_explained_only_for_the_two_counters() {
        use Strategy::*;
        assert!(same_paths_why(CounterWalk, CounterAccept).contains("never walks"));
        assert!(same_paths_why(CounterAccept, CounterWalk).contains("never walks"));
        assert_eq!(same_paths_why(Accept, CounterAccept), "");
        assert_eq!(same_paths_why(CounterWalk, Walk), "");
    }

    #[test]
    fn the_anchor_sentence_follows_the_sign() {
        let m = |x: f64| money(x, "USD");
        let cost = anchor_section(33_629.0, 120.0, 5.0, &m);
        assert!(
            cost.contains("would earn USD 33,629 more over 5 years"),
            "{cost}"
        );
        let gain = anchor_section(-33_629.0, 120.0, 5.0, &m);
        assert!(
            gain.contains("accepting it earns USD 33,629 more"),
            "{gain}"
        );
        assert!(
            !gain.contains("-USD") && !gain.contains("the gap costs"),
            "{gain}"
        );
        assert_eq!(anchor_section(0.0, 0.0, 5.0, &m), "");
    }

    #[test]
    fn no_negative_more_for_an_offer_above_the_floor() {
        let r =
            report_of("[offer]\nbase = 190000\n[candidate]\nfloor = 165000\nrunway_months = 9\n");
        let text = render(&r);
        assert!(r.aggregate.exact.anchor_cost.mean() < 0.0);
        for (i, _) in text.match_indices(" more") {
            let before = &text[..i];
            let last = before.rsplit(' ').nth(1).unwrap_or_default();
            assert!(
                !last.starts_with('-'),
                "a negative amount before `more`: {text}"
            );
        }
        assert!(
            text.contains("What the offer gains over your floor"),
            "{text}"
        );
    }

    #[test]
    fn runway_words_only_for_that_runway() {
        let mut r = report_of(BELOW);
        for runway in [
            Runway::Employed,
            Runway::Short,
            Runway::Middle,
            Runway::Long,
        ] {
            r.rule.runway = runway;
            let text = render(&r);
            assert_eq!(
                text.contains("as the rule does for your middle runway"),
                runway == Runway::Middle,
                "{runway:?}"
            );
        }
    }

    #[test]
    fn the_counter_states_the_models_ask_only_when_a_verdict_counters() {
        // The ask: max(165000, 150000 * 1.2) = 180000.
        let mut r = report_of(BELOW);
        r.rule.verdict = Verdict::CounterThenDecide;
        let text = render(&r);
        assert!(text.contains("## A counter, once"), "{text}");
        assert!(
            text.contains("I would need total compensation of USD 180,000 a year"),
            "{text}"
        );
        // The floor when the raised offer falls short of it:
        // max(165000, 150000 * 1.05) = 165000.
        let mut low = report_of(&BELOW.replace("min_ask = 0.2", "min_ask = 0.05"));
        low.rule.verdict = Verdict::CounterThenDecide;
        assert!(render(&low).contains("total compensation of USD 165,000 a year"));
        // Neither verdict counters: no counter.
        r.rule.verdict = Verdict::Take;
        r.sim.verdict = Verdict::Take;
        r.sim.strategy = Strategy::Accept;
        assert!(!render(&r).contains("A counter, once"));
        // A counter that is then accepted asks without a condition.
        r.sim.strategy = Strategy::CounterAccept;
        let text = render(&r);
        assert!(
            text.contains("could you bring the total compensation to USD 180,000"),
            "{text}"
        );
        assert!(!text.contains("I would need"), "{text}");
    }

    #[test]
    fn the_walk_note_only_when_a_verdict_may_walk_and_never_reopens() {
        let mut r = report_of(BELOW);
        for (rule, sim, note) in [
            (Verdict::Take, Verdict::Take, false),
            (Verdict::Walk, Verdict::Take, true),
            (Verdict::Take, Verdict::CounterThenDecide, true),
            (Verdict::CounterThenDecide, Verdict::CounterThenDecide, true),
        ] {
            r.rule.verdict = rule;
            r.sim.verdict = sim;
            let text = render(&r);
            assert_eq!(text.contains("Walking away without closing the door"), note);
            if note {
                let draft: String = text
                    .lines()
                    .skip_while(|l| !l.starts_with("## Walking away"))
                    .filter(|l| l.starts_with('>'))
                    .collect();
                assert!(draft.contains("stay in touch with"), "{draft}");
                assert!(!draft.to_lowercase().contains("come up"), "{draft}");
                assert!(!draft.contains("USD"), "no number in the note: {draft}");
                assert!(draft.split_whitespace().count() < 120, "short: {draft}");
            }
        }
    }
}
