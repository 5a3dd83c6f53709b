//! Shards and their merge through the real binary: a sharded run merged is
//! the unsharded run byte for byte, and every part that does not belong is
//! refused with exit 2, naming its file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use walkaway::engine::{self, ChunkRange, ExactStats, FanSamples, Plan, Sketches};
use walkaway::model::Params;
use walkaway::shard::{FORMAT_VERSION, Shard};
use walkaway::stats::Merge;

mod common;

const SCHEDULER_VARS: [&str; 4] = [
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_MIN",
    "JOB_COMPLETION_INDEX",
    "PARALLEL_SEQ",
];

fn walkaway() -> Command {
    let mut c = common::walkaway();
    for v in SCHEDULER_VARS {
        c.env_remove(v);
    }
    c
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> Files {
    common::files_under(dir)
        .into_iter()
        .map(|p| (p.strip_prefix(dir).unwrap().into(), fs::read(&p).unwrap()))
        .collect()
}

/// run.json without the record of the merge, which only a merge writes.
fn manifest_without_shards(bytes: &[u8]) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    v.as_object_mut().unwrap().remove("shards");
    v
}

/// The flags of the sharded and the single run alike: every optional file.
const FLAGS: [&str; 8] = [
    "--paths",
    "20000",
    "--json",
    "--per-path",
    "50",
    "--frontier-paths",
    "3000",
    "--quiet",
];

type Files = BTreeMap<PathBuf, Vec<u8>>;

/// The command `args` run once into `TMP/single`, then as `n` shard
/// processes at once (as a job array runs them, threads alternating 1 and
/// 2) into `TMP/parts`, and those merged into `TMP/merged`. Returns the
/// files of the single run and of the merge, after checking that they have
/// the same names and that the parts folder holds `n` parts.
fn single_and_merged(args: &[&str], n: u64, tmp: &Path) -> (Files, Files) {
    let (single, parts, merged) = (tmp.join("single"), tmp.join("parts"), tmp.join("merged"));
    walkaway()
        .args(args)
        .arg("--out")
        .arg(&single)
        .assert()
        .success();
    let bin = assert_cmd::cargo::cargo_bin("walkaway");
    let children: Vec<_> = (0..n)
        .map(|k| {
            let mut c = std::process::Command::new(&bin);
            for v in SCHEDULER_VARS {
                c.env_remove(v);
            }
            c.args(args)
                .args(["--threads", &(1 + k % 2).to_string()])
                .arg("--shard")
                .arg(format!("{k}/{n}"))
                .arg("--out")
                .arg(&parts)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let names: Vec<String> = fs::read_dir(&parts)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len() as u64, n, "{names:?}");
    walkaway()
        .arg("merge")
        .arg(&parts)
        .arg("--out")
        .arg(&merged)
        .assert()
        .success();
    let (a, b) = (files(&single), files(&merged));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    (a, b)
}

/// Every file of `a` has the bytes of the same file in `b`.
fn same_bytes(a: &Files, b: &Files) {
    for (name, bytes) in a {
        assert!(&b[name] == bytes, "{} differs", name.display());
    }
}

#[test]
fn samples_in_four_parallel_shards_merge_to_the_single_run_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let args: Vec<&str> = ["run", "scenarios"].into_iter().chain(FLAGS).collect();
    let (a, b) = single_and_merged(&args, 4, tmp.path());
    assert!(a.keys().any(|p| p.ends_with("paths.csv")));
    assert!(a.keys().any(|p| p.ends_with("frontier.csv")));
    assert!(a.keys().any(|p| p.extension().is_some_and(|x| x == "png")));
    for (path, bytes) in &a {
        if path == Path::new("run.json") {
            assert_eq!(
                manifest_without_shards(bytes),
                manifest_without_shards(&b[path])
            );
            let m: serde_json::Value = serde_json::from_slice(&b[path]).unwrap();
            assert_eq!(m["shards"]["count"], 4);
            assert_eq!(m["shards"]["parts"].as_array().unwrap().len(), 4);
        } else {
            assert!(*bytes == b[path], "{} differs", path.display());
        }
    }
}

/// Parts of `scenario` in `dir`: shards `ks` of `n`, with extra flags.
fn shards(scenario: &Path, dir: &Path, ks: &[u64], n: u64, extra: &[&str]) {
    for k in ks {
        walkaway()
            .arg("run")
            .arg(scenario)
            .args(if extra.contains(&"--paths") {
                &[][..]
            } else {
                &["--paths", "9000"][..]
            })
            .args(["--per-path", "5", "--frontier-paths", "500"])
            .args(["--no-charts", "--quiet"])
            .args(extra)
            .arg("--shard")
            .arg(format!("{k}/{n}"))
            .arg("--out")
            .arg(dir)
            .assert()
            .success();
    }
}

/// `merge ARGS` is refused with exit 2, says every one of `named`, and
/// writes nothing.
fn refused(args: &[&Path], named: &[&str]) {
    let out = tempfile::tempdir().unwrap();
    let mut stderr = predicate::str::contains("nothing was merged").boxed();
    for n in named {
        stderr = stderr.and(predicate::str::contains(*n)).boxed();
    }
    walkaway()
        .arg("merge")
        .args(args)
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(stderr);
    assert_eq!(fs::read_dir(out.path()).map(|d| d.count()).unwrap_or(0), 0);
}

const SAMPLE: &str = "scenarios/short-runway.toml";

#[test]
fn parts_that_do_not_make_one_run_are_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let good = t.join("good");
    shards(Path::new(SAMPLE), &good, &[0, 1, 2], 3, &[]);
    let part = |dir: &Path, k: u64, n: u64| dir.join(format!("shard-{k}-of-{n}.part.json"));
    let (p0, p1, p2) = (part(&good, 0, 3), part(&good, 1, 3), part(&good, 2, 3));
    // The good parts merge.
    walkaway()
        .arg("merge")
        .arg(&good)
        .arg("--out")
        .arg(t.join("ok"))
        .assert()
        .success();

    // A missing shard.
    refused(&[&p0, &p2], &["missing shard 1 of 3"]);

    // A duplicate: the same shard under two names.
    let dup = t.join("dup");
    fs::create_dir(&dup).unwrap();
    for p in [&p0, &p1, &p2] {
        fs::copy(p, dup.join(p.file_name().unwrap())).unwrap();
    }
    fs::copy(&p1, dup.join("again.part.json")).unwrap();
    refused(
        &[&dup],
        &[
            "again.part.json",
            "shard-1-of-3.part.json",
            "both are shard 1/3",
        ],
    );

    // Another shard count.
    let two = t.join("two");
    shards(Path::new(SAMPLE), &two, &[1], 2, &[]);
    let other_n = part(&two, 1, 2);
    refused(
        &[&p0, &other_n],
        &["different shard counts", "shard-1-of-2.part.json"],
    );

    // Another seed, another path count.
    let seed = t.join("seed");
    shards(Path::new(SAMPLE), &seed, &[1], 3, &["--seed", "99"]);
    refused(
        &[&p0, &part(&seed, 1, 3), &p2],
        &["different seeds", "seed/shard-1-of-3"],
    );
    let paths = t.join("paths");
    shards(Path::new(SAMPLE), &paths, &[2], 3, &["--paths", "9001"]);
    refused(&[&p0, &p1, &part(&paths, 2, 3)], &["different path counts"]);

    // Another scenario file of the same name.
    let edited = t.join("edited");
    fs::create_dir(&edited).unwrap();
    let text = fs::read_to_string(SAMPLE).unwrap();
    let scenario = edited.join("short-runway.toml");
    fs::write(&scenario, format!("{text}\n# edited\n")).unwrap();
    shards(&scenario, &edited, &[1], 3, &[]);
    refused(
        &[&p0, &part(&edited, 1, 3), &p2],
        &["different scenario files"],
    );

    // Truncated, corrupt, and not a part at all.
    let bytes = fs::read(&p1).unwrap();
    let cut = t.join("cut.part.json");
    fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    refused(&[&p0, &cut, &p2], &["cut.part.json", "truncated"]);
    let mut flipped = bytes.clone();
    let at = flipped.len() - 100;
    let digit = (at..flipped.len())
        .find(|&i| flipped[i].is_ascii_digit())
        .unwrap();
    flipped[digit] = if flipped[digit] == b'1' { b'2' } else { b'1' };
    let bad = t.join("bad.part.json");
    fs::write(&bad, &flipped).unwrap();
    refused(&[&p0, &bad, &p2], &["bad.part.json", "corrupt"]);
    refused(
        &[&p0, Path::new(SAMPLE), &p2],
        &["short-runway.toml", "not a walkaway part"],
    );

    // Another format version, and another walkaway version with a valid
    // checksum.
    let (header, payload) = bytes.split_at(bytes.iter().position(|&b| b == b'\n').unwrap());
    let header = String::from_utf8(header.to_vec()).unwrap();
    let v2 = t.join("v2.part.json");
    let mut b = header
        .replace(
            &format!("\"format_version\":{FORMAT_VERSION}"),
            &format!("\"format_version\":{}", FORMAT_VERSION + 1),
        )
        .into_bytes();
    b.extend_from_slice(payload);
    fs::write(&v2, b).unwrap();
    refused(
        &[&p0, &v2, &p2],
        &[
            "v2.part.json",
            &format!("format version {}", FORMAT_VERSION + 1),
        ],
    );
    let payload = String::from_utf8(payload[1..].to_vec()).unwrap();
    let payload = payload
        .trim_end()
        .replacen(env!("CARGO_PKG_VERSION"), "0.0.1", 1);
    let sha: String = Sha256::digest(payload.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let header = format!(
        "{{\"format\":\"walkaway-shard-part\",\"format_version\":{FORMAT_VERSION},\"payload_bytes\":{},\"payload_sha256\":\"{sha}\"}}",
        payload.len()
    );
    let old = t.join("old.part.json");
    fs::write(&old, format!("{header}\n{payload}\n")).unwrap();
    refused(
        &[&p0, &old, &p2],
        &["old.part.json", "different walkaway versions"],
    );
}

/// `part` with its payload edited by `edit` and sealed again with a valid
/// checksum, as a hand-made or foreign part would be, written to `to`.
fn resealed(part: &Path, to: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let text = fs::read_to_string(part).unwrap();
    let (_, payload) = text.split_once('\n').unwrap();
    let mut v: serde_json::Value = serde_json::from_str(payload.trim_end()).unwrap();
    edit(&mut v);
    let payload = serde_json::to_string(&v).unwrap();
    let sha: String = Sha256::digest(payload.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let header = serde_json::json!({
        "format": "walkaway-shard-part",
        "format_version": FORMAT_VERSION,
        "payload_bytes": payload.len(),
        "payload_sha256": sha,
    });
    fs::write(to, format!("{header}\n{payload}\n")).unwrap();
}

/// The first object under `v` that has `key`.
fn first_with<'a>(v: &'a mut serde_json::Value, key: &str) -> &'a mut serde_json::Value {
    fn find<'a>(v: &'a mut serde_json::Value, key: &str) -> Option<&'a mut serde_json::Value> {
        match v {
            serde_json::Value::Object(m) if m.contains_key(key) => Some(v),
            serde_json::Value::Object(m) => m.values_mut().find_map(|x| find(x, key)),
            serde_json::Value::Array(a) => a.iter_mut().find_map(|x| find(x, key)),
            _ => None,
        }
    }
    find(v, key).unwrap_or_else(|| panic!("no {key} in the part"))
}

#[test]
fn parts_with_a_valid_checksum_but_foreign_numbers_are_refused_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    shards(Path::new(SAMPLE), t, &[0, 1], 2, &[]);
    let (p0, p1) = (
        t.join("shard-0-of-2.part.json"),
        t.join("shard-1-of-2.part.json"),
    );
    let bad = t.join("bad.part.json");

    // A sketch of another accuracy: the merge's assertion would fire.
    resealed(&p1, &bad, |v| {
        let sketch = first_with(v, "mapping");
        let shift = sketch["mapping"]["shift"].as_u64().unwrap();
        sketch["mapping"]["shift"] = (shift - 1).into();
    });
    refused(&[&p0, &bad], &["bad.part.json", "accuracy"]);

    // A sketch whose bins do not add up to its count.
    resealed(&p1, &bad, |v| {
        let sketch = first_with(v, "mapping");
        let count = sketch["count"].as_u64().unwrap();
        sketch["count"] = (count + 1).into();
    });
    refused(&[&p0, &bad], &["bad.part.json", "bins hold"]);

    // A chunk record short.
    resealed(&p1, &bad, |v| {
        first_with(v, "exact")["exact"]
            .as_array_mut()
            .unwrap()
            .pop();
    });
    refused(&[&p0, &bad], &["bad.part.json", "corrupt"]);

    // The chunk count changed in both parts alike.
    let bad0 = t.join("bad0.part.json");
    for (from, to) in [(&p0, &bad0), (&p1, &bad)] {
        resealed(from, to, |v| {
            let id = first_with(v, "chunks");
            let chunks = id["chunks"].as_u64().unwrap();
            id["chunks"] = (chunks + 2).into();
        });
    }
    refused(&[&bad0, &bad], &["bad0.part.json", "chunks"]);

    // A moment counting more values than the chunk has paths: summed over
    // the chunks it would overflow rather than be noticed.
    resealed(&p1, &bad, |v| {
        first_with(v, "n")["n"] = u64::MAX.into();
    });
    refused(
        &[&p0, &bad],
        &["bad.part.json", "chunk", "18446744073709551615 values"],
    );
}

#[test]
fn a_sample_file_changed_or_gone_since_the_shards_is_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    fs::create_dir(t.join("data")).unwrap();
    let csv = t.join("data/offers.csv");
    fs::copy("scenarios/data/offers.csv", &csv).unwrap();
    let scenario = t.join("market-data.toml");
    fs::copy("scenarios/market-data.toml", &scenario).unwrap();
    let parts = t.join("parts");
    shards(&scenario, &parts, &[0, 1], 2, &[]);
    walkaway()
        .arg("merge")
        .arg(&parts)
        .arg("--out")
        .arg(t.join("ok"))
        .assert()
        .success();

    // One more row: the file's SHA-256 is not the one the parts recorded.
    let text = fs::read_to_string(&csv).unwrap();
    fs::write(&csv, format!("{}mid,1.2\n", text)).unwrap();
    refused(
        &[&parts],
        &["offers.csv", "market.offer", "changed since the shards"],
    );

    fs::remove_file(&csv).unwrap();
    refused(&[&parts], &["offers.csv", "cannot be read here"]);
}

#[test]
fn a_retried_shard_replaces_its_own_part_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("notes.txt"), "mine").unwrap();
    shards(Path::new(SAMPLE), dir, &[1], 3, &[]);
    let part = dir.join("shard-1-of-3.part.json");
    let first = fs::read(&part).unwrap();
    fs::write(&part, "a half-written part from a killed run").unwrap();
    shards(Path::new(SAMPLE), dir, &[1], 3, &[]);
    assert_eq!(fs::read(&part).unwrap(), first);
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["notes.txt", "shard-1-of-3.part.json"]);
    assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
}

/// `--shard auto/N` with the scheduler's variables: the part written, or
/// the refusal's message.
fn auto(n: u64, vars: &[(&str, &str)]) -> Result<String, String> {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = walkaway();
    c.args([
        "run",
        SAMPLE,
        "--paths",
        "100",
        "--no-charts",
        "--no-frontier",
    ])
    .args(["--quiet", "--shard", &format!("auto/{n}"), "--out"])
    .arg(tmp.path());
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    if out.status.success() {
        let names: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1);
        Ok(names[0].clone())
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
        Err(String::from_utf8(out.stderr).unwrap())
    }
}

#[test]
fn auto_reads_the_index_each_scheduler_gives() {
    let slurm = auto(10, &[("SLURM_ARRAY_TASK_ID", "7")]);
    assert_eq!(slurm.unwrap(), "shard-7-of-10.part.json");
    let from_one = auto(
        10,
        &[("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1")],
    );
    assert_eq!(from_one.unwrap(), "shard-0-of-10.part.json");
    assert_eq!(
        auto(3, &[("JOB_COMPLETION_INDEX", "2")]).unwrap(),
        "shard-2-of-3.part.json"
    );
    assert_eq!(
        auto(3, &[("PARALLEL_SEQ", "1")]).unwrap(),
        "shard-0-of-3.part.json"
    );
    let none = auto(3, &[]).unwrap_err();
    assert!(none.contains("SLURM_ARRAY_TASK_ID"), "{none}");
    let outside = auto(3, &[("PARALLEL_SEQ", "4")]).unwrap_err();
    assert!(
        outside.contains("outside 0..3") && outside.contains("PARALLEL_SEQ=4"),
        "{outside}"
    );
    let junk = auto(3, &[("JOB_COMPLETION_INDEX", "x")]).unwrap_err();
    assert!(junk.contains("JOB_COMPLETION_INDEX"), "{junk}");
    // An explicit index outside 0..N is refused too.
    walkaway()
        .args(["run", SAMPLE, "--shard", "3/3", "--out"])
        .arg(tempfile::tempdir().unwrap().path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("outside 0..3"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Any shard count and any thread counts: the parts, written to JSON and
    /// read back, merge to the aggregate of the single run.
    #[test]
    fn any_split_and_thread_count_merges_to_the_single_run(
        paths in 1u64..40_000,
        count in 1u64..=64,
        threads in 1usize..=3,
        single_threads in 1usize..=3,
        seed in any::<u64>(),
        charts in any::<bool>(),
    ) {
        let s = walkaway::scenario::load_file(Path::new(SAMPLE)).unwrap();
        let params = Params::new(&s);
        let plan = Plan { paths, seed, charts };
        let single = engine::simulate(
            &params, &plan, &engine::pool(Some(single_threads)).unwrap(), &engine::Quiet,
        ).unwrap();
        let pool = engine::pool(Some(threads)).unwrap();
        let (mut exact, mut sketches, mut fan) =
            (ExactStats::default(), Sketches::default(), FanSamples::default());
        for index in 0..count {
            let range = Shard { index, count }.range(engine::chunk_count(paths));
            let part = engine::simulate_range(&params, &plan, range, &pool, &engine::Quiet).unwrap();
            let json = serde_json::to_string(&part).unwrap();
            let part: ChunkRange = serde_json::from_str(&json).unwrap();
            part.exact.iter().for_each(|e| exact.merge(e));
            sketches.merge(&part.sketches);
            fan.extend(part.fan);
        }
        let merged = engine::Aggregate::assemble(&params, &plan, exact, sketches, fan);
        prop_assert_eq!(merged, single);
    }
}

proptest! {
    /// A part's numbers are JSON numbers: every finite f64 (subnormals and
    /// -0 included) must read back to the same bits.
    #[test]
    fn every_finite_f64_crosses_json_exactly(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let back: f64 = serde_json::from_str(&serde_json::to_string(&x).unwrap()).unwrap();
        prop_assert_eq!(back.to_bits(), bits);
    }
}

/// The flags of the sharded and the single sweep alike: a grid of 4 x 2
/// points of a scenario with a sample file.
const SWEEP: [&str; 9] = [
    "sweep",
    "scenarios/market-data.toml",
    "--vary",
    "offer.base=120000..150000:4",
    "--vary",
    "candidate.runway_months=4..10:2",
    "--paths",
    "3000",
    "--quiet",
];

#[test]
fn a_sweep_in_three_parallel_shards_merges_to_the_single_sweep_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = single_and_merged(&SWEEP, 3, tmp.path());
    assert!(a.contains_key(Path::new("sweep.csv")), "{:?}", a.keys());
    same_bytes(&a, &b);
    let parts = tmp.path().join("parts");

    // A shard missing, a sweep part with a run's parts, another grid.
    let p = |k: u64| parts.join(format!("shard-{k}-of-3.part.json"));
    refused(&[&p(0), &p(2)], &["missing shard 1 of 3"]);
    let run = tmp.path().join("run");
    shards(Path::new(SAMPLE), &run, &[1], 3, &[]);
    refused(
        &[&p(0), &run.join("shard-1-of-3.part.json"), &p(2)],
        &["different commands", "run/shard-1-of-3.part.json"],
    );
    let other = tmp.path().join("other");
    walkaway()
        .args(&SWEEP[..3])
        .arg("offer.base=120000..150000:3")
        .args(&SWEEP[4..])
        .args(["--shard", "1/3", "--out"])
        .arg(&other)
        .assert()
        .success();
    refused(
        &[&p(0), &other.join("shard-1-of-3.part.json"), &p(2)],
        &["different sweeps", "other/shard-1-of-3.part.json"],
    );
}

/// The flags of the sharded and the single sensitivity run alike: three
/// scenarios, one unemployed (two maps), one with a sample file; few paths,
/// as only the equality of the bytes is asserted.
const SENSITIVITY: [&str; 10] = [
    "sensitivity",
    "scenarios/short-runway.toml",
    "scenarios/employed.toml",
    "scenarios/market-data.toml",
    "--paths",
    "1500",
    "--map-paths",
    "200",
    "--quiet",
    "--seed=5",
];

#[test]
fn a_sensitivity_run_in_four_parallel_shards_merges_to_the_single_run_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = single_and_merged(&SENSITIVITY, 4, tmp.path());
    for file in [
        "short-runway/map_role.csv",
        "short-runway/map_runway.png",
        "employed/tornado.csv",
        "market-data/tornado.png",
    ] {
        assert!(a.contains_key(Path::new(file)), "{file}: {:?}", a.keys());
    }
    assert!(!a.contains_key(Path::new("employed/map_runway.csv")));
    same_bytes(&a, &b);

    // A shard missing, a sensitivity part among a run's, another --map-paths,
    // a unit whose count no run makes.
    let parts = tmp.path().join("parts");
    let p = |k: u64| parts.join(format!("shard-{k}-of-4.part.json"));
    refused(&[&p(0), &p(1), &p(3)], &["missing shard 2 of 4"]);
    let run = tmp.path().join("run");
    shards(Path::new(SAMPLE), &run, &[0], 4, &[]);
    refused(
        &[&run.join("shard-0-of-4.part.json"), &p(1), &p(2), &p(3)],
        &["different commands", "run/shard-0-of-4.part.json"],
    );
    let other = tmp.path().join("other");
    walkaway()
        .args(&SENSITIVITY[..7])
        .arg("300")
        .args(&SENSITIVITY[8..])
        .args(["--shard", "2/4", "--out"])
        .arg(&other)
        .assert()
        .success();
    refused(
        &[&p(0), &p(1), &other.join("shard-2-of-4.part.json"), &p(3)],
        &["different sensitivity runs", "other/shard-2-of-4.part.json"],
    );
    let bad = tmp.path().join("bad.part.json");
    resealed(&p(1), &bad, |v| {
        first_with(v, "n")["n"] = u64::MAX.into();
    });
    refused(
        &[&p(0), &bad, &p(2), &p(3)],
        &["bad.part.json", "unit", "values"],
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// A sensitivity run's units computed in any contiguous pieces, on any
    /// thread counts, are the units computed at once: the property a
    /// shard's share rests on, whatever its boundaries.
    #[test]
    fn sensitivity_units_in_any_pieces_are_the_units_at_once(
        cuts in proptest::collection::vec(0.0f64..1.0, 0..6),
        threads in 1usize..=3,
        whole_threads in 1usize..=3,
        seed in any::<u64>(),
    ) {
        use walkaway::sensitivity::{Options, Plan};
        let s = walkaway::scenario::load_file(Path::new(SAMPLE))
            .unwrap()
            .with_overrides(Some(300), Some(seed));
        let opts = Options { map_paths: Some(40), ..Options::default() };
        let plan = Plan::new(&s, &opts).unwrap();
        let units = plan.units();
        let whole = plan
            .compute(0..units, &engine::pool(Some(whole_threads)).unwrap(), &engine::Quiet, 0)
            .unwrap();
        let mut bounds: Vec<usize> = cuts.iter().map(|c| (c * units as f64) as usize).collect();
        bounds.extend([0, units]);
        bounds.sort_unstable();
        let pool = engine::pool(Some(threads)).unwrap();
        let mut pieces = Vec::new();
        for w in bounds.windows(2) {
            pieces.extend(plan.compute(w[0]..w[1], &pool, &engine::Quiet, 0).unwrap());
        }
        prop_assert_eq!(pieces, whole);
    }

    /// Shards balanced by weight tile the units in order, and no shard's
    /// work exceeds an even share by more than its largest unit.
    #[test]
    fn weighted_shares_tile_the_units(
        weights in proptest::collection::vec(0u64..1_000_000, 0..300),
        count in 1u64..100,
    ) {
        let total: u64 = weights.iter().sum();
        let largest = weights.iter().copied().max().unwrap_or(0);
        let mut next = 0;
        for index in 0..count {
            let r = Shard { index, count }.weighted_range(&weights);
            prop_assert_eq!(r.start, next);
            prop_assert!(r.end >= r.start);
            let work: u64 = weights[r.start as usize..r.end as usize].iter().sum();
            prop_assert!(work as f64 <= total as f64 / count as f64 + largest as f64 + 1.0);
            next = r.end;
        }
        prop_assert_eq!(next, weights.len() as u64);
    }
}
