//! A batch: the scenario files named on the command line, validated all
//! before any simulation starts, then simulated one after another (each on
//! every thread) and written.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::engine::{self, Observer};
use crate::model::Params;
use crate::report::atomic::{WriteError, remove_stale_temporaries};
use crate::report::manifest::RunManifest;
use crate::report::stale::{RemoveError, Stale};
use crate::report::{self, Exporter, ScenarioReport};
use crate::scenario::{self, Scenario, ScenarioError, ScenarioErrors};

/// Expands the arguments: a file stands for itself, a folder for every
/// `*.toml` directly inside it, sorted by name.
pub fn discover(args: &[PathBuf]) -> Result<Vec<PathBuf>, ScenarioErrors> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let fail = |message: String| ScenarioError {
            file: arg.clone(),
            location: None,
            message,
        };
        if arg.is_dir() {
            match std::fs::read_dir(arg) {
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
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(ScenarioErrors(errors))
    }
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
    /// A folder could not be created or cleaned, or a file written.
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
}

impl RunError {
    fn at(path: &Path) -> impl FnOnce(io::Error) -> RunError {
        |source| RunError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// An exporter's error: a file that could not be written becomes
    /// [`RunError::Io`] naming it, anything else stays as it is.
    fn export(e: io::Error) -> RunError {
        match e.downcast::<WriteError>() {
            Ok(w) => RunError::Io {
                path: w.path,
                source: w.source,
            },
            Err(e) => RunError::Export(e),
        }
    }
}

/// Called as each scenario starts and finishes.
pub trait BatchObserver: Observer {
    fn scenario_started(&self, _s: &Scenario) {}
    fn scenario_done(&self, _r: &ScenarioReport, _seconds: f64) {}
}

impl BatchObserver for engine::Quiet {}

/// Simulates each scenario, then writes every output. Nothing is written
/// until the last scenario has been simulated, so an interrupted batch
/// writes no file; the folders are created (and cleared of a killed run's
/// temporary files) as the scenarios finish.
pub fn run(
    scenarios: Vec<Scenario>,
    opts: &RunOptions,
    observer: &dyn BatchObserver,
) -> Result<Vec<ScenarioReport>, RunError> {
    let flags = &opts.flags;
    let pool = engine::pool(opts.threads)?;
    std::fs::create_dir_all(&opts.out).map_err(RunError::at(&opts.out))?;
    remove_stale_temporaries(&opts.out).map_err(RunError::at(&opts.out))?;
    let mut reports = Vec::new();
    for s in scenarios {
        let s = s.with_overrides(flags.paths, flags.seed);
        observer.scenario_started(&s);
        let started = std::time::Instant::now();
        let params = Params::new(&s);
        let plan = engine::Plan {
            paths: s.simulation.paths,
            seed: s.simulation.seed,
            charts: flags.charts,
        };
        let agg = engine::simulate(&params, &plan, &pool, observer)?;
        let mut r = ScenarioReport::new(s, agg);
        if let Some(n) = flags.per_path {
            r.first_paths = engine::first_paths(&params, plan.seed, n.min(plan.paths));
        }
        let dir = r.dir(&opts.out);
        std::fs::create_dir_all(&dir).map_err(RunError::at(&dir))?;
        remove_stale_temporaries(&dir).map_err(RunError::at(&dir))?;
        observer.scenario_done(&r, started.elapsed().as_secs_f64());
        reports.push(r);
    }
    // On the run's pool, so that exporters working in parallel (the charts)
    // keep to `--threads`.
    pool.install(|| {
        report::exporters(flags)
            .iter()
            .try_for_each(|e| e.write(&reports, &opts.out).map(drop))
    })
    .map_err(RunError::export)?;
    Stale::of(flags).remove(&reports, &opts.out)?;
    // Last: the manifest writes run.json from the same flags.
    flags.write(&reports, &opts.out).map_err(RunError::export)?;
    Ok(reports)
}
