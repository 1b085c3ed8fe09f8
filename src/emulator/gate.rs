//! Every request's way in, as one middleware: the journal, the URI and body limits, the bearer token,
//! the rate limits, the fault rules and the shaping of the router's plain refusals, in that
//! order, each as it was when it was a layer of its own (six `from_fn` layers cost a GET a
//! third of its time).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::faults::Faults;
use super::journal::Journal;
use super::limits::{self, Limiter};
use super::store::Store;
use super::{auth, faults, transport};

/// What the way in needs.
#[derive(Debug)]
pub struct Gate {
    pub journal: Arc<Journal>,
    /// The one token taken, or any when `None`.
    pub token: Option<Arc<str>>,
    pub limiter: Option<Arc<Limiter>>,
    pub faults: Arc<Faults>,
    pub store: Store,
}

/// The middleware.
pub async fn gate(State(g): State<Arc<Gate>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let uri = req.uri().clone();
    let refused = transport::uri_refusal(&uri).or_else(|| transport::body_refusal(req.headers()));
    let mut resp = match refused {
        Some(refused) => refused,
        None => admitted(&g, req, next).await,
    };
    transport::close_on_refusal(&mut resp);
    g.journal.record(&method, &uri, resp.status().as_u16(), started);
    resp
}

/// Past the body limit: the token, the rate limits, then the faults around the router.
async fn admitted(g: &Gate, req: Request, next: Next) -> Response {
    if let Some(refused) = auth::refusal(g.token.as_deref(), req.headers()) {
        return refused;
    }
    let stamp = match g.limiter.as_deref().map(|l| (l, limits::admit(l, &req))) {
        Some((l, Err(why))) => return limits::refused(l, why),
        Some((_, Ok(stamp))) => stamp,
        None => None,
    };
    let mut resp = faults::inject(&g.faults, &g.store, req, next).await;
    if let (Some(l), Some(s)) = (g.limiter.as_deref(), stamp) {
        limits::stamp(&mut resp, l, s);
    }
    resp
}
