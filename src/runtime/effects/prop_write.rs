//! Property definitions written from the app: a type's groups for the form, and a
//! property created, changed or archived (HubSpot's refusal comes back as text for the form).

use crate::api::Client;
use crate::app::msg::{Msg, PropsMsg};
use crate::app::prop_form::PropertyWrite;
use crate::app::state::ReqId;
use crate::runtime::error_text::error_text;

/// The type's property groups (none when they cannot be read).
pub async fn groups(client: &Client, req: ReqId, type_id: String) -> Msg {
    let groups =
        client.property_groups(&type_id).await.unwrap_or_default().into_iter().filter(|g| !g.archived).collect();
    Msg::Props(PropsMsg::Groups { req, type_id, groups })
}

/// Sends one property write.
pub async fn write(client: &Client, req: ReqId, type_id: &str, write: PropertyWrite) -> Msg {
    let (name, result) = match write {
        PropertyWrite::Create(body) => {
            (body.name.clone(), client.create_property(type_id, &body).await.map(|p| Some(Box::new(p))))
        }
        PropertyWrite::Update { name, body } => {
            let r = client.update_property(type_id, &name, &body).await.map(|p| Some(Box::new(p)));
            (name, r)
        }
        PropertyWrite::Archive { name } => {
            let r = client.archive_property(type_id, &name).await.map(|()| None);
            (name, r)
        }
    };
    Msg::Props(PropsMsg::Written { req, name, result: result.map_err(|e| error_text(&e)) })
}

/// Creates a custom object type.
pub async fn create_schema(client: &Client, req: ReqId, egg: &crate::model::schema::ObjectSchemaEgg) -> Msg {
    let result =
        client.create_schema(egg).await.map(|s| (s.labels.plural, s.object_type_id)).map_err(|e| error_text(&e));
    Msg::Props(PropsMsg::SchemaCreated { req, result })
}
