//! Refunds (Ctrl-R on an empty basket): choose a validated order of the last week, then the
//! quantities to refund; the refund goes in the basket, to pay out with a refund mode.

use rust_decimal::Decimal;

use crate::kash::model::PendingOrder;
use crate::pos::basket::{BasketLine, LineKind};

use super::super::actions::say;
use super::super::actions::{reset_sale, step};
use super::super::keymap::Action;
use super::super::screen::{Flow, RefundOrdersState, RefundState, Screen};
use super::super::state::{App, Severity};

/// The orders to refund from.
pub fn orders_key(s: &mut RefundOrdersState, action: Option<Action>) -> Flow {
    let n = s.orders.len();
    match action {
        Some(Action::Up) => s.selected = step(s.selected, -1, n),
        Some(Action::Down) => s.selected = step(s.selected, 1, n),
        Some(Action::Accept) => {
            if let Some(o) = s.orders.get(s.selected) {
                return Flow::to(Screen::RefundLines(whole(o.clone())));
            }
        }
        Some(Action::Cancel) => return Flow::sale(),
        _ => {}
    }
    Flow::stay()
}

/// Every line of `order`, in full, to refund.
pub fn whole(order: PendingOrder) -> RefundState {
    RefundState {
        quantities: order
            .items
            .iter()
            .map(|l| l.quantity.max(Decimal::ZERO))
            .collect(),
        order,
        selected: 0,
    }
}

/// The lines of the chosen order, with the quantity to refund of each.
pub fn lines_key(app: &mut App, s: &mut RefundState, action: Option<Action>) -> Flow {
    let n = s.order.items.len();
    match action {
        Some(Action::Up) => s.selected = step(s.selected, -1, n),
        Some(Action::Down) => s.selected = step(s.selected, 1, n),
        Some(Action::QuantityPlus | Action::QuantityMinus) => {
            if let (Some(q), Some(line)) = (
                s.quantities.get_mut(s.selected),
                s.order.items.get(s.selected),
            ) {
                let delta = if action == Some(Action::QuantityPlus) {
                    Decimal::ONE
                } else {
                    Decimal::NEGATIVE_ONE
                };
                *q = (*q + delta)
                    .max(Decimal::ZERO)
                    .min(line.quantity.max(Decimal::ZERO));
            }
        }
        Some(Action::RemoveLine) => {
            if let Some(q) = s.quantities.get_mut(s.selected) {
                *q = Decimal::ZERO;
            }
        }
        Some(Action::Accept) => return start(app, s),
        Some(Action::Cancel) => return Flow::sale(),
        _ => {}
    }
    Flow::stay()
}

fn start(app: &mut App, s: &RefundState) -> Flow {
    let lines: Vec<BasketLine> = s
        .order
        .items
        .iter()
        .zip(&s.quantities)
        .filter(|(_, q)| !q.is_zero())
        .map(|(l, q)| BasketLine {
            kind: if l.id == 0 {
                LineKind::Free
            } else {
                LineKind::Item { id: l.id }
            },
            title: l.title.clone(),
            quantity: -*q,
            unit_price: l.price,
            // The price and title as sold, not as the catalog has them today.
            price_overridden: true,
            title_overridden: true,
            variations: Vec::new(),
            discount: None,
            note: None,
        })
        .collect();
    if lines.is_empty() {
        say(app, Severity::Warning, "msg-nothing-to-refund", &[]);
        return Flow::stay();
    }
    reset_sale(app);
    app.basket.lines.extend(lines);
    app.orders.context.customer_id = s.order.client_id.filter(|c| *c != 0);
    let l = app.settings.lang;
    let order = l.order_label(&s.order);
    app.orders.context.private_comment = l.ta(
        "refund-comment",
        &[("order", crate::i18n::s(order.as_str()))],
    );
    let refund_key = app
        .lists
        .payment_modes
        .iter()
        .take(8)
        .position(crate::kash::model::PaymentMode::is_refund)
        .map(|i| format!(" (F{})", i + 1))
        .unwrap_or_default();
    say(
        app,
        Severity::Info,
        "msg-refund-in-basket",
        &[
            ("order", crate::i18n::s(order)),
            ("key", crate::i18n::s(refund_key)),
        ],
    );
    Flow::sale()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::shop;
    use rust_decimal_macros::dec;

    #[test]
    fn the_chosen_quantities_become_a_negative_basket() {
        let mut app = shop();
        let order = app.orders.pending.orders[0].clone();
        let mut orders = RefundOrdersState {
            orders: vec![order],
            ..RefundOrdersState::default()
        };
        let Some(Screen::RefundLines(mut s)) = orders_key(&mut orders, Some(Action::Accept)).next
        else {
            panic!()
        };
        // Not the steak; one of the two coffees.
        let _ = lines_key(&mut app, &mut s, Some(Action::RemoveLine));
        let _ = lines_key(&mut app, &mut s, Some(Action::Down));
        let _ = lines_key(&mut app, &mut s, Some(Action::QuantityMinus));
        let _ = lines_key(&mut app, &mut s, Some(Action::QuantityPlus));
        let _ = lines_key(&mut app, &mut s, Some(Action::QuantityPlus));
        assert_eq!(s.quantities, vec![dec!(0), dec!(2)]);
        let _ = lines_key(&mut app, &mut s, Some(Action::QuantityMinus));
        let flow = lines_key(&mut app, &mut s, Some(Action::Accept));
        assert_eq!(flow, Flow::sale());
        assert_eq!(app.basket.total(), dec!(-1.80));
        assert_eq!(app.orders.context.private_comment, "Refund of order 101");
    }
}
