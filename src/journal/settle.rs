//! The journal's side of settling unknown outcomes: the settle window of each entry (when it
//! started, how many look-ups in it answered and could see), why an entry waits for the
//! cashier, the order a look-up thinks is probably it, the watch for a double after a resend,
//! and the double itself once caught. All of it survives a restart: a window goes on where it
//! was, it never starts again as a resend.
//!
//! Columns added by schema version 2: `window_since`, `window_lookups`, `hold`,
//! `candidate_order_id`, `double_order_id`, `watch_until`, `confirmed_by`, `expected_total`.

use std::collections::HashSet;

use rusqlite::{OptionalExtension as _, params};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Entry, Journal, JournalError, RawEntry, State, read_row, timestamp};
use crate::kash::model::OrderReceipt;

/// The schema-2 columns, as added to a version-1 journal.
pub(super) const MIGRATION_V2: &str = "
    ALTER TABLE entries ADD COLUMN window_since TEXT;
    ALTER TABLE entries ADD COLUMN window_lookups INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entries ADD COLUMN hold TEXT;
    ALTER TABLE entries ADD COLUMN candidate_order_id INTEGER;
    ALTER TABLE entries ADD COLUMN double_order_id INTEGER;
    ALTER TABLE entries ADD COLUMN watch_until TEXT;
    ALTER TABLE entries ADD COLUMN confirmed_by TEXT;
    ALTER TABLE entries ADD COLUMN expected_total TEXT;
";

/// Why an entry waits for the cashier (state `NeedsCashier`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Hold {
    /// The stored request cannot be read: it was never sent by this till in that form.
    Quarantined,
    /// The outcome is unknown and the look-up cannot see the till's references: it may be
    /// recorded; it is never sent again by itself.
    Blind,
    /// The look-ups kept answering something unreadable.
    UnreadableLookups,
}

impl Hold {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quarantined => "quarantined",
            Self::Blind => "blind",
            Self::UnreadableLookups => "unreadable-lookups",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Quarantined, Self::Blind, Self::UnreadableLookups]
            .into_iter()
            .find(|h| h.as_str() == text)
    }
}

/// Who said the order is on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfirmedBy {
    /// The server's answer to the request.
    Server,
    /// A look-up found the reference in a listing.
    Lookup,
    /// The cashier, from the back office.
    Cashier,
}

impl ConfirmedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Server => "server",
            Self::Lookup => "lookup",
            Self::Cashier => "cashier",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Server, Self::Lookup, Self::Cashier]
            .into_iter()
            .find(|c| c.as_str() == text)
    }
}

/// Where an entry stands in its settling, beside [`Entry`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settling {
    pub seq: i64,
    /// When the current settle window started (the outcome became unknown, or the last
    /// look-up that did not answer).
    pub window_since: Option<OffsetDateTime>,
    /// Look-ups in the current window that answered and could see.
    pub window_lookups: u32,
    pub hold: Option<Hold>,
    /// The order a blind look-up thinks is probably this sale.
    pub candidate_order_id: Option<u64>,
    /// A second order found with this entry's reference: recorded twice.
    pub double_order_id: Option<u64>,
    /// Until when a resent entry is still looked up for a double.
    pub watch_until: Option<OffsetDateTime>,
    pub confirmed_by: Option<ConfirmedBy>,
    /// The total the sale should have on the server, when the till knows it.
    pub expected_total: Option<Decimal>,
}

/// A sale recorded twice on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoubleOrder {
    pub seq: i64,
    pub reference: String,
    /// The order the journal confirmed (the number on the customer's receipt).
    pub kept_order_id: u64,
    /// The other order with the same reference: the one to refund.
    pub second_order_id: u64,
}

/// The most recent sale the server confirmed: what a look-up must see to be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Control {
    pub seq: i64,
    pub reference: String,
    pub created_at: OffsetDateTime,
    pub order_id: u64,
}

/// A row whose request (or state) cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    pub seq: i64,
    pub reference: String,
    pub created_at: String,
    pub state: String,
    pub detail: String,
}

fn parse_time(text: Option<String>) -> Option<OffsetDateTime> {
    text.and_then(|t| OffsetDateTime::parse(&t, &Rfc3339).ok())
}

fn id_of(v: Option<i64>) -> Option<u64> {
    v.and_then(|i| u64::try_from(i).ok())
}

fn db_id(id: u64) -> Result<i64, JournalError> {
    i64::try_from(id).map_err(|_| JournalError::Other(format!("order id {id} too big")))
}

/// The time an entry was created, as the journal wrote it.
pub fn created_time(entry: &Entry) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(&entry.created_at, &Rfc3339).ok()
}

impl Journal {
    /// Now, on the journal's clock.
    pub fn clock_now(&self) -> OffsetDateTime {
        (self.clock)()
    }

    /// The settling columns of one entry.
    pub fn settling(&self, seq: i64) -> Result<Settling, JournalError> {
        let conn = self.lock();
        conn.query_row(
            "SELECT window_since, window_lookups, hold, candidate_order_id, double_order_id,
                    watch_until, confirmed_by, expected_total
             FROM entries WHERE seq = ?1",
            params![seq],
            |r| {
                Ok(Settling {
                    seq,
                    window_since: parse_time(r.get(0)?),
                    window_lookups: u32::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                    hold: r
                        .get::<_, Option<String>>(2)?
                        .as_deref()
                        .and_then(Hold::parse),
                    candidate_order_id: id_of(r.get(3)?),
                    double_order_id: id_of(r.get(4)?),
                    watch_until: parse_time(r.get(5)?),
                    confirmed_by: r
                        .get::<_, Option<String>>(6)?
                        .as_deref()
                        .and_then(ConfirmedBy::parse),
                    expected_total: r.get::<_, Option<String>>(7)?.and_then(|t| t.parse().ok()),
                })
            },
        )
        .optional()?
        .ok_or(JournalError::NotFound(seq))
    }

    /// The total the sale should have on the server (the basket's total): lets a blind look-up
    /// point at the order that is probably it.
    pub fn set_expected_total(&self, seq: i64, total: Decimal) -> Result<(), JournalError> {
        self.writable()?;
        let n = self.lock().execute(
            "UPDATE entries SET expected_total = ?2 WHERE seq = ?1",
            params![seq, total.to_string()],
        )?;
        if n == 0 {
            return Err(JournalError::NotFound(seq));
        }
        Ok(())
    }

    /// Confirmed, saying by whom. Ends any settle window and hold.
    pub fn confirm_by(
        &self,
        seq: i64,
        receipt: &OrderReceipt,
        by: ConfirmedBy,
    ) -> Result<(), JournalError> {
        self.writable()?;
        self.mark_confirmed(seq, receipt)?;
        self.lock().execute(
            "UPDATE entries SET confirmed_by = ?2, window_since = NULL, window_lookups = 0,
             hold = NULL WHERE seq = ?1",
            params![seq, by.as_str()],
        )?;
        Ok(())
    }

    /// A look-up that did not answer (offline, or unreadable when `garbled`): it proves
    /// nothing, so the settle window starts again from now. Returns the consecutive unreadable
    /// look-ups.
    pub fn note_failed_lookup(&self, seq: i64, garbled: Option<&str>) -> Result<u32, JournalError> {
        self.writable()?;
        let now = self.now();
        let conn = self.lock();
        let n = match garbled {
            Some(error) => conn.execute(
                "UPDATE entries SET lookups = lookups + 1, garbled_lookups = garbled_lookups + 1,
                 last_error = ?2, updated_at = ?3, window_since = ?3, window_lookups = 0
                 WHERE seq = ?1",
                params![seq, error, now],
            )?,
            None => conn.execute(
                "UPDATE entries SET lookups = lookups + 1, updated_at = ?2, window_since = ?2,
                 window_lookups = 0 WHERE seq = ?1",
                params![seq, now],
            )?,
        };
        if n == 0 {
            return Err(JournalError::NotFound(seq));
        }
        let count: i64 = conn.query_row(
            "SELECT garbled_lookups FROM entries WHERE seq = ?1",
            params![seq],
            |r| r.get(0),
        )?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// A look-up that answered without finding the reference; `sighted` when it could see (it
    /// found the control). Returns the window's start and its sighted look-ups.
    pub fn note_answered_lookup(
        &self,
        seq: i64,
        sighted: bool,
    ) -> Result<(OffsetDateTime, u32), JournalError> {
        self.writable()?;
        let now = self.now();
        let conn = self.lock();
        let n = conn.execute(
            "UPDATE entries SET lookups = lookups + 1, garbled_lookups = 0, updated_at = ?2,
             window_since = COALESCE(window_since, ?2),
             window_lookups = window_lookups + ?3 WHERE seq = ?1",
            params![seq, now, i64::from(sighted)],
        )?;
        if n == 0 {
            return Err(JournalError::NotFound(seq));
        }
        let (since, lookups): (String, i64) = conn.query_row(
            "SELECT window_since, window_lookups FROM entries WHERE seq = ?1",
            params![seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let since = OffsetDateTime::parse(&since, &Rfc3339).unwrap_or_else(|_| self.clock_now());
        Ok((since, u32::try_from(lookups).unwrap_or(0)))
    }

    /// The outcome is unknown and only the cashier can settle it; `candidate` is the order a
    /// look-up thinks is probably it.
    pub fn hold_for_cashier(
        &self,
        seq: i64,
        hold: Hold,
        why: &str,
        candidate: Option<u64>,
    ) -> Result<(), JournalError> {
        self.writable()?;
        self.mark_needs_cashier(seq, why)?;
        let candidate = candidate.map(db_id).transpose()?;
        self.lock().execute(
            "UPDATE entries SET hold = ?2, candidate_order_id = ?3 WHERE seq = ?1",
            params![seq, hold.as_str(), candidate],
        )?;
        Ok(())
    }

    /// A row whose request cannot be read is set aside for the cashier; the others go on.
    pub fn quarantine(&self, seq: i64, detail: &str) -> Result<(), JournalError> {
        self.writable()?;
        let now = self.now();
        let why = format!(
            "This journal entry cannot be read ({detail}); it is not sent. Check the back \
             office for it and ring the sale up again if it is not there."
        );
        self.lock().execute(
            "UPDATE entries SET state = 'NeedsCashier', hold = 'quarantined', last_error = ?2,
             updated_at = ?3 WHERE seq = ?1 AND state IN ('Queued', 'Sending', 'Uncertain')",
            params![seq, why, now],
        )?;
        tracing::error!(seq, %detail, "journal entry unreadable: quarantined");
        Ok(())
    }

    /// Rows whose request or state cannot be read (quarantined or not), oldest first.
    pub fn unreadable(&self) -> Result<Vec<Unreadable>, JournalError> {
        let conn = self.lock();
        let sql = format!("SELECT {} FROM entries ORDER BY seq", super::ENTRY_COLUMNS);
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([], read_row)?;
        let mut out = Vec::new();
        for row in rows {
            let raw = row?;
            let (seq, reference, created_at, state) = (
                raw.seq,
                raw.reference.clone(),
                raw.created_at.clone(),
                raw.state.clone(),
            );
            if let Err(e) = raw.into_entry() {
                out.push(Unreadable {
                    seq,
                    reference,
                    created_at,
                    state,
                    detail: e.to_string(),
                });
            }
        }
        Ok(out)
    }

    /// Reads rows of `filter`, quarantining the unreadable ones on the way.
    pub(crate) fn readable(&self, filter: &str) -> Result<Vec<Entry>, JournalError> {
        let raws: Vec<RawEntry> = {
            let conn = self.lock();
            let sql = format!(
                "SELECT {} FROM entries {filter} ORDER BY seq",
                super::ENTRY_COLUMNS
            );
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map([], read_row)?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::new();
        for raw in raws {
            let seq = raw.seq;
            match raw.into_entry() {
                Ok(e) => out.push(e),
                Err(JournalError::Corrupt { detail, .. }) => self.quarantine(seq, &detail)?,
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// The oldest entry to put on the wire (`Queued`, or `Sending` left by an attempt that did
    /// not finish). An unreadable one is quarantined and skipped; a part of a split payment
    /// whose sale (or part before it) is not confirmed yet waits, the entries after it go on;
    /// a part whose sale was refused is refused with it.
    pub fn next_queued(&self) -> Result<Option<Entry>, JournalError> {
        let mut after = 0i64;
        loop {
            let raw = {
                let conn = self.lock();
                let sql = format!(
                    "SELECT {} FROM entries WHERE state IN ('Queued', 'Sending') AND seq > ?1
                     ORDER BY seq LIMIT 1",
                    super::ENTRY_COLUMNS
                );
                conn.query_row(&sql, params![after], read_row).optional()?
            };
            let Some(raw) = raw else { return Ok(None) };
            let seq = raw.seq;
            after = seq;
            match raw.into_entry() {
                Ok(e) => {
                    if let super::Request::Payment(part) = &e.request
                        && e.state == super::State::Queued
                    {
                        match self.part_readiness(seq, part)? {
                            super::split::Readiness::Ready(_) => return Ok(Some(e)),
                            super::split::Readiness::Wait => continue,
                            super::split::Readiness::SaleRefused(why) => {
                                self.mark_refused(seq, &why)?;
                                continue;
                            }
                        }
                    }
                    return Ok(Some(e));
                }
                Err(JournalError::Corrupt { detail, .. }) => self.quarantine(seq, &detail)?,
                Err(e) => return Err(e),
            }
        }
    }

    /// What the look-ups work on: uncertain entries; entries held because the look-up could
    /// not tell, created since `horizon` (found later, they are confirmed without the
    /// cashier); resent entries still watched (confirmed: for a double; refused: the first
    /// copy may land yet).
    pub fn lookup_targets(
        &self,
        horizon: OffsetDateTime,
    ) -> Result<Vec<(Entry, Settling)>, JournalError> {
        let now = self.now();
        let since = timestamp(horizon);
        // Only fixed text and our own timestamps are formatted in.
        // The parts of a split payment carry no reference: they are settled from their
        // order's paid amount (`split`), not here.
        let part = super::PART_PREFIX;
        let filter = format!(
            "WHERE request NOT LIKE '{part}%' AND (state = 'Uncertain'
             OR (state = 'NeedsCashier' AND hold IN ('blind', 'unreadable-lookups')
                 AND created_at >= '{since}')
             OR (state IN ('Confirmed', 'Refused') AND watch_until IS NOT NULL
                 AND watch_until > '{now}'))"
        );
        let entries = self.readable(&filter)?;
        entries
            .into_iter()
            .map(|e| {
                let s = self.settling(e.seq)?;
                Ok((e, s))
            })
            .collect()
    }

    /// True when some entry needs look-ups (see [`Journal::lookup_targets`]).
    pub fn has_lookup_targets(&self, horizon: OffsetDateTime) -> Result<bool, JournalError> {
        let now = self.now();
        let since = timestamp(horizon);
        let n: i64 = self.lock().query_row(
            "SELECT COUNT(*) FROM entries WHERE state = 'Uncertain'
             OR (state = 'NeedsCashier' AND hold IN ('blind', 'unreadable-lookups')
                 AND created_at >= ?1)
             OR (state IN ('Confirmed', 'Refused') AND watch_until IS NOT NULL
                 AND watch_until > ?2)",
            params![since, now],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// The most recent new order the server confirmed (by its answer or a look-up), the
    /// control of the look-ups. `None` before any.
    pub fn latest_control(&self) -> Result<Option<Control>, JournalError> {
        let row: Option<(i64, String, String, i64)> = self
            .lock()
            .query_row(
                "SELECT seq, reference, created_at, order_id FROM entries
                 WHERE state = 'Confirmed' AND kind = 'order' AND order_id IS NOT NULL
                   AND (confirmed_by IS NULL OR confirmed_by <> 'cashier')
                 ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        Ok(row.and_then(|(seq, reference, created, order_id)| {
            Some(Control {
                seq,
                reference,
                created_at: OffsetDateTime::parse(&created, &Rfc3339).ok()?,
                order_id: u64::try_from(order_id).ok()?,
            })
        }))
    }

    /// The most recent new order the server confirmed among those created before
    /// `created_at` (an entry's own time, as the journal wrote it).
    pub fn control_before(&self, created_at: &str) -> Result<Option<Control>, JournalError> {
        let row: Option<(i64, String, String, i64)> = self
            .lock()
            .query_row(
                "SELECT seq, reference, created_at, order_id FROM entries
                 WHERE state = 'Confirmed' AND kind = 'order' AND order_id IS NOT NULL
                   AND (confirmed_by IS NULL OR confirmed_by <> 'cashier')
                   AND created_at < ?1
                 ORDER BY seq DESC LIMIT 1",
                params![created_at],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        Ok(row.and_then(|(seq, reference, created, order_id)| {
            Some(Control {
                seq,
                reference,
                created_at: OffsetDateTime::parse(&created, &Rfc3339).ok()?,
                order_id: u64::try_from(order_id).ok()?,
            })
        }))
    }

    /// Order ids that confirmed entries already account for.
    pub fn claimed_order_ids(&self) -> Result<HashSet<u64>, JournalError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT order_id FROM entries WHERE order_id IS NOT NULL
             UNION SELECT double_order_id FROM entries WHERE double_order_id IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        let mut out = HashSet::new();
        for r in rows {
            if let Ok(id) = u64::try_from(r?) {
                out.insert(id);
            }
        }
        Ok(out)
    }

    /// A resent entry was confirmed: look it up for a double until `until`.
    pub fn watch_for_double(&self, seq: i64, until: OffsetDateTime) -> Result<(), JournalError> {
        self.writable()?;
        self.lock().execute(
            "UPDATE entries SET watch_until = ?2 WHERE seq = ?1",
            params![seq, timestamp(until)],
        )?;
        Ok(())
    }

    /// The watch is over.
    pub fn end_watch(&self, seq: i64) -> Result<(), JournalError> {
        self.writable()?;
        self.lock().execute(
            "UPDATE entries SET watch_until = NULL WHERE seq = ?1",
            params![seq],
        )?;
        Ok(())
    }

    /// The reference was found on a second order. True the first time (the double is news).
    pub fn mark_double(&self, seq: i64, second_order_id: u64) -> Result<bool, JournalError> {
        self.writable()?;
        let id = db_id(second_order_id)?;
        let n = self.lock().execute(
            "UPDATE entries SET double_order_id = ?2
             WHERE seq = ?1 AND double_order_id IS NULL AND state = 'Confirmed'
               AND order_id IS NOT NULL AND order_id <> ?2",
            params![seq, id],
        )?;
        if n == 1 {
            tracing::error!(seq, second_order_id, "sale recorded twice on the server");
        }
        Ok(n == 1)
    }

    /// Every sale caught recorded twice, oldest first.
    pub fn doubles(&self) -> Result<Vec<DoubleOrder>, JournalError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT seq, reference, order_id, double_order_id FROM entries
             WHERE double_order_id IS NOT NULL AND order_id IS NOT NULL ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, reference, kept, second) = row?;
            if let (Some(kept), Some(second)) = (id_of(Some(kept)), id_of(Some(second))) {
                out.push(DoubleOrder {
                    seq,
                    reference,
                    kept_order_id: kept,
                    second_order_id: second,
                });
            }
        }
        Ok(out)
    }

    /// The order to refund when this sale was recorded twice: the copy, not the order the
    /// journal confirmed (whose number the customer's receipt carries). `None` when the sale
    /// is recorded once.
    pub fn second_order(&self, seq: i64) -> Result<Option<u64>, JournalError> {
        Ok(self.settling(seq)?.double_order_id)
    }

    /// Entries waiting for the cashier, with why (`Hold`) and the probable order.
    pub fn held(&self) -> Result<Vec<(Entry, Settling)>, JournalError> {
        let entries = self.readable("WHERE state = 'NeedsCashier'")?;
        entries
            .into_iter()
            .map(|e| {
                let s = self.settling(e.seq)?;
                Ok((e, s))
            })
            .collect()
    }
}

/// An entry as `export` writes it in JSON: the entry's own fields, then where it stands in its
/// settling (held why, the probable order, the second order of a double).
#[derive(Debug, Serialize)]
pub struct Exported<'a> {
    #[serde(flatten)]
    pub entry: &'a Entry,
    pub hold: Option<Hold>,
    pub candidate_order_id: Option<u64>,
    pub double_order_id: Option<u64>,
    pub confirmed_by: Option<ConfirmedBy>,
}

impl<'a> Exported<'a> {
    pub fn new(entry: &'a Entry, s: Settling) -> Self {
        Self {
            entry,
            hold: s.hold,
            candidate_order_id: s.candidate_order_id,
            double_order_id: s.double_order_id,
            confirmed_by: s.confirmed_by,
        }
    }
}

/// The state an entry is in, as the export shows it: the state, `/double` when caught recorded
/// twice, `/hold` when waiting for the cashier.
pub fn export_state(entry: &Entry, s: &Settling) -> String {
    let mut text = entry.state.as_str().to_string();
    if let Some(h) = s.hold
        && entry.state == State::NeedsCashier
    {
        text.push('/');
        text.push_str(h.as_str());
    }
    if s.double_order_id.is_some() {
        text.push_str("/double");
    }
    text
}
