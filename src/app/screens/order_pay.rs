//! Payments of a recalled order: one mode for the whole, or split across modes, with what is
//! still due after each; validate without payment.

use crossterm::event::KeyEvent;

use crate::kash::order::Payment;
use crate::money::{format_money, parse_decimal};
use crate::pos::tender;

use super::super::actions::{Field, capitalise, edit, reset_sale, step};
use super::super::keymap::Action;
use super::super::recall::{edit_request, sending};
use super::super::screen::{Flow, PayState, Purpose};
use super::super::state::App;

pub fn on_key(app: &mut App, s: &mut PayState, action: Option<Action>, key: KeyEvent) -> Flow {
    if s.done.is_some() {
        // Paid in full: any key goes on to a new sale.
        reset_sale(app);
        app.message = None;
        return Flow::sale();
    }
    let n = app.lists.payment_modes.len();
    match action {
        Some(Action::Up) => s.selected = step(s.selected, -1, n),
        Some(Action::Down) => s.selected = step(s.selected, 1, n),
        Some(Action::PayWith(i)) => return pay(app, s, usize::from(i)),
        Some(Action::Accept) => {
            let i = s.selected;
            return pay(app, s, i);
        }
        Some(Action::ValidateUnpaid) => {
            let Some(r) = &app.orders.recalled else {
                return Flow::stay();
            };
            if r.order.validated {
                let l = app.settings.lang;
                s.error = Some(l.ta(
                    "msg-already-validated",
                    &[(
                        "order",
                        crate::i18n::s(capitalise(&l.order_label(&r.order))),
                    )],
                ));
            } else if let Some(edit) = edit_request(app, Payment::Validated, None, false) {
                let l = app.settings.lang;
                let label = l.ta(
                    "msg-validating",
                    &[("order", crate::i18n::s(l.order_label(&r.order)))],
                );
                return sending(app, label, Purpose::Validate, edit);
            }
        }
        Some(Action::Cancel) => return Flow::sale(),
        _ => {
            if edit(&mut s.amount, &key, Field::Amount) {
                s.error = None;
            }
        }
    }
    Flow::stay()
}

/// One payment with the `index`-th mode: the amount typed, or what is due.
pub fn pay(app: &mut App, s: &mut PayState, index: usize) -> Flow {
    let style = app.settings.money_style;
    let Some(due) = app
        .orders
        .recalled
        .as_ref()
        .map(crate::pos::sale::Recalled::due)
    else {
        return Flow::sale();
    };
    let Some(mode) = app.lists.payment_modes.get(index).cloned() else {
        s.error = Some(app.settings.lang.ta(
            "msg-no-payment-mode",
            &[("key", crate::i18n::s((index + 1).to_string()))],
        ));
        return Flow::stay();
    };
    s.selected = index;
    // Lines the till could not read: nobody pays for a basket they have not seen without
    // having read the server's total first (the same key again pays).
    let unreadable = app
        .orders
        .recalled
        .as_ref()
        .map_or(0, |r| r.order.unreadable_lines);
    if unreadable > 0 && !s.total_confirmed {
        let total = app
            .orders
            .recalled
            .as_ref()
            .map_or(due, crate::pos::sale::Recalled::total);
        s.total_confirmed = true;
        s.error = Some(app.settings.lang.ta(
            "msg-unreadable-confirm",
            &[
                ("count", crate::i18n::n(unreadable)),
                (
                    "total",
                    crate::i18n::s(crate::money::format_money(total, style)),
                ),
            ],
        ));
        return Flow::stay();
    }
    let typed = s.amount.trim().to_string();
    let amount = if typed.is_empty() {
        None
    } else if let Some(a) = parse_decimal(&typed) {
        Some(a)
    } else {
        s.error = Some(app.settings.lang.ta(
            "msg-not-an-amount",
            &[("typed", crate::i18n::s(format!("{typed:?}")))],
        ));
        return Flow::stay();
    };
    let (send, change) = match tender::part_payment(&mode, due, amount, style, app.settings.lang) {
        Ok(v) => v,
        Err(e) => {
            s.error = Some(e);
            return Flow::stay();
        }
    };
    let Some(edit) = edit_request(app, Payment::Mode(mode.id), Some(send), false) else {
        return Flow::stay();
    };
    let label = app.settings.lang.ta(
        "msg-recording-payment",
        &[
            ("amount", crate::i18n::s(format_money(send, style))),
            ("mode", crate::i18n::s(mode.title.as_str())),
        ],
    );
    sending(
        app,
        label,
        Purpose::Pay {
            mode_title: mode.title.clone(),
            amount: send,
            change,
            state: s.clone(),
        },
        edit,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::effect::Effect;
    use crate::app::screen::Screen;
    use crate::app::testing::{char, shop};
    use crate::pos::sale::Recalled;
    use rust_decimal_macros::dec;

    fn recalled() -> App {
        let mut app = shop();
        let order = app.orders.pending.orders[0].clone();
        app.orders.recalled = Some(Recalled::new(order));
        app
    }

    #[test]
    fn a_part_payment_goes_to_edit_order_with_its_amount() {
        let mut app = recalled();
        let mut s = PayState::default();
        for c in "10".chars() {
            let _ = on_key(&mut app, &mut s, None, char(c));
        }
        let flow = on_key(&mut app, &mut s, Some(Action::PayWith(1)), char('x'));
        let [Effect::Edit(edit)] = flow.effects.as_slice() else {
            panic!("{flow:?}")
        };
        assert_eq!(edit.payment_amount, Some(dec!(10)));
        assert_eq!(edit.order_id, 17_724_460);
        assert!(matches!(flow.next, Some(Screen::Sending { .. })));
    }

    #[test]
    fn a_card_over_what_is_due_is_refused_on_the_screen() {
        let mut app = recalled();
        let mut s = PayState {
            amount: "50".into(),
            ..PayState::default()
        };
        let flow = on_key(&mut app, &mut s, Some(Action::PayWith(1)), char('x'));
        assert_eq!(flow, Flow::stay());
        assert!(
            s.error
                .as_deref()
                .is_some_and(|e| e.contains("cannot take more"))
        );
    }

    #[test]
    fn unreadable_lines_are_paid_only_after_the_server_total_is_shown() {
        let mut app = recalled();
        if let Some(r) = &mut app.orders.recalled {
            r.order.unreadable_lines = 2;
        }
        let mut s = PayState::default();
        let flow = on_key(&mut app, &mut s, Some(Action::PayWith(1)), char('x'));
        assert_eq!(flow, Flow::stay(), "nothing sent before the total is seen");
        let said = s.error.clone().unwrap_or_default();
        assert!(said.contains("2 lines") && said.contains("22,50"), "{said}");
        let flow = on_key(&mut app, &mut s, Some(Action::PayWith(1)), char('x'));
        assert!(
            matches!(flow.effects.as_slice(), [Effect::Edit(_)]),
            "{flow:?}"
        );
    }

    #[test]
    fn paid_in_full_any_key_starts_a_new_sale() {
        let mut app = recalled();
        let mut s = PayState {
            done: Some(dec!(0)),
            ..PayState::default()
        };
        assert_eq!(on_key(&mut app, &mut s, None, char('x')), Flow::sale());
        assert!(app.orders.recalled.is_none());
    }
}
