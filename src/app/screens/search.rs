//! The name search: the entry line is the query; results narrow as the cashier types.

use crossterm::event::KeyEvent;
use rust_decimal::Decimal;

use super::super::actions::say;
use super::super::actions::{
    Field, PAGE, add_item, edit, search, split_quantity, starts_search, step,
};
use super::super::keymap::Action;
use super::super::screen::{Flow, SearchState};
use super::super::state::{App, Severity};

pub fn on_key(app: &mut App, s: &mut SearchState, action: Option<Action>, key: KeyEvent) -> Flow {
    let n = s.results.len();
    let page = PAGE.cast_signed();
    match action {
        Some(Action::Up) => s.selected = step(s.selected, -1, n),
        Some(Action::Down) => s.selected = step(s.selected, 1, n),
        Some(Action::PageUp) => s.selected = step(s.selected, -page, n),
        Some(Action::PageDown) => s.selected = step(s.selected, page, n),
        Some(Action::Cancel) => {
            app.entry.clear();
            return Flow::sale();
        }
        Some(Action::Accept) => {
            let Some(id) = s.results.get(s.selected).copied() else {
                say(app, Severity::Warning, "msg-search-none", &[]);
                return Flow::stay();
            };
            app.entry.clear();
            let quantity = s.quantity.unwrap_or(Decimal::ONE);
            return Flow::sale().then(Flow::from(add_item(app, id, quantity)));
        }
        _ => {
            if edit(&mut app.entry, &key, Field::Text) {
                return match split_quantity(&app.entry) {
                    Ok((quantity, rest)) if starts_search(rest) => {
                        Flow::to(search(app, quantity, rest))
                    }
                    _ => Flow::sale(),
                };
            }
        }
    }
    Flow::stay()
}
