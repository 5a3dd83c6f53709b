//! Number formatting: plain decimals for machines, grouped money for people,
//! and the cells of the output rows, which read the same numbers into a CSV
//! file as text and into a JSON file as values.

use std::marker::PhantomData;

use serde::{Serialize, Serializer};

use super::csv::{summary_rows, verdict_row};
use super::{BatchRow, ScenarioReport};

/// A plain decimal that pandas, R and polars read as it is: never an
/// exponent, never a thousands separator, the shortest text that reads back
/// as the same f64. Never given a non-finite number: the batch refuses a
/// scenario whose outputs would hold one ([`check_finite`]).
pub fn plain(x: f64) -> String {
    if x == 0.0 {
        return "0".into(); // no "-0"
    }
    format!("{x}")
}

/// Money to the cent: the sums of a float carry noise far below a cent
/// (`187000.00000000003`), which a cell should not show.
pub fn cents(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let c = (x * 100.0).round() / 100.0;
    if c == 0.0 { 0.0 } else { c }
}

/// A sketch's quantile to its documented accuracy: the shortest decimal
/// within [`RELATIVE_ACCURACY`](crate::stats::RELATIVE_ACCURACY)
/// of it, so the digits the sketch cannot vouch for are not written
/// (`1.000061031431187` becomes `1`). The cell is then within twice that
/// accuracy of the true sample quantile.
pub fn quantile(x: f64) -> f64 {
    let tolerance = crate::stats::RELATIVE_ACCURACY * x.abs();
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    (0..17)
        .filter_map(|d| format!("{x:.d$e}").parse::<f64>().ok())
        .find(|r| (r - x).abs() <= tolerance)
        .unwrap_or(x)
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

/// JSON values: a number as the decimal its CSV cell holds, always as a
/// float (`0.0`, not `0`: a column's type does not change with its value;
/// counts are integer fields of their own), null when it is not finite;
/// lists as arrays.
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
        if !x.is_finite() {
            s.serialize_none()
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

/// A number a scenario's outputs would hold that is not finite: what
/// [`check_finite`] refuses to write.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "{scenario}: the simulation produced numbers too large to represent ({what} came out as \
     {value}); bring the amounts, raises and job-change bumps of the scenario back to sizes \
     a career can have"
)]
pub struct NonFinite {
    /// The scenario's stem (its output folder).
    pub scenario: String,
    /// The cell, e.g. `summary.csv value_mean of walk`.
    pub what: String,
    pub value: f64,
}

/// Every number a scenario's outputs would hold is finite: each cell of its
/// `summary.csv` and `verdicts.csv` rows (and so of their JSON twins, the
/// report and the terminal table, which show the same numbers), every
/// path outcome its sketches counted, and the fan chart's bands. The batch
/// calls it before writing anything of the scenario: a scenario that fails
/// it is an input error (exit 2), never a file with NaN or inf in it.
/// Cheap: a few dozen numbers and the sketches' counters.
pub fn check_finite(r: &ScenarioReport) -> Result<(), NonFinite> {
    let scenario = &r.scenario.stem;
    let fail = |what: String, value: f64| NonFinite {
        scenario: scenario.clone(),
        what,
        value,
    };
    let row = BatchRow::of(r);
    let tables: Vec<(String, serde_json::Value)> = summary_rows::<Probe>(&row)
        .iter()
        .map(|row| {
            let v = serde_json::to_value(row).unwrap_or_default();
            (format!("of {}", row.strategy), v)
        })
        .chain(std::iter::once((
            String::new(),
            serde_json::to_value(verdict_row::<Probe>(&row)).unwrap_or_default(),
        )))
        .collect();
    for (k, (of, table)) in tables.iter().enumerate() {
        let file = if k + 1 == tables.len() {
            "verdicts.csv"
        } else {
            "summary.csv"
        };
        let serde_json::Value::Object(cells) = table else {
            continue;
        };
        for (column, cell) in cells {
            if let Some(value) = cell.as_str().and_then(|t| t.strip_prefix(NOT_FINITE)) {
                let value = value.parse().unwrap_or(f64::NAN);
                return Err(fail(
                    format!("{file} {column} {of}").trim_end().into(),
                    value,
                ));
            }
        }
    }
    let sk = &r.aggregate.sketches;
    for (measure, sketches) in [
        ("value", &sk.value),
        ("diff", &sk.diff),
        ("earnings", &sk.earnings),
        ("weeks_to_job", &sk.weeks_to_job),
        ("comp_at_horizon", &sk.comp_at_horizon),
    ] {
        for (s, sketch) in sketches.iter() {
            if sketch.non_finite() > 0 {
                return Err(fail(
                    format!("{measure} of {} on {} paths", s.name(), sketch.non_finite()),
                    f64::NAN,
                ));
            }
        }
    }
    for (s, band) in r.aggregate.fan.bands.iter() {
        if let Some(x) = band.iter().flatten().find(|x| !x.is_finite()) {
            return Err(fail(format!("the earnings fan of {}", s.name()), *x));
        }
    }
    Ok(())
}

/// What a [`Probe`] cell holds in place of a number that is not finite.
const NOT_FINITE: &str = "\u{1}not finite: ";

/// Cells that keep every finite number and mark the others, so that
/// [`check_finite`] reads the very cells the files would hold.
#[derive(Debug, Default, Clone, Copy)]
struct Probe;

impl Cells for Probe {
    fn num<S: Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error> {
        if x.is_finite() {
            s.serialize_f64(x)
        } else {
            s.serialize_str(&format!("{NOT_FINITE}{x}"))
        }
    }
    fn list<S: Serializer>(items: &[&str], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(items)
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
    fn money_is_written_to_the_cent() {
        assert_eq!(plain(cents(187000.00000000003)), "187000");
        assert_eq!(plain(cents(0.1 + 0.2)), "0.3");
        assert_eq!(plain(cents(-1234.5678)), "-1234.57");
        assert_eq!(plain(cents(-0.004)), "0");
        assert!(cents(f64::NAN).is_nan());
    }

    #[test]
    fn quantiles_keep_only_the_digits_the_sketch_vouches_for() {
        assert_eq!(plain(quantile(1.000061031431187)), "1");
        // Within 0.01% of 938,412.3 is 938,318 to 938,506: 938,400 is the
        // shortest decimal in it.
        assert_eq!(plain(quantile(938_412.3)), "938400");
        assert_eq!(plain(quantile(8.214_93)), "8.215");
        assert_eq!(plain(quantile(-0.012_345_67)), "-0.012346");
        assert_eq!(quantile(0.0), 0.0);
        for x in [1.0e-7, 3.3, 47.316_5, 123_456_789.0, -5_000.123] {
            let q = quantile(x);
            assert!((q - x).abs() <= 1e-4 * x.abs(), "{x} -> {q}");
        }
    }

    #[test]
    fn json_numbers_are_always_floats() {
        let v = serde_json::to_string(&[Num::<Json>::from(0.0), Num::from(150000.0)]).unwrap();
        assert_eq!(v, "[0.0,150000.0]");
        let v = serde_json::to_string(&[Num::<Json>::from(f64::NAN)]).unwrap();
        assert_eq!(v, "[null]");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(1234567.4, "USD"), "USD 1,234,567");
        assert_eq!(money(-999.6, "EUR"), "-EUR 1,000");
        assert_eq!(money_short(1_250_000.0, "USD"), "USD 1.25M");
        assert_eq!(money_short(152_400.0, "USD"), "USD 152k");
        assert_eq!(group(0), "0");
    }

    fn report() -> ScenarioReport {
        crate::report::charts::tests::report("scenarios/strong-large-gap.toml", 3_000)
    }

    #[test]
    fn a_normal_report_is_finite() {
        assert_eq!(check_finite(&report()), Ok(()));
    }

    #[test]
    fn a_nan_statistic_is_refused_by_name() {
        use crate::model::Strategy;
        use crate::stats::Moments;
        let mut r = report();
        r.aggregate.exact.strategies[Strategy::Walk].value = Moments::of(&[1.0, f64::NAN]);
        let e = check_finite(&r).unwrap_err();
        assert_eq!(e.scenario, "strong-large-gap");
        assert_eq!(e.what, "summary.csv value_mean of walk");
        assert!(e.value.is_nan());
        let text = e.to_string();
        assert!(text.starts_with("strong-large-gap: the simulation produced numbers too large"));
        assert!(
            text.contains("value_mean of walk came out as NaN"),
            "{text}"
        );
    }

    #[test]
    fn an_infinite_verdict_cell_is_refused() {
        let mut r = report();
        r.scenario.offer.base = f64::MAX;
        r.scenario.offer.bonus_pct = 0.5;
        let e = check_finite(&r).unwrap_err();
        assert_eq!(e.what, "verdicts.csv offer_comp");
        assert_eq!(e.value, f64::INFINITY);
        let mut r = report();
        r.sim.margin_se = Some(f64::NEG_INFINITY);
        assert_eq!(check_finite(&r).unwrap_err().what, "verdicts.csv margin_se");
    }

    #[test]
    fn non_finite_path_outcomes_and_fan_bands_are_refused() {
        use crate::model::Strategy;
        let mut r = report();
        r.aggregate.sketches.weeks_to_job[Strategy::CounterWalk].push(f64::INFINITY);
        let e = check_finite(&r).unwrap_err();
        assert!(
            e.what.starts_with("weeks_to_job of counter_walk"),
            "{}",
            e.what
        );
        let mut r = report();
        r.aggregate.fan.bands[Strategy::Accept][3][1] = f64::NAN;
        let e = check_finite(&r).unwrap_err();
        assert_eq!(e.what, "the earnings fan of accept");
    }
}
