//! Number formatting: plain decimals for machines, grouped money for people.

/// A plain decimal that pandas, R and polars read as it is: never an
/// exponent, never a thousands separator, the shortest text that reads back
/// as the same f64.
pub fn plain(x: f64) -> String {
    debug_assert!(x.is_finite(), "non-finite output {x}");
    if x == 0.0 {
        return "0".into(); // no "-0"
    }
    format!("{x}")
}

/// An optional number; empty when there is none (NA in every CSV reader).
pub fn plain_opt(x: Option<f64>) -> String {
    x.map(plain).unwrap_or_default()
}

/// Money for reports: `USD 152,000`, `-USD 1,250`.
pub fn money(x: f64, currency: &str) -> String {
    let sign = if x < 0.0 { "-" } else { "" };
    format!("{sign}{currency} {}", group(x.abs().round() as u64))
}

/// Short money for tables: `USD 1.25M`, `USD 152k`.
pub fn money_short(x: f64, currency: &str) -> String {
    let sign = if x < 0.0 { "-" } else { "" };
    let a = x.abs();
    let body = if a >= 1e6 {
        format!("{:.2}M", a / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", a / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", a / 1e3)
    } else {
        format!("{a:.0}")
    };
    format!("{sign}{currency} {body}")
}

pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn percent(p: f64) -> String {
    format!("{:.1}%", 100.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_never_uses_exponents() {
        assert_eq!(plain(1e21), "1000000000000000000000");
        assert_eq!(plain(1.5e-7), "0.00000015");
        assert_eq!(plain(-0.0), "0");
        assert_eq!(plain(152000.0), "152000");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(1234567.4, "USD"), "USD 1,234,567");
        assert_eq!(money(-999.6, "EUR"), "-EUR 1,000");
        assert_eq!(money_short(1_250_000.0, "USD"), "USD 1.25M");
        assert_eq!(money_short(152_400.0, "USD"), "USD 152k");
        assert_eq!(group(0), "0");
    }
}
