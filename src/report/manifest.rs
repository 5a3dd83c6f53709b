//! `OUT/run.json`: what a run was made of, so it can be repeated and its
//! inputs recognised later, and every file it wrote with its SHA-256. The
//! record of a completed write: a run removes the old one before it writes
//! anything and writes the new one last, after every other output.
//!
//! The thread count is deliberately absent: chunk k of a scenario always
//! draws from the generator seeded by (seed, k), so the same files, version,
//! paths and seeds give the same numbers on any number of threads.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::BatchRow;
use super::json::write_json;
use crate::engine::CHUNK_PATHS;
use crate::model::Dist;
use crate::scenario::Scenario;

/// The manifest's name in the output folder.
pub const RUN_JSON: &str = "run.json";

/// A file the run wrote: its path relative to the output folder (with `/`
/// between folders) and the SHA-256 of its bytes, in hex.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Output {
    pub path: String,
    pub sha256: String,
}

/// The command-line flags of a run. `paths` and `seed` change results; the
/// others only choose which files are written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct RunManifest {
    pub paths: Option<u64>,
    pub seed: Option<u64>,
    pub json: bool,
    pub per_path: Option<u64>,
    pub charts: bool,
    /// Compute the walk-away numbers (not `--no-frontier`).
    pub frontier: bool,
    /// `--frontier-paths`, when given.
    pub frontier_paths: Option<u64>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    walkaway_version: &'static str,
    chunk_paths: u64,
    results_depend_on_thread_count: bool,
    result_flags: ResultFlags,
    output_flags: OutputFlags,
    scenarios: Vec<ScenarioEntry<'a>>,
    outputs: &'a [Output],
    /// Only in the manifest `walkaway merge` writes: the parts it merged.
    #[serde(skip_serializing_if = "Option::is_none")]
    shards: Option<Shards>,
}

/// How a merged run was made: the shard count and each part merged, by
/// name and SHA-256. The one part of a merged `run.json` that a single run's
/// lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shards {
    pub count: u64,
    pub parts: Vec<Output>,
}

#[derive(Serialize)]
struct ResultFlags {
    paths: Option<u64>,
    seed: Option<u64>,
    frontier_paths: Option<u64>,
}

#[derive(Serialize)]
struct OutputFlags {
    json: bool,
    per_path: Option<u64>,
    charts: bool,
    frontier: bool,
}

#[derive(Serialize)]
struct ScenarioEntry<'a> {
    scenario: &'a str,
    name: &'a str,
    file: String,
    sha256: String,
    paths: u64,
    /// `file` when `[simulation]` (or its default) set it, `--paths`/`--seed`
    /// when the command line did.
    paths_from: &'static str,
    seed: u64,
    seed_from: &'static str,
    /// Paths per evaluation of the walk-away numbers; absent when they
    /// were not computed.
    frontier_paths: Option<u64>,
    /// Every sample file the scenario's distributions were read from.
    sample_files: Vec<SampleFile>,
    /// Every key with the value the run used: what `walkaway rerun`
    /// rebuilds the scenario from, without its file.
    inputs: Vec<InputEntry>,
}

/// One resolved input: the key's path, its value as a scenario file writes
/// it (empty when it has none) and whether the file gave it.
#[derive(Serialize)]
struct InputEntry {
    key: &'static str,
    value: String,
    given: bool,
}

fn input_entries(s: &Scenario) -> Vec<InputEntry> {
    crate::scenario::inputs(s)
        .into_iter()
        .map(|i| InputEntry {
            key: i.key,
            value: i.value,
            given: i.given,
        })
        .collect()
}

/// A sample file behind a distribution: the key, the file as read and the
/// SHA-256 of its bytes when the scenario was read.
#[derive(Serialize)]
pub struct SampleFile {
    pub key: &'static str,
    pub path: String,
    pub sha256: String,
}

/// The sample files of `s`, in the order of the keys' declaration.
pub fn sample_files(s: &Scenario) -> Vec<SampleFile> {
    let dists: [(&'static str, &Dist); 13] = [
        ("market.search_weeks", &s.market.search_weeks),
        ("market.offer", &s.market.offer),
        ("market.fit", &s.market.fit),
        ("counter.meet", &s.counter.meet),
        ("reengage.probability", &s.reengage.probability),
        ("reengage.months", &s.reengage.months),
        ("reengage.uplift", &s.reengage.uplift),
        ("career.raise", &s.career.raise),
        ("career.tenure_years", &s.career.tenure_years),
        ("career.job_change_bump", &s.career.job_change_bump),
        ("distress.offer", &s.distress.offer),
        ("distress.weeks", &s.distress.weeks),
        ("distress.fit", &s.distress.fit),
    ];
    dists
        .into_iter()
        .filter_map(|(key, d)| match d {
            Dist::Discrete(d) => d.source().map(|src| SampleFile {
                key,
                path: src.file.display().to_string(),
                sha256: src.sha256.clone(),
            }),
            _ => None,
        })
        .collect()
}

impl RunManifest {
    /// Writes `OUT/run.json` for `rows`, listing `outputs` (sorted by path,
    /// so the file is the same for any thread count).
    pub fn write(
        &self,
        rows: &[BatchRow],
        outputs: &mut [Output],
        out: &Path,
    ) -> io::Result<PathBuf> {
        self.write_with(rows, outputs, out, None)
    }

    /// [`RunManifest::write`], recording the parts of a merge when given.
    pub fn write_with(
        &self,
        rows: &[BatchRow],
        outputs: &mut [Output],
        out: &Path,
        shards: Option<Shards>,
    ) -> io::Result<PathBuf> {
        outputs.sort();
        let from = |flag: bool, name| if flag { name } else { "file" };
        let m = Manifest {
            walkaway_version: env!("CARGO_PKG_VERSION"),
            chunk_paths: CHUNK_PATHS,
            results_depend_on_thread_count: false,
            result_flags: ResultFlags {
                paths: self.paths,
                seed: self.seed,
                frontier_paths: self.frontier_paths,
            },
            output_flags: OutputFlags {
                json: self.json,
                per_path: self.per_path,
                charts: self.charts,
                frontier: self.frontier,
            },
            scenarios: rows
                .iter()
                .map(|r| ScenarioEntry {
                    scenario: &r.scenario.stem,
                    name: &r.scenario.name,
                    file: r.scenario.source.display().to_string(),
                    sha256: r.scenario.source_sha256_hex(),
                    paths: r.paths,
                    paths_from: from(self.paths.is_some(), "--paths"),
                    seed: r.seed,
                    seed_from: from(self.seed.is_some(), "--seed"),
                    frontier_paths: r.frontier.as_ref().map(|f| f.frontier_paths),
                    sample_files: sample_files(&r.scenario),
                    inputs: input_entries(&r.scenario),
                })
                .collect(),
            outputs,
            shards,
        };
        let path = out.join(RUN_JSON);
        write_json(&path, &m)?;
        Ok(path)
    }
}
