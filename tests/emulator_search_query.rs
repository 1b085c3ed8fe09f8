//! Free-text `query`: repeated words and words another word starts with cost nothing and
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! change nothing (every word must still match a token prefix), and a database made before
//! the one-letter prefix index existed is rebuilt with it and keeps answering the same.

mod support;

use hubtui::emulator::launch::{DbChoice, SeedChoice};
use serde_json::{Value, json};
use support::Emu;

async fn ids(emu: &Emu, body: Value) -> (u64, Vec<String>) {
    let r = emu.post("/crm/v3/objects/cars/search", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let ids = r.json["results"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect();
    (r.json["total"].as_u64().unwrap(), ids)
}

#[tokio::test]
async fn repeated_and_implied_words_answer_like_the_words_that_matter() {
    let emu = Emu::demo(300).await;
    let same = |q: &str, reduced: &str| (q.to_owned(), reduced.to_owned());
    for (q, reduced) in [
        same(&["a"; 1500].join(" "), "a"),
        same(&["F"; 1500].join(" "), "f"),
        same("f fo for ford FORD", "ford"),
        same("m ma maz mazda 3 3", "mazda 3"),
        same("1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0", "1 2 3 4 5 6 7 8 9 0"),
    ] {
        for extra in [
            json!({}),
            json!({"sorts": ["-price"]}),
            json!({"filterGroups": [{"filters": [{"propertyName": "year", "operator": "GTE", "value": "2000"}]}]}),
        ] {
            let mut a = json!({"query": q, "limit": 200});
            let mut b = json!({"query": reduced, "limit": 200});
            for (k, v) in extra.as_object().unwrap() {
                a[k] = v.clone();
                b[k] = v.clone();
            }
            assert_eq!(ids(&emu, a).await, ids(&emu, b).await, "{reduced} with {extra}");
        }
    }
    // Each word still has to match on its own: `ford` and `f` are separate requirements
    // only when no word implies the other, so `ford zz` still matches nothing.
    assert_eq!(ids(&emu, json!({"query": "f ford zz"})).await.0, 0);
    assert!(ids(&emu, json!({"query": "ford"})).await.0 > 0);
}

#[tokio::test]
async fn a_pathological_query_of_one_letter_words_answers() {
    let emu = Emu::demo(2000).await;
    let letters: Vec<String> = ('a'..='z').chain('0'..='9').map(String::from).collect();
    let q: Vec<&str> = (0..1500).map(|i| letters[i % letters.len()].as_str()).collect();
    let r = emu.post("/crm/v3/objects/cars/search", json!({"query": q.join(" ")})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["total"], 0, "no car has a token starting with every letter and digit");
}

#[tokio::test]
async fn a_database_from_before_the_one_letter_index_is_rebuilt_and_answers_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let (before, fts_tables) = {
        let emu = Emu::start(DbChoice::File(path.clone()), SeedChoice::Demo, 120, None).await;
        (ids(&emu, json!({"query": "m", "limit": 200})).await, support::storage::fts_tables(&path))
    };
    assert!(!fts_tables.is_empty());
    support::storage::downgrade_fts(&path, 1);
    let emu = Emu::start(DbChoice::File(path.clone()), SeedChoice::Demo, 120, None).await;
    assert_eq!(ids(&emu, json!({"query": "m", "limit": 200})).await, before);
    for (name, sql) in support::storage::fts_tables(&path) {
        assert!(sql.contains("prefix='1 2 3 4 5 6'"), "{name} was rebuilt with the one-letter prefix index: {sql}");
    }
}

/// A `query`'s count is kept between pages, and every write forgets it: a car created,
/// changed or archived is counted at once.
#[tokio::test]
async fn a_kept_query_count_follows_every_write() {
    let emu = Emu::demo(100).await;
    let q = |text: &str| json!({"query": text, "limit": 1});
    assert_eq!(ids(&emu, q("zebracorn")).await.0, 0);
    assert_eq!(ids(&emu, q("zebracorn")).await.0, 0, "asked twice: the kept count");
    let made = emu
        .post(
            "/crm/v3/objects/cars",
            json!({"properties": {"model": "Zebracorn", "make": "Kia", "VIN": "ZEBRA000000000001", "year": "2024"}}),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let id = made.json["id"].as_str().unwrap().to_owned();
    assert_eq!(ids(&emu, q("zebracorn")).await.0, 1, "created: counted");
    let r = emu.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"model": "Plain"}})).await;
    assert_eq!(r.status, 200);
    assert_eq!(ids(&emu, q("zebracorn")).await.0, 0, "changed: no longer counted");
    assert_eq!(ids(&emu, q("plain")).await.0, 1);
    assert!(emu.call("DELETE", &format!("/crm/v3/objects/cars/{id}"), None).await.status < 300);
    assert_eq!(ids(&emu, q("plain")).await.0, 0, "archived: gone");
}

/// A `query` with a filter or a sort keeps its matching rows between pages, and every write
/// forgets them: the pages agree with each other, and a car created, changed or archived is
/// found or dropped at once.
#[tokio::test]
async fn kept_query_rows_follow_every_write() {
    let emu = Emu::demo(300).await;
    let q = |text: &str, offset: usize| {
        json!({"query": text, "limit": 5, "after": offset.to_string(),
               "filterGroups": [{"filters": [{"propertyName": "year", "operator": "GTE", "value": "2000"}]}],
               "sorts": [{"propertyName": "price", "direction": "DESCENDING"}]})
    };
    let (total, first) = ids(&emu, q("mazda", 0)).await;
    assert!(total > 10, "{total}");
    let (again, second) = ids(&emu, q("mazda", 5)).await;
    assert_eq!(again, total, "the second page: the kept rows");
    assert!(first.iter().all(|id| !second.contains(id)), "the pages do not overlap");
    let made = emu
        .post(
            "/crm/v3/objects/cars",
            json!({"properties": {"model": "Zebracorn", "make": "Mazda", "VIN": "ZEBRA000000000002", "year": "2024", "price": "999999"}}),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let id = made.json["id"].as_str().unwrap().to_owned();
    let (after, top) = ids(&emu, q("mazda", 0)).await;
    assert_eq!((after, top[0].as_str()), (total + 1, id.as_str()), "created: found, and dearest");
    let r = emu.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"make": "Kia"}})).await;
    assert_eq!(r.status, 200);
    let (changed, top) = ids(&emu, q("mazda", 0)).await;
    assert_eq!(changed, total, "changed: no longer found");
    assert_ne!(top[0], id);
    assert_eq!(ids(&emu, q("zebracorn", 0)).await.0, 1);
    assert!(emu.call("DELETE", &format!("/crm/v3/objects/cars/{id}"), None).await.status < 300);
    assert_eq!(ids(&emu, q("zebracorn", 0)).await.0, 0, "archived: gone");
}
