//! Evaluations under common random numbers: the first `paths` paths of the
//! scenario's seed, each world drawn once per path and replayed against
//! every variant of the inputs asked for at once. Only means and paired
//! moments are gathered (no sketches, no fan); each chunk pushes into its
//! own moments, and the chunks merge in chunk order.

use rayon::prelude::*;

use crate::engine::{CHUNK_PATHS, ExactStats, Interrupted, Observer, chunk_rng};
use crate::model::strategy::{
    FloorScratch, play, play_all, play_offers, play_runways, walk_floors,
};
use crate::model::{Outcome, PAIRS, Params, PerStrategy, Strategy, World};
use crate::stats::Merge;

/// One set of inputs to evaluate.
#[derive(Debug, Clone)]
pub enum Variant {
    /// Every strategy: values, differences with accept, pairs, weeks to a
    /// job and runway exhaustion.
    All(Params),
    /// Walk alone (its value and weeks to a job, in walk's slot).
    Walk(Params),
    /// Walk under two inputs on the same paths: the first in accept's
    /// slot, the second in walk's, and their paired difference (first
    /// minus second) in the pair (accept, walk).
    WalkPair(Box<[Params; 2]>),
}

impl Variant {
    /// The inputs the world is drawn from (identical for every variant of
    /// one scenario: the varied inputs never change a distribution).
    fn params(&self) -> &Params {
        match self {
            Variant::All(p) | Variant::Walk(p) => p,
            Variant::WalkPair(two) => &two[0],
        }
    }

    fn push(&self, w: &mut World, into: &mut ExactStats) {
        match self {
            Variant::All(p) => push_all(&play_all(p, w).by_strategy, into),
            Variant::Walk(p) => push_walk(&play(p, w, Strategy::Walk), into),
            Variant::WalkPair(two) => {
                let [a, b] = &**two;
                let x = play(a, w, Strategy::Walk).value;
                let y = play(b, w, Strategy::Walk).value;
                into.strategies[Strategy::Accept].value.push(x);
                into.strategies[Strategy::Walk].value.push(y);
                let k = crate::model::pair_index(Strategy::Accept, Strategy::Walk);
                into.pairs[k].push(x - y);
            }
        }
    }
}

/// One input varied over several values on the same paths, everything
/// else as in the base inputs: what the walk-away numbers evaluate, with
/// the work that does not depend on the varied input done once per path
/// (`model::strategy::{play_offers, play_runways, walk_floors}`), and only
/// the statistics its search reads gathered. Each value gives those
/// statistics bit for bit as [`Variant::All`] (offers, runways) or
/// [`Variant::Walk`] (floors) gives them for the same inputs.
#[derive(Debug, Clone, Copy)]
pub enum Sweep<'a> {
    /// The offer's recurring comp `C0`: what the pick reads (each
    /// strategy's mean value and runway exhaustion), the differences with
    /// accept (the curve) and the pairs (a boundary's error).
    Offers(&'a [f64]),
    /// The runway, in years: what the pick reads.
    Runways(&'a [f64]),
    /// The floor as the searching candidate uses it, for walk alone.
    Floors(&'a [f64]),
}

impl Sweep<'_> {
    fn values(&self) -> &[f64] {
        match self {
            Sweep::Offers(xs) | Sweep::Runways(xs) | Sweep::Floors(xs) => xs,
        }
    }
}

/// What [`Variant::All`] gathers from one path's outcomes.
#[inline]
fn push_all(o: &PerStrategy<Outcome>, into: &mut ExactStats) {
    let accept = o[Strategy::Accept].value;
    for (s, x) in o.iter() {
        let m = &mut into.strategies[s];
        m.value.push(x.value);
        m.diff.push(x.value - accept);
        m.weeks_to_job.push(x.weeks_to_job);
        m.runway_exhausted += u64::from(x.runway_exhausted);
    }
    for (k, (a, b)) in PAIRS.iter().enumerate() {
        into.pairs[k].push(o[*a].value - o[*b].value);
    }
}

/// What the pick reads (`verdict::simulation_verdict`'s strategy): each
/// strategy's value and runway exhaustion.
#[inline]
fn push_pick(o: &PerStrategy<Outcome>, into: &mut ExactStats) {
    for (s, x) in o.iter() {
        let m = &mut into.strategies[s];
        m.value.push(x.value);
        m.runway_exhausted += u64::from(x.runway_exhausted);
    }
}

/// What the pick reads, the differences with accept and the pairs.
#[inline]
fn push_offer(o: &PerStrategy<Outcome>, into: &mut ExactStats) {
    let accept = o[Strategy::Accept].value;
    for (s, x) in o.iter() {
        let m = &mut into.strategies[s];
        m.value.push(x.value);
        m.diff.push(x.value - accept);
        m.runway_exhausted += u64::from(x.runway_exhausted);
    }
    for (k, (a, b)) in PAIRS.iter().enumerate() {
        into.pairs[k].push(o[*a].value - o[*b].value);
    }
}

/// What [`Variant::Walk`] gathers from walk's outcome on one path.
#[inline]
fn push_walk(o: &Outcome, into: &mut ExactStats) {
    let m = &mut into.strategies[Strategy::Walk];
    m.value.push(o.value);
    m.weeks_to_job.push(o.weeks_to_job);
    m.runway_exhausted += u64::from(o.runway_exhausted);
}

/// Runs evaluations on the same paths.
pub struct Evaluator<'a> {
    pub seed: u64,
    pub paths: u64,
    pub pool: &'a rayon::ThreadPool,
    pub observer: &'a dyn Observer,
}

impl Evaluator<'_> {
    /// The exact statistics of each variant, in the order given.
    pub fn eval(&self, variants: &[Variant]) -> Result<Vec<ExactStats>, Interrupted> {
        if variants.is_empty() {
            return Ok(Vec::new());
        }
        self.run(
            variants[0].params(),
            variants.len(),
            || (),
            |_, world, stats| {
                for (v, s) in variants.iter().zip(stats.iter_mut()) {
                    v.push(world, s);
                }
            },
        )
    }

    /// The exact statistics at each value of `sweep` over the inputs
    /// `base`, in the order given.
    pub fn sweep(&self, base: &Params, sweep: Sweep) -> Result<Vec<ExactStats>, Interrupted> {
        let n = sweep.values().len();
        if n == 0 {
            return Ok(Vec::new());
        }
        let scratch = || {
            (
                base.clone(),
                vec![PerStrategy::<Outcome>::default(); n],
                vec![Outcome::default(); n],
                FloorScratch::default(),
            )
        };
        self.run(
            base,
            n,
            scratch,
            |(p, all, walks, floors), world, stats| match sweep {
                Sweep::Offers(xs) => {
                    play_offers(p, world, xs, all);
                    for (o, s) in all.iter().zip(stats.iter_mut()) {
                        push_offer(o, s);
                    }
                }
                Sweep::Runways(xs) => {
                    play_runways(p, world, xs, all);
                    for (o, s) in all.iter().zip(stats.iter_mut()) {
                        push_pick(o, s);
                    }
                }
                Sweep::Floors(xs) => {
                    walk_floors(p, world, xs, floors, walks);
                    for (o, s) in walks.iter().zip(stats.iter_mut()) {
                        push_walk(o, s);
                    }
                }
            },
        )
    }

    /// `n` statistics gathered by `path` from every path's world, chunk by
    /// chunk in parallel (each chunk with its own `scratch()`), merged in
    /// chunk order.
    fn run<S>(
        &self,
        base: &Params,
        n: usize,
        scratch: impl Fn() -> S + Sync,
        path: impl Fn(&mut S, &mut World, &mut [ExactStats]) + Sync,
    ) -> Result<Vec<ExactStats>, Interrupted> {
        if self.observer.should_stop() {
            return Err(Interrupted);
        }
        let chunks = self.paths.div_ceil(CHUNK_PATHS);
        let per_chunk: Vec<Option<Vec<ExactStats>>> = self.pool.install(|| {
            (0..chunks)
                .into_par_iter()
                .map(|chunk| {
                    if self.observer.should_stop() {
                        return None;
                    }
                    let count = CHUNK_PATHS.min(self.paths - chunk * CHUNK_PATHS);
                    let mut rng = chunk_rng(self.seed, chunk);
                    let mut world = World::new(base);
                    let mut own = scratch();
                    let mut stats = vec![ExactStats::default(); n];
                    for _ in 0..count {
                        world.draw(&mut rng);
                        path(&mut own, &mut world, &mut stats);
                    }
                    Some(stats)
                })
                .collect()
        });
        let mut total = vec![ExactStats::default(); n];
        for chunk in per_chunk {
            let chunk = chunk.ok_or(Interrupted)?;
            for (t, c) in total.iter_mut().zip(chunk.iter()) {
                t.merge(c);
            }
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::engine::{Quiet, pool};
    use crate::scenario::load_file;

    fn evaluator(pool: &rayon::ThreadPool) -> Evaluator<'_> {
        // Two chunks, the second short, so the merge is exercised too.
        Evaluator {
            seed: 7,
            paths: CHUNK_PATHS + 300,
            pool,
            observer: &Quiet,
        }
    }

    fn sample(name: &str) -> Params {
        let path = format!("scenarios/{name}.toml");
        Params::new(&load_file(Path::new(&path)).expect("a sample scenario"))
    }

    /// Bit for bit.
    fn same<T: std::fmt::Debug>(a: &T, b: &T) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    /// Each sweep gives what the plain evaluation of every variant gives,
    /// in every statistic it gathers: an unemployed candidate with a
    /// company that may come back, an employed one.
    #[test]
    fn sweeps_equal_the_plain_evaluation() {
        let pool = pool(Some(2)).unwrap();
        let ev = evaluator(&pool);
        for name in ["short-runway", "employed"] {
            let p = sample(name);
            let xs = [0.6, 0.93, 1.0, 1.27, 1.5].map(|k| k * p.floor);
            let plain = ev
                .eval(&xs.map(|c0| {
                    Variant::All(Params {
                        offer_comp: c0,
                        ..p.clone()
                    })
                }))
                .unwrap();
            let swept = ev.sweep(&p, Sweep::Offers(&xs)).unwrap();
            for (a, b) in plain.iter().zip(&swept) {
                for s in Strategy::ALL {
                    let (x, y) = (&a.strategies[s], &b.strategies[s]);
                    assert!(same(&x.value, &y.value), "{name} {s:?}");
                    assert!(same(&x.diff, &y.diff), "{name} {s:?}");
                    assert_eq!(x.runway_exhausted, y.runway_exhausted, "{name}");
                }
                assert!(same(&a.pairs, &b.pairs), "{name}");
            }

            let floors = xs;
            let plain = ev
                .eval(&floors.map(|f| {
                    Variant::Walk(Params {
                        search_floor: f,
                        ..p.clone()
                    })
                }))
                .unwrap();
            let swept = ev.sweep(&p, Sweep::Floors(&floors)).unwrap();
            assert!(same(&plain, &swept), "{name}");

            let years = [0.0, 0.25, 0.5, 1.0, 2.0];
            let plain = ev
                .eval(&years.map(|r| {
                    Variant::All(Params {
                        runway_years: r,
                        ..p.clone()
                    })
                }))
                .unwrap();
            let swept = ev.sweep(&p, Sweep::Runways(&years)).unwrap();
            for (a, b) in plain.iter().zip(&swept) {
                for s in Strategy::ALL {
                    let (x, y) = (&a.strategies[s], &b.strategies[s]);
                    assert!(same(&x.value, &y.value), "{name} {s:?}");
                    assert_eq!(x.runway_exhausted, y.runway_exhausted, "{name}");
                }
            }
        }
    }
}
