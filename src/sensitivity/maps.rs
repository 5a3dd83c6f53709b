//! Verdict maps (docs/model.md, "What would change the verdict"): the
//! simulation's pick on a grid of offers (`C0 / floor`) against role
//! strength, and for an unemployed candidate against runway. Each cell is
//! the scenario edited to that cell's inputs and run on the same paths of
//! its seed; none of the three inputs changes a distribution, so every
//! path's world is drawn once per block of cells and all of them are played
//! in it. A cell's statistics are gathered chunk by chunk exactly as the
//! engine gathers a run's (two-pass moments per chunk, merged in chunk
//! order), so a cell's means equal those of an ordinary run of its edited
//! scenario to the last bit, for any thread count.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::engine::chunk_rng;
use crate::engine::{Aggregate, CHUNK_PATHS, ExactStats, Fan, Interrupted, Observer, Sketches};
use crate::model::strategy::play_all;
use crate::model::{PAIRS, Params, PerStrategy, Strategy, World, pair_index};
use crate::scenario::Scenario;
use crate::stats::{Merge, Moments};
use crate::verdict::{Verdict, rule_of_thumb, simulation_verdict};

/// Paths per cell when neither the command line nor the scenario's own
/// path count says fewer.
pub const DEFAULT_MAP_PATHS: u64 = 10_000;

/// The offer axis, `C0 / floor` from 0.70 to 1.10 in steps of 0.01.
pub const C0_COLUMNS: usize = 41;
/// Role strength from 0 to 1 in steps of 0.05.
pub const ROLE_ROWS: usize = 21;
/// Runway from 0 to 12 months in steps of half a month.
pub const RUNWAY_ROWS: usize = 25;
/// The runway rule's thresholds, in months (docs/model.md, the verdicts).
pub const RUNWAY_RULE: [f64; 2] = [3.0, 6.0];

/// Cells whose worlds one task draws once: their outcome columns for a
/// chunk (4 strategies x 4,096 paths each) are 4 MB together, and each task
/// pays one draw of the chunk's worlds.
const BLOCK_CELLS: usize = 32;
/// Chunks evaluated between two in-order merges: bounds the statistics
/// held unmerged (about 0.8 kB per cell and chunk).
const WAVE_CHUNKS: u64 = 8;

/// Which map: the second axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapKind {
    /// Role strength in [0, 1].
    Role,
    /// Runway in [0, 12] months (unemployed candidates only).
    Runway,
}

impl MapKind {
    pub const ALL: [MapKind; 2] = [MapKind::Role, MapKind::Runway];

    /// The file name without its extension.
    pub fn stem(self) -> &'static str {
        match self {
            MapKind::Role => "map_role",
            MapKind::Runway => "map_runway",
        }
    }

    /// The second axis' values, low to high.
    pub fn ys(self) -> Vec<f64> {
        match self {
            MapKind::Role => (0..ROLE_ROWS).map(|k| k as f64 / 20.0).collect(),
            MapKind::Runway => (0..RUNWAY_ROWS).map(|k| k as f64 / 2.0).collect(),
        }
    }

    /// Whether scenario `s` has this map: the runway map only for an
    /// unemployed candidate, whose runway limits a search.
    pub fn applies(self, s: &Scenario) -> bool {
        match self {
            MapKind::Role => true,
            MapKind::Runway => s.search_runway_months().is_some(),
        }
    }

    /// The scenario's own value on the second axis.
    pub fn own_y(self, s: &Scenario) -> f64 {
        match self {
            MapKind::Role => s.role_strength(),
            MapKind::Runway => s.search_runway_months().unwrap_or(f64::INFINITY),
        }
    }
}

/// The offer axis' values: 0.70, 0.71, ..., 1.10 (each the f64 nearest
/// that decimal).
pub fn c0_axis() -> Vec<f64> {
    (0..C0_COLUMNS).map(|i| (70 + i) as f64 / 100.0).collect()
}

/// Scenario `s` edited to one cell: recurring pay `c0_over_floor * floor`
/// (all of it as base: the model reads only the total, `C0`), and role
/// strength `y` (the role map) or `y` months of runway (the runway map).
/// Everything else, seed and paths included, stays.
pub fn cell_scenario(s: &Scenario, kind: MapKind, c0_over_floor: f64, y: f64) -> Scenario {
    let mut e = s.clone();
    e.offer.base = c0_over_floor * s.candidate.floor;
    e.offer.bonus_pct = 0.0;
    e.offer.equity_per_year = 0.0;
    match kind {
        MapKind::Role => e.offer.role.strength = Some(y),
        MapKind::Runway => e.candidate.runway_months = Some(y),
    }
    e
}

/// One cell of a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub c0_over_floor: f64,
    /// Role strength or runway months.
    pub y: f64,
    /// The simulation's pick and its verdict.
    pub pick: Strategy,
    pub verdict: Verdict,
    /// The rule of thumb at this cell.
    pub rule: Verdict,
    /// The strategies statistically tied with the pick or inside its
    /// toss-up band, in table order.
    pub tied: Vec<Strategy>,
    /// Each strategy's mean value over the cell's paths.
    pub means: PerStrategy<f64>,
}

impl Cell {
    /// Whether the pick is a close call: another strategy is tied with it
    /// or inside its toss-up band.
    pub fn close(&self) -> bool {
        !self.tied.is_empty()
    }
}

/// One rectangle of the plane where the rule of thumb gives one verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub rule: Verdict,
}

/// A verdict map of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictMap {
    pub kind: MapKind,
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// `cells[i * ys.len() + j]` is at `(xs[i], ys[j])`.
    pub cells: Vec<Cell>,
    /// Paths per cell.
    pub paths: u64,
    pub seed: u64,
    /// The scenario itself: its `C0 / floor` and its role strength or runway.
    pub own: (f64, f64),
    /// The rule's lines: `C0 / floor` where the gap becomes small, and the
    /// second axis' thresholds (strong role; runway 3 and 6).
    pub x_lines: Vec<f64>,
    pub y_lines: Vec<f64>,
    /// The rule's regions between those lines, each with its verdict.
    pub regions: Vec<Region>,
}

impl VerdictMap {
    pub fn cell(&self, i: usize, j: usize) -> &Cell {
        &self.cells[i * self.ys.len() + j]
    }
}

/// The maps scenario `s` has ([`MapKind::applies`]).
pub fn kinds(s: &Scenario) -> Vec<MapKind> {
    MapKind::ALL.into_iter().filter(|k| k.applies(s)).collect()
}

/// Cells of all the maps of `s`: what a progress bar counts.
pub fn cell_count(s: &Scenario) -> u64 {
    kinds(s)
        .iter()
        .map(|k| (C0_COLUMNS * k.ys().len()) as u64)
        .sum()
}

/// Every map of scenario `s`, on the first `paths` paths of its seed.
/// `observer` hears the cell-paths done so far, counted from `done_before`.
pub fn maps(
    s: &Scenario,
    paths: u64,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
    done_before: u64,
) -> Result<Vec<VerdictMap>, Interrupted> {
    let plan = MapsPlan::new(s, paths);
    let stats = plan.evaluate(0..plan.len(), pool, observer, done_before)?;
    Ok(plan.assemble(stats))
}

/// The maps of one scenario before any cell is played: every cell's
/// edited scenario and parameters, in the order of [`VerdictMap::cells`],
/// map after map. A cell's statistics do not depend on which other cells
/// are evaluated with it, so any range of cells can be computed apart (a
/// shard's share) and the maps assembled from the pieces in order.
#[derive(Debug, Clone)]
pub struct MapsPlan {
    scenario: Scenario,
    paths: u64,
    grids: Vec<(MapKind, Vec<f64>)>,
}

impl MapsPlan {
    /// The cells of every map of `s` ([`kinds`]), each played on the first
    /// `paths` paths of its seed. A cell's scenario is made only when it is
    /// played or assembled, so a plan stays small: `sensitivity` plans
    /// every scenario of a batch before it computes any.
    pub fn new(s: &Scenario, paths: u64) -> MapsPlan {
        MapsPlan {
            scenario: s.clone(),
            paths,
            grids: kinds(s).into_iter().map(|k| (k, k.ys())).collect(),
        }
    }

    /// Cells of all the maps.
    pub fn len(&self) -> usize {
        self.grids.iter().map(|(_, ys)| C0_COLUMNS * ys.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Paths played per cell.
    pub fn paths(&self) -> u64 {
        self.paths
    }

    /// Every cell in order: its map, `C0 / floor` and second-axis value.
    fn cells(&self) -> impl Iterator<Item = (MapKind, f64, f64)> + '_ {
        let xs = c0_axis();
        self.grids.iter().flat_map(move |(kind, ys)| {
            let xs = xs.clone();
            xs.into_iter()
                .flat_map(move |x| ys.iter().map(move |&y| (*kind, x, y)))
        })
    }

    /// The exact statistics of the cells in `range`, as [`evaluate`] gives
    /// them.
    pub fn evaluate(
        &self,
        range: std::ops::Range<usize>,
        pool: &rayon::ThreadPool,
        observer: &dyn Observer,
        done_before: u64,
    ) -> Result<Vec<ExactStats>, Interrupted> {
        let s = &self.scenario;
        let params: Vec<Params> = self
            .cells()
            .skip(range.start)
            .take(range.len())
            .map(|(kind, x, y)| Params::new(&cell_scenario(s, kind, x, y)))
            .collect();
        evaluate(
            &params,
            s.simulation.seed,
            self.paths,
            pool,
            observer,
            done_before,
        )
    }

    /// The maps from every cell's statistics, in cell order.
    pub fn assemble(self, stats: Vec<ExactStats>) -> Vec<VerdictMap> {
        assert_eq!(stats.len(), self.len(), "statistics per cell");
        let s = &self.scenario;
        let (paths, xs) = (self.paths, c0_axis());
        let mut stats = stats.into_iter();
        let own_x = s.offer_comp() / s.candidate.floor;
        self.grids
            .into_iter()
            .map(|(kind, ys)| {
                let cells = xs
                    .iter()
                    .flat_map(|&x| ys.iter().map(move |&y| (x, y)))
                    .map(|(x, y)| {
                        let exact = stats.next().expect("statistics per cell");
                        cell(&cell_scenario(s, kind, x, y), x, y, paths, exact)
                    })
                    .collect();
                let (x_lines, y_lines, regions) = rule_regions(s, kind, &xs, &ys);
                VerdictMap {
                    kind,
                    xs: xs.clone(),
                    ys,
                    cells,
                    paths,
                    seed: s.simulation.seed,
                    own: (own_x, kind.own_y(s)),
                    x_lines,
                    y_lines,
                    regions,
                }
            })
            .collect()
    }
}

/// The pick and verdicts of one cell, through the verdict's own rules.
fn cell(e: &Scenario, x: f64, y: f64, paths: u64, exact: ExactStats) -> Cell {
    let rule = rule_of_thumb(e).verdict;
    let agg = Aggregate {
        paths,
        seed: e.simulation.seed,
        exact,
        sketches: Sketches::default(),
        fan: Fan::default(),
    };
    let sim = simulation_verdict(&agg, e.decision.max_runway_risk, e.decision.toss_up, rule);
    let tied = Strategy::ALL
        .into_iter()
        .filter(|s| sim.tied_with.contains(s) || sim.toss_up_with.contains(s))
        .collect();
    Cell {
        c0_over_floor: x,
        y,
        pick: sim.strategy,
        verdict: sim.verdict,
        rule,
        tied,
        means: PerStrategy::from_fn(|s| exact.strategies[s].value.mean()),
    }
}

/// The rule's lines inside the map and the verdict of each region between
/// them (the rule asked at the region's centre).
fn rule_regions(
    s: &Scenario,
    kind: MapKind,
    xs: &[f64],
    ys: &[f64],
) -> (Vec<f64>, Vec<f64>, Vec<Region>) {
    let half = |v: &[f64]| 0.5 * (v[1] - v[0]);
    let (x0, x1) = (xs[0] - half(xs), xs[xs.len() - 1] + half(xs));
    let (y0, y1) = (ys[0] - half(ys), ys[ys.len() - 1] + half(ys));
    let inside = |lo: f64, hi: f64| move |v: &f64| *v > lo && *v < hi;
    // gap <= small_gap  <=>  C0 / floor >= 1 - small_gap.
    let x_lines: Vec<f64> = [1.0 - s.decision.small_gap]
        .into_iter()
        .filter(inside(x0, x1))
        .collect();
    let y_lines: Vec<f64> = match kind {
        MapKind::Role => vec![s.decision.strong_role],
        MapKind::Runway => RUNWAY_RULE.to_vec(),
    }
    .into_iter()
    .filter(inside(y0, y1))
    .collect();
    let edges = |lo: f64, lines: &[f64], hi: f64| {
        let mut v = vec![lo];
        v.extend_from_slice(lines);
        v.push(hi);
        v
    };
    let (xe, ye) = (edges(x0, &x_lines, x1), edges(y0, &y_lines, y1));
    let mut regions = Vec::new();
    for xw in xe.windows(2) {
        for yw in ye.windows(2) {
            let (cx, cy) = (0.5 * (xw[0] + xw[1]), 0.5 * (yw[0] + yw[1]));
            regions.push(Region {
                x: (xw[0], xw[1]),
                y: (yw[0], yw[1]),
                rule: rule_of_thumb(&cell_scenario(s, kind, cx, cy)).verdict,
            });
        }
    }
    (x_lines, y_lines, regions)
}

/// The exact statistics of each set of inputs in `params` (which differ
/// only in inputs that do not change a distribution) on the first `paths`
/// paths of `seed`: per chunk, what the engine gathers for a run's value
/// means, differences with accept, pairs and runway exhaustion, merged in
/// chunk order. Tasks are (chunk, block of cells); each draws its chunk's
/// worlds once and plays its cells in every one.
pub fn evaluate(
    params: &[Params],
    seed: u64,
    paths: u64,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
    done_before: u64,
) -> Result<Vec<ExactStats>, Interrupted> {
    let mut total = vec![ExactStats::default(); params.len()];
    if params.is_empty() || paths == 0 {
        return Ok(total);
    }
    let chunks = paths.div_ceil(CHUNK_PATHS);
    let blocks = params.len().div_ceil(BLOCK_CELLS);
    let done = AtomicU64::new(done_before);
    let mut first = 0;
    while first < chunks {
        if observer.should_stop() {
            return Err(Interrupted);
        }
        let last = (first + WAVE_CHUNKS).min(chunks);
        let tasks: Vec<(u64, usize)> = (first..last)
            .flat_map(|c| (0..blocks).map(move |b| (c, b)))
            .collect();
        let wave: Vec<Option<Vec<ExactStats>>> = pool.install(|| {
            tasks
                .par_iter()
                .map(|&(chunk, block)| {
                    if observer.should_stop() {
                        return None;
                    }
                    let cells =
                        &params[block * BLOCK_CELLS..params.len().min((block + 1) * BLOCK_CELLS)];
                    let n = CHUNK_PATHS.min(paths - chunk * CHUNK_PATHS);
                    let stats = play_block(cells, seed, chunk, n as usize);
                    let units = n * cells.len() as u64;
                    observer.paths_done(done.fetch_add(units, Ordering::Relaxed) + units);
                    Some(stats)
                })
                .collect()
        });
        // Tasks are in chunk order, and blocks in cell order within a chunk.
        for (k, stats) in wave.into_iter().enumerate() {
            let stats = stats.ok_or(Interrupted)?;
            let block = k % blocks;
            for (c, s) in stats.iter().enumerate() {
                total[block * BLOCK_CELLS + c].merge(s);
            }
        }
        first = last;
    }
    Ok(total)
}

/// An ordinary run of `s` (its paths and seed) reduced to what a pick
/// reads: [`evaluate`] of its inputs, so value means, differences, pairs
/// and runway exhaustion are a run's to the last bit, without the
/// sketches and the other columns a run also gathers.
pub fn run_exact(
    s: &Scenario,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
) -> Result<Aggregate, Interrupted> {
    let (paths, seed) = (s.simulation.paths, s.simulation.seed);
    let exact = evaluate(&[Params::new(s)], seed, paths, pool, observer, 0)?[0];
    Ok(Aggregate {
        paths,
        seed,
        exact,
        sketches: Sketches::default(),
        fan: Fan::default(),
    })
}

/// Plays `n` paths of chunk `chunk` in every cell of `cells` and gathers
/// each cell's statistics as the engine's `Columns::exact` does.
fn play_block(cells: &[Params], seed: u64, chunk: u64, n: usize) -> Vec<ExactStats> {
    const K: usize = Strategy::COUNT;
    let mut values = vec![0.0; cells.len() * K * n];
    let mut exhausted = vec![PerStrategy::<u64>::default(); cells.len()];
    let mut rng = chunk_rng(seed, chunk);
    let mut world = World::new(&cells[0]);
    for i in 0..n {
        world.draw(&mut rng);
        for (c, p) in cells.iter().enumerate() {
            let o = play_all(p, &mut world).by_strategy;
            for s in Strategy::ALL {
                values[(c * K + s.index()) * n + i] = o[s].value;
                exhausted[c][s] += u64::from(o[s].runway_exhausted);
            }
        }
    }
    (0..cells.len())
        .map(|c| {
            let v = PerStrategy::from_fn(|s| &values[(c * K + s.index()) * n..][..n]);
            let pairs = PAIRS.map(|(a, b)| Moments::of_difference(v[a], Some(v[b])));
            let mut e = ExactStats {
                pairs,
                ..ExactStats::default()
            };
            for s in Strategy::ALL {
                let m = &mut e.strategies[s];
                m.value = Moments::of(v[s]);
                m.diff = if s == Strategy::Accept {
                    Moments::zeros(n as u64)
                } else {
                    pairs[pair_index(Strategy::Accept, s)].negated()
                };
                m.runway_exhausted = exhausted[c][s];
            }
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::engine::{self, Plan, Quiet};
    use crate::scenario::parse_str;

    /// An unemployed candidate whose offer is all base, so that a cell's
    /// edit can be written as a scenario file by hand.
    fn text(base: f64, role: f64, runway: f64, paths: u64) -> String {
        format!(
            "[offer]\nbase = {base}\n[offer.role]\nstrength = {role}\n\
             [candidate]\nfloor = 160000\nrunway_months = {runway}\n\
             [simulation]\npaths = {paths}\nseed = 11\n"
        )
    }

    fn scenario(t: &str) -> Scenario {
        parse_str(t, Path::new("cell.toml")).unwrap()
    }

    /// Two chunks, the second short: the merge in chunk order is exercised.
    const PATHS: u64 = 5_000;

    #[test]
    fn a_cell_is_a_run_of_the_scenario_edited_to_it() {
        let s = scenario(&text(150_000.0, 0.6, 4.0, PATHS));
        let pool = engine::pool(Some(2)).unwrap();
        let maps = maps(&s, PATHS, &pool, &Quiet, 0).unwrap();
        let cases = [
            (MapKind::Role, 0, 0),
            (MapKind::Role, 22, 13),
            (MapKind::Role, 40, 20),
            (MapKind::Runway, 5, 1),
            (MapKind::Runway, 25, 9),
            (MapKind::Runway, 40, 24),
        ];
        for (kind, i, j) in cases {
            let m = maps.iter().find(|m| m.kind == kind).unwrap();
            let c = m.cell(i, j);
            let (x, y) = (m.xs[i], m.ys[j]);
            assert_eq!((c.c0_over_floor, c.y), (x, y));
            // The edit written out as a file, read by the reader.
            let base = x * 160_000.0;
            let t = match kind {
                MapKind::Role => text(base, y, 4.0, PATHS),
                MapKind::Runway => text(base, 0.6, y, PATHS),
            };
            let e = scenario(&t);
            let params = Params::new(&e);
            let plan = Plan {
                paths: PATHS,
                seed: 11,
                charts: false,
            };
            let agg = engine::simulate(&params, &plan, &pool, &Quiet).unwrap();
            let rule = rule_of_thumb(&e).verdict;
            let sim =
                simulation_verdict(&agg, e.decision.max_runway_risk, e.decision.toss_up, rule);
            let at = format!("{kind:?} ({x}, {y})");
            assert_eq!(c.pick, sim.strategy, "{at}");
            assert_eq!(c.rule, rule, "{at}");
            for st in Strategy::ALL {
                let run = agg.exact.strategies[st].value.mean();
                assert_eq!(c.means[st].to_bits(), run.to_bits(), "{at} {st:?}");
            }
            // And every statistic the pick reads, to the bit.
            let ev = &evaluate(&[params], 11, PATHS, &pool, &Quiet, 0).unwrap()[0];
            assert_eq!(ev.pairs, agg.exact.pairs, "{at}");
            for st in Strategy::ALL {
                let (a, b) = (&ev.strategies[st], &agg.exact.strategies[st]);
                assert_eq!((a.value, a.diff), (b.value, b.diff), "{at} {st:?}");
                assert_eq!(a.runway_exhausted, b.runway_exhausted, "{at} {st:?}");
            }
        }
    }

    #[test]
    fn the_maps_have_their_shapes_and_an_employed_candidate_no_runway_map() {
        let s = scenario(&text(150_000.0, 0.6, 4.0, 300));
        let pool = engine::pool(Some(1)).unwrap();
        let maps = maps(&s, 300, &pool, &Quiet, 0).unwrap();
        assert_eq!(
            maps.iter().map(|m| m.kind).collect::<Vec<_>>(),
            MapKind::ALL
        );
        for (m, rows, top) in [(&maps[0], 21, 1.0), (&maps[1], 25, 12.0)] {
            assert_eq!(
                (m.xs.len(), m.ys.len(), m.cells.len()),
                (41, rows, 41 * rows)
            );
            assert_eq!((m.xs[0], m.xs[40]), (0.7, 1.1));
            assert_eq!((m.ys[0], m.ys[rows - 1]), (0.0, top));
            // x-major: the second axis runs fastest.
            assert_eq!((m.cells[1].c0_over_floor, m.cells[1].y), (0.7, m.ys[1]));
            assert_eq!(
                m.own,
                (
                    150_000.0 / 160_000.0,
                    [0.6, 4.0][maps.iter().position(|n| n.kind == m.kind).unwrap()]
                )
            );
        }
        let employed = scenario(
            "[offer]\nbase = 150000\n[candidate]\nfloor = 160000\nemployed = true\n\
             current_comp = 140000\n[simulation]\npaths = 300\n",
        );
        let maps = super::maps(&employed, 300, &pool, &Quiet, 0).unwrap();
        assert_eq!(maps.len(), 1);
        assert_eq!(maps[0].kind, MapKind::Role);
    }

    #[test]
    fn the_rule_s_regions_sit_between_its_lines() {
        let s = scenario(&text(150_000.0, 0.6, 4.0, 300));
        let (xs, ys) = (c0_axis(), MapKind::Role.ys());
        let (xl, yl, regions) = rule_regions(&s, MapKind::Role, &xs, &ys);
        // Defaults: a gap is small up to 5%, a role strong from 0.5.
        assert_eq!(xl, [1.0 - 0.05]);
        assert_eq!(yl, [0.5]);
        assert_eq!(regions.len(), 4);
        // Runway 4 months (between 3 and 6): a walk becomes a counter.
        let at = |x: f64, y: f64| {
            regions
                .iter()
                .find(|r| r.x.0 < x && x < r.x.1 && r.y.0 < y && y < r.y.1)
                .unwrap()
                .rule
        };
        assert_eq!(at(1.0, 0.9), Verdict::Take);
        assert_eq!(at(0.8, 0.9), Verdict::CounterThenDecide);
        assert_eq!(at(1.0, 0.1), Verdict::CounterThenDecide);
        assert_eq!(at(0.8, 0.1), Verdict::CounterThenDecide);
        let (_, yl, regions) = rule_regions(&s, MapKind::Runway, &xs, &MapKind::Runway.ys());
        assert_eq!(yl, RUNWAY_RULE);
        assert_eq!(regions.len(), 6);
        // Role 0.6 is strong: below 3 months TAKE, from 6 the quadrant's.
        let low = regions
            .iter()
            .find(|r| r.y.1 == 3.0 && r.x.0 < 0.9)
            .unwrap();
        assert_eq!(low.rule, Verdict::Take);
        let high = regions
            .iter()
            .find(|r| r.y.0 == 6.0 && r.x.0 < 0.9)
            .unwrap();
        assert_eq!(high.rule, Verdict::CounterThenDecide);
    }
}
