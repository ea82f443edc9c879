//! The drawer's shift as figures: what the till took since the last close, per payment mode,
//! and for cash what should be in the drawer (float + cash taken − cash refunded + in − out).
//! The X report shows them with nothing closed; the close (Z) adds the cash counted and the
//! difference, and is kept, numbered, in the journal's shift log. Pure but for [`figures`],
//! which reads the journal.

use rust_decimal::Decimal;
use serde_json::{Value, json};
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::i18n::{Lang, n, s};
use crate::journal::shift::{ShiftEvent, ShiftKind, open_shift};
use crate::journal::{Entry, Journal, JournalError};
use crate::kash::model::{PaymentKind, PaymentMode};
use crate::money::{MoneyStyle, format_money, wire_price};
use crate::print::layout::{Report, ReportRow};
use crate::report::{TillDay, tally};

/// The notes and coins of the euro, largest first: the count by note and coin.
pub const DENOMINATIONS: [Decimal; 15] = [
    Decimal::from_parts(500, 0, 0, false, 0),
    Decimal::from_parts(200, 0, 0, false, 0),
    Decimal::from_parts(100, 0, 0, false, 0),
    Decimal::from_parts(50, 0, 0, false, 0),
    Decimal::from_parts(20, 0, 0, false, 0),
    Decimal::from_parts(10, 0, 0, false, 0),
    Decimal::from_parts(5, 0, 0, false, 0),
    Decimal::from_parts(2, 0, 0, false, 0),
    Decimal::from_parts(1, 0, 0, false, 0),
    Decimal::from_parts(50, 0, 0, false, 2),
    Decimal::from_parts(20, 0, 0, false, 2),
    Decimal::from_parts(10, 0, 0, false, 2),
    Decimal::from_parts(5, 0, 0, false, 2),
    Decimal::from_parts(2, 0, 0, false, 2),
    Decimal::from_parts(1, 0, 0, false, 2),
];

/// The most a float, a cash movement or a count may be (a typing slip is refused, not kept).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The total of a count by note and coin; `None` past what a drawer can hold.
pub fn count_total(counts: &[(Decimal, u32)]) -> Option<Decimal> {
    counts
        .iter()
        .try_fold(Decimal::ZERO, |sum, (value, count)| {
            sum.checked_add(value.checked_mul(Decimal::from(*count))?)
                .filter(|t| *t <= MAX_AMOUNT)
        })
}

/// The shift now open, as figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftFigures {
    /// The number its close will take.
    pub number: i64,
    /// When the last close was (RFC 3339), if any: the shift began then.
    pub since: Option<String>,
    /// The float (the last one entered in this shift) and when it was entered.
    pub float: Option<(Decimal, String)>,
    /// Cash put in and taken out: (at, amount, reason, who).
    pub cash_in: Vec<(String, Decimal, String, String)>,
    pub cash_out: Vec<(String, Decimal, String, String)>,
    /// X reports taken in this shift.
    pub x_reports: usize,
    /// The sales, per payment mode.
    pub sales: TillDay,
    /// Cash modes: what was taken, refunded, and taken in sales not confirmed yet.
    pub cash_taken: Decimal,
    pub cash_refunded: Decimal,
    pub cash_unconfirmed: Decimal,
    /// The last journal entry these figures cover.
    pub entries_upto: i64,
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, Decimal::saturating_add)
}

impl ShiftFigures {
    pub fn float_amount(&self) -> Decimal {
        self.float.as_ref().map_or(Decimal::ZERO, |(a, _)| *a)
    }

    pub fn total_in(&self) -> Decimal {
        sum(self.cash_in.iter().map(|m| m.1))
    }

    pub fn total_out(&self) -> Decimal {
        sum(self.cash_out.iter().map(|m| m.1))
    }

    /// What the drawer should hold: float + cash taken (confirmed or not: the customer paid)
    /// − cash refunded + in − out.
    pub fn expected_cash(&self) -> Decimal {
        self.float_amount()
            .saturating_add(self.cash_taken)
            .saturating_add(self.cash_unconfirmed)
            .saturating_sub(self.cash_refunded)
            .saturating_add(self.total_in())
            .saturating_sub(self.total_out())
    }
}

/// The figures of the open shift from the journal's entries and shift events.
pub fn figures_of(
    entries: &[Entry],
    expected: &std::collections::HashMap<i64, Decimal, impl std::hash::BuildHasher>,
    events: &[ShiftEvent],
    modes: &[PaymentMode],
) -> ShiftFigures {
    let (open, last_close) = open_shift(events);
    let after = last_close.map_or(0, |c| c.entries_upto);
    let sales = tally(entries, expected, modes, |e| e.seq > after);
    let cash = |id: u64| {
        modes
            .iter()
            .any(|m| m.id == id && m.kind() == PaymentKind::Cash)
    };
    let moves = |kind: ShiftKind| {
        open.iter()
            .filter(|e| e.kind == kind)
            .filter_map(|e| Some((e.at.clone(), e.amount?, e.reason.clone(), e.who.clone())))
            .collect::<Vec<_>>()
    };
    ShiftFigures {
        number: last_close.and_then(|c| c.close_number).unwrap_or(0) + 1,
        since: last_close.map(|c| c.at.clone()),
        float: open
            .iter()
            .rev()
            .find(|e| e.kind == ShiftKind::Float)
            .and_then(|e| Some((e.amount?, e.at.clone()))),
        cash_in: moves(ShiftKind::CashIn),
        cash_out: moves(ShiftKind::CashOut),
        x_reports: open.iter().filter(|e| e.kind == ShiftKind::X).count(),
        cash_taken: sum(sales.by_mode.iter().filter(|m| cash(m.0)).map(|m| m.3)),
        // Refund totals are negative.
        cash_refunded: sum(sales
            .refunds_by_mode
            .iter()
            .filter(|m| cash(m.0))
            .map(|m| -m.2)),
        cash_unconfirmed: sum(sales
            .unconfirmed_by_mode
            .iter()
            .filter(|m| cash(m.0))
            .map(|m| m.1)),
        entries_upto: entries.iter().map(|e| e.seq).max().unwrap_or(0).max(after),
        sales,
    }
}

/// The figures of the open shift, read from the journal.
pub fn figures(journal: &Journal) -> Result<ShiftFigures, JournalError> {
    let events = journal.shift_events()?;
    let after = open_shift(&events).1.map_or(0, |c| c.entries_upto);
    let entries: Vec<Entry> = journal
        .all()?
        .into_iter()
        .filter(|e| e.seq > after)
        .collect();
    let mut expected = std::collections::HashMap::new();
    for e in &entries {
        if let Some(total) = journal.settling(e.seq)?.expected_total {
            expected.insert(e.seq, total);
        }
    }
    let mut figures = figures_of(
        &entries,
        &expected,
        &events,
        &crate::report::saved_modes(journal),
    );
    figures.entries_upto = figures.entries_upto.max(after);
    Ok(figures)
}

/// A close as the till counted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub amount: Decimal,
    pub counts: Option<Vec<(Decimal, u32)>>,
}

impl Counted {
    pub fn difference(&self, figures: &ShiftFigures) -> Decimal {
        self.amount.saturating_sub(figures.expected_cash())
    }
}

/// The figures as JSON: kept with an X or a close in the journal, and in the close's export.
pub fn to_json(figures: &ShiftFigures, counted: Option<&Counted>) -> Value {
    let mut v = json!({
        "shift": figures.number,
        "since": figures.since,
        "float": wire_price(figures.float_amount()),
        "cash_in": wire_price(figures.total_in()),
        "cash_out": wire_price(figures.total_out()),
        "cash_taken": wire_price(figures.cash_taken),
        "cash_refunded": wire_price(figures.cash_refunded),
        "cash_unconfirmed": wire_price(figures.cash_unconfirmed),
        "expected_cash": wire_price(figures.expected_cash()),
        "by_mode": figures.sales.by_mode.iter().map(|(id, title, count, total)| json!({
            "mode_id": id, "title": title, "payments": count, "total": wire_price(*total),
        })).collect::<Vec<_>>(),
        "payments": figures.sales.payments(),
        "total": wire_price(figures.sales.total()),
        "refunds": {
            "count": figures.sales.refunds.0,
            "total": wire_price(figures.sales.refunds.1),
        },
        "discounts": {
            "count": figures.sales.discounts.0,
            "total": wire_price(figures.sales.discounts.1),
        },
        "unconfirmed": {
            "count": figures.sales.unconfirmed.0,
            "total": wire_price(figures.sales.unconfirmed.1),
        },
        "entries_upto": figures.entries_upto,
    });
    if let Some(c) = counted {
        v["counted"] = json!(wire_price(c.amount));
        v["difference"] = json!(wire_price(c.difference(figures)));
        if let Some(counts) = &c.counts {
            v["counts"] = counts
                .iter()
                .map(|(value, count)| json!([wire_price(*value), count]))
                .collect();
        }
    }
    v
}

/// The local time of an RFC 3339 instant, `HH:MM` (the date too when it is not `today`).
pub fn local_time(at: &str, offset: UtcOffset, today: Option<time::Date>) -> String {
    let Ok(t) = OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339) else {
        return at.to_string();
    };
    let t = t.to_offset(offset);
    let hm = format!("{:02}:{:02}", t.hour(), t.minute());
    if today == Some(t.date()) {
        hm
    } else {
        format!("{} {hm}", t.date())
    }
}

/// The X report (`counted: None`) or the close (Z) as rows, for the screen, the printer and
/// the export.
pub fn report(
    figures: &ShiftFigures,
    counted: Option<&Counted>,
    close_number: Option<i64>,
    at: PrimitiveDateTime,
    offset: UtcOffset,
    lang: Lang,
    style: MoneyStyle,
) -> Report {
    let money = |d: Decimal| format_money(d, style);
    let title = match close_number {
        Some(number) => lang.ta("shift-z-title", &[("number", n(number))]),
        None => lang.ta("shift-x-title", &[("number", n(figures.number))]),
    };
    let today = Some(at.date());
    let mut rows = Vec::new();
    if let Some(since) = &figures.since {
        rows.push(ReportRow::Text(
            lang.t("shift-since"),
            local_time(since, offset, today),
        ));
    }
    rows.push(ReportRow::Heading(lang.t("shift-sales")));
    for (_, title, count, total) in &figures.sales.by_mode {
        rows.push(ReportRow::Text(
            lang.ta(
                "shift-mode-count",
                &[("mode", s(title)), ("count", n(*count))],
            ),
            money(*total),
        ));
    }
    rows.push(ReportRow::Text(
        lang.ta(
            "shift-total-count",
            &[("count", n(figures.sales.payments()))],
        ),
        money(figures.sales.total()),
    ));
    if figures.sales.refunds.0 > 0 {
        rows.push(ReportRow::Text(
            lang.ta(
                "shift-refunds-count",
                &[("count", n(figures.sales.refunds.0))],
            ),
            money(figures.sales.refunds.1),
        ));
    }
    if figures.sales.discounts.0 > 0 {
        // What the discounts took off the sales above (their totals are after discount).
        rows.push(ReportRow::Text(
            lang.ta(
                "shift-discounts-count",
                &[("count", n(figures.sales.discounts.0))],
            ),
            money(-figures.sales.discounts.1),
        ));
    }
    if figures.sales.unconfirmed.0 > 0 {
        rows.push(ReportRow::Text(
            lang.ta(
                "shift-unconfirmed-count",
                &[("count", n(figures.sales.unconfirmed.0))],
            ),
            money(figures.sales.unconfirmed.1),
        ));
    }
    if figures.sales.parked > 0 || figures.sales.validated_unpaid > 0 {
        rows.push(ReportRow::Text(
            lang.t("shift-unpaid"),
            (figures.sales.parked + figures.sales.validated_unpaid).to_string(),
        ));
    }
    rows.push(ReportRow::Rule);
    rows.push(ReportRow::Heading(lang.t("shift-cash")));
    rows.push(ReportRow::Amount(
        lang.t("shift-float"),
        figures.float_amount(),
    ));
    rows.push(ReportRow::Amount(
        lang.t("shift-cash-taken"),
        figures.cash_taken,
    ));
    if !figures.cash_unconfirmed.is_zero() {
        rows.push(ReportRow::Amount(
            lang.t("shift-cash-unconfirmed"),
            figures.cash_unconfirmed,
        ));
    }
    rows.push(ReportRow::Amount(
        lang.t("shift-cash-refunded"),
        figures.cash_refunded,
    ));
    rows.push(ReportRow::Amount(
        lang.t("shift-cash-in"),
        figures.total_in(),
    ));
    rows.push(ReportRow::Amount(
        lang.t("shift-cash-out"),
        figures.total_out(),
    ));
    rows.push(ReportRow::Amount(
        lang.t("shift-expected"),
        figures.expected_cash(),
    ));
    if let Some(c) = counted {
        rows.push(ReportRow::Rule);
        if let Some(counts) = &c.counts {
            for (value, count) in counts.iter().filter(|(_, c)| *c > 0) {
                rows.push(ReportRow::Text(
                    format!("{count} × {}", money(*value)),
                    money(value.saturating_mul(Decimal::from(*count))),
                ));
            }
        }
        rows.push(ReportRow::Amount(lang.t("shift-counted"), c.amount));
        rows.push(ReportRow::Amount(
            lang.t("shift-difference"),
            c.difference(figures),
        ));
    }
    if !figures.cash_in.is_empty() || !figures.cash_out.is_empty() {
        rows.push(ReportRow::Rule);
        rows.push(ReportRow::Heading(lang.t("shift-moves")));
        for (at_, amount, reason, _) in &figures.cash_in {
            rows.push(ReportRow::Text(
                format!("{} {reason}", local_time(at_, offset, today)),
                money(*amount),
            ));
        }
        for (at_, amount, reason, _) in &figures.cash_out {
            rows.push(ReportRow::Text(
                format!("{} {reason}", local_time(at_, offset, today)),
                money(-*amount),
            ));
        }
    }
    Report { title, at, rows }
}

/// Whether `event` happened on `day` (in `offset`'s time).
fn on_day(event: &ShiftEvent, day: time::Date, offset: UtcOffset) -> bool {
    OffsetDateTime::parse(&event.at, &time::format_description::well_known::Rfc3339)
        .is_ok_and(|t| t.to_offset(offset).date() == day)
}

/// The shift events of `day` as lines for `kash-pos report --till`.
pub fn day_events(
    events: &[ShiftEvent],
    day: time::Date,
    offset: UtcOffset,
    lang: Lang,
    style: MoneyStyle,
) -> Vec<String> {
    let money = |d: Decimal| format_money(d, style);
    events
        .iter()
        .filter(|e| on_day(e, day, offset))
        .map(|e| {
            let at = local_time(&e.at, offset, Some(day));
            let amount = money(e.amount.unwrap_or_default());
            let line = match e.kind {
                ShiftKind::Float => lang.ta("shift-event-float", &[("amount", s(amount))]),
                ShiftKind::CashIn => lang.ta(
                    "shift-event-in",
                    &[("amount", s(amount)), ("reason", s(&e.reason))],
                ),
                ShiftKind::CashOut => lang.ta(
                    "shift-event-out",
                    &[("amount", s(amount)), ("reason", s(&e.reason))],
                ),
                ShiftKind::X => lang.t("shift-event-x"),
                ShiftKind::Close => {
                    let v: Value = e
                        .figures
                        .as_deref()
                        .and_then(|f| serde_json::from_str(f).ok())
                        .unwrap_or_default();
                    let field = |k: &str| {
                        v[k].as_str()
                            .and_then(|t| t.parse::<Decimal>().ok())
                            .map_or_else(|| "?".to_string(), money)
                    };
                    lang.ta(
                        "shift-event-close",
                        &[
                            ("number", n(e.close_number.unwrap_or_default())),
                            ("counted", s(amount)),
                            ("expected", s(field("expected_cash"))),
                            ("difference", s(field("difference"))),
                        ],
                    )
                }
            };
            format!("{at}  {line} ({})", e.who)
        })
        .collect()
}

/// The shift events of `day` as JSON, for `kash-pos report --till --json`.
pub fn events_json(events: &[ShiftEvent], day: time::Date, offset: UtcOffset) -> Value {
    events
        .iter()
        .filter(|e| on_day(e, day, offset))
        .map(|e| {
            json!({
                "seq": e.seq,
                "at": e.at,
                "kind": e.kind.wire(),
                "who": e.who,
                "user_id": e.user_id,
                "cashbox_id": e.cashbox_id,
                "amount": e.amount.map(wire_price),
                "reason": e.reason,
                "close_number": e.close_number,
                "figures": e.figures.as_deref().and_then(|f| serde_json::from_str::<Value>(f).ok()),
            })
        })
        .collect()
}

/// A close as it was written: its event, the figures it closed, the count, and its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedShift {
    pub event: crate::journal::shift::ShiftEvent,
    pub figures: crate::shift::ShiftFigures,
    pub counted: crate::shift::Counted,
    /// The report's file beside the journal, or why it could not be written.
    pub export: Result<std::path::PathBuf, String>,
}
