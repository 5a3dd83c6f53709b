//! The tornado against ordinary runs: a point of a bar is `walkaway run`
//! of the scenario with that point's value written into the file.

use std::fs;
use std::path::Path;

use walkaway::engine::{Quiet, pool};
use walkaway::scenario::load_file;
use walkaway::sensitivity::tornado::{POINTS, TornadoRow, tornado, write_tornado};

mod common;
use common::{table, walkaway, write_file};

#[test]
fn a_point_is_the_run_of_the_scenario_with_that_value_written_in() {
    let paths = 3000;
    let s = load_file(Path::new("scenarios/short-runway.toml")).unwrap();
    let t = tornado(&s, paths, &pool(Some(2)).unwrap(), &Quiet).unwrap();
    // Unemployed: eleven rows of numbers, thirteen distributions.
    assert_eq!(t.bars.len(), 24);
    assert!(t.bars.windows(2).all(|w| w[0].swing() >= w[1].swing()));
    let raise = t.bars.iter().find(|b| b.input == "career.raise").unwrap();
    let p90 = &raise.points[POINTS - 1];
    let x = p90.value.number().expect("held at a number");

    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("scenarios/short-runway.toml").unwrap();
    assert!(!text.contains("[career]"));
    // `{x}` writes the shortest text that reads back as the same float.
    let file = write_file(
        dir.path(),
        "short-runway.toml",
        &format!("{text}\n[career]\nraise = {x}\n"),
    );
    let out = dir.path().join("run");
    walkaway()
        .args(["run", "--quiet", "--no-charts", "--no-frontier", "--paths"])
        .arg(paths.to_string())
        .arg("--out")
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let rows = table(&out.join("summary.csv"));
    let mean = |name: &str| -> f64 {
        let r = rows.iter().find(|r| r["strategy"] == name).unwrap();
        r["value_mean"].parse().unwrap()
    };
    let delta = mean("counter_walk").max(mean("walk")) - mean("accept").max(mean("counter_accept"));
    // summary.csv writes money to the cent, so each of the two means read
    // back is within half a cent of the exact one the tornado used.
    assert!(
        (delta - p90.outcome.delta).abs() <= 0.01,
        "{delta} vs {}",
        p90.outcome.delta
    );
    let verdict = &table(&out.join("verdicts.csv"))[0];
    assert_eq!(verdict["sim_strategy"], p90.outcome.pick.name());

    // tornado.csv: a row per point, in the order of the bars.
    let written = tempfile::tempdir().unwrap();
    write_tornado(written.path(), &t).unwrap();
    let csv = fs::read_to_string(written.path().join("tornado.csv")).unwrap();
    assert_eq!(
        csv.lines().next().unwrap(),
        walkaway::report::format::columns::<TornadoRow>().join(",")
    );
    assert_eq!(
        csv.lines().next().unwrap(),
        "input,point,value,delta,delta_se,pick,verdict,clamped"
    );
    let rows = table(&written.path().join("tornado.csv"));
    assert_eq!(rows.len(), 24 * POINTS);
    let r = rows
        .iter()
        .find(|r| r["input"] == "career.raise" && r["point"] == "5")
        .unwrap();
    assert_eq!(r["value"].parse::<f64>().unwrap(), x);
    assert!(written.path().join("tornado.png").is_file());
}
