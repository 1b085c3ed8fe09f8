//! One rule for which request parameters may carry a credential, shared by everything that
//! could echo a request back: paging links leave them out, the journal redacts them.

/// Names that are credentials whole (after lowercasing and dropping `-`/`_`).
const WHOLE: &[&str] = &["key", "code", "auth", "sig", "pass", "pwd", "jwt", "bearer", "session", "sessionid", "otp"];

/// Parts that make any name a credential (after lowercasing and dropping `-`/`_`).
const PARTS: &[&str] =
    &["token", "secret", "passw", "apikey", "credential", "authorization", "privatekey", "accesskey", "signature"];

/// Whether a query parameter named `name` may carry a credential: `hapikey`, `access_token`,
/// `api_key`, `password`, `client_secret`, `X-Api-Key`, `key`, `code`, …, in any case.
#[must_use]
pub fn is_credential(name: &str) -> bool {
    let folded: String = name.chars().filter(|c| !matches!(c, '-' | '_' | '.')).flat_map(char::to_lowercase).collect();
    WHOLE.contains(&folded.as_str()) || PARTS.iter().any(|p| folded.contains(p))
}

#[cfg(test)]
mod tests {
    use super::is_credential;

    #[test]
    fn credential_names_in_any_case_and_spelling() {
        for n in [
            "hapikey",
            "HAPIKEY",
            "access_token",
            "accessToken",
            "api_key",
            "API-KEY",
            "apikey",
            "password",
            "Passwd",
            "client_secret",
            "refresh_token",
            "id_token",
            "token",
            "key",
            "code",
            "auth",
            "Authorization",
            "x-api-key",
            "aws_secret_access_key",
            "signature",
        ] {
            assert!(is_credential(n), "{n}");
        }
    }

    #[test]
    fn hubspot_parameters_are_not_credentials() {
        for n in [
            "limit",
            "after",
            "properties",
            "propertiesWithHistory",
            "associations",
            "archived",
            "idProperty",
            "email",
            "locale",
            "dataSensitivity",
        ] {
            assert!(!is_credential(n), "{n}");
        }
    }
}
