//! Fault injection: seeded, deterministic rules that match a request's method and path and,
//! with a probability, answer it with an error status, delay it, hang it, cut the connection
//! (before or after the write happened), or fail some inputs of a batch. Set with
//! `hubtui serve --faults FILE` or `PUT /__hubtui/faults`.
//!
//! A fault never corrupts the database: statuses, hangs and resets "before" stop a request
//! before its handler runs; a reset "after" drops the response of a write that committed
//! whole; partial batches drop the failed inputs before the handler sees the batch.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::EmuError;
use super::limits::{Policy, too_many};
use super::shape::routed;
use super::store::Store;
use super::transport::MAX_BODY_BYTES;
use crate::rng::SplitMix64;

/// A set of rules and the seed of their dice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultConfig {
    #[serde(default)]
    pub seed: u64,
    #[serde(default)]
    pub rules: Vec<FaultRule>,
}

/// One rule: which requests, how often, what happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    /// `GET`, `POST`, ...; any when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// A path glob where `*` matches any run of characters (`/crm/v3/objects/*/batch/*`).
    #[serde(default = "any_path")]
    pub path: String,
    /// Chance from 0 to 1 that a matching request is hit.
    #[serde(default = "always")]
    pub probability: f64,
    /// Fire at most this many times (then the rule is spent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
    pub action: FaultAction,
}

fn any_path() -> String {
    "*".into()
}

fn always() -> f64 {
    1.0
}

/// What a hit request gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FaultAction {
    /// An error status: 429 (`policy`: ten_secondly, secondly, daily), 401, 423, 500, or
    /// 502/503/504/524 with the HTML body of HubSpot's edge.
    Status {
        status: u16,
        #[serde(default)]
        policy: Option<String>,
    },
    /// Wait `ms` (or a uniform time in `ms..=max_ms`), then serve normally.
    Delay {
        ms: u64,
        #[serde(default)]
        max_ms: Option<u64>,
    },
    /// Never answer (until the client gives up).
    Hang,
    /// Cut the connection; `after: true` serves the request first (the write commits, the
    /// response is lost).
    Reset {
        #[serde(default)]
        after: bool,
    },
    /// Fail each input of a batch with this chance; the rest are served (a 207).
    PartialBatch { fraction: f64 },
}

/// The fault state of a server.
#[derive(Debug, Default)]
pub struct Faults {
    inner: Mutex<FaultState>,
}

#[derive(Debug, Default)]
struct FaultState {
    config: FaultConfig,
    dice: SplitMix64,
    fired: Vec<u64>,
}

fn glob(pattern: &str, text: &str) -> bool {
    super::search::token::glob(pattern, text)
}

impl Faults {
    /// Replaces the rules (and reseeds).
    pub fn set(&self, config: FaultConfig) -> Result<(), EmuError> {
        for r in &config.rules {
            if !(0.0..=1.0).contains(&r.probability) {
                return Err(EmuError::validation(format!("probability {} must be between 0 and 1", r.probability)));
            }
            if let FaultAction::PartialBatch { fraction } = r.action
                && !(0.0..=1.0).contains(&fraction)
            {
                return Err(EmuError::validation(format!("fraction {fraction} must be between 0 and 1")));
            }
        }
        let mut g = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let dice = SplitMix64::new(config.seed);
        let fired = vec![0; config.rules.len()];
        *g = FaultState { config, dice, fired };
        Ok(())
    }

    /// The current rules.
    #[must_use]
    pub fn get(&self) -> FaultConfig {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner).config.clone()
    }

    /// The action for a request, if a rule hits it; also a die for per-input decisions.
    fn decide(&self, method: &str, path: &str) -> Option<(FaultAction, SplitMix64)> {
        let mut g = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let FaultState { config, dice, fired } = &mut *g;
        for (i, rule) in config.rules.iter().enumerate() {
            let method_ok = rule.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method));
            let spent = rule.times.is_some_and(|n| fired[i] >= n);
            if method_ok && !spent && glob(&rule.path, path) && dice.chance(rule.probability) {
                fired[i] += 1;
                let sub = SplitMix64::new(dice.next_u64());
                return Some((rule.action.clone(), sub));
            }
        }
        None
    }
}

fn edge_html(status: u16) -> Response {
    let reason = match status {
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "Origin Time-out",
    };
    let html = format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"
    );
    let mut resp = (StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY), html).into_response();
    resp.headers_mut().insert("content-type", HeaderValue::from_static("text/html"));
    resp
}

fn status_response(status: u16, policy: Option<&str>, portal_id: i64) -> Response {
    match status {
        429 => {
            too_many(policy.and_then(Policy::parse).unwrap_or(Policy::TenSecondly), portal_id, Duration::from_secs(1))
        }
        401 => {
            EmuError::unauthorized("The OAuth token used to make this call expired 1 second(s) ago.").into_response()
        }
        423 => EmuError::new(
            StatusCode::LOCKED,
            "LOCKED",
            "The resource is locked by another request; retry after 2 seconds (injected fault).",
        )
        .into_response(),
        502 | 503 | 504 | 524 => edge_html(status),
        other => EmuError::new(
            StatusCode::from_u16(other).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "INTERNAL_ERROR",
            "internal error (injected fault)",
        )
        .into_response(),
    }
}

/// A response whose body fails at once: the client sees the connection cut mid-response.
fn reset() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection reset (injected fault)",
        ))
    });
    let mut resp = Response::new(Body::from_stream(stream));
    *resp.status_mut() = StatusCode::OK;
    resp
}

/// The fault rules applied to a request, around the router's answer (the store names the
/// portal in injected 429s).
pub async fn inject(faults: &Faults, store: &Store, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with("/__hubtui") {
        return routed(next, req).await;
    }
    let Some((action, mut dice)) = faults.decide(req.method().as_str(), path) else {
        return routed(next, req).await;
    };
    let portal_id = store.catalog().portal_id;
    match action {
        FaultAction::Status { status, policy } => status_response(status, policy.as_deref(), portal_id),
        FaultAction::Delay { ms, max_ms } => {
            let wait = match max_ms {
                Some(hi) if hi > ms => {
                    u64::try_from(dice.range(i64::try_from(ms).unwrap_or(0), i64::try_from(hi).unwrap_or(0)))
                        .unwrap_or(ms)
                }
                _ => ms,
            };
            tokio::time::sleep(Duration::from_millis(wait)).await;
            routed(next, req).await
        }
        FaultAction::Hang => {
            tokio::time::sleep(Duration::from_secs(600)).await;
            edge_html(524)
        }
        FaultAction::Reset { after } => {
            if after {
                let _ = routed(next, req).await;
            }
            reset()
        }
        FaultAction::PartialBatch { fraction } => partial_batch(req, next, fraction, &mut dice).await,
    }
}

async fn partial_batch(req: Request, next: Next, fraction: f64, dice: &mut SplitMix64) -> Response {
    if !req.uri().path().contains("/batch/") {
        return routed(next, req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return EmuError::validation("could not read the request body").into_response();
    };
    let Ok(mut json) = serde_json::from_slice::<Value>(&bytes) else {
        return routed(next, Request::from_parts(parts, Body::from(bytes))).await;
    };
    let Some(inputs) = json.get_mut("inputs").and_then(Value::as_array_mut) else {
        return routed(next, Request::from_parts(parts, Body::from(bytes))).await;
    };
    let mut failed = Vec::new();
    inputs.retain(|input| {
        let fail = dice.chance(fraction);
        if fail {
            failed.push(input.clone());
        }
        !fail
    });
    if failed.is_empty() {
        return routed(next, Request::from_parts(parts, Body::from(bytes))).await;
    }
    let all_failed = inputs.is_empty();
    let resp = if all_failed {
        None
    } else {
        Some(routed(next, Request::from_parts(parts, Body::from(json.to_string()))).await)
    };
    merge_failures(resp, &failed).await
}

fn injected_error(input: &Value) -> Value {
    let mut context = serde_json::Map::new();
    if let Some(t) = input.get("objectWriteTraceId").and_then(Value::as_str) {
        context.insert("objectWriteTraceId".into(), json!([t]));
    }
    if let Some(id) = input.get("id") {
        let id = id.as_str().map_or_else(|| id.to_string(), str::to_owned);
        context.insert("ids".into(), json!([id]));
    }
    json!({"status": "error", "category": "INTERNAL_ERROR", "message": "This input failed (injected fault); it was not applied and can be retried.",
           "context": context, "errors": [], "links": {}})
}

async fn merge_failures(resp: Option<Response>, failed: &[Value]) -> Response {
    let now = crate::timefmt::iso_from_ms(crate::timefmt::now_ms());
    let mut body = json!({"status": "COMPLETE", "results": [], "startedAt": now, "completedAt": now});
    if let Some(resp) = resp {
        let status = resp.status();
        if !status.is_success() {
            return resp;
        }
        let Ok(bytes) = axum::body::to_bytes(resp.into_body(), usize::MAX).await else {
            return EmuError::internal(&"could not read a batch response").into_response();
        };
        if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
            body = v;
        }
    }
    let mut errors = body.get("errors").and_then(Value::as_array).cloned().unwrap_or_default();
    errors.extend(failed.iter().map(injected_error));
    body["numErrors"] = json!(errors.len());
    body["errors"] = Value::Array(errors);
    (StatusCode::MULTI_STATUS, axum::Json(body)).into_response()
}
