//! A scenario's output folder is named by its file stem, inside `--out`.
//! Stems that would put the folder elsewhere, hide it, clash with a file
//! the batch writes in `--out`, or that some file systems refuse, are
//! refused when the file is read, so `check` and `run` always agree.

use std::path::Path;

use super::shown::{escaped, is_unsafe};
use crate::report::BATCH_FILES;

/// The longest stem accepted, in bytes (file systems allow 255 for a whole
/// name; the rest is room for the temporary names of atomic writes).
pub const MAX_STEM_BYTES: usize = 200;

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

const RENAME: &str = "rename the file, e.g. to `my-offer.toml`";

/// The name of the output folder of the scenario file at `path`, or why
/// the file's name cannot give one (a message saying what to rename).
pub fn output_stem(path: &Path) -> Result<String, String> {
    let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return Err(format!(
            "the path has no file name to name its output folder after; {RENAME}"
        ));
    };
    if stem.is_empty() {
        return Err(format!(
            "the file name is empty before `.toml`, and names the output folder; {RENAME}"
        ));
    }
    if stem == "." || stem == ".." {
        return Err(format!(
            "the file name gives the output folder `{stem}`, which is not a folder of its own \
             inside --out; {RENAME}"
        ));
    }
    if let Some(c) = stem.chars().find(|&c| is_unsafe(c)) {
        return Err(format!(
            "the file name holds a control character (`{}`), and names the output folder; \
             {RENAME}",
            escaped(&c.to_string())
        ));
    }
    if stem.len() > MAX_STEM_BYTES {
        return Err(format!(
            "the file name before `.toml` is {} bytes long and names the output folder; at \
             most {MAX_STEM_BYTES} bytes are allowed: rename the file to a shorter name",
            stem.len()
        ));
    }
    if stem.starts_with('.') {
        return Err(format!(
            "the file name gives the output folder `{stem}`, which starts with `.` and so \
             would be hidden; rename the file so that its name does not start with `.`"
        ));
    }
    if let Some(f) = BATCH_FILES.iter().find(|f| f.eq_ignore_ascii_case(&stem)) {
        return Err(format!(
            "the file name gives the output folder `{stem}`, the name of the file `{f}` that \
             every run writes in --out; {RENAME}"
        ));
    }
    let device = stem.split('.').next().unwrap_or("").trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        return Err(format!(
            "the file name gives the output folder `{stem}`, and `{device}` is a device name \
             that Windows reserves (CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9, with or \
             without an extension); {RENAME}"
        ));
    }
    Ok(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(name: &str) -> String {
        output_stem(Path::new("dir").join(name).as_path())
            .expect_err(name)
            .to_string()
    }

    #[test]
    fn ordinary_names_are_their_stem() {
        for (name, stem) in [
            ("my-offer.toml", "my-offer"),
            ("a.b.toml", "a.b"),
            ("no-extension", "no-extension"),
            ("summary.toml", "summary"),
            ("console.toml", "console"),
            ("COM10.toml", "COM10"),
            ("Ünïcode offer.toml", "Ünïcode offer"),
        ] {
            assert_eq!(output_stem(&Path::new("dir").join(name)).unwrap(), stem);
        }
        let long = "a".repeat(MAX_STEM_BYTES);
        assert_eq!(
            output_stem(Path::new(&format!("{long}.toml"))).unwrap(),
            long
        );
    }

    #[test]
    fn every_unsafe_class_is_refused_with_what_to_rename() {
        for name in [
            "...toml",
            "..toml",
            ".toml",
            ".hidden.toml",
            "summary.csv.toml",
            "SUMMARY.JSON.toml",
            "verdicts.csv.toml",
            "verdicts.json.toml",
            "run.json.toml",
            "overview.png.toml",
            "CON.toml",
            "nul.toml",
            "com1.toml",
            "LPT9.txt.toml",
            "bell\u{7}.toml",
            "esc\u{1b}[2J.toml",
            "new\nline.toml",
        ] {
            let m = refused(name);
            assert!(m.contains("rename the file"), "{name}: {m}");
            assert!(!m.chars().any(is_unsafe), "{name}: {m}");
        }
        assert!(refused("...toml").contains("`..`"));
        assert!(refused("summary.csv.toml").contains("`summary.csv`"));
        assert!(refused("esc\u{1b}[2J.toml").contains("\\u{1b}"));
        let long = format!("{}.toml", "é".repeat(125));
        assert!(refused(&long).contains("250 bytes"));
        assert!(output_stem(Path::new("/")).is_err());
    }
}
