//! `OUT/<scenario>/paths.csv` (with `--per-path N`, docs/outputs.md): the
//! outcomes of the first N paths of the run, one row per path and strategy,
//! for readers who want distributions the summary does not show. Paths are
//! numbered from 0, as the engine numbers them (path k is path k % 4096 of
//! chunk k / 4096). The batch replays them ([`ScenarioReport::first_paths`]);
//! this module only writes them.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::csv::write_csv;
use super::format::{Csv, Num};
use super::{Exporter, ScenarioReport};
use crate::model::{PathOutcomes, Strategy};

/// One row of `paths.csv`: one strategy on one path.
#[derive(Debug, Default, Serialize)]
pub struct PathRow {
    pub path: u64,
    pub strategy: &'static str,
    pub value: Num<Csv>,
    pub earnings: Num<Csv>,
    pub weeks_to_job: Num<Csv>,
    pub runway_exhausted: bool,
    pub reengaged: bool,
    pub comp_at_horizon: Num<Csv>,
    pub distressed: bool,
}

/// The rows of `outcomes`, path by path, strategies in [`Strategy::ALL`]
/// order (made one at a time: `--per-path` may ask for a million paths).
pub fn path_rows(outcomes: &[PathOutcomes]) -> impl Iterator<Item = PathRow> + '_ {
    (0u64..).zip(outcomes).flat_map(|(k, o)| {
        Strategy::ALL.map(|s| {
            let x = &o.by_strategy[s];
            PathRow {
                path: k,
                strategy: s.name(),
                value: x.value.into(),
                earnings: x.earnings.into(),
                weeks_to_job: x.weeks_to_job.into(),
                runway_exhausted: x.runway_exhausted,
                reengaged: x.reengaged,
                comp_at_horizon: x.comp_at_horizon.into(),
                distressed: x.distressed,
            }
        })
    })
}

/// Writes the replayed paths of a scenario: the batch replays
/// `min(--per-path, paths)` of them (a batch may mix path counts, so asking
/// for more than a scenario has is not an error).
pub struct PathsCsv;

impl Exporter for PathsCsv {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join("paths.csv");
        write_csv::<PathRow>(&path, path_rows(&r.first_paths))?;
        Ok(vec![path])
    }
}
