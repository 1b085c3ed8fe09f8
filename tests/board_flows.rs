//! The board opened before the type's definitions are in: it says it is reading them, then goes
//! on (here: the harness's cars have no stage property, so it closes and says so).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::app::modal::Modal;
use support::tui::Harness;

/// Answers everything but the definitions (held back, still pending).
fn all_but_definitions(h: &mut Harness) {
    let mut held = Vec::new();
    while let Some(cmd) = h.pending.pop() {
        if matches!(cmd, Command::FetchProperties { .. }) {
            held.push(cmd);
            continue;
        }
        let msg = h.answer(&cmd);
        h.send(msg);
    }
    h.pending = held;
}

#[test]
fn b_pressed_before_the_definitions_waits_for_them() {
    let mut h = Harness::new(10);
    all_but_definitions(&mut h);
    assert!(h.state.list.type_id.is_some() && h.state.properties.ready().is_none());
    h.press(&["b"]);
    assert!(matches!(h.state.modal, Modal::Board(_)), "{:?}", h.state.modal);
    let screen = h.screen(100, 24);
    assert!(screen.contains("reading the type's definitions"), "{screen}");
    h.settle();
    assert_eq!(h.state.modal, Modal::None);
    let screen = h.screen(100, 24);
    assert!(screen.contains("have no pipeline"), "{screen}");
}
