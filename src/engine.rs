//! The parallel runner: paths split into fixed-size chunks, each chunk's
//! generator derived from (seed, chunk index), chunks run on a rayon pool,
//! and their exact moments merged in chunk order. Quantile sketches hold
//! integer counts, so each worker keeps one and they merge in any order.
//! Nothing is stored per path: memory does not grow with the path count.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rand::SeedableRng;
use rayon::prelude::*;

use crate::model::strategy::play_all;
use crate::model::{Params, PathOutcomes, PathRng, Strategy, World};
use crate::stats::{Moments, QuantileSketch};

/// Paths per chunk. A constant, never derived from the thread count: chunk
/// boundaries fix which generator draws which path.
pub const CHUNK_PATHS: u64 = 4096;

/// Chunks run in parallel between two in-order merges; bounds the memory
/// held by finished-but-unmerged chunks.
const WAVE_CHUNKS: u64 = 64;

/// The six unordered pairs of strategies, for paired differences between any
/// two (the simulation verdict's ties).
pub const PAIRS: [(usize, usize); 6] = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)];

/// Index in [`PAIRS`] of the pair {a, b}.
pub fn pair_index(a: usize, b: usize) -> usize {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    PAIRS
        .iter()
        .position(|&p| p == (a, b))
        .expect("a != b, both < 4")
}

/// Exact (order-sensitive) statistics of one strategy.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StrategyMoments {
    pub value: Moments,
    pub earnings: Moments,
    /// V - V_accept in the same world.
    pub diff: Moments,
    pub weeks_to_job: Moments,
    pub comp_at_horizon: Moments,
    pub runway_exhausted: u64,
    pub distressed: u64,
    pub reengaged: u64,
    pub beats_accept: u64,
}

/// Everything merged in chunk order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ExactStats {
    pub strategies: [StrategyMoments; 4],
    /// `V_a - V_b` for each pair of [`PAIRS`].
    pub pairs: [Moments; 6],
    pub anchor_cost: Moments,
}

impl ExactStats {
    fn push(&mut self, o: &PathOutcomes) {
        let accept_value = o.by_strategy[0].value;
        for (acc, out) in self.strategies.iter_mut().zip(&o.by_strategy) {
            acc.value.push(out.value);
            acc.earnings.push(out.earnings);
            let diff = out.value - accept_value;
            acc.diff.push(diff);
            acc.weeks_to_job.push(out.weeks_to_job);
            acc.comp_at_horizon.push(out.comp_at_horizon);
            acc.runway_exhausted += u64::from(out.runway_exhausted);
            acc.distressed += u64::from(out.distressed);
            acc.reengaged += u64::from(out.reengaged);
            acc.beats_accept += u64::from(diff > 0.0);
        }
        for (m, &(a, b)) in self.pairs.iter_mut().zip(&PAIRS) {
            m.push(o.by_strategy[a].value - o.by_strategy[b].value);
        }
        self.anchor_cost.push(o.anchor_cost);
    }

    fn merge(&mut self, other: &ExactStats) {
        for (a, b) in self.strategies.iter_mut().zip(&other.strategies) {
            a.value.merge(&b.value);
            a.earnings.merge(&b.earnings);
            a.diff.merge(&b.diff);
            a.weeks_to_job.merge(&b.weeks_to_job);
            a.comp_at_horizon.merge(&b.comp_at_horizon);
            a.runway_exhausted += b.runway_exhausted;
            a.distressed += b.distressed;
            a.reengaged += b.reengaged;
            a.beats_accept += b.beats_accept;
        }
        for (a, b) in self.pairs.iter_mut().zip(&other.pairs) {
            a.merge(b);
        }
        self.anchor_cost.merge(&other.anchor_cost);
    }
}

/// Quantile sketches per strategy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sketches {
    pub value: [QuantileSketch; 4],
    /// V - V_accept in the same world (all zeros for accept itself).
    pub diff: [QuantileSketch; 4],
    pub earnings: [QuantileSketch; 4],
    pub weeks_to_job: [QuantileSketch; 4],
    pub comp_at_horizon: [QuantileSketch; 4],
}

impl Sketches {
    fn push(&mut self, o: &PathOutcomes) {
        let accept_value = o.by_strategy[0].value;
        for (i, out) in o.by_strategy.iter().enumerate() {
            self.value[i].push(out.value);
            self.diff[i].push(out.value - accept_value);
            self.earnings[i].push(out.earnings);
            self.weeks_to_job[i].push(out.weeks_to_job);
            self.comp_at_horizon[i].push(out.comp_at_horizon);
        }
    }

    fn merge(&mut self, other: &Sketches) {
        for i in 0..4 {
            self.value[i].merge(&other.value[i]);
            self.diff[i].merge(&other.diff[i]);
            self.earnings[i].merge(&other.earnings[i]);
            self.weeks_to_job[i].merge(&other.weeks_to_job[i]);
            self.comp_at_horizon[i].merge(&other.comp_at_horizon[i]);
        }
    }
}

/// Cumulative discounted earnings over time, for the fan chart: percentiles
/// across a fixed subsample of paths (the first ones of the run, so the
/// subsample depends on the seed only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fan {
    /// Grid times in years, from 0 to the horizon inclusive.
    pub times: Vec<f64>,
    /// Per strategy ([`Strategy::index`]), per grid time: P10, P50, P90 of
    /// the discounted earnings received on [0, t], sign-on included.
    pub bands: [Vec<[f64; 3]>; 4],
    /// Paths in the subsample.
    pub paths: u64,
}

/// The result of simulating one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    pub paths: u64,
    pub seed: u64,
    pub exact: ExactStats,
    pub sketches: Sketches,
    pub fan: Fan,
}

impl Aggregate {
    pub fn strategy(&self, s: Strategy) -> &StrategyMoments {
        &self.exact.strategies[s.index()]
    }
}

/// The run was stopped before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the run was interrupted")]
pub struct Interrupted;

/// How a run reports progress and learns that it should stop. Called once
/// per chunk, from the worker threads, never per path.
pub trait Observer: Sync {
    /// `done` paths of the scenario have finished (counted across threads,
    /// so calls may arrive slightly out of order).
    fn paths_done(&self, _done: u64) {}
    fn should_stop(&self) -> bool {
        false
    }
}

/// Observes nothing and never stops.
pub struct Quiet;
impl Observer for Quiet {}

/// Stops when the flag is raised (Ctrl-C).
impl Observer for AtomicBool {
    fn should_stop(&self) -> bool {
        self.load(Ordering::Relaxed)
    }
}

/// The generator of chunk `chunk` under `seed`: SplitMix64 over a mix of
/// both, so neighbouring seeds and chunks give unrelated streams.
pub fn chunk_rng(seed: u64, chunk: u64) -> PathRng {
    let mut state = seed ^ splitmix64(&mut chunk.wrapping_mul(0xD1B5_4A32_D192_ED03));
    let mut bytes = [0u8; 32];
    for word in bytes.chunks_exact_mut(8) {
        word.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
    }
    PathRng::from_seed(bytes)
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Plays the paths of one chunk, in order.
pub fn run_chunk(
    params: &Params,
    seed: u64,
    chunk: u64,
    paths: u64,
    sketches: &mut Sketches,
) -> ExactStats {
    let mut rng = chunk_rng(seed, chunk);
    let mut world = World::new(params);
    let mut exact = ExactStats::default();
    for _ in 0..paths {
        world.draw(&mut rng);
        let o = play_all(params, &mut world);
        exact.push(&o);
        sketches.push(&o);
    }
    exact
}

/// Simulates `paths` paths of a scenario on `pool`.
pub fn simulate(
    params: &Params,
    paths: u64,
    seed: u64,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Aggregate, Interrupted> {
    let chunks = paths.div_ceil(CHUNK_PATHS);
    let slots: Vec<Mutex<Sketches>> = (0..pool.current_num_threads().max(1))
        .map(|_| Mutex::new(Sketches::default()))
        .collect();
    let mut exact = ExactStats::default();
    let done = AtomicU64::new(0);
    let mut first = 0;
    while first < chunks {
        if observer.should_stop() {
            return Err(Interrupted);
        }
        let last = (first + WAVE_CHUNKS).min(chunks);
        let wave: Vec<Option<ExactStats>> = pool.install(|| {
            (first..last)
                .into_par_iter()
                .map(|chunk| {
                    // Checked per chunk, so a stop request lands within
                    // milliseconds, not at the end of the wave.
                    if observer.should_stop() {
                        return None;
                    }
                    let n = CHUNK_PATHS.min(paths - chunk * CHUNK_PATHS);
                    let slot = rayon::current_thread_index().unwrap_or(0) % slots.len();
                    let mut sketches = slots[slot].lock().expect("sketch slot");
                    let stats = run_chunk(params, seed, chunk, n, &mut sketches);
                    drop(sketches);
                    observer.paths_done(done.fetch_add(n, Ordering::Relaxed) + n);
                    Some(stats)
                })
                .collect()
        });
        for w in &wave {
            exact.merge(w.as_ref().ok_or(Interrupted)?);
        }
        first = last;
    }
    let mut sketches = Sketches::default();
    for slot in slots {
        sketches.merge(&slot.into_inner().expect("sketch slot"));
    }
    Ok(Aggregate {
        paths,
        seed,
        exact,
        sketches,
        fan: Fan::default(),
    })
}

/// The outcomes of the first `n` paths under `seed`, in path order: the
/// same paths, with the same numbers, that a run of at least `n` paths
/// aggregates (path k is path k % CHUNK_PATHS of chunk k / CHUNK_PATHS).
pub fn first_paths(params: &Params, seed: u64, n: u64) -> Vec<PathOutcomes> {
    let mut out = Vec::with_capacity(n.min(1 << 24) as usize);
    let mut world = World::new(params);
    for chunk in 0..n.div_ceil(CHUNK_PATHS) {
        let mut rng = chunk_rng(seed, chunk);
        for _ in 0..CHUNK_PATHS.min(n - chunk * CHUNK_PATHS) {
            world.draw(&mut rng);
            out.push(play_all(params, &mut world));
        }
    }
    out
}

/// A rayon pool of `threads` workers (all cores when `None`).
pub fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        b = b.num_threads(n);
    }
    b.build()
}
