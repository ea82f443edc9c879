//! The payment screen (F9): every payment mode, validate without payment, keep the order open.
//! `pay_with` is also what F1…F8 do on the sale screen.

use crossterm::event::{KeyCode, KeyEvent};

use crate::kash::order::Payment;
use crate::pos::tender;

use super::super::actions::say;
use super::super::actions::{info, step, submit};
use super::super::keymap::Action;
use super::super::screen::{Flow, Screen};
use super::super::state::{App, Severity};
use crate::i18n;

/// Pays the basket with the `index`-th mode: cash asks for the amount tendered, the others
/// send at once.
pub fn pay_with(app: &mut App, index: usize) -> Flow {
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
    if let Some(why) = tender::refusal(&mode, app.basket.total(), style) {
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
