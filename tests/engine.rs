//! The engine as a whole: determinism across thread counts, agreement
//! between seeds within Monte Carlo error, and means checked against values
//! derived in closed form.

use std::path::Path;

use walkaway::engine::{Aggregate, FAN_PATHS, Plan, Quiet, pool, simulate};
use walkaway::model::{Params, Strategy};
use walkaway::scenario::{Scenario, load_file, parse_str};

fn sample(name: &str) -> Scenario {
    load_file(&Path::new("scenarios").join(format!("{name}.toml"))).unwrap()
}

fn run(s: &Scenario, paths: u64, seed: u64, threads: usize) -> Aggregate {
    simulate(
        &Params::new(s),
        &Plan {
            paths,
            seed,
            charts: true,
        },
        &pool(Some(threads)).unwrap(),
        &Quiet,
    )
    .unwrap()
}

#[test]
fn thread_count_does_not_change_any_statistic() {
    let s = sample("strong-large-gap");
    // 3 chunks and a partial one, so chunks really are spread over threads.
    let one = run(&s, 14_000, 5, 1);
    let two = run(&s, 14_000, 5, 2);
    let three = run(&s, 14_000, 5, 3);
    assert_eq!(one, two);
    assert_eq!(one, three);
}

/// |a - b| <= 4.5 sqrt(se_a^2 + se_b^2): two independent estimates of the
/// same mean. With some 450 comparisons below, a false alarm has
/// probability about 450 * 6.8e-6 = 0.3 %, and the seeds are fixed, so a
/// pass or a failure is reproducible.
fn agree(what: &str, a: (f64, f64), b: (f64, f64)) {
    let tol = 4.5 * (a.1 * a.1 + b.1 * b.1).sqrt();
    assert!(
        (a.0 - b.0).abs() <= tol,
        "{what}: {} vs {} (tolerance {tol})",
        a.0,
        b.0
    );
}

fn proportion(count: u64, n: u64) -> (f64, f64) {
    let p = count as f64 / n as f64;
    (p, (p * (1.0 - p) / n as f64).sqrt())
}

#[test]
fn two_seeds_agree_on_every_mean() {
    let n = 40_000;
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        // Only the scenarios: scenarios/data holds a sample file.
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let s = load_file(&path).unwrap();
        let a = run(&s, n, 1, 2);
        let b = run(&s, n, 2, 2);
        for st in Strategy::ALL {
            let (x, y) = (a.strategy(st), b.strategy(st));
            let m = |m: &walkaway::stats::Moments| (m.mean(), m.se());
            let tag = |what: &str| format!("{} {} {what}", s.stem, st.name());
            agree(&tag("value"), m(&x.value), m(&y.value));
            agree(&tag("earnings"), m(&x.earnings), m(&y.earnings));
            agree(&tag("diff"), m(&x.diff), m(&y.diff));
            agree(&tag("weeks"), m(&x.weeks_to_job), m(&y.weeks_to_job));
            agree(&tag("comp"), m(&x.comp_at_horizon), m(&y.comp_at_horizon));
            for (what, cx, cy) in [
                ("runway", x.runway_exhausted, y.runway_exhausted),
                ("distress", x.distressed, y.distressed),
                ("reengaged", x.reengaged, y.reengaged),
                ("beats", x.beats_accept, y.beats_accept),
            ] {
                agree(&tag(what), proportion(cx, n), proportion(cy, n));
            }
        }
        let m = |a: &Aggregate| (a.exact.anchor_cost.mean(), a.exact.anchor_cost.se());
        agree(&format!("{} anchor", s.stem), m(&a), m(&b));
    }
}

#[test]
fn accept_mean_matches_closed_form_with_random_raises() {
    // Only raises are random: r_k ~ U[0.02, 0.05], independent across years,
    // tenure longer than the horizon, no discounting, no role term. Then
    // E[earnings] = C0 (1 + (1 + rbar) + (1 + rbar)^2) with rbar = 0.035.
    let text = "[offer]\nbase = 100000\n[candidate]\nfloor = 100000\nrunway_months = 6\n\
                [career]\nhorizon_years = 3\ndiscount_rate = 0\nraise = [0.02, 0.05]\n\
                tenure_years = 10\nrole_value = 0\ngrowth_premium = 0\n";
    let s = parse_str(text, Path::new("raises.toml")).unwrap();
    let a = run(&s, 100_000, 9, 2);
    let m = &a.strategy(Strategy::Accept).earnings;
    let expected = 100_000.0 * (1.0 + 1.035 + 1.035f64 * 1.035);
    assert!(
        (m.mean() - expected).abs() <= 4.5 * m.se(),
        "mean {} expected {expected} se {}",
        m.mean(),
        m.se()
    );
    // Earnings = C0 (1 + (1 + r1) + (1 + r1)(1 + r2)) with Var(r) = 0.03^2 / 12.
    // By the delta method, d/dr1 = C0 (2 + r2) and d/dr2 = C0 (1 + r1) at the
    // mean; the curvature term is below 0.1 % of the sd, the sampling error of
    // the sd about 0.3 %, so 2 % is a wide margin that still catches a wrong
    // raise year or a missing raise.
    let var_r = 0.03f64 * 0.03 / 12.0;
    let sd = 100_000.0 * (var_r * (2.035f64.powi(2) + 1.035f64.powi(2))).sqrt();
    assert!((m.sd() - sd).abs() < 0.02 * sd, "sd {} vs {sd}", m.sd());
}

#[test]
fn reengagement_share_matches_its_probability() {
    // Walk with a search that can never succeed before re-engagement: offers
    // far below the floor, a long runway, C_re above the floor. Every re
    // path takes it, so P(reengaged) = E[q] = 0.175 for q ~ U[0.15, 0.20].
    let text = "[offer]\nbase = 100000\n[candidate]\nfloor = 100000\nrunway_months = 40\n\
                [market]\noffer = 0.5\n[reengage]\nmonths = 6\nuplift = 0.1\n\
                [career]\nhorizon_years = 4\n";
    let s = parse_str(text, Path::new("re.toml")).unwrap();
    let n = 100_000;
    let a = run(&s, n, 4, 2);
    let (p, se) = proportion(a.strategy(Strategy::Walk).reengaged, n);
    assert!((p - 0.175).abs() <= 4.5 * se, "p = {p}, se {se}");
    assert_eq!(a.strategy(Strategy::Accept).reengaged, 0);
}

#[test]
fn no_path_is_reengaged_when_the_probability_is_zero() {
    let text = "[offer]\nbase = 100000\n[candidate]\nfloor = 110000\nrunway_months = 8\n\
                [reengage]\nprobability = 0\n";
    let s = parse_str(text, Path::new("zero.toml")).unwrap();
    let a = run(&s, 20_000, 3, 2);
    for st in Strategy::ALL {
        assert_eq!(a.strategy(st).reengaged, 0, "{}", st.name());
    }
}

/// The fan's subsample is the first FAN_PATHS paths; with exactly that many
/// paths, its last point is the whole run's discounted earnings, so its
/// percentiles must match the earnings sketch (to f32 rounding and the
/// sketch's 1e-4). Every percentile line rises over time, because each
/// path's cumulative earnings do, and the bands are ordered.
#[test]
fn fan_ends_at_the_earnings_distribution_and_rises() {
    let s = sample("strong-large-gap");
    let agg = run(&s, FAN_PATHS, 9, 2);
    let fan = &agg.fan;
    assert_eq!(fan.paths, FAN_PATHS);
    assert_eq!(fan.times.len(), 61);
    assert_eq!(*fan.times.last().unwrap(), s.career.horizon_years);
    for st in Strategy::ALL {
        let bands = &fan.bands[st];
        assert_eq!(bands.len(), fan.times.len());
        for w in bands.windows(2) {
            let rises = w[1]
                .iter()
                .zip(&w[0])
                .all(|(later, earlier)| later >= earlier);
            assert!(rises, "{} falls over time", st.name());
        }
        assert!(bands.iter().all(|b| b[0] <= b[1] && b[1] <= b[2]));
        let last = bands.last().unwrap();
        for (q, &p) in [0.10, 0.50, 0.90].iter().enumerate() {
            let sketch = agg.sketches.earnings[st].quantile(p);
            assert!(
                (last[q] - sketch).abs() <= 2e-4 * sketch,
                "{} P{}: fan {} vs sketch {sketch}",
                st.name(),
                p * 100.0,
                last[q]
            );
        }
    }
}

#[test]
fn no_chart_data_unless_asked_and_a_small_run_uses_all_its_paths() {
    let s = sample("weak-small-gap");
    let p = Params::new(&s);
    let pool = pool(Some(2)).unwrap();
    let none = simulate(
        &p,
        &Plan {
            paths: 500,
            seed: 1,
            charts: false,
        },
        &pool,
        &Quiet,
    )
    .unwrap();
    assert!(none.fan.times.is_empty());
    assert!(none.sketches.diff.values().all(|d| d.count() == 0));
    let small = simulate(
        &p,
        &Plan {
            paths: 500,
            seed: 1,
            charts: true,
        },
        &pool,
        &Quiet,
    )
    .unwrap();
    assert_eq!(small.fan.paths, 500);
    // Collecting the charts' data changes no statistic.
    assert_eq!(small.exact, none.exact);
    let mut with = small.sketches.clone();
    with.diff = none.sketches.diff.clone();
    assert_eq!(with, none.sketches);
    // The difference histograms hold every path, and accept's is all zeros.
    assert!(small.sketches.diff.values().all(|d| d.count() == 500));
    assert_eq!(small.sketches.diff[Strategy::Accept].quantile(0.5), 0.0);
}

/// A worker may meet a run's short last chunk before full ones (threads take
/// chunks in any order): its batch of outcomes then ends off a chunk's
/// boundary and must still take every path, with each chunk's statistics
/// the same as on a worker of its own.
#[test]
fn a_short_chunk_first_leaves_room_for_full_ones() {
    use walkaway::engine::{CHUNK_PATHS, Worker, run_chunk};
    let p = Params::new(&sample("strong-large-gap"));
    let mut shared = Worker::new(true);
    let mut paths = 0;
    for (chunk, n) in [(20, 100)]
        .into_iter()
        .chain((0..9).map(|c| (c, CHUNK_PATHS)))
    {
        let stats = run_chunk(&p, 5, chunk, n, &mut shared, None);
        let alone = run_chunk(&p, 5, chunk, n, &mut Worker::new(true), None);
        assert_eq!(stats, alone, "chunk {chunk}");
        paths += n;
    }
    let sketches = shared.into_sketches();
    for s in Strategy::ALL {
        assert_eq!(sketches.value[s].count(), paths);
        assert_eq!(sketches.diff[s].count(), paths);
    }
}
