//! The two texts written from the key declarations: the template that
//! `walkaway init` writes and the key tables of docs/scenario.md. Both are
//! checked in; a test fails when either differs from what the declarations
//! give, and `WALKAWAY_BLESS=1 cargo test --locked --lib generated` rewrites
//! them.

use std::fmt::Write;

use super::keys::{IfAbsent, KEYS, KeySpec, Kind, SECTIONS, SectionSpec, fill_bound};
use super::read::MIN_ROUND_WEEKS;

/// The template's opening comment.
const TEMPLATE_INTRO: &str = "\
# A walkaway scenario: one job offer, your floor, and the world around it.
#
# Only three numbers are yours to fill in before the first run: offer.base,
# candidate.floor and candidate.runway_months (not needed with
# employed = true). Every other key below is set to the value walkaway uses
# when the key is left out, so deleting a line changes nothing. Keys that
# start with \"# \" are optional and have no fixed default.
#
#   walkaway check scenario.toml     # validate without simulating
#   walkaway run scenario.toml       # simulate, print the verdicts, write output/
#
# A range [lo, hi] is a distribution: uniform (equally likely anywhere in the
# range) or ci90 (lognormal, 90% of draws inside the range) as noted per key.
# Write { uniform = [lo, hi] } or { ci90 = [lo, hi] } to pick the kind, or a
# single number to fix the value. A list of values, { values = [...],
# weights = [...] }, or your own data, { samples = \"data.csv\", column =
# \"name\" }, also works. docs/scenario.md explains every key.
";

/// The template `walkaway init` writes: every key with its default.
pub fn template() -> String {
    template_with(&|_| None)
}

/// The template with some values replaced: `value_of` gives the TOML text
/// of a key to write instead of its default (a key the template shows
/// commented out is then written as set).
pub(crate) fn template_with(value_of: &dyn Fn(&KeySpec) -> Option<String>) -> String {
    let mut out = TEMPLATE_INTRO.to_string();
    for (section, keys) in groups() {
        if section.inline {
            let name = section.name.rsplit('.').next().unwrap_or(section.name);
            let items: Vec<String> = keys
                .iter()
                .map(|k| format!("{} = {}", k.name, value(k, value_of).0))
                .collect();
            let body = format!("{name} = {{ {} }}", items.join(", "));
            let comment = fill_bound(section.comment, &keys[0].kind);
            out += &commented(&body, &comment);
            continue;
        }
        out.push('\n');
        if !section.name.is_empty() {
            out += &commented(&format!("[{}]", section.name), section.comment);
        }
        for k in keys {
            let (text, set) = value(k, value_of);
            let body = if set {
                format!("{} = {text}", k.name)
            } else {
                format!("# {} = {text}", k.name)
            };
            let comment = if k.comment {
                template_comment(k)
            } else {
                String::new()
            };
            out += &commented(&body, &comment);
        }
    }
    for section in keyless() {
        out.push('\n');
        out += &commented(&format!("[{}]", section.name), section.comment);
        for line in section.example.lines() {
            out += &format!("# {line}\n");
        }
    }
    out
}

/// Sections whose keys are not declared one by one: shown with their
/// example.
fn keyless() -> impl Iterator<Item = &'static SectionSpec> {
    SECTIONS
        .iter()
        .filter(|s| !s.name.is_empty() && !KEYS.iter().any(|k| k.section == s.name))
}

/// A key's text in the template and whether it is set (not commented out).
fn value(k: &KeySpec, value_of: &dyn Fn(&KeySpec) -> Option<String>) -> (String, bool) {
    if let Some(text) = value_of(k) {
        return (text, true);
    }
    match k.absent {
        IfAbsent::Value(t)
        | IfAbsent::Required { example: t }
        | IfAbsent::RequiredUnless { example: t, .. } => (t.to_string(), true),
        IfAbsent::Nothing { example } | IfAbsent::Computed { example, .. } => {
            (example.to_string(), false)
        }
    }
}

/// `body`, then the comment from column 30 (at least two spaces after the
/// body), then a newline.
fn commented(body: &str, comment: &str) -> String {
    if comment.is_empty() {
        format!("{body}\n")
    } else {
        format!("{body:<28}  # {comment}\n")
    }
}

fn template_comment(k: &KeySpec) -> String {
    let mut c = String::new();
    match k.absent {
        IfAbsent::Required { .. } => c += "REQUIRED: ",
        IfAbsent::RequiredUnless { unless, .. } => c += &format!("REQUIRED unless {unless}: "),
        _ => {}
    }
    if let Kind::Dist(shape, _) = k.kind {
        c += &format!("{}: ", shape.name());
    }
    c += &k.meaning_with_bound();
    if let IfAbsent::Computed { what, .. } = k.absent {
        c += &format!("; default: {what}");
    }
    c
}

/// The declared keys grouped by section, in declaration order.
fn groups() -> Vec<(&'static SectionSpec, Vec<&'static KeySpec>)> {
    let mut out: Vec<(&SectionSpec, Vec<&KeySpec>)> = Vec::new();
    for k in KEYS {
        match out.last_mut() {
            Some((s, keys)) if s.name == k.section => keys.push(k),
            _ => {
                let s = SECTIONS
                    .iter()
                    .find(|s| s.name == k.section)
                    .unwrap_or_else(|| panic!("section `{}` is not declared", k.section));
                out.push((s, vec![k]));
            }
        }
    }
    out
}

const DOCS_INTRO: &str = "\
<!-- Written by walkaway from src/scenario/keys.rs and src/scenario/generate.rs:
edit those and run `WALKAWAY_BLESS=1 cargo test --locked --lib generated`. -->

# The scenario file format

A scenario is one TOML file: one job offer, your floor, and the world around
it. `walkaway init` writes a commented scenario with every key below set to
its default; `walkaway check FILE` validates a file without simulating it.

Only three keys have no default: `offer.base`, `candidate.floor` and
`candidate.runway_months` (the last not needed with `employed = true`). Any
other key may be left out and then means its default. A key walkaway does not
know is an error, with the closest known key suggested, so a typo is never
silently ignored. A file with mistakes is not simulated; every mistake is
reported, each once, with the file, the key (or the line and column of a
syntax error), what was wrong and what is allowed. A message quotes at most
about 200 characters of the file, with control characters shown escaped
(`\\u{1b}`), never raw.

## The file itself

- A scenario file is UTF-8 text of at most 1 MB (1,048,576 bytes). A larger
  file is refused from its size, before it is read.
- The file's name without `.toml` (its stem) names the scenario's output
  folder inside `--out`, and is the scenario's name unless `name` is given.
  So that the folder stays inside `--out` and apart from the files a run
  writes there, a file is refused when its stem is empty, `.` or `..`,
  starts with `.`, holds a control character, is longer than 200 bytes, is
  a device name that Windows reserves (`CON`, `PRN`, `AUX`, `NUL`, `COM1`
  to `COM9`, `LPT1` to `LPT9`, in any case, with or without an extension),
  or is, in any case, the name of a file the run writes in `--out`:
  {batch_files}. Rename the file to fix it.
- `name` and `currency` are at most 200 characters, without control
  characters (no newline, tab or terminal escape).

## Numbers and distributions

Every number must be finite and inside its key's bounds (the \"allowed\"
column below). The bounds are wide enough for any real offer and keep every
simulated number finite: docs/model.md (\"Bounds and the worst case\")
shows how. A key shown below with a kind (uniform or ci90) before its
default is a distribution: each simulated path draws its own value. It can
be written as

- a single number, e.g. `weeks = 4`: every path uses that value;
- `[lo, hi]`: a distribution of the key's own kind, the one shown below;
- `{ uniform = [lo, hi] }`: equally likely anywhere from `lo` to `hi`;
- `{ ci90 = [lo, hi] }`: a lognormal with 90% of its draws between `lo` and
  `hi`, 5% below and 5% above; it needs `lo > 0`;
- `{ values = [v1, v2, ...], weights = [w1, w2, ...] }`: one of the listed
  values, `v1` with probability `w1 / (w1 + w2 + ...)` and so on. Leave
  `weights` out to make every value equally likely; otherwise give one weight
  per value, each at least 0 and not all 0 (only their ratios count, so
  counts, percentages or probabilities all work). Every value, weighted or
  not, must be within the key's allowed values, including for a key marked
  \"uniform only\";
- `{ samples = \"offers.csv\", column = \"ratio\" }`: every number in that
  column of that CSV file equally likely, e.g. offers you have seen written
  as multiples of the market median. The path is relative to the folder of
  the scenario file. The file's first row names its columns; `column` may be
  left out when there is only one. Blank lines are skipped; every other cell
  of the column must be a finite number (a decimal point, no thousands
  separator or percent sign) within the key's allowed values. A sample file
  may be at most 16 MB (checked before it is read) and 1,000,000 rows. It is
  read once, when the scenario is read (so `walkaway check` reports its
  mistakes, each with its line and column), and `run.json` records its
  SHA-256.

Always `lo <= hi`. A distribution must stay within the key's allowed values.
A uniform may not reach past them. A ci90's draws are cut at 6 standard
deviations of its normal (a draw is cut with probability 2e-9), so it draws
from `exp(mu - 6 sigma)` to `exp(mu + 6 sigma)`, where `mu` and `sigma` are
those of docs/model.md: about `m / r^3.65` to `m * r^3.65`, with `m` the
geometric mean `sqrt(lo * hi)` and `r = sqrt(hi / lo)`. That whole range must
lie within the allowed values, and `hi / lo` may be at most 1000. A key
marked \"uniform only\" (a share from 0 to 1, such as a probability)
refuses a ci90.

## Rules across keys

";

const DOCS_KEYS_INTRO: &str = "\
## Every key, its default and where it comes from

\"Default\" is what a key left out of the file means. \"Source\" says where
that default comes from: \"the article\" is the published piece on walking
away from an offer that the model is built on; \"ours\" means the article
gives no number and the value is a judgement of ours, chosen to be
unremarkable and meant to be changed when you know better. docs/model.md
explains how each key enters the model.
";

/// docs/scenario.md.
pub fn docs() -> String {
    let batch_files: Vec<String> = crate::report::BATCH_FILES
        .iter()
        .map(|f| format!("`{f}`"))
        .collect();
    let mut out = DOCS_INTRO.replace("{batch_files}", &batch_files.join(", "));
    let rules = [
        "`candidate.runway_months` is required unless `candidate.employed = true`.".to_string(),
        "`candidate.wish`, when given, is at least `candidate.floor`.".to_string(),
        "`market.median_comp` left out is `candidate.floor`.".to_string(),
        "At least one of `offer.role.weights` is above 0.".to_string(),
        format!(
            "A search round is at least {MIN_ROUND_WEEKS} weeks long: the shortest \
             `market.search_weeks` (the value, the `lo` of a uniform, the shortest draw \
             of a ci90, or the smallest listed or sampled value) times `market.softness` may not be smaller. Shorter rounds would let \
             a search that never reaches the floor loop for billions of rounds."
        ),
    ];
    for r in rules {
        out += &format!("- {r}\n");
    }
    out += "\n";
    out += DOCS_KEYS_INTRO;
    for (section, keys) in groups() {
        out += "\n";
        if section.name.is_empty() {
            out += "### Top level\n";
        } else {
            let _ = writeln!(out, "### `[{}]`: {}", section.name, section.title);
        }
        if !section.comment.is_empty() && section.inline {
            let _ = writeln!(
                out,
                "\n{}.",
                capitalise(&fill_bound(section.comment, &keys[0].kind))
            );
        }
        out += "\n| key | default | allowed | meaning | source |\n|---|---|---|---|---|\n";
        for k in keys {
            let cells = [
                format!("`{}`", k.name),
                docs_default(k),
                docs_allowed(&k.kind),
                docs_meaning(k),
                k.source.to_string(),
            ];
            let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        if !section.doc.is_empty() {
            let _ = writeln!(out, "\n{}", section.doc);
        }
    }
    for section in keyless() {
        let _ = writeln!(out, "\n### `[{}]`: {}\n", section.name, section.title);
        let _ = writeln!(out, "{}\n", section.doc);
        let _ = writeln!(out, "```toml\n[{}]\n{}\n```", section.name, section.example);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn docs_default(k: &KeySpec) -> String {
    match k.absent {
        IfAbsent::Value(t) => match k.kind {
            Kind::Dist(shape, _) => format!("{} `{t}`", shape.name()),
            _ => format!("`{t}`"),
        },
        IfAbsent::Required { .. } => "required".into(),
        IfAbsent::RequiredUnless { unless, .. } => format!("required unless `{unless} = true`"),
        IfAbsent::Nothing { .. } => "none".into(),
        IfAbsent::Computed { what, .. } => what.into(),
    }
}

fn docs_allowed(kind: &Kind) -> String {
    match kind {
        Kind::Number(b) => b.phrase(),
        Kind::Integer { min } => format!("a whole number >= {min}"),
        Kind::Dist(_, b) if !b.allows_ci90() => format!("{}, uniform only", b.phrase()),
        Kind::Dist(_, b) => b.phrase(),
        Kind::Bool => "true or false".into(),
        Kind::Text { max_chars } => {
            format!("text, up to {max_chars} characters, no control characters")
        }
    }
}

/// The meaning without its bound, which the docs show in a column of its own.
fn docs_meaning(k: &KeySpec) -> String {
    let mut m = k.meaning.to_string();
    for with_bound in [
        ", within {bound}",
        ", a whole number {bound}",
        ", {bound}",
        " ({bound})",
        "{bound}; ",
    ] {
        m = m.replace(with_bound, "");
    }
    assert!(
        !m.contains("{bound}"),
        "{}: the docs cannot drop the bound from `{}`",
        k.path(),
        k.meaning
    );
    m
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Compares a checked-in file with what the declarations give, or
    /// rewrites it when `WALKAWAY_BLESS=1`.
    fn check_generated(relative: &str, generated: &str) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        if std::env::var("WALKAWAY_BLESS").as_deref() == Ok("1") {
            std::fs::write(&path, generated).unwrap();
            return;
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        if on_disk != generated {
            let line = on_disk
                .lines()
                .zip(generated.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| on_disk.lines().count().min(generated.lines().count()));
            panic!(
                "{relative} differs from what src/scenario/keys.rs generates (first at line {}); \
                 run `WALKAWAY_BLESS=1 cargo test --locked --lib generated` to rewrite it, \
                 then review the diff",
                line + 1
            );
        }
    }

    #[test]
    fn generated_template_is_checked_in() {
        // `TEMPLATE` embeds this file, so `walkaway init` writes exactly it.
        check_generated("src/scenario/template.toml", &template());
    }

    #[test]
    fn generated_docs_are_checked_in() {
        check_generated("docs/scenario.md", &docs());
    }

    #[test]
    fn every_key_has_one_row_in_the_docs() {
        let d = docs();
        for k in KEYS {
            let row = format!("| `{}` | ", k.name);
            assert!(d.contains(&row), "{} has no row", k.path());
            assert!(
                !k.meaning.is_empty() && !k.source.is_empty(),
                "{}",
                k.path()
            );
        }
        assert!(!d.contains("{bound}"));
    }
}
