//! Slow or lying clients are cut off: a declared body over the limit is refused before it is
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! sent, and a connection that sends its headers (or its body) too slowly is closed. The
//! tokio timeouts here are watchdogs so a regression fails instead of hanging; the
//! assertions are on what the server sends.

use std::time::Duration;

use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::{EmuState, ServeOptions, serve_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const WATCHDOG: Duration = Duration::from_secs(20);

/// A server with short client timeouts; returns its address.
async fn start(options: ServeOptions) -> (String, tokio::sync::oneshot::Sender<()>) {
    let (store, _) = open_store(&DbChoice::Memory, SeedChoice::Demo, 3).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve_with(listener, EmuState::new(store, None), options, async move {
        let _ = rx.await;
    }));
    (addr, tx)
}

fn short() -> ServeOptions {
    ServeOptions { header_read_timeout: Duration::from_millis(300), body_read_timeout: Duration::from_millis(300) }
}

/// Everything the server sends until it closes the connection.
async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let read = tokio::time::timeout(WATCHDOG, stream.read_to_end(&mut out)).await;
    assert!(read.is_ok(), "the server kept the connection open; it sent {:?}", String::from_utf8_lossy(&out));
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn a_declared_body_over_the_limit_is_refused_before_it_is_sent() {
    let (addr, _stop) = start(ServeOptions::default()).await;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(
        b"POST /crm/v3/objects/cars HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\
          Content-Type: application/json\r\nContent-Length: 9000000\r\n\r\n",
    )
    .await
    .unwrap();
    let sent = read_to_close(&mut s).await;
    assert!(sent.starts_with("HTTP/1.1 413"), "{sent}");
    assert!(sent.contains("\"category\":\"VALIDATION_ERROR\""), "HubSpot's shape: {sent}");
}

#[tokio::test]
async fn a_connection_that_stalls_inside_its_headers_is_closed() {
    let (addr, _stop) = start(short()).await;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"GET /crm/v3/objects/cars HTTP/1.1\r\nHost: x\r\nAuthor").await.unwrap();
    let sent = read_to_close(&mut s).await;
    assert!(sent.is_empty() || sent.starts_with("HTTP/1.1 408"), "{sent}");
}

#[tokio::test]
async fn a_connection_that_stalls_inside_its_body_gets_a_408_and_is_closed() {
    let (addr, _stop) = start(short()).await;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(
        b"POST /crm/v3/objects/cars HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\
          Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"propert",
    )
    .await
    .unwrap();
    let sent = read_to_close(&mut s).await;
    assert!(sent.starts_with("HTTP/1.1 408"), "{sent}");
    assert!(sent.contains("\"status\":\"error\""), "HubSpot's shape: {sent}");
}

#[tokio::test]
async fn timely_clients_keep_their_connection_across_requests() {
    let (addr, _stop) = start(short()).await;
    let http = reqwest::Client::new();
    for _ in 0..3 {
        let r = http.get(format!("http://{addr}/crm/v3/objects/cars?limit=1")).bearer_auth("t").send().await.unwrap();
        assert_eq!(r.status(), 200);
    }
}
