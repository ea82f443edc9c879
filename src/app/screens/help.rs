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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_goes_back_to_where_the_help_was_opened() {
        let mut previous = Box::new(Screen::Tables { selected: 1 });
        let mut scroll = 0;
        let _ = on_key(&mut previous, &mut scroll, Some(Action::PageDown));
        let _ = on_key(&mut previous, &mut scroll, Some(Action::Up));
        assert_eq!(scroll, 9);
        let flow = on_key(&mut previous, &mut scroll, Some(Action::Cancel));
        assert_eq!(flow, Flow::to(Screen::Tables { selected: 1 }));
    }
}
