//! Not a resource: the loop every writing batch endpoint runs over its inputs, and the envelope
//! every batch endpoint answers with (objects, properties and v4 associations alike).
//!
//! Each input runs in its own savepoint, so a failed input leaves no trace. In
//! [`Mode::EachAlone`] a failure becomes that input's error in a 207 Multi-Status answer and
//! the other inputs go on; in [`Mode::AllOrNothing`] the first failure fails the request,
//! naming the input by `inputIndex`, and the whole transaction rolls back.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rusqlite::Connection;
use serde::Serialize;

use crate::api::types::{BatchResponse, StandardError};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::savepoint::in_savepoint;
use crate::timefmt::{iso_from_ms, now_ms};

/// What one input's failure does to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Failures are collected and answered in a 207; the other inputs still apply.
    EachAlone,
    /// The first failure fails the request and nothing applies.
    AllOrNothing,
}

impl Mode {
    /// HubSpot's object batches: each input stands alone only when every input carries an
    /// `objectWriteTraceId`.
    pub fn by_trace_ids<I: Traced>(inputs: &[I]) -> Self {
        if !inputs.is_empty() && inputs.iter().all(|i| i.trace_id().is_some()) {
            Self::EachAlone
        } else {
            Self::AllOrNothing
        }
    }
}

/// A batch input, which may carry an `objectWriteTraceId` that its error echoes.
pub trait Traced {
    /// The input's trace id, if it has one.
    fn trace_id(&self) -> Option<&str> {
        None
    }
}

/// What a batch did: one result per input that succeeded, one error per input that failed.
#[derive(Debug)]
pub struct Outcome<R> {
    pub results: Vec<R>,
    pub errors: Vec<StandardError>,
}

impl<R> Outcome<R> {
    /// Every input succeeded.
    pub fn complete(results: Vec<R>) -> Self {
        Self { results, errors: Vec::new() }
    }
}

/// Runs `f` on each input in order, each in its own savepoint, as `mode` says.
pub fn run_each<I: Traced, R>(
    conn: &Connection,
    inputs: &[I],
    mode: Mode,
    mut f: impl FnMut(&I) -> EmuResult<R>,
) -> EmuResult<Outcome<R>> {
    let mut out = Outcome::complete(Vec::new());
    for (n, input) in inputs.iter().enumerate() {
        match in_savepoint(conn, || f(input)) {
            Ok(r) => out.results.push(r),
            Err(e) if mode == Mode::EachAlone => out.errors.push(standard_error(&e, input.trace_id())),
            Err(mut e) => {
                e.context.insert("inputIndex".into(), vec![n.to_string()]);
                return Err(e);
            }
        }
    }
    Ok(out)
}

/// One input's error as a batch answer lists it, with its trace id in the context.
#[must_use]
pub fn standard_error(e: &EmuError, trace: Option<&str>) -> StandardError {
    let mut context = e.context.clone();
    if let Some(t) = trace {
        context.insert("objectWriteTraceId".into(), vec![t.to_owned()]);
    }
    StandardError {
        status: "error".into(),
        category: e.category.to_owned(),
        message: e.message.clone(),
        context,
        errors: e.errors.clone(),
        links: std::collections::BTreeMap::new(),
        id: None,
    }
}

/// The batch envelope: `ok` when no input failed, else 207 with the errors (2026-09 paths
/// turn that into `ok`: see [`BatchOk`]).
pub fn respond<T: Serialize>(ok: StatusCode, started: i64, outcome: Outcome<T>) -> Response {
    let Outcome { results, errors } = outcome;
    let partial = !errors.is_empty();
    let body = BatchResponse {
        status: "COMPLETE".into(),
        results,
        num_errors: partial.then_some(errors.len()),
        errors: partial.then_some(errors),
        requested_at: None,
        started_at: iso_from_ms(started),
        completed_at: iso_from_ms(now_ms()),
    };
    let status = if partial { StatusCode::MULTI_STATUS } else { ok };
    let mut r = (status, axum::Json(body)).into_response();
    // A version without 207 answers with the success status instead (the body has `errors`).
    r.extensions_mut().insert(BatchOk(ok));
    r
}

/// The status a batch answers with when nothing fails — what a partial failure answers with
/// in 2026-09, which has no 207 (its body carries `errors` and `numErrors`).
#[derive(Debug, Clone, Copy)]
pub struct BatchOk(pub StatusCode);
