//! The yardstick for `benches/get_vs_axum.sh`: a bare axum server answering every GET with
//! one fixed record, shaped like the local CRM's answer, so the ratio of the two req/s shows
//! what the local CRM's own work (auth, routing, the SQLite read, the JSON) costs.
//! `/static/…` answers the bytes as they are; any other path serialises the record per request.
//!   cargo run --release --example bare_axum -- 127.0.0.1:0

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

const RECORD: &str = r#"{"id":"10000691","properties":{"createdate":"2024-03-01T09:00:00Z","hs_lastmodifieddate":"2024-03-01T09:00:00Z","hs_object_id":"10000691","make":"Toyota","model":"Camry","price":"21400"},"createdAt":"2024-03-01T09:00:00Z","updatedAt":"2024-03-01T09:00:00Z","archived":false}"#;

/// `/static/…`: the bytes as they are (the floor: no work at all).
async fn fixed() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json;charset=utf-8")], RECORD)
}

/// Anything else: the record parsed once, serialised for each request as a handler does.
async fn record(
    axum::extract::State(rec): axum::extract::State<std::sync::Arc<serde_json::Value>>,
) -> impl IntoResponse {
    axum::Json(rec.as_ref().clone())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("bare axum listening on http://{}", listener.local_addr()?);
    let rec: serde_json::Value = serde_json::from_str(RECORD)?;
    let app = Router::new()
        .route("/static/{*path}", get(fixed))
        .route("/{*path}", get(record))
        .with_state(std::sync::Arc::new(rec));
    axum::serve(listener, app).await
}
