//! Hand-built worlds: every distribution fixed and every probability 0 or 1,
//! so each strategy's earnings and value follow from the model by hand. The
//! expected numbers are written as the arithmetic that derives them.

use std::collections::BTreeMap;
use std::path::Path;

use rand::SeedableRng;
use walkaway::model::strategy::play;
use walkaway::model::{Outcome, Params, PathRng, PerStrategy, Strategy, World};
use walkaway::scenario::parse_str;

/// A fully fixed scenario: C0 = floor = median = 100,000, 3 years, no
/// discounting, no raises, no role term, tenure 10 years, rounds of 13 weeks
/// whose offers equal the median, runway 6 months, no re-engagement.
fn base() -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([
        ("offer.base", "100000"),
        ("offer.sign_on", "0"),
        ("offer.role.strength", "0.5"),
        ("candidate.floor", "100000"),
        ("candidate.runway_months", "6"),
        ("market.median_comp", "100000"),
        ("market.growth", "0"),
        ("market.softness", "1"),
        ("market.search_weeks", "13"),
        ("market.offer", "1.0"),
        ("market.fit", "0.5"),
        ("counter.success", "1"),
        ("counter.meet", "1"),
        ("counter.rescind", "0"),
        ("counter.weeks", "1"),
        ("counter.min_ask", "0.05"),
        ("reengage.probability", "0"),
        ("reengage.months", "12"),
        ("reengage.uplift", "0.1"),
        ("reengage.switch_threshold", "0.05"),
        ("career.horizon_years", "3"),
        ("career.discount_rate", "0"),
        ("career.raise", "0"),
        ("career.tenure_years", "10"),
        ("career.job_change_bump", "0.2"),
        ("career.anchor_persistence", "1"),
        ("career.growth_premium", "0"),
        ("career.role_value", "0"),
        ("distress.offer", "0.8"),
        ("distress.weeks", "4"),
        ("distress.fit", "0.5"),
    ])
}

/// Plays every strategy in the world of `base()` with `changes` applied.
fn play_world(changes: &[(&'static str, &'static str)]) -> PerStrategy<Outcome> {
    let mut keys = base();
    for (k, v) in changes {
        keys.insert(k, v);
    }
    let mut sections: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in keys {
        let (section, key) = k.rsplit_once('.').unwrap();
        sections
            .entry(section.to_string())
            .or_default()
            .push(format!("{key} = {v}"));
    }
    let text: String = sections
        .iter()
        .map(|(s, lines)| format!("[{s}]\n{}\n", lines.join("\n")))
        .collect();
    let scenario =
        parse_str(&text, Path::new("hand.toml")).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let params = Params::new(&scenario);
    let mut world = World::new(&params);
    world.draw(&mut PathRng::seed_from_u64(99));
    PerStrategy::from_fn(|s| play(&params, &mut world, s))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {
        assert!(
            close($a, $b),
            "{} = {} but expected {} = {}",
            stringify!($a),
            $a,
            stringify!($b),
            $b
        )
    };
}

const ACCEPT: Strategy = Strategy::Accept;
const COUNTER_ACCEPT: Strategy = Strategy::CounterAccept;
const COUNTER_WALK: Strategy = Strategy::CounterWalk;
const WALK: Strategy = Strategy::Walk;
const TC: f64 = 1.0 / 52.0;

#[test]
fn plain_accept_with_raises_growth_premium_role_value_and_sign_on() {
    // Raise 10% + growth premium 0.04 (0.75 - 0.5) = 11% at t = 1 and t = 2;
    // the anniversary at t = 3 = H is not applied (the horizon comes first).
    let o = play_world(&[
        ("career.raise", "0.1"),
        ("career.growth_premium", "0.04"),
        ("career.role_value", "0.2"),
        ("offer.role.strength", "0.75"),
        ("offer.sign_on", "5000"),
    ])[ACCEPT];
    let salary = 100_000.0 + 111_000.0 + 123_210.0;
    assert_close!(o.earnings, salary + 5000.0);
    // Role term: 0.2 (0.75 - 0.5) on salary only, not on the sign-on.
    assert_close!(o.value, salary + 5000.0 + 0.05 * salary);
    assert_close!(o.comp_at_horizon, 123_210.0);
    assert_eq!(o.weeks_to_job, 0.0);
    assert!(!o.runway_exhausted && !o.distressed && !o.reengaged);
}

#[test]
fn job_change_anchors_fully_with_rho_one() {
    // Tenure 1.5: 100k on [0,1), raise 10% -> 110k on [1,1.5); the change at
    // 1.5 pays 1.2 * 110k = 132k; raise at 2.5 -> 145.2k on [2.5, 3).
    let o = play_world(&[
        ("career.raise", "0.1"),
        ("career.tenure_years", "1.5"),
        ("market.median_comp", "90000"),
    ])[ACCEPT];
    assert_close!(
        o.earnings,
        100_000.0 + 0.5 * 110_000.0 + 132_000.0 + 0.5 * 145_200.0
    );
    assert_close!(o.comp_at_horizon, 145_200.0);
}

#[test]
fn job_change_anchors_halfway_with_rho_half() {
    // rho = 0.5: C' = 1.2 (0.5 * 110k + 0.5 * M(1.5)), M(1.5) = 90k * 1.02^1.5.
    let o = play_world(&[
        ("career.raise", "0.1"),
        ("career.tenure_years", "1.5"),
        ("career.anchor_persistence", "0.5"),
        ("market.median_comp", "90000"),
        ("market.growth", "0.02"),
    ])[ACCEPT];
    let next = 1.2 * (0.5 * 110_000.0 + 0.5 * 90_000.0 * 1.02f64.powf(1.5));
    assert_close!(
        o.earnings,
        100_000.0 + 0.5 * 110_000.0 + next + 0.5 * next * 1.1
    );
    assert_close!(o.comp_at_horizon, next * 1.1);
}

#[test]
fn runway_exhausted_then_distress_job() {
    // Runway 1 month; distress 2 weeks later at t = 1/12 + 2/52, before the
    // first round ends at 13 weeks. Distress pays 0.8 * M = 80k at fit 0.3.
    let o = play_world(&[
        ("candidate.runway_months", "1"),
        ("distress.weeks", "2"),
        ("distress.fit", "0.3"),
        ("career.role_value", "0.2"),
    ])[WALK];
    let t = 1.0 / 12.0 + 2.0 / 52.0;
    let e = 80_000.0 * (3.0 - t);
    assert_close!(o.earnings, e);
    assert_close!(o.value, e + 0.2 * (0.3 - 0.5) * e);
    assert_close!(o.weeks_to_job, t * 52.0);
    assert!(o.runway_exhausted && o.distressed && !o.reengaged);
    assert_close!(o.comp_at_horizon, 80_000.0);
}

#[test]
fn runway_exhausted_then_round_offer_below_floor_taken() {
    // Runway 1 month; the round ends at 6 weeks, after the runway, so its
    // offer of 0.9 * 100k is taken although it is below the floor. Distress
    // would only come at 1/12 + 10/52.
    let o = play_world(&[
        ("candidate.runway_months", "1"),
        ("market.search_weeks", "6"),
        ("market.offer", "0.9"),
        ("distress.weeks", "10"),
    ])[WALK];
    assert_close!(o.earnings, 90_000.0 * (3.0 - 6.0 / 52.0));
    assert_close!(o.weeks_to_job, 6.0);
    assert!(o.runway_exhausted && !o.distressed);
}

#[test]
fn rounds_below_floor_are_refused_while_runway_lasts() {
    // Runway 6 months (tR = 0.5): the round ending at 13 weeks offers 0.9 *
    // 100k and is refused; the one ending at 26 weeks = tR is taken, since
    // t_i >= tR accepts any offer.
    let o = play_world(&[("market.offer", "0.9"), ("distress.weeks", "30")])[WALK];
    assert_close!(o.weeks_to_job, 26.0);
    assert_close!(o.earnings, 90_000.0 * 2.5);
    // min(job start, H) = 0.5 is not > tR = 0.5: the runway was not exhausted.
    assert!(!o.runway_exhausted);
}

#[test]
fn reengagement_during_search_accepted() {
    // The company returns at 3 months with 1.1 * 100k >= floor, before the
    // first round ends at 20 weeks.
    let o = play_world(&[
        ("reengage.probability", "1"),
        ("reengage.months", "3"),
        ("market.search_weeks", "20"),
        ("market.offer", "0.9"),
        ("offer.role.strength", "0.8"),
        ("career.role_value", "0.1"),
    ])[WALK];
    let e = 110_000.0 * (3.0 - 0.25);
    assert_close!(o.earnings, e);
    // The re-engaged job has the offer's role strength.
    assert_close!(o.value, e + 0.1 * 0.3 * e);
    assert_close!(o.weeks_to_job, 13.0);
    assert!(o.reengaged);
}

#[test]
fn reengagement_during_search_refused_below_floor() {
    // C0 = 85k, so C_re = 93.5k < floor at 3 months, with runway left: spent.
    // The round at 20 weeks offers 1.05 * 100k and is taken.
    let o = play_world(&[
        ("offer.base", "85000"),
        ("reengage.probability", "1"),
        ("reengage.months", "3"),
        ("market.search_weeks", "20"),
        ("market.offer", "1.05"),
    ])[WALK];
    assert_close!(o.earnings, 105_000.0 * (3.0 - 20.0 / 52.0));
    assert!(!o.reengaged);
}

#[test]
fn reengagement_as_a_switch_after_a_new_job() {
    // Job at 13 weeks at 100k; at 6 months C_re = 110k >= 100k * 1.05: switch.
    let o = play_world(&[("reengage.probability", "1"), ("reengage.months", "6")])[WALK];
    assert_close!(o.earnings, 100_000.0 * 0.25 + 110_000.0 * 2.5);
    assert_close!(o.comp_at_horizon, 110_000.0);
    assert!(o.reengaged);
    assert_close!(o.weeks_to_job, 13.0);
}

#[test]
fn reengagement_switch_refused_below_threshold() {
    // C_re = 104k < 100k * 1.05: the candidate stays.
    let o = play_world(&[
        ("reengage.probability", "1"),
        ("reengage.months", "6"),
        ("reengage.uplift", "0.04"),
    ])[WALK];
    assert_close!(o.earnings, 100_000.0 * 2.75);
    assert!(!o.reengaged);
}

#[test]
fn rescinded_counter_searches_without_reengagement() {
    // Rescinded at 1 week; the round ends at tc + 13 weeks. Had re-engagement
    // wrongly applied, it would tie with that round end at tc + 3 months and
    // win with 110k.
    let o = play_world(&[
        ("counter.rescind", "1"),
        ("reengage.probability", "1"),
        ("reengage.months", "3"),
    ]);
    for s in [COUNTER_ACCEPT, COUNTER_WALK] {
        assert_close!(o[s].earnings, 100_000.0 * (3.0 - TC - 0.25));
        assert_close!(o[s].weeks_to_job, 14.0);
        assert!(!o[s].reengaged);
    }
    // Walking outright with the same world is re-engaged at the tie.
    assert!(o[WALK].reengaged);
}

#[test]
fn counter_walk_accepts_within_tolerance() {
    // C0 = 90k, ask = max(100k, 94.5k) = 100k, meet 0.6 -> 96k >= 95k.
    let o = play_world(&[
        ("offer.base", "90000"),
        ("counter.meet", "0.6"),
        ("offer.sign_on", "1000"),
    ]);
    for s in [COUNTER_ACCEPT, COUNTER_WALK] {
        assert_close!(o[s].earnings, 96_000.0 * (3.0 - TC) + 1000.0);
        assert_close!(o[s].weeks_to_job, 1.0);
    }
}

#[test]
fn counter_walk_walks_outside_tolerance() {
    // meet 0.4 -> 94k < 95k: counter_walk searches from tc and finds 100k at
    // tc + 13 weeks; counter_accept keeps 94k from tc.
    let o = play_world(&[("offer.base", "90000"), ("counter.meet", "0.4")]);
    assert_close!(o[COUNTER_ACCEPT].earnings, 94_000.0 * (3.0 - TC));
    assert_close!(o[COUNTER_WALK].earnings, 100_000.0 * (3.0 - TC - 0.25));
    assert_close!(o[COUNTER_WALK].weeks_to_job, 14.0);
}

#[test]
fn failed_counter_leaves_the_offer() {
    let o = play_world(&[("offer.base", "90000"), ("counter.success", "0")]);
    assert_close!(o[COUNTER_ACCEPT].earnings, 90_000.0 * (3.0 - TC));
}

#[test]
fn employed_candidate_earns_current_comp_while_searching() {
    // Employed at 80k: offers of 0.9 * 100k never reach the floor and there is
    // no runway, so the search runs to the horizon.
    let o = play_world(&[
        ("candidate.employed", "true"),
        ("candidate.current_comp", "80000"),
        ("market.offer", "0.9"),
    ]);
    assert_close!(o[WALK].earnings, 80_000.0 * 3.0);
    assert_close!(o[WALK].weeks_to_job, 156.0);
    assert_eq!(o[WALK].comp_at_horizon, 0.0);
    assert!(!o[WALK].runway_exhausted && !o[WALK].distressed);
    // Counter: current comp on [0, tc), then the ask max(100k, 1.05 * 100k) =
    // 105k, fully met.
    assert_close!(
        o[COUNTER_ACCEPT].earnings,
        80_000.0 * TC + 105_000.0 * (3.0 - TC)
    );
}

#[test]
fn employed_candidate_takes_a_round_at_the_floor() {
    let o = play_world(&[
        ("candidate.employed", "true"),
        ("candidate.current_comp", "80000"),
    ])[WALK];
    assert_close!(o.earnings, 80_000.0 * 0.25 + 100_000.0 * 2.75);
    assert_close!(o.value, o.earnings);
}

#[test]
fn discounting_on() {
    // delta = ln 1.05. Accept: 100k D(0, 3). Distress path: 80k D(t, 3).
    let o = play_world(&[
        ("career.discount_rate", "0.05"),
        ("candidate.runway_months", "1"),
        ("distress.weeks", "2"),
        ("offer.sign_on", "1000"),
    ]);
    let d = 1.05f64.ln();
    let annuity = |a: f64, b: f64| ((-d * a).exp() - (-d * b).exp()) / d;
    assert_close!(o[ACCEPT].earnings, 100_000.0 * annuity(0.0, 3.0) + 1000.0);
    // Counter: C = 105k from tc, sign-on discounted to tc.
    assert_close!(
        o[COUNTER_ACCEPT].earnings,
        105_000.0 * annuity(TC, 3.0) + 1000.0 * 1.05f64.powf(-TC)
    );
    let t = 1.0 / 12.0 + 2.0 / 52.0;
    assert_close!(o[WALK].earnings, 80_000.0 * annuity(t, 3.0));
}

#[test]
fn discounting_off_is_plain_sums() {
    let o = play_world(&[("offer.sign_on", "1000")]);
    assert_close!(o[ACCEPT].earnings, 300_000.0 + 1000.0);
    assert_close!(o[COUNTER_ACCEPT].earnings, 105_000.0 * (3.0 - TC) + 1000.0);
}

#[test]
fn nothing_starts_at_or_after_the_horizon() {
    // Counter answered after 4 years, horizon 3: no job, no sign-on.
    let o = play_world(&[("counter.weeks", "208"), ("offer.sign_on", "1000")]);
    assert_eq!(o[COUNTER_ACCEPT].earnings, 0.0);
    assert_eq!(o[COUNTER_ACCEPT].weeks_to_job, 156.0);
    assert_eq!(o[COUNTER_ACCEPT].comp_at_horizon, 0.0);
}
