//! Continuous discounting (docs/model.md).

/// Discounting at a continuous force `delta = ln(1 + r)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Discount {
    delta: f64,
    /// `1 / delta` (0 when delta is 0, where it is never used).
    inv_delta: f64,
    /// `e^(-delta)`, the factor of one whole year.
    year: f64,
    /// `D(0, 1)`, one year's income from a year's start.
    year_annuity: f64,
}

impl Discount {
    /// From the annual rate `career.discount_rate` (0 <= r < 1).
    pub fn from_rate(rate: f64) -> Self {
        let delta = rate.ln_1p();
        Discount {
            delta,
            inv_delta: if delta == 0.0 { 0.0 } else { 1.0 / delta },
            year: (-delta).exp(),
            year_annuity: if delta == 0.0 {
                1.0
            } else {
                -(-delta).exp_m1() / delta
            },
        }
    }

    /// The force of interest `delta = ln(1 + r)`.
    #[inline]
    pub fn delta(&self) -> f64 {
        self.delta
    }

    /// `e^(-delta)`: one year's discount factor.
    #[inline]
    pub fn year_factor(&self) -> f64 {
        self.year
    }

    /// `D(0, 1) = (1 - e^(-delta)) / delta`: a whole year from `a` is worth
    /// `e^(-delta a) D(0, 1)`.
    #[inline]
    pub fn year_annuity(&self) -> f64 {
        self.year_annuity
    }

    /// `D(a, b)` when the factors `f_a = e^(-delta a)` and `f_b = e^(-delta b)`
    /// are already known: `(f_a - f_b) / delta` costs no exponential. The
    /// difference loses about `1e-16 / (delta (b - a))` of relative
    /// precision, so short segments fall back to `expm1`, which keeps the
    /// error below 1e-13 everywhere.
    #[inline]
    pub fn annuity_with_factors(&self, a: f64, b: f64, f_a: f64, f_b: f64) -> f64 {
        if b <= a {
            return 0.0;
        }
        if self.delta == 0.0 {
            return b - a;
        }
        let x = self.delta * (b - a);
        if x < 1e-3 {
            f_a * -(-x).exp_m1() * self.inv_delta
        } else {
            (f_a - f_b) * self.inv_delta
        }
    }

    /// `e^(-delta t)`: what a lump sum paid at `t` is worth today.
    #[inline]
    pub fn factor(&self, t: f64) -> f64 {
        super::exp::exp(-self.delta * t)
    }

    /// `D(a, b)`: what one unit of income per year, earned continuously on
    /// [a, b), is worth today. Written with `expm1` so that tiny rates and
    /// short segments keep their precision; `b - a` when delta is 0.
    #[inline]
    pub fn annuity(&self, a: f64, b: f64) -> f64 {
        if b <= a {
            return 0.0;
        }
        if self.delta == 0.0 {
            return b - a;
        }
        self.factor(a) * -(-self.delta * (b - a)).exp_m1() / self.delta
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Composite Simpson's rule for e^(-delta t) on [a, b].
    fn simpson(delta: f64, a: f64, b: f64, n: usize) -> f64 {
        let h = (b - a) / n as f64;
        let f = |t: f64| (-delta * t).exp();
        let mut s = f(a) + f(b);
        for i in 1..n {
            let w = if i % 2 == 1 { 4.0 } else { 2.0 };
            s += w * f(a + i as f64 * h);
        }
        s * h / 3.0
    }

    #[test]
    fn annuity_matches_numerical_integration() {
        for &rate in &[0.0, 1e-9, 0.03, 0.1, 0.5, 0.99] {
            let d = Discount::from_rate(rate);
            for &(a, b) in &[
                (0.0, 1.0),
                (0.25, 5.0),
                (3.7, 3.7001),
                (0.0, 40.0),
                (12.0, 39.5),
            ] {
                let exact = d.annuity(a, b);
                let numeric = simpson(rate.ln_1p(), a, b, 20_000);
                // Simpson's error, (b - a) h^4 delta^4 / 180 relative, is below
                // 1e-13 with 20,000 panels for these rates and lengths.
                assert!(
                    (exact - numeric).abs() <= 1e-10 * numeric.abs().max(1e-12),
                    "rate {rate} [{a}, {b}): {exact} vs {numeric}"
                );
            }
        }
    }

    #[test]
    fn zero_rate_is_plain_time_and_lump_sums_are_undiscounted() {
        let d = Discount::from_rate(0.0);
        assert_eq!(d.annuity(1.5, 4.0), 2.5);
        assert_eq!(d.factor(17.0), 1.0);
    }

    #[test]
    fn one_year_at_three_percent() {
        // delta = ln 1.03; D(0, 1) = (1 - 1/1.03) / ln 1.03.
        let d = Discount::from_rate(0.03);
        let expected = (1.0 - 1.0 / 1.03) / 1.03f64.ln();
        assert!((d.annuity(0.0, 1.0) - expected).abs() < 1e-14 * expected);
        assert!((d.factor(2.0) - 1.0 / (1.03 * 1.03)).abs() < 1e-14);
    }

    #[test]
    fn annuity_from_known_factors_matches_the_direct_formula() {
        for &rate in &[0.0, 1e-9, 0.03, 0.5] {
            let d = Discount::from_rate(rate);
            for &(a, b) in &[
                (0.0, 1.0),
                (0.25, 5.0),
                (3.7, 3.7001),
                (2.0, 2.0 + 1e-6),
                (0.0, 40.0),
            ] {
                let direct = d.annuity(a, b);
                let carried = d.annuity_with_factors(a, b, d.factor(a), d.factor(b));
                assert!(
                    (direct - carried).abs() <= 1e-12 * direct,
                    "rate {rate} [{a}, {b}): {direct} vs {carried}"
                );
            }
        }
    }

    #[test]
    fn a_whole_year_is_its_start_factor_times_the_first_year() {
        for &rate in &[0.0, 1e-12, 1e-6, 0.03, 0.5, 0.99] {
            let d = Discount::from_rate(rate);
            assert!((d.year_annuity() - d.annuity(0.0, 1.0)).abs() <= 1e-15);
            for &a in &[0.0, 0.37, 3.0, 17.25] {
                let by_year = d.factor(a) * d.year_annuity();
                let direct = d.annuity(a, a + 1.0);
                assert!(
                    (by_year - direct).abs() <= 1e-13 * direct,
                    "rate {rate} from {a}: {by_year} vs {direct}"
                );
            }
        }
    }

    #[test]
    fn annuity_is_additive_over_adjacent_segments() {
        let d = Discount::from_rate(0.07);
        let whole = d.annuity(0.3, 6.1);
        let parts = d.annuity(0.3, 2.0) + d.annuity(2.0, 6.1);
        assert!((whole - parts).abs() < 1e-12);
    }
}
