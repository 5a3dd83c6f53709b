//! Invariants over random valid scenarios (proptest).

use std::path::Path;

use proptest::prelude::{ProptestConfig, any, prop_assert, prop_assert_eq, proptest};
use proptest::strategy::Strategy as _;
use rand::SeedableRng;
use walkaway::engine::fan::FanGrid;
use walkaway::engine::{Plan, Quiet, pool, simulate};
use walkaway::model::strategy::{play, play_all_with};
use walkaway::model::{Params, PathRng, Strategy, World};
use walkaway::report::{QUANTILES, ScenarioReport};
use walkaway::scenario::{Scenario, parse_str};

/// The numbers a random scenario is built from.
#[derive(Debug, Clone)]
struct Knobs {
    base: f64,
    floor: f64,
    runway: f64,
    employed: bool,
    strength: f64,
    softness: f64,
    horizon: f64,
    discount: f64,
    role_value: f64,
    rho: f64,
    reengage_p: f64,
    rescind: f64,
    success: f64,
}

fn knobs() -> impl proptest::strategy::Strategy<Value = Knobs> {
    (
        (
            50_000.0..300_000.0f64,
            50_000.0..300_000.0f64,
            0.0..24.0f64,
            any::<bool>(),
        ),
        (0.0..=1.0f64, 0.2..5.0f64, 0.5..12.0f64, 0.0..0.2f64),
        (
            0.0..1.5f64,
            0.0..=1.0f64,
            0.0..=1.0f64,
            0.0..=1.0f64,
            0.0..=1.0f64,
        ),
    )
        .prop_map(|(a, b, c)| Knobs {
            base: a.0,
            floor: a.1,
            runway: a.2,
            employed: a.3,
            strength: b.0,
            softness: b.1,
            horizon: b.2,
            discount: b.3,
            role_value: c.0,
            rho: c.1,
            reengage_p: c.2,
            rescind: c.3,
            success: c.4,
        })
}

fn scenario(k: &Knobs) -> Scenario {
    let text = format!(
        "[offer]\nbase = {}\nsign_on = 5000\n[offer.role]\nstrength = {}\n\
         [candidate]\nfloor = {}\nrunway_months = {}\nemployed = {}\ncurrent_comp = 90000\n\
         [market]\nsoftness = {}\n[counter]\nrescind = {}\nsuccess = {}\n\
         [reengage]\nprobability = {}\n\
         [career]\nhorizon_years = {}\ndiscount_rate = {}\nrole_value = {}\nanchor_persistence = {}\n",
        k.base,
        k.strength,
        k.floor,
        k.runway,
        k.employed,
        k.softness,
        k.rescind,
        k.success,
        k.reengage_p,
        k.horizon,
        k.discount,
        k.role_value,
        k.rho
    );
    parse_str(&text, Path::new("prop.toml")).unwrap()
}

fn outcome(s: &Scenario, seed: u64, st: walkaway::model::Strategy) -> walkaway::model::Outcome {
    let p = Params::new(s);
    let mut w = World::new(&p);
    w.draw(&mut PathRng::seed_from_u64(seed));
    play(&p, &mut w, st)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn summaries_are_finite_ordered_and_probabilities(k in knobs(), seed in any::<u64>()) {
        let s = scenario(&k);
        let agg = simulate(&Params::new(&s), &Plan { paths: 300, seed, charts: false }, &pool(Some(2)).unwrap(), &Quiet).unwrap();
        let r = ScenarioReport::new(s, agg);
        for st in Strategy::ALL {
            let x = r.summary(st);
            let all = [x.value_mean, x.value_sd, x.value_se, x.earnings_mean, x.diff_mean, x.diff_se,
                x.weeks_to_job_mean, x.weeks_to_job_p50, x.weeks_to_job_p90,
                x.comp_at_horizon_mean, x.comp_at_horizon_p50];
            prop_assert!(all.iter().chain(&x.value_q).chain(&x.earnings_q).all(|v| v.is_finite()));
            for p in [x.p_beats_accept, x.p_runway_exhausted, x.p_distressed, x.p_reengaged] {
                prop_assert!((0.0..=1.0).contains(&p));
            }
            prop_assert!(x.value_q.windows(2).all(|w| w[0] <= w[1]), "{:?}", x.value_q);
            prop_assert!(x.earnings_q.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(x.weeks_to_job_p50 <= x.weeks_to_job_p90);
            prop_assert_eq!(QUANTILES.len(), x.value_q.len());
            if k.reengage_p == 0.0 {
                prop_assert_eq!(x.p_reengaged, 0.0);
            }
            if k.employed {
                prop_assert_eq!(x.p_runway_exhausted, 0.0);
                prop_assert_eq!(x.p_distressed, 0.0);
            }
        }
        prop_assert!(r.sim.eligible[Strategy::Accept], "accept is always eligible");
    }

    #[test]
    fn a_higher_offer_never_lowers_accepts_value(k in knobs(), seed in any::<u64>(), more in 1.0..50_000.0f64) {
        let low = scenario(&k);
        let high = scenario(&Knobs { base: k.base + more, ..k.clone() });
        let a = outcome(&low, seed, Strategy::Accept);
        let b = outcome(&high, seed, Strategy::Accept);
        prop_assert!(b.value >= a.value, "{} < {}", b.value, a.value);
        prop_assert!(b.earnings >= a.earnings);
    }

    #[test]
    fn more_runway_never_exhausts_a_walk_that_did_not(k in knobs(), seed in any::<u64>(), extra in 0.0..12.0f64) {
        let short = scenario(&Knobs { employed: false, ..k.clone() });
        let long = scenario(&Knobs { employed: false, runway: k.runway + extra, ..k.clone() });
        for st in [Strategy::Walk, Strategy::CounterWalk] {
            let a = outcome(&short, seed, st);
            let b = outcome(&long, seed, st);
            prop_assert!(!b.runway_exhausted || a.runway_exhausted);
        }
    }

    #[test]
    fn walk_and_accept_values_are_bounded_by_the_horizon(k in knobs(), seed in any::<u64>()) {
        let s = scenario(&k);
        for st in Strategy::ALL {
            let o = outcome(&s, seed, st);
            prop_assert!(o.weeks_to_job >= 0.0 && o.weeks_to_job <= k.horizon * 52.0 + 1e-9);
            prop_assert!(o.earnings >= 0.0);
            prop_assert!(o.value.is_finite());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The engine's shortcuts (accept's anchor cost from the slope of its
    /// earnings, counter_walk copied from counter_accept when it does not
    /// walk, the fan's ledgers) change no outcome: every strategy played on
    /// its own in a fresh copy of the world gives the same numbers, and the
    /// anchor cost equals accept replayed at the floor.
    #[test]
    fn playing_all_at_once_equals_playing_each_alone(k in knobs(), seed in any::<u64>()) {
        let s = scenario(&k);
        let p = Params::new(&s);
        let mut w = World::new(&p);
        w.draw(&mut PathRng::seed_from_u64(seed));
        let grid = FanGrid::new(&p);
        let mut ledgers = grid.ledgers();
        let all = play_all_with(&p, &mut w.clone(), &mut ledgers);
        for st in Strategy::ALL {
            let alone = play(&p, &mut w.clone(), st);
            prop_assert_eq!(all.by_strategy[st], alone, "{}", st.name());
            // The ledger's last point is the strategy's discounted earnings.
            let last = ledgers[st].cumulative().last().unwrap();
            prop_assert!(
                (last - alone.earnings).abs() <= 1e-9 * alone.earnings.abs().max(1.0),
                "{}: ledger {last} vs earnings {}", st.name(), alone.earnings
            );
        }
        let mut at_floor = p.clone();
        at_floor.offer_comp = p.floor;
        let replay = play(&at_floor, &mut w.clone(), Strategy::Accept).earnings;
        let direct = replay - all.by_strategy[Strategy::Accept].earnings;
        prop_assert!(
            (all.anchor_cost - direct).abs() <= 1e-9 * replay.abs().max(1.0),
            "anchor cost {} vs replay {direct}", all.anchor_cost
        );
    }
}
