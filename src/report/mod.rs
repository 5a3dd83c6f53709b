//! Everything a run writes. Each exporter is a small module behind
//! [`Exporter`]; all files are written atomically (a temporary name in the
//! same folder, then a rename), so a reader never sees half a file.

pub mod atomic;
pub mod charts;
pub mod csv;
pub mod format;
pub mod json;
pub mod manifest;
pub mod markdown;
pub mod paths;
pub mod stale;
pub mod terminal;

use std::io;
use std::path::{Path, PathBuf};

use crate::engine::Aggregate;
use crate::model::{PathOutcomes, Strategy};
use crate::scenario::Scenario;
use crate::verdict::{RuleVerdict, SimVerdict, rule_of_thumb, simulation_verdict};

/// One simulated scenario with both verdicts: what every exporter reads.
#[derive(Debug, Clone)]
pub struct ScenarioReport {
    pub scenario: Scenario,
    pub aggregate: Aggregate,
    pub rule: RuleVerdict,
    pub sim: SimVerdict,
    /// The first paths of the run replayed one by one, for `paths.csv`:
    /// filled by the batch with `--per-path`, empty otherwise.
    pub first_paths: Vec<PathOutcomes>,
}

impl ScenarioReport {
    pub fn new(scenario: Scenario, aggregate: Aggregate) -> Self {
        let rule = rule_of_thumb(&scenario);
        let sim = simulation_verdict(&aggregate, scenario.decision.max_runway_risk, rule.verdict);
        ScenarioReport {
            scenario,
            aggregate,
            rule,
            sim,
            first_paths: Vec::new(),
        }
    }

    /// Summary statistics of one strategy, as `summary.csv` reports them.
    pub fn summary(&self, s: Strategy) -> StrategySummary {
        let a = &self.aggregate;
        let m = a.strategy(s);
        let sk = &a.sketches;
        let n = a.paths as f64;
        StrategySummary {
            strategy: s,
            value_mean: m.value.mean(),
            value_sd: m.value.sd(),
            value_se: m.value.se(),
            value_q: QUANTILES.map(|q| sk.value[s].quantile(q)),
            earnings_mean: m.earnings.mean(),
            earnings_q: [0.10, 0.50, 0.90].map(|q| sk.earnings[s].quantile(q)),
            diff_mean: m.diff.mean(),
            diff_se: m.diff.se(),
            p_beats_accept: m.beats_accept as f64 / n,
            p_runway_exhausted: m.runway_exhausted as f64 / n,
            p_distressed: m.distressed as f64 / n,
            p_reengaged: m.reengaged as f64 / n,
            weeks_to_job_mean: m.weeks_to_job.mean(),
            weeks_to_job_p50: sk.weeks_to_job[s].quantile(0.5),
            weeks_to_job_p90: sk.weeks_to_job[s].quantile(0.9),
            comp_at_horizon_mean: m.comp_at_horizon.mean(),
            comp_at_horizon_p50: sk.comp_at_horizon[s].quantile(0.5),
        }
    }

    /// The folder of this scenario's own files.
    pub fn dir(&self, out: &Path) -> PathBuf {
        out.join(&self.scenario.stem)
    }
}

/// The files a run may write in the `--out` folder itself, beside the
/// scenarios' folders. A scenario whose file stem (its folder's name) is
/// one of these, in any case, is refused when it is read.
pub const BATCH_FILES: &[&str] = &[
    "summary.csv",
    "summary.json",
    "verdicts.csv",
    "verdicts.json",
    "run.json",
    charts::OVERVIEW,
];

/// Quantiles of value reported in `summary.csv`.
pub const QUANTILES: [f64; 7] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];

#[derive(Debug, Clone, PartialEq)]
pub struct StrategySummary {
    pub strategy: Strategy,
    pub value_mean: f64,
    pub value_sd: f64,
    pub value_se: f64,
    /// At [`QUANTILES`].
    pub value_q: [f64; 7],
    pub earnings_mean: f64,
    /// P10, P50, P90.
    pub earnings_q: [f64; 3],
    pub diff_mean: f64,
    pub diff_se: f64,
    pub p_beats_accept: f64,
    pub p_runway_exhausted: f64,
    pub p_distressed: f64,
    pub p_reengaged: f64,
    pub weeks_to_job_mean: f64,
    pub weeks_to_job_p50: f64,
    pub weeks_to_job_p90: f64,
    pub comp_at_horizon_mean: f64,
    pub comp_at_horizon_p50: f64,
}

impl StrategySummary {
    pub fn value_p(&self, q: f64) -> f64 {
        let i = QUANTILES
            .iter()
            .position(|&x| x == q)
            .expect("a reported quantile");
        self.value_q[i]
    }
}

/// One kind of output. `write` returns the files it wrote.
pub trait Exporter {
    fn write(&self, reports: &[ScenarioReport], out: &Path) -> io::Result<Vec<PathBuf>>;
}

/// The exporters of the files a run writes, in the order they write: the
/// CSVs and reports always, then what the flags ask for. The batch then
/// removes the optional files an earlier run left that this one does not
/// write ([`stale::Stale`]) and writes the manifest last, so a new `run.json`
/// appears only once every other file of the run has been written.
pub fn exporters(flags: &manifest::RunManifest) -> Vec<Box<dyn Exporter>> {
    let mut v: Vec<Box<dyn Exporter>> = vec![
        Box::new(csv::SummaryCsv),
        Box::new(csv::VerdictsCsv),
        Box::new(markdown::MarkdownReport {
            charts: flags.charts,
        }),
    ];
    if flags.charts {
        v.push(Box::new(charts::Charts));
    }
    if flags.json {
        v.push(Box::new(json::SummaryJson));
        v.push(Box::new(json::VerdictsJson));
    }
    if let Some(n) = flags.per_path {
        v.push(Box::new(paths::PathsCsv { n }));
    }
    v
}
