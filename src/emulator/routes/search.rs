//! `POST /crm/v3/objects/{objectType}/search`: resolves the type and hands the request to
//! `search::exec::run` on a read connection, where the search is executed.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::api::types::SearchRequest;
use crate::emulator::error::EmuResult;
use crate::emulator::http::HubJson;
use crate::emulator::lookup;
use crate::emulator::search::exec;
use crate::emulator::state::EmuState;

pub fn router() -> Router<EmuState> {
    Router::new().route("/{object_type}/search", post(run))
}

async fn run(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(req): HubJson<SearchRequest>,
) -> EmuResult<Response> {
    let limits = st.search_limits;
    st.store.notice_outside_writes();
    let cache = st.search_cache.clone();
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            Ok(axum::Json(exec::run(&cache, conn, cat, t, &req, &limits)?).into_response())
        })
        .await
}
