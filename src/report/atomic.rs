//! Atomic file writes: a reader sees the previous complete file or the new
//! complete file, never a prefix of one.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Every temporary file walkaway creates starts with this, and only such
/// files are removed as left over by a killed run.
pub const TEMPORARY_PREFIX: &str = ".walkaway-tmp-";

/// A file that could not be written, and the error that stopped it.
#[derive(Debug, thiserror::Error)]
#[error("{}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

impl From<WriteError> for io::Error {
    /// Keeps the error's kind and the whole [`WriteError`] (recoverable with
    /// `io::Error::downcast`), so exporters can pass it on with `?`.
    fn from(e: WriteError) -> Self {
        io::Error::new(e.source.kind(), e)
    }
}

/// Writes `path` through `fill`, under a temporary name in the same folder
/// (so the rename cannot cross file systems), synced, then renamed into place.
/// On any error the temporary file is removed. The error is a [`WriteError`]
/// naming `path`, carried in an `io::Error`.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write(path, fill).map_err(|source| {
        WriteError {
            path: path.to_path_buf(),
            source,
        }
        .into()
    })
}

fn write(path: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if path.file_name().is_none() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "no file name"));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX);
    #[cfg(unix)]
    {
        // The permissions of `File::create` (0o666 less the umask), not
        // tempfile's private 0o600: these are the user's output files.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Dropped on any early return, which removes the temporary file.
    let mut tmp = builder.tempfile_in(dir).map_err(without_temporary_name)?;
    // Through the file itself: tempfile's own `Write` would add the
    // temporary name to every error, and the caller names the real file.
    let mut w = BufWriter::new(tmp.as_file_mut());
    fill(&mut w)?;
    w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// tempfile ends a failed creation's message with ` at path "TEMPORARY"`;
/// the [`WriteError`] already names the real file, so the message keeps only
/// the system's reason, as a plain `File::create` would give it.
fn without_temporary_name(e: io::Error) -> io::Error {
    let text = e.to_string();
    match text.rsplit_once(" at path \"") {
        Some((reason, name)) if e.get_ref().is_some() && name.ends_with('"') => {
            io::Error::new(e.kind(), reason.to_owned())
        }
        _ => e,
    }
}

/// Removes temporary files that a killed run left in `dir`: files whose
/// names start with [`TEMPORARY_PREFIX`], and nothing else.
pub fn remove_stale_temporaries(dir: &Path) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(TEMPORARY_PREFIX));
        if ours && entry.path().is_file() {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn failed_writes_leave_nothing_behind_and_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        fs::write(&path, "old complete file").unwrap();
        let r = write_atomic(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        });
        let e = r.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old complete file");
        assert_eq!(names(dir.path()), ["a.csv"]);
        // The path is context, the original error its source.
        assert_eq!(e.to_string(), path.display().to_string());
        assert_eq!(e.source().unwrap().to_string(), "disk full");
        let inner = e.downcast::<WriteError>().unwrap();
        assert_eq!(inner.path, path);
    }

    #[test]
    fn a_missing_folder_reads_as_a_plain_create_would() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder/a.csv");
        let e = write_atomic(&path, |w| w.write_all(b"x")).unwrap_err();
        let plain = fs::File::create(&path).unwrap_err();
        assert_eq!(e.kind(), plain.kind());
        assert_eq!(e.to_string(), path.display().to_string());
        assert_eq!(e.source().unwrap().to_string(), plain.to_string());
    }

    #[test]
    fn successful_writes_replace_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["a.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_get_the_permissions_of_a_plain_create() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        fs::File::create(&plain).unwrap();
        let ours = dir.path().join("ours");
        write_atomic(&ours, |w| w.write_all(b"x")).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&ours), mode(&plain));
    }

    #[test]
    fn only_our_own_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".walkaway-tmp-a1B2c3",
            ".walkaway-tmp-",
            ".notes.txt.tmp-123",
            "walkaway-tmp-x",
            "summary.csv",
        ] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        fs::create_dir(dir.path().join(".walkaway-tmp-folder")).unwrap();
        remove_stale_temporaries(dir.path()).unwrap();
        assert_eq!(
            names(dir.path()),
            [
                ".notes.txt.tmp-123",
                ".walkaway-tmp-folder",
                "summary.csv",
                "walkaway-tmp-x"
            ]
        );
        // A folder that does not exist has nothing to clean.
        remove_stale_temporaries(&dir.path().join("none")).unwrap();
    }

    #[test]
    fn a_write_in_progress_is_recognisably_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        write_atomic(&path, |w| {
            w.write_all(b"x")?;
            w.flush()?;
            let during = names(dir.path());
            assert_eq!(during.len(), 1, "{during:?}");
            assert!(during[0].starts_with(TEMPORARY_PREFIX), "{during:?}");
            Ok(())
        })
        .unwrap();
    }
}
