//! The resolved inputs of a scenario: every declared key with the value the
//! model used, written as a scenario file would write it, whether the file
//! gave it, and where its default comes from. The reports' inputs tables,
//! `inputs.csv` and the `rerun` record in `run.json` all read this one list.

use std::sync::LazyLock;

use super::keys::{KEYS, KeySpec, Shape};
use super::{FEELINGS, REAL_REASONS, ROLE_SCORES, Scenario};
use crate::model::Dist;

/// Where a key's value comes from when the file leaves it out, read from
/// the key's declared `source` in `keys.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A number or rule of the article.
    Article,
    /// A choice of ours (the article says nothing, or only in words).
    Ours,
    /// The offer itself: only the user can know it.
    YourOffer,
}

impl Source {
    fn of(spec: &KeySpec) -> Source {
        if spec.source.starts_with("ours") {
            Source::Ours
        } else if spec.source.starts_with("your offer") {
            Source::YourOffer
        } else {
            Source::Article
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Article => "article",
            Source::Ours => "ours",
            Source::YourOffer => "your offer",
        }
    }
}

/// One key as the model used it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedInput {
    /// The key's path as `keys.rs` declares it: `candidate.floor`.
    pub key: &'static str,
    /// The value as a scenario file would write it (valid TOML), or empty
    /// when the key has no value (an optional key left out).
    pub value: String,
    /// The file wrote this key; otherwise a default or a computed value.
    pub given: bool,
    pub source: Source,
    /// The declaration's full note on the source.
    pub source_note: &'static str,
}

/// Every key's path, in the order of [`KEYS`].
pub fn key_paths() -> &'static [String] {
    static PATHS: LazyLock<Vec<String>> = LazyLock::new(|| KEYS.iter().map(|k| k.path()).collect());
    &PATHS
}

/// Every declared key of `s`, in the order of [`KEYS`].
pub fn inputs(s: &Scenario) -> Vec<ResolvedInput> {
    KEYS.iter()
        .zip(key_paths())
        .enumerate()
        .map(|(i, (spec, path))| ResolvedInput {
            key: path.as_str(),
            value: value_of(s, spec).unwrap_or_default(),
            given: s.given.get(i).copied().unwrap_or(false),
            source: Source::of(spec),
            source_note: spec.source,
        })
        .collect()
}

/// A number as TOML writes it: the shortest decimal that reads back as the
/// same f64 (the scenario bounds keep every value far inside what TOML's
/// integers hold when it has no fraction).
fn number(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    format!("{x}")
}

fn text(t: &str) -> String {
    toml::Value::String(t.to_string()).to_string()
}

fn list(xs: &[f64]) -> String {
    let items: Vec<String> = xs.iter().map(|x| number(*x)).collect();
    format!("[{}]", items.join(", "))
}

fn dist(d: &Dist, shape: Shape) -> String {
    let pair = |lo: f64, hi: f64| format!("[{}, {}]", number(lo), number(hi));
    match d {
        Dist::Fixed(x) => number(*x),
        Dist::Uniform { lo, hi } if shape == Shape::Uniform => pair(*lo, *hi),
        Dist::Ci90 { lo, hi } if shape == Shape::Ci90 => pair(*lo, *hi),
        Dist::Uniform { lo, hi } => format!("{{ uniform = {} }}", pair(*lo, *hi)),
        Dist::Ci90 { lo, hi } => format!("{{ ci90 = {} }}", pair(*lo, *hi)),
        Dist::Discrete(d) => match d.source() {
            Some(src) => match &src.column {
                Some(c) => format!("{{ samples = {}, column = {} }}", text(&src.path), text(c)),
                None => format!("{{ samples = {} }}", text(&src.path)),
            },
            None => match d.weights() {
                Some(w) => format!("{{ values = {}, weights = {} }}", list(d.values()), list(w)),
                None => format!("{{ values = {} }}", list(d.values())),
            },
        },
    }
}

/// The value `s` holds for `spec`, `None` for an optional key left out.
fn value_of(s: &Scenario, spec: &KeySpec) -> Option<String> {
    let n = |x: f64| Some(number(x));
    let b = |x: bool| Some(x.to_string());
    let d = |x: &Dist| match spec.kind {
        super::keys::Kind::Dist(shape, _) => Some(dist(x, shape)),
        _ => unreachable!("`{}` is not a distribution", spec.path()),
    };
    let score = |names: &[&str; 6], xs: &[f64; 6]| {
        let i = names.iter().position(|k| *k == spec.name)?;
        n(xs[i])
    };
    let flag = |names: &[&str; 5], xs: &[bool; 5]| {
        let i = names.iter().position(|k| *k == spec.name)?;
        b(xs[i])
    };
    let (o, c, m) = (&s.offer, &s.candidate, &s.market);
    let (k, r, car, dis, dec) = (&s.counter, &s.reengage, &s.career, &s.distress, &s.decision);
    match (spec.section, spec.name) {
        ("", "name") => Some(text(&s.name)),
        ("", "currency") => Some(text(&s.currency)),
        ("offer", "base") => n(o.base),
        ("offer", "bonus_pct") => n(o.bonus_pct),
        ("offer", "equity_per_year") => n(o.equity_per_year),
        ("offer", "sign_on") => n(o.sign_on),
        ("offer.role", "strength") => o.role.strength.map(number),
        ("offer.role", _) => score(&ROLE_SCORES, &o.role.scores),
        ("offer.role.weights", _) => score(&ROLE_SCORES, &o.role.weights),
        ("candidate", "floor") => n(c.floor),
        ("candidate", "wish") => c.wish.map(number),
        ("candidate", "runway_months") => c.runway_months.map(number),
        ("candidate", "employed") => b(c.employed),
        ("candidate", "current_comp") => n(c.current_comp),
        ("market", "median_comp") => n(m.median_comp),
        ("market", "growth") => n(m.growth),
        ("market", "softness") => n(m.softness),
        ("market", "search_weeks") => d(&m.search_weeks),
        ("market", "offer") => d(&m.offer),
        ("market", "fit") => d(&m.fit),
        ("counter", "success") => n(k.success),
        ("counter", "meet") => d(&k.meet),
        ("counter", "rescind") => n(k.rescind),
        ("counter", "weeks") => n(k.weeks),
        ("counter", "min_ask") => n(k.min_ask),
        ("reengage", "probability") => d(&r.probability),
        ("reengage", "months") => d(&r.months),
        ("reengage", "uplift") => d(&r.uplift),
        ("reengage", "switch_threshold") => n(r.switch_threshold),
        ("career", "horizon_years") => n(car.horizon_years),
        ("career", "discount_rate") => n(car.discount_rate),
        ("career", "raise") => d(&car.raise),
        ("career", "tenure_years") => d(&car.tenure_years),
        ("career", "job_change_bump") => d(&car.job_change_bump),
        ("career", "anchor_persistence") => n(car.anchor_persistence),
        ("career", "growth_premium") => n(car.growth_premium),
        ("career", "role_value") => n(car.role_value),
        ("distress", "offer") => d(&dis.offer),
        ("distress", "weeks") => d(&dis.weeks),
        ("distress", "fit") => d(&dis.fit),
        ("decision", "small_gap") => n(dec.small_gap),
        ("decision", "strong_role") => n(dec.strong_role),
        ("decision", "walk_tolerance") => n(dec.walk_tolerance),
        ("decision", "max_runway_risk") => n(dec.max_runway_risk),
        ("decision", "toss_up") => n(dec.toss_up),
        ("reasons", _) => {
            flag(&REAL_REASONS, &s.reasons.real).or_else(|| flag(&FEELINGS, &s.reasons.feelings))
        }
        ("simulation", "paths") => Some(s.simulation.paths.to_string()),
        ("simulation", "seed") => Some(s.simulation.seed.to_string()),
        ("simulation", "frontier_paths") => Some(s.simulation.frontier_paths.to_string()),
        _ => unreachable!("`{}` has no field in Scenario", spec.path()),
    }
}

/// The scenario file that gives every resolved input of `s`: read back, it
/// is `s` again (apart from where it was read from). Optional keys left
/// out stay out; `name` is written, so the stem of the file read does not
/// matter.
pub fn resolved_toml(s: &Scenario) -> String {
    let inputs = inputs(s);
    toml_of(KEYS.iter().zip(inputs.iter().map(|i| i.value.as_str())))
}

/// A scenario file of `values`, each the TOML text of its key, in the
/// order of [`KEYS`]: each key under its section; an empty value is left
/// out.
pub(crate) fn toml_of<'a>(values: impl Iterator<Item = (&'static KeySpec, &'a str)>) -> String {
    let mut out = String::new();
    let mut section = None;
    for (spec, value) in values {
        if value.is_empty() {
            continue;
        }
        if section != Some(spec.section) {
            section = Some(spec.section);
            if !spec.section.is_empty() {
                out.push_str(&format!("\n[{}]\n", spec.section));
            }
        }
        out.push_str(&format!("{} = {}\n", spec.name, value));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::scenario::parse_str;

    const MINIMAL: &str =
        "[offer]\nbase = 150000\n[candidate]\nfloor = 165000\nrunway_months = 6\n";

    #[test]
    fn given_marks_exactly_the_keys_the_file_wrote() {
        let s = parse_str(
            "currency = \"EUR\"\n[offer]\nbase = 150000\n[offer.role]\nweights = { growth = 2 }\n\
             [candidate]\nfloor = 165000\nrunway_months = 6\n",
            Path::new("a.toml"),
        )
        .unwrap();
        let given: Vec<&str> = inputs(&s)
            .into_iter()
            .filter(|i| i.given)
            .map(|i| i.key)
            .collect();
        assert_eq!(
            given,
            [
                "currency",
                "offer.base",
                "offer.role.weights.growth",
                "candidate.floor",
                "candidate.runway_months"
            ]
        );
    }

    #[test]
    fn values_are_written_as_a_file_writes_them() {
        let s = parse_str(
            "[offer]\nbase = 150000\nbonus_pct = 0.1\n[candidate]\nfloor = 165000\n\
             employed = true\n[market]\nsearch_weeks = { uniform = [4, 8] }\n\
             offer = { values = [0.9, 1.2], weights = [3, 1] }\n",
            Path::new("dir/b.toml"),
        )
        .unwrap();
        let all = inputs(&s);
        let v = |k: &str| all.iter().find(|i| i.key == k).unwrap().value.clone();
        assert_eq!(v("name"), "\"b\"");
        assert_eq!(v("offer.base"), "150000");
        assert_eq!(v("offer.bonus_pct"), "0.1");
        // Left out and without a value: empty.
        assert_eq!(v("candidate.runway_months"), "");
        assert_eq!(v("offer.role.strength"), "");
        // Computed: the floor.
        assert_eq!(v("market.median_comp"), "165000");
        // The key's own shape is written as a pair; another shape by name.
        assert_eq!(v("market.search_weeks"), "{ uniform = [4, 8] }");
        assert_eq!(v("career.tenure_years"), "[2, 4]");
        assert_eq!(
            v("market.offer"),
            "{ values = [0.9, 1.2], weights = [3, 1] }"
        );
        let src = |k: &str| all.iter().find(|i| i.key == k).unwrap().source;
        assert_eq!(src("offer.base"), Source::YourOffer);
        assert_eq!(src("market.search_weeks"), Source::Article);
        assert_eq!(src("simulation.seed"), Source::Ours);
    }

    #[test]
    fn the_resolved_file_reads_back_as_the_same_scenario() {
        for text in [
            MINIMAL,
            crate::scenario::TEMPLATE,
            "name = \"Quote \\\" and é\"\n[offer]\nbase = 123456.789\nbonus_pct = 0.15\n\
             [offer.role]\nstrength = 0.7\n[candidate]\nfloor = 0.3\nwish = 1e11\n\
             runway_months = 0\n[career]\nraise = { ci90 = [0.01, 0.07] }\n\
             job_change_bump = { values = [-0.1, 0.3] }\n[reasons]\ntired = true\n",
        ] {
            let s = parse_str(text, Path::new("x.toml")).unwrap();
            let again = parse_str(&resolved_toml(&s), Path::new("x.toml")).unwrap();
            let mut b = again;
            b.source_sha256 = s.source_sha256;
            b.given.clone_from(&s.given);
            assert_eq!(s, b, "{}", resolved_toml(&s));
        }
    }
}
