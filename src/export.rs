//! Writing records out as CSV, a JSON array or JSON lines, a chunk at a time (so a million
//! records stream through without being held): the CLI's `export` and the app's `E` share
//! it. CSV columns are the record id then the given properties; JSON forms keep HubSpot's
//! record shape as it was read (the properties asked for, and HubSpot's defaults).

use crate::model::SimplePublicObject;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    /// The format a file name asks for (`.csv`, `.json`, `.jsonl` / `.ndjson`), if any.
    #[must_use]
    pub fn of_path(path: &str) -> Option<Self> {
        let ext = std::path::Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Self::Csv),
            "json" => Some(Self::Json),
            "jsonl" | "ndjson" => Some(Self::Jsonl),
            _ => None,
        }
    }
}

/// Turns records into the bytes of one format.
#[derive(Debug)]
pub struct RecordWriter {
    format: Format,
    /// The properties written (for CSV, the columns after `id`); empty: each record's own.
    columns: Vec<String>,
    written: usize,
}

impl RecordWriter {
    /// A writer of these properties (empty: every property a record has; for CSV, the first
    /// record's).
    #[must_use]
    pub fn new(format: Format, columns: Vec<String>) -> Self {
        Self { format, columns, written: 0 }
    }

    /// How many records were written.
    #[must_use]
    pub fn written(&self) -> usize {
        self.written
    }

    /// The bytes for these records (a CSV header before the first).
    ///
    /// # Errors
    /// A record that cannot be serialised (not expected for HubSpot's shapes).
    pub fn records(&mut self, recs: &[SimplePublicObject]) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        for rec in recs {
            if self.written == 0 {
                out.extend(self.opening(rec)?);
            }
            match self.format {
                Format::Csv => {
                    let row = std::iter::once(rec.id.clone()).chain(
                        self.columns.iter().map(|c| rec.properties.get(c).cloned().flatten().unwrap_or_default()),
                    );
                    out.extend(csv_line(row)?);
                }
                Format::Json | Format::Jsonl => {
                    if self.format == Format::Json && self.written > 0 {
                        out.extend(b",\n");
                    }
                    out.extend(serde_json::to_vec(rec).map_err(|e| e.to_string())?);
                    if self.format == Format::Jsonl {
                        out.push(b'\n');
                    }
                }
            }
            self.written += 1;
        }
        Ok(out)
    }

    /// What ends the output (the JSON array's bracket; an empty array when nothing came).
    #[must_use]
    pub fn finish(&self) -> Vec<u8> {
        match (self.format, self.written) {
            (Format::Json, 0) => b"[]\n".to_vec(),
            (Format::Json, _) => b"\n]\n".to_vec(),
            (Format::Csv, 0) => {
                csv_line(std::iter::once("id".to_owned()).chain(self.columns.iter().cloned())).unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }

    /// Before the first record: the CSV header (fixing the columns), or the JSON bracket.
    fn opening(&mut self, first: &SimplePublicObject) -> Result<Vec<u8>, String> {
        match self.format {
            Format::Csv => {
                if self.columns.is_empty() {
                    self.columns = first.properties.keys().cloned().collect();
                }
                csv_line(std::iter::once("id".to_owned()).chain(self.columns.iter().cloned()))
            }
            Format::Json => Ok(b"[\n".to_vec()),
            Format::Jsonl => Ok(Vec::new()),
        }
    }
}

/// One CSV line (quoted as needed).
fn csv_line(fields: impl Iterator<Item = String>) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields.collect::<Vec<_>>()).map_err(|e| e.to_string())?;
    w.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, make: &str) -> SimplePublicObject {
        let mut r: SimplePublicObject = serde_json::from_value(serde_json::json!({
            "id": id, "properties": {}, "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z",
            "archived": false
        }))
        .unwrap();
        r.properties.insert("make".into(), Some(make.into()));
        r.properties.insert("vin".into(), Some(format!("V{id}")));
        r
    }

    #[test]
    fn csv_has_the_id_then_the_columns_quoted_as_needed() {
        let mut w = RecordWriter::new(Format::Csv, vec!["make".into()]);
        let mut out = w.records(&[rec("1", "Ford"), rec("2", "Mercedes, Benz")]).unwrap();
        out.extend(w.finish());
        assert_eq!(String::from_utf8(out).unwrap(), "id,make\n1,Ford\n2,\"Mercedes, Benz\"\n");
    }

    #[test]
    fn json_is_one_array_and_jsonl_one_object_a_line_in_chunks() {
        let mut w = RecordWriter::new(Format::Json, vec!["make".into()]);
        let mut out = w.records(&[rec("1", "Ford")]).unwrap();
        out.extend(w.records(&[rec("2", "Kia")]).unwrap());
        out.extend(w.finish());
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
        assert_eq!(v[1]["properties"]["make"], "Kia");
        let mut w = RecordWriter::new(Format::Jsonl, Vec::new());
        let out = w.records(&[rec("1", "Ford"), rec("2", "Kia")]).unwrap();
        assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 2);
        assert_eq!(RecordWriter::new(Format::Json, Vec::new()).finish(), b"[]\n");
    }

    #[test]
    fn the_format_comes_from_the_file_name() {
        assert_eq!(Format::of_path("cars.CSV"), Some(Format::Csv));
        assert_eq!(Format::of_path("~/out/cars.jsonl"), Some(Format::Jsonl));
        assert_eq!(Format::of_path("cars.json"), Some(Format::Json));
        assert_eq!(Format::of_path("cars.txt"), None);
    }
}
