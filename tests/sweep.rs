//! `walkaway sweep` through the real binary: the grid, the rows, the
//! refusals, thread independence, and agreement with `walkaway run`.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use walkaway::model::Strategy;

mod common;
use common::{interrupt_midway, table, walkaway, write_file};

fn sweep(file: &str, vary: &[&str], extra: &[&str], out: &Path) -> assert_cmd::assert::Assert {
    let mut c = walkaway();
    c.args(["sweep", file, "--quiet", "--out"]).arg(out);
    for v in vary {
        c.args(["--vary", v]);
    }
    c.args(extra).assert()
}

#[test]
fn a_one_input_grid_has_its_values_and_a_row_per_point_and_strategy() {
    let out = tempfile::tempdir().unwrap();
    sweep(
        "scenarios/employed.toml",
        &["offer.base=130000..170000:5"],
        &["--paths", "3000"],
        out.path(),
    )
    .success();
    let rows = table(&out.path().join("sweep.csv"));
    assert_eq!(rows.len(), 5 * Strategy::COUNT);
    let values: Vec<&str> = rows.iter().map(|r| r["offer.base"].as_str()).collect();
    for (i, v) in ["130000", "140000", "150000", "160000", "170000"]
        .iter()
        .enumerate()
    {
        assert!(
            values[i * Strategy::COUNT..(i + 1) * Strategy::COUNT]
                .iter()
                .all(|x| x == v)
        );
    }
    assert!(
        rows.iter()
            .all(|r| r["paths"] == "3000" && r["seed"] == "42")
    );
    let verdicts = table(&out.path().join("sweep_verdicts.csv"));
    assert_eq!(verdicts.len(), 5);
    // The offer's pay, base x (1 + bonus) + equity, moves in equal steps.
    let comp: Vec<f64> = verdicts
        .iter()
        .map(|r| r["offer_comp"].parse().unwrap())
        .collect();
    let step = comp[1] - comp[0];
    assert!(step >= 10000.0);
    assert!(
        comp.windows(2).all(|w| (w[1] - w[0] - step).abs() < 1e-6),
        "{comp:?}"
    );
    assert!(out.path().join("sweep.png").is_file());
}

#[test]
fn a_two_input_grid_varies_the_first_slowest_and_scales_a_distribution() {
    let out = tempfile::tempdir().unwrap();
    sweep(
        "scenarios/middle-runway.toml",
        &["counter.success=0.2..0.8:3", "career.raise=0.5..1.5:2"],
        &["--paths", "1000"],
        out.path(),
    )
    .success();
    let rows = table(&out.path().join("sweep_verdicts.csv"));
    let pairs: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r["counter.success"].clone(), r["career.raise (x)"].clone()))
        .collect();
    let want = [
        ("0.2", "0.5"),
        ("0.2", "1.5"),
        ("0.5", "0.5"),
        ("0.5", "1.5"),
        ("0.8", "0.5"),
        ("0.8", "1.5"),
    ];
    assert_eq!(
        pairs,
        want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
    assert_eq!(
        table(&out.path().join("sweep.csv")).len(),
        6 * Strategy::COUNT
    );
}

#[test]
fn bad_vary_arguments_exit_2_and_write_nothing() {
    let cases: [(&[&str], &str); 9] = [
        (&["market.sofness=1..2:3"], "did you mean `market.softness`"),
        (&["simulation.seed=1..2:3"], "simulation.seed"),
        (&["candidate.employed=0..1:2"], "true/false"),
        (&["offer.base=2..1:3"], "greater than HI"),
        (&["offer.base=1..2:1"], "at least 2"),
        (&["offer.base=1..2"], "KEY=LO..HI:N"),
        (&["offer.base=a..2:3"], "`a` is not a number"),
        (&["offer.base=1..2:2", "offer.base=1..3:2"], "varied twice"),
        (
            &[
                "offer.base=1..2:2",
                "offer.sign_on=0..1:2",
                "counter.weeks=1..2:2",
            ],
            "one or two inputs",
        ),
    ];
    for (vary, says) in cases {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("o");
        sweep("scenarios/employed.toml", vary, &["--paths", "100"], &dir)
            .code(2)
            .stderr(predicate::str::contains(says));
        assert!(!dir.exists(), "{vary:?} wrote {}", dir.display());
    }
    // A grid that leaves a key's bounds names the key, the value and the bound.
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("o");
    sweep(
        "scenarios/employed.toml",
        &["counter.success=0.5..1.5:3"],
        &["--paths", "100"],
        &dir,
    )
    .code(2)
    .stderr(predicate::str::contains(
        "`counter.success` = 1.5 leaves its bounds: 1.5 is not between 0 and 1 inclusive",
    ));
    assert!(!dir.exists());
}

#[test]
fn the_same_bytes_for_any_thread_count() {
    let dirs: Vec<_> = ["1", "2"]
        .iter()
        .map(|t| {
            let out = tempfile::tempdir().unwrap();
            sweep(
                "scenarios/short-runway.toml",
                &["market.softness=0.8..1.6:3"],
                &["--paths", "9000", "--threads", t],
                out.path(),
            )
            .success();
            out
        })
        .collect();
    for f in ["sweep.csv", "sweep_verdicts.csv", "sweep.png"] {
        let a = fs::read(dirs[0].path().join(f)).unwrap();
        let b = fs::read(dirs[1].path().join(f)).unwrap();
        assert!(a == b, "{f} differs between 1 and 2 threads");
    }
}

/// A grid point is an ordinary run of the scenario with the value written
/// in: its summary and verdict rows are `walkaway run`'s, cell for cell.
#[test]
fn a_grid_point_is_the_run_of_the_edited_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("scenarios/middle-runway.toml").unwrap();
    assert!(!text.contains("[market]"));
    let edited = format!("{text}\n[market]\nsoftness = 1.4\n");
    let file = write_file(dir.path(), "middle-runway.toml", &edited);
    let out = dir.path().join("run");
    walkaway()
        .args([
            "run",
            "--quiet",
            "--no-charts",
            "--no-frontier",
            "--paths",
            "5000",
            "--out",
        ])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let swept = dir.path().join("sweep");
    sweep(
        "scenarios/middle-runway.toml",
        &["market.softness=1.0..1.4:2"],
        &["--paths", "5000"],
        &swept,
    )
    .success();
    let run = table(&out.join("summary.csv"));
    let point: Vec<_> = table(&swept.join("sweep.csv"))
        .into_iter()
        .filter(|r| r["market.softness"] == "1.4")
        .collect();
    assert_eq!(point.len(), run.len());
    for (p, r) in point.iter().zip(&run) {
        for (col, cell) in r {
            assert_eq!(&p[col], cell, "{col}");
        }
    }
    let run = &table(&out.join("verdicts.csv"))[0];
    let point = &table(&swept.join("sweep_verdicts.csv"))[1];
    for (col, cell) in run {
        assert_eq!(&point[col], cell, "{col}");
    }
}

/// The walk-away numbers of `run` and a sweep over the offer agree: a
/// little above `take_at` the sweep takes, a little below it does not;
/// below `walk_below` it walks, above it does not.
#[test]
fn a_sweep_over_the_offer_agrees_with_the_walk_away_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let paths = "4096";
    walkaway()
        .args([
            "run",
            "scenarios/weak-small-gap.toml",
            "--quiet",
            "--no-charts",
        ])
        .args(["--paths", paths, "--frontier-paths", paths, "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let f = &table(&dir.path().join("frontier.csv"))[0];
    let num = |c: &str| {
        f[c].parse::<f64>()
            .unwrap_or_else(|_| panic!("{c}: {}", f[c]))
    };
    // weak-small-gap: no bonus or equity, so the offer's pay is its base.
    let d = 0.004 * num("floor");
    for (at, class, is_walk) in [
        (num("take_at"), "TAKE", false),
        (num("walk_below"), "", true),
    ] {
        let out = dir.path().join(format!("s{at}"));
        let grid = format!("offer.base={}..{}:2", at - d, at + d);
        sweep(
            "scenarios/weak-small-gap.toml",
            &[&grid],
            &["--paths", paths],
            &out,
        )
        .success();
        let v = table(&out.join("sweep_verdicts.csv"));
        let (below, above) = (&v[0], &v[1]);
        if is_walk {
            assert_eq!(below["sim_strategy"], "walk");
            assert_ne!(above["sim_strategy"], "walk");
        } else {
            assert_ne!(below["sim_verdict"], class);
            assert_eq!(above["sim_verdict"], class);
        }
    }
}

/// Ctrl-C in the middle of a grid: exit 130 at once and no file at all.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_sweep_and_leaves_no_file() {
    let run = interrupt_midway(
        &[
            "sweep",
            "scenarios/employed.toml",
            "--vary",
            "market.softness=0.8..1.2:3",
            "--paths",
            "1000000000",
        ],
        "-INT",
    );
    let stderr = &run.stderr;
    assert_eq!(run.code, Some(130), "{stderr}");
    assert!(run.took < std::time::Duration::from_secs(2));
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(!run.out.exists(), "{} was created", run.out.display());
}
