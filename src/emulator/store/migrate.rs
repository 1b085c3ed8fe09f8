//! Schema migrations, versioned in code through `PRAGMA user_version`. Each step runs once,
//! in order, inside a transaction; a newer database than this build knows is refused.

use rusqlite::Connection;

/// Work a migration does in code after its SQL (rebuilding derived tables).
type Step = fn(&Connection) -> Result<(), MigrateError>;

/// One migration: SQL, then code.
struct Migration {
    sql: &'static str,
    then: Option<Step>,
}

/// Migrations in order; index + 1 is the version a database has after running it.
const MIGRATIONS: &[Migration] = &[
    // 1: the whole storage design (see README, "The local CRM").
    Migration { sql: V1, then: Some(|conn| Ok(create_secondary_indexes(conn)?)) },
    // 2: the FTS tables gain a one-letter prefix index (`fts.rs`), so they are rebuilt.
    Migration { sql: "", then: Some(rebuild_fts) },
    // 3: `prop_value` declares its key first, in key order, as every WITHOUT ROWID table
    // must: SQLite 3.40's integrity_check (Debian 12's) reads NOT NULL columns of such a
    // table by declared position and otherwise reports "NULL value in prop_value.type_no".
    Migration { sql: V3, then: Some(|conn| Ok(create_secondary_indexes(conn)?)) },
    // 4: nothing reads `prop_value` by number (searches run on the in-memory columns), and it
    // now holds unique identifier properties only (`index.rs`).
    Migration { sql: "DROP INDEX IF EXISTS pv_num;", then: None },
    // 5: seeded records' creation values are implied instead of written down (`history.rs`).
    Migration {
        sql: "CREATE TABLE IF NOT EXISTS implied_history (object_id INTEGER PRIMARY KEY, source_type TEXT NOT NULL);",
        then: None,
    },
];

const V3: &str = r"
    CREATE TABLE prop_value_v3 (
        object_id   INTEGER NOT NULL,
        name        TEXT NOT NULL,
        v_norm      TEXT NOT NULL,
        type_no     INTEGER NOT NULL,
        v_num       REAL,
        PRIMARY KEY (object_id, name, v_norm)
    ) WITHOUT ROWID;
    INSERT INTO prop_value_v3 (object_id, name, v_norm, type_no, v_num)
        SELECT object_id, name, v_norm, type_no, v_num FROM prop_value ORDER BY object_id, name, v_norm;
    DROP TABLE prop_value;
    ALTER TABLE prop_value_v3 RENAME TO prop_value;
    ";

/// Version 1. Its `prop_value` is rebuilt by version 3; the other tables already declare
/// their keys first.
const V1: &str = r"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE object_type (
        type_no     INTEGER PRIMARY KEY,
        type_id     TEXT NOT NULL UNIQUE,
        def         TEXT NOT NULL
    );
    CREATE TABLE property (
        type_no     INTEGER NOT NULL,
        name        TEXT NOT NULL,
        pos         INTEGER NOT NULL,
        def         TEXT NOT NULL,
        archived    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (type_no, name)
    ) WITHOUT ROWID;
    CREATE TABLE property_group (
        type_no     INTEGER NOT NULL,
        name        TEXT NOT NULL,
        pos         INTEGER NOT NULL,
        def         TEXT NOT NULL,
        PRIMARY KEY (type_no, name)
    ) WITHOUT ROWID;
    CREATE TABLE object (
        id          INTEGER PRIMARY KEY,
        type_no     INTEGER NOT NULL,
        archived    INTEGER NOT NULL DEFAULT 0,
        archived_at INTEGER,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        merged_into INTEGER,
        props       TEXT NOT NULL
    );
    CREATE TABLE prop_value (
        type_no     INTEGER NOT NULL,
        name        TEXT NOT NULL,
        v_norm      TEXT NOT NULL,
        v_num       REAL,
        object_id   INTEGER NOT NULL,
        PRIMARY KEY (object_id, name, v_norm)
    ) WITHOUT ROWID;
    CREATE TABLE prop_history (
        seq         INTEGER PRIMARY KEY,
        object_id   INTEGER NOT NULL,
        name        TEXT NOT NULL,
        ts          INTEGER NOT NULL,
        value       TEXT NOT NULL,
        source_type TEXT NOT NULL,
        source_id   TEXT,
        source_label TEXT,
        user_id     INTEGER
    );
    CREATE TABLE association (
        from_id     INTEGER NOT NULL,
        to_type_no  INTEGER NOT NULL,
        to_id       INTEGER NOT NULL,
        category    TEXT NOT NULL,
        type_id     INTEGER NOT NULL,
        PRIMARY KEY (from_id, to_type_no, to_id, category, type_id)
    ) WITHOUT ROWID;
    CREATE TABLE assoc_type (
        from_type_no INTEGER NOT NULL,
        to_type_no  INTEGER NOT NULL,
        category    TEXT NOT NULL,
        type_id     INTEGER NOT NULL,
        name        TEXT,
        label       TEXT,
        inverse_type_id INTEGER,
        PRIMARY KEY (from_type_no, to_type_no, category, type_id)
    ) WITHOUT ROWID;
    CREATE TABLE pipeline (
        type_no     INTEGER NOT NULL,
        id          TEXT NOT NULL,
        def         TEXT NOT NULL,
        PRIMARY KEY (type_no, id)
    ) WITHOUT ROWID;
    ";

fn rebuild_fts(conn: &Connection) -> Result<(), MigrateError> {
    super::index::rebuild_fts(conn).map_err(|e| MigrateError::Rebuild(e.message))
}

/// Secondary indexes of the first schema. Bulk seeding drops and rebuilds them, which is
/// several times faster than maintaining them row by row.
pub const SECONDARY_INDEXES: &[&str] = &[
    "CREATE INDEX object_list ON object(type_no, archived, id)",
    "CREATE INDEX object_created ON object(type_no, archived, created_at, id)",
    "CREATE INDEX object_updated ON object(type_no, archived, updated_at, id)",
    "CREATE INDEX pv_text ON prop_value(type_no, name, v_norm, object_id)",
    "CREATE INDEX prop_history_obj ON prop_history(object_id, name, ts, seq)",
    "CREATE INDEX association_rev ON association(to_id, from_id)",
];

/// Drops the secondary indexes (before a bulk load).
pub fn drop_secondary_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for sql in SECONDARY_INDEXES {
        let name = sql.split_whitespace().nth(2).unwrap_or_default();
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    Ok(())
}

/// Creates the secondary indexes (after a bulk load, or in the first migration).
pub fn create_secondary_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for sql in SECONDARY_INDEXES {
        conn.execute_batch(&sql.replacen("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))?;
    }
    Ok(())
}

/// The schema version this build writes.
#[must_use]
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Errors from migrating.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("database schema version {found} is newer than this hubtui understands ({known}); upgrade hubtui")]
    TooNew { found: i64, known: i64 },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("rebuilding derived tables failed: {0}")]
    Rebuild(String),
}

/// Brings a database up to the latest schema; returns true when it was new (version 0).
pub fn migrate(conn: &mut Connection) -> Result<bool, MigrateError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = latest_version();
    if current > known {
        return Err(MigrateError::TooNew { found: current, known });
    }
    if current > 0 && current < known {
        tracing::info!(from = current, to = known, "migrating the database (once; large files take a while)");
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(usize::try_from(current).unwrap_or(0)) {
        let tx = conn.transaction()?;
        tx.execute_batch(step.sql)?;
        if let Some(then) = step.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", i64::try_from(i + 1).unwrap_or(i64::MAX))?;
        tx.commit()?;
    }
    Ok(current == 0)
}
