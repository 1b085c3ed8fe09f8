//! Which rows of a type's columns a [`Plan`] matches: each condition becomes a bitset of rows
//! (a scan of one column, or for `associations.*` and `query` a lookup in SQLite's indexes),
//! ANDed inside a filter group and ORed across groups, over the live rows only.

use rusqlite::Connection;

use super::bits::Bits;
use super::columns::{Column, TypeColumns};
use super::plan::{Cond, Op, Plan, Target, Val};
use super::token::contains_token;
use crate::emulator::error::EmuResult;
use crate::emulator::store::{assoc, fts};

/// Whether a number satisfies a positive operator.
fn num_matches(op: Op, x: f64, vals: &[Val]) -> bool {
    if x.is_nan() {
        return false;
    }
    let n = |i: usize| match vals.get(i) {
        Some(Val::Num(n)) => *n,
        _ => f64::NAN,
    };
    #[allow(clippy::float_cmp)]
    match op {
        Op::Eq => x == n(0),
        Op::Lt => x < n(0),
        Op::Lte => x <= n(0),
        Op::Gt => x > n(0),
        Op::Gte => x >= n(0),
        Op::Between => x >= n(0) && x <= n(1),
        Op::In => vals.iter().any(|v| matches!(v, Val::Num(m) if *m == x)),
        Op::Has => true,
        _ => false,
    }
}

/// Whether a text value satisfies a positive operator.
fn text_matches(op: Op, s: &str, vals: &[Val]) -> bool {
    let t = |i: usize| match vals.get(i) {
        Some(Val::Text(t)) => t.as_str(),
        _ => "",
    };
    match op {
        Op::Eq => s == t(0),
        Op::Lt => s < t(0),
        Op::Lte => s <= t(0),
        Op::Gt => s > t(0),
        Op::Gte => s >= t(0),
        Op::Between => s >= t(0) && s <= t(1),
        Op::In => vals.iter().any(|v| matches!(v, Val::Text(x) if x == s)),
        Op::Has => true,
        Op::Token => contains_token(s, t(0)),
        _ => false,
    }
}

/// A number column scanned with the operator resolved once: each arm is its own tight loop
/// (a missing value is NaN, which no comparison matches).
#[allow(clippy::float_cmp)]
fn num_bits(v: &[f64], op: Op, vals: &[Val]) -> Bits {
    let n = |i: usize| match vals.get(i) {
        Some(Val::Num(n)) => *n,
        _ => f64::NAN,
    };
    let (a, b, len) = (n(0), n(1), v.len());
    match op {
        Op::Eq => Bits::from_fn(len, |i| v[i] == a),
        Op::Lt => Bits::from_fn(len, |i| v[i] < a),
        Op::Lte => Bits::from_fn(len, |i| v[i] <= a),
        Op::Gt => Bits::from_fn(len, |i| v[i] > a),
        Op::Gte => Bits::from_fn(len, |i| v[i] >= a),
        // `&`, not `&&`: no branch to mispredict on a random half of the rows.
        Op::Between => Bits::from_fn(len, |i| (v[i] >= a) & (v[i] <= b)),
        Op::Has => Bits::from_fn(len, |i| !v[i].is_nan()),
        _ => Bits::from_fn(len, |i| num_matches(op, v[i], vals)),
    }
}

fn column_bits(col: Option<&Column>, len: usize, op: Op, vals: &[Val]) -> Bits {
    match col {
        None => Bits::none(len),
        Some(Column::Num(v)) => num_bits(v, op, vals),
        Some(Column::Text { codes, dict }) => {
            // One more slot, never a hit, stands for a missing value: the scan has no branch.
            let mut hit: Vec<bool> = dict.values.iter().map(|s| text_matches(op, s, vals)).collect();
            let missing = hit.len();
            hit.push(false);
            Bits::from_fn(len, |i| hit[(codes[i] as usize).min(missing)])
        }
        Some(Column::Multi { codes, dict }) => {
            let hit: Vec<bool> = dict.values.iter().map(|s| text_matches(op, s, vals)).collect();
            Bits::from_fn(len, |i| codes[i].iter().any(|c| hit[*c as usize]))
        }
    }
}

#[allow(clippy::cast_precision_loss)]
fn int_bits(values: &[i64], op: Op, vals: &[Val]) -> Bits {
    Bits::from_fn(values.len(), |i| num_matches(op, values[i] as f64, vals))
}

/// The rows of record ids. Ids in ascending order (as FTS5 gives them) are found by galloping
/// on from the last one found — a binary search of a million rows for each of 200,000 matches
/// was most of a `query` with filters (13 of 20 ms); an id below the one before falls back to
/// a binary search of every row.
fn rows_of(cols: &TypeColumns, ids: impl Iterator<Item = i64>) -> Bits {
    let mut b = Bits::none(cols.len());
    let (mut from, mut last) = (0, i64::MIN);
    for id in ids {
        if id < last {
            from = 0;
        }
        last = id;
        let rest = &cols.ids[from..];
        let mut end = 1;
        while end < rest.len() && rest[end - 1] < id {
            end = (end * 2).min(rest.len());
        }
        match rest[..end.min(rest.len())].binary_search(&id) {
            Ok(i) => {
                b.set(from + i);
                from += i + 1;
            }
            Err(i) => from += i,
        }
    }
    b
}

fn assoc_bits(conn: &Connection, cols: &TypeColumns, to_no: i64, op: Op, vals: &[Val]) -> EmuResult<Bits> {
    let from = if op == Op::Has {
        assoc::linked_from(conn, to_no, None)?
    } else {
        #[allow(clippy::cast_possible_truncation)]
        let ids: Vec<i64> = vals
            .iter()
            .filter_map(|v| match v {
                Val::Num(n) => Some(*n as i64),
                Val::Text(_) => None,
            })
            .collect();
        assoc::linked_from(conn, to_no, Some(&ids))?
    };
    Ok(rows_of(cols, from.into_iter()))
}

fn cond_bits(conn: &Connection, cols: &TypeColumns, c: &Cond) -> EmuResult<Bits> {
    let (op, negated) = c.op.positive();
    let len = cols.len();
    let mut b = match &c.target {
        Target::Prop { name, .. } => column_bits(cols.cols.get(name), len, op, &c.vals),
        #[allow(clippy::cast_precision_loss)]
        Target::Id => Bits::from_fn(len, |i| num_matches(op, cols.ids[i] as f64, &c.vals)),
        Target::Created => int_bits(&cols.created, op, &c.vals),
        Target::Updated => int_bits(&cols.updated, op, &c.vals),
        Target::Assoc { to_no } => assoc_bits(conn, cols, *to_no, op, &c.vals)?,
    };
    if negated {
        b.not();
    }
    Ok(b)
}

/// The rows matching a free-text expression (from the type's FTS5 table).
pub fn query_bits(conn: &Connection, cols: &TypeColumns, type_no: i64, fts_match: &str) -> EmuResult<Bits> {
    Ok(rows_of(cols, fts::matching(conn, type_no, fts_match)?.into_iter()))
}

/// The rows a plan's filters match, ANDed with the rows of its free-text `query` (`text`,
/// asked only when the filters matched something).
pub fn matching(
    conn: &Connection,
    cols: &TypeColumns,
    plan: &Plan,
    text: Option<&dyn Fn() -> EmuResult<std::sync::Arc<Bits>>>,
) -> EmuResult<Bits> {
    let len = cols.len();
    let mut result = Bits::from_fn(len, |i| cols.live[i]);
    if !plan.groups.is_empty() {
        let mut any = Bits::none(len);
        for group in &plan.groups {
            let mut all = Bits::all(len);
            for c in group {
                all.and(&cond_bits(conn, cols, c)?);
            }
            any.or(&all);
        }
        result.and(&any);
    }
    // FTS5 is the costly part: skip it when the filters already matched nothing.
    if let Some(text) = text.filter(|_| result.any()) {
        result.and(&*text()?);
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Galloping finds exactly the rows a binary search per id finds, in any id order.
        #[test]
        fn rows_of_ids_are_the_rows_a_binary_search_finds(
            gaps in proptest::collection::vec(1..5i64, 0..400),
            picks in proptest::collection::vec(0..1_700i64, 0..300),
            sorted in any::<bool>(),
        ) {
            let ids: Vec<i64> = gaps.iter().scan(1_000, |at, g| { *at += g; Some(*at) }).collect();
            let n = ids.len();
            let cols = TypeColumns { ids, live: vec![true; n], created: vec![0; n], updated: vec![0; n], cols: std::collections::HashMap::new() };
            let mut asked: Vec<i64> = picks.iter().map(|p| 1_000 + p).collect();
            if sorted {
                asked.sort_unstable();
            }
            let mut want = Bits::none(n);
            for id in &asked {
                if let Ok(r) = cols.ids.binary_search(id) {
                    want.set(r);
                }
            }
            prop_assert_eq!(rows_of(&cols, asked.into_iter()), want);
        }
    }
}
