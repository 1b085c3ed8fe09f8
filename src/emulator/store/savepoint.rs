//! Savepoints inside the open write transaction: one part of a write (one input of a batch)
//! runs in its own savepoint, so when it fails its writes are undone and the rest stay.

use rusqlite::Connection;

use crate::emulator::error::EmuResult;

/// Runs `f` in a savepoint: its writes stay only if it succeeds.
pub fn in_savepoint<R>(conn: &Connection, f: impl FnOnce() -> EmuResult<R>) -> EmuResult<R> {
    conn.execute_batch("SAVEPOINT batch_item")?;
    match f() {
        Ok(r) => {
            conn.execute_batch("RELEASE batch_item")?;
            Ok(r)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO batch_item; RELEASE batch_item")?;
            Err(e)
        }
    }
}
