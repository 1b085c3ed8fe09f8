//! The portal's account details on a replica: its time zone, currency and web UI domain
//! (`app-eu1.hubspot.com` for an EU portal) are the portal's, not the local CRM's. They are
//! read from the portal and kept in the replica; when the portal cannot be reached the kept
//! copy answers, and before any was kept the local CRM does (the portal's id, defaults).

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use super::{Upstream, body_of, pass_on, respond};
use crate::api::client::{Answer, Safety};
use crate::emulator::store::defs::{meta, set_meta};

/// Where the portal's last answer is kept (dropped by a masked copy, like every `replica_` key).
const KEY: &str = "replica_account";
/// How long the portal is given to answer before the kept copy does.
const WAIT: std::time::Duration = std::time::Duration::from_secs(3);

pub async fn details(up: &Upstream, req: Request, next: Next) -> Response {
    let (parts, body) = match body_of(req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    // A portal that does not answer soon is taken as unreachable: the kept copy answers.
    let asked = if up.is_down() {
        None
    } else {
        let asked = tokio::time::timeout(WAIT, pass_on(up, &parts, &body, Safety::Repeatable, false)).await;
        if asked.is_err() {
            up.mark_down();
        }
        asked.ok()
    };
    if let Some(Ok(a)) = asked
        && (200..300).contains(&a.status)
    {
        let text = a.text.clone();
        if let Err(e) = up.store.write_blocking(move |tx, _| set_meta(tx, KEY, &text)) {
            tracing::warn!(error = %e, "keeping the portal's account details failed");
        }
        return respond(&a);
    }
    match up.store.read_blocking(|conn, _| meta(conn, KEY)) {
        Ok(Some(text)) => respond(&Answer { status: 200, text }),
        _ => next.run(Request::from_parts(parts, Body::from(body))).await,
    }
}
