//! Issue 17.2: property definitions written from the Properties view over real HTTP on the
//! local CRM — an option added to an enumeration (its stored values kept), a new property
//! created from the form and used at once by the app (definitions read again, the record
//! editor offers it, it is searchable), a refusal shown on the field it names with the draft
//! kept, archiving asks first, HubSpot's own definitions and read-only profiles refuse.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::modal::Modal;
use hubtui::app::prop_form::Row;
use support::driver::Driver;

fn form(d: &Driver) -> &hubtui::app::prop_form::PropForm {
    let Modal::Props(v) = &d.state.modal else { panic!("the Properties view: {:?}", d.state.modal) };
    v.form.as_deref().expect("the property form is open")
}

/// The Properties view of Cars, the filter narrowed to `filter`.
async fn props_of_cars(d: &mut Driver, filter: &str) {
    d.keys(&["D"]).await;
    assert!(matches!(d.state.modal, Modal::Props(_)), "{:?}", d.state.modal);
    if !filter.is_empty() {
        d.keys(&["/"]).await;
        d.text(filter).await;
        d.keys(&["enter"]).await;
    }
}

async fn go_to(d: &mut Driver, row: Row) {
    let at = form(d).rows().iter().position(|r| *r == row).unwrap();
    while form(d).cursor < at {
        d.keys(&["j"]).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_option_added_to_an_enumeration_is_saved_and_offered_at_once() {
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    props_of_cars(&mut d, "maintenance").await;
    d.keys(&["e"]).await;
    assert_eq!(form(&d).name, "maintenance_package");
    let before = form(&d).options.clone();
    d.keys(&["a"]).await;
    d.text("Platinum plus").await;
    d.keys(&["enter"]).await;
    // Renaming a label keeps the value; the new one moves up one place.
    d.keys(&["K"]).await;
    let screen = d.screen(120, 36);
    // The count's time changes run to run.
    let at = screen.find("fill counted ").unwrap() + "fill counted ".len();
    let stamp = &screen[at..at + 24];
    insta::assert_snapshot!("prop_form_enumeration", screen.replace(stamp, "2026-01-01T00:00:00.000Z"));
    assert!(screen.contains("Platinum plus  = platinum_plus"), "{screen}");
    d.keys(&["ctrl-s"]).await;
    assert!(matches!(&d.state.modal, Modal::Props(v) if v.form.is_none()), "saved: the form closes");
    assert!(d.screen(120, 36).contains("Saved property Maintenance Package"), "{}", d.screen(120, 36));
    let got = emu.get("/crm/v3/properties/cars/maintenance_package").await;
    let values: Vec<&str> =
        got.json["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect();
    let mut want: Vec<&str> = before.iter().map(|o| o.value.as_str()).collect();
    want.insert(want.len() - 1, "platinum_plus");
    assert_eq!(values, want, "every stored value kept: {}", got.json);
    // The app read the definitions again: the record editor offers the new option.
    let props = d.state.properties.ready().unwrap();
    let p = props.iter().find(|p| p.name == "maintenance_package").unwrap();
    assert!(p.options.iter().any(|o| o.value == "platinum_plus"), "{:?}", p.options);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_property_is_created_used_at_once_and_a_refusal_stays_on_its_field() {
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    props_of_cars(&mut d, "").await;
    d.keys(&["n", "enter"]).await;
    d.text("Warranty value").await;
    d.keys(&["enter"]).await;
    assert_eq!(form(&d).name, "warranty_value", "the name follows the label");
    go_to(&mut d, Row::Kind).await;
    d.keys(&["l", "l", "l", "l"]).await;
    assert_eq!(form(&d).kind(), ("number", "number"));
    d.keys(&["ctrl-s"]).await;
    assert!(d.screen(120, 36).contains("Created property Warranty value (warranty_value)"), "{}", d.screen(120, 36));
    let got = emu.get("/crm/v3/properties/cars/warranty_value").await;
    assert_eq!((got.json["type"].as_str(), got.json["groupName"].as_str()), (Some("number"), Some("car_information")));
    assert!(d.state.properties.ready().unwrap().iter().any(|p| p.name == "warranty_value"), "the app knows it");
    // Writable and searchable at once.
    let car = emu.get("/crm/v3/objects/cars?limit=1").await.json["results"][0]["id"].as_str().unwrap().to_owned();
    emu.patch(&format!("/crm/v3/objects/cars/{car}"), serde_json::json!({"properties": {"warranty_value": "4200"}}))
        .await;
    d.keys(&["esc"]).await;
    d.search_for("warranty_value", "GT", "4000").await;
    assert!(d.screen(120, 36).contains("Cars · 1 match"), "{}", d.screen(120, 36));

    // The same name again: HubSpot refuses; the form keeps the draft, the reason on the name.
    d.keys(&["D", "n", "enter"]).await;
    d.text("warranty value").await;
    d.keys(&["enter", "ctrl-s"]).await;
    let f = form(&d);
    assert_eq!(f.label, "warranty value", "the draft is kept");
    assert!(f.issues.get("name").is_some_and(|m| m.contains("already exists")), "{:?} {:?}", f.issues, f.error);
    assert_eq!(f.row(), Row::Name, "the cursor on the field refused");
    assert!(d.screen(120, 36).contains("⚠"), "{}", d.screen(120, 36));
    // Bad input is caught before sending: an empty label.
    d.keys(&["esc", "n", "ctrl-s"]).await;
    assert!(form(&d).issues.contains_key("label"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn archiving_asks_hubspots_own_are_refused_and_read_only_profiles_refuse() {
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    props_of_cars(&mut d, "maintenance").await;
    d.keys(&["X"]).await;
    assert!(d.screen(120, 36).contains("Archive the property Maintenance Package"), "{}", d.screen(120, 36));
    d.keys(&["n"]).await;
    assert!(matches!(&d.state.modal, Modal::Props(_)), "no: back to the view");
    d.keys(&["X", "y"]).await;
    assert!(d.screen(120, 36).contains("Archived property maintenance_package"), "{}", d.screen(120, 36));
    assert_eq!(emu.get("/crm/v3/properties/cars/maintenance_package").await.status, 404);
    // HubSpot's own: neither edited nor archived.
    d.keys(&["esc", "/"]).await;
    d.text("hs_object_id").await;
    d.keys(&["enter", "e"]).await;
    assert!(d.screen(120, 36).contains("HubSpot's own: its definition cannot be changed"));
    d.keys(&["X"]).await;
    assert!(d.screen(120, 36).contains("HubSpot's own: it cannot be archived"));
    // A read-only profile refuses before any form.
    d.state.read_only = Some("profile prod is read-only".into());
    d.keys(&["n"]).await;
    assert!(matches!(&d.state.modal, Modal::Props(v) if v.form.is_none()));
    assert!(d.screen(120, 36).contains("Read-only"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custom_object_with_a_required_property_is_created_from_the_objects_pane() {
    use hubtui::app::schema_form::SchemaRow;
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    // From the palette as from n in the Objects pane.
    d.keys(&[":"]).await;
    d.text("custom object").await;
    d.keys(&["enter"]).await;
    assert!(matches!(d.state.modal, Modal::SchemaForm(_)), "{:?}", d.state.modal);
    d.keys(&["esc", "esc", "g", "n"]).await;
    let form = |d: &Driver| match &d.state.modal {
        Modal::SchemaForm(f) => (**f).clone(),
        m => panic!("the custom-object form: {m:?}"),
    };
    d.keys(&["enter"]).await;
    d.text("Service plan").await;
    d.keys(&["enter", "a"]).await;
    d.text("Renewal date").await;
    d.keys(&["enter"]).await;
    assert_eq!(form(&d).row(), SchemaRow::Property(1));
    d.keys(&["space", "h", "h", "h"]).await;
    let f = form(&d);
    assert_eq!((f.plural.as_str(), f.name.as_str()), ("Service plans", "service_plan"));
    let screen = d.screen(120, 34);
    insta::assert_snapshot!("schema_form", screen);
    assert!(screen.contains("Renewal date (renewal_date) ‹ date / date ›   required"), "{screen}");
    d.keys(&["ctrl-s"]).await;
    assert!(matches!(d.state.modal, Modal::None), "{:?}", d.state.modal);
    assert!(d.screen(120, 34).contains("Created the custom object Service plans"), "{}", d.screen(120, 34));
    let schemas = emu.get("/crm/v3/schemas").await;
    let s = schemas.json["results"].as_array().unwrap().iter().find(|s| s["name"] == "service_plan").unwrap().clone();
    assert_eq!(s["requiredProperties"], serde_json::json!(["name", "renewal_date"]));
    assert_eq!(s["primaryDisplayProperty"], "name");
    let types = d.state.types.list.ready().unwrap();
    assert!(types.iter().any(|t| t.label == "Service plans"), "the Objects pane lists it");
    // A record of it needs both.
    let r = emu
        .post(
            &format!("/crm/v3/objects/{}", s["objectTypeId"].as_str().unwrap()),
            serde_json::json!({"properties": {"name": "Gold"}}),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    // A second one of the same name: HubSpot refuses, the form keeps it.
    d.keys(&["g", "n", "enter"]).await;
    d.text("Service plan").await;
    d.keys(&["enter", "ctrl-s"]).await;
    let f = form(&d);
    assert_eq!(f.singular, "Service plan");
    assert!(f.error.is_some() || !f.issues.is_empty(), "{f:?}");
}
