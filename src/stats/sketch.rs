//! A mergeable quantile sketch with fixed, log-linear bins (the relative
//! accuracy guarantee of DDSketch, the bins of HdrHistogram): every
//! magnitude falls in a bin [lo, hi) with `hi / lo <= gamma = (1 + a) /
//! (1 - a)` (see [`Mapping`]). A quantile is
//! answered with its bin's point `2 lo hi / (lo + hi)`, within relative
//! error `a` of the true sample quantile of the same rank, and then clamped
//! to the exact minimum and maximum seen.
//!
//! Counts are integers, so merging sketches is exact, associative and
//! commutative: the result does not depend on which thread saw which path.

use super::Merge;

/// The relative accuracy `a`: a reported quantile q differs from the sample
/// quantile x of the same rank by at most `a |x|` (0.01 %).
pub const RELATIVE_ACCURACY: f64 = 1e-4;

/// Magnitudes below this count as zero (money and weeks have no meaning
/// there, and it bounds the number of bins).
const ZERO_BELOW: f64 = 1e-9;

/// Bins added beyond the one needed when a store grows, so that growth is rare.
const GROWTH_SLACK: usize = 1024;

/// Most bins a store spans: 2^19 (4 MB of counts), 64 octaves at the
/// default accuracy, so magnitudes from the largest seen down to 2^-64 of it
/// keep their own bins. Anything smaller than that is counted in the lowest
/// bin kept (it "collapses", as in DDSketch's collapsing store): only when
/// one column spans more than 19 orders of magnitude above [`ZERO_BELOW`],
/// which no scenario within the documented bounds does. Without the cap a
/// store spanning the whole range of f64 held 8.6 million bins (69 MB),
/// and a run with 40 such stores per worker ran out of memory.
pub const MAX_BINS: usize = 1 << 19;

/// Maps magnitudes to bins by their leading bits: the float's exponent and
/// the top `bits` bits of its mantissa (log-linear bins, as in
/// HdrHistogram). Bin i holds the magnitudes whose bit patterns shifted
/// right by `shift = 52 - bits` equal i, an interval [lo, hi) with
/// `hi / lo <= 1 + 2^-bits`; `bits` is the least that keeps this within
/// gamma, so the relative accuracy holds as with exact logarithms. A value's
/// bin costs one shift instead of a logarithm, for about 2.4 times the bins
/// of exactly log-spaced ones (a few thousand per octave at 1e-4, which the
/// values of one column, rarely spanning more than an octave, keep in cache).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Mapping {
    shift: u32,
}

impl Mapping {
    fn new(alpha: f64) -> Self {
        let gamma = (1.0 + alpha) / (1.0 - alpha);
        let bits = (1.0 / (gamma - 1.0)).log2().ceil().clamp(1.0, 40.0) as u32;
        Mapping { shift: 52 - bits }
    }

    /// Bin `i` holds magnitudes in [lower(i), lower(i + 1)); for positive
    /// normal floats, where the order of bit patterns is the order of values.
    #[inline]
    fn index(&self, magnitude: f64) -> i32 {
        (magnitude.to_bits() >> self.shift) as i32
    }

    fn lower(&self, index: i32) -> f64 {
        f64::from_bits((index as u64) << self.shift)
    }

    /// The point of the bin with the smallest worst-case relative error to
    /// any magnitude in it: `2 lo hi / (lo + hi)`.
    fn value(&self, index: i32) -> f64 {
        let (lo, hi) = (self.lower(index), self.lower(index + 1));
        let v = 2.0 * lo * hi / (lo + hi);
        // Near f64's limit the product overflows (and the top bin's upper
        // edge is infinite): the lower edge is then within the accuracy.
        if v.is_finite() { v } else { lo }
    }
}

/// Counts of one sign, dense over the range of indices seen.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(into = "SparseStore", try_from = "SparseStore")]
struct Store {
    offset: i32,
    counts: Vec<u64>,
    /// The highest index counted (meaningless while `counts` is empty).
    top: i32,
}

/// A [`Store`] as a shard's part holds it: mostly zeros, so only the
/// counted bins, as (zeros skipped, count) pairs, with the dense length
/// that makes the store whole again exactly as it was.
#[derive(serde::Serialize, serde::Deserialize)]
struct SparseStore {
    offset: i32,
    top: i32,
    len: usize,
    /// Zeros before a count, then the count, and so on.
    bins: Vec<u64>,
}

impl From<Store> for SparseStore {
    fn from(s: Store) -> Self {
        let mut bins = Vec::new();
        let mut zeros = 0u64;
        for &c in &s.counts {
            if c == 0 {
                zeros += 1;
            } else {
                bins.extend([zeros, c]);
                zeros = 0;
            }
        }
        SparseStore {
            offset: s.offset,
            top: s.top,
            len: s.counts.len(),
            bins,
        }
    }
}

impl TryFrom<SparseStore> for Store {
    type Error = String;

    fn try_from(s: SparseStore) -> Result<Self, String> {
        if s.len > MAX_BINS || !s.bins.len().is_multiple_of(2) {
            return Err("a sketch's bins are malformed".into());
        }
        let mut counts = vec![0; s.len];
        let mut at = 0usize;
        for pair in s.bins.chunks_exact(2) {
            at = usize::try_from(pair[0])
                .ok()
                .and_then(|z| at.checked_add(z))
                .filter(|&i| i < s.len)
                .ok_or("a sketch's bins run past its length")?;
            counts[at] = pair[1];
            at += 1;
        }
        Ok(Store {
            offset: s.offset,
            counts,
            top: s.top,
        })
    }
}

impl Store {
    #[inline]
    fn add(&mut self, index: i32, n: u64) {
        let pos = i64::from(index) - i64::from(self.offset);
        if pos >= 0 && (pos as usize) < self.counts.len() {
            self.counts[pos as usize] += n;
            self.top = self.top.max(index);
        } else {
            let pos = self.grow(index);
            self.counts[pos] += n;
        }
    }

    /// Makes room for `index` and returns the position it is counted at.
    /// A store never spans more than [`MAX_BINS`], so every bin it holds
    /// lies within `MAX_BINS` of the highest index counted; an index below
    /// that goes to the lowest bin kept. The result depends only on the
    /// indices counted, not on their order, so merges stay exact.
    #[cold]
    fn grow(&mut self, index: i32) -> usize {
        const MAX: i64 = MAX_BINS as i64;
        if self.counts.is_empty() {
            self.offset = index - GROWTH_SLACK as i32 / 2;
            self.counts = vec![0; GROWTH_SLACK];
            self.top = index;
            return (index - self.offset) as usize;
        }
        // Room for half as many bins again on the side that grows, so that
        // a store reaching its final range is copied a few times, not once
        // per slack's worth of bins.
        let slack = GROWTH_SLACK.max(self.counts.len() / 2) as i64;
        let (index, offset) = (i64::from(index), i64::from(self.offset));
        let end = offset + self.counts.len() as i64;
        let (lo, hi) = if index >= end {
            // The new highest index: bins more than MAX below it fold up.
            let lo = offset.max(index - MAX + 1);
            self.top = index as i32;
            (lo, (index + slack).min(lo + MAX))
        } else {
            // Below the store: as far down as MAX below the highest index.
            let floor = i64::from(self.top) - MAX + 1;
            if index < floor && floor >= offset {
                // Folds into the lowest bin kept, which the store holds.
                return (floor - offset) as usize;
            }
            let lo = (index - slack).max(floor);
            (lo, end.min(lo + MAX))
        };
        let mut counts = vec![0; (hi - lo) as usize];
        for (i, &c) in self.counts.iter().enumerate() {
            let at = (offset + i as i64).clamp(lo, hi - 1);
            counts[(at - lo) as usize] += c;
        }
        self.offset = lo as i32;
        self.counts = counts;
        (index.max(lo) - lo) as usize
    }

    fn merge(&mut self, other: &Store) {
        for (i, &c) in other.counts.iter().enumerate() {
            if c > 0 {
                self.add(other.offset + i as i32, c);
            }
        }
    }

    /// Non-empty bins as (index, count), ascending index.
    fn bins(&self) -> impl DoubleEndedIterator<Item = (i32, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, c)| (self.offset + i as i32, *c))
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct QuantileSketch {
    mapping: Mapping,
    positive: Store,
    negative: Store,
    zeros: u64,
    /// Values counted (every value pushed but NaN).
    count: u64,
    /// NaN and infinite values pushed: NaN is left out of everything else,
    /// an infinity is counted as the largest finite value of its sign.
    non_finite: u64,
    /// Infinite while empty, hence written as text in a shard's part.
    #[serde(with = "super::float_text")]
    min: f64,
    #[serde(with = "super::float_text")]
    max: f64,
}

impl Default for QuantileSketch {
    fn default() -> Self {
        QuantileSketch::with_accuracy(RELATIVE_ACCURACY)
    }
}

impl QuantileSketch {
    /// A sketch whose quantiles are within relative error `alpha`. Coarser
    /// sketches suit data that is only drawn: a signed difference spans
    /// many magnitudes, and at 1e-4 its counts would not fit in any cache.
    pub fn with_accuracy(alpha: f64) -> Self {
        QuantileSketch {
            mapping: Mapping::new(alpha),
            positive: Store::default(),
            negative: Store::default(),
            zeros: 0,
            count: 0,
            non_finite: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

/// Counts add bin by bin, so sketches merge exactly, in any order.
impl Merge for QuantileSketch {
    fn merge(&mut self, other: &QuantileSketch) {
        assert_eq!(
            self.mapping, other.mapping,
            "sketches of different accuracy do not merge"
        );
        self.positive.merge(&other.positive);
        self.negative.merge(&other.negative);
        self.zeros += other.zeros;
        self.count += other.count;
        self.non_finite += other.non_finite;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }
}

impl Store {
    /// Why a store read from a file could not have been built by counting:
    /// its bins must fit in i32 indices, its top must be one of them.
    fn check(&self) -> Result<u64, String> {
        let end = i64::from(self.offset) + self.counts.len() as i64;
        if end > i64::from(i32::MAX) {
            return Err("a sketch's bins run past the largest index".into());
        }
        let top = i64::from(self.top);
        if !self.counts.is_empty() && (top < i64::from(self.offset) || top >= end) {
            return Err("a sketch's highest bin lies outside its bins".into());
        }
        self.counts
            .iter()
            .try_fold(0u64, |sum, &c| sum.checked_add(c))
            .ok_or_else(|| "a sketch's counts overflow".into())
    }
}

impl QuantileSketch {
    /// Whether a sketch read from a file merges with `like` (built by this
    /// walkaway for the same column) and adds up: same accuracy, stores in
    /// range, bins that sum to its count. A hand-made or foreign part is
    /// refused here rather than failing an assertion in the merge.
    pub fn check_like(&self, like: &QuantileSketch) -> Result<(), String> {
        if self.mapping != like.mapping {
            return Err(format!(
                "a sketch of accuracy shift {} where this walkaway keeps {}",
                self.mapping.shift, like.mapping.shift
            ));
        }
        let binned = [self.positive.check()?, self.negative.check()?, self.zeros]
            .into_iter()
            .try_fold(0u64, |sum, c| sum.checked_add(c));
        if binned != Some(self.count) {
            return Err(format!(
                "a sketch's bins hold {} values but it counts {}",
                binned.map_or("too many".into(), |b| b.to_string()),
                self.count
            ));
        }
        Ok(())
    }
}

impl PartialEq for QuantileSketch {
    fn eq(&self, other: &Self) -> bool {
        self.count == other.count
            && self.non_finite == other.non_finite
            && self.zeros == other.zeros
            && self.min.to_bits() == other.min.to_bits()
            && self.max.to_bits() == other.max.to_bits()
            && self.positive.bins().eq(other.positive.bins())
            && self.negative.bins().eq(other.negative.bins())
    }
}

impl QuantileSketch {
    /// Counts `x`. A NaN is only counted in [`Self::non_finite`]; an
    /// infinity there too, and then as the largest finite value of its sign,
    /// so that every quantile stays finite.
    #[inline]
    pub fn push(&mut self, x: f64) {
        if !x.is_finite() {
            self.non_finite += 1;
            if x.is_nan() {
                return;
            }
        }
        let x = x.clamp(-f64::MAX, f64::MAX);
        self.count += 1;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        self.add_to_bin(x, 1);
    }

    /// Counts `n` copies of `x` in the bin of its sign and magnitude (count
    /// and extremes are the caller's).
    #[inline]
    fn add_to_bin(&mut self, x: f64, n: u64) {
        if x > ZERO_BELOW {
            self.positive.add(self.mapping.index(x), n);
        } else if x < -ZERO_BELOW {
            self.negative.add(self.mapping.index(-x), n);
        } else {
            self.zeros += n;
        }
    }

    /// Adds every value of `xs`; the same result as pushing them one by one,
    /// with the extremes found in a separate pass so that the counting loop
    /// does nothing else.
    pub fn push_slice(&mut self, xs: &[f64]) {
        if xs.is_empty() {
            return;
        }
        let (lo, hi, finite) = extremes(xs);
        if !finite {
            // Rare (only past the documented bounds): one by one, with
            // NaN and infinities handled as `push` does.
            xs.iter().for_each(|&x| self.push(x));
            return;
        }
        self.count += xs.len() as u64;
        self.min = self.min.min(lo);
        self.max = self.max.max(hi);
        if lo == hi {
            // One value throughout, as accept's weeks to a job and its
            // difference from itself: one bin takes them all.
            self.add_to_bin(lo, xs.len() as u64);
            return;
        }
        if lo > ZERO_BELOW {
            // All positive (the common case): the store is sized once for
            // the slice's range, and the loop only maps and counts.
            let m = self.mapping;
            let store = &mut self.positive;
            store.add(m.index(lo), 0);
            store.add(m.index(hi), 0);
            let mut offset = store.offset;
            for &x in xs {
                match store.counts.get_mut((m.index(x) - offset) as usize) {
                    Some(c) => *c += 1,
                    // Only when the slice spans more than MAX_BINS: the
                    // mapping is monotone and the store spans the slice's
                    // extremes, unless its lowest values fold.
                    None => {
                        store.add(m.index(x), 1);
                        offset = store.offset;
                    }
                }
            }
            return;
        }
        for &x in xs {
            self.add_to_bin(x, 1);
        }
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn min(&self) -> f64 {
        self.min
    }

    pub fn max(&self) -> f64 {
        self.max
    }

    /// NaN and infinite values pushed (see [`Self::push`]).
    pub fn non_finite(&self) -> u64 {
        self.non_finite
    }

    /// Bins the store holds, counted or not, over both signs: at most
    /// `2 * MAX_BINS`, whatever was pushed.
    pub fn bins_held(&self) -> usize {
        self.positive.counts.len() + self.negative.counts.len()
    }

    /// The value of rank `floor(q (n - 1))` among the n values seen (0-based),
    /// within the relative accuracy; 0 for an empty sketch.
    pub fn quantile(&self, q: f64) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let rank = (q.clamp(0.0, 1.0) * (self.count - 1) as f64).floor() as u64;
        // The extremes are known exactly.
        if rank == 0 {
            return self.min;
        }
        if rank == self.count - 1 {
            return self.max;
        }
        let mut seen = 0u64;
        let m = &self.mapping;
        let found = (|| {
            for (i, c) in self.negative.bins().rev() {
                seen += c;
                if seen > rank {
                    return -m.value(i);
                }
            }
            seen += self.zeros;
            if seen > rank {
                return 0.0;
            }
            for (i, c) in self.positive.bins() {
                seen += c;
                if seen > rank {
                    return m.value(i);
                }
            }
            self.max
        })();
        found.clamp(self.min, self.max)
    }

    /// Non-empty bins as (lower edge, upper edge, count), ascending; zeros
    /// form one narrow bin around 0. Positive bins hold [lower, upper),
    /// negative ones, their mirror images, (lower, upper]. Edges are
    /// finite: the top bin's upper edge, infinite as a bit pattern, is
    /// given as the largest finite value.
    pub fn bins(&self) -> Vec<(f64, f64, u64)> {
        let m = &self.mapping;
        let m = &Edges(m);
        let mut out: Vec<(f64, f64, u64)> = self
            .negative
            .bins()
            .rev()
            .map(|(i, c)| (-m.lower(i + 1), -m.lower(i), c))
            .collect();
        if self.zeros > 0 {
            out.push((-ZERO_BELOW, ZERO_BELOW, self.zeros));
        }
        out.extend(
            self.positive
                .bins()
                .map(|(i, c)| (m.lower(i), m.lower(i + 1), c)),
        );
        out
    }
}

/// The mapping with finite bin edges.
struct Edges<'a>(&'a Mapping);

impl Edges<'_> {
    fn lower(&self, index: i32) -> f64 {
        self.0.lower(index).min(f64::MAX)
    }
}

/// Minimum and maximum of a non-empty slice, and whether every value is
/// finite, in four lanes: a single running minimum is a chain of dependent
/// instructions, four are not. `x * 0` is 0 for a finite x and NaN
/// otherwise, so their sum tells whether a NaN or infinity was seen.
fn extremes(xs: &[f64]) -> (f64, f64, bool) {
    let mut lo = [f64::INFINITY; 4];
    let mut hi = [f64::NEG_INFINITY; 4];
    let mut bad = [0.0f64; 4];
    let chunks = xs.chunks_exact(4);
    let rest = chunks.remainder();
    for c in chunks {
        for l in 0..4 {
            lo[l] = lo[l].min(c[l]);
            hi[l] = hi[l].max(c[l]);
            bad[l] += c[l] * 0.0;
        }
    }
    for &x in rest {
        lo[0] = lo[0].min(x);
        hi[0] = hi[0].max(x);
        bad[0] += x * 0.0;
    }
    (
        lo[0].min(lo[1]).min(lo[2].min(lo[3])),
        hi[0].max(hi[1]).max(hi[2].max(hi[3])),
        (bad[0] + bad[1] + bad[2] + bad[3]) == 0.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn exact(xs: &mut [f64], q: f64) -> f64 {
        xs.sort_by(f64::total_cmp);
        xs[(q * (xs.len() - 1) as f64).floor() as usize]
    }

    fn within(reported: f64, truth: f64) -> bool {
        (reported - truth).abs() <= RELATIVE_ACCURACY * truth.abs() * (1.0 + 1e-9) + 1e-12
    }

    #[test]
    fn identical_values_come_back_exactly() {
        let mut s = QuantileSketch::default();
        (0..1000).for_each(|_| s.push(123_456.789));
        for q in [0.0, 0.1, 0.5, 0.99, 1.0] {
            assert_eq!(s.quantile(q), 123_456.789);
        }
    }

    #[test]
    fn zeros_and_signs_are_ordered() {
        let mut s = QuantileSketch::default();
        for x in [-5.0, -1.0, 0.0, 0.0, 2.0, 10.0] {
            s.push(x);
        }
        assert!(within(s.quantile(0.0), -5.0));
        assert!(within(s.quantile(0.2), -1.0));
        assert_eq!(s.quantile(0.4), 0.0);
        assert_eq!(s.quantile(0.6), 0.0);
        assert!(within(s.quantile(0.8), 2.0));
        assert_eq!(s.quantile(1.0), 10.0);
    }

    #[test]
    fn bins_partition_the_values() {
        let mut s = QuantileSketch::default();
        let xs = [-3.0, -2.5, 0.0, 1.0, 1.00001, 7e5];
        xs.iter().for_each(|&x| s.push(x));
        let bins = s.bins();
        assert_eq!(bins.iter().map(|b| b.2).sum::<u64>(), xs.len() as u64);
        for &x in &xs {
            assert!(
                // Negative bins mirror positive ones: (lo, hi].
                bins.iter()
                    .any(|&(lo, hi, _)| (x > 0.0 && lo <= x && x < hi)
                        || (x < 0.0 && lo < x && x <= hi)
                        || (x == 0.0 && lo < 0.0 && hi > 0.0)),
                "{x}"
            );
        }
        assert!(bins.windows(2).all(|w| w[0].1 <= w[1].0));
    }

    #[test]
    fn non_finite_values_are_counted_apart_and_quantiles_stay_finite() {
        let mut s = QuantileSketch::default();
        for x in [
            f64::NAN,
            1.0,
            f64::INFINITY,
            2.0,
            f64::NEG_INFINITY,
            -f64::NAN,
        ] {
            s.push(x);
        }
        assert_eq!(s.non_finite(), 4);
        // NaN is left out, infinities count as the largest finite values.
        assert_eq!(s.count(), 4);
        assert_eq!((s.min(), s.max()), (-f64::MAX, f64::MAX));
        for q in [0.0, 0.25, 0.5, 0.75, 1.0] {
            assert!(s.quantile(q).is_finite(), "q {q}");
        }
        // 1.0 lies 2^1000 below the largest: it folds upwards.
        assert!(s.quantile(0.34) >= 1.0);
        assert!(s.bins().iter().all(|b| b.0.is_finite() && b.1.is_finite()));
        // The same through a slice, and whatever the order of merges.
        let mut t = QuantileSketch::default();
        t.push_slice(&[f64::NAN, 1.0, f64::INFINITY]);
        t.push_slice(&[2.0, f64::NEG_INFINITY, -f64::NAN]);
        assert_eq!(t, s);
    }

    #[test]
    fn only_nan_gives_an_empty_sketch_not_a_panic() {
        let mut s = QuantileSketch::default();
        s.push_slice(&[f64::NAN; 9]);
        s.push(f64::NAN);
        assert_eq!((s.count(), s.non_finite()), (0, 10));
        assert_eq!(s.quantile(0.5), 0.0);
        assert!(s.bins().is_empty());
    }

    #[test]
    fn extremes_of_f64_are_answered_finitely() {
        let mut s = QuantileSketch::default();
        let xs = [
            f64::MAX,
            -f64::MAX,
            1e308,
            -1e308,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            1e-300,
            150_000.0,
        ];
        s.push_slice(&xs);
        assert_eq!(s.non_finite(), 0);
        assert_eq!(s.count(), xs.len() as u64);
        for q in [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] {
            let v = s.quantile(q);
            assert!(
                v.is_finite() && (-f64::MAX..=f64::MAX).contains(&v),
                "q {q}: {v}"
            );
        }
        // Subnormals and 1e-300 are zeros; the largest values keep their
        // relative accuracy.
        assert!(within(s.quantile(0.9), 1e308) || s.quantile(0.9) == f64::MAX);
        assert_eq!(s.quantile(0.5), 0.0);
        assert!(s.bins().iter().all(|b| b.0.is_finite() && b.1.is_finite()));
        assert!(s.bins_held() <= 2 * MAX_BINS, "{}", s.bins_held());
    }

    #[test]
    fn a_store_never_spans_more_than_max_bins() {
        // From ZERO_BELOW to f64::MAX: 8.6 million bins without the cap.
        let mut s = QuantileSketch::default();
        let xs: Vec<f64> = (0..300)
            .map(|i| 1e-9 * 10f64.powf(i as f64 * 317.0 / 300.0))
            .chain([f64::MAX])
            .collect();
        s.push_slice(&xs);
        let neg: Vec<f64> = xs.iter().map(|x| -x).collect();
        s.push_slice(&neg);
        assert!(s.bins_held() <= 2 * MAX_BINS, "{}", s.bins_held());
        assert_eq!(s.count(), 2 * xs.len() as u64);
        assert_eq!(s.bins().iter().map(|b| b.2).sum::<u64>(), s.count());
        // The top values keep their accuracy; the smallest fold upwards.
        assert!(within(
            s.quantile(0.99),
            exact(
                &mut xs.iter().chain(&neg).copied().collect::<Vec<_>>(),
                0.99
            )
        ));
        // One by one, pushed in reverse: the same counts.
        let mut r = QuantileSketch::default();
        xs.iter().chain(&neg).rev().for_each(|&x| r.push(x));
        assert_eq!(r, s);
    }

    proptest! {
        #[test]
        fn a_bins_lower_edge_maps_to_the_bin(x in 1e-8f64..1e12, alpha in prop_oneof![Just(RELATIVE_ACCURACY), Just(0.01)]) {
            let m = Mapping::new(alpha);
            let i = m.index(x);
            prop_assert_eq!(m.index(m.lower(i)), i);
            prop_assert_eq!(m.index(m.lower(i + 1)), i + 1);
        }

        #[test]
        fn every_bin_holds_its_values_and_spans_at_most_gamma(x in 1e-8f64..1e12) {
            let m = Mapping::new(RELATIVE_ACCURACY);
            let i = m.index(x);
            let (lo, hi) = (m.lower(i), m.lower(i + 1));
            prop_assert!(lo <= x && x < hi, "{lo} {x} {hi}");
            let gamma = (1.0 + RELATIVE_ACCURACY) / (1.0 - RELATIVE_ACCURACY);
            prop_assert!(hi / lo <= gamma * (1.0 + 1e-12), "ratio {}", hi / lo);
            let v = m.value(i);
            prop_assert!((v - x).abs() <= RELATIVE_ACCURACY * x * (1.0 + 1e-9));
        }

        #[test]
        fn quantiles_within_relative_accuracy(
            mut xs in proptest::collection::vec(prop_oneof![-1e7f64..1e7, 1e-3f64..10.0, Just(0.0)], 1..400),
            q in 0.0f64..=1.0,
        ) {
            let mut s = QuantileSketch::default();
            xs.iter().for_each(|&x| s.push(x));
            let truth = exact(&mut xs, q);
            let got = s.quantile(q);
            prop_assert!(within(got, truth), "q {q}: sketch {got} vs exact {truth}");
        }

        #[test]
        fn merge_is_order_free(
            xs in proptest::collection::vec(-1e6f64..1e6, 0..300),
            cut in 0usize..300,
        ) {
            let cut = cut.min(xs.len());
            let mut whole = QuantileSketch::default();
            xs.iter().for_each(|&x| whole.push(x));
            let (mut a, mut b) = (QuantileSketch::default(), QuantileSketch::default());
            xs[..cut].iter().for_each(|&x| a.push(x));
            xs[cut..].iter().for_each(|&x| b.push(x));
            let mut sliced = QuantileSketch::default();
            sliced.push_slice(&xs[..cut]);
            sliced.push_slice(&xs[cut..]);
            prop_assert_eq!(&sliced, &whole);
            let mut ab = a.clone();
            ab.merge(&b);
            let mut ba = b.clone();
            ba.merge(&a);
            prop_assert_eq!(&ab, &whole);
            prop_assert_eq!(&ba, &whole);
        }
    }

    // Each case allocates stores of MAX_BINS: fewer cases.
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn folding_is_order_free(
            xs in proptest::collection::vec(
                prop_oneof![1e-9f64..1e3, 1e280f64..1e308, -1e308f64..-1e290, Just(f64::MAX)],
                0..200,
            ),
            cut in 0usize..200,
        ) {
            let cut = cut.min(xs.len());
            let mut whole = QuantileSketch::default();
            xs.iter().for_each(|&x| whole.push(x));
            let mut sliced = QuantileSketch::default();
            sliced.push_slice(&xs[cut..]);
            sliced.push_slice(&xs[..cut]);
            prop_assert_eq!(&sliced, &whole);
            let (mut a, mut b) = (QuantileSketch::default(), QuantileSketch::default());
            a.push_slice(&xs[..cut]);
            b.push_slice(&xs[cut..]);
            b.merge(&a);
            prop_assert_eq!(&b, &whole);
            prop_assert!(whole.bins_held() <= 2 * MAX_BINS);
            for q in [0.0, 0.3, 0.5, 0.9, 1.0] {
                prop_assert!(whole.quantile(q).is_finite());
            }
        }
    }
}
