//! Shards and their exact merge (docs/cluster.md): shard K of N simulates
//! its contiguous share of every scenario's chunks and writes one part file;
//! `merge` checks that the parts fit together and writes what the unsharded
//! run writes, byte for byte.
//!
//! The invariant: a part keeps each chunk's exact statistics apart, so the
//! merge folds them in chunk order, the one order `engine::simulate` folds
//! them in; sketches are integer counts and the fan subsample is appended
//! chunk by chunk, so neither depends on where the shard boundaries fall.
//! The walk-away numbers and the replayed paths of `paths.csv` come from the
//! first paths of the run and cannot be split: the shard whose range holds
//! chunk 0 computes them whole and carries them in its part.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::batch::{
    BatchObserver, FolderLock, RunError, RunOptions, Writer, plan_of, replayed_paths,
    walkaway_numbers,
};
use crate::engine::{self, CHUNK_PATHS, ChunkRange, ExactStats, FanSamples, Sketches};
use crate::frontier::Frontier;
use crate::model::{Params, PathOutcomes};
use crate::report::manifest::{Output, RunManifest, Shards};
use crate::report::{BatchRow, ScenarioReport};
use crate::scenario::{self, Scenario};
use crate::stats::Merge as _;

mod sensitivity;
pub use sensitivity::run_sensitivity_shard;

/// The first line of every part names its format, so a stray file is told
/// apart from a part of another version.
pub const FORMAT: &str = "walkaway-shard-part";
/// Bumped whenever the payload changes shape or meaning.
pub const FORMAT_VERSION: u32 = 3;
/// How a part's file name ends; `merge DIR` reads the files so named.
pub const PART_SUFFIX: &str = ".part.json";

/// Shard `index` of `count`, with `index < count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

/// `--shard K/N` as given: K is a number or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardArg {
    pub index: Option<u64>,
    pub count: u64,
}

/// Why `--shard` names no shard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    #[error(
        "--shard auto/{0}: no shard index in the environment; set SLURM_ARRAY_TASK_ID (Slurm job \
         array), JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or PARALLEL_SEQ (GNU parallel), or \
         give the index: --shard K/{0}"
    )]
    NoIndex(u64),
    #[error("--shard: {name}={value:?} is not a whole number")]
    BadVariable { name: &'static str, value: String },
    #[error("--shard: {0} is below {1}, so it gives no shard index")]
    BelowStart(String, String),
    #[error("--shard: shard index {index}{from} is outside 0..{count} (0 to {last})", last = count - 1)]
    OutOfRange {
        index: u64,
        count: u64,
        from: String,
    },
}

impl std::str::FromStr for ShardArg {
    type Err = String;

    /// `K/N` or `auto/N`, N from 1 on.
    fn from_str(text: &str) -> Result<Self, String> {
        let usage = || format!("{text:?}: expected K/N (e.g. 3/100) or auto/N");
        let (k, n) = text.split_once('/').ok_or_else(usage)?;
        let count: u64 = n.trim().parse().map_err(|_| usage())?;
        if count == 0 {
            return Err(format!("{text:?}: the shard count N must be at least 1"));
        }
        let index = match k.trim() {
            "auto" => None,
            k => Some(k.parse().map_err(|_| usage())?),
        };
        Ok(ShardArg { index, count })
    }
}

impl ShardArg {
    /// The shard, its index read from the scheduler's variable (through
    /// `var`) for `auto`. Slurm's array ids start at SLURM_ARRAY_TASK_MIN
    /// when that is set; GNU parallel's PARALLEL_SEQ counts from 1.
    pub fn resolve(&self, var: impl Fn(&str) -> Option<String>) -> Result<Shard, ShardError> {
        let count = self.count;
        let number = |name: &'static str| -> Result<Option<(u64, String)>, ShardError> {
            match var(name) {
                None => Ok(None),
                Some(v) => match v.trim().parse::<u64>() {
                    Ok(x) => Ok(Some((x, format!("{name}={v}")))),
                    Err(_) => Err(ShardError::BadVariable { name, value: v }),
                },
            }
        };
        let (index, from) = match self.index {
            Some(k) => (k, String::new()),
            None => {
                if let Some((id, said)) = number("SLURM_ARRAY_TASK_ID")? {
                    match number("SLURM_ARRAY_TASK_MIN")? {
                        Some((min, min_said)) if id < min => {
                            return Err(ShardError::BelowStart(said, min_said));
                        }
                        Some((min, min_said)) => (id - min, format!(" (from {said} - {min_said})")),
                        None => (id, format!(" (from {said})")),
                    }
                } else if let Some((i, said)) = number("JOB_COMPLETION_INDEX")? {
                    (i, format!(" (from {said})"))
                } else if let Some((seq, said)) = number("PARALLEL_SEQ")? {
                    if seq == 0 {
                        return Err(ShardError::BelowStart(said, "1".into()));
                    }
                    (seq - 1, format!(" (from {said} - 1)"))
                } else {
                    return Err(ShardError::NoIndex(count));
                }
            }
        };
        if index >= count {
            return Err(ShardError::OutOfRange { index, count, from });
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// This shard's contiguous share of `units` work units: shares differ
    /// by at most one unit, and shard k's ends where shard k + 1's starts.
    pub fn range(&self, units: u64) -> Range<u64> {
        let at = |k: u64| (u128::from(k) * u128::from(units) / u128::from(self.count)) as u64;
        at(self.index)..at(self.index + 1)
    }

    /// This shard's contiguous share of units of unequal size, unit i
    /// costing `weights[i]`: a unit belongs to the shard whose even share of
    /// the total cost holds the unit's start, so the shards' work stays
    /// about equal when a few units are much larger than the rest (a
    /// tornado's runs beside a map's cells).
    pub fn weighted_range(&self, weights: &[u64]) -> Range<u64> {
        let total: u128 = weights.iter().map(|&w| u128::from(w)).sum();
        if total == 0 {
            return self.range(weights.len() as u64);
        }
        let count = u128::from(self.count);
        let mut before = 0u128;
        let owners: Vec<u128> = weights
            .iter()
            .map(|&w| {
                let owner = before * count / total;
                before += u128::from(w);
                owner
            })
            .collect();
        let first = |k: u64| owners.partition_point(|&o| o < u128::from(k)) as u64;
        first(self.index)..first(self.index + 1)
    }

    /// The part's file name, with the index padded so names sort in order.
    pub fn file_name(&self) -> String {
        let width = (self.count - 1).to_string().len();
        format!(
            "shard-{:0width$}-of-{}{PART_SUFFIX}",
            self.index, self.count
        )
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The first line of a part.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    format_version: u32,
    /// The payload's length and SHA-256: a truncated or altered part is
    /// refused before its numbers are read.
    payload_bytes: u64,
    payload_sha256: String,
}

/// Everything a part says about the run it belongs to, apart from the
/// numbers: two parts merge only if these agree (but `shard.index`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Identity {
    walkaway_version: String,
    /// The command sharded; `run` splits chunks.
    command: String,
    chunk_paths: u64,
    shard: Shard,
    /// The run's flags, which the merged outputs and run.json follow.
    flags: RunManifest,
}

/// One scenario's description in a part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ScenarioId {
    stem: String,
    /// As named on the command line; the outputs quote it.
    file: String,
    sha256: String,
    paths: u64,
    seed: u64,
    chunks: u64,
    /// The resolved model parameters (`Params` as Rust shows it), which
    /// also pin the sample files read.
    parameters: String,
    /// The sample files read, each with the SHA-256 of its bytes: the
    /// merge reads them again and refuses one that changed or is gone.
    samples: Vec<SampleId>,
}

/// A sample file behind one of a scenario's distributions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SampleId {
    key: String,
    /// The file as read (the scenario's folder joined with its path).
    path: String,
    sha256: String,
}

/// A scenario in a part: its description, its chunks' numbers and, on the
/// shard holding chunk 0, the walk-away numbers and the replayed paths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PartScenario {
    id: ScenarioId,
    /// The scenario file's text, parsed again by the merge.
    text: String,
    range: ChunkRange,
    frontier: Option<Frontier>,
    first_paths: Option<Vec<PathOutcomes>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Part {
    identity: Identity,
    scenarios: Vec<PartScenario>,
    /// A `sweep`'s share (its `scenarios` are then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sweep: Option<SweepPart>,
    /// A `sensitivity`'s share (its `scenarios` are then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sensitivity: Option<sensitivity::SensitivityPart>,
}

/// A sweep's share of its grid: the base scenario, the axes as given and
/// the numbers of its contiguous range of grid points, each point's
/// statistics folded in chunk order as `sweep` folds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SweepPart {
    id: ScenarioId,
    text: String,
    vary: Vec<String>,
    points: u64,
    range: Range<u64>,
    numbers: Vec<PointNumbers>,
}

/// What `sweep` keeps of one grid point: its exact moments and sketches
/// (a sweep draws no charts per point, so no fan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PointNumbers {
    exact: ExactStats,
    sketches: Sketches,
}

#[derive(Debug, Deserialize)]
struct SweepHead {
    id: ScenarioId,
    vary: Vec<String>,
    points: u64,
    range: Range<u64>,
    numbers: Vec<serde::de::IgnoredAny>,
}

/// The metadata of a part, read without keeping its numbers.
#[derive(Debug, Deserialize)]
struct PartHead {
    identity: Identity,
    scenarios: Vec<ScenarioHead>,
    #[serde(default)]
    sweep: Option<SweepHead>,
    #[serde(default)]
    sensitivity: Option<sensitivity::SensitivityHead>,
}

#[derive(Debug, Deserialize)]
struct ScenarioHead {
    id: ScenarioId,
    range: RangeHead,
    frontier: Option<serde::de::IgnoredAny>,
    first_paths: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
struct RangeHead {
    chunks: Range<u64>,
    exact: Vec<serde::de::IgnoredAny>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Simulates shard `shard` of every scenario and writes its part to
/// `OUT/shard-K-of-N.part.json`, atomically: a retry of the same shard
/// replaces its own part and touches nothing else. Returns the part's path.
pub fn run_shard(
    scenarios: Vec<Scenario>,
    opts: &RunOptions,
    shard: Shard,
    observer: &dyn BatchObserver,
) -> Result<PathBuf, RunError> {
    let flags = &opts.flags;
    let pool = engine::pool(opts.threads)?;
    let out = &opts.out;
    // A folder that cannot be made fails now, not after the simulation.
    fs::create_dir_all(out).map_err(RunError::at(out))?;
    let mut parts = Vec::with_capacity(scenarios.len());
    for s in scenarios {
        let text = fs::read_to_string(&s.source).map_err(RunError::at(&s.source))?;
        let s = s.with_overrides(flags.paths, flags.seed);
        observer.scenario_started(&s);
        let params = Params::new(&s);
        let plan = plan_of(&s, flags);
        let chunks = engine::chunk_count(plan.paths);
        let range = shard.range(chunks);
        let holds_first = range.contains(&0);
        let numbers = engine::simulate_range(&params, &plan, range, &pool, observer)?;
        let (frontier, first_paths) = if holds_first {
            let f = walkaway_numbers(&s, &params, flags, &pool, observer)?;
            let p = flags
                .per_path
                .map(|_| replayed_paths(&params, &plan, flags));
            (f, p)
        } else {
            (None, None)
        };
        parts.push(PartScenario {
            id: scenario_id(&s, &params, plan.paths, plan.seed),
            text,
            range: numbers,
            frontier,
            first_paths,
        });
    }
    Part {
        scenarios: parts,
        ..Part::new("run", shard, flags.clone())
    }
    .save(out)
}

/// How a part describes scenario `s` run with `paths` and `seed`.
fn scenario_id(s: &Scenario, params: &Params, paths: u64, seed: u64) -> ScenarioId {
    ScenarioId {
        stem: s.stem.clone(),
        file: s.source.display().to_string(),
        sha256: s.source_sha256_hex(),
        paths,
        seed,
        chunks: engine::chunk_count(paths),
        parameters: format!("{params:?}"),
        samples: crate::report::manifest::sample_files(s)
            .into_iter()
            .map(|f| SampleId {
                key: f.key.into(),
                path: f.path,
                sha256: f.sha256,
            })
            .collect(),
    }
}

/// Runs shard `shard` of the sweep of `s` (its paths and seed already
/// overridden) over `vary`'s grid and writes its part to `out`, atomically,
/// as [`run_shard`] does. Shard K runs its contiguous range of grid points.
pub fn run_sweep_shard(
    s: &Scenario,
    vary: &[String],
    grid: Vec<crate::sweep::GridPoint>,
    shard: Shard,
    out: &Path,
    pool: &rayon::ThreadPool,
    observer: &dyn engine::Observer,
) -> Result<PathBuf, RunError> {
    let text = fs::read_to_string(&s.source).map_err(RunError::at(&s.source))?;
    let points = grid.len() as u64;
    let range = shard.range(points);
    let mut numbers = Vec::new();
    let mut done = 0;
    for p in &grid[range.start as usize..range.end as usize] {
        let offset = crate::sweep::Offset::new(observer, done);
        let agg = crate::sweep::run_point(&p.scenario, pool, &offset)?;
        done += p.scenario.simulation.paths;
        numbers.push(PointNumbers {
            exact: agg.exact,
            sketches: agg.sketches,
        });
    }
    Part {
        sweep: Some(SweepPart {
            id: scenario_id(s, &Params::new(s), s.simulation.paths, s.simulation.seed),
            text,
            vary: vary.to_vec(),
            points,
            range,
            numbers,
        }),
        ..Part::new("sweep", shard, RunManifest::default())
    }
    .save(out)
}

impl Part {
    /// An empty part of `command`'s shard `shard`, made by this walkaway.
    fn new(command: &str, shard: Shard, flags: RunManifest) -> Part {
        Part {
            identity: Identity {
                walkaway_version: env!("CARGO_PKG_VERSION").into(),
                command: command.into(),
                chunk_paths: CHUNK_PATHS,
                shard,
                flags,
            },
            scenarios: Vec::new(),
            sweep: None,
            sensitivity: None,
        }
    }

    /// Writes the part to `out/shard-K-of-N.part.json`, atomically, and
    /// returns its path.
    fn save(&self, out: &Path) -> Result<PathBuf, RunError> {
        let path = out.join(self.identity.shard.file_name());
        fs::create_dir_all(out)
            .and_then(|()| write_part(&path, self))
            .map_err(RunError::at(&path))?;
        Ok(path)
    }
}

fn write_part(path: &Path, part: &Part) -> io::Result<()> {
    let payload = serde_json::to_vec(part).map_err(io::Error::other)?;
    let header = Header {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        payload_bytes: payload.len() as u64,
        payload_sha256: hex(&Sha256::digest(&payload)),
    };
    let header = serde_json::to_vec(&header).map_err(io::Error::other)?;
    crate::report::atomic::write_atomic(path, |w| {
        w.write_all(&header)?;
        w.write_all(b"\n")?;
        w.write_all(&payload)?;
        w.write_all(b"\n")
    })
}

/// Why parts were refused: every problem found, each naming its files.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{}", .0.join("\n"))]
    Refused(Vec<String>),
    #[error(transparent)]
    Run(#[from] RunError),
}

fn refuse(message: String) -> MergeError {
    MergeError::Refused(vec![message])
}

/// The part files named: a file stands for itself, a folder for every
/// `*.part.json` directly inside it, sorted by name; a file named twice
/// counts once.
pub fn discover(args: &[PathBuf]) -> Result<Vec<PathBuf>, MergeError> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg.is_dir() {
            match fs::read_dir(arg) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| {
                            p.is_file()
                                && p.file_name()
                                    .is_some_and(|n| n.to_string_lossy().ends_with(PART_SUFFIX))
                        })
                        .collect();
                    found.sort();
                    if found.is_empty() {
                        errors.push(format!(
                            "{}: the folder holds no *{PART_SUFFIX} part files",
                            arg.display()
                        ));
                    }
                    files.extend(found);
                }
                Err(e) => errors.push(format!("{}: cannot read the folder: {e}", arg.display())),
            }
        } else if arg.is_file() {
            files.push(arg.clone());
        } else {
            errors.push(format!("{}: no such file or folder", arg.display()));
        }
    }
    if !errors.is_empty() {
        return Err(MergeError::Refused(errors));
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(files)
}

/// A part's payload, checked against its header: `Err` says why it is not
/// a part, or a truncated or corrupt one.
fn read_payload(path: &Path) -> Result<(Vec<u8>, String), String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let sha = hex(&Sha256::digest(&bytes));
    let newline = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("not a walkaway part (no header line); truncated or another file")?;
    let header: Header = serde_json::from_slice(&bytes[..newline])
        .map_err(|_| "not a walkaway part (its first line is no part header)".to_string())?;
    if header.format != FORMAT {
        return Err(format!(
            "not a walkaway part (format {:?}, expected {FORMAT:?})",
            header.format
        ));
    }
    if header.format_version != FORMAT_VERSION {
        return Err(format!(
            "part format version {}, but this walkaway reads version {FORMAT_VERSION}; merge \
             with the walkaway that wrote it",
            header.format_version
        ));
    }
    let mut payload = bytes;
    payload.drain(..=newline);
    if payload.last() == Some(&b'\n') {
        payload.pop();
    }
    if payload.len() as u64 != header.payload_bytes {
        return Err(format!(
            "truncated or extended: its header promises {} bytes of numbers, the file holds {}",
            header.payload_bytes,
            payload.len()
        ));
    }
    if hex(&Sha256::digest(&payload)) != header.payload_sha256 {
        return Err("corrupt: its numbers do not match the SHA-256 in its header".into());
    }
    Ok((payload, sha))
}

/// The part at `path` read again, whole or the fields `T` keeps: refused
/// when it is no longer the file checked (its SHA-256 `sha256`).
fn read_part<T: serde::de::DeserializeOwned>(path: &Path, sha256: &str) -> Result<T, MergeError> {
    let changed = |why: String| {
        refuse(format!(
            "{}: changed while it was merged: {why}",
            path.display()
        ))
    };
    let (payload, now) = read_payload(path).map_err(changed)?;
    if now != sha256 {
        return Err(changed("its SHA-256 is not the one checked".into()));
    }
    serde_json::from_slice(&payload)
        .map_err(|e| refuse(format!("{}: not a readable part: {e}", path.display())))
}

/// Each part's head of one command, which `pick` reads: a part of that
/// command without it (`missing` says what it lacks) is corrupt.
fn heads_of<'a, H>(
    checked: &'a [Checked],
    pick: impl Fn(&'a PartHead) -> Option<&'a H>,
    missing: &str,
) -> Result<Vec<(&'a Checked, &'a H)>, MergeError> {
    let mut errors = Vec::new();
    let mut heads = Vec::new();
    for c in checked {
        match pick(&c.head) {
            Some(h) => heads.push((c, h)),
            None => errors.push(format!(
                "{}: {missing}; the part is corrupt",
                c.path.display()
            )),
        }
    }
    if errors.is_empty() {
        Ok(heads)
    } else {
        Err(MergeError::Refused(errors))
    }
}

/// A part read and checked on its own, its numbers not yet kept.
struct Checked {
    path: PathBuf,
    sha256: String,
    head: PartHead,
}

/// Parts checked to make up one whole run, ready to merge.
pub struct CheckedParts {
    /// The parts by shard index, with their SHA-256.
    parts: Vec<(PathBuf, String)>,
    count: u64,
    flags: RunManifest,
    scenarios: Vec<(Scenario, Params)>,
    /// A sweep's base scenario and axes, for the parts of a sweep.
    sweep: Option<(Scenario, Vec<String>)>,
    /// Each scenario's plan, for the parts of a sensitivity run.
    sensitivity: Option<Vec<crate::sensitivity::Plan>>,
}

/// Checks that `files` are the N parts of one run, each whole: nothing is
/// written when any is refused.
pub fn check(files: &[PathBuf]) -> Result<CheckedParts, MergeError> {
    let mut checked = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match read_payload(f).and_then(|(payload, sha256)| {
            serde_json::from_slice::<PartHead>(&payload)
                .map(|head| Checked {
                    path: f.clone(),
                    sha256,
                    head,
                })
                .map_err(|e| format!("not a readable part: {e}"))
        }) {
            Ok(c) => checked.push(c),
            Err(why) => errors.push(format!("{}: {why}", f.display())),
        }
    }
    if !errors.is_empty() {
        return Err(MergeError::Refused(errors));
    }
    let Some(first) = checked.first() else {
        return Err(refuse("no part files to merge".into()));
    };
    check_same_run(&checked)?;
    let count = first.head.identity.shard.count;
    let (sweep, sensitivity) = match first.head.identity.command.as_str() {
        "run" => (None, None),
        "sweep" => (Some(check_sweep(&checked)?), None),
        "sensitivity" => (None, Some(sensitivity::check(&checked)?)),
        other => {
            return Err(refuse(format!(
                "{}: a part of `walkaway {other}`, which this walkaway cannot merge",
                first.path.display()
            )));
        }
    };
    let by_index = check_coverage(&checked, count)?;
    let flags = first.head.identity.flags.clone();
    let scenarios = load_scenarios(first, &flags)?;
    Ok(CheckedParts {
        parts: by_index
            .values()
            .map(|c| (c.path.clone(), c.sha256.clone()))
            .collect(),
        count,
        flags,
        scenarios,
        sweep,
        sensitivity,
    })
}

/// The parts of a sweep agree on its scenario, axes and grid, and each
/// holds its own range of grid points; returns the base scenario, read
/// again, and the axes.
fn check_sweep(checked: &[Checked]) -> Result<(Scenario, Vec<String>), MergeError> {
    let heads = heads_of(
        checked,
        |h| h.sweep.as_ref(),
        "a sweep's part without its grid",
    )?;
    let mut errors = Vec::new();
    let (first, a) = heads[0];
    for &(c, b) in &heads {
        if b.id != a.id || b.vary != a.vary || b.points != a.points {
            errors.push(format!(
                "{} and {}: different sweeps (scenario {} and {}, --vary {:?} and {:?}); they are \
                 parts of different runs",
                first.path.display(),
                c.path.display(),
                a.id.stem,
                b.id.stem,
                a.vary,
                b.vary
            ));
            continue;
        }
        let shard = c.head.identity.shard;
        let expected = shard.range(b.points);
        if b.range != expected || b.numbers.len() as u64 != expected.end - expected.start {
            errors.push(format!(
                "{}: holds grid points {:?}, but shard {shard} holds {expected:?}; the part \
                 overlaps another or is corrupt",
                c.path.display(),
                b.range
            ));
        }
    }
    if !errors.is_empty() {
        return Err(MergeError::Refused(errors));
    }
    #[derive(Deserialize)]
    struct Text {
        sweep: TextOnly,
    }
    #[derive(Deserialize)]
    struct TextOnly {
        text: String,
    }
    let t: Text = read_part(&first.path, &first.sha256)?;
    let name = format!(
        "{}: scenario {} ({})",
        first.path.display(),
        a.id.stem,
        a.id.file
    );
    let (s, _) = reload(
        &name,
        &a.id,
        &t.sweep.text,
        Some(a.id.paths),
        Some(a.id.seed),
    )
    .map_err(MergeError::Refused)?;
    Ok((s, a.vary.clone()))
}

impl CheckedParts {
    /// Scenarios in the run.
    pub fn scenarios(&self) -> usize {
        match &self.sensitivity {
            Some(plans) => plans.len(),
            None => self.scenarios.len(),
        }
    }

    /// What the parts make up, in words: a run's scenarios, a sweep, or a
    /// sensitivity run's scenarios.
    pub fn what(&self) -> String {
        let n = self.scenarios();
        let scenarios = if n == 1 {
            "1 scenario".to_string()
        } else {
            format!("{n} scenarios")
        };
        if self.sweep.is_some() {
            "a sweep".into()
        } else if self.sensitivity.is_some() {
            format!("the sensitivity of {scenarios}")
        } else {
            scenarios
        }
    }

    /// Writes the run's outputs to `out` as the unsharded run would,
    /// `run.json` recording the parts in its `shards` field. Reads the parts
    /// again in shard order, one in memory at a time: chunk statistics
    /// folded in chunk order, sketches and fan samples merged.
    pub fn write(
        self,
        out: &Path,
        threads: Option<usize>,
        observer: &dyn BatchObserver,
    ) -> Result<Vec<BatchRow>, MergeError> {
        // A run's merge locks the folder in its `Writer`; the others here.
        if let Some((s, vary)) = self.sweep {
            let _lock = FolderLock::take(out, observer)?;
            write_sweep(&self.parts, s, &vary, out, threads, observer)?;
            return Ok(Vec::new());
        }
        if let Some(plans) = self.sensitivity {
            let _lock = FolderLock::take(out, observer)?;
            sensitivity::write(&self.parts, plans, out, threads, observer)?;
            return Ok(Vec::new());
        }
        let mut acc: Vec<Accumulated> = self
            .scenarios
            .iter()
            .map(|_| Accumulated::default())
            .collect();
        for (path, sha256) in &self.parts {
            let part: Part = read_part(path, sha256)?;
            for ((a, p), (s, params)) in acc.iter_mut().zip(part.scenarios).zip(&self.scenarios) {
                let plan = plan_of(s, &self.flags);
                check_numbers(&p, params, &plan).map_err(|why| {
                    refuse(format!(
                        "{}: scenario {}: {why}; the part was not written by this walkaway's \
                         run of it",
                        path.display(),
                        p.id.stem
                    ))
                })?;
                a.add(p);
            }
        }
        let pool = engine::pool(threads).map_err(RunError::from)?;
        let opts = RunOptions {
            out: out.to_path_buf(),
            threads,
            flags: self.flags,
        };
        let mut writer = Writer::open(&opts, &pool, observer)?;
        for ((s, params), a) in self.scenarios.into_iter().zip(acc) {
            observer.scenario_started(&s);
            let started = std::time::Instant::now();
            let plan = plan_of(&s, &opts.flags);
            let agg = engine::Aggregate::assemble(&params, &plan, a.exact, a.sketches, a.fan);
            let r = ScenarioReport::new(s, agg);
            writer.scenario(r, a.frontier, a.first_paths.unwrap_or_default(), started)?;
        }
        let mut parts: Vec<Output> = self
            .parts
            .into_iter()
            .map(|(path, sha256)| Output {
                path: path.display().to_string(),
                sha256,
            })
            .collect();
        parts.sort();
        Ok(writer.finish(Some(Shards {
            count: self.count,
            parts,
        }))?)
    }
}

/// Writes the sweep's files from its parts, read in shard order: each grid
/// point's numbers become the row the unsharded sweep makes of them.
fn write_sweep(
    parts: &[(PathBuf, String)],
    s: Scenario,
    vary: &[String],
    out: &Path,
    threads: Option<usize>,
    observer: &dyn BatchObserver,
) -> Result<(), MergeError> {
    use crate::sweep::{self, Sweep};
    let bad = |e: String| refuse(format!("{}: {e}", s.source.display()));
    let axes = sweep::axes(vary).map_err(|e| bad(e.to_string()))?;
    let grid = sweep::grid(&s, &axes).map_err(|e| bad(e.to_string()))?;
    let mut grid = grid.into_iter();
    let mut points = Vec::with_capacity(grid.len());
    for (path, sha256) in parts {
        let part: Part = read_part(path, sha256)?;
        let numbers = part.sweep.map(|p| p.numbers).unwrap_or_default();
        for n in numbers {
            let Some(p) = grid.next() else {
                return Err(refuse(format!(
                    "{}: more grid points than the sweep has",
                    path.display()
                )));
            };
            let paths = p.scenario.simulation.paths;
            n.sketches
                .check(paths)
                .and_then(|()| n.exact.check(paths))
                .map_err(|why| refuse(format!("{}: {why}", path.display())))?;
            observer.scenario_started(&p.scenario);
            let plan = engine::Plan {
                paths: p.scenario.simulation.paths,
                seed: p.scenario.simulation.seed,
                charts: false,
            };
            let params = Params::new(&p.scenario);
            let agg = engine::Aggregate::assemble(
                &params,
                &plan,
                n.exact,
                n.sketches,
                FanSamples::default(),
            );
            let report = ScenarioReport::new(p.scenario, agg);
            crate::report::format::check_finite(&report).map_err(RunError::from)?;
            points.push((p.values, BatchRow::of(&report)));
        }
    }
    let pool = engine::pool(threads).map_err(RunError::from)?;
    let sw = Sweep {
        scenario: s,
        axes,
        points,
    };
    // The folder exists: the merge made it when it took its lock.
    pool.install(|| sweep::write(out, &sw))
        .map_err(RunError::at(out))?;
    Ok(())
}

/// Whether a part's numbers for one scenario have the shape this walkaway
/// builds for it, so that merging them cannot fail an assertion or an index:
/// one exact record per chunk, sketches of the same accuracy whose bins add
/// up, a fan subsample of the scenario's grid, a frontier with its curve.
fn check_numbers(p: &PartScenario, params: &Params, plan: &engine::Plan) -> Result<(), String> {
    let chunks = &p.range.chunks;
    if p.range.exact.len() as u64 != chunks.end.saturating_sub(chunks.start) {
        return Err(format!(
            "{} chunk records for chunks {chunks:?}",
            p.range.exact.len()
        ));
    }
    let at = |chunk: u64| chunk.saturating_mul(CHUNK_PATHS).min(plan.paths);
    let paths = at(chunks.end) - at(chunks.start).min(at(chunks.end));
    for (chunk, exact) in chunks.clone().zip(&p.range.exact) {
        let paths = at(chunk + 1) - at(chunk).min(at(chunk + 1));
        exact
            .check(paths)
            .map_err(|why| format!("chunk {chunk}: {why}"))?;
    }
    p.range.sketches.check(paths)?;
    let points = engine::fan::FanGrid::new(params).times.len();
    p.range.fan.check(points, paths)?;
    if let Some(f) = &p.frontier
        && (f.bands.is_empty() || f.curve.is_empty())
    {
        return Err("a frontier without bands or curve".into());
    }
    Ok(())
}

/// One scenario's numbers gathered from the parts so far.
#[derive(Default)]
struct Accumulated {
    exact: ExactStats,
    sketches: Sketches,
    fan: FanSamples,
    frontier: Option<Frontier>,
    first_paths: Option<Vec<PathOutcomes>>,
}

impl Accumulated {
    fn add(&mut self, p: PartScenario) {
        for chunk in &p.range.exact {
            self.exact.merge(chunk);
        }
        self.sketches.merge(&p.range.sketches);
        self.fan.extend(p.range.fan);
        if p.frontier.is_some() {
            self.frontier = p.frontier;
        }
        if p.first_paths.is_some() {
            self.first_paths = p.first_paths;
        }
    }
}

/// Every part describes the same run as the first.
fn check_same_run(checked: &[Checked]) -> Result<(), MergeError> {
    let first = &checked[0];
    let a = &first.head.identity;
    let mut errors = Vec::new();
    for c in &checked[1..] {
        let b = &c.head.identity;
        let differs = |what: &str, x: String, y: String| {
            format!(
                "{} and {}: different {what} ({x} and {y}); they are parts of different runs",
                first.path.display(),
                c.path.display()
            )
        };
        if a.walkaway_version != b.walkaway_version {
            errors.push(differs(
                "walkaway versions",
                a.walkaway_version.clone(),
                b.walkaway_version.clone(),
            ));
        } else if a.command != b.command || a.chunk_paths != b.chunk_paths {
            errors.push(differs(
                "commands or chunk sizes",
                format!("{} {}", a.command, a.chunk_paths),
                format!("{} {}", b.command, b.chunk_paths),
            ));
        } else if a.shard.count != b.shard.count {
            errors.push(differs(
                "shard counts N",
                a.shard.count.to_string(),
                b.shard.count.to_string(),
            ));
        } else {
            let (xs, ys) = (&first.head.scenarios, &c.head.scenarios);
            let names = |v: &[ScenarioHead]| {
                v.iter()
                    .map(|s| s.id.stem.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let before = errors.len();
            if xs.len() != ys.len() || xs.iter().zip(ys).any(|(x, y)| x.id.stem != y.id.stem) {
                errors.push(differs("scenarios", names(xs), names(ys)));
                continue;
            }
            for (x, y) in xs.iter().zip(ys) {
                let (x, y, stem) = (&x.id, &y.id, &x.id.stem);
                if x.sha256 != y.sha256 || x.parameters != y.parameters {
                    errors.push(differs(
                        &format!("scenario files for {stem}"),
                        format!("SHA-256 {}", x.sha256),
                        format!("SHA-256 {}", y.sha256),
                    ));
                } else if x.seed != y.seed {
                    errors.push(differs(
                        &format!("seeds for {stem}"),
                        x.seed.to_string(),
                        y.seed.to_string(),
                    ));
                } else if x.paths != y.paths || x.chunks != y.chunks {
                    errors.push(differs(
                        &format!("path counts for {stem}"),
                        x.paths.to_string(),
                        y.paths.to_string(),
                    ));
                }
            }
            if errors.len() == before && a.flags != b.flags {
                let (fa, fb) = (flag_values(&a.flags), flag_values(&b.flags));
                let which: Vec<&String> = fa
                    .iter()
                    .zip(&fb)
                    .filter(|(x, y)| x != y)
                    .map(|(x, _)| &x.0)
                    .collect();
                let shown = |f: &[(String, String)]| {
                    f.iter()
                        .filter(|(k, _)| which.contains(&k))
                        .map(|(k, v)| format!("{k} = {v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                errors.push(differs("flags", shown(&fa), shown(&fb)));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(MergeError::Refused(errors))
    }
}

/// A run's flags as (name, value) pairs, for a message.
fn flag_values(flags: &RunManifest) -> Vec<(String, String)> {
    match serde_json::to_value(flags) {
        Ok(serde_json::Value::Object(m)) => {
            m.into_iter().map(|(k, v)| (k, v.to_string())).collect()
        }
        _ => Vec::new(),
    }
}

/// Exactly one part per shard index, each holding its own chunk range of
/// every scenario, and the walk-away numbers and replayed paths where chunk
/// 0 is. Returns the parts by index.
fn check_coverage(checked: &[Checked], count: u64) -> Result<BTreeMap<u64, &Checked>, MergeError> {
    let mut by_index: BTreeMap<u64, &Checked> = BTreeMap::new();
    let mut errors = Vec::new();
    for c in checked {
        let shard = c.head.identity.shard;
        if shard.index >= count {
            errors.push(format!(
                "{}: shard index {} is outside 0..{count}",
                c.path.display(),
                shard.index
            ));
            continue;
        }
        if let Some(other) = by_index.insert(shard.index, c) {
            errors.push(format!(
                "{} and {}: both are shard {shard}; keep one (a duplicate or overlapping part)",
                other.path.display(),
                c.path.display()
            ));
        }
        let flags = &c.head.identity.flags;
        for s in &c.head.scenarios {
            let expected = shard.range(s.id.chunks);
            if s.range.chunks != expected
                || s.range.exact.len() as u64 != expected.end - expected.start
            {
                errors.push(format!(
                    "{}: scenario {} holds chunks {:?}, but shard {shard} holds chunks {:?}; the \
                     part overlaps another or is corrupt",
                    c.path.display(),
                    s.id.stem,
                    s.range.chunks,
                    expected
                ));
            }
            let first = expected.contains(&0);
            if (s.frontier.is_some() != (first && flags.frontier))
                || (s.first_paths.is_some() != (first && flags.per_path.is_some()))
            {
                errors.push(format!(
                    "{}: scenario {}: the walk-away numbers or replayed paths are not where chunk \
                     0 is; the part is corrupt",
                    c.path.display(),
                    s.id.stem
                ));
            }
        }
    }
    let missing: Vec<String> = (0..count)
        .filter(|k| !by_index.contains_key(k))
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        let named: Vec<String> = checked
            .iter()
            .map(|c| c.path.display().to_string())
            .collect();
        errors.push(format!(
            "missing shard{} {} of {count} (given: {})",
            if missing.len() == 1 { "" } else { "s" },
            shorten(&missing),
            named.join(", ")
        ));
    }
    if errors.is_empty() {
        Ok(by_index)
    } else {
        Err(MergeError::Refused(errors))
    }
}

/// The first few of a long list, and how many more.
fn shorten(items: &[String]) -> String {
    const SHOWN: usize = 10;
    if items.len() <= SHOWN {
        items.join(", ")
    } else {
        format!(
            "{}, and {} more",
            items[..SHOWN].join(", "),
            items.len() - SHOWN
        )
    }
}

/// The scenarios as the parts describe them, parsed again from the text
/// the first part carries and checked against its SHA-256 and parameters.
fn load_scenarios(
    first: &Checked,
    flags: &RunManifest,
) -> Result<Vec<(Scenario, Params)>, MergeError> {
    // The text is in the payload; the head kept only the description.
    #[derive(Deserialize)]
    struct Texts {
        scenarios: Vec<Text>,
    }
    #[derive(Deserialize)]
    struct Text {
        text: String,
    }
    let texts: Texts = read_part(&first.path, &first.sha256)?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (head, t) in first.head.scenarios.iter().zip(texts.scenarios) {
        let id = &head.id;
        let name = || {
            format!(
                "{}: scenario {} ({})",
                first.path.display(),
                id.stem,
                id.file
            )
        };
        match reload(&name(), id, &t.text, flags.paths, flags.seed) {
            Ok(x) => out.push(x),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(MergeError::Refused(errors))
    }
}

/// A scenario parsed again from the `text` a part carries, checked against
/// its description `id` (named `name` in messages): its sample files' bytes
/// first, then its SHA-256, parameters, paths, seed and chunk count.
fn reload(
    name: &str,
    id: &ScenarioId,
    text: &str,
    paths: Option<u64>,
    seed: Option<u64>,
) -> Result<(Scenario, Params), Vec<String>> {
    let changed: Vec<String> = id
        .samples
        .iter()
        .filter_map(|f| match fs::read(&f.path) {
            Err(e) => Some(format!(
                "{}: sample file {} (for {}) cannot be read here: {e}; the merge reads it \
                 again, so run it where the shards' sample files are",
                name, f.path, f.key
            )),
            Ok(bytes) if hex(&Sha256::digest(&bytes)) != f.sha256 => Some(format!(
                "{}: sample file {} (for {}) changed since the shards read it (SHA-256 {}, \
                 the part recorded {}); restore it or run the shards again",
                name,
                f.path,
                f.key,
                hex(&Sha256::digest(&bytes)),
                f.sha256
            )),
            Ok(_) => None,
        })
        .collect();
    if !changed.is_empty() {
        return Err(changed);
    }
    let s = scenario::parse_str(text, Path::new(&id.file)).map_err(|e| {
        vec![format!(
            "{name}: cannot be read again: {}",
            e.0.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        )]
    })?;
    let s = s.with_overrides(paths, seed);
    let params = Params::new(&s);
    let why = if s.source_sha256_hex() != id.sha256 {
        "its text does not match its SHA-256".to_string()
    } else if format!("{params:?}") != id.parameters {
        "its parameters resolve differently here (a sample file changed, or another walkaway); \
         run the shards again"
            .to_string()
    } else if s.stem != id.stem || s.simulation.paths != id.paths || s.simulation.seed != id.seed {
        "its paths or seed do not match".to_string()
    } else if id.chunks != engine::chunk_count(id.paths) {
        format!(
            "{} chunks recorded for {} paths; the part is corrupt",
            id.chunks, id.paths
        )
    } else {
        return Ok((s, params));
    };
    Err(vec![format!("{name}: {why}")])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn resolve(arg: &str, vars: &[(&str, &str)]) -> Result<Shard, ShardError> {
        let arg: ShardArg = arg.parse().unwrap();
        arg.resolve(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_index_comes_from_the_first_scheduler_variable_set() {
        let at = |index, count| Ok(Shard { index, count });
        assert_eq!(resolve("2/5", &[("PARALLEL_SEQ", "1")]), at(2, 5));
        assert_eq!(resolve("auto/5", &[("SLURM_ARRAY_TASK_ID", "4")]), at(4, 5));
        // A Slurm array numbered from 1: --array=1-5.
        let one = [("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1")];
        assert_eq!(resolve("auto/5", &one), at(4, 5));
        assert_eq!(
            resolve("auto/5", &[("JOB_COMPLETION_INDEX", "0")]),
            at(0, 5)
        );
        assert_eq!(resolve("auto/5", &[("PARALLEL_SEQ", "5")]), at(4, 5));
        assert_eq!(resolve("auto/5", &[]), Err(ShardError::NoIndex(5)));
        assert!(matches!(
            resolve("auto/5", &[("PARALLEL_SEQ", "6")]),
            Err(ShardError::OutOfRange {
                index: 5,
                count: 5,
                ..
            })
        ));
        assert!(matches!(
            resolve("auto/5", &[("PARALLEL_SEQ", "0")]),
            Err(ShardError::BelowStart(..))
        ));
        let below = [("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_MIN", "1")];
        assert!(matches!(
            resolve("auto/5", &below),
            Err(ShardError::BelowStart(..))
        ));
        assert!(matches!(
            resolve("5/5", &[]),
            Err(ShardError::OutOfRange { index: 5, .. })
        ));
        for bad in ["3", "a/4", "1/0", "1/-2", "/4", "1/4/5"] {
            assert!(bad.parse::<ShardArg>().is_err(), "{bad}");
        }
    }

    #[test]
    fn file_names_sort_in_shard_order() {
        let name = |index| Shard { index, count: 100 }.file_name();
        assert_eq!(name(7), "shard-07-of-100.part.json");
        assert!(name(9) < name(10));
        assert_eq!(
            Shard { index: 0, count: 1 }.file_name(),
            "shard-0-of-1.part.json"
        );
    }

    proptest! {
        /// The shards' ranges tile 0..units in order, each within one unit
        /// of an even share, also where the product overflows u64.
        #[test]
        fn ranges_tile_the_units(units in 0u64..u64::MAX, count in 1u64..2_000) {
            let mut next = 0;
            for index in 0..count {
                let r = Shard { index, count }.range(units);
                prop_assert_eq!(r.start, next);
                prop_assert!(r.end >= r.start);
                let share = r.end - r.start;
                prop_assert!(share == units / count || share == units / count + 1);
                next = r.end;
            }
            prop_assert_eq!(next, units);
        }
    }
}
