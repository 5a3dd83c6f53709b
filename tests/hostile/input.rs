//! What is read: file names that would put an output folder outside
//! `--out` or onto a batch file, numbers past the bounds that keep the
//! arithmetic finite, files too large to read, and text that must never
//! reach the terminal raw. Corpus: tests/hostile/corpus/input-*.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::common::*;

use walkaway::report::BATCH_FILES;
use walkaway::report::csv::NONE_FOR_ACCEPT;

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// No byte of `bytes` is a control character other than a newline ending
/// a line, and no C1 control or bidirectional override in UTF-8 either.
fn assert_no_raw_controls(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.chars().enumerate() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(
            !bad,
            "{what}: raw control {c:?} at character {i}:\n{text:?}"
        );
    }
}

fn run_paths(sb: &Sandbox, args: &[&Path]) -> std::process::Output {
    let mut c = walkaway();
    c.args(["run", "--no-charts", "--quiet", "--paths", "500", "--out"])
        .arg(sb.out());
    for a in args {
        c.arg(a);
    }
    let o = c.output().unwrap();
    no_panic(&o);
    o
}

/// A file name that would put the output folder outside `--out`, hide it,
/// clash with a batch file or a Windows device, or be too long: `check`
/// refuses it naming the file and what to rename, `run` writes nothing for
/// it and still runs the good file beside it, and nothing outside `--out`
/// changes.
#[test]
fn unsafe_stems_are_refused_by_check_and_run_alike() {
    let long = format!("{}.toml", "a".repeat(250));
    let names = [
        "...toml",
        "..toml",
        ".toml",
        ".hidden.toml",
        "summary.csv.toml",
        "Verdicts.JSON.toml",
        "run.json.toml",
        "overview.png.toml",
        "CON.toml",
        "nul.txt.toml",
        "LPT1.toml",
        long.as_str(),
        "bell\u{7}title.toml",
    ];
    for name in names {
        let sb = Sandbox::new();
        let good = sb.write("good.toml", &scenario(""));
        let bad = sb.write(name, &scenario(""));
        let shown = name.replace('\u{7}', "\\u{7}");
        let o = walkaway().arg("check").arg(&bad).output().unwrap();
        no_panic(&o);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {e}");
        assert!(e.contains(&shown), "{name}: the file is not named: {e}");
        assert!(e.contains("rename the file"), "{name}: {e}");
        assert_no_raw_controls(name, &o.stderr);
        // The same file in a batch with a good one, named on the command
        // line and found in the folder: the good one runs, the bad one
        // writes nothing anywhere.
        for args in [
            vec![good.as_path(), bad.as_path()],
            vec![sb.input().as_path()],
        ] {
            let o = untouched_outside_out(&sb, || run_paths(&sb, &args));
            let discovered = args.len() == 1;
            if discovered && name == ".toml" {
                // `.toml` has no extension: a folder does not list it.
                assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
            } else {
                assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
                assert!(stderr(&o).contains(&shown), "{name}: {}", stderr(&o));
            }
            let mut top: BTreeSet<String> = fs::read_dir(sb.out())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert!(top.remove("good"), "{name}: the good file did not run");
            for f in BATCH_FILES {
                top.remove(*f);
            }
            assert!(top.is_empty(), "{name}: wrote {top:?} in --out");
            let written = files_under(&sb.out());
            assert!(
                written
                    .iter()
                    .all(|p| p.starts_with("good") || p.components().count() == 1),
                "{name}: {written:?}"
            );
            assert!(sb.out().join("good/summary.csv").is_file());
        }
    }
}

/// The list of batch files the reader keeps stems away from is what a run
/// with every output writes in `--out`.
#[test]
fn batch_files_are_what_a_full_run_writes_in_the_out_root() {
    let sb = Sandbox::new();
    let good = sb.write("good.toml", &scenario(""));
    let o = untouched_outside_out(&sb, || {
        walkaway()
            .args(["run", "--json", "--per-path", "3", "--quiet", "--out"])
            .arg(sb.out())
            .arg(&good)
            .output()
            .unwrap()
    });
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let root: BTreeSet<String> = fs::read_dir(sb.out())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = BATCH_FILES.iter().map(|s| s.to_string()).collect();
    assert_eq!(root, listed);
}

fn corpus_cases() -> Vec<(String, String, String)> {
    fs::read_to_string(corpus("input-expected.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut f = l.split('\t').map(str::to_string);
            (f.next().unwrap(), f.next().unwrap(), f.next().unwrap())
        })
        .collect()
}

/// The inputs that `check` used to accept (numbers past what the
/// arithmetic holds, control characters, overlong names, integers past
/// i64), each refused by `check` and `run` with exit 2, a message naming
/// the file, the key (or line) and the bound, nothing raw on the terminal
/// and nothing written.
#[test]
fn the_corpus_is_refused_naming_the_key_and_the_bound() {
    let cases = corpus_cases();
    assert!(cases.len() >= 19, "{} cases", cases.len());
    let listed: BTreeSet<String> = cases.iter().map(|c| c.0.clone()).collect();
    let on_disk: BTreeSet<String> = fs::read_dir(corpus(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("input-") && n.ends_with(".toml"))
        .collect();
    assert_eq!(listed, on_disk, "input-expected.tsv lists every input file");
    for (file, place, says) in cases {
        let path = corpus(&file);
        let o = walkaway().arg("check").arg(&path).output().unwrap();
        no_panic(&o);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{file}: {e}");
        assert!(
            e.contains(&format!("{file}: {place}: ")),
            "{file}: not at `{place}`: {e}"
        );
        assert!(e.contains(&says), "{file}: does not say `{says}`: {e}");
        assert!(!e.contains("u64"), "{file}: {e}");
        assert_no_raw_controls(&file, &o.stderr);
        assert_no_raw_controls(&file, &o.stdout);
        let sb = Sandbox::new();
        let o = untouched_outside_out(&sb, || run_paths(&sb, &[&path]));
        assert_eq!(o.status.code(), Some(2), "{file}: {}", stderr(&o));
        assert_no_raw_controls(&file, &o.stderr);
        assert!(files_under(&sb.out()).is_empty(), "{file} wrote files");
    }
}

/// A name whose newline would start a Markdown heading never reaches
/// report.md: the scenario is refused, so no report is written at all.
#[test]
fn a_newline_in_a_name_cannot_inject_a_heading() {
    let sb = Sandbox::new();
    let f = sb.write(
        "heading.toml",
        &format!("name = \"offer\\n# Injected\"\n{}", scenario("")),
    );
    let o = untouched_outside_out(&sb, || run_paths(&sb, &[&f]));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("heading.toml: name: holds the control character `\\u{a}`"));
    assert!(files_under(&sb.out()).is_empty());
    // The same name on one line is fine, and is the report's title as
    // written, never a heading of its own.
    let f = sb.write(
        "heading.toml",
        &format!("name = \"offer # Not a heading\"\n{}", scenario("")),
    );
    let o = untouched_outside_out(&sb, || run_paths(&sb, &[&f]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = fs::read_to_string(sb.out().join("heading/report.md")).unwrap();
    assert!(!report.lines().any(|l| l.starts_with("# Not a heading")));
}

/// A 3 GB file (sparse, so it costs no disk) is refused from its size,
/// before anything is read: fast, and with the limit in the message.
#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let sb = Sandbox::new();
    // Beside the sandbox: its fingerprint of every file would read 3 GB.
    let elsewhere = tempfile::tempdir().unwrap();
    let huge = elsewhere.path().join("huge.toml");
    fs::File::create(&huge).unwrap().set_len(3 << 30).unwrap();
    let started = Instant::now();
    let o = walkaway().arg("check").arg(&huge).output().unwrap();
    let took = started.elapsed();
    no_panic(&o);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(
        e.contains("huge.toml: the file is 3221225472 bytes; a scenario file may be at most 1 MB (1048576 bytes)"),
        "{e}"
    );
    // Reading 3 GB of zeros takes seconds and as much memory; refusing it
    // from the metadata takes the start of a process.
    assert!(took < Duration::from_secs(3), "took {took:?}");
    let o = untouched_outside_out(&sb, || run_paths(&sb, &[&huge]));
    assert_eq!(o.status.code(), Some(2));
    assert!(files_under(&sb.out()).is_empty());
    // The limit itself: a valid scenario padded with a comment to exactly
    // 1 MB is read; one byte more is refused.
    let body = scenario("");
    let pad = (1 << 20) - body.len() - 2;
    let exact = format!("{body}#{}\n", "x".repeat(pad));
    assert_eq!(exact.len(), 1 << 20);
    let f = sb.write("exact.toml", &exact);
    let o = walkaway().arg("check").arg(&f).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let f = sb.write("over.toml", &format!("{exact}\n"));
    let o = walkaway().arg("check").arg(&f).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("at most 1 MB"), "{}", stderr(&o));
}

/// A syntax error at the end of a long line, and an unknown key hundreds of
/// thousands of characters long full of escapes: each message stays short,
/// quotes the place of the mistake, and shows control characters escaped.
#[test]
fn messages_quote_a_short_escaped_excerpt() {
    let sb = Sandbox::new();
    let long_line = format!("name = \"{}\" = oops\n", "\u{1b}[31m".repeat(100_000));
    let f = sb.write("long-line.toml", &format!("{long_line}{}", scenario("")));
    let o = walkaway().arg("check").arg(&f).output().unwrap();
    no_panic(&o);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("long-line.toml: 1:"), "{e}");
    assert!(e.contains("= oops"), "the excerpt misses the mistake: {e}");
    assert!(e.contains('…') && e.contains("\\u{1b}"), "{e}");
    assert!(e.len() < 2_000, "{} bytes of message", e.len());
    assert_no_raw_controls("long line", &o.stderr);

    let key = format!("\"{}\\u0007\" = 1\n", "k\\u001b".repeat(100_000));
    let f = sb.write("long-key.toml", &format!("{key}{}", scenario("")));
    let o = walkaway().arg("check").arg(&f).output().unwrap();
    no_panic(&o);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("unknown key") && e.contains('…'), "{e}");
    assert!(e.len() < 3_000, "{} bytes of message", e.len());
    assert_no_raw_controls("long key", &o.stderr);

    // A file's own name with control characters is shown escaped too.
    let f = sb.write("esc\u{1b}]0;title\u{7}.toml", "[offer]\nbase = 1\n");
    let o = walkaway().arg("check").arg(&f).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("esc\\u{1b}]0;title\\u{7}.toml"),
        "{}",
        stderr(&o)
    );
    assert_no_raw_controls("file name", &o.stderr);
}

/// The largest values the bounds allow are accepted and run to finite
/// numbers through the binary.
#[test]
fn the_largest_values_allowed_run_to_finite_numbers() {
    let sb = Sandbox::new();
    let f = sb.write(
        "largest.toml",
        "name = \"Largest\"\n[offer]\nbase = 1e12\nbonus_pct = 2\nequity_per_year = 1e12\n\
         sign_on = 1e12\n[offer.role]\nweights = { scope = 1e6 }\n[candidate]\nfloor = 1e12\n\
         employed = true\ncurrent_comp = 1e12\n[market]\nmedian_comp = 1e12\ngrowth = 0.5\n\
         offer = 100\n[counter]\nmin_ask = 10\n[reengage]\nuplift = 10\nprobability = 1\n\
         [career]\nhorizon_years = 40\nraise = 1\njob_change_bump = 1\ntenure_years = 0.25\n\
         growth_premium = 1\nrole_value = 10\n",
    );
    let o = untouched_outside_out(&sb, || run_paths(&sb, &[&f]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = fs::read_to_string(sb.out().join("largest/summary.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for line in csv.lines().skip(1) {
        let accept = line.split(',').nth(1) == Some("accept");
        for (cell, column) in line.split(',').zip(&header).skip(2) {
            // Text, and accept's differences with itself (empty by design).
            if *column == "currency"
                || (accept && cell.is_empty() && NONE_FOR_ACCEPT.contains(column))
            {
                continue;
            }
            if let Ok(x) = cell.parse::<f64>() {
                assert!(x.is_finite(), "{line}");
            } else {
                assert!(cell == "true" || cell == "false", "{cell} in {line}");
            }
        }
    }
}
