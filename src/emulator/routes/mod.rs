//! Route tables, one file per resource; each exposes `fn router() -> Router<EmuState>`, and
//! [`router`] nests them under every prefix HubSpot serves them at. Handlers stay thin
//! (extract, validate, call the rules in a store transaction, answer). Two files are not
//! resources but helpers several routers share: `batch_items.rs` (the per-input loop and the
//! batch envelope) and `assoc_list.rs` (the paged association listing of v3 and v4).

mod account;
mod admin;
mod assoc_batch;
mod assoc_labels;
mod assoc_list;
mod assoc_v3;
mod assoc_v4;
mod batch;
mod batch_items;
mod objects;
mod owners;
mod pipelines;
mod properties;
mod schema_assoc;
mod schemas;
mod search;

use axum::Router;
use axum::response::IntoResponse;

use super::error::EmuError;
use super::state::EmuState;

/// Every route, under each prefix HubSpot documents for it.
pub fn router() -> Router<EmuState> {
    let objects = || objects::router().merge(batch::router()).merge(search::router()).merge(assoc_v3::router());
    let v4_associations = || assoc_batch::router().merge(assoc_labels::router());
    let schemas = || schemas::router().merge(schema_assoc::router());
    Router::new()
        .nest("/crm/v3/objects", objects())
        .nest("/crm/objects/2026-03", objects())
        .nest("/crm/v4/objects", assoc_v4::router())
        .nest("/crm/v4/associations", v4_associations())
        .nest("/crm/associations/v4", v4_associations())
        .nest("/crm/v3/properties", properties::router())
        .nest("/crm/properties/2026-03", properties::router())
        .nest("/crm/v3/schemas", schemas())
        .nest("/crm-object-schemas/v3/schemas", schemas())
        .nest("/crm-object-schemas/2026-03/schemas", schemas())
        .nest("/crm/v3/pipelines", pipelines::router())
        .nest("/crm/v3/owners", owners::router())
        .nest("/account-info/v3", account::router())
        .nest("/__hubtui", admin::router())
        .fallback(not_found)
}

async fn not_found(uri: axum::http::Uri) -> impl IntoResponse {
    EmuError::new(
        axum::http::StatusCode::NOT_FOUND,
        "OBJECT_NOT_FOUND",
        format!("No route for {}; the local CRM serves HubSpot's CRM v3 paths", uri.path()),
    )
}
