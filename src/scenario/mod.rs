//! Scenario files: every key declared once ([`keys`]), reading and
//! validation, and the typed [`Scenario`]. A [`Scenario`] that exists is
//! valid: every bound was checked when it was read.

pub mod edit;
mod error;
mod generate;
mod inputs;
pub mod keys;
mod read;
mod samples;
mod schema;
pub mod shown;
pub mod stem;
mod warnings;

pub use error::{ScenarioError, ScenarioErrors};
pub use generate::{docs, template};
pub(crate) use inputs::toml_of;
pub use inputs::{ResolvedInput, Source, inputs, key_paths, resolved_toml};
pub use read::{load_file, parse_str};
pub use schema::*;
pub use warnings::{CHECKS, Check, Warning, warnings};

/// The commented scenario that `walkaway init` writes: every key with its
/// default, embedded so an installed binary needs no file beside it. It is
/// generated from [`keys`] and checked in (a test keeps the two equal).
pub const TEMPLATE: &str = include_str!("template.toml");

#[cfg(test)]
mod tests {
    use std::path::Path;

    use sha2::Digest;

    use super::*;

    #[test]
    fn template_values_are_the_schema_defaults() {
        let path = Path::new("dir/scenario.toml");
        let template = parse_str(TEMPLATE, path).expect("the template is a valid scenario");
        // The same three required numbers and nothing else: every other key
        // takes the reader's default.
        let minimal = parse_str(
            "[offer]\nbase = 150000\n[candidate]\nfloor = 165000\nrunway_months = 6\n",
            path,
        )
        .unwrap();
        let mut t = template.clone();
        t.source_sha256 = minimal.source_sha256;
        t.given = minimal.given.clone();
        assert_eq!(t, minimal);
        assert_ne!(template.source_sha256, minimal.source_sha256);
    }

    #[test]
    fn template_shows_every_key_in_order() {
        // Each declared key (or section header) starts a line, set or
        // commented out, in the order of the declarations; an inline section
        // is one `name = { ... }` line holding its keys in order.
        let mut lines = TEMPLATE.lines().map(|l| l.trim_start_matches("# "));
        let mut section = None;
        for k in keys::KEYS {
            let spec = keys::SECTIONS.iter().find(|s| s.name == k.section).unwrap();
            let name = spec.name.rsplit('.').next().unwrap();
            if section != Some(spec.name) {
                section = Some(spec.name);
                if spec.inline {
                    let line = lines
                        .find(|l| l.starts_with(&format!("{name} = {{")))
                        .unwrap_or_else(|| panic!("no `{name} = {{` line"));
                    let mut rest = line;
                    for item in keys::KEYS.iter().filter(|i| i.section == spec.name) {
                        let at = rest
                            .find(&format!(" {} = ", item.name))
                            .unwrap_or_else(|| panic!("`{}` out of order", item.path()));
                        rest = &rest[at + 1..];
                    }
                } else if !spec.name.is_empty() {
                    let header = format!("[{}]", spec.name);
                    assert!(
                        lines.any(|l| l == header || l.starts_with(&format!("{header} "))),
                        "`{header}` missing or out of order"
                    );
                }
            }
            if !spec.inline {
                assert!(
                    lines.any(|l| l.starts_with(&format!("{} = ", k.name))),
                    "`{}` missing or out of order in the template",
                    k.path()
                );
            }
        }
    }

    #[test]
    fn the_schema_names_are_the_declared_keys() {
        let names = |section: &str| -> Vec<&str> {
            keys::KEYS
                .iter()
                .filter(|k| k.section == section)
                .map(|k| k.name)
                .collect()
        };
        assert_eq!(names("offer.role")[..6], ROLE_SCORES);
        assert_eq!(names("offer.role.weights"), ROLE_SCORES);
        let reasons: Vec<&str> = REAL_REASONS.iter().chain(&FEELINGS).copied().collect();
        assert_eq!(names("reasons"), reasons);
    }

    #[test]
    fn the_hash_is_of_the_file_bytes() {
        let s = parse_str(TEMPLATE, Path::new("scenario.toml")).unwrap();
        let hex = s.source_sha256_hex();
        assert_eq!(hex.len(), 64);
        assert!(
            hex.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        // SHA-256 of the empty string is a well-known value; the hex form
        // must print it the usual way.
        let empty: [u8; 32] = sha2::Sha256::digest(b"").into();
        let mut e = s.clone();
        e.source_sha256 = empty;
        assert_eq!(
            e.source_sha256_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
