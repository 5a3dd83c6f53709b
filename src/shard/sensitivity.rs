//! `sensitivity --shard` and its merge. The units are a sensitivity run's
//! own ([`crate::sensitivity::Plan`]): every map cell, then every distinct
//! tornado run, scenario after scenario. A unit is computed whole by one
//! shard, so a part carries each unit's finished exact statistics, and the
//! merge assembles them in unit order through the same code the unsharded
//! command uses; shards are balanced by their units' costs.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{
    Checked, MergeError, Part, ScenarioId, Shard, heads_of, read_part, refuse, reload, scenario_id,
};
use crate::batch::{BatchObserver, RunError};
use crate::engine::{self, ExactStats};
use crate::model::Params;
use crate::report::manifest::RunManifest;
use crate::sensitivity::{self, Options, Plan, SensitivityError, SensitivityObserver};

/// A sensitivity run's share: every scenario's description (all of them, so
/// each part tells the whole run), and the statistics of its contiguous
/// range of units, counted over the scenarios in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct SensitivityPart {
    /// `--map-paths` as given; with a scenario's paths it fixes its cells'.
    map_paths: Option<u64>,
    scenarios: Vec<SensitivityScenario>,
    range: Range<u64>,
    numbers: Vec<ExactStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SensitivityScenario {
    id: ScenarioId,
    /// The scenario file's text, parsed again by the merge.
    text: String,
    /// Its units: map cells and tornado runs.
    units: u64,
}

/// A sensitivity part's description, read without its numbers.
#[derive(Debug, Deserialize)]
pub(super) struct SensitivityHead {
    map_paths: Option<u64>,
    scenarios: Vec<ScenarioUnits>,
    range: Range<u64>,
    numbers: Vec<serde::de::IgnoredAny>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct ScenarioUnits {
    id: ScenarioId,
    units: u64,
}

/// Every unit's paths, scenario after scenario.
fn weights(plans: &[Plan]) -> Vec<u64> {
    plans.iter().flat_map(|p| p.weights()).collect()
}

/// Every unit's cost, scenario after scenario: what shards balance.
fn costs(plans: &[Plan]) -> Vec<u64> {
    plans.iter().flat_map(|p| p.costs()).collect()
}

/// Computes shard `shard` of the sensitivity of `scenarios` (with `opts`'s
/// overrides) and writes its part to `OUT/shard-K-of-N.part.json`,
/// atomically, as `run --shard` does. Returns the part's path.
pub fn run_sensitivity_shard(
    scenarios: Vec<crate::scenario::Scenario>,
    opts: &Options,
    shard: Shard,
    observer: &dyn SensitivityObserver,
) -> Result<PathBuf, SensitivityError> {
    let texts = scenarios
        .iter()
        .map(|s| fs::read_to_string(&s.source).map_err(RunError::at(&s.source)))
        .collect::<Result<Vec<_>, _>>()?;
    let plans = sensitivity::plans(scenarios, opts)?;
    let pool = engine::pool(opts.threads).map_err(RunError::from)?;
    let weights = weights(&plans);
    let range = shard.weighted_range(&costs(&plans));
    let mut numbers = Vec::new();
    let mut first = 0u64;
    for plan in &plans {
        let units = plan.units() as u64;
        let mine = range.start.max(first)..range.end.min(first + units);
        if mine.start < mine.end {
            let work = weights[mine.start as usize..mine.end as usize].iter().sum();
            observer.scenario_started(plan.scenario(), work);
            let local = (mine.start - first) as usize..(mine.end - first) as usize;
            numbers.extend(plan.compute(local, &pool, observer, 0)?);
        }
        first += units;
    }
    let scenarios = plans
        .iter()
        .zip(texts)
        .map(|(plan, text)| {
            let s = plan.scenario();
            SensitivityScenario {
                id: scenario_id(s, &Params::new(s), s.simulation.paths, s.simulation.seed),
                text,
                units: plan.units() as u64,
            }
        })
        .collect();
    let part = Part {
        sensitivity: Some(SensitivityPart {
            map_paths: opts.map_paths,
            scenarios,
            range,
            numbers,
        }),
        ..Part::new("sensitivity", shard, RunManifest::default())
    };
    Ok(part.save(&opts.out)?)
}

/// The parts of a sensitivity run agree on its scenarios and `--map-paths`,
/// and each holds the range of units its shard computes; returns each
/// scenario's plan, its scenario read again from the first part's text.
pub(super) fn check(checked: &[Checked]) -> Result<Vec<Plan>, MergeError> {
    let heads = heads_of(
        checked,
        |h| h.sensitivity.as_ref(),
        "a sensitivity part without its units",
    )?;
    let mut errors = Vec::new();
    let (first, a) = heads[0];
    for &(c, b) in &heads[1..] {
        if b.scenarios != a.scenarios || b.map_paths != a.map_paths {
            let names = |h: &SensitivityHead| {
                let stems: Vec<&str> = h.scenarios.iter().map(|s| s.id.stem.as_str()).collect();
                format!("{} with --map-paths {:?}", stems.join(", "), h.map_paths)
            };
            errors.push(format!(
                "{} and {}: different sensitivity runs ({} and {}); they are parts of \
                 different runs",
                first.path.display(),
                c.path.display(),
                names(a),
                names(b)
            ));
        }
    }
    if !errors.is_empty() {
        return Err(MergeError::Refused(errors));
    }
    let plans = load_plans(first, a)?;
    let costs = costs(&plans);
    for &(c, h) in &heads {
        let shard = c.head.identity.shard;
        let expected = shard.weighted_range(&costs);
        if h.range != expected || h.numbers.len() as u64 != expected.end - expected.start {
            errors.push(format!(
                "{}: holds units {:?}, but shard {shard} computes units {expected:?}; the part \
                 overlaps another or is corrupt",
                c.path.display(),
                h.range
            ));
        }
    }
    if errors.is_empty() {
        Ok(plans)
    } else {
        Err(MergeError::Refused(errors))
    }
}

/// Each scenario of the first part parsed again from its text and planned
/// as the shards planned it: a scenario whose units come out differently
/// here (another walkaway) is refused.
fn load_plans(first: &Checked, head: &SensitivityHead) -> Result<Vec<Plan>, MergeError> {
    #[derive(Deserialize)]
    struct Texts {
        sensitivity: TextsOnly,
    }
    #[derive(Deserialize)]
    struct TextsOnly {
        scenarios: Vec<Text>,
    }
    #[derive(Deserialize)]
    struct Text {
        text: String,
    }
    let texts: Texts = read_part(&first.path, &first.sha256)?;
    let opts = Options {
        map_paths: head.map_paths,
        ..Options::default()
    };
    let mut plans = Vec::new();
    let mut errors = Vec::new();
    for (h, t) in head.scenarios.iter().zip(texts.sensitivity.scenarios) {
        let id = &h.id;
        let name = format!(
            "{}: scenario {} ({})",
            first.path.display(),
            id.stem,
            id.file
        );
        let (s, _) = match reload(&name, id, &t.text, Some(id.paths), Some(id.seed)) {
            Ok(x) => x,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        match Plan::new(&s, &opts) {
            Ok(plan) if plan.units() as u64 == h.units => plans.push(plan),
            Ok(plan) => errors.push(format!(
                "{name}: {} units recorded, but it makes {} here; merge with the walkaway \
                 that wrote the parts",
                h.units,
                plan.units()
            )),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    if errors.is_empty() {
        Ok(plans)
    } else {
        Err(MergeError::Refused(errors))
    }
}

/// Writes every scenario's sensitivity files from the parts, read in shard
/// order: the units' statistics, checked against the paths each plays,
/// assembled scenario by scenario as the unsharded command assembles them.
pub(super) fn write(
    parts: &[(PathBuf, String)],
    plans: Vec<Plan>,
    out: &Path,
    threads: Option<usize>,
    observer: &dyn BatchObserver,
) -> Result<(), MergeError> {
    let weights = weights(&plans);
    let mut numbers = Vec::with_capacity(weights.len());
    for (path, sha256) in parts {
        let part: Part = read_part(path, sha256)?;
        let units = part.sensitivity.map(|p| p.numbers).unwrap_or_default();
        for exact in units {
            let unit = numbers.len();
            let Some(&paths) = weights.get(unit) else {
                return Err(refuse(format!(
                    "{}: more units than the run has",
                    path.display()
                )));
            };
            exact
                .check(paths)
                .map_err(|why| refuse(format!("{}: unit {unit}: {why}", path.display())))?;
            numbers.push(exact);
        }
    }
    if numbers.len() != weights.len() {
        return Err(refuse(format!(
            "the parts hold {} units of the {} the run has",
            numbers.len(),
            weights.len()
        )));
    }
    let pool = engine::pool(threads).map_err(RunError::from)?;
    let mut numbers = numbers.into_iter();
    for plan in plans {
        observer.scenario_started(plan.scenario());
        let stats = numbers.by_ref().take(plan.units()).collect();
        let r = plan.assemble(stats);
        let dir = out.join(&r.scenario.stem);
        pool.install(|| sensitivity::write(&r, &dir))?;
        // The scenario's bar, counted in its paths, fills once it is written.
        observer.paths_done(r.scenario.simulation.paths);
    }
    Ok(())
}
