//! Everyday use through the real binary: init, the terminal summary,
//! progress on a pipe, --json, run.json, --per-path, help and completions.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use walkaway::model::Strategy;

mod common;
use common::{read_csv, write_file};

fn walkaway() -> Command {
    let mut c = common::walkaway();
    // Whatever the developer's shell sets, the tests see a plain pipe.
    c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

const TEMPLATE: &str = include_str!("../src/scenario/template.toml");

fn abs(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

// ---------------------------------------------------------------- init

#[test]
fn init_writes_the_template_that_check_accepts_and_run_runs() {
    let dir = tempfile::tempdir().unwrap();
    let a = walkaway()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success();
    assert!(stderr_of(&a).contains("wrote scenario.toml"));
    let written = fs::read_to_string(dir.path().join("scenario.toml")).unwrap();
    assert_eq!(written, TEMPLATE);

    walkaway()
        .current_dir(dir.path())
        .args(["check", "scenario.toml"])
        .assert()
        .success()
        .stdout("ok: scenario.toml\n");
    walkaway()
        .current_dir(dir.path())
        .args(["run", "scenario.toml", "--paths", "2000", "--no-charts"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Rule of thumb: COUNTER_THEN_DECIDE",
        ));
    assert!(dir.path().join("output/scenario/summary.csv").is_file());
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.toml");
    fs::write(&path, "my own scenario\n").unwrap();
    walkaway()
        .arg("init")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("acme.toml: already exists"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "my own scenario\n");

    walkaway()
        .arg("init")
        .arg(&path)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&path).unwrap(), TEMPLATE);
    // No temporary file is left beside it.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn init_refuses_a_folder_and_reports_an_unwritable_path() {
    let dir = tempfile::tempdir().unwrap();
    walkaway()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
    let missing = dir.path().join("no-such-folder/offer.toml");
    walkaway()
        .arg("init")
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-folder"));
    assert!(!missing.exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

// ------------------------------------------------ summary, progress, colour

#[test]
fn run_on_a_pipe_prints_the_table_without_escapes_or_progress() {
    let out = tempfile::tempdir().unwrap();
    let a = walkaway()
        // A colour-capable terminal type must not matter: stdout is a pipe.
        .env("TERM", "xterm-256color")
        .args([
            "run",
            "scenarios/strong-small-gap.toml",
            "scenarios/employed.toml",
        ])
        .args(["--paths", "9000", "--no-charts", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let stdout = stdout_of(&a);
    let stderr = stderr_of(&a);
    for text in [&stdout, &stderr] {
        assert!(!text.contains('\x1b'), "ANSI escape in {text}");
        assert!(!text.contains('\r'), "carriage return in {text}");
    }
    // Two tables, each with every strategy and both verdicts.
    assert_eq!(stdout.matches("Rule of thumb: ").count(), 2, "{stdout}");
    assert_eq!(stdout.matches("Simulation:    ").count(), 2, "{stdout}");
    for s in Strategy::ALL.map(Strategy::name) {
        assert_eq!(
            stdout
                .lines()
                .filter(|l| l.get(2..).is_some_and(|l| l.starts_with(&format!("{s} "))))
                .count(),
            2,
            "{s} in {stdout}"
        );
    }
    assert!(stdout.contains("(strong-small-gap, 9000 paths, seed 42"));
    // The pick is marked, and it is the strategy verdicts.csv names.
    let (_, verdicts) = read_csv(&out.path().join("verdicts.csv"));
    for v in &verdicts {
        let marked = format!("* {} ", v["sim_strategy"]);
        assert!(stdout.contains(&marked), "{marked} in {stdout}");
        assert!(stdout.contains(&format!("Simulation:    {}", v["sim_verdict"])));
    }
    // stderr carries log lines only: no bar, no time left.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].starts_with("[1/2] strong-small-gap: 9000 paths in "));
    assert!(lines[1].starts_with("[2/2] employed: 9000 paths in "));
    assert!(lines[2].starts_with("wrote 2 scenarios to "));
    assert!(
        !stderr.contains("left") && !stderr.contains("[="),
        "{stderr}"
    );
}

#[test]
fn quiet_silences_stderr_but_keeps_the_summary() {
    let out = tempfile::tempdir().unwrap();
    let a = walkaway()
        .args([
            "run",
            "scenarios/red-flag.toml",
            "--paths",
            "3000",
            "--no-charts",
        ])
        .args(["--quiet", "--per-path", "99999", "--out"])
        .arg(out.path())
        .assert()
        .success();
    assert_eq!(stderr_of(&a), "");
    let stdout = stdout_of(&a);
    assert!(stdout.contains("Rule of thumb: WALK"), "{stdout}");
    assert!(stdout.contains("Reasons to walk: red_flag"), "{stdout}");
}

#[test]
fn no_color_is_respected_even_when_forced_elsewhere() {
    let out = tempfile::tempdir().unwrap();
    let a = walkaway()
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "1")
        .args([
            "run",
            "scenarios/above-floor.toml",
            "--paths",
            "2000",
            "--no-charts",
        ])
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    assert!(!stdout_of(&a).contains('\x1b'));
    assert!(!stderr_of(&a).contains('\x1b'));
}

#[test]
fn styles_never_reach_a_pipe_even_when_forced() {
    // Colour only on a terminal: CLICOLOR_FORCE does not colour a pipe or a
    // file, though the table is styled before anstream strips it.
    let out = tempfile::tempdir().unwrap();
    let a = walkaway()
        .env("CLICOLOR_FORCE", "1")
        .env("CLICOLOR", "1")
        .env("TERM", "xterm-256color")
        .args(["run", "scenarios/red-flag.toml", "--paths", "2000"])
        .args(["--no-charts", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let stdout = stdout_of(&a);
    assert!(stdout.contains("Rule of thumb: WALK"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "{stdout}");
    assert!(!stderr_of(&a).contains('\x1b'));
}

// ------------------------------------------------------ --json and run.json

#[test]
fn json_holds_the_same_content_as_the_csv() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args([
            "run",
            "scenarios/employed.toml",
            "scenarios/short-runway.toml",
        ])
        .args([
            "--paths",
            "5000",
            "--seed",
            "11",
            "--json",
            "--no-charts",
            "-q",
        ])
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let n = Strategy::COUNT;
    for (dir, rows_expected) in [("", 2 * n), ("employed", n), ("short-runway", n)] {
        for (name, expected) in [("summary", rows_expected), ("verdicts", rows_expected / n)] {
            let base = out.path().join(dir);
            let (header, rows) = read_csv(&base.join(format!("{name}.csv")));
            let json: Value = serde_json::from_str(
                &fs::read_to_string(base.join(format!("{name}.json"))).unwrap(),
            )
            .unwrap();
            let objects = json.as_array().unwrap();
            assert_eq!(objects.len(), expected, "{dir}/{name}");
            assert_eq!(rows.len(), expected);
            for (obj, row) in objects.iter().zip(&rows) {
                let obj = obj.as_object().unwrap();
                // Same columns, in the CSV's order.
                let keys: Vec<&String> = obj.keys().collect();
                assert_eq!(keys, header.iter().collect::<Vec<_>>());
                for col in &header {
                    let (cell, v) = (&row[col], &obj[col]);
                    match v {
                        Value::Number(n) => {
                            assert_eq!(n.as_f64().unwrap(), cell.parse::<f64>().unwrap(), "{col}")
                        }
                        Value::String(s) => assert_eq!(s, cell, "{col}"),
                        Value::Bool(b) => assert_eq!(b.to_string(), *cell, "{col}"),
                        Value::Null => assert_eq!(cell, "", "{col}"),
                        Value::Array(items) => {
                            let joined: Vec<&str> =
                                items.iter().map(|i| i.as_str().unwrap()).collect();
                            assert_eq!(joined.join(";"), *cell, "{col}");
                        }
                        Value::Object(_) => panic!("nested object in {col}"),
                    }
                }
            }
        }
    }
    let summary: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary[0]["seed"], 11);
    assert_eq!(summary[0]["paths"], 5000);
    assert!(summary[0]["value_mean"].is_f64());
}

#[test]
fn without_json_no_json_files_but_always_a_manifest() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args([
            "run",
            "scenarios/employed.toml",
            "--paths",
            "1000",
            "--no-charts",
            "-q",
        ])
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    assert!(!out.path().join("summary.json").exists());
    assert!(!out.path().join("employed/verdicts.json").exists());
    assert!(!out.path().join("employed/paths.csv").exists());
    assert!(out.path().join("run.json").is_file());
}

#[test]
fn a_run_without_the_flags_removes_their_files_from_an_earlier_run() {
    let out = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        walkaway()
            .args([
                "run",
                "scenarios/employed.toml",
                "--paths",
                "800",
                "--no-charts",
                "-q",
            ])
            .args(extra)
            .arg("--out")
            .arg(out.path())
            .assert()
            .success();
    };
    run(&["--json", "--per-path", "5"]);
    let optional = [
        "summary.json",
        "verdicts.json",
        "employed/summary.json",
        "employed/verdicts.json",
        "employed/paths.csv",
    ];
    for f in optional {
        assert!(out.path().join(f).is_file(), "{f}");
    }
    // Someone else's file in the same folder is left alone.
    fs::write(out.path().join("employed/notes.json"), "{}").unwrap();
    run(&["--seed", "9"]);
    for f in optional {
        assert!(!out.path().join(f).exists(), "{f} left behind");
    }
    assert!(out.path().join("employed/notes.json").is_file());
    assert!(out.path().join("employed/summary.csv").is_file());
}

#[test]
fn manifest_pins_version_inputs_and_result_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "mine.toml",
        &TEMPLATE.replace("seed = 42 ", "seed = 5  "),
    );
    let run = |threads: &str, out: &Path| {
        walkaway()
            .arg("run")
            .arg(&file)
            .arg(abs("scenarios/employed.toml"))
            .args([
                "--paths",
                "6000",
                "--threads",
                threads,
                "--no-charts",
                "-q",
                "--out",
            ])
            .arg(out)
            .assert()
            .success();
        fs::read_to_string(out.join("run.json")).unwrap()
    };
    let one = run("1", &dir.path().join("one"));
    let two = run("2", &dir.path().join("two"));
    // The thread count is not an input of the results, so not of the manifest.
    assert_eq!(one, two);
    let m: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(m["walkaway_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["chunk_paths"], 4096);
    assert_eq!(m["results_depend_on_thread_count"], false);
    assert_eq!(m["result_flags"]["paths"], 6000);
    assert_eq!(m["result_flags"]["seed"], Value::Null);
    let s = &m["scenarios"];
    assert_eq!(s[0]["scenario"], "mine");
    assert_eq!(s[0]["seed"], 5);
    assert_eq!(s[0]["seed_from"], "file");
    assert_eq!(s[0]["paths_from"], "--paths");
    assert_eq!(s[1]["scenario"], "employed");
    for (i, f) in [file.clone(), abs("scenarios/employed.toml")]
        .iter()
        .enumerate()
    {
        let digest: String = Sha256::digest(fs::read(f).unwrap())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(s[i]["sha256"], digest);
        assert_eq!(s[i]["file"], f.display().to_string());
    }
}

#[test]
fn csv_files_never_carry_comment_lines() {
    let out = tempfile::tempdir().unwrap();
    walkaway()
        .args([
            "run",
            "scenarios/weak-small-gap.toml",
            "--paths",
            "1000",
            "--no-charts",
        ])
        .args(["-q", "--json", "--per-path", "10", "--out"])
        .arg(out.path())
        .assert()
        .success();
    for f in ["summary.csv", "verdicts.csv", "weak-small-gap/paths.csv"] {
        let text = fs::read_to_string(out.path().join(f)).unwrap();
        assert!(text.lines().all(|l| !l.starts_with('#')), "{f}");
    }
}

// ------------------------------------------------------------- --per-path

#[test]
fn per_path_with_every_path_reproduces_the_summary_mean() {
    let out = tempfile::tempdir().unwrap();
    // 9000 paths: three chunks, the last one partial.
    walkaway()
        .args([
            "run",
            "scenarios/middle-runway.toml",
            "--paths",
            "9000",
            "--seed",
            "3",
        ])
        .args(["--per-path", "9000", "--no-charts", "-q", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let dir = out.path().join("middle-runway");
    let (header, rows) = read_csv(&dir.join("paths.csv"));
    assert_eq!(
        header,
        [
            "path",
            "strategy",
            "value",
            "earnings",
            "weeks_to_job",
            "runway_exhausted",
            "reengaged",
            "comp_at_horizon",
            "distressed"
        ]
    );
    assert_eq!(rows.len(), Strategy::COUNT * 9000);
    assert_eq!(rows[0]["path"], "0");
    assert_eq!(rows[Strategy::COUNT * 9000 - 1]["path"], "8999");
    let (_, summary) = read_csv(&dir.join("summary.csv"));
    for s in &summary {
        let mine: Vec<&HashMap<String, String>> = rows
            .iter()
            .filter(|r| r["strategy"] == s["strategy"])
            .collect();
        assert_eq!(mine.len(), 9000);
        let mean = |col: &str| {
            mine.iter()
                .map(|r| r[col].parse::<f64>().unwrap())
                .sum::<f64>()
                / 9000.0
        };
        let share = |col: &str| mine.iter().filter(|r| r[col] == "true").count() as f64 / 9000.0;
        for (col, stat) in [
            ("value", "value_mean"),
            ("earnings", "earnings_mean"),
            ("weeks_to_job", "weeks_to_job_mean"),
        ] {
            let want: f64 = s[stat].parse().unwrap();
            assert!(
                // Money columns are written to the cent.
                (mean(col) - want).abs() <= 0.005 + 1e-9 * want.abs().max(1.0),
                "{} {col}: {} vs {want}",
                s["strategy"],
                mean(col)
            );
        }
        for (col, stat) in [
            ("runway_exhausted", "p_runway_exhausted"),
            ("reengaged", "p_reengaged"),
            ("distressed", "p_distressed"),
        ] {
            assert_eq!(share(col), s[stat].parse::<f64>().unwrap(), "{col}");
        }
    }
    for r in rows.iter().take(400) {
        for col in ["value", "earnings", "weeks_to_job", "comp_at_horizon"] {
            assert!(!r[col].contains(['e', 'E']), "{col} = {}", r[col]);
        }
    }
}

#[test]
fn per_path_beyond_the_run_is_capped_and_a_prefix_is_the_same_paths() {
    let out = tempfile::tempdir().unwrap();
    let a = walkaway()
        .args(["run", "scenarios/weak-large-gap.toml", "--paths", "700"])
        .args(["--per-path", "5000", "--no-charts", "--out"])
        .arg(out.path())
        .assert()
        .success();
    assert!(
        stderr_of(&a).contains("weak-large-gap has 700 paths, fewer than --per-path 5000"),
        "{}",
        stderr_of(&a)
    );
    let all = fs::read_to_string(out.path().join("weak-large-gap/paths.csv")).unwrap();
    assert_eq!(all.lines().count(), 1 + Strategy::COUNT * 700);

    let few = tempfile::tempdir().unwrap();
    walkaway()
        .args(["run", "scenarios/weak-large-gap.toml", "--paths", "700"])
        .args(["--per-path", "25", "--no-charts", "-q", "--out"])
        .arg(few.path())
        .assert()
        .success();
    let prefix = fs::read_to_string(few.path().join("weak-large-gap/paths.csv")).unwrap();
    assert_eq!(prefix.lines().count(), 1 + Strategy::COUNT * 25);
    assert!(all.starts_with(&prefix));
}

#[test]
fn bad_flag_values_are_refused_before_anything_is_written() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("o");
    for (flag, value) in [
        ("--per-path", "0"),
        ("--per-path", "many"),
        ("--per-path", "1000001"),
        ("--paths", "0"),
        ("--threads", "0"),
        ("--seed", "x"),
    ] {
        walkaway()
            .args(["run", "scenarios/employed.toml", flag, value, "--out"])
            .arg(&target)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(flag));
        assert!(!target.exists());
    }
}

// ------------------------------------------------------ help, completions

#[test]
fn version_is_the_crate_version() {
    walkaway()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("walkaway {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_has_examples_everywhere() {
    let top = walkaway().arg("--help").assert().success();
    let text = stdout_of(&top);
    for cmd in ["run", "check", "init", "completions"] {
        assert!(text.contains(cmd), "{cmd} in {text}");
    }
    assert!(text.contains("Examples:") && text.contains("walkaway init my-offer.toml"));
    assert!(text.contains("Exit status"));
    for (cmd, example) in [
        ("run", "--per-path 500"),
        ("check", "walkaway check scenarios/"),
        ("init", "--force"),
        ("completions", "walkaway completions fish"),
    ] {
        let a = walkaway().args([cmd, "--help"]).assert().success();
        let t = stdout_of(&a);
        assert!(t.contains("Examples:") && t.contains(example), "{cmd}: {t}");
    }
}

#[test]
fn completions_cover_every_subcommand_and_flag() {
    for shell in ["bash", "zsh", "fish"] {
        let a = walkaway().args(["completions", shell]).assert().success();
        let script = stdout_of(&a);
        for word in [
            "walkaway",
            "init",
            "check",
            "completions",
            "per-path",
            "json",
            "force",
        ] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    walkaway()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tcsh"));
}
