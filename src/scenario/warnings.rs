//! Plausibility warnings: a scenario that is valid but probably not what
//! its author meant (a floor typed in thousands, a bonus typed in percent,
//! the template's example numbers left in). Each check is one row of
//! [`CHECKS`] with its likely fix; a run shows them and goes on, and
//! `--strict` refuses the scenario instead.

use super::keys::{IfAbsent, KEYS, num};
use super::{Scenario, ScenarioError, inputs};

/// One check that fired: its code (the `warnings` cell of verdicts.csv),
/// the key to look at, what looks wrong and the likely fix.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub code: &'static str,
    pub key: &'static str,
    pub message: String,
    pub fix: String,
}

impl Warning {
    /// The warning as an error of the scenario's file (for `--strict`).
    pub fn to_error(&self, s: &Scenario) -> ScenarioError {
        ScenarioError {
            file: s.source.clone(),
            location: Some(self.key.to_string()),
            message: format!("{}; {}", self.message, self.fix),
        }
    }
}

/// A plausibility check: `code`, and a test that returns the warning's key,
/// message and fix when the scenario looks wrong.
pub struct Check {
    pub code: &'static str,
    pub test: fn(&Scenario) -> Option<(&'static str, String, String)>,
}

/// How far apart the floor and the base may be before one of them looks
/// typed in other units: a floor three times the offer, or a third of it,
/// is no longer a negotiation about the same job.
pub const MAX_FLOOR_BASE_RATIO: f64 = 3.0;

/// Every check, in the order warnings are shown.
pub const CHECKS: &[Check] = &[
    Check {
        code: "floor_vs_base",
        test: floor_vs_base,
    },
    Check {
        code: "bonus_as_percent",
        test: bonus_as_percent,
    },
    Check {
        code: "employed_without_pay",
        test: employed_without_pay,
    },
    Check {
        code: "template_values",
        test: template_values,
    },
];

/// The warnings of `s`, in the order of [`CHECKS`].
pub fn warnings(s: &Scenario) -> Vec<Warning> {
    CHECKS
        .iter()
        .filter_map(|c| {
            (c.test)(s).map(|(key, message, fix)| Warning {
                code: c.code,
                key,
                message,
                fix,
            })
        })
        .collect()
}

/// Floor and base more than [`MAX_FLOOR_BASE_RATIO`] apart: the smaller
/// was most likely typed in thousands.
fn floor_vs_base(s: &Scenario) -> Option<(&'static str, String, String)> {
    let (floor, base) = (s.candidate.floor, s.offer.base);
    let ratio = floor.max(base) / floor.min(base);
    if ratio <= MAX_FLOOR_BASE_RATIO {
        return None;
    }
    let (key, small, other) = if floor < base {
        ("candidate.floor", floor, base)
    } else {
        ("offer.base", base, floor)
    };
    let message = format!(
        "candidate.floor = {floor} and offer.base = {base} differ by a factor of {}",
        short_ratio(ratio)
    );
    let scaled = small * 1000.0;
    let fix = if scaled.max(other) / scaled.min(other) <= MAX_FLOOR_BASE_RATIO {
        format!(
            "did you mean {key} = {scaled}? Both are yearly amounts in full units, not \
             thousands"
        )
    } else {
        "check that both are yearly amounts in the same currency and in full units".into()
    };
    Some((key, message, fix))
}

/// A bonus share above 1 (more than 100% of base): most likely a percent.
fn bonus_as_percent(s: &Scenario) -> Option<(&'static str, String, String)> {
    let b = s.offer.bonus_pct;
    (b > 1.0).then(|| {
        (
            "offer.bonus_pct",
            format!(
                "offer.bonus_pct = {} is a bonus of {}% of base",
                num(b),
                num(b * 100.0)
            ),
            format!(
                "did you mean {}? bonus_pct is a fraction of base (0.10 = 10%)",
                num(b / 100.0)
            ),
        )
    })
}

/// Employed, yet paid nothing while searching.
fn employed_without_pay(s: &Scenario) -> Option<(&'static str, String, String)> {
    let c = &s.candidate;
    (c.employed && c.current_comp == 0.0).then(|| {
        (
            "candidate.current_comp",
            "employed = true with current_comp = 0: the current job pays nothing while you \
             search"
                .to_string(),
            "set candidate.current_comp to the yearly pay of your current job, or set \
             employed = false and give runway_months"
                .to_string(),
        )
    })
}

/// Every required key the file gave still holds the template's example.
fn template_values(s: &Scenario) -> Option<(&'static str, String, String)> {
    let values = inputs(s);
    let mut same = Vec::new();
    for (k, input) in KEYS.iter().zip(&values) {
        let example = match k.absent {
            IfAbsent::Required { example } | IfAbsent::RequiredUnless { example, .. } => example,
            _ => continue,
        };
        if input.value.is_empty() {
            continue;
        }
        if input.value != example {
            return None;
        }
        same.push(format!("{} = {}", input.key, example));
    }
    (!same.is_empty()).then(|| {
        (
            "offer.base",
            format!("{} are still the template's examples", same.join(", ")),
            "write your own offer, floor and runway".to_string(),
        )
    })
}

fn short_ratio(r: f64) -> String {
    if r >= 100.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::scenario::parse_str;

    fn codes(text: &str) -> Vec<&'static str> {
        let s = parse_str(text, Path::new("w.toml")).unwrap();
        warnings(&s).into_iter().map(|w| w.code).collect()
    }

    fn file(base: &str, floor: &str, extra: &str) -> String {
        format!(
            "[offer]\nbase = {base}\n{extra}\n[candidate]\nfloor = {floor}\nrunway_months = 7\n"
        )
    }

    #[test]
    fn a_floor_in_thousands_warns_with_the_full_number() {
        let s = parse_str(&file("150000", "155", ""), Path::new("w.toml")).unwrap();
        let w = warnings(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].key, "candidate.floor");
        assert!(
            w[0].fix
                .starts_with("did you mean candidate.floor = 155000?"),
            "{}",
            w[0].fix
        );
        // A base in thousands names the base.
        let s = parse_str(&file("150", "155000", ""), Path::new("w.toml")).unwrap();
        assert!(
            warnings(&s)[0]
                .fix
                .starts_with("did you mean offer.base = 150000?")
        );
        // Apart but not by a factor of 1000: no guess.
        let s = parse_str(&file("10000", "155000", ""), Path::new("w.toml")).unwrap();
        assert!(warnings(&s)[0].fix.starts_with("check that both"));
    }

    #[test]
    fn the_ratio_threshold_is_three_either_way() {
        assert!(codes(&file("50000", "150000", "")).is_empty());
        assert_eq!(codes(&file("49999", "150000", "")), ["floor_vs_base"]);
        assert!(codes(&file("450000", "150000", "")).is_empty());
        assert_eq!(codes(&file("450001", "150000", "")), ["floor_vs_base"]);
    }

    #[test]
    fn a_bonus_in_percent_warns_with_the_fraction() {
        assert!(codes(&file("150000", "160000", "bonus_pct = 1")).is_empty());
        let s = parse_str(
            &file("150000", "160000", "bonus_pct = 1.2"),
            Path::new("w.toml"),
        )
        .unwrap();
        let w = warnings(&s);
        assert_eq!(w[0].code, "bonus_as_percent");
        assert!(w[0].fix.starts_with("did you mean 0.012?"), "{}", w[0].fix);
    }

    #[test]
    fn employed_without_pay_warns_only_when_employed() {
        let employed = |pay: &str| {
            format!(
                "[offer]\nbase = 150000\n[candidate]\nfloor = 160000\nemployed = true\n\
                 current_comp = {pay}\n"
            )
        };
        assert_eq!(codes(&employed("0")), ["employed_without_pay"]);
        assert!(codes(&employed("140000")).is_empty());
        assert!(codes(&file("150000", "160000", "")).is_empty());
    }

    #[test]
    fn the_untouched_template_warns_and_one_edit_silences_it() {
        assert_eq!(codes(crate::scenario::TEMPLATE), ["template_values"]);
        assert!(codes(&file("150000", "165000", "")).is_empty(), "runway 7");
        let edited = crate::scenario::TEMPLATE.replace("base = 150000", "base = 151000");
        assert!(codes(&edited).is_empty());
    }
}
