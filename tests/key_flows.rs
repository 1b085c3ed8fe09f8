//! Key flows: keys through the keymap and `update`, a fake executor, and what the user sees.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::{Command, Edge};
use hubtui::app::state::Focus;
use support::tui::Harness;

#[test]
fn browse_to_a_car_read_its_history_and_come_back() {
    let mut h = Harness::new(250);
    h.settle();
    assert_eq!(h.state.focus, Focus::List);
    assert!(h.screen(100, 30).contains("Model 0"));
    h.press(&["j", "j", "enter"]);
    h.settle();
    assert_eq!(h.state.focus, Focus::Detail);
    let screen = h.screen(100, 30);
    assert!(screen.contains("Maintenance Package: Premium"), "enumeration labels, not values:\n{screen}");
    assert!(!screen.contains("Record ID (read-only)"), "system properties are folded: {screen}");
    assert!(screen.contains("z shows 2 read-only"), "{screen}");
    h.press(&["z"]);
    assert!(h.screen(100, 30).contains("Record ID (read-only)"));
    h.press(&["]"]);
    let screen = h.screen(100, 30);
    assert!(screen.contains("CRM_UI") && screen.contains("IMPORT"), "{screen}");
    h.press(&["esc"]);
    assert_eq!(h.state.focus, Focus::List);
    h.press(&["esc"]);
    assert_eq!(h.state.focus, Focus::Types);
    h.press(&["j", "enter"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchPage { type_id, .. } if type_id == "0-1")));
    h.press(&["q"]);
    assert!(h.state.quit);
}

#[test]
fn scrolling_near_the_end_loads_the_next_page_once() {
    let mut h = Harness::new(250);
    h.settle();
    assert_eq!(h.state.list.rows.len(), 100);
    h.press(&["ctrl-d", "ctrl-d", "ctrl-d"]);
    let fetches = h.pending.iter().filter(|c| matches!(c, Command::FetchPage { .. })).count();
    assert_eq!(fetches, 1);
    h.press(&["k", "j", "j"]);
    assert_eq!(
        h.pending.iter().filter(|c| matches!(c, Command::FetchPage { .. })).count(),
        1,
        "one page in flight at a time"
    );
    h.settle();
    assert_eq!(h.state.list.rows.len(), 200);
    h.press(&["G"]);
    h.settle();
    assert_eq!((h.state.list.base, h.state.list.end(), h.state.list.selected), (150, 250, 249));
    assert!(h.state.list.loaded_all);
    h.press(&["G", "j"]);
    assert!(h.pending.is_empty(), "nothing more to load");
}

#[test]
fn g_jumps_to_the_last_of_a_million_records_without_loading_the_rest() {
    let mut h = Harness::new(1_000_000);
    h.settle();
    h.press(&["G"]);
    assert_eq!(h.pending.len(), 1);
    assert!(matches!(h.pending[0], Command::FetchSlice { edge: Edge::Last, .. }));
    h.settle();
    let l = &h.state.list;
    assert_eq!((l.base, l.selected, l.rows.len()), (999_900, 999_999, 100));
    let screen = h.screen(100, 30);
    assert!(screen.contains("Cars · 1,000,000 — row 1,000,000"), "{screen}");
    assert!(screen.contains("Model 999999"));
    // Scrolling up pages backwards by id.
    h.press(&["ctrl-u"; 4]);
    assert!(matches!(&h.pending[..], [Command::FetchSlice { edge: Edge::Before(id), .. }] if id == "1000900"));
    h.settle();
    assert_eq!(h.state.list.base, 999_800);
    assert!(h.screen(100, 30).contains(&format!("Model {}", h.state.list.selected)));
    // g goes back to the first page.
    h.press(&["g"]);
    h.settle();
    assert_eq!((h.state.list.base, h.state.list.selected, h.state.list.by_id), (0, 0, false));
    assert!(h.screen(100, 30).contains("Model 0 "));
}

#[test]
fn a_failed_page_retries_with_r() {
    let mut h = Harness::new(250);
    h.fail_pages = true;
    h.settle();
    assert!(h.state.list.error.is_some());
    h.fail_pages = false;
    h.press(&["r"]);
    h.settle();
    assert_eq!(h.state.list.rows.len(), 100);
    assert!(h.state.list.error.is_none());
}

#[test]
fn follow_an_association_and_come_back() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["j", "enter"]);
    h.settle();
    h.press(&["]", "]"]);
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::FetchNames { items, .. } if items[0].0 == "contacts")),
        "the tab names its records in batches: {:?}",
        h.pending
    );
    let screen = h.screen(100, 30);
    assert!(screen.contains("Contacts (1)") && screen.contains("#5000  car to contact"), "ids until named: {screen}");
    h.settle();
    let screen = h.screen(100, 30);
    assert!(screen.contains("Ada · Lovelace  #5000 · car to contact"), "names, ids secondary: {screen}");
    h.press(&["enter"]);
    h.settle();
    let screen = h.screen(100, 30);
    assert!(screen.contains("ada@example.com"), "{screen}");
    // Issue 12.10: the trail names types and records, not raw ids.
    let wide = h.screen(200, 30);
    assert!(wide.contains("Cars: Model 1 · Ford › Contacts: Ada · ada@example.com #5000"), "breadcrumbs: {wide}");
    h.press(&["esc"]);
    h.settle();
    assert_eq!(h.state.detail.current, Some(hubtui::model::RecordRef::new("2-3465404", "1001")));
    assert!(h.state.detail.back.is_empty());
    // Back on the tab and row it was followed from (a walkthrough found it on Properties).
    assert_eq!(h.state.detail.tab, hubtui::app::state::DetailTab::Associations);
    assert!(h.screen(100, 30).contains("Ada · Lovelace  #5000"), "{}", h.screen(100, 30));
    h.press(&["esc"]);
    assert_eq!(h.state.focus, Focus::List);
}

#[test]
fn scrolling_far_keeps_a_window_of_rows_and_refetches_pages_that_left_it() {
    let mut h = Harness::new(3_000);
    h.settle();
    for _ in 0..150 {
        h.press(&["ctrl-d"]);
        h.settle();
    }
    assert!(h.state.list.loaded_all);
    assert_eq!(h.state.list.selected, 2_999);
    assert!(h.state.list.rows.len() <= hubtui::app::state::WINDOW, "memory stays flat");
    assert_eq!(h.state.list.end(), 3_000);
    let base = h.state.list.base;
    assert!(base >= 2_000);
    // Scrolling back up past the window's top fetches the earlier page with its cursor.
    for _ in 0..60 {
        h.press(&["ctrl-u"]);
        h.settle();
    }
    assert!(h.state.list.base < base);
    let row = h.state.list.selected_row().unwrap().clone();
    assert_eq!(row.id, (1000 + h.state.list.selected).to_string(), "rows stay where they belong");
    // Opening a record far down the table opens that record.
    h.press(&["enter"]);
    h.settle();
    assert_eq!(h.state.detail.current, Some(hubtui::model::RecordRef::new("2-3465404", row.id.clone())));
    h.press(&["esc"]);
    h.press(&["g"]);
    h.settle();
    assert_eq!((h.state.list.base, h.state.list.selected), (0, 0));
    assert_eq!(h.state.list.selected_row().unwrap().id, "1000");
}

/// Issue 12.8: keys pressed while pages load used to stop at the last loaded row (15 presses
/// of ctrl-d moved ~300 rows instead of 750 at 250 ms a page).
#[test]
fn moves_pressed_while_pages_load_are_all_kept() {
    let page = hubtui::app::layout::list_rows((100, 30));
    let mut h = Harness::new(3000);
    h.settle();
    for _ in 0..15 {
        h.press(&["ctrl-d"]);
    }
    assert_eq!(h.pending.iter().filter(|c| matches!(c, Command::FetchPage { .. })).count(), 1, "one page at a time");
    h.settle();
    assert_eq!(h.state.list.selected, 15 * page, "every press counted");
    assert_eq!(h.state.list.target, None);
    // Moving back up from a pending target counts from the target, not the waiting cursor.
    for _ in 0..15 {
        h.press(&["ctrl-d"]);
    }
    h.press(&["k"]);
    h.settle();
    assert_eq!(h.state.list.selected, 30 * page - 1);
}

/// Issue 12.8: `G` and `g` win over moves still waiting for pages.
#[test]
fn a_jump_wins_over_queued_moves() {
    let mut h = Harness::new(3000);
    h.settle();
    for _ in 0..15 {
        h.press(&["ctrl-d"]);
    }
    h.press(&["G"]);
    h.settle();
    assert_eq!(h.state.list.selected, 2999);
    for _ in 0..5 {
        h.press(&["ctrl-u"]);
    }
    h.press(&["g"]);
    h.settle();
    assert_eq!(h.state.list.selected, 0);
    assert_eq!(h.state.list.target, None);
}

/// Issue 12.8: a typed row number (then G) goes to that row, winning over queued moves.
#[test]
fn a_typed_row_number_goes_to_that_row() {
    let mut h = Harness::new(3000);
    h.settle();
    for _ in 0..10 {
        h.press(&["ctrl-d"]);
    }
    h.type_text("150");
    assert!(h.screen(100, 30).contains("row 150…"));
    h.press(&["G"]);
    h.settle();
    assert_eq!(h.state.list.selected, 149);
    h.type_text("1234");
    h.press(&["g"]);
    h.settle();
    assert_eq!(h.state.list.selected, 1233);
    assert_eq!(h.state.list.count, None);
}

/// A walkthrough found: keys pressed right after `G` (while the end loads) were lost.
#[test]
fn moves_pressed_while_g_lands_count_from_the_last_row() {
    let page = hubtui::app::layout::list_rows((100, 30));
    let mut h = Harness::new(2000);
    h.settle();
    h.press(&["G", "k", "k", "k"]);
    h.settle();
    assert_eq!(h.state.list.selected, 1996);
    h.press(&["g"]);
    h.settle();
    h.press(&["G", "ctrl-u", "ctrl-u", "ctrl-u"]);
    h.settle();
    assert_eq!(h.state.list.selected, 1999 - 3 * page);
}

/// A real portal's record has hundreds of properties: `/` in the record view narrows the
/// Properties tab to those whose label, internal name or value holds the text.
#[test]
fn the_record_views_filter_finds_a_property_among_many_and_e_edits_it() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["j", "j", "enter"]);
    h.settle();
    h.press(&["/"]);
    h.type_text("maint");
    let screen = h.screen(100, 30);
    assert!(screen.contains("/maint▏"), "the filter as typed:\n{screen}");
    assert!(screen.contains("Maintenance Package: Premium"), "{screen}");
    assert!(!screen.contains("Make:") && !screen.contains("Model:"), "only what matches:\n{screen}");
    insta::assert_snapshot!("record_view_filter", h.screen(120, 16));
    // Enter keeps the filter; e edits the row it left under the cursor.
    h.press(&["enter", "e"]);
    assert!(h.screen(100, 30).contains("Edit Maintenance Package"), "{}", h.screen(100, 30));
    h.press(&["esc"]);
    // It reaches the folded system properties and matches internal names and values.
    h.press(&["/"]);
    for _ in 0.."maint".len() {
        h.press(&["backspace"]);
    }
    h.type_text("hs_object_id");
    assert!(h.screen(100, 30).contains("Record ID (read-only)"), "{}", h.screen(100, 30));
    h.press(&["backspace"; 12]);
    h.type_text("premium");
    assert!(h.screen(100, 30).contains("Maintenance Package: Premium"), "{}", h.screen(100, 30));
    h.type_text("zzz");
    assert!(h.screen(100, 30).contains("no property matches"), "{}", h.screen(100, 30));
    // Esc drops it (typing or not), and only then goes back to the table.
    h.press(&["esc"]);
    assert!(h.state.detail.filter.is_none());
    assert!(h.screen(100, 30).contains("Make:"));
    h.press(&["/"]);
    h.type_text("year");
    h.press(&["enter", "esc"]);
    assert_eq!((h.state.focus, h.state.detail.filter.is_none()), (Focus::Detail, true));
    h.press(&["esc"]);
    assert_eq!(h.state.focus, Focus::List);
}

/// Step by step through the first screen's answers: the first table page is not queued behind
/// a count per type (a portal lists 18 types; each count is a search), and every count follows.
#[test]
fn the_first_page_goes_before_the_counts_of_every_type() {
    let mut h = Harness::new(250);
    let mut counts_with_first_page = None;
    let mut page_sent = false;
    while !h.pending.is_empty() {
        // One batch: what the last answers asked for, sent together.
        let cmds = std::mem::take(&mut h.pending);
        page_sent |= cmds.iter().any(|c| matches!(c, Command::FetchPage { .. }));
        if page_sent && counts_with_first_page.is_none() {
            // The table's own type is counted with its page (its header shows the count).
            counts_with_first_page =
                Some(cmds.iter().any(|c| matches!(c, Command::FetchCount { type_id, .. } if type_id != "2-3465404")));
        }
        for c in cmds {
            let m = h.answer(&c);
            h.send(m);
        }
    }
    assert_eq!(counts_with_first_page, Some(false), "another type's count was sent with the first page");
    let types = support::tui::types().len();
    assert_eq!(h.state.types.counts.len(), types, "every type is counted: {:?}", h.state.types.counts);
}
