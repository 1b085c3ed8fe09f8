//! Property validation rules by keys (against the fake executor): the app has the rules with
//! the definitions and refuses a value that breaks one on the field — in the editor and in
//! the create form — before any request; a create the server refuses for a conditionally
//! required property puts HubSpot's reason on the field it names.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::app::modal::Modal;
use support::tui::Harness;

fn form(h: &Harness) -> &hubtui::app::create::CreateForm {
    match &h.state.modal {
        Modal::Create(f) => f,
        other => panic!("no form: {other:?}"),
    }
}

/// Moves the form's cursor to the field of `name` by keys.
fn to_field(h: &mut Harness, name: &str) {
    let at = form(h).fields.iter().position(|f| f.property.name == name).unwrap();
    while form(h).cursor < at {
        h.press(&["j"]);
    }
    while form(h).cursor > at {
        h.press(&["k"]);
    }
}

fn sends_a_write(h: &Harness) -> bool {
    h.pending.iter().any(|c| matches!(c, Command::SaveChanges { .. } | Command::CreateRecord { .. }))
}

#[test]
fn an_edit_breaking_a_rule_is_refused_on_the_field_and_nothing_is_sent() {
    let mut h = Harness::new(20);
    h.settle();
    h.press(&["space", "e"]);
    h.type_text("price");
    h.press(&["enter"]);
    h.type_text("20000000");
    h.press(&["enter"]);
    let Modal::Edit(e) = &h.state.modal else { panic!("the editor stays open") };
    assert_eq!(e.error.as_deref(), Some("Price must be at most 10000000"));
    assert_eq!(e.field.text(), "20000000", "the typed value is kept to fix");
    assert!(h.screen(120, 30).contains("Price must be at most 10000000"));
    assert_eq!(h.state.staged.count(), 0);
    assert!(!sends_a_write(&h));
    h.press(&["backspace"]);
    h.press(&["enter"]);
    assert_eq!(h.state.staged.count(), 1, "2000000 is inside the rule");
}

#[test]
fn the_create_form_checks_the_rules_before_sending() {
    let mut h = Harness::new(20);
    h.settle();
    h.press(&["n"]);
    to_field(&mut h, "model");
    h.press(&["enter"]);
    h.type_text("Roadster");
    h.press(&["enter"]);
    to_field(&mut h, "price");
    h.press(&["enter"]);
    h.type_text("-1");
    h.press(&["enter"]);
    let e = form(&h).editor.as_ref().expect("the field's editor stays open with the reason");
    assert_eq!(e.error.as_deref(), Some("Price must be at least 0"));
    assert_eq!(e.field.text(), "-1", "what was typed is kept to fix");
    assert!(h.screen(120, 30).contains("Price must be at least 0"));
    h.press(&["ctrl-s"]);
    assert!(!sends_a_write(&h), "refused before any request");
}

#[test]
fn a_conditionally_required_property_the_server_names_is_marked_on_the_form() {
    let mut h = Harness::new(20);
    h.settle();
    h.press(&["n"]);
    to_field(&mut h, "make");
    h.press(&["enter"]);
    h.type_text("Tesla");
    h.press(&["enter", "ctrl-s"]);
    h.settle();
    let f = form(&h);
    let why = "price is required because of a conditional property rule based on [make]";
    assert_eq!(f.issues.get("price").map(String::as_str), Some(why));
    assert_eq!(f.fields[f.cursor].property.name, "price", "the cursor goes to the named field");
    assert!(f.fields[f.cursor].required, "and it is marked required");
    assert_eq!(f.fields.iter().find(|x| x.property.name == "make").unwrap().value, "Tesla", "the draft is kept");
    assert!(h.screen(140, 30).contains(why));
    // Filling it in creates the record.
    h.press(&["enter"]);
    h.type_text("80000");
    h.press(&["enter", "ctrl-s"]);
    h.settle();
    assert!(matches!(h.state.modal, Modal::None), "created");
}
