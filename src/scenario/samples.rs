//! Sample files: a column of a CSV file read as a distribution, every
//! number in it equally likely (docs/scenario.md, "Numbers and
//! distributions"). Read once, when the scenario is read.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::keys::{Bound, num};
use super::read::suggestion;
use super::shown::quoted;

/// The largest sample file walkaway reads, in bytes (16 MB), checked
/// before the file is read.
pub const MAX_SAMPLE_BYTES: u64 = 16 << 20;

/// The most rows of numbers a sample file may hold.
pub const MAX_SAMPLE_ROWS: usize = 1_000_000;

/// The numbers of `column` (the only column when `None`) of the CSV file
/// `file`, each checked finite and inside `b`, with the SHA-256 of the
/// file's bytes in hex. The error is the message after the file's name.
pub fn read_column(
    file: &Path,
    column: Option<&str>,
    b: Bound,
) -> Result<(Vec<f64>, String), String> {
    let meta = std::fs::metadata(file).map_err(|e| cannot_read(file, &e))?;
    if !meta.is_file() {
        return Err("is not a file; `samples` names a CSV file".into());
    }
    let too_large = |size: String| {
        format!(
            "the file is {size}; a sample file may be at most 16 MB ({MAX_SAMPLE_BYTES} \
             bytes), and walkaway does not read a larger one"
        )
    };
    if meta.len() > MAX_SAMPLE_BYTES {
        return Err(too_large(format!("{} bytes", meta.len())));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_SAMPLE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| cannot_read(file, &e))?;
    if bytes.len() as u64 > MAX_SAMPLE_BYTES {
        return Err(too_large("larger than that".into()));
    }
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect::<Vec<String>>();
    let listed = || {
        let names: Vec<String> = headers
            .iter()
            .take(20)
            .map(|h| format!("`{}`", quoted(h)))
            .collect();
        let more = if headers.len() > 20 { ", ..." } else { "" };
        format!("{}{more}", names.join(", "))
    };
    if headers.is_empty() || headers.iter().all(|h| h.is_empty()) {
        return Err("has no header row; its first line names the columns".into());
    }
    let index = match column {
        Some(name) => match headers.iter().position(|h| h == name.trim()) {
            Some(i) => i,
            None => {
                let known: Vec<&str> = headers.iter().map(String::as_str).collect();
                let hint = suggestion(name, &known);
                return Err(format!(
                    "no column `{}`{hint}; its columns are {}",
                    quoted(name),
                    listed()
                ));
            }
        },
        None if headers.len() == 1 => 0,
        None => {
            return Err(format!(
                "has {} columns ({}); name one with `column = \"...\"`",
                headers.len(),
                listed()
            ));
        }
    };
    let name = quoted(&headers[index]);
    let mut values = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&e))?;
        let line = record.position().map_or(0, |p| p.line());
        let at = format!("line {line}, column {name}");
        let cell = record.get(index).unwrap_or("").trim();
        if values.len() == MAX_SAMPLE_ROWS {
            return Err(format!(
                "{at}: more than {MAX_SAMPLE_ROWS} rows; a sample file may hold at most \
                 {MAX_SAMPLE_ROWS}"
            ));
        }
        let x: f64 = cell
            .parse()
            .map_err(|_| format!("{at}: \"{}\" is not a number", quoted(cell)))?;
        if !x.is_finite() {
            return Err(format!(
                "{at}: \"{}\" is not finite; every number must be finite",
                quoted(cell)
            ));
        }
        if !b.contains(x) {
            return Err(format!(
                "{at}: {} is outside the allowed values (a number {})",
                num(x),
                b.describe()
            ));
        }
        values.push(x);
    }
    if values.is_empty() {
        return Err(format!(
            "column {name} holds no numbers; a sample file needs at least one row below \
             its header"
        ));
    }
    Ok((values, sha256))
}

fn cannot_read(file: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        format!(
            "no such file (looked for {}; the path is relative to the scenario file's folder)",
            quoted(&file.display().to_string())
        )
    } else {
        format!("cannot read the file: {e}")
    }
}

fn csv_error(e: &csv::Error) -> String {
    let line = e.position().map(|p| format!("line {}: ", p.line()));
    let what = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text; a sample file is a CSV text file".into(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "has {len} field{} where the header has {expected_len}",
            if *len == 1 { "" } else { "s" }
        ),
        _ => format!("not a readable CSV file: {}", quoted(&e.to_string())),
    };
    format!("{}{what}", line.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::keys::bound;
    use std::io::Write;

    const ANY: Bound = bound(f64::MIN, false, f64::MAX, false);

    fn file_with(text: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text).unwrap();
        f
    }

    #[test]
    fn a_column_is_read_in_file_order_with_the_files_hash() {
        let text = b"name,ratio\n a , 0.9 \nb,1.25\nc,-3e-1\n";
        let f = file_with(text);
        let (values, sha) = read_column(f.path(), Some("ratio"), ANY).unwrap();
        assert_eq!(values, [0.9, 1.25, -0.3]);
        let expect: String = Sha256::digest(text)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(sha, expect);
        // One column: the name may be left out.
        let f = file_with(b"x\n1\n2\n");
        assert_eq!(read_column(f.path(), None, ANY).unwrap().0, [1.0, 2.0]);
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
        // A sparse file one byte over the limit: refused by its size alone.
        let f = tempfile::NamedTempFile::new().unwrap();
        f.as_file().set_len(MAX_SAMPLE_BYTES + 1).unwrap();
        let e = read_column(f.path(), None, ANY).unwrap_err();
        assert!(
            e.contains("16777217 bytes") && e.contains("at most 16 MB"),
            "{e}"
        );
    }

    #[test]
    fn a_file_over_the_row_limit_is_refused_at_the_first_row_too_many() {
        let mut text = b"x\n".to_vec();
        text.extend(b"1\n".repeat(MAX_SAMPLE_ROWS));
        let f = file_with(&text);
        assert_eq!(
            read_column(f.path(), None, ANY).unwrap().0.len(),
            MAX_SAMPLE_ROWS
        );
        text.extend(b"1\n");
        let f = file_with(&text);
        let e = read_column(f.path(), None, ANY).unwrap_err();
        let line = MAX_SAMPLE_ROWS + 2;
        assert!(
            e.starts_with(&format!("line {line}, column x: more than")),
            "{e}"
        );
    }

    #[test]
    fn bad_cells_name_their_line_and_column() {
        let bounded = bound(0.0, false, 1.0, false);
        for (text, expect) in [
            (
                &b"p\n0.5\nNaN\n"[..],
                "line 3, column p: \"NaN\" is not finite",
            ),
            (
                b"p\n0.5\n-inf\n",
                "line 3, column p: \"-inf\" is not finite",
            ),
            (b"p\n0.5\n1.5\n", "line 3, column p: 1.5 is outside"),
            (
                b"q,p\n1,0.5\n2,50%\n",
                "line 3, column p: \"50%\" is not a number",
            ),
            (b"p\n\xff\n", "not UTF-8"),
        ] {
            let f = file_with(text);
            let e = read_column(f.path(), Some("p"), bounded).unwrap_err();
            assert!(e.contains(expect), "{e} does not contain {expect}");
        }
    }
}
