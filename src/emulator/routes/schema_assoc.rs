//! Association definitions of a custom object: `POST /crm/v3/schemas/{type}/associations`
//! and `DELETE …/associations/{id}`. The rules live in `emulator::schema`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, post};
use serde::Deserialize;

use crate::api::types::AssociationDefinition;
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::HubJson;
use crate::emulator::lookup::custom_type;
use crate::emulator::schema;
use crate::emulator::state::EmuState;
use crate::timefmt::{iso_from_ms, now_ms};

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{object_type}/associations", post(create))
        .route("/{object_type}/associations/{association_id}", delete(remove))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DefinitionEgg {
    from_object_type_id: String,
    to_object_type_id: String,
    #[serde(default)]
    name: Option<String>,
}

async fn create(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(egg): HubJson<DefinitionEgg>,
) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write(move |tx, cat| {
            let t = custom_type(cat, &object_type)?;
            let unknown = |id: &str| EmuError::validation(format!("Unknown object type {id}"));
            let from = cat.resolve(&egg.from_object_type_id).ok_or_else(|| unknown(&egg.from_object_type_id))?;
            let to = cat.resolve(&egg.to_object_type_id).ok_or_else(|| unknown(&egg.to_object_type_id))?;
            let id = schema::define_association(tx, t, from, to, egg.name.as_deref())?;
            Ok(axum::Json(AssociationDefinition {
                id: id.to_string(),
                from_object_type_id: from.def.type_id.clone(),
                to_object_type_id: to.def.type_id.clone(),
                name: egg.name.clone(),
                created_at: Some(iso_from_ms(now)),
                updated_at: Some(iso_from_ms(now)),
            })
            .into_response())
        })
        .await
}

async fn remove(
    State(st): State<EmuState>,
    Path((object_type, association_id)): Path<(String, String)>,
) -> EmuResult<Response> {
    let id: i64 = association_id
        .parse()
        .map_err(|_| EmuError::validation(format!("{association_id:?} is not an association definition id")))?;
    st.store
        .write(move |tx, cat| {
            schema::remove_association(tx, cat, custom_type(cat, &object_type)?, id)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
