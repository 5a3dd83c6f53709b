//! `map_role.csv` and `map_runway.csv` (docs/outputs.md): one row per cell
//! of a verdict map, the offer axis first.

use std::io;
use std::path::Path;

use serde::Serialize;

use super::csv::write_csv;
use super::format::{Cells, Csv, List, Num};
use crate::sensitivity::maps::{Cell, MapKind, VerdictMap};

/// One cell of `map_role.csv`.
#[derive(Debug, Default, Serialize)]
#[serde(bound = "")]
pub struct RoleMapRow<F: Cells> {
    pub c0_over_floor: Num<F>,
    pub role_strength: Num<F>,
    pub pick: &'static str,
    pub verdict: &'static str,
    pub rule_verdict: &'static str,
    pub tied: List<'static, F>,
}

/// One cell of `map_runway.csv`.
#[derive(Debug, Default, Serialize)]
#[serde(bound = "")]
pub struct RunwayMapRow<F: Cells> {
    pub c0_over_floor: Num<F>,
    pub runway_months: Num<F>,
    pub pick: &'static str,
    pub verdict: &'static str,
    pub rule_verdict: &'static str,
    pub tied: List<'static, F>,
}

fn tied<F: Cells>(c: &Cell) -> List<'static, F> {
    c.tied.iter().map(|s| s.name()).collect::<Vec<_>>().into()
}

pub fn role_row<F: Cells>(c: &Cell) -> RoleMapRow<F> {
    RoleMapRow {
        c0_over_floor: c.c0_over_floor.into(),
        role_strength: c.y.into(),
        pick: c.pick.name(),
        verdict: c.verdict.as_str(),
        rule_verdict: c.rule.as_str(),
        tied: tied(c),
    }
}

pub fn runway_row<F: Cells>(c: &Cell) -> RunwayMapRow<F> {
    RunwayMapRow {
        c0_over_floor: c.c0_over_floor.into(),
        runway_months: c.y.into(),
        pick: c.pick.name(),
        verdict: c.verdict.as_str(),
        rule_verdict: c.rule.as_str(),
        tied: tied(c),
    }
}

/// Writes map `m` to `path` atomically.
pub fn write(path: &Path, m: &VerdictMap) -> io::Result<()> {
    match m.kind {
        MapKind::Role => write_csv::<RoleMapRow<Csv>>(path, m.cells.iter().map(role_row::<Csv>)),
        MapKind::Runway => {
            write_csv::<RunwayMapRow<Csv>>(path, m.cells.iter().map(runway_row::<Csv>))
        }
    }
}
