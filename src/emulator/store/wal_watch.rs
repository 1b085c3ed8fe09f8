//! Noticing, without a lock, whether anyone has committed to a WAL database since the last
//! look: every commit (and checkpoint) rewrites the wal-index header at the start of the
//! `-shm` file (SQLite's documented WAL file format: two copies of a 48-byte header whose
//! change counter moves with each transaction). Reading those 48 bytes is one `pread`, where
//! `PRAGMA data_version` takes the writer's mutex and a read transaction's file locks — most
//! of a record GET's own cost when it was asked on every request.
//!
//! The watch only says "unchanged" or "look": a moved header sends the caller to the exact
//! check (`PRAGMA data_version`), and is taken as seen only after that check ran.

use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The first copy of the wal-index header.
const HEADER: usize = 48;

/// A fingerprint no header has (the first look always checks).
const UNSEEN: u64 = 0;

/// What a look at the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The same header as at the last exact check: nobody has committed since.
    Unchanged,
    /// Check exactly; then [`WalWatch::saw`] this fingerprint (`None`: unreadable).
    Check(Option<u64>),
}

/// The `-shm` file of one database, and the header last checked.
#[derive(Debug)]
pub struct WalWatch {
    shm: Option<File>,
    seen: AtomicU64,
}

impl WalWatch {
    /// Watches the database at `db` (its `-shm` beside it); with no such file (not in WAL
    /// mode), every look says to check.
    #[must_use]
    pub fn open(db: &Path) -> Self {
        let mut shm = db.as_os_str().to_owned();
        shm.push("-shm");
        Self { shm: File::open(shm).ok(), seen: AtomicU64::new(UNSEEN) }
    }

    /// Whether the header differs from the one last [`WalWatch::saw`].
    #[must_use]
    pub fn look(&self) -> Look {
        let Some(now) = self.fingerprint() else { return Look::Check(None) };
        if now == self.seen.load(Ordering::Acquire) { Look::Unchanged } else { Look::Check(Some(now)) }
    }

    /// The exact check ran after the header read `fingerprint`.
    pub fn saw(&self, fingerprint: Option<u64>) {
        if let Some(f) = fingerprint {
            self.seen.store(f, Ordering::Release);
        }
    }

    fn fingerprint(&self) -> Option<u64> {
        let mut buf = [0u8; HEADER];
        read_at(self.shm.as_ref()?, &mut buf)?;
        // A zero fingerprint is kept for "never seen".
        Some(crate::fnv::fnv1a(buf).max(1))
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8]) -> Option<()> {
    use std::os::unix::fs::FileExt;
    f.read_exact_at(buf, 0).ok()
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8]) -> Option<()> {
    None
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    fn wal(path: &Path) -> Connection {
        let c = Connection::open(path).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS t (x INTEGER);").unwrap();
        c
    }

    #[test]
    fn a_commit_by_another_connection_moves_the_header_and_nothing_else_does() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("w.db");
        let ours = wal(&db);
        let watch = WalWatch::open(&db);
        let Look::Check(first) = watch.look() else { panic!("never seen: check") };
        assert!(first.is_some(), "the -shm file is read");
        watch.saw(first);
        assert_eq!(watch.look(), Look::Unchanged);
        let _: i64 = ours.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(watch.look(), Look::Unchanged, "a read leaves the header alone");
        let theirs = wal(&db);
        theirs.execute("INSERT INTO t VALUES (1)", []).unwrap();
        let Look::Check(after) = watch.look() else { panic!("a commit moves it") };
        assert_ne!(after, first);
        watch.saw(after);
        assert_eq!(watch.look(), Look::Unchanged);
        theirs.execute("INSERT INTO t VALUES (2)", []).unwrap();
        assert_ne!(watch.look(), Look::Unchanged, "every commit moves it");
    }

    #[test]
    fn without_a_shm_file_every_look_checks() {
        let dir = tempfile::tempdir().unwrap();
        let watch = WalWatch::open(&dir.path().join("none.db"));
        assert_eq!(watch.look(), Look::Check(None));
        watch.saw(None);
        assert_eq!(watch.look(), Look::Check(None));
    }
}
