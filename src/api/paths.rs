//! The one place the client's request paths are built: from the API a call belongs to, the
//! API version the client speaks and the rest of the path. HubSpot's legacy paths put the
//! version after the product (`/crm/v3/objects/…`, `/crm/v4/associations/…`); its date-based
//! versions put it after the API's name (`/crm/objects/2026-09/…`,
//! `/crm-object-schemas/2026-09/schemas`). Where a call is missing from a version — the
//! per-record association listing is not in 2026-09 GA — the table in [`served`] names the
//! newest version that has it.

/// The APIs the client calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Records, batches, search, merge (`objects/{type}…`).
    Objects,
    /// Property definitions (`properties/{type}`).
    Properties,
    /// Pipelines and their stages (`pipelines/{type}`).
    Pipelines,
    /// The portal's users (`owners`).
    Owners,
    /// Custom object schemas.
    Schemas,
    /// Association labels and batches between types (`associations/{from}/{to}/…`).
    Associations,
    /// One record's associations (`objects/{type}/{id}/associations/…`).
    RecordAssociations,
    /// The account (portal id, time zone).
    AccountInfo,
    /// Property validation rules (`property-validations/{objectTypeId}`).
    PropertyValidations,
}

/// The versions of HubSpot's API the client can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiVersion {
    /// v3 (v4 for associations), unsupported from September 2027 (v4 from 2027-03-30).
    Legacy,
    /// The date-based version GA on 2026-03-30.
    D2026_03,
    /// The date-based version GA on 2026-09-08: the newest GA, the default.
    #[default]
    D2026_09,
}

impl ApiVersion {
    /// The version as it appears in paths and configuration (`v3`, `2026-03`, `2026-09`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Legacy => "v3",
            Self::D2026_03 => "2026-03",
            Self::D2026_09 => "2026-09",
        }
    }

    /// What speaking this version means for the user, in a few words (help shows it).
    #[must_use]
    pub const fn summary(self) -> &'static str {
        match self {
            Self::Legacy => "v3 paths, write rules UI-only; unsupported from September 2027",
            Self::D2026_03 => "dated paths, write rules UI-only",
            Self::D2026_09 => "dated paths; HubSpot enforces the portal's write rules on every write",
        }
    }

    /// A version by its name (`v3`, `2026-03`, `2026-09`).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Legacy, Self::D2026_03, Self::D2026_09].into_iter().find(|v| v.as_str() == s.trim())
    }
}

/// The version a call is made in when the client speaks `wanted`: the same, unless the
/// call is missing from it (then the newest version that has it).
#[must_use]
pub const fn served(api: Api, wanted: ApiVersion) -> ApiVersion {
    match (api, wanted) {
        // Not in the 2026-09 GA Associations spec (only in 2026-03 and 2026-09-beta).
        (Api::RecordAssociations, ApiVersion::D2026_09) => ApiVersion::D2026_03,
        (_, v) => v,
    }
}

/// The path of a call: `rest` follows the API's own segment (a type, `{type}/batch/read`,
/// or empty).
#[must_use]
pub fn path(api: Api, wanted: ApiVersion, rest: &str) -> String {
    let version = served(api, wanted);
    let tail = if rest.is_empty() { String::new() } else { format!("/{rest}") };
    match version {
        ApiVersion::Legacy => match api {
            Api::Objects => format!("/crm/v3/objects{tail}"),
            Api::Properties => format!("/crm/v3/properties{tail}"),
            Api::Pipelines => format!("/crm/v3/pipelines{tail}"),
            Api::Owners => format!("/crm/v3/owners{tail}"),
            Api::Schemas => format!("/crm/v3/schemas{tail}"),
            Api::Associations => format!("/crm/v4/associations{tail}"),
            Api::RecordAssociations => format!("/crm/v4/objects{tail}"),
            Api::AccountInfo => format!("/account-info/v3{tail}"),
            Api::PropertyValidations => format!("/crm/v3/property-validations{tail}"),
        },
        dated => {
            let d = dated.as_str();
            match api {
                Api::Objects | Api::RecordAssociations => format!("/crm/objects/{d}{tail}"),
                Api::Properties => format!("/crm/properties/{d}{tail}"),
                Api::Pipelines => format!("/crm/pipelines/{d}{tail}"),
                Api::Owners => format!("/crm/owners/{d}{tail}"),
                Api::Schemas => format!("/crm-object-schemas/{d}/schemas{tail}"),
                Api::Associations => format!("/crm/associations/{d}{tail}"),
                Api::AccountInfo => format!("/account-info/{d}{tail}"),
                Api::PropertyValidations => format!("/crm/property-validations/{d}{tail}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_paths_are_the_v3_and_v4_ones() {
        let v = ApiVersion::Legacy;
        assert_eq!(path(Api::Objects, v, "cars/batch/read"), "/crm/v3/objects/cars/batch/read");
        assert_eq!(path(Api::Properties, v, "cars"), "/crm/v3/properties/cars");
        assert_eq!(path(Api::Schemas, v, ""), "/crm/v3/schemas");
        assert_eq!(path(Api::Owners, v, ""), "/crm/v3/owners");
        assert_eq!(path(Api::Associations, v, "cars/contacts/labels"), "/crm/v4/associations/cars/contacts/labels");
        assert_eq!(
            path(Api::RecordAssociations, v, "cars/1/associations/contacts/2"),
            "/crm/v4/objects/cars/1/associations/contacts/2"
        );
        assert_eq!(path(Api::AccountInfo, v, "details"), "/account-info/v3/details");
        assert_eq!(path(Api::PropertyValidations, v, "2-1"), "/crm/v3/property-validations/2-1");
    }

    #[test]
    fn dated_paths_put_the_version_after_the_apis_name() {
        let v = ApiVersion::D2026_09;
        assert_eq!(path(Api::Objects, v, "2-1/search"), "/crm/objects/2026-09/2-1/search");
        assert_eq!(path(Api::Properties, v, "cars"), "/crm/properties/2026-09/cars");
        assert_eq!(path(Api::Pipelines, v, "deals"), "/crm/pipelines/2026-09/deals");
        assert_eq!(path(Api::Owners, v, ""), "/crm/owners/2026-09");
        assert_eq!(path(Api::Schemas, v, ""), "/crm-object-schemas/2026-09/schemas");
        assert_eq!(path(Api::Associations, v, "a/b/batch/create"), "/crm/associations/2026-09/a/b/batch/create");
        assert_eq!(path(Api::PropertyValidations, v, "2-1"), "/crm/property-validations/2026-09/2-1");
    }

    #[test]
    fn a_call_missing_from_a_version_uses_the_newest_that_has_it() {
        assert_eq!(
            path(Api::RecordAssociations, ApiVersion::D2026_09, "cars/1/associations/contacts"),
            "/crm/objects/2026-03/cars/1/associations/contacts"
        );
        assert_eq!(served(Api::Objects, ApiVersion::D2026_09), ApiVersion::D2026_09);
    }

    #[test]
    fn versions_read_as_configuration_writes_them() {
        for v in [ApiVersion::Legacy, ApiVersion::D2026_03, ApiVersion::D2026_09] {
            assert_eq!(ApiVersion::parse(v.as_str()), Some(v));
        }
        assert_eq!(ApiVersion::parse("2027-03"), None);
    }
}
