//! `summary.csv` and `verdicts.csv` (docs/outputs.md): flat rows, plain
//! decimals, no comment lines, so any CSV reader takes them as they are.
//!
//! Each file's columns are the fields of one row struct, in field order;
//! the JSON twins (see `json.rs`) serialize the same structs.

use std::borrow::Borrow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::atomic::write_atomic;
use super::format::{Cells, Csv, List, Num, cents, columns};
use super::{BatchExporter, BatchRow, Exporter, ScenarioReport};
use crate::model::Strategy;

/// The columns of [`SummaryRow`] left empty on accept's own row (null in
/// `summary.json`): each compares a strategy with accepting, and accept's
/// difference with itself is zero on every path, so it has no error, no
/// spread and no chance to beat itself.
pub const NONE_FOR_ACCEPT: [&str; 3] = ["diff_se", "diff_sd", "p_beats_accept"];

/// One row of `summary.csv` / `summary.json`: one strategy of one scenario.
#[derive(Debug, Default, Serialize)]
#[serde(bound = "")]
pub struct SummaryRow<'a, F: Cells> {
    pub scenario: &'a str,
    pub strategy: &'static str,
    pub paths: u64,
    pub seed: u64,
    pub value_mean: Num<F>,
    pub value_sd: Num<F>,
    pub value_se: Num<F>,
    pub value_p05: Num<F>,
    pub value_p10: Num<F>,
    pub value_p25: Num<F>,
    pub value_p50: Num<F>,
    pub value_p75: Num<F>,
    pub value_p90: Num<F>,
    pub value_p95: Num<F>,
    pub earnings_mean: Num<F>,
    pub earnings_p10: Num<F>,
    pub earnings_p50: Num<F>,
    pub earnings_p90: Num<F>,
    pub diff_mean: Num<F>,
    /// None for `accept` ([`NONE_FOR_ACCEPT`]).
    pub diff_se: Option<Num<F>>,
    /// None for `accept` ([`NONE_FOR_ACCEPT`]).
    pub p_beats_accept: Option<Num<F>>,
    pub p_runway_exhausted: Num<F>,
    pub p_distressed: Num<F>,
    pub p_reengaged: Num<F>,
    pub weeks_to_job_mean: Num<F>,
    pub weeks_to_job_p50: Num<F>,
    pub weeks_to_job_p90: Num<F>,
    pub comp_at_horizon_mean: Num<F>,
    pub comp_at_horizon_p50: Num<F>,
    pub earnings_sd: Num<F>,
    /// None for `accept` ([`NONE_FOR_ACCEPT`]).
    pub diff_sd: Option<Num<F>>,
    pub runway_eligible: bool,
    pub currency: &'a str,
    pub horizon_years: Num<F>,
}

/// One row of `verdicts.csv` / `verdicts.json`: one scenario.
#[derive(Debug, Default, Serialize)]
#[serde(bound = "")]
pub struct VerdictRow<'a, F: Cells> {
    pub scenario: &'a str,
    pub offer_comp: Num<F>,
    pub floor: Num<F>,
    pub gap: Num<F>,
    pub role_strength: Num<F>,
    pub quadrant: &'static str,
    /// None for an employed candidate.
    pub runway_months: Option<Num<F>>,
    pub rule_verdict: &'static str,
    pub sim_strategy: &'static str,
    pub sim_verdict: &'static str,
    pub margin: Option<Num<F>>,
    pub margin_se: Option<Num<F>>,
    pub tied_with: List<'static, F>,
    pub toss_up_with: List<'static, F>,
    pub agree: bool,
    pub anchor_cost: Num<F>,
    pub real_reasons: List<'static, F>,
    pub not_reasons: List<'static, F>,
    pub name: &'a str,
    pub employed: bool,
    pub runner_up: Option<&'static str>,
    pub anchor_cost_se: Num<F>,
    pub paths: u64,
    pub seed: u64,
    pub currency: &'a str,
    pub warnings: List<'static, F>,
}

/// The four rows of a scenario, in [`Strategy::ALL`] order.
pub fn summary_rows<F: Cells>(r: &BatchRow) -> Vec<SummaryRow<'_, F>> {
    Strategy::ALL
        .iter()
        .map(|&s| {
            let x = &r.summaries[s];
            let money = |v: f64| Num::from(cents(v));
            let [p05, p10, p25, p50, p75, p90, p95] = x.value_q.map(money);
            let [e10, e50, e90] = x.earnings_q.map(money);
            // Statistics of a strategy against accept do not exist for
            // accept itself: the columns of NONE_FOR_ACCEPT.
            let paired = |v: f64| (s != Strategy::Accept).then_some(v);
            SummaryRow {
                scenario: &r.scenario.stem,
                strategy: s.name(),
                paths: r.paths,
                seed: r.seed,
                value_mean: money(x.value_mean),
                value_sd: money(x.value_sd),
                value_se: money(x.value_se),
                value_p05: p05,
                value_p10: p10,
                value_p25: p25,
                value_p50: p50,
                value_p75: p75,
                value_p90: p90,
                value_p95: p95,
                earnings_mean: money(x.earnings_mean),
                earnings_p10: e10,
                earnings_p50: e50,
                earnings_p90: e90,
                diff_mean: money(x.diff_mean),
                diff_se: paired(x.diff_se).map(money),
                p_beats_accept: paired(x.p_beats_accept).map(Num::from),
                p_runway_exhausted: x.p_runway_exhausted.into(),
                p_distressed: x.p_distressed.into(),
                p_reengaged: x.p_reengaged.into(),
                weeks_to_job_mean: x.weeks_to_job_mean.into(),
                weeks_to_job_p50: x.weeks_to_job_p50.into(),
                weeks_to_job_p90: x.weeks_to_job_p90.into(),
                comp_at_horizon_mean: money(x.comp_at_horizon_mean),
                comp_at_horizon_p50: money(x.comp_at_horizon_p50),
                earnings_sd: money(r.earnings_sd[s]),
                diff_sd: paired(r.diff_sd[s]).map(money),
                runway_eligible: r.sim.eligible[s],
                currency: &r.scenario.currency,
                horizon_years: r.scenario.career.horizon_years.into(),
            }
        })
        .collect()
}

/// The scenario's one row.
pub fn verdict_row<F: Cells>(r: &BatchRow) -> VerdictRow<'_, F> {
    let s = &r.scenario;
    let names = |v: &[Strategy]| v.iter().map(|s| s.name()).collect::<Vec<_>>().into();
    VerdictRow {
        scenario: &s.stem,
        offer_comp: cents(s.offer_comp()).into(),
        floor: cents(s.candidate.floor).into(),
        gap: s.gap().into(),
        role_strength: s.role_strength().into(),
        quadrant: r.rule.quadrant.as_str(),
        runway_months: s.search_runway_months().map(Num::from),
        rule_verdict: r.rule.verdict.as_str(),
        sim_strategy: r.sim.strategy.name(),
        sim_verdict: r.sim.verdict.as_str(),
        margin: r.sim.margin.map(|m| cents(m).into()),
        margin_se: r.sim.margin_se.map(|m| cents(m).into()),
        tied_with: names(&r.sim.tied_with),
        toss_up_with: names(&r.sim.toss_up_with),
        agree: r.sim.agree,
        anchor_cost: cents(r.anchor_cost_mean).into(),
        real_reasons: r.rule.real_reasons.clone().into(),
        not_reasons: r.rule.not_reasons.clone().into(),
        name: &s.name,
        employed: s.candidate.employed,
        runner_up: r.sim.runner_up.map(|s| s.name()),
        anchor_cost_se: cents(r.anchor_cost_se).into(),
        paths: r.paths,
        seed: r.seed,
        currency: &s.currency,
        warnings: crate::scenario::warnings(s)
            .iter()
            .map(|w| w.code)
            .collect::<Vec<_>>()
            .into(),
    }
}

/// Writes `rows` of the row struct `T` under its header (written even when
/// there are no rows).
pub(crate) fn write_csv<T: Serialize + Default>(
    path: &Path,
    rows: impl IntoIterator<Item = impl Borrow<T>>,
) -> io::Result<()> {
    write_atomic(path, |w: &mut dyn Write| {
        let mut c = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(w);
        c.write_record(columns::<T>())?;
        for row in rows {
            c.serialize(row.borrow())?;
        }
        c.flush()
    })
}

/// `OUT/<scenario>/summary.csv` for each scenario and `OUT/summary.csv`
/// for the batch: the same rows, the batch's one scenario after another.
pub struct SummaryCsv;

impl Exporter for SummaryCsv {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join("summary.csv");
        write_csv::<SummaryRow<Csv>>(&path, summary_rows::<Csv>(&BatchRow::of(r)))?;
        Ok(vec![path])
    }
}

impl BatchExporter for SummaryCsv {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        let path = out.join("summary.csv");
        write_csv::<SummaryRow<Csv>>(&path, rows.iter().flat_map(summary_rows::<Csv>))?;
        Ok(vec![path])
    }
}

/// `OUT/<scenario>/verdicts.csv` for each scenario and `OUT/verdicts.csv`
/// for the batch.
pub struct VerdictsCsv;

impl Exporter for VerdictsCsv {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join("verdicts.csv");
        write_csv::<VerdictRow<Csv>>(&path, [verdict_row::<Csv>(&BatchRow::of(r))])?;
        Ok(vec![path])
    }
}

impl BatchExporter for VerdictsCsv {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        let path = out.join("verdicts.csv");
        write_csv::<VerdictRow<Csv>>(&path, rows.iter().map(verdict_row::<Csv>))?;
        Ok(vec![path])
    }
}

/// The header of `inputs.csv`: `scenario`, then every key's path in the
/// order of docs/scenario.md.
pub fn inputs_header() -> Vec<&'static str> {
    std::iter::once("scenario")
        .chain(crate::scenario::key_paths().iter().map(String::as_str))
        .collect()
}

/// One scenario's `inputs.csv` cells: its stem, then each key's value as a
/// scenario file writes it, text without its quotes, empty for a key left
/// out that has no value.
pub fn inputs_record(s: &crate::scenario::Scenario) -> Vec<String> {
    use crate::scenario::keys::{KEYS, Kind};
    let cells = crate::scenario::inputs(s)
        .into_iter()
        .zip(KEYS)
        .map(|(i, k)| match (k.kind, k.path().as_str()) {
            (Kind::Text { .. }, "name") => s.name.clone(),
            (Kind::Text { .. }, "currency") => s.currency.clone(),
            _ => i.value,
        });
    std::iter::once(s.stem.clone()).chain(cells).collect()
}

fn write_inputs<'s>(
    path: &Path,
    scenarios: impl IntoIterator<Item = &'s crate::scenario::Scenario>,
) -> io::Result<()> {
    write_atomic(path, |w: &mut dyn Write| {
        let mut c = ::csv::Writer::from_writer(w);
        c.write_record(inputs_header())?;
        for s in scenarios {
            c.write_record(inputs_record(s))?;
        }
        c.flush()
    })
}

/// `OUT/<scenario>/inputs.csv` and `OUT/inputs.csv`: every resolved input,
/// one row per scenario, to join `summary.csv` on `scenario`.
pub struct InputsCsv;

impl Exporter for InputsCsv {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join(INPUTS_CSV);
        write_inputs(&path, [&r.scenario])?;
        Ok(vec![path])
    }
}

impl BatchExporter for InputsCsv {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        let path = out.join(INPUTS_CSV);
        write_inputs(&path, rows.iter().map(|r| &r.scenario))?;
        Ok(vec![path])
    }
}

/// The name of the inputs table.
pub const INPUTS_CSV: &str = "inputs.csv";

#[cfg(test)]
mod tests {
    use super::*;

    fn line<T: Serialize>(row: &T) -> String {
        let mut c = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        c.serialize(row).unwrap();
        String::from_utf8(c.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn cells_are_plain_text() {
        let row = VerdictRow::<Csv> {
            scenario: "a",
            offer_comp: 1e21.into(),
            floor: 152000.0.into(),
            gap: 1.5e-7.into(),
            role_strength: (-0.0).into(),
            margin: Some((-0.25).into()),
            tied_with: vec!["accept", "walk"].into(),
            toss_up_with: vec!["counter_walk"].into(),
            name: "Offer, final",
            runner_up: Some("walk"),
            ..Default::default()
        };
        // Never the exponents of the csv crate's own floats; empty cells for
        // what is not there; a quoted comma.
        assert_eq!(
            line(&row),
            "a,1000000000000000000000,152000,0.00000015,0,,,,,,-0.25,,accept;walk,\
             counter_walk,false,0,,,\"Offer, final\",false,walk,0,0,0,,\n"
        );
    }

    /// The writer leaves empty on accept's row exactly the columns of
    /// [`NONE_FOR_ACCEPT`], and on every other row none.
    #[test]
    fn accept_leaves_empty_exactly_none_for_accept() {
        use crate::engine::{Plan, Quiet, pool, simulate};
        use crate::model::Params;
        use crate::report::ScenarioReport;
        use crate::report::format::Json;
        let s = crate::scenario::parse_str(
            "[offer]\nbase = 150000\n[candidate]\nfloor = 165000\nrunway_months = 6\n",
            Path::new("a.toml"),
        )
        .unwrap();
        let plan = Plan {
            paths: 200,
            seed: 3,
            charts: false,
        };
        let agg = simulate(&Params::new(&s), &plan, &pool(Some(1)).unwrap(), &Quiet).unwrap();
        let row = BatchRow::of(&ScenarioReport::new(s, agg));
        let rows = serde_json::to_value(summary_rows::<Json>(&row)).unwrap();
        for r in rows.as_array().unwrap() {
            let empty: Vec<&str> = r
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, v)| v.is_null())
                .map(|(k, _)| k.as_str())
                .collect();
            let mut expected: Vec<&str> = if r["strategy"] == "accept" {
                NONE_FOR_ACCEPT.to_vec()
            } else {
                Vec::new()
            };
            expected.sort_unstable();
            let mut empty = empty;
            empty.sort_unstable();
            assert_eq!(empty, expected, "{r}");
        }
    }

    #[test]
    fn the_header_is_the_field_order() {
        let h = columns::<SummaryRow<Csv>>();
        assert_eq!(h.len(), 34);
        assert_eq!(h[..4], ["scenario", "strategy", "paths", "seed"]);
        assert_eq!(h[31..], ["runway_eligible", "currency", "horizon_years"]);
        assert_eq!(columns::<VerdictRow<Csv>>()[24], "currency");
    }

    #[test]
    fn inputs_rows_match_the_header_and_read_as_written() {
        let s = crate::scenario::parse_str(
            "name = \"Acme, final\"\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\n\
             employed = true\n",
            Path::new("acme.toml"),
        )
        .unwrap();
        let h = inputs_header();
        let r = inputs_record(&s);
        assert_eq!(h.len(), r.len());
        let at = |k: &str| r[h.iter().position(|x| *x == k).unwrap()].as_str();
        assert_eq!(at("scenario"), "acme");
        assert_eq!(at("name"), "Acme, final");
        assert_eq!(at("currency"), "USD");
        assert_eq!(at("offer.base"), "150000");
        assert_eq!(at("candidate.runway_months"), "");
        assert_eq!(at("candidate.employed"), "true");
    }
}
