//! What the emulator owes a client at the transport level: a body declared over the limit is
//! refused from its `Content-Length` alone (before any of it is read), a body that arrives
//! too slowly is refused with a 408, and after either the connection is closed, since the
//! rest of the body is never read.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::error::EmuError;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How long a request body may take to arrive, as a request extension (set by the server;
/// [`DEFAULT_BODY_READ_TIMEOUT`] when absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyReadTimeout(pub Duration);

/// The body timeout unless the server sets another.
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// The 413 for a body over [`MAX_BODY_BYTES`].
#[must_use]
pub fn too_large() -> EmuError {
    EmuError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "VALIDATION_ERROR",
        format!("The request body is larger than {MAX_BODY_BYTES} bytes"),
    )
}

/// The longest request target (path and query) accepted: HubSpot answers `414 URI Too Long`
/// past about 8,000 characters, which a read listing every property of a large portal reaches.
pub const MAX_URI_BYTES: usize = 8000;

/// The 414 for a request target longer than [`MAX_URI_BYTES`], else `None`.
#[must_use]
pub fn uri_refusal(uri: &axum::http::Uri) -> Option<Response> {
    let len = uri.path_and_query().map_or(0, |p| p.as_str().len());
    (len > MAX_URI_BYTES).then(|| {
        EmuError::new(
            StatusCode::URI_TOO_LONG,
            "VALIDATION_ERROR",
            format!("The request URI is {len} characters long; the limit is {MAX_URI_BYTES}"),
        )
        .into_response()
    })
}

/// The 408 for a body that did not arrive in time.
#[must_use]
pub fn too_slow(timeout: Duration) -> EmuError {
    EmuError::new(
        StatusCode::REQUEST_TIMEOUT,
        "VALIDATION_ERROR",
        format!("The request body did not arrive within {} ms", timeout.as_millis()),
    )
}

/// Middleware: refuses a declared `Content-Length` over the limit at once, and closes the
/// connection after any 408 or 413 (their bodies were not read to the end).
/// The refusal of a body declared larger than [`MAX_BODY_BYTES`], else `None`.
#[must_use]
pub fn body_refusal(headers: &axum::http::HeaderMap) -> Option<Response> {
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
    declared.filter(|n| *n > u64::try_from(MAX_BODY_BYTES).unwrap_or(u64::MAX)).map(|_| too_large().into_response())
}

/// A body refused (too large, too slow) closes the connection: what is left of it is never read.
pub fn close_on_refusal(resp: &mut Response) {
    if matches!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE | StatusCode::REQUEST_TIMEOUT) {
        resp.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
}
