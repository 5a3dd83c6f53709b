//! McCall's job-search model as a cross-check that needs no simulation to
//! trust (docs/model.md, "Walk-away numbers"). Configured as McCall's model
//! (QuantEcon's formulation), the offer from which taking it beats
//! searching is McCall's reservation wage, the best floor has the same
//! acceptance set, and the mean search lasts 1 / P(w >= floor) rounds.
//!
//! The configuration: an employed candidate paid `c` while searching,
//! rounds of a fixed length of L weeks, no raises, no job changes, no
//! re-engagement, no role value, a counter that never moves the offer,
//! offers that are the wages themselves (market median 1, no growth). The
//! per-round discount factor is beta: `(1 + r)^(-L/52) = beta`. One-week
//! rounds would need a yearly rate above the key's bound of 100% (beta =
//! 0.99 a week is 169% a year), so the rounds last L = 2 weeks (beta =
//! 0.99) or L = 4 weeks (beta = 0.96); McCall's periods are then rounds,
//! and every payment of this model is McCall's times one constant.

use std::path::Path;

use walkaway::engine::{Quiet, pool};
use walkaway::frontier::{self, RESOLUTION};
use walkaway::model::dist::{Discrete, Dist};
use walkaway::model::{Params, Strategy};
use walkaway::scenario::{Scenario, parse_str};

const C: f64 = 25.0;
/// The floor of the check, at beta = 0.99: the least wage at or
/// above the reservation wage (McCall's policy as a floor).
const FLOOR: f64 = 48.0;
/// Wages 10, 11, ..., 60.
const W_LO: u32 = 10;
const N: u32 = 50;

/// ln Gamma by Lanczos (g = 7, n = 9): exact to ~1e-15 relative here.
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// BetaBinomial(n = 50, a = 200, b = 100) on k = 0..=50: QuantEcon's wage
/// offer distribution, on the wages 10 + k.
fn pmf() -> Vec<f64> {
    let (n, a, b) = (N as f64, 200.0, 100.0);
    let ln_beta = |x: f64, y: f64| ln_gamma(x) + ln_gamma(y) - ln_gamma(x + y);
    (0..=N)
        .map(|k| {
            let k = k as f64;
            let ln_choose = ln_gamma(n + 1.0) - ln_gamma(k + 1.0) - ln_gamma(n - k + 1.0);
            (ln_choose + ln_beta(k + a, n - k + b) - ln_beta(a, b)).exp()
        })
        .collect()
}

fn wages() -> Vec<f64> {
    (0..=N).map(|k| (W_LO + k) as f64).collect()
}

/// McCall's reservation wage. The value of an offer w in hand is
/// v(w) = max(w / (1 - beta), h) with h = c + beta E[v(w')], the value of
/// searching on; the reservation wage w_bar = (1 - beta) h is where both
/// meet, so w_bar / (1 - beta) = c + beta E[max(w', w_bar)] / (1 - beta), i.e.
/// w_bar = (1 - beta) c + beta E[max(w', w_bar)]. The right side minus the
/// left falls strictly in w_bar, so bisection finds the root.
fn reservation_wage(beta: f64) -> f64 {
    let (p, w) = (pmf(), wages());
    let g = |x: f64| {
        let e: f64 = p.iter().zip(&w).map(|(p, w)| p * w.max(x)).sum();
        (1.0 - beta) * C + beta * e - x
    };
    let (mut lo, mut hi) = (0.0, 100.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if g(mid) > 0.0 { lo = mid } else { hi = mid }
    }
    0.5 * (lo + hi)
}

/// The scenario, with rounds of `round_weeks` and the yearly rate that
/// makes a round's discount factor `beta`; the wage distribution is put
/// into the inputs after reading (a placeholder in the file).
fn mccall(beta: f64, round_weeks: f64, floor: f64, paths: u64) -> (Scenario, Params) {
    let rate = beta.powf(-52.0 / round_weeks) - 1.0;
    assert!(rate <= 1.0, "the discount rate's bound");
    let text = format!(
        "[offer]\nbase = {floor}\n[candidate]\nfloor = {floor}\nemployed = true\n\
         current_comp = {C}\n[market]\nmedian_comp = 1\ngrowth = 0\nsoftness = 1\n\
         search_weeks = {round_weeks}\noffer = 1\n[counter]\nsuccess = 0\nrescind = 0\n\
         weeks = 0\n[reengage]\nprobability = 0\n[career]\nhorizon_years = 40\n\
         discount_rate = {rate}\nraise = 0\ngrowth_premium = 0\nrole_value = 0\n\
         tenure_years = 100\n[decision]\nwalk_tolerance = 0\ntoss_up = 0\n[simulation]\n\
         paths = {paths}\nseed = 11\n"
    );
    let s = parse_str(&text, Path::new("mccall.toml")).unwrap();
    let mut p = Params::new(&s);
    let d = Discrete::new(wages(), Some(pmf())).unwrap();
    p.dists.market_offer = Dist::Discrete(d).into();
    (s, p)
}

fn check(beta: f64, round_weeks: f64) {
    let paths = 20_000;
    let w_bar = reservation_wage(beta);
    // The floor at McCall's policy: the least wage it accepts.
    let floor = w_bar.ceil();
    let (s, p) = mccall(beta, round_weeks, floor, paths);
    let pool = pool(Some(2)).unwrap();
    let f = frontier::compute(&s, &p, paths, &pool, &Quiet).unwrap();
    let take = f.take_at.expect("a take_at");
    let tol = 5.0 * take.se + RESOLUTION * floor;
    assert!(
        (take.at - w_bar).abs() <= tol,
        "beta {beta}: take_at {} ± {} against the reservation wage {w_bar}",
        take.at,
        take.se
    );
    // The best floor accepts what the reservation wage accepts: the wages
    // from ceil(w_bar).
    let best = f.best_floor.unwrap().floor;
    let first = w_bar.ceil();
    assert!(
        best > first - 1.0 && best <= first,
        "beta {beta}: best floor {best}"
    );
}

#[test]
fn the_reservation_wages_are_quantecons() {
    // The numbers QuantEcon's lecture reports.
    assert!((reservation_wage(0.99) - 47.316499766629).abs() < 1e-8);
    assert!((reservation_wage(0.96) - 44.762814078794).abs() < 1e-8);
    let p: f64 = pmf().iter().sum();
    assert!((p - 1.0).abs() < 1e-12);
}

#[test]
fn take_at_is_the_reservation_wage_at_beta_0_99() {
    check(0.99, 2.0);
}

#[test]
fn take_at_is_the_reservation_wage_at_beta_0_96() {
    check(0.96, 4.0);
}

/// Walk's mean time to a job is the mean of a geometric number of rounds,
/// 1 / P(w >= floor), each `round_weeks` long.
#[test]
fn the_mean_search_lasts_one_over_the_acceptance_probability() {
    let round_weeks = 2.0;
    let accept: f64 = pmf()
        .iter()
        .zip(wages())
        .filter(|(_, w)| *w >= FLOOR)
        .map(|(p, _)| p)
        .sum();
    let rounds = 1.0 / accept;
    assert!((rounds - 8.2149399).abs() < 1e-6, "{rounds}");
    let paths = 50_000;
    let (s, p) = mccall(0.99, round_weeks, FLOOR, paths);
    let pool = pool(Some(2)).unwrap();
    let ev = frontier::Evaluator {
        seed: s.simulation.seed,
        paths,
        pool: &pool,
        observer: &Quiet,
    };
    let e = &ev.eval(&[frontier::Variant::All(p)]).unwrap()[0];
    let weeks = &e.strategies[Strategy::Walk].weeks_to_job;
    let mean = weeks.mean() / round_weeks;
    let se = weeks.se() / round_weeks;
    assert!(
        (mean - rounds).abs() <= 5.0 * se,
        "{mean} ± {se} rounds against {rounds}"
    );
}
