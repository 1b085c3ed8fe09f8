//! `api::Error`: what went wrong with a call, in variants a caller can act on. Messages come
//! from HubSpot's error bodies and never contain the token.

use std::time::Duration;

use crate::api::types::ErrorBody;

/// One refused property value from a validation error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub name: String,
    pub code: String,
    pub message: String,
}

/// A failed API call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("the access token was rejected: {message}")]
    Unauthorized { message: String },
    #[error("not allowed: {message}")]
    Forbidden { message: String },
    #[error("not found: {message}")]
    NotFound { message: String },
    #[error("invalid request: {}", validation_text(message, fields))]
    Validation { message: String, fields: Vec<FieldError> },
    #[error("conflict: {message}")]
    Conflict { message: String },
    #[error("rate limited ({policy}); retry after {retry_after:?}")]
    RateLimited { policy: String, retry_after: Duration },
    #[error("HubSpot answered {status}: {message}")]
    Server { status: u16, message: String },
    #[error("network error: {message}")]
    Network { message: String },
    #[error("the request timed out after {0:?}")]
    Timeout(Duration),
    #[error("could not read the response: {message}")]
    Decode { message: String },
}

impl Error {
    /// Builds an error from a non-success status and its body (JSON or not).
    #[must_use]
    pub fn from_response(status: u16, body: &str) -> Self {
        let parsed: Option<ErrorBody> = serde_json::from_str(body).ok();
        let message = parsed
            .as_ref()
            .map(|b| b.message.clone())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| first_line(body, status));
        match status {
            401 => Self::Unauthorized { message },
            403 => Self::Forbidden { message },
            404 => Self::NotFound { message },
            409 => Self::Conflict { message },
            400 | 413 | 414 | 422 => {
                let fields = parsed
                    .map(|b| {
                        b.errors
                            .into_iter()
                            .map(|d| FieldError {
                                name: d
                                    .context
                                    .get("propertyName")
                                    .and_then(|v| v.first())
                                    .cloned()
                                    .unwrap_or_default(),
                                code: d.code.unwrap_or_default(),
                                message: d.message,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Self::Validation { message, fields }
            }
            429 => {
                let policy = serde_json::from_str::<serde_json::Value>(body)
                    .ok()
                    .and_then(|v| v.get("policyName").and_then(|p| p.as_str()).map(str::to_owned))
                    .unwrap_or_else(|| "UNKNOWN".into());
                Self::RateLimited { policy, retry_after: Duration::from_secs(10) }
            }
            _ => Self::Server { status, message },
        }
    }

    /// Whether the server could not be reached (no network, a timeout, or HubSpot's edge
    /// saying its origin is down or timed out — 521, 522, 523): after the client's own
    /// retries, trying again at once will not help.
    #[must_use]
    pub fn unreachable(&self) -> bool {
        matches!(self, Self::Network { .. } | Self::Timeout(_) | Self::Server { status: 521..=523, .. })
    }

    /// Whether the request certainly did not happen (safe to repeat even a create).
    #[must_use]
    pub fn not_applied(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Unauthorized { .. } | Self::Validation { .. } | Self::Forbidden { .. }
        )
    }
}

/// A validation error in words: the refused fields' own messages when the server gave them
/// (v3 embeds them as JSON in its message; 2026-09 says only "The property values provided are
/// invalid"), else the message.
fn validation_text(message: &str, fields: &[FieldError]) -> String {
    crate::api::types::details_or(message, fields.iter().map(|f| f.message.as_str()))
}

fn first_line(body: &str, status: u16) -> String {
    let text = body.trim();
    if text.starts_with('<') {
        // An HTML page from the edge: say what it was, not the markup.
        return format!("HTTP {status} from HubSpot's edge (an HTML error page)");
    }
    let line = text.lines().next().unwrap_or("").chars().take(200).collect::<String>();
    if line.is_empty() { format!("HTTP {status}") } else { line }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_carry_fields() {
        let body = r#"{"status":"error","message":"Property values were not valid","correlationId":"x","category":"VALIDATION_ERROR",
            "errors":[{"message":"abc was not a valid number.","code":"INVALID_INTEGER","context":{"propertyName":["price"]}}]}"#;
        match Error::from_response(400, body) {
            Error::Validation { fields, .. } => {
                assert_eq!(fields[0].name, "price");
                assert_eq!(fields[0].code, "INVALID_INTEGER");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn html_and_empty_bodies_still_make_sense() {
        let e = Error::from_response(502, "<html><title>502 Bad Gateway</title></html>");
        assert!(e.to_string().contains("HTML error page"));
        assert_eq!(Error::from_response(404, ""), Error::NotFound { message: "HTTP 404".into() });
        assert!(
            matches!(Error::from_response(429, r#"{"policyName":"SECONDLY"}"#), Error::RateLimited { policy, .. } if policy == "SECONDLY")
        );
    }
}
