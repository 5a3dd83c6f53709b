//! Everything a run writes. Each kind of file is a small module behind
//! [`Exporter`] (a scenario's own files, written as soon as it is simulated)
//! or [`BatchExporter`] (the batch files, written at the end from the
//! [`BatchRow`] each scenario leaves behind); all files are written
//! atomically (a temporary name in the same folder, then a rename), so a
//! reader never sees half a file.

pub mod atomic;
pub mod charts;
pub mod csv;
pub mod format;
pub mod frontier_csv;
pub mod json;
pub mod manifest;
pub mod map_csv;
pub mod markdown;
pub mod paths;
pub mod stale;
pub mod terminal;
pub mod walkaway_block;

use std::io;
use std::path::{Path, PathBuf};

use crate::engine::Aggregate;
use crate::frontier::Frontier;
use crate::model::{PathOutcomes, PerStrategy, Strategy};
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
    /// The walk-away numbers: filled by the batch, None with `--no-frontier`.
    pub frontier: Option<Frontier>,
}

impl ScenarioReport {
    pub fn new(scenario: Scenario, aggregate: Aggregate) -> Self {
        let rule = rule_of_thumb(&scenario);
        let d = &scenario.decision;
        let sim = simulation_verdict(&aggregate, d.max_runway_risk, d.toss_up, rule.verdict);
        ScenarioReport {
            scenario,
            aggregate,
            rule,
            sim,
            first_paths: Vec::new(),
            frontier: None,
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

/// What the batch files need of one scenario, kept once its own files are
/// written and its [`ScenarioReport`] (sketches, fan, replayed paths) is
/// dropped: the numbers of its summary and verdict rows, and the scenario
/// and verdicts that `overview.png` and `run.json` read. A few kilobytes,
/// whatever the path count.
#[derive(Debug, Clone)]
pub struct BatchRow {
    pub scenario: Scenario,
    pub rule: RuleVerdict,
    pub sim: SimVerdict,
    pub paths: u64,
    pub seed: u64,
    pub summaries: PerStrategy<StrategySummary>,
    pub earnings_sd: PerStrategy<f64>,
    pub diff_sd: PerStrategy<f64>,
    pub anchor_cost_mean: f64,
    pub anchor_cost_se: f64,
    pub frontier: Option<Frontier>,
}

impl BatchRow {
    pub fn of(r: &ScenarioReport) -> Self {
        let a = &r.aggregate;
        BatchRow {
            scenario: r.scenario.clone(),
            rule: r.rule.clone(),
            sim: r.sim.clone(),
            paths: a.paths,
            seed: a.seed,
            summaries: PerStrategy::from_fn(|s| r.summary(s)),
            earnings_sd: PerStrategy::from_fn(|s| a.strategy(s).earnings.sd()),
            diff_sd: PerStrategy::from_fn(|s| a.strategy(s).diff.sd()),
            anchor_cost_mean: a.exact.anchor_cost.mean(),
            anchor_cost_se: a.exact.anchor_cost.se(),
            frontier: r.frontier.clone(),
        }
    }

    /// The folder of this scenario's own files.
    pub fn dir(&self, out: &Path) -> PathBuf {
        out.join(&self.scenario.stem)
    }
}

/// The files of the output folder itself, written at the end of a run from
/// the [`BatchRow`]s (`run.json` last of all). A scenario whose file stem
/// (its folder's name) is one of these, in any case, is refused when read.
pub const BATCH_FILES: &[&str] = &[
    "summary.csv",
    "verdicts.csv",
    "summary.json",
    "verdicts.json",
    frontier_csv::FRONTIER_CSV,
    frontier_csv::OFFER_BANDS_CSV,
    charts::OVERVIEW,
    manifest::RUN_JSON,
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

/// One kind of a scenario's own files, written into its folder `dir` as
/// soon as the scenario is simulated. `write` returns the files it wrote.
pub trait Exporter {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>>;
}

/// One kind of batch file, written into the output folder at the end of the
/// run from every scenario's [`BatchRow`]. `write` returns the files it
/// wrote.
pub trait BatchExporter {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>>;
}

/// The exporters of a scenario's own files, in the order they write: the
/// CSVs and the report always, then what the flags ask for.
pub fn exporters(flags: &manifest::RunManifest) -> Vec<Box<dyn Exporter + Sync>> {
    let mut v: Vec<Box<dyn Exporter + Sync>> = vec![
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
    if flags.per_path.is_some() {
        v.push(Box::new(paths::PathsCsv));
    }
    if flags.frontier {
        v.push(Box::new(frontier_csv::FrontierCsv));
        v.push(Box::new(frontier_csv::OfferBandsCsv));
    }
    v
}

/// The exporters of the batch files, in the order they write. The batch then
/// removes the optional files an earlier run left that this one does not
/// write ([`stale::Stale`]) and writes the manifest last, so a new `run.json`
/// appears only once every other file of the run has been written.
pub fn batch_exporters(flags: &manifest::RunManifest) -> Vec<Box<dyn BatchExporter + Sync>> {
    let mut v: Vec<Box<dyn BatchExporter + Sync>> =
        vec![Box::new(csv::SummaryCsv), Box::new(csv::VerdictsCsv)];
    if flags.charts {
        v.push(Box::new(charts::Overview));
    }
    if flags.json {
        v.push(Box::new(json::SummaryJson));
        v.push(Box::new(json::VerdictsJson));
    }
    if flags.frontier {
        v.push(Box::new(frontier_csv::FrontierCsv));
        v.push(Box::new(frontier_csv::OfferBandsCsv));
    }
    v
}
