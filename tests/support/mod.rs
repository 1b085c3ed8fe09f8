//! Test harness: a local CRM on 127.0.0.1:0 over a fresh database, and a small HTTP client.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod driver;
pub mod search_ref;
pub mod storage;
pub mod tui;

use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::{EmuState, serve};
use serde_json::Value;

/// A running emulator; stops when dropped.
pub struct Emu {
    pub base: String,
    pub http: reqwest::Client,
    pub token: String,
    _stop: tokio::sync::oneshot::Sender<()>,
    _dir: Option<tempfile::TempDir>,
}

/// A response: status, body as JSON (Null when empty or not JSON), raw text, headers.
pub struct Resp {
    pub status: u16,
    pub json: Value,
    pub text: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Emu {
    /// The demo portal with `cars` Cars, in memory.
    pub async fn demo(cars: usize) -> Self {
        Self::start(DbChoice::Memory, SeedChoice::Demo, cars, None).await
    }

    /// A demo portal on a temp file, restricted to `token` when given.
    pub async fn start(db: DbChoice, seed: SeedChoice, cars: usize, token: Option<&str>) -> Self {
        let (store, _) = open_store(&db, seed, cars).expect("open store");
        Self::serve_store(store, token).await
    }

    /// A local CRM over an open store, restricted to `token` when given.
    async fn serve_store(store: hubtui::emulator::store::Store, token: Option<&str>) -> Self {
        Self::serve_state(EmuState::new(store, token.map(str::to_owned)), token).await
    }

    /// A local CRM over an open store with HubSpot's rate limits of `tier` (`free`, `pro`…);
    /// another face of the same store (`serving`) can check it without spending the limits.
    pub async fn serving_limited(store: hubtui::emulator::store::Store, tier: &str) -> Self {
        let limits = hubtui::emulator::limits::RateLimits::parse(tier).unwrap();
        Self::serve_state(EmuState::new(store, None).with_rate_limits(limits), None).await
    }

    async fn serve_state(state: EmuState, token: Option<&str>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = serve(listener, state, async move {
                let _ = rx.await;
            })
            .await;
        });
        Self {
            base: format!("http://{addr}"),
            http: reqwest::Client::new(),
            token: token.unwrap_or("test-token").to_owned(),
            _stop: tx,
            _dir: None,
        }
    }

    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(m, format!("{}{path}", self.base)).bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        Self::finish(req.send().await.expect("send")).await
    }

    pub async fn raw(&self, method: &str, path: &str, body: &str, token: Option<&str>) -> Resp {
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(m, format!("{}{path}", self.base)).header("content-type", "application/json");
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        Self::finish(req.body(body.to_owned()).send().await.expect("send")).await
    }

    async fn finish(r: reqwest::Response) -> Resp {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp { status, json, text, headers }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.call("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call("POST", path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Resp {
        self.call("PUT", path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Resp {
        self.call("PATCH", path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.call("DELETE", path, None).await
    }

    /// The first Car's id and VIN.
    pub async fn first_car(&self) -> (String, String) {
        let r = self.get("/crm/v3/objects/cars?limit=1&properties=VIN").await;
        let car = &r.json["results"][0];
        (car["id"].as_str().unwrap().to_owned(), car["properties"]["VIN"].as_str().unwrap().to_owned())
    }
}

/// Asserts a HubSpot-shaped error.
pub fn assert_error(r: &Resp, status: u16, category: &str) {
    assert_eq!(r.status, status, "body: {}", r.text);
    assert_eq!(r.json["status"], "error", "body: {}", r.text);
    assert_eq!(r.json["category"], category, "body: {}", r.text);
    assert!(r.json["correlationId"].as_str().is_some_and(|c| c.len() == 36), "body: {}", r.text);
    assert!(r.json["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(r.headers.contains_key("x-hubspot-correlation-id"));
}

impl Emu {
    /// A local CRM serving an open store (so a test can write to it beside the server).
    pub async fn serving(store: hubtui::emulator::store::Store) -> Self {
        Self::serve_store(store, None).await
    }
}
