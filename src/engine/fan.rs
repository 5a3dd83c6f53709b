//! The data behind the fan chart: cumulative discounted earnings on a grid
//! of months, for every strategy, over a fixed subsample of paths (the first
//! [`FAN_PATHS`] of the run, so it depends on the seed and nothing else).
//! Only the subsample's chunks keep a ledger; the other paths pay nothing.

use crate::model::{Discount, Ledger, Params, PerStrategy, Strategy};

/// Paths in the subsample: three chunks, so at least 10,000 whenever the run
/// has that many.
pub const FAN_PATHS: u64 = 3 * super::CHUNK_PATHS;

/// Grid points at most; longer horizons step by several months.
const MAX_POINTS: usize = 121;

/// Cumulative discounted earnings over time, for the fan chart: percentiles
/// across the subsample.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fan {
    /// Grid times in years, from 0 to the horizon inclusive.
    pub times: Vec<f64>,
    /// Per strategy, per grid time: P10, P50, P90 of the discounted
    /// earnings received on [0, t], sign-on included.
    pub bands: PerStrategy<Vec<[f64; 3]>>,
    /// Paths in the subsample.
    pub paths: u64,
}

/// Grid times: every month, or every k months with k the smallest whole
/// number that keeps the grid within [`MAX_POINTS`]; the horizon itself is
/// always the last point.
///
/// At most [`MAX_POINTS`] whatever the horizon: the months are capped
/// before the step is derived from them, and the grid stops after
/// `MAX_POINTS - 1` steps even were the horizon infinite.
pub fn grid(horizon: f64) -> Vec<f64> {
    let months = (horizon * 12.0).ceil().clamp(1.0, 1e12) as usize;
    let step = months.div_ceil(MAX_POINTS - 1);
    let mut times: Vec<f64> = (0..MAX_POINTS - 1)
        .map(|k| (k * step) as f64 / 12.0)
        .take_while(|&t| t < horizon)
        .collect();
    times.push(horizon);
    times
}

/// One strategy's income on one path, spread over the grid: `step[k]` is
/// the discounted income received in (t_(k-1), t_k] (`step[0]` at t = 0).
#[derive(Debug)]
pub struct GridLedger<'a> {
    times: &'a [f64],
    factors: &'a [f64],
    discount: Discount,
    pub step: Vec<f64>,
}

impl Clone for GridLedger<'_> {
    fn clone(&self) -> Self {
        GridLedger {
            step: self.step.clone(),
            ..*self
        }
    }

    /// Reuses the buffer: the engine copies one strategy's ledger into
    /// another's on most paths of the subsample.
    fn clone_from(&mut self, source: &Self) {
        self.times = source.times;
        self.factors = source.factors;
        self.discount = source.discount;
        self.step.clone_from(&source.step);
    }
}

impl<'a> GridLedger<'a> {
    /// Empties the ledger for the next path.
    pub fn clear(&mut self) {
        self.step.fill(0.0);
    }

    pub fn new(times: &'a [f64], factors: &'a [f64], discount: Discount) -> Self {
        GridLedger {
            times,
            factors,
            discount,
            step: vec![0.0; times.len()],
        }
    }

    /// Running totals: the discounted income received on [0, t_k].
    pub fn cumulative(&self) -> impl Iterator<Item = f64> + '_ {
        self.step.iter().scan(0.0, |acc, x| {
            *acc += x;
            Some(*acc)
        })
    }

    /// The first grid index k with t_k >= t.
    fn at_or_after(&self, t: f64) -> usize {
        self.times.partition_point(|&x| x < t)
    }
}

impl Ledger for GridLedger<'_> {
    fn income(&mut self, a: f64, b: f64, f_a: f64, f_b: f64, rate: f64) {
        let end = *self.times.last().expect("grid");
        let (b, f_b) = if b > end {
            (end, *self.factors.last().expect("grid"))
        } else {
            (b, f_b)
        };
        if b <= a {
            return;
        }
        let d = self.discount;
        let mut k = self.at_or_after(a).max(1);
        let (mut from, mut f_from) = (a, f_a);
        while k < self.times.len() && from < b {
            let (to, f_to) = if self.times[k] < b {
                (self.times[k], self.factors[k])
            } else {
                (b, f_b)
            };
            self.step[k] += rate * d.annuity_with_factors(from, to, f_from, f_to);
            (from, f_from) = (to, f_to);
            k += 1;
        }
    }

    fn lump(&mut self, t: f64, amount: f64) {
        if t <= *self.times.last().expect("grid") {
            let k = self.at_or_after(t);
            self.step[k] += amount * self.discount.factor(t);
        }
    }
}

/// The grid and its discount factors for one scenario.
#[derive(Debug, Clone)]
pub struct FanGrid {
    pub times: Vec<f64>,
    pub factors: Vec<f64>,
    pub discount: Discount,
}

impl FanGrid {
    pub fn new(p: &Params) -> Self {
        let times = grid(p.horizon);
        let factors = times.iter().map(|&t| p.discount.factor(t)).collect();
        FanGrid {
            times,
            factors,
            discount: p.discount,
        }
    }

    pub fn ledgers(&self) -> PerStrategy<GridLedger<'_>> {
        PerStrategy::from_fn(|_| GridLedger::new(&self.times, &self.factors, self.discount))
    }
}

/// Cumulative earnings of the subsample, one column per strategy and grid
/// point (`columns[s.index() * points + k]`, one value per path), in f32:
/// ample for a chart, half the memory.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FanSamples {
    pub points: usize,
    /// As bit patterns in a shard's part, so they cross it exactly.
    #[serde(with = "f32_bits")]
    pub columns: Vec<Vec<f32>>,
}

/// f32 columns as their bit patterns: a JSON number read back goes through
/// f64, and a decimal rounded twice need not give the same f32.
mod f32_bits {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(columns: &[Vec<f32>], s: S) -> Result<S::Ok, S::Error> {
        let bits: Vec<Vec<u32>> = columns
            .iter()
            .map(|c| c.iter().map(|x| x.to_bits()).collect())
            .collect();
        bits.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<f32>>, D::Error> {
        let bits = Vec::<Vec<u32>>::deserialize(d)?;
        Ok(bits
            .into_iter()
            .map(|c| c.into_iter().map(f32::from_bits).collect())
            .collect())
    }
}

impl FanSamples {
    pub fn new(points: usize) -> Self {
        FanSamples {
            points,
            columns: vec![Vec::new(); Strategy::COUNT * points],
        }
    }

    pub fn record(&mut self, ledgers: &PerStrategy<GridLedger<'_>>) {
        let mut columns = self.columns.iter_mut();
        for l in ledgers.values() {
            for (x, column) in l.cumulative().zip(&mut columns) {
                // Saturates at f32's largest value rather than becoming
                // infinite (a chart cannot tell them apart anyway).
                column.push(x.clamp(-f64::from(f32::MAX), f64::from(f32::MAX)) as f32);
            }
        }
    }

    /// Appends another chunk's paths after this one's.
    pub fn extend(&mut self, other: FanSamples) {
        if self.columns.is_empty() {
            *self = other;
            return;
        }
        for (a, b) in self.columns.iter_mut().zip(other.columns) {
            a.extend(b);
        }
    }

    /// Whether a subsample read from a shard's part fits a fan of
    /// `points` grid points: none at all, or one column per strategy and
    /// point, all as long, and no longer than `paths`.
    pub fn check(&self, points: usize, paths: u64) -> Result<(), String> {
        if self.columns.is_empty() {
            return Ok(());
        }
        if self.points != points || self.columns.len() != Strategy::COUNT * points {
            return Err(format!(
                "a fan subsample of {} points in {} columns, where the scenario's fan has {points} \
                 points in {} columns",
                self.points,
                self.columns.len(),
                Strategy::COUNT * points
            ));
        }
        let n = self.paths();
        if self.columns.iter().any(|c| c.len() != n) || n as u64 > paths {
            return Err(format!(
                "a fan subsample whose columns differ in length or exceed its {paths} paths"
            ));
        }
        Ok(())
    }

    pub fn paths(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    /// P10, P50, P90 per strategy and grid point, each the value of rank
    /// floor(q (n - 1)), as for every other quantile of the run.
    pub fn bands(mut self, times: Vec<f64>) -> Fan {
        let n = self.paths();
        let points = self.points;
        let mut bands: PerStrategy<Vec<[f64; 3]>> = PerStrategy::default();
        for (s, band) in bands.iter_mut() {
            let s = s.index();
            *band = self.columns[s * points..(s + 1) * points]
                .iter_mut()
                .map(|column| {
                    if n == 0 {
                        return [0.0; 3];
                    }
                    let rank = |q: f64| (q * (n - 1) as f64).floor() as usize;
                    let (r10, r50, r90) = (rank(0.10), rank(0.50), rank(0.90));
                    // The median first; then each outer percentile is
                    // selected within its own side of it, half the work.
                    let (below, p50, above) = column.select_nth_unstable_by(r50, f32::total_cmp);
                    let p50 = f64::from(*p50);
                    let p10 = if r10 < r50 {
                        f64::from(*below.select_nth_unstable_by(r10, f32::total_cmp).1)
                    } else {
                        p50
                    };
                    let p90 = if r90 > r50 {
                        f64::from(
                            *above
                                .select_nth_unstable_by(r90 - r50 - 1, f32::total_cmp)
                                .1,
                        )
                    } else {
                        p50
                    };
                    [p10, p50, p90]
                })
                .collect();
        }
        Fan {
            times,
            bands,
            paths: n as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_is_monthly_up_to_ten_years_then_coarser() {
        let g = grid(5.0);
        assert_eq!(g.len(), 61);
        assert_eq!(g[1], 1.0 / 12.0);
        assert_eq!(*g.last().unwrap(), 5.0);
        let g = grid(40.0);
        assert!(g.len() <= MAX_POINTS);
        assert_eq!(g[1], 4.0 / 12.0);
        let g = grid(2.51);
        assert_eq!(*g.last().unwrap(), 2.51);
        assert!(g.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_grid_is_bounded_whatever_the_horizon() {
        for h in [
            1e-300,
            0.01,
            40.0,
            1e6,
            1e300,
            f64::MAX,
            f64::INFINITY,
            f64::NAN,
        ] {
            let g = grid(h);
            assert!(g.len() <= MAX_POINTS, "{h}: {} points", g.len());
            assert!(!g.is_empty());
        }
        assert_eq!(grid(1e300).len(), MAX_POINTS);
    }

    #[test]
    fn samples_saturate_instead_of_overflowing_f32() {
        let times = [0.0, 1.0];
        let factors = [1.0, 1.0];
        let d = Discount::from_rate(0.0);
        let mut ledgers = PerStrategy::from_fn(|_| GridLedger::new(&times, &factors, d));
        ledgers[Strategy::Walk].lump(0.5, 1e300);
        ledgers[Strategy::Accept].lump(0.5, -1e300);
        let mut s = FanSamples::new(2);
        s.record(&ledgers);
        let fan = s.bands(times.to_vec());
        assert_eq!(fan.bands[Strategy::Walk][1], [f64::from(f32::MAX); 3]);
        assert_eq!(fan.bands[Strategy::Accept][1], [-f64::from(f32::MAX); 3]);
        assert!(
            fan.bands
                .values()
                .flatten()
                .flatten()
                .all(|x| x.is_finite())
        );
    }

    #[test]
    fn ledger_spreads_income_exactly_over_the_grid() {
        // 120,000 a year from 0.5 to 1.5 at 3 %: the total equals D(0.5, 1.5)
        // and the part by t = 1 equals D(0.5, 1); a lump of 10,000 at 0.25
        // arrives discounted.
        let d = Discount::from_rate(0.03);
        let times = grid(2.0);
        let factors: Vec<f64> = times.iter().map(|&t| d.factor(t)).collect();
        let mut l = GridLedger::new(&times, &factors, d);
        l.income(0.5, 1.5, d.factor(0.5), d.factor(1.5), 120_000.0);
        l.lump(0.25, 10_000.0);
        let cum: Vec<f64> = l.cumulative().collect();
        let lump = 10_000.0 * d.factor(0.25);
        assert!((cum[3] - lump).abs() < 1e-9);
        assert!((cum[12] - lump - 120_000.0 * d.annuity(0.5, 1.0)).abs() < 1e-6);
        assert!((cum[24] - lump - 120_000.0 * d.annuity(0.5, 1.5)).abs() < 1e-6);
        assert!(cum.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn bands_take_the_ranked_values() {
        let mut s = FanSamples::new(1);
        // Eleven paths, in shuffled order, whose strategy-s value is
        // 10 i + s.index().
        for i in [3, 9, 0, 10, 5, 1, 7, 2, 8, 4, 6] {
            for (st, column) in s.columns.iter_mut().enumerate() {
                column.push((10 * i + st) as f32);
            }
        }
        let fan = s.bands(vec![0.0]);
        assert_eq!(fan.paths, 11);
        // Ranks floor(0.1 * 10) = 1, 5 and 9.
        assert_eq!(fan.bands[Strategy::CounterWalk][0], [12.0, 52.0, 92.0]);
    }
}
