//! The frequency table (`f` on a table column): each distinct value of the column — options by
//! label, numbers and dates in ranges, text by its most common values — with its exact count
//! (a `limit: 1` search's `total`, ANDed with the table's search), its share of the total and a
//! bar. Enter narrows the table to a value; esc there comes back here.

use crate::app::req::ReqId;
use crate::app::search::{FilterDraft, SearchDraft};
use crate::model::Property;

/// Most text values counted: the most common among the loaded rows (the rest of the records
/// are "other values").
pub const TOP_TEXT: usize = 40;

/// What kind of buckets the column gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreqKind {
    /// One per option (enumerations, booleans).
    Options,
    /// Ranges (or one per value for a few whole numbers), in value order: a histogram.
    Number,
    /// Years or months, in order: a histogram.
    Date,
    /// The most common values among the rows loaded, each counted exactly.
    Text,
}

impl FreqKind {
    /// The kind for a property.
    #[must_use]
    pub fn of(p: &Property) -> Self {
        match p.kind.as_str() {
            "enumeration" | "bool" if !p.options.is_empty() => Self::Options,
            "bool" => Self::Options,
            "number" => Self::Number,
            "date" | "datetime" => Self::Date,
            _ => Self::Text,
        }
    }

    /// Whether its buckets have an order of their own (a histogram).
    #[must_use]
    pub fn ordered(self) -> bool {
        matches!(self, Self::Number | Self::Date)
    }
}

/// One row: a value or a range, the filters that select it, and its count once known.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub label: String,
    pub filters: Vec<FilterDraft>,
    pub count: Option<usize>,
}

impl Bucket {
    fn new(label: impl Into<String>, filters: Vec<FilterDraft>) -> Self {
        Self { label: label.into(), filters, count: None }
    }
}

/// The view's state.
#[derive(Debug, Clone, PartialEq)]
pub struct FreqView {
    pub type_id: String,
    pub type_label: String,
    pub property: Property,
    pub kind: FreqKind,
    /// The table's search when the view opened (every count is ANDed with it).
    pub base: SearchDraft,
    pub buckets: Vec<Bucket>,
    /// Records matching the base search.
    pub total: Option<usize>,
    pub cursor: usize,
    /// The range read (numbers, dates) or the counts running.
    pub busy: Option<ReqId>,
    /// Counts asked for and received, for the progress bar.
    pub asked: usize,
    pub done: usize,
    /// Rows by count (most first) instead of by value.
    pub by_count: bool,
    pub error: Option<String>,
}

impl FreqView {
    /// A view on `property` with no buckets yet.
    #[must_use]
    pub fn new(type_id: &str, type_label: &str, property: Property, base: SearchDraft) -> Self {
        let kind = FreqKind::of(&property);
        Self {
            type_id: type_id.to_owned(),
            type_label: type_label.to_owned(),
            property,
            kind,
            base,
            buckets: Vec::new(),
            total: None,
            cursor: 0,
            busy: None,
            asked: 0,
            done: 0,
            by_count: !kind.ordered(),
            error: None,
        }
    }

    /// Bucket indices in the order shown ("no value" only when some have none); "other
    /// values" is always last.
    #[must_use]
    pub fn rows(&self) -> Vec<usize> {
        let none = |b: &Bucket| b.count == Some(0) && b.filters.iter().any(|f| f.operator == "NOT_HAS_PROPERTY");
        let mut rows: Vec<usize> = (0..self.buckets.len()).filter(|i| !none(&self.buckets[*i])).collect();
        let last = |i: &usize| self.buckets[*i].filters.is_empty() || none(&self.buckets[*i]);
        if self.by_count {
            rows.sort_by_key(|i| (self.buckets[*i].filters.is_empty(), std::cmp::Reverse(self.buckets[*i].count)));
        } else if self.kind == FreqKind::Text {
            // Text by value: alphabetical (ignoring case), "no value" and "other values" last.
            rows.sort_by_key(|i| (last(i), self.buckets[*i].filters.is_empty(), self.buckets[*i].label.to_lowercase()));
        }
        rows
    }

    /// The bucket under the cursor.
    #[must_use]
    pub fn current(&self) -> Option<&Bucket> {
        self.rows().get(self.cursor).map(|i| &self.buckets[*i])
    }

    /// Adds "other values" (records with a value not shown) once every count is in.
    pub fn add_other(&mut self) {
        let Some(total) = self.total else { return };
        if self.kind != FreqKind::Text || self.buckets.iter().any(|b| b.filters.is_empty()) {
            return;
        }
        let shown: usize = self.buckets.iter().filter_map(|b| b.count).sum();
        if total > shown {
            self.buckets.push(Bucket {
                label: "(other values)".into(),
                filters: Vec::new(),
                count: Some(total - shown),
            });
        }
    }
}

fn filter(property: &str, operator: &str, value: &str) -> FilterDraft {
    FilterDraft {
        property: property.to_owned(),
        operator: operator.to_owned(),
        value: value.to_owned(),
        ..FilterDraft::default()
    }
}

fn no_value(property: &str) -> Bucket {
    Bucket::new("(no value)", vec![filter(property, "NOT_HAS_PROPERTY", "")])
}

/// One bucket per option (by label), then records with no value.
#[must_use]
pub fn option_buckets(p: &Property) -> Vec<Bucket> {
    let mut out: Vec<Bucket> = if p.options.is_empty() {
        ["true", "false"].iter().map(|v| Bucket::new(*v, vec![filter(&p.name, "EQ", v)])).collect()
    } else {
        p.options.iter().map(|o| Bucket::new(o.label.clone(), vec![filter(&p.name, "EQ", &o.value)])).collect()
    };
    out.push(no_value(&p.name));
    out
}

/// The most common values among `values` (cells of the loaded rows), at most [`TOP_TEXT`],
/// then records with no value.
#[must_use]
pub fn text_buckets(p: &Property, values: &[String]) -> Vec<Bucket> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for v in values.iter().filter(|v| !v.is_empty()) {
        *seen.entry(v.as_str()).or_default() += 1;
    }
    let mut common: Vec<(&str, usize)> = seen.into_iter().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out: Vec<Bucket> =
        common.into_iter().take(TOP_TEXT).map(|(v, _)| Bucket::new(v, vec![filter(&p.name, "EQ", v)])).collect();
    out.push(no_value(&p.name));
    out
}

/// A round step near a tenth of `span` (1, 2, 2.5 or 5 times a power of ten).
fn nice_step(span: f64) -> f64 {
    let raw = (span / 10.0).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude)
}

/// A number as the API writes it: whole ones without a fraction, others without trailing zeros.
#[must_use]
pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// Buckets from `low` to `high`: one per value for a few whole numbers (years, counts), else
/// about ten round ranges `[from, to)`; then records with no value.
#[must_use]
pub fn number_buckets(p: &Property, low: f64, high: f64) -> Vec<Bucket> {
    let name = &p.name;
    let mut out = Vec::new();
    let whole = low.fract() == 0.0 && high.fract() == 0.0;
    if whole && high - low <= 30.0 {
        let mut v = low;
        while v <= high {
            let t = number_text(v);
            out.push(Bucket::new(t.clone(), vec![filter(name, "EQ", &t)]));
            v += 1.0;
        }
    } else {
        let step = nice_step(high - low);
        let mut from = (low / step).floor() * step;
        let grouped = |v: f64| crate::app::record_view::group_thousands(&number_text(v));
        while from <= high && out.len() < 40 {
            let to = from + step;
            let (a, b) = (number_text(from), number_text(to));
            // Whole numbers: both ends included (20,000 – 29,999); else "to under".
            let label = if whole && step.fract() == 0.0 {
                format!("{} – {}", grouped(from), grouped(to - 1.0))
            } else {
                format!("{} – under {}", grouped(from), grouped(to))
            };
            out.push(Bucket::new(label, vec![filter(name, "GTE", &a), filter(name, "LT", &b)]));
            from = to;
        }
    }
    out.push(no_value(name));
    out
}

/// `(year, month)` of a date or datetime value as the API gives it (ms or ISO).
#[must_use]
pub fn year_month(value: &str) -> Option<(i32, u32)> {
    let iso = match value.parse::<i64>() {
        Ok(ms) => crate::timefmt::iso_from_ms(ms),
        Err(_) => value.to_owned(),
    };
    let year = iso.get(0..4)?.parse().ok()?;
    let month = iso.get(5..7)?.parse().ok()?;
    Some((year, month))
}

/// Years from `low` to `high` (months when they are within two years of each other); then
/// records with no value.
#[must_use]
pub fn date_buckets(p: &Property, low: (i32, u32), high: (i32, u32)) -> Vec<Bucket> {
    let name = &p.name;
    let mut out = Vec::new();
    let months = (high.0 - low.0) < 2;
    let (mut y, mut m) = if months { low } else { (low.0, 1) };
    while (y, m) <= high && out.len() < 60 {
        let (ny, nm) = if months { if m == 12 { (y + 1, 1) } else { (y, m + 1) } } else { (y + 1, 1) };
        let label = if months { format!("{y}-{m:02}") } else { y.to_string() };
        let (from, to) = (format!("{y}-{m:02}-01"), format!("{ny}-{nm:02}-01"));
        out.push(Bucket::new(label, vec![filter(name, "GTE", &from), filter(name, "LT", &to)]));
        (y, m) = (ny, nm);
    }
    out.push(no_value(name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(kind: &str) -> Property {
        serde_json::from_value(serde_json::json!({"name": "p", "label": "P", "type": kind, "fieldType": "text"}))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_few_whole_numbers_get_a_row_each_and_wide_ones_round_ranges() {
        let years = number_buckets(&prop("number"), 2015.0, 2026.0);
        assert_eq!(years.len(), 12 + 1);
        assert_eq!(years[0].label, "2015");
        let prices = number_buckets(&prop("number"), 8_400.0, 94_100.0);
        assert_eq!(prices[0].label, "0 – 9,999");
        assert_eq!(prices[0].filters[0].operator, "GTE");
        assert_eq!(prices[0].filters[1].value, "10000");
        assert_eq!(prices[prices.len() - 2].label, "90,000 – 99,999");
        assert_eq!(number_buckets(&prop("number"), 0.5, 9.5)[0].label, "0 – under 1");
        assert!(prices.len() <= 12);
    }

    #[test]
    fn dates_go_by_year_or_by_month_when_close() {
        let years = date_buckets(&prop("date"), (2019, 5), (2024, 2));
        assert_eq!(years.iter().map(|b| b.label.as_str()).collect::<Vec<_>>()[..2], ["2019", "2020"]);
        assert_eq!(years.len(), 6 + 1);
        let months = date_buckets(&prop("date"), (2025, 11), (2026, 2));
        assert_eq!(
            months.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(),
            ["2025-11", "2025-12", "2026-01", "2026-02", "(no value)"]
        );
        assert_eq!(months[1].filters[1].value, "2026-01-01");
        assert_eq!(year_month("2024-03-09T10:00:00Z"), Some((2024, 3)));
        assert_eq!(year_month("1709942400000"), Some((2024, 3)));
    }

    #[test]
    fn text_takes_the_most_common_loaded_values_and_other_values_make_up_the_total() {
        let vals: Vec<String> = ["a", "b", "a", "", "c", "a", "b"].iter().map(|s| (*s).to_owned()).collect();
        let b = text_buckets(&prop("string"), &vals);
        assert_eq!(b.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(), ["a", "b", "c", "(no value)"]);
        let mut v = FreqView::new("t", "T", prop("string"), SearchDraft::default());
        v.buckets = b;
        for (i, n) in [5, 3, 1, 2].into_iter().enumerate() {
            v.buckets[i].count = Some(n);
        }
        v.total = Some(20);
        v.add_other();
        let last = v.buckets.last().map(|b| (b.label.as_str(), b.count));
        assert_eq!(last, Some(("(other values)", Some(9))));
        assert_eq!(v.rows().last(), Some(&4), "other values stay last");
    }
}
