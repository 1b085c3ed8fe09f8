//! Bearer-token authentication: every route needs `Authorization: Bearer <token>`; when the
//! emulator was started with `--token`, only that token is accepted. The token itself is
//! never logged.

use axum::response::{IntoResponse, Response};

use super::error::EmuError;

/// Rejects requests without an acceptable bearer token.
/// The refusal of a request without the bearer token (`accepted`: the one token taken, or any
/// when `None`), else `None`.
#[must_use]
pub fn refusal(accepted: Option<&str>, headers: &axum::http::HeaderMap) -> Option<Response> {
    let header = headers.get(axum::http::header::AUTHORIZATION).and_then(|h| h.to_str().ok()).unwrap_or("");
    let token = bearer_token(header).unwrap_or("");
    if token.is_empty() {
        return Some(
            EmuError::unauthorized(
                "Authentication credentials not found. This API supports OAuth 2.0 authentication and private app access tokens: send Authorization: Bearer <token>.",
            )
            .into_response(),
        );
    }
    if let Some(expected) = accepted
        && !constant_time_eq(expected.as_bytes(), token.as_bytes())
    {
        return Some(
            EmuError::unauthorized("The access token used to make this call is not valid for this portal.")
                .into_response(),
        );
    }
    None
}

/// The token of an `Authorization: Bearer <token>` value; the scheme is case-insensitive
/// (RFC 9110 §11.1) and any run of spaces may follow it.
fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, rest) = header.trim_start().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim()).filter(|t| !t.is_empty())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn the_scheme_is_case_insensitive_and_the_token_trimmed() {
        for h in ["Bearer t", "bearer t", "BEARER t", "BeArEr   t  "] {
            assert_eq!(bearer_token(h), Some("t"), "{h}");
        }
        for h in ["", "Bearer", "Bearer   ", "Bearert", "Basic dDp0"] {
            assert_eq!(bearer_token(h), None, "{h}");
        }
    }
}
