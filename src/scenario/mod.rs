//! Scenario files: the schema with its defaults (SCENARIO.md), reading and
//! validation. A [`Scenario`] that exists is valid: every bound was checked
//! when it was read.

mod error;
mod read;
mod schema;

pub use error::{ScenarioError, ScenarioErrors};
pub use read::{load_file, parse_str};
pub use schema::*;

/// The commented scenario that `walkaway init` writes: every key with its
/// default, embedded so an installed binary needs no file beside it.
pub const TEMPLATE: &str = include_str!("template.toml");

#[cfg(test)]
mod tests {
    use std::path::Path;

    use sha2::Digest;

    use super::*;

    /// Every key of SCENARIO.md, as `walkaway init` must show it.
    const KEYS_BEFORE_FEELINGS: [&str; 64] = [
        "name",
        "currency",
        "[offer]",
        "base",
        "bonus_pct",
        "equity_per_year",
        "sign_on",
        "[offer.role]",
        "scope",
        "manager",
        "team",
        "growth",
        "location",
        "equity_quality",
        "strength",
        "weights",
        "[candidate]",
        "floor",
        "wish",
        "runway_months",
        "employed",
        "current_comp",
        "[market]",
        "median_comp",
        "growth",
        "softness",
        "search_weeks",
        "offer",
        "fit",
        "[counter]",
        "success",
        "meet",
        "rescind",
        "weeks",
        "min_ask",
        "[reengage]",
        "probability",
        "months",
        "uplift",
        "switch_threshold",
        "[career]",
        "horizon_years",
        "discount_rate",
        "raise",
        "tenure_years",
        "job_change_bump",
        "anchor_persistence",
        "growth_premium",
        "role_value",
        "[distress]",
        "offer",
        "weeks",
        "fit",
        "[decision]",
        "small_gap",
        "strong_role",
        "walk_tolerance",
        "max_runway_risk",
        "[reasons]",
        "below_floor_after_second_counter",
        "recruiter_pushback",
        "scope_downgraded",
        "red_flag",
        "articulated_gut",
    ];

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
        assert_eq!(t, minimal);
        assert_ne!(template.source_sha256, minimal.source_sha256);
    }

    #[test]
    fn template_shows_every_key_in_order() {
        // Each key (or section header) appears at the start of a line, set or
        // commented out, in the order of SCENARIO.md.
        let mut rest = TEMPLATE;
        let keys =
            KEYS_BEFORE_FEELINGS
                .iter()
                .chain(&FEELINGS)
                .chain(&["[simulation]", "paths", "seed"]);
        for key in keys {
            let at = rest
                .lines()
                .position(|l| {
                    let l = l.trim_start_matches("# ");
                    l == *key || l.starts_with(&format!("{key} "))
                })
                .unwrap_or_else(|| panic!("`{key}` missing or out of order in the template"));
            let skip: usize = rest.lines().take(at + 1).map(|l| l.len() + 1).sum();
            rest = &rest[skip.min(rest.len())..];
        }
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
