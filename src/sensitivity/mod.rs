//! What would change the verdict (docs/model.md): per scenario, the verdict
//! maps ([`maps`]), the tornado ([`tornado`]) and their files. `walkaway sensitivity` runs the
//! scenarios one after another, each on every thread, and writes a
//! scenario's folder only once everything of it is computed, so Ctrl-C
//! leaves finished folders complete and begins no other.

pub mod maps;
pub mod tornado;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::batch::RunError;
use crate::engine::{self, Interrupted, Observer};
use crate::report::atomic::{WriteError, remove_stale_temporaries};
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
pub trait SensitivityObserver: Observer {
    fn scenario_started(&self, _s: &Scenario, _work: u64) {}
    fn scenario_done(&self, _s: &Scenario, _files: &[PathBuf], _seconds: f64) {}
}

impl SensitivityObserver for engine::Quiet {}

/// The work in scenario `s`, in paths played per set of inputs: the maps'
/// cells, then the tornado's runs.
pub fn work(s: &Scenario, opts: &Options) -> u64 {
    maps_work(s, opts) + tornado::runs(s) * s.simulation.paths
}

fn maps_work(s: &Scenario, opts: &Options) -> u64 {
    maps::cell_count(s) * opts.map_paths(s)
}

/// Refuses a scenario whose `[sensitivity]` rows cannot be applied to it.
pub fn check(s: &Scenario) -> Result<(), TornadoError> {
    for row in tornado::rows(s) {
        tornado::variants(s, &row).map_err(|source| TornadoError::Point {
            file: s.source.display().to_string(),
            source,
        })?;
    }
    Ok(())
}

/// Computes everything for scenario `s` (overrides already applied): the
/// maps, then the tornado at the scenario's paths.
pub fn compute(
    s: &Scenario,
    opts: &Options,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Sensitivity, SensitivityError> {
    let maps = maps::maps(s, opts.map_paths(s), pool, observer, 0)?;
    let offset = Offset::new(observer, maps_work(s, opts));
    let tornado = tornado::tornado(s, s.simulation.paths, pool, &offset)?;
    Ok(Sensitivity {
        scenario: s.clone(),
        maps,
        tornado,
    })
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
    let io_at = |path: &Path| {
        let path = path.to_path_buf();
        move |source: io::Error| RunError::Io { path, source }
    };
    fs::create_dir_all(dir).map_err(io_at(dir))?;
    remove_stale_temporaries(dir).map_err(io_at(dir))?;
    let mut written = Vec::new();
    for m in &r.maps {
        let [csv, png] = map_files(m.kind);
        let csv = dir.join(csv);
        map_csv::write(&csv, m).map_err(export)?;
        written.push(csv);
        let png = dir.join(png);
        verdict_map::write_map(&png, &r.scenario, m).map_err(export)?;
        written.push(png);
    }
    written.extend(tornado::write_tornado(dir, &r.tornado).map_err(export)?);
    for kind in MapKind::ALL {
        if r.maps.iter().any(|m| m.kind == kind) {
            continue;
        }
        for name in map_files(kind) {
            let p = dir.join(name);
            match fs::remove_file(&p) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io_at(&p)(e)),
                _ => {}
            }
        }
    }
    Ok(written)
}

/// A writer's error: a file that could not be written names it.
fn export(e: io::Error) -> RunError {
    match e.downcast::<WriteError>() {
        Ok(w) => RunError::Io {
            path: w.path,
            source: w.source,
        },
        Err(e) => RunError::Export(e),
    }
}

/// Runs `walkaway sensitivity`: every scenario checked, then each computed
/// and its folder `out/<stem>/` written. Returns every file written.
pub fn run(
    scenarios: Vec<Scenario>,
    opts: &Options,
    observer: &dyn SensitivityObserver,
) -> Result<Vec<PathBuf>, SensitivityError> {
    let scenarios: Vec<Scenario> = scenarios
        .into_iter()
        .map(|s| s.with_overrides(opts.paths, opts.seed))
        .collect();
    for s in &scenarios {
        check(s).map_err(SensitivityError::Input)?;
    }
    let pool = engine::pool(opts.threads).map_err(RunError::from)?;
    let out = &opts.out;
    fs::create_dir_all(out).map_err(|source| RunError::Io {
        path: out.clone(),
        source,
    })?;
    let mut files = Vec::new();
    for s in scenarios {
        let started = std::time::Instant::now();
        observer.scenario_started(&s, work(&s, opts));
        let r = compute(&s, opts, &pool, observer)?;
        // Once computed, a scenario's folder is written whole, Ctrl-C or not.
        let dir = out.join(&s.stem);
        let written = pool.install(|| write(&r, &dir))?;
        observer.scenario_done(&s, &written, started.elapsed().as_secs_f64());
        files.extend(written);
    }
    Ok(files)
}
