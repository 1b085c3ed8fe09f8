//! Pinning on a record (`hs_pinned_engagement_id`): pinning or unpinning an activity, and
//! writing a note associated with the record and pinning it there.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::logged::{append, begin, finish};

use crate::api::Client;
use crate::api::types::{AssociationInput, AssociationSpec, AssociationTarget};
use crate::app::command::Command;
use crate::app::msg::{Msg, RecordMsg};
use crate::app::state::ReqId;
use crate::model::RecordRef;
use crate::runtime::error_text::error_text;
use crate::writelog::{Action, Entry, Outcome, RecordChange, Status, WriteLog};

/// Pins an activity on a record (`None` unpins).
pub async fn pin(client: &Client, req: ReqId, type_id: &str, id: &str, engagement: Option<String>) -> Msg {
    let mut props = Map::new();
    props.insert("hs_pinned_engagement_id".into(), engagement.map_or(Value::String(String::new()), Value::String));
    let r = client.update(type_id, id, props, None).await;
    Msg::Record(RecordMsg::Pinned { req, error: r.err().map(|e| error_text(&e)) })
}

/// Creates a note associated with a record (the default note → type association), then pins
/// it; both are logged (the note as a create, undone by archiving it; the pin as an update of
/// the record, with its pinned activity before).
pub async fn note_and_pin(client: &Client, log: &WriteLog, req: ReqId, on: RecordRef, body: String) -> Msg {
    let Ok(labels) = client.association_labels("notes", &on.type_id).await else {
        return Msg::Record(RecordMsg::Pinned {
            req,
            error: Some(format!("notes cannot be associated with {}", on.type_id)),
        });
    };
    let Some(label) = labels.iter().find(|l| l.category == "HUBSPOT_DEFINED").or(labels.first()).cloned() else {
        return Msg::Record(RecordMsg::Pinned {
            req,
            error: Some(format!("no association type from notes to {}", on.type_id)),
        });
    };
    let mut props = Map::new();
    props.insert("hs_note_body".into(), Value::String(body.clone()));
    props.insert("hs_timestamp".into(), Value::String(crate::timefmt::iso_from_ms(crate::timefmt::now_ms())));
    let assoc = AssociationInput {
        to: AssociationTarget { id: on.id.clone().into() },
        types: vec![AssociationSpec { association_category: label.category, association_type_id: label.type_id }],
    };
    let mut logged = Entry::new(Action::Create, "notes", crate::timefmt::now_ms());
    let after = BTreeMap::from([("hs_note_body".to_owned(), body)]);
    logged.records = vec![RecordChange::pending("", BTreeMap::new(), after)];
    append(log, &logged).await;
    let created = client.create("notes", props, vec![assoc]).await;
    logged.status = Status::Done;
    let note = match created {
        Ok(n) => {
            logged.records[0].id.clone_from(&n.id);
            logged.records[0].result = Outcome::Ok;
            append(log, &logged).await;
            n
        }
        Err(e) => {
            logged.records[0].result = Outcome::Failed { why: error_text(&e) };
            append(log, &logged).await;
            return Msg::Record(RecordMsg::Pinned { req, error: Some(error_text(&e)) });
        }
    };
    let cmd = Command::Pin { req, type_id: on.type_id.clone(), id: on.id.clone(), engagement: Some(note.id.clone()) };
    let entry = begin(client, log, &cmd).await;
    let msg = pin(client, req, &on.type_id, &on.id, Some(note.id.clone())).await;
    finish(log, entry, &msg).await;
    match msg {
        Msg::Record(RecordMsg::Pinned { error: Some(why), .. }) => Msg::Record(RecordMsg::Pinned {
            req,
            error: Some(format!("the note {} was created but not pinned: {why}", note.id)),
        }),
        other => other,
    }
}
