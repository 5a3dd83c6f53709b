use std::path::Path;

use super::*;
use crate::engine::{self, Plan, Quiet, simulate};
use crate::model::Params;
use crate::scenario::{load_file, parse_str};

/// A short simulation of `s` on `threads` threads, with its chart data.
fn simulated(s: Scenario, paths: u64, threads: usize) -> ScenarioReport {
    let plan = Plan {
        paths,
        seed: 11,
        charts: true,
    };
    let pool = engine::pool(Some(threads)).unwrap();
    let agg = simulate(&Params::new(&s), &plan, &pool, &Quiet).unwrap();
    ScenarioReport::new(s, agg)
}

fn sample(file: &str, paths: u64) -> ScenarioReport {
    simulated(load_file(Path::new(file)).unwrap(), paths, 1)
}

fn hostile(name: &str) -> Scenario {
    parse_str(
        &format!(
            "name = {}\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\nrunway_months = 6\n",
            toml_string(name)
        ),
        Path::new("t/<b>&x\".toml"),
    )
    .unwrap()
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if c.is_control() => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// The names of the tags of a page, in order.
fn tags(page: &str) -> Vec<&str> {
    page.split('<')
        .skip(1)
        .map(|t| t.split(['>', ' ']).next().unwrap_or(""))
        .collect()
}

#[test]
fn hostile_names_stay_text() {
    // The reader refuses control characters; a bidirectional override
    // passes it and is shown as an escape.
    let name = "<script>alert(\"x\")</script> & <img src=https://evil.example/i.png onerror=x> \
                \u{202e}# heading";
    let r = simulated(hostile(name), 400, 1);
    // The charts write the name in their titles.
    let page = render(&r, &figures(&r).unwrap());
    assert!(page.contains("<svg"), "charts drawn");
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains('\u{202e}') && page.contains("\\u{202e}# heading"));
    assert!(
        page.contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img"),
        "{page}"
    );
    // The markup is only ours: the same tags as for a plain name.
    let plain = simulated(hostile("Plain"), 400, 1);
    let plain = render(&plain, &figures(&plain).unwrap());
    assert_eq!(tags(&page), tags(&plain));
    for r in resource_references(&page) {
        assert!(is_local_reference(&r), "{r}");
    }

    // In the index the name is text and the stem a percent-encoded path.
    let mut row = BatchRow::of(&r);
    row.scenario.stem = "a b\"<c>#?%".into();
    let index = render_index(&[row], None);
    assert!(
        !index.contains("<script") && !index.contains("<img"),
        "{index}"
    );
    assert!(
        index.contains("href=\"a%20b%22%3Cc%3E%23%3F%25/report.html\""),
        "{index}"
    );
    assert!(
        index.contains("<small>a b&quot;&lt;c&gt;#?%</small>"),
        "{index}"
    );
}

#[test]
fn references_are_found_and_judged() {
    let page = "<a href=\"#x\">x</a><img src='https://e.example/a.png'><svg xmlns=\"http://www.w3.org/2000/svg\">\
                <image xlink:href=\"//cdn.example/b\"/></svg><p data-src=\"http://no\">src=http://text\
                <style>@import 'http://f.example/c.css'; p{background:url(  file:///etc/d )}</style>\
                <a href=../e/report.html>e</a><p style=\"background: url(http://g.example)\">";
    let refs = resource_references(page);
    assert_eq!(
        refs,
        [
            "#x",
            "https://e.example/a.png",
            "//cdn.example/b",
            "../e/report.html",
            "file:///etc/d",
            "'http://f.example/c.css'",
            "http://g.example",
        ]
    );
    let local: Vec<bool> = refs.iter().map(|r| is_local_reference(r)).collect();
    assert_eq!(local, [true, false, false, true, false, false, false]);
    assert!(!is_local_reference("/etc/passwd"));
    assert!(!is_local_reference("javascript:alert(1)"));
    assert!(is_local_reference("employed/report.html"));
    assert!(is_local_reference("data:font/ttf;base64,AAEAAA"));
}

#[test]
fn a_report_is_self_contained_small_and_the_same_on_any_thread_count() {
    let one = sample("scenarios/short-runway.toml", 3_000);
    let two = simulated(one.scenario.clone(), 3_000, 2);
    let (a, b) = (
        render(&one, &figures(&one).unwrap()),
        render(&two, &figures(&two).unwrap()),
    );
    assert_eq!(a, b);
    assert!(a.len() < SIZE_BUDGET, "{} bytes", a.len());
    for r in resource_references(&a) {
        assert!(is_local_reference(&r), "{r}");
    }
    assert!(!a.contains("<script") && !a.contains("<link") && !a.contains("<iframe"));
    // Every chart drawn beside the report is in it, with a caption that says
    // how to read it.
    for f in figures(&one).unwrap() {
        assert!(
            a.contains(&format!("id=\"chart-{}\"", f.name)),
            "{}",
            f.name
        );
        assert!(!how_to_read(&f.name).is_empty(), "{}", f.name);
    }
}

#[test]
fn excluded_strategies_are_marked_in_words() {
    // A two-month runway and no risk allowed: every searching strategy
    // runs out of money on some path and is excluded.
    let s = parse_str(
        "name = \"Tight\"\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\n\
         runway_months = 2\n[decision]\nmax_runway_risk = 0\n",
        Path::new("t/tight.toml"),
    )
    .unwrap();
    let r = simulated(s, 2_000, 1);
    let excluded: Vec<Strategy> = Strategy::ALL
        .into_iter()
        .filter(|&st| !r.sim.eligible[st])
        .collect();
    assert!(!excluded.is_empty(), "{:?}", r.sim);
    let page = render(&r, &[]);
    let rows: Vec<&str> = page.split("<tr").collect();
    for st in Strategy::ALL {
        let row = rows
            .iter()
            .find(|row| row.contains(&format!("<td>{}</td>", st.label())))
            .unwrap();
        assert_eq!(
            row.contains("excluded: too risky"),
            excluded.contains(&st),
            "{st:?}: {row}"
        );
    }
    let meaning = meaning::sentences(&r).join(" ");
    assert!(meaning.contains("Left out as too risky"), "{meaning}");
    // A better mean left out for its risk is said with what it would add.
    let pick = r.summary(r.sim.strategy).value_mean;
    for st in excluded {
        let better = r.summary(st).value_mean > pick + 1.0;
        assert_eq!(
            meaning.contains(&format!("{} would be worth", st.label())),
            better,
            "{st:?}: {meaning}"
        );
    }
}

#[test]
fn every_chart_has_a_reading() {
    for f in charts::FILES {
        assert!(!how_to_read(chart_name(f)).is_empty(), "{f}");
    }
    assert!(!how_to_read("overview").is_empty());
}

#[test]
fn guesses_are_the_defaults_about_the_users_world() {
    let file = |extra: &str| {
        parse_str(
            &format!("name = \"G\"\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\n{extra}"),
            Path::new("t/g.toml"),
        )
        .unwrap()
    };
    let s = file("runway_months = 6\n[market]\nsearch_weeks = [4, 8]\n");
    let all = inputs(&s);
    let g: Vec<&str> = guesses(&all, false).iter().map(|i| i.key).collect();
    for key in [
        "counter.success",
        "market.offer",
        "offer.role.scope",
        "distress.weeks",
    ] {
        assert!(g.contains(&key), "{key}: {g:?}");
    }
    // Given, the offer's own, a threshold, a weight, or for a job not held.
    for key in [
        "market.search_weeks",
        "candidate.floor",
        "offer.bonus_pct",
        "decision.toss_up",
        "offer.role.weights.scope",
        "candidate.current_comp",
        "simulation.paths",
    ] {
        assert!(!g.contains(&key), "{key}: {g:?}");
    }
    let page = render(&simulated(s, 300, 1), &[]);
    assert!(
        page.contains("<code>counter.success</code> = <code>0.6</code>"),
        "{page}"
    );

    // Employed with the role's strength given: no distress, no scores.
    let s = file("employed = true\ncurrent_comp = 140000\n[offer.role]\nstrength = 0.7\n");
    let all = inputs(&s);
    let g: Vec<&str> = guesses(&all, true).iter().map(|i| i.key).collect();
    assert!(g.contains(&"counter.success"), "{g:?}");
    assert!(
        !g.iter()
            .any(|k| k.starts_with("distress.") || k.starts_with("offer.role.")),
        "{g:?}"
    );
}
