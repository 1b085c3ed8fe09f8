//! The sentence a user sees when a request fails: one wording for every effect (never the
//! token; the details go to the log).

use crate::api::Error;

/// The sentence a user sees for an API error (never the token; details go to the log).
#[must_use]
pub fn error_text(e: &Error) -> String {
    tracing::warn!(error = %e, "request failed");
    match e {
        Error::Unauthorized { .. } => {
            "Token rejected (401) — set HUBSPOT_ACCESS_TOKEN or the profile's token (hubtui --help), or run without one for the local demo"
                .into()
        }
        Error::Network { .. } | Error::Timeout(_) => format!("Cannot reach the portal: {e}"),
        other => other.to_string(),
    }
}
