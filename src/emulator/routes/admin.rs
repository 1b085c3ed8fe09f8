//! The emulator's own admin API under `/__hubtui/` (an extension: HubSpot has no such
//! endpoints): health, reset to the seed, the request journal, fault rules, and restoring a
//! record from the recycle bin, and a type's write rules (conditionally required properties
//! and the create form's required fields, which HubSpot sets in its UI only). It needs the
//! same bearer token as everything else.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::faults::FaultConfig;
use crate::emulator::http::{HubJson, QueryPairs};
use crate::emulator::lookup;
use crate::emulator::project;
use crate::emulator::rules::WriteRules;
use crate::emulator::state::EmuState;
use crate::emulator::write::{self, WriteCtx};

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/health", get(health))
        .route("/reset", post(reset))
        .route("/journal", get(journal).delete(clear_journal))
        .route("/faults", get(get_faults).put(set_faults).post(set_faults).delete(clear_faults))
        .route("/objects/{object_type}/{object_id}/restore", post(restore))
        .route("/write-rules/{object_type}", get(get_write_rules).put(put_write_rules))
}

async fn health(State(st): State<EmuState>) -> EmuResult<Response> {
    let cat = st.store.catalog();
    let limits = st.limiter.as_ref().map(|l| json!({"burstPer10s": l.limits.burst, "daily": l.limits.daily, "searchPerSecond": l.limits.search_per_second}));
    Ok(axum::Json(json!({"status": "ok", "portalId": cat.portal_id, "objectTypes": cat.types().len(),
        "rateLimits": limits, "faultRules": st.faults.get().rules.len(),
        "apiVersions": super::versions::SERVED}))
    .into_response())
}

async fn reset(State(st): State<EmuState>) -> EmuResult<Response> {
    let store = st.store.clone();
    tokio::task::spawn_blocking(move || crate::emulator::seed::reset(&store))
        .await
        .map_err(|e| EmuError::internal(&e))??;
    st.journal.clear();
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn journal(State(st): State<EmuState>, q: QueryPairs) -> EmuResult<Response> {
    let limit = q.limit("limit", 100, crate::emulator::journal::CAPACITY)?;
    Ok(axum::Json(json!({"results": st.journal.recent(limit)})).into_response())
}

async fn clear_journal(State(st): State<EmuState>) -> Response {
    st.journal.clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn get_faults(State(st): State<EmuState>) -> Response {
    axum::Json(st.faults.get()).into_response()
}

async fn set_faults(State(st): State<EmuState>, HubJson(config): HubJson<FaultConfig>) -> EmuResult<Response> {
    st.faults.set(config)?;
    Ok(axum::Json(st.faults.get()).into_response())
}

async fn clear_faults(State(st): State<EmuState>) -> EmuResult<Response> {
    st.faults.set(FaultConfig::default())?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn restore(
    State(st): State<EmuState>,
    Path((object_type, object_id)): Path<(String, String)>,
) -> EmuResult<Response> {
    let ctx = WriteCtx::api();
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let rec = lookup::by_id(tx, &object_id)?
                .filter(|r| r.type_no == t.def.no && r.archived && r.merged_into.is_none())
                .ok_or_else(|| {
                    EmuError::not_found(format!(
                        "No archived {} with id {object_id} in the recycle bin",
                        t.def.singular
                    ))
                })?;
            let rec = write::restore(tx, t, rec, &ctx)?;
            Ok(axum::Json(project::simple(t, &rec, &[])).into_response())
        })
        .await
}

async fn get_write_rules(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    st.store
        .read(move |_, cat| {
            Ok(axum::Json(lookup::object_type(cat, &object_type)?.def.write_rules.clone()).into_response())
        })
        .await
}

/// Replaces a type's write rules; every property they name must exist (and every value be an
/// option of an enumeration that controls one).
async fn put_write_rules(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(rules): HubJson<WriteRules>,
) -> EmuResult<Response> {
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            rules.check(t).map_err(EmuError::validation)?;
            let mut def = t.def.clone();
            def.write_rules = rules.clone();
            crate::emulator::store::defs::put_type(tx, &def)?;
            Ok(axum::Json(rules).into_response())
        })
        .await
}
