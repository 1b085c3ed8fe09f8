//! 2026-09's write rules through the real app over HTTP: the app reads the validation rules
//! with the property definitions and refuses an edit that breaks one on the field, before any
//! request; a create the server refuses for a required or conditionally required property
//! lands on the fields it names; v3 (which leaves the rules to the UI) still writes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::modal::Modal;
use serde_json::json;
use support::driver::Driver;

/// The writes the journal recorded since it was last cleared.
async fn writes(emu: &support::Emu) -> Vec<String> {
    let j = emu.call("GET", "/__hubtui/journal?limit=1000", None).await;
    j.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["method"] != "GET" && !e["path"].as_str().unwrap_or_default().starts_with("/__hubtui"))
        .filter(|e| !e["path"].as_str().unwrap_or_default().ends_with("/search"))
        .map(|e| format!("{} {}", e["method"].as_str().unwrap_or_default(), e["path"].as_str().unwrap_or_default()))
        .collect()
}

/// Sets Cars' price maximum on the server (after the app read its rules).
async fn max_price(emu: &support::Emu, max: &str) {
    let path = "/crm/property-validations/2026-09/cars/price/rule-type/MAX_NUMBER";
    let put = emu.call("PUT", path, Some(json!({"ruleArguments": [max]}))).await;
    assert_eq!(put.status, 204, "{}", put.text);
}

/// Marks the first car and types `value` into a bulk edit of its price.
async fn bulk_price(d: &mut Driver, value: &str) {
    d.keys(&["space", "e"]).await;
    d.text("price").await;
    d.keys(&["enter"]).await;
    d.text(value).await;
    d.keys(&["enter"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_breaking_a_rule_is_refused_on_the_field_before_any_request() {
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    let price = d.state.properties.ready().unwrap().iter().find(|p| p.name == "price").cloned().unwrap();
    assert_eq!(price.validation_rules.len(), 2, "the rules came with the definitions");
    emu.call("DELETE", "/__hubtui/journal", None).await;
    bulk_price(&mut d, "20000000").await;
    let Modal::Edit(e) = &d.state.modal else { panic!("the editor stays open with the reason") };
    assert_eq!(e.error.as_deref(), Some("Price must be at most 10000000"));
    assert_eq!(d.state.staged.count(), 0);
    assert_eq!(writes(&emu).await, Vec::<String>::new(), "nothing was sent");
    // A value inside the rule stages and saves.
    d.keys(&["ctrl-u"]).await;
    d.text("9999999").await;
    d.keys(&["enter", "C", "w"]).await;
    assert_eq!(d.state.staged.count(), 0, "saved");
    assert!(writes(&emu).await.iter().any(|w| w.starts_with("POST /crm/objects/2026-09/2-3465404/batch/update")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_missing_required_properties_is_refused_with_them_named_on_the_form() {
    let emu = support::Emu::demo(5).await;
    // Price becomes required for Teslas (besides the demo form's required VIN).
    let rules = json!({"conditionalRequired": [{"propertyName": "price", "controllingProperty": "make", "values": ["Tesla"]}],
                       "createFormRequired": ["VIN"]});
    assert_eq!(emu.call("PUT", "/__hubtui/write-rules/cars", Some(rules)).await.status, 200);
    let mut d = Driver::start(&emu.base).await;
    d.fill_new_car().await;
    d.keys(&["ctrl-s"]).await;
    let Modal::Create(f) = &d.state.modal else { panic!("the form stays open") };
    assert_eq!(f.issues.get("VIN").map(String::as_str), Some("A value for VIN must be provided"));
    assert_eq!(
        f.issues.get("price").map(String::as_str),
        Some("price is required because of a conditional property rule based on [make]")
    );
    assert!(f.fields.iter().filter(|x| x.property.name == "VIN" || x.property.name == "price").all(|x| x.required));
    let at = f.fields[f.cursor].property.name.clone();
    assert!(at == "VIN" || at == "price", "the cursor is on a named field, not {at}");
    assert_eq!(d.state.list.type_id.as_deref(), Some("2-3465404"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v3_leaves_the_rules_to_the_ui() {
    let emu = support::Emu::demo(5).await;
    let mut d = Driver::start_speaking(&emu.base, hubtui::api::paths::ApiVersion::Legacy).await;
    d.fill_new_car().await;
    d.keys(&["ctrl-s"]).await;
    assert!(d.state.detail.current.is_some(), "created without a VIN on v3");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_value_a_rule_normalizes_is_sent_normalized_or_the_server_says_it_normalized_it() {
    let emu = support::Emu::demo(5).await;
    let mut d = Driver::start(&emu.base).await;
    // A normalizing rule the app does not know of: the server normalizes and the toast says so.
    let put = emu
        .call(
            "PUT",
            "/crm/property-validations/2026-09/cars/dealership/rule-type/WHITESPACE",
            Some(json!({"ruleArguments": [], "shouldApplyNormalization": true})),
        )
        .await;
    assert_eq!(put.status, 204, "{}", put.text);
    d.keys(&["space", "e"]).await;
    d.text("dealership").await;
    d.keys(&["enter"]).await;
    assert!(!matches!(&d.state.modal, Modal::Edit(e) if e.is_pick()), "dealership is text in the demo");
    d.keys(&["ctrl-u"]).await;
    d.text(" Bulk  Motors").await;
    d.keys(&["enter", "C", "w"]).await;
    assert_eq!(d.state.staged.count(), 0, "saved");
    let toast = d.state.bar.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    assert!(toast.contains("dealership was normalized to \"Bulk Motors\""), "{toast}");
    // The app knows VIN's whitespace rule: it sends the VIN trimmed (every version stores it
    // alike), and the change it stages shows the trimmed value.
    d.keys(&["esc", "space", "enter"]).await;
    for _ in 0..40 {
        let rec = d.state.detail.record.ready().unwrap();
        let order = hubtui::app::record_view::row_order(&d.state);
        let rows = hubtui::app::record_view::property_rows(rec, d.state.detail_properties(), &order);
        if rows.get(d.state.detail.cursor).is_some_and(|r| r.label == "VIN") {
            break;
        }
        d.keys(&["j"]).await;
    }
    d.keys(&["e", "ctrl-u"]).await;
    d.text(" 5YJ3E1EA7KF000040").await;
    d.keys(&["enter"]).await;
    let (t, id, p) = d.state.staged.rows().first().cloned().unwrap();
    assert_eq!(d.state.staged.value(&t, &id, &p).unwrap().new, "5YJ3E1EA7KF000040");
    d.keys(&["C", "w"]).await;
    assert_eq!(d.state.staged.count(), 0, "saved");
    let rec = emu.get(&format!("/crm/v3/objects/cars/{id}?properties=VIN")).await;
    assert_eq!(rec.json["properties"]["VIN"], "5YJ3E1EA7KF000040");
}

/// A rule the app could not check (set after it read the definitions) still comes back from
/// the server, and stays on the staged change with HubSpot's reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_the_app_did_not_know_is_refused_by_the_server_and_the_change_stays() {
    let emu = support::Emu::demo(5).await;
    let mut d = Driver::start(&emu.base).await;
    max_price(&emu, "50000").await;
    bulk_price(&mut d, "60000").await;
    assert_eq!(d.state.staged.count(), 1, "the app's rules (read before the change) allow it");
    d.keys(&["C", "w"]).await;
    assert_eq!(d.state.staged.count(), 1, "refused: the change stays staged");
    let (t, id, p) = d.state.staged.rows().first().cloned().unwrap();
    let change = d.state.staged.value(&t, &id, &p).unwrap();
    assert_eq!(change.error.as_deref(), Some("Price must be at most 50000"));
}

/// `r` reads the definitions again: a rule an admin set since is checked before sending.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_reads_the_rules_again() {
    let emu = support::Emu::demo(5).await;
    let mut d = Driver::start(&emu.base).await;
    max_price(&emu, "40000").await;
    d.keys(&["r"]).await;
    bulk_price(&mut d, "45000").await;
    let Modal::Edit(e) = &d.state.modal else { panic!("refused on the field") };
    assert_eq!(e.error.as_deref(), Some("Price must be at most 40000"));
}
