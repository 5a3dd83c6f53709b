//! `summary.json` and `verdicts.json` (with `--json`): the rows of the CSV
//! files as arrays of objects, numbers as JSON numbers, empty cells as
//! null, and the `;`-separated lists as arrays. Built from the very cells
//! the CSV writer uses, so the two can never disagree.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Number, Value};

use super::atomic::write_atomic;
use super::csv::{
    SUMMARY_COLUMNS, VERDICT_COLUMNS, summary_rows, verdict_row, write_per_scenario_and_batch,
};
use super::{Exporter, ScenarioReport};

/// Columns holding words rather than numbers.
const TEXT: [&str; 8] = [
    "scenario",
    "strategy",
    "quadrant",
    "rule_verdict",
    "sim_strategy",
    "sim_verdict",
    "name",
    "currency",
];
/// Columns holding `;`-separated lists in the CSV.
const LISTS: [&str; 3] = ["tied_with", "real_reasons", "not_reasons"];
const BOOLS: [&str; 3] = ["runway_eligible", "agree", "employed"];

/// One CSV cell as the JSON value it stands for.
fn typed(column: &str, cell: &str) -> Value {
    if TEXT.contains(&column) || column == "runner_up" && !cell.is_empty() {
        return Value::String(cell.into());
    }
    if LISTS.contains(&column) {
        return Value::Array(
            cell.split(';')
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.into()))
                .collect(),
        );
    }
    if BOOLS.contains(&column) {
        return Value::Bool(cell == "true");
    }
    if cell.is_empty() {
        return Value::Null;
    }
    // Counts and seeds stay exact integers (a seed can exceed 2^53).
    if let Ok(n) = cell.parse::<u64>() {
        return Value::Number(n.into());
    }
    let x: f64 = cell
        .parse()
        .unwrap_or_else(|_| panic!("column {column}: `{cell}` is not a number"));
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

fn objects(header: &[&str], rows: &[Vec<String>]) -> Value {
    Value::Array(
        rows.iter()
            .map(|row| {
                let m: Map<String, Value> = header
                    .iter()
                    .zip(row)
                    .map(|(h, c)| (h.to_string(), typed(h, c)))
                    .collect();
                Value::Object(m)
            })
            .collect(),
    )
}

pub fn write_json(path: &Path, value: &Value) -> io::Result<()> {
    write_atomic(path, |w: &mut dyn Write| {
        serde_json::to_writer_pretty(&mut *w, value)?;
        w.write_all(b"\n")
    })
}

fn write_table(path: &Path, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    write_json(path, &objects(header, rows))
}

/// `summary.json` beside each `summary.csv`.
pub struct SummaryJson;

impl Exporter for SummaryJson {
    fn write(&self, reports: &[ScenarioReport], out: &Path) -> io::Result<Vec<PathBuf>> {
        write_per_scenario_and_batch(
            reports,
            out,
            "summary.json",
            &SUMMARY_COLUMNS,
            summary_rows,
            write_table,
        )
    }
}

/// `verdicts.json` beside each `verdicts.csv`.
pub struct VerdictsJson;

impl Exporter for VerdictsJson {
    fn write(&self, reports: &[ScenarioReport], out: &Path) -> io::Result<Vec<PathBuf>> {
        write_per_scenario_and_batch(
            reports,
            out,
            "verdicts.json",
            &VERDICT_COLUMNS,
            |r| vec![verdict_row(r)],
            write_table,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_become_typed_values() {
        assert_eq!(typed("paths", "100000"), Value::from(100000u64));
        assert_eq!(typed("seed", "18446744073709551615"), Value::from(u64::MAX));
        assert_eq!(typed("value_mean", "812345.25"), Value::from(812345.25));
        assert_eq!(typed("margin", ""), Value::Null);
        assert_eq!(typed("runner_up", ""), Value::Null);
        assert_eq!(typed("runner_up", "walk"), Value::from("walk"));
        assert_eq!(typed("agree", "false"), Value::Bool(false));
        assert_eq!(
            typed("tied_with", "accept;walk"),
            serde_json::json!(["accept", "walk"])
        );
        assert_eq!(typed("real_reasons", ""), serde_json::json!([]));
        assert_eq!(typed("scenario", "2024"), Value::from("2024"));
    }

    #[test]
    fn every_column_of_a_real_report_has_a_type() {
        // A new CSV column holding text must be listed above, or typed()
        // would take it for a number and panic: caught here, not in a run.
        use crate::engine::{Quiet, pool, simulate};
        use crate::model::Params;
        let s = crate::scenario::parse_str(
            "[offer]\nbase = 1\n[candidate]\nfloor = 2\nrunway_months = 4\n\
             [reasons]\ntired = true\n",
            Path::new("x.toml"),
        )
        .unwrap();
        let agg = simulate(
            &Params::new(&s),
            &crate::engine::Plan {
                paths: 500,
                seed: 1,
                charts: false,
            },
            &pool(Some(1)).unwrap(),
            &Quiet,
        )
        .unwrap();
        let r = ScenarioReport::new(s, agg);
        let summary = objects(&SUMMARY_COLUMNS, &summary_rows(&r));
        let verdicts = objects(&VERDICT_COLUMNS, &[verdict_row(&r)]);
        assert_eq!(summary[3]["strategy"], "walk");
        assert!(summary[3]["p_beats_accept"].is_number());
        assert_eq!(verdicts[0]["not_reasons"], serde_json::json!(["tired"]));
        assert!(verdicts[0]["agree"].is_boolean());
        assert!(verdicts[0]["anchor_cost"].is_number());
    }
}
