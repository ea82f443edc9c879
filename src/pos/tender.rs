//! Every payment rule, once: what a mode may take (sale or refund, minimum, maximum), change on
//! cash, what is still due. The sale screen and a recalled order's payments both call these.

use rust_decimal::Decimal;

use crate::i18n::{Lang, s};
use crate::kash::model::PaymentMode;
use crate::money::{MoneyStyle, format_money, round_cents};

/// A part of the sale already tendered at the counter (split payment): the mode and what it
/// pays of the sale (change excluded).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tendered {
    pub mode_id: u64,
    pub title: String,
    pub amount: Decimal,
}

/// What the tenders so far pay of the sale.
pub fn tendered_sum(tenders: &[Tendered]) -> Decimal {
    tenders
        .iter()
        .fold(Decimal::ZERO, |sum, t| sum.saturating_add(t.amount))
}

/// The change due on a cash payment, or `None` when the tender does not cover the total (or
/// the difference is beyond what a decimal holds: no till hands that back).
pub fn change_due(total: Decimal, tendered: Decimal) -> Option<Decimal> {
    let change = round_cents(tendered).checked_sub(round_cents(total))?;
    (change >= Decimal::ZERO).then_some(change)
}

/// What remains to pay after the payments made so far: never below zero for a sale, never
/// above zero for a refund (a negative total).
pub fn still_due(total: Decimal, paid: Decimal) -> Decimal {
    let due = round_cents(total).saturating_sub(round_cents(paid));
    if total >= Decimal::ZERO {
        due.max(Decimal::ZERO)
    } else {
        due.min(Decimal::ZERO)
    }
}

/// Why `mode` cannot take a payment of `amount` (the sign says sale or refund), if it cannot:
/// a refund mode pays out refunds only, and the mode's minimum and maximum apply.
pub fn refusal(
    mode: &PaymentMode,
    amount: Decimal,
    style: MoneyStyle,
    lang: Lang,
) -> Option<String> {
    let title = || ("mode", s(mode.title.clone()));
    if amount < Decimal::ZERO && !mode.is_refund() {
        return Some(lang.ta("tender-refund-mode-needed", &[title()]));
    }
    if amount >= Decimal::ZERO && mode.is_refund() {
        return Some(lang.ta("tender-not-a-refund", &[title()]));
    }
    limits(mode, amount.abs(), style, lang, false)
}

/// The mode's minimum and maximum, for an amount already known to be of the right sign.
fn limits(
    mode: &PaymentMode,
    amount: Decimal,
    style: MoneyStyle,
    lang: Lang,
    part: bool,
) -> Option<String> {
    let args = |limit: Decimal| {
        [
            ("mode", s(mode.title.clone())),
            ("amount", s(format_money(limit, style))),
        ]
    };
    if let Some(min) = mode.minimum_amount
        && amount < min
    {
        return Some(lang.ta("tender-minimum", &args(min)));
    }
    if let Some(max) = mode.maximum_amount
        && amount > max
    {
        let id = if part {
            "tender-maximum-part"
        } else {
            "tender-maximum"
        };
        return Some(lang.ta(id, &args(max)));
    }
    None
}

/// One payment towards what an open order still owes: `typed` is the amount handed over (or
/// `None` for exactly what is due). Returns what to record and the change to give back.
pub fn part_payment(
    mode: &PaymentMode,
    due: Decimal,
    typed: Option<Decimal>,
    style: MoneyStyle,
    lang: Lang,
) -> Result<(Decimal, Option<Decimal>), String> {
    let title = || ("mode", s(mode.title.clone()));
    if due.is_zero() {
        return Err(lang.t("tender-nothing-due"));
    }
    let refund = due < Decimal::ZERO;
    if refund != mode.is_refund() {
        return Err(if refund {
            lang.ta("tender-refund-order", &[title()])
        } else {
            lang.ta("tender-is-refund-mode", &[title()])
        });
    }
    if refund {
        return Ok((due, None));
    }
    let amount = typed.map_or(due, round_cents);
    if amount <= Decimal::ZERO {
        return Err(lang.t("tender-not-positive"));
    }
    let (send, change) = if amount > due {
        if !mode.is_cash() {
            return Err(lang.ta(
                "tender-over-due",
                &[title(), ("amount", s(format_money(due, style)))],
            ));
        }
        (due, Some(amount - due))
    } else {
        (amount, None)
    };
    match limits(mode, send, style, lang, true) {
        Some(why) => Err(why),
        None => Ok((send, change)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kash::model::PaymentKind;
    use rust_decimal_macros::dec;

    const FR: MoneyStyle = MoneyStyle::French;
    const EN: Lang = Lang::En;

    fn card() -> PaymentMode {
        let mut m = PaymentMode::new(2, "Card", PaymentKind::CreditCard, false);
        m.minimum_amount = Some(dec!(1));
        m.maximum_amount = Some(dec!(100));
        m
    }

    fn cash() -> PaymentMode {
        PaymentMode::new(1, "Cash", PaymentKind::Cash, false)
    }

    fn cash_refund() -> PaymentMode {
        PaymentMode::new(3, "Cash refund", PaymentKind::Cash, true)
    }

    #[test]
    fn change() {
        assert_eq!(change_due(dec!(12.30), dec!(50)), Some(dec!(37.70)));
        assert_eq!(change_due(dec!(12.30), dec!(12.30)), Some(dec!(0)));
        assert_eq!(change_due(dec!(12.30), dec!(10)), None);
        assert_eq!(still_due(dec!(12.30), dec!(20)), dec!(0));
        assert_eq!(still_due(dec!(12.30), dec!(10)), dec!(2.30));
        assert_eq!(still_due(dec!(-5), dec!(0)), dec!(-5));
        assert_eq!(still_due(dec!(-5), dec!(-8)), dec!(0));
    }

    #[test]
    fn refusals_of_a_whole_payment() {
        assert_eq!(refusal(&cash(), dec!(10), FR, EN), None);
        assert_eq!(
            refusal(&cash(), dec!(-10), FR, EN).as_deref(),
            Some("Negative total: pay with a refund mode, not Cash")
        );
        assert_eq!(
            refusal(&cash_refund(), dec!(10), FR, EN).as_deref(),
            Some("Cash refund is a refund mode: the total is not negative")
        );
        assert_eq!(refusal(&cash_refund(), dec!(-10), FR, EN), None);
        assert!(refusal(&card(), dec!(0.50), FR, EN).is_some_and(|m| m.contains("at least")));
        assert!(refusal(&card(), dec!(150), FR, EN).is_some_and(|m| m.contains("at most")));
    }

    #[test]
    fn part_payments_of_an_open_order() {
        // Cash over what is due gives change; a card cannot take more than is due.
        assert_eq!(
            part_payment(&cash(), dec!(12.30), Some(dec!(20)), FR, EN),
            Ok((dec!(12.30), Some(dec!(7.70))))
        );
        assert!(part_payment(&card(), dec!(12.30), Some(dec!(20)), FR, EN).is_err());
        assert_eq!(
            part_payment(&card(), dec!(12.30), None, FR, EN),
            Ok((dec!(12.30), None))
        );
        assert_eq!(
            part_payment(&card(), dec!(12.30), Some(dec!(5)), FR, EN),
            Ok((dec!(5), None))
        );
        assert_eq!(
            part_payment(&cash(), dec!(0), None, FR, EN),
            Err("Nothing is due".to_string())
        );
        assert!(part_payment(&cash(), dec!(-4), None, FR, EN).is_err());
        assert_eq!(
            part_payment(&cash_refund(), dec!(-4), Some(dec!(99)), FR, EN),
            Ok((dec!(-4), None))
        );
        assert!(part_payment(&cash(), dec!(5), Some(dec!(0)), FR, EN).is_err());
        let over = part_payment(&card(), dec!(500), None, FR, EN);
        assert!(over.is_err_and(|m| m.ends_with(": type the amount for it")));
        // Absurd tenders are no panic.
        assert_eq!(change_due(dec!(-1), Decimal::MAX), None);
        assert_eq!(still_due(Decimal::MAX, Decimal::MIN), Decimal::MAX);
    }
}
