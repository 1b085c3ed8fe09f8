//! A fuzzy picker over `(name, label)` pairs with an ordered choice: the table's column
//! picker, and every one-pick list (bulk property, import mapping, association steps).

use super::fuzzy;
use super::text::TextField;

/// The column picker for the record table (typing filters, toggle adds or removes).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnPicker {
    pub field: TextField,
    /// The chosen columns, in order.
    pub chosen: Vec<String>,
    /// Index into the candidates shown.
    pub selected: usize,
}

impl ColumnPicker {
    /// The properties to show for the typed text: `(name, label)` pairs, chosen ones first.
    #[must_use]
    pub fn candidates<'a>(&self, props: &'a [(String, String)]) -> Vec<&'a (String, String)> {
        let mut ordered: Vec<&(String, String)> =
            self.chosen.iter().filter_map(|c| props.iter().find(|(n, _)| n == c)).collect();
        ordered.extend(props.iter().filter(|(n, _)| !self.chosen.contains(n)));
        let keys: Vec<String> = ordered.iter().map(|(n, l)| format!("{l} {n}")).collect();
        fuzzy::rank(self.field.text(), keys.iter().map(String::as_str)).into_iter().map(|i| ordered[i]).collect()
    }
}
