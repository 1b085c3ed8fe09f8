//! Association definitions of a custom object: `POST /crm/v3/schemas/{type}/associations`
//! and `DELETE …/associations/{id}`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, post};
use serde::Deserialize;

use crate::api::types::AssociationDefinition;
use crate::emulator::associate::undefine_unused;
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::HubJson;
use crate::emulator::lookup::custom_type;
use crate::emulator::propdef;
use crate::emulator::seed::assoc_types;
use crate::emulator::state::EmuState;
use crate::emulator::store::assoc;
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
            if from.def.no != t.def.no && to.def.no != t.def.no {
                return Err(EmuError::validation(format!(
                    "An association definition of {} must start or end at it",
                    t.def.name
                )));
            }
            if let Some(n) = &egg.name {
                propdef::check_name("Association", n)?;
            }
            let id = assoc_types::define_custom(
                tx,
                (from.def.no, &from.def.singular),
                (to.def.no, &to.def.singular),
                "USER_DEFINED",
            )?;
            if let Some(n) = &egg.name
                && let Some(mut at) =
                    assoc::types_between(tx, from.def.no, to.def.no)?.into_iter().find(|a| a.type_id == id)
            {
                at.name = Some(n.clone());
                assoc::define(tx, &at)?;
            }
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
            let t = custom_type(cat, &object_type)?;
            for other in cat.types() {
                for (a, b) in [(t.def.no, other.def.no), (other.def.no, t.def.no)] {
                    let Some(at) = assoc::types_between(tx, a, b)?.into_iter().find(|x| x.type_id == id) else {
                        continue;
                    };
                    undefine_unused(tx, &at, || {
                        EmuError::validation(format!(
                            "Association definition {id} is used by some records; remove those associations first"
                        ))
                    })?;
                    return Ok(StatusCode::NO_CONTENT.into_response());
                }
            }
            Err(EmuError::not_found(format!("No association definition {id} on {}", t.def.name)))
        })
        .await
}
