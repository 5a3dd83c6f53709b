//! `summary.json` and `verdicts.json` (with `--json`, docs/outputs.md): the
//! rows of the CSV files as arrays of objects, serialized from the same row
//! structs with JSON cells: numbers as JSON numbers, empty cells as null,
//! the `;`-separated lists as arrays.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::atomic::write_atomic;
use super::csv::{summary_rows, verdict_row};
use super::format::Json;
use super::{BatchExporter, BatchRow, Exporter, ScenarioReport};

/// Writes `value` pretty-printed, with a final newline.
pub fn write_json<T: Serialize + ?Sized>(path: &Path, value: &T) -> io::Result<()> {
    write_atomic(path, |w: &mut dyn Write| {
        serde_json::to_writer_pretty(&mut *w, value)?;
        w.write_all(b"\n")
    })
}

/// `summary.json` beside each `summary.csv`.
pub struct SummaryJson;

impl Exporter for SummaryJson {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join("summary.json");
        write_json(&path, &summary_rows::<Json>(&BatchRow::of(r)))?;
        Ok(vec![path])
    }
}

impl BatchExporter for SummaryJson {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        let path = out.join("summary.json");
        let all: Vec<_> = rows.iter().flat_map(summary_rows::<Json>).collect();
        write_json(&path, &all)?;
        Ok(vec![path])
    }
}

/// `verdicts.json` beside each `verdicts.csv`.
pub struct VerdictsJson;

impl Exporter for VerdictsJson {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join("verdicts.json");
        write_json(&path, &[verdict_row::<Json>(&BatchRow::of(r))])?;
        Ok(vec![path])
    }
}

impl BatchExporter for VerdictsJson {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        let path = out.join("verdicts.json");
        let all: Vec<_> = rows.iter().map(verdict_row::<Json>).collect();
        write_json(&path, &all)?;
        Ok(vec![path])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::csv::VerdictRow;
    use crate::report::format::Csv;
    use serde_json::{Value, json};

    fn report() -> ScenarioReport {
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
        ScenarioReport::new(s, agg)
    }

    #[test]
    fn cells_become_typed_values() {
        let r = report();
        let v = serde_json::to_value(verdict_row::<Json>(&BatchRow::of(&r))).unwrap();
        assert_eq!(v["paths"], json!(500));
        assert_eq!(v["seed"], json!(1));
        // floor = 2: a number column is a float whatever its value; the
        // counts above are integers.
        assert_eq!(v["floor"].to_string(), "2.0");
        assert!(v["paths"].is_u64() && v["floor"].is_f64());
        assert_eq!(v["agree"], json!(r.sim.agree));
        assert_eq!(v["employed"], json!(false));
        assert_eq!(v["not_reasons"], json!(["tired"]));
        assert_eq!(v["real_reasons"], json!([]));
        assert_eq!(v["scenario"], json!("x"));

        let empty = VerdictRow::<Json>::default();
        let v = serde_json::to_value(&empty).unwrap();
        assert_eq!(v["margin"], Value::Null);
        assert_eq!(v["runway_months"], Value::Null);
        assert_eq!(v["runner_up"], Value::Null);
        let mut row = VerdictRow::<Json> {
            runner_up: Some("walk"),
            tied_with: vec!["accept", "walk"].into(),
            margin: Some((-5000.0).into()),
            margin_se: Some(0.000015.into()),
            ..Default::default()
        };
        let text = serde_json::to_string(&row).unwrap();
        assert!(text.contains(r#""runner_up":"walk""#), "{text}");
        assert!(text.contains(r#""tied_with":["accept","walk"]"#), "{text}");
        // serde_json's float text.
        assert!(text.contains(r#""margin":-5000.0,"#), "{text}");
        assert!(text.contains(r#""margin_se":0.000015,"#), "{text}");
        row.margin = Some(f64::NAN.into());
        let v = serde_json::to_value(&row).unwrap();
        assert_eq!(v["margin"], Value::Null);
    }

    #[test]
    fn json_and_csv_rows_hold_the_same_numbers() {
        let r = BatchRow::of(&report());
        let json = serde_json::to_value(summary_rows::<Json>(&r)).unwrap();
        let csv = serde_json::to_value(summary_rows::<Csv>(&r)).unwrap();
        assert_eq!(json[3]["strategy"], "walk");
        for (j, c) in json.as_array().unwrap().iter().zip(csv.as_array().unwrap()) {
            for (k, cell) in c.as_object().unwrap() {
                let typed = &j[k];
                match cell {
                    Value::String(s) if typed.is_number() => {
                        assert_eq!(s.parse::<f64>().unwrap(), typed.as_f64().unwrap(), "{k}");
                    }
                    _ => assert_eq!(cell, typed, "{k}"),
                }
            }
        }
    }
}
