//! `walkaway rerun` and a run into a folder an earlier run used, through
//! the real binary.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use predicates::prelude::*;

mod common;
use common::walkaway;

/// Every file under `dir`, by its path relative to `dir`, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A copy of a sample scenario (and the sample file it reads) in a folder
/// of its own, so the test can delete the scenario file.
fn copy_samples(to: &Path) {
    for f in ["market-data.toml", "employed.toml"] {
        fs::copy(Path::new("scenarios").join(f), to.join(f)).unwrap();
    }
    let text = fs::read_to_string(to.join("market-data.toml")).unwrap();
    for line in text.lines().filter(|l| l.contains("samples")) {
        let name = line.split('"').nth(1).unwrap();
        let from = Path::new("scenarios").join(name);
        fs::create_dir_all(to.join(name).parent().unwrap()).unwrap();
        fs::copy(from, to.join(name)).unwrap();
    }
}

#[test]
fn rerun_writes_the_same_bytes_without_the_scenario_files() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    let first = dir.path().join("first");
    walkaway()
        .current_dir(dir.path())
        .args([
            "run",
            "market-data.toml",
            "employed.toml",
            "--paths",
            "3000",
        ])
        .args([
            "--frontier-paths",
            "500",
            "--seed",
            "11",
            "--json",
            "--per-path",
            "3",
        ])
        .args(["--no-charts", "--quiet", "--out", "first"])
        .assert()
        .success();
    // The scenario files are gone; the sample file stays, as rerun reads it.
    fs::remove_file(dir.path().join("market-data.toml")).unwrap();
    fs::remove_file(dir.path().join("employed.toml")).unwrap();
    walkaway()
        .current_dir(dir.path())
        .args([
            "rerun",
            "first/run.json",
            "--threads",
            "1",
            "--quiet",
            "--out",
            "again",
        ])
        .assert()
        .success();
    let (a, b) = (files(&first), files(&dir.path().join("again")));
    assert!(
        a.keys().any(|k| k.ends_with("inputs.csv")),
        "{:?}",
        a.keys()
    );
    assert!(a.keys().filter(|k| k.ends_with(".csv")).count() >= 10);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs after rerun");
    }
}

#[test]
fn rerun_refuses_a_sample_file_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    walkaway()
        .current_dir(dir.path())
        .args(["run", "market-data.toml", "--paths", "500", "--no-charts"])
        .args(["--no-frontier", "--quiet", "--out", "first"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("market-data.toml")).unwrap();
    let name = text
        .lines()
        .find(|l| l.contains("samples"))
        .and_then(|l| l.split('"').nth(1))
        .unwrap()
        .to_string();
    let csv = dir.path().join(&name);
    let mut bytes = fs::read(&csv).unwrap();
    bytes.extend_from_slice(b"\n");
    fs::write(&csv, bytes).unwrap();
    walkaway()
        .current_dir(dir.path())
        .args(["rerun", "first/run.json", "--out", "again"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "first/run.json: scenario `market-data`",
        ))
        .stderr(predicate::str::contains("changed since the run"));
    assert!(!dir.path().join("again").exists());
}

#[test]
fn rerun_of_a_file_that_is_not_a_manifest_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("run.json");
    fs::write(&bad, "{\"outputs\": []}").unwrap();
    walkaway()
        .arg("rerun")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not a run.json that walkaway can rerun",
        ));
}

#[test]
fn a_smaller_run_into_the_same_folder_removes_the_earlier_scenarios() {
    let out = tempfile::tempdir().unwrap();
    let run = |files: &[&str]| {
        walkaway()
            .arg("run")
            .args(files)
            .args(["--paths", "500", "--no-frontier", "--quiet", "--out"])
            .arg(out.path())
            .assert()
            .success();
    };
    run(&[
        "scenarios/above-floor.toml",
        "scenarios/employed.toml",
        "scenarios/red-flag.toml",
    ]);
    // A file of the user's in one earlier folder keeps that folder.
    fs::write(out.path().join("red-flag/notes.txt"), "mine").unwrap();
    // A folder no run.json lists is not walkaway's to remove.
    fs::create_dir(out.path().join("other")).unwrap();
    fs::write(out.path().join("other/summary.csv"), "x").unwrap();
    run(&["scenarios/employed.toml"]);

    assert!(!out.path().join("above-floor").exists());
    assert!(out.path().join("employed/summary.csv").is_file());
    let left: Vec<String> = fs::read_dir(out.path().join("red-flag"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["notes.txt"]);
    assert!(out.path().join("other/summary.csv").is_file());
    // The batch files describe the one scenario there is.
    let summary = fs::read_to_string(out.path().join("summary.csv")).unwrap();
    assert!(summary.lines().skip(1).all(|l| l.starts_with("employed,")));
    let inputs = fs::read_to_string(out.path().join("inputs.csv")).unwrap();
    assert_eq!(inputs.lines().count(), 2);
}

#[test]
fn summary_joins_inputs_on_scenario() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args([
            "run",
            "scenarios/above-floor.toml",
            "scenarios/employed.toml",
        ])
        .args([
            "--paths",
            "500",
            "--no-frontier",
            "--no-charts",
            "--quiet",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    let read = |name: &str| {
        let mut r = csv::Reader::from_path(out.path().join(name)).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows)
    };
    let (ih, inputs) = read("inputs.csv");
    let (sh, summary) = read("summary.csv");
    assert_eq!(ih[0], "scenario");
    let col = |h: &[String], name: &str| h.iter().position(|x| x == name).unwrap();
    // Every summary row finds exactly one inputs row, whose currency and
    // horizon are the row's own.
    for row in &summary {
        let key = &row[col(&sh, "scenario")];
        let found: Vec<&Vec<String>> = inputs.iter().filter(|i| i[0] == *key).collect();
        assert_eq!(found.len(), 1, "{key}");
        assert_eq!(found[0][col(&ih, "currency")], row[col(&sh, "currency")]);
        assert_eq!(
            found[0][col(&ih, "career.horizon_years")],
            row[col(&sh, "horizon_years")]
        );
    }
    let employed = inputs.iter().find(|i| i[0] == "employed").unwrap();
    assert_eq!(employed[col(&ih, "candidate.employed")], "true");
    assert_eq!(employed[col(&ih, "candidate.runway_months")], "");
}
