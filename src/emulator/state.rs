//! [`EmuState`], what every handler is given: the store, the search columns kept in step with
//! it, and the settings and shared parts of the middleware (token, limits, faults, journal).

use std::sync::Arc;

use super::faults::Faults;
use super::journal::Journal;
use super::limits::{Limiter, RateLimits};
use super::search::{SearchCache, SearchLimits};
use super::store::{Store, WriteObserver};

/// Shared state of the server: the store and the accepted token (if restricted).
#[derive(Clone)]
pub struct EmuState {
    pub store: Store,
    pub token: Option<Arc<str>>,
    /// The search columns, kept in step with `store` as its write observer.
    pub search_cache: Arc<SearchCache>,
    pub search_limits: SearchLimits,
    /// HubSpot's rate limits, when on.
    pub limiter: Option<Arc<Limiter>>,
    pub faults: Arc<Faults>,
    pub journal: Arc<Journal>,
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
        let search_cache = Arc::new(SearchCache::default());
        let observer: Arc<dyn WriteObserver> = search_cache.clone();
        store.observe(&observer);
        Self {
            store,
            token: token.map(Arc::from),
            search_cache,
            search_limits: SearchLimits::default(),
            limiter: None,
            faults: Arc::default(),
            journal: Arc::default(),
        }
    }

    /// Turns HubSpot's rate limits on.
    #[must_use]
    pub fn with_rate_limits(mut self, limits: RateLimits) -> Self {
        let portal = self.store.catalog().portal_id;
        self.limiter = Some(Arc::new(Limiter::new(limits, portal)));
        self
    }
}
