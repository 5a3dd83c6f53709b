//! The walk-away numbers against brute force on the same paths: the bands
//! and their boundaries, the thresholds, thread-count independence.

use std::path::Path;

use walkaway::engine::{Quiet, pool};
use walkaway::frontier::{self, Frontier, HI, LO, RESOLUTION, picks};
use walkaway::model::{Params, Strategy};
use walkaway::scenario::{Scenario, load_file};
use walkaway::verdict::Verdict;

fn scenario(name: &str) -> Scenario {
    load_file(Path::new(&format!("scenarios/{name}.toml"))).unwrap()
}

fn compute(s: &Scenario, paths: u64, threads: usize) -> Frontier {
    let pool = pool(Some(threads)).unwrap();
    frontier::compute(s, &Params::new(s), paths, &pool, &Quiet).unwrap()
}

fn at_offers(s: &Scenario, c0s: &[f64], paths: u64) -> Vec<Strategy> {
    let p = Params::new(s);
    let variants: Vec<Params> = c0s
        .iter()
        .map(|&c0| Params {
            offer_comp: c0,
            ..p.clone()
        })
        .collect();
    picks(s, &variants, paths, &pool(Some(2)).unwrap()).unwrap()
}

fn check_bands(f: &Frontier) {
    let (lo, hi) = (LO * f.floor, HI * f.floor);
    assert_eq!(f.bands.first().unwrap().c0_lo, lo);
    assert_eq!(f.bands.last().unwrap().c0_hi, hi);
    for w in f.bands.windows(2) {
        assert_eq!(w[0].c0_hi, w[1].c0_lo, "no gap between bands");
        assert_ne!(w[0].strategy, w[1].strategy, "neighbours differ");
    }
    for b in &f.bands {
        assert!(b.c0_lo < b.c0_hi, "{b:?}");
    }
    assert!(f.curve.windows(2).all(|w| w[0].c0 < w[1].c0));
    assert!(f.curve.len() >= frontier::OFFER_GRID);
}

/// A scan of every offer 0.001 x floor apart finds the changes of pick the
/// bands report, each within the resolution of a reported boundary.
#[test]
fn boundaries_agree_with_a_brute_force_scan() {
    for name in ["red-flag", "weak-small-gap"] {
        let s = scenario(name);
        let paths = 600;
        let f = compute(&s, paths, 2);
        check_bands(&f);
        assert!(f.bands.len() >= 2, "{name}: {:?}", f.bands);
        let floor = s.candidate.floor;
        let n = ((HI - LO) / RESOLUTION).round() as usize;
        let c0s: Vec<f64> = (0..=n)
            .map(|i| LO * floor + i as f64 * RESOLUTION * floor)
            .collect();
        let scan = at_offers(&s, &c0s, paths);
        let changes: Vec<f64> = (1..scan.len())
            .filter(|&i| scan[i] != scan[i - 1])
            .map(|i| 0.5 * (c0s[i] + c0s[i - 1]))
            .collect();
        let bounds: Vec<f64> = f.bands[1..].iter().map(|b| b.c0_lo).collect();
        assert_eq!(
            changes.len(),
            bounds.len(),
            "{name}: {changes:?} vs {bounds:?}"
        );
        for (c, b) in changes.iter().zip(&bounds) {
            assert!((c - b).abs() <= RESOLUTION * floor, "{name}: {c} vs {b}");
        }
        // The band's strategy is the scan's pick inside it.
        for b in &f.bands {
            let mid = 0.5 * (b.c0_lo + b.c0_hi);
            let i = c0s.iter().position(|&c| c >= mid).unwrap();
            assert_eq!(scan[i], b.strategy, "{name}: {b:?}");
        }
    }
}

/// A run 0.004 x floor above `take_at` takes, one as far below does not;
/// likewise `walk_below` walks below and not above.
#[test]
fn thresholds_flip_the_pick_where_they_say() {
    // weak-small-gap goes from walk straight to take (take_at = walk_below)
    // with the default toss-up band.
    let s = scenario("weak-small-gap");
    let paths = 2_000;
    let f = compute(&s, paths, 2);
    let d = 0.004 * f.floor;
    let take = f.take_at.expect("weak-small-gap has a take_at");
    let walk = f.walk_below.expect("weak-small-gap has a walk_below");
    assert!(take.se > 0.0 && take.se.is_finite() && walk.se > 0.0);
    let p = at_offers(
        &s,
        &[take.at + d, take.at - d, walk.at - d, walk.at + d],
        paths,
    );
    assert_eq!(p[0].class(), Verdict::Take);
    assert_ne!(p[1].class(), Verdict::Take);
    assert_eq!(p[2], Strategy::Walk);
    assert_ne!(p[3], Strategy::Walk);
}

#[test]
fn the_same_numbers_for_any_thread_count() {
    let s = scenario("middle-runway");
    let one = compute(&s, 5_000, 1);
    let two = compute(&s, 5_000, 2);
    assert_eq!(one, two);
    check_bands(&one);
    assert!(one.runway_needed.is_some());
}

#[test]
fn an_employed_candidate_needs_no_runway_and_the_best_floor_beats_the_floor() {
    let s = scenario("employed");
    let f = compute(&s, 1_000, 2);
    assert_eq!(f.runway_needed, None);
    let b = f.best_floor.unwrap();
    // The floor's own value is on the searched grid: the best is no worse.
    assert!(b.gain >= 0.0, "{b:?}");
    assert!((LO * f.floor..=HI * f.floor).contains(&b.floor));
}
