//! Number formatting: plain decimals for machines, grouped money for people,
//! and the cells of the output rows, which read the same numbers into a CSV
//! file as text and into a JSON file as values.

use std::marker::PhantomData;

use serde::{Serialize, Serializer};

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

/// Where a row is written. The row structs are generic over it, so one
/// struct (one list of fields, in column order) gives both the CSV and the
/// JSON file, each cell written the way its file wants it.
pub trait Cells: Default {
    /// A number.
    fn num<S: Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error>;
    /// A list of words.
    fn list<S: Serializer>(items: &[&str], s: S) -> Result<S::Ok, S::Error>;
}

/// CSV text: numbers as [`plain`] decimals, lists `;`-separated.
#[derive(Debug, Default, Clone, Copy)]
pub struct Csv;

/// JSON values: a number as the decimal its CSV cell holds (an integer when
/// that cell is one, null when it is not finite), lists as arrays.
#[derive(Debug, Default, Clone, Copy)]
pub struct Json;

impl Cells for Csv {
    fn num<S: Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&plain(x))
    }
    fn list<S: Serializer>(items: &[&str], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&items.join(";"))
    }
}

impl Cells for Json {
    fn num<S: Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error> {
        // 2^64: the first whole number a u64 cannot hold.
        const U64_END: f64 = 18_446_744_073_709_551_616.0;
        if !x.is_finite() {
            s.serialize_none()
        } else if x.fract() == 0.0 && (0.0..U64_END).contains(&x) {
            // Whole numbers stay integers: `plain` writes them without a
            // decimal point, and a count reads back as a count.
            s.serialize_u64(x as u64)
        } else {
            s.serialize_f64(x)
        }
    }
    fn list<S: Serializer>(items: &[&str], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(items)
    }
}

/// A number cell of a row written to `F`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Num<F>(pub f64, PhantomData<F>);

impl<F> From<f64> for Num<F> {
    fn from(x: f64) -> Self {
        Num(x, PhantomData)
    }
}

impl<F: Cells> Serialize for Num<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        F::num(self.0, s)
    }
}

/// A list cell of a row written to `F`. The words never hold a `;`: they
/// are strategy names and reason keys.
#[derive(Debug, Default, Clone)]
pub struct List<'a, F>(pub Vec<&'a str>, PhantomData<F>);

impl<'a, F> From<Vec<&'a str>> for List<'a, F> {
    fn from(items: Vec<&'a str>) -> Self {
        List(items, PhantomData)
    }
}

impl<F: Cells> Serialize for List<'_, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        F::list(&self.0, s)
    }
}

/// The column names of a row struct, in field order: the header its CSV
/// file gets and the keys of its JSON objects. (A JSON object keeps the
/// order of its fields: serde_json's `preserve_order` is on.)
pub fn columns<T: Serialize + Default>() -> Vec<String> {
    match serde_json::to_value(T::default()) {
        Ok(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        other => panic!("a row struct serializes as an object, not {other:?}"),
    }
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
