//! CRM search (`POST /crm/v3/objects/{type}/search`): filter groups, the 13 operators by
//! property type, free-text `query`, one sort, offset paging with HubSpot's 10,000 cap.
//!
//! **A search is executed in `exec.rs`** ([`exec::run`]), start to finish. Around it:
//! `plan.rs` validates and compiles the request; `columns.rs` holds an in-memory columnar copy
//! of a type's values, which `cache.rs` loads and keeps in step with SQLite (as the store's
//! write observer); `filter.rs` turns a plan into the bitset (`bits.rs`) of matching rows;
//! `order.rs` sorts and cuts the page; `terms.rs` and `token.rs` are the free-text `query` and
//! `CONTAINS_TOKEN` rules. `query` itself runs on SQLite FTS5.
//!
//! Records without a value: `NEQ`, `NOT_IN` and `NOT_CONTAINS_TOKEN` **match** them (a
//! missing value is not equal to anything and contains no token), as does
//! `NOT_HAS_PROPERTY`; `EQ`, `IN`, ranges and `CONTAINS_TOKEN` do not. Sorting puts records
//! without a value last in both directions; ties keep creation order.

pub mod bits;
pub mod cache;
pub mod columns;
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
mod exact_at_scale;
pub mod exec;
pub mod filter;
pub mod order;
pub mod plan;
pub mod terms;
pub mod token;

pub use cache::SearchCache;
pub use plan::{Plan, SearchLimits};
