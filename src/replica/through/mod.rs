//! Working on a replica with writes going through to the portal: the local CRM serving a
//! replica gains an upstream. Reads, lists and searches of the types the replica holds are
//! answered locally (exact totals, any sort, no cap); everything else is passed on to the
//! portal through the one API client (paced, retried only when safe), and a write that
//! succeeds is read back from the portal into the replica before it is answered, so the next
//! read shows what the portal has. The app and the CLI talk to it like to any portal.
//!
//! A read sent with `Cache-Control: no-cache` (the save's conflict guard, undo's check) is
//! passed on too: it compares against the portal's current values, not the replica's.
//! [`route`] decides where a request goes, [`refresh`] reads writes back, [`history`] keeps
//! property histories as they are first read.

pub mod account;
pub mod history;
pub mod refresh;
pub mod route;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::sync::Arc;

use super::SyncError;
use super::defs::Chosen;
use super::state;
use crate::api::client::{Answer, Client, Safety};
use crate::api::error::Error as ApiError;
use crate::emulator::error::EmuError;
use crate::emulator::store::Store;
use crate::emulator::transport::MAX_BODY_BYTES;
use route::{Route, Write};

/// How long a portal that failed to answer is taken as unreachable.
const DOWN_MS: i64 = 30_000;

/// The portal a replica passes writes on to, and the replica.
#[derive(Debug)]
pub struct Upstream {
    pub client: Client,
    pub store: Store,
    /// The replica's types (as its catalog names them).
    held: Vec<String>,
    portal_id: i64,
    /// Refuse every write (a read-only profile).
    read_only: bool,
    /// Until when (ms) the portal is taken as unreachable: reads the replica can answer
    /// itself (histories, the account) do not wait on it meanwhile; writes still try.
    down_until: std::sync::atomic::AtomicI64,
}

impl Upstream {
    /// The upstream of a replica file; an error when the store is not a replica.
    pub fn new(client: Client, store: Store) -> Result<Self, SyncError> {
        let source = store.read_blocking(|conn, _| state::source(conn))?;
        let Some(source) = source else {
            return Err(SyncError::Usage("this database is not a replica (no `hubtui sync` wrote it)".into()));
        };
        Ok(Self {
            client,
            store,
            held: source.types,
            portal_id: source.portal_id,
            read_only: false,
            down_until: std::sync::atomic::AtomicI64::new(0),
        })
    }

    /// Refuses every write when `on` (a read-only profile), before anything reaches the portal.
    #[must_use]
    pub fn read_only(mut self, on: bool) -> Self {
        self.read_only = on;
        self
    }

    /// Takes the portal as unreachable for the next 30 s (it failed to answer).
    pub fn mark_down(&self) {
        self.down_until.store(crate::timefmt::now_ms() + DOWN_MS, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether the portal failed to answer in the last 30 s.
    #[must_use]
    pub fn is_down(&self) -> bool {
        crate::timefmt::now_ms() < self.down_until.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The portal the replica copies.
    #[must_use]
    pub fn portal_id(&self) -> i64 {
        self.portal_id
    }

    /// Whether the replica holds the type a path names (by name, type id or qualified name).
    #[must_use]
    pub fn holds(&self, key: &str) -> bool {
        self.store.catalog().resolve(key).is_some_and(|t| self.held.contains(&t.def.name))
    }

    /// A held type, with every property the replica keeps.
    #[must_use]
    pub fn held_type(&self, key: &str) -> Option<Chosen> {
        let cat = self.store.catalog();
        cat.resolve(key).filter(|t| self.held.contains(&t.def.name)).map(refresh::chosen_of)
    }

    /// Every held type.
    #[must_use]
    pub fn held_types(&self) -> Vec<Chosen> {
        self.held.iter().filter_map(|n| self.held_type(n)).collect()
    }
}

/// The middleware: local answers for held reads, the portal for the rest.
pub async fn through(State(up): State<Arc<Upstream>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let query = req.uri().query().unwrap_or_default().to_owned();
    let fresh = wants_fresh(req.headers());
    match route::route(req.method().as_str(), &path, &query) {
        Route::Local => next.run(req).await,
        Route::Account => account::details(&up, req, next).await,
        // The look-up of a create answers one record: the replica gets it too.
        Route::Portal => pass_read(&up, req, true).await,
        Route::Read { types, history } => {
            if fresh || !types.iter().all(|t| up.holds(t)) {
                return pass_read(&up, req, fresh).await;
            }
            if let Some((ty, id)) = history {
                return history_get(&up, req, next, &ty, &id, &query).await;
            }
            if req.method() == axum::http::Method::POST && path.ends_with("/batch/read") {
                return batch_read(&up, req, next, &types[0]).await;
            }
            next.run(req).await
        }
        Route::Write(_) if up.read_only => EmuError::new(
            StatusCode::FORBIDDEN,
            "READ_ONLY",
            "this profile is marked read_only in config.toml: the replica passes no writes on",
        )
        .into_response(),
        Route::Write(w) => write(&up, req, w).await,
    }
}

fn wants_fresh(headers: &HeaderMap) -> bool {
    headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("no-cache"))
}

/// The request's body, or the 400 to answer when it cannot be read.
async fn body_of(req: Request) -> Result<(axum::http::request::Parts, Bytes), Response> {
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(b) => Ok((parts, b)),
        Err(e) => Err(EmuError::validation(format!("the request body could not be read: {e}")).into_response()),
    }
}

/// Sends a request on to the portal as it came (`writing`: a failure says nothing was written).
async fn pass_on(
    up: &Upstream,
    parts: &axum::http::request::Parts,
    body: &[u8],
    safety: Safety,
    writing: bool,
) -> Result<Answer, Response> {
    let path = match parts.uri.query() {
        Some(q) => format!("{}?{q}", parts.uri.path()),
        None => parts.uri.path().to_owned(),
    };
    let body = if body.is_empty() { None } else { Some(body) };
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).unwrap_or(reqwest::Method::GET);
    let answer = up.client.forward(&method, &path, &[], body, safety, &[]).await;
    match &answer {
        // Only after the client's retries: a create's lost answer (sent once) is no outage.
        Err(e) if e.unreachable() && safety == Safety::Repeatable => up.mark_down(),
        Err(_) => {}
        Ok(_) => up.down_until.store(0, std::sync::atomic::Ordering::Relaxed),
    }
    answer.map_err(|e| portal_failed(&e, writing))
}

fn respond(a: &Answer) -> Response {
    let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::BAD_GATEWAY);
    if a.text.is_empty() {
        return status.into_response();
    }
    (status, [(header::CONTENT_TYPE, "application/json;charset=utf-8")], Body::from(a.text.clone())).into_response()
}

/// The answer when the portal could not be reached (or kept refusing after the retries).
fn portal_failed(e: &ApiError, writing: bool) -> Response {
    let (status, category) = match e {
        ApiError::Unauthorized { .. } => (StatusCode::UNAUTHORIZED, "INVALID_AUTHENTICATION"),
        ApiError::Forbidden { .. } => (StatusCode::FORBIDDEN, "MISSING_SCOPES"),
        ApiError::NotFound { .. } => (StatusCode::NOT_FOUND, "OBJECT_NOT_FOUND"),
        ApiError::Validation { .. } => (StatusCode::BAD_REQUEST, "VALIDATION_ERROR"),
        ApiError::Conflict { .. } => (StatusCode::CONFLICT, "CONFLICT"),
        ApiError::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITS"),
        ApiError::Server { status, .. } => {
            (StatusCode::from_u16(*status).unwrap_or(StatusCode::BAD_GATEWAY), "INTERNAL_ERROR")
        }
        // Not a status the local client retries: the portal's client has retried already.
        ApiError::Network { .. } => (unreachable_status(521), "UPSTREAM_UNREACHABLE"),
        ApiError::Timeout(_) => (unreachable_status(522), "UPSTREAM_UNREACHABLE"),
        ApiError::Decode { .. } => (StatusCode::BAD_GATEWAY, "UPSTREAM_UNREACHABLE"),
    };
    let text = if e.unreachable() && writing {
        format!("the portal this replica copies cannot be reached ({e}); nothing was written")
    } else if e.unreachable() {
        format!("the portal this replica copies cannot be reached ({e})")
    } else {
        format!("the portal this replica copies: {e}")
    };
    EmuError::new(status, category, text).into_response()
}

/// HubSpot's own answers when it cannot reach its origin (521 down, 522 timed out).
fn unreachable_status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_GATEWAY)
}

/// A read the replica cannot answer (a type it does not hold) or must not (a fresh read):
/// the portal's answer; a fresh read also brings records found changed up to date.
async fn pass_read(up: &Upstream, req: Request, fresh: bool) -> Response {
    // A portal that just failed to answer is not waited on again for a read only it can
    // answer: the reader hears at once (a write still tries).
    if up.is_down() {
        let e = ApiError::Network { message: "it did not answer moments ago".into() };
        return portal_failed(&e, false);
    }
    let (parts, body) = match body_of(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let answer = match pass_on(up, &parts, &body, Safety::Repeatable, false).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    if fresh && (200..300).contains(&answer.status) {
        let ty = route::object_type_of(parts.uri.path());
        if let (Some(ty), Ok(v)) = (ty, serde_json::from_str::<Value>(&answer.text))
            && let Err(e) = freshen(up, &ty, &v).await
        {
            tracing::warn!(error = %e, "bringing changed records into the replica failed");
        }
    }
    respond(&answer)
}

/// Reads again the records of a portal answer (one record, or `results`) whose modification
/// time the replica lacks.
async fn freshen(up: &Upstream, ty: &str, answer: &Value) -> Result<(), SyncError> {
    let one = answer.get("id").map(|_| answer).into_iter();
    let seen: Vec<(i64, Option<i64>)> = answer
        .get("results")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(one)
        .filter_map(|r| {
            let id = r.get("id")?.as_str()?.parse().ok()?;
            Some((id, r.get("updatedAt").and_then(Value::as_str).and_then(crate::timefmt::ms_from_datetime)))
        })
        .collect();
    let stale = up.store.read_blocking(|conn, _| {
        let mut out = Vec::new();
        for (id, updated) in &seen {
            let held = crate::emulator::store::records::get(conn, *id)?;
            if held.is_none_or(|r| Some(r.updated_at) != *updated) {
                out.push(*id);
            }
        }
        Ok(out)
    })?;
    refresh::records(up, ty, &stale).await
}

/// A record read with history: local when the replica holds it, else the portal's answer,
/// kept.
async fn history_get(up: &Upstream, req: Request, next: Next, ty: &str, id: &str, query: &str) -> Response {
    let names = history::names_in_query(query);
    let id_property = query.split('&').any(|kv| kv.starts_with("idProperty="));
    let held = match id.parse::<i64>() {
        Ok(n) if !id_property => up.store.read_blocking(|conn, _| history::held(conn, &[n], &names)).unwrap_or(false),
        _ => false,
    };
    // Offline the replica answers with the history it has (kept, or the current version).
    if held || up.is_down() {
        return next.run(req).await;
    }
    let (parts, body) = match body_of(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let answer = match pass_on(up, &parts, &body, Safety::Repeatable, false).await {
        Ok(a) => a,
        Err(_) if up.is_down() => return next.run(Request::from_parts(parts, Body::from(body))).await,
        Err(r) => return r,
    };
    if (200..300).contains(&answer.status)
        && let Ok(o) = serde_json::from_str::<crate::model::SimplePublicObject>(&answer.text)
        && let Err(e) = keep_history(up, ty, std::slice::from_ref(&o)).await
    {
        tracing::warn!(error = %e, "keeping a history in the replica failed");
    }
    respond(&answer)
}

/// Brings records read from the portal up to date in the replica, then keeps their histories.
async fn keep_history(up: &Upstream, ty: &str, read: &[crate::model::SimplePublicObject]) -> Result<(), SyncError> {
    let answer = serde_json::json!({ "results": read });
    freshen(up, ty, &answer).await?;
    up.store.write_blocking(|tx, _| {
        for o in read {
            history::keep(tx, o)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `batch/read` of a held type: local, unless it asks for histories the replica lacks.
async fn batch_read(up: &Upstream, req: Request, next: Next, ty: &str) -> Response {
    let (parts, body) = match body_of(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let input: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let names: Vec<String> = input
        .get("propertiesWithHistory")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let ids = refresh::body_ids(&input);
    let by_id = input.get("idProperty").and_then(Value::as_str).is_none_or(|p| p == "hs_object_id");
    let local = names.is_empty()
        || up.is_down()
        || (by_id && up.store.read_blocking(|conn, _| history::held(conn, &ids, &names)).unwrap_or(false));
    if local {
        return next.run(Request::from_parts(parts, Body::from(body))).await;
    }
    let answer = match pass_on(up, &parts, &body, Safety::Repeatable, false).await {
        Ok(a) => a,
        Err(_) if up.is_down() => return next.run(Request::from_parts(parts, Body::from(body))).await,
        Err(r) => return r,
    };
    if (200..300).contains(&answer.status)
        && let Ok(batch) = serde_json::from_str::<crate::api::objects::Batch>(&answer.text)
        && let Err(e) = keep_history(up, ty, &batch.results).await
    {
        tracing::warn!(error = %e, "keeping histories in the replica failed");
    }
    respond(&answer)
}

/// A write: to the portal first; on success what it changed is read back into the replica.
async fn write(up: &Upstream, req: Request, w: Write) -> Response {
    let (parts, body) = match body_of(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    // Creates and merges are sent once when it is unclear whether the portal applied them.
    let path = parts.uri.path();
    let post = parts.method == axum::http::Method::POST;
    let once = post
        && (matches!(&w, Write::Merge { .. } | Write::Other)
            || path.ends_with("/batch/create")
            || (matches!(&w, Write::Records { .. }) && !path.contains("/batch/")));
    let safety = if once { Safety::Once } else { Safety::Repeatable };
    let answer = match pass_on(up, &parts, &body, safety, true).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    if (200..300).contains(&answer.status) {
        let sent: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let got: Value = serde_json::from_str(&answer.text).unwrap_or(Value::Null);
        if let Err(e) = read_back(up, &w, &sent, &got).await {
            tracing::warn!(error = %e, "reading a write back into the replica failed; the next sync brings it");
        }
    }
    respond(&answer)
}

/// What a successful write changed, read back from the portal.
async fn read_back(up: &Upstream, w: &Write, sent: &Value, got: &Value) -> Result<(), SyncError> {
    match w {
        Write::Records { object_type, links } => {
            let ids = refresh::answer_ids(got);
            refresh::records(up, object_type, &ids).await?;
            if *links && refresh::sets_links(sent) {
                refresh::all_links(up, object_type, &ids).await?;
            }
        }
        Write::Archive { object_type, path_id } => {
            let ids = match path_id {
                Some(id) => id.parse().into_iter().collect(),
                None => refresh::body_ids(sent),
            };
            refresh::records(up, object_type, &ids).await?;
        }
        Write::Merge { object_type } => {
            let winner = refresh::answer_ids(got).first().copied();
            let loser =
                refresh::body_ids(&serde_json::json!({ "objectId": sent.get("objectIdToMerge") })).first().copied();
            if let (Some(winner), Some(loser)) = (winner, loser) {
                refresh::merge(up, object_type, winner, loser).await?;
            }
        }
        Write::Links { from, to, path_ids } => {
            let (f, t) = match path_ids {
                Some((a, b)) => (a.parse().into_iter().collect(), b.parse().into_iter().collect()),
                None => refresh::link_ids(sent),
            };
            refresh::links(up, from, to, &f, &t).await?;
        }
        Write::Definitions { object_type } => refresh::definitions(up, object_type.as_deref()).await?,
        Write::Other => {}
    }
    Ok(())
}
