//! Streaming statistics that merge deterministically: exact moments merged in
//! a fixed order, and a log-binned quantile sketch whose integer counts merge
//! exactly in any order.

mod merge;
mod moments;
mod sketch;

pub use merge::Merge;
pub use moments::Moments;
pub use sketch::{MAX_BINS, QuantileSketch, RELATIVE_ACCURACY};

/// An f64 that may be infinite or NaN, which JSON numbers cannot hold:
/// written as a number when finite, else as `"inf"`, `"-inf"` or `"nan"`.
pub(crate) mod float_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        match *x {
            x if x.is_finite() => s.serialize_f64(x),
            x if x.is_nan() => s.serialize_str("nan"),
            x if x > 0.0 => s.serialize_str("inf"),
            _ => s.serialize_str("-inf"),
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Text {
        Number(f64),
        Word(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        match Text::deserialize(d)? {
            Text::Number(x) => Ok(x),
            Text::Word(w) => match w.as_str() {
                "inf" => Ok(f64::INFINITY),
                "-inf" => Ok(f64::NEG_INFINITY),
                "nan" => Ok(f64::NAN),
                _ => Err(serde::de::Error::custom(format!("not a number: {w:?}"))),
            },
        }
    }
}
