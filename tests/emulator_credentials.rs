//! Credential-like query parameters are never echoed: not in paging links, not in the
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! journal, whatever their case.

mod support;

use support::Emu;

/// Names that carry secrets in the wild, each with a value that must never come back.
const CREDENTIALS: &[(&str, &str)] = &[
    ("hapikey", "SECRET-hapikey"),
    ("access_token", "SECRET-access"),
    ("API_KEY", "SECRET-api-key"),
    ("apikey", "SECRET-apikey"),
    ("Password", "SECRET-password"),
    ("client_secret", "SECRET-client"),
    ("refresh_token", "SECRET-refresh"),
    ("Token", "SECRET-token"),
    ("x-api-key", "SECRET-x-api-key"),
    ("key", "SECRET-key"),
    ("code", "SECRET-code"),
    ("auth", "SECRET-auth"),
    ("Authorization", "SECRET-authorization"),
    ("my_secret", "SECRET-mine"),
];

fn query() -> String {
    CREDENTIALS.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

fn assert_no_secret(what: &str, text: &str) {
    assert!(!text.contains("SECRET-"), "{what} echoes a credential: {text}");
}

#[tokio::test]
async fn paging_links_drop_credentials_and_keep_everything_else() {
    let emu = Emu::demo(3).await;
    let (car, _) = emu.first_car().await;
    for contact in emu.get("/crm/v3/objects/contacts?limit=2").await.json["results"].as_array().unwrap() {
        let contact = contact["id"].as_str().unwrap();
        let r =
            emu.call("PUT", &format!("/crm/v4/objects/cars/{car}/associations/default/contacts/{contact}"), None).await;
        assert!(r.status < 300, "{}", r.text);
    }
    let lists = [
        "/crm/v3/objects/cars?limit=1&properties=make".to_owned(),
        format!("/crm/v3/objects/cars/{car}/associations/contacts?limit=1&properties=make"),
        format!("/crm/v4/objects/cars/{car}/associations/contacts?limit=1&properties=make"),
    ];
    for list in &lists {
        let r = emu.get(&format!("{list}&{}", query())).await;
        assert_eq!(r.status, 200, "{list}: {}", r.text);
        assert_no_secret(list, &r.text);
        let link = r.json["paging"]["next"]["link"].as_str().expect("a next page");
        assert!(link.contains("limit=1") && link.contains("properties=make") && link.contains("after="), "{link}");
    }
}

#[tokio::test]
async fn the_journal_redacts_every_credential_like_name_in_any_case() {
    let emu = Emu::demo(1).await;
    emu.get(&format!("/crm/v3/objects/cars?limit=1&{}", query())).await;
    let j = emu.get("/__hubtui/journal").await;
    assert_no_secret("the journal", &j.text);
    let path = j.json["results"][0]["path"].as_str().unwrap();
    assert!(path.contains("limit=1"), "non-credential values stay: {path}");
    for (k, _) in CREDENTIALS {
        assert!(path.contains(&format!("{k}=REDACTED")), "{k} is listed with a redacted value: {path}");
    }
}
