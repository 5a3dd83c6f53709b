//! `OUT/<scenario>/report.html` and `OUT/index.html`: the report a coach
//! hands over, each one self-contained file. Styles are inline, the charts
//! are inline SVG, nothing is loaded from anywhere (a Content Security
//! Policy in the page forbids it) and nothing needs JavaScript. Markup is
//! written with `maud`, which escapes every value spliced into it, so a
//! scenario's name cannot become markup; the sentences come from the
//! modules that already write them for the terminal and `report.md`.

mod meaning;
mod prose;

use std::io;
use std::path::{Path, PathBuf};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::atomic::write_atomic;
use super::format::{group, money, percent};
use super::markdown::reason_text;
use super::terminal::exposure;
use super::walkaway_block::{self, k, k_se};
use super::{BatchExporter, BatchRow, Exporter, ScenarioReport, StrategySummary, charts};
use crate::frontier::{Boundary, Frontier};
use crate::model::Strategy;
use crate::scenario::shown::{escaped, escaped_char};
use crate::scenario::{ResolvedInput, Scenario, Source, inputs, warnings};
use crate::verdict::{TIE_SE, Verdict, toss_up_sentence};

pub const REPORT_HTML: &str = "report.html";
pub const INDEX_HTML: &str = "index.html";

/// The most a report may weigh; a test holds every sample under it.
pub const SIZE_BUDGET: usize = 2 * 1024 * 1024;

/// The page's styles, screen and print.
const CSS: &str = include_str!("html/style.css");

/// Nothing may be fetched, framed or run: the page is text, its own styles,
/// inline SVG and the charts' font inside the styles.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/// One chart as the report shows it: its SVG and the words under it.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The chart's name, as its PNG file is named without `.png`.
    pub name: String,
    pub svg: String,
    /// What it shows and how to read it, in a sentence each.
    pub caption: String,
}

/// Writes `report.html` into a scenario's folder.
pub struct HtmlReport {
    /// Draw the charts into the page.
    pub charts: bool,
}

impl Exporter for HtmlReport {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let figures = if self.charts { figures(r)? } else { Vec::new() };
        let path = dir.join(REPORT_HTML);
        let text = render(r, &figures);
        write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        Ok(vec![path])
    }
}

/// Writes `index.html` into the output folder.
pub struct HtmlIndex {
    /// Draw the overview chart into the page.
    pub charts: bool,
}

impl BatchExporter for HtmlIndex {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let overview = if self.charts {
            overview_figure(rows)?
        } else {
            None
        };
        let path = out.join(INDEX_HTML);
        let text = render_index(rows, overview.as_ref());
        write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        Ok(vec![path])
    }
}

/// The charts of `r` as SVG, each with its caption, in the report's order.
pub fn figures(r: &ScenarioReport) -> io::Result<Vec<Figure>> {
    let svgs = charts_svg(r)?;
    Ok(charts::files_for(r)
        .into_iter()
        .filter_map(|f| {
            let name = f.file.trim_end_matches(".png");
            let svg = inline_svg(&svgs.iter().find(|(n, _)| chart_name(n) == name)?.1);
            Some(Figure {
                name: name.to_string(),
                svg,
                caption: format!("{}. {}", f.caption, how_to_read(name)),
            })
        })
        .collect())
}

/// `value.png`, `value.svg` and `value` all name the chart `value`.
fn chart_name(file: &str) -> &str {
    file.trim_end_matches(".png").trim_end_matches(".svg")
}

/// The charts as SVG, drawn by the chart modules.
fn charts_svg(r: &ScenarioReport) -> io::Result<Vec<(&'static str, String)>> {
    charts::svgs_for(r)
}

/// The overview chart of the batch as SVG, with its caption.
fn overview_figure(rows: &[BatchRow]) -> io::Result<Option<Figure>> {
    Ok(charts::overview_svg(rows)?.map(|svg| Figure {
        name: "overview".into(),
        svg: inline_svg(&svg),
        caption: format!(
            "Every scenario of the run on the decision matrix. {}",
            how_to_read("overview")
        ),
    }))
}

/// An SVG document as an element of the page: without its XML
/// declaration, which only a document may have, and with a bidirectional
/// override in its text (a scenario name in a title) shown as an escape,
/// as the rest of the page shows it. Markup characters the chart library
/// has already escaped.
fn inline_svg(svg: &str) -> String {
    let body = match svg.trim_start().strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(rest, |(_, b)| b),
        None => svg,
    };
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let body = body.trim();
    if !body.contains(bidi) {
        return body.to_string();
    }
    body.chars()
        .map(|c| {
            if bidi(c) {
                escaped_char(c)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// One sentence on how to read a chart, for a reader who is not a
/// statistician.
pub fn how_to_read(name: &str) -> &'static str {
    match name {
        "matrix" => {
            "Find the marker: left to right is how far the offer is below your floor, bottom \
             to top how strong the role is, and the quarter it sits in names the rule of \
             thumb's answer."
        }
        "value" => {
            "One row per strategy: the further right its outcomes and its mean line sit, the \
             more that course is worth to you, and a low hump on the left is the careers that \
             ran out of money."
        }
        "difference" => {
            "One row per strategy, each career's value minus accepting's: what lies right of \
             zero did better than signing, and the bar at the right says how often."
        }
        "fan" => {
            "Above, what each strategy has earned so far; below, how far ahead of accepting it \
             is, with the month it catches up marked."
        }
        "search" => {
            "How many weeks pass before a new job starts, for the courses that search, and, \
             without a job, how that compares with how long your money lasts."
        }
        "offer" => {
            "Read across to your offer: the strip names the pick at each offer, and the marked \
             lines are where to sign and where to walk away."
        }
        "overview" => {
            "Each marker is one scenario placed by its gap and its role strength; its colour \
             is the simulation's verdict."
        }
        _ => "",
    }
}

/// The CSS class of a verdict, for its colour.
fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Take => "take",
        Verdict::CounterThenDecide => "counter",
        Verdict::Walk => "walk",
    }
}

/// Text from a scenario file, with control characters shown as escapes
/// (the markup escaping itself is maud's).
fn text(s: &str) -> String {
    escaped(s)
}

/// A whole page: its head, then `body`; `with_font` embeds the charts'
/// font (cut to the characters of the title and the body), for pages with
/// charts, so their text has the widths it was laid out with.
fn page(title: &str, with_font: bool, body: Markup) -> String {
    let font = with_font.then(|| charts::font_face_css(&format!("{title}{}", body.0)));
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title, font.as_deref()))
            (body)
        }
    }
    .into_string()
}

/// The page's head, with the font's CSS when there is one.
fn head(title: &str, font: Option<&str>) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta http-equiv="Content-Security-Policy" content=(CSP);
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="generator" content=(concat!("walkaway ", env!("CARGO_PKG_VERSION")));
            title { (title) }
            style { (PreEscaped(CSS)) }
            @if let Some(css) = font { style { (PreEscaped(css)) } }
        }
    }
}

/// The whole `report.html` of one scenario.
pub fn render(r: &ScenarioReport, figures: &[Figure]) -> String {
    let s = &r.scenario;
    let name = text(&s.name);
    let body = html! {
            body {
                header {
                    h1 { (name) }
                    p.meta {
                        "Scenario file " code { (text(&s.source.display().to_string())) } ". "
                        (group(r.aggregate.paths)) " simulated careers over "
                        (s.career.horizon_years) " years, seed " (r.aggregate.seed)
                        ". Money in " (text(&s.currency)) "."
                    }
                }
                (warnings_block(s))
                (verdicts(r))
                section #meaning {
                    h2 { "What this means" }
                    @for p in meaning::sentences(r) { p { (p) } }
                }
                (strategy_table(r))
                @if let Some(f) = &r.frontier {
                    section #walkaway {
                        (PreEscaped(prose::to_html(&walkaway_block::markdown(f, s), 0)))
                    }
                }
                @if !figures.is_empty() {
                    section #charts {
                        h2 { "Charts" }
                        @for f in figures { (figure(f)) }
                    }
                }
                (inputs_block(s))
                footer {
                    p { "Written by walkaway " (env!("CARGO_PKG_VERSION"))
                        ". The same scenario, seed and path count give this file byte for byte. \
                         Every number is an estimate from simulated careers; a number after ± is \
                         one standard error." }
                }
            }
    };
    page(
        &format!("{name} · walkaway report"),
        !figures.is_empty(),
        body,
    )
}

fn figure(f: &Figure) -> Markup {
    html! {
        figure id=(format!("chart-{}", f.name)) {
            div.chart { (PreEscaped(&f.svg)) }
            figcaption { (f.caption) }
        }
    }
}

/// Both verdicts, side by side, with the words that explain them.
fn verdicts(r: &ScenarioReport) -> Markup {
    let s = &r.scenario;
    let cur = s.currency.as_str();
    let m = |x: f64| money(x, cur);
    let rule = &r.rule;
    let sim = &r.sim;
    let gap = s.gap();
    let toss = toss_up_sentence(sim, &|st| exposure(&r.summary(st)), &m);
    html! {
        section #verdicts {
            h2 { "The verdicts" }
            div.cards {
                div class=(format!("card {}", verdict_class(rule.verdict))) {
                    p.label { "Rule of thumb" }
                    p.verdict { (rule.verdict.words()) }
                    p {
                        strong { (rule.quadrant.title()) } ": the offer is "
                        (percent(gap.abs())) (if gap >= 0.0 { " below" } else { " above" })
                        " your floor and the role scores "
                        (format!("{:.2}", s.role_strength())) " on a 0-1 scale."
                    }
                    ul { @for item in rule.quadrant.action_items() { li { (item) } } }
                    p { (rule.runway.explain(s.decision.walk_tolerance)) }
                    @if !rule.real_reasons.is_empty() {
                        p {
                            @if rule.reasons_overridden { "Flagged, but overruled by the short runway: " }
                            @else { "Real reasons to walk, flagged: " }
                            (rule.real_reasons.iter().map(|x| reason_text(x)).collect::<Vec<_>>().join("; ")) "."
                        }
                    }
                    @if !rule.not_reasons.is_empty() {
                        p.quiet {
                            "Feelings, not reasons (they change nothing): "
                            (rule.not_reasons.iter().map(|x| reason_text(x)).collect::<Vec<_>>().join("; ")) "."
                        }
                    }
                }
                div class=(format!("card {}", verdict_class(sim.verdict))) {
                    p.label { "Simulation" }
                    p.verdict { (sim.verdict.words()) }
                    p { "Pick: " strong { (sim.strategy.label()) } "." }
                    @if let Some(words) = &toss {
                        p { "A toss-up: " (words) "." }
                    } @else if let (Some(ru), Some(margin), Some(se)) = (sim.runner_up, sim.margin, sim.margin_se) {
                        p {
                            "It leads " (ru.label().to_lowercase()) " by " (m(margin)) " ± " (m(se))
                            " in mean value, paired career by career."
                        }
                    }
                    @if !sim.tied_with.is_empty() {
                        p {
                            "Statistically tied with it (within " (TIE_SE) " standard errors): "
                            (sim.tied_with.iter().map(|x| x.label().to_lowercase()).collect::<Vec<_>>().join(", ")) "."
                        }
                    }
                    p {
                        @if sim.agree { "It agrees with the rule of thumb." }
                        @else { "It disagrees with the rule of thumb." }
                    }
                }
            }
        }
    }
}

/// A strategy's standing, in words, so it reads without colour.
fn standing(r: &ScenarioReport, st: Strategy, x: &StrategySummary) -> String {
    let sim = &r.sim;
    if !sim.eligible[st] {
        return format!(
            "excluded: too risky (runs out of money in {} of careers; the limit is {})",
            percent(x.p_runway_exhausted),
            percent(r.scenario.decision.max_runway_risk)
        );
    }
    if st == sim.strategy {
        return if sim.won_toss_up() {
            "the pick (won a toss-up)".to_string()
        } else {
            "the pick".to_string()
        };
    }
    if sim.tied_with.contains(&st) {
        "tied with the pick".to_string()
    } else if sim.toss_up_with.contains(&st) {
        "inside the toss-up band".to_string()
    } else {
        "eligible, behind the pick".to_string()
    }
}

/// Money in a table column, one decimal of thousands (two of millions),
/// so the column's digits line up: `778.0k`, `1.03M`.
fn cell(x: f64) -> String {
    if x.abs() >= 999_995.0 {
        format!("{:.2}M", x / 1e6)
    } else {
        format!("{:.1}k", x / 1e3)
    }
}

fn signed(x: f64, se: f64) -> String {
    let t = k_se(x, se);
    if x > 0.0 && !t.starts_with('0') {
        format!("+{t}")
    } else {
        t
    }
}

fn strategy_table(r: &ScenarioReport) -> Markup {
    let s = &r.scenario;
    html! {
        section #strategies {
            h2 { "The four courses" }
            p {
                "Mean and percentiles of value (discounted earnings plus what the role is worth \
                 to you) over " (s.career.horizon_years) " years, in " (text(&s.currency))
                "; P10 is the value 10% of careers fall below. The difference against accepting \
                 is paired: the same simulated career under both courses."
            }
            table {
                thead { tr {
                    th { "Course" } th { "Verdict" } th.num { "Mean" } th.num { "P10" } th.num { "P50" }
                    th.num { "P90" } th.num { "Against accepting" } th.num { "Beats accepting" }
                    th.num { "Money runs out" } th { "Standing" }
                } }
                tbody {
                    @for st in Strategy::ALL {
                        @let x = r.summary(st);
                        @let cls = if st == r.sim.strategy { "pick" } else if r.sim.eligible[st] { "" } else { "excluded" };
                        tr class=(cls) {
                            td { (st.label()) }
                            td { (st.class().words()) }
                            td.num { (cell(x.value_mean)) }
                            td.num { (cell(x.value_p(0.10))) }
                            td.num { (cell(x.value_p(0.50))) }
                            td.num { (cell(x.value_p(0.90))) }
                            @if st == Strategy::Accept {
                                td.num { "-" } td.num { "-" }
                            } @else {
                                td.num { (signed(x.diff_mean, x.diff_se)) }
                                td.num { (percent(x.p_beats_accept)) }
                            }
                            td.num { (percent(x.p_runway_exhausted)) }
                            td { (standing(r, st, &x)) }
                        }
                    }
                }
            }
        }
    }
}

/// Sections whose keys describe the world the verdicts are computed in:
/// a default there stands in for something only the user knows.
const FACT_SECTIONS: [&str; 7] = [
    "offer.role",
    "candidate",
    "market",
    "counter",
    "reengage",
    "career",
    "distress",
];

/// The inputs the verdicts read that the file left to a default: guesses
/// about the user's world rather than facts from it. Weights, thresholds,
/// flags, the wish (never used in the maths) and what only the offer can
/// say are not guesses; nor are the six role scores when the file gives
/// the role's strength directly.
pub fn guesses(inputs: &[ResolvedInput], employed: bool) -> Vec<&ResolvedInput> {
    let strength_given = inputs
        .iter()
        .any(|i| i.key == "offer.role.strength" && i.given);
    inputs
        .iter()
        .filter(|i| !i.given && !i.value.is_empty() && i.source != Source::YourOffer)
        .filter(|i| {
            let (section, name) = i.key.rsplit_once('.').unwrap_or(("", i.key));
            // What only matters with a job, or only without one.
            let applies = match (section, name) {
                ("candidate", "current_comp") => employed,
                ("distress", _) => !employed,
                ("offer.role", _) => !strength_given,
                _ => true,
            };
            FACT_SECTIONS.contains(&section)
                && !matches!(name, "wish" | "employed" | "strength")
                && applies
        })
        .collect()
}

fn source_words(i: &ResolvedInput) -> &'static str {
    match (i.given, i.source) {
        (true, _) => "your file",
        (false, Source::Article) => "default from the article",
        (false, Source::Ours) => "default of ours",
        (false, Source::YourOffer) => "default: none in the offer",
    }
}

/// The warnings on the inputs, when any check fired.
fn warnings_block(s: &Scenario) -> Markup {
    let found = warnings(s);
    html! {
        @if !found.is_empty() {
            section #warnings {
                h2 { "Check these inputs first" }
                ul {
                    @for w in &found {
                        li { code { (w.key) } ": " (text(&w.message)) "; " (text(&w.fix)) }
                    }
                }
            }
        }
    }
}

/// Every input, marked given or default with the default's source, and the
/// verdict's inputs that are guesses.
fn inputs_block(s: &Scenario) -> Markup {
    let all = inputs(s);
    let guessed = guesses(&all, s.search_runway_months().is_none());
    html! {
        section #inputs {
            h2 { "The inputs" }
            @if guessed.is_empty() {
                p { "Every input the verdicts read about your situation and the market comes from your file." }
            } @else {
                p {
                    "Guesses: these inputs shape the verdicts but your file does not give them,                      so a default stands in for what you know. Replace them with your own numbers                      where you can:"
                }
                ul.guesses {
                    @for i in &guessed {
                        li { code { (i.key) } " = " code { (text(&i.value)) } " (" (source_words(i)) ": " (text(i.source_note)) ")" }
                    }
                }
            }
            table {
                thead { tr { th { "Key" } th { "Value" } th { "From" } th { "Where the default comes from" } } }
                tbody {
                    @for i in &all {
                        tr class=(if i.given { "given" } else { "" }) {
                            td { code { (i.key) } }
                            td { @if i.value.is_empty() { "not set" } @else { code { (text(&i.value)) } } }
                            td { (source_words(i)) }
                            td { (text(i.source_note)) }
                        }
                    }
                }
            }
        }
    }
}

/// The whole `index.html` of a batch.
pub fn render_index(rows: &[BatchRow], overview: Option<&Figure>) -> String {
    let body = html! {
            body {
                header {
                    h1 { "Every scenario of the run" }
                    p.meta { (rows.len()) " scenarios. Each name opens its own report." }
                }
                section #batch {
                    table {
                        thead { tr {
                            th { "Scenario" } th { "Rule of thumb" } th { "Simulation" } th { "Pick" }
                            th { "Agree" } th.num { "Gap" } th.num { "Role" } th { "Situation" }
                            th.num { "Sign from" } th.num { "Walk below" }
                        } }
                        tbody {
                            @for row in rows { (index_row(row)) }
                        }
                    }
                }
                @if let Some(f) = overview {
                    section #charts { (figure(f)) }
                }
                footer { p { "Written by walkaway " (env!("CARGO_PKG_VERSION")) "." } }
            }
    };
    page(
        "walkaway: every scenario of the run",
        overview.is_some(),
        body,
    )
}

/// Money in a table cell: `USD 177.1k`, or in full below ten thousand (a
/// model in wage units has offers near 1).
fn short_money(x: f64, currency: &str) -> String {
    if x.abs() < 1e4 {
        let t = format!("{x:.2}");
        let t = t.trim_end_matches('0').trim_end_matches('.');
        format!("{} {t}", text(currency))
    } else {
        format!("{} {}", text(currency), k(x))
    }
}

/// A scenario folder's report, as a link relative to the index.
fn report_href(stem: &str) -> String {
    // Everything but the unreserved characters of a URL path.
    const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let seg = percent_encoding::utf8_percent_encode(stem, PATH);
    format!("{seg}/{REPORT_HTML}")
}

fn index_row(row: &BatchRow) -> Markup {
    let s = &row.scenario;
    let gap = s.gap();
    let f = row.frontier.as_ref();
    let cur = |x: f64| short_money(x, &s.currency);
    html! {
        tr {
            td { a href=(report_href(&s.stem)) { (text(&s.name)) } br; small { (text(&s.stem)) } }
            td class=(verdict_class(row.rule.verdict)) { (row.rule.verdict.words()) }
            td class=(verdict_class(row.sim.verdict)) { (row.sim.verdict.words()) }
            td { (row.sim.strategy.label()) }
            td { (if row.sim.agree { "yes" } else { "no" }) }
            td.num { (percent(gap.abs())) (if gap >= 0.0 { " below" } else { " above" }) }
            td.num { (format!("{:.2}", s.role_strength())) }
            td { @match s.search_runway_months() {
                None => "employed",
                Some(m) => { (m) " months of runway" }
            } }
            td.num { (edge_cell(f, Verdict::Take, f.and_then(|f| f.take_at), &cur)) }
            td.num { (edge_cell(f, Verdict::Walk, f.and_then(|f| f.walk_below), &cur)) }
        }
    }
}

/// An index cell for `take_at` or `walk_below`: the boundary, or, when
/// its verdict holds over the whole range searched, the end of the range
/// it reaches with the side the boundary lies on (`≤` the lowest offer
/// tried for signing, `≥` the highest for walking away), else "-".
fn edge_cell(
    f: Option<&Frontier>,
    v: Verdict,
    at: Option<Boundary>,
    cur: &dyn Fn(f64) -> String,
) -> String {
    match (f, at) {
        (_, Some(b)) => cur(b.at),
        (Some(f), None) if walkaway_block::covers(f, v) => match v {
            Verdict::Walk => format!("≥ {}", cur(f.bands.last().map_or(0.0, |b| b.c0_hi))),
            _ => format!("≤ {}", cur(f.bands.first().map_or(0.0, |b| b.c0_lo))),
        },
        _ => "-".to_string(),
    }
}

/// Every place in `page` that names something to load or follow: inside
/// its tags, the values of `src`, `href`, `xlink:href`, `srcset`,
/// `action`, `poster` and `data` attributes; inside `<style>` elements and
/// `style` attributes, CSS `url(...)` and `@import`. Text between tags is
/// not markup and is left alone. The tests hold each to a fragment or a
/// relative path, so a page cannot reach out.
pub fn resource_references(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut css = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        for (name, value) in attributes(tag) {
            match name.as_str() {
                "src" | "href" | "xlink:href" | "srcset" | "action" | "poster" | "data" => {
                    found.push(value.to_string());
                }
                "style" => css.push(value.to_string()),
                _ => {}
            }
        }
        if tag.to_ascii_lowercase().starts_with("style") {
            let body = &rest[end.min(rest.len())..];
            let close = body
                .to_ascii_lowercase()
                .find("</style")
                .unwrap_or(body.len());
            css.push(body[..close].to_string());
        }
    }
    for sheet in css {
        let lower = sheet.to_ascii_lowercase();
        for token in ["url(", "@import"] {
            let mut from = 0;
            while let Some(i) = lower[from..].find(token) {
                from += i + token.len();
                let tail = &sheet[from..];
                let stop = tail.find([')', ';', '\n']).unwrap_or(tail.len());
                found.push(tail[..stop].trim().to_string());
            }
        }
    }
    found
}

/// The attributes of a tag's text (after `<`, before `>`), names in lower
/// case, values unquoted.
fn attributes(tag: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    // Skip the tag's own name.
    let mut rest = tag.trim_start_matches(|c: char| !c.is_ascii_whitespace());
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        let Some(eq) = rest.find(|c: char| c == '=' || c.is_ascii_whitespace()) else {
            return out;
        };
        let name = rest[..eq].to_ascii_lowercase();
        rest = rest[eq..].trim_start();
        if !rest.starts_with('=') {
            continue;
        }
        rest = rest[1..].trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let v = rest[1..].split(q).next().unwrap_or("");
                rest = &rest[(v.len() + 2).min(rest.len())..];
                v
            }
            _ => {
                let stop = rest
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(rest.len());
                let v = &rest[..stop];
                rest = &rest[stop..];
                v
            }
        };
        out.push((name, value));
    }
}

/// Whether a reference stays inside the page or beside it: a fragment
/// (`#x`), data inside the page (`data:`), or a relative path: no other
/// scheme, no `//` host, nothing from the root of the disk.
pub fn is_local_reference(r: &str) -> bool {
    let r = r.trim().trim_matches(['"', '\'']);
    if r.starts_with("data:") {
        return true;
    }
    let scheme = r
        .split_once(':')
        .is_some_and(|(head, _)| !head.contains('/') && !head.contains('#') && !head.contains('?'));
    !(scheme || r.starts_with(['/', '\\']))
}

#[cfg(test)]
mod tests;
