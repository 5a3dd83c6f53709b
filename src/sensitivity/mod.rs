//! What would change the verdict (docs/model.md): per scenario, the verdict
//! maps ([`maps`]), the tornado ([`tornado`]) and their files. `walkaway sensitivity` runs the
//! scenarios one after another, each on every thread, and writes a
//! scenario's folder only once everything of it is computed, so Ctrl-C
//! leaves finished folders complete and begins no other.

pub mod maps;
pub mod tornado;

use std::fs;
use std::path::{Path, PathBuf};

use crate::batch::{FolderLock, FolderObserver, RunError, remove_if_there};
use crate::engine::{self, ExactStats, Interrupted, Observer};
use crate::report::atomic::remove_stale_temporaries;
use crate::report::charts::verdict_map;
use crate::report::map_csv;
use crate::scenario::Scenario;
use crate::sweep::Offset;

pub use maps::{DEFAULT_MAP_PATHS, MapKind, VerdictMap};
use tornado::{Tornado, TornadoError};

/// Settings of a sensitivity run that are not in the scenario files.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub out: PathBuf,
    pub threads: Option<usize>,
    /// Overrides of `[simulation]` paths and seed.
    pub paths: Option<u64>,
    pub seed: Option<u64>,
    /// Paths per map cell (default [`DEFAULT_MAP_PATHS`]); never more than
    /// the scenario's paths.
    pub map_paths: Option<u64>,
}

impl Options {
    /// Paths per map cell for scenario `s` (with its overrides applied).
    pub fn map_paths(&self, s: &Scenario) -> u64 {
        self.map_paths
            .unwrap_or(DEFAULT_MAP_PATHS)
            .min(s.simulation.paths)
    }
}

/// Everything computed for one scenario.
#[derive(Debug, Clone)]
pub struct Sensitivity {
    pub scenario: Scenario,
    pub maps: Vec<VerdictMap>,
    pub tornado: Tornado,
}

/// Why a sensitivity run stopped.
#[derive(Debug, thiserror::Error)]
pub enum SensitivityError {
    /// A `[sensitivity]` row that cannot be applied to its scenario: bad
    /// input, found before anything is computed.
    #[error(transparent)]
    Input(TornadoError),
    #[error(transparent)]
    Run(#[from] RunError),
}

impl From<Interrupted> for SensitivityError {
    fn from(e: Interrupted) -> Self {
        SensitivityError::Run(e.into())
    }
}

impl From<TornadoError> for SensitivityError {
    fn from(e: TornadoError) -> Self {
        match e {
            TornadoError::Interrupted(i) => i.into(),
            e => SensitivityError::Input(e),
        }
    }
}

/// Hears a sensitivity run: each scenario's start with the work it holds
/// (cell-paths), then, through [`Observer`], the work done so far.
pub trait SensitivityObserver: FolderObserver {
    fn scenario_started(&self, _s: &Scenario, _work: u64) {}
    fn scenario_done(&self, _s: &Scenario, _files: &[PathBuf], _seconds: f64) {}
}

impl SensitivityObserver for engine::Quiet {}

/// What a tornado run's path costs against a map cell's, measured: 1.8 to
/// 2.3 on five samples (user time of single-threaded shards holding only
/// cells or only runs, docs/cluster.md).
pub const RUN_PATH_COST: u64 = 2;

/// The part of a path's cost that does not grow with the horizon, in years
/// of horizon: measured, a map cell's path takes 0.35 µs at 5 years and
/// 0.96 µs at 40 (docs/cluster.md), about in proportion to 15 + horizon.
const FIXED_COST_YEARS: f64 = 15.0;

/// A path's estimated cost in scenario `s`, for balancing shards only:
/// results never depend on it.
pub fn path_cost(s: &Scenario) -> u64 {
    (FIXED_COST_YEARS + s.career.horizon_years).ceil() as u64
}

/// Everything one scenario's sensitivity plays, as units each computed on
/// its own: every map cell (map after map, in [`VerdictMap::cells`] order),
/// then every distinct tornado run, the scenario itself first. A unit's
/// statistics do not depend on which other units are computed with it, so
/// any contiguous range of units can be computed apart, by a shard, and the
/// results assembled in unit order give the unsharded run's bits.
#[derive(Debug, Clone)]
pub struct Plan {
    maps: maps::MapsPlan,
    tornado: tornado::TornadoPlan,
    scenario: Scenario,
}

impl Plan {
    /// The plan of `s` (overrides already applied); a `[sensitivity]` row
    /// that cannot be applied to `s` is refused, naming its file.
    pub fn new(s: &Scenario, opts: &Options) -> Result<Plan, TornadoError> {
        Ok(Plan {
            maps: maps::MapsPlan::new(s, opts.map_paths(s)),
            tornado: tornado::TornadoPlan::new(s, s.simulation.paths)?,
            scenario: s.clone(),
        })
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Units: map cells, then tornado runs.
    pub fn units(&self) -> usize {
        self.maps.len() + self.tornado.runs()
    }

    /// Paths played by each unit, in unit order: what a progress bar counts
    /// and what shards balance.
    pub fn weights(&self) -> impl Iterator<Item = u64> + '_ {
        let cells = std::iter::repeat_n(self.maps.paths(), self.maps.len());
        cells.chain(std::iter::repeat_n(
            self.tornado.paths(),
            self.tornado.runs(),
        ))
    }

    /// Paths played by all units.
    pub fn work(&self) -> u64 {
        self.weights().sum()
    }

    /// Each unit's estimated cost, in unit order: what shards balance. A
    /// path costs [`path_cost`] of its scenario; a tornado run draws every
    /// path's world for its one set of inputs, where a block of map cells
    /// draws it once for all of them, so a run's path costs
    /// [`RUN_PATH_COST`] times a cell's.
    pub fn costs(&self) -> impl Iterator<Item = u64> + '_ {
        let cell = self.maps.paths().saturating_mul(path_cost(&self.scenario));
        let runs = self.tornado.scenarios().iter().map(|x| {
            let path = path_cost(x).saturating_mul(RUN_PATH_COST);
            self.tornado.paths().saturating_mul(path)
        });
        std::iter::repeat_n(cell, self.maps.len()).chain(runs)
    }

    /// The exact statistics of the units in `range`, in unit order;
    /// `observer` hears the paths done, counted from `done_before`.
    pub fn compute(
        &self,
        range: std::ops::Range<usize>,
        pool: &rayon::ThreadPool,
        observer: &dyn Observer,
        done_before: u64,
    ) -> Result<Vec<ExactStats>, Interrupted> {
        let cells = self.maps.len();
        let in_maps = range.start.min(cells)..range.end.min(cells);
        let mut stats = self
            .maps
            .evaluate(in_maps.clone(), pool, observer, done_before)?;
        let mut done = done_before + in_maps.len() as u64 * self.maps.paths();
        for run in range.start.max(cells) - cells..range.end.max(cells) - cells {
            stats.push(self.tornado.run(run, pool, &Offset::new(observer, done))?);
            done += self.tornado.paths();
        }
        Ok(stats)
    }

    /// What every unit's statistics, in unit order, say.
    pub fn assemble(self, mut stats: Vec<ExactStats>) -> Sensitivity {
        assert_eq!(stats.len(), self.units(), "statistics per unit");
        let runs = stats.split_off(self.maps.len());
        Sensitivity {
            maps: self.maps.assemble(stats),
            tornado: self.tornado.assemble(runs),
            scenario: self.scenario,
        }
    }
}

/// Computes everything for scenario `s` (overrides already applied): the
/// maps, then the tornado at the scenario's paths.
pub fn compute(
    s: &Scenario,
    opts: &Options,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Sensitivity, SensitivityError> {
    let plan = Plan::new(s, opts)?;
    let stats = plan.compute(0..plan.units(), pool, observer, 0)?;
    Ok(plan.assemble(stats))
}

/// The files of every map kind, for removing those a scenario no longer has.
fn map_files(kind: MapKind) -> [String; 2] {
    [
        format!("{}.csv", kind.stem()),
        format!("{}.png", kind.stem()),
    ]
}

/// Writes a scenario's files into `dir`, each atomically, and removes the
/// map files of a kind it does not have (an earlier run's, when the
/// candidate was unemployed then). Returns the files written.
pub fn write(r: &Sensitivity, dir: &Path) -> Result<Vec<PathBuf>, RunError> {
    fs::create_dir_all(dir).map_err(RunError::at(dir))?;
    remove_stale_temporaries(dir).map_err(RunError::at(dir))?;
    let mut written = Vec::new();
    for m in &r.maps {
        let [csv, png] = map_files(m.kind);
        let csv = dir.join(csv);
        map_csv::write(&csv, m).map_err(RunError::export)?;
        written.push(csv);
        let png = dir.join(png);
        verdict_map::write_map(&png, &r.scenario, m).map_err(RunError::export)?;
        written.push(png);
    }
    written.extend(tornado::write_tornado(dir, &r.tornado).map_err(RunError::export)?);
    for kind in MapKind::ALL {
        if r.maps.iter().any(|m| m.kind == kind) {
            continue;
        }
        for name in map_files(kind) {
            remove_if_there(&dir.join(name))?;
        }
    }
    Ok(written)
}

/// Runs `walkaway sensitivity`: every scenario checked, then each computed
/// and its folder `out/<stem>/` written. Returns every file written.
pub fn run(
    scenarios: Vec<Scenario>,
    opts: &Options,
    observer: &dyn SensitivityObserver,
) -> Result<Vec<PathBuf>, SensitivityError> {
    let plans = plans(scenarios, opts)?;
    let pool = engine::pool(opts.threads).map_err(RunError::from)?;
    let out = &opts.out;
    // Another run writing into the folder at once could mix its files in.
    let _lock = FolderLock::take(out, observer)?;
    let mut files = Vec::new();
    for plan in plans {
        let started = std::time::Instant::now();
        observer.scenario_started(plan.scenario(), plan.work());
        let stats = plan.compute(0..plan.units(), &pool, observer, 0)?;
        let r = plan.assemble(stats);
        // Once computed, a scenario's folder is written whole, Ctrl-C or not.
        let dir = out.join(&r.scenario.stem);
        let written = pool.install(|| write(&r, &dir))?;
        observer.scenario_done(&r.scenario, &written, started.elapsed().as_secs_f64());
        files.extend(written);
    }
    Ok(files)
}

/// Every scenario's plan, with the overrides of `opts` applied: a bad
/// `[sensitivity]` row in any is refused before anything is computed.
pub fn plans(scenarios: Vec<Scenario>, opts: &Options) -> Result<Vec<Plan>, SensitivityError> {
    scenarios
        .into_iter()
        .map(|s| s.with_overrides(opts.paths, opts.seed))
        .map(|s| Plan::new(&s, opts).map_err(SensitivityError::Input))
        .collect()
}
