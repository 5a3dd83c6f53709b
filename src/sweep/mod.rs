//! `walkaway sweep` (docs/model.md, "What would change the verdict"): one
//! or two inputs varied over a grid, every grid point an ordinary run of
//! the edited scenario at the scenario's seed, so the points differ only by
//! the input (common random numbers).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::engine::{self, Aggregate, Interrupted, Observer, Plan};
use crate::model::Params;
use crate::report::atomic::write_atomic;
use crate::report::csv::{SummaryRow, VerdictRow, summary_rows, verdict_row};
use crate::report::format::{Csv, columns};
use crate::report::{BatchRow, ScenarioReport};
use crate::scenario::Scenario;
use crate::scenario::edit::{self, Change, EditError};
use crate::scenario::keys::{KeySpec, Kind, num};

pub const SWEEP_CSV: &str = "sweep.csv";
pub const SWEEP_VERDICTS_CSV: &str = "sweep_verdicts.csv";
pub const SWEEP_PNG: &str = "sweep.png";

/// The most inputs one sweep varies.
pub const MAX_AXES: usize = 2;
/// The most values of one input (a 2-D sweep runs up to its square).
pub const MAX_STEPS: usize = 1000;

/// An ordinary run of `s` (its paths and seed), without what only the
/// charts of `run` draw: the numbers of its summary and verdict rows are
/// those `walkaway run` writes for the same scenario.
pub fn run_point(
    s: &Scenario,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Aggregate, Interrupted> {
    let plan = Plan {
        paths: s.simulation.paths,
        seed: s.simulation.seed,
        charts: false,
    };
    engine::simulate(&Params::new(s), &plan, pool, observer)
}

/// Passes on progress counted from `base` paths: the paths of earlier
/// runs of the same sweep or tornado.
pub struct Offset<'a> {
    inner: &'a dyn Observer,
    base: u64,
}

impl<'a> Offset<'a> {
    pub fn new(inner: &'a dyn Observer, base: u64) -> Self {
        Offset { inner, base }
    }
}

impl Observer for Offset<'_> {
    fn paths_done(&self, done: u64) {
        self.inner.paths_done(self.base + done);
    }
    fn should_stop(&self) -> bool {
        self.inner.should_stop()
    }
}

/// One varied input: `n` evenly spaced values from `lo` to `hi`. A number
/// takes each value; a distribution is multiplied by it.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub key: &'static KeySpec,
    pub lo: f64,
    pub hi: f64,
    pub n: usize,
}

/// A `--vary` the sweep refuses, or a grid point outside a key's bounds.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SweepError {
    #[error("--vary {text}: expected KEY=LO..HI:N, e.g. market.softness=0.8..1.5:8")]
    Syntax { text: String },
    #[error("--vary {text}: {what} is not a number")]
    Number { text: String, what: String },
    #[error("--vary {text}: {source}")]
    Key {
        text: String,
        #[source]
        source: EditError,
    },
    #[error("--vary {text}: LO = {lo} is greater than HI = {hi}")]
    Order {
        text: String,
        lo: String,
        hi: String,
    },
    #[error("--vary {text}: N = {n}; a sweep needs at least 2 values (and at most {MAX_STEPS})")]
    Steps { text: String, n: String },
    #[error("`{key}` is varied twice; give each key once")]
    Twice { key: String },
    #[error("{n} --vary given; a sweep varies one or two inputs")]
    Count { n: usize },
    #[error("the grid leaves a key's bounds: {0}")]
    Bounds(#[source] EditError),
}

impl Axis {
    /// Parses `KEY=LO..HI:N`.
    pub fn parse(text: &str) -> Result<Axis, SweepError> {
        let syntax = || SweepError::Syntax {
            text: text.to_string(),
        };
        let (key, rest) = text.split_once('=').ok_or_else(syntax)?;
        let (range, n) = rest.rsplit_once(':').ok_or_else(syntax)?;
        let (lo, hi) = range.split_once("..").ok_or_else(syntax)?;
        let key = edit::numeric_key(key.trim()).map_err(|source| SweepError::Key {
            text: text.to_string(),
            source,
        })?;
        let number = |what: &str| {
            what.trim()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| SweepError::Number {
                    text: text.to_string(),
                    what: format!("`{}`", what.trim()),
                })
        };
        let (lo, hi) = (number(lo)?, number(hi)?);
        if lo > hi {
            return Err(SweepError::Order {
                text: text.to_string(),
                lo: num(lo),
                hi: num(hi),
            });
        }
        let steps = || SweepError::Steps {
            text: text.to_string(),
            n: n.trim().to_string(),
        };
        let n: usize = n.trim().parse().map_err(|_| steps())?;
        if !(2..=MAX_STEPS).contains(&n) {
            return Err(steps());
        }
        Ok(Axis { key, lo, hi, n })
    }

    /// The grid values, evenly spaced, `lo` and `hi` exact.
    pub fn values(&self) -> Vec<f64> {
        (0..self.n)
            .map(|i| {
                if i + 1 == self.n {
                    self.hi
                } else {
                    self.lo + (self.hi - self.lo) * (i as f64 / (self.n - 1) as f64)
                }
            })
            .collect()
    }

    /// Whether a value multiplies a distribution rather than replacing a
    /// number.
    pub fn is_factor(&self) -> bool {
        matches!(self.key.kind, Kind::Dist(..))
    }

    fn change(&self, x: f64) -> Change {
        if self.is_factor() {
            Change::Scale(x)
        } else {
            Change::Set(x)
        }
    }

    /// The column header: the key, with ` (x)` for a factor.
    pub fn header(&self) -> String {
        if self.is_factor() {
            format!("{} (x)", self.key.path())
        } else {
            self.key.path()
        }
    }
}

/// Checks the `--vary` list as a whole: one or two, no key twice.
pub fn axes(texts: &[String]) -> Result<Vec<Axis>, SweepError> {
    if texts.is_empty() || texts.len() > MAX_AXES {
        return Err(SweepError::Count { n: texts.len() });
    }
    let axes: Vec<Axis> = texts
        .iter()
        .map(|t| Axis::parse(t))
        .collect::<Result<_, _>>()?;
    if axes.len() == 2 && axes[0].key.path() == axes[1].key.path() {
        return Err(SweepError::Twice {
            key: axes[0].key.path(),
        });
    }
    Ok(axes)
}

/// One grid point: the values of the axes and the scenario with them
/// written in.
#[derive(Debug, Clone)]
pub struct GridPoint {
    pub values: Vec<f64>,
    pub scenario: Scenario,
}

/// Every grid point, the first axis varying slowest. A point outside a
/// key's bounds refuses the whole grid, before anything runs.
pub fn grid(s: &Scenario, axes: &[Axis]) -> Result<Vec<GridPoint>, SweepError> {
    let mut points = vec![GridPoint {
        values: Vec::new(),
        scenario: s.clone(),
    }];
    for a in axes {
        let mut next = Vec::with_capacity(points.len() * a.n);
        for p in &points {
            for x in a.values() {
                let mut scenario = p.scenario.clone();
                edit::edit(&mut scenario, &a.key.path(), a.change(x))
                    .map_err(SweepError::Bounds)?;
                let mut values = p.values.clone();
                values.push(x);
                next.push(GridPoint { values, scenario });
            }
        }
        points = next;
    }
    Ok(points)
}

/// A finished sweep: the axes and, per grid point, its values and the
/// rows `run` would write for it.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The scenario as read (with `--paths` / `--seed`), before any edit.
    pub scenario: Scenario,
    pub axes: Vec<Axis>,
    pub points: Vec<(Vec<f64>, BatchRow)>,
}

/// Runs every grid point of `s` (already with `--paths` / `--seed`
/// applied) in order; the observer sees the paths of all points added up.
pub fn sweep(
    s: &Scenario,
    axes: Vec<Axis>,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Sweep, SweepRunError> {
    let grid = grid(s, &axes)?;
    let mut points = Vec::with_capacity(grid.len());
    let mut done = 0;
    for p in grid {
        let agg = run_point(&p.scenario, pool, &Offset::new(observer, done))?;
        done += p.scenario.simulation.paths;
        let report = ScenarioReport::new(p.scenario, agg);
        crate::report::format::check_finite(&report)?;
        points.push((p.values, BatchRow::of(&report)));
    }
    Ok(Sweep {
        scenario: s.clone(),
        axes,
        points,
    })
}

/// Why a sweep stopped.
#[derive(Debug, thiserror::Error)]
pub enum SweepRunError {
    #[error(transparent)]
    Grid(#[from] SweepError),
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    #[error(transparent)]
    NonFinite(#[from] crate::report::format::NonFinite),
}

/// A row struct serialized to its CSV cells.
fn cells<T: Serialize>(row: &T) -> io::Result<Vec<String>> {
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.serialize(row)?;
    let bytes = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let record = r.records().next().transpose()?.unwrap_or_default();
    Ok(record.iter().map(str::to_string).collect())
}

/// Writes a table whose first columns are the varied inputs and the rest
/// those of the row struct `T`.
fn write_table<T: Serialize + Default>(
    path: &Path,
    axes: &[Axis],
    rows: impl Iterator<Item = io::Result<(Vec<f64>, Vec<String>)>>,
) -> io::Result<()> {
    let mut lines = Vec::new();
    for r in rows {
        lines.push(r?);
    }
    write_atomic(path, |w: &mut dyn Write| {
        let mut c = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(w);
        let head = axes.iter().map(Axis::header);
        c.write_record(head.chain(columns::<T>()))?;
        for (values, rest) in &lines {
            let values = values.iter().map(|x| format!("{x}"));
            c.write_record(values.chain(rest.iter().cloned()))?;
        }
        c.flush()
    })
}

/// Writes `sweep.csv`, `sweep_verdicts.csv` and `sweep.png` into `dir`.
pub fn write(dir: &Path, sw: &Sweep) -> io::Result<Vec<PathBuf>> {
    let summary = dir.join(SWEEP_CSV);
    write_table::<SummaryRow<Csv>>(
        &summary,
        &sw.axes,
        sw.points.iter().flat_map(|(v, row)| {
            summary_rows::<Csv>(row)
                .into_iter()
                .map(|r| Ok((v.clone(), cells(&r)?)))
                .collect::<Vec<_>>()
        }),
    )?;
    let verdicts = dir.join(SWEEP_VERDICTS_CSV);
    write_table::<VerdictRow<Csv>>(
        &verdicts,
        &sw.axes,
        sw.points
            .iter()
            .map(|(v, row)| Ok((v.clone(), cells(&verdict_row::<Csv>(row))?))),
    )?;
    let png = dir.join(SWEEP_PNG);
    crate::report::charts::sweep::write(&png, sw)?;
    Ok(vec![summary, verdicts, png])
}
