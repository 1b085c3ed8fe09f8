//! Batch helpers: any number of inputs split into chunks of 100, run with bounded
//! concurrency under the client's pacing, and 207 results merged into one report of
//! per-input successes and failures. Creates are made idempotent with a creation key per
//! input; after an ambiguous failure the chunk's records are looked up by key and only the
//! missing ones are created again.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;
use tokio::sync::Semaphore;

use super::client::Client;
use super::error::Error;
use super::id::WireId;
use super::objects::creation_key;
use super::types::{BatchCreateItem, BatchId, BatchReadInput, BatchUpdateItem, SimplePublicObject, StandardError};

/// HubSpot's batch size.
pub const CHUNK: usize = 100;

/// How a batch run went, input by input.
#[derive(Debug, Default)]
pub struct Report {
    /// `(input index, record)` for every input that succeeded.
    pub succeeded: Vec<(usize, SimplePublicObject)>,
    /// `(input index, error message)` for every input that failed.
    pub failed: Vec<(usize, String)>,
    /// Number of HTTP calls made (retries not counted).
    pub calls: usize,
}

impl Report {
    /// Upserts only: how many records were created (vs updated).
    #[must_use]
    pub fn created(&self) -> usize {
        self.succeeded.iter().filter(|(_, r)| r.new == Some(true)).count()
    }
}

/// Called with (inputs done, inputs in all) as chunks finish.
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Which write a batch run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Update,
    Upsert,
}

fn trace(i: usize) -> String {
    format!("i{i}")
}

fn index_of(e: &StandardError) -> Option<usize> {
    e.context.get("objectWriteTraceId")?.first()?.strip_prefix('i')?.parse().ok()
}

/// Whether a per-input failure is worth another try (the server, not the input, failed).
fn retryable(category: &str) -> bool {
    matches!(category, "INTERNAL_ERROR" | "RATE_LIMITS" | "LOCKED" | "")
}

/// Sorts a 207's results and errors back to input indices (via trace ids `i{n}`).
fn sort_out(
    report: &mut Report,
    offset: usize,
    n: usize,
    results: Vec<SimplePublicObject>,
    errors: Vec<StandardError>,
) {
    sort_out_with(report, offset, n, results, errors, &mut Vec::new());
}

/// Like [`sort_out`], but inputs that failed for a retryable reason go to `again`.
fn sort_out_with(
    report: &mut Report,
    offset: usize,
    n: usize,
    results: Vec<SimplePublicObject>,
    errors: Vec<StandardError>,
    again: &mut Vec<usize>,
) {
    let mut seen = vec![false; n];
    for r in results {
        if let Some(i) =
            r.object_write_trace_id.as_deref().and_then(|t| t.strip_prefix('i')).and_then(|t| t.parse::<usize>().ok())
        {
            if i >= offset && i < offset + n {
                seen[i - offset] = true;
            }
            report.succeeded.push((i, r));
        }
    }
    for e in errors {
        if let Some(i) = index_of(&e) {
            if i >= offset && i < offset + n {
                seen[i - offset] = true;
            }
            if retryable(&e.category) {
                again.push(i);
            } else {
                report.failed.push((i, e.reason()));
            }
        }
    }
    for (k, s) in seen.iter().enumerate() {
        if !s {
            report.failed.push((offset + k, "no result for this input".into()));
        }
    }
}

impl Client {
    /// Updates or upserts any number of records, 100 per call, `concurrency` calls at once.
    /// Inputs that fail for a server-side reason (a 5xx, a lock, an injected fault) are tried
    /// again, up to three more rounds; those that fail validation are reported at once.
    pub async fn batch_write(
        &self,
        object_type: &str,
        op: Op,
        mut inputs: Vec<BatchUpdateItem>,
        concurrency: usize,
        progress: Option<Progress>,
    ) -> Report {
        for (i, input) in inputs.iter_mut().enumerate() {
            input.object_write_trace_id = Some(trace(i));
        }
        let total = inputs.len();
        let done = Arc::new(AtomicUsize::new(0));
        let mut report = Report::default();
        let mut pending: Vec<usize> = (0..total).collect();
        for round in 0..4 {
            let items: Vec<BatchUpdateItem> = pending.iter().map(|i| inputs[*i].clone()).collect();
            let mut again = Vec::new();
            self.write_round(
                object_type,
                op,
                &items,
                concurrency,
                &done,
                total,
                progress.as_ref(),
                &mut report,
                &mut again,
            )
            .await;
            if again.is_empty() {
                break;
            }
            if round == 3 {
                report.failed.extend(again.iter().map(|i| (*i, "failed on the server after 4 tries".to_owned())));
                break;
            }
            tracing::debug!(retrying = again.len(), "batch inputs failed on the server; retrying them");
            pending = again;
        }
        report.succeeded.sort_by_key(|(i, _)| *i);
        report.failed.sort_by_key(|(i, _)| *i);
        report
    }

    #[allow(clippy::too_many_arguments)]
    async fn write_round(
        &self,
        object_type: &str,
        op: Op,
        items: &[BatchUpdateItem],
        concurrency: usize,
        done: &Arc<AtomicUsize>,
        total: usize,
        progress: Option<&Progress>,
        report: &mut Report,
        again: &mut Vec<usize>,
    ) {
        let sem = Arc::new(Semaphore::new(concurrency.max(1)));
        // Answers are taken as they come (not in the order sent): progress never waits
        // behind one slow call.
        let mut tasks = tokio::task::JoinSet::new();
        for chunk in items.chunks(CHUNK) {
            let (client, ty, chunk, sem) = (self.clone(), object_type.to_owned(), chunk.to_vec(), Arc::clone(&sem));
            tasks.spawn(async move {
                let _permit = sem.acquire_owned().await;
                let r = match op {
                    Op::Update => client.batch_update_raw(&ty, &chunk).await,
                    Op::Upsert => client.batch_upsert_raw(&ty, &chunk).await,
                };
                (chunk, r)
            });
        }
        while let Some(t) = tasks.join_next().await {
            let Ok((chunk, r)) = t else {
                continue;
            };
            report.calls += 1;
            let indices: Vec<usize> = chunk
                .iter()
                .filter_map(|c| c.object_write_trace_id.as_deref()?.strip_prefix('i')?.parse().ok())
                .collect();
            match r {
                Ok(resp) => {
                    let mut chunk_report = Report::default();
                    let mut chunk_again = Vec::new();
                    let errors = resp.errors.unwrap_or_default();
                    sort_out_with(&mut chunk_report, 0, 0, resp.results, errors, &mut chunk_again);
                    let answered: std::collections::HashSet<usize> = chunk_report
                        .succeeded
                        .iter()
                        .map(|(i, _)| *i)
                        .chain(chunk_report.failed.iter().map(|(i, _)| *i))
                        .chain(chunk_again.iter().copied())
                        .collect();
                    report.succeeded.extend(chunk_report.succeeded);
                    report.failed.extend(chunk_report.failed);
                    again.extend(chunk_again);
                    report.failed.extend(
                        indices
                            .iter()
                            .filter(|i| !answered.contains(i))
                            .map(|i| (*i, "no result for this input".to_owned())),
                    );
                }
                // Refused, or the server cannot be reached after the client's own retries:
                // another round would only wait again.
                Err(e) if e.not_applied() || e.unreachable() => {
                    report.failed.extend(indices.iter().map(|i| (*i, e.to_string())));
                }
                Err(_) => again.extend(indices.iter().copied()),
            }
            let n = done.fetch_add(chunk.len(), Ordering::SeqCst) + chunk.len();
            if let Some(p) = progress {
                p(n.min(total), total);
            }
        }
    }

    /// Creates any number of records exactly once each.
    pub async fn batch_create(
        &self,
        object_type: &str,
        mut inputs: Vec<BatchCreateItem>,
        progress: Option<Progress>,
    ) -> Report {
        let total = inputs.len();
        for (i, input) in inputs.iter_mut().enumerate() {
            input.object_write_trace_id = Some(trace(i));
            if !input.properties.contains_key("hs_unique_creation_key") {
                input.properties.insert("hs_unique_creation_key".into(), Value::String(creation_key()));
            }
        }
        let mut report = Report::default();
        for (c, chunk) in inputs.chunks(CHUNK).enumerate() {
            let offset = c * CHUNK;
            self.create_chunk(object_type, offset, chunk, &mut report).await;
            if let Some(p) = &progress {
                p((offset + chunk.len()).min(total), total);
            }
        }
        report.succeeded.sort_by_key(|(i, _)| *i);
        report.failed.sort_by_key(|(i, _)| *i);
        report
    }

    async fn create_chunk(&self, object_type: &str, offset: usize, chunk: &[BatchCreateItem], report: &mut Report) {
        let mut pending: Vec<BatchCreateItem> = chunk.to_vec();
        for _ in 0..3 {
            report.calls += 1;
            match self.batch_create_raw(object_type, &pending).await {
                Ok(resp) => {
                    sort_out(report, offset, chunk.len(), resp.results, resp.errors.unwrap_or_default());
                    // sort_out marked inputs of the whole chunk; drop the "no result" rows for
                    // inputs created in an earlier round.
                    let earlier: Vec<usize> = report.succeeded.iter().map(|(i, _)| *i).collect();
                    report.failed.retain(|(i, m)| !(m == "no result for this input" && earlier.contains(i)));
                    return;
                }
                Err(e) if e.not_applied() => {
                    report.failed.extend(pending.iter().filter_map(index_in).map(|i| (i, e.to_string())));
                    return;
                }
                Err(e) => {
                    // Ambiguous: find what was created, and retry only the rest.
                    match self.find_by_keys(object_type, &pending).await {
                        Ok(found) => {
                            pending.retain(|p| {
                                let key = key_of(p);
                                match found.get(&key) {
                                    Some(rec) => {
                                        let mut rec = rec.clone();
                                        rec.object_write_trace_id = p.object_write_trace_id.clone();
                                        report.succeeded.push((index_in(p).unwrap_or(usize::MAX), rec));
                                        false
                                    }
                                    None => true,
                                }
                            });
                            if pending.is_empty() {
                                return;
                            }
                        }
                        Err(_) => {
                            report.failed.extend(pending.iter().filter_map(index_in).map(|i| (i, e.to_string())));
                            return;
                        }
                    }
                }
            }
        }
        report.failed.extend(
            pending.iter().filter_map(index_in).map(|i| (i, "gave up after repeated ambiguous failures".to_owned())),
        );
    }

    async fn find_by_keys(
        &self,
        object_type: &str,
        items: &[BatchCreateItem],
    ) -> Result<HashMap<String, SimplePublicObject>, Error> {
        let input = BatchReadInput {
            properties: vec!["hs_unique_creation_key".into()],
            properties_with_history: Vec::new(),
            id_property: Some("hs_unique_creation_key".into()),
            inputs: items.iter().map(|i| BatchId { id: WireId(key_of(i)) }).collect(),
        };
        let resp = self.batch_read(object_type, &input, false).await?;
        Ok(resp
            .results
            .into_iter()
            .filter_map(|r| r.properties.get("hs_unique_creation_key").cloned().flatten().map(|k| (k, r)))
            .collect())
    }
}

fn key_of(item: &BatchCreateItem) -> String {
    item.properties.get("hs_unique_creation_key").and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn index_in(item: &BatchCreateItem) -> Option<usize> {
    item.object_write_trace_id.as_deref()?.strip_prefix('i')?.parse().ok()
}
