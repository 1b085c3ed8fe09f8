//! Where a request to a replica goes, pure: answered from the replica, or passed on to the
//! portal (and what to read back into the replica afterwards). Every path HubSpot serves the
//! CRM at (v3/v4 and the date-based versions) is read the same way.

/// What kind of write a passed-on request is, for reading its results back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// Creates, updates, upserts: the records in the answer (`id`, or `results[].id`); `links`
    /// when the request set associations too.
    Records { object_type: String, links: bool },
    /// Archives: the ids named in the path or the body (`inputs[].id`, `objectId`).
    Archive { object_type: String, path_id: Option<String> },
    /// A merge: the answer is the winner, the body names the one merged away.
    Merge { object_type: String },
    /// Associations between two types: the `from` ids and the `to` ids (path or body).
    Links { from: String, to: String, path_ids: Option<(String, String)> },
    /// Definitions of a type (properties, groups, pipelines, validation rules, labels), or of
    /// every type (schemas).
    Definitions { object_type: Option<String> },
    /// Something else: passed on, nothing read back.
    Other,
}

/// Where one request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A read of the types in `types` (all of them must be held to answer locally).
    Read { types: Vec<String>, history: Option<(String, String)> },
    /// A write: to the portal first.
    Write(Write),
    /// Local only (the local CRM's own admin paths, owners).
    Local,
    /// The portal's account details: the portal's answer, kept for when it cannot be reached.
    Account,
    /// A read only the portal can answer: the look-up of a create by its
    /// `hs_unique_creation_key` after an ambiguous failure (the replica cannot know yet).
    Portal,
}

const OBJECTS: [&str; 4] = ["/crm/v3/objects/", "/crm/objects/2026-03/", "/crm/objects/2026-09/", "/crm/v4/objects/"];
const ASSOCIATIONS: [&str; 4] =
    ["/crm/v4/associations/", "/crm/associations/v4/", "/crm/associations/2026-03/", "/crm/associations/2026-09/"];
const PROPERTIES: [&str; 3] = ["/crm/v3/properties/", "/crm/properties/2026-03/", "/crm/properties/2026-09/"];
const PIPELINES: [&str; 3] = ["/crm/v3/pipelines/", "/crm/pipelines/2026-03/", "/crm/pipelines/2026-09/"];
const VALIDATIONS: [&str; 3] =
    ["/crm/v3/property-validations/", "/crm/property-validations/2026-03/", "/crm/property-validations/2026-09/"];
const SCHEMAS: [&str; 4] = [
    "/crm/v3/schemas",
    "/crm-object-schemas/v3/schemas",
    "/crm-object-schemas/2026-03/schemas",
    "/crm-object-schemas/2026-09/schemas",
];

fn after<'a>(path: &'a str, prefixes: &[&str]) -> Option<Vec<&'a str>> {
    prefixes.iter().find_map(|p| path.strip_prefix(p)).map(|rest| rest.split('/').filter(|s| !s.is_empty()).collect())
}

/// Where a request goes. `query` is the raw query string (for `propertiesWithHistory`).
#[must_use]
pub fn route(method: &str, path: &str, query: &str) -> Route {
    let read = method == "GET" || method == "HEAD";
    if let Some(segs) = after(path, &OBJECTS) {
        return objects(method, &segs, query);
    }
    if let Some(segs) = after(path, &ASSOCIATIONS) {
        return associations(read, &segs);
    }
    for prefixes in [&PROPERTIES[..], &PIPELINES[..], &VALIDATIONS[..]] {
        if let Some(segs) = after(path, prefixes) {
            let ty = segs.first().map(|s| (*s).to_owned());
            // Reading properties by name in a batch is a read.
            if read || segs.get(1..) == Some(&["batch", "read"][..]) {
                return Route::Read { types: ty.into_iter().collect(), history: None };
            }
            return Route::Write(Write::Definitions { object_type: ty });
        }
    }
    if read && path.starts_with("/account-info/") {
        return Route::Account;
    }
    if SCHEMAS.iter().any(|p| path.starts_with(p)) {
        return if read { Route::Local } else { Route::Write(Write::Definitions { object_type: None }) };
    }
    if read { Route::Local } else { Route::Write(Write::Other) }
}

/// The object type a records path names (`/crm/v3/objects/cars/batch/read` → `cars`).
#[must_use]
pub fn object_type_of(path: &str) -> Option<String> {
    after(path, &OBJECTS)?.first().map(|s| (*s).to_owned())
}

fn objects(method: &str, segs: &[&str], query: &str) -> Route {
    let Some(ty) = segs.first().map(|s| (*s).to_owned()) else { return Route::Local };
    let read = |types: Vec<String>| Route::Read { types, history: None };
    let write = |w: Write| Route::Write(w);
    match (method, &segs[1..]) {
        ("GET" | "HEAD", [_]) if query.split('&').any(|kv| kv == "idProperty=hs_unique_creation_key") => Route::Portal,
        ("GET" | "HEAD", [id]) if query.split('&').any(|kv| kv.starts_with("propertiesWithHistory=")) => {
            Route::Read { types: vec![ty.clone()], history: Some((ty, (*id).to_owned())) }
        }
        ("GET" | "HEAD", [_, "associations", to, ..]) => read(vec![ty, (*to).to_owned()]),
        ("GET" | "HEAD", _) | ("POST", ["search"] | ["batch", "read"]) => read(vec![ty]),
        ("POST", []) => write(Write::Records { object_type: ty, links: true }),
        ("PATCH", [_]) | ("POST", ["batch", "update"]) => write(Write::Records { object_type: ty, links: false }),
        ("POST", ["batch", "create" | "upsert"]) => write(Write::Records { object_type: ty, links: true }),
        ("DELETE", [id]) => write(Write::Archive { object_type: ty, path_id: Some((*id).to_owned()) }),
        ("POST", ["batch", "archive"] | ["gdpr-delete"]) => write(Write::Archive { object_type: ty, path_id: None }),
        ("POST", ["merge"]) => write(Write::Merge { object_type: ty }),
        ("PUT" | "DELETE", [id, "associations", "default", to, to_id])
        | ("PUT" | "DELETE", [id, "associations", to, to_id, ..]) => write(Write::Links {
            from: ty,
            to: (*to).to_owned(),
            path_ids: Some(((*id).to_owned(), (*to_id).to_owned())),
        }),
        _ => write(Write::Other),
    }
}

fn associations(read: bool, segs: &[&str]) -> Route {
    let (Some(from), Some(to)) = (segs.first(), segs.get(1)) else { return Route::Local };
    let types = vec![(*from).to_owned(), (*to).to_owned()];
    match (read, &segs[2..]) {
        (true, _) | (false, ["batch", "read"]) => Route::Read { types, history: None },
        (false, ["labels", ..]) => Route::Write(Write::Definitions { object_type: Some((*from).to_owned()) }),
        (false, ["batch", ..]) => {
            Route::Write(Write::Links { from: (*from).to_owned(), to: (*to).to_owned(), path_ids: None })
        }
        _ => Route::Write(Write::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(method: &str, path: &str) -> Write {
        match route(method, path, "") {
            Route::Write(w) => w,
            other => panic!("{method} {path}: {other:?}"),
        }
    }

    #[test]
    fn reads_are_local_in_every_version() {
        for p in ["/crm/v3/objects/cars", "/crm/objects/2026-09/cars/12", "/crm/objects/2026-03/cars/12"] {
            assert_eq!(route("GET", p, "properties=a"), Route::Read { types: vec!["cars".into()], history: None });
        }
        assert_eq!(
            route("POST", "/crm/objects/2026-09/2-1/search", ""),
            Route::Read { types: vec!["2-1".into()], history: None }
        );
        assert_eq!(
            route("POST", "/crm/v3/objects/cars/batch/read", "archived=true"),
            Route::Read { types: vec!["cars".into()], history: None }
        );
        assert_eq!(
            route("GET", "/crm/v4/objects/cars/7/associations/contacts", ""),
            Route::Read { types: vec!["cars".into(), "contacts".into()], history: None }
        );
        assert_eq!(route("GET", "/crm/v3/owners/", ""), Route::Local);
        assert_eq!(route("GET", "/__hubtui/journal", ""), Route::Local);
        assert_eq!(route("GET", "/account-info/2026-09/details", ""), Route::Account);
        assert_eq!(
            route("POST", "/crm/v3/properties/cars/batch/read", ""),
            Route::Read { types: vec!["cars".into()], history: None }
        );
    }

    #[test]
    fn the_look_up_of_a_create_by_its_key_asks_the_portal() {
        assert_eq!(route("GET", "/crm/v3/objects/cars/k-1", "idProperty=hs_unique_creation_key"), Route::Portal);
        assert_eq!(
            route("GET", "/crm/v3/objects/cars/V1", "idProperty=vin"),
            Route::Read { types: vec!["cars".into()], history: None }
        );
    }

    #[test]
    fn a_record_read_with_history_names_the_record() {
        assert_eq!(
            route("GET", "/crm/objects/2026-09/cars/12", "properties=a&propertiesWithHistory=a"),
            Route::Read { types: vec!["cars".into()], history: Some(("cars".into(), "12".into())) }
        );
    }

    #[test]
    fn writes_say_what_to_read_back() {
        assert_eq!(w("POST", "/crm/v3/objects/cars"), Write::Records { object_type: "cars".into(), links: true });
        assert_eq!(
            w("PATCH", "/crm/objects/2026-09/cars/5"),
            Write::Records { object_type: "cars".into(), links: false }
        );
        assert_eq!(
            w("POST", "/crm/objects/2026-03/cars/batch/upsert"),
            Write::Records { object_type: "cars".into(), links: true }
        );
        assert_eq!(
            w("DELETE", "/crm/v3/objects/cars/5"),
            Write::Archive { object_type: "cars".into(), path_id: Some("5".into()) }
        );
        assert_eq!(
            w("POST", "/crm/v3/objects/cars/batch/archive"),
            Write::Archive { object_type: "cars".into(), path_id: None }
        );
        assert_eq!(w("POST", "/crm/v3/objects/contacts/merge"), Write::Merge { object_type: "contacts".into() });
        let link =
            Write::Links { from: "cars".into(), to: "contacts".into(), path_ids: Some(("5".into(), "9".into())) };
        assert_eq!(w("PUT", "/crm/v4/objects/cars/5/associations/contacts/9"), link);
        assert_eq!(w("DELETE", "/crm/v3/objects/cars/5/associations/contacts/9/car_to_contact"), link);
        assert_eq!(w("PUT", "/crm/objects/2026-09/cars/5/associations/default/contacts/9"), link);
        assert_eq!(
            w("POST", "/crm/associations/2026-09/cars/contacts/batch/archive"),
            Write::Links { from: "cars".into(), to: "contacts".into(), path_ids: None }
        );
        assert_eq!(
            w("POST", "/crm/v4/associations/cars/contacts/labels"),
            Write::Definitions { object_type: Some("cars".into()) }
        );
        assert_eq!(w("POST", "/crm/v3/properties/cars"), Write::Definitions { object_type: Some("cars".into()) });
        assert_eq!(
            w("PATCH", "/crm/pipelines/2026-09/deals/default"),
            Write::Definitions { object_type: Some("deals".into()) }
        );
        assert_eq!(w("POST", "/crm-object-schemas/2026-09/schemas"), Write::Definitions { object_type: None });
        assert_eq!(w("POST", "/somewhere/else"), Write::Other);
    }
}
