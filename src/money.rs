//! Money and quantities over `rust_decimal`: tolerant parsing of what the wire and the cashier send,
//! explicit rounding, and formatting for the wire (`12.50`) and for the screen (`12,50 €`).

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds an amount to cents, half away from zero (the rule French tills print).
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Parses an amount or quantity as the wire or a person writes it: `14.50`, `14,50`, ` 1 234,5 `,
/// `1,234.50`, `-3`. Returns `None` for anything else (no silent zero).
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '€' | '\''))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let last_dot = cleaned.rfind('.');
    let last_comma = cleaned.rfind(',');
    let normalized = match (last_dot, last_comma) {
        (Some(d), Some(c)) => {
            // The later separator is the decimal point; the other groups thousands.
            let (decimal, group) = if d > c { ('.', ',') } else { (',', '.') };
            cleaned
                .chars()
                .filter(|ch| *ch != group)
                .map(|ch| if ch == decimal { '.' } else { ch })
                .collect()
        }
        (None, Some(_)) => {
            if cleaned.matches(',').count() > 1 {
                return None;
            }
            cleaned.replace(',', ".")
        }
        _ => cleaned,
    };
    if normalized.matches('.').count() > 1 {
        return None;
    }
    let body = normalized.strip_prefix(['-', '+']).unwrap_or(&normalized);
    if body.is_empty() || body == "." || !body.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    normalized.parse::<Decimal>().ok()
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
            "", " ", "abc", "1.2.3", "1,2,3", "-", ".", "12a", "1e5", "NaN",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
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
        fn parse_never_panics(s in ".{0,20}") {
            let _ = parse_decimal(&s);
        }
    }
}
