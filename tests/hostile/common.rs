//! What every hostile case needs: the binary, a sandbox whose every file
//! outside `--out` is fingerprinted before and compared after, and a valid
//! scenario to start from.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sha2::{Digest, Sha256};

pub fn walkaway() -> Command {
    let mut c = Command::cargo_bin("walkaway").unwrap();
    c.env_remove("NO_COLOR").env("TERM", "dumb");
    c
}

/// A small valid scenario; `extra` is appended (new sections or keys of a
/// section it opens itself).
pub fn scenario(extra: &str) -> String {
    format!(
        "[offer]\nbase = 150000\n[candidate]\nfloor = 165000\nrunway_months = 6\n\
         [simulation]\npaths = 2000\n{extra}"
    )
}

pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile/corpus")
        .join(name)
}

/// A folder holding the scenarios (`in/`), the output folder (`in/../out`,
/// so a stem that climbs out of `--out` lands beside it) and a bystander
/// file a careless run could delete.
pub struct Sandbox {
    pub root: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("in")).unwrap();
        fs::create_dir_all(root.path().join("out")).unwrap();
        fs::write(root.path().join("bystander.txt"), "not walkaway's").unwrap();
        fs::write(root.path().join("summary.json"), "{\"mine\": true}").unwrap();
        fs::write(root.path().join(".config.tmp-backup"), "keep me").unwrap();
        Sandbox { root }
    }

    pub fn input(&self) -> PathBuf {
        self.root.path().join("in")
    }

    pub fn out(&self) -> PathBuf {
        self.root.path().join("out")
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.input().join(name);
        fs::write(&p, text).unwrap();
        p
    }

    /// Every file outside `out/`, by path relative to the root, with the
    /// SHA-256 of its bytes.
    pub fn outside_out(&self) -> BTreeMap<PathBuf, [u8; 32]> {
        let mut m = BTreeMap::new();
        walk(self.root.path(), self.root.path(), &self.out(), &mut m);
        m
    }
}

fn walk(root: &Path, dir: &Path, skip: &Path, m: &mut BTreeMap<PathBuf, [u8; 32]>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p == skip {
            continue;
        }
        let meta = fs::symlink_metadata(&p).unwrap();
        if meta.is_dir() {
            walk(root, &p, skip, m);
        } else if meta.is_file() {
            let digest: [u8; 32] = Sha256::digest(fs::read(&p).unwrap()).into();
            m.insert(p.strip_prefix(root).unwrap().to_path_buf(), digest);
        } else {
            m.insert(p.strip_prefix(root).unwrap().to_path_buf(), [0; 32]);
        }
    }
}

/// Runs `f` and asserts that no file outside `out/` appeared, vanished or
/// changed.
pub fn untouched_outside_out<T>(sb: &Sandbox, f: impl FnOnce() -> T) -> T {
    let before = sb.outside_out();
    let t = f();
    let after = sb.outside_out();
    assert_eq!(before, after, "files outside --out changed");
    t
}

/// Stderr of a finished command, as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the process neither panicked nor aborted.
pub fn no_panic(o: &std::process::Output) {
    let e = stderr(o);
    assert!(!e.contains("panicked"), "panic: {e}");
    assert_ne!(o.status.code(), Some(101), "exit 101: {e}");
    assert!(o.status.code().is_some(), "killed by a signal: {e}");
}
