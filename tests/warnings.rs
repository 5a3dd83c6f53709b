//! Plausibility warnings through the real binary: a floor typed in
//! thousands runs with a warning (exit 0) and is refused with `--strict`
//! (exit 2, nothing written for it).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::assert::Assert;
use predicates::prelude::*;

mod common;
use common::{walkaway, write_file};

const FLOOR_IN_THOUSANDS: &str =
    "[offer]\nbase = 150000\n[candidate]\nfloor = 155\nrunway_months = 6\n";

/// A small `walkaway run` of the floor typed in thousands, with `extra`
/// flags, into `dir/out`.
fn run_thousands(dir: &Path, extra: &[&str]) -> (Assert, PathBuf) {
    let file = write_file(dir, "thousands.toml", FLOOR_IN_THOUSANDS);
    let out = dir.join("out");
    let run = walkaway()
        .arg("run")
        .arg(&file)
        .args(["--paths", "500", "--no-charts", "--quiet"])
        .args(extra)
        .arg("--out")
        .arg(&out)
        .assert();
    (run, out)
}

#[test]
fn a_floor_in_thousands_warns_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (run, out) = run_thousands(dir.path(), &["--no-frontier"]);
    run.code(0)
        .stderr(predicate::str::contains("warning: "))
        .stderr(predicate::str::contains(
            "thousands.toml: candidate.floor: candidate.floor = 155 and offer.base = 150000 \
             differ by a factor of 968",
        ))
        .stderr(predicate::str::contains(
            "did you mean candidate.floor = 155000?",
        ));
    let verdicts = fs::read_to_string(out.join("verdicts.csv")).unwrap();
    let mut r = csv::Reader::from_reader(verdicts.as_bytes());
    let at = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "warnings")
        .unwrap();
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(&row[at], "floor_vs_base");
    let report = fs::read_to_string(out.join("thousands/report.md")).unwrap();
    assert!(
        report.contains("did you mean candidate.floor = 155000?"),
        "{report}"
    );
}

#[test]
fn strict_turns_the_warning_into_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (run, out) = run_thousands(dir.path(), &["--strict"]);
    run.code(2)
        .stderr(predicate::str::contains("error: "))
        .stderr(predicate::str::contains(
            "did you mean candidate.floor = 155000?",
        ))
        .stderr(predicate::str::contains("nothing was simulated"));
    assert!(!out.join("thousands").exists());
}

#[test]
fn a_plausible_scenario_passes_strict_without_a_word() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args([
            "run",
            "scenarios/above-floor.toml",
            "--paths",
            "500",
            "--no-charts",
        ])
        .args(["--no-frontier", "--quiet", "--strict", "--out"])
        .arg(out.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning").not());
}

#[test]
fn check_shows_the_warning_and_passes() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "thousands.toml", FLOOR_IN_THOUSANDS);
    walkaway()
        .arg("check")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ok: "))
        .stderr(predicate::str::contains("warning: "))
        .stderr(predicate::str::contains(
            "did you mean candidate.floor = 155000?",
        ));
}
