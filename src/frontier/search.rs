//! Locating the walk-away numbers: a coarse grid, then bisection on every
//! change of pick (all open intervals evaluated together, one pass over
//! the paths per step); the best floor by a grid and a finer grid around
//! its best point; the runway needed by a grid and bisection.

use super::eval::{Evaluator, Sweep, Variant};
use super::{
    Band, BestFloor, Boundary, CurvePoint, Frontier, HI, LO, OFFER_GRID, RESOLUTION, RUNWAY_MAX,
    RUNWAY_RESOLUTION,
};
use crate::engine::{Aggregate, ExactStats, Fan, Interrupted, Observer, Sketches};
use crate::model::{Params, PerStrategy, Strategy, pair_index};
use crate::scenario::Scenario;
use crate::verdict::{Verdict, rule_of_thumb, simulation_verdict};

/// The simulation's pick for evaluated statistics, by the verdict's own
/// rule (`verdict::simulation_verdict`), never a copy of it.
struct Picker {
    agg: Aggregate,
    max_runway_risk: f64,
    toss_up: f64,
    rule: Verdict,
}

impl Picker {
    /// The pick of scenario `s` for statistics of `paths` paths.
    fn new(s: &Scenario, paths: u64) -> Self {
        Picker {
            agg: Aggregate {
                paths,
                seed: s.simulation.seed,
                exact: ExactStats::default(),
                sketches: Sketches::default(),
                fan: Fan::default(),
            },
            max_runway_risk: s.decision.max_runway_risk,
            toss_up: s.decision.toss_up,
            rule: rule_of_thumb(s).verdict,
        }
    }

    fn pick(&mut self, exact: &ExactStats) -> Strategy {
        self.agg.exact = *exact;
        simulation_verdict(&self.agg, self.max_runway_risk, self.toss_up, self.rule).strategy
    }
}

/// One evaluated value of the varied input.
#[derive(Debug, Clone)]
struct Point {
    x: f64,
    exact: ExactStats,
    pick: Strategy,
}

/// Every evaluated point, sorted, and per change of pick the indices of
/// the two points that bracket it.
type Located = (Vec<Point>, Vec<(usize, usize)>);
/// The bands, their boundaries and the curve.
type ByOffer = (Vec<Band>, Vec<Boundary>, Vec<CurvePoint>);

/// Mean and SE of `V_a - V_b` at a point.
fn paired(e: &ExactStats, a: Strategy, b: Strategy) -> (f64, f64) {
    let m = &e.pairs[pair_index(a, b)];
    let sign = if a < b { 1.0 } else { -1.0 };
    (sign * m.mean(), m.se())
}

/// Computes the walk-away numbers of scenario `s` (with its resolved
/// inputs `params`) on the first `paths` paths of its seed.
pub fn compute(
    s: &Scenario,
    params: &Params,
    paths: u64,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Frontier, Interrupted> {
    let ev = Evaluator {
        seed: s.simulation.seed,
        paths,
        pool,
        observer,
    };
    let mut picker = Picker::new(s, paths);
    let floor = params.floor;
    let (bands, changes, curve) = by_offer(&ev, &mut picker, params)?;
    let take_at = trailing_run(&bands, &changes, |s| s.class() == Verdict::Take);
    let walk_below = leading_run(&bands, &changes, |s| s == Strategy::Walk);
    let best_floor = Some(best_floor(&ev, params)?);
    let runway_needed = if params.employed {
        None
    } else {
        runway_needed(&ev, &mut picker, params)?
    };
    Ok(Frontier {
        frontier_paths: paths,
        floor,
        offer_comp: params.offer_comp,
        bands,
        take_at,
        walk_below,
        best_floor,
        runway_needed,
        curve,
    })
}

/// The input a search varies, every other input staying as it is.
#[derive(Debug, Clone, Copy)]
enum Input {
    /// The offer's recurring comp `C0`.
    Offer,
    /// The runway, in months.
    RunwayMonths,
}

/// Evaluates the inputs `base` with `input` at each value of `xs` and
/// picks at each.
fn points(
    ev: &Evaluator,
    picker: &mut Picker,
    base: &Params,
    input: Input,
    xs: &[f64],
) -> Result<Vec<Point>, Interrupted> {
    let stats = match input {
        Input::Offer => ev.sweep(base, Sweep::Offers(xs))?,
        Input::RunwayMonths => {
            let years: Vec<f64> = xs.iter().map(|m| m / 12.0).collect();
            ev.sweep(base, Sweep::Runways(&years))?
        }
    };
    Ok(xs
        .iter()
        .zip(stats)
        .map(|(&x, exact)| Point {
            x,
            pick: picker.pick(&exact),
            exact,
        })
        .collect())
}

/// `n` evenly spaced values from `lo` to `hi`, both included.
fn grid(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
        .collect()
}

/// Every change of pick between neighbouring points of `coarse`, located
/// by bisection to intervals no wider than `tol`: returns the sorted points
/// (coarse and bisection) and, per change, the indices of the two points
/// that bracket it in that list.
fn locate(
    ev: &Evaluator,
    picker: &mut Picker,
    coarse: Vec<Point>,
    tol: f64,
    base: &Params,
    input: Input,
) -> Result<Located, Interrupted> {
    let mut all = coarse.clone();
    let mut open: Vec<(Point, Point)> = coarse
        .windows(2)
        .filter(|w| w[0].pick != w[1].pick)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect();
    let mut done: Vec<(f64, f64)> = Vec::new();
    while !open.is_empty() {
        let (narrow, wide): (Vec<_>, Vec<_>) =
            open.into_iter().partition(|(a, b)| b.x - a.x <= tol);
        done.extend(narrow.iter().map(|(a, b)| (a.x, b.x)));
        let mids: Vec<f64> = wide.iter().map(|(a, b)| 0.5 * (a.x + b.x)).collect();
        let evaluated = points(ev, picker, base, input, &mids)?;
        open = Vec::new();
        for ((a, b), m) in wide.into_iter().zip(evaluated) {
            all.push(m.clone());
            if m.pick != a.pick {
                open.push((a.clone(), m.clone()));
            }
            if m.pick != b.pick {
                open.push((m, b));
            }
        }
    }
    all.sort_by(|a, b| a.x.total_cmp(&b.x));
    done.sort_by(|a, b| a.0.total_cmp(&b.0));
    let index = |x: f64| {
        all.iter()
            .position(|p| p.x == x)
            .expect("an evaluated point")
    };
    let changes = done
        .into_iter()
        .map(|(a, b)| (index(a), index(b)))
        .collect();
    Ok((all, changes))
}

/// The verdict by offer: bands, their boundaries with standard errors, and
/// the curve of every evaluated offer.
fn by_offer(ev: &Evaluator, picker: &mut Picker, params: &Params) -> Result<ByOffer, Interrupted> {
    let floor = params.floor;
    let (lo, hi) = (LO * floor, HI * floor);
    let xs = grid(lo, hi, OFFER_GRID);
    let coarse = points(ev, picker, params, Input::Offer, &xs)?;
    let (all, changes) = locate(
        ev,
        picker,
        coarse.clone(),
        RESOLUTION * floor,
        params,
        Input::Offer,
    )?;
    let mut bands = Vec::new();
    let mut boundaries = Vec::new();
    let mut start = lo;
    for &(i, j) in &changes {
        let (a, b) = (&all[i], &all[j]);
        let at = 0.5 * (a.x + b.x);
        bands.push(Band {
            c0_lo: start,
            c0_hi: at,
            strategy: a.pick,
        });
        boundaries.push(Boundary {
            at,
            se: boundary_se(&coarse, a, b),
        });
        start = at;
    }
    bands.push(Band {
        c0_lo: start,
        c0_hi: hi,
        strategy: all.last().expect("evaluated offers").pick,
    });
    let curve = all
        .iter()
        .map(|p| {
            let m = &p.exact.strategies;
            CurvePoint {
                c0: p.x,
                diff: PerStrategy::from_fn(|s| m[s].diff.mean()),
                diff_se: PerStrategy::from_fn(|s| m[s].diff.se()),
                pick: p.pick,
            }
        })
        .collect();
    Ok((bands, boundaries, curve))
}

/// The SE of a boundary between `a` (pick on its left) and `b` (on its
/// right): the paired SE of their difference there over the slope of that
/// difference in C0, the slope taken between the coarse offers either side
/// of the boundary (the bisection's own points are too close together for
/// a slope: under common random numbers the difference moves in steps).
fn boundary_se(coarse: &[Point], a: &Point, b: &Point) -> f64 {
    let (sa, sb) = (a.pick, b.pick);
    let se = 0.5 * (paired(&a.exact, sa, sb).1 + paired(&b.exact, sa, sb).1);
    let left = coarse
        .iter()
        .rev()
        .find(|p| p.x <= a.x)
        .unwrap_or(&coarse[0]);
    let right = coarse
        .iter()
        .find(|p| p.x >= b.x)
        .unwrap_or(&coarse[coarse.len() - 1]);
    let (dl, dr) = (
        paired(&left.exact, sa, sb).0,
        paired(&right.exact, sa, sb).0,
    );
    let slope = ((dr - dl) / (right.x - left.x)).abs();
    let r = se / slope;
    if r.is_finite() {
        r
    } else {
        // A flat difference: no better than the coarse grid's spacing.
        right.x - left.x
    }
}

/// The boundary where the trailing run of bands satisfying `take` begins,
/// when that run exists and does not cover the whole range.
fn trailing_run(
    bands: &[Band],
    changes: &[Boundary],
    take: impl Fn(Strategy) -> bool,
) -> Option<Boundary> {
    let first = bands.iter().rposition(|b| !take(b.strategy))? + 1;
    (first < bands.len()).then(|| changes[first - 1])
}

/// The boundary where the leading run of bands satisfying `walk` ends,
/// when that run exists and does not cover the whole range.
fn leading_run(
    bands: &[Band],
    changes: &[Boundary],
    walk: impl Fn(Strategy) -> bool,
) -> Option<Boundary> {
    let end = bands.iter().position(|b| !walk(b.strategy))?;
    (end > 0).then(|| changes[end - 1])
}

/// Floors on the coarse grid of the best-floor search (a step of 1% of the
/// floor), then on the fine grid around its best point.
const FLOOR_GRID: usize = 101;

/// The floor as the searching candidate uses it that maximises walk's
/// mean value, with the gain over the user's floor.
fn best_floor(ev: &Evaluator, params: &Params) -> Result<BestFloor, Interrupted> {
    let floor = params.floor;
    let make = |f: f64| Params {
        search_floor: f,
        ..params.clone()
    };
    let walk_means = |xs: &[f64]| -> Result<Vec<f64>, Interrupted> {
        Ok(ev
            .sweep(params, Sweep::Floors(xs))?
            .iter()
            .map(|e| e.strategies[Strategy::Walk].value.mean())
            .collect())
    };
    let argmax = |xs: &[f64], ms: &[f64]| {
        // The first of equal maxima: the lowest such floor.
        let mut best = 0;
        for (k, m) in ms.iter().enumerate() {
            if *m > ms[best] {
                best = k;
            }
        }
        xs[best]
    };
    let coarse = grid(LO * floor, HI * floor, FLOOR_GRID);
    let step = coarse[1] - coarse[0];
    let at = argmax(&coarse, &walk_means(&coarse)?);
    let fine_n = (2.0 * step / (RESOLUTION * floor)).round() as usize + 1;
    let fine: Vec<f64> = grid(at - step, at + step, fine_n)
        .into_iter()
        .filter(|&f| (LO * floor..=HI * floor).contains(&f))
        .collect();
    let best = argmax(&fine, &walk_means(&fine)?);
    let pair = &ev.eval(&[Variant::WalkPair(Box::new([make(best), params.clone()]))])?[0];
    let gain = &pair.pairs[pair_index(Strategy::Accept, Strategy::Walk)];
    Ok(BestFloor {
        floor: best,
        value: pair.strategies[Strategy::Accept].value.mean(),
        gain: gain.mean(),
        gain_se: gain.se(),
    })
}

/// Runways on the grid of the runway search (half a month apart).
const RUNWAY_GRID: usize = 49;

/// The least runway from which the pick searches (counter_walk or walk)
/// for every longer runway up to [`RUNWAY_MAX`].
fn runway_needed(
    ev: &Evaluator,
    picker: &mut Picker,
    params: &Params,
) -> Result<Option<f64>, Interrupted> {
    let mut at = |months: &[f64]| points(ev, picker, params, Input::RunwayMonths, months);
    let searches = |s: Strategy| matches!(s, Strategy::CounterWalk | Strategy::Walk);
    let xs = grid(0.0, RUNWAY_MAX, RUNWAY_GRID);
    let pts = at(&xs)?;
    let Some(last_no) = pts.iter().rposition(|p| !searches(p.pick)) else {
        return Ok(Some(0.0));
    };
    if last_no + 1 == pts.len() {
        return Ok(None);
    }
    let (mut lo, mut hi) = (pts[last_no].x, pts[last_no + 1].x);
    while hi - lo > RUNWAY_RESOLUTION {
        let mid = 0.5 * (lo + hi);
        let p = &at(&[mid])?[0];
        if searches(p.pick) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(Some(hi))
}

/// The simulation's pick for each set of inputs in `variants`, on the first
/// `paths` paths of scenario `s`'s seed: what every walk-away number is
/// located from, for checks from outside (a brute-force scan, a run at a
/// threshold).
pub fn picks(
    s: &Scenario,
    variants: &[Params],
    paths: u64,
    pool: &rayon::ThreadPool,
) -> Result<Vec<Strategy>, Interrupted> {
    let ev = Evaluator {
        seed: s.simulation.seed,
        paths,
        pool,
        observer: &crate::engine::Quiet,
    };
    let mut picker = Picker::new(s, paths);
    let v: Vec<Variant> = variants.iter().cloned().map(Variant::All).collect();
    Ok(ev.eval(&v)?.iter().map(|e| picker.pick(e)).collect())
}
