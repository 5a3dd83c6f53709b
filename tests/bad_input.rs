//! Bad input never crashes, never misleads, never leaves files: a corpus of
//! broken scenarios, extreme but valid ones, and interrupted runs.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use predicates::prelude::*;
use walkaway::scenario::keys::KEYS;

mod common;
use common::{files_left, files_under, walkaway};

fn corpus() -> Vec<(PathBuf, String)> {
    let dir = Path::new("tests/bad");
    fs::read_to_string(dir.join("expected.tsv"))
        .unwrap()
        .lines()
        .map(|l| {
            let (file, expect) = l.split_once('\t').unwrap();
            (dir.join(file), expect.to_string())
        })
        .collect()
}

#[test]
fn every_bad_scenario_exits_2_names_file_and_place_and_writes_nothing() {
    let cases = corpus();
    assert!(cases.len() >= 40, "the corpus has {} files", cases.len());
    for (file, expect) in cases {
        let out = tempfile::tempdir().unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let assert = walkaway()
            .args(["run", "--no-charts", "--out"])
            .arg(out.path().join("o"))
            .arg(&file)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.contains(&name),
            "{name}: stderr does not name the file:\n{stderr}"
        );
        assert!(
            stderr.contains(&format!(": {expect}")),
            "{name}: stderr does not name `{expect}`:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}:\n{stderr}");
        // Each mistake once: no place of the file is named twice, and a key
        // is never called unknown when it is known.
        let places: Vec<&str> = stderr
            .lines()
            .filter_map(|l| l.strip_prefix("error: "))
            .filter_map(|l| l.split(": ").nth(1))
            .collect();
        let mut unique = places.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), places.len(), "{name}:\n{stderr}");
        for place in places {
            let known = KEYS.iter().any(|k| k.path() == place);
            assert!(
                !known || !stderr.contains(&format!("{place}: unknown key")),
                "{name}: the known key {place} is called unknown:\n{stderr}"
            );
        }
        assert!(
            files_left(out.path()).is_empty(),
            "{name} wrote {:?}",
            files_left(out.path())
        );
        walkaway().arg("check").arg(&file).assert().code(2);
    }
}

#[test]
fn a_batch_reports_every_bad_file_together() {
    let out = tempfile::tempdir().unwrap();
    let assert = walkaway()
        .args(["run", "tests/bad", "--no-charts", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for (file, _) in corpus() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            stderr.contains(&name),
            "{name} missing from the batch report"
        );
    }
    assert!(files_left(out.path()).is_empty());
}

#[test]
fn fail_fast_runs_nothing_when_one_file_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("scenarios/employed.toml", dir.path().join("good.toml")).unwrap();
    fs::copy(
        "tests/bad/01-syntax-equals.toml",
        dir.path().join("bad.toml"),
    )
    .unwrap();
    let out = dir.path().join("out");
    walkaway()
        .args([
            "run",
            "--fail-fast",
            "--paths",
            "100",
            "--no-charts",
            "--out",
        ])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .code(2);
    assert!(files_left(&out).is_empty());
}

#[test]
fn two_files_with_the_same_stem_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("a")).unwrap();
    fs::create_dir(dir.path().join("b")).unwrap();
    fs::copy("scenarios/employed.toml", dir.path().join("a/same.toml")).unwrap();
    fs::copy("scenarios/red-flag.toml", dir.path().join("b/same.toml")).unwrap();
    walkaway()
        .args(["check"])
        .arg(dir.path().join("a"))
        .arg(dir.path().join("b"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("same output folder `same/`"));
}

fn summary_rows(out: &Path, stem: &str) -> Vec<Vec<f64>> {
    let text = fs::read_to_string(out.join(stem).join("summary.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            l.split(',')
                .skip(2)
                .take(27)
                // accept's own diff_se and p_beats_accept are empty cells:
                // read as 0 here, the value they stood for before.
                .map(|x| {
                    if x.is_empty() {
                        0.0
                    } else {
                        x.parse::<f64>().unwrap()
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn extreme_but_valid_inputs_give_sensible_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| fs::write(dir.path().join(name), body).unwrap();
    let m = "[offer]\nbase = 90000\n[candidate]\nfloor = 100000\n";
    write(
        "one-path.toml",
        &format!("{m}runway_months = 6\n[simulation]\npaths = 1\n"),
    );
    write(
        "forty-years.toml",
        &format!("{m}runway_months = 6\n[career]\nhorizon_years = 40\n"),
    );
    write("no-runway.toml", &format!("{m}runway_months = 0\n"));
    write(
        "soft-market.toml",
        &format!("{m}runway_months = 6\n[market]\nsoftness = 10\n"),
    );
    write(
        "all-fixed.toml",
        &format!(
            "{m}runway_months = 6\n[market]\nsearch_weeks = 8\noffer = 1.0\nfit = 0.5\n\
             [counter]\nmeet = 0.5\n[reengage]\nprobability = 0.2\nmonths = 12\nuplift = 0.1\n\
             [career]\nraise = 0.03\ntenure_years = 3\njob_change_bump = 0.15\n\
             [distress]\noffer = 0.8\nweeks = 4\nfit = 0.3\n"
        ),
    );
    let out = dir.path().join("out");
    walkaway()
        .args(["run", "--paths", "5000", "--no-charts", "--quiet", "--out"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success();
    // --paths overrides the file; the one-path file on its own:
    walkaway()
        .args(["run", "--no-charts", "--quiet", "--out"])
        .arg(dir.path().join("single"))
        .arg(dir.path().join("one-path.toml"))
        .assert()
        .success();
    let single = summary_rows(&dir.path().join("single"), "one-path");
    for row in &single {
        assert_eq!(row[0], 1.0, "one path");
        // Columns after scenario and strategy: paths, seed, value_mean,
        // value_sd, value_se, then the seven value quantiles.
        assert_eq!(row[3], 0.0, "sd of one value is reported as 0");
        // Every quantile of one value is that value.
        assert!(row[5..12].iter().all(|&q| q == row[2]), "{row:?}");
    }
    for stem in ["forty-years", "no-runway", "soft-market", "all-fixed"] {
        for row in summary_rows(&out, stem) {
            assert!(row.iter().all(|x| x.is_finite()), "{stem}: {row:?}");
            // p_beats_accept .. p_reengaged are probabilities.
            assert!(
                row[18..22].iter().all(|p| (0.0..=1.0).contains(p)),
                "{stem}: {row:?}"
            );
        }
    }
    // Forty years of pay at about 90k: value of accept well above 2M.
    let forty = summary_rows(&out, "forty-years");
    assert!(forty[0][2] > 2.0e6, "{:?}", forty[0]);
    // Runway 0: walking exhausts the runway on every path that does not get
    // a job at t = 0, that is on all of them.
    let none = summary_rows(&out, "no-runway");
    assert_eq!(none[3][19], 1.0, "walk p_runway_exhausted with no runway");
    assert_eq!(none[0][19], 0.0, "accept never runs out");
}

/// A long run of a sample, interrupted midway by `signal`.
#[cfg(unix)]
fn interrupt_midway(signal: &str) -> common::Interrupted {
    common::interrupt_midway(
        &[
            "run",
            "scenarios/strong-large-gap.toml",
            "--paths",
            "1000000000",
            "--no-charts",
        ],
        signal,
    )
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_within_a_second_and_leaves_no_file() {
    let run = interrupt_midway("-INT");
    let (stderr, took) = (&run.stderr, run.took);
    assert_eq!(run.code, Some(130), "{stderr}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    let left = files_left(&run.out);
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn a_killed_run_leaves_no_file() {
    let run = interrupt_midway("-KILL");
    assert_eq!(run.code, None, "killed by a signal");
    let left = files_left(&run.out);
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn stale_temporaries_of_a_killed_run_are_removed_and_old_outputs_kept_until_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("employed")).unwrap();
    fs::write(out.join(".walkaway-tmp-a1b2c3"), "half").unwrap();
    fs::write(out.join("employed/.walkaway-tmp-d4e5f6"), "half").unwrap();
    walkaway()
        .args([
            "run",
            "scenarios/employed.toml",
            "--paths",
            "100",
            "--no-charts",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let names: Vec<String> = files_under(&out)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".walkaway-tmp-")),
        "{names:?}"
    );
    assert!(names.contains(&"summary.csv".to_string()));
}
