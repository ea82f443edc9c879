//! The sale is recorded (or queued, provisional): any key goes on to the next sale, and typed
//! text (a scan) is the next sale's first key.

use crossterm::event::KeyEvent;

use super::super::keymap::{Action, Context, lookup};
use super::super::screen::Flow;
use super::super::state::App;
use super::sale;

pub fn on_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Flow {
    app.message = None;
    if action == Some(Action::PrintReceipt) {
        return super::super::printing::print_key(app);
    }
    if action.is_some() {
        return Flow::sale();
    }
    let action = lookup(app.keymap, Context::Sale, &key);
    Flow::sale().then(sale::on_key(app, action, key))
}
