//! Removes optional outputs that an earlier run left in the folders this
//! run writes, when this run does not write them: a `paths.csv` or
//! `summary.json` from another seed beside fresh CSV files would be read as
//! this run's. Only our own file names, only in this run's folders.

use std::io;
use std::path::{Path, PathBuf};

use super::{Exporter, ScenarioReport};

pub struct RemoveStale {
    /// File names to remove from the output folder and each scenario folder.
    pub batch: Vec<&'static str>,
    pub per_scenario: Vec<&'static str>,
}

fn remove(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io::Error::new(
            e.kind(),
            format!(
                "{}: cannot remove an earlier run's file: {e}",
                path.display()
            ),
        )),
        _ => Ok(()),
    }
}

impl Exporter for RemoveStale {
    fn write(&self, reports: &[ScenarioReport], out: &Path) -> io::Result<Vec<PathBuf>> {
        for name in &self.batch {
            remove(&out.join(name))?;
        }
        for r in reports {
            for name in &self.per_scenario {
                remove(&r.dir(out).join(name))?;
            }
        }
        Ok(Vec::new())
    }
}
