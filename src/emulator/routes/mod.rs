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
mod validations;
pub mod versions;

use axum::Router;
use axum::response::IntoResponse;

use super::error::EmuError;
use super::state::EmuState;

/// Every route, under each prefix HubSpot documents for it: v3 / v4, and the date-based
/// versions 2026-03 and 2026-09 (2026-09 answers batches without 207 and enforces the
/// portal's write rules: see `versions`).
pub fn router() -> Router<EmuState> {
    let records = || objects::router().merge(batch::router()).merge(search::router());
    let objects = || records().merge(assoc_v3::router());
    let v4_associations = || assoc_batch::router().merge(assoc_labels::router());
    let dated = || axum::middleware::from_fn(versions::dated_associations);
    let dated_associations = || v4_associations().layer(dated());
    let schemas = || schemas::router().merge(schema_assoc::router());
    // In the dated versions a record's associations are v4's calls, under the objects path.
    let dated_objects = || records().merge(assoc_v4::router().layer(dated()));
    let v2026_09 = Router::new()
        .nest("/crm/objects/2026-09", dated_objects())
        .nest("/crm/associations/2026-09", dated_associations())
        .nest("/crm/properties/2026-09", properties::router())
        .nest("/crm-object-schemas/2026-09/schemas", schemas())
        .nest("/crm/pipelines/2026-09", pipelines::router())
        .nest("/crm/owners/2026-09", owners::router())
        .nest("/crm/property-validations/2026-09", validations::router())
        .layer(axum::middleware::map_response(versions::as_2026_09))
        .layer(axum::middleware::map_request(versions::mark_2026_09));
    Router::new()
        .nest("/crm/v3/objects", objects())
        .nest("/crm/objects/2026-03", dated_objects())
        .nest("/crm/v4/objects", assoc_v4::router())
        .nest("/crm/v4/associations", v4_associations())
        .nest("/crm/associations/v4", v4_associations())
        .nest("/crm/associations/2026-03", dated_associations())
        .nest("/crm/v3/properties", properties::router())
        .nest("/crm/properties/2026-03", properties::router())
        .nest("/crm/v3/schemas", schemas())
        .nest("/crm-object-schemas/v3/schemas", schemas())
        .nest("/crm-object-schemas/2026-03/schemas", schemas())
        .nest("/crm/v3/property-validations", validations::router())
        .nest("/crm/property-validations/2026-03", validations::router())
        .nest("/crm/v3/pipelines", pipelines::router())
        .nest("/crm/pipelines/2026-03", pipelines::router())
        .nest("/crm/v3/owners", owners::router())
        .nest("/crm/owners/2026-03", owners::router())
        .nest("/account-info/v3", account::router())
        .nest("/account-info/2026-03", account::router())
        .nest("/account-info/2026-09", account::router())
        .merge(v2026_09)
        .nest("/__hubtui", admin::router())
        .fallback(not_found)
}

async fn not_found(uri: axum::http::Uri) -> impl IntoResponse {
    EmuError::new(
        axum::http::StatusCode::NOT_FOUND,
        "OBJECT_NOT_FOUND",
        format!(
            "No route for {}; the local CRM serves HubSpot's CRM API in versions {}",
            uri.path(),
            versions::SERVED.join(", ")
        ),
    )
}
