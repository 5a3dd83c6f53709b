//! The PNG charts through the real binary: drawn, decodable, the promised
//! size, not blank, linked from the report, and not drawn at all with
//! `--no-charts`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn walkaway() -> Command {
    Command::cargo_bin("walkaway").unwrap()
}

const SCENARIOS: [&str; 2] = ["strong-large-gap", "employed"];

fn run(out: &Path, extra: &[&str]) {
    let mut args = vec!["run".to_string()];
    args.extend(SCENARIOS.iter().map(|s| format!("scenarios/{s}.toml")));
    args.extend(
        ["--paths", "3000", "--threads", "2", "--out"]
            .iter()
            .map(|s| s.to_string()),
    );
    args.push(out.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    walkaway().args(&args).assert().success();
}

fn pngs_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(pngs_under(&path));
        } else if path.extension().is_some_and(|x| x == "png") {
            found.push(path);
        }
    }
    found
}

/// Width, height, distinct colours, share of non-white pixels.
fn inspect(path: &Path) -> (u32, u32, usize, f64) {
    let file = fs::File::open(path).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes_per_pixel = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("{}: unexpected colour type {other:?}", path.display()),
    };
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()]
        .chunks_exact(bytes_per_pixel)
        .map(|p| &p[..3])
        .collect();
    let inked = pixels.iter().filter(|p| **p != [255, 255, 255]).count();
    let colours: HashSet<&[u8]> = pixels.iter().copied().collect();
    (
        info.width,
        info.height,
        colours.len(),
        inked as f64 / pixels.len() as f64,
    )
}

#[test]
fn every_chart_is_a_real_picture_and_the_report_links_it() {
    let out = tempfile::tempdir().unwrap();
    run(out.path(), &[]);
    assert!(out.path().join("overview.png").is_file());
    for stem in SCENARIOS {
        let dir = out.path().join(stem);
        for name in [
            "matrix.png",
            "value.png",
            "difference.png",
            "fan.png",
            "search.png",
        ] {
            assert!(dir.join(name).is_file(), "{stem}/{name} missing");
        }
        let report = fs::read_to_string(dir.join("report.md")).unwrap();
        assert!(report.contains("## Charts"), "{stem}: no chart section");
        // Every linked picture exists beside the report, and every picture
        // beside it is linked.
        let linked: HashSet<String> = report
            .lines()
            .filter_map(|l| l.strip_prefix("!["))
            .filter_map(|l| l.split("](").nth(1))
            .map(|l| l.trim_end_matches(')').to_string())
            .collect();
        for link in &linked {
            assert!(dir.join(link).is_file(), "{stem}: broken link {link}");
        }
        for png in pngs_under(&dir) {
            let name = png.file_name().unwrap().to_string_lossy().into_owned();
            assert!(linked.contains(&name), "{stem}: {name} not linked");
        }
        assert!(report.contains("](../overview.png)"));
    }
    let all = pngs_under(out.path());
    assert!(all.len() >= 9, "{all:?}");
    for png in all {
        let (w, h, colours, inked) = inspect(&png);
        assert_eq!((w, h), (1600, 1000), "{}", png.display());
        assert!(colours >= 8, "{}: only {colours} colours", png.display());
        assert!(inked > 0.05, "{}: {:.3} inked", png.display(), inked);
    }
}

#[test]
fn no_charts_draws_nothing_and_clears_an_earlier_runs_charts() {
    let out = tempfile::tempdir().unwrap();
    run(out.path(), &[]);
    assert!(!pngs_under(out.path()).is_empty());
    run(out.path(), &["--no-charts"]);
    assert_eq!(pngs_under(out.path()), Vec::<PathBuf>::new());
    for stem in SCENARIOS {
        let report = fs::read_to_string(out.path().join(stem).join("report.md")).unwrap();
        assert!(!report.contains(".png"), "{stem}: links a chart");
    }
}

/// `offer.png` from a hand-built frontier (the binary fills one in a real
/// run): drawn, decodable, not blank, linked from the report beside the
/// "Walk-away numbers" section, and not drawn without a frontier.
#[test]
fn offer_chart_draws_from_a_hand_built_frontier() {
    use walkaway::engine::{Plan, Quiet, pool, simulate};
    use walkaway::frontier::{BestFloor, Boundary, CurvePoint, Frontier};
    use walkaway::model::{Params, PerStrategy, Strategy};
    use walkaway::report::charts::{Charts, files_for};
    use walkaway::report::markdown::MarkdownReport;
    use walkaway::report::{Exporter, ScenarioReport};

    let s = walkaway::scenario::load_file(Path::new("scenarios/employed.toml")).unwrap();
    let plan = Plan {
        paths: 1_000,
        seed: 3,
        charts: false,
    };
    let agg = simulate(&Params::new(&s), &plan, &pool(Some(1)).unwrap(), &Quiet).unwrap();
    let mut r = ScenarioReport::new(s, agg);
    assert!(files_for(&r).iter().all(|f| f.file != "offer.png"));

    let floor = r.scenario.candidate.floor;
    let (w, t) = (0.85 * floor, 1.02 * floor);
    let pick = |c0: f64| {
        if c0 < w {
            Strategy::Walk
        } else if c0 < t {
            Strategy::CounterWalk
        } else {
            Strategy::Accept
        }
    };
    // Differences falling with the offer, crossing zero near the
    // boundaries.
    let curve: Vec<CurvePoint> = (0..=80)
        .map(|i| {
            let c0 = floor * (0.5 + f64::from(i) / 80.0);
            let x = (c0 - floor) / floor;
            CurvePoint {
                c0,
                diff: PerStrategy([
                    0.0,
                    2_000.0 - 5_000.0 * x,
                    -60_000.0 * x,
                    -150_000.0 * x - 20_000.0,
                ]),
                diff_se: PerStrategy([0.0, 300.0, 900.0, 2_000.0]),
                pick: pick(c0),
            }
        })
        .collect();
    let bands = vec![
        walkaway::frontier::Band {
            c0_lo: 0.5 * floor,
            c0_hi: w,
            strategy: Strategy::Walk,
        },
        walkaway::frontier::Band {
            c0_lo: w,
            c0_hi: t,
            strategy: Strategy::CounterWalk,
        },
        walkaway::frontier::Band {
            c0_lo: t,
            c0_hi: 1.5 * floor,
            strategy: Strategy::Accept,
        },
    ];
    r.frontier = Some(Frontier {
        frontier_paths: 1_000,
        floor,
        offer_comp: r.scenario.offer_comp(),
        bands,
        take_at: Some(Boundary { at: t, se: 1_500.0 }),
        walk_below: Some(Boundary { at: w, se: 2_500.0 }),
        best_floor: Some(BestFloor {
            floor: 0.97 * floor,
            value: 1e6,
            gain: 800.0,
            gain_se: 200.0,
        }),
        runway_needed: None,
        curve,
    });

    let out = tempfile::tempdir().unwrap();
    let written = Charts.write(&r, out.path()).unwrap();
    let offer = out.path().join("offer.png");
    assert!(written.contains(&offer), "{written:?}");
    let (w, h, colours, inked) = inspect(&offer);
    assert_eq!((w, h), (1600, 1000));
    assert!(colours >= 8, "only {colours} colours");
    assert!(inked > 0.05, "{inked:.3} inked");
    // For a look at it: WALKAWAY_KEEP_CHARTS=/some/dir cargo test.
    if let Some(keep) = std::env::var_os("WALKAWAY_KEEP_CHARTS") {
        fs::copy(&offer, Path::new(&keep).join("offer-employed.png")).unwrap();
    }

    MarkdownReport { charts: true }
        .write(&r, out.path())
        .unwrap();
    let report = fs::read_to_string(out.path().join("report.md")).unwrap();
    assert!(report.contains("## Walk-away numbers"), "{report}");
    assert!(report.contains("](offer.png)"), "{report}");
}

/// A short simulation of a sample scenario, with the data charts need.
fn sample_report(stem: &str, paths: u64) -> walkaway::report::ScenarioReport {
    use walkaway::engine::{Plan, Quiet, pool, simulate};
    use walkaway::model::Params;
    let s = walkaway::scenario::load_file(Path::new(&format!("scenarios/{stem}.toml"))).unwrap();
    let plan = Plan {
        paths,
        seed: 11,
        charts: true,
    };
    let agg = simulate(&Params::new(&s), &plan, &pool(Some(1)).unwrap(), &Quiet).unwrap();
    walkaway::report::ScenarioReport::new(s, agg)
}

/// Every element and attribute of an SVG document, checked for anything
/// that would load from outside the page: links, `url(...)` that is not a
/// fragment, scripts, foreign objects, images.
fn assert_self_contained_svg(name: &str, doc: &str) {
    let tree = roxmltree::Document::parse(doc)
        .unwrap_or_else(|e| panic!("{name}: not well-formed XML: {e}"));
    let root = tree.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{name}");
    assert_eq!(root.attribute("width"), Some("1600"), "{name}");
    assert_eq!(root.attribute("height"), Some("1000"), "{name}");
    let mut texts = 0;
    for node in tree.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        assert!(
            !["script", "image", "foreignObject", "use", "a", "style"].contains(&tag),
            "{name}: <{tag}>"
        );
        for attr in node.attributes() {
            let v = attr.value();
            assert!(
                !attr.name().eq_ignore_ascii_case("href")
                    && !attr.name().starts_with("on")
                    && !v.contains("url(")
                    && !v.contains("://"),
                "{name}: <{tag} {}=\"{v}\">",
                attr.name()
            );
        }
        if tag == "text" {
            texts += 1;
            assert_eq!(
                node.attribute("font-family"),
                Some(walkaway::report::charts::FONT_FAMILY),
                "{name}"
            );
        }
    }
    assert!(texts >= 10, "{name}: only {texts} texts");
}

#[test]
fn svg_charts_are_well_formed_self_contained_and_match_the_pngs() {
    use walkaway::report::BatchRow;
    use walkaway::report::charts::{files_for, overview_svg, svgs_for};
    let mut reports = Vec::new();
    for stem in ["short-runway", "employed"] {
        let mut r = sample_report(stem, 1_500);
        // A hostile name: markup and quotes must come out as text.
        r.scenario.name = format!("<b>\"{stem}\" & 'co'</b>]]>");
        let svgs = svgs_for(&r).unwrap();
        let names: Vec<&str> = svgs.iter().map(|(n, _)| *n).collect();
        let pngs: Vec<String> = files_for(&r)
            .iter()
            .map(|f| f.file.trim_end_matches(".png").to_string())
            .collect();
        assert_eq!(names, pngs, "{stem}: one SVG per PNG, in the same order");
        for (name, doc) in &svgs {
            assert_self_contained_svg(name, doc);
            let tree = roxmltree::Document::parse(doc).unwrap();
            let title = tree
                .descendants()
                .filter(|n| n.tag_name().name() == "text")
                .filter_map(|n| n.text())
                .find(|t| t.contains(stem))
                .unwrap_or_else(|| panic!("{stem}/{name}: no title"));
            assert!(title.contains(&format!("<b>\"{stem}\" & 'co'</b>]]>")));
        }
        // The same seed draws the same document.
        assert_eq!(svgs, svgs_for(&r).unwrap(), "{stem}");
        reports.push(r);
    }
    let rows: Vec<BatchRow> = reports.iter().map(BatchRow::of).collect();
    let overview = overview_svg(&rows).unwrap().unwrap();
    assert_self_contained_svg("overview", &overview);
    assert_eq!(overview_svg(&[]).unwrap(), None);
}

/// The CSS that embeds the font names the family the SVG text asks for
/// first, and carries the font itself, not a link to it.
#[test]
fn the_font_face_embeds_the_charts_font() {
    use walkaway::report::charts::{FONT_FAMILY, font_face_css};
    let css = font_face_css();
    let first = FONT_FAMILY.split(',').next().unwrap().trim();
    assert!(
        css.contains(&format!("font-family:\"{first}\"")),
        "{}",
        &css[..80]
    );
    assert!(
        css.contains("url(data:font/ttf;base64,AAEAAA"),
        "a TrueType font inline"
    );
    assert!(!css.contains("://"));
    assert!(css.len() < 1_100_000, "{} bytes", css.len());
}
