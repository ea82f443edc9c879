//! Money and quantities over `rust_decimal`: tolerant parsing of what the wire and the cashier send,
//! explicit rounding, and formatting for the wire (`12.50`) and for the screen (`12,50 €`).

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds an amount to cents, half away from zero (the rule French tills print).
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Characters that group thousands: spaces (plain, no-break, narrow no-break, thin) and the
/// apostrophe (`1'234.50`).
fn is_space_group(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

/// Parses an amount or quantity as the wire or a person writes it: `14.50`, `14,50`,
/// ` 1 234,5 `, `1.234,50`, `1,234.50`, `1 234.50` (with a no-break space too), `12 €`, `-3`.
/// Returns `None` for anything else (no silent zero, no guess):
///
/// - Thousands groups must be groups: one to three digits, then groups of exactly three, one
///   kind of separator. `"12 50"` is refused, not read as 1250.
/// - With both `.` and `,`, the later one is the decimal point. With one of them only, once, it
///   is the decimal point (`1,234` is 1.234, as a French till reads it); several times, it groups
///   thousands (`1.234.567`).
/// - No exponent, no `NaN`, nothing beyond what a `Decimal` holds.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    plain_decimal(text).or_else(|| any_decimal(text))
}

/// [`parse_decimal`] for every form it takes.
fn any_decimal(text: &str) -> Option<Decimal> {
    let trim = |t: &str| -> String { t.trim_matches(|c: char| c.is_whitespace()).to_string() };
    let mut rest = trim(text);
    let mut negative = false;
    if let Some(r) = rest.strip_prefix(['-', '+']) {
        negative = rest.starts_with('-');
        rest = trim(r);
    }
    if let Some(r) = rest.strip_prefix('€') {
        rest = trim(r);
    }
    if let Some(r) = rest.strip_suffix('€') {
        rest = trim(r);
    }
    if rest.is_empty()
        || !rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space_group(c))
    {
        return None;
    }
    let dots = rest.matches('.').count();
    let commas = rest.matches(',').count();
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots > 1 => None,
        (0, _) if commas > 1 => None,
        (1, 0) => Some('.'),
        (0, 1) => Some(','),
        _ => {
            // Both: the later one is the decimal point, and it is there once.
            let later = if rest.rfind('.') > rest.rfind(',') {
                '.'
            } else {
                ','
            };
            if rest.matches(later).count() != 1 {
                return None;
            }
            Some(later)
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(d) => rest.split_once(d)?,
        None => (rest.as_str(), ""),
    };
    if !frac_part.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = integer_digits(int_part)?;
    if digits.is_empty() && frac_part.is_empty() {
        return None;
    }
    let sign = if negative { "-" } else { "" };
    let int = if digits.is_empty() { "0" } else { &digits };
    let plain = if frac_part.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac_part}")
    };
    plain.parse::<Decimal>().ok()
}

/// The common form, `-?digits(.digits)?` and no more, read with no copy; `None` for any other
/// form (spaces, a comma, groups, a sign written `+`, a euro sign), which the full reading takes.
fn plain_decimal(text: &str) -> Option<Decimal> {
    let b = text.as_bytes();
    let digits = b.strip_prefix(b"-").unwrap_or(b);
    let (int, frac) = match digits.iter().position(|&c| c == b'.') {
        Some(dot) => (&digits[..dot], &digits[dot + 1..]),
        None => (digits, &[][..]),
    };
    // Up to 28 digits fit a Decimal whatever they are; longer is left to the full reading.
    if int.is_empty()
        || int.len() + frac.len() > 28
        || !int.iter().all(u8::is_ascii_digit)
        || !frac.iter().all(u8::is_ascii_digit)
        || (digits.len() > int.len() && frac.is_empty())
    {
        return None;
    }
    text.parse::<Decimal>().ok()
}

/// The digits of an integer part written with or without thousands groups; `None` when the
/// groups are not groups (`12 50`, `1,23,456`, mixed separators).
fn integer_digits(part: &str) -> Option<String> {
    let separators: Vec<char> = part.chars().filter(|c| !c.is_ascii_digit()).collect();
    let Some(&first) = separators.first() else {
        return Some(part.to_string());
    };
    let same_kind = |c: &char| {
        if is_space_group(first) {
            is_space_group(*c)
        } else {
            *c == first
        }
    };
    if !separators.iter().all(same_kind) {
        return None;
    }
    let mut groups = part.split(|c: char| !c.is_ascii_digit());
    let head = groups.next()?;
    if head.is_empty() || head.len() > 3 {
        return None;
    }
    let mut digits = head.to_string();
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        digits.push_str(group);
    }
    Some(digits)
}

/// The wire form of a price: `.` decimal point, exactly two decimals (`14.50`, `-3.00`).
pub fn wire_price(amount: Decimal) -> String {
    format!("{:.2}", round_cents(amount))
}

/// The wire form of a quantity: `.` decimal point, no trailing zeros (`3`, `0.35`, `-1`).
pub fn wire_quantity(quantity: Decimal) -> String {
    let q = quantity.normalize();
    if q.is_zero() {
        "0".to_string()
    } else {
        q.to_string()
    }
}

/// How amounts are written on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MoneyStyle {
    /// `1 234,50 €`
    #[default]
    French,
    /// `€1,234.50`
    English,
}

/// Formats an amount for the cashier, rounded to cents, with the currency sign.
pub fn format_money(amount: Decimal, style: MoneyStyle) -> String {
    let plain = format_amount(amount, style);
    match style {
        MoneyStyle::French => format!("{plain} €"),
        MoneyStyle::English => {
            if let Some(rest) = plain.strip_prefix('-') {
                format!("-€{rest}")
            } else {
                format!("€{plain}")
            }
        }
    }
}

/// Formats an amount without currency sign: `1 234,50` or `1,234.50`.
pub fn format_amount(amount: Decimal, style: MoneyStyle) -> String {
    let (decimal_sep, group_sep) = match style {
        MoneyStyle::French => (',', '\u{202f}'),
        MoneyStyle::English => ('.', ','),
    };
    let text = format!("{:.2}", round_cents(amount));
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(group_sep);
        }
        grouped.push(ch);
    }
    let sign = if round_cents(amount).is_zero() {
        ""
    } else {
        sign
    };
    format!("{sign}{grouped}{decimal_sep}{frac_part}")
}

/// Formats a quantity for the screen: `3`, `0,352` (French) or `0.352`.
pub fn format_quantity(quantity: Decimal, style: MoneyStyle) -> String {
    let text = wire_quantity(quantity);
    match style {
        MoneyStyle::French => text.replace('.', ","),
        MoneyStyle::English => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn parses_wire_and_human_forms() {
        assert_eq!(parse_decimal("14.50"), Some(dec!(14.50)));
        assert_eq!(parse_decimal("14,50"), Some(dec!(14.50)));
        assert_eq!(parse_decimal(" 1 234,5 "), Some(dec!(1234.5)));
        assert_eq!(parse_decimal("1,234.50"), Some(dec!(1234.50)));
        assert_eq!(parse_decimal("1.234,50"), Some(dec!(1234.50)));
        assert_eq!(parse_decimal("-3"), Some(dec!(-3)));
        assert_eq!(parse_decimal("0.350"), Some(dec!(0.350)));
        assert_eq!(parse_decimal("12 €"), Some(dec!(12)));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "", " ", "abc", "1.2.3", "1,2,3", "-", ".", "12a", "1e5", "NaN", "--3", "3-", "1 2",
            "€", "- €",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn thousands_groups_are_read_and_ambiguous_numbers_refused() {
        for (text, value) in [
            ("1 234,50", dec!(1234.50)),
            ("1\u{a0}234,50", dec!(1234.50)),
            ("1\u{202f}234,50 €", dec!(1234.50)),
            ("1.234,50", dec!(1234.50)),
            ("1,234.50", dec!(1234.50)),
            ("1 234.50", dec!(1234.50)),
            ("1'234.50", dec!(1234.50)),
            ("12 345 678,9", dec!(12345678.9)),
            ("1.234.567", dec!(1234567)),
            ("1,234,567.01", dec!(1234567.01)),
            ("1 234", dec!(1234)),
            ("-1 234,50", dec!(-1234.50)),
            ("-€3.00", dec!(-3.00)),
            ("€12.50", dec!(12.50)),
            ("1,234", dec!(1.234)),
            (".5", dec!(0.5)),
            ("12.", dec!(12)),
        ] {
            assert_eq!(parse_decimal(text), Some(value), "{text:?}");
        }
        for ambiguous in [
            "12 50",
            "1 23,50",
            "1 2345",
            "1234 567",
            " 234,50x",
            "1.234 567,00",
            "1,23,456.00",
            "1.234.56",
            "1,234,56",
            "1.234,56.7",
            "12,50.3,1",
            "1 234,5 6",
            ",",
            "1 ,5",
        ] {
            assert_eq!(parse_decimal(ambiguous), None, "{ambiguous:?}");
        }
    }

    #[test]
    fn beyond_a_decimal_is_refused_not_a_panic() {
        assert_eq!(parse_decimal(&"9".repeat(40)), None);
        assert_eq!(
            parse_decimal("9999999999999999999999999999"),
            Some(dec!(9999999999999999999999999999))
        );
    }

    #[test]
    fn wire_forms() {
        assert_eq!(wire_price(dec!(14.5)), "14.50");
        assert_eq!(wire_price(dec!(2.005)), "2.01");
        assert_eq!(wire_price(dec!(-2.005)), "-2.01");
        assert_eq!(wire_price(dec!(0)), "0.00");
        assert_eq!(wire_quantity(dec!(3.000)), "3");
        assert_eq!(wire_quantity(dec!(0.350)), "0.35");
        assert_eq!(wire_quantity(dec!(-1)), "-1");
    }

    #[test]
    fn screen_forms() {
        assert_eq!(
            format_money(dec!(1234.5), MoneyStyle::French),
            "1\u{202f}234,50 €"
        );
        assert_eq!(format_money(dec!(12.5), MoneyStyle::English), "€12.50");
        assert_eq!(format_money(dec!(-3), MoneyStyle::English), "-€3.00");
        assert_eq!(format_money(dec!(-0.001), MoneyStyle::French), "0,00 €");
        assert_eq!(format_quantity(dec!(0.352), MoneyStyle::French), "0,352");
    }

    proptest! {
        #[test]
        fn wire_price_parses_back_to_the_rounded_amount(cents in -10_000_000_i64..10_000_000, extra in 0_u32..100) {
            let amount = Decimal::new(cents * 100 + i64::from(extra), 4);
            let wire = wire_price(amount);
            prop_assert_eq!(parse_decimal(&wire), Some(round_cents(amount)));
            let (_, frac) = wire.split_once('.').unwrap();
            prop_assert_eq!(frac.len(), 2);
        }

        #[test]
        fn screen_amount_parses_back(cents in -100_000_000_i64..100_000_000) {
            let amount = Decimal::new(cents, 2);
            let english = format_amount(amount, MoneyStyle::English);
            prop_assert_eq!(parse_decimal(&english), Some(amount));
            let french = format_amount(amount, MoneyStyle::French);
            prop_assert_eq!(parse_decimal(&french), Some(amount));
        }

        #[test]
        fn quantity_round_trips(milli in -1_000_000_i64..1_000_000) {
            let q = Decimal::new(milli, 3);
            prop_assert_eq!(parse_decimal(&wire_quantity(q)), Some(q.normalize()));
        }

        #[test]
        fn the_plain_form_reads_as_the_full_reading_reads_it(s in "-?[0-9]{0,30}(\\.[0-9]{0,30})?") {
            // Same value and same scale (`1.30` stays two places), or left to the full reading.
            if let Some(plain) = plain_decimal(&s) {
                let full = any_decimal(&s);
                prop_assert_eq!(Some(plain), full);
                prop_assert_eq!(Some(plain.scale()), full.map(|d| d.scale()));
            }
        }

        #[test]
        fn parse_never_panics(s in ".{0,20}") {
            let _ = parse_decimal(&s);
        }
    }
}
