//! The two verdicts (docs/model.md, the verdicts): the article's rule of
//! thumb, which needs no simulation, and the simulation's pick.

use std::fmt;

use crate::engine::Aggregate;
use crate::model::{PerStrategy, Strategy, pair_index};
use crate::scenario::Scenario;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Take,
    CounterThenDecide,
    Walk,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Take => "TAKE",
            Verdict::CounterThenDecide => "COUNTER_THEN_DECIDE",
            Verdict::Walk => "WALK",
        }
    }

    /// The verdict in words for a reader: the code with its underscore read
    /// aloud, as the charts, report.html and the offer-band tables write it.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Take => "TAKE",
            Verdict::CounterThenDecide => "COUNTER, THEN DECIDE",
            Verdict::Walk => "WALK",
        }
    }

    /// The verdict as report.md's headings write it: [`Verdict::words`]
    /// with what a take or a walk acts on ("TAKE the offer", "WALK away").
    pub fn headline(self) -> String {
        let object = match self {
            Verdict::Take => " the offer",
            Verdict::CounterThenDecide => "",
            Verdict::Walk => " away",
        };
        format!("{}{object}", self.words())
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The 2x2 matrix of gap to floor and role strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quadrant {
    StrongSmall,
    StrongLarge,
    WeakSmall,
    WeakLarge,
}

impl Quadrant {
    /// Small gap when `gap <= small_gap`, strong role when
    /// `s_offer >= strong_role` (the rule of thumb, step 1).
    pub fn classify(gap: f64, role_strength: f64, small_gap: f64, strong_role: f64) -> Self {
        match (role_strength >= strong_role, gap <= small_gap) {
            (true, true) => Quadrant::StrongSmall,
            (true, false) => Quadrant::StrongLarge,
            (false, true) => Quadrant::WeakSmall,
            (false, false) => Quadrant::WeakLarge,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::StrongSmall => "strong_small",
            Quadrant::StrongLarge => "strong_large",
            Quadrant::WeakSmall => "weak_small",
            Quadrant::WeakLarge => "weak_large",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Quadrant::StrongSmall => "Strong role, small gap",
            Quadrant::StrongLarge => "Strong role, large gap",
            Quadrant::WeakSmall => "Weak role, small gap",
            Quadrant::WeakLarge => "Weak role, large gap",
        }
    }

    /// The quadrant's own verdict, before runway and reasons.
    pub fn verdict(self) -> Verdict {
        match self {
            Quadrant::StrongSmall => Verdict::Take,
            Quadrant::StrongLarge => Verdict::CounterThenDecide,
            Quadrant::WeakSmall | Quadrant::WeakLarge => Verdict::Walk,
        }
    }

    /// What to do in this quadrant, in our words.
    pub fn action_items(self) -> [&'static str; 3] {
        match self {
            Quadrant::StrongSmall => [
                "Make one well-aimed counter, then sign.",
                "The last few percent are not worth the goodwill they would cost.",
                "Keep that goodwill for your first raise conversation.",
            ],
            Quadrant::StrongLarge => [
                "Counter once, on total compensation rather than base alone.",
                "Ask for equity, a sign-on bonus or more paid leave if base is stuck.",
                "If the second offer does not move, walk.",
            ],
            Quadrant::WeakSmall => [
                "Walk, unless you truly have no leverage at all.",
                "Do not sign only to have something signed.",
                "Take stock of your search at week six.",
            ],
            Quadrant::WeakLarge => [
                "Walk now; a counter is not worth the time.",
                "Close the process politely.",
                "Spend the freed time on roles that fit better.",
            ],
        }
    }
}

/// Which runway rule applies (the rule of thumb, step 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Runway {
    /// Employed: the runway rule does not apply.
    Employed,
    /// At most 3 months: take the offer.
    Short,
    /// Between 3 and 6 months: a walk becomes a counter-then-decide.
    Middle,
    /// 6 months or more: the quadrant stands.
    Long,
}

impl Runway {
    pub fn classify(runway_months: Option<f64>) -> Self {
        match runway_months {
            None => Runway::Employed,
            Some(m) if m <= 3.0 => Runway::Short,
            Some(m) if m < 6.0 => Runway::Middle,
            Some(_) => Runway::Long,
        }
    }

    /// Why this runway regime matters; `tolerance` is `decision.walk_tolerance`.
    pub fn explain(self, tolerance: f64) -> String {
        let text = match self {
            Runway::Employed => {
                "You are employed, so the runway rule does not apply: searching costs time, not rent."
            }
            Runway::Short => {
                "Three months of runway or less: taking the imperfect offer to cover your costs is the defensible call, whatever the matrix says."
            }
            Runway::Middle => {
                return format!(
                    "Between three and six months of runway: instead of walking outright, counter once, accept if the result lands within {:.1}% of your floor, and walk if it does not.",
                    100.0 * tolerance
                );
            }
            Runway::Long => {
                "Six months of runway or more: you can afford to wait for a better offer, so the matrix's answer stands."
            }
        };
        text.to_string()
    }
}

/// The article's rule of thumb, with every step's reason kept for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleVerdict {
    pub quadrant: Quadrant,
    pub runway: Runway,
    pub verdict: Verdict,
    pub real_reasons: Vec<&'static str>,
    pub not_reasons: Vec<&'static str>,
    /// Real reasons overridden by a short runway.
    pub reasons_overridden: bool,
}

/// The rule of thumb (docs/model.md, the verdicts): quadrant, then runway
/// (unemployed only), then real reasons.
pub fn rule_of_thumb(s: &Scenario) -> RuleVerdict {
    let quadrant = Quadrant::classify(
        s.gap(),
        s.role_strength(),
        s.decision.small_gap,
        s.decision.strong_role,
    );
    let runway = Runway::classify(s.search_runway_months());
    rule_verdict(
        quadrant,
        runway,
        s.reasons.real_flagged(),
        s.reasons.feelings_flagged(),
    )
}

/// The rule itself, on already-classified inputs.
pub fn rule_verdict(
    quadrant: Quadrant,
    runway: Runway,
    real_reasons: Vec<&'static str>,
    not_reasons: Vec<&'static str>,
) -> RuleVerdict {
    let mut verdict = quadrant.verdict();
    match runway {
        Runway::Short => verdict = Verdict::Take,
        Runway::Middle if verdict == Verdict::Walk => verdict = Verdict::CounterThenDecide,
        _ => {}
    }
    let mut reasons_overridden = false;
    if !real_reasons.is_empty() {
        if runway == Runway::Short {
            reasons_overridden = true;
        } else {
            verdict = Verdict::Walk;
        }
    }
    RuleVerdict {
        quadrant,
        runway,
        verdict,
        real_reasons,
        not_reasons,
        reasons_overridden,
    }
}

/// The simulation's pick (docs/model.md, the verdicts).
#[derive(Debug, Clone, PartialEq)]
pub struct SimVerdict {
    pub strategy: Strategy,
    pub verdict: Verdict,
    /// Runway risk at most `decision.max_runway_risk`.
    pub eligible: PerStrategy<bool>,
    /// The best eligible strategy other than the pick (highest mean).
    pub runner_up: Option<Strategy>,
    /// Mean value of the pick minus the runner-up's, paired by path:
    /// negative when the pick won a toss-up.
    pub margin: Option<f64>,
    pub margin_se: Option<f64>,
    /// Eligible strategies within 2 standard errors of the pick.
    pub tied_with: Vec<Strategy>,
    /// Eligible strategies other than the pick whose mean value is inside
    /// the toss-up band (at least the best mean minus the band).
    pub toss_up_with: Vec<Strategy>,
    /// The eligible strategy with the highest mean value (the pick unless
    /// the pick won a toss-up).
    pub best: Strategy,
    /// The highest eligible mean value, `m*`.
    pub best_mean: f64,
    /// The toss-up band, `decision.toss_up * |m*|`.
    pub band: f64,
    /// The pick's class, or a tied or toss-up strategy's, equals the rule's
    /// verdict.
    pub agree: bool,
}

/// Ties: a paired mean difference within this many standard errors.
pub const TIE_SE: f64 = 2.0;

impl SimVerdict {
    /// Whether the pick won a toss-up: another strategy has a higher mean
    /// but is inside the band, so the less exposed pick is named.
    pub fn won_toss_up(&self) -> bool {
        self.best != self.strategy
    }

    /// The lead of the best strategy over the pick, with its standard error
    /// and as a share of `|m*|`, when the pick won a toss-up.
    pub fn toss_up_lead(&self) -> Option<(f64, f64, f64)> {
        if !self.won_toss_up() {
            return None;
        }
        let (m, se) = (self.margin?, self.margin_se?);
        let share = if self.best_mean != 0.0 {
            -m / self.best_mean.abs()
        } else {
            0.0
        };
        Some((-m, se, share))
    }
}

/// What the wording of a toss-up needs of one strategy besides its mean:
/// its share of paths that run out of runway, and its P10 value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exposure {
    pub runway_out: f64,
    pub p10: f64,
}

fn pct1(p: f64) -> String {
    format!("{:.1}%", 100.0 * p)
}

/// The risk that taking `best` over `pick` adds, in words: how the chance of
/// running out of money and the P10 value move. Empty when neither moves
/// (an employed candidate's runway shares are both 0, so runway is then
/// never mentioned).
pub fn risk_words(best: Exposure, pick: Exposure, money: &dyn Fn(f64) -> String) -> Vec<String> {
    let mut out = Vec::new();
    let (b, p) = (best.runway_out, pick.runway_out);
    // Shares are printed to 0.1%: compare them as printed.
    if pct1(b) != pct1(p) {
        let ratio = if p > 0.0 { b / p } else { f64::INFINITY };
        let multiple = [(2.0, "doubles"), (3.0, "triples")]
            .into_iter()
            .find(|(k, _)| (ratio - k).abs() <= 0.1 * k);
        out.push(match multiple {
            Some((_, verb)) => format!(
                "{verb} the chance of running out of money ({} vs {})",
                pct1(b),
                pct1(p)
            ),
            None if b > p => format!(
                "raises the chance of running out of money from {} to {}",
                pct1(p),
                pct1(b)
            ),
            None => format!(
                "lowers the chance of running out of money from {} to {}",
                pct1(p),
                pct1(b)
            ),
        });
    }
    let d = best.p10 - pick.p10;
    let shown = money(d.abs());
    if d.is_finite() && shown != money(0.0) {
        let verb = if d < 0.0 { "lowers" } else { "raises" };
        out.push(format!("{verb} P10 by {shown}"));
    }
    out
}

/// The toss-up in one sentence, when the pick won one: "walk is ahead by
/// 734 ± 162 (0.1%), inside the toss-up band, and it doubles the chance of
/// running out of money (12.2% vs 6.3%) and lowers P10 by 35k: counter,
/// then decide". `exposure` gives each strategy's risk; `money` formats an
/// amount. `None` when the pick has the highest mean.
pub fn toss_up_sentence(
    sim: &SimVerdict,
    exposure: &dyn Fn(Strategy) -> Exposure,
    money: &dyn Fn(f64) -> String,
) -> Option<String> {
    let (lead, se, share) = sim.toss_up_lead()?;
    let risk = risk_words(exposure(sim.best), exposure(sim.strategy), money);
    let risk = match risk.len() {
        0 => String::from(", and it carries no more risk"),
        _ => format!(", and it {}", risk.join(" and ")),
    };
    Some(format!(
        "{} is ahead by {} ± {} ({}), inside the toss-up band{risk}: {}",
        sim.best.name(),
        money(lead),
        money(se),
        pct1(share),
        sim.strategy.label().to_lowercase(),
    ))
}

pub fn simulation_verdict(
    agg: &Aggregate,
    max_runway_risk: f64,
    toss_up: f64,
    rule: Verdict,
) -> SimVerdict {
    let paths = agg.paths as f64;
    let eligible = PerStrategy::from_fn(|s| {
        agg.strategy(s).runway_exhausted as f64 / paths <= max_runway_risk
    });
    let mean = |s: Strategy| agg.strategy(s).value.mean();
    // A strategy whose mean is not a number cannot be compared: it is never
    // picked, nor named runner-up, tied or in the toss-up (every comparison
    // with NaN is false, so it would otherwise win whatever the others'
    // means).
    let comparable = |s: Strategy| eligible[s] && mean(s).is_finite();
    // Strict comparison keeps the earlier strategy on an exact tie.
    let best_of = |skip: Option<Strategy>| {
        Strategy::ALL
            .into_iter()
            .filter(|&s| comparable(s) && Some(s) != skip)
            .fold(None, |best: Option<Strategy>, s| match best {
                Some(b) if mean(s) <= mean(b) => Some(b),
                _ => Some(s),
            })
    };
    // Accept never searches, so it is always eligible; it is also the pick
    // when no mean is a number (`check_finite` then refuses the report).
    let best = best_of(None).unwrap_or(Strategy::Accept);
    let best_mean = mean(best);
    let band = if best_mean.is_finite() {
        toss_up * best_mean.abs()
    } else {
        0.0
    };
    let in_band = |s: Strategy| comparable(s) && mean(s) >= best_mean - band;
    // The table runs from least to most exposed: the earliest strategy in
    // the band is the pick (the best itself is always in it).
    let strategy = Strategy::ALL
        .into_iter()
        .find(|&s| in_band(s))
        .unwrap_or(best);
    let paired = |other: Strategy| {
        let m = &agg.exact.pairs[pair_index(strategy, other)];
        // Pairs store V_a - V_b with a before b.
        let sign = if strategy < other { 1.0 } else { -1.0 };
        (sign * m.mean(), m.se())
    };
    let runner_up = best_of(Some(strategy));
    let (margin, margin_se) = match runner_up {
        Some(r) => {
            let (m, se) = paired(r);
            (Some(m), Some(se))
        }
        None => (None, None),
    };
    let tied_with: Vec<Strategy> = Strategy::ALL
        .into_iter()
        .filter(|&s| s != strategy && comparable(s))
        .filter(|&s| {
            let (m, se) = paired(s);
            m.is_finite() && se.is_finite() && m.abs() <= TIE_SE * se
        })
        .collect();
    let toss_up_with: Vec<Strategy> = Strategy::ALL
        .into_iter()
        .filter(|&s| s != strategy && in_band(s))
        .collect();
    let verdict = strategy.class();
    let agree = verdict == rule
        || tied_with
            .iter()
            .chain(&toss_up_with)
            .any(|&s| s.class() == rule);
    SimVerdict {
        strategy,
        verdict,
        eligible,
        runner_up,
        margin,
        margin_se,
        tied_with,
        toss_up_with,
        best,
        best_mean,
        band,
        agree,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::REAL_REASONS;

    /// Words and headline read the code aloud: the same letters with the
    /// underscores as ", " and " ", and a headline that starts with the words.
    #[test]
    fn words_read_the_code_aloud() {
        for v in [Verdict::Take, Verdict::CounterThenDecide, Verdict::Walk] {
            let words = v.words();
            let letters = |s: &str| {
                s.chars()
                    .filter(char::is_ascii_alphabetic)
                    .collect::<String>()
            };
            assert_eq!(letters(words), letters(v.as_str()), "{v}");
            assert_eq!(words, words.to_uppercase(), "{v}");
            assert!(v.headline().starts_with(words), "{v}");
        }
        assert_eq!(Verdict::CounterThenDecide.words(), "COUNTER, THEN DECIDE");
        assert_eq!(
            Verdict::CounterThenDecide.headline(),
            "COUNTER, THEN DECIDE"
        );
        assert_eq!(Verdict::Take.headline(), "TAKE the offer");
        assert_eq!(Verdict::Walk.headline(), "WALK away");
    }

    /// The whole rule as a table: every quadrant x runway regime x reasons
    /// case, each expected verdict worked out from the rule in docs/model.md.
    #[test]
    fn rule_table() {
        use Quadrant::*;
        use Runway::*;
        use Verdict::*;
        // (quadrant, runway, real reason flagged, expected, reasons overridden)
        let table = [
            (StrongSmall, Employed, false, Take, false),
            (StrongSmall, Short, false, Take, false),
            (StrongSmall, Middle, false, Take, false),
            (StrongSmall, Long, false, Take, false),
            (StrongLarge, Employed, false, CounterThenDecide, false),
            (StrongLarge, Short, false, Take, false),
            (StrongLarge, Middle, false, CounterThenDecide, false),
            (StrongLarge, Long, false, CounterThenDecide, false),
            (WeakSmall, Employed, false, Walk, false),
            (WeakSmall, Short, false, Take, false),
            (WeakSmall, Middle, false, CounterThenDecide, false),
            (WeakSmall, Long, false, Walk, false),
            (WeakLarge, Employed, false, Walk, false),
            (WeakLarge, Short, false, Take, false),
            (WeakLarge, Middle, false, CounterThenDecide, false),
            (WeakLarge, Long, false, Walk, false),
            (StrongSmall, Employed, true, Walk, false),
            (StrongSmall, Short, true, Take, true),
            (StrongSmall, Middle, true, Walk, false),
            (StrongSmall, Long, true, Walk, false),
            (StrongLarge, Employed, true, Walk, false),
            (StrongLarge, Short, true, Take, true),
            (StrongLarge, Middle, true, Walk, false),
            (StrongLarge, Long, true, Walk, false),
            (WeakSmall, Employed, true, Walk, false),
            (WeakSmall, Short, true, Take, true),
            (WeakSmall, Middle, true, Walk, false),
            (WeakSmall, Long, true, Walk, false),
            (WeakLarge, Employed, true, Walk, false),
            (WeakLarge, Short, true, Take, true),
            (WeakLarge, Middle, true, Walk, false),
            (WeakLarge, Long, true, Walk, false),
        ];
        for (q, r, real, expected, overridden) in table {
            let reasons = if real { vec![REAL_REASONS[3]] } else { vec![] };
            // Feelings never change the verdict.
            let v = rule_verdict(q, r, reasons, vec!["tired", "slow_process"]);
            assert_eq!(v.verdict, expected, "{q:?} {r:?} real={real}");
            assert_eq!(v.reasons_overridden, overridden, "{q:?} {r:?} real={real}");
        }
    }

    #[test]
    fn thresholds_are_inclusive_where_the_model_says() {
        assert_eq!(
            Quadrant::classify(0.05, 0.5, 0.05, 0.5),
            Quadrant::StrongSmall
        );
        assert_eq!(
            Quadrant::classify(0.0501, 0.4999, 0.05, 0.5),
            Quadrant::WeakLarge
        );
        assert_eq!(Runway::classify(Some(3.0)), Runway::Short);
        assert_eq!(Runway::classify(Some(3.01)), Runway::Middle);
        assert_eq!(Runway::classify(Some(5.99)), Runway::Middle);
        assert_eq!(Runway::classify(Some(6.0)), Runway::Long);
        assert_eq!(Runway::classify(None), Runway::Employed);
    }

    /// An aggregate of 100 paths whose strategies have the given mean
    /// values (each from two values, so the standard errors are 1), none
    /// running out of runway, and whose pairs are the differences of those
    /// values.
    fn hand(means: [f64; Strategy::COUNT]) -> Aggregate {
        use crate::engine::{ExactStats, Sketches};
        use crate::model::PAIRS;
        use crate::stats::Moments;
        let values = |m: f64| [m - 1.0, m + 1.0];
        let mut exact = ExactStats::default();
        for s in Strategy::ALL {
            exact.strategies[s].value = Moments::of(&values(means[s.index()]));
        }
        for (k, (a, b)) in PAIRS.iter().enumerate() {
            let d = means[a.index()] - means[b.index()];
            exact.pairs[k] = Moments::of(&[d - 0.5, d + 0.5]);
        }
        Aggregate {
            paths: 100,
            seed: 1,
            exact,
            sketches: Sketches::default(),
            fan: Default::default(),
        }
    }

    #[test]
    fn finite_means_pick_the_highest() {
        let v = simulation_verdict(&hand([10.0, 30.0, 20.0, 5.0]), 0.2, 0.0, Verdict::Take);
        assert_eq!(v.strategy, Strategy::ALL[1]);
        assert_eq!(v.runner_up, Some(Strategy::ALL[2]));
        assert_eq!(v.margin, Some(10.0));
    }

    #[test]
    fn a_nan_mean_is_never_picked_runner_up_or_tied() {
        for nan_at in 0..Strategy::COUNT {
            let mut means = [10.0, 30.0, 20.0, 5.0];
            means[nan_at] = f64::NAN;
            let agg = hand(means);
            let v = simulation_verdict(&agg, 0.2, 0.0, Verdict::Take);
            let nan = Strategy::ALL[nan_at];
            assert_ne!(v.strategy, nan, "NaN at {nan:?}");
            assert_ne!(v.runner_up, Some(nan), "NaN at {nan:?}");
            assert!(!v.tied_with.contains(&nan), "NaN at {nan:?}");
            // The pick is the best of the others, on a finite margin.
            let best = Strategy::ALL
                .into_iter()
                .filter(|&s| s != nan)
                .max_by(|a, b| means[a.index()].total_cmp(&means[b.index()]))
                .unwrap();
            assert_eq!(v.strategy, best, "NaN at {nan:?}");
            assert!(v.margin.is_some_and(f64::is_finite), "NaN at {nan:?}");
        }
    }

    #[test]
    fn infinite_means_are_not_compared_either() {
        let v = simulation_verdict(
            &hand([10.0, f64::INFINITY, f64::NEG_INFINITY, 5.0]),
            0.2,
            0.0,
            Verdict::Take,
        );
        assert_eq!(v.strategy, Strategy::ALL[0]);
        assert_eq!(v.runner_up, Some(Strategy::ALL[3]));
        assert_eq!(v.margin, Some(5.0));
    }

    #[test]
    fn no_comparable_mean_falls_back_to_accepting_without_a_margin() {
        let v = simulation_verdict(&hand([f64::NAN; Strategy::COUNT]), 0.2, 0.0, Verdict::Walk);
        assert_eq!(v.strategy, Strategy::Accept);
        assert_eq!((v.runner_up, v.margin, v.margin_se), (None, None, None));
        assert!(v.tied_with.is_empty());
    }

    #[test]
    fn a_nan_standard_error_ties_nothing() {
        let mut agg = hand([10.0, 10.5, 3.0, 2.0]);
        // 1 and 0 would tie (0.5 apart, se 0.5); make that pair's spread NaN.
        let k = pair_index(Strategy::ALL[0], Strategy::ALL[1]);
        agg.exact.pairs[k] = crate::stats::Moments::of(&[-0.5, f64::NAN]);
        let v = simulation_verdict(&agg, 0.2, 0.0, Verdict::Take);
        assert_eq!(v.strategy, Strategy::ALL[1]);
        assert!(!v.tied_with.contains(&Strategy::ALL[0]));
    }

    use Strategy::{Accept, CounterAccept, CounterWalk, Walk};

    #[test]
    fn a_difference_inside_the_band_goes_to_the_less_exposed_strategy() {
        // m* = 1004 (walk), band = 0.005 * 1004 = 5.02: accept's 1000 is
        // inside (>= 998.98), counter_walk's 995 is not.
        let v = simulation_verdict(
            &hand([1000.0, 990.0, 995.0, 1004.0]),
            0.2,
            0.005,
            Verdict::Take,
        );
        assert_eq!(v.strategy, Accept);
        assert_eq!(v.best, Walk);
        assert!((v.band - 5.02).abs() < 1e-12, "{}", v.band);
        assert_eq!(v.runner_up, Some(Walk));
        assert_eq!(v.margin, Some(-4.0), "negative: the pick won the toss-up");
        assert_eq!(v.toss_up_with, vec![Walk]);
        assert!(v.won_toss_up());
        let (lead, se, share) = v.toss_up_lead().unwrap();
        assert_eq!((lead, se), (4.0, 0.5));
        assert!((share - 4.0 / 1004.0).abs() < 1e-15);
    }

    #[test]
    fn the_band_edge_is_inclusive_and_just_outside_goes_to_the_better() {
        // toss_up 0.25 of 1000: the band is exactly 250.
        let v = simulation_verdict(&hand([750.0, 0.0, 0.0, 1000.0]), 0.2, 0.25, Verdict::Take);
        assert_eq!(v.strategy, Accept);
        let v = simulation_verdict(&hand([749.0, 0.0, 0.0, 1000.0]), 0.2, 0.25, Verdict::Take);
        assert_eq!(v.strategy, Walk);
        assert_eq!(v.margin, Some(251.0));
        assert!(v.toss_up_with.is_empty());
        assert!(!v.won_toss_up() && v.toss_up_lead().is_none());
        // 0.005 of 1004 is 5.02: 998.9 is just outside.
        let v = simulation_verdict(
            &hand([998.9, 990.0, 995.0, 1004.0]),
            0.2,
            0.005,
            Verdict::Take,
        );
        assert_eq!(v.strategy, Walk);
    }

    #[test]
    fn no_band_is_the_highest_mean_rule() {
        let means = [999.99, 0.0, 999.0, 1000.0];
        let v = simulation_verdict(&hand(means), 0.2, 0.0, Verdict::Take);
        assert_eq!((v.strategy, v.best, v.band), (Walk, Walk, 0.0));
        assert!(v.toss_up_with.is_empty());
        // An exact tie still goes to the earlier strategy, and each is in
        // the other's (zero-width) band.
        let v = simulation_verdict(&hand([5.0, 7.0, 7.0, 1.0]), 0.2, 0.0, Verdict::Take);
        assert_eq!(v.strategy, CounterAccept);
        assert_eq!(v.toss_up_with, vec![CounterWalk]);
    }

    #[test]
    fn the_band_uses_the_size_of_a_negative_best_mean() {
        // m* = -1000: band 0.02 * 1000 = 20, so -1010 >= -1020 is inside.
        let v = simulation_verdict(
            &hand([-1010.0, -2000.0, -2000.0, -1000.0]),
            0.2,
            0.02,
            Verdict::Take,
        );
        assert_eq!((v.strategy, v.band), (Accept, 20.0));
        let (_, _, share) = v.toss_up_lead().unwrap();
        assert!((share - 0.01).abs() < 1e-15, "share of |m*|: {share}");
        // 0.005 * 1000 = 5: -1010 is outside.
        let v = simulation_verdict(
            &hand([-1010.0, -2000.0, -2000.0, -1000.0]),
            0.2,
            0.005,
            Verdict::Take,
        );
        assert_eq!(v.strategy, Walk);
    }

    #[test]
    fn ineligible_strategies_never_enter_the_band() {
        // counter_accept runs out of runway on half the paths: inside the
        // band by its mean, but never picked nor listed.
        let mut agg = hand([900.0, 1000.0, 0.0, 1004.0]);
        agg.exact.strategies[CounterAccept].runway_exhausted = 50;
        let v = simulation_verdict(&agg, 0.2, 0.005, Verdict::Take);
        assert_eq!(v.strategy, Walk);
        assert!(v.toss_up_with.is_empty() && !v.eligible[CounterAccept]);
        // An ineligible best does not set m*: accept's 999 does, and
        // counter_walk's 996 is within 0.005 * 999 of it.
        let mut agg = hand([999.0, 0.0, 996.0, 2000.0]);
        agg.exact.strategies[Walk].runway_exhausted = 21;
        let v = simulation_verdict(&agg, 0.2, 0.005, Verdict::Take);
        assert_eq!((v.strategy, v.best, v.best_mean), (Accept, Accept, 999.0));
        assert_eq!(v.toss_up_with, vec![CounterWalk]);
        assert_eq!(v.runner_up, Some(CounterWalk));
        assert_eq!(v.margin, Some(3.0));
    }

    #[test]
    fn tied_and_toss_up_lists_are_separate() {
        // Pair standard errors are 0.5, so a tie is within 1. m* = 1004,
        // band 5.02: all four are inside; only counter_accept (0.5 behind
        // the pick) is tied.
        let v = simulation_verdict(
            &hand([1000.0, 999.5, 1003.0, 1004.0]),
            0.2,
            0.005,
            Verdict::Take,
        );
        assert_eq!(v.strategy, Accept);
        assert_eq!(v.toss_up_with, vec![CounterAccept, CounterWalk, Walk]);
        assert_eq!(v.tied_with, vec![CounterAccept]);
        assert_eq!((v.margin, v.margin_se), (Some(-4.0), Some(0.5)));
        // A NaN mean is never in the toss-up either.
        let v = simulation_verdict(
            &hand([1000.0, f64::NAN, 1003.0, 1004.0]),
            0.2,
            0.005,
            Verdict::Take,
        );
        assert_eq!(v.toss_up_with, vec![CounterWalk, Walk]);
    }

    #[test]
    fn agreement_reaches_through_the_toss_up() {
        // Walk is 4 ahead (8 SE): not tied, but inside the band.
        let means = [1000.0, 0.0, 0.0, 1004.0];
        let v = simulation_verdict(&hand(means), 0.2, 0.005, Verdict::Walk);
        assert_eq!((v.verdict, v.agree), (Verdict::Take, true));
        assert!(v.tied_with.is_empty());
        let v = simulation_verdict(&hand(means), 0.2, 0.005, Verdict::CounterThenDecide);
        assert!(!v.agree);
        // Without the band, walk is the pick and accept is nothing to it.
        let v = simulation_verdict(&hand(means), 0.2, 0.0, Verdict::Take);
        assert_eq!((v.strategy, v.agree), (Walk, false));
    }

    fn k(x: f64) -> String {
        format!("{:.0}k", x / 1e3)
    }

    #[test]
    fn risk_words_are_true_to_the_numbers() {
        let e = |runway_out, p10| Exposure { runway_out, p10 };
        assert_eq!(
            risk_words(e(0.122, 100e3), e(0.063, 135e3), &k),
            [
                "doubles the chance of running out of money (12.2% vs 6.3%)",
                "lowers P10 by 35k"
            ]
        );
        assert_eq!(
            risk_words(e(0.09, 150e3), e(0.063, 140e3), &k),
            [
                "raises the chance of running out of money from 6.3% to 9.0%",
                "raises P10 by 10k"
            ]
        );
        assert_eq!(
            risk_words(e(0.19, 1.0), e(0.063, 1.0), &k),
            ["triples the chance of running out of money (19.0% vs 6.3%)"]
        );
        assert_eq!(
            risk_words(e(0.05, 1.0), e(0.0, 1.0), &k),
            ["raises the chance of running out of money from 0.0% to 5.0%"]
        );
        // Employed: both shares 0, nothing about runway; equal P10s, nothing.
        assert!(risk_words(e(0.0, 7e5), e(0.0, 7e5 + 100.0), &k).is_empty());
    }

    #[test]
    fn the_toss_up_sentence_has_the_issue_s_shape() {
        let mut agg = hand([0.0, 0.0, 800_000.0, 800_734.0]);
        let k2 = crate::model::pair_index(CounterWalk, Walk);
        agg.exact.pairs[k2] = crate::stats::Moments::of(&[-734.0 - 162.0, -734.0 + 162.0]);
        let v = simulation_verdict(&agg, 0.2, 0.005, Verdict::CounterThenDecide);
        assert_eq!(v.strategy, CounterWalk);
        let exposure = |s: Strategy| match s {
            Walk => Exposure {
                runway_out: 0.122,
                p10: 400e3,
            },
            _ => Exposure {
                runway_out: 0.063,
                p10: 435e3,
            },
        };
        let money = |x: f64| format!("{x:.0}");
        let text = toss_up_sentence(&v, &exposure, &money).unwrap();
        assert_eq!(
            text,
            "walk is ahead by 734 ± 162 (0.1%), inside the toss-up band, and it doubles the \
             chance of running out of money (12.2% vs 6.3%) and lowers P10 by 35000: counter, \
             then decide"
        );
        let none = toss_up_sentence(
            &simulation_verdict(&agg, 0.2, 0.0, Verdict::Take),
            &exposure,
            &money,
        );
        assert_eq!(none, None);
    }
}
