//! The tornado (docs/model.md, "What would change the verdict"): each
//! uncertain input moved over five points from low to high, every point an
//! ordinary run of the edited scenario at its own seed, and the edge Delta
//! of the walk side over the accept side at each.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::engine::{Aggregate, ExactStats, Fan, Interrupted, Observer, Sketches};
use crate::model::{Dist, Strategy, pair_index};
use crate::report::csv::write_csv;
use crate::report::format::{Csv, Num};
use crate::scenario::Scenario;
use crate::scenario::edit::{self, Change, Input};
use crate::scenario::keys::KeySpec;
use crate::sweep::Offset;
use crate::verdict::{Verdict, rule_of_thumb, simulation_verdict};

/// Points per input, from the low end to the high end.
pub const POINTS: usize = 5;

/// Where an input given as a distribution is held, on every path.
pub const PERCENTILES: [f64; POINTS] = [0.1, 0.3, 0.5, 0.7, 0.9];

/// How a distribution the user fixed to a number moves instead.
pub const FIXED_FACTORS: (f64, f64) = (0.9, 1.1);

pub const TORNADO_CSV: &str = "tornado.csv";
pub const TORNADO_PNG: &str = "tornado.png";

/// How an input's five points are made.
#[derive(Debug, Clone, PartialEq)]
pub enum Range {
    /// The value times five evenly spaced factors from `.0` to `.1`.
    Factors(f64, f64),
    /// The value plus five evenly spaced offsets from `.0` to `.1`.
    Offsets(f64, f64),
    /// A distribution held at each of [`PERCENTILES`].
    Percentiles,
    /// Five values evenly spaced from one given end to the other: numbers,
    /// or the ends of two ranges of the same kind moved together (a
    /// `[sensitivity]` row).
    Ends(Input, Input),
}

/// One row of the tornado: an input and how it moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: &'static KeySpec,
    pub range: Range,
}

/// The rows of the table in docs/model.md for inputs given as numbers:
/// (key, range, only for a candidate without a job).
const NUMBER_ROWS: [(&str, Range, bool); 11] = [
    ("market.softness", Range::Factors(0.67, 1.5), false),
    ("market.growth", Range::Offsets(-0.02, 0.02), false),
    ("counter.success", Range::Factors(0.5, 1.5), false),
    ("counter.rescind", Range::Factors(0.0, 3.0), false),
    (
        "career.anchor_persistence",
        Range::Factors(0.5, 1.25),
        false,
    ),
    ("career.growth_premium", Range::Factors(0.0, 2.0), false),
    ("career.role_value", Range::Factors(0.0, 2.0), false),
    ("career.discount_rate", Range::Factors(0.0, 2.0), false),
    ("career.horizon_years", Range::Factors(0.6, 2.0), false),
    ("candidate.runway_months", Range::Factors(0.5, 2.0), true),
    ("offer.role.strength", Range::Offsets(-0.2, 0.2), false),
];

/// The inputs given as distributions by default (the distress ones only
/// matter without a job).
const DIST_ROWS: [(&str, bool); 13] = [
    ("market.search_weeks", false),
    ("market.offer", false),
    ("market.fit", false),
    ("counter.meet", false),
    ("reengage.probability", false),
    ("reengage.months", false),
    ("reengage.uplift", false),
    ("career.raise", false),
    ("career.tenure_years", false),
    ("career.job_change_bump", false),
    ("distress.offer", true),
    ("distress.weeks", true),
    ("distress.fit", true),
];

fn key(path: &str) -> &'static KeySpec {
    edit::numeric_key(path).expect("a tornado row names a numeric key")
}

/// The tornado's rows for `s`: the table's numbers, every distribution
/// (one the user fixed to a number moves by x 0.9 / x 1.1), the rows only
/// for the unemployed when `s` has no job, then the scenario's own
/// `[sensitivity]` rows, each replacing the row of its key or added.
pub fn rows(s: &Scenario) -> Vec<Row> {
    let unemployed = !s.candidate.employed;
    let mut rows: Vec<Row> = NUMBER_ROWS
        .iter()
        .filter(|(_, _, only)| unemployed || !only)
        .map(|(path, range, _)| Row {
            key: key(path),
            range: range.clone(),
        })
        .collect();
    for (path, only) in DIST_ROWS {
        if only && !unemployed {
            continue;
        }
        let k = key(path);
        let range = match edit::get(s, k) {
            Ok(Input::Dist(Dist::Fixed(_))) => Range::Factors(FIXED_FACTORS.0, FIXED_FACTORS.1),
            _ => Range::Percentiles,
        };
        rows.push(Row { key: k, range });
    }
    for r in &s.sensitivity {
        let k = key(&r.key);
        let row = Row {
            key: k,
            range: Range::Ends(r.low.clone(), r.high.clone()),
        };
        match rows.iter_mut().find(|r| r.key.path() == k.path()) {
            Some(r) => *r = row,
            None => rows.push(row),
        }
    }
    rows
}

/// What a run says at one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Best mean of counter_walk and walk minus best of accept and
    /// counter_accept.
    pub delta: f64,
    /// Its standard error, from the paired difference of those two
    /// strategies on the same paths.
    pub delta_se: f64,
    pub pick: Strategy,
    pub verdict: Verdict,
}

/// Delta of a run and its standard error (docs/model.md).
pub fn delta(agg: &Aggregate) -> (f64, f64) {
    let mean = |s: Strategy| agg.strategy(s).value.mean();
    let best = |a: Strategy, b: Strategy| if mean(b) > mean(a) { b } else { a };
    let take = best(Strategy::Accept, Strategy::CounterAccept);
    let walk = best(Strategy::CounterWalk, Strategy::Walk);
    // Pairs hold V_a - V_b with a before b; the accept side comes first.
    let pair = &agg.exact.pairs[pair_index(take, walk)];
    (mean(walk) - mean(take), pair.se())
}

/// The outcome of an ordinary run of `s`.
pub fn outcome(s: &Scenario, agg: &Aggregate) -> Outcome {
    let rule = rule_of_thumb(s).verdict;
    let d = &s.decision;
    let sim = simulation_verdict(agg, d.max_runway_risk, d.toss_up, rule);
    let (delta, delta_se) = delta(agg);
    Outcome {
        delta,
        delta_se,
        pick: sim.strategy,
        verdict: sim.verdict,
    }
}

/// One point of an input: the value used, whether it was clamped to the
/// key's bounds, and the scenario with it written in.
#[derive(Debug, Clone)]
pub struct Variant {
    pub value: Input,
    pub clamped: bool,
    pub scenario: Scenario,
}

/// Why a row's point cannot be made (a `[sensitivity]` end that leaves the
/// key's bounds, a runway that is not set).
pub type PointError = edit::EditError;

/// Evenly spaced: `lo + (hi - lo) i / 4`, exact at both ends.
fn spaced(lo: f64, hi: f64, i: usize) -> f64 {
    let t = i as f64 / (POINTS - 1) as f64;
    if i == POINTS - 1 {
        hi
    } else {
        lo + (hi - lo) * t
    }
}

/// The five values of `row` for `s`, before clamping.
fn values(s: &Scenario, row: &Row) -> Result<Vec<Input>, PointError> {
    let now = edit::get(s, row.key)?;
    let all = |f: &dyn Fn(usize) -> Change| -> Vec<Input> {
        (0..POINTS).map(|i| edit::changed(&now, f(i))).collect()
    };
    Ok(match &row.range {
        Range::Factors(lo, hi) => all(&|i| Change::Scale(spaced(*lo, *hi, i))),
        Range::Offsets(lo, hi) => all(&|i| Change::Shift(spaced(*lo, *hi, i))),
        Range::Percentiles => all(&|i| Change::Percentile(PERCENTILES[i])),
        Range::Ends(lo, hi) => (0..POINTS).map(|i| between(lo, hi, i)).collect(),
    })
}

/// Point `i` of five from `lo` to `hi`: numbers, or two ranges of one kind
/// with each end moved evenly. Ranges of different kinds are refused by
/// the reader.
fn between(lo: &Input, hi: &Input, i: usize) -> Input {
    match (lo, hi) {
        (
            Input::Dist(Dist::Uniform { lo: a, hi: b }),
            Input::Dist(Dist::Uniform { lo: c, hi: d }),
        ) => Input::Dist(Dist::Uniform {
            lo: spaced(*a, *c, i),
            hi: spaced(*b, *d, i),
        }),
        (Input::Dist(Dist::Ci90 { lo: a, hi: b }), Input::Dist(Dist::Ci90 { lo: c, hi: d })) => {
            Input::Dist(Dist::Ci90 {
                lo: spaced(*a, *c, i),
                hi: spaced(*b, *d, i),
            })
        }
        _ => match (lo.number(), hi.number()) {
            (Some(a), Some(b)) => Input::Number(spaced(a, b, i)),
            // Mixed ends: the low one for the lower half, then the high.
            _ => {
                if i < POINTS / 2 {
                    lo.clone()
                } else {
                    hi.clone()
                }
            }
        },
    }
}

/// The five scenarios of `row`: each value clamped to the key's bounds
/// (the clamp reported) and written into `s`.
pub fn variants(s: &Scenario, row: &Row) -> Result<Vec<Variant>, PointError> {
    values(s, row)?
        .into_iter()
        .map(|v| {
            let (value, clamped) = edit::clamp(row.key, v);
            let mut scenario = s.clone();
            edit::put(&mut scenario, row.key, value.clone())?;
            Ok(Variant {
                value,
                clamped,
                scenario,
            })
        })
        .collect()
}

/// One point of a bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub value: Input,
    pub clamped: bool,
    pub outcome: Outcome,
}

/// One input's bar: its five points from the low end to the high end.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub input: String,
    pub points: Vec<Point>,
}

impl Bar {
    /// The lowest and highest Delta over the points.
    pub fn span(&self) -> (f64, f64) {
        let d = self.points.iter().map(|p| p.outcome.delta);
        let lo = d.clone().fold(f64::INFINITY, f64::min);
        (lo, d.fold(f64::NEG_INFINITY, f64::max))
    }

    pub fn swing(&self) -> f64 {
        let (lo, hi) = self.span();
        hi - lo
    }

    /// The indices `i` where the pick changes between point `i` and `i + 1`.
    pub fn flips(&self) -> Vec<usize> {
        (0..self.points.len().saturating_sub(1))
            .filter(|&i| self.points[i].outcome.pick != self.points[i + 1].outcome.pick)
            .collect()
    }
}

/// A scenario's tornado: the outcome of the scenario as it is, and one bar
/// per input, widest swing first.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    pub scenario: String,
    pub name: String,
    pub currency: String,
    pub paths: u64,
    pub seed: u64,
    pub base: Outcome,
    pub bars: Vec<Bar>,
}

/// Why a tornado was not made.
#[derive(Debug, thiserror::Error)]
pub enum TornadoError {
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    #[error("{file}: [sensitivity]: {source}")]
    Point {
        file: String,
        #[source]
        source: PointError,
    },
}

/// The tornado of `s` at `paths` paths per point (the scenario's seed).
/// The observer sees the paths of every run added up.
pub fn tornado(
    s: &Scenario,
    paths: u64,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Tornado, TornadoError> {
    let plan = TornadoPlan::new(s, paths)?;
    let mut stats = Vec::with_capacity(plan.runs());
    for i in 0..plan.runs() {
        let done = i as u64 * paths;
        stats.push(plan.run(i, pool, &Offset::new(observer, done))?);
    }
    Ok(plan.assemble(stats))
}

/// One point of a bar before it is run: its value, whether it was clamped,
/// and which of the plan's runs gives its outcome.
#[derive(Debug, Clone)]
struct Planned {
    value: Input,
    clamped: bool,
    run: usize,
}

/// A tornado before any run: the distinct scenarios to run, the scenario
/// itself first, and which run each point of each bar reads. A point equal
/// to the scenario (a factor of 1, an offset of 0) reads the scenario's own
/// run instead of running it twice. Runs are independent of each other, so
/// any range of them can be computed apart (a shard's share).
#[derive(Debug, Clone)]
pub struct TornadoPlan {
    scenario: Scenario,
    bars: Vec<(String, Vec<Planned>)>,
    runs: Vec<Scenario>,
}

impl TornadoPlan {
    /// The plan for `s` at `paths` paths per run; a `[sensitivity]` row
    /// that cannot be applied to `s` is refused, naming its file.
    pub fn new(s: &Scenario, paths: u64) -> Result<TornadoPlan, TornadoError> {
        let mut s = s.clone();
        s.simulation.paths = paths;
        let mut runs = vec![s.clone()];
        let mut bars = Vec::new();
        for row in rows(&s) {
            let vs = variants(&s, &row).map_err(|source| TornadoError::Point {
                file: s.source.display().to_string(),
                source,
            })?;
            let points = vs
                .into_iter()
                .map(|v| {
                    let run = if v.scenario == s {
                        0
                    } else {
                        runs.push(v.scenario);
                        runs.len() - 1
                    };
                    Planned {
                        value: v.value,
                        clamped: v.clamped,
                        run,
                    }
                })
                .collect();
            bars.push((row.key.path(), points));
        }
        Ok(TornadoPlan {
            scenario: s,
            bars,
            runs,
        })
    }

    /// Distinct runs, each of the scenario's paths.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// The scenario of each run, in run order.
    pub fn scenarios(&self) -> &[Scenario] {
        &self.runs
    }

    /// Paths played per run.
    pub fn paths(&self) -> u64 {
        self.scenario.simulation.paths
    }

    /// Run `i`'s exact statistics: an ordinary run of its scenario, reduced
    /// to what a pick and Delta read.
    pub fn run(
        &self,
        i: usize,
        pool: &rayon::ThreadPool,
        observer: &dyn Observer,
    ) -> Result<ExactStats, Interrupted> {
        Ok(super::maps::run_exact(&self.runs[i], pool, observer)?.exact)
    }

    /// The tornado from every run's statistics, in run order.
    pub fn assemble(self, stats: Vec<ExactStats>) -> Tornado {
        assert_eq!(stats.len(), self.runs.len(), "statistics per run");
        let s = &self.scenario;
        let outcomes: Vec<Outcome> = self
            .runs
            .iter()
            .zip(stats)
            .map(|(x, exact)| {
                let agg = Aggregate {
                    paths: x.simulation.paths,
                    seed: x.simulation.seed,
                    exact,
                    sketches: Sketches::default(),
                    fan: Fan::default(),
                };
                outcome(x, &agg)
            })
            .collect();
        let mut bars: Vec<Bar> = self
            .bars
            .into_iter()
            .map(|(input, points)| Bar {
                input,
                points: points
                    .into_iter()
                    .map(|p| Point {
                        value: p.value,
                        clamped: p.clamped,
                        outcome: outcomes[p.run],
                    })
                    .collect(),
            })
            .collect();
        // Widest swing first; equal swings keep the table's order.
        bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
        Tornado {
            scenario: s.stem.clone(),
            name: s.name.clone(),
            currency: s.currency.clone(),
            paths: s.simulation.paths,
            seed: s.simulation.seed,
            base: outcomes[0],
            bars,
        }
    }
}

/// One row of `tornado.csv`: one point of one input.
#[derive(Debug, Default, Serialize)]
#[serde(bound = "")]
pub struct TornadoRow {
    pub input: String,
    /// 1 to 5, from the low end to the high end.
    pub point: usize,
    /// The input as used: a number, or a distribution as a scenario file
    /// writes it.
    pub value: String,
    pub delta: Num<Csv>,
    pub delta_se: Num<Csv>,
    pub pick: &'static str,
    pub verdict: &'static str,
    pub clamped: bool,
}

/// A value as `tornado.csv` writes it: a number in plain decimals.
fn cell(v: &Input) -> String {
    match v.number() {
        Some(x) => format!("{x}"),
        None => v.as_toml(),
    }
}

pub fn tornado_rows(t: &Tornado) -> Vec<TornadoRow> {
    t.bars
        .iter()
        .flat_map(|b| {
            b.points.iter().enumerate().map(|(i, p)| TornadoRow {
                input: b.input.clone(),
                point: i + 1,
                value: cell(&p.value),
                delta: p.outcome.delta.into(),
                delta_se: p.outcome.delta_se.into(),
                pick: p.outcome.pick.name(),
                verdict: p.outcome.verdict.as_str(),
                clamped: p.clamped,
            })
        })
        .collect()
}

/// Writes `tornado.csv` and `tornado.png` into `dir`; returns the files.
pub fn write_tornado(dir: &Path, t: &Tornado) -> io::Result<Vec<PathBuf>> {
    let csv = dir.join(TORNADO_CSV);
    write_csv::<TornadoRow>(&csv, tornado_rows(t))?;
    let png = dir.join(TORNADO_PNG);
    crate::report::charts::tornado::write(&png, t)?;
    Ok(vec![csv, png])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ExactStats, Fan, Sketches};
    use crate::scenario::parse_str;
    use crate::stats::Moments;
    use std::path::Path;

    fn scenario(text: &str) -> Scenario {
        parse_str(text, Path::new("t.toml")).unwrap()
    }

    const UNEMPLOYED: &str = "[offer]\nbase = 100\n[candidate]\nfloor = 110\nrunway_months = 6\n";
    const EMPLOYED: &str = "[offer]\nbase = 100\n[candidate]\nfloor = 110\nemployed = true\n";

    fn paths(rows: &[Row]) -> Vec<String> {
        rows.iter().map(|r| r.key.path()).collect()
    }

    #[test]
    fn the_unemployed_get_the_runway_and_distress_rows() {
        let u = rows(&scenario(UNEMPLOYED));
        let e = rows(&scenario(EMPLOYED));
        assert_eq!(u.len(), 11 + 13);
        assert_eq!(e.len(), 10 + 10);
        for only in [
            "candidate.runway_months",
            "distress.offer",
            "distress.weeks",
            "distress.fit",
        ] {
            assert!(paths(&u).contains(&only.to_string()));
            assert!(!paths(&e).contains(&only.to_string()));
        }
        assert!(u.iter().all(|r| r.range != Range::Factors(0.9, 1.1)));
    }

    #[test]
    fn a_fixed_distribution_moves_by_ten_percent_and_numbers_over_the_table() {
        let s = scenario(&format!("{UNEMPLOYED}[career]\nraise = 0.04\n"));
        let r = rows(&s);
        let raise = r.iter().find(|r| r.key.path() == "career.raise").unwrap();
        assert_eq!(raise.range, Range::Factors(0.9, 1.1));
        let v = variants(&s, raise).unwrap();
        let got: Vec<f64> = v.iter().map(|v| v.value.number().unwrap()).collect();
        let want = [0.9, 0.95, 1.0, 1.05, 1.1].map(|f| 0.04 * f);
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-15, "{got:?}");
        }
        assert_eq!(v[4].scenario.career.raise, Dist::Fixed(got[4]));
        // market.growth 0.03 +- 0.02 in steps of 0.01.
        let g = r.iter().find(|r| r.key.path() == "market.growth").unwrap();
        let v = variants(&s, g).unwrap();
        let got: Vec<f64> = v.iter().map(|v| v.value.number().unwrap()).collect();
        for (g, w) in got.iter().zip([0.01, 0.02, 0.03, 0.04, 0.05]) {
            assert!((g - w).abs() < 1e-15, "{got:?}");
        }
    }

    #[test]
    fn points_past_a_bound_are_clamped_and_say_so() {
        // rescind 0.5 x (0, 0.75, 1.5, 2.25, 3): the last two pass 1.
        let s = scenario(&format!("{UNEMPLOYED}[counter]\nrescind = 0.5\n"));
        let row = rows(&s)
            .into_iter()
            .find(|r| r.key.path() == "counter.rescind")
            .unwrap();
        let v = variants(&s, &row).unwrap();
        let got: Vec<(f64, bool)> = v
            .iter()
            .map(|v| (v.value.number().unwrap(), v.clamped))
            .collect();
        assert_eq!(
            got,
            [
                (0.0, false),
                (0.375, false),
                (0.75, false),
                (1.0, true),
                (1.0, true)
            ]
        );
        // A ci90 [6, 10] held at its median: the geometric mean of its ends.
        let s = scenario(UNEMPLOYED);
        let row = rows(&s)
            .into_iter()
            .find(|r| r.key.path() == "market.search_weeks")
            .unwrap();
        let v = variants(&s, &row).unwrap();
        let median = v[2].value.number().unwrap();
        assert!((median - 60f64.sqrt()).abs() < 1e-9, "{median}");
    }

    #[test]
    fn delta_is_the_walk_side_minus_the_accept_side_with_the_paired_se() {
        // Three paths: accept 1 2 3 (mean 2), counter_accept 2 2 2 (2, a
        // tie that keeps accept), counter_walk 0 0 9 (3), walk 1 1 1 (1).
        let values: [[f64; 3]; 4] = [[1.0, 2.0, 3.0], [2.0; 3], [0.0, 0.0, 9.0], [1.0; 3]];
        let mut exact = ExactStats::default();
        for (s, v) in Strategy::ALL.into_iter().zip(values) {
            exact.strategies[s].value = Moments::of(&v);
        }
        for (k, (a, b)) in crate::model::PAIRS.iter().enumerate() {
            let (x, y) = (values[a.index()], values[b.index()]);
            exact.pairs[k] = Moments::of_difference(&x, Some(&y));
        }
        let agg = Aggregate {
            paths: 3,
            seed: 0,
            exact,
            sketches: Sketches::default(),
            fan: Fan::default(),
        };
        let (d, se) = delta(&agg);
        assert_eq!(d, 1.0);
        // accept - counter_walk = 1, 2, -6: mean -1, deviations 2, 3, -5,
        // variance 38 / 2, SE sqrt(19 / 3).
        assert!((se - (19.0f64 / 3.0).sqrt()).abs() < 1e-12, "{se}");
    }

    #[test]
    fn sensitivity_rows_replace_or_add_and_run_between_their_ends() {
        let s = scenario(&format!(
            "{UNEMPLOYED}[sensitivity]\n\"counter.success\" = {{ low = 0.3, high = 0.8 }}\n\
             \"market.search_weeks\" = {{ low = [5, 8], high = [9, 16] }}\n\
             \"counter.weeks\" = {{ low = 1, high = 3 }}\n"
        ));
        let r = rows(&s);
        assert_eq!(r.len(), 11 + 13 + 1);
        assert_eq!(r.last().unwrap().key.path(), "counter.weeks");
        let values = |path: &str| -> Vec<Input> {
            let row = r.iter().find(|r| r.key.path() == path).unwrap();
            variants(&s, row)
                .unwrap()
                .into_iter()
                .map(|v| v.value)
                .collect()
        };
        let got: Vec<f64> = values("counter.success")
            .iter()
            .map(|v| v.number().unwrap())
            .collect();
        assert_eq!(got, [0.3, 0.425, 0.55, 0.675, 0.8]);
        assert_eq!(
            values("market.search_weeks")[1],
            Input::Dist(Dist::Ci90 { lo: 6.0, hi: 10.0 })
        );
    }

    #[test]
    fn bad_sensitivity_rows_are_refused_by_the_reader() {
        let bad = |row: &str| {
            let text = format!("{UNEMPLOYED}[sensitivity]\n{row}\n");
            parse_str(&text, Path::new("t.toml"))
                .unwrap_err()
                .to_string()
        };
        let e = bad("\"counter.sucess\" = { low = 0.3, high = 0.8 }");
        assert!(e.contains("did you mean `counter.success`"), "{e}");
        let e = bad("\"simulation.paths\" = { low = 1, high = 2 }");
        assert!(e.contains("whole-number"), "{e}");
        let e = bad("\"counter.success\" = { low = 0.3, high = 1.8 }");
        assert!(e.contains("high"), "{e}");
        let e = bad("\"market.search_weeks\" = { low = 5, high = [9, 16] }");
        assert!(e.contains("both be numbers or both ranges"), "{e}");
        let e = bad("\"counter.success\" = { low = 0.3, hi = 0.8 }");
        assert!(e.contains("hi"), "{e}");
        let e = bad("\"counter.success\" = 0.3");
        assert!(e.contains("{ low = ..., high = ... }"), "{e}");
    }

    #[test]
    fn a_bar_knows_its_span_and_its_flips() {
        let point = |delta: f64, pick: Strategy| Point {
            value: Input::Number(0.0),
            clamped: false,
            outcome: Outcome {
                delta,
                delta_se: 1.0,
                pick,
                verdict: pick.class(),
            },
        };
        let b = Bar {
            input: "x".into(),
            points: vec![
                point(-3.0, Strategy::Accept),
                point(-1.0, Strategy::Accept),
                point(2.0, Strategy::Walk),
                point(5.0, Strategy::Walk),
                point(4.0, Strategy::CounterWalk),
            ],
        };
        assert_eq!(b.span(), (-3.0, 5.0));
        assert_eq!(b.swing(), 8.0);
        assert_eq!(b.flips(), vec![1, 3]);
    }
}
