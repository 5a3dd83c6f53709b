//! Scenario files: the schema with its defaults (SCENARIO.md), reading and
//! validation. A [`Scenario`] that exists is valid: every bound was checked
//! when it was read.

mod error;
mod read;
mod schema;

pub use error::{ScenarioError, ScenarioErrors};
pub use read::{load_file, parse_str};
pub use schema::*;
