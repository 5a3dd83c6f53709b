//! Reading a scenario file: TOML syntax, then every key declared in
//! [`KEYS`] with its type, default and bound, then the rules that tie keys
//! together. Mistakes are collected, not thrown, so one run of `walkaway
//! check` lists all of a file's problems, each once.

use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

use sha2::{Digest, Sha256};
use toml::{Table, Value};

use super::error::{ScenarioError, ScenarioErrors};
use super::keys::{Bound, IfAbsent, KEYS, Kind, MAX_CI90_RATIO, SECTIONS, Shape, num, spec_index};
use super::schema::*;
use super::shown::{escaped, quoted, window};
use super::stem::output_stem;
use crate::model::dist::{Z_CUT, ci90_range};
use crate::model::{Discrete, DiscreteError, Dist, SampleSource};

/// The largest scenario file walkaway reads, in bytes (1 MB): a scenario
/// is a few kilobytes, and a larger file is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Reads and validates one scenario file. A name that cannot name an
/// output folder and a file over [`MAX_FILE_BYTES`] are refused before
/// anything is read.
pub fn load_file(path: &Path) -> Result<Scenario, ScenarioErrors> {
    let one = |message: String| ScenarioErrors(vec![err(path, None, message)]);
    output_stem(path).map_err(one)?;
    let bytes = read_limited(path).map_err(one)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        one(format!(
            "not UTF-8 text (invalid byte at offset {}); a scenario is a TOML text file",
            e.utf8_error().valid_up_to()
        ))
    })?;
    parse_str(&text, path)
}

fn too_large(bytes: Option<u64>) -> String {
    let size = bytes.map_or("larger than that".into(), |b| format!("{b} bytes"));
    format!(
        "the file is {size}; a scenario file may be at most 1 MB ({MAX_FILE_BYTES} bytes), \
         and walkaway does not read a larger one"
    )
}

/// The file's bytes, never more than [`MAX_FILE_BYTES`] of them: its size
/// is checked before reading, and the reading stops one byte past the
/// limit, whatever the file does meanwhile (grows, or is not a plain file).
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(too_large(Some(meta.len())));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// Validates scenario text; `path` names the file in messages and, through
/// its stem, the output folder and the default name.
pub fn parse_str(text: &str, path: &Path) -> Result<Scenario, ScenarioErrors> {
    let stem = output_stem(path).map_err(|m| ScenarioErrors(vec![err(path, None, m)]))?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(ScenarioErrors(vec![err(
            path,
            None,
            too_large(Some(text.len() as u64)),
        )]));
    }
    if text.contains('\0') {
        return Err(ScenarioErrors(vec![err(
            path,
            None,
            "contains NUL bytes: this looks like a binary file, not a TOML scenario".into(),
        )]));
    }
    if text.trim().is_empty() {
        return Err(ScenarioErrors(vec![err(
            path,
            None,
            "the file is empty; a scenario needs at least `base` in [offer], and `floor` and \
             `runway_months` (or `employed = true`) in [candidate]"
                .into(),
        )]));
    }
    let table: Table = toml::from_str(text).map_err(|e| syntax_error(path, text, &e))?;
    let mut errors = Vec::new();
    let scenario = read_scenario(&table, path, stem, &mut errors).map(|mut s| {
        s.source_sha256 = Sha256::digest(text.as_bytes()).into();
        s
    });
    match scenario {
        Some(s) if errors.is_empty() => Ok(s),
        _ if errors.is_empty() => Err(ScenarioErrors(vec![err(
            path,
            None,
            "the scenario is incomplete, but walkaway could not say where; please report \
             this file as a bug"
                .into(),
        )])),
        _ => Err(ScenarioErrors(errors)),
    }
}

fn err(path: &Path, location: Option<String>, message: String) -> ScenarioError {
    ScenarioError {
        file: path.to_path_buf(),
        location,
        message,
    }
}

fn syntax_error(path: &Path, text: &str, e: &toml::de::Error) -> ScenarioErrors {
    let span = e
        .span()
        .map(|span| span.start.min(text.len())..span.end.min(text.len()));
    let (location, excerpt, literal, key) = match &span {
        Some(span) => {
            let start = floor_boundary(text, span.start);
            let end = floor_boundary(text, span.end.max(start));
            let before = &text[..start];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..start].chars().count() + 1;
            let line_text = text[line_start..].lines().next().unwrap_or("");
            let trimmed = line_text.trim_start();
            let at =
                (column - 1).saturating_sub(line_text.chars().count() - trimmed.chars().count());
            (
                Some(format!("{line}:{column}")),
                format!(" (at `{}`)", window(trimmed.trim_end(), at)),
                &text[start..end],
                key_before(&text[line_start..start]),
            )
        }
        None => (None, String::new(), "", None),
    };
    let message = e.message().trim_end().replace('\n', "; ");
    let too_large = [
        "u64 value was too large",
        "as i128",
        "as u128",
        "integer number overflowed",
    ]
    .iter()
    .any(|m| message.contains(m));
    let message = if too_large {
        let key = key.map_or(String::new(), |k| format!("`{}`: ", quoted(k)));
        let number = if literal.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", quoted(literal.trim()))
        };
        if literal.trim_start().starts_with('-') {
            format!(
                "{key}the whole number{number} is smaller than the smallest whole number a \
                 scenario can hold ({})",
                i64::MIN
            )
        } else {
            format!(
                "{key}the whole number{number} is larger than the largest whole number a \
                 scenario can hold ({})",
                i64::MAX
            )
        }
    } else {
        format!("TOML syntax error: {}", quoted(&message))
    };
    ScenarioErrors(vec![err(path, location, format!("{message}{excerpt}"))])
}

/// The largest character boundary of `text` at or before `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    (0..=i.min(text.len()))
        .rev()
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(0)
}

/// The key whose value starts right after `line_before`, the text of its
/// line before the value: `paths` in `paths = `, `scope` in
/// `weights = { scope = `.
fn key_before(line_before: &str) -> Option<&str> {
    let head = line_before.trim_end().strip_suffix('=')?;
    let start = head.rfind(['{', ',']).map_or(0, |i| i + 1);
    let key = head[start..].trim();
    (!key.is_empty()).then_some(key)
}

/// One TOML table being read: remembers which keys were used so leftovers
/// can be reported as unknown, with the closest known key suggested.
struct Section<'a, 'e> {
    file: &'a Path,
    prefix: &'static str,
    table: Option<&'a Table>,
    /// The file has something other than a table here (already reported):
    /// its keys are not reported missing on top of that.
    refused: bool,
    known: Vec<&'static str>,
    /// Missing keys, reported by `finish` once every known key is listed.
    missing: Vec<(String, String)>,
    errors: &'e mut Vec<ScenarioError>,
}

/// A table of the file as found: absent, present, or not a table at all.
#[derive(Debug, Clone, Copy, Default)]
struct Place<'a> {
    table: Option<&'a Table>,
    refused: bool,
}

/// A key's checked value. Beside it, `None` means the value was refused and
/// an error (or a missing-key note) says why.
#[derive(Debug, Clone, PartialEq)]
enum Got {
    /// Left out, and the key has no default value: a rule or the builder
    /// decides what that means.
    Absent,
    Number(f64),
    Integer(u64),
    Dist(Dist),
    Bool(bool),
    Text(String),
}

/// The default of every key that has one, as the TOML value it is written
/// as, so a default goes through the same reading as a value in a file.
static DEFAULTS: LazyLock<Vec<Option<Value>>> = LazyLock::new(|| {
    KEYS.iter()
        .map(|k| match k.absent {
            IfAbsent::Value(text) => {
                let t: Table = toml::from_str(&format!("v = {text}"))
                    .unwrap_or_else(|e| panic!("the default of `{}` is not TOML: {e}", k.path()));
                t.get("v").cloned()
            }
            _ => None,
        })
        .collect()
});

impl<'a> Section<'a, '_> {
    fn key_path(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    fn fail(&mut self, key: &str, message: String) {
        let location = Some(self.key_path(key));
        self.errors.push(err(self.file, location, message));
    }

    /// An error about the section as a whole.
    fn fail_here(&mut self, message: String) {
        let location = Some(self.prefix.to_string());
        self.errors.push(err(self.file, location, message));
    }

    /// Reads and checks `KEYS[index]`, a key of this section: the file's
    /// value, else the declared default.
    fn read(&mut self, index: usize) -> Option<Got> {
        let spec = &KEYS[index];
        let key = spec.name;
        self.known.push(key);
        let v = match self.table.and_then(|t| t.get(key)) {
            Some(v) => v,
            None => match spec.absent {
                IfAbsent::Value(_) => DEFAULTS[index].as_ref().expect("a parsed default"),
                IfAbsent::Required { .. } => {
                    let what = match spec.kind {
                        Kind::Number(b) => format!("a number {}", b.describe()),
                        Kind::Integer { min } => format!("a whole number >= {min}"),
                        Kind::Dist(..) => "a number or a distribution".into(),
                        Kind::Bool => "true or false".into(),
                        Kind::Text { .. } => "a quoted string".into(),
                    };
                    self.missing(key, format!("missing; this key is required ({what})"));
                    return None;
                }
                _ => return Some(Got::Absent),
            },
        };
        match spec.kind {
            Kind::Number(b) => {
                let x = self.number_value(key, v)?;
                self.check_bound(key, x, b).map(Got::Number)
            }
            Kind::Integer { min } => self.integer(key, v, min).map(Got::Integer),
            Kind::Dist(shape, b) => self.dist(key, v, shape, b).map(Got::Dist),
            Kind::Bool => self.boolean(key, v).map(Got::Bool),
            Kind::Text { max_chars } => self.string(key, v, max_chars).map(Got::Text),
        }
    }

    /// A sub-table, possibly absent (then every key in it takes its default).
    fn table(&mut self, key: &'static str) -> Place<'a> {
        self.known.push(key);
        match self.table.and_then(|t| t.get(key)) {
            None => Place {
                table: None,
                refused: self.refused,
            },
            Some(Value::Table(t)) => Place {
                table: Some(t),
                refused: false,
            },
            Some(other) => {
                let found = type_name(other);
                self.fail(
                    key,
                    format!("expected a table `[{}]`, found {found}", self.key_path(key)),
                );
                Place {
                    table: None,
                    refused: true,
                }
            }
        }
    }

    fn number_value(&mut self, key: &str, v: &Value) -> Option<f64> {
        match v {
            Value::Integer(i) => Some(*i as f64),
            Value::Float(f) if f.is_finite() => Some(*f),
            Value::Float(f) => {
                let f = num(*f);
                self.fail(key, format!("found {f}; every number must be finite"));
                None
            }
            other => {
                let found = type_name(other);
                self.fail(key, format!("expected a number, found {found}"));
                None
            }
        }
    }

    fn check_bound(&mut self, key: &str, x: f64, b: Bound) -> Option<f64> {
        if b.contains(x) {
            Some(x)
        } else {
            let allowed = b.describe();
            // A bonus written in percent (`bonus_pct = 12`): say what it
            // would be as a fraction.
            let hint = if self.prefix == "offer" && key == "bonus_pct" && (1.0..=100.0).contains(&x)
            {
                format!(
                    " (did you mean {}? it is a fraction of base: 0.10 = 10%)",
                    num(x / 100.0)
                )
            } else {
                String::new()
            };
            let x = num(x);
            self.fail(key, format!("found {x}; allowed: a number {allowed}{hint}"));
            None
        }
    }

    /// Notes a missing key. `finish` reports it unless an unknown key of the
    /// table is a misspelling of it: then the unknown-key message, which
    /// suggests the right spelling, says it all.
    fn missing(&mut self, key: &str, message: String) {
        self.missing.push((key.to_string(), message));
    }

    fn boolean(&mut self, key: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Boolean(b) => Some(*b),
            other => {
                let found = type_name(other);
                self.fail(key, format!("expected true or false, found {found}"));
                None
            }
        }
    }

    /// Non-empty text of at most `max_chars` characters, none of them a
    /// control character (a newline, a tab, a terminal escape, a bell).
    fn string(&mut self, key: &str, v: &Value, max_chars: usize) -> Option<String> {
        match v {
            Value::String(s) if s.trim().is_empty() => {
                self.fail(key, "is empty; write some text or leave the key out".into());
                None
            }
            Value::String(s) => {
                let n = s.chars().count();
                if n > max_chars {
                    self.fail(
                        key,
                        format!(
                            "is {n} characters long; at most {max_chars} are allowed (found \
                             \"{}\")",
                            quoted(s)
                        ),
                    );
                    return None;
                }
                if let Some((i, c)) = s.chars().enumerate().find(|(_, c)| c.is_control()) {
                    self.fail(
                        key,
                        format!(
                            "holds the control character `{}` (character {}) in \"{}\"; text \
                             may not hold control characters such as newlines, tabs or \
                             terminal escapes",
                            escaped(&c.to_string()),
                            i + 1,
                            quoted(s)
                        ),
                    );
                    return None;
                }
                Some(s.clone())
            }
            other => {
                let found = type_name(other);
                self.fail(key, format!("expected a quoted string, found {found}"));
                None
            }
        }
    }

    fn integer(&mut self, key: &str, v: &Value, min: u64) -> Option<u64> {
        match v {
            Value::Integer(i) if *i >= min as i64 => Some(*i as u64),
            Value::Integer(i) => {
                self.fail(key, format!("found {i}; allowed: a whole number >= {min}"));
                None
            }
            other => {
                let found = match other {
                    Value::Float(f) => {
                        format!("{f:?}, a decimal or exponent number; write digits only")
                    }
                    v => type_name(v).to_string(),
                };
                self.fail(
                    key,
                    format!(
                        "expected a whole number >= {min} (up to {}), found {found}",
                        i64::MAX
                    ),
                );
                None
            }
        }
    }

    /// A distribution (docs/scenario.md, numbers and distributions): a
    /// number, `[lo, hi]` (the key's own shape), `{ uniform = [lo, hi] }` or
    /// `{ ci90 = [lo, hi] }`. Bounded keys refuse a `ci90` and uniforms that
    /// reach past their bounds.
    fn dist(&mut self, key: &str, v: &Value, shape: Shape, b: Bound) -> Option<Dist> {
        let (kind, pair) = match v {
            Value::Integer(_) | Value::Float(_) => {
                let x = self.number_value(key, v)?;
                return self.check_bound(key, x, b).map(Dist::Fixed);
            }
            Value::Array(_) => (shape, v),
            Value::Table(t) if t.contains_key("values") || t.contains_key("weights") => {
                return self.discrete(key, t, b);
            }
            Value::Table(t) if t.contains_key("samples") || t.contains_key("column") => {
                return self.samples(key, t, b);
            }
            Value::Table(t) => {
                if t.len() != 1 {
                    self.fail(
                        key,
                        "a distribution table is { uniform = [lo, hi] }, { ci90 = [lo, hi] }, \
                         { values = [...], weights = [...] } or { samples = \"file.csv\", \
                         column = \"name\" }"
                            .into(),
                    );
                    return None;
                }
                let (name, inner) = t.iter().next().expect("one entry");
                let kind = match name.as_str() {
                    "uniform" => Shape::Uniform,
                    "ci90" => Shape::Ci90,
                    other => {
                        let hint = suggestion(other, &["uniform", "ci90", "values", "samples"]);
                        let other = quoted(other);
                        self.fail(
                            key,
                            format!(
                                "unknown distribution kind `{other}`{hint}; allowed: \
                                 `uniform`, `ci90`, `values` (with `weights`) or `samples` \
                                 (with `column`)"
                            ),
                        );
                        return None;
                    }
                };
                (kind, inner)
            }
            other => {
                let found = type_name(other);
                self.fail(
                    key,
                    format!(
                        "expected a number, [lo, hi], {{ uniform = [lo, hi] }}, \
                         {{ ci90 = [lo, hi] }}, {{ values = [...] }} or \
                         {{ samples = \"file.csv\" }}, found {found}"
                    ),
                );
                return None;
            }
        };
        let Value::Array(items) = pair else {
            let found = type_name(pair);
            self.fail(key, format!("expected an array [lo, hi], found {found}"));
            return None;
        };
        if items.len() != 2 {
            self.fail(
                key,
                format!(
                    "expected two numbers [lo, hi], found an array of {}",
                    items.len()
                ),
            );
            return None;
        }
        let lo = self.number_value(key, &items[0])?;
        let hi = self.number_value(key, &items[1])?;
        let (lo_n, hi_n) = (num(lo), num(hi));
        if lo > hi {
            self.fail(
                key,
                format!("lo = {lo_n} is greater than hi = {hi_n}; write [lo, hi] with lo <= hi"),
            );
            return None;
        }
        let allowed = b.describe();
        match kind {
            Shape::Uniform => {
                if !b.contains(lo) || !b.contains(hi) {
                    self.fail(
                        key,
                        format!(
                            "uniform [{lo_n}, {hi_n}] reaches outside the allowed values \
                             (a number {allowed})"
                        ),
                    );
                    return None;
                }
                Some(Dist::Uniform { lo, hi })
            }
            Shape::Ci90 => {
                if lo <= 0.0 {
                    self.fail(
                        key,
                        format!(
                            "ci90 needs lo > 0 (it is a lognormal), found lo = {lo_n}; use \
                             {{ uniform = [{lo_n}, {hi_n}] }} for a range that includes zero \
                             or negatives"
                        ),
                    );
                    return None;
                }
                if !b.allows_ci90() {
                    self.fail(
                        key,
                        format!(
                            "takes a uniform only, not a ci90: a share from 0 to 1 (allowed: a number \
                             {allowed}) is not a lognormal; use {{ uniform = [{lo_n}, {hi_n}] }} \
                             instead"
                        ),
                    );
                    return None;
                }
                if !b.contains(lo) || !b.contains(hi) {
                    self.fail(
                        key,
                        format!(
                            "ci90 [{lo_n}, {hi_n}] reaches outside the allowed values (a number \
                             {allowed})"
                        ),
                    );
                    return None;
                }
                if hi > lo * MAX_CI90_RATIO {
                    self.fail(
                        key,
                        format!(
                            "ci90 [{lo_n}, {hi_n}] is too wide: hi / lo = {}, and a ci90 may \
                             span at most a factor of {} (allowed: a number {allowed})",
                            num(hi / lo),
                            num(MAX_CI90_RATIO)
                        ),
                    );
                    return None;
                }
                let (least, most) = ci90_range(lo, hi);
                if !b.contains(least) || !b.contains(most) {
                    self.fail(
                        key,
                        format!(
                            "ci90 [{lo_n}, {hi_n}] draws values from {} to {} (it is cut at \
                             {Z_CUT} standard deviations), which reach outside the allowed \
                             values (a number {allowed}); narrow the range",
                            short(least),
                            short(most)
                        ),
                    );
                    return None;
                }
                Some(Dist::Ci90 { lo, hi })
            }
        }
    }

    /// Keys of a distribution table other than `allowed`: each reported,
    /// with the closest allowed one.
    fn only_keys(&mut self, key: &str, t: &Table, allowed: &[&str]) -> bool {
        let mut ok = true;
        for k in t.keys().filter(|k| !allowed.contains(&k.as_str())) {
            let hint = suggestion(k, allowed);
            let list = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>();
            self.fail(
                key,
                format!(
                    "the distribution has no key `{}`{hint}; this form takes {}",
                    quoted(k),
                    list.join(" and ")
                ),
            );
            ok = false;
        }
        ok
    }

    /// A list of numbers, `what` naming it in messages.
    fn numbers(&mut self, key: &str, v: &Value, what: &str) -> Option<Vec<f64>> {
        let Value::Array(items) = v else {
            let found = type_name(v);
            self.fail(
                key,
                format!("`{what}` must be a list of numbers [..], found {found}"),
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::Integer(x) => out.push(*x as f64),
                Value::Float(x) if x.is_finite() => out.push(*x),
                Value::Float(x) => {
                    self.fail(
                        key,
                        format!("{what}[{i}] is {}; every number must be finite", num(*x)),
                    );
                    return None;
                }
                other => {
                    let found = type_name(other);
                    self.fail(key, format!("{what}[{i}] must be a number, found {found}"));
                    return None;
                }
            }
        }
        Some(out)
    }

    /// `{ values = [...], weights = [...] }` (docs/model.md, discrete).
    fn discrete(&mut self, key: &str, t: &Table, b: Bound) -> Option<Dist> {
        if !self.only_keys(key, t, &["values", "weights"]) {
            return None;
        }
        let Some(values) = t.get("values") else {
            self.fail(
                key,
                "`weights` needs `values`: write { values = [v1, v2, ...], weights = \
                 [w1, w2, ...] }"
                    .into(),
            );
            return None;
        };
        let values = self.numbers(key, values, "values")?;
        let weights = match t.get("weights") {
            Some(w) => Some(self.numbers(key, w, "weights")?),
            None => None,
        };
        let allowed = b.describe();
        if let Some((i, x)) = values.iter().enumerate().find(|(_, x)| !b.contains(**x)) {
            self.fail(
                key,
                format!(
                    "values[{i}] = {} is outside the allowed values (a number {allowed})",
                    num(*x)
                ),
            );
            return None;
        }
        match Discrete::new(values, weights) {
            Ok(d) => Some(Dist::Discrete(d)),
            Err(e) => {
                let message = match e {
                    DiscreteError::Empty => {
                        "`values` is an empty list; a discrete distribution needs at least \
                         one value"
                            .to_string()
                    }
                    DiscreteError::LengthMismatch { values, weights } => format!(
                        "`values` has {values} numbers and `weights` has {weights}; give one \
                         weight per value, or leave `weights` out for equal weights"
                    ),
                    DiscreteError::NonFiniteValue(i) => {
                        format!("values[{i}] is not finite; every number must be finite")
                    }
                    DiscreteError::BadWeight(i) => {
                        let w = t
                            .get("weights")
                            .and_then(|w| w.as_array())
                            .and_then(|w| w.get(i))
                            .map_or(String::new(), |w| format!(" = {w}"));
                        format!("weights[{i}]{w} is negative; every weight must be >= 0")
                    }
                    DiscreteError::AllZero => {
                        "every weight is 0; at least one value needs a positive weight".to_string()
                    }
                    DiscreteError::WeightSum => {
                        "the weights add up to more than the largest number walkaway can \
                         hold; scale them down (only their ratios count)"
                            .to_string()
                    }
                };
                self.fail(key, message);
                None
            }
        }
    }

    /// `{ samples = "file.csv", column = "name" }`: every number of the
    /// column equally likely, the file read now, relative to the
    /// scenario's folder.
    fn samples(&mut self, key: &str, t: &Table, b: Bound) -> Option<Dist> {
        if !self.only_keys(key, t, &["samples", "column"]) {
            return None;
        }
        let written = match t.get("samples") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::String(_)) => {
                self.fail(key, "`samples` is empty; write the CSV file's path".into());
                return None;
            }
            Some(other) => {
                let found = type_name(other);
                self.fail(
                    key,
                    format!("`samples` must be a quoted path to a CSV file, found {found}"),
                );
                return None;
            }
            None => {
                self.fail(
                    key,
                    "`column` needs `samples`: write { samples = \"file.csv\", column = \
                     \"name\" }"
                        .into(),
                );
                return None;
            }
        };
        let column = match t.get("column") {
            None => None,
            Some(Value::String(c)) => Some(c.clone()),
            Some(other) => {
                let found = type_name(other);
                self.fail(
                    key,
                    format!("`column` must be a quoted column name, found {found}"),
                );
                return None;
            }
        };
        let folder = self.file.parent().unwrap_or(Path::new(""));
        let file = folder.join(&written);
        let shown = quoted(&written);
        match super::samples::read_column(&file, column.as_deref(), b) {
            Ok((values, sha256)) => {
                let d = Discrete::new(values, None).expect("a checked, non-empty column");
                Some(Dist::Discrete(d.with_source(SampleSource {
                    path: written,
                    file,
                    column,
                    sha256,
                })))
            }
            Err(e) => {
                self.fail(key, format!("{shown}: {e}"));
                None
            }
        }
    }

    /// Reports missing keys, then keys nobody asked for, with the closest
    /// known key.
    fn finish(self) {
        let unknown: Vec<&String> = self
            .table
            .map(|t| {
                t.keys()
                    .filter(|k| !self.known.contains(&k.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        for (key, message) in &self.missing {
            if self.refused {
                break;
            }
            let misspelt = unknown.iter().any(|k| !suggestion(k, &[key]).is_empty());
            if !misspelt {
                let location = Some(self.key_path(key));
                self.errors.push(err(self.file, location, message.clone()));
            }
        }
        let allowed = self.known.join(", ");
        for key in unknown {
            let hint = suggestion(key, &self.known);
            let what = match self.table.and_then(|t| t.get(key)) {
                Some(Value::Table(_)) => "unknown section",
                _ => "unknown key",
            };
            // The name as the file spells it may be anything a quoted TOML
            // key holds: shown cut and escaped.
            let location = Some(self.key_path(&quoted(key)));
            self.errors.push(err(
                self.file,
                location,
                format!("{what}{hint}; allowed here: {allowed}"),
            ));
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

/// ` (did you mean `x`?)` when a known key is within a small edit distance.
pub(super) fn suggestion(key: &str, known: &[&str]) -> String {
    // A near miss of a short known name is short itself; a long unknown
    // name is not compared (an edit distance costs its length times theirs).
    if key.chars().count() > 64 {
        return String::new();
    }
    let best = known
        .iter()
        .map(|k| (strsim::levenshtein(key, k), *k))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((d, k)) if d <= 2.max(key.len() / 3) && d < key.len() => {
            format!(" (did you mean `{k}`?)")
        }
        _ => String::new(),
    }
}

fn section<'a, 'e>(
    file: &'a Path,
    prefix: &'static str,
    place: Place<'a>,
    errors: &'e mut Vec<ScenarioError>,
) -> Section<'a, 'e> {
    Section {
        file,
        prefix,
        table: place.table,
        refused: place.refused,
        known: Vec::new(),
        missing: Vec::new(),
        errors,
    }
}

/// The last part of `child` when it is a section right inside `parent`.
fn child_of(parent: &str, child: &'static str) -> Option<&'static str> {
    if child.is_empty() {
        return None;
    }
    let (head, last) = child.rsplit_once('.').unwrap_or(("", child));
    (head == parent).then_some(last)
}

/// Reads every section, key by key, then applies the rules that tie keys
/// together; returns `None` when anything failed (the errors say what).
fn read_scenario(
    root: &Table,
    file: &Path,
    stem: String,
    errors: &mut Vec<ScenarioError>,
) -> Option<Scenario> {
    let mut got: Vec<Option<Got>> = vec![None; KEYS.len()];
    let mut places = vec![Place::default(); SECTIONS.len()];
    places[0].table = Some(root);
    let mut sensitivity = Vec::new();
    for (i, spec) in SECTIONS.iter().enumerate() {
        let mut s = section(file, spec.name, places[i], errors);
        for (k, _) in KEYS
            .iter()
            .enumerate()
            .filter(|(_, k)| k.section == spec.name)
        {
            got[k] = s.read(k);
        }
        for (j, child) in SECTIONS.iter().enumerate() {
            if let Some(name) = child_of(spec.name, child.name) {
                places[j] = s.table(name);
            }
        }
        if spec.name == SENSITIVITY {
            sensitivity = s.sensitivity();
            continue;
        }
        cross_check(&mut s, &got);
        s.finish();
    }
    // Which keys the file wrote, before defaults filled the rest in.
    let given = KEYS
        .iter()
        .map(|k| {
            let i = SECTIONS.iter().position(|s| s.name == k.section);
            i.and_then(|i| places[i].table)
                .is_some_and(|t| t.contains_key(k.name))
        })
        .collect();
    build(&Checked(&got), file, stem).map(|mut s| {
        s.given = given;
        s.sensitivity = sensitivity;
        s
    })
}

/// The section whose keys are other keys' paths: the tornado's rows.
const SENSITIVITY: &str = "sensitivity";

impl Section<'_, '_> {
    /// The `[sensitivity]` rows: each a numeric key's path with `low` and
    /// `high` ends, both numbers or both ranges of one kind, each within
    /// the key's bounds.
    fn sensitivity(&mut self) -> Vec<SensitivityRow> {
        use super::edit::{Input, numeric_key};
        let mut rows = Vec::new();
        let Some(table) = self.table else {
            return rows;
        };
        for (name, v) in table {
            let key = match numeric_key(name) {
                Ok(k) => k,
                Err(e) => {
                    self.fail(&quoted(name), format!("{e}"));
                    continue;
                }
            };
            let form = "each row is { low = ..., high = ... }, each end a number or a range \
                        [lo, hi] of the key's kind";
            let Value::Table(ends) = v else {
                self.fail(&quoted(name), form.into());
                continue;
            };
            if !self.only_keys(&quoted(name), ends, &["low", "high"]) {
                continue;
            }
            let mut read_end = |end: &str| -> Option<Input> {
                let at = format!("{}.{end}", quoted(name));
                let Some(v) = ends.get(end) else {
                    self.fail(&at, format!("missing; {form}"));
                    return None;
                };
                match key.kind {
                    Kind::Number(b) => {
                        let x = self.number_value(&at, v)?;
                        self.check_bound(&at, x, b).map(Input::Number)
                    }
                    Kind::Dist(shape, b) => {
                        if let Value::Table(t) = v
                            && !(t.contains_key("uniform") || t.contains_key("ci90"))
                        {
                            self.fail(&at, format!("not a list or sample file here; {form}"));
                            return None;
                        }
                        self.dist(&at, v, shape, b).map(Input::Dist)
                    }
                    _ => None,
                }
            };
            let (low, high) = (read_end("low"), read_end("high"));
            let (Some(low), Some(high)) = (low, high) else {
                continue;
            };
            let same = match (&low, &high) {
                (Input::Dist(Dist::Uniform { .. }), Input::Dist(Dist::Uniform { .. }))
                | (Input::Dist(Dist::Ci90 { .. }), Input::Dist(Dist::Ci90 { .. })) => true,
                _ => low.number().is_some() && high.number().is_some(),
            };
            if !same {
                self.fail(
                    &quoted(name),
                    format!("low and high must both be numbers or both ranges of one kind; {form}"),
                );
                continue;
            }
            rows.push(SensitivityRow {
                key: key.path(),
                low,
                high,
            });
        }
        rows
    }
}

/// The rules between keys of one section, once each key on its own passed.
fn cross_check(s: &mut Section, got: &[Option<Got>]) {
    let section = s.prefix;
    let at = |name: &str| &got[spec_index(section, name)];
    for (i, k) in KEYS
        .iter()
        .enumerate()
        .filter(|(_, k)| k.section == section)
    {
        if let IfAbsent::RequiredUnless { unless, .. } = k.absent
            && got[i] == Some(Got::Absent)
            && *at(unless) == Some(Got::Bool(false))
        {
            let meaning = k.meaning_with_bound();
            s.missing(
                k.name,
                format!("missing; required unless `{unless} = true` ({meaning})"),
            );
        }
    }
    match section {
        "offer.role.weights" => {
            let all_zero = KEYS
                .iter()
                .zip(got)
                .filter(|(k, _)| k.section == section)
                .all(|(_, g)| *g == Some(Got::Number(0.0)));
            if all_zero {
                s.fail_here("every weight is 0; at least one must be positive".into());
            }
        }
        "candidate" => {
            if let (Some(Got::Number(f)), Some(Got::Number(w))) = (at("floor"), at("wish"))
                && w < f
            {
                s.fail(
                    "wish",
                    format!("found {w}, below the floor {f}; the wish must be >= the floor"),
                );
            }
        }
        "market" => {
            // Rounds shorter than this would make a search that never finds
            // its floor (an employed candidate has no runway to end it) loop
            // for billions of rounds: the one bound stricter than the
            // search_weeks declaration, see docs/model.md.
            if let (Some(Got::Dist(weeks)), Some(Got::Number(softness))) =
                (at("search_weeks"), at("softness"))
            {
                // A ci90 draws down to the low end of its cut range.
                let (lo, what) = match weeks {
                    Dist::Fixed(x) => (*x, "the value"),
                    Dist::Uniform { lo, .. } => (*lo, "lo"),
                    Dist::Ci90 { lo, hi } => (ci90_range(*lo, *hi).0, "the shortest ci90 draw"),
                    Dist::Discrete(d) => (d.range().0, "the smallest value"),
                };
                if lo * softness < MIN_ROUND_WEEKS {
                    s.fail(
                        "search_weeks",
                        format!(
                            "rounds as short as {} weeks ({what} {} x softness {}) are too \
                             short to simulate; the shortest round allowed is \
                             {MIN_ROUND_WEEKS} weeks",
                            short(lo * softness),
                            short(lo),
                            num(*softness),
                        ),
                    );
                }
            }
        }
        _ => {}
    }
}

/// The checked values, looked up by section and name. A lookup that does
/// not match the key's declared kind is a mistake in walkaway and panics.
struct Checked<'g>(&'g [Option<Got>]);

impl Checked<'_> {
    fn take<T>(&self, section: &str, name: &str, f: impl Fn(&Got) -> Option<T>) -> Option<T> {
        let got = self.0[spec_index(section, name)].as_ref()?;
        let value = f(got);
        assert!(
            value.is_some(),
            "`{section}.{name}` read as the wrong kind: {got:?}"
        );
        value
    }

    fn number(&self, section: &str, name: &str) -> Option<f64> {
        self.take(section, name, |g| match g {
            Got::Number(x) => Some(*x),
            _ => None,
        })
    }

    fn opt_number(&self, section: &str, name: &str) -> Option<Option<f64>> {
        self.take(section, name, |g| match g {
            Got::Number(x) => Some(Some(*x)),
            Got::Absent => Some(None),
            _ => None,
        })
    }

    fn dist(&self, section: &str, name: &str) -> Option<Dist> {
        self.take(section, name, |g| match g {
            Got::Dist(d) => Some(d.clone()),
            _ => None,
        })
    }

    fn flag(&self, section: &str, name: &str) -> Option<bool> {
        self.take(section, name, |g| match g {
            Got::Bool(b) => Some(*b),
            _ => None,
        })
    }

    fn integer(&self, section: &str, name: &str) -> Option<u64> {
        self.take(section, name, |g| match g {
            Got::Integer(i) => Some(*i),
            _ => None,
        })
    }

    fn opt_text(&self, section: &str, name: &str) -> Option<Option<String>> {
        self.take(section, name, |g| match g {
            Got::Text(t) => Some(Some(t.clone())),
            Got::Absent => Some(None),
            _ => None,
        })
    }

    /// One value per name, in the order of `names`.
    fn each<T: Copy + Default, const N: usize>(
        &self,
        names: &[&str; N],
        f: impl Fn(&str) -> Option<T>,
    ) -> Option<[T; N]> {
        let mut out = [T::default(); N];
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = f(name)?;
        }
        Some(out)
    }
}

/// The typed scenario from the checked values; `None` when any was refused.
fn build(c: &Checked, file: &Path, stem: String) -> Option<Scenario> {
    let floor = c.number("candidate", "floor")?;
    let offer = Offer {
        base: c.number("offer", "base")?,
        bonus_pct: c.number("offer", "bonus_pct")?,
        equity_per_year: c.number("offer", "equity_per_year")?,
        sign_on: c.number("offer", "sign_on")?,
        role: Role {
            scores: c.each(&ROLE_SCORES, |k| c.number("offer.role", k))?,
            weights: c.each(&ROLE_SCORES, |k| c.number("offer.role.weights", k))?,
            strength: c.opt_number("offer.role", "strength")?,
        },
    };
    let candidate = Candidate {
        floor,
        wish: c.opt_number("candidate", "wish")?,
        runway_months: c.opt_number("candidate", "runway_months")?,
        employed: c.flag("candidate", "employed")?,
        current_comp: c.number("candidate", "current_comp")?,
    };
    let market = Market {
        median_comp: c.opt_number("market", "median_comp")?.unwrap_or(floor),
        growth: c.number("market", "growth")?,
        softness: c.number("market", "softness")?,
        search_weeks: c.dist("market", "search_weeks")?,
        offer: c.dist("market", "offer")?,
        fit: c.dist("market", "fit")?,
    };
    let counter = Counter {
        success: c.number("counter", "success")?,
        meet: c.dist("counter", "meet")?,
        rescind: c.number("counter", "rescind")?,
        weeks: c.number("counter", "weeks")?,
        min_ask: c.number("counter", "min_ask")?,
    };
    let reengage = Reengage {
        probability: c.dist("reengage", "probability")?,
        months: c.dist("reengage", "months")?,
        uplift: c.dist("reengage", "uplift")?,
        switch_threshold: c.number("reengage", "switch_threshold")?,
    };
    let career = Career {
        horizon_years: c.number("career", "horizon_years")?,
        discount_rate: c.number("career", "discount_rate")?,
        raise: c.dist("career", "raise")?,
        tenure_years: c.dist("career", "tenure_years")?,
        job_change_bump: c.dist("career", "job_change_bump")?,
        anchor_persistence: c.number("career", "anchor_persistence")?,
        growth_premium: c.number("career", "growth_premium")?,
        role_value: c.number("career", "role_value")?,
    };
    let distress = Distress {
        offer: c.dist("distress", "offer")?,
        weeks: c.dist("distress", "weeks")?,
        fit: c.dist("distress", "fit")?,
    };
    let decision = Decision {
        small_gap: c.number("decision", "small_gap")?,
        strong_role: c.number("decision", "strong_role")?,
        walk_tolerance: c.number("decision", "walk_tolerance")?,
        max_runway_risk: c.number("decision", "max_runway_risk")?,
        toss_up: c.number("decision", "toss_up")?,
    };
    let reasons = Reasons {
        real: c.each(&REAL_REASONS, |k| c.flag("reasons", k))?,
        feelings: c.each(&FEELINGS, |k| c.flag("reasons", k))?,
    };
    let simulation = Simulation {
        paths: c.integer("simulation", "paths")?,
        seed: c.integer("simulation", "seed")?,
        frontier_paths: c.integer("simulation", "frontier_paths")?,
    };
    Some(Scenario {
        source: file.to_path_buf(),
        source_sha256: [0; 32],
        name: c.opt_text("", "name")?.unwrap_or_else(|| stem.clone()),
        stem,
        currency: c.opt_text("", "currency")?.expect("a default"),
        offer,
        candidate,
        market,
        counter,
        reengage,
        career,
        distress,
        decision,
        reasons,
        simulation,
        given: Vec::new(),
        sensitivity: Vec::new(),
    })
}

/// A computed number in a message: four significant digits.
fn short(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 || !a.is_finite() {
        format!("{x}")
    } else if !(1e-3..1e6).contains(&a) {
        format!("{x:.3e}")
    } else {
        let digits = (3 - a.log10().floor() as i32).clamp(0, 6) as usize;
        let s = format!("{x:.digits$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

/// Shortest search round, in weeks (lo of `market.search_weeks` times
/// `market.softness`): about 1.7 working hours.
pub const MIN_ROUND_WEEKS: f64 = 0.01;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::generate::template_with;
    use crate::scenario::keys::KeySpec;
    use std::path::PathBuf;

    fn parse(text: &str) -> Result<Scenario, ScenarioErrors> {
        parse_str(text, &PathBuf::from("dir/my-case.toml"))
    }

    const MINIMAL: &str =
        "[offer]\nbase = 100000\n[candidate]\nfloor = 120000\nrunway_months = 4\n";

    fn first_error(text: &str) -> String {
        parse(text).unwrap_err().0[0].to_string()
    }

    #[test]
    fn a_bonus_in_percent_is_refused_with_the_fraction() {
        let e = first_error(
            "[offer]\nbase = 1\nbonus_pct = 12\n[candidate]\nfloor = 1\nemployed = true\n",
        );
        assert!(e.contains("offer.bonus_pct: found 12;"), "{e}");
        assert!(
            e.ends_with("(did you mean 0.12? it is a fraction of base: 0.10 = 10%)"),
            "{e}"
        );
    }

    #[test]
    fn minimal_file_gets_every_default() {
        let s = parse(MINIMAL).unwrap();
        assert_eq!(s.name, "my-case");
        assert_eq!(s.stem, "my-case");
        assert_eq!(s.currency, "USD");
        assert_eq!(s.offer.bonus_pct, 0.0);
        assert_eq!(s.market.median_comp, 120000.0);
        assert_eq!(s.market.search_weeks, Dist::Ci90 { lo: 6.0, hi: 10.0 });
        assert_eq!(s.market.fit, Dist::Uniform { lo: 0.3, hi: 0.8 });
        assert_eq!(s.counter.meet, Dist::Uniform { lo: 0.3, hi: 1.0 });
        assert_eq!(s.reengage.probability, Dist::Uniform { lo: 0.15, hi: 0.20 });
        assert_eq!(s.career.horizon_years, 5.0);
        assert_eq!(s.career.anchor_persistence, 0.8);
        assert_eq!(s.distress.offer, Dist::Ci90 { lo: 0.75, hi: 0.92 });
        assert_eq!(s.decision.max_runway_risk, 0.20);
        assert_eq!(s.simulation.paths, 100_000);
        assert_eq!(s.simulation.seed, 42);
        assert_eq!(s.role_strength(), 0.5);
    }

    #[test]
    fn shorthand_takes_the_parameters_default_kind() {
        let s = parse(&format!(
            "{MINIMAL}[market]\nsearch_weeks = [4, 12]\nfit = [0.2, 0.9]\noffer = {{ uniform = [0.9, 1.0] }}\n"
        ))
        .unwrap();
        assert_eq!(s.market.search_weeks, Dist::Ci90 { lo: 4.0, hi: 12.0 });
        assert_eq!(s.market.fit, Dist::Uniform { lo: 0.2, hi: 0.9 });
        assert_eq!(s.market.offer, Dist::Uniform { lo: 0.9, hi: 1.0 });
    }

    #[test]
    fn discrete_distributions_keep_their_values_and_weights() {
        let s = parse(&format!(
            "{MINIMAL}[market]\noffer = {{ values = [0.9, 1, 1.1], weights = [1, 2, 1] }}\n\
             fit = {{ values = [0.25, 0.75] }}\nsearch_weeks = {{ values = [4, 8] }}\n"
        ))
        .unwrap();
        let Dist::Discrete(d) = &s.market.offer else {
            panic!("{:?}", s.market.offer)
        };
        assert_eq!(d.values(), [0.9, 1.0, 1.1]);
        assert_eq!(d.weights(), Some(&[1.0, 2.0, 1.0][..]));
        assert_eq!(d.cumulative(), [0.25, 0.75, 1.0]);
        assert!(d.source().is_none());
        let Dist::Discrete(d) = &s.market.fit else {
            panic!("{:?}", s.market.fit)
        };
        assert_eq!((d.weights(), d.cumulative()), (None, &[0.5, 1.0][..]));
        // A bounded key takes a discrete distribution inside its bounds (no
        // ci90 there), and a too-short round is caught from the smallest
        // value.
        let e = first_error(&format!(
            "{MINIMAL}[market]\nsearch_weeks = {{ values = [0.005, 8] }}\n"
        ));
        assert!(
            e.contains("market.search_weeks") && e.contains("the smallest value 0.005"),
            "{e}"
        );
    }

    #[test]
    fn sample_files_are_read_relative_to_the_scenario() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(
            dir.path().join("data/o.csv"),
            "who,ratio\na,0.9\nb,1.1\nc,1.0\n",
        )
        .unwrap();
        let file = dir.path().join("case.toml");
        let text = format!(
            "{MINIMAL}[market]\noffer = {{ samples = \"data/o.csv\", column = \"ratio\" }}\n"
        );
        let s = parse_str(&text, &file).unwrap();
        let Dist::Discrete(d) = &s.market.offer else {
            panic!("{:?}", s.market.offer)
        };
        // Sorted: the draw is the inverse of the distribution function.
        assert_eq!(d.values(), [0.9, 1.0, 1.1]);
        assert_eq!(d.cumulative(), [1.0 / 3.0, 2.0 / 3.0, 1.0]);
        let src = d.source().unwrap();
        assert_eq!(src.path, "data/o.csv");
        assert_eq!(src.file, dir.path().join("data/o.csv"));
        assert_eq!(src.column.as_deref(), Some("ratio"));
        assert_eq!(src.sha256.len(), 64);
        // The same text read from another folder does not find the file,
        // and says where it looked.
        let e = parse(&text).unwrap_err().0[0].to_string();
        assert!(
            e.starts_with("dir/my-case.toml: market.offer: data/o.csv: no such file (looked for dir/data/o.csv"),
            "{e}"
        );
    }

    #[test]
    fn role_strength_is_the_weighted_mean_of_scores() {
        let s = parse(&format!(
            "{MINIMAL}[offer.role]\nscope = 5\nmanager = 1\nweights = {{ scope = 3 }}\n"
        ))
        .unwrap();
        // scope (5-1)/4 = 1 weight 3; manager 0 weight 1; four others 0.5 weight 1.
        assert!((s.role_strength() - (3.0 + 0.0 + 4.0 * 0.5) / 8.0).abs() < 1e-15);
    }

    #[test]
    fn errors_name_the_file_and_the_key() {
        let e = first_error(&format!("{MINIMAL}[market]\nsearch_weeks = [10, 6]\n"));
        assert!(
            e.starts_with("dir/my-case.toml: market.search_weeks: "),
            "{e}"
        );
        assert!(e.contains("lo <= hi"), "{e}");
    }

    #[test]
    fn unknown_keys_are_rejected_with_a_suggestion() {
        let errors = parse("[offer]\nbase = 1\n[candidate]\nfloor = 2\nrunway_month = 3\n")
            .unwrap_err()
            .0;
        let e = errors
            .iter()
            .map(|e| e.to_string())
            .find(|e| e.contains("candidate.runway_month:"))
            .expect("the unknown key is reported");
        assert!(e.contains("did you mean `runway_months`"), "{e}");
        let e = first_error(&format!("{MINIMAL}[markt]\n"));
        assert!(
            e.contains("markt: unknown section (did you mean `market`?)"),
            "{e}"
        );
    }

    #[test]
    fn bounded_parameters_refuse_ci90_and_overreaching_uniforms() {
        let e = first_error(&format!(
            "{MINIMAL}[market]\nfit = {{ ci90 = [0.3, 0.8] }}\n"
        ));
        assert!(e.contains("market.fit") && e.contains("ci90"), "{e}");
        let e = first_error(&format!("{MINIMAL}[counter]\nmeet = [0.5, 1.2]\n"));
        assert!(
            e.contains("counter.meet") && e.contains("reaches outside"),
            "{e}"
        );
        let e = first_error(&format!("{MINIMAL}[market]\noffer = {{ ci90 = [0, 1] }}\n"));
        assert!(e.contains("lo > 0"), "{e}");
    }

    #[test]
    fn missing_required_keys_are_named() {
        let errors = parse("[offer]\nbase = 5\n[candidate]\n").unwrap_err().0;
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            text.iter().any(|e| e.contains("candidate.floor: missing")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.contains("candidate.runway_months: missing")),
            "{text:?}"
        );
    }

    #[test]
    fn employed_candidates_need_no_runway() {
        let s = parse(
            "[offer]\nbase = 1\n[candidate]\nfloor = 2\nemployed = true\ncurrent_comp = 1.5\n",
        )
        .unwrap();
        assert!(s.candidate.employed);
        assert_eq!(s.search_runway_months(), None);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let e = first_error("[offer]\nbase = 100000\nbonus_pct = = 0.1\n");
        assert!(e.starts_with("dir/my-case.toml: 3:"), "{e}");
        assert!(e.contains("syntax"), "{e}");
    }

    #[test]
    fn non_finite_and_out_of_range_numbers_are_refused() {
        let e = first_error(&format!("{MINIMAL}[market]\ngrowth = nan\n"));
        assert!(e.contains("market.growth") && e.contains("finite"), "{e}");
        let e = first_error(&format!("{MINIMAL}[counter]\nsuccess = 1.5\n"));
        assert!(
            e.contains("counter.success") && e.contains("between 0 and 1"),
            "{e}"
        );
        let e = first_error(&format!("{MINIMAL}[simulation]\npaths = 1e30\n"));
        assert!(
            e.contains("simulation.paths") && e.contains("whole number"),
            "{e}"
        );
        let e = first_error(&format!("{MINIMAL}[simulation]\nseed = -1\n"));
        assert!(e.contains("simulation.seed"), "{e}");
    }

    /// Found by fuzzing: `[offer.role]` without `base` made `role` look like a
    /// misspelt `base`, so the missing key went unreported and the file was
    /// refused with no message at all.
    #[test]
    fn a_known_key_is_never_taken_for_a_misspelling() {
        let errors =
            parse("[offer.role]\nscope = 5\n[candidate]\nfloor = 198000\nrunway_months = 9\n")
                .unwrap_err()
                .0;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].location.as_deref(), Some("offer.base"));
    }

    /// Values that no key of this kind accepts: the wrong type, then a
    /// number past each end of the bound.
    fn bad_values(k: &KeySpec) -> Vec<String> {
        let mut v = vec![match k.kind {
            Kind::Text { .. } => "1".to_string(),
            _ => "\"bad\"".to_string(),
        }];
        match k.kind {
            Kind::Number(b) | Kind::Dist(_, b) => {
                if b.lo.is_finite() {
                    v.push(format!("{}", b.lo - 1.0));
                }
                if b.hi.is_finite() {
                    v.push(format!("{}", b.hi + 1.0));
                }
            }
            Kind::Integer { min } => v.push(format!("{}", min as i64 - 1)),
            Kind::Text { max_chars } => {
                v.push("\" \"".into());
                v.push(format!("\"{}\"", "x".repeat(max_chars + 1)));
                v.push("\"a\\u001bb\"".into());
                v.push("\"a\\nb\"".into());
            }
            Kind::Bool => {}
        }
        v
    }

    /// The template with the given keys set to the given TOML text.
    fn template_setting(set: &[(&KeySpec, &str)]) -> String {
        template_with(&|k| {
            set.iter()
                .find(|(s, _)| s.section == k.section && s.name == k.name)
                .map(|(_, v)| v.to_string())
        })
    }

    fn locations(text: &str) -> Vec<String> {
        parse(text)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.location.clone().unwrap_or_default())
            .collect()
    }

    #[test]
    fn one_bad_value_is_one_message_naming_its_key() {
        assert!(parse(&template_setting(&[])).is_ok());
        for k in KEYS {
            for bad in bad_values(k) {
                let text = template_setting(&[(k, &bad)]);
                assert_eq!(
                    locations(&text),
                    [k.path()],
                    "`{} = {bad}` in the template",
                    k.path()
                );
            }
        }
        // The rules between keys report once too, at the key they name.
        let wish = &KEYS[spec_index("candidate", "wish")];
        let weeks = &KEYS[spec_index("market", "search_weeks")];
        assert_eq!(
            locations(&template_setting(&[(wish, "100")])),
            ["candidate.wish"]
        );
        assert_eq!(
            locations(&template_setting(&[(weeks, "0.001")])),
            ["market.search_weeks"]
        );
        let zero: Vec<(&KeySpec, &str)> = KEYS
            .iter()
            .filter(|k| k.section == "offer.role.weights")
            .map(|k| (k, "0"))
            .collect();
        assert_eq!(locations(&template_setting(&zero)), ["offer.role.weights"]);
    }

    #[test]
    fn two_bad_values_in_one_section_are_two_messages() {
        for a in KEYS {
            for b in KEYS
                .iter()
                .filter(|b| b.section == a.section && b.name > a.name)
            {
                let (va, vb) = (&bad_values(a)[0], &bad_values(b)[0]);
                let mut got = locations(&template_setting(&[(a, va), (b, vb)]));
                got.sort();
                let mut want = [a.path(), b.path()];
                want.sort();
                assert_eq!(got, want, "`{}` and `{}` both bad", a.path(), b.path());
            }
        }
    }

    /// Before every key was read, a refused value stopped its section: the
    /// keys after it were reported as unknown and their own mistakes hidden.
    #[test]
    fn a_refused_value_does_not_make_later_keys_unknown() {
        let text = format!("{MINIMAL}[counter]\nsuccess = 60\nrescind = 2\nweeks = 1\n");
        let errors = parse(&text).unwrap_err().0;
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text[0].contains("counter.success: found 60"), "{text:?}");
        assert!(text[1].contains("counter.rescind: found 2"), "{text:?}");
    }

    #[test]
    fn a_section_that_is_not_a_table_is_one_message() {
        let errors = parse("offer = 5\n[candidate]\nfloor = 2\nrunway_months = 3\n")
            .unwrap_err()
            .0;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("expected a table `[offer]`"));
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(suggestion("zzzzzzzz", &["floor", "wish"]), "");
        assert_eq!(suggestion("role", &["base"]), "");
        assert_eq!(
            suggestion("flor", &["floor", "wish"]),
            " (did you mean `floor`?)"
        );
    }
}
