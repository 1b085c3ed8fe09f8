//! The local HubSpot-compatible CRM: an axum server over SQLite that speaks HubSpot's CRM
//! v3 HTTP API (objects, batches, merge, properties, schemas, pipelines, owners).
//!
//! `router(state)` builds the app; `serve(listener, state)` runs it on an already-bound
//! listener so tests can bind `127.0.0.1:0`.

pub mod associate;
pub mod auth;
pub mod credentials;
pub mod email;
pub mod error;
pub mod faults;
pub mod http;
pub mod journal;
pub mod launch;
pub mod limits;
pub mod number;
pub mod project;
pub mod propdef;
pub mod routes;
pub mod search;
pub mod seed;
pub mod server;
pub mod shape;
pub mod store;
pub mod transport;
pub mod value;
pub mod write;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;

pub use server::ServeOptions;
pub use store::Store;

/// Shared state of the server: the store and the accepted token (if restricted).
#[derive(Clone)]
pub struct EmuState {
    pub store: Store,
    pub token: Option<Arc<str>>,
    /// The search columns, kept in step with `store` as its write observer.
    pub search_cache: Arc<search::SearchCache>,
    pub search_limits: search::SearchLimits,
    /// HubSpot's rate limits, when on.
    pub limiter: Option<Arc<limits::Limiter>>,
    pub faults: Arc<faults::Faults>,
    pub journal: Arc<journal::Journal>,
}

impl std::fmt::Debug for EmuState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmuState")
            .field("store", &self.store)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl EmuState {
    /// State over a store; `token` restricts access to one bearer token.
    #[must_use]
    pub fn new(store: Store, token: Option<String>) -> Self {
        let search_cache = Arc::new(search::SearchCache::default());
        let observer: Arc<dyn store::WriteObserver> = search_cache.clone();
        store.observe(&observer);
        Self {
            store,
            token: token.map(Arc::from),
            search_cache,
            search_limits: search::SearchLimits::default(),
            limiter: None,
            faults: Arc::default(),
            journal: Arc::default(),
        }
    }

    /// Turns HubSpot's rate limits on.
    #[must_use]
    pub fn with_rate_limits(mut self, limits: limits::RateLimits) -> Self {
        let portal = self.store.catalog().portal_id;
        self.limiter = Some(Arc::new(limits::Limiter::new(limits, portal)));
        self
    }
}

/// The whole HTTP app.
pub fn router(state: EmuState) -> Router {
    // Layers run outside-in from the last one added: journal, body limits, auth, rate limits,
    // faults, and the shaping of the router's own plain-text refusals.
    routes::router()
        .layer(axum::middleware::from_fn(shape::hubspot_errors))
        .layer(axum::middleware::from_fn_with_state(state.clone(), faults::inject))
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::enforce))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::require_bearer))
        .layer(axum::middleware::from_fn(transport::limit_bodies))
        .layer(axum::middleware::from_fn_with_state(state.clone(), journal::record))
        .layer(DefaultBodyLimit::max(http::MAX_BODY_BYTES))
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
