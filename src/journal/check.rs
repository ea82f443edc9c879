//! Is this file a sound kash-pos journal? Checked at open, before anything is read or written,
//! so a damaged or foreign file is said at start rather than found by the sender later.

use std::path::Path;

use rusqlite::{Connection, ErrorCode};

use super::JournalError;

/// The tables of the schema this code writes, with their columns in order.
const TABLES: &[(&str, &[&str])] = &[
    (
        "entries",
        &[
            "seq",
            "reference",
            "created_at",
            "updated_at",
            "kind",
            "request",
            "state",
            "order_id",
            "receipt",
            "attempts",
            "lookups",
            "garbled_lookups",
            "last_error",
        ],
    ),
    ("basket", &["id", "json", "saved_at"]),
    ("cache", &["name", "json", "saved_at"]),
];

/// Turns what `SQLite` says about an unreadable file into the journal's own error.
pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> JournalError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => JournalError::Foreign {
            path: path.to_path_buf(),
            detail: "not an SQLite database".to_string(),
        },
        Some(ErrorCode::DatabaseCorrupt) => JournalError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => JournalError::Sql(e),
    }
}

/// The schema version of the file (`PRAGMA user_version`); the first read of the file, so a
/// file that is not a database is told here.
pub(crate) fn version(conn: &Connection, path: &Path) -> Result<i64, JournalError> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(path, e))
}

/// `SQLite`'s own page check (`PRAGMA quick_check`): every page readable, every index and row
/// well-formed.
pub(crate) fn integrity(conn: &Connection, path: &Path) -> Result<(), JournalError> {
    let mut stmt = conn
        .prepare("PRAGMA quick_check(5)")
        .map_err(|e| classify(path, e))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .map_err(|e| classify(path, e))?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(JournalError::Damaged {
            path: path.to_path_buf(),
            detail: rows.join("; "),
        })
    }
}

/// The names of the tables in the file, in order.
fn tables(conn: &Connection, path: &Path) -> Result<Vec<String>, JournalError> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .map_err(|e| classify(path, e))?;
    stmt.query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .map_err(|e| classify(path, e))
}

/// A file with no schema version must be empty: kash-pos creates its journal on a fresh file
/// only, never inside another program's database.
pub(crate) fn fresh(conn: &Connection, path: &Path) -> Result<(), JournalError> {
    let found = tables(conn, path)?;
    if found.is_empty() {
        return Ok(());
    }
    Err(JournalError::Foreign {
        path: path.to_path_buf(),
        detail: format!("it holds other tables: {}", found.join(", ")),
    })
}

/// After the migrations: the journal's tables are there with the columns this code reads (a
/// later schema may add columns or tables; a table of the same name from another program fails).
pub(crate) fn schema(conn: &Connection, path: &Path) -> Result<(), JournalError> {
    let found = tables(conn, path)?;
    let foreign = |detail: String| JournalError::Foreign {
        path: path.to_path_buf(),
        detail,
    };
    for (table, columns) in TABLES {
        if !found.iter().any(|t| t == table) {
            return Err(foreign(format!("table `{table}` is missing")));
        }
        let mut stmt = conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
            .map_err(|e| classify(path, e))?;
        let have: Vec<String> = stmt
            .query_map([table], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| classify(path, e))?;
        let missing: Vec<&str> = columns
            .iter()
            .copied()
            .filter(|c| !have.iter().any(|h| h == c))
            .collect();
        if !missing.is_empty() {
            return Err(foreign(format!(
                "table `{table}` has no column {} (it has {})",
                missing.join(", "),
                have.join(", ")
            )));
        }
    }
    Ok(())
}
