//! Numbers at the edge of what the arithmetic can hold, through the real
//! binary. Inside the documented bounds every output cell is finite, every
//! chart is drawn and memory stays modest; past them (the reproducers of
//! issue 14, which `check` accepted in 0.3.0) nothing panics and no
//! allocation grows with the size of the numbers.
//!
//! Corpus: `numbers-sane-*.toml` are large but valid inputs; the other
//! `numbers-*.toml` are the reproducers. `numbers-tenure-1e-9.toml` (a job
//! change every 1e-9 years for 40 years: 4e10 events per path) never
//! finishes without the bound on tenure that `check` enforces; it is only
//! run by the ignored test below, which needs that bound.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use super::common::*;
use walkaway::report::csv::NONE_FOR_ACCEPT;

const SANE: [&str; 3] = [
    "numbers-sane-large-money.toml",
    "numbers-sane-employed.toml",
    "numbers-sane-wide-market.toml",
];

/// The inputs that broke 0.3.0: panics ("min > max, or either was NaN",
/// "capacity overflow"), allocations of gigabytes, NaN cells, a verdict
/// picked on a NaN margin.
const REPRODUCERS: [&str; 9] = [
    "numbers-raise-1e308.toml",
    "numbers-bump-1e308.toml",
    "numbers-weights-1e308.toml",
    "numbers-search-weeks-ci90-huge.toml",
    "numbers-offer-ci90-huge.toml",
    "numbers-sign-on-1e306.toml",
    "numbers-min-ask-1e308.toml",
    "numbers-base-max-bonus.toml",
    "numbers-current-comp-1e308.toml",
];

/// Charts every scenario folder holds after a run with charts on.
const CHARTS: [&str; 5] = [
    "matrix.png",
    "value.png",
    "difference.png",
    "fan.png",
    "search.png",
];

/// Peak resident memory allowed for one run (the reproducers reached 1.5 GB
/// and more in 0.3.0; the sketches' stores are now capped at 4 MB each).
const PEAK_KB: u64 = 600 * 1024;

/// Runs `walkaway args...` in the sandbox, measuring the peak memory with
/// /usr/bin/time when it is there (its report goes to a folder outside the
/// sandbox, so the sandbox's fingerprint does not see it).
fn run_measured(args: &[&str]) -> (Output, Option<u64>) {
    let bin = assert_cmd::cargo::cargo_bin("walkaway");
    let time = Path::new("/usr/bin/time");
    let report = tempfile::tempdir().unwrap();
    let report_file = report.path().join("peak");
    let mut cmd = if time.exists() {
        let mut c = std::process::Command::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&report_file).arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    cmd.args(args).env_remove("NO_COLOR").env("TERM", "dumb");
    let out = cmd.output().unwrap();
    let peak = fs::read_to_string(&report_file)
        .ok()
        .and_then(|t| t.lines().last()?.trim().parse().ok());
    (out, peak)
}

fn copy_in(sb: &Sandbox, names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|n| sb.write(n, &fs::read_to_string(corpus(n)).unwrap()))
        .collect()
}

/// Every cell of a CSV file that reads as a number is finite (a NaN or
/// inf cell reads as a number too).
fn assert_cells_finite(path: &Path) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut rows = 0;
    for line in lines {
        rows += 1;
        for (column, cell) in header.iter().zip(line.split(',')) {
            if let Ok(x) = cell.parse::<f64>() {
                assert!(x.is_finite(), "{}: {column} = {cell}", path.display());
            }
            let lower = cell.to_ascii_lowercase();
            assert!(
                !["nan", "inf", "-inf", "infinity"].contains(&lower.as_str()),
                "{}: {column} = {cell}",
                path.display()
            );
        }
    }
    assert!(rows > 0, "{}: no rows", path.display());
}

fn assert_png(path: &Path) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 10_000,
        "{}: not a drawn PNG ({} bytes)",
        path.display(),
        bytes.len()
    );
}

fn stem(name: &str) -> &str {
    name.strip_suffix(".toml").unwrap()
}

/// Large but valid numbers: money at 1e12, forty years, raises and bumps
/// up to 100%, a new job every quarter, offers over two orders of
/// magnitude. Every cell finite, every chart drawn, memory modest.
#[test]
fn large_valid_numbers_give_finite_outputs_and_every_chart() {
    let sb = Sandbox::new();
    let files = copy_in(&sb, &SANE);
    let out = sb.out();
    let (o, peak) = untouched_outside_out(&sb, || {
        let mut args = vec!["run".to_string()];
        args.extend(files.iter().map(|f| f.display().to_string()));
        args.extend(
            ["--threads", "2", "-q", "--json", "--out"]
                .iter()
                .map(|s| s.to_string()),
        );
        args.push(out.display().to_string());
        run_measured(&args.iter().map(String::as_str).collect::<Vec<_>>())
    });
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_cells_finite(&out.join("summary.csv"));
    assert_cells_finite(&out.join("verdicts.csv"));
    // A non-finite number is written as null in JSON; summary.json has no
    // other nulls (verdicts.json has: no runway when employed).
    let text = fs::read_to_string(out.join("summary.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    for row in json.as_array().unwrap() {
        for (k, v) in row.as_object().unwrap() {
            // Accept's differences with itself do not exist: null by design.
            let by_design = row["strategy"] == "accept" && NONE_FOR_ACCEPT.contains(&k.as_str());
            assert!(
                by_design || !v.is_null(),
                "summary.json: {k} is null in {row}"
            );
        }
    }
    assert_png(&out.join("overview.png"));
    for name in SANE {
        let dir = out.join(stem(name));
        assert_cells_finite(&dir.join("summary.csv"));
        assert_cells_finite(&dir.join("verdicts.csv"));
        for chart in CHARTS {
            assert_png(&dir.join(chart));
        }
    }
    if let Some(kb) = peak {
        assert!(kb < PEAK_KB, "peak memory {kb} kB");
    }
}

/// Past every bound: no panic, no abort, no allocation sized by the
/// numbers. `check` refuses these inputs once it enforces the bounds
/// (exit 2); the engine, statistics and charts must hold regardless.
#[test]
fn numbers_past_the_bounds_neither_panic_nor_blow_memory() {
    for name in REPRODUCERS {
        let sb = Sandbox::new();
        let file = copy_in(&sb, &[name]).remove(0);
        let out = sb.out();
        let (o, peak) = untouched_outside_out(&sb, || {
            run_measured(&[
                "run",
                file.to_str().unwrap(),
                "--paths",
                "600",
                "--threads",
                "2",
                "-q",
                "--out",
                out.to_str().unwrap(),
            ])
        });
        no_panic(&o);
        let code = o.status.code();
        assert!(
            code == Some(0) || code == Some(2),
            "{name}: exit {code:?}: {}",
            stderr(&o)
        );
        if code == Some(2) {
            assert!(stderr(&o).contains(stem(name)), "{name}: {}", stderr(&o));
        } else {
            // Drawn, whatever the numbers (the difference and fan charts
            // are left out when no path gave a number to draw).
            for chart in ["matrix.png", "value.png", "search.png"] {
                assert_png(&out.join(stem(name)).join(chart));
            }
            assert_png(&out.join("overview.png"));
        }
        if let Some(kb) = peak {
            assert!(kb < PEAK_KB, "{name}: peak memory {kb} kB");
        }
    }
}

/// Past every bound, once the batch refuses a report with a non-finite
/// number (`report::format::check_finite`) and `check` enforces the
/// bounds: exit 2 naming the file, or exit 0 with every cell finite.
#[test]
fn numbers_past_the_bounds_never_reach_an_output_cell() {
    for name in REPRODUCERS
        .iter()
        .chain(&["numbers-tenure-1e-9.toml"])
        .copied()
    {
        let sb = Sandbox::new();
        let file = copy_in(&sb, &[name]).remove(0);
        let out = sb.out();
        let o = untouched_outside_out(&sb, || {
            walkaway()
                .args(["run", file.to_str().unwrap(), "--paths", "600", "-q"])
                .arg("--out")
                .arg(&out)
                .timeout(std::time::Duration::from_secs(120))
                .output()
                .unwrap()
        });
        no_panic(&o);
        match o.status.code() {
            Some(2) => assert!(stderr(&o).contains(stem(name)), "{name}: {}", stderr(&o)),
            Some(0) => {
                assert_cells_finite(&out.join("summary.csv"));
                assert_cells_finite(&out.join("verdicts.csv"));
            }
            other => panic!("{name}: exit {other:?}: {}", stderr(&o)),
        }
    }
}
