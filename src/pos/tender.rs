//! Tenders and change: what the customer hands over and what the till gives back.

use rust_decimal::Decimal;

use crate::money::round_cents;

/// The change due on a cash payment, or `None` when the tender does not cover the total (or
/// the difference is beyond what a decimal holds: no till hands that back).
pub fn change_due(total: Decimal, tendered: Decimal) -> Option<Decimal> {
    let change = round_cents(tendered).checked_sub(round_cents(total))?;
    (change >= Decimal::ZERO).then_some(change)
}

/// What remains to pay after the payments made so far (never negative; saturated).
pub fn remaining(total: Decimal, paid: Decimal) -> Decimal {
    round_cents(total)
        .saturating_sub(round_cents(paid))
        .max(Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn change() {
        assert_eq!(change_due(dec!(12.30), dec!(50)), Some(dec!(37.70)));
        assert_eq!(change_due(dec!(12.30), dec!(12.30)), Some(dec!(0)));
        assert_eq!(change_due(dec!(12.30), dec!(10)), None);
        assert_eq!(remaining(dec!(12.30), dec!(20)), dec!(0));
        assert_eq!(remaining(dec!(12.30), dec!(10)), dec!(2.30));
        // Absurd tenders are no panic.
        assert_eq!(change_due(dec!(-1), Decimal::MAX), None);
        assert_eq!(remaining(Decimal::MAX, Decimal::MIN), Decimal::MAX);
    }
}
