//! Snapshots of rendered screens (TestBackend, fixed sizes, fixed data, no colour).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::msg::{DefsMsg, Msg};
use support::tui::Harness;

#[test]
fn first_screen_while_loading() {
    let h = Harness::new(250);
    insta::assert_snapshot!("loading", h.screen(100, 30));
}

#[test]
fn loaded_list_opens_the_first_custom_object() {
    let mut h = Harness::new(250);
    h.settle();
    insta::assert_snapshot!("loaded_list", h.screen(100, 30));
    insta::assert_snapshot!("loaded_list_narrow", h.screen(60, 20));
}

#[test]
fn record_properties_and_history() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["j", "j", "enter"]);
    h.settle();
    insta::assert_snapshot!("detail_properties", h.screen(100, 30));
    h.press(&["]"]);
    insta::assert_snapshot!("detail_history", h.screen(100, 30));
    h.press(&["]"]);
    // The tab reads its records' names: by name once they are in.
    h.settle();
    insta::assert_snapshot!("detail_associations", h.screen(100, 30));
    h.press(&["]"]);
    insta::assert_snapshot!("detail_activities", h.screen(100, 30));
}

#[test]
fn palette_prompt_columns_and_filter() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&[":"]);
    h.type_text("copy");
    insta::assert_snapshot!("palette", h.screen(100, 30));
    h.press(&["esc", "i"]);
    h.type_text("make=BMW");
    h.press(&["enter"]);
    insta::assert_snapshot!("go_to_refused", h.screen(100, 30));
    h.press(&["esc", "c"]);
    insta::assert_snapshot!("column_picker", h.screen(100, 30));
    h.press(&["esc", "/"]);
    h.type_text("bmw");
    insta::assert_snapshot!("quick_filter", h.screen(100, 30));
}

#[test]
fn help_and_too_small() {
    let mut h = Harness::new(250);
    h.settle();
    h.press(&["?"]);
    insta::assert_snapshot!("help", h.screen(100, 30));
    insta::assert_snapshot!("too_small", h.screen(40, 10));
}

#[test]
fn a_failed_page_shows_an_error_row_with_retry() {
    let mut h = Harness::new(250);
    h.fail_pages = true;
    h.settle();
    insta::assert_snapshot!("error_row", h.screen(100, 30));
    h.send(Msg::Defs(DefsMsg::TypesFailed { req: hubtui::app::state::ReqId(999), error: "stale".into() }));
    assert!(!h.screen(100, 30).contains("stale"), "stale results are dropped");
}

/// Each built-in theme paints the table, the focused pane and the status bar in its own
/// colours; without colour the focused pane keeps a double border and a ▶.
#[test]
fn each_theme_and_no_color() {
    let mut h = Harness::new(250);
    h.settle();
    for name in ["dark", "light", "high-contrast"] {
        let theme = hubtui::ui::Theme::named(name).unwrap();
        insta::assert_snapshot!(format!("theme_{name}"), h.screen_styled(70, 16, &theme));
    }
    let (red, warnings) = hubtui::ui::Theme::configured(None, &Default::default(), Some("red"), false);
    assert!(warnings.is_empty());
    insta::assert_snapshot!("theme_profile_accent_red", h.screen_styled(70, 16, &red));
    let plain = h.screen_styled(70, 16, &hubtui::ui::Theme::no_color());
    assert!(plain.contains("╔") && plain.contains("▶ Cars"), "the focused pane is marked without colour: {plain}");
    insta::assert_snapshot!("theme_no_color", plain);
}

/// A walkthrough found: help's g/G did nothing, so its last keys were out of reach on a
/// 40-row terminal. G shows the end, k steps back from it at once, g goes to the top.
#[test]
fn help_scrolls_to_its_end_with_g_and_back() {
    let mut h = Harness::new(250);
    h.settle();
    h.send(Msg::Resize { width: 140, height: 40 });
    h.press(&["?"]);
    let top = h.screen(140, 40);
    assert!(!top.contains("close help"), "the end is below the fold at first");
    h.press(&["G"]);
    let end = h.screen(140, 40);
    assert!(end.contains("close help"), "G shows help's last keys:\n{end}");
    h.press(&["k"]);
    let up = h.screen(140, 40);
    assert_ne!(up, end, "k scrolls up from the end at once");
    h.press(&["g"]);
    assert_eq!(h.screen(140, 40), top, "g goes back to the top");
}
