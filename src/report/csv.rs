//! `summary.csv` and `verdicts.csv` (OUTPUTS.md): flat rows, plain decimals,
//! no comment lines, so any CSV reader takes them as they are.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::format::{plain, plain_opt};
use super::{Exporter, ScenarioReport};
use crate::model::Strategy;

pub const SUMMARY_COLUMNS: [&str; 32] = [
    "scenario",
    "strategy",
    "paths",
    "seed",
    "value_mean",
    "value_sd",
    "value_se",
    "value_p05",
    "value_p10",
    "value_p25",
    "value_p50",
    "value_p75",
    "value_p90",
    "value_p95",
    "earnings_mean",
    "earnings_p10",
    "earnings_p50",
    "earnings_p90",
    "diff_mean",
    "diff_se",
    "p_beats_accept",
    "p_runway_exhausted",
    "p_distressed",
    "p_reengaged",
    "weeks_to_job_mean",
    "weeks_to_job_p50",
    "weeks_to_job_p90",
    "comp_at_horizon_mean",
    "comp_at_horizon_p50",
    "earnings_sd",
    "diff_sd",
    "runway_eligible",
];

pub const VERDICT_COLUMNS: [&str; 24] = [
    "scenario",
    "offer_comp",
    "floor",
    "gap",
    "role_strength",
    "quadrant",
    "runway_months",
    "rule_verdict",
    "sim_strategy",
    "sim_verdict",
    "margin",
    "margin_se",
    "tied_with",
    "agree",
    "anchor_cost",
    "real_reasons",
    "not_reasons",
    "name",
    "employed",
    "runner_up",
    "anchor_cost_se",
    "paths",
    "seed",
    "currency",
];

pub fn summary_rows(r: &ScenarioReport) -> Vec<Vec<String>> {
    Strategy::ALL
        .iter()
        .map(|&s| {
            let x = r.summary(s);
            let m = r.aggregate.strategy(s);
            let mut row = vec![
                r.scenario.stem.clone(),
                s.name().to_string(),
                r.aggregate.paths.to_string(),
                r.aggregate.seed.to_string(),
                plain(x.value_mean),
                plain(x.value_sd),
                plain(x.value_se),
            ];
            row.extend(x.value_q.iter().map(|&v| plain(v)));
            row.push(plain(x.earnings_mean));
            row.extend(x.earnings_q.iter().map(|&v| plain(v)));
            row.extend(
                [
                    x.diff_mean,
                    x.diff_se,
                    x.p_beats_accept,
                    x.p_runway_exhausted,
                    x.p_distressed,
                    x.p_reengaged,
                    x.weeks_to_job_mean,
                    x.weeks_to_job_p50,
                    x.weeks_to_job_p90,
                    x.comp_at_horizon_mean,
                    x.comp_at_horizon_p50,
                    m.earnings.sd(),
                    m.diff.sd(),
                ]
                .map(plain),
            );
            row.push(r.sim.eligible[s].to_string());
            row
        })
        .collect()
}

pub fn verdict_row(r: &ScenarioReport) -> Vec<String> {
    let s = &r.scenario;
    let names = |v: &[Strategy]| v.iter().map(|s| s.name()).collect::<Vec<_>>().join(";");
    let anchor = &r.aggregate.exact.anchor_cost;
    vec![
        s.stem.clone(),
        plain(s.offer_comp()),
        plain(s.candidate.floor),
        plain(s.gap()),
        plain(s.role_strength()),
        r.rule.quadrant.as_str().into(),
        plain_opt(s.search_runway_months()),
        r.rule.verdict.as_str().into(),
        r.sim.strategy.name().into(),
        r.sim.verdict.as_str().into(),
        plain_opt(r.sim.margin),
        plain_opt(r.sim.margin_se),
        names(&r.sim.tied_with),
        r.sim.agree.to_string(),
        plain(anchor.mean()),
        r.rule.real_reasons.join(";"),
        r.rule.not_reasons.join(";"),
        s.name.clone(),
        s.candidate.employed.to_string(),
        r.sim.runner_up.map(|s| s.name()).unwrap_or("").into(),
        plain(anchor.se()),
        r.aggregate.paths.to_string(),
        r.aggregate.seed.to_string(),
        s.currency.clone(),
    ]
}

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    write_atomic(path, |w: &mut dyn Write| {
        let mut c = ::csv::Writer::from_writer(w);
        c.write_record(header)?;
        for row in rows {
            c.write_record(row)?;
        }
        c.flush()
    })
}

/// Writes `OUT/<scenario>/NAME` with each scenario's rows, then `OUT/NAME`
/// with all of them, each file with `write_table` (CSV or JSON).
pub(crate) fn write_per_scenario_and_batch(
    reports: &[ScenarioReport],
    out: &Path,
    name: &str,
    header: &[&str],
    rows_of: impl Fn(&ScenarioReport) -> Vec<Vec<String>>,
    write_table: impl Fn(&Path, &[&str], &[Vec<String>]) -> io::Result<()>,
) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let mut all = Vec::new();
    for r in reports {
        let rows = rows_of(r);
        let path = r.dir(out).join(name);
        write_table(&path, header, &rows)?;
        written.push(path);
        all.extend(rows);
    }
    let path = out.join(name);
    write_table(&path, header, &all)?;
    written.push(path);
    Ok(written)
}

/// `OUT/summary.csv` for the batch and `OUT/<scenario>/summary.csv` each.
pub struct SummaryCsv;

impl Exporter for SummaryCsv {
    fn write(&self, reports: &[ScenarioReport], out: &Path) -> io::Result<Vec<PathBuf>> {
        write_per_scenario_and_batch(
            reports,
            out,
            "summary.csv",
            &SUMMARY_COLUMNS,
            summary_rows,
            write_csv,
        )
    }
}

/// `OUT/verdicts.csv` for the batch and `OUT/<scenario>/verdicts.csv` each.
pub struct VerdictsCsv;

impl Exporter for VerdictsCsv {
    fn write(&self, reports: &[ScenarioReport], out: &Path) -> io::Result<Vec<PathBuf>> {
        write_per_scenario_and_batch(
            reports,
            out,
            "verdicts.csv",
            &VERDICT_COLUMNS,
            |r| vec![verdict_row(r)],
            write_csv,
        )
    }
}
