//! The search builder, by keys: compose the seed's example and an OR of two groups, pick
//! enumeration options, BETWEEN on a date, every validation refusal, the JSON / curl view,
//! saved searches through the palette, and the one-key cell filters.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::api::types::SearchRequest;
use hubtui::app::command::Command;
use hubtui::app::modal::Modal;
use hubtui::app::msg::Msg;
use hubtui::app::search::{Where, validate};
use support::tui::{Harness, car_properties};

fn harness() -> Harness {
    let mut h = Harness::new(1000);
    h.settle();
    h
}

/// Property → operator → value, as a user types them.
fn filter(h: &mut Harness, property: &str, operator: &str, value: Option<&str>) {
    h.press(&["enter"]);
    h.type_text(property);
    h.press(&["enter"]);
    h.type_text(operator);
    h.press(&["enter"]);
    if let Some(v) = value {
        h.type_text(v);
        h.press(&["enter"]);
    }
}

fn search_sent(h: &Harness) -> SearchRequest {
    h.pending
        .iter()
        .find_map(|c| match c {
            Command::FetchPage { search: Some(r), .. } => Some((**r).clone()),
            _ => None,
        })
        .expect("a search page request")
}

fn filters(r: &SearchRequest) -> Vec<Vec<(String, String, String)>> {
    r.filter_groups
        .iter()
        .map(|g| {
            g.filters
                .iter()
                .map(|f| {
                    let v = f.value.as_ref().map(|w| w.0.clone()).unwrap_or_default();
                    (f.property_name.clone(), f.operator.clone(), v)
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_seeds_example_year_eq_2026_and_price_gt_50000_by_keys() {
    let mut h = harness();
    h.press(&["s"]);
    assert!(matches!(h.state.modal, Modal::Search(_)));
    filter(&mut h, "year", "EQ", Some("2026"));
    h.press(&["a"]);
    filter(&mut h, "price", "GT", Some("50000"));
    insta::assert_snapshot!("search_builder_seed_example", h.screen(100, 30));
    h.press(&["ctrl-s"]);
    let r = search_sent(&h);
    assert_eq!(
        filters(&r),
        vec![vec![("year".into(), "EQ".into(), "2026".into()), ("price".into(), "GT".into(), "50000".into())]]
    );
    h.settle();
    let expected = (0..1000).filter(|i| i % 12 == 11 && 20_000 + i * 100 > 50_000).count();
    let screen = h.screen(120, 30);
    assert!(screen.contains(&format!("{expected} matches")), "{screen}");
    assert!(screen.contains("Year EQ 2026 AND Price GT 50000"), "labels in the title: {screen}");
    // esc leaves the search; s brings the draft back.
    h.press(&["esc"]);
    assert!(h.state.list.search.is_none());
    h.press(&["s"]);
    let Modal::Search(b) = &h.state.modal else { panic!() };
    assert_eq!(b.draft.groups[0].filters.len(), 2);
}

#[test]
fn an_or_of_two_groups_by_keys() {
    let mut h = harness();
    h.press(&["s"]);
    filter(&mut h, "make", "EQ", Some("BMW"));
    h.press(&["A"]);
    filter(&mut h, "year", "GTE", Some("2025"));
    h.press(&["a"]);
    filter(&mut h, "price", "LT", Some("30000"));
    insta::assert_snapshot!("search_builder_two_groups", h.screen(100, 30));
    h.press(&["ctrl-s"]);
    let r = search_sent(&h);
    assert_eq!(filters(&r).len(), 2);
    assert_eq!(filters(&r)[1].len(), 2);
    h.settle();
    let expected =
        (0..1000usize).filter(|i| i % 4 == 0 || (2015 + i % 12 >= 2025 && 20_000 + i * 100 < 30_000)).count();
    let screen = h.screen(120, 30);
    assert!(screen.contains(&format!("{expected} matches")), "{expected}: {screen}");
}

#[test]
fn enumeration_options_are_picked_by_label_in_and_not_in() {
    let mut h = harness();
    h.press(&["s"]);
    h.press(&["enter"]);
    h.type_text("maint");
    h.press(&["enter"]);
    h.type_text("IN");
    h.press(&["enter"]);
    // The options picker: enter toggles, esc applies.
    insta::assert_snapshot!("search_builder_options", h.screen(100, 30));
    h.press(&["enter", "down", "enter", "esc"]);
    let Modal::Search(b) = &h.state.modal else { panic!() };
    assert_eq!(b.draft.groups[0].filters[0].values, vec!["basic".to_owned(), "premium".to_owned()]);
    assert!(b.issues.is_empty(), "{:?}", b.issues);
    assert!(h.screen(100, 30).contains("Basic, Premium"), "labels, not values");
}

#[test]
fn between_on_a_date_converts_to_epoch_milliseconds() {
    let mut h = harness();
    h.press(&["s"]);
    filter(&mut h, "purchase", "BETWEEN", Some("2026-01-01"));
    h.type_text("2026-01-31");
    h.press(&["enter", "ctrl-s"]);
    let r = search_sent(&h);
    let f = &r.filter_groups[0].filters[0];
    assert_eq!(
        (f.value.as_ref().unwrap().0.as_str(), f.high_value.as_ref().unwrap().0.as_str()),
        ("1767225600000", "1769817600000")
    );
}

#[test]
fn relative_dates_use_the_clock_from_messages() {
    let mut h = harness();
    h.send(Msg::Tick { now_ms: 1_769_817_600_000 + 5_000 });
    h.press(&["s"]);
    filter(&mut h, "purchase", "GT", Some("-7d"));
    h.press(&["ctrl-s"]);
    let r = search_sent(&h);
    assert_eq!(r.filter_groups[0].filters[0].value.as_ref().unwrap().0, "1769212800000");
}

#[test]
fn invalid_rows_are_marked_with_a_reason_and_nothing_is_sent() {
    let mut h = harness();
    h.press(&["s"]);
    filter(&mut h, "price", "GT", Some("abc"));
    h.press(&["ctrl-s"]);
    assert!(h.pending.is_empty(), "nothing sent: {:?}", h.pending);
    assert!(matches!(h.state.modal, Modal::Search(_)));
    let screen = h.screen(120, 30);
    assert!(screen.contains("Price: \"abc\" is not a number"), "{screen}");
    insta::assert_snapshot!("search_builder_invalid", h.screen(100, 30));
    // Undo the value; an empty value is refused too.
    h.press(&["u"]);
    let Modal::Search(b) = &h.state.modal else { panic!() };
    assert!(b.issues.iter().any(|i| i.reason.contains("needs a value")));
}

#[test]
fn limits_empty_rows_and_between_are_refused_before_sending() {
    let props = car_properties();
    let mut h = harness();
    h.press(&["s"]);
    // An empty filter: choose a property.
    let Modal::Search(b) = &h.state.modal else { panic!() };
    assert!(b.issues.iter().any(|i| i.at == Where::Filter(0, 0) && i.reason.contains("choose a property")));
    // Six groups: HubSpot allows five.
    for _ in 0..5 {
        h.press(&["A"]);
    }
    let Modal::Search(b) = &h.state.modal else { panic!() };
    assert!(b.issues.iter().any(|i| i.at == Where::Groups && i.reason.contains("HubSpot allows 5")));
    // Seven filters in a group, nineteen in all.
    let mut d = b.draft.clone();
    d.groups.truncate(1);
    let f = hubtui::app::search::FilterDraft {
        property: "year".into(),
        operator: "EQ".into(),
        value: "2026".into(),
        ..Default::default()
    };
    d.groups[0].filters = vec![f.clone(); 7];
    assert!(validate(&d, &props, 0).iter().any(|i| i.at == Where::Group(0) && i.reason.contains("6 per group")));
    d.groups = vec![hubtui::app::search::GroupDraft { filters: vec![f.clone(); 6] }; 4];
    assert!(validate(&d, &props, 0).iter().any(|i| i.reason.contains("24 filters in all; HubSpot allows 18")));
    // BETWEEN with one value; an option that is not one; an operator the type does not have.
    let between = hubtui::app::search::FilterDraft { operator: "BETWEEN".into(), value: "1".into(), ..f.clone() };
    let option =
        hubtui::app::search::FilterDraft { property: "maintenance_package".into(), value: "gold".into(), ..f.clone() };
    let op = hubtui::app::search::FilterDraft { operator: "CONTAINS_TOKEN".into(), ..f.clone() };
    d.groups = vec![hubtui::app::search::GroupDraft { filters: vec![between, option, op] }];
    let reasons: Vec<String> = validate(&d, &props, 0).into_iter().map(|i| i.reason).collect();
    assert!(reasons[0].contains("BETWEEN needs two values"), "{reasons:?}");
    assert!(reasons[1].contains("\"gold\" is not an option (basic, premium)"), "{reasons:?}");
    assert!(reasons[2].contains("CONTAINS_TOKEN does not apply to Year"), "{reasons:?}");
}

#[test]
fn in_values_are_lowercased_for_strings() {
    let mut h = harness();
    h.press(&["s"]);
    filter(&mut h, "make", "IN", Some("BMW, Ford"));
    h.press(&["ctrl-s"]);
    let r = search_sent(&h);
    let vals: Vec<String> = r.filter_groups[0].filters[0].values.clone().unwrap().into_iter().map(|w| w.0).collect();
    assert_eq!(vals, ["bmw", "ford"]);
}

#[test]
fn the_request_shows_as_json_and_curl_and_copies_without_the_token() {
    let mut h = harness();
    h.state.links.api_base = "http://127.0.0.1:4000".into();
    h.press(&["s"]);
    filter(&mut h, "year", "EQ", Some("2026"));
    h.press(&["J"]);
    insta::assert_snapshot!("search_builder_json", h.screen(100, 40));
    h.press(&["Y"]);
    let Some(Command::Copy { text, .. }) = h.pending.last() else { panic!("{:?}", h.pending) };
    assert!(text.starts_with("curl -sS -X POST 'http://127.0.0.1:4000/crm/v3/objects/2-3465404/search'"));
    assert!(text.contains("Bearer $HUBSPOT_ACCESS_TOKEN"));
    h.press(&["y"]);
    assert!(
        matches!(h.pending.last(), Some(Command::Copy { text, .. }) if text.contains("\"propertyName\": \"year\""))
    );
}

/// Issue 12.6: the JSON / curl view could not scroll (long requests were cut off) and esc
/// there closed the whole builder.
#[test]
fn the_json_view_scrolls_and_esc_returns_to_the_builder() {
    let mut h = harness();
    h.send(hubtui::app::msg::Msg::Resize { width: 100, height: 20 });
    h.press(&["s"]);
    for (i, year) in ["2020", "2021", "2022", "2023", "2024"].iter().enumerate() {
        if i > 0 {
            h.press(&["a"]);
        }
        filter(&mut h, "year", "EQ", Some(year));
    }
    h.press(&["J"]);
    let top = h.screen(100, 20);
    assert!(top.contains("Request body") && top.contains("more below"), "{top}");
    h.press(&["ctrl-d", "ctrl-d", "ctrl-d", "ctrl-d", "ctrl-d", "ctrl-d"]);
    let bottom = h.screen(100, 20);
    assert!(bottom.contains("Content-Type: application/json"), "the curl command's end shows: {bottom}");
    assert!(bottom.contains("}'"), "the very end of the curl command shows (wrapped lines counted): {bottom}");
    assert!(!bottom.contains("Request body"));
    h.press(&["k"]);
    assert!(h.screen(100, 20).contains("more below"), "k scrolls back up");
    h.press(&["esc"]);
    let Modal::Search(b) = &h.state.modal else { panic!("esc closed the builder: {:?}", h.state.modal) };
    assert!(!b.show_json);
    h.press(&["esc"]);
    assert_eq!(h.state.modal, Modal::None, "a second esc closes the builder");
}

#[test]
fn saved_searches_are_recalled_from_the_palette() {
    let mut h = harness();
    h.press(&["s"]);
    filter(&mut h, "year", "EQ", Some("2026"));
    h.press(&["S"]);
    h.type_text("new cars");
    h.press(&["enter"]);
    assert!(
        h.pending.iter().any(|c| matches!(c, Command::SaveSearches { saved, .. } if saved.contains_key("new cars")))
    );
    h.press(&["esc"]);
    h.pending.clear();
    h.press(&[":"]);
    h.type_text("new cars");
    h.press(&["enter"]);
    let r = search_sent(&h);
    assert_eq!(filters(&r), vec![vec![("year".into(), "EQ".into(), "2026".into())]]);
}

#[test]
fn a_cell_filter_adds_eq_or_neq_for_the_column_under_the_cursor() {
    let mut h = harness();
    h.press(&[">", "="]);
    let r = search_sent(&h);
    assert_eq!(filters(&r), vec![vec![("make".into(), "EQ".into(), "BMW".into())]]);
    h.settle();
    assert!(h.screen(120, 30).contains("250 matches"));
    h.press(&["j", ">", "!"]);
    let r = search_sent(&h);
    assert_eq!(
        filters(&r),
        vec![vec![("make".into(), "EQ".into(), "BMW".into()), ("year".into(), "NEQ".into(), "2019".into())]]
    );
}

#[test]
fn duplicate_delete_and_undo_reshape_the_draft() {
    let mut h = harness();
    h.press(&["s"]);
    filter(&mut h, "year", "EQ", Some("2026"));
    h.press(&["p"]);
    let Modal::Search(b) = &h.state.modal else { panic!() };
    assert_eq!(b.draft.groups[0].filters.len(), 2);
    h.press(&["x", "x"]);
    let Modal::Search(b) = &h.state.modal else { panic!() };
    assert!(b.draft.groups.is_empty());
    h.press(&["u", "u"]);
    let Modal::Search(b) = &h.state.modal else { panic!() };
    assert_eq!(b.draft.groups[0].filters.len(), 2);
}
