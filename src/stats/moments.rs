/// Count, mean and sum of squared deviations (Welford), merged with Chan et
/// al.'s pairwise formula. Floating-point merges are not associative, so the
/// engine merges chunk results in chunk order, never in completion order.
use super::Merge;

#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
}

/// Lanes of the chunk sums: independent accumulators let the CPU overlap
/// the additions; their fixed order keeps the result deterministic.
const LANES: usize = 4;

impl Moments {
    /// Moments of `xs`, in two passes: the mean, then the squared
    /// deviations with the correction term of the corrected two-pass
    /// algorithm (Chan, Golub and LeVeque), which makes it as accurate as
    /// Welford's update without a division per value.
    pub fn of(xs: &[f64]) -> Moments {
        Moments::of_difference(xs, None)
    }

    /// Moments of `xs[i] - ys[i]` (of `xs` alone without `ys`).
    pub fn of_difference(xs: &[f64], ys: Option<&[f64]>) -> Moments {
        let n = xs.len();
        if n == 0 {
            return Moments::default();
        }
        let sum = match ys {
            None => lane_sum(xs, |x| x),
            Some(ys) => lane_sum2(xs, ys, |x, y| x - y),
        };
        let mean = sum / n as f64;
        let (dev, sq) = match ys {
            None => lane_sum_sq(xs, |x| x - mean),
            Some(ys) => lane_sum_sq2(xs, ys, |x, y| x - y - mean),
        };
        // `dev` is the rounding error of the mean, summed; removing its
        // share is what makes the two-pass result exact to rounding.
        Moments {
            n: n as u64,
            mean: mean + dev / n as f64,
            m2: (sq - dev * dev / n as f64).max(0.0),
        }
    }

    /// The moments of `n` zeros (what `of` gives for them, without the
    /// passes).
    pub fn zeros(n: u64) -> Moments {
        Moments {
            n,
            mean: 0.0,
            m2: 0.0,
        }
    }

    /// The moments of -x.
    pub fn negated(&self) -> Moments {
        Moments {
            mean: -self.mean,
            ..*self
        }
    }

    #[inline]
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    pub fn count(&self) -> u64 {
        self.n
    }

    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Sample standard deviation (n - 1 in the denominator); 0 for fewer than
    /// two values, where it is undefined, so outputs stay finite.
    pub fn sd(&self) -> f64 {
        if self.n < 2 {
            0.0
        } else {
            (self.m2.max(0.0) / (self.n - 1) as f64).sqrt()
        }
    }

    /// Standard error of the mean, `sd / sqrt(n)`.
    pub fn se(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sd() / (self.n as f64).sqrt()
        }
    }
}

/// Chan et al.'s pairwise formula.
impl Merge for Moments {
    fn merge(&mut self, other: &Moments) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let n = self.n + other.n;
        let d = other.mean - self.mean;
        let (na, nb) = (self.n as f64, other.n as f64);
        self.mean += d * nb / n as f64;
        self.m2 += other.m2 + d * d * na * nb / n as f64;
        self.n = n;
    }
}

// Sums in LANES interleaved accumulators, combined in a fixed order.
#[inline]
fn combine(l: [f64; LANES]) -> f64 {
    (l[0] + l[1]) + (l[2] + l[3])
}

#[inline]
fn lane_sum(xs: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut lanes = [0.0; LANES];
    let chunks = xs.chunks_exact(LANES);
    let rest = chunks.remainder();
    for c in chunks {
        for l in 0..LANES {
            lanes[l] += f(c[l]);
        }
    }
    for (l, &x) in rest.iter().enumerate() {
        lanes[l] += f(x);
    }
    combine(lanes)
}

#[inline]
fn lane_sum2(xs: &[f64], ys: &[f64], f: impl Fn(f64, f64) -> f64) -> f64 {
    let ys = &ys[..xs.len()];
    let mut lanes = [0.0; LANES];
    let (cx, cy) = (xs.chunks_exact(LANES), ys.chunks_exact(LANES));
    let (rx, ry) = (cx.remainder(), cy.remainder());
    for (a, b) in cx.zip(cy) {
        for l in 0..LANES {
            lanes[l] += f(a[l], b[l]);
        }
    }
    for (l, (&x, &y)) in rx.iter().zip(ry).enumerate() {
        lanes[l] += f(x, y);
    }
    combine(lanes)
}

/// Sum of `d` and of `d^2` for `d = f(x)`.
#[inline]
fn lane_sum_sq(xs: &[f64], f: impl Fn(f64) -> f64) -> (f64, f64) {
    let (mut s1, mut s2) = ([0.0; LANES], [0.0; LANES]);
    let chunks = xs.chunks_exact(LANES);
    let rest = chunks.remainder();
    for c in chunks {
        for l in 0..LANES {
            let d = f(c[l]);
            s1[l] += d;
            s2[l] += d * d;
        }
    }
    for (l, &x) in rest.iter().enumerate() {
        let d = f(x);
        s1[l] += d;
        s2[l] += d * d;
    }
    (combine(s1), combine(s2))
}

#[inline]
fn lane_sum_sq2(xs: &[f64], ys: &[f64], f: impl Fn(f64, f64) -> f64) -> (f64, f64) {
    let ys = &ys[..xs.len()];
    let (mut s1, mut s2) = ([0.0; LANES], [0.0; LANES]);
    let (cx, cy) = (xs.chunks_exact(LANES), ys.chunks_exact(LANES));
    let (rx, ry) = (cx.remainder(), cy.remainder());
    for (a, b) in cx.zip(cy) {
        for l in 0..LANES {
            let d = f(a[l], b[l]);
            s1[l] += d;
            s2[l] += d * d;
        }
    }
    for (l, (&x, &y)) in rx.iter().zip(ry).enumerate() {
        let d = f(x, y);
        s1[l] += d;
        s2[l] += d * d;
    }
    (combine(s1), combine(s2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, var.sqrt())
    }

    #[test]
    fn matches_textbook_values() {
        let mut m = Moments::default();
        for x in [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0] {
            m.push(x);
        }
        assert_eq!(m.mean(), 5.0);
        // Sum of squared deviations 32, over n - 1 = 7.
        assert!((m.sd() - (32.0f64 / 7.0).sqrt()).abs() < 1e-14);
        assert!((m.se() - (32.0f64 / 7.0).sqrt() / 8f64.sqrt()).abs() < 1e-14);
    }

    #[test]
    fn zeros_are_what_two_passes_over_zeros_give() {
        for n in [0, 1, 7, 4096] {
            let xs = vec![3.25; n];
            assert_eq!(
                Moments::zeros(n as u64),
                Moments::of_difference(&xs, Some(&xs))
            );
        }
    }

    #[test]
    fn one_value_has_zero_spread() {
        let mut m = Moments::default();
        m.push(3.0);
        assert_eq!((m.mean(), m.sd(), m.se()), (3.0, 0.0, 0.0));
    }

    proptest! {
        #[test]
        fn two_pass_agrees_with_welford(
            xs in proptest::collection::vec(prop_oneof![-1e6f64..1e6, 5e5f64..5.00001e5], 1..300),
        ) {
            let mut w = Moments::default();
            xs.iter().for_each(|&x| w.push(x));
            let t = Moments::of(&xs);
            prop_assert_eq!(t.count(), w.count());
            prop_assert!((t.mean() - w.mean()).abs() <= 1e-12 * (1.0 + w.mean().abs()));
            prop_assert!((t.sd() - w.sd()).abs() <= 1e-8 * (1.0 + w.sd()));
            let ys: Vec<f64> = xs.iter().map(|x| x * 0.5 + 3.0).collect();
            let mut wd = Moments::default();
            xs.iter().zip(&ys).for_each(|(x, y)| wd.push(x - y));
            let td = Moments::of_difference(&xs, Some(&ys));
            prop_assert!((td.mean() - wd.mean()).abs() <= 1e-12 * (1.0 + wd.mean().abs()));
            prop_assert!((td.sd() - wd.sd()).abs() <= 1e-8 * (1.0 + wd.sd()));
        }

        #[test]
        fn merging_splits_equals_one_pass(
            xs in proptest::collection::vec(-1e6f64..1e6, 2..200),
            cut in 0usize..200,
        ) {
            let cut = cut.min(xs.len());
            let mut whole = Moments::default();
            xs.iter().for_each(|&x| whole.push(x));
            let (mut a, mut b) = (Moments::default(), Moments::default());
            xs[..cut].iter().for_each(|&x| a.push(x));
            xs[cut..].iter().for_each(|&x| b.push(x));
            a.merge(&b);
            let (mean, sd) = naive(&xs);
            prop_assert_eq!(a.count(), xs.len() as u64);
            prop_assert!((a.mean() - mean).abs() <= 1e-9 * (1.0 + mean.abs()));
            prop_assert!((a.sd() - sd).abs() <= 1e-7 * (1.0 + sd));
            prop_assert!((whole.sd() - sd).abs() <= 1e-7 * (1.0 + sd));
        }
    }
}
