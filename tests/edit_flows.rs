//! Editing by keys against the fake executor: stage a change (validated by type), review
//! the changeset, save it, keep failures and conflicts staged, read-only properties and
//! profiles refused, quitting with staged changes asks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::app::modal::{Confirm, Modal};
use support::tui::Harness;

/// A car open in the record view with the cursor on `label`.
fn on_property(label: &str) -> Harness {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["j", "j", "enter"]);
    h.settle();
    for _ in 0..12 {
        let screen = h.screen(100, 30);
        let line = screen.lines().find(|l| l.contains(&format!("{label}:"))).unwrap_or_default().to_owned();
        if property_under_cursor(&h) == label {
            return h;
        }
        let _ = line;
        h.press(&["j"]);
    }
    panic!("no property {label}");
}

fn property_under_cursor(h: &Harness) -> String {
    let rec = h.state.detail.record.ready().unwrap();
    let rows = hubtui::app::record_view::property_rows(
        rec,
        h.state.detail_properties(),
        &hubtui::app::record_view::row_order(&h.state),
    );
    rows.get(h.state.detail.cursor).map(|r| r.label.to_owned()).unwrap_or_default()
}

/// Issue 12.5: the status bar said "C reviews, w saves" wherever changes were staged, but `w`
/// only worked inside the changeset.
#[test]
fn w_saves_from_the_record_view_and_the_table_as_the_hint_says() {
    let mut h = on_property("Price");
    h.press(&["e"]);
    h.type_text("1");
    h.press(&["enter"]);
    h.settle();
    assert!(h.screen(100, 30).contains("1 staged: C review, w save"), "{}", h.screen(100, 30));
    h.press(&["w"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::SaveChanges { .. })), "w in the record view saves");
    h.settle();
    assert_eq!(h.state.staged.count(), 0);
    let mut h = on_property("Price");
    h.press(&["e"]);
    h.type_text("2");
    h.press(&["enter", "esc"]);
    h.settle();
    assert_eq!(h.state.focus, hubtui::app::state::Focus::List);
    h.press(&["w"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::SaveChanges { .. })), "w in the table saves");
}

#[test]
fn edit_a_price_stage_it_review_and_save() {
    let mut h = on_property("Price");
    h.press(&["e"]);
    assert!(matches!(h.state.modal, Modal::Edit(_)));
    for _ in 0..5 {
        h.press(&["backspace"]);
    }
    h.type_text("22,500");
    h.press(&["enter"]);
    assert_eq!(h.state.modal, Modal::None);
    let c = h.state.staged.value("2-3465404", "1002", "price").unwrap();
    assert_eq!((c.old.as_str(), c.new.as_str()), ("20200", "22500"));
    assert!(h.pending.iter().any(|c| matches!(c, Command::SaveDrafts { staged } if staged.count() == 1)), "journalled");
    insta::assert_snapshot!("edit_staged_in_record_view", h.screen(100, 30));
    h.press(&["C"]);
    insta::assert_snapshot!("edit_changeset", h.screen(100, 30));
    h.press(&["w"]);
    let Some(Command::SaveChanges { items, .. }) = h.pending.iter().find(|c| matches!(c, Command::SaveChanges { .. }))
    else {
        panic!("{:?}", h.pending)
    };
    assert_eq!(items[0].properties["price"], "22500");
    assert_eq!(items[0].seen_modified.as_deref(), Some("2024-02-01T10:30:00.000Z"), "the time the user saw");
    h.settle();
    assert_eq!(h.state.staged.count(), 0);
    assert!(h.screen(100, 30).contains("Saved 1 record"));
}

#[test]
fn a_value_of_the_wrong_type_is_refused_on_the_field_and_the_draft_stays() {
    let mut h = on_property("Price");
    h.press(&["e"]);
    h.type_text("x");
    h.press(&["enter"]);
    let Modal::Edit(e) = &h.state.modal else { panic!("the editor stays open") };
    assert!(e.error.as_deref().unwrap().contains("is not a number"));
    assert_eq!(e.field.text(), "20200x", "the typed text is kept");
    assert!(h.screen(100, 30).contains("is not a number"));
    assert_eq!(h.state.staged.count(), 0);
}

#[test]
fn read_only_properties_and_profiles_are_refused_with_a_reason() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["j", "j", "enter"]);
    h.settle();
    // System properties are folded away until z shows them.
    assert!(h.screen(100, 30).contains("read-only system properties"), "{}", h.screen(100, 30));
    h.press(&["z"]);
    while property_under_cursor(&h) != "Record ID" {
        h.press(&["j"]);
    }
    h.press(&["e"]);
    assert_eq!(h.state.modal, Modal::None);
    assert!(h.screen(100, 30).contains("Record ID is read-only"));
    let mut h = on_property("Price");
    h.state.read_only = Some("profile prod is read-only".into());
    h.press(&["e"]);
    assert_eq!(h.state.modal, Modal::None);
    assert!(h.screen(100, 30).contains("Read-only: profile prod is read-only"));
}

#[test]
fn enumerations_are_picked_from_their_labels() {
    let mut h = on_property("Maintenance Package");
    h.press(&["e"]);
    insta::assert_snapshot!("edit_enumeration", h.screen(100, 30));
    h.press(&["up", "enter"]);
    let c = h.state.staged.value("2-3465404", "1002", "maintenance_package").unwrap();
    assert_eq!(c.new, "basic");
}

#[test]
fn a_failed_save_keeps_the_change_staged_with_the_reason() {
    // Year: Price's validation rule would refuse -1 before it is sent.
    let mut h = on_property("Year");
    h.press(&["e"]);
    for _ in 0..5 {
        h.press(&["backspace"]);
    }
    h.type_text("-1");
    h.press(&["enter", "C", "w"]);
    h.settle();
    let c = h.state.staged.value("2-3465404", "1002", "year").unwrap();
    assert!(c.error.as_deref().unwrap().contains("must be positive"));
    assert!(h.screen(140, 30).contains("✗ Property values were not valid"));
    h.press(&["esc"]);
    assert!(h.screen(160, 30).contains("(staged)  ✗ Property values were not valid"), "on the field too");
}

#[test]
fn a_record_changed_by_someone_else_shows_theirs_and_w_keeps_ours() {
    let mut h = on_property("Price");
    h.conflict_ids = vec!["1002".into()];
    h.press(&["e"]);
    h.type_text("1");
    h.press(&["enter", "C", "w"]);
    h.settle();
    let c = h.state.staged.value("2-3465404", "1002", "price").unwrap();
    assert_eq!(c.theirs.as_deref(), Some("99999"));
    let screen = h.screen(160, 30);
    assert!(screen.contains("changed since you read it — now 99,999"), "as the record view shows values: {screen}");
    // w again: the user keeps theirs... no, ours: the save is forced.
    h.press(&["w"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::SaveChanges { items, .. } if items[0].force)));
    h.settle();
    assert_eq!(h.state.staged.count(), 0);
}

/// A walkthrough found: after a conflict, `x` (take theirs) left the record view showing the
/// old value; it reads the record again.
#[test]
fn taking_theirs_after_a_conflict_reloads_the_record_shown() {
    let mut h = on_property("Price");
    h.conflict_ids = vec!["1002".into()];
    h.press(&["e"]);
    h.type_text("1");
    h.press(&["enter", "C", "w"]);
    h.settle();
    h.press(&["x"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchRecord { id, .. } if id == "1002")), "{:?}", h.pending);
}

#[test]
fn x_in_the_changeset_takes_theirs_by_dropping_ours() {
    let mut h = on_property("Price");
    h.press(&["e"]);
    h.type_text("1");
    h.press(&["enter", "C", "x"]);
    assert_eq!(h.state.staged.count(), 0);
    assert!(h.pending.iter().any(|c| matches!(c, Command::SaveDrafts { staged } if staged.count() == 0)));
}

#[test]
fn quitting_with_staged_changes_asks_and_defaults_to_stay() {
    let mut h = on_property("Price");
    h.press(&["e"]);
    h.type_text("1");
    h.press(&["enter", "q"]);
    assert_eq!(h.state.modal, Modal::Confirm(Confirm::QuitWithStaged));
    assert!(!h.state.quit);
    insta::assert_snapshot!("edit_quit_confirm", h.screen(100, 30));
    h.press(&["enter"]);
    assert!(!h.state.quit, "enter is no");
    h.press(&["q", "y"]);
    assert!(h.state.quit);
}

#[test]
fn a_crash_recovered_draft_is_shown_staged_on_the_record() {
    let mut h = Harness::new(250);
    h.state.staged.stage("2-3465404", "1002", None, "price", "20200", "30000");
    h.settle();
    h.press(&["j", "j", "enter"]);
    h.settle();
    assert!(h.screen(100, 30).contains("30,000 (staged)"));
}

#[test]
fn pin_and_unpin_an_activity_from_the_activities_tab() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["enter"]);
    h.settle();
    h.press(&["P"]);
    assert!(h.screen(100, 30).contains("Pin from the Activities tab"));
    h.press(&["]", "]", "]", "j", "P"]);
    // 7200 is pinned; the second row (71) gets pinned.
    assert!(h.pending.iter().any(|c| matches!(c, Command::Pin { engagement: Some(e), .. } if e == "71")));
    h.settle();
    assert!(h.screen(100, 30).contains("Pinned the activity"), "{}", h.screen(100, 30));
    h.press(&["k", "P"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::Pin { engagement: None, .. })), "the pinned one unpins");
    h.settle();
    assert!(h.screen(100, 30).contains("Unpinned the activity"), "the toast says which: {}", h.screen(100, 30));
}

#[test]
fn v_on_an_older_version_stages_it_back() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["j", "j", "enter"]);
    h.settle();
    h.press(&["]", "v"]);
    assert_eq!(h.state.staged.count(), 0, "the current version is not a revert");
    assert!(h.screen(100, 30).contains("That is the current value"));
    h.press(&["j", "v"]);
    let c = h.state.staged.value("2-3465404", "1002", "price").unwrap();
    assert_eq!((c.old.as_str(), c.new.as_str()), ("20200", "25000"));
    insta::assert_snapshot!("history_revert", h.screen(100, 30));
}

#[test]
fn associations_are_added_by_search_and_label_and_removed_after_asking() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["enter"]);
    h.settle();
    h.press(&["]", "]", "A"]);
    h.pick_association_target("contacts", "ada");
    h.press(&["down", "enter"]);
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::Associate { to, assoc: Some((_, 7)), .. } if to.id == "5000"))
    );
    h.settle();
    assert!(h.screen(100, 30).contains("Associations updated"));
    h.press(&["x"]);
    assert!(matches!(h.state.modal, Modal::Confirm(Confirm::Dissociate { .. })));
    h.press(&["y"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::Associate { assoc: None, .. })));
}

#[test]
fn merge_asks_for_the_other_record_then_confirms() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["enter"]);
    h.settle();
    h.press(&["M"]);
    h.type_text("1000");
    h.press(&["enter"]);
    assert!(h.screen(100, 30).contains("cannot be merged into itself"));
    // An id nothing has is said on the prompt, before anything is asked.
    h.press(&["backspace", "backspace", "backspace", "backspace"]);
    h.type_text("9999");
    h.press(&["enter"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::CheckMergeTarget { id, .. } if id == "9999")));
    h.settle();
    assert!(h.screen(100, 30).contains("No Cars record has id 9999"), "{}", h.screen(100, 30));
    for _ in 0..4 {
        h.press(&["backspace"]);
    }
    h.type_text("1007");
    h.press(&["enter"]);
    h.settle();
    assert!(
        matches!(&h.state.modal, Modal::Confirm(Confirm::Merge { primary, other, .. }) if primary == "1000" && other == "1007")
    );
    // The question names the other record (read first), not just its id.
    assert!(h.screen(120, 30).contains("Model 7"), "{}", h.screen(120, 30));
    h.press(&["y"]);
    assert!(
        h.pending
            .iter()
            .any(|c| matches!(c, Command::Merge { primary, other, .. } if primary == "1000" && other == "1007"))
    );
    h.settle();
    assert!(h.screen(100, 30).contains("Merged into 1000"));
}

#[test]
fn import_previews_with_validation_and_reports() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["I"]);
    h.type_text("cars.csv");
    h.press(&["enter"]);
    h.settle();
    let Modal::Import(i) = &h.state.modal else { panic!() };
    assert_eq!(i.id_property(), Some("vin"));
    insta::assert_snapshot!("import_preview", h.screen(100, 30));
    h.press(&["ctrl-s"]);
    assert!(h.pending.is_empty(), "a price of x is refused in the preview");
    assert!(h.screen(100, 30).contains("x\" is not a number"));
    // Skip the price column (the first; columns come in name order), then import.
    h.press(&["enter"]);
    h.type_text("skip");
    h.press(&["enter", "ctrl-s"]);
    assert!(
        h.pending.iter().any(
            |c| matches!(c, Command::Upsert { items, id_property, .. } if items.len() == 2 && id_property == "vin")
        )
    );
    h.settle();
    assert!(h.screen(100, 30).contains("1 created, 1 updated, 0 failed"));
}

/// Issue 12.7: one invalid row refused the whole file; now the valid rows are imported after
/// saying so, and every skipped row is reported with its reason.
#[test]
fn import_skips_invalid_rows_after_saying_so_and_reports_them() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["I"]);
    h.type_text("cars.csv");
    h.press(&["enter"]);
    h.settle();
    assert!(h.screen(100, 30).contains("1 of 2 row(s) have problems and will be skipped"), "{}", h.screen(100, 30));
    h.press(&["ctrl-s"]);
    assert!(h.pending.is_empty(), "the first ctrl-s says what will happen");
    assert!(h.screen(100, 30).contains("ctrl-s again imports the other 1"));
    h.press(&["ctrl-s"]);
    let Some(Command::Upsert { items, .. }) = h.pending.iter().find(|c| matches!(c, Command::Upsert { .. })) else {
        panic!("{:?}", h.pending)
    };
    assert_eq!(items.iter().map(|(_, id, _)| id.as_str()).collect::<Vec<_>>(), ["VIN1"], "only the valid row");
    h.settle();
    let Modal::Import(i) = &h.state.modal else { panic!() };
    let r = i.report.clone().unwrap();
    assert_eq!(r.failed.len(), 1);
    assert!(r.failed[0].0 == 2 && r.failed[0].1.contains("not a number"), "{:?}", r.failed);
    assert!(h.screen(100, 30).contains("row 2: skipped: Price"), "{}", h.screen(100, 30));
}

#[test]
fn an_empty_property_can_be_set() {
    let mut h = on_property("Purchase Date");
    h.press(&["e"]);
    h.type_text("2026-01-31");
    h.press(&["enter"]);
    let c = h.state.staged.value("2-3465404", "1002", "purchase_date").unwrap();
    assert_eq!((c.old.as_str(), c.new.as_str()), ("", "2026-01-31"));
}

/// Issue 13: `w` while an association search was pending said "A save is already running"
/// (reads and writes shared one list of requests in flight).
#[test]
fn a_pending_association_search_does_not_block_a_save() {
    let mut h = on_property("Price");
    h.press(&["e"]);
    h.type_text("1");
    h.press(&["enter"]);
    h.settle();
    h.press(&["]", "]", "A"]);
    h.type_text("contacts");
    h.press(&["enter"]);
    h.type_text("ada");
    h.press(&["enter"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FindRecords { .. })), "{:?}", h.pending);
    h.press(&["esc", "esc", "esc"]);
    assert_eq!(h.state.modal, Modal::None);
    h.press(&["w"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::SaveChanges { .. })), "{}", h.screen(120, 30));
}

/// A walkthrough found: after a save the table still showed the old value.
#[test]
fn the_table_shows_a_saved_value() {
    let mut h = on_property("Year");
    h.press(&["e"]);
    for _ in 0..6 {
        h.press(&["backspace"]);
    }
    h.type_text("2031");
    h.press(&["enter", "w"]);
    h.settle();
    let row = h.state.list.rows.iter().find(|r| r.id == "1002").unwrap();
    let year = h.state.list.columns.iter().position(|c| c == "year").unwrap();
    assert_eq!(row.cells[year], "2031");
}

/// A walkthrough found: after `w` the record view's cursor jumped back to the first property
/// (the next `e` then edited the wrong one).
#[test]
fn the_cursor_stays_on_the_property_after_a_save() {
    let mut h = on_property("Price");
    h.press(&["e"]);
    h.type_text("1");
    h.press(&["enter", "w"]);
    h.settle();
    assert_eq!(property_under_cursor(&h), "Price");
}
