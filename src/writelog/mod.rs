//! The write log: every write hubtui makes (app and CLI) appended to a per-portal log with
//! each record's values before and after (`entry`), kept in JSON lines flushed per entry
//! (`file`); undo plans the write that reverses an entry through the conflict guard (`undo`);
//! the effects that log and undo live in `runtime::effects::logged`.

pub mod entry;
pub mod file;
pub mod undo;

pub use entry::{Action, Entry, Link, Outcome, RecordChange, Status};
pub use file::WriteLog;

/// The directory of one portal's local files (staged drafts, the write log) under the data
/// directory: a stable hash of the portal's label, so two portals never share them.
#[must_use]
pub fn portal_dir(data: &std::path::Path, portal: &str) -> std::path::PathBuf {
    let h = crate::fnv::fnv1a(portal.bytes());
    data.join("drafts").join(format!("{h:016x}"))
}
