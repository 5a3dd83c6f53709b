//! `report.html` and `index.html` in a real browser: every sample's report
//! of a small real run is rendered by headless Chromium to a PNG, which must
//! not be blank; the page must not load anything (Chromium's own network
//! log, `--log-net-log`, names every request and who made it) and the
//! console must stay silent (the pages have no script, so any console line
//! is a load blocked by the page's policy, a broken resource or worse).
//! A probe page that does load from outside and logs an error proves on the
//! same Chromium that both checks can fail. Without Chromium the browser
//! test is skipped with a note, unless `CI` or `WALKAWAY_REQUIRE_BROWSER` is
//! set (`.ci/run` installs it). A normalized golden copy of one report
//! (`tests/golden/report-employed.html`, the SVGs replaced by their SHA-256)
//! catches unintended changes; bless it with `WALKAWAY_BLESS=1`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use walkaway::report::html::{is_local_reference, resource_references};

/// The samples' run: every scenario of `scenarios/`, small, once per test
/// binary.
fn run() -> &'static Path {
    static RUN: OnceLock<PathBuf> = OnceLock::new();
    RUN.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-run");
        let _ = fs::remove_dir_all(&out);
        let status = Command::new(env!("CARGO_BIN_EXE_walkaway"))
            .args([
                "run",
                "scenarios/",
                "--paths",
                "1000",
                "--frontier-paths",
                "500",
            ])
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{status}");
        out
    })
}

/// The pages of the run: each scenario's report and the index.
fn pages(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path().join("report.html"))
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v.push(out.join("index.html"));
    v
}

#[test]
fn every_page_is_one_file_that_reaches_nowhere() {
    let out = run();
    let pages = pages(out);
    let samples = fs::read_dir("scenarios")
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert_eq!(pages.len(), samples + 1, "{pages:?}");
    for p in &pages {
        let page = fs::read_to_string(p).unwrap();
        assert!(
            page.len() < walkaway::report::html::SIZE_BUDGET,
            "{}",
            p.display()
        );
        for r in resource_references(&page) {
            assert!(is_local_reference(&r), "{}: {r}", p.display());
        }
        for tag in ["<script", "<link", "<iframe", "<object", "<embed", "<img"] {
            assert!(!page.contains(tag), "{}: {tag}", p.display());
        }
    }
    // The index links every report, and only them.
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    let links: Vec<String> = resource_references(&index)
        .into_iter()
        .filter(|l| !l.starts_with("data:"))
        .collect();
    assert_eq!(links.len(), samples, "{links:?}");
    for l in links {
        let path = percent_encoding::percent_decode_str(&l)
            .decode_utf8()
            .unwrap();
        assert!(out.join(path.as_ref()).is_file(), "{l}");
    }
}

/// `page` with every inline SVG replaced by its size and SHA-256, the
/// embedded font by a comment and the version number left out: what a change to the report's text or
/// structure shows up in.
fn normalized(page: &str) -> String {
    let mut o = String::new();
    let mut rest = page;
    while let Some(i) = rest.find("<svg") {
        o.push_str(&rest[..i]);
        let end = rest[i..].find("</svg>").map_or(rest.len(), |e| i + e + 6);
        let svg = &rest[i..end];
        let hex: String = Sha256::digest(svg.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        o.push_str(&format!("<svg bytes=\"{}\" sha256=\"{hex}\"/>", svg.len()));
        rest = &rest[end..];
    }
    o.push_str(rest);
    // The font, cut to the page's characters, is as the text makes it.
    if let Some(i) = o.find("@font-face{") {
        let end = o[i..].find("</style>").map_or(o.len(), |e| i + e);
        o.replace_range(i..end, "/* the charts' font */");
    }
    o.replace(
        &format!("walkaway {}", env!("CARGO_PKG_VERSION")),
        "walkaway VERSION",
    )
    .replace("><", ">\n<")
}

#[test]
fn one_report_matches_its_golden_copy() {
    let page = fs::read_to_string(run().join("employed/report.html")).unwrap();
    let got = normalized(&page);
    let golden = Path::new("tests/golden/report-employed.html");
    if std::env::var_os("WALKAWAY_BLESS").is_some() {
        fs::create_dir_all(golden.parent().unwrap()).unwrap();
        fs::write(golden, &got).unwrap();
        return;
    }
    let want = fs::read_to_string(golden).unwrap_or_default();
    if got != want {
        let (line, (g, w)) = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .find(|(_, (g, w))| g != w)
            .unwrap_or((
                got.lines().count().min(want.lines().count()),
                ("(end)", "(end)"),
            ));
        panic!(
            "employed/report.html differs from {} at line {}:\n  now:    {g}\n  golden: {w}\n\
             If the change is meant, bless it: WALKAWAY_BLESS=1 cargo test --test browser",
            golden.display(),
            line + 1
        );
    }
}

/// Chromium, from `WALKAWAY_CHROMIUM` or the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("WALKAWAY_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Whether a missing browser fails the test rather than skipping it.
fn browser_required() -> bool {
    ["CI", "WALKAWAY_REQUIRE_BROWSER"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0" && x != "false"))
}

/// What one page did in the browser.
struct Rendered {
    png: PathBuf,
    /// Lines the page wrote to the console.
    console: Vec<String>,
    /// URLs the page asked the network for.
    requests: Vec<String>,
}

/// Renders `page` headless to a PNG of `width` x `height` in a fresh
/// profile under `work`, with the console on stderr and the network log in
/// a file.
fn render(browser: &Path, page: &Path, work: &Path, (width, height): (u32, u32)) -> Rendered {
    let name: String = page
        .iter()
        .rev()
        .take(2)
        .map(|c| c.to_string_lossy().replace('.', "_"))
        .collect::<Vec<_>>()
        .join("-");
    let profile = work.join(format!("profile-{name}"));
    let png = work.join(format!("{name}.png"));
    let netlog = work.join(format!("{name}.netlog.json"));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.canonicalize().unwrap().display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{}: chromium did not finish in 120 s", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = reader.join().unwrap();
    let console = log
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    Rendered {
        png,
        console,
        requests: page_requests(&netlog),
    }
}

/// The URLs of the network log's requests that a page made. Chromium's own
/// background requests (time, sign-in) have no initiating origin ("not an
/// origin"); anything a page asks for names the page's origin, `null` for
/// a file.
fn page_requests(netlog: &Path) -> Vec<String> {
    let text = fs::read_to_string(netlog).unwrap_or_default();
    // A log cut short by the browser's exit lacks its closing brackets.
    let v: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .unwrap_or_else(|e| panic!("{}: unreadable network log: {e}", netlog.display()));
    let start_job = v["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64();
    assert!(start_job.is_some(), "{}: no event types", netlog.display());
    v["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"].as_u64() == start_job)
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}

/// The share of pixels that differ from the top-left one (the page's
/// background).
fn inked(png: &Path) -> f64 {
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let px: Vec<&[u8]> = buf[..info.buffer_size()].chunks_exact(channels).collect();
    let background = px[0];
    px.iter().filter(|p| **p != background).count() as f64 / px.len() as f64
}

#[test]
fn every_page_renders_in_chromium_loads_nothing_and_logs_nothing() {
    let Some(browser) = chromium() else {
        assert!(
            !browser_required(),
            "chromium is required here (CI or WALKAWAY_REQUIRE_BROWSER is set) but is not on \
             the PATH: apt-get install -y chromium"
        );
        eprintln!("note: no chromium on the PATH, the browser test is skipped");
        return;
    };
    let work = tempfile::tempdir().unwrap();

    // The checks can fail: a page that loads from outside and logs an error.
    let probe = work.path().join("probe.html");
    fs::write(
        &probe,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
         <link rel=\"stylesheet\" href=\"http://127.0.0.1:9/probe.css\"></head>\
         <body><p>probe</p><script>console.error(\"probe error\")</script></body></html>",
    )
    .unwrap();
    let r = render(&browser, &probe, work.path(), (400, 300));
    assert!(
        r.requests
            .iter()
            .any(|u| u.contains("127.0.0.1:9/probe.css")),
        "the network log missed the probe's request: {:?}",
        r.requests
    );
    assert!(
        r.console.iter().any(|l| l.contains("probe error")),
        "the console check missed the probe's error: {:?}",
        r.console
    );

    // Every page, two at a time (a browser start is a second or two).
    let pages = pages(run());
    let results: Vec<(PathBuf, Rendered)> = std::thread::scope(|scope| {
        let chunks: Vec<&[PathBuf]> = pages.chunks(pages.len().div_ceil(2)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (browser, work) = (&browser, work.path());
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|p| (p.clone(), render(browser, p, work, (1000, 1400))))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    for (page, r) in &results {
        assert!(
            r.requests.is_empty(),
            "{}: requests {:?}",
            page.display(),
            r.requests
        );
        assert!(
            r.console.is_empty(),
            "{}: console {:?}",
            page.display(),
            r.console
        );
        let ink = inked(&r.png);
        assert!(
            ink > 0.03,
            "{}: {:.4} of the pixels inked",
            page.display(),
            ink
        );
    }
    // For a look at them: WALKAWAY_KEEP_SCREENSHOTS=/some/dir.
    if let Some(keep) = std::env::var_os("WALKAWAY_KEEP_SCREENSHOTS") {
        for (_, r) in &results {
            fs::copy(&r.png, Path::new(&keep).join(r.png.file_name().unwrap())).unwrap();
        }
    }
}
