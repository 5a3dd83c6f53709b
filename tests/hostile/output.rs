//! Where and how outputs are written: clean-up that deletes only
//! walkaway's own temporaries, two runs into one folder, closed and full
//! pipes, odd arguments (a file named twice, a FIFO, a symlink loop,
//! `/dev/stdin`), memory flat in the batch size, and a folder that tells the
//! truth after a failed or interrupted run (`run.json` lists exactly what is
//! there). The batch is tests/hostile/corpus/output-batch/.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command as Std, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::common::*;

/// The corpus batch, copied into the sandbox's `in/`; returns its stems.
fn batch(sb: &Sandbox) -> Vec<String> {
    let mut stems = Vec::new();
    for e in fs::read_dir(corpus("output-batch")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, sb.input().join(p.file_name().unwrap())).unwrap();
        stems.push(p.file_stem().unwrap().to_string_lossy().into_owned());
    }
    stems.sort();
    stems
}

fn bin() -> Std {
    let mut c = Std::new(env!("CARGO_BIN_EXE_walkaway"));
    c.env_remove("NO_COLOR").env("TERM", "dumb");
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every file under `dir`, relative to it with `/`, and its SHA-256 in hex.
fn files(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, m: &mut BTreeMap<String, String>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, m);
            } else {
                let rel = p.strip_prefix(root).unwrap();
                let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
                let hex = Sha256::digest(fs::read(&p).unwrap())
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                m.insert(rel.join("/"), hex);
            }
        }
    }
    let mut m = BTreeMap::new();
    if dir.is_dir() {
        walk(dir, dir, &mut m);
    }
    m
}

/// The manifest's `outputs`, as path → sha256.
fn listed(manifest: &Value) -> BTreeMap<String, String> {
    manifest["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .map(|o| {
            (
                o["path"].as_str().unwrap().to_string(),
                o["sha256"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Asserts that `out` holds exactly what its `run.json` lists, byte for
/// byte, besides the files in `also` (a user's own); returns the manifest.
fn complete_and_consistent(out: &Path, also: &[&str]) -> Value {
    let manifest: Value =
        serde_json::from_str(&fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let mut on_disk = files(out);
    on_disk.remove("run.json");
    for a in also {
        on_disk.remove(*a);
    }
    assert_eq!(listed(&manifest), on_disk, "run.json against the folder");
    manifest
}

// ------------------------------------------------------------ item 2

#[test]
fn a_users_files_that_look_like_temporaries_survive_a_run() {
    let sb = Sandbox::new();
    let stems = batch(&sb);
    let out = sb.out();
    let scenario_dir = out.join(&stems[0]);
    fs::create_dir_all(&scenario_dir).unwrap();
    let mine = [".config.tmp-backup", ".summary.csv.tmp-9", "notes.txt"];
    for dir in [&out, &scenario_dir] {
        for name in mine {
            fs::write(dir.join(name), format!("{name}: the user's")).unwrap();
        }
        // What a killed run leaves: walkaway's own, removed.
        fs::write(dir.join(".walkaway-tmp-Ab12Cd"), "half a file").unwrap();
    }
    let o = untouched_outside_out(&sb, || {
        walkaway()
            .args(["run", "--no-charts", "--quiet", "--out"])
            .arg(&out)
            .arg(sb.input())
            .output()
            .unwrap()
    });
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let users: Vec<String> = mine
        .iter()
        .flat_map(|n| [n.to_string(), format!("{}/{n}", stems[0])])
        .collect();
    for dir in [&out, &scenario_dir] {
        for name in mine {
            assert_eq!(
                fs::read_to_string(dir.join(name)).unwrap(),
                format!("{name}: the user's")
            );
        }
        assert!(!dir.join(".walkaway-tmp-Ab12Cd").exists());
    }
    // And the run lists none of them as its own.
    let users: Vec<&str> = users.iter().map(String::as_str).collect();
    complete_and_consistent(&out, &users);
}

// ------------------------------------------------------------ item 3

/// Scenarios enough for a run to last a while: `n` copies of the batch's
/// first file under other names.
fn many(sb: &Sandbox, n: usize) {
    let text = fs::read_to_string(corpus("output-batch/unemployed.toml")).unwrap();
    for i in 0..n {
        sb.write(&format!("s{i:02}.toml"), &text);
    }
}

#[test]
fn two_runs_into_one_folder_take_turns_and_leave_one_complete_run() {
    let sb = Sandbox::new();
    many(&sb, 24);
    let out = sb.out();
    let mut overlapped = 0;
    for trial in 0..5 {
        untouched_outside_out(&sb, || {
            // The first run writes the JSON tables and the replayed paths;
            // the second does not, so what is left shows whose run it is.
            let mut first = bin()
                .args(["run", "--paths", "20000", "--no-charts", "--json"])
                .args(["--per-path", "5", "--seed", "1", "--out"])
                .arg(&out)
                .arg(sb.input())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            // Once the first run writes its first scenario it holds the
            // folder.
            let started = Instant::now();
            while first.try_wait().unwrap().is_none()
                && (!out.join("s00/summary.csv").exists() || trial > 0 && !is_fresh(&out))
            {
                assert!(started.elapsed() < Duration::from_secs(120));
                std::thread::sleep(Duration::from_millis(5));
            }
            let running = first.try_wait().unwrap().is_none();
            let second = bin()
                .args(["run", "--paths", "2000", "--no-charts", "--seed", "2"])
                .arg("--out")
                .arg(&out)
                .arg(sb.input())
                .output()
                .unwrap();
            let first_stderr = {
                use std::io::Read;
                let mut s = String::new();
                first.stderr.take().unwrap().read_to_string(&mut s).unwrap();
                s
            };
            let first_status = first.wait().unwrap();
            assert_eq!(first_status.code(), Some(0), "{first_stderr}");
            no_panic(&second);
            assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
            if running {
                overlapped += 1;
                assert!(
                    stderr(&second).contains(&format!(
                        "waiting for another walkaway run to finish writing {}",
                        out.display()
                    )),
                    "{}",
                    stderr(&second)
                );
            }
            // The second run's folder, whole: its seed, no JSON tables or
            // paths.csv of the first, every file listed with its bytes.
            let m = complete_and_consistent(&out, &[]);
            assert_eq!(m["result_flags"]["seed"], 2);
            assert_eq!(m["scenarios"].as_array().unwrap().len(), 24);
            assert!(!out.join("summary.json").exists());
            assert!(!out.join("s00/paths.csv").exists());
        });
    }
    assert!(overlapped >= 3, "only {overlapped} of 5 trials overlapped");
}

/// The folder's `run.json` is gone: a run in progress removed it.
fn is_fresh(out: &Path) -> bool {
    !out.join("run.json").exists()
}

// ------------------------------------------------------------ item 5

#[test]
fn run_with_stdout_and_stderr_into_a_closed_pipe_writes_every_file() {
    // `walkaway run DIR 2>&1 | head -1`, with head already gone.
    let sb = Sandbox::new();
    let stems = batch(&sb);
    let o = untouched_outside_out(&sb, || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        bin()
            .args(["run", "--no-charts", "--out"])
            .arg(sb.out())
            .arg(sb.input())
            .stdout(writer.try_clone().unwrap())
            .stderr(writer)
            .output()
            .unwrap()
    });
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
    let m = complete_and_consistent(&sb.out(), &[]);
    assert_eq!(m["scenarios"].as_array().unwrap().len(), stems.len());
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
fn run_with_a_full_stderr_keeps_the_results_and_every_file() {
    let sb = Sandbox::new();
    let stems = batch(&sb);
    let o = untouched_outside_out(&sb, || {
        bin()
            .args(["run", "--no-charts", "--out"])
            .arg(sb.out())
            .arg(sb.input())
            .stderr(dev_full())
            .output()
            .unwrap()
    });
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
    // The tables went to stdout, one per scenario.
    let tables = text(&o.stdout);
    for s in &stems {
        assert!(tables.contains(s.as_str()), "{s}: {tables}");
    }
    complete_and_consistent(&sb.out(), &[]);
}

#[test]
fn check_into_a_closed_pipe_ends_quietly() {
    let sb = Sandbox::new();
    batch(&sb);
    sb.write("bad.toml", "[offer]\nbase = -1\n");
    let o = untouched_outside_out(&sb, || {
        let mut child = bin()
            .arg("check")
            .arg(sb.input())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        child.wait_with_output().unwrap()
    });
    no_panic(&o);
    // The bad file is still reported, and still bad input.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("bad.toml: offer.base"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("stdout"), "{}", stderr(&o));
}

#[cfg(target_os = "linux")]
#[test]
fn check_into_a_full_stdout_exits_1_and_says_so() {
    let sb = Sandbox::new();
    batch(&sb);
    let o = untouched_outside_out(&sb, || {
        bin()
            .arg("check")
            .arg(sb.input())
            .stdout(dev_full())
            .output()
            .unwrap()
    });
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: cannot write to stdout"),
        "{}",
        stderr(&o)
    );
    assert!(files(&sb.out()).is_empty(), "check writes nothing");
}

// ------------------------------------------------------------ item 6

/// `check` and `run` with `args` (relative to the sandbox's root).
fn check_and_run(sb: &Sandbox, args: &[&str]) -> (Output, Output) {
    let check = untouched_outside_out(sb, || {
        bin()
            .current_dir(sb.root.path())
            .arg("check")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    });
    let run = untouched_outside_out(sb, || {
        bin()
            .current_dir(sb.root.path())
            .args(["run", "--no-charts", "--quiet", "--out", "out"])
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    });
    no_panic(&check);
    no_panic(&run);
    (check, run)
}

#[test]
fn the_same_file_named_twice_is_one_scenario() {
    let sb = Sandbox::new();
    batch(&sb);
    #[cfg(unix)]
    std::os::unix::fs::symlink("employed.toml", sb.input().join("link.toml")).unwrap();
    for args in [
        &["in/employed.toml", "in/employed.toml"][..],
        &[
            "in/employed.toml",
            "./in/employed.toml",
            "in/../in/employed.toml",
        ],
        &["in", "in/employed.toml"],
        #[cfg(unix)]
        &["in/employed.toml", "in/link.toml"],
    ] {
        fs::remove_dir_all(sb.out()).unwrap();
        let (check, run) = check_and_run(&sb, args);
        assert_eq!(check.status.code(), Some(0), "{args:?}: {}", stderr(&check));
        assert_eq!(run.status.code(), Some(0), "{args:?}: {}", stderr(&run));
        // Once, under the name it was first given.
        let ok = text(&check.stdout);
        let named = |l: &&str| l.ends_with("/employed.toml") || l.ends_with("link.toml");
        assert_eq!(ok.lines().filter(named).count(), 1, "{args:?}: {ok}");
        let m = complete_and_consistent(&sb.out(), &[]);
        let files: Vec<&str> = m["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["file"].as_str().unwrap())
            .filter(named)
            .collect();
        let first = if args[0] == "in" {
            "in/employed.toml"
        } else {
            args[0]
        };
        assert_eq!(files, [first], "{args:?}");
        let verdicts = fs::read_to_string(sb.out().join("verdicts.csv")).unwrap();
        assert_eq!(
            verdicts
                .lines()
                .filter(|l| l.starts_with("employed,"))
                .count(),
            1,
            "{args:?}"
        );
    }
}

/// `args` must be refused by both commands with exit 2 and `message`,
/// never as "no such file or folder", within a few seconds (a FIFO must not
/// be opened: that blocks until someone writes to it).
#[cfg(unix)]
fn refused(sb: &Sandbox, args: &[&str], stdin: impl Fn() -> Stdio, message: &str) {
    for cmd in [&["check"][..], &["run", "--no-charts", "--out", "out"]] {
        untouched_outside_out(sb, || {
            let mut child = bin()
                .current_dir(sb.root.path())
                .args(cmd)
                .args(args)
                .stdin(stdin())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let started = Instant::now();
            while child.try_wait().unwrap().is_none() {
                if started.elapsed() > Duration::from_secs(20) {
                    child.kill().unwrap();
                    panic!("{cmd:?} {args:?} blocked");
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let o = child.wait_with_output().unwrap();
            no_panic(&o);
            let e = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{cmd:?} {args:?}: {e}");
            assert!(e.contains(message), "{cmd:?} {args:?}: {e}");
            assert!(!e.contains("no such file"), "{cmd:?} {args:?}: {e}");
        });
        assert!(files(&sb.out()).is_empty(), "{:?}", files(&sb.out()));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_a_symlink_loop_and_dev_stdin_get_accurate_messages() {
    let sb = Sandbox::new();
    batch(&sb);
    let fifo = sb.input().join("pipe.toml");
    let made = Std::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    refused(
        &sb,
        &["in/pipe.toml"],
        Stdio::null,
        "in/pipe.toml: is a named pipe (FIFO), not a scenario file",
    );
    refused(
        &sb,
        &["in/employed.toml", "in/pipe.toml"],
        Stdio::null,
        "is a named pipe (FIFO)",
    );
    fs::remove_file(&fifo).unwrap();

    std::os::unix::fs::symlink("loop.toml", sb.input().join("loop.toml")).unwrap();
    refused(
        &sb,
        &["in/loop.toml"],
        Stdio::null,
        "in/loop.toml: is a symbolic link that loops back on itself",
    );
    fs::remove_file(sb.input().join("loop.toml")).unwrap();

    std::os::unix::fs::symlink("gone.toml", sb.input().join("dangling.toml")).unwrap();
    refused(
        &sb,
        &["in/dangling.toml"],
        Stdio::null,
        "in/dangling.toml: is a symbolic link to gone.toml, which does not exist",
    );
    fs::remove_file(sb.input().join("dangling.toml")).unwrap();

    // /dev/stdin is whatever stdin is: a pipe, or a device.
    refused(&sb, &["/dev/stdin"], Stdio::piped, "is a named pipe (FIFO)");
    refused(
        &sb,
        &["/dev/stdin"],
        Stdio::null,
        "is a device, not a regular file",
    );
}

// ------------------------------------------------------------ item 7

/// Peak resident memory of `walkaway args` in kB, by GNU time; `None` (with
/// a note) where /usr/bin/time is missing (.ci/run installs it).
fn peak_kb(sb: &Sandbox, args: &[&str]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("note: no /usr/bin/time, peak memory not measured");
        return None;
    }
    let o = untouched_outside_out(sb, || {
        Std::new(time)
            .args(["-f", "peak=%M"])
            .arg(env!("CARGO_BIN_EXE_walkaway"))
            .args(args)
            .stdout(Stdio::null())
            .output()
            .unwrap()
    });
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    let kb = e
        .lines()
        .find_map(|l| l.strip_prefix("peak="))
        .unwrap_or_else(|| panic!("{e}"));
    Some(kb.trim().parse().unwrap())
}

#[test]
fn memory_stays_flat_as_the_batch_grows() {
    let sb = Sandbox::new();
    let template = fs::read_to_string(corpus("output-batch/employed.toml")).unwrap();
    let run = |n: usize| {
        let dir = sb.input().join(format!("batch-{n}"));
        fs::create_dir_all(&dir).unwrap();
        for i in 0..n {
            fs::write(dir.join(format!("s{i:04}.toml")), &template).unwrap();
        }
        let out = sb.out().join(format!("batch-{n}"));
        let (dir, out) = (dir.to_str().unwrap(), out.to_str().unwrap());
        peak_kb(
            &sb,
            &[
                "run",
                "--paths",
                "200",
                "--no-charts",
                "--quiet",
                "--out",
                out,
                dir,
            ],
        )
    };
    let (Some(small), Some(large)) = (run(20), run(200)) else {
        return;
    };
    // Before, each scenario held about 1.6 MB until the end: 180 more
    // scenarios would add some 290 MB.
    assert!(
        large < small + 20_000,
        "20 scenarios peaked at {small} kB, 200 at {large} kB"
    );
    assert!(large < 100_000, "200 scenarios peaked at {large} kB");
    let m = complete_and_consistent(&sb.out().join("batch-200"), &[]);
    assert_eq!(m["scenarios"].as_array().unwrap().len(), 200);
}

// ------------------------------------------------------------ item 9

/// The files a scenario folder of a `--no-charts --no-frontier` run holds.
const NO_CHARTS: [&str; 5] = [
    "inputs.csv",
    "report.html",
    "report.md",
    "summary.csv",
    "verdicts.csv",
];

#[cfg(unix)]
#[test]
fn ctrl_c_keeps_finished_scenarios_whole_and_writes_no_run_json() {
    let sb = Sandbox::new();
    many(&sb, 12);
    let out = sb.out();
    // An earlier complete run, whose run.json must not outlive the new one.
    walkaway()
        .args([
            "run",
            "--paths",
            "500",
            "--no-charts",
            "--no-frontier",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .arg(sb.input().join("s00.toml"))
        .assert()
        .success();
    assert!(out.join("run.json").exists());
    let o = untouched_outside_out(&sb, || {
        let child = bin()
            .args([
                "run",
                "--paths",
                "400000",
                "--no-charts",
                "--no-frontier",
                "--seed",
                "3",
            ])
            .arg("--out")
            .arg(&out)
            .arg(sb.input())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Once the second scenario's folder exists, the first is written.
        let started = Instant::now();
        while !out.join("s01").exists() {
            assert!(started.elapsed() < Duration::from_secs(120));
            std::thread::sleep(Duration::from_millis(5));
        }
        Std::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        child.wait_with_output().unwrap()
    });
    no_panic(&o);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(130), "{e}");
    assert!(
        e.contains("stopping: Ctrl-C received; finished scenarios are kept"),
        "{e}"
    );
    assert!(e.contains("run.json was not written"), "{e}");
    assert!(!out.join("run.json").exists(), "a run.json claims a run");
    // Every scenario folder there is whole; the batch stopped early.
    let on_disk = files(&out);
    let mut folders: Vec<&str> = on_disk
        .keys()
        .filter_map(|k| k.split_once('/').map(|(d, _)| d))
        .collect();
    folders.dedup();
    assert!(folders.len() >= 2 && folders.len() < 12, "{folders:?}");
    for d in &folders {
        let names: Vec<&str> = on_disk
            .keys()
            .filter_map(|k| k.strip_prefix(&format!("{d}/")))
            .collect();
        assert_eq!(names, NO_CHARTS, "{d}");
        let summary = fs::read_to_string(out.join(d).join("summary.csv")).unwrap();
        assert_eq!(summary.lines().count(), 5, "{d}");
        assert!(summary.contains(",400000,3,"), "{d}: this run's rows");
    }
    assert!(on_disk.keys().all(|k| !k.contains(".walkaway-tmp-")));
}

#[cfg(unix)]
#[test]
fn a_write_failure_leaves_no_run_json_and_no_partial_file() {
    let sb = Sandbox::new();
    batch(&sb);
    let out = sb.out();
    let args = ["run", "--paths", "2000", "--seed", "5", "--quiet", "--out"];
    walkaway()
        .args(args)
        .arg(&out)
        .arg(sb.input())
        .assert()
        .success();
    let before = complete_and_consistent(&out, &[]);
    let old = listed(&before);
    // The same run again, with files limited to 50 blocks: the charts do
    // not fit. The shell leaves SIGXFSZ at its default (which kills); the
    // binary ignores it itself, so the write fails with EFBIG and is
    // reported.
    let script = format!("ulimit -f 50; exec \"$0\" {} \"$1\" \"$2\"", args.join(" "));
    let o = untouched_outside_out(&sb, || {
        Std::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_walkaway")])
            .arg(&out)
            .arg(sb.input())
            .output()
            .unwrap()
    });
    no_panic(&o);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("error: ") && e.contains(".png: "), "{e}");
    assert!(!out.join("run.json").exists(), "the folder claims a run");
    // What is there is whole: the same run wrote the same bytes, so every
    // file present matches the earlier run's record.
    let now = files(&out);
    assert!(!now.is_empty());
    for (path, sha) in &now {
        assert_eq!(old.get(path), Some(sha), "{path}: partial or foreign");
    }
}
