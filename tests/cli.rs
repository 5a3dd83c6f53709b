//! The real binary on the sample scenarios and on bad input.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use walkaway::model::Strategy;

mod common;
use common::{walkaway, write_file};

const SUMMARY_COLUMNS: &str = "scenario,strategy,paths,seed,value_mean,value_sd,value_se,\
value_p05,value_p10,value_p25,value_p50,value_p75,value_p90,value_p95,earnings_mean,\
earnings_p10,earnings_p50,earnings_p90,diff_mean,diff_se,p_beats_accept,p_runway_exhausted,\
p_distressed,p_reengaged,weeks_to_job_mean,weeks_to_job_p50,weeks_to_job_p90,\
comp_at_horizon_mean,comp_at_horizon_p50";

const VERDICT_COLUMNS: &str = "scenario,offer_comp,floor,gap,role_strength,quadrant,\
runway_months,rule_verdict,sim_strategy,sim_verdict,margin,margin_se,tied_with,toss_up_with,agree,\
anchor_cost,real_reasons,not_reasons";

fn sample_stems() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn run_writes_every_output_for_the_sample_scenarios() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args([
            "run",
            "scenarios",
            "--paths",
            "20000",
            "--no-charts",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("paths/s"));
    let stems = sample_stems();
    assert!(stems.len() >= 8);

    let summary = fs::read_to_string(out.path().join("summary.csv")).unwrap();
    let mut lines = summary.lines();
    assert!(lines.next().unwrap().starts_with(SUMMARY_COLUMNS));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), Strategy::COUNT * stems.len());
    for row in &rows {
        // Every statistic is a plain decimal: finite, no exponent.
        for field in row.split(',').skip(2).take(27) {
            // accept's own diff_se and p_beats_accept do not exist.
            if field.is_empty() && row.split(',').nth(1) == Some("accept") {
                continue;
            }
            assert!(!field.contains(['e', 'E']), "{field} in {row}");
            assert!(
                field.parse::<f64>().unwrap().is_finite(),
                "{field} in {row}"
            );
        }
    }

    let verdicts = fs::read_to_string(out.path().join("verdicts.csv")).unwrap();
    let mut lines = verdicts.lines();
    assert!(lines.next().unwrap().starts_with(VERDICT_COLUMNS));
    assert_eq!(lines.count(), stems.len());

    for stem in &stems {
        let dir = out.path().join(stem);
        let own = fs::read_to_string(dir.join("summary.csv")).unwrap();
        assert_eq!(own.lines().count(), 1 + Strategy::COUNT, "{stem}");
        assert!(
            own.lines()
                .skip(1)
                .all(|l| l.starts_with(&format!("{stem},")))
        );
        let report = fs::read_to_string(dir.join("report.md")).unwrap();
        assert!(report.contains("Rule of thumb"), "{stem}");
        assert!(report.contains("Mean value"), "{stem}");
        assert!(
            report.contains("## What the gap costs")
                || report.contains("## What the offer gains over your floor"),
            "{stem}"
        );
    }
}

#[test]
fn verdicts_of_the_sample_scenarios_follow_the_rule() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args([
            "run",
            "scenarios",
            "--paths",
            "5000",
            "--no-charts",
            "--quiet",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.path().join("verdicts.csv")).unwrap();
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let expected = [
        ("strong-small-gap", "strong_small", "TAKE"),
        ("strong-large-gap", "strong_large", "COUNTER_THEN_DECIDE"),
        ("weak-small-gap", "weak_small", "WALK"),
        ("weak-large-gap", "weak_large", "WALK"),
        ("short-runway", "weak_large", "TAKE"),
        ("middle-runway", "weak_large", "COUNTER_THEN_DECIDE"),
        ("employed", "strong_large", "COUNTER_THEN_DECIDE"),
        ("red-flag", "strong_small", "WALK"),
        ("above-floor", "strong_small", "TAKE"),
    ];
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    for (stem, quadrant, verdict) in expected {
        let row = rows
            .iter()
            .find(|x| &x[0] == stem)
            .unwrap_or_else(|| panic!("{stem}"));
        assert_eq!(&row[col("quadrant")], quadrant, "{stem}");
        assert_eq!(&row[col("rule_verdict")], verdict, "{stem}");
    }
    let red = rows.iter().find(|x| &x[0] == "red-flag").unwrap();
    assert_eq!(&red[col("real_reasons")], "red_flag");
    assert_eq!(&red[col("not_reasons")], "slow_process;tired");
}

#[test]
fn csv_is_byte_identical_across_thread_counts() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for (dir, threads) in [(&a, "1"), (&b, "2")] {
        walkaway()
            .args([
                "run",
                "scenarios",
                "--paths",
                "30000",
                "--seed",
                "11",
                "--no-charts",
                "--quiet",
            ])
            .args(["--threads", threads, "--out"])
            .arg(dir.path())
            .assert()
            .success();
    }
    for f in ["summary.csv", "verdicts.csv"] {
        let x = fs::read(a.path().join(f)).unwrap();
        let y = fs::read(b.path().join(f)).unwrap();
        assert!(x == y, "{f} differs between --threads 1 and 2");
    }
}

#[test]
fn seed_and_paths_flags_override_the_scenario() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args([
            "run",
            "scenarios/employed.toml",
            "--paths",
            "777",
            "--seed",
            "123",
            "--no-charts",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    let s = fs::read_to_string(out.path().join("employed/summary.csv")).unwrap();
    assert!(
        s.lines()
            .nth(1)
            .unwrap()
            .starts_with("employed,accept,777,123,")
    );
}

#[test]
fn check_accepts_the_samples_and_simulates_nothing() {
    walkaway()
        .args(["check", "scenarios"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ok: scenarios/strong-large-gap.toml",
        ));
}

#[test]
fn bad_scenarios_exit_2_name_file_and_key_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_file(
        dir.path(),
        "typo.toml",
        "[offer]\nbase = 100000\n[candidate]\nfloor = 120000\nrunway_month = 4\n",
    );
    let out = dir.path().join("out");
    walkaway()
        .args(["run", "--no-charts", "--out"])
        .arg(&out)
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "typo.toml: candidate.runway_month",
        ))
        .stderr(predicate::str::contains("did you mean `runway_months`"))
        .stderr(predicate::str::contains("panicked").not());
    assert!(!out.exists());
    walkaway().arg("check").arg(&bad).assert().code(2);
}

#[test]
fn a_batch_runs_the_good_files_and_still_fails() {
    let dir = tempfile::tempdir().unwrap();
    write_file(
        dir.path(),
        "bad.toml",
        "[offer]\nbase = -1\n[candidate]\nfloor = 1\nrunway_months = 1\n",
    );
    fs::copy("scenarios/employed.toml", dir.path().join("good.toml")).unwrap();
    let out = dir.path().join("out");
    walkaway()
        .args(["run", "--paths", "1000", "--no-charts", "--out"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml: offer.base: found -1"));
    assert!(out.join("good/summary.csv").exists());
    assert!(!out.join("bad").exists());
    let all = fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(all.lines().count(), 1 + Strategy::COUNT);
}

#[test]
fn bad_arguments_exit_2() {
    walkaway()
        .args(["run", "scenarios", "--paths", "0"])
        .assert()
        .code(2);
    walkaway()
        .args(["run", "scenarios", "--threads", "0"])
        .assert()
        .code(2);
    walkaway()
        .args(["run", "no/such/file.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    let empty = tempfile::tempdir().unwrap();
    walkaway()
        .arg("run")
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no .toml"));
}

#[test]
fn unwritable_output_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    walkaway()
        .args([
            "run",
            "scenarios/employed.toml",
            "--paths",
            "100",
            "--no-charts",
            "--out",
        ])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not-a-dir"));
}

// ------------------------------------------- closed and full stdout, stderr
//
// Rust ignores SIGPIPE, so a closed pipe is an error on every write, and
// `println!` would panic on it. A reader that closes early (`| head -1`) is
// not a failure: the rest of the results are dropped and the exit status is
// what it would otherwise be (0 here), as with ripgrep. A full stdout
// (`> /dev/full`) lost results: exit 1 and a message. A panic would be
// exit 101.

use std::process::{Command as Std, Output, Stdio};

fn bin() -> Std {
    let mut c = Std::new(env!("CARGO_BIN_EXE_walkaway"));
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

/// Runs `cmd` with its stdout a pipe that nobody reads: the reading end is
/// closed before the first write, as `| head` closes it after its line.
fn with_stdout_closed(mut cmd: Std) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

fn stderr_text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn small_run(out: &Path) -> Std {
    let mut c = bin();
    c.args(["run", "scenarios", "--paths", "500", "--no-charts", "--out"])
        .arg(out);
    c
}

fn all_written(out: &Path) {
    assert!(out.join("run.json").is_file());
    for stem in sample_stems() {
        assert!(out.join(&stem).join("summary.csv").is_file(), "{stem}");
    }
}

#[test]
fn check_into_a_closed_pipe_ends_quietly() {
    let mut c = bin();
    c.args(["check", "scenarios"]);
    let o = with_stdout_closed(c);
    let err = stderr_text(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(err, "", "a closed pipe is not worth a message");

    // A bad file is still reported and still bad input.
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "bad.toml", "[offer]\nbase = -1\n");
    let mut c = bin();
    c.arg("check").arg(dir.path());
    let o = with_stdout_closed(c);
    let err = stderr_text(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("bad.toml: offer.base"), "{err}");
    assert_eq!(o.status.code(), Some(2), "{err}");
}

#[test]
fn run_into_a_closed_pipe_still_writes_every_file() {
    let out = tempfile::tempdir().unwrap();
    let o = with_stdout_closed(small_run(out.path()));
    let err = stderr_text(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
    let wrote = format!("wrote {} scenarios to ", sample_stems().len());
    assert!(err.contains(&wrote), "{err}");
    all_written(out.path());
}

#[test]
fn run_with_stdout_and_stderr_into_a_closed_pipe_still_writes_every_file() {
    // `walkaway run DIR 2>&1 | head -1`, with head already gone.
    let out = tempfile::tempdir().unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = small_run(out.path())
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0), "101 would be a panic");
    all_written(out.path());
}

#[cfg(target_os = "linux")]
fn dev_full() -> fs::File {
    fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn check_to_a_full_stdout_exits_1_and_says_so() {
    let o = bin()
        .args(["check", "scenarios"])
        .stdout(dev_full())
        .output()
        .unwrap();
    let err = stderr_text(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        err,
        "error: cannot write to stdout: No space left on device (os error 28)\n"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn run_to_a_full_stdout_writes_every_file_and_exits_1() {
    let out = tempfile::tempdir().unwrap();
    let o = small_run(out.path()).stdout(dev_full()).output().unwrap();
    let err = stderr_text(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(1), "{err}");
    let last = err.lines().last().unwrap();
    assert_eq!(
        last,
        "error: cannot write to stdout: No space left on device (os error 28)"
    );
    // Said once, though every sample's table was lost.
    assert_eq!(err.matches("cannot write to stdout").count(), 1, "{err}");
    all_written(out.path());
}

#[cfg(target_os = "linux")]
#[test]
fn run_to_a_full_stderr_drops_the_chatter_and_keeps_the_results() {
    let out = tempfile::tempdir().unwrap();
    let o = small_run(out.path()).stderr(dev_full()).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "101 would be a panic");
    let stdout = String::from_utf8(o.stdout).unwrap();
    let n = sample_stems().len();
    assert_eq!(stdout.matches("Rule of thumb: ").count(), n, "{stdout}");
    all_written(out.path());
}

#[cfg(target_os = "linux")]
#[test]
fn help_and_completions_to_a_full_stdout_exit_1() {
    for args in [&["--help"][..], &["--version"], &["completions", "bash"]] {
        let o = bin().args(args).stdout(dev_full()).output().unwrap();
        let err = stderr_text(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("error: cannot write to stdout"), "{err}");
        // Into a closed pipe they end quietly.
        let mut c = bin();
        c.args(args);
        let o = with_stdout_closed(c);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr_text(&o));
        assert_eq!(stderr_text(&o), "", "{args:?}");
    }
}

#[test]
fn only_walkaways_own_temporary_files_are_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("employed")).unwrap();
    // A killed run's temporaries, and files of the same look that are not.
    for f in [".walkaway-tmp-Ab12Cd", "employed/.walkaway-tmp-x"] {
        fs::write(out.join(f), "half").unwrap();
    }
    for f in [".notes.txt.tmp-1", "employed/.summary.csv.tmp-9"] {
        fs::write(out.join(f), "mine").unwrap();
    }
    walkaway()
        .args([
            "run",
            "scenarios/employed.toml",
            "--paths",
            "100",
            "--no-charts",
            "-q",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    assert!(!out.join(".walkaway-tmp-Ab12Cd").exists());
    assert!(!out.join("employed/.walkaway-tmp-x").exists());
    assert!(out.join(".notes.txt.tmp-1").is_file());
    assert!(out.join("employed/.summary.csv.tmp-9").is_file());
}
