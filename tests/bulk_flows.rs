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
    h.press(&["U"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::RestoreRecord { id, .. } if id == "1000")));
    h.settle();
    assert!(h.screen(120, 30).contains("Restored 1000"));
    h.state.links.api_base = "https://api.hubapi.com".into();
    h.press(&["U"]);
    assert!(h.screen(120, 30).contains("cannot restore"));
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
    assert_eq!(to, ("0-1".to_owned(), "5000".to_owned()));
    h.settle();
    assert_eq!(h.state.bar.toast.as_ref().unwrap().text, "Associated");
}
