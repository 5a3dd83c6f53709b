//! walkaway: a Monte Carlo simulator for the decision to accept, counter or
//! walk away from a job offer that sits below your floor.
//!
//! The library knows nothing of the terminal: [`batch`] takes scenario paths
//! and writes outputs, [`engine`] runs paths in parallel, [`model`] holds the
//! rules of docs/model.md, [`verdict`] the two verdicts and [`report`] the files.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod batch;
pub mod engine;
pub mod frontier;
pub mod model;
pub mod report;
pub mod rerun;
pub mod scenario;
pub mod sensitivity;
pub mod shard;
pub mod stats;
pub mod sweep;
pub mod verdict;
