//! Optional outputs that an earlier run left in the folders this run writes,
//! when this run does not write them: a `paths.csv` or `summary.json` from
//! another seed beside fresh CSV files would be read as this run's. Only our
//! own file names, only in this run's folders. The batch removes a
//! scenario's once it has written that scenario's files, and the output
//! folder's once it has written the batch files, before the manifest.

use std::io;
use std::path::{Path, PathBuf};

use super::charts;
use super::manifest::RunManifest;

/// An earlier run's file that could not be removed.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot remove an earlier run's file", path.display())]
pub struct RemoveError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// The optional files a run with these flags does not write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stale {
    /// Names in the output folder.
    pub batch: Vec<&'static str>,
    /// Names in each scenario's folder.
    pub per_scenario: Vec<&'static str>,
}

impl Stale {
    pub fn of(flags: &RunManifest) -> Self {
        let mut stale = Stale::default();
        if !flags.json {
            stale.batch.extend(["summary.json", "verdicts.json"]);
            stale.per_scenario.extend(["summary.json", "verdicts.json"]);
        }
        if flags.per_path.is_none() {
            stale.per_scenario.push("paths.csv");
        }
        if !flags.frontier {
            let files = [
                super::frontier_csv::FRONTIER_CSV,
                super::frontier_csv::OFFER_BANDS_CSV,
            ];
            stale.batch.extend(files);
            stale.per_scenario.extend(files);
        }
        if !flags.charts {
            stale.batch.push(charts::OVERVIEW);
            stale.per_scenario.extend(charts::FILES);
        }
        stale
    }

    /// Removes the batch files from the output folder `out`; a file that
    /// is not there is fine.
    pub fn remove_batch(&self, out: &Path) -> Result<(), RemoveError> {
        self.batch
            .iter()
            .try_for_each(|name| remove(&out.join(name)))
    }

    /// Removes a scenario's files from its folder `dir`.
    pub fn remove_per_scenario(&self, dir: &Path) -> Result<(), RemoveError> {
        self.per_scenario
            .iter()
            .try_for_each(|name| remove(&dir.join(name)))
    }
}

/// The files of scenario folders an earlier run's `run.json` in `out`
/// lists, as (folder, file name); nothing when there is none or it cannot
/// be read. Only entries of the form `<folder>/<name>`, each one plain
/// name, are taken: a manifest never sends a removal outside `out`.
pub fn earlier_scenario_files(out: &Path) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(out.join(super::manifest::RUN_JSON)) else {
        return Vec::new();
    };
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let plain = |s: &str| {
        let mut c = Path::new(s).components();
        matches!(c.next(), Some(std::path::Component::Normal(_)))
            && c.next().is_none()
            && !s.contains(['/', '\\'])
    };
    v["outputs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o["path"].as_str())
        .filter_map(|p| p.split_once('/'))
        .filter(|(dir, name)| plain(dir) && plain(name))
        .map(|(dir, name)| (dir.to_string(), name.to_string()))
        .collect()
}

/// Removes the files an earlier run wrote for scenarios this run does not
/// have (`earlier`, from [`earlier_scenario_files`]), then each such folder
/// if nothing else is left in it: the batch files then describe every
/// scenario folder in `out`. Files walkaway did not write stay, and with
/// them their folder.
pub fn remove_earlier_scenarios(
    out: &Path,
    earlier: &[(String, String)],
    this_run: &[&str],
) -> Result<(), RemoveError> {
    let gone: Vec<&(String, String)> = earlier
        .iter()
        .filter(|(dir, _)| !this_run.contains(&dir.as_str()))
        .collect();
    for (dir, name) in &gone {
        remove(&out.join(dir).join(name))?;
    }
    for (dir, _) in gone {
        // Not empty (a file of the user's) or already gone: left as it is.
        let _ = std::fs::remove_dir(out.join(dir));
    }
    Ok(())
}

fn remove(path: &Path) -> Result<(), RemoveError> {
    match std::fs::remove_file(path) {
        Err(source) if source.kind() != io::ErrorKind::NotFound => Err(RemoveError {
            path: path.to_path_buf(),
            source,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_keeps_its_own_files_and_nothing_else() {
        let all = RunManifest {
            json: true,
            per_path: Some(5),
            charts: true,
            frontier: true,
            ..RunManifest::default()
        };
        assert_eq!(Stale::of(&all), Stale::default());
        let none = Stale::of(&RunManifest::default());
        assert_eq!(
            none.batch,
            [
                "summary.json",
                "verdicts.json",
                "frontier.csv",
                "offer_bands.csv",
                charts::OVERVIEW
            ]
        );
        let mut per = vec![
            "summary.json",
            "verdicts.json",
            "paths.csv",
            "frontier.csv",
            "offer_bands.csv",
        ];
        per.extend(charts::FILES);
        assert_eq!(none.per_scenario, per);
        // Never a file every run writes.
        for always in ["summary.csv", "verdicts.csv", "report.md", "run.json"] {
            assert!(!none.batch.contains(&always) && !none.per_scenario.contains(&always));
        }
    }
}
