//! Cash tendered: the amount handed over is typed in the entry line; Enter alone is the exact
//! amount. The change due shows on the receipt.

use crossterm::event::KeyEvent;

use crate::kash::order::Payment;
use crate::money::{format_money, parse_decimal};
use crate::pos::tender::change_due;

use super::super::actions::say;
use super::super::actions::{Field, edit, submit};
use super::super::keymap::Action;
use super::super::screen::Flow;
use super::super::state::{App, Severity};
use crate::i18n;

pub fn on_key(app: &mut App, mode_index: usize, action: Option<Action>, key: KeyEvent) -> Flow {
    match action {
        Some(Action::Cancel) => {
            app.entry.clear();
            Flow::sale()
        }
        Some(Action::Accept) => {
            let Some(mode) = app.lists.payment_modes.get(mode_index).cloned() else {
                return Flow::sale();
            };
            let total = app.basket.total();
            let typed = app.entry.trim().to_string();
            let tendered = if typed.is_empty() {
                total
            } else if let Some(t) = parse_decimal(&typed) {
                t
            } else {
                say(
                    app,
                    Severity::Error,
                    "msg-not-an-amount",
                    &[("typed", i18n::s(format!("{typed:?}")))],
                );
                return Flow::stay();
            };
            if change_due(total, tendered).is_none() {
                let style = app.settings.money_style;
                say(
                    app,
                    Severity::Error,
                    "msg-tendered-short",
                    &[
                        ("tendered", i18n::s(format_money(tendered, style))),
                        ("total", i18n::s(format_money(total, style))),
                    ],
                );
                return Flow::stay();
            }
            app.entry.clear();
            submit(
                app,
                Payment::Mode(mode.id),
                mode.title.clone(),
                Some(tendered),
            )
        }
        _ => {
            edit(&mut app.entry, &key, Field::Amount);
            Flow::stay()
        }
    }
}
