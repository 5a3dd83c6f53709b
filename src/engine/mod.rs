//! The parallel runner: paths split into fixed-size chunks, each chunk's
//! generator derived from (seed, chunk index), chunks run on a rayon pool,
//! and their exact moments merged in chunk order. Quantile sketches hold
//! integer counts, so each worker keeps one and they merge in any order.
//! Nothing is stored per path: memory does not grow with the path count.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rand::SeedableRng;
use rayon::prelude::*;

use crate::merge_fields;
use crate::model::dist::splitmix64;
use crate::model::strategy::{play_all, play_all_with};
use crate::model::{
    PAIR_COUNT, PAIRS, Params, PathOutcomes, PathRng, PerStrategy, Strategy, World, pair_index,
};
use crate::stats::{Merge, Moments, QuantileSketch};

pub mod fan;
pub use fan::FanSamples;
pub use fan::{FAN_PATHS, Fan};
use fan::{FanGrid, GridLedger};

/// Paths per chunk. A constant, never derived from the thread count: chunk
/// boundaries fix which generator draws which path.
pub const CHUNK_PATHS: u64 = 4096;

/// Chunks run in parallel between two in-order merges; bounds the memory
/// held by finished-but-unmerged chunks (under a kilobyte each). Each wave
/// ends with the threads waiting for its last chunk, so waves are long.
const WAVE_CHUNKS: u64 = 256;

/// Exact (order-sensitive) statistics of one strategy.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
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

merge_fields!(StrategyMoments {
    value,
    earnings,
    diff,
    weeks_to_job,
    comp_at_horizon,
    runway_exhausted,
    distressed,
    reengaged,
    beats_accept,
});

/// Everything merged in chunk order.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExactStats {
    pub strategies: PerStrategy<StrategyMoments>,
    /// `V_a - V_b` for each pair `(a, b)` of [`PAIRS`].
    pub pairs: [Moments; PAIR_COUNT],
    pub anchor_cost: Moments,
}

merge_fields!(ExactStats {
    strategies,
    pairs,
    anchor_cost,
});

impl ExactStats {
    /// Whether statistics read from a shard's part are the shape this
    /// walkaway builds for `paths` paths: every moment counts all of them
    /// (or none, where the statistic is not gathered) and every counter at
    /// most that many, so no hand-made count can overflow a merge. `Err`
    /// names the first that is not.
    pub fn check(&self, paths: u64) -> Result<(), String> {
        let moment = |name: String, m: &Moments| {
            if m.count() == paths || m.count() == 0 {
                Ok(())
            } else {
                Err(format!(
                    "{name} counts {} values, but its paths number {paths}",
                    m.count()
                ))
            }
        };
        for (s, m) in self.strategies.iter() {
            let at = |what: &str| format!("{what} of {s:?}");
            moment(at("value"), &m.value)?;
            moment(at("earnings"), &m.earnings)?;
            moment(at("diff"), &m.diff)?;
            moment(at("weeks_to_job"), &m.weeks_to_job)?;
            moment(at("comp_at_horizon"), &m.comp_at_horizon)?;
            let counters = [
                ("runway_exhausted", m.runway_exhausted),
                ("distressed", m.distressed),
                ("reengaged", m.reengaged),
                ("beats_accept", m.beats_accept),
            ];
            for (name, n) in counters {
                if n > paths {
                    return Err(format!(
                        "{} counts {n} paths, but there are {paths}",
                        at(name)
                    ));
                }
            }
        }
        for ((a, b), m) in PAIRS.iter().zip(&self.pairs) {
            moment(format!("pair {a:?} - {b:?}"), m)?;
        }
        moment("anchor_cost".into(), &self.anchor_cost)
    }
}

/// Quantile sketches per strategy.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sketches {
    pub value: PerStrategy<QuantileSketch>,
    /// V - V_accept in the same world (all zeros for accept itself).
    pub diff: PerStrategy<QuantileSketch>,
    pub earnings: PerStrategy<QuantileSketch>,
    pub weeks_to_job: PerStrategy<QuantileSketch>,
    pub comp_at_horizon: PerStrategy<QuantileSketch>,
}

merge_fields!(Sketches {
    value,
    diff,
    earnings,
    weeks_to_job,
    comp_at_horizon,
});

impl Sketches {
    /// Whether sketches read from a shard's part are the shape this
    /// walkaway builds, each counting at most `paths` values: `Err` names
    /// the first sketch that is not.
    pub fn check(&self, paths: u64) -> Result<(), String> {
        let like = Sketches::default();
        let columns = [
            ("value", &self.value, &like.value),
            ("diff", &self.diff, &like.diff),
            ("earnings", &self.earnings, &like.earnings),
            ("weeks_to_job", &self.weeks_to_job, &like.weeks_to_job),
            (
                "comp_at_horizon",
                &self.comp_at_horizon,
                &like.comp_at_horizon,
            ),
        ];
        for (name, sketches, like) in columns {
            for ((s, sketch), (_, like)) in sketches.iter().zip(like.iter()) {
                let at = |why: String| format!("sketch {name} of {s:?}: {why}");
                sketch.check_like(like).map_err(at)?;
                if sketch.count() > paths || sketch.non_finite() > paths {
                    return Err(at(format!(
                        "counts {} values, but its chunks hold {paths} paths",
                        sketch.count().max(sketch.non_finite())
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Relative accuracy of the difference sketches, which only feed the
/// difference chart (1 %, far finer than a chart's bins; the reported
/// statistics of the difference are exact moments).
pub const DIFF_ACCURACY: f64 = 0.01;

impl Default for Sketches {
    fn default() -> Self {
        Sketches {
            value: Default::default(),
            diff: PerStrategy::from_fn(|_| QuantileSketch::with_accuracy(DIFF_ACCURACY)),
            earnings: Default::default(),
            weeks_to_job: Default::default(),
            comp_at_horizon: Default::default(),
        }
    }
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
        &self.exact.strategies[s]
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

/// Paths in chunk `chunk` of a run of `paths`: full chunks, then the rest.
fn chunk_len(paths: u64, chunk: u64) -> u64 {
    CHUNK_PATHS.min(paths - chunk * CHUNK_PATHS)
}

/// Paths whose outcomes a worker holds before adding them to its sketches.
/// Each flush pulls every sketch's counts back into cache, so the bigger
/// the batch, the fewer times that is paid; eight chunks hold 5.5 MB.
const SKETCH_BATCH: usize = 8 * CHUNK_PATHS as usize;

/// What one worker thread keeps between chunks: its share of the sketches
/// and the outcomes not yet added to them.
#[derive(Debug, Default)]
pub struct Worker {
    sketches: Sketches,
    columns: Columns,
    /// Fill the difference sketches, which only the charts draw.
    differences: bool,
}

impl Worker {
    pub fn new(differences: bool) -> Self {
        Worker {
            differences,
            ..Worker::default()
        }
    }

    /// Adds the outcomes held to the sketches.
    pub fn flush(&mut self) {
        self.columns
            .sketch_into(&mut self.sketches, self.differences);
    }

    /// The sketches of every path this worker played.
    pub fn into_sketches(mut self) -> Sketches {
        self.flush();
        self.sketches
    }
}

/// The outcome columns of a batch, in one allocation: for each measure a
/// column per strategy (values, then earnings, weeks to a job and comp at
/// the horizon), then the anchor cost.
const VALUE: usize = 0;
const EARNINGS: usize = 1;
const WEEKS_TO_JOB: usize = 2;
const COMP_AT_HORIZON: usize = 3;
/// Measures with a column per strategy.
const MEASURES: usize = 4;
const ANCHOR_COST: usize = MEASURES * Strategy::COUNT;
const COLUMNS: usize = ANCHOR_COST + 1;

/// The column of `measure` for strategy `s`.
#[inline(always)]
const fn col(measure: usize, s: Strategy) -> usize {
    measure * Strategy::COUNT + s.index()
}

/// Distance between the starts of two columns: a batch and one cache line.
/// A path writes one value to each column; were the columns a multiple of
/// 4 KiB apart, as separate allocations of a batch each were, those writes
/// would all fall in one set of the 8-way L1 cache and evict each other from
/// path to path. One line of skew per column spreads them over as many
/// sets, and each line then takes eight paths' values before it is left.
const STRIDE: usize = SKETCH_BATCH + 8;

/// Where paths `from..to` of column k lie in [`Columns`]' data.
fn span(k: usize, from: usize, to: usize) -> std::ops::Range<usize> {
    k * STRIDE + from..k * STRIDE + to
}

/// One chunk's outcomes column by column. Statistics are gathered per
/// column after the chunk's paths are played: the moments in tight passes
/// over data in cache, and each sketch's counts in one burst instead of
/// interleaved with every other sketch, which was the main cost.
/// Holds at most [`SKETCH_BATCH`] paths: a worker flushes before that.
#[derive(Debug, Clone)]
pub struct Columns {
    len: usize,
    /// Column k holds `data[k * STRIDE..k * STRIDE + len]`. The length is
    /// in the type, so one check of the path's index covers every column
    /// it is written to.
    data: Box<[f64; COLUMNS * STRIDE]>,
    runway_exhausted: PerStrategy<u64>,
    distressed: PerStrategy<u64>,
    reengaged: PerStrategy<u64>,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            len: 0,
            data: vec![0.0; COLUMNS * STRIDE]
                .into_boxed_slice()
                .try_into()
                .expect("a batch's columns"),
            runway_exhausted: PerStrategy::default(),
            distressed: PerStrategy::default(),
            reengaged: PerStrategy::default(),
        }
    }
}

impl Columns {
    /// Paths held.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Column k's values from path `from` on.
    fn column(&self, k: usize, from: usize) -> &[f64] {
        &self.data[span(k, from, self.len)]
    }

    /// Starts a chunk: its flags are counted afresh and its paths start at
    /// the returned index.
    pub fn start_chunk(&mut self) -> usize {
        self.clear_flags();
        self.len
    }

    pub fn clear(&mut self) {
        self.len = 0;
        self.clear_flags();
    }

    fn clear_flags(&mut self) {
        self.runway_exhausted = PerStrategy::default();
        self.distressed = PerStrategy::default();
        self.reengaged = PerStrategy::default();
    }

    /// Adds one path's outcomes. Panics when the columns are full.
    #[inline]
    pub fn push(&mut self, o: &PathOutcomes) {
        let i = self.len;
        assert!(i < SKETCH_BATCH, "columns full: flush them first");
        let d = &mut self.data;
        for s in Strategy::ALL {
            let out = &o.by_strategy[s];
            d[col(VALUE, s) * STRIDE + i] = out.value;
            d[col(EARNINGS, s) * STRIDE + i] = out.earnings;
            d[col(WEEKS_TO_JOB, s) * STRIDE + i] = out.weeks_to_job;
            d[col(COMP_AT_HORIZON, s) * STRIDE + i] = out.comp_at_horizon;
            self.runway_exhausted[s] += u64::from(out.runway_exhausted);
            self.distressed[s] += u64::from(out.distressed);
            self.reengaged[s] += u64::from(out.reengaged);
        }
        d[ANCHOR_COST * STRIDE + i] = o.anchor_cost;
        self.len = i + 1;
    }

    /// Exact statistics of the paths from index `from` on (the current
    /// chunk's).
    pub fn exact(&self, from: usize) -> ExactStats {
        let v = PerStrategy::from_fn(|s| self.column(col(VALUE, s), from));
        let pairs = PAIRS.map(|(a, b)| Moments::of_difference(v[a], Some(v[b])));
        let accept = v[Strategy::Accept];
        let strategies = PerStrategy::from_fn(|s| StrategyMoments {
            value: Moments::of(v[s]),
            earnings: Moments::of(self.column(col(EARNINGS, s), from)),
            // V_s - V_accept is the pair (accept, s) negated; accept's own
            // is zero on every path.
            diff: if s == Strategy::Accept {
                Moments::zeros(accept.len() as u64)
            } else {
                pairs[pair_index(Strategy::Accept, s)].negated()
            },
            weeks_to_job: Moments::of(self.column(col(WEEKS_TO_JOB, s), from)),
            comp_at_horizon: Moments::of(self.column(col(COMP_AT_HORIZON, s), from)),
            runway_exhausted: self.runway_exhausted[s],
            distressed: self.distressed[s],
            reengaged: self.reengaged[s],
            beats_accept: v[s]
                .iter()
                .zip(accept)
                .filter(|(x, a)| *x - *a > 0.0)
                .count() as u64,
        });
        ExactStats {
            strategies,
            pairs,
            anchor_cost: Moments::of(self.column(ANCHOR_COST, from)),
        }
    }

    /// Adds every path held to the sketches (the differences' only with
    /// `differences`) and empties the columns.
    pub fn sketch_into(&mut self, sk: &mut Sketches, differences: bool) {
        let n = self.len;
        for s in Strategy::ALL {
            sk.value[s].push_slice(self.column(col(VALUE, s), 0));
            sk.earnings[s].push_slice(self.column(col(EARNINGS, s), 0));
            sk.weeks_to_job[s].push_slice(self.column(col(WEEKS_TO_JOB, s), 0));
            sk.comp_at_horizon[s].push_slice(self.column(col(COMP_AT_HORIZON, s), 0));
        }
        // The differences reuse the anchor column, the last one, which is
        // done.
        let (values, anchor) = self.data.split_at_mut(ANCHOR_COST * STRIDE);
        let diff = &mut anchor[..n];
        let accept = &values[span(col(VALUE, Strategy::Accept), 0, n)];
        for s in Strategy::ALL.into_iter().filter(|_| differences) {
            let value = &values[span(col(VALUE, s), 0, n)];
            for ((d, x), a) in diff.iter_mut().zip(value).zip(accept) {
                *d = x - a;
            }
            sk.diff[s].push_slice(diff);
        }
        self.clear();
    }
}

/// Plays the paths of one chunk, in order; with `fan`, also records the
/// cumulative earnings of each path on the fan grid.
pub fn run_chunk(
    params: &Params,
    seed: u64,
    chunk: u64,
    paths: u64,
    worker: &mut Worker,
    fan: Option<(&FanGrid, &mut FanSamples)>,
) -> ExactStats {
    let mut rng = chunk_rng(seed, chunk);
    let mut world = World::new(params);
    // A run's last chunk may be short, so a batch need not end on a chunk's
    // boundary: make room first.
    if worker.columns.len() + paths as usize > SKETCH_BATCH {
        worker.flush();
    }
    let columns = &mut worker.columns;
    let from = columns.start_chunk();
    match fan {
        None => {
            for _ in 0..paths {
                world.draw(&mut rng);
                columns.push(&play_all(params, &mut world));
            }
        }
        Some((grid, samples)) => {
            *samples = FanSamples::new(grid.times.len());
            let mut ledgers = grid.ledgers();
            for _ in 0..paths {
                world.draw(&mut rng);
                ledgers.values_mut().for_each(GridLedger::clear);
                columns.push(&play_all_with(params, &mut world, &mut ledgers));
                samples.record(&ledgers);
            }
        }
    }
    let exact = columns.exact(from);
    if columns.len() >= SKETCH_BATCH {
        worker.flush();
    }
    exact
}

/// What to simulate: how many paths, under which seed, and whether to
/// gather what only the charts draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub paths: u64,
    pub seed: u64,
    /// Collect the fan chart's subsample and the difference histograms
    /// (`Sketches::diff`, left empty otherwise).
    pub charts: bool,
}

/// Simulates a scenario on `pool`.
pub fn simulate(
    params: &Params,
    plan: &Plan,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Aggregate, Interrupted> {
    let mut exact = ExactStats::default();
    let (sketches, samples) = simulate_chunks(
        params,
        plan,
        0..plan.paths.div_ceil(CHUNK_PATHS),
        pool,
        observer,
        |stats| exact.merge(stats),
    )?;
    Ok(Aggregate::assemble(params, plan, exact, sketches, samples))
}

/// The chunks of a run of `paths`.
pub fn chunk_count(paths: u64) -> u64 {
    paths.div_ceil(CHUNK_PATHS)
}

/// What a contiguous range of a scenario's chunks leaves for the merge:
/// each chunk's exact statistics (which merge only in chunk order, so they
/// are kept apart), the sketches (integer counts, merged in any order) and
/// the fan subsample of the range's chunks that hold one.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChunkRange {
    pub chunks: std::ops::Range<u64>,
    pub exact: Vec<ExactStats>,
    pub sketches: Sketches,
    pub fan: FanSamples,
}

/// Simulates chunks `chunks` of a scenario and keeps what [`assemble`]
/// needs to finish the whole run later, with the other ranges.
///
/// [`assemble`]: Aggregate::assemble
pub fn simulate_range(
    params: &Params,
    plan: &Plan,
    chunks: std::ops::Range<u64>,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<ChunkRange, Interrupted> {
    let mut exact = Vec::with_capacity((chunks.end - chunks.start) as usize);
    let (sketches, fan) = simulate_chunks(params, plan, chunks.clone(), pool, observer, |s| {
        exact.push(*s)
    })?;
    Ok(ChunkRange {
        chunks,
        exact,
        sketches,
        fan,
    })
}

impl Aggregate {
    /// The aggregate of a whole run from its chunks' exact statistics
    /// already merged in chunk order, its sketches and its fan subsample
    /// (chunks in order).
    pub fn assemble(
        params: &Params,
        plan: &Plan,
        exact: ExactStats,
        sketches: Sketches,
        samples: FanSamples,
    ) -> Aggregate {
        Aggregate {
            paths: plan.paths,
            seed: plan.seed,
            exact,
            sketches,
            fan: if plan.charts {
                samples.bands(FanGrid::new(params).times)
            } else {
                Fan::default()
            },
        }
    }
}

/// Plays chunks `chunks` of a scenario, handing each chunk's exact
/// statistics to `each` in chunk order, and returns the sketches and the fan
/// subsample of those chunks.
fn simulate_chunks(
    params: &Params,
    plan: &Plan,
    chunks: std::ops::Range<u64>,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
    mut each: impl FnMut(&ExactStats),
) -> Result<(Sketches, FanSamples), Interrupted> {
    let Plan {
        paths,
        seed,
        charts,
    } = *plan;
    let fan_chunks = if charts { FAN_PATHS / CHUNK_PATHS } else { 0 };
    let grid = FanGrid::new(params);
    let slots: Vec<Mutex<Worker>> = (0..pool.current_num_threads().max(1))
        .map(|_| Mutex::new(Worker::new(charts)))
        .collect();
    let mut samples = FanSamples::default();
    let done = AtomicU64::new(0);
    let mut first = chunks.start;
    while first < chunks.end {
        if observer.should_stop() {
            return Err(Interrupted);
        }
        let last = (first + WAVE_CHUNKS).min(chunks.end);
        let wave: Vec<Option<(ExactStats, FanSamples)>> = pool.install(|| {
            (first..last)
                .into_par_iter()
                .map(|chunk| {
                    // Checked per chunk, so a stop request lands within
                    // milliseconds, not at the end of the wave.
                    if observer.should_stop() {
                        return None;
                    }
                    let n = chunk_len(paths, chunk);
                    let slot = rayon::current_thread_index().unwrap_or(0) % slots.len();
                    let mut worker = slots[slot].lock().expect("worker slot");
                    let mut chunk_samples = FanSamples::default();
                    let traced = (chunk < fan_chunks).then_some((&grid, &mut chunk_samples));
                    let stats = run_chunk(params, seed, chunk, n, &mut worker, traced);
                    drop(worker);
                    observer.paths_done(done.fetch_add(n, Ordering::Relaxed) + n);
                    Some((stats, chunk_samples))
                })
                .collect()
        });
        for w in wave {
            let (stats, chunk_samples) = w.ok_or(Interrupted)?;
            each(&stats);
            samples.extend(chunk_samples);
        }
        first = last;
    }
    let mut sketches = Sketches::default();
    for slot in slots {
        sketches.merge(&slot.into_inner().expect("worker slot").into_sketches());
    }
    Ok((sketches, samples))
}

/// The outcomes of the first `n` paths under `seed`, in path order: the
/// same paths, with the same numbers, that a run of at least `n` paths
/// aggregates (path k is path k % CHUNK_PATHS of chunk k / CHUNK_PATHS).
pub fn first_paths(params: &Params, seed: u64, n: u64) -> Vec<PathOutcomes> {
    let mut out = Vec::with_capacity(n.min(1 << 24) as usize);
    let mut world = World::new(params);
    for chunk in 0..n.div_ceil(CHUNK_PATHS) {
        let mut rng = chunk_rng(seed, chunk);
        for _ in 0..chunk_len(n, chunk) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn outcomes(n: u64) -> Vec<PathOutcomes> {
        let s = crate::scenario::load_file(std::path::Path::new("scenarios/short-runway.toml"))
            .unwrap();
        first_paths(&Params::new(&s), 7, n)
    }

    /// The exact statistics and sketches of `paths`, gathered as a worker
    /// does.
    fn gather(paths: &[PathOutcomes]) -> (ExactStats, Sketches) {
        let mut columns = Columns::default();
        let from = columns.start_chunk();
        paths.iter().for_each(|o| columns.push(o));
        let exact = columns.exact(from);
        let mut sketches = Sketches::default();
        columns.sketch_into(&mut sketches, true);
        (exact, sketches)
    }

    fn close(what: &str, a: &Moments, b: &Moments) {
        assert_eq!(a.count(), b.count(), "{what}");
        let tol = |x: f64| 1e-9 * (1.0 + x.abs());
        assert!((a.mean() - b.mean()).abs() <= tol(b.mean()), "{what}");
        assert!((a.sd() - b.sd()).abs() <= tol(b.sd()), "{what}");
    }

    #[test]
    fn merging_two_halves_equals_the_whole() {
        let paths = outcomes(3_000);
        let (whole, whole_sk) = gather(&paths);
        let (mut exact, mut sketches) = gather(&paths[..1_100]);
        let (second, second_sk) = gather(&paths[1_100..]);
        exact.merge(&second);
        sketches.merge(&second_sk);
        // Sketches hold counts: exactly equal.
        assert_eq!(sketches, whole_sk);
        // Moments merge to rounding; counts exactly.
        for (s, m) in exact.strategies.iter() {
            let w = &whole.strategies[s];
            let name = s.name();
            close(name, &m.value, &w.value);
            close(name, &m.earnings, &w.earnings);
            close(name, &m.diff, &w.diff);
            close(name, &m.weeks_to_job, &w.weeks_to_job);
            close(name, &m.comp_at_horizon, &w.comp_at_horizon);
            assert_eq!(
                (
                    m.runway_exhausted,
                    m.distressed,
                    m.reengaged,
                    m.beats_accept
                ),
                (
                    w.runway_exhausted,
                    w.distressed,
                    w.reengaged,
                    w.beats_accept
                ),
                "{name}"
            );
        }
        for (k, (a, b)) in PAIRS.iter().enumerate() {
            close(&format!("{a:?} - {b:?}"), &exact.pairs[k], &whole.pairs[k]);
        }
        close("anchor cost", &exact.anchor_cost, &whole.anchor_cost);
    }

    /// Merging into empty statistics gives the other side unchanged, field
    /// for field: a field the merge forgot would stay empty.
    #[test]
    fn merging_into_nothing_keeps_every_field() {
        let (exact, sketches) = gather(&outcomes(500));
        assert!(exact.strategies.values().any(|m| m.runway_exhausted > 0));
        let mut e = ExactStats::default();
        e.merge(&exact);
        assert_eq!(e, exact);
        let mut s = Sketches::default();
        s.merge(&sketches);
        assert_eq!(s, sketches);
        let mut m = StrategyMoments::default();
        m.merge(&exact.strategies[Strategy::Walk]);
        assert_eq!(m, exact.strategies[Strategy::Walk]);
    }
}
