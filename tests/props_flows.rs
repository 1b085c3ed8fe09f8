//! Issue 17: the Properties view by keys (against the fake executor): `D` lists the table
//! type's definitions with their fill rates, `s` sorts by fill rate (dead ones first), `/`
//! filters, enter shows a definition whole and enter again searches the records that have a
//! value; counts are kept for the session and `r` counts again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::app::modal::Modal;
use support::tui::Harness;

fn opened() -> Harness {
    let mut h = Harness::new(40);
    h.settle();
    h.press(&["D"]);
    h
}

fn names(h: &Harness) -> Vec<String> {
    let Modal::Props(v) = &h.state.modal else { panic!("the Properties view is open") };
    v.rows().iter().map(|p| p.name.clone()).collect()
}

#[test]
fn d_lists_the_definitions_with_fill_rates_and_s_puts_the_dead_ones_first() {
    let mut h = opened();
    assert!(h.pending.iter().any(|c| matches!(c, Command::CountFilled { names, .. } if names.len() == 8)));
    assert!(h.screen(150, 24).contains("counting…"), "counts show as they come");
    h.settle();
    h.press(&["s"]);
    assert_eq!(names(&h)[0], "maintenance_package", "the emptiest first");
    let screen = h.screen(150, 24);
    insta::assert_snapshot!("props_view_by_fill", screen);
    assert!(screen.contains("░░░░░░░░░░         0    0%"), "{screen}");
    assert!(screen.contains("█████░░░░░        20   50%"), "{screen}");
    // Kept for the session: closing and opening again counts nothing.
    h.press(&["esc", "D"]);
    assert!(!h.pending.iter().any(|c| matches!(c, Command::CountFilled { .. })));
    h.press(&["r"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::CountFilled { .. })), "r counts again");
}

#[test]
fn slash_filters_and_enter_shows_the_definition_then_its_records() {
    let mut h = opened();
    h.settle();
    h.press(&["/"]);
    h.type_text("purchase");
    assert_eq!(names(&h), ["purchase_date"]);
    h.press(&["enter", "enter"]);
    let screen = h.screen(150, 24);
    assert!(screen.contains("the 20 records that have a value"), "{screen}");
    h.press(&["enter"]);
    assert!(matches!(h.state.modal, Modal::None));
    let search = h.state.list.search.as_ref().expect("a search runs in the table");
    let f = &search.draft.groups[0].filters[0];
    assert_eq!((f.property.as_str(), f.operator.as_str()), ("purchase_date", "HAS_PROPERTY"));
    // esc steps back: the definition, then the filter, then the view.
    h.press(&["D", "/"]);
    h.type_text("vin");
    h.press(&["enter", "enter", "esc"]);
    assert!(matches!(&h.state.modal, Modal::Props(v) if v.open.is_none() && v.filter.is_some()));
    h.press(&["esc", "esc"]);
    assert!(matches!(h.state.modal, Modal::None));
}

#[test]
fn the_property_form_shows_what_the_type_takes_and_checks_before_sending() {
    let mut h = opened();
    h.settle();
    h.press(&["n"]);
    let Modal::Props(v) = &h.state.modal else { panic!() };
    let f = v.form.as_deref().expect("n opens the form");
    assert!(!f.has_options(), "a text property has no options");
    // An enumeration: its options rows appear; saving with none is refused on the spot.
    h.press(&["enter"]);
    h.type_text("Colour");
    h.press(&["enter", "j", "j", "h", "h", "h", "h", "ctrl-s"]);
    assert!(!h.pending.iter().any(|c| matches!(c, Command::WriteProperty { .. })), "nothing sent");
    let screen = h.screen(110, 32);
    insta::assert_snapshot!("prop_form_new_enumeration", screen);
    assert!(screen.contains("enumeration / select"), "{screen}");
    assert!(screen.contains("⚠ An enumeration needs at least one option (a: add)"), "{screen}");
    h.press(&["a"]);
    h.type_text("Racing green");
    h.press(&["enter", "ctrl-s"]);
    let sent = h.pending.iter().find_map(|c| match c {
        Command::WriteProperty { write: hubtui::app::prop_form::PropertyWrite::Create(b), .. } => Some(b.clone()),
        _ => None,
    });
    let b = sent.expect("ctrl-s sends the create");
    assert_eq!((b.name.as_str(), b.kind.as_str(), b.field_type.as_str()), ("colour", "enumeration", "select"));
    assert_eq!(b.options.unwrap()[0].value, "racing_green");
    h.settle();
    assert!(h.screen(110, 32).contains("Created property Colour (colour)"));
}
