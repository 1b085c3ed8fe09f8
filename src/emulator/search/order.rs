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

/// One sort key per row as a plain integer, so the page is cut with integer comparisons:
/// the column is resolved once (not per row), present values map to `u64` in their order
/// (flipped when descending), and a missing value sets the flag that puts it after all.
fn packed<'a>(cols: &'a TypeColumns, sort: &'a Sort) -> impl Fn(usize) -> u128 + 'a {
    #[allow(clippy::cast_sign_loss)]
    let int = |x: i64| (x as u64) ^ (1 << 63);
    let float = |x: f64| {
        // -0 and 0 are one value (as the comparison of numbers has it).
        let b = (x + 0.0).to_bits();
        if b >> 63 == 1 { !b } else { b | (1 << 63) }
    };
    let col = match &sort.target {
        Target::Prop { name, .. } => cols.cols.get(name),
        _ => None,
    };
    let target = &sort.target;
    let desc = sort.descending;
    move |row: usize| {
        let key: Option<u64> = match (target, col) {
            (Target::Id, _) => Some(int(cols.ids[row])),
            (Target::Created, _) => Some(int(cols.created[row])),
            (Target::Updated, _) => Some(int(cols.updated[row])),
            (Target::Prop { .. }, Some(Column::Num(v))) => Some(v[row]).filter(|x| !x.is_nan()).map(float),
            (Target::Prop { .. }, Some(Column::Text { codes, dict })) => {
                (codes[row] != MISSING).then(|| u64::from(dict.ranks()[codes[row] as usize]))
            }
            (Target::Prop { .. }, Some(Column::Multi { codes, dict })) => {
                codes[row].iter().map(|c| u64::from(dict.ranks()[*c as usize])).min()
            }
            _ => None,
        };
        let row = row as u128;
        match key {
            Some(k) => (u128::from(if desc { !k } else { k }) << 32) | row,
            None => (1 << 96) | row,
        }
    }
}

/// The ids of one page of matching rows, in the plan's order (default: creation order).
/// A sorted page keeps only the best `offset + limit` keys as it scans (a bounded heap), so
/// sorting 500,000 matches for a page of 100 costs one pass, not a sort.
#[must_use]
pub fn page(cols: &TypeColumns, rows: &Bits, plan: &Plan) -> Vec<i64> {
    let want = plan.offset + plan.limit;
    let Some(sort) = plan.sort.as_ref().filter(|s| !matches!(s.target, Target::Id) || s.descending) else {
        return rows.iter().skip(plan.offset).take(plan.limit).map(|r| cols.ids[r]).collect();
    };
    let key = packed(cols, sort);
    let mut best: std::collections::BinaryHeap<u128> = std::collections::BinaryHeap::with_capacity(want + 1);
    for r in rows.iter() {
        let k = key(r);
        if best.len() < want {
            best.push(k);
        } else if let Some(mut top) = best.peek_mut()
            && k < *top
        {
            *top = k;
        }
    }
    #[allow(clippy::cast_possible_truncation)]
    best.into_sorted_vec().into_iter().skip(plan.offset).map(|k| cols.ids[(k & 0xffff_ffff) as usize]).collect()
}

/// The old path (every match keyed and partly sorted), kept as the reference the heap is
/// checked against.
#[must_use]
pub fn page_by_sorting(cols: &TypeColumns, rows: &Bits, plan: &Plan) -> Vec<i64> {
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::emulator::search::columns::Dict;
    use crate::emulator::search::plan::Kind;

    fn columns(nums: &[Option<i8>], texts: &[Option<u8>]) -> TypeColumns {
        let n = nums.len().min(texts.len());
        let mut dict = Dict::default();
        let codes = texts[..n].iter().map(|t| t.map_or(MISSING, |t| dict.intern(&format!("v{}", t % 7)))).collect();
        let mut cols = TypeColumns {
            ids: (0..n).map(|i| 1000 + i64::try_from(i).unwrap() * 3).collect(),
            live: vec![true; n],
            created: (0..n).map(|i| i64::try_from(i % 5).unwrap()).collect(),
            updated: vec![0; n],
            cols: std::collections::HashMap::new(),
        };
        let num = nums[..n].iter().map(|x| x.map_or(f64::NAN, |x| f64::from(x % 9))).collect();
        cols.cols.insert("price".into(), Column::Num(num));
        cols.cols.insert("make".into(), Column::Text { codes, dict });
        cols
    }

    proptest! {
        /// The bounded heap cuts the same page as keying and sorting every match.
        #[test]
        fn the_heap_cuts_the_same_page_as_a_full_sort(
            nums in proptest::collection::vec(proptest::option::of(any::<i8>()), 0..300),
            texts in proptest::collection::vec(proptest::option::of(any::<u8>()), 0..300),
            keep in proptest::collection::vec(any::<bool>(), 300),
            which in 0..4usize,
            descending in any::<bool>(),
            offset in 0..40usize,
            limit in 1..60usize,
        ) {
            let cols = columns(&nums, &texts);
            let rows = Bits::from_fn(cols.len(), |i| keep[i]);
            let target = match which {
                0 => Target::Prop { name: "price".into(), kind: Kind::Num },
                1 => Target::Prop { name: "make".into(), kind: Kind::Text },
                2 => Target::Created,
                _ => Target::Id,
            };
            let plan = Plan {
                groups: Vec::new(),
                query: None,
                sort: Some(Sort { target, descending }),
                limit,
                offset,
                properties: Vec::new(),
            };
            prop_assert_eq!(page(&cols, &rows, &plan), page_by_sorting(&cols, &rows, &plan));
        }
    }
}
