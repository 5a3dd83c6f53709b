//! Distributions of stochastic parameters (docs/model.md) and the pinned
//! random number generator every draw comes from.

use std::convert::Infallible;

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
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dist {
    /// A plain number: no randomness.
    Fixed(f64),
    /// `{ uniform = [lo, hi] }`.
    Uniform { lo: f64, hi: f64 },
    /// `{ ci90 = [lo, hi] }`: lognormal with 5th/95th percentiles lo and hi.
    Ci90 { lo: f64, hi: f64 },
}

/// A [`Dist`] prepared for drawing: the lognormal's `mu` and `sigma` are
/// computed once per scenario rather than with two logarithms per draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sampler {
    Fixed(f64),
    Uniform { lo: f64, width: f64 },
    LogNormal { mu: f64, sigma: f64 },
}

impl From<Dist> for Sampler {
    fn from(d: Dist) -> Self {
        match d {
            Dist::Fixed(x) => Sampler::Fixed(x),
            Dist::Uniform { lo, hi } => Sampler::Uniform { lo, width: hi - lo },
            Dist::Ci90 { lo, hi } => {
                let (mu, sigma) = lognormal_params(lo, hi);
                Sampler::LogNormal { mu, sigma }
            }
        }
    }
}

impl Sampler {
    /// Draws one value. A fixed value still consumes one draw so that every
    /// later draw of the path keeps its position whatever the scenario fixes;
    /// a changed distribution then changes only its own numbers.
    #[inline(always)]
    pub fn sample<R: Rng>(&self, rng: &mut R) -> f64 {
        match *self {
            Sampler::Fixed(x) => {
                rng.next_u64();
                x
            }
            Sampler::Uniform { lo, width } => lo + width * unit(rng),
            Sampler::LogNormal { mu, sigma } => lognormal(mu, sigma, StandardNormal.sample(rng)),
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
}
