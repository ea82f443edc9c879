//! A sale paid in several tenders: the order, then each part (`editOrder.php` with `payment`
//! and `paymentAmount`), recorded together ([`Journal::record_split`]) and delivered in order.
//!
//! - A part goes on the wire only once its sale and every part before it are confirmed: the
//!   sale's order number is then known, and the order's paid amount before the part is exactly
//!   the sum of the parts before it.
//! - A part carries no reference the look-ups could find (a validated order's comments cannot
//!   change). A lost answer on a part is settled from the order itself, found by its number in
//!   the listings (`delivery::settle_part`): paid up to this part → confirmed at once; paid
//!   only as before it, by every look-up over a whole settle window (at least
//!   `SIGHTED_LOOKUPS_BEFORE_RESEND` of them) → sent again; the order not found, its paid
//!   amount not given, or any other amount → the cashier decides. Never paid twice on one
//!   look-up, never guessed.
//! - A sale refused by the server takes its parts with it: they are marked refused, unsent.

use rusqlite::{OptionalExtension as _, params};

use super::{Entry, Journal, JournalError, PartPayment, State};

/// Whether a part may go on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readiness {
    /// Its sale is the order with this number and the parts before it are confirmed.
    Ready(u64),
    /// The sale, or a part before it, is not confirmed yet.
    Wait,
    /// The sale was refused: the part is never sent.
    SaleRefused(String),
}

impl Journal {
    /// Where a part stands: may it go on the wire, and for which order.
    pub fn part_readiness(&self, seq: i64, part: &PartPayment) -> Result<Readiness, JournalError> {
        let conn = self.lock();
        let sale: Option<(String, Option<i64>, Option<String>)> = conn
            .query_row(
                "SELECT state, order_id, last_error FROM entries WHERE seq = ?1",
                params![part.sale_seq],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((state, order_id, error)) = sale else {
            return Ok(Readiness::SaleRefused(format!(
                "its sale (journal entry {}) is not in the journal",
                part.sale_seq
            )));
        };
        match State::parse(&state) {
            Some(State::Refused) => {
                return Ok(Readiness::SaleRefused(format!(
                    "the sale was refused ({})",
                    error.unwrap_or_default()
                )));
            }
            Some(State::Confirmed) => {}
            _ => return Ok(Readiness::Wait),
        }
        let Some(order_id) = order_id.and_then(|id| u64::try_from(id).ok()) else {
            return Ok(Readiness::Wait);
        };
        // The parts of a sale are the entries right after it (one transaction).
        let before: i64 = conn.query_row(
            "SELECT COUNT(*) FROM entries
             WHERE seq > ?1 AND seq < ?2 AND kind = 'edit' AND substr(request, 1, ?3) = ?4
               AND state <> 'Confirmed'",
            params![
                part.sale_seq,
                seq,
                i64::try_from(super::PART_PREFIX.len()).unwrap_or(0),
                super::PART_PREFIX
            ],
            |r| r.get(0),
        )?;
        Ok(if before == 0 {
            Readiness::Ready(order_id)
        } else {
            Readiness::Wait
        })
    }

    /// The parts whose outcome is unknown, oldest first.
    pub fn uncertain_parts(&self) -> Result<Vec<Entry>, JournalError> {
        // Only fixed text is formatted in.
        self.readable(&format!(
            "WHERE state = 'Uncertain' AND kind = 'edit' AND request LIKE '{}%'",
            super::PART_PREFIX
        ))
    }
}
