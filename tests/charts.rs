//! The PNG charts through the real binary: drawn, decodable, the promised
//! size, not blank, linked from the report, and not drawn at all with
//! `--no-charts`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::walkaway;

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
        // For a look at them: WALKAWAY_KEEP_CHARTS=/some/dir cargo test.
        if let Some(keep) = std::env::var_os("WALKAWAY_KEEP_CHARTS") {
            for (name, doc) in &svgs {
                fs::write(Path::new(&keep).join(format!("{stem}-{name}.svg")), doc).unwrap();
            }
        }
        reports.push(r);
    }
    let rows: Vec<BatchRow> = reports.iter().map(BatchRow::of).collect();
    let overview = overview_svg(&rows).unwrap().unwrap();
    assert_self_contained_svg("overview", &overview);
    assert_eq!(overview_svg(&[]).unwrap(), None);
}

/// The CSS that embeds the font names the family the SVG text asks for
/// first, and carries the font itself, not a link to it, cut to the
/// page's characters: each of them draws with the whole font's advance and
/// outline size, a character the page lacks is not in it, and it is a
/// small part of the whole.
#[test]
fn the_font_face_embeds_the_charts_font_cut_to_the_page() {
    use base64::Engine;
    use read_fonts::{FontRef, TableProvider};
    use walkaway::report::charts::{FONT_FAMILY, font_face_css};
    let page = "<p>Walk below USD 118,700 ± 70 &#8722; Ω (é)</p>";
    let css = font_face_css(page);
    let first = FONT_FAMILY.split(',').next().unwrap().trim();
    assert!(
        css.contains(&format!("font-family:\"{first}\"")),
        "{}",
        &css[..80]
    );
    assert!(!css.contains("://"));
    let b64 = css
        .split("base64,")
        .nth(1)
        .and_then(|t| t.split(')').next())
        .expect("a data URL");
    let cut = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let whole = dejavu::sans::regular();
    assert!(cut.len() * 20 < whole.len(), "{} bytes", cut.len());
    let (a, b) = (FontRef::new(whole).unwrap(), FontRef::new(&cut).unwrap());
    let metrics = |f: &FontRef, c: char| {
        let gid = f.cmap().unwrap().map_codepoint(c)?;
        Some(f.hmtx().unwrap().advance(gid).unwrap())
    };
    for c in "Walk USD 118,700 ± − Ω É z~".chars() {
        assert!(metrics(&b, c).is_some(), "{c:?} is in the page");
        assert_eq!(metrics(&b, c), metrics(&a, c), "{c:?}");
    }
    for c in ['ж', 'א', '€'] {
        assert!(metrics(&a, c).is_some());
        assert_eq!(metrics(&b, c), None, "{c:?} is not in the page");
    }
}

mod data_by_hand {
    use walkaway::report::charts::data::{
        Histogram, SplitAxis, TICK_GAP, catch_up, deepest, gap_range, left_hump, minus, sign_split,
        spaced_ticks, spike,
    };
    use walkaway::report::charts::{fit_title, text_width};

    fn hist(counts: &[u64], below: u64) -> Histogram {
        let mut h = Histogram::empty(100.0, 10.0, counts.len());
        h.counts = counts.to_vec();
        h.below = below;
        h
    }

    /// Smoothed over three bars the heights are 5, 13.3, 26.7, 33.3, 26.7,
    /// 15, 6.7, 10, 35, 73.3, 93.3, 73.3, 33.3, 10: the main peak is bar 10,
    /// the second bar 3 (33.3 >= 0.15 x 93.3), the valley between them bar 6
    /// (6.7 <= 0.7 x 33.3). Bar 8 is no hump: no valley parts it from 10.
    #[test]
    fn the_low_hump_is_found_and_its_share_counted() {
        let h = hist(&[0, 10, 30, 40, 30, 10, 5, 5, 20, 80, 120, 80, 20, 0], 25);
        let hump = left_hump(&h).expect("two humps");
        assert_eq!(hump.peak, 100.0 + 10.0 * 3.5);
        assert_eq!(hump.until, 100.0 + 10.0 * 7.0);
        // Bars 0..=6 hold 125, plus 25 left of the axis, of 475 in all.
        assert_eq!(hump.share, 150.0 / 475.0);
        // One hump only: nothing to label.
        assert_eq!(left_hump(&hist(&[1, 5, 20, 60, 90, 60, 20, 5, 1], 0)), None);
        // A lower hump on the right: the hump is the main peak's side.
        let h = hist(&[10, 60, 100, 60, 10, 2, 2, 20, 40, 20, 5], 0);
        let hump = left_hump(&h).unwrap();
        assert_eq!(hump.peak, 100.0 + 10.0 * 2.5);
        assert!(hump.until <= 100.0 + 10.0 * 7.0, "{hump:?}");
    }

    #[test]
    fn catch_up_and_the_deepest_point_by_hand() {
        let d = [
            (0.0, 0.0),
            (1.0, -5.0),
            (2.0, -8.0),
            (3.0, -2.0),
            (4.0, 1.0),
            (5.0, -1.0),
            (6.0, 3.0),
            (7.0, 4.0),
        ];
        // Above zero at 4, but below again at 5: caught up for good at 6.
        assert_eq!(catch_up(&d), Some(6.0));
        assert_eq!(deepest(&d), Some((2.0, -8.0)));
        let ahead = [(0.0, 0.0), (1.0, 2.0)];
        assert_eq!((catch_up(&ahead), deepest(&ahead)), (None, None));
        let behind = [(0.0, 0.0), (1.0, -2.0), (2.0, -1.0)];
        assert_eq!(catch_up(&behind), None);
        let a = [(0.0, 10.0), (0.5, 14.0)];
        let b = [(0.0, 4.0), (0.5, 20.0)];
        assert_eq!(minus(&a, &b), Some(vec![(0.0, 6.0), (0.5, -6.0)]));
        assert_eq!(minus(&a, &[(0.0, 1.0), (0.75, 1.0)]), None);
        assert_eq!(minus(&a, &b[..1]), None);
    }

    #[test]
    fn a_spike_is_a_bar_far_above_the_rest() {
        // 40 of 48 is above 5% and more than 3 x the next bar (3).
        assert_eq!(spike(&hist(&[1, 2, 40, 3, 2], 0), 0.05), Some(2));
        // 30 is not 3 x 20.
        assert_eq!(spike(&hist(&[10, 20, 30], 0), 0.05), None);
        // Tall but rare: 3 of 1003 paths (the rest off the axis).
        assert_eq!(spike(&hist(&[0, 3, 0], 1000), 0.05), None);
        assert_eq!(spike(&hist(&[], 0), 0.05), None);
        let bins = [
            (-3.0, -2.0, 4),
            (-1e-9, 1e-9, 5),
            (0.5, 0.6, 7),
            (2.0, 3.0, 1),
        ];
        assert_eq!(sign_split(&bins), (4, 5, 8));
    }

    /// Tick labels of the matrix's gap axis never touch, whatever the gap:
    /// an offer ten times the floor, one a million times, one near zero.
    #[test]
    fn gap_ticks_stay_readable_for_any_gap() {
        let len = 1020.0;
        let label = |g: f64| format!("{:.0}%", 100.0 * g);
        let width = |g: f64| f64::from(text_width(&label(g), 22, false));
        for gap in [0.10, -9.0, -1e6, 0.99, -0.5, 3.0] {
            let (lo, hi) = gap_range(&[gap], &[0.05]);
            let axis = SplitAxis::new(lo, 0.05, hi);
            let ticks = spaced_ticks(&axis, len, width);
            assert!(ticks.len() >= 3, "{gap}: {ticks:?}");
            for pair in ticks.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let right = axis.place(a) * len + width(a) / 2.0;
                let left = axis.place(b) * len - width(b) / 2.0;
                assert!(
                    right + TICK_GAP <= left + 1e-9,
                    "{gap}: {} and {} touch",
                    label(a),
                    label(b)
                );
            }
            // Both halves are labelled.
            assert!(ticks.iter().any(|&t| t <= 0.05) && ticks.iter().any(|&t| t > 0.05));
        }
        // An ordinary axis is labelled every 5%.
        let axis = SplitAxis::new(-0.05, 0.05, 0.25);
        let ticks = spaced_ticks(&axis, len, width);
        assert_eq!(ticks.len(), 7, "{ticks:?}");
    }

    /// A 200-character name: the title keeps the chart's own words, fits
    /// the width as the font measures it, and shows where it was cut.
    #[test]
    fn titles_fit_any_name() {
        let name = "Walk away or not ".repeat(12)[..200].to_string();
        let room = 1600 - 72;
        let title = format!("{name}: what each strategy is worth");
        let (fitted, size) = fit_title(&title, room, |t, s| text_width(t, s, true));
        assert!(text_width(&fitted, size, true) <= room, "{fitted}");
        assert!(
            fitted.ends_with("…: what each strategy is worth"),
            "{fitted}"
        );
        assert!(fitted.starts_with("Walk away or not Walk"), "{fitted}");
        assert!(size >= 26);
        // A short name is left whole at full size.
        let (short, size) = fit_title("Offer: what each strategy is worth", room, |t, s| {
            text_width(t, s, true)
        });
        assert_eq!(
            (short.as_str(), size),
            ("Offer: what each strategy is worth", 38)
        );
    }
}
