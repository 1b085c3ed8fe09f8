//! Rate limits, fault injection, the journal and the admin API, observed by a real client.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::limits::RateLimits;
use hubtui::emulator::{EmuState, serve};
use serde_json::json;
use support::{Emu, assert_error};

async fn limited(limits: &str) -> (String, reqwest::Client) {
    let (store, _) = open_store(&DbChoice::Memory, SeedChoice::Demo, 5).unwrap();
    let state = EmuState::new(store, None).with_rate_limits(RateLimits::parse(limits).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, state, std::future::pending()));
    (base, reqwest::Client::new())
}

#[tokio::test]
async fn ten_secondly_limit_answers_hubspots_exact_429() {
    let (base, http) = limited("3/10s").await;
    for remaining in [2, 1, 0] {
        let r = http.get(format!("{base}/crm/v3/objects/cars?limit=1")).bearer_auth("a").send().await.unwrap();
        assert_eq!(r.status(), 200);
        let h = r.headers();
        assert_eq!(h["x-hubspot-ratelimit-max"], "3");
        assert_eq!(h["x-hubspot-ratelimit-remaining"], remaining.to_string().as_str());
        assert_eq!(h["x-hubspot-ratelimit-interval-milliseconds"], "10000");
        assert!(h.contains_key("x-hubspot-ratelimit-daily-remaining"));
    }
    let r = http.get(format!("{base}/crm/v3/objects/cars?limit=1")).bearer_auth("a").send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["status"], "error");
    assert_eq!(body["message"], "You have reached your ten_secondly_rolling limit.");
    assert_eq!(body["policyName"], "TEN_SECONDLY_ROLLING");
    assert_eq!(body["errorType"], "RATE_LIMIT");
    assert!(body["correlationId"].as_str().unwrap().len() == 36);
    // Per token: another token still has its budget.
    let r = http.get(format!("{base}/crm/v3/objects/cars?limit=1")).bearer_auth("b").send().await.unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn search_is_limited_to_five_per_second_without_rate_headers() {
    let (base, http) = limited("pro").await;
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let r = http
            .post(format!("{base}/crm/v3/objects/cars/search"))
            .bearer_auth("a")
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert!(!r.headers().contains_key("x-hubspot-ratelimit-max"));
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(body["message"], "You have reached your secondly limit.");
            assert_eq!(body["policyName"], "SECONDLY");
        }
    }
    // Ten loopback requests take far less than two seconds: at most five fit in any second.
    assert_eq!(&statuses[..5], [200; 5]);
    assert!(statuses.contains(&429), "{statuses:?}");
    assert!(RateLimits::parse("enterprise").unwrap().burst == 190 && RateLimits::parse("free").unwrap().burst == 100);
    assert!(RateLimits::parse("fast").is_err());
}

/// Whether a request failed at the transport: no response, or a body cut short.
async fn cut(sent: reqwest::Result<reqwest::Response>) -> bool {
    match sent {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    }
}

#[tokio::test]
async fn each_fault_kind_is_observed_by_a_real_client() {
    let emu = Emu::demo(5).await;
    let set = |rules: serde_json::Value| emu.call("PUT", "/__hubtui/faults", Some(json!({"seed": 7, "rules": rules})));
    assert_eq!(set(json!([{"method": "GET", "path": "/crm/v3/objects/cars", "action": {"type": "status", "status": 429, "policy": "ten_secondly"}}])).await.status, 200);
    let r = emu.get("/crm/v3/objects/cars").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json["policyName"], "TEN_SECONDLY_ROLLING");
    for (status, html) in [(502, true), (504, true), (524, true), (500, false), (423, false), (401, false)] {
        set(json!([{"path": "/crm/v3/objects/*", "action": {"type": "status", "status": status}}])).await;
        let r = emu.get("/crm/v3/objects/cars").await;
        assert_eq!(r.status, status);
        assert_eq!(r.text.starts_with("<html>"), html, "{status}: {}", r.text);
    }
    set(json!([{"path": "/crm/v3/objects/cars", "action": {"type": "reset"}}])).await;
    let sent = emu.http.get(format!("{}/crm/v3/objects/cars", emu.base)).bearer_auth("t").send().await;
    assert!(cut(sent).await, "the connection is cut");
    set(json!([{"path": "/crm/v3/objects/cars", "action": {"type": "hang"}}])).await;
    let r = emu
        .http
        .get(format!("{}/crm/v3/objects/cars", emu.base))
        .bearer_auth("t")
        .timeout(std::time::Duration::from_millis(300))
        .send()
        .await;
    assert!(r.is_err_and(|e| e.is_timeout()));
    set(json!([{"path": "/crm/v3/objects/cars", "action": {"type": "delay", "ms": 50}}])).await;
    let started = std::time::Instant::now();
    assert_eq!(emu.get("/crm/v3/objects/cars").await.status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(50));
    // `times` spends a rule.
    set(json!([{"path": "/crm/v3/objects/cars", "times": 2, "action": {"type": "status", "status": 503}}])).await;
    let statuses = [
        emu.get("/crm/v3/objects/cars").await.status,
        emu.get("/crm/v3/objects/cars").await.status,
        emu.get("/crm/v3/objects/cars").await.status,
    ];
    assert_eq!(statuses, [503, 503, 200]);
    // Probability 0 never fires; clearing the rules restores normal service.
    set(json!([{"path": "*", "probability": 0.0, "action": {"type": "status", "status": 500}}])).await;
    assert_eq!(emu.get("/crm/v3/objects/cars").await.status, 200);
    assert_eq!(emu.call("DELETE", "/__hubtui/faults", None).await.status, 204);
    assert_error(
        &emu.call(
            "PUT",
            "/__hubtui/faults",
            Some(json!({"rules": [{"probability": 2.0, "action": {"type": "hang"}}]})),
        )
        .await,
        400,
        "VALIDATION_ERROR",
    );
}

#[tokio::test]
async fn partial_batch_faults_fail_some_inputs_and_write_only_the_rest() {
    let emu = Emu::demo(1).await;
    emu.call("PUT", "/__hubtui/faults", Some(json!({"seed": 3, "rules": [{"method": "POST", "path": "*/batch/create", "action": {"type": "partial_batch", "fraction": 0.5}}]}))).await;
    let inputs: Vec<_> = (0..20).map(|i| json!({"properties": {"VIN": format!("PB{i}"), "year": "2020", "make": "Ford", "model": "T"}, "objectWriteTraceId": format!("t{i}")})).collect();
    let r = emu.post("/crm/v3/objects/cars/batch/create", json!({"inputs": inputs})).await;
    assert_eq!(r.status, 207, "{}", r.text);
    let ok = r.json["results"].as_array().unwrap().len();
    let failed: Vec<String> = r.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["context"]["objectWriteTraceId"][0].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ok + failed.len(), 20);
    assert!(ok > 0 && !failed.is_empty());
    emu.call("DELETE", "/__hubtui/faults", None).await;
    for f in &failed {
        let vin = format!("PB{}", &f[1..]);
        let r = emu.get(&format!("/crm/v3/objects/cars/{vin}?idProperty=VIN")).await;
        assert_eq!(r.status, 404, "{vin} failed and must not exist");
    }
}

#[tokio::test]
async fn reset_after_write_loses_the_response_but_keeps_the_write_whole() {
    let emu = Emu::demo(1).await;
    emu.call("PUT", "/__hubtui/faults", Some(json!({"rules": [{"method": "POST", "path": "/crm/v3/objects/cars", "action": {"type": "reset", "after": true}}]}))).await;
    let sent = emu.http.post(format!("{}/crm/v3/objects/cars", emu.base)).bearer_auth("t")
        .json(&json!({"properties": {"VIN": "AMBIG1", "year": "2020", "make": "Ford", "model": "T", "hs_unique_creation_key": "k-1"}}))
        .send().await;
    assert!(cut(sent).await);
    emu.call("DELETE", "/__hubtui/faults", None).await;
    let r = emu.get("/crm/v3/objects/cars/AMBIG1?idProperty=VIN&properties=make").await;
    assert_eq!(r.json["properties"]["make"], "Ford");
}

#[tokio::test]
async fn journal_health_reset_and_restore() {
    let emu = Emu::demo(3).await;
    emu.get("/crm/v3/objects/cars?limit=1&hapikey=secret-value").await;
    let j = emu.get("/__hubtui/journal?limit=5").await;
    let e = &j.json["results"][0];
    assert_eq!(e["method"], "GET");
    assert_eq!(e["status"], 200);
    assert!(e["path"].as_str().unwrap().contains("hapikey=REDACTED"));
    assert!(!j.text.contains("secret-value") && !j.text.contains("test-token"), "{}", j.text);
    let h = emu.get("/__hubtui/health").await;
    assert_eq!(h.json["status"], "ok");
    let (id, _) = emu.first_car().await;
    emu.delete(&format!("/crm/v3/objects/cars/{id}")).await;
    let r = emu.post(&format!("/__hubtui/objects/cars/{id}/restore"), json!({})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(emu.get(&format!("/crm/v3/objects/cars/{id}")).await.status, 200);
    assert_error(&emu.post(&format!("/__hubtui/objects/cars/{id}/restore"), json!({})).await, 404, "OBJECT_NOT_FOUND");
    emu.post("/crm/v3/objects/cars", json!({"properties": {"year": "2020", "make": "Ford", "model": "T"}})).await;
    assert_eq!(emu.get("/crm/v3/objects/cars?limit=100").await.json["results"].as_array().unwrap().len(), 4);
    assert_eq!(emu.post("/__hubtui/reset", json!({})).await.status, 204);
    assert_eq!(emu.get("/crm/v3/objects/cars?limit=100").await.json["results"].as_array().unwrap().len(), 3);
    let r = emu.raw("GET", "/__hubtui/health", "", None).await;
    assert_error(&r, 401, "INVALID_AUTHENTICATION");
}
