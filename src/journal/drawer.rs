//! The drawer's log: every opening, with who opened it and why, in a table of its own that only
//! ever grows (triggers refuse a change or a deletion).

use rusqlite::params;

use super::{Journal, JournalError};

/// Version 3: the drawer's log.
pub(super) const MIGRATION_V3: &str = "
    CREATE TABLE drawer (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        why TEXT NOT NULL,
        reference TEXT
    );
    CREATE TRIGGER drawer_append_only_update BEFORE UPDATE ON drawer
        BEGIN SELECT RAISE(ABORT, 'the drawer log is append-only'); END;
    CREATE TRIGGER drawer_append_only_delete BEFORE DELETE ON drawer
        BEGIN SELECT RAISE(ABORT, 'the drawer log is append-only'); END;
";

/// One opening of the drawer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawerOpening {
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub who: String,
    pub why: String,
    /// The sale's reference, for an opening on a cash payment.
    pub reference: Option<String>,
}

impl Journal {
    /// Writes an opening of the drawer, before the drawer is sent its kick.
    pub fn record_drawer_opening(
        &self,
        who: &str,
        why: &str,
        reference: Option<&str>,
    ) -> Result<i64, JournalError> {
        self.writable()?;
        let now = self.now();
        let conn = self.lock();
        conn.execute(
            "INSERT INTO drawer (at, who, why, reference) VALUES (?1, ?2, ?3, ?4)",
            params![now, who, why, reference],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// Every opening, oldest first.
    pub fn drawer_openings(&self) -> Result<Vec<DrawerOpening>, JournalError> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare("SELECT seq, at, who, why, reference FROM drawer ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok(DrawerOpening {
                seq: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                why: r.get(3)?,
                reference: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openings_are_kept_and_never_changed() {
        let j = Journal::open_in_memory().unwrap();
        j.record_drawer_opening("Alice", "no sale (Ctrl-D)", None)
            .unwrap();
        j.record_drawer_opening("Alice", "cash payment K-1", Some("K-1"))
            .unwrap();
        let all = j.drawer_openings().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].reference.as_deref(), Some("K-1"));
        assert_eq!(all[0].who, "Alice");
        let conn = j.lock();
        assert!(conn.execute("UPDATE drawer SET why = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM drawer", []).is_err());
    }
}
