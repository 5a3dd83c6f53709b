//! docs/outputs.md against what a run writes: the columns of each CSV file
//! are those of its row struct, in order, and every file and `run.json` key
//! of a real run has its line. A new column or file without a line in the
//! data dictionary fails here.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};
use walkaway::report::csv::{SummaryRow, VerdictRow};
use walkaway::report::format::{Csv, Json, columns};
use walkaway::report::frontier_csv::{FrontierRow, OfferBandRow};
use walkaway::report::map_csv::{RoleMapRow, RunwayMapRow};
use walkaway::report::paths::PathRow;

mod common;
use common::walkaway;

const DOC: &str = include_str!("../docs/outputs.md");

/// The first cells of the table rows of the `## ` section whose heading
/// holds `heading`: the documented names, in order.
fn documented(heading: &str) -> Vec<String> {
    let mut lines = DOC
        .lines()
        .skip_while(|l| !(l.starts_with("## ") && l.contains(heading)));
    assert!(
        lines.next().is_some(),
        "docs/outputs.md has no section {heading}"
    );
    lines
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("| `"))
        .map(|l| l[..l.find('`').expect("a closing backtick")].to_string())
        .collect()
}

#[test]
fn the_parser_reads_a_table_in_order() {
    let files = documented("Files");
    assert!(files.len() > 10, "{files:?}");
    assert_eq!(files[0], "summary.csv");
    assert!(files.contains(&"<scenario>/paths.csv".to_string()));
}

#[test]
fn every_csv_column_is_documented_in_order() {
    assert_eq!(
        documented("`summary.csv`"),
        columns::<SummaryRow<Csv>>(),
        "summary.csv"
    );
    assert_eq!(
        documented("`verdicts.csv`"),
        columns::<VerdictRow<Csv>>(),
        "verdicts.csv"
    );
    assert_eq!(
        documented("`frontier.csv`"),
        columns::<FrontierRow<Csv>>(),
        "frontier.csv"
    );
    assert_eq!(
        documented("`offer_bands.csv`"),
        columns::<OfferBandRow<Csv>>(),
        "offer_bands.csv"
    );
    assert_eq!(
        documented("`<scenario>/paths.csv`"),
        columns::<PathRow>(),
        "paths.csv"
    );
}

#[test]
fn every_map_column_is_documented_in_order() {
    assert_eq!(documented("`map_role.csv`"), columns::<RoleMapRow<Csv>>());
    assert_eq!(
        documented("`map_runway.csv`"),
        columns::<RunwayMapRow<Csv>>()
    );
}

#[test]
fn the_tornado_columns_are_documented_in_order() {
    assert_eq!(
        documented("`tornado.csv`"),
        columns::<walkaway::sensitivity::tornado::TornadoRow>(),
        "tornado.csv"
    );
}

#[test]
fn every_json_key_is_documented_in_order() {
    assert_eq!(documented("`summary.json`"), columns::<SummaryRow<Json>>());
    assert_eq!(documented("`verdicts.json`"), columns::<VerdictRow<Json>>());
}

/// Keys of a JSON value as the dictionary writes them: `outer.inner`, and
/// `outer[].inner` for the objects of an array.
fn flat_keys(v: &Value) -> Vec<String> {
    fn walk(v: &Value, prefix: Option<&str>, out: &mut Vec<String>) {
        let join = |k: &str| prefix.map_or(k.to_string(), |p| format!("{p}.{k}"));
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    walk(x, Some(&join(k)), out);
                }
            }
            Value::Array(a) if a.first().is_some_and(Value::is_object) => {
                let p = format!("{}[]", prefix.expect("a named array"));
                walk(&a[0], Some(&p), out);
            }
            _ => out.push(prefix.expect("a named value").to_string()),
        }
    }
    let mut out = Vec::new();
    walk(v, None, &mut out);
    out
}

fn files_under(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.insert(rel);
        }
    }
}

#[test]
fn every_file_and_manifest_key_of_a_run_is_documented() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args(["run", "scenarios/above-floor.toml", "--paths", "3000"])
        .args(["--json", "--per-path", "2", "--quiet", "--out"])
        .arg(out.path())
        .assert()
        .success();

    let mut written = BTreeSet::new();
    files_under(out.path(), out.path(), &mut written);
    let written: BTreeSet<String> = written
        .into_iter()
        .map(|f| f.replacen("above-floor/", "<scenario>/", 1))
        .collect();
    let listed: BTreeSet<String> = documented("Files").into_iter().collect();
    assert_eq!(written, listed, "files written vs files in docs/outputs.md");

    let manifest: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(flat_keys(&manifest), documented("`run.json`"));
    // `outputs` lists every file on disk but run.json, sorted, each with the
    // SHA-256 of its bytes.
    let listed: Vec<(String, String)> = manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["path"].as_str().unwrap().to_string(),
                o["sha256"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut on_disk = BTreeSet::new();
    files_under(out.path(), out.path(), &mut on_disk);
    on_disk.remove("run.json");
    let on_disk: Vec<(String, String)> = on_disk
        .into_iter()
        .map(|f| {
            let bytes = fs::read(out.path().join(&f)).unwrap();
            let hex: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (f, hex)
        })
        .collect();
    assert_eq!(listed, on_disk);

    // The files hold the struct's columns (the header and the JSON keys).
    let summary = fs::read_to_string(out.path().join("summary.csv")).unwrap();
    let header = summary.lines().next().unwrap();
    assert_eq!(header, documented("`summary.csv`").join(","));
    let json: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("verdicts.json")).unwrap())
            .unwrap();
    let keys: Vec<String> = json[0].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, documented("`verdicts.csv`"));
}
