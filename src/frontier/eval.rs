//! Evaluations under common random numbers: the first `paths` paths of the
//! scenario's seed, each world drawn once per path and replayed against
//! every variant of the inputs asked for at once. Only means and paired
//! moments are gathered (no sketches, no fan); each chunk pushes into its
//! own moments, and the chunks merge in chunk order.

use rayon::prelude::*;

use crate::engine::{CHUNK_PATHS, ExactStats, Interrupted, Observer, chunk_rng};
use crate::model::strategy::{play, play_all};
use crate::model::{PAIRS, Params, Strategy, World};
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
            Variant::All(p) => {
                let o = play_all(p, w).by_strategy;
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
            Variant::Walk(p) => {
                let o = play(p, w, Strategy::Walk);
                let m = &mut into.strategies[Strategy::Walk];
                m.value.push(o.value);
                m.weeks_to_job.push(o.weeks_to_job);
                m.runway_exhausted += u64::from(o.runway_exhausted);
            }
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
        if self.observer.should_stop() {
            return Err(Interrupted);
        }
        let chunks = self.paths.div_ceil(CHUNK_PATHS);
        let base = variants[0].params();
        let per_chunk: Vec<Option<Vec<ExactStats>>> = self.pool.install(|| {
            (0..chunks)
                .into_par_iter()
                .map(|chunk| {
                    if self.observer.should_stop() {
                        return None;
                    }
                    let n = CHUNK_PATHS.min(self.paths - chunk * CHUNK_PATHS);
                    let mut rng = chunk_rng(self.seed, chunk);
                    let mut world = World::new(base);
                    let mut stats = vec![ExactStats::default(); variants.len()];
                    for _ in 0..n {
                        world.draw(&mut rng);
                        for (v, s) in variants.iter().zip(stats.iter_mut()) {
                            v.push(&mut world, s);
                        }
                    }
                    Some(stats)
                })
                .collect()
        });
        let mut total = vec![ExactStats::default(); variants.len()];
        for chunk in per_chunk {
            let chunk = chunk.ok_or(Interrupted)?;
            for (t, c) in total.iter_mut().zip(chunk.iter()) {
                t.merge(c);
            }
        }
        Ok(total)
    }
}
