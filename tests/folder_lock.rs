//! Every command that writes outputs into a folder holds the folder's lock
//! while it computes and writes, as `run` does (tests/hostile/output.rs):
//! here `sweep`, `sensitivity` and the merge of sensitivity parts, each
//! started while this test holds the lock, must wait, write nothing, say
//! why, and finish once the lock is released.

#![cfg(unix)]

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// `walkaway ARGS --out OUT` started while `OUT` is locked: it waits and
/// writes nothing there; once unlocked it succeeds and writes `expected`.
fn waits_for_the_folder(args: &[&str], out: &Path, expected: &str) {
    fs::create_dir_all(out).unwrap();
    let lock = File::open(out).unwrap();
    lock.lock().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("walkaway"))
        .args(args)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (said, heard) = mpsc::channel();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in stderr.lines() {
            let line = line.unwrap();
            if line.contains("waiting for another walkaway run to finish writing") {
                let _ = said.send(());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    heard
        .recv_timeout(Duration::from_secs(120))
        .expect("the command says it waits for the folder");
    // Still waiting, and nothing written while the lock is held.
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "it waits");
    assert_eq!(fs::read_dir(out).unwrap().count(), 0, "nothing written yet");
    drop(lock);
    let status = child.wait().unwrap();
    let stderr = reader.join().unwrap();
    assert!(status.success(), "{stderr}");
    assert!(out.join(expected).is_file(), "{expected} written: {stderr}");
}

#[test]
fn sweep_waits_for_a_locked_folder() {
    let tmp = tempfile::tempdir().unwrap();
    waits_for_the_folder(
        &[
            "sweep",
            "scenarios/employed.toml",
            "--vary",
            "offer.base=120000..150000:2",
            "--paths",
            "500",
        ],
        &tmp.path().join("out"),
        "sweep.csv",
    );
}

const SENSITIVITY: [&str; 6] = [
    "sensitivity",
    "scenarios/employed.toml",
    "--paths",
    "300",
    "--map-paths",
    "20",
];

#[test]
fn sensitivity_waits_for_a_locked_folder() {
    let tmp = tempfile::tempdir().unwrap();
    waits_for_the_folder(
        &SENSITIVITY,
        &tmp.path().join("out"),
        "employed/tornado.csv",
    );
}

#[test]
fn the_merge_of_sensitivity_parts_waits_for_a_locked_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let parts = tmp.path().join("parts");
    let status = Command::new(assert_cmd::cargo::cargo_bin("walkaway"))
        .args(SENSITIVITY)
        .args(["--shard", "0/1", "--quiet", "--out"])
        .arg(&parts)
        .status()
        .unwrap();
    assert!(status.success());
    waits_for_the_folder(
        &["merge", parts.to_str().unwrap()],
        &tmp.path().join("out"),
        "employed/map_role.csv",
    );
}
