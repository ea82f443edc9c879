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
fn pay(app: &mut App, s: &mut PayState, index: usize) -> Flow {
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
    let (send, change) = match tender::part_payment(&mode, due, amount, style) {
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
