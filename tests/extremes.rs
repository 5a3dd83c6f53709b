//! Valid scenarios at and near the corners of every bound (docs/model.md,
//! "Bounds and the worst case"): the reader accepts them, and every number
//! the engine and the summary rows produce from them is finite.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::{Just, ProptestConfig, any, prop_oneof, proptest};
use proptest::strategy::Strategy as _;
use walkaway::engine::{Plan, Quiet, first_paths, pool, simulate};
use walkaway::model::dist::{Z_CUT, Z95};
use walkaway::model::{Params, PathOutcomes, Strategy};
use walkaway::report::csv::{NONE_FOR_ACCEPT, summary_rows, verdict_row};
use walkaway::report::format::Json;
use walkaway::report::{BatchRow, ScenarioReport};
use walkaway::scenario::keys::{MAX_CI90_RATIO, MAX_MONEY, MAX_WEEKS};
use walkaway::scenario::{Scenario, parse_str};

static POOL: LazyLock<rayon::ThreadPool> = LazyLock::new(|| pool(Some(2)).unwrap());

/// The widest ci90 whose cut range ends just inside `(0, top]`: hi / lo at
/// the largest ratio allowed, the geometric mean as large as the bound
/// lets it be.
fn widest_ci90(top: f64) -> String {
    let half = MAX_CI90_RATIO.sqrt();
    let m = top / half.powf(Z_CUT / Z95) * 0.999;
    format!("{{ ci90 = [{:e}, {:e}] }}", m / half * 1.000_001, m * half)
}

/// Money at the top, at the bottom, or in between.
fn money() -> impl proptest::strategy::Strategy<Value = f64> {
    prop_oneof![
        Just(MAX_MONEY),
        Just(1e-6),
        Just(1.0),
        (0.0f64..12.0).prop_map(|e| 10f64.powf(e)),
    ]
}

fn one_of(items: &'static [&'static str]) -> impl proptest::strategy::Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

/// A scenario's text from values at the corners.
#[allow(clippy::too_many_arguments)]
fn text(
    (base, floor, median, sign_on, equity, current): (f64, f64, f64, f64, f64, f64),
    (employed, bonus, runway, horizon, growth, rate): (bool, f64, f64, f64, f64, f64),
    (raise, bump, tenure, uplift, months): (String, String, String, String, String),
    (offer, distress_offer, distress_weeks, rounds): (String, String, String, (f64, String)),
    (min_ask, switch, role_value, premium, anchor, weight): (f64, f64, f64, f64, f64, f64),
    (counter_weeks, probability): (f64, String),
) -> String {
    let (softness, search_weeks) = rounds;
    let runway = if employed {
        String::new()
    } else {
        format!("runway_months = {runway}\n")
    };
    format!(
        "[offer]\nbase = {base:e}\nbonus_pct = {bonus}\nequity_per_year = {equity:e}\n\
         sign_on = {sign_on:e}\n\
         [offer.role]\nweights = {{ scope = {weight:e}, manager = 0, team = {weight:e} }}\n\
         [candidate]\nfloor = {floor:e}\n{runway}\
         employed = {employed}\ncurrent_comp = {current:e}\n\
         [market]\nmedian_comp = {median:e}\ngrowth = {growth}\nsoftness = {softness:e}\n\
         search_weeks = {search_weeks}\noffer = {offer}\nfit = [0, 1]\n\
         [counter]\nsuccess = 1\nmeet = [0, 1]\nrescind = 0.5\nweeks = {counter_weeks}\n\
         min_ask = {min_ask}\n\
         [reengage]\nprobability = {probability}\nmonths = {months}\nuplift = {uplift}\n\
         switch_threshold = {switch}\n\
         [career]\nhorizon_years = {horizon:e}\ndiscount_rate = {rate}\nraise = {raise}\n\
         tenure_years = {tenure}\njob_change_bump = {bump}\nanchor_persistence = {anchor}\n\
         growth_premium = {premium}\nrole_value = {role_value}\n\
         [distress]\noffer = {distress_offer}\nweeks = {distress_weeks}\nfit = [0, 1]\n"
    )
}

fn check_finite(s: &Scenario, paths: u64) {
    let params = Params::new(s);
    let agg = simulate(
        &params,
        &Plan {
            paths,
            seed: 7,
            charts: true,
        },
        &POOL,
        &Quiet,
    )
    .unwrap();
    let first = first_paths(&params, 7, 4);
    for (i, p) in first.iter().enumerate() {
        assert_outcomes_finite(p, i);
    }
    let r = ScenarioReport::new(s.clone(), agg);
    for st in Strategy::ALL {
        let x = r.summary(st);
        let all = [
            x.value_mean,
            x.value_sd,
            x.value_se,
            x.earnings_mean,
            x.diff_mean,
            x.diff_se,
            x.p_beats_accept,
            x.p_runway_exhausted,
            x.p_distressed,
            x.p_reengaged,
            x.weeks_to_job_mean,
            x.weeks_to_job_p50,
            x.weeks_to_job_p90,
            x.comp_at_horizon_mean,
            x.comp_at_horizon_p50,
        ];
        let q = x.value_q.iter().chain(&x.earnings_q);
        for v in all.iter().chain(q) {
            assert!(v.is_finite(), "{}: {x:?}", st.name());
        }
    }
    // Every number cell of both CSV rows, as the JSON files write them (a
    // non-finite cell would be null there).
    let row = BatchRow::of(&r);
    let rows = serde_json::to_value(summary_rows::<Json>(&row)).unwrap();
    for row in rows.as_array().unwrap() {
        for (k, v) in row.as_object().unwrap() {
            // Accept's differences with itself do not exist: empty, by design.
            if row["strategy"] == "accept" && NONE_FOR_ACCEPT.contains(&k.as_str()) {
                continue;
            }
            assert!(!v.is_null(), "summary {k} is not finite: {row}");
        }
    }
    let v = verdict_row::<Json>(&row);
    let mut cells = vec![
        v.offer_comp.0,
        v.floor.0,
        v.gap.0,
        v.role_strength.0,
        v.anchor_cost.0,
        v.anchor_cost_se.0,
    ];
    cells.extend(
        [v.runway_months, v.margin, v.margin_se]
            .iter()
            .flatten()
            .map(|n| n.0),
    );
    assert!(
        cells.iter().all(|c| c.is_finite()),
        "verdict row: {cells:?}"
    );
}

fn assert_outcomes_finite(p: &PathOutcomes, i: usize) {
    assert!(p.anchor_cost.is_finite(), "path {i}: {p:?}");
    for st in Strategy::ALL {
        let o = &p.by_strategy[st];
        for x in [o.earnings, o.value, o.weeks_to_job, o.comp_at_horizon] {
            assert!(x.is_finite(), "path {i}, {}: {o:?}", st.name());
        }
    }
}

fn parse(text: &str) -> Scenario {
    parse_str(text, Path::new("extreme.toml"))
        .unwrap_or_else(|e| panic!("a corner of the bounds is refused:\n{e}\n{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn every_output_is_finite_at_the_corners_of_the_bounds(
        money in (money(), money(), money(), prop_oneof![Just(0.0), money()], prop_oneof![Just(0.0), money()], money()),
        setting in (
            any::<bool>(),
            prop_oneof![Just(0.0), Just(2.0)],
            prop_oneof![Just(0.0), Just(600.0), Just(3.0)],
            prop_oneof![4 => Just(40.0), 1 => Just(1e-6), 1 => Just(7.3)],
            prop_oneof![Just(-0.5), Just(0.5), Just(0.0)],
            prop_oneof![Just(0.0), Just(0.999_999)],
        ),
        career in (
            one_of(&["1", "-0.999999", "[-0.999999, 1]", "[0.99, 1]", "{ ci90 = [0.004, 0.04] }"]),
            one_of(&["1", "-0.999999", "[-0.999999, 1]", "[0.9, 1]"]),
            one_of(&["0.25", "[0.25, 0.26]", "100", "{ ci90 = [0.7, 1.4] }"]),
            one_of(&["10", "-0.999999", "[-0.999999, 10]"]),
            one_of(&["600", "1e-9", "[1e-9, 600]"]),
        ),
        market in (
            prop_oneof![Just(widest_ci90(100.0)), Just("100".to_string()), Just("1e-9".to_string()), Just("{ uniform = [1e-9, 100] }".to_string())],
            prop_oneof![Just(widest_ci90(100.0)), Just("100".to_string()), Just("{ uniform = [1e-9, 100] }".to_string())],
            prop_oneof![Just(widest_ci90(MAX_WEEKS)), Just("520".to_string()), Just("1e-9".to_string())],
            prop_oneof![
                // The longest rounds, the shortest allowed ones, and the
                // shortest ci90 draws allowed.
                // Rounds that short cost 208,000 rounds a search: rarer.
                3 => Just((10.0, "520".to_string())),
                1 => Just((2e-5, "{ uniform = [500, 520] }".to_string())),
                3 => Just((0.1, "{ uniform = [0.1, 520] }".to_string())),
                3 => Just((1.0, "{ ci90 = [0.3, 3] }".to_string())),
            ],
        ),
        knobs in (
            prop_oneof![Just(0.0), Just(10.0)],
            prop_oneof![Just(0.0), Just(10.0)],
            prop_oneof![Just(0.0), Just(10.0)],
            prop_oneof![Just(-1.0), Just(1.0)],
            prop_oneof![Just(0.0), Just(1.0)],
            prop_oneof![Just(1e6), Just(1e-9)],
        ),
        last in (prop_oneof![Just(0.0), Just(520.0)], one_of(&["1", "0", "[0, 1]"])),
    ) {
        let s = parse(&text(money, setting, career, market, knobs, last));
        check_finite(&s, 64);
    }
}

/// The path with the most events the bounds allow: an employed candidate
/// whose market never offers the floor searches to a 40-year horizon in
/// rounds of the shortest length allowed, 0.01 weeks (208,000 rounds), and
/// the offer's holders change jobs every quarter (160 changes), each with
/// the largest bump, raise and growth.
#[test]
fn the_busiest_paths_the_bounds_allow_stay_finite() {
    let text = format!(
        "[offer]\nbase = {MAX_MONEY:e}\nbonus_pct = 2\nequity_per_year = {MAX_MONEY:e}\n\
         sign_on = {MAX_MONEY:e}\n\
         [candidate]\nfloor = {MAX_MONEY:e}\nemployed = true\ncurrent_comp = {MAX_MONEY:e}\n\
         [market]\nmedian_comp = 1e-6\ngrowth = -0.5\nsoftness = 0.01\nsearch_weeks = 1\n\
         offer = 1e-9\n\
         [counter]\nsuccess = 1\nrescind = 0.5\nmin_ask = 10\n\
         [reengage]\nprobability = 0\n\
         [career]\nhorizon_years = 40\ndiscount_rate = 0\nraise = 1\ntenure_years = 0.25\n\
         job_change_bump = 1\nanchor_persistence = 1\ngrowth_premium = 1\nrole_value = 10\n"
    );
    let s = parse(&text);
    let params = Params::new(&s);
    let mut w = walkaway::model::World::new(&params);
    let mut rng = <walkaway::model::PathRng as rand::SeedableRng>::seed_from_u64(1);
    w.draw(&mut rng);
    let p = walkaway::model::strategy::play_all(&params, &mut w);
    assert_outcomes_finite(&p, 0);
    let used = w.used();
    // The search ran to the horizon, round after round of 0.01 weeks.
    assert!((207_990..=208_010).contains(&used.rounds), "{used:?}");
    assert!(used.jobs <= 161, "{used:?}");
    // Pay doubled at each of 160 job changes and 2.5-fold each year: about
    // 1e12 x 2^160 x 2.5^40 at most (docs/model.md).
    let top = p.by_strategy[Strategy::Accept].comp_at_horizon;
    assert!(top > 1e50 && top < 1e90, "{top:e}");
    check_finite(&s, 8);
}
