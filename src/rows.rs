//! Rows of an import file: CSV (headers name the properties; empty cells are left out), a
//! JSON array of objects, or JSON lines — chosen by the file's extension, CSV otherwise.
//! Shared by `hubtui import` and the TUI's import.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// One row: property name → value (CSV cells are strings; JSON keeps its types).
pub type Row = Map<String, Value>;

/// Why a file's rows could not be read (the texts name the file).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("{}: {message}", path.display())]
    Malformed { path: PathBuf, message: String },
}

/// Reads every row of the file at `path` (blocking).
///
/// # Errors
/// [`Error::Unreadable`] when the file cannot be read, [`Error::Malformed`] when its content
/// does not parse as its extension says.
pub fn read_rows(path: &Path) -> Result<Vec<Row>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Unreadable { path: path.to_owned(), source })?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let bad = |message: String| Error::Malformed { path: path.to_owned(), message };
    match ext.as_str() {
        "json" => {
            serde_json::from_str::<Vec<Row>>(&text).map_err(|e| bad(format!("expected a JSON array of objects: {e}")))
        }
        "jsonl" | "ndjson" => json_lines(&text).map_err(bad),
        _ => csv_rows(&text).map_err(bad),
    }
}

/// One object per non-blank line.
fn json_lines(text: &str) -> Result<Vec<Row>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// A header line, then one row per record; empty cells are left out of the row.
fn csv_rows(text: &str) -> Result<Vec<Row>, String> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let row: Row = headers
            .iter()
            .zip(rec.iter())
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_owned(), Value::String(v.to_owned())))
            .collect();
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn rows_read_csv_without_empty_cells() {
        let (_d, p) = file("cars.csv", "vin,year\nV1,2026\nV2,\n");
        let rows = read_rows(&p).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["year"], "2026");
        assert!(!rows[1].contains_key("year"));
    }

    #[test]
    fn rows_read_json_array_and_lines() {
        let (_d, p) = file("a.json", r#"[{"vin":"V1","year":2026}]"#);
        assert_eq!(read_rows(&p).unwrap()[0]["year"], 2026);
        let (_d, p) = file("a.jsonl", "{\"vin\":\"V1\"}\n\n{\"vin\":\"V2\"}\n");
        assert_eq!(read_rows(&p).unwrap().len(), 2);
    }

    #[test]
    fn rows_errors_name_the_file_and_line() {
        let (_d, p) = file("a.jsonl", "{\"vin\":\"V1\"}\nnot json\n");
        let e = read_rows(&p).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}: line 2: ", p.display())), "{e}");
        let missing = p.with_file_name("missing.csv");
        let e = read_rows(&missing).unwrap_err().to_string();
        assert!(e.starts_with(&format!("cannot read {}: ", missing.display())), "{e}");
        let (_d, p) = file("a.json", "{}");
        let e = read_rows(&p).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}: expected a JSON array of objects: ", p.display())), "{e}");
    }
}
