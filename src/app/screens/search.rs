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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::screen::Screen;
    use crate::app::testing::{char, key, shop};
    use crossterm::event::KeyCode;

    fn open(app: &mut App, query: &str) -> SearchState {
        app.entry = query.to_string();
        match search(app, None, query) {
            Screen::Search(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn typing_narrows_and_enter_adds_the_selected_item() {
        let mut app = shop();
        let mut s = open(&mut app, "crois");
        assert!(!s.results.is_empty());
        let flow = on_key(&mut app, &mut s, None, char('s'));
        let Some(Screen::Search(narrowed)) = flow.next else {
            panic!("{flow:?}")
        };
        let mut s = narrowed;
        let flow = on_key(&mut app, &mut s, Some(Action::Accept), key(KeyCode::Enter));
        assert_eq!(flow, Flow::sale());
        assert_eq!(app.basket.lines.len(), 1);
        assert_eq!(app.basket.lines[0].title, "Croissant");
        assert!(app.entry.is_empty());
    }

    #[test]
    fn erasing_the_letters_goes_back_to_the_sale() {
        let mut app = shop();
        let mut s = open(&mut app, "c");
        let flow = on_key(&mut app, &mut s, None, key(KeyCode::Backspace));
        assert_eq!(flow, Flow::sale());
        assert!(app.basket.is_empty());
    }
}
