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
