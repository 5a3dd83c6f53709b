//! `walkaway rerun OUT/run.json`: a run repeated from its manifest alone.
//! Each scenario is rebuilt from the resolved inputs `run.json` stores (every
//! key with the value the run used), and run with the same flags, so the
//! same version of walkaway writes the same bytes without the scenario
//! files.
//!
//! A distribution read from a sample file is stored as the file's path and
//! SHA-256, not its values: the file is read again and must hash the same.
//! That keeps `run.json` small whatever the size of the samples, and a file
//! that changed since is refused by name instead of giving other numbers.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::report::manifest::{RunManifest, sample_files};
use crate::scenario::keys::KEYS;
use crate::scenario::{Scenario, ScenarioErrors, parse_str};

/// A run to repeat: its scenarios, rebuilt, and its flags.
#[derive(Debug, Clone)]
pub struct Rerun {
    pub scenarios: Vec<Scenario>,
    pub flags: RunManifest,
    /// The version of walkaway that wrote the manifest.
    pub version: String,
}

/// Why a manifest cannot be rerun. Each names the manifest.
#[derive(Debug, thiserror::Error)]
pub enum RerunError {
    #[error("{}: cannot read the run's manifest", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: not a run.json that walkaway can rerun", path.display())]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    /// A scenario entry that cannot be rebuilt as it was run.
    #[error("{}: scenario `{scenario}`: {message}", path.display())]
    Entry {
        path: PathBuf,
        scenario: String,
        message: String,
    },
    /// The stored inputs do not read back as a scenario.
    #[error("{}: scenario `{scenario}` cannot be rebuilt", path.display())]
    Scenario {
        path: PathBuf,
        scenario: String,
        #[source]
        errors: ScenarioErrors,
    },
}

#[derive(Deserialize)]
struct Manifest {
    walkaway_version: String,
    result_flags: ResultFlags,
    output_flags: OutputFlags,
    scenarios: Vec<Entry>,
}

#[derive(Deserialize)]
struct ResultFlags {
    paths: Option<u64>,
    seed: Option<u64>,
    frontier_paths: Option<u64>,
}

#[derive(Deserialize)]
struct OutputFlags {
    json: bool,
    per_path: Option<u64>,
    charts: bool,
    frontier: bool,
}

#[derive(Deserialize)]
struct Entry {
    scenario: String,
    file: String,
    sha256: String,
    sample_files: Vec<SampleEntry>,
    inputs: Vec<InputEntry>,
}

#[derive(Deserialize, PartialEq)]
struct SampleEntry {
    key: String,
    path: String,
    sha256: String,
}

#[derive(Deserialize)]
struct InputEntry {
    key: String,
    value: String,
    given: bool,
}

/// Reads `path` (a `run.json`) and rebuilds its scenarios.
pub fn load(path: &Path) -> Result<Rerun, RerunError> {
    let text = fs::read_to_string(path).map_err(|source| RerunError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let m: Manifest = serde_json::from_str(&text).map_err(|source| RerunError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let scenarios = m
        .scenarios
        .iter()
        .map(|e| rebuild(e, path))
        .collect::<Result<_, _>>()?;
    let r = &m.result_flags;
    let o = &m.output_flags;
    Ok(Rerun {
        scenarios,
        flags: RunManifest {
            paths: r.paths,
            seed: r.seed,
            json: o.json,
            per_path: o.per_path,
            charts: o.charts,
            frontier: o.frontier,
            frontier_paths: r.frontier_paths,
        },
        version: m.walkaway_version,
    })
}

/// The scenario file that gives `inputs`: each key under its section, in
/// the order of [`KEYS`]. A key this version does not declare is refused.
fn toml_of(inputs: &[InputEntry]) -> Result<String, String> {
    let paths = crate::scenario::key_paths();
    if let Some(unknown) = inputs.iter().find(|i| !paths.contains(&i.key)) {
        return Err(format!(
            "the input `{}` is not a key of this version of walkaway",
            crate::scenario::shown::quoted(&unknown.key)
        ));
    }
    Ok(crate::scenario::toml_of(KEYS.iter().zip(paths).filter_map(
        |(spec, path)| {
            let input = inputs.iter().find(|i| i.key == *path)?;
            Some((spec, input.value.as_str()))
        },
    )))
}

fn rebuild(e: &Entry, manifest: &Path) -> Result<Scenario, RerunError> {
    let fail = |message: String| RerunError::Entry {
        path: manifest.to_path_buf(),
        scenario: e.scenario.clone(),
        message,
    };
    let text = toml_of(&e.inputs).map_err(fail)?;
    let file = PathBuf::from(&e.file);
    let mut s = parse_str(&text, &file).map_err(|errors| RerunError::Scenario {
        path: manifest.to_path_buf(),
        scenario: e.scenario.clone(),
        errors,
    })?;
    if s.stem != e.scenario {
        return Err(fail(format!(
            "its file {} names the folder `{}`, not `{}`",
            file.display(),
            s.stem,
            e.scenario
        )));
    }
    s.source_sha256 =
        hex32(&e.sha256).ok_or_else(|| fail("`sha256` is not 64 hex digits".into()))?;
    s.given = crate::scenario::key_paths()
        .iter()
        .map(|k| e.inputs.iter().any(|i| i.key == *k && i.given))
        .collect();
    let now = sample_files(&s);
    for was in &e.sample_files {
        match now.iter().find(|f| f.key == was.key) {
            Some(f) if f.sha256 == was.sha256 => {}
            Some(f) => {
                return Err(fail(format!(
                    "the sample file {} of `{}` changed since the run (SHA-256 {} then, {} \
                     now); restore it to rerun",
                    f.path, was.key, was.sha256, f.sha256
                )));
            }
            None => {
                return Err(fail(format!(
                    "`{}` was read from the sample file {}, but the stored inputs do not \
                     name it",
                    was.key, was.path
                )));
            }
        }
    }
    Ok(s)
}

fn hex32(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(inputs: &[(&str, &str, bool)]) -> Entry {
        Entry {
            scenario: "a".into(),
            file: "dir/a.toml".into(),
            sha256: "ab".repeat(32),
            sample_files: Vec::new(),
            inputs: inputs
                .iter()
                .map(|(k, v, g)| InputEntry {
                    key: k.to_string(),
                    value: v.to_string(),
                    given: *g,
                })
                .collect(),
        }
    }

    #[test]
    fn a_scenario_is_rebuilt_from_its_inputs() {
        let e = entry(&[
            ("name", "\"A\"", false),
            ("offer.base", "150000", true),
            ("offer.role.weights.growth", "2", true),
            ("candidate.floor", "165000", true),
            ("candidate.runway_months", "7", true),
            ("simulation.seed", "5", false),
        ]);
        let s = rebuild(&e, Path::new("out/run.json")).unwrap();
        assert_eq!(s.stem, "a");
        assert_eq!(s.source, PathBuf::from("dir/a.toml"));
        assert_eq!(s.source_sha256, [0xab; 32]);
        assert_eq!(s.offer.role.weights[3], 2.0);
        assert_eq!(s.simulation.seed, 5);
        let given: Vec<&str> = crate::scenario::inputs(&s)
            .into_iter()
            .filter(|i| i.given)
            .map(|i| i.key)
            .collect();
        assert_eq!(
            given,
            [
                "offer.base",
                "offer.role.weights.growth",
                "candidate.floor",
                "candidate.runway_months"
            ]
        );
    }

    #[test]
    fn an_unknown_key_or_a_bad_hash_is_refused_by_name() {
        let e = entry(&[("offer.bass", "1", true)]);
        let err = rebuild(&e, Path::new("run.json")).unwrap_err().to_string();
        assert!(err.contains("`offer.bass` is not a key"), "{err}");
        let mut e = entry(&[
            ("offer.base", "1", true),
            ("candidate.floor", "2", true),
            ("candidate.employed", "true", true),
        ]);
        e.sha256 = "xyz".into();
        let err = rebuild(&e, Path::new("run.json")).unwrap_err().to_string();
        assert!(err.contains("`sha256` is not 64 hex digits"), "{err}");
    }
}
