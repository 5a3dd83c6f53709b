//! Editing one numeric input of a [`Scenario`] by its key path
//! (`market.softness`, `career.raise`): what `sweep` and the tornado vary.
//! The inputs are exactly the number and distribution keys of
//! [`KEYS`](super::keys::KEYS); [`slot`] maps each to its field, and a test
//! walks the declarations so the two cannot drift apart.

use super::keys::{Bound, KEYS, KeySpec, Kind, MAX_CI90_RATIO, Shape, num};
use super::read::{MIN_ROUND_WEEKS, suggestion};
use super::schema::{ROLE_SCORES, Scenario};
use crate::model::Dist;
use crate::model::dist::{Discrete, ci90_range, lognormal_params};

/// What to do to an input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// Becomes this number (a distribution becomes a fixed number).
    Set(f64),
    /// Multiplied: a number, both ends of a range, every value of a
    /// discrete distribution or sample file.
    Scale(f64),
    /// Added, in the same places as [`Change::Scale`] multiplies.
    Shift(f64),
    /// Held at its p-th quantile (`p` in (0, 1)) on every path: a
    /// distribution becomes that fixed number; a number stays as it is.
    Percentile(f64),
}

/// An input's value: a plain number or a distribution.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Number(f64),
    Dist(Dist),
}

impl Input {
    /// As a scenario file would write it: `0.6`, `{ ci90 = [6, 10] }`.
    pub fn as_toml(&self) -> String {
        match self {
            Input::Number(x) | Input::Dist(Dist::Fixed(x)) => num(*x),
            Input::Dist(Dist::Uniform { lo, hi }) => {
                format!("{{ uniform = [{}, {}] }}", num(*lo), num(*hi))
            }
            Input::Dist(Dist::Ci90 { lo, hi }) => {
                format!("{{ ci90 = [{}, {}] }}", num(*lo), num(*hi))
            }
            Input::Dist(Dist::Discrete(d)) => {
                let list = |xs: &[f64]| xs.iter().map(|x| num(*x)).collect::<Vec<_>>().join(", ");
                match d.weights() {
                    None => format!("{{ values = [{}] }}", list(d.values())),
                    Some(w) => format!(
                        "{{ values = [{}], weights = [{}] }}",
                        list(d.values()),
                        list(w)
                    ),
                }
            }
        }
    }

    /// The plain number, if it is one (a fixed distribution included).
    pub fn number(&self) -> Option<f64> {
        match self {
            Input::Number(x) | Input::Dist(Dist::Fixed(x)) => Some(*x),
            Input::Dist(_) => None,
        }
    }
}

/// Why an input cannot be edited as asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("unknown key `{key}`{hint}; give a key as section.name, e.g. market.softness")]
    Unknown { key: String, hint: String },
    #[error("`{key}` is {what}; only inputs given as numbers or distributions can be varied")]
    NotNumeric { key: String, what: &'static str },
    #[error("`{key}` is not set in this scenario, so there is nothing to vary")]
    NotSet { key: String },
    #[error("`{key}` = {value} leaves its bounds: {why}")]
    OutOfBounds {
        key: String,
        value: String,
        why: String,
    },
}

/// The declaration of a numeric input, or why `path` is none.
pub fn numeric_key(path: &str) -> Result<&'static KeySpec, EditError> {
    let Some(k) = KEYS.iter().find(|k| k.path() == path) else {
        let paths: Vec<String> = KEYS.iter().map(|k| k.path()).collect();
        let known: Vec<&str> = paths.iter().map(String::as_str).collect();
        return Err(EditError::Unknown {
            key: path.to_string(),
            hint: suggestion(path, &known),
        });
    };
    match k.kind {
        Kind::Number(_) | Kind::Dist(..) => Ok(k),
        Kind::Integer { .. } => Err(not_numeric(k, "a whole-number setting")),
        Kind::Bool => Err(not_numeric(k, "a true/false flag")),
        Kind::Text { .. } => Err(not_numeric(k, "a text")),
    }
}

fn not_numeric(k: &KeySpec, what: &'static str) -> EditError {
    EditError::NotNumeric {
        key: k.path(),
        what,
    }
}

/// Where an input lives in the typed scenario.
enum Slot<'a> {
    Number(&'a mut f64),
    /// A number the file may leave out.
    Optional(&'a mut Option<f64>),
    Dist(&'a mut Dist),
}

/// The field of every numeric key: the one place that maps key paths to
/// fields (`every_numeric_key_is_editable` checks it against KEYS).
fn slot<'a>(s: &'a mut Scenario, k: &KeySpec) -> Option<Slot<'a>> {
    use Slot::*;
    let score = |name: &str| ROLE_SCORES.iter().position(|n| *n == name);
    Some(match (k.section, k.name) {
        ("offer", "base") => Number(&mut s.offer.base),
        ("offer", "bonus_pct") => Number(&mut s.offer.bonus_pct),
        ("offer", "equity_per_year") => Number(&mut s.offer.equity_per_year),
        ("offer", "sign_on") => Number(&mut s.offer.sign_on),
        ("offer.role", "strength") => Optional(&mut s.offer.role.strength),
        ("offer.role", name) => Number(&mut s.offer.role.scores[score(name)?]),
        ("offer.role.weights", name) => Number(&mut s.offer.role.weights[score(name)?]),
        ("candidate", "floor") => Number(&mut s.candidate.floor),
        ("candidate", "wish") => Optional(&mut s.candidate.wish),
        ("candidate", "runway_months") => Optional(&mut s.candidate.runway_months),
        ("candidate", "current_comp") => Number(&mut s.candidate.current_comp),
        ("market", "median_comp") => Number(&mut s.market.median_comp),
        ("market", "growth") => Number(&mut s.market.growth),
        ("market", "softness") => Number(&mut s.market.softness),
        ("market", "search_weeks") => Dist(&mut s.market.search_weeks),
        ("market", "offer") => Dist(&mut s.market.offer),
        ("market", "fit") => Dist(&mut s.market.fit),
        ("counter", "success") => Number(&mut s.counter.success),
        ("counter", "meet") => Dist(&mut s.counter.meet),
        ("counter", "rescind") => Number(&mut s.counter.rescind),
        ("counter", "weeks") => Number(&mut s.counter.weeks),
        ("counter", "min_ask") => Number(&mut s.counter.min_ask),
        ("reengage", "probability") => Dist(&mut s.reengage.probability),
        ("reengage", "months") => Dist(&mut s.reengage.months),
        ("reengage", "uplift") => Dist(&mut s.reengage.uplift),
        ("reengage", "switch_threshold") => Number(&mut s.reengage.switch_threshold),
        ("career", "horizon_years") => Number(&mut s.career.horizon_years),
        ("career", "discount_rate") => Number(&mut s.career.discount_rate),
        ("career", "raise") => Dist(&mut s.career.raise),
        ("career", "tenure_years") => Dist(&mut s.career.tenure_years),
        ("career", "job_change_bump") => Dist(&mut s.career.job_change_bump),
        ("career", "anchor_persistence") => Number(&mut s.career.anchor_persistence),
        ("career", "growth_premium") => Number(&mut s.career.growth_premium),
        ("career", "role_value") => Number(&mut s.career.role_value),
        ("distress", "offer") => Dist(&mut s.distress.offer),
        ("distress", "weeks") => Dist(&mut s.distress.weeks),
        ("distress", "fit") => Dist(&mut s.distress.fit),
        ("decision", "small_gap") => Number(&mut s.decision.small_gap),
        ("decision", "strong_role") => Number(&mut s.decision.strong_role),
        ("decision", "walk_tolerance") => Number(&mut s.decision.walk_tolerance),
        ("decision", "max_runway_risk") => Number(&mut s.decision.max_runway_risk),
        ("decision", "toss_up") => Number(&mut s.decision.toss_up),
        _ => return None,
    })
}

/// The bound every value of the key must keep.
fn bound_of(k: &KeySpec) -> Bound {
    match k.kind {
        Kind::Number(b) | Kind::Dist(_, b) => b,
        _ => unreachable!("only numeric keys reach here"),
    }
}

/// The input's current value. Role strength left to the scores reads as
/// the strength they give.
pub fn get(s: &Scenario, k: &KeySpec) -> Result<Input, EditError> {
    let strength = s.role_strength();
    let mut copy = s.clone();
    match slot(&mut copy, k).ok_or_else(|| not_numeric(k, "not an input of the model"))? {
        Slot::Number(x) => Ok(Input::Number(*x)),
        Slot::Optional(Some(x)) => Ok(Input::Number(*x)),
        Slot::Optional(None) if k.section == "offer.role" => Ok(Input::Number(strength)),
        Slot::Optional(None) => Err(EditError::NotSet { key: k.path() }),
        Slot::Dist(d) => Ok(Input::Dist(d.clone())),
    }
}

/// `x` after `change` (a number held at a percentile is itself).
fn change_number(x: f64, change: Change) -> f64 {
    match change {
        Change::Set(v) => v,
        Change::Scale(f) => x * f,
        Change::Shift(d) => x + d,
        Change::Percentile(_) => x,
    }
}

/// The value `change` makes of `value`, before any bound is checked.
pub fn changed(value: &Input, change: Change) -> Input {
    let d = match value {
        Input::Number(x) => return Input::Number(change_number(*x, change)),
        Input::Dist(d) => d,
    };
    let each = |f: &dyn Fn(f64) -> f64| match d {
        Dist::Fixed(x) => Dist::Fixed(f(*x)),
        Dist::Uniform { lo, hi } => Dist::Uniform {
            lo: f(*lo),
            hi: f(*hi),
        },
        Dist::Ci90 { lo, hi } => Dist::Ci90 {
            lo: f(*lo),
            hi: f(*hi),
        },
        Dist::Discrete(x) => {
            let values = x.values().iter().map(|v| f(*v)).collect();
            let weights = x.weights().map(<[f64]>::to_vec);
            // The same number of finite values with the same weights: the
            // checks of `Discrete::new` that held still hold, unless a value
            // overflowed, which the bound check below refuses anyway.
            Dist::Discrete(Discrete::new(values, weights).unwrap_or_else(|_| x.clone()))
        }
    };
    Input::Dist(match change {
        Change::Set(v) => Dist::Fixed(v),
        Change::Scale(f) => each(&|x| x * f),
        Change::Shift(s) => each(&|x| x + s),
        Change::Percentile(p) => Dist::Fixed(percentile(d, p)),
    })
}

/// The `p`-th quantile of `d` (`p` in (0, 1)): for a discrete distribution
/// the smallest value whose cumulative probability reaches `p`.
pub fn percentile(d: &Dist, p: f64) -> f64 {
    match d {
        Dist::Fixed(x) => *x,
        Dist::Uniform { lo, hi } => lo + p * (hi - lo),
        Dist::Ci90 { lo, hi } => {
            let (mu, sigma) = lognormal_params(*lo, *hi);
            (mu + sigma * normal_quantile(p)).exp()
        }
        Dist::Discrete(x) => {
            let i = x.cumulative().partition_point(|&c| c < p);
            x.values()[i.min(x.values().len() - 1)]
        }
    }
}

/// The standard normal quantile, by Acklam's rational approximation
/// (relative error below 1.2e-9, far under any simulation's noise).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    const P_LOW: f64 = 0.024_25;
    if p < P_LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - P_LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// Why `value` is not allowed for the key (the reader's checks of one
/// value), or `None` when it is.
pub fn out_of_bounds(k: &KeySpec, value: &Input) -> Option<String> {
    let b = bound_of(k);
    let allowed = b.describe();
    let outside = |x: f64| (!b.contains(x)).then(|| format!("{} is not {allowed}", num(x)));
    match value {
        Input::Number(x) | Input::Dist(Dist::Fixed(x)) => outside(*x),
        Input::Dist(Dist::Uniform { lo, hi }) => outside(*lo).or_else(|| outside(*hi)),
        Input::Dist(Dist::Discrete(d)) => {
            let (lo, hi) = d.range();
            outside(lo).or_else(|| outside(hi))
        }
        Input::Dist(Dist::Ci90 { lo, hi }) => {
            if *lo <= 0.0 {
                return Some(format!("a ci90 needs lo > 0, found {}", num(*lo)));
            }
            if let Some(why) = outside(*lo).or_else(|| outside(*hi)) {
                return Some(why);
            }
            if *hi > lo * MAX_CI90_RATIO {
                return Some(format!(
                    "a ci90 spans at most a factor of {}",
                    num(MAX_CI90_RATIO)
                ));
            }
            let (least, most) = ci90_range(*lo, *hi);
            outside(least)
                .or_else(|| outside(most))
                .map(|why| format!("its draws reach {why}"))
        }
    }
}

/// The nearest allowed number to `x` (an open end is approached by one
/// step of the float grid).
fn clamp_number(b: &Bound, x: f64) -> f64 {
    if x < b.lo || (b.lo_open && x <= b.lo) {
        if b.lo_open { b.lo.next_up() } else { b.lo }
    } else if x > b.hi || (b.hi_open && x >= b.hi) {
        if b.hi_open { b.hi.next_down() } else { b.hi }
    } else {
        x
    }
}

/// `value` moved inside the key's bound, and whether it had to move. Only
/// plain numbers are clamped; a distribution outside its bound is returned
/// as it is, and [`put`] refuses it.
pub fn clamp(k: &KeySpec, value: Input) -> (Input, bool) {
    let b = bound_of(k);
    match value {
        Input::Number(x) => {
            let c = clamp_number(&b, x);
            (Input::Number(c), c != x)
        }
        Input::Dist(Dist::Fixed(x)) => {
            let c = clamp_number(&b, x);
            (Input::Dist(Dist::Fixed(c)), c != x)
        }
        other => (other, false),
    }
}

/// Writes `value` into the key's field after checking its bound (and the
/// shortest search round, the one check that spans two keys it can move).
pub fn put(s: &mut Scenario, k: &KeySpec, value: Input) -> Result<(), EditError> {
    let refuse = |why: String| EditError::OutOfBounds {
        key: k.path(),
        value: value.as_toml(),
        why,
    };
    if let Some(why) = out_of_bounds(k, &value) {
        return Err(refuse(why));
    }
    if let Kind::Dist(Shape::Uniform, _) = k.kind
        && let Input::Dist(Dist::Ci90 { .. }) = value
    {
        return Err(refuse("this key takes a uniform range, not a ci90".into()));
    }
    let mut edited = s.clone();
    match (
        slot(&mut edited, k).ok_or_else(|| not_numeric(k, "not an input"))?,
        &value,
    ) {
        (Slot::Number(f), Input::Number(x)) => *f = *x,
        (Slot::Optional(f), Input::Number(x)) => *f = Some(*x),
        (Slot::Dist(f), Input::Dist(d)) => *f = d.clone(),
        (Slot::Dist(f), Input::Number(x)) => *f = Dist::Fixed(*x),
        (_, Input::Dist(_)) => {
            return Err(refuse("this key takes a number, not a distribution".into()));
        }
    }
    let shortest = match &edited.market.search_weeks {
        Dist::Fixed(x) => *x,
        Dist::Uniform { lo, .. } => *lo,
        Dist::Ci90 { lo, hi } => ci90_range(*lo, *hi).0,
        Dist::Discrete(d) => d.range().0,
    } * edited.market.softness;
    if shortest < MIN_ROUND_WEEKS {
        return Err(refuse(format!(
            "search rounds as short as {} weeks (search_weeks x softness) are too short to \
             simulate; the shortest allowed is {MIN_ROUND_WEEKS}",
            num(shortest)
        )));
    }
    *s = edited;
    Ok(())
}

/// Applies `change` to the input `key` of `s`, refusing a value outside the
/// key's bounds (`s` is then left as it was).
pub fn edit(s: &mut Scenario, key: &str, change: Change) -> Result<(), EditError> {
    let k = numeric_key(key)?;
    let value = changed(&get(s, k)?, change);
    put(s, k, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse_str;
    use std::path::Path;

    fn scenario(extra: &str) -> Scenario {
        let text = format!(
            "[offer]\nbase = 150000\n[candidate]\nfloor = 165000\nrunway_months = 6\n\
             wish = 180000\n{extra}"
        );
        parse_str(&text, Path::new("s.toml")).unwrap()
    }

    fn numeric_keys() -> impl Iterator<Item = &'static KeySpec> {
        KEYS.iter()
            .filter(|k| matches!(k.kind, Kind::Number(_) | Kind::Dist(..)))
    }

    /// A value inside the key's bound, different from `old`.
    fn another(k: &KeySpec, old: &Input) -> Input {
        let b = bound_of(k);
        let lo = if b.lo.is_finite() { b.lo } else { -1.0 };
        let hi = if b.hi.is_finite() { b.hi } else { lo + 2.0 };
        let mut x = lo + 0.37 * (hi - lo).min(1e6);
        if old.number() == Some(x) {
            x = lo + 0.41 * (hi - lo).min(1e6);
        }
        Input::Number(x)
    }

    #[test]
    fn every_numeric_key_is_editable_and_only_its_own_field_moves() {
        let s = scenario("");
        for k in numeric_keys() {
            let old = get(&s, k).unwrap_or_else(|e| panic!("{}: {e}", k.path()));
            let new = another(k, &old);
            let mut e = s.clone();
            put(&mut e, k, new.clone()).unwrap_or_else(|e| panic!("{}: {e}", k.path()));
            assert_eq!(get(&e, k).unwrap().number(), new.number(), "{}", k.path());
            assert_ne!(e, s, "{}: nothing changed", k.path());
            for other in numeric_keys().filter(|o| o.path() != k.path()) {
                // Role strength read from the scores moves with them.
                if other.path() == "offer.role.strength" && k.section.starts_with("offer.role") {
                    continue;
                }
                assert_eq!(
                    get(&e, other),
                    get(&s, other),
                    "{} moved {}",
                    k.path(),
                    other.path()
                );
            }
        }
    }

    #[test]
    fn keys_that_are_not_numbers_are_refused_by_name() {
        assert!(matches!(
            numeric_key("simulation.seed"),
            Err(EditError::NotNumeric { .. })
        ));
        assert!(matches!(
            numeric_key("candidate.employed"),
            Err(EditError::NotNumeric { .. })
        ));
        let e = numeric_key("market.sofness").unwrap_err();
        assert!(
            e.to_string().contains("did you mean `market.softness`"),
            "{e}"
        );
        let e = numeric_key("nothing.like.it.at.all").unwrap_err();
        assert!(!e.to_string().contains("did you mean"), "{e}");
    }

    #[test]
    fn changes_by_hand() {
        let mut s = scenario("[market]\nsearch_weeks = [6, 10]\nsoftness = 1.0\n");
        edit(&mut s, "offer.base", Change::Set(140000.0)).unwrap();
        assert_eq!(s.offer.base, 140000.0);
        edit(&mut s, "offer.base", Change::Scale(0.5)).unwrap();
        assert_eq!(s.offer.base, 70000.0);
        edit(&mut s, "market.growth", Change::Shift(-0.02)).unwrap();
        assert!((s.market.growth - 0.01).abs() < 1e-15);
        edit(&mut s, "market.search_weeks", Change::Scale(2.0)).unwrap();
        assert_eq!(s.market.search_weeks, Dist::Ci90 { lo: 12.0, hi: 20.0 });
        edit(&mut s, "market.search_weeks", Change::Shift(1.0)).unwrap();
        assert_eq!(s.market.search_weeks, Dist::Ci90 { lo: 13.0, hi: 21.0 });
        // The median of a ci90 is the geometric mean of its ends.
        edit(&mut s, "market.search_weeks", Change::Percentile(0.5)).unwrap();
        let Dist::Fixed(m) = s.market.search_weeks else {
            panic!("{:?}", s.market.search_weeks)
        };
        assert!((m - (13.0f64 * 21.0).sqrt()).abs() < 1e-9, "{m}");
        // Uniform: lo + p (hi - lo).
        edit(&mut s, "counter.meet", Change::Percentile(0.9)).unwrap();
        assert!((s.counter.meet_value() - (0.3 + 0.9 * 0.7)).abs() < 1e-12);
        // Role strength from the scores (all 3: 0.5) is set as an override.
        edit(&mut s, "offer.role.strength", Change::Shift(0.2)).unwrap();
        assert_eq!(s.offer.role.strength, Some(0.7));
        assert_eq!(s.role_strength(), 0.7);
    }

    impl crate::scenario::Counter {
        fn meet_value(&self) -> f64 {
            match self.meet {
                Dist::Fixed(x) => x,
                _ => panic!("not fixed"),
            }
        }
    }

    #[test]
    fn a_ci90_at_its_ends_and_a_discrete_at_its_steps() {
        let d = Dist::Ci90 { lo: 6.0, hi: 10.0 };
        // The 5th and 95th percentiles are the ends, to Acklam's accuracy.
        assert!((percentile(&d, 0.05) / 6.0 - 1.0).abs() < 1e-8);
        assert!((percentile(&d, 0.95) / 10.0 - 1.0).abs() < 1e-8);
        // z(0.9) = 1.2815515655446004 (tables).
        assert!((normal_quantile(0.9) - 1.281_551_565_544_600_4).abs() < 1e-8);
        assert!((normal_quantile(0.1) + 1.281_551_565_544_600_4).abs() < 1e-8);
        assert!((normal_quantile(0.01) + 2.326_347_874_040_840_8).abs() < 1e-8);
        // Values 1, 2, 3 weighted 1, 2, 1: P(X <= 1) = 0.25, P(X <= 2) = 0.75.
        let x = Discrete::new(vec![3.0, 1.0, 2.0], Some(vec![1.0, 1.0, 2.0])).unwrap();
        let d = Dist::Discrete(x);
        assert_eq!(percentile(&d, 0.1), 1.0);
        assert_eq!(percentile(&d, 0.25), 1.0);
        assert_eq!(percentile(&d, 0.3), 2.0);
        assert_eq!(percentile(&d, 0.75), 2.0);
        assert_eq!(percentile(&d, 0.9), 3.0);
        // Scaling keeps each value's weight.
        let Input::Dist(Dist::Discrete(s)) = changed(&Input::Dist(d), Change::Scale(2.0)) else {
            panic!()
        };
        assert_eq!(s.values(), &[2.0, 4.0, 6.0]);
        assert_eq!(s.weights(), Some(&[1.0, 2.0, 1.0][..]));
    }

    #[test]
    fn leaving_a_bound_is_refused_and_clamping_says_so() {
        let mut s = scenario("");
        let before = s.clone();
        let e = edit(&mut s, "counter.success", Change::Set(1.2)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`counter.success` = 1.2 leaves its bounds: 1.2 is not between 0 and 1 inclusive"
        );
        assert_eq!(s, before);
        // A uniform pushed past 1.
        assert!(edit(&mut s, "market.fit", Change::Scale(2.0)).is_err());
        let k = numeric_key("counter.rescind").unwrap();
        assert_eq!(clamp(k, Input::Number(0.06)), (Input::Number(0.06), false));
        assert_eq!(clamp(k, Input::Number(1.5)), (Input::Number(1.0), true));
        let k = numeric_key("market.softness").unwrap();
        let (c, moved) = clamp(k, Input::Number(0.0));
        assert!(moved && c.number().unwrap() > 0.0);
        // The employed have no runway to vary.
        let mut e = parse_str(
            "[offer]\nbase = 1\n[candidate]\nfloor = 1\nemployed = true\n",
            Path::new("e.toml"),
        )
        .unwrap();
        assert!(matches!(
            edit(&mut e, "candidate.runway_months", Change::Scale(2.0)),
            Err(EditError::NotSet { .. })
        ));
    }

    #[test]
    fn values_read_as_a_scenario_writes_them() {
        assert_eq!(Input::Number(0.5).as_toml(), "0.5");
        assert_eq!(
            Input::Dist(Dist::Ci90 { lo: 6.0, hi: 10.0 }).as_toml(),
            "{ ci90 = [6, 10] }"
        );
        let d = Discrete::new(vec![1.0, 2.0], None).unwrap();
        assert_eq!(
            Input::Dist(Dist::Discrete(d)).as_toml(),
            "{ values = [1, 2] }"
        );
    }
}
