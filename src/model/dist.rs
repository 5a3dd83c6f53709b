//! Distributions of stochastic parameters (docs/model.md) and the pinned
//! random number generator every draw comes from.

use std::convert::Infallible;
use std::sync::Arc;

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, TryRng};
use rand_distr::{Distribution, StandardNormal};

/// The generator behind a chunk's paths, named so results never change when
/// `rand` changes the algorithm behind `StdRng` or `SmallRng`.
pub type PathRng = Xoshiro256PlusPlus;

/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit counter stepped by the
/// golden ratio and passed through a strong mixer. The generator of each of
/// a path's lazily drawn sequences: seeding one is storing a word, where a
/// Xoshiro256++ is seeded from four SplitMix64 outputs, and a path seeds
/// three. Its statistical quality (it passes BigCrush) is ample for the
/// few dozen numbers a sequence yields.
#[derive(Debug, Clone)]
pub struct StreamRng {
    state: u64,
}

impl StreamRng {
    pub fn new(seed: u64) -> Self {
        StreamRng { state: seed }
    }
}

/// One SplitMix64 step.
#[inline(always)]
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl TryRng for StreamRng {
    type Error = Infallible;

    #[inline(always)]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok((splitmix64(&mut self.state) >> 32) as u32)
    }

    #[inline(always)]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(splitmix64(&mut self.state))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(8) {
            let bytes = splitmix64(&mut self.state).to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}

/// z such that P(Z <= z) = 0.95 for a standard normal: a `ci90` puts its bounds
/// at the 5th and 95th percentiles (docs/model.md).
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// Every `ci90` draw cuts its standard normal to [-Z_CUT, Z_CUT]: a
/// lognormal then has a largest and a smallest value, which the reader
/// checks against the key's bounds (docs/model.md, "Bounds and the worst
/// case"). A normal leaves [-6, 6] with probability 2e-9.
pub const Z_CUT: f64 = 6.0;

/// The smallest and largest value a `ci90 = [lo, hi]` can draw,
/// `exp(mu -+ Z_CUT sigma)`.
pub fn ci90_range(lo: f64, hi: f64) -> (f64, f64) {
    let (mu, sigma) = lognormal_params(lo, hi);
    ((mu - Z_CUT * sigma).exp(), (mu + Z_CUT * sigma).exp())
}

/// A parameter's distribution, as written in a scenario.
///
/// Not `Copy`: a discrete distribution shares its values. Cloning one is
/// a reference count, done once per scenario, never per path.
#[derive(Debug, Clone, PartialEq)]
pub enum Dist {
    /// A plain number: no randomness.
    Fixed(f64),
    /// `{ uniform = [lo, hi] }`.
    Uniform { lo: f64, hi: f64 },
    /// `{ ci90 = [lo, hi] }`: lognormal with 5th/95th percentiles lo and hi.
    Ci90 { lo: f64, hi: f64 },
    /// `{ values = [...], weights = [...] }`, or a column of a sample file
    /// (`{ samples = "file.csv" }`, every row weighted equally).
    Discrete(Discrete),
}

/// A discrete distribution: value `i` has probability
/// `weights[i] / sum(weights)`. Built only through [`Discrete::new`], which
/// checks what the sampler relies on.
#[derive(Debug, Clone, PartialEq)]
pub struct Discrete {
    values: Arc<[f64]>,
    weights: Option<Arc<[f64]>>,
    /// `cum[i]` = (w_0 + ... + w_i) / sum w; the last is exactly 1.
    cum: Arc<[f64]>,
    /// The sample file it was read from, if any (for messages and run.json).
    source: Option<Arc<SampleSource>>,
}

/// Where a sample-file distribution came from: the path as the scenario
/// wrote it, the file as read, its column and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleSource {
    /// The path as written in the scenario (relative to its folder).
    pub path: String,
    /// The file as read: the scenario's folder joined with `path`.
    pub file: std::path::PathBuf,
    /// The column read (`None` when the file has one column and the
    /// scenario left it out).
    pub column: Option<String>,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// Why a list of values and weights is not a distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscreteError {
    Empty,
    LengthMismatch {
        values: usize,
        weights: usize,
    },
    NonFiniteValue(usize),
    BadWeight(usize),
    AllZero,
    /// The sum of the weights overflows.
    WeightSum,
}

impl Discrete {
    /// `values` with probabilities proportional to `weights` (equal when
    /// `None`). Values must be finite; weights finite, >= 0, not all 0.
    pub fn new(values: Vec<f64>, weights: Option<Vec<f64>>) -> Result<Self, DiscreteError> {
        if values.is_empty() {
            return Err(DiscreteError::Empty);
        }
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(DiscreteError::NonFiniteValue(i));
        }
        let n = values.len();
        if let Some(w) = &weights
            && w.len() != n
        {
            return Err(DiscreteError::LengthMismatch {
                values: n,
                weights: w.len(),
            });
        }
        // Sorted by value (ties keep their order), so the draw below is the
        // inverse of the distribution function: a larger uniform never
        // gives a smaller value.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        let values: Vec<f64> = order.iter().map(|&i| values[i]).collect();
        let weights: Option<Vec<f64>> = weights.map(|w| order.iter().map(|&i| w[i]).collect());
        let cum: Vec<f64> = match &weights {
            None => (1..=n).map(|i| i as f64 / n as f64).collect(),
            Some(w) => {
                if let Some(i) = w.iter().position(|x| !x.is_finite() || *x < 0.0) {
                    return Err(DiscreteError::BadWeight(order[i]));
                }
                let total: f64 = w.iter().sum();
                if total == 0.0 {
                    return Err(DiscreteError::AllZero);
                }
                if !total.is_finite() {
                    return Err(DiscreteError::WeightSum);
                }
                let mut acc = 0.0;
                let mut cum: Vec<f64> = w
                    .iter()
                    .map(|x| {
                        acc += x;
                        acc / total
                    })
                    .collect();
                // The last positive weight closes the distribution at
                // exactly 1, and so does every zero weight after it, so
                // that a draw never runs past a positive-weight value.
                let last = w.iter().rposition(|x| *x > 0.0).unwrap_or(n - 1);
                for c in &mut cum[last..] {
                    *c = 1.0;
                }
                cum
            }
        };
        Ok(Discrete {
            values: values.into(),
            weights: weights.map(Into::into),
            cum: cum.into(),
            source: None,
        })
    }

    /// The same distribution, noted as read from a sample file.
    pub fn with_source(mut self, source: SampleSource) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// The values, sorted (ties in the order written).
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The weights as written, in the order of [`Discrete::values`]
    /// (`None`: equal).
    pub fn weights(&self) -> Option<&[f64]> {
        self.weights.as_deref()
    }

    /// The cumulative probabilities, `cum[i] = P(X <= values[i])` (the
    /// values sorted); the last is exactly 1.
    pub fn cumulative(&self) -> &[f64] {
        &self.cum
    }

    pub fn source(&self) -> Option<&SampleSource> {
        self.source.as_deref()
    }

    /// The smallest and largest value (every value, weighted or not).
    pub fn range(&self) -> (f64, f64) {
        let min = self.values.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = self
            .values
            .iter()
            .cloned()
            .fold(f64::NEG_INFINITY, f64::max);
        (min, max)
    }

    /// The probability of value `i`.
    pub fn probability(&self, i: usize) -> f64 {
        self.cum[i] - if i == 0 { 0.0 } else { self.cum[i - 1] }
    }

    /// The value a uniform `u` in [0, 1) maps to: `values[i]` for the
    /// first `i` with `u < cum[i]` (the inverse of the distribution
    /// function).
    #[inline(always)]
    pub fn at(&self, u: f64) -> f64 {
        let i = self.cum.partition_point(|&c| c <= u);
        // u < 1 = the last cum, so i < len; the min only spares a bounds
        // check's panic path.
        self.values[i.min(self.values.len() - 1)]
    }
}

/// A [`Dist`] prepared for drawing: the lognormal's `mu` and `sigma` are
/// computed once per scenario rather than with two logarithms per draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Sampler {
    Fixed(f64),
    Uniform { lo: f64, width: f64 },
    LogNormal { mu: f64, sigma: f64 },
    Discrete(Discrete),
}

impl From<Dist> for Sampler {
    fn from(d: Dist) -> Self {
        Sampler::from(&d)
    }
}

impl From<&Dist> for Sampler {
    fn from(d: &Dist) -> Self {
        match d {
            Dist::Fixed(x) => Sampler::Fixed(*x),
            Dist::Uniform { lo, hi } => Sampler::Uniform {
                lo: *lo,
                width: hi - lo,
            },
            Dist::Ci90 { lo, hi } => {
                let (mu, sigma) = lognormal_params(*lo, *hi);
                Sampler::LogNormal { mu, sigma }
            }
            Dist::Discrete(d) => Sampler::Discrete(d.clone()),
        }
    }
}

impl Sampler {
    /// Draws one value. A fixed value still consumes one draw so that every
    /// later draw of the path keeps its position whatever the scenario fixes;
    /// a changed distribution then changes only its own numbers. A
    /// discrete draw likewise takes exactly one uniform.
    #[inline(always)]
    pub fn sample<R: Rng>(&self, rng: &mut R) -> f64 {
        match self {
            Sampler::Fixed(x) => {
                rng.next_u64();
                *x
            }
            Sampler::Uniform { lo, width } => lo + width * unit(rng),
            Sampler::LogNormal { mu, sigma } => lognormal(*mu, *sigma, StandardNormal.sample(rng)),
            Sampler::Discrete(d) => d.at(unit(rng)),
        }
    }
}

/// The lognormal value of the standard normal `z`, cut at [`Z_CUT`].
#[inline(always)]
fn lognormal(mu: f64, sigma: f64, z: f64) -> f64 {
    super::exp::exp(mu + sigma * z.clamp(-Z_CUT, Z_CUT))
}

/// `mu` and `sigma` of the lognormal whose 5th and 95th percentiles are lo and
/// hi (docs/model.md).
#[inline]
pub fn lognormal_params(lo: f64, hi: f64) -> (f64, f64) {
    let (a, b) = (lo.ln(), hi.ln());
    (0.5 * (a + b), (b - a) / (2.0 * Z95))
}

/// A uniform draw on [0, 1) from the top 53 bits, written out so the mapping
/// from generator output to number is ours and cannot change under us.
#[inline(always)]
pub fn unit<R: Rng>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn empirical_quantile(xs: &mut [f64], q: f64) -> f64 {
        xs.sort_by(f64::total_cmp);
        xs[((xs.len() - 1) as f64 * q).round() as usize]
    }

    // Binomial standard error of a percentile's probability at n draws:
    // sqrt(p (1 - p) / n) = sqrt(0.05 * 0.95 / 1e5) = 0.00069. We allow 4.5 of
    // them in probability and convert to the value axis through the density.
    const N: usize = 100_000;
    const P_TOL: f64 = 4.5 * 0.000_689_2;

    #[test]
    fn ci90_puts_five_percent_in_each_tail() {
        let d = Sampler::from(Dist::Ci90 { lo: 6.0, hi: 10.0 });
        let mut rng = PathRng::seed_from_u64(7);
        let mut xs: Vec<f64> = (0..N).map(|_| d.sample(&mut rng)).collect();
        let below = xs.iter().filter(|&&x| x < 6.0).count() as f64 / N as f64;
        let above = xs.iter().filter(|&&x| x > 10.0).count() as f64 / N as f64;
        assert!((below - 0.05).abs() < P_TOL, "P(x < lo) = {below}");
        assert!((above - 0.05).abs() < P_TOL, "P(x > hi) = {above}");
        // The same check on the value axis: the density of ln x at its 5th
        // percentile is phi(1.645)/sigma, so a probability error dp moves the
        // quantile by dp * sigma / phi(1.645) in log space.
        let (_, sigma) = lognormal_params(6.0, 10.0);
        let phi = (-0.5 * Z95 * Z95).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let log_tol = P_TOL * sigma / phi;
        let p05 = empirical_quantile(&mut xs, 0.05);
        let p95 = empirical_quantile(&mut xs, 0.95);
        assert!((p05.ln() - 6f64.ln()).abs() < log_tol, "p05 = {p05}");
        assert!((p95.ln() - 10f64.ln()).abs() < log_tol, "p95 = {p95}");
    }

    #[test]
    fn ci90_draws_stay_within_their_cut_range() {
        // A very wide ci90 (hi / lo = 1000) drawn often: every value inside
        // the range the reader checks, and the cut is where it says.
        let (lo, hi) = ci90_range(0.01, 10.0);
        let d = Sampler::from(Dist::Ci90 { lo: 0.01, hi: 10.0 });
        let mut rng = PathRng::seed_from_u64(13);
        assert!((0..N).all(|_| {
            let x = d.sample(&mut rng);
            // The inline exp is within an ulp of the library's.
            x >= lo * (1.0 - 1e-15) && x <= hi * (1.0 + 1e-15)
        }));
        let (mu, sigma) = lognormal_params(0.01, 10.0);
        assert!((hi.ln() - (mu + 6.0 * sigma)).abs() < 1e-12);
        assert!((lo.ln() - (mu - 6.0 * sigma)).abs() < 1e-12);
        // A normal far out in either tail is cut to the range's ends.
        for (z, end) in [(40.0, hi), (-1e300, lo), (f64::INFINITY, hi)] {
            let x = lognormal(mu, sigma, z);
            assert!((x / end - 1.0).abs() < 1e-14, "z = {z}: {x} vs {end}");
        }
    }

    #[test]
    fn uniform_stays_within_its_bounds_and_fills_them() {
        let d = Sampler::from(Dist::Uniform { lo: 0.3, hi: 0.8 });
        let mut rng = PathRng::seed_from_u64(11);
        let mut xs: Vec<f64> = (0..N).map(|_| d.sample(&mut rng)).collect();
        assert!(xs.iter().all(|&x| (0.3..0.8).contains(&x)));
        // P(min - lo > t) = (1 - t / width)^N ~ exp(-N t / width): with
        // t = 10 width / N the extremes miss their bound by more than t with
        // probability e^-10 each. The 5th/95th percentiles sit within the
        // binomial tolerance times the width.
        let t = 10.0 * 0.5 / N as f64;
        let min = xs.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        assert!(min - 0.3 < t, "min = {min}");
        assert!(0.8 - max < t, "max = {max}");
        let p05 = empirical_quantile(&mut xs, 0.05);
        let p95 = empirical_quantile(&mut xs, 0.95);
        assert!((p05 - (0.3 + 0.05 * 0.5)).abs() < P_TOL * 0.5);
        assert!((p95 - (0.3 + 0.95 * 0.5)).abs() < P_TOL * 0.5);
    }

    #[test]
    fn stream_generator_is_splitmix64() {
        // The published first outputs of SplitMix64 from state 0 (Vigna's
        // splitmix64.c, which also seeds the xoshiro generators).
        let mut rng = StreamRng::new(0);
        let first: Vec<u64> = (0..4).map(|_| rng.next_u64()).collect();
        assert_eq!(
            first,
            [
                0xE220_A839_7B1D_CDAF,
                0x6E78_9E6A_A1B9_65F4,
                0x06C4_5D18_8009_454F,
                0xF88B_B8A8_724C_81EC
            ]
        );
    }

    #[test]
    fn fixed_is_fixed_and_consumes_one_draw() {
        let mut a = PathRng::seed_from_u64(3);
        let mut b = PathRng::seed_from_u64(3);
        assert_eq!(Sampler::from(Dist::Fixed(2.5)).sample(&mut a), 2.5);
        b.next_u64();
        assert_eq!(a.next_u64(), b.next_u64());
    }

    /// BetaBinomial(n, a, b) probabilities of k = 0..=n, by the ratio of
    /// consecutive terms, normalised.
    fn beta_binomial(n: usize, a: f64, b: f64) -> Vec<f64> {
        let mut p = vec![1.0];
        for k in 0..n {
            let (k, nf) = (k as f64, n as f64);
            let next = p[p.len() - 1] * (nf - k) / (k + 1.0) * (k + a) / (nf - k - 1.0 + b);
            p.push(next);
        }
        let total: f64 = p.iter().sum();
        p.iter().map(|x| x / total).collect()
    }

    #[test]
    fn discrete_draws_match_their_probabilities_category_by_category() {
        // QuantEcon's McCall offers: BetaBinomial(50, 200, 100) on the wages
        // 10, 11, ..., 60. Over 200k draws each category's frequency has
        // standard error sqrt(p (1 - p) / n); every one must sit within 5 of
        // them (51 categories: a false alarm has probability ~3e-5), and the
        // Pearson statistic must be below its 1e-4 critical value for 50
        // degrees of freedom (chi2 < 100 ~ p = 3e-5; tiny-p categories
        // are pooled so each expected count is >= 5).
        let probs = beta_binomial(50, 200.0, 100.0);
        let values: Vec<f64> = (10..=60).map(f64::from).collect();
        let d = Discrete::new(values.clone(), Some(probs.clone())).unwrap();
        for (i, p) in probs.iter().enumerate() {
            assert!((d.probability(i) - p).abs() < 1e-15, "{i}");
        }
        let s = Sampler::from(Dist::Discrete(d));
        let mut rng = PathRng::seed_from_u64(2024);
        const DRAWS: usize = 200_000;
        let mut counts = [0usize; 51];
        for _ in 0..DRAWS {
            let x = s.sample(&mut rng);
            let k = x as usize - 10;
            assert_eq!(x, values[k], "only listed values are drawn");
            counts[k] += 1;
        }
        let n = DRAWS as f64;
        let (mut chi2, mut pooled_obs, mut pooled_exp, mut cells) = (0.0, 0.0, 0.0, 0);
        for (k, p) in probs.iter().enumerate() {
            let f = counts[k] as f64 / n;
            let se = (p * (1.0 - p) / n).sqrt();
            assert!(
                (f - p).abs() <= 5.0 * se + 1.0 / n,
                "wage {}: frequency {f} vs {p} (se {se})",
                k + 10
            );
            pooled_obs += counts[k] as f64;
            pooled_exp += p * n;
            if pooled_exp >= 5.0 {
                chi2 += (pooled_obs - pooled_exp).powi(2) / pooled_exp;
                cells += 1;
                pooled_obs = 0.0;
                pooled_exp = 0.0;
            }
        }
        assert!(
            cells > 10 && chi2 < 100.0,
            "chi2 = {chi2} over {cells} cells"
        );
    }

    #[test]
    fn discrete_inverse_cdf_is_exact_at_category_edges() {
        // u in [cum[i-1], cum[i]) maps to value i: exactly at an edge the
        // next value, one ulp below it the previous one.
        let probs = beta_binomial(50, 200.0, 100.0);
        let values: Vec<f64> = (10..=60).map(f64::from).collect();
        let d = Discrete::new(values.clone(), Some(probs)).unwrap();
        let cum = d.cumulative().to_vec();
        assert_eq!(cum[50], 1.0);
        assert_eq!(d.at(0.0), 10.0);
        assert_eq!(d.at(1.0 - f64::EPSILON / 2.0), 60.0);
        for i in 1..51 {
            let edge = cum[i - 1];
            if edge == cum[i] {
                continue;
            }
            assert_eq!(d.at(edge), values[i], "at the edge of {i}");
            let below = f64::from_bits(edge.to_bits() - 1);
            assert_eq!(d.at(below), values[i - 1], "just below the edge of {i}");
        }
        // Equal weights: u in [i/n, (i+1)/n) is the i-th smallest value.
        let d = Discrete::new(vec![3.0, 1.0, 2.0, 5.0], None).unwrap();
        assert_eq!(d.values(), [1.0, 2.0, 3.0, 5.0]);
        for (u, v) in [
            (0.0, 1.0),
            (0.2499, 1.0),
            (0.25, 2.0),
            (0.5, 3.0),
            (0.7499, 3.0),
            (0.75, 5.0),
            (0.9999, 5.0),
        ] {
            assert_eq!(d.at(u), v, "u = {u}");
        }
    }

    #[test]
    fn zero_weights_are_never_drawn_and_bad_lists_are_refused() {
        let d = Discrete::new(vec![1.0, 2.0, 3.0, 4.0], Some(vec![0.0, 1.0, 0.0, 0.0])).unwrap();
        assert_eq!(d.cumulative(), &[0.0, 1.0, 1.0, 1.0]);
        for u in [0.0, 0.3, 0.999_999, 1.0 - f64::EPSILON / 2.0] {
            assert_eq!(d.at(u), 2.0);
        }
        use DiscreteError::*;
        assert_eq!(Discrete::new(vec![], None), Err(Empty));
        assert_eq!(
            Discrete::new(vec![1.0], Some(vec![1.0, 2.0])),
            Err(LengthMismatch {
                values: 1,
                weights: 2
            })
        );
        assert_eq!(
            Discrete::new(vec![1.0, f64::NAN], None),
            Err(NonFiniteValue(1))
        );
        assert_eq!(
            Discrete::new(vec![1.0, 2.0], Some(vec![1.0, -0.5])),
            Err(BadWeight(1))
        );
        assert_eq!(
            Discrete::new(vec![1.0, 2.0], Some(vec![f64::INFINITY, 1.0])),
            Err(BadWeight(0))
        );
        assert_eq!(
            Discrete::new(vec![1.0, 2.0], Some(vec![0.0, 0.0])),
            Err(AllZero)
        );
        assert_eq!(
            Discrete::new(vec![1.0, 2.0], Some(vec![f64::MAX, f64::MAX])),
            Err(WeightSum)
        );
        assert_eq!(
            Discrete::new(vec![2.0, -1.0, 7.0], None).unwrap().range(),
            (-1.0, 7.0)
        );
    }

    #[test]
    fn a_discrete_draw_consumes_exactly_one_draw() {
        let s = Sampler::from(Dist::Discrete(
            Discrete::new((0..1000).map(f64::from).collect(), None).unwrap(),
        ));
        let mut a = PathRng::seed_from_u64(5);
        let mut b = PathRng::seed_from_u64(5);
        for _ in 0..100 {
            let x = s.sample(&mut a);
            // The same value from the one uniform the other generator draws.
            assert_eq!(x, (unit(&mut b) * 1000.0).floor());
        }
        assert_eq!(a.next_u64(), b.next_u64());
    }
}
