use std::fmt;
use std::path::PathBuf;

use super::shown::escaped;

/// One mistake in one scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    pub file: PathBuf,
    /// Where in the file: a key path (`market.search_weeks`) or `line:column`.
    pub location: Option<String>,
    pub message: String,
}

/// The file, place and message, with every control character escaped: a
/// file's name and the text a message quotes from it may hold anything.
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = escaped(&self.file.display().to_string());
        let message = escaped(&self.message);
        match &self.location {
            Some(loc) => write!(f, "{file}: {}: {message}", escaped(loc)),
            None => write!(f, "{file}: {message}"),
        }
    }
}

/// Every mistake found in one file, so a user can fix them in one go.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ScenarioErrors(pub Vec<ScenarioError>);

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}
