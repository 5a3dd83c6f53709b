//! PNG charts beside each report: `value.png`, `difference.png`, `fan.png`,
//! `matrix.png`, `search.png` and (with the walk-away numbers) `offer.png`
//! per scenario, and `overview.png` for the batch. Each chart is drawn into an in-memory RGB buffer with a font built
//! into the binary (no system fonts, so it draws the same on a bare machine
//! and in CI), encoded as PNG and written atomically. Every chart is generic
//! over the plotters backend, so the HTML report gets the same charts as SVG
//! ([`svgs_for`], [`overview_svg`]).

pub mod data;
mod difference;
mod fan;
mod matrix;
mod offer;
mod overview;
mod search;
pub mod sweep;
pub mod tornado;
mod value;
pub mod verdict_map;
pub mod webfont;

use std::error::Error;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use rayon::prelude::*;

use super::atomic::write_atomic;
use super::{BatchExporter, BatchRow, Exporter, ScenarioReport};
use crate::model::Strategy;
use crate::verdict::Verdict;

/// Width and height of every chart, in pixels.
pub const SIZE: (u32, u32) = (1600, 1000);

pub const OVERVIEW: &str = "overview.png";

/// Every chart a scenario folder may hold, for removing an earlier run's
/// when this run draws none.
pub const FILES: [&str; 6] = [
    "matrix.png",
    "value.png",
    "difference.png",
    "fan.png",
    "search.png",
    "offer.png",
];

/// A chart file of one scenario, what it shows (for the report's links)
/// and how it is drawn.
#[derive(Clone, Copy)]
pub struct ChartFile {
    pub file: &'static str,
    pub caption: &'static str,
    kind: Kind,
}

/// Which chart a [`ChartFile`] draws: an enum rather than a function
/// pointer, because each chart is generic over the backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Matrix,
    Value,
    Difference,
    Fan,
    Search,
    Offer,
}

impl ChartFile {
    /// Draws the chart on any backend.
    pub fn draw<DB: Backend>(&self, r: &ScenarioReport, area: &On<DB>) -> DrawResult {
        match self.kind {
            Kind::Matrix => matrix::draw(r, area),
            Kind::Value => value::draw(r, area),
            Kind::Difference => difference::draw(r, area),
            Kind::Fan => fan::draw(r, area),
            Kind::Search => search::draw(r, area),
            Kind::Offer => offer::draw(r, area),
        }
    }

    /// The file's name without its extension: `value` for `value.png`.
    pub fn stem(&self) -> &'static str {
        self.file.strip_suffix(".png").unwrap_or(self.file)
    }
}

/// The charts written for `r`, in the order the report shows them. The fan
/// is left out when the engine collected none.
pub fn files_for(r: &ScenarioReport) -> Vec<ChartFile> {
    let chart = |file, caption, kind| ChartFile {
        file,
        caption,
        kind,
    };
    let mut v = vec![
        chart(
            "matrix.png",
            "Where the offer sits on the decision matrix",
            Kind::Matrix,
        ),
        chart(
            "value.png",
            "Value of each strategy across simulated careers",
            Kind::Value,
        ),
    ];
    if data::has_differences(&r.aggregate.sketches) {
        v.push(chart(
            "difference.png",
            "Each strategy against accepting, in the same worlds",
            Kind::Difference,
        ));
    }
    if data::has_fan(&r.aggregate.fan) {
        v.push(chart(
            "fan.png",
            "Discounted earnings building up over the horizon",
            Kind::Fan,
        ));
    }
    v.push(chart(
        "search.png",
        "How long the search for a job takes",
        Kind::Search,
    ));
    if r.frontier.is_some() {
        v.push(chart(
            "offer.png",
            "The verdict by offer: each strategy against accepting as the offer changes",
            Kind::Offer,
        ));
    }
    debug_assert!(v.iter().all(|f| FILES.contains(&f.file)));
    v
}

/// Draws every chart of a scenario.
pub struct Charts;

impl Exporter for Charts {
    /// Charts are independent of each other, so they are drawn in parallel
    /// on the current rayon pool (the run's, with its `--threads`).
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        fonts()?;
        files_for(r)
            .par_iter()
            .map(|f| {
                let path = dir.join(f.file);
                render(&path, |area| f.draw(r, area))?;
                Ok(path)
            })
            .collect()
    }
}

/// Draws `overview.png`, every scenario of the batch on one matrix.
pub struct Overview;

impl BatchExporter for Overview {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        fonts()?;
        let path = out.join(OVERVIEW);
        render(&path, |area| overview::draw(rows, area))?;
        Ok(vec![path])
    }
}

/// A plotters backend a chart can draw on: the bitmap for the PNG files,
/// SVG for the HTML report. Its error must be `'static` to travel boxed.
pub trait Backend: DrawingBackend<ErrorType: 'static> {}
impl<DB: DrawingBackend<ErrorType: 'static>> Backend for DB {}

/// A whole chart, or a part of one, on any backend.
pub type On<DB> = DrawingArea<DB, Shift>;
/// A chart on the bitmap backend, as the PNG files are drawn.
pub type Area<'a> = On<BitMapBackend<'a>>;
/// A chart on the SVG backend, as the HTML report inlines it.
pub type SvgArea<'a> = On<SVGBackend<'a>>;
pub(crate) type DrawResult = Result<(), Box<dyn Error>>;

/// The family every chart's text uses, registered from the embedded font.
/// It is also the `font-family` the SVG charts carry, so it is a CSS font
/// list: DejaVu Sans where the page has it (see [`font_face_css`]), else
/// Verdana, whose letters are about as wide, else any sans-serif.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";
const FAMILY: &str = FONT_FAMILY;

/// Registers the embedded DejaVu Sans once per process.
pub(crate) fn fonts() -> io::Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && register_font(FAMILY, FontStyle::Bold, dejavu::sans::bold()).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(io::Error::other(
            "the embedded chart font could not be loaded",
        ))
    }
}

/// Draws into a white RGB buffer, encodes it and writes it atomically.
pub(crate) fn render(path: &Path, draw: impl FnOnce(&Area) -> DrawResult) -> io::Result<()> {
    let fail = |e: Box<dyn Error>| io::Error::other(format!("{}: {e}", path.display()));
    let (w, h) = SIZE;
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, SIZE).into_drawing_area();
        area.fill(&WHITE).map_err(|e| fail(e.into()))?;
        draw(&area).map_err(fail)?;
        area.present().map_err(|e| fail(e.into()))?;
    }
    let png = encode_png(&pixels, SIZE)?;
    write_atomic(path, |out| out.write_all(&png))
}

/// RGB pixels as a PNG file. Fast compression: charts are flat colours, so
/// it costs little size and keeps encoding to a few milliseconds.
pub fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc.write_header().map_err(io::Error::other)?;
    writer.write_image_data(rgb).map_err(io::Error::other)?;
    writer.finish().map_err(io::Error::other)?;
    Ok(out)
}

/// Every chart of `r` as an SVG document, in the order the report shows
/// them, each named by its PNG file's stem (`value` for `value.png`). Text
/// stays text: see [`FONT_FAMILY`] and [`font_face_css`].
pub fn svgs_for(r: &ScenarioReport) -> io::Result<Vec<(&'static str, String)>> {
    fonts()?;
    files_for(r)
        .iter()
        .map(|f| Ok((f.stem(), svg(f.stem(), |area| f.draw(r, area))?)))
        .collect()
}

/// The batch's overview chart as an SVG document (`None` for no rows).
pub fn overview_svg(rows: &[BatchRow]) -> io::Result<Option<String>> {
    if rows.is_empty() {
        return Ok(None);
    }
    fonts()?;
    svg("overview", |area| overview::draw(rows, area)).map(Some)
}

/// Draws on a white SVG canvas of [`SIZE`]; `name` only labels an error.
fn svg(name: &str, draw: impl FnOnce(&SvgArea) -> DrawResult) -> io::Result<String> {
    let fail = |e: Box<dyn Error>| io::Error::other(format!("{name} chart: {e}"));
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        area.fill(&WHITE).map_err(|e| fail(e.into()))?;
        draw(&area).map_err(fail)?;
        area.present().map_err(|e| fail(e.into()))?;
    }
    Ok(out)
}

/// CSS that makes a page draw its text and the charts' SVG text in the
/// very font the PNGs use: DejaVu Sans (regular; browsers embolden it for
/// bold text) embedded as a data URL, cut down to the characters of `page`
/// (see [`webfont`]), a few kilobytes rather than about 1 MB. Without it a
/// browser uses the first font of [`FONT_FAMILY`] it has; Verdana has
/// nearly the same widths.
pub fn font_face_css(page: &str) -> String {
    use base64::Engine;
    let whole = dejavu::sans::regular();
    // The whole font, should it ever fail to cut: a bigger page, the same look.
    let font = webfont::subset(whole, &webfont::characters(page));
    format!(
        "@font-face{{font-family:\"DejaVu Sans\";font-weight:normal;\
         src:url(data:font/ttf;base64,{}) format(\"truetype\")}}",
        base64::engine::general_purpose::STANDARD.encode(font.as_deref().unwrap_or(whole))
    )
}

pub(crate) const INK: RGBColor = RGBColor(30, 30, 30);
pub(crate) const GREY: RGBColor = RGBColor(110, 110, 110);

/// One colour per strategy, the same in every chart.
pub(crate) fn colour(s: Strategy) -> RGBColor {
    let (r, g, b) = s.describe().colour;
    RGBColor(r, g, b)
}

/// The colour of a verdict: that of the first strategy standing for it.
pub(crate) fn verdict_colour(v: Verdict) -> RGBColor {
    let s = Strategy::ALL
        .into_iter()
        .find(|s| s.class() == v)
        .expect("a strategy stands for every verdict");
    colour(s)
}

/// A darker shade of a palette colour for text on white: the light orange
/// in particular is too faint for letters.
pub(crate) fn text_colour(c: RGBColor) -> RGBColor {
    let dark = |v: u8| (f64::from(v) * 0.75) as u8;
    RGBColor(dark(c.0), dark(c.1), dark(c.2))
}

pub(crate) fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&INK)
}

pub(crate) fn bold(size: u32) -> TextStyle<'static> {
    // The style must go in at creation: `FontDesc::style` keeps the glyphs
    // already loaded for the regular face.
    (FAMILY, size, FontStyle::Bold).into_font().color(&INK)
}

/// Font sizes, in pixels, for a 1600 x 1000 chart.
pub(crate) const TITLE: u32 = 38;
pub(crate) const SUBTITLE: u32 = 24;
pub(crate) const AXIS: u32 = 26;
pub(crate) const TICK: u32 = 22;
pub(crate) const LEGEND: u32 = 23;

/// Height of the title block.
const HEADER: u32 = 112;
/// Width of the legend panel on the right of a chart.
pub(crate) const PANEL: u32 = 430;

/// Draws the title block and returns the area below it.
pub(crate) fn header<DB: Backend>(
    area: &On<DB>,
    title: &str,
    subtitle: &str,
) -> Result<On<DB>, Box<dyn Error>> {
    let (top, rest) = area.split_vertically(HEADER);
    let room = SIZE.0 - 72;
    let measure = |text: &str, style: &TextStyle| -> u32 {
        top.estimate_text_size(text, style)
            .map(|(w, _)| w)
            .unwrap_or(u32::MAX)
    };
    let (title, size) = fit_title(title, room, |text, size| measure(text, &bold(size)));
    top.draw(&Text::new(title, (36, 22), bold(size)))?;
    let (subtitle, size) = fit_line(subtitle, room, SUBTITLE, 16, |text, size| {
        measure(text, &font(size))
    });
    top.draw(&Text::new(subtitle, (36, 72), font(size).color(&GREY)))?;
    Ok(rest)
}

/// Smallest size a title shrinks to before it is shortened.
pub const TITLE_MIN: u32 = 26;

/// A title that fits `room` pixels, as `width(text, size)` measures it:
/// shrunk from [`TITLE`] down to [`TITLE_MIN`], then, for a name too long
/// for any size, the part before the last `": "` (the scenario's name) is
/// shortened with an ellipsis, so the chart's own words always show.
pub fn fit_title(title: &str, room: u32, width: impl Fn(&str, u32) -> u32) -> (String, u32) {
    let mut size = TITLE;
    while size > TITLE_MIN && width(title, size) > room {
        size -= 2;
    }
    if width(title, size) <= room {
        return (title.to_string(), size);
    }
    let (name, rest) = match title.rfind(": ") {
        Some(i) => (&title[..i], &title[i..]),
        None => (title, ""),
    };
    let chars: Vec<char> = name.chars().collect();
    // The longest start of the name that fits with the ellipsis.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let head: String = chars[..mid].iter().collect();
        if width(&format!("{}…{rest}", head.trim_end()), size) <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let head: String = chars[..lo].iter().collect();
    (format!("{}…{rest}", head.trim_end()), size)
}

/// One line of text that fits `room`: shrunk from `size` to `min`, then
/// cut with an ellipsis.
pub fn fit_line(
    text: &str,
    room: u32,
    size: u32,
    min: u32,
    width: impl Fn(&str, u32) -> u32,
) -> (String, u32) {
    let mut size = size;
    while size > min && width(text, size) > room {
        size -= 1;
    }
    if width(text, size) <= room {
        return (text.to_string(), size);
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let head: String = chars[..mid].iter().collect();
        if width(&format!("{}…", head.trim_end()), size) <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let head: String = chars[..lo].iter().collect();
    (format!("{}…", head.trim_end()), size)
}

/// Text width in pixels in the charts' font, regular or bold, as a chart
/// measures it (for tests and for fitting text without a drawing area).
pub fn text_width(text: &str, size: u32, heavy: bool) -> u32 {
    let _ = fonts();
    let style = if heavy { bold(size) } else { font(size) };
    style
        .font
        .box_size(text)
        .map(|(w, _)| w)
        .unwrap_or(u32::MAX)
}

/// A legend entry: a swatch in the strategy's colour, a name and lines of
/// numbers under it.
pub(crate) struct LegendEntry {
    pub colour: RGBColor,
    pub name: String,
    pub lines: Vec<String>,
}

impl LegendEntry {
    /// The entry of strategy `st`, in its colour and under its label.
    pub fn new(st: Strategy, lines: Vec<String>) -> Self {
        LegendEntry {
            colour: colour(st),
            name: st.label().to_string(),
            lines,
        }
    }
}

/// Draws entries top-down in `panel`, starting `top` pixels down; returns
/// the y below the last entry.
pub(crate) fn legend<DB: Backend>(
    panel: &On<DB>,
    top: i32,
    entries: &[LegendEntry],
) -> Result<i32, Box<dyn Error>> {
    let mut y = top;
    for e in entries {
        panel.draw(&PathElement::new(
            vec![(14, y + 13), (58, y + 13)],
            e.colour.stroke_width(6),
        ))?;
        panel.draw(&Text::new(e.name.clone(), (70, y), bold(LEGEND)))?;
        y += 32;
        for line in &e.lines {
            y = paragraph(panel, line, &font(LEGEND - 2), (70, y), PANEL - 84)?;
        }
        y += 16;
    }
    Ok(y)
}

/// Plain lines of text in the legend panel; returns the y below them.
/// A white, nearly opaque box behind a placed label, so grid lines and
/// shading do not run through its text.
pub(crate) fn label_backdrop<DB: Backend>(
    area: &On<DB>,
    rect: &data::Rect,
    opacity: f64,
) -> DrawResult {
    area.draw(&Rectangle::new(
        [
            (rect.x as i32, rect.y as i32),
            ((rect.x + rect.w) as i32, (rect.y + rect.h) as i32),
        ],
        WHITE.mix(opacity).filled(),
    ))?;
    Ok(())
}

pub(crate) fn notes<DB: Backend>(
    panel: &On<DB>,
    top: i32,
    lines: &[String],
) -> Result<i32, Box<dyn Error>> {
    let mut y = top;
    let style = font(LEGEND - 3).color(&GREY);
    for line in lines {
        y = paragraph(panel, line, &style, (14, y), PANEL - 34)?;
    }
    Ok(y)
}

/// Splits `text` into lines of at most `width` characters, at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_by(text, |line| line.chars().count() <= width)
}

/// Splits `text` at spaces into the longest lines that `fits` accepts; a
/// single word too long for a line gets a line of its own.
pub fn wrap_by(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && !fits(&format!("{line} {word}")) {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lines of `text` no wider than `max_px` in `style`, as the font measures.
pub(crate) fn wrap_px<DB: Backend>(
    area: &On<DB>,
    text: &str,
    style: &TextStyle,
    max_px: u32,
) -> Vec<String> {
    wrap_by(text, |line| {
        area.estimate_text_size(line, style)
            .map(|(w, _)| w <= max_px)
            .unwrap_or(true)
    })
}

/// Writes `text` wrapped to `max_px` from `(x, y)`; returns the y below it.
pub(crate) fn paragraph<DB: Backend>(
    area: &On<DB>,
    text: &str,
    style: &TextStyle,
    (x, y): (i32, i32),
    max_px: u32,
) -> Result<i32, Box<dyn Error>> {
    let step = (style.font.get_size() * 1.3).round() as i32;
    let mut y = y;
    for line in wrap_px(area, text, style, max_px) {
        area.draw(&Text::new(line, (x, y), style.clone()))?;
        y += step;
    }
    Ok(y)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::{self, Quiet};
    use crate::model::Params;
    use crate::scenario::load_file;

    /// A short real simulation of a sample scenario, with its fan.
    pub(crate) fn report(file: &str, paths: u64) -> ScenarioReport {
        report_with(file, paths, true)
    }

    fn report_with(file: &str, paths: u64, charts: bool) -> ScenarioReport {
        let s = load_file(Path::new(file)).unwrap();
        let params = Params::new(&s);
        let pool = engine::pool(Some(1)).unwrap();
        let plan = engine::Plan {
            paths,
            seed: 7,
            charts,
        };
        let agg = engine::simulate(&params, &plan, &pool, &Quiet).unwrap();
        ScenarioReport::new(s, agg)
    }

    /// Width, height, distinct colours and the share of pixels that are
    /// not the white background.
    fn inspect(path: &Path) -> (u32, u32, usize, f64) {
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks_exact(3).collect();
        let inked = pixels.iter().filter(|p| **p != [255, 255, 255]).count();
        let colours: std::collections::HashSet<&[u8]> = pixels.iter().copied().collect();
        (
            info.width,
            info.height,
            colours.len(),
            inked as f64 / pixels.len() as f64,
        )
    }

    #[test]
    fn every_chart_draws_including_a_hand_built_fan() {
        let mut r = report_with("scenarios/strong-large-gap.toml", 3_000, false);
        assert!(
            files_for(&r)
                .iter()
                .all(|f| f.file != "fan.png" && f.file != "difference.png"),
            "no chart data collected: no fan or difference drawn"
        );
        // Drawn from the type alone: a fan built by hand.
        r.aggregate.fan = fan::hand_fan(r.scenario.career.horizon_years);
        // And one the engine collected.
        let employed = report("scenarios/employed.toml", 2_000);
        let dir = tempfile::tempdir().unwrap();
        for r in [&r, &employed] {
            std::fs::create_dir_all(r.dir(dir.path())).unwrap();
        }
        let mut written = Vec::new();
        for r in [&r, &employed] {
            written.extend(Charts.write(r, &r.dir(dir.path())).unwrap());
        }
        let rows = [BatchRow::of(&r), BatchRow::of(&employed)];
        written.extend(Overview.write(&rows, dir.path()).unwrap());
        assert_eq!(written.len(), 4 + 5 + 1);
        assert!(
            written
                .iter()
                .any(|p| p.ends_with("strong-large-gap/fan.png"))
        );
        for path in &written {
            let (w, h, colours, inked) = inspect(path);
            assert_eq!((w, h), SIZE, "{}", path.display());
            assert!(colours >= 8, "{}: {colours} colours", path.display());
            assert!(inked > 0.05, "{}: {inked} inked", path.display());
        }
        // For a look at them: WALKAWAY_KEEP_CHARTS=/some/dir cargo test.
        if let Some(keep) = std::env::var_os("WALKAWAY_KEEP_CHARTS") {
            for path in &written {
                let name = path
                    .strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .replace('/', "-");
                std::fs::copy(path, Path::new(&keep).join(name)).unwrap();
            }
        }
    }

    #[test]
    fn png_encoding_round_trips() {
        let rgb: Vec<u8> = (0..4 * 3 * 3).map(|i| i as u8).collect();
        let bytes = encode_png(&rgb, (4, 3)).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut buf).unwrap();
        assert_eq!(buf, rgb);
    }

    #[test]
    fn wrap_keeps_words_whole_and_lines_short() {
        let lines = wrap("Runway 4 months: a walk becomes counter, then decide.", 20);
        assert_eq!(
            lines,
            [
                "Runway 4 months: a",
                "walk becomes",
                "counter, then",
                "decide."
            ]
        );
        assert!(wrap("", 10).is_empty());
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
    }

    #[test]
    fn the_embedded_font_registers() {
        fonts().unwrap();
        fonts().unwrap();
    }
}
