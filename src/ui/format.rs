//! Words and figures the screens show: ages of orders, the freshness of the open-orders list.

use time::OffsetDateTime;

use crate::app::state::{App, Severity};
use crate::i18n::s;

/// "order 12" → "Order 12".
pub fn capital(s: &str) -> String {
    crate::app::actions::capitalise(s)
}

/// The age of an order from its ISO 8601 date, at `now`.
pub fn age(date: &str, now: Option<OffsetDateTime>) -> Option<time::Duration> {
    let now = now?;
    let when = parse_date(date)?;
    Some(now - when)
}

/// An order's age for a list: "12 min", or why it is not known ("no date" when the server sent
/// none, "bad date" when it could not be read) — never a bare "?".
pub fn age_cell(date: &str, now: Option<OffsetDateTime>, lang: crate::i18n::Lang) -> String {
    if date.trim().is_empty() {
        return lang.t("age-no-date");
    }
    match (parse_date(date), now) {
        (None, _) => lang.t("age-bad-date"),
        (Some(_), None) => "—".to_string(),
        (Some(when), Some(now)) => format_age(now - when),
    }
}

/// The notes under a list of orders whose ages are not all known: how many, and why.
pub fn undated_notes<'a>(
    dates: impl Iterator<Item = &'a str>,
    lang: crate::i18n::Lang,
) -> Vec<String> {
    let (mut none, mut bad) = (0usize, 0usize);
    for d in dates {
        if d.trim().is_empty() {
            none += 1;
        } else if parse_date(d).is_none() {
            bad += 1;
        }
    }
    let mut notes = Vec::new();
    if none > 0 {
        notes.push(lang.ta("orders-note-no-date", &[("count", crate::i18n::n(none))]));
    }
    if bad > 0 {
        notes.push(lang.ta("orders-note-bad-date", &[("count", crate::i18n::n(bad))]));
    }
    notes
}

/// An order's date: RFC 3339, ISO 8601, or "2026-11-22 10:31:05" taken as UTC.
pub fn parse_date(date: &str) -> Option<OffsetDateTime> {
    use time::format_description::well_known::{Iso8601, Rfc3339};
    let d = date.trim();
    OffsetDateTime::parse(d, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(d, &Iso8601::DEFAULT))
        .ok()
        .or_else(|| {
            let f =
                time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
            time::PrimitiveDateTime::parse(d, &f)
                .ok()
                .map(time::PrimitiveDateTime::assume_utc)
        })
}

/// "45 s", "12 min", "2 h 05".
pub fn format_age(d: time::Duration) -> String {
    let s = d.whole_seconds().max(0);
    if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min", s / 60)
    } else {
        format!("{} h {:02}", s / 3600, (s % 3600) / 60)
    }
}

/// What the screens say about the freshness of the open-orders list.
pub fn freshness(app: &App) -> (Severity, String) {
    let p = &app.orders.pending;
    let now = app.orders.now;
    let l = app.settings.lang;
    let ago = |t: OffsetDateTime| {
        now.map_or_else(String::new, |n| {
            format!(" {}", l.ta("fresh-ago", &[("age", s(format_age(n - t)))]))
        })
    };
    match (&p.error, p.refreshed_at) {
        (Some((why, _)), Some(at)) => (
            Severity::Warning,
            l.ta(
                "fresh-failed",
                &[("ago", s(ago(at))), ("why", s(why.as_str()))],
            ),
        ),
        (Some((why, _)), None) => (
            Severity::Error,
            l.ta("fresh-not-loaded", &[("why", s(why.as_str()))]),
        ),
        (None, Some(at)) => (
            Severity::Info,
            format!(
                "{}{}",
                l.ta("fresh-updated", &[("ago", s(ago(at)))]),
                if p.refreshing {
                    l.t("fresh-refreshing")
                } else {
                    String::new()
                }
            ),
        ),
        (None, None) => (Severity::Info, l.t("fresh-loading")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn ages_read_every_date_form() {
        let now = Some(datetime!(2026-11-22 12:00:00 UTC));
        let a = |d: &str| age(d, now).map(format_age);
        assert_eq!(a("2026-11-22T11:59:15Z").as_deref(), Some("45 s"));
        assert_eq!(a("2026-11-22 11:48:00").as_deref(), Some("12 min"));
        assert_eq!(a("2026-11-22T10:55:00+01:00").as_deref(), Some("2 h 05"));
        assert_eq!(a(""), None);
        assert_eq!(age("2026-11-22T11:00:00Z", None), None);
    }
}
