//! The walk-away numbers at the ends of the ranges searched, through the
//! real binary: a best floor at half the floor (short-runway) and an offer
//! verdict that holds over the whole range (short-runway signs everywhere)
//! are said to be at the edge in the terminal summary, report.md and
//! report.html; a scenario whose numbers lie inside (employed) says
//! nothing of the kind.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const PATHS: &str = "4000";

/// Runs the scenarios and returns stdout.
fn run(out: &Path, stems: &[&str]) -> String {
    let mut cmd = Command::cargo_bin("walkaway").unwrap();
    cmd.arg("run");
    for s in stems {
        cmd.arg(format!("scenarios/{s}.toml"));
    }
    let done = cmd
        .args(["--paths", PATHS, "--frontier-paths", PATHS, "--no-charts"])
        .args(["--quiet", "--out"])
        .arg(out)
        .assert()
        .success();
    String::from_utf8(done.get_output().stdout.clone()).unwrap()
}

/// `frontier.csv`'s row of a scenario, by column name.
fn frontier(out: &Path, stem: &str) -> impl Fn(&str) -> String {
    let text = fs::read_to_string(out.join(stem).join("frontier.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    let row: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    move |col: &str| row[head.iter().position(|h| h == col).unwrap()].clone()
}

/// The part of the terminal summary about one scenario.
fn summary_of<'a>(stdout: &'a str, stem: &str) -> &'a str {
    let start = stdout.find(&format!("({stem}, ")).unwrap();
    let rest = &stdout[start..];
    let end = rest[1..].find("\n\n").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn numbers_at_the_edge_of_their_range_say_so_and_others_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let stdout = run(out, &["short-runway", "employed"]);

    // The premise, from the data: short-runway's best floor is the lowest
    // tried, and no offer boundary to sign exists, as every offer is taken.
    let f = frontier(out, "short-runway");
    let floor: f64 = f("floor").parse().unwrap();
    let best: f64 = f("best_floor").parse().unwrap();
    assert!((best - 0.5 * floor).abs() < 1e-6 * floor, "{best}");
    assert_eq!(f("take_at"), "");
    let bands = fs::read_to_string(out.join("short-runway/offer_bands.csv")).unwrap();
    assert!(
        bands.lines().skip(1).all(|l| l.ends_with(",TAKE")),
        "{bands}"
    );

    let term = summary_of(&stdout, "short-runway");
    assert!(
        term.contains("50k is the lowest floor tried, half yours: no higher floor did better"),
        "{term}"
    );
    assert!(
        term.contains("sign holds down to 50k, the lowest offer tried"),
        "{term}"
    );
    assert!(!term.contains("settles on sign"), "{term}");
    let md = fs::read_to_string(out.join("short-runway/report.md")).unwrap();
    let html = fs::read_to_string(out.join("short-runway/report.html")).unwrap();
    for page in [&md, &html] {
        assert!(
            page.contains("That is the bottom of the range searched, half your floor"),
            "{page}"
        );
        assert!(page.contains("Sign at any offer in the range."), "{page}");
        assert!(!page.contains("No offer to sign for good"), "{page}");
    }

    // employed: the best floor lies inside the range, and so do both
    // boundaries the report names.
    let f = frontier(out, "employed");
    let floor: f64 = f("floor").parse().unwrap();
    let best: f64 = f("best_floor").parse().unwrap();
    assert!(best > 0.51 * floor && best < 1.49 * floor, "{best}");
    assert_ne!(f("take_at"), "");
    let term = summary_of(&stdout, "employed");
    let md = fs::read_to_string(out.join("employed/report.md")).unwrap();
    let html = fs::read_to_string(out.join("employed/report.html")).unwrap();
    for text in [term, &md, &html] {
        for edge in [
            "floor tried",
            "range searched",
            "offer tried",
            "at any offer in the range",
        ] {
            assert!(!text.contains(edge), "{edge}: {text}");
        }
    }
    assert!(term.contains("search with a floor of"), "{term}");

    // The index's "Sign from" column: at most the lowest offer tried for
    // short-runway, the boundary for employed.
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    let row = |stem: &str| {
        let i = index.find(&format!("<small>{stem}</small>")).unwrap();
        index[i..i + index[i..].find("</tr>").unwrap()].to_string()
    };
    assert!(row("short-runway").contains(">≤ USD 50k<"), "{index}");
    assert!(!row("employed").contains('≤') && !row("employed").contains('≥'));
}
