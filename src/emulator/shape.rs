//! The router's own refusals in HubSpot's shape: axum answers a wrong method with an empty
//! 405 and an undecodable path with a plain-text 400. This layer, wrapped around the routes
//! only (so the fault injector's deliberate HTML 5xx pass untouched), turns every client
//! error that is not already JSON into the emulator's error body, keeping headers such as
//! `Allow`.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::EmuError;

/// Longest plain-text body read back to become the message.
const MAX_TEXT: usize = 4096;

/// The router's answer to `req`, its plain client errors in HubSpot's shape (faults wrap
/// this, so their deliberate answers are never reshaped).
pub async fn routed(next: Next, req: Request) -> Response {
    let method = req.method().clone();
    let uri = req.uri().clone();
    let resp = next.run(req).await;
    if !resp.status().is_client_error() || is_json(resp.headers()) {
        return resp;
    }
    reshape(&method, uri.path(), resp).await
}

async fn reshape(method: &Method, path: &str, resp: Response) -> Response {
    let (parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, MAX_TEXT).await.map(|b| String::from_utf8_lossy(&b).trim().to_owned());
    let message = match (parts.status, text) {
        (StatusCode::METHOD_NOT_ALLOWED, _) => method_message(method, path, &parts.headers),
        (_, Ok(t)) if !t.is_empty() => t,
        (status, _) => format!("{path}: {}", status.canonical_reason().unwrap_or("client error")),
    };
    let mut shaped = EmuError::new(parts.status, category(parts.status), message).into_response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = parts.headers.get(&name) {
            shaped.headers_mut().insert(name, v.clone());
        }
    }
    shaped
}

fn is_json(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"))
}

fn method_message(method: &Method, path: &str, headers: &HeaderMap) -> String {
    let allow = headers.get(header::ALLOW).and_then(|v| v.to_str().ok()).unwrap_or("");
    format!("{method} is not supported on {path}; it accepts {}", allow.replace(',', ", "))
}

/// HubSpot's category for a client error status.
fn category(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "OBJECT_NOT_FOUND",
        StatusCode::METHOD_NOT_ALLOWED => "METHOD_NOT_ALLOWED",
        StatusCode::UNAUTHORIZED => "INVALID_AUTHENTICATION",
        StatusCode::TOO_MANY_REQUESTS => "RATE_LIMITS",
        StatusCode::CONFLICT => "CONFLICT",
        _ => "VALIDATION_ERROR",
    }
}
