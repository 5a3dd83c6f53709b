//! `walkaway sensitivity` through the real binary: its files and their
//! rows, the same bytes for any thread count, bad arguments and Ctrl-C.
//! (The tornado's own rows are checked in tests/tornado.rs.)

use std::fs;
use std::path::Path;

use walkaway::model::Strategy;

mod common;
use common::{files_left, files_under, interrupt_midway, walkaway, write_file};

const ROLE_HEADER: &str = "c0_over_floor,role_strength,pick,verdict,rule_verdict,tied";
const RUNWAY_HEADER: &str = "c0_over_floor,runway_months,pick,verdict,rule_verdict,tied";

/// Runs the two samples (one employed, one not) into `out`.
fn sensitivity(out: &Path, threads: &str) {
    walkaway()
        .args([
            "sensitivity",
            "scenarios/employed.toml",
            "scenarios/short-runway.toml",
            "--paths",
            "2000",
            "--map-paths",
            "300",
            "--quiet",
            "--threads",
            threads,
            "--out",
        ])
        .arg(out)
        .assert()
        .success();
}

/// Checks a map CSV: its header, one row per cell in x-major order over
/// the documented axes, and cells that are consistent in themselves.
fn check_map(path: &Path, header: &str, ys: &[f64]) {
    let text = fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(header), "{}", path.display());
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 41 * ys.len(), "{}", path.display());
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 6, "{row:?}");
        let x: f64 = row[0].parse().unwrap();
        let y: f64 = row[1].parse().unwrap();
        assert!(
            (x - (0.70 + 0.01 * (k / ys.len()) as f64)).abs() < 1e-12,
            "{row:?}"
        );
        assert_eq!(y, ys[k % ys.len()], "{row:?}");
        let pick = Strategy::ALL
            .into_iter()
            .find(|s| s.name() == row[2])
            .unwrap_or_else(|| panic!("not a strategy: {row:?}"));
        assert_eq!(row[3], pick.class().as_str(), "{row:?}");
        assert!(
            ["TAKE", "COUNTER_THEN_DECIDE", "WALK"].contains(&row[4]),
            "{row:?}"
        );
        for t in row[5].split(';').filter(|t| !t.is_empty()) {
            assert!(Strategy::ALL.iter().any(|s| s.name() == t), "{row:?}");
            assert_ne!(t, row[2], "the pick is not tied with itself: {row:?}");
        }
    }
}

#[test]
fn writes_both_maps_for_the_unemployed_and_one_for_the_employed_the_same_for_any_threads() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    sensitivity(one.path(), "1");
    sensitivity(two.path(), "2");
    let names = |d: &Path| -> Vec<String> {
        files_under(d)
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        names(one.path()),
        [
            "employed/map_role.csv",
            "employed/map_role.png",
            "employed/tornado.csv",
            "employed/tornado.png",
            "short-runway/map_role.csv",
            "short-runway/map_role.png",
            "short-runway/map_runway.csv",
            "short-runway/map_runway.png",
            "short-runway/tornado.csv",
            "short-runway/tornado.png",
        ]
    );
    assert_eq!(names(one.path()), names(two.path()));
    for (a, b) in files_under(one.path()).iter().zip(files_under(two.path())) {
        assert!(
            fs::read(a).unwrap() == fs::read(&b).unwrap(),
            "{} differs between one and two threads",
            a.display()
        );
    }
    let role: Vec<f64> = (0..21).map(|k| k as f64 / 20.0).collect();
    let runway: Vec<f64> = (0..25).map(|k| k as f64 / 2.0).collect();
    check_map(
        &one.path().join("employed/map_role.csv"),
        ROLE_HEADER,
        &role,
    );
    check_map(
        &one.path().join("short-runway/map_role.csv"),
        ROLE_HEADER,
        &role,
    );
    check_map(
        &one.path().join("short-runway/map_runway.csv"),
        RUNWAY_HEADER,
        &runway,
    );
    // Runway at most 3 months: the rule says TAKE whatever the offer.
    let text = fs::read_to_string(one.path().join("short-runway/map_runway.csv")).unwrap();
    for row in text.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        let months: f64 = cells[1].parse().unwrap();
        if months <= 3.0 {
            assert_eq!(cells[4], "TAKE", "{row}");
        }
    }
}

#[test]
fn a_runway_map_left_by_an_earlier_run_goes_when_the_candidate_is_employed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    fs::create_dir_all(out.join("employed")).unwrap();
    fs::write(out.join("employed/map_runway.csv"), "old").unwrap();
    fs::write(out.join("employed/map_runway.png"), "old").unwrap();
    walkaway()
        .args([
            "sensitivity",
            "scenarios/employed.toml",
            "--paths",
            "300",
            "--quiet",
            "--out",
        ])
        .arg(out)
        .assert()
        .success();
    assert!(out.join("employed/map_role.csv").exists());
    assert!(!out.join("employed/map_runway.csv").exists());
    assert!(!out.join("employed/map_runway.png").exists());
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let cases: [&[&str]; 6] = [
        &["--map-paths", "0"],
        &["--map-paths", "many"],
        &["--threads", "0"],
        &["--paths", "-5"],
        &["--vary", "x=1..2:3"],
        &["--seed"],
    ];
    for extra in cases {
        walkaway()
            .args(["sensitivity", "scenarios/employed.toml"])
            .args(extra)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2);
    }
    walkaway()
        .args(["sensitivity", "no/such/file.toml", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no/such/file.toml"));
    walkaway().args(["sensitivity"]).assert().code(2);
    let bad = write_file(
        dir.path(),
        "bad.toml",
        "[offer]\nbase = 100000\n[candidate]\nfloor = -3\n",
    );
    walkaway()
        .args(["sensitivity"])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("candidate.floor"));
    assert!(!out.exists(), "nothing written for bad input");
}

#[cfg(unix)]
#[test]
fn ctrl_c_exits_130_and_leaves_no_file() {
    let run = interrupt_midway(
        &[
            "sensitivity",
            "scenarios/short-runway.toml",
            "--paths",
            "1000000000",
            "--map-paths",
            "1000000000",
        ],
        "-INT",
    );
    let stderr = &run.stderr;
    assert_eq!(run.code, Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let left = files_left(&run.out);
    assert!(left.is_empty(), "{left:?}");
}
