//! The API versions the local CRM serves and what differs between them. Every version is the
//! same data through the same handlers. The dated versions send association ids as strings
//! and answer association archives with a body ([`dated_associations`]). 2026-09 differs twice more: its batch replies have no `207
//! Multi-Status` (a partial failure answers with the call's success status and `errors` /
//! `numErrors` in the body), and its writes enforce the portal's write rules
//! (`emulator::rules`) — the request is marked ([`Dated2026_09`]) and handlers read the mark
//! through [`WriteRulesOn`].

use axum::extract::{FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::batch_items::BatchOk;

/// Every version served, oldest first (listed by `GET /__hubtui/health`).
pub const SERVED: [&str; 4] = ["v3", "v4", "2026-03", "2026-09"];

/// The mark a request on a 2026-09 path carries.
#[derive(Debug, Clone, Copy)]
pub struct Dated2026_09;

/// Marks a request on a 2026-09 path.
pub async fn mark_2026_09(mut req: Request) -> Request {
    req.extensions_mut().insert(Dated2026_09);
    req
}

/// Reshapes an answer for a 2026-09 path: a 207 becomes the batch's success status.
pub async fn as_2026_09(mut r: Response) -> Response {
    if r.status() == StatusCode::MULTI_STATUS
        && let Some(BatchOk(ok)) = r.extensions().get::<BatchOk>().copied()
    {
        *r.status_mut() = ok;
    }
    r
}

/// Whether this request's writes enforce the portal's write rules (it came in on 2026-09).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteRulesOn(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for WriteRulesOn {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parts.extensions.get::<Dated2026_09>().is_some()))
    }
}

/// The association calls under a dated path answer in the dated schemas' shapes: record ids
/// (`toObjectId`, `fromObjectId`) as strings where v4 sends numbers; `batch/archive` and
/// `batch/labels/archive` answer 200 with a `BatchResponse` body where v4 answers 204; and on
/// 2026-09 a `batch/create` answers 200 where earlier versions answer 201.
pub async fn dated_associations(req: Request, next: Next) -> Response {
    let on_2026_09 = req.extensions().get::<Dated2026_09>().is_some();
    let path = req.uri().path().to_owned();
    let started = crate::timefmt::now_ms();
    let r = next.run(req).await;
    if r.status() == StatusCode::NO_CONTENT && path.ends_with("/archive") {
        let now = crate::timefmt::iso_from_ms(crate::timefmt::now_ms());
        let body = serde_json::json!({"status": "COMPLETE", "results": [],
            "startedAt": crate::timefmt::iso_from_ms(started), "completedAt": now});
        return (StatusCode::OK, axum::Json(body)).into_response();
    }
    let (mut parts, body) = r.into_parts();
    if on_2026_09 && parts.status == StatusCode::CREATED && path.ends_with("/batch/create") {
        parts.status = StatusCode::OK;
    }
    let is_json = parts.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"));
    if !is_json {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, axum::body::Body::empty());
    };
    let out = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(mut v) => {
            ids_as_strings(&mut v);
            serde_json::to_vec(&v).map_or(bytes, Into::into)
        }
        Err(_) => bytes,
    };
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(out))
}

fn ids_as_strings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if (k == "toObjectId" || k == "fromObjectId") && x.is_number() {
                    *x = serde_json::Value::String(x.to_string());
                } else {
                    ids_as_strings(x);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(ids_as_strings),
        _ => {}
    }
}
