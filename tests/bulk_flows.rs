//! Many records at once, by keys: marking rows, all matches of a search, a property set on
//! all of them (staged, saved in batches), archiving with a confirmation that defaults to
//! no, the recycle bin and restoring.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::app::modal::{Confirm, Modal};
use support::tui::Harness;

fn harness() -> Harness {
    let mut h = Harness::new(1000);
    h.settle();
    h
}

#[test]
fn marked_rows_get_one_value_staged_and_saved_together() {
    let mut h = harness();
    h.press(&["space", "space", "j", "space"]);
    assert_eq!(h.state.list.marked.len(), 3);
    assert!(h.screen(100, 30).contains("3 selected"));
    h.press(&["e"]);
    assert!(matches!(h.state.modal, Modal::BulkProperty(_)));
    h.type_text("price");
    h.press(&["enter"]);
    h.type_text("30000");
    h.press(&["enter"]);
    assert_eq!(h.state.staged.count(), 3);
    assert!(h.state.list.marked.is_empty());
    h.press(&["C", "w"]);
    let Some(Command::SaveChanges { items, .. }) = h.pending.iter().find(|c| matches!(c, Command::SaveChanges { .. }))
    else {
        panic!()
    };
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["1000", "1001", "1003"]);
    assert!(items.iter().all(|i| i.properties["price"] == "30000"));
    h.settle();
    assert_eq!(h.state.staged.count(), 0);
    assert!(h.screen(100, 30).contains("Saved 3 record"));
}

#[test]
fn select_all_matching_a_search_fetches_every_id() {
    let mut h = harness();
    // make = BMW: 250 of 1,000, 100 loaded.
    h.press(&[">", "="]);
    h.settle();
    h.press(&["*"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchAllIds { .. })));
    h.settle();
    assert_eq!(h.state.list.marked.len(), 250);
    assert!(h.screen(120, 30).contains("250 selected"));
    h.press(&["*"]);
    assert!(h.state.list.marked.is_empty(), "again clears");
}

#[test]
fn archiving_asks_first_and_enter_means_no() {
    let mut h = harness();
    h.press(&["space", "space", "X"]);
    let Modal::Confirm(Confirm::Archive { ids, .. }) = &h.state.modal else { panic!("{:?}", h.state.modal) };
    assert_eq!(ids.len(), 2);
    insta::assert_snapshot!("archive_confirm", h.screen(100, 30));
    h.press(&["enter"]);
    assert_eq!(h.state.modal, Modal::None);
    assert!(h.pending.is_empty(), "cancelled: nothing sent");
    h.press(&["X", "y"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::ArchiveRecords { ids, .. } if ids.len() == 2)));
    h.settle();
    assert!(h.screen(100, 30).contains("Archived 2 record(s)"));
}

#[test]
fn the_recycle_bin_lists_archived_records_and_restores_on_the_local_crm() {
    let mut h = harness();
    h.press(&["B"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchPage { archived: true, .. })));
    h.settle();
    assert!(h.screen(120, 30).contains("recycle bin"));
    // A walkthrough found: opening an archived record said "not found".
    h.press(&["enter"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchRecord { archived: true, .. })), "{:?}", h.pending);
    h.settle();
    h.press(&["esc"]);
    h.press(&["U"]);
    // Issue 12.10: U used to restore without asking.
    assert!(h.pending.is_empty(), "U asks first");
    assert!(h.screen(120, 30).contains("Restore 1000 (Model 0 · BMW) from the recycle bin?"), "{}", h.screen(120, 30));
    h.press(&["y"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::RestoreRecord { id, .. } if id == "1000")));
    h.settle();
    assert!(h.screen(120, 30).contains("Restored 1000"));
    h.state.links.api_base = "https://api.hubapi.com".into();
    h.press(&["U"]);
    assert!(h.screen(120, 30).contains("cannot restore"));
}

/// Issue 12.10: the archive prompt said "Archive 1 Cars?" — it names the records now.
#[test]
fn the_archive_question_names_the_records() {
    let mut h = harness();
    h.press(&["X"]);
    assert!(h.screen(120, 30).contains("Archive 1000 (Model 0 · BMW) from Cars?"), "{}", h.screen(120, 30));
    h.press(&["n"]);
    h.press(&["space", "space", "space", "space", "X"]);
    let screen = h.screen(120, 30);
    assert!(screen.contains("Archive 4 Cars: 1000 (Model 0 · BMW), 1001 (Model 1 · Ford), 1002"), "{screen}");
    assert!(screen.contains("and 1 more"), "{screen}");
}

#[test]
fn a_read_only_profile_refuses_every_write_key() {
    let mut h = harness();
    h.state.read_only = Some("profile prod is read_only".into());
    h.press(&["space", "e"]);
    assert_eq!(h.state.modal, Modal::None);
    h.press(&["X"]);
    assert_eq!(h.state.modal, Modal::None);
    h.press(&["C", "w"]);
    assert!(h.pending.iter().all(|c| !matches!(c, Command::SaveChanges { .. } | Command::ArchiveRecords { .. })));
    assert!(h.screen(100, 30).contains("Read-only: profile prod is read_only"));
}

#[test]
fn a_long_write_shows_a_progress_bar_until_its_result() {
    let mut h = harness();
    h.press(&["space", "space", "e"]);
    h.type_text("price");
    h.press(&["enter"]);
    h.type_text("1");
    h.press(&["enter", "C", "w"]);
    h.send(hubtui::app::msg::Msg::Progress { done: 100, total: 250 });
    assert!(h.screen(120, 30).contains("[████████░░░░░░░░░░░░] 100/250"));
    h.settle();
    assert!(h.state.bar.progress.is_none(), "the result ends it");
}

#[test]
fn a_range_of_rows_is_associated_to_one_record() {
    let mut h = harness();
    h.press(&["space", "j", "j", "V"]);
    assert_eq!(h.state.list.marked.len(), 4, "rows 0 to 3");
    h.press(&["A"]);
    h.pick_association_target("contacts", "ada");
    h.press(&["enter"]);
    let Some(Command::AssociateMany { ids, to, .. }) = h.pending.last().cloned() else { panic!("{:?}", h.pending) };
    assert_eq!(ids, ["1000", "1001", "1002", "1003"]);
    assert_eq!(to, hubtui::model::RecordRef::new("0-1", "5000"));
    h.settle();
    assert_eq!(h.state.bar.toast.as_ref().unwrap().text, "Associated");
}

/// Issue 12.9: a bulk edit showed `? → value` for records it never loaded; the values are
/// now read (with their last-modified times, for the conflict guard) before the changeset
/// is trusted.
#[test]
fn a_bulk_edit_reads_the_values_it_replaces() {
    let mut h = harness();
    h.press(&["space", "space", "space"]);
    h.press(&["e"]);
    h.type_text("maintenance");
    h.press(&["enter"]);
    // The enumeration editor: pick "Basic".
    h.type_text("basic");
    h.press(&["enter"]);
    let fetch = h.pending.iter().find(|c| matches!(c, Command::FetchOldValues { .. }));
    assert!(
        matches!(fetch, Some(Command::FetchOldValues { ids, property, .. }) if ids.len() == 3 && property == "maintenance_package"),
        "{:?}",
        h.pending
    );
    h.press(&["C"]);
    assert!(h.screen(120, 30).contains("(not loaded)"), "before the values arrive: {}", h.screen(120, 30));
    assert!(!h.screen(120, 30).contains(" ? "));
    h.settle();
    let c = h.state.staged.value("2-3465404", "1001", "maintenance_package").unwrap();
    assert_eq!((c.old.as_str(), c.new.as_str(), c.old_unknown), ("premium", "basic", false));
    assert!(h.state.staged.records["2-3465404"]["1001"].seen_modified.is_some(), "the conflict guard has a time");
    assert!(h.screen(120, 30).contains("Premium → Basic"), "labels, not stored values: {}", h.screen(120, 30));
}

/// Issue 12.9: the bulk-edit picker offered read-only and unique properties.
#[test]
fn the_bulk_edit_picker_offers_only_what_many_records_can_share() {
    let mut h = harness();
    h.press(&["space", "space", "e"]);
    let screen = h.screen(120, 30);
    assert!(screen.contains("Price"), "{screen}");
    assert!(!screen.contains("VIN"), "unique: {screen}");
    assert!(!screen.contains("Record ID"), "read-only: {screen}");
}

/// Issue 12.9: `*` on the whole table marked only the loaded rows without saying so.
#[test]
fn star_on_the_whole_table_marks_every_record_of_the_type() {
    let mut h = harness();
    assert_eq!(h.state.list.rows.len(), 100);
    h.press(&["*"]);
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::FetchAllIds { search, .. } if search.filter_groups.is_empty()))
    );
    h.settle();
    assert_eq!(h.state.list.marked.len(), 1000);
    assert!(h.screen(120, 30).contains("Marked 1,000 records (all of the type)"), "{}", h.screen(120, 30));
    // A walkthrough found: `*` with a few rows marked cleared them instead of marking all.
    h.press(&["*"]);
    assert!(h.state.list.marked.is_empty(), "again clears");
    h.press(&["space", "space", "*"]);
    h.settle();
    assert_eq!(h.state.list.marked.len(), 1000, "some marked: * marks all");
}

/// A walkthrough found the Objects pane still counting one car fewer after `U` restored it
/// (a reload of the bin does not count the live records).
#[test]
fn restoring_from_the_bin_counts_the_type_again() {
    let mut h = harness();
    h.press(&["B"]);
    h.settle();
    h.press(&["U", "y"]);
    for c in std::mem::take(&mut h.pending) {
        let m = h.answer(&c);
        h.send(m);
    }
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchCount { .. })), "{:?}", h.pending);
}

/// Answers every pending command but the property definitions' read, which it returns.
fn settle_but_properties(h: &mut Harness) -> Vec<Command> {
    let mut held = Vec::new();
    while !h.pending.is_empty() {
        for c in std::mem::take(&mut h.pending) {
            if matches!(c, Command::FetchProperties { .. }) {
                held.push(c);
            } else {
                let m = h.answer(&c);
                h.send(m);
            }
        }
    }
    held
}

#[test]
fn a_bulk_edit_asked_for_before_the_definitions_came_waits_for_them_and_keeps_the_typing() {
    let mut h = Harness::new(1000);
    let held = settle_but_properties(&mut h);
    assert_eq!(held.len(), 1, "{held:?}");
    h.press(&["space", "space"]);
    h.press(&["e"]);
    assert!(matches!(h.state.modal, Modal::BulkProperty(_)), "opens at once: {:?}", h.state.modal);
    assert!(h.screen(100, 30).contains("loading the property definitions"), "{}", h.screen(100, 30));
    h.type_text("price");
    let m = h.answer(&held[0]);
    h.send(m);
    h.press(&["enter"]);
    let Modal::Edit(e) = &h.state.modal else { panic!("{:?}", h.state.modal) };
    assert_eq!(e.property.name, "price");
    assert_eq!(e.ids.len(), 2);
}

#[test]
fn definitions_that_failed_say_why_and_r_reads_them_again() {
    use hubtui::app::msg::{DefsMsg, Msg};
    let mut h = Harness::new(1000);
    let held = settle_but_properties(&mut h);
    let Command::FetchProperties { req, .. } = &held[0] else { panic!() };
    h.send(Msg::Defs(DefsMsg::PropertiesFailed { req: *req, error: "HTTP 502 from the portal".into() }));
    assert!(h.screen(100, 30).contains("HTTP 502"), "{}", h.screen(100, 30));
    h.press(&["space", "e"]);
    assert!(h.screen(100, 30).contains("did not load"), "{}", h.screen(100, 30));
    h.press(&["esc"]);
    h.press(&["r"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchProperties { .. })), "{:?}", h.pending);
    h.settle();
    assert!(h.state.properties.ready().is_some());
}
