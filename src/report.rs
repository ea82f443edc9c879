//! `kash-pos report`: the server's report of a day (`getSales.php`, the bytes exactly as sent,
//! to a file or standard output), and this till's own figures of a day from its journal. Both
//! are read-only and run beside an open till.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::{Value, json};
use time::{Date, OffsetDateTime, UtcOffset};

use crate::i18n::{Lang, n, s};
use crate::journal::{Entry, Journal, Request, State};
use crate::kash::client::{Day, SalesFormat, SalesReport};
use crate::kash::model::PaymentMode;
use crate::kash::order::Payment;
use crate::money::{MoneyStyle, format_money};

/// Reads `YYYY-MM-DD`; a day after `today` is refused (the server has no sales for it).
pub fn parse_day(text: &str, today: Date, lang: Lang) -> Result<Date, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let day = Date::parse(text.trim(), &format)
        .map_err(|_| lang.ta("report-bad-day", &[("day", s(text))]))?;
    if day > today {
        return Err(lang.ta("report-future-day", &[("day", s(text))]));
    }
    Ok(day)
}

pub fn wire_day(day: Date) -> Day {
    Day {
        day: day.day(),
        month: u8::from(day.month()),
        year: day.year(),
    }
}

/// Formats that are not text: never written to a terminal.
pub fn is_binary(format: SalesFormat) -> bool {
    matches!(format, SalesFormat::Pdf | SalesFormat::Xls)
}

/// Refuses an answer that cannot be the report asked for: empty, or an HTML page where a file
/// was asked for (an error page, a log-in page).
pub fn check_answer(format: SalesFormat, report: &SalesReport, lang: Lang) -> Result<(), String> {
    let body = report.bytes.trim_ascii_start();
    if body.is_empty() {
        return Err(lang.ta("report-empty", &[("format", s(format.wire()))]));
    }
    let head = String::from_utf8_lossy(&body[..body.len().min(64)]).to_ascii_lowercase();
    let html = head.starts_with("<!doctype html") || head.starts_with("<html");
    if html && format != SalesFormat::Std {
        return Err(lang.ta("report-html", &[("format", s(format.wire()))]));
    }
    if format == SalesFormat::Pdf && !body.starts_with(b"%PDF") {
        return Err(lang.ta("report-not-pdf", &[]));
    }
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it, flushed to disk,
/// then renamed over the final name (a full disk leaves nothing under that name).
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// This till's figures of one day, from its journal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TillDay {
    /// Per payment mode: (mode id, title, payments, total), in mode order.
    pub by_mode: Vec<(u64, String, usize, Decimal)>,
    /// Refunds (a negative order, or a refund mode): count and total (negative).
    pub refunds: (usize, Decimal),
    /// Orders parked open (not paid) and validated unpaid.
    pub parked: usize,
    pub validated_unpaid: usize,
    /// Sales not confirmed by the server yet (queued, sending, unknown outcome, waiting for
    /// the cashier): count and their total where known.
    pub unconfirmed: (usize, Decimal),
    /// Sales the server refused.
    pub refused: usize,
    /// Payments whose amount the journal does not hold (paid "in full" on a recalled order).
    pub amount_on_server: usize,
    /// Refunds per payment mode: (mode id, count, total, negative).
    pub refunds_by_mode: Vec<(u64, usize, Decimal)>,
    /// Sales not confirmed yet, per payment mode: (mode id, total).
    pub unconfirmed_by_mode: Vec<(u64, Decimal)>,
    /// Discounts granted on the sales not refused: the sales with one and what they took off
    /// (a refund's discount counts negative: it gave back less).
    pub discounts: (usize, Decimal),
}

impl TillDay {
    pub fn total(&self) -> Decimal {
        self.by_mode.iter().map(|(_, _, _, t)| *t).sum()
    }

    pub fn payments(&self) -> usize {
        self.by_mode.iter().map(|(_, _, n, _)| *n).sum()
    }
}

/// The figures of `day` (in `offset`'s time) over the journal's entries; `expected` holds the
/// total the till showed for each sale (by entry), used where the lines take the catalog's price.
pub fn till_day(
    entries: &[Entry],
    expected: &std::collections::HashMap<i64, Decimal, impl std::hash::BuildHasher>,
    day: Date,
    offset: UtcOffset,
    modes: &[PaymentMode],
) -> TillDay {
    tally(entries, expected, modes, |e| {
        OffsetDateTime::parse(
            &e.created_at,
            &time::format_description::well_known::Rfc3339,
        )
        .is_ok_and(|at| at.to_offset(offset).date() == day)
    })
}

/// The figures of the entries `include` keeps (a day, a shift).
pub fn tally(
    entries: &[Entry],
    expected: &std::collections::HashMap<i64, Decimal, impl std::hash::BuildHasher>,
    modes: &[PaymentMode],
    include: impl Fn(&Entry) -> bool,
) -> TillDay {
    let mut out = TillDay::default();
    let title = |id: u64| {
        modes
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| format!("mode {id}"), |m| m.title.clone())
    };
    let refund_mode = |id: u64| modes.iter().any(|m| m.id == id && m.is_refund());
    // Sales paid in parts (split at the counter): the order goes validated unpaid, the parts pay.
    let split: std::collections::HashSet<i64> = entries
        .iter()
        .filter_map(|e| match &e.request {
            Request::Payment(p) => Some(p.sale_seq),
            _ => None,
        })
        .collect();
    for e in entries {
        if !include(e) {
            continue;
        }
        let discount = match &e.request {
            Request::NewOrder(o) => o.discount,
            Request::Edit(edit) => edit.changes.discount,
            Request::Payment(_) => Decimal::ZERO,
        };
        if !discount.is_zero() && e.state != State::Refused {
            out.discounts.0 += 1;
            out.discounts.1 = out.discounts.1.saturating_add(discount);
        }
        let (payment, amount) = match &e.request {
            Request::NewOrder(o) => (
                o.payment,
                crate::journal::delivery::order_total(o).or_else(|| expected.get(&e.seq).copied()),
            ),
            Request::Payment(part) => (Payment::Mode(part.mode_id), Some(part.amount)),
            Request::Edit(edit) => (
                edit.changes.payment,
                edit.payment_amount.or_else(|| {
                    crate::journal::delivery::order_total(&edit.changes).filter(|t| !t.is_zero())
                }),
            ),
        };
        if split.contains(&e.seq) {
            // Its parts are counted, each under its mode.
            continue;
        }
        match e.state {
            State::Confirmed => {}
            State::Refused => {
                out.refused += 1;
                continue;
            }
            _ => {
                out.unconfirmed.0 += 1;
                out.unconfirmed.1 += amount.unwrap_or_default();
                if let (Payment::Mode(id), Some(amount)) = (payment, amount) {
                    match out.unconfirmed_by_mode.iter_mut().find(|(m, _)| *m == id) {
                        Some((_, t)) => *t += amount,
                        None => out.unconfirmed_by_mode.push((id, amount)),
                    }
                }
                continue;
            }
        }
        match payment {
            Payment::Open => {
                if matches!(e.request, Request::NewOrder(_)) {
                    out.parked += 1;
                }
            }
            Payment::Validated => out.validated_unpaid += 1,
            Payment::Mode(id) => {
                let Some(amount) = amount else {
                    out.amount_on_server += 1;
                    continue;
                };
                if amount < Decimal::ZERO || refund_mode(id) {
                    let refunded = if amount > Decimal::ZERO {
                        -amount
                    } else {
                        amount
                    };
                    out.refunds.0 += 1;
                    out.refunds.1 += refunded;
                    match out.refunds_by_mode.iter_mut().find(|(m, _, _)| *m == id) {
                        Some((_, n, t)) => {
                            *n += 1;
                            *t += refunded;
                        }
                        None => out.refunds_by_mode.push((id, 1, refunded)),
                    }
                    continue;
                }
                match out.by_mode.iter_mut().find(|(m, _, _, _)| *m == id) {
                    Some((_, _, n, t)) => {
                        *n += 1;
                        *t += amount;
                    }
                    None => out.by_mode.push((id, title(id), 1, amount)),
                }
            }
        }
    }
    out.by_mode.sort_by_key(|(id, _, _, _)| *id);
    out
}

/// The figures of `day` in the journal (entries and the totals the till showed).
pub fn till_day_of(
    journal: &Journal,
    day: Date,
    offset: UtcOffset,
) -> Result<TillDay, crate::journal::JournalError> {
    let entries = journal.all()?;
    let mut expected = std::collections::HashMap::new();
    for e in &entries {
        if let Some(total) = journal.settling(e.seq)?.expected_total {
            expected.insert(e.seq, total);
        }
    }
    Ok(till_day(
        &entries,
        &expected,
        day,
        offset,
        &saved_modes(journal),
    ))
}

/// The payment modes the till saved with its lists (names for the report), if any.
pub fn saved_modes(journal: &Journal) -> Vec<PaymentMode> {
    let Ok(Some((json, _))) = journal.load_cache("getPaymentModes") else {
        return Vec::new();
    };
    serde_json::from_str::<Value>(&json)
        .ok()
        .and_then(|v| crate::kash::client::parse_list::<PaymentMode>("getPaymentModes", v).ok())
        .map(|l| l.items)
        .unwrap_or_default()
}

impl TillDay {
    /// The figures as the terminal shows them.
    pub fn render(&self, day: Date, lang: Lang, style: MoneyStyle) -> String {
        let money = |d: Decimal| format_money(d, style);
        let mut rows: Vec<(String, String, String)> = vec![(
            lang.t("report-col-mode"),
            lang.t("report-col-payments"),
            lang.t("report-col-total"),
        )];
        for (_, title, count, total) in &self.by_mode {
            rows.push((title.clone(), count.to_string(), money(*total)));
        }
        rows.push((
            lang.t("report-total"),
            self.payments().to_string(),
            money(self.total()),
        ));
        if self.refunds.0 > 0 {
            rows.push((
                lang.t("report-refunds"),
                self.refunds.0.to_string(),
                money(self.refunds.1),
            ));
        }
        if self.discounts.0 > 0 {
            rows.push((
                lang.t("report-discounts"),
                self.discounts.0.to_string(),
                money(-self.discounts.1),
            ));
        }
        let w0 = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        let w1 = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
        let w2 = rows.iter().map(|r| r.2.chars().count()).max().unwrap_or(0);
        let mut out = lang.ta("report-till-title", &[("day", s(day.to_string()))]);
        out.push_str("\n\n");
        for (a, b, c) in &rows {
            out.push_str(&format!(
                "{a}{}  {}{b}  {}{c}\n",
                " ".repeat(w0 - a.chars().count()),
                " ".repeat(w1 - b.chars().count()),
                " ".repeat(w2 - c.chars().count()),
            ));
        }
        let mut notes = Vec::new();
        if self.parked > 0 || self.validated_unpaid > 0 {
            notes.push(lang.ta(
                "report-unpaid",
                &[
                    ("parked", n(self.parked)),
                    ("validated", n(self.validated_unpaid)),
                ],
            ));
        }
        if self.unconfirmed.0 > 0 {
            notes.push(lang.ta(
                "report-unconfirmed",
                &[
                    ("count", n(self.unconfirmed.0)),
                    ("total", s(money(self.unconfirmed.1))),
                ],
            ));
        }
        if self.refused > 0 {
            notes.push(lang.ta("report-refused", &[("count", n(self.refused))]));
        }
        if self.amount_on_server > 0 {
            notes.push(lang.ta(
                "report-amount-on-server",
                &[("count", n(self.amount_on_server))],
            ));
        }
        out.push('\n');
        for note in notes {
            out.push_str(&note);
            out.push('\n');
        }
        out
    }

    pub fn to_json(&self, day: Date) -> Value {
        json!({
            "day": day.to_string(),
            "by_mode": self.by_mode.iter().map(|(id, title, count, total)| json!({
                "mode_id": id,
                "title": title,
                "payments": count,
                "total": crate::money::wire_price(*total),
            })).collect::<Vec<_>>(),
            "payments": self.payments(),
            "total": crate::money::wire_price(self.total()),
            "refunds": { "count": self.refunds.0, "total": crate::money::wire_price(self.refunds.1) },
            "discounts": { "count": self.discounts.0, "total": crate::money::wire_price(self.discounts.1) },
            "parked": self.parked,
            "validated_unpaid": self.validated_unpaid,
            "unconfirmed": { "count": self.unconfirmed.0, "total": crate::money::wire_price(self.unconfirmed.1) },
            "refused": self.refused,
            "amount_on_server": self.amount_on_server,
        })
    }
}
