//! Key flows for the tools around browsing: go-to, palette, column picker, quick filter,
//! copy, open, activities, mouse, toasts and the API budget.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::bar::RateBudget;
use hubtui::app::command::Command;
use hubtui::app::modal::Modal;
use hubtui::app::msg::{Mouse, MouseKind, Msg, RecordMsg};
use hubtui::app::state::{DetailTab, Focus};
use support::tui::Harness;

fn loaded() -> Harness {
    let mut h = Harness::new(250);
    h.settle();
    h
}

#[test]
fn go_to_by_unique_value_opens_the_record_and_learns_its_id() {
    let mut h = loaded();
    h.press(&["i"]);
    h.type_text("VIN7");
    h.press(&["enter"]);
    assert!(
        h.pending
            .iter()
            .any(|c| matches!(c, Command::FetchRecord { id, id_property: Some(p), .. } if id == "VIN7" && p == "vin"))
    );
    h.settle();
    assert_eq!(h.state.focus, Focus::Detail);
    assert_eq!(h.state.detail.current, Some(hubtui::model::RecordRef::new("2-3465404", "1007")));
    assert!(h.screen(100, 30).contains("Model 7"));
}

/// Issue 12.4: a bare value failed with "Say which unique property" whenever the type had a
/// second unique property (every type has `hs_unique_creation_key`).
#[test]
fn go_to_by_a_bare_value_tries_each_user_facing_unique_property() {
    use hubtui::api::types::Property;
    use hubtui::app::state::Loadable;
    let mut h = loaded();
    let mut props = support::tui::car_properties();
    let vin = props.iter().find(|p| p.name == "vin").unwrap().clone();
    props.insert(0, Property { name: "hs_unique_creation_key".into(), hidden: true, ..vin.clone() });
    props.insert(1, Property { name: "plate".into(), label: "Plate".into(), ..vin });
    h.state.properties = Loadable::Ready(props);
    h.press(&["i"]);
    assert!(h.screen(120, 30).contains("VIN") || h.screen(120, 30).contains("vin"), "{}", h.screen(120, 30));
    h.type_text("VIN7");
    h.press(&["enter"]);
    let Some(Command::FetchRecord { req, id_property: Some(p), .. }) = h.pending.pop() else { panic!() };
    assert_eq!(p, "plate", "hs_unique_creation_key is not tried");
    h.pending.clear();
    h.send(Msg::Record(RecordMsg::RecordFailed { req, error: "Not found".into(), not_found: true }));
    assert!(
        matches!(h.pending.last(), Some(Command::FetchRecord { id, id_property: Some(p), .. }) if id == "VIN7" && p == "vin"),
        "{:?}",
        h.pending
    );
    h.settle();
    assert_eq!(h.state.detail.current, Some(hubtui::model::RecordRef::new("2-3465404", "1007")));
}

/// Issue 12.4: a refusal longer than the box wraps instead of being cut off.
#[test]
fn a_long_go_to_refusal_wraps_inside_the_prompt() {
    let mut h = loaded();
    h.press(&["i"]);
    h.type_text("colour_of_the_seats_in_the_back=red");
    h.press(&["enter"]);
    let screen = h.screen(80, 30);
    assert!(screen.contains("(unique:") && screen.contains("│vin)"), "the reason wraps onto a second line: {screen}");
}

#[test]
fn go_to_by_id_and_a_missing_value_says_so_in_the_pane() {
    let mut h = loaded();
    h.press(&["i"]);
    h.type_text("1042");
    h.press(&["enter"]);
    h.settle();
    assert!(h.screen(100, 30).contains("Model 42"));
    h.press(&["i"]);
    h.type_text("vin=NOPE");
    h.press(&["enter"]);
    h.settle();
    assert!(h.screen(100, 30).contains("Not found"), "{}", h.screen(100, 30));
    assert!(h.screen(120, 30).contains("no Cars record has vin NOPE"), "says what it looked for");
    // A walkthrough found: a wrong value opened an empty record. The record shown stays, and
    // the prompt comes back with the text to fix.
    assert!(matches!(&h.state.modal, Modal::Prompt(p) if p.field.text() == "vin=NOPE"), "{:?}", h.state.modal);
    assert_eq!(h.state.detail.current, Some(hubtui::model::RecordRef::new("2-3465404", "1042")));
    assert!(h.state.detail.back.is_empty());
}

#[test]
fn typing_in_a_prompt_never_triggers_global_keys() {
    let mut h = loaded();
    h.press(&["i"]);
    h.type_text("q?:");
    assert!(!h.state.quit);
    assert!(matches!(&h.state.modal, Modal::Prompt(p) if p.field.text() == "q?:"));
    h.press(&["esc"]);
    assert_eq!(h.state.modal, Modal::None);
}

#[test]
fn the_palette_runs_the_action_it_matches() {
    let mut h = loaded();
    h.press(&[":"]);
    h.type_text("choose col");
    h.press(&["enter"]);
    assert!(matches!(h.state.modal, Modal::Columns(_)));
    h.press(&["esc", ":"]);
    h.type_text("zzzz");
    h.press(&["enter"]);
    assert_eq!(h.state.modal, Modal::None, "no match: the palette just closes");
}

#[test]
fn the_column_picker_changes_the_table_and_remembers_the_choice() {
    let mut h = loaded();
    h.press(&["c"]);
    h.type_text("price");
    h.press(&["enter", "esc"]);
    let cols = vec!["model".to_owned(), "make".to_owned(), "year".to_owned(), "price".to_owned()];
    assert!(
        h.pending
            .iter()
            .any(|c| matches!(c, Command::SaveColumns { columns } if columns.get("2-3465404") == Some(&cols)))
    );
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchPage { properties, .. } if *properties == cols)));
    h.settle();
    assert!(h.screen(100, 30).contains("Price"));
    assert!(h.screen(100, 30).contains("Columns saved"));
    // Opening the type again keeps the choice.
    h.press(&["esc", "enter"]);
    assert!(h.pending.iter().any(|c| matches!(c, Command::FetchPage { properties, .. } if *properties == cols)));
}

#[test]
fn the_quick_filter_narrows_loaded_rows_and_esc_clears_it() {
    let mut h = loaded();
    h.press(&["/"]);
    h.type_text("tesla");
    h.press(&["enter", "j"]);
    assert_eq!(h.state.list.selected, 7, "second Tesla row (3, 7, ...)");
    assert!(h.pending.is_empty(), "filtering never loads pages");
    h.press(&["enter"]);
    h.settle();
    assert!(h.screen(100, 30).contains("Model 7"));
    h.press(&["esc", "esc"]);
    assert!(h.state.list.filter.is_none());
    assert_eq!(h.state.focus, Focus::List);
}

#[test]
fn copy_takes_the_highlighted_value_or_the_cell_and_json() {
    let mut h = loaded();
    // In the table: the cell under the cursor (the first column, Model), named in the toast.
    h.press(&["j", "y"]);
    assert!(
        h.pending
            .iter()
            .any(|c| matches!(c, Command::Copy { text, what } if text == "Model 1" && what == "Model Model 1")),
        "{:?}",
        h.pending
    );
    h.pending.clear();
    h.press(&[">", ">", "y"]);
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::Copy { text, what } if text == "2016" && what == "Year 2016")),
        "{:?}",
        h.pending
    );
    h.press(&["<", "<"]);
    h.pending.clear();
    h.press(&["enter"]);
    h.settle();
    h.press(&["j", "y"]);
    let Some(Command::Copy { text, what }) = h.pending.last().cloned() else { panic!("no copy: {:?}", h.pending) };
    assert_eq!((text.as_str(), what.as_str()), ("Ford", "Make Ford"), "second property row, named with its value");
    h.press(&["Y"]);
    assert!(matches!(h.pending.last(), Some(Command::Copy { text, .. }) if text.contains("\"id\": \"1001\"")));
    h.settle();
    assert!(h.screen(100, 30).contains("Copied"));
}

#[test]
fn open_shows_the_local_url_or_opens_hubspot() {
    let mut h = loaded();
    h.state.links.api_base = "http://127.0.0.1:4000".into();
    h.press(&["o"]);
    assert!(h.pending.is_empty());
    assert!(h.screen(120, 30).contains("http://127.0.0.1:4000/crm/v3/objects/2-3465404/1000"));
    h.send(Msg::AccountLoaded { web_base: "https://app.hubspot.com/contacts/42".into() });
    h.press(&["o"]);
    assert!(
        matches!(h.pending.last(), Some(Command::OpenUrl { url }) if url == "https://app.hubspot.com/contacts/42/record/2-3465404/1000")
    );
}

#[test]
fn activities_are_newest_first_with_the_pinned_one_marked_and_open_on_enter() {
    let mut h = loaded();
    h.press(&["enter"]);
    h.settle();
    h.press(&["]", "]", "]"]);
    assert_eq!(h.state.detail.tab, DetailTab::Activities);
    let rows = h.state.detail.activities.ready().unwrap().clone();
    assert_eq!(rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["7200", "71"]);
    assert!(h.screen(120, 30).contains("[pinned] Note 7200"));
    h.press(&["j", "enter"]);
    // The note's type definitions first (so the note is read with all of its properties).
    let props = h.pending.iter().find(|c| matches!(c, Command::FetchProperties { type_id, .. } if type_id == "notes"));
    let answer = h.answer(props.unwrap());
    h.pending.clear();
    h.send(answer);
    assert!(
        h.pending
            .iter()
            .any(|c| matches!(c, Command::FetchRecord { type_id, id, .. } if type_id == "notes" && id == "71"))
    );
    h.settle();
    h.press(&["esc"]);
    h.settle();
    assert_eq!(h.state.detail.current, Some(hubtui::model::RecordRef::new("2-3465404", "1000")), "back to the car");
}

/// Issue 12.3: a note opened from a record's Activities tab showed "Note body: —" (it was
/// read with its type's defaults, which leave the body out).
#[test]
fn an_activity_opened_from_a_record_is_read_with_its_own_types_properties() {
    let mut h = loaded();
    h.press(&["enter"]);
    h.settle();
    h.press(&["]", "]", "]", "j", "enter"]);
    h.settle();
    let screen = h.screen(120, 30);
    assert!(screen.contains("Note 71 about the car"), "{screen}");
    // Back to the car (on the Activities tab, the note's row, as it was left) and into the
    // same note type again: the definitions are not read twice.
    h.press(&["esc"]);
    h.settle();
    assert_eq!(h.state.detail.tab, hubtui::app::state::DetailTab::Activities);
    h.press(&["k", "enter"]);
    assert!(!h.pending.iter().any(|c| matches!(c, Command::FetchProperties { .. })));
    h.settle();
    assert!(h.screen(120, 30).contains("Note 7200 about the car"));
}

#[test]
fn the_mouse_selects_rows_scrolls_and_focuses_panes() {
    let mut h = loaded();
    // 100x30: the table starts at x=20, its rows at y=2.
    h.send(Msg::Mouse(Mouse { kind: MouseKind::Click, col: 30, row: 7 }));
    assert_eq!(h.state.list.selected, 5);
    h.send(Msg::Mouse(Mouse { kind: MouseKind::ScrollDown, col: 30, row: 7 }));
    assert_eq!(h.state.list.selected, 8);
    h.send(Msg::Mouse(Mouse { kind: MouseKind::Click, col: 5, row: 2 }));
    assert_eq!((h.state.focus, h.state.types.selected), (Focus::Types, 1));
    h.send(Msg::Mouse(Mouse { kind: MouseKind::Click, col: 90, row: 5 }));
    assert_eq!(h.state.focus, Focus::Detail);
}

#[test]
fn toasts_expire_with_ticks_and_the_budget_shows_in_the_status_bar() {
    let mut h = loaded();
    h.send(Msg::Notice { text: "Copied id 1".into(), error: false });
    assert!(h.state.animating());
    h.send(Msg::Tick { now_ms: 1_000 });
    h.send(Msg::Tick { now_ms: 3_500 });
    assert!(h.screen(100, 30).contains("Copied id 1"));
    h.send(Msg::Tick { now_ms: 4_100 });
    assert!(!h.screen(100, 30).contains("Copied id 1"));
    assert!(!h.state.animating());
    h.send(Msg::Budget(RateBudget { remaining: 93, max: 100, daily_remaining: Some(249_000) }));
    assert!(h.screen(100, 30).contains("API 93/100, 249000 today"));
}

/// Issue 12.10: the record view's title showed raw ids (`2-3465404 1000 › notes 71`).
#[test]
fn the_record_title_names_the_type_and_the_record() {
    let mut h = loaded();
    h.press(&["enter"]);
    h.settle();
    assert!(h.screen(120, 30).contains("Cars: Model 0 · BMW"), "{}", h.screen(120, 30));
    h.press(&["]", "]", "]", "j", "enter"]);
    h.settle();
    let screen = h.screen(160, 30);
    assert!(screen.contains("Cars: Model 0 · BMW › Note: Note 71 about the car #71"), "{screen}");
    assert!(!screen.contains("2-3465404 1000"), "{screen}");
}

/// Issue 12.10: two properties labelled alike ("Owner") are told apart by their names.
#[test]
fn properties_with_the_same_label_show_their_names() {
    use hubtui::app::state::Loadable;
    let mut h = loaded();
    let mut props = support::tui::car_properties();
    let make = props.iter().find(|p| p.name == "make").unwrap().clone();
    props.push(hubtui::api::types::Property { name: "make_code".into(), label: "Make".into(), ..make });
    h.state.properties = Loadable::Ready(props);
    h.press(&["enter"]);
    h.settle();
    let screen = h.screen(140, 40);
    assert!(screen.contains("Make (make): BMW"), "{screen}");
    assert!(screen.contains("Make (make_code)"), "{screen}");
}

/// A walkthrough found: a keymap warning shown at start vanished with the first page loaded.
#[test]
fn a_start_up_warning_stays_until_the_first_key() {
    let mut h = Harness::new(250);
    h.state.bar.warning = Some("keymap.toml [list] \"x\": unknown action \"fly\" (ignored)".into());
    h.settle();
    assert!(h.screen(140, 30).contains("unknown action \"fly\""), "{}", h.screen(140, 30));
    h.press(&["j"]);
    assert!(!h.screen(140, 30).contains("unknown action"));
}

#[test]
fn f_searches_every_type_and_enter_opens_the_match() {
    let mut h = loaded();
    h.press(&["F"]);
    assert!(h.screen(100, 30).contains("Search every object type"));
    h.type_text("VIN7");
    h.press(&["enter"]);
    let searches: Vec<String> = h
        .pending
        .iter()
        .filter_map(|c| match c {
            Command::SearchType { type_id, query, .. } if query == "VIN7" => Some(type_id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(searches, ["2-3465404", "0-1"], "one search per type");
    assert!(h.screen(100, 30).contains("searching…"));
    h.settle();
    let screen = h.screen(100, 30);
    assert!(screen.contains("Cars — 1 match(es)"), "{screen}");
    assert!(screen.contains("Model 7") && screen.contains("#1007"), "{screen}");
    assert!(!screen.contains("Contacts —"), "types without matches are left out: {screen}");
    h.press(&["enter"]);
    h.settle();
    assert_eq!(h.state.modal, Modal::None);
    assert_eq!(h.state.focus, Focus::Detail);
    assert_eq!(h.state.detail.current, Some(hubtui::model::RecordRef::new("2-3465404", "1007")));
}

#[test]
fn a_note_takes_several_lines_and_ctrl_s_creates_it() {
    let mut h = loaded();
    h.press(&["enter"]);
    h.settle();
    h.press(&["]", "]", "]", "N"]);
    h.type_text("Winter tyres <fitted>");
    h.press(&["enter"]);
    h.type_text("by Ada");
    assert!(!h.pending.iter().any(|c| matches!(c, Command::CreateNote { .. })), "enter starts a new line");
    assert!(h.screen(100, 30).contains("by Ada"));
    h.press(&["ctrl-s"]);
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::CreateNote { body, .. }
            if body == "<p>Winter tyres &lt;fitted&gt;</p><p>by Ada</p>")),
        "{:?}",
        h.pending
    );
}
