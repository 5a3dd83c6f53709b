//! What several integration tests need: the binary, the files a run left,
//! a CSV read into rows, a scenario written to disk and a run interrupted
//! midway. (The hostile tests keep their sandbox in tests/hostile/common.rs.)

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// The binary under test.
pub fn walkaway() -> Command {
    Command::cargo_bin("walkaway").unwrap()
}

/// Every file under `dir`, at any depth, sorted; `dir` must exist.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(files_under(&p));
        } else {
            v.push(p);
        }
    }
    v.sort();
    v
}

/// What a run left in `out`: [`files_under`], or nothing when it did not
/// even create `out`.
pub fn files_left(out: &Path) -> Vec<PathBuf> {
    if out.exists() {
        files_under(out)
    } else {
        Vec::new()
    }
}

/// `text` written to `dir/name`, and its path.
pub fn write_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

/// A CSV file's header and its rows as maps from column to cell.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

/// A CSV file's rows as maps from column to cell.
pub fn table(path: &Path) -> Vec<HashMap<String, String>> {
    read_csv(path).1
}

/// How a run interrupted by [`interrupt_midway`] ended.
#[cfg(unix)]
pub struct Interrupted {
    /// None when a signal ended it.
    pub code: Option<i32>,
    pub stderr: String,
    /// From the signal to the exit.
    pub took: Duration,
    /// The run's `--out`, inside `_dir`.
    pub out: PathBuf,
    pub _dir: tempfile::TempDir,
}

/// Starts `walkaway ARGS --out OUT` (into a fresh temporary folder), sends
/// `signal` (as `kill` spells it, e.g. "-INT") 1.5 s in, and waits for it.
/// `args` must keep it busy longer than that.
#[cfg(unix)]
pub fn interrupt_midway(args: &[&str], signal: &str) -> Interrupted {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("walkaway"))
        .args(args)
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let sent = Instant::now();
    std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    Interrupted {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        took: sent.elapsed(),
        out,
        _dir: dir,
    }
}
