//! Refunds (Ctrl-R on an empty basket): choose a validated order of the last week, then the
//! quantities to refund; the refund goes in the basket, to pay out with a refund mode.

use rust_decimal::Decimal;

use crate::kash::model::PendingOrder;
use crate::pos::basket::{BasketLine, LineKind};

use super::super::actions::{capitalise, say};
use super::super::actions::{reset_sale, step};
use super::super::keymap::Action;
use super::super::screen::{Flow, RefundOrdersState, RefundState, Screen};
use super::super::state::{App, Severity};

/// The orders to refund from.
pub fn orders_key(app: &mut App, s: &mut RefundOrdersState, action: Option<Action>) -> Flow {
    let n = s.orders.len();
    match action {
        Some(Action::Up) => s.selected = step(s.selected, -1, n),
        Some(Action::Down) => s.selected = step(s.selected, 1, n),
        Some(Action::Accept) => {
            if let Some(o) = s.orders.get(s.selected) {
                let left = s.left(o);
                if left.iter().all(Decimal::is_zero) {
                    let order = app.settings.lang.order_label(o);
                    say(
                        app,
                        Severity::Warning,
                        "msg-refund-nothing-left",
                        &[("order", crate::i18n::s(capitalise(&order)))],
                    );
                    return Flow::stay();
                }
                return Flow::to(Screen::RefundLines(rest(o.clone(), left)));
            }
        }
        Some(Action::Cancel) => return Flow::sale(),
        _ => {}
    }
    Flow::stay()
}

/// Every line of `order`, all that is `left` of each, to refund.
pub fn rest(order: PendingOrder, left: Vec<Decimal>) -> RefundState {
    RefundState {
        quantities: left.clone(),
        left,
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
            if let (Some(q), Some(left)) =
                (s.quantities.get_mut(s.selected), s.left.get(s.selected))
            {
                let delta = if action == Some(Action::QuantityPlus) {
                    Decimal::ONE
                } else {
                    Decimal::NEGATIVE_ONE
                };
                *q = (*q + delta).max(Decimal::ZERO).min(*left);
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
    app.orders.context.refund_of = Some(s.order.order_id);
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
        let Some(Screen::RefundLines(mut s)) =
            orders_key(&mut app, &mut orders, Some(Action::Accept)).next
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
        assert_eq!(
            app.orders.context.private_comment,
            "Refund of order 17724460"
        );
        assert_eq!(app.orders.context.refund_of, Some(17_724_460));
        let order =
            super::super::super::actions::build_order(&app, crate::kash::order::Payment::Mode(8));
        assert_eq!(
            order.private_comment.as_deref(),
            Some("Refund of order 17724460 [kash-pos refund-of 17724460]")
        );
    }

    #[test]
    fn only_what_is_left_is_offered_and_nothing_left_is_said() {
        let mut app = shop();
        let order = app.orders.pending.orders[0].clone();
        let mut refund = order.clone();
        refund.order_id = 300;
        refund.private_comment = crate::pos::refund::tag(order.order_id);
        for l in &mut refund.items {
            l.quantity = -l.quantity;
        }
        refund.items.remove(0);
        let mut orders = RefundOrdersState {
            orders: vec![order.clone()],
            refunds: vec![crate::pos::refund::Refund::from_listed(&refund).unwrap()],
            ..RefundOrdersState::default()
        };
        let Some(Screen::RefundLines(mut s)) =
            orders_key(&mut app, &mut orders, Some(Action::Accept)).next
        else {
            panic!()
        };
        assert_eq!(s.left, vec![order.items[0].quantity, dec!(0)]);
        assert_eq!(s.quantities, s.left);
        // The coffees are all given back already: + does not offer them again.
        let _ = lines_key(&mut app, &mut s, Some(Action::Down));
        let _ = lines_key(&mut app, &mut s, Some(Action::QuantityPlus));
        assert_eq!(s.quantities[1], dec!(0));
        // Once the rest is refunded too, nothing is left: said, and the list stays.
        let mut rest = refund.clone();
        rest.order_id = 301;
        rest.items = vec![order.items[0].clone()];
        rest.items[0].quantity = -rest.items[0].quantity;
        orders
            .journal_refunds
            .push(crate::pos::refund::Refund::from_listed(&rest).unwrap());
        let flow = orders_key(&mut app, &mut orders, Some(Action::Accept));
        assert_eq!(flow, Flow::stay());
        let said = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(said.contains("nothing is left"), "{said}");
    }
}
