//! The help: every key of every screen, from the keymap; it scrolls.

use super::super::actions::PAGE;
use super::super::keymap::Action;
use super::super::screen::{Flow, Screen};

pub fn on_key(previous: &mut Box<Screen>, scroll: &mut u16, action: Option<Action>) -> Flow {
    let page = u16::try_from(PAGE).unwrap_or(u16::MAX);
    match action {
        Some(Action::Cancel) => return Flow::to(std::mem::replace(&mut **previous, Screen::Sale)),
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::Down) => *scroll = scroll.saturating_add(1),
        Some(Action::PageUp) => *scroll = scroll.saturating_sub(page),
        Some(Action::PageDown) => *scroll = scroll.saturating_add(page),
        _ => {}
    }
    Flow::stay()
}
