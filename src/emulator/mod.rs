//! The local HubSpot-compatible CRM: an axum server over SQLite that speaks HubSpot's CRM
//! v3 HTTP API (objects, batches, merge, properties, schemas, pipelines, owners).
//!
//! `router(state)` builds the app: the routes (`routes/`) inside the middleware layers (journal,
//! body limits, auth, rate limits, faults, error shaping); `serve(listener, state)` runs it on
//! an already-bound listener so tests can bind `127.0.0.1:0`.
//!
//! Dependencies point one way: `routes/` (thin handlers) use the rules (`lookup`, `write`,
//! `project`, `associate`, `assoc_label`, `schema`, `propdef`) and `search/`, which use
//! `store/` (SQLite); `value.rs` (with `number.rs`, `email.rs`) is the value rules all of them
//! share. The store knows no one above it: it tells the search columns about writes through
//! `store::observe::WriteObserver`. `state.rs` holds what handlers are given.

pub mod assoc_label;
pub mod associate;
pub mod auth;
pub mod credentials;
pub mod email;
pub mod error;
pub mod faults;
pub mod gate;
pub mod http;
pub mod journal;
pub mod launch;
pub mod limits;
pub mod lookup;
pub mod number;
pub mod project;
pub mod propdef;
pub mod routes;
pub mod rules;
pub mod schema;
pub mod search;
pub mod seed;
pub mod server;
pub mod shape;
pub mod state;
pub mod store;
pub mod transport;
pub mod value;
pub mod write;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;

pub use server::ServeOptions;
pub use state::EmuState;
pub use store::Store;

/// The whole HTTP app.
pub fn router(state: EmuState) -> Router {
    router_wrapped(state, |r| r)
}

/// The whole HTTP app with `wrap` around the routes, inside the way in (a replica's upstream
/// sits there: past the token, before the routes).
pub fn router_wrapped(state: EmuState, wrap: impl FnOnce(Router<EmuState>) -> Router<EmuState>) -> Router {
    // One way in for every request (journal, body limit, token, rate limits, faults, the
    // router's refusals shaped), inside the body limit.
    let gate = std::sync::Arc::new(gate::Gate {
        journal: state.journal.clone(),
        token: state.token.clone(),
        limiter: state.limiter.clone(),
        faults: state.faults.clone(),
        store: state.store.clone(),
    });
    wrap(routes::router())
        .layer(axum::middleware::from_fn_with_state(gate, gate::gate))
        .layer(DefaultBodyLimit::max(transport::MAX_BODY_BYTES))
        .with_state(state)
}

/// Serves the app on `listener` with the default client timeouts until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: EmuState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, ServeOptions::default(), shutdown).await
}

/// Serves the app on `listener` with these client timeouts until `shutdown` resolves.
pub async fn serve_with(
    listener: TcpListener,
    state: EmuState,
    options: ServeOptions,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    server::run(listener, router(state), options, shutdown).await
}
