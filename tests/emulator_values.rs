//! Values are validated and normalised the way the README documents: a contact's `email`
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! must be an address (HubSpot's `INVALID_EMAIL`), numbers are stored in one canonical
//! decimal form and refused when they are not numbers or do not fit. A refused value writes
//! nothing.

mod support;

use serde_json::{Value, json};
use support::{Emu, Resp, assert_error};

fn assert_invalid(r: &Resp, code: &str, what: &str) {
    assert_error(r, 400, "VALIDATION_ERROR");
    assert_eq!(r.json["errors"][0]["code"], code, "{what}: {}", r.text);
}

async fn contacts_with(emu: &Emu, email: &str) -> u64 {
    let body = json!({"filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": email.to_lowercase()}]}]});
    emu.post("/crm/v3/objects/contacts/search", body).await.json["total"].as_u64().unwrap()
}

#[tokio::test]
async fn a_contact_email_must_be_an_address() {
    let emu = Emu::demo(1).await;
    let before = emu.post("/crm/v3/objects/contacts/search", json!({})).await.json["total"].clone();
    for bad in [
        "a\u{0}@b.com",
        "plainaddress",
        "a@",
        "@b.com",
        "a b@c.com",
        "a@@b.com",
        "a@b@c.com",
        "a@b",
        "a..b@c.com",
        ".a@b.com",
        "a.@b.com",
        "a@-b.com",
        "a@b-.com",
        "a@b..com",
        "a@b.com.",
        "a@b.c",
        "a@1.2.3.4",
        "a\t@b.com",
        "a@b.com\u{7}",
        "<a@b.com>",
        "\"a\"@b.com",
        &format!("{}@b.com", "x".repeat(65)),
        &format!("a@{}.com", "x".repeat(64)),
    ] {
        let r = emu.post("/crm/v3/objects/contacts", json!({"properties": {"email": bad, "firstname": "Bad"}})).await;
        assert_invalid(&r, "INVALID_EMAIL", bad);
        assert!(r.json["message"].as_str().unwrap().contains("is invalid"), "{}", r.text);
    }
    assert_eq!(
        emu.post("/crm/v3/objects/contacts/search", json!({})).await.json["total"],
        before,
        "nothing was written"
    );
}

#[tokio::test]
async fn a_valid_email_is_stored_trimmed_and_otherwise_as_sent() {
    let emu = Emu::demo(1).await;
    for (sent, stored) in [
        ("Ada.Lovelace+crm@Example.co.uk", "Ada.Lovelace+crm@Example.co.uk"),
        ("  grace@example.com \n", "grace@example.com"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("jürgen@müller.de", "jürgen@müller.de"),
        ("x@sub-domain.example-1.io", "x@sub-domain.example-1.io"),
    ] {
        let r = emu.post("/crm/v3/objects/contacts", json!({"properties": {"email": sent}})).await;
        assert_eq!(r.status, 201, "{sent}: {}", r.text);
        assert_eq!(r.json["properties"]["email"], stored, "{sent}");
        assert_eq!(contacts_with(&emu, stored).await, 1, "{stored}");
    }
    let id = emu.post("/crm/v3/objects/contacts", json!({"properties": {"email": "ok@example.com"}})).await.json["id"]
        .clone();
    let id = id.as_str().unwrap();
    let r =
        emu.patch(&format!("/crm/v3/objects/contacts/{id}"), json!({"properties": {"email": "not an email"}})).await;
    assert_invalid(&r, "INVALID_EMAIL", "update");
    let r = emu
        .post(
            "/crm/v3/objects/contacts/batch/create",
            json!({"inputs": [{"properties": {"email": "fine@example.com"}}, {"properties": {"email": "broken@"}}]}),
        )
        .await;
    assert_invalid(&r, "INVALID_EMAIL", "batch");
    assert_eq!(contacts_with(&emu, "fine@example.com").await, 0, "the batch wrote nothing");
    let r = emu
        .post(
            "/crm/v3/objects/contacts/batch/upsert",
            json!({"inputs": [{"id": "  OK@example.com ", "idProperty": "email", "properties": {"firstname": "Okay"}}]}),
        )
        .await;
    assert_eq!(r.status, 200, "the padded key finds the stored address: {}", r.text);
    assert_eq!(r.json["results"][0]["id"], id, "{}", r.text);
    let r = emu.get("/crm/v3/objects/contacts/%20ok@example.com%20?idProperty=email").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = emu.patch(&format!("/crm/v3/objects/contacts/{id}"), json!({"properties": {"email": ""}})).await;
    assert_eq!(r.status, 200, "\"\" still clears: {}", r.text);
}

async fn price_of(emu: &Emu, sent: &Value) -> Resp {
    emu.post(
        "/crm/v3/objects/cars",
        json!({"properties": {"year": "2020", "make": "Kia", "model": "Rio", "price": sent}}),
    )
    .await
}

#[tokio::test]
async fn numbers_are_stored_in_one_canonical_decimal_form() {
    let emu = Emu::demo(1).await;
    let big = format!("1{}", "0".repeat(308));
    for (sent, stored) in [
        (json!(" 12 "), "12"),
        (json!("-0"), "0"),
        (json!("-0.000"), "0"),
        (json!("+5"), "5"),
        (json!("007"), "7"),
        (json!("1.50"), "1.5"),
        (json!("1."), "1"),
        (json!(".5"), "0.5"),
        (json!("-.5"), "-0.5"),
        (json!("1e3"), "1000"),
        (json!("-1.250E-2"), "-0.0125"),
        (json!("12345678901234567890.123456789"), "12345678901234567890.123456789"),
        (json!(1.5), "1.5"),
        (json!(42), "42"),
        (json!("1e308"), big.as_str()),
    ] {
        let r = price_of(&emu, &sent).await;
        assert_eq!(r.status, 201, "{sent}: {}", r.text);
        assert_eq!(r.json["properties"]["price"], stored, "{sent}");
    }
    let r = emu
        .post(
            "/crm/v3/objects/cars/search",
            json!({"filterGroups": [{"filters": [{"propertyName": "price", "operator": "EQ", "value": "1000"}]}]}),
        )
        .await;
    assert_eq!(r.json["total"], 1, "1e3 is found as 1000: {}", r.text);
}

#[tokio::test]
async fn values_that_are_not_numbers_or_do_not_fit_are_refused() {
    let emu = Emu::demo(1).await;
    let before = emu.post("/crm/v3/objects/cars/search", json!({})).await.json["total"].clone();
    for bad in [
        "1e309",
        "-1e309",
        "1e-400",
        "inf",
        "-Infinity",
        "NaN",
        "0x10",
        "1,5",
        "1_000",
        "--1",
        "1e",
        "e5",
        ".",
        "+",
        "-",
        "1.2.3",
        "1 000",
        "½",
        "١٢",
    ] {
        let r = price_of(&emu, &json!(bad)).await;
        assert_invalid(&r, "INVALID_INTEGER", bad);
    }
    assert_eq!(emu.post("/crm/v3/objects/cars/search", json!({})).await.json["total"], before, "nothing was written");
}

#[tokio::test]
async fn a_unique_number_is_found_by_any_spelling_of_it() {
    let emu = Emu::demo(1).await;
    let r = emu
        .post(
            "/crm/v3/properties/cars",
            json!({"name": "stock_no", "label": "Stock no", "type": "number", "fieldType": "number", "groupName": "car_information", "hasUniqueValue": true}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = price_of(&emu, &json!("1")).await;
    let id = r.json["id"].as_str().unwrap().to_owned();
    let r = emu.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"stock_no": "0012.0"}})).await;
    assert_eq!(r.json["properties"]["stock_no"], "12", "{}", r.text);
    for key in ["12", "012", "1.2e1", "%2012%20"] {
        let r = emu.get(&format!("/crm/v3/objects/cars/{key}?idProperty=stock_no")).await;
        assert_eq!(r.status, 200, "{key}: {}", r.text);
        assert_eq!(r.json["id"], id.as_str());
    }
    assert_eq!(emu.get("/crm/v3/objects/cars/twelve?idProperty=stock_no").await.status, 404);
}
