//! The emulator's one error type, [`EmuError`], which every handler, middleware and rule
//! returns: answered in HubSpot's error shape with a correlation id; internal errors are logged
//! and answered with a generic 500.

use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::api::types::{ErrorBody, ErrorDetail};

/// An error answered to a client. Client errors carry HubSpot's category and details;
/// internal errors are logged with detail and answered with a generic 500.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status} {category}: {message}")]
pub struct EmuError {
    pub status: StatusCode,
    pub category: &'static str,
    pub message: String,
    pub errors: Vec<ErrorDetail>,
    pub context: BTreeMap<String, Vec<String>>,
}

impl EmuError {
    /// A new error with no details.
    pub fn new(status: StatusCode, category: &'static str, message: impl Into<String>) -> Self {
        Self { status, category, message: message.into(), errors: Vec::new(), context: BTreeMap::new() }
    }

    /// 400 `VALIDATION_ERROR`.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "VALIDATION_ERROR", message)
    }

    /// 404 `OBJECT_NOT_FOUND`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "OBJECT_NOT_FOUND", message)
    }

    /// 409 `CONFLICT`.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "CONFLICT", message)
    }

    /// 401 `INVALID_AUTHENTICATION`.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "INVALID_AUTHENTICATION", message)
    }

    /// 500 with a generic message; `detail` goes to the log only.
    pub fn internal(detail: &dyn std::fmt::Display) -> Self {
        tracing::error!(%detail, "internal emulator error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "internal error in the local CRM; see its log")
    }

    /// Adds a detail entry.
    #[must_use]
    pub fn with_detail(mut self, detail: ErrorDetail) -> Self {
        self.errors.push(detail);
        self
    }

    /// Adds a context entry.
    #[must_use]
    pub fn with_context(mut self, key: &str, values: Vec<String>) -> Self {
        self.context.insert(key.to_owned(), values);
        self
    }

    /// The HubSpot-shaped body with a fresh correlation id.
    #[must_use]
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            status: "error".to_owned(),
            message: self.message.clone(),
            correlation_id: correlation_id(),
            category: self.category.to_owned(),
            sub_category: None,
            errors: self.errors.clone(),
            context: self.context.clone(),
            links: BTreeMap::new(),
        }
    }
}

impl From<rusqlite::Error> for EmuError {
    fn from(e: rusqlite::Error) -> Self {
        Self::internal(&e)
    }
}

impl From<serde_json::Error> for EmuError {
    fn from(e: serde_json::Error) -> Self {
        Self::internal(&e)
    }
}

impl IntoResponse for EmuError {
    fn into_response(self) -> Response {
        let body = self.body();
        let cid = body.correlation_id.clone();
        let mut resp = (self.status, axum::Json(body)).into_response();
        if let Ok(v) = HeaderValue::from_str(&cid) {
            resp.headers_mut().insert("x-hubspot-correlation-id", v);
        }
        resp
    }
}

/// A random UUID-v4-shaped correlation id.
#[must_use]
pub fn correlation_id() -> String {
    crate::rng::uuid_v4()
}

/// Shorthand for handler results.
pub type EmuResult<T> = Result<T, EmuError>;
