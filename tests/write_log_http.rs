//! The write log and undo through the real app over HTTP (real `update`, executor, client,
//! local CRM): a bulk update of 250 cars undone (a car changed in between held back with both
//! values), the undo undone, a create undone (archived), a removed association put back with
//! its label; the log file is 0600, survives a torn line, and holds no token.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::app::command::Command;
use hubtui::model::RecordRef;
use hubtui::runtime::effects::undo::undo;
use hubtui::writelog::{Action, Outcome};
use serde_json::json;
use support::driver::Driver;

async fn dealerships(emu: &support::Emu, ids: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in ids.chunks(100) {
        let body =
            json!({"properties": ["dealership"], "inputs": chunk.iter().map(|i| json!({"id": i})).collect::<Vec<_>>()});
        let r = emu.post("/crm/v3/objects/cars/batch/read", body).await;
        let mut got: Vec<(String, String)> = r.json["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (c["id"].as_str().unwrap().to_owned(), c["properties"]["dealership"].as_str().unwrap_or("").to_owned())
            })
            .collect();
        got.sort_by_key(|(id, _)| chunk.iter().position(|c| c == id));
        out.extend(got.into_iter().map(|(_, d)| d));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_update_of_250_cars_is_undone_except_the_one_changed_since() {
    let emu = support::Emu::demo(300).await;
    let mut d = Driver::start(&emu.base).await;
    for _ in 0..250 {
        d.keys(&["space"]).await;
    }
    let ids: Vec<String> = d.state.list.rows.iter().take(250).map(|r| r.id.clone()).collect();
    let before = dealerships(&emu, &ids).await;
    d.keys(&["e"]).await;
    d.text("dealership").await;
    d.keys(&["enter", "ctrl-u"]).await;
    d.text("Undo Motors").await;
    d.keys(&["enter", "C", "w"]).await;
    assert_eq!(d.state.staged.count(), 0, "saved");
    let entry = d.exec.log.entries().into_iter().next().unwrap();
    assert_eq!((entry.action, entry.records.len()), (Action::Update, 250));
    assert!(entry.records.iter().all(|r| r.result == Outcome::Ok && r.after["dealership"] == "Undo Motors"));
    assert_eq!(entry.records[0].before["dealership"], before[0], "the value before is logged");
    // Someone else changes one car in between.
    let other = &ids[7];
    let r = emu
        .patch(&format!("/crm/v3/objects/cars/{other}"), json!({"properties": {"dealership": "Someone Else"}}))
        .await;
    assert_eq!(r.status, 200);
    let dry = undo(&d.exec.client, &d.exec.log, &entry.id, true, None).await.unwrap();
    assert_eq!(dry.describe(true), "would be: 249 set back, 1 held back (changed since)");
    assert!(dry.logged.is_empty(), "a dry run writes (and logs) nothing");
    let done = undo(&d.exec.client, &d.exec.log, &entry.id[..6], false, None).await.unwrap();
    assert_eq!(done.plan.held.len(), 1);
    assert_eq!(done.plan.held[0].0, *other);
    assert_eq!(done.plan.held[0].2["dealership"], "Someone Else", "both values are shown");
    let now = dealerships(&emu, &ids).await;
    for (i, (was, is)) in before.iter().zip(&now).enumerate() {
        let want = if i == 7 { "Someone Else" } else { was.as_str() };
        assert_eq!(is, want, "car {}", ids[i]);
    }
    // History shows both writes.
    let h = emu.get(&format!("/crm/v3/objects/cars/{}?propertiesWithHistory=dealership", ids[0])).await;
    let values: Vec<&str> = h.json["propertiesWithHistory"]["dealership"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(values.len() >= 2 && values[0] == before[0] && values[1] == "Undo Motors", "{values:?}");
    // The undo is logged and can be undone.
    let undo_id = done.logged[0].clone();
    let logged = d.exec.log.find(&undo_id).unwrap();
    assert_eq!(logged.undoes.as_deref(), Some(entry.id.as_str()));
    // The held-back car is in the undo's entry with both values: what it holds now → what
    // the undo would have set.
    let held = logged.records.iter().find(|r| r.id == *other).unwrap();
    assert_eq!(held.before["dealership"], "Someone Else");
    assert_eq!(held.after["dealership"], before[7]);
    assert!(matches!(&held.result, Outcome::Held { theirs } if theirs["dealership"] == "Someone Else"));
    undo(&d.exec.client, &d.exec.log, &undo_id, false, None).await.unwrap();
    let again = dealerships(&emu, &ids).await;
    assert!(again.iter().enumerate().all(|(i, v)| if i == 7 { v == "Someone Else" } else { v == "Undo Motors" }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_is_undone_by_archiving_and_a_removed_association_comes_back_with_its_label() {
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    d.fill_new_car().await;
    d.keys(&["ctrl-s", "enter"]).await;
    d.text("5YJ3E1EA7KF000077").await;
    d.keys(&["enter", "ctrl-s"]).await;
    let RecordRef { id, .. } = d.state.detail.current.clone().expect("created");
    let entry = d
        .exec
        .log
        .entries()
        .into_iter()
        .find(|e| e.action == Action::Create && e.records[0].result == Outcome::Ok)
        .unwrap();
    assert_eq!(entry.records[0].id, id);
    undo(&d.exec.client, &d.exec.log, &entry.id, false, None).await.unwrap();
    assert_eq!(emu.get(&format!("/crm/v3/objects/cars/{id}")).await.status, 404, "archived");
    // A car's association to a contact, removed by the app, then put back.
    let (car, _) = emu.first_car().await;
    let before = emu.get(&format!("/crm/v4/objects/cars/{car}/associations/contacts")).await;
    let first = &before.json["results"][0];
    let contact = first["toObjectId"].to_string();
    d.pending += 1;
    d.exec.execute(Command::Associate {
        req: d.state.req(),
        from: RecordRef::new("2-3465404", &car),
        to: RecordRef::new("0-1", &contact),
        assoc: None,
    });
    d.settle().await;
    let gone = emu.get(&format!("/crm/v4/objects/cars/{car}/associations/contacts")).await;
    assert!(!gone.text.contains(&format!("\"toObjectId\":{contact}")), "{}", gone.text);
    let entry = d.exec.log.entries().into_iter().next().unwrap();
    assert_eq!(entry.action, Action::Dissociate);
    let done = undo(&d.exec.client, &d.exec.log, &entry.id, false, None).await.unwrap();
    assert!(done.errors.is_empty(), "{:?}", done.errors);
    let back = emu.get(&format!("/crm/v4/objects/cars/{car}/associations/contacts")).await;
    let restored = back.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["toObjectId"].as_i64().map(|n| n.to_string()).as_deref() == Some(contact.as_str()))
        .unwrap();
    assert_eq!(restored["associationTypes"], first["associationTypes"], "with its label");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_cannot_be_undone_and_the_log_is_private_and_token_free() {
    let emu = support::Emu::demo(5).await;
    let mut d = Driver::start(&emu.base).await;
    let ids: Vec<String> = d.state.list.rows.iter().take(2).map(|r| r.id.clone()).collect();
    d.pending += 1;
    d.exec.execute(Command::Merge {
        req: d.state.req(),
        type_id: "2-3465404".into(),
        primary: ids[0].clone(),
        other: ids[1].clone(),
    });
    d.settle().await;
    let merge = d.exec.log.entries().into_iter().next().unwrap();
    assert_eq!(merge.action, Action::Merge);
    let err = undo(&d.exec.client, &d.exec.log, &merge.id, false, None).await.unwrap_err();
    assert!(err.contains("can't be undone: it is a merge, and HubSpot has no unmerge"), "{err}");
    let path = d.exec.log.path();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("Bearer") && !text.contains("\"t\""), "no token in the log");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

/// A write cut off mid-way (the process killed: a pending entry and a torn last line) is
/// settled on the next start by reading the records; the log stays readable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_write_is_settled_by_reading_the_records() {
    use hubtui::writelog::{Entry, RecordChange, Status};
    use std::io::Write;
    let emu = support::Emu::demo(5).await;
    let d = Driver::start(&emu.base).await;
    let ids: Vec<String> = d.state.list.rows.iter().take(2).map(|r| r.id.clone()).collect();
    let m = |v: &str| std::collections::BTreeMap::from([("dealership".to_owned(), v.to_owned())]);
    let was = dealerships(&emu, &ids).await;
    // The first car got the write before the crash; the second did not.
    emu.patch(&format!("/crm/v3/objects/cars/{}", ids[0]), json!({"properties": {"dealership": "Crash Motors"}})).await;
    let mut e = Entry::new(Action::Update, "2-3465404", 1);
    e.records = vec![
        RecordChange::pending(&ids[0], m(&was[0]), m("Crash Motors")),
        RecordChange::pending(&ids[1], m(&was[1]), m("Crash Motors")),
    ];
    d.exec.log.append(&e).unwrap();
    let mut f = std::fs::OpenOptions::new().append(true).open(d.exec.log.path()).unwrap();
    f.write_all(b"{\"id\":\"torn-by-kill").unwrap();
    drop(f);
    let n = hubtui::runtime::effects::logged::resolve_interrupted(&d.exec.client, &d.exec.log).await;
    assert_eq!(n, 1);
    let settled = d.exec.log.find(&e.id).unwrap();
    assert_eq!(settled.status, Status::Done, "{settled:?}");
    assert_eq!(settled.records[0].result, Outcome::Ok);
    assert!(matches!(&settled.records[1].result, Outcome::Failed { why } if why.contains("not written")));
    assert!(settled.note.unwrap().contains("never arrived"));
    // Settled once: a second start finds nothing to do; the settled entry can be undone.
    assert_eq!(hubtui::runtime::effects::logged::resolve_interrupted(&d.exec.client, &d.exec.log).await, 0);
    let done = undo(&d.exec.client, &d.exec.log, &e.id, false, None).await.unwrap();
    assert_eq!(done.plan.writes.len(), 1);
    assert_eq!(dealerships(&emu, &ids).await, was);
}

/// An unpin is logged with the pin it removed (read first), and undo pins it again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unpin_is_logged_and_undone() {
    let emu = support::Emu::demo(200).await;
    let mut d = Driver::start(&emu.base).await;
    let body = json!({"filterGroups": [{"filters": [{"propertyName": "hs_pinned_engagement_id", "operator": "HAS_PROPERTY"}]}],
                      "properties": ["hs_pinned_engagement_id"], "limit": 1});
    let found = emu.post("/crm/v3/objects/cars/search", body).await;
    let car = found.json["results"][0]["id"].as_str().expect("a demo car with a pinned note").to_owned();
    let pinned = found.json["results"][0]["properties"]["hs_pinned_engagement_id"].as_str().unwrap().to_owned();
    d.pending += 1;
    d.exec.execute(Command::Pin { req: d.state.req(), type_id: "2-3465404".into(), id: car.clone(), engagement: None });
    d.settle().await;
    let e = d.exec.log.entries().into_iter().next().unwrap();
    assert_eq!(e.records[0].before["hs_pinned_engagement_id"], pinned);
    assert_eq!(e.records[0].result, Outcome::Ok);
    undo(&d.exec.client, &d.exec.log, &e.id, false, None).await.unwrap();
    let now = emu.get(&format!("/crm/v3/objects/cars/{car}?properties=hs_pinned_engagement_id")).await;
    assert_eq!(now.json["properties"]["hs_pinned_engagement_id"], pinned.as_str());
}

/// A note written on a record (`N`) is logged twice — the note created, the pin moved to it —
/// and undoing both archives the note and pins back what was pinned before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_and_its_pin_are_logged_and_undone() {
    async fn pinned(emu: &support::Emu, car: &str) -> serde_json::Value {
        let path = format!("/crm/v3/objects/cars/{car}?properties=hs_pinned_engagement_id");
        emu.get(&path).await.json["properties"]["hs_pinned_engagement_id"].clone()
    }
    let emu = support::Emu::demo(20).await;
    let mut d = Driver::start(&emu.base).await;
    let car = d.state.list.rows[0].id.clone();
    let was = pinned(&emu, &car).await;
    d.pending += 1;
    let on = RecordRef { type_id: "2-3465404".into(), id: car.clone() };
    d.exec.execute(Command::CreateNote { req: d.state.req(), on, body: "Called: wants a test drive".into() });
    d.settle().await;
    let entries = d.exec.log.entries();
    let (pin, note) = (&entries[0], &entries[1]);
    assert_eq!((note.action, note.type_id.as_str()), (Action::Create, "notes"), "{entries:?}");
    assert_eq!(note.records[0].after["hs_note_body"], "Called: wants a test drive");
    let note_id = note.records[0].id.clone();
    assert_eq!(pin.action, Action::Update);
    assert_eq!(pin.records[0].after["hs_pinned_engagement_id"], note_id);
    assert_eq!(pinned(&emu, &car).await, note_id.as_str());
    undo(&d.exec.client, &d.exec.log, &pin.id, false, None).await.unwrap();
    undo(&d.exec.client, &d.exec.log, &note.id, false, None).await.unwrap();
    assert_eq!(pinned(&emu, &car).await.as_str().unwrap_or(""), was.as_str().unwrap_or(""));
    assert_eq!(emu.get(&format!("/crm/v3/objects/notes/{note_id}")).await.status, 404, "the note is archived");
}
