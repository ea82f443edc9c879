//! The drawer's shifts: the opening float, cash put in and taken out, the X reports and the
//! closes (Z), each an event in a table of its own that only ever grows (triggers refuse a
//! change or a deletion). A shift is everything after the last close: its sales are the journal
//! entries after the last close's `entries_upto`, so several shifts a day are kept apart and a
//! sale belongs to exactly one shift, whatever the clock says. Closes are numbered 1, 2, 3…
//! without a gap (a unique column; the number is taken in the insert itself).

use rusqlite::{OptionalExtension as _, params};
use rust_decimal::Decimal;

use super::{Journal, JournalError};

/// Version 4: the shifts.
pub(super) const MIGRATION_V4: &str = "
    CREATE TABLE shift (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('float', 'cash_in', 'cash_out', 'x', 'close')),
        who TEXT NOT NULL,
        user_id INTEGER,
        cashbox_id INTEGER,
        amount TEXT,
        counts TEXT,
        reason TEXT NOT NULL DEFAULT '',
        entries_upto INTEGER NOT NULL,
        close_number INTEGER UNIQUE,
        figures TEXT,
        CHECK ((kind = 'close') = (close_number IS NOT NULL))
    );
    CREATE TRIGGER shift_append_only_update BEFORE UPDATE ON shift
        BEGIN SELECT RAISE(ABORT, 'the shift log is append-only'); END;
    CREATE TRIGGER shift_append_only_delete BEFORE DELETE ON shift
        BEGIN SELECT RAISE(ABORT, 'the shift log is append-only'); END;
";

/// What happened to the drawer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShiftKind {
    /// The opening float (a later one in the same shift corrects the earlier).
    Float,
    CashIn,
    CashOut,
    /// An X report: the figures so far, nothing closed.
    X,
    /// The close (Z), with the cash counted.
    Close,
}

impl ShiftKind {
    pub fn wire(self) -> &'static str {
        match self {
            Self::Float => "float",
            Self::CashIn => "cash_in",
            Self::CashOut => "cash_out",
            Self::X => "x",
            Self::Close => "close",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [
            Self::Float,
            Self::CashIn,
            Self::CashOut,
            Self::X,
            Self::Close,
        ]
        .into_iter()
        .find(|k| k.wire() == text)
    }
}

/// An event as it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewShiftEvent {
    pub kind: ShiftKind,
    pub who: String,
    pub user_id: Option<u64>,
    pub cashbox_id: Option<u64>,
    /// The float, the cash put in or taken out, the cash counted at the close.
    pub amount: Option<Decimal>,
    /// The count by note and coin, as `[[value, count], …]`, when it was counted so.
    pub counts: Option<Vec<(Decimal, u32)>>,
    pub reason: String,
    /// The last journal entry the event's figures cover; `None`: the last entry now.
    pub entries_upto: Option<i64>,
    /// The figures as the till showed them (X and close), JSON.
    pub figures: Option<String>,
}

/// An event as it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftEvent {
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub kind: ShiftKind,
    pub who: String,
    pub user_id: Option<u64>,
    pub cashbox_id: Option<u64>,
    pub amount: Option<Decimal>,
    pub counts: Option<Vec<(Decimal, u32)>>,
    pub reason: String,
    pub entries_upto: i64,
    pub close_number: Option<i64>,
    pub figures: Option<String>,
}

const COLUMNS: &str = "seq, at, kind, who, user_id, cashbox_id, amount, counts, reason, \
    entries_upto, close_number, figures";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ShiftEvent> {
    let kind: String = r.get(2)?;
    let amount: Option<String> = r.get(6)?;
    let counts: Option<String> = r.get(7)?;
    Ok(ShiftEvent {
        seq: r.get(0)?,
        at: r.get(1)?,
        kind: ShiftKind::parse(&kind).unwrap_or(ShiftKind::X),
        who: r.get(3)?,
        user_id: r
            .get::<_, Option<i64>>(4)?
            .and_then(|v| u64::try_from(v).ok()),
        cashbox_id: r
            .get::<_, Option<i64>>(5)?
            .and_then(|v| u64::try_from(v).ok()),
        amount: amount.and_then(|a| a.parse().ok()),
        counts: counts.and_then(|c| read_counts(&c)),
        reason: r.get(8)?,
        entries_upto: r.get(9)?,
        close_number: r.get(10)?,
        figures: r.get(11)?,
    })
}

fn write_counts(counts: &[(Decimal, u32)]) -> String {
    serde_json::Value::Array(
        counts
            .iter()
            .map(|(value, count)| serde_json::json!([value.normalize().to_string(), count]))
            .collect(),
    )
    .to_string()
}

fn read_counts(text: &str) -> Option<Vec<(Decimal, u32)>> {
    let rows: Vec<(String, u32)> = serde_json::from_str(text).ok()?;
    rows.into_iter()
        .map(|(v, c)| v.parse().ok().map(|v| (v, c)))
        .collect()
}

fn id(value: Option<u64>) -> Option<i64> {
    value.and_then(|v| i64::try_from(v).ok())
}

impl Journal {
    /// Writes a shift event; a close takes the next number in the same statement.
    pub fn record_shift_event(&self, event: &NewShiftEvent) -> Result<ShiftEvent, JournalError> {
        self.writable()?;
        let now = self.now();
        let conn = self.lock();
        let close = event.kind == ShiftKind::Close;
        conn.execute(
            "INSERT INTO shift (at, kind, who, user_id, cashbox_id, amount, counts, reason,
                 entries_upto, close_number, figures)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                 COALESCE(?9, (SELECT COALESCE(MAX(seq), 0) FROM entries)),
                 CASE WHEN ?10 THEN (SELECT COALESCE(MAX(close_number), 0) + 1 FROM shift)
                      ELSE NULL END,
                 ?11)",
            params![
                now,
                event.kind.wire(),
                event.who,
                id(event.user_id),
                id(event.cashbox_id),
                event.amount.map(|a| a.normalize().to_string()),
                event.counts.as_deref().map(write_counts),
                event.reason,
                event.entries_upto,
                close,
                event.figures,
            ],
        )?;
        let seq = conn.last_insert_rowid();
        Ok(conn.query_row(
            &format!("SELECT {COLUMNS} FROM shift WHERE seq = ?1"),
            params![seq],
            read_row,
        )?)
    }

    /// Every shift event, oldest first.
    pub fn shift_events(&self) -> Result<Vec<ShiftEvent>, JournalError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM shift ORDER BY seq"))?;
        let rows = stmt.query_map([], read_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The close numbered `number`, if there is one.
    pub fn close_numbered(&self, number: i64) -> Result<Option<ShiftEvent>, JournalError> {
        let conn = self.lock();
        Ok(conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM shift WHERE close_number = ?1"),
                params![number],
                read_row,
            )
            .optional()?)
    }
}

/// The events of the shift now open: those after the last close.
pub fn open_shift(events: &[ShiftEvent]) -> (&[ShiftEvent], Option<&ShiftEvent>) {
    match events.iter().rposition(|e| e.kind == ShiftKind::Close) {
        Some(i) => (&events[i + 1..], Some(&events[i])),
        None => (events, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn event(kind: ShiftKind, amount: Option<Decimal>) -> NewShiftEvent {
        NewShiftEvent {
            kind,
            who: "Alice".to_string(),
            user_id: Some(1),
            cashbox_id: Some(2),
            amount,
            counts: None,
            reason: String::new(),
            entries_upto: None,
            figures: None,
        }
    }

    #[test]
    fn events_are_kept_never_changed_and_closes_numbered() {
        let j = Journal::open_in_memory().unwrap();
        let float = j
            .record_shift_event(&NewShiftEvent {
                counts: Some(vec![(dec!(20), 5), (dec!(0.50), 4)]),
                ..event(ShiftKind::Float, Some(dec!(102.00)))
            })
            .unwrap();
        assert_eq!(float.amount, Some(dec!(102)));
        assert_eq!(float.counts, Some(vec![(dec!(20), 5), (dec!(0.5), 4)]));
        assert_eq!(float.close_number, None);
        assert_eq!(float.user_id, Some(1));
        let z1 = j
            .record_shift_event(&event(ShiftKind::Close, Some(dec!(99.60))))
            .unwrap();
        let z2 = j
            .record_shift_event(&event(ShiftKind::Close, Some(dec!(0))))
            .unwrap();
        assert_eq!((z1.close_number, z2.close_number), (Some(1), Some(2)));
        assert_eq!(j.close_numbered(2).unwrap().unwrap().seq, z2.seq);
        assert_eq!(j.shift_events().unwrap().len(), 3);
        let conn = j.lock();
        assert!(conn.execute("UPDATE shift SET amount = '1'", []).is_err());
        assert!(conn.execute("DELETE FROM shift", []).is_err());
        // A close without a number, or a number on another event, is refused.
        assert!(
            conn.execute(
                "INSERT INTO shift (at, kind, who, entries_upto) VALUES ('t', 'close', 'a', 0)",
                []
            )
            .is_err()
        );
        assert!(
            conn.execute(
                "INSERT INTO shift (at, kind, who, entries_upto, close_number)
                 VALUES ('t', 'x', 'a', 0, 9)",
                []
            )
            .is_err()
        );
    }

    #[test]
    fn the_open_shift_is_what_follows_the_last_close() {
        let j = Journal::open_in_memory().unwrap();
        j.record_shift_event(&event(ShiftKind::Float, Some(dec!(50))))
            .unwrap();
        j.record_shift_event(&event(ShiftKind::Close, Some(dec!(50))))
            .unwrap();
        j.record_shift_event(&event(ShiftKind::Float, Some(dec!(80))))
            .unwrap();
        let all = j.shift_events().unwrap();
        let (open, last) = open_shift(&all);
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].amount, Some(dec!(80)));
        assert_eq!(last.unwrap().close_number, Some(1));
    }
}
