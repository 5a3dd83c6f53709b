//! `OUT/<scenario>/paths.csv` (with `--per-path N`): the outcomes of the
//! first N paths of the run, one row per path and strategy, for readers who
//! want distributions the summary does not show. Paths are numbered from 0,
//! as the engine numbers them (path k is path k % 4096 of chunk k / 4096).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::format::plain;
use super::{Exporter, ScenarioReport};
use crate::engine::first_paths;
use crate::model::{Params, Strategy};

pub const PATH_COLUMNS: [&str; 9] = [
    "path",
    "strategy",
    "value",
    "earnings",
    "weeks_to_job",
    "runway_exhausted",
    "reengaged",
    "comp_at_horizon",
    "distressed",
];

/// Writes up to `n` paths per scenario: a scenario with fewer paths gets
/// all of them (a batch may mix path counts, so asking for more is not an
/// error).
pub struct PathsCsv {
    pub n: u64,
}

impl Exporter for PathsCsv {
    fn write(&self, reports: &[ScenarioReport], out: &Path) -> io::Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for r in reports {
            let n = self.n.min(r.aggregate.paths);
            let outcomes = first_paths(&Params::new(&r.scenario), r.aggregate.seed, n);
            let path = r.dir(out).join("paths.csv");
            write_atomic(&path, |w: &mut dyn Write| {
                let mut c = ::csv::Writer::from_writer(w);
                c.write_record(PATH_COLUMNS)?;
                for (k, o) in outcomes.iter().enumerate() {
                    for s in Strategy::ALL {
                        let x = &o.by_strategy[s];
                        c.write_record([
                            k.to_string(),
                            s.name().to_string(),
                            plain(x.value),
                            plain(x.earnings),
                            plain(x.weeks_to_job),
                            x.runway_exhausted.to_string(),
                            x.reengaged.to_string(),
                            plain(x.comp_at_horizon),
                            x.distressed.to_string(),
                        ])?;
                    }
                }
                c.flush()
            })?;
            written.push(path);
        }
        Ok(written)
    }
}
