//! The create form by keys: required fields first and enforced, values checked by type, an
//! association picked by searching the target type and choosing a label, a failure that
//! keeps the form.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::app::modal::Modal;
use support::tui::Harness;

fn harness() -> Harness {
    let mut h = Harness::new(250);
    h.settle();
    if let hubtui::app::state::Loadable::Ready(ts) = &mut h.state.types.list {
        ts[0].required = vec!["model".into(), "year".into()];
    }
    h
}

fn form(h: &Harness) -> &hubtui::app::create::CreateForm {
    match &h.state.modal {
        Modal::Create(f) => f,
        other => panic!("no form: {other:?}"),
    }
}

#[test]
fn create_a_car_associated_to_a_contact() {
    let mut h = harness();
    h.press(&["n"]);
    let labels: Vec<&str> = form(&h).fields.iter().take(2).map(|f| f.property.label.as_str()).collect();
    assert_eq!(labels, ["Model", "Year"], "required first");
    h.press(&["ctrl-s"]);
    assert!(h.pending.is_empty(), "nothing sent with required fields empty");
    assert_eq!(form(&h).issues["model"], "Model is required");
    insta::assert_snapshot!("create_required", h.screen(100, 30));
    h.press(&["enter"]);
    h.type_text("Roadster");
    h.press(&["enter", "j", "enter"]);
    h.type_text("20x6");
    h.press(&["enter"]);
    let Modal::Create(f) = &h.state.modal else { panic!() };
    assert!(f.editor.as_ref().unwrap().error.as_deref().unwrap().contains("not a number"));
    h.press(&["backspace", "backspace", "backspace"]);
    h.type_text("026");
    h.press(&["enter"]);
    assert_eq!(form(&h).fields[1].value, "2026");
    // Associate: type → search → record → label.
    h.press(&["A"]);
    h.type_text("contacts");
    h.press(&["enter"]);
    h.type_text("ada");
    h.press(&["enter"]);
    assert!(
        h.pending
            .iter()
            .any(|c| matches!(c, Command::FindRecords { type_id, query, .. } if type_id == "0-1" && query == "ada"))
    );
    h.settle();
    h.press(&["enter"]);
    assert!(
        h.pending
            .iter()
            .any(|c| matches!(c, Command::FetchLabels { from, to, .. } if from == "2-3465404" && to == "0-1"))
    );
    h.settle();
    h.press(&["down", "enter"]);
    let a = form(&h).association.clone().unwrap();
    assert_eq!((a.to_id.as_str(), a.type_id, a.label.as_str()), ("5000", 7, "Owner"));
    insta::assert_snapshot!("create_ready", h.screen(100, 30));
    h.press(&["ctrl-s"]);
    let Some(Command::CreateRecord { properties, association, .. }) = h.pending.last().cloned() else { panic!() };
    assert_eq!(properties["model"], "Roadster");
    assert_eq!(properties["year"], "2026");
    assert_eq!(association.unwrap().to_id, "5000");
    h.settle();
    assert_eq!(h.state.modal, Modal::None);
    assert_eq!(h.state.detail.current, Some(hubtui::model::RecordRef::new("2-3465404", "9999")));
}

#[test]
fn a_failed_create_keeps_the_form_with_the_reason() {
    let mut h = harness();
    h.press(&["n", "enter"]);
    h.type_text("Duplicate");
    h.press(&["enter", "j", "enter"]);
    h.type_text("2020");
    h.press(&["enter", "ctrl-s"]);
    h.settle();
    let f = form(&h);
    assert_eq!(f.error.as_deref(), Some("A car with this VIN already exists"));
    assert_eq!(f.fields[0].value, "Duplicate", "the draft is kept");
    assert!(h.screen(100, 30).contains("fix and ctrl-s again"));
}

#[test]
fn batch_create_by_duplicating_the_form_keeps_failed_rows_with_reasons() {
    let mut h = harness();
    h.press(&["n", "enter"]);
    h.type_text("One");
    h.press(&["enter", "j", "enter"]);
    h.type_text("2020");
    h.press(&["enter", "p", "k", "enter"]);
    for _ in 0..3 {
        h.press(&["backspace"]);
    }
    h.type_text("Duplicate");
    h.press(&["enter", "p", "k", "enter"]);
    for _ in 0..9 {
        h.press(&["backspace"]);
    }
    h.type_text("Three");
    h.press(&["enter", "ctrl-s"]);
    let Some(Command::CreateRecords { rows, .. }) = h.pending.last().cloned() else { panic!("{:?}", h.pending) };
    let models: Vec<&str> = rows.iter().map(|r| r["model"].as_str()).collect();
    assert_eq!(models, ["One", "Duplicate", "Three"]);
    h.settle();
    let f = form(&h);
    assert_eq!(f.batch.len(), 1, "the failed row stays");
    assert_eq!(f.batch[0]["model"], "Duplicate");
    assert!(h.screen(120, 30).contains("batch row 1: ✗ A car with this VIN already exists"));
    assert_eq!(h.state.bar.toast.as_ref().unwrap().text, "Created 2 of 3 records; 1 failed");
}

/// Issue 13: search results were routed by whichever modal was open; they go back to the
/// picker that asked, and a late answer for a closed form fills nothing else.
#[test]
fn a_late_answer_for_the_forms_picker_does_not_fill_the_associations_picker() {
    let mut h = harness();
    h.press(&["n", "A"]);
    h.type_text("contacts");
    h.press(&["enter"]);
    h.type_text("ada");
    h.press(&["enter"]);
    let late = h.pending.iter().find(|c| matches!(c, Command::FindRecords { .. })).cloned().unwrap();
    h.pending.clear();
    // Close the form, open a car, start adding an association there.
    for _ in 0..4 {
        if h.state.modal != Modal::None {
            h.press(&["esc"]);
        }
    }
    assert_eq!(h.state.modal, Modal::None);
    h.press(&["enter"]);
    h.settle();
    h.press(&["]", "]", "A"]);
    h.type_text("contacts");
    h.press(&["enter"]);
    h.type_text("grace");
    h.press(&["enter"]);
    let answer = h.answer(&late);
    h.send(answer);
    let Modal::Associate { step, .. } = &h.state.modal else { panic!("{:?}", h.state.modal) };
    assert!(
        matches!(step, hubtui::app::create::AssocStep::Results { matches: None, .. }),
        "the form's late answer did not fill this picker: {step:?}"
    );
}

/// A table that holds every record of the type (here 3 cars) shows the one just created at
/// once, selected, without `r`.
#[test]
fn a_created_record_shows_in_a_table_that_holds_every_record() {
    let mut h = Harness::new(3);
    h.settle();
    assert!(h.state.list.loaded_all);
    h.press(&["n", "enter"]);
    h.type_text("Roadster");
    h.press(&["enter", "ctrl-s"]);
    h.settle();
    assert_eq!(h.state.modal, Modal::None);
    let ids: Vec<&str> = h.state.list.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["1000", "1001", "1002", "9999"]);
    assert_eq!(h.state.list.selected, 3);
    assert!(h.screen(100, 30).contains("Roadster"), "{}", h.screen(100, 30));
}
