//! Issue 16's check that the fast execution path stays exact: at 100,000 rows, random filter
//! groups and sorts run through the engine (`filter::matching`, then `order::page`'s bounded
//! heap) and through a plain per-row evaluation of every condition with a full sort of the
//! matches (`order::page_by_sorting`, the path before the heap). Same total, same page.

use std::sync::OnceLock;

use proptest::prelude::*;
use rusqlite::Connection;

use super::bits::Bits;
use super::columns::{Column, Dict, MISSING, TypeColumns};
use super::plan::{Cond, Kind, Op, Plan, Sort, Target, Val};
use super::{filter, order};
use crate::rng::SplitMix64;

const ROWS: usize = 100_000;
const MAKES: [&str; 8] = ["acura", "audi", "chevrolet", "ford", "honda", "mazda", "tesla", "toyota"];
const DAY: i64 = 86_400_000;

/// A 100k-row type: prices and years with ties and gaps, makes and models with missing values,
/// creation times with ties, ids with holes, one row in fifty archived.
fn portal() -> &'static TypeColumns {
    static P: OnceLock<TypeColumns> = OnceLock::new();
    P.get_or_init(|| {
        let mut rng = SplitMix64::new(16);
        let (mut make, mut model) = (Dict::default(), Dict::default());
        let (mut make_codes, mut model_codes, mut price, mut year) = (vec![], vec![], vec![], vec![]);
        for _ in 0..ROWS {
            let m = *rng.pick(&MAKES);
            make_codes.push(if rng.chance(0.04) { MISSING } else { make.intern(m) });
            model_codes.push(if rng.chance(0.1) { MISSING } else { model.intern(&format!("{m} {}", rng.below(40))) });
            price.push(if rng.chance(0.05) { f64::NAN } else { (rng.range(30, 600) * 100) as f64 });
            year.push(if rng.chance(0.02) { f64::NAN } else { rng.range(2010, 2026) as f64 });
        }
        let mut cols = TypeColumns {
            ids: (0..ROWS).map(|i| 10_000_000 + i as i64 * 2 + (i as i64 % 3)).collect(),
            live: (0..ROWS).map(|_| rng.below(50) != 0).collect(),
            created: (0..ROWS).map(|_| 1_700_000_000_000 + rng.range(0, 900) * DAY).collect(),
            updated: vec![0; ROWS],
            cols: std::collections::HashMap::new(),
        };
        cols.cols.insert("price".into(), Column::Num(price));
        cols.cols.insert("year".into(), Column::Num(year));
        cols.cols.insert("make".into(), Column::Text { codes: make_codes, dict: make });
        cols.cols.insert("model".into(), Column::Text { codes: model_codes, dict: model });
        cols
    })
}

const OPS: [Op; 11] =
    [Op::Eq, Op::Neq, Op::Lt, Op::Lte, Op::Gt, Op::Gte, Op::Between, Op::In, Op::NotIn, Op::Has, Op::NotHas];

fn prop(name: &str, kind: Kind) -> Target {
    Target::Prop { name: name.into(), kind }
}

/// One value for a condition on `target`: mostly ones the rows hold, sometimes none do.
fn value(rng: &mut SplitMix64, target: &Target) -> Val {
    match target {
        Target::Prop { name, .. } if name == "price" => Val::Num((rng.range(20, 620) * 100) as f64),
        Target::Prop { name, .. } if name == "year" => Val::Num(rng.range(2008, 2028) as f64),
        Target::Prop { name, .. } if name == "make" => {
            Val::Text((*rng.pick(&["acura", "ford", "mazda", "tesla", "m", "zz", "bmw"])).to_owned())
        }
        Target::Prop { .. } => Val::Text(format!("{} {}", rng.pick(&MAKES), rng.below(45))),
        Target::Created => Val::Num((1_700_000_000_000 + rng.range(-10, 910) * DAY) as f64),
        _ => Val::Num((10_000_000 + rng.range(-10, 2 * ROWS as i64 + 10)) as f64),
    }
}

fn cond(rng: &mut SplitMix64) -> Cond {
    let targets = [
        prop("price", Kind::Num),
        prop("year", Kind::Num),
        prop("make", Kind::Text),
        prop("model", Kind::Text),
        Target::Created,
        Target::Id,
    ];
    let target = rng.pick(&targets).clone();
    let op = *rng.pick(&OPS);
    let n = match op {
        Op::Has | Op::NotHas => 0,
        Op::Between => 2,
        Op::In | Op::NotIn => 1 + rng.below(3) as usize,
        _ => 1,
    };
    let vals = (0..n).map(|_| value(rng, &target)).collect();
    Cond { target, op, vals }
}

/// A random plan: up to three groups of up to three conditions, a sort or none, a page.
fn plan(seed: u64) -> Plan {
    let mut rng = SplitMix64::new(seed);
    let groups = (0..rng.below(4)).map(|_| (0..1 + rng.below(3)).map(|_| cond(&mut rng)).collect()).collect();
    let sorts =
        [prop("price", Kind::Num), prop("year", Kind::Num), prop("model", Kind::Text), Target::Created, Target::Id];
    let sort = rng.chance(0.8).then(|| Sort { target: rng.pick(&sorts).clone(), descending: rng.chance(0.5) });
    let offset = if rng.chance(0.5) { 0 } else { rng.below(500) as usize };
    Plan { groups, query: None, sort, limit: 1 + rng.below(200) as usize, offset, properties: Vec::new() }
}

/// A row's value of a target, plainly: a number (`None` when missing) or a text.
enum Got<'a> {
    Num(Option<f64>),
    Text(Option<&'a str>),
}

fn got<'a>(cols: &'a TypeColumns, target: &Target, row: usize) -> Got<'a> {
    match target {
        Target::Prop { name, .. } => match &cols.cols[name] {
            Column::Num(v) => Got::Num(Some(v[row]).filter(|x| !x.is_nan())),
            Column::Text { codes, dict } => Got::Text(dict.values.get(codes[row] as usize).map(String::as_str)),
            Column::Multi { .. } => unreachable!("no multi-selects here"),
        },
        Target::Created => Got::Num(Some(cols.created[row] as f64)),
        _ => Got::Num(Some(cols.ids[row] as f64)),
    }
}

/// Whether a row's value (`None`: missing) satisfies `op` on the condition's values.
fn compare<T: PartialOrd + Copy>(op: Op, x: Option<T>, v: &[T]) -> bool {
    match (op, x) {
        (Op::Has, x) => x.is_some(),
        (Op::NotHas, x) => x.is_none(),
        (Op::Neq, x) => x != Some(v[0]),
        (Op::NotIn, x) => !v.iter().any(|w| x == Some(*w)),
        (_, None) => false,
        (Op::Eq, Some(x)) => x == v[0],
        (Op::Lt, Some(x)) => x < v[0],
        (Op::Lte, Some(x)) => x <= v[0],
        (Op::Gt, Some(x)) => x > v[0],
        (Op::Gte, Some(x)) => x >= v[0],
        (Op::Between, Some(x)) => v[0] <= x && x <= v[1],
        (Op::In, Some(x)) => v.contains(&x),
        _ => unreachable!("no token operators here"),
    }
}

fn holds(cols: &TypeColumns, c: &Cond, row: usize) -> bool {
    match got(cols, &c.target, row) {
        Got::Num(x) => {
            let v: Vec<f64> = c.vals.iter().map(|v| if let Val::Num(n) = v { *n } else { f64::NAN }).collect();
            compare(c.op, x, &v)
        }
        Got::Text(s) => {
            let v: Vec<&str> = c.vals.iter().map(|v| if let Val::Text(t) = v { t.as_str() } else { "" }).collect();
            compare(c.op, s, &v)
        }
    }
}

/// The rows a plan matches, one row and one condition at a time.
fn reference(cols: &TypeColumns, plan: &Plan) -> Bits {
    Bits::from_fn(cols.len(), |row| {
        cols.live[row] && (plan.groups.is_empty() || plan.groups.iter().any(|g| g.iter().all(|c| holds(cols, c, row))))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_engine_matches_and_pages_as_a_plain_evaluation_does_at_100k_rows(seed in any::<u64>()) {
        let cols = portal();
        let plan = plan(seed);
        let conn = Connection::open_in_memory().unwrap();
        let fast = filter::matching(&conn, cols, &plan, None).unwrap();
        let plain = reference(cols, &plan);
        prop_assert_eq!(fast.count(), plain.count(), "total of {:?}", plan);
        prop_assert_eq!(order::page(cols, &fast, &plan), order::page_by_sorting(cols, &plain, &plan), "page of {:?}", plan);
    }
}

#[test]
fn the_random_plans_reach_every_kind_of_answer() {
    let cols = portal();
    let totals: Vec<usize> = (0..200).map(|s| reference(cols, &plan(s)).count()).collect();
    assert!(totals.contains(&0), "some plans match nothing");
    assert!(totals.iter().any(|t| (1..1000).contains(t)), "some match a few");
    assert!(totals.iter().any(|t| *t > 50_000), "some match most rows");
}
