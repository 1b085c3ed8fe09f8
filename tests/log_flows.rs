//! The write log view by keys (against the fake executor): `L` lists the logged writes,
//! enter opens an entry into its records (a held-back one with both values), enter on a
//! record opens it, `u` undoes the entry (a merge is refused with the reason), esc closes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::app::modal::Modal;
use support::tui::Harness;

fn opened() -> Harness {
    let mut h = Harness::new(20);
    h.settle();
    h.press(&["L"]);
    h.settle();
    h
}

#[test]
fn the_log_lists_writes_and_an_entry_opens_into_its_records() {
    let mut h = opened();
    let Modal::Log(v) = &h.state.modal else { panic!("the log is open") };
    assert_eq!(v.entries.as_ref().unwrap().len(), 2);
    h.press(&["enter"]);
    let screen = h.screen(150, 20);
    insta::assert_snapshot!("write_log_open_entry", screen);
    assert!(screen.contains("1002  price: 18000 → 21000   held back: changed since — price is 19999 now"), "{screen}");
    // Enter on a record opens it in the record view.
    h.press(&["j", "enter"]);
    h.settle();
    assert!(matches!(h.state.modal, Modal::None));
    assert_eq!(h.state.detail.current.as_ref().map(|r| r.id.as_str()), Some("1001"));
}

#[test]
fn u_undoes_the_entry_and_a_merge_is_refused_with_the_reason() {
    let mut h = opened();
    h.press(&["u"]);
    // Asked first, naming the entry; `n` keeps it, and the log is back.
    assert!(!h.pending.iter().any(|c| matches!(c, Command::UndoEntry { .. })));
    let screen = h.screen(150, 20);
    assert!(screen.contains("Undo a1b2c3d4e5f6 (update Cars · 2 records"), "{screen}");
    h.press(&["n"]);
    assert!(matches!(&h.state.modal, Modal::Log(v) if v.entry().is_some_and(|e| e.id == "a1b2c3d4e5f6")));
    h.press(&["u", "y"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::UndoEntry { entry, .. } if entry == "a1b2c3d4e5f6")));
    h.settle();
    assert!(h.screen(150, 20).contains("Undid a1b2c3d4e5f6: 1 set back, 1 held back (changed since)"));
    // The log is read again after an undo; the merge below cannot be undone.
    assert!(matches!(&h.state.modal, Modal::Log(v) if v.entries.is_some()));
    h.press(&["j", "u"]);
    assert!(!h.pending.iter().any(|c| matches!(c, Command::UndoEntry { .. })), "nothing sent");
    assert!(h.screen(150, 20).contains("0f0f0f0f0f0f can't be undone: it is a merge, and HubSpot has no unmerge"));
    h.press(&["esc"]);
    assert!(matches!(h.state.modal, Modal::None));
}

/// `/` filters the entries by type (id or label), action, record id, date or age; enter keeps
/// the filter and the keys act on what it shows; esc drops it, then closes.
#[test]
fn slash_filters_the_log_by_action_type_record_and_age() {
    let mut h = opened();
    let shown = |h: &Harness| {
        let Modal::Log(v) = &h.state.modal else { panic!("the log is open") };
        v.rows().len()
    };
    h.press(&["/"]);
    h.type_text("merge");
    assert_eq!(shown(&h), 1);
    let screen = h.screen(150, 20);
    assert!(screen.contains("/merge▏  1 of 2 write(s) · enter keeps it"), "{screen}");
    assert!(screen.contains("0f0f0f0f0f0f") && !screen.contains("a1b2c3d4e5f6"), "{screen}");
    // Kept: the keys act on the entry shown (a merge: refused, nothing sent).
    h.press(&["enter", "u"]);
    assert!(!h.pending.iter().any(|c| matches!(c, Command::UndoEntry { .. })));
    assert!(h.screen(150, 20).contains("0f0f0f0f0f0f can't be undone"));
    // `/` again edits it: an age (the update is an hour old, the merge a day), a label, a record.
    for (query, n) in [("2h", 1), ("cars", 2), ("Cars update 1002", 1), ("2025-12-01", 1), ("deals", 0)] {
        h.press(&["/", "ctrl-u"]);
        h.type_text(query);
        assert_eq!(shown(&h), n, "{query}");
        h.press(&["enter"]);
    }
    h.press(&["esc"]);
    assert_eq!(shown(&h), 2, "esc drops the filter");
    h.press(&["esc"]);
    assert!(matches!(h.state.modal, Modal::None));
}
