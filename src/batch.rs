//! A batch: the scenario files named on the command line, validated all
//! before any simulation starts, then simulated one after another (each on
//! every thread), each scenario's files written as soon as it finishes, and
//! the batch files and `run.json` written at the end.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::engine::{self, Observer};
use crate::frontier;
use crate::model::Params;
use crate::report::atomic::{WriteError, remove_stale_temporaries};
use crate::report::manifest::{Output, RUN_JSON, RunManifest};
use crate::report::stale::{RemoveError, Stale};
use crate::report::{self, BatchRow, ScenarioReport};
use crate::scenario::{self, Scenario, ScenarioError, ScenarioErrors};

/// Why an argument that exists is not a file to read, or `None` when it is
/// one. Never opens it: opening a named pipe would block until someone
/// writes to it.
fn not_a_scenario_file(arg: &Path) -> Option<String> {
    let link = fs::symlink_metadata(arg).ok()?;
    let meta = match fs::metadata(arg) {
        Ok(m) => m,
        Err(e) if link.file_type().is_symlink() => {
            return Some(if is_loop(&e) {
                "is a symbolic link that loops back on itself, not a scenario file".into()
            } else if e.kind() == io::ErrorKind::NotFound {
                match fs::read_link(arg) {
                    Ok(to) => format!(
                        "is a symbolic link to {}, which does not exist",
                        to.display()
                    ),
                    Err(_) => "is a symbolic link to a file that does not exist".into(),
                }
            } else {
                format!("is a symbolic link that cannot be followed: {e}")
            });
        }
        Err(e) => return Some(format!("cannot be read: {e}")),
    };
    let t = meta.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("is a named pipe (FIFO), not a scenario file; save the scenario to a file and name that".into());
        }
        if t.is_char_device() || t.is_block_device() {
            return Some(
                "is a device, not a regular file; save the scenario to a file and name that".into(),
            );
        }
        if t.is_socket() {
            return Some("is a socket, not a regular file".into());
        }
    }
    Some("is not a regular file".into())
}

/// Too many levels of symbolic links (ELOOP).
fn is_loop(e: &io::Error) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const ELOOP: i32 = 40;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    const ELOOP: i32 = 62;
    e.raw_os_error() == Some(ELOOP)
}

/// Expands the arguments: a file stands for itself, a folder for every
/// `*.toml` directly inside it, sorted by name. A file named twice (`a.toml
/// a.toml`, `dir dir/a.toml`, `./a.toml a.toml`, a link and its target) is
/// one scenario, kept where it is first named.
pub fn discover(args: &[PathBuf]) -> Result<Vec<PathBuf>, ScenarioErrors> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let fail = |message: String| ScenarioError {
            file: arg.clone(),
            location: None,
            message,
        };
        if let Some(why) = not_a_scenario_file(arg) {
            errors.push(fail(why));
        } else if arg.is_dir() {
            match fs::read_dir(arg) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                        .collect();
                    found.sort();
                    if found.is_empty() {
                        errors.push(fail("the folder holds no .toml scenario files".into()));
                    }
                    files.extend(found);
                }
                Err(e) => errors.push(fail(format!("cannot read the folder: {e}"))),
            }
        } else if arg.is_file() {
            files.push(arg.clone());
        } else {
            errors.push(fail("no such file or folder".into()));
        }
    }
    if !errors.is_empty() {
        return Err(ScenarioErrors(errors));
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(files)
}

/// Every file read and checked; bad ones reported together. Two scenarios
/// that would write the same output folder are both refused.
pub fn load_all(files: &[PathBuf]) -> (Vec<Scenario>, Vec<ScenarioError>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for f in files {
        match scenario::load_file(f) {
            Ok(s) => good.push(s),
            Err(e) => bad.extend(e.0),
        }
    }
    let mut by_stem: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for s in &good {
        by_stem
            .entry(s.stem.clone())
            .or_default()
            .push(s.source.clone());
    }
    let clashes: Vec<(String, Vec<PathBuf>)> =
        by_stem.into_iter().filter(|(_, v)| v.len() > 1).collect();
    for (stem, paths) in &clashes {
        for p in paths {
            let others: Vec<String> = paths
                .iter()
                .filter(|q| *q != p)
                .map(|q| q.display().to_string())
                .collect();
            bad.push(ScenarioError {
                file: p.clone(),
                location: None,
                message: format!(
                    "would write the same output folder `{stem}/` as {}; rename one of them",
                    others.join(", ")
                ),
            });
        }
    }
    good.retain(|s| !clashes.iter().any(|(stem, _)| *stem == s.stem));
    (good, bad)
}

/// Settings of a run that are not in the scenario files.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub out: PathBuf,
    pub threads: Option<usize>,
    /// The overrides of `[simulation]` and the optional files to write;
    /// `run.json` records them as they are.
    pub flags: RunManifest,
}

/// Why a batch stopped. Each error names what failed and keeps the
/// underlying error as its source.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A folder could not be created, locked or cleaned, or a file written.
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// An output could not be made for another reason (its message says
    /// which).
    #[error(transparent)]
    Export(io::Error),
    #[error(transparent)]
    Stale(#[from] RemoveError),
    #[error(transparent)]
    Interrupted(#[from] engine::Interrupted),
    #[error("cannot start the thread pool")]
    Pool(#[from] rayon::ThreadPoolBuildError),
    /// The scenario's numbers left what f64 can hold: an input error, and
    /// nothing of that scenario is written.
    #[error(transparent)]
    NonFinite(#[from] report::format::NonFinite),
}

impl RunError {
    pub(crate) fn at(path: &Path) -> impl FnOnce(io::Error) -> RunError {
        |source| RunError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// An exporter's error: a file that could not be written becomes
    /// [`RunError::Io`] naming it, anything else stays as it is.
    pub(crate) fn export(e: io::Error) -> RunError {
        match e.downcast::<WriteError>() {
            Ok(w) => RunError::Io {
                path: w.path,
                source: w.source,
            },
            Err(e) => RunError::Export(e),
        }
    }
}

/// Called as each scenario starts and finishes, and while the run waits
/// for the output folder.
pub trait BatchObserver: FolderObserver {
    fn scenario_started(&self, _s: &Scenario) {}
    fn scenario_done(&self, _r: &ScenarioReport, _seconds: f64) {}
    /// The scenario's paths are simulated; its walk-away numbers start,
    /// on `paths` paths per evaluation.
    fn frontier_started(&self, _s: &Scenario, _paths: u64) {}
}

impl BatchObserver for engine::Quiet {}

/// Hears a command taking its output folder's lock ([`FolderLock`]).
pub trait FolderObserver: Observer {
    /// Another run holds the output folder; this one waits for it.
    fn waiting_for_folder(&self, _out: &Path) {}
    /// The folder's file system cannot lock; the run goes on without.
    fn cannot_lock(&self, _out: &Path, _e: &io::Error) {}
}

impl FolderObserver for engine::Quiet {}

/// How often a run waiting for the output folder tries again (and looks
/// for Ctrl-C).
const LOCK_RETRY: Duration = Duration::from_millis(100);

/// An advisory lock on the output folder, held for the whole run and
/// released when dropped (or when the process ends, however it ends). Two
/// runs into one folder take turns: the second waits. On Unix the folder
/// itself is locked, so no file is added to it; elsewhere a
/// `.walkaway.lock` file in it. Every command that writes outputs into a
/// folder holds it (`run`, `rerun`, `sweep`, `sensitivity`, `merge`); a
/// shard does not, as the shards of one run share their parts folder and
/// each writes only its own part, atomically.
pub struct FolderLock {
    _file: Option<File>,
}

impl FolderLock {
    /// Creates the folder `out` if need be, and waits until it holds the
    /// folder's lock (or Ctrl-C).
    pub fn take(out: &Path, observer: &dyn FolderObserver) -> Result<FolderLock, RunError> {
        fs::create_dir_all(out).map_err(RunError::at(out))?;
        #[cfg(unix)]
        let (path, file) = (out.to_path_buf(), File::open(out));
        #[cfg(not(unix))]
        let (path, file) = {
            let p = out.join(".walkaway.lock");
            let f = fs::OpenOptions::new().create(true).write(true).open(&p);
            (p, f)
        };
        let file = file.map_err(RunError::at(&path))?;
        let mut waiting = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(FolderLock { _file: Some(file) }),
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) => {
                    // NFS without lockd, FUSE without flock: go on, as
                    // before this lock existed, and say so.
                    observer.cannot_lock(out, &e);
                    return Ok(FolderLock { _file: None });
                }
            }
            if !waiting {
                observer.waiting_for_folder(out);
                waiting = true;
            }
            if observer.should_stop() {
                return Err(engine::Interrupted.into());
            }
            std::thread::sleep(LOCK_RETRY);
        }
    }
}

/// Removes `path`; a file that is not there is fine.
pub(crate) fn remove_if_there(path: &Path) -> Result<(), RunError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(RunError::at(path)(e)),
        _ => Ok(()),
    }
}

/// The files an exporter wrote, as `run.json` lists them: relative to `out`
/// with `/` between folders, and the SHA-256 of the bytes now on disk.
fn record(out: &Path, written: Vec<PathBuf>, outputs: &mut Vec<Output>) -> Result<(), RunError> {
    for p in written {
        let bytes = fs::read(&p).map_err(RunError::at(&p))?;
        let rel = p.strip_prefix(out).unwrap_or(&p);
        let path = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let sha256 = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        outputs.push(Output { path, sha256 });
    }
    Ok(())
}

/// Simulates each scenario and writes its own files as soon as it
/// finishes, keeping only its [`BatchRow`]; then writes the batch files and,
/// last, `run.json`, the record of a completed run.
///
/// The run holds a lock on the output folder throughout (a second run into
/// the same folder waits for it), and removes the old `run.json` before it
/// writes anything, so a run that fails or is interrupted leaves a folder
/// without one: the scenario folders it completed, never a manifest that
/// claims them. After Ctrl-C no further scenario is simulated and no batch
/// file is begun.
pub fn run(
    scenarios: Vec<Scenario>,
    opts: &RunOptions,
    observer: &dyn BatchObserver,
) -> Result<Vec<BatchRow>, RunError> {
    let flags = &opts.flags;
    let pool = engine::pool(opts.threads)?;
    let mut writer = Writer::open(opts, &pool, observer)?;
    for s in scenarios {
        let s = s.with_overrides(flags.paths, flags.seed);
        observer.scenario_started(&s);
        let started = std::time::Instant::now();
        let params = Params::new(&s);
        let plan = plan_of(&s, flags);
        let agg = engine::simulate(&params, &plan, &pool, observer)?;
        let frontier = walkaway_numbers(&s, &params, flags, &pool, observer)?;
        let first_paths = replayed_paths(&params, &plan, flags);
        writer.scenario(ScenarioReport::new(s, agg), frontier, first_paths, started)?;
    }
    writer.finish(None)
}

/// What the engine simulates of `s` under `flags`.
pub fn plan_of(s: &Scenario, flags: &RunManifest) -> engine::Plan {
    engine::Plan {
        paths: s.simulation.paths,
        seed: s.simulation.seed,
        charts: flags.charts,
    }
}

/// The walk-away numbers of `s`, unless `--no-frontier`.
pub fn walkaway_numbers(
    s: &Scenario,
    params: &Params,
    flags: &RunManifest,
    pool: &rayon::ThreadPool,
    observer: &dyn BatchObserver,
) -> Result<Option<frontier::Frontier>, RunError> {
    if !flags.frontier {
        return Ok(None);
    }
    let frontier_paths = flags
        .frontier_paths
        .unwrap_or(s.simulation.frontier_paths)
        .min(s.simulation.paths);
    observer.frontier_started(s, frontier_paths);
    Ok(Some(frontier::compute(
        s,
        params,
        frontier_paths,
        pool,
        observer,
    )?))
}

/// The first paths replayed for `paths.csv` (none without `--per-path`).
pub fn replayed_paths(
    params: &Params,
    plan: &engine::Plan,
    flags: &RunManifest,
) -> Vec<crate::model::PathOutcomes> {
    match flags.per_path {
        Some(n) => engine::first_paths(params, plan.seed, n.min(plan.paths)),
        None => Vec::new(),
    }
}

/// Writes a run's outputs into its folder, scenario by scenario as each is
/// finished, then the batch files and `run.json`: what `run` and `merge`
/// share once the numbers are known. Holds the folder's lock while it lives.
pub struct Writer<'a> {
    out: &'a Path,
    flags: &'a RunManifest,
    pool: &'a rayon::ThreadPool,
    observer: &'a dyn BatchObserver,
    stale: Stale,
    exporters: Vec<Box<dyn report::Exporter + Sync>>,
    outputs: Vec<Output>,
    rows: Vec<BatchRow>,
    /// The scenario files the old `run.json` listed, read before it goes.
    earlier: Vec<(String, String)>,
    _lock: FolderLock,
}

impl<'a> Writer<'a> {
    /// Creates and locks the folder, and removes the old `run.json` before
    /// anything is written.
    pub fn open(
        opts: &'a RunOptions,
        pool: &'a rayon::ThreadPool,
        observer: &'a dyn BatchObserver,
    ) -> Result<Self, RunError> {
        let out = &opts.out;
        let lock = FolderLock::take(out, observer)?;
        // Read before the old manifest goes: the scenario folders it lists.
        let earlier = crate::report::stale::earlier_scenario_files(out);
        remove_if_there(&out.join(RUN_JSON))?;
        remove_stale_temporaries(out).map_err(RunError::at(out))?;
        Ok(Writer {
            out,
            flags: &opts.flags,
            pool,
            observer,
            stale: Stale::of(&opts.flags),
            exporters: report::exporters(&opts.flags),
            outputs: Vec::new(),
            rows: Vec::new(),
            earlier,
            _lock: lock,
        })
    }

    /// Writes one scenario's folder and keeps its [`BatchRow`].
    pub fn scenario(
        &mut self,
        mut r: ScenarioReport,
        frontier: Option<frontier::Frontier>,
        first_paths: Vec<crate::model::PathOutcomes>,
        started: std::time::Instant,
    ) -> Result<(), RunError> {
        let out = self.out;
        r.frontier = frontier;
        report::format::check_finite(&r)?;
        r.first_paths = first_paths;
        let dir = r.dir(out);
        fs::create_dir_all(&dir).map_err(RunError::at(&dir))?;
        remove_stale_temporaries(&dir).map_err(RunError::at(&dir))?;
        self.observer
            .scenario_done(&r, started.elapsed().as_secs_f64());
        // On the run's pool, so that exporters working in parallel (the
        // charts) keep to `--threads`.
        for e in &self.exporters {
            let written = self
                .pool
                .install(|| e.write(&r, &dir))
                .map_err(RunError::export)?;
            record(out, written, &mut self.outputs)?;
        }
        self.stale.remove_per_scenario(&dir)?;
        self.rows.push(BatchRow::of(&r));
        // `r` (sketches, fan, replayed paths) is dropped here.
        Ok(())
    }

    /// Writes the batch files and, last, `run.json` (with `shards`, the
    /// record of a merge, when given).
    pub fn finish(
        mut self,
        shards: Option<crate::report::manifest::Shards>,
    ) -> Result<Vec<BatchRow>, RunError> {
        let out = self.out;
        let observer = self.observer;
        for e in report::batch_exporters(self.flags) {
            if observer.should_stop() {
                return Err(engine::Interrupted.into());
            }
            let written = self
                .pool
                .install(|| e.write(&self.rows, out))
                .map_err(RunError::export)?;
            record(out, written, &mut self.outputs)?;
        }
        self.stale.remove_batch(out)?;
        let stems: Vec<&str> = self.rows.iter().map(|r| r.scenario.stem.as_str()).collect();
        crate::report::stale::remove_earlier_scenarios(out, &self.earlier, &stems)?;
        if observer.should_stop() {
            return Err(engine::Interrupted.into());
        }
        // Last: the manifest, listing every file above.
        self.flags
            .write_with(&self.rows, &mut self.outputs, out, shards)
            .map_err(RunError::export)?;
        Ok(self.rows)
    }
}
