//! The payment screen (F9): every payment mode, validate without payment, keep the order open.
//! `pay_with` is also what F1…F8 do on the sale screen.

use crossterm::event::{KeyCode, KeyEvent};

use rust_decimal::Decimal;

use crate::kash::model::PaymentMode;
use crate::kash::order::Payment;
use crate::money::{format_money, parse_decimal};
use crate::pos::tender::{self, Tendered};

use super::super::actions::say;
use super::super::actions::{build_order, info, step, submit};
use super::super::effect::Effect;
use super::super::keymap::Action;
use super::super::screen::Submission;
use super::super::screen::{Flow, Screen};
use super::super::state::{App, Severity};
use crate::i18n;

/// Pays the basket with the `index`-th mode. An amount typed first is tendered with that mode
/// (amount first): cash over what is due records the sale with the change; less than what is
/// due leaves the rest due for the next tender (split at the counter). With no amount, cash
/// asks for it and the other modes pay what is due.
pub fn pay_with(app: &mut App, index: usize) -> Flow {
    let typed = app.entry.trim().to_string();
    if !typed.is_empty() {
        let Some(amount) = parse_decimal(&typed).filter(|a| *a <= app.limits.max_line_total) else {
            say(
                app,
                Severity::Error,
                "msg-typed-not-tender",
                &[("typed", i18n::s(typed))],
            );
            return Flow::stay();
        };
        let Some(mode) = app.lists.payment_modes.get(index).cloned() else {
            say(
                app,
                Severity::Warning,
                "msg-no-payment-mode",
                &[("key", i18n::s(format!("F{}", index + 1)))],
            );
            return Flow::stay();
        };
        return tender(app, &mode, Some(amount));
    }
    if !app.tenders.is_empty() {
        let Some(mode) = app.lists.payment_modes.get(index).cloned() else {
            return Flow::stay();
        };
        if mode.is_cash() {
            return Flow::to(Screen::Tender { mode_index: index });
        }
        return tender(app, &mode, None);
    }
    pay_whole(app, index)
}

/// One tender towards what is due: `amount` handed over with `mode` (`None`: exactly what is
/// due). The last one records the sale; one before it leaves the rest due.
pub fn tender(app: &mut App, mode: &PaymentMode, amount: Option<Decimal>) -> Flow {
    if app.basket.is_empty() {
        say(app, Severity::Error, "msg-basket-empty", &[]);
        return Flow::stay();
    }
    let style = app.settings.money_style;
    let lang = app.settings.lang;
    let due = app.due();
    if due.is_zero() && !app.tenders.is_empty() {
        return finish(app, None);
    }
    let (pays, _change) = match tender::part_payment(mode, due, amount, style, lang) {
        Ok(v) => v,
        Err(why) => {
            info(app, Severity::Error, why);
            return Flow::stay();
        }
    };
    app.entry.clear();
    // What was handed over in all, for the change on the receipt (cash only).
    let handed = mode
        .is_cash()
        .then(|| app.tendered().saturating_add(amount.unwrap_or(pays)));
    app.tenders.push(Tendered {
        mode_id: mode.id,
        title: mode.title.clone(),
        amount: pays,
    });
    let rest = app.due();
    if rest.is_zero() {
        return finish(app, handed);
    }
    say(
        app,
        Severity::Info,
        "msg-part-tendered",
        &[
            ("amount", i18n::s(format_money(pays, style))),
            ("mode", i18n::s(mode.title.clone())),
            ("due", i18n::s(format_money(rest, style))),
        ],
    );
    Flow::sale()
}

/// Everything is tendered: one tender is one order paid with its mode; several are the order
/// and its parts, journaled as one unit. `handed`: what the customer handed over in all (cash),
/// for the change on the receipt.
fn finish(app: &mut App, handed: Option<Decimal>) -> Flow {
    let total = app.basket.total();
    if let [only] = app.tenders.as_slice() {
        let (id, title) = (only.mode_id, only.title.clone());
        app.tenders.clear();
        return submit(app, Payment::Mode(id), title, handed);
    }
    let style = app.settings.money_style;
    let label = app
        .tenders
        .iter()
        .map(|t| format!("{} {}", t.title, format_money(t.amount, style)))
        .collect::<Vec<_>>()
        .join(" + ");
    let parts: Vec<(u64, Decimal)> = app.tenders.iter().map(|t| (t.mode_id, t.amount)).collect();
    let order = build_order(app, Payment::Validated);
    let submission = Submission {
        payment: Payment::Validated,
        payment_label: label,
        total,
        tendered: handed,
        seq: None,
        reference: None,
    };
    app.tenders.clear();
    say(app, Severity::Info, "msg-sending-order", &[]);
    Flow::to(Screen::Submitting(submission)).with(vec![Effect::RecordSplit {
        order: Box::new(order),
        parts,
        total,
    }])
}

/// The whole basket with the `index`-th mode: cash asks for the amount tendered, the others
/// send at once.
fn pay_whole(app: &mut App, index: usize) -> Flow {
    let Some(mode) = app.lists.payment_modes.get(index).cloned() else {
        say(
            app,
            Severity::Warning,
            "msg-no-payment-mode",
            &[("key", i18n::s(format!("F{}", index + 1)))],
        );
        return Flow::stay();
    };
    if app.basket.is_empty() {
        say(app, Severity::Error, "msg-basket-empty", &[]);
        return Flow::stay();
    }
    let style = app.settings.money_style;
    if let Some(why) = tender::refusal(&mode, app.basket.total(), style, app.settings.lang) {
        info(app, Severity::Error, why);
        return Flow::stay();
    }
    if mode.is_cash() {
        app.entry.clear();
        return Flow::to(Screen::Tender { mode_index: index });
    }
    submit(app, Payment::Mode(mode.id), mode.title.clone(), None)
}

pub fn on_key(app: &mut App, selected: &mut usize, action: Option<Action>, key: KeyEvent) -> Flow {
    let n = app.lists.payment_modes.len();
    match action {
        Some(Action::PayWith(i)) => pay_with(app, usize::from(i)),
        Some(Action::Up) => {
            *selected = step(*selected, -1, n);
            Flow::stay()
        }
        Some(Action::Down) => {
            *selected = step(*selected, 1, n);
            Flow::stay()
        }
        Some(Action::Accept) => pay_with(app, *selected),
        Some(Action::ValidateUnpaid) => submit(
            app,
            Payment::Validated,
            app.settings.lang.t("payment-validated-unpaid"),
            None,
        ),
        Some(Action::KeepOpen) => {
            let label = app.settings.lang.t("payment-open-order");
            submit(app, Payment::Open, label, None)
        }
        Some(Action::Cancel) => Flow::sale(),
        _ => match key.code {
            // The mode's number pays with it.
            KeyCode::Char(c) => match c.to_digit(10).map(|d| d as usize) {
                Some(d) if d >= 1 && d <= n => pay_with(app, d - 1),
                _ => Flow::stay(),
            },
            _ => Flow::stay(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::screen::Submission;
    use crate::app::testing::{char, shop};
    use crate::pos::basket::BasketLine;
    use rust_decimal_macros::dec;

    #[test]
    fn cash_asks_the_amount_a_card_sends_at_once() {
        let mut app = shop();
        app.basket.add(BasketLine::free(None, dec!(12), None));
        assert_eq!(
            pay_with(&mut app, 0),
            Flow::to(Screen::Tender { mode_index: 0 })
        );
        let flow = pay_with(&mut app, 1);
        let Some(Screen::Submitting(Submission {
            total,
            payment_label,
            ..
        })) = &flow.next
        else {
            panic!("{flow:?}")
        };
        assert_eq!(
            (*total, payment_label.as_str()),
            (dec!(12), "Carte bancaire")
        );
        assert!(matches!(
            flow.effects.as_slice(),
            [crate::app::effect::Effect::Record(..)]
        ));
    }

    #[test]
    fn a_refused_mode_leaves_the_whole_state_as_it_was_but_the_message() {
        let mut app = shop();
        app.basket.add(BasketLine::free(None, dec!(5), None));
        let before = app.clone();
        // The cheque needs 10,00 €: nothing changes but the message saying so.
        assert_eq!(pay_with(&mut app, 2), Flow::stay());
        assert!(
            app.message
                .take()
                .is_some_and(|m| m.text.contains("at least"))
        );
        assert_eq!(app, before);
    }

    #[test]
    fn arrows_stay_inside_the_modes_and_a_digit_pays() {
        let mut app = shop();
        app.basket.add(BasketLine::free(None, dec!(30), None));
        let mut selected = 0;
        let _ = on_key(&mut app, &mut selected, Some(Action::Up), char('x'));
        assert_eq!(selected, 0);
        for _ in 0..20 {
            let _ = on_key(&mut app, &mut selected, Some(Action::Down), char('x'));
        }
        assert_eq!(selected, app.lists.payment_modes.len() - 1);
        let flow = on_key(&mut app, &mut selected, None, char('2'));
        assert!(matches!(flow.next, Some(Screen::Submitting(_))));
        assert_eq!(
            on_key(&mut app, &mut selected, Some(Action::Cancel), char('x')),
            Flow::sale()
        );
    }
}
