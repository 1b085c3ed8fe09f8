//! Key flows for the record table people work in: the cell cursor, sorting by a column,
//! columns that fit (widths, alignment, `…`), resizing and moving columns, counts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::model::SortSpec;
use support::tui::Harness;

const CARS: &str = "2-3465404";

/// 250 cars with model, make, year, price and VIN columns.
fn cars() -> Harness {
    let mut h = Harness::new(250);
    let cols = ["model", "make", "year", "price", "vin"].map(str::to_owned).to_vec();
    h.state.prefs.columns.insert(CARS.into(), cols);
    h.settle();
    h
}

/// The sort of the last page request, if it was a search.
fn last_sort(h: &Harness) -> Option<(String, String)> {
    h.pending.iter().rev().find_map(|c| match c {
        Command::FetchPage { search: Some(r), .. } => match r.sorts.first() {
            Some(SortSpec::Object { property_name, direction }) => {
                Some((property_name.clone(), direction.clone().unwrap_or_default()))
            }
            _ => None,
        },
        _ => None,
    })
}

fn first_cell(h: &Harness, column: usize) -> String {
    h.state.list.rows[0].cells[column].clone()
}

#[test]
fn s_sorts_ascending_then_descending_then_off_keeping_the_search() {
    let mut h = cars();
    // A search first: make = this row's make (BMW).
    h.press(&[">", "="]);
    h.settle();
    assert!(h.screen(120, 30).contains("matches"));
    // Sort by price: ascending, the search's filter kept.
    h.press(&[">", ">", "S"]);
    assert_eq!(last_sort(&h), Some(("price".into(), "ASCENDING".into())));
    let Some(Command::FetchPage { search: Some(r), .. }) =
        h.pending.iter().find(|c| matches!(c, Command::FetchPage { .. }))
    else {
        panic!("{:?}", h.pending)
    };
    assert_eq!(r.filter_groups.len(), 1, "the search shown stays: {r:?}");
    h.settle();
    assert_eq!(first_cell(&h, 1), "BMW");
    assert_eq!(first_cell(&h, 3), "20000", "the cheapest BMW first");
    let screen = h.screen(140, 30);
    assert!(screen.contains("Price ↑"), "the header's arrow: {screen}");
    assert!(screen.contains("sorted by Price ↑"), "{screen}");
    // Descending.
    h.press(&["S"]);
    assert_eq!(last_sort(&h), Some(("price".into(), "DESCENDING".into())));
    h.settle();
    assert_eq!(first_cell(&h, 3), "44800", "the dearest BMW first (car 248)");
    assert!(h.screen(140, 30).contains("Price ↓"));
    // Off: the search again, in id order.
    h.press(&["S"]);
    assert_eq!(last_sort(&h), Some(("hs_object_id".into(), "ASCENDING".into())));
    h.settle();
    assert!(h.state.list.search.is_some(), "the filter stays");
    assert!(!h.screen(140, 30).contains("sorted by"));
}

#[test]
fn sorting_a_plain_table_and_off_again_gives_the_plain_table_back() {
    let mut h = cars();
    h.press(&[">", ">", ">", "S", "S"]);
    assert_eq!(last_sort(&h), Some(("price".into(), "DESCENDING".into())));
    h.settle();
    assert_eq!(first_cell(&h, 3), "44900", "the dearest car first");
    let screen = h.screen(140, 30);
    assert!(screen.contains("Cars · 250"), "a sort is not a search: the count stays: {screen}");
    assert!(screen.contains("sorted by Price ↓"), "{screen}");
    h.press(&["S"]);
    assert!(h.state.list.search.is_none());
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::FetchPage { search: None, .. })),
        "a plain page again: {:?}",
        h.pending
    );
    h.settle();
    assert_eq!(first_cell(&h, 3), "20000");
}

#[test]
fn the_palette_offers_each_column_as_a_sort() {
    let mut h = cars();
    h.press(&[":"]);
    h.type_text("sort by price desc");
    h.press(&["enter"]);
    assert_eq!(last_sort(&h), Some(("price".into(), "DESCENDING".into())));
    h.settle();
    h.press(&[":"]);
    h.type_text("sort: none");
    h.press(&["enter"]);
    assert!(h.state.list.search.is_none());
}

#[test]
fn resize_and_move_a_column_and_the_choice_is_remembered() {
    let mut h = cars();
    h.press(&[">", "+", "+"]);
    let Some(Command::SaveWidths { widths }) = h.pending.iter().rev().find(|c| matches!(c, Command::SaveWidths { .. }))
    else {
        panic!("{:?}", h.pending)
    };
    let make = widths[CARS]["make"];
    assert!(make >= 9, "two steps of two past its width: {make}");
    h.press(&["-"]);
    assert_eq!(h.state.prefs.widths[CARS]["make"], make - 2);
    // Move Make right: the cells go with it, the cursor too.
    h.press(&["}"]);
    assert_eq!(h.state.list.columns, ["model", "year", "make", "price", "vin"]);
    assert_eq!(h.state.list.rows[0].cells[2], "BMW");
    assert_eq!(h.state.list.column, 2);
    assert!(h.pending.iter().any(
        |c| matches!(c, Command::SaveColumns { columns } if columns[CARS] == ["model", "year", "make", "price", "vin"])
    ));
    h.press(&["{", "{", "{"]);
    assert_eq!(h.state.list.columns[0], "make", "stops at the first place");
}

#[test]
fn y_copies_the_cell_under_the_cursor_and_names_it() {
    let mut h = cars();
    h.press(&["j", ">", ">", ">", ">", "y"]);
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::Copy { text, what } if text == "VIN1" && what == "VIN VIN1")),
        "{:?}",
        h.pending
    );
}

#[test]
fn the_table_with_cut_values_aligned_numbers_the_cell_cursor_a_sort_and_counts() {
    let mut h = cars();
    h.state.prefs.widths.insert(CARS.into(), [("model".to_owned(), 6)].into());
    h.press(&[">", ">", ">", "S", "S"]);
    h.settle();
    h.press(&["j"]);
    insta::assert_snapshot!("table_cut_aligned_cursor_sorted", h.screen(100, 16));
}

#[test]
fn columns_past_the_width_scroll_so_the_cursor_column_shows() {
    let mut h = cars();
    h.state.prefs.widths.insert(CARS.into(), [("model".to_owned(), 30), ("make".to_owned(), 20)].into());
    h.press(&[">", ">", ">", ">"]);
    let screen = h.screen(60, 16);
    assert!(screen.contains("▸VIN"), "the cursor's column is on screen: {screen}");
    assert!(screen.contains("‹ ID"), "columns to the left are hidden, and marked: {screen}");
}

#[test]
fn e_exports_what_the_table_shows_to_a_file_named_in_a_prompt() {
    let mut h = cars();
    h.press(&[">", "="]);
    h.settle();
    h.press(&["E"]);
    let screen = h.screen(120, 30);
    assert!(screen.contains("Export the records of this view"), "{screen}");
    assert!(screen.contains(".csv"), "a suggested file name: {screen}");
    // A name without a known extension is refused on the prompt.
    for _ in 0..40 {
        h.press(&["backspace"]);
    }
    h.type_text("cars.txt");
    h.press(&["enter"]);
    assert!(h.screen(120, 30).contains("Name a .csv, .json or .jsonl file"));
    assert!(!h.pending.iter().any(|c| matches!(c, Command::Export { .. })));
    for _ in 0..3 {
        h.press(&["backspace"]);
    }
    h.type_text("jsonl");
    h.press(&["enter"]);
    let Some(Command::Export { path, columns, search: Some(s), by_id: true, .. }) =
        h.pending.iter().find(|c| matches!(c, Command::Export { .. }))
    else {
        panic!("{:?}", h.pending)
    };
    assert_eq!(path, "cars.jsonl");
    assert_eq!(columns, &["model", "make", "year", "price", "vin"]);
    assert_eq!(s.filter_groups.len(), 1, "the search shown");
    h.settle();
    assert!(h.screen(120, 30).contains("Exported 63 records to cars.jsonl"), "{}", h.screen(120, 30));
}

#[test]
fn tab_completes_a_path_in_the_import_and_export_prompts() {
    let mut h = cars();
    h.press(&["I"]);
    h.type_text("ca");
    h.press(&["tab"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::CompletePath { typed, .. } if typed == "ca")));
    h.settle();
    let hubtui::app::modal::Modal::Prompt(p) = &h.state.modal else { panic!("{:?}", h.state.modal) };
    assert_eq!(p.field.text(), "cars", "as far as the candidates agree");
    let screen = h.screen(100, 30);
    assert!(screen.contains("cars-export.csv  cars.jsonl"), "the candidates: {screen}");
    h.type_text("-");
    h.press(&["tab"]);
    h.settle();
    let hubtui::app::modal::Modal::Prompt(p) = &h.state.modal else { panic!() };
    assert_eq!(p.field.text(), "cars-export.csv", "one candidate: all of it");
    h.press(&["esc", "E"]);
    for _ in 0..30 {
        h.press(&["backspace"]);
    }
    h.type_text("zz");
    h.press(&["tab"]);
    h.settle();
    assert!(h.screen(100, 30).contains("nothing in . starts with \"zz\""));
}

/// A walkthrough found the table titled "Contacts · …" over the Cars rows once the Objects
/// pane's highlight moved.
#[test]
fn the_title_names_the_type_shown_not_the_one_highlighted() {
    let mut h = cars();
    h.press(&["esc", "j"]);
    let screen = h.screen(100, 30);
    assert!(screen.contains("Cars · 250"), "{screen}");
    assert!(!screen.contains("Contacts · 250"), "{screen}");
}

/// A walkthrough found `G`, then `g j j j` on a slow server stuck on row 1: the moves were
/// dropped while the first page loaded again.
#[test]
fn moves_after_g_from_the_end_wait_for_the_first_page() {
    let mut h = Harness::new(1_000);
    h.settle();
    h.press(&["G"]);
    h.settle();
    assert_eq!(h.state.list.selected, 999);
    h.press(&["g", "j", "j", "j"]);
    h.settle();
    assert_eq!(h.state.list.selected, 3, "the moves pressed while page 1 loaded");
}

/// A walkthrough found `*` with a quick filter on marked every record of the type (and `X`
/// then offered to archive them all).
#[test]
fn star_with_a_quick_filter_marks_the_rows_it_shows() {
    let mut h = cars();
    h.press(&["/"]);
    h.type_text("Tesla");
    h.press(&["enter", "*"]);
    assert!(!h.pending.iter().any(|c| matches!(c, Command::FetchAllIds { .. })), "{:?}", h.pending);
    let shown = h.state.list.shown().len();
    assert_eq!(h.state.list.marked.len(), shown);
    assert!(shown > 0 && shown < 100, "{shown}");
}

/// A walkthrough found "521 matches" standing after a bulk save emptied the search (only `r`
/// brought "0 matches").
#[test]
fn a_save_into_the_search_shown_counts_its_matches_again() {
    let mut h = cars();
    h.press(&[">", "="]);
    h.settle();
    assert_eq!(h.state.list.search.as_ref().and_then(|s| s.total), Some(63), "BMWs");
    // The first BMW becomes a Ford (record view: Model, Make, …).
    h.press(&["enter"]);
    h.settle();
    h.press(&["j", "e"]);
    for _ in 0..10 {
        h.press(&["backspace"]);
    }
    h.type_text("Ford");
    h.press(&["enter", "w"]);
    // Answer the save by hand: its result asks for the recount.
    for c in std::mem::take(&mut h.pending) {
        let m = h.answer(&c);
        h.send(m);
    }
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::FetchMatches { search, .. } if search.filter_groups.len() == 1)),
        "{:?}",
        h.pending
    );
    h.state.list.search.as_mut().unwrap().total = Some(999);
    h.settle();
    assert_eq!(h.state.list.search.as_ref().and_then(|s| s.total), Some(63), "the count as the portal says now");
}

fn fetches_record(h: &Harness) -> bool {
    h.pending.iter().any(|c| matches!(c, Command::FetchRecord { .. }))
}

/// Issue 16: a record opened from the table shows the row's values at once (the rest loading);
/// one opened before shows without a call; a write and `r` forget what was read.
#[test]
fn a_record_shows_its_row_at_once_and_one_opened_before_needs_no_call() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["j", "j", "enter"]);
    assert!(fetches_record(&h));
    let screen = h.screen(100, 30);
    assert!(screen.contains("loading the rest…") && screen.contains("Model 2"), "the row at once: {screen}");
    h.settle();
    assert!(!h.screen(100, 30).contains("loading the rest…"));
    h.press(&["esc", "j", "enter"]);
    h.settle();
    // Back to the first: no call, the whole record at once.
    h.press(&["esc", "k", "enter"]);
    assert!(!fetches_record(&h), "{:?}", h.pending);
    assert!(h.screen(100, 30).contains("Model 2"), "shown at once");
    h.settle();
    assert_eq!(h.state.detail.record.ready().map(|r| r.id.as_str()), Some("1002"));
    // `r` reads afresh, and so does the next open.
    h.press(&["r"]);
    assert!(fetches_record(&h));
    h.settle();
    h.press(&["esc", "j", "enter"]);
    assert!(fetches_record(&h), "forgotten by r");
    h.settle();
    // A write forgets too: stage a price on this record and save it.
    h.press(&["esc", "k", "enter"]);
    assert!(!fetches_record(&h));
    h.settle();
    h.state.detail.cursor = 0;
    h.press(&["e"]);
    h.type_text("7");
    h.press(&["enter", "w"]);
    h.settle();
    h.press(&["esc", "j", "enter"]);
    assert!(fetches_record(&h), "forgotten after a save");
}

/// `e` on a row shown from the table while the record is still read says so (it did nothing).
#[test]
fn editing_a_record_still_being_read_says_so() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["enter"]);
    assert!(fetches_record(&h));
    h.press(&["e"]);
    assert!(h.screen(100, 30).contains("Still reading the record"), "{}", h.screen(100, 30));
    h.settle();
    h.press(&["e"]);
    assert!(matches!(h.state.modal, hubtui::app::modal::Modal::Edit(_)), "{:?}", h.state.modal);
}
