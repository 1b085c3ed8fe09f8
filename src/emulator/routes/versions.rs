//! The API versions the local CRM serves and what differs between them. Every version is the
//! same data through the same handlers; 2026-09 differs in its batch replies: no `207 Multi-
//! Status` — a partial failure answers with the call's success status and `errors` /
//! `numErrors` in the body.

use axum::http::StatusCode;
use axum::response::Response;

use super::batch_items::BatchOk;

/// Every version served, oldest first (listed by `GET /__hubtui/health`).
pub const SERVED: [&str; 4] = ["v3", "v4", "2026-03", "2026-09"];

/// Reshapes an answer for a 2026-09 path: a 207 becomes the batch's success status.
pub async fn as_2026_09(mut r: Response) -> Response {
    if r.status() == StatusCode::MULTI_STATUS
        && let Some(BatchOk(ok)) = r.extensions().get::<BatchOk>().copied()
    {
        *r.status_mut() = ok;
    }
    r
}
