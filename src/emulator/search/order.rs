//! The order and the cut of one page: the matching rows sorted by the plan's one sort
//! (records without a value last in both directions, ties in creation order), then
//! `offset`/`limit` applied. Only the rows up to the page's end are fully sorted.

use super::bits::Bits;
use super::columns::{Column, MISSING, TypeColumns};
use super::plan::{Plan, Sort, Target};

/// A sortable key: missing values sort last in either direction.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Key {
    Num(f64),
    Rank(u32),
}

fn key_of(cols: &TypeColumns, sort: &Sort, row: usize) -> Option<Key> {
    #[allow(clippy::cast_precision_loss)]
    match &sort.target {
        Target::Id => Some(Key::Num(cols.ids[row] as f64)),
        Target::Created => Some(Key::Num(cols.created[row] as f64)),
        Target::Updated => Some(Key::Num(cols.updated[row] as f64)),
        Target::Prop { name, .. } => match cols.cols.get(name)? {
            Column::Num(v) => Some(v[row]).filter(|x| !x.is_nan()).map(Key::Num),
            Column::Text { codes, dict } => {
                (codes[row] != MISSING).then(|| Key::Rank(dict.ranks()[codes[row] as usize]))
            }
            Column::Multi { codes, dict } => codes[row].iter().map(|c| dict.ranks()[*c as usize]).min().map(Key::Rank),
        },
        Target::Assoc { .. } => None,
    }
}

/// The ids of one page of matching rows, in the plan's order (default: creation order).
#[must_use]
pub fn page(cols: &TypeColumns, rows: &Bits, plan: &Plan) -> Vec<i64> {
    let want = plan.offset + plan.limit;
    let Some(sort) = plan.sort.as_ref().filter(|s| !matches!(s.target, Target::Id) || s.descending) else {
        return rows.iter().skip(plan.offset).take(plan.limit).map(|r| cols.ids[r]).collect();
    };
    let desc = sort.descending;
    let mut keyed: Vec<(Option<Key>, usize)> = rows.iter().map(|r| (key_of(cols, sort, r), r)).collect();
    let cmp = |a: &(Option<Key>, usize), b: &(Option<Key>, usize)| {
        let by_key = match (a.0, b.0) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal);
                if desc { o.reverse() } else { o }
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_key.then(a.1.cmp(&b.1))
    };
    if want < keyed.len() {
        keyed.select_nth_unstable_by(want, cmp);
        keyed.truncate(want);
    }
    keyed.sort_unstable_by(cmp);
    keyed.into_iter().skip(plan.offset).take(plan.limit).map(|(_, r)| cols.ids[r]).collect()
}
