//! Cash tendered: the amount handed over is typed in the entry line; Enter alone is the exact
//! amount due. Less than what is due is one part of a split payment; the change due shows on
//! the receipt.

use crossterm::event::KeyEvent;

use crate::money::parse_decimal;

use super::super::actions::say;
use super::super::actions::{Field, edit};
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
            let typed = app.entry.trim().to_string();
            let tendered = if typed.is_empty() {
                None
            } else if let Some(t) = parse_decimal(&typed) {
                Some(t)
            } else {
                say(
                    app,
                    Severity::Error,
                    "msg-not-an-amount",
                    &[("typed", i18n::s(format!("{typed:?}")))],
                );
                return Flow::stay();
            };
            // Less than what is due is a part: the rest stays due (split at the counter).
            super::payment::tender(app, &mode, tendered)
        }
        _ => {
            edit(&mut app.entry, &key, Field::Amount);
            Flow::stay()
        }
    }
}
