//! `hubtui sync --mask`: a masked copy of a replica. No personal value of the source is
//! anywhere in the masked file (scanned byte by byte), a search by a masked email finds the
//! masked record under its own id, and ids and associations are as they were.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;

use hubtui::api::client::{Client, ClientConfig};
use hubtui::api::pacing::RateTier;
use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::store::Store;
use hubtui::emulator::store::catalog::Catalog;
use hubtui::replica::mask::rules;
use hubtui::replica::{self, Options, progress::Progress};
use hubtui::secret::Secret;
use serde_json::json;
use support::Emu;

fn client(base: &str) -> Client {
    let mut config = ClientConfig::new(base.to_owned(), Some(Secret::new("test-token")));
    config.tier = RateTier::Unlimited;
    Client::new(config).unwrap()
}

/// Every value of a personal property in a local CRM file, with the owners' names and emails.
fn personal_values(path: &std::path::Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let catalog = Catalog::load(&conn).unwrap();
    let mut out = BTreeSet::new();
    for t in catalog.types() {
        let names: Vec<&str> =
            t.properties.iter().filter(|p| rules::kind(p).is_some()).map(|p| p.name.as_str()).collect();
        let mut stmt = conn.prepare("SELECT props FROM object WHERE type_no = ?1").unwrap();
        let rows = stmt.query_map([t.def.no], |r| r.get::<_, String>(0)).unwrap();
        for props in rows {
            let map: std::collections::BTreeMap<String, String> = serde_json::from_str(&props.unwrap()).unwrap();
            out.extend(names.iter().filter_map(|n| map.get(*n)).cloned());
        }
    }
    let owners: String = conn.query_row("SELECT value FROM meta WHERE key = 'owners'", [], |r| r.get(0)).unwrap();
    for o in serde_json::from_str::<serde_json::Value>(&owners).unwrap().as_array().unwrap() {
        for f in ["firstName", "lastName", "email"] {
            out.extend(o[f].as_str().map(str::to_owned));
        }
    }
    // Short values (a one-word first name) may occur inside other text by chance, and a value
    // that is also in the portal's definitions (a city in the time zones' options) is not
    // personal there.
    let mut stmt = conn.prepare("SELECT def FROM property").unwrap();
    let defs: String = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect();
    out.retain(|v| v.len() >= 6 && !defs.contains(v.as_str()));
    out
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[tokio::test]
async fn a_masked_copy_holds_no_personal_value_and_keeps_ids_and_associations() {
    let remote = Emu::demo(150).await;
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("replica.db");
    let store = open_store(&DbChoice::File(src.clone()), SeedChoice::Empty, 0).unwrap().0;
    let types = ["cars", "contacts", "companies", "notes", "emails"].map(str::to_owned).to_vec();
    let opts = Options { types: Some(types), ..Options::default() };
    replica::sync(&client(&remote.base), &store, &opts, &mut Progress::new(true)).await.unwrap();
    // A history read kept (it holds old values) must not survive either.
    store.close_blocking().unwrap();

    let out = dir.path().join("masked.db");
    let done = replica::mask::copy(&src, &out).unwrap();
    assert!(done.values > 500, "{done:?}");
    assert!(done.properties.iter().any(|p| p == "contacts.email"), "{:?}", done.properties);
    assert!(done.properties.iter().any(|p| p == "notes.hs_note_body"), "{:?}", done.properties);

    let personal = personal_values(&src);
    assert!(personal.len() > 300, "the source has personal values to look for: {}", personal.len());
    let bytes = std::fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let found: Vec<&String> = personal.iter().filter(|v| text.contains(v.as_str())).take(5).collect();
    assert!(found.is_empty(), "source values in the masked file: {found:?}");
    assert!(replica::mask::copy(&src, &out).is_err(), "an existing file is not overwritten");

    for sql in [
        "SELECT COUNT(*) FROM object",
        "SELECT COUNT(*) FROM association",
        "SELECT SUM(id) FROM object",
        "SELECT SUM(from_id * 3 + to_id) FROM association",
    ] {
        assert_eq!(count(&src, sql), count(&out, sql), "{sql}");
    }

    // Served, the masked copy answers like any local CRM: a masked email finds its record.
    let served = Emu::serving(Store::open(&out).unwrap()).await;
    let first = served.get("/crm/v3/objects/contacts?limit=1&properties=email,firstname").await;
    let contact = &first.json["results"][0];
    let (id, email) = (contact["id"].as_str().unwrap(), contact["properties"]["email"].as_str().unwrap());
    assert!(email.ends_with("@example.com"), "{email}");
    let body = json!({"filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": email}]}]});
    let hit = served.post("/crm/v3/objects/contacts/search", body).await;
    assert_eq!(hit.json["total"], 1, "{}", hit.text);
    assert_eq!(hit.json["results"][0]["id"], id);
    let by_email = served.get(&format!("/crm/v3/objects/contacts/{email}?idProperty=email")).await;
    assert_eq!(by_email.json["id"], id, "{}", by_email.text);
    let q = served.post("/crm/v3/objects/contacts/search", json!({"query": email.split('.').next().unwrap()})).await;
    assert!(q.json["total"].as_i64().unwrap() >= 1, "the full-text index has the masked values: {}", q.text);
}
