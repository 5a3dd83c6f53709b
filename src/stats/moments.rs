/// Count, mean and sum of squared deviations (Welford), merged with Chan et
/// al.'s pairwise formula. Floating-point merges are not associative, so the
/// engine merges chunk results in chunk order, never in completion order.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Moments {
    #[inline]
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    pub fn merge(&mut self, other: &Moments) {
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
    fn one_value_has_zero_spread() {
        let mut m = Moments::default();
        m.push(3.0);
        assert_eq!((m.mean(), m.sd(), m.se()), (3.0, 0.0, 0.0));
    }

    proptest! {
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
