//! The frequency table (`f`): counts of each value of the column under the cursor, within the
//! table's search; enter narrows the table to one, esc there comes back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::app::modal::Modal;
use support::tui::Harness;

fn on_column(name: &str) -> Harness {
    let mut h = Harness::new(1000);
    h.settle();
    let col =
        h.state.list.columns.iter().position(|c| c == name).unwrap_or_else(|| panic!("{:?}", h.state.list.columns));
    for _ in 0..col {
        h.press(&[">"]);
    }
    h
}

fn freq(h: &Harness) -> &hubtui::app::freq::FreqView {
    let Modal::Freq(v) = &h.state.modal else { panic!("{:?}", h.state.modal) };
    v
}

#[test]
fn the_makes_are_counted_exactly_and_enter_narrows_the_table_to_one() {
    let mut h = on_column("make");
    h.press(&["f"]);
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::CountEach { requests, .. } if requests.len() == 6)),
        "{:?}",
        h.pending
    );
    h.settle();
    let v = freq(&h);
    assert_eq!(v.total, Some(1000));
    let counts: Vec<(String, Option<usize>)> =
        v.rows().iter().map(|i| (v.buckets[*i].label.clone(), v.buckets[*i].count)).collect();
    assert_eq!(counts[0].1, Some(250), "{counts:?}");
    assert_eq!(counts.iter().filter_map(|c| c.1).sum::<usize>(), 1000);
    insta::assert_snapshot!("freq_make", h.screen(100, 30));
    let first = counts[0].clone();
    h.press(&["enter"]);
    assert_eq!(h.state.modal, Modal::None);
    h.settle();
    let search = h.state.list.search.as_ref().expect("narrowed");
    assert_eq!(search.total, first.1, "the table's count is the row's");
    assert!(h.screen(100, 30).contains(&first.0));
    h.press(&["esc"]);
    assert!(matches!(h.state.modal, Modal::Freq(_)), "esc comes back to the counts");
    assert!(h.state.list.search.is_none(), "and the table to all records");
    h.press(&["esc"]);
    assert_eq!(h.state.modal, Modal::None);
}

#[test]
fn years_get_a_row_each_in_order() {
    let mut h = on_column("year");
    h.press(&["f"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FreqRange { .. })));
    h.settle();
    let v = freq(&h);
    let labels: Vec<&str> = v.rows().iter().map(|i| v.buckets[*i].label.as_str()).collect();
    assert_eq!(labels.first(), Some(&"2015"));
    assert_eq!(labels.len(), 12, "{labels:?} (no \"no value\" row when every car has one)");
    insta::assert_snapshot!("freq_year", h.screen(100, 30));
    h.press(&["s"]);
    let v = freq(&h);
    assert!(v.by_count);
}

#[test]
fn prices_are_a_histogram_of_round_ranges_and_the_search_is_honoured() {
    let mut h = on_column("make");
    // make = BMW (the first row's), then the price column.
    h.press(&["="]);
    h.settle();
    h.press(&["c"]);
    h.type_text("price");
    h.press(&["enter", "esc"]);
    h.settle();
    let col = h.state.list.columns.iter().position(|c| c == "price").unwrap();
    while h.state.list.column < col {
        h.press(&[">"]);
    }
    h.press(&["f"]);
    h.settle();
    let v = freq(&h);
    assert_eq!(v.total, Some(250), "counted within make = BMW");
    let sum: usize = v.buckets.iter().filter_map(|b| b.count).sum();
    assert_eq!(sum, 250);
    assert_eq!(v.buckets[0].label, "20,000 – 29,999");
    insta::assert_snapshot!("freq_price", h.screen(100, 30));
}

#[test]
fn the_recycle_bin_is_not_counted_and_text_by_value_is_alphabetical() {
    let mut h = on_column("make");
    h.press(&["B"]);
    h.settle();
    h.press(&["f"]);
    assert_eq!(h.state.modal, Modal::None, "not counted");
    assert!(h.screen(100, 30).contains("recycle bin cannot be searched"), "{}", h.screen(100, 30));
    h.press(&["B"]);
    h.settle();
    h.press(&["f"]);
    h.settle();
    h.press(&["s"]);
    let v = freq(&h);
    let labels: Vec<&str> = v.rows().iter().map(|i| v.buckets[*i].label.as_str()).collect();
    assert_eq!(labels, ["Acura", "BMW", "Ford", "Tesla"]);
}

#[test]
fn the_cursor_stays_on_its_value_while_the_counts_come_in() {
    let mut h = on_column("make");
    h.press(&["f"]);
    let req = h
        .pending
        .iter()
        .find_map(|c| match c {
            Command::CountEach { req, .. } => Some(*req),
            _ => None,
        })
        .expect("counting");
    h.press(&["j", "j"]);
    let on = {
        let v = freq(&h);
        v.rows()[v.cursor]
    };
    // That value counted highest of all: it goes to the top, and the cursor with it.
    let counted = hubtui::app::msg::FreqMsg::Counted { req, index: on + 1, count: 1_000_000 };
    h.send(hubtui::app::msg::Msg::Freq(counted));
    let v = freq(&h);
    assert_eq!(v.rows()[v.cursor], on);
    assert_eq!(v.cursor, 0, "it moved to the top");
}
