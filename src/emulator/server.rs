//! The accept loop. It runs hyper's HTTP/1 server with a timer, so a client that sends its
//! request headers too slowly is cut off (`axum::serve` sets no timer, which leaves hyper's
//! header timeout off), and shuts down gracefully: no new connections, requests in flight
//! finish, and any still running after [`DRAIN`] are dropped so shutdown always ends.

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::transport::{BodyReadTimeout, DEFAULT_BODY_READ_TIMEOUT};

/// How long requests in flight may run on after shutdown begins.
pub const DRAIN: Duration = Duration::from_secs(10);

/// Client timeouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeOptions {
    /// From the moment the server waits for a request until its headers are complete.
    pub header_read_timeout: Duration,
    /// From the handler asking for the body until all of it has arrived.
    pub body_read_timeout: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self { header_read_timeout: Duration::from_secs(30), body_read_timeout: DEFAULT_BODY_READ_TIMEOUT }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves and the connections have drained.
pub async fn run(
    listener: TcpListener,
    app: Router,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app.layer(Extension(BodyReadTimeout(options.body_read_timeout)));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut conns = JoinSet::new();
    let mut shutdown = pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    conns.spawn(connection(stream, app.clone(), options.header_read_timeout, stop_rx.clone()));
                }
                // Too many open files and the like: keep serving the connections we have.
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let drained = tokio::time::timeout(DRAIN, async { while conns.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        tracing::warn!(open = conns.len(), "requests still running at shutdown; closing their connections");
        conns.shutdown().await;
    }
    Ok(())
}

async fn connection(stream: TcpStream, app: Router, header_timeout: Duration, mut stop: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
    let mut conn = pin!(builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app)));
    let mut stopping = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            _ = stop.wait_for(|s| *s), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}
