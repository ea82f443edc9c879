//! A scanned code the catalog does not know: search by name, a free line, or nothing.

use super::super::actions::say;
use super::super::keymap::Action;
use super::super::screen::Flow;
use super::super::state::{App, Severity};
use super::departments;

pub fn on_key(app: &mut App, code: &str, action: Option<Action>) -> Flow {
    match action {
        Some(Action::Accept) => {
            app.entry.clear();
            say(
                app,
                Severity::Info,
                "msg-type-name",
                &[("code", crate::i18n::s(code))],
            );
            Flow::sale()
        }
        Some(Action::OpenDepartments) => Flow::sale().then(departments::open(app)),
        Some(Action::Cancel) => Flow::sale(),
        _ => Flow::stay(),
    }
}
