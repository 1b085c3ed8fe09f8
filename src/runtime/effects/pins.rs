//! Pinning on a record (`hs_pinned_engagement_id`): pinning or unpinning an activity, and
//! writing a note associated with the record and pinning it there.

use serde_json::{Map, Value};

use crate::api::Client;
use crate::api::types::{AssociationInput, AssociationSpec, AssociationTarget};
use crate::app::msg::{Msg, RecordMsg};
use crate::app::state::ReqId;
use crate::model::RecordRef;
use crate::runtime::error_text::error_text;

/// Pins an activity on a record (`None` unpins).
pub async fn pin(client: &Client, req: ReqId, type_id: &str, id: &str, engagement: Option<String>) -> Msg {
    let mut props = Map::new();
    props.insert("hs_pinned_engagement_id".into(), engagement.map_or(Value::String(String::new()), Value::String));
    let r = client.update(type_id, id, props, None).await;
    Msg::Record(RecordMsg::Pinned { req, error: r.err().map(|e| error_text(&e)) })
}

/// Creates a note associated with a record (the default note → type association), then pins it.
pub async fn note_and_pin(client: &Client, req: ReqId, on: RecordRef, body: String) -> Msg {
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
    props.insert("hs_note_body".into(), Value::String(body));
    props.insert("hs_timestamp".into(), Value::String(crate::timefmt::iso_from_ms(crate::timefmt::now_ms())));
    let assoc = AssociationInput {
        to: AssociationTarget { id: on.id.clone().into() },
        types: vec![AssociationSpec { association_category: label.category, association_type_id: label.type_id }],
    };
    let note = match client.create("notes", props, vec![assoc]).await {
        Ok(n) => n,
        Err(e) => return Msg::Record(RecordMsg::Pinned { req, error: Some(error_text(&e)) }),
    };
    let mut pin = Map::new();
    pin.insert("hs_pinned_engagement_id".into(), Value::String(note.id.clone()));
    let r = client.update(&on.type_id, &on.id, pin, None).await;
    let error = r.err().map(|e| format!("the note {} was created but not pinned: {}", note.id, error_text(&e)));
    Msg::Record(RecordMsg::Pinned { req, error })
}
