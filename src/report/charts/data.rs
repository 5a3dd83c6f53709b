//! What the charts show, computed without drawing anything: re-binned
//! sketches, the point on the decision matrix, the fan bands, label
//! positions. Everything here is a pure function of what the engine already
//! aggregated while streaming; nothing needs a second pass over the paths.
//!
//! Re-binning a sketch: each of the sketch's narrow bins (relative width
//! 2e-4) goes whole to the display bin that holds its representative value,
//! the very value [`QuantileSketch::quantile`] answers for that bin. A path
//! can therefore land one display bin off only when it lies within 0.01 % of
//! a display edge, far below what a chart can show, and the display bin that
//! holds the sketch's median is exactly the bin where the cumulative count
//! passes the median's rank.

use crate::engine::Fan;
use crate::model::Strategy;
use crate::stats::QuantileSketch;

/// Counts over equal-width bins, plus what fell outside the range shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub lo: f64,
    pub width: f64,
    pub counts: Vec<u64>,
    pub below: u64,
    pub above: u64,
}

impl Histogram {
    pub fn empty(lo: f64, width: f64, bins: usize) -> Self {
        Histogram {
            lo,
            width,
            counts: vec![0; bins],
            below: 0,
            above: 0,
        }
    }

    pub fn hi(&self) -> f64 {
        self.lo + self.width * self.counts.len() as f64
    }

    /// The display bin holding `x`; the top edge belongs to the last bin.
    pub fn bin_of(&self, x: f64) -> Option<usize> {
        if !(x >= self.lo && x <= self.hi()) || self.counts.is_empty() {
            return None;
        }
        let i = ((x - self.lo) / self.width).floor() as usize;
        Some(i.min(self.counts.len() - 1))
    }

    pub fn add(&mut self, x: f64, n: u64) {
        match self.bin_of(x) {
            Some(i) => self.counts[i] += n,
            None if x < self.lo => self.below += n,
            None => self.above += n,
        }
    }

    /// Every path counted, inside the range or not.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.below + self.above
    }

    /// The outline of the bars as a step line, each bar's height its share
    /// of `paths` in percent; starts and ends on zero so the shape closes.
    pub fn step_outline(&self, paths: u64) -> Vec<(f64, f64)> {
        let scale = if paths == 0 {
            0.0
        } else {
            100.0 / paths as f64
        };
        let mut pts = Vec::with_capacity(2 * self.counts.len() + 2);
        pts.push((self.lo, 0.0));
        for (i, &c) in self.counts.iter().enumerate() {
            let x0 = self.lo + self.width * i as f64;
            let h = c as f64 * scale;
            pts.push((x0, h));
            pts.push((x0 + self.width, h));
        }
        pts.push((self.hi(), 0.0));
        pts
    }

    /// Tallest bar, in percent of `paths`.
    pub fn peak_percent(&self, paths: u64) -> f64 {
        let top = self.counts.iter().copied().max().unwrap_or(0);
        if paths == 0 {
            0.0
        } else {
            100.0 * top as f64 / paths as f64
        }
    }
}

/// The value a quantile query answers for a sketch bin `(lo, hi)`: the
/// harmonic mean of its edges (`2 gamma^i / (1 + gamma)` for a positive
/// bin), and 0 for the bin of zeros.
pub fn representative(lo: f64, hi: f64) -> f64 {
    if lo < 0.0 && hi > 0.0 {
        0.0
    } else {
        let v = 2.0 * lo * hi / (lo + hi);
        // Near f64's limit the product overflows; as the sketch does, the
        // lower edge then stands for the bin.
        if v.is_finite() { v } else { lo }
    }
}

/// Re-bins `bins` (a sketch's `(lo, hi, count)`) onto `target`. Like a
/// quantile query, representatives are clamped to the exact `[min, max]`
/// the sketch saw, so a display range from the minimum to the maximum
/// holds every path.
pub fn rebin(bins: &[(f64, f64, u64)], (min, max): (f64, f64), target: &mut Histogram) {
    for &(lo, hi, c) in bins {
        target.add(representative(lo, hi).clamp(min, max), c);
    }
}

/// A bin width of 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&s| s >= raw * (1.0 - 1e-12))
        .unwrap_or(10.0 * p);
    // Below 1e-323 the power of ten is 0, near f64's limit it overflows:
    // then the raw width itself, or 1 (ends that close are one value).
    if step > 0.0 && step.is_finite() {
        step
    } else if raw.is_finite() && raw > 1.0 {
        raw
    } else {
        1.0
    }
}

/// Most bins a display grid holds, whatever the data (8 KB of counts);
/// a grid asked for `target` bins has at most `target + 2` of them.
pub const MAX_GRID_BINS: usize = 1024;

/// Largest magnitude a display axis reaches: far beyond any money or weeks,
/// and small enough that the difference of two ends is finite.
pub const AXIS_LIMIT: f64 = 1e300;

/// A value brought onto a display axis: finite and within [`AXIS_LIMIT`]
/// (NaN goes to 0). Every ordinary value is left as it is.
pub fn on_axis(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(-AXIS_LIMIT, AXIS_LIMIT)
    }
}

/// Equal bins with round edges covering `[lo, hi]`, about `target` of them
/// (at most [`MAX_GRID_BINS`]); ends past [`AXIS_LIMIT`] are brought to it.
pub fn grid(lo: f64, hi: f64, target: usize) -> Histogram {
    let target = target.clamp(1, MAX_GRID_BINS - 2);
    let (lo, hi) = (on_axis(lo), on_axis(hi));
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        // One value only: a small window around it.
        let pad = (lo.abs() * 0.01).max(1.0);
        (lo - pad, hi + pad)
    };
    let width = nice_step((hi - lo) / target as f64);
    let start = (lo / width).floor() * width;
    // At most target + 2 for any finite ends (the width is at least a
    // target-th of the span); the cap holds whatever rounding does.
    let bins = ((hi - start) / width).ceil();
    let bins = if bins >= 1.0 {
        (bins as usize).min(target + 2)
    } else {
        1
    };
    Histogram::empty(start, width, bins)
}

/// The range that holds the middle `1 - 2 tail` of every sketch given:
/// wide enough for all strategies, without letting a few extreme paths
/// squeeze the rest into a handful of bars.
pub fn common_range<'a>(
    sketches: impl IntoIterator<Item = &'a QuantileSketch>,
    tail: f64,
) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for s in sketches {
        if s.count() == 0 {
            continue;
        }
        lo = lo.min(s.quantile(tail));
        hi = hi.max(s.quantile(1.0 - tail));
    }
    if lo > hi { (0.0, 1.0) } else { (lo, hi) }
}

/// A sketch re-binned onto shared display bins.
pub fn histogram(sketch: &QuantileSketch, shape: &Histogram) -> Histogram {
    let mut h = Histogram::empty(shape.lo, shape.width, shape.counts.len());
    rebin(&sketch.bins(), (sketch.min(), sketch.max()), &mut h);
    h
}

/// A left-hand hump of a histogram: the bins up to the valley that parts
/// it from the main body (for a value histogram, the careers that ran out
/// of money before a job).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hump {
    /// Centre of the hump's highest bar.
    pub peak: f64,
    /// Upper edge of the valley's bar: the hump is everything below it.
    pub until: f64,
    /// Share of all counted paths (those off the axis on the left
    /// included) that fall in the hump.
    pub share: f64,
}

/// How deep a valley must be to part two humps: at most this share of the
/// lower hump's height (after smoothing over three bars).
pub const VALLEY: f64 = 0.7;
/// The lower hump must be at least this share of the main one's height.
pub const HUMP_MIN: f64 = 0.15;

/// The left hump of `h`, if it has two: the main peak and a second one at
/// least [`HUMP_MIN`] as high, with a valley between them no higher than
/// [`VALLEY`] times the lower. Heights are smoothed over three bars so
/// that noise does not make humps.
pub fn left_hump(h: &Histogram) -> Option<Hump> {
    let n = h.counts.len();
    if n < 5 {
        return None;
    }
    let smooth: Vec<f64> = (0..n)
        .map(|i| {
            let a = i.saturating_sub(1);
            let b = (i + 1).min(n - 1);
            h.counts[a..=b].iter().sum::<u64>() as f64 / (b - a + 1) as f64
        })
        .collect();
    let argmax = |lo: usize, hi: usize| -> usize {
        (lo..hi).fold(lo, |m, i| if smooth[i] > smooth[m] { i } else { m })
    };
    let argmin = |lo: usize, hi: usize| -> usize {
        (lo..hi).fold(lo, |m, i| if smooth[i] < smooth[m] { i } else { m })
    };
    let main = argmax(0, n);
    // The best second peak on one side of `main`, and the valley between.
    let second = |range: std::ops::Range<usize>| -> Option<(usize, usize)> {
        range
            .filter_map(|q| {
                let (a, b) = if q < main {
                    (q + 1, main)
                } else {
                    (main + 1, q)
                };
                if a >= b {
                    return None;
                }
                let v = argmin(a, b);
                (smooth[q] >= HUMP_MIN * smooth[main] && smooth[v] <= VALLEY * smooth[q])
                    .then_some((q, v))
            })
            .max_by(|x, y| smooth[x.0].total_cmp(&smooth[y.0]))
    };
    let (peak, valley) = match second(0..main) {
        Some((q, v)) => (q, v),
        None => {
            let (_, v) = second(main + 1..n)?;
            (main, v)
        }
    };
    let total = h.total();
    let inside: u64 = h.counts[..=valley].iter().sum::<u64>() + h.below;
    Some(Hump {
        peak: h.lo + h.width * (peak as f64 + 0.5),
        until: h.lo + h.width * (valley as f64 + 1.0),
        share: if total == 0 {
            0.0
        } else {
            inside as f64 / total as f64
        },
    })
}

/// Paths below zero, exactly zero and above zero among a sketch's bins
/// (`(lo, hi, count)`; the bin of zeros straddles zero).
pub fn sign_split(bins: &[(f64, f64, u64)]) -> (u64, u64, u64) {
    let (mut neg, mut zero, mut pos) = (0, 0, 0);
    for &(lo, hi, c) in bins {
        if lo < 0.0 && hi > 0.0 {
            zero += c;
        } else if hi <= 0.0 {
            neg += c;
        } else {
            pos += c;
        }
    }
    (neg, zero, pos)
}

/// A spike in a histogram: a bar at least [`SPIKE_RATIO`] times as tall as
/// any other and holding at least `min_share` of all paths (a share of
/// worlds that all end on nearly one value, such as a counter that did not
/// move). Drawn as a bar of its own, it would set the height scale and
/// flatten everything else.
pub fn spike(h: &Histogram, min_share: f64) -> Option<usize> {
    let (i, &top) = h.counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    let rest = h
        .counts
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != i)
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0);
    let total = h.total();
    (total > 0 && top as f64 >= min_share * total as f64 && top as f64 >= SPIKE_RATIO * rest as f64)
        .then_some(i)
}

/// How much taller than every other bar a spike is.
pub const SPIKE_RATIO: f64 = 3.0;

/// One series minus another, point by point at the same times (the fan's
/// medians share their times); `None` when the times differ.
pub fn minus(a: &[(f64, f64)], b: &[(f64, f64)]) -> Option<Vec<(f64, f64)>> {
    if a.len() != b.len() || a.iter().zip(b).any(|(p, q)| p.0 != q.0) {
        return None;
    }
    Some(a.iter().zip(b).map(|(p, q)| (p.0, p.1 - q.1)).collect())
}

/// Where a running difference catches up: the first time from which it
/// stays at or above zero to the end, after having been below. `None` when
/// it ends below zero or was never below.
pub fn catch_up(diff: &[(f64, f64)]) -> Option<f64> {
    let last_below = diff.iter().rposition(|p| p.1 < 0.0)?;
    diff.get(last_below + 1).map(|p| p.0)
}

/// The deepest point of a running difference (time, value), if it ever
/// goes below zero: how far behind the strategy falls at worst.
pub fn deepest(diff: &[(f64, f64)]) -> Option<(f64, f64)> {
    diff.iter()
        .copied()
        .filter(|p| p.1 < 0.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// Weeks until the first job, split into what a histogram can show and the
/// two point masses that would only be spikes: the countered offer taken at
/// the counter's answer, and no job before the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchWeeks {
    /// Paths whose first job came from searching (or a returning company).
    pub searched: Histogram,
    /// Paths that took the countered offer when it came back.
    pub took_counter: u64,
    /// Paths with no job before the horizon.
    pub no_job: u64,
    /// Median week among the paths that searched and found a job.
    pub searched_median: Option<f64>,
    pub paths: u64,
}

/// A sketch's bins read once, with what re-binning needs besides: reading
/// them converts every bin index to its edges, which is not free, so a
/// chart that looks at a sketch twice reads it once.
#[derive(Debug, Clone, PartialEq)]
pub struct SketchBins {
    pub bins: Vec<(f64, f64, u64)>,
    pub min: f64,
    pub max: f64,
    pub count: u64,
}

impl SketchBins {
    pub fn of(sketch: &QuantileSketch) -> Self {
        SketchBins {
            bins: sketch.bins(),
            min: sketch.min(),
            max: sketch.max(),
            count: sketch.count(),
        }
    }

    /// Index of the first bin whose edges (both included, whichever edge
    /// the sketch closes) hold `x`.
    fn holding(&self, x: f64) -> Option<usize> {
        self.bins.iter().position(|&(lo, hi, _)| lo <= x && x <= hi)
    }
}

/// Splits a weeks-to-job sketch. `horizon_weeks` is `H * 52`, the value the
/// model records when no job starts before the horizon; `counter_weeks` the
/// week the counter's answer arrives, for a strategy that counters. Both are
/// exact values, so their whole mass sits in the one narrow sketch bin that
/// holds them (a search ending within 0.01 % of them would be counted with
/// them: a negligible share).
pub fn search_weeks(
    weeks: &SketchBins,
    horizon_weeks: f64,
    counter_weeks: Option<f64>,
    range_weeks: f64,
    bins: usize,
) -> SearchWeeks {
    let no_job_bin = weeks.holding(horizon_weeks);
    let counter_bin = counter_weeks
        .and_then(|w| weeks.holding(w))
        .filter(|&i| Some(i) != no_job_bin);
    let mut took_counter = 0;
    let mut no_job = 0;
    let mut rest = Vec::new();
    for (i, &(lo, hi, c)) in weeks.bins.iter().enumerate() {
        if Some(i) == no_job_bin {
            no_job += c;
        } else if Some(i) == counter_bin {
            took_counter += c;
        } else {
            rest.push((lo, hi, c));
        }
    }
    let mut searched = grid(0.0, range_weeks.max(1.0), bins);
    rebin(&rest, (weeks.min, weeks.max), &mut searched);
    let searched_median = (!rest.is_empty()).then(|| bins_quantile(&rest, 0.5));
    SearchWeeks {
        searched,
        took_counter,
        no_job,
        searched_median,
        paths: weeks.count,
    }
}

/// The weeks axis of the search chart: to the 99th percentile of all
/// searches shown, and past the runway so its line is always on the chart,
/// never beyond the horizon.
pub fn search_range(weeks: &[&SketchBins], horizon_weeks: f64, runway_weeks: Option<f64>) -> f64 {
    let mut top: f64 = 8.0;
    for w in weeks {
        let no_job_bin = w.holding(horizon_weeks);
        let searched: Vec<(f64, f64, u64)> = w
            .bins
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != no_job_bin)
            .map(|(_, b)| *b)
            .collect();
        top = top.max(bins_quantile(&searched, 0.99));
    }
    if let Some(r) = runway_weeks {
        top = top.max(r * 1.25);
    }
    top.min(horizon_weeks)
}

/// The value of rank `floor(q (n - 1))` among binned values, as the
/// sketch would answer it; 0 when there are none.
pub fn bins_quantile(bins: &[(f64, f64, u64)], q: f64) -> f64 {
    let n: u64 = bins.iter().map(|b| b.2).sum();
    if n == 0 {
        return 0.0;
    }
    let rank = (q.clamp(0.0, 1.0) * (n - 1) as f64).floor() as u64;
    let mut seen = 0;
    for &(lo, hi, c) in bins {
        seen += c;
        if seen > rank {
            return representative(lo, hi);
        }
    }
    0.0
}

/// Months of runway as weeks on the chart's axis.
pub fn runway_weeks(months: f64) -> f64 {
    months * 52.0 / 12.0
}

/// One strategy's fan: P10, P50 and P90 of cumulative discounted earnings
/// against time in years.
#[derive(Debug, Clone, PartialEq)]
pub struct FanSeries {
    pub p10: Vec<(f64, f64)>,
    pub p50: Vec<(f64, f64)>,
    pub p90: Vec<(f64, f64)>,
}

impl FanSeries {
    /// The P10-P90 band as one closed outline: up the P90 line, back along
    /// P10.
    pub fn band_outline(&self) -> Vec<(f64, f64)> {
        self.p90
            .iter()
            .copied()
            .chain(self.p10.iter().rev().copied())
            .collect()
    }
}

/// The fan of strategy `s`, or `None` when the engine collected none (or
/// its lengths disagree, which a chart must not trust).
pub fn fan_series(fan: &Fan, s: Strategy) -> Option<FanSeries> {
    let bands = &fan.bands[s];
    if fan.times.len() < 2 || bands.len() != fan.times.len() {
        return None;
    }
    let pick = |k: usize| -> Vec<(f64, f64)> {
        fan.times
            .iter()
            .zip(bands)
            .map(|(&t, b)| (t, b[k]))
            .collect()
    };
    Some(FanSeries {
        p10: pick(0),
        p50: pick(1),
        p90: pick(2),
    })
}

/// Whether the engine filled the difference histograms (it does only for
/// runs that draw charts).
pub fn has_differences(sketches: &crate::engine::Sketches) -> bool {
    sketches.diff.values().all(|d| d.count() > 0)
}

/// Whether the engine collected a fan worth drawing.
pub fn has_fan(fan: &Fan) -> bool {
    Strategy::ALL
        .into_iter()
        .all(|s| fan_series(fan, s).is_some())
}

/// The lowest and highest value any band reaches.
pub fn fan_extent(fan: &Fan) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for b in fan.bands.values().flatten() {
        for &v in b {
            if v.is_finite() {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if lo > hi { (0.0, 1.0) } else { (lo, hi) }
}

/// The gap axis of a decision matrix (fractions, small gaps on the left):
/// always shows the offer-at-floor line and the small-gap threshold, with
/// room either side of every point.
pub fn gap_range(gaps: &[f64], small_gaps: &[f64]) -> (f64, f64) {
    let mut lo: f64 = -0.05;
    let mut hi: f64 = 0.25;
    for &g in gaps.iter().chain(small_gaps) {
        if g.is_finite() {
            lo = lo.min(g - 0.04);
            hi = hi.max(g + 0.06);
        }
    }
    (lo, hi)
}

/// Most ticks an axis of a decision matrix gets.
pub const MAX_TICKS: usize = 25;

/// An axis stretched piecewise so that its threshold sits in the middle:
/// the four quadrants of a decision matrix come out the same size whatever
/// the thresholds, as in the article's matrix. Ticks show true values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SplitAxis {
    pub lo: f64,
    pub threshold: f64,
    pub hi: f64,
}

impl SplitAxis {
    /// Keeps the threshold strictly inside, so neither half is empty.
    pub fn new(lo: f64, threshold: f64, hi: f64) -> Self {
        let span = (hi - lo).abs().max(1e-9);
        let lo = lo.min(threshold - span * 0.02);
        let hi = hi.max(threshold + span * 0.02);
        SplitAxis { lo, threshold, hi }
    }

    /// Position on the axis, 0 to 1.
    pub fn place(&self, v: f64) -> f64 {
        if v <= self.threshold {
            0.5 * (v - self.lo) / (self.threshold - self.lo)
        } else {
            0.5 + 0.5 * (v - self.threshold) / (self.hi - self.threshold)
        }
    }

    /// Round values to label, every `step`, within the axis.
    /// At most [`MAX_TICKS`]: a wider axis is labelled at a coarser round
    /// step.
    pub fn ticks(&self, step: f64) -> Vec<f64> {
        let (lo, hi) = (on_axis(self.lo), on_axis(self.hi));
        let step = if (hi - lo) / step > MAX_TICKS as f64 - 1.0 {
            nice_step((hi - lo) / (MAX_TICKS as f64 - 1.0))
        } else {
            step
        };
        let first = (lo / step).ceil() as i64;
        let last = (hi / step).floor() as i64;
        (first..=last)
            .take(MAX_TICKS)
            .map(|k| k as f64 * step)
            .collect()
    }
}

/// The finest step of the gap axis: whole multiples of 5%.
pub const MIN_TICK_STEP: f64 = 0.05;

/// A step of 1, 2 or 5 times a power of ten, at least `raw`: labels in
/// whole percent then never round (2.5% would print as 3%).
fn round_step(raw: f64) -> f64 {
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&s| s >= raw * (1.0 - 1e-12))
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or_else(|| nice_step(raw))
}

/// Pixels kept free between two tick labels.
pub const TICK_GAP: f64 = 14.0;

/// Ticks of a stretched axis `len` pixels long whose labels, centred on
/// their ticks and `label_w(value)` pixels wide, never overlap: each half
/// gets a round step of its own for its share of the pixels, and a tick
/// whose label would touch the previous one is left out.
pub fn spaced_ticks(axis: &SplitAxis, len: f64, label_w: impl Fn(f64) -> f64) -> Vec<f64> {
    let widest = [axis.lo, axis.threshold, axis.hi]
        .into_iter()
        .map(|v| label_w(on_axis(v)))
        .fold(1.0, f64::max);
    // How many labels a half holds side by side.
    let room = ((len / 2.0) / (widest + TICK_GAP)).floor().max(1.0);
    let mut ticks = Vec::new();
    for (lo, hi) in [(axis.lo, axis.threshold), (axis.threshold, axis.hi)] {
        let (lo, hi) = (on_axis(lo), on_axis(hi));
        let step = round_step((hi - lo) / room).max(MIN_TICK_STEP);
        let first = (lo / step).ceil() as i64;
        let last = (hi / step).floor() as i64;
        ticks.extend(
            (first..=last)
                .take(MAX_TICKS)
                .map(|k| k as f64 * step)
                .filter(|v| v.is_finite()),
        );
    }
    ticks.sort_by(f64::total_cmp);
    ticks.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    let mut kept: Vec<f64> = Vec::new();
    let mut right_edge = f64::NEG_INFINITY;
    for v in ticks {
        let x = axis.place(v) * len;
        let w = label_w(v);
        if x - w / 2.0 >= right_edge + TICK_GAP {
            kept.push(v);
            right_edge = x + w / 2.0;
        }
    }
    kept
}

/// A text box on the chart, in pixels: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    pub fn inside(&self, area: &Rect) -> bool {
        self.x >= area.x
            && self.y >= area.y
            && self.x + self.w <= area.x + area.w
            && self.y + self.h <= area.y + area.h
    }

    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// Right, left, above, below: a label level with its point reads best.
pub const BESIDE: [f64; 4] = [0.0, 180.0, 270.0, 90.0];
/// Right, above, below, left: keeps a label off the far side of a
/// threshold line left of its point.
pub const BESIDE_RIGHT_FIRST: [f64; 4] = [0.0, 270.0, 90.0, 180.0];

/// Where a label went, and whether it sits far enough from its point to
/// need a line back to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub rect: Rect,
    pub leader: bool,
}

/// Places one label per point (pixels; `sizes` are the labels' width and
/// height) so that no label overlaps another label or any marker (a square
/// of side `marker` around each point) and all stay inside `area`. Greedy:
/// points are taken from the most crowded, each label tries positions on
/// rings of growing radius around its point and takes the first that fits;
/// if none fits it takes the one with the least overlap. `first` lists the
/// directions tried right beside the point, in order (degrees, 0 = right,
/// 90 = below).
pub fn place_labels(
    points: &[(f64, f64)],
    sizes: &[(f64, f64)],
    area: Rect,
    marker: f64,
    obstacles: &[Rect],
    first: &[f64],
) -> Vec<Placement> {
    let markers: Vec<Rect> = points
        .iter()
        .map(|&(x, y)| Rect {
            x: x - marker / 2.0,
            y: y - marker / 2.0,
            w: marker,
            h: marker,
        })
        .collect();
    // Crowded points first: they have the fewest free spots.
    let crowding = |i: usize| -> f64 {
        let (x, y) = points[i];
        points
            .iter()
            .map(|&(a, b)| ((a - x).powi(2) + (b - y).powi(2)).sqrt())
            .filter(|&d| d > 0.0)
            .fold(f64::INFINITY, f64::min)
    };
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| crowding(a).total_cmp(&crowding(b)).then(a.cmp(&b)));

    let mut placed: Vec<Option<Placement>> = vec![None; points.len()];
    let mut taken: Vec<Rect> = Vec::new();
    for i in order {
        let (px, py) = points[i];
        let (w, h) = sizes.get(i).copied().unwrap_or((0.0, 0.0));
        let gap = marker / 2.0 + 6.0;
        let mut best: Option<(f64, Placement)> = None;
        'rings: for (ring, radius) in [0.0, 30.0, 60.0, 100.0, 150.0, 210.0]
            .into_iter()
            .enumerate()
        {
            let angles: &[f64] = if ring == 0 {
                first
            } else {
                &[
                    0.0, 180.0, 315.0, 45.0, 225.0, 135.0, 270.0, 90.0, 337.5, 22.5, 202.5, 157.5,
                ]
            };
            for &deg in angles {
                let (dx, dy) = (deg.to_radians().cos(), deg.to_radians().sin());
                // Anchor the label's near side at the ring, so it grows away
                // from its point.
                let cx = px + dx * (gap + radius + w / 2.0);
                let cy = py + dy * (gap + radius + h / 2.0);
                let rect = Rect {
                    x: cx - w / 2.0,
                    y: cy - h / 2.0,
                    w,
                    h,
                };
                let candidate = Placement {
                    rect,
                    leader: radius > 0.0,
                };
                let overlap: f64 = taken
                    .iter()
                    .chain(markers.iter())
                    .chain(obstacles)
                    .filter(|o| rect.overlaps(o))
                    .count() as f64
                    + if rect.inside(&area) { 0.0 } else { 100.0 };
                if overlap == 0.0 {
                    best = Some((0.0, candidate));
                    break 'rings;
                }
                if best.is_none_or(|(o, _)| overlap < o) {
                    best = Some((overlap, candidate));
                }
            }
        }
        if let Some((_, p)) = best {
            taken.push(p.rect);
            placed[i] = Some(p);
        }
    }
    placed
        .into_iter()
        .map(|p| {
            p.unwrap_or(Placement {
                rect: area,
                leader: false,
            })
        })
        .collect()
}

/// A bar of a histogram in pixels: its left and right edges and the y of
/// its top (pixel y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarTop {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
}

/// Clear space kept between a label and the bars under it, in pixels.
pub const OVER_BARS_GAP: f64 = 4.0;

/// Where a `w` x `h` label for a vertical line at `line_x` goes so that it
/// hides no bar: its bottom at `prefer` (a pixel y) or higher, over the bars
/// it spans (at least `OVER_BARS_GAP` above the tallest of them), inside
/// `plot`, clear of every rectangle in `avoid`. Centred on the line if that fits, else beside it, else slid
/// further along the axis, nearest first; `None` when nowhere fits.
pub fn label_over_bars(
    bars: &[BarTop],
    line_x: f64,
    (w, h): (f64, f64),
    prefer: f64,
    plot: &Rect,
    avoid: &[Rect],
) -> Option<Rect> {
    let (lo, hi) = (plot.x + 4.0, plot.x + plot.w - 4.0 - w);
    if hi < lo {
        return None;
    }
    let mut xs = vec![line_x - w / 2.0, line_x + 6.0, line_x - 6.0 - w];
    let step = 10.0;
    let mut d = step;
    while d < plot.w {
        xs.push(line_x + 6.0 + d);
        xs.push(line_x - 6.0 - w - d);
        d += step;
    }
    xs.into_iter().find_map(|x| {
        let x = x.clamp(lo, hi);
        let bottom = bars
            .iter()
            .filter(|b| b.x1 > x && b.x0 < x + w)
            .map(|b| b.top - OVER_BARS_GAP)
            .fold(prefer.min(plot.y + plot.h - OVER_BARS_GAP), f64::min);
        let r = Rect {
            x,
            y: bottom - h,
            w,
            h,
        };
        (r.y >= plot.y && !avoid.iter().any(|a| a.overlaps(&r))).then_some(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PerStrategy;

    fn sketch(xs: impl IntoIterator<Item = f64>) -> QuantileSketch {
        let mut s = QuantileSketch::default();
        xs.into_iter().for_each(|x| s.push(x));
        s
    }

    /// A spread of values like a value distribution: skewed, both signs.
    fn values(n: usize) -> Vec<f64> {
        (0..n)
            .map(|i| {
                let u = (i as f64 + 0.5) / n as f64;
                -40_000.0 + 900_000.0 * u.powf(1.7) + 3_000.0 * (i % 7) as f64
            })
            .collect()
    }

    #[test]
    fn rebinned_counts_add_up_to_the_paths() {
        let s = sketch(values(10_000));
        let (lo, hi) = common_range([&s], 0.005);
        let h = histogram(&s, &grid(lo, hi, 60));
        assert_eq!(h.total(), s.count());
        // Only the tails left off the axis fall outside it.
        assert!(h.below + h.above <= s.count() / 100);
    }

    #[test]
    fn the_median_lands_in_the_bin_where_the_count_passes_half() {
        for n in [11, 1_000, 20_001] {
            let s = sketch(values(n));
            let h = histogram(&s, &grid(s.min(), s.max(), 50));
            assert_eq!(h.below + h.above, 0);
            let median = s.quantile(0.5);
            let rank = (s.count() - 1) / 2;
            let mut seen = 0;
            let passing = h
                .counts
                .iter()
                .position(|&c| {
                    seen += c;
                    seen > rank
                })
                .unwrap();
            assert_eq!(h.bin_of(median), Some(passing), "n = {n}");
        }
    }

    #[test]
    fn every_value_lands_in_its_own_display_bin() {
        // Values well inside display bins: re-binning must agree with
        // binning the raw values.
        let xs: Vec<f64> = (0..500).map(|i| -2_475.0 + 10.0 * i as f64).collect();
        let s = sketch(xs.iter().copied());
        let shape = grid(-3_000.0, 3_000.0, 60);
        let from_sketch = histogram(&s, &shape);
        let mut direct = Histogram::empty(shape.lo, shape.width, shape.counts.len());
        xs.iter().for_each(|&x| direct.add(x, 1));
        assert_eq!(direct.total(), 500);
        assert_eq!(from_sketch, direct);
    }

    #[test]
    fn zeros_and_constants_do_not_break_the_grid() {
        let zeros = sketch(std::iter::repeat_n(0.0, 100));
        let (lo, hi) = common_range([&zeros], 0.005);
        let h = histogram(&zeros, &grid(lo, hi, 40));
        assert_eq!(h.total(), 100);
        assert_eq!(h.counts.iter().sum::<u64>(), 100);
        let empty = QuantileSketch::default();
        assert_eq!(common_range([&empty], 0.01), (0.0, 1.0));
    }

    #[test]
    fn nice_steps_are_round() {
        assert_eq!(nice_step(13_000.0), 20_000.0);
        assert_eq!(nice_step(2_100.0), 2_500.0);
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(1.0), 1.0);
        assert_eq!(nice_step(f64::NAN), 1.0);
        assert_eq!(nice_step(5e-324), 1.0);
        assert_eq!(nice_step(1.5e308), 1.5e308);
        let g = grid(-41_000.0, 915_000.0, 60);
        assert!(g.lo <= -41_000.0 && g.hi() >= 915_000.0);
        assert_eq!(g.lo % g.width, 0.0);
    }

    #[test]
    fn step_outline_closes_on_zero_and_sums_to_the_share_shown() {
        let mut h = Histogram::empty(0.0, 10.0, 3);
        h.counts = vec![1, 3, 0];
        h.above = 1;
        let pts = h.step_outline(5);
        assert_eq!(pts.first(), Some(&(0.0, 0.0)));
        assert_eq!(pts.last(), Some(&(30.0, 0.0)));
        assert_eq!(pts[3], (10.0, 60.0));
        assert_eq!(h.peak_percent(5), 60.0);
    }

    #[test]
    fn search_weeks_sets_the_point_masses_apart() {
        let horizon = 5.0 * 52.0;
        let counter = 2.0;
        let mut xs = vec![horizon; 30];
        xs.extend(std::iter::repeat_n(counter, 500));
        xs.extend((0..470).map(|i| 3.0 + i as f64 * 0.1));
        let s = SketchBins::of(&sketch(xs));
        let w = search_weeks(&s, horizon, Some(counter), 60.0, 30);
        assert_eq!(w.no_job, 30);
        assert_eq!(w.took_counter, 500);
        assert_eq!(w.searched.total(), 470);
        assert_eq!(w.searched.above, 0);
        assert_eq!(w.no_job + w.took_counter + w.searched.total(), w.paths);
        let median = w.searched_median.unwrap();
        assert!((median - (3.0 + 234.0 * 0.1)).abs() < 0.01, "{median}");
        // Without a counter, its week is an ordinary search end.
        let w = search_weeks(&s, horizon, None, 60.0, 30);
        assert_eq!(w.took_counter, 0);
        assert_eq!(w.searched.total(), 970);
    }

    #[test]
    fn search_range_ignores_the_no_job_mass_and_shows_the_runway() {
        let horizon = 260.0;
        let mut xs = vec![horizon; 400];
        xs.extend((0..600).map(|i| 4.0 + (i % 20) as f64));
        let s = SketchBins::of(&sketch(xs));
        let r = search_range(&[&s], horizon, None);
        assert!((22.0..=24.0).contains(&r), "{r}");
        let r = search_range(&[&s], horizon, Some(runway_weeks(9.0)));
        assert!((r - 39.0 * 1.25).abs() < 1e-9, "{r}");
        assert_eq!(search_range(&[&s], horizon, Some(1e6)), horizon);
        assert_eq!(runway_weeks(12.0), 52.0);
    }

    fn hand_fan() -> Fan {
        let times: Vec<f64> = (0..=10).map(|k| k as f64 * 0.5).collect();
        let band = |rate: f64| -> Vec<[f64; 3]> {
            times
                .iter()
                .map(|&t| [0.8 * rate * t, rate * t, 1.2 * rate * t])
                .collect()
        };
        Fan {
            bands: PerStrategy::from_fn(|s| band(rate(s))),
            times,
            paths: 1000,
        }
    }

    /// The median earnings rate of strategy `s` in [`hand_fan`]: the first
    /// grows fastest.
    fn rate(s: Strategy) -> f64 {
        105.0 - 5.0 * s.index() as f64
    }

    #[test]
    fn fan_series_follows_the_bands() {
        let fan = hand_fan();
        assert!(has_fan(&fan));
        let r = rate(Strategy::Walk);
        let s = fan_series(&fan, Strategy::Walk).unwrap();
        assert_eq!(s.p50[2], (1.0, r));
        assert_eq!(s.p10.len(), 11);
        let outline = s.band_outline();
        assert_eq!(outline.len(), 22);
        assert_eq!(outline[10], (5.0, 1.2 * r * 5.0));
        assert_eq!(outline[11], (5.0, 0.8 * r * 5.0));
        assert_eq!(fan_extent(&fan), (0.0, 1.2 * 105.0 * 5.0));
    }

    #[test]
    fn an_empty_or_broken_fan_is_not_drawn() {
        assert!(!has_fan(&Fan::default()));
        let mut fan = hand_fan();
        fan.bands[Strategy::CounterAccept].pop();
        assert!(fan_series(&fan, Strategy::CounterAccept).is_none());
        assert!(!has_fan(&fan));
    }

    #[test]
    fn gap_range_holds_points_and_threshold() {
        let (lo, hi) = gap_range(&[0.12, -0.08, 0.40], &[0.05]);
        assert!(lo < -0.08 && hi > 0.40);
        assert_eq!(gap_range(&[], &[0.05]), (-0.05, 0.25));
    }

    #[test]
    fn split_axis_puts_the_threshold_in_the_middle() {
        let gap = SplitAxis::new(-0.05, 0.05, 0.45);
        assert_eq!(gap.place(0.05), 0.5);
        assert_eq!(gap.place(-0.05), 0.0);
        assert!((gap.place(0.45) - 1.0).abs() < 1e-12);
        assert!((gap.place(0.0) - 0.25).abs() < 1e-12);
        let role = SplitAxis::new(0.0, 1.0, 1.0);
        assert!(role.place(0.99) < 0.5 && role.place(1.0) == 0.5);
        let ticks = gap.ticks(0.05);
        assert_eq!(ticks.len(), 11);
        assert!((ticks[0] + 0.05).abs() < 1e-12);
    }

    #[test]
    fn labels_do_not_overlap_each_other_or_markers() {
        let area = Rect {
            x: 0.0,
            y: 0.0,
            w: 1000.0,
            h: 700.0,
        };
        // A tight cluster plus a few loners, and one point at the edge.
        let points = vec![
            (500.0, 300.0),
            (510.0, 305.0),
            (505.0, 320.0),
            (520.0, 295.0),
            (100.0, 600.0),
            (990.0, 20.0),
            (300.0, 300.0),
        ];
        let sizes = vec![(230.0, 22.0); points.len()];
        let placed = place_labels(&points, &sizes, area, 16.0, &[], &BESIDE);
        assert_eq!(placed.len(), points.len());
        for (i, a) in placed.iter().enumerate() {
            assert!(a.rect.inside(&area), "label {i} outside");
            for (j, b) in placed.iter().enumerate() {
                if i != j {
                    assert!(!a.rect.overlaps(&b.rect), "labels {i} and {j}");
                }
            }
            for (j, &(x, y)) in points.iter().enumerate() {
                let m = Rect {
                    x: x - 8.0,
                    y: y - 8.0,
                    w: 16.0,
                    h: 16.0,
                };
                assert!(!a.rect.overlaps(&m), "label {i} covers marker {j}");
            }
        }
        // A lone point keeps its label right beside it.
        assert!(!placed[4].leader);
    }

    /// Ends no data within the bounds reaches, and some no data can.
    const EXTREME_ENDS: [(f64, f64); 10] = [
        (-1e308, 1e308),
        (-f64::MAX, f64::MAX),
        (f64::NEG_INFINITY, f64::INFINITY),
        (f64::NAN, 1.0),
        (f64::INFINITY, f64::NEG_INFINITY),
        (1e-300, 1e-300),
        (5e-324, 1e-323),
        (1e17, 1e17 + 64.0),
        (-1e300, -1e300),
        (0.0, 0.0),
    ];

    #[test]
    fn grids_are_bounded_and_finite_whatever_the_ends() {
        for (lo, hi) in EXTREME_ENDS {
            for target in [0, 1, 40, 70, usize::MAX] {
                let g = grid(lo, hi, target);
                assert!(
                    !g.counts.is_empty() && g.counts.len() <= MAX_GRID_BINS,
                    "{lo} {hi} {target}: {} bins",
                    g.counts.len()
                );
                assert!(g.counts.len() <= target.clamp(1, MAX_GRID_BINS - 2) + 2);
                assert!(
                    g.lo.is_finite() && g.hi().is_finite() && g.width > 0.0,
                    "{lo:e} {hi:e} {target}: {:e} {:e} {}",
                    g.lo,
                    g.width,
                    g.counts.len()
                );
                assert!(g.step_outline(10).iter().all(|p| p.0.is_finite()));
            }
        }
    }

    #[test]
    fn sketches_of_extreme_values_rebin_into_bounded_grids() {
        let xs = [
            1e308,
            -1e308,
            f64::MAX,
            1e-300,
            -1e-300,
            150_000.0,
            -40_000.0,
            f64::INFINITY,
        ];
        let s = sketch(xs.iter().copied().cycle().take(1_000));
        let empty = QuantileSketch::default();
        for tail in [0.0, 0.005, 0.1] {
            let (lo, hi) = common_range([&s, &empty], tail);
            assert!(lo.is_finite() && hi.is_finite(), "{lo} {hi}");
            let h = histogram(&s, &grid(lo, hi, 70));
            assert!(h.counts.len() <= 72);
            assert_eq!(h.total(), s.count());
        }
        let bins = SketchBins::of(&s);
        assert!(bins.bins.len() <= 2 * crate::stats::MAX_BINS + 1);
        let range = search_range(&[&bins], 40.0 * 52.0, Some(1e300));
        assert_eq!(range, 40.0 * 52.0);
        let w = search_weeks(&bins, 1e308, Some(1e-300), 1e308, 60);
        assert!(w.searched.counts.len() <= 62);
        assert_eq!(w.searched.total() + w.no_job + w.took_counter, s.count());
        assert!(w.searched_median.is_some_and(f64::is_finite));
        assert!(bins_quantile(&bins.bins, 0.999).is_finite());
    }

    #[test]
    fn matrix_ticks_are_bounded() {
        for (lo, hi) in [(-1e303, 1.0), (-f64::MAX, 1.06), (-3.0, 1.0), (-0.05, 0.25)] {
            let (glo, ghi) = gap_range(&[lo, f64::NAN, f64::NEG_INFINITY], &[0.05]);
            let axis = SplitAxis::new(glo, 0.05, ghi.max(hi));
            for step in [0.05, 0.1] {
                let t = axis.ticks(step);
                assert!(!t.is_empty() && t.len() <= MAX_TICKS, "{lo}: {}", t.len());
                assert!(t.iter().all(|x| x.is_finite()));
            }
        }
        // An ordinary axis keeps its step.
        assert_eq!(SplitAxis::new(-0.05, 0.05, 0.45).ticks(0.05).len(), 11);
    }

    #[test]
    fn a_fan_of_huge_values_has_a_finite_extent() {
        let mut fan = hand_fan();
        fan.bands[Strategy::Walk][3] = [f64::NAN, f64::INFINITY, 3.4e38];
        fan.bands[Strategy::Accept][4] = [-3.4e38, 0.0, 1.0];
        let (lo, hi) = fan_extent(&fan);
        assert_eq!((lo, hi), (-3.4e38, 3.4e38));
    }

    /// Every chart of a report whose statistics hold values at the edge of
    /// f64 is drawn without a panic, into the fixed-size buffer.
    #[test]
    fn charts_of_extreme_statistics_draw() {
        let mut r = super::super::tests::report("scenarios/middle-runway.toml", 2_000);
        let xs = [
            1e308,
            -1e308,
            1e-300,
            5e-324,
            150_000.0,
            f64::MAX,
            -f64::MAX,
        ];
        let sk = &mut r.aggregate.sketches;
        for set in [
            &mut sk.value,
            &mut sk.diff,
            &mut sk.earnings,
            &mut sk.weeks_to_job,
            &mut sk.comp_at_horizon,
        ] {
            for (_, s) in set.iter_mut() {
                s.push_slice(&xs);
            }
        }
        for (_, band) in r.aggregate.fan.bands.iter_mut() {
            band[1] = [-3.4e38, 0.0, 3.4e38];
        }
        r.scenario.offer.base = 1e300;
        super::super::fonts().unwrap();
        let files = super::super::files_for(&r);
        assert_eq!(files.len(), 5);
        let (w, h) = super::super::SIZE;
        for f in files {
            let mut pixels = vec![0u8; w as usize * h as usize * 3];
            use plotters::drawing::IntoDrawingArea;
            let area = plotters::prelude::BitMapBackend::with_buffer(&mut pixels, (w, h))
                .into_drawing_area();
            let drawn = f.draw(&r, &area);
            drop(area);
            assert!(
                drawn.is_ok(),
                "{}: {:?}",
                f.file,
                drawn.err().map(|e| e.to_string())
            );
        }
    }

    fn bars(tops: &[f64]) -> Vec<BarTop> {
        tops.iter()
            .enumerate()
            .map(|(i, &top)| BarTop {
                x0: 100.0 + 10.0 * i as f64,
                x1: 110.0 + 10.0 * i as f64,
                top,
            })
            .collect()
    }

    /// No bar under a placed label reaches it, and it stays in the plot
    /// and off what it must avoid.
    fn clear(r: &Rect, bars: &[BarTop], plot: &Rect, avoid: &[Rect]) -> bool {
        r.inside(plot)
            && avoid.iter().all(|a| !a.overlaps(r))
            && bars
                .iter()
                .filter(|b| b.x1 > r.x && b.x0 < r.x + r.w)
                .all(|b| r.y + r.h <= b.top - OVER_BARS_GAP)
    }

    #[test]
    fn a_mean_label_sits_over_the_bars_it_spans() {
        let plot = Rect {
            x: 100.0,
            y: 0.0,
            w: 500.0,
            h: 200.0,
        };
        // A peak (tops near y 40) right under the line at x 255.
        let mut tops = vec![190.0; 50];
        for (k, t) in tops.iter_mut().enumerate().skip(12).take(8) {
            *t = 40.0 + 5.0 * (k as f64 - 15.5).abs();
        }
        let b = bars(&tops);
        let r = label_over_bars(&b, 255.0, (120.0, 22.0), 500.0, &plot, &[]).unwrap();
        assert!(clear(&r, &b, &plot, &[]), "{r:?}");
        // Centred on the line, its bottom 4 px over the peak (42.5: bins 15, 16).
        assert_eq!((r.x, r.y + r.h), (195.0, 38.5));
        // A name where it would go pushes it along, still over the bars.
        let name = Rect {
            x: 150.0,
            y: 0.0,
            w: 200.0,
            h: 30.0,
        };
        let r = label_over_bars(&b, 255.0, (120.0, 22.0), 500.0, &plot, &[name]).unwrap();
        assert!(clear(&r, &b, &plot, &[name]), "{r:?}");
        assert!(r.x >= 350.0 || r.x + r.w <= 150.0 || r.y >= 30.0, "{r:?}");
        // Low bars leave it where it is preferred, no lower.
        let low = bars(&[190.0; 50]);
        let r = label_over_bars(&low, 255.0, (120.0, 22.0), 80.0, &plot, &[]).unwrap();
        assert_eq!((r.x, r.y + r.h), (195.0, 80.0));
        // Bars everywhere too tall for the label: nowhere fits.
        let tall = bars(&[10.0; 50]);
        assert_eq!(
            label_over_bars(&tall, 255.0, (120.0, 22.0), 500.0, &plot, &[]),
            None
        );
    }

    proptest::proptest! {
        #[test]
        fn a_placed_label_never_hides_a_bar(
            tops in proptest::collection::vec(0.0f64..200.0, 50),
            line in 100.0f64..600.0,
            w in 20.0f64..200.0,
            prefer in 0.0f64..250.0,
        ) {
            let plot = Rect { x: 100.0, y: 0.0, w: 500.0, h: 200.0 };
            let b = bars(&tops);
            let name = Rect { x: 104.0, y: 1.0, w: 180.0, h: 30.0 };
            if let Some(r) = label_over_bars(&b, line, (w, 22.0), prefer, &plot, &[name]) {
                proptest::prop_assert!(clear(&r, &b, &plot, &[name]), "{:?}", r);
            }
        }
    }
}
