//! `frontier.csv` and `offer_bands.csv` (docs/outputs.md): the walk-away
//! numbers of each scenario, one row per scenario, and its verdict by offer,
//! one row per band. Written per scenario and for the batch; a scenario run
//! without them (`--no-frontier`) has no rows.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::csv::write_csv;
use super::format::{Cells, Csv, Num};
use super::{BatchExporter, BatchRow, Exporter, ScenarioReport};
use crate::frontier::Frontier;

pub const FRONTIER_CSV: &str = "frontier.csv";
pub const OFFER_BANDS_CSV: &str = "offer_bands.csv";

/// One row of `frontier.csv`: one scenario's walk-away numbers (empty
/// cells for those that do not exist).
#[derive(Debug, Default, Serialize)]
#[serde(bound = "")]
pub struct FrontierRow<'a, F: Cells> {
    pub scenario: &'a str,
    pub floor: Num<F>,
    pub offer_comp: Num<F>,
    pub take_at: Option<Num<F>>,
    pub take_at_se: Option<Num<F>>,
    pub walk_below: Option<Num<F>>,
    pub walk_below_se: Option<Num<F>>,
    pub best_floor: Option<Num<F>>,
    pub best_floor_value: Option<Num<F>>,
    pub best_floor_gain: Option<Num<F>>,
    pub best_floor_gain_se: Option<Num<F>>,
    pub runway_needed: Option<Num<F>>,
    pub frontier_paths: u64,
}

/// One row of `offer_bands.csv`: one band of a scenario's verdict by offer.
#[derive(Debug, Default, Serialize)]
#[serde(bound = "")]
pub struct OfferBandRow<'a, F: Cells> {
    pub scenario: &'a str,
    pub c0_lo: Num<F>,
    pub c0_hi: Num<F>,
    pub strategy: &'static str,
    pub verdict: &'static str,
}

pub fn frontier_row<'a, F: Cells>(scenario: &'a str, f: &Frontier) -> FrontierRow<'a, F> {
    let b = f.best_floor;
    FrontierRow {
        scenario,
        floor: f.floor.into(),
        offer_comp: f.offer_comp.into(),
        take_at: f.take_at.map(|x| x.at.into()),
        take_at_se: f.take_at.map(|x| x.se.into()),
        walk_below: f.walk_below.map(|x| x.at.into()),
        walk_below_se: f.walk_below.map(|x| x.se.into()),
        best_floor: b.map(|x| x.floor.into()),
        best_floor_value: b.map(|x| x.value.into()),
        best_floor_gain: b.map(|x| x.gain.into()),
        best_floor_gain_se: b.map(|x| x.gain_se.into()),
        runway_needed: f.runway_needed.map(Num::from),
        frontier_paths: f.frontier_paths,
    }
}

pub fn band_rows<'a, F: Cells>(scenario: &'a str, f: &Frontier) -> Vec<OfferBandRow<'a, F>> {
    f.bands
        .iter()
        .map(|b| OfferBandRow {
            scenario,
            c0_lo: b.c0_lo.into(),
            c0_hi: b.c0_hi.into(),
            strategy: b.strategy.name(),
            verdict: b.strategy.class().as_str(),
        })
        .collect()
}

fn rows_of(r: &BatchRow) -> Option<(&str, &Frontier)> {
    r.frontier.as_ref().map(|f| (r.scenario.stem.as_str(), f))
}

/// `OUT/<scenario>/frontier.csv` and `OUT/frontier.csv`.
pub struct FrontierCsv;

impl Exporter for FrontierCsv {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join(FRONTIER_CSV);
        let stem = r.scenario.stem.as_str();
        let rows = r.frontier.iter().map(|f| frontier_row::<Csv>(stem, f));
        write_csv::<FrontierRow<Csv>>(&path, rows)?;
        Ok(vec![path])
    }
}

impl BatchExporter for FrontierCsv {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        let path = out.join(FRONTIER_CSV);
        let rows = rows
            .iter()
            .filter_map(rows_of)
            .map(|(s, f)| frontier_row::<Csv>(s, f));
        write_csv::<FrontierRow<Csv>>(&path, rows)?;
        Ok(vec![path])
    }
}

/// `OUT/<scenario>/offer_bands.csv` and `OUT/offer_bands.csv`.
pub struct OfferBandsCsv;

impl Exporter for OfferBandsCsv {
    fn write(&self, r: &ScenarioReport, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let path = dir.join(OFFER_BANDS_CSV);
        let stem = r.scenario.stem.as_str();
        let rows = r.frontier.iter().flat_map(|f| band_rows::<Csv>(stem, f));
        write_csv::<OfferBandRow<Csv>>(&path, rows)?;
        Ok(vec![path])
    }
}

impl BatchExporter for OfferBandsCsv {
    fn write(&self, rows: &[BatchRow], out: &Path) -> io::Result<Vec<PathBuf>> {
        let path = out.join(OFFER_BANDS_CSV);
        let rows = rows
            .iter()
            .filter_map(rows_of)
            .flat_map(|(s, f)| band_rows::<Csv>(s, f));
        write_csv::<OfferBandRow<Csv>>(&path, rows)?;
        Ok(vec![path])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontier::{Band, BestFloor, Boundary};
    use crate::model::Strategy;
    use crate::report::format::columns;

    fn frontier() -> Frontier {
        Frontier {
            frontier_paths: 500,
            floor: 100.0,
            offer_comp: 90.0,
            bands: vec![
                Band {
                    c0_lo: 50.0,
                    c0_hi: 80.25,
                    strategy: Strategy::Walk,
                },
                Band {
                    c0_lo: 80.25,
                    c0_hi: 150.0,
                    strategy: Strategy::Accept,
                },
            ],
            take_at: Some(Boundary { at: 80.25, se: 1.5 }),
            walk_below: Some(Boundary { at: 80.25, se: 1.5 }),
            best_floor: Some(BestFloor {
                floor: 97.0,
                value: 10.0,
                gain: 0.5,
                gain_se: 0.25,
            }),
            runway_needed: None,
            curve: vec![],
        }
    }

    fn lines<T: Serialize>(rows: &[T]) -> String {
        let mut c = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        rows.iter().for_each(|r| c.serialize(r).unwrap());
        String::from_utf8(c.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn columns_are_the_documented_ones_and_absent_numbers_are_empty() {
        assert_eq!(
            columns::<FrontierRow<Csv>>(),
            [
                "scenario",
                "floor",
                "offer_comp",
                "take_at",
                "take_at_se",
                "walk_below",
                "walk_below_se",
                "best_floor",
                "best_floor_value",
                "best_floor_gain",
                "best_floor_gain_se",
                "runway_needed",
                "frontier_paths"
            ]
        );
        assert_eq!(
            columns::<OfferBandRow<Csv>>(),
            ["scenario", "c0_lo", "c0_hi", "strategy", "verdict"]
        );
        let f = frontier();
        assert_eq!(
            lines(&[frontier_row::<Csv>("a", &f)]),
            "a,100,90,80.25,1.5,80.25,1.5,97,10,0.5,0.25,,500\n"
        );
        assert_eq!(
            lines(&band_rows::<Csv>("a", &f)),
            "a,50,80.25,walk,WALK\na,80.25,150,accept,TAKE\n"
        );
    }
}
